/** Templates for validators and repositories (SQL through the shared `db`). */
import type { Field } from './context.js';
import type { KindTemplate, UnitFn } from './template.js';

function fieldCheck(f: Field, source: string, issues: string): string[] {
  const v = `${source}.${f.name}`;
  const guard = f.optional ? `${v} !== undefined && ` : '';
  const push = (message: string) => `${issues}.push({ path: '${f.name}', message: '${message}' });`;
  switch (f.kind) {
    case 'string':
      return f.name === 'email'
        ? [`if (${guard}(typeof ${v} !== 'string' || !/^[^@\\s]+@[^@\\s]+$/.test(${v}))) ${push('must be an email address')}`]
        : [`if (${guard}(typeof ${v} !== 'string' || ${v}.trim().length === 0)) {`, `  ${push(`${f.name} is required`)}`, '}'];
    case 'number':
      return [`if (${guard}(typeof ${v} !== 'number' || !Number.isFinite(${v}) || ${v} < 0)) {`, `  ${push('must be a non-negative number')}`, '}'];
    case 'boolean':
      return [`if (${v} !== undefined && typeof ${v} !== 'boolean') ${push('must be a boolean')}`];
    case 'date':
      return [`if (${v} !== undefined && Number.isNaN(Date.parse(String(${v})))) ${push('must be a date')}`];
    case 'strings':
      return [`if (${guard}(!Array.isArray(${v}) || ${v}.some((entry) => typeof entry !== 'string'))) {`, `  ${push('must be a list of strings')}`, '}'];
    case 'record':
      return [`if (${v} !== undefined && (typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v}))) {`, `  ${push('must be an object')}`, '}'];
    case 'status':
      return [`if (${guard}!['draft', 'active', 'archived'].includes(String(${v}))) ${push('unknown status')}`];
  }
}

// ---------------------------------------------------------------- validators

const validatorHeader: UnitFn = (c) => {
  const m = c.model();
  const issue = c.unique('ValidationIssue');
  c.vars.set('issue', issue);
  return {
    imports: [m.input, c.lib('result', 'ok'), c.lib('result', 'err'), c.lib('result', 'Result', true)],
    body: [
      `export interface ${issue} {`,
      '  path: string;',
      '  message: string;',
      '}',
      '',
      `export function validate${c.spec.pascal}Input(input: unknown): Result<${m.pascal}Input, ${issue}[]> {`,
      "  if (typeof input !== 'object' || input === null) return err([{ path: '', message: 'expected an object' }]);",
      '  const body = input as Record<string, unknown>;',
      `  const issues: ${issue}[] = [];`,
      ...m.fields.flatMap((f) => fieldCheck(f, 'body', 'issues')).map((line) => `  ${line}`),
      '  if (issues.length > 0) return err(issues);',
      `  return ok(body as unknown as ${m.pascal}Input);`,
      '}',
    ],
  };
};

const validatorPatch: UnitFn = (c) => {
  const m = c.model();
  const issue = c.vars.get('issue') ?? 'ValidationIssue';
  return {
    imports: [m.input],
    body: [
      `export function validate${c.spec.pascal}Patch(input: unknown): ${issue}[] {`,
      "  if (typeof input !== 'object' || input === null) return [{ path: '', message: 'expected an object' }];",
      '  const patch = input as Record<string, unknown>;',
      `  const issues: ${issue}[] = [];`,
      `  const allowed = new Set<string>([${m.fields.map((f) => `'${f.name}'`).join(', ')}]);`,
      '  for (const key of Object.keys(patch)) {',
      "    if (!allowed.has(key)) issues.push({ path: key, message: 'unknown field' });",
      '  }',
      ...m.fields.slice(0, 4).flatMap((f) => fieldCheck({ ...f, optional: true }, 'patch', 'issues')).map((line) => `  ${line}`),
      '  return issues;',
      '}',
    ],
  };
};

