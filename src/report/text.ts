/** The human report: findings grouped by checklist item, each with message, remedy, evidence and codemod. */
import { categories, categoryIds } from '../catalog.js';
import type { AuditResult, Finding } from '../audit/model.js';

function evidenceLine(finding: Finding): string {
  return finding.evidence.map((step) => `${step.file}:${step.line} ${step.note}`).join('\n        → ');
}

function formatFinding(finding: Finding): string[] {
  return [
    `  ${finding.file}:${finding.line}:${finding.column}  stateless/${finding.ruleId}${finding.package ? `  (${finding.package})` : ''}`,
    `    ${finding.message}`,
    `    remedy: ${finding.remedy}`,
    `    evidence: ${evidenceLine(finding)}`,
    ...(finding.codemod ? [`    fix: stateless migrate --codemod ${finding.codemod}`] : []),
  ];
}

/** Renders the whole result as text for a terminal or a CI log. */
export function formatText(result: AuditResult): string {
  const lines: string[] = [];
  for (const id of categoryIds) {
    const found = result.findings.filter((finding) => finding.category === id);
    if (found.length === 0) continue;
    lines.push(`${id} — ${categories[id].checklistItem} (${found.length})`);
    for (const finding of found) lines.push(...formatFinding(finding), '');
  }
  if (result.diagnostics.length > 0) {
    lines.push('diagnostics:');
    for (const diagnostic of result.diagnostics) lines.push(`  ${diagnostic.severity}: ${diagnostic.message}`);
    lines.push('');
  }
  lines.push('checklist:');
  for (const id of categoryIds) {
    const count = result.summary.byCategory[id];
    lines.push(`  ${count === 0 ? '✔' : '✖'} ${id.padEnd(8)} ${categories[id].checklistItem}${count === 0 ? '' : ` — ${count} finding${count === 1 ? '' : 's'}`}`);
  }
  const { total, files, suppressed, baselined } = result.summary;
  const extras = [suppressed > 0 ? `${suppressed} suppressed` : '', baselined > 0 ? `${baselined} in the baseline` : ''].filter(Boolean).join(', ');
  lines.push('', `${total === 0 ? '✔ no findings' : `✖ ${total} finding${total === 1 ? '' : 's'}`} in ${files} file${files === 1 ? '' : 's'}${extras ? ` (${extras})` : ''}`);
  return `${lines.join('\n')}\n`;
}
