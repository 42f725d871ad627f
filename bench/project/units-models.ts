/** Templates for models (entities, DTOs, mappers, guards) and domain utils. */
import type { Field } from './context.js';
import type { KindTemplate, UnitFn } from './template.js';

const upper = (pascal: string) => pascal.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
const dtoType = (f: Field) => (f.kind === 'date' ? 'string' : f.type);
const dtoValue = (f: Field, source: string) => (f.kind === 'date' ? `${source}.${f.name}${f.optional ? '?' : ''}.toISOString()` : `${source}.${f.name}`);
const opt = (f: Field) => (f.optional ? '?' : '');

// ---------------------------------------------------------------- models

const modelHeader: UnitFn = (c) => {
  const P = c.spec.pascal;
  const fields = c.model().fields;
  const top: string[] = [];
  if (fields.some((f) => f.kind === 'status')) {
    top.push(`export const ${upper(P)}_STATUSES = ['draft', 'active', 'archived'] as const;`, `export type ${P}Status = (typeof ${upper(P)}_STATUSES)[number];`);
  }
  return {
    top,
    body: [
      `export interface ${P} {`,
      '  id: string;',
      ...fields.map((f) => `  ${f.name}${opt(f)}: ${f.type};`),
      '  createdAt: Date;',
      '  updatedAt: Date;',
      '}',
      '',
      `export type ${P}Input = Omit<${P}, 'id' | 'createdAt' | 'updatedAt'>;`,
      '',
      `export interface ${P}Dto {`,
      '  id: string;',
      ...fields.map((f) => `  ${f.name}${opt(f)}: ${dtoType(f)};`),
      '  createdAt: string;',
      '  updatedAt: string;',
      '}',
      '',
      `export function to${P}Dto(entity: ${P}): ${P}Dto {`,
      '  return {',
      '    id: entity.id,',
      ...fields.map((f) => `    ${f.name}: ${dtoValue(f, 'entity')},`),
      '    createdAt: entity.createdAt.toISOString(),',
      '    updatedAt: entity.updatedAt.toISOString(),',
      '  };',
      '}',
    ],
  };
};

const modelFilter: UnitFn = (c) => {
  const P = c.spec.pascal;
  const fields = c.model().fields;
  const sortable = fields.filter((f) => f.kind === 'number' || f.kind === 'string').slice(0, 2).map((f) => `'${f.name}'`);
  return {
    body: [
      `export interface ${P}Filter {`,
      '  search?: string;',
      ...fields.filter((f) => f.kind === 'status' || f.kind === 'boolean').map((f) => `  ${f.name}?: ${f.type};`),
      '  createdAfter?: Date;',
      '  createdBefore?: Date;',
      '}',
      '',
      `export const ${upper(P)}_SORT_KEYS = ['createdAt', 'updatedAt', ${sortable.join(', ')}] as const;`,
      `export type ${P}SortKey = (typeof ${upper(P)}_SORT_KEYS)[number];`,
    ],
  };
};

const modelGuard: UnitFn = (c) => {
  const P = c.spec.pascal;
  const checks = c.model().fields.filter((f) => !f.optional && ['string', 'number', 'boolean'].includes(f.kind));
  return {
    body: [
      `export function is${P}(value: unknown): value is ${P} {`,
      "  if (typeof value !== 'object' || value === null) return false;",
      '  const candidate = value as Record<string, unknown>;',
      '  return (',
      "    typeof candidate.id === 'string' &&",
      ...checks.map((f) => `    typeof candidate.${f.name} === '${f.kind}' &&`),
      '    candidate.createdAt instanceof Date',
      '  );',
      '}',
    ],
  };
};

const modelCompare: UnitFn = (c) => {
  const P = c.spec.pascal;
  return {
    body: [
      `export function compare${P}s(a: ${P}, b: ${P}, key: keyof ${P} = 'createdAt'): number {`,
      '  const left = a[key];',
      '  const right = b[key];',
      '  if (left instanceof Date && right instanceof Date) return left.getTime() - right.getTime();',
      "  if (typeof left === 'number' && typeof right === 'number') return left - right;",
      "  return String(left ?? '').localeCompare(String(right ?? ''));",
      '}',
    ],
  };
};

