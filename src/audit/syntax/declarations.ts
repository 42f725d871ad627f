/**
 * What a name or member access in the audited code denotes, read from the syntax and the audit's module graph
 * instead of the type checker: lexical scopes, imports and requires of audited files, their exports and
 * re-exports, object literals, classes (members, constructor parameter properties, fields assigned in methods,
 * `extends`) and type annotations naming classes or interfaces. A value typed by an interface or an abstract class
 * is any audited class implementing or extending it (class-hierarchy analysis); a value chosen at run time
 * (`a ? new X() : new Y()`, `a ?? b`, a factory's returns, a `let` assigned again) is each of its candidates.
 * No TypeScript program is built, so library types are never checked; a value typed by a library leads nowhere,
 * which is all the audit needs from it.
 */
import type {
  BinaryExpression,
  ClassLikeDeclaration,
  ExportDeclaration,
  Expression,
  ExpressionWithTypeArguments,
  FunctionLikeDeclaration,
  InterfaceDeclaration,
  Node,
  ParameterDeclaration,
  PropertyAssignment,
  PropertyDeclaration,
  SourceFile,
  TypeNode,
  VariableDeclaration,
} from 'typescript';
import { ClassHierarchy } from './class-hierarchy.js';
import { exportTable, unwrapTypes } from './file-nodes.js';
import { isFunctionLike } from './functions.js';
import { scopeNames, thisValue } from './scopes.js';
import { TypeNames } from './type-names.js';
import { ts } from './typescript.js';
import { isAbstractClass, nameAssignmentsIn, returnedExpressions, thisAssignments, type HeritageDeclaration } from './value-sources.js';

/** How the audited files are found: a file's relative path, a file by relative path, and how one imports another. */
export interface AuditedFiles {
  relativeOf(file: SourceFile): string | undefined;
  sourceFile(relative: string): SourceFile | undefined;
  resolve(fromRelative: string, specifier: string): string | undefined;
  /** Every audited file's relative path: where the classes implementing an interface are looked for (none without it). */
  relatives?(): Iterable<string>;
}

/**
 * How a value was reached through a member of an interface or abstract class: for each such value (a method or
 * field of an implementing class), the member it implements, as `StorageDriver.upload`.
 */
export type Dispatches = Map<Node, string>;

export interface Declarations {
  /**
   * The declarations or values of audited files an identifier, `a.b` or `this.b` may denote (empty when unknown or a
   * library's); values reached through an interface or abstract member are noted in `dispatches` when given.
   */
  of(node: Node, dispatches?: Dispatches): Node[];
}

/**
 * Deep enough for `this.service.repository.save` and for a member of a default export chosen by a conditional in
 * another file, shallow enough that cycles of aliases stop soon (values that lead back to themselves stop at once).
 */
const MAX_DEPTH = 10;

const unwrap = (node: Node): Node => (ts.isExpression(node) ? unwrapTypes(node) : node);

/** `require('x')` → `x`. */
function requiredSpecifier(node: Node): string | undefined {
  const inner = unwrap(node);
  if (!ts.isCallExpression(inner) || !ts.isIdentifier(inner.expression) || inner.expression.text !== 'require') return undefined;
  const [argument] = inner.arguments;
  return argument && ts.isStringLiteralLike(argument) ? argument.text : undefined;
}

/**
 * Resolves names from syntax: scopes, imports and requires across the audited files, exports and re-exports,
 * members of object literals, classes (with their bases and constructor-parameter fields) and module namespaces.
 */
class DeclarationResolver {
  private readonly scopes = new WeakMap<Node, Map<string, Node> | null>();
  private readonly types: TypeNames;
  private readonly hierarchy: ClassHierarchy;
  /** Where the `of()` being answered notes the values it reached through an interface or abstract member. */
  private dispatches: Dispatches | undefined;
  /** The values whose shapes are being found, so that a value leading back to itself stops at once. */
  private readonly shaping = new Set<Node>();
  /** How often a value leading back to itself was cut short. */
  private cycleCuts = 0;
  /** The shapes found for a value, and at what depth they were found. */
  private readonly knownShapes = new WeakMap<Node, { depth: number; shapes: Node[] }>();

  constructor(private readonly files: AuditedFiles) {
    this.types = new TypeNames({ lookupValue: (name, from) => this.lookup(name, from), fileOf: (from, specifier) => this.fileOf(from, specifier) });
    this.hierarchy = new ClassHierarchy(
      () => this.auditedSourceFiles(),
      (type, clause, declaration) => this.basesOf(type, clause, declaration),
    );
  }

  private *auditedSourceFiles(): Iterable<SourceFile> {
    for (const relative of this.files.relatives?.() ?? []) {
      const file = this.files.sourceFile(relative);
      if (file) yield file;
    }
  }

