/**
 * The rules on real code: the JavaScript and TypeScript files of this repository's node_modules (over 15,000 of
 * them) linted with `configs.recommended`, JavaScript with ESLint's default parser, TypeScript with
 * @typescript-eslint/parser. A rule that throws makes ESLint throw; not one may. Files that do not parse are fine:
 * ESLint reports them, and no rule runs on them.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { lintInWorkers, realSourceFiles, type RealFile } from '../src/test-support/real-files.js';

const nodeModules = fileURLToPath(new URL('../node_modules', import.meta.url));

/**
 * Files up to 32 KB: 96 % of the files, a third of the bytes. The few hundred larger ones are mostly bundles
 * (next/dist/compiled, react-dom builds) made of the same syntax, and would take longer than all the others.
 */
const MAX_BYTES = 32 * 1024;

const count = (files: readonly RealFile[], language: RealFile['language']) => files.filter((file) => file.language === language).length;

it('lints over 10,000 real files with configs.recommended, and no rule throws', { timeout: 20 * 60_000 }, async () => {
  const files = realSourceFiles(nodeModules).filter((file) => file.bytes <= MAX_BYTES);
  expect(count(files, 'javascript')).toBeGreaterThanOrEqual(10_000);
  expect(count(files, 'typescript')).toBeGreaterThanOrEqual(500);

  const started = performance.now();
  const summary = await lintInWorkers(nodeModules, files, Math.min(2, os.availableParallelism()));
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const problems = Object.entries(summary.problems).map(([rule, found]) => `${rule} ${found}`).join(', ');
  console.log(
    `linted ${summary.files} files (${count(files, 'javascript')} JavaScript, ${count(files, 'typescript')} TypeScript, ${(summary.bytes / 1e6).toFixed(1)} MB) in ${seconds} s: ` +
      `${summary.parseErrors} did not parse, ${summary.crashes.length} rule exceptions; problems: ${problems}`,
  );

  expect(summary.crashes.map(({ file, message }) => `${path.relative(nodeModules, file)}: ${message}`)).toEqual([]);
  expect(summary.files).toBe(files.length);
  // The rules ran on nearly every file (a parser set up wrongly would leave them nothing to run on).
  expect(summary.parseErrors).toBeLessThan(files.length / 100);
});
