/** More ordinary helper code: async utilities, small classes, crypto, text. */
import type { UnitFn } from './template.js';

const withTimeout: UnitFn = (c) => {
  const name = c.unique('withTimeout');
  const error = c.unique('TimeoutError');
  return {
    body: [
      `export class ${error} extends Error {`,
      '  constructor(readonly ms: number) {',
      '    super(`operation timed out after ${ms} ms`);',
      `    this.name = '${error}';`,
      '  }',
      '}',
      '',
      `export async function ${name}<T>(promise: Promise<T>, ms: number): Promise<T> {`,
      '  let timer: ReturnType<typeof setTimeout> | undefined;',
      '  const timeout = new Promise<never>((_, reject) => {',
      `    timer = setTimeout(() => reject(new ${error}(ms)), ms);`,
      '  });',
      '  try {',
      '    return await Promise.race([promise, timeout]);',
      '  } finally {',
      '    clearTimeout(timer);',
      '  }',
      '}',
    ],
  };
};

const duration: UnitFn = (c) => {
  const format = c.unique('formatDuration');
  const parse = c.unique('parseDuration');
  const units = c.unique('DURATION_UNITS');
  return {
    top: [`const ${units}: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };`],
    body: [
      `export function ${format}(ms: number): string {`,
      "  if (ms < 1000) return `${ms} ms`;",
      '  const seconds = Math.floor(ms / 1000);',
      "  if (seconds < 60) return `${seconds} s`;",
      '  const minutes = Math.floor(seconds / 60);',
      "  return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;",
      '}',
      '',
      `export function ${parse}(text: string): number {`,
      '  const match = /^(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)$/.exec(text.trim());',
      '  if (!match) throw new Error(`invalid duration: ${text}`);',
      `  return Number(match[1]) * (${units}[match[2]!] ?? 1);`,
      '}',
    ],
  };
};

const queryString: UnitFn = (c) => {
  const name = c.unique('toQueryString');
  return {
    body: [
      `export function ${name}(params: Record<string, string | number | boolean | readonly string[] | undefined>): string {`,
      '  const search = new URLSearchParams();',
      '  for (const [key, value] of Object.entries(params)) {',
      '    if (value === undefined) continue;',
      '    if (Array.isArray(value)) value.forEach((entry) => search.append(key, entry));',
      '    else search.set(key, String(value));',
      '  }',
      '  const text = search.toString();',
      "  return text ? `?${text}` : '';",
      '}',
    ],
  };
};

const hashing: UnitFn = (c) => {
  const hash = c.unique('hashSecret');
  const verify = c.unique('verifySecret');
  const scrypt = c.unique('scryptAsync');
  return {
    imports: [{ from: 'node:crypto', name: 'randomBytes' }, { from: 'node:crypto', name: 'scrypt' }, { from: 'node:crypto', name: 'timingSafeEqual' }, { from: 'node:util', name: 'promisify' }],
    top: [`const ${scrypt} = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;`],
    body: [
      `export async function ${hash}(secret: string): Promise<string> {`,
      '  const salt = randomBytes(16);',
      `  const derived = await ${scrypt}(secret, salt, 64);`,
      "  return `${salt.toString('hex')}:${derived.toString('hex')}`;",
      '}',
      '',
      `export async function ${verify}(secret: string, stored: string): Promise<boolean> {`,
      "  const [saltHex, hashHex] = stored.split(':');",
      '  if (!saltHex || !hashHex) return false;',
      `  const derived = await ${scrypt}(secret, Buffer.from(saltHex, 'hex'), 64);`,
      "  return timingSafeEqual(derived, Buffer.from(hashHex, 'hex'));",
      '}',
    ],
  };
};

const paginate: UnitFn = (c) => {
  const name = c.unique('paginateAll');
  return {
    body: [
      `/** Yields every item of a paged source, one page at a time. */`,
      `export async function* ${name}<T>(fetchPage: (page: number) => Promise<{ items: T[]; hasMore: boolean }>, maxPages = 100): AsyncGenerator<T> {`,
      '  for (let page = 1; page <= maxPages; page++) {',
      '    const { items, hasMore } = await fetchPage(page);',
      '    yield* items;',
      '    if (!hasMore) return;',
      '  }',
      '}',
    ],
  };
};

const typedEmitter: UnitFn = (c) => {
  const name = c.unique('TypedEmitter');
  return {
    body: [
      `export class ${name}<Events extends Record<string, unknown[]>> {`,
      '  private readonly listeners: { [K in keyof Events]?: Set<(...args: Events[K]) => void> } = {};',
      '',
      '  on<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void {',
      '    const set = this.listeners[event] ?? new Set<(...args: Events[K]) => void>();',
      '    set.add(listener);',
      '    this.listeners[event] = set;',
      '    return () => set.delete(listener);',
      '  }',
      '',
      '  emit<K extends keyof Events>(event: K, ...args: Events[K]): void {',
      '    for (const listener of this.listeners[event] ?? []) listener(...args);',
      '  }',
      '}',
    ],
  };
};

const semaphore: UnitFn = (c) => {
  const name = c.unique('Semaphore');
  return {
    body: [
      `export class ${name} {`,
      '  private waiting: (() => void)[] = [];',
      '  private available: number;',
      '',
      '  constructor(private readonly capacity: number) {',
      '    this.available = capacity;',
      '  }',
      '',
      '  async use<T>(task: () => Promise<T>): Promise<T> {',
      '    if (this.available > 0) this.available--;',
      '    else await new Promise<void>((resolve) => this.waiting.push(resolve));',
      '    try {',
      '      return await task();',
      '    } finally {',
      '      const next = this.waiting.shift();',
      '      if (next) next();',
      '      else this.available = Math.min(this.capacity, this.available + 1);',
      '    }',
      '  }',
      '}',
    ],
  };
};

const maskEmail: UnitFn = (c) => {
  const name = c.unique('maskEmail');
  const initials = c.unique('initials');
  return {
    body: [
      `export function ${name}(email: string): string {`,
      "  const [local = '', domain = ''] = email.split('@');",
      "  if (!domain) return '***';",
      "  return `${local.slice(0, 2)}${'*'.repeat(Math.max(1, local.length - 2))}@${domain}`;",
      '}',
      '',
      `export function ${initials}(fullName: string): string {`,
      '  return fullName',
      '    .split(/\\s+/)',
      '    .filter(Boolean)',
      '    .map((part) => part[0]!.toUpperCase())',
      '    .slice(0, 3)',
      "    .join('');",
      '}',
    ],
  };
};

export const moreGenericUnits: readonly UnitFn[] = [withTimeout, duration, queryString, hashing, paginate, typedEmitter, semaphore, maskEmail];
