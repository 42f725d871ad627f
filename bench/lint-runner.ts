/** Timing helpers around ESLint's `Linter` for the benchmarks: prepared configs, one timed verify, per-rule stats. */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Linter } from 'eslint';

export type ConfigArray = Linter.Config[];

export interface SourceFile {
  /** Absolute path (inside the linter's cwd). */
  path: string;
  text: string;
}

/** A rule that threw on a file: ESLint aborts that file. */
export interface Crash {
  file: string;
  ruleId: string;
  message: string;
}

/** `verifyAndFix` options with `stats`, which ESLint's types do not list. */
type StatsOptions = Linter.FixOptions & { filename: string; stats: true };

interface TimePass {
  rules?: Record<string, { total: number }>;
}

/**
 * The config as ESLint's CLI uses it: normalized once. `Linter#verify` given a plain array normalizes it (and
 * validates rule options) on every call, which would bill config handling to the rules. `FlatConfigArray` is not
 * exported, so it is loaded from its file; the plain array is the fallback (`normalizedOnce: false`).
 */
export function prepareConfig(config: ConfigArray, cwd: string): { config: ConfigArray; normalizedOnce: boolean } {
  try {
    const require = createRequire(import.meta.url);
    const eslintRoot = path.dirname(require.resolve('eslint/package.json'));
    // An internal, untyped module of ESLint: this constructor and `normalizeSync` are all we rely on.
    const { FlatConfigArray } = require(path.join(eslintRoot, 'lib/config/flat-config-array.js')) as {
      FlatConfigArray: new (configs: ConfigArray, options: { basePath: string }) => ConfigArray & { normalizeSync(): void };
    };
    const array = new FlatConfigArray(config, { basePath: cwd });
    array.normalizeSync();
    return { config: array, normalizedOnce: true };
  } catch {
    return { config, normalizedOnce: false };
  }
}

/** Lints one in-memory file; a rule crash is returned, not thrown. */
export function timedVerify(linter: Linter, config: ConfigArray, file: SourceFile): { ms: number; messages: Linter.LintMessage[]; crash?: Crash } {
  const started = performance.now();
  try {
    const messages = linter.verify(file.text, config, file.path);
    return { ms: performance.now() - started, messages };
  } catch (error) {
    const { ruleId = '?', message = String(error) } = error as { ruleId?: string; message?: string };
    return { ms: performance.now() - started, messages: [], crash: { file: file.path, ruleId, message: message.split('\n')[0]! } };
  }
}

/**
 * ESLint's own per-rule times (rule creation plus listeners) summed over `files`. Needs `verifyAndFix` (with
 * `fix: false`: one pass, nothing changed). Files a rule crashes on are skipped.
 */
export function ruleTimes(linter: Linter, config: ConfigArray, files: readonly SourceFile[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const file of files) {
    const options: StatsOptions = { filename: file.path, fix: false, stats: true };
    try {
      linter.verifyAndFix(file.text, config, options);
    } catch {
      continue;
    }
    // `getTimes` is public since ESLint 9 but missing from the `Linter` type.
    for (const pass of (linter as unknown as { getTimes(): { passes: TimePass[] } }).getTimes().passes) {
      for (const [rule, time] of Object.entries(pass.rules ?? {})) times.set(rule, (times.get(rule) ?? 0) + time.total);
    }
  }
  return times;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function countBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
