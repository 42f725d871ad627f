/** How a source file is written, so that what a codemod adds reads like the code around it. */
import fs from 'node:fs';
import path from 'node:path';

export interface SourceStyle {
  language: 'ts' | 'js';
  /** `esm` when the file uses `import`/`export` syntax (also TypeScript compiled to CommonJS). */
  module: 'esm' | 'cjs';
  /** How relative imports end: `./x.js`, `./x` or `./x.ts`. */
  importExtension: '.js' | '' | '.ts';
  quote: 'single' | 'double';
}

const typeScriptExtensions: readonly string[] = ['.ts', '.mts', '.cts', '.tsx'];

/**
 * The jscodeshift parser for a file name: one family, Babel's TypeScript plugin, for every file, so the codemods
 * read one shape of tree. `ts` for TypeScript (where `<T>x` is a cast); `tsx` for TSX and for JavaScript, JSX
 * included, as next-codemod does (a JavaScript file it cannot read is skipped: see `run.ts`).
 */
export function parserFor(file: string): 'ts' | 'tsx' {
  const extension = path.extname(file);
  return extension === '.tsx' || !typeScriptExtensions.includes(extension) ? 'tsx' : 'ts';
}

/** The language a file is written in, whatever parser reads it: what a codemod may add to it (`import type` only to TypeScript). */
export function languageOf(file: string): 'ts' | 'js' {
  return typeScriptExtensions.includes(path.extname(file)) ? 'ts' : 'js';
}

const esmSyntax = /^\s*(import\s[\s\S]*?from\s|import\s+['"]|export\s)/m;
const cjsSyntax = /\brequire\s*\(\s*['"]|\bmodule\.exports\b|\bexports\.\w+\s*=/;

/**
 * Reads a file's style. `packageType` is the nearest package.json `type`; it decides for a file with
 * neither imports nor requires.
 */
export function detectStyle(file: string, source: string, packageType?: 'module' | 'commonjs'): SourceStyle {
  const extension = path.extname(file);
  let module: SourceStyle['module'];
  if (extension === '.mjs' || extension === '.mts') module = 'esm';
  else if (extension === '.cjs' || extension === '.cts') module = 'cjs';
  else if (esmSyntax.test(source)) module = 'esm';
  else if (cjsSyntax.test(source)) module = 'cjs';
  else module = packageType === 'module' || languageOf(file) === 'ts' ? 'esm' : 'cjs';

  const relativeSpecifiers = [...source.matchAll(/(?:from\s*|require\s*\(\s*|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1]!);
  let importExtension: SourceStyle['importExtension'];
  if (relativeSpecifiers.some((specifier) => /\.(m|c)?js$/.test(specifier))) importExtension = '.js';
  else if (relativeSpecifiers.some((specifier) => /\.(m|c)?ts$/.test(specifier))) importExtension = '.ts';
  else if (relativeSpecifiers.length > 0) importExtension = '';
  // Node's ESM loader needs extensions; CommonJS and bundlers do not.
  else importExtension = module === 'esm' && packageType === 'module' ? '.js' : '';

  const singles = (source.match(/'[^'\n]*'/g) ?? []).length;
  const doubles = (source.match(/"[^"\n]*"/g) ?? []).length;
  return {
    language: languageOf(file),
    module,
    importExtension,
    quote: doubles > singles ? 'double' : 'single',
  };
}

/** A relative module specifier from `fromFile` to `toFile` (without extension) in the given style. */
export function relativeSpecifier(fromFile: string, toFileWithoutExtension: string, style: SourceStyle): string {
  let relative = path.relative(path.dirname(fromFile), toFileWithoutExtension).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  return relative + style.importExtension;
}

/** The `type` of the nearest package.json above `file`, as Node reads it (undefined when there is none). */
export function nearestPackageType(file: string): 'module' | 'commonjs' | undefined {
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    const manifest = path.join(folder, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return undefined;
      }
    }
    if (path.dirname(folder) === folder) return undefined;
  }
}

/** `text` as a string literal in the file's quotes, for generated code. */
export function stringLiteral(text: string, quote: SourceStyle['quote']): string {
  const json = JSON.stringify(text);
  return quote === 'double' ? json : `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}
