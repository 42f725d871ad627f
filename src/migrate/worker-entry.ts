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
  script?: { name: string; command: string };
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
  return { file, write: after === before ? undefined : { file, before, after }, script: workerScript(packageRoot, webEntryFile && path.relative(packageRoot, webEntryFile).split(path.sep).join('/'), file) };
}

/** `"start": "tsx src/server.ts"` → `"worker": "tsx src/worker.ts"`: the same runner, the worker's file. */
function workerScript(root: string, webEntry: string | undefined, workerFile: string): { name: string; command: string } | undefined {
  const manifestFile = path.join(root, 'package.json');
  if (!webEntry || !fs.existsSync(manifestFile)) return undefined;
  const scripts = (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  const workerRelative = path.relative(root, workerFile).split(path.sep).join('/');
  const webWithoutExtension = webEntry.replace(/\.[cm]?[jt]sx?$/, '');
  for (const name of ['start', 'dev', 'serve']) {
    const command = scripts[name];
    if (!command?.includes(webWithoutExtension)) continue;
    const workerWithoutExtension = workerRelative.replace(/\.[cm]?[jt]sx?$/, '');
    return { name: 'worker', command: command.split(webWithoutExtension).join(workerWithoutExtension) };
  }
  return undefined;
}
