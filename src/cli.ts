#!/usr/bin/env node
/** The `stateless` command: `audit` a repository, `migrate` it to shared state, list the `rules`. */
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { allChecks, categories, categoryIds } from './catalog.js';
import { UsageError, userErrorExitCode } from './command-errors.js';
import { checkCommandLine, commonOptions } from './command-line.js';
import { packageInfo } from './package-info.js';
import { escapeControl } from './report/escape.js';

const help = `stateless ${packageInfo.version}: find what keeps a Node.js web process from scaling out, and migrate it to shared state.

Usage:
  stateless audit [paths…]   audit a repository (stateless audit --help for the options)
  stateless migrate [paths…] rewrite what the audit found to shared state (stateless migrate --help)
  stateless rules [--json]   list every check by checklist category
  stateless --help           this help
  stateless --version        the version (also after a command)

In your editor, use the ESLint plugin: import stateless from 'eslint-plugin-stateless' and add stateless.configs.recommended.
`;

const rulesHelp = `stateless rules [options]

Lists every check by checklist category, with the codemod that fixes it.

Options:
  --json                    the catalog as JSON
  -h, --help                this help
  -v, --version             the version
`;

const rulesOptions = { json: { type: 'boolean', default: false }, ...commonOptions } as const;

function printRules(json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ categories, checks: allChecks }, null, 2)}\n`);
    return;
  }
  for (const category of categoryIds) {
    const { checklistItem, destination } = categories[category];
    process.stdout.write(`\n${category}: ${checklistItem} (move to ${destination})\n`);
    for (const check of allChecks.filter((candidate) => candidate.category === category)) {
      process.stdout.write(`  stateless/${check.id}  ${check.title}${check.codemod ? `  [codemod: ${check.codemod}]` : ''}\n`);
    }
  }
}

/** Runs the command line; returns the exit code (0 fine, 1 findings, 2 usage or fatal error). */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Without a command there is nothing to do: the help goes where errors go, as git and npm do.
  if (command === undefined) {
    process.stderr.write(help);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(help);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${packageInfo.version}\n`);
    return 0;
  }
  if (command === 'audit') {
    // An audit runs much code (the TypeScript parser, typescript-estree's conversion, ESLint's scope analysis) for
    // seconds, not hours. With a smaller inlining budget (default 920 bytes of bytecode) V8's optimizing compiler,
    // whose threads compete with the audit's for the cores, spends less than the code would save: on the 1k-file
    // bench project, interleaved runs took 6-15 % less wall time and CPU (150 and 400 gained less, 0 lost).
    // Process-wide, and set before the audit's code is compiled; the programmatic audit() leaves V8 as it is.
    v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
    // Loaded on demand: the audit pulls in the TypeScript compiler and ESLint, which `rules` and `--help` do not need.
    return (await import('./audit/command.js')).runAuditCommand(rest);
  }
  if (command === 'migrate') return (await import('./migrate/command.js')).runMigrateCommand(rest);
  if (command === 'rules') return runRulesCommand(rest);
  const what = command.startsWith('-') ? 'option' : 'command';
  process.stderr.write(`stateless: unknown ${what} '${escapeControl(command)}'. Run 'stateless --help' for the commands.\n`);
  return 2;
}

function runRulesCommand(argv: readonly string[]): number {
  try {
    checkCommandLine(argv, rulesOptions);
    const { values, positionals } = parseArgs({ args: [...argv], options: rulesOptions, allowPositionals: true });
    if (values.help) process.stdout.write(rulesHelp);
    else if (values.version) process.stdout.write(`${packageInfo.version}\n`);
    else if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    else printRules(values.json);
    return 0;
  } catch (error) {
    return userErrorExitCode('rules', error);
  }
}

// A closed pipe (`stateless rules | head`) is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await main(process.argv.slice(2));
