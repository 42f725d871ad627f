/** Whether code runs inside a callback handed to a given kind of call (`sub.on('message', fn)`, `sub.subscribe(ch, fn)`). */
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { CallbackSite } from '../../src/knowledge/index.js';
import { enclosingFunction, outermostWrapper, propertyName, staticString, unwrapExpression, type FunctionNode } from './ast.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The identifier a member chain starts from: `sub` in `sub.on`, `this.sub.on` has none. */
function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current = unwrapExpression(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrapExpression(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

/** A function parameter is a per-connection object (`ws.on('message', …)` inside `wss.on('connection', (ws) => …)`). */
function isParameter(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return variable?.defs.some((definition) => definition.type === 'Parameter') ?? false;
}

function isCallbackOf(sourceCode: SourceCode, fn: FunctionNode, site: CallbackSite): boolean {
  const self = outermostWrapper(fn);
  const call = self.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(self as TSESTree.CallExpressionArgument)) return false;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(callee);
  if (method === null || !site.methods.includes(method)) return false;
  if (site.events) {
    const event = call.arguments[0] && staticString(call.arguments[0]);
    if (event === undefined || !site.events.includes(event)) return false;
  }
  const root = rootIdentifier(callee.object);
  return !root || !isParameter(sourceCode, root);
}

/** True when `node` runs inside a callback passed to one of `sites`. */
export function isInsideCallbackOf(sourceCode: SourceCode, node: TSESTree.Node, sites: readonly CallbackSite[]): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (sites.some((site) => isCallbackOf(sourceCode, fn!, site))) return true;
  }
  return false;
}
