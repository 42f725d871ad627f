// The rule runner gives what ESLint's Linter gives with the audit's config: the same problems (rule, message,
// start and end), the same parse errors, the same comments — on every fixture file and on the odd inputs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import { checkIds, isMessageId, type CheckId } from '../../catalog.js';
import plugin from '../../index.js';
import type { AuditConfig } from '../load/config.js';
import type { Diagnostic } from '../model.js';
import { runRules, type RuleRun } from './rule-findings.js';
import { parseSource } from '../load/parse.js';
import { createRuleRunner, type FileOutcome, type SourceType } from './rule-runner.js';
import { collectSourceFiles, SOURCE_EXTENSIONS, type SourceFileText } from '../load/source-files.js';
import { parseDirectives, type CommentLike } from '../filters/suppressions.js';

const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures');
const appsDir = path.join(fixturesDir, 'apps');

const defaults: AuditConfig = { ignore: [], entries: [], workers: [], off: [] };
// Other globs and a rule turned off, so that settings and the rule list reach the rules the same way.
const customized: AuditConfig = { ...defaults, off: ['no-module-state'], testFiles: ['**/routes/**'], workerFiles: ['**/lib/**'] };

function sourceTypeOf(file: string): SourceType {
  return file.endsWith('.cjs') || file.endsWith('.cts') ? 'commonjs' : 'module';
}

function settingsOf(config: AuditConfig) {
  return { stateless: { testFiles: config.testFiles, workerFiles: config.workerFiles, scriptFiles: config.scriptFiles } };
}

/**
 * Reports, as its message, what a rule can see of the scope analysis: every scope's variables with their
 * definitions and references, and what goes through it. Run beside the plugin's rules, it shows that the globals
 * ESLint adds (`require`, `setInterval`, …) and the source type reach the rules the same way, even where no
 * rule of today depends on them.
 */
const scopeProbe: Rule.RuleModule = {
  create: (context) => ({
    'Program:exit'(node) {
      const { scopeManager, hasBOM, lines } = context.sourceCode;
      const scopes = scopeManager.scopes.map((scope) => ({
        type: scope.type,
        variables: scope.variables.map((variable) => `${variable.name} ${variable.defs.length} ${variable.references.map((reference) => reference.identifier.range?.[0]).join(',')}`),
        through: scope.through.map((reference) => reference.identifier.name),
      }));
      context.report({ node, message: JSON.stringify({ sourceType: node.sourceType, hasBOM, lines: lines.length, scopes }) });
    },
  }),
};

/** ESLint's Linter and the configs runRules used before it had its own runner (and, for some tests, the probe). */
function eslintSetup(root: string, config: AuditConfig, withProbe = false) {
  const linter = new Linter({ configType: 'flat', cwd: root });
  const enabled = checkIds.filter((id) => !config.off.includes(id));
  const configFor = (sourceType: SourceType): Linter.Config[] => [
    {
      files: [`**/*.{${SOURCE_EXTENSIONS.map((extension) => extension.slice(1)).join(',')}}`],
      languageOptions: { parser: tsParser, sourceType, parserOptions: { ecmaFeatures: { jsx: true } } },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      settings: settingsOf(config),
      plugins: { stateless: plugin, probe: { rules: { scope: scopeProbe } } },
      rules: Object.fromEntries([...enabled.map((id) => [`stateless/${id}`, 'error']), ...(withProbe ? [['probe/scope', 'error']] : [])]),
    },
  ];
  return { linter, configs: { module: configFor('module'), commonjs: configFor('commonjs') } };
}

/** ESLint's outcome for one file, as the runner gives it. */
function eslintLinter(root: string, config: AuditConfig, withProbe = false) {
  const { linter, configs } = eslintSetup(root, config, withProbe);
  return (filename: string, text: string): FileOutcome => {
    const messages = linter.verify(text, configs[sourceTypeOf(filename)], filename);
    const fatal = messages.find((message) => message.fatal);
    if (fatal) return { fatal: { message: fatal.message, line: fatal.line, column: fatal.column } };
    // Messages without a rule are ESLint's notes on inline config comments, which the audit does not use.
    const problems = messages.filter((message) => message.ruleId).map(({ ruleId, messageId, message, line, column, endLine, endColumn }) => ({ ruleId: ruleId!, ...(messageId ? { messageId } : {}), message, line, column, endLine, endColumn }));
    return { problems, comments: linter.getSourceCode().getAllComments() as never, convertedGivenParse: false };
  };
}

