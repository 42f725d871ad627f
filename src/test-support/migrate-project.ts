/**
 * A small TypeScript app for migrate's safety tests (sessions and a cache in `src/lib`, so migrate rewrites two
 * sources and generates `src/stateless/redis.ts` and `shared-cache.ts`), `stateless migrate` run in this process
 * with its output captured, and snapshots of a folder to show what a run did or did not touch.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { runMigrateCommand } from '../migrate/command.js';
import { tempProject } from './temp-project.js';

export const appFiles: Record<string, string> = {
  'package.json': '{\n  "name": "app",\n  "private": true,\n  "type": "module"\n}\n',
  'tsconfig.json': '{ "compilerOptions": { "module": "NodeNext", "strict": true } }\n',
  'src/server.ts': [
    "import express from 'express';",
    "import { sessions } from './lib/sessions.js';",
    "import { products } from './lib/products.js';",
    '',
    'const app = express();',
    'app.use(sessions);',
    "app.get('/products/:id', async (req, res) => {",
    '  res.json(await products(req.params.id));',
    '});',
    'app.listen(3000);',
    '',
  ].join('\n'),
  'src/lib/sessions.ts': "import session from 'express-session';\n\nexport const sessions = session({ secret: 'dev', resave: false, saveUninitialized: false });\n",
  'src/lib/products.ts': [
    'const cache = new Map<string, string>();',
    '',
    'export async function products(id: string): Promise<string> {',
    '  const hit = cache.get(id);',
    '  if (hit) return hit;',
    '  const value = `product ${id}`;',
    '  cache.set(id, value);',
    '  return value;',
    '}',
    '',
  ].join('\n'),
};

/** The app in a new temporary folder, with `files` added or replaced (`null` leaves a file out). */
export function appProject(files: Record<string, string | Buffer | null> = {}): string {
  const merged = { ...appFiles, ...files };
  return tempProject(Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string | Buffer] => entry[1] !== null)));
}

/** Makes `root` a git repository with everything committed. */
export function commitAll(root: string): void {
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-qm', 'before migration']]) {
    const result = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  }
}

/** Every file and link below `root` (not `.git`): a file as its text, a link as `-> target`. */
export function snapshot(root: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (relative === '.git' || relative.startsWith('.git/')) continue;
    if (entry.isSymbolicLink()) entries[relative] = `-> ${fs.readlinkSync(file)}`;
    else if (entry.isFile()) entries[relative] = fs.readFileSync(file, 'utf8');
  }
  return entries;
}

/** `stateless migrate <args>` in this process: the exit code and what it printed. */
export async function migrateCommand(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runMigrateCommand(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
