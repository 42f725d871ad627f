/** One walk per file: its functions and calls, which several rules need. */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, walk, type FunctionNode } from './ast.js';

export interface FileIndex {
  functions: FunctionNode[];
  calls: TSESTree.CallExpression[];
}

const cache = new WeakMap<object, FileIndex>();

/** The functions and call expressions of the file, in source order (computed once per file). */
export function fileIndex(sourceCode: Readonly<TSESLint.SourceCode>): FileIndex {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  const index: FileIndex = { functions: [], calls: [] };
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (isFunction(node)) index.functions.push(node);
    else if (node.type === AST_NODE_TYPES.CallExpression) index.calls.push(node);
  });
  cache.set(sourceCode.ast, index);
  return index;
}
