/**
 * session-redis: express-session with its default MemoryStore, an explicit MemoryStore, the memorystore
 * package, and @fastify/session without a store become a connect-redis `RedisStore` on the shared client.
 */
import type { ASTNode, ASTPath, CallExpression, Collection, JSCodeshift } from 'jscodeshift';
import { sessionStateNames } from '../../src/knowledge/sessions.js';
import type { Codemod, CodemodContext, ExpressionNode, Report } from '../kit/codemod.js';
import { ensureImport, importedBindings, localsOf, removeUnusedImports, requiredModule } from '../kit/imports.js';
import { hasSpread, objectOptions, propertyNamed } from '../kit/options.js';
import { jscodeshiftTransform } from '../kit/run.js';
import type { Argument } from '../kit/api-sites.js';
import { parentPath } from '../kit/ast.js';
import { lineOf, reportSkip } from '../kit/todo.js';
import { memoryStoreExports, memoryStoreFactories, redisStore, sessionMiddleware } from '../../src/knowledge/codemods/session-redis.js';

class SessionRewrite {
  private storeExpression: (() => ExpressionNode) | undefined;

  constructor(
    private readonly root: Collection,
    private readonly j: JSCodeshift,
    private readonly context: CodemodContext,
    private readonly report: Report,
  ) {}

  /** Session keys begin with the app's name: apps sharing a Redis share no sessions. */
  private get prefix(): string {
    return `${this.context.appName}:${redisStore.prefix}`;
  }

  /** `new RedisStore({ client: redis, prefix: 'shop:sess:' })`, importing what it needs on first use. */
  private newRedisStore(): ExpressionNode {
    if (!this.storeExpression) {
      const { j, root, context } = this;
      const storeClass = ensureImport(j, root, context.style, { module: redisStore.module, imported: redisStore.imported });
      const client = ensureImport(j, root, context.style, { module: context.adapterSpecifier('redis'), imported: 'redis' });
      this.report.needs({ adapters: ['redis'], dependencies: [redisStore.module, 'redis'], env: ['REDIS_URL'] });
      this.storeExpression = () => context.code(`new ${storeClass}({ client: ${client}, prefix: '${this.prefix}' })`);
    }
    return this.storeExpression();
  }

  /** Locals naming an in-memory store class: `MemoryStore` imports, `session.MemoryStore`, memorystore factories. */
  private memoryStoreCallee(callee: ASTNode, sessionLocals: ReadonlySet<string>, storeLocals: ReadonlySet<string>): boolean {
    if (callee.type === 'Identifier') return storeLocals.has(callee.name);
    if (callee.type !== 'MemberExpression') return false;
    const { object, property } = callee;
    return object.type === 'Identifier' && sessionLocals.has(object.name) && property.type === 'Identifier' && property.name === 'MemoryStore';
  }

  run(): void {
    const { j, root } = this;
    const sessionBindings = importedBindings(j, root, [...new Set(sessionMiddleware.map((entry) => entry.module))]);
    const sessionLocals = new Set(sessionBindings.map((binding) => binding.local));
    const storeLocals = new Set(memoryStoreExports.flatMap((entry) => localsOf(sessionBindings.filter((binding) => binding.module === entry.module), entry.imported)));
    for (const local of this.memoryStoreFactoryClasses()) storeLocals.add(local);

    // Explicit in-memory stores, wherever they are created.
    root.find(j.NewExpression).forEach((path) => {
      if (!this.memoryStoreCallee(path.node.callee, sessionLocals, storeLocals)) return;
      this.report.changed(lineOf(path), 'in-memory session store → RedisStore (connect-redis)');
      j(path).replaceWith(this.newRedisStore());
    });

    for (const entry of sessionMiddleware) {
      const locals = localsOf(sessionBindings.filter((binding) => binding.module === entry.module), entry.imported);
      for (const local of locals) {
        if (entry.use === 'call') root.find(j.CallExpression, { callee: { type: 'Identifier', name: local } }).forEach((path) => this.addStore(path, path.node.arguments[0], entry.module));
        else
          root
            .find(j.CallExpression, { callee: { type: 'MemberExpression', property: { name: 'register' } } })
            .filter((path) => {
              const plugin = path.node.arguments[0];
              return plugin?.type === 'Identifier' && plugin.name === local;
            })
            .forEach((path) => this.addStore(path, path.node.arguments[1], entry.module));
      }
    }

    this.skipHandRolledSessionMaps();
  }

