import { commonjs, ruleTester, script } from '../src/test-support/rule-tester.js';
import rule from './no-process-cache.js';

const error = (line: number, column: number) => ({ messageId: 'processCache', line, column });

ruleTester.run('no-process-cache', rule, {
  valid: [
    // Shared caches in Redis.
    `import Redis from 'ioredis';
const redis = new Redis(process.env.REDIS_URL);
export const get = (k: string) => redis.get(k);`,
    `import { caching } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
export const cache = await caching(redisStore, { url: process.env.REDIS_URL });`,
    `import cacheManager from 'cache-manager';
import redisStore from 'cache-manager-ioredis';
export const cache = cacheManager.caching({ store: redisStore, host: 'redis' });`,
    `import { createCache } from 'cache-manager';
import { Keyv } from 'keyv';
import KeyvRedis from '@keyv/redis';
export const cache = createCache({ stores: [new Keyv({ store: new KeyvRedis(process.env.REDIS_URL) })] });`,
    `import Keyv from 'keyv';
export const a = new Keyv('redis://localhost:6379');
export const b = new Keyv(new KeyvRedis('redis://localhost:6379'));
export const c = new Keyv({ uri: 'redis://localhost:6379', namespace: 'c' });`,
    `import { CacheModule } from '@nestjs/cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
export const cacheModule = CacheModule.register({ store: redisStore, url: process.env.REDIS_URL });`,
    // Options the file cannot see: not reported rather than guessed.
    `import { createCache } from 'cache-manager';
export const cache = createCache(cacheOptions());`,
    // Local look-alikes: a class named LRUCache, a local memoize helper.
    `class LRUCache<K, V> extends Map<K, V> {}
export const cache = new LRUCache<string, number>();`,
    `function memoize<T>(fn: () => T) { return fn; }
export const load = memoize(() => 1);`,
    // Types only: importing the type creates no cache.
    `import type { LRUCache } from 'lru-cache';
export function make(cache: LRUCache<string, string>) { return cache.get('a'); }`,
    // lodash functions other than memoize.
    `import { debounce } from 'lodash';
export const save = debounce(() => {}, 100);`,
    // memory-cache's module-wide cache filled at start-up only.
    `const cache = require('memory-cache');
cache.put('countries', loadCountries());
app.get('/countries', (req, res) => res.json(cache.get('countries')));`,
    // A cache made while handling one request dies with it.
    `import { LRUCache } from 'lru-cache';
app.get('/report', (req, res) => {
  const seen = new LRUCache({ max: 100 });
  res.json(req.query.ids.filter((id) => !seen.has(id) && seen.set(id, true)));
});`,
    // Test and worker files.
    { code: `import { LRUCache } from 'lru-cache';\nexport const cache = new LRUCache({ max: 10 });`, filename: 'src/cache.test.ts' },
    { code: `import { LRUCache } from 'lru-cache';\nexport const cache = new LRUCache({ max: 10 });`, filename: 'test/cache.ts' },
    { code: `import { LRUCache } from 'lru-cache';\nexport const cache = new LRUCache({ max: 10 });`, filename: 'src/workers/thumbnails.ts' },
    { code: `import NodeCache from 'node-cache';\nexport const cache = new NodeCache();`, filename: 'src/queue/consumer.ts', options: [{ workerFiles: ['src/queue/**'] }] },
  ],
  invalid: [
    // lru-cache: named, default (v7–v9), legacy call, namespace, require, import-equals, alias.
    {
      code: `import { LRUCache } from 'lru-cache';
const cache = new LRUCache<string, User>({ max: 500, ttl: 60_000 });`,
      errors: [error(2, 15)],
    },
    {
      code: `import LRU from 'lru-cache';
export const cache = new LRU({ max: 100 });`,
      errors: [error(2, 22)],
    },
    {
      code: `import * as lru from 'lru-cache';
export const cache = new lru.LRUCache({ max: 100 });`,
      errors: [error(2, 22)],
    },
    {
      code: `const { LRUCache: Cache } = require('lru-cache');
module.exports = new Cache({ max: 100 });`,
      ...commonjs,
      errors: [error(2, 18)],
    },
    {
      code: `const LRU = require('lru-cache');
const cache = LRU(50);`,
      ...script,
      errors: [error(2, 15)],
    },
    {
      code: `import lru = require('lru-cache');
export const cache = new lru.LRUCache({ max: 100 });`,
      errors: [error(2, 22)],
    },
    {
      code: `import { LRUCache } from 'lru-cache';
const Cache = LRUCache;
export function createApp() {
  const cache = new Cache({ max: 100 });
  return { cache };
}`,
      errors: [error(4, 17)],
    },
    // node-cache, memory-cache, quick-lru and other LRU/TTL maps.
    {
      code: `import NodeCache from 'node-cache';
export const cache = new NodeCache({ stdTTL: 100 });`,
      errors: [error(2, 22)],
    },
    {
      code: `const NodeCache = require('node-cache');
const myCache = new NodeCache();`,
      filename: 'src/cache.cjs',
      errors: [error(2, 17)],
    },
    {
      code: `const cache = require('memory-cache');
app.get('/x', (req, res) => { cache.put(req.url, 'body', 1000); });`,
      ...commonjs,
      errors: [error(2, 31)],
    },
    {
      code: `import memoryCache from 'memory-cache';
export const cache = new memoryCache.Cache();`,
      errors: [error(2, 22)],
    },
    {
      code: `import QuickLRU from 'quick-lru';
export const lru = new QuickLRU({ maxSize: 1000 });`,
      filename: 'src/cache.mjs',
      errors: [error(2, 20)],
    },
    {
      code: `import QuickLRU from '@alloc/quick-lru';
export const lru = new QuickLRU({ maxSize: 1000 });`,
      errors: [error(2, 20)],
    },
    {
      code: `import { lru } from 'tiny-lru';
import { LRU } from 'tiny-lru';
export const a = lru(100);
export const b = new LRU(100);`,
      errors: [error(3, 18), error(4, 18)],
    },
    {
      code: `import { LRUMap } from 'lru_map';
import { LRUCache } from 'mnemonist';
import LRUMapWithDelete from 'mnemonist/lru-map-with-delete';
export const a = new LRUMap(100);
export const b = new LRUCache(100);
export const c = new LRUMapWithDelete(100);`,
      errors: [error(4, 18), error(5, 18), error(6, 18)],
    },
    {
      code: `import flru from 'flru';
import HLRU from 'hashlru';
import { createLRU } from 'lru.min';
export const a = flru(10);
export const b = HLRU(10);
export const c = createLRU({ max: 10 });`,
      errors: [error(4, 18), error(5, 18), error(6, 18)],
    },
    {
      code: `import TTLCache from '@isaacs/ttlcache';
import ExpiryMap from 'expiry-map';
import { CacheableMemory } from 'cacheable';
export const a = new TTLCache({ max: 10, ttl: 1000 });
export const b = new ExpiryMap(1000);
export const c = new CacheableMemory();`,
      errors: [error(4, 18), error(5, 18), error(6, 18)],
    },
    // cache-manager: v4 options, v5 'memory', v6+ createCache without stores, memoryStore().
    {
      code: `import cacheManager from 'cache-manager';
export const a = cacheManager.caching({ store: 'memory', max: 100, ttl: 10 });
export const b = cacheManager.caching({ max: 100 });`,
      errors: [error(2, 18), error(3, 18)],
    },
    {
      code: `import { caching } from 'cache-manager';
export const cache = await caching('memory', { max: 100, ttl: 10_000 });`,
      errors: [error(2, 28)],
    },
    {
      code: `import { createCache } from 'cache-manager';
export const a = createCache();
const options = { ttl: 10_000 };
export const b = createCache(options);
export const c = createCache({ ...options, refreshThreshold: 1000 });`,
      errors: [error(2, 18), error(4, 18), error(5, 18)],
    },
    {
      code: `const { createCache, memoryStore } = require('cache-manager');
module.exports = createCache(memoryStore({ max: 100 }));`,
      ...commonjs,
      errors: [error(2, 30)],
    },
    // Keyv's default Map, and @nestjs/cache-manager without a store.
    {
      code: `import Keyv from 'keyv';
export const a = new Keyv();
export const b = new Keyv({ namespace: 'users', ttl: 1000 });`,
      errors: [error(2, 18), error(3, 18)],
    },
    {
      code: `import { Module } from '@nestjs/common';
import { CacheModule } from '@nestjs/cache-manager';
@Module({ imports: [CacheModule.register({ ttl: 5000, isGlobal: true })] })
export class AppModule {}`,
      errors: [error(3, 21)],
    },
    // Memoizers keep results in this process.
    {
      code: `import memoize from 'memoizee';
import pMemoize from 'p-memoize';
import mem from 'mem';
export const a = memoize(fetchUser, { maxAge: 1000 });
export const b = pMemoize(fetchUser);
export const c = mem(fetchUser);`,
      errors: [error(4, 18), error(5, 18), error(6, 18)],
    },
    {
      code: `import { memoize } from 'lodash';
import memoizeOne from 'lodash/memoize';
import _ from 'lodash-es';
export const a = memoize(fetchUser);
export const b = memoizeOne(fetchUser);
export const c = _.memoize(fetchUser);`,
      errors: [error(4, 18), error(5, 18), error(6, 18)],
    },
    {
      code: `const moize = require('moize');
const memoize = require('fast-memoize');
exports.a = moize(fetchUser);
exports.b = memoize(fetchUser);`,
      ...commonjs,
      errors: [error(3, 13), error(4, 13)],
    },
    // In a .tsx component file.
    {
      code: `import { LRUCache } from 'lru-cache';
const rendered = new LRUCache<string, string>({ max: 50 });
export function Page() { return <div>{rendered.size}</div>; }`,
      filename: 'src/page.tsx',
      errors: [error(2, 18)],
    },
  ],
});
