/** `// TODO(stateless): …` comments for what a codemod saw but would not rewrite. */
import type { ASTPath, JSCodeshift } from 'jscodeshift';

export const TODO_PREFIX = 'TODO(stateless):';

type Commented = { comments?: { type: string; value: string; leading?: boolean; trailing?: boolean }[] | null };

/** The statement (or class member) that holds `path`: where a comment about it reads naturally. */
export function enclosingStatement(path: ASTPath): ASTPath {
  let current: ASTPath = path;
  while (current.parent) {
    const parentType = (current.parent.node as { type: string }).type;
    if (parentType === 'Program' || parentType === 'BlockStatement' || parentType === 'ClassBody' || parentType === 'StaticBlock') return current;
    if (parentType === 'ExportNamedDeclaration' || parentType === 'ExportDefaultDeclaration') return current.parent as ASTPath;
    current = current.parent as ASTPath;
  }
  return current;
}

/** Adds `// TODO(stateless): <text>` above the statement holding `path`, once. */
export function addTodo(j: JSCodeshift, path: ASTPath, text: string): void {
  const statement = enclosingStatement(path).node as Commented;
  const value = ` ${TODO_PREFIX} ${text}`;
  const comments = statement.comments ?? [];
  if (comments.some((comment) => comment.value.includes(TODO_PREFIX) && comment.value.trim() === value.trim())) return;
  const comment = j.commentLine(value, true, false);
  statement.comments = [...comments.filter((existing) => existing.leading !== false), comment, ...comments.filter((existing) => existing.leading === false)];
}

/** The 1-based line of a node, or 0 when it was built by a codemod and has none. */
export function lineOf(path: ASTPath | { node: unknown }): number {
  const node = (path as { node: { loc?: { start: { line: number } } } }).node;
  return node.loc?.start.line ?? 0;
}
