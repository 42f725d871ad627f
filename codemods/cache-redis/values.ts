/**
 * What changes once values live in Redis as JSON: a stored function, promise or Map comes back as
 * something else, and a value changed in place after `get` is a copy that nobody writes back.
 */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { mutatorMethods } from '../../src/knowledge/containers.js';
import { sameValueTypes } from '../../src/semantics/wrappers.js';
import { bindingName, isFunction } from '../kit/ast.js';

type Node = { type: string; [field: string]: unknown };

/** Constructors whose instances JSON turns into something else. */
const notJsonConstructors = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'Promise', 'RegExp', 'Error', 'URL', 'AbortController']);

/** Expressions around a value that do not change it (`x!`, `x as T`, `(x)`; not `await`): src/semantics/wrappers.ts. */
const transparentTypes = sameValueTypes;

/** Names of the file's async functions: calling one without `await` gives a promise. */
export function asyncFunctionNames(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  root.find(j.Function, { async: true }).forEach((path) => {
    const name = bindingName(path);
    if (name !== undefined) names.add(name);
  });
  return names;
}

/** What a stored expression is when JSON cannot keep it (`a Promise`, `a function`), or undefined. */
export function notJsonValue(value: Node, asyncFunctions: ReadonlySet<string>): string | undefined {
  if (transparentTypes.has(value.type)) return notJsonValue(value.expression as Node, asyncFunctions);
  if (value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression' || value.type === 'ClassExpression') return 'a function';
  const callee = value.callee as Node | undefined;
  if (value.type === 'NewExpression' && callee?.type === 'Identifier' && notJsonConstructors.has(callee.name as string)) return `a ${callee.name as string}`;
  if (value.type !== 'CallExpression' || !callee) return undefined;
  if (callee.type === 'Identifier' && (callee.name === 'fetch' || asyncFunctions.has(callee.name as string))) return `a promise (the result of ${callee.name as string}() without await)`;
  if (callee.type === 'MemberExpression' && !callee.computed) {
    const object = callee.object as Node;
    const method = (callee.property as { name: string }).name;
    if (['then', 'catch', 'finally'].includes(method) || (object.type === 'Identifier' && object.name === 'Promise')) return 'a promise';
  }
  return undefined;
}

function isMemberObject(path: ASTPath): boolean {
  const parent = path.parent?.node as Node | undefined;
  return !!parent && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.object === path.node;
}

function climbTransparent(path: ASTPath): ASTPath {
  let current = path;
  while (current.parent && transparentTypes.has((current.parent.node as Node).type)) current = current.parent as ASTPath;
  return current;
}

/** Where the value read at `read` is changed in place right there: `cache.get(k).push(x)`, `cache.get(k)!.hits++`. */
function changedInPlace(read: ASTPath): ASTPath | undefined {
  let current = climbTransparent(read);
  if (!isMemberObject(current)) return undefined;
  while (isMemberObject(current)) current = climbTransparent(current.parent as ASTPath);
  const holder = current.parent?.node as Node | undefined;
  const top = current.node as Node;
  if (!holder) return undefined;
  const changes =
    (holder.type === 'AssignmentExpression' && holder.left === top) ||
    holder.type === 'UpdateExpression' ||
    (holder.type === 'UnaryExpression' && holder.operator === 'delete') ||
    ((holder.type === 'CallExpression' || holder.type === 'OptionalCallExpression') &&
      holder.callee === top &&
      !(top as { computed?: boolean }).computed &&
      mutatorMethods.has((top.property as { name?: string }).name ?? ''));
  return changes ? current : undefined;
}

/**
 * Where a value read from the cache at `read` is changed in place without being written back: directly
 * (`cache.get(k).push(x)`) or through a variable (`const list = cache.get(k); list.push(x)` with no
 * `cache.set(k, list)` after it in the same function). `writesBack(name, fn)` tells whether the function
 * `fn` stores the variable `name` into the cache.
 */
export function inPlaceChange(j: JSCodeshift, read: ASTPath, writesBack: (variable: string, scope: ASTPath) => boolean): ASTPath | undefined {
  const direct = changedInPlace(read);
  if (direct) return direct;
  let current = climbTransparent(read);
  // `cache.get(k) ?? []`, `cache.get(k) || {}`: the fallback is what gets changed when the entry is missing.
  while (current.parent && (current.parent.node as Node).type === 'LogicalExpression' && (current.parent.node as Node).left === current.node) current = climbTransparent(current.parent as ASTPath);
  const declarator = current.parent?.node as Node | undefined;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== current.node || (declarator.id as Node).type !== 'Identifier') return undefined;
  const variable = (declarator.id as { name: string }).name;
  const declaringScope = (current.parent as ASTPath).scope;
  const body = functionOrProgram(current);
  let change: ASTPath | undefined;
  j(body)
    .find(j.Identifier, { name: variable })
    .forEach((reference) => {
      if (!change && reference.scope?.lookup(variable) === declaringScope) change = changedInPlace(reference);
    });
  return change && !writesBack(variable, body) ? change : undefined;
}

/** The function (or the whole program) that holds `path`. */
export function functionOrProgram(path: ASTPath): ASTPath {
  let current = path;
  while (current.parent && !isFunction(current.node) && current.node.type !== 'Program') current = current.parent as ASTPath;
  return current;
}
