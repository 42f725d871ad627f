/**
 * The subcommands' command lines, read with node:util parseArgs but checked here, so that a mistake gets this
 * CLI's own one-line message (parseArgs' own texts name internals and quote unevenly).
 */
import { parseArgs } from 'node:util';
import { UsageError } from './command-errors.js';

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean | string[] | boolean[];
}

/** What every command takes besides its own options. */
export const commonOptions = {
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const satisfies Record<string, OptionSpec>;

/**
 * Checks `argv` against a command's `options` before parseArgs reads it (strict): throws UsageError for an unknown
 * option, a missing value, or a value given to a flag.
 */
export function checkCommandLine(argv: readonly string[], options: Readonly<Record<string, OptionSpec>>): void {
  // Not strict: parseArgs then reports every option it saw as a token instead of throwing its own message.
  const { tokens } = parseArgs({ args: [...argv], options: options as never, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (!spec) throw new UsageError(`unknown option '${token.rawName}'`);
    if (spec.type === 'boolean' && token.value !== undefined) throw new UsageError(`option '${token.rawName}' takes no value`);
    // `--format --json` is a forgotten value, not the format '--json' (parseArgs' strict mode says so too).
    if (spec.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      throw new UsageError(`option '${token.rawName}' needs a value`);
    }
  }
}
