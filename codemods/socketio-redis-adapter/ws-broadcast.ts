/**
 * ws servers that broadcast over their own `clients` set: no adapter exists for ws, so the relay through Redis
 * pub/sub is the user's to write. Found with the `flags` instance rows of `realtimePatterns`.
 */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { CallbackSite, LibraryPattern } from '../../src/knowledge/types.js';
import { ApiResolver, unwrap } from '../kit/api-sites.js';
import { enclosingFunctions, keyName, type Node } from '../kit/ast.js';

export interface LocalBroadcast {
  /** The `new WebSocketServer(…)`. */
  path: ASTPath;
  /** How the code names the server, e.g. `wss` or `this.wss`. */
  name: string;
  /** The line of the first broadcast. */
  broadcastLine: number;
}

/** `io`, `this.io`, `app.io`: a stable text for the simple references a server is kept in. */
export function referenceText(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return inner.name as string;
  if (inner.type === 'ThisExpression') return 'this';
  if (inner.type !== 'MemberExpression') return undefined;
  const object = referenceText(inner.object as Node);
  const property = keyName(inner.property as Node, inner.computed as boolean);
  return object && property ? `${object}.${property}` : undefined;
}

/** What the value created at `path` is stored in: `const io = …`, `this.io = …`, a class field `io = …`. */
export function holderOf(path: ASTPath): string | undefined {
  let current = path;
  while (current.parent && unwrap(current.parent.node as unknown as Node) !== (current.parent.node as unknown as Node)) current = current.parent as ASTPath;
  const parent = current.parent?.node as unknown as Node | undefined;
  if (parent?.type === 'VariableDeclarator' && parent.init === current.node) return referenceText(parent.id as Node);
  if (parent?.type === 'AssignmentExpression' && parent.right === current.node) return referenceText(parent.left as Node);
  if (parent?.type === 'ClassProperty' && parent.value === current.node) {
    const key = keyName(parent.key as Node, parent.computed as boolean);
    return key && `this.${key}`;
  }
  return undefined;
}

/** Whether the member expression at `path` has its value iterated: `.forEach`, `for…of`, spread, `Array.from`. */
function isIterated(path: ASTPath): boolean {
  const parent = path.parent?.node as unknown as Node | undefined;
  if (!parent) return false;
  if (parent.type === 'MemberExpression' && parent.object === path.node) {
    const method = keyName(parent.property as Node, parent.computed as boolean);
    const call = path.parent?.parent?.node as unknown as Node | undefined;
    return call?.type === 'CallExpression' && call.callee === parent && ['forEach', 'values', 'entries', 'keys'].includes(method ?? '');
  }
  if (parent.type === 'ForOfStatement') return parent.right === path.node;
  if (parent.type === 'SpreadElement') return true;
  const callee = parent.type === 'CallExpression' ? (parent.callee as Node) : undefined;
  return callee !== undefined && referenceText(callee) === 'Array.from' && (parent.arguments as Node[])[0] === path.node;
}

type Scope = { lookup(name: string): { getBindings(): Record<string, ASTPath[]> } | null };

/** Whether `name`, seen at `path`, is a parameter of an enclosing function. */
function isParameter(path: ASTPath, name: string): boolean {
  const binding = (path as ASTPath & { scope: Scope | null }).scope?.lookup(name)?.getBindings()[name]?.[0];
  const params = (binding?.parent?.node as { params?: unknown[] } | undefined)?.params;
  return params !== undefined && params.includes(binding!.node);
}

/** Whether `path` runs inside a callback delivering messages from a shared pub/sub (the relay done right). */
function insidePubSubDelivery(path: ASTPath, sites: readonly CallbackSite[]): boolean {
  for (const current of enclosingFunctions(path)) {
    const call = current.parent?.node as unknown as Node | undefined;
    if (call?.type !== 'CallExpression' || !(call.arguments as Node[]).includes(current.node as unknown as Node)) continue;
    const callee = call.callee as Node;
    if (callee.type !== 'MemberExpression') continue;
    const method = keyName(callee.property as Node, callee.computed as boolean);
    const event = (call.arguments as Node[])[0];
    const receiver = unwrap(callee.object as Node);
    // A connection's own socket (a parameter) delivers what its client sent, not what the pub/sub relays.
    if (receiver.type === 'Identifier' && isParameter(current.parent as ASTPath, receiver.name as string)) continue;
    if (sites.some((site) => method !== undefined && site.methods.includes(method) && (!site.events || site.events.includes(keyName(event) ?? '')))) return true;
  }
  return false;
}

/** Every ws server of the file whose `clients` are iterated outside a pub/sub delivery callback. */
export function localBroadcasts(j: JSCodeshift, root: Collection, patterns: readonly LibraryPattern[]): LocalBroadcast[] {
  const found: LocalBroadcast[] = [];
  for (const pattern of patterns) {
    const resolver = new ApiResolver(j, root, pattern.api.modules ?? []);
    if (!resolver.imports) continue;
    for (const site of resolver.sites(j, root, pattern.api)) {
      const name = holderOf(site.path);
      if (!name || found.some((entry) => entry.path.node === site.path.node)) continue;
      for (const use of pattern.instance ?? []) {
        if (use.effect !== 'flags') continue;
        const member = `${name}.${use.members.join('.')}`;
        const broadcast = root
          .find(j.MemberExpression)
          .filter((path) => referenceText(path.node as unknown as Node) === member && (!use.iterated || isIterated(path)) && !insidePubSubDelivery(path, use.exceptIn ?? []))
          .paths()[0];
        if (broadcast) found.push({ path: site.path, name, broadcastLine: broadcast.node.loc?.start.line ?? 0 });
      }
    }
  }
  return found;
}
