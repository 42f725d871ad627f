/** Rate limiters, counters and locks that count or lock only inside this process. */
import type { LibraryPattern, StateNamePatterns } from './types.js';

const check = 'no-memory-rate-limit' as const;
const storeMissing = { kind: 'optionMissing', keys: ['store'] } as const;

export const counterPatterns: readonly LibraryPattern[] = [
  { check, messageId: 'memoryLimiter', library: 'express-rate-limit', api: { modules: ['express-rate-limit'], path: [], use: 'call' }, when: storeMissing },
  { check, messageId: 'memoryLimiter', library: 'express-rate-limit', api: { modules: ['express-rate-limit'], path: ['rateLimit'], use: 'call' }, when: storeMissing },
  { check, messageId: 'memoryLimiter', library: 'express-slow-down', api: { modules: ['express-slow-down'], path: [], use: 'call' }, when: storeMissing },
  { check, messageId: 'memoryLimiter', library: 'express-slow-down', api: { modules: ['express-slow-down'], path: ['slowDown'], use: 'call' }, when: storeMissing },
  { check, messageId: 'memoryLimiter', library: 'RateLimiterMemory', api: { modules: ['rate-limiter-flexible'], path: ['RateLimiterMemory'], use: 'construct' } },
  { check, messageId: 'memoryLimiter', library: 'RateLimiterCluster', api: { modules: ['rate-limiter-flexible'], path: ['RateLimiterCluster'], use: 'construct' } },
  { check, messageId: 'memoryLimiter', library: '@fastify/rate-limit', api: { modules: ['@fastify/rate-limit', 'fastify-rate-limit'], path: [], use: 'plugin' }, when: { kind: 'optionMissing', keys: ['redis', 'store'] } },
  { check, messageId: 'memoryLimiter', library: 'koa-ratelimit', api: { modules: ['koa-ratelimit'], path: [], use: 'call' }, when: { kind: 'optionEquals', key: 'driver', values: ['memory'] } },
  { check, messageId: 'memoryLimiter', library: '@nestjs/throttler', api: { modules: ['@nestjs/throttler'], path: ['ThrottlerModule', 'forRoot'], use: 'call' }, when: { kind: 'optionMissing', keys: ['storage'] } },
  { check, messageId: 'memoryLock', library: 'async-mutex Mutex', api: { modules: ['async-mutex'], path: ['Mutex'], use: 'construct' } },
  { check, messageId: 'memoryLock', library: 'async-mutex Semaphore', api: { modules: ['async-mutex'], path: ['Semaphore'], use: 'construct' } },
  { check, messageId: 'memoryLock', library: 'async-lock', api: { modules: ['async-lock'], path: [], use: 'construct' } },
  { check, messageId: 'memoryLock', library: 'await-lock', api: { modules: ['await-lock'], path: [], use: 'construct' } },
];

/** Stores that make a limiter count across instances (fine). */
export const sharedLimiterModules: readonly string[] = ['rate-limit-redis', '@express-rate-limit/redis', 'rate-limiter-flexible', 'redlock', '@nestjs/throttler-storage-redis'];

/** Module-level maps of hits per key give themselves away by name. */
export const counterStateNames: StateNamePatterns = {
  check,
  messageId: 'counter',
  names: [/counts?($|[A-Z_])/i, /^(hits|attempts|requests|visits|views|tries|failures|failedLogins|quota|rateLimits?|limits)($|[A-Z_])/i, /(Hits|Attempts|Requests|Visits|Views|Tries|Failures|Quota|Counter|Total)$/],
};

/** Module-level flags and locks give themselves away by name. */
export const lockStateNames: StateNamePatterns = {
  check,
  messageId: 'flag',
  names: [/^(is)?(running|busy|locked|processing|inProgress|working)$/i, /locks?$/i, /^mutex/i, /^inFlight/i],
};
