/** Templates for the wiring: domain modules, apps (Express and Fastify) and the server entry. */
import type { FileSpec } from './plan.js';
import { pascalCase } from './random.js';
import type { ImportReq } from './source-builder.js';
import type { KindTemplate, UnitFn } from './template.js';

const upper = (kebab: string) => kebab.replace(/-/g, '_').toUpperCase();

// ---------------------------------------------------------------- domain modules

const moduleHeader: UnitFn = (c) => {
  const domain = c.spec.domain!;
  const routes = c.specsOf('route', domain.name);
  const P = c.spec.pascal;
  const fastify = c.spec.framework === 'fastify';
  const imports: ImportReq[] = routes.map((r) => ({ from: r, name: `${r.camel}${fastify ? 'Routes' : 'Router'}`, form: 'default' }));
  imports.push(fastify ? { from: 'fastify', name: 'FastifyInstance', typeOnly: true } : { from: 'express', name: 'Express', typeOnly: true });
  const path = (r: FileSpec) => (r.base === domain.name ? '' : `/${r.base.slice(domain.name.length + 1)}s`);
  return {
    imports,
    top: [
      `export const ${upper(domain.name)}_MODULE = Object.freeze({`,
      `  name: '${domain.name}',`,
      `  basePath: '/api/${domain.name}s',`,
      `  routes: [${routes.map((r) => `'${path(r) || '/'}'`).join(', ')}],`,
      '});',
    ],
    body: fastify
      ? [
        `export async function mount${P}Module(app: FastifyInstance, prefix = '/api/${domain.name}s'): Promise<void> {`,
        ...routes.map((r) => `  await app.register(${r.camel}Routes, { prefix: \`\${prefix}${path(r)}\` });`),
        '}',
      ]
      : [
        `export function mount${P}Module(app: Express, prefix = '/api/${domain.name}s'): void {`,
        ...routes.map((r) => `  app.use(\`\${prefix}${path(r)}\`, ${r.camel}Router);`),
        '}',
      ],
  };
};

const moduleReexports: UnitFn = (c) => {
  const domain = c.spec.domain!.name;
  const lines = [
    ...c.specsOf('service', domain).map((s) => `export { ${s.pascal}Service } from './services/${s.base}.service.js';`),
    ...c.specsOf('model', domain).map((s) => `export type { ${s.pascal}, ${s.pascal}Dto } from './models/${s.base}.model.js';`),
  ];
  return { body: lines };
};

const modulePermissions: UnitFn = (c) => {
  const domain = c.spec.domain!.name;
  return {
    body: [
      `export const ${upper(domain)}_PERMISSIONS = {`,
      `  read: ['${domain}:read'],`,
      `  write: ['${domain}:read', '${domain}:write'],`,
      `  admin: ['${domain}:read', '${domain}:write', '${domain}:delete', '${domain}:export'],`,
      '} as const satisfies Record<string, readonly string[]>;',
      '',
      `export type ${c.spec.pascal}Permission = (typeof ${upper(domain)}_PERMISSIONS)[keyof typeof ${upper(domain)}_PERMISSIONS][number];`,
      '',
      `export function can${c.spec.pascal}(granted: readonly string[], needed: ${c.spec.pascal}Permission): boolean {`,
      `  return granted.includes(needed) || granted.includes('${domain}:*');`,
      '}',
    ],
  };
};

const moduleHealth: UnitFn = (c) => ({
  imports: [c.lib('db', 'db')],
  body: [
    `export async function check${c.spec.pascal}Health(): Promise<{ ok: boolean; latencyMs: number }> {`,
    '  const started = Date.now();',
    '  try {',
    "    await db.query('SELECT 1');",
    '    return { ok: true, latencyMs: Date.now() - started };',
    '  } catch {',
    '    return { ok: false, latencyMs: Date.now() - started };',
    '  }',
    '}',
  ],
});

export const moduleTemplate: KindTemplate = { header: moduleHeader, units: [moduleReexports, modulePermissions, moduleHealth] };

