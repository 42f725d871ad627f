/**
 * The codemods' kit against the conformance table (src/semantics/conformance-table.ts): every row the kit asks goes
 * through the predicates the codemods decide with, parsed as the codemods parse (`ts` for .ts, `tsx` for .js):
 * `handRolledState` (which module state is changed while serving: mutations, wrappers, lazy creation, start-up),
 * `RequestHandlers` (what runs per request, file-based routes included) and `ApiResolver` (import and require shapes).
 */
import type { ASTPath } from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { moduleSpecifiers } from '../../src/knowledge/module-names.js';
import { asks, conformanceTable, type HandlerRow, type ImportRow, type MutationRow, type Row } from '../../src/semantics/conformance-table.js';
import { ApiResolver } from './api-sites.js';
import { RequestHandlers } from './handlers.js';
import { handRolledState } from './module-state.js';
import { jscodeshiftFor } from './parser.js';

function parse(code: string, file: string) {
  const j = jscodeshiftFor(file);
  return { j, root: j(code) };
}

function files(row: MutationRow | ImportRow): string[] {
  return row.typescript ? ['src/state.ts'] : ['src/state.ts', 'src/state.js'];
}

/** Whether the first `writeFile(…)` call of the file runs while a request is handled. */
function markerHandled(code: string, file: string): boolean {
  const { j, root } = parse(code, file);
  const [marker] = root.find(j.CallExpression, { callee: { type: 'Identifier', name: 'writeFile' } }).paths();
  if (!marker) throw new Error(`no marker in ${file}`);
  return new RequestHandlers(j, root, file).contains(marker as ASTPath);
}

/** The fs APIs the file calls: `writeFile` and `promises.writeFile` of `fs`. */
function fsCalls(code: string, file: string): string[] {
  const { j, root } = parse(code, file);
  const modules = moduleSpecifiers(['fs']);
  const resolver = new ApiResolver(j, root, modules);
  return [['writeFile'], ['promises', 'writeFile']]
    .filter((path) => resolver.sites(j, root, { modules, path, use: 'call' }).length > 0)
    .map((path) => path.join('.'));
}

const answer: { [T in Row['topic']]: (row: Extract<Row, { topic: T }>) => void } = {
  mutation(row) {
    for (const file of files(row)) {
      const { j, root } = parse(row.code, file);
      const changed = handRolledState(j, root).map((state) => state.name);
      expect(changed, `${file}:\n${row.code}`).toEqual(row.expected.mutates === false ? [] : [row.expected.mutates]);
    }
  },
  handler(row: HandlerRow) {
    expect(markerHandled(row.code, row.file), `${row.file}:\n${row.code}`).toBe(row.expected.handler);
  },
  import(row) {
    const expected = row.expected.calls === false ? [] : [row.expected.calls.path.join('.')];
    for (const file of files(row)) expect(fsCalls(row.code, file), `${file}:\n${row.code}`).toEqual(expected);
  },
  route(row) {
    const routeExport = "import { writeFile } from 'fs';\nexport async function GET() { await writeFile('/tmp/out', 'x'); return new Response(); }\n";
    const defaultExport = "import { writeFile } from 'fs';\nexport default async function save() { await writeFile('/tmp/out', 'x'); }\n";
    // The parser follows the extension; a Windows path's extension is read the same way.
    expect(markerHandled(routeExport, row.file), `GET export in ${row.file}`).toBe(row.expected.route === 'route');
    expect(markerHandled(defaultExport, row.file), `default export in ${row.file}`).toBe(row.expected.route === 'api-page');
  },
};

describe.each(['mutation', 'handler', 'import', 'route'] as const)('%s rows', (topic) => {
  const rows = conformanceTable.filter((row) => row.topic === topic && asks(row, 'codemods'));
  it.each(rows.map((row) => [row.id, row] as const))('%s', (_id, row) => {
    (answer[topic] as (row: Row) => void)(row);
  });
});

it('lists the rows the kit does not ask, each with why', () => {
  const skipped = conformanceTable.filter((row) => !asks(row, 'codemods')).map((row) => row.id);
  const handles = conformanceTable.filter((row) => row.id.startsWith('handle: ')).map((row) => row.id);
  expect(skipped).toEqual(['static field ++', 'singleton field through as', 'singleton field read', ...handles]);
});
