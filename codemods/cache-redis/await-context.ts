/**
 * Whether a use of a cache can become `await cache.get(…)` where it stands: inside an async function
 * whose caller waits for it, or at the top level of an ES module.
 */
import path from 'node:path';
import type { ASTNode, ASTPath, ClassMethod, ClassPrivateMethod, ObjectMethod } from 'jscodeshift';
import type { SourceStyle } from '../kit/style.js';
import { at as lineRef, prose, type Problem } from '../kit/skip.js';
import { lineOf } from '../kit/todo.js';
import { functionName, isFunction, parentPath, type FunctionNode } from '../kit/ast.js';

/** Array methods that call back synchronously and ignore what the callback returns. */
const promiseIgnoringMethods = new Set(['forEach', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every', 'reduce', 'reduceRight', 'sort', 'flatMap']);

/** Why an `await` cannot be put at `use`, or undefined when it can. */
export function whyCannotAwait(use: ASTPath, style: SourceStyle, file: string): Problem | undefined {
  const line = lineOf(use);
  let child: ASTPath = use;
  for (let current = parentPath(use); current; child = current, current = parentPath(current)) {
    const node = current.node;
    if (isFunctionPath(current)) {
      if (current.node.params.some((param) => param === child.node)) return prose`used in a default parameter value at line ${lineRef(line)}, which cannot await`;
      return whyFunctionCannotAwait(current, line);
    }
    if ((node.type === 'ClassProperty' || node.type === 'ClassPrivateProperty') && child.node === node.value) {
      return prose`used in a class field initializer at line ${lineRef(line)}, which cannot await`;
    }
    if (node.type === 'StaticBlock') return prose`used in a static block at line ${lineRef(line)}, which cannot await`;
  }
  // The top level of the module: only ES modules have top-level await.
  if (style.module === 'cjs' || path.extname(file) === '.cts') return prose`used at the top level of a CommonJS module at line ${lineRef(line)}, which cannot await`;
  return undefined;
}

type Method = ObjectMethod | ClassMethod | ClassPrivateMethod;

/** The method (its kind and key) a function is, if it is one: `ObjectMethod`, `ClassMethod`, `ClassPrivateMethod`. */
function methodOf(fn: ASTPath<FunctionNode>): Method | undefined {
  const node = fn.node;
  return node.type === 'ObjectMethod' || node.type === 'ClassMethod' || node.type === 'ClassPrivateMethod' ? node : undefined;
}

function whyFunctionCannotAwait(fn: ASTPath<FunctionNode>, line: number): Problem | undefined {
  const node = fn.node;
  const method = methodOf(fn);
  if (method?.kind === 'get' || method?.kind === 'set') return prose`used in the ${method.kind}ter ${keyText(method)} at line ${lineRef(line)}; accessors cannot await`;
  if (method?.kind === 'constructor') return prose`used in a constructor at line ${lineRef(line)}; constructors cannot await`;
  const caller = parentPath(fn)?.node;
  if ((caller?.type === 'CallExpression' || caller?.type === 'OptionalCallExpression') && caller.arguments.some((argument) => argument === node)) {
    const method = calleeName(caller.callee);
    if (promiseIgnoringMethods.has(method.split('.').pop()!)) {
      return prose`used in a callback passed to ${method}() at line ${lineRef(line)}, which does not wait for promises; use a for…of loop first`;
    }
    if (!node.async) return prose`used in a synchronous callback passed to ${method}() at line ${lineRef(line)}; make it async first`;
    return undefined;
  }
  if (node.async) return undefined;
  return prose`used in the synchronous ${describeFunction(fn)} at line ${lineRef(line)}; make it async (and await its callers) first`;
}

/** `function findAvatar()`, `method Store.load()`, or `function` when it has no name. */
function describeFunction(fn: ASTPath<FunctionNode>): string {
  const node = fn.node;
  const kind = node.generator ? 'generator' : 'function';
  const method = methodOf(fn);
  if (method) {
    // Class body → class; an object literal → what holds it, when that has a name (`const api = { … }`).
    const body = parentPath(fn);
    const owner = body && parentPath(body)?.node;
    const id = owner && 'id' in owner ? owner.id : undefined;
    const ownerName = id && 'name' in id && typeof id.name === 'string' ? id.name : undefined;
    return `method ${ownerName ? `${ownerName}.` : ''}${keyText(method)}()`;
  }
  const name = functionName(fn);
  return name === undefined ? kind : `${kind} ${name}()`;
}

/** A method's key as the reason shows it, private and computed keys included (`#load`, `[computed]`). */
function keyText(method: Method): string {
  const { key } = method;
  if (key.type === 'PrivateName') return `#${key.id.name}`;
  if (key.type === 'Identifier') return key.name;
  return 'value' in key && key.value !== null && key.value !== undefined ? String(key.value) : '[computed]';
}

/** `forEach`, `items.forEach`, `app.get`: how a call names its callee in a reason. */
export function calleeName(callee: ASTNode): string {
  if (callee.type === 'Identifier') return callee.name;
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed) {
    const { object } = callee;
    const property = callee.property.type === 'Identifier' ? callee.property.name : String(undefined);
    return object.type === 'Identifier' || object.type === 'ThisExpression' ? `${object.type === 'ThisExpression' ? 'this' : object.name}.${property}` : property;
  }
  return 'a function';
}

/** Whether the path is at a function. */
function isFunctionPath(path: ASTPath<unknown>): path is ASTPath<FunctionNode> {
  return isFunction(path.node);
}
