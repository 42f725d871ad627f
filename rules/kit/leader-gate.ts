/**
 * Whether a timer runs only in the instance that makes itself the designated one: under `if (cluster.isPrimary)`,
 * `if (process.env.NODE_APP_INSTANCE === '0')`, a flag named like it (`if (config.runJobs)`, `if (!isLeader) return`),
 * or with a distributed lock taken in its callback. Such a job runs once, not N times — while exactly one instance
 * passes the gate — so it is reported as info with the gate named.
 */
import { ASTUtils, AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { clusterPrimaryMembers, distributedLockNames, instanceNumberVariables, leaderFlagNames, lockAcquireMethods } from '../../src/knowledge/leader-gates.js';
import { moduleValueReferences } from './api-uses.js';
import { isFunction, propertyName, unwrapExpression, walk } from './ast.js';
import type { StatelessRuleContext } from './create-rule.js';

type Node = TSESTree.Node;

/** How far up the calls of a local function the gate is looked for. */
const MAX_CALLER_DEPTH = 3;

/** The name an expression ends in: `isLeader`, `config.runJobs`, `env.ENABLE_CRON`, `isLeader()`, `await isLeader()`. */
function finalName(node: Node): string | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.AwaitExpression) return finalName(inner.argument);
  if (inner.type === AST_NODE_TYPES.CallExpression) return finalName(inner.callee);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return propertyName(inner) ?? undefined;
  return undefined;
}

const isZero = (node: Node) => {
  const inner = unwrapExpression(node);
  return inner.type === AST_NODE_TYPES.Literal && (inner.value === 0 || inner.value === '0');
};

class LeaderGates {
  private readonly primaryMembers = new Set<Node>();

  constructor(private readonly context: StatelessRuleContext) {
    const { sourceCode } = context;
    for (const { modules, members } of clusterPrimaryMembers) {
      for (const root of moduleValueReferences(sourceCode, modules)) {
        const parent = root.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === root && members.includes(propertyName(parent) ?? '')) this.primaryMembers.add(parent);
      }
      for (const member of members) for (const reference of moduleValueReferences(sourceCode, modules, [member])) this.primaryMembers.add(reference);
    }
  }

  /** Whether a condition holds only in the designated instance. */
  private isGate(test: Node): boolean {
    const inner = unwrapExpression(test);
    if (this.primaryMembers.has(inner)) return true;
    if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator === '&&') return this.isGate(inner.left) || this.isGate(inner.right);
    if (inner.type === AST_NODE_TYPES.BinaryExpression && (inner.operator === '===' || inner.operator === '==')) {
      const text = this.context.sourceCode.getText(inner);
      if ((isZero(inner.left) || isZero(inner.right)) && instanceNumberVariables.some((name) => text.includes(name))) return true;
      return this.isGate(inner.left) || this.isGate(inner.right);
    }
    const name = finalName(inner);
    return name !== undefined && leaderFlagNames.some((pattern) => pattern.test(name));
  }

  /** `!gate` (for early returns): the gate inside. */
  private negatedGate(test: Node): Node | undefined {
    const inner = unwrapExpression(test);
    return inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === '!' && this.isGate(inner.argument) ? inner.argument : undefined;
  }

  /** `if (!gate) return;` among the statements before `statement` in its block. */
  private earlyReturnGate(statement: Node): Node | undefined {
    const block = statement.parent;
    if (block?.type !== AST_NODE_TYPES.BlockStatement && block?.type !== AST_NODE_TYPES.Program) return undefined;
    for (const before of block.body) {
      if (before === statement) break;
      if (before.type !== AST_NODE_TYPES.IfStatement || before.alternate) continue;
      const exit = before.consequent.type === AST_NODE_TYPES.BlockStatement ? before.consequent.body[0] : before.consequent;
      if (exit?.type !== AST_NODE_TYPES.ReturnStatement && exit?.type !== AST_NODE_TYPES.ThrowStatement) continue;
      const gate = this.negatedGate(before.test);
      if (gate) return gate;
    }
    return undefined;
  }

  /** The gate around `node` in its own code, up to and through the functions that call it in this file. */
  gateAround(node: Node, depth = 0): Node | undefined {
    let child = node;
    for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
      if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && child !== parent.test) {
        if (child === parent.consequent && this.isGate(parent.test)) return parent.test;
        const negated = child === parent.alternate ? this.negatedGate(parent.test) : undefined;
        if (negated) return negated;
      }
      if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && child === parent.right && this.isGate(parent.left)) return parent.left;
      const early = this.earlyReturnGate(child);
      if (early) return early;
      if (isFunction(parent) && depth < MAX_CALLER_DEPTH) return this.gateOfCallers(parent, depth + 1);
    }
    return undefined;
  }

  /** A named local function whose every call in this file is gated: the gate of its first call. */
  private gateOfCallers(fn: Node, depth: number): Node | undefined {
    const name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator ? fn.parent.id : undefined;
    // An inline callback: the gate may be around the call it is given to.
    if (!name) return fn.parent ? this.gateAround(fn.parent, depth) : undefined;
    if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = ASTUtils.findVariable(this.context.sourceCode.getScope(name), name);
    // Its own re-entries (`setTimeout(tick)` inside `tick`) are not callers.
    const inside = (node: Node) => node.range[0] >= fn.range[0] && node.range[1] <= fn.range[1];
    const calls = (variable?.references ?? []).filter((reference) => reference.identifier !== name && reference.isRead() && !inside(reference.identifier as Node));
    if (calls.length === 0) return undefined;
    let first: Node | undefined;
    for (const call of calls) {
      const gate = this.gateAround(call.identifier as Node, depth);
      if (!gate) return undefined;
      first ??= gate;
    }
    return first;
  }

  /** A distributed lock taken inside the timer's callback (`await redlock.acquire([…])`): one instance at a time runs it. */
  lockIn(callback: Node | undefined): Node | undefined {
    const fn = callback && unwrapExpression(callback);
    if (!fn || !isFunction(fn)) return undefined;
    let found: Node | undefined;
    walk(fn.body, this.context.sourceCode.visitorKeys, (node) => {
      if (found || node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = unwrapExpression(node.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
      if (method === null) return;
      const text = this.context.sourceCode.getText(callee);
      const named = distributedLockNames.some((pattern) => pattern.test(text));
      if ((lockAcquireMethods.includes(method) && named) || (callee.type === AST_NODE_TYPES.Identifier && named && /lock/i.test(method))) found = node;
    });
    return found;
  }
}

const gatesByContext = new WeakMap<object, LeaderGates>();

/** The gate that makes a timer run only in the designated instance, as source text (shortened), if any. */
export function leaderGate(context: StatelessRuleContext, timer: Node, callback: Node | undefined): string | undefined {
  let gates = gatesByContext.get(context.sourceCode);
  if (!gates) {
    gates = new LeaderGates(context);
    gatesByContext.set(context.sourceCode, gates);
  }
  const gate = gates.gateAround(timer) ?? gates.lockIn(callback);
  if (!gate) return undefined;
  const text = context.sourceCode.getText(gate).replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
