/** The nodes the audit's stages look for, listed once per file: ts-morph wraps each node it hands out. */
import { Node, SyntaxKind, ts, type CallExpression, type NewExpression, type PropertyAccessExpression, type SourceFile } from 'ts-morph';

/** The compiler nodes of one walk; each list is wrapped for ts-morph only when a stage asks for all of it. */
interface FileNodes {
  calls: ts.CallExpression[];
  news: ts.NewExpression[];
  functions: ts.Node[];
  /** Variable declarations with an initializer, and `import x = require()`: what module bindings are made of. */
  bindingDeclarations: ts.Node[];
  wrapped: Map<string, Node[]>;
}

const cache = new WeakMap<SourceFile, FileNodes>();

// ts-morph's own wrapper lookup: public getDescendantsOfKind() walks the file once per kind; one walk of the
// compiler nodes, wrapping only what is used, costs a fraction. Internal, so ts-morph is pinned exactly.
interface WrapperLookup {
  _getNodeFromCompilerNode(node: ts.Node): Node;
}

/** The ts-morph node of a compiler node of `sourceFile`. */
export function wrapNode<T extends Node = Node>(sourceFile: SourceFile, node: ts.Node): T {
  return (sourceFile as unknown as WrapperLookup)._getNodeFromCompilerNode(node) as T;
}

const functionKinds = new Set([ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.MethodDeclaration]);

function nodesOf(sourceFile: SourceFile): FileNodes {
  let nodes = cache.get(sourceFile);
  if (nodes) return nodes;
  const found: FileNodes = { calls: [], news: [], functions: [], bindingDeclarations: [], wrapped: new Map() };
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.CallExpression) found.calls.push(node as ts.CallExpression);
    else if (node.kind === ts.SyntaxKind.NewExpression) found.news.push(node as ts.NewExpression);
    else if (functionKinds.has(node.kind)) found.functions.push(node);
    else if ((node.kind === ts.SyntaxKind.VariableDeclaration && (node as ts.VariableDeclaration).initializer) || node.kind === ts.SyntaxKind.ImportEqualsDeclaration) {
      found.bindingDeclarations.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile.compilerNode);
  nodes = found;
  cache.set(sourceFile, nodes);
  return nodes;
}

function wrappedList<T extends Node>(sourceFile: SourceFile, kind: 'calls' | 'news'): readonly T[] {
  const nodes = nodesOf(sourceFile);
  let list = nodes.wrapped.get(kind);
  if (!list) {
    list = nodes[kind].map((node) => wrapNode(sourceFile, node));
    nodes.wrapped.set(kind, list);
  }
  return list as T[];
}

/** Every call expression of a file, in source order. */
export const callsIn = (sourceFile: SourceFile): readonly CallExpression[] => wrappedList(sourceFile, 'calls');
/** Every `new` expression of a file, in source order. */
export const newsIn = (sourceFile: SourceFile): readonly NewExpression[] => wrappedList(sourceFile, 'news');
/** Every function of a file (declarations, expressions, arrows, methods), unwrapped. */
export const functionsIn = (sourceFile: SourceFile): readonly ts.SignatureDeclaration[] => nodesOf(sourceFile).functions as ts.SignatureDeclaration[];
/** Variable declarations with an initializer and `import x = require()` declarations of a file, in source order, unwrapped. */
export const bindingDeclarationsIn = (sourceFile: SourceFile): readonly (ts.VariableDeclaration | ts.ImportEqualsDeclaration)[] =>
  nodesOf(sourceFile).bindingDeclarations as (ts.VariableDeclaration | ts.ImportEqualsDeclaration)[];

/**
 * An expression without the wrappers that do not change which value it is: parentheses, `as`, `!`, `satisfies`,
 * `<T>x` and `await`. Bindings look through them to a callee's target, so the call prefilter must too.
 */
export function unwrapExpression(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isNonNullExpression(inner) || ts.isSatisfiesExpression(inner) || ts.isTypeAssertionExpression(inner) || ts.isAwaitExpression(inner)) {
    inner = inner.expression;
  }
  return inner;
}

/** The name a callee ends in: `f` of `f()`, `a.b.f()` and `a['f']()`. */
function finalName(callee: ts.Expression): string | undefined {
  const inner = unwrapExpression(callee);
  if (ts.isIdentifier(inner)) return inner.text;
  if (ts.isPropertyAccessExpression(inner)) return inner.name.text;
  if (ts.isElementAccessExpression(inner) && ts.isStringLiteralLike(inner.argumentExpression)) return inner.argumentExpression.text;
  return undefined;
}

/**
 * The calls a stage matching calls by name or library API can care about, without wrapping the others: the
 * callee ends in one of `names`, is a name `isBound` (an import, which may be an alias), or is itself a call
 * (`require('x')(…)`). Source order.
 */
