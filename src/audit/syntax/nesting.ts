/**
 * Files nested too deeply to analyze: the parsers, converters and scope analysis the audit builds on recurse once
 * per level of nesting, so a 3,000-term string concatenation or a 1,000-deep parenthesis overflows the stack. Such a
 * file (generated or minified code) becomes one `too-deep` diagnostic and is not audited; the run goes on. Depth is
 * measured on the compiler's syntax tree by an explicit limit, so that the answer does not depend on the thread
 * (a worker's stack is larger) or on how warm the JIT is; a stack overflow anywhere else is caught as a safety net.
 */
import type { Node, SourceFile } from 'typescript';
import type { Diagnostic } from '../model.js';
import { ts } from './typescript.js';

/**
 * Levels of syntax-tree nesting the audit analyzes. typescript-estree's conversion and the scope analysis, in the
 * main thread and before the JIT has optimized them, overflow from about 700 levels; real source stays below 100.
 */
export const MAX_NESTING = 500;

/** True for V8's "Maximum call stack size exceeded", from any realm. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof Error && error.name === 'RangeError' && /call stack/i.test(error.message);
}

/** The deepest node of a file (the file itself at depth 0), found without recursion. */
export function deepestNode(sourceFile: SourceFile): { node: Node; depth: number } {
  let deepest: { node: Node; depth: number } = { node: sourceFile, depth: 0 };
  const nodes: Node[] = [sourceFile];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > deepest.depth) deepest = { node, depth };
    ts.forEachChild(node, (child) => {
      nodes.push(child);
      depths.push(depth + 1);
    });
  }
  return deepest;
}

/** Attempts at a parse that ran out of stack: a parser the JIT has optimized since uses less stack per level. */
const PARSE_ATTEMPTS = 3;

/**
 * `parse(text)`, tried again when it runs out of stack (how deep a parser gets depends on how warm the JIT is);
 * when it keeps running out, the line at which it does: the first line whose prefix of the text overflows too (a
 * binary search over line ends).
 */
export function parseOrOverflowingLine<T>(text: string, parse: (text: string) => T): { parsed: T } | { line: number } {
  const attempt = (end: number): { parsed: T } | undefined => {
    try {
      return { parsed: parse(end === text.length ? text : text.slice(0, end)) };
    } catch (error) {
      if (isStackOverflow(error)) return undefined;
      throw error;
    }
  };
  for (let tries = 0; tries < PARSE_ATTEMPTS; tries++) {
    const whole = attempt(text.length);
    if (whole) return whole;
  }
  const lineEnds: number[] = [];
  for (let index = text.indexOf('\n'); index !== -1 && index + 1 < text.length; index = text.indexOf('\n', index + 1)) lineEnds.push(index + 1);
  lineEnds.push(text.length);
  // The smallest line whose prefix overflows; the whole text (the last line's end) does.
  let low = 0;
  let high = lineEnds.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (attempt(lineEnds[middle]!)) low = middle + 1;
    else high = middle;
  }
  return { line: low + 1 };
}

/** The diagnostic of a file too deep to audit; `depth` when it is known. */
export function tooDeepDiagnostic(relative: string, line: number | undefined, depth?: number): Diagnostic {
  const where = line === undefined ? relative : `${relative}:${line}`;
  const levels = depth === undefined ? '' : `${depth.toLocaleString('en-US')} levels, over the limit of ${MAX_NESTING}; `;
  return { severity: 'warning', code: 'too-deep', file: relative, ...(line === undefined ? {} : { line }), message: `${where}: nested too deeply to analyze (${levels}generated or minified code?); the file is not audited` };
}
