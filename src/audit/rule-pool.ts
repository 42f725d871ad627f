/**
 * The per-file rules in worker threads: on a multi-core machine they run beside the TypeScript stages
 * instead of before them. Small projects, or a machine where workers cannot start, run them in-process.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AuditConfig } from './config.js';
import type { Diagnostic } from './model.js';
import { runRules, type RuleHit, type RuleRun } from './rule-findings.js';
import type { SourceFileText } from './source-files.js';
import type { Directive } from './suppressions.js';

/** Below this many files a worker costs more to start than it saves. */
const PARALLEL_THRESHOLD = 200;
const MAX_WORKERS = 4;

interface WorkerResult {
  hits: RuleHit[];
  directives: [string, Directive[]][];
  unparsable: string[];
  diagnostics: Diagnostic[];
}

function workerCount(fileCount: number): number {
  const setting = process.env['STATELESS_WORKERS'];
  if (setting !== undefined) return Math.max(0, Math.min(MAX_WORKERS, Number(setting) || 0));
  if (fileCount < PARALLEL_THRESHOLD) return 0;
  // The main thread keeps one core for the TypeScript stages.
  return Math.max(1, Math.min(MAX_WORKERS, os.availableParallelism() - 1));
}

/** The worker: dist/'s JavaScript as it is; from the sources (tests, tsx) the TypeScript file behind tsx's loader. */
function createWorker(workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./rule-worker.js', import.meta.url), { workerData });
  // An eval'd worker resolves the bare specifier from the working directory: this project's node_modules in tests.
  const script = new URL('./rule-worker.ts', import.meta.url).href;
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(code, { eval: true, workerData });
}

function runShard(root: string, files: SourceFileText[], config: AuditConfig): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = createWorker({ root, files, config });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`rule worker exited with code ${code}`)));
  });
}

function runInProcess(root: string, files: readonly SourceFileText[], config: AuditConfig): WorkerResult {
  const diagnostics: Diagnostic[] = [];
  const run = runRules(root, files, config, diagnostics);
  return { hits: run.hits, directives: [...run.directives], unparsable: [...run.unparsable], diagnostics };
}

/** Starts the rules over `files`; the promise gives the merged run and the diagnostics, in file order. */
export async function rulesInParallel(root: string, files: readonly SourceFileText[], config: AuditConfig): Promise<{ run: RuleRun; diagnostics: Diagnostic[] }> {
  const count = workerCount(files.length);
  let results: WorkerResult[];
  if (count === 0) {
    results = [runInProcess(root, files, config)];
  } else {
    // Interleaved shards balance large and small folders between workers.
    const shards = Array.from({ length: count }, (_, shard) => files.filter((_, index) => index % count === shard));
    results = await Promise.all(
      shards.map((shard) =>
        runShard(root, shard, config).catch((error: unknown) => {
          // Slower, not wrong: the same rules run in this thread.
          const fallback = runInProcess(root, shard, config);
          fallback.diagnostics.push({ severity: 'info', code: 'no-worker-threads', message: `rules ran in the main thread: a worker could not start (${(error as Error).message.split('\n')[0]})` });
          return fallback;
        }),
      ),
    );
  }
  const order = new Map(files.map((file, index) => [file.relative, index]));
  const run: RuleRun = {
    hits: results.flatMap((result) => result.hits).sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.line - b.line || a.column - b.column),
    directives: new Map(results.flatMap((result) => result.directives)),
    unparsable: new Set(results.flatMap((result) => result.unparsable)),
  };
  const diagnostics = results.flatMap((result) => result.diagnostics).sort((a, b) => (order.get(a.file ?? '') ?? 0) - (order.get(b.file ?? '') ?? 0));
  return { run, diagnostics };
}
