// Checks that the stateful fixture app (fixtures/apps/express-shop) type-checks and really works,
// so the lint, audit and migration tests that use it start from a known-good app.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connect, type Socket } from 'socket.io-client';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './test-support/app-process.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appDir = path.join(repoRoot, 'fixtures/apps/express-shop');

describe('fixtures/apps/express-shop', () => {
  it('type-checks with zero diagnostics', () => {
    const configPath = path.join(appDir, 'tsconfig.json');
    const read = ts.readConfigFile(configPath, ts.sys.readFile);
    expect(read.error).toBeUndefined();
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, appDir);
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
    const text = ts.formatDiagnostics(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => repoRoot,
      getNewLine: () => '\n',
    });
    expect(text).toBe('');
    expect(parsed.fileNames.length).toBeGreaterThanOrEqual(10);
  });

  it('README lists the stateful lines and look-alikes where they really are', () => {
    const readme = fs.readFileSync(path.join(appDir, 'README.md'), 'utf8');
    const expected: [string, number, string][] = [
      // stateful
      ['src/app.ts', 21, 'session({'],
      ['src/routes/auth.ts', 22, 'req.session.user ='],
      ['src/routes/cart.ts', 26, 'req.session.cart = cart'],
      ['src/lib/products.ts', 9, 'const productCache = new Map'],
      ['src/lib/products.ts', 10, 'new LRUCache'],
      ['src/lib/avatars.ts', 7, 'const avatars: Record<string, StoredAvatar> = {}'],
      ['src/routes/avatar.ts', 8, 'multer({ dest: config.uploadDir'],
      ['src/routes/avatar.ts', 27, 'res.sendFile('],
      ['src/routes/orders.ts', 12, 'fs.promises.writeFile('],
      ['src/routes/orders.ts', 13, 'res.download('],
      ['src/jobs/cleanup.ts', 15, 'setInterval('],
      ['src/jobs/nightly-report.ts', 7, 'cron.schedule('],
      ['src/server.ts', 15, 'new Server(httpServer)'],
      ['src/lib/chat.ts', 3, 'const onlineUsers = new Set'],
      ['src/routes/auth.ts', 6, 'rateLimit({'],
      ['src/lib/stats.ts', 3, 'let requestCount = 0'],
      // look-alikes
      ['src/config.ts', 5, 'Object.freeze({'],
      ['src/lib/catalog.ts', 9, 'const categories = new Map(['],
      ['src/lib/catalog.ts', 15, 'const SEED: readonly Product[]'],
      ['src/lib/mailer.ts', 5, 'let mailer'],
      ['src/routes/auth.ts', 18, 'setTimeout(resolve, 200)'],
      ['src/server.ts', 10, 'fs.mkdirSync(config.uploadDir'],
      ['src/server.ts', 11, 'fs.mkdirSync(config.exportDir'],
      ['src/routes/meta.ts', 22, 'fs.promises.readFile('],
      ['src/lib/products.ts', 25, 'const seen = new Set'],
    ];
    for (const [file, line, snippet] of expected) {
      const source = fs.readFileSync(path.join(appDir, file), 'utf8').split('\n');
      expect(source[line - 1], `${file}:${line}`).toContain(snippet);
      expect(readme, `README mentions ${file}:${line}`).toContain(`${file}:${line} `);
    }
  });

  describe('running server', () => {
    let app: RunningApp | undefined;
    let dataDir = '';
    let base = '';
    let cookie = '';

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'express-shop-'));
      app = await startApp(path.join(appDir, 'src/server.ts'), { cwd: dataDir, env: { DATA_DIR: dataDir } });
      base = app.base;
    });

    afterAll(async () => {
      await app?.stop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const get = (p: string) => fetch(base + p, { headers: cookie ? { cookie } : {} });
    const send = (method: string, p: string, body: unknown) =>
      fetch(base + p, {
        method,
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });

    it('answers /health and creates its data dirs under DATA_DIR', async () => {
      const res = await fetch(`${base}/health`);
      expect(await res.json()).toEqual({ ok: true });
      expect(fs.existsSync(path.join(dataDir, 'uploads'))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'exports'))).toBe(true);
    });

    it('logs in with a session cookie and /me returns the user', async () => {
      expect((await send('POST', '/login', { username: 'admin', password: 'wrong' })).status).toBe(401);
      const res = await send('POST', '/login', { username: 'admin', password: 'secret' });
      expect(res.status).toBe(200);
      const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('connect.sid='));
      expect(setCookie).toBeDefined();
      cookie = setCookie!.split(';')[0]!;
      const me = await get('/me');
      expect(await me.json()).toEqual({ user: { id: 'admin', name: 'admin', role: 'admin' } });
    });

    it('lists products and an admin price update shows up in the cached list and detail', async () => {
      const list = (await (await get('/products')).json()) as { id: string; price: number }[];
      expect(list.map((p) => p.id)).toEqual(['p1', 'p2', 'p3', 'p4']);
      expect(await (await get('/products/p3')).json()).toMatchObject({ categoryLabel: 'Music', price: 25 });
      expect((await send('PUT', '/products/p3', { price: 19 })).status).toBe(200);
      const after = (await (await get('/products')).json()) as { id: string; price: number }[];
      expect(after.find((p) => p.id === 'p3')?.price).toBe(19);
      expect(await (await get('/products/p3')).json()).toMatchObject({ price: 19 });
    });

    it('round-trips the cart through the session', async () => {
      expect((await send('POST', '/cart', { productId: 'p2', qty: 2 })).status).toBe(201);
      await send('POST', '/cart', { productId: 'p2', qty: 1 });
      await send('POST', '/cart', { productId: 'p4', qty: 1 });
      expect(await (await get('/cart')).json()).toEqual({
        items: [
          { productId: 'p2', qty: 3 },
          { productId: 'p4', qty: 1 },
        ],
      });
    });

    it('uploads an avatar and downloads the same bytes', async () => {
      const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256));
      const form = new FormData();
      form.append('avatar', new Blob([bytes], { type: 'image/png' }), 'me.png');
      const up = await fetch(`${base}/avatar`, { method: 'POST', body: form, headers: { cookie } });
      expect(up.status).toBe(201);
      const down = await fetch(`${base}/avatar/admin`);
      expect(down.status).toBe(200);
      expect(down.headers.get('content-type')).toContain('image/png');
      expect(Buffer.from(await down.arrayBuffer()).equals(bytes)).toBe(true);
      expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toHaveLength(1);
    });

    it('downloads the CSV export and leaves the file in exports/', async () => {
      const res = await get('/orders/export.csv');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain('orders.csv');
      const csv = await res.text();
      expect(csv.split('\n')[0]).toBe('id,customer,total,created_at');
      expect(csv).toContain('o-1001,alice,67.00');
      expect(fs.readdirSync(path.join(dataDir, 'exports'))).toHaveLength(1);
    });

    it('broadcasts a chat message from one socket.io client to another', async () => {
      const alice: Socket = connect(base, { auth: { username: 'alice' }, transports: ['websocket'] });
      const bob: Socket = connect(base, { auth: { username: 'bob' }, transports: ['websocket'] });
      try {
        await Promise.all([alice, bob].map((s) => new Promise<void>((r) => s.once('connect', () => r()))));
        const online = (await (await get('/online')).json()) as { users: string[] };
        expect(online.users.sort()).toEqual(['alice', 'bob']);
        const received = new Promise<{ from: string; text: string }>((r) => bob.once('chat', r));
        alice.emit('chat', 'hi bob');
        expect(await received).toMatchObject({ from: 'alice', text: 'hi bob' });
      } finally {
        alice.close();
        bob.close();
      }
    });

    it('counts requests in /stats', async () => {
      const first = (await (await get('/stats')).json()) as { requestCount: number };
      await get('/health');
      const second = (await (await get('/stats')).json()) as { requestCount: number };
      expect(first.requestCount).toBeGreaterThan(5);
      expect(second.requestCount).toBe(first.requestCount + 2);
    });

    it('logs out', async () => {
      expect((await send('POST', '/logout', {})).status).toBe(200);
      expect((await get('/me')).status).toBe(401);
    });
  });
});
