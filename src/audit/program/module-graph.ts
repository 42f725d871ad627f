/**
 * Which audited file imports which: static imports, re-exports, `require('./x')`, `import('./x')` and
 * `import x = require('./x')`, resolved with the project's compiler options. Packages are left out.
 */
import type { Expression, SourceFile, StringLiteralLike } from 'typescript';
import { lineOf, moduleLoadCalls } from '../syntax/file-nodes.js';
import type { LoadedProject } from '../load/parse.js';
import { ts } from '../syntax/typescript.js';

export interface ImportEdge {
  /** The imported file, relative to the root. */
  to: string;
  /** Line of the import in the importing file. */
  line: number;
}

export interface ModuleGraph {
  /** Edges out of each file, in source order. */
  imports: Map<string, ImportEdge[]>;
  /** The file a module specifier resolves to from `fromRelative`, when it is an audited file. */
  resolve(fromRelative: string, specifier: string): string | undefined;
}

/** Module specifiers of a file with their lines: imports, exports-from, require and dynamic import of literals. */
export function moduleSpecifiers(sourceFile: SourceFile): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  for (const statement of sourceFile.statements) {
    let literal: Expression | undefined;
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) literal = statement.moduleSpecifier;
    else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) literal = statement.moduleReference.expression;
    const specifier = literal && ts.isStringLiteral(literal) ? literal.text : undefined;
    if (specifier) found.push({ specifier, line: lineOf(statement) });
  }
  // require('x') and import('x') anywhere in the file.
  for (const call of moduleLoadCalls(sourceFile)) found.push({ specifier: (call.arguments[0] as StringLiteralLike).text, line: lineOf(call) });
  return found;
}

/** Builds the import graph of every loaded file. */
export function buildModuleGraph(loaded: LoadedProject): ModuleGraph {
  const options = loaded.compilerOptions;
  const byAbsolute = new Map(loaded.files.map((file) => [file.path, file.relative]));
  const cache = new Map<string, string | undefined>();
  const host = ts.sys;
  const absoluteOf = new Map(loaded.files.map((file) => [file.relative, file.path]));
  // Shares lookups of the same package from neighbouring folders.
  const resolutionCache = ts.createModuleResolutionCache(loaded.root, (name) => name, options);

  const resolve = (fromRelative: string, specifier: string): string | undefined => {
    const from = absoluteOf.get(fromRelative);
    if (!from || !(specifier.startsWith('.') || specifier.startsWith('/') || !specifier.includes(':'))) return undefined;
    const key = `${from}\0${specifier}`;
    if (cache.has(key)) return cache.get(key);
    const resolved = ts.resolveModuleName(specifier, from, options, host, resolutionCache).resolvedModule?.resolvedFileName;
    const relative = resolved ? byAbsolute.get(resolved) : undefined;
    cache.set(key, relative);
    return relative;
  };

  const imports = new Map<string, ImportEdge[]>();
  for (const file of loaded.files) {
    const sourceFile = loaded.sourceFile(file.relative);
    if (!sourceFile) continue;
    const edges: ImportEdge[] = [];
    for (const { specifier, line } of moduleSpecifiers(sourceFile)) {
      const to = resolve(file.relative, specifier);
      if (to && to !== file.relative) edges.push({ to, line });
    }
    imports.set(file.relative, edges);
  }
  return { imports, resolve };
}

/** Every file reachable from `entries` through imports (the entries included). */
export function importClosure(graph: ModuleGraph, entries: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const work = [...entries];
  while (work.length > 0) {
    const file = work.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const edge of graph.imports.get(file) ?? []) if (!seen.has(edge.to)) work.push(edge.to);
  }
  return seen;
}

/** The shortest import path from any of `entries` to `target`: each step is the file and the line that imports the next. */
export function importPath(graph: ModuleGraph, entries: readonly string[], target: string): { file: string; line: number; next: string }[] | undefined {
  const previous = new Map<string, { file: string; line: number } | null>();
  const queue: string[] = [];
  for (const entry of entries) {
    previous.set(entry, null);
    queue.push(entry);
  }
  for (let index = 0; index < queue.length; index++) {
    const file = queue[index]!;
    if (file === target) break;
    for (const edge of graph.imports.get(file) ?? []) {
      if (previous.has(edge.to)) continue;
      previous.set(edge.to, { file, line: edge.line });
      queue.push(edge.to);
    }
  }
  if (!previous.has(target)) return undefined;
  const steps: { file: string; line: number; next: string }[] = [];
  for (let current = target, step = previous.get(target); step; current = step.file, step = previous.get(step.file)) {
    steps.unshift({ file: step.file, line: step.line, next: current });
  }
  return steps;
}
