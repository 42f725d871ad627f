/**
 * What the stateless rules cost on top of ESLint's own work. Lints a generated ~2,000-file TypeScript server project
 * with @typescript-eslint/parser (no type information) in one process with two configs: (a) parse only, no rules,
 * (b) the same plus `configs.recommended`. After a warm-up, each round lints every file with (a) and (b) back to
 * back, the order alternating per file and per round, so background load hits both alike; the medians over rounds
 * give the overhead. Prints findings per rule and where the rules' time goes. A benchmark, not a test: exits 0.
 *
 * Environment: BENCH_FILES (2000), BENCH_ROUNDS (5, at most), BENCH_SEED (1), BENCH_BUDGET_S (110: the whole run's
 * time; after round 1 the rounds that fit are run, at least 2), BENCH_KEEP=1 keeps the generated project,
 * BENCH_PLUGIN=<path of a built src/index.js> benchmarks a build instead of the sources (tsx); with a tsc build a
 * `--cpu-prof` profile keeps real line numbers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import type sourcePlugin from '../src/index.js';
import { generateProject, type GeneratedFile } from './generate-project.js';
import { countBy, median, prepareConfig, ruleTimes, timedVerify, type Crash, type SourceFile } from './lint-runner.js';

const GOAL_PERCENT = 10;
const fileCount = Number(process.env['BENCH_FILES'] ?? 2000);
const wantedRounds = Math.max(1, Number(process.env['BENCH_ROUNDS'] ?? 5));
const seed = Number(process.env['BENCH_SEED'] ?? 1);
const budgetMs = Number(process.env['BENCH_BUDGET_S'] ?? 110) * 1000;
const startedAt = performance.now();
const keep = process.env['BENCH_KEEP'] === '1';

const pluginPath = process.env['BENCH_PLUGIN'] ? pathToFileURL(path.resolve(process.env['BENCH_PLUGIN'])).href : '../src/index.js';
const plugin = ((await import(pluginPath)) as { default: typeof sourcePlugin }).default;

const gc = (globalThis as { gc?: () => void }).gc;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const percent = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`;
const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);

/** Every `step`-th item, so a sample covers all kinds of files. */
const spread = <T>(items: readonly T[], count: number) => items.filter((_, index) => index % Math.max(1, Math.floor(items.length / count)) === 0);

interface Timing {
  file: SourceFile;
  info: GeneratedFile;
  parse: number[];
  rules: number[];
}

