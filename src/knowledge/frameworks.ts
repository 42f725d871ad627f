/**
 * How web frameworks declare request handlers and start servers. The ESLint rules use the shapes that one
 * file shows; the audit adds what it learns across files.
 */
import type { ApiRef } from './types.js';

/** `app.get(path, handler)`, `router.use(handler)`, `app.route(path).post(handler)`: a function argument is a handler. */
export const routeMethods: readonly string[] = [
  'get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use', 'param', 'on',
];

/** `.on(event, fn)` is a route only for these events (Hono's `app.on('GET', ...)`, `server.on('request')`). */
export const requestEvents: readonly string[] = ['request', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'upgrade'];

/** `fastify.route({ handler })`, `server.route({ handler })` and `{ options: { handler } }` (Hapi). */
export const routeObjectMethods: readonly string[] = ['route'];
export const routeObjectHandlerKeys: readonly string[] = ['handler', 'preHandler', 'onRequest', 'preValidation'];

/** Hooks that run per request: `fastify.addHook('preHandler', fn)`, `server.ext('onPreResponse', fn)`. */
export const requestHooks: Readonly<Record<string, readonly string[]>> = {
  addHook: ['onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization', 'onSend', 'onResponse', 'onError', 'onTimeout', 'onRequestAbort'],
  ext: ['onRequest', 'onPreAuth', 'onCredentials', 'onPostAuth', 'onPreHandler', 'onPostHandler', 'onPreResponse'],
};

/** Calls whose function arguments handle requests: `http.createServer(handler)`. */
export const handlerTakingCalls: readonly ApiRef[] = [
  { modules: ['http', 'https'], path: ['createServer'], use: 'call' },
  { modules: ['http2'], path: ['createServer'], use: 'call' },
  { modules: ['http2'], path: ['createSecureServer'], use: 'call' },
];

/**
 * Parameter lists that make a function a handler wherever it is declared: `(req, res)`, `(request, reply)`,
 * `(ctx, next)`. Matched on the first parameter's name, and the second's where given.
 */
export const handlerParameterNames: readonly { first: readonly string[]; second?: readonly string[] }[] = [
  { first: ['req', 'request'], second: ['res', 'response', 'reply', 'h', 'next'] },
  { first: ['ctx', 'context'], second: ['next'] },
];

/** Type annotations that make a parameter a request, whatever its name. */
export const requestTypeNames: readonly string[] = [
  'Request', 'FastifyRequest', 'IncomingMessage', 'NextApiRequest', 'NextRequest', 'Context', 'ParameterizedContext', 'RouterContext', 'HonoRequest',
];

/** NestJS: classes Nest instantiates once (singletons), and the method decorators that make handlers. */
export const nestSingletonDecorators: readonly string[] = ['Injectable', 'Controller', 'Resolver', 'WebSocketGateway'];
export const nestHandlerDecorators: readonly string[] = [
  'Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'Sse', 'Query', 'Mutation', 'Subscription',
  'SubscribeMessage', 'MessagePattern', 'EventPattern',
];

/** Next.js: files whose exports handle requests, and the exports that do. */
export const nextRouteHandlerExports: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
export const nextRouteFileGlobs: readonly string[] = ['**/app/**/route.{js,jsx,ts,tsx,mjs}'];
export const nextApiFileGlobs: readonly string[] = ['**/pages/api/**/*.{js,jsx,ts,tsx,mjs}'];
/** A module-level 'use server' directive makes every exported function a server action. */
export const serverActionDirective = 'use server';

/** Serverless handler exports: `export const handler = async (event) => …`. */
export const serverlessHandlerExports: readonly string[] = ['handler'];

/** Start-up code: callbacks of these methods and functions with these names run once, not per request. */
export const startupCallbackMethods: readonly string[] = ['listen', 'ready', 'once', 'register', 'after', 'onModuleInit', 'onApplicationBootstrap'];
// Case-sensitive, so the name must end or go on at a camelCase boundary: `initiateCheckout` and `loader` are not start-up.
export const startupFunctionNames: readonly RegExp[] = [/^(init|initiali[sz]e|setup|configure|bootstrap|start|startup|main|register|load|seed|migrate|connect)($|[A-Z_\d])/];
/**
 * What a start-up function takes, if anything: `setup(app)`, `connectDb(url)`, `startServer(port)`. A function named
 * like start-up that takes anything else (`loadUser(id)`, `startSession(user)`) may well run for each request.
 */
export const startupParameterNames: readonly RegExp[] = [
  /^_?(app|application|server|fastify|router|instance|container|module|config|cfg|options|opts|settings|env|port|host|url|uri|logger|db|client|pool)$/i,
];
