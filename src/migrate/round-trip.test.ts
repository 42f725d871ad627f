/**
 * The generated adapters against the real thing: a `redis-server` and an S3-compatible server started here.
 * Every program runs as its own process, as instances of a scaled-out app do.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Queue } from 'bullmq';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAdapter } from '../../codemods/kit/adapters/render.js';
import type { AdapterId } from '../../codemods/kit/codemod.js';
import { runCodemod } from '../../codemods/kit/run.js';
import { sessionRedis } from '../../codemods/session-redis/index.js';
import { uploadsObjectStorage } from '../../codemods/uploads-object-storage/index.js';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Codemod } from '../../codemods/kit/codemod.js';
import { freePort, startApp, type RunningApp } from '../test-support/app-process.js';
import { startRedis, startS3, type RunningRedis, type RunningS3 } from '../test-support/services.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(repoRoot, 'fixtures/round-trip');
const project = path.join(repoRoot, '.scratch', `round-trip-${process.pid}`);
const tsxCli = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
/** The app's name its Redis keys begin with. */
const appName = 'round-trip';

let redisServer: RunningRedis;
let s3Server: RunningS3;
const apps: RunningApp[] = [];

function environment(): Record<string, string> {
  return { REDIS_URL: redisServer.url, ...s3Server.env, NODE_ENV: 'production' };
}

/** Runs a program of the scratch project to its end and returns what it printed. */
function runProgram(file: string, args: string[] = []): string {
  const result = spawnSync(process.execPath, [tsxCli, path.join(project, file), ...args], { cwd: project, env: { ...process.env, ...environment() }, encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`${file} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

beforeAll(async () => {
  [redisServer, s3Server] = await Promise.all([startRedis(), startS3()]);
  fs.rmSync(project, { recursive: true, force: true });
  fs.cpSync(fixture, project, { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ type: 'module' }));
  for (const adapter of ['redis', 'shared-cache', 's3', 'jobs'] as AdapterId[]) {
    const rendered = renderAdapter(adapter, { language: 'ts', module: 'esm', importExtension: '.js' }, appName);
    fs.mkdirSync(path.join(project, 'stateless'), { recursive: true });
    fs.writeFileSync(path.join(project, 'stateless', rendered.fileName), rendered.text);
  }
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await Promise.all([redisServer?.stop(), s3Server?.stop()]);
  fs.rmSync(project, { recursive: true, force: true });
});

/** Migrates a fixture program with the given codemods (in migrate's order) into the scratch project; returns its file. */
function migrateProgram(name: string, chain: readonly Codemod[]): string {
  let source = fs.readFileSync(path.join(fixture, `${name}.input.ts`), 'utf8');
  const file = path.join(project, `${name}.ts`);
  for (const codemod of chain) {
    const outcome = runCodemod(codemod, { file, source, adapterDir: path.join(project, 'stateless'), packageType: 'module', appName });
    expect(outcome.skips).toEqual([]);
    expect(outcome.changes.length).toBeGreaterThan(0);
    source = outcome.source;
  }
  fs.writeFileSync(file, source);
  return file;
}

/** Migrates a fixture program and starts two instances of it. */
async function migrateAndStartTwice(name: string, chain: readonly Codemod[]): Promise<[RunningApp, RunningApp]> {
  const file = migrateProgram(name, chain);
  const [first, second] = await Promise.all([0, 1].map(() => startApp(file, { cwd: project, env: environment() })));
  apps.push(first!, second!);
  return [first!, second!];
}

describe('session-redis', () => {
  it('a session written through the migrated store is read by a second app instance', async () => {
    const [first, second] = await migrateAndStartTwice('session-app', [sessionRedis]);
    const login = await fetch(`${first.base}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'ada' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    // express-session holds back the answer's last byte until the store has saved the session: a client that has
    // the whole answer (as a browser waits for it) can count on it; the headers alone come before the save.
    expect(await login.json()).toEqual({ user: 'ada' });
    const me = (await (await fetch(`${second.base}/me`, { headers: { cookie } })).json()) as { user: string | null; pid: number };
    const own = (await (await fetch(`${first.base}/me`, { headers: { cookie } })).json()) as { pid: number };
    expect(me.user).toBe('ada');
    expect(me.pid).not.toBe(own.pid);
  });
});

