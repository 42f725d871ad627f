// Every knowledge row that names a message names one its check has in the catalog: a row with a typo'd or removed
// message id would make a rule throw at its first report, on a user's code. Every row has an id of its own, every
// id a codemod names exists, and every export of src/knowledge is read by something that ships.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { checks, type CheckId } from '../catalog.js';
import * as knowledge from './index.js';
import { patternsById } from './patterns.js';

interface MessageUse {
  where: string;
  check: string;
  messageId: string;
}

/** Every `{ check, messageId | optionalMessageId }` found in the exported tables, with where it was found. */
function messageUses(value: unknown, where: string, found: MessageUse[], seen: Set<unknown>): MessageUse[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return found;
  seen.add(value);
  const row = value as Record<string, unknown>;
  if (typeof row['check'] === 'string') {
    for (const key of ['messageId', 'optionalMessageId']) {
      if (typeof row[key] === 'string') found.push({ where, check: row['check'], messageId: row[key] });
    }
  }
  for (const [key, inner] of Object.entries(row)) messageUses(inner, `${where}.${key}`, found, seen);
  return found;
}

/** Every row `{ id, … }` found in the exported tables, with where it was found (a row reached twice counts once). */
function rowIds(value: unknown, where: string, found: { id: string; where: string }[], seen: Set<unknown>): { id: string; where: string }[] {
  if (value === null || typeof value !== 'object' || seen.has(value) || globalSeen.has(value)) return found;
  seen.add(value);
  globalSeen.add(value);
  const row = value as Record<string, unknown>;
  if (typeof row['id'] === 'string') found.push({ id: row['id'], where });
  for (const [key, inner] of Object.entries(row)) rowIds(inner, `${where}.${key}`, found, seen);
  return found;
}
const globalSeen = new Set<unknown>();

/** Every `.ts` file under `dir` that is not a test, a declaration file or test support, as project-relative paths. */
function projectFiles(dir: string): string[] {
  return readdirSync(path.join(projectRoot, dir), { recursive: true, encoding: 'utf8' })
    .map((file) => path.posix.join(dir, file.split(path.sep).join('/')))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts') && !file.includes('node_modules/') && !file.startsWith('src/test-support/'));
}
const projectRoot = path.resolve(import.meta.dirname, '../..');

interface ModuleFacts {
  /** Values the file declares and exports (types are no rows). */
  exports: string[];
  /** What it takes from other files: by resolved path, the names, or `*` for a namespace import or `export *`. */
  uses: { file: string; names: string[] | '*'; forwardOnly: boolean }[];
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

/** The value exports and the relative imports of one file's text. */
function moduleFacts(file: string, text: string): ModuleFacts {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  const facts: ModuleFacts = { exports: [], uses: [] };
  const resolve = (specifier: ts.Expression) => {
    if (!ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return undefined;
    return path.posix.join(path.posix.dirname(file), specifier.text.replace(/\.js$/, '.ts'));
  };
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) facts.exports.push(declaration.name.text);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && isExported(statement) && statement.name) {
      facts.exports.push(statement.name.text);
    } else if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) {
      const target = resolve(statement.moduleSpecifier);
      const clause = statement.importClause;
      if (!target || !clause) continue;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) facts.uses.push({ file: target, names: '*', forwardOnly: false });
      const names = bindings && ts.isNamedImports(bindings) ? bindings.elements.filter((element) => !element.isTypeOnly).map((element) => (element.propertyName ?? element.name).text) : [];
      if (clause.name) names.push('default');
      if (names.length > 0) facts.uses.push({ file: target, names, forwardOnly: false });
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier) {
      const target = resolve(statement.moduleSpecifier);
      const clause = statement.exportClause;
      if (!target) continue;
      if (!clause) facts.uses.push({ file: target, names: '*', forwardOnly: true });
      else if (ts.isNamedExports(clause)) facts.uses.push({ file: target, names: clause.elements.filter((element) => !element.isTypeOnly).map((element) => (element.propertyName ?? element.name).text), forwardOnly: false });
    }
  }
  return facts;
}

/**
 * The value exports of src/knowledge that nothing reads, as `file: name`. Read means imported (or re-exported) by a
 * file outside src/knowledge that is no test, directly or through the index's `export *`; or imported by a knowledge
 * file some of whose exports are read (a table built from another table reads it).
 */
