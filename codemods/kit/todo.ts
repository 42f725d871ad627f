/** `// TODO(stateless): …` comments for what a codemod saw but would not rewrite, rendered from its skip. */
import type { ASTPath, JSCodeshift } from 'jscodeshift';
import type { Report } from './codemod.js';
import type { SkipReasonId } from './skip-reasons.js';
import { skipTodo, type SkipDetail } from './skip.js';

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
function addTodoText(j: JSCodeshift, path: ASTPath, text: string): void {
  const statement = enclosingStatement(path).node as Commented;
  const value = ` ${TODO_PREFIX} ${text}`;
  const comments = statement.comments ?? [];
  if (comments.some((comment) => comment.value.includes(TODO_PREFIX) && comment.value.trim() === value.trim())) return;
  const comment = j.commentLine(value, true, false);
  statement.comments = [...comments.filter((existing) => existing.leading !== false), comment, ...comments.filter((existing) => existing.leading === false)];
}

/** Adds the skip's TODO comment above the statement holding `path`, when its reason has one. */
export function addTodo(j: JSCodeshift, path: ASTPath, skip: { reason: SkipReasonId; line: number; detail: SkipDetail }): void {
  const todo = skipTodo(skip);
  if (todo !== undefined) addTodoText(j, path, todo);
}

/** Reports a skip of what `path` is and, when its reason asks for one, leaves its TODO above it. */
export function reportSkip(j: JSCodeshift, report: Report, path: ASTPath, reason: SkipReasonId, detail: SkipDetail = {}): void {
  const line = lineOf(path);
  report.skipped(line, reason, detail);
  addTodo(j, path, { reason, line, detail });
}

/** The 1-based line of a node, or 0 when it was built by a codemod and has none. */
export function lineOf(path: ASTPath | { node: unknown }): number {
  const node = (path as { node: { loc?: { start: { line: number } } } }).node;
  return node.loc?.start.line ?? 0;
}
