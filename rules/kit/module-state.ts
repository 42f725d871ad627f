/**
 * Hand-rolled state of one file: module-level bindings and containers, class statics and singleton fields
 * that code running after start-up changes. Each entry gets the check (category) its name and shape reveal.
 */
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { CheckId } from '../../src/catalog.js';
import {
  connectionStateNames,
  connectionStateNamesNearRealtime,
  counterStateNames,
  lockStateNames,
  nestSingletonDecorators,
  realtimeModules,
  sessionStateNames,
} from '../../src/knowledge/index.js';
import { moduleSpecifiers, topScope } from './api-uses.js';
import { isFunction, propertyName, unwrapExpression, walk } from './ast.js';
import { isLazyInit, isReset, isStartupCode, mutationAt, type Mutation } from './mutations.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `container`: Map/Set/array/object; `counter`: a number bumped with ++/+=; `flag`: a boolean switched; `binding`: anything reassigned. */
export type StateShape = 'container' | 'counter' | 'flag' | 'binding';

export interface ModuleState {
  name: string;
  /** The class owning a static or singleton field. */
  owner?: string;
  /** Where the state is declared: the declarator or the class field. */
  node: TSESTree.Node;
  /** The first change made after start-up. */
  mutation: TSESTree.Node;
  shape: StateShape;
  check: CheckId;
  messageId: string;
}

const containerConstructors = new Set(['Map', 'Set', 'Array', 'Object']);

function isContainer(init: TSESTree.Node | null | undefined): boolean {
  if (!init) return false;
  const value = unwrapExpression(init);
  if (value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression) return true;
  if (value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier) return containerConstructors.has(value.callee.name);
  if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression) {
    const object = value.callee.object;
    return object.type === AST_NODE_TYPES.Identifier && object.name === 'Object' && propertyName(value.callee) === 'create';
  }
  return false;
}

function isFrozen(init: TSESTree.Node | null | undefined): boolean {
  const value = init && unwrapExpression(init);
  return value?.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(value.callee) === 'freeze';
}

function literalKind(init: TSESTree.Node | null | undefined): 'number' | 'boolean' | undefined {
  const value = init && unwrapExpression(init);
  if (value?.type === AST_NODE_TYPES.Literal && (typeof value.value === 'number' || typeof value.value === 'boolean')) return typeof value.value as 'number' | 'boolean';
  return undefined;
}

/** The runtime changes among `references`, or none when all writes are lazy creation (plus resets). */
function runtimeMutations(references: readonly TSESTree.Node[], constructorsAreStartup: boolean): { node: TSESTree.Node; kind: Mutation }[] {
  const changes: { node: TSESTree.Node; kind: Mutation }[] = [];
  let lazy = false;
  for (const reference of references) {
    const kind = mutationAt(reference);
    if (!kind || isStartupCode(reference, constructorsAreStartup)) continue;
    if (kind === 'write' && isLazyInit(reference)) lazy = true;
    else changes.push({ node: reference, kind });
  }
  if (lazy) return changes.filter((change) => !(change.kind === 'write' && isReset(change.node)));
  return changes;
}

function shapeOf(init: TSESTree.Node | null | undefined, changes: readonly { kind: Mutation }[]): StateShape {
  if (isContainer(init)) return 'container';
  const literal = literalKind(init);
  if (literal === 'number' && changes.some((change) => change.kind === 'update')) return 'counter';
  if (literal === 'boolean') return 'flag';
  return 'binding';
}

function importsRealtime(sourceCode: SourceCode): boolean {
  const modules = new Set(moduleSpecifiers(realtimeModules));
  return sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && modules.has(statement.source.value)) ||
    [...modules].some((name) => sourceCode.text.includes(`require('${name}')`) || sourceCode.text.includes(`require("${name}")`));
}

/** The check an entry belongs to, by what its name and shape reveal; everything else is a cache. */
function classify(name: string, shape: StateShape, nearRealtime: boolean, owner: string | undefined): { check: CheckId; messageId: string } {
  const named = (patterns: readonly RegExp[]) => patterns.some((pattern) => pattern.test(name));
  if (named(sessionStateNames.names)) return sessionStateNames;
  if (named(connectionStateNames.names) || (nearRealtime && named(connectionStateNamesNearRealtime))) return connectionStateNames;
  if (shape === 'flag' || named(lockStateNames.names)) return lockStateNames;
  if (shape === 'counter' || named(counterStateNames.names)) return counterStateNames;
  return { check: 'no-module-state', messageId: owner ? 'providerState' : 'moduleState' };
}

function topLevelStatement(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.Program || (parent?.type === AST_NODE_TYPES.ExportNamedDeclaration && parent.parent?.type === AST_NODE_TYPES.Program) ||
    (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration && parent.parent?.type === AST_NODE_TYPES.Program);
}

interface Candidate {
  name: string;
  owner?: string;
  node: TSESTree.Node;
  init: TSESTree.Node | null | undefined;
  references: TSESTree.Node[];
  constructorsAreStartup: boolean;
}

function moduleBindings(sourceCode: SourceCode): Candidate[] {
  const candidates: Candidate[] = [];
  for (const variable of topScope(sourceCode).variables) {
    const definition = variable.defs[0];
    if (definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier || !topLevelStatement(definition.parent)) continue;
    const declarator = definition.node;
    const isConst = definition.parent.kind === 'const';
    if (isFrozen(declarator.init) || (isConst && !isContainer(declarator.init))) continue;
    const references = variable.references.filter((ref) => !ref.init).map((ref) => ref.identifier as TSESTree.Node);
    candidates.push({ name: variable.name, node: declarator, init: declarator.init, references, constructorsAreStartup: false });
  }
  return candidates;
}

