/** Lines of a file that earlier codemods already edited, traced back to the lines of the file on disk. */
import { diffLines } from 'diff';

/**
 * A function from a 1-based line of `edited` to the line of `original` it comes from; a line an edit
 * inserted maps to the original line it was inserted above (a TODO comment maps to its statement).
 */
export function lineMap(original: string, edited: string): (line: number) => number {
  if (original === edited) return (line) => line;
  const map = new Map<number, number>();
  let originalLine = 1;
  let editedLine = 1;
  // A replaced line shows as removed then added: the added lines belong to the first removed one.
  let replacedFrom: number | undefined;
  for (const part of diffLines(original, edited)) {
    const count = part.count ?? 0;
    if (part.removed) {
      replacedFrom = originalLine;
      originalLine += count;
      continue;
    }
    const anchor = part.added ? (replacedFrom ?? originalLine) : undefined;
    for (let index = 0; index < count; index += 1) map.set(editedLine + index, anchor ?? originalLine + index);
    editedLine += count;
    if (!part.added) originalLine += count;
    replacedFrom = undefined;
  }
  return (line) => map.get(line) ?? line;
}
