/**
 * The per-file rules in worker threads: on a multi-core machine they run beside the TypeScript stages
 * instead of before them, and the main thread takes its share once those are done. Files go out in small
 * chunks that whoever is free takes next, so no thread idles while another has a long queue. Small projects,
 * or a machine where workers cannot start, run them in-process.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AuditConfig } from '../load/config.js';
import type { Diagnostic } from '../model.js';
import type { runChunk } from './rule-chunk.js';
import type { ParsedSources, RuleHit, RuleRun } from './rule-findings.js';
import type { SourceFileText } from '../load/source-files.js';
import type { Directive } from '../filters/suppressions.js';

/** Below this many files a worker costs more to start than it saves. */
const PARALLEL_THRESHOLD = 200;
const MAX_WORKERS = 4;
/** Files per chunk: small enough to balance the threads, large enough that messages cost nothing. */
const CHUNK_FILES = 10;

export interface WorkerResult {
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

type RunChunk = typeof runChunk;

function workerNote(error: Error): Diagnostic {
  return { severity: 'info', code: 'no-worker-threads', message: `rules ran in the main thread: a worker could not start (${error.message.split('\n')[0]})` };
}

/** What a worker gets: every chunk, and the shared counter through which all threads take the next one. */
export interface WorkerInput {
  root: string;
  config: AuditConfig;
  chunks: readonly (readonly SourceFileText[])[];
  next: Int32Array;
}
/** A worker's answer for one chunk. */
export type ChunkAnswer = { index: number; result: WorkerResult };

/** Takes the next chunk no thread has taken yet: one atomic add, so no thread waits for another to hand out work. */
export function takeChunk(next: Int32Array, count: number): number | undefined {
  const index = Atomics.add(next, 0, 1);
  return index < count ? index : undefined;
}

export interface RulePool {
  /**
   * Runs the chunks no worker has taken in this thread (converting its own parses of the files, when given, instead
   * of parsing again), waits for the workers, and gives the merged run in file order. `onChecked` hears how many
   * files the rules are done with whenever a chunk is (the workers' as this thread gets to their answers).
   */
  finish(parsedSources?: ParsedSources, onChecked?: (done: number, total: number) => void): Promise<{ run: RuleRun; diagnostics: Diagnostic[] }>;
}

/** Starts the rules over `files`: workers begin at once; `finish()` lets the main thread help. */
export function startRules(root: string, files: readonly SourceFileText[], config: AuditConfig): RulePool {
  const chunks: SourceFileText[][] = [];
  for (let start = 0; start < files.length; start += CHUNK_FILES) chunks.push(files.slice(start, start + CHUNK_FILES));
  const results: (WorkerResult | undefined)[] = chunks.map(() => undefined);
  // The main thread is busy with the TypeScript stages and answers no messages: workers take work themselves.
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const notes: Diagnostic[] = [];
  let checkedFiles = 0;
  let onChecked: ((done: number, total: number) => void) | undefined;
  const chunkDone = (index: number, result: WorkerResult) => {
    results[index] = result;
    checkedFiles += chunks[index]!.length;
    onChecked?.(checkedFiles, files.length);
  };

  const startWorker = (): Promise<void> =>
    new Promise((settle) => {
      let worker: Worker;
      try {
        worker = createWorker({ root, config, chunks, next } satisfies WorkerInput);
      } catch (error) {
        notes.push(workerNote(error as Error));
        settle();
        return;
      }
      worker.on('message', ({ index, result }: ChunkAnswer) => chunkDone(index, result));
      worker.once('error', (error) => {
        notes.push(workerNote(error));
        void worker.terminate();
        settle();
      });
      worker.once('exit', (code) => {
        if (code !== 0) notes.push(workerNote(new Error(`rule worker exited with code ${code}`)));
        settle();
      });
    });

  const workers = Array.from({ length: workerCount(files.length) }, startWorker);

  return {
    async finish(parsedSources, listener) {
      onChecked = listener;
      // The rules' own modules (ESLint, typescript-estree, TypeScript) load in this thread only once it takes a chunk.
      let runChunk: RunChunk | undefined;
      const runHere = async (index: number) => {
        runChunk ??= (await import('./rule-chunk.js')).runChunk;
        chunkDone(index, runChunk(root, chunks[index]!, config, parsedSources));
      };
      for (let index = takeChunk(next, chunks.length); index !== undefined; index = takeChunk(next, chunks.length)) await runHere(index);
      await Promise.all(workers);
      // Slower, not wrong: a chunk a failed worker had taken runs here.
      for (const [index, result] of results.entries()) if (!result) await runHere(index);
      return merge(files, results as WorkerResult[], notes);
    },
  };
}

function merge(files: readonly SourceFileText[], results: readonly WorkerResult[], notes: readonly Diagnostic[]): { run: RuleRun; diagnostics: Diagnostic[] } {
  const order = new Map(files.map((file, index) => [file.relative, index]));
  const run: RuleRun = {
    hits: results.flatMap((result) => result.hits).sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.line - b.line || a.column - b.column),
    directives: new Map(results.flatMap((result) => result.directives)),
    unparsable: new Set(results.flatMap((result) => result.unparsable)),
  };
  const found = results.flatMap((result) => result.diagnostics).sort((a, b) => (order.get(a.file ?? '') ?? 0) - (order.get(b.file ?? '') ?? 0));
  // One note is enough when several workers could not start.
  const diagnostics = [...found, ...notes.slice(0, 1)];
  return { run, diagnostics };
}
