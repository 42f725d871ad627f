/**
 * `stateless migrate` on copies of the other fixture apps (express-shop has its own test): exactly these
 * findings are fixed and skipped, the after-audit reports exactly the skipped ones, and the TypeScript apps
 * still type-check.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { skipMessage } from '../../codemods/kit/skip.js';
import { audit } from '../audit/audit.js';
import { planMigrationRun } from './migrate.js';
import { applyWrites } from './write-files.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const workRoot = path.join(repoRoot, '.scratch', `migrate-apps-${process.pid}`);
afterAll(() => fs.rmSync(workRoot, { recursive: true, force: true }));

const expectations: { app: string; fixed: string[]; skipped: string[]; typecheck: boolean; reasons?: string[] }[] = [
  {
    app: 'fastify-api',
    fixed: ['src/app.ts:18 no-memory-session-store', 'src/jobs/heartbeat.ts:2 no-timers-in-web-process'],
    skipped: ['src/app.ts:19 no-memory-rate-limit', 'src/lib/reports.ts:8 no-local-file-write', 'src/lib/store.ts:7 no-module-state'],
    typecheck: true,
    // The rate-limit codemod ran after session-redis had added lines above it; its reason names the line on disk.
    reasons: ['@fastify/rate-limit at line 19 counts'],
  },
  {
    app: 'hono-api',
    // Hono's route callbacks are request handlers to the codemods' kit since ce54808, so the file write is rewritten.
    fixed: ['src/routes/files.ts:12 no-local-file-write'],
    skipped: ['src/lib/auth.ts:4 no-memory-session-store', 'src/lib/limits.ts:2 no-memory-rate-limit', 'src/server.ts:9 no-timers-in-web-process'],
    typecheck: true,
  },
  {
    app: 'nestjs-app',
    fixed: [],
    skipped: ['src/app.module.ts:11 no-memory-rate-limit', 'src/cart/cart.service.ts:6 no-module-state', 'src/tasks/tasks.service.ts:9 no-timers-in-web-process'],
    typecheck: false,
  },
  {
    app: 'nextjs-app',
    fixed: [],
    skipped: ['app/actions.ts:4 no-module-state', 'app/api/visits/route.ts:2 no-memory-rate-limit', 'pages/api/upload.ts:8 no-local-file-write'],
    typecheck: false,
  },
  {
    app: 'cjs-app',
    fixed: ['src/app.js:15 no-memory-rate-limit', 'src/routes/reports.js:12 no-local-file-write', 'src/server.js:12 no-local-realtime-state'],
    skipped: ['src/app.js:13 no-memory-session-store', 'src/cleanup.js:7 no-timers-in-web-process', 'src/lib/cache.js:5 no-process-cache'],
    typecheck: false,
    // The reports now go to the bucket, but the cleanup lists them synchronously: not rewritten, so the job stays.
    reasons: ["each instance cleans its own disk, and in a worker it would clean only the worker's"],
  },
  {
    app: 'workspace',
    fixed: ['packages/web/src/server.ts:10 no-memory-rate-limit'],
    skipped: ['packages/shared/src/metrics.ts:2 no-memory-rate-limit', 'packages/web/src/server.ts:23 no-timers-in-web-process'],
    typecheck: true,
  },
];

describe.each(expectations)('stateless migrate on $app', ({ app, fixed, skipped, typecheck, reasons = [] }) => {
  const copy = path.join(workRoot, app);
  const key = (finding: { file: string; line: number; ruleId: string }) => `${finding.file}:${finding.line} ${finding.ruleId}`;

  it('fixes and skips exactly these findings; the after-audit reports only the skipped ones', async () => {
    fs.rmSync(copy, { recursive: true, force: true });
    fs.cpSync(path.join(repoRoot, 'fixtures/apps', app), copy, { recursive: true });
    const plan = await planMigrationRun({ paths: [copy] });
    expect(applyWrites(plan.writes)).toEqual([]);
    expect(plan.fixed.map(key)).toEqual(fixed);
    expect(plan.skipped.map(key)).toEqual(skipped);
    for (const skip of plan.skipped) expect(skipMessage(skip)).not.toBe('');
    for (const reason of reasons) expect(plan.skipped.map(skipMessage).join('\n')).toContain(reason);
    const after = await audit({ paths: [copy] });
    const byFingerprint = (finding: { file: string; ruleId: string; fingerprint: string }) => `${finding.file} ${finding.ruleId} ${finding.fingerprint}`;
    expect(after.findings.map(byFingerprint).sort()).toEqual(plan.skipped.map(byFingerprint).sort());
  });

  it.runIf(typecheck)('still type-checks', () => {
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', path.join(copy, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
  });
});
