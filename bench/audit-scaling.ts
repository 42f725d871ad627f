/**
 * What `stateless audit` costs next to `tsc --noEmit` on the same project, and how it grows: generated projects of
 * 1,000, 3,000 and 10,000 files, each measured in its own child process (wall time and peak memory), in one run.
 * Goals: audit ≤ 0.5× tsc's time and ≤ 1× its memory; growth from 1k to 10k files ≤ 11× (linear).
 * The projects are generated inside the repository (.bench/) so that both resolve the real type packages.
 *
 * A machine's speed can drift by a third within minutes (shared virtual CPUs), so each size is measured as pairs
 * of runs, tsc and audit back to back in alternating order; the time ratio printed is the median of the pairs'.
 *
 * Environment: BENCH_AUDIT_SIZES (1000,3000,10000), BENCH_SEED (1), BENCH_KEEP=1 keeps the projects,
 * BENCH_PAIRS (pairs per size: 5 up to 1,000 files, 3 up to 3,000, 1 above).
 * Needs `npm run build` first (the audit runs from dist/, as users run it).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject } from './generate-project.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sizes = (process.env['BENCH_AUDIT_SIZES'] ?? '1000,3000,10000').split(',').map(Number);
const seed = Number(process.env['BENCH_SEED'] ?? 1);
const keep = process.env['BENCH_KEEP'] === '1';
const measureScript = path.join(repoRoot, 'bench/measure-child.mjs');
const cli = path.join(repoRoot, 'dist/src/cli.js');
const tsc = path.join(repoRoot, 'node_modules/typescript/lib/tsc.js');

interface Measurement {
  ms: number;
  maxRssMb: number;
  exitCode: number;
}

/** Runs `script args…` in a child that reports its own wall time and peak RSS when it exits. */
function measure(script: string, args: string[], cwd: string): Measurement {
  const result = spawnSync(process.execPath, ['--max-old-space-size=8192', measureScript, script, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const line = result.stderr.split('\n').reverse().find((text) => text.startsWith('MEASURE '));
  if (!line) throw new Error(`no measurement from ${path.basename(script)}: ${result.stderr.slice(-2000)}`);
  const { ms, maxRssKb } = JSON.parse(line.slice('MEASURE '.length)) as { ms: number; maxRssKb: number };
  return { ms, maxRssMb: maxRssKb / 1024, exitCode: result.status ?? -1 };
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
// The smallest size has the least time to even out a drift, and its pairs are the cheapest: it gets the most.
const pairsFor = (files: number) => Number(process.env['BENCH_PAIRS'] ?? (files <= 1000 ? 5 : files <= 3000 ? 3 : 1));

if (!fs.existsSync(cli)) {
  console.error('bench/audit-scaling: dist/ is missing; run `npm run build` first');
  process.exit(0);
}

console.log('stateless audit vs. tsc --noEmit on generated projects (each in its own process)');
/** One size's pairs: the median audit time and time ratio, the peak memories. */
interface Row {
  files: number;
  lines: number;
  auditMs: number;
  timeRatio: number;
  auditRssMb: number;
  tscRssMb: number;
}
const rows: Row[] = [];
for (const files of sizes) {
  const dir = path.join(repoRoot, '.bench', `audit-${files}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const project = await generateProject(dir, files, seed);
  const runTsc = () => measure(tsc, ['--noEmit', '-p', 'tsconfig.json'], dir);
  const runAudit = () => measure(cli, ['audit', '.', '--format', 'json', '--output', path.join(dir, 'audit.json')], dir);
  const pairs: { tsc: Measurement; audit: Measurement }[] = [];
  for (let pair = 0; pair < pairsFor(files); pair++) {
    // Alternating order, so that a drift of the machine's speed weighs on both alike.
    if (pair % 2 === 0) {
      const tscRun = runTsc();
      pairs.push({ tsc: tscRun, audit: runAudit() });
    } else {
      const auditRun = runAudit();
      pairs.push({ audit: auditRun, tsc: runTsc() });
    }
  }
  const findings = JSON.parse(fs.readFileSync(path.join(dir, 'audit.json'), 'utf8')) as { summary: { total: number }; diagnostics: unknown[] };
  const row: Row = {
    files,
    lines: project.totalLines,
    auditMs: median(pairs.map((pair) => pair.audit.ms)),
    timeRatio: median(pairs.map((pair) => pair.audit.ms / pair.tsc.ms)),
    auditRssMb: Math.max(...pairs.map((pair) => pair.audit.maxRssMb)),
    tscRssMb: Math.max(...pairs.map((pair) => pair.tsc.maxRssMb)),
  };
  rows.push(row);
  const seconds = (runs: Measurement[]) => runs.map((run) => (run.ms / 1000).toFixed(1)).join('/');
  console.log(
    `${String(files).padStart(6)} files ${project.totalLines.toLocaleString('en-US').padStart(10)} lines | ` +
      `tsc ${seconds(pairs.map((pair) => pair.tsc))} s ${row.tscRssMb.toFixed(0)} MB | audit ${seconds(pairs.map((pair) => pair.audit))} s ${row.auditRssMb.toFixed(0)} MB ` +
      `(exit ${pairs.at(-1)!.audit.exitCode}, ${findings.summary.total} findings, ${findings.diagnostics.length} diagnostics) | ` +
      `time ${row.timeRatio.toFixed(2)}× (median of ${pairs.length}; goal ≤ 0.5×), memory ${ratio(row.auditRssMb, row.tscRssMb)} (goal ≤ 1×)`,
  );
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
}
const first = rows[0];
const last = rows[rows.length - 1];
if (first && last && last !== first) {
  const growth = last.auditMs / first.auditMs;
  const sizeGrowth = last.files / first.files;
  console.log(`growth ${first.files} → ${last.files} files (${sizeGrowth.toFixed(0)}× the files): audit time ${growth.toFixed(1)}× (goal ≤ ${(sizeGrowth * 1.1).toFixed(0)}×), memory ${ratio(last.auditRssMb, first.auditRssMb)}`);
}
