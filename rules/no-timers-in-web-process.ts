/** Timers and schedulers in the web process: setInterval, self-rescheduling setTimeout, cron libraries. */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { rescheduledTimers, timerPatterns } from '../src/knowledge/index.js';
import { findApiUses } from './kit/api-uses.js';
import { enclosingFunction, functionName, isFunction, propertyName, unwrapExpression, walk } from './kit/ast.js';
import { createCheckRule, type Report, type StatelessRuleContext } from './kit/create-rule.js';
import { libraryReports } from './kit/library-reports.js';

/** The name a callback re-enters: `tick` in `setTimeout(tick)`, `() => tick()`, `() => this.tick()`. */
function callsFunctionNamed(context: StatelessRuleContext, callback: TSESTree.Node, name: string): boolean {
  const inner = unwrapExpression(callback);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return propertyName(inner) === name;
  if (!isFunction(inner)) return false;
  let found = false;
  walk(inner.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = unwrapExpression(node.callee);
    if ((callee.type === AST_NODE_TYPES.Identifier && callee.name === name) || (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === name)) found = true;
  });
  return found;
}

/** `function tick() { …; setTimeout(tick, ms) }`: a one-shot timer that makes a job loop. */
function timeoutLoops(context: StatelessRuleContext): Report[] {
  const reports: Report[] = [];
  for (const { call, args } of findApiUses(context.sourceCode, rescheduledTimers)) {
    const owner = enclosingFunction(call);
    const name = owner && functionName(owner);
    if (name && args[0] && callsFunctionNamed(context, args[0], name)) reports.push({ node: call, messageId: 'timeoutLoop', data: { name } });
  }
  return reports;
}

export default createCheckRule('no-timers-in-web-process', (context) => [...libraryReports(context, timerPatterns), ...timeoutLoops(context)]);
