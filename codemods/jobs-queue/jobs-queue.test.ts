import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { skipMessage } from '../kit/skip.js';
import { runCodemod } from '../kit/run.js';
import { describeCodemodFixtures } from '../../src/test-support/codemod-fixtures.js';
import { uploadsObjectStorage } from '../uploads-object-storage/index.js';
import { jobsQueue } from './index.js';
import { jobWordsRemoved, modulePrefix } from './naming.js';

describeCodemodFixtures(jobsQueue);

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

describe('jobs-queue on the express-shop example app', () => {
  const app = path.join(repositoryRoot, 'fixtures/apps/express-shop');
  const migrate = (relative: string) => {
    const file = path.join(app, relative);
    return runCodemod(jobsQueue, { file, source: fs.readFileSync(file, 'utf8'), adapterDir: path.join(app, 'src/stateless'), packageType: 'module' });
  };

  it('leaves the cleanup interval in the web process while its folder is on the local disk', () => {
    const outcome = migrate('src/jobs/cleanup.ts');
    expect(outcome.changes).toEqual([]);
    expect(outcome.skips).toEqual([{ codemod: 'jobs-queue', line: 15, reason: 'job-cleans-local-disk', detail: { api: 'setInterval', calls: '`fs.promises.readdir`, `fs.promises.unlink`' } }]);
    expect(skipMessage(outcome.skips[0]!)).toMatch(/^setInterval at line 15: the job lists or removes files on this instance's disk \(`fs.promises.readdir`, `fs.promises.unlink`\): each instance cleans its own disk/);
    expect(outcome.source).toBe(fs.readFileSync(path.join(app, 'src/jobs/cleanup.ts'), 'utf8'));
    expect(outcome.workerJobs).toEqual([]);
  });

  it('moves the cleanup interval into a job once uploads-object-storage moved its folder to the bucket', () => {
    const file = path.join(app, 'src/jobs/cleanup.ts');
    const options = { file, adapterDir: path.join(app, 'src/stateless'), packageType: 'module' as const };
    // What migrate passes: the routes store files under config.exportDir, imported from src/config.ts.
    const storedFolders = [`${path.join(app, 'src/config')}#config.exportDir`];
    const rewritten = runCodemod(uploadsObjectStorage, { ...options, source: fs.readFileSync(file, 'utf8'), storedFolders });
    expect(rewritten.changes.map((change) => `${change.line} ${change.description}`)).toEqual([
      "7 `fs.promises.readdir` → `listObjectNames`: the folder's files are in the S3 bucket",
      "9 `fs.promises.stat` → `statObject`: the folder's files are in the S3 bucket",
      "10 `fs.promises.unlink` → `deleteObject`: the folder's files are in the S3 bucket",
    ]);
    const outcome = runCodemod(jobsQueue, { ...options, source: rewritten.source });
    expect(outcome.changes.map((change) => change.line)).toEqual([15]);
    expect(outcome.skips).toEqual([]);
    expect(outcome.source).toContain("import { listObjectNames, statObject, deleteObject } from '../stateless/s3.js';\n");
    expect(outcome.source).toContain("import { defineJob, scheduleJob } from '../stateless/jobs.js';\n");
    expect(outcome.source).toContain("export const cleanupJob = defineJob('jobs/cleanup#cleanup', { every: config.cleanupIntervalMs }, () => {\n");
    expect(outcome.source).toContain('export function startCleanupJob(): Promise<void> {\n  return scheduleJob(cleanupJob);\n}\n');
    expect(outcome.source).not.toContain('TODO');
    expect(outcome.workerJobs).toEqual([{ module: file, exportName: 'cleanupJob' }]);
  });

  it('moves the nightly node-cron report into a job and drops the node-cron import', () => {
    const outcome = migrate('src/jobs/nightly-report.ts');
    expect(outcome.skips).toEqual([]);
    expect(outcome.source).not.toContain('node-cron');
    expect(outcome.source).toContain("export const nightlyReportJob = defineJob('jobs/nightly-report#nightlyReport', { pattern: '0 2 * * *' }, async () => {\n");
    expect(outcome.source).toContain('  return scheduleJob(nightlyReportJob);\n');
  });
});

describe('jobs-queue on NestJS (TypeScript decorators)', () => {
  it('skips @Cron and @Interval with guidance and a TODO above the method', () => {
    const source = `import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';

@Injectable()
export class ReportsService {
  @Cron(CronExpression.EVERY_DAY_AT_2AM)
  async sendNightlyReport(): Promise<void> {}
}
`;
    const outcome = runCodemod(jobsQueue, { file: '/app/src/reports.service.ts', source, adapterDir: '/app/src/stateless', packageType: 'module' });
    const guidance =
      'NestJS runs this @Cron method in every instance of the app; move it to a BullMQ processor in a worker app (@nestjs/bullmq: a @Processor with a job scheduler)';
    expect(outcome.skips).toEqual([{ codemod: 'jobs-queue', line: 6, reason: 'job-decorator', detail: { api: '@Cron', guidance } }]);
    expect(skipMessage(outcome.skips[0]!)).toBe(`@Cron at line 6: ${guidance}`);
    expect(outcome.source).toBe(source.replace('  @Cron(', `  // TODO(stateless): ${guidance}\n  @Cron(`));
    expect(outcome.changes).toEqual([]);
    expect(outcome.workerJobs).toEqual([]);
  });
});

describe('job names', () => {
  it('keeps what the job does and drops the words that start it', () => {
    expect(jobWordsRemoved('startCleanupJob')).toBe('cleanup');
    expect(jobWordsRemoved('scheduleNightlyReport')).toBe('nightlyReport');
    expect(jobWordsRemoved('startJobs')).toBe('');
    expect(jobWordsRemoved('restartWorkers')).toBe('restartWorkers');
  });

  it('prefixes ids with the module path from the source folder', () => {
    expect(modulePrefix('/app/src/jobs/cleanup.ts', '../stateless/jobs.js')).toBe('jobs/cleanup');
    expect(modulePrefix('/app/scripts/purge.js', '../src/stateless/jobs')).toBe('scripts/purge');
  });
});

describe('jobs-queue on jobs that work on local files', () => {
  it('moves a cleanup rewritten by uploads-object-storage (a folder another file stores in the bucket), with no TODO', () => {
    const folder = path.join(repositoryRoot, 'fixtures/codemods/jobs-queue');
    const file = path.join(repositoryRoot, '.scratch', 'pipeline', 'src', 'cleanup-migrated-folder.js');
    const options = { file, adapterDir: path.join(path.dirname(file), 'stateless'), appName: 'shop' };
    const source = fs.readFileSync(path.join(folder, 'pipeline/cleanup-migrated-folder.js'), 'utf8');
    const storage = runCodemod(uploadsObjectStorage, { ...options, source, storedFolders: [`${file.replace(/\.js$/, '')}#config.exportDir`] });
    // The fixture case cleanup-migrated-folder starts from this output, and jobs-queue moves it.
    expect(storage.source).toBe(fs.readFileSync(path.join(folder, 'cleanup-migrated-folder.input.js'), 'utf8'));
    expect(storage.skips).toEqual([]);
    const jobs = runCodemod(jobsQueue, { ...options, source: storage.source });
    expect(jobs.source).toBe(fs.readFileSync(path.join(folder, 'cleanup-migrated-folder.output.js'), 'utf8'));
    // Without the bucket (uploads-object-storage not run), the same job stays.
    expect(runCodemod(jobsQueue, { ...options, source }).source).toBe(source);
  });

  const migrate = (source: string) => runCodemod(jobsQueue, { file: '/app/src/jobs.ts', source, adapterDir: '/app/src/stateless', packageType: 'module' });

  it('skips a job listing or deleting files through the functions of the file, whatever the fs module, and leaves it as it was', () => {
    const outcome = migrate(`import { readdir, rm } from 'node:fs/promises';

async function sweep(dir: string) {
  for (const name of await readdir(dir)) await remove(dir + '/' + name);
}
async function remove(file: string) {
  await rm(file, { force: true });
}

export function start() {
  setInterval(() => void sweep('/tmp/cache'), 60_000);
}
`);
    expect(outcome.changes).toEqual([]);
    expect(outcome.skips.map((skip) => [skip.line, skip.reason, skip.detail.calls])).toEqual([[11, 'job-cleans-local-disk', '`readdir`, `rm`']]);
  });

  it('says nothing of a job that only reads a file or touches no files', () => {
    const outcome = migrate(`import fs from 'node:fs';

export function start() {
  setInterval(() => console.log(fs.readFileSync('/etc/hostname', 'utf8')), 60_000);
  setInterval(() => console.log('tick'), 1_000);
}
`);
    expect(outcome.changes).toHaveLength(2);
    expect(outcome.skips).toEqual([]);
  });
});
