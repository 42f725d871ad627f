/**
 * The one parser family the codemods read every file with: Babel with its TypeScript plugin (jscodeshift's `ts`,
 * and `tsx` for TSX and for all JavaScript, JSX included, as next-codemod does), so that every tree has one shape.
 */
import { createRequire } from 'node:module';
import jscodeshift, { type JSCodeshift, type Parser } from 'jscodeshift';
import { parserFor } from './style.js';

const require = createRequire(import.meta.url);
// jscodeshift's own parser modules (they ship no types): Babel with the options jscodeshift gives `ts` and `tsx`.
const babelParsers: Record<'ts' | 'tsx', () => Parser> = {
  ts: require('jscodeshift/parser/ts.js') as () => Parser,
  tsx: require('jscodeshift/parser/tsx.js') as () => Parser,
};

type Located = { type: string; start?: number; end?: number; loc?: unknown };
type Directive = Located & { value: Located & { value: string; extra?: { raw?: string } } };
type Block = { directives?: Directive[]; body?: unknown };

/**
 * Babel keeps directives (`'use strict'`, `'use server'`) out of a body, and recast, reprinting a program whose
 * body changed, prints them with a second semicolon and drops the blank line after them. Kept as the first
 * statements of the body, marked `directive` as ESTree does, they print as written.
 */
function directivesAsStatements(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) directivesAsStatements(child);
    return;
  }
  const block = node as Block & Record<string, unknown>;
  if (Array.isArray(block.directives) && Array.isArray(block.body) && block.directives.length > 0) {
    const statements = block.directives.map((directive) => ({
      type: 'ExpressionStatement',
      expression: { ...directive.value, type: 'StringLiteral' },
      directive: directive.value.extra?.raw?.slice(1, -1) ?? directive.value.value,
      start: directive.start,
      end: directive.end,
      loc: directive.loc,
    }));
    block.body.unshift(...statements);
    block.directives = [];
  }
  for (const [key, value] of Object.entries(block)) {
    if (key !== 'loc' && key !== 'tokens' && key !== 'comments' && value && typeof value === 'object') directivesAsStatements(value);
  }
}

/** The parser for `file`: jscodeshift's Babel parser for its language, with directives kept as statements. */
export function parserOf(file: string): Parser {
  const babel = babelParsers[parserFor(file)]();
  return {
    parse(source: string) {
      const tree = babel.parse(source);
      directivesAsStatements((tree as { program?: unknown }).program);
      return tree;
    },
  };
}

/** jscodeshift bound to the parser for `file`. */
export function jscodeshiftFor(file: string): JSCodeshift {
  return jscodeshift.withParser(parserOf(file));
}
