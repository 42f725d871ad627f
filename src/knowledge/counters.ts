/** Rate limiters, counters and locks that count or lock only inside this process. */
import type { LibraryPattern, StateNamePatterns } from './types.js';

const check = 'no-memory-rate-limit' as const;
const storeMissing = { kind: 'optionMissing', keys: ['store'] } as const;
const fastifyStoreMissing = { kind: 'optionMissing', keys: ['redis', 'store'] } as const;
/** A store given only under a condition (`store: redisUrl ? new RedisStore() : undefined`) leaves the memory default on by default. */
const optionalMessageId = 'optionalStore';

export const counterPatterns: readonly LibraryPattern<typeof check>[] = [
  { id: 'express-rate-limit', check, messageId: 'memoryLimiter', library: 'express-rate-limit', api: { modules: ['express-rate-limit'], path: [], use: 'call' }, when: storeMissing, optionalMessageId },
  { id: 'express-rate-limit.rateLimit', check, messageId: 'memoryLimiter', library: 'express-rate-limit', api: { modules: ['express-rate-limit'], path: ['rateLimit'], use: 'call' }, when: storeMissing, optionalMessageId },
  { id: 'express-slow-down', check, messageId: 'memoryLimiter', library: 'express-slow-down', api: { modules: ['express-slow-down'], path: [], use: 'call' }, when: storeMissing, optionalMessageId },
  { id: 'express-slow-down.slowDown', check, messageId: 'memoryLimiter', library: 'express-slow-down', api: { modules: ['express-slow-down'], path: ['slowDown'], use: 'call' }, when: storeMissing, optionalMessageId },
  // An explicit `store: new MemoryStore()` is the default store, spelled out.
  { id: 'express-rate-limit.MemoryStore', check, messageId: 'memoryLimiter', library: 'express-rate-limit MemoryStore', api: { modules: ['express-rate-limit'], path: ['MemoryStore'], use: 'construct' } },
  { id: 'rate-limiter-flexible.RateLimiterMemory', check, messageId: 'memoryLimiter', library: 'RateLimiterMemory', api: { modules: ['rate-limiter-flexible'], path: ['RateLimiterMemory'], use: 'construct' } },
  { id: 'rate-limiter-flexible.RateLimiterCluster', check, messageId: 'memoryLimiter', library: 'RateLimiterCluster', api: { modules: ['rate-limiter-flexible'], path: ['RateLimiterCluster'], use: 'construct' } },
  { id: '@fastify/rate-limit', check, messageId: 'memoryLimiter', library: '@fastify/rate-limit', api: { modules: ['@fastify/rate-limit', 'fastify-rate-limit'], path: [], use: 'plugin' }, when: fastifyStoreMissing, optionalMessageId },
  { id: '@fastify/rate-limit.fastifyRateLimit', check, messageId: 'memoryLimiter', library: '@fastify/rate-limit', api: { modules: ['@fastify/rate-limit'], path: ['fastifyRateLimit'], use: 'plugin' }, when: fastifyStoreMissing, optionalMessageId },
  { id: 'koa-ratelimit', check, messageId: 'memoryLimiter', library: 'koa-ratelimit', api: { modules: ['koa-ratelimit'], path: [], use: 'call' }, when: { kind: 'optionEquals', key: 'driver', values: ['memory'] } },
  // @nestjs/throttler keeps its counters in ThrottlerStorageService (a Map) unless given a `storage`; the array form never has one,
  // and `forRootAsync` reads the object its `useFactory` returns.
  { id: '@nestjs/throttler.ThrottlerModule.forRoot', check, messageId: 'memoryLimiter', library: '@nestjs/throttler', api: { modules: ['@nestjs/throttler'], path: ['ThrottlerModule', 'forRoot'], use: 'call' }, when: { kind: 'optionMissing', keys: ['storage'] }, optionalMessageId },
  { id: '@nestjs/throttler.ThrottlerModule.forRootAsync', check, messageId: 'memoryLimiter', library: '@nestjs/throttler', api: { modules: ['@nestjs/throttler'], path: ['ThrottlerModule', 'forRootAsync'], use: 'call' }, when: { kind: 'optionMissing', keys: ['storage'], factory: 'useFactory' }, optionalMessageId },
  { id: 'express-brute.MemoryStore', check, messageId: 'memoryLimiter', library: 'express-brute MemoryStore', api: { modules: ['express-brute'], path: ['MemoryStore'], use: 'construct' } },
  { id: 'limiter.RateLimiter', check, messageId: 'memoryLimiter', library: 'limiter RateLimiter', api: { modules: ['limiter'], path: ['RateLimiter'], use: 'construct' } },
  { id: 'limiter.TokenBucket', check, messageId: 'memoryLimiter', library: 'limiter TokenBucket', api: { modules: ['limiter'], path: ['TokenBucket'], use: 'construct' } },
  // Bottleneck counts across instances only with `datastore: 'redis' | 'ioredis'`.
  { id: 'bottleneck', check, messageId: 'memoryLimiter', library: 'Bottleneck', api: { modules: ['bottleneck'], path: [], use: 'construct' }, when: { kind: 'optionMissing', keys: ['datastore'] }, optionalMessageId },
  { id: 'async-mutex.Mutex', check, messageId: 'memoryLock', library: 'async-mutex Mutex', api: { modules: ['async-mutex'], path: ['Mutex'], use: 'construct' } },
  { id: 'async-mutex.Semaphore', check, messageId: 'memoryLock', library: 'async-mutex Semaphore', api: { modules: ['async-mutex'], path: ['Semaphore'], use: 'construct' } },
  { id: 'async-lock', check, messageId: 'memoryLock', library: 'async-lock', api: { modules: ['async-lock'], path: [], use: 'construct' } },
  { id: 'await-lock', check, messageId: 'memoryLock', library: 'await-lock', api: { modules: ['await-lock'], path: [], use: 'construct' } },
];

/**
 * Options that hold a memory limiter only as a fallback while the shared store is down
 * (rate-limiter-flexible's `insuranceLimiter`): a memory limiter there is fine.
 */
export const fallbackLimiterOptions: readonly string[] = ['insuranceLimiter'];


// Name patterns are case-sensitive on purpose: `count` must start a word (`requestCount`, `countByIp`),
// so `accounts`, `country` and `discount` are not counters, and `blocks` or `clocks` are not locks.

/** Module-level maps of hits per key give themselves away by name. */
export const counterStateNames: StateNamePatterns<typeof check> = {
  id: 'counter-names',
  check,
  messageId: 'counter',
  names: [
    /(^c|C)ount(s|ers?)?($|[A-Z_0-9])/,
    /(^|_)COUNTS?($|_)/,
    /^(hits|attempts|requests|visits|views|tries|failures|failedLogins|quotas?|rateLimits?|limits)($|[A-Z_])/,
    /(Hits|Attempts|Requests|Visits|Views|Tries|Failures|Quota|Counter|Counters|Total)$/,
  ],
};

/** Module-level flags and locks give themselves away by name. */
export const lockStateNames: StateNamePatterns<typeof check> = {
  id: 'lock-names',
  check,
  messageId: 'flag',
  names: [/^(is)?(running|busy|locked|processing|inProgress|working)$/i, /(^l|L)ocks?$/, /^mutex/i, /^inFlight/i],
};
