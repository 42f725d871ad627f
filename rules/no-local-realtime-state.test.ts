import { commonjs, ruleTester, script } from '../src/test-support/rule-tester.js';
import rule from './no-local-realtime-state.js';

ruleTester.run('no-local-realtime-state', rule, {
  valid: [
    // socket.io with a shared adapter: as an option, or through `io.adapter(...)` later.
    `import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
const httpServer = createServer();
const io = new Server(httpServer, { cors: { origin: '*' }, adapter: createAdapter(pub, sub) });`,
    `import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
const io = new Server(httpServer);
io.adapter(createAdapter(pubClient, subClient));`,
    `import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
const io = new Server(httpServer);
Promise.all([pubClient.connect(), subClient.connect()]).then(() => {
  io.adapter(createAdapter(pubClient, subClient));
});`,
    `import { Server } from 'socket.io';
const options = { cors: { origin: '*' }, adapter: createAdapter(pub, sub) };
const io = new Server(httpServer, options);`,
    `import { Server } from 'socket.io';
const base = { adapter: createAdapter(pub, sub) };
const io = new Server(httpServer, { ...base, cors: {} });`,
    `import { Server } from 'socket.io';
let io: Server;
export function attach(server) {
  io = new Server(server);
  io.adapter(createAdapter(pub, sub));
}`,
    `import { Server } from 'socket.io';
export class Realtime {
  private io?: Server;
  attach(server) {
    this.io = new Server(server);
    this.io.adapter(createAdapter(pub, sub));
  }
}`,
    {
      ...commonjs,
      code: `const io = require('socket.io')(server);
const redisAdapter = require('socket.io-redis');
io.adapter(redisAdapter({ host: 'localhost', port: 6379 }));`,
    },
    {
      ...script,
      code: `var io = require('socket.io')(server, { adapter: require('@socket.io/redis-adapter').createAdapter(pub, sub) });`,
    },
    // Options the file cannot see are not guessed.
    `import { Server } from 'socket.io';
import { ioOptions } from './config.js';
const io = new Server(httpServer, ioOptions);`,
    `import { Server } from 'socket.io';
const io = new Server(httpServer, { ...sharedOptions });`,
    // A ws server that only replies to the sender.
    `import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ server });
wss.on('connection', (ws) => {
  ws.on('message', (data) => ws.send(data));
});`,
    // Fan-out through Redis pub/sub: each instance relays what it receives to its own clients.
    `import { WebSocketServer } from 'ws';
import Redis from 'ioredis';
const pub = new Redis(process.env.REDIS_URL);
const sub = new Redis(process.env.REDIS_URL);
const wss = new WebSocketServer({ server });
await sub.subscribe('chat');
sub.on('message', (channel, message) => {
  for (const client of wss.clients) client.send(message);
});
wss.on('connection', (ws) => {
  ws.on('message', (data) => pub.publish('chat', String(data)));
});`,
    `import { WebSocketServer } from 'ws';
import { createClient } from 'redis';
const subscriber = createClient({ url: process.env.REDIS_URL });
const wss = new WebSocketServer({ port: 8080 });
await subscriber.subscribe('news', (message) => wss.clients.forEach((client) => client.send(message)));`,
    // Reading the local client count (a metric) is no broadcast.
    `import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
app.get('/health', (req, res) => res.json({ clients: wss.clients.size }));`,
    // The ws client class, and `.clients` of something that is not a ws server.
    `import WebSocket from 'ws';
const socket = new WebSocket('wss://example.com');
socket.on('open', () => socket.send('hello'));`,
    `const registry = createRegistry();
registry.clients.forEach((client) => client.send('x'));`,
    // A local `Server` class is not socket.io.
    `class Server { constructor(public port: number) {} }
const server = new Server(3000);`,
    // Module-level registries only changed at start-up, and sets of other things.
    `const rooms = new Map([['lobby', new Set()]]);
rooms.set('general', new Set());
export const listRooms = () => [...rooms.keys()];`,
    `const tags = new Set();
export const hasTag = (tag: string) => tags.has(tag);`,
    // Open HTTP connections tracked for a graceful shutdown, in a file without a realtime library.
    `import http from 'node:http';
const sockets = new Set();
const server = http.createServer(app);
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});`,
    // Test files and worker files.
    {
      code: `import { Server } from 'socket.io';\nconst io = new Server(httpServer);`,
      filename: 'src/realtime.spec.ts',
    },
    {
      code: `import { Server } from 'socket.io';\nconst io = new Server(httpServer);`,
      filename: 'test/realtime.ts',
    },
    {
      code: `import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 1 });\nsetInterval(() => wss.clients.forEach((c) => c.send('tick')), 1000);`,
      filename: 'src/workers/ticker.ts',
    },
    {
      code: `import { Server } from 'socket.io';\nconst io = new Server(httpServer);`,
      filename: 'src/realtime.ts',
      options: [{ testFiles: ['src/realtime.ts'] }],
    },
  ],
  invalid: [
    // socket.io without an adapter: `new Server(httpServer)`, with other options, on a port, attached later.
    {
      code: `import { createServer } from 'node:http';
import { Server } from 'socket.io';
const httpServer = createServer(app);
const io = new Server(httpServer);
io.on('connection', (socket) => socket.broadcast.emit('joined'));`,
      errors: [{ messageId: 'noAdapter', line: 4, column: 12 }],
    },
    {
      code: `import { Server } from 'socket.io';
const io = new Server(httpServer, { cors: { origin: 'https://example.com' } });`,
      errors: [{ messageId: 'noAdapter', line: 2, column: 12 }],
    },
    {
      code: `import { Server as IOServer } from 'socket.io';
import * as socketio from 'socket.io';
export const io = new IOServer(3000);
export const admin = new socketio.Server({ cors: {} });
const late = new IOServer();
late.listen(4000);`,
      errors: [
        { messageId: 'noAdapter', line: 3, column: 19 },
        { messageId: 'noAdapter', line: 4, column: 22 },
        { messageId: 'noAdapter', line: 5, column: 14 },
      ],
    },
    // Options in a variable, with and without a known base.
    {
      code: `import { Server } from 'socket.io';
const base = { pingInterval: 10_000 };
const options = { ...base, cors: { origin: '*' } };
const io = new Server(httpServer, options);`,
      errors: [{ messageId: 'noAdapter', line: 4, column: 12 }],
    },
    // CommonJS: `require('socket.io')(server)`, the factory in a variable, `new (require(...).Server)`.
    {
      ...commonjs,
      code: `const http = require('http');
const server = http.createServer(app);
const io = require('socket.io')(server);
const socketio = require('socket.io');
const io2 = socketio(server, { cors: {} });
const { Server } = require('socket.io');
const io3 = new Server(server);`,
      errors: [
        { messageId: 'noAdapter', line: 3, column: 12 },
        { messageId: 'noAdapter', line: 5, column: 13 },
        { messageId: 'noAdapter', line: 7, column: 13 },
      ],
    },
    {
      ...script,
      code: `var io = require('socket.io')(server);
io.on('connection', function (socket) { io.emit('hello'); });`,
      errors: [{ messageId: 'noAdapter', line: 1, column: 10 }],
    },
    {
      code: `import socketio = require('socket.io');
const io = new socketio.Server(httpServer);`,
      errors: [{ messageId: 'noAdapter', line: 2, column: 12 }],
    },
    // `.mjs` and `.tsx` files.
    {
      code: `import { Server } from 'socket.io';\nconst io = new Server(httpServer);`,
      filename: 'src/realtime.mjs',
      errors: [{ messageId: 'noAdapter', line: 2, column: 12 }],
    },
    {
      code: `import { Server } from 'socket.io';
const io = new Server(3000);
export const Status = () => <p>{io.engine.clientsCount}</p>;`,
      filename: 'src/status.tsx',
      errors: [{ messageId: 'noAdapter', line: 2, column: 12 }],
    },
    // A singleton class holding the server, with no adapter.
    {
      code: `import { Server } from 'socket.io';
export class Realtime {
  io = new Server(3000);
  notify(userId: string, event: string) { this.io.to(userId).emit(event); }
}`,
      errors: [{ messageId: 'noAdapter', line: 3, column: 8 }],
    },
    // ws: broadcasting over the server's own `clients` (reported at the `new`).
    {
      code: `import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ server });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    wss.clients.forEach((client) => client.send(data));
  });
});`,
      errors: [{ messageId: 'localBroadcast', line: 2, column: 13 }],
    },
    {
      code: `import WebSocket from 'ws';
const wss = new WebSocket.Server({ port: 8080 });
export function broadcast(message: string) {
  for (const client of wss.clients) {
    if (client.readyState === WebSocket.OPEN) client.send(message);
  }
}`,
      errors: [{ messageId: 'localBroadcast', line: 2, column: 13 }],
    },
    {
      code: `import * as WS from 'ws';
const wss = new WS.WebSocketServer({ noServer: true });
const everyone = () => [...wss.clients];
const sendAll = (m: string) => Array.from(wss.clients).map((c) => c.send(m));`,
      errors: [{ messageId: 'localBroadcast', line: 2, column: 13 }],
    },
    {
      ...commonjs,
      code: `const WebSocket = require('ws');
const wss = new WebSocket.Server({ port: 8080 });
setInterval(() => wss.clients.forEach((c) => c.send(Date.now())), 1000);`,
      errors: [{ messageId: 'localBroadcast', line: 2, column: 13 }],
    },
    {
      ...script,
      code: `var WebSocketServer = require('ws').WebSocketServer;
var wss = new WebSocketServer({ port: 8080 });
function broadcast(msg) { wss.clients.forEach(function (c) { c.send(msg); }); }`,
      errors: [{ messageId: 'localBroadcast', line: 2, column: 11 }],
    },
    {
      code: `import { WebSocketServer } from 'ws';
export class Hub {
  private wss: WebSocketServer;
  constructor(server) { this.wss = new WebSocketServer({ server }); }
  broadcast(m: string) { this.wss.clients.forEach((c) => c.send(m)); }
}`,
      errors: [{ messageId: 'localBroadcast', line: 4, column: 36 }],
    },
    // A relay through Redis does not excuse a direct broadcast from a client's own message event.
    {
      code: `import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ server });
sub.on('message', (channel, message) => wss.clients.forEach((c) => c.send(message)));
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    for (const client of wss.clients) client.send(data);
  });
});`,
      errors: [{ messageId: 'localBroadcast', line: 2, column: 13 }],
    },
    // Module-level registries of sockets, rooms and online users changed on connect/disconnect.
    {
      code: `import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
const onlineUsers = new Map<string, string>();
const rooms: Record<string, string[]> = {};
const io = new Server(httpServer, { adapter: createAdapter(pub, sub) });
io.on('connection', (socket) => {
  onlineUsers.set(socket.id, socket.data.user);
  socket.on('join', (room) => { (rooms[room] ??= []).push(socket.id); });
  socket.on('disconnect', () => onlineUsers.delete(socket.id));
});`,
      errors: [
        { messageId: 'connectionRegistry', line: 3, column: 7 },
        { messageId: 'connectionRegistry', line: 4, column: 7 },
      ],
    },
    {
      code: `import { WebSocketServer } from 'ws';
const clients = new Set();
const wss = new WebSocketServer({ server });
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
});`,
      errors: [{ messageId: 'connectionRegistry', line: 2, column: 7 }],
    },
    // A registry module of its own: a compound name is enough, no realtime import needed.
    {
      code: `const userSockets = new Map<string, Set<string>>();
export function track(userId: string, socketId: string) {
  if (!userSockets.has(userId)) userSockets.set(userId, new Set());
  userSockets.get(userId)!.add(socketId);
}`,
      errors: [{ messageId: 'connectionRegistry', line: 1, column: 7 }],
    },
    {
      ...commonjs,
      code: `const io = require('socket.io')(server);
io.adapter(require('@socket.io/redis-adapter').createAdapter(pub, sub));
const connectedUsers = {};
io.on('connection', (socket) => {
  connectedUsers[socket.id] = socket.handshake.auth.user;
  socket.on('disconnect', () => { delete connectedUsers[socket.id]; });
});`,
      errors: [{ messageId: 'connectionRegistry', line: 3, column: 7 }],
    },
  ],
});
