/**
 * Functions in the TypeScript AST, and what function an expression denotes, across files: it runs for every call
 * of every reached function.
 */
import { isBuiltin } from 'node:module';
import type { ArrowFunction, Expression, FunctionDeclaration, FunctionExpression, MethodDeclaration, Node } from 'typescript';
import { fileBindings } from './bindings.js';
import type { Declarations } from './declarations.js';
import { unwrapTypes } from './file-nodes.js';
import { ts } from './typescript.js';

/** What the audit counts as a function: what a handler or a function it calls can be. */
export type FunctionLike = FunctionDeclaration | FunctionExpression | ArrowFunction | MethodDeclaration;

export function isFunctionLike(node: Node): node is FunctionLike {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node);
}

/** Globals that never hold a project's function: resolving their members is wasted work. */
const BUILT_IN_OBJECTS = new Set(['console', 'JSON', 'Math', 'Object', 'Array', 'Promise', 'process', 'Buffer', 'Number', 'String', 'Date', 'Reflect', 'Symbol', 'Error', 'URL', 'Intl']);

/**
 * Whether a name or member access certainly denotes a library value: its root is a Node built-in module
 * (`fs.promises.writeFile`) or a built-in global (`console.log`), which can never lead to a function of the project.
 */
function isLibraryValue(node: Expression): boolean {
  let root = node;
  while (ts.isPropertyAccessExpression(root)) root = unwrapTypes(root.expression);
  if (!ts.isIdentifier(root)) return false;
  const name = root.text;
  const binding = fileBindings(root.getSourceFile()).get(name);
  // Only Node's own modules: a bare specifier may be a tsconfig `paths` alias of the project's own code.
  if (binding) return isBuiltin(binding.module);
  return root !== node && BUILT_IN_OBJECTS.has(name);
}

/** The function a declaration or value holds: a function or method, or a variable/property initialised with one. */
function functionOfDeclaration(declaration: Node, declarations: Declarations, depth: number): FunctionLike | undefined {
  if (isFunctionLike(declaration)) return declaration;
  if ((ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.initializer) {
    return denotedFunction(declaration.initializer, declarations, depth + 1);
  }
  if (ts.isExportAssignment(declaration)) return denotedFunction(declaration.expression, declarations, depth + 1);
  if (ts.isCallExpression(declaration)) return denotedFunction(declaration, declarations, depth + 1);
  return undefined;
}

function denotedFunction(node: Expression, declarations: Declarations, depth: number): FunctionLike | undefined {
  if (depth > 4) return undefined;
  const inner = unwrapTypes(node);
  if (isFunctionLike(inner)) return inner;
  if (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner)) {
    if (isLibraryValue(inner)) return undefined;
    for (const declaration of declarations.of(inner)) {
      if (declaration === inner) continue;
      const fn = functionOfDeclaration(declaration, declarations, depth + 1);
      if (fn) return fn;
    }
    return undefined;
  }
  if (ts.isCallExpression(inner)) {
    const callee = unwrapTypes(inner.expression);
    // fn.bind(this) denotes fn.
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') return denotedFunction(callee.expression, declarations, depth + 1);
    // A wrapper (asyncHandler(fn), withAuth(fn)) runs the function it is given while handling the request.
    for (const argument of inner.arguments) {
      const fn = denotedFunction(argument, declarations, depth + 1);
      if (fn) return fn;
    }
  }
  return undefined;
}

/**
 * The function an expression denotes: an inline function, a name declared anywhere in the project (through
 * imports and re-exports), `obj.method`, `this.service.method`, `fn.bind(x)`, or the function a wrapper such
 * as `asyncHandler(fn)` is given.
 */
export function functionOf(node: Node, declarations: Declarations): FunctionLike | undefined {
  if (isFunctionLike(node)) return node;
  return ts.isExpression(node) ? denotedFunction(node, declarations, 0) : undefined;
}

/** The innermost function around a node (not the node itself). */
export function enclosingFunction(node: Node): FunctionLike | undefined {
  for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) if (isFunctionLike(ancestor)) return ancestor;
  return undefined;
}
