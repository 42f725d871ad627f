/** Realtime servers: which fan out only to the clients connected to this process. */
import type { LibraryPattern, StateNamePatterns } from './types.js';

const check = 'no-local-realtime-state' as const;

/** socket.io is fine once it has an adapter: as an option or through `io.adapter(...)`. */
const adapter = { when: { kind: 'optionMissing', keys: ['adapter'], argument: 'last' }, instance: [{ members: ['adapter'], effect: 'clears' }] } as const;
/** ws is a finding when it broadcasts over its own `clients` set. */
const localClients = { instance: [{ members: ['clients'], effect: 'flags' }] } as const;

export const realtimePatterns: readonly LibraryPattern[] = [
  { check, messageId: 'noAdapter', library: 'socket.io', api: { modules: ['socket.io'], path: ['Server'], use: 'construct' }, ...adapter },
  { check, messageId: 'noAdapter', library: 'socket.io', api: { modules: ['socket.io'], path: [], use: 'construct' }, ...adapter },
  { check, messageId: 'noAdapter', library: 'socket.io', api: { modules: ['socket.io'], path: [], use: 'call' }, ...adapter },
  { check, messageId: 'localBroadcast', library: 'ws', api: { modules: ['ws'], path: ['WebSocketServer'], use: 'construct' }, ...localClients },
  { check, messageId: 'localBroadcast', library: 'ws', api: { modules: ['ws'], path: ['Server'], use: 'construct' }, ...localClients },
];

/** Adapters that fan out between instances (fine). */
export const sharedAdapterModules: readonly string[] = [
  '@socket.io/redis-adapter',
  '@socket.io/redis-streams-adapter',
  'socket.io-redis',
  '@socket.io/postgres-adapter',
  '@socket.io/mongo-adapter',
];

/** Modules whose presence in a file makes a module-level `clients`/`connections` map a connection registry. */
export const realtimeModules: readonly string[] = ['ws', 'socket.io', '@fastify/websocket', 'express-ws', 'uWebSockets.js', 'sockjs', 'faye-websocket'];

/** Registries of connected sockets, rooms and online users give themselves away by name. */
export const connectionStateNames: StateNamePatterns = {
  check,
  messageId: 'connectionRegistry',
  names: [/sockets?($|[A-Z_])/i, /^(online|connected)(Users|Clients|Members)?$/i, /^rooms?$/i, /^(chat)?Rooms$/i, /^presence/i, /^(ws|websocket)(Clients|Connections)?$/i],
};

/** Names that are connection registries only in a file that imports one of `realtimeModules`. */
export const connectionStateNamesNearRealtime: readonly RegExp[] = [/^(clients|connections|peers|subscribers|listeners)$/i];
