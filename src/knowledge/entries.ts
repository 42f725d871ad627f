/** How a process starts: what makes a file the entry of a web process or of a worker. */
import type { ApiRef } from './types.js';

/** Calls that start serving HTTP (`app.listen(port)`, `NestFactory.create(AppModule)`, Hono's `serve(...)`). */
export const webEntryCalls: readonly { api: ApiRef; reason: string }[] = [
  { api: { modules: ['@nestjs/core'], path: ['NestFactory', 'create'], use: 'call' }, reason: 'creates a NestJS app (NestFactory.create)' },
  { api: { modules: ['@hono/node-server'], path: ['serve'], use: 'call' }, reason: 'serves a Hono app (serve)' },
];

/** A method call that starts a server whatever object it is called on: `server.listen(port)`. */
export const webEntryMethods: readonly string[] = ['listen'];

/** Calls that start a queue worker process: a file making one of these is a worker entry. */
export const workerEntryCalls: readonly { api: ApiRef; reason: string }[] = [
  { api: { modules: ['bullmq'], path: ['Worker'], use: 'construct' }, reason: 'creates a BullMQ Worker' },
];

/** Commands in package.json scripts that run a file as its own process: `node dist/worker.js`, `tsx src/jobs.ts`. */
export const scriptRunners: readonly string[] = ['node', 'tsx', 'ts-node', 'ts-node-dev', 'nodemon', 'node-dev', 'bun', 'esno', 'vite-node'];

/** package.json scripts that start the web server itself; files other scripts run are separate processes. */
export const webScriptNames: readonly string[] = ['start', 'dev', 'serve', 'start:prod', 'start:dev', 'develop', 'server'];

/** Build output folders whose files map back to a source folder (`dist/worker.js` → `src/worker.ts`). */
export const buildOutputFolders: Readonly<Record<string, string>> = { dist: 'src', build: 'src', lib: 'src', out: 'src' };
