import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stateless-migrate-cli-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function stateless(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli.ts'), ...args], { cwd: repoRoot, encoding: 'utf8' });
}

describe('stateless migrate usage', () => {
  it('prints its help', () => {
    const result = stateless(['migrate', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('stateless migrate [paths…] [options]');
    expect(result.stdout).toContain('--dry-run');
  });

  it.each([
    [
      ['--codemod', 'session-redis,nope'],
      "stateless migrate: unknown codemod nope; known: session-redis, cache-redis, uploads-object-storage, jobs-queue, socketio-redis-adapter, rate-limit-redis. Run 'stateless migrate --help' for the options.",
    ],
    [['--format', 'xml'], "stateless migrate: unknown format 'xml'; use text or json. Run 'stateless migrate --help' for the options."],
    [['--frobnicate'], "stateless migrate: unknown option '--frobnicate'. Run 'stateless migrate --help' for the options."],
    [['--codemod'], "stateless migrate: option '--codemod' needs a value. Run 'stateless migrate --help' for the options."],
    [['--dry-run=yes'], "stateless migrate: option '--dry-run' takes no value. Run 'stateless migrate --help' for the options."],
  ])('exits 2 with one clear line for %j', (args, message) => {
    const result = stateless(['migrate', 'fixtures/apps/express-shop', ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.stdout).toBe('');
  });

  it('exits 2 when there is nothing to migrate', () => {
    const dir = fs.mkdtempSync(path.join(work, 'empty-'));
    fs.writeFileSync(path.join(dir, 'README.md'), '# notes\n');
    const result = stateless(['migrate', dir, '--dry-run']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`stateless migrate: nothing to migrate: no JavaScript or TypeScript source files below ${dir}\n`);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for a path that does not exist', () => {
    const result = stateless(['migrate', 'fixtures/apps/no-such-app', '--dry-run']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no-such-app');
    expect(result.stderr).not.toContain('    at ');
  });
});

describe('stateless migrate --dry-run', () => {
  it('prints one JSON document with the diffs inside with --format json, the same diffs text prints on stdout', () => {
    const json = stateless(['migrate', 'fixtures/apps/express-shop', '--dry-run', '--format', 'json']);
    expect(json.status).toBe(1);
    expect(json.stderr).toBe('');
    const summary = JSON.parse(json.stdout) as { dryRun: boolean; diffs: { file: string; diff: string }[] };
    expect(summary.dryRun).toBe(true);
    const text = stateless(['migrate', 'fixtures/apps/express-shop', '--dry-run']);
    expect(text.status).toBe(1);
    expect(text.stderr.split('\n')[0]).toMatch(/^stateless migrate \(dry run, nothing written\): would fix \d+ of \d+ finding\(s\); \d+ skipped\.$/);
    expect(summary.diffs.map((entry) => entry.diff).join('')).toBe(text.stdout);
    const patched = text.stdout.split('\n').filter((line) => line.startsWith('+++ b/')).map((line) => line.slice('+++ b/'.length));
    expect(summary.diffs.map((entry) => entry.file)).toEqual(patched);
    expect(patched).toContain('src/app.ts');
  }, 120_000);
});