/** Our runner; with `reuseParses`, given the audit's own parse of each file to convert. */
function ourRunner(root: string, config: AuditConfig, withProbe = false, reuseParses = false) {
  const rules: (readonly [string, Rule.RuleModule])[] = checkIds.filter((id) => !config.off.includes(id)).map((id) => [`stateless/${id}`, plugin.rules[id]] as const);
  if (withProbe) rules.push(['probe/scope', scopeProbe]);
  const lint = createRuleRunner(root, rules, settingsOf(config));
  return (filename: string, text: string) => lint(filename, text, sourceTypeOf(filename), reuseParses ? parseSource(filename, text) : undefined);
}

/** The outcome with comments reduced to what ESLint's SourceCode exposes of them. */
function comparable(outcome: FileOutcome) {
  if ('fatal' in outcome) return outcome;
  return { problems: outcome.problems.map((problem) => ({ endLine: undefined, endColumn: undefined, ...problem })), comments: outcome.comments.map(({ type, value, range, loc }) => ({ type, value, range, loc })) };
}

function expectSameOutcomes(root: string, files: readonly SourceFileText[], config: AuditConfig, withProbe = false, reuseParses = false): FileOutcome[] {
  const eslint = eslintLinter(root, config, withProbe);
  const ours = ourRunner(root, config, withProbe, reuseParses);
  return files.map((file) => {
    const expected = eslint(file.path, file.text);
    expect(comparable(ours(file.path, file.text)), file.relative).toEqual(comparable(expected));
    return expected;
  });
}

function problemCount(outcomes: FileOutcome[]): number {
  return outcomes.reduce((sum, outcome) => sum + ('problems' in outcome ? outcome.problems.length : 0), 0);
}

