/** The new declaration of a migrated cache: `new SharedCache<V>('<file>:<name>', { ttlMs })`. */
import path from 'node:path';
import type { JSCodeshift } from 'jscodeshift';
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
  const args: unknown[] = [j.stringLiteral(sharedCacheName(context.file, candidate.name))];
  // Written as text: recast would spread a new one-property object over three lines.
  if (candidate.ttl) args.push(context.code(`{ ttlMs: ${j(candidate.ttl as never).toSource()} }`));
  const construct = j.newExpression(j.identifier(sharedCache), args as never);
  if (valueType) {
    const typeArgument = valueType === 'any' ? j.tsAnyKeyword() : valueType;
    (construct as { typeParameters?: unknown }).typeParameters = j.tsTypeParameterInstantiation([typeArgument as never]);
  }
  const declarator = candidate.declarator.node;
  declarator.init = construct;
  const id = declarator.id as { typeAnnotation?: unknown };
  if (id.typeAnnotation) id.typeAnnotation = null;
}
