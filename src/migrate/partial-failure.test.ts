/**
 * When a write fails, the summary reports what is on disk: a file not written is not listed as changed or
 * generated, its findings are skipped with the reason, and the exit code is 2. (Tests run as root, for whom a
 * read-only folder is writable: a file where the adapter folder should be makes the write fail.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFiles, appProject, commitAll, migrateCommand, snapshot } from '../test-support/migrate-project.js';

interface Summary {
  changed: { file: string }[];
  generated: string[];
  fixed: unknown[];
  skipped: { file: string; reason: string; detail: Record<string, unknown>; message: string }[];
  notWritten: { file: string; reason: string }[];
  dependencies: { dependencies: string[] };
}

describe('stateless migrate when a write fails', () => {
  it('reports the files on disk as written and the others as not written, with why, and exits 2', async () => {
    const root = appProject({ 'src/stateless': 'a file where the adapter folder goes\n' });
    commitAll(root);
    const before = snapshot(root);

    const result = await migrateCommand([root, '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stateless migrate: could not write \/.*\/src\/stateless\/redis\.ts: /m);
    const summary = JSON.parse(result.stdout) as Summary;
    const after = snapshot(root);
    // What the summary lists as changed or generated is what changed on disk, and nothing else did.
    const listed = [...summary.changed.map((entry) => entry.file), ...summary.generated, ...(summary.dependencies.dependencies.length > 0 ? ['package.json'] : []), '.env.example'];
    expect(Object.keys(after).filter((file) => after[file] !== before[file]).sort()).toEqual(listed.sort());
    for (const entry of summary.notWritten) expect(after[entry.file]).toBe(before[entry.file]);

    // The sources are not rewritten to import adapters that could not be written.
    expect(after['src/lib/sessions.ts']).toBe(appFiles['src/lib/sessions.ts']);
    expect(summary.changed).toEqual([]);
    expect(summary.generated).toEqual([]);
    expect(summary.fixed).toEqual([]);
    expect(summary.notWritten.map((entry) => `${entry.file}: ${entry.reason.replace(/could not write it: .*/, 'could not write it: …')}`)).toEqual([
      'src/stateless/redis.ts: could not write it: …',
      'src/stateless/shared-cache.ts: could not write it: …',
      'src/lib/products.ts: it imports src/stateless/redis.ts, src/stateless/shared-cache.ts, which are not there',
      'src/lib/sessions.ts: it imports src/stateless/redis.ts, which is not there',
    ]);
    expect(summary.skipped.map((entry) => entry.reason)).toEqual(['file-not-written', 'file-not-written']);
    expect(summary.skipped.map((entry) => entry.message)).toEqual([
      'src/lib/products.ts was not written: it imports src/stateless/redis.ts, src/stateless/shared-cache.ts, which are not there',
      'src/lib/sessions.ts was not written: it imports src/stateless/redis.ts, which is not there',
    ]);
    expect(fs.readFileSync(path.join(root, 'src/stateless'), 'utf8')).toBe('a file where the adapter folder goes\n');
  });

  it('says in the text summary how many findings it fixed on disk', async () => {
    const root = appProject({ 'src/stateless': 'a file\n' });
    commitAll(root);
    const result = await migrateCommand([root]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('fixed 0 of 2 finding(s); 2 skipped.');
    expect(result.stdout).not.toContain('Changed files:');
    expect(result.stdout).not.toContain('Generated files:');
    expect(result.stdout).toContain('Not written:\n  src/stateless/redis.ts  could not write it: ');
  });
});
