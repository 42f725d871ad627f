import { commonjs, ruleTester, script } from '../src/test-support/rule-tester.js';
import rule from './no-memory-rate-limit.js';

// Framework limiters (Fastify, Koa, NestJS) and in-process lock libraries.
ruleTester.run('no-memory-rate-limit', rule, {
  valid: [],
  invalid: [
    // @fastify/rate-limit registered without redis or store.
    {
      code: `import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';
const fastify = Fastify();
await fastify.register(rateLimit, { max: 100, timeWindow: '1 minute' });`,
      errors: [{ messageId: 'memoryLimiter', line: 4, column: 7 }],
    },
    {
      code: `import rateLimit from '@fastify/rate-limit';
const options = { max: 100 };
export default async function routes(fastify) {
  fastify.register(rateLimit);
  fastify.register(rateLimit, options);
}`,
      errors: [
        { messageId: 'memoryLimiter', line: 4, column: 3 },
        { messageId: 'memoryLimiter', line: 5, column: 3 },
      ],
    },
    {
      code: `import { fastifyRateLimit } from '@fastify/rate-limit';
export default async function routes(fastify) {
  await fastify.register(fastifyRateLimit, { max: 100 });
  await fastify.register(import('@fastify/rate-limit'), { max: 100 });
}`,
      errors: [
        { messageId: 'memoryLimiter', line: 3, column: 9 },
        { messageId: 'memoryLimiter', line: 4, column: 9 },
      ],
    },
    {
      ...commonjs,
      code: `const fastify = require('fastify')();
fastify.register(require('@fastify/rate-limit'), { max: 100 });
fastify.register(require('fastify-rate-limit'), { max: 100, global: false });`,
      errors: [
        { messageId: 'memoryLimiter', line: 2, column: 1 },
        { messageId: 'memoryLimiter', line: 3, column: 1 },
      ],
    },
    {
      ...script,
      code: `var fastify = require('fastify')();
fastify.register(require('@fastify/rate-limit'), { max: 100 });`,
      errors: [{ messageId: 'memoryLimiter', line: 2, column: 1 }],
    },
    // koa-ratelimit with the memory driver.
    {
      code: `import Koa from 'koa';
import ratelimit from 'koa-ratelimit';
const app = new Koa();
const db = new Map();
app.use(ratelimit({ driver: 'memory', db, duration: 60000, max: 100 }));`,
      errors: [{ messageId: 'memoryLimiter', line: 5, column: 9 }],
    },
    {
      ...commonjs,
      code: `const ratelimit = require('koa-ratelimit');
const options = { driver: 'memory', db: new Map() };
app.use(ratelimit(options));`,
      errors: [{ messageId: 'memoryLimiter', line: 3, column: 9 }],
    },
    // @nestjs/throttler without storage: the array form and the object form.
    {
      code: `import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
@Module({
  imports: [ThrottlerModule.forRoot([{ ttl: 60000, limit: 10 }])],
})
export class AppModule {}`,
      errors: [{ messageId: 'memoryLimiter', line: 4, column: 13 }],
    },
    {
      code: `import * as throttler from '@nestjs/throttler';
export const limits = throttler.ThrottlerModule.forRoot({ throttlers: [{ ttl: 60000, limit: 10 }] });`,
      errors: [{ messageId: 'memoryLimiter', line: 2, column: 23 }],
    },
    // In-process locks: async-mutex, async-lock.
    {
      code: `import { Mutex, Semaphore as Sem } from 'async-mutex';
const mutex = new Mutex();
const slots = new Sem(3);
app.post('/pay', async (req, res) => { await mutex.runExclusive(() => pay(req.body)); res.end(); });`,
      errors: [
        { messageId: 'memoryLock', line: 2, column: 15 },
        { messageId: 'memoryLock', line: 3, column: 15 },
      ],
    },
    {
      ...commonjs,
      code: `const AsyncLock = require('async-lock');
const { Mutex } = require('async-mutex');
const lock = new AsyncLock();
const mutex = new Mutex();`,
      errors: [
        { messageId: 'memoryLock', line: 3, column: 14 },
        { messageId: 'memoryLock', line: 4, column: 15 },
      ],
    },
  ],
});
