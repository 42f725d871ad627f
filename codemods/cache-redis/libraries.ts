/**
 * The constructors of the caches cache-redis rewrites, read from the knowledge rows that
 * `src/knowledge/codemods/cache-redis.ts` names for each cache.
 */
import { cacheLibraries, type CacheApi } from '../../src/knowledge/codemods/cache-redis.js';
import { patternsById } from '../../src/knowledge/patterns.js';

export { mapApi, type CacheApi, type MemberMapping } from '../../src/knowledge/codemods/cache-redis.js';

/** Where a library's cache constructor comes from: module names, export path, and `new` or a plain call. */
export interface CacheConstructor {
  api: CacheApi;
  modules: readonly string[];
  /** `[]`: the module itself (default export or `require()` result); `['LRUCache']`: a named export. */
  path: readonly string[];
  use: 'construct' | 'call';
}

/** The constructors of every cache library, read from the rows it names. */
export const cacheConstructors: readonly CacheConstructor[] = cacheLibraries.flatMap((api) =>
  patternsById(api.rows ?? []).map(({ id, api: ref }): CacheConstructor => {
    if (!ref.modules || ref.use === 'plugin' || ref.path.length > 1) throw new Error(`cache-redis cannot rewrite knowledge row ${id}: not a constructor or factory a module exports`);
    return { api, modules: ref.modules, path: ref.path, use: ref.use };
  }),
);
