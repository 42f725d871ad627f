import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkIds } from './catalog.js';
import { packageInfo } from './package-info.js';

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

  it('without a command prints the help on stderr and exits 2; --help prints the same help on stdout and exits 0', () => {
    const none = stateless();
    const help = stateless('--help');
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout.startsWith(`stateless ${packageInfo.version}: `)).toBe(true);
    expect(none.stderr).toBe(help.stdout);
  });

  it.each([[['--version']], [['-v']], [['audit', '--version']], [['audit', 'some/path', '-v']], [['migrate', '--version']], [['rules', '--version']]])(
    '%j prints the version and exits 0',
    (args) => {
      expect(stateless(...args)).toEqual({ code: 0, stdout: `${packageInfo.version}\n`, stderr: '' });
    },
  );

  it('rules --help prints its options', () => {
    const { code, stdout } = stateless('rules', '--help');
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 1)).toEqual(['stateless rules [options]']);
    expect(stdout).toContain('  --json                    the catalog as JSON\n');
  });

  it.each([
    [['--bogus'], "stateless: unknown option '--bogus'. Run 'stateless --help' for the commands."],
    [['audit', '--bogus'], "stateless audit: unknown option '--bogus'. Run 'stateless audit --help' for the options."],
    [['migrate', '--bogus'], "stateless migrate: unknown option '--bogus'. Run 'stateless migrate --help' for the options."],
    [['rules', '--bogus'], "stateless rules: unknown option '--bogus'. Run 'stateless rules --help' for the options."],
    [['rules', '-x'], "stateless rules: unknown option '-x'. Run 'stateless rules --help' for the options."],
    [['rules', '--json=yes'], "stateless rules: option '--json' takes no value. Run 'stateless rules --help' for the options."],
    [['rules', 'extra'], "stateless rules: unexpected argument 'extra'. Run 'stateless rules --help' for the options."],
    [['audit', '--format'], "stateless audit: option '--format' needs a value. Run 'stateless audit --help' for the options."],
    [['audit', '--output', '--format', 'json'], "stateless audit: option '--output' needs a value. Run 'stateless audit --help' for the options."],
  ])('%j is a usage error: exit 2 and one line on stderr', (args, line) => {
    expect(stateless(...args)).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  });

  it('rejects an unknown command with exit code 2 and a message on stderr', () => {
    const { code, stdout, stderr } = stateless('frobnicate');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("unknown command 'frobnicate'");
  });
});
