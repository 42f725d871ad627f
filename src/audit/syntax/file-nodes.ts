/**
 * The nodes the audit's stages look for, listed once per file by one walk of its compiler nodes, and the helpers
 * every stage reads nodes with: lines and columns, exports, identifiers by name, the node at a position.
 */
import type {
  BinaryExpression,
  CallExpression,
  ClassLikeDeclaration,
  Expression,
  Identifier,
  ImportEqualsDeclaration,
  InterfaceDeclaration,
  NewExpression,
  Node,
  NodeArray,
  ObjectLiteralElementLike,
  ObjectLiteralExpression,
  ParenthesizedExpression,
  PrivateIdentifier,
  SourceFile,
  SyntaxKind,
  VariableDeclaration,
} from 'typescript';
import type { FunctionLike } from './functions.js';
import { sameValueSyntaxKinds, seeThroughSyntaxKinds } from './syntax-view.js';
import { ts } from './typescript.js';

/** The nodes of one walk. */
interface FileNodes {
  calls: CallExpression[];
  news: NewExpression[];
  functions: FunctionLike[];
  /** Variable declarations with an initializer, and `import x = require()`: what module bindings are made of. */
  bindingDeclarations: (VariableDeclaration | ImportEqualsDeclaration)[];
  /** Classes and interfaces with an `extends` or `implements` clause: what class-hierarchy analysis indexes. */
  heritageDeclarations: (ClassLikeDeclaration | InterfaceDeclaration)[];
  /** `name = value` assignments to a plain name: what a `let`/`var` is given after its declaration. */
  nameAssignments: BinaryExpression[];
  /** How deeply the file nests (the file itself is level 0), and its deepest node. */
  depth: number;
  deepest: Node;
}

const cache = new WeakMap<SourceFile, FileNodes>();

const functionKinds = new Set([ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.MethodDeclaration]);

const heritageKinds = new Set([ts.SyntaxKind.ClassDeclaration, ts.SyntaxKind.ClassExpression, ts.SyntaxKind.InterfaceDeclaration]);

function nodesOf(sourceFile: SourceFile): FileNodes {
  let nodes = cache.get(sourceFile);
  if (nodes) return nodes;
  const found: FileNodes = { calls: [], news: [], functions: [], bindingDeclarations: [], heritageDeclarations: [], nameAssignments: [], depth: 0, deepest: sourceFile };
  // Pre-order, as a recursive walk would go, but with a stack of its own: generated code nests thousands deep.
  const stack: Node[] = [sourceFile];
  const depths: number[] = [0];
  const children: Node[] = [];
  const collect = (child: Node): void => {
    children.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    const depth = depths.pop()!;
    if (depth > found.depth) {
      found.depth = depth;
      found.deepest = node;
    }
    if (node.kind === ts.SyntaxKind.CallExpression) found.calls.push(node as CallExpression);
    else if (node.kind === ts.SyntaxKind.NewExpression) found.news.push(node as NewExpression);
    else if (functionKinds.has(node.kind)) found.functions.push(node as FunctionLike);
    else if ((node.kind === ts.SyntaxKind.VariableDeclaration && (node as VariableDeclaration).initializer) || node.kind === ts.SyntaxKind.ImportEqualsDeclaration) {
      found.bindingDeclarations.push(node as VariableDeclaration | ImportEqualsDeclaration);
    } else if (heritageKinds.has(node.kind) && (node as ClassLikeDeclaration | InterfaceDeclaration).heritageClauses) {
      found.heritageDeclarations.push(node as ClassLikeDeclaration | InterfaceDeclaration);
    } else if (node.kind === ts.SyntaxKind.BinaryExpression) {
      const assignment = node as BinaryExpression;
      if (assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken && assignment.left.kind === ts.SyntaxKind.Identifier) found.nameAssignments.push(assignment);
    }
    ts.forEachChild(node, collect);
    for (let index = children.length - 1; index >= 0; index--) {
      stack.push(children[index]!);
      depths.push(depth + 1);
    }
    children.length = 0;
  }
  nodes = found;
  cache.set(sourceFile, nodes);
  return nodes;
}

