// The fixture apps beyond express-shop: exact findings, processes and evidence of the audit on each.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { audit } from './audit.js';

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


describe('fixtures/apps/workspace (npm workspaces: web, jobs runner, shared)', () => {
  const dir = path.join(appsDir, 'workspace');

  it('type-checks', () => {
    const read = ts.readConfigFile(path.join(dir, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dir);
    const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(ts.createProgram(parsed.fileNames, parsed.options))];
    expect(diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '))).toEqual([]);
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
