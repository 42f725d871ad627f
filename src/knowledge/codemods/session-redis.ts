/**
 * What session-redis rewrites, read from the `sessionPatterns` rows it names by id, and the shared store it writes.
 * Each row's first module is the one rewritten (the maintained package; `fastify-session` is only reported).
 */
import { patternsById } from '../patterns.js';
import type { ApiUse } from '../types.js';

/** Middleware factories whose options take a `store`: a call (express-session) or a plugin registration. */
export const sessionMiddleware: readonly { module: string; imported: string; use: ApiUse }[] = patternsById([
  'express-session',
  '@fastify/session',
  '@fastify/session.fastifySession',
]).map(({ api }) => ({ module: api.modules![0]!, imported: api.path[0] ?? 'default', use: api.use }));

/** In-memory store classes exported by session modules (`new session.MemoryStore()` included). */
export const memoryStoreExports: readonly { module: string; imported: string }[] = patternsById(['express-session.MemoryStore', '@fastify/session.MemoryStore']).map(
  ({ api }) => ({ module: api.modules![0]!, imported: api.path[0]! }),
);

/** Modules exporting a factory that, given the session module, returns an in-memory store class. */
export const memoryStoreFactories: readonly string[] = patternsById(['memorystore']).map(({ api }) => api.modules![0]!);

/** The shared store the codemod writes, and where it comes from. */
export const redisStore = { module: 'connect-redis', imported: 'RedisStore', prefix: 'sess:' } as const;
