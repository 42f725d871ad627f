/**
 * Cleanup jobs move with the files they clean. uploads-object-storage rewrites one file at a time, but the job
 * that deletes old exports is seldom in the file of the route that writes them: a first pass over the files
 * it rewrites collects the folders now stored in the bucket, and every file with a job is given to it too, so
 * that the job's listing and deletions of those folders become bucket calls before jobs-queue moves it.
 */
import fs from 'node:fs';
import { codemods } from '../../codemods/index.js';
import { runCodemod } from '../../codemods/kit/run.js';
import { nearestPackageType } from '../../codemods/kit/style.js';
import { codemodIds, type CodemodId } from '../catalog.js';
import type { FileTask } from './plan.js';

const storage: CodemodId = 'uploads-object-storage';

/** Folders (see codemods/uploads-object-storage/folders.ts) whose files the project stores in the bucket after this migration. */
export function storedFolders(tasks: readonly FileTask[], adapterDirOf: (file: string) => string): Set<string> {
  const folders = new Set<string>();
  for (const task of tasks) {
    if (!task.codemods.includes(storage)) continue;
    let source: string;
    try {
      source = fs.readFileSync(task.file, 'utf8');
    } catch {
      continue; // reported when the file is migrated
    }
    const outcome = runCodemod(codemods[storage], { file: task.file, source, adapterDir: adapterDirOf(task.file), packageType: nearestPackageType(task.file) });
    for (const folder of outcome.storedFolders) folders.add(folder);
  }
  return folders;
}

/** The codemods for a file: with uploads-object-storage before jobs-queue when other files store folders in the bucket. */
export function codemodsWithCleanups(task: FileTask, folders: ReadonlySet<string>, selected: readonly CodemodId[] = codemodIds): CodemodId[] {
  if (folders.size === 0 || !selected.includes(storage) || !task.codemods.includes('jobs-queue') || task.codemods.includes(storage)) return task.codemods;
  return [...task.codemods, storage].sort((a, b) => codemodIds.indexOf(a) - codemodIds.indexOf(b));
}
