/**
 * Handles, not data (src/semantics/handles.ts): module-level bindings and singleton fields only ever rebound to a
 * client, a server, a service, a required module or a configuration value are not state; the look-alikes that keep
 * what a request brought, a count, a flag or a container are. The shapes are those of real services (an editor API's
 * init(), a server's start and close, a logger setter, an ORM's data source, a lazily resolved provider).
 */
import { commonjs, ruleTester, script } from '../src/test-support/rule-tester.js';
import localRealtimeState from './no-local-realtime-state.js';
import memoryRateLimit from './no-memory-rate-limit.js';
import memorySessionStore from './no-memory-session-store.js';
import moduleState from './no-module-state.js';

ruleTester.run('no-module-state', moduleState, {
  valid: [
    // A parameter handed to init(), whatever its name.
    `let runtimeAPI: RuntimeAPI | undefined;
export function init(_runtimeAPI: RuntimeAPI) { runtimeAPI = _runtimeAPI; }
app.get('/context/:scope', (req, res) => { res.json(runtimeAPI!.context.get(req.params.scope)); });`,
    {
      code: `var apiUtils = require('../util');
var runtimeAPI;
var settings;
module.exports = {
  init: function (_settings, _runtimeAPI) { settings = _settings; runtimeAPI = _runtimeAPI; },
  get: function (req, res) { runtimeAPI.context.getValue({ user: req.user, theme: settings.theme }).then((v) => res.json(v)); },
};`,
      ...commonjs,
    },
    // An app built from init()'s parameters; passing a parameter to app.use() does not make init() a handler.
    {
      code: `var apiUtil = require('./util');
var adminApp;
var server;
function init(settings, _server, storage, runtimeAPI) {
  server = _server;
  if (settings.httpAdminRoot !== false) {
    adminApp = apiUtil.createExpressApp(settings);
    var adminApiApp = require('./admin').init(settings, runtimeAPI);
    adminApp.use(adminApiApp);
  } else {
    adminApp = null;
  }
}
module.exports = { init, get httpAdmin() { return adminApp; } };`,
      ...script,
    },
    // Modules required in init(), and a module rebound to the same require() and configured.
    {
      code: `var Users;
var Strategies;
function init(_server, _settings, _runtimeAPI) { Users = require('../auth/users'); Strategies = require('../auth/strategies'); }
module.exports = { init, login: (req, res) => Users.get(req.body.user).then(() => Strategies.run(req, res)) };`,
      ...commonjs,
    },
    {
      code: `var https = require('https'), crypto = require('crypto');
var Parse = require('parse/node').Parse;
OAuth.signature = function (text, key) { crypto = require('crypto'); return crypto.createHmac('sha1', key).update(text).digest('base64'); };
function ParseServer(options) { Parse.serverURL = options.serverURL; }
module.exports = { OAuth, ParseServer };`,
      ...script,
    },
    // Handles made when the server starts (from configuration and calls) and dropped when it closes.
    `import settings, { getGitCommit } from '../utils/Settings';
import SecretRotator from '../security/SecretRotator';
let secretRotator: SecretRotator | null = null;
let serverName: string;
exports.createServer = async () => { serverName = \`Etherpad \${getGitCommit()}\`; await exports.restartServer(); };
exports.restartServer = async () => {
  const { keyRotationInterval, sessionLifetime } = settings.cookie;
  secretRotator = new SecretRotator('expressSessionSecrets', keyRotationInterval, sessionLifetime, settings.sessionKey);
  await secretRotator.start();
  app.use((req, res, next) => { res.header('Server', serverName); next(); });
};
exports.closeServer = async () => { if (secretRotator) secretRotator.stop(); secretRotator = null; };`,
    // Setters of a parameter named like a handle.
    `let logger = defaultLogger();
export function setLogger(aLogger) { logger = aLogger; }
export function getLogger() { return logger; }`,
    `let ioI: { sockets: { sockets: any[] } } | null = null;
exports.socketio = (hookName: string, { io }: any) => { ioI = io; };
app.get('/stats', (req, res) => res.json(ioI!.sockets.sockets.length));`,
    // An ORM's data source, a static set by a setter.
    `export class BaseEntity {
  private static dataSource: DataSource | null;
  static useDataSource(dataSource: DataSource | null) { this.dataSource = dataSource; }
  static getRepository() { return this.dataSource!.getRepository(this); }
}`,
    // A provider resolved lazily from configuration and plugins, reset for tests.
    `export default class SearchProviderManager {
  private static cachedProvider: BaseSearchProvider | undefined;
  public static getProvider(): BaseSearchProvider {
    if (this.cachedProvider) return this.cachedProvider;
    const plugins = PluginManager.getHooks(Hook.SearchProvider);
    for (const plugin of plugins) {
      if (plugin.value.id === env.SEARCH_PROVIDER) { this.cachedProvider = plugin.value; return this.cachedProvider; }
    }
    throw new Error('no provider');
  }
  public static reset(): void { this.cachedProvider = undefined; }
}`,
    // Singleton fields holding a transport, a socket server and a resolved service.
    `import nodemailer from 'nodemailer';
export class Mailer {
  transporter: Transporter | undefined;
  constructor() {
    if (env.SMTP_HOST) this.transporter = nodemailer.createTransport(this.getOptions());
    void this.getTestTransportOptions().then((options) => { this.transporter = nodemailer.createTransport(options); });
  }
  send(message: Message) { return this.transporter?.sendMail(message); }
}
export default new Mailer();`,
    `import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Server } from 'socket.io';
@Injectable()
export class WsService {
  private server: Server;
  private svc: any = null;
  constructor(private readonly moduleRef: ModuleRef) {}
  setServer(server: Server): void { this.server = server; }
  private resolve(): any {
    const ServiceClass = this.loadServiceClass();
    this.svc = this.moduleRef.get(ServiceClass, { strict: false });
    return this.svc;
  }
  emit(room: string, data: unknown) { this.server.to(room).emit('message', data); this.resolve()?.emit(data); }
}`,
  ],
  invalid: [
    // What a request brought.
    {
      code: `let currentUser;
app.get('/me', (req, res) => { currentUser = req.user; res.json(currentUser); });`,
      errors: [{ messageId: 'moduleState', line: 1, column: 5, data: { name: 'currentUser', line: 2 } }],
    },
    {
      code: `let current;
app.post('/connect', (req, res) => { current = new Client(req.body.url); res.end(); });`,
      errors: [{ messageId: 'moduleState', line: 1, column: 5, data: { name: 'current', line: 2 } }],
    },
    // Data loaded again while serving, a time, a key pair made per process.
    {
      code: `let cached: Price[] | undefined;
export async function refresh() { cached = await db.load(); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 5, data: { name: 'cached', line: 2 } }],
    },
    {
      code: `let lastRun = 0;
export function touch() { lastRun = Date.now(); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 5, data: { name: 'lastRun', line: 2 } }],
    },
    {
      code: `export let publicKeyExported: CryptoKey | null;
export const expressCreateServer = async (hookName: string, args: unknown, cb: Function) => {
  const { publicKey } = await generateKeyPair('RS256', { extractable: true });
  publicKeyExported = publicKey;
};`,
      errors: [{ messageId: 'moduleState', line: 1, column: 12, data: { name: 'publicKeyExported', line: 4 } }],
    },
    // A container rebuilt after start-up, a library cache made again, a promise.
    {
      code: `let entries = new Map();
export function clear() { entries = new Map(); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 5, data: { name: 'entries', line: 2 } }],
    },
    {
      code: `import { LRUCache } from 'lru-cache';
let pages: LRUCache<string, string> | undefined;
export function reset() { pages = new LRUCache({ max: 10 }); }`,
      errors: [{ messageId: 'moduleState', line: 2, column: 5, data: { name: 'pages', line: 3 } }],
    },
    {
      code: `let ready: Promise<void>;
export function reload() { ready = new Promise((resolve) => queueMicrotask(resolve)); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 5, data: { name: 'ready', line: 2 } }],
    },
    // A handle changed in place while serving.
    {
      code: `var settings;
module.exports = {
  init: function (_settings) { settings = _settings; },
  save: function (req, res) { settings.theme = req.body.theme; res.end(); },
};`,
      ...commonjs,
      errors: [{ messageId: 'moduleState', line: 1, column: 5, data: { name: 'settings', line: 4 } }],
    },
    // A setter of a parameter not named like a handle, on a module binding and on a singleton.
    {
      code: `let theme;
export function setTheme(value) { theme = value; }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 5, data: { name: 'theme', line: 2 } }],
    },
    {
      code: `import { Injectable } from '@nestjs/common';
@Injectable()
export class AuditService {
  private lastEntry?: Entry;
  record(entry: Entry) { this.lastEntry = entry; }
}`,
      errors: [{ messageId: 'providerState', line: 4, column: 3, data: { name: 'lastEntry', owner: 'AuditService', line: 5 } }],
    },
  ],
});

ruleTester.run('no-memory-session-store', memorySessionStore, {
  valid: [
    // A session store handle (the store itself is shared), made when the server starts and dropped when it closes.
    `let sessionStore: Store | null;
exports.restartServer = async () => {
  sessionStore = new SessionStore(settings.cookie.sessionRefreshInterval);
  exports.sessionMiddleware = expressSession({ store: sessionStore ?? undefined, secret: settings.sessionKey });
};
exports.closeServer = async () => { sessionStore = null; };`,
    // The tokens module, required in init().
    {
      code: `var Tokens;
function init(_server, _settings, _runtimeAPI) { Tokens = require('../auth/tokens'); Tokens.onSessionExpiry(() => {}); }
module.exports = { init, check: (req, res) => Tokens.get(req.headers.authorization).then((t) => res.json(t)) };`,
      ...commonjs,
    },
  ],
  invalid: [
    {
      code: `let sessions = new Map();
export function clear() { sessions = new Map(); }`,
      errors: [{ messageId: 'sessionMap', line: 1, column: 5, data: { name: 'sessions', line: 2 } }],
    },
    {
      code: `let sessionUser;
export function setSessionUser(value) { sessionUser = value; }`,
      errors: [{ messageId: 'sessionMap', line: 1, column: 5, data: { name: 'sessionUser', line: 2 } }],
    },
  ],
});

ruleTester.run('no-local-realtime-state', localRealtimeState, {
  valid: [
    // The socket server handle kept by a service: the server uses a shared adapter where it is made.
    `import { Server } from 'socket.io';
let wsClients: Server['sockets'] | undefined;
export function setup(_io: Server) { wsClients = _io.sockets; }
export const count = () => wsClients?.sockets.size ?? 0;`,
  ],
  invalid: [
    {
      code: `import { WebSocketServer } from 'ws';
let clients = new Set();
export function reset() { clients = new Set(); }`,
      errors: [{ messageId: 'connectionRegistry', line: 2, column: 5, data: { name: 'clients', line: 3 } }],
    },
  ],
});

ruleTester.run('no-memory-rate-limit', memoryRateLimit, {
  valid: [
    // A counter service handle named like a counter.
    `let counterService;
export function init(_counterService) { counterService = _counterService; }
app.post('/hit', async (req, res) => { await counterService.increment(req.ip); res.end(); });`,
  ],
  invalid: [
    // A flag set and cleared around work.
    {
      code: `let busy = false;
export async function work() { busy = true; await run(); busy = false; }`,
      errors: [{ messageId: 'flag', line: 1, column: 5, data: { name: 'busy', line: 2 } }],
    },
    {
      code: `let requestCount = 0;
app.use((req, res, next) => { requestCount++; next(); });`,
      errors: [{ messageId: 'counter', line: 1, column: 5, data: { name: 'requestCount', line: 2 } }],
    },
  ],
});
