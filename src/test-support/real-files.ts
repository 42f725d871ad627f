/**
 * Real code for robustness tests: the JavaScript and TypeScript files below a folder (this repository's
 * node_modules), found by a walk in a fixed order, and linted with the plugin's recommended config in worker threads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Larger files are bundles; the audit skips them too. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface RealFile {
  path: string;
  language: 'javascript' | 'typescript';
  /** As Node runs the file: `.cjs`/`.mjs` by extension, `.js` by the nearest package.json's `type`; TypeScript as modules. */
  sourceType: 'module' | 'commonjs';
  bytes: number;
}

const JAVASCRIPT = /\.(js|cjs|mjs)$/;
const TYPESCRIPT = /\.(ts|cts|mts)$/;
const DECLARATIONS = /\.d\.(ts|cts|mts)$/;

function packageType(directory: string, inherited: RealFile['sourceType']): RealFile['sourceType'] {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8')) as { type?: unknown };
    return json.type === 'module' ? 'module' : 'commonjs';
  } catch {
    return inherited; // no package.json here, or one that is not JSON
  }
}

function sourceTypeOf(name: string, packageSourceType: RealFile['sourceType']): RealFile['sourceType'] {
  if (name.endsWith('.cjs') || name.endsWith('.cts')) return 'commonjs';
  if (name.endsWith('.js')) return packageSourceType;
  return 'module';
}

/** JavaScript and TypeScript files (no declaration files, none over 1 MB) below `root`, in a sorted walk; links are not followed. */
export function realSourceFiles(root: string): RealFile[] {
  const files: RealFile[] = [];
  const visit = (directory: string, inherited: RealFile['sourceType']) => {
    const packageSourceType = packageType(directory, inherited);
    const entries = fs.readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        visit(full, packageSourceType);
        continue;
      }
      const language = JAVASCRIPT.test(entry.name) ? 'javascript' : TYPESCRIPT.test(entry.name) && !DECLARATIONS.test(entry.name) ? 'typescript' : undefined;
      if (!entry.isFile() || !language) continue;
      const bytes = fs.statSync(full).size;
      if (bytes <= MAX_FILE_BYTES) files.push({ path: full, language, sourceType: sourceTypeOf(entry.name, packageSourceType), bytes });
    }
  };
  visit(root, 'commonjs');
  return files;
}

/** A rule that threw while linting a file: ESLint's message names the rule and the line. */
export interface Crash {
  file: string;
  message: string;
}

/** What linting a set of files gave. */
export interface LintSummary {
  files: number;
  bytes: number;
  /** Files with a fatal parsing error (ESLint reports them; no rule runs). */
  parseErrors: number;
  /** The plugin's problems by rule id. */
  problems: Record<string, number>;
  crashes: Crash[];
}

export function emptySummary(): LintSummary {
  return { files: 0, bytes: 0, parseErrors: 0, problems: {}, crashes: [] };
}

export function addSummary(into: LintSummary, from: LintSummary): void {
  into.files += from.files;
  into.bytes += from.bytes;
  into.parseErrors += from.parseErrors;
  for (const [rule, count] of Object.entries(from.problems)) into.problems[rule] = (into.problems[rule] ?? 0) + count;
  into.crashes.push(...from.crashes);
}

/** What a worker gets: the folder the files are in (ESLint's cwd), the files in chunks, and the shared next-chunk counter. */
export interface LintWorkerInput {
  cwd: string;
  chunks: RealFile[][];
  next: Int32Array;
}

/** The index of the next chunk no thread has taken, or undefined when all are taken. */
export function takeChunk(next: Int32Array, count: number): number | undefined {
  const index = Atomics.add(next, 0, 1);
  return index < count ? index : undefined;
}

const CHUNK_FILES = 25;

/** Lints `files` with `threads` worker threads that take chunks of files as they get free (linting in real-files-worker.ts). */
export async function lintInWorkers(cwd: string, files: readonly RealFile[], threads: number): Promise<LintSummary> {
  const chunks: RealFile[][] = [];
  for (let start = 0; start < files.length; start += CHUNK_FILES) chunks.push(files.slice(start, start + CHUNK_FILES));
  const workerData: LintWorkerInput = { cwd, chunks, next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) };
  // The worker is TypeScript: it runs behind tsx's loader, resolved from the working directory (this project).
  const script = new URL('./real-files-worker.ts', import.meta.url).href;
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  const summary = emptySummary();
  const done = new Set<number>();
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(code, { eval: true, workerData });
          worker.on('message', ({ index, result }: { index: number; result: LintSummary }) => {
            done.add(index);
            addSummary(summary, result);
          });
          worker.once('error', reject);
          worker.once('exit', (exitCode) => (exitCode === 0 ? resolve() : reject(new Error(`lint worker exited with code ${exitCode}`))));
        }),
    ),
  );
  if (done.size !== chunks.length) throw new Error(`the workers linted ${done.size} of ${chunks.length} chunks`);
  return summary;
}
