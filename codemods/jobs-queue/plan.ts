/** Deciding, for each timer or scheduler call, whether it can become a job and what the job is made of. */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { timerPatterns } from '../../src/knowledge/jobs.js';
import type { ApiRef } from '../../src/knowledge/types.js';
import { isProblem, type Problem, type SkipDetail } from '../kit/skip.js';
import type { SkipReasonId } from '../kit/skip-reasons.js';
import { lineOf } from '../kit/todo.js';
import { findApiCalls } from './api-calls.js';
import { callbackProblem, isInside, moduleLevelProblem, reassignedModuleNames, type MoveAnalysis } from './movable.js';
import { schedulerEntry, staticString, type JobRequest } from './schedulers.js';
import { timerUse, type TimerUse } from './timer-use.js';

type AnyNode = { type: string; [key: string]: unknown };

/** A schedule value for the job: the code as written, or a string read from an option variable. */
export type ScheduleValue = { path: ASTPath } | { text: string };

export interface PlannedJob {
  call: ASTPath;
  /** The API as written: `setInterval`, `cron.schedule`, `new CronJob`. */
  label: string;
  line: number;
  request: JobRequest;
  use: TimerUse;
  schedule: { every: ScheduleValue } | { pattern: ScheduleValue; tz?: ScheduleValue };
}

/** A timer left as it is: where, and its skip (the reason's TODO, if any, goes above it). */
export interface SkippedSite {
  call: ASTPath;
  line: number;
  reason: SkipReasonId;
  detail: SkipDetail;
}

/** The top-level statement holding `path`. */
export function topStatement(path: ASTPath): ASTPath {
  let current = path;
  while (current.parent && (current.parent.node as AnyNode).type !== 'Program') current = current.parent as ASTPath;
  return current;
}

/** The API as the file writes it, with its real name when imported under another: `every (setInterval)`. */
function calleeText(j: JSCodeshift, call: ASTPath, api: ApiRef): string {
  const prefix = (call.parent.node as AnyNode).type === 'Decorator' ? '@' : (call.node as AnyNode).type === 'NewExpression' ? 'new ' : '';
  const written = j(call.get('callee') as ASTPath).toSource();
  const real = api.path.join('.');
  return written.endsWith(real) ? `${prefix}${written}` : `${prefix}${written} (${prefix}${real})`;
}

/** Is `path` an argument of a call of one of `callees` (code that already runs as a job)? */
export function insideCallOf(path: ASTPath, callees: ReadonlySet<string>): boolean {
  for (let current = path.parent as ASTPath | null; current; current = current.parent as ASTPath | null) {
    const node = current.node as AnyNode;
    if (node.type === 'CallExpression' && (node.callee as AnyNode).type === 'Identifier' && callees.has((node.callee as AnyNode).name as string)) return true;
  }
  return false;
}

/** A pattern or time zone the job can hold: the code itself when it is valid at module level, else its string. */
function scheduleValue(j: JSCodeshift, path: ASTPath, call: ASTPath, what: string, analysis: MoveAnalysis): ScheduleValue | string {
  if (isInside(path, call) && !moduleLevelProblem(j, path, what, analysis)) return { path };
  const text = staticString(path);
  if (text !== undefined) return { text };
  return moduleLevelProblem(j, path, what, analysis) ?? `${what} is not written in this call`;
}

/** `return` statements of `fn` itself (not of nested functions) other than `own`. */
function otherReturns(j: JSCodeshift, fn: ASTPath, own: ASTPath): number {
  return j(fn)
    .find(j.ReturnStatement)
    .filter((statement) => statement.node.argument != null && !isInside(own, statement) && j(statement).closest(j.Function).get().node === fn.node)
    .size();
}

function planOne(j: JSCodeshift, call: ASTPath, extract: NonNullable<ReturnType<typeof schedulerEntry>['extract']>, patternMustBeStatic: boolean, reassigned: ReadonlySet<string>): Omit<PlannedJob, 'label' | 'line'> | Problem {
  const request = extract(j, call);
  if (typeof request === 'string') return request;
  if ('pattern' in request.schedule && patternMustBeStatic && staticString(request.schedule.pattern) === undefined) {
    return 'its cron time is not a pattern string (a date runs once); move it by hand';
  }
  const use = timerUse(j, call);
  if (isProblem(use)) return use;
  if (request.startsLater && !use.started) return 'it is created stopped (without `start: true`) and started elsewhere; schedule the job by hand where it starts';
  if (use.kind === 'return' && use.returningFunction && (use.returningFunction.node as AnyNode).returnType && otherReturns(j, use.returningFunction, use.expression) > 0) {
    return 'its function returns other values too; change its return type and schedule the job by hand';
  }
  const analysis: MoveAnalysis = { insertionIndex: topStatement(call).name as number, reassigned };
  const problem = callbackProblem(j, request.callback, analysis);
  if (problem) return problem;
  if ('every' in request.schedule) {
    const everyProblem = moduleLevelProblem(j, request.schedule.every, 'its interval', analysis);
    if (everyProblem) return everyProblem;
    return { call, request, use, schedule: { every: { path: request.schedule.every } } };
  }
  const pattern = scheduleValue(j, request.schedule.pattern, call, 'its pattern', analysis);
  if (typeof pattern === 'string') return pattern;
  const tz = request.schedule.tz ? scheduleValue(j, request.schedule.tz, call, 'its time zone', analysis) : undefined;
  if (typeof tz === 'string') return tz;
  return { call, request, use, schedule: { pattern, tz } };
}

/**
 * Every timer and scheduler call of the file, planned as a job or skipped with a reason. Calls inside
 * `jobCallees` (the file's `defineJob`) already run in the worker and are left alone.
 */
export function planJobs(j: JSCodeshift, root: Collection, jobCallees: ReadonlySet<string>): { jobs: PlannedJob[]; skips: SkippedSite[] } {
  const reassigned = reassignedModuleNames(j, root);
  const jobs: PlannedJob[] = [];
  const skips: SkippedSite[] = [];
  const seen = new Set<unknown>();
  for (const pattern of timerPatterns) {
    const entry = schedulerEntry(pattern);
    for (const call of findApiCalls(j, root, pattern.api)) {
      if (seen.has(call.node) || insideCallOf(call, jobCallees)) continue;
      seen.add(call.node);
      const line = lineOf(call);
      const label = calleeText(j, call, pattern.api);
      if (!entry.extract) {
        const reason = (call.parent.node as AnyNode).type === 'Decorator' ? 'job-decorator' : 'job-api-unsupported';
        skips.push({ call, line, reason, detail: { api: label, guidance: entry.guidance ?? '' } });
        continue;
      }
      const planned = planOne(j, call, entry.extract, entry.patternMustBeStatic === true, reassigned);
      if (isProblem(planned)) skips.push({ call, line, reason: 'job-not-movable', detail: { api: label, problem: planned } });
      else jobs.push({ ...planned, label, line });
    }
  }
  const byPosition = (a: { call: ASTPath }, b: { call: ASTPath }) => ((a.call.node as { start?: number }).start ?? 0) - ((b.call.node as { start?: number }).start ?? 0);
  return { jobs: jobs.sort(byPosition), skips: skips.sort(byPosition) };
}
