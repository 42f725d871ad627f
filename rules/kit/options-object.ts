/**
 * Reads an options object as far as one file shows it: an object literal, a `const` holding one,
 * spreads of those, and `opts.key = …` assignments. What cannot be seen makes the answer "unknown".
 */
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { OptionsArgument, Trigger } from '../../src/knowledge/index.js';
import { outermostWrapper, propertyName, staticString, unwrapExpression } from './ast.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The keys an options object is known to set, with their value nodes; `complete` is false where some keys are hidden. */
export interface KnownOptions {
  values: Map<string, TSESTree.Node>;
  complete: boolean;
}

const MAX_DEPTH = 4;

function resolveIdentifier(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number): KnownOptions {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs[0];
  const declarator = definition?.node;
  if (!variable || variable.defs.length !== 1 || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init) {
    return { values: new Map(), complete: false };
  }
  if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return { values: new Map(), complete: false };
  const known = readOptions(sourceCode, declarator.init, depth + 1);
  for (const ref of variable.references) addLaterKeys(sourceCode, known, outermostWrapper(ref.identifier), depth);
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
function addLaterKeys(sourceCode: SourceCode, known: KnownOptions, reference: TSESTree.Node, depth: number): void {
  if (isAssignTarget(reference)) {
    for (const source of reference.parent.arguments.slice(1)) merge(known, readOptions(sourceCode, source, depth + 1));
    return;
  }
  const member = reference.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference) return;
  const assignment = member.parent;
  if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === member) {
    const key = propertyName(member);
    if (key === null) known.complete = false;
    else known.values.set(key, assignment.right);
  } else if (assignment?.type === AST_NODE_TYPES.CallExpression && assignment.callee === member) {
    known.complete = false; // a method of the object itself may add keys
  }
}

function merge(into: KnownOptions, from: KnownOptions): void {
  for (const [key, value] of from.values) into.values.set(key, value);
  into.complete &&= from.complete;
}

/** What an expression used as an options object is known to contain. */
export function readOptions(sourceCode: SourceCode, node: TSESTree.Node | undefined, depth = 0): KnownOptions {
  if (!node) return { values: new Map(), complete: true };
  if (depth > MAX_DEPTH) return { values: new Map(), complete: false };
  const inner = unwrapExpression(node);
  switch (inner.type) {
    case AST_NODE_TYPES.ObjectExpression: {
      const known: KnownOptions = { values: new Map(), complete: true };
      for (const property of inner.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) {
          merge(known, readOptions(sourceCode, property.argument, depth + 1));
          continue;
        }
        const key = propertyName(property);
        if (key === null) known.complete = false;
        else known.values.set(key, property.value);
      }
      return known;
    }
    case AST_NODE_TYPES.ArrayExpression:
      return { values: new Map(), complete: true };
    case AST_NODE_TYPES.Identifier:
      if (inner.name === 'undefined') return { values: new Map(), complete: true };
      return resolveIdentifier(sourceCode, inner, depth);
    default:
      return { values: new Map(), complete: false };
  }
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

function isUndefined(node: TSESTree.Node): boolean {
  const inner = unwrapExpression(node);
  return inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined';
}

/** The text of a simple literal value (`'memory'`, `true`, `3`), for `optionEquals`. */
function literalText(node: TSESTree.Node): string | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.Literal && inner.value !== null && typeof inner.value !== 'object') return String(inner.value);
  return staticString(inner);
}

/** `true`: a finding; `false`: fine; `undefined`: the file does not show enough to tell (not reported). */
export function evaluateTrigger(sourceCode: SourceCode, trigger: Trigger | undefined, args: readonly TSESTree.CallExpressionArgument[]): boolean | undefined {
  if (!trigger) return true;
  if (trigger.kind === 'firstArgumentIn') {
    const first = args[0] && staticString(args[0]);
    return first !== undefined && trigger.values.includes(first);
  }
  const known = readOptions(sourceCode, optionsNode(args, trigger.argument));
  switch (trigger.kind) {
    case 'optionMissing': {
      // `store: undefined` is the library default, so it counts as missing.
      if (trigger.keys.some((key) => known.values.has(key) && !isUndefined(known.values.get(key)!))) return false;
      return known.complete ? true : undefined;
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
