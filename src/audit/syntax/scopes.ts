/**
 * Lexical scopes read from the syntax: the names a file, block, function, class, loop or catch clause declares
 * itself (with `var` hoisted to its function), and what `this` is at a node. The declaration resolver looks names
 * up through these tables, innermost first.
 */
import type { BindingName, Node, NodeArray, Statement, VariableDeclarationList } from 'typescript';
import { ts } from './typescript.js';

const isBlockScoped = (list: VariableDeclarationList) => (list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const | ts.NodeFlags.Using)) !== 0;

function declareBinding(table: Map<string, Node>, name: BindingName, declaration: Node): void {
  if (ts.isIdentifier(name)) {
    if (!table.has(name.text)) table.set(name.text, declaration);
    return;
  }
  for (const element of name.elements) if (ts.isBindingElement(element)) declareBinding(table, element.name, element);
}

/** `var`s anywhere in a function body or file, outside nested functions and classes: they belong to it. */
function declareHoistedVars(table: Map<string, Node>, node: Node): void {
  // In source order, with a stack of its own: generated code nests thousands deep.
  const stack = [node];
  const children: Node[] = [];
  const collect = (child: Node): void => {
    if (!ts.isFunctionLike(child) && !ts.isClassLike(child)) children.push(child);
  };
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current !== node && ts.isVariableDeclarationList(current) && !isBlockScoped(current)) for (const declaration of current.declarations) declareBinding(table, declaration.name, declaration);
    ts.forEachChild(current, collect);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
    children.length = 0;
  }
}

function declareStatements(table: Map<string, Node>, statements: NodeArray<Statement>): void {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) declareBinding(table, declaration.name, declaration);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      // An overload signature has no body: the implementation is the declaration that runs.
      if (!(ts.isFunctionDeclaration(statement) && !statement.body) || !table.has(statement.name.text)) table.set(statement.name.text, statement);
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) table.set(clause.name.text, clause);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) table.set(bindings.name.text, bindings);
      else if (bindings) for (const element of bindings.elements) table.set(element.name.text, element);
    } else if (ts.isImportEqualsDeclaration(statement)) table.set(statement.name.text, statement);
  }
}

/** The names a scope-making node declares itself, or undefined when it makes no scope. */
export function scopeNames(node: Node): Map<string, Node> | undefined {
  const table = new Map<string, Node>();
  if (ts.isSourceFile(node) || ts.isModuleBlock(node)) {
    declareStatements(table, node.statements);
    declareHoistedVars(table, node);
  } else if (ts.isBlock(node)) {
    declareStatements(table, node.statements);
    if (ts.isFunctionLike(node.parent)) declareHoistedVars(table, node);
  } else if (ts.isCaseBlock(node)) {
    for (const clause of node.clauses) declareStatements(table, clause.statements);
  } else if (ts.isFunctionLike(node)) {
    for (const parameter of node.parameters) declareBinding(table, parameter.name, parameter);
    if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) table.set(node.name.text, node);
  } else if (ts.isClassLike(node)) {
    if (node.name) table.set(node.name.text, node);
  } else if (ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) {
    const initializer = node.initializer;
    if (initializer && ts.isVariableDeclarationList(initializer)) for (const declaration of initializer.declarations) declareBinding(table, declaration.name, declaration);
  } else if (ts.isCatchClause(node)) {
    if (node.variableDeclaration) declareBinding(table, node.variableDeclaration.name, node.variableDeclaration);
  } else {
    return undefined;
  }
  return table;
}

/**
 * What `this` is at `node`: the class around the method, accessor, constructor or field (through arrows), or
 * the object literal a method belongs to; nothing inside a plain function.
 */
export function thisValue(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return current;
    if ((ts.isMethodDeclaration(current) || ts.isAccessor(current)) && ts.isObjectLiteralExpression(current.parent)) return current.parent;
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
  }
  return undefined;
}
