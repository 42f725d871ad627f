import { describe, expect, it } from 'vitest';
import { workerCommand, workerScripts } from './worker-entry.js';

describe('the worker script runs the worker as the start script runs the web entry', () => {
  const worker = (start: string, main?: string) => workerCommand(start, 'src/server.ts', 'src/worker.ts', main);

  it('keeps the runner and the build output of the start script', () => {
    expect(worker('node dist/server.js')).toBe('node dist/worker.js');
    expect(worker('tsx src/server.ts')).toBe('tsx src/worker.ts');
    expect(worker('ts-node src/server.ts')).toBe('ts-node src/worker.ts');
    expect(worker('ts-node --transpile-only ./src/server')).toBe('ts-node --transpile-only ./src/worker');
    expect(worker('node --import tsx src/server.ts')).toBe('node --import tsx src/worker.ts');
    expect(worker('NODE_ENV=production node --enable-source-maps build/src/server.mjs')).toBe('NODE_ENV=production node --enable-source-maps build/src/worker.mjs');
    expect(worker('node -r dotenv/config "dist/server.js"')).toBe('node -r dotenv/config "dist/worker.js"');
    expect(worker('npm run build && node dist/server.js')).toBe('npm run build && node dist/worker.js');
  });

  it('follows `node .` to package.json `main`', () => {
    expect(worker('node .', 'dist/server.js')).toBe('node dist/worker.js');
    expect(worker('node .', './dist/server.cjs')).toBe('node dist/worker.cjs');
    expect(worker('node .')).toBeUndefined();
  });

  it('leaves a script that does not name the web entry', () => {
    expect(worker('next start')).toBeUndefined();
    expect(worker('node dist/main.js')).toBeUndefined();
    expect(worker('npm run serve:prod --server')).toBeUndefined();
  });

  it('in a JavaScript project, the source is what runs', () => {
    expect(workerCommand('node src/server.js', 'src/server.js', 'src/worker.js')).toBe('node src/worker.js');
    expect(workerCommand('nodemon src/app.mjs', 'src/app.mjs', 'src/worker.mjs')).toBe('nodemon src/worker.mjs');
  });

  it('`worker` follows `start`, `worker:dev` follows `dev` when that runs it differently', () => {
    expect(workerScripts({ start: 'node dist/server.js', dev: 'tsx watch src/server.ts', build: 'tsc' }, 'src/server.ts', 'src/worker.ts')).toEqual([
      { name: 'worker', command: 'node dist/worker.js' },
      { name: 'worker:dev', command: 'tsx watch src/worker.ts' },
    ]);
    expect(workerScripts({ start: 'tsx src/server.ts' }, 'src/server.ts', 'src/worker.ts')).toEqual([{ name: 'worker', command: 'tsx src/worker.ts' }]);
    expect(workerScripts({ start: 'tsx src/server.ts', dev: 'tsx src/server.ts' }, 'src/server.ts', 'src/worker.ts')).toEqual([{ name: 'worker', command: 'tsx src/worker.ts' }]);
    // Only without a start script does the dev runner (often a devDependency) start the worker.
    expect(workerScripts({ dev: 'tsx watch src/server.ts' }, 'src/server.ts', 'src/worker.ts')).toEqual([{ name: 'worker', command: 'tsx watch src/worker.ts' }]);
    expect(workerScripts({ start: 'next start', dev: 'next dev' }, 'src/server.ts', 'src/worker.ts')).toEqual([]);
  });
});
