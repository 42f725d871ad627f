/** What session-redis rewrites, as data: session middleware and the in-memory stores it replaces. */

/** Middleware factories whose options take a `store`: a call (express-session) or a plugin registration. */
export const sessionMiddleware = [
  { module: 'express-session', imported: 'default', use: 'call' },
  { module: '@fastify/session', imported: 'default', use: 'plugin' },
  { module: '@fastify/session', imported: 'fastifySession', use: 'plugin' },
] as const;

/** In-memory store classes exported by session modules (`new session.MemoryStore()` included). */
export const memoryStoreExports = [
  { module: 'express-session', imported: 'MemoryStore' },
  { module: '@fastify/session', imported: 'MemoryStore' },
] as const;

/** Modules exporting a factory that, given the session module, returns an in-memory store class. */
export const memoryStoreFactories = ['memorystore'] as const;

/** The shared store the codemod writes, and where it comes from. */
export const redisStore = { module: 'connect-redis', imported: 'RedisStore', prefix: 'sess:' } as const;
