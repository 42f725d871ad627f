/** Where the linted file is, as the shared glob matcher (src/semantics/globs.ts) wants it. */
import path from 'node:path';

/** The linted file relative to ESLint's working directory, with `/` separators. */
export function relativeFilename(context: { cwd: string; filename: string }): string {
  return path.relative(context.cwd, context.filename).split(path.sep).join('/');
}
