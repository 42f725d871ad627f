import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { redisAdapter } from '../../codemods/kit/adapters/redis.js';
import { s3Adapter } from '../../codemods/kit/adapters/s3.js';
import { tempProject } from '../test-support/temp-project.js';
import type { MigrationPlan } from './migrate.js';
import { localServices, runLocallyLines } from './run-locally.js';
import { textSummary } from './summary.js';

function plan(root: string, changes: Partial<MigrationPlan>): MigrationPlan {
  return {
    root,
    writes: [],
    outcomes: [],
    fixed: [],
    skipped: [],
    notes: [],
    notWritten: [],
    dependencies: { dependencies: [], devDependencies: [] },
    scripts: [],
    env: [],
    generated: [],
    ...changes,
  } as unknown as MigrationPlan;
}

describe('the summary says how to run the migrated app locally', () => {
  it('Redis, MinIO with its bucket, the install, no variables for development, the app and its worker', () => {
    const root = tempProject({ 'package.json': JSON.stringify({ scripts: { start: 'node dist/server.js', dev: 'tsx watch src/server.ts' } }) });
    const migrated = plan(root, {
      env: ['REDIS_URL', 'S3_BUCKET', 'S3_ENDPOINT'],
      dependencies: { dependencies: ['redis@6.3.1'], devDependencies: [] },
      scripts: ['worker: node dist/worker.js', 'worker:dev: tsx watch src/worker.ts'],
      worker: { file: 'src/worker.ts', command: 'npm run worker' },
    });
    expect(runLocallyLines(migrated)).toEqual([
      '',
      'Run it locally:',
      '  1. Start Redis and an S3-compatible server (MinIO) with the bucket local-uploads:',
      `       ${localServices.redis}`,
      `       ${localServices.s3}`,
      `       ${localServices.bucket}`,
      "  2. Install the added packages: npm install (or your package manager's install).",
      '  3. In development the new variables may stay unset: REDIS_URL defaults to redis://127.0.0.1:6379; without S3_BUCKET and S3_ENDPOINT, files go to the MinIO at http://127.0.0.1:9000 (user minioadmin). With NODE_ENV=production the app refuses to start without REDIS_URL and S3_BUCKET.',
      '  4. Start the app (npm run dev) and, in a second terminal, its worker: npm run worker:dev.',
      '  While a service is down, the app prints one line saying what to start, and keeps retrying.',
    ]);
    expect(textSummary(migrated, { dryRun: false })).toContain('\n\nRun it locally:\n  1. Start Redis and an S3');
  });

  it('Redis only, no worker, a start script', () => {
    const root = tempProject({ 'package.json': JSON.stringify({ scripts: { start: 'tsx src/server.ts' } }) });
    expect(runLocallyLines(plan(root, { env: ['REDIS_URL'] }))).toEqual([
      '',
      'Run it locally:',
      '  1. Start Redis:',
      `       ${localServices.redis}`,
      '  2. In development the new variables may stay unset: REDIS_URL defaults to redis://127.0.0.1:6379. With NODE_ENV=production the app refuses to start without REDIS_URL.',
      '  3. Start the app: npm start.',
      '  While a service is down, the app prints one line saying what to start, and keeps retrying.',
    ]);
  });

  it('nothing new to run: no such section', () => {
    expect(runLocallyLines(plan(path.join(tempProject({}), 'none'), {}))).toEqual([]);
  });

  it('the commands start what the adapters default to in development', () => {
    expect(localServices.redis).toContain('-p 6379:6379 redis');
    expect(redisAdapter).toContain("return 'redis://127.0.0.1:6379';");
    expect(localServices.s3).toContain('-p 9000:9000 minio/minio server /data');
    expect(localServices.bucket).toContain('mc alias set local http://127.0.0.1:9000 minioadmin minioadmin && mc mb --ignore-existing local/local-uploads');
    expect(s3Adapter).toContain("const endpoint = localDefaults ? 'http://127.0.0.1:9000' : process.env.S3_ENDPOINT;");
    expect(s3Adapter).toContain("credentials: { accessKeyId: 'minioadmin', secretAccessKey: 'minioadmin' }");
    expect(s3Adapter).toContain("return 'local-uploads';");
  });
});
