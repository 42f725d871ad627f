/**
 * What a name or member access in the audited code denotes, read from the syntax and the audit's module graph
 * instead of the type checker: lexical scopes, imports and requires of audited files, their exports and
 * re-exports, object literals, classes (members, constructor parameter properties, `extends`) and type
 * annotations naming classes. No TypeScript program is built, so library types are never checked; a value
 * typed by a library leads nowhere, which is all the audit needs from it.
 */
import type { BindingName, ExportDeclaration, Node, NodeArray, SourceFile, Statement, TypeNode, VariableDeclarationList } from 'typescript';
import { exportTable, unwrapTypes } from './file-nodes.js';
import { ts } from './typescript.js';

/** How the audited files are found: a file's relative path, a file by relative path, and how one imports another. */
export interface AuditedFiles {
  relativeOf(file: SourceFile): string | undefined;
  sourceFile(relative: string): SourceFile | undefined;
  resolve(fromRelative: string, specifier: string): string | undefined;
}

export interface Declarations {
  /** The declarations or values of audited files an identifier, `a.b` or `this.b` may denote (empty when unknown or a library's). */
  of(node: Node): Node[];
}

/** Deep enough for `this.service.repository.save`, shallow enough that cycles of aliases stop at once. */
const MAX_DEPTH = 6;

const unwrap = (node: Node): Node => (ts.isExpression(node) ? unwrapTypes(node) : node);

/** `require('x')` → `x`. */
function requiredSpecifier(node: Node): string | undefined {
  const inner = unwrap(node);
  if (!ts.isCallExpression(inner) || !ts.isIdentifier(inner.expression) || inner.expression.text !== 'require') return undefined;
  const [argument] = inner.arguments;
  return argument && ts.isStringLiteralLike(argument) ? argument.text : undefined;
}

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
function scopeNames(node: Node): Map<string, Node> | undefined {
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
function thisValue(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return current;
    if ((ts.isMethodDeclaration(current) || ts.isAccessor(current)) && ts.isObjectLiteralExpression(current.parent)) return current.parent;
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
  }
  return undefined;
}

/**
 * Resolves names from syntax: scopes, imports and requires across the audited files, exports and re-exports,
 * members of object literals, classes (with their bases and constructor-parameter fields) and module namespaces.
 */
class DeclarationResolver {
  private readonly scopes = new WeakMap<Node, Map<string, Node> | null>();

  constructor(private readonly files: AuditedFiles) {}

  private namesOf(node: Node): Map<string, Node> | undefined {
    let table = this.scopes.get(node);
    if (table === undefined) {
      table = scopeNames(node) ?? null;
      this.scopes.set(node, table);
    }
    return table ?? undefined;
  }

  /** The innermost declaration of `name` visible at `from`. */
  private lookup(name: string, from: Node): Node | undefined {
    for (let scope: Node | undefined = from.parent; scope; scope = scope.parent) {
      const found = this.namesOf(scope)?.get(name);
      if (found) return found;
    }
    return undefined;
  }

  private fileOf(from: Node, specifier: string): SourceFile | undefined {
    const relative = this.files.relativeOf(from.getSourceFile());
    const target = relative === undefined ? undefined : this.files.resolve(relative, specifier);
    return target === undefined ? undefined : this.files.sourceFile(target);
  }

  /** What `name` exported by `file` denotes (re-exports and `module.exports = { … }` followed). */
  private exported(file: SourceFile, name: string, depth: number): Node[] {
    if (depth > MAX_DEPTH) return [];
    const table = exportTable(file);
    const own = table.get(name);
    if (own) {
      return own.flatMap((value) => {
        if (!ts.isExportSpecifier(value)) return this.followValue(value, depth + 1);
        const local = (value.propertyName ?? value.name).text;
        const from = value.parent.parent.moduleSpecifier;
        if (from && ts.isStringLiteral(from)) {
          const target = this.fileOf(file, from.text);
          return target ? this.exported(target, local, depth + 1) : [];
        }
        const declaration = this.lookup(local, value);
        return declaration ? this.follow(declaration, depth + 1) : [];
      });
    }
    // `module.exports = { a, b }` exports its properties; `export *` passes names on.
    const whole = table.get('=')?.[0];
    if (whole && name !== 'default') return this.members(this.valuesOf(whole, depth + 1), name, depth + 1);
    for (const star of table.get('*') ?? []) {
      const from = (star as ExportDeclaration).moduleSpecifier;
      const target = from && ts.isStringLiteral(from) ? this.fileOf(file, from.text) : undefined;
      const found = target && name !== 'default' ? this.exported(target, name, depth + 1) : [];
      if (found.length > 0) return found;
    }
    return [];
  }

  /** What `require()`/`import x = require()` of `file` gives: its `module.exports` value, else its namespace. */
  private moduleValue(file: SourceFile, depth: number): Node[] {
    const whole = exportTable(file).get('=');
    return whole ? whole.flatMap((value) => this.followValue(value, depth + 1)) : [file];
  }

