/**
 * `stateless migrate` without the command line: audits, applies the codemods the findings name and plans
 * every write (sources, generated adapters and worker, package.json, .env.example). Nothing is written
 * here; the command writes the plan or prints it as diffs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { codemods } from '../../codemods/index.js';
import { withRequiredAdapters } from '../../codemods/kit/adapters/render.js';
import type { CodemodOutcome } from '../../codemods/kit/codemod.js';
import { runCodemod } from '../../codemods/kit/run.js';
import { mapSkipLines, type SkipRecord } from '../../codemods/kit/skip.js';
import { nearestPackageType } from '../../codemods/kit/style.js';
import type { CodemodId } from '../catalog.js';
import { audit, type AuditOptions } from '../audit/audit.js';
import { FatalAuditError, type AuditResult, type Finding } from '../audit/model.js';
import { lineMap } from './line-map.js';
import { missingAdapters } from './missing-adapters.js';
import { planMigration } from './plan.js';
import { adapterFolder, parseManifest } from './project-files.js';
import { codemodsWithCleanups, storedFolders } from './stored-folders.js';
import { packageRootOf, planSupportFiles } from './support-files.js';
import { folderBlocker, writeBlocker, type PlannedWrite } from './write-files.js';
import { withoutWrites } from './written.js';

export interface MigrateOptions {
  paths: readonly string[];
  project?: string;
  codemods?: readonly CodemodId[];
  /** Called as the audit goes through the files (for a progress line). */
  onProgress?: AuditOptions['onProgress'];
}

/**
 * A finding the migration leaves for a person, with why: a skip record (`codemods/kit/skip.ts`; its line and
 * the lines in its details are lines of the file before the migration) and the finding it explains.
 */
export interface SkippedFinding extends SkipRecord {
  /** The check; empty for notes (skips of code the audit did not flag). */
  ruleId: string;
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
  /** Files the migration does not write (a link, outside the project, changed meanwhile, a failed write), with why. */
  notWritten: { file: string; reason: string }[];
}

