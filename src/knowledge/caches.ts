/** In-process cache and memoization libraries: each instance caches alone. */
import type { LibraryPattern } from './types.js';

const check = 'no-process-cache' as const;
const messageId = 'processCache';
/** A store given only under a condition (`store: redisUrl ? redisStore : undefined`) leaves the memory default on by default. */
const optionalMessageId = 'optionalStore';

export const processCachePatterns: readonly LibraryPattern<typeof check>[] = [
  { id: 'lru-cache.LRUCache', check, messageId, library: 'lru-cache', api: { modules: ['lru-cache'], path: ['LRUCache'], use: 'construct' } },
  { id: 'lru-cache', check, messageId, library: 'lru-cache', api: { modules: ['lru-cache'], path: [], use: 'construct' } },
  { id: 'lru-cache#call', check, messageId, library: 'lru-cache', api: { modules: ['lru-cache'], path: [], use: 'call' } },
  { id: 'node-cache', check, messageId, library: 'node-cache', api: { modules: ['node-cache'], path: [], use: 'construct' } },
  { id: 'memory-cache.Cache', check, messageId, library: 'memory-cache', api: { modules: ['memory-cache'], path: ['Cache'], use: 'construct' } },
  // memory-cache's default export is one module-wide cache: filling it at start-up is fine, `put` while serving is not.
  { id: 'memory-cache.put', check, messageId, library: 'memory-cache', api: { modules: ['memory-cache'], path: ['put'], use: 'call' }, scope: 'request' },
  { id: 'quick-lru', check, messageId, library: 'quick-lru', api: { modules: ['quick-lru', '@alloc/quick-lru'], path: [], use: 'construct' } },
  { id: 'lru.min.createLRU', check, messageId, library: 'lru.min', api: { modules: ['lru.min'], path: ['createLRU'], use: 'call' } },
  { id: 'hashlru', check, messageId, library: 'hashlru', api: { modules: ['hashlru'], path: [], use: 'call' } },
  { id: 'expiry-map', check, messageId, library: 'expiry-map', api: { modules: ['expiry-map'], path: [], use: 'construct' } },
  { id: 'async-cache', check, messageId, library: 'async-cache', api: { modules: ['async-cache'], path: [], use: 'construct' } },
  { id: 'timed-cache', check, messageId, library: 'timed-cache', api: { modules: ['timed-cache'], path: [], use: 'construct' } },
  { id: 'cacheable.CacheableMemory', check, messageId, library: 'CacheableMemory', api: { modules: ['cacheable', '@cacheable/memory'], path: ['CacheableMemory'], use: 'construct' } },
  { id: 'tiny-lru.lru', check, messageId, library: 'tiny-lru', api: { modules: ['tiny-lru'], path: ['lru'], use: 'call' } },
  { id: 'tiny-lru.LRU', check, messageId, library: 'tiny-lru', api: { modules: ['tiny-lru'], path: ['LRU'], use: 'construct' } },
  { id: 'lru_map.LRUMap', check, messageId, library: 'lru_map', api: { modules: ['lru_map'], path: ['LRUMap'], use: 'construct' } },
  { id: 'mnemonist.LRUCache', check, messageId, library: 'mnemonist', api: { modules: ['mnemonist', 'mnemonist/lru-cache'], path: ['LRUCache'], use: 'construct' } },
  { id: 'mnemonist.LRUMap', check, messageId, library: 'mnemonist', api: { modules: ['mnemonist', 'mnemonist/lru-map'], path: ['LRUMap'], use: 'construct' } },
  { id: 'mnemonist/lru-cache', check, messageId, library: 'mnemonist', api: { modules: ['mnemonist/lru-cache', 'mnemonist/lru-map', 'mnemonist/lru-cache-with-delete', 'mnemonist/lru-map-with-delete'], path: [], use: 'construct' } },
  { id: 'flru', check, messageId, library: 'flru', api: { modules: ['flru'], path: [], use: 'call' } },
  { id: '@isaacs/ttlcache', check, messageId, library: '@isaacs/ttlcache', api: { modules: ['@isaacs/ttlcache'], path: [], use: 'construct' } },
  // cache-manager: `caching({ store: 'memory' })` or no store (v2–v4), `caching('memory')` (v5),
  // and `createCache()` without stores (v6+, Keyv's in-memory map).
  { id: 'cache-manager.caching#memory-argument', check, messageId, library: 'cache-manager memory store', api: { modules: ['cache-manager'], path: ['caching'], use: 'call' }, when: { kind: 'firstArgumentIn', values: ['memory'] } },
  { id: 'cache-manager.caching#memory-store', check, messageId, library: 'cache-manager memory store', api: { modules: ['cache-manager'], path: ['caching'], use: 'call' }, when: { kind: 'optionEquals', key: 'store', values: ['memory'] } },
  { id: 'cache-manager.caching#no-store', check, messageId, library: 'cache-manager memory store', api: { modules: ['cache-manager'], path: ['caching'], use: 'call' }, when: { kind: 'optionMissing', keys: ['store'] }, optionalMessageId },
  { id: 'cache-manager.createCache', check, messageId, library: 'cache-manager memory store', api: { modules: ['cache-manager'], path: ['createCache'], use: 'call' }, when: { kind: 'optionMissing', keys: ['stores'] }, optionalMessageId },
  { id: 'cache-manager.memoryStore', check, messageId, library: 'cache-manager memory store', api: { modules: ['cache-manager'], path: ['memoryStore'], use: 'call' } },
  // Keyv keeps a Map unless its first argument names a store: a URI string, a store adapter, or `{ store | uri }`.
  { id: 'keyv', check, messageId, library: 'keyv', api: { modules: ['keyv'], path: [], use: 'construct' }, when: { kind: 'optionMissing', keys: ['store', 'uri'], argument: 0 }, optionalMessageId },
  { id: 'keyv.Keyv', check, messageId, library: 'keyv', api: { modules: ['keyv'], path: ['Keyv'], use: 'construct' }, when: { kind: 'optionMissing', keys: ['store', 'uri'], argument: 0 }, optionalMessageId },
  // @nestjs/cache-manager caches in memory without a store; `registerAsync` reads the object its `useFactory` returns.
  { id: '@nestjs/cache-manager.CacheModule.register', check, messageId, library: '@nestjs/cache-manager', api: { modules: ['@nestjs/cache-manager'], path: ['CacheModule', 'register'], use: 'call' }, when: { kind: 'optionMissing', keys: ['store', 'stores'] }, optionalMessageId },
  { id: '@nestjs/cache-manager.CacheModule.registerAsync', check, messageId, library: '@nestjs/cache-manager', api: { modules: ['@nestjs/cache-manager'], path: ['CacheModule', 'registerAsync'], use: 'call' }, when: { kind: 'optionMissing', keys: ['store', 'stores'], factory: 'useFactory' }, optionalMessageId },
  // Memoizers keep their results in this process.
  { id: 'memoizee', check, messageId, library: 'memoizee', api: { modules: ['memoizee'], path: [], use: 'call' } },
  { id: 'p-memoize', check, messageId, library: 'p-memoize', api: { modules: ['p-memoize'], path: [], use: 'call' } },
  { id: 'mem', check, messageId, library: 'mem', api: { modules: ['mem', 'memoize'], path: [], use: 'call' } },
  { id: 'moize', check, messageId, library: 'moize', api: { modules: ['moize'], path: [], use: 'call' } },
  { id: 'fast-memoize', check, messageId, library: 'fast-memoize', api: { modules: ['fast-memoize'], path: [], use: 'call' } },
  { id: 'micro-memoize', check, messageId, library: 'micro-memoize', api: { modules: ['micro-memoize'], path: [], use: 'call' } },
  { id: 'memize', check, messageId, library: 'memize', api: { modules: ['memize'], path: [], use: 'call' } },
  { id: 'lru-memoize', check, messageId, library: 'lru-memoize', api: { modules: ['lru-memoize'], path: [], use: 'call' } },
  { id: 'lodash.memoize', check, messageId, library: 'lodash memoize', api: { modules: ['lodash', 'lodash-es'], path: ['memoize'], use: 'call' } },
  { id: 'lodash/memoize', check, messageId, library: 'lodash memoize', api: { modules: ['lodash.memoize', 'lodash/memoize', 'lodash-es/memoize'], path: [], use: 'call' } },
];
