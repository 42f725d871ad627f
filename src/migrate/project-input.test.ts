/**
 * The project migrate is given: a package.json with a byte order mark (npm accepts it; so does migrate, and
 * keeps it), CRLF line endings or tabs (kept), invalid JSON (one line, exit 2, nothing written), and a folder
 * that is not a git repository (only with --force, which it says).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appProject, commitAll, migrateCommand, snapshot } from '../test-support/migrate-project.js';
import { editPackageJson } from './project-files.js';

describe('package.json as migrate finds it', () => {
  it('keeps a byte order mark, CRLF line endings and tab indentation', async () => {
    const root = appProject({ 'package.json': '\uFEFF{\r\n\t"name": "app",\r\n\t"private": true,\r\n\t"type": "module"\r\n}\r\n' });
    commitAll(root);
    const result = await migrateCommand([root]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).toBe(
      '\uFEFF{\r\n\t"name": "app",\r\n\t"private": true,\r\n\t"type": "module",\r\n\t"dependencies": {\r\n\t\t"connect-redis": "9.0.0",\r\n\t\t"redis": "6.3.1"\r\n\t}\r\n}\r\n',
    );
  });

  it('editPackageJson keeps CRLF without a final newline, and LF files stay LF', () => {
    expect(editPackageJson('{\r\n  "name": "x"\r\n}', ['redis'], [], {}).text).toBe('{\r\n  "name": "x",\r\n  "dependencies": {\r\n    "redis": "6.3.1"\r\n  }\r\n}');
    expect(editPackageJson('{\n  "name": "x"\n}\n', ['redis'], [], {}).text).toBe('{\n  "name": "x",\n  "dependencies": {\n    "redis": "6.3.1"\n  }\n}\n');
  });

  it('refuses a package.json that is not JSON in one line, exit 2, writing nothing', async () => {
    const root = appProject({ 'package.json': '{\n  "name": "app",\n  "private": true,\n}\n' });
    commitAll(root);
    const before = snapshot(root);
    const result = await migrateCommand([root]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^stateless migrate: package\.json is not valid JSON \([^\n]+\); fix it and run migrate again\. Nothing was written\.\n$/);
    expect(snapshot(root)).toEqual(before);
  });
});

describe('a folder that is not a git repository', () => {
  it('is migrated only with --force, and the run says why in one line', async () => {
    const root = appProject();
    const before = snapshot(root);
    const refused = await migrateCommand([root]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `stateless migrate: ${root}: it is not in a git repository; a migration should be reviewable and undoable with git: commit the project to git first, or pass --force.\n`,
    );
    expect(snapshot(root)).toEqual(before);

    const forced = await migrateCommand([root, '--force']);
    expect(forced.stderr).toBe(`stateless migrate: ${root}: it is not in a git repository; a migration should be reviewable and undoable with git. Writing anyway (--force).\n`);
    expect(forced.code).toBe(0);
    expect(fs.existsSync(path.join(root, 'src/stateless/redis.ts'))).toBe(true);
  });

  it('needs no --force for a dry run, which writes nothing', async () => {
    const root = appProject();
    const before = snapshot(root);
    const result = await migrateCommand([root, '--dry-run']);
    expect(result.code).toBe(0);
    expect(snapshot(root)).toEqual(before);
  });
});
