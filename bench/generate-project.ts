/**
 * Generates a realistic TypeScript server project (Express and Fastify domains: models, validators, repositories,
 * services, middlewares, controllers, routes, apps, gateways, workers, config, lib) with a seeded mix of the
 * stateful patterns the rules look for. Same `fileCount` and `seed`, same bytes: benchmarks compare like with like.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ProjectIndex, type Ctx } from './project/context.js';
import { planProject, type FileKind } from './project/plan.js';
import { hashString, Rng } from './project/random.js';
import { SourceBuilder, type Unit } from './project/source-builder.js';
import type { KindTemplate } from './project/template.js';
import { genericUnits } from './project/units-generic.js';
import { configTemplate, gatewayTemplate, libTemplate, workerTemplate } from './project/units-infra.js';
import { controllerTemplate, middlewareTemplate } from './project/units-middleware.js';
import { modelTemplate, utilTemplate } from './project/units-models.js';
import { routeTemplate } from './project/units-routes.js';
import { serviceTemplate } from './project/units-services.js';
import { repositoryTemplate, validatorTemplate } from './project/units-storage.js';
import { appTemplate, moduleTemplate, serverTemplate } from './project/units-wiring.js';

export type { FileKind } from './project/plan.js';

export interface GeneratedFile {
  /** Posix path relative to the project root. */
  path: string;
  kind: FileKind;
  lines: number;
  /** Stateful patterns (and look-alikes) planted in the file, e.g. `fs-write`, `express-session`, `lazy-init`. */
  patterns: string[];
}

export interface GeneratedSource extends GeneratedFile {
  text: string;
}

export interface GeneratedProject {
  dir: string;
  seed: number;
  files: GeneratedFile[];
  totalLines: number;
  /** How many files carry each planted pattern. */
  patternCounts: Record<string, number>;
}

const templates: Record<FileKind, KindTemplate> = {
  config: configTemplate, lib: libTemplate, model: modelTemplate, util: utilTemplate, validator: validatorTemplate,
  repository: repositoryTemplate, service: serviceTemplate, middleware: middlewareTemplate, controller: controllerTemplate,
  route: routeTemplate, module: moduleTemplate, app: appTemplate, realtime: gatewayTemplate, worker: workerTemplate, server: serverTemplate,
};

const MAX_LINES = 300;

const isEmpty = (unit: Unit) => unit.body.length === 0 && (unit.top?.length ?? 0) === 0;

/** Fastify route files keep their handlers inside the plugin function: other code goes to module level. */
function toModuleLevel(unit: Unit): Unit {
  return { ...unit, top: ['', ...(unit.top ?? []), ...(unit.top?.length ? [''] : []), ...unit.body], body: [] };
}

function buildFile(ctx: Ctx): GeneratedSource {
  const { spec, rng } = ctx;
  const template = templates[spec.kind];
  const builder = new SourceBuilder(spec.path);
  const target = Math.min(spec.targetLines, MAX_LINES);
  builder.add(template.header(ctx));
  if (template.footer) builder.setFooter(template.footer(ctx));
  for (const pattern of template.patterns ?? []) {
    if (!rng.chance(pattern.chance)) continue;
    const unit = pattern.unit(ctx);
    if (!isEmpty(unit) && builder.lineCount + builder.cost(unit) <= MAX_LINES) builder.add(unit);
  }
  for (const make of rng.shuffle(template.units)) {
    if (builder.lineCount >= target) break;
    const unit = make(ctx);
    if (!isEmpty(unit) && builder.lineCount + builder.cost(unit) <= target) builder.add(unit);
  }
  const nested = spec.kind === 'route' && spec.framework === 'fastify';
  // Generic helpers fill the rest, each at most once until all were offered.
  let pool: typeof genericUnits = [];
  for (let misses = 0; builder.lineCount < target && misses < 8; ) {
    if (pool.length === 0) pool = rng.shuffle(genericUnits);
    const raw = pool[pool.length - 1]!(ctx);
    pool = pool.slice(0, -1);
    const unit = nested ? toModuleLevel(raw) : raw;
    if (builder.lineCount + builder.cost(unit) <= target) {
      builder.add(unit);
      misses = 0;
    } else {
      misses++;
    }
  }
  const text = builder.render();
  return { path: spec.path, kind: spec.kind, text, lines: text.split('\n').length - 1, patterns: [...new Set(builder.patterns)] };
}

/** The project's files in memory (no disk access): deterministic in `fileCount` and `seed`. */
export function generateSources(fileCount: number, seed = 1): GeneratedSource[] {
  const specs = planProject(fileCount, new Rng(hashString(`plan:${seed}`)));
  const index = new ProjectIndex(specs, seed);
  return specs.map((spec) => buildFile(index.context(spec)));
}

const packageJson = {
  name: 'generated-server',
  private: true,
  type: 'module',
  scripts: { start: 'node dist/server.js', build: 'tsc' },
  dependencies: Object.fromEntries(
    ['express', 'express-session', 'express-rate-limit', 'rate-limit-redis', 'connect-redis', 'helmet', 'cors', 'multer', 'fastify', '@fastify/cookie',
      '@fastify/session', '@fastify/rate-limit', 'socket.io', '@socket.io/redis-adapter', 'redis', 'pg', 'pino', 'jsonwebtoken', 'lru-cache',
      'bullmq', 'prom-client'].map((name) => [name, '*']),
  ),
};

const tsconfig = {
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'dist', rootDir: 'src', skipLibCheck: true },
  include: ['src'],
};

/**
 * Packages the generated code imports that have no types where the benchmark resolves modules (the repository's
 * node_modules). A real install brings them (helmet and prom-client ship types, pg and jsonwebtoken have @types);
 * declaring them keeps `tsc --noEmit` on the project clean, as it is in a real project's CI.
 */
const vendorTypes = [
  '// Dependencies whose type declarations are not installed: their imports are typed `any`.',
  ...['helmet', 'jsonwebtoken', 'pg', 'prom-client'].map((name) => `declare module '${name}';`),
];

/**
 * Writes a project of `fileCount` TypeScript files (plus package.json, tsconfig.json and src/types/vendor.d.ts) into
 * `dir`, which it creates; returns the files with their line counts and planted patterns.
 */
export async function generateProject(dir: string, fileCount: number, seed = 1): Promise<GeneratedProject> {
  const sources = generateSources(fileCount, seed);
  const dirs = new Set([...sources.map((source) => path.dirname(path.join(dir, source.path))), path.join(dir, 'src/types')]);
  for (const folder of dirs) await fs.mkdir(folder, { recursive: true });
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify(packageJson, null, 2) + '\n');
  await fs.writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2) + '\n');
  await fs.writeFile(path.join(dir, 'src/types/vendor.d.ts'), vendorTypes.join('\n') + '\n');
  const queue = [...sources];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let source = queue.pop(); source; source = queue.pop()) await fs.writeFile(path.join(dir, source.path), source.text);
    }),
  );
  const patternCounts: Record<string, number> = {};
  for (const source of sources) for (const pattern of source.patterns) patternCounts[pattern] = (patternCounts[pattern] ?? 0) + 1;
  return {
    dir,
    seed,
    files: sources.map(({ text: _text, ...file }) => file),
    totalLines: sources.reduce((sum, source) => sum + source.lines, 0),
    patternCounts,
  };
}
