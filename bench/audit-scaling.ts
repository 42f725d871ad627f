/**
 * What `stateless audit` costs next to `tsc --noEmit` on the same project, and how it grows: generated projects of
 * 1,000, 3,000 and 10,000 files, each measured in its own child process (wall time and peak memory), in one run.
 * Goals: audit ≤ 0.5× tsc's time and ≤ 1× its memory; growth from 1k to 10k files ≤ 11× (linear).
 * The projects are generated inside the repository (.bench/) so that both resolve the real type packages.
 *
 * Environment: BENCH_AUDIT_SIZES (1000,3000,10000), BENCH_SEED (1), BENCH_KEEP=1 keeps the projects.
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

if (!fs.existsSync(cli)) {
  console.error('bench/audit-scaling: dist/ is missing; run `npm run build` first');
  process.exit(0);
}

console.log('stateless audit vs. tsc --noEmit on generated projects (each in its own process)');
const rows: { files: number; lines: number; audit: Measurement; tsc: Measurement }[] = [];
for (const files of sizes) {
  const dir = path.join(repoRoot, '.bench', `audit-${files}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const project = await generateProject(dir, files, seed);
  const tscRun = measure(tsc, ['--noEmit', '-p', 'tsconfig.json'], dir);
  const auditRun = measure(cli, ['audit', '.', '--format', 'json', '--output', path.join(dir, 'audit.json')], dir);
  const findings = JSON.parse(fs.readFileSync(path.join(dir, 'audit.json'), 'utf8')) as { summary: { total: number }; diagnostics: unknown[] };
  rows.push({ files, lines: project.totalLines, audit: auditRun, tsc: tscRun });
  console.log(
    `${String(files).padStart(6)} files ${project.totalLines.toLocaleString('en-US').padStart(10)} lines | ` +
      `tsc ${(tscRun.ms / 1000).toFixed(1)} s ${tscRun.maxRssMb.toFixed(0)} MB | audit ${(auditRun.ms / 1000).toFixed(1)} s ${auditRun.maxRssMb.toFixed(0)} MB ` +
      `(exit ${auditRun.exitCode}, ${findings.summary.total} findings, ${findings.diagnostics.length} diagnostics) | ` +
      `time ${ratio(auditRun.ms, tscRun.ms)} (goal ≤ 0.5×), memory ${ratio(auditRun.maxRssMb, tscRun.maxRssMb)} (goal ≤ 1×)`,
  );
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
}
const first = rows[0];
const last = rows[rows.length - 1];
if (first && last && last !== first) {
  const growth = last.audit.ms / first.audit.ms;
  const sizeGrowth = last.files / first.files;
  console.log(`growth ${first.files} → ${last.files} files (${sizeGrowth.toFixed(0)}× the files): audit time ${growth.toFixed(1)}× (goal ≤ ${(sizeGrowth * 1.1).toFixed(0)}×), memory ${ratio(last.audit.maxRssMb, first.audit.maxRssMb)}`);
}
