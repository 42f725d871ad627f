/**
 * Whether a use of a cache can become `await cache.get(…)` where it stands: inside an async function
 * whose caller waits for it, or at the top level of an ES module.
 */
import path from 'node:path';
import type { ASTPath } from 'jscodeshift';
import type { SourceStyle } from '../kit/style.js';
import { at as lineRef, prose, type Problem } from '../kit/skip.js';
import { lineOf } from '../kit/todo.js';
import { functionName, isFunction } from '../kit/ast.js';

/** Array methods that call back synchronously and ignore what the callback returns. */
const promiseIgnoringMethods = new Set(['forEach', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every', 'reduce', 'reduceRight', 'sort', 'flatMap']);

type Node = { type: string; [field: string]: unknown };

/** Why an `await` cannot be put at `use`, or undefined when it can. */
export function whyCannotAwait(use: ASTPath, style: SourceStyle, file: string): Problem | undefined {
  const line = lineOf(use);
  let child: ASTPath = use;
  for (let current = use.parent as ASTPath | null; current; child = current, current = current.parent as ASTPath | null) {
    const node = current.node as Node;
    if (isFunction(node)) {
      if ((node.params as unknown[]).includes(child.node)) return prose`used in a default parameter value at line ${lineRef(line)}, which cannot await`;
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

/** The method (its kind and key) a function is, if it is one: `ObjectMethod`, `ClassMethod`, `ClassPrivateMethod`. */
function methodOf(fn: ASTPath): Node | undefined {
  const node = fn.node as Node;
  return /Method$/.test(node.type) ? node : undefined;
}

function whyFunctionCannotAwait(fn: ASTPath, line: number): Problem | undefined {
  const node = fn.node as Node;
  const method = methodOf(fn);
  if (method?.kind === 'get' || method?.kind === 'set') return prose`used in the ${method.kind}ter ${keyText(method)} at line ${lineRef(line)}; accessors cannot await`;
  if (method?.kind === 'constructor') return prose`used in a constructor at line ${lineRef(line)}; constructors cannot await`;
  const caller = fn.parent?.node as Node | undefined;
  if (caller && (caller.type === 'CallExpression' || caller.type === 'OptionalCallExpression') && (caller.arguments as unknown[]).includes(node)) {
    const method = calleeName(caller.callee as Node);
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
function describeFunction(fn: ASTPath): string {
  const node = fn.node as Node;
  const kind = node.generator ? 'generator' : 'function';
  const method = methodOf(fn);
  if (method) {
    // Class body → class; an object method has no class to name.
    const holderPath = method === node ? fn : (fn.parent as ASTPath);
    const owner = (holderPath.parent?.parent?.node as { type?: string; id?: { name?: string } } | undefined)?.id?.name;
    return `method ${owner ? `${owner}.` : ''}${keyText(method)}()`;
  }
  const name = functionName(fn);
  return name === undefined ? kind : `${kind} ${name}()`;
}

/** A method's key as the reason shows it, private and computed keys included (`#load`, `[computed]`). */
function keyText(node: Node): string {
  const key = node.key as { type: string; name?: string; value?: unknown; id?: { name: string } };
  if (key.type === 'PrivateName') return `#${key.id?.name}`;
  return key.name ?? String(key.value ?? '[computed]');
}

/** `forEach`, `items.forEach`, `app.get`: how a call names its callee in a reason. */
export function calleeName(callee: Node): string {
  if (callee.type === 'Identifier') return callee.name as string;
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed) {
    const object = callee.object as Node;
    const property = (callee.property as { name: string }).name;
    return object.type === 'Identifier' || object.type === 'ThisExpression' ? `${object.type === 'ThisExpression' ? 'this' : object.name}.${property}` : property;
  }
  return 'a function';
}