  /** What a class or interface extends or implements: classes by value (`extends mixin.Base`), interfaces by type name. */
  private basesOf(type: ExpressionWithTypeArguments, clause: 'extends' | 'implements', declaration: HeritageDeclaration): Node[] {
    const byValue = clause === 'extends' && ts.isClassLike(declaration) ? this.valuesOf(type.expression, 0).filter(ts.isClassLike) : [];
    return byValue.length > 0 ? byValue : this.types.named(type.expression).filter((found) => ts.isClassLike(found) || ts.isInterfaceDeclaration(found));
  }

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

  /** The class a type annotation names (`UsersService`, `services.UsersService`) by value, if it is one of ours. */
  private classOfType(type: TypeNode | undefined, depth: number): Node[] {
    if (!type || !ts.isTypeReferenceNode(type)) return [];
    const name = type.typeName;
    const values = ts.isIdentifier(name) ? this.valuesOf(name, depth + 1) : this.members(this.valuesOf(name.left, depth + 1), name.right.text, depth + 1);
    return values.filter(ts.isClassLike);
  }

  /** The interfaces and classes a declaration's type annotation names. */
  private typedShapes(type: TypeNode | undefined, depth: number): Node[] {
    if (!type) return [];
    const named = this.types.shapesOf(type);
    return named.length > 0 ? named : this.classOfType(type, depth + 1);
  }

