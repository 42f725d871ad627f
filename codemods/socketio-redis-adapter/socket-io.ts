/** socket.io servers without an adapter get `adapter: createAdapter(redis, createSubscriber())`. */
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { LibraryPattern } from '../../src/knowledge/types.js';
import type { CodemodContext, Report } from '../kit/codemod.js';
import { hasSpread, objectOptions, propertyNamed, type ObjectNode } from '../kit/options.js';
import { ensureNamedImports } from '../kit/imports.js';
import { lineOf, reportSkip } from '../kit/todo.js';
import { addProperties } from '../kit/object-edit.js';
import { ApiResolver, unwrap, type ApiSite } from '../kit/api-sites.js';
import { keyName } from '../kit/ast.js';
import { guidance, optionsLikeName, redisAdapter, redisClientExports, rewriteNeeds } from '../../src/knowledge/codemods/socketio-redis-adapter.js';
import { holderOf, referenceText } from './ws-broadcast.js';

/** Where the options go: an object to edit, a slot for a new one, or nothing the file shows. */
type OptionsSlot = { kind: 'object'; object: ObjectNode; variable?: string } | { kind: 'insert'; index: number } | { kind: 'unknown'; why: string };

/** Gives the file's socket.io servers the Redis adapter, or says why not. */
export class SocketIoRewrite {
  private adapterExpression: string | undefined;
  /** Options variables given the adapter already: a second server built from one has it too. */
  private readonly editedVariables = new Set<string>();

  constructor(
    private readonly root: Collection,
    private readonly j: JSCodeshift,
    private readonly context: CodemodContext,
    private readonly report: Report,
  ) {}

  /** Rewrites every socket.io server of the file that has no adapter; returns how many it rewrote. */
  run(patterns: readonly LibraryPattern[]): number {
    const { j, root } = this;
    const seen = new Set<unknown>();
    let rewritten = 0;
    for (const pattern of patterns) {
      const resolver = new ApiResolver(j, root, pattern.api.modules ?? []);
      if (!resolver.imports) continue;
      for (const site of resolver.sites(j, root, pattern.api)) {
        if (seen.has(site.path.node)) continue;
        seen.add(site.path.node);
        if (this.rewrite(site)) rewritten += 1;
      }
    }
    return rewritten;
  }

  /** The options of `new Server(httpServer?, options?)`: the last argument, unless it is the server or a port. */
  private optionsSlot(site: ApiSite): OptionsSlot {
    const { args } = site;
    const last = args[args.length - 1];
    if (!last) return { kind: 'insert', index: 0 };
    const inner = unwrap(last);
    if (inner.type === 'ObjectExpression') return { kind: 'object', object: inner };
    const resolved = objectOptions(this.j, site.path, inner);
    // objectOptions follows only a name to an object.
    if (resolved.kind === 'object' && inner.type === 'Identifier') return { kind: 'object', object: resolved.object, variable: inner.name };
    if (args.length > 1) return { kind: 'unknown', why: resolved.kind === 'unknown' ? resolved.why : 'no options' };
    // A lone argument is the http server or a port, unless its name says it holds options.
    if (inner.type === 'Identifier' && optionsLikeName.test(inner.name)) return { kind: 'unknown', why: `\`${inner.name}\` may be options built elsewhere` };
    return { kind: 'insert', index: 1 };
  }

  /** `io.adapter(…)` anywhere in the file, or `opts.adapter = …` on the options variable: an adapter is set. */
  private adapterSetElsewhere(holder: string | undefined, variable: string | undefined): boolean {
    const { j, root } = this;
    const calls = root.find(j.CallExpression).filter((path) => {
      const { callee } = path.node;
      return callee.type === 'MemberExpression' && keyName(callee.property, callee.computed) === 'adapter' && holder !== undefined && referenceText(callee.object) === holder && path.node.arguments.length > 0;
    });
    if (calls.size() > 0) return true;
    if (variable === undefined) return false;
    return root.find(j.AssignmentExpression).some((path) => referenceText(path.node.left) === `${variable}.adapter`);
  }

  private rewrite(site: ApiSite): boolean {
    const { j } = this;
    const line = lineOf(site.path);
    const last = site.args[site.args.length - 1];
    if (last?.type === 'Identifier' && this.editedVariables.has(last.name)) return false;
    const slot = this.optionsSlot(site);
    if (slot.kind === 'object' && propertyNamed(slot.object, 'adapter')) return false;
    if (this.adapterSetElsewhere(holderOf(site.path), slot.kind === 'object' ? slot.variable : undefined)) return false;
    if (slot.kind === 'unknown' || (slot.kind === 'object' && hasSpread(slot.object))) {
      const why = slot.kind === 'unknown' ? slot.why : 'its options spread in other options that may set one';
      reportSkip(j, this.report, site.path, 'socketio-adapter-unknown', { why, guidance: guidance.adapterByHand, action: guidance.adapterByHand.replace(/^add /, '') });
      return false;
    }
    const adapter = this.adapterCall();
    if (slot.kind === 'object' && slot.variable) this.editedVariables.add(slot.variable);
    if (slot.kind === 'object') addProperties(j, this.root, this.context, slot.object, [{ key: redisAdapter.option, value: adapter }], 'end');
    else if (site.path.node.type === 'NewExpression' || site.path.node.type === 'CallExpression') site.path.node.arguments.splice(slot.index, 0, this.context.code(`{ ${redisAdapter.option}: ${adapter} }`));
    this.report.changed(line, 'socket.io server without an adapter → @socket.io/redis-adapter on the shared Redis client');
    return true;
  }

  /** `createAdapter(redis, createSubscriber())`, importing what it needs on first use. */
  private adapterCall(): string {
    if (!this.adapterExpression) {
      const { j, root, context } = this;
      const [createAdapter] = ensureNamedImports(j, root, context.style, redisAdapter.module, [redisAdapter.imported]);
      const [client, subscriber] = ensureNamedImports(j, root, context.style, context.adapterSpecifier('redis'), [redisClientExports.client, redisClientExports.subscriber]);
      this.report.needs(rewriteNeeds);
      this.adapterExpression = `${createAdapter!}(${client!}, ${subscriber!}())`;
    }
    return this.adapterExpression;
  }
}
