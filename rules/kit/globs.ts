/** Glob lists compiled once: rules match every linted file against them. */
import path from 'node:path';
import { Minimatch } from 'minimatch';

const compiled = new Map<string, Minimatch[]>();

/** Whether the `/`-separated `file` matches any of `globs` (dot files included). */
export function matchesAnyGlob(file: string, globs: readonly string[]): boolean {
  const key = globs.join('\0');
  let matchers = compiled.get(key);
  if (!matchers) compiled.set(key, (matchers = globs.map((glob) => new Minimatch(glob, { dot: true }))));
  return matchers.some((matcher) => matcher.match(file));
}

/** The linted file relative to ESLint's working directory, with `/` separators. */
export function relativeFilename(context: { cwd: string; filename: string }): string {
  return path.relative(context.cwd, context.filename).split(path.sep).join('/');
}
