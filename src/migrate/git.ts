/** The clean-tree check: migrate rewrites files, so the user's last commit must be the way back. */
import { spawnSync } from 'node:child_process';

export type TreeState = { kind: 'clean' } | { kind: 'dirty'; files: string[] } | { kind: 'not-a-repository'; why: string };

/** Whether `root` is inside a git work tree with uncommitted changes (untracked files count). */
export function gitTreeState(root: string): TreeState {
  const result = spawnSync('git', ['status', '--porcelain', '--untracked-files=normal', '--', '.'], { cwd: root, encoding: 'utf8' });
  if (result.error) return { kind: 'not-a-repository', why: `git cannot be run (${(result.error as NodeJS.ErrnoException).code ?? result.error.message})` };
  if (result.status !== 0) return { kind: 'not-a-repository', why: 'it is not in a git repository' };
  const files = result.stdout.split('\n').filter(Boolean).map((line) => line.slice(3));
  return files.length === 0 ? { kind: 'clean' } : { kind: 'dirty', files };
}
