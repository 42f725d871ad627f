/**
 * The one source of truth for every check: ids, categories, messages, remedies, codemods and docs.
 * ESLint rule `meta`, audit findings, SARIF rules and the README tables all read from here.
 */
import { packageInfo } from './package-info.js';

export const categoryIds = ['sessions', 'caches', 'files', 'jobs', 'realtime', 'counters'] as const;
export type CategoryId = (typeof categoryIds)[number];

export interface Category {
  id: CategoryId;
  /** The checklist item, as a reviewer would tick it. */
  checklistItem: string;
  /** What is flagged, in a phrase. */
  flags: string;
  /** Where the state should live instead. */
  destination: string;
}

export const categories: Record<CategoryId, Category> = {
  sessions: {
    id: 'sessions',
    checklistItem: 'Sessions live in a shared store, not in process memory',
    flags: 'express-session without a store (MemoryStore), memorystore, @fastify/session defaults, hand-rolled session maps',
    destination: 'a Redis session store (connect-redis), or signed tokens/cookies',
  },
  caches: {
    id: 'caches',
    checklistItem: 'Caches and module-level data are shared, not per process',
    flags: 'module-level or singleton Maps/objects/arrays that request handling mutates; lru-cache, node-cache & co.; NestJS providers holding data',
    destination: 'a shared cache (Redis)',
  },
  files: {
    id: 'files',
    checklistItem: 'Request handling writes no local files',
    flags: 'fs writes in request handling, multer dest/diskStorage, formidable uploadDir, generated exports',
    destination: 'object storage (S3 API) and signed URLs',
  },
  jobs: {
    id: 'jobs',
    checklistItem: 'Scheduled work runs in a worker, not in the web process',
    flags: 'setInterval, setTimeout loops, node-cron, cron, node-schedule, @nestjs/schedule in the web process',
    destination: 'a queue worker (BullMQ) in its own process',
  },
  realtime: {
    id: 'realtime',
    checklistItem: 'Realtime fan-out goes through a shared pub/sub adapter',
    flags: 'socket.io without a shared adapter, ws servers broadcasting to their local clients, module-level socket registries',
    destination: 'a pub/sub adapter (@socket.io/redis-adapter)',
  },
  counters: {
    id: 'counters',
    checklistItem: 'Rate limits, counters and locks are shared',
    flags: 'in-process rate limits (express-rate-limit default store, RateLimiterMemory), counters, in-memory locks and flags',
    destination: 'Redis-backed stores and locks',
  },
};

export const checkIds = [
  'no-memory-session-store',
  'no-module-state',
  'no-process-cache',
  'no-local-file-write',
  'no-timers-in-web-process',
  'no-memory-rate-limit',
  'no-local-realtime-state',
] as const;
export type CheckId = (typeof checkIds)[number];

export const codemodIds = [
  'session-redis',
  'cache-redis',
  'uploads-object-storage',
  'jobs-queue',
  'socketio-redis-adapter',
  'rate-limit-redis',
] as const;
export type CodemodId = (typeof codemodIds)[number];

export interface Check {
  id: CheckId;
  category: CategoryId;
  /** One line: what the check flags. */
  title: string;
  /** Message templates by messageId; each names the failure it causes and the remedy. */
  messages: Record<string, string>;
  /** The remedy in a sentence. */
  remedy: string;
  /** The codemod that rewrites the common cases, if any. */
  codemod?: CodemodId;
  /**
   * Messages for a weaker form of the problem that is worth knowing but not failing a build for (a job gated to one
   * designated instance): the audit reports them with severity `info`.
   */
  infoMessages?: readonly string[];
}

// The three stories every guide tells; messages name the one a finding breaks.
const WRONG_SERVER = 'a request routed to another instance';
const CRASH = 'a restart or crash';