async function run(dir: string): Promise<void> {
  const generatedAt = performance.now();
  const project = await generateProject(dir, fileCount, seed);
  const generationMs = performance.now() - generatedAt;
  // Read once up front: the timed loops lint in-memory text.
  const timings: Timing[] = project.files.map((info) => {
    const absolute = path.join(dir, info.path);
    return { info, file: { path: absolute, text: fs.readFileSync(absolute, 'utf8') }, parse: [], rules: [] };
  });

  const base: Linter.Config = { files: ['**/*.ts'], languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' } };
  const parseOnly = prepareConfig([base], dir);
  const withRules = prepareConfig([base, { ...plugin.configs.recommended, files: ['**/*.ts'] }], dir);
  const linter = new Linter({ configType: 'flat', cwd: dir });
  const ruleIds = Object.keys(plugin.configs.recommended.rules ?? {});

  console.log('eslint-plugin-stateless: cost of the rules over parse-only ESLint (@typescript-eslint/parser, no type information)');
  console.log(`node ${process.version}, ${os.cpus().length} CPU(s), load average ${os.loadavg()[0]!.toFixed(1)}, gc between rounds: ${gc ? 'yes' : 'no'}`);
  if (process.env['BENCH_PLUGIN']) console.log(`plugin: ${pluginPath}`);
  console.log(`project: ${timings.length} files, ${project.totalLines.toLocaleString('en-US')} lines (seed ${seed}, generated in ${seconds(generationMs)})`);
  if (!parseOnly.normalizedOnce) console.log('note: FlatConfigArray not found, configs are normalized on every verify() call');

  const warmUp = spread(timings, 150);
  const warmedAt = performance.now();
  for (const { file } of warmUp) {
    timedVerify(linter, parseOnly.config, file);
    timedVerify(linter, withRules.config, file);
  }
  console.log(`warm-up: ${warmUp.length} files with both configs in ${seconds(performance.now() - warmedAt)}`);

  const crashes: Crash[] = [];
  const findings: Linter.LintMessage[] = [];
  let fatal = 0;
  let rounds = wantedRounds;
  for (let round = 1; round <= rounds; round++) {
    gc?.();
    const roundStarted = performance.now();
    timings.forEach((timing, index) => {
      if (round > 1 && timing.rules.length === 0) return; // a rule crashed on it in round 1
      const parseFirst = (index + round) % 2 === 0;
      const a = parseFirst ? timedVerify(linter, parseOnly.config, timing.file) : undefined;
      const b = timedVerify(linter, withRules.config, timing.file);
      const a2 = a ?? timedVerify(linter, parseOnly.config, timing.file);
      if (round === 1) {
        fatal += [...a2.messages, ...b.messages].filter((message) => message.fatal).length;
        findings.push(...b.messages.filter((message) => message.ruleId));
        if (b.crash) crashes.push(b.crash);
      }
      if (b.crash) return;
      timing.parse.push(a2.ms);
      timing.rules.push(b.ms);
    });
    const roundMs = performance.now() - roundStarted;
    const measured = timings.filter((timing) => timing.rules.length === round);
    const parseMs = sum(measured.map((timing) => timing.parse[round - 1]!));
    const rulesMs = sum(measured.map((timing) => timing.rules[round - 1]!));
    console.log(`  round ${round}: parse-only ${seconds(parseMs)}, with rules ${seconds(rulesMs)}, ${percent(((rulesMs - parseMs) / parseMs) * 100)}`);
    // Leave ~10 % of a round for the per-rule stats sample at the end.
    const left = budgetMs - (performance.now() - startedAt) - roundMs / 10;
    if (round === 1) rounds = Math.min(wantedRounds, Math.max(2, 1 + Math.floor(left / roundMs)));
  }

  const measured = timings.filter((timing) => timing.rules.length > 0);
  const totals = (pick: (timing: Timing) => number[]) => Array.from({ length: rounds }, (_, round) => sum(measured.map((timing) => pick(timing)[round]!)));
  const parseMedian = median(totals((timing) => timing.parse));
  const rulesMedian = median(totals((timing) => timing.rules));
  const overhead = ((rulesMedian - parseMedian) / parseMedian) * 100;
  const perFile = (ms: number) => `${(ms / measured.length).toFixed(2)} ms/file`;
  console.log(`rounds: ${rounds} (each lints every file with both configs, order alternating per file and round)${rounds < wantedRounds ? `; ${wantedRounds} wanted, limited by BENCH_BUDGET_S=${budgetMs / 1000} (whole run)` : ''}`);
  if (crashes.length > 0) {
    console.log(`RULE CRASHES (a bug): a rule threw on ${crashes.length} of ${timings.length} files; they are left out of the times:`);
    for (const [error, count] of countBy(crashes, (crash) => `${crash.ruleId}: ${crash.message}`)) {
      const example = crashes.find((crash) => `${crash.ruleId}: ${crash.message}` === error)!;
      console.log(`  ${count} × ${error}  (e.g. ${path.relative(dir, example.file)})`);
    }
  }
  console.log('');
  console.log(`median parse-only (a):  ${seconds(parseMedian)}  (${perFile(parseMedian)}, ${measured.length} files)`);
  console.log(`median with rules (b):  ${seconds(rulesMedian)}  (${perFile(rulesMedian)})`);
  console.log(`overhead of the rules:  ${seconds(rulesMedian - parseMedian)} = ${percent(overhead)} over parse-only`);
  console.log(`goal ≤ ${GOAL_PERCENT} % over parse-only: ${overhead <= GOAL_PERCENT ? 'MET' : 'NOT MET'}`);
  // Less sensitive to GC pauses and load spikes: each file's fastest time over the rounds.
  const parseMin = sum(measured.map((timing) => Math.min(...timing.parse)));
  const rulesMin = sum(measured.map((timing) => Math.min(...timing.rules)));
  console.log(`cross-check, sum of per-file minimums over rounds: a ${seconds(parseMin)}, b ${seconds(rulesMin)}, ${percent(((rulesMin - parseMin) / parseMin) * 100)}`);

  const sample = spread(measured, 150).map((timing) => timing.file);
  const times = ruleTimes(linter, withRules.config, sample);
  const timesTotal = sum(times.values());
  const byRule = countBy(findings, (message) => message.ruleId!);
  console.log('');
  console.log(`findings per rule (all files), and ESLint's per-rule time on a sample of ${sample.length} files (total ${seconds(timesTotal)};`);
  console.log('work the rules share per file is billed to the first rule that asks for it):');
  const width = Math.max(...ruleIds.map((id) => id.length));
  for (const id of ruleIds) {
    const ms = times.get(id) ?? 0;
    console.log(`  ${id.padEnd(width)}  ${String(byRule.get(id) ?? 0).padStart(5)} findings  ${ms.toFixed(0).padStart(6)} ms  ${((ms / (timesTotal || 1)) * 100).toFixed(0).padStart(3)} %`);
  }
  const silent = ruleIds.filter((id) => !byRule.get(id));
  console.log(`sanity: every rule finds something: ${silent.length === 0 ? 'yes' : `NO (${silent.join(', ')})`}`);
  console.log(`sanity: fatal parse errors: ${fatal}`);

  const costliest = measured
    .map((timing) => ({ timing, extra: Math.min(...timing.rules) - Math.min(...timing.parse) }))
    .sort((x, y) => y.extra - x.extra)
    .slice(0, 5);
  console.log('files where the rules cost most (per-file minimum of b − minimum of a):');
  for (const { timing, extra } of costliest) {
    console.log(`  ${extra.toFixed(1).padStart(6)} ms over ${Math.min(...timing.parse).toFixed(1)} ms  ${timing.info.path} (${timing.info.kind}, ${timing.info.lines} lines)`);
  }
  console.log(`total time: ${seconds(performance.now() - startedAt)}`);
  const planted = Object.entries(project.patternCounts).sort(([x], [y]) => x.localeCompare(y));
  console.log(`planted patterns (files): ${planted.map(([name, count]) => `${name} ${count}`).join(', ')}`);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateless-bench-'));
try {
  await run(dir);
} catch (error) {
  console.error('benchmark failed:', error);
} finally {
  if (keep) console.log(`project kept in ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  process.exitCode = 0;
}