  /**
   * The values a declaration is given besides its type: its initializer; for a `let`/`var`, each later
   * `name = value`; for a field or a parameter property, each `this.name = value` of its class.
   */
  private heldValues(declaration: VariableDeclaration | PropertyDeclaration | ParameterDeclaration | PropertyAssignment): Expression[] {
    const values: Expression[] = declaration.initializer ? [declaration.initializer] : [];
    const name = declaration.name;
    if (!ts.isIdentifier(name)) return values;
    if (ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & (ts.NodeFlags.Const | ts.NodeFlags.Using)) === 0) {
      for (const assigned of nameAssignmentsIn(declaration.getSourceFile()).get(name.text) ?? []) {
        if (this.lookup(name.text, (assigned.parent as BinaryExpression).left) === declaration) values.push(assigned);
      }
    }
    const owner = ts.isPropertyDeclaration(declaration) ? declaration.parent : ts.isParameter(declaration) && ts.isConstructorDeclaration(declaration.parent) ? declaration.parent.parent : undefined;
    if (owner && ts.isClassLike(owner)) values.push(...(thisAssignments(owner).get(name.text) ?? []));
    return values;
  }

  /** The functions a callee denotes, for what they return: functions, methods, and names or fields initialised with one. */
  private functionsCalled(callee: Expression, depth: number): FunctionLikeDeclaration[] {
    return this.valuesOf(callee, depth + 1).flatMap((value) => {
      const held = (ts.isVariableDeclaration(value) || ts.isPropertyAssignment(value) || ts.isPropertyDeclaration(value)) && value.initializer ? unwrap(value.initializer) : value;
      return isFunctionLike(held) || ts.isGetAccessor(held) ? [held] : [];
    });
  }

  /** The shapes of each value the expressions may have. */
  private candidateShapes(expressions: readonly Expression[], depth: number): Node[] {
    return expressions.flatMap((expression) => this.valuesOf(expression, depth + 1).flatMap((inner) => this.shapesOf(inner, depth + 1)));
  }

  /**
   * What holds members for a value: an object literal, a class (its instance), an interface (any of its
   * implementations), a module namespace; for a value chosen at run time, each candidate's.
   */
  private shapesOf(value: Node, depth: number): Node[] {
    if (depth > MAX_DEPTH) return [];
    if (ts.isObjectLiteralExpression(value) || ts.isClassLike(value) || ts.isSourceFile(value) || ts.isInterfaceDeclaration(value)) return [value];
    // Found before with as much depth left or more: as complete as finding them again (a chain of builder calls
    // `a.b().c().d()` would otherwise find each link's shapes again for every later link).
    const known = this.knownShapes.get(value);
    if (known && known.depth <= depth) return known.shapes;
    // Each value below may lead back to itself (`x = x || new X()`): it is left out while its shapes are found.
    if (this.shaping.has(value)) {
      this.cycleCuts++;
      return [];
    }
    const cutsBefore = this.cycleCuts;
    this.shaping.add(value);
    let shapes: Node[];
    try {
      shapes = this.shapesOfValue(value, depth);
    } finally {
      this.shaping.delete(value);
    }
    // Shapes cut short by a cycle depend on where the search came from: they are not kept.
    if (this.cycleCuts === cutsBefore) this.knownShapes.set(value, { depth, shapes });
    return shapes;
  }

  private shapesOfValue(value: Node, depth: number): Node[] {
    if (ts.isNewExpression(value)) return this.valuesOf(value.expression, depth + 1).filter(ts.isClassLike);
    if (ts.isVariableDeclaration(value) || ts.isPropertyDeclaration(value) || ts.isParameter(value) || ts.isPropertyAssignment(value)) {
      const typed = ts.isPropertyAssignment(value) ? [] : this.typedShapes(value.type, depth + 1);
      // A concrete class named by the type is what the value is. An interface or abstract class is any of its
      // implementations: what the value is given says which, when it says.
      if (typed.length > 0 && typed.every((shape) => ts.isClassLike(shape) && !isAbstractClass(shape))) return typed;
      const given = this.heldValues(value).flatMap((held) => this.valuesOf(held, depth + 1).flatMap((inner) => (inner === value ? [] : this.shapesOf(inner, depth + 1))));
      return given.length > 0 ? given : typed;
    }
    if (ts.isConditionalExpression(value)) return this.candidateShapes([value.whenTrue, value.whenFalse], depth);
    if (ts.isBinaryExpression(value)) {
      const operator = value.operatorToken.kind;
      if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) return this.candidateShapes([value.left, value.right], depth);
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.CommaToken || operator === ts.SyntaxKind.EqualsToken) return this.candidateShapes([value.right], depth);
      return [];
    }
    if (ts.isAwaitExpression(value)) return this.candidateShapes([value.expression], depth);
    // A factory or getter: what it returns (`createDriver()` returning one of several drivers, `getInstance()`).
    if (ts.isCallExpression(value)) return this.candidateShapes(this.functionsCalled(value.expression, depth).flatMap(returnedExpressions), depth);
    if (ts.isGetAccessor(value)) return this.candidateShapes(returnedExpressions(value), depth);
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
    // An interface or abstract class is never the instance itself: its member is each implementation's.
    if (ts.isInterfaceDeclaration(shape) || isAbstractClass(shape)) {
      const implementations = this.hierarchy.concreteSubclasses(shape);
      if (implementations && implementations.length > 0) return this.implementedMembers(shape as ClassLikeDeclaration | InterfaceDeclaration, implementations, name, depth);
      if (ts.isInterfaceDeclaration(shape)) return [];
    }
    return ts.isClassLike(shape) ? this.classMember(shape, name, depth) : [];
  }

  /** The member `name` of each implementation of an interface or abstract class, noted as reached through the type's. */
  private implementedMembers(type: ClassLikeDeclaration | InterfaceDeclaration, implementations: readonly Node[], name: string, depth: number): Node[] {
    const typeName = type.name?.text;
    return implementations.flatMap((implementation) => {
      const found = ts.isClassLike(implementation) ? this.classMember(implementation, name, depth + 1) : [];
      for (const member of found) if (typeName && member.parent !== type && !this.dispatches?.has(member)) this.dispatches?.set(member, `${typeName}.${name}`);
      return found;
    });
  }

  /** The member `name` of a class's instances: declared, a constructor parameter property, assigned to `this`, or its base's. */
  private classMember(shape: ClassLikeDeclaration, name: string, depth: number): Node[] {
    if (depth > MAX_DEPTH) return [];
    for (const member of shape.members) {
      if (member.name && (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name) || ts.isStringLiteral(member.name)) && member.name.text === name) {
        if (ts.isMethodDeclaration(member) && !member.body) continue;
        // A field declared without a value is given one in the constructor or a method.
        if (ts.isPropertyDeclaration(member) && !member.initializer) return [member, ...(thisAssignments(shape).get(name) ?? [])];
        return [member];
      }
      // constructor(private readonly users: UsersService): a field from a parameter.
      if (ts.isConstructorDeclaration(member)) {
        const parameter = member.parameters.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name && ts.getModifiers(candidate)?.length);
        if (parameter) return [parameter];
      }
    }
    // A field no declaration names (JavaScript): the values the class assigns to it.
    const assigned = thisAssignments(shape).get(name);
    if (assigned && assigned.length > 0) return [...assigned];
    const base = shape.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (!base) return [];
    // The base's own member, inherited: an abstract base is not spread into its subclasses again.
    const bases = this.valuesOf(base.expression, depth + 1).flatMap((value) => this.shapesOf(value, depth + 1));
    return bases.flatMap((baseShape) => (ts.isClassLike(baseShape) ? this.classMember(baseShape, name, depth + 1) : this.memberOf(baseShape, name, depth + 1)));
  }

  private isAudited(node: Node): boolean {
    const relative = this.files.relativeOf(node.getSourceFile());
    return relative !== undefined && this.files.sourceFile(relative) !== undefined;
  }

  /** What an expression denotes, among the audited files' declarations and values (each once). */
  of(node: Node, dispatches?: Dispatches): Node[] {
    const outer = this.dispatches;
    this.dispatches = dispatches;
    try {
      return [...new Set(this.valuesOf(node, 0))].filter((found) => this.isAudited(found));
    } finally {
      this.dispatches = outer;
    }
  }
}

export function createDeclarations(files: AuditedFiles): Declarations {
  const resolver = new DeclarationResolver(files);
  return { of: (node, dispatches) => resolver.of(node, dispatches) };
}
