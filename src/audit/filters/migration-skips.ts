/**
 * Findings a migration has already looked at and left. Where a codemod will not rewrite something, `stateless
 * migrate` leaves a `// TODO(stateless): …` comment above it; the report shows that guidance instead of advising
 * the codemod that declined it (running it again would change nothing).
 */
import fs from 'node:fs';
import path from 'node:path';
import { TODO_PREFIX } from '../../../codemods/kit/todo.js';
import type { AuditResult } from '../model.js';

const LINE_COMMENT = /^\s*\/\//;
const todoComment = new RegExp(`^\\s*//\\s*${TODO_PREFIX.replace(/[()]/g, '\\$&')}\\s*(.*)$`);

function readLines(file: string): string[] | undefined {
  try {
    return fs.readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return undefined;
  }
}

/**
 * The migration's guidance by finding fingerprint, for findings with a codemod that have `// TODO(stateless)` lines
 * in the comments right above their line (where the codemods put them, above the statement they skipped).
 */
export function migrationSkips(result: AuditResult): Map<string, string> {
  const skips = new Map<string, string>();
  const linesOf = new Map<string, string[] | undefined>();
  for (const finding of result.findings) {
    if (!finding.codemod) continue;
    if (!linesOf.has(finding.file)) linesOf.set(finding.file, readLines(path.join(result.root, finding.file)));
    const lines = linesOf.get(finding.file);
    if (!lines) continue;
    const todos: string[] = [];
    for (let index = finding.line - 2; index >= 0 && LINE_COMMENT.test(lines[index]!); index--) {
      const todo = todoComment.exec(lines[index]!)?.[1]?.trim();
      if (todo) todos.unshift(todo);
    }
    if (todos.length > 0) skips.set(finding.fingerprint, todos.join('; '));
  }
  return skips;
}
