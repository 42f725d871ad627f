/**
 * A migration killed part way (kill -9, a power cut): each file is old or new, a source never imports an
 * adapter that is not there, and running migrate again removes the temporary file left behind and finishes
 * the job, regenerating adapters that sources already import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appProject, commitAll, migrateCommand } from '../test-support/migrate-project.js';
import { tempProject } from '../test-support/temp-project.js';
import { missingAdapters } from './missing-adapters.js';
import { planMigrationRun } from './migrate.js';
import { removeLeftoverTemporaryFiles, writeFiles, writeOrder } from './write-files.js';

/** A process id no process has (above Linux's largest, 2^22). */
const deadPid = 5_000_000;

describe('an interrupted migration', () => {
  it('stopped after any number of writes, leaves no source importing an adapter that is not there', async () => {
    const root = appProject();
    const plan = await planMigrationRun({ paths: [root] });
    const order = writeOrder(plan.writes);
    expect(order.map((write) => `${write.kind} ${path.relative(root, write.file)}`)).toEqual([
      'adapter src/stateless/redis.ts',
      'adapter src/stateless/shared-cache.ts',
      'config package.json',
      'config .env.example',
      'source src/lib/products.ts',
      'source src/lib/sessions.ts',
    ]);
    // Written one at a time, as a run killed after each write would leave the project.
    for (const write of order) {
      expect(writeFiles(root, [write]).notWritten).toEqual([]);
      expect(missingAdapters(root)).toEqual(new Map());
    }
  });

  it('is finished by the next run: the adapters the sources import are generated, the temporary file removed', async () => {
    const root = appProject();
    commitAll(root);
    const plan = await planMigrationRun({ paths: [root] });
    // What an older migrate left when killed: the sources rewritten, the first adapter half written.
    for (const write of plan.writes.filter((candidate) => candidate.kind === 'source')) fs.writeFileSync(write.file, write.after);
    fs.mkdirSync(path.join(root, 'src/stateless'));
    const leftover = path.join(root, 'src/stateless', `.redis.ts.${deadPid}.stateless-tmp`);
    fs.writeFileSync(leftover, 'import { createCl');
    expect([...missingAdapters(root).values()]).toEqual([['redis', 'shared-cache']]);

    const result = await migrateCommand([root, '--force']);
    expect(result.stderr).toContain('removed 1 temporary file(s) an interrupted run left');
    expect(result.code).toBe(0);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.readFileSync(path.join(root, 'src/stateless/redis.ts'), 'utf8')).toContain("import { createClient } from 'redis';");
    expect(fs.readFileSync(path.join(root, 'src/stateless/shared-cache.ts'), 'utf8')).toContain('export class SharedCache');
    expect(missingAdapters(root)).toEqual(new Map());
    expect(result.stdout).toContain('Generated files:\n  src/stateless/redis.ts\n  src/stateless/shared-cache.ts\n');
    expect(result.stdout).toContain('Dependencies added to package.json: redis@6.3.1.');
    expect(fs.readFileSync(path.join(root, '.env.example'), 'utf8')).toContain('REDIS_URL=');
    // The rewritten sources are as the first run left them.
    for (const write of plan.writes.filter((candidate) => candidate.kind === 'source')) expect(fs.readFileSync(write.file, 'utf8')).toBe(write.after);
  });
});

describe('removeLeftoverTemporaryFiles', () => {
  it("removes a dead run's temporary files, not a running one's, nor any in node_modules or behind a link", () => {
    const elsewhere = tempProject({ [`.x.ts.${deadPid}.stateless-tmp`]: 'x' });
    const root = tempProject({
      [`.package.json.${deadPid}.stateless-tmp`]: '{',
      [`src/deep/.a.ts.${deadPid}.stateless-tmp`]: 'a',
      [`src/.b.ts.${process.ppid}.stateless-tmp`]: 'b',
      [`node_modules/x/.c.ts.${deadPid}.stateless-tmp`]: 'c',
      'src/a.stateless-tmp': 'not ours',
    });
    fs.symlinkSync(elsewhere, path.join(root, 'linked'));
    expect(removeLeftoverTemporaryFiles(root).map((file) => path.relative(root, file)).sort()).toEqual([`.package.json.${deadPid}.stateless-tmp`, `src/deep/.a.ts.${deadPid}.stateless-tmp`]);
    expect(fs.existsSync(path.join(root, `src/.b.ts.${process.ppid}.stateless-tmp`))).toBe(true);
    expect(fs.existsSync(path.join(elsewhere, `.x.ts.${deadPid}.stateless-tmp`))).toBe(true);
  });
});
