import { commonjs, ruleTester, script } from '../src/test-support/rule-tester.js';
import rule from './no-timers-in-web-process.js';

const interval = `setInterval(() => cleanup(), 60_000);`;

ruleTester.run('no-timers-in-web-process', rule, {
  valid: [
    // A one-shot timer inside a request handler.
    `app.post('/x', (req, res) => { setTimeout(() => res.send('late'), 100); });`,
    // The timer callback calls some other function, or someone else's method of the same name.
    `function tick() { setTimeout(() => other(), 1000); }`,
    `function tick() { setTimeout(report, 1000); }`,
    `function send(req, res) { setTimeout(() => res.send('x'), 100); }`,
    `class Poller { poll() { setTimeout(() => this.client.poll(), 100); } }`,
    // A one-shot timer at start-up.
    `setTimeout(() => warmUp(), 0);`,
    // timers/promises' setTimeout is a one-shot sleep.
    `import { setTimeout } from 'node:timers/promises';
export async function handle(req, res) { await setTimeout(100); res.end(); }`,
    // clearInterval alone, a local setInterval, a local cron object.
    `clearInterval(handle);`,
    `function setInterval(fn: () => void, ms: number) { return queue.add(fn, ms); }
setInterval(() => cleanup(), 1000);`,
    { ...script, code: `function setInterval(fn, ms) { return queue.add(fn, ms); }\nsetInterval(function () { cleanup(); }, 1000);` },
    `const cron = { schedule(expr: string, fn: () => void) { return [expr, fn]; } };
cron.schedule('* * * * *', () => {});`,
    // Decorators of the same name from elsewhere.
    `import { Cron } from './decorators';
class Jobs { @Cron('* * * * *') run() {} }`,
    // A per-connection heartbeat: started in the handler and cleared through its handle.
    `app.get('/events', (req, res) => {
  const heartbeat = setInterval(() => res.write(':\\n\\n'), 15_000);
  req.on('close', () => clearInterval(heartbeat));
});`,
    // Worker files, scripts, tests: not the web process.
    { code: interval, filename: 'src/workers/cleanup.ts' },
    { code: interval, filename: 'src/worker.ts' },
    { code: interval, filename: 'src/cleanup.worker.ts' },
    { code: interval, filename: 'src/cleanup-worker.js' },
    { code: `import { Worker } from 'bullmq';\nnew Worker('q', async () => {});\n${interval}`, filename: 'src/queue.ts' },
    { ...commonjs, code: `const { Worker } = require('bullmq');\nnew Worker('q', async () => {});\n${interval}` },
    { code: interval, filename: 'scripts/cleanup.ts' },
    { code: `#!/usr/bin/env node\n${interval}`, filename: 'src/cleanup.ts' },
    { code: interval, filename: 'src/cleanup.spec.ts' },
    { code: interval, filename: 'src/__tests__/cleanup.ts' },
    // The option and the shared setting replace the worker globs.
    { code: interval, filename: 'src/jobs/cleanup.ts', options: [{ workerFiles: ['src/jobs/**'] }] },
    { code: interval, filename: 'src/jobs/cleanup.ts', settings: { stateless: { workerFiles: ['src/jobs/**'] } } },
    { code: interval, filename: 'src/cli/cleanup.ts', options: [{ scriptFiles: ['src/cli/**'] }] },
  ],
  invalid: [
    // --- setInterval, every form ------------------------------------------------------------------------
    { code: interval, errors: [{ messageId: 'interval', line: 1, column: 1 }] },
    { code: `globalThis.setInterval(() => cleanup(), 1000);\nglobal.setInterval(flush, 5000);`, errors: [{ messageId: 'interval', line: 1, column: 1 }, { messageId: 'interval', line: 2, column: 1 }] },
    { code: interval, languageOptions: { globals: { setInterval: 'readonly' } }, errors: [{ messageId: 'interval', line: 1, column: 1 }] },
    {
      code: `import { setInterval } from 'timers';
import * as timers from 'node:timers';
setInterval(() => cleanup(), 1000);
timers.setInterval(() => cleanup(), 1000);`,
      errors: [{ messageId: 'interval', line: 3, column: 1 }, { messageId: 'interval', line: 4, column: 1 }],
    },
    {
      code: `import { setInterval } from 'node:timers/promises';
for await (const _ of setInterval(60_000)) await cleanup();`,
      errors: [{ messageId: 'interval', line: 2, column: 23 }],
    },
    {
      ...commonjs,
      code: `const timers = require('timers');
const { setInterval: every } = require('node:timers');
timers.setInterval(flush, 1000);
every(flush, 1000);
setInterval(flush, 1000);`,
      errors: [3, 4, 5].map((line) => ({ messageId: 'interval', line, column: 1 })),
    },
    { ...script, code: `setInterval(function () { flush(); }, 1000);`, errors: [{ messageId: 'interval', line: 1, column: 1 }] },
    { filename: 'src/server.mjs', code: interval, errors: [{ messageId: 'interval', line: 1, column: 1 }] },
    { filename: 'src/server.js', code: interval, errors: [{ messageId: 'interval', line: 1, column: 1 }] },
    {
      filename: 'src/app/Clock.tsx',
      code: `export function Clock() { return <span>{now()}</span>; }
setInterval(() => refreshRates(), 60_000);`,
      errors: [{ messageId: 'interval', line: 2, column: 1 }],
    },
    // Inside a class, a start-up function, or a request handler (a job per request, never cleared).
    {
      code: `export class Cache {
  timer = setInterval(() => this.evict(), 1000);
  start() { this.other = setInterval(() => this.flush(), 1000); }
}
app.post('/start', (req, res) => { setInterval(() => poll(req.body.url), 5000); res.end(); });`,
      errors: [
        { messageId: 'interval', line: 2, column: 11 },
        { messageId: 'interval', line: 3, column: 26 },
        { messageId: 'interval', line: 5, column: 36 },
      ],
    },
    // A handle cleared only at shutdown is still a job.
    {
      code: `const timer = setInterval(() => cleanup(), 1000);
process.on('SIGTERM', () => clearInterval(timer));`,
      errors: [{ messageId: 'interval', line: 1, column: 15 }],
    },
    // --- self-rescheduling setTimeout loops ---------------------------------------------------------------------
    {
      code: `function tick() {
  cleanup();
  setTimeout(tick, 1000);
}
tick();`,
      errors: [{ messageId: 'timeoutLoop', line: 3, column: 3, data: { name: 'tick' } }],
    },
    {
      code: `const loop = async () => {
  await syncOrders();
  setTimeout(() => loop(), 30_000);
};
loop();`,
      errors: [{ messageId: 'timeoutLoop', line: 3, column: 3, data: { name: 'loop' } }],
    },
    {
      code: `export class Poller {
  start() { this.poll(); }
  async poll() {
    await this.fetchJobs();
    this.timer = setTimeout(() => this.poll(), 5000);
  }
  schedule() { setTimeout(this.schedule.bind(this), 1000); }
}`,
      errors: [
        { messageId: 'timeoutLoop', line: 5, column: 18, data: { name: 'poll' } },
        { messageId: 'timeoutLoop', line: 7, column: 16, data: { name: 'schedule' } },
      ],
    },
    // Rescheduled from an inner callback of the loop function.
    {
      code: `function poll() {
  fetchJobs().then(() => setTimeout(poll, 5000)).catch(() => { setTimeout(() => { poll(); }, 60_000); });
}`,
      errors: [
        { messageId: 'timeoutLoop', line: 2, column: 26 },
        { messageId: 'timeoutLoop', line: 2, column: 64 },
      ],
    },
    {
      code: `import { setTimeout as later } from 'node:timers';
async function refresh() { try { await load(); } finally { later(refresh, 1000); } }
function again() { globalThis.setTimeout(again, 10); }`,
      errors: [
        { messageId: 'timeoutLoop', line: 2, column: 60 },
        { messageId: 'timeoutLoop', line: 3, column: 20 },
      ],
    },
    // --- scheduler libraries ---------------------------------------------------------------------------------
    {
      code: `import cron from 'node-cron';
import { schedule } from 'node-cron';
cron.schedule('*/5 * * * *', () => sendDigest());
schedule('0 * * * *', () => cleanup());`,
      errors: [
        { messageId: 'scheduler', line: 3, column: 1, data: { library: 'node-cron' } },
        { messageId: 'scheduler', line: 4, column: 1, data: { library: 'node-cron' } },
      ],
    },
    {
      ...commonjs,
      code: `const cron = require('node-cron');
cron.schedule('* * * * *', sendDigest);`,
      errors: [{ messageId: 'scheduler', line: 2, column: 1 }],
    },
    {
      code: `import { CronJob } from 'cron';
const job = new CronJob('0 0 * * *', () => rollup(), null, true);
CronJob.from({ cronTime: '* * * * *', onTick: () => ping(), start: true });`,
      errors: [
        { messageId: 'scheduler', line: 2, column: 13, data: { library: 'cron' } },
        { messageId: 'scheduler', line: 3, column: 1, data: { library: 'cron' } },
      ],
    },
    {
      ...script,
      code: `var CronJob = require('cron').CronJob;
new CronJob('* * * * *', function () { ping(); }).start();`,
      errors: [{ messageId: 'scheduler', line: 2, column: 1 }],
    },
    {
      code: `import schedule from 'node-schedule';
import { scheduleJob } from 'node-schedule';
schedule.scheduleJob('0 3 * * *', () => backup());
scheduleJob({ hour: 4 }, () => backup());`,
      errors: [
        { messageId: 'scheduler', line: 3, column: 1, data: { library: 'node-schedule' } },
        { messageId: 'scheduler', line: 4, column: 1, data: { library: 'node-schedule' } },
      ],
    },
    {
      code: `import { ToadScheduler, SimpleIntervalJob, AsyncTask } from 'toad-scheduler';
const scheduler = new ToadScheduler();
const task = new AsyncTask('refresh', () => refresh());
scheduler.addSimpleIntervalJob(new SimpleIntervalJob({ seconds: 20 }, task));`,
      errors: [{ messageId: 'scheduler', line: 4, column: 32, data: { library: 'toad-scheduler' } }],
    },
    {
      code: `import { createTask } from 'node-cron';
import { Job } from 'node-schedule';
import { job } from 'cron';
import { LongIntervalJob, CronJob as ToadCronJob } from 'toad-scheduler';
import { Cron } from 'croner';
import Bree from 'bree';
createTask('* * * * *', ping);
new Job('ping', ping);
job('* * * * *', ping);
new LongIntervalJob({ days: 30 }, task);
new ToadCronJob({ cronExpression: '* * * * *' }, task);
Cron('* * * * *', ping);
new Cron('* * * * *', ping);
new Bree({ jobs: ['ping'] }).start();`,
      errors: [
        { messageId: 'scheduler', line: 7, column: 1, data: { library: 'node-cron' } },
        { messageId: 'scheduler', line: 8, column: 1, data: { library: 'node-schedule' } },
        { messageId: 'scheduler', line: 9, column: 1, data: { library: 'cron' } },
        { messageId: 'scheduler', line: 10, column: 1, data: { library: 'toad-scheduler' } },
        { messageId: 'scheduler', line: 11, column: 1, data: { library: 'toad-scheduler' } },
        { messageId: 'scheduler', line: 12, column: 1, data: { library: 'croner' } },
        { messageId: 'scheduler', line: 13, column: 1, data: { library: 'croner' } },
        { messageId: 'scheduler', line: 14, column: 1, data: { library: 'bree' } },
      ],
    },
    // @nestjs/schedule decorators, reported at the decorator call.
    {
      code: `import { Injectable } from '@nestjs/common';
import { Cron, CronExpression, Interval, Timeout } from '@nestjs/schedule';
@Injectable()
export class TasksService {
  @Cron(CronExpression.EVERY_HOUR)
  rollup() {}
  @Interval(10_000)
  poll() {}
  @Timeout(5000)
  warmUp() {}
}`,
      errors: [
        { messageId: 'scheduler', line: 5, column: 4, data: { library: '@nestjs/schedule @Cron' } },
        { messageId: 'scheduler', line: 7, column: 4, data: { library: '@nestjs/schedule @Interval' } },
        { messageId: 'scheduler', line: 9, column: 4, data: { library: '@nestjs/schedule @Timeout' } },
      ],
    },
    {
      code: `import * as schedule from '@nestjs/schedule';
export class Jobs { @schedule.Cron('0 * * * *') run() {} }`,
      errors: [{ messageId: 'scheduler', line: 2, column: 22 }],
    },
    // The option replaces the default worker globs: src/workers is then the web process.
    {
      code: interval,
      filename: 'src/workers/cleanup.ts',
      options: [{ workerFiles: ['src/jobs/**'] }],
      errors: [{ messageId: 'interval', line: 1, column: 1 }],
    },
    {
      code: interval,
      filename: 'src/workers/cleanup.ts',
      settings: { stateless: { workerFiles: ['src/jobs/**'] } },
      errors: [{ messageId: 'interval', line: 1, column: 1 }],
    },
  ],
});
