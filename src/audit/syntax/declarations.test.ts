// Which function a name or member access denotes, from the syntax and the module graph (no type checker).
import type { CallExpression, Node, SourceFile } from 'typescript';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../../test-support/temp-project.js';
import { createDeclarations } from './declarations.js';
import { lineOf } from './file-nodes.js';
import { calleesOf, functionOf } from './functions.js';
import { loadProject } from '../load/parse.js';
import { buildModuleGraph } from '../program/module-graph.js';
import { ts } from './typescript.js';

/**
 * Loads `files` and answers, for each call `probe(<expression>)` in src/main.ts, the name of the function
 * `<expression>` denotes (`file:line name`), or `-` when it denotes none of the project's.
 */
function resolvedProbes(files: Record<string, string>): string[] {
  return probeCallees(files).map((callees) => callees[0] ?? '-');
}

/** Like resolvedProbes, every function each probed expression may denote (`file:line name`, `via X.m` when through an interface or abstract member). */
function probeCallees(files: Record<string, string>): string[][] {
  const loaded = loadProject({ paths: [tempProject(files)] });
  const graph = buildModuleGraph(loaded);
  const relativeByPath = new Map(loaded.files.map((file) => [file.path, file.relative]));
  const relativeOf = (sourceFile: SourceFile) => relativeByPath.get(sourceFile.fileName);
  const declarations = createDeclarations({ relativeOf, sourceFile: loaded.sourceFile, resolve: graph.resolve, relatives: () => loaded.files.map((file) => file.relative) });
  const probes: CallExpression[] = [];
  const visit = (node: Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText() === 'probe') probes.push(node);
    ts.forEachChild(node, visit);
  };
  visit(loaded.sourceFile('src/main.ts')!);
  return probes.map((call) => {
    const callees = calleesOf(call.arguments[0]!, declarations);
    // functionOf is the first of them.
    expect(functionOf(call.arguments[0]!, declarations)).toBe(callees[0]?.fn);
    return callees.map(({ fn, via }) => {
      const holder = fn.parent;
      const name = ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) ? fn.name?.getText() : ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder) ? holder.name.getText() : 'anonymous';
      return `${relativeOf(fn.getSourceFile())}:${lineOf(fn)} ${name}${via ? ` via ${via}` : ''}`;
    });
  });
}