export const checks = {
  'no-memory-session-store': {
    id: 'no-memory-session-store',
    category: 'sessions',
    title: 'Sessions kept in process memory',
    remedy: 'Keep sessions in Redis (connect-redis, @fastify/session with a Redis store) or in signed cookies/tokens.',
    codemod: 'session-redis',
    messages: {
      defaultStore: `{{library}} without a \`store\` keeps sessions in this process's memory (MemoryStore): ${WRONG_SERVER} is logged out, and ${CRASH} logs everyone out. Pass a Redis store (connect-redis).`,
      memoryStore: `{{library}} keeps sessions in this process's memory: ${WRONG_SERVER} is logged out, and ${CRASH} logs everyone out. Use a Redis store (connect-redis).`,
      optionalStore: `{{library}} gets a shared \`{{option}}\` only when configuration turns it on, and the default configuration leaves it off: then sessions stay in this process's memory (MemoryStore), ${WRONG_SERVER} is logged out, and ${CRASH} logs everyone out. Make the shared store (connect-redis) the default, or refuse to start without it in production.`,
      sessionMap: `\`{{name}}\` holds sessions in module memory and is changed at line {{line}}: ${WRONG_SERVER} does not know the session, and ${CRASH} loses all of them. Keep sessions in Redis or in signed tokens.`,
    },
  },
  'no-module-state': {
    id: 'no-module-state',
    category: 'caches',
    title: 'Module-level, static or singleton data changed while serving requests',
    remedy: 'Keep shared data in Redis (or the database); keep only constants and clients at module level.',
    codemod: 'cache-redis',
    messages: {
      moduleState: `\`{{name}}\` lives in module memory and is changed at line {{line}}: each instance holds its own copy, so ${WRONG_SERVER} sees other data, a new instance starts empty, and ${CRASH} loses it. Keep it in Redis.`,
      providerState: `\`{{name}}\` is data held by the singleton \`{{owner}}\` and changed at line {{line}}: each instance holds its own copy, so ${WRONG_SERVER} sees other data, a new instance starts empty, and ${CRASH} loses it. Keep it in Redis.`,
    },
  },
  'no-process-cache': {
    id: 'no-process-cache',
    category: 'caches',
    title: 'In-process cache libraries',
    remedy: 'Use a shared cache in Redis, so every instance sees the same entries and invalidations.',
    codemod: 'cache-redis',
    messages: {
      processCache: `{{library}} caches in this process's memory: instances serve different, stale entries (an update through one is not seen by ${WRONG_SERVER}), and a new instance starts cold. Use a shared cache in Redis.`,
      optionalStore: `{{library}} gets a shared \`{{option}}\` only when configuration turns it on, and the default configuration leaves it off: then it caches in this process's memory, instances serve different, stale entries, and a new instance starts cold. Make the shared cache in Redis the default, or refuse to start without it in production.`,
    },
  },
  'no-local-file-write': {
    id: 'no-local-file-write',
    category: 'files',
    title: 'Request handling writes to the local disk',
    remedy: 'Write to object storage (S3 API) and hand out signed URLs; keep the local disk for nothing that outlives a request.',
    codemod: 'uploads-object-storage',
    messages: {
      fsWrite: `\`{{api}}\` writes to this instance's disk while handling a request: ${WRONG_SERVER} cannot find the file, and it is gone when the instance is replaced. Write to object storage (S3 API).`,
      uploadToDisk: `{{library}} stores uploads on this instance's disk: ${WRONG_SERVER} cannot find the file, and it is gone when the instance is replaced. Store uploads in object storage (multer-s3 / S3 API).`,
    },
  },
  'no-timers-in-web-process': {
    id: 'no-timers-in-web-process',
    category: 'jobs',
    title: 'Timers and schedulers inside the web process',
    remedy: 'Move the job to a queue worker (BullMQ with a repeatable job) that runs in its own process.',
    codemod: 'jobs-queue',
    messages: {
      interval: `\`{{api}}\` runs a job inside the web process: with N instances it runs N times per period, and ${CRASH} drops it mid-run. Run it from a queue worker (BullMQ repeatable job).`,
      timeoutLoop: `This \`setTimeout\` reschedules \`{{name}}\`, a job loop inside the web process: with N instances it runs N times per period, and ${CRASH} drops it mid-run. Run it from a queue worker (BullMQ repeatable job).`,
      scheduler: `{{library}} schedules jobs inside the web process: with N instances each job runs N times, and ${CRASH} drops it mid-run. Run it from a queue worker (BullMQ repeatable job).`,
      leaderGated: `{{what}} runs only in the instance where \`{{gate}}\` holds, a designated leader: that holds only while exactly one instance passes the gate — when it crashes the job stops until another takes over, and two that pass it (a failover, a flag set twice, a lock that expired) run it twice. Run it from a queue worker (BullMQ repeatable job).`,
    },
    infoMessages: ['leaderGated'],
  },
  'no-memory-rate-limit': {
    id: 'no-memory-rate-limit',
    category: 'counters',
    title: 'Rate limits, counters and locks in process memory',
    remedy: 'Count and lock in Redis (rate-limit-redis, RateLimiterRedis, a Redis lock) so the limit holds across instances.',
    codemod: 'rate-limit-redis',
    messages: {
      memoryLimiter: `{{library}} counts in this process's memory: N instances allow N times the limit, and ${CRASH} resets it. Use a Redis store (rate-limit-redis / RateLimiterRedis).`,
      optionalStore: `{{library}} gets a shared \`{{option}}\` only when configuration turns it on, and the default configuration leaves it off: then it counts in this process's memory, N instances allow N times the limit, and ${CRASH} resets it. Make the Redis store the default, or refuse to start without it in production.`,
      memoryLock: `{{library}} locks only inside this process: another instance takes the same lock at the same time. Use a Redis lock.`,
      counter: `\`{{name}}\` counts in module memory and is changed at line {{line}}: each instance counts alone, so limits and totals are wrong with N instances, and ${CRASH} resets them. Count in Redis (INCR).`,
      flag: `\`{{name}}\` is an in-memory lock or flag set at line {{line}}: another instance does not see it and runs the same work at the same time. Use a Redis lock.`,
    },
  },
  'no-local-realtime-state': {
    id: 'no-local-realtime-state',
    category: 'realtime',
    title: 'Realtime connections known only to this process',
    remedy: 'Fan out through a shared pub/sub adapter (@socket.io/redis-adapter, Redis pub/sub for ws).',
    codemod: 'socketio-redis-adapter',
    messages: {
      noAdapter: `This socket.io server has no shared adapter: a message emitted here never reaches clients connected to another instance. Use @socket.io/redis-adapter.`,
      localPubSub: `{{library}} delivers published events only to subscribers in this process: a subscriber connected to another instance never receives an event published here. Use a shared pub/sub (graphql-redis-subscriptions RedisPubSub, a Redis event target or emitter).`,
      optionalAdapter: `This socket.io server gets a shared \`{{option}}\` only when configuration turns it on, and the default configuration leaves it off: then a message emitted here never reaches clients connected to another instance. Make @socket.io/redis-adapter the default, or refuse to start without it in production.`,
      localBroadcast: `This WebSocket server broadcasts only to \`{{name}}.clients\`, the clients connected to this instance: clients on other instances miss the message. Fan out through Redis pub/sub.`,
      connectionRegistry: `\`{{name}}\` tracks connections in module memory (changed at line {{line}}): users connected to another instance are invisible here, and ${CRASH} loses the registry. Keep presence in Redis and fan out through pub/sub.`,
    },
  },
} as const satisfies Record<CheckId, Check>;

