import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkIds } from './catalog.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function stateless(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('stateless CLI', () => {
  it('prints help with exit code 0', () => {
    const { code, stdout } = stateless('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('stateless rules');
  });

  it('lists every check under its category', () => {
    const { code, stdout } = stateless('rules');
    expect(code).toBe(0);
    for (const id of checkIds) expect(stdout).toContain(`stateless/${id}`);
    expect(stdout.indexOf('sessions:')).toBeLessThan(stdout.indexOf('stateless/no-memory-session-store'));
  });

  it('lists the catalog as JSON', () => {
    const { code, stdout } = stateless('rules', '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { checks: { id: string; category: string }[] };
    expect(parsed.checks.map((check) => check.id)).toEqual([...checkIds]);
  });

  it('rejects an unknown command with exit code 2 and a message on stderr', () => {
    const { code, stdout, stderr } = stateless('frobnicate');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("unknown command 'frobnicate'");
  });
});
