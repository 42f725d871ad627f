import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');

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
    [['--codemod', 'session-redis,nope'], 'stateless migrate: unknown codemod nope; known: session-redis, cache-redis, uploads-object-storage, jobs-queue, socketio-redis-adapter, rate-limit-redis'],
    [['--format', 'xml'], "stateless migrate: unknown format 'xml'; use text or json"],
    [['--frobnicate'], "stateless migrate: Unknown option '--frobnicate'"],
  ])('exits 2 with one clear line for %j', (args, message) => {
    const result = stateless(['migrate', 'fixtures/apps/express-shop', ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]!.startsWith(message)).toBe(true);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for a path that does not exist', () => {
    const result = stateless(['migrate', 'fixtures/apps/no-such-app', '--dry-run']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no-such-app');
    expect(result.stderr).not.toContain('    at ');
  });
});
