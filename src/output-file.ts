/** Writing a file the user named (`--output`, `--update-baseline`): whole or not at all, and one clear line when it fails. */
import fs from 'node:fs';
import path from 'node:path';

/** A file the user named cannot be written: the message names the path and why; the command exits 2. */
export class OutputFileError extends Error {}

const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'the file system does not allow creating it',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
};

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return (error as Error).message;
  return `${reasons[code] ?? 'cannot be written'} (${code})`;
}

/**
 * Creates the missing folders above `absolute` one level at a time. fs.mkdirSync(…, { recursive: true }) loops
 * forever at full CPU on a path below /proc (Node 20 retries the ENOENT the kernel gives it); creating each level
 * fails at once instead.
 */
function createParentFolders(absolute: string, typed: string): void {
  const missing: string[] = [];
  let folder = path.dirname(absolute);
  while (!fs.existsSync(folder)) {
    missing.unshift(folder);
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const level of missing) {
    try {
      fs.mkdirSync(level);
    } catch (error) {
      throw new OutputFileError(`cannot write ${typed}: cannot create the folder ${level}: ${reason(error)}`);
    }
  }
}

/**
 * Checks, before a long run, that `file` can be written later: creates its missing folders and asks whether its
 * folder is writable. Throws OutputFileError when not; writeOutputFile() still reports what only writing shows.
 */
export function prepareOutputFile(file: string): void {
  const absolute = path.resolve(file);
  createParentFolders(absolute, file);
  try {
    fs.accessSync(path.dirname(absolute), fs.constants.W_OK);
  } catch (error) {
    throw new OutputFileError(`cannot write ${file}: ${reason(error)}`);
  }
}

/**
 * Writes `text` to `file` through a temporary file and a rename, so that a reader never sees half a report, creating
 * missing folders. A device or pipe (`/dev/stdout`) is written directly: renaming onto it would replace it.
 * Throws OutputFileError, naming `file` (as the user typed it) and the reason, when that fails.
 */
export function writeOutputFile(file: string, text: string): void {
  const absolute = path.resolve(file);
  let existing: fs.Stats | undefined;
  try {
    existing = fs.statSync(absolute);
  } catch {
    // a new file
  }
  if (existing && !existing.isFile() && !existing.isDirectory()) {
    try {
      fs.writeFileSync(absolute, text);
    } catch (error) {
      throw new OutputFileError(`cannot write ${file}: ${reason(error)}`);
    }
    return;
  }
  createParentFolders(absolute, file);
  const temporary = `${absolute}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, absolute);
  } catch (error) {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // never created, or not removable either: the reason that matters is the write's
    }
    throw new OutputFileError(`cannot write ${file}: ${reason(error)}`);
  }
}