/** The message ids of each check. */
type MessageIds = { [C in CheckId]: keyof (typeof checks)[C]['messages'] & string };

/**
 * The message ids of check `C` (of any check when `C` is the union): a typo'd or foreign id is a compile error. An
 * indexed access, not a conditional type, so that `Report<CheckId>` is no `Report<'no-process-cache'>`.
 */
export type MessageId<C extends CheckId = CheckId> = MessageIds[C];

/** A check and one of its own messages, as a knowledge row or a finding names them. */
export type CheckMessage<C extends CheckId = CheckId> = C extends CheckId ? { check: C; messageId: MessageId<C> } : never;

/** Whether `messageId` is a message of check `id`: for ids that arrive as strings (ESLint's reports). */
export function isMessageId<C extends CheckId>(id: C, messageId: string): messageId is MessageId<C> {
  const check: Check = checks[id];
  return Object.hasOwn(check.messages, messageId);
}

/** A check's message with its `{{placeholders}}` filled, as ESLint fills them. */
export function formatMessage<C extends CheckId>(id: C, messageId: MessageId<C>, data: Record<string, string | number>): string {
  const check: Check = checks[id];
  const template = check.messages[messageId];
  if (template === undefined) throw new Error(`${id} has no message '${messageId}'`);
  return interpolate(template, data);
}

/** ESLint's `interpolate` (eslint/lib/linter/interpolate.js): `{{ name }}` from data, unknown names left as they are. */
export function interpolate(text: string, data: Readonly<Record<string, unknown>> | undefined): string {
  if (!data) return text;
  return text.replace(/\{\{([^{}]+)\}\}/gu, (whole, term: string) => (term.trim() in data ? String(data[term.trim()]) : whole));
}

/** Every check in catalog order. */
export const allChecks: readonly Check[] = checkIds.map((id) => checks[id]);

/** Where the docs of a check live, relative to the package root. */
export function docsPath(id: CheckId): string {
  return `docs/rules/${id}.md`;
}

/** The public URL of a check's docs (as shipped in the package), for ESLint `meta.docs.url` and SARIF `helpUri`. */
export function docsUrl(id: string): string {
  return `${packageInfo.docsBaseUrl}${id}.md`;
}
