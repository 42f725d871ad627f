/**
 * New statements written as text. Parsed nodes keep their positions in that text, so recast prints them
 * as written (`{ every: ms }` stays on one line) and takes the blank lines around them from the text.
 */
import type { JSCodeshift } from 'jscodeshift';

type AnyNode = { type: string; [key: string]: unknown };
type Comment = { type: string; value: string; leading?: boolean; trailing?: boolean };

/** Parses `text` (one or more statements) with a blank line before and after it. */
export function parseStatements(j: JSCodeshift, text: string, before = '\n\n'): AnyNode[] {
  return j(`${before}${text}\n\n`).find(j.Program).get().node.body as AnyNode[];
}

/**
 * `text` preceded and followed by the comments of `node`, the statement it replaces. Comment nodes cannot
 * move to a parsed statement themselves: recast would look for their positions in the wrong text.
 */
export function withCommentsOf(node: AnyNode, text: string): string {
  const comments = (node.comments ?? []) as Comment[];
  const written = (comment: Comment) => (/Line$/.test(comment.type) ? `//${comment.value}` : `/*${comment.value}*/`);
  const leading = comments.filter((comment) => comment.leading !== false).map(written);
  const trailing = comments.filter((comment) => comment.leading === false).map(written);
  return [...leading, text].join('\n') + (trailing.length > 0 ? ` ${trailing.join(' ')}` : '');
}
