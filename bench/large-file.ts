/**
 * What one large file costs the audit: a generated minified-style bundle (bench/generate-large-file.ts) of 100 KB,
 * 500 KB and 1 MB (just under the audit's 1 MiB limit for a file), each audited in its own child process. Prints
 * the wall and CPU time of each, the time beyond a run on a tiny file of the same kind (start-up: loading the
 * compiler and ESLint), and how that grows from 100 KB to 1 MB: linear is 10×; a walk of the whole file per
 * declaration or per finding makes it about 100×. CPU time says more than wall time on a machine others use too.
 * Checks that the audit reports exactly the findings the generator planted.
 *
 * Environment: BENCH_LARGE_SIZES (100000,500000,1000000 bytes), BENCH_FROM_SOURCE=1 runs src/cli.ts through tsx
 * instead of dist/ (no build needed), BENCH_KEEP=1 keeps the projects (in .bench/).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLargeFile } from './generate-large-file.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sizes = (process.env['BENCH_LARGE_SIZES'] ?? '100000,500000,1000000').split(',').map(Number);
const fromSource = process.env['BENCH_FROM_SOURCE'] === '1';
const keep = process.env['BENCH_KEEP'] === '1';
const measureScript = path.join(repoRoot, 'bench/measure-child.mjs');
const cli = path.join(repoRoot, fromSource ? 'src/cli.ts' : 'dist/src/cli.js');

if (!fs.existsSync(cli)) {
  console.error('bench/large-file: dist/ is missing; run `npm run build` first, or set BENCH_FROM_SOURCE=1');
  process.exit(0);
}

/** Audits a project holding one generated file of `bytes`; its wall time, and whether the findings are the planted ones. */
function auditOneFile(bytes: number): { seconds: number; cpuSeconds: number; findings: number; correct: boolean } {
  const dir = path.join(repoRoot, '.bench', `large-file-${bytes}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const file = generateLargeFile(bytes);
  fs.mkdirSync(path.join(dir, 'src/generated'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'src/generated/app.bundle.js'), file.text);
  const output = path.join(dir, 'audit.json');
  const result = spawnSync(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), measureScript, cli, 'audit', '.', '--format', 'json', '--output', output], { cwd: dir, encoding: 'utf8' });
  const line = result.stderr.split('\n').reverse().find((text) => text.startsWith('MEASURE '));
  if (!line) throw new Error(`no measurement: ${result.stderr.slice(-2000)}`);
  const { ms, cpuMs } = JSON.parse(line.slice('MEASURE '.length)) as { ms: number; cpuMs: number };
  const report = JSON.parse(fs.readFileSync(output, 'utf8')) as { findings: { line: number; column: number; ruleId: string }[]; diagnostics: unknown[] };
  const found = report.findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`);
  const correct = report.diagnostics.length === 0 && JSON.stringify(found) === JSON.stringify(file.findings);
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  return { seconds: ms / 1000, cpuSeconds: cpuMs / 1000, findings: found.length, correct };
}

const kb = (bytes: number) => `${Math.round(bytes / 1000)} KB`;
console.log(`stateless audit on one generated minified-style file (${fromSource ? 'src/ through tsx' : 'dist/'}), each run in its own process`);
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
