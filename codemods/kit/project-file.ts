/** Where a file is in its project, as file conventions name it (Next.js routes: src/semantics/routes.ts). */
import fs from 'node:fs';
import path from 'node:path';

/**
 * `file` (absolute) relative to the folder of the nearest package.json above it, with `/` separators: in a
 * monorepo, the package the file belongs to (a Next.js app's `app/` sits beside its own package.json). The
 * whole path when no package.json is found; the shared globs match it too.
 */
export function projectFile(file: string): string {
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, 'package.json'))) return path.relative(folder, file).split(path.sep).join('/');
    if (path.dirname(folder) === folder) return file.split(path.sep).join('/');
  }
}
