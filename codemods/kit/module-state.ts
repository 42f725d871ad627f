/**
 * Hand-rolled module state a codemod cannot rewrite but must name: module-level `let`s and containers that
 * code running after start-up changes, classified by the same knowledge the rules use (`classifyState`).
 * A simpler cousin of `rules/kit/module-state.ts` over jscodeshift paths; each codemod skips the entries
 * of its own check.
 */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { CheckId } from '../../src/catalog.js';
import { classifyState, type StateShape } from '../../src/knowledge/state-classification.js';
import { containerConstructors, elementReaders, mutatorMethods } from '../../src/knowledge/containers.js';
import { startupCallbackMethods, startupFunctionNames } from '../../src/knowledge/frameworks.js';
import { lockStateNames } from '../../src/knowledge/counters.js';
import { realtimeModules } from '../../src/knowledge/realtime.js';
import { importedBindings } from './imports.js';
import { lineOf } from '../kit/todo.js';
import { unwrap } from './api-sites.js';
import { enclosingFunction, functionName, keyName, type Node } from './ast.js';

export interface HandRolledState {
  name: string;
  /** The declarator: where the state is created and where the audit reports it. */
  path: ASTPath;
  /** Line of the first change made after start-up. */
  changeLine: number;
  check: CheckId;
  messageId: string;
}

type Mutation = 'write' | 'update' | 'member' | 'memberUpdate' | 'method';

function isContainer(init: Node | null | undefined): boolean {
  if (!init) return false;
  const value = unwrap(init);
  if (value.type === 'ObjectExpression' || value.type === 'ArrayExpression') return true;
  const callee = value.callee as Node | undefined;
  return value.type === 'NewExpression' && callee?.type === 'Identifier' && containerConstructors.has(callee.name as string);
}

/** How the reference at `path` changes the value it names, as `rules/kit/mutations.ts` tells it. */
function mutationAt(path: ASTPath): Mutation | undefined {
  let current = path;
  for (let depth = 0; depth < 8; depth++) {
    const parent = current.parent as ASTPath | null;
    if (!parent) return undefined;
    const node = parent.node as unknown as Node;
    if (node.type === 'AssignmentExpression' && node.left === current.node) {
      if (depth > 0) return node.operator === '+=' || node.operator === '-=' ? 'memberUpdate' : 'member';
      return ['=', '??=', '||='].includes(node.operator as string) ? 'write' : 'update';
    }
    if (node.type === 'UpdateExpression') return depth > 0 ? 'memberUpdate' : 'update';
    if (node.type === 'UnaryExpression' && node.operator === 'delete') return depth > 0 ? 'member' : undefined;
    if (wrapperLike(node)) {
      current = parent;
      continue;
    }
    if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return undefined;
    if (node.object !== current.node) return undefined;
    const call = parent.parent?.node as unknown as Node | undefined;
    if ((call?.type === 'CallExpression' || call?.type === 'OptionalCallExpression') && call.callee === node) {
      const method = keyName(node.property as Node, node.computed as boolean);
      if (method !== undefined && mutatorMethods.has(method)) return 'method';
      if (method === undefined || !elementReaders.has(method)) return undefined;
      current = parent.parent as ASTPath;
    } else current = parent;
  }
  return undefined;
}

function wrapperLike(node: Node): boolean {
  return unwrap(node) !== node;
}

/** Code that runs once at start-up: module top level, IIFEs, `listen`-style callbacks, `init()`-style functions. */
function isStartup(path: ASTPath): boolean {
  const fn = enclosingFunction(path);
  if (!fn) return true;
  const parent = fn.parent?.node as unknown as Node | undefined;
  if (parent?.type === 'CallExpression') {
    if (parent.callee === fn.node) return true;
    const callee = parent.callee as Node;
    const method = callee.type === 'MemberExpression' ? keyName(callee.property as Node, callee.computed as boolean) : undefined;
    if (method && startupCallbackMethods.includes(method)) return true;
  }
  const name = functionName(fn);
  return name !== undefined && startupFunctionNames.some((pattern) => pattern.test(name));
}

/** Identifiers that read or write the top-level binding `name` (not keys, not shadowing locals). */
function referencesOf(j: JSCodeshift, root: Collection, name: string, declarator: ASTPath): ASTPath[] {
  return root
    .find(j.Identifier, { name })
    .filter((path) => {
      const parent = path.parent?.node as unknown as Node;
      if (parent === (declarator.node as unknown as Node)) return false;
      if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node && !parent.computed) return false;
      if ((parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.key === path.node && !parent.shorthand) return false;
      if (parent.type.startsWith('TS') || parent.type.startsWith('Class') || parent.type === 'ObjectMethod') return false;
      const scope = (path as ASTPath & { scope: { lookup(name: string): { isGlobal: boolean } | null } | null }).scope;
      return scope?.lookup(name)?.isGlobal ?? false;
    })
    .paths();
}

/** A flag acts as a lock when named like one or when one function both checks and sets it. */
function isLockLike(name: string, references: readonly ASTPath[], writes: readonly ASTPath[]): boolean {
  if (lockStateNames.names.some((pattern) => pattern.test(name))) return true;
  const readers = new Set(references.filter((reference) => !writes.includes(reference)).map(enclosingFunction));
  return writes.some((write) => {
    const fn = enclosingFunction(write);
    return fn !== undefined && readers.has(fn);
  });
}

/** Every module-level binding or container of the file changed after start-up, with the check it belongs to. */
export function handRolledState(j: JSCodeshift, root: Collection): HandRolledState[] {
  const nearRealtime = importedBindings(j, root, realtimeModules).length > 0;
  const found: HandRolledState[] = [];
  root.find(j.VariableDeclarator).forEach((declarator) => {
    const declaration = declarator.parent as ASTPath;
    const statement = declaration.parent as ASTPath;
    const topLevel = statement.node.type === 'Program' || (statement.node.type === 'ExportNamedDeclaration' && statement.parent?.node.type === 'Program');
    const { id, init } = declarator.node as unknown as { id: Node; init?: Node | null };
    if (!topLevel || id.type !== 'Identifier') return;
    const container = isContainer(init);
    if ((declaration.node as unknown as { kind: string }).kind === 'const' && !container) return;
    const name = id.name as string;
    const references = referencesOf(j, root, name, declarator);
    const changes = references
      .map((path) => ({ path, kind: mutationAt(path) }))
      .filter((change): change is { path: ASTPath; kind: Mutation } => change.kind !== undefined && (change.kind !== 'method' || container) && !isStartup(change.path));
    if (changes.length === 0) return;
    const shape = shapeOf(container, init, changes);
    const { check, messageId } = classifyState(name, shape, nearRealtime, false);
    if (messageId === lockStateNames.messageId && !isLockLike(name, references, changes.filter((change) => change.kind === 'write').map((change) => change.path))) return;
    found.push({ name, path: declarator, changeLine: lineOf(changes[0]!.path), check, messageId });
  });
  return found;
}

function shapeOf(container: boolean, init: Node | null | undefined, changes: readonly { kind: Mutation }[]): StateShape {
  if (container) return changes.every((change) => change.kind === 'memberUpdate') ? 'counter' : 'container';
  const literal = init && unwrap(init);
  const value = literal && (literal.type === 'NumericLiteral' || literal.type === 'BooleanLiteral' || literal.type === 'Literal') ? literal.value : undefined;
  if (typeof value === 'number' && changes.some((change) => change.kind === 'update')) return 'counter';
  if (typeof value === 'boolean') return 'flag';
  return 'binding';
}
