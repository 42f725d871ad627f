/** Decides whether a file belongs to the web process: tests, workers and scripts do not. */
import path from 'node:path';
import { minimatch } from 'minimatch';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { TSESLint } from '@typescript-eslint/utils';
import { defaultScriptFiles, defaultTestFiles, defaultWorkerFiles, workerMarkers } from '../../src/knowledge/index.js';
import { findApiUses } from './api-uses.js';

/** Globs (relative to ESLint's cwd) that replace the defaults; also read from `settings.stateless`. */
export interface FileRoleOptions {
  testFiles?: string[];
  workerFiles?: string[];
  scriptFiles?: string[];
}

const globList: JSONSchema4 = { type: 'array', items: { type: 'string' }, uniqueItems: true };

export const fileRoleOptionsSchema: JSONSchema4 = {
  type: 'object',
  properties: { testFiles: globList, workerFiles: globList, scriptFiles: globList },
  additionalProperties: false,
};

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

function configured(context: AnyContext, key: keyof FileRoleOptions, defaults: readonly string[]): readonly string[] {
  const fromRule = (context.options[0] as FileRoleOptions | undefined)?.[key];
  const fromSettings = (context.settings['stateless'] as FileRoleOptions | undefined)?.[key];
  return fromRule ?? fromSettings ?? defaults;
}

function matchesAny(file: string, globs: readonly string[]): boolean {
  return globs.some((glob) => minimatch(file, glob, { dot: true }));
}

/** False for test files, worker files and scripts (by glob, by a shebang, or by creating a queue worker). */
export function isWebProcessFile(context: AnyContext): boolean {
  const relative = path.relative(context.cwd, context.filename).split(path.sep).join('/');
  if (matchesAny(relative, configured(context, 'testFiles', defaultTestFiles))) return false;
  if (matchesAny(relative, configured(context, 'workerFiles', defaultWorkerFiles))) return false;
  if (matchesAny(relative, configured(context, 'scriptFiles', defaultScriptFiles))) return false;
  if (context.sourceCode.text.startsWith('#!')) return false;
  for (const _ of findApiUses(context.sourceCode, workerMarkers)) return false;
  return true;
}
