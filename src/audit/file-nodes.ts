/** The nodes the audit's stages look for, listed once per file: ts-morph wraps each node it hands out. */
import { Node, SyntaxKind, ts, type CallExpression, type ImportEqualsDeclaration, type NewExpression, type PropertyAccessExpression, type SourceFile, type VariableDeclaration } from 'ts-morph';
import type { FunctionLike } from './functions.js';

interface FileNodes {
  calls: CallExpression[];
  news: NewExpression[];
  functions: FunctionLike[];
  /** Variable declarations with an initializer, and `import x = require()`: what module bindings are made of. */
  bindingDeclarations: (VariableDeclaration | ImportEqualsDeclaration)[];
}

const cache = new WeakMap<SourceFile, FileNodes>();

// ts-morph's own wrapper lookup: public getDescendantsOfKind() walks the file once per kind; one walk of the
// compiler nodes, wrapping only what matches, costs a sixth. Internal, so ts-morph is pinned exactly.
interface WrapperLookup {
  _getNodeFromCompilerNode(node: ts.Node): Node;
}

const functionKinds = new Set([ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.MethodDeclaration]);

function nodesOf(sourceFile: SourceFile): FileNodes {
  let nodes = cache.get(sourceFile);
  if (nodes) return nodes;
  const found: FileNodes = { calls: [], news: [], functions: [], bindingDeclarations: [] };
  const wrap = (node: ts.Node) => (sourceFile as unknown as WrapperLookup)._getNodeFromCompilerNode(node);
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.CallExpression) found.calls.push(wrap(node) as CallExpression);
    else if (node.kind === ts.SyntaxKind.NewExpression) found.news.push(wrap(node) as NewExpression);
    else if (functionKinds.has(node.kind)) found.functions.push(wrap(node) as FunctionLike);
    else if ((node.kind === ts.SyntaxKind.VariableDeclaration && (node as ts.VariableDeclaration).initializer) || node.kind === ts.SyntaxKind.ImportEqualsDeclaration) {
      found.bindingDeclarations.push(wrap(node) as VariableDeclaration | ImportEqualsDeclaration);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile.compilerNode);
  nodes = found;
  cache.set(sourceFile, nodes);
  return nodes;
}

/** Every call expression of a file, in source order. */
export const callsIn = (sourceFile: SourceFile): readonly CallExpression[] => nodesOf(sourceFile).calls;
/** Every `new` expression of a file, in source order. */
export const newsIn = (sourceFile: SourceFile): readonly NewExpression[] => nodesOf(sourceFile).news;
/** Every function of a file (declarations, expressions, arrows, methods). */
export const functionsIn = (sourceFile: SourceFile): readonly FunctionLike[] => nodesOf(sourceFile).functions;
/** Variable declarations with an initializer and `import x = require()` declarations of a file, in source order. */
export const bindingDeclarationsIn = (sourceFile: SourceFile): readonly (VariableDeclaration | ImportEqualsDeclaration)[] => nodesOf(sourceFile).bindingDeclarations;

/** The calls inside `node` (a function, say), in source order: a slice of the file's calls, no walk. */
export function callsWithin(node: Node): readonly CallExpression[] {
  const calls = callsIn(node.getSourceFile());
  const { pos, end } = node.compilerNode;
  // Calls are in pre-order, so sorted by position: find the first one at or after `pos`.
  let low = 0;
  let high = calls.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (calls[middle]!.compilerNode.pos < pos) low = middle + 1;
    else high = middle;
  }
  const within: CallExpression[] = [];
  for (let index = low; index < calls.length && calls[index]!.compilerNode.pos < end; index++) {
    const call = calls[index]!.compilerNode;
    // A call starting where the node starts and ending after it is around it: `function () {}.call(x)`.
    if (call !== node.compilerNode && call.end <= end) within.push(calls[index]!);
  }
  return within;
}

/**
 * The 1-based line a node starts on, from the file's line map: ts-morph's getStartLineNumber() counts the
 * newlines of the text before the node on every call.
 */
export function lineOf(node: Node): number {
  const sourceFile = node.getSourceFile().compilerNode;
  return sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
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
    if (node.kind === ts.SyntaxKind.Identifier && (node as ts.Identifier).text === name) found.push((sourceFile as unknown as WrapperLookup)._getNodeFromCompilerNode(node));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile.compilerNode);
  return found;
}
