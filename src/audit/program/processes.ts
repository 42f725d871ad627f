/**
 * Stage 2 of the audit: which files start a web process and which start a worker, and so which files belong
 * to the web process (the import closure of its entries) and which only to workers.
 */
import path from 'node:path';
import type { SourceFile } from 'typescript';
import {
  buildOutputFolders,
  scriptRunners,
  webScriptNames,
  serverlessHandlerExports,
  webEntryCalls,
  webEntryMethods,
  workerEntryCalls,
} from '../../knowledge/index.js';
import { calleeTarget, fileBindings, finalApiNames, matchesApi } from '../syntax/bindings.js';
import { callsNamed, lineOf, localExports, newsNamed } from '../syntax/file-nodes.js';
import { nextConventions } from './handlers.js';
import type { LoadedProject } from '../load/parse.js';
import type { Diagnostic, ProcessInfo } from '../model.js';
import { importClosure, type ModuleGraph } from './module-graph.js';
import { SOURCE_EXTENSIONS } from '../load/source-files.js';
import { ts } from '../syntax/typescript.js';

export interface Processes {
  list: ProcessInfo[];
  /** Files in the import closure of a web entry (all non-test source when no entry was found). */
  web: Set<string>;
  /** Files only workers load. */
  workerOnly: Set<string>;
  webEntries: string[];
}

interface EntryReason {
  reason: string;
  line: number;
}

/** The names a call that starts serving ends in: `listen`, `create` (NestFactory), `serve`. */
const webEntryCallNames = new Set([...webEntryMethods, ...finalApiNames(webEntryCalls.map((entry) => entry.api))]);

/** Why a file starts a web process, if it does, and the line that does it. */
function webEntryReason(relative: string, sourceFile: SourceFile): EntryReason | undefined {
  const next = nextConventions(relative, sourceFile);
  if (next.isRouteFile) return { reason: 'Next.js route handler file', line: 1 };
  if (next.isApiPage) return { reason: 'Next.js API route', line: 1 };
  if (next.isServerActions) return { reason: 'Next.js server actions', line: 1 };
  const bindings = fileBindings(sourceFile);
  for (const call of callsNamed(sourceFile, webEntryCallNames, (name) => bindings.has(name))) {
    const callee = call.expression;
    if (ts.isPropertyAccessExpression(callee) && webEntryMethods.includes(callee.name.getText())) return { reason: `calls ${callee.getText()}()`, line: lineOf(call) };
    const target = calleeTarget(callee, bindings);
    const known = target && webEntryCalls.find((entry) => matchesApi(target, entry.api));
    if (known) return { reason: known.reason, line: lineOf(call) };
  }
  for (const name of serverlessHandlerExports) {
    const declaration = localExports(sourceFile).get(name);
    if (declaration) return { reason: `exports a serverless \`${name}\``, line: lineOf(declaration) };
  }
  return undefined;
}

/** The names a `new` that starts a worker ends in: `Worker` (BullMQ), … */
const workerEntryClassNames = new Set(finalApiNames(workerEntryCalls.map((entry) => entry.api)));

function workerEntryReason(sourceFile: SourceFile): EntryReason | undefined {
  const bindings = fileBindings(sourceFile);
  for (const created of newsNamed(sourceFile, workerEntryClassNames, (name) => bindings.has(name))) {
    const target = calleeTarget(created.expression, bindings);
    const known = target && workerEntryCalls.find((entry) => matchesApi(target, entry.api));
    if (known) return { reason: known.reason, line: lineOf(created) };
  }
  return undefined;
}

/** Files that package.json scripts run as their own process (`tsx src/worker.ts`, `node dist/worker.js` → src/worker.ts). */
function scriptFiles(loaded: LoadedProject): { file: string; script: string; package?: string }[] {
  const known = new Set(loaded.files.map((file) => file.relative));
  const found: { file: string; script: string; package?: string }[] = [];
  const packages = [...(loaded.rootPackage ? [loaded.rootPackage] : []), ...loaded.packages];
  for (const pkg of packages) {
    const scripts = pkg.json['scripts'];
    if (!scripts || typeof scripts !== 'object') continue;
    for (const [name, command] of Object.entries(scripts as Record<string, unknown>)) {
      if (typeof command !== 'string') continue;
      for (const part of command.split(/&&|\|\||;|\|/)) {
        const words = part.trim().split(/\s+/);
        if (!scriptRunners.includes(words[0] ?? '')) continue;
        const argument = words.slice(1).find((word) => !word.startsWith('-') && /\.[cm]?[jt]sx?$|^[\w./-]+$/.test(word) && word.includes('/'));
        const file = argument && sourceFor(path.posix.join(pkg.dir, argument), known);
        if (file) found.push({ file, script: name, package: pkg.dir === '.' ? undefined : pkg.name });
      }
    }
  }
  return found;
}

