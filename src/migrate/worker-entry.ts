/** Where the worker entry goes, its text (new or extended) and the npm script that starts it. */
import fs from 'node:fs';
import path from 'node:path';
import { addJobsToWorkerEntry, renderWorkerEntry } from '../../codemods/jobs-queue/worker-entry.js';
import type { WorkerJob } from '../../codemods/kit/codemod.js';
import type { SourceStyle } from '../../codemods/kit/style.js';
import type { AuditResult } from '../audit/model.js';
import type { PlannedWrite } from './write-files.js';

export interface WorkerEntryPlan {
  file: string;
  write?: PlannedWrite;
  /** `worker`: runs the worker as the start script runs the web entry. */
  script?: { name: string; command: string };
  /** `worker:dev`: as the dev script runs the web entry, when that differs. */
  devScript?: { name: string; command: string };
}

/** The worker entry sits next to the web entry (`src/server.ts` → `src/worker.ts`). */
export function workerEntryWrite(packageRoot: string, result: AuditResult, jobs: readonly WorkerJob[], style: SourceStyle, adapterDir: string): WorkerEntryPlan {
  const webEntryFile = result.processes
    .filter((process) => process.kind === 'web')
    .map((process) => path.join(result.root, process.entry))
    .find((file) => file.startsWith(packageRoot + path.sep));
  const folder = webEntryFile ? path.dirname(webEntryFile) : path.dirname(adapterDir);
  const file = path.join(folder, `worker.${style.language}`);
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  const after = before === undefined ? renderWorkerEntry(file, [...jobs], style, adapterDir) : addJobsToWorkerEntry(before, file, [...jobs], style);
  const scripts = workerScript(packageRoot, webEntryFile && path.relative(packageRoot, webEntryFile).split(path.sep).join('/'), file);
  return {
    file,
    write: after === before ? undefined : { file, before, after },
    script: scripts.find((script) => script.name === 'worker'),
    devScript: scripts.find((script) => script.name === 'worker:dev'),
  };
}

/** A word of a script that may name a file: `dist/server.js`, `./src/server.ts`, `.` (no spaces, no quotes). */
const scriptWord = /(?<=^|[\s='"])[\w@.+/-]+(?=$|[\s'";&|)])/g;

/**
 * `command` with the web entry replaced by the worker: the same runner and the same build output, e.g.
 * `node dist/server.js` → `node dist/worker.js`, `tsx src/server.ts` → `tsx src/worker.ts`, `node .` (with
 * `main` the web entry's build) → `node dist/worker.js`. The worker sits next to the web entry, so only the
 * file's name changes. Undefined when the command names no file of the web entry's name.
 */
export function workerCommand(command: string, webEntry: string, workerEntry: string, main?: string): string | undefined {
  const stem = (file: string) => path.posix.basename(file).replace(/\.[cm]?[jt]sx?$/, '');
  const [webName, workerName] = [stem(webEntry), stem(workerEntry)];
  let found = false;
  const replaced = command.replace(scriptWord, (token) => {
    const named = (token === '.' || token === './') && main !== undefined ? main.replace(/^\.\//, '') : token;
    if (stem(named) !== webName || !/[/.]/.test(named)) return token;
    found = true;
    const folder = named.slice(0, named.length - path.posix.basename(named).length);
    return `${folder}${workerName}${path.posix.basename(named).slice(webName.length)}`;
  });
  return found ? replaced : undefined;
}

/**
 * The worker's scripts, from the scripts that start the web entry: `worker` from `start` (or `serve`; from
 * `dev` only when neither exists), as production runs it, and `worker:dev` from `dev` when that differs.
 */
export function workerScripts(scripts: Readonly<Record<string, string>>, webEntry: string, workerEntry: string, main?: string): { name: string; command: string }[] {
  const derived = (name: string) => (scripts[name] === undefined ? undefined : workerCommand(scripts[name], webEntry, workerEntry, main));
  const production = scripts.start !== undefined || scripts.serve !== undefined ? (derived('start') ?? derived('serve')) : derived('dev');
  const development = derived('dev');
  const result = production === undefined ? [] : [{ name: 'worker', command: production }];
  if (development !== undefined && development !== production) result.push({ name: 'worker:dev', command: development });
  return result;
}

function workerScript(root: string, webEntry: string | undefined, workerFile: string): { name: string; command: string }[] {
  const manifestFile = path.join(root, 'package.json');
  if (!webEntry || !fs.existsSync(manifestFile)) return [];
  let manifest: { scripts?: Record<string, string>; main?: string };
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8').replace(/^\uFEFF/, '')) as typeof manifest;
  } catch {
    return [];
  }
  const workerRelative = path.relative(root, workerFile).split(path.sep).join('/');
  return workerScripts(manifest.scripts ?? {}, webEntry, workerRelative, typeof manifest.main === 'string' ? manifest.main : undefined);
}
