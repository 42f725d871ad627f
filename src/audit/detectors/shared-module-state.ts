/**
 * Caches, sessions, counters and connection registries declared at module level in one file and changed
 * by a function in another (`carts` in src/lib/store.ts, `carts.set()` in src/services/cart-service.ts).
 */
import type { Identifier, ImportDeclaration, Node, SourceFile, Statement, VariableDeclaration, VariableStatement } from 'typescript';
import { classifyState, moduleSpecifiers, realtimeModules, type StateShape } from '../../knowledge/index.js';
import { holdsOnlyModules, isContainerAt, isHandleWrite, writtenValue, type HandleReader } from '../../semantics/handles.js';
import { isContainerValue, isLazyInit, isReset, mutationAt as sharedMutationAt, type Mutation } from '../../semantics/mutations.js';
import { isStartupCode } from '../../semantics/startup.js';
import { identifiersNamed, lineOf } from '../syntax/file-nodes.js';
import { enclosingFunction } from '../syntax/functions.js';
import { climbNodes, view } from '../syntax/syntax-view.js';
import type { Evidence } from '../model.js';
import { ts } from '../syntax/typescript.js';
import type { CrossFileHit, DetectorContext } from './context.js';
import { declarationOf, handleReader } from './handle-reader.js';

/** How the reference `node` changes the value it names, if it does: src/semantics/mutations.ts read over compiler nodes. */
export function mutationAt(node: Node): Mutation | undefined {
  return sharedMutationAt(node, climbNodes);
}

/**
 * A change that stores something another instance would miss: lazy creation of a client or container
 * (`client ??= connect()`, `if (!store) store = new Map()`) and resets (`client = null`) store nothing.
 */
export function storingChange(node: Node): Mutation | undefined {
  const kind = mutationAt(node);
  return kind === 'write' && (isLazyInit(node, climbNodes) || isReset(node, climbNodes)) ? undefined : kind;
}

/** Whether a variable statement declares with `const` (not `let`, `var`, `using` or `await using`). */
function isConst(statement: VariableStatement | undefined): boolean {
  const flags = statement?.declarationList.flags ?? 0;
  return (flags & ts.NodeFlags.Let) === 0 && (flags & ts.NodeFlags.Using) === 0 && (flags & ts.NodeFlags.Const) !== 0;
}

function shapeOf(declaration: VariableDeclaration, mutations: readonly Mutation[], container = false): StateShape | undefined {
  const init = declaration.initializer;
  const statement = declaration.parent.parent;
  const isLet = !isConst(ts.isVariableStatement(statement) ? statement : undefined);
  if (container || (init && isContainerValue(view(init)))) return 'container';
  if (!isLet) return undefined;
  if (init && ts.isNumericLiteral(init) && mutations.includes('update')) return 'counter';
  if (init && (init.kind === ts.SyntaxKind.TrueKeyword || init.kind === ts.SyntaxKind.FalseKeyword)) return 'flag';
  return 'binding';
}

/** The text of an import's module specifier (undefined where a broken file has no string there). */
const specifierOf = (declaration: ImportDeclaration): string | undefined => (ts.isStringLiteral(declaration.moduleSpecifier) ? declaration.moduleSpecifier.text : undefined);

/** What a file's top-level statements of one kind are: `import` declarations or variable statements. */
const statementsOf = <T extends Statement>(sourceFile: SourceFile, is: (node: Statement) => node is T): T[] => sourceFile.statements.filter(is);

/** What a file's imports take from other audited files: per imported file, per exported name, the local names. */
type ImportedNames = Map<string, Map<string, Set<string>>>;

/** The names a file's imports give other files' exports: ESM named imports, then `const { name } = require('./x')`. */
function importedNames(context: DetectorContext, file: string, sourceFile: SourceFile): ImportedNames {
  const found: ImportedNames = new Map();
  const add = (from: string | undefined, name: string, local: string) => {
    if (from === undefined) return;
    let names = found.get(from);
    if (!names) found.set(from, (names = new Map()));
    let locals = names.get(name);
    if (!locals) names.set(name, (locals = new Set()));
    locals.add(local);
  };
  for (const declaration of statementsOf(sourceFile, ts.isImportDeclaration)) {
    const specifier = specifierOf(declaration);
    const from = specifier === undefined ? undefined : context.graph.resolve(file, specifier);
    const named = declaration.importClause?.namedBindings;
    for (const element of named && ts.isNamedImports(named) ? named.elements : []) {
      // A string name (`import { "a-b" as x }`) without its quotes.
      const imported = element.propertyName ?? element.name;
      const name = ts.isStringLiteral(imported) ? imported.text : imported.getText();
      add(from, name, element.propertyName ? element.name.getText() : name);
    }
  }
  for (const variable of statementsOf(sourceFile, ts.isVariableStatement).flatMap((statement) => statement.declarationList.declarations)) {
    const init = variable.initializer;
    const pattern = variable.name;
    if (!init || !ts.isCallExpression(init) || init.expression.getText() !== 'require' || !ts.isObjectBindingPattern(pattern)) continue;
    const [specifier] = init.arguments;
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    const from = context.graph.resolve(file, specifier.text);
    for (const element of pattern.elements) add(from, element.propertyName?.getText() ?? element.name.getText(), element.name.getText());
  }
  return found;
}

