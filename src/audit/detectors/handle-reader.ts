/**
 * The audit's reading of its compiler nodes for src/semantics/handles.ts (is a write a handle, not data): nodes seen
 * through the ESTree view (syntax-view.ts), names resolved lexically in their own file (an import stays an import),
 * library values matched through the file's imports (bindings.ts), request handling as reachability tells it.
 */
import type { BindingName, CallExpression, Identifier, NewExpression, Node } from 'typescript';
import { stateHoldingLibraryPatterns } from '../../knowledge/index.js';
import type { HandleReader, Named } from '../../semantics/handles.js';
import { mutationAt } from '../../semantics/mutations.js';
import { isStartupCode } from '../../semantics/startup.js';
import { calleeTarget, fileBindings, matchesApi } from '../syntax/bindings.js';
import { identifiersNamed } from '../syntax/file-nodes.js';
import { climbNodes } from '../syntax/syntax-view.js';
import { ts } from '../syntax/typescript.js';

function declare(table: Map<string, Node>, name: BindingName, declaration: Node): void {
  if (ts.isIdentifier(name)) {
    if (!table.has(name.text)) table.set(name.text, declaration);
    return;
  }
  for (const element of name.elements) if (ts.isBindingElement(element)) declare(table, element.name, element);
}

const isVar = (list: Node) => ts.isVariableDeclarationList(list) && (list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const | ts.NodeFlags.Using)) === 0;

/** `var`s anywhere below `root` outside nested functions and classes (a stack of its own: generated code nests deep). */
function declareHoisted(table: Map<string, Node>, root: Node): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current !== root && isVar(current) && ts.isVariableDeclarationList(current)) for (const declaration of current.declarations) declare(table, declaration.name, declaration);
    ts.forEachChild(current, (child) => {
      if (!ts.isFunctionLike(child) && !ts.isClassLike(child)) stack.push(child);
    });
  }
}

function declareStatements(table: Map<string, Node>, statements: readonly Node[]): void {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) declare(table, declaration.name, declaration);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) table.set(statement.name.text, statement);
    else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) table.set(clause.name.text, clause);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) table.set(bindings.name.text, bindings);
      else if (bindings) for (const element of bindings.elements) table.set(element.name.text, element);
    } else if (ts.isImportEqualsDeclaration(statement)) table.set(statement.name.text, statement);
  }
}

/** The names a scope-making node declares itself, or undefined when it makes no scope. */
function scopeNames(node: Node): Map<string, Node> | undefined {
  const table = new Map<string, Node>();
  if (ts.isSourceFile(node) || ts.isModuleBlock(node)) {
    declareStatements(table, node.statements);
    declareHoisted(table, node);
  } else if (ts.isBlock(node)) {
    declareStatements(table, node.statements);
    if (ts.isFunctionLike(node.parent)) declareHoisted(table, node);
  } else if (ts.isCaseBlock(node)) {
    for (const clause of node.clauses) declareStatements(table, clause.statements);
  } else if (ts.isFunctionLike(node)) {
    for (const parameter of node.parameters) declare(table, parameter.name, parameter);
    if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) table.set(node.name.text, node);
  } else if (ts.isClassLike(node)) {
    if (node.name) table.set(node.name.text, node);
  } else if (ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) {
    const initializer = node.initializer;
    if (initializer && ts.isVariableDeclarationList(initializer)) for (const declaration of initializer.declarations) declare(table, declaration.name, declaration);
  } else if (ts.isCatchClause(node)) {
    if (node.variableDeclaration) declare(table, node.variableDeclaration.name, node.variableDeclaration);
  } else {
    return undefined;
  }
  return table;
}

const scopes = new WeakMap<Node, Map<string, Node> | null>();

/** The innermost declaration of the identifier's name in its own file; undefined for a global. */
export function declarationOf(identifier: Identifier): Node | undefined {
  for (let scope: Node | undefined = identifier.parent; scope; scope = scope.parent) {
    let table = scopes.get(scope);
    if (table === undefined) scopes.set(scope, (table = scopeNames(scope) ?? null));
    const found = table?.get(identifier.text);
    if (found) return found;
  }
  return undefined;
}

/** Whether a reference other than its declaration writes the variable `declaration` declares as `name`. */
function writtenAgain(declaration: Node, name: string): boolean {
  return identifiersNamed(declaration.getSourceFile(), name).some((reference) => {
    if (reference.parent === declaration || !ts.isIdentifier(reference) || declarationOf(reference) !== declaration) return false;
    const kind = mutationAt(reference as Node, climbNodes);
    return kind === 'write' || kind === 'update';
  });
}

function namedAt(identifier: Identifier): Named<Node> {
  const declaration = declarationOf(identifier);
  if (!declaration) return { kind: 'constant' };
  if (ts.isImportClause(declaration) || ts.isImportSpecifier(declaration) || ts.isNamespaceImport(declaration) || ts.isImportEqualsDeclaration(declaration)) return { kind: 'constant' };
  if (ts.isFunctionLike(declaration) || ts.isClassLike(declaration) || ts.isEnumDeclaration(declaration)) return { kind: 'constant' };
  // A destructured name belongs to the parameter or variable whose pattern holds it.
  let root: Node = declaration;
  while (ts.isBindingElement(root)) root = root.parent.parent;
  if (ts.isParameter(root)) return { kind: 'parameter', fn: root.parent, name: identifier.text };
  if (!ts.isVariableDeclaration(root) || ts.isCatchClause(root.parent) || writtenAgain(declaration, identifier.text)) return { kind: 'other' };
  const holder = root.parent.parent;
  if (ts.isVariableStatement(holder) && ts.isSourceFile(holder.parent)) return { kind: 'constant' };
  if (ts.isForOfStatement(holder) || ts.isForInStatement(holder)) return { kind: 'local', declaration: root, value: holder.expression };
  return { kind: 'local', declaration: root, value: root.initializer };
}

/** The operands of a node: no types, decorators or modifiers, no non-computed property names or keys. */
function operands(node: Node): Node[] {
  const found: Node[] = [];
  const named = ts.isPropertyAccessExpression(node) || ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isAccessor(node);
  ts.forEachChild(node, (child) => {
    if (ts.isTypeNode(child) || ts.isTypeParameterDeclaration(child) || ts.isDecorator(child) || ts.isModifier(child)) return;
    if (named && child === (node as { name?: Node }).name && !ts.isComputedPropertyName(child)) return;
    found.push(child);
  });
  return found;
}

/** Whether a call or `new` makes a library value that keeps state of its own (src/knowledge/handles.ts). */
function holdsLibraryState(call: Node): boolean {
  if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return false;
  const target = calleeTarget((call as CallExpression | NewExpression).expression, fileBindings(call.getSourceFile()));
  const use = ts.isNewExpression(call) ? 'construct' : 'call';
  return target !== undefined && stateHoldingLibraryPatterns.some((pattern) => pattern.api.use === use && matchesApi(target, pattern.api));
}

/** The handle reader of the audit; `isRequestHandling`: functions reached from a request handler. */
export function handleReader(isRequestHandling: (fn: Node) => boolean): HandleReader<Node> {
  return {
    ...climbNodes,
    children: operands,
    named: (identifier) => (ts.isIdentifier(identifier) ? namedAt(identifier) : { kind: 'constant' }),
    holdsLibraryState,
    isRequestHandling,
    isStartupCode: (node) => isStartupCode(node, climbNodes, { isRequestHandling }),
  };
}
