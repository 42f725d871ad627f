// Deeply nested code (generated or minified) must not crash the audit with a stack overflow: each such file
// becomes one `too-deep` diagnostic naming the file and line, and every other file is audited as before.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BinaryExpression, VariableStatement } from 'typescript';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../test-support/temp-project.js';
import { audit } from './audit.js';
import { fileBindings } from './syntax/bindings.js';
import { createDeclarations } from './syntax/declarations.js';
import { callsWithin, functionsIn, identifiersNamed, lineOf, nestingOf } from './syntax/file-nodes.js';
import { parseSource } from './load/parse.js';
import type { AuditResult, Diagnostic } from './model.js';
import { runRules } from './rules/rule-findings.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A timer on line 1 (a finding, were the file audited), then the deep construct on line 2 or 3. */
const timer = 'export const timer = setInterval(() => {}, 1000);\n';
const deepFiles: Record<string, string> = {
  'src/deep/concat.ts': `${timer}export const s = ${Array(3000).fill("'a'").join(' +\n')};\n`,
  'src/deep/parens.ts': `${timer}export const p = ${'('.repeat(1000)}1${')'.repeat(1000)};\n`,
  'src/deep/arrays.ts': `${timer}export const a = ${'['.repeat(1000)}1${']'.repeat(1000)};\n`,
  'src/deep/else-if.ts': `${timer}export function pick(x: number) {\n  ${Array.from({ length: 3000 }, (_, i) => `if (x === ${i}) return ${i};`).join(' else\n  ')}\n  return -1;\n}\n`,
  'src/deep/calls.ts': `${timer}export const c = (globalThis as any)${'\n  .b()'.repeat(3000)};\n`,
  'src/deep/members.ts': `${timer}export const m = (globalThis as any)${'\n  .b'.repeat(3000)};\n`,
};
/** Where each file is too deep. */
const deepLines: Record<string, number> = {
  'src/deep/concat.ts': 2,
  'src/deep/parens.ts': 2,
  'src/deep/arrays.ts': 2,
  'src/deep/else-if.ts': 3002,
  'src/deep/calls.ts': 2,
  'src/deep/members.ts': 2,
};

const server = `import express from 'express';\n${Object.keys(deepFiles)
  .map((file) => `import './${path.posix.relative('src', file).replace(/\.ts$/, '.js')}';\n`)
  .join('')}import './shallow.js';\nconst app = express();\nsetInterval(() => {}, 1000);\napp.listen(3000);\n`;
/** Nested, but not too deep to audit: its finding stays. */
const shallow = `${timer}export const s = ${Array(200).fill("'a'").join(' + ')};\nexport const p = ${'('.repeat(100)}1${')'.repeat(100)};\n`;

function project(extra: Record<string, string> = {}): string {
  return tempProject({ 'src/server.ts': server, 'src/shallow.ts': shallow, ...deepFiles, ...extra });
}

