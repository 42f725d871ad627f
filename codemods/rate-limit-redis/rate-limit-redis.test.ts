import { describe, expect, it } from 'vitest';
import { skipMessage } from '../kit/skip.js';
import { runCodemod } from '../kit/run.js';
import { describeCodemodFixtures } from '../../src/test-support/codemod-fixtures.js';
import { rateLimitRedis } from './index.js';

describeCodemodFixtures(rateLimitRedis);

function migrate(source: string, file = '/project/src/limits.ts') {
  return runCodemod(rateLimitRedis, { file, source, adapterDir: '/project/src/stateless', packageType: 'module', appName: 'shop' });
}

describe('rate-limit-redis details', () => {
  it('gives each limiter of a file its own prefix, also when they share a name', () => {
    const outcome = migrate(
      [
        "import rateLimit from 'express-rate-limit';",
        'export const limits = { login: rateLimit({ limit: 5 }) };',
        'export const other = { login: rateLimit() };',
        '',
      ].join('\n'),
    );
    expect(outcome.source).toContain("prefix: 'shop:rl:login:'");
    expect(outcome.source).toContain("prefix: 'shop:rl:login2:'");
    expect(outcome.source).toContain("login: rateLimit({ store: new RedisStore({ prefix: 'shop:rl:login2:'");
    expect(outcome.changes).toHaveLength(2);
  });

  it('skips options shared by two limiters: one store cannot serve both', () => {
    const outcome = migrate(
      ["import { rateLimit } from 'express-rate-limit';", 'const options = { limit: 5 };', 'export const a = rateLimit(options);', 'export const b = rateLimit(options);', ''].join('\n'),
    );
    expect(outcome.changes).toEqual([]);
    expect(outcome.skips.map((skip) => skip.line)).toEqual([3, 4]);
    expect(outcome.skips[0]).toMatchObject({ reason: 'limiter-options-elsewhere', detail: { why: '`options` is shared by 2 limiters, and each needs its own store' } });
  });

  it('replaces `store: undefined` and leaves limiters that have a store alone', () => {
    const outcome = migrate(
      [
        "import { rateLimit } from 'express-rate-limit';",
        "import { customStore } from './store.js';",
        'export const a = rateLimit({ limit: 5, store: undefined });',
        'export const b = rateLimit({ limit: 5, store: customStore });',
        '',
      ].join('\n'),
    );
    expect(outcome.changes.map((change) => change.line)).toEqual([3]);
    expect(outcome.source).toContain("export const a = rateLimit({ limit: 5, store: new RedisStore({ prefix: 'shop:rl:a:'");
    expect(outcome.source).toContain('export const b = rateLimit({ limit: 5, store: customStore });');
  });

  it('does not take a local function named like the library for it', () => {
    const source = ['function rateLimit(options: object) { return options; }', 'export const a = rateLimit({ limit: 5 });', ''].join('\n');
    expect(migrate(source).source).toBe(source);
  });

  it('follows a namespace import of rate-limiter-flexible', () => {
    const outcome = migrate(["import * as flexible from 'rate-limiter-flexible';", 'export const limiter = new flexible.RateLimiterMemory({ points: 1, duration: 1 });', ''].join('\n'));
    expect(outcome.source).toContain("new flexible.RateLimiterRedis({ storeClient: redis, useRedisPackage: true, keyPrefix: 'shop:rl:limiter', points: 1, duration: 1 })");
  });

  it('reports a MemoryStore that is not a limiter option', () => {
    const outcome = migrate(["import { MemoryStore } from 'express-rate-limit';", 'export const store = new MemoryStore();', ''].join('\n'));
    expect(outcome.skips.map((skip) => [skip.line, skip.reason])).toEqual([[2, 'limiter-memory-store']]);
    expect(skipMessage(outcome.skips[0]!)).toContain("is not a limiter's `store` option here");
  });
});
