/**
 * What tells a handle from data: a module-level binding (or singleton field) that only ever holds a client, a server,
 * a service, a required module or a configuration value is a handle slot, not state another instance would miss.
 * Read by src/semantics/handles.ts for the rules and the audit alike.
 */
import { processCachePatterns } from './caches.js';
import { counterPatterns } from './counters.js';
import { realtimePatterns } from './realtime.js';
import { sessionPatterns } from './sessions.js';
import type { LibraryPattern } from './types.js';

/**
 * Functions whose name says they initialise their module: what they store runs once, whatever they are given
 * (`init(_runtimeAPI)`, `setup(settings, server)`, `configure(opts)`). Narrower than `startupFunctionNames`: `load…`,
 * `start…`, `register…` and `connect…` also name functions that run per request with per-request input.
 */
export const initFunctionNames: readonly RegExp[] = [/^(init|initiali[sz]e|setup|configure|bootstrap)($|[A-Z_\d])/];

/**
 * Parameters named like a handle handed over by start-up code (`setLogger(aLogger)`, `useDataSource(dataSource)`,
 * `setServer(server)`, `socketio(hook, { io })`): the whole name, or its last camelCase word.
 */
const handleNouns: readonly string[] = [
  'app',
  'application',
  'server',
  'io',
  'wss',
  'logger',
  'client',
  'pool',
  'db',
  'database',
  'dataSource',
  'connection',
  'driver',
  'adapter',
  'transport',
  'transporter',
  'provider',
  'runtime',
  'api',
  'settings',
  'config',
  'options',
  'env',
  'service',
  'repository',
];
const capitalised = (noun: string) => noun[0]!.toUpperCase() + noun.slice(1);
export const handleParameterNames: readonly RegExp[] = [
  new RegExp(`^_*(${handleNouns.join('|')})$`, 'i'),
  new RegExp(`[a-z\\d](${handleNouns.map(capitalised).join('|')}|API|IO)$`),
];

/**
 * Calls whose result differs from one call (or one instance) to the next: clocks and random sources. A value built
 * with one is data (`lastRun = Date.now()`, a key pair generated per process), never a handle. Matched by the
 * called name (`Date.now`, `crypto.randomUUID`, `uuid.v4`).
 */
export const clockAndRandomCalls: ReadonlySet<string> = new Set([
  'now',
  'hrtime',
  'random',
  'randomUUID',
  'randomBytes',
  'randomInt',
  'randomFillSync',
  'getRandomValues',
  'generateKeyPair',
  'generateKeyPairSync',
  'generateKey',
  'generateKeySync',
  'uuid',
  'v1',
  'v4',
  'v7',
  'nanoid',
  'ulid',
  'cuid',
  'createId',
]);

/**
 * Built-in constructors of values, not handles: a date, a promise (an in-process lock or a pending result), an
 * error, a pattern, a buffer. Containers are `containerConstructors` (containers.ts).
 */
export const valueConstructors: ReadonlySet<string> = new Set([
  'Date',
  'Promise',
  'Error',
  'TypeError',
  'RangeError',
  'RegExp',
  'String',
  'Number',
  'Boolean',
  'Symbol',
  'BigInt',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Uint8Array',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'Buffer',
  'URL',
  'URLSearchParams',
  'AbortController',
  'WeakRef',
]);

/**
 * Library values that keep state of their own (an LRU, a memory session store, a limiter, a socket server): a
 * binding holding one is judged by that library's row, never excused as a handle.
 */
export const stateHoldingLibraryPatterns: readonly LibraryPattern[] = [...sessionPatterns, ...processCachePatterns, ...realtimePatterns, ...counterPatterns];
