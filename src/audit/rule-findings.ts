/**
 * The per-file findings: the plugin's own ESLint rules run over every file, so that on any file the audit
 * reports at least what the editor reports. Suppression comments are applied later, for all findings alike.
 */
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { checkIds, type CheckId } from '../catalog.js';
import plugin from '../index.js';
import type { AuditConfig } from './config.js';
import type { Diagnostic, Finding } from './model.js';
import { SOURCE_EXTENSIONS, type SourceFileText } from './source-files.js';
import { parseDirectives, type CommentLike, type Directive } from './suppressions.js';

/** A rule's report, before the audit adds evidence, package and fingerprint. */
export type RuleHit = Pick<Finding, 'ruleId' | 'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'message'>;

function sourceTypeOf(file: string): 'module' | 'commonjs' {
  return file.endsWith('.cjs') || file.endsWith('.cts') ? 'commonjs' : 'module';
}

export interface RuleRun {
  hits: RuleHit[];
  /** eslint-disable directives by file, read from the comments of the same parse. */
  directives: Map<string, Directive[]>;
  /** Files that did not parse. */
  unparsable: Set<string>;
}

/** Runs every enabled rule over every file; a file that does not parse becomes a `syntax-error` diagnostic. */
export function runRules(root: string, files: readonly SourceFileText[], config: AuditConfig, diagnostics: Diagnostic[]): RuleRun {
  const linter = new Linter({ configType: 'flat', cwd: root });
  const enabled = checkIds.filter((id) => !config.off.includes(id));
  const settings = { stateless: { testFiles: config.testFiles, workerFiles: config.workerFiles, scriptFiles: config.scriptFiles } };
  const configFor = (sourceType: 'module' | 'commonjs'): Linter.Config[] => [
    {
      // '**/*' alone does not make ESLint lint a file; name the extensions.
      files: [`**/*.{${SOURCE_EXTENSIONS.map((extension) => extension.slice(1)).join(',')}}`],
      languageOptions: { parser: tsParser, sourceType, parserOptions: { ecmaFeatures: { jsx: true } } },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      settings,
      plugins: { stateless: plugin },
      rules: Object.fromEntries(enabled.map((id) => [`stateless/${id}`, 'error'])),
    },
  ];
  const configs = { module: configFor('module'), commonjs: configFor('commonjs') };
  const run: RuleRun = { hits: [], directives: new Map(), unparsable: new Set() };
  for (const file of files) {
    let messages: Linter.LintMessage[];
    try {
      messages = linter.verify(file.text, configs[sourceTypeOf(file.path)], path.join(root, file.relative));
    } catch (error) {
      // A bug of ours on one file must not cost the user the rest of the audit.
      diagnostics.push({ severity: 'error', code: 'internal-error', file: file.relative, message: `${file.relative}: the rules failed on this file (${(error as Error).message.split('\n')[0]}); please report it` });
      run.unparsable.add(file.relative);
      continue;
    }
    if (messages.some((message) => message.fatal)) run.unparsable.add(file.relative);
    else run.directives.set(file.relative, parseDirectives((linter.getSourceCode()?.getAllComments() ?? []) as CommentLike[]));
    for (const message of messages) {
      if (!message.ruleId) {
        // Non-fatal messages without a rule are ESLint's notes on inline comments, which the audit reads itself.
        if (message.fatal) diagnostics.push({ severity: 'error', code: 'syntax-error', file: file.relative, line: message.line, message: `${file.relative}:${message.line}:${message.column}: ${message.message}; the file is not audited` });
        continue;
      }
      run.hits.push({
        ruleId: message.ruleId.replace(/^stateless\//, '') as CheckId,
        file: file.relative,
        line: message.line,
        column: message.column,
        endLine: message.endLine ?? message.line,
        endColumn: message.endColumn ?? message.column,
        message: message.message,
      });
    }
  }
  return run;
}
