import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempProject } from '../test-support/temp-project.js';
import { audit } from './audit.js';
import { FatalAuditError, type AuditResult } from './model.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shop = path.join(repoRoot, 'fixtures/apps/express-shop');

const server = `import express from 'express';\nconst app = express();\napp.listen(3000);\nexport default app;\n`;

describe('audit of fixtures/apps/express-shop', () => {
  let result: AuditResult;
  beforeAll(async () => {
    result = await audit({ paths: [shop] });
  });

  it('finds the web process entry', async () => {
    expect(result.processes).toEqual([{ kind: 'web', entry: 'src/server.ts', line: 21, reason: 'calls httpServer.listen()' }]);
  });

  it('reports every stateful line with rule, category, file and line', async () => {
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.category}`)).toEqual([
      'src/app.ts:21 no-memory-session-store sessions',
      'src/jobs/cleanup.ts:15 no-timers-in-web-process jobs',
      'src/jobs/nightly-report.ts:7 no-timers-in-web-process jobs',
      'src/lib/avatars.ts:7 no-module-state caches',
      'src/lib/chat.ts:3 no-local-realtime-state realtime',
      'src/lib/products.ts:9 no-module-state caches',
      'src/lib/products.ts:10 no-process-cache caches',
      'src/lib/stats.ts:3 no-memory-rate-limit counters',
      'src/routes/auth.ts:6 no-memory-rate-limit counters',
      'src/routes/avatar.ts:8 no-local-file-write files',
      'src/routes/orders.ts:12 no-local-file-write files',
      'src/server.ts:15 no-local-realtime-state realtime',
    ]);
    expect(result.summary).toEqual({
      total: 12,
      byCategory: { sessions: 1, caches: 3, files: 2, jobs: 2, realtime: 2, counters: 2 },
      files: 19,
      suppressed: 0,
      baselined: 0,
    });
    expect(result.diagnostics).toEqual([]);
  });

  it('gives each finding an evidence chain from the entry to the line', async () => {
    const session = result.findings.find((f) => f.ruleId === 'no-memory-session-store')!;
    expect(session.evidence).toEqual([
      { file: 'src/server.ts', line: 21, note: 'web process entry: calls httpServer.listen()' },
      { file: 'src/server.ts', line: 4, note: 'imports src/app.ts' },
      { file: 'src/app.ts', line: 21, note: 'Sessions kept in process memory' },
    ]);
    expect(session.remedy).toContain('connect-redis');
    expect(session.codemod).toBe('session-redis');
    expect(session.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('finds the same with the rules in worker threads', async () => {
    process.env['STATELESS_WORKERS'] = '2';
    try {
      const parallel = await audit({ paths: [shop] });
      expect(parallel.findings).toEqual(result.findings);
      expect(parallel.diagnostics).toEqual(result.diagnostics);
    } finally {
      delete process.env['STATELESS_WORKERS'];
    }
  });

  it('keeps only the categories asked for', async () => {
    const files = await audit({ paths: [shop], categories: ['files'] });
    expect(files.findings.map((f) => f.ruleId)).toEqual(['no-local-file-write', 'no-local-file-write']);
    expect(files.summary.byCategory.sessions).toBe(0);
  });
});

describe('processes', () => {
  it('takes the file the start script runs (through dist/ → src/) as the web entry when no listen() shows it', async () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ name: 'svc', scripts: { start: 'node dist/main.js', 'jobs:nightly': 'node dist/nightly.js' } }),
      'src/main.ts': `import { boot } from './boot.js';\nboot();\n`,
      'src/boot.ts': `export function boot() {\n  setInterval(() => {}, 1000);\n}\n`,
      'src/nightly.ts': `setInterval(() => {}, 86_400_000);\n`,
    });
    const result = await audit({ paths: [dir] });
    expect(result.processes).toEqual([
      { kind: 'web', entry: 'src/main.ts', line: 1, reason: 'run by the "start" script in package.json' },
      { kind: 'worker', entry: 'src/nightly.ts', line: 1, reason: 'run separately by the "jobs:nightly" script in package.json' },
    ]);
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/boot.ts:2']);
  });
});

describe('suppressions and baseline', () => {
  it('honours eslint-disable comments for stateless rules, and counts them', async () => {
    const dir = tempProject({
      'src/server.ts': `${server}// eslint-disable-next-line stateless/no-timers-in-web-process -- warms a local cache only\nsetInterval(() => {}, 1000);\nsetInterval(() => {}, 2000); // eslint-disable-line stateless/no-module-state\n/* eslint-disable */\nsetInterval(() => {}, 3000);\n/* eslint-enable */\nsetInterval(() => {}, 4000);\n`,
    });
    const result = await audit({ paths: [dir] });
    expect(result.findings.map((f) => f.line)).toEqual([7, 11]);
    expect(result.summary.suppressed).toBe(2);
  });

  it('drops baselined findings by fingerprint, even after unrelated lines move', async () => {
    const { writeBaseline } = await import('./filters/baseline.js');
    const dir = tempProject({ 'src/server.ts': `${server}setInterval(() => {}, 1000);\n` });
    const before = await audit({ paths: [dir] });
    expect(before.findings).toHaveLength(1);
    const baseline = path.join(dir, 'stateless-baseline.json');
    writeBaseline(baseline, before.findings);
    fs.writeFileSync(path.join(dir, 'src/server.ts'), `// a new comment\n\n${server}setInterval(() => {}, 1000);\nsetInterval(() => {}, 5000);\n`);
    const after = await audit({ paths: [dir], baseline });
    expect(after.findings.map((f) => f.line)).toEqual([8]);
    expect(after.summary.baselined).toBe(1);
  });
});