/** Classes whose single instance serves every request: NestJS providers (not request-scoped) and `new X()` at module level. */
function singletonClasses(sourceCode: SourceCode, classes: readonly TSESTree.ClassDeclaration[]): Set<TSESTree.ClassDeclaration> {
  const singletons = new Set<TSESTree.ClassDeclaration>();
  for (const cls of classes) {
    const provider = cls.decorators.some((decorator) => {
      const expression = unwrapExpression(decorator.expression);
      const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
      if (callee.type !== AST_NODE_TYPES.Identifier || !nestSingletonDecorators.includes(callee.name)) return false;
      return !sourceCode.getText(decorator).match(/Scope\.(REQUEST|TRANSIENT)/);
    });
    if (provider) singletons.add(cls);
  }
  for (const statement of sourceCode.ast.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    const inits = declaration?.type === AST_NODE_TYPES.VariableDeclaration ? declaration.declarations.map((d) => d.init) : [declaration as TSESTree.Node | null];
    for (const init of inits) {
      const value = init && unwrapExpression(init);
      if (value?.type !== AST_NODE_TYPES.NewExpression || value.callee.type !== AST_NODE_TYPES.Identifier) continue;
      const cls = classes.find((candidate) => candidate.id?.name === (value.callee as TSESTree.Identifier).name);
      if (cls) singletons.add(cls);
    }
  }
  return singletons;
}

/** `this.<field>` expressions in the class body, outside nested classes. */
function thisFields(cls: TSESTree.ClassDeclaration, visitorKeys: TSESLint.SourceCode.VisitorKeys): Map<string, TSESTree.MemberExpression[]> {
  const fields = new Map<string, TSESTree.MemberExpression[]>();
  walk(cls.body, visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression) return;
    const name = propertyName(node);
    if (name !== null) fields.set(name, [...(fields.get(name) ?? []), node]);
  });
  return fields;
}

function classFields(sourceCode: SourceCode): Candidate[] {
  const classes = sourceCode.ast.body
    .map((statement) => (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement))
    .filter((node): node is TSESTree.ClassDeclaration => node?.type === AST_NODE_TYPES.ClassDeclaration);
  const singletons = singletonClasses(sourceCode, classes);
  const candidates: Candidate[] = [];
  for (const cls of classes) {
    const owner = cls.id?.name ?? 'default';
    const thisRefs = thisFields(cls, sourceCode.visitorKeys);
    const classVariable = cls.id ? ASTUtils.findVariable(topScope(sourceCode), cls.id) : null;
    for (const member of cls.body.body) {
      if (member.type !== AST_NODE_TYPES.PropertyDefinition || isFunction(member.value) || member.readonly && !isContainer(member.value)) continue;
      const name = propertyName(member);
      if (name === null || isFrozen(member.value)) continue;
      if (member.static) {
        // `Owner.field` anywhere, and `this.field` inside static methods.
        const viaClass = (classVariable?.references ?? []).flatMap((ref) => {
          const parent = ref.identifier.parent;
          return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === ref.identifier && propertyName(parent) === name ? [parent] : [];
        });
        const viaThis = (thisRefs.get(name) ?? []).filter((node) => {
          let method: TSESTree.Node | undefined = node.parent;
          while (method && method.type !== AST_NODE_TYPES.MethodDefinition) method = method.parent;
          return method?.type === AST_NODE_TYPES.MethodDefinition && method.static;
        });
        candidates.push({ name, owner, node: member, init: member.value, references: [...viaClass, ...viaThis], constructorsAreStartup: false });
      } else if (singletons.has(cls)) {
        candidates.push({ name, owner, node: member, init: member.value, references: thisRefs.get(name) ?? [], constructorsAreStartup: true });
      }
    }
  }
  return candidates;
}

const cache = new WeakMap<object, ModuleState[]>();

/** Every piece of hand-rolled state in the file that is changed after start-up (computed once per file). */
export function moduleState(sourceCode: SourceCode): ModuleState[] {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  const nearRealtime = importsRealtime(sourceCode);
  const found: ModuleState[] = [];
  for (const candidate of [...moduleBindings(sourceCode), ...classFields(sourceCode)]) {
    const changes = runtimeMutations(candidate.references, candidate.constructorsAreStartup);
    if (changes.length === 0) continue;
    const shape = shapeOf(candidate.init, changes);
    const { check, messageId } = classify(candidate.name, shape, nearRealtime, candidate.owner);
    found.push({ name: candidate.name, owner: candidate.owner, node: candidate.node, mutation: changes[0]!.node, shape, check, messageId });
  }
  cache.set(sourceCode.ast, found);
  return found;
}

/** Reports of the entries that belong to `check`. */
export function moduleStateReports(sourceCode: SourceCode, check: CheckId) {
  return moduleState(sourceCode)
    .filter((entry) => entry.check === check)
    .map((entry) => ({
      node: entry.node,
      messageId: entry.messageId,
      data: { name: entry.name, owner: entry.owner ?? '', line: entry.mutation.loc.start.line },
    }));
}
