/**
 * Summarizes a V8 `.cpuprofile` (from `node --cpu-prof`): the hottest functions by self time, and for code whose
 * path contains a filter (default `/rules/`), inclusive time per function and the self time of what it calls.
 * Usage: node --import tsx bench/cpuprofile-top.ts <file.cpuprofile> [pathFilter] [top]
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, filter = '/rules/', topArg = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: cpuprofile-top <file.cpuprofile> [pathFilter] [top]');
  process.exit(2);
}
const top = Number(topArg);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '~/').replace(/^.*\/(rules|src|bench)\//, '$1/');
const label = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
const matches = (node: ProfileNode) => node.callFrame.url.includes(filter);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const underFilter = new Map<string, number>();
let total = 0;
let filtered = 0;
profile.samples.forEach((id, index) => {
  const ms = (profile.timeDeltas[index] ?? 0) / 1000;
  total += ms;
  const leaf = byId.get(id)!;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms);
  const seen = new Set<string>();
  let inFilter = false;
  for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
    const node = byId.get(current)!;
    if (!matches(node)) continue;
    inFilter = true;
    const key = label(node);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
  }
  if (inFilter) {
    filtered += ms;
    underFilter.set(label(leaf), (underFilter.get(label(leaf)) ?? 0) + ms);
  }
});

const print = (title: string, map: Map<string, number>, base: number) => {
  console.log(`\n${title}`);
  for (const [key, ms] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${ms.toFixed(0).padStart(7)} ms ${((ms / base) * 100).toFixed(1).padStart(5)} %  ${key}`);
  }
};

console.log(`profile: ${(total / 1000).toFixed(1)} s sampled; under '${filter}': ${(filtered / 1000).toFixed(1)} s (${((filtered / total) * 100).toFixed(1)} %)`);
print('self time, whole profile:', self, total);
print(`inclusive time of functions in '${filter}' (share of the time under '${filter}'):`, inclusive, filtered);
print(`self time of the leaves below '${filter}' code (what that code spends its time in):`, underFilter, filtered);
