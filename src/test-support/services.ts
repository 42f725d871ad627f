/**
 * Real services for tests, on free loopback ports: a `redis-server` process and an S3-compatible server
 * (s3rver). Each start returns a stop that the test must call (in afterAll), and stops on process exit too.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { freePort } from './app-process.js';

export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function waitForPort(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port} after ${ms} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** Starts `redis-server` (installed by .ci/run) without persistence on a free port. */
export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const spawnError = new Promise<never>((_resolve, reject) => child.once('error', (error) => reject(new Error(`could not start redis-server (install it: apt-get install -y redis-server): ${error.message}`))));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  try {
    await Promise.race([waitForPort(port, 10_000), spawnError]);
  } catch (error) {
    kill();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise((resolve) => {
        process.removeListener('exit', kill);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface RunningS3 {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  bucket: string;
  /** What the app needs in its environment to use this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts s3rver with one bucket, files in a temporary folder removed on stop. */
export async function startS3(bucket = 'stateless-test'): Promise<RunningS3> {
  const { default: S3rver } = await import('s3rver');
  const port = await freePort();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    // s3rver accepts the key pair S3RVER / S3RVER.
    env: { S3_ENDPOINT: endpoint, S3_BUCKET: bucket, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' },
    stop: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
