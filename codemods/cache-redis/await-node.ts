/** `await <call>` in place of an expression, with the parentheses JavaScript needs there. */
import type { ASTPath, JSCodeshift } from 'jscodeshift';
import { parentPath } from '../kit/ast.js';
import type { ExpressionNode } from '../kit/codemod.js';

/** Babel's `extra.parenthesized`, which ast-types does not declare: the source wrote parentheses around the node. */
function parenthesized(node: object): boolean {
  return 'extra' in node && typeof node.extra === 'object' && node.extra !== null && 'parenthesized' in node.extra && node.extra.parenthesized === true;
}

/**
 * Replaces the expression at `at` with `expression` awaited. recast parenthesizes an await where precedence
 * needs it (and a little more: `(await x.size()) === 0`, which it keeps when reprinting unchanged code,
 * so the output stays stable) but not before a TypeScript `!`, so that case is wrapped here.
 */
export function replaceWithAwait(j: JSCodeshift, at: ASTPath, expression: ExpressionNode): void {
  // Parentheses around the call are recast's to decide now, around the await.
  if ('extra' in expression && typeof expression.extra === 'object' && expression.extra !== null) expression.extra = { ...expression.extra, parenthesized: false };
  const parent = parentPath(at);
  if (!parent) return;
  if (parent.node.type === 'AwaitExpression') {
    // Already awaited (harmless on a Map, needed now).
    at.replace(expression);
    return;
  }
  const result = j.awaitExpression(expression);
  const hadParentheses = parenthesized(at.node);
  at.replace(parent.node.type === 'TSNonNullExpression' ? j.parenthesizedExpression(result) : result);
  if (hadParentheses) {
    // recast would keep the source's parentheses and add its own inside: `!((await x.has(k)))`.
    // A copy of the parent without its source position is printed afresh, with one pair.
    const fresh = { ...parent.node };
    for (const position of ['loc', 'start', 'end']) Reflect.deleteProperty(fresh, position);
    parent.replace(fresh);
  }
}
