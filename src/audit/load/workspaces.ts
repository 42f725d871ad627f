/** npm/yarn/pnpm workspaces: the packages of a monorepo, so findings can name the package they are in. */
import fs from 'node:fs';
import path from 'node:path';
import { matchesAnyGlob } from '../../semantics/globs.js';
import type { Diagnostic } from '../model.js';
import { toRelative } from './source-files.js';

export interface PackageInfo {
  /** The package's name, or its folder when it has none. */
  name: string;
  /** Folder relative to the audit root (`.` for the root package). */
  dir: string;
  json: Record<string, unknown>;
}

const MAX_DEPTH = 4;

export function readPackageJson(dir: string, root: string, diagnostics: Diagnostic[]): Record<string, unknown> | undefined {
  const file = path.join(dir, 'package.json');
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    throw new Error('not an object');
  } catch (error) {
    const relative = toRelative(root, file);
    diagnostics.push({ severity: 'warning', code: 'broken-package-json', file: relative, message: `${relative}: cannot be parsed (${(error as Error).message}); its scripts and workspaces are ignored` });
    return undefined;
  }
}

/** Workspace globs from package.json (`workspaces` as a list or `{ packages }`) or pnpm-workspace.yaml, and that file. */
function workspaceGlobs(root: string, rootJson: Record<string, unknown> | undefined): { globs: string[]; file: string } {
  const workspaces = rootJson?.['workspaces'];
  if (Array.isArray(workspaces)) return { globs: workspaces.filter((item): item is string => typeof item === 'string'), file: 'package.json' };
  if (workspaces && typeof workspaces === 'object' && Array.isArray((workspaces as { packages?: unknown }).packages)) {
    return { globs: ((workspaces as { packages: unknown[] }).packages).filter((item): item is string => typeof item === 'string'), file: 'package.json' };
  }
  const pnpm = path.join(root, 'pnpm-workspace.yaml');
  if (!fs.existsSync(pnpm)) return { globs: [], file: 'package.json' };
  // The file is a short YAML list under `packages:`; a line-based read avoids a YAML dependency.
  const globs: string[] = [];
  let inPackages = false;
  for (const line of fs.readFileSync(pnpm, 'utf8').split(/\r?\n/)) {
    if (/^packages\s*:/.test(line)) inPackages = true;
    else if (/^\S/.test(line)) inPackages = false;
    else if (inPackages) {
      const match = /^\s*-\s*['"]?([^'"#]+?)['"]?\s*(#.*)?$/.exec(line);
      if (match?.[1]) globs.push(match[1]);
    }
  }
  return { globs, file: 'pnpm-workspace.yaml' };
}

function directoriesBelow(root: string, dir: string, depth: number, out: string[]): void {
  if (depth > MAX_DEPTH) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    out.push(toRelative(root, full));
    directoriesBelow(root, full, depth + 1, out);
  }
}

/** The workspace packages below `root` (empty when it is not a monorepo). */
export function findWorkspacePackages(root: string, rootJson: Record<string, unknown> | undefined, diagnostics: Diagnostic[]): PackageInfo[] {
  const { globs, file } = workspaceGlobs(root, rootJson);
  if (globs.length === 0) return [];
  const included = globs.filter((glob) => !glob.startsWith('!'));
  const excluded = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  const candidates: string[] = [];
  directoriesBelow(root, root, 1, candidates);
  const packages: PackageInfo[] = [];
  const normalized = (glob: string) => glob.replace(/^\.\//, '').replace(/\/$/, '');
  // A glob matches a package when a folder it names has a package.json (a broken one has its own diagnostic).
  const matched = new Set<string>();
  for (const dir of candidates.sort()) {
    const including = included.filter((glob) => matchesAnyGlob(dir, [normalized(glob)]));
    if (including.length === 0 || matchesAnyGlob(dir, excluded.map(normalized))) continue;
    if (!fs.existsSync(path.join(root, dir, 'package.json'))) continue;
    for (const glob of including) matched.add(glob);
    const json = readPackageJson(path.join(root, dir), root, diagnostics);
    if (!json) continue;
    packages.push({ name: typeof json['name'] === 'string' ? json['name'] : dir, dir, json });
  }
  for (const glob of included) {
    if (matched.has(glob)) continue;
    diagnostics.push({ severity: 'warning', code: 'unmatched-workspace', file, message: `${file}: the workspace "${glob}" matches no folder with a package.json; a typo, or a package not checked out?` });
  }
  return packages;
}

/** The workspace package a file belongs to: the one with the longest folder prefix. */
export function packageOf(packages: readonly PackageInfo[], relativeFile: string): PackageInfo | undefined {
  let best: PackageInfo | undefined;
  for (const candidate of packages) {
    if (relativeFile.startsWith(`${candidate.dir}/`) && (!best || candidate.dir.length > best.dir.length)) best = candidate;
  }
  return best;
}
