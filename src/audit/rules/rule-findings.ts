/**
 * The per-file findings: the plugin's own ESLint rules run over every file, so that on any file the audit
 * reports at least what the editor reports. Suppression comments are applied later, for all findings alike.
 */
import path from 'node:path';
import type { SourceFile } from 'typescript';
import { checkIds, isMessageId, type CheckId, type MessageId } from '../../catalog.js';
import plugin from '../../index.js';
import type { AuditConfig } from '../load/config.js';
import type { Diagnostic, Finding } from '../model.js';
import { isStackOverflow, tooDeepDiagnostic } from '../syntax/nesting.js';
import { createRuleRunner, deepestLineOf, type FileOutcome } from './rule-runner.js';
import { isOwnPackagesFolder, type SourceFileText } from '../load/source-files.js';
import { parseDirectives, type CommentLike, type Directive } from '../filters/suppressions.js';

/** A rule's report, before the audit adds evidence, package and fingerprint. */
export type RuleHit = Pick<Finding, 'ruleId' | 'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'message'> & {
  /** The catalog message the rule reported, which decides the finding's severity. */
  messageId?: MessageId;
};

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

/**
 * The compiler parses the thread already made of the files (the whole-program stages' own, made by load/parse.ts's
 * parseSource with the compiler the rules' parser uses): the rules convert those instead of parsing again where
 * they are what the parser would make.
 */
export interface ParsedSources {
  sourceFile(relative: string): SourceFile | undefined;
  /** Files nested too deeply to audit, which have their diagnostic already: the rules skip them. */
  tooDeep?: ReadonlySet<string>;
}

/**
 * ESLint's default ignores, for what the audit reads: `.git/`, and installed dependencies (a path given inside one).
 * A repository's own packages in a `node_modules` folder with no package.json beside it are read (source-files.ts),
 * and linted: with ESLint too, that folder is the project's to un-ignore.
 */
function ignoredByEslint(root: string, relative: string): boolean {
  if (relative.startsWith('.git/')) return true;
  const segments = relative.split('/');
  for (let i = segments.indexOf('node_modules'); i !== -1; i = segments.indexOf('node_modules', i + 1)) {
    if (!isOwnPackagesFolder(path.join(root, ...segments.slice(0, i + 1)))) return true;
  }
  return false;
}

/** Runs every enabled rule over every file; a file that does not parse becomes a `syntax-error` diagnostic. */
export function runRules(root: string, files: readonly SourceFileText[], config: AuditConfig, diagnostics: Diagnostic[], parsedSources?: ParsedSources): RuleRun {
  const enabled = checkIds.filter((id) => !config.off.includes(id));
  const settings = { stateless: { testFiles: config.testFiles, workerFiles: config.workerFiles, scriptFiles: config.scriptFiles } };
  // The same results as ESLint's Linter with the plugin's rules, at a lower cost (see rule-runner.ts).
  // The comments are only read for eslint-disable directives: a file that never says `eslint-` has none.
  const lint = createRuleRunner(root, enabled.map((id) => [`stateless/${id}`, plugin.rules[id]] as const), settings, (text) => text.includes('eslint-'));
  const run: RuleRun = { hits: [], directives: new Map(), unparsable: new Set() };
  for (const file of files) {
    if (ignoredByEslint(root, file.relative)) continue;
    if (parsedSources?.tooDeep?.has(file.relative)) {
      run.unparsable.add(file.relative);
      continue;
    }
    let outcome: FileOutcome;
    try {
      outcome = lint(path.join(root, file.relative), file.text, sourceTypeOf(file.path), parsedSources?.sourceFile(file.relative));
    } catch (error) {
      if (isStackOverflow(error)) {
        // The parser, its conversion, the scope analysis or a rule ran out of stack: nesting too deep to analyze.
        diagnostics.push(tooDeepDiagnostic(file.relative, deepestLineOf(file.path, file.text, parsedSources?.sourceFile(file.relative))));
        run.unparsable.add(file.relative);
        continue;
      }
      // A bug of ours on one file must not cost the user the rest of the audit.
      diagnostics.push({ severity: 'error', code: 'internal-error', file: file.relative, message: `${file.relative}: the rules failed on this file (${String((error as Error)?.message ?? error).split('\n')[0]}); please report it` });
      run.unparsable.add(file.relative);
      continue;
    }
    if ('fatal' in outcome) {
      const { line, column, message } = outcome.fatal;
      run.unparsable.add(file.relative);
      diagnostics.push({ severity: 'error', code: 'syntax-error', file: file.relative, line, message: `${file.relative}:${line}:${column}: ${message}; the file is not audited` });
      continue;
    }
    run.directives.set(file.relative, parseDirectives(outcome.comments as CommentLike[]));
    for (const problem of outcome.problems) {
      const ruleId = problem.ruleId.replace(/^stateless\//, '') as CheckId;
      run.hits.push({
        ruleId,
        file: file.relative,
        line: problem.line,
        column: problem.column,
        endLine: problem.endLine ?? problem.line,
        endColumn: problem.endColumn ?? problem.column,
        message: problem.message,
        ...(problem.messageId && isMessageId(ruleId, problem.messageId) ? { messageId: problem.messageId } : {}),
      });
    }
  }
  return run;
}