const validatorQuery: UnitFn = (c) => {
  const name = `parse${c.spec.pascal}Query`;
  return {
    body: [
      `export interface ${c.spec.pascal}Query {`,
      '  page: number;',
      '  pageSize: number;',
      '  search?: string;',
      '  sort?: string;',
      '}',
      '',
      `export function ${name}(query: Record<string, unknown>): ${c.spec.pascal}Query {`,
      '  const page = Math.max(1, Number.parseInt(String(query.page ?? 1), 10) || 1);',
      '  const pageSize = Math.min(100, Math.max(1, Number.parseInt(String(query.pageSize ?? 20), 10) || 20));',
      "  const search = typeof query.search === 'string' && query.search.length > 0 ? query.search : undefined;",
      "  const sort = typeof query.sort === 'string' ? query.sort : undefined;",
      '  return { page, pageSize, search, sort };',
      '}',
    ],
  };
};

const validatorId: UnitFn = (c) => {
  const pattern = c.unique('UUID_PATTERN');
  return {
    top: [`const ${pattern} = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;`],
    imports: [c.lib('http-error', 'badRequest')],
    body: [
      `export function assertValid${c.spec.pascal}Id(id: unknown): asserts id is string {`,
      `  if (typeof id !== 'string' || !${pattern}.test(id)) {`,
      `    throw badRequest('invalid ${c.spec.base} id');`,
      '  }',
      '}',
    ],
  };
};

export const validatorTemplate: KindTemplate = { header: validatorHeader, units: [validatorPatch, validatorQuery, validatorId] };

// ---------------------------------------------------------------- repositories

const repositoryHeader: UnitFn = (c) => {
  const m = c.model();
  const P = c.spec.pascal;
  const table = c.unique('TABLE');
  const row = `${P}Row`;
  c.vars.set('row', row);
  c.vars.set('table', table);
  c.vars.set('fromRow', 'fromRow');
  const rowType = (f: Field) => (f.kind === 'date' ? 'Date' : f.type) + (f.optional ? ' | null' : '');
  const cols = m.fields.map((f) => f.column);
  return {
    imports: [c.lib('db', 'db'), c.lib('db', 'Db', true), m.type, m.input],
    top: [`const ${table} = '${c.spec.base.replace(/-/g, '_')}s';`],
    body: [
      `interface ${row} {`,
      '  id: string;',
      ...m.fields.map((f) => `  ${f.column}: ${rowType(f)};`),
      '  created_at: Date;',
      '  updated_at: Date;',
      '}',
      '',
      `function fromRow(row: ${row}): ${m.pascal} {`,
      '  return {',
      '    id: row.id,',
      ...m.fields.map((f) => `    ${f.name}: row.${f.column}${f.optional ? ' ?? undefined' : ''},`),
      '    createdAt: row.created_at,',
      '    updatedAt: row.updated_at,',
      '  };',
      '}',
      '',
      `export class ${P}Repository {`,
      '  constructor(private readonly database: Db = db) {}',
      '',
      `  async findById(id: string): Promise<${m.pascal} | undefined> {`,
      `    const { rows } = await this.database.query<${row}>(\`SELECT * FROM \${${table}} WHERE id = $1\`, [id]);`,
      '    return rows[0] ? fromRow(rows[0]) : undefined;',
      '  }',
      '',
      `  async list(limit = 20, offset = 0): Promise<${m.pascal}[]> {`,
      '    const { rows } = await this.database.query<' + row + '>(',
      `      \`SELECT * FROM \${${table}} ORDER BY created_at DESC LIMIT $1 OFFSET $2\`,`,
      '      [limit, offset],',
      '    );',
      '    return rows.map(fromRow);',
      '  }',
      '',
      `  async insert(input: ${m.pascal}Input): Promise<${m.pascal}> {`,
      '    const { rows } = await this.database.query<' + row + '>(',
      `      \`INSERT INTO \${${table}} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *\`,`,
      `      [${m.fields.map((f) => `input.${f.name}`).join(', ')}],`,
      '    );',
      '    return fromRow(rows[0]!);',
      '  }',
      '',
      '  async remove(id: string): Promise<boolean> {',
      `    const { rowCount } = await this.database.query(\`DELETE FROM \${${table}} WHERE id = $1\`, [id]);`,
      '    return (rowCount ?? 0) > 0;',
      '  }',
      '}',
    ],
  };
};

