/** Small, parser-neutral helpers over ESTree (TSESTree) nodes. */
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { sameValueTypes, unwrapNode } from '../../src/semantics/wrappers.js';

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export function isFunction(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The expression inside every wrapper of `src/semantics/wrappers.ts` (`as`, `satisfies`, `!`, `<T>x`, `?.`, `await`). */
export function unwrapExpression<T extends TSESTree.Node>(node: T): TSESTree.Node {
  return unwrapNode<TSESTree.Node>(node);
}

/** `node` with the wrappers around the very same value (`as`, `!`, `?.`, …; not `await`): compare this one with its parent's slots. */
export function outermostWrapper(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && sameValueTypes.has(current.parent.type)) current = current.parent;
  return current;
}

/** A string known without running the code: a literal, or a template without expressions. */
export function staticString(node: TSESTree.Node): string | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') return inner.value;
  if (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0) return inner.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The static name of a member expression's property or an object/class member's key. */
export function propertyName(node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | null {
  return ASTUtils.getPropertyName(node);
}

/** The name a function is known by: its own id, the variable, property or method it is assigned to. */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition || parent?.type === AST_NODE_TYPES.Property) && parent.value === fn) {
    return propertyName(parent) ?? undefined;
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.Identifier) return parent.left.name;
  return undefined;
}

/** Walks every node below `root` in source order (using the parser's visitor keys). */
export function walk(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const item = child[i] as TSESTree.Node | null;
          if (item && typeof item.type === 'string') stack.push(item);
        }
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

/**
 * The decorators of a class, member or parameter. typescript-estree always gives an array; espree (ESLint's
 * default parser) gives none, and Babel's parser only when there are decorators.
 */
export function decoratorsOf(node: TSESTree.ClassDeclaration | TSESTree.MethodDefinition): readonly TSESTree.Decorator[] {
  return (node as { decorators?: TSESTree.Decorator[] }).decorators ?? [];
}

/** The innermost function that contains `node`, or undefined at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

/** The member-call name when `node` is `x.name(...)`'s callee object chain root call, e.g. `app.get`. */
export function calleeMemberName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  return propertyName(callee) ?? undefined;
}
