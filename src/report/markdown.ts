/** A pull-request comment: the checklist with counts, then the findings of each open item. */
import { categories, categoryIds, docsUrl } from '../catalog.js';
import type { AuditResult } from '../audit/model.js';

/** Markdown-safe inline text: no table or HTML breakage from messages. */
function inline(text: string): string {
  return text.replace(/[<>]/g, (char) => (char === '<' ? '&lt;' : '&gt;')).replace(/\|/g, '\\|');
}

export function formatMarkdown(result: AuditResult): string {
  const { total } = result.summary;
  const lines = [`## Stateless audit: ${total === 0 ? 'no findings' : `${total} finding${total === 1 ? '' : 's'}`}`, ''];
  for (const id of categoryIds) {
    const count = result.summary.byCategory[id];
    lines.push(`- [${count === 0 ? 'x' : ' '}] **${id}**: ${categories[id].checklistItem}${count === 0 ? '' : ` (${count})`}`);
  }
  for (const id of categoryIds) {
    const found = result.findings.filter((finding) => finding.category === id);
    if (found.length === 0) continue;
    lines.push('', `### ${id}`, '', '| where | rule | what | fix |', '|---|---|---|---|');
    for (const finding of found) {
      const fix = finding.codemod ? `\`stateless migrate --codemod ${finding.codemod}\`` : inline(finding.remedy);
      lines.push(`| \`${finding.file}:${finding.line}\` | [${finding.ruleId}](${docsUrl(finding.ruleId)}) | ${inline(finding.message)} | ${fix} |`);
    }
  }
  const { suppressed, baselined, files } = result.summary;
  lines.push('', `<sub>${files} files audited · ${suppressed} suppressed · ${baselined} in the baseline · ${result.diagnostics.length} diagnostics</sub>`);
  return `${lines.join('\n')}\n`;
}