/** How deeply a file nests, and its deepest node: measured by the same walk that lists the nodes. */
export function nestingOf(sourceFile: SourceFile): { depth: number; deepest: Node } {
  const { depth, deepest } = nodesOf(sourceFile);
  return { depth, deepest };
}

/** Every function of a file (declarations, expressions, arrows, methods), in source order. */
export const functionsIn = (sourceFile: SourceFile): readonly FunctionLike[] => nodesOf(sourceFile).functions;
/** Classes and interfaces of a file that extend or implement something, in source order. */
export const heritageDeclarationsIn = (sourceFile: SourceFile): readonly (ClassLikeDeclaration | InterfaceDeclaration)[] => nodesOf(sourceFile).heritageDeclarations;
/** Assignments `name = value` of a file (any scope), in source order. */
export const nameAssignmentsOf = (sourceFile: SourceFile): readonly BinaryExpression[] => nodesOf(sourceFile).nameAssignments;
/** Variable declarations with an initializer and `import x = require()` declarations of a file, in source order. */
export const bindingDeclarationsIn = (sourceFile: SourceFile): readonly (VariableDeclaration | ImportEqualsDeclaration)[] => nodesOf(sourceFile).bindingDeclarations;

/**
 * An expression without the wrappers around the very same value (src/semantics/wrappers.ts): parentheses, `as`,
 * `!`, `satisfies`, `<T>x`, `f<T>`.
 */
export function unwrapTypes(expression: Expression): Expression {
  let inner = expression;
  while (sameValueSyntaxKinds.has(inner.kind)) inner = (inner as ParenthesizedExpression).expression;
  return inner;
}

/**
 * An expression without the wrappers that do not change which library value it reaches: those of unwrapTypes and
 * `await` (src/semantics/wrappers.ts). Bindings look through them to a callee's target, so the call prefilter must too.
 */
export function unwrapExpression(expression: Expression): Expression {
  let inner = expression;
  while (seeThroughSyntaxKinds.has(inner.kind)) inner = (inner as ParenthesizedExpression).expression;
  return inner;
}

/** The name a callee ends in: `f` of `f()`, `a.b.f()` and `a['f']()`. */
function finalName(callee: Expression): string | undefined {
  const inner = unwrapExpression(callee);
  if (ts.isIdentifier(inner)) return inner.text;
  if (ts.isPropertyAccessExpression(inner)) return inner.name.text;
  if (ts.isElementAccessExpression(inner) && ts.isStringLiteralLike(inner.argumentExpression)) return inner.argumentExpression.text;
  return undefined;
}

/**
 * Whether a callee can matter to a stage matching calls by name or library API: it ends in one of `names`, is a
 * name `isBound` (an import, which may be an alias), or is itself a call (`require('x')(…)`).
 */
function wantedCallee(expression: Expression, names: ReadonlySet<string>, isBound: (name: string) => boolean): boolean {
  const name = finalName(expression);
  const callee = unwrapExpression(expression);
  return name === undefined ? ts.isCallExpression(callee) : names.has(name) || (ts.isIdentifier(callee) && isBound(name));
}

/** The calls of a file whose callee can matter (see wantedCallee), in source order. */
export function callsNamed(sourceFile: SourceFile, names: ReadonlySet<string>, isBound: (name: string) => boolean): CallExpression[] {
  return nodesOf(sourceFile).calls.filter((call) => wantedCallee(call.expression, names, isBound));
}

/** The `new` expressions of a file whose constructor can matter (see wantedCallee), in source order. */
export function newsNamed(sourceFile: SourceFile, names: ReadonlySet<string>, isBound: (name: string) => boolean): NewExpression[] {
  return nodesOf(sourceFile).news.filter((created) => wantedCallee(created.expression, names, isBound));
}

