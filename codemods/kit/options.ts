/** The options object of a call, followed into a same-file variable when it is passed by name. */
import type { ASTPath, JSCodeshift, ObjectExpression, ObjectProperty } from 'jscodeshift';
import { scopeOf } from './api-sites.js';
import { parentPath } from './ast.js';

export type ObjectNode = ObjectExpression;

export type ResolvedOptions =
  | { kind: 'object'; object: ObjectNode }
  | { kind: 'missing' }
  | { kind: 'unknown'; why: string };

/**
 * The object literal a call receives as `argument`: written inline, or a `const` in scope initialised
 * with an object literal and never reassigned. Anything else (a parameter, an import, a call, a spread)
 * is `unknown`, with the reason.
 */
export function objectOptions(j: JSCodeshift, call: ASTPath, argument: unknown): ResolvedOptions {
  if (argument === undefined) return { kind: 'missing' };
  if (j.ObjectExpression.check(argument)) return { kind: 'object', object: argument };
  if (!j.Identifier.check(argument)) return { kind: 'unknown', why: 'not an object literal' };
  const name = argument.name;
  const binding = scopeOf(call)?.lookup(name)?.getBindings()[name]?.[0];
  const declarator = binding && parentPath(binding);
  const node = declarator?.node;
  const declaration = declarator && parentPath(declarator)?.node;
  if (node?.type !== 'VariableDeclarator' || declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') return { kind: 'unknown', why: `\`${name}\` is not a local constant` };
  if (node.init?.type !== 'ObjectExpression') return { kind: 'unknown', why: `\`${name}\` is not an object literal` };
  return { kind: 'object', object: node.init };
}

/** The property `name` of an object literal (identifier or string key), if set. */
export function propertyNamed(object: ObjectNode, name: string): ObjectProperty | undefined {
  return object.properties.find((property): property is ObjectProperty => {
    if (property.type !== 'ObjectProperty') return false;
    const key = property.key;
    return (key.type === 'Identifier' && key.name === name) || (key.type === 'StringLiteral' && key.value === name);
  });
}

/** Whether an object literal spreads other objects in, which may set any option. */
export function hasSpread(object: ObjectNode): boolean {
  return object.properties.some((property) => property.type === 'SpreadElement' || property.type === 'SpreadProperty');
}
