/**
 * `eslint-disable` comments, read the way ESLint reads them, so that one syntax silences a finding in the
 * editor and in CI: `-next-line`, `-line`, and `disable`/`enable` ranges, for all rules or named ones.
 */

/** A comment as ESLint's SourceCode gives it. */
export interface CommentLike {
  type: 'Line' | 'Block' | 'Shebang';
  value: string;
  loc: { start: { line: number }; end: { line: number } };
}

export interface Directive {
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  /** Rule names as written (`stateless/no-module-state`), or `all`. */
  rules: string[] | 'all';
  /** The line the directive applies to (ranges: the line it starts from). */
  line: number;
}

const DIRECTIVE = /^\s*eslint-(disable-next-line|disable-line|disable|enable)(?:\s+([^]*?))?\s*$/;

/** The eslint-disable/enable directives among a file's comments, in source order. */
export function parseDirectives(comments: readonly CommentLike[]): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    if (comment.type === 'Shebang') continue;
    const withoutReason = comment.value.split(/\s--\s/)[0] ?? '';
    const match = DIRECTIVE.exec(withoutReason);
    if (!match) continue;
    const kind = match[1] as Directive['kind'];
    const list = (match[2] ?? '').split(',').map((name) => name.trim()).filter(Boolean);
    const rules = list.length === 0 ? 'all' : list;
    const line = kind === 'disable-next-line' ? comment.loc.end.line + 1 : comment.loc.start.line;
    directives.push({ kind, rules, line });
  }
  return directives;
}

function names(directive: Directive, ruleName: string): boolean {
  return directive.rules === 'all' || directive.rules.includes(ruleName);
}

/** Whether a finding of `ruleName` (`stateless/<id>`) on `line` is silenced by the directives. */
export function isSuppressed(directives: readonly Directive[], ruleName: string, line: number): boolean {
  let disabled = false;
  for (const directive of directives) {
    if (!names(directive, ruleName)) continue;
    if ((directive.kind === 'disable-line' || directive.kind === 'disable-next-line') && directive.line === line) return true;
    if (directive.kind === 'disable' && directive.line <= line) disabled = true;
    if (directive.kind === 'enable' && directive.line <= line) disabled = false;
  }
  return disabled;
}
