/**
 * `stateless migrate` without the command line: audits, applies the codemods the findings name and plans
 * every write (sources, generated adapters and worker, package.json, .env.example). Nothing is written
 * here; the command writes the plan or prints it as diffs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { codemods } from '../../codemods/index.js';
import { adapterTemplates, renderAdapter, withRequiredAdapters } from '../../codemods/kit/adapters/render.js';
import type { CodemodOutcome, WorkerJob } from '../../codemods/kit/codemod.js';
import { runCodemod } from '../../codemods/kit/run.js';
import { detectStyle, type SourceStyle } from '../../codemods/kit/style.js';
import type { CodemodId } from '../catalog.js';
import { audit } from '../audit/audit.js';
import type { AuditResult, Finding } from '../audit/model.js';
import { planMigration } from './plan.js';
import { adapterFolder, editEnvExample, editPackageJson } from './project-files.js';
import { workerEntryWrite } from './worker-entry.js';
import type { PlannedWrite } from './write-files.js';

export interface MigrateOptions {
  paths: readonly string[];
  project?: string;
  codemods?: readonly CodemodId[];
}

/** A finding the migration leaves for a person, with why. */
export interface SkippedFinding {
  file: string;
  /** The line before the migration. */
  line: number;
  ruleId: string;
  codemod: CodemodId;
  reason: string;
  /** The finding's fingerprint, which survives the lines a migration adds above it; empty for notes. */
  fingerprint: string;
}

export interface MigrationPlan {
  root: string;
  audit: AuditResult;
  writes: PlannedWrite[];
  outcomes: CodemodOutcome[];
  fixed: Finding[];
  skipped: SkippedFinding[];
  /** Skips the codemods reported for code the audit did not flag (extra guidance). */
  notes: SkippedFinding[];
  dependencies: { dependencies: string[]; devDependencies: string[] };
  scripts: string[];
  env: string[];
  /** The worker entry and how to start it, when jobs moved out of the web process. */
  worker?: { file: string; command: string };
  generated: string[];
}

function nearestPackageType(file: string, root: string): 'module' | 'commonjs' | undefined {
  for (let folder = path.dirname(file); folder.startsWith(root); folder = path.dirname(folder)) {
    const manifest = path.join(folder, 'package.json');
    if (fs.existsSync(manifest)) {
      const type = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { type?: string }).type;
      return type === 'module' ? 'module' : 'commonjs';
    }
    if (folder === root) break;
  }
  return undefined;
}

/** The style generated files follow: the project's TypeScript-ness and the first rewritten file's imports. */
function projectStyle(root: string, outcomes: readonly CodemodOutcome[], packageType: 'module' | 'commonjs' | undefined): SourceStyle {
  const sample = outcomes.find((outcome) => outcome.changed && /\.(ts|tsx|mts|cts)$/.test(outcome.file)) ?? outcomes.find((outcome) => outcome.changed);
  if (sample) return detectStyle(sample.file, sample.source, packageType);
  const typescript = fs.existsSync(path.join(root, 'tsconfig.json'));
  return { language: typescript ? 'ts' : 'js', module: packageType === 'module' || typescript ? 'esm' : 'cjs', importExtension: packageType === 'module' ? '.js' : '', quote: 'single' };
}

