/** Route files: Express routers and Fastify plugins with their handlers, and the stateful patterns that live in handlers. */
import type { Ctx } from './context.js';
import type { ImportReq, Unit } from './source-builder.js';
import type { KindTemplate, UnitFn } from './template.js';
import { useService } from './units-services.js';

interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body: string[];
  /** Names of middlewares run before the handler. */
  before?: string[];
  imports?: ImportReq[];
  top?: string[];
  patterns?: string[];
}

/** Writes one handler in the file's framework; body lines use `REQ.` and the `send`/`status` helpers below. */
function routeUnit(c: Ctx, route: Route): Unit {
  const fastify = c.spec.framework === 'fastify';
  const req = fastify ? 'request' : 'req';
  const indent = fastify ? '    ' : '  ';
  const body = route.body.map((line) =>
    indent +
    line
      .replace(/REQ\./g, `${req}.`)
      .replace(/^SEND\((.*)\);$/, (_, expr: string) => (fastify ? `return ${expr};` : `res.json(${expr});`))
      .replace(/^STATUS\((\d+), (.*)\);$/, (_, code: string, expr: string) => (fastify ? `return reply.code(${code}).send(${expr});` : `res.status(${code}).json(${expr});`))
      .replace(/^NO_CONTENT\(\);$/, fastify ? 'return reply.code(204).send();' : 'res.status(204).end();')
      .replace(/^TEXT\((.*), (.*)\);$/, (_, type: string, expr: string) => (fastify ? `return reply.type(${type}).send(${expr});` : `res.type(${type}).send(${expr});`)),
  );
  const imports = [...(route.imports ?? [])];
  let lines: string[];
  if (fastify) {
    const generic = route.path.includes(':id') ? '<{ Params: IdParams }>' : '';
    const options = route.before?.length ? `{ preHandler: [${route.before.join(', ')}] }, ` : '';
    lines = [`  app.${route.method}${generic}('${route.path}', ${options}async (request, reply) => {`, ...body, '  });'];
  } else {
    imports.push(c.lib('async-handler', 'asyncHandler'), { from: 'express', name: 'Request', typeOnly: true }, { from: 'express', name: 'Response', typeOnly: true });
    const before = route.before?.length ? `${route.before.join(', ')}, ` : '';
    const request = route.path.includes(':id') ? 'Request<IdParams>' : 'Request';
    lines = [`${c.vars.get('router')}.${route.method}('${route.path}', ${before}asyncHandler(async (req: ${request}, res: Response) => {`, ...body, '}));'];
  }
  return { imports, top: route.top, body: lines, patterns: route.patterns };
}

const routeHeader: UnitFn = (c) => {
  const service = useService(c);
  const m = c.model();
  c.vars.set('dto', `to${m.pascal}Dto`);
  const imports = [...service.imports, m.dto, c.lib('pagination', 'parsePageQuery')];
  if (c.spec.framework === 'fastify') {
    c.vars.set('router', 'app');
    return {
      imports: [...imports, { from: 'fastify', name: 'FastifyInstance', typeOnly: true }],
      top: ['type IdParams = { id: string };'],
      body: [
        `export default async function ${c.spec.camel}Routes(app: FastifyInstance): Promise<void> {`,
        `  const ${service.instance} = new ${service.cls}();`,
        '',
        "  app.get('/', async (request) => {",
        '    const { page, pageSize } = parsePageQuery(request.query as Record<string, unknown>);',
        `    const result = await ${service.instance}.list(page, pageSize);`,
        `    return { ...result, items: result.items.map(to${m.pascal}Dto) };`,
        '  });',
        '',
        "  app.get<{ Params: IdParams }>('/:id', async (request) => {",
        `    return to${m.pascal}Dto(await ${service.instance}.get(request.params.id));`,
        '  });',
      ],
    };
  }
  const router = c.unique('router');
  c.vars.set('router', router);
  return {
    imports: [...imports, { from: 'express', name: 'Router' }, c.lib('async-handler', 'asyncHandler'), { from: 'express', name: 'Request', typeOnly: true }, { from: 'express', name: 'Response', typeOnly: true }],
    top: ['type IdParams = { id: string };', `const ${router} = Router();`, `const ${service.instance} = new ${service.cls}();`],
    body: [
      `${router}.get('/', asyncHandler(async (req: Request, res: Response) => {`,
      '  const { page, pageSize } = parsePageQuery(req.query);',
      `  const result = await ${service.instance}.list(page, pageSize);`,
      `  res.json({ ...result, items: result.items.map(to${m.pascal}Dto) });`,
      '}));',
      '',
      `${router}.get('/:id', asyncHandler(async (req: Request<IdParams>, res: Response) => {`,
      `  res.json(to${m.pascal}Dto(await ${service.instance}.get(req.params.id)));`,
      '}));',
    ],
  };
};

