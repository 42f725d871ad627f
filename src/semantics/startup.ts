/**
 * Where start-up ends and serving begins: code that runs once while the module (or its singleton) starts changes
 * nothing per request. Answered over ESTree and Babel node names, with each part's way up its tree (`Climb`), as
 * src/semantics/mutations.ts is: the rules (rules/kit/mutations.ts) over ESTree nodes, the codemods' kit
 * (codemods/kit/module-state.ts) over jscodeshift paths, the audit over its compiler nodes through
 * src/audit/syntax/syntax-view.ts. The rules add what only their scope analysis shows (`calledOnlyAtStartup`): a
 * local function only ever called at start-up.
 */
import { syncIterationMethods } from '../knowledge/containers.js';
import { startupCallbackMethods, startupFunctionNames, startupParameterNames } from '../knowledge/frameworks.js';
import { functionTypes, memberName, type Climb } from './mutations.js';
import { sameValueTypes, unwrapNode, type SyntaxNode } from './wrappers.js';

/** Types that hold a function under a key (`{ init() {} }`, `class { start = () => {} }`), in either tree. */
const keyedHolderTypes: ReadonlySet<string> = new Set(['MethodDefinition', 'PropertyDefinition', 'Property', 'ObjectProperty', 'ClassProperty']);
const methodTypes: ReadonlySet<string> = new Set(['ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

function keyName(key: SyntaxNode | undefined, computed: boolean): string | undefined {
  if (!key) return undefined;
  if (!computed && key.type === 'Identifier') return key.name as string;
  return (key.type === 'Literal' || key.type === 'StringLiteral') && typeof key.value === 'string' ? key.value : undefined;
}

/** The name a function is known by: its own id, the variable, property or method it is assigned to. */
export function functionName<P>(fn: P, climb: Climb<P>): string | undefined {
  const node = climb.node(fn);
  const id = node.id as SyntaxNode | null | undefined;
  if (id?.type === 'Identifier') return id.name as string;
  if (methodTypes.has(node.type)) return keyName(node.key as SyntaxNode, node.computed === true);
  const holderPlace = climb.parent(fn);
  const holder = holderPlace ? climb.node(holderPlace) : undefined;
  if (!holder) return undefined;
  if (holder.type === 'VariableDeclarator' && (holder.id as SyntaxNode).type === 'Identifier') return (holder.id as SyntaxNode).name as string;
  if (keyedHolderTypes.has(holder.type) && holder.value === node) return keyName(holder.key as SyntaxNode, holder.computed === true);
  const left = holder.type === 'AssignmentExpression' ? (holder.left as SyntaxNode) : undefined;
  return left?.type === 'Identifier' ? (left.name as string) : undefined;
}

/** `init()`, `loadCountries()`, `setup(app)`: a start-up name, and no parameter beyond what start-up passes. */
function namedLikeStartup<P>(fn: P, climb: Climb<P>): boolean {
  const name = functionName(fn, climb);
  if (name === undefined || !startupFunctionNames.some((pattern) => pattern.test(name))) return false;
  return ((climb.node(fn).params as SyntaxNode[] | undefined) ?? []).every((param) => {
    const inner = param.type === 'TSParameterProperty' ? (param.parameter as SyntaxNode) : param;
    const target = inner.type === 'AssignmentPattern' ? (inner.left as SyntaxNode) : inner;
    return target.type === 'Identifier' && startupParameterNames.some((pattern) => pattern.test(target.name as string));
  });
}

/** What a part knows beyond the syntax around a function. */
export interface StartupFacts<P> {
  /** True for functions that handle requests (they never count as start-up, whatever their name). */
  isRequestHandling?(fn: P): boolean;
  /** A singleton's constructor runs once, at start-up. */
  constructorsAreStartup?: boolean;
  /** True for a function the part knows is only ever called from start-up code (asked last). */
  calledOnlyAtStartup?(fn: P): boolean;
}

/**
 * True for a function that runs once at start-up: an IIFE, a callback of sync iteration or of a `listen`-style
 * method, a lifecycle hook (`onModuleInit`), a singleton's constructor, named like start-up and taking nothing
 * but what start-up passes (`loadUser(id)` may run for each request), or one the part knows only start-up calls.
 */
export function runsAtStartup<P>(fn: P, climb: Climb<P>, facts: StartupFacts<P> = {}): boolean {
  if (facts.isRequestHandling?.(fn)) return false;
  let self = fn;
  for (let parent = climb.parent(self); parent && sameValueTypes.has(climb.node(parent).type); parent = climb.parent(self)) self = parent;
  const parentPlace = climb.parent(self);
  const parent = parentPlace ? climb.node(parentPlace) : undefined;
  if (parent?.type === 'CallExpression' || parent?.type === 'OptionalCallExpression') {
    if (parent.callee === climb.node(self)) return true;
    const callee = unwrapNode(parent.callee as SyntaxNode);
    const method = callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression' ? memberName(callee) : undefined;
    if (method !== undefined && (parent.arguments as SyntaxNode[]).includes(climb.node(self)) && (syncIterationMethods.has(method) || startupCallbackMethods.includes(method))) return true;
  }
  const node = climb.node(fn);
  // Babel keeps a method's key on the function; ESTree on the `MethodDefinition` or method `Property` holding it.
  const method = methodTypes.has(node.type) ? node : parent?.type === 'MethodDefinition' || (parent?.type === 'Property' && parent.method === true) ? parent : undefined;
  if (method) {
    if (facts.constructorsAreStartup && method.kind === 'constructor') return true;
    const name = keyName(method.key as SyntaxNode, method.computed === true);
    if (name !== undefined && startupCallbackMethods.includes(name)) return true;
  }
  return namedLikeStartup(fn, climb) || (facts.calledOnlyAtStartup?.(fn) ?? false);
}

/** True when the code at `place` runs only while the module starts: at top level, or only in functions that run at start-up. */
export function isStartupCode<P>(place: P, climb: Climb<P>, facts: StartupFacts<P> = {}): boolean {
  for (let current = climb.parent(place); current; current = climb.parent(current)) {
    if (functionTypes.has(climb.node(current).type) && !runsAtStartup(current, climb, facts)) return false;
  }
  return true;
}
