/**
 * Small questions every codemod asks of the syntax tree, answered once. Every file is parsed by Babel with its
 * TypeScript plugin (`parser.ts`), so nodes have Babel's shapes (`ObjectMethod`, `ClassMethod`, `StringLiteral`),
 * directives being the one exception: they are statements marked `directive`.
 */
import jscodeshift, {
  type ArrowFunctionExpression,
  type ASTPath,
  type ClassMethod,
  type ClassPrivateMethod,
  type FunctionDeclaration,
  type FunctionExpression,
  type ObjectMethod,
} from 'jscodeshift';
import type { ExpressionNode } from './codemod.js';

/**
 * Functions: nodes that take parameters and run a body when called (ast-types' `Function`), arrows and class
 * methods included. Signatures without a body (`TSDeclareFunction`, `TSDeclareMethod`,
 * `TSFunctionType`, `TSMethodSignature`) are types, nothing runs in them, so they are not functions here.
 */
export type FunctionNode = FunctionDeclaration | FunctionExpression | ArrowFunctionExpression | ObjectMethod | ClassMethod | ClassPrivateMethod;

const functionTypes: ReadonlySet<string> = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/** Any path to a function, whatever node type its collection was typed with (`NodePath<N>` is invariant in N). */
type FunctionPath = { node: unknown; parent?: { node: unknown } | null };

/** Whether `node` is an expression: ast-types' `Expression`, whose node types `ExpressionNode` lists. */
export function isExpression(node: unknown): node is ExpressionNode {
  return jscodeshift.Expression.check(node);
}

/**
 * `node` where the code needs an expression it knows is one (an operand, a property's value in an object literal).
 * jscodeshift's builders make the same check, and throw the same way, when given anything else.
 */
export function knownExpression(node: unknown): ExpressionNode {
  if (isExpression(node)) return node;
  throw new Error(`expected an expression, got ${jscodeshift.Node.check(node) ? node.type : String(node)}`);
}

/** Whether `node` is a function of any kind: declaration, expression, arrow, object or class method. */
export function isFunction(node: unknown): node is FunctionNode {
  return jscodeshift.Node.check(node) && functionTypes.has(node.type);
}

/**
 * Whether `node` is a function with its own `this`, `arguments` and `super`: any function but an arrow,
 * which sees those of the code around it.
 */
export function hasOwnThis(node: unknown): boolean {
  return isFunction(node) && node.type !== 'ArrowFunctionExpression';
}

/** The path's parent path; null at the root (ast-types declares `parent` as `any`). */
export function parentPath(path: ASTPath): ASTPath | null {
  return path.parent;
}

/** The nearest function around `path` (not `path` itself); undefined at module level. */
export function enclosingFunction(path: ASTPath): ASTPath | undefined {
  for (let current = parentPath(path); current; current = parentPath(current)) {
    if (isFunction(current.node)) return current;
  }
  return undefined;
}

/** Every function around `path`, nearest first. */
export function enclosingFunctions(path: ASTPath): ASTPath[] {
  const functions: ASTPath[] = [];
  for (let current = enclosingFunction(path); current; current = enclosingFunction(current)) functions.push(current);
  return functions;
}

/** The name of a non-computed `.name` member or `{ name: … }` key (identifier or string). */
export function keyName(node: unknown, computed = false): string | undefined {
  if (!node || computed) return undefined;
  if (jscodeshift.Identifier.check(node)) return node.name;
  return stringLiteralValue(node);
}

function identifierName(node: unknown): string | undefined {
  return jscodeshift.Identifier.check(node) ? node.name : undefined;
}

/**
 * The name the function at `fn` is bound to in its scope, `function start` or `const start = () => …`: what a
 * call `start()` in the file refers to. Undefined for methods and property values, which a bare call cannot reach.
 */
export function bindingName(fn: FunctionPath): string | undefined {
  const node = fn.node;
  if (jscodeshift.FunctionDeclaration.check(node)) return identifierName(node.id);
  const parent = fn.parent?.node;
  return jscodeshift.VariableDeclarator.check(parent) && parent.init === node ? identifierName(parent.id) : undefined;
}

/** A property or class field, whose `key` names the function that is its `value`. */
function keyedHolder(node: unknown): { key: unknown; computed?: boolean; value?: unknown } | undefined {
  const { ObjectProperty, ClassProperty, ClassPrivateProperty, ClassAccessorProperty } = jscodeshift;
  return ObjectProperty.check(node) || ClassProperty.check(node) || ClassPrivateProperty.check(node) || ClassAccessorProperty.check(node) ? node : undefined;
}

/**
 * The name the function at `fn` is known by, for messages and guesses by name: its own (`function start`, a
 * named function expression), else the variable it initialises, else its key as a method, property or class
 * field (`start() {}`, `start: () => …`, `start = () => …`). Undefined for computed and `#private` keys.
 */
export function functionName(fn: FunctionPath): string | undefined {
  const node = fn.node;
  if (!isFunction(node)) return undefined;
  const name = identifierName(node.id) ?? bindingName(fn);
  if (name !== undefined) return name;
  if (node.type === 'ObjectMethod' || node.type === 'ClassMethod' || node.type === 'ClassPrivateMethod') return keyName(node.key, node.computed === true);
  const holder = keyedHolder(fn.parent?.node);
  return holder && holder.value === node ? keyName(holder.key, holder.computed === true) : undefined;
}

/** The value of a string literal: the only form a module specifier or a directive takes. */
export function stringLiteralValue(node: unknown): string | undefined {
  return jscodeshift.StringLiteral.check(node) ? node.value : undefined;
}

/** The value of a string known without running code: a string literal or a template literal without `${…}`. */
export function stringValue(node: unknown): string | undefined {
  if (!jscodeshift.TemplateLiteral.check(node)) return stringLiteralValue(node);
  if (node.expressions.length > 0) return undefined;
  return node.quasis[0]?.value.cooked ?? undefined;
}

/** The index of the first statement after the directive prologue ('use strict', 'use client'), which must stay first. */
export function afterDirectives(body: readonly unknown[]): number {
  let index = 0;
  while (index < body.length && isDirective(body[index])) index += 1;
  return index;
}

/** The directive a statement holds (`parser.ts` marks directives with it, as ESTree does), if it is one. */
export function directiveOf(statement: unknown): string | undefined {
  return jscodeshift.ExpressionStatement.check(statement) && 'directive' in statement && typeof statement.directive === 'string' ? statement.directive : undefined;
}

/** A directive statement; an unmarked string statement in front (one a transform built) stays in front too. */
function isDirective(statement: unknown): boolean {
  return directiveOf(statement) !== undefined || (jscodeshift.ExpressionStatement.check(statement) && stringLiteralValue(statement.expression) !== undefined);
}
