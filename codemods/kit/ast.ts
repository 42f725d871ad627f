/**
 * Small questions every codemod asks of the syntax tree, answered once and the same way for both node shapes
 * jscodeshift hands us: Babel's from the `ts`/`tsx` parsers (`ObjectMethod`, `ClassMethod`, `StringLiteral`)
 * and ESTree's from the `babel` parser (`MethodDefinition` or `Property` holding a `FunctionExpression`,
 * `Literal`). A codemod that answers one of them its own way ends up treating a `.js` and a `.ts` file apart.
 */
import type { ASTPath } from 'jscodeshift';

/** A node read structurally: its fields depend on the parser, so they are checked at run time. */
export type Node = { type: string; [key: string]: unknown };

/**
 * Functions: nodes that take parameters and run a body when called (ast-types' `Function`), arrows and class
 * methods included. ESTree's `MethodDefinition` and method `Property` are not in the list: they hold a
 * `FunctionExpression`, which is. Signatures without a body (`TSDeclareFunction`, `TSDeclareMethod`,
 * `TSFunctionType`, `TSMethodSignature`) are types, nothing runs in them, so they are not functions here.
 */
const functionTypes: ReadonlySet<string> = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/** Babel's methods, which carry their own `key`. */
const methodTypes: ReadonlySet<string> = new Set(['ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/** Nodes whose `key` names the function that is their `value`: properties, class fields, ESTree methods. */
const keyedHolderTypes: ReadonlySet<string> = new Set(['ObjectProperty', 'Property', 'ClassProperty', 'ClassPrivateProperty', 'ClassAccessorProperty', 'PropertyDefinition', 'MethodDefinition']);

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

/** The value of a string literal (either parser's node): the only form a module specifier or a directive takes. */
export function stringLiteralValue(node: unknown): string | undefined {
  const literal = node as Node | null | undefined;
  return (literal?.type === 'StringLiteral' || literal?.type === 'Literal') && typeof literal.value === 'string' ? literal.value : undefined;
}

/** The value of a string known without running code: a string literal or a template literal without `${…}`. */
export function stringValue(node: unknown): string | undefined {
  const template = node as Node | null | undefined;
  if (template?.type !== 'TemplateLiteral') return stringLiteralValue(node);
  if ((template.expressions as unknown[]).length > 0) return undefined;
  return ((template.quasis as Node[])[0]?.value as { cooked?: string | null } | undefined)?.cooked ?? undefined;
}

/** The index of the first statement after the directive prologue ('use strict', 'use client'), which must stay first. */
export function afterDirectives(body: readonly unknown[]): number {
  let index = 0;
  while (index < body.length && isDirective(body[index] as Node)) index += 1;
  return index;
}

/** ESTree marks a directive; an unmarked string statement in front (one a transform built) stays in front too. */
function isDirective(statement: Node): boolean {
  return statement.directive !== undefined || (statement.type === 'ExpressionStatement' && stringLiteralValue(statement.expression) !== undefined);
}
