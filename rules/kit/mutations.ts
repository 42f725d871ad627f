/** How a reference changes the value it names, and whether that happens at start-up or while serving. */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { elementReaders, mutatorMethods, startupCallbackMethods, startupFunctionNames, startupParameterNames, syncIterationMethods } from '../../src/knowledge/index.js';
import { calleeMemberName, enclosingFunction, functionName, outermostWrapper, propertyName, unwrapExpression, type FunctionNode } from './ast.js';

/**
 * `write`: `x = v`; `update`: `x++`, `x += v`; `member`: `x[k] = v`, `delete x[k]`, `Object.assign(x, v)`;
 * `memberUpdate`: a count kept inside it, `x.hits++`, `x[k] += 1`, `x.get(k).n++`;
 * `method`: a mutator call on the value or an element of it, `x.set(k, v)`, `x.get(k).push(v)`.
 */
export type Mutation = 'write' | 'update' | 'member' | 'memberUpdate' | 'method';

const countingOperators = new Set(['+=', '-=']);

function isObjectAssign(callee: TSESTree.Node): boolean {
  const inner = unwrapExpression(callee);
  return inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.Identifier && inner.object.name === 'Object' && propertyName(inner) === 'assign';
}

/** How the expression `node` (an identifier or `this.field`) is changed where it stands, if it is. */
export function mutationAt(node: TSESTree.Node): Mutation | undefined {
  let current = outermostWrapper(node);
  for (let depth = 0; depth < 8; depth++) {
    const parent = current.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === current) {
      if (depth > 0) return countingOperators.has(parent.operator) ? 'memberUpdate' : 'member';
      return parent.operator === '=' || parent.operator === '??=' || parent.operator === '||=' ? 'write' : 'update';
    }
    if (parent.type === AST_NODE_TYPES.UpdateExpression) return depth > 0 ? 'memberUpdate' : 'update';
    if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') return depth > 0 ? 'member' : undefined;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current && isObjectAssign(parent.callee)) return 'member';
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current) return undefined;
    const member = outermostWrapper(parent);
    const call = member.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
      const method = propertyName(parent);
      if (method !== null && mutatorMethods.has(method)) return 'method';
      if (method === null || !elementReaders.has(method)) return undefined;
      current = outermostWrapper(call);
    } else {
      current = member;
    }
  }
  return undefined;
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

/** True for functions that run once at start-up: IIFEs, sync iteration at start-up, `listen` callbacks, `init()`-style names. */
function runsAtStartup(fn: FunctionNode, context: StartupContext, depth: number): boolean {
  if (context.isRequestHandling(fn)) return false;
  const self = outermostWrapper(fn);
  const parent = self.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    if (parent.callee === self) return true;
    const method = calleeMemberName(parent);
    if (method && parent.arguments.includes(self as TSESTree.CallExpressionArgument) && (syncIterationMethods.has(method) || startupCallbackMethods.includes(method))) return true;
  }
  if (fn.parent?.type === AST_NODE_TYPES.MethodDefinition) {
    if (context.constructorsAreStartup && fn.parent.kind === 'constructor') return true;
    // Lifecycle hooks such as NestJS `onModuleInit()` are the methods the framework calls once at start-up.
    const method = propertyName(fn.parent);
    if (method !== null && startupCallbackMethods.includes(method)) return true;
  }
  if (namedLikeStartup(fn)) return true;
  return calledOnlyAtStartup(fn, context, depth);
}

/** `init()`, `loadCountries()`, `setup(app)`: a start-up name, and no parameter beyond what start-up passes. */
function namedLikeStartup(fn: FunctionNode): boolean {
  const name = functionName(fn);
  if (name === undefined || !startupFunctionNames.some((pattern) => pattern.test(name))) return false;
  return fn.params.every((param) => {
    const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const target = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    return target.type === AST_NODE_TYPES.Identifier && startupParameterNames.some((pattern) => pattern.test(target.name));
  });
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
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (!runsAtStartup(fn, context, depth)) return false;
  return true;
}

/** Does `test` mention the binding (by name for identifiers, by field for `this.x`)? */
function mentions(test: TSESTree.Node, target: TSESTree.Node): boolean {
  const text = (node: TSESTree.Node): string | undefined =>
    node.type === AST_NODE_TYPES.Identifier ? node.name : node.type === AST_NODE_TYPES.MemberExpression ? `.${propertyName(node)}` : undefined;
  const wanted = text(unwrapExpression(target));
  // A stack of its own, not recursion: generated conditions nest thousands deep.
  const stack: TSESTree.Node[] = [test];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (text(node) === wanted) return true;
    for (const value of Object.values(node)) {
      if (value && typeof value === 'object' && value !== node.parent) {
        if (Array.isArray(value)) {
          for (const item of value) if (item && typeof item.type === 'string') stack.push(item as TSESTree.Node);
        }
        else if (typeof (value as TSESTree.Node).type === 'string') stack.push(value as TSESTree.Node);
      }
    }
  }
  return false;
}

/**
 * Lazy creation of a client or pool: `x ??= create()`, `if (!x) x = create()`, `x || (x = create())`.
 * Such a write makes a singleton, not per-request state.
 */
export function isLazyInit(target: TSESTree.Node): boolean {
  const assignment = outermostWrapper(target).parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression) return false;
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  const value = unwrapExpression(assignment.right);
  if (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.NewExpression) return false;
  for (let node: TSESTree.Node | undefined = assignment; node && node.parent; node = node.parent) {
    const parent: TSESTree.Node = node.parent;
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === node && mentions(parent.test, target)) return true;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === node && mentions(parent.left, target)) return true;
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node && mentions(parent.test, target)) return true;
    if (enclosingFunction(node) !== enclosingFunction(parent) || parent.type === AST_NODE_TYPES.Program) break;
  }
  return false;
}

/** `x = null` / `x = undefined`: a reset, as in `close()` of a lazily created client. */
export function isReset(target: TSESTree.Node): boolean {
  const assignment = outermostWrapper(target).parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') return false;
  const value = unwrapExpression(assignment.right);
  return (value.type === AST_NODE_TYPES.Literal && value.value === null) || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined');
}
