/** The human report: findings grouped by checklist item, each with message, remedy, evidence and codemod. */
import { categories, categoryIds } from '../catalog.js';
import type { AuditResult, Finding } from '../audit/model.js';
import { ansiStyle, plainStyle, type Style } from '../terminal.js';
import { escapeControl } from './escape.js';
import { checkedCategories, filesWithFindings, type ReportOptions } from './options.js';

const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

// Every line starts with text of this reporter's own; whatever comes from the repository (file names, code quoted
// in messages) has its control characters escaped, so that it cannot start a line of a CI log.
function evidenceLine(finding: Finding): string {
  return finding.evidence.map((step) => `${escapeControl(step.file)}:${step.line} ${escapeControl(step.note)}`).join('\n        → ');
}

function formatFinding(finding: Finding, style: Style, migrationSkip: string | undefined): string[] {
  const where = `${escapeControl(finding.file)}:${finding.line}:${finding.column}`;
  // A finding that a migration looked at and left: running its codemod again would change nothing.
  const fix = migrationSkip !== undefined ? [`    left by stateless migrate, fix by hand: ${escapeControl(migrationSkip)}`] : finding.codemod ? [`    fix: stateless migrate --codemod ${finding.codemod}`] : [];
  return [
    `  ${style.dim(where)}  stateless/${finding.ruleId}${finding.severity === 'info' ? ' (info)' : ''}${finding.package ? `  (${escapeControl(finding.package)})` : ''}`,
    `    ${escapeControl(finding.message)}`,
    `    remedy: ${finding.remedy}`,
    `    evidence: ${evidenceLine(finding)}`,
    ...fix,
  ];
}

/** First, when it holds: the app already runs several instances on one host, so every finding bites today. */
function severalInstancesLines(result: AuditResult, style: Style): string[] {
  if (result.instancesOnOneHost.length === 0) return [];
  const where = result.instancesOnOneHost.map((step) => `${escapeControl(step.file)}:${step.line} ${escapeControl(step.note)}`);
  return [style.bold('This app already runs several instances on one host: every finding below breaks requests today, not only once it is scaled out.'), ...where.map((line) => `  ${line}`), ''];
}

/** Renders the whole result as text for a terminal or a CI log. */
export function formatText(result: AuditResult, options: ReportOptions = {}): string {
  const style = options.color ? ansiStyle : plainStyle;
  const lines: string[] = [...severalInstancesLines(result, style)];
  for (const id of categoryIds) {
    const found = result.findings.filter((finding) => finding.category === id);
    if (found.length === 0) continue;
    lines.push(style.bold(`${id} — ${categories[id].checklistItem} (${found.length})`));
    for (const finding of found) lines.push(...formatFinding(finding, style, options.migrationSkips?.get(finding.fingerprint)), '');
  }
  if (result.diagnostics.length > 0) {
    lines.push(style.bold('diagnostics:'));
    for (const diagnostic of result.diagnostics) lines.push(`  ${diagnostic.severity}: ${escapeControl(diagnostic.message)}`);
    lines.push('');
  }
  lines.push(style.bold('checklist:'));
  const checked = checkedCategories(options);
  for (const id of categoryIds) {
    const count = result.summary.byCategory[id];
    const item = `${id.padEnd(8)} ${categories[id].checklistItem}`;
    if (!checked.includes(id)) lines.push(`  - ${item} — not checked (--category)`);
    else if (count === 0) lines.push(`  ${style.green('✔')} ${item}`);
    else if (result.findings.every((finding) => finding.category !== id || finding.severity === 'info')) lines.push(`  ${style.green('✔')} ${item} — ${counted(count, 'info finding')}`);
    else lines.push(`  ${style.red('✖')} ${item} — ${counted(count, 'finding')}`);
  }
  const { total, files, suppressed, baselined } = result.summary;
  const extras = [suppressed > 0 ? `${suppressed} suppressed` : '', baselined > 0 ? `${baselined} in the baseline` : ''].filter(Boolean).join(', ');
  const infos = result.findings.filter((finding) => finding.severity === 'info').length;
  const verdict = total === 0 ? style.green('✔ no findings') : infos === total ? style.green(`✔ ${counted(total, 'info finding')}`) : style.red(`✖ ${counted(total, 'finding')}${infos > 0 ? ` (${infos} info)` : ''}`);
  const where = total === 0 ? counted(files, 'file') : `${filesWithFindings(result.findings)} of ${counted(files, 'file')}`;
  lines.push('', `${verdict} in ${where}${extras ? ` (${extras})` : ''}`);
  return `${lines.join('\n')}\n`;
}
