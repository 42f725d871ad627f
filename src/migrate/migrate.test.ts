/**
 * `stateless migrate` end to end on a copy of express-shop: the dry run writes nothing, a dirty tree is
 * refused, the real run fixes what it reports, the after-audit finds only what it skipped, the migrated
 * app type-checks against the real packages, and a second run changes nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionsForNode } from '../../codemods/kit/dependencies.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
// Inside the repository, so the copy resolves packages from its node_modules.
const workRoot = path.join(repoRoot, '.scratch', `migrate-${process.pid}`);
const app = path.join(workRoot, 'express-shop');

function stateless(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli.ts'), ...args], { cwd: repoRoot, encoding: 'utf8' });
}

function git(args: string[]) {
  const result = spawnSync('git', args, { cwd: app, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function treeSnapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(app, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && !file.includes(`${path.sep}.git${path.sep}`)) files[path.relative(app, file)] = fs.readFileSync(file, 'utf8');
  }
  return files;
}

interface Summary {
  fixed: { file: string; line: number; ruleId: string }[];
  skipped: { file: string; line: number; ruleId: string; reason: string; fingerprint: string }[];
  generated: string[];
  dependencies: { dependencies: string[]; devDependencies: string[] };
  env: string[];
  worker: { file: string; command: string } | null;
}

describe('stateless migrate on express-shop', () => {
  let summary: Summary;
  let exitCode: number | null;

  beforeAll(() => {
    fs.rmSync(workRoot, { recursive: true, force: true });
    fs.mkdirSync(workRoot, { recursive: true });
    fs.cpSync(path.join(repoRoot, 'fixtures/apps/express-shop'), app, { recursive: true });
    git(['init', '-q']);
    git(['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'add', '-A']);
    git(['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'before migration']);
  });
  afterAll(() => fs.rmSync(workRoot, { recursive: true, force: true }));

  it('--dry-run prints diffs and writes nothing', () => {
    const before = treeSnapshot();
    const result = stateless(['migrate', app, '--dry-run']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('--- a/src/app.ts');
    expect(result.stdout).toContain('+++ b/src/stateless/redis.ts');
    expect(result.stderr).toContain('dry run, nothing written');
    expect(treeSnapshot()).toEqual(before);
  });

  it('refuses a tree with uncommitted changes unless --force', () => {
    fs.appendFileSync(path.join(app, 'src/config.ts'), '// local edit\n');
    const before = treeSnapshot();
    const result = stateless(['migrate', app]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('has uncommitted changes (src/config.ts)');
    expect(treeSnapshot()).toEqual(before);
    git(['checkout', '--', 'src/config.ts']);
  });

  it('migrates, and reports what it fixed and skipped', () => {
    const result = stateless(['migrate', app, '--format', 'json']);
    exitCode = result.status;
    summary = JSON.parse(result.stdout) as Summary;
    expect(exitCode).toBe(summary.skipped.length > 0 ? 1 : 0);
    expect(summary.fixed.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual([
      'src/app.ts:21 no-memory-session-store',
      'src/jobs/cleanup.ts:15 no-timers-in-web-process',
      'src/jobs/nightly-report.ts:7 no-timers-in-web-process',
      'src/lib/avatars.ts:7 no-module-state',
      'src/lib/products.ts:9 no-module-state',
      'src/lib/products.ts:10 no-process-cache',
      'src/routes/auth.ts:6 no-memory-rate-limit',
      'src/routes/avatar.ts:8 no-local-file-write',
      'src/routes/orders.ts:12 no-local-file-write',
      'src/server.ts:15 no-local-realtime-state',
    ]);
    expect(summary.generated).toEqual(['src/stateless/redis.ts', 'src/stateless/shared-cache.ts', 'src/stateless/s3.ts', 'src/stateless/jobs.ts', 'src/worker.ts']);
    // express-shop names no Node version: the AWS SDK release is the one for the Node running migrate.
    const nodeMajor = Number(process.versions.node.split('.')[0]);
    const aws = versionsForNode(nodeMajor);
    expect(summary.dependencies).toEqual({
      dependencies: [
        `@aws-sdk/client-s3@${aws['@aws-sdk/client-s3']}`,
        ...(nodeMajor < 22 ? [`@aws-sdk/core@${aws['@aws-sdk/core']}`] : []),
        `@aws-sdk/lib-storage@${aws['@aws-sdk/lib-storage']}`,
        '@socket.io/redis-adapter@8.3.0',
        'bullmq@6.7.0',
        'connect-redis@9.0.0',
        'multer-s3@3.0.1',
        'rate-limit-redis@6.0.1',
        'redis@6.3.1',
      ],
      devDependencies: ['@types/multer-s3@3.0.3'],
    });
    expect(summary.env).toEqual(['REDIS_URL', 'S3_BUCKET', 'S3_ENDPOINT']);
    expect(summary.worker).toEqual({ file: 'src/worker.ts', command: 'npm run worker' });
    expect(fs.readFileSync(path.join(app, '.env.example'), 'utf8')).toContain('REDIS_URL=');
    const manifest = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies['connect-redis']).toBe('9.0.0');
  });

  it('leaves for the after-audit exactly the findings it skipped', () => {
    const result = stateless(['audit', app, '--format', 'json']);
    const after = JSON.parse(result.stdout) as { findings: { file: string; ruleId: string; fingerprint: string }[] };
    // Fingerprints, not lines: a TODO comment above a skipped finding moves it down a line.
    const key = (finding: { file: string; ruleId: string; fingerprint: string }) => `${finding.file} ${finding.ruleId} ${finding.fingerprint}`;
    expect(after.findings.map(key).sort()).toEqual(summary.skipped.map(key).sort());
    expect(summary.skipped.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual([
      'src/lib/chat.ts:3 no-local-realtime-state',
      'src/lib/stats.ts:3 no-memory-rate-limit',
    ]);
  });

  it('the migrated app type-checks with the real types of the packages it now uses', () => {
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', path.join(app, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('a second run changes nothing', () => {
    git(['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'add', '-A']);
    git(['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'migrated']);
    const before = treeSnapshot();
    const result = stateless(['migrate', app, '--format', 'json']);
    const again = JSON.parse(result.stdout) as Summary;
    expect(again.fixed).toEqual([]);
    expect(again.generated).toEqual([]);
    expect(treeSnapshot()).toEqual(before);
  });
});