describe('uploads-object-storage', () => {
  it('an upload through one instance lands in the bucket and is downloaded through another', async () => {
    const [first, second] = await migrateAndStartTwice('upload-app', [sessionRedis, uploadsObjectStorage]);
    const picture = Buffer.from(Array.from({ length: 4096 }, (_, index) => index % 251));
    const form = new FormData();
    form.append('avatar', new Blob([picture], { type: 'image/png' }), 'me.png');
    const uploaded = await fetch(`${first.base}/avatar`, { method: 'POST', body: form });
    expect(uploaded.status).toBe(201);
    const { stored } = (await uploaded.json()) as { stored: string };
    expect(stored).toMatch(/^uploads\/[0-9a-f-]{36}$/);

    const s3 = new S3Client({ region: 'us-east-1', endpoint: s3Server.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: s3Server.bucket, Prefix: 'uploads/' }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual([stored]);
    const object = await s3.send(new GetObjectCommand({ Bucket: s3Server.bucket, Key: stored }));
    expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(picture);
    s3.destroy();

    const cookie = uploaded.headers.get('set-cookie')!.split(';')[0]!;
    const downloaded = await fetch(`${second.base}/avatar`, { headers: { cookie } });
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await downloaded.arrayBuffer())).toEqual(picture);
  });
});

describe('shared-cache', () => {
  it('an entry set by one process is seen by another, and expires with its TTL', async () => {
    expect(JSON.parse(runProgram('cache-client.ts', ['set', 'product:1', '{"price":12}']))).toEqual({ value: { price: 12 }, size: 1 });
    expect(JSON.parse(runProgram('cache-client.ts', ['get', 'product:1']))).toEqual({ value: { price: 12 }, size: 1 });
    runProgram('cache-client.ts', ['set', 'short', '"lived"', '200']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(JSON.parse(runProgram('cache-client.ts', ['get', 'short']))).toEqual({ value: null, size: 1 });
  });
});

describe('jobs', () => {
  it('three web instances schedule a repeatable job once; the worker runs it once per period', async () => {
    for (let instance = 0; instance < 3; instance += 1) runProgram('job-web.ts');
    const client = createClient({ url: redisServer.url });
    await client.connect();
    try {
      const queue = new Queue('stateless-jobs', { connection: client, prefix: appName });
      expect((await queue.getJobSchedulers()).map((scheduler) => [scheduler.key, scheduler.every])).toEqual([['round-trip:count', 400]]);
      await queue.close();
      const started = Date.now();
      runProgram('job-worker.ts', ['2000']);
      const elapsed = Date.now() - started;
      const runs = Number(await client.get('round-trip:runs'));
      // Once per 400 ms period in all: three web instances do not triple it.
      expect(runs).toBeGreaterThanOrEqual(2);
      expect(runs).toBeLessThanOrEqual(Math.ceil(elapsed / 400) + 1);
    } finally {
      await client.close();
    }
  });
});

/** The status of a GET on a connection opened for it (no keep-alive reuse). */
function statusOnNewConnection(url: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on('error', reject);
  });
}

describe('the first five minutes: the migrated app in development, Redis not started yet', () => {
  it('starts, answers, and says once what to start, however many requests wait for Redis', async () => {
    const file = migrateProgram('session-app', [sessionRedis]);
    const port = await freePort();
    const app = await startApp(file, { cwd: project, env: { REDIS_URL: `redis://127.0.0.1:${port}`, NODE_ENV: 'development' } });
    apps.push(app);
    const login = await fetch(`${app.base}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'ada' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    // The store's commands wait for Redis up to their timeout, then fail: the app answers 500 for what needs a session.
    const me = await fetch(`${app.base}/me`, { headers: { cookie } });
    expect(me.status).toBe(500);
    // On a connection of its own: the one /me waited on may be closed by the server's keep-alive timeout as it is reused.
    expect(await statusOnNewConnection(`${app.base}/health`)).toBe(200);
    const redisLines = app.output().split('\n').filter((line) => line.includes('[redis]') || line.includes('ECONNREFUSED'));
    expect(redisLines).toEqual([
      `[redis] cannot reach redis://127.0.0.1:${port} (ECONNREFUSED) — start one: docker run -p ${port}:6379 redis, or redis-server --port ${port}; retrying in the background`,
    ]);
  });
});
