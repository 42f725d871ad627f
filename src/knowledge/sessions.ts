/** What we know about session middleware: which keep sessions in process memory, which are fine. */
import type { LibraryPattern, StateNamePatterns } from './types.js';

const check = 'no-memory-session-store' as const;

// Rows with `optionalMessageId` also report a `store` given only under a condition (`store: redisUrl ? … : undefined`,
// `if (redis) opts.store = …`): off in the default configuration, the in-memory default stays.

export const sessionPatterns: readonly LibraryPattern<typeof check>[] = [
  // express-session falls back to its MemoryStore when no `store` is given.
  { id: 'express-session', check, messageId: 'defaultStore', library: 'express-session', api: { modules: ['express-session'], path: [], use: 'call' }, when: { kind: 'optionMissing', keys: ['store'] }, optionalMessageId: 'optionalStore' },
  { id: 'express-session.MemoryStore', check, messageId: 'memoryStore', library: 'express-session MemoryStore', api: { modules: ['express-session'], path: ['MemoryStore'], use: 'construct' } },
  // memorystore exports a factory: require('memorystore')(session) returns the store class.
  { id: 'memorystore', check, messageId: 'memoryStore', library: 'memorystore', api: { modules: ['memorystore'], path: [], use: 'call' } },
  // @fastify/session keeps sessions in its MemoryStore unless registered with a `store`.
  { id: '@fastify/session', check, messageId: 'defaultStore', library: '@fastify/session', api: { modules: ['@fastify/session', 'fastify-session'], path: [], use: 'plugin' }, when: { kind: 'optionMissing', keys: ['store'] }, optionalMessageId: 'optionalStore' },
  { id: '@fastify/session.fastifySession', check, messageId: 'defaultStore', library: '@fastify/session', api: { modules: ['@fastify/session'], path: ['fastifySession'], use: 'plugin' }, when: { kind: 'optionMissing', keys: ['store'] }, optionalMessageId: 'optionalStore' },
  { id: '@fastify/session.MemoryStore', check, messageId: 'memoryStore', library: '@fastify/session MemoryStore', api: { modules: ['@fastify/session'], path: ['MemoryStore'], use: 'construct' } },
  // koa-generic-session defaults to an in-memory store (koa-session, by contrast, defaults to cookies).
  { id: 'koa-generic-session', check, messageId: 'defaultStore', library: 'koa-generic-session', api: { modules: ['koa-generic-session'], path: [], use: 'call' }, when: { kind: 'optionMissing', keys: ['store'] }, optionalMessageId: 'optionalStore' },
  { id: 'koa-generic-session.MemoryStore', check, messageId: 'memoryStore', library: 'koa-generic-session MemoryStore', api: { modules: ['koa-generic-session'], path: ['MemoryStore'], use: 'construct' } },
  // next-session, like express-session, falls back to a MemoryStore.
  { id: 'next-session', check, messageId: 'defaultStore', library: 'next-session', api: { modules: ['next-session'], path: [], use: 'call' }, when: { kind: 'optionMissing', keys: ['store'] }, optionalMessageId: 'optionalStore' },
  // hono-sessions is cookie-based with its CookieStore; its MemoryStore is not.
  { id: 'hono-sessions.MemoryStore', check, messageId: 'memoryStore', library: 'hono-sessions MemoryStore', api: { modules: ['hono-sessions'], path: ['MemoryStore'], use: 'construct' } },
];


/**
 * Hand-rolled session maps give themselves away by name: `sessions`, `userSessions`, `sessionStore`, `SESSIONS`,
 * `tokens`, `loggedInUsers`. Case matters for the word boundary, so `assessments` and `possessions` stay caches.
 */
export const sessionStateNames: StateNamePatterns<typeof check> = {
  id: 'session-names',
  check,
  messageId: 'sessionMap',
  names: [/(^s|S)ess(ion)?s?($|[A-Z_\d])/, /(^|_)SESS(ION)?S?($|_)/, /^(auth|access|refresh|session|login)?tokens$/i, /^loggedIn/i, /^(active|current|logged)Users$/i],
};
