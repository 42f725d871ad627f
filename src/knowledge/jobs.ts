/** Timers and schedulers: jobs that run inside whichever process loads them. */
import type { ApiRef, LibraryPattern } from './types.js';

const check = 'no-timers-in-web-process' as const;

function scheduler(id: string, library: string, modules: readonly string[], path: readonly string[], use: 'call' | 'construct' = 'call'): LibraryPattern<typeof check> {
  return { id, check, messageId: 'scheduler', library, api: { modules, path, use } };
}

export const timerPatterns: readonly LibraryPattern<typeof check>[] = [
  { id: 'setInterval', check, messageId: 'interval', library: 'setInterval', api: { global: true, path: ['setInterval'], use: 'call' } },
  { id: 'timers.setInterval', check, messageId: 'interval', library: 'setInterval', api: { modules: ['timers'], path: ['setInterval'], use: 'call' } },
  // timers/promises' setInterval is an async iterator that ticks forever.
  { id: 'timers/promises.setInterval', check, messageId: 'interval', library: 'setInterval', api: { modules: ['timers/promises'], path: ['setInterval'], use: 'call' } },
  scheduler('node-cron.schedule', 'node-cron', ['node-cron'], ['schedule']),
  scheduler('node-cron.createTask', 'node-cron', ['node-cron'], ['createTask']),
  scheduler('cron.CronJob', 'cron', ['cron'], ['CronJob'], 'construct'),
  scheduler('cron.CronJob.from', 'cron', ['cron'], ['CronJob', 'from']),
  scheduler('cron.job', 'cron', ['cron'], ['job']),
  scheduler('node-schedule.scheduleJob', 'node-schedule', ['node-schedule'], ['scheduleJob']),
  scheduler('node-schedule.Job', 'node-schedule', ['node-schedule'], ['Job'], 'construct'),
  scheduler('toad-scheduler.SimpleIntervalJob', 'toad-scheduler', ['toad-scheduler'], ['SimpleIntervalJob'], 'construct'),
  scheduler('toad-scheduler.LongIntervalJob', 'toad-scheduler', ['toad-scheduler'], ['LongIntervalJob'], 'construct'),
  scheduler('toad-scheduler.CronJob', 'toad-scheduler', ['toad-scheduler'], ['CronJob'], 'construct'),
  scheduler('croner.Cron', 'croner', ['croner'], ['Cron'], 'construct'),
  scheduler('croner.Cron#call', 'croner', ['croner'], ['Cron']),
  scheduler('croner', 'croner', ['croner'], [], 'construct'),
  scheduler('bree', 'bree', ['bree'], [], 'construct'),
  scheduler('@nestjs/schedule.Cron', '@nestjs/schedule @Cron', ['@nestjs/schedule'], ['Cron']),
  scheduler('@nestjs/schedule.Interval', '@nestjs/schedule @Interval', ['@nestjs/schedule'], ['Interval']),
  scheduler('@nestjs/schedule.Timeout', '@nestjs/schedule @Timeout', ['@nestjs/schedule'], ['Timeout']),
];

/** The one-shot timer that becomes a job loop when its callback schedules it again. */
export const rescheduledTimers: readonly ApiRef[] = [
  { global: true, path: ['setTimeout'], use: 'call' },
  { modules: ['timers'], path: ['setTimeout'], use: 'call' },
];

/**
 * What stops an interval. An interval started while handling a request and stopped through its handle is a
 * per-connection timer (an SSE or long-poll heartbeat), not a job.
 */
export const intervalClearers: readonly ApiRef[] = [
  { global: true, path: ['clearInterval'], use: 'call' },
  { modules: ['timers'], path: ['clearInterval'], use: 'call' },
];

/** Where jobs should run instead: a file that creates one of these is a worker, not the web process. */
export const workerMarkers: readonly ApiRef[] = [
  { modules: ['bullmq'], path: ['Worker'], use: 'construct' },
];
