/**
 * Where a value can come from besides its declaration, read from the syntax: the fields a class assigns in its
 * constructor or methods (`this.driver = new LocalDriver()`), the later assignments of a `let`/`var`
 * (`storage = selectModule(settings)`), and what a function returns (a factory choosing a driver). Each list is
 * made once (by a walk of the class or function, or from the file's one walk) and cached.
 */
import type { ClassLikeDeclaration, Expression, FunctionLikeDeclaration, Identifier, InterfaceDeclaration, Node, SourceFile } from 'typescript';
import { nameAssignmentsOf } from './file-nodes.js';
import { ts } from './typescript.js';

/** Walks `root` in pre-order with a stack of its own (generated code nests thousands deep); `visit` says whether to go into a node's children. */
function walk(root: Node, visit: (node: Node) => boolean): void {
  const stack: Node[] = [root];
  const children: Node[] = [];
  const collect = (child: Node): void => {
    children.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!visit(node)) continue;
    ts.forEachChild(node, collect);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
    children.length = 0;
  }
}

export type HeritageDeclaration = ClassLikeDeclaration | InterfaceDeclaration;

/** Whether a class is declared `abstract`: it is never instantiated itself, so its values are its subclasses'. */
export function isAbstractClass(node: Node): boolean {
  return ts.isClassLike(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.AbstractKeyword);
}

/** Whether `node` belongs to the function or class around it, not to one nested inside (arrows keep `this`). */
const opensOwnThis = (node: Node): boolean => ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassLike(node);

const thisAssignmentsCache = new WeakMap<ClassLikeDeclaration, Map<string, Expression[]>>();

/**
 * The values a class assigns to its own fields: `this.name = value` in its constructor, methods, accessors and
 * field initialisers (through arrows, not through nested functions or classes, where `this` is another value).
 */
export function thisAssignments(classNode: ClassLikeDeclaration): ReadonlyMap<string, readonly Expression[]> {
  let found = thisAssignmentsCache.get(classNode);
  if (found) return found;
  found = new Map();
  const table = found;
  for (const member of classNode.members) {
    walk(member, (node) => {
      if (node !== member && opensOwnThis(node)) return false;
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const target = node.left;
        if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
          const name = target.name.text;
          table.set(name, [...(table.get(name) ?? []), node.right]);
        }
      }
      return true;
    });
  }
  thisAssignmentsCache.set(classNode, found);
  return found;
}

const assignmentsCache = new WeakMap<SourceFile, Map<string, Expression[]>>();

/** Every `name = value` of a file by the name assigned (any scope: the caller checks which declaration each name is). */
export function nameAssignmentsIn(sourceFile: SourceFile): ReadonlyMap<string, readonly Expression[]> {
  let found = assignmentsCache.get(sourceFile);
  if (found) return found;
  found = new Map();
  for (const assignment of nameAssignmentsOf(sourceFile)) {
    const name = (assignment.left as Identifier).text;
    found.set(name, [...(found.get(name) ?? []), assignment.right]);
  }
  assignmentsCache.set(sourceFile, found);
  return found;
}

const returnsCache = new WeakMap<FunctionLikeDeclaration, Expression[]>();

/** What a function or getter returns: the expression of each of its own `return` statements, or an arrow's expression body. */
export function returnedExpressions(fn: FunctionLikeDeclaration): readonly Expression[] {
  let found = returnsCache.get(fn);
  if (found) return found;
  found = [];
  const list = found;
  const body = fn.body;
  if (body && !ts.isBlock(body)) list.push(body);
  else if (body) {
    walk(body, (node) => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
      if (ts.isReturnStatement(node) && node.expression) list.push(node.expression);
      // A return statement is never inside an expression, except in a nested function.
      return !ts.isExpression(node);
    });
  }
  returnsCache.set(fn, found);
  return found;
}
