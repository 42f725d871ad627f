/** File globs compiled once, matched the same way everywhere: rules, codemods and the audit ask it for every file. */
import { Minimatch } from 'minimatch';

const compiled = new Map<string, Minimatch[]>();

/**
 * Whether `file`, a path relative to the project (either separator), matches any of `globs`. Dot folders and
 * files match like any other (`app/.well-known/…/route.ts` is a route, `.github/…` a script folder).
 */
export function matchesAnyGlob(file: string, globs: readonly string[]): boolean {
  const key = globs.join('\0');
  let matchers = compiled.get(key);
  if (!matchers) compiled.set(key, (matchers = globs.map((glob) => new Minimatch(glob, { dot: true }))));
  const normalized = file.replaceAll('\\', '/');
  return matchers.some((matcher) => matcher.match(normalized));
}
