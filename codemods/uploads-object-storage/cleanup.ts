/**
 * Cleanups of folders whose files are now in the bucket: the job that listed the exports folder and deleted
 * old files would find it empty. Its listing, file times and deletions move with the data, call for call:
 * `readdir(dir)` → `listObjectNames(dir)`, `stat(file)` → `statObject(file)`, `unlink(file)`/`rm(file)` →
 * `deleteObject(file)`. A function (or other top-level statement) is rewritten whole or not at all.
 */
import { fsExtraWriterFunctions, fsWriterFunctions } from '../../src/knowledge/files.js';
import { enclosingFunction } from '../kit/ast.js';
import { importedBindings, localsOf, removeUnusedImports } from '../kit/imports.js';
import { knownProperties, loose, type AnyPath, type Loose } from './ast.js';
import { resolveFsCall, type FsCall } from './fs-writes.js';
import { allFsModules, cleanupFunctions, directoryMakers } from './modules.js';
import { expression } from './snippets.js';
import type { Migration } from './state.js';

type AdapterCall = 'listObjectNames' | 'statObject' | 'deleteObject';

/** fs-writes.ts rewrites or reports these; a cleanup is everything else. */
const writing: ReadonlySet<string> = new Set([...fsWriterFunctions, ...fsExtraWriterFunctions, ...directoryMakers].filter((name) => !cleanupFunctions.has(name)));

interface Planned {
  call: AnyPath;
  fsCall: FsCall;
  /** On a folder whose files are in the bucket. */
  stored: boolean;
  adapter?: AdapterCall;
  /** Why it cannot move to the bucket. */
  reason?: string;
}

/** The statement directly in the program that holds `path`: the unit rewritten whole or not at all. */
function topStatement(path: AnyPath): AnyPath {
  let current = path;
  while (current.parent && loose(current.parent.node).type !== 'Program') current = current.parent as AnyPath;
  return current;
}

/** The adapter call `fsCall` becomes on a stored folder, or why there is none. */
function adapterCall(m: Migration, call: AnyPath, fsCall: FsCall, args: Loose[], stored: ReadonlySet<string>): { adapter: AdapterCall } | { reason: string } {
  if (fsCall.form === 'callback') return { reason: `\`${fsCall.text}\` with a callback` };
  if (fsCall.form === 'sync' && !loose(enclosingFunction(call)?.node)?.async) return { reason: `\`${fsCall.text}\` in a synchronous function, which cannot wait for S3` };
  const options = args.length === 2 ? knownProperties(args[1]) : undefined;
  const onlyForce = options !== undefined && [...options.keys()].every((name) => name === 'force');
  const file = args.length >= 1 ? m.folders.parentFolder(call, args[0]!) : undefined;
  const inStored = file !== undefined && stored.has(file);
  if (fsCall.fn === 'readdir' && args.length === 1 && stored.has(m.folders.folder(call, args[0]!) ?? '')) return { adapter: 'listObjectNames' };
  if ((fsCall.fn === 'stat' || fsCall.fn === 'lstat') && args.length === 1 && inStored) return { adapter: 'statObject' };
  if ((fsCall.fn === 'unlink' || fsCall.fn === 'remove') && args.length === 1 && inStored) return { adapter: 'deleteObject' };
  if (fsCall.fn === 'rm' && (args.length === 1 || onlyForce) && inStored) return { adapter: 'deleteObject' };
  return { reason: `\`${fsCall.text}\` in this form has no equivalent in the s3 adapter` };
}

function plan(m: Migration, call: AnyPath, fsCall: FsCall, stored: ReadonlySet<string>): Planned | undefined {
  if (writing.has(fsCall.fn)) return undefined;
  const args = loose(call.node).arguments as Loose[];
  if (!m.inStoredFolder(call, args[0])) {
    return cleanupFunctions.has(fsCall.fn) ? { call, fsCall, stored: false, reason: `\`${fsCall.text}\` works on a folder that stays on this disk` } : undefined;
  }
  return { call, fsCall, stored: true, ...adapterCall(m, call, fsCall, args, stored) };
}

/** Folders the file already stores in the bucket through the adapter's `putObject` (an earlier run). */
function recordExistingWrites(m: Migration): void {
  const putObject = localsOf(importedBindings(m.j, m.root, [m.adapterModule]), 'putObject');
  m.root.find(m.j.CallExpression, { callee: { type: 'Identifier' } }).forEach((call) => {
    const args = loose(call.node).arguments as Loose[];
    if (putObject.includes(loose(call.node.callee).name) && args[0]) m.stored(call, args[0]);
  });
}

/** Rewrites the file's cleanups of folders stored in the bucket, by this file or (`context.storedFolders`) others. */
export function migrateFolderCleanups(m: Migration): void {
  const { j, root } = m;
  recordExistingWrites(m);
  const stored = new Set([...m.context.storedFolders, ...m.storedFolders]);
  const bindings = importedBindings(j, root, allFsModules);
  if (stored.size === 0 || bindings.length === 0) return;
  const program = root.find(j.Program).paths()[0]?.node;
  const units = new Map<unknown, Planned[]>();
  root.find(j.CallExpression).forEach((call) => {
    const fsCall = resolveFsCall(call, bindings, program);
    const planned = fsCall && plan(m, call, fsCall, stored);
    if (!planned) return;
    const unit = topStatement(call).node;
    units.set(unit, [...(units.get(unit) ?? []), planned]);
  });
  let rewritten = false;
  for (const calls of units.values()) {
    const onStored = calls.filter((planned) => planned.stored);
    if (onStored.length === 0) continue;
    const blocker = calls.find((planned) => planned.reason !== undefined);
    if (blocker) {
      m.skipped(onStored[0]!.call, 'cleanup-not-rewritten', { call: onStored[0]!.fsCall.text, problem: blocker.reason! });
      continue;
    }
    for (const planned of onStored) {
      const args = loose(planned.call.node).arguments as Loose[];
      const awaited = planned.fsCall.form === 'sync' ? 'await ' : '';
      m.changed(planned.call, `\`${planned.fsCall.text}\` → \`${planned.adapter}\`: the folder's files are in the S3 bucket`);
      planned.call.replace(expression(j, `${awaited}${m.adapter(planned.adapter!)}($0)`, args[0]));
      rewritten = true;
    }
  }
  if (rewritten) removeUnusedImports(j, root, allFsModules);
}
