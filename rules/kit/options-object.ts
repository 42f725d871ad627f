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
  // `opts.store = …` after the declaration adds a key.
  for (const ref of variable.references) {
    const member = outermostWrapper(ref.identifier).parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== outermostWrapper(ref.identifier)) continue;
    const assignment = member.parent;
    if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === member) {
      const key = propertyName(member);
      if (key === null) known.complete = false;
      else known.values.set(key, assignment.right);
    } else if (member.parent?.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member) {
      known.complete = false; // e.g. Object.assign-like helpers on the object itself
    }
  }
  return known;
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
          const spread = readOptions(sourceCode, property.argument, depth + 1);
          for (const [key, value] of spread.values) known.values.set(key, value);
          known.complete &&= spread.complete;
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
      if (trigger.keys.some((key) => known.values.has(key))) return false;
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
