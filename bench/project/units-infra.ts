/** Templates for realtime gateways, workers, config and lib files. */
import type { Ctx } from './context.js';
import { pascalCase } from './random.js';
import type { ImportReq, Unit } from './source-builder.js';
import type { KindTemplate, UnitFn } from './template.js';

const upper = (kebab: string) => kebab.replace(/-/g, '_').toUpperCase();

// ---------------------------------------------------------------- realtime gateways

const gatewayHeader: UnitFn = (c) => {
  const service = c.dep('service');
  const withAdapter = c.rng.chance(0.35);
  const imports: ImportReq[] = [
    { from: 'node:http', name: 'Server as HttpServer', typeOnly: true }, { from: 'socket.io', name: 'Server' }, { from: 'socket.io', name: 'Socket', typeOnly: true },
    c.config(), c.lib('logger', 'logger'),
  ];
  if (service) imports.push({ from: service, name: `${service.pascal}Service` });
  if (withAdapter) imports.push({ from: '@socket.io/redis-adapter', name: 'createAdapter' }, c.lib('redis', 'getRedis'));
  const room = c.spec.domain!.name;
  return {
    imports,
    patterns: [withAdapter ? 'socket.io-adapter' : 'socket.io'],
    body: [
      `export function attach${c.spec.pascal}(httpServer: HttpServer): Server {`,
      `  const io = new Server(httpServer, { path: '/ws/${room}', cors: { origin: config.corsOrigins, credentials: true } });`,
      ...(withAdapter ? ['  const pub = getRedis().duplicate();', '  io.adapter(createAdapter(pub, pub.duplicate()));'] : []),
      ...(service ? [`  const service = new ${service.pascal}Service();`] : []),
      "  io.on('connection', (socket: Socket) => {",
      `    socket.on('${room}:subscribe', async (id: string, ack?: (ok: boolean) => void) => {`,
      ...(service ? ['      await service.get(id);'] : []),
      `      await socket.join(\`${room}:\${id}\`);`,
      '      ack?.(true);',
      '    });',
      "    socket.on('disconnect', (reason) => {",
      `      logger.debug({ id: socket.id, reason }, '${room} socket disconnected');`,
      '    });',
      '  });',
      '  return io;',
      '}',
    ],
  };
};

const gatewayPresence: UnitFn = (c) => {
  const online = c.unique('onlineUsers');
  return {
    patterns: ['connection-map'],
    imports: [{ from: 'socket.io', name: 'Socket', typeOnly: true }],
    top: [`const ${online} = new Map<string, Set<string>>();`],
    body: [
      `export function track${c.spec.pascal}Presence(socket: Socket, userId: string): void {`,
      `  const sockets = ${online}.get(userId) ?? new Set<string>();`,
      '  sockets.add(socket.id);',
      `  ${online}.set(userId, sockets);`,
      "  socket.on('disconnect', () => {",
      '    sockets.delete(socket.id);',
      `    if (sockets.size === 0) ${online}.delete(userId);`,
      '  });',
      '}',
    ],
  };
};

const gatewayBroadcast: UnitFn = (c) => ({
  imports: [{ from: 'socket.io', name: 'Server' }],
  body: [
    `export function broadcast${c.spec.pascal}Change(io: Server, id: string, payload: Record<string, unknown>): void {`,
    `  io.to(\`${c.spec.domain!.name}:\${id}\`).emit('${c.spec.domain!.name}:changed', { id, ...payload, at: Date.now() });`,
    '}',
  ],
});

export const gatewayTemplate: KindTemplate = { header: gatewayHeader, units: [gatewayBroadcast], patterns: [{ chance: 0.5, unit: gatewayPresence }] };

// ---------------------------------------------------------------- workers (not the web process: the rules skip them)

