/**
 * Shared stores chosen by configuration: a store given only under a condition leaves the library's in-memory default
 * on in the default configuration, so it is reported (`optionalStore`); a store always given is not.
 */
import { commonjs, ruleTester } from '../src/test-support/rule-tester.js';
import rateLimitRule from './no-memory-rate-limit.js';
import sessionRule from './no-memory-session-store.js';
import cacheRule from './no-process-cache.js';
import realtimeRule from './no-local-realtime-state.js';

const optionalStore = (library: string) => (line: number, column: number, option = 'store') => ({ messageId: 'optionalStore', line, column, data: { library, option } });

ruleTester.run('no-memory-session-store (optional stores)', sessionRule, {
  valid: [
    // The store is always given: as a value, in both branches, or in both branches of an if/else.
    `import session from 'express-session';
import RedisStore from 'connect-redis';
app.use(session({ secret, store: new RedisStore({ client }) }));`,
    `import session from 'express-session';
app.use(session({ secret, store: useMongo ? mongoStore : redisStore }));`,
    `import session from 'express-session';
const opts = { secret, store: null };
if (useMongo) opts.store = mongoStore;
else opts.store = redisStore;
app.use(session(opts));`,
    // Set unconditionally after a null default.
    `import session from 'express-session';
const opts = { secret, store: null };
opts.store = new RedisStore({ client });
app.use(session(opts));`,
    // An unknown spread besides the conditional one could hold a store: not guessed.
    `import session from 'express-session';
app.use(session({ ...config.session, ...(redisUrl && { store: redisStore }) }));`,
    // A \`let store\` set in both branches of an if/else.
    `import session from 'express-session';
let store;
if (db) {
  store = new KnexStore({ knex });
} else {
  store = sharedStore;
}
app.use(session({ secret, store }));`,
    {
      code: `const session = require('express-session');
let store = redisStore;
if (useMongo) store = mongoStore;
app.use(session({ secret, store }));`,
      ...commonjs,
    },
  ],
  invalid: [
    {
      // A conditional spread, and a ternary with `undefined`.
      code: `import session from 'express-session';
app.use(session({ secret, ...(redisUrl && { store: new RedisStore({ client }) }) }));
app.use(session({ secret, store: config.redis ? new RedisStore({ client }) : undefined }));`,
      errors: [optionalStore('express-session')(2, 9), optionalStore('express-session')(3, 9)],
    },
    {
      // `store: null` as the default, set only when configured (the options in a const).
      code: `import session from 'express-session';
export function load(config: { redisUrl?: string }) {
  const sessionOpts = { secret: 's', resave: false, store: null };
  if (config.redisUrl) {
    sessionOpts.store = new RedisStore({ client: new Redis(config.redisUrl) });
  }
  app.use(session(sessionOpts));
}`,
      errors: [optionalStore('express-session')(7, 11)],
    },
    {
      // The same in CommonJS, with a conditional spread of a ternary whose other branch is empty.
      code: `const session = require('express-session');
app.use(session({ secret: 's', ...(useRedis ? { store: redisStore } : {}) }));`,
      ...commonjs,
      errors: [optionalStore('express-session')(2, 9)],
    },
  ],
});

ruleTester.run('no-memory-rate-limit (optional stores)', rateLimitRule, {
  valid: [
    `import rateLimit from 'express-rate-limit';
app.use(rateLimit({ max: 100, store: useRedis ? redisStore : mongoStore }));`,
    `import rateLimit from 'express-rate-limit';
let store;
store = new RedisStore({ sendCommand });
app.use(rateLimit({ max: 100, store }));`,
    // An options object the file cannot see.
    `import rateLimit from 'express-rate-limit';
app.use(rateLimit({ ...settings.limits, max: 100 }));`,
    // A store given through a factory, always.
    `import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
@Module({ imports: [ThrottlerModule.forRootAsync({ useFactory: () => ({ throttlers: [{ ttl: 60, limit: 10 }], storage: new ThrottlerStorageRedisService(redis) }) })] })
export class AppModule {}`,
  ],
  invalid: [
    {
      code: `import rateLimit from 'express-rate-limit';
app.use(rateLimit({ max: 100, store: useRedis ? redisStore : undefined }));
app.use(rateLimit({ max: 100, store: config.redis && new RedisStore({ sendCommand }) }));`,
      errors: [optionalStore('express-rate-limit')(2, 9), optionalStore('express-rate-limit')(3, 9)],
    },
    {
      // `if (redisEnabled) options.store = …`.
      code: `import rateLimit from 'express-rate-limit';
const options = { windowMs: 60_000, max: 100 };
if (redisEnabled) options.store = new RedisStore({ sendCommand });
app.use(rateLimit(options));`,
      errors: [optionalStore('express-rate-limit')(4, 9)],
    },
    {
      // A `let` left undefined unless configured, spread in only when set (CommonJS).
      code: `const expressRateLimit = require('express-rate-limit');
function rateLimit(params) {
  let store = undefined;
  if (env.REDIS_ENABLED) {
    store = new RateLimitRedisStore({ sendCommand: (...args) => redis.call(...args) });
  }
  return expressRateLimit({ windowMs: params.window * 1000, ...(store && { store }), limit: params.limit });
}
module.exports = { rateLimit };`,
      ...commonjs,
      errors: [optionalStore('express-rate-limit')(7, 10)],
    },
    {
      // A holder object whose `store` stays null unless a Redis URL is configured.
      code: `import rateLimit from 'express-rate-limit';
export const addRateLimit = (route) => {
  const redisStore = { store: null };
  if (route.redisUrl) {
    redisStore.store = new RedisStore({ sendCommand });
  }
  return rateLimit({ windowMs: route.window, max: route.count, store: redisStore.store });
};`,
      errors: [optionalStore('express-rate-limit')(7, 10)],
    },
    {
      code: `import rateLimit from '@fastify/rate-limit';
export default async function routes(fastify) {
  await fastify.register(rateLimit, { max: 100, redis: process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined });
}`,
      errors: [optionalStore('@fastify/rate-limit')(3, 9, 'redis')],
    },
  ],
});

ruleTester.run('no-process-cache (optional stores)', cacheRule, {
  valid: [
    `import Keyv from 'keyv';
const cache = new Keyv({ store: new KeyvRedis(redisUrl) });`,
  ],
  invalid: [
    {
      code: `import Keyv from 'keyv';
const cache = new Keyv({ namespace: 'app', store: redisUrl ? new KeyvRedis(redisUrl) : undefined });`,
      errors: [optionalStore('keyv')(2, 15)],
    },
  ],
});

ruleTester.run('no-local-realtime-state (optional adapters)', realtimeRule, {
  valid: [
    `import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
const io = new Server(httpServer, { adapter: createAdapter(pub, sub) });`,
  ],
  invalid: [
    {
      code: `import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
const io = new Server(httpServer, { cors: {}, adapter: redisUrl ? createAdapter(pub, sub) : undefined });`,
      errors: [{ messageId: 'optionalAdapter', line: 3, column: 12, data: { option: 'adapter' } }],
    },
  ],
});
