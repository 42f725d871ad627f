/**
 * The two published packages (laid out by `npm run build` from dist/): what each ships, what each imports, and that
 * installing them runs nothing. The editor-only plugin must not pull the audit's and migrate's dependencies.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const semver = require('semver') as { satisfies(version: string, range: string): boolean };

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  bin?: Record<string, string>;
  main?: string;
  exports?: unknown;
}

const readManifest = (directory: string): Manifest => JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8')) as Manifest;
const workspace = readManifest(repoRoot);
const pluginDirectory = path.join(repoRoot, 'packages/eslint-plugin-stateless');
const cliDirectory = path.join(repoRoot, 'packages/stateless-cli');
const plugin = readManifest(pluginDirectory);
const cli = readManifest(cliDirectory);

/** Bare module names the file imports (static, dynamic, require), without subpaths. */
function bareImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((entry) => entry.fileName)
    .filter((name) => !name.startsWith('.') && !name.startsWith('node:'))
    .map((name) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!));
}

/** Every JavaScript file a package ships, with the bare modules each imports. */
function shippedImports(directory: string): Map<string, string[]> {
  const files = fs
    .readdirSync(path.join(directory, 'dist'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(c|m)?js$/u.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
  return new Map(files.map((file) => [path.relative(directory, file), bareImports(file)]));
}

const packed = new Map<string, string[]>();

/** Files `npm pack` would put in the package's tarball. */
function packedFiles(directory: string): string[] {
  if (packed.has(directory)) return packed.get(directory)!;
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: directory, encoding: 'utf8' });
  const files = (JSON.parse(output) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path).sort();
  packed.set(directory, files);
  return files;
}

const heavyForAnEditor = ['typescript', 'ts-morph', 'jscodeshift', '@babel/core', 'diff', '@typescript-eslint/typescript-estree', '@typescript-eslint/parser'];

describe('the published packages', () => {
  it('carry the workspace version, and the workspace itself is private', () => {
    expect(workspace.private).toBe(true);
    expect(plugin.version).toBe(workspace.version);
    expect(cli.version).toBe(workspace.version);
  });

  it('run nothing at install: no lifecycle scripts', () => {
    for (const manifest of [plugin, cli]) expect(manifest.scripts ?? {}).toEqual({});
  });

  it('ask for dependency ranges that the versions this workspace tests with satisfy (no exact pins)', () => {
    for (const manifest of [plugin, cli]) {
      for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
        expect(range, `${manifest.name} → ${name}`).toMatch(/^[\^>]/u);
        const installed = (require(`${name}/package.json`) as { version: string }).version;
        expect(semver.satisfies(installed, range), `${manifest.name} → ${name}@${range}, tested with ${installed}`).toBe(true);
      }
    }
  });

  it('keep the plugin free of what only the audit and migrate need', () => {
    expect(Object.keys(plugin.dependencies ?? {}).sort()).toEqual(['@typescript-eslint/utils', 'minimatch']);
    for (const heavy of heavyForAnEditor) expect(Object.keys({ ...plugin.dependencies, ...plugin.peerDependencies })).not.toContain(heavy);
  });

  it.each([
    ['eslint-plugin-stateless', pluginDirectory],
    ['stateless-cli', cliDirectory],
  ])('%s imports only what it declares', (_name, directory) => {
    const manifest = readManifest(directory);
    const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {}), ...builtinModules]);
    const undeclared = [...shippedImports(directory)].flatMap(([file, modules]) => modules.filter((name) => !declared.has(name)).map((name) => `${file}: ${name}`));
    expect(undeclared).toEqual([]);
  });

  it('ship built code, docs, README and LICENSE; no tests, test helpers, source maps or TypeScript sources', () => {
    for (const directory of [pluginDirectory, cliDirectory]) {
      const files = packedFiles(directory);
      expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'docs/rules/no-module-state.md']));
      expect(files.filter((file) => /\.map$|\.test\.|test-support|\/proof\/|(?<!\.d)\.ts$/u.test(file) && !file.endsWith('.d.ts') && !file.endsWith('.d.cts'))).toEqual([]);
    }
    expect(packedFiles(pluginDirectory)).toEqual(expect.arrayContaining(['dist/src/index.js', 'dist/src/index.cjs', 'dist/src/index.d.ts', 'dist/src/index.d.cts']));
    expect(packedFiles(pluginDirectory).filter((file) => /audit|migrate|codemods/u.test(file))).toEqual([]);
    expect(packedFiles(cliDirectory)).toEqual(expect.arrayContaining(['dist/src/cli.js', 'dist/src/audit/rules/rule-worker.js', 'dist/codemods/index.js']));
  });

  it('give the CLI package the stateless bin, executable', () => {
    expect(cli.bin).toEqual({ stateless: './dist/src/cli.js' });
    expect(fs.statSync(path.join(cliDirectory, 'dist/src/cli.js')).mode & 0o111).not.toBe(0);
    const version = execFileSync(process.execPath, [path.join(cliDirectory, 'dist/src/cli.js'), '--version'], { encoding: 'utf8' });
    expect(version.trim()).toBe(workspace.version);
  });

  it("keep the workspace's own bin executable, which `npx stateless` in a fresh clone may run directly", () => {
    expect(fs.statSync(path.join(repoRoot, 'dist/src/cli.js')).mode & 0o111).not.toBe(0);
  });
});
