import { describe, expect, it } from 'vitest';
import { sessionRedis } from '../session-redis/index.js';
import { ensureImport } from './imports.js';
import { jscodeshiftFor } from './parser.js';
import { runCodemod } from './run.js';
import { detectStyle } from './style.js';

function withImport(file: string, source: string): string {
  const j = jscodeshiftFor(file);
  const root = j(source);
  ensureImport(j, root, detectStyle(file, source), { module: 'node:path', imported: 'default', local: 'path' });
  return root.toSource({ quote: 'single', reuseWhitespace: true });
}

describe('one parser family', () => {
  it('reads JavaScript, JSX included, with the TypeScript+JSX parser', () => {
    const j = jscodeshiftFor('src/app.jsx');
    const root = j("'use client';\nconst el = <div a={1} />;\nexport default () => el;\n");
    expect(root.find(j.Program).nodes()[0]!.body.map((statement) => statement.type)).toEqual(['ExpressionStatement', 'VariableDeclaration', 'ExportDefaultDeclaration']);
    expect(root.find(j.JSXElement).size()).toBe(1);
  });

  it.each(['src/a.ts', 'src/a.js'])('keeps a directive as written when %s gets a statement before the rest', (file) => {
    const source = "'use strict';\n\nfoo();\n";
    const esm = file.endsWith('.ts');
    // Babel's own directives printed as `'use strict';;` with the blank line lost (in .ts files before this parser).
    expect(withImport(file, source)).toBe(esm ? "'use strict';\n\nimport path from 'node:path';\n\nfoo();\n" : "'use strict';\n\nconst path = require('node:path');\n\nfoo();\n");
  });

  it('skips a JavaScript file it cannot read, saying why, and leaves it as it was', () => {
    const source = "// @flow\nconst session = require('express-session');\nfunction f(x: ?number) { return x; }\n";
    const outcome = runCodemod(sessionRedis, { file: '/project/src/app.js', source, adapterDir: '/project/src/stateless', appName: 'shop' });
    expect(outcome.source).toBe(source);
    expect(outcome.changed).toBe(false);
    expect(outcome.skips).toHaveLength(1);
    expect(outcome.skips[0]).toMatchObject({ reason: 'unparsable', line: 3 });
    expect(String(outcome.skips[0]!.detail.error)).toMatch(/Flow annotations are not supported/);
  });
});
