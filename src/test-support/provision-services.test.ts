import { describe, expect, it } from 'vitest';
import { planRedisProvision, provisionRedis, type Machine } from './provision-services.js';

const machine = (platform: NodeJS.Platform, isRoot: boolean, programs: string[]): Machine => ({ platform, isRoot, has: (program) => programs.includes(program) });

describe('redis-server for the tests', () => {
  it('does nothing when it is installed', () => {
    expect(planRedisProvision(machine('linux', false, ['redis-server']), true)).toEqual({ kind: 'present' });
  });

  it('installs it with apt-get as root on Debian/Ubuntu, saying so in one line', () => {
    expect(planRedisProvision(machine('linux', true, ['apt-get']), true)).toEqual({
      kind: 'install',
      say: 'stateless tests: redis-server is missing; installing it with apt-get (Debian/Ubuntu), once.',
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', 'redis-server'],
      ],
    });
  });

  it('names the command to run where it may not install: not root, macOS, no apt-get, or STATELESS_NO_INSTALL', () => {
    expect(planRedisProvision(machine('linux', false, ['apt-get']), true)).toEqual({
      kind: 'missing',
      say: 'stateless tests: redis-server is missing; the Redis round-trip tests need it. Install it: sudo apt-get install -y redis-server',
    });
    expect(planRedisProvision(machine('darwin', false, []), true)).toMatchObject({ kind: 'missing', say: expect.stringMatching(/Install it: brew install redis$/u) });
    expect(planRedisProvision(machine('linux', true, []), true)).toMatchObject({
      kind: 'missing',
      say: expect.stringMatching(/Install it: sudo apt-get install -y redis-server \(Debian\/Ubuntu\) or brew install redis \(macOS\)$/u),
    });
    expect(planRedisProvision(machine('linux', true, ['apt-get']), false)).toMatchObject({ kind: 'missing', say: expect.stringContaining('STATELESS_NO_INSTALL is set') });
  });

  it('stops with that one line, not a stack trace', () => {
    const lines: string[] = [];
    let thrown: Error | undefined;
    try {
      provisionRedis(machine('linux', false, ['apt-get']), {}, (line) => lines.push(line));
    } catch (error) {
      thrown = error as Error;
    }
    expect(lines).toEqual(['stateless tests: redis-server is missing; the Redis round-trip tests need it. Install it: sudo apt-get install -y redis-server']);
    expect(thrown?.message).toBe(lines[0]);
    expect(thrown?.stack).toBe(lines[0]);
  });
});
