/** How the `stateless` subcommands end on a user's mistake: one line on stderr and exit code 2, never a stack trace. */
import { FatalAuditError } from './audit/model.js';
import { OutputFileError } from './output-file.js';
import { escapeControl } from './report/escape.js';

/** A wrong option or value on the command line. */
export class UsageError extends Error {}

/**
 * The exit code for an error a user caused (2, after printing it as one line) in `stateless <command>`; anything
 * else is a bug and is thrown again.
 */
export function userErrorExitCode(command: string, error: unknown): number {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true;
  if (!usage && !(error instanceof FatalAuditError) && !(error instanceof OutputFileError)) throw error;
  // A path in the message may hold any character; the line stays one line.
  const message = escapeControl((error as Error).message);
  process.stderr.write(`stateless ${command}: ${message}${usage ? `. Run 'stateless ${command} --help' for the options.` : ''}\n`);
  return 2;
}
