/**
 * The rules under ESLint's default parser (espree) and Babel's (@babel/eslint-parser), as JavaScript projects lint:
 * every case of the rules' own tests whose code is JavaScript runs again under each, and must give the same
 * findings as under @typescript-eslint/parser. The cases are the rule test files' own: their `ruleTester.run`
 * calls are captured here instead of run. Cases written for this file (JavaScript classes, NestJS in JavaScript
 * with Babel's decorators) run under all three parsers.
 */
import tsParser from '@typescript-eslint/parser';
import type { InvalidTestCase, RunTests, ValidTestCase } from '@typescript-eslint/rule-tester';
import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import { RuleTester, type Linter, type Rule } from 'eslint';
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { babelParser, babelParserOptions } from '../src/test-support/babel-parser.js';
import { classCases } from '../src/test-support/javascript-class-cases.js';
import { rules } from './index.js';

type Options = readonly unknown[];
type Case = ValidTestCase<Options> | InvalidTestCase<string, Options>;
interface Run {
  source: string;
  name: string;
  rule: unknown;
  tests: RunTests<string, Options>;
}

const captured = vi.hoisted(() => ({ runs: [] as Run[], source: '' }));
vi.mock('../src/test-support/rule-tester.js', async (importActual) => ({
  ...(await importActual<object>()),
  ruleTester: { run: (name: string, rule: unknown, tests: RunTests<string, Options>) => void captured.runs.push({ source: captured.source, name, rule, tests }) },
}));

// Every rule's test files, in a fixed order. They only call ruleTester.run at their top level: anything else
// they did would run here too.
const testFiles = fs.readdirSync(new URL('.', import.meta.url)).filter((name) => /^no-.*\.test\.ts$/.test(name)).sort();
for (const file of testFiles) {
  captured.source = file;
  await import(/* @vite-ignore */ `./${file}`);
}

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
const ruleTester = new RuleTester();

// The rule tester's default file name, and what a JavaScript project names its files.
const DEFAULT_FILENAME = 'react.tsx';
const javaScriptExtensions: Record<string, string> = { '.ts': '.js', '.tsx': '.jsx', '.mts': '.mjs', '.cts': '.cjs' };
const asJavaScriptName = (name: string) => name.replace(/\.(ts|tsx|mts|cts)$/, (ext) => javaScriptExtensions[ext]!);

/** The same value with every file name in it (options' and settings' globs) named as in a JavaScript project. */
function renamed<T>(value: T): T {
  if (typeof value === 'string') return asJavaScriptName(value) as T;
  if (Array.isArray(value)) return value.map(renamed) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renamed(item)])) as T;
  return value;
}

// Marks of TypeScript on nodes that JavaScript has too (`x?: T` parameters, `private`, `import { type X }`).
const typeScriptFlags = ['accessibility', 'abstract', 'declare', 'definite', 'override', 'readonly'] as const;

const moduleSyntax = new Set(['ImportDeclaration', 'ExportNamedDeclaration', 'ExportDefaultDeclaration', 'ExportAllDeclaration']);
// What Babel's decorators plugin decorates: classes and their members (not parameters).
const decoratedInJavaScript = new Set(['ClassDeclaration', 'ClassExpression', 'MethodDefinition', 'PropertyDefinition']);

/**
 * True when `code` is JavaScript of `sourceType`: typescript-estree's tree of it has no TypeScript node or flag (so
 * `f<T>(x)`, which JavaScript reads as comparisons, is not), and no `import`/`export` outside a module, which
 * typescript-estree takes anyway. Decorators of parameters are TypeScript's; without `decorators`, all are (espree).
 */
function isJavaScript(code: string, filename: string, sourceType: Linter.SourceType, decorators: boolean): boolean {
  let ast;
  try {
    ast = parse(code, { filePath: filename, jsx: true });
  } catch {
    return false;
  }
  let javaScript = true;
  simpleTraverse(ast, {
    enter(node, parent) {
      const flags = node as unknown as Record<string, unknown>;
      if (node.type.startsWith('TS') || (sourceType !== 'module' && moduleSyntax.has(node.type))) javaScript = false;
      else if (node.type === 'Decorator' && (!decorators || !decoratedInJavaScript.has(parent?.type ?? ''))) javaScript = false;
      else if (typeScriptFlags.some((flag) => flags[flag] === true || (flag === 'accessibility' && flags[flag] !== undefined))) javaScript = false;
      else if (flags['optional'] === true && node.type !== 'MemberExpression' && node.type !== 'CallExpression') javaScript = false;
      else if (flags['importKind'] === 'type' || flags['exportKind'] === 'type') javaScript = false;
    },
  });
  return javaScript;
}

