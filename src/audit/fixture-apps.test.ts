// The fixture apps beyond express-shop: exact findings, processes and evidence of the audit on each.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { startApp } from '../test-support/app-process.js';
import { audit } from './audit.js';

/** The type errors of a fixture app's tsconfig project. */
function typeErrors(dir: string): string[] {
  const read = ts.readConfigFile(path.join(dir, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dir);
  const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(ts.createProgram(parsed.fileNames, parsed.options))];
  return diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
}

const appsDir = fileURLToPath(new URL('../../fixtures/apps/', import.meta.url));

describe('fixtures/apps/cjs-app (plain CommonJS)', () => {
  it('every file is valid JavaScript', () => {
    const dir = path.join(appsDir, 'cjs-app/src');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const check = spawnSync(process.execPath, ['--check', path.join(dir, file)], { encoding: 'utf8' });
      expect(check.stderr, file).toBe('');
    }
  });

  it('reports each stateful line, including the session options built in another file', async () => {
    const result = await audit({ paths: [path.join(appsDir, 'cjs-app')] });
    expect(result.processes).toEqual([{ kind: 'web', entry: 'src/server.js', line: 19, reason: 'calls server.listen()' }]);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.category}`)).toEqual([
      'src/app.js:13 no-memory-session-store sessions',
      'src/app.js:15 no-memory-rate-limit counters',
      'src/cleanup.js:7 no-timers-in-web-process jobs',
      'src/lib/cache.js:5 no-process-cache caches',
      'src/routes/reports.js:12 no-local-file-write files',
      'src/server.js:12 no-local-realtime-state realtime',
    ]);
    expect(result.findings[0]!.evidence).toEqual([
      { file: 'src/session-options.js', line: 6, note: 'options for express-session built here' },
      { file: 'src/app.js', line: 13, note: 'express-session called with them' },
    ]);
    expect(result.diagnostics).toEqual([]);
  });
});


describe('fixtures/apps/fastify-api', () => {
  const dir = path.join(appsDir, 'fastify-api');

  it('type-checks', () => {
    expect(typeErrors(dir)).toEqual([]);
  });

  it('reports the plugin-registered session and rate limit, and three cases only the whole program shows', async () => {
    const result = await audit({ paths: [dir] });
    expect(result.processes).toEqual([{ kind: 'web', entry: 'src/server.ts', line: 7, reason: 'calls app.listen()' }]);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.category}`)).toEqual([
      'src/app.ts:18 no-memory-session-store sessions',
      'src/app.ts:19 no-memory-rate-limit counters',
      'src/jobs/heartbeat.ts:2 no-timers-in-web-process jobs',
      'src/lib/reports.ts:8 no-local-file-write files',
      'src/lib/store.ts:7 no-module-state caches',
    ]);
    const evidence = (file: string) => result.findings.find((f) => f.file === file)!.evidence.map((step) => `${step.file}:${step.line} ${step.note}`);
    expect(evidence('src/lib/reports.ts')).toEqual([
      'src/routes/reports.ts:6 POST /reports/cart handler',
      'src/routes/reports.ts:8 calls saveReport()',
      'src/lib/reports.ts:8 fs.promises.writeFile() writes to the local disk',
    ]);
    expect(evidence('src/lib/store.ts')).toEqual([
      'src/routes/cart.ts:5 POST /cart handler',
      'src/routes/cart.ts:8 calls addItem()',
      'src/services/cart-service.ts:6 changes carts',
      'src/lib/store.ts:7 carts is declared at module level',
    ]);
    expect(evidence('src/jobs/heartbeat.ts')).toEqual([
      'src/server.ts:7 web process entry: calls app.listen()',
      'src/server.ts:2 imports src/jobs/heartbeat.ts',
      'src/jobs/heartbeat.ts:2 Timers and schedulers inside the web process',
    ]);
  });

  it('runs: login, cart round-trip and a report', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastify-api-'));
    const app = await startApp(path.join(dir, 'src/server.ts'), { cwd: dataDir, env: { DATA_DIR: dataDir } });
    try {
      const login = await fetch(`${app.base}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ann', password: 'secret' }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const json = { 'content-type': 'application/json', cookie };
      expect(await (await fetch(`${app.base}/me`, { headers: { cookie } })).json()).toEqual({ user: 'ann' });
      await fetch(`${app.base}/cart`, { method: 'POST', headers: json, body: JSON.stringify({ sku: 'tea', qty: 2 }) });
      expect(await (await fetch(`${app.base}/cart`, { headers: { cookie } })).json()).toEqual({ cart: [{ sku: 'tea', qty: 2 }] });
      const report = (await (await fetch(`${app.base}/reports/cart`, { method: 'POST', headers: { cookie } })).json()) as { file: string };
      expect(fs.readFileSync(report.file, 'utf8')).toBe('tea,2');
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('fixtures/apps/hono-api', () => {
  const dir = path.join(appsDir, 'hono-api');

  it('type-checks', () => {
    expect(typeErrors(dir)).toEqual([]);
  });

  it('reports hand-rolled sessions and counters, an upload written to disk and a scheduled job', async () => {
    const result = await audit({ paths: [dir] });
    expect(result.processes).toEqual([{ kind: 'web', entry: 'src/server.ts', line: 13, reason: 'serves a Hono app (serve)' }]);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.category}`)).toEqual([
      'src/lib/auth.ts:4 no-memory-session-store sessions',
      'src/lib/limits.ts:2 no-memory-rate-limit counters',
      'src/routes/files.ts:12 no-local-file-write files',
      'src/server.ts:9 no-timers-in-web-process jobs',
    ]);
    expect(result.findings[2]!.evidence.map((step) => `${step.file}:${step.line} ${step.note}`)).toEqual([
      'src/routes/files.ts:9 POST /files handler',
      'src/routes/files.ts:12 fs.writeFileSync() writes to the local disk',
    ]);
  });

  it('runs: login with a token cookie, upload and download', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hono-api-'));
    const app = await startApp(path.join(dir, 'src/server.ts'), { cwd: dataDir, env: { DATA_DIR: dataDir } });
    try {
      const login = await fetch(`${app.base}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bo', password: 'secret' }) });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      expect(await (await fetch(`${app.base}/me`, { headers: { cookie } })).json()).toEqual({ user: 'bo' });
      const upload = (await (await fetch(`${app.base}/files`, { method: 'POST', body: new Uint8Array([1, 2, 3]) })).json()) as { name: string };
      expect(new Uint8Array(await (await fetch(`${app.base}/files/${upload.name}`)).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('fixtures/apps/nestjs-app', () => {
  const dir = path.join(appsDir, 'nestjs-app');

  it('type-checks', () => {
    expect(typeErrors(dir)).toEqual([]);
  });

  it('reports the singleton provider a controller changes, the @Cron job and the in-memory throttler', async () => {
    const result = await audit({ paths: [dir] });
    expect(result.processes).toEqual([{ kind: 'web', entry: 'src/main.ts', line: 5, reason: 'creates a NestJS app (NestFactory.create)' }]);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.category}`)).toEqual([
      'src/app.module.ts:11 no-memory-rate-limit counters',
      'src/cart/cart.service.ts:6 no-module-state caches',
      'src/tasks/tasks.service.ts:9 no-timers-in-web-process jobs',
    ]);
    expect(result.findings[1]!.evidence.map((step) => `${step.file}:${step.line} ${step.note}`)).toEqual([
      'src/cart/cart.controller.ts:8 NestJS @Post() method',
      'src/cart/cart.controller.ts:10 calls add()',
      'src/cart/cart.service.ts:11 changes this.carts',
      'src/cart/cart.service.ts:6 Module-level, static or singleton data changed while serving requests',
    ]);
  });
});

