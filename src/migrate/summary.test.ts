import { describe, expect, it } from 'vitest';
import type { MigrationPlan } from './migrate.js';
import { jsonSummary, textSummary } from './summary.js';

/** A plan with one change and one skip in a file whose name holds a newline (Linux allows it). */
function planWithHostileName(): MigrationPlan {
  const file = 'src/evil\n::error::pwned.ts';
  return {
    root: '/repo',
    writes: [],
    outcomes: [{ codemod: 'cache-redis', file: `/repo/${file}`, source: '', changed: true, changes: [{ line: 3, description: 'cache → SharedCache' }], skips: [] }],
    fixed: [{ file, line: 3, ruleId: 'no-module-state', codemod: 'cache-redis' }],
    skipped: [{ file, line: 9, ruleId: 'no-memory-rate-limit', codemod: 'rate-limit-redis', reason: 'limiter-hand-rolled', detail: { name: 'hits', what: 'counts in\nmemory', changeLine: { line: 12 }, guidance: 'use Redis' }, fingerprint: 'f' }],
    notes: [],
    notWritten: [],
    dependencies: { dependencies: [], devDependencies: [] },
    scripts: [],
    env: [],
    generated: [],
  } as unknown as MigrationPlan;
}

describe('migration summary', () => {
  it('text: a control character in a file name or reason cannot start a line of the log', () => {
    expect(textSummary(planWithHostileName(), { dryRun: false }).split('\n')).toEqual([
      'stateless migrate: fixed 1 of 2 finding(s); 1 skipped.',
      '',
      'Changed files:',
      '  src/evil\\n::error::pwned.ts:3  [cache-redis] cache → SharedCache',
      '',
      'Skipped findings (fix by hand):',
      '  src/evil\\n::error::pwned.ts:9  stateless/no-memory-rate-limit  [rate-limit-redis] `hits` (line 9) counts in\\nmemory (changed at line 12): use Redis',
      '',
    ]);
  });

  it('JSON: skips are data (reason id, details with line numbers) beside the sentence the text shows', () => {
    const summary = JSON.parse(jsonSummary(planWithHostileName(), { dryRun: false })) as { skipped: unknown[] };
    expect(summary.skipped).toEqual([
      {
        file: 'src/evil\n::error::pwned.ts',
        line: 9,
        ruleId: 'no-memory-rate-limit',
        codemod: 'rate-limit-redis',
        reason: 'limiter-hand-rolled',
        detail: { name: 'hits', what: 'counts in\nmemory', changeLine: { line: 12 }, guidance: 'use Redis' },
        fingerprint: 'f',
        message: '`hits` (line 9) counts in\nmemory (changed at line 12): use Redis',
      },
    ]);
  });

  it('JSON: the diffs of a dry run are inside the one document; without them there is no diffs field', () => {
    const diffs = [{ file: 'src/a.ts', diff: '--- a/src/a.ts\n+++ b/src/a.ts\n' }];
    expect(JSON.parse(jsonSummary(planWithHostileName(), { dryRun: true, diffs })).diffs).toEqual(diffs);
    expect(Object.keys(JSON.parse(jsonSummary(planWithHostileName(), { dryRun: false })))).not.toContain('diffs');
  });
});
