/** Templates for middlewares (Express and Fastify) and controllers. */
import { accessLogFile, draftMap, failedLogins, rateLimiter, requestCounter, sessionMap } from './patterns.js';
import type { KindTemplate, UnitFn } from './template.js';
import { useService } from './units-services.js';

// ---------------------------------------------------------------- middlewares

const middlewareHeader: UnitFn = (c) => {
  const service = useService(c);
  const P = c.spec.pascal;
  if (c.spec.framework === 'fastify') {
    return {
      imports: [...service.imports, { from: 'fastify', name: 'FastifyReply', typeOnly: true }, { from: 'fastify', name: 'FastifyRequest', typeOnly: true }],
      top: [`const ${service.instance} = new ${service.cls}();`],
      body: [
        `export async function load${P}(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<void> {`,
        `  const entity = await ${service.instance}.get(request.params.id);`,
        '  if (!entity) {',
        `    await reply.code(404).send({ error: '${c.spec.base} not found' });`,
        '    return;',
        '  }',
        `  request.log.debug({ id: entity.id }, '${c.spec.base} loaded');`,
        '}',
      ],
    };
  }
  return {
    imports: [...service.imports, { from: 'express', name: 'NextFunction', typeOnly: true }, { from: 'express', name: 'Request', typeOnly: true }, { from: 'express', name: 'Response', typeOnly: true }],
    top: [`const ${service.instance} = new ${service.cls}();`],
    body: [
      `export async function load${P}(req: Request<{ id: string }>, res: Response, next: NextFunction): Promise<void> {`,
      '  try {',
      `    res.locals.${c.spec.camel} = await ${service.instance}.get(req.params.id);`,
      '    next();',
      '  } catch (error) {',
      '    next(error);',
      '  }',
      '}',
    ],
  };
};

const middlewareRole: UnitFn = (c) => ({
  imports: [{ from: 'express', name: 'RequestHandler', typeOnly: true }, c.lib('http-error', 'forbidden')],
  body: [
    `export function require${c.spec.pascal}Role(...roles: readonly string[]): RequestHandler {`,
    '  return (req, res, next) => {',
    '    const role = res.locals.user?.role as string | undefined;',
    "    if (!role || !roles.includes(role)) return next(forbidden('missing role'));",
    '    next();',
    '  };',
    '}',
  ],
});

const middlewareTiming: UnitFn = (c) => ({
  imports: [{ from: 'express', name: 'RequestHandler', typeOnly: true }, c.lib('logger', 'logger')],
  body: [
    `export const time${c.spec.pascal}Requests: RequestHandler = (req, res, next) => {`,
    '  const started = process.hrtime.bigint();',
    "  res.on('finish', () => {",
    '    const ms = Number(process.hrtime.bigint() - started) / 1e6;',
    `    logger.info({ method: req.method, path: req.path, status: res.statusCode, ms }, '${c.spec.base} request');`,
    '  });',
    '  next();',
    '};',
  ],
});

const middlewareCache: UnitFn = (c) => ({
  imports: [{ from: 'express', name: 'RequestHandler', typeOnly: true }],
  body: [
    `export function cache${c.spec.pascal}Response(maxAgeSeconds = 60): RequestHandler {`,
    '  return (req, res, next) => {',
    "    if (req.method !== 'GET') return next();",
    "    res.setHeader('Cache-Control', `private, max-age=${maxAgeSeconds}`);",
    "    res.setHeader('Vary', 'Authorization');",
    '    next();',
    '  };',
    '}',
  ],
});

const middlewareValidate: UnitFn = (c) => {
  const validator = c.dep('validator');
  if (!validator) return { body: [] };
  return {
    imports: [{ from: 'express', name: 'RequestHandler', typeOnly: true }, { from: validator, name: `validate${validator.pascal}Input` }],
    body: [
      `export const validate${c.spec.pascal}Body: RequestHandler = (req, res, next) => {`,
      `  const result = validate${validator.pascal}Input(req.body);`,
      '  if (!result.ok) {',
      "    res.status(422).json({ error: 'validation failed', issues: result.error });",
      '    return;',
      '  }',
      '  req.body = result.value;',
      '  next();',
      '};',
    ],
  };
};

