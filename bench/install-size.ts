/**
 * What installing the packages costs a user's project: node_modules size and package count before and after
 * `npm install` of the packed eslint-plugin-stateless (goal: ≤ 10 MB beyond what a typescript-eslint project already
 * has) and stateless-cli. Installs from the npm registry into temporary projects; needs `npm run build` first.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');
const workspace = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const pinned = (name: string) => `${name}@${workspace.devDependencies[name]}`;
const goalMegabytes = 10;

interface Footprint {
  bytes: number;
  packages: number;
}

function footprint(directory: string): Footprint {
  let bytes = 0;
  let packages = 0;
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (fs.existsSync(path.join(full, 'package.json')) && path.basename(folder).replace(/^@.*/u, 'node_modules') === 'node_modules') packages += 1;
        walk(full);
      } else if (entry.isFile()) bytes += fs.statSync(full).size;
    }
  };
  const modules = path.join(directory, 'node_modules');
  if (fs.existsSync(modules)) walk(modules);
  return { bytes, packages };
}

const npm = (directory: string, ...args: string[]) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: directory, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

function pack(packageDirectory: string, into: string): string {
  const output = npm(packageDirectory, 'pack', '--json', '--ignore-scripts', '--pack-destination', into);
  return path.join(into, (JSON.parse(output) as { filename: string }[])[0]!.filename);
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Installs `base` into a fresh project, then `added`; prints what `added` cost. */
function measure(label: string, base: string[], added: string[]): number {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'stateless-install-'));
  try {
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    npm(project, 'install', '--save-dev', ...base);
    const before = footprint(project);
    npm(project, 'install', '--save-dev', ...added);
    const after = footprint(project);
    const grown = after.bytes - before.bytes;
    console.log(`  ${label}: ${megabytes(before.bytes)} (${before.packages} packages) → ${megabytes(after.bytes)} (${after.packages}): +${megabytes(grown)}, +${after.packages - before.packages} packages`);
    return grown;
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
}

const tarballs = fs.mkdtempSync(path.join(os.tmpdir(), 'stateless-tarballs-'));
try {
  const plugin = pack(path.join(repoRoot, 'packages/eslint-plugin-stateless'), tarballs);
  const cli = pack(path.join(repoRoot, 'packages/stateless-cli'), tarballs);
  const typescriptEslintProject = [pinned('eslint'), pinned('typescript-eslint'), pinned('typescript')];
  console.log('install size: what adding each package costs a project (npm install from the registry, packed from this build)');
  const pluginCost = measure('eslint-plugin-stateless in a typescript-eslint project', typescriptEslintProject, [plugin]);
  measure('eslint-plugin-stateless in a JavaScript project with ESLint only', [pinned('eslint')], [plugin]);
  measure('stateless-cli in a typescript-eslint project', typescriptEslintProject, [cli]);
  console.log(`  plugin goal: ≤ ${goalMegabytes} MB beyond typescript-eslint → ${(pluginCost / 1024 / 1024 / goalMegabytes).toFixed(2)}× of the budget ${pluginCost <= goalMegabytes * 1024 * 1024 ? '(met)' : '(NOT met)'}`);
} finally {
  fs.rmSync(tarballs, { recursive: true, force: true });
}
