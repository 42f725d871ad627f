/**
 * A file edited (or created) between planning and writing is not overwritten: migrate compares it with what it
 * planned over just before the rename, leaves it as the user left it, and the summary says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFiles, appProject } from '../test-support/migrate-project.js';
import { planMigrationRun } from './migrate.js';
import { jsonSummary, textSummary } from './summary.js';
import { applyPlan } from './written.js';

describe('a file that changes while migrate runs', () => {
  it('is left as edited, its findings reported as skipped with the reason, the other files written', async () => {
    const root = appProject();
    const plan = await planMigrationRun({ paths: [root] });
    expect(plan.fixed).toHaveLength(2);
    // The user saves two files while migrate is busy: an edit, and an adapter of their own.
    const edited = `${appFiles['src/lib/products.ts']}// edited meanwhile\n`;
    fs.writeFileSync(path.join(root, 'src/lib/products.ts'), edited);
    fs.mkdirSync(path.join(root, 'src/stateless'));
    fs.writeFileSync(path.join(root, 'src/stateless/redis.ts'), '// my own redis\n');

    expect(applyPlan(plan)).toEqual([]);
    expect(fs.readFileSync(path.join(root, 'src/lib/products.ts'), 'utf8')).toBe(edited);
    expect(fs.readFileSync(path.join(root, 'src/stateless/redis.ts'), 'utf8')).toBe('// my own redis\n');
    expect(fs.readFileSync(path.join(root, 'src/lib/sessions.ts'), 'utf8')).toContain('RedisStore');

    const text = textSummary(plan, { dryRun: false });
    expect(text).toContain('fixed 1 of 2 finding(s); 1 skipped.');
    expect(text).toContain('src/lib/products.ts:1  stateless/no-module-state  [cache-redis] src/lib/products.ts was not written: it changed after migrate read it; run migrate again');
    expect(text).toContain('Not written:\n  src/stateless/redis.ts  it was created after migrate read the project; run migrate again\n  src/lib/products.ts  it changed after migrate read it; run migrate again\n');
    const summary = JSON.parse(jsonSummary(plan, { dryRun: false })) as { changed: { file: string }[]; generated: string[] };
    expect(summary.changed.map((entry) => entry.file)).toEqual(['src/lib/sessions.ts']);
    expect(summary.generated).toEqual(['src/stateless/shared-cache.ts']);
  });

  it('is not recreated when it was deleted meanwhile', async () => {
    const root = appProject();
    const plan = await planMigrationRun({ paths: [root] });
    fs.rmSync(path.join(root, 'src/lib/sessions.ts'));
    expect(applyPlan(plan)).toEqual([]);
    expect(fs.existsSync(path.join(root, 'src/lib/sessions.ts'))).toBe(false);
    expect(plan.notWritten).toEqual([{ file: 'src/lib/sessions.ts', reason: 'it was removed after migrate read it' }]);
  });
});
