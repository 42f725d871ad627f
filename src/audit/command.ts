/** `stateless audit`: parses the command line, runs the audit, writes the report, returns the exit code. */
import { parseArgs } from 'node:util';
import { categoryIds, type CategoryId } from '../catalog.js';
import { UsageError, userErrorExitCode } from '../command-errors.js';
import { checkCommandLine, commonOptions } from '../command-line.js';
import { prepareOutputFile, writeOutputFile } from '../output-file.js';
import { packageInfo } from '../package-info.js';
import { formats, type FormatName } from '../report/index.js';
import { colorEnabled, ProgressLine, type TerminalStream } from '../terminal.js';
import { audit, type AuditProgress } from './audit.js';
import { writeBaseline } from './filters/baseline.js';
import { migrationSkips } from './filters/migration-skips.js';
import { FatalAuditError, type AuditResult } from './model.js';

export const auditHelp = `stateless audit [paths…] [options]

Audits a whole repository for what keeps its web process from running as several identical instances.

Options:
  --project <tsconfig>      tsconfig.json to resolve imports with (default: <root>/tsconfig.json)
  --format <name>           text (default), json, sarif or markdown
  --output <file>           write the report to a file instead of stdout
  --baseline <file>         ignore the findings recorded in this baseline file
  --update-baseline         write all current findings to the --baseline file and exit 0
  --category <list>         only these categories, comma-separated: ${categoryIds.join(', ')}
  --ignore <glob>           skip files matching the glob (repeatable)
  -h, --help                this help
  -v, --version             the version

Exit codes: 0 no findings, 1 findings, 2 usage error, nothing to audit, or fatal error.
`;

const auditOptions = {
  project: { type: 'string' },
  format: { type: 'string', default: 'text' },
  output: { type: 'string' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean', default: false },
  category: { type: 'string' },
  ignore: { type: 'string', multiple: true },
  ...commonOptions,
} as const;

function parseCategories(value: string | undefined): CategoryId[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((item) => item.trim()).filter(Boolean);
  const unknown = list.filter((item) => !(categoryIds as readonly string[]).includes(item));
  if (unknown.length > 0) throw new UsageError(`unknown category ${unknown.join(', ')}; known: ${categoryIds.join(', ')}`);
  return list as CategoryId[];
}

/** The progress line's text for where the audit is. */
export function auditProgressText(progress: AuditProgress): string {
  switch (progress.stage) {
    case 'reading':
      return 'stateless: reading files…';
    case 'parsing':
      return `stateless: parsing ${progress.done}/${progress.total} files`;
    case 'analyzing':
      return `stateless: following imports and handlers in ${progress.total} files…`;
    case 'rules':
      return `stateless: checking ${progress.done}/${progress.total} files with the rules`;
  }
}

/**
 * The audit's progress on `stream` when it is a terminal (nothing otherwise). `stop()` erases the line, which
 * also happens when the process exits with the line still shown.
 */
export function showAuditProgress(stream: TerminalStream, now?: () => number): { onProgress(progress: AuditProgress): void; stop(): void } {
  const line = new ProgressLine(stream, now);
  const clear = () => line.clear();
  if (stream.isTTY) process.once('exit', clear);
  return {
    onProgress: (progress) => line.update(auditProgressText(progress), progress.stage),
    stop() {
      line.clear();
      process.off('exit', clear);
    },
  };
}

/** Runs the audit with a progress line on stderr; a run with no source files is fatal (exit 2), as the README says. */
async function auditWithProgress(options: Parameters<typeof audit>[0]): Promise<AuditResult> {
  const progress = showAuditProgress(process.stderr);
  let result: AuditResult;
  try {
    result = await audit({ ...options, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
  if (result.summary.files === 0) {
    const why = result.diagnostics.find((diagnostic) => diagnostic.code === 'no-source-files')?.message ?? 'no JavaScript or TypeScript source files';
    // Files found but all skipped (minified, too large, binary, unreadable): say why, or the message misleads.
    const skipped = result.diagnostics.filter((diagnostic) => diagnostic.file !== undefined);
    const shown = skipped.slice(0, 3).map((diagnostic) => diagnostic.message);
    if (skipped.length > shown.length) shown.push(`${skipped.length - shown.length} more`);
    throw new FatalAuditError(`nothing to audit: ${why}${shown.length > 0 ? ` (${shown.join('; ')})` : ''}`);
  }
  return result;
}

/** Runs `stateless audit` with the arguments after the command name. */
export async function runAuditCommand(argv: readonly string[]): Promise<number> {
  try {
    checkCommandLine(argv, auditOptions);
    const { values, positionals } = parseArgs({ args: [...argv], options: auditOptions, allowPositionals: true });
    if (values.help) {
      process.stdout.write(auditHelp);
      return 0;
    }
    if (values.version) {
      process.stdout.write(`${packageInfo.version}\n`);
      return 0;
    }
    if (!(values.format in formats)) throw new UsageError(`unknown format '${values.format}'; use one of ${Object.keys(formats).join(', ')}`);
    if (values['update-baseline'] && !values.baseline) throw new UsageError('--update-baseline needs --baseline <file>');
    const categories = parseCategories(values.category);
    // A path that cannot be written is better known before a long audit than after it.
    if (values.output !== undefined) prepareOutputFile(values.output);
    if (values['update-baseline']) prepareOutputFile(values.baseline!);
    let result = await auditWithProgress({
      paths: positionals,
      project: values.project,
      ignore: values.ignore,
      categories,
      baseline: values['update-baseline'] ? undefined : values.baseline,
    });
    if (values['update-baseline']) {
      writeBaseline(values.baseline!, result.findings);
      process.stderr.write(`stateless: wrote ${result.findings.length} finding(s) to ${values.baseline}\n`);
      result = { ...result, findings: [], summary: { ...result.summary, total: 0, baselined: result.findings.length, byCategory: Object.fromEntries(categoryIds.map((id) => [id, 0])) as AuditResult['summary']['byCategory'] } };
    }
    const format = values.format as FormatName;
    const report = formats[format](result, {
      categories,
      // Colour is for a terminal (or FORCE_COLOR), never for a file.
      color: values.output === undefined && colorEnabled(process.stdout),
      migrationSkips: format === 'text' || format === 'markdown' ? migrationSkips(result) : undefined,
    });
    if (values.output === undefined) process.stdout.write(report);
    else writeOutputFile(values.output, report);
    return result.findings.some((finding) => finding.severity === 'error') ? 1 : 0;
  } catch (error) {
    return userErrorExitCode('audit', error);
  }
}
