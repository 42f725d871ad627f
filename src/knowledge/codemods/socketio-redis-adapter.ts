/**
 * What socketio-redis-adapter rewrites, by the ids of `realtimePatterns` rows, what it writes, and what it tells the
 * user where it cannot write anything.
 */
import { patternsById } from '../patterns.js';
import type { LibraryPattern } from '../types.js';

/** socket.io servers, which get the Redis adapter. */
export const socketIoServers: readonly LibraryPattern[] = patternsById(['socket.io.Server', 'socket.io', 'socket.io#call']);

/** ws servers, whose broadcasts over their own clients are reported. */
export const wsServers: readonly LibraryPattern[] = patternsById(['ws.WebSocketServer', 'ws.Server']);

/** The adapter factory every rewritten socket.io server gets. */
export const redisAdapter = { module: '@socket.io/redis-adapter', imported: 'createAdapter', option: 'adapter' } as const;

/** What the generated `stateless/redis` adapter exports for it: the shared client and a subscriber factory. */
export const redisClientExports = { client: 'redis', subscriber: 'createSubscriber' } as const;

/** What a rewrite in a file needs. */
export const rewriteNeeds = { adapters: ['redis' as const], dependencies: ['@socket.io/redis-adapter', 'redis'], env: ['REDIS_URL'] };

/** Names that suggest a lone argument is an options object rather than the http server or a port. */
export const optionsLikeName = /(^|[a-z])(options|opts|config|settings)$/i;

/** Guidance for what the codemod reports but leaves alone. */
export const guidance = {
  wsBroadcast: 'fan out through Redis pub/sub: publish on one channel, every instance relays to its own clients',
  registry: 'keep presence in Redis (a set with expiry, refreshed while the socket is connected) and fan out through pub/sub',
  adapterByHand: "add `adapter: createAdapter(redis, createSubscriber())` from '@socket.io/redis-adapter' by hand",
} as const;
