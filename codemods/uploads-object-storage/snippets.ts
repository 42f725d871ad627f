/**
 * New code written as source text and parsed in the file's own syntax: recast then prints it as written
 * (one line stays one line) instead of its generic layout, which breaks every object over several lines.
 */
import type { JSCodeshift } from 'jscodeshift';
import { loose, type Loose } from './ast.js';

/**
 * Parses `code` as one expression. Identifiers `$0`, `$1`… are placeholders for `nodes`, which keep their
 * original text; a property `$0: 0` is replaced by the property `nodes[0]`.
 */
export function expression(j: JSCodeshift, code: string, ...nodes: unknown[]): Loose {
  const file = j(`__snippet = ${code};`);
  file
    .find(j.Identifier)
    .filter((path) => /^\$\d+$/.test(path.node.name))
    .forEach((path) => {
      const node = nodes[Number(path.node.name.slice(1))] as never;
      const parent = loose(path.parent.node);
      const isPropertyKey = parent.type === 'ObjectProperty' && parent.key === path.node;
      if (isPropertyKey) path.parent.replace(node);
      else path.replace(node);
    });
  return loose(file.find(j.AssignmentExpression).paths()[0]!.node.right);
}


/** `name` as an object property bound to `local`: `s3` or `s3: s3Client`. */
export function shorthand(name: string, local: string): string {
  return name === local ? name : `${name}: ${local}`;
}

/** The source text of a node as it is printed now. */
export function sourceOf(j: JSCodeshift, node: unknown): string {
  return j(node as never).toSource();
}
