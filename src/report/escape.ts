/**
 * Outputs are data, never markup or commands: a repository's file names and the code quoted in messages are
 * escaped for where they are printed. A newline in a file name must not start a line of a CI log (GitHub Actions
 * runs `::error …` lines as workflow commands), nor a row of a markdown table, nor change a SARIF URI.
 */

// C0 controls, DEL, C1 controls (NEL among them), the Unicode line and paragraph separators, and the bidirectional
// overrides and isolates that make text display in another order than it is read (Trojan Source).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Control and direction characters as visible escapes (`\n`, `\x1b`, `\u202e`): the text stays on one line, as written. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (char) => {
    const named = NAMED[char];
    if (named) return named;
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Markdown text that renders as the characters it holds: no HTML, emphasis, links, code or table cells from data. */
export function markdownText(text: string): string {
  return escapeControl(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`);
}

/**
 * A markdown code span holding `text` exactly, safe in a table cell: the fence is longer than any run of backticks
 * in it, and `|` is escaped (GitHub's tables split cells before reading code spans and unescape `\|` in them).
 */
export function markdownCode(text: string): string {
  const safe = escapeControl(text).replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = safe.startsWith('`') || safe.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${safe}${padding}${fence}`;
}

/**
 * A relative path as a URI reference: each segment percent-encoded (`#`, `?`, `%`, spaces, `:` and every other
 * character that is not unreserved), the `/` between segments kept.
 */
export function pathToUri(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}
