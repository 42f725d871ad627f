/** Writing results: atomically, one file at a time, so a failure damages neither that file nor others. */
import fs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';

export interface PlannedWrite {
  /** Absolute path. */
  file: string;
  /** The current text; undefined for a new file. */
  before: string | undefined;
  after: string;
}

/** Writes through a temporary file in the same folder and a rename, keeping the file's mode. */
export function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.stateless-tmp`);
  try {
    fs.writeFileSync(temporary, text, { mode: fs.existsSync(file) ? fs.statSync(file).mode : 0o644 });
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** Applies every write; returns the files that failed with why, having written all the others. */
export function applyWrites(writes: readonly PlannedWrite[]): { file: string; error: string }[] {
  const failures: { file: string; error: string }[] = [];
  for (const write of writes) {
    try {
      writeAtomically(write.file, write.after);
    } catch (error) {
      failures.push({ file: write.file, error: (error as Error).message });
    }
  }
  return failures;
}

/** A unified diff of one planned write, with paths relative to `root` (`/dev/null` for a new file). */
export function unifiedDiff(root: string, write: PlannedWrite): string {
  const relative = path.relative(root, write.file).split(path.sep).join('/');
  return createTwoFilesPatch(write.before === undefined ? '/dev/null' : `a/${relative}`, `b/${relative}`, write.before ?? '', write.after, undefined, undefined, { context: 3 });
}
