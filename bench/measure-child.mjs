// Runs a Node script in this process and, when the process exits (also through process.exit), reports its wall
// time, CPU time (all threads) and peak resident memory on stderr as `MEASURE {json}` for bench/audit-scaling.ts
// and bench/large-file.ts.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const started = performance.now();
process.on('exit', () => {
  const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
  process.stderr.write(`\nMEASURE ${JSON.stringify({ ms: performance.now() - started, cpuMs: (userCPUTime + systemCPUTime) / 1000, maxRssKb: maxRSS })}\n`);
});
const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
await import(pathToFileURL(path.resolve(script)).href);