describe('what a name denotes', () => {
  it('follows named, default and namespace imports, re-exports and export *, to the implementation of an overloaded function', () => {
    expect(
      resolvedProbes({
        'src/main.ts': `import { save, renamed as alias } from './lib/index.js';\nimport load from './lib/load.js';\nimport * as lib from './lib/index.js';\ndeclare function probe(x: unknown): void;\nprobe(save);\nprobe(alias);\nprobe(load);\nprobe(lib.save);\nprobe(lib.starred);\n`,
        'src/lib/index.ts': `export { save } from './save.js';\nexport { original as renamed } from './save.js';\nexport * from './starred.js';\n`,
        'src/lib/save.ts': `export function save(): void;\nexport function save(name?: string) {}\nexport const original = () => 1;\n`,
        'src/lib/starred.ts': `export async function starred() {}\n`,
        'src/lib/load.ts': `const load = function () {};\nexport default load;\n`,
      }),
    ).toEqual(['src/lib/save.ts:2 save', 'src/lib/save.ts:3 original', 'src/lib/load.ts:1 load', 'src/lib/save.ts:2 save', 'src/lib/starred.ts:1 starred']);
  });

  it('follows CommonJS: module.exports objects, exports.x, destructured and plain require', () => {
    expect(
      resolvedProbes({
        'src/main.ts': `const { create, update: change } = require('./service.js');\nconst tools = require('./tools.js');\nconst handler = require('./handler.js');\ndeclare function probe(x: unknown): void;\nprobe(create);\nprobe(change);\nprobe(tools.helper);\nprobe(handler);\n`,
        'src/service.js': `function create() {}\nmodule.exports = {\n  create,\n  update: async function () {},\n};\n`,
        'src/tools.js': `exports.helper = (x) => x;\n`,
        'src/handler.js': `module.exports = function handle(req, res) {};\n`,
      }),
    ).toEqual(['src/service.js:1 create', 'src/service.js:4 update', 'src/tools.js:1 anonymous', 'src/handler.js:1 anonymous']);
  });

  it('finds methods of classes: instances, constructor parameter properties, this, object literals and extends', () => {
    expect(
      resolvedProbes({
        'src/main.ts': `import { CartService } from './cart.service.js';\nimport { store } from './store.js';\ndeclare function probe(x: unknown): void;\nconst carts = new CartService();\nclass CartController {\n  constructor(private readonly cartService: CartService) {}\n  handle() {\n    probe(this.cartService.add);\n    probe(this.handle);\n    probe(() => this.cartService.inherited);\n  }\n}\nprobe(carts.add);\nprobe(store.put);\nprobe(CartService.create);\n`,
        'src/cart.service.ts': `import { BaseService } from './base.js';\nexport class CartService extends BaseService {\n  static create() { return new CartService(); }\n  add(item: string) {}\n}\n`,
        'src/base.ts': `export class BaseService {\n  inherited() {}\n}\n`,
        'src/store.ts': `export const store = {\n  items: new Map(),\n  put(key: string) { this.items.set(key, 1); },\n};\n`,
      }),
    ).toEqual(['src/cart.service.ts:4 add', 'src/main.ts:7 handle', 'src/main.ts:10 anonymous', 'src/cart.service.ts:4 add', 'src/store.ts:3 put', 'src/cart.service.ts:3 create']);
  });

  it('reads type names apart from values: an interface beside a const of its name, type-only re-exports, namespaces, aliases and unions', () => {
    expect(
      probeCallees({
        'src/main.ts': `import type { Driver } from './types.js';\nimport type * as kinds from './kinds.js';\nimport type { AnyDriver } from './alias.js';\ndeclare function probe(x: unknown): void;\ndeclare const a: Driver;\ndeclare const b: kinds.Driver;\ndeclare const c: AnyDriver;\nprobe(a.save);\nprobe(b.save);\nprobe(c.save);\n`,
        'src/types.ts': `export type { Driver } from './driver.js';\n`,
        'src/kinds.ts': `export * from './driver.js';\n`,
        'src/alias.ts': `import type { Driver } from './driver.js';\nimport type { Other } from './other.js';\nexport type AnyDriver = Driver | Other;\n`,
        'src/driver.ts': `export const Driver = { save() {} };\nexport interface Driver {\n  save(): void;\n}\n`,
        'src/disk.ts': `import { Driver } from './driver.js';\nexport class Disk implements Driver {\n  save() {}\n}\nexport const drivers = [Disk];\n`,
        'src/other.ts': `export abstract class Other {\n  abstract save(): void;\n}\nexport class Memory extends Other {\n  save() {}\n}\nexport const memory = new Memory();\n`,
      }),
    ).toEqual([['src/disk.ts:3 save via Driver.save'], ['src/disk.ts:3 save via Driver.save'], ['src/disk.ts:3 save via Driver.save', 'src/other.ts:5 save via Other.save']]);
  });

  it('gives every candidate of a value chosen at run time, in order, and no class beyond what is assigned', () => {
    expect(
      probeCallees({
        'src/main.ts': `import { pick, Service } from './service.js';\ndeclare function probe(x: unknown): void;\nconst chosen = Math.random() ? pick('a') : undefined;\nprobe(chosen?.run);\nprobe((chosen ?? new Service()).run);\nprobe(new Service().worker.run);\n`,
        'src/service.ts': `class A {\n  run() {}\n}\nclass B {\n  run() {}\n}\nexport function pick(kind: string) {\n  if (kind === 'a') return new A();\n  return new B();\n}\nexport class Service {\n  worker;\n  constructor() {\n    this.worker = new B();\n  }\n  run() {}\n}\n`,
      }),
    ).toEqual([['src/service.ts:2 run', 'src/service.ts:5 run'], ['src/service.ts:2 run', 'src/service.ts:5 run', 'src/service.ts:16 run'], ['src/service.ts:5 run']]);
  });

  it('respects scopes: a parameter shadows an import, var is hoisted, libraries and unknowns lead nowhere', () => {
    expect(
      resolvedProbes({
        'src/main.ts': `import express from 'express';\nimport { save } from './save.js';\ndeclare function probe(x: unknown): void;\nfunction shadowed(save: () => void) {\n  probe(save);\n}\nif (Math.random()) {\n  var hoisted = function later() {};\n}\nprobe(hoisted);\nprobe(express.json);\nprobe(console.log);\nprobe(missing);\nprobe(save);\n`,
        'src/save.ts': `export function save() {}\n`,
      }),
    ).toEqual(['-', 'src/main.ts:8 hoisted', '-', '-', '-', 'src/save.ts:1 save']);
  });
});