  /** `const MemoryStore = require('memorystore')(session)` or `createMemoryStore(session)`: the class locals. */
  private memoryStoreFactoryClasses(): string[] {
    const { j, root } = this;
    const factories = new Set(importedBindings(j, root, memoryStoreFactories).map((binding) => binding.local));
    const classes: string[] = [];
    root.find(j.VariableDeclarator).forEach((path) => {
      const { init } = path.node;
      if (init?.type !== 'CallExpression' || path.node.id.type !== 'Identifier') return;
      const { callee } = init;
      const fromFactory = (callee.type === 'Identifier' && factories.has(callee.name)) || memoryStoreFactories.some((module) => requiredModule(callee) === module);
      if (!fromFactory) return;
      classes.push(path.node.id.name);
      // The factory call only made the class; it goes once nothing constructs the class any more.
      this.removeWhenUnused.push({ name: path.node.id.name, path });
    });
    return classes;
  }

  private readonly removeWhenUnused: { name: string; path: ASTPath }[] = [];

  /** Gives the middleware options a RedisStore unless they already have a store. */
  private addStore(call: ASTPath<CallExpression>, options: Argument | undefined, module: string): void {
    const { j } = this;
    const line = lineOf(call);
    const resolved = objectOptions(j, call, options);
    if (resolved.kind === 'unknown') {
      reportSkip(j, this.report, call, 'session-options-elsewhere', { module, why: resolved.why, prefix: this.prefix });
      return;
    }
    if (resolved.kind === 'object' && propertyNamed(resolved.object, 'store')) return;
    if (resolved.kind === 'object' && hasSpread(resolved.object)) {
      this.report.skipped(line, 'session-options-spread', { module, prefix: this.prefix });
      return;
    }
    const property = j.objectProperty(j.identifier('store'), this.newRedisStore());
    if (resolved.kind === 'object') resolved.object.properties.unshift(property);
    else call.node.arguments.splice(sessionMiddleware.find((entry) => entry.module === module)?.use === 'call' ? 0 : 1, 0, j.objectExpression([property]));
    this.report.changed(line, `${module} MemoryStore → RedisStore (connect-redis)`);
  }

  finish(): void {
    for (const { name, path } of this.removeWhenUnused) {
      const uses = this.root.find(this.j.Identifier, { name }).filter((identifier) => parentPath(identifier)?.node !== path.node);
      const declaration = parentPath(path);
      if (uses.size() === 0 && declaration) this.j(declaration).remove();
    }
    removeUnusedImports(this.j, this.root, memoryStoreFactories);
  }

  /** Module-level maps named like sessions: no safe rewrite, but the summary says what to do. */
  private skipHandRolledSessionMaps(): void {
    const { j, root } = this;
    root
      .find(j.VariableDeclarator)
      .filter((path) => path.parent?.parent?.node.type === 'Program' || path.parent?.parent?.parent?.node.type === 'Program')
      .forEach((path) => {
        const id = path.node.id;
        const init = path.node.init;
        if (id.type !== 'Identifier' || !init || !sessionStateNames.names.some((pattern) => pattern.test(id.name))) return;
        // Only empty containers filled later: an object literal with properties is configuration, not a session map.
        const container =
          (init.type === 'NewExpression' && init.callee.type === 'Identifier' && ['Map', 'Set', 'WeakMap'].includes(init.callee.name) && init.arguments.length === 0) ||
          (init.type === 'ObjectExpression' && init.properties.length === 0) ||
          (init.type === 'ArrayExpression' && init.elements.length === 0);
        if (!container) return;
        reportSkip(j, this.report, path, 'session-hand-rolled', { name: id.name });
      });
  }
}

export const sessionRedis: Codemod = {
  id: 'session-redis',
  title: 'In-memory session stores → connect-redis RedisStore on a shared Redis client',
  transform(root, j, context, report) {
    const rewrite = new SessionRewrite(root, j, context, report);
    rewrite.run();
    rewrite.finish();
  },
};

export default jscodeshiftTransform(sessionRedis);
