/** Realtime servers: which fan out only to the clients connected to this process. */
import type { CallbackSite, LibraryPattern, StateNamePatterns } from './types.js';

const check = 'no-local-realtime-state' as const;

/** socket.io is fine once it has an adapter: as an option or through `io.adapter(...)`. */
const adapter = {
  when: { kind: 'optionMissing', keys: ['adapter'], argument: 'last' },
  optionalMessageId: 'optionalAdapter',
  instance: [{ members: ['adapter'], effect: 'clears' }],
} as const;
/**
 * Callbacks that deliver messages from a shared pub/sub (Redis, Postgres LISTEN, AMQP). Sending to the local
 * clients there is the fan-out done right: every instance receives the message and relays it to its own clients.
 */
const pubSubDelivery: readonly CallbackSite[] = [
  { methods: ['on', 'addListener', 'once'], events: ['message', 'messageBuffer', 'pmessage', 'pmessageBuffer', 'smessage', 'notification'] },
  { methods: ['subscribe', 'pSubscribe', 'psubscribe', 'sSubscribe', 'ssubscribe', 'consume'] },
];

/** ws is a finding when it broadcasts over its own `clients` set (iterates it; `wss.clients.size` is no broadcast). */
const localClients = { instance: [{ members: ['clients'], effect: 'flags', iterated: true, exceptIn: pubSubDelivery }] } as const;

export const realtimePatterns: readonly LibraryPattern<typeof check>[] = [
  { id: 'socket.io.Server', check, messageId: 'noAdapter', library: 'socket.io', api: { modules: ['socket.io'], path: ['Server'], use: 'construct' }, ...adapter },
  { id: 'socket.io', check, messageId: 'noAdapter', library: 'socket.io', api: { modules: ['socket.io'], path: [], use: 'construct' }, ...adapter },
  { id: 'socket.io#call', check, messageId: 'noAdapter', library: 'socket.io', api: { modules: ['socket.io'], path: [], use: 'call' }, ...adapter },
  { id: 'ws.WebSocketServer', check, messageId: 'localBroadcast', library: 'ws', api: { modules: ['ws'], path: ['WebSocketServer'], use: 'construct' }, ...localClients },
  { id: 'ws.Server', check, messageId: 'localBroadcast', library: 'ws', api: { modules: ['ws'], path: ['Server'], use: 'construct' }, ...localClients },
  // In-process pub/sub engines for GraphQL subscriptions: an event published on one instance reaches only this
  // process's subscribers. graphql-subscriptions' PubSub is an EventEmitter (its docs: in-memory, not for production);
  // apollo-server 2 and graphql-yoga 1 re-export it.
  { id: 'graphql-subscriptions.PubSub', check, messageId: 'localPubSub', library: 'graphql-subscriptions PubSub', api: { modules: ['graphql-subscriptions'], path: ['PubSub'], use: 'construct' } },
  { id: 'apollo-server.PubSub', check, messageId: 'localPubSub', library: 'PubSub (graphql-subscriptions)', api: { modules: ['apollo-server', 'apollo-server-express', 'apollo-server-koa', 'apollo-server-fastify', 'apollo-server-hapi', 'apollo-server-core', 'graphql-yoga'], path: ['PubSub'], use: 'construct' } },
  // graphql-yoga 2+ `createPubSub()` keeps topics in an in-process EventTarget unless given a shared `eventTarget`
  // (@graphql-yoga/redis-event-target).
  { id: 'graphql-yoga.createPubSub', check, messageId: 'localPubSub', library: 'graphql-yoga createPubSub', api: { modules: ['graphql-yoga', '@graphql-yoga/subscription'], path: ['createPubSub'], use: 'call' }, when: { kind: 'optionMissing', keys: ['eventTarget'] } },
  // mercurius with `subscription: true` publishes through its default in-memory emitter (mqemitter); `{ emitter }` is not this row.
  { id: 'mercurius', check, messageId: 'localPubSub', library: 'mercurius subscriptions', api: { modules: ['mercurius'], path: [], use: 'plugin' }, when: { kind: 'optionEquals', key: 'subscription', values: ['true'] } },
];


/** Modules whose presence in a file makes a module-level `clients`/`connections` map a connection registry. */
export const realtimeModules: readonly string[] = ['ws', 'socket.io', '@fastify/websocket', 'express-ws', 'uWebSockets.js', 'sockjs', 'faye-websocket'];

/**
 * Registries of connected sockets, rooms and online users give themselves away by name. Bare `sockets` or
 * `connections` also name the open HTTP connections a server tracks for a graceful shutdown (per process by
 * design), so they count only near a realtime library (`connectionStateNamesNearRealtime`).
 */
export const connectionStateNames: StateNamePatterns<typeof check> = {
  id: 'connection-names',
  check,
  messageId: 'connectionRegistry',
  names: [
    /^sockets?(By|Per|For|Of)[A-Z]/,
    /(^(user|client|player|member|room|channel|peer)|(User|Client|Player|Member|Room|Channel|Peer))Sockets?($|[A-Z_])/,
    /^(online|connected)(Users|Clients|Members|Peers|Players)$/i,
    /^(chat|game|active)?rooms?$/i,
    /(^r|R)ooms?(By|Per)[A-Z]/,
    /(By|Per|In)Room$/,
    /^presence/i,
    /^(ws|websocket)(Clients|Connections)?$/i,
  ],
};

/** Names that are connection registries only in a file that imports one of `realtimeModules`. */
export const connectionStateNamesNearRealtime: readonly RegExp[] = [
  /^(clients|connections|peers|subscribers|listeners|sockets)$/i,
  /^(active|open|live)(Clients|Connections|Sockets)$/,
];
