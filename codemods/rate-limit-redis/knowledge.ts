/** What rate-limit-redis rewrites into, and what it tells the user where it rewrites nothing. */

/** Limiters whose `store` option takes an express-rate-limit store (rows of `counterPatterns` by library). */
export const expressLimiterLibraries: readonly string[] = ['express-rate-limit', 'express-slow-down'];

/** The explicit in-memory store of express-rate-limit (a `counterPatterns` library), replaced where it is a `store`. */
export const expressMemoryStore = { library: 'express-rate-limit MemoryStore', module: 'express-rate-limit', imported: 'MemoryStore' } as const;

/** The shared store express limiters get; its export is named in both the ESM and the CommonJS build. */
export const redisStore = { module: 'rate-limit-redis', imported: 'RedisStore', option: 'store' } as const;

/** rate-limiter-flexible: the memory limiter and the Redis limiter that takes its place with the same options. */
export const flexibleLimiter = {
  library: 'RateLimiterMemory',
  module: 'rate-limiter-flexible',
  memory: 'RateLimiterMemory',
  redis: 'RateLimiterRedis',
  /** The option that takes the client; `useRedisPackage` tells it the client is node-redis, not ioredis. */
  clientOption: 'storeClient',
  packageOption: 'useRedisPackage',
} as const;

/** Every key a limiter writes starts with this, then the limiter's own name: limiters never share counts. */
export const keyNamespace = 'rl';

/** What the generated `stateless/redis` adapter exports: the shared node-redis client. */
export const redisClient = { adapter: 'redis', imported: 'redis' } as const;

/** Libraries (`counterPatterns` names) the codemod reports but cannot rewrite onto the node-redis client, with what to do. */
export const guidanceByLibrary: Readonly<Record<string, string>> = {
  '@fastify/rate-limit':
    "its `redis` option needs an ioredis client (the plugin calls `defineCommand`), which the shared node-redis client is not: register it with `redis: new Redis(process.env.REDIS_URL)` from ioredis",
  '@nestjs/throttler': 'give ThrottlerModule a Redis `storage` (e.g. ThrottlerStorageRedisService from @nest-lab/throttler-storage-redis) so every instance counts together',
  'koa-ratelimit': "use `driver: 'redis'` with a Redis client as `db`",
  'express-brute MemoryStore': 'use a Redis store (express-brute-redis), or express-rate-limit with rate-limit-redis',
  'limiter RateLimiter': 'count in Redis: RateLimiterRedis from rate-limiter-flexible on the shared client',
  'limiter TokenBucket': 'count in Redis: RateLimiterRedis from rate-limiter-flexible on the shared client',
  Bottleneck: "give it `datastore: 'ioredis'` and `clientOptions` so every instance shares the limits",
  RateLimiterCluster: 'RateLimiterCluster counts in the master process of one machine: use RateLimiterRedis on the shared client',
  [expressMemoryStore.library]: "pass `new RedisStore({ prefix, sendCommand })` from rate-limit-redis as the limiter's `store` instead",
};

/** Guidance for locks and hand-rolled state, by the message id the check gives them. */
export const guidanceByMessage: Readonly<Record<string, string>> = {
  memoryLock: 'use a Redis lock (SET NX PX with a token, released only by its holder) so one instance holds it at a time',
  counter: 'count in Redis with INCR (and EXPIRE for a window) so every instance adds to the same total',
  flag: 'use a Redis lock (SET NX PX) so one instance runs the work at a time',
};

/** Option keys that hold a limiter used only as a fallback while Redis is down: fine in memory. */
export { fallbackLimiterOptions } from '../../src/knowledge/counters.js';
