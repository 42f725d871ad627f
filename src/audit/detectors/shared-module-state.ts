/**
 * Caches, sessions, counters and connection registries declared at module level in one file and changed
 * by a function in another (`carts` in src/lib/store.ts, `carts.set()` in src/services/cart-service.ts).
 */
import { Node, SyntaxKind, type Identifier, type VariableDeclaration } from 'ts-morph';
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

/**
 * Where other files use `name` exported by `declaringFile`: the local names their imports (ESM named imports, and
 * `const { name } = require('./x')`) give it, found through the import graph — linear in the importers, unlike a
 * language-service reference search per export.
 */
function* importedUses(context: DetectorContext, declaringFile: string, name: string): Generator<{ file: string; reference: Node }> {
  for (const [file, edges] of context.graph.imports) {
    if (file === declaringFile || !edges.some((edge) => edge.to === declaringFile)) continue;
    const sourceFile = context.loaded.sourceFile(file);
    if (!sourceFile) continue;
    const locals = new Set<string>();
    for (const declaration of sourceFile.getImportDeclarations()) {
      if (context.graph.resolve(file, declaration.getModuleSpecifierValue()) !== declaringFile) continue;
      for (const specifier of declaration.getNamedImports()) if (specifier.getName() === name) locals.add(specifier.getAliasNode()?.getText() ?? name);
    }
    for (const variable of sourceFile.getVariableStatements().flatMap((statement) => statement.getDeclarations())) {
      const init = variable.getInitializer();
      const pattern = variable.getNameNode();
      if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== 'require' || !Node.isObjectBindingPattern(pattern)) continue;
      const [specifier] = init.getArguments();
      if (!specifier || !Node.isStringLiteral(specifier) || context.graph.resolve(file, specifier.getLiteralValue()) !== declaringFile) continue;
      for (const element of pattern.getElements()) if ((element.getPropertyNameNode()?.getText() ?? element.getName()) === name) locals.add(element.getName());
    }
    for (const local of locals) for (const reference of identifiersNamed(sourceFile, local)) yield { file, reference };
  }
}

/** Exported module-level containers and `let` bindings changed by functions of other files. */
export function sharedModuleState(context: DetectorContext): CrossFileHit[] {
  const hits: CrossFileHit[] = [];
  const realtime = new Set(moduleSpecifiers(realtimeModules));
  for (const { relative, sourceFile } of context.webFiles()) {
    for (const statement of sourceFile.getVariableStatements()) {
      if (!statement.hasModifier(SyntaxKind.ExportKeyword)) continue;
      for (const declaration of statement.getDeclarations()) {
        const nameNode = declaration.getNameNode();
        if (!Node.isIdentifier(nameNode) || shapeOf(declaration, []) === undefined) continue;
        const changes: { reference: Identifier; file: string; kind: Mutation }[] = [];
        for (const { file, reference } of importedUses(context, relative, nameNode.getText())) {
          if (!Node.isIdentifier(reference) || !enclosingFunction(reference)) continue;
          const kind = mutationAt(reference);
          if (kind) changes.push({ reference, file, kind });
        }
        if (changes.length === 0) continue;
        const shape = shapeOf(declaration, changes.map((change) => change.kind))!;
        const nearRealtime = sourceFile.getImportDeclarations().some((item) => realtime.has(item.getModuleSpecifierValue()));
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
