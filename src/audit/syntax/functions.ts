/**
 * Functions in the TypeScript AST, and what function an expression denotes, across files: it runs for every call
 * of every reached function.
 */
import { isBuiltin } from 'node:module';
import type { ArrowFunction, Expression, FunctionDeclaration, FunctionExpression, MethodDeclaration, Node } from 'typescript';
import { fileBindings } from './bindings.js';
import type { Declarations, Dispatches } from './declarations.js';
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

/** Upper bound on the functions one expression may denote: a call through a type with many implementations is not followed into all. */
export const MAX_CALLEES = 16;

/** A function an expression may denote, and how: `via` names the interface or abstract member it implements (`StorageDriver.upload`). */
export interface Callee {
  fn: FunctionLike;
  via?: string;
}

/** Where the functions one expression denotes are gathered, in the order found, each once. */
type Found = Map<FunctionLike, string | undefined>;

const add = (found: Found, fn: FunctionLike, via: string | undefined): void => {
  if (!found.has(fn) && found.size < MAX_CALLEES) found.set(fn, via);
};

/**
 * The functions a declaration or value holds: a function or method, a variable/property initialised with one, or
 * a value that is one (a field assigned a function, one of the branches of a conditional).
 */
function collectFromDeclaration(declaration: Node, declarations: Declarations, depth: number, found: Found, via: string | undefined): void {
  if (isFunctionLike(declaration)) add(found, declaration, via);
  else if ((ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.initializer) {
    collect(declaration.initializer, declarations, depth + 1, found, via);
  } else if (ts.isExportAssignment(declaration)) collect(declaration.expression, declarations, depth + 1, found, via);
  else if (ts.isCallExpression(declaration) || ts.isConditionalExpression(declaration) || ts.isBinaryExpression(declaration)) collect(declaration, declarations, depth + 1, found, via);
}

function collect(node: Expression, declarations: Declarations, depth: number, found: Found, via: string | undefined): void {
  if (depth > 4 || found.size >= MAX_CALLEES) return;
  const inner = unwrapTypes(node);
  if (isFunctionLike(inner)) {
    add(found, inner, via);
    return;
  }
  if (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner)) {
    if (isLibraryValue(inner)) return;
    const dispatches: Dispatches = new Map();
    for (const declaration of declarations.of(inner, dispatches)) {
      if (declaration === inner) continue;
      collectFromDeclaration(declaration, declarations, depth + 1, found, via ?? dispatches.get(declaration));
    }
    return;
  }
  // A function chosen at run time: `flag ? a : b`, `custom || fallback`, `custom ?? fallback`.
  if (ts.isConditionalExpression(inner)) {
    collect(inner.whenTrue, declarations, depth + 1, found, via);
    collect(inner.whenFalse, declarations, depth + 1, found, via);
    return;
  }
  if (ts.isBinaryExpression(inner)) {
    const operator = inner.operatorToken.kind;
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) collect(inner.left, declarations, depth + 1, found, via);
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.AmpersandAmpersandToken) collect(inner.right, declarations, depth + 1, found, via);
    return;
  }
  if (ts.isCallExpression(inner)) {
    const callee = unwrapTypes(inner.expression);
    // fn.bind(this) denotes fn.
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') {
      collect(callee.expression, declarations, depth + 1, found, via);
      return;
    }
    // A wrapper (asyncHandler(fn), withAuth(fn)) runs the function it is given while handling the request: the first argument that is one.
    for (const argument of inner.arguments) {
      const before = found.size;
      collect(argument, declarations, depth + 1, found, via);
      if (found.size > before) return;
    }
  }
}

/**
 * Every function an expression may denote (at most MAX_CALLEES), in the order found: an inline function, a name
 * declared anywhere in the project (through imports and re-exports), `obj.method`, `this.service.method` (each
 * implementation when the service is typed by an interface or abstract class), each candidate of a value chosen at
 * run time, `fn.bind(x)`, or the function a wrapper such as `asyncHandler(fn)` is given.
 */
export function calleesOf(node: Node, declarations: Declarations): Callee[] {
  if (isFunctionLike(node)) return [{ fn: node }];
  if (!ts.isExpression(node)) return [];
  const found: Found = new Map();
  collect(node, declarations, 0, found, undefined);
  return [...found].map(([fn, via]) => (via === undefined ? { fn } : { fn, via }));
}

/** The first function an expression denotes (see calleesOf). */
export function functionOf(node: Node, declarations: Declarations): FunctionLike | undefined {
  return calleesOf(node, declarations)[0]?.fn;
}

/** The innermost function around a node (not the node itself). */
export function enclosingFunction(node: Node): FunctionLike | undefined {
  for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) if (isFunctionLike(ancestor)) return ancestor;
  return undefined;
}
