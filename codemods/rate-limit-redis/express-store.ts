/**
 * express-rate-limit and express-slow-down without a store (or with an explicit `MemoryStore`) get a
 * rate-limit-redis `RedisStore` on the shared client, with a prefix of their own.
 */
import type { ASTPath } from 'jscodeshift';
import type { LibraryPattern } from '../../src/knowledge/types.js';
import { ensureImport } from '../kit/imports.js';
import { hasSpread, propertyNamed } from '../kit/options.js';
import { lineOf, reportSkip } from '../kit/todo.js';
import { ApiResolver, unwrap, type ApiSite } from '../kit/api-sites.js';
import type { ExpressionNode } from '../kit/codemod.js';
import { expressLimiters, expressMemoryStore, guidanceByRow, redisStore } from '../../src/knowledge/codemods/rate-limit-redis.js';
import { limiterOptions, setsOption, type LimiterRewriteContext } from './limiter-options.js';
import { addProperties } from '../kit/object-edit.js';

/** Gives the file's express limiters a Redis store, or says why not. */
export class ExpressStoreRewrite {
  private storeClass: string | undefined;
  /** `new MemoryStore()` nodes this rewrite replaced or saw as some limiter's store. */
  private readonly handledMemoryStores = new Set<unknown>();

  constructor(private readonly shared: LimiterRewriteContext) {}

  /** Rewrites the express limiters of the file; returns whether it rewrote any. */
  run(): boolean {
    const { j } = this.shared;
    const memoryStores = this.sitesOf([expressMemoryStore.pattern]);
    const memoryStoreNodes = new Set<unknown>(memoryStores.map((site) => site.path.node));
    let rewritten = false;
    for (const site of this.sitesOf(expressLimiters)) {
      if (this.rewrite(site, memoryStoreNodes)) rewritten = true;
    }
    for (const site of memoryStores) {
      if (this.handledMemoryStores.has(site.path.node)) continue;
      reportSkip(j, this.shared.report, site.path, 'limiter-memory-store', { guidance: guidanceByRow.get(expressMemoryStore.pattern.id)! });
    }
    if (rewritten) this.shared.removeImportIfUnused(expressMemoryStore.module, expressMemoryStore.imported);
    return rewritten;
  }

  private sitesOf(patterns: readonly LibraryPattern[]): ApiSite[] {
    const { j, root } = this.shared;
    const sites: ApiSite[] = [];
    for (const pattern of patterns) {
      const resolver = new ApiResolver(j, root, pattern.api.modules ?? []);
      if (!resolver.imports) continue;
      for (const site of resolver.sites(j, root, pattern.api)) if (!sites.some((known) => known.path.node === site.path.node)) sites.push(site);
    }
    return sites;
  }

  private rewrite(site: ApiSite, memoryStoreNodes: ReadonlySet<unknown>): boolean {
    const { j, root, context, report } = this.shared;
    const line = lineOf(site.path);
    const options = limiterOptions(j, root, site.path, site.args[0]);
    if (options.kind === 'object') {
      const store = propertyNamed(options.object, redisStore.option);
      const value = store && unwrap(store.value);
      if (value && memoryStoreNodes.has(value)) {
        this.handledMemoryStores.add(value);
        store!.value = this.newStore(site.path, options.variable);
        report.changed(lineOf({ node: value }), 'express-rate-limit MemoryStore → RedisStore (rate-limit-redis) on the shared Redis client');
        return true;
      }
      if (setsOption(options, redisStore.option)) return false;
    }
    if (options.kind === 'unknown' || (options.kind === 'object' && hasSpread(options.object))) {
      const why = options.kind === 'unknown' ? options.why : 'they spread in other options that may set a store';
      reportSkip(j, report, site.path, 'limiter-options-elsewhere', { why });
      return false;
    }
    const variable = options.kind === 'object' ? options.variable : undefined;
    const existing = options.kind === 'object' ? propertyNamed(options.object, redisStore.option) : undefined;
    // `store: undefined` is the default store spelled out: it becomes the Redis store in place.
    if (existing) existing.value = this.newStore(site.path, variable);
    else if (options.kind === 'object') addProperties(j, root, context, options.object, [{ key: redisStore.option, value: this.storeText(site.path, variable) }], 'end');
    else site.args.splice(0, 0, context.code(`{ ${redisStore.option}: ${this.storeText(site.path)} }`));
    report.changed(line, 'in-memory rate limit → RedisStore (rate-limit-redis) on the shared Redis client');
    return true;
  }

  /** `new RedisStore({ prefix: '<app>:rl:<name>:', sendCommand: (...args) => redis.sendCommand(args) })`. */
  private storeText(site: ASTPath, optionsVariable?: string): string {
    const { j, root, context, names } = this.shared;
    this.storeClass ??= ensureImport(j, root, context.style, { module: redisStore.module, imported: redisStore.imported });
    const client = this.shared.redis();
    this.shared.report.needs({ adapters: ['redis'], dependencies: [redisStore.module, 'redis'], env: ['REDIS_URL'] });
    const args = context.style.language === 'ts' ? '...args: string[]' : '...args';
    return `new ${this.storeClass}({ prefix: ${this.shared.quoted(names.storePrefix(site, optionsVariable))}, sendCommand: (${args}) => ${client}.sendCommand(args) })`;
  }

  private newStore(site: ASTPath, optionsVariable?: string): ExpressionNode {
    return this.shared.context.code(this.storeText(site, optionsVariable));
  }
}
