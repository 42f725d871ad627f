/**
 * rate-limiter-flexible: `new RateLimiterMemory(options)` becomes `new RateLimiterRedis(options)` on the
 * shared client, keeping every option; a limiter without a `keyPrefix` gets its own, as in memory it had
 * its own counters.
 */
import { fallbackLimiterOptions } from '../../src/knowledge/counters.js';
import { flexibleLimiter } from '../../src/knowledge/codemods/rate-limit-redis.js';
import { ensureImport } from '../kit/imports.js';
import { propertyNamed } from '../kit/options.js';
import { lineOf, reportSkip } from '../kit/todo.js';
import { ApiResolver, unwrap, type ApiSite } from '../kit/api-sites.js';
import { keyName, parentPath } from '../kit/ast.js';
import { limiterOptions, type LimiterRewriteContext } from './limiter-options.js';
import { addProperties, type AddedProperty } from '../kit/object-edit.js';

/** Whether the limiter created at `site` is the value of an `insuranceLimiter`-style option: a fine fallback. */
export function isFallbackLimiter(site: ApiSite): boolean {
  const parent = parentPath(site.path)?.node;
  if (parent?.type === 'ObjectProperty' && parent.value === site.path.node) {
    return fallbackLimiterOptions.includes(keyName(parent.key, parent.computed) ?? '');
  }
  return false;
}

/** Turns the file's `RateLimiterMemory`s into `RateLimiterRedis`es, or says why not. */
export class FlexibleRewrite {
  constructor(private readonly shared: LimiterRewriteContext) {}

  /** Rewrites the memory limiters of the file; returns whether it rewrote any. */
  run(): boolean {
    const { j, root } = this.shared;
    let rewritten = false;
    const { api } = flexibleLimiter.pattern;
    const resolver = new ApiResolver(j, root, api.modules ?? []);
    if (resolver.imports) for (const site of resolver.sites(j, root, api)) if (!isFallbackLimiter(site) && this.rewrite(site)) rewritten = true;
    if (rewritten) this.shared.removeImportIfUnused(flexibleLimiter.module, flexibleLimiter.memory);
    return rewritten;
  }

  private rewrite(site: ApiSite): boolean {
    const { j, root, context, report, names } = this.shared;
    const line = lineOf(site.path);
    const options = limiterOptions(j, root, site.path, site.args[0]);
    if (options.kind === 'unknown') {
      reportSkip(j, report, site.path, 'flexible-options-elsewhere', { why: options.why });
      return false;
    }
    // The class first, so that its import lands next to the one it replaces.
    this.renameClass(site);
    const client = this.shared.redis();
    report.needs({ adapters: ['redis'], dependencies: [flexibleLimiter.module, 'redis'], env: ['REDIS_URL'] });
    const added: AddedProperty[] = [
      { key: flexibleLimiter.clientOption, value: client },
      { key: flexibleLimiter.packageOption, value: 'true' },
    ];
    // Every RateLimiterRedis defaults to the same `rlflx` prefix: without one of its own, limiters would share counts.
    const hasPrefix = options.kind === 'object' && (propertyNamed(options.object, 'keyPrefix') !== undefined || options.assigned.has('keyPrefix'));
    if (!hasPrefix) added.push({ key: 'keyPrefix', value: this.shared.quoted(names.keyPrefix(site.path, options.kind === 'object' ? options.variable : undefined)) });
    if (options.kind === 'object') addProperties(j, root, context, options.object, added, 'start');
    else site.args.splice(0, 0, context.code(`{ ${added.map((property) => `${property.key}: ${property.value}`).join(', ')} }`));
    report.changed(line, 'RateLimiterMemory → RateLimiterRedis (rate-limiter-flexible) on the shared Redis client');
    return true;
  }

  /** `RateLimiterMemory` → `RateLimiterRedis` in the `new` and in the type of the variable that holds it. */
  private renameClass(site: ApiSite): void {
    const { j, root, context } = this.shared;
    // The row is a `new`: resolved sites are NewExpressions whose callee is the class or a member naming it.
    const node = site.path.node;
    if (node.type !== 'NewExpression') return;
    const callee = unwrap(node.callee);
    if (callee.type === 'MemberExpression') {
      callee.property = j.identifier(flexibleLimiter.redis);
      return;
    }
    if (callee.type !== 'Identifier') return;
    const memoryLocal = callee.name;
    const redisClass = ensureImport(j, root, context.style, { module: flexibleLimiter.module, imported: flexibleLimiter.redis });
    node.callee = j.identifier(redisClass);
    const declarator = parentPath(site.path)?.node;
    const id = declarator?.type === 'VariableDeclarator' ? declarator.id : undefined;
    const holder = id && 'typeAnnotation' in id ? id.typeAnnotation : undefined;
    const annotation = holder?.type === 'TSTypeAnnotation' ? holder.typeAnnotation : undefined;
    if (annotation?.type === 'TSTypeReference' && annotation.typeName.type === 'Identifier' && annotation.typeName.name === memoryLocal) annotation.typeName = j.identifier(redisClass);
  }
}
