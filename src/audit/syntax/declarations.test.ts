// Which function a name or member access denotes, from the syntax and the module graph (no type checker).
import type { CallExpression, Node, SourceFile } from 'typescript';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../../test-support/temp-project.js';
import { createDeclarations } from './declarations.js';
import { lineOf } from './file-nodes.js';
import { functionOf } from './functions.js';
import { loadProject } from '../load/parse.js';
import { buildModuleGraph } from '../program/module-graph.js';
import { ts } from './typescript.js';

/**
 * Loads `files` and answers, for each call `probe(<expression>)` in src/main.ts, the name of the function
 * `<expression>` denotes (`file:line name`), or `-` when it denotes none of the project's.
 */
function resolvedProbes(files: Record<string, string>): string[] {
  const loaded = loadProject({ paths: [tempProject(files)] });
  const graph = buildModuleGraph(loaded);
  const relativeByPath = new Map(loaded.files.map((file) => [file.path, file.relative]));
  const relativeOf = (sourceFile: SourceFile) => relativeByPath.get(sourceFile.fileName);
  const declarations = createDeclarations({ relativeOf, sourceFile: loaded.sourceFile, resolve: graph.resolve });
  const probes: CallExpression[] = [];
  const visit = (node: Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText() === 'probe') probes.push(node);
    ts.forEachChild(node, visit);
  };
  visit(loaded.sourceFile('src/main.ts')!);
  return probes.map((call) => {
    const fn = functionOf(call.arguments[0]!, declarations);
    if (!fn) return '-';
    const holder = fn.parent;
    const name = ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) ? fn.name?.getText() : ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder) ? holder.name.getText() : 'anonymous';
    return `${relativeOf(fn.getSourceFile())}:${lineOf(fn)} ${name}`;
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

  it('respects scopes: a parameter shadows an import, var is hoisted, libraries and unknowns lead nowhere', () => {
    expect(
      resolvedProbes({
        'src/main.ts': `import express from 'express';\nimport { save } from './save.js';\ndeclare function probe(x: unknown): void;\nfunction shadowed(save: () => void) {\n  probe(save);\n}\nif (Math.random()) {\n  var hoisted = function later() {};\n}\nprobe(hoisted);\nprobe(express.json);\nprobe(console.log);\nprobe(missing);\nprobe(save);\n`,
        'src/save.ts': `export function save() {}\n`,
      }),
    ).toEqual(['-', 'src/main.ts:8 hoisted', '-', '-', '-', 'src/save.ts:1 save']);
  });
});