describe('fixtures/apps/nextjs-app (pages and app router)', () => {
  const dir = path.join(appsDir, 'nextjs-app');

  it('type-checks', () => {
    expect(typeErrors(dir)).toEqual([]);
  });

  it('takes route files, API pages and server actions as entries and reports their state', async () => {
    const result = await audit({ paths: [dir] });
    expect(result.processes.map((p) => `${p.kind} ${p.entry}: ${p.reason}`)).toEqual([
      'web app/actions.ts: Next.js server actions',
      'web app/api/health/route.ts: Next.js route handler file',
      'web app/api/visits/route.ts: Next.js route handler file',
      'web pages/api/upload.ts: Next.js API route',
    ]);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.category}`)).toEqual([
      'app/actions.ts:4 no-module-state caches',
      'app/api/visits/route.ts:2 no-memory-rate-limit counters',
      'pages/api/upload.ts:8 no-local-file-write files',
    ]);
    expect(result.findings.map((f) => f.evidence[0]!.note)).toEqual(['server action postMessage', 'Next.js POST route handler', 'Next.js API route']);
  });
});

describe('fixtures/apps/workspace (npm workspaces: web, jobs runner, shared)', () => {
  const dir = path.join(appsDir, 'workspace');

  it('type-checks', () => {
    expect(typeErrors(dir)).toEqual([]);
  });

  it('finds the web process and the worker, and reports what the web process loads, by package', async () => {
    const result = await audit({ paths: [dir] });
    expect(result.processes).toEqual([
      { kind: 'web', entry: 'packages/web/src/server.ts', line: 27, reason: 'calls app.listen()', package: '@shop/web' },
      { kind: 'worker', entry: 'packages/jobs-runner/src/main.ts', line: 5, reason: 'creates a BullMQ Worker', package: '@shop/jobs-runner' },
    ]);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.package}`)).toEqual([
      'packages/shared/src/metrics.ts:2 no-memory-rate-limit @shop/shared',
      'packages/web/src/server.ts:10 no-memory-rate-limit @shop/web',
      'packages/web/src/server.ts:23 no-timers-in-web-process @shop/web',
    ]);
    expect(result.diagnostics).toEqual([]);
  });
});
