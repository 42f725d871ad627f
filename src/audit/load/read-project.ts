/**
 * Stage 1 of the audit, first half: the paths, the configuration, the workspaces and the source files' texts.
 * No TypeScript is loaded here, so the rules' workers can start before the compiler is even in memory.
 * Bad input becomes diagnostics; only having nothing to audit is fatal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type AuditConfig } from './config.js';
import { FatalAuditError, type Diagnostic } from '../model.js';
import { collectSourceFiles, type SourceFileText } from './source-files.js';
import { findWorkspacePackages, readPackageJson, type PackageInfo } from './workspaces.js';

export interface LoadOptions {
  paths: readonly string[];
  /** tsconfig.json given with --project. */
  project?: string;
  /** Extra ignore globs given with --ignore. */
  ignore?: readonly string[];
  cwd?: string;
}

/** What the files are, before they are parsed: enough for the rules to start. */
export interface ReadProject {
  root: string;
  config: AuditConfig;
  rootPackage?: PackageInfo;
  packages: PackageInfo[];
  files: SourceFileText[];
  /** The tsconfig to read when parsing (given with --project, or the root's), and where its diagnostics go. */
  tsconfig: { file?: string; explicit: boolean; diagnosticsAt: number };
  diagnostics: Diagnostic[];
}

function commonAncestor(directories: readonly string[]): string {
  const split = directories.map((dir) => dir.split(path.sep));
  const first = split[0] ?? [];
  let length = 0;
  while (length < first.length && split.every((parts) => parts[length] === first[length])) length++;
  return first.slice(0, length).join(path.sep) || path.sep;
}

/** Finds and reads the files and the configuration; throws FatalAuditError when there is nothing to audit. */
export function readProject(options: LoadOptions): ReadProject {
  const cwd = options.cwd ?? process.cwd();
  const given = (options.paths.length > 0 ? options.paths : ['.']).map((p) => ({ typed: p, absolute: path.resolve(cwd, p) }));
  const diagnostics: Diagnostic[] = [];
  const existing = given.filter(({ typed, absolute }) => {
    if (fs.existsSync(absolute)) return true;
    diagnostics.push({ severity: 'error', code: 'missing-path', message: `${typed}: no such file or folder` });
    return false;
  });
  if (existing.length === 0) throw new FatalAuditError(`nothing to audit: ${given.map(({ typed }) => typed).join(', ')} ${given.length === 1 ? 'does' : 'do'} not exist`);

  const root = commonAncestor(existing.map(({ absolute }) => (fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute))));
  const rootJson = readPackageJson(root, root, diagnostics);
  const config = loadConfig(root, rootJson);
  const packages = findWorkspacePackages(root, rootJson, diagnostics);
  const rootPackage: PackageInfo | undefined = rootJson ? { name: typeof rootJson['name'] === 'string' ? rootJson['name'] : '.', dir: '.', json: rootJson } : undefined;

  const tsconfigFile = options.project ? path.resolve(cwd, options.project) : fs.existsSync(path.join(root, 'tsconfig.json')) ? path.join(root, 'tsconfig.json') : undefined;
  const tsconfig = { file: tsconfigFile, explicit: options.project !== undefined, diagnosticsAt: diagnostics.length };

  const ignore = [...config.ignore, ...(options.ignore ?? [])];
  const files = collectSourceFiles(root, existing.map(({ absolute }) => absolute), ignore, diagnostics);
  if (files.length === 0) diagnostics.push({ severity: 'warning', code: 'no-source-files', message: `no JavaScript or TypeScript source files found below ${existing.map(({ typed }) => typed).join(', ')}` });
  return { root, config, rootPackage, packages, files, tsconfig, diagnostics };
}
