/**
 * Finds the source files to audit below the given paths, never failing on one bad file: unreadable, binary,
 * too large, behind a symlink loop — each becomes a diagnostic and the walk goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { matchesAnyGlob } from '../../semantics/globs.js';
import { minifiedLineLength } from '../../semantics/minified.js';
import type { Diagnostic } from '../model.js';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** Folders that hold dependencies or build output, never the app's own source. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', 'out', '.turbo', '.cache', '.nuxt', '.output']);
/** Larger files are generated or bundled code, not a web app's source. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface SourceFileText {
  /** Absolute path. */
  path: string;
  /** Relative to the audit root, `/`-separated. */
  relative: string;
  text: string;
}

export function toRelative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function isSourceFile(name: string): boolean {
  if (name.endsWith('.d.ts') || name.endsWith('.d.mts') || name.endsWith('.d.cts') || name.endsWith('.min.js')) return false;
  return SOURCE_EXTENSIONS.includes(path.extname(name));
}

/** Reads a file as text, or says why it cannot be audited. */
function readSource(file: string, relative: string, diagnostics: Diagnostic[]): string | undefined {
  let buffer: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_FILE_BYTES) {
      diagnostics.push({ severity: 'warning', code: 'file-too-large', file: relative, message: `${relative}: skipped, ${Math.round(size / 1024)} KiB is over the ${MAX_FILE_BYTES / 1024} KiB limit (generated or bundled code?)` });
      return undefined;
    }
    buffer = fs.readFileSync(file);
  } catch (error) {
    diagnostics.push({ severity: 'error', code: 'unreadable-file', file: relative, message: `${relative}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check its permissions` });
    return undefined;
  }
  if (buffer.subarray(0, 8192).includes(0)) {
    diagnostics.push({ severity: 'warning', code: 'binary-file', file: relative, message: `${relative}: skipped, it is binary, not source text` });
    return undefined;
  }
  const text = buffer.toString('utf8');
  const averageLine = minifiedLineLength(text);
  if (averageLine !== undefined) {
    diagnostics.push({ severity: 'info', code: 'minified-file', file: relative, message: `${relative}: skipped, minified or bundled code (lines of ${Math.round(averageLine)} characters on average), not the app's source; audit the sources it was built from` });
    return undefined;
  }
  return text;
}

/**
 * A `node_modules` folder with no package.json beside it is not where a package manager installs (it always puts
 * one next to the manifest): it is a repository's own packages, kept there so that Node resolves them by name.
 */
export function isOwnPackagesFolder(directory: string): boolean {
  return fs.existsSync(directory) && !fs.existsSync(path.join(path.dirname(directory), 'package.json'));
}

function isSkippedDirectory(directory: string, name: string): boolean {
  if (name === 'node_modules') return !isOwnPackagesFolder(directory);
  return SKIPPED_DIRECTORIES.has(name);
}

/** Walks `paths` (files or folders), following symlinks once, and reads every source file not ignored. */
export function collectSourceFiles(root: string, paths: readonly string[], ignore: readonly string[], diagnostics: Diagnostic[]): SourceFileText[] {
  const files = new Map<string, SourceFileText>();
  const visitedDirectories = new Set<string>();
  const ignored = (relative: string) => matchesAnyGlob(relative, ignore);

  const visitFile = (file: string) => {
    const relative = toRelative(root, file);
    if (files.has(file) || ignored(relative) || !isSourceFile(file)) return;
    const text = readSource(file, relative, diagnostics);
    if (text !== undefined) files.set(file, { path: file, relative, text });
  };

  const visitDirectory = (directory: string) => {
    let real: string;
    try {
      real = fs.realpathSync(directory);
    } catch (error) {
      const relative = toRelative(root, directory);
      diagnostics.push({ severity: 'warning', code: 'symlink-loop', file: relative, message: `${relative}: skipped, cannot resolve it (${(error as NodeJS.ErrnoException).code}); a symlink loop?` });
      return;
    }
    if (visitedDirectories.has(real)) {
      const relative = toRelative(root, directory);
      diagnostics.push({ severity: 'info', code: 'symlink-loop', file: relative, message: `${relative}: skipped, it links back to a folder already audited` });
      return;
    }
    visitedDirectories.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      const relative = toRelative(root, directory);
      diagnostics.push({ severity: 'error', code: 'unreadable-file', file: relative, message: `${relative}: cannot list the folder (${(error as NodeJS.ErrnoException).code})` });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!isSkippedDirectory(full, entry.name) && !ignored(`${toRelative(root, full)}/`)) visitDirectory(full);
      } else if (entry.isFile()) {
        visitFile(full);
      } else if (entry.isSymbolicLink()) {
        visitLink(full, entry.name);
      }
    }
  };

  const visitLink = (link: string, name: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(link);
    } catch (error) {
      const relative = toRelative(root, link);
      const code = (error as NodeJS.ErrnoException).code;
      diagnostics.push({ severity: 'warning', code: code === 'ELOOP' ? 'symlink-loop' : 'broken-symlink', file: relative, message: `${relative}: skipped, the link ${code === 'ELOOP' ? 'loops' : 'points nowhere'} (${code})` });
      return;
    }
    if (stat.isDirectory()) {
      if (!isSkippedDirectory(link, name)) visitDirectory(link);
    } else if (stat.isFile()) {
      visitFile(link);
    }
  };

  for (const given of paths) {
    const absolute = path.resolve(given);
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (!stat) continue; // reported by the caller, which knows the path as the user typed it
    if (stat.isDirectory()) visitDirectory(absolute);
    else visitFile(absolute);
  }
  return [...files.values()].sort((a, b) => a.relative.localeCompare(b.relative));
}
