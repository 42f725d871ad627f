/**
 * The generated adapters as a migrated app has them: rendered (TypeScript, ESM) into a scratch project inside
 * the repository, so that their imports resolve to its node_modules, with small programs beside them that
 * each run as a process of their own.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { renderAdapter } from '../../codemods/kit/adapters/render.js';
import type { AdapterId } from '../../codemods/kit/codemod.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const tsxCli = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');

export interface ProgramRun {
  /** The exit code; null when the program was killed at the deadline. */
  status: number | null;
  /** stdout and stderr, interleaved as printed. */
  output: string;
  ms: number;
}

export interface AdapterProject {
  root: string;
  /** Runs `<root>/<file>` with tsx and `env` on top of this process's, killed after `deadlineMs`. */
  run(file: string, env: Record<string, string>, deadlineMs: number): Promise<ProgramRun>;
}

/** A project named `name` with the given adapters under `stateless/` (keys under `appName`) and `files`. */
export function adapterProject(name: string, adapters: readonly AdapterId[], files: Record<string, string>, appName = 'shop'): AdapterProject {
  const root = path.join(repoRoot, '.scratch', `${name}-${process.pid}`);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'stateless'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: appName, type: 'module' }));
  for (const adapter of adapters) {
    const rendered = renderAdapter(adapter, { language: 'ts', module: 'esm', importExtension: '.js' }, appName);
    fs.writeFileSync(path.join(root, 'stateless', rendered.fileName), rendered.text);
  }
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(root, file), text);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  return {
    root,
    run: (file, env, deadlineMs) =>
      new Promise((resolve) => {
        const started = Date.now();
        const { NODE_ENV: _testEnvironment, ...inherited } = process.env;
        // Its own process group: tsx runs the program in a child process, which the deadline must end too.
        const child = spawn(process.execPath, [tsxCli, path.join(root, file)], { cwd: root, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const deadline = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        }, deadlineMs);
        child.once('close', (status) => {
          clearTimeout(deadline);
          resolve({ status, output, ms: Date.now() - started });
        });
      }),
  };
}
