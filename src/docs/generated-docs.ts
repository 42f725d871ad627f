/**
 * The parts of README.md and docs/rules/*.md that are generated from the catalog, so that they cannot drift.
 * Each lives between `<!-- begin generated: NAME -->` and `<!-- end generated: NAME -->`.
 */
import { codemods } from '../../codemods/index.js';
import { allChecks, categories, categoryIds, checks, codemodIds, docsPath, type CheckId } from '../catalog.js';

/** The README's rules table: one row per check. */
export function renderRulesTable(): string {
  const rows = allChecks.map(
    (check) => `| [\`stateless/${check.id}\`](${docsPath(check.id)}) | \`${check.category}\` | ${check.title} | ${check.remedy} | ${check.codemod ? `\`${check.codemod}\`` : '—'} |`,
  );
  return ['| rule | category | flags | remedy | codemod |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The README's categories table: the audit checklist. */
export function renderCategoriesTable(): string {
  const rows = categoryIds.map((id) => {
    const category = categories[id];
    const rules = allChecks.filter((check) => check.category === id).map((check) => `\`${check.id}\``).join(', ');
    return `| \`${id}\` | ${category.checklistItem} | ${category.flags} | ${category.destination} | ${rules} |`;
  });
  return ['| category | checklist item | what is flagged | where it should go | rules |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The README's codemods table: what each codemod rewrites, for which rules. */
export function renderCodemodsTable(): string {
  const rows = codemodIds.map((id) => {
    const rules = allChecks.filter((check) => check.codemod === id).map((check) => `\`${check.id}\``).join(', ');
    return `| [\`${id}\`](codemods/${id}/) | ${codemods[id].title} | ${rules} |`;
  });
  return ['| codemod | rewrites | for rules |', '|---|---|---|', ...rows].join('\n');
}

/** The header of a rule's docs page: category, remedy, codemod, and every message the rule can report. */
export function renderRuleDocHeader(id: CheckId): string {
  const check = checks[id];
  const category = categories[check.category];
  const messages = Object.entries(check.messages).map(([messageId, text]) => `- \`${messageId}\`: ${text}`);
  return [
    `**${check.title}.** Category \`${check.category}\`: ${category.checklistItem.toLowerCase()}.`,
    '',
    `**Remedy:** ${check.remedy}`,
    '',
    `**Codemod:** ${check.codemod ? `\`${check.codemod}\`` : 'none'} · **In \`configs.recommended\`:** yes (error)`,
    '',
    'Messages:',
    '',
    ...messages,
  ].join('\n');
}

/** `text` with the block `name` replaced by `content`; throws when the markers are missing. */
export function replaceGeneratedBlock(text: string, name: string, content: string): string {
  const begin = `<!-- begin generated: ${name} -->`;
  const end = `<!-- end generated: ${name} -->`;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`missing markers '${begin}' … '${end}'`);
  return `${text.slice(0, start + begin.length)}\n${content}\n${text.slice(stop)}`;
}

/** Every generated file, as (path relative to the package root) → function from current text to expected text. */
export function generatedFiles(): Map<string, (text: string) => string> {
  const files = new Map<string, (text: string) => string>();
  files.set('README.md', (text) =>
    replaceGeneratedBlock(replaceGeneratedBlock(replaceGeneratedBlock(text, 'rules', renderRulesTable()), 'categories', renderCategoriesTable()), 'codemods', renderCodemodsTable()),
  );
  for (const check of allChecks) files.set(docsPath(check.id), (text) => replaceGeneratedBlock(text, 'catalog', renderRuleDocHeader(check.id)));
  return files;
}
