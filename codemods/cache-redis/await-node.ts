/** `await <call>` in place of an expression, with the parentheses JavaScript needs there. */
import type { ASTPath, JSCodeshift } from 'jscodeshift';

type Node = { type: string; extra?: { parenthesized?: boolean }; [field: string]: unknown };

/**
 * Replaces the expression at `at` with `expression` awaited. recast parenthesizes an await where precedence
 * needs it (and a little more: `(await x.size()) === 0`, which it keeps when reprinting unchanged code,
 * so the output stays stable) but not before a TypeScript `!`, so that case is wrapped here.
 */
export function replaceWithAwait(j: JSCodeshift, at: ASTPath, expression: unknown): void {
  const inner = expression as Node;
  // Parentheses around the call are recast's to decide now, around the await.
  if (inner.extra) inner.extra = { ...inner.extra, parenthesized: false };
  const parent = at.parent as ASTPath;
  if (parent.node.type === 'AwaitExpression') {
    // Already awaited (harmless on a Map, needed now).
    at.replace(expression as never);
    return;
  }
  const result = j.awaitExpression(expression as never);
  const hadParentheses = (at.node as Node).extra?.parenthesized === true;
  at.replace(parent.node.type === 'TSNonNullExpression' ? j.parenthesizedExpression(result) : result);
  if (hadParentheses) {
    // recast would keep the source's parentheses and add its own inside: `!((await x.has(k)))`.
    // A copy of the parent without its source position is printed afresh, with one pair.
    const fresh: Node = { ...(parent.node as Node) };
    delete fresh.loc;
    delete fresh.start;
    delete fresh.end;
    parent.replace(fresh);
  }
}
