/**
 * Reads an options object as far as one file shows it: an object literal, a `const` holding one,
 * spreads of those, and `opts.key = …` assignments. What cannot be seen makes the answer "unknown".
 */
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { OptionsArgument, Trigger } from '../../src/knowledge/index.js';
import { isFunction, outermostWrapper, propertyName, staticString, unwrapExpression, walk } from './ast.js';
import { runsConditionally } from './conditions.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The keys an options object is known to set, with their value nodes; `complete` is false where some keys are hidden. */
export interface KnownOptions {
  values: Map<string, TSESTree.Node>;
  /** Keys set only under a condition (`...(redisUrl && { store })`, `if (redis) opts.store = …`): off by default. */
  optional: Set<string>;
  complete: boolean;
}

const unknown = (): KnownOptions => ({ values: new Map(), optional: new Set(), complete: false });
const empty = (): KnownOptions => ({ values: new Map(), optional: new Set(), complete: true });

const MAX_DEPTH = 4;

function resolveIdentifier(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number): KnownOptions {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs[0];
  const declarator = definition?.node;
  if (!variable || variable.defs.length !== 1 || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init) {
    return unknown();
  }
  if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return unknown();
  const known = readOptions(sourceCode, declarator.init, depth + 1);
  for (const ref of variable.references) addLaterKeys(sourceCode, known, outermostWrapper(ref.identifier), declarator, depth);
  return known;
}

/** `Object.assign(opts, …)`: the object the options variable is merged into. */
function isAssignTarget(reference: TSESTree.Node): reference is TSESTree.Node & { parent: TSESTree.CallExpression } {
  const call = reference.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== reference) return false;
  const callee = unwrapExpression(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Object' && propertyName(callee) === 'assign';
}

/** Keys added to an options variable after its declaration: `opts.store = …`, `Object.assign(opts, { store })`. */
function addLaterKeys(sourceCode: SourceCode, known: KnownOptions, reference: TSESTree.Node, declaration: TSESTree.Node, depth: number): void {
  if (isAssignTarget(reference)) {
    const conditional = runsConditionally(sourceCode, reference.parent, declaration);
    for (const source of reference.parent.arguments.slice(1)) merge(known, readOptions(sourceCode, source, depth + 1), conditional, sourceCode);
    return;
  }
  const member = reference.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference) return;
  const assignment = member.parent;
  if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === member) {
    const key = propertyName(member);
    if (key === null) known.complete = false;
    else setKey(sourceCode, known, key, assignment.right, runsConditionally(sourceCode, assignment, declaration, sourceCode.getText(member)));
  } else if (assignment?.type === AST_NODE_TYPES.CallExpression && assignment.callee === member) {
    known.complete = false; // a method of the object itself may add keys
  }
}

/**
 * Sets `key`; a conditional value makes the key optional unless it already has a value that is always there,
 * and a value that is always there makes it required.
 */
function setKey(sourceCode: SourceCode, known: KnownOptions, key: string, value: TSESTree.Node, conditional: boolean): void {
  if (conditional) {
    const before = known.values.get(key);
    if (before && !known.optional.has(key) && valueState(sourceCode, before) === 'present') return;
    known.optional.add(key);
  } else {
    known.optional.delete(key);
  }
  known.values.set(key, value);
}

function merge(into: KnownOptions, from: KnownOptions, conditional = false, sourceCode?: SourceCode): void {
  for (const [key, value] of from.values) {
    const optional = conditional || from.optional.has(key);
    if (sourceCode) setKey(sourceCode, into, key, value, optional);
    else {
      into.values.set(key, value);
      if (optional) into.optional.add(key);
      else into.optional.delete(key);
    }
  }
  into.complete &&= from.complete;
}

/** `cond ? { a } : { b }`: keys in both branches are set; keys in one branch only are optional. */
function readBranches(sourceCode: SourceCode, consequent: TSESTree.Node, alternate: TSESTree.Node | undefined, depth: number): KnownOptions {
  const left = readOptions(sourceCode, consequent, depth + 1);
  const right = alternate ? readOptions(sourceCode, alternate, depth + 1) : empty();
  const known: KnownOptions = { values: new Map(), optional: new Set(), complete: left.complete && right.complete };
  for (const [key, value] of [...right.values, ...left.values]) known.values.set(key, value);
  for (const key of known.values.keys()) {
    if (!left.values.has(key) || !right.values.has(key) || left.optional.has(key) || right.optional.has(key)) known.optional.add(key);
  }
  return known;
}

