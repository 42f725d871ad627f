/**
 * Writing results: atomically, one file at a time, so a failure damages neither that file nor others; never
 * through a symbolic link or outside the project, never over a file changed since it was read, and in an
 * order that leaves a working project wherever a run is interrupted.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';

export interface PlannedWrite {
  /** Absolute path. */
  file: string;
  /** The text as read when planning; undefined for a new file. The write happens only if the file still holds it. */
  before: string | undefined;
  after: string;
  /**
   * What the file is, which decides when it is written: generated adapters first (nothing in the project
   * imports them yet), then the worker entry, then package.json and .env.example, the rewritten sources
   * (`source`, the default) last, so that a source never imports an adapter that is not there.
   */
  kind?: 'adapter' | 'worker' | 'config' | 'source';
  /** Files that must exist before this one is written (the adapters a rewritten source imports). */
  requires?: string[];
}

/** A planned write that did not happen, and why; `failed` when writing was tried and went wrong. */
export interface NotWritten {
  file: string;
  reason: string;
  failed: boolean;
}

const writeRank: Record<NonNullable<PlannedWrite['kind']>, number> = { adapter: 0, worker: 1, config: 2, source: 3 };

/** The writes in the order they are written (see `PlannedWrite.kind`), stable within a kind. */
export function writeOrder(writes: readonly PlannedWrite[]): PlannedWrite[] {
  return [...writes].sort((a, b) => writeRank[a.kind ?? 'source'] - writeRank[b.kind ?? 'source']);
}

/** Temporary files are `.<name>.<pid>.stateless-tmp` beside their target; a run killed mid-write leaves one. */
const TEMPORARY = /^\..+\.(\d+)\.stateless-tmp$/;

function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.stateless-tmp`);
}

function slash(relative: string): string {
  return relative.split(path.sep).join('/');
}

function inside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
}

/**
 * Why `folder` (existing or to be created) must not be written in: its nearest existing part resolves, through
 * symbolic links, outside `root`, or cannot be resolved. Undefined when it may.
 */
export function folderBlocker(root: string, folder: string): string | undefined {
  const realRoot = fs.realpathSync(root);
  let existing = folder;
  while (!fs.lstatSync(existing, { throwIfNoEntry: false }) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const shown = slash(path.relative(root, existing)) || '.';
  let real: string;
  try {
    real = fs.realpathSync(existing);
  } catch (error) {
    return `${shown} cannot be resolved (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}), a broken or looping link`;
  }
  return inside(realRoot, real) ? undefined : `${shown} resolves to ${real}, outside the project`;
}

/** Why `file` must not be written: it is a symbolic link, or its folder is outside `root`. Undefined when it may. */
export function writeBlocker(root: string, file: string): string | undefined {
  const stat = lstatQuietly(file);
  if (stat?.isSymbolicLink()) return `it is a symbolic link (to ${fs.readlinkSync(file)}); migrate does not write through links`;
  if (stat && !stat.isFile()) return 'it is not a regular file';
  return folderBlocker(root, path.dirname(file));
}

/** lstat, undefined for a path that does not exist or whose parent is not a folder. */
function lstatQuietly(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function contentHash(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The file's content hash, undefined when there is no file. */
function hashOnDisk(file: string): string | undefined {
  try {
    return contentHash(fs.readFileSync(file));
  } catch (error) {
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
}

/**
 * Writes through a temporary file in the same folder and a rename, keeping the file's mode. With `expected`
 * (the hash of the content planned over, or undefined for a new file), the file on disk is compared just
 * before the rename: returns why it was not written when it differs.
 */
export function writeAtomically(file: string, text: string, expected?: { hash: string | undefined }): string | undefined {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = temporaryName(file);
  try {
    fs.rmSync(temporary, { force: true });
    // `wx`: never through a link someone put at the temporary name.
    fs.writeFileSync(temporary, text, { mode: fs.existsSync(file) ? fs.statSync(file).mode : 0o644, flag: 'wx' });
    if (expected) {
      const now = hashOnDisk(file);
      if (now !== expected.hash) {
        if (expected.hash === undefined) return 'it was created after migrate read the project; run migrate again';
        return now === undefined ? 'it was removed after migrate read it' : 'it changed after migrate read it; run migrate again';
      }
    }
    fs.renameSync(temporary, file);
    return undefined;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * Writes the plan in `writeOrder`: each file unless it is a link, lies outside `root`, needs a file that is not
 * there, or changed since it was planned. Returns what was not written, with why; writes all the others.
 */
export function writeFiles(root: string, writes: readonly PlannedWrite[]): { written: string[]; notWritten: NotWritten[] } {
  const written: string[] = [];
  const notWritten: NotWritten[] = [];
  for (const write of writeOrder(writes)) {
    try {
      const missing = (write.requires ?? []).filter((required) => !fs.existsSync(required));
      const blocker =
        writeBlocker(root, write.file) ?? (missing.length > 0 ? `it imports ${missing.map((file) => slash(path.relative(root, file))).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not there` : undefined);
      const changed = blocker ?? writeAtomically(write.file, write.after, { hash: write.before === undefined ? undefined : contentHash(write.before) });
      if (changed) notWritten.push({ file: write.file, reason: changed, failed: false });
      else written.push(write.file);
    } catch (error) {
      notWritten.push({ file: write.file, reason: `could not write it: ${(error as Error).message}`, failed: true });
    }
  }
  return { written, notWritten };
}

/** Applies every write; returns the files not written with why, having written all the others. */
export function applyWrites(writes: readonly PlannedWrite[], root = path.parse(process.cwd()).root): { file: string; error: string }[] {
  return writeFiles(root, writes).notWritten.map(({ file, reason }) => ({ file, error: reason }));
}

/**
 * Removes the temporary files an interrupted run left below `root` (not following links, not in
 * node_modules or .git), except those of a migrate still running; returns them.
 */
export function removeLeftoverTemporaryFiles(root: string): string[] {
  const removed: string[] = [];
  const visit = (folder: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') visit(full);
      const match = TEMPORARY.exec(entry.name);
      if (match && entry.isFile() && !running(Number(match[1]))) {
        fs.rmSync(full, { force: true });
        removed.push(full);
      }
    }
  };
  visit(root);
  return removed;
}

/** Whether another process with this id runs (a migrate writing right now keeps its temporary files). */
function running(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A unified diff of one planned write, with paths relative to `root` (`/dev/null` for a new file). */
export function unifiedDiff(root: string, write: PlannedWrite): string {
  const relative = path.relative(root, write.file).split(path.sep).join('/');
  return createTwoFilesPatch(write.before === undefined ? '/dev/null' : `a/${relative}`, `b/${relative}`, write.before ?? '', write.after, undefined, undefined, { context: 3 });
}
