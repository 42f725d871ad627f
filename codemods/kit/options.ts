/** The options object of a call, followed into a same-file variable when it is passed by name. */
import type { ASTPath, JSCodeshift } from 'jscodeshift';

type Node = { type: string; [key: string]: unknown };
export type ObjectNode = Node & { properties: Node[] };

export type ResolvedOptions =
  | { kind: 'object'; object: ObjectNode }
  | { kind: 'missing' }
  | { kind: 'unknown'; why: string };

/**
 * The object literal a call receives as `argument`: written inline, or a `const` in scope initialised
 * with an object literal and never reassigned. Anything else (a parameter, an import, a call, a spread)
 * is `unknown`, with the reason.
 */
export function objectOptions(j: JSCodeshift, call: ASTPath, argument: Node | undefined): ResolvedOptions {
  if (argument === undefined) return { kind: 'missing' };
  if (argument.type === 'ObjectExpression') return { kind: 'object', object: argument as ObjectNode };
  if (argument.type !== 'Identifier') return { kind: 'unknown', why: 'not an object literal' };
  const name = argument.name as string;
  const scope = (call as ASTPath & { scope: { lookup(name: string): { getBindings(): Record<string, ASTPath[]> } | null } }).scope.lookup(name);
  const binding = scope?.getBindings()[name]?.[0];
  const declarator = binding?.parent as ASTPath | undefined;
  const node = declarator?.node as (Node & { init?: Node | null }) | undefined;
  const declaration = declarator?.parent?.node as (Node & { kind?: string }) | undefined;
  if (node?.type !== 'VariableDeclarator' || declaration?.kind !== 'const') return { kind: 'unknown', why: `\`${name}\` is not a local constant` };
  if (node.init?.type !== 'ObjectExpression') return { kind: 'unknown', why: `\`${name}\` is not an object literal` };
  return { kind: 'object', object: node.init as ObjectNode };
}

/** The property `name` of an object literal (identifier or string key), if set. */
export function propertyNamed(object: ObjectNode, name: string): Node | undefined {
  return object.properties.find((property) => {
    if (property.type !== 'ObjectProperty') return false;
    const key = property.key as Node;
    return (key.type === 'Identifier' && key.name === name) || (key.type === 'StringLiteral' && key.value === name);
  });
}

/** Whether an object literal spreads other objects in, which may set any option. */
export function hasSpread(object: ObjectNode): boolean {
  return object.properties.some((property) => property.type === 'SpreadElement' || property.type === 'SpreadProperty');
}
