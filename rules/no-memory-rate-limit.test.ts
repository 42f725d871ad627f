import { commonjs, ruleTester, script } from '../src/test-support/rule-tester.js';
import rule from './no-memory-rate-limit.js';

ruleTester.run('no-memory-rate-limit', rule, {
  valid: [
    // express-rate-limit / express-slow-down with a shared store.
    `import rateLimit from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
app.use(rateLimit({ windowMs: 60_000, max: 100, store: new RedisStore({ sendCommand: (...args: string[]) => redis.sendCommand(args) }) }));`,
    `import { rateLimit } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
const store = new RedisStore({ sendCommand });
app.use(rateLimit({ max: 100, store }));`,
    `import slowDown from 'express-slow-down';
app.use(slowDown({ delayAfter: 5, store: redisStore }));`,
    // The options object in a variable, with the store set on it afterwards, or merged in.
    `import rateLimit from 'express-rate-limit';
const opts = { windowMs: 60_000, max: 100 };
opts.store = new RedisStore({ sendCommand });
app.use(rateLimit(opts));`,
    `import rateLimit from 'express-rate-limit';
const opts = { max: 100 };
Object.assign(opts, { store: redisStore });
app.use(rateLimit(opts));`,
    // Spreads: a known base with a store; an unknown base (its keys are not visible, so not guessed).
    // (A store set only under a condition is reported: see optional-stores.test.ts.)
    `import rateLimit from 'express-rate-limit';
const base = { store: redisStore };
app.use(rateLimit({ ...base, max: 100 }));`,
    `import rateLimit from 'express-rate-limit';
app.use(rateLimit({ ...baseOptions, max: 100 }));`,
    `import rateLimit from 'express-rate-limit';
import { limiterOptions } from './config.js';
app.use(rateLimit(limiterOptions));`,
    // Options the file cannot see: an assignment under a computed key, a reassigned variable, a parameter.
    `import rateLimit from 'express-rate-limit';
const opts = { max: 100 };
opts[key] = value;
app.use(rateLimit(opts));`,
    `import rateLimit from 'express-rate-limit';
let opts = { max: 100 };
opts = loadOptions();
app.use(rateLimit(opts));`,
    `import rateLimit from 'express-rate-limit';
export const makeLimiter = (store) => rateLimit({ max: 100, store });`,
    // rate-limiter-flexible with Redis.
    `import { RateLimiterRedis } from 'rate-limiter-flexible';
const limiter = new RateLimiterRedis({ storeClient: redis, points: 10, duration: 1 });`,
    // A memory limiter as the insurance of a Redis one is only a fallback while Redis is down.
    `import { RateLimiterRedis, RateLimiterMemory } from 'rate-limiter-flexible';
const limiter = new RateLimiterRedis({ storeClient: redis, points: 10, insuranceLimiter: new RateLimiterMemory({ points: 2 }) });`,
    `import { RateLimiterRedis, RateLimiterMemory } from 'rate-limiter-flexible';
const insurance = new RateLimiterMemory({ points: 2 });
const limiter = new RateLimiterRedis({ storeClient: redis, insuranceLimiter: insurance });`,
    // Bottleneck clustered through Redis.
    `import Bottleneck from 'bottleneck';
const limiter = new Bottleneck({ maxConcurrent: 1, datastore: 'ioredis', clientOptions: { host: 'redis' } });`,
    // @fastify/rate-limit with redis or a store.
    `import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';
const fastify = Fastify();
await fastify.register(rateLimit, { max: 100, timeWindow: '1 minute', redis: new Redis() });`,
    `import rateLimit from '@fastify/rate-limit';
export default async function routes(fastify) { await fastify.register(rateLimit, { max: 100, store: CustomStore }); }`,
    `export default async function routes(fastify) { await fastify.register(import('@fastify/rate-limit'), { max: 100, redis }); }`,
    // `register` of something else.
    `import cors from '@fastify/cors';
fastify.register(cors, { origin: true });`,
    // koa-ratelimit with its Redis driver (the default).
    `import ratelimit from 'koa-ratelimit';
app.use(ratelimit({ driver: 'redis', db: new Redis(), duration: 60000, max: 100 }));`,
    `import ratelimit from 'koa-ratelimit';
app.use(ratelimit({ db: new Redis(), max: 100 }));`,
    // @nestjs/throttler with a Redis storage.
    `import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
@Module({
  imports: [ThrottlerModule.forRoot({ throttlers: [{ ttl: 60000, limit: 10 }], storage: new ThrottlerStorageRedisService(redis) })],
})
export class AppModule {}`,
    // A Redis lock.
    `import Redlock from 'redlock';
const redlock = new Redlock([redis], { retryCount: 3 });
app.post('/pay', async (req, res) => { const lock = await redlock.acquire(['pay:' + req.user.id], 5000); await lock.release(); });`,
    // A look-alike that is not the library: a local `rateLimit`, a local `Mutex`.
    `function rateLimit(options: object) { return options; }
rateLimit({ max: 5 });`,
    `class Mutex { lock() {} }
const m = new Mutex();`,
    // Counters local to a function, constants, and a `let` changed only at module init.
    `export function handler(req, res) {
  let count = 0;
  for (const item of req.body.items) count++;
  res.json({ count });
}`,
    `const MAX_ATTEMPTS = 5;
const WINDOW_MS = 60_000;
export const login = (req, res) => res.json({ MAX_ATTEMPTS, WINDOW_MS });`,
    `let requestCount = 0;
requestCount += 1;
for (const route of routes) requestCount++;
export const getCount = () => requestCount;`,
    `let attempts = 0;
function init() { attempts = 0; }
init();`,
    // A status flag that is per process by design: a shutdown switch set on SIGTERM and read by the middleware.
    `let isShuttingDown = false;
process.on('SIGTERM', () => { isShuttingDown = true; server.close(); });
app.use((req, res, next) => { if (isShuttingDown) return res.sendStatus(503); next(); });`,
    `let connected = false;
redis.on('connect', () => { connected = true; });
redis.on('end', () => { connected = false; });`,
    // Names that only look like counters or locks (`accounts`, `blocks`) are other state, not this check's.
    `const accounts = new Map();
app.post('/accounts', (req, res) => { accounts.set(req.body.id, req.body); res.end(); });`,
    `const blocks = [];
app.post('/blocks', (req, res) => { blocks.push(req.body); res.end(); });`,
    // Test files and worker files do not serve requests.
    {
      code: `import rateLimit from 'express-rate-limit';\napp.use(rateLimit({ max: 5 }));`,
      filename: 'src/limiter.test.ts',
    },
    {
      code: `import { RateLimiterMemory } from 'rate-limiter-flexible';\nconst limiter = new RateLimiterMemory({ points: 5 });`,
      filename: 'tests/limiter.ts',
    },
    {
      code: `import { Mutex } from 'async-mutex';\nconst mutex = new Mutex();`,
      filename: 'src/workers/reports.ts',
    },
    {
      code: `let running = false;\nexport async function run() { if (running) return; running = true; await work(); running = false; }`,
      filename: 'src/report.worker.ts',
    },
    // File roles from options and from settings.stateless.
    {
      code: `import rateLimit from 'express-rate-limit';\napp.use(rateLimit({ max: 5 }));`,
      filename: 'src/jobs/limiter.ts',
      options: [{ workerFiles: ['src/jobs/**'] }],
    },
    {
      code: `import rateLimit from 'express-rate-limit';\napp.use(rateLimit({ max: 5 }));`,
      filename: 'spec/limiter.ts',
      settings: { stateless: { testFiles: ['spec/**'] } },
    },
  ],
  invalid: [
    // express-rate-limit: the default export, the named export, aliases, namespace.
    {
      code: `import rateLimit from 'express-rate-limit';
app.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));`,
      errors: [{ messageId: 'memoryLimiter', line: 2, column: 9 }],
    },
    {
      code: `import { rateLimit } from 'express-rate-limit';
export const limiter = rateLimit({ windowMs: 60_000, limit: 10 });`,
      errors: [{ messageId: 'memoryLimiter', line: 2, column: 24 }],
    },
    {
      code: `import { rateLimit as limit } from 'express-rate-limit';
import * as erl from 'express-rate-limit';
app.use('/api', limit());
app.use('/login', erl.rateLimit({ max: 5 }), erl.default({ max: 50 }));`,
      errors: [
        { messageId: 'memoryLimiter', line: 3, column: 17 },
        { messageId: 'memoryLimiter', line: 4, column: 19 },
        { messageId: 'memoryLimiter', line: 4, column: 46 },
      ],
    },
    // An explicit MemoryStore is the default store, spelled out; `store: undefined` is no store.
    {
      code: `import { rateLimit, MemoryStore } from 'express-rate-limit';
app.use(rateLimit({ max: 5, store: new MemoryStore() }));
app.use(rateLimit({ max: 5, store: undefined }));`,
      errors: [
        { messageId: 'memoryLimiter', line: 2, column: 36 },
        { messageId: 'memoryLimiter', line: 3, column: 9 },
      ],
    },
    // Options object in a variable; spreads of known objects are read through.
    {
      code: `import rateLimit from 'express-rate-limit';
const opts = { windowMs: 60_000, max: 100 };
opts.message = 'Too many requests';
app.use(rateLimit(opts));`,
      errors: [{ messageId: 'memoryLimiter', line: 4, column: 9 }],
    },
    {
      code: `import rateLimit from 'express-rate-limit';
const base = { windowMs: 60_000, standardHeaders: true };
const strict = { ...base, max: 5 };
app.use('/login', rateLimit(strict));
app.use(rateLimit({ ...base, max: 100 }));`,
      errors: [
        { messageId: 'memoryLimiter', line: 4, column: 19 },
        { messageId: 'memoryLimiter', line: 5, column: 9 },
      ],
    },
    {
      code: `import rateLimit from 'express-rate-limit';
const opts = { max: 100 } as const satisfies object;
app.use(rateLimit(opts as any));`,
      errors: [{ messageId: 'memoryLimiter', line: 3, column: 9 }],
    },
    // express-slow-down: default and named.
    {
      code: `import slowDown from 'express-slow-down';
import { slowDown as slow } from 'express-slow-down';
app.use(slowDown({ windowMs: 60_000, delayAfter: 5, delayMs: () => 500 }));
app.use(slow({ delayAfter: 1 }));`,
      errors: [
        { messageId: 'memoryLimiter', line: 3, column: 9 },
        { messageId: 'memoryLimiter', line: 4, column: 9 },
      ],
    },
    // CommonJS: require with and without destructuring, `require(...)` called directly.
    {
      ...commonjs,
      code: `const rateLimit = require('express-rate-limit');
const { rateLimit: named } = require('express-rate-limit');
app.use(rateLimit({ max: 5 }));
app.use(named({ max: 5 }));
app.use(require('express-slow-down')({ delayAfter: 1 }));`,
      errors: [
        { messageId: 'memoryLimiter', line: 3, column: 9 },
        { messageId: 'memoryLimiter', line: 4, column: 9 },
        { messageId: 'memoryLimiter', line: 5, column: 9 },
      ],
    },
    // A plain script where `require` is an undeclared global.
    {
      ...script,
      code: `var rateLimit = require('express-rate-limit');
var RateLimiterMemory = require('rate-limiter-flexible').RateLimiterMemory;
app.use(rateLimit({ max: 5 }));
var limiter = new RateLimiterMemory({ points: 5, duration: 1 });`,
      errors: [
        { messageId: 'memoryLimiter', line: 3, column: 9 },
        { messageId: 'memoryLimiter', line: 4, column: 15 },
      ],
    },
    // TypeScript `import x = require()`.
    {
      code: `import rateLimit = require('express-rate-limit');
app.use(rateLimit({ max: 5 }));`,
      errors: [{ messageId: 'memoryLimiter', line: 2, column: 9 }],
    },
    // .mjs, .cjs and .tsx files.
    {
      code: `import rateLimit from 'express-rate-limit';\napp.use(rateLimit({ max: 5 }));`,
      filename: 'src/limits.mjs',
      errors: [{ messageId: 'memoryLimiter', line: 2, column: 9 }],
    },
    {
      code: `const { RateLimiterMemory } = require('rate-limiter-flexible');\nconst limiter = new RateLimiterMemory({ points: 5 });`,
      filename: 'src/limits.cjs',
      errors: [{ messageId: 'memoryLimiter', line: 2, column: 17 }],
    },
    {
      code: `import { RateLimiterMemory } from 'rate-limiter-flexible';
const limiter = new RateLimiterMemory({ points: 5 });
export const Badge = () => <span>{limiter.points}</span>;`,
      filename: 'src/components/badge.tsx',
      errors: [{ messageId: 'memoryLimiter', line: 2, column: 17 }],
    },
    // rate-limiter-flexible: RateLimiterMemory (also through a namespace), RateLimiterCluster.
    {
      code: `import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import * as flexible from 'rate-limiter-flexible';
const memory = new RateLimiterMemory({ points: 10, duration: 1 });
const shared = new RateLimiterRedis({ storeClient: redis, points: 10, duration: 1 });
const cluster = new flexible.RateLimiterCluster({ points: 10 });`,
      errors: [
        { messageId: 'memoryLimiter', line: 3, column: 16 },
        { messageId: 'memoryLimiter', line: 5, column: 17 },
      ],
    },
    // A memory limiter used on its own, even when another one names it as insurance.
    {
      code: `import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
const memory = new RateLimiterMemory({ points: 2 });
const redisLimiter = new RateLimiterRedis({ storeClient: redis, insuranceLimiter: memory });
app.use(async (req, res, next) => { await memory.consume(req.ip); next(); });`,
      errors: [{ messageId: 'memoryLimiter', line: 2, column: 16 }],
    },
    // express-brute's MemoryStore, the limiter package, Bottleneck without a datastore.
    {
      code: `import ExpressBrute from 'express-brute';
import { RateLimiter, TokenBucket } from 'limiter';
import Bottleneck from 'bottleneck';
const bruteforce = new ExpressBrute(new ExpressBrute.MemoryStore());
const perSecond = new RateLimiter({ tokensPerInterval: 10, interval: 'second' });
const bucket = new TokenBucket({ bucketSize: 5, tokensPerInterval: 1, interval: 'second' });
const outbound = new Bottleneck({ maxConcurrent: 2, minTime: 100 });`,
      errors: [
        { messageId: 'memoryLimiter', line: 4, column: 37 },
        { messageId: 'memoryLimiter', line: 5, column: 19 },
        { messageId: 'memoryLimiter', line: 6, column: 16 },
        { messageId: 'memoryLimiter', line: 7, column: 18 },
      ],
    },
  ],
});
