/**
 * The rules against the conformance table (src/semantics/conformance-table.ts): every row the rules ask, linted by
 * ESLint's Linter with every rule of the plugin (flat config; @typescript-eslint/parser for .ts, espree for .js),
 * must give the table's answer. Rows without TypeScript syntax run as .ts and as .js.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checks, type CheckId } from '../src/catalog.js';
import { asks, conformanceTable, type HandlerRow, type ImportRow, type MutationRow, type Row } from '../src/semantics/conformance-table.js';
import { rules } from './index.js';

const cwd = '/project';
const linter = new Linter({ cwd });
const ruleIds = Object.keys(rules) as CheckId[];

function lint(code: string, file: string): Linter.LintMessage[] {
  const typescript = /\.[cm]?tsx?$/.test(file);
  const config: Linter.Config = {
    files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
    plugins: { stateless: { rules } as never },
    rules: Object.fromEntries(ruleIds.map((id) => [`stateless/${id}`, 'error'])),
    languageOptions: typescript ? { parser: tsParser as never, sourceType: 'module' } : { ecmaVersion: 'latest', sourceType: 'module' },
  };
  const messages = linter.verify(code, [config], { filename: path.join(cwd, file) });
  const linterMessage = messages.find((message) => message.ruleId === null);
  if (linterMessage) throw new Error(`${file}: ${linterMessage.message}`);
  return messages;
}

/** The module-state checks whose findings name the state (`{{name}}`). */
const namingMessages = new Set(ruleIds.flatMap((id) => Object.entries(checks[id].messages).filter(([, text]) => text.includes('{{name}}')).map(([messageId]) => `stateless/${id}:${messageId}`)));

/** The state a rule reports as changed while serving: the names in its findings. */
function changedState(messages: readonly Linter.LintMessage[]): string[] {
  return messages.filter((message) => namingMessages.has(`${message.ruleId}:${message.messageId}`)).map((message) => /`([^`]+)`/.exec(message.message)?.[1] ?? '?');
}

const writesDisk = (messages: readonly Linter.LintMessage[]) => messages.some((message) => message.ruleId === 'stateless/no-local-file-write' && message.messageId === 'fsWrite');

function files(row: MutationRow | ImportRow): string[] {
  return row.typescript ? ['src/state.ts'] : ['src/state.ts', 'src/state.js'];
}

const answer: { [T in Row['topic']]: (row: Extract<Row, { topic: T }>) => void } = {
  mutation(row) {
    for (const file of files(row)) {
      const changed = changedState(lint(row.code, file));
      expect(changed, `${file}:\n${row.code}`).toEqual(row.expected.mutates === false ? [] : [row.expected.mutates]);
    }
  },
  handler(row: HandlerRow) {
    expect(writesDisk(lint(row.code, row.file)), `${row.file}:\n${row.code}`).toBe(row.expected.handler);
  },
  import(row) {
    for (const file of files(row)) expect(writesDisk(lint(row.code, file)), `${file}:\n${row.code}`).toBe(row.expected.calls !== false);
  },
  route(row) {
    // A route file's `GET` export handles requests, and an API page's default export: a disk write in them is reported.
    const write = "await writeFile('/tmp/out', 'x'); return new Response();";
    const routeExport = `import { writeFile } from 'fs';\nexport async function GET() { ${write} }\n`;
    const defaultExport = `import { writeFile } from 'fs';\nexport default async function save() { ${write} }\n`;
    expect(writesDisk(lint(routeExport, row.file)), `GET export in ${row.file}`).toBe(row.expected.route === 'route');
    expect(writesDisk(lint(defaultExport, row.file)), `default export in ${row.file}`).toBe(row.expected.route === 'api-page');
  },
};

describe.each(['mutation', 'handler', 'import', 'route'] as const)('%s rows', (topic) => {
  const rows = conformanceTable.filter((row) => row.topic === topic && asks(row, 'rules'));
  it.each(rows.map((row) => [row.id, row] as const))('%s', (_id, row) => {
    (answer[topic] as (row: Row) => void)(row);
  });
});

it('asks every row, or says why not', () => {
  const skipped = conformanceTable.filter((row) => !asks(row, 'rules')).map((row) => `${row.id}: ${row.notAskedBy!.rules}`);
  expect(skipped).toEqual([]);
});
