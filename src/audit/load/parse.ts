/**
 * Stage 1 of the audit, second half: the tsconfig's compiler options (for module resolution) and the compiler's parse
 * of every source file read. A missing or broken tsconfig becomes a diagnostic and the defaults are used.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CompilerOptions, CreateSourceFileOptions, SourceFile } from 'typescript';
import { lineOf, nestingOf } from '../syntax/file-nodes.js';
import type { Diagnostic } from '../model.js';
import { MAX_NESTING, parseOrOverflowingLine, tooDeepDiagnostic } from '../syntax/nesting.js';
import { readProject, type LoadOptions, type ReadProject } from './read-project.js';
import { toRelative } from './source-files.js';
import { ts } from '../syntax/typescript.js';
import { packageOf, type PackageInfo } from './workspaces.js';

export interface LoadedProject extends ReadProject {
  /** Files nested too deeply to analyze (a `too-deep` diagnostic each): left out of `files`, not audited at all. */
  tooDeep: ReadonlySet<string>;
  /** The tsconfig's compiler options (module resolution), with JavaScript allowed. */
  compilerOptions: CompilerOptions;
  /** The compiler's parse of a loaded file, by relative path. */
  sourceFile(relative: string): SourceFile | undefined;
  packageOf(relative: string): PackageInfo | undefined;
}

/** Used when there is no usable tsconfig: resolves `./x.js` to `./x.ts` and extensionless imports alike. */
const defaultCompilerOptions: CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  esModuleInterop: true,
  resolveJsonModule: true,
};

function compilerOptionsFrom(root: string, tsconfig: string | undefined, explicit: boolean, diagnostics: Diagnostic[]): CompilerOptions {
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

/**
 * How files are parsed: as typescript-estree parses them for ESLint when there is no type information (latest
 * syntax, JSDoc not parsed, which no stage reads), so that the rules can convert these parses instead of making
 * their own. No type checker runs, so the tsconfig's target has nothing to decide.
 */
const PARSE_OPTIONS: CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

/**
 * A file the rules parse as a module (all but .cjs and .cts: rule-findings.ts, sourceTypeOf) is marked one, as
 * typescript-estree marks it, so that the rules convert this parse instead of parsing again: a CommonJS .js file (a
 * bundle, say) has no import or export that would make the compiler take it for a module. Only a top-level `await`
 * parses differently, as the rules see it.
 */
const MODULE_PARSE_OPTIONS: CreateSourceFileOptions = {
  ...PARSE_OPTIONS,
  setExternalModuleIndicator: (file) => {
    (file as { externalModuleIndicator?: unknown }).externalModuleIndicator = true;
  },
};

/** The compiler's parse of one file, as the audit makes it. */
export function parseSource(filePath: string, text: string): SourceFile {
  const script = filePath.endsWith('.cjs') || filePath.endsWith('.cts');
  return ts.createSourceFile(filePath, text, script ? PARSE_OPTIONS : MODULE_PARSE_OPTIONS, true);
}

/**
 * The compiler's parse of a file, or undefined (and a `too-deep` diagnostic) when it nests deeper than the audit
 * analyzes, or so deep that the parser itself runs out of stack.
 */
function parseShallowEnough(file: { path: string; relative: string; text: string }, diagnostics: Diagnostic[]): SourceFile | undefined {
  const parse = parseOrOverflowingLine(file.text, (text) => parseSource(file.path, text));
  if ('line' in parse) {
    diagnostics.push(tooDeepDiagnostic(file.relative, parse.line));
    return undefined;
  }
  const { parsed } = parse;
  const { depth, deepest } = nestingOf(parsed);
  if (depth <= MAX_NESTING) return parsed;
  diagnostics.push(tooDeepDiagnostic(file.relative, lineOf(deepest), depth));
  return undefined;
}

/** Parses the files read; `onParsed` hears after each file how many are done. */
export function parseProject(read: ReadProject, onParsed?: (done: number, total: number) => void): LoadedProject {
  const { files, packages, tsconfig } = read;
  const found: Diagnostic[] = [];
  const compilerOptions = compilerOptionsFrom(read.root, tsconfig.file, tsconfig.explicit, found);
  // In the order they were always reported: after the configuration's, before the source files'.
  read.diagnostics.splice(tsconfig.diagnosticsAt, 0, ...found);
  const byRelative = new Map<string, SourceFile>();
  const tooDeep = new Set<string>();
  for (const file of files) {
    const parsed = parseShallowEnough(file, read.diagnostics);
    if (!parsed) tooDeep.add(file.relative);
    else byRelative.set(file.relative, parsed);
    onParsed?.(byRelative.size + tooDeep.size, files.length);
  }

  return {
    ...read,
    files: tooDeep.size === 0 ? files : files.filter((file) => !tooDeep.has(file.relative)),
    tooDeep,
    // No program is built, no type checker runs: only module resolution reads these.
    compilerOptions: { ...compilerOptions, allowJs: true, checkJs: false, noEmit: true, skipLibCheck: true },
    sourceFile: (relative) => byRelative.get(relative),
    packageOf: (relative) => packageOf(packages, relative),
  };
}

/** Reads and parses: everything the later stages need. */
export function loadProject(options: LoadOptions): LoadedProject {
  return parseProject(readProject(options));
}
