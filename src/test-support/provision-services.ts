/**
 * The services the tests run for real need their programs on this machine. `redis-server` comes from the system's
 * packages: installed here when it is missing and we may (root with apt-get), otherwise a one-line message with the
 * command to run. (The S3-compatible server, s3rver, is an npm devDependency.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Machine {
  platform: NodeJS.Platform;
  isRoot: boolean;
  /** Whether a program is on PATH. */
  has(program: string): boolean;
}

export type RedisProvision =
  | { kind: 'present' }
  | { kind: 'install'; say: string; commands: string[][] }
  | { kind: 'missing'; say: string };

const debianInstall = 'sudo apt-get install -y redis-server';
const macInstall = 'brew install redis';

/** What to do about `redis-server` on this machine. */
export function planRedisProvision(machine: Machine, mayInstall: boolean): RedisProvision {
  if (machine.has('redis-server')) return { kind: 'present' };
  const howTo = machine.platform === 'darwin' ? macInstall : machine.has('apt-get') ? debianInstall : `${debianInstall} (Debian/Ubuntu) or ${macInstall} (macOS)`;
  if (mayInstall && machine.platform === 'linux' && machine.isRoot && machine.has('apt-get')) {
    return {
      kind: 'install',
      say: 'stateless tests: redis-server is missing; installing it with apt-get (Debian/Ubuntu), once.',
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', 'redis-server'],
      ],
    };
  }
  const why = mayInstall ? '' : ' (STATELESS_NO_INSTALL is set, so the tests install nothing)';
  return { kind: 'missing', say: `stateless tests: redis-server is missing${why}; the Redis round-trip tests need it. Install it: ${howTo}` };
}

/** This machine, as the plan needs to see it. */
export function thisMachine(env: NodeJS.ProcessEnv = process.env): Machine {
  const directories = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return {
    platform: process.platform,
    isRoot: process.getuid?.() === 0,
    has: (program) => directories.some((directory) => fs.existsSync(path.join(directory, program))),
  };
}

/** Makes sure `redis-server` is there; throws an error whose message is the one line to show. */
export function provisionRedis(machine: Machine = thisMachine(), env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  const plan = planRedisProvision(machine, !env.STATELESS_NO_INSTALL);
  if (plan.kind === 'present') return;
  log(plan.say);
  if (plan.kind === 'missing') throw Object.assign(new Error(plan.say), { stack: plan.say });
  for (const [program, ...args] of plan.commands) {
    const result = spawnSync(program!, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      const say = `stateless tests: '${[program, ...args].join(' ')}' failed (${result.stderr.trim().split('\n').at(-1) ?? `exit ${result.status}`}); install redis-server yourself: ${debianInstall}`;
      throw Object.assign(new Error(say), { stack: say });
    }
  }
  if (!thisMachine(env).has('redis-server')) {
    const say = `stateless tests: apt-get installed redis-server but it is not on PATH (${env.PATH}); add its folder (usually /usr/bin) to PATH`;
    throw Object.assign(new Error(say), { stack: say });
  }
}