describe('the rule runner agrees with ESLint', () => {
  const apps = fs.readdirSync(appsDir).filter((name) => fs.statSync(path.join(appsDir, name)).isDirectory());

  it.each(apps)('on every file of fixtures/apps/%s', (app) => {
    const root = path.join(appsDir, app);
    const files = collectSourceFiles(root, [root], [], []);
    expect(problemCount(expectSameOutcomes(root, files, defaults))).toBeGreaterThan(0);
    expectSameOutcomes(root, files, customized);
  });

  it('on every source file under fixtures/, dependencies aside', () => {
    const files = allSourceFiles(fixturesDir);
    expect(files.length).toBeGreaterThan(100);
    expect(problemCount(expectSameOutcomes(fixturesDir, files, defaults))).toBeGreaterThan(20);
  });

  it('on odd inputs: BOM, shebang, CommonJS return, JSX, type assertions, syntax errors, directives', () => {
    const outcomes = expectSameOutcomes(virtualRoot, oddFiles, defaults);
    const byFile = new Map(oddFiles.map((file, index) => [file.relative, outcomes[index]!]));
    // The cases are worth comparing only if they exercise what they claim to.
    expect(byFile.get('src/bom.ts')).toMatchObject({ problems: [{ ruleId: 'stateless/no-module-state', line: 1 }] });
    expect(byFile.get('src/jsx.tsx')).toMatchObject({ problems: [{ ruleId: 'stateless/no-timers-in-web-process' }] });
    expect(byFile.get('src/cli.ts')).toMatchObject({ comments: [{ type: 'Shebang' }, {}] });
    expect(byFile.get('src/broken.ts')).toMatchObject({ fatal: { line: 1 } });
    expect(byFile.get('src/broken-jsx.tsx')).toHaveProperty('fatal');
    expect(byFile.get('src/assertion.tsx')).toHaveProperty('fatal'); // `<T>x` is JSX in a .tsx file
    expect(byFile.get('src/assertion.ts')).toMatchObject({ problems: [{}] });
  });

  it('in what rules see of scopes, globals and source types', () => {
    const cjsApp = path.join(appsDir, 'cjs-app');
    expectSameOutcomes(virtualRoot, oddFiles, defaults, true);
    expectSameOutcomes(cjsApp, collectSourceFiles(cjsApp, [cjsApp], [], []), defaults, true);
  });

  it('through runRules: the same hits, directives, unparsable files and diagnostics as before', () => {
    const files = [...oddFiles, ...collectSourceFiles(path.join(appsDir, 'express-shop'), [path.join(appsDir, 'express-shop')], [], [])];
    for (const config of [defaults, customized]) {
      const before: Diagnostic[] = [];
      const after: Diagnostic[] = [];
      const expected = runRulesWithEslint(virtualRoot, files, config, before);
      expect(runRules(virtualRoot, files, config, after)).toEqual(expected);
      expect(after).toEqual(before);
    }
  });

  it("when it converts the audit's own parses instead of parsing again", () => {
    const fixtureFiles = allSourceFiles(fixturesDir);
    const outcomes = [...expectSameOutcomes(fixturesDir, fixtureFiles, defaults, true, true), ...expectSameOutcomes(virtualRoot, oddFiles, defaults, true, true)];
    expect(problemCount(outcomes)).toBeGreaterThan(20);
    // Files whose text ESLint changes (BOM, shebang) are parsed again; the rest converted, also the files ESLint
    // parses as modules though they have no import or export (CommonJS .js files, a top-level await): the audit's
    // parse marks them modules as typescript-estree does.
    const ours = ourRunner(virtualRoot, defaults, false, true);
    const parsedAgain = (files: readonly SourceFileText[]) =>
      files.flatMap((file) => {
        const outcome = ours(file.path, file.text);
        return 'fatal' in outcome || outcome.convertedGivenParse ? [] : [file.relative];
      });
    expect(parsedAgain(oddFiles)).toEqual(['src/bom.ts', 'src/cli.ts', 'src/cli-crlf.js']);
    expect(parsedAgain(fixtureFiles).filter((relative) => !/^#!/.test(fixtureFiles.find((file) => file.relative === relative)!.text))).toEqual([]);
  });

  it('leaves files ESLint ignores by default alone', () => {
    const files = ['node_modules/pkg/index.ts', 'src/node_modules/x.ts', '.git/hooks/x.ts'].map((relative) => virtualFile(relative, 'const cache = new Map();\nexport const remember = (k: string) => cache.set(k, 1);\n'));
    expect(runRules(virtualRoot, files, defaults, []).hits).toEqual([]);
    expect(runRulesWithEslint(virtualRoot, files, defaults, []).hits).toEqual([]);
  });
});

const virtualRoot = path.resolve('/virtual/app');

function virtualFile(relative: string, text: string): SourceFileText {
  return { path: path.join(virtualRoot, relative), relative, text };
}

const moduleState = 'const seen = new Map<string, number>();\nexport function handler(req: { url: string }) {\n  seen.set(req.url, (seen.get(req.url) ?? 0) + 1);\n}\n';

const oddFiles: SourceFileText[] = [
  virtualFile('src/bom.ts', `\uFEFF${moduleState}`),
  virtualFile('src/cli.ts', `#!/usr/bin/env node\n// eslint-disable-next-line stateless/no-module-state\n${moduleState}`),
  virtualFile('src/cli-crlf.js', '#!/usr/bin/env node\r\nsetInterval(() => {}, 1000);\r\n'),
  virtualFile('src/legacy.cjs', "const hits = {};\nmodule.exports = function (req) { hits[req.url] = (hits[req.url] || 0) + 1; };\nif (require.main !== module) return;\nsetInterval(() => {}, 60000);\n"),
  virtualFile('src/legacy.cts', "import express = require('express');\nconst app = express();\nconst counts: Record<string, number> = {};\napp.get('/', (req, res) => { counts[req.ip!] = (counts[req.ip!] ?? 0) + 1; res.end(); });\napp.listen(3000);\n"),
  virtualFile('src/module.mjs', "import { setInterval as every } from 'node:timers';\nevery(() => {}, 1000);\nexport const tick = () => setTimeout(tick, 10);\n"),
  virtualFile('src/jsx.tsx', 'export function Clock() {\n  setInterval(() => {}, 1000);\n  return <div className="clock">{new Date().toString()}</div>;\n}\n'),
  virtualFile('src/view.jsx', 'const cache = new Map();\nexport const View = ({ id }) => { cache.set(id, 1); return <>{id}</>; };\n'),
  virtualFile('src/assertion.ts', `const raw: unknown = 1;\nconst n = <number>raw;\n${moduleState}export { n };\n`),
  virtualFile('src/assertion.tsx', 'const raw: unknown = 1;\nconst n = <number>raw;\nexport { n };\n'),
  virtualFile('src/broken.ts', 'const = ;\n'),
  virtualFile('src/broken-jsx.tsx', 'export const A = () => <div>;\n'),
  virtualFile('src/late-error.ts', `${moduleState}function f( {\n`),
  virtualFile('src/directives.ts', `/* eslint-disable stateless/no-module-state */\n/* global customGlobal */\n/* eslint no-undef: "error" */\n${moduleState}/* eslint-enable */\nconst other = new Set<string>(); // eslint-disable-line stateless/no-module-state -- on purpose\nexport const add = (s: string) => other.add(s);\n`),
  virtualFile('src/shadowed.ts', 'const setInterval = (f: () => void) => f();\nsetInterval(() => {});\nsetTimeout(() => {}, 5);\n'),
  virtualFile('src/separators.ts', `const a = 1;\u2028const cache = new Map<string, string>();\r\nexport const put = (k: string) => cache.set(k, k);\n`),
  virtualFile('src/empty.ts', ''),
  // A module only by ESLint's source type: the compiler alone would read `await` here as a name.
  virtualFile('src/top-level-await.ts', 'const config = await Promise.resolve({ every: 1000 });\nsetInterval(() => {}, config.every);\n'),
];

/** Every audited kind of source file below `dir`, skipping dependencies. */
function allSourceFiles(dir: string): SourceFileText[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : allSourceFiles(full);
    if (!SOURCE_EXTENSIONS.includes(path.extname(entry.name)) || entry.name.endsWith('.d.ts')) return [];
    return [{ path: full, relative: path.relative(fixturesDir, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') }];
  });
}

/** runRules as it was before rule-runner.ts, on ESLint's Linter. */
function runRulesWithEslint(root: string, files: readonly SourceFileText[], config: AuditConfig, diagnostics: Diagnostic[]): RuleRun {
  const { linter, configs } = eslintSetup(root, config);
  const run: RuleRun = { hits: [], directives: new Map(), unparsable: new Set() };
  for (const file of files) {
    let messages: Linter.LintMessage[];
    try {
      messages = linter.verify(file.text, configs[sourceTypeOf(file.path)], path.join(root, file.relative));
    } catch (error) {
      diagnostics.push({ severity: 'error', code: 'internal-error', file: file.relative, message: `${file.relative}: the rules failed on this file (${(error as Error).message.split('\n')[0]}); please report it` });
      run.unparsable.add(file.relative);
      continue;
    }
    if (messages.some((message) => message.fatal)) run.unparsable.add(file.relative);
    else run.directives.set(file.relative, parseDirectives((linter.getSourceCode()?.getAllComments() ?? []) as CommentLike[]));
    for (const message of messages) {
      if (!message.ruleId) {
        if (message.fatal) diagnostics.push({ severity: 'error', code: 'syntax-error', file: file.relative, line: message.line, message: `${file.relative}:${message.line}:${message.column}: ${message.message}; the file is not audited` });
        continue;
      }
      const ruleId = message.ruleId.replace(/^stateless\//, '') as CheckId;
      run.hits.push({
        ruleId,
        file: file.relative,
        line: message.line,
        column: message.column,
        endLine: message.endLine ?? message.line,
        endColumn: message.endColumn ?? message.column,
        message: message.message,
        ...(message.messageId && isMessageId(ruleId, message.messageId) ? { messageId: message.messageId } : {}),
      });
    }
  }
  return run;
}