/** Runs the audit and plans the migration of what it found. */
export async function planMigrationRun(options: MigrateOptions): Promise<MigrationPlan> {
  const result = await audit({ paths: options.paths, project: options.project });
  const root = result.root;
  const adapterDir = adapterFolder(root);
  const tasks = planMigration(result, options.codemods);
  const writes: PlannedWrite[] = [];
  const outcomes: CodemodOutcome[] = [];
  const fixed: Finding[] = [];
  const skipped: SkippedFinding[] = [];
  const notes: SkippedFinding[] = [];
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');

  for (const task of tasks) {
    const before = fs.readFileSync(task.file, 'utf8');
    let source = before;
    const fileOutcomes: CodemodOutcome[] = [];
    for (const id of task.codemods) {
      const outcome = runCodemod(codemods[id], { file: task.file, source, adapterDir, packageType: nearestPackageType(task.file, root) });
      fileOutcomes.push(outcome);
      source = outcome.source;
    }
    outcomes.push(...fileOutcomes);
    if (source !== before) writes.push({ file: task.file, before, after: source });
    const explained = new Set<string>();
    for (const finding of task.findings) {
      const outcome = fileOutcomes.find((candidate) => candidate.codemod === finding.codemod)!;
      if (outcome.changes.some((change) => change.line === finding.line)) {
        fixed.push(finding);
        continue;
      }
      const skip = outcome.skips.find((candidate) => candidate.line === finding.line);
      if (skip) explained.add(`${outcome.codemod}:${skip.line}`);
      skipped.push({
        file: finding.file,
        line: finding.line,
        ruleId: finding.ruleId,
        codemod: finding.codemod!,
        reason: skip?.reason ?? `the ${finding.codemod} codemod does not rewrite this case; ${finding.remedy}`,
        fingerprint: finding.fingerprint,
      });
    }
    for (const outcome of fileOutcomes) {
      for (const skip of outcome.skips) {
        if (!explained.has(`${outcome.codemod}:${skip.line}`)) notes.push({ file: relative(task.file), line: skip.line, ruleId: '', codemod: outcome.codemod, reason: skip.reason, fingerprint: '' });
      }
    }
  }

  // What the rewritten code needs: only rewrites that happened count.
  const used = outcomes.filter((outcome) => outcome.changes.length > 0);
  const packageType = nearestPackageType(path.join(root, 'package.json'), root);
  const style = projectStyle(root, used, packageType);
  const adapters = withRequiredAdapters(used.flatMap((outcome) => outcome.adapters));
  const dependencies = new Set(used.flatMap((outcome) => outcome.dependencies));
  const devDependencies = new Set(used.flatMap((outcome) => outcome.devDependencies));
  const env = new Set(used.flatMap((outcome) => outcome.env));
  const generated: string[] = [];
  for (const id of adapters) {
    adapterTemplates[id].dependencies.forEach((name) => dependencies.add(name));
    adapterTemplates[id].env.forEach((name) => env.add(name));
    const rendered = renderAdapter(id, style);
    const file = path.join(adapterDir, rendered.fileName);
    // An adapter already there was generated before and may have been edited since: it is the user's now.
    if (!fs.existsSync(file)) {
      writes.push({ file, before: undefined, after: rendered.text });
      generated.push(relative(file));
    }
  }

  const scripts: Record<string, string> = {};
  let worker: MigrationPlan['worker'];
  const jobs: WorkerJob[] = used.flatMap((outcome) => outcome.workerJobs);
  if (jobs.length > 0) {
    const entry = workerEntryWrite(root, result, jobs, style, adapterDir);
    if (entry.write) {
      writes.push(entry.write);
      if (entry.write.before === undefined) generated.push(relative(entry.file));
    }
    if (entry.script) scripts[entry.script.name] = entry.script.command;
    worker = { file: relative(entry.file), command: entry.script ? `npm run ${entry.script.name}` : `node ${relative(entry.file)}` };
  }

  const manifestFile = path.join(root, 'package.json');
  let addedDependencies: MigrationPlan['dependencies'] = { dependencies: [], devDependencies: [] };
  let addedScripts: string[] = [];
  if (fs.existsSync(manifestFile) && (dependencies.size > 0 || devDependencies.size > 0 || Object.keys(scripts).length > 0)) {
    const before = fs.readFileSync(manifestFile, 'utf8');
    const edit = editPackageJson(before, [...dependencies], [...devDependencies], scripts);
    if (edit.text !== before) writes.push({ file: manifestFile, before, after: edit.text });
    addedDependencies = edit.added;
    addedScripts = edit.scripts;
  }
  const envFile = path.join(root, '.env.example');
  const envBefore = fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : undefined;
  const envEdit = editEnvExample(envBefore, [...env].sort());
  if (envEdit.added.length > 0) writes.push({ file: envFile, before: envBefore, after: envEdit.text });

  return { root, audit: result, writes, outcomes, fixed, skipped, notes, dependencies: addedDependencies, scripts: addedScripts, env: [...env].sort(), worker, generated };
}
