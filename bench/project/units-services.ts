/** Templates for services: a class over a repository, plus search, stats, batch, events and caching helpers. */
import type { Ctx } from './context.js';
import { draftMap, lazyDefaults, lruCache, pollLoop, refreshInterval, sessionMap, startupLookup } from './patterns.js';
import type { ImportReq } from './source-builder.js';
import type { KindTemplate, UnitFn } from './template.js';

/** The service class a file uses, imported, and a local instance name. */
export function useService(c: Ctx): { imports: ImportReq[]; cls: string; instance: string } {
  const existing = c.vars.get('service');
  const spec = c.service();
  const cls = spec ? `${spec.pascal}Service` : 'Service';
  if (existing) return { imports: spec ? [{ from: spec, name: cls }] : [], cls: c.vars.get('serviceClass')!, instance: existing };
  const instance = c.unique(spec ? `${spec.camel}Service` : 'service');
  c.vars.set('service', instance);
  c.vars.set('serviceClass', cls);
  return { imports: spec ? [{ from: spec, name: cls }] : [], cls, instance };
}

// ---------------------------------------------------------------- services

const serviceHeader: UnitFn = (c) => {
  const m = c.model();
  const P = c.spec.pascal;
  c.vars.set('serviceClass', `${P}Service`);
  const { repository: repo, validator } = c.serviceParts();
  const repoClass = repo ? `${repo.pascal}Repository` : 'Repository';
  const imports: ImportReq[] = [m.type, m.input, c.lib('http-error', 'notFound'), c.lib('logger', 'logger'), c.lib('events', 'events')];
  if (repo) imports.push({ from: repo, name: repoClass });
  if (validator) imports.push({ from: validator, name: `validate${validator.pascal}Input` }, c.lib('http-error', 'badRequest'));
  const create = validator
    ? [
      `    const result = validate${validator.pascal}Input(input);`,
      `    if (!result.ok) throw badRequest('invalid ${c.spec.base}', result.error);`,
      '    const created = await this.repository.insert(result.value);',
    ]
    : [`    const created = await this.repository.insert(input as ${m.pascal}Input);`];
  return {
    imports,
    body: [
      `export class ${P}Service {`,
      `  constructor(private readonly repository = new ${repoClass}()) {}`,
      '',
      `  async get(id: string): Promise<${m.pascal}> {`,
      '    const entity = await this.repository.findById(id);',
      `    if (!entity) throw notFound(\`${c.spec.base} \${id} not found\`);`,
      '    return entity;',
      '  }',
      '',
      `  async list(page = 1, pageSize = 20): Promise<{ items: ${m.pascal}[]; page: number; pageSize: number }> {`,
      '    const items = await this.repository.list(pageSize, (page - 1) * pageSize);',
      '    return { items, page, pageSize };',
      '  }',
      '',
      `  async create(input: unknown): Promise<${m.pascal}> {`,
      ...create,
      `    logger.info({ id: created.id }, '${c.spec.base} created');`,
      `    events.emit('${c.spec.base}.created', { id: created.id });`,
      '    return created;',
      '  }',
      '',
      `  async update(id: string, patch: Partial<${m.pascal}Input>): Promise<${m.pascal}> {`,
      '    const current = await this.get(id);',
      `    const merged: ${m.pascal} = { ...current, ...patch, id, updatedAt: new Date() };`,
      `    events.emit('${c.spec.base}.updated', { id, changes: Object.keys(patch) });`,
      '    return merged;',
      '  }',
      '',
      '  async remove(id: string): Promise<void> {',
      '    const removed = await this.repository.remove(id);',
      `    if (!removed) throw notFound(\`${c.spec.base} \${id} not found\`);`,
      `    events.emit('${c.spec.base}.deleted', { id });`,
      '  }',
      '}',
    ],
  };
};

const serviceSearch: UnitFn = (c) => {
  const m = c.model();
  const strings = m.fields.filter((f) => f.kind === 'string').slice(0, 2);
  return {
    imports: [m.type],
    body: [
      `export async function search${c.spec.pascal}s(service: ${c.spec.pascal}Service, term: string, limit = 20): Promise<${m.pascal}[]> {`,
      '  const needle = term.trim().toLowerCase();',
      '  const { items } = await service.list(1, 200);',
      '  return items',
      `    .filter((item) => ${strings.map((f) => `String(item.${f.name} ?? '').toLowerCase().includes(needle)`).join(' || ')})`,
      '    .slice(0, limit);',
      '}',
    ],
  };
};

