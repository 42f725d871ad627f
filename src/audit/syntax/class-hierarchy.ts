/**
 * Class-hierarchy analysis over the audited files: which classes a value typed by an interface or an abstract
 * class can be. A call through such a value (`this.storageDriver.upload()` with `storageDriver: StorageDriver`)
 * may run the method of every audited class that implements or extends the type, directly or through other
 * interfaces and classes, and that the program uses as a value somewhere (creates, imports, registers, exports):
 * a class nothing refers to is never instantiated (rapid type analysis, by name). The index of subtypes is made
 * once, on first use, from every file's `extends` and `implements` clauses.
 */
import type { ExpressionWithTypeArguments, Identifier, Node, PrivateIdentifier, SourceFile } from 'typescript';
import { heritageDeclarationsIn, identifiersNamed } from './file-nodes.js';
import { isAbstractClass, type HeritageDeclaration } from './value-sources.js';
import { ts } from './typescript.js';

/**
 * A type with more concrete subtypes than this is a framework's base (a model, a component, an error class), not a
 * choice among a few drivers: calls through it are not spread over all of them.
 */
export const MAX_IMPLEMENTATIONS = 12;

/** What a heritage clause's type names: the audited classes and interfaces it extends or implements. */
export type ResolveBase = (type: ExpressionWithTypeArguments, clause: 'extends' | 'implements', declaration: HeritageDeclaration) => Node[];

export class ClassHierarchy {
  private subtypes: Map<Node, HeritageDeclaration[]> | undefined;
  private readonly concrete = new Map<Node, readonly HeritageDeclaration[] | undefined>();

  constructor(
    private readonly files: () => Iterable<SourceFile>,
    private readonly resolveBase: ResolveBase,
  ) {}

  private index(): Map<Node, HeritageDeclaration[]> {
    if (this.subtypes) return this.subtypes;
    const subtypes = new Map<Node, HeritageDeclaration[]>();
    this.subtypes = subtypes;
    for (const file of this.files()) {
      for (const declaration of heritageDeclarationsIn(file)) {
        for (const clause of declaration.heritageClauses ?? []) {
          const kind = clause.token === ts.SyntaxKind.ImplementsKeyword ? 'implements' : 'extends';
          for (const type of clause.types) {
            for (const base of this.resolveBase(type, kind, declaration)) {
              if (base === declaration) continue;
              const list = subtypes.get(base);
              if (!list) subtypes.set(base, [declaration]);
              else if (!list.includes(declaration)) list.push(declaration);
            }
          }
        }
      }
    }
    return subtypes;
  }

  /** Whether a class's name is used as a value anywhere but in its own declaration: `new X()`, `[X]`, `useClass: X`, an import or export. */
  private usedAsValue(declaration: HeritageDeclaration): boolean {
    const name = declaration.name;
    // A class expression (`module.exports = class extends Base {}`) is a value where it stands.
    if (!name || !ts.isClassDeclaration(declaration)) return true;
    for (const file of this.files()) {
      if (!file.text.includes(name.text)) continue;
      if (identifiersNamed(file, name.text).some((identifier) => identifier !== name && isValueUse(identifier))) return true;
    }
    return false;
  }

  /**
   * The classes that are not abstract among the subtypes of an interface or class (itself excluded), nearest first;
   * undefined when there are more than MAX_IMPLEMENTATIONS.
   */
  concreteSubclasses(base: Node): readonly HeritageDeclaration[] | undefined {
    if (this.concrete.has(base)) return this.concrete.get(base);
    const index = this.index();
    const found: HeritageDeclaration[] = [];
    const seen = new Set<Node>([base]);
    const queue: Node[] = [base];
    let result: readonly HeritageDeclaration[] | undefined = found;
    for (let position = 0; position < queue.length; position++) {
      for (const subtype of index.get(queue[position]!) ?? []) {
        if (seen.has(subtype)) continue;
        seen.add(subtype);
        queue.push(subtype);
        if (ts.isClassLike(subtype) && !isAbstractClass(subtype) && this.usedAsValue(subtype)) found.push(subtype);
      }
      if (found.length > MAX_IMPLEMENTATIONS) {
        result = undefined;
        break;
      }
    }
    this.concrete.set(base, result);
    return result;
  }
}

/** Whether a name is used as a value: not in a type (annotations, `implements`, `extends` clauses) nor in a type-only import or export. */
function isValueUse(identifier: Identifier | PrivateIdentifier): boolean {
  for (let node: Node = identifier; node.parent; node = node.parent) {
    const parent = node.parent;
    if (ts.isTypeNode(parent) || ts.isHeritageClause(parent)) return false;
    if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return !parent.isTypeOnly && !(ts.isImportSpecifier(parent) ? parent.parent.parent.isTypeOnly : parent.parent.parent.isTypeOnly);
    if (ts.isImportClause(parent)) return !parent.isTypeOnly;
    if (ts.isStatement(parent) || ts.isSourceFile(parent)) return true;
  }
  return true;
}