function unreadKnowledge(texts: ReadonlyMap<string, string>): string[] {
  const facts = new Map([...texts].map(([file, text]) => [file, moduleFacts(file, text)]));
  const knowledgeFiles = [...facts.keys()].filter((file) => file.startsWith('src/knowledge/'));
  const read = new Set<string>();
  /** Marks `name` of `file` read, following `export *` of a file that does not declare it (the index). */
  const mark = (file: string, name: string, depth = 0): void => {
    const target = facts.get(file);
    if (!target || depth > 4) return;
    if (target.exports.includes(name)) read.add(`${file}: ${name}`);
    else for (const use of target.uses) if (use.forwardOnly) mark(use.file, name, depth + 1);
  };
  const markUse = (use: ModuleFacts['uses'][number]) => {
    if (!use.file.startsWith('src/knowledge/') || use.forwardOnly) return;
    if (use.names !== '*') for (const name of use.names) mark(use.file, name);
    else for (const name of facts.get(use.file)?.exports ?? []) mark(use.file, name);
  };
  for (const [file, { uses }] of facts) if (!file.startsWith('src/knowledge/')) uses.forEach(markUse);
  for (let before = -1; before !== read.size; ) {
    before = read.size;
    for (const file of knowledgeFiles) if ([...read].some((entry) => entry.startsWith(`${file}: `))) facts.get(file)!.uses.forEach(markUse);
  }
  return knowledgeFiles.flatMap((file) => facts.get(file)!.exports.map((name) => `${file}: ${name}`)).filter((entry) => !read.has(entry));
}

describe('the knowledge tables', () => {
  const uses = Object.entries(knowledge).flatMap(([name, value]) => messageUses(value, name, [], new Set()));

  it('name rows by (check, message) pairs; there are many', () => {
    expect(uses.length).toBeGreaterThan(50);
    // Every check with library knowledge; no-module-state judges hand-rolled state (classifyState), no library rows.
    expect(new Set(uses.map((use) => use.check))).toEqual(new Set(Object.keys(checks).filter((id) => id !== 'no-module-state')));
  });

  it('name only checks and messages the catalog has', () => {
    const missing = uses.filter((use) => !(use.check in checks) || !(use.messageId in checks[use.check as CheckId].messages));
    expect(missing.map((use) => `${use.where}: ${use.check}/${use.messageId}`)).toEqual([]);
  });

  it('give every row an id no other row of any table has', () => {
    const ids = Object.entries(knowledge).flatMap(([name, value]) => rowIds(value, name, [], new Set()));
    expect(ids.length).toBeGreaterThan(200);
    const counts = new Map<string, string[]>();
    for (const { id, where } of ids) counts.set(id, [...(counts.get(id) ?? []), where]);
    expect([...counts].filter(([, where]) => new Set(where).size > 1).map(([id, where]) => `${id}: ${where.join(', ')}`)).toEqual([]);
    expect(knowledge.allLibraryPatterns.every((pattern) => patternsById([pattern.id])[0] === pattern)).toBe(true);
    expect(() => patternsById(['no-such-row'])).toThrow(/no-such-row/);
  });

  it('would catch a message the catalog lacks', () => {
    const planted = messageUses({ rows: [{ check: 'no-process-cache', messageId: 'noSuchMessage' }] }, 'planted', [], new Set());
    expect(planted.filter((use) => !(use.messageId in checks[use.check as CheckId].messages))).toHaveLength(1);
  });
});

describe('what reads the knowledge', () => {
  const texts = new Map(['src', 'rules', 'codemods', 'scripts', 'bench'].flatMap(projectFiles).map((file) => [file, readFileSync(path.join(projectRoot, file), 'utf8')]));

  it('every exported table, row and function of src/knowledge is read by a rule, the audit, a codemod or another tool', () => {
    expect(texts.size).toBeGreaterThan(200);
    expect(unreadKnowledge(texts)).toEqual([]);
  });

  it('would catch an export nothing reads', () => {
    const planted = new Map(texts).set('src/knowledge/planted.ts', 'export const plantedRows = [];\nexport function plantedLookup() {}\n');
    expect(unreadKnowledge(planted)).toEqual([...unreadKnowledge(texts), 'src/knowledge/planted.ts: plantedRows', 'src/knowledge/planted.ts: plantedLookup']);
  });

  it('has every row a codemod names by id (each codemod looks its rows up when it loads)', async () => {
    await expect(import('../../codemods/index.js')).resolves.toHaveProperty('codemods');
  });
});
