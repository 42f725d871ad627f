import type { ASTPath } from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { jscodeshiftFor } from './parser.js';
import { afterDirectives, bindingName, enclosingFunction, enclosingFunctions, functionName, hasOwnThis, isFunction, stringLiteralValue, stringValue } from './ast.js';

// The same questions get the same answers in a TypeScript and a JavaScript file (both read by Babel's TypeScript plugin).
const files = ['src/a.ts', 'src/a.js'] as const;

/** The paths of the calls `mark()` in `source`, in source order. */
function marks(file: (typeof files)[number], source: string): ASTPath[] {
  const j = jscodeshiftFor(file);
  return j(source)
    .find(j.CallExpression, { callee: { type: 'Identifier', name: 'mark' } })
    .paths();
}

const named = `
function declared() { mark(); }
const variable = function inner() { mark(); };
const arrow = () => mark();
const object = { method() { mark(); }, property: () => mark(), 'quoted'() { mark(); }, [computedKey]() { mark(); } };
class Owner {
  classMethod() { mark(); }
  #privateMethod() { mark(); }
  field = () => mark();
}
export default function () { mark(); }
`;

describe.each(files)('in %s', (file) => {
  it('names every kind of function the way a reader would', () => {
    const names = marks(file, named).map((mark) => functionName(enclosingFunction(mark)!));
    expect(names).toEqual(['declared', 'inner', 'arrow', 'method', 'property', 'quoted', undefined, 'classMethod', undefined, 'field', undefined]);
  });

  it('gives a binding name only to what a bare call can reach', () => {
    const names = marks(file, named).map((mark) => bindingName(enclosingFunction(mark)!));
    expect(names).toEqual(['declared', 'variable', 'arrow', undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('walks out through methods, arrows and functions, nearest first', () => {
    const [mark] = marks(file, 'function outer() { class A { run() { [1].forEach(() => mark()); } } }');
    const functions = enclosingFunctions(mark!).map((fn) => fn.node);
    expect(functions.every(isFunction)).toBe(true);
    expect(functions.map(hasOwnThis)).toEqual([false, true, true]);
    expect(functionName(enclosingFunctions(mark!)[1]!)).toBe('run');
    expect(functionName(enclosingFunctions(mark!)[2]!)).toBe('outer');
  });

  it('finds no function around module-level code', () => {
    const [mark] = marks(file, 'mark();');
    expect(enclosingFunction(mark!)).toBeUndefined();
  });

  it('keeps directives first', () => {
    const j = jscodeshiftFor(file);
    const program = j(`'use strict';\n'use client';\nconst a = 1;`).find(j.Program).paths()[0]!.node;
    // The parser keeps directives as the first statements of the body: new code goes before `const a`.
    expect(program.body[afterDirectives(program.body)]!.type).toBe('VariableDeclaration');
  });
});

it('does not count a signature without a body as a function', () => {
  const j = jscodeshiftFor('src/a.ts');
  const root = j('declare function f(): void;\ntype T = (a: number) => void;\nabstract class A { abstract m(): void; }');
  const kinds = root.find(j.Node).filter((path) => /^TS(Declare|Function)/.test(path.node.type)).nodes();
  expect(kinds.length).toBe(3);
  expect(kinds.some(isFunction)).toBe(false);
});

it('reads template literals without substitutions only where asked', () => {
  const j = jscodeshiftFor('src/a.ts');
  const [literal, template, substituted] = j("['a', `b`, `c${d}`]").find(j.ArrayExpression).nodes()[0]!.elements;
  expect([literal, template, substituted].map(stringValue)).toEqual(['a', 'b', undefined]);
  expect([literal, template, substituted].map(stringLiteralValue)).toEqual(['a', undefined, undefined]);
});
