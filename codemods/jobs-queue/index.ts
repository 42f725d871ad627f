/**
 * jobs-queue: `setInterval`, node-cron, cron and node-schedule jobs in the web process become BullMQ
 * repeatable jobs. The job is declared at module level with `defineJob(…)` (so that the worker entry can
 * import it) and the timer becomes `scheduleJob(job)`, which only registers the schedule in Redis: the job
 * then runs once per period in the worker, however many web instances there are.
 */
import path from 'node:path';
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { Codemod, CodemodContext, Report } from '../kit/codemod.js';
import { timerPatterns } from '../../src/knowledge/jobs.js';
import { moduleSpecifiers } from '../../src/knowledge/module-names.js';
import { ensureNamedImports, importedBindings, localsOf, removeUnusedImports, usedNames } from '../kit/imports.js';
import { jscodeshiftTransform } from '../kit/run.js';
import { at, type SkipDetail } from '../kit/skip.js';
import type { SkipReasonId } from '../kit/skip-reasons.js';
import { addTodo } from '../kit/todo.js';
import { applyJob, DEFINE_JOB_PLACEHOLDER, moduleExportsStatement, SCHEDULE_JOB_PLACEHOLDER } from './apply.js';
import { diskCalls, diskCallNames } from './disk-work.js';
import { jobBaseName, JobNamer, modulePrefix } from './naming.js';
import { loadTimeEffect, timeoutLoops } from './other-skips.js';
import { planJobs, topStatement, type PlannedJob, type SkippedSite } from './plan.js';

type AnyNode = { type: string; [key: string]: unknown };

/** Modules whose imports the rewrite may leave unused. */
const schedulerModules = moduleSpecifiers([...new Set(timerPatterns.flatMap((pattern) => pattern.api.modules ?? []))]);

/** Why no job of this file can be rewritten, whatever the job: the file itself is the problem. */
function fileProblem(j: JSCodeshift, root: Collection, context: CodemodContext, jobs: readonly PlannedJob[]): { reason: SkipReasonId; detail: SkipDetail } | undefined {
  if (context.style.module === 'cjs') {
    const exportStatement = moduleExportsStatement(j, root)?.node as AnyNode | undefined;
    const exported = (exportStatement?.expression as AnyNode | undefined)?.right as AnyNode | undefined;
    if (exported && exported.type !== 'ObjectExpression') return { reason: 'job-exports-replaced', detail: {} };
  }
  const ignored = new Set<unknown>();
  for (const job of jobs) {
    ignored.add(topStatement(job.call).node);
    for (const dropped of job.use.droppedStatements) ignored.add(topStatement(dropped).node);
  }
  const effect = loadTimeEffect(j, root, ignored);
  if (!effect) return undefined;
  return { reason: 'job-file-runs-code', detail: { file: path.basename(context.file), effectLine: at(effect.line), effect: effect.text } };
}

/** Jobs the file defines, new or from an earlier run, for the worker entry. */
function definedJobs(j: JSCodeshift, root: Collection, defineJobLocals: ReadonlySet<string>): string[] {
  const names: string[] = [];
  for (const statement of root.find(j.Program).get().node.body as AnyNode[]) {
    const declaration = (statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement) as AnyNode | null;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations as AnyNode[]) {
      const init = declarator.init as AnyNode | null;
      const callee = init?.type === 'CallExpression' ? (init.callee as AnyNode) : undefined;
      if (callee?.type === 'Identifier' && defineJobLocals.has(callee.name as string) && (declarator.id as AnyNode).type === 'Identifier') {
        names.push((declarator.id as AnyNode).name as string);
      }
    }
  }
  return names;
}

function renamePlaceholder(j: JSCodeshift, root: Collection, placeholder: string, name: string): void {
  root.find(j.Identifier, { name: placeholder }).forEach((identifier) => {
    identifier.node.name = name;
  });
}

function reportSkips(j: JSCodeshift, skips: readonly SkippedSite[], report: Report): void {
  for (const skip of skips) {
    report.skipped(skip.line, skip.reason, skip.detail);
    addTodo(j, skip.call, skip);
  }
}

/** Plans, reports and rewrites the timers of one file. */
function migrateJobs(root: Collection, j: JSCodeshift, context: CodemodContext, report: Report): void {
  const adapter = context.adapterSpecifier('jobs');
  const adapterBindings = importedBindings(j, root, [adapter]);
  const jobCallees = new Set([...localsOf(adapterBindings, 'defineJob'), DEFINE_JOB_PLACEHOLDER]);

  const planned = planJobs(j, root, jobCallees);
  const { skips } = planned;
  // A job cleaning this instance's disk stays: in a worker it would clean only the worker's.
  const jobs = planned.jobs.filter((job) => {
    const disk = diskCalls(j, root, job.request.callback);
    if (disk.length > 0) skips.push({ call: job.call, line: job.line, reason: 'job-cleans-local-disk', detail: { api: job.label, calls: diskCallNames(disk) } });
    return disk.length === 0;
  });
  skips.push(...timeoutLoops(j, root, jobCallees));
  const problem = jobs.length > 0 ? fileProblem(j, root, context, jobs) : undefined;
  const rewritten = problem ? [] : jobs;
  if (problem) skips.push(...jobs.map((job) => ({ call: job.call, line: job.line, reason: problem.reason, detail: { api: job.label, ...problem.detail } })));
  reportSkips(
    j,
    skips.sort((a, b) => a.line - b.line),
    report,
  );

  if (rewritten.length > 0) {
    const namer = new JobNamer(usedNames(j, root), modulePrefix(context.file, adapter));
    for (const job of rewritten) {
      const names = namer.allocate(jobBaseName(job.call, job.request.callback, context.file, job.request.givenName));
      applyJob(j, root, job, names, context.style);
      report.changed(job.line, `${job.label} → repeatable job ${names.exportName} ('${names.id}'), scheduled with scheduleJob() and run by the worker`);
    }
    removeUnusedImports(j, root, schedulerModules);
    const [defineJob, scheduleJob] = ensureNamedImports(j, root, context.style, adapter, ['defineJob', 'scheduleJob']);
    renamePlaceholder(j, root, DEFINE_JOB_PLACEHOLDER, defineJob!);
    renamePlaceholder(j, root, SCHEDULE_JOB_PLACEHOLDER, scheduleJob!);
  }

  const defineJobLocals = new Set(localsOf(importedBindings(j, root, [adapter]), 'defineJob'));
  const exportNames = definedJobs(j, root, defineJobLocals);
  if (exportNames.length === 0) return;
  for (const exportName of exportNames) report.workerJobs.push({ module: context.file, exportName });
  report.needs({ adapters: ['jobs'], dependencies: ['bullmq', 'redis'], env: ['REDIS_URL'] });
}

export const jobsQueue: Codemod = {
  id: 'jobs-queue',
  title: 'Timers and cron jobs in the web process → BullMQ repeatable jobs run by a worker',
  transform(root, j, context, report) {
    migrateJobs(root, j, context, report);
  },
};

export default jscodeshiftTransform(jobsQueue);
