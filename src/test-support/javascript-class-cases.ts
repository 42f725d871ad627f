// Test data of rules/parsers.test.ts, kept apart for its size; not built (src/test-support is left out of dist).
import type { RunTests } from '@typescript-eslint/rule-tester';
import type { rules } from '../../rules/index.js';

/**
 * JavaScript classes as each rule meets them: statics, singletons (module-level instances, NestJS providers),
 * constructor fields, class-field handlers, `this.method()` calls, timers that re-enter a method. Those with
 * decorators are NestJS written in JavaScript: Babel and typescript-eslint parse them, espree does not.
 */
export const classCases: Record<keyof typeof rules, RunTests<string, readonly unknown[]>> = {
  'no-module-state': {
    valid: [
      // A class that is not a singleton; a lazily created static instance; static blocks run once.
      `export class Cart {
  items = new Map();
  add(id) { this.items.set(id, 1); }
}`,
      `export class Db {
  static instance;
  static get() { if (!Db.instance) Db.instance = new Db(); return Db.instance; }
  static shared() { return (this.instance ??= new Db()); }
}`,
      `export class Registry {
  static #items = new Map();
  static { Registry.#items.set('a', 1); }
  static labels = {};
  static { this.labels.a = 'A'; }
  static get(k) { return Registry.#items.get(k) ?? Registry.labels[k]; }
}`,
      // A request-scoped provider; a provider whose fields change only in its constructor and start-up hook.
      `import { Injectable, Scope } from '@nestjs/common';
@Injectable({ scope: Scope.REQUEST })
export class CartService {
  items = new Map();
  add(id) { this.items.set(id, 1); }
}`,
      `import { Injectable } from '@nestjs/common';
@Injectable()
export class PricesService {
  prices = new Map();
  constructor() { this.prices.set('a', 1); this.client = createClient(); }
  async onModuleInit() { this.prices.set('b', 2); this.redis = new Redis(); }
  get(id) { return this.prices.get(id); }
}`,
    ],
    invalid: [
      {
        code: `export class PriceCache {
  static entries = new Map();
  static put(id, price) { PriceCache.entries.set(id, price); }
  static clear() { this.entries.clear(); }
}`,
        errors: [{ messageId: 'providerState', line: 2, column: 3 }],
      },
      {
        code: `class Tracker {
  seen = new Set();
  handle = (req, res) => { this.seen.add(req.ip); res.end(); };
}
export default new Tracker();`,
        errors: [{ messageId: 'providerState', line: 2, column: 3 }],
      },
      // Optional calls on a container.
      {
        code: `const cache = new Map();
export function put(k, v) { cache?.set(k, v); }
export const drop = (k) => cache?.delete?.(k);`,
        errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
      },
      {
        code: `import { Injectable } from '@nestjs/common';
@Injectable()
export class ProductsService {
  cache = new Map();
  constructor(repo) { this.repo = repo; this.byId = {}; }
  async find(id) {
    if (!this.cache.has(id)) this.cache.set(id, await this.repo.find(id));
    this.byId[id] = true;
    return this.cache.get(id);
  }
}`,
        errors: [
          { messageId: 'providerState', line: 4, column: 3 },
          { messageId: 'providerState', line: 5, column: 41 },
        ],
      },
      {
        code: `import { Controller, Post, Bind, Body } from '@nestjs/common';
@Controller('users')
export class UsersController {
  users = [];
  @Post() @Bind(Body()) register(body) { this.users.push(body.email); }
}`,
        errors: [{ messageId: 'providerState', line: 4, column: 3 }],
      },
    ],
  },
  'no-local-file-write': {
    valid: [
      // A method that no handler calls.
      `import fs from 'fs';
export class ReportWriter {
  write(report) { fs.writeFileSync('report.txt', report); }
}`,
    ],
    invalid: [
      // A class-field handler calling a method of its class.
      {
        code: `import fs from 'fs';
class UploadController {
  upload = (req, res) => { this.save(req.body); res.end(); };
  save(data) { fs.writeFileSync('last', data); }
}
app.post('/upload', new UploadController().upload);`,
        errors: [{ messageId: 'fsWrite', line: 4, column: 16 }],
      },
      // A NestJS controller: the handler and the method it calls write, the start-up hook does not count.
      {
        code: `import { Controller, Post, Bind, Body } from '@nestjs/common';
import { writeFile } from 'fs/promises';
@Controller('files')
export class FilesController {
  @Post()
  @Bind(Body())
  async create(body) {
    await writeFile(body.name, body.data);
    await this.persist(body.data);
  }
  async persist(data) { await writeFile('last', data); }
  async onModuleInit() { await writeFile('ready', '1'); }
}`,
        errors: [
          { messageId: 'fsWrite', line: 8, column: 11 },
          { messageId: 'fsWrite', line: 11, column: 31 },
        ],
      },
    ],
  },
  'no-local-realtime-state': {
    valid: [
      `import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
export class Realtime {
  attach(server) { this.io = new Server(server); this.io.adapter(createAdapter(pub, sub)); }
}`,
    ],
    invalid: [
      {
        code: `import { Server } from 'socket.io';
export class Realtime {
  io = new Server(3000);
  notify(userId, event) { this.io.to(userId).emit(event); }
}`,
        errors: [{ messageId: 'noAdapter', line: 3, column: 8 }],
      },
      {
        code: `import { WebSocketServer } from 'ws';
export class Hub {
  constructor(server) { this.wss = new WebSocketServer({ server }); }
  broadcast(m) { this.wss.clients.forEach((c) => c.send(m)); }
}`,
        errors: [{ messageId: 'localBroadcast', line: 3, column: 36 }],
      },
    ],
  },
  'no-timers-in-web-process': {
    valid: [`export class Retry { later(fn) { setTimeout(() => fn(), 1000); } }`],
    invalid: [
      {
        code: `export class Poller {
  start() { this.tick(); }
  tick() { poll(); setTimeout(() => this.tick(), 1000); }
  loop() { setTimeout(this.loop.bind(this), 500); }
}`,
        errors: [
          { messageId: 'timeoutLoop', line: 3, column: 20 },
          { messageId: 'timeoutLoop', line: 4, column: 12 },
        ],
      },
      {
        code: `export class Batcher {
  timer = setInterval(() => this.flush(), 1000);
  flush() {}
}`,
        errors: [{ messageId: 'interval', line: 2, column: 11 }],
      },
    ],
  },
  'no-memory-rate-limit': {
    valid: [`export class Limits { static MAX = 5; static max() { return Limits.MAX; } }`],
    invalid: [
      {
        code: `export class Stats {
  static hits = 0;
  static hit() { Stats.hits++; }
}`,
        errors: [{ messageId: 'counter', line: 2, column: 3 }],
      },
      {
        code: `import { Injectable } from '@nestjs/common';
@Injectable()
export class PaymentsService {
  processing = false;
  attempts = {};
  async pay(order) {
    if (this.processing) return;
    this.processing = true;
    this.attempts[order.user] = (this.attempts[order.user] ?? 0) + 1;
    await charge(order);
    this.processing = false;
  }
}`,
        errors: [
          { messageId: 'flag', line: 4, column: 3 },
          { messageId: 'counter', line: 5, column: 3 },
        ],
      },
    ],
  },
  'no-process-cache': {
    valid: [`class LRUCache extends Map {}
export const cache = new LRUCache();`],
    invalid: [
      {
        code: `import { LRUCache } from 'lru-cache';
class UserCache {
  cache = new LRUCache({ max: 100 });
  get(id) { return this.cache.get(id); }
}
export default new UserCache();`,
        errors: [{ messageId: 'processCache', line: 3, column: 11 }],
      },
    ],
  },
  'no-memory-session-store': {
    valid: [`export class Sessions { constructor(store) { this.store = store; } save(id, s) { return this.store.set(id, s); } }`],
    invalid: [
      {
        code: `class SessionService {
  constructor() { this.sessions = new Map(); }
  create(id, user) { this.sessions.set(id, user); }
}
export default new SessionService();`,
        errors: [{ messageId: 'sessionMap', line: 2, column: 19 }],
      },
      {
        code: `import { Injectable } from '@nestjs/common';
@Injectable()
export class SessionsService {
  sessions = new Map();
  login(id, user) { this.sessions.set(id, user); }
}`,
        errors: [{ messageId: 'sessionMap', line: 4, column: 3 }],
      },
    ],
  },
};
