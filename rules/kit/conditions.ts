/**
 * Whether code runs only under a condition: `if (redisUrl) opts.store = …`, `cond ? a : b`, `cond && x`.
 * Options set only there are off in the default configuration, so the library's default applies.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, walk } from './ast.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** True when `branch` assigns to the same target text as `target` (`opts.store = …` in the `else` too). */
function assignsSame(sourceCode: SourceCode, branch: TSESTree.Node | null | undefined, target: string): boolean {
  if (!branch) return false;
  let found = false;
  walk(branch, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && sourceCode.getText(node.left) === target) found = true;
  });
  return found;
}

/**
 * True when `node` runs only under a condition that the code around `since` (the declaration it changes) does not
 * share: inside an `if` branch (unless the other branch assigns `target` too), a `?:` branch, the right of `&&`/`||`/`??`,
 * or a `switch` case. A nested function is not a condition (it may run at any time: not guessed, so false).
 */
export function runsConditionally(sourceCode: SourceCode, node: TSESTree.Node, since: TSESTree.Node, target?: string): boolean {
  let child = node;
  for (let parent = node.parent; parent && !contains(parent, since); child = parent, parent = parent.parent) {
    if (isFunction(parent)) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
        if (child === parent.test) break;
        if (target !== undefined && assignsSame(sourceCode, child === parent.consequent ? parent.alternate : parent.consequent, target)) break;
        return true;
      case AST_NODE_TYPES.ConditionalExpression:
        if (child !== parent.test) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right) return true;
        break;
      case AST_NODE_TYPES.SwitchCase:
        return true;
      default:
        break;
    }
  }
  return false;
}
