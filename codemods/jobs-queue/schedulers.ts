/**
 * What each scheduler API of `src/knowledge/jobs.ts` becomes: which argument is the schedule and which the
 * callback, and which options a repeatable BullMQ job can honour. APIs without an entry are reported as
 * skipped with the guidance given here.
 */
import type { ASTPath, JSCodeshift } from 'jscodeshift';
import { patternsById } from '../../src/knowledge/patterns.js';
import type { LibraryPattern } from '../../src/knowledge/types.js';

type AnyNode = { type: string; [key: string]: unknown };

/** What a scheduler call asks for, as paths into the call so that the rewrite can reuse the code. */
export interface JobRequest {
  schedule: { every: ASTPath } | { pattern: ASTPath; tz?: ASTPath };
  callback: ASTPath;
  /** A name the code gives the job: node-cron's `name`, node-schedule's first argument. */
  givenName?: string;
  /** `new CronJob(…)` without `start: true`: it runs only once `.start()` is called on it. */
  startsLater?: boolean;
  /** Option objects held in variables, removed when the rewrite leaves them unused. */
  optionVariables: ASTPath[];
}

/** A request, or the reason the call cannot become a job. */
export type Extraction = JobRequest | string;

type Extractor = (j: JSCodeshift, call: ASTPath) => Extraction;

function argumentPaths(call: ASTPath): ASTPath[] {
  return ((call.node as AnyNode).arguments as unknown[]).map((_argument, index) => call.get('arguments', index) as ASTPath);
}

function isNothing(path: ASTPath | undefined): boolean {
  const node = path?.node as AnyNode | undefined;
  return !node || (node.type === 'Identifier' && node.name === 'undefined') || node.type === 'NullLiteral';
}

function booleanValue(path: ASTPath | undefined): boolean | undefined {
  const node = path?.node as AnyNode | undefined;
  return node?.type === 'BooleanLiteral' && typeof node.value === 'boolean' ? node.value : undefined;
}

/** The initializer of the `const` that an identifier names, wherever in the file it is declared. */
function constInitializer(path: ASTPath): ASTPath | undefined {
  const node = path.node as AnyNode;
  if (node.type !== 'Identifier') return undefined;
  const scope = path.scope?.lookup(node.name as string);
  const declared = (scope?.getBindings() as Record<string, ASTPath[]> | undefined)?.[node.name as string]?.[0];
  const declarator = declared?.parent as ASTPath | undefined;
  if ((declarator?.node as AnyNode | undefined)?.type !== 'VariableDeclarator' || declared?.name !== 'id') return undefined;
  if ((declarator!.parent.node as AnyNode).kind !== 'const') return undefined;
  return declarator!.get('init') as ASTPath;
}

/** A string known when reading the code: a literal, a plain template or a `const` holding one. */
export function staticString(path: ASTPath | undefined): string | undefined {
  if (!path) return undefined;
  const node = path.node as AnyNode;
  if (node.type === 'StringLiteral' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) {
    return ((node.quasis as { value: { cooked: string } }[])[0]?.value.cooked) ?? '';
  }
  const init = constInitializer(path);
  return init ? staticString(init) : undefined;
}

/** The properties of an options object written inline or in a `const`; a string when it cannot be read. */
function readOptions(path: ASTPath | undefined, variables: ASTPath[]): Map<string, ASTPath> | string {
  if (!path || isNothing(path)) return new Map();
  let objectPath = path;
  const init = constInitializer(path);
  if (init) {
    variables.push(init.parent as ASTPath);
    objectPath = init;
  }
  if ((objectPath.node as AnyNode).type !== 'ObjectExpression') return 'its options are not an object written in this file';
  const options = new Map<string, ASTPath>();
  const properties = (objectPath.node as AnyNode).properties as AnyNode[];
  for (let index = 0; index < properties.length; index += 1) {
    const property = properties[index]!;
    const key = property.key as AnyNode | undefined;
    if (!/^(Object)?Property$/.test(property.type) || property.computed || key?.type !== 'Identifier') return 'its options are not plain `key: value` pairs';
    options.set(key.name as string, objectPath.get('properties', index, 'value') as ASTPath);
  }
  return options;
}

/** Option names a BullMQ repeatable job makes unnecessary (its worker already runs one job at a time). */
const harmlessOptions = new Set(['noOverlap', 'waitForCompletion']);

function unsupportedOption(options: Map<string, ASTPath>, supported: readonly string[]): string | undefined {
  const unknown = [...options.keys()].find((key) => !supported.includes(key) && !harmlessOptions.has(key));
  return unknown === undefined ? undefined : `its option \`${unknown}\` has no equivalent in a repeatable job; move it by hand`;
}

const setInterval: Extractor = (_j, call) => {
  const [callback, every, ...extra] = argumentPaths(call);
  if (!callback || !every) return 'it has no interval';
  if (extra.length > 0) return 'it passes arguments to its callback, which a queued job does not get';
  return { schedule: { every }, callback, optionVariables: [] };
};

