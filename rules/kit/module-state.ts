/**
 * Hand-rolled state of one file: module-level bindings and containers, class statics and singleton fields
 * that code running after start-up changes. Each entry gets the check (category) its name and shape reveal.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isMessageId, type CheckId, type MessageId } from '../../src/catalog.js';
import { classifyState, moduleSpecifiers, realtimeModules, type StateShape } from '../../src/knowledge/index.js';
import { outermostWrapper, unwrapExpression } from './ast.js';
import type { Report, StatelessRuleContext } from './create-rule.js';
import { handleReader, holdsModule, storesHandle } from './handles.js';
import { isLazyInit, isReset, isStartupCode, mutationAt, type Mutation, type StartupContext } from './mutations.js';
import { requestContext } from './request-context.js';
import { isContainer, stateCandidates, type Candidate } from './state-candidates.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface ModuleState {
  name: string;
  /** The class owning a static or singleton field. */
  owner?: string;
  /** Where the state is created: the declarator, the class field, or the constructor's `this.x = …`. */
  node: TSESTree.Node;
  /** The first change made after start-up. */
  mutation: TSESTree.Node;
  shape: StateShape;
  check: CheckId;
  messageId: MessageId;
}

interface Change {
  node: TSESTree.Node;
  kind: Mutation;
}

function literalKind(init: TSESTree.Node | null | undefined): 'number' | 'boolean' | undefined {
  const value = init && unwrapExpression(init);
  if (value?.type === AST_NODE_TYPES.Literal && (typeof value.value === 'number' || typeof value.value === 'boolean')) return typeof value.value as 'number' | 'boolean';
  return undefined;
}

/** The value written by `x = value` at `reference`, if it is such a write. */
function writtenValue(reference: TSESTree.Node): TSESTree.Node | undefined {
  const assignment = outermostWrapper(reference).parent;
  return assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === outermostWrapper(reference) ? assignment.right : undefined;
}

/** True when the state is a Map/Set/array/object made here: at its declaration or by a later (lazy) assignment. */
function holdsContainer(candidate: Candidate): boolean {
  return isContainer(candidate.init) || candidate.references.some((reference) => isContainer(writtenValue(reference)));
}

/**
 * The changes made after start-up that store something. Lazy creation (`client ??= connect()`), resets
 * (`server = null` in `stop()`) and handles (`runtimeAPI = _runtimeAPI` in `init()`, `logger = aLogger`, a client
 * made from configuration: src/semantics/handles.ts) store nothing another instance would miss. Mutator calls
 * (`x.set()`, `x.push()`) count only on containers made here: on a client they are remote calls.
 */
function runtimeMutations(candidate: Candidate, startup: StartupContext): Change[] {
  const container = holdsContainer(candidate);
  const reader = handleReader(startup);
  // A binding that only ever holds a module (`var crypto = require('crypto')`): what is changed on it is that module's state.
  if (!container && holdsModule(candidate.init, candidate.references, reader)) return [];
  const changes: Change[] = [];
  for (const reference of candidate.references) {
    const kind = mutationAt(reference);
    if (!kind || (kind === 'method' && !container)) continue;
    if (kind === 'write' && (isLazyInit(reference) || isReset(reference))) continue;
    if (isStartupCode(reference, startup)) continue;
    if (kind === 'write' && storesHandle(reference, reader)) continue;
    changes.push({ node: reference, kind });
  }
  return changes;
}

function shapeOf(candidate: Candidate, changes: readonly Change[]): StateShape {
  // `stats.hits++`, `perIp[ip] += 1`: a container that only ever counts is a counter.
  if (holdsContainer(candidate)) return changes.every((change) => change.kind === 'memberUpdate') ? 'counter' : 'container';
  const literal = literalKind(candidate.init);
  if (literal === 'number' && changes.some((change) => change.kind === 'update')) return 'counter';
  if (literal === 'boolean') return 'flag';
  return 'binding';
}

const realtimeSpecifiers = new Set(moduleSpecifiers(realtimeModules));
const REQUIRE_CALL = /require\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Does the file import (or require) a realtime library? One pass over imports, one over the text. */
function importsRealtime(sourceCode: SourceCode): boolean {
  if (sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && realtimeSpecifiers.has(statement.source.value))) return true;
  for (const match of sourceCode.text.matchAll(REQUIRE_CALL)) if (realtimeSpecifiers.has(match[1]!)) return true;
  return false;
}

/**
 * The check an entry belongs to, by what its name and shape reveal; everything else is a cache.
 * Exactly one check gets each entry, so the same state is never reported twice.
 */

const cache = new WeakMap<object, ModuleState[]>();

/** Every piece of hand-rolled state in the file that is changed after start-up (computed once per file). */
export function moduleState(context: StatelessRuleContext): ModuleState[] {
  const sourceCode = context.sourceCode;
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  // Both are needed only for files with candidates, which most files are not.
  let nearRealtime: boolean | undefined;
  const isRequestHandling = (fn: TSESTree.Node) => requestContext(context).isInRequestHandling(fn);
  const found: ModuleState[] = [];
  for (const candidate of stateCandidates(sourceCode)) {
    const changes = runtimeMutations(candidate, { sourceCode, isRequestHandling, constructorsAreStartup: candidate.constructorsAreStartup });
    if (changes.length === 0) continue;
    const shape = shapeOf(candidate, changes);
    const { check, messageId } = classifyState(candidate.name, shape, (nearRealtime ??= importsRealtime(sourceCode)), candidate.owner !== undefined);
    found.push({ name: candidate.name, owner: candidate.owner, node: candidate.node, mutation: changes[0]!.node, shape, check, messageId });
  }
  cache.set(sourceCode.ast, found);
  return found;
}

/** Reports of the entries that belong to `check`, at the place that creates the state. */
export function moduleStateReports<C extends CheckId>(context: StatelessRuleContext, check: C): Report<C>[] {
  return moduleState(context).flatMap((entry) =>
    entry.check === check && isMessageId(check, entry.messageId)
      ? [{ node: entry.node, messageId: entry.messageId, data: { name: entry.name, owner: entry.owner ?? '', line: entry.mutation.loc.start.line } }]
      : [],
  );
}
