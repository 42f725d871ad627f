/**
 * Lints chunks of real files with the plugin's recommended config, as a project would: JavaScript with ESLint's
 * default parser (espree), TypeScript with @typescript-eslint/parser. Takes chunks until none is left.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import plugin from '../index.js';
import { emptySummary, takeChunk, type LintSummary, type LintWorkerInput, type RealFile } from './real-files.js';

const { cwd, chunks, next } = workerData as LintWorkerInput;
const linter = new Linter({ configType: 'flat', cwd });

// The files live in node_modules, which ESLint ignores unless told; every file counts as the web process's
// (no test, worker or script globs), so that the rules run on all of them.
// Comments that disable rules the file's own project uses are not this test's business.
const base: Linter.Config[] = [
  { ignores: ['!**/node_modules/'] },
  { settings: { stateless: { testFiles: [], workerFiles: [], scriptFiles: [] } }, linterOptions: { reportUnusedDisableDirectives: 'off' } },
];
const configs: Record<`${RealFile['language']}/${RealFile['sourceType']}`, Linter.Config[]> = {
  'javascript/module': [...base, { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], languageOptions: { sourceType: 'module' } }, plugin.configs.recommended],
  'javascript/commonjs': [...base, { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], languageOptions: { sourceType: 'commonjs' } }, plugin.configs.recommended],
  'typescript/module': [...base, { files: ['**/*.ts', '**/*.cts', '**/*.mts'], languageOptions: { parser: tsParser, sourceType: 'module' } }, plugin.configs.recommended],
  'typescript/commonjs': [...base, { files: ['**/*.ts', '**/*.cts', '**/*.mts'], languageOptions: { parser: tsParser, sourceType: 'commonjs' } }, plugin.configs.recommended],
};

function lintChunk(files: readonly RealFile[]): LintSummary {
  const summary = emptySummary();
  for (const file of files) {
    summary.files++;
    summary.bytes += file.bytes;
    const text = fs.readFileSync(file.path, 'utf8');
    let messages: Linter.LintMessage[];
    try {
      messages = linter.verify(text, configs[`${file.language}/${file.sourceType}`], file.path);
      // As Node does (module syntax detection): a `.js` file of a CommonJS package that is an ES module is one.
      if (file.language === 'javascript' && file.sourceType === 'commonjs' && messages.some((message) => message.fatal)) {
        messages = linter.verify(text, configs['javascript/module'], file.path);
      }
    } catch (error) {
      // A rule that throws makes Linter.verify throw, its message naming the file, the line and the rule.
      summary.crashes.push({ file: file.path, message: String((error as Error)?.message ?? error) });
      continue;
    }
    for (const message of messages) {
      if (message.fatal) summary.parseErrors++;
      else if (message.ruleId?.startsWith('stateless/')) summary.problems[message.ruleId] = (summary.problems[message.ruleId] ?? 0) + 1;
    }
  }
  return summary;
}

for (let index = takeChunk(next, chunks.length); index !== undefined; index = takeChunk(next, chunks.length)) {
  parentPort!.postMessage({ index, result: lintChunk(chunks[index]!) });
}
