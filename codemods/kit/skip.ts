/**
 * A skip as data: which codemod left what (a reason id of `skip-reasons.ts`), where, and the details its message
 * is made of. Lines are numbers, in the record and inside its details, so that `migrate` can map them to the
 * file on disk; the summary, the JSON output and the `// TODO(stateless)` comment are all rendered from it.
 */
import type { CodemodId } from '../../src/catalog.js';
import { skipReasons, type SkipReasonId } from './skip-reasons.js';

/** A line of the file, inside a detail. */
export interface LineRef {
  readonly line: number;
}

/** Text that names lines of the file: strings and line references, in order. */
export type Prose = readonly (string | LineRef)[];

export type DetailValue = string | number | LineRef | Prose;
export type SkipDetail = Readonly<Record<string, DetailValue>>;

/** Why a codemod does not rewrite something: a plain sentence, or one naming lines (`prose`). */
export type Problem = string | Prose;

/** What a codemod reports for one file: the file is the outcome's. */
export interface CodemodSkip {
  codemod: CodemodId;
  reason: SkipReasonId;
  /** The line of what was left (1-based). */
  line: number;
  detail: SkipDetail;
}

/** A skip with its file, as the migration summary lists it. */
export interface SkipRecord extends CodemodSkip {
  /** The file, relative to the project root, `/`-separated. */
  file: string;
}

/** Whether a value is a problem (a sentence), not the plan it would otherwise be. */
export function isProblem(value: unknown): value is Problem {
  return typeof value === 'string' || Array.isArray(value);
}

/** A line reference for a detail or `prose`. */
export function at(line: number): LineRef {
  return { line };
}

function isLineRef(value: unknown): value is LineRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as LineRef).line === 'number';
}

/** `prose\`used at line ${at(12)}\``: a sentence whose line references stay numbers. */
export function prose(strings: TemplateStringsArray, ...values: readonly (string | number | LineRef | Prose)[]): Prose {
  const parts: (string | LineRef)[] = [];
  const push = (part: string | LineRef) => {
    const last = parts[parts.length - 1];
    if (typeof part === 'string' && typeof last === 'string') parts[parts.length - 1] = last + part;
    else if (part !== '') parts.push(part);
  };
  strings.forEach((text, index) => {
    push(text);
    if (index >= values.length) return;
    const value = values[index]!;
    if (Array.isArray(value)) (value as Prose).forEach(push);
    else push(isLineRef(value) ? value : String(value));
  });
  return parts;
}

/** A detail value as text. */
export function text(value: DetailValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isLineRef(value)) return String(value.line);
  return (value as Prose).map((part) => (typeof part === 'string' ? part : String(part.line))).join('');
}

/** Fills `{name}` (a word, no spaces: `{ every }` stays as written) from `values`. */
function fill(template: string, values: Readonly<Record<string, DetailValue>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? text(values[name]!) : whole));
}

/** The sentence the summary shows for a skip. */
export function skipMessage(skip: { reason: SkipReasonId; line: number; detail: SkipDetail }): string {
  return fill(skipReasons[skip.reason].message, { line: skip.line, ...skip.detail });
}

/** The text of its `// TODO(stateless)` comment, when the reason asks for one. */
export function skipTodo(skip: { reason: SkipReasonId; line: number; detail: SkipDetail }): string | undefined {
  const todo = (skipReasons[skip.reason] as { todo?: string }).todo;
  return todo === undefined ? undefined : fill(todo, { line: skip.line, ...skip.detail });
}

function mapValue(value: DetailValue, map: (line: number) => number): DetailValue {
  if (isLineRef(value)) return at(map(value.line));
  if (Array.isArray(value)) return (value as Prose).map((part) => (typeof part === 'string' ? part : at(map(part.line))));
  return value;
}

/** The skip with its line and every line in its details passed through `map` (lines of an edited file → lines on disk). */
export function mapSkipLines<T extends { line: number; detail: SkipDetail }>(skip: T, map: (line: number) => number): T {
  const detail = Object.fromEntries(Object.entries(skip.detail).map(([key, value]) => [key, mapValue(value, map)]));
  return { ...skip, line: map(skip.line), detail };
}
