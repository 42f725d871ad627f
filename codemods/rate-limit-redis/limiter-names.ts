/**
 * Key prefixes for the limiters of one file. In memory every limiter counted alone; in Redis they share one
 * keyspace, so each gets its own prefix, named after what holds it (`loginLimiter` → `shop:rl:loginLimiter:`),
 * under the app's name (apps sharing a Redis share no counts).
 */
import path from 'node:path';
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { unwrap } from '../kit/api-sites.js';
import { keyName, parentPath } from '../kit/ast.js';

/** Every key a limiter writes starts with this, then the limiter's own name: limiters never share counts. */
const keyNamespace = 'rl';

function sanitize(text: string): string {
  return text.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** What the limiter created at `site` is called: its variable, field or key, or the route it guards. */
function holderName(site: ASTPath): { name: string | undefined; route?: true } | undefined {
  // Out of the wrappers around it (`rateLimit(…) as RequestHandler`, parentheses): the holder is past them.
  let current = site;
  for (let up = parentPath(current); up && unwrap(up.node) !== up.node; up = parentPath(current)) current = up;
  const parent = parentPath(current)?.node;
  if (!parent) return undefined;
  switch (parent.type) {
    case 'VariableDeclarator':
      return { name: keyName(parent.id) };
    case 'AssignmentExpression': {
      const left = unwrap(parent.left);
      return { name: left.type === 'MemberExpression' ? keyName(left.property, left.computed) : keyName(left) };
    }
    case 'ObjectProperty':
    case 'ClassProperty':
      return { name: keyName(parent.key, parent.computed) };
    case 'CallExpression': {
      // `app.use('/api/login', rateLimit(…))`: the route names it.
      const route = parent.arguments[0];
      return route && route !== current.node ? { name: keyName(route), route: true } : undefined;
    }
    default:
      return undefined;
  }
}

/** Hands out the key prefixes of one file's limiters, each once. */
export class LimiterNames {
  private readonly taken = new Set<string>();
  private readonly fallback: string;
  private readonly namespace: string;

  constructor(j: JSCodeshift, root: Collection, file: string, appName: string) {
    this.fallback = sanitize(path.basename(file, path.extname(file))) || 'limiter';
    this.namespace = `${appName}:${keyNamespace}`;
    // Prefixes already written (by hand or by an earlier run, with or without an app's name) stay taken.
    const written = new RegExp(`^(?:[\\w.-]+:)?${keyNamespace}:([\\w-]+):?$`);
    root.find(j.StringLiteral).forEach((found) => {
      const match = written.exec(found.node.value);
      if (match) this.taken.add(match[1]!);
    });
  }

  /**
   * A name for the limiter created at `site` that no other limiter of the file has: what holds it, else the
   * variable holding its options (`loginOptions` → `login`), else the route it guards, else the file's name.
   */
  private nameFor(site: ASTPath, optionsVariable: string | undefined): string {
    const holder = holderName(site);
    const options = optionsVariable?.replace(/(.)(Options|Opts|Config|Settings)$/, '$1');
    const base = sanitize((holder?.route ? undefined : holder?.name) ?? options ?? holder?.name ?? '') || this.fallback;
    let name = base;
    for (let index = 2; this.taken.has(name); index += 1) name = `${base}${index}`;
    this.taken.add(name);
    return name;
  }

  /** `<app>:rl:<name>:`, for rate-limit-redis, which puts the client key right after it. */
  storePrefix(site: ASTPath, optionsVariable?: string): string {
    return `${this.namespace}:${this.nameFor(site, optionsVariable)}:`;
  }

  /** `<app>:rl:<name>`, for rate-limiter-flexible, which adds the `:` itself. */
  keyPrefix(site: ASTPath, optionsVariable?: string): string {
    return `${this.namespace}:${this.nameFor(site, optionsVariable)}`;
  }
}