/** Throws a one-line error for a package.json that is not JSON (a byte order mark is fine, as for npm). */
function checkManifests(root: string, packageRoots: Iterable<string>): void {
  for (const packageRoot of new Set(packageRoots)) {
    const manifest = path.join(packageRoot, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    try {
      parseManifest(fs.readFileSync(manifest, 'utf8'));
    } catch (error) {
      const shown = path.relative(root, manifest).split(path.sep).join('/');
      throw new FatalAuditError(`${shown} is not valid JSON (${(error as Error).message.split('\n')[0]}); fix it and run migrate again. Nothing was written.`);
    }
  }
}

/** Why a rewrite of `file` must not be written: the file or, when it imports adapters, their folder. */
function sourceBlocker(root: string, file: string, outcomes: readonly CodemodOutcome[]): string | undefined {
  const blocker = writeBlocker(root, file);
  if (blocker || !outcomes.some((outcome) => outcome.changes.length > 0 && outcome.adapters.length > 0)) return blocker;
  const adapterDir = adapterFolder(packageRootOf(file, root));
  const folder = folderBlocker(root, adapterDir);
  return folder && `the adapters it would import go in ${path.relative(root, adapterDir).split(path.sep).join('/')}, but ${folder}`;
}

/** Runs the audit and plans the migration of what it found. */
export async function planMigrationRun(options: MigrateOptions): Promise<MigrationPlan> {
  const result = await audit({ paths: options.paths, project: options.project, onProgress: options.onProgress });
  const root = result.root;
  const tasks = planMigration(result, options.codemods);
  const missing = missingAdapters(root);
  checkManifests(root, [...tasks.map((task) => packageRootOf(task.file, root)), ...missing.keys()]);
  const writes: PlannedWrite[] = [];
  const outcomes: CodemodOutcome[] = [];
  const fixed: Finding[] = [];
  const skipped: SkippedFinding[] = [];
  const notes: SkippedFinding[] = [];
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const adapterDirOf = (file: string) => adapterFolder(packageRootOf(file, root));
  const folders = storedFolders(tasks, adapterDirOf);

  for (const task of tasks) {
    let before: string;
    try {
      before = fs.readFileSync(task.file, 'utf8');
    } catch (error) {
      // Gone or unreadable since the audit read it: its findings stay, with why.
      const detail = { file: relative(task.file), error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
      for (const finding of task.findings) {
        skipped.push({ file: finding.file, line: finding.line, ruleId: finding.ruleId, codemod: finding.codemod!, reason: 'file-unreadable', detail, fingerprint: finding.fingerprint });
      }
      continue;
    }
    let source = before;
    const fileOutcomes: CodemodOutcome[] = [];
    for (const id of codemodsWithCleanups(task, folders, options.codemods)) {
      const outcome = runCodemod(codemods[id], { file: task.file, source, adapterDir: adapterDirOf(task.file), packageType: nearestPackageType(task.file), storedFolders: folders });
      // Lines as the audit saw them, before the earlier codemods of this file added any.
      const toOriginal = lineMap(before, source);
      for (const change of outcome.changes) change.line = toOriginal(change.line);
      outcome.skips = outcome.skips.map((skip) => mapSkipLines(skip, toOriginal));
      fileOutcomes.push(outcome);
      source = outcome.source;
    }
    // A rewrite that would go through a link or outside the project is not made; its findings stay, with why.
    const blocked = source === before ? undefined : sourceBlocker(root, task.file, fileOutcomes);
    if (!blocked) {
      outcomes.push(...fileOutcomes);
      if (source !== before) writes.push({ file: task.file, before, after: source, kind: 'source' });
    }
    const explained = new Set<string>();
    for (const finding of task.findings) {
      const outcome = fileOutcomes.find((candidate) => candidate.codemod === finding.codemod)!;
      if (outcome.changes.some((change) => change.line === finding.line)) {
        const detail = { file: relative(task.file), why: blocked ?? '' };
        if (blocked) skipped.push({ file: finding.file, line: finding.line, ruleId: finding.ruleId, codemod: finding.codemod!, reason: 'file-not-written', detail, fingerprint: finding.fingerprint });
        else fixed.push(finding);
        continue;
      }
      const skip = outcome.skips.find((candidate) => candidate.line === finding.line);
      if (skip) explained.add(`${outcome.codemod}:${skip.line}`);
      skipped.push({
        file: finding.file,
        line: finding.line,
        ruleId: finding.ruleId,
        codemod: finding.codemod!,
        reason: skip?.reason ?? 'not-rewritten',
        detail: skip?.detail ?? { codemod: finding.codemod!, remedy: finding.remedy },
        fingerprint: finding.fingerprint,
      });
    }
    for (const outcome of fileOutcomes) {
      for (const skip of outcome.skips) {
        if (!explained.has(`${outcome.codemod}:${skip.line}`)) notes.push({ ...skip, file: relative(task.file), ruleId: '', fingerprint: '' });
      }
    }
  }

  // What the rewritten code needs, package by package: only rewrites that happened count.
  const byPackage = new Map<string, CodemodOutcome[]>();
  for (const outcome of outcomes.filter((candidate) => candidate.changes.length > 0)) {
    const packageRoot = packageRootOf(outcome.file, root);
    byPackage.set(packageRoot, [...(byPackage.get(packageRoot) ?? []), outcome]);
  }
  for (const packageRoot of missing.keys()) if (!byPackage.has(packageRoot)) byPackage.set(packageRoot, []);
  const support = [...byPackage].map(([packageRoot, used]) => planSupportFiles(packageRoot, used, result, missing.get(packageRoot)));
  writes.push(...support.flatMap((files) => files.writes));
  // A rewritten source is written only once the adapters it imports are there.
  const supportByPackage = new Map([...byPackage.keys()].map((packageRoot, index) => [packageRoot, support[index]!]));
  for (const write of writes.filter((candidate) => candidate.kind === 'source')) {
    const packageSupport = supportByPackage.get(packageRootOf(write.file, root));
    const adapters = withRequiredAdapters(outcomes.filter((outcome) => outcome.file === write.file).flatMap((outcome) => outcome.adapters));
    const planned = new Set(packageSupport?.writes.map((candidate) => candidate.file));
    write.requires = adapters.map((id) => packageSupport?.adapterFiles[id]).filter((file): file is string => file !== undefined && planned.has(file));
  }
  const generated = support.flatMap((files) => files.generated).map(relative);
  const worker = support.find((files) => files.worker)?.worker;
  const unique = (values: string[]) => [...new Set(values)].sort();
  const plan: MigrationPlan = {
    root,
    audit: result,
    writes,
    outcomes,
    fixed,
    skipped,
    notes,
    dependencies: {
      dependencies: unique(support.flatMap((files) => files.dependencies.dependencies)),
      devDependencies: unique(support.flatMap((files) => files.dependencies.devDependencies)),
    },
    scripts: unique(support.flatMap((files) => files.scripts)),
    env: unique(support.flatMap((files) => files.env)),
    worker: worker && { file: relative(worker.file), command: worker.command },
    generated,
    notWritten: [],
  };
  // Support files that would go through a link or outside the project are not written, nor the sources needing them.
  const blocked = new Map<string, string>();
  for (const write of plan.writes) {
    const blocker = write.kind === 'source' ? undefined : writeBlocker(root, write.file);
    if (blocker) blocked.set(write.file, blocker);
  }
  for (const write of plan.writes) {
    const missingAdapter = write.requires?.find((file) => blocked.has(file));
    if (missingAdapter && !blocked.has(write.file)) blocked.set(write.file, `it imports ${relative(missingAdapter)}, which is not written`);
  }
  return withoutWrites(plan, [...blocked].map(([file, reason]) => ({ file, reason })));
}
