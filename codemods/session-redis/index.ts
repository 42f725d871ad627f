/**
 * session-redis: express-session with its default MemoryStore, an explicit MemoryStore, the memorystore
 * package, and @fastify/session without a store become a connect-redis `RedisStore` on the shared client.
 */
import type { ASTPath, CallExpression, Collection, JSCodeshift } from 'jscodeshift';
import { sessionStateNames } from '../../src/knowledge/sessions.js';
import type { Codemod, CodemodContext, Report } from '../kit/codemod.js';
import { ensureImport, importedBindings, localsOf, removeUnusedImports, requiredModule } from '../kit/imports.js';
import { hasSpread, objectOptions, propertyNamed } from '../kit/options.js';
import { jscodeshiftTransform } from '../kit/run.js';
import { lineOf, reportSkip } from '../kit/todo.js';
import { memoryStoreExports, memoryStoreFactories, redisStore, sessionMiddleware } from '../../src/knowledge/codemods/session-redis.js';

type Node = { type: string; [key: string]: unknown };

class SessionRewrite {
  private storeExpression: (() => Node) | undefined;

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
  private newRedisStore(): Node {
    if (!this.storeExpression) {
      const { j, root, context } = this;
      const storeClass = ensureImport(j, root, context.style, { module: redisStore.module, imported: redisStore.imported });
      const client = ensureImport(j, root, context.style, { module: context.adapterSpecifier('redis'), imported: 'redis' });
      this.report.needs({ adapters: ['redis'], dependencies: [redisStore.module, 'redis'], env: ['REDIS_URL'] });
      this.storeExpression = () => context.code(`new ${storeClass}({ client: ${client}, prefix: '${this.prefix}' })`) as Node;
    }
    return this.storeExpression();
  }

  /** Locals naming an in-memory store class: `MemoryStore` imports, `session.MemoryStore`, memorystore factories. */
  private memoryStoreCallee(callee: Node, sessionLocals: ReadonlySet<string>, storeLocals: ReadonlySet<string>): boolean {
    if (callee.type === 'Identifier') return storeLocals.has(callee.name as string);
    if (callee.type !== 'MemberExpression') return false;
    const object = callee.object as Node;
    const property = callee.property as Node;
    return object.type === 'Identifier' && sessionLocals.has(object.name as string) && property.type === 'Identifier' && property.name === 'MemoryStore';
  }

  run(): void {
    const { j, root } = this;
    const sessionBindings = importedBindings(j, root, [...new Set(sessionMiddleware.map((entry) => entry.module))]);
    const sessionLocals = new Set(sessionBindings.map((binding) => binding.local));
    const storeLocals = new Set(memoryStoreExports.flatMap((entry) => localsOf(sessionBindings.filter((binding) => binding.module === entry.module), entry.imported)));
    for (const local of this.memoryStoreFactoryClasses()) storeLocals.add(local);

    // Explicit in-memory stores, wherever they are created.
    root.find(j.NewExpression).forEach((path) => {
      if (!this.memoryStoreCallee(path.node.callee as unknown as Node, sessionLocals, storeLocals)) return;
      this.report.changed(lineOf(path), 'in-memory session store → RedisStore (connect-redis)');
      j(path).replaceWith(this.newRedisStore() as never);
    });

    for (const entry of sessionMiddleware) {
      const locals = localsOf(sessionBindings.filter((binding) => binding.module === entry.module), entry.imported);
      for (const local of locals) {
        if (entry.use === 'call') root.find(j.CallExpression, { callee: { type: 'Identifier', name: local } }).forEach((path) => this.addStore(path, path.node.arguments[0] as Node | undefined, entry.module));
        else
          root
            .find(j.CallExpression, { callee: { type: 'MemberExpression', property: { name: 'register' } } })
            .filter((path) => (path.node.arguments[0] as Node | undefined)?.type === 'Identifier' && (path.node.arguments[0] as unknown as { name: string }).name === local)
            .forEach((path) => this.addStore(path, path.node.arguments[1] as Node | undefined, entry.module));
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
      const init = path.node.init as Node | null | undefined;
      if (init?.type !== 'CallExpression' || path.node.id.type !== 'Identifier') return;
      const callee = init.callee as Node;
      const fromFactory = (callee.type === 'Identifier' && factories.has(callee.name as string)) || memoryStoreFactories.some((module) => requiredModule(callee) === module);
      if (!fromFactory) return;
      classes.push(path.node.id.name);
      // The factory call only made the class; it goes once nothing constructs the class any more.
      this.removeWhenUnused.push({ name: path.node.id.name, path });
    });
    return classes;
  }

  private readonly removeWhenUnused: { name: string; path: ASTPath }[] = [];

  /** Gives the middleware options a RedisStore unless they already have a store. */
  private addStore(call: ASTPath<CallExpression>, options: Node | undefined, module: string): void {
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
    const property = j.objectProperty(j.identifier('store'), this.newRedisStore() as never);
    if (resolved.kind === 'object') (resolved.object.properties as unknown[]).unshift(property);
    else call.node.arguments.splice(sessionMiddleware.find((entry) => entry.module === module)?.use === 'call' ? 0 : 1, 0, j.objectExpression([property]));
    this.report.changed(line, `${module} MemoryStore → RedisStore (connect-redis)`);
  }

  finish(): void {
    for (const { name, path } of this.removeWhenUnused) {
      const uses = this.root.find(this.j.Identifier, { name }).filter((identifier) => identifier.parent.node !== path.node);
      if (uses.size() === 0) this.j(path.parent as ASTPath).remove();
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
        const init = path.node.init as Node | null | undefined;
        if (id.type !== 'Identifier' || !init || !sessionStateNames.names.some((pattern) => pattern.test(id.name))) return;
        // Only empty containers filled later: an object literal with properties is configuration, not a session map.
        const container =
          (init.type === 'NewExpression' && ['Map', 'Set', 'WeakMap'].includes((init.callee as Node).name as string) && (init.arguments as unknown[]).length === 0) ||
          (init.type === 'ObjectExpression' && (init.properties as unknown[]).length === 0) ||
          (init.type === 'ArrayExpression' && (init.elements as unknown[]).length === 0);
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
