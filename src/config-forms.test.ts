/**
 * The README's ESLint config forms, copied verbatim into fresh projects outside this repository and run by the real
 * `eslint` CLI against the built eslint-plugin-stateless package (packages/eslint-plugin-stateless, laid out by
 * `npm run build`): ESM, CommonJS (`require` gives the plugin itself), TypeScript, and JavaScript with ESLint's default
 * parser.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..');
const pluginPackage = path.join(repoRoot, 'packages/eslint-plugin-stateless');
const temporaryRoots: string[] = [];

/** The code block after `<!-- config: name -->` in the README. */
function readmeConfig(name: string): string {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const match = new RegExp(`<!-- config: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``, 'u').exec(readme);
  if (!match?.[1]) throw new Error(`README has no config block '${name}'`);
  return match[1];
}

const statefulJavaScript = `const express = require('express');

const app = express();
const carts = new Map();

class CartService {
  static instances = 0;
  total(cart) {
    return cart.items.length;
  }
}

app.post('/cart', (req, res) => {
  carts.set(req.body.id, req.body);
  res.json({ total: new CartService().total(req.body) });
});

setInterval(sendNewsletter, 60_000);
app.listen(3000);
`;

const statefulTypeScript = `import express from 'express';

const app = express();
const carts = new Map<string, unknown>();

app.post('/cart', (req, res) => {
  carts.set(String(req.body.id), req.body);
  res.end();
});

setInterval(sendNewsletter, 60_000);
app.listen(3000);

declare function sendNewsletter(): void;
`;

/** A project outside the repository whose node_modules link to the repository's ESLint, parsers and the built plugin. */
function freshProject(packageJson: object, files: Record<string, string>): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'stateless-config-'));
  temporaryRoots.push(directory);
  fs.mkdirSync(path.join(directory, 'node_modules'));
  for (const name of ['eslint', '@typescript-eslint', 'jiti', 'typescript']) {
    fs.mkdirSync(path.dirname(path.join(directory, 'node_modules', name)), { recursive: true });
    fs.symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(directory, 'node_modules', name));
  }
  fs.symlinkSync(pluginPackage, path.join(directory, 'node_modules/eslint-plugin-stateless'));
  fs.writeFileSync(path.join(directory, 'package.json'), JSON.stringify(packageJson, null, 2));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
    fs.writeFileSync(path.join(directory, file), text);
  }
  return directory;
}

interface Finding {
  file: string;
  line: number;
  ruleId: string | null;
  fatal?: boolean;
}

/** Runs the real ESLint CLI in the project; returns its findings as `file:line rule`. */
function lint(directory: string): string[] {
  const result = spawnSync(process.execPath, [path.join(directory, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '.'], {
    cwd: directory,
    encoding: 'utf8',
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`eslint exited ${result.status}: ${result.stderr}`);
  const results = JSON.parse(result.stdout) as { filePath: string; messages: Omit<Finding, 'file'>[] }[];
  return results.flatMap((entry) =>
    entry.messages.map((message) => `${path.relative(directory, entry.filePath)}:${message.line} ${message.fatal ? 'fatal' : message.ruleId}`),
  );
}

const typeScriptFindings = ['src/server.ts:4 stateless/no-module-state', 'src/server.ts:11 stateless/no-timers-in-web-process'];
const javaScriptFindings = ['src/server.js:4 stateless/no-module-state', 'src/server.js:18 stateless/no-timers-in-web-process'];

afterAll(() => {
  for (const directory of temporaryRoots) fs.rmSync(directory, { recursive: true, force: true });
});

describe('the README config forms in a fresh project', () => {
  it('has the built plugin package to link (npm run build lays it out)', () => {
    expect(fs.existsSync(path.join(pluginPackage, 'dist/src/index.js'))).toBe(true);
    expect(fs.existsSync(path.join(pluginPackage, 'dist/src/index.cjs'))).toBe(true);
  });

  it('ESM: eslint.config.js in a "type": "module" package', () => {
    const project = freshProject({ name: 'app', type: 'module' }, { 'eslint.config.js': readmeConfig('esm'), 'src/server.ts': statefulTypeScript });
    expect(lint(project)).toEqual(typeScriptFindings);
  });

  it('ESM: eslint.config.mjs in a CommonJS package', () => {
    const project = freshProject({ name: 'app', type: 'commonjs' }, { 'eslint.config.mjs': readmeConfig('esm'), 'src/server.ts': statefulTypeScript });
    expect(lint(project)).toEqual(typeScriptFindings);
  });

  it('CommonJS: eslint.config.cjs, and eslint.config.js in the package npm init -y makes', () => {
    const cjs = freshProject({ name: 'app', type: 'commonjs' }, { 'eslint.config.cjs': readmeConfig('cjs'), 'src/server.ts': statefulTypeScript, 'src/server.js': statefulJavaScript });
    expect(lint(cjs).sort()).toEqual([...javaScriptFindings, ...typeScriptFindings].sort());
    const npmInit = freshProject({ name: 'app', version: '1.0.0', main: 'index.js' }, { 'eslint.config.js': readmeConfig('cjs'), 'src/server.ts': statefulTypeScript });
    expect(lint(npmInit)).toEqual(typeScriptFindings);
  });

  it('CommonJS: require() returns the plugin itself', () => {
    const project = freshProject({ name: 'app' }, {});
    const shape = execFileSync(
      process.execPath,
      ['-e', "const p = require('eslint-plugin-stateless'); console.log(JSON.stringify([p.meta.name, Object.keys(p.configs), Object.keys(p.rules).length, p.configs.recommended.plugins.stateless === p]))"],
      { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' } },
    );
    expect(JSON.parse(shape)).toEqual(['eslint-plugin-stateless', ['recommended'], 7, true]);
  });

  it('TypeScript: eslint.config.ts loads (through jiti on Node 20) and type-checks', () => {
    const project = freshProject(
      { name: 'app', type: 'module' },
      {
        'eslint.config.ts': readmeConfig('ts'),
        'src/server.ts': statefulTypeScript,
        'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['eslint.config.ts'] }),
      },
    );
    expect(lint(project)).toEqual(typeScriptFindings);
    const tsc = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('JavaScript with ESLint\'s default parser: classes, class fields and all', () => {
    const project = freshProject({ name: 'app', type: 'commonjs' }, { 'eslint.config.mjs': readmeConfig('javascript'), 'src/server.js': statefulJavaScript });
    expect(lint(project)).toEqual(javaScriptFindings);
  });
});