export function callsNamed(sourceFile: SourceFile, names: ReadonlySet<string>, isBound: (name: string) => boolean): CallExpression[] {
  const found: CallExpression[] = [];
  for (const call of nodesOf(sourceFile).calls) {
    const name = finalName(call.expression);
    const callee = unwrapExpression(call.expression);
    const wanted = name === undefined ? ts.isCallExpression(callee) : names.has(name) || (ts.isIdentifier(callee) && isBound(name));
    if (wanted) found.push(wrapNode(sourceFile, call));
  }
  return found;
}

/** Calls of `require('…')` and `import('…')` with a literal, as compiler nodes: the module graph's only interest. */
export function moduleLoadCalls(sourceFile: SourceFile): ts.CallExpression[] {
  return nodesOf(sourceFile).calls.filter((call) => {
    const [argument] = call.arguments;
    if (!argument || !ts.isStringLiteralLike(argument)) return false;
    return call.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(call.expression) && call.expression.text === 'require');
  });
}

/** The calls inside `node` (a function, say), in source order: a slice of the file's calls, no walk. */
export function callsWithin(node: Node): CallExpression[] {
  const sourceFile = node.getSourceFile();
  const calls = nodesOf(sourceFile).calls;
  const { pos, end } = node.compilerNode;
  // Calls are in pre-order, so sorted by position: find the first one at or after `pos`.
  let low = 0;
  let high = calls.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (calls[middle]!.pos < pos) low = middle + 1;
    else high = middle;
  }
  const within: CallExpression[] = [];
  for (let index = low; index < calls.length && calls[index]!.pos < end; index++) {
    const call = calls[index]!;
    // A call starting where the node starts and ending after it is around it: `function () {}.call(x)`.
    if (call !== node.compilerNode && call.end <= end) within.push(wrapNode(sourceFile, call));
  }
  return within;
}

/**
 * The 1-based line a node starts on, from the file's line map: ts-morph's getStartLineNumber() counts the
 * newlines of the text before the node on every call.
 */
export function lineOf(node: Node): number {
  return compilerLineOf(node.compilerNode);
}

/** lineOf() for a compiler node. */
export function compilerLineOf(node: ts.Node): number {
  const sourceFile = node.getSourceFile();
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

const exportsCache = new WeakMap<SourceFile, Map<string, Node>>();

/**
 * The file's own exports by name, read from its statements (`export function f`, `export const f = …`,
 * `export default …`, `export { f as g }`, `exports.f = …`): no type checker, unlike getExportedDeclarations().
 */
export function localExports(sourceFile: SourceFile): Map<string, Node> {
  const cached = exportsCache.get(sourceFile);
  if (cached) return cached;
  const found = new Map<string, Node>();
  const topLevel = new Map<string, Node>();
  for (const statement of sourceFile.getStatements()) {
    // Modifiers, not isExported()/isDefaultExport(): those ask the type checker.
    if (Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement)) {
      const name = statement.getName();
      if (name) topLevel.set(name, statement);
      if (!statement.hasModifier(SyntaxKind.ExportKeyword)) continue;
      if (statement.hasModifier(SyntaxKind.DefaultKeyword)) found.set('default', statement);
      else if (name) found.set(name, statement);
    } else if (Node.isVariableStatement(statement)) {
      const exported = statement.hasModifier(SyntaxKind.ExportKeyword);
      for (const declaration of statement.getDeclarations()) {
        topLevel.set(declaration.getName(), declaration);
        if (exported) found.set(declaration.getName(), declaration);
      }
    } else if (Node.isExportAssignment(statement) && !statement.isExportEquals()) {
      found.set('default', statement.getExpression());
    } else if (Node.isExpressionStatement(statement)) {
      // CommonJS: exports.handler = …, module.exports.handler = …
      const expression = statement.getExpression();
      if (Node.isBinaryExpression(expression) && Node.isPropertyAccessExpression(expression.getLeft())) {
        const left = expression.getLeft() as PropertyAccessExpression;
        const owner = left.getExpression().getText();
        if (owner === 'exports' || owner === 'module.exports') found.set(left.getName(), expression.getRight());
      }
    }
  }
  for (const statement of sourceFile.getExportDeclarations()) {
    if (statement.getModuleSpecifier()) continue;
    for (const specifier of statement.getNamedExports()) {
      const local = topLevel.get(specifier.getName());
      if (local) found.set(specifier.getAliasNode()?.getText() ?? specifier.getName(), local);
    }
  }
  exportsCache.set(sourceFile, found);
  return found;
}

/** Identifiers of a file spelled `name` (one walk of the compiler nodes, wrapping only the matches). */
export function identifiersNamed(sourceFile: SourceFile, name: string): Node[] {
  const found: Node[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.Identifier && (node as ts.Identifier).text === name) found.push(wrapNode(sourceFile, node));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile.compilerNode);
  return found;
}