const nodeCronSchedule: Extractor = (_j, call) => {
  const [pattern, callback, optionsPath] = argumentPaths(call);
  if (!pattern || !callback) return 'it has no pattern or no callback';
  const optionVariables: ASTPath[] = [];
  const options = readOptions(optionsPath, optionVariables);
  if (typeof options === 'string') return options;
  const unsupported = unsupportedOption(options, ['timezone', 'name', 'scheduled']);
  if (unsupported) return unsupported;
  if (options.has('scheduled') && booleanValue(options.get('scheduled')) !== true) return 'it is created stopped (`scheduled`) and started elsewhere; schedule the job by hand where it starts';
  const name = staticString(options.get('name'));
  return { schedule: { pattern, tz: options.get('timezone') }, callback, givenName: name, optionVariables };
};

const cronJobConstructor: Extractor = (_j, call) => {
  const [cronTime, onTick, onComplete, start, timeZone, ...rest] = argumentPaths(call);
  if (!cronTime || !onTick) return 'it has no cron time or no onTick';
  if (!isNothing(onComplete)) return 'it has an onComplete callback, which a repeatable job has no equivalent for';
  const extra = rest.findIndex((argument) => !isNothing(argument) && booleanValue(argument) !== false);
  if (extra >= 0) return `its argument ${extra + 6} (context, runOnInit, …) has no equivalent in a repeatable job; move it by hand`;
  return { schedule: { pattern: cronTime, tz: isNothing(timeZone) ? undefined : timeZone }, callback: onTick, startsLater: booleanValue(start) !== true, optionVariables: [] };
};

const cronJobFrom: Extractor = (_j, call) => {
  const [paramsPath, ...extra] = argumentPaths(call);
  if (extra.length > 0) return 'it has more than one argument';
  const optionVariables: ASTPath[] = [];
  const params = readOptions(paramsPath, optionVariables);
  if (typeof params === 'string') return params;
  const unsupported = unsupportedOption(params, ['cronTime', 'onTick', 'onComplete', 'start', 'timeZone', 'name']);
  if (unsupported) return unsupported;
  const cronTime = params.get('cronTime');
  const onTick = params.get('onTick');
  if (!cronTime || !onTick) return 'it has no cronTime or no onTick';
  if (!isNothing(params.get('onComplete'))) return 'it has an onComplete callback, which a repeatable job has no equivalent for';
  const timeZone = params.get('timeZone');
  return {
    schedule: { pattern: cronTime, tz: isNothing(timeZone) ? undefined : timeZone },
    callback: onTick,
    givenName: staticString(params.get('name')),
    startsLater: booleanValue(params.get('start')) !== true,
    optionVariables,
  };
};

const nodeScheduleJob: Extractor = (_j, call) => {
  const args = argumentPaths(call);
  const [name, rule, callback] = args.length === 3 ? args : [undefined, ...args];
  if (args.length < 2 || args.length > 3 || !rule || !callback) return 'it has no rule or no callback';
  if (staticString(rule) === undefined) return 'its rule is not a cron string (a RecurrenceRule, an object or a date); move it by hand';
  return { schedule: { pattern: rule }, callback, givenName: staticString(name), optionVariables: [] };
};

/** How one API of the knowledge table is handled: rewritten by `extract`, or skipped with `guidance`. */
export interface SchedulerEntry {
  extract?: Extractor;
  guidance?: string;
  /** The cron pattern must be a string known when reading the code (it may also be a date). */
  patternMustBeStatic?: boolean;
}

/** Keyed by the ids of the rows of `timerPatterns`. */
const entries: Record<string, SchedulerEntry> = {
  setInterval: { extract: setInterval },
  'timers.setInterval': { extract: setInterval },
  'timers/promises.setInterval': { guidance: 'an async-iterator interval loops inside this process; move the loop body into a job by hand (defineJob() with { every } and scheduleJob())' },
  'node-cron.schedule': { extract: nodeCronSchedule },
  'node-cron.createTask': { guidance: 'the task starts only when `.start()` is called on it; define the job with defineJob() and call scheduleJob() where it starts' },
  'cron.CronJob': { extract: cronJobConstructor, patternMustBeStatic: true },
  'cron.CronJob.from': { extract: cronJobFrom, patternMustBeStatic: true },
  'node-schedule.scheduleJob': { extract: nodeScheduleJob },
  '@nestjs/schedule.Cron': {
    guidance: 'NestJS runs this @Cron method in every instance of the app; move it to a BullMQ processor in a worker app (@nestjs/bullmq: a @Processor with a job scheduler)',
  },
  '@nestjs/schedule.Interval': {
    guidance: 'NestJS runs this @Interval method in every instance of the app; move it to a BullMQ processor in a worker app (@nestjs/bullmq: a @Processor with a job scheduler)',
  },
  '@nestjs/schedule.Timeout': {
    guidance: 'NestJS runs this @Timeout method once in every instance of the app; if it must run once per deployment, move it to a BullMQ job in a worker app (@nestjs/bullmq)',
  },
};

// Every key names a row: a renamed row fails here, at load, instead of falling back to generic guidance.
patternsById(Object.keys(entries));

const genericGuidance = 'this scheduler is not rewritten automatically; define the job with defineJob() from the jobs adapter and call scheduleJob() instead';

/** The entry for a knowledge row; unknown APIs get generic guidance. */
export function schedulerEntry(pattern: LibraryPattern): SchedulerEntry {
  return entries[pattern.id] ?? { guidance: genericGuidance };
}
