/** `stateless audit`: parses the command line, runs the audit, writes the report, returns the exit code. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { categoryIds, type CategoryId } from '../catalog.js';
import { formats, type FormatName } from '../report/index.js';
import { audit } from './audit.js';
import { writeBaseline } from './baseline.js';
import { UsageError, userErrorExitCode } from '../command-errors.js';
import type { AuditResult } from './model.js';

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

Exit codes: 0 no findings, 1 findings, 2 usage or fatal error.
`;

function parseCategories(value: string | undefined): CategoryId[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((item) => item.trim()).filter(Boolean);
  const unknown = list.filter((item) => !(categoryIds as readonly string[]).includes(item));
  if (unknown.length > 0) throw new UsageError(`unknown category ${unknown.join(', ')}; known: ${categoryIds.join(', ')}`);
  return list as CategoryId[];
}

function write(output: string | undefined, text: string): void {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  const temporary = `${output}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, output);
}

/** Runs `stateless audit` with the arguments after the command name. */
export async function runAuditCommand(argv: readonly string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        project: { type: 'string' },
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        baseline: { type: 'string' },
        'update-baseline': { type: 'boolean', default: false },
        category: { type: 'string' },
        ignore: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      process.stdout.write(auditHelp);
      return 0;
    }
    if (!(values.format! in formats)) throw new UsageError(`unknown format '${values.format}'; use one of ${Object.keys(formats).join(', ')}`);
    if (values['update-baseline'] && !values.baseline) throw new UsageError('--update-baseline needs --baseline <file>');
    if (process.stderr.isTTY) process.stderr.write('stateless: auditing…\r');
    let result: AuditResult = await audit({
      paths: positionals,
      project: values.project,
      ignore: values.ignore,
      categories: parseCategories(values.category),
      baseline: values['update-baseline'] ? undefined : values.baseline,
    });
    if (values['update-baseline']) {
      writeBaseline(values.baseline!, result.findings);
      process.stderr.write(`stateless: wrote ${result.findings.length} finding(s) to ${values.baseline}\n`);
      result = { ...result, findings: [], summary: { ...result.summary, total: 0, baselined: result.findings.length, byCategory: Object.fromEntries(categoryIds.map((id) => [id, 0])) as AuditResult['summary']['byCategory'] } };
    }
    write(values.output, formats[values.format as FormatName](result));
    return result.findings.length > 0 ? 1 : 0;
  } catch (error) {
    return userErrorExitCode('audit', error);
  }
}
