/**
 * How a reference changes the value it names, and whether that happens at start-up or while serving: both decided in
 * src/semantics/ (mutations.ts, startup.ts) over ESTree nodes; the rules add what their scope analysis shows.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isLazyInit as sharedIsLazyInit, isReset as sharedIsReset, mutationAt as sharedMutationAt, type Climb, type Mutation } from '../../src/semantics/mutations.js';
import { isStartupCode as sharedIsStartupCode, type StartupFacts } from '../../src/semantics/startup.js';
import { syntaxNode } from '../../src/semantics/wrappers.js';
import { isFunction, outermostWrapper, type FunctionNode } from './ast.js';

/** The rules' way up the tree: ESTree nodes know their parent. */
export const climbNodes: Climb<TSESTree.Node> = { parent: (node) => node.parent, node: syntaxNode };

export type { Mutation };

/** How the expression `node` (an identifier or `this.field`) is changed where it stands, if it is. */
export function mutationAt(node: TSESTree.Node): Mutation | undefined {
  return sharedMutationAt(node, climbNodes);
}

/** Where start-up ends and serving begins, for one file and one piece of state. */
export interface StartupContext {
  sourceCode: Readonly<TSESLint.SourceCode>;
  /** True for functions that handle requests (they never count as start-up, whatever their name). */
  isRequestHandling(fn: FunctionNode): boolean;
  /** A singleton's constructor runs once, at start-up. */
  constructorsAreStartup: boolean;
}

// How many local calls deep "only called from start-up code" is followed; keeps call cycles finite.
const MAX_CALL_DEPTH = 3;

/** What the rules know beyond the syntax (src/semantics/startup.ts decides the rest): handlers, singletons, local calls. */
function startupFacts(context: StartupContext, depth: number): StartupFacts<TSESTree.Node> {
  return {
    isRequestHandling: (fn) => isFunction(fn) && context.isRequestHandling(fn),
    constructorsAreStartup: context.constructorsAreStartup,
    calledOnlyAtStartup: (fn) => isFunction(fn) && calledOnlyAtStartup(fn, context, depth),
  };
}

/** The variable a function is known by in its scope: `function f(){}` or `const f = () => {}`. */
function functionVariable(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ? sourceCode.getDeclaredVariables(fn)[0] : undefined;
  const declarator = outermostWrapper(fn).parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return sourceCode.getDeclaredVariables(declarator)[0];
}

function isExported(fn: FunctionNode): boolean {
  const holder = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.parent : outermostWrapper(fn).parent?.parent?.parent;
  return holder?.type === AST_NODE_TYPES.ExportNamedDeclaration || holder?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
}

/**
 * A local, unexported function whose every use is a call made during start-up (`async function warm(){…}; await warm();`).
 * Any other use (exported, passed as a callback, called while serving) may run it later.
 */
function calledOnlyAtStartup(fn: FunctionNode, context: StartupContext, depth: number): boolean {
  if (depth >= MAX_CALL_DEPTH || isExported(fn)) return false;
  const uses = functionVariable(fn, context.sourceCode)?.references.filter((ref) => !ref.init) ?? [];
  return uses.length > 0 && uses.every((ref) => {
    const callee = outermostWrapper(ref.identifier);
    const call = callee.parent;
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee === callee && isStartupCode(call, context, depth + 1);
  });
}

/** True when `node` runs only while the module (or, with `constructorsAreStartup`, its singleton) starts. */
export function isStartupCode(node: TSESTree.Node, context: StartupContext, depth = 0): boolean {
  return sharedIsStartupCode(node, climbNodes, startupFacts(context, depth));
}

/** Lazy creation of a client, pool or container (`x ??= create()`, `if (!x) x = create()`): a singleton, not per-request state. */
export function isLazyInit(target: TSESTree.Node): boolean {
  return sharedIsLazyInit(target, climbNodes);
}

/** `x = null` / `x = undefined`: a reset, as in `close()` of a lazily created client. */
export function isReset(target: TSESTree.Node): boolean {
  return sharedIsReset(target, climbNodes);
}