interface Parsing {
  name: string;
  decorators: boolean;
  languageOptions(sourceType: Linter.SourceType): Linter.LanguageOptions;
}

const jsx = { ecmaFeatures: { jsx: true } };
const espree: Parsing = { name: 'espree', decorators: false, languageOptions: (sourceType) => ({ ecmaVersion: 'latest', sourceType, parserOptions: jsx }) };
const babel: Parsing = {
  name: '@babel/eslint-parser',
  decorators: true,
  languageOptions: (sourceType) => ({ ecmaVersion: 'latest', sourceType, parser: babelParser, parserOptions: { ...jsx, ...babelParserOptions } }),
};
const typescript: Parsing = { name: '@typescript-eslint/parser', decorators: true, languageOptions: (sourceType) => ({ sourceType, parser: tsParser, parserOptions: jsx }) };

/** A rule test case as a JavaScript project's file under `parsing`, or undefined when its code is TypeScript. */
function asJavaScriptCase<T extends Case>(test: string | T, parsing: Parsing): T | undefined {
  const item = (typeof test === 'string' ? { code: test } : test) as T & { languageOptions?: { sourceType?: Linter.SourceType; globals?: Linter.Globals } };
  const filename = item.filename ?? DEFAULT_FILENAME;
  const { sourceType = 'module', ...otherLanguageOptions } = item.languageOptions ?? {};
  if (!isJavaScript(item.code, filename, sourceType, parsing.decorators)) return undefined;
  return {
    ...item,
    ...(item.options ? { options: renamed(item.options) } : {}),
    ...(item.settings ? { settings: renamed(item.settings) } : {}),
    filename: asJavaScriptName(filename),
    // The source type is set as the rule tester set it (the file name's extension would change it for `.cjs`).
    languageOptions: { ...parsing.languageOptions(sourceType), ...otherLanguageOptions },
  };
}

function javaScriptTests(tests: RunTests<string, Options>, parsing: Parsing) {
  return {
    valid: tests.valid.flatMap((test) => asJavaScriptCase(test, parsing) ?? []),
    invalid: tests.invalid.flatMap((test) => asJavaScriptCase(test, parsing) ?? []),
  };
}

// ESLint's and typescript-eslint's test case types differ only in how they type options and parser settings.
type EslintTests = Parameters<RuleTester['run']>[2];

const hasDecorators = (test: string | Case) => /^\s*@/m.test(typeof test === 'string' ? test : test.code);

for (const parsing of [typescript, espree, babel]) {
  describe(`JavaScript classes under ${parsing.name}`, () => {
    for (const [id, tests] of Object.entries(classCases)) {
      ruleTester.run(id, rules[id as keyof typeof rules] as unknown as Rule.RuleModule, javaScriptTests(tests, parsing) as unknown as EslintTests);
    }
  });
}

for (const parsing of [espree, babel]) {
  describe(`the rules' JavaScript cases under ${parsing.name}`, () => {
    for (const { source, name, rule, tests } of captured.runs) {
      describe(source, () => ruleTester.run(name, rule as Rule.RuleModule, javaScriptTests(tests, parsing) as unknown as EslintTests));
    }
  });
}

describe('which cases run under the other parsers', () => {
  it('captured every rule test file', () => {
    expect([...new Set(captured.runs.map((run) => run.source))]).toEqual(testFiles);
    expect(new Set(captured.runs.map((run) => run.name))).toEqual(new Set(Object.keys(rules)));
  });

  it.each([espree, babel])('every rule has JavaScript cases of its own tests, valid and invalid, under $name', (parsing) => {
    for (const id of Object.keys(rules)) {
      const runs = captured.runs.filter((run) => run.name === id).map((run) => javaScriptTests(run.tests, parsing));
      const valid = runs.flatMap((run) => run.valid);
      const invalid = runs.flatMap((run) => run.invalid);
      expect.soft(valid.length, `${id} valid`).toBeGreaterThan(0);
      expect.soft(invalid.length, `${id} invalid`).toBeGreaterThan(0);
    }
  });
});

describe('the JavaScript class cases', () => {
  const all = Object.values(classCases).flatMap((tests) => [...tests.valid, ...tests.invalid]);

  it('all run under typescript-eslint and Babel, all but the decorated ones under espree', () => {
    const kept = (parsing: Parsing) => Object.values(classCases).flatMap((tests) => Object.values(javaScriptTests(tests, parsing)).flat());
    expect(kept(typescript)).toHaveLength(all.length);
    expect(kept(babel)).toHaveLength(all.length);
    expect(kept(espree)).toHaveLength(all.filter((test) => !hasDecorators(test)).length);
  });

  it('have NestJS providers and controllers written in JavaScript', () => {
    expect(all.filter(hasDecorators).length).toBeGreaterThanOrEqual(6);
  });
});
