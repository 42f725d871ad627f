/** `stateless migrate`: parses the command line, checks the tree, runs the migration, prints the summary. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { showAuditProgress } from '../audit/command.js';
import { FatalAuditError } from '../audit/model.js';
import { codemodIds } from '../catalog.js';
import { UsageError, userErrorExitCode } from '../command-errors.js';
import { checkCommandLine, commonOptions } from '../command-line.js';
import { packageInfo } from '../package-info.js';
import { escapeControl } from '../report/escape.js';
import { gitTreeState } from './git.js';
import { planMigrationRun, type MigrationPlan } from './migrate.js';
import { parseCodemodList } from './plan.js';
import { jsonSummary, textSummary } from './summary.js';
import { removeLeftoverTemporaryFiles, unifiedDiff } from './write-files.js';
import { applyPlan } from './written.js';

export const migrateHelp = `stateless migrate [paths…] [options]

Runs the audit and rewrites what its findings name to shared state: sessions and caches in Redis, files in
object storage, jobs in a BullMQ worker, socket.io through a Redis adapter, rate limits in Redis.

Options:
  --codemod <ids>           only these codemods, comma-separated: ${codemodIds.join(', ')}
  --dry-run                 print unified diffs of every change and write nothing
  --force                   run with uncommitted changes in the git tree, or outside a git repository
  --project <tsconfig>      tsconfig.json to resolve imports with (default: <root>/tsconfig.json)
  --format <name>           summary as text (default) or json; with --dry-run the JSON holds the diffs
  -h, --help                this help
  -v, --version             the version

Exit codes: 0 all findings migrated, 1 some skipped or a file not written (see the summary), 2 usage or fatal
error, or a write that failed.
`;

const migrateOptions = {
  codemod: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  project: { type: 'string' },
  format: { type: 'string', default: 'text' },
  ...commonOptions,
} as const;

/** The planned writes as unified diffs, paths relative to the root. */
function diffsOf(plan: MigrationPlan): { file: string; diff: string }[] {
  return plan.writes.map((write) => ({ file: path.relative(plan.root, write.file).split(path.sep).join('/'), diff: unifiedDiff(plan.root, write) }));
}

/** A diff for a terminal or CI log: a control character in a file name must not break a header line in two. */
function printableDiff(plan: MigrationPlan, write: MigrationPlan['writes'][number]): string {
  return unifiedDiff(escapeControl(plan.root), { ...write, file: escapeControl(write.file) });
}

/** Runs the audit and plans, with the audit's progress line on a terminal's stderr (cleared before anything is printed). */
async function planWithProgress(options: Parameters<typeof planMigrationRun>[0]): Promise<MigrationPlan> {
  const progress = showAuditProgress(process.stderr);
  try {
    return await planMigrationRun({ ...options, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
}

/** Runs `stateless migrate` with the arguments after the command name. */
export async function runMigrateCommand(argv: readonly string[]): Promise<number> {
  try {
    checkCommandLine(argv, migrateOptions);
    const { values, positionals } = parseArgs({ args: [...argv], options: migrateOptions, allowPositionals: true });
    if (values.help) {
      process.stdout.write(migrateHelp);
      return 0;
    }
    if (values.version) {
      process.stdout.write(`${packageInfo.version}\n`);
      return 0;
    }
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown format '${values.format}'; use text or json`);
    let selected;
    try {
      selected = parseCodemodList(values.codemod);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const dryRun = values['dry-run'];
    const plan = await planWithProgress({ paths: positionals, project: values.project, codemods: selected });
    if (plan.audit.summary.files === 0) throw new FatalAuditError(`nothing to migrate: no JavaScript or TypeScript source files below ${positionals.join(', ') || '.'}`);
    if (!dryRun) {
      // A run killed mid-write leaves a temporary file beside its target (which it did not replace).
      const leftovers = removeLeftoverTemporaryFiles(plan.root);
      if (leftovers.length > 0) process.stderr.write(`stateless migrate: removed ${leftovers.length} temporary file(s) an interrupted run left\n`);
    }
    const tree = !dryRun && plan.writes.length > 0 ? gitTreeState(plan.root) : undefined;
    if (tree?.kind === 'not-a-repository') {
      const why = `stateless migrate: ${escapeControl(plan.root)}: ${tree.why}; a migration should be reviewable and undoable with git`;
      process.stderr.write(values.force ? `${why}. Writing anyway (--force).\n` : `${why}: commit the project to git first, or pass --force.\n`);
      if (!values.force) return 2;
    }
    if (tree && !values.force) {
      if (tree.kind === 'dirty') {
        process.stderr.write(
          `stateless migrate: ${escapeControl(plan.root)} has uncommitted changes (${tree.files.slice(0, 5).map(escapeControl).join(', ')}${tree.files.length > 5 ? ', …' : ''}).\n` +
            'Commit or stash them first, so that the migration can be reviewed and undone with git; or pass --force.\n',
        );
        return 2;
      }
    }
    const json = values.format === 'json';
    // Text: the diffs on stdout, the summary beside them on stderr. JSON: one document on stdout, the diffs inside.
    if (dryRun && !json) for (const write of plan.writes) process.stdout.write(printableDiff(plan, write));
    // Brings the plan in line with what is on disk: the summary reports what was written, not what was meant to be.
    const failures = dryRun ? [] : applyPlan(plan);
    const summary = json ? jsonSummary(plan, { dryRun, diffs: dryRun ? diffsOf(plan) : undefined }) : textSummary(plan, { dryRun });
    (dryRun && !json ? process.stderr : process.stdout).write(summary);
    for (const failure of failures) process.stderr.write(`stateless migrate: could not write ${escapeControl(failure.file)}: ${escapeControl(failure.error)}\n`);
    if (failures.length > 0) return 2;
    return plan.skipped.length > 0 || plan.notWritten.length > 0 ? 1 : 0;
  } catch (error) {
    return userErrorExitCode('migrate', error);
  }
}
