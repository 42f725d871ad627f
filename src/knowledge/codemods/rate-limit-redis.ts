/**
 * What the rate-limit-redis codemod rewrites, by the ids of `counterPatterns` rows, what it rewrites them into, and
 * what it tells the user where it rewrites nothing.
 */
import { patternsById } from '../patterns.js';
import type { LibraryPattern } from '../types.js';

/** Limiters whose `store` option takes an express-rate-limit store: they get a rate-limit-redis `RedisStore`. */
export const expressLimiters: readonly LibraryPattern[] = patternsById(['express-rate-limit', 'express-rate-limit.rateLimit', 'express-slow-down', 'express-slow-down.slowDown']);

const [memoryStoreRow] = patternsById(['express-rate-limit.MemoryStore']);

/** The explicit in-memory store of express-rate-limit, replaced where it is a `store`: its row and its export. */
export const expressMemoryStore = { pattern: memoryStoreRow!, module: memoryStoreRow!.api.modules![0]!, imported: memoryStoreRow!.api.path[0]! } as const;

/** The shared store express limiters get; its export is named in both the ESM and the CommonJS build. */
export const redisStore = { module: 'rate-limit-redis', imported: 'RedisStore', option: 'store' } as const;

const [flexibleMemoryRow] = patternsById(['rate-limiter-flexible.RateLimiterMemory']);

/** rate-limiter-flexible: the memory limiter's row, and the Redis limiter that takes its place with the same options. */
export const flexibleLimiter = {
  pattern: flexibleMemoryRow!,
  module: flexibleMemoryRow!.api.modules![0]!,
  memory: flexibleMemoryRow!.api.path[0]!,
  redis: 'RateLimiterRedis',
  /** The option that takes the client; `useRedisPackage` tells it the client is node-redis, not ioredis. */
  clientOption: 'storeClient',
  packageOption: 'useRedisPackage',
} as const;

const throttlerGuidance = 'give ThrottlerModule a Redis `storage` (e.g. ThrottlerStorageRedisService from @nest-lab/throttler-storage-redis) so every instance counts together';
const fastifyGuidance =
  "its `redis` option needs an ioredis client (the plugin calls `defineCommand`), which the shared node-redis client is not: register it with `redis: new Redis(process.env.REDIS_URL)` from ioredis";
const limiterPackageGuidance = 'count in Redis: RateLimiterRedis from rate-limiter-flexible on the shared client';

/** Rows the codemod reports but cannot rewrite onto the node-redis client, with what to do, by row id. */
export const guidanceByRow: ReadonlyMap<string, string> = new Map([
  ['@fastify/rate-limit', fastifyGuidance],
  ['@fastify/rate-limit.fastifyRateLimit', fastifyGuidance],
  ['@nestjs/throttler.ThrottlerModule.forRoot', throttlerGuidance],
  ['@nestjs/throttler.ThrottlerModule.forRootAsync', throttlerGuidance],
  ['koa-ratelimit', "use `driver: 'redis'` with a Redis client as `db`"],
  ['express-brute.MemoryStore', 'use a Redis store (express-brute-redis), or express-rate-limit with rate-limit-redis'],
  ['limiter.RateLimiter', limiterPackageGuidance],
  ['limiter.TokenBucket', limiterPackageGuidance],
  ['bottleneck', "give it `datastore: 'ioredis'` and `clientOptions` so every instance shares the limits"],
  ['rate-limiter-flexible.RateLimiterCluster', 'RateLimiterCluster counts in the master process of one machine: use RateLimiterRedis on the shared client'],
  [expressMemoryStore.pattern.id, "pass `new RedisStore({ prefix, sendCommand })` from rate-limit-redis as the limiter's `store` instead"],
]);
// Every id above names a row: a renamed row fails here, at load, not silently in a user's run.
patternsById([...guidanceByRow.keys()]);

/** Guidance for locks and hand-rolled state, by the message id the check gives them. */
export const guidanceByMessage: Readonly<Record<string, string>> = {
  memoryLock: 'use a Redis lock (SET NX PX with a token, released only by its holder) so one instance holds it at a time',
  counter: 'count in Redis with INCR (and EXPIRE for a window) so every instance adds to the same total',
  flag: 'use a Redis lock (SET NX PX) so one instance runs the work at a time',
};