const modelDiff: UnitFn = (c) => {
  const P = c.spec.pascal;
  const scalar = c.model().fields.filter((f) => ['string', 'number', 'boolean', 'status'].includes(f.kind));
  return {
    body: [
      `export function diff${P}(before: ${P}, after: ${P}): Partial<${P}Input> {`,
      `  const changes: Partial<${P}Input> = {};`,
      ...scalar.map((f) => `  if (before.${f.name} !== after.${f.name}) changes.${f.name} = after.${f.name};`),
      '  return changes;',
      '}',
    ],
  };
};

const modelClass: UnitFn = (c) => {
  const P = c.spec.pascal;
  const fields = c.model().fields;
  const status = fields.find((f) => f.kind === 'status');
  return {
    body: [
      `export class ${P}Record implements ${P} {`,
      '  constructor(',
      '    public readonly id: string,',
      ...fields.map((f) => `    public ${f.name}: ${f.type}${f.optional ? ' | undefined' : ''},`),
      '    public readonly createdAt: Date = new Date(),',
      '    public updatedAt: Date = new Date(),',
      '  ) {}',
      '',
      '  touch(): void {',
      '    this.updatedAt = new Date();',
      '  }',
      ...(status ? ['', '  get isArchived(): boolean {', `    return this.${status.name} === 'archived';`, '  }'] : []),
      '',
      `  toJSON(): ${P}Dto {`,
      `    return to${P}Dto(this);`,
      '  }',
      '}',
    ],
  };
};

const modelEvents: UnitFn = (c) => {
  const P = c.spec.pascal;
  const base = c.spec.base;
  return {
    body: [
      `export enum ${P}Event {`,
      `  Created = '${base}.created',`,
      `  Updated = '${base}.updated',`,
      `  Archived = '${base}.archived',`,
      `  Deleted = '${base}.deleted',`,
      '}',
      '',
      `export interface ${P}EventPayload {`,
      `  type: ${P}Event;`,
      `  ${c.spec.camel}Id: string;`,
      '  actorId?: string;',
      '  occurredAt: string;',
      '}',
    ],
  };
};

const modelSummary: UnitFn = (c) => {
  const P = c.spec.pascal;
  const key = c.model().fields.find((f) => f.kind === 'status' || f.kind === 'string')!;
  return {
    body: [
      `export interface ${P}Summary {`,
      '  total: number;',
      '  byKey: Record<string, number>;',
      '  lastUpdatedAt: string | null;',
      '}',
      '',
      `export function summarize${P}s(items: readonly ${P}[]): ${P}Summary {`,
      '  const byKey: Record<string, number> = {};',
      '  let last: Date | null = null;',
      '  for (const item of items) {',
      `    const key = String(item.${key.name});`,
      '    byKey[key] = (byKey[key] ?? 0) + 1;',
      '    if (!last || item.updatedAt > last) last = item.updatedAt;',
      '  }',
      '  return { total: items.length, byKey, lastUpdatedAt: last ? last.toISOString() : null };',
      '}',
    ],
  };
};

const modelRelation: UnitFn = (c) => {
  const other = c.dep('model');
  if (!other || other === c.spec) return { body: [] };
  const P = c.spec.pascal;
  return {
    imports: [{ from: other, name: `${other.pascal}Dto`, typeOnly: true }],
    body: [
      `export interface ${P}With${other.pascal} extends ${P}Dto {`,
      `  ${other.camel}: ${other.pascal}Dto | null;`,
      `  ${other.camel}Count: number;`,
      '}',
    ],
  };
};

