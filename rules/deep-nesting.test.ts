// The rules on deeply nested code in ESLint itself (written on many lines: on one long line it would be minified code,
// which the rules leave alone): where ESLint's parser, scope analysis and traversal cope, the
// rules do too (they walk with stacks of their own); where ESLint gives up (a fatal parsing error), nothing more
// happens with the plugin enabled.
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const timer = 'export const timer = setInterval(() => {}, 1000);\n';
const kinds: Record<string, (depth: number) => string> = {
  concatenation: (depth) => `export const s = ${Array(depth).fill("'a'").join(' +\n')};\n`,
  parentheses: (depth) => `export const p = ${'('.repeat(depth)}1${')'.repeat(depth)};\n`,
  arrays: (depth) => `export const a = ${'['.repeat(depth)}1${']'.repeat(depth)};\n`,
  'else-if chain': (depth) => `export function pick(x: number) {\n  ${Array.from({ length: depth }, (_, i) => `if (x === ${i}) return ${i};`).join(' else\n  ')}\n  return -1;\n}\n`,
  'call chain': (depth) => `export const c = (globalThis as any)${'\n  .b()'.repeat(depth)};\n`,
  'member chain': (depth) => `export const m = (globalThis as any)${'\n  .b'.repeat(depth)};\n`,
  // A lazily created client whose condition nests deeply: the rules read the condition (isLazyInit).
  'lazy-init condition': (depth) => `let client: unknown;\nexport function get() {\n  if (!client && ${Array(depth).fill('true').join(' &&\n    ')}) client = new Map();\n  return client;\n}\n`,
};

const cwd = process.cwd();
const typescript: Linter.Config = { files: ['**/*.ts'], languageOptions: { parser: tsParser } };
const eslintAlone: Linter.Config[] = [typescript, { rules: { 'no-unused-vars': 'error', 'no-undef': 'error' } }];
const withPlugin: Linter.Config[] = [typescript, plugin.configs.recommended];

describe('the rules under ESLint on deeply nested code', () => {
  for (const [kind, source] of Object.entries(kinds)) {
    for (const depth of [300, 600, 1000, 3000]) {
      it(`${kind}, ${depth} deep: no crash beyond what ESLint itself does`, () => {
        const text = `${timer}${source(depth)}`;
        const filename = `${cwd}/src/deep.ts`;
        let alone: Linter.LintMessage[];
        try {
          alone = new Linter({ cwd }).verify(text, eslintAlone, filename);
        } catch (error) {
          // ESLint's own traversal ran out of stack: the plugin cannot do better, nothing to compare.
          expect((error as Error).name).toBe('RangeError');
          return;
        }
        const fatal = alone.filter((message) => message.fatal);
        const messages = new Linter({ cwd }).verify(text, withPlugin, filename);
        if (fatal.length > 0) expect(messages).toEqual(fatal);
        else expect(messages.map((message) => `${message.line} ${message.ruleId}`)).toContain('1 stateless/no-timers-in-web-process');
      });
    }
  }
});
