/**
 * What one large file costs the audit: a generated file of normal lines (bench/generate-large-file.ts) of 100 KB,
 * 500 KB and 1 MB (just under the audit's 1 MiB limit for a file), each audited in its own child process. Prints
 * the wall and CPU time of each, the time beyond a run on a tiny file of the same kind (start-up: loading the
 * compiler and ESLint), and how that grows from 100 KB to 1 MB: linear is 10×; a walk of the whole file per
 * declaration or per finding makes it about 100×. CPU time says more than wall time on a machine others use too.
 * Checks that the audit reports exactly the findings the generator planted. Then the same 1 MB as a minified bundle,
 * which the audit recognises and skips with one diagnostic (it is not source) before parsing it. Then the same for an ES module of 1,000
 * and of 5,000 exported Maps, each changed by a route of another file (about 170 and 850 KB together).
 *
 * Environment: BENCH_LARGE_SIZES (100000,500000,1000000 bytes), BENCH_EXPORTS (1000,5000), BENCH_FROM_SOURCE=1 runs src/cli.ts through tsx
 * instead of dist/ (no build needed), BENCH_KEEP=1 keeps the projects (in .bench/).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateExportedState, generateLargeFile, type GeneratedFiles } from './generate-large-file.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sizes = (process.env['BENCH_LARGE_SIZES'] ?? '100000,500000,1000000').split(',').map(Number);
const exportCounts = (process.env['BENCH_EXPORTS'] ?? '1000,5000').split(',').map(Number);
const fromSource = process.env['BENCH_FROM_SOURCE'] === '1';
const keep = process.env['BENCH_KEEP'] === '1';
const measureScript = path.join(repoRoot, 'bench/measure-child.mjs');
const cli = path.join(repoRoot, fromSource ? 'src/cli.ts' : 'dist/src/cli.js');

if (!fs.existsSync(cli)) {
  console.error('bench/large-file: dist/ is missing; run `npm run build` first, or set BENCH_FROM_SOURCE=1');
  process.exit(0);
}

interface Run {
  seconds: number;
  cpuSeconds: number;
  findings: number;
  correct: boolean;
}

/** Audits a project holding one generated file of `bytes`, one statement per line. */
function auditOneFile(bytes: number): Run {
  const file = generateLargeFile(bytes, 0);
  return auditFiles(`large-file-${bytes}`, { files: { 'src/generated/app.js': file.text }, findings: file.findings.map((finding) => `src/generated/app.js:${finding}`) });
}

/** Audits a project holding one generated minified bundle of `bytes`: skipped, one `minified-file` diagnostic. */
function auditMinifiedFile(bytes: number): Run {
  const file = generateLargeFile(bytes);
  // A source file beside it: a project of nothing but a bundle has nothing to audit (exit 2).
  return auditFiles(`minified-file-${bytes}`, { files: { 'src/generated/app.bundle.js': file.text, 'src/index.js': 'export const ready = true;\n' }, findings: [] }, ['minified-file', 'no-web-entry']);
}

