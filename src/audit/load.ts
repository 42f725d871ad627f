/**
 * Stage 1 of the audit: the paths, the configuration, the workspaces, the tsconfig and the source files,
 * as one ts-morph Project. Bad input becomes diagnostics; only having nothing to audit is fatal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Project, ts, type SourceFile } from 'ts-morph';
import { loadConfig, type AuditConfig } from './config.js';
import { FatalAuditError, type Diagnostic } from './model.js';
import { collectSourceFiles, toRelative, type SourceFileText } from './source-files.js';
import { findWorkspacePackages, packageOf, readPackageJson, type PackageInfo } from './workspaces.js';

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
  compilerOptions: ts.CompilerOptions;
  diagnostics: Diagnostic[];
}

export interface LoadedProject extends ReadProject {
  project: Project;
  /** The ts-morph source file of a loaded file, by relative path. */
  sourceFile(relative: string): SourceFile | undefined;
  packageOf(relative: string): PackageInfo | undefined;
}

/** ts-morph's factory of wrappers around compiler source files (internal; ts-morph is pinned exactly). */
interface InternalProject {
  _context?: { compilerFactory?: { getSourceFile?(sourceFile: ts.SourceFile, options: { markInProject: boolean }): SourceFile } };
}

/** Used when there is no usable tsconfig: resolves `./x.js` to `./x.ts` and extensionless imports alike. */
const defaultCompilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  esModuleInterop: true,
  resolveJsonModule: true,
};

function commonAncestor(directories: readonly string[]): string {
  const split = directories.map((dir) => dir.split(path.sep));
  const first = split[0] ?? [];
  let length = 0;
  while (length < first.length && split.every((parts) => parts[length] === first[length])) length++;
  return first.slice(0, length).join(path.sep) || path.sep;
}

function compilerOptionsFrom(root: string, tsconfig: string | undefined, explicit: boolean, diagnostics: Diagnostic[]): ts.CompilerOptions {
  if (!tsconfig) return defaultCompilerOptions;
  const relative = toRelative(root, tsconfig) || tsconfig;
  if (!fs.existsSync(tsconfig)) {
    if (explicit) diagnostics.push({ severity: 'error', code: 'missing-tsconfig', file: relative, message: `${relative}: no such tsconfig; auditing with default compiler options` });
    return defaultCompilerOptions;
  }
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) {
    const message = ts.flattenDiagnosticMessageText(read.error.messageText, ' ');
    diagnostics.push({ severity: 'error', code: 'broken-tsconfig', file: relative, message: `${relative}: cannot be parsed (${message}); auditing with default compiler options` });
    return defaultCompilerOptions;
  }
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig), undefined, tsconfig);
  // "No inputs were found" only means include/files do not match: the audit picks its own files.
  const errors = parsed.errors.filter((error) => error.code !== 18003);
  for (const error of errors) {
    diagnostics.push({ severity: 'warning', code: 'tsconfig-problem', file: relative, message: `${relative}: ${ts.flattenDiagnosticMessageText(error.messageText, ' ')}` });
  }
  return { ...defaultCompilerOptions, ...parsed.options };
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

  const tsconfig = options.project ? path.resolve(cwd, options.project) : fs.existsSync(path.join(root, 'tsconfig.json')) ? path.join(root, 'tsconfig.json') : undefined;
  const compilerOptions = compilerOptionsFrom(root, tsconfig, options.project !== undefined, diagnostics);

  const ignore = [...config.ignore, ...(options.ignore ?? [])];
  const files = collectSourceFiles(root, existing.map(({ absolute }) => absolute), ignore, diagnostics);
  if (files.length === 0) diagnostics.push({ severity: 'warning', code: 'no-source-files', message: `no JavaScript or TypeScript source files found below ${existing.map(({ typed }) => typed).join(', ')}` });
  return { root, config, rootPackage, packages, files, compilerOptions, diagnostics };
}

/** Parses the files read into one ts-morph Project. */
export function parseProject(read: ReadProject): LoadedProject {
  const { compilerOptions, files, packages } = read;
  const project = new Project({
    compilerOptions: { ...compilerOptions, allowJs: true, checkJs: false, noEmit: true, skipLibCheck: true },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    // No type checker runs (names are resolved from the syntax): lib declarations would only cost time and memory.
    skipLoadingLibFiles: true,
  });
  const byRelative = new Map<string, SourceFile>();
  const languageVersion = compilerOptions.target ?? ts.ScriptTarget.ES2022;
  const factory = (project as unknown as InternalProject)._context?.compilerFactory;
  for (const file of files) {
    // Parsing with the compiler and wrapping the result costs half of createSourceFile(), which goes through
    // ts-morph's document registry; the public call stays as the fallback should the internal one go away.
    const sourceFile = factory?.getSourceFile
      ? factory.getSourceFile(ts.createSourceFile(file.path, file.text, { languageVersion }, true), { markInProject: true })
      : project.createSourceFile(file.path, file.text, { overwrite: true });
    byRelative.set(file.relative, sourceFile);
  }

  return {
    ...read,
    project,
    sourceFile: (relative) => byRelative.get(relative),
    packageOf: (relative) => packageOf(packages, relative),
  };
}

/** Reads and parses: everything the later stages need. */
export function loadProject(options: LoadOptions): LoadedProject {
  return parseProject(readProject(options));
}
