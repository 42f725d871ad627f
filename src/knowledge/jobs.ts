/** Timers and schedulers: jobs that run inside whichever process loads them. */
import type { ApiRef, LibraryPattern } from './types.js';

const check = 'no-timers-in-web-process' as const;

function scheduler(library: string, modules: readonly string[], path: readonly string[], use: 'call' | 'construct' = 'call'): LibraryPattern {
  return { check, messageId: 'scheduler', library, api: { modules, path, use } };
}

export const timerPatterns: readonly LibraryPattern[] = [
  { check, messageId: 'interval', library: 'setInterval', api: { global: true, path: ['setInterval'], use: 'call' } },
  { check, messageId: 'interval', library: 'setInterval', api: { modules: ['timers'], path: ['setInterval'], use: 'call' } },
  // timers/promises' setInterval is an async iterator that ticks forever.
  { check, messageId: 'interval', library: 'setInterval', api: { modules: ['timers/promises'], path: ['setInterval'], use: 'call' } },
  scheduler('node-cron', ['node-cron'], ['schedule']),
  scheduler('node-cron', ['node-cron'], ['createTask']),
  scheduler('cron', ['cron'], ['CronJob'], 'construct'),
  scheduler('cron', ['cron'], ['CronJob', 'from']),
  scheduler('cron', ['cron'], ['job']),
  scheduler('node-schedule', ['node-schedule'], ['scheduleJob']),
  scheduler('node-schedule', ['node-schedule'], ['Job'], 'construct'),
  scheduler('toad-scheduler', ['toad-scheduler'], ['SimpleIntervalJob'], 'construct'),
  scheduler('toad-scheduler', ['toad-scheduler'], ['LongIntervalJob'], 'construct'),
  scheduler('toad-scheduler', ['toad-scheduler'], ['CronJob'], 'construct'),
  scheduler('croner', ['croner'], ['Cron'], 'construct'),
  scheduler('croner', ['croner'], ['Cron']),
  scheduler('croner', ['croner'], [], 'construct'),
  scheduler('bree', ['bree'], [], 'construct'),
  scheduler('@nestjs/schedule @Cron', ['@nestjs/schedule'], ['Cron']),
  scheduler('@nestjs/schedule @Interval', ['@nestjs/schedule'], ['Interval']),
  scheduler('@nestjs/schedule @Timeout', ['@nestjs/schedule'], ['Timeout']),
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
