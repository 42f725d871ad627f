import { describe, expect, it } from 'vitest';
import type { AuditResult, Finding } from '../audit/model.js';
import { categories, categoryIds, checks, docsUrl } from '../catalog.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

function finding(file: string, line: number, fingerprint: string): Finding {
  const check = checks['no-memory-rate-limit'];
  return {
    ruleId: 'no-memory-rate-limit',
    category: check.category,
    severity: 'error',
    file,
    line,
    column: 5,
    endLine: line,
    endColumn: 20,
    message: 'counts in memory',
    remedy: check.remedy,
    codemod: 'rate-limit-redis',
    evidence: [{ file, line, note: 'here' }],
    fingerprint,
  };
}

function result(findings: Finding[], files: number): AuditResult {
  const byCategory = Object.fromEntries(categoryIds.map((id) => [id, findings.filter((found) => found.category === id).length])) as AuditResult['summary']['byCategory'];
  return { version: 1, root: '/repo', processes: [], instancesOnOneHost: [], summary: { total: findings.length, byCategory, files, suppressed: 0, baselined: 0 }, findings, diagnostics: [] };
}

describe('text report', () => {
  it('counts the files with findings among those audited', () => {
    expect(formatText(result([finding('src/a.ts', 3, 'a'), finding('src/a.ts', 9, 'b'), finding('src/b.ts', 1, 'c')], 7)).trimEnd().split('\n').at(-1)).toBe('✖ 3 findings in 2 of 7 files');
    expect(formatText(result([finding('src/a.ts', 3, 'a')], 1)).trimEnd().split('\n').at(-1)).toBe('✖ 1 finding in 1 of 1 file');
    expect(formatText(result([], 7)).trimEnd().split('\n').at(-1)).toBe('✔ no findings in 7 files');
  });

  it('advises the codemod, except for a finding a migration left, where it gives the guidance left', () => {
    const left = finding('src/a.ts', 3, 'left');
    const open = finding('src/b.ts', 4, 'open');
    const lines = formatText(result([left, open], 2), { migrationSkips: new Map([['left', 'count in Redis with INCR']]) }).split('\n');
    expect(lines.slice(1, 13)).toEqual([
      '  src/a.ts:3:5  stateless/no-memory-rate-limit',
      '    counts in memory',
      `    remedy: ${checks['no-memory-rate-limit'].remedy}`,
      '    evidence: src/a.ts:3 here',
      '    left by stateless migrate, fix by hand: count in Redis with INCR',
      '',
      '  src/b.ts:4:5  stateless/no-memory-rate-limit',
      '    counts in memory',
      `    remedy: ${checks['no-memory-rate-limit'].remedy}`,
      '    evidence: src/b.ts:4 here',
      '    fix: stateless migrate --codemod rate-limit-redis',
      '',
    ]);
  });
});

describe('markdown report', () => {
  it('gives the guidance a migration left in the fix column, escaped, and counts the files with findings', () => {
    const markdown = formatMarkdown(result([finding('src/a.ts', 3, 'left'), finding('src/a.ts', 8, 'open')], 4), { migrationSkips: new Map([['left', 'use `INCR` | <b>now</b> & *then*']]) });
    const rows = markdown.split('\n').filter((line) => line.startsWith('| `'));
    const docs = `[no-memory-rate-limit](${docsUrl('no-memory-rate-limit')})`;
    expect(rows).toEqual([
      `| \`src/a.ts:3\` | ${docs} | counts in memory | left by \`stateless migrate\`, fix by hand: use \\\`INCR\\\` \\| &lt;b&gt;now&lt;/b&gt; &amp; \\*then\\* |`,
      `| \`src/a.ts:8\` | ${docs} | counts in memory | \`stateless migrate --codemod rate-limit-redis\` |`,
    ]);
    expect(markdown.trimEnd().split('\n').at(-1)).toBe('<sub>4 files audited · 1 with findings · 0 suppressed · 0 in the baseline · 0 diagnostics</sub>');
  });
});

describe('JSON report', () => {
  it('names the categories checked: all by default, else those asked for in checklist order', () => {
    expect(JSON.parse(formatJson(result([], 1))).summary.checked).toEqual([...categoryIds]);
    expect(JSON.parse(formatJson(result([], 1), { categories: ['counters', 'sessions'] })).summary).toEqual({
      total: 0,
      byCategory: Object.fromEntries(categoryIds.map((id) => [id, 0])),
      files: 1,
      suppressed: 0,
      baselined: 0,
      checked: ['sessions', 'counters'],
    });
  });
});

describe('SARIF report', () => {
  it('percent-encodes the root and the evidence locations too', () => {
    const sarif = JSON.parse(formatSarif({ ...result([finding('lib/#1 x.ts', 2, 'a')], 1), root: '/srv/my app?/' }));
    const run = sarif.runs[0];
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///srv/my%20app%3F/');
    expect(run.results[0].codeFlows[0].threadFlows[0].locations[0].location.physicalLocation.artifactLocation.uri).toBe('lib/%231%20x.ts');
  });
});

describe('checklist wording', () => {
  it('is the catalog’s', () => {
    expect(formatText(result([], 1))).toContain(`  ✔ counters ${categories.counters.checklistItem}\n`);
  });
});
