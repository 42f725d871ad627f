/** Runs a codemod over one file: parse, transform, print; a file it cannot parse is reported, never touched. */
import path from 'node:path';
import type { API, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import { appNameOf } from './app-name.js';
import type { AdapterId, Codemod, CodemodContext, CodemodOutcome, ExpressionNode } from './codemod.js';
import { Report } from './codemod.js';
import { skipMessage } from './skip.js';
import { jscodeshiftFor } from './parser.js';
import { detectStyle, nearestPackageType, relativeSpecifier, type SourceStyle } from './style.js';

export interface CodemodInput {
  /** Absolute path of the file. */
  file: string;
  source: string;
  /** Folder the generated adapters live in (absolute). */
  adapterDir: string;
  /** The nearest package.json `type`. */
  packageType?: 'module' | 'commonjs';
  /** Overrides the style read from the file. */
  style?: SourceStyle;
  /** The app's key name; by default from the nearest package.json (`kit/app-name.ts`). */
  appName?: string;
  /** Folders other files store in the bucket (`CodemodContext.storedFolders`). */
  storedFolders?: Iterable<string>;
}

/** Applies `codemod` to one file and returns what it did; never throws for a user's file. */
export function runCodemod(codemod: Codemod, input: CodemodInput): CodemodOutcome {
  const report = new Report();
  const style = input.style ?? detectStyle(input.file, input.source, input.packageType);
  const j = jscodeshiftFor(input.file);
  const context: CodemodContext = {
    file: input.file,
    style,
    appName: input.appName ?? appNameOf(input.file),
    storedFolders: new Set(input.storedFolders),
    adapterSpecifier: (adapter: AdapterId) => relativeSpecifier(input.file, path.join(input.adapterDir, adapter), style),
    code: (text: string) => expressionOf(j, text),
  };
  let source = input.source;
  try {
    const root = j(input.source);
    codemod.transform(root, j, context, report);
    // Generated expressions are written on one line (`context.code`): recast must not break a call around them for width.
    const printOptions = { quote: style.quote, reuseWhitespace: true, wrapColumn: Infinity } as const;
    const printed = root.toSource(printOptions);
    // recast reprints a little unchanged code (parentheses around `await`): only a real change counts, and
    // a file without one stays byte for byte.
    if (printed !== j(input.source).toSource(printOptions)) {
      source = tidyInsertedImports(input.source, printed);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const line = (error as { loc?: { line?: number }; lineNumber?: number }).loc?.line ?? 0;
    // JavaScript is read as TypeScript+JSX (one tree shape for every file): say so when such a file does not parse.
    const hint = style.language === 'js' ? ' (JavaScript is read with JSX and TypeScript syntax; Flow annotations are not supported)' : '';
    report.skipped(line, 'unparsable', { file: path.basename(input.file), error: `${message ?? ''}${hint}` });
    source = input.source;
    report.changes.length = 0;
  }
  const changed = source !== input.source;
  return {
    codemod: codemod.id,
    file: input.file,
    source,
    changed,
    changes: report.changes,
    skips: report.skips.map((skip) => ({ codemod: codemod.id, ...skip })),
    // What a file needs only matters when it was rewritten (or already uses the adapters: see the codemods).
    adapters: [...report.adapters],
    dependencies: [...report.dependencies],
    devDependencies: [...report.devDependencies],
    env: [...report.env],
    workerJobs: report.workerJobs,
    storedFolders: [...report.storedFolders],
  };
}

/**
 * The expression `text` as the file's parser reads it. A parsed node keeps its place in `text`, from which recast
 * prints it again, as written, where it is put.
 */
function expressionOf(j: JSCodeshift, text: string): ExpressionNode {
  const declarator = j(`const expression = ${text};`).find(j.VariableDeclarator).nodes()[0];
  if (!declarator?.init) throw new Error(`not an expression: ${text}`);
  return declarator.init;
}

const importLine = /^(import\s|const\s.*=\s*require\(|export\s.*\sfrom\s)/;

/**
 * recast prints a new `const { a } = require('m')` over three lines and puts a blank line before each
 * statement it inserts; an import added to an import block reads better on one line, with no gap.
 */
function tidyInsertedImports(original: string, printed: string): string {
  const originalLines = new Set(original.split('\n'));
  const collapsed = printed.replace(/const \{\n((?:[ \t]+[\w$]+(?:: [\w$]+)?,?\n)+)\} = require\(/g, (whole: string, names: string) =>
    original.includes(whole) ? whole : `const { ${names.split('\n').map((name) => name.trim()).filter(Boolean).join(' ')} } = require(`,
  );
  const lines = collapsed.split('\n');
  const isNewImport = (line: string) => importLine.test(line) && !originalLines.has(line);
  return lines
    .filter((line, index) => {
      if (line !== '' || index === 0) return true;
      return !(isNewImport(lines[index + 1] ?? '') && importLine.test(lines[index - 1] ?? ''));
    })
    .flatMap((line, index, kept) => {
      // An import added to a file that had none needs the blank line that usually follows imports.
      const next = kept[index + 1];
      return isNewImport(line) && next !== undefined && next !== '' && !importLine.test(next) ? [line, ''] : [line];
    })
    .join('\n');
}

/**
 * The codemod as a plain jscodeshift transform, for `npx jscodeshift -t <dist>/codemods/<id>/index.js`.
 * Adapters are expected in `--adapterDir` (default: `src/stateless` under the working directory).
 */
export function jscodeshiftTransform(codemod: Codemod) {
  return function transform(file: FileInfo, api: API, options: Options): string {
    const absolute = path.resolve(file.path);
    const adapterDir = path.resolve(typeof options.adapterDir === 'string' ? options.adapterDir : path.join('src', 'stateless'));
    const outcome = runCodemod(codemod, { file: absolute, source: file.source, adapterDir, packageType: nearestPackageType(absolute) });
    for (const skip of outcome.skips) api.report(`${file.path}:${skip.line} skipped: ${skipMessage(skip)}`);
    return outcome.source;
  };
}
