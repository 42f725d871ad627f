/**
 * ws servers that broadcast over their own `clients` set: no adapter exists for ws, so the relay through Redis
 * pub/sub is the user's to write. Found with the `flags` instance rows of `realtimePatterns`.
 */
import type { ASTNode, ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { CallbackSite, LibraryPattern } from '../../src/knowledge/types.js';
import { ApiResolver, scopeOf, unwrap } from '../kit/api-sites.js';
import { enclosingFunctions, keyName, parentPath } from '../kit/ast.js';

export interface LocalBroadcast {
  /** The `new WebSocketServer(…)`. */
  path: ASTPath;
  /** How the code names the server, e.g. `wss` or `this.wss`. */
  name: string;
  /** The line of the first broadcast. */
  broadcastLine: number;
}

/** `io`, `this.io`, `app.io`: a stable text for the simple references a server is kept in. */
export function referenceText(node: ASTNode | null | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return inner.name;
  if (inner.type === 'ThisExpression') return 'this';
  if (inner.type !== 'MemberExpression') return undefined;
  const object = referenceText(inner.object);
  const property = keyName(inner.property, inner.computed);
  return object && property ? `${object}.${property}` : undefined;
}

/** What the value created at `path` is stored in: `const io = …`, `this.io = …`, a class field `io = …`. */
export function holderOf(path: ASTPath): string | undefined {
  let current = path;
  for (let parent = parentPath(current); parent && unwrap(parent.node) !== parent.node; parent = parentPath(current)) current = parent;
  const parent = parentPath(current)?.node;
  if (parent?.type === 'VariableDeclarator' && parent.init === current.node) return referenceText(parent.id);
  if (parent?.type === 'AssignmentExpression' && parent.right === current.node) return referenceText(parent.left);
  if (parent?.type === 'ClassProperty' && parent.value === current.node) {
    const key = keyName(parent.key, parent.computed);
    return key && `this.${key}`;
  }
  return undefined;
}

/** Whether the member expression at `path` has its value iterated: `.forEach`, `for…of`, spread, `Array.from`. */
function isIterated(path: ASTPath): boolean {
  const parent = parentPath(path);
  const node = parent?.node;
  if (!parent || !node) return false;
  if (node.type === 'MemberExpression' && node.object === path.node) {
    const method = keyName(node.property, node.computed);
    const call = parentPath(parent)?.node;
    return call?.type === 'CallExpression' && call.callee === node && ['forEach', 'values', 'entries', 'keys'].includes(method ?? '');
  }
  if (node.type === 'ForOfStatement') return node.right === path.node;
  if (node.type === 'SpreadElement') return true;
  return node.type === 'CallExpression' && referenceText(node.callee) === 'Array.from' && node.arguments[0] === path.node;
}

/** Whether `name`, seen at `path`, is a parameter of an enclosing function. */
function isParameter(path: ASTPath, name: string): boolean {
  const binding = scopeOf(path)?.lookup(name)?.getBindings()[name]?.[0];
  if (!binding) return false;
  const holder = parentPath(binding)?.node;
  return holder !== undefined && 'params' in holder && holder.params.some((param: unknown) => param === binding.node);
}

/** Whether `path` runs inside a callback delivering messages from a shared pub/sub (the relay done right). */
function insidePubSubDelivery(path: ASTPath, sites: readonly CallbackSite[]): boolean {
  for (const current of enclosingFunctions(path)) {
    const callPath = parentPath(current);
    const call = callPath?.node;
    if (!callPath || call?.type !== 'CallExpression' || !call.arguments.some((argument) => argument === current.node)) continue;
    const callee = call.callee;
    if (callee.type !== 'MemberExpression') continue;
    const method = keyName(callee.property, callee.computed);
    const event = call.arguments[0];
    const receiver = unwrap(callee.object);
    // A connection's own socket (a parameter) delivers what its client sent, not what the pub/sub relays.
    if (receiver.type === 'Identifier' && isParameter(callPath, receiver.name)) continue;
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
          .filter((path) => referenceText(path.node) === member && (!use.iterated || isIterated(path)) && !insidePubSubDelivery(path, use.exceptIn ?? []))
          .paths()[0];
        if (broadcast) found.push({ path: site.path, name, broadcastLine: broadcast.node.loc?.start.line ?? 0 });
      }
    }
  }
  return found;
}
