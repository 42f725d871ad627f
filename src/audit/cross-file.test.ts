// What only the whole program shows: state declared in one file and changed in another, writes in helpers
// that handlers in other files call, options objects built elsewhere, and worker-only code.
import { describe, expect, it } from 'vitest';
import { tempProject } from '../test-support/temp-project.js';
import { audit } from './audit.js';

const summary = async (dir: string) => (await audit({ paths: [dir] })).findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);

describe('cross-file findings', () => {
  it('reports a module-level container mutated by a function of another file that a handler calls', async () => {
    const dir = tempProject({
      'src/server.ts': `import express from 'express';\nimport { cart } from './routes/cart.js';\nconst app = express();\napp.use(cart);\napp.listen(3000);\n`,
      'src/routes/cart.ts': `import { Router } from 'express';\nimport { addItem } from '../services/cart-service.js';\nexport const cart = Router();\ncart.post('/cart', (req, res) => {\n  addItem(req.body.user, req.body.item);\n  res.sendStatus(204);\n});\n`,
      'src/services/cart-service.ts': `import { carts } from '../lib/store.js';\nexport function addItem(user: string, item: string) {\n  const list = carts.get(user) ?? [];\n  list.push(item);\n  carts.set(user, list);\n}\n`,
      'src/lib/store.ts': `export const carts = new Map<string, string[]>();\n`,
    });
    const result = await audit({ paths: [dir] });
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['src/lib/store.ts:1 no-module-state']);
    const [finding] = result.findings;
    expect(finding!.message).toContain('`carts` lives in module memory and is changed at line src/services/cart-service.ts:5');
    expect(finding!.evidence).toEqual([
      { file: 'src/routes/cart.ts', line: 4, note: 'POST /cart handler' },
      { file: 'src/routes/cart.ts', line: 5, note: 'calls addItem()' },
      { file: 'src/services/cart-service.ts', line: 5, note: 'changes carts' },
      { file: 'src/lib/store.ts', line: 1, note: 'carts is declared at module level' },
    ]);
  });

  it('follows an exported container into a file that destructures it from require()', async () => {
    const esmExports = tempProject({
      'src/server.js': `import express from 'express';\nimport { addItem } from './cart-service.js';\nexpress().post('/cart', (req, res) => res.json(addItem(req.body.user))).listen(3000);\n`,
      'src/cart-service.js': `const { carts: store } = require('./store.js');\nexport function addItem(user) {\n  store.set(user, 1);\n}\n`,
      'src/store.js': `export const carts = new Map();\n`,
    });
    expect(await summary(esmExports)).toEqual(['src/store.js:1 no-module-state']);
  });

  it('reports an fs write in a helper that a route in a third file calls, with the call chain', async () => {
    const dir = tempProject({
      'src/server.ts': `import express from 'express';\nimport { registerReports } from './routes/reports.js';\nconst app = express();\nregisterReports(app);\napp.listen(3000);\n`,
      'src/routes/reports.ts': `import type { Express } from 'express';\nimport { saveReport } from '../lib/reports.js';\nexport function registerReports(app: Express) {\n  app.post('/reports', async (req, res) => {\n    await saveReport(req.body.name, req.body.text);\n    res.sendStatus(201);\n  });\n}\n`,
      'src/lib/reports.ts': `import fs from 'node:fs';\nexport async function saveReport(name: string, text: string) {\n  await fs.promises.writeFile(\`reports/\${name}.txt\`, text);\n}\n`,
    });
    const result = await audit({ paths: [dir] });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual(['src/lib/reports.ts:3:9 no-local-file-write']);
    expect(result.findings[0]!.evidence.map((step) => `${step.file}:${step.line} ${step.note}`)).toEqual([
      'src/routes/reports.ts:4 POST /reports handler',
      'src/routes/reports.ts:5 calls saveReport()',
      'src/lib/reports.ts:3 fs.promises.writeFile() writes to the local disk',
    ]);
  });

  it('finds a node:http listener whose createServer call is wrapped in a type assertion or satisfies', async () => {
    for (const callee of ['(http.createServer satisfies typeof http.createServer)', '(<typeof http.createServer>http.createServer)']) {
      const dir = tempProject({
        'src/server.ts': `import http from 'node:http';\nimport { save } from './lib/save.js';\nfunction serve(incoming: any, outgoing: any) {\n  save(String(incoming.url));\n  outgoing.end();\n}\n${callee}(serve).listen(3000);\n`,
        'src/lib/save.ts': `import fs from 'node:fs';\nexport function save(name: string) {\n  fs.writeFileSync(name, 'x');\n}\n`,
      });
      const result = await audit({ paths: [dir] });
      expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`), callee).toEqual(['src/lib/save.ts:3 no-local-file-write']);
      expect(result.findings[0]!.evidence.map((step) => `${step.file}:${step.line}`), callee).toEqual(['src/server.ts:3', 'src/server.ts:4', 'src/lib/save.ts:3']);
    }
  });

  it('follows an express-session options object built in another file (ESM and CommonJS)', async () => {
    const esm = tempProject({
      'src/server.ts': `import express from 'express';\nimport session from 'express-session';\nimport { sessionOptions } from './session-options.js';\nconst app = express();\napp.use(session(sessionOptions));\napp.listen(3000);\n`,
      'src/session-options.ts': `export const sessionOptions = { secret: 'x', resave: false, saveUninitialized: false };\n`,
    });
    expect(await summary(esm)).toEqual(['src/server.ts:5 no-memory-session-store']);
    const cjs = tempProject({
      'src/server.js': `const express = require('express');\nconst session = require('express-session');\nconst options = require('./session-options');\nconst app = express();\napp.use(session(options));\napp.use(session(require('./session-options')));\napp.listen(3000);\n`,
      'src/session-options.js': `module.exports = { secret: 'x', resave: false, saveUninitialized: false };\n`,
    });
    expect(await summary(cjs)).toEqual(['src/server.js:5 no-memory-session-store', 'src/server.js:6 no-memory-session-store']);
    const withStore = tempProject({
      'src/server.ts': `import express from 'express';\nimport session from 'express-session';\nimport { sessionOptions } from './session-options.js';\nexpress().use(session(sessionOptions)).listen(3000);\n`,
      'src/session-options.ts': `import { RedisStore } from 'connect-redis';\nexport const sessionOptions = { secret: 'x', store: new RedisStore({ client: {} as never }) };\n`,
    });
    expect(await summary(withStore)).toEqual([]);
  });

  it('drops timers and writes in code only a worker loads, and keeps them in code the web process loads too', async () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ name: 'shop', scripts: { start: 'tsx src/server.ts', jobs: 'tsx src/jobs/main.ts' } }),
      'src/server.ts': `import express from 'express';\nimport { tick } from './shared/tick.js';\nexpress().listen(3000);\ntick();\n`,
      'src/jobs/main.ts': `import { runNightly } from './nightly.js';\nimport { tick } from '../shared/tick.js';\nrunNightly();\ntick();\n`,
      'src/jobs/nightly.ts': `import fs from 'node:fs';\nexport function runNightly() {\n  setInterval(() => fs.writeFileSync('out.txt', 'x'), 1000);\n}\n`,
      'src/shared/tick.ts': `export function tick() {\n  setInterval(() => {}, 1000);\n}\n`,
    });
    const result = await audit({ paths: [dir] });
    expect(result.processes.map((p) => `${p.kind} ${p.entry}`)).toEqual(['web src/server.ts', 'worker src/jobs/main.ts']);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['src/shared/tick.ts:2 no-timers-in-web-process']);
  });

  it('finds a BullMQ Worker however its class is reached: alias, namespace, require, element access, wrappers', async () => {
    const constructions = [
      [`import { Worker as QueueWorker } from 'bullmq';`, 'new QueueWorker'],
      [`import * as bull from 'bullmq';`, "new bull['Worker']"],
      [`const { Worker } = require('bullmq');`, 'new (Worker as any)'],
      ['', "new (require('bullmq').Worker)"],
    ];
    for (const [importLine, construction] of constructions) {
      const dir = tempProject({
        'src/server.ts': `import express from 'express';
express().listen(3000);
`,
        'src/worker.ts': `${importLine}
import fs from 'node:fs';
${construction}('exports', async () => fs.writeFileSync('out.csv', 'x'));
setInterval(() => {}, 1000);
`,
      });
      const result = await audit({ paths: [dir] });
      expect(result.processes.map((p) => `${p.kind} ${p.entry}:${p.line} ${p.reason}`), construction).toEqual(['web src/server.ts:2 calls express().listen()', 'worker src/worker.ts:3 creates a BullMQ Worker']);
      expect(result.findings, construction).toEqual([]);
    }
  });

  it('takes a CommonJS Next.js API route (module.exports = handler) and a TypeScript `export =` one as request handlers', async () => {
    for (const [page, exportLine] of [
      // Parameters named so that only the file's convention, not the handler's shape, makes it a handler.
      ['pages/api/export.js', 'module.exports = function exportCsv(incoming, outgoing) {'],
      ['pages/api/export.ts', 'export = function exportCsv(incoming: any, outgoing: any) {'],
    ] as const) {
      const dir = tempProject({
        [page]: `const { save } = require('../../lib/save.js');\n${exportLine}\n  save(String(incoming.url));\n  outgoing.end();\n};\n`,
        'lib/save.js': `const fs = require('node:fs');\nfunction save(name) {\n  fs.writeFileSync(name, 'x');\n}\nmodule.exports = { save };\n`,
      });
      const result = await audit({ paths: [dir] });
      expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`), page).toEqual(['lib/save.js:3 no-local-file-write']);
      expect(result.findings[0]!.evidence.map((step) => `${step.file}:${step.line} ${step.note}`), page).toEqual([
        `${page}:2 Next.js API route`,
        `${page}:3 calls save()`,
        'lib/save.js:3 fs.writeFileSync() writes to the local disk',
      ]);
    }
  });

  it('keeps each of several cross-file findings on one line (minified code), each with its own evidence', async () => {
    const dir = tempProject({
      'src/server.ts': `import express from 'express';\nimport { a, b } from './lib.js';\nconst app = express();\napp.post('/a', (req, res) => { a(req.body); res.end(); });\napp.post('/b', (req, res) => { b(req.body); res.end(); });\napp.listen(3000);\n`,
      'src/lib.js': `const fs=require("fs");function a(d){fs.writeFileSync("/tmp/a",d)}function b(d){fs.writeFileSync("/tmp/b",d)}module.exports={a:a,b:b};\n`,
    });
    const result = await audit({ paths: [dir] });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ← ${f.evidence.map((step) => step.note).join(' → ')}`)).toEqual([
      'src/lib.js:1:38 no-local-file-write ← POST /a handler → calls a() → fs.writeFileSync() writes to the local disk',
      'src/lib.js:1:81 no-local-file-write ← POST /b handler → calls b() → fs.writeFileSync() writes to the local disk',
    ]);
  });
});