const routeFooter = (c: Ctx): string[] => (c.spec.framework === 'fastify' ? ['}'] : ['', `export default ${c.vars.get('router')};`]);

const svc = (c: Ctx) => c.vars.get('service')!;
const dto = (c: Ctx) => c.vars.get('dto')!;
/** lib/auth's check of the bearer token and of a role: Express middlewares or Fastify preHandler hooks. */
const requireAuth = (c: Ctx) => (c.spec.framework === 'fastify' ? 'authenticate' : 'requireAuth');
const requireRole = (c: Ctx) => (c.spec.framework === 'fastify' ? 'authorize' : 'requireRole');

const create: UnitFn = (c) => routeUnit(c, {
  method: 'post', path: '/', imports: [c.lib('auth', requireAuth(c))], before: [requireAuth(c)],
  body: [`const created = await ${svc(c)}.create(REQ.body);`, `STATUS(201, ${dto(c)}(created));`],
});

const update: UnitFn = (c) => {
  const m = c.model();
  return routeUnit(c, {
    method: c.rng.pick(['put', 'patch'] as const), path: '/:id', imports: [m.input, c.lib('auth', requireAuth(c))], before: [requireAuth(c)],
    body: [
      `const patch = REQ.body as Partial<${m.pascal}Input>;`,
      `const updated = await ${svc(c)}.update(REQ.params.id, patch);`,
      `SEND(${dto(c)}(updated));`,
    ],
  });
};

const remove: UnitFn = (c) => routeUnit(c, {
  method: 'delete', path: '/:id', imports: [c.lib('auth', requireRole(c))], before: [`${requireRole(c)}('admin')`],
  body: [`await ${svc(c)}.remove(REQ.params.id);`, 'NO_CONTENT();'],
});

const search: UnitFn = (c) => routeUnit(c, {
  method: 'get', path: '/search', imports: [c.lib('http-error', 'badRequest')],
  body: [
    "const term = String((REQ.query as Record<string, unknown>).q ?? '').trim().toLowerCase();",
    "if (term.length < 2) throw badRequest('q must have at least 2 characters');",
    `const { items } = await ${svc(c)}.list(1, 200);`,
    'const matches = items.filter((item) => JSON.stringify(item).toLowerCase().includes(term));',
    `SEND({ term, total: matches.length, items: matches.slice(0, 25).map(${dto(c)}) });`,
  ],
});

const csvExport: UnitFn = (c) => {
  const m = c.model();
  const cols = m.fields.slice(0, 4);
  return routeUnit(c, {
    method: 'get', path: '/export.csv',
    body: [
      `const { items } = await ${svc(c)}.list(1, 1000);`,
      'const lines = [',
      `  ['id', ${cols.map((f) => `'${f.name}'`).join(', ')}].join(','),`,
      `  ...items.map((item) => [item.id, ${cols.map((f) => `String(item.${f.name} ?? '')`).join(', ')}].join(',')),`,
      '];',
      "TEXT('text/csv', lines.join('\\n'));",
    ],
  });
};

const stats: UnitFn = (c) => routeUnit(c, {
  method: 'get', path: '/stats',
  body: [
    `const { items } = await ${svc(c)}.list(1, 500);`,
    'const byDay = new Map<string, number>();',
    'for (const item of items) {',
    '  const day = item.createdAt.toISOString().slice(0, 10);',
    '  byDay.set(day, (byDay.get(day) ?? 0) + 1);',
    '}',
    'SEND({ total: items.length, byDay: Object.fromEntries(byDay) });',
  ],
});

