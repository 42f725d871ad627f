#!/usr/bin/env node
/**
 * Lays out the two published packages from the one build in dist/:
 * - packages/eslint-plugin-stateless: the ESLint plugin alone (the import closure of dist/src/index.js), light
 *   enough for an editor-only install, with a CommonJS entry so `require('eslint-plugin-stateless')` is the plugin;
 * - packages/stateless-cli: the `stateless` command (audit, migrate), which needs the compiler, ts-morph and jscodeshift.
 * Both get the rule docs, README and LICENSE. Run by `npm run build`; the packages' dist/ folders are not committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ts = createRequire(import.meta.url)('typescript');
const dist = path.join(root, 'dist');
const packagesDir = path.join(root, 'packages');
const shared = ['README.md', 'LICENSE', 'docs'];

/** Relative files the module imports (static, dynamic, require, type imports), as paths. */
function relativeImports(file) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles.map((entry) => entry.fileName).filter((name) => name.startsWith('.')).map((name) => path.resolve(path.dirname(file), name));
}

/** The entry's import closure over the built JavaScript and its declaration files. */
function importClosure(entry) {
  const seen = new Set();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop();
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    const declaration = file.replace(/\.js$/u, '.d.ts');
    if (declaration !== file) stack.push(declaration);
    stack.push(...relativeImports(file));
  }
  return [...seen];
}

function resetPackage(name) {
  const directory = path.join(packagesDir, name);
  for (const entry of ['dist', ...shared]) fs.rmSync(path.join(directory, entry), { recursive: true, force: true });
  for (const entry of shared) fs.cpSync(path.join(root, entry), path.join(directory, entry), { recursive: true });
  return directory;
}

function copyIntoPackage(directory, files) {
  for (const file of files) {
    const target = path.join(directory, 'dist', path.relative(dist, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
}

if (!fs.existsSync(path.join(dist, 'src/index.js'))) {
  console.error('assemble-packages: dist/src/index.js is missing; run tsc -p tsconfig.build.json first');
  process.exit(2);
}

const plugin = resetPackage('eslint-plugin-stateless');
copyIntoPackage(plugin, importClosure(path.join(dist, 'src/index.js')));
// require(esm) (on by default since Node 20.19) gives the module namespace; CommonJS users expect the plugin itself.
fs.writeFileSync(path.join(plugin, 'dist/src/index.cjs'), "'use strict';\n// The plugin for require(): the ES module's default export.\nmodule.exports = require('./index.js').default;\n");
fs.writeFileSync(path.join(plugin, 'dist/src/index.d.cts'), "import plugin from './index.js';\nexport = plugin;\n");

const cli = resetPackage('stateless-cli');
const notShipped = [path.join(dist, 'src/proof'), path.join(dist, 'src/test-support')];
const cliFiles = fs
  .readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => path.join(entry.parentPath, entry.name))
  .filter((file) => !notShipped.some((folder) => file.startsWith(folder + path.sep)) && !file.endsWith('.map'));
copyIntoPackage(cli, cliFiles);
fs.chmodSync(path.join(cli, 'dist/src/cli.js'), 0o755);
// The workspace's own bin too: `npx stateless` in a fresh clone may run ./dist/src/cli.js itself (npm does when the
// clone's folder is newer than its hidden lockfile, as `prepare` writing dist/ makes it), and tsc writes it 0644.
fs.chmodSync(path.join(dist, 'src/cli.js'), 0o755);
