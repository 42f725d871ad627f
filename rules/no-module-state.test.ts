import { commonjs, ruleTester, script } from '../src/test-support/rule-tester.js';
import rule from './no-module-state.js';

ruleTester.run('no-module-state', rule, {
  valid: [
    // Constants and values never changed.
    `const TTL = 60_000;
let retries = 3;
export const config = { port: 3000 };
export function ttl() { return TTL * retries + config.port; }`,
    // A `const` Map filled only at module init, then read.
    `const prices = new Map<string, number>();
prices.set('apple', 1);
for (const [k, v] of Object.entries(defaults)) prices.set(k, v);
['pear', 'plum'].forEach((name) => prices.set(name, 2));
export function price(name: string) { return prices.get(name); }`,
    `const routes = {};
(function register() { routes.home = '/'; })();
(() => { routes.about = '/about'; })();
export const lookup = (name) => routes[name];`,
    // Filled in start-up code: init-style functions, listen callbacks, await at top level.
    `const countries = new Map();
export async function loadCountries() { for (const c of await db.countries()) countries.set(c.code, c); }
export function country(code) { return countries.get(code); }`,
    `import express from 'express';
const startedAt = {};
const app = express();
app.listen(3000, () => { startedAt.time = Date.now(); });`,
    `const table = new Map();
async function warmUp() { table.set('a', await fetchA()); }
await warmUp();
export const read = (k: string) => table.get(k);`,
    `const routes = [];
export function setup(app) { routes.push('/health'); app.get('/routes', (req, res) => res.json(routes)); }
export async function connectDb(url = process.env.DB_URL) { routes.push(url); }`,
    // Frozen objects.
    `export const roles = Object.freeze({ admin: 1 });
export function promote(user) { roles.admin = 2; }`,
    // Lazily created clients and pools, also reset on close.
    `let client;
export function getClient() { if (!client) client = createClient(); return client; }
export async function close() { await client.quit(); client = null; }`,
    `let pool: Pool | undefined;
export const db = () => (pool ??= new Pool());`,
    `let connection;
export function conn() { return connection || (connection = connect()); }`,
    `let redis = null;
export function getRedis() { return redis ? redis : (redis = new Redis()); }`,
    // Calls on a client are remote calls, not changes to module memory.
    `import Redis from 'ioredis';
let redis: Redis;
export async function connect() { redis = new Redis(); }
export async function put(k: string, v: string) { await redis.set(k, v); }`,
    `import { Injectable, OnModuleInit } from '@nestjs/common';
@Injectable()
export class CartStore implements OnModuleInit {
  private redis!: Redis;
  onModuleInit() { this.redis = new Redis(); }
  add(user: string, item: string) { return this.redis.sadd(user, item).then(() => this.redis.set('last', item)); }
}`,
    // A library cache is no-process-cache's finding, not this rule's.
    `import { LRUCache } from 'lru-cache';
let cache = new LRUCache({ max: 10 });
export function put(k, v) { cache.set(k, v); }`,
    // A server handle set at start-up and cleared on shutdown.
    `let server: Server | undefined;
export async function start() { server = app.listen(3000); }
export async function stop() { await new Promise((done) => server?.close(done)); server = undefined; }`,
    // A lazily created static instance.
    `export class Db {
  private static instance: Db | undefined;
  static get() { if (!Db.instance) Db.instance = new Db(); return Db.instance; }
  static shared() { return (this.instance ??= new Db()); }
}`,
    // Containers local to a function.
    `export function handler(req, res) {
  const seen = new Set();
  const byId = {};
  for (const item of req.body) { seen.add(item.id); byId[item.id] = item; }
  res.json(byId);
}`,
    // WeakMap/WeakSet are keyed by objects that die with the request.
    `const metadata = new WeakMap();
export function tag(req, value) { metadata.set(req, value); }`,
    // A class that is not a singleton.
    `export class Cart {
  private items = new Map<string, number>();
  add(id: string) { this.items.set(id, 1); }
}`,
    // A request-scoped NestJS provider is created per request.
    `import { Injectable, Scope } from '@nestjs/common';
@Injectable({ scope: Scope.REQUEST })
export class CartService {
  private items = new Map<string, number>();
  add(id: string) { this.items.set(id, 1); }
}`,
    // A singleton field set only in its constructor or lifecycle start-up hook.
    `import { Injectable } from '@nestjs/common';
@Injectable()
export class PricesService {
  private prices = new Map<string, number>();
  private readonly client: Client;
  constructor() { this.prices.set('a', 1); this.client = createClient(); }
  async onModuleInit() { this.prices.set('b', 2); }
  get(id: string) { return this.prices.get(id); }
}`,
    // Test, worker and script files.
    { code: `const cache = new Map();\nexport function put(k, v) { cache.set(k, v); }`, filename: 'src/x.test.ts' },
    { code: `const cache = new Map();\nexport function put(k, v) { cache.set(k, v); }`, filename: 'test/x.ts' },
    { code: `const cache = new Map();\nexport function put(k, v) { cache.set(k, v); }`, filename: 'src/workers/x.ts' },
    { code: `const cache = new Map();\nexport function put(k, v) { cache.set(k, v); }`, filename: 'scripts/backfill.ts' },
    { code: `const cache = new Map();\nexport function put(k, v) { cache.set(k, v); }`, filename: 'src/jobs/x.ts', options: [{ workerFiles: ['src/jobs/**'] }] },
    {
      code: `const cache = new Map();\nexport function put(k, v) { cache.set(k, v); }`,
      filename: 'src/jobs/x.ts',
      settings: { stateless: { workerFiles: ['src/jobs/**'] } },
    },
    // State of other categories: sessions, counters, flags and locks, connection registries.
    `const sessions = new Map();
export function login(id: string, user: string) { sessions.set(id, user); }`,
    `let requestCount = 0;
export const count = (_req, _res, next) => { requestCount++; next(); };`,
    `const loginAttempts = new Map();
export function fail(ip) { loginAttempts.set(ip, (loginAttempts.get(ip) ?? 0) + 1); }`,
    `const stats = { hits: 0, errors: 0 };
app.use((req, res, next) => { stats.hits++; next(); });
app.use((err, req, res, next) => { stats.errors += 1; next(err); });`,
    `let isRunning = false;
export async function run() { isRunning = true; }`,
    `import { WebSocketServer } from 'ws';
const clients = new Set();
new WebSocketServer({ port: 1 }).on('connection', (ws) => clients.add(ws));`,
    // A local variable that shadows a module-level one.
    `const cache = new Map();
export function f() { const cache = new Map(); cache.set(1, 2); return cache; }`,
    // A singleton's session map belongs to no-memory-session-store.
    `class SessionService {
  private sessions = new Map<string, string>();
  create(id: string, user: string) { this.sessions.set(id, user); }
}
export default new SessionService();`,
    // A singleton's lazily created client.
    `import { Injectable } from '@nestjs/common';
@Injectable()
export class CacheService {
  private client?: Redis;
  private get redis() { return (this.client ??= new Redis()); }
}`,
    // Reading, iterating and copying do not change the container.
    `const items = [1, 2, 3];
export function list() { return [...items].sort().map((x) => x * 2).slice(0, 2); }`,
  ],
  invalid: [
    // Map, Set, object and array containers that functions change.
    {
      code: `const cache = new Map<string, User>();
export async function getUser(id: string) {
  const hit = cache.get(id);
  if (hit) return hit;
  const user = await db.find(id);
  cache.set(id, user);
  return user;
}`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `const seen = new Set();
app.post('/events', (req, res) => { seen.add(req.body.id); res.end(); });`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `const carts: Record<string, string[]> = {};
export function addToCart(userId: string, item: string) { (carts[userId] ??= []).push(item); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `const orders = [];
export function place(order) { orders.push(order); }`,
      filename: 'src/orders.js',
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `const carts = new Map();
export function add(user, item) { carts.get(user).push(item); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `const profiles = {};
export function remove(id) { delete profiles[id]; }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `const settings = Object.create(null);
export function update(patch) { Object.assign(settings, patch); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `const users = new Map();
export function rename(id, name) { users.get(id).name = name; }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `export const recent: string[] = [];
export function track(path: string) { recent.unshift(path); recent.length = 10; }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 14 }],
    },
    // A container that counts and also stores is data.
    {
      code: `const stats = { hits: 0, lastPath: '' };
app.use((req, res, next) => { stats.hits++; stats.lastPath = req.path; next(); });`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    // Module-level `let` reassigned in a function.
    {
      code: `let currentUser = null;
export function setUser(user) { currentUser = user; }
export const getUser = () => currentUser;`,
      errors: [{ messageId: 'moduleState', line: 1, column: 5 }],
    },
    {
      code: `let latest: Price[] = [];
export async function refresh() { latest = await fetchPrices(); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 5 }],
    },
    // A container created lazily is still a container.
    {
      code: `let memo: Map<string, number> | undefined;
export function remember(k: string, v: number) {
  if (!memo) memo = new Map();
  memo.set(k, v);
}`,
      errors: [{ messageId: 'moduleState', line: 1, column: 5 }],
    },
    // Properties written on an object made elsewhere.
    {
      code: `let state = loadState();
export function save(id, value) { state[id] = value; }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 5 }],
    },
    // A lazy creation does not excuse other writes.
    {
      code: `let token;
export function getToken() { if (!token) token = fetchToken(); return token; }
export function setToken(t) { token = t; }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 5 }],
    },
    // Request handlers named like start-up code are still request handling.
    {
      code: `const users = new Map();
export async function register(req, res) { users.set(req.body.email, req.body); res.end(); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `const pending = new Map();
export function initiateCheckout(cartId: string, items: string[]) { pending.set(cartId, items); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `const products = new Map();
async function loadProduct(id) {
  if (!products.has(id)) products.set(id, await db.product(id));
  return products.get(id);
}
app.get('/products/:id', async (req, res) => res.json(await loadProduct(req.params.id)));`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `import { Body, Controller, Post } from '@nestjs/common';
@Controller('users')
export class UsersController {
  private users: string[] = [];
  @Post() register(@Body() body: { email: string }) { this.users.push(body.email); }
}`,
      errors: [{ messageId: 'providerState', line: 4, column: 3 }],
    },
    // Filled at start-up and again while serving.
    {
      code: `const table = new Map();
async function refresh() { table.set('a', await fetchA()); }
await refresh();
app.post('/refresh', async (req, res) => { await refresh(); res.end(); });`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `export let flags = {};
export function toggle(name) { flags = { ...flags, [name]: !flags[name] }; }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 12 }],
    },
    // A start-up name that takes per-request input runs per request.
    {
      code: `const users = new Map();
export async function loadUser(id: string) {
  if (!users.has(id)) users.set(id, await db.user(id));
  return users.get(id);
}`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    // Names that only contain a category word stay caches.
    {
      code: `const accounts = new Map();
export function open(id, account) { accounts.set(id, account); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `const assessments = new Map();
export function save(id, a) { assessments.set(id, a); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    // Without a realtime import, `clients` is just data.
    {
      code: `const clients = new Map();
export function addClient(id, client) { clients.set(id, client); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    // Several declarators in one statement, each at its own position.
    {
      code: `const a = new Map(), b = new Map();
export function put(k, v) { a.set(k, v); b.set(k, v); }`,
      errors: [
        { messageId: 'moduleState', line: 1, column: 7 },
        { messageId: 'moduleState', line: 1, column: 22 },
      ],
    },
    // CommonJS and other file kinds.
    {
      code: `const cache = {};
module.exports = function middleware(req, res, next) { cache[req.path] = Date.now(); next(); };`,
      ...commonjs,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `var store = [];
exports.add = function (x) { store.push(x); };`,
      ...script,
      errors: [{ messageId: 'moduleState', line: 1, column: 5 }],
    },
    {
      code: `const memo = new Map();
export default function handler(req, res) { memo.set(req.url, 1); res.end(); }`,
      filename: 'src/pages/api/memo.mjs',
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      code: `const drafts = new Map<string, string>();
export function Editor({ id }: { id: string }) { drafts.set(id, ''); return <div />; }`,
      filename: 'src/editor.tsx',
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
  ],
});