// ---------------------------------------------------------------- apps

export function appFactoryName(app: FileSpec): string {
  return `${app.framework === 'fastify' ? 'build' : 'create'}${pascalCase(app.domain!.name)}App`;
}

const appHeader: UnitFn = (c) => {
  const modules = c.spec.wires.map((d) => c.specsOf('module', d.name)[0]).filter((s): s is FileSpec => s !== undefined);
  const imports: ImportReq[] = [
    ...modules.map((m) => ({ from: m, name: `mount${m.pascal}Module` })),
    c.config(), c.lib('logger', 'logger'),
  ];
  const patterns: string[] = [];
  const name = appFactoryName(c.spec);
  const sessionInMemory = c.rng.chance(0.6);
  const limiter = c.rng.chance(0.5);
  if (c.spec.framework === 'fastify') {
    imports.push(
      { from: 'fastify', name: 'Fastify', form: 'default' }, { from: 'fastify', name: 'FastifyError', typeOnly: true }, { from: 'fastify', name: 'FastifyInstance', typeOnly: true },
      { from: '@fastify/cookie', name: 'fastifyCookie', form: 'default' }, { from: '@fastify/session', name: 'fastifySession', form: 'default' },
    );
    const store = sessionInMemory ? '' : ', store: new RedisStore({ client: getRedis(), prefix: \'sess:\' })';
    if (!sessionInMemory) imports.push({ from: 'connect-redis', name: 'RedisStore' }, c.lib('redis', 'getRedis'));
    patterns.push(sessionInMemory ? 'fastify-session' : 'session-redis');
    if (limiter) {
      imports.push({ from: '@fastify/rate-limit', name: 'rateLimit', form: 'default' });
      patterns.push('fastify-rate-limit');
    }
    return {
      imports, patterns,
      body: [
        `export async function ${name}(): Promise<FastifyInstance> {`,
        '  const app = Fastify({ logger: { level: config.logLevel }, trustProxy: true });',
        '  await app.register(fastifyCookie);',
        `  await app.register(fastifySession, { secret: config.sessionSecret, cookie: { secure: config.isProduction }${store} });`,
        ...(limiter ? ["  await app.register(rateLimit, { max: 100, timeWindow: '1 minute' });"] : []),
        "  app.get('/health', async () => ({ ok: true }));",
        ...modules.map((m) => `  await mount${m.pascal}Module(app);`),
        '  app.setErrorHandler<FastifyError>((error, request, reply) => {',
        "    request.log.error({ error }, 'request failed');",
        "    void reply.code(error.statusCode ?? 500).send({ error: error.statusCode ? error.message : 'internal error' });",
        '  });',
        `  logger.info({ modules: ${modules.length} }, '${c.spec.domain!.name} app built');`,
        '  return app;',
        '}',
      ],
    };
  }
  imports.push(
    { from: 'express', name: 'express', form: 'default' }, { from: 'express', name: 'Express', typeOnly: true },
    { from: 'express', name: 'ErrorRequestHandler', typeOnly: true }, { from: 'helmet', name: 'helmet', form: 'default' },
    { from: 'cors', name: 'cors', form: 'default' }, { from: 'express-session', name: 'session', form: 'default' },
  );
  if (!sessionInMemory) imports.push({ from: 'connect-redis', name: 'RedisStore' }, c.lib('redis', 'getRedis'));
  patterns.push(sessionInMemory ? 'express-session' : 'session-redis');
  if (limiter) {
    imports.push({ from: 'express-rate-limit', name: 'rateLimit', form: 'default' });
    patterns.push('express-rate-limit');
  }
  return {
    imports, patterns,
    top: [
      'const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {',
      "  logger.error({ error }, 'request failed');",
      "  res.status(500).json({ error: 'internal error' });",
      '};',
    ],
    body: [
      `export function ${name}(): Express {`,
      '  const app = express();',
      "  app.disable('x-powered-by');",
      "  app.set('trust proxy', 1);",
      '  app.use(helmet());',
      '  app.use(cors({ origin: config.corsOrigins, credentials: true }));',
      "  app.use(express.json({ limit: '1mb' }));",
      '  app.use(',
      '    session({',
      '      secret: config.sessionSecret,',
      '      resave: false,',
      '      saveUninitialized: false,',
      "      cookie: { secure: config.isProduction, sameSite: 'lax', maxAge: 24 * 60 * 60 * 1000 },",
      ...(sessionInMemory ? [] : ["      store: new RedisStore({ client: getRedis(), prefix: 'sess:' }),"]),
      '    }),',
      '  );',
      ...(limiter ? ["  app.use('/api', rateLimit({ windowMs: 60_000, limit: 300, standardHeaders: 'draft-7', legacyHeaders: false }));"] : []),
      "  app.get('/health', (_req, res) => {",
      '    res.json({ ok: true, uptime: process.uptime() });',
      '  });',
      ...modules.map((m) => `  mount${m.pascal}Module(app);`),
      '  app.use(errorHandler);',
      '  return app;',
      '}',
    ],
  };
};

