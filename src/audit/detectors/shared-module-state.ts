/**
 * Caches, sessions, counters and connection registries declared at module level in one file and changed
 * by a function in another (`carts` in src/lib/store.ts, `carts.set()` in src/services/cart-service.ts).
 */
import { Node, SyntaxKind, type Identifier, type SourceFile, type VariableDeclaration } from 'ts-morph';
import { classifyState, containerConstructors, elementReaders, moduleSpecifiers, mutatorMethods, realtimeModules, type StateShape } from '../../knowledge/index.js';
import { identifiersNamed, lineOf } from '../file-nodes.js';
import { enclosingFunction } from '../functions.js';
import type { Evidence } from '../model.js';
import type { CrossFileHit, DetectorContext } from './context.js';

type Mutation = 'write' | 'update' | 'member';

function skipWrappers(node: Node): Node {
  let current = node;
  for (let parent = current.getParent(); parent && (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isNonNullExpression(parent)); parent = current.getParent()) current = parent;
  return current;
}

const updateOperators = new Set([SyntaxKind.PlusEqualsToken, SyntaxKind.MinusEqualsToken, SyntaxKind.AsteriskEqualsToken, SyntaxKind.SlashEqualsToken]);
const writeOperators = new Set([SyntaxKind.EqualsToken, SyntaxKind.QuestionQuestionEqualsToken, SyntaxKind.BarBarEqualsToken]);

/** How the reference `node` changes the value it names, if it does (the TypeScript-AST twin of the rules' `mutationAt`). */
export function mutationAt(node: Node): Mutation | undefined {
  let current = skipWrappers(node);
  for (let depth = 0; depth < 8; depth++) {
    const parent = current.getParent();
    if (!parent) return undefined;
    if (Node.isBinaryExpression(parent) && parent.getLeft() === current) {
      const operator = parent.getOperatorToken().getKind();
      if (writeOperators.has(operator)) return depth > 0 ? 'member' : 'write';
      if (updateOperators.has(operator)) return depth > 0 ? 'member' : 'update';
      return undefined;
    }
    if ((Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent)) && [SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken].includes(parent.getOperatorToken())) {
      return depth > 0 ? 'member' : 'update';
    }
    if (Node.isDeleteExpression(parent)) return depth > 0 ? 'member' : undefined;
    if (Node.isCallExpression(parent) && parent.getArguments()[0] === current && parent.getExpression().getText() === 'Object.assign') return 'member';
    const isMember = (Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent)) && parent.getExpression() === current;
    if (!isMember) return undefined;
    const member = skipWrappers(parent);
    const call = member.getParent();
    if (Node.isCallExpression(call) && call.getExpression() === member) {
      const method = Node.isPropertyAccessExpression(parent) ? parent.getName() : undefined;
      if (method && mutatorMethods.has(method)) return 'member';
      if (!method || !elementReaders.has(method)) return undefined;
      current = skipWrappers(call);
    } else {
      current = member;
    }
  }
  return undefined;
}

function shapeOf(declaration: VariableDeclaration, mutations: readonly Mutation[]): StateShape | undefined {
  const init = declaration.getInitializer();
  const isLet = declaration.getVariableStatement()?.getDeclarationKind() !== 'const';
  if (init && (Node.isObjectLiteralExpression(init) || Node.isArrayLiteralExpression(init) || (Node.isNewExpression(init) && containerConstructors.has(init.getExpression().getText())))) return 'container';
  if (!isLet) return undefined;
  if (init && Node.isNumericLiteral(init) && mutations.includes('update')) return 'counter';
  if (init && (init.getKind() === SyntaxKind.TrueKeyword || init.getKind() === SyntaxKind.FalseKeyword)) return 'flag';
  return 'binding';
}

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
  for (const declaration of sourceFile.getImportDeclarations()) {
    const from = context.graph.resolve(file, declaration.getModuleSpecifierValue());
    for (const specifier of declaration.getNamedImports()) add(from, specifier.getName(), specifier.getAliasNode()?.getText() ?? specifier.getName());
  }
  for (const variable of sourceFile.getVariableStatements().flatMap((statement) => statement.getDeclarations())) {
    const init = variable.getInitializer();
    const pattern = variable.getNameNode();
    if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== 'require' || !Node.isObjectBindingPattern(pattern)) continue;
    const [specifier] = init.getArguments();
    if (!specifier || !Node.isStringLiteral(specifier)) continue;
    const from = context.graph.resolve(file, specifier.getLiteralValue());
    for (const element of pattern.getElements()) add(from, element.getPropertyNameNode()?.getText() ?? element.getName(), element.getName());
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

/** Exported module-level containers and `let` bindings changed by functions of other files. */
export function sharedModuleState(context: DetectorContext): CrossFileHit[] {
  const hits: CrossFileHit[] = [];
  const realtime = new Set(moduleSpecifiers(realtimeModules));
  const importedUses = importedUsesFinder(context);
  for (const { relative, sourceFile } of context.webFiles()) {
    let nearRealtime: boolean | undefined;
    for (const statement of sourceFile.getVariableStatements()) {
      if (!statement.hasModifier(SyntaxKind.ExportKeyword)) continue;
      for (const declaration of statement.getDeclarations()) {
        const nameNode = declaration.getNameNode();
        if (!Node.isIdentifier(nameNode) || shapeOf(declaration, []) === undefined) continue;
        const changes: { reference: Identifier; file: string; kind: Mutation }[] = [];
        for (const { file, reference } of importedUses(relative, nameNode.getText())) {
          if (!Node.isIdentifier(reference) || !enclosingFunction(reference)) continue;
          const kind = mutationAt(reference);
          if (kind) changes.push({ reference, file, kind });
        }
        if (changes.length === 0) continue;
        const shape = shapeOf(declaration, changes.map((change) => change.kind))!;
        nearRealtime ??= sourceFile.getImportDeclarations().some((item) => realtime.has(item.getModuleSpecifierValue()));
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
