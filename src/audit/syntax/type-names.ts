/**
 * What a type annotation names, read from the syntax: the interfaces, classes and type aliases of the audited
 * files, through imports, re-exports (`export type { X } from`, `export *`) and namespace imports. Types live
 * beside values (`interface StorageDriver` is no value), so they are looked up in scopes of their own first.
 */
import type { EntityName, Expression, Node, SourceFile, SyntaxKind, TypeNode } from 'typescript';
import { exportTable } from './file-nodes.js';
import { ts } from './typescript.js';

/** What the value resolver lends: the value declared as `name` at `from`, and the audited file a specifier loads. */
export interface TypeNameScopes {
  lookupValue(name: string, from: Node): Node | undefined;
  fileOf(from: Node, specifier: string): SourceFile | undefined;
}

/** Deep enough for a union alias of types re-exported twice (each hop counts two or three steps), shallow enough that cycles stop soon. */
const MAX_DEPTH = 16;

const hasModifier = (node: Node, kind: SyntaxKind) => (ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined)?.some((modifier) => modifier.kind === kind) ?? false;

/** A declaration that names a type: an interface, a class or a type alias. */
const isTypeDeclaration = (node: Node) => ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node) || ts.isTypeAliasDeclaration(node);

export class TypeNames {
  private readonly scopes = new WeakMap<Node, Map<string, Node> | null>();
  private readonly exportedTypes = new WeakMap<SourceFile, Map<string, Node>>();

  constructor(private readonly values: TypeNameScopes) {}

  /** Interfaces and type aliases declared by the statements of a file, namespace or block. */
  private typeScope(node: Node): Map<string, Node> | undefined {
    let table = this.scopes.get(node);
    if (table === undefined) {
      table = null;
      if (ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isBlock(node)) {
        for (const statement of node.statements) {
          if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && !(table ??= new Map()).has(statement.name.text)) table.set(statement.name.text, statement);
        }
      }
      this.scopes.set(node, table);
    }
    return table ?? undefined;
  }

  /** The innermost declaration of the type `name` visible at `from`: a type of its own, else a class or an import. */
  private lookup(name: string, from: Node): Node | undefined {
    for (let scope: Node | undefined = from.parent; scope; scope = scope.parent) {
      const type = this.typeScope(scope)?.get(name);
      if (type) return type;
    }
    return this.values.lookupValue(name, from);
  }

  /** A file's own exported interfaces, classes and type aliases by name (`default` for a default export). */
  private ownExports(file: SourceFile): Map<string, Node> {
    let table = this.exportedTypes.get(file);
    if (!table) {
      table = new Map();
      for (const statement of file.statements) {
        if (!isTypeDeclaration(statement) || !hasModifier(statement, ts.SyntaxKind.ExportKeyword)) continue;
        const name = hasModifier(statement, ts.SyntaxKind.DefaultKeyword) ? 'default' : (statement as { name?: { text: string } }).name?.text;
        if (name !== undefined && !table.has(name)) table.set(name, statement);
      }
      this.exportedTypes.set(file, table);
    }
    return table;
  }

  /** The type `name` exported by `file`. */
  private exported(file: SourceFile, name: string, depth: number): Node[] {
    if (depth > MAX_DEPTH) return [];
    const own = this.ownExports(file).get(name);
    if (own) return this.follow(own, depth + 1);
    const table = exportTable(file);
    const listed = table.get(name);
    if (listed) {
      return listed.flatMap((value) => {
        if (ts.isExportSpecifier(value)) {
          const local = (value.propertyName ?? value.name).text;
          const from = value.parent.parent.moduleSpecifier;
          if (from && ts.isStringLiteral(from)) {
            const target = this.values.fileOf(file, from.text);
            return target ? this.exported(target, local, depth + 1) : [];
          }
          const declaration = this.lookup(local, value);
          return declaration ? this.follow(declaration, depth + 1) : [];
        }
        // `export default Storage` / `export = Storage` of a class declared above.
        if (ts.isIdentifier(value)) {
          const declaration = this.lookup(value.text, value);
          return declaration ? this.follow(declaration, depth + 1) : [];
        }
        return ts.isClassLike(value) ? [value] : [];
      });
    }
    if (name === 'default') return [];
    for (const star of table.get('*') ?? []) {
      const from = ts.isExportDeclaration(star) ? star.moduleSpecifier : undefined;
      const target = from && ts.isStringLiteral(from) ? this.values.fileOf(file, from.text) : undefined;
      const found = target ? this.exported(target, name, depth + 1) : [];
      if (found.length > 0) return found;
    }
    return [];
  }

  /** A declaration found for a type name, through imports and aliases to the interfaces and classes it stands for. */
  private follow(declaration: Node, depth: number): Node[] {
    if (depth > MAX_DEPTH) return [];
    if (ts.isInterfaceDeclaration(declaration) || ts.isClassLike(declaration)) return [declaration];
    if (ts.isTypeAliasDeclaration(declaration)) return this.shapesOf(declaration.type, depth + 1);
    if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) {
      const importDeclaration = ts.isImportSpecifier(declaration) ? declaration.parent.parent.parent : ts.isImportClause(declaration) ? declaration.parent : declaration.parent.parent;
      const specifier = importDeclaration.moduleSpecifier;
      const file = ts.isStringLiteral(specifier) ? this.values.fileOf(declaration, specifier.text) : undefined;
      if (!file) return [];
      if (ts.isNamespaceImport(declaration)) return [file];
      if (ts.isImportClause(declaration)) return this.exported(file, 'default', depth + 1);
      return this.exported(file, (declaration.propertyName ?? declaration.name).text, depth + 1);
    }
    if (ts.isImportEqualsDeclaration(declaration)) {
      const reference = declaration.moduleReference;
      const file = ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression) ? this.values.fileOf(declaration, reference.expression.text) : undefined;
      return file ? [file] : [];
    }
    return [];
  }

  /** What a type name (`Driver`, `drivers.Driver`) or a heritage clause's expression denotes: interfaces, classes, namespaces. */
  named(name: EntityName | Expression, depth = 0): Node[] {
    if (depth > MAX_DEPTH) return [];
    if (ts.isIdentifier(name)) {
      const declaration = this.lookup(name.text, name);
      return declaration ? this.follow(declaration, depth + 1) : [];
    }
    const qualified = ts.isQualifiedName(name) ? { left: name.left, right: name.right.text } : ts.isPropertyAccessExpression(name) ? { left: name.expression, right: name.name.text } : undefined;
    if (!qualified) return [];
    return this.named(qualified.left, depth + 1).flatMap((container) => (ts.isSourceFile(container) ? this.exported(container, qualified.right, depth + 1) : []));
  }

  /** The interfaces and classes a type annotation names: `Driver`, `a.Driver`, unions and aliases of them. */
  shapesOf(type: TypeNode | undefined, depth = 0): Node[] {
    if (!type || depth > MAX_DEPTH) return [];
    if (ts.isTypeReferenceNode(type)) return this.named(type.typeName, depth + 1).filter((found) => ts.isInterfaceDeclaration(found) || ts.isClassLike(found));
    if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) return type.types.flatMap((member) => this.shapesOf(member, depth + 1));
    if (ts.isParenthesizedTypeNode(type)) return this.shapesOf(type.type, depth + 1);
    return [];
  }
}