/** What an expression used as an options object is known to contain. */
export function readOptions(sourceCode: SourceCode, node: TSESTree.Node | undefined, depth = 0): KnownOptions {
  if (!node) return empty();
  if (depth > MAX_DEPTH) return unknown();
  const inner = unwrapExpression(node);
  switch (inner.type) {
    case AST_NODE_TYPES.ObjectExpression: {
      const known = empty();
      for (const property of inner.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) {
          merge(known, readOptions(sourceCode, property.argument, depth + 1), false, sourceCode);
          continue;
        }
        const key = propertyName(property);
        if (key === null) known.complete = false;
        else setKey(sourceCode, known, key, property.value, false);
      }
      return known;
    }
    // `...(redisUrl && { store })` and `...(useRedis ? { store } : {})`: keys set only under a condition.
    case AST_NODE_TYPES.LogicalExpression:
      return inner.operator === '&&' ? readBranches(sourceCode, inner.right, undefined, depth) : unknown();
    case AST_NODE_TYPES.ConditionalExpression:
      return readBranches(sourceCode, inner.consequent, inner.alternate, depth);
    case AST_NODE_TYPES.ArrayExpression:
      return empty();
    case AST_NODE_TYPES.Literal:
      return inner.value === null ? empty() : unknown();
    case AST_NODE_TYPES.Identifier:
      if (inner.name === 'undefined') return empty();
      return resolveIdentifier(sourceCode, inner, depth);
    default:
      return unknown();
  }
}

/** `absent`: the library default applies; `optional`: given only under a condition; `present`: given (or not known). */
export type ValueState = 'absent' | 'optional' | 'present';

function isNullish(node: TSESTree.Node): boolean {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === 'undefined';
  if (inner.type === AST_NODE_TYPES.Literal) return inner.value === null && !('regex' in inner) && !('bigint' in inner);
  return inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'void';
}

function either(a: ValueState, b: ValueState): ValueState {
  if (a === 'absent' && b === 'absent') return 'absent';
  return a === 'present' && b === 'present' ? 'present' : 'optional';
}

/**
 * Whether an option's value is given: `null`/`undefined` are the default; `cond ? store : undefined`, `cond && store`,
 * a `let store;` set only inside an `if`, and `holder.store` set only inside an `if` are given only under a condition.
 */
export function valueState(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): ValueState {
  if (isNullish(node)) return 'absent';
  if (depth > MAX_DEPTH) return 'present';
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.ConditionalExpression) {
    return either(valueState(sourceCode, inner.consequent, depth + 1), valueState(sourceCode, inner.alternate, depth + 1));
  }
  if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator === '&&') {
    return valueState(sourceCode, inner.right, depth + 1) === 'absent' ? 'absent' : 'optional';
  }
  if (inner.type === AST_NODE_TYPES.Identifier) return variableState(sourceCode, inner, depth);
  if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.object.type === AST_NODE_TYPES.Identifier) {
    const key = propertyName(inner);
    const holder = key === null ? undefined : resolveIdentifier(sourceCode, inner.object, depth);
    const value = key === null ? undefined : holder?.values.get(key);
    if (!holder || !value) return 'present';
    const state = valueState(sourceCode, value, depth + 1);
    return holder.optional.has(key!) && state === 'present' ? 'optional' : state;
  }
  return 'present';
}

/** A `let` declared empty (or `null`) and set only under a condition is optional; anything else not known is present. */
function variableState(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number): ValueState {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const declarator = variable?.defs.length === 1 ? variable.defs[0]!.node : undefined;
  if (!variable || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return 'present';
  const writes = variable.references.filter((ref) => ref.isWrite() && !ref.init);
  const initial: ValueState = declarator.init ? valueState(sourceCode, declarator.init, depth + 1) : 'absent';
  if (writes.length === 0) return initial;
  if (initial === 'present') return 'present';
  let state = initial;
  for (const write of writes) {
    const assignment = write.identifier.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') return 'present';
    const assigned = valueState(sourceCode, assignment.right, depth + 1);
    if (assigned === 'absent') continue;
    if (assigned === 'present' && !runsConditionally(sourceCode, assignment, declarator, declarator.id.name)) return 'present';
    state = 'optional';
  }
  return state;
}

function optionsNode(args: readonly TSESTree.CallExpressionArgument[], argument: OptionsArgument = 0): TSESTree.Node | undefined {
  if (argument === 'last') {
    const last = args[args.length - 1];
    if (!last || args.length === 1) {
      // A lone argument is the options object only when it is not a server/port (socket.io: `new Server(httpServer)`).
      const only = last && unwrapExpression(last);
      return only?.type === AST_NODE_TYPES.ObjectExpression ? only : undefined;
    }
    return last;
  }
  return args[argument];
}

/** The text of a simple literal value (`'memory'`, `true`, `3`), for `optionEquals`. */
function literalText(node: TSESTree.Node): string | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.Literal && inner.value !== null && typeof inner.value !== 'object') return String(inner.value);
  return staticString(inner);
}

