/**
 * Hand-rolled module state a codemod cannot rewrite but must name: module-level `let`s and containers that
 * code running after start-up changes, classified by the same knowledge the rules use (`classifyState`).
 * A simpler cousin of `rules/kit/module-state.ts` over jscodeshift paths: what a change is and what runs at
 * start-up are decided in src/semantics/ (mutations.ts, startup.ts). Each codemod skips the entries of its own check.
 */
import type { ASTNode, ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { CheckId, MessageId } from '../../src/catalog.js';
import { classifyState, type StateShape } from '../../src/knowledge/state-classification.js';
import { isContainerValue, isLazyInit, isReset, mutationAt, type Climb, type Mutation } from '../../src/semantics/mutations.js';
import { isStartupCode } from '../../src/semantics/startup.js';
import { seeThroughTypes, syntaxNode, unwrapNode } from '../../src/semantics/wrappers.js';
import { lockStateNames } from '../../src/knowledge/counters.js';
import { realtimeModules } from '../../src/knowledge/realtime.js';
import { scopeOf } from './api-sites.js';
import { importedBindings } from './imports.js';
import { lineOf } from '../kit/todo.js';
import { enclosingFunction, parentPath } from './ast.js';

export interface HandRolledState {
  name: string;
  /** The declarator: where the state is created and where the audit reports it. */
  path: ASTPath;
  /** Line of the first change made after start-up. */
  changeLine: number;
  check: CheckId;
  messageId: MessageId;
}

/** The kit's way up the tree: a jscodeshift path knows its parent path. */
export const climbPaths: Climb<ASTPath> = { parent: parentPath, node: (path) => syntaxNode(path.node) };

/** Identifiers that read or write the top-level binding `name` (not keys, not shadowing locals). */
function referencesOf(j: JSCodeshift, root: Collection, name: string, declarator: ASTPath): ASTPath[] {
  return root
    .find(j.Identifier, { name })
    .filter((path) => {
      const parent = parentPath(path)?.node;
      if (!parent || parent === declarator.node) return false;
      if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node && !parent.computed) return false;
      if (parent.type === 'ObjectProperty' && parent.key === path.node && !parent.shorthand) return false;
      // Type positions name types, not the binding; `x as T`, `x!`, `<T>x` wrap the binding itself.
      if ((parent.type.startsWith('TS') && !seeThroughTypes.has(parent.type)) || parent.type.startsWith('Class') || parent.type === 'ObjectMethod') return false;
      return scopeOf(path)?.lookup(name)?.isGlobal ?? false;
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

/** The value `x = value` stores at the reference `path`, if it is such a write. */
function writtenValue(path: ASTPath): ASTNode | undefined {
  const assignment = parentPath(path)?.node;
  return assignment?.type === 'AssignmentExpression' && assignment.left === path.node ? assignment.right : undefined;
}

/** Every module-level binding or container of the file changed after start-up, with the check it belongs to. */
export function handRolledState(j: JSCodeshift, root: Collection): HandRolledState[] {
  const nearRealtime = importedBindings(j, root, realtimeModules).length > 0;
  const found: HandRolledState[] = [];
  root.find(j.VariableDeclarator).forEach((declarator) => {
    const declaration = parentPath(declarator);
    const statement = declaration && parentPath(declaration);
    const topLevel = statement?.node.type === 'Program' || (statement?.node.type === 'ExportNamedDeclaration' && parentPath(statement)?.node.type === 'Program');
    const { id, init } = declarator.node;
    if (!topLevel || id.type !== 'Identifier' || declaration?.node.type !== 'VariableDeclaration') return;
    const name = id.name;
    const references = referencesOf(j, root, name, declarator);
    const container = isContainerValue(init) || references.some((path) => isContainerValue(writtenValue(path)));
    if (declaration.node.kind === 'const' && !container) return;
    const changes = references
      .map((path) => ({ path, kind: mutationAt(path, climbPaths) }))
      .filter((change): change is { path: ASTPath; kind: Mutation } => change.kind !== undefined && (change.kind !== 'method' || container) && !isStartupCode(change.path, climbPaths))
      .filter((change) => change.kind !== 'write' || !(isLazyInit(change.path, climbPaths) || isReset(change.path, climbPaths)));
    if (changes.length === 0) return;
    const shape = shapeOf(container, init, changes);
    const { check, messageId } = classifyState(name, shape, nearRealtime, false);
    if (messageId === lockStateNames.messageId && !isLockLike(name, references, changes.filter((change) => change.kind === 'write').map((change) => change.path))) return;
    found.push({ name, path: declarator, changeLine: lineOf(changes[0]!.path), check, messageId });
  });
  return found;
}

function shapeOf(container: boolean, init: ASTNode | null | undefined, changes: readonly { kind: Mutation }[]): StateShape {
  if (container) return changes.every((change) => change.kind === 'memberUpdate') ? 'counter' : 'container';
  const literal = init && unwrapNode(init);
  const value = literal?.type === 'NumericLiteral' || literal?.type === 'BooleanLiteral' ? literal.value : undefined;
  if (typeof value === 'number' && changes.some((change) => change.kind === 'update')) return 'counter';
  if (typeof value === 'boolean') return 'flag';
  return 'binding';
}
