/**
 * A JavaScript project's config, `export default [stateless.configs.recommended]`: no parser set, so ESLint's
 * default parser (espree) reads `.js` as modules and `.cjs` as CommonJS. Run by ESLint's own API in a fresh Node
 * process, which also shows that neither the TypeScript compiler nor typescript-eslint's parser is loaded.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import plugin from '../src/index.js';

const project = fs.mkdtempSync(path.join(os.tmpdir(), 'stateless-js-project-'));
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

const files: Record<string, string> = {
  'src/server.js': `import express from 'express';
import session from 'express-session';
const app = express();
app.use(session({ secret: 's' }));
export class Stats {
  static hits = 0;
  static hit() { Stats.hits++; }
}
app.get('/', (req, res) => { Stats.hit(); res.end(); });
app.listen(3000);
`,
  'src/uploads.cjs': `const fs = require('fs');
class Uploads {
  #count = 0;
  save(req, res) { this.#count++; fs.writeFileSync('last', req.body); res.end(); }
}
module.exports = new Uploads();
`,
  'src/ticker.mjs': `export class Ticker {
  start() { setTimeout(() => this.start(), 1000); }
}
`,
  // Decorators are not JavaScript yet: espree reports a parsing error (Babel's parser reads them, see parsers.test.ts).
  'src/nest.js': `import { Injectable } from '@nestjs/common';
@Injectable()
export class CartService { carts = new Map(); add(id, item) { this.carts.set(id, item); } }
`,
};

// The child lints the project with the plugin's sources (through tsx) and prints what ESLint found and what it loaded.
// The project has no node_modules: ESLint and tsx are this repository's.
const resolve = (specifier: string) => pathToFileURL(createRequire(import.meta.url).resolve(specifier)).href;
const script = `
import { createRequire } from 'node:module';
const { ESLint } = await import(${JSON.stringify(resolve('eslint'))});
const { default: stateless } = await import(${JSON.stringify(new URL('../src/index.ts', import.meta.url).href)});
const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: [stateless.configs.recommended] });
const results = await eslint.lintFiles(['.']);
const messages = results.flatMap((result) => result.messages.map((m) => \`\${result.filePath.slice(process.cwd().length + 1)}:\${m.line}:\${m.column} \${m.fatal ? 'fatal' : m.ruleId}\`));
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => /node_modules\\/(typescript|@typescript-eslint\\/(parser|typescript-estree))\\//.test(file));
console.log(JSON.stringify({ messages, loaded }));
`;

it('configs.recommended sets no parser, nor anything else a JavaScript project would have to undo', () => {
  expect(Object.keys(plugin.configs.recommended).sort()).toEqual(['name', 'plugins', 'rules']);
});

it('lints a JavaScript project with `export default [stateless.configs.recommended]` alone', { timeout: 120_000 }, () => {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    fs.writeFileSync(path.join(project, file), text);
  }
  const output = execFileSync(process.execPath, ['--import', resolve('tsx'), '--input-type=module', '-e', script], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  const { messages, loaded } = JSON.parse(output) as { messages: string[]; loaded: string[] };
  expect(messages).toEqual([
    'src/nest.js:2:1 fatal',
    'src/server.js:4:9 stateless/no-memory-session-store',
    'src/server.js:6:3 stateless/no-memory-rate-limit',
    'src/ticker.mjs:2:13 stateless/no-timers-in-web-process',
    'src/uploads.cjs:4:35 stateless/no-local-file-write',
  ]);
  expect(loaded).toEqual([]);
});