const bulkDelete: UnitFn = (c) => routeUnit(c, {
  method: 'post', path: '/bulk-delete', imports: [c.lib('http-error', 'badRequest')],
  body: [
    'const { ids } = REQ.body as { ids?: unknown };',
    "if (!Array.isArray(ids) || ids.length === 0) throw badRequest('ids must be a non-empty array');",
    "const wanted = ids.filter((id): id is string => typeof id === 'string').slice(0, 100);",
    `const results = await Promise.allSettled(wanted.map((id) => ${svc(c)}.remove(id)));`,
    "const failed = wanted.filter((_, index) => results[index]?.status === 'rejected');",
    'SEND({ removed: wanted.length - failed.length, failed });',
  ],
});

const related: UnitFn = (c) => {
  const other = c.dep('service');
  if (!other || other.base === c.spec.base) return { body: [] };
  const local = c.unique(`${other.camel}Service`);
  const top = [`const ${local} = new ${other.pascal}Service();`];
  return routeUnit(c, {
    method: 'get', path: `/:id/related/${other.base}`, imports: [{ from: other, name: `${other.pascal}Service` }], top,
    body: [
      `const [parent, page] = await Promise.all([${svc(c)}.get(REQ.params.id), ${local}.list(1, 50)]);`,
      `SEND({ ...${dto(c)}(parent), ${other.camel}Ids: page.items.map((item) => item.id) });`,
    ],
  });
};

/** `writeFile` into a local export directory in a handler: `no-local-file-write`. */
const fileExport: UnitFn = (c) => {
  const dir = c.unique('EXPORT_DIR');
  return routeUnit(c, {
    method: 'post', path: '/:id/export', patterns: ['fs-write'],
    imports: [{ from: 'node:fs/promises', name: 'mkdir' }, { from: 'node:fs/promises', name: 'writeFile' }, { from: 'node:path', name: 'path', form: 'default' }],
    top: [`const ${dir} = path.resolve(process.cwd(), 'exports', '${c.spec.base}');`],
    body: [
      `const entity = await ${svc(c)}.get(REQ.params.id);`,
      `const file = path.join(${dir}, \`\${entity.id}-\${Date.now()}.json\`);`,
      `await mkdir(${dir}, { recursive: true });`,
      `await writeFile(file, JSON.stringify(${dto(c)}(entity), null, 2));`,
      'STATUS(202, { file: path.basename(file) });',
    ],
  });
};

/** A module-level Map of recent lookups written by a handler: `no-module-state`. */
const recentLookups: UnitFn = (c) => {
  const map = c.unique('recentLookups');
  return routeUnit(c, {
    method: 'get', path: '/:id/preview', patterns: ['module-map'],
    top: [`const ${map} = new Map<string, { at: number; by?: string }>();`],
    body: [
      `const entity = await ${svc(c)}.get(REQ.params.id);`,
      `${map}.set(entity.id, { at: Date.now(), by: REQ.headers['x-user-id']?.toString() });`,
      `SEND({ ...${dto(c)}(entity), lookups: ${map}.size });`,
    ],
  });
};

/** multer writing uploads to a local directory: `no-local-file-write` (or memory storage: fine). */
function upload(disk: boolean): UnitFn {
  return (c) => {
    if (c.spec.framework === 'fastify') return { body: [] };
    const up = c.unique('upload');
    const options = disk ? "{ dest: 'uploads/', limits: { fileSize: 5 * 1024 * 1024 } }" : '{ storage: multer.memoryStorage(), limits: { fileSize: 5 * 1024 * 1024 } }';
    const unit = routeUnit(c, {
      method: 'post', path: '/:id/attachments', patterns: [disk ? 'multer-disk' : 'multer-memory'], before: [`${up}.single('file')`],
      imports: [{ from: 'multer', name: 'multer', form: 'default' }, c.lib('http-error', 'badRequest')],
      top: [`const ${up} = multer(${options});`],
      body: [
        "if (!REQ.file) throw badRequest('file is required');",
        `const entity = await ${svc(c)}.get(REQ.params.id);`,
        'STATUS(201, { id: entity.id, name: REQ.file.originalname, size: REQ.file.size });',
      ],
    });
    return unit;
  };
}

export const routeTemplate: KindTemplate = {
  header: routeHeader,
  footer: routeFooter,
  units: [create, update, remove, search, csvExport, stats, bulkDelete, related],
  patterns: [
    { chance: 0.05, unit: fileExport },
    { chance: 0.05, unit: recentLookups },
    { chance: 0.015, unit: upload(true) },
    { chance: 0.06, unit: upload(false) },
  ],
};