  /** A declaration found by lookup, through imports and requires to what it stands for. */
  private follow(declaration: Node, depth: number): Node[] {
    if (depth > MAX_DEPTH) return [];
    if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) {
      const importDeclaration = ts.isImportSpecifier(declaration) ? declaration.parent.parent.parent : ts.isImportClause(declaration) ? declaration.parent : declaration.parent.parent;
      const specifier = importDeclaration.moduleSpecifier;
      const file = ts.isStringLiteral(specifier) ? this.fileOf(declaration, specifier.text) : undefined;
      if (!file) return [];
      if (ts.isNamespaceImport(declaration)) return [file];
      if (ts.isImportClause(declaration)) return this.exported(file, 'default', depth + 1);
      return this.exported(file, (declaration.propertyName ?? declaration.name).text, depth + 1);
    }
    if (ts.isImportEqualsDeclaration(declaration)) {
      const reference = declaration.moduleReference;
      const file = ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression) ? this.fileOf(declaration, reference.expression.text) : undefined;
      return file ? this.moduleValue(file, depth + 1) : [];
    }
    if (ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(declaration.name)) {
      const specifier = requiredSpecifier(declaration.initializer);
      if (specifier !== undefined) {
        const file = this.fileOf(declaration, specifier);
        return file ? this.moduleValue(file, depth + 1) : [];
      }
    }
    if (ts.isBindingElement(declaration) && !declaration.dotDotDotToken) {
      // `const { a, b: c } = require('./x')` or `= importedObject`.
      const pattern = declaration.parent;
      const holder = pattern.parent;
      const key = declaration.propertyName && ts.isIdentifier(declaration.propertyName) ? declaration.propertyName.text : ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
      if (key === undefined || !ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(holder) || !holder.initializer) return [];
      return this.members(this.valuesOf(holder.initializer, depth + 1), key, depth + 1);
    }
    return [declaration];
  }

  /** An exported or assigned value: a name is followed, anything else (function, object, class, `new X()`) is the value. */
  private followValue(value: Node, depth: number): Node[] {
    const inner = unwrap(value);
    if (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner)) return this.valuesOf(inner, depth + 1);
    return [inner];
  }

  /** What an expression denotes. */
  private valuesOf(expression: Node, depth: number): Node[] {
    if (depth > MAX_DEPTH) return [];
    const inner = unwrap(expression);
    if (ts.isIdentifier(inner)) {
      const declaration = this.lookup(inner.text, inner);
      return declaration ? this.follow(declaration, depth + 1) : [];
    }
    if (inner.kind === ts.SyntaxKind.ThisKeyword) {
      const owner = thisValue(inner);
      return owner ? [owner] : [];
    }
    if (ts.isPropertyAccessExpression(inner)) return this.members(this.valuesOf(inner.expression, depth + 1), inner.name.text, depth + 1);
    const specifier = requiredSpecifier(inner);
    if (specifier !== undefined) {
      const file = this.fileOf(inner, specifier);
      return file ? this.moduleValue(file, depth + 1) : [];
    }
    return [inner];
  }

  /** The class a type annotation names (`UsersService`, `services.UsersService`), if it is one of ours. */
  private classOfType(type: TypeNode | undefined, depth: number): Node[] {
    if (!type || !ts.isTypeReferenceNode(type)) return [];
    const name = type.typeName;
    const values = ts.isIdentifier(name) ? this.valuesOf(name, depth + 1) : this.members(this.valuesOf(name.left, depth + 1), name.right.text, depth + 1);
    return values.filter(ts.isClassLike);
  }

  /** What holds members for a value: an object literal, a class (its instance), a module namespace. */
  private shapesOf(value: Node, depth: number): Node[] {
    if (depth > MAX_DEPTH) return [];
    if (ts.isObjectLiteralExpression(value) || ts.isClassLike(value) || ts.isSourceFile(value)) return [value];
    if (ts.isNewExpression(value)) return this.valuesOf(value.expression, depth + 1).filter(ts.isClassLike);
    if (ts.isVariableDeclaration(value) || ts.isPropertyDeclaration(value) || ts.isParameter(value) || ts.isPropertyAssignment(value)) {
      const typed = ts.isPropertyAssignment(value) ? [] : this.classOfType(value.type, depth + 1);
      if (typed.length > 0) return typed;
      const initializer = value.initializer;
      return initializer ? this.valuesOf(initializer, depth + 1).flatMap((inner) => (inner === value ? [] : this.shapesOf(inner, depth + 1))) : [];
    }
    return [];
  }

  /** The member `name` of each value. */
  private members(values: readonly Node[], name: string, depth: number): Node[] {
    if (depth > MAX_DEPTH) return [];
    return values.flatMap((value) => this.shapesOf(value, depth + 1)).flatMap((shape) => this.memberOf(shape, name, depth + 1));
  }

  private memberOf(shape: Node, name: string, depth: number): Node[] {
    if (ts.isSourceFile(shape)) return this.exported(shape, name, depth + 1);
    if (ts.isObjectLiteralExpression(shape)) {
      for (const property of shape.properties) {
        if (!property.name || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) || property.name.text !== name) continue;
        if (ts.isShorthandPropertyAssignment(property)) return this.valuesOf(property.name, depth + 1);
        return [property];
      }
      return [];
    }
    if (!ts.isClassLike(shape)) return [];
    for (const member of shape.members) {
      if (member.name && (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name) || ts.isStringLiteral(member.name)) && member.name.text === name) {
        if (ts.isMethodDeclaration(member) && !member.body) continue;
        return [member];
      }
      // constructor(private readonly users: UsersService): a field from a parameter.
      if (ts.isConstructorDeclaration(member)) {
        const parameter = member.parameters.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name && ts.getModifiers(candidate)?.length);
        if (parameter) return [parameter];
      }
    }
    const base = shape.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    return base ? this.members(this.valuesOf(base.expression, depth + 1), name, depth + 1) : [];
  }

  private isAudited(node: Node): boolean {
    const relative = this.files.relativeOf(node.getSourceFile());
    return relative !== undefined && this.files.sourceFile(relative) !== undefined;
  }

  /** What an expression denotes, among the audited files' declarations and values. */
  of(node: Node): Node[] {
    return this.valuesOf(node, 0).filter((found) => this.isAudited(found));
  }
}

export function createDeclarations(files: AuditedFiles): Declarations {
  const resolver = new DeclarationResolver(files);
  return { of: (node) => resolver.of(node) };
}
