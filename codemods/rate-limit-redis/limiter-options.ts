/**
 * The options object of a limiter as far as the file shows it, and the small edits every limiter rewrite
 * shares: the shared client's import and the removal of the memory class once nothing uses it.
 */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { CodemodContext, Report } from '../kit/codemod.js';
import { ensureImport, importedBindings, removeUnusedImports } from '../kit/imports.js';
import { objectOptions, propertyNamed, type ObjectNode } from '../kit/options.js';
import { stringLiteral } from '../kit/style.js';
import { unwrap, type Argument } from '../kit/api-sites.js';
import { keyName, parentPath } from '../kit/ast.js';
import type { LimiterNames } from './limiter-names.js';

/** What the generated `stateless/redis` adapter exports: the shared node-redis client. */
const redisClient = { adapter: 'redis', imported: 'redis' } as const;

export type LimiterOptions =
  | {
      kind: 'object';
      object: ObjectNode;
      /** Keys set later with `options.key = …`. */
      assigned: ReadonlySet<string>;
      /** The variable holding the options, when they are passed by name. */
      variable?: string;
    }
  | { kind: 'missing' }
  | { kind: 'unknown'; why: string };

/** Whether the options set `key`, in the literal or by a later assignment; `store: undefined` sets nothing. */
export function setsOption(options: LimiterOptions, key: string): boolean {
  if (options.kind !== 'object') return false;
  const property = propertyNamed(options.object, key);
  const value = property && unwrap(property.value);
  return (property !== undefined && !(value?.type === 'Identifier' && value.name === 'undefined')) || options.assigned.has(key);
}

/**
 * The options `argument` of the limiter created at `site`. Options in a variable are edited in place, so a
 * variable that several limiters share, or that `Object.assign` changes, is `unknown`: each limiter needs
 * its own store and prefix.
 */
export function limiterOptions(j: JSCodeshift, root: Collection, site: ASTPath, argument: Argument | undefined): LimiterOptions {
  if (argument === undefined) return { kind: 'missing' };
  const inner = unwrap(argument);
  const resolved = objectOptions(j, site, inner);
  if (resolved.kind !== 'object' || inner.type !== 'Identifier') return resolved.kind === 'object' ? { ...resolved, assigned: new Set() } : resolved;
  const name = inner.name;
  /** The call or `new` that `path` is passed to as an argument. */
  const callTaking = (path: ASTPath) => {
    const parent = parentPath(path)?.node;
    return (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments.some((argument) => argument === path.node) ? parent : undefined;
  };
  const passed = root.find(j.Identifier, { name }).filter((path) => callTaking(path) !== undefined);
  const merged = passed.filter((path) => {
    const callee = callTaking(path)?.callee;
    return callee !== undefined && 'property' in callee && keyName(callee.property) === 'assign';
  }).size();
  if (merged > 0) return { kind: 'unknown', why: `\`${name}\` is changed with Object.assign` };
  if (passed.size() > 1) return { kind: 'unknown', why: `\`${name}\` is shared by ${passed.size()} limiters, and each needs its own store` };
  const assigned = new Set<string>();
  root.find(j.AssignmentExpression).forEach((path) => {
    const left = unwrap(path.node.left);
    const object = left.type === 'MemberExpression' ? unwrap(left.object) : undefined;
    if (left.type === 'MemberExpression' && object?.type === 'Identifier' && object.name === name) {
      const key = keyName(left.property, left.computed);
      if (key) assigned.add(key);
    }
  });
  return { kind: 'object', object: resolved.object, assigned, variable: name };
}

/** What the limiter rewrites of one file share: its names, the shared client, the report. */
export class LimiterRewriteContext {
  private clientLocal: string | undefined;

  constructor(
    readonly root: Collection,
    readonly j: JSCodeshift,
    readonly context: CodemodContext,
    readonly report: Report,
    readonly names: LimiterNames,
  ) {}

  /** The local name of the shared Redis client, imported on first use. */
  redis(): string {
    this.clientLocal ??= ensureImport(this.j, this.root, this.context.style, { module: this.context.adapterSpecifier(redisClient.adapter), imported: redisClient.imported });
    return this.clientLocal;
  }

  /** A string literal in the file's quote style, for text given to `context.code`. */
  quoted(text: string): string {
    return stringLiteral(text, this.context.style.quote);
  }

  /**
   * Drops the import of `imported` from `module` once nothing references it. The kit's cleanup drops every
   * unused binding of the module, so it runs only when this one is the only unused binding.
   */
  removeImportIfUnused(module: string, imported: string): void {
    const { j, root } = this;
    const unused = importedBindings(j, root, [module]).filter(
      (binding) => root.find(j.Identifier, { name: binding.local }).filter((path) => !within(path, binding.declaration)).size() === 0,
    );
    if (unused.length > 0 && unused.every((binding) => binding.imported === imported)) removeUnusedImports(j, root, [module]);
  }
}

function within(path: ASTPath, ancestor: ASTPath): boolean {
  for (let current: ASTPath | null = path; current; current = parentPath(current)) if (current.node === ancestor.node) return true;
  return false;
}
