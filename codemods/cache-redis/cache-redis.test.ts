import { describe, expect, it } from 'vitest';
import { skipMessage } from '../kit/skip.js';
import { describeCodemodFixtures } from '../../src/test-support/codemod-fixtures.js';
import { runCodemod } from '../kit/run.js';
import { sharedCacheName } from './declaration.js';
import { cacheRedis } from './index.js';

describeCodemodFixtures(cacheRedis);

function migrate(source: string, file = '/app/src/cache.ts') {
  return runCodemod(cacheRedis, { file, source, adapterDir: '/app/src/stateless', packageType: 'module' });
}

describe('cache-redis', () => {
  it('names a cache after its file, and an index file after its folder', () => {
    expect(sharedCacheName('/app/src/products.ts', 'productCache')).toBe('products:productCache');
    expect(sharedCacheName('/app/src/users/index.ts', 'cache')).toBe('users/index:cache');
  });

  it('adds the parentheses precedence needs, also before a TypeScript non-null assertion', () => {
    const outcome = migrate(
      [
        'const seen = new Map<string, { n: number }>();',
        'export async function f(k: string) {',
        '  seen.set(k, { n: 1 });',
        '  const a = seen.get(k)!.n;',
        '  const b = seen.get(k)?.n ?? 0;',
        '  const c = await seen.get(k);',
        '  return [a, b, c, seen.has(k) ? 1 : 0];',
        '}',
        '',
      ].join('\n'),
    );
    expect(outcome.source).toContain('const a = (await seen.get(k))!.n;');
    expect(outcome.source).toContain('const b = (await seen.get(k))?.n ?? 0;');
    expect(outcome.source).toContain('const c = await seen.get(k);');
    // recast also wraps an await in a condition, and keeps doing so when it reprints: stable output.
    expect(outcome.source).toContain('(await seen.has(k)) ? 1 : 0');
  });

  it('leaves a Map filled only at start-up alone: a lookup table, not a cache', () => {
    const source = "const labels = new Map<string, string>();\nlabels.set('a', 'A');\nexport async function label(k: string) {\n  return labels.get(k);\n}\n";
    const outcome = migrate(source);
    expect(outcome.source).toBe(source);
    expect(outcome.skips).toEqual([]);
  });

  it('skips a value changed through a variable and never written back, but not one that is', () => {
    const lost = "const lists = new Map<string, string[]>();\nexport async function add(k: string, v: string) {\n  const list = lists.get(k) ?? [];\n  list.push(v);\n  if (!lists.has(k)) lists.set(k, []);\n}\n";
    expect(migrate(lost).skips.map((skip) => [skip.line, skipMessage(skip)])).toEqual([[1, 'lists: changes a cached value in place at line 4; Redis keeps a copy, so set() it back first']]);
    const kept = lost.replace("  if (!lists.has(k)) lists.set(k, []);\n", '  lists.set(k, list);\n');
    const outcome = migrate(kept);
    expect(outcome.skips).toEqual([]);
    expect(outcome.source).toContain('const list = (await lists.get(k)) ?? [];');
  });

  it('skips node-cache values of several types and lru-cache options with no Redis meaning', () => {
    const mixed = "import NodeCache from 'node-cache';\nconst c = new NodeCache();\nexport async function f() {\n  c.set<number>('a', 1);\n  return c.get<string>('b');\n}\n";
    expect(migrate(mixed).skips).toEqual([{ codemod: 'cache-redis', line: 2, reason: 'cache-not-rewritable', detail: { name: 'c', problem: 'holds values of several types (number, string); give each its own cache first' } }]);
    const fetching = "import { LRUCache } from 'lru-cache';\nconst c = new LRUCache<string, string>({ max: 5, fetchMethod: async () => 'x' });\nexport async function f() {\n  c.set('a', 'b');\n}\n";
    expect(migrate(fetching).skips.map(skipMessage)).toEqual(['c: its option fetchMethod has no Redis equivalent']);
  });

  it('skips a cache exported through module.exports', () => {
    const source = "const cache = new Map();\nasync function get(k) {\n  cache.set(k, 1);\n}\nmodule.exports = { get, cache };\n";
    const outcome = migrate(source, '/app/src/cache.js');
    expect(outcome.source).toBe(source);
    expect(outcome.skips.map((skip) => [skip.line, skipMessage(skip)])).toEqual([[1, 'cache: exported through module.exports at line 5, so code this codemod cannot follow uses it as a Map']]);
  });
});
