/**
 * For state declared outside any function (a module-level binding, a class field), the chain that shows it is
 * per-request state: a handler reaching the function that changes it — `POST /cart handler → CartService.add()`.
 */
import type { Node, PropertyDeclaration, VariableDeclaration } from 'typescript';
import { storingChange } from './shared-module-state.js';
import { identifiersNamed, lineOf } from '../syntax/file-nodes.js';
import type { Evidence } from '../model.js';
import type { Reachability } from '../program/reachability.js';
import { ts } from '../syntax/typescript.js';

/** `node` when it is of the kind `is` tests for, else its nearest such ancestor. */
function selfOrAncestor<T extends Node>(node: Node, is: (candidate: Node) => candidate is T): T | undefined {
  for (let current: Node | undefined = node; current; current = current.parent) if (is(current)) return current;
  return undefined;
}

/** The handler chain to the first change of the state declared at `node`, if a handler reaches one. */
export function chainToChange(node: Node, file: string, reach: Reachability): Evidence[] | undefined {
  const field: PropertyDeclaration | undefined = selfOrAncestor(node, ts.isPropertyDeclaration);
  const variable: VariableDeclaration | undefined = selfOrAncestor(node, ts.isVariableDeclaration);
  let name: string;
  let references: readonly Node[];
  if (field) {
    name = field.name.getText();
    // `this.<name>` in the class: found through the file's identifiers by name, not a walk of the class per finding.
    const owner = field.parent;
    references = identifiersNamed(field.getSourceFile(), name)
      .map((identifier) => identifier.parent)
      .filter((access) => ts.isPropertyAccessExpression(access) && access.expression.kind === ts.SyntaxKind.ThisKeyword && access.pos >= owner.pos && access.end <= owner.end);
  } else if (variable && ts.isIdentifier(variable.name)) {
    name = variable.name.getText();
    const declared = variable.name;
    references = identifiersNamed(variable.getSourceFile(), name).filter((identifier) => identifier !== declared);
  } else {
    return undefined;
  }
  for (const reference of references) {
    const reached = storingChange(reference) ? reach.reachedFunctionOf(reference) : undefined;
    if (reached) return [...reach.chainTo(reached), { file, line: lineOf(reference), note: `changes ${field ? `this.${name}` : name}` }];
  }
  return undefined;
}