describe('bad input', () => {
  it('reports a syntax error as a diagnostic and audits the other files', async () => {
    const dir = tempProject({ 'src/server.ts': `${server}setInterval(() => {}, 1);\n`, 'src/broken.ts': 'export const = ;\n' });
    const result = await audit({ paths: [dir] });
    expect(result.findings.map((f) => f.file)).toEqual(['src/server.ts']);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'syntax-error', file: 'src/broken.ts', line: 1 })]);
  });

  it('skips binary and oversized files with a diagnostic each', async () => {
    const dir = tempProject({
      'src/server.ts': server,
      'src/blob.js': Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02]),
      'src/bundle.js': `// generated\n${'const x = 1;\n'.repeat(100_000)}`,
    });
    const codes = (await audit({ paths: [dir] })).diagnostics.map((d) => `${d.code} ${d.file}`);
    expect(codes).toEqual(['binary-file src/blob.js', 'file-too-large src/bundle.js']);
  });

  it('survives a symlink loop', async () => {
    const dir = tempProject({ 'src/server.ts': server });
    fs.symlinkSync(path.join(dir, 'src'), path.join(dir, 'src/again'));
    const result = await audit({ paths: [dir] });
    expect(result.summary.files).toBe(1);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['symlink-loop']);
  });

  it('goes on with defaults when the tsconfig is broken or missing', async () => {
    const dir = tempProject({ 'src/server.ts': `${server}setInterval(() => {}, 1);\n`, 'tsconfig.json': '{ "compilerOptions": { ' });
    const broken = await audit({ paths: [dir] });
    expect(broken.findings).toHaveLength(1);
    expect(broken.diagnostics.map((d) => d.code)).toEqual(['broken-tsconfig']);
    const missing = await audit({ paths: [dir], project: path.join(dir, 'nope.json') });
    expect(missing.diagnostics.map((d) => d.code)).toEqual(['missing-tsconfig']);
  });

  it('reports a missing path and audits the others; only nothing at all is fatal', async () => {
    const dir = tempProject({ 'src/server.ts': server });
    const result = await audit({ paths: [dir, path.join(dir, 'missing')] });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'missing-path' })]);
    await expect(audit({ paths: [path.join(dir, 'missing')] })).rejects.toThrow(FatalAuditError);
  });

  it('rejects an invalid configuration with a message that names the file and the key', async () => {
    const dir = tempProject({ 'src/server.ts': server, 'stateless.config.json': '{ "ignroe": [] }' });
    await expect(audit({ paths: [dir] })).rejects.toThrow(/stateless.config.json: unknown key "ignroe"/);
  });
});
