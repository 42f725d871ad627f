/**
 * Minified or bundled code, told from source by its lines: a minifier's or bundler's lines are far longer than anyone
 * writes by hand (formatted code averages 30–60 characters; a long literal or two among normal lines stays far
 * below). Small files are left alone: one long line of configuration is not a bundle. The audit skips such files
 * before parsing them and the rules report nothing in them.
 */
const MINIFIED_AVERAGE_LINE = 500;
const MINIFIED_MIN_LENGTH = 4096;

/** The average line length of `text` when it looks minified, else undefined. */
export function minifiedLineLength(text: string): number | undefined {
  if (text.length < MINIFIED_MIN_LENGTH) return undefined;
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  const average = text.length / lines;
  return average >= MINIFIED_AVERAGE_LINE ? average : undefined;
}

export function isMinified(text: string): boolean {
  return minifiedLineLength(text) !== undefined;
}