/** Calls of `require('…')` and `import('…')` with a literal: the module graph's only interest. */
export function moduleLoadCalls(sourceFile: SourceFile): CallExpression[] {
  return nodesOf(sourceFile).calls.filter((call) => {
    const [argument] = call.arguments;
    if (!argument || !ts.isStringLiteralLike(argument)) return false;
    return call.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(call.expression) && call.expression.text === 'require');
  });
}

/** The calls inside `node` (a function, say), in source order: a slice of the file's calls, no walk. */
export function callsWithin(node: Node): CallExpression[] {
  const calls = nodesOf(node.getSourceFile()).calls;
  const { pos, end } = node;
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
    if (call !== node && call.end <= end) within.push(call);
  }
  return within;
}

/** The 1-based line a node's first token is on, from the file's line map. */
export function lineOf(node: Node): number {
  const sourceFile = node.getSourceFile();
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/** The first property of an object literal named `name` as written (`'a'` is not `a`), spreads aside. */
export function propertyNamed(object: ObjectLiteralExpression, name: string): ObjectLiteralElementLike | undefined {
  return object.properties.find((property) => property.name?.getText() === name);
}

/** Whether a declaration has the modifier `kind` (`export`, `default`, …). */
const hasModifier = (node: Node, kind: SyntaxKind): boolean => (ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined)?.some((modifier) => modifier.kind === kind) ?? false;

/** A file's exports: for each exported name, what the file's statements give it. */
export type ExportTable = ReadonlyMap<string, readonly Node[]>;

const exportTables = new WeakMap<SourceFile, ExportTable>();

/**
 * What a file exports, by name, as its statements say it (no type checker): ESM declarations, `export { … }` (as
 * specifiers, to be followed), `export default`, `export =` and `module.exports = X` (also under `=`),
 * `exports.x = …`, and `export * from` (under `*`). Overload signatures are skipped: only the implementation runs.
 */
export function exportTable(file: SourceFile): ExportTable {
  const cached = exportTables.get(file);
  if (cached) return cached;
  const table = new Map<string, Node[]>();
  const add = (name: string, value: Node) => table.set(name, [...(table.get(name) ?? []), value]);
  const isExported = (node: Node) => hasModifier(node, ts.SyntaxKind.ExportKeyword);
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && !statement.body) continue;
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && isExported(statement)) {
      if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) add('default', statement);
      else if (statement.name) add(statement.name.text, statement);
    } else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) add(declaration.name.text, declaration);
    } else if (ts.isExportAssignment(statement)) {
      add('default', statement.expression);
      if (statement.isExportEquals) add('=', statement.expression);
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) add(element.name.text, element);
    } else if (ts.isExportDeclaration(statement) && !statement.exportClause && statement.moduleSpecifier) {
      add('*', statement);
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const { left, right } = statement.expression;
      const text = left.getText(file);
      if (text === 'module.exports') {
        add('=', right);
        add('default', right);
      } else if (ts.isPropertyAccessExpression(left) && (left.expression.getText(file) === 'exports' || left.expression.getText(file) === 'module.exports')) {
        add(left.name.text, right);
      }
    }
  }
  exportTables.set(file, table);
  return table;
}

/** The top-level function, class or variable declaration of `file` named `name`. */
function topLevelDeclaration(file: SourceFile, name: string): Node | undefined {
  for (const statement of file.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name && (!ts.isFunctionDeclaration(statement) || statement.body)) return statement;
    if (ts.isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name);
      if (declaration) return declaration;
    }
  }
  return undefined;
}

const localExportsCache = new WeakMap<SourceFile, Map<string, Node>>();

/**
 * The file's own exports by name (exportTable() without re-exports from other files), each the declaration or
 * value itself, `export { f as g }` followed to `f`: what the Next.js and serverless conventions make handlers or
 * entries.
 */
