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

/** The planned files, found by kind and domain, and the model each file works with (decided once for all files). */
export class ProjectIndex {
  private readonly byDomainKind = new Map<string, FileSpec[]>();
  private readonly byKind = new Map<FileKind, FileSpec[]>();
  /** `lib` files by name, config files as `config/<name>`. */
  readonly libs = new Map<string, FileSpec>();
  private readonly models = new Map<FileSpec, FileSpec | undefined>();

  constructor(specs: readonly FileSpec[], private readonly seed: number) {
    for (const spec of specs) {
      const key = `${spec.domain?.name ?? ''}/${spec.kind}`;
      this.byDomainKind.set(key, [...(this.byDomainKind.get(key) ?? []), spec]);
      this.byKind.set(spec.kind, [...(this.byKind.get(spec.kind) ?? []), spec]);
      if (spec.kind === 'lib') this.libs.set(spec.base, spec);
      if (spec.kind === 'config') this.libs.set(`config/${spec.base}`, spec);
    }
  }

  specsOf(kind: FileKind, domain?: string): FileSpec[] {
    return domain === undefined ? (this.byKind.get(kind) ?? []) : (this.byDomainKind.get(`${domain}/${kind}`) ?? []);
  }

  /** A context for writing `spec`, its RNG seeded from the file's path. */
  context(spec: FileSpec): Ctx {
    return new Ctx(new Rng(hashString(spec.path) ^ this.seed), spec, this);
  }

  /**
   * The model (entity type) `spec` works with. A file that works with one decides it (or the service or repository it
   * comes from) first thing in its header, so a fresh context of the file decides the same as the file itself.
   */
  modelOf(spec: FileSpec): FileSpec | undefined {
    if (!this.models.has(spec)) this.models.set(spec, this.context(spec).model().spec);
    return this.models.get(spec);
  }
}

/** What a service is built on: its repository, the model that repository stores, and a validator of that model. */
export interface ServiceParts {
  repository: FileSpec | undefined;
  model: FileSpec | undefined;
  validator: FileSpec | undefined;
}

export class Ctx {
  private readonly used = new Set<string>();
  private cachedModel: ModelRef | undefined;
  private cachedService: { spec: FileSpec | undefined } | undefined;
  private cachedParts: ServiceParts | undefined;
  /** Local names set by a file's header for its units (the router, the service instance, …). */
  readonly vars = new Map<string, string>();

  constructor(
    readonly rng: Rng,
    readonly spec: FileSpec,
    private readonly index: ProjectIndex,
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
    const local = this.index.specsOf(kind, domain).filter((s) => s !== this.spec);
    const same = base ? local.find((s) => s.base === base) : undefined;
    if (same) return same;
    if (local.length > 0 && (this.rng.chance(0.88) || !this.spec.domain)) return this.rng.pick(local);
    const all = this.index.specsOf(kind).filter((s) => s !== this.spec);
    return all.length > 0 ? this.rng.pick(all) : local[0];
  }

  /** A file of `kind` in this domain that works with `model`: the one named like this file first. */
  depFor(kind: FileKind, model: FileSpec | undefined): FileSpec | undefined {
    if (!model) return undefined;
    const local = this.index.specsOf(kind, this.spec.domain?.name ?? '').filter((s) => s !== this.spec && this.index.modelOf(s) === model);
    return local.find((s) => s.base === this.spec.base) ?? local[0];
  }

  specsOf(kind: FileKind, domain?: string): FileSpec[] {
    return this.index.specsOf(kind, domain);
  }

  /** An import of `name` from `src/lib/<file>.ts` (or from the package it wraps when the project has no such file). */
  lib(file: string, name: string, typeOnly = false): ImportReq {
    return { from: this.index.libs.get(file) ?? `@app/${file}`, name, typeOnly };
  }

  config(file = 'index', name = 'config'): ImportReq {
    return { from: this.index.libs.get(`config/${file}`) ?? '@app/config', name };
  }

  /** `drawn`, unless it is not named like this file, does not work with `model` and a file of `kind` here does. */
  private preferModel(kind: FileKind, model: FileSpec | undefined, drawn: FileSpec | undefined): FileSpec | undefined {
    if (!drawn || drawn.base === this.spec.base || this.index.modelOf(drawn) === model) return drawn;
    return this.depFor(kind, model) ?? drawn;
  }

  /**
   * A service's repository, model and validator: the repository it is named after, else one storing the model it is
   * named after, else the one drawn; the model is the repository's, and the validator one for that model (if any).
   */
  serviceParts(): ServiceParts {
    if (this.cachedParts) return this.cachedParts;
    const base = this.spec.base;
    const named = this.dep('model', base);
    const drawnRepository = this.dep('repository', base);
    const drawnValidator = this.dep('validator', base);
    const repository = this.preferModel('repository', named, drawnRepository);
    const model = repository ? this.index.modelOf(repository) : named;
    const validator = drawnValidator && this.index.modelOf(drawnValidator) === model ? drawnValidator : this.depFor('validator', model);
    return (this.cachedParts = { repository, model, validator });
  }

  /**
   * The service a controller, route or middleware calls: the one named like the file, else one working with the model
   * the file is named after, else the one drawn. Controllers draw that model before the service and routes after it
   * (middlewares not at all), as they always did: the same draws keep the planted patterns where they were.
   */
  service(): FileSpec | undefined {
    if (this.cachedService) return this.cachedService.spec;
    const base = this.spec.base;
    let named: FileSpec | undefined;
    if (this.spec.kind === 'controller') named = this.dep('model', base);
    const drawn = this.dep('service', base);
    if (this.spec.kind === 'route') named = this.dep('model', base);
    const spec = named ? this.preferModel('service', named, drawn) : drawn;
    this.cachedService = { spec };
    return spec;
  }

  /** The model the file works with: for a service its repository's, for the files calling a service that service's. */
  model(): ModelRef {
    if (this.cachedModel) return this.cachedModel;
    const spec = this.modelSpec();
    const pascal = spec?.pascal ?? pascalCase(this.spec.base);
    const from = spec ?? '@app/models';
    // The file imports these names: its own declarations (`c.unique`) must not take them.
    for (const name of [pascal, `${pascal}Input`, `${pascal}Dto`, `to${pascal}Dto`]) this.used.add(name);
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

  private modelSpec(): FileSpec | undefined {
    switch (this.spec.kind) {
      case 'model':
        return this.spec;
      case 'service':
        return this.serviceParts().model;
      case 'controller':
      case 'route':
      case 'middleware': {
        const service = this.service();
        return service ? this.index.modelOf(service) : this.dep('model', this.spec.base);
      }
      default:
        return this.dep('model', this.spec.base);
    }
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
