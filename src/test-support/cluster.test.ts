// Proves the cluster harness on real processes: routing, streaming, WebSockets, crashes, scaling out and cleanup.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Cluster, startProcess } from './cluster.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(repoRoot, 'fixtures/cluster');
const echoApp = path.join(fixtures, 'echo-app.ts');

interface WhoAmI {
  pid: number;
  port: number;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Opens a WebSocket through the proxy and resolves with the instance that accepted it. */
function openSocket(cluster: Cluster, headers: Record<string, string> = {}): Promise<{ socket: WebSocket; servedBy: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${cluster.url.replace('http:', 'ws:')}/ws`, { headers });
    let servedBy = -1;
    socket.once('upgrade', (response) => (servedBy = cluster.servedBy(response)));
    socket.once('open', () => resolve({ socket, servedBy }));
    socket.once('error', reject);
  });
}

function exchange(socket: WebSocket, message: string): Promise<WhoAmI & { echo: string }> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString()) as WhoAmI & { echo: string }));
    socket.send(message);
  });
}

describe('Cluster', () => {
  let cluster: Cluster;

  const whoami = async (headers: Record<string, string> = {}) => {
    const response = await fetch(`${cluster.url}/whoami`, { headers });
    expect(response.status).toBe(200);
    return { servedBy: cluster.servedBy(response), ...((await response.json()) as WhoAmI) };
  };

  beforeAll(async () => {
    cluster = await Cluster.start({ entry: echoApp, cwd: fixtures, env: { NODE_ENV: 'test' } }, 3);
  });
  afterAll(() => cluster?.stop());

  it('spreads requests round-robin, and x-served-by names the instance that answered', async () => {
    expect(cluster.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cluster.instances.map((instance) => instance.index)).toEqual([0, 1, 2]);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await whoami());
    expect(new Set(answers.map((answer) => answer.servedBy))).toEqual(new Set([0, 1, 2]));
    for (const answer of answers) expect(answer.port).toBe(cluster.instances[answer.servedBy]?.port);
    // Three consecutive requests never hit the same instance twice.
    expect(new Set(answers.slice(0, 3).map((answer) => answer.servedBy)).size).toBe(3);
  });

  it('sends the next request where routeNext says, and a request with x-instance where it says', async () => {
    cluster.routeNext(2);
    expect((await whoami()).servedBy).toBe(2);
    cluster.routeNext(0);
    expect((await whoami()).servedBy).toBe(0);
    for (let i = 0; i < 3; i++) expect((await whoami({ 'x-instance': '1' })).servedBy).toBe(1);
    // x-instance wins over routeNext, which then still applies to the next request.
    cluster.routeNext(2);
    expect((await whoami({ 'x-instance': '0' })).servedBy).toBe(0);
    expect((await whoami()).servedBy).toBe(2);

    const unknown = await fetch(`${cluster.url}/whoami`, { headers: { 'x-instance': '9' } });
    expect(unknown.status).toBe(502);
    expect(await unknown.text()).toContain('instance 9 does not exist');
    expect(() => cluster.routeNext(9)).toThrow(/no instance 9/);
  });

  it('streams a 1 MB body and a multipart upload through the proxy byte for byte', async () => {
    const bytes = randomBytes(1024 * 1024);
    const response = await fetch(`${cluster.url}/echo`, { method: 'POST', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);

    const form = new FormData();
    form.append('name', 'upload');
    form.append('file', new Blob([bytes]), 'random.bin');
    const upload = await fetch(`${cluster.url}/echo`, { method: 'POST', body: form });
    expect(upload.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const echoed = await upload.formData();
    expect(echoed.get('name')).toBe('upload');
    const file = echoed.get('file') as File;
    expect(file.name).toBe('random.bin');
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('routes WebSocket upgrades by routeNext and x-instance and pipes messages both ways', async () => {
    cluster.routeNext(1);
    const first = await openSocket(cluster);
    const second = await openSocket(cluster, { 'x-instance': '2' });
    try {
      expect(first.servedBy).toBe(1);
      expect(second.servedBy).toBe(2);
      expect(await exchange(first.socket, 'hello')).toMatchObject({ port: cluster.instances[1]?.port, echo: 'hello' });
      expect(await exchange(second.socket, 'x'.repeat(100_000))).toMatchObject({ port: cluster.instances[2]?.port });
      expect(await exchange(first.socket, 'again')).toMatchObject({ port: cluster.instances[1]?.port, echo: 'again' });
    } finally {
      first.socket.close();
      second.socket.close();
    }
    await expect(openSocket(cluster, { 'x-instance': '7' })).rejects.toThrow(/502/);
  });

  it('turns a request in flight on a killed instance into a 502, closes its sockets and avoids it afterwards', async () => {
    const victim = cluster.instances[0];
    if (!victim) throw new Error('instance 0 missing');
    const { socket } = await openSocket(cluster, { 'x-instance': '0' });
    const socketClosed = new Promise<number>((resolve) => socket.once('close', resolve));
    const pending = fetch(`${cluster.url}/slow`, { headers: { 'x-instance': '0' } });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the request has reached the instance

    await cluster.kill(0);
    expect(victim.alive).toBe(false);
    expect(isRunning(victim.pid)).toBe(false);
    // (Not checked: that its port refuses connections. Another test running beside this one may take the freed port.)
    expect((await pending).status).toBe(502);
    expect(await socketClosed).toBe(1006); // abnormal closure: no close frame

    expect(cluster.instances).toHaveLength(3); // killed instances keep their index
    const servedBy = [];
    for (let i = 0; i < 6; i++) servedBy.push((await whoami()).servedBy);
    expect(new Set(servedBy)).toEqual(new Set([1, 2]));

    const forced = await fetch(`${cluster.url}/whoami`, { headers: { 'x-instance': '0' } });
    expect(forced.status).toBe(502);
    expect(await forced.text()).toContain('instance 0 is not alive');
    expect(() => cluster.routeNext(0)).toThrow(/not alive/);
  });

  it('adds an instance with the next index to the rotation', async () => {
    const added = await cluster.addInstance();
    expect(added.index).toBe(3);
    expect(added.alive).toBe(true);
    expect(cluster.instances.map((instance) => instance.index)).toEqual([0, 1, 2, 3]);
    const servedBy = [];
    for (let i = 0; i < 6; i++) servedBy.push((await whoami()).servedBy);
    expect(new Set(servedBy)).toEqual(new Set([1, 2, 3]));
    expect(added.output()).toContain('listening');
  });

  it('stops the proxy and every instance, leaving no process and no listening port', async () => {
    const appPids = await Promise.all([1, 2, 3].map(async (index) => (await whoami({ 'x-instance': String(index) })).pid));
    const groupPids = cluster.instances.map((instance) => instance.pid);
    const ports = [...cluster.instances.map((instance) => instance.port), Number(new URL(cluster.url).port)];

    await cluster.stop();
    await cluster.stop(); // idempotent

    for (const pid of [...groupPids, ...appPids]) expect(isRunning(pid), `pid ${pid}`).toBe(false);
    for (const port of ports) expect(await refusesConnections(port), `port ${port}`).toBe(true);
    await expect(cluster.addInstance()).rejects.toThrow(/stopped/);
  });
});

describe('Cluster.start', () => {
  it('fails with the output of an instance that exits early, leaving nothing running', async () => {
    const start = Cluster.start({ entry: path.join(fixtures, 'crashing-app.ts'), cwd: fixtures, env: {} }, 2);
    await expect(start).rejects.toThrow(/exited early[\s\S]*missing configuration/);
  });
});

describe('startProcess', () => {
  it('runs a process without an HTTP endpoint until stopped', async () => {
    const worker = await startProcess(path.join(fixtures, 'worker.ts'), { cwd: fixtures, waitForOutput: /worker \d+ ready/ });
    expect(isRunning(worker.pid)).toBe(true);
    const workerPid = Number(/worker (\d+) ready/.exec(worker.output())?.[1]);
    await worker.stop();
    expect(worker.hasExited()).toBe(true);
    expect(isRunning(worker.pid)).toBe(false);
    expect(isRunning(workerPid)).toBe(false);
  });
});
