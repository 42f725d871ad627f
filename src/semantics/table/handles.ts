/**
 * Handles, not data (src/semantics/handles.ts): module-level bindings only ever rebound to a client, a server, a
 * service, a required module or a configuration value change nothing another instance would miss; the look-alikes
 * that store what a request brought, count, flag or keep a container do.
 */
import type { MutationRow } from './row.js';

/** The codemods' kit names hand-rolled state only to skip it, and does not tell handles from data. */
const codemodsSkip = {
  codemods: 'handRolledState only names module state a codemod skips (cache-redis rewrites containers, never a binding); it does not tell handles from data',
};

/** A row that changes nothing shared: every write stores a handle. */
function handle(id: string, code: string, typescript = false): MutationRow {
  return { topic: 'mutation', id: `handle: ${id}`, code, typescript, expected: { mutates: false }, notAskedBy: codemodsSkip };
}

/** A look-alike that is state: it names what changes. */
function data(id: string, code: string, mutates: string, typescript = false): MutationRow {
  return { topic: 'mutation', id: `not a handle: ${id}`, code, typescript, expected: { mutates } };
}

const use = (name: string) => `app.get('/x', (req, res) => { res.json(${name}.read(req.query.key)); });\n`;

export const handleRows: readonly MutationRow[] = [
  handle('parameter of init()', `let runtimeAPI;\nexport function init(_runtimeAPI) { runtimeAPI = _runtimeAPI; }\n${use('runtimeAPI')}`),
  handle('parameter of an init method', `var settings;\nmodule.exports = {\n  init: function (_settings, _runtime) { settings = _settings; },\n  get: function (req, res) { res.json(settings.theme); },\n};\n`),
  handle('module required in init()', `let tokens;\nexport function init(_server, _settings) { tokens = require('./tokens'); }\n${use('tokens')}`),
  handle('app built from init() parameters', `let adminApp;\nexport function init(settings, _server) { adminApp = createExpressApp(settings); }\n${use('adminApp')}`),
  handle(
    'client made when the server starts, cleared when it closes',
    `let sessionStore = null;\nexport const restartServer = async () => { sessionStore = new SessionStore(process.env.REFRESH); };\nexport const closeServer = async () => { sessionStore = null; };\n${use('sessionStore')}`,
  ),
  handle('string built from calls', `let serverName;\nexport const createServer = async () => { serverName = \`app \${gitCommit()}\`; };\napp.get('/x', (req, res) => { res.set('Server', serverName).end(); });\n`),
  handle('setter of a handle-named parameter', `let logger = defaultLogger();\nexport function setLogger(aLogger) { logger = aLogger; }\n${use('logger')}`),
  handle('destructured handle parameter of a hook', `let ioI = null;\nexport const socketio = (hookName, { io }) => { ioI = io; };\n${use('ioI')}`),
  handle('client made from a local set from configuration', `let secretRotator = null;\nexport async function restart() {\n  const { interval } = config.cookie;\n  secretRotator = new SecretRotator('secrets', interval);\n}\n${use('secretRotator')}`),
  handle('module rebound to a require() and configured', `var sdk = require('sdk');\nexport function sign(url) { sdk = require('sdk'); sdk.serverURL = url; }\n${use('sdk')}`),
  handle('object literal rebuilt only by init()', `let apiTokens = {};\nexport function init(authSettings) { apiTokens = {}; apiTokens = authSettings.tokens.reduce((all, t) => { all[t.token] = t; return all; }, {}); }\n${use('apiTokens')}`),
  data('request data kept by a handler', `let currentUser;\napp.get('/me', (req, res) => { currentUser = req.user; res.end(); });\n`, 'currentUser'),
  data('data loaded again while serving', `let cached;\nexport async function refresh() { cached = await db.load(); }\n${use('cached')}`, 'cached'),
  data('flag set and cleared around work', `let busy = false;\nexport async function work() { busy = true; await run(); busy = false; }\n`, 'busy'),
  data('container rebuilt after start-up', `let sessions = new Map();\nexport function clear() { sessions = new Map(); }\n`, 'sessions'),
  data('handle changed in place while serving', `let settings;\nexport function init(_settings) { settings = _settings; }\napp.post('/theme', (req, res) => { settings.theme = req.body.theme; res.end(); });\n`, 'settings'),
  data('time of the last run', `let lastRun = 0;\nexport function touch() { lastRun = Date.now(); }\n`, 'lastRun'),
  data('client built from a request parameter', `let current;\napp.post('/connect', (req, res) => { current = new Client(req.body.url); res.end(); });\n`, 'current'),
  data('setter of a parameter not named like a handle', `let token;\nexport function setToken(value) { token = value; }\n`, 'token'),
];
