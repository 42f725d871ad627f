/**
 * How each in-process cache maps onto the generated SharedCache: which members mean the same with the
 * entries kept in Redis, where the time to live is written, and which options only matter in one process.
 * A member or option missing here makes the codemod skip the cache rather than guess.
 */
import { processCachePatterns } from '../../src/knowledge/caches.js';

/** What SharedCache offers (`size` is a method there, a property on Map). */
export type SharedCacheMethod = 'get' | 'set' | 'has' | 'delete' | 'clear' | 'keys' | 'values' | 'entries' | 'size';

export interface MemberMapping {
  to: SharedCacheMethod;
  /** Read as a property (`map.size`), not called. */
  property?: boolean;
  /** The original result means something else (Map#set returns the map): only allowed as a statement. */
  resultDiffers?: boolean;
  /** Returns an iterator on the original, an array on SharedCache: only where both iterate alike. */
  iterator?: boolean;
  /** A third `set` argument with a per-entry TTL: seconds (node-cache) or `{ ttl }` in milliseconds. */
  ttlArgument?: 'seconds' | 'ttlOption';
}

export interface CacheApi {
  /** How reasons name it: `Map`, `LRUCache`… */
  label: string;
  /** The `library` of its rows in `processCachePatterns`; absent for the built-in Map. */
  library?: string;
  /** Constructor options holding the TTL, with their unit. */
  ttlOptions: readonly { key: string; unit: 'ms' | 's' }[];
  /** Options about this process's memory (sizes, purge timers, cloning): meaningless in Redis, dropped. */
  droppedOptions: readonly string[];
  /** Position of the value type among the constructor's (and the annotation's) type arguments. */
  valueTypeArgument: number;
  /** The value type is given per call (`cache.get<User>(key)`), not on the constructor. */
  valueTypeOnCalls?: boolean;
  /** A number as the only constructor argument is the maximum size (lru-cache before v7). */
  numberArgumentIsMax?: boolean;
  members: Readonly<Record<string, MemberMapping>>;
}

const mapMembers: Record<string, MemberMapping> = {
  get: { to: 'get' },
  set: { to: 'set', resultDiffers: true },
  has: { to: 'has' },
  delete: { to: 'delete' },
  clear: { to: 'clear' },
  keys: { to: 'keys', iterator: true },
  values: { to: 'values', iterator: true },
  entries: { to: 'entries', iterator: true },
  size: { to: 'size', property: true },
};

export const mapApi: CacheApi = { label: 'Map', ttlOptions: [], droppedOptions: [], valueTypeArgument: 1, members: mapMembers };

/** Third-party caches, by the `library` name the knowledge base uses for them. */
export const cacheLibraries: readonly CacheApi[] = [
  {
    label: 'LRUCache',
    library: 'lru-cache',
    // `maxAge` is the TTL of lru-cache before v7.
    ttlOptions: [
      { key: 'ttl', unit: 'ms' },
      { key: 'maxAge', unit: 'ms' },
    ],
    droppedOptions: ['max', 'maxSize', 'maxEntrySize', 'sizeCalculation', 'ttlAutopurge', 'ttlResolution', 'length'],
    valueTypeArgument: 1,
    numberArgumentIsMax: true,
    members: {
      ...mapMembers,
      set: { to: 'set', resultDiffers: true, ttlArgument: 'ttlOption' },
      peek: { to: 'get' },
      del: { to: 'delete', resultDiffers: true },
      reset: { to: 'clear' },
      length: { to: 'size', property: true },
      itemCount: { to: 'size', property: true },
    },
  },
  {
    label: 'NodeCache',
    library: 'node-cache',
    ttlOptions: [{ key: 'stdTTL', unit: 's' }],
    droppedOptions: ['checkperiod', 'useClones', 'maxKeys'],
    valueTypeArgument: -1,
    valueTypeOnCalls: true,
    members: {
      get: { to: 'get' },
      set: { to: 'set', resultDiffers: true, ttlArgument: 'seconds' },
      has: { to: 'has' },
      // `del` returns how many keys it removed.
      del: { to: 'delete', resultDiffers: true },
      // node-cache already returns an array.
      keys: { to: 'keys' },
      flushAll: { to: 'clear' },
    },
  },
  {
    label: 'TTLCache',
    library: '@isaacs/ttlcache',
    ttlOptions: [{ key: 'ttl', unit: 'ms' }],
    droppedOptions: ['max', 'checkAgeOnGet'],
    valueTypeArgument: 1,
    members: { ...mapMembers, set: { to: 'set', resultDiffers: true, ttlArgument: 'ttlOption' } },
  },
  {
    label: 'QuickLRU',
    library: 'quick-lru',
    ttlOptions: [{ key: 'maxAge', unit: 'ms' }],
    droppedOptions: ['maxSize'],
    valueTypeArgument: 1,
    members: { ...mapMembers, peek: { to: 'get' } },
  },
];

/** Where a library's cache constructor comes from: module names, export path, and `new` or a plain call. */
export interface CacheConstructor {
  api: CacheApi;
  modules: readonly string[];
  /** `[]`: the module itself (default export or `require()` result); `['LRUCache']`: a named export. */
  path: readonly string[];
  use: 'construct' | 'call';
}

/** The constructors of every library above, read from the knowledge base. */
export const cacheConstructors: readonly CacheConstructor[] = cacheLibraries.flatMap((api) =>
  processCachePatterns
    .filter((pattern) => pattern.library === api.library && pattern.api.modules && pattern.api.use !== 'plugin' && pattern.api.path.length <= 1)
    .map((pattern) => ({ api, modules: pattern.api.modules!, path: pattern.api.path, use: pattern.api.use as 'construct' | 'call' })),
);
