/**
 * The proof: express-shop as written and as `stateless migrate` leaves it, run as separate instances behind
 * a round-robin proxy with a real Redis and a real S3-compatible server. Every story must fail before the
 * migration and succeed after it; the README's table is what this suite measured.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../test-support/cluster.js';
import { startRedis, startS3, type RunningRedis, type RunningS3 } from '../test-support/services.js';
import { crash, loadRun } from './crash-and-load.js';
import { exportCleanup } from './exports-cleanup.js';
import { expectReadmeTable } from './readme-table.js';
import { deploy, missingDependencies, prepareApp, type Deployment, type PreparedApp } from './prepare.js';
import { expressShopStories, renderResultsTable, type Results } from './results-table.js';
import { jobRunsPerPeriod, newServer, rateLimit, realtime, staleCache, uploads, wrongServer, type Observation } from './scenarios.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const scratch = path.join(repoRoot, '.scratch', `proof-${process.pid}`);
const CLEANUP_PERIOD_MS = 500;
/** Exports older than this are the cleanup's (the app's own setting, EXPORT_MAX_AGE_MS; an hour by default). */
const EXPORT_MAX_AGE_MS = 2_000;
const results: Results<keyof typeof expressShopStories> = {};
let redis: RunningRedis;
let s3: RunningS3;

beforeAll(async () => {
  [redis, s3] = await Promise.all([startRedis(), startS3('proof-uploads')]);
});
afterAll(async () => {
  await Promise.all([redis?.stop(), s3?.stop()]);
  fs.rmSync(scratch, { recursive: true, force: true });
});

function observed(id: keyof typeof expressShopStories, phase: 'before' | 'after', observation: Observation): void {
  results[id] = { ...results[id], [phase]: observation };
  // Before the migration every story loses state; after it, none may.
  expect(observation.kept, `${id} ${phase}: ${observation.detail}`).toBe(phase === 'after');
}

describe.each(['before', 'after'] as const)('express-shop %s stateless migrate', (phase) => {
  let app: PreparedApp;
  let deployment: Deployment;
  let cluster: Cluster;

  beforeAll(async () => {
    app = prepareApp('express-shop', phase, scratch);
    if (app.summary) expect(missingDependencies(app.summary)).toEqual([]);
    const environment = {
      REDIS_URL: redis.url,
      ...s3.env,
      CLEANUP_INTERVAL_MS: String(CLEANUP_PERIOD_MS),
      EXPORT_MAX_AGE_MS: String(EXPORT_MAX_AGE_MS),
      SESSION_SECRET: 'proof',
      NODE_ENV: 'production',
    };
    // The worker runs beside instance A, configured like it: the same data folder setting. Keys in the bucket are
    // the paths the app writes to, so the folder the cleanup lists is the one A's exports are stored under.
    deployment = await deploy(app, environment, { DATA_DIR: path.join(app.folder, '.data-0') });
    cluster = deployment.cluster;
  }, 120_000);

  afterAll(async () => {
    await deployment?.stop();
  });

  it('1. wrong server: the next request lands on B', async () => {
    observed('wrongServer', phase, await wrongServer(cluster, `ada-${phase}`));
  });

  it('2. uploads: uploaded through A, downloaded through B', async () => {
    observed('uploads', phase, await uploads(cluster, `bob-${phase}`));
  });

  it('8. cache: a price changed through A is not served stale by B', async () => {
    observed('cache', phase, await staleCache(cluster, `admin-${phase}`));
  });

  it('7. realtime: a chat message from A reaches a client on B', async () => {
    observed('realtime', phase, await realtime(cluster, `chat-${phase}`));
  });

  it('3. new server: C serves existing users at once', async () => {
    observed('newServer', phase, await newServer(cluster, `cleo-${phase}`));
  });

  it('5. jobs: the cleanup runs once per period with three web instances', async () => {
    const runs = await jobRunsPerPeriod(deployment.jobOutputs, /cleanup ran/g, CLEANUP_PERIOD_MS, 4_000);
    const live = cluster.instances.filter((instance) => instance.alive).length;
    observed('jobs', phase, runs === 1 ? { kept: true, detail: 'runs once per period (in the worker)' } : { kept: false, detail: `runs ${runs} times per period with ${live} instances` });
  });

  it.runIf(phase === 'after')('5. jobs: the cleanup in the worker deletes old exports from the bucket', async () => {
    const prefix = `${path.join(app.folder, '.data-0', 'exports').replace(/^\/+/, '')}/`;
    const cleanup = await exportCleanup(cluster, s3, prefix, 0, EXPORT_MAX_AGE_MS + 6_000);
    expect(cleanup.stored).toEqual([expect.stringMatching(/^.*\/exports\/orders-\d+\.csv$/)]);
    expect(cleanup.deleted, `still in the bucket after ${cleanup.ms} ms`).toBe(true);
    expect(cleanup.ms).toBeGreaterThanOrEqual(EXPORT_MAX_AGE_MS - 1_000);
  }, 30_000);

  it('4. crash: kill -9 A during a stream of requests', async () => {
    observed('crash', phase, await crash(cluster, `dan-${phase}`, 0, 1));
  });

  it.runIf(phase === 'after')('load: ~2,000 requests with one crash and one new instance lose nothing', async () => {
    const victim = 1;
    const result = await loadRun(cluster, { users: 20, steps: 100, victim, prefix: `load-${phase}` });
    expect(result.requests).toBeGreaterThanOrEqual(2_000);
    expect(result.lost).toEqual([]);
    // The only errors: requests the killed instance had in flight when it died (refused: 502; cut mid-answer: 0).
    expect(result.failures.filter((failure) => !([0, 502].includes(failure.status) && failure.servedBy === victim))).toEqual([]);
    expect(result.failures.length).toBeLessThanOrEqual(20);
    observed('load', phase, { kept: true, detail: 'nothing lost; the only errors are requests in flight on the killed instance' });
  }, 180_000);

  it('6. rate limit: the login limit holds across instances', async () => {
    observed('rateLimit', phase, await rateLimit(cluster, `eve-${phase}`));
  });
});

describe('README', () => {
  it('shows the table this suite measured', () => {
    expectReadmeTable('proof', renderResultsTable('express-shop, 2–3 instances behind a round-robin proxy', expressShopStories, results));
  });
});
