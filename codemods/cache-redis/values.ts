/**
 * What changes once values live in Redis as JSON: a stored function, promise or Map comes back as
 * something else, and a value changed in place after `get` is a copy that nobody writes back.
 */
import type { ASTNode, ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { mutatorMethods } from '../../src/knowledge/containers.js';
import { sameValueTypes, unwrapNode } from '../../src/semantics/wrappers.js';
import { scopeOf } from '../kit/api-sites.js';
import { bindingName, isFunction, parentPath } from '../kit/ast.js';

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
export function notJsonValue(value: ASTNode, asyncFunctions: ReadonlySet<string>): string | undefined {
  const inner = unwrapNode(value, transparentTypes);
  if (inner.type === 'FunctionExpression' || inner.type === 'ArrowFunctionExpression' || inner.type === 'ClassExpression') return 'a function';
  if (inner.type === 'NewExpression' && inner.callee.type === 'Identifier' && notJsonConstructors.has(inner.callee.name)) return `a ${inner.callee.name}`;
  if (inner.type !== 'CallExpression') return undefined;
  const { callee } = inner;
  if (callee.type === 'Identifier' && (callee.name === 'fetch' || asyncFunctions.has(callee.name))) return `a promise (the result of ${callee.name}() without await)`;
  if (callee.type === 'MemberExpression' && !callee.computed) {
    const { object, property } = callee;
    const method = property.type === 'Identifier' ? property.name : undefined;
    if ((method !== undefined && ['then', 'catch', 'finally'].includes(method)) || (object.type === 'Identifier' && object.name === 'Promise')) return 'a promise';
  }
  return undefined;
}

function isMemberObject(path: ASTPath): boolean {
  const parent = parentPath(path)?.node;
  return (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.object === path.node;
}

function climbTransparent(path: ASTPath): ASTPath {
  let current = path;
  for (let parent = parentPath(current); parent && transparentTypes.has(parent.node.type); parent = parentPath(current)) current = parent;
  return current;
}

/** Where the value read at `read` is changed in place right there: `cache.get(k).push(x)`, `cache.get(k)!.hits++`. */
function changedInPlace(read: ASTPath): ASTPath | undefined {
  let current = climbTransparent(read);
  if (!isMemberObject(current)) return undefined;
  for (let parent = parentPath(current); parent && isMemberObject(current); parent = parentPath(current)) current = climbTransparent(parent);
  const holder = parentPath(current)?.node;
  const top = current.node;
  if (!holder) return undefined;
  const method = (top.type === 'MemberExpression' || top.type === 'OptionalMemberExpression') && !top.computed && top.property.type === 'Identifier' ? top.property.name : '';
  const changes =
    (holder.type === 'AssignmentExpression' && holder.left === top) ||
    holder.type === 'UpdateExpression' ||
    (holder.type === 'UnaryExpression' && holder.operator === 'delete') ||
    ((holder.type === 'CallExpression' || holder.type === 'OptionalCallExpression') && holder.callee === top && mutatorMethods.has(method));
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
  for (let parent = parentPath(current); parent?.node.type === 'LogicalExpression' && parent.node.left === current.node; parent = parentPath(current)) current = climbTransparent(parent);
  const declaratorPath = parentPath(current);
  const declarator = declaratorPath?.node;
  if (!declaratorPath || declarator?.type !== 'VariableDeclarator' || declarator.init !== current.node || declarator.id.type !== 'Identifier') return undefined;
  const variable = declarator.id.name;
  const declaringScope = scopeOf(declaratorPath);
  const body = functionOrProgram(current);
  let change: ASTPath | undefined;
  j(body)
    .find(j.Identifier, { name: variable })
    .forEach((reference) => {
      if (!change && scopeOf(reference)?.lookup(variable) === declaringScope) change = changedInPlace(reference);
    });
  return change && !writesBack(variable, body) ? change : undefined;
}

/** The function (or the whole program) that holds `path`. */
export function functionOrProgram(path: ASTPath): ASTPath {
  let current = path;
  for (let parent = parentPath(current); parent && !isFunction(current.node) && current.node.type !== 'Program'; parent = parentPath(current)) current = parent;
  return current;
}
