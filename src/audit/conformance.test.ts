/**
 * The audit against the conformance table (src/semantics/conformance-table.ts), as rules/conformance.test.ts holds
 * the rules and codemods/kit/conformance.test.ts the codemods' kit to it. Every row the audit asks must give the
 * table's answer:
 * - mutation rows: the audit of a project holding each row as a file (the whole-file result: the rules' pass in the
 *   workers, merged with the cross-file stages); the same row split in two files, the state exported by one and
 *   changed through an import in the other (what only `sharedModuleState` sees); and `mutationAt` on compiler nodes
 *   giving the rules' answer on ESTree nodes for every reference;
 * - handler rows: the handlers `findHandlers` finds and the functions reachability reaches from them;
 * - import rows: `fileBindings` + `calleeTarget` + `matchesApi`, what the reachable-writes detector matches with;
 * - route rows: `nextConventions`, the handlers it makes, and the web process `findProcesses` starts for it.
 * Rows without TypeScript syntax run as .ts and as .js.
 */
import { parse, simpleTraverse, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { CallExpression, Node, SourceFile } from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { climbNodes as ruleClimb } from '../../rules/kit/mutations.js';
import { checks, type CheckId } from '../catalog.js';
import { asks, conformanceTable, type HandlerRow, type ImportRow, type MutationRow, type Row, type RouteRow } from '../semantics/conformance-table.js';
import { mutationAt as sharedMutationAt } from '../semantics/mutations.js';
import { tempProject } from '../test-support/temp-project.js';
import { audit } from './audit.js';
import { calleeTarget, fileBindings, matchesApi } from './syntax/bindings.js';
import { createDeclarations } from './syntax/declarations.js';
import { mutationAt } from './detectors/shared-module-state.js';
import { identifiersNamed } from './syntax/file-nodes.js';
import { findHandlers, nextConventions } from './program/handlers.js';
import { parseProject, parseSource } from './load/parse.js';
import type { Finding } from './model.js';
import { buildModuleGraph } from './program/module-graph.js';
import { findProcesses } from './program/processes.js';
import { reachFromHandlers } from './program/reachability.js';
import { readProject } from './load/read-project.js';
import { ts } from './syntax/typescript.js';

const asked = <T extends Row['topic']>(topic: T) => conformanceTable.filter((row): row is Extract<Row, { topic: T }> => row.topic === topic && asks(row, 'audit'));

function extensions(row: MutationRow | ImportRow): string[] {
  return row.typescript ? ['ts'] : ['ts', 'js'];
}

/** The messages that name the state (`{{name}}`), as patterns that give the name back from a finding's message. */
const namingPatterns = (Object.keys(checks) as CheckId[]).flatMap((id) =>
  Object.values(checks[id].messages)
    .filter((text) => text.includes('{{name}}'))
    .map((text) => ({ id, pattern: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{name\\\}\\\}/g, '(.+?)').replace(/\\\{\\\{\w+\\\}\\\}/g, '.*?')}$`, 's') })),
);

/** The state the audit reports as changed in `file`: the names in its findings. */
function changedState(findings: readonly Finding[], file: string): string[] {
  return findings
    .filter((finding) => finding.file === file)
    .flatMap((finding) => namingPatterns.filter(({ id }) => id === finding.ruleId).flatMap(({ pattern }) => pattern.exec(finding.message)?.[1] ?? []))
    .slice(0, 1);
}

/** The row split in two: the state exported by `state.<ext>`, the rest in `use.<ext>` importing it; undefined when its state is no module-level variable. */
function split(row: MutationRow, ext: string): Record<string, string> | undefined {
  const source = ts.createSourceFile(`row.${ext}`, row.code, ts.ScriptTarget.Latest, true);
  const [first] = source.statements;
  if (!first || !ts.isVariableStatement(first) || first.declarationList.declarations.length !== 1) return undefined;
  const { name } = first.declarationList.declarations[0]!;
  if (!ts.isIdentifier(name)) return undefined;
  return {
    [`state.${ext}`]: `export ${row.code.slice(first.getStart(source), first.end)}\n`,
    [`use.${ext}`]: `import { ${name.text} } from './state.js';\n${row.code.slice(first.end).trimStart()}`,
  };
}

describe('mutation rows', () => {
  const rows = asked('mutation');
  const wholeFiles: Record<string, string> = {};
  const splitFiles: Record<string, string> = {};
  rows.forEach((row, index) => {
    for (const ext of extensions(row)) {
      wholeFiles[`rows/${index}.${ext}`] = row.code;
      for (const [file, text] of Object.entries(split(row, ext) ?? {})) splitFiles[`split/${index}-${ext}/${file}`] = text;
    }
  });
  // One web process imports them all (a row's `listen()` call would otherwise make its own file the only entry).
  const uses = Object.keys(splitFiles).filter((file) => /\/use\.\w+$/.test(file));
  splitFiles['server.ts'] = `${uses.map((file) => `import './${file.replace(/\.ts$/, '.js')}';\n`).join('')}app.listen(3000);\n`;
  let whole: Finding[] = [];
  let crossFile: Finding[] = [];
  beforeAll(async () => {
    whole = (await audit({ paths: [tempProject(wholeFiles)] })).findings;
    crossFile = (await audit({ paths: [tempProject(splitFiles)] })).findings;
  }, 120_000);

  const cases = rows.map((row, index) => [row.id, row, index] as const);
  it.each(cases)('%s: the audit of the file names it', (_id, row, index) => {
    for (const ext of extensions(row)) {
      expect(changedState(whole, `rows/${index}.${ext}`), `${ext}:\n${row.code}`).toEqual(row.expected.mutates === false ? [] : [row.expected.mutates]);
    }
  });

  it.each(cases.filter(([, row]) => split(row, 'ts')))('%s: changed through an import, sharedModuleState names it', (_id, row, index) => {
    for (const ext of extensions(row)) {
      const files = split(row, ext)!;
      expect(changedState(crossFile, `split/${index}-${ext}/state.${ext}`), Object.values(files).join('\n---\n')).toEqual(row.expected.mutates === false ? [] : [row.expected.mutates]);
    }
  });

  it('splits every row whose state is a module-level variable; class fields stay in their file', () => {
    expect(rows.filter((row) => !split(row, 'ts')).map((row) => row.id)).toEqual(['static field ++', 'singleton field through as', 'singleton field read']);
  });

  it.each(cases)('%s: mutationAt answers as the rules do at every reference', (_id, row) => {
    for (const ext of extensions(row)) {
      const source = parseSource(`/project/row.${ext}`, row.code);
      const estree = parse(row.code, { range: true, jsx: false });
      simpleTraverse(estree, { enter: () => undefined }, true);
      const byStart = new Map<number, TSESTree.Node>();
      simpleTraverse(estree, { enter: (node) => void (node.type === 'Identifier' && byStart.set(node.range[0], node)) });
      for (const name of ['store', 'total', 'user', 'client', 'hits', 'seen']) {
        for (const reference of identifiersNamed(source, name)) {
          const twin = byStart.get(reference.getStart(source));
          if (!twin) continue;
          expect(mutationAt(reference), `${name} at ${reference.getStart(source)} in\n${row.code}`).toBe(sharedMutationAt(twin, ruleClimb));
        }
      }
    }
  });
});

/** The audit's stages up to reachability on a project of `files`, as analyzeWholeProgram runs them. */
function stages(files: Record<string, string>) {
  const loaded = parseProject(readProject({ paths: [tempProject(files)] }));
  const graph = buildModuleGraph(loaded);
  const processes = findProcesses(loaded, graph, () => false, []);
  const relativeByPath = new Map(loaded.files.map((file) => [file.path, file.relative]));
  const relativeOf = (sourceFile: SourceFile) => relativeByPath.get(sourceFile.fileName);
  const declarations = createDeclarations({ relativeOf, sourceFile: loaded.sourceFile, resolve: graph.resolve });
  const handlers = findHandlers(
    loaded.files.map((file) => ({ relative: file.relative, sourceFile: loaded.sourceFile(file.relative)! })),
    declarations,
  );
  return { loaded, processes, handlers, reach: reachFromHandlers(handlers, relativeOf, declarations) };
}

/** The calls of a file, in source order. */
function callsOf(source: SourceFile): CallExpression[] {
  const calls: CallExpression[] = [];
  const visit = (node: Node): void => {
    if (ts.isCallExpression(node)) calls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

/** Whether the first `writeFile(…)` call of `file` runs while a request is handled: in a function reached from a handler. */
function markerHandled(files: Record<string, string>, file: string): boolean {
  const { loaded, reach } = stages(files);
  const source = loaded.sourceFile(file.replaceAll('\\', '/')) ?? loaded.sourceFile(file)!;
  const marker = callsOf(source).find((call) => ts.isIdentifier(call.expression) && call.expression.text === 'writeFile');
  if (!marker) throw new Error(`no marker in ${file}`);
  return reach.reachedFunctionOf(marker) !== undefined;
}

describe('handler rows', () => {
  it.each(asked('handler').map((row) => [row.id, row] as const))('%s', (_id, row: HandlerRow) => {
    expect(markerHandled({ [row.file]: row.code }, row.file), `${row.file}:\n${row.code}`).toBe(row.expected.handler);
  });
});

describe('import rows', () => {
  /** The fs APIs the file calls: `writeFile` and `promises.writeFile` of `fs`. */
  function fsCalls(code: string, ext: string): string[] {
    const source = parseSource(`/project/state.${ext}`, code);
    const bindings = fileBindings(source);
    const targets = callsOf(source).flatMap((call) => calleeTarget(call.expression, bindings) ?? []);
    return [['writeFile'], ['promises', 'writeFile']]
      .filter((path) => targets.some((target) => matchesApi(target, { modules: ['fs'], path, use: 'call' })))
      .map((path) => path.join('.'));
  }

  it.each(asked('import').map((row) => [row.id, row] as const))('%s', (_id, row: ImportRow) => {
    const expected = row.expected.calls === false ? [] : [row.expected.calls.path.join('.')];
    for (const ext of extensions(row)) expect(fsCalls(row.code, ext), `${ext}:\n${row.code}`).toEqual(expected);
  });
});

describe('route rows', () => {
  const write = "await writeFile('/tmp/out', 'x'); return new Response();";
  const routeExport = `import { writeFile } from 'fs';\nexport async function GET() { ${write} }\n`;
  const defaultExport = `import { writeFile } from 'fs';\nexport default async function save() { ${write} }\n`;

  it.each(asked('route').map((row) => [row.id, row] as const))('%s', (_id, row: RouteRow) => {
    const conventions = nextConventions(row.file, ts.createSourceFile('route.ts', routeExport, ts.ScriptTarget.Latest, true));
    expect({ route: conventions.isRouteFile, apiPage: conventions.isApiPage }).toEqual({ route: row.expected.route === 'route', apiPage: row.expected.route === 'api-page' });
    // A route file's `GET` export handles requests, and an API page's default export; either file starts a web process.
    expect(markerHandled({ [row.file]: routeExport }, row.file), `GET export in ${row.file}`).toBe(row.expected.route === 'route');
    expect(markerHandled({ [row.file]: defaultExport }, row.file), `default export in ${row.file}`).toBe(row.expected.route === 'api-page');
    const { processes } = stages({ [row.file]: defaultExport, 'src/other.ts': 'export const x = 1;\n' });
    expect(processes.webEntries.length > 0, `web entry ${row.file}`).toBe(row.expected.route !== false);
  });
});

it('asks every row, or says why not', () => {
  const skipped = conformanceTable.filter((row) => !asks(row, 'audit')).map((row) => `${row.id}: ${row.notAskedBy!.audit}`);
  expect(skipped).toEqual([]);
});