/** Audits the generated files in a project of their own: wall and CPU time, and whether the findings are the planted ones. */
function auditFiles(name: string, generated: GeneratedFiles, diagnosticCodes: string[] = []): Run {
  const dir = path.join(repoRoot, '.bench', name);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [relative, text] of Object.entries(generated.files)) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), text);
  }
  const output = path.join(dir, 'audit.json');
  const result = spawnSync(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), measureScript, cli, 'audit', '.', '--format', 'json', '--output', output], { cwd: dir, encoding: 'utf8' });
  const line = result.stderr.split('\n').reverse().find((text) => text.startsWith('MEASURE '));
  if (!line) throw new Error(`no measurement: ${result.stderr.slice(-2000)}`);
  const { ms, cpuMs } = JSON.parse(line.slice('MEASURE '.length)) as { ms: number; cpuMs: number };
  const report = JSON.parse(fs.readFileSync(output, 'utf8')) as { findings: { file: string; line: number; column: number; ruleId: string }[]; diagnostics: { code: string }[] };
  const found = report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`);
  const correct = JSON.stringify(report.diagnostics.map((diagnostic) => diagnostic.code)) === JSON.stringify(diagnosticCodes) && JSON.stringify(found) === JSON.stringify(generated.findings);
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  return { seconds: ms / 1000, cpuSeconds: cpuMs / 1000, findings: found.length, correct };
}

const kb = (bytes: number) => `${Math.round(bytes / 1000)} KB`;
console.log(`stateless audit on one generated file of one statement per line (${fromSource ? 'src/ through tsx' : 'dist/'}), each run in its own process`);
const startup = auditOneFile(1000);
console.log(`   1 KB: ${startup.seconds.toFixed(1)} s, ${startup.cpuSeconds.toFixed(1)} s CPU (start-up, subtracted below)`);
const net: { seconds: number; cpuSeconds: number }[] = [];
for (const bytes of sizes) {
  const { seconds, cpuSeconds, findings, correct } = auditOneFile(bytes);
  const beyond = { seconds: Math.max(seconds - startup.seconds, 0.01), cpuSeconds: Math.max(cpuSeconds - startup.cpuSeconds, 0.01) };
  net.push(beyond);
  console.log(
    `${kb(bytes).padStart(7)}: ${seconds.toFixed(1)} s, ${cpuSeconds.toFixed(1)} s CPU; beyond start-up ${beyond.seconds.toFixed(1)} s, ${beyond.cpuSeconds.toFixed(1)} s CPU; ` +
      `${findings} findings${correct ? '' : ' — NOT the planted ones'}`,
  );
}
if (sizes.length > 1) {
  const sizeGrowth = sizes.at(-1)! / sizes[0]!;
  const growth = (pick: (run: { seconds: number; cpuSeconds: number }) => number) => (pick(net.at(-1)!) / pick(net[0]!)).toFixed(1);
  console.log(
    `growth ${kb(sizes[0]!)} → ${kb(sizes.at(-1)!)} (${sizeGrowth.toFixed(0)}× the bytes) beyond start-up: ${growth((run) => run.seconds)}× the time, ` +
      `${growth((run) => run.cpuSeconds)}× the CPU time (linear: ${sizeGrowth.toFixed(0)}×)`,
  );
}

{
  const bytes = sizes.at(-1)!;
  const { seconds, cpuSeconds, correct } = auditMinifiedFile(bytes);
  console.log(
    `${kb(bytes).padStart(7)} minified: ${seconds.toFixed(1)} s, ${cpuSeconds.toFixed(1)} s CPU; beyond start-up ${Math.max(cpuSeconds - startup.cpuSeconds, 0).toFixed(1)} s CPU; ` +
      `${correct ? 'skipped with a minified-file diagnostic' : 'NOT skipped as minified'}`,
  );
}

const exportRuns = exportCounts.map((count) => {
  const run = auditFiles(`exported-state-${count}`, generateExportedState(count));
  const beyond = Math.max(run.cpuSeconds - startup.cpuSeconds, 0.01);
  console.log(
    `${String(count).padStart(6)} exported Maps changed by another file's routes: ${run.seconds.toFixed(1)} s, ${run.cpuSeconds.toFixed(1)} s CPU; ` +
      `beyond start-up ${beyond.toFixed(1)} s CPU; ${run.findings} findings${run.correct ? '' : ' — NOT the planted ones'}`,
  );
  return beyond;
});
if (exportRuns.length > 1) {
  console.log(`growth ${exportCounts[0]} → ${exportCounts.at(-1)} exports: ${(exportRuns.at(-1)! / exportRuns[0]!).toFixed(1)}× the CPU time beyond start-up (linear: ${(exportCounts.at(-1)! / exportCounts[0]!).toFixed(0)}×)`);
}
