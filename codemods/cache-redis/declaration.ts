/** The new declaration of a migrated cache: `new SharedCache<V>('<file>:<name>', { ttlMs })`. */
import path from 'node:path';
import type { JSCodeshift } from 'jscodeshift';
import type { Argument } from '../kit/api-sites.js';
import type { CodemodContext } from '../kit/codemod.js';
import type { CacheCandidate } from './candidates.js';
import type { TypeNode } from './types.js';

/**
 * The Redis name of a cache: file base and variable, e.g. `products:productCache`. An `index` file is
 * named after its folder, so that two folders' `index:cache` do not share entries.
 */
export function sharedCacheName(file: string, variable: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  const owner = base === 'index' ? `${path.basename(path.dirname(file))}/index` : base;
  return `${owner}:${variable}`;
}

/** Replaces the cache's initializer (and a Map/Record type annotation, which no longer fits) in place. */
export function rewriteDeclaration(
  j: JSCodeshift,
  context: Pick<CodemodContext, 'file' | 'code'>,
  candidate: CacheCandidate,
  sharedCache: string,
  valueType: TypeNode | 'any' | undefined,
): void {
  const args: Argument[] = [j.stringLiteral(sharedCacheName(context.file, candidate.name))];
  // Written as text: recast would spread a new one-property object over three lines.
  if (candidate.ttl) args.push(context.code(`{ ttlMs: ${j(candidate.ttl).toSource()} }`));
  const construct = j.newExpression(j.identifier(sharedCache), args);
  if (valueType) construct.typeParameters = j.tsTypeParameterInstantiation([valueType === 'any' ? j.tsAnyKeyword() : valueType]);
  const declarator = candidate.declarator.node;
  declarator.init = construct;
  const { id } = declarator;
  if ('typeAnnotation' in id && id.typeAnnotation) id.typeAnnotation = null;
}
