/** What the CLI shows only on a terminal: colour (NO_COLOR and FORCE_COLOR aware) and a progress line on stderr. */

/** The part of a stream (process.stdout, process.stderr, a test's fake) the terminal helpers use. */
export interface TerminalStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * Whether to colour what goes to `stream`. FORCE_COLOR decides when it is set (`0` off, any other value on), ahead
 * of NO_COLOR as in Node and chalk; a non-empty NO_COLOR turns colour off (https://no-color.org); otherwise only a
 * terminal that is not `TERM=dumb` gets colour, never a pipe or a file.
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0';
  if (env['NO_COLOR']) return false;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/** The few styles the text report uses; `plainStyle` leaves text as it is. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
}

export const plainStyle: Style = { bold: (text) => text, dim: (text) => text, red: (text) => text, green: (text) => text };

// Each style resets only its own attribute, so that styles nest.
export const ansiStyle: Style = {
  bold: (text) => `\x1b[1m${text}\x1b[22m`,
  dim: (text) => `\x1b[2m${text}\x1b[22m`,
  red: (text) => `\x1b[31m${text}\x1b[39m`,
  green: (text) => `\x1b[32m${text}\x1b[39m`,
};

/** Carriage return and erase to the end of the line: the progress line's text goes, the cursor is at column 0. */
export const CLEAR_LINE = '\r\x1b[K';

/** At most ten updates a second: a terminal that redraws on every parsed file slows the run it reports on. */
const MIN_UPDATE_INTERVAL_MS = 100;

/**
 * One line of progress on a terminal, rewritten in place and cleared before results are printed. On anything that
 * is not a terminal (a CI log, a pipe) it writes nothing at all.
 */
export class ProgressLine {
  private shown = false;
  private lastUpdate = -Infinity;
  private lastKey: string | undefined;

  constructor(
    private readonly stream: TerminalStream,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Shows `text` in place of the previous line. Updates closer than 100 ms to the last one are dropped, except the
   * first of a new `key` (a new stage), so that a long stage never shows the previous one's last count.
   */
  update(text: string, key = ''): void {
    if (!this.stream.isTTY) return;
    const time = this.now();
    if (key === this.lastKey && time - this.lastUpdate < MIN_UPDATE_INTERVAL_MS) return;
    this.lastUpdate = time;
    this.lastKey = key;
    // A line longer than the terminal wraps, and the carriage return would then clear only its last row.
    const width = this.stream.columns;
    const fitted = width !== undefined && width > 1 && text.length >= width ? `${text.slice(0, width - 2)}…` : text;
    this.stream.write(`${CLEAR_LINE}${fitted}`);
    this.shown = true;
  }

  /** Erases the line, if one is shown; call it before printing results and on the way out. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write(CLEAR_LINE);
    this.shown = false;
  }
}