const appInfo: UnitFn = (c) => ({
  imports: [c.config()],
  body: [
    `export const ${upper(c.spec.domain!.name)}_APP_INFO = Object.freeze({`,
    `  name: '${c.spec.domain!.name}-api',`,
    "  version: process.env.APP_VERSION ?? '0.0.0-dev',",
    '  environment: config.env,',
    '  startedAt: new Date().toISOString(),',
    '});',
  ],
});

export const appTemplate: KindTemplate = { header: appHeader, units: [appInfo] };

// ---------------------------------------------------------------- server

const serverHeader: UnitFn = (c) => {
  const apps = c.specsOf('app');
  const gateways = c.specsOf('realtime');
  const imports: ImportReq[] = [
    { from: 'node:http', name: 'createServer' }, c.config(), c.lib('logger', 'logger'),
    ...apps.map((a) => ({ from: a, name: appFactoryName(a) })),
    ...gateways.map((g) => ({ from: g, name: `attach${g.pascal}` })),
  ];
  const express = apps.filter((a) => a.framework === 'express');
  const fastify = apps.filter((a) => a.framework === 'fastify');
  const lines = [
    'async function main(): Promise<void> {',
    '  const servers: { close(): unknown }[] = [];',
    '  let port = config.port;',
  ];
  for (const app of express) {
    lines.push('  {', `    const server = createServer(${appFactoryName(app)}());`);
    if (app === express[0]) lines.push(...gateways.map((g) => `    attach${g.pascal}(server);`));
    lines.push('    const listenPort = port++;', '    server.listen(listenPort, () => logger.info({ port: listenPort }, \'listening\'));', '    servers.push(server);', '  }');
  }
  for (const app of fastify) {
    lines.push('  {', `    const app = await ${appFactoryName(app)}();`, '    await app.listen({ port: port++, host: \'0.0.0.0\' });', '    servers.push(app);', '  }');
  }
  lines.push(
    '  const shutdown = (signal: string) => {',
    "    logger.info({ signal }, 'shutting down');",
    '    for (const server of servers) server.close();',
    '    setTimeout(() => process.exit(0), 10_000).unref();',
    '  };',
    "  process.once('SIGTERM', () => shutdown('SIGTERM'));",
    "  process.once('SIGINT', () => shutdown('SIGINT'));",
    '}',
    '',
    'main().catch((error: unknown) => {',
    "  logger.fatal({ error }, 'failed to start');",
    '  process.exit(1);',
    '});',
  );
  return { imports, body: lines };
};

const serverMemoryLog: UnitFn = (c) => ({
  patterns: ['set-interval'],
  imports: [c.lib('logger', 'logger')],
  top: ['setInterval(() => {', '  const { rss, heapUsed } = process.memoryUsage();', "  logger.debug({ rss, heapUsed }, 'memory');", '}, 60_000).unref();'],
  body: [],
});

export const serverTemplate: KindTemplate = { header: serverHeader, units: [], patterns: [{ chance: 1, unit: serverMemoryLog }] };
