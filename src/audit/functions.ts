/** Functions in the TypeScript AST, and what function an expression denotes, across files. */
import { Node, type ArrowFunction, type FunctionDeclaration, type FunctionExpression, type MethodDeclaration } from 'ts-morph';
import { isBuiltin } from 'node:module';
import { fileBindings } from './bindings.js';
import type { Declarations } from './declarations.js';

export type FunctionLike = FunctionDeclaration | FunctionExpression | ArrowFunction | MethodDeclaration;

export function isFunctionLike(node: Node): node is FunctionLike {
  return Node.isFunctionDeclaration(node) || Node.isFunctionExpression(node) || Node.isArrowFunction(node) || Node.isMethodDeclaration(node);
}

function unwrap(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isNonNullExpression(current) || Node.isSatisfiesExpression(current)) {
    current = current.getExpression();
  }
  return current;
}

/** Globals that never hold a project's function: resolving their members is wasted work. */
const BUILT_IN_OBJECTS = new Set(['console', 'JSON', 'Math', 'Object', 'Array', 'Promise', 'process', 'Buffer', 'Number', 'String', 'Date', 'Reflect', 'Symbol', 'Error', 'URL', 'Intl']);

/**
 * Whether a name or member access certainly denotes a library value: its root is a Node built-in module
 * (`fs.promises.writeFile`) or a built-in global (`console.log`), which can never lead to a function of the project.
 */
function isLibraryValue(node: Node): boolean {
  let root = node;
  while (Node.isPropertyAccessExpression(root)) root = unwrap(root.getExpression());
  if (!Node.isIdentifier(root)) return false;
  const name = root.getText();
  const binding = fileBindings(root.getSourceFile()).get(name);
  // Only Node's own modules: a bare specifier may be a tsconfig `paths` alias of the project's own code.
  if (binding) return isBuiltin(binding.module);
  return root !== node && BUILT_IN_OBJECTS.has(name);
}

/** The function a declaration or value holds: a function or method, or a variable/property initialised with one. */
export function functionOfDeclaration(declaration: Node, declarations: Declarations, depth = 0): FunctionLike | undefined {
  if (isFunctionLike(declaration)) return declaration;
  if ((Node.isVariableDeclaration(declaration) || Node.isPropertyAssignment(declaration) || Node.isPropertyDeclaration(declaration)) && declaration.getInitializer()) {
    return functionOf(declaration.getInitializer()!, declarations, depth + 1);
  }
  if (Node.isExportAssignment(declaration)) return functionOf(declaration.getExpression(), declarations, depth + 1);
  if (Node.isCallExpression(declaration)) return functionOf(declaration, declarations, depth + 1);
  return undefined;
}

/**
 * The function an expression denotes: an inline function, a name declared anywhere in the project (through
 * imports and re-exports), `obj.method`, `this.service.method`, `fn.bind(x)`, or the function a wrapper such
 * as `asyncHandler(fn)` is given.
 */
export function functionOf(node: Node, declarations: Declarations, depth = 0): FunctionLike | undefined {
  if (depth > 4) return undefined;
  const inner = unwrap(node);
  if (isFunctionLike(inner)) return inner;
  if (Node.isIdentifier(inner) || Node.isPropertyAccessExpression(inner)) {
    if (isLibraryValue(inner)) return undefined;
    for (const declaration of declarations.of(inner)) {
      if (declaration === inner) continue;
      const fn = functionOfDeclaration(declaration, declarations, depth + 1);
      if (fn) return fn;
    }
    return undefined;
  }
  if (Node.isCallExpression(inner)) {
    const callee = unwrap(inner.getExpression());
    // fn.bind(this) denotes fn.
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'bind') return functionOf(callee.getExpression(), declarations, depth + 1);
    // A wrapper (asyncHandler(fn), withAuth(fn)) runs the function it is given while handling the request.
    for (const argument of inner.getArguments()) {
      const fn = functionOf(argument, declarations, depth + 1);
      if (fn) return fn;
    }
  }
  return undefined;
}

/** The innermost function around a node. */
export function enclosingFunction(node: Node): FunctionLike | undefined {
  return node.getFirstAncestor(isFunctionLike);
}