/**
 * Where other files use the names files export: the local names their imports give them, found through the
 * import graph — linear in the importers, unlike a language-service reference search per export. Each importer's
 * imports are read once, and the importers of each file listed once: read again for every exported declaration,
 * a file of thousands of exports and its importers took quadratic time.
 */
function importedUsesFinder(context: DetectorContext): (declaringFile: string, name: string) => Generator<{ file: string; reference: Node }> {
  const importers = new Map<string, string[]>();
  for (const [file, edges] of context.graph.imports) {
    for (const to of new Set(edges.map((edge) => edge.to))) {
      if (to === file) continue;
      const list = importers.get(to);
      if (list) list.push(file);
      else importers.set(to, [file]);
    }
  }
  const namesByImporter = new Map<string, ImportedNames>();
  return function* importedUses(declaringFile, name) {
    for (const file of importers.get(declaringFile) ?? []) {
      const sourceFile = context.loaded.sourceFile(file);
      if (!sourceFile) continue;
      let names = namesByImporter.get(file);
      if (!names) namesByImporter.set(file, (names = importedNames(context, file, sourceFile)));
      for (const local of names.get(declaringFile)?.get(name) ?? []) for (const reference of identifiersNamed(sourceFile, local)) yield { file, reference };
    }
  };
}

/**
 * What a module-level binding holds, from its initializer and every plain write of it (`references`, in any file): a
 * container made here (a Map, a Set, an array or object literal), and whether every value is a module (`require()`).
 */
function heldValues(declaration: VariableDeclaration, references: readonly Node[], reader: HandleReader<Node>): { container: boolean; module: boolean } {
  const written = references.flatMap((reference) => writtenValue(reference, reader) ?? []);
  const values = declaration.initializer ? [declaration.initializer, ...written] : written;
  return { container: values.some((value) => isContainerAt(value, reader)), module: holdsOnlyModules(declaration.initializer, references, reader) };
}

/** Exported module-level containers and `let` bindings changed by functions of other files. */
export function sharedModuleState(context: DetectorContext): CrossFileHit[] {
  const hits: CrossFileHit[] = [];
  const realtime = new Set(moduleSpecifiers(realtimeModules));
  const importedUses = importedUsesFinder(context);
  const isRequestHandling = (fn: Node) => context.reach.reachedFunctionOf(fn) === fn;
  const reader = handleReader(isRequestHandling);
  for (const { relative, sourceFile } of context.webFiles()) {
    let nearRealtime: boolean | undefined;
    for (const statement of statementsOf(sourceFile, ts.isVariableStatement)) {
      if (!statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const nameNode = declaration.name;
        if (!ts.isIdentifier(nameNode) || shapeOf(declaration, []) === undefined) continue;
        // The changes other files make; a local or parameter of the same name (`const carts = new Map()` in the importer) is another value.
        const uses = [...importedUses(relative, nameNode.text)].filter(
          (use): use is { file: string; reference: Identifier } =>
            ts.isIdentifier(use.reference) && mutationAt(use.reference) !== undefined && context.declarations.of(use.reference).includes(declaration),
        );
        const own = identifiersNamed(sourceFile, nameNode.text).filter((reference) => reference !== nameNode && ts.isIdentifier(reference) && declarationOf(reference) === declaration);
        const { container, module } = heldValues(declaration, [...own, ...uses.map((use) => use.reference)], reader);
        // A binding that only ever holds a module: what is changed on it is that module's state, as for a `const`.
        if (module && !container) continue;
        const changes: { reference: Identifier; file: string; kind: Mutation }[] = [];
        for (const { file, reference } of uses) {
          if (!enclosingFunction(reference)) continue;
          const kind = storingChange(reference);
          // Mutator calls change a container made here; on a client (`redis.set()`) they are remote calls.
          if (!kind || (kind === 'method' && !container)) continue;
          // Start-up code (an IIFE, a `listen` callback, `init()`) changes it once; what a handler reaches runs per request.
          if (isStartupCode(reference, climbNodes, { isRequestHandling })) continue;
          // A handle (`client = new Client(config)`, `logger = aLogger`) stores nothing another instance would miss.
          if (kind === 'write' && isHandleWrite<Node>(reference, reader)) continue;
          changes.push({ reference, file, kind });
        }
        if (changes.length === 0) continue;
        const shape = shapeOf(declaration, changes.map((change) => change.kind), container)!;
        nearRealtime ??= statementsOf(sourceFile, ts.isImportDeclaration).some((item) => realtime.has(specifierOf(item) ?? ''));
        const { check, messageId } = classifyState(nameNode.getText(), shape, nearRealtime, false);
        const first = changes[0]!;
        const reached = context.reach.reachedFunctionOf(first.reference);
        const evidence: Evidence[] = [
          ...(reached ? context.reach.chainTo(reached) : []),
          { file: first.file, line: lineOf(first.reference), note: `changes ${nameNode.getText()}` },
          { file: relative, line: lineOf(declaration), note: `${nameNode.getText()} is declared at module level` },
        ];
        hits.push({ ruleId: check, messageId, data: { name: nameNode.getText(), line: `${first.file}:${lineOf(first.reference)}`, owner: '' }, node: declaration, evidence });
      }
    }
  }
  return hits;
}
