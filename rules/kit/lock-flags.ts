/**
 * Tells a lock or guard flag (`if (running) return; running = true;`) from a status flag that is per process by
 * design (`isShuttingDown = true` on SIGTERM, `connected = true` on a client's `connect` event).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { CheckId } from '../../src/catalog.js';
import { lockStateNames } from '../../src/knowledge/index.js';
import { enclosingFunction } from './ast.js';
import type { Report, StatelessRuleContext } from './create-rule.js';
import { requestContext } from './request-context.js';

/**
 * True when the flag declared by `declaration` acts as a lock or shared switch: named like a lock, checked and
 * set in one function, or set while handling a request. Class fields are kept: a singleton's flag serves requests.
 */
export function isLockLikeFlag(context: StatelessRuleContext, declaration: TSESTree.Node): boolean {
  if (declaration.type !== AST_NODE_TYPES.VariableDeclarator || declaration.id.type !== AST_NODE_TYPES.Identifier) return true;
  const name = declaration.id.name;
  if (lockStateNames.names.some((pattern) => pattern.test(name))) return true;
  const references = context.sourceCode.getDeclaredVariables(declaration)[0]?.references.filter((ref) => !ref.init) ?? [];
  const writes = references.filter((ref) => ref.isWrite()).map((ref) => ref.identifier);
  const readers = new Set(references.filter((ref) => ref.isRead()).map((ref) => enclosingFunction(ref.identifier)));
  const handling = requestContext(context);
  return writes.some((write) => {
    const fn = enclosingFunction(write);
    return (fn !== undefined && readers.has(fn)) || handling.isInRequestHandling(write);
  });
}

/** `reports` without the status flags among the `flag` findings. */
export function withoutStatusFlags<C extends CheckId>(context: StatelessRuleContext, reports: readonly Report<C>[], flagMessageId: string): Report<C>[] {
  return reports.filter((report) => report.messageId !== flagMessageId || isLockLikeFlag(context, report.node));
}
