/**
 * `npm run corpus`: scores the audit and the ESLint rules against the hand labels of every corpus repository
 * extracted under .corpus/ (see corpus/extract.mjs). Prints, for each tool, recall and precision per category and
 * overall, the unjudged findings, cross-file labels apart, and the misses and false alarms with their notes.
 *
 *   node --import tsx scripts/corpus/score.ts [--repo name]… [--tool audit|eslint] [--json] [--cached] [--corpus dir]
 *                                     [--audit-cli path] [--timeout seconds] [--unjudged] [--lint-all]
 *
 * ESLint lints the files the audit reads; --lint-all makes it lint every source file of the extracted tree (what
 * the rules find where the audit's walk does not look; its results are saved apart from the default run's).
 * --cached reuses the tool outputs saved in <corpus>/.results/ by an earlier run (same commit), so label edits can
 * be rescored in seconds. Missing repositories are skipped with a one-line note; a tool that fails on a
 * repository becomes a note too, and the run goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CATEGORIES,
  combineScores,
  precision,
  ratio,
  readLabels,
  recall,
  scoreRepository,
  spanLabels,
  type CategoryTally,
  type LabelHit,
  type Score,
  type SpannedLabel,
} from './scoring.js';
import { auditedFiles, runAudit, runEslint, type ToolRun } from './tools.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The corpus data kept in the repository: the repository/commit list and the labels (the code stays in .corpus/). */
const corpusDir = path.join(repositoryRoot, 'corpus');
const TOOLS = ['audit', 'eslint'] as const;
type Tool = (typeof TOOLS)[number];

interface RepoEntry {
  name: string;
  repository: string;
  commit: string;
  subdirectory?: string;
  description: string;
}

interface Options {
  repos: string[];
  tools: Tool[];
  json: boolean;
  cached: boolean;
  corpus: string;
  auditCli?: string;
  timeoutSeconds: number;
  listUnjudged: boolean;
  /** ESLint lints every source file, not only those the audit reads. */
  lintAll: boolean;
}

