/**
 * Folders no process reaches: in a repository that holds more than its server (a browser app in `app/` or
 * `frontend/`, tests in `spec/`, an admin UI, examples, scripts), the top-level folders of a package from which no
 * web or worker entry imports any file are not the server. The per-file rules cannot know this; the audit drops their
 * findings there. A top-level folder with one reached file is kept whole: a plugin folder the server loads by a
 * computed path sits next to the files it imports statically.
 */

/**
 * Files in top-level folders (of their package) holding no reached file, each with its folder as shown to users
 * (`app/`, `packages/web/src/`). Empty when `reached` is every file (no entry was found and all source is taken for
 * the web process) or no file is reached at all.
 */
export function filesOutsideServer(files: readonly string[], reached: ReadonlySet<string>, packageDirOf: (file: string) => string): Map<string, string> {
  const outside = new Map<string, string>();
  if (reached.size === 0) return outside;
  const folderOf = (file: string): string | undefined => {
    const dir = packageDirOf(file);
    const prefix = dir === '.' || dir === '' ? '' : `${dir}/`;
    const slash = file.indexOf('/', prefix.length);
    // A file directly in the package's folder is always kept: it may be a script or config the server reads.
    return slash === -1 ? undefined : file.slice(0, slash + 1);
  };
  const reachedFolders = new Set<string>();
  for (const file of reached) {
    const folder = folderOf(file);
    if (folder !== undefined) reachedFolders.add(folder);
  }
  for (const file of files) {
    const folder = folderOf(file);
    if (folder !== undefined && !reachedFolders.has(folder)) outside.set(file, folder);
  }
  return outside;
}