const repositoryUpdate: UnitFn = (c) => {
  const m = c.model();
  const table = c.vars.get('table')!;
  const row = c.vars.get('row')!;
  return {
    imports: [m.type, m.input, c.lib('db', 'Db', true)],
    body: [
      `export async function update${c.spec.pascal}(database: Db, id: string, patch: Partial<${m.pascal}Input>): Promise<${m.pascal} | undefined> {`,
      '  const columns: Record<string, string> = {',
      ...m.fields.map((f) => `    ${f.name}: '${f.column}',`),
      '  };',
      '  const sets: string[] = [];',
      '  const values: unknown[] = [];',
      '  for (const [key, value] of Object.entries(patch)) {',
      '    const column = columns[key];',
      '    if (!column || value === undefined) continue;',
      '    values.push(value);',
      '    sets.push(`${column} = $${values.length}`);',
      '  }',
      '  if (sets.length === 0) return undefined;',
      '  values.push(id);',
      `  const { rows } = await database.query<${row}>(`,
      `    \`UPDATE \${${table}} SET \${sets.join(', ')}, updated_at = now() WHERE id = $\${values.length} RETURNING *\`,`,
      '    values,',
      '  );',
      '  return rows[0] ? fromRow(rows[0]) : undefined;',
      '}',
    ],
  };
};

const repositoryCount: UnitFn = (c) => {
  const table = c.vars.get('table')!;
  return {
    imports: [c.lib('db', 'Db', true)],
    body: [
      `export async function count${c.spec.pascal}s(database: Db, ownerId?: string): Promise<number> {`,
      '  const { rows } = ownerId',
      `    ? await database.query<{ total: string }>(\`SELECT count(*) AS total FROM \${${table}} WHERE owner_id = $1\`, [ownerId])`,
      `    : await database.query<{ total: string }>(\`SELECT count(*) AS total FROM \${${table}}\`);`,
      "  return Number(rows[0]?.total ?? '0');",
      '}',
    ],
  };
};

const repositoryTransaction: UnitFn = (c) => {
  return {
    imports: [c.lib('db', 'Db', true), c.lib('logger', 'logger')],
    body: [
      `export async function with${c.spec.pascal}Transaction<T>(database: Db, work: (tx: Db) => Promise<T>): Promise<T> {`,
      "  await database.query('BEGIN');",
      '  try {',
      '    const result = await work(database);',
      "    await database.query('COMMIT');",
      '    return result;',
      '  } catch (error) {',
      "    await database.query('ROLLBACK');",
      `    logger.warn({ error }, '${c.spec.base} transaction rolled back');`,
      '    throw error;',
      '  }',
      '}',
    ],
  };
};

const repositoryByOwner: UnitFn = (c) => {
  const m = c.model();
  const table = c.vars.get('table')!;
  const row = c.vars.get('row')!;
  return {
    imports: [m.type, c.lib('db', 'Db', true)],
    body: [
      `export async function find${c.spec.pascal}sByIds(database: Db, ids: readonly string[]): Promise<Map<string, ${m.pascal}>> {`,
      '  if (ids.length === 0) return new Map();',
      `  const { rows } = await database.query<${row}>(\`SELECT * FROM \${${table}} WHERE id = ANY($1)\`, [ids]);`,
      '  return new Map(rows.map((row) => [row.id, fromRow(row)]));',
      '}',
    ],
  };
};

export const repositoryTemplate: KindTemplate = {
  header: repositoryHeader,
  units: [repositoryUpdate, repositoryCount, repositoryTransaction, repositoryByOwner],
};
