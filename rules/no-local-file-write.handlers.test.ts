import { commonjs, ruleTester } from '../src/test-support/rule-tester.js';
import rule from './no-local-file-write.js';

// Writes inside every handler shape the frameworks knowledge describes.
ruleTester.run('no-local-file-write', rule, {
  valid: [],
  invalid: [
    // --- handler shapes --------------------------------------------------------------------------------------
    // Express: router.route(path).post(fn).
    {
      code: `import fs from 'fs';
import { Router } from 'express';
const router = Router();
router.route('/avatar').post((incoming, outgoing) => { fs.writeFileSync('a', incoming.body); outgoing.end(); });`,
      errors: [{ messageId: 'fsWrite', line: 4, column: 56 }],
    },
    // A handler passed by name, declared after its use.
    {
      code: `import fs from 'fs/promises';
app.post('/upload', checkAuth, upload);
async function upload(incoming, outgoing) {
  await fs.writeFile('uploads/' + incoming.params.id, incoming.body);
  outgoing.sendStatus(201);
}`,
      errors: [{ messageId: 'fsWrite', line: 4, column: 9 }],
    },
    // A local helper called from a handler: the write is in the helper.
    {
      code: `import fs from 'fs';
function saveAvatar(id: string, data: Buffer) {
  fs.writeFileSync(\`avatars/\${id}.png\`, data);
}
app.post('/avatar/:id', (req, res) => { saveAvatar(req.params.id, req.body); res.end(); });`,
      errors: [{ messageId: 'fsWrite', line: 3, column: 3 }],
    },
    // A helper two calls away, and init() called from a handler.
    {
      code: `import fs from 'fs';
const store = (name, data) => fs.appendFileSync(name, data);
function record(entry) { store('audit.log', entry); }
function init() { fs.mkdirSync('tmp'); }
app.post('/audit', (req, res) => { init(); record(req.body); res.end(); });`,
      errors: [
        { messageId: 'fsWrite', line: 2, column: 31 },
        { messageId: 'fsWrite', line: 4, column: 19 },
      ],
    },
    // Fastify: route object handler, hook.
    {
      code: `import Fastify from 'fastify';
import fs from 'fs';
const fastify = Fastify();
fastify.route({
  method: 'POST',
  url: '/upload',
  handler: async (q, r) => { fs.writeFileSync('a', q.body); return 'ok'; },
});
fastify.route({ method: 'PUT', url: '/x', handler(q, r) { fs.rmSync('x'); } });
fastify.addHook('preHandler', async (q, r) => { fs.appendFileSync('access.log', q.url); });`,
      errors: [
        { messageId: 'fsWrite', line: 7, column: 30 },
        { messageId: 'fsWrite', line: 9, column: 59 },
        { messageId: 'fsWrite', line: 10, column: 49 },
      ],
    },
    {
      code: `import fs from 'fs';
fastify.post('/upload', async function (request, reply) { await fs.promises.writeFile('a', request.body); });`,
      errors: [{ messageId: 'fsWrite', line: 2, column: 65 }],
    },
    // Koa (ctx, next).
    {
      code: `import Koa from 'koa';
import fs from 'fs';
const app = new Koa();
app.use(async (ctx, next) => { fs.writeFileSync('last-request.json', JSON.stringify(ctx.request.body)); await next(); });`,
      errors: [{ messageId: 'fsWrite', line: 4, column: 32 }],
    },
    // Hono: route callback, and a function typed with Context.
    {
      code: `import { Hono, type Context } from 'hono';
import { writeFile } from 'node:fs/promises';
const app = new Hono();
app.post('/x', async (c) => { await writeFile('a', await c.req.text()); return c.text('ok'); });
export async function upload(c: Context) { await writeFile('b', await c.req.text()); return c.text('ok'); }`,
      errors: [
        { messageId: 'fsWrite', line: 4, column: 37 },
        { messageId: 'fsWrite', line: 5, column: 50 },
      ],
    },
    // NestJS controller methods, and a private method they call.
    {
      code: `import { Controller, Post, Body } from '@nestjs/common';
import { writeFile } from 'fs/promises';
@Controller('files')
export class FilesController {
  @Post()
  async create(@Body() body: { name: string; data: string }) {
    await writeFile(body.name, body.data);
    await this.persist(body.data);
  }
  private async persist(data: string) { await writeFile('last', data); }
  async onModuleInit() { await writeFile('ready', '1'); }
}`,
      errors: [
        { messageId: 'fsWrite', line: 7, column: 11 },
        { messageId: 'fsWrite', line: 10, column: 47 },
      ],
    },
    // Next.js route handlers and API pages.
    {
      filename: 'app/api/upload/route.ts',
      code: `import { writeFile } from 'fs/promises';
export async function POST(request: Request) {
  await writeFile('public/upload.bin', Buffer.from(await request.arrayBuffer()));
  return Response.json({ ok: true });
}
export const PUT = async () => { await writeFile('x', ''); return new Response(); };`,
      errors: [
        { messageId: 'fsWrite', line: 3, column: 9 },
        { messageId: 'fsWrite', line: 6, column: 40 },
      ],
    },
    {
      filename: 'src/pages/api/upload.ts',
      code: `import fs from 'fs';
export default async function upload() { fs.writeFileSync('a', 'b'); }`,
      errors: [{ messageId: 'fsWrite', line: 2, column: 42 }],
    },
    // Handlers wrapped by higher-order functions, and Next.js handlers exported under another name.
    {
      filename: 'app/api/files/route.ts',
      code: `import { writeFile, rm } from 'fs/promises';
export const POST = withAuth(async (r: unknown) => { await writeFile('a', String(r)); return new Response(); });
async function remove() { await rm('a'); return new Response(); }
export { remove as DELETE };`,
      errors: [
        { messageId: 'fsWrite', line: 2, column: 60 },
        { messageId: 'fsWrite', line: 3, column: 33 },
      ],
    },
    {
      filename: 'pages/api/upload.js',
      code: `import fs from 'fs';
async function upload(a, b) { fs.writeFileSync('a', a.body); b.end(); }
export default withSession(withAuth(upload));`,
      errors: [{ messageId: 'fsWrite', line: 2, column: 31 }],
    },
    {
      filename: 'src/pages/api/avatar.ts',
      code: `import fs from 'fs';
const handler = withAuth(async (a, b) => { fs.writeFileSync('a', a.body); b.end(); });
export default handler;`,
      errors: [{ messageId: 'fsWrite', line: 2, column: 44 }],
    },
    {
      code: `import fs from 'fs';
app.post('/x', asyncHandler(async (a, b) => { fs.writeFileSync('a', a.body); b.end(); }));`,
      errors: [{ messageId: 'fsWrite', line: 2, column: 47 }],
    },
    // Hapi route options, a serverless handler export.
    {
      code: `import Hapi from '@hapi/hapi';
import fs from 'fs';
const server = Hapi.server({ port: 3000 });
server.route({ method: 'POST', path: '/x', options: { auth: false, handler: (r, t) => { fs.writeFileSync('a', 'b'); return t.response(); } } });`,
      errors: [{ messageId: 'fsWrite', line: 4, column: 89 }],
    },
    {
      filename: 'src/lambda.ts',
      code: `import { writeFileSync } from 'fs';
export const handler = async (event: { body: string }) => { writeFileSync('/tmp/last', event.body); return { statusCode: 200 }; };`,
      errors: [{ messageId: 'fsWrite', line: 2, column: 61 }],
    },
    // 'use server' files and inline server actions.
    {
      filename: 'src/app/actions.ts',
      code: `'use server';
import { writeFile } from 'fs/promises';
export async function save(form: FormData) { await writeFile('a', String(form.get('f'))); }
export default async function remove(id: string) { await writeFile(id, ''); }`,
      errors: [
        { messageId: 'fsWrite', line: 3, column: 52 },
        { messageId: 'fsWrite', line: 4, column: 58 },
      ],
    },
    {
      filename: 'src/app/page.tsx',
      code: `import { writeFile } from 'fs/promises';
export default function Page() {
  async function save(form: FormData) {
    'use server';
    await writeFile('a', String(form.get('f')));
  }
  return <form action={save} />;
}`,
      errors: [{ messageId: 'fsWrite', line: 5, column: 11 }],
    },
    // node:http createServer.
    {
      code: `import http from 'node:http';
import fs from 'node:fs';
http.createServer((incoming, outgoing) => { fs.writeFileSync('last', incoming.url ?? ''); outgoing.end(); }).listen(3000);`,
      errors: [{ messageId: 'fsWrite', line: 3, column: 45 }],
    },
    {
      ...commonjs,
      code: `const { createServer } = require('http');
const fs = require('fs');
createServer(onRequest).listen(3000);
function onRequest(a, b) { fs.appendFile('hits.log', a.url, () => b.end()); }`,
      errors: [{ messageId: 'fsWrite', line: 4, column: 28 }],
    },
  ],
});
