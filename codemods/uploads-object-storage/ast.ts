/** AST questions of the uploads codemod; those every codemod asks are in `kit/ast.ts`. */
import type { ASTPath } from 'jscodeshift';
import { keyName } from '../kit/ast.js';

/** A node read structurally, for the fields ast-types' declarations leave out or type too narrowly. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Loose = { type: string; [field: string]: any };

/** A path to any node: jscodeshift's collections are typed per node type, these helpers take them all. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- NodePath<N> is invariant in N
export type AnyPath = ASTPath<any>;

export function loose(node: unknown): Loose {
  return node as Loose;
}

/** A plain `key: value` or method property (not a spread, not computed), with its key's name. */
export function propertyName(property: unknown): string | undefined {
  const node = property as Loose;
  return ['ObjectProperty', 'ObjectMethod'].includes(node.type) ? keyName(node.key, node.computed) : undefined;
}

/** The properties of an object literal; undefined when it has a spread or a computed key (its keys are unknown). */
export function knownProperties(object: unknown): Map<string, Loose> | undefined {
  const node = object as Loose;
  if (node.type !== 'ObjectExpression') return undefined;
  const properties = new Map<string, Loose>();
  for (const property of node.properties as Loose[]) {
    const name = propertyName(property);
    if (name === undefined) return undefined;
    properties.set(name, property);
  }
  return properties;
}

/** The property name of a non-computed member access (`a.b`, `a?.b`). */
export function memberName(node: unknown): string | undefined {
  const member = node as Loose | null;
  if (!member || (member.type !== 'MemberExpression' && member.type !== 'OptionalMemberExpression') || member.computed) return undefined;
  return member.property.type === 'Identifier' ? member.property.name : undefined;
}

/** `a.b.c` → ['a', 'b', 'c']; undefined for anything but identifiers joined by non-computed members. */
export function dottedName(node: unknown): string[] | undefined {
  const expression = node as Loose;
  if (expression.type === 'Identifier') return [expression.name];
  const name = memberName(expression);
  if (name === undefined) return undefined;
  const head = dottedName(expression.object);
  return head ? [...head, name] : undefined;
}

/** The name of a parameter, seeing through defaults and TS parameter properties; undefined for patterns. */
export function parameterName(parameter: unknown): string | undefined {
  const node = parameter as Loose | undefined;
  if (node?.type === 'Identifier') return node.name;
  if (node?.type === 'AssignmentPattern') return parameterName(node.left);
  return undefined;
}

/** The scope node that declares `name` as seen from `path`, or undefined when it is a global. */
export function declaringScope(path: AnyPath, name: string): unknown {
  const scope = (path as { scope?: { lookup(name: string): { node: unknown } | null } }).scope;
  return scope?.lookup(name)?.node;
}