/** The audited source file a script argument names, also through build output (`dist/x.js` → `src/x.ts`). */
function sourceFor(candidate: string, known: Set<string>): string | undefined {
  const normalized = path.posix.normalize(candidate);
  const stems = [normalized.replace(/\.[cm]?[jt]sx?$/, '')];
  for (const [output, source] of Object.entries(buildOutputFolders)) {
    const pattern = new RegExp(`(^|/)${output}/`);
    if (pattern.test(stems[0]!)) stems.push(stems[0]!.replace(pattern, `$1${source}/`));
  }
  for (const stem of stems) {
    for (const extension of SOURCE_EXTENSIONS) if (known.has(`${stem}${extension}`)) return `${stem}${extension}`;
    for (const extension of SOURCE_EXTENSIONS) if (known.has(`${stem}/index${extension}`)) return `${stem}/index${extension}`;
  }
  return known.has(normalized) ? normalized : undefined;
}

/** Finds entries and splits the files into web and worker-only. */
export function findProcesses(loaded: LoadedProject, graph: ModuleGraph, isTestFile: (relative: string) => boolean, diagnostics: Diagnostic[]): Processes {
  const list: ProcessInfo[] = [];
  const packageName = (file: string) => loaded.packageOf(file)?.name;
  const add = (kind: ProcessInfo['kind'], entry: string, { reason, line }: EntryReason) => {
    if (list.some((known) => known.entry === entry)) return;
    list.push({ kind, entry, line, reason, ...(packageName(entry) ? { package: packageName(entry) } : {}) });
  };
  for (const file of loaded.files) {
    if (isTestFile(file.relative)) continue;
    const sourceFile = loaded.sourceFile(file.relative)!;
    const workerReason = workerEntryReason(sourceFile);
    if (workerReason) add('worker', file.relative, workerReason);
    else {
      const webReason = webEntryReason(file.relative, sourceFile);
      if (webReason) add('web', file.relative, webReason);
    }
  }
  const known = new Set(loaded.files.map((file) => file.relative));
  for (const entry of loaded.config.entries) if (known.has(entry)) add('web', entry, { reason: `listed in ${loaded.config.source} "entries"`, line: 1 });
  for (const entry of loaded.config.workers) if (known.has(entry)) add('worker', entry, { reason: `listed in ${loaded.config.source} "workers"`, line: 1 });
  // The start script runs the server even where no listen() call shows it; other scripts run separate processes.
  for (const { file, script } of scriptFiles(loaded)) {
    if (list.some((known) => known.entry === file)) continue;
    if (webScriptNames.includes(script)) add('web', file, { reason: `run by the "${script}" script in package.json`, line: 1 });
    else add('worker', file, { reason: `run separately by the "${script}" script in package.json`, line: 1 });
  }
  const webEntries = list.filter((process) => process.kind === 'web').map((process) => process.entry);
  const workerEntries = list.filter((process) => process.kind === 'worker').map((process) => process.entry);

  let web: Set<string>;
  if (webEntries.length > 0) web = importClosure(graph, webEntries);
  else {
    diagnostics.push({ severity: 'info', code: 'no-web-entry', message: 'no web process entry found (no listen(), NestFactory.create, Next.js route or serverless handler); all non-test source is treated as web' });
    const workerFiles = importClosure(graph, workerEntries);
    web = new Set(loaded.files.map((file) => file.relative).filter((file) => !isTestFile(file) && !workerFiles.has(file)));
  }
  const workerOnly = new Set([...importClosure(graph, workerEntries)].filter((file) => !web.has(file)));
  list.sort((a, b) => a.kind.localeCompare(b.kind) || a.entry.localeCompare(b.entry));
  return { list, web, workerOnly, webEntries };
}
