/**
 * What counts as a request handler: route callbacks of Express, Fastify, Koa, Hono and `node:http`, functions shaped
 * like handlers, NestJS controller methods, Next.js route exports, server actions and serverless exports. The question
 * is asked of the function around the marker call, a disk write (which only matters while serving).
 */
import type { HandlerRow } from './row.js';

/** The marker: a call whose meaning depends on whether it runs while a request is handled. */
export const handlerMarker = "writeFile('/tmp/out', 'x')";
const imports = "import { writeFile } from 'fs';\n";

/** `prologue`: what must come before the import (a directive). */
function row(id: string, body: string, handler: boolean, file = 'src/server.ts', prologue = ''): HandlerRow {
  return { topic: 'handler', id, code: prologue + imports + body.replaceAll('MARK', handlerMarker) + '\n', file, expected: { handler } };
}

export const handlerRows: readonly HandlerRow[] = [
  row('express inline callback', "app.post('/save', (req, res) => { MARK; res.end(); });", true),
  row('express named function', "function save(input, output) { MARK; }\napp.post('/save', save);", true),
  row('express wrapped callback', "app.post('/save', asyncHandler(async (input, output) => { MARK; }));", true),
  row('express route chain', "app.route('/save').post((input, output) => { MARK; });", true),
  row('express router.use', 'router.use((input, output, next) => { MARK; next(); });', true),
  row('fastify route object', "fastify.route({ method: 'POST', url: '/save', handler: async (input, output) => { MARK; } });", true),
  row('fastify preHandler hook', "fastify.addHook('preHandler', async (input, output) => { MARK; });", true),
  row('fastify onClose hook', "fastify.addHook('onClose', async (instance) => { MARK; });", false),
  row('koa router, ctx only', "router.post('/save', async (ctx) => { MARK; });", true),
  row('koa middleware', 'app.use(async (ctx, next) => { MARK; await next(); });', true),
  row('hono on(method)', "app.on('POST', '/save', (c) => { MARK; return c.text('ok'); });", true),
  row('event emitter on(data)', "stream.on('data', (chunk) => { MARK; });", false),
  row('node:http createServer', "import http from 'http';\nhttp.createServer((incoming, outgoing) => { MARK; });", true),
  row('(req, res) parameters', 'export function save(req, res) { MARK; }', true),
  row('(request, reply) parameters', 'export function save(request, reply) { MARK; }', true),
  row('(ctx, next) parameters', 'export async function save(ctx, next) { MARK; }', true),
  row('parameter typed Request', 'export async function save(input: Request) { MARK; }', true),
  row('plain function', 'export function save(data) { MARK; }', false),
  row('listen callback', 'app.listen(3000, () => { MARK; });', false),
  row('helper called from a handler', "function persist() { MARK; }\napp.post('/save', (req, res) => { persist(); res.end(); });", true),
  row('helper called at start-up', 'function persist() { MARK; }\npersist();', false),
  row('Next.js route export function', 'export async function POST() { MARK; return new Response(); }', true, 'app/api/save/route.ts'),
  row('Next.js route export const', 'export const GET = async () => { MARK; return new Response(); };', true, 'src/app/items/[id]/route.ts'),
  row('Next.js route export specifier', 'async function remove() { MARK; return new Response(); }\nexport { remove as DELETE };', true, 'app/items/route.js'),
  row('Next.js route file, other export', 'export async function persist() { MARK; }', false, 'app/api/save/route.ts'),
  row('Next.js method export outside a route file', 'export async function POST() { MARK; return new Response(); }', false, 'app/api/save/helpers.ts'),
  row('Next.js API page default export', 'export default async function save() { MARK; }', true, 'pages/api/save.ts'),
  row('Next.js page default export', 'export default function Page() { MARK; return null; }', false, 'pages/save.ts'),
  row('server actions file', 'export async function save() { MARK; }', true, 'app/actions.ts', "'use server';\n"),
  row('inline server action', "export function Form() {\n  async function save() { 'use server'; MARK; }\n  return save;\n}", true),
  row('serverless handler export', 'export const handler = async (event) => { MARK; };', true, 'src/lambda.ts'),
  row('NestJS @Post() method', "@Controller('items')\nexport class ItemsController {\n  @Post()\n  save() { MARK; }\n}", true),
  row('NestJS undecorated method', "@Controller('items')\nexport class ItemsController {\n  persist() { MARK; }\n}", false),
];
