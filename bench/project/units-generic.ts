/** Ordinary helper code any file can contain: generics, collections, formatting, parsing. */
import type { UnitFn } from './template.js';
import { moreGenericUnits } from './units-generic-more.js';

const groupBy: UnitFn = (c) => {
  const name = c.unique('groupBy');
  return {
    body: [
      `export function ${name}<T, K extends PropertyKey>(items: readonly T[], keyOf: (item: T) => K): Record<K, T[]> {`,
      '  const groups = {} as Record<K, T[]>;',
      '  for (const item of items) {',
      '    const key = keyOf(item);',
      '    (groups[key] ??= []).push(item);',
      '  }',
      '  return groups;',
      '}',
    ],
  };
};

const chunk: UnitFn = (c) => {
  const name = c.unique('chunk');
  return {
    body: [
      `/** Splits \`items\` into arrays of at most \`size\` elements. */`,
      `export function ${name}<T>(items: readonly T[], size: number): T[][] {`,
      "  if (size <= 0) throw new RangeError('size must be positive');",
      '  const chunks: T[][] = [];',
      '  for (let index = 0; index < items.length; index += size) {',
      '    chunks.push(items.slice(index, index + size));',
      '  }',
      '  return chunks;',
      '}',
    ],
  };
};

const slugify: UnitFn = (c) => {
  const name = c.unique('slugify');
  return {
    body: [
      `export function ${name}(text: string, maxLength = 64): string {`,
      '  return text',
      "    .normalize('NFKD')",
      "    .replace(/[\\u0300-\\u036f]/g, '')",
      '    .toLowerCase()',
      "    .replace(/[^a-z0-9]+/g, '-')",
      "    .replace(/^-+|-+$/g, '')",
      '    .slice(0, maxLength);',
      '}',
    ],
  };
};

const money: UnitFn = (c) => {
  const name = c.unique('formatMoney');
  return {
    body: [
      `export function ${name}(amount: number, currency = 'EUR', locale = 'de-DE'): string {`,
      '  if (!Number.isFinite(amount)) return \'–\';',
      '  return new Intl.NumberFormat(locale, {',
      "    style: 'currency',",
      '    currency,',
      '    minimumFractionDigits: 2,',
      '  }).format(amount / 100);',
      '}',
    ],
  };
};

const retry: UnitFn = (c) => {
  const name = c.unique('withRetry');
  return {
    body: [
      `export interface ${name[0]!.toUpperCase()}${name.slice(1)}Options {`,
      '  attempts?: number;',
      '  baseDelayMs?: number;',
      '  shouldRetry?: (error: unknown) => boolean;',
      '}',
      '',
      `export async function ${name}<T>(operation: () => Promise<T>, options: ${name[0]!.toUpperCase()}${name.slice(1)}Options = {}): Promise<T> {`,
      '  const { attempts = 3, baseDelayMs = 100, shouldRetry = () => true } = options;',
      '  let lastError: unknown;',
      '  for (let attempt = 1; attempt <= attempts; attempt++) {',
      '    try {',
      '      return await operation();',
      '    } catch (error) {',
      '      lastError = error;',
      '      if (attempt === attempts || !shouldRetry(error)) break;',
      '      const delay = baseDelayMs * 2 ** (attempt - 1) + Math.floor(Math.random() * baseDelayMs);',
      '      await new Promise<void>((resolve) => setTimeout(resolve, delay));',
      '    }',
      '  }',
      '  throw lastError;',
      '}',
    ],
  };
};

const pickOmit: UnitFn = (c) => {
  const pick = c.unique('pick');
  const omit = c.unique('omit');
  return {
    body: [
      `export function ${pick}<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {`,
      '  const result = {} as Pick<T, K>;',
      '  for (const key of keys) result[key] = source[key];',
      '  return result;',
      '}',
      '',
      `export function ${omit}<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Omit<T, K> {`,
      '  const result = { ...source };',
      '  for (const key of keys) delete (result as Partial<T>)[key];',
      '  return result;',
      '}',
    ],
  };
};

const parseSort: UnitFn = (c) => {
  const name = c.unique('parseSort');
  const type = c.unique('SortSpec');
  return {
    body: [
      `export interface ${type}<K extends string = string> {`,
      '  key: K;',
      "  direction: 'asc' | 'desc';",
      '}',
      '',
      `export function ${name}<K extends string>(raw: unknown, allowed: readonly K[], fallback: K): ${type}<K> {`,
      "  if (typeof raw !== 'string' || raw.length === 0) return { key: fallback, direction: 'desc' };",
      "  const direction = raw.startsWith('-') ? 'desc' : 'asc';",
      "  const key = raw.replace(/^[-+]/, '') as K;",
      '  return allowed.includes(key) ? { key, direction } : { key: fallback, direction };',
      '}',
    ],
  };
};

const mapLimit: UnitFn = (c) => {
  const name = c.unique('mapWithConcurrency');
  return {
    body: [
      `/** Maps \`items\` with at most \`limit\` operations in flight, keeping the input order. */`,
      `export async function ${name}<T, R>(items: readonly T[], limit: number, mapper: (item: T, index: number) => Promise<R>): Promise<R[]> {`,
      '  const results = new Array<R>(items.length);',
      '  let next = 0;',
      '  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {',
      '    while (next < items.length) {',
      '      const index = next++;',
      '      results[index] = await mapper(items[index]!, index);',
      '    }',
      '  });',
      '  await Promise.all(workers);',
      '  return results;',
      '}',
    ],
  };
};

