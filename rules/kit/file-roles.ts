/** Decides whether a file belongs to the web process: tests, workers, scripts, browser code and bundles do not. */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { browserGlobals, browserMarkers, clientDirective, defaultScriptFiles, defaultTestFiles, defaultWorkerFiles, workerMarkers } from '../../src/knowledge/index.js';
import { isMinified } from '../../src/semantics/minified.js';
import { findApiUses, globalReferences } from './api-uses.js';
import { matchesAnyGlob } from '../../src/semantics/globs.js';
import { relativeFilename } from './globs.js';

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

// Every rule asks for every file; the answer depends only on the file and the globs in force.
const answers = new WeakMap<object, Map<string, boolean>>();

/** Code for the browser: marked `'use client'`, calling React's hooks, or reading a page's globals other than by `typeof`. */
function isBrowserFile(sourceCode: AnyContext['sourceCode']): boolean {
  const { body } = sourceCode.ast;
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) break;
    if (statement.directive === clientDirective) return true;
  }
  if (browserGlobals.some((name) => globalReferences(sourceCode, name).some((identifier) => !isTypeofOperand(identifier)))) return true;
  return findApiUses(sourceCode, browserMarkers).length > 0;
}

function isTypeofOperand(node: TSESTree.Node): boolean {
  return node.parent?.type === AST_NODE_TYPES.UnaryExpression && node.parent.operator === 'typeof';
}

/**
 * False for test files, worker files and scripts (by glob, by a shebang, or by creating a queue worker), for code
 * that runs in a browser, and for minified bundles (not source).
 */
export function isWebProcessFile(context: AnyContext): boolean {
  const globs = [configured(context, 'testFiles', defaultTestFiles), configured(context, 'workerFiles', defaultWorkerFiles), configured(context, 'scriptFiles', defaultScriptFiles)];
  const key = globs.map((list) => list.join('\0')).join('\n');
  let perFile = answers.get(context.sourceCode.ast);
  if (!perFile) answers.set(context.sourceCode.ast, (perFile = new Map()));
  let answer = perFile.get(key);
  if (answer === undefined) {
    const relative = relativeFilename(context);
    const { sourceCode } = context;
    answer =
      !globs.some((list) => matchesAnyGlob(relative, list)) &&
      !sourceCode.text.startsWith('#!') &&
      !isMinified(sourceCode.text) &&
      findApiUses(sourceCode, workerMarkers).length === 0 &&
      !isBrowserFile(sourceCode);
    perFile.set(key, answer);
  }
  return answer;
}
