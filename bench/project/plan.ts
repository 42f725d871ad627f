/** The layout of a generated project: which files exist, of which kind, in which domain, and how long each should be. */
import { camelCase, pascalCase, type Rng } from './random.js';

export type FileKind =
  | 'config'
  | 'lib'
  | 'model'
  | 'util'
  | 'validator'
  | 'repository'
  | 'service'
  | 'middleware'
  | 'controller'
  | 'route'
  | 'module'
  | 'app'
  | 'realtime'
  | 'worker'
  | 'server';

export type Framework = 'express' | 'fastify';

export interface Domain {
  /** kebab-case, unique: `order`, `admin-invoice`. */
  name: string;
  framework: Framework;
  /** Index of the app (group of domains) the domain is mounted in. */
  group: number;
}

export interface FileSpec {
  /** Posix path relative to the project root. */
  path: string;
  kind: FileKind;
  domain: Domain | undefined;
  /** kebab-case name of what the file is about (`order-item`); for lib/config files the file's own name. */
  base: string;
  /** PascalCase and camelCase of `base`. */
  pascal: string;
  camel: string;
  framework: Framework;
  /** Domains an app or server file wires together. */
  wires: Domain[];
  targetLines: number;
}

const entities = [
  'user', 'order', 'product', 'invoice', 'payment', 'customer', 'account', 'cart', 'shipment', 'review', 'coupon',
  'category', 'inventory', 'warehouse', 'supplier', 'employee', 'team', 'project', 'task', 'comment', 'notification',
  'subscription', 'plan', 'report', 'ticket', 'message', 'channel', 'document', 'asset', 'tenant', 'role', 'permission',
  'webhook', 'booking', 'vehicle', 'lead', 'campaign', 'contract', 'refund', 'discount', 'address', 'profile',
  'article', 'survey', 'appointment', 'device', 'license', 'quote',
];
const areas = ['', 'admin', 'partner', 'internal', 'public', 'legacy', 'mobile', 'billing', 'ops', 'vendor', 'support'];
const qualifiers = [
  '', 'item', 'summary', 'history', 'status', 'event', 'settings', 'export', 'search', 'stats', 'audit', 'batch', 'note',
  'tag', 'link', 'import', 'review', 'schedule', 'version', 'attachment', 'template', 'preference',
];

/** Files of each kind per domain, in dependency order (lower layers first). */
const domainQuota: readonly [FileKind, number][] = [
  ['model', 5], ['util', 4], ['validator', 3], ['repository', 4], ['service', 9],
  ['middleware', 3], ['controller', 3], ['route', 7], ['module', 1],
];
const filesPerDomain = domainQuota.reduce((sum, [, count]) => sum + count, 0);
const domainsPerApp = 8;

export const configFiles = ['index', 'database', 'auth', 'features', 'limits'];
export const libFiles = ['logger', 'db', 'http-error', 'async-handler', 'pagination', 'result', 'redis', 'ids', 'clock', 'events', 'auth', 'metrics'];

const kindDirs: Partial<Record<FileKind, [string, string]>> = {
  model: ['models', 'model'], util: ['utils', 'utils'], validator: ['validators', 'validator'],
  repository: ['repositories', 'repository'], service: ['services', 'service'], middleware: ['middlewares', 'middleware'],
  controller: ['controllers', 'controller'], route: ['routes', 'routes'],
};

/** 50–300 lines, most between 80 and 200. */
function targetLines(rng: Rng): number {
  return 58 + Math.floor(242 * rng.next() * (0.45 + 0.55 * rng.next()));
}

function spec(rng: Rng, path: string, kind: FileKind, base: string, domain: Domain | undefined, framework: Framework, wires: Domain[] = []): FileSpec {
  return { path, kind, domain, base, pascal: pascalCase(base), camel: camelCase(base), framework, wires, targetLines: targetLines(rng) };
}

function domainName(index: number): string {
  const entity = entities[index % entities.length]!;
  const area = areas[Math.floor(index / entities.length) % areas.length]!;
  const round = Math.floor(index / (entities.length * areas.length));
  const name = area ? `${area}-${entity}` : entity;
  return round > 0 ? `${name}${round + 1}` : name;
}

/** Plans `fileCount` files: shared config and lib first, then domains (each complete in layer order), apps, gateways, workers. */
export function planProject(fileCount: number, rng: Rng): FileSpec[] {
  const specs: FileSpec[] = [];
  for (const name of configFiles) specs.push(spec(rng, `src/config/${name}.ts`, 'config', name, undefined, 'express'));
  for (const name of libFiles) specs.push(spec(rng, `src/lib/${name}.ts`, 'lib', name, undefined, 'express'));
  const server = spec(rng, 'src/server.ts', 'server', 'server', undefined, 'express');
  specs.push(server);

  const domainCount = Math.max(1, Math.ceil((fileCount - specs.length) / (filesPerDomain + 0.35)));
  const order = rng.shuffle(Array.from({ length: domainCount }, (_, i) => i));
  const groupFrameworks: Framework[] = [];
  for (let d = 0; d < domainCount && specs.length < fileCount; d++) {
    const group = Math.floor(d / domainsPerApp);
    const framework = (groupFrameworks[group] ??= rng.chance(0.7) ? 'express' : 'fastify');
    const domain: Domain = { name: domainName(order[d]!), framework, group };
    const root = `src/domains/${domain.name}`;
    for (const [kind, count] of domainQuota) {
      const picked = kind === 'module' ? [''] : rng.sample(qualifiers, count);
      for (const qualifier of picked) {
        const base = qualifier ? `${domain.name}-${qualifier}` : domain.name;
        const dirs = kindDirs[kind];
        const path = dirs ? `${root}/${dirs[0]}/${base}.${dirs[1]}.ts` : `${root}/${domain.name}.module.ts`;
        specs.push(spec(rng, path, kind, base, domain, framework));
      }
    }
    if (d % domainsPerApp === domainsPerApp - 1 || d === domainCount - 1) {
      const wired = specs.filter((s) => s.kind === 'module' && s.domain?.group === group).map((s) => s.domain!);
      specs.push(spec(rng, `src/apps/${domain.name}/app.ts`, 'app', `${domain.name}-app`, domain, framework, wired));
    }
    if (d % 10 === 3) specs.push(spec(rng, `src/realtime/${domain.name}.gateway.ts`, 'realtime', `${domain.name}-gateway`, domain, framework));
    if (d % 12 === 5) specs.push(spec(rng, `src/workers/${domain.name}.worker.ts`, 'worker', `${domain.name}-worker`, domain, framework));
  }
  const planned = specs.slice(0, fileCount);
  server.wires = planned.filter((s) => s.kind === 'app').map((s) => s.domain!);
  return planned;
}
