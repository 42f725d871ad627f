/** Stateful patterns the rules look for (and look-alikes they must leave alone), as units for services and middlewares. */
import type { Ctx } from './context.js';
import type { UnitFn } from './template.js';

/** lru-cache in a service: `no-process-cache`. */
export const lruCache: UnitFn = (c) => {
  const m = c.model();
  const cache = c.unique(`${c.spec.camel}Cache`);
  const service = c.vars.get('serviceClass') ?? `${c.spec.pascal}Service`;
  return {
    patterns: ['lru-cache'],
    imports: [{ from: 'lru-cache', name: 'LRUCache' }, m.type],
    top: [`const ${cache} = new LRUCache<string, ${m.pascal}>({ max: 1_000, ttl: 5 * 60_000 });`],
    body: [
      `export async function getCached${c.spec.pascal}(service: ${service}, id: string): Promise<${m.pascal}> {`,
      `  const hit = ${cache}.get(id);`,
      '  if (hit) return hit;',
      '  const fresh = await service.get(id);',
      `  ${cache}.set(id, fresh);`,
      '  return fresh;',
      '}',
    ],
  };
};

/** A module-level `setInterval` refreshing something: `no-timers-in-web-process`. */
export const refreshInterval: UnitFn = (c) => {
  const timer = c.unique(`${c.spec.camel}RefreshTimer`);
  const refresh = c.unique(`refresh${c.spec.pascal}Snapshot`);
  return {
    patterns: ['set-interval'],
    imports: [c.lib('logger', 'logger'), c.lib('db', 'db')],
    top: [
      `const ${timer} = setInterval(() => {`,
      `  ${refresh}().catch((error: unknown) => logger.warn({ error }, '${c.spec.base} snapshot refresh failed'));`,
      '}, 5 * 60_000);',
      `${timer}.unref();`,
    ],
    body: [
      `async function ${refresh}(): Promise<void> {`,
      `  const started = Date.now();`,
      `  await db.query("REFRESH MATERIALIZED VIEW CONCURRENTLY ${c.spec.base.replace(/-/g, '_')}_snapshot");`,
      `  logger.debug({ ms: Date.now() - started }, '${c.spec.base} snapshot refreshed');`,
      '}',
    ],
  };
};

/** `function poll() { …; setTimeout(poll, ms) }`: a job loop (`no-timers-in-web-process`). */
export const pollLoop: UnitFn = (c) => {
  const poll = c.unique(`poll${c.spec.pascal}Queue`);
  return {
    patterns: ['timeout-loop'],
    imports: [c.lib('logger', 'logger'), c.lib('db', 'db')],
    body: [
      `export async function ${poll}(): Promise<void> {`,
      '  try {',
      `    const { rows } = await db.query<{ id: string }>("SELECT id FROM ${c.spec.base.replace(/-/g, '_')}_outbox WHERE sent_at IS NULL LIMIT 50");`,
      `    if (rows.length > 0) logger.info({ count: rows.length }, 'pending ${c.spec.base} messages');`,
      '  } catch (error) {',
      `    logger.error({ error }, '${c.spec.base} poll failed');`,
      '  }',
      `  setTimeout(${poll}, 10_000);`,
      '}',
    ],
  };
};

/** A module-level Map that exported functions change at runtime: `no-module-state`. */
export const draftMap: UnitFn = (c) => {
  const m = c.model();
  const drafts = c.unique('draftsByUser');
  return {
    patterns: ['module-map'],
    imports: [m.input],
    top: [`const ${drafts} = new Map<string, Partial<${m.pascal}Input>>();`],
    body: [
      `export function save${c.spec.pascal}Draft(userId: string, draft: Partial<${m.pascal}Input>): void {`,
      `  const previous = ${drafts}.get(userId) ?? {};`,
      `  ${drafts}.set(userId, { ...previous, ...draft });`,
      '}',
      '',
      `export function take${c.spec.pascal}Draft(userId: string): Partial<${m.pascal}Input> | undefined {`,
      `  const draft = ${drafts}.get(userId);`,
      `  ${drafts}.delete(userId);`,
      '  return draft;',
      '}',
    ],
  };
};

/** A hand-rolled session map: `no-memory-session-store`. */
export const sessionMap: UnitFn = (c) => {
  const sessions = c.unique('sessions');
  return {
    patterns: ['session-map'],
    imports: [{ from: 'node:crypto', name: 'randomUUID' }],
    top: [`const ${sessions} = new Map<string, { userId: string; expiresAt: number }>();`],
    body: [
      `export function open${c.spec.pascal}Session(userId: string, ttlMs = 30 * 60_000): string {`,
      '  const token = randomUUID();',
      `  ${sessions}.set(token, { userId, expiresAt: Date.now() + ttlMs });`,
      '  return token;',
      '}',
      '',
      `export function resolve${c.spec.pascal}Session(token: string): string | undefined {`,
      `  const entry = ${sessions}.get(token);`,
      '  if (!entry || entry.expiresAt < Date.now()) return undefined;',
      '  return entry.userId;',
      '}',
    ],
  };
};