const workerHeader: UnitFn = (c) => {
  const domain = c.spec.domain!.name;
  return {
    imports: [
      { from: 'bullmq', name: 'Worker' }, { from: 'bullmq', name: 'Job', typeOnly: true }, { from: 'node:fs/promises', name: 'writeFile' },
      { from: 'node:path', name: 'path', form: 'default' }, c.lib('logger', 'logger'), c.config(),
    ],
    top: [`const connection = { url: config.redisUrl };`],
    body: [
      `export const ${c.spec.camel} = new Worker(`,
      `  '${domain}',`,
      '  async (job: Job<{ id: string; format: string }>) => {',
      `    const file = path.join('/tmp', \`${domain}-\${job.data.id}.\${job.data.format}\`);`,
      '    await writeFile(file, JSON.stringify(job.data));',
      '    return { file };',
      '  },',
      '  { connection, concurrency: 4 },',
      ');',
      '',
      `setInterval(() => logger.debug({ queue: '${domain}' }, 'worker alive'), 30_000).unref();`,
    ],
  };
};

export const workerTemplate: KindTemplate = { header: workerHeader, units: [] };

// ---------------------------------------------------------------- config

const envHelpers = [
  'function readEnv(name: string, fallback?: string): string {',
  '  const value = process.env[name] ?? fallback;',
  '  if (value === undefined) throw new Error(`Missing environment variable ${name}`);',
  '  return value;',
  '}',
  '',
  'function readNumber(name: string, fallback: number): number {',
  '  const raw = process.env[name];',
  '  const value = raw === undefined ? fallback : Number(raw);',
  '  if (!Number.isFinite(value)) throw new Error(`${name} must be a number`);',
  '  return value;',
  '}',
  '',
  'function readList(name: string, fallback: readonly string[]): string[] {',
  '  const raw = process.env[name];',
  "  return raw ? raw.split(',').map((entry) => entry.trim()).filter(Boolean) : [...fallback];",
  '}',
];

const configHeader: UnitFn = (c) => {
  const name = c.spec.base === 'index' ? 'config' : `${c.spec.camel}Config`;
  const entries = c.spec.base === 'index'
    ? [
      "  env: readEnv('NODE_ENV', 'development'),",
      "  isProduction: process.env.NODE_ENV === 'production',",
      "  port: readNumber('PORT', 3000),",
      "  logLevel: readEnv('LOG_LEVEL', 'info'),",
      "  sessionSecret: readEnv('SESSION_SECRET', 'dev-only-secret'),",
      "  corsOrigins: readList('CORS_ORIGINS', ['http://localhost:5173']),",
      "  redisUrl: readEnv('REDIS_URL', 'redis://localhost:6379'),",
      "  databaseUrl: readEnv('DATABASE_URL', 'postgres://localhost:5432/app'),",
    ]
    : [
      `  enabled: readList('${upper(c.spec.base)}_FLAGS', []).length > 0,`,
      `  timeoutMs: readNumber('${upper(c.spec.base)}_TIMEOUT_MS', 5_000),`,
      `  maxItems: readNumber('${upper(c.spec.base)}_MAX_ITEMS', 100),`,
      `  region: readEnv('${upper(c.spec.base)}_REGION', 'eu-central-1'),`,
    ];
  return { top: envHelpers, body: [`export const ${name} = Object.freeze({`, ...entries, '});', '', `export type ${pascalCase(name)} = typeof ${name};`] };
};

const configSection: UnitFn = (c) => {
  const section = c.unique(c.rng.pick(['mail', 'storage', 'payments', 'search', 'queue', 'telemetry', 'cache', 'tokens']));
  const env = upper(section);
  return {
    body: [
      `export const ${section}Settings = Object.freeze({`,
      `  url: readEnv('${env}_URL', 'http://localhost:${c.rng.int(3001, 9999)}'),`,
      `  timeoutMs: readNumber('${env}_TIMEOUT_MS', ${c.rng.pick([1000, 2500, 5000, 10000])}),`,
      `  retries: readNumber('${env}_RETRIES', ${c.rng.int(0, 5)}),`,
      `  hosts: readList('${env}_HOSTS', []),`,
      '});',
    ],
  };
};

export const configTemplate: KindTemplate = { header: configHeader, units: [configSection, configSection, configSection, configSection, configSection] };

// ---------------------------------------------------------------- lib