const serviceStats: UnitFn = (c) => {
  const m = c.model();
  const stats = c.unique(`${c.spec.pascal}Stats`);
  const numeric = m.fields.find((f) => f.kind === 'number');
  const value = numeric ? (numeric.optional ? `(item.${numeric.name} ?? 0)` : `item.${numeric.name}`) : '1';
  return {
    imports: [m.type],
    body: [
      `export interface ${stats} {`,
      '  count: number;',
      '  total: number;',
      '  average: number;',
      '  newest?: Date;',
      '}',
      '',
      `export function compute${c.spec.pascal}Stats(items: readonly ${m.pascal}[]): ${stats} {`,
      `  const total = items.reduce((sum, item) => sum + ${value}, 0);`,
      '  const newest = items.reduce<Date | undefined>((latest, item) => (!latest || item.createdAt > latest ? item.createdAt : latest), undefined);',
      '  return { count: items.length, total, average: items.length ? total / items.length : 0, newest };',
      '}',
    ],
  };
};

const serviceBatch: UnitFn = (c) => {
  const m = c.model();
  return {
    imports: [m.type, c.lib('logger', 'logger')],
    body: [
      `export async function import${c.spec.pascal}Batch(`,
      `  service: ${c.spec.pascal}Service,`,
      '  rows: readonly unknown[],',
      `): Promise<{ created: ${m.pascal}[]; failed: { index: number; reason: string }[] }> {`,
      `  const created: ${m.pascal}[] = [];`,
      '  const failed: { index: number; reason: string }[] = [];',
      '  for (const [index, row] of rows.entries()) {',
      '    try {',
      '      created.push(await service.create(row));',
      '    } catch (error) {',
      '      failed.push({ index, reason: error instanceof Error ? error.message : String(error) });',
      '    }',
      '  }',
      `  logger.info({ created: created.length, failed: failed.length }, '${c.spec.base} batch imported');`,
      '  return { created, failed };',
      '}',
    ],
  };
};

const serviceEvents: UnitFn = (c) => ({
  imports: [c.lib('events', 'events')],
  body: [
    `export type ${c.spec.pascal}Listener = (payload: { id: string; changes?: string[] }) => void;`,
    '',
    `export function on${c.spec.pascal}Changed(listener: ${c.spec.pascal}Listener): () => void {`,
    `  events.on('${c.spec.base}.updated', listener);`,
    `  events.on('${c.spec.base}.deleted', listener);`,
    '  return () => {',
    `    events.off('${c.spec.base}.updated', listener);`,
    `    events.off('${c.spec.base}.deleted', listener);`,
    '  };',
    '}',
  ],
});

const serviceRedis: UnitFn = (c) => {
  const m = c.model();
  return {
    imports: [m.type, c.lib('redis', 'getRedis')],
    body: [
      `/** Reads through the shared Redis cache (fine for several instances). */`,
      `export async function read${c.spec.pascal}Through(service: ${c.spec.pascal}Service, id: string): Promise<${m.pascal}> {`,
      `  const key = \`${c.spec.base}:\${id}\`;`,
      '  const cached = await getRedis().get(key);',
      `  if (cached) return JSON.parse(cached) as ${m.pascal};`,
      '  const fresh = await service.get(id);',
      '  await getRedis().set(key, JSON.stringify(fresh), { EX: 300 });',
      '  return fresh;',
      '}',
    ],
  };
};

const serviceDescribe: UnitFn = (c) => {
  const m = c.model();
  const util = c.depFor('util', m.spec);
  if (!util) return { body: [] };
  return {
    imports: [{ from: util, name: `format${util.pascal}` }, { from: util, name: `${util.camel}CacheKey` }, m.type],
    body: [
      `export function describe${c.spec.pascal}(entity: ${m.pascal}): { key: string; label: string } {`,
      `  return { key: ${util.camel}CacheKey(entity.id), label: format${util.pascal}(entity) };`,
      '}',
    ],
  };
};

const serviceCrossDomain: UnitFn = (c) => {
  const other = c.dep('service');
  if (!other || other.base === c.spec.base) return { body: [] };
  return {
    imports: [{ from: other, name: `${other.pascal}Service` }],
    body: [
      `export async function load${c.spec.pascal}With${other.pascal}(service: ${c.spec.pascal}Service, id: string, otherId: string) {`,
      `  const related = new ${other.pascal}Service();`,
      '  const [entity, other] = await Promise.all([service.get(id), related.get(otherId)]);',
      '  return { ...entity, related: other };',
      '}',
    ],
  };
};

export const serviceTemplate: KindTemplate = {
  header: serviceHeader,
  units: [serviceSearch, serviceStats, serviceBatch, serviceEvents, serviceRedis, serviceDescribe, serviceCrossDomain],
  patterns: [
    { chance: 0.05, unit: lruCache },
    { chance: 0.035, unit: refreshInterval },
    { chance: 0.015, unit: pollLoop },
    { chance: 0.04, unit: draftMap },
    { chance: 0.01, unit: sessionMap },
    { chance: 0.08, unit: lazyDefaults },
    { chance: 0.08, unit: startupLookup },
  ],
};