/** A module-level request counter bumped by a middleware: `no-memory-rate-limit`. */
export const requestCounter: UnitFn = (c) => {
  const count = c.unique('requestCount');
  return {
    patterns: ['counter'],
    imports: [{ from: 'express', name: 'RequestHandler', typeOnly: true }],
    top: [`let ${count} = 0;`],
    body: [
      `export const count${c.spec.pascal}Requests: RequestHandler = (_req, res, next) => {`,
      `  ${count} += 1;`,
      `  res.setHeader('x-request-number', String(${count}));`,
      '  next();',
      '};',
    ],
  };
};

/** Failed logins per IP in a module-level Map: `no-memory-rate-limit` (by name). */
export const failedLogins: UnitFn = (c) => {
  const map = c.unique('failedLogins');
  return {
    patterns: ['counter-map'],
    imports: [{ from: 'express', name: 'Request', typeOnly: true }, { from: 'express', name: 'Response', typeOnly: true }, { from: 'express', name: 'NextFunction', typeOnly: true }],
    top: [`const ${map} = new Map<string, number>();`],
    body: [
      `export function guard${c.spec.pascal}Login(req: Request, res: Response, next: NextFunction): void {`,
      "  const key = req.ip ?? 'unknown';",
      `  const attempts = ${map}.get(key) ?? 0;`,
      '  if (attempts >= 5) {',
      "    res.status(429).json({ error: 'too many failed attempts' });",
      '    return;',
      '  }',
      "  res.on('finish', () => {",
      `    if (res.statusCode === 401) ${map}.set(key, attempts + 1);`,
      `    else if (res.statusCode < 400) ${map}.delete(key);`,
      '  });',
      '  next();',
      '}',
    ],
  };
};

/** An access log appended to a local file in a middleware: `no-local-file-write`. */
export const accessLogFile: UnitFn = (c) => {
  const file = c.unique('ACCESS_LOG');
  return {
    patterns: ['fs-write'],
    imports: [
      { from: 'node:fs', name: 'fs', form: 'default' },
      { from: 'node:path', name: 'path', form: 'default' },
      { from: 'express', name: 'Request', typeOnly: true },
      { from: 'express', name: 'Response', typeOnly: true },
      { from: 'express', name: 'NextFunction', typeOnly: true },
    ],
    top: [`const ${file} = path.resolve('logs', '${c.spec.base}-access.log');`],
    body: [
      `export function log${c.spec.pascal}Access(req: Request, res: Response, next: NextFunction): void {`,
      '  const started = Date.now();',
      "  res.on('finish', () => {",
      '    const line = `${new Date().toISOString()} ${req.method} ${req.originalUrl} ${res.statusCode} ${Date.now() - started}ms\\n`;',
      `    fs.appendFileSync(${file}, line);`,
      '  });',
      '  next();',
      '}',
    ],
  };
};

/** express-rate-limit with the default memory store (a finding) or with a Redis store (fine). */
export function rateLimiter(shared: boolean): UnitFn {
  return (c: Ctx) => {
    const limiter = c.unique(`${c.spec.camel}Limiter`);
    const options = [
      '  windowMs: 15 * 60_000,',
      `  limit: ${c.rng.pick([50, 100, 300, 1000])},`,
      "  standardHeaders: 'draft-7',",
      '  legacyHeaders: false,',
    ];
    if (shared) options.push("  store: new RedisStore({ sendCommand: (...args: string[]) => getRedis().sendCommand(args), prefix: 'rl:' }),");
    return {
      patterns: shared ? ['rate-limit-redis'] : ['express-rate-limit'],
      imports: [
        { from: 'express-rate-limit', name: 'rateLimit', form: 'default' },
        ...(shared ? [{ from: 'rate-limit-redis', name: 'RedisStore', form: 'default' as const }, c.lib('redis', 'getRedis')] : []),
      ],
      body: [`export const ${limiter} = rateLimit({`, ...options, '});'],
    };
  };
}

/** Lazily created singleton (fine: a client, not per-request state). */
export const lazyDefaults: UnitFn = (c) => {
  const holder = c.unique(`${c.spec.camel}Defaults`);
  return {
    patterns: ['lazy-init'],
    imports: [{ from: 'node:fs/promises', name: 'readFile' }],
    top: [`let ${holder}: Readonly<Record<string, unknown>> | undefined;`],
    body: [
      `export async function get${c.spec.pascal}Defaults(): Promise<Readonly<Record<string, unknown>>> {`,
      `  if (!${holder}) {`,
      `    ${holder} = Object.freeze(JSON.parse(await readFile(new URL('./${c.spec.base}.defaults.json', import.meta.url), 'utf8')) as Record<string, unknown>);`,
      '  }',
      `  return ${holder};`,
      '}',
    ],
  };
};

/** A lookup Map filled once at module load (fine: start-up code). */
export const startupLookup: UnitFn = (c) => {
  const labels = c.unique(`${c.spec.camel.toUpperCase()}_LABELS`);
  const map = c.unique('labelByCode');
  return {
    patterns: ['startup-map'],
    top: [
      `const ${labels} = { draft: 'Draft', active: 'Active', archived: 'Archived', deleted: 'Deleted' } as const;`,
      `const ${map} = new Map<string, string>();`,
      `for (const [code, label] of Object.entries(${labels})) ${map}.set(code, label);`,
    ],
    body: [
      `export function ${c.spec.camel}Label(code: string): string {`,
      `  return ${map}.get(code) ?? code;`,
      '}',
    ],
  };
};
