/**
 * What cache-redis knows of each in-process cache it rewrites onto the generated SharedCache: which members mean the
 * same with the entries kept in Redis, where the time to live is written, and which options only matter in one
 * process. A member or option missing here makes the codemod skip the cache rather than guess.
 */

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
  /** The ids of its rows in `processCachePatterns`, whose constructors the codemod rewrites; absent for the built-in Map. */
  rows?: readonly string[];
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

/** Third-party caches, with the knowledge rows of their constructors. */
export const cacheLibraries: readonly CacheApi[] = [
  {
    label: 'LRUCache',
    rows: ['lru-cache.LRUCache', 'lru-cache', 'lru-cache#call'],
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
    rows: ['node-cache'],
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
    rows: ['@isaacs/ttlcache'],
    ttlOptions: [{ key: 'ttl', unit: 'ms' }],
    droppedOptions: ['max', 'checkAgeOnGet'],
    valueTypeArgument: 1,
    members: { ...mapMembers, set: { to: 'set', resultDiffers: true, ttlArgument: 'ttlOption' } },
  },
  {
    label: 'QuickLRU',
    rows: ['quick-lru'],
    ttlOptions: [{ key: 'maxAge', unit: 'ms' }],
    droppedOptions: ['maxSize'],
    valueTypeArgument: 1,
    members: { ...mapMembers, peek: { to: 'get' } },
  },
];