const libBodies: Record<string, (c: Ctx) => Unit> = {
  logger: (c) => ({
    imports: [{ from: 'pino', name: 'pino', form: 'default' }, c.config()],
    body: [
      "export const logger = pino({ level: config.logLevel, redact: ['req.headers.authorization', '*.password'] });",
      'export type Logger = typeof logger;',
      '',
      'export function childLogger(bindings: Record<string, unknown>): Logger {',
      '  return logger.child(bindings);',
      '}',
    ],
  }),
  db: (c) => ({
    imports: [{ from: 'pg', name: 'pg', form: 'default' }, c.config(), c.lib('logger', 'logger')],
    body: [
      'export const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10, idleTimeoutMillis: 30_000 });',
      "pool.on('error', (error: Error) => logger.error({ error }, 'idle database client failed'));",
      '',
      'export interface Db {',
      '  query<T = unknown>(text: string, params?: readonly unknown[]): Promise<{ rows: T[]; rowCount: number | null }>;',
      '}',
      '',
      'export const db: Db = {',
      '  query: (text, params) => pool.query(text, params ? [...params] : undefined) as never,',
      '};',
    ],
  }),
  'http-error': () => ({
    body: [
      'export class HttpError extends Error {',
      '  constructor(readonly status: number, message: string, readonly details?: unknown) {',
      '    super(message);',
      "    this.name = 'HttpError';",
      '  }',
      '',
      '  /** The status Fastify answers with. */',
      '  get statusCode(): number {',
      '    return this.status;',
      '  }',
      '}',
      '',
      'export const badRequest = (message: string, details?: unknown) => new HttpError(400, message, details);',
      "export const unauthorized = (message = 'unauthorized') => new HttpError(401, message);",
      "export const forbidden = (message = 'forbidden') => new HttpError(403, message);",
      'export const notFound = (message: string) => new HttpError(404, message);',
      'export const conflict = (message: string) => new HttpError(409, message);',
    ],
  }),
  'async-handler': () => ({
    imports: [{ from: 'express', name: 'NextFunction', typeOnly: true }, { from: 'express', name: 'Request', typeOnly: true }, { from: 'express', name: 'RequestHandler', typeOnly: true }, { from: 'express', name: 'Response', typeOnly: true }],
    body: [
      '/** Lets route handlers be async: a rejected promise goes to the error middleware. */',
      'export function asyncHandler<P>(fn: (req: Request<P>, res: Response, next: NextFunction) => Promise<unknown>): RequestHandler<P> {',
      '  return (req, res, next) => {',
      '    fn(req, res, next).catch(next);',
      '  };',
      '}',
    ],
  }),
  pagination: () => ({
    body: [
      'export interface Page<T> {',
      '  items: T[];',
      '  page: number;',
      '  pageSize: number;',
      '  total?: number;',
      '}',
      '',
      'export function parsePageQuery(query: Record<string, unknown>): { page: number; pageSize: number } {',
      '  const page = Math.max(1, Number.parseInt(String(query.page ?? 1), 10) || 1);',
      '  const pageSize = Math.min(100, Math.max(1, Number.parseInt(String(query.pageSize ?? 20), 10) || 20));',
      '  return { page, pageSize };',
      '}',
    ],
  }),
  result: () => ({
    body: [
      'export type Result<T, E = Error> = { ok: true; value: T } | { ok: false; error: E };',
      '',
      'export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });',
      'export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });',
      '',
      'export function unwrap<T, E>(result: Result<T, E>): T {',
      '  if (result.ok) return result.value;',
      '  throw result.error instanceof Error ? result.error : new Error(String(result.error));',
      '}',
    ],
  }),
  redis: (c) => ({
    patterns: ['lazy-init'],
    imports: [{ from: 'redis', name: 'createClient' }, c.config(), c.lib('logger', 'logger')],
    top: ['let client: ReturnType<typeof createClient> | undefined;'],
    body: [
      '/** The shared Redis client, created on first use. */',
      'export function getRedis(): ReturnType<typeof createClient> {',
      '  if (!client) {',
      '    client = createClient({ url: config.redisUrl });',
      "    client.on('error', (error) => logger.error({ error }, 'redis error'));",
      '    void client.connect();',
      '  }',
      '  return client;',
      '}',
      '',
      'export async function closeRedis(): Promise<void> {',
      '  await client?.quit();',
      '  client = undefined;',
      '}',
    ],
  }),
  ids: () => ({
    imports: [{ from: 'node:crypto', name: 'randomUUID' }, { from: 'node:crypto', name: 'randomBytes' }],
    body: [
      'export const newId = (): string => randomUUID();',
      '',
      'export function shortId(length = 10): string {',
      "  return randomBytes(length).toString('base64url').slice(0, length);",
      '}',
    ],
  }),
  clock: () => ({
    body: [
      'export const now = (): Date => new Date();',
      '',
      'export function addDays(date: Date, days: number): Date {',
      '  return new Date(date.getTime() + days * 24 * 60 * 60 * 1000);',
      '}',
      '',
      'export function isExpired(expiresAt: Date | string | undefined, at: Date = now()): boolean {',
      '  if (!expiresAt) return false;',
      '  return new Date(expiresAt).getTime() <= at.getTime();',
      '}',
    ],
  }),
  events: () => ({
    imports: [{ from: 'node:events', name: 'EventEmitter' }],
    body: ['export const events = new EventEmitter();', 'events.setMaxListeners(200);'],
  }),
  auth: (c) => ({
    imports: [
      { from: 'jsonwebtoken', name: 'jwt', form: 'default' }, { from: 'express', name: 'RequestHandler', typeOnly: true },
      { from: 'fastify', name: 'FastifyRequest', typeOnly: true }, c.config(), c.lib('http-error', 'unauthorized'), c.lib('http-error', 'forbidden'),
    ],
    body: [
      'export interface AuthUser {',
      '  sub: string;',
      '  role?: string;',
      '}',
      '',
      "declare module 'fastify' {",
      '  interface FastifyRequest {',
      '    user?: AuthUser;',
      '  }',
      '}',
      '',
      '/** The user of a `Bearer` token; throws a 401 HttpError without a valid one. */',
      'function verifyBearer(header: string | undefined): AuthUser {',
      "  const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;",
      "  if (!token) throw unauthorized('missing token');",
      '  try {',
      '    return jwt.verify(token, config.sessionSecret) as AuthUser;',
      '  } catch {',
      "    throw unauthorized('invalid token');",
      '  }',
      '}',
      '',
      'export const requireAuth: RequestHandler = (req, res, next) => {',
      '  try {',
      '    res.locals.user = verifyBearer(req.headers.authorization);',
      '    next();',
      '  } catch (error) {',
      '    next(error);',
      '  }',
      '};',
      '',
      'export function requireRole(role: string): RequestHandler {',
      '  return (req, res, next) => {',
      '    if (res.locals.user?.role !== role) return next(forbidden());',
      '    next();',
      '  };',
      '}',
      '',
      '/** The same checks as Fastify preHandler hooks. */',
      'export async function authenticate(request: FastifyRequest): Promise<void> {',
      '  request.user = verifyBearer(request.headers.authorization);',
      '}',
      '',
      'export function authorize(role: string): (request: FastifyRequest) => Promise<void> {',
      '  return async (request) => {',
      '    const user = request.user ?? verifyBearer(request.headers.authorization);',
      '    if (user.role !== role) throw forbidden();',
      '  };',
      '}',
    ],
  }),
  metrics: () => ({
    imports: [{ from: 'prom-client', name: 'Counter' }, { from: 'prom-client', name: 'Histogram' }],
    body: [
      "export const httpRequests = new Counter({ name: 'http_requests_total', help: 'HTTP requests', labelNames: ['route', 'status'] });",
      "export const httpDuration = new Histogram({ name: 'http_request_duration_seconds', help: 'HTTP latency', labelNames: ['route'] });",
      '',
      'export function observe(route: string, status: number, seconds: number): void {',
      '  httpRequests.inc({ route, status: String(status) });',
      '  httpDuration.observe({ route }, seconds);',
      '}',
    ],
  }),
};

export const libTemplate: KindTemplate = {
  header: (c) => (libBodies[c.spec.base] ?? (() => ({ body: [] })))(c),
  units: [],
};
