/** Names of the generated jobs: the export (`cleanupJob`) and the id the schedule is stored under in Redis. */
import path from 'node:path';
import type { ASTPath } from 'jscodeshift';
import { freeName } from '../kit/imports.js';
import { enclosingFunctions, functionName } from '../kit/ast.js';

type AnyNode = { type: string; [key: string]: unknown };

/** Words around a function's name that say it starts a job rather than what the job does. */
const startingVerbs = /^(start|schedule|run|register|init|initialize|setup|setUp|begin|create|enable|launch|kickOff)(?=[A-Z])/;
const jobWords = /(Jobs?|Tasks?|Timers?|Interval|Loop|Cron|Scheduler|Schedule)$/;

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** `nightly-report` / `Nightly report` → `nightlyReport`; empty when nothing usable is left. */
export function camelCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
  return lowerFirst(joined.replace(/^[0-9]+/, ''));
}

/** `startCleanupJob` → `cleanup`, `scheduleNightlyReport` → `nightlyReport`, `start` → ''. */
export function jobWordsRemoved(name: string): string {
  return lowerFirst(name.replace(startingVerbs, '').replace(jobWords, ''));
}

/**
 * The base name of a job: a name the code gives it, else the function that starts the timer, else the
 * callback's name, else the file's name.
 */
export function jobBaseName(timer: ASTPath, callback: ASTPath, file: string, givenName?: string): string {
  const callbackNode = callback.node as AnyNode;
  const callbackName = callbackNode.type === 'Identifier' ? (callbackNode.name as string) : (callbackNode.id as AnyNode | null | undefined)?.name as string | undefined;
  // The nearest function around the timer that has a name.
  const enclosing = enclosingFunctions(timer).map(functionName).find((name) => name !== undefined);
  const candidates = [givenName && camelCase(givenName), enclosing && jobWordsRemoved(enclosing), callbackName && jobWordsRemoved(callbackName)];
  const fileName = jobWordsRemoved(camelCase(path.basename(file, path.extname(file))));
  return candidates.find((candidate): candidate is string => typeof candidate === 'string' && /^[A-Za-z_$][\w$]*$/.test(candidate)) ?? (fileName || 'periodic');
}

/** Allocates export names and ids for the jobs of one file. */
export class JobNamer {
  private readonly taken: Set<string>;
  /**
   * @param modulePrefix the file's path from the source folder, e.g. `jobs/cleanup`, which makes ids unique
   *   in the project. BullMQ refuses `:` in ids, so the parts are joined with `#`.
   */
  constructor(
    usedNames: ReadonlySet<string>,
    private readonly modulePrefix: string,
  ) {
    this.taken = new Set(usedNames);
  }

  /** `cleanup` → `{ exportName: 'cleanupJob', id: 'jobs/cleanup#cleanup' }`, numbered when taken. */
  allocate(baseName: string): { exportName: string; id: string } {
    const exportName = freeName(this.taken, `${baseName}Job`);
    this.taken.add(exportName);
    const suffix = exportName.slice(`${baseName}Job`.length);
    return { exportName, id: `${this.modulePrefix}#${baseName}${suffix}` };
  }
}

/** The file's path from the source folder (the adapters' parent), without extension: `jobs/cleanup`. */
export function modulePrefix(file: string, jobsAdapterSpecifier: string): string {
  const sourceFolder = path.dirname(path.dirname(path.resolve(path.dirname(file), jobsAdapterSpecifier)));
  const relative = path.relative(sourceFolder, file).split(path.sep).filter((part) => part !== '..').join('/');
  return relative.replace(/\.[cm]?[jt]sx?$/, '');
}