/** The object a factory function returns: `() => ({ … })`, or a body with one `return` (nested functions aside). */
function returnedValue(sourceCode: SourceCode, value: TSESTree.Node | undefined): TSESTree.Node | undefined {
  const fn = value && unwrapExpression(value);
  if (!fn || !isFunction(fn)) return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const returns: TSESTree.ReturnStatement[] = [];
  walk(fn.body, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && !hasFunctionBetween(node, fn)) returns.push(node);
  });
  return returns.length === 1 ? (returns[0]!.argument ?? undefined) : undefined;
}

function hasFunctionBetween(node: TSESTree.Node, fn: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) if (isFunction(current)) return true;
  return false;
}

/** The options a trigger reads: the options argument, or with `factory`, what that option's function returns. */
function triggerOptions(sourceCode: SourceCode, trigger: Extract<Trigger, { factory?: string }>, args: readonly TSESTree.CallExpressionArgument[]): KnownOptions {
  const known = readOptions(sourceCode, optionsNode(args, trigger.argument));
  if (!trigger.factory) return known;
  const returned = returnedValue(sourceCode, known.values.get(trigger.factory));
  return returned ? readOptions(sourceCode, returned) : unknown();
}

/**
 * `true`: a finding; `false`: fine; `undefined`: the file does not show enough to tell (not reported);
 * `{ optional }`: an `optionMissing` option the file gives only under a condition, so the default configuration
 * keeps the library's own (in-memory) default.
 */
export type TriggerVerdict = boolean | undefined | { optional: string };

export function evaluateTrigger(sourceCode: SourceCode, trigger: Trigger | undefined, args: readonly TSESTree.CallExpressionArgument[]): TriggerVerdict {
  if (!trigger) return true;
  if (trigger.kind === 'firstArgumentIn') {
    const first = args[0] && staticString(args[0]);
    return first !== undefined && trigger.values.includes(first);
  }
  const known = triggerOptions(sourceCode, trigger, args);
  switch (trigger.kind) {
    case 'optionMissing': {
      // `store: undefined` and `store: null` are the library default, so they count as missing.
      let optional: string | undefined;
      for (const key of trigger.keys) {
        const value = known.values.get(key);
        if (!value) continue;
        const state = valueState(sourceCode, value);
        if (state === 'present' && !known.optional.has(key)) return false;
        if (state !== 'absent') optional ??= key;
      }
      if (!known.complete) return undefined;
      return optional === undefined ? true : { optional };
    }
    case 'optionPresent': {
      if (trigger.keys.some((key) => known.values.has(key))) return true;
      return known.complete ? false : undefined;
    }
    case 'optionEquals': {
      const value = known.values.get(trigger.key);
      if (!value) return known.complete ? false : undefined;
      const text = literalText(value);
      return text === undefined ? undefined : trigger.values.includes(text);
    }
  }
}

/** The `key: value` property whose value is `node`, if `node` is one. */
function propertyOf(node: TSESTree.Node): TSESTree.Property | undefined {
  const self = outermostWrapper(node);
  const parent = self.parent;
  return parent?.type === AST_NODE_TYPES.Property && parent.value === self && parent.parent?.type === AST_NODE_TYPES.ObjectExpression ? parent : undefined;
}

/**
 * True when `node` is the value of one of option `keys`, directly or through a `const` read only there
 * (`insuranceLimiter: new RateLimiterMemory()`, a fallback that is fine where the main store is shared).
 */
export function isOptionValue(sourceCode: SourceCode, node: TSESTree.Node, keys: readonly string[]): boolean {
  const isKey = (candidate: TSESTree.Node) => {
    const property = propertyOf(candidate);
    const key = property && propertyName(property);
    return typeof key === 'string' && keys.includes(key);
  };
  if (isKey(node)) return true;
  const declarator = outermostWrapper(node).parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== outermostWrapper(node)) return false;
  const reads = sourceCode.getDeclaredVariables(declarator)[0]?.references.filter((ref) => ref.isRead()) ?? [];
  return reads.length > 0 && reads.every((ref) => isKey(ref.identifier));
}