const middlewareErrors: UnitFn = (c) => ({
  imports: [{ from: 'express', name: 'ErrorRequestHandler', typeOnly: true }, c.lib('http-error', 'HttpError'), c.lib('logger', 'logger')],
  body: [
    `export const handle${c.spec.pascal}Errors: ErrorRequestHandler = (error: unknown, req, res, next) => {`,
    '  if (res.headersSent) return next(error);',
    '  if (error instanceof HttpError) {',
    '    res.status(error.status).json({ error: error.message, details: error.details });',
    '    return;',
    '  }',
    `  logger.error({ error, path: req.path }, 'unhandled ${c.spec.base} error');`,
    "  res.status(500).json({ error: 'internal error' });",
    '};',
  ],
});

export const middlewareTemplate: KindTemplate = {
  header: middlewareHeader,
  units: [middlewareRole, middlewareTiming, middlewareCache, middlewareValidate, middlewareErrors],
  patterns: [
    { chance: 0.06, unit: requestCounter },
    { chance: 0.05, unit: rateLimiter(false) },
    { chance: 0.04, unit: rateLimiter(true) },
    { chance: 0.03, unit: accessLogFile },
    { chance: 0.025, unit: sessionMap },
    { chance: 0.02, unit: failedLogins },
  ],
};

// ---------------------------------------------------------------- controllers

const controllerHeader: UnitFn = (c) => {
  const m = c.model();
  const spec = c.service();
  const cls = spec ? `${spec.pascal}Service` : 'Service';
  return {
    imports: [
      ...(spec ? [{ from: spec, name: cls }] : []), m.dto, m.input,
      { from: 'express', name: 'Request', typeOnly: true }, { from: 'express', name: 'Response', typeOnly: true },
      c.lib('pagination', 'parsePageQuery'),
    ],
    body: [
      `export class ${c.spec.pascal}Controller {`,
      `  constructor(private readonly service = new ${cls}()) {}`,
      '',
      '  list = async (req: Request, res: Response): Promise<void> => {',
      '    const { page, pageSize } = parsePageQuery(req.query);',
      '    const result = await this.service.list(page, pageSize);',
      `    res.json({ ...result, items: result.items.map(to${m.pascal}Dto) });`,
      '  };',
      '',
      '  show = async (req: Request<{ id: string }>, res: Response): Promise<void> => {',
      `    res.json(to${m.pascal}Dto(await this.service.get(req.params.id)));`,
      '  };',
      '',
      '  create = async (req: Request, res: Response): Promise<void> => {',
      '    const created = await this.service.create(req.body);',
      `    res.status(201).location(\`/${c.spec.base}s/\${created.id}\`).json(to${m.pascal}Dto(created));`,
      '  };',
      '',
      '  update = async (req: Request<{ id: string }>, res: Response): Promise<void> => {',
      `    const updated = await this.service.update(req.params.id, req.body as Partial<${m.pascal}Input>);`,
      `    res.json(to${m.pascal}Dto(updated));`,
      '  };',
      '',
      '  destroy = async (req: Request<{ id: string }>, res: Response): Promise<void> => {',
      '    await this.service.remove(req.params.id);',
      '    res.status(204).end();',
      '  };',
      '}',
    ],
  };
};

const controllerFactory: UnitFn = (c) => ({
  body: [
    `export function create${c.spec.pascal}Controller(): ${c.spec.pascal}Controller {`,
    `  return new ${c.spec.pascal}Controller();`,
    '}',
  ],
});

const controllerPresenter: UnitFn = (c) => {
  const m = c.model();
  return {
    imports: [m.type],
    body: [
      `export function present${c.spec.pascal}Page(items: readonly ${m.pascal}[], page: number, pageSize: number, total: number) {`,
      '  const pages = Math.max(1, Math.ceil(total / pageSize));',
      '  return {',
      '    items,',
      '    page,',
      '    pageSize,',
      '    total,',
      '    pages,',
      '    hasNext: page < pages,',
      '    hasPrevious: page > 1,',
      '  };',
      '}',
    ],
  };
};

export const controllerTemplate: KindTemplate = {
  header: controllerHeader,
  units: [controllerFactory, controllerPresenter],
  patterns: [{ chance: 0.03, unit: draftMap }],
};