function expectTooDeepReport(result: AuditResult): void {
  expect(result.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual([
    'src/server.ts:10 no-timers-in-web-process',
    'src/shallow.ts:1 no-timers-in-web-process',
  ]);
  expect(result.diagnostics.map(({ severity, code, file, line }) => ({ severity, code, file, line }))).toEqual(
    Object.keys(deepFiles)
      .sort()
      .map((file) => ({ severity: 'warning', code: 'too-deep', file, line: deepLines[file] })),
  );
  for (const diagnostic of result.diagnostics) {
    expect(diagnostic.message).toMatch(new RegExp(`^${diagnostic.file}:${diagnostic.line}: .*nested too deeply.*; the file is not audited$`));
    expect(diagnostic.message).not.toContain('\n');
  }
}

describe('deeply nested files', () => {
  it('each become one too-deep diagnostic, and the other files are audited as before', async () => {
    expectTooDeepReport(await audit({ paths: [project()] }));
  });

  it('give the same report with the rules in worker threads', async () => {
    process.env['STATELESS_WORKERS'] = '2';
    try {
      expectTooDeepReport(await audit({ paths: [project()] }));
    } finally {
      delete process.env['STATELESS_WORKERS'];
    }
  });
});

describe('the rules in the audit, as a worker runs them', () => {
  it('turn a file they run out of stack on into a too-deep diagnostic at its deepest line, and check the others', () => {
    const root = tempProject({});
    const deep = { path: `${root}/src/deep.ts`, relative: 'src/deep.ts', text: `${timer}export const s = ${Array(10_000).fill("'a'").join(' + ')};\n` };
    const other = { path: `${root}/src/other.ts`, relative: 'src/other.ts', text: timer };
    const diagnostics: Diagnostic[] = [];
    const run = runRules(root, [deep, other], { ignore: [], entries: [], workers: [], off: [] }, diagnostics);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'too-deep', file: 'src/deep.ts', line: 2 })]);
    expect([...run.unparsable]).toEqual(['src/deep.ts']);
    expect(run.hits.map((hit) => `${hit.file}:${hit.line} ${hit.ruleId}`)).toEqual(['src/other.ts:1 no-timers-in-web-process']);
  });
});

describe('stateless audit on deeply nested files', () => {
  const stateless = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli.ts'), ...args], { cwd: repoRoot, encoding: 'utf8' });

  it('exits 1 on the other files’ findings, with the diagnostics in the JSON report and no stack trace', () => {
    const { status, stdout, stderr } = stateless('audit', project(), '--format', 'json');
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expectTooDeepReport(JSON.parse(stdout) as AuditResult);
  });

  it('exits 0 when nothing else is found', () => {
    const dir = tempProject({
      'src/server.ts': `import express from 'express';\nimport './deep.js';\nexpress().listen(3000);\n`,
      'src/deep.ts': deepFiles['src/deep/concat.ts']!.replace(timer, ''),
    });
    const { status, stdout, stderr } = stateless('audit', dir, '--format', 'json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as AuditResult).diagnostics).toEqual([expect.objectContaining({ code: 'too-deep', file: 'src/deep.ts', line: 1 })]);
  });
});

describe('the audit’s own walks', () => {
  // The compiler parses binary expressions and member chains without recursion, so it gives trees far deeper than
  // the audit analyzes; the audit's walks must measure and list them without running out of stack either.
  const terms = 10_000;
  const text = `import fs = require('fs');\nvar v = 1;\nconst write = fs${'.promises'.repeat(terms)}.writeFile;\nexport const s = ${Array(terms).fill("f('a')").join(' + ')} + v;\nfunction f(x: string) { return x; }\n`;

  it('measure the nesting and list calls and functions', () => {
    const sourceFile = parseSource('/deep.ts', text);
    expect(nestingOf(sourceFile).depth).toBeGreaterThan(terms);
    expect(functionsIn(sourceFile)).toHaveLength(1);
    expect(callsWithin(sourceFile.statements[3]!)).toHaveLength(terms);
  });

  it('resolve module bindings through a long member chain', () => {
    expect(fileBindings(parseSource('/deep.ts', text)).get('write')).toEqual({ module: 'fs', path: Array(terms).fill('promises').concat('writeFile') });
  });

  it('find the declaration of a name, reading the hoisted `var`s of a file that nests deeply', () => {
    const sourceFile = parseSource('/deep.ts', text);
    const statement = sourceFile.statements[3] as VariableStatement;
    const use = (statement.declarationList.declarations[0]!.initializer as BinaryExpression).right;
    const declarations = createDeclarations({ relativeOf: () => 'deep.ts', sourceFile: () => sourceFile, resolve: () => undefined });
    expect(declarations.of(use).map((found) => found.getText())).toEqual(['v = 1']);
  });

  it('find the identifiers of a name', () => {
    expect(identifiersNamed(parseSource('/deep.ts', text), 'write').map(lineOf)).toEqual([3]);
  });
});
