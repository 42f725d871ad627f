/**
 * A fixture app as the proof runs it: a copy in a scratch folder, either as written (before) or migrated by
 * the real `stateless migrate` command (after). The copy lives inside the repository, so its imports resolve
 * to the packages installed there, the ones the migration summary names.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Cluster, startProcess, type RunningProcess } from '../test-support/cluster.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface MigrationSummary {
  fixed: { file: string; line: number; ruleId: string }[];
  skipped: { file: string; line: number; ruleId: string; reason: string }[];
  dependencies: { dependencies: string[]; devDependencies: string[] };
  env: string[];
  worker: { file: string; command: string } | null;
}

export interface PreparedApp {
  folder: string;
  /** The migration summary; undefined for the app as written. */
  summary?: MigrationSummary;
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Copies `fixtures/apps/<app>` to `<scratch>/<app>-<phase>` and, for `after`, migrates it with the CLI. */
export function prepareApp(app: string, phase: 'before' | 'after', scratch: string): PreparedApp {
  const folder = path.join(scratch, `${app}-${phase}`);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.cpSync(path.join(repoRoot, 'fixtures/apps', app), folder, { recursive: true });
  if (phase === 'before') return { folder };
  const git = (...args: string[]) => run('git', ['-c', 'user.name=proof', '-c', 'user.email=proof@example.com', ...args], folder);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'as written');
  const output = run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli.ts'), 'migrate', folder, '--format', 'json'], repoRoot);
  return { folder, summary: JSON.parse(output) as MigrationSummary };
}

/**
 * The dependencies a summary added that are not installed at exactly the version it names: the app must
 * run on what migrate asked for, nothing else.
 */
export function missingDependencies(summary: MigrationSummary): string[] {
  return [...summary.dependencies.dependencies, ...summary.dependencies.devDependencies].filter((entry) => {
    const at = entry.lastIndexOf('@');
    const name = entry.slice(0, at);
    const manifest = path.join(repoRoot, 'node_modules', name, 'package.json');
    return !fs.existsSync(manifest) || (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version !== entry.slice(at + 1);
  });
}

/** A prepared app running: two web instances behind the proxy and, after the migration, its worker. */
export interface Deployment {
  cluster: Cluster;
  worker?: RunningProcess;
  /** The output of whatever runs the periodic jobs: the worker, or every live web instance. */
  jobOutputs(): string[];
  stop(): Promise<void>;
}

/**
 * Starts `src/server.ts` of a prepared app twice, each instance with a data folder of its own (as on separate
 * machines), and the worker the migration generated, if any, with `workerEnv` on top of `env`.
 */
export async function deploy(app: PreparedApp, env: Record<string, string>, workerEnv: Record<string, string> = {}): Promise<Deployment> {
  const cluster = await Cluster.start(
    { entry: path.join(app.folder, 'src/server.ts'), cwd: app.folder, env, instanceEnv: (index) => ({ DATA_DIR: path.join(app.folder, `.data-${index}`) }) },
    2,
  );
  const workerFile = app.summary?.worker?.file;
  const worker = workerFile ? await startProcess(path.join(app.folder, workerFile), { cwd: app.folder, env: { ...env, ...workerEnv } }) : undefined;
  return {
    cluster,
    worker,
    jobOutputs: () => (worker ? [worker.output()] : cluster.instances.filter((instance) => instance.alive).map((instance) => instance.output())),
    stop: async () => {
      await Promise.all([cluster.stop(), worker?.stop()]);
    },
  };
}