const modelChange: UnitFn = (c) => {
  const P = c.spec.pascal;
  return {
    body: [
      `export interface ${P}Change<K extends keyof ${P} = keyof ${P}> {`,
      '  field: K;',
      `  from: ${P}[K];`,
      `  to: ${P}[K];`,
      '  changedAt: Date;',
      '  changedBy?: string;',
      '}',
      '',
      `export type ${P}Patch = Partial<Pick<${P}, ${c.model().fields.slice(0, 3).map((f) => `'${f.name}'`).join(' | ')}>>;`,
    ],
  };
};

const modelDefaults: UnitFn = (c) => {
  const P = c.spec.pascal;
  const fields = c.model().fields.filter((f) => !f.optional && f.kind !== 'date' && f.kind !== 'record');
  return {
    body: [
      `export const DEFAULT_${upper(P)}: Readonly<Partial<${P}Input>> = Object.freeze({`,
      ...fields.map((f) => `  ${f.name}: ${f.kind === 'string' ? "''" : f.kind === 'number' ? '0' : f.kind === 'boolean' ? 'false' : f.kind === 'strings' ? '[]' : "'draft'"},`),
      '});',
    ],
  };
};

export const modelTemplate: KindTemplate = {
  header: modelHeader,
  units: [modelFilter, modelGuard, modelCompare, modelDiff, modelClass, modelEvents, modelSummary, modelRelation, modelChange, modelDefaults],
};

// ---------------------------------------------------------------- domain utils

const utilHeader: UnitFn = (c) => {
  const m = c.model();
  const label = m.fields.find((f) => f.kind === 'string')!;
  return {
    imports: [m.type],
    body: [
      `export function format${c.spec.pascal}(entity: ${m.pascal}, locale = 'en-US'): string {`,
      "  const created = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(entity.createdAt);",
      `  return \`${m.pascal} \${entity.id} (\${entity.${label.name}${label.optional ? " ?? '–'" : ''}}), created \${created}\`;`,
      '}',
      '',
      `export function ${c.spec.camel}CacheKey(id: string, variant?: string): string {`,
      `  return variant ? \`${c.spec.base}:\${id}:\${variant}\` : \`${c.spec.base}:\${id}\`;`,
      '}',
    ],
  };
};

const utilNormalize: UnitFn = (c) => {
  const m = c.model();
  const strings = m.fields.filter((f) => f.kind === 'string');
  return {
    imports: [m.input],
    body: [
      `export function normalize${c.spec.pascal}Input(input: ${m.pascal}Input): ${m.pascal}Input {`,
      '  return {',
      '    ...input,',
      ...strings.map((f) => (f.optional ? `    ${f.name}: input.${f.name}?.trim() || undefined,` : `    ${f.name}: input.${f.name}.trim(),`)),
      '  };',
      '}',
    ],
  };
};

const utilSearch: UnitFn = (c) => {
  const m = c.model();
  const strings = m.fields.filter((f) => f.kind === 'string').slice(0, 3);
  return {
    imports: [m.type],
    body: [
      `export function matches${c.spec.pascal}(entity: ${m.pascal}, term: string): boolean {`,
      '  const needle = term.trim().toLowerCase();',
      '  if (needle.length === 0) return true;',
      '  return [',
      ...strings.map((f) => `    entity.${f.name},`),
      "  ].some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));",
      '}',
    ],
  };
};

const utilCsv: UnitFn = (c) => {
  const m = c.model();
  const cols = m.fields.slice(0, 5);
  return {
    imports: [m.type],
    body: [
      `export const ${upper(c.spec.pascal)}_CSV_HEADER = ['id', ${cols.map((f) => `'${f.name}'`).join(', ')}, 'createdAt'];`,
      '',
      `export function ${c.spec.camel}ToCsvCells(entity: ${m.pascal}): string[] {`,
      '  return [',
      '    entity.id,',
      ...cols.map((f) => `    String(entity.${f.name} ?? ''),`),
      '    entity.createdAt.toISOString(),',
      '  ];',
      '}',
    ],
  };
};

export const utilTemplate: KindTemplate = { header: utilHeader, units: [utilNormalize, utilSearch, utilCsv] };
