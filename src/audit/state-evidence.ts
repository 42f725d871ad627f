/**
 * For state declared outside any function (a module-level binding, a class field), the chain that shows it is
 * per-request state: a handler reaching the function that changes it — `POST /cart handler → CartService.add()`.
 */
import { Node, SyntaxKind, ts } from 'ts-morph';
import { mutationAt } from './detectors/shared-module-state.js';
import { compilerIdentifiersNamed, identifiersNamed, lineOf, wrapNode } from './file-nodes.js';
import type { Evidence } from './model.js';
import type { Reachability } from './reachability.js';

/** The handler chain to the first change of the state declared at `node`, if a handler reaches one. */
export function chainToChange(node: Node, file: string, reach: Reachability): Evidence[] | undefined {
  const field = Node.isPropertyDeclaration(node) ? node : node.getFirstAncestorByKind(SyntaxKind.PropertyDeclaration);
  const variable = Node.isVariableDeclaration(node) ? node : node.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
  let name: string;
  let references: Node[];
  if (field) {
    name = field.getName();
    // `this.<name>` in the class: found through the file's identifiers by name, not a walk of the class per finding.
    const owner = field.getParent().compilerNode;
    const sourceFile = field.getSourceFile();
    references = compilerIdentifiersNamed(sourceFile.compilerNode, name)
      .map((identifier) => identifier.parent)
      .filter((access) => ts.isPropertyAccessExpression(access) && access.expression.kind === ts.SyntaxKind.ThisKeyword && access.pos >= owner.pos && access.end <= owner.end)
      .map((access) => wrapNode(sourceFile, access));
  } else if (variable && Node.isIdentifier(variable.getNameNode())) {
    name = variable.getName();
    references = identifiersNamed(variable.getSourceFile(), name).filter((identifier) => identifier !== variable.getNameNode());
  } else {
    return undefined;
  }
  for (const reference of references) {
    const reached = mutationAt(reference) ? reach.reachedFunctionOf(reference) : undefined;
    if (reached) return [...reach.chainTo(reached), { file, line: lineOf(reference), note: `changes ${field ? `this.${name}` : name}` }];
  }
  return undefined;
}
