import path from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import type { ApiRef } from '../../src/knowledge/index.js';
import { moduleSpecifiers } from '../../src/knowledge/index.js';
import { findApiUses, globalReferences, moduleValueReferences } from './api-uses.js';

type SourceType = 'module' | 'commonjs' | 'script';
interface Options {
  sourceType?: SourceType;
  filename?: string;
}

/** Runs `inspect` on the parsed file, the way a rule sees it (typescript-eslint parser, scope analysis). */
function inspect<T>(code: string, options: Options, look: (sourceCode: Readonly<TSESLint.SourceCode>) => T): T {
  let result: T | undefined;
  const rule = {
    create(context: Readonly<TSESLint.RuleContext<string, []>>) {
      return { 'Program:exit'() { result = look(context.sourceCode); } };
    },
  };
  const linter = new Linter({ configType: 'flat', cwd: process.cwd() });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs', '**/*.cjs'],
        // Casts: ESLint's and typescript-eslint's parser and rule types describe the same objects differently.
        languageOptions: { parser: tsParser as Linter.Parser, sourceType: options.sourceType ?? 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { probe: { rules: { look: rule as never } } },
        rules: { 'probe/look': 'error' },
      },
    ],
    { filename: path.join(process.cwd(), options.filename ?? 'src/server.ts') },
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(fatal.message);
  return result as T;
}

interface Named extends ApiRef {
  name: string;
}

const table: readonly Named[] = [
  { name: 'limiter', modules: ['express-rate-limit'], path: [], use: 'call' },
  { name: 'limiter.rateLimit', modules: ['express-rate-limit'], path: ['rateLimit'], use: 'call' },
  { name: 'Memory', modules: ['rate-limiter-flexible'], path: ['RateLimiterMemory'], use: 'construct' },
  { name: 'ws.Server', modules: ['ws'], path: ['Server'], use: 'construct' },
  { name: 'fs.writeFile', modules: ['fs'], path: ['writeFile'], use: 'call' },
  { name: 'fs.promises.writeFile', modules: ['fs'], path: ['promises', 'writeFile'], use: 'call' },
  { name: 'setInterval', global: true, path: ['setInterval'], use: 'call' },
  { name: 'fastify-plugin', modules: ['@fastify/rate-limit'], path: [], use: 'plugin' },
  { name: 'fastify-plugin.named', modules: ['@fastify/rate-limit'], path: ['fastifyRateLimit'], use: 'plugin' },
];

/** Each use as `name@line:column(argument count)`. */
function uses(code: string, options: Options = {}): string[] {
  return inspect(code, options, (sourceCode) =>
    findApiUses(sourceCode, table).map(({ item, call, args }) => `${item.name}@${call.loc.start.line}:${call.loc.start.column + 1}(${args.length})`),
  );
}

describe('findApiUses', () => {
  it('finds ESM default, named, aliased and namespace imports', () => {
    const code = `import limiter from 'express-rate-limit';
import { rateLimit, rateLimit as rl } from 'express-rate-limit';
import * as erl from 'express-rate-limit';
limiter({ max: 1 });
rateLimit();
rl(1, 2);
erl.rateLimit();
erl.default();`;
    expect(uses(code)).toEqual([
      'limiter@4:1(1)',
      'limiter.rateLimit@5:1(0)',
      'limiter.rateLimit@6:1(2)',
      'limiter.rateLimit@7:1(0)',
      'limiter@8:1(0)',
    ]);
  });

  it('finds `new` of named and namespace members, and ignores calls of constructors', () => {
    const code = `import { RateLimiterMemory } from 'rate-limiter-flexible';
import WebSocket, * as WS from 'ws';
new RateLimiterMemory({ points: 1 });
RateLimiterMemory({ points: 1 });
new WebSocket.Server({ port: 1 });
new WS.Server({ port: 2 });`;
    expect(uses(code)).toEqual(['Memory@3:1(1)', 'ws.Server@5:1(1)', 'ws.Server@6:1(1)']);
  });

  it('finds CommonJS require with and without destructuring, and require(...) used directly', () => {
    const code = `const limiter = require('express-rate-limit');
const { rateLimit, rateLimit: alias } = require('express-rate-limit');
const Memory = require('rate-limiter-flexible').RateLimiterMemory;
limiter();
rateLimit();
alias();
new Memory();
require('express-rate-limit')();
new (require('ws').Server)({ port: 1 });`;
    expect(uses(code, { sourceType: 'commonjs', filename: 'src/server.cjs' })).toEqual([
      'limiter@4:1(0)',
      'limiter.rateLimit@5:1(0)',
      'limiter.rateLimit@6:1(0)',
      'Memory@7:1(0)',
      'limiter@8:1(0)',
      'ws.Server@9:1(1)',
    ]);
  });

  it('finds require as an undeclared global in a plain script', () => {
    const code = `var limiter = require('express-rate-limit');
var WebSocket = require('ws');
limiter({ max: 1 });
new WebSocket.Server({ port: 1 });`;
    expect(uses(code, { sourceType: 'script', filename: 'src/server.js' })).toEqual(['limiter@3:1(1)', 'ws.Server@4:1(1)']);
  });

  it('ignores a require the file declares itself', () => {
    const code = `function require(id) { return () => id; }
const limiter = require('express-rate-limit');
limiter();`;
    expect(uses(code, { sourceType: 'script', filename: 'src/server.js' })).toEqual([]);
  });

  it('finds TypeScript import-equals, exported or not', () => {
    const code = `import limiter = require('express-rate-limit');
export import WS = require('ws');
limiter();
new WS.Server();`;
    expect(uses(code)).toEqual(['limiter@3:1(0)', 'ws.Server@4:1(0)']);
  });

  it('follows aliases through const declarations', () => {
    const code = `import { rateLimit } from 'express-rate-limit';
import * as flexible from 'rate-limiter-flexible';
const make = rateLimit;
const { RateLimiterMemory: Memory } = flexible;
make();
new Memory();`;
    expect(uses(code)).toEqual(['limiter.rateLimit@5:1(0)', 'Memory@6:1(0)']);
  });

  it('ignores shadowed names and unrelated modules', () => {
    const code = `import { rateLimit } from './local-limiter.js';
import limiter from 'express-rate-limit';
rateLimit();
function handler(limiter: () => void) { limiter(); }`;
    expect(uses(code)).toEqual([]);
  });

  it('finds node built-ins with and without the node: prefix, and fs.promises', () => {
    const code = `import fs from 'node:fs';
import { writeFile } from 'fs';
import { promises } from 'node:fs';
fs.writeFile('a', 'b', () => {});
writeFile('c', 'd', () => {});
promises.writeFile('e', 'f');
fs.promises.writeFile('g', 'h');`;
    expect(uses(code)).toEqual(['fs.writeFile@4:1(3)', 'fs.writeFile@5:1(3)', 'fs.promises.writeFile@6:1(2)', 'fs.promises.writeFile@7:1(2)']);
  });

  it('finds globals, declared or not, and through globalThis, but not shadowed ones', () => {
    const code = `setInterval(tick, 1000);
globalThis.setInterval(tick, 2000);
function later(setInterval: (fn: () => void) => void) { setInterval(tick); }`;
    expect(uses(code)).toEqual(['setInterval@1:1(2)', 'setInterval@2:1(2)']);
  });

  it('finds plugins registered with their options: import, require, dynamic import, named export', () => {
    const code = `import rateLimit from '@fastify/rate-limit';
import { fastifyRateLimit } from '@fastify/rate-limit';
await fastify.register(rateLimit, { max: 1 });
fastify.register(rateLimit);
await fastify.register(import('@fastify/rate-limit'), { max: 1 });
await fastify.register(await import('@fastify/rate-limit'), { max: 1 });
fastify.register(fastifyRateLimit, { max: 1 }, extra);
fastify.use(rateLimit);
rateLimit(fastify, {});`;
    expect(uses(code)).toEqual([
      'fastify-plugin@3:7(1)',
      'fastify-plugin@4:1(0)',
      'fastify-plugin@5:7(1)',
      'fastify-plugin@6:7(1)',
      'fastify-plugin.named@7:1(2)',
    ]);
  });

  it('finds plugins registered through require and its properties', () => {
    const code = `const rateLimit = require('@fastify/rate-limit');
const { fastifyRateLimit } = require('@fastify/rate-limit');
fastify.register(rateLimit, { max: 1 });
fastify.register(require('@fastify/rate-limit'), { max: 1 });
fastify.register(require('@fastify/rate-limit').fastifyRateLimit, { max: 1 });
fastify.register(fastifyRateLimit, { max: 1 });`;
    expect(uses(code, { sourceType: 'commonjs', filename: 'src/server.cjs' })).toEqual([
      'fastify-plugin@3:1(1)',
      'fastify-plugin@4:1(1)',
      'fastify-plugin.named@5:1(1)',
      'fastify-plugin.named@6:1(1)',
    ]);
  });

  it('works the same in .mjs, .cjs and .tsx files', () => {
    const esm = `import limiter from 'express-rate-limit';\nlimiter();`;
    expect(uses(esm, { filename: 'src/a.mjs' })).toEqual(['limiter@2:1(0)']);
    expect(uses(`const limiter = require('express-rate-limit');\nlimiter();`, { sourceType: 'commonjs', filename: 'src/a.cjs' })).toEqual(['limiter@2:1(0)']);
    expect(uses(`${esm}\nexport const View = () => <div>{String(limiter)}</div>;`, { filename: 'src/view.tsx' })).toEqual(['limiter@2:1(0)']);
  });

  it('returns uses in source order and caches them per file and table', () => {
    expect.assertions(2);
    const code = `import { rateLimit } from 'express-rate-limit';\nsetInterval(tick, 1);\nrateLimit();`;
    inspect(code, {}, (sourceCode) => {
      const first = findApiUses(sourceCode, table);
      expect(first.map((use) => use.item.name)).toEqual(['setInterval', 'limiter.rateLimit']);
      expect(findApiUses(sourceCode, table)).toBe(first);
    });
  });
});

/** Each module value reference as `text@line:column`. */
function values(code: string, ids: readonly string[], options: Options = {}, path: readonly string[] = []): string[] {
  return inspect(code, options, (sourceCode) =>
    moduleValueReferences(sourceCode, ids, path).map((node: TSESTree.Node) => `${sourceCode.getText(node)}@${node.loc.start.line}:${node.loc.start.column + 1}`),
  );
}

describe('moduleValueReferences', () => {
  it('finds reads of default, namespace and `default as` imports, not of named imports', () => {
    const code = `import plugin, * as ns from '@fastify/rate-limit';
import { default as again, fastifyRateLimit } from '@fastify/rate-limit';
use(plugin, ns, again, fastifyRateLimit);`;
    expect(values(code, ['@fastify/rate-limit'])).toEqual(['plugin@3:5', 'ns@3:13', 'again@3:17']);
  });

  it('finds require results: bound to a name, or used in place; not destructured ones', () => {
    const code = `const plugin = require('@fastify/rate-limit');
const { fastifyRateLimit } = require('@fastify/rate-limit');
use(plugin, require('@fastify/rate-limit'), fastifyRateLimit);`;
    expect(values(code, ['@fastify/rate-limit'], { sourceType: 'commonjs', filename: 'src/a.cjs' })).toEqual([
      'plugin@3:5',
      "require('@fastify/rate-limit')@3:13",
    ]);
    expect(values(code, ['@fastify/rate-limit'], { sourceType: 'script', filename: 'src/a.js' })).toHaveLength(2);
  });

  it('finds TS import-equals bindings', () => {
    expect(values(`import plugin = require('@fastify/rate-limit');\nuse(plugin);`, ['@fastify/rate-limit'])).toEqual(['plugin@2:5']);
  });

  it('with a path, finds the export it reaches: named import, destructured require, member of the module', () => {
    const code = `import plugin from '@fastify/rate-limit';
import { fastifyRateLimit as named } from '@fastify/rate-limit';
use(plugin.fastifyRateLimit, named, plugin.other);`;
    expect(values(code, ['@fastify/rate-limit'], {}, ['fastifyRateLimit'])).toEqual(['plugin.fastifyRateLimit@3:5', 'named@3:30']);
    const cjs = `const { fastifyRateLimit } = require('@fastify/rate-limit');
use(fastifyRateLimit, require('@fastify/rate-limit').fastifyRateLimit);`;
    expect(values(cjs, ['@fastify/rate-limit'], { sourceType: 'commonjs', filename: 'src/a.cjs' }, ['fastifyRateLimit'])).toEqual([
      "require('@fastify/rate-limit').fastifyRateLimit@2:23",
      'fastifyRateLimit@2:5',
    ]);
  });

  it('matches node built-ins with the node: prefix', () => {
    expect(values(`import fs from 'node:fs';\nuse(fs);`, ['fs'])).toEqual(['fs@2:5']);
    expect(moduleSpecifiers(['fs', 'ws'])).toEqual(['fs', 'node:fs', 'ws']);
  });
});

describe('globalReferences', () => {
  it('finds undeclared uses of a global, not a declared local of the same name', () => {
    const code = `require('a');
function inner() { require('b'); }
function shadow(require) { require('c'); }`;
    expect(inspect(code, { sourceType: 'script', filename: 'src/a.js' }, (sourceCode) => globalReferences(sourceCode, 'require').map((node) => node.loc.start.line))).toEqual([1, 2]);
  });
});
