// `stateless audit` loads one TypeScript: the `typescript` package typescript-estree requires, whose parses the
// rules convert. Not ts-morph, which bundles a second copy of the compiler (migrate uses it, the audit does not).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { supportsTypeScript } from './syntax/typescript.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stateless-one-compiler-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/**
 * Preloaded into the child: when it exits, it writes the files of the CommonJS modules it loaded (`require.cache`,
 * which also holds those that ES modules import; ts-morph and the compiler are CommonJS) to $LOADED_MODULES.
 */
const recorder = `data:text/javascript,${encodeURIComponent(
  "import { createRequire } from 'node:module'; import fs from 'node:fs';\n" +
    "process.on('exit', () => fs.writeFileSync(process.env.LOADED_MODULES, JSON.stringify(Object.keys(createRequire(process.cwd() + '/').cache))));\n",
)}`;

/** The CommonJS files a `stateless …` command loaded in its main thread, where the whole-program stages run. */
function modulesLoadedBy(...args: string[]): string[] {
  const output = path.join(work, `loaded-${args.join('-').replace(/\W+/g, '_')}.json`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--import', recorder, path.join(repoRoot, 'src/cli.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, LOADED_MODULES: output, STATELESS_WORKERS: '0' },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(1); // findings
  return (JSON.parse(fs.readFileSync(output, 'utf8')) as string[]).map((file) => file.split(path.sep).join('/'));
}

it('an audit loads no module of ts-morph and one copy of the compiler, the one typescript-estree requires', () => {
  const loaded = modulesLoadedBy('audit', 'fixtures/apps/express-shop', '--format', 'json');
  expect(loaded.filter((file) => /\/node_modules\/(ts-morph|@ts-morph\/[^/]+)\//.test(file))).toEqual([]);
  const estree = createRequire(import.meta.url).resolve('@typescript-eslint/typescript-estree');
  const compiler = createRequire(estree).resolve('typescript').split(path.sep).join('/');
  expect(loaded.filter((file) => /\/typescript(\/lib)?\/typescript\.js$/.test(file))).toEqual([compiler]);
  // The audit did run: the parses were made and the rules loaded.
  expect(loaded.some((file) => file.includes('/@typescript-eslint/typescript-estree/'))).toBe(true);
});

it('runs on the TypeScript versions whose API it reads', () => {
  expect(['4.9', '5.0', '5.2'].filter(supportsTypeScript)).toEqual([]);
  expect(['5.3', '5.9', '6.0', '10.1'].every(supportsTypeScript)).toBe(true);
});
