/**
 * Small questions every codemod asks of the syntax tree, answered once. Every file is parsed by Babel with its
 * TypeScript plugin (`parser.ts`), so nodes have Babel's shapes (`ObjectMethod`, `ClassMethod`, `StringLiteral`),
 * directives being the one exception: they are statements marked `directive`.
 */
import jscodeshift, { type ASTPath } from 'jscodeshift';

/** A node read structurally: its fields depend on the parser, so they are checked at run time. */
export type Node = { type: string; [key: string]: unknown };

/**
 * Functions: nodes that take parameters and run a body when called (ast-types' `Function`), arrows and class
 * methods included. Signatures without a body (`TSDeclareFunction`, `TSDeclareMethod`,
 * `TSFunctionType`, `TSMethodSignature`) are types, nothing runs in them, so they are not functions here.
 */
const functionTypes: ReadonlySet<string> = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/** Methods, which carry their own `key`. */
const methodTypes: ReadonlySet<string> = new Set(['ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/** Nodes whose `key` names the function that is their `value`: properties and class fields. */
const keyedHolderTypes: ReadonlySet<string> = new Set(['ObjectProperty', 'ClassProperty', 'ClassPrivateProperty', 'ClassAccessorProperty']);

/** Any path to a function, whatever node type its collection was typed with (`NodePath<N>` is invariant in N). */
type FunctionPath = { node: unknown; parent?: { node: unknown } | null };

/** Whether `node` is a function of any kind: declaration, expression, arrow, object or class method. */
export function isFunction(node: unknown): boolean {
  const type = (node as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' && functionTypes.has(type);
}

/**
 * Whether `node` is a function with its own `this`, `arguments` and `super`: any function but an arrow,
 * which sees those of the code around it.
 */
export function hasOwnThis(node: unknown): boolean {
  return isFunction(node) && (node as Node).type !== 'ArrowFunctionExpression';
}

/** The nearest function around `path` (not `path` itself); undefined at module level. */
export function enclosingFunction(path: ASTPath): ASTPath | undefined {
  for (let current = path.parent as ASTPath | null; current; current = current.parent as ASTPath | null) {
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
export function keyName(node: Node | undefined, computed = false): string | undefined {
  if (!node || computed) return undefined;
  if (node.type === 'Identifier') return node.name as string;
  return stringLiteralValue(node);
}

function identifierName(node: unknown): string | undefined {
  const identifier = node as Node | null | undefined;
  return identifier?.type === 'Identifier' ? (identifier.name as string) : undefined;
}

/**
 * The name the function at `fn` is bound to in its scope, `function start` or `const start = () => …`: what a
 * call `start()` in the file refers to. Undefined for methods and property values, which a bare call cannot reach.
 */
export function bindingName(fn: FunctionPath): string | undefined {
  const node = fn.node as Node;
  if (node.type === 'FunctionDeclaration') return identifierName(node.id);
  const parent = fn.parent?.node as Node | undefined;
  return parent?.type === 'VariableDeclarator' && parent.init === node ? identifierName(parent.id) : undefined;
}

/**
 * The name the function at `fn` is known by, for messages and guesses by name: its own (`function start`, a
 * named function expression), else the variable it initialises, else its key as a method, property or class
 * field (`start() {}`, `start: () => …`, `start = () => …`). Undefined for computed and `#private` keys.
 */
export function functionName(fn: FunctionPath): string | undefined {
  const node = fn.node as Node;
  const name = identifierName(node.id) ?? bindingName(fn);
  if (name !== undefined) return name;
  if (methodTypes.has(node.type)) return keyName(node.key as Node, node.computed === true);
  const holder = fn.parent?.node as Node | undefined;
  return holder && keyedHolderTypes.has(holder.type) && holder.value === node ? keyName(holder.key as Node, holder.computed === true) : undefined;
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
  while (index < body.length && isDirective(body[index] as Node)) index += 1;
  return index;
}

/** A directive statement (`parser.ts` marks them); an unmarked string statement in front (one a transform built) stays in front too. */
function isDirective(statement: Node): boolean {
  return statement.directive !== undefined || (jscodeshift.ExpressionStatement.check(statement) && stringLiteralValue(statement.expression) !== undefined);
}
