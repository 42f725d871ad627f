/** What a unit template sees: the file it is written into, the project's other files to import from, and a seeded RNG. */
import type { FileKind, FileSpec } from './plan.js';
import { hashString, pascalCase, Rng } from './random.js';
import type { ImportReq } from './source-builder.js';

export type FieldKind = 'string' | 'number' | 'boolean' | 'date' | 'strings' | 'record' | 'status';

export interface Field {
  name: string;
  column: string;
  type: string;
  kind: FieldKind;
  optional: boolean;
}

const fieldPool: readonly [string, FieldKind, boolean][] = [
  ['name', 'string', false], ['title', 'string', false], ['email', 'string', false], ['status', 'status', false],
  ['description', 'string', true], ['amount', 'number', false], ['quantity', 'number', false], ['currency', 'string', false],
  ['ownerId', 'string', false], ['tags', 'strings', false], ['priority', 'number', false], ['dueDate', 'date', true],
  ['active', 'boolean', false], ['score', 'number', false], ['region', 'string', false], ['locale', 'string', false],
  ['notes', 'string', true], ['metadata', 'record', false], ['externalRef', 'string', true], ['version', 'number', false],
  ['archivedAt', 'date', true], ['url', 'string', true], ['sku', 'string', false], ['slug', 'string', false],
  ['rating', 'number', true], ['publishedAt', 'date', true], ['verified', 'boolean', false], ['labels', 'strings', true],
];

const typeOf: Record<FieldKind, string> = {
  string: 'string', number: 'number', boolean: 'boolean', date: 'Date', strings: 'string[]', record: 'Record<string, unknown>', status: "'draft' | 'active' | 'archived'",
};

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The fields of the entity `pascal`, the same wherever it is used (derived from its name). */
export function fieldsFor(pascal: string): Field[] {
  const rng = new Rng(hashString(pascal));
  const wanted = rng.int(4, 9);
  const picked = rng.sample(fieldPool, wanted);
  if (!picked.some(([, kind, optional]) => kind === 'string' && !optional)) picked.push(fieldPool[0]!);
  return fieldPool.filter((row) => picked.includes(row)).map(([name, kind, optional]) => ({ name, column: snake(name), type: typeOf[kind], kind, optional }));
}

/** A model (entity) a file works with: names of its types and mapper, and the import that brings them. */
export interface ModelRef {
  spec: FileSpec | undefined;
  pascal: string;
  camel: string;
  base: string;
  fields: Field[];
  type: ImportReq;
  input: ImportReq;
  dto: ImportReq;
}

export class Ctx {
  private readonly used = new Set<string>();
  private cachedModel: ModelRef | undefined;
  /** Local names set by a file's header for its units (the router, the service instance, …). */
  readonly vars = new Map<string, string>();

  constructor(
    readonly rng: Rng,
    readonly spec: FileSpec,
    private readonly byDomainKind: Map<string, FileSpec[]>,
    private readonly byKind: Map<FileKind, FileSpec[]>,
    private readonly libs: Map<string, FileSpec>,
  ) {}

  /** A name not yet declared in this file (`name`, `name2`, …). */
  unique(name: string): string {
    let candidate = name;
    for (let i = 2; this.used.has(candidate); i++) candidate = `${name}${i}`;
    this.used.add(candidate);
    return candidate;
  }

  /** A file of `kind` to import: one about `base` if it exists, else one of the same domain, else (rarely, or when none) any. */
  dep(kind: FileKind, base?: string): FileSpec | undefined {
    const domain = this.spec.domain?.name ?? '';
    const local = (this.byDomainKind.get(`${domain}/${kind}`) ?? []).filter((s) => s !== this.spec);
    const same = base ? local.find((s) => s.base === base) : undefined;
    if (same) return same;
    if (local.length > 0 && (this.rng.chance(0.88) || !this.spec.domain)) return this.rng.pick(local);
    const all = (this.byKind.get(kind) ?? []).filter((s) => s !== this.spec);
    return all.length > 0 ? this.rng.pick(all) : local[0];
  }

  specsOf(kind: FileKind, domain?: string): FileSpec[] {
    return domain === undefined ? (this.byKind.get(kind) ?? []) : (this.byDomainKind.get(`${domain}/${kind}`) ?? []);
  }

  /** An import of `name` from `src/lib/<file>.ts` (or from the package it wraps when the project has no such file). */
  lib(file: string, name: string, typeOnly = false): ImportReq {
    return { from: this.libs.get(file) ?? `@app/${file}`, name, typeOnly };
  }

  config(file = 'index', name = 'config'): ImportReq {
    return { from: this.libs.get(`config/${file}`) ?? '@app/config', name };
  }

  /** A model the file works with: the one named like the file if there is one, else one of its domain. */
  model(): ModelRef {
    if (this.cachedModel) return this.cachedModel;
    const spec = this.spec.kind === 'model' ? this.spec : this.dep('model', this.spec.base);
    const pascal = spec?.pascal ?? pascalCase(this.spec.base);
    const from = spec ?? '@app/models';
    return (this.cachedModel = {
      spec,
      pascal,
      camel: pascal[0]!.toLowerCase() + pascal.slice(1),
      base: spec?.base ?? this.spec.base,
      fields: fieldsFor(pascal),
      type: { from, name: pascal, typeOnly: true },
      input: { from, name: `${pascal}Input`, typeOnly: true },
      dto: { from, name: `to${pascal}Dto` },
    });
  }
}

/** A sample literal for a field, as TypeScript source. */
export function sampleValue(field: Field): string {
  switch (field.kind) {
    case 'string': return field.name === 'email' ? "'someone@example.com'" : field.name === 'currency' ? "'EUR'" : `'${field.name}-sample'`;
    case 'number': return field.name === 'version' ? '1' : '0';
    case 'boolean': return 'false';
    case 'date': return 'new Date()';
    case 'strings': return '[]';
    case 'record': return '{}';
    case 'status': return "'draft'";
  }
}