export function localExports(file: SourceFile): Map<string, Node> {
  const cached = localExportsCache.get(file);
  if (cached) return cached;
  const found = new Map<string, Node>();
  for (const [name, [value]] of exportTable(file)) {
    if (name === '=' || name === '*' || !value) continue;
    const local = ts.isExportSpecifier(value) ? (value.parent.parent.moduleSpecifier ? undefined : topLevelDeclaration(file, (value.propertyName ?? value.name).text)) : value;
    if (local) found.set(name, local);
  }
  localExportsCache.set(file, found);
  return found;
}

type Name = Identifier | PrivateIdentifier;

const identifierIndexes = new WeakMap<SourceFile, Map<string, Name[]>>();

/**
 * A file's identifiers by name, in source order: one walk of the compiler nodes, the first time a file is asked
 * about (few files are). Evidence and the cross-file detectors ask per declaration and per finding; a walk each
 * time made a large file quadratic.
 */
function identifierIndex(file: SourceFile): Map<string, Name[]> {
  let index = identifierIndexes.get(file);
  if (index) return index;
  index = new Map();
  const stack: Node[] = [file];
  const children: Node[] = [];
  const collect = (child: Node): void => {
    children.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    // Private names too (`this.#items`): their text keeps the `#`, so they never pass for a plain name.
    if (node.kind === ts.SyntaxKind.Identifier || node.kind === ts.SyntaxKind.PrivateIdentifier) {
      const { text } = node as Name;
      const named = index.get(text);
      if (named) named.push(node as Name);
      else index.set(text, [node as Name]);
    }
    ts.forEachChild(node, collect);
    for (let at = children.length - 1; at >= 0; at--) stack.push(children[at]!);
    children.length = 0;
  }
  identifierIndexes.set(file, index);
  return index;
}

/** Identifiers (and private names, `#x`) of a file spelled `name`, in source order. */
export function identifiersNamed(file: SourceFile, name: string): readonly Name[] {
  return identifierIndex(file).get(name) ?? [];
}

/**
 * The deepest node of a file whose full range (leading trivia included) holds `pos`, or undefined outside its
 * statements (tokens aside), found by a binary search among each node's children where they are listed in arrays:
 * evidence looks up the node of every finding, and a walk of the file each time made a large file quadratic.
 */
export function nodeAt(file: SourceFile, pos: number): Node | undefined {
  let found: Node | undefined;
  const holds = (node: Node) => node.pos <= pos && pos < node.end;
  const inArray = (nodes: NodeArray<Node>): true | undefined => {
    let low = 0;
    let high = nodes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (nodes[middle]!.end <= pos) low = middle + 1;
      else high = middle;
    }
    const node = nodes[low];
    if (!node || !holds(node)) return undefined;
    found = node;
    return true;
  };
  const inNode = (node: Node): true | undefined => {
    if (!holds(node)) return undefined;
    found = node;
    return true;
  };
  for (let node: Node = file; ; ) {
    found = undefined;
    ts.forEachChild(node, inNode, inArray);
    if (!found) return node === file ? undefined : node;
    node = found;
  }
}

const lineBreaks = new WeakMap<SourceFile, { newlines: number[]; breaks: number[] }>();

/** How many of the ascending `positions` are below `pos`. */
function countBelow(positions: readonly number[], pos: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (positions[middle]! < pos) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The 1-based line and column of a position, as findings give them (the line counts `\n`s, the column starts after
 * the last `\n` or `\r`), by a binary search over the file's line breaks, found once per file: counting from the
 * start of the file at every call is, on a file of a few long lines, the whole file per finding.
 */
export function lineAndColumnAt(file: SourceFile, pos: number): { line: number; column: number } {
  let known = lineBreaks.get(file);
  if (!known) {
    known = { newlines: [], breaks: [] };
    const { text } = file;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 10) known.newlines.push(index);
      if (code === 10 || code === 13) known.breaks.push(index);
    }
    lineBreaks.set(file, known);
  }
  const breaksBelow = countBelow(known.breaks, pos);
  const lineStart = breaksBelow === 0 ? 0 : known.breaks[breaksBelow - 1]! + 1;
  return { line: countBelow(known.newlines, pos) + 1, column: pos - lineStart + 1 };
}