const usage = 'usage: node --import tsx scripts/corpus/score.ts [--repo name]… [--tool audit|eslint] [--json] [--cached] [--corpus dir] [--audit-cli path] [--timeout seconds] [--unjudged] [--lint-all]';

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { repos: [], tools: [...TOOLS], json: false, cached: false, corpus: path.join(repositoryRoot, '.corpus'), timeoutSeconds: 1800, listUnjudged: false, lintAll: false };
  const value = (index: number) => {
    const next = argv[index + 1];
    if (next === undefined) throw new Error(`${argv[index]} needs a value\n${usage}`);
    return next;
  };
  const tools: Tool[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--repo') options.repos.push(value(i++));
    else if (arg === '--tool') {
      const tool = value(i++);
      if (!(TOOLS as readonly string[]).includes(tool)) throw new Error(`--tool must be audit or eslint\n${usage}`);
      tools.push(tool as Tool);
    } else if (arg === '--json') options.json = true;
    else if (arg === '--cached') options.cached = true;
    else if (arg === '--unjudged') options.listUnjudged = true;
    else if (arg === '--lint-all') options.lintAll = true;
    else if (arg === '--corpus') options.corpus = path.resolve(value(i++));
    else if (arg === '--audit-cli') options.auditCli = value(i++);
    else if (arg === '--timeout') options.timeoutSeconds = Number(value(i++));
    else if (arg === '--help' || arg === '-h') {
      console.log(usage);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${usage}`);
  }
  if (tools.length > 0) options.tools = tools;
  return options;
}

/** A tool's output for one repository, saved so that `--cached` can rescore without running it. */
interface CachedRun extends ToolRun {
  commit: string;
}

function resultPath(options: Options, repo: string, tool: Tool): string {
  return path.join(options.corpus, '.results', `${repo}.${tool}${tool === 'eslint' && options.lintAll ? '-all' : ''}.json`);
}

async function toolRun(options: Options, entry: RepoEntry, tool: Tool, root: string): Promise<ToolRun> {
  const saved = resultPath(options, entry.name, tool);
  if (options.cached && fs.existsSync(saved)) {
    const cached = JSON.parse(fs.readFileSync(saved, 'utf8')) as CachedRun;
    if (cached.commit === entry.commit) return cached;
  }
  const progress = !options.json && process.stderr.isTTY;
  let run: ToolRun;
  try {
    if (tool === 'audit') run = await runAudit(root, { ...(options.auditCli ? { cli: options.auditCli } : {}), timeoutSeconds: options.timeoutSeconds });
    else
      run = await runEslint(root, {
        allFiles: options.lintAll,
        ...(progress ? { onProgress: (done: number, total: number) => done % 50 === 0 && process.stderr.write(`\r  eslint ${entry.name}: ${done}/${total}`) } : {}),
      });
  } catch (error) {
    run = { findings: [], files: 0, notes: [`${tool} failed: ${(error as Error).message.split('\n')[0]}`], seconds: 0 };
  }
  if (progress) process.stderr.write('\r\u001b[K');
  fs.mkdirSync(path.dirname(saved), { recursive: true });
  fs.writeFileSync(saved, JSON.stringify({ ...run, commit: entry.commit } satisfies CachedRun));
  return run;
}

interface RepoResult {
  name: string;
  labels: number;
  /** Labels whose file the audit does not read (skipped folders such as node_modules/, or not a source file). */
  unreadLabels: SpannedLabel[];
  tools: Partial<Record<Tool, { score: Score; files: number; findings: number; notes: string[]; seconds: number }>>;
}

function tallyRow(name: string, tally: CategoryTally): string {
  return [
    name.padEnd(10),
    `${tally.stateful}/${tally.benign}`.padStart(7),
    ratio(tally.found, tally.stateful).padStart(12),
    `${tally.foundSameCategory}`.padStart(9),
    ratio(tally.onStateful, tally.onStateful + tally.onBenign).padStart(12),
    `${tally.unjudged}`.padStart(9),
  ].join('  ');
}

function hitLine(hit: LabelHit, withRules: boolean): string {
  const { label } = hit;
  const rules = withRules && hit.rules.length > 0 ? ` [${hit.rules.join(', ')}${hit.categories.length > 0 && !hit.categories.includes(label.category) ? ` as ${hit.categories.join('/')}` : ''}]` : '';
  return `  ${hit.repo}/${label.file}:${label.line} ${label.category}${label.crossFile ? ' (cross-file)' : ''}${rules} — ${label.note}`;
}

function report(tool: Tool, results: readonly RepoResult[], options: Options): string {
  const runs = results.flatMap((result) => (result.tools[tool] ? [{ name: result.name, ...result.tools[tool]! }] : []));
  const total = combineScores(runs.map((run) => run.score));
  const lines: string[] = [];
  lines.push(`== ${tool} ==`);
  lines.push(`${'category'.padEnd(10)}  ${'s/b'.padStart(7)}  ${'recall'.padStart(12)}  ${'same-cat'.padStart(9)}  ${'precision'.padStart(12)}  ${'unjudged'.padStart(9)}`);
  for (const category of CATEGORIES) lines.push(tallyRow(category, total.byCategory[category]));
  lines.push(tallyRow('overall', total.total));
  lines.push(
    `cross-file stateful labels: ${ratio(total.crossFile.found, total.crossFile.stateful)} found; single-file: ${ratio(total.total.found - total.crossFile.found, total.total.stateful - total.crossFile.stateful)}`,
  );
  lines.push('');
  lines.push(`${'repository'.padEnd(20)} ${'files'.padStart(6)} ${'findings'.padStart(8)} ${'recall'.padStart(12)} ${'precision'.padStart(12)} ${'unjudged'.padStart(8)} ${'secs'.padStart(6)}`);
  for (const run of runs) {
    const { total: tally } = run.score;
    lines.push(
      `${run.name.padEnd(20)} ${String(run.files).padStart(6)} ${String(run.findings).padStart(8)} ${ratio(tally.found, tally.stateful).padStart(12)} ${ratio(tally.onStateful, tally.onStateful + tally.onBenign).padStart(12)} ${String(tally.unjudged).padStart(8)} ${run.seconds.toFixed(0).padStart(6)}`,
    );
    for (const note of run.notes) lines.push(`  note: ${note}`);
  }
  lines.push('');
  lines.push(`Misses (${total.misses.length} stateful labels no finding matched):`);
  for (const hit of total.misses) lines.push(hitLine(hit, false));
  lines.push('');
  lines.push(`False alarms (${total.falseAlarms.length} benign labels flagged):`);
  for (const hit of total.falseAlarms) lines.push(hitLine(hit, true));
  const offCategory = total.hits.filter((hit) => !hit.categories.includes(hit.label.category));
  if (offCategory.length > 0) {
    lines.push('');
    lines.push(`Found under another category (${offCategory.length}):`);
    for (const hit of offCategory) lines.push(hitLine(hit, true));
  }
  if (options.listUnjudged) {
    lines.push('');
    lines.push(`Unjudged findings (${total.unjudged.length}):`);
    for (const finding of total.unjudged) lines.push(`  ${finding.repo}/${finding.file}:${finding.line} ${finding.category} [${finding.ruleId}]`);
  }
  return lines.join('\n');
}

function jsonReport(results: readonly RepoResult[], options: Options, skipped: string[]) {
  const summary = (tally: CategoryTally) => ({ ...tally, recall: recall(tally), precision: precision(tally) });
  return {
    skipped,
    tools: Object.fromEntries(
      options.tools.map((tool) => {
        const runs = results.flatMap((result) => (result.tools[tool] ? [{ name: result.name, ...result.tools[tool]! }] : []));
        const total = combineScores(runs.map((run) => run.score));
        const label = (hit: LabelHit) => ({ repo: hit.repo, file: hit.label.file, line: hit.label.line, category: hit.label.category, crossFile: hit.label.crossFile, note: hit.label.note, rules: hit.rules, findingCategories: hit.categories });
        return [
          tool,
          {
            byCategory: Object.fromEntries(CATEGORIES.map((category) => [category, summary(total.byCategory[category])])),
            overall: summary(total.total),
            crossFile: { ...total.crossFile, recall: total.crossFile.stateful === 0 ? null : total.crossFile.found / total.crossFile.stateful },
            repositories: runs.map((run) => ({ name: run.name, files: run.files, findings: run.findings, seconds: run.seconds, notes: run.notes, ...summary(run.score.total) })),
            misses: total.misses.map(label),
            falseAlarms: total.falseAlarms.map(label),
            unjudged: total.unjudged,
          },
        ];
      }),
    ),
    unreadLabels: results.flatMap((result) => result.unreadLabels.map((label) => ({ repo: result.name, file: label.file, line: label.line, verdict: label.verdict, category: label.category }))),
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const entries = JSON.parse(fs.readFileSync(path.join(corpusDir, 'repos.json'), 'utf8')) as RepoEntry[];
  const unknown = options.repos.filter((name) => !entries.some((entry) => entry.name === name));
  if (unknown.length > 0) throw new Error(`not in corpus/repos.json: ${unknown.join(', ')}`);
  const chosen = options.repos.length > 0 ? entries.filter((entry) => options.repos.includes(entry.name)) : entries;
  const results: RepoResult[] = [];
  const skipped: string[] = [];
  const say = (line: string) => (options.json ? process.stderr.write(`${line}\n`) : console.log(line));

  for (const entry of chosen) {
    const root = path.join(options.corpus, entry.name);
    if (!fs.existsSync(root)) {
      const note = `${entry.name}: skipped, not extracted (node corpus/extract.mjs ${entry.name} <git-dir of ${entry.repository}>)`;
      skipped.push(note);
      say(note);
      continue;
    }
    const labelsFile = path.join(corpusDir, 'labels', `${entry.name}.json`);
    const { labels, errors } = fs.existsSync(labelsFile) ? readLabels(JSON.parse(fs.readFileSync(labelsFile, 'utf8')), path.relative(process.cwd(), labelsFile)) : { labels: [], errors: [`${entry.name}: no labels file`] };
    for (const error of errors) say(`label problem: ${error}`);
    const { spanned, missingFiles } = spanLabels(labels, (file) => {
      const absolute = path.join(root, file);
      return fs.existsSync(absolute) ? fs.readFileSync(absolute, 'utf8') : undefined;
    });
    for (const label of missingFiles) say(`label problem: ${entry.name}/${label.file}:${label.line}: no such file in the extracted repository`);
    for (const label of spanned) if (label.endLine - label.line > 60) say(`label note: ${entry.name}/${label.file}:${label.line} spans ${label.endLine - label.line + 1} lines (a whole class or function?)`);
    const read = new Set(auditedFiles(root).map((file) => file.relative));
    const result: RepoResult = { name: entry.name, labels: spanned.length, unreadLabels: spanned.filter((label) => !read.has(label.file)), tools: {} };
    for (const tool of options.tools) {
      if (!options.json) process.stderr.write(`${entry.name}: ${tool}…\n`);
      const run = await toolRun(options, entry, tool, root);
      result.tools[tool] = { score: scoreRepository(entry.name, spanned, run.findings), files: run.files, findings: run.findings.length, notes: run.notes, seconds: run.seconds };
    }
    results.push(result);
  }

  if (options.json) {
    console.log(JSON.stringify(jsonReport(results, options, skipped), null, 2));
    return;
  }
  const labelCount = results.reduce((sum, result) => sum + result.labels, 0);
  console.log(`\nCorpus: ${results.length} of ${chosen.length} repositories scored, ${labelCount} labels.`);
  console.log('recall = stateful labels some finding matched / stateful labels (same-cat: matched by a finding of the label\'s category);');
  console.log('precision = findings on stateful labels / findings on any label, by finding category; unjudged = findings on no label;');
  console.log('a finding matches a label when it is in the label\'s file between its line and the end of the construct that begins there.');
  const unread = results.flatMap((result) => result.unreadLabels.map((label) => `${result.name}/${label.file}:${label.line} (${label.verdict} ${label.category})`));
  if (unread.length > 0)
    console.log(
      `\n${unread.length} labels are in files the audit does not read${options.lintAll ? '' : ' (nor ESLint here, which lints the same files; --lint-all lints every file)'}: ${unread.slice(0, 6).join(', ')}${unread.length > 6 ? ', …' : ''}`,
    );
  for (const tool of options.tools) console.log(`\n${report(tool, results, options)}`);
}

main().catch((error: unknown) => {
  console.error(`scripts/corpus/score.ts: ${(error as Error).message}`);
  process.exit(2);
});
