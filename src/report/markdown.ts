/** A pull-request comment: the checklist with counts, then the findings of each open item. */
import { categories, categoryIds, docsUrl } from '../catalog.js';
import type { AuditResult } from '../audit/model.js';
import { markdownCode, markdownText } from './escape.js';
import { checkedCategories, filesWithFindings, type ReportOptions } from './options.js';

export function formatMarkdown(result: AuditResult, options: ReportOptions = {}): string {
  const { total } = result.summary;
  const lines = [`## Stateless audit: ${total === 0 ? 'no findings' : `${total} finding${total === 1 ? '' : 's'}`}`, ''];
  if (result.instancesOnOneHost.length > 0) {
    lines.push('> **This app already runs several instances on one host**: every finding below breaks requests today, not only once it is scaled out.');
    for (const step of result.instancesOnOneHost) lines.push(`> - ${markdownCode(`${step.file}:${step.line}`)} ${markdownText(step.note)}`);
    lines.push('');
  }
  const checked = checkedCategories(options);
  for (const id of categoryIds) {
    const count = result.summary.byCategory[id];
    const item = `**${id}**: ${categories[id].checklistItem}`;
    if (!checked.includes(id)) lines.push(`- [ ] ${item} — not checked (--category)`);
    else lines.push(`- [${count === 0 ? 'x' : ' '}] ${item}${count === 0 ? '' : ` (${count})`}`);
  }
  for (const id of categoryIds) {
    const found = result.findings.filter((finding) => finding.category === id);
    if (found.length === 0) continue;
    lines.push('', `### ${id}`, '', '| where | rule | what | fix |', '|---|---|---|---|');
    for (const finding of found) {
      const skip = options.migrationSkips?.get(finding.fingerprint);
      const fix =
        skip !== undefined ? `left by \`stateless migrate\`, fix by hand: ${markdownText(skip)}` : finding.codemod ? `\`stateless migrate --codemod ${finding.codemod}\`` : markdownText(finding.remedy);
      const severity = finding.severity === 'info' ? ' (info)' : '';
      lines.push(`| ${markdownCode(`${finding.file}:${finding.line}`)} | [${finding.ruleId}](${docsUrl(finding.ruleId)})${severity} | ${markdownText(finding.message)} | ${fix} |`);
    }
  }
  const { suppressed, baselined, files } = result.summary;
  lines.push('', `<sub>${files} files audited · ${filesWithFindings(result.findings)} with findings · ${suppressed} suppressed · ${baselined} in the baseline · ${result.diagnostics.length} diagnostics</sub>`);
  return `${lines.join('\n')}\n`;
}
