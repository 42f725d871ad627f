/**
 * migrate never writes outside the project through a symbolic link, and never replaces a link with a file:
 * a linked source folder, adapter folder, source file, package.json or .env.example is left as it is, with why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFiles, appProject, commitAll, migrateCommand, snapshot } from '../test-support/migrate-project.js';
import { tempProject } from '../test-support/temp-project.js';

describe('stateless migrate and symbolic links', () => {
  it('leaves a source folder linked to a folder outside the project untouched', async () => {
    const outside = tempProject({ 'sessions.ts': appFiles['src/lib/sessions.ts']!, 'products.ts': appFiles['src/lib/products.ts']! });
    const root = appProject({ 'src/lib/sessions.ts': null, 'src/lib/products.ts': null });
    fs.symlinkSync(outside, path.join(root, 'src/lib'));
    commitAll(root);
    const outsideBefore = snapshot(outside);
    const before = snapshot(root);

    const result = await migrateCommand([root]);
    expect(snapshot(outside)).toEqual(outsideBefore);
    // Nothing rewritten, so nothing generated and no dependency added.
    expect(snapshot(root)).toEqual(before);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('fixed 0 of 2 finding(s); 2 skipped.');
    const outsideReal = fs.realpathSync(outside);
    expect(result.stdout).toContain(`src/lib/products.ts:1  stateless/no-module-state  [cache-redis] src/lib/products.ts was not written: src/lib resolves to ${outsideReal}, outside the project`);
    expect(result.stdout).toContain(`src/lib/sessions.ts:3  stateless/no-memory-session-store  [session-redis] src/lib/sessions.ts was not written: src/lib resolves to ${outsideReal}, outside the project`);
  });

  it('leaves an adapter folder linked outside the project untouched, and the sources that would import it', async () => {
    const outside = tempProject({});
    const root = appProject();
    fs.symlinkSync(outside, path.join(root, 'src/stateless'));
    commitAll(root);
    const before = snapshot(root);

    const result = await migrateCommand([root, '--format', 'json']);
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(snapshot(root)).toEqual(before);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as { fixed: unknown[]; generated: string[]; skipped: { file: string; message: string }[] };
    expect(summary.fixed).toEqual([]);
    expect(summary.generated).toEqual([]);
    expect(summary.skipped.map((skip) => `${skip.file}: ${skip.message}`)).toEqual([
      `src/lib/products.ts: src/lib/products.ts was not written: the adapters it would import go in src/stateless, but src/stateless resolves to ${fs.realpathSync(outside)}, outside the project`,
      `src/lib/sessions.ts: src/lib/sessions.ts was not written: the adapters it would import go in src/stateless, but src/stateless resolves to ${fs.realpathSync(outside)}, outside the project`,
    ]);
  });

  it('never rewrites a .env.example that links to a secrets file, nor prints it in a dry run', async () => {
    const secrets = tempProject({ '.env': 'DATABASE_PASSWORD=hunter2\n' });
    const root = appProject();
    fs.symlinkSync(path.join(secrets, '.env'), path.join(root, '.env.example'));
    commitAll(root);

    const dryRun = await migrateCommand([root, '--dry-run']);
    expect(dryRun.stdout + dryRun.stderr).not.toContain('hunter2');
    expect(dryRun.stdout).not.toContain('.env.example');

    const result = await migrateCommand([root]);
    expect(fs.lstatSync(path.join(root, '.env.example')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(secrets, '.env'), 'utf8')).toBe('DATABASE_PASSWORD=hunter2\n');
    expect(result.stdout).not.toContain('hunter2');
    expect(result.stdout).toContain(`  .env.example  it is a symbolic link (to ${path.join(secrets, '.env')}); migrate does not write through links`);
    // The rest of the migration went ahead.
    expect(result.stdout).toContain('fixed 2 of 2 finding(s); 0 skipped.');
    expect(result.code).toBe(1);
  });

  it('never replaces a package.json that is a link, and says which dependencies to add by hand', async () => {
    const shared = tempProject({ 'package.json': appFiles['package.json']! });
    const root = appProject({ 'package.json': null });
    fs.symlinkSync(path.join(shared, 'package.json'), path.join(root, 'package.json'));
    commitAll(root);

    const result = await migrateCommand([root]);
    expect(fs.lstatSync(path.join(root, 'package.json')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(shared, 'package.json'), 'utf8')).toBe(appFiles['package.json']);
    expect(result.stdout).toContain(
      `  package.json  it is a symbolic link (to ${path.join(shared, 'package.json')}); migrate does not write through links; add to it yourself: connect-redis@9.0.0, redis@6.3.1`,
    );
    expect(result.stdout).not.toContain('Dependencies added to package.json');
    expect(result.code).toBe(1);
  });

  it('skips a source file that is a link, even to a file inside the project, and keeps the link', async () => {
    const root = appProject({ 'src/shared/products.ts': appFiles['src/lib/products.ts']!, 'src/lib/products.ts': null });
    fs.symlinkSync('../shared/products.ts', path.join(root, 'src/lib/products.ts'));
    commitAll(root);

    const result = await migrateCommand([root]);
    expect(fs.readlinkSync(path.join(root, 'src/lib/products.ts'))).toBe('../shared/products.ts');
    expect(result.stdout).toContain(
      'src/lib/products.ts:1  stateless/no-module-state  [cache-redis] src/lib/products.ts was not written: it is a symbolic link (to ../shared/products.ts); migrate does not write through links',
    );
    // The file behind the link is a source of its own, found and migrated under its real name.
    expect(fs.readFileSync(path.join(root, 'src/shared/products.ts'), 'utf8')).toContain('SharedCache');
  });
});