const sumBy: UnitFn = (c) => {
  const sum = c.unique('sumBy');
  const avg = c.unique('averageBy');
  return {
    body: [
      `export function ${sum}<T>(items: readonly T[], valueOf: (item: T) => number): number {`,
      '  return items.reduce((total, item) => total + valueOf(item), 0);',
      '}',
      '',
      `export function ${avg}<T>(items: readonly T[], valueOf: (item: T) => number): number | undefined {`,
      '  return items.length === 0 ? undefined : ' + sum + '(items, valueOf) / items.length;',
      '}',
    ],
  };
};

const csv: UnitFn = (c) => {
  const escape = c.unique('escapeCsvCell');
  const row = c.unique('toCsvRow');
  return {
    body: [
      `function ${escape}(value: unknown): string {`,
      "  if (value === null || value === undefined) return '';",
      '  const text = value instanceof Date ? value.toISOString() : String(value);',
      '  return /[",\\n]/.test(text) ? `"${text.replace(/"/g, \'""\')}"` : text;',
      '}',
      '',
      `export function ${row}(values: readonly unknown[]): string {`,
      `  return values.map(${escape}).join(',');`,
      '}',
    ],
  };
};

const dates: UnitFn = (c) => {
  const days = c.unique('daysBetween');
  const start = c.unique('startOfDay');
  const perDay = c.unique('MS_PER_DAY');
  return {
    top: [`const ${perDay} = 24 * 60 * 60 * 1000;`],
    body: [
      `export function ${days}(from: Date, to: Date): number {`,
      `  return Math.round((${start}(to).getTime() - ${start}(from).getTime()) / ${perDay});`,
      '}',
      '',
      `export function ${start}(date: Date): Date {`,
      '  const copy = new Date(date);',
      '  copy.setUTCHours(0, 0, 0, 0);',
      '  return copy;',
      '}',
    ],
  };
};

const parseBoolean: UnitFn = (c) => {
  const name = c.unique('parseBoolean');
  return {
    body: [
      `export function ${name}(value: unknown, fallback = false): boolean {`,
      "  if (typeof value === 'boolean') return value;",
      "  if (typeof value !== 'string') return fallback;",
      '  switch (value.trim().toLowerCase()) {',
      "    case '1':",
      "    case 'true':",
      "    case 'yes':",
      "    case 'on':",
      '      return true;',
      "    case '0':",
      "    case 'false':",
      "    case 'no':",
      "    case 'off':",
      '      return false;',
      '    default:',
      '      return fallback;',
      '  }',
      '}',
    ],
  };
};

const assertNever: UnitFn = (c) => {
  const name = c.unique('assertNever');
  const clamp = c.unique('clamp');
  return {
    body: [
      `export function ${name}(value: never, message = 'unexpected value'): never {`,
      '  throw new Error(`${message}: ${JSON.stringify(value)}`);',
      '}',
      '',
      `export function ${clamp}(value: number, min: number, max: number): number {`,
      '  return Math.min(max, Math.max(min, value));',
      '}',
    ],
  };
};

const debounce: UnitFn = (c) => {
  const name = c.unique('debounce');
  return {
    body: [
      `export function ${name}<A extends unknown[]>(fn: (...args: A) => void, waitMs: number): (...args: A) => void {`,
      '  let timer: ReturnType<typeof setTimeout> | undefined;',
      '  return (...args: A) => {',
      '    if (timer) clearTimeout(timer);',
      '    timer = setTimeout(() => {',
      '      timer = undefined;',
      '      fn(...args);',
      '    }, waitMs);',
      '  };',
      '}',
    ],
  };
};

const uniqueBy: UnitFn = (c) => {
  const name = c.unique('uniqueBy');
  return {
    body: [
      `export function ${name}<T, K>(items: Iterable<T>, keyOf: (item: T) => K): T[] {`,
      '  const seen = new Set<K>();',
      '  const result: T[] = [];',
      '  for (const item of items) {',
      '    const key = keyOf(item);',
      '    if (seen.has(key)) continue;',
      '    seen.add(key);',
      '    result.push(item);',
      '  }',
      '  return result;',
      '}',
    ],
  };
};

const deepEqual: UnitFn = (c) => {
  const name = c.unique('isDeepEqual');
  return {
    body: [
      `export function ${name}(left: unknown, right: unknown): boolean {`,
      '  if (Object.is(left, right)) return true;',
      "  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;",
      `  if (Array.isArray(left) !== Array.isArray(right)) return false;`,
      '  const leftKeys = Object.keys(left);',
      '  const rightKeys = Object.keys(right);',
      '  if (leftKeys.length !== rightKeys.length) return false;',
      '  return leftKeys.every((key) =>',
      `    ${name}((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]),`,
      '  );',
      '}',
    ],
  };
};


/** Every generic unit; files are filled with these after their own kind's units. */
export const genericUnits: readonly UnitFn[] = [
  groupBy, chunk, slugify, money, retry, pickOmit, parseSort, mapLimit, sumBy, csv, dates, parseBoolean, assertNever, debounce, uniqueBy, deepEqual,
  ...moreGenericUnits,
];
