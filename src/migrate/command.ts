/** `stateless migrate`: parses the command line, checks the tree, runs the migration, prints the summary. */
import { parseArgs } from 'node:util';
import { codemodIds } from '../catalog.js';
import { UsageError, userErrorExitCode } from '../command-errors.js';
import { gitTreeState } from './git.js';
import { planMigrationRun } from './migrate.js';
import { parseCodemodList } from './plan.js';
import { jsonSummary, textSummary } from './summary.js';
import { unifiedDiff } from './write-files.js';
import { applyPlan } from './written.js';

export const migrateHelp = `stateless migrate [paths…] [options]

Runs the audit and rewrites what its findings name to shared state: sessions and caches in Redis, files in
object storage, jobs in a BullMQ worker, socket.io through a Redis adapter, rate limits in Redis.

Options:
  --codemod <ids>           only these codemods, comma-separated: ${codemodIds.join(', ')}
  --dry-run                 print unified diffs of every change and write nothing
  --force                   run even when the git tree has uncommitted changes
  --project <tsconfig>      tsconfig.json to resolve imports with (default: <root>/tsconfig.json)
  --format <name>           summary as text (default) or json
  -h, --help                this help

Exit codes: 0 all findings migrated, 1 some skipped (see the summary), 2 usage or fatal error.
`;

/** Runs `stateless migrate` with the arguments after the command name. */
export async function runMigrateCommand(argv: readonly string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        codemod: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        project: { type: 'string' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      process.stdout.write(migrateHelp);
      return 0;
    }
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown format '${values.format}'; use text or json`);
    let selected;
    try {
      selected = parseCodemodList(values.codemod);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const dryRun = values['dry-run']!;
    if (process.stderr.isTTY) process.stderr.write('stateless: auditing…\r');
    const plan = await planMigrationRun({ paths: positionals, project: values.project, codemods: selected });
    if (!dryRun && !values.force && plan.writes.length > 0) {
      const tree = gitTreeState(plan.root);
      if (tree.kind === 'dirty') {
        process.stderr.write(
          `stateless migrate: ${plan.root} has uncommitted changes (${tree.files.slice(0, 5).join(', ')}${tree.files.length > 5 ? ', …' : ''}).\n` +
            'Commit or stash them first, so that the migration can be reviewed and undone with git; or pass --force.\n',
        );
        return 2;
      }
    }
    if (dryRun) for (const write of plan.writes) process.stdout.write(unifiedDiff(plan.root, write));
    // Brings the plan in line with what is on disk: the summary reports what was written, not what was meant to be.
    const failures = dryRun ? [] : applyPlan(plan);
    const summary = values.format === 'json' ? jsonSummary(plan, { dryRun }) : textSummary(plan, { dryRun });
    (dryRun && values.format === 'text' ? process.stderr : process.stdout).write(summary);
    for (const failure of failures) process.stderr.write(`stateless migrate: could not write ${failure.file}: ${failure.error}\n`);
    if (failures.length > 0) return 2;
    return plan.skipped.length > 0 || plan.notWritten.length > 0 ? 1 : 0;
  } catch (error) {
    return userErrorExitCode('migrate', error);
  }
}
