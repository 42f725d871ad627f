import { commonjs, ruleTester, script } from '../src/test-support/rule-tester.js';
import rule from './no-memory-session-store.js';

ruleTester.run('no-memory-session-store', rule, {
  valid: [
    // A shared store: connect-redis, inline, in a variable, spread in, or set after the declaration.
    `import session from 'express-session';
import { RedisStore } from 'connect-redis';
app.use(session({ store: new RedisStore({ client }), secret: 's' }));`,
    `import session from 'express-session';
import RedisStore from 'connect-redis';
const opts = { secret: 's', store: new RedisStore({ client }) };
app.use(session(opts));`,
    `import session from 'express-session';
const base = { store: redisStore };
app.use(session({ ...base, secret: 's' }));`,
    `import session from 'express-session';
const opts: session.SessionOptions = { secret: 's' };
opts.store = redisStore;
app.use(session(opts));`,
    `import session from 'express-session';
import MongoStore from 'connect-mongo';
app.use(session({ secret: 's', store: MongoStore.create({ mongoUrl }) }));`,
    // Options the file cannot see: not reported rather than guessed.
    `import session from 'express-session';
app.use(session(sessionOptions()));`,
    `import session from 'express-session';
app.use(session({ ...sharedOptions, secret: 's' }));`,
    // Cookie sessions keep nothing in process memory.
    `import cookieSession from 'cookie-session';
app.use(cookieSession({ name: 'session', keys: ['k'] }));`,
    `import secureSession from '@fastify/secure-session';
fastify.register(secureSession, { key, cookie: { path: '/' } });`,
    `import session from 'koa-session';
app.use(session({ key: 'sid' }, app));`,
    `import { getIronSession } from 'iron-session';
export async function GET() { const session = await getIronSession(cookies(), { password, cookieName: 'sid' }); }`,
    `import { sessionMiddleware, CookieStore } from 'hono-sessions';
app.use('*', sessionMiddleware({ store: new CookieStore(), encryptionKey }));`,
    `import nextSession from 'next-session';
import { promisifyStore } from 'next-session/lib/compat';
export const getSession = nextSession({ store: promisifyStore(redisStore) });`,
    // @fastify/session with a store.
    `import fastifySession from '@fastify/session';
import RedisStore from 'connect-redis';
fastify.register(fastifySession, { secret, store: new RedisStore({ client }) });`,
    // koa-generic-session with a Redis store.
    `import session from 'koa-generic-session';
import redisStore from 'koa-redis';
app.use(session({ store: redisStore() }));`,
    // A local `session` function is not express-session.
    `function session(options: object) { return options; }
app.use(session({ secret: 's' }));`,
    // A local variable named `sessions` inside a function.
    `export function handler(req, res) {
  const sessions = new Map();
  sessions.set(req.id, req.user);
  res.json([...sessions]);
}`,
    // A session map only filled at start-up and then read.
    `const sessions = new Map([['fixture', { userId: 1 }]]);
sessions.set('admin', { userId: 0 });
export function find(id: string) { return sessions.get(id); }`,
    // A WeakMap is keyed by objects that die with the request.
    `const sessionData = new WeakMap();
export function attach(req, data) { sessionData.set(req, data); }`,
    // Test files, worker files and scripts are not the web process.
    { code: `import session from 'express-session';\napp.use(session({ secret: 's' }));`, filename: 'src/app.test.ts' },
    { code: `import session from 'express-session';\napp.use(session({ secret: 's' }));`, filename: 'test/app.ts' },
    { code: `const sessions = new Map();\nexport function login(id, user) { sessions.set(id, user); }`, filename: 'src/workers/sessions.ts' },
    { code: `import session from 'express-session';\napp.use(session({ secret: 's' }));`, filename: 'src/e2e/app.ts', options: [{ testFiles: ['src/e2e/**'] }] },
    {
      code: `import session from 'express-session';\napp.use(session({ secret: 's' }));`,
      filename: 'src/e2e/app.ts',
      settings: { stateless: { testFiles: ['src/e2e/**'] } },
    },
    // The session map rule does not take counters or caches.
    `const cache = new Map();\nexport function put(k, v) { cache.set(k, v); }`,
  ],
  invalid: [
    // express-session default export, every import form.
    {
      code: `import session from 'express-session';
app.use(session({ secret: 's', resave: false }));`,
      errors: [{ messageId: 'defaultStore', line: 2, column: 9 }],
    },
    {
      code: `import session from 'express-session';
app.use(session());`,
      errors: [{ messageId: 'defaultStore', line: 2, column: 9 }],
    },
    {
      code: `import * as session from 'express-session';
app.use(session.default({ secret: 's' }));`,
      errors: [{ messageId: 'defaultStore', line: 2, column: 9 }],
    },
    {
      code: `import { default as expressSession } from 'express-session';
app.use(expressSession({ secret: 's' }));`,
      errors: [{ messageId: 'defaultStore', line: 2, column: 9 }],
    },
    {
      code: `const session = require('express-session');
app.use(session({ secret: 's' }));`,
      ...commonjs,
      errors: [{ messageId: 'defaultStore', line: 2, column: 9 }],
    },
    {
      code: `app.use(require('express-session')({ secret: 's' }));`,
      ...commonjs,
      errors: [{ messageId: 'defaultStore', line: 1, column: 9 }],
    },
    {
      code: `const session = require('express-session');
app.use(session({ secret: 's' }));`,
      ...script,
      errors: [{ messageId: 'defaultStore', line: 2, column: 9 }],
    },
    {
      code: `import session = require('express-session');
app.use(session({ secret: 's' }));`,
      errors: [{ messageId: 'defaultStore', line: 2, column: 9 }],
    },
    {
      code: `import session from 'express-session';
const s = session;
app.use(s({ secret: 's' }));`,
      errors: [{ messageId: 'defaultStore', line: 3, column: 9 }],
    },
    // Options held in a variable, spread, or with a store only in a nested key.
    {
      code: `import session from 'express-session';
const opts = { secret: process.env.SECRET, cookie: { maxAge: 1000 } };
app.use(session(opts));`,
      errors: [{ messageId: 'defaultStore', line: 3, column: 9 }],
    },
    {
      code: `import session from 'express-session';
const base = { secret: 's' };
app.use(session({ ...base, resave: false }));`,
      errors: [{ messageId: 'defaultStore', line: 3, column: 9 }],
    },
    {
      code: `import session from 'express-session';
app.use(session({ secret: 's', cookie: { store: true } } as session.SessionOptions));`,
      errors: [{ messageId: 'defaultStore', line: 2, column: 9 }],
    },
    // The MemoryStore, named explicitly.
    {
      code: `import session, { MemoryStore } from 'express-session';
app.use(session({ secret: 's', store: new MemoryStore() }));`,
      errors: [{ messageId: 'memoryStore', line: 2, column: 39 }],
    },
    {
      code: `const session = require('express-session');
app.use(session({ secret: 's', store: new session.MemoryStore() }));`,
      ...commonjs,
      errors: [{ messageId: 'memoryStore', line: 2, column: 39 }],
    },
    {
      code: `const { MemoryStore: Store } = require('express-session');
export const store = new Store();`,
      ...commonjs,
      errors: [{ messageId: 'memoryStore', line: 2, column: 22 }],
    },
    // memorystore: `require('memorystore')(session)` makes the class.
    {
      code: `import session from 'express-session';
import createMemoryStore from 'memorystore';
const MemoryStore = createMemoryStore(session);
app.use(session({ secret: 's', store: new MemoryStore({ checkPeriod: 86400000 }) }));`,
      errors: [{ messageId: 'memoryStore', line: 3, column: 21 }],
    },
    {
      code: `const session = require('express-session');
const MemoryStore = require('memorystore')(session);
app.use(session({ store: new MemoryStore({}) }));`,
      ...commonjs,
      errors: [{ messageId: 'memoryStore', line: 2, column: 21 }],
    },
    // @fastify/session registered without a store, and its MemoryStore.
    {
      code: `import fastifySession from '@fastify/session';
fastify.register(fastifySession, { secret: 'a secret with minimum length of 32 characters' });`,
      errors: [{ messageId: 'defaultStore', line: 2, column: 1 }],
    },
    {
      code: `const fastifySession = require('@fastify/session');
const options = { secret };
app.register(fastifySession, options);`,
      ...commonjs,
      errors: [{ messageId: 'defaultStore', line: 3, column: 1 }],
    },
    {
      code: `import fastifySession from '@fastify/session';
fastify.register(fastifySession);`,
      filename: 'src/server.mjs',
      errors: [{ messageId: 'defaultStore', line: 2, column: 1 }],
    },
    {
      code: `import fastifySession, { MemoryStore } from '@fastify/session';
fastify.register(fastifySession, { secret, store: new MemoryStore() });`,
      errors: [{ messageId: 'memoryStore', line: 2, column: 51 }],
    },
    {
      code: `const fastify = require('fastify')();
fastify.register(require('@fastify/session'), { secret, cookieName: 'sid' });`,
      ...commonjs,
      errors: [{ messageId: 'defaultStore', line: 2, column: 1 }],
    },
    {
      code: `import { fastifySession } from '@fastify/session';
await app.register(fastifySession, { secret });`,
      errors: [{ messageId: 'defaultStore', line: 2, column: 7 }],
    },
    // next-session without a store, and hono-sessions' MemoryStore.
    {
      code: `import nextSession from 'next-session';
export const getSession = nextSession({ cookie: { secure: true } });`,
      errors: [{ messageId: 'defaultStore', line: 2, column: 27 }],
    },
    {
      code: `import { sessionMiddleware, MemoryStore } from 'hono-sessions';
app.use('*', sessionMiddleware({ store: new MemoryStore(), encryptionKey }));`,
      errors: [{ messageId: 'memoryStore', line: 2, column: 41 }],
    },
    // koa-generic-session defaults to memory (koa-session does not).
    {
      code: `import session from 'koa-generic-session';
app.use(session());`,
      errors: [{ messageId: 'defaultStore', line: 2, column: 9 }],
    },
    // Hand-rolled session maps, reported at the declaration.
    {
      code: `const sessions = new Map<string, { userId: string }>();
export function login(req, res) {
  const id = crypto.randomUUID();
  sessions.set(id, { userId: req.body.user });
  res.cookie('sid', id);
}`,
      errors: [{ messageId: 'sessionMap', line: 1, column: 7 }],
    },
    {
      code: `const sessionStore = {};
export function login(token, user) { sessionStore[token] = user; }`,
      filename: 'src/auth.js',
      errors: [{ messageId: 'sessionMap', line: 1, column: 7 }],
    },
    {
      code: `export const activeSessions: Record<string, string> = {};
export function logout(token: string) { delete activeSessions[token]; }`,
      errors: [{ messageId: 'sessionMap', line: 1, column: 14 }],
    },
    {
      code: `const tokens = new Set();
app.post('/login', (req, res) => { tokens.add(req.body.token); res.end(); });`,
      filename: 'src/server.mjs',
      errors: [{ messageId: 'sessionMap', line: 1, column: 7 }],
    },
    {
      code: `let sessions = {};
module.exports.reset = function reset() { sessions = {}; };`,
      ...commonjs,
      errors: [{ messageId: 'sessionMap', line: 1, column: 5 }],
    },
    {
      code: `const loggedInUsers = new Map();
export default function Page() { loggedInUsers.set(1, true); return <div />; }`,
      filename: 'src/page.tsx',
      errors: [{ messageId: 'sessionMap', line: 1, column: 7 }],
    },
    // A static session map on a class, and a singleton's field.
    {
      code: `export class Auth {
  static sessions = new Map();
  static login(id, user) { Auth.sessions.set(id, user); }
}`,
      errors: [{ messageId: 'sessionMap', line: 2, column: 3 }],
    },
    {
      code: `class SessionService {
  private sessions = new Map<string, string>();
  create(id: string, user: string) { this.sessions.set(id, user); }
}
export default new SessionService();`,
      errors: [{ messageId: 'sessionMap', line: 2, column: 3 }],
    },
  ],
});
