/** Timers and schedulers in the web process: setInterval, self-rescheduling setTimeout, cron libraries. */
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { intervalClearers, rescheduledTimers, timerPatterns } from '../src/knowledge/index.js';
import { findApiUses } from './kit/api-uses.js';
import { enclosingFunction, functionName, isFunction, outermostWrapper, propertyName, unwrapExpression, walk, type FunctionNode } from './kit/ast.js';
import { createCheckRule, type Report, type StatelessRuleContext } from './kit/create-rule.js';
import { leaderGate } from './kit/leader-gate.js';
import { libraryReports } from './kit/library-reports.js';
import { requestContext } from './kit/request-context.js';

type TimerReport = Report<'no-timers-in-web-process'>;

/** `tick` or `this.tick` (a method re-entering itself); `res.tick` is someone else's function. */
function namesFunction(node: TSESTree.Node, name: string): boolean {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === name;
  return inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.ThisExpression && propertyName(inner) === name;
}

/** Does the timer callback re-enter `name`: `setTimeout(tick)`, `this.tick.bind(this)`, `() => tick()`, `() => this.tick()`? */
function reenters(context: StatelessRuleContext, callback: TSESTree.Node, name: string): boolean {
  const inner = unwrapExpression(callback);
  if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(inner.callee) === 'bind') {
    return namesFunction(inner.callee.object, name);
  }
  if (!isFunction(inner)) return namesFunction(inner, name);
  let found = false;
  walk(inner.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && namesFunction(node.callee, name)) found = true;
  });
  return found;
}

/** The named function around `call` that its callback schedules again, looking through inner callbacks (`.then(() => setTimeout(poll))`). */
function rescheduledFunction(context: StatelessRuleContext, call: TSESTree.Node, callback: TSESTree.Node): string | undefined {
  for (let fn: FunctionNode | undefined = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    const name = functionName(fn);
    if (name && reenters(context, callback, name)) return name;
  }
  return undefined;
}

/** `function tick() { …; setTimeout(tick, ms) }`: a one-shot timer that makes a job loop. */
function timeoutLoops(context: StatelessRuleContext): TimerReport[] {
  const reports: TimerReport[] = [];
  for (const { call, args } of findApiUses(context.sourceCode, rescheduledTimers)) {
    const name = args[0] && rescheduledFunction(context, call, args[0]);
    if (name) reports.push({ node: call, messageId: 'timeoutLoop', data: { name } });
  }
  return reports;
}

/** The variable an interval's handle is kept in: `const t = setInterval(…)` or `t = setInterval(…)`. */
function handleVariable(context: StatelessRuleContext, call: TSESTree.Node): TSESLint.Scope.Variable | null {
  const holder = outermostWrapper(call).parent;
  const target = holder?.type === AST_NODE_TYPES.VariableDeclarator ? holder.id : holder?.type === AST_NODE_TYPES.AssignmentExpression ? holder.left : undefined;
  if (target?.type !== AST_NODE_TYPES.Identifier) return null;
  return ASTUtils.findVariable(context.sourceCode.getScope(target), target);
}

/** Intervals started while handling a request and cleared through their handle: per-connection heartbeats, not jobs. */
function isPerRequestTimer(context: StatelessRuleContext, call: TSESTree.Node): boolean {
  if (!requestContext(context).isInRequestHandling(call)) return false;
  const variable = handleVariable(context, call);
  if (!variable) return false;
  return findApiUses(context.sourceCode, intervalClearers).some(({ args }) => {
    const handle = args[0] && unwrapExpression(args[0]);
    return handle?.type === AST_NODE_TYPES.Identifier && variable.references.some((ref) => ref.identifier === handle);
  });
}

/** What a timer report names: `setInterval`, the scheduler library, or the rescheduled function. */
function timerName(report: Report): string {
  const { api, library, name } = report.data ?? {};
  if (report.messageId === 'interval') return `\`${api}\``;
  if (report.messageId === 'scheduler') return String(library);
  return `The \`${name}\` loop`;
}

/** The function a timer or scheduler call runs: its first function argument. */
function callbackOf(node: TSESTree.Node): TSESTree.Node | undefined {
  const call = unwrapExpression(node);
  if (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) return undefined;
  return call.arguments.find((argument) => isFunction(unwrapExpression(argument)));
}

/** A job that only the designated instance runs is still reported, as a weaker form with the gate named. */
function withLeaderGate(context: StatelessRuleContext, report: TimerReport): TimerReport {
  const gate = leaderGate(context, report.node, callbackOf(report.node));
  return gate === undefined ? report : { node: report.node, messageId: 'leaderGated', data: { what: timerName(report), gate } };
}

export default createCheckRule('no-timers-in-web-process', (context) =>
  [...libraryReports(context, timerPatterns).filter((report) => report.messageId !== 'interval' || !isPerRequestTimer(context, report.node)), ...timeoutLoops(context)].map((report) =>
    withLeaderGate(context, report),
  ),
);
