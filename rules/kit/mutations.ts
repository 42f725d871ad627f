/** How a reference changes the value it names, and whether that happens at start-up or while serving. */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { startupCallbackMethods, startupFunctionNames } from '../../src/knowledge/index.js';
import { calleeMemberName, enclosingFunction, functionName, outermostWrapper, propertyName, unwrapExpression, type FunctionNode } from './ast.js';

/** `write`: `x = v`; `update`: `x++`, `x += v`; `member`: `x.set(k, v)`, `x[k] = v`, `delete x[k]`, `x.get(k).push(v)`. */
export type Mutation = 'write' | 'update' | 'member';

const mutatorMethods = new Set(['set', 'delete', 'clear', 'add', 'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);
/** Reads that hand out an element whose own mutation changes the container's contents. */
const elementReaders = new Set(['get', 'at', 'find']);
/** Array methods that call their callback synchronously: at module level they run during start-up. */
const syncIterationMethods = new Set(['forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'flatMap', 'sort']);

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
      if (depth > 0) return 'member';
      return parent.operator === '=' || parent.operator === '??=' || parent.operator === '||=' ? 'write' : 'update';
    }
    if (parent.type === AST_NODE_TYPES.UpdateExpression) return depth > 0 ? 'member' : 'update';
    if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') return depth > 0 ? 'member' : undefined;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current && isObjectAssign(parent.callee)) return 'member';
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current) return undefined;
    const member = outermostWrapper(parent);
    const call = member.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
      const method = propertyName(parent);
      if (method !== null && mutatorMethods.has(method)) return 'member';
      if (method === null || !elementReaders.has(method)) return undefined;
      current = outermostWrapper(call);
    } else {
      current = member;
    }
  }
  return undefined;
}

/** True for functions that run once at start-up: IIFEs, sync iteration at start-up, `listen` callbacks, `init()`-style names. */
function runsAtStartup(fn: FunctionNode, constructorsAreStartup: boolean): boolean {
  const self = outermostWrapper(fn);
  const parent = self.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    if (parent.callee === self) return true;
    const method = calleeMemberName(parent);
    if (method && parent.arguments.includes(self as TSESTree.CallExpressionArgument) && (syncIterationMethods.has(method) || startupCallbackMethods.includes(method))) return true;
  }
  if (constructorsAreStartup && fn.parent?.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor') return true;
  const name = functionName(fn);
  return name !== undefined && startupFunctionNames.some((pattern) => pattern.test(name));
}

/** True when `node` runs only while the module (or, with `constructorsAreStartup`, its singleton) starts. */
export function isStartupCode(node: TSESTree.Node, constructorsAreStartup = false): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (!runsAtStartup(fn, constructorsAreStartup)) return false;
  return true;
}

/** Does `test` mention the binding (by name for identifiers, by field for `this.x`)? */
function mentions(test: TSESTree.Node, target: TSESTree.Node): boolean {
  const text = (node: TSESTree.Node): string | undefined =>
    node.type === AST_NODE_TYPES.Identifier ? node.name : node.type === AST_NODE_TYPES.MemberExpression ? `.${propertyName(node)}` : undefined;
  const wanted = text(unwrapExpression(target));
  let found = false;
  const visit = (node: TSESTree.Node | null | undefined): void => {
    if (!node || found) return;
    if (text(node) === wanted) found = true;
    for (const value of Object.values(node)) {
      if (value && typeof value === 'object' && value !== node.parent) {
        if (Array.isArray(value)) value.forEach((item) => item && typeof item.type === 'string' && visit(item as TSESTree.Node));
        else if (typeof (value as TSESTree.Node).type === 'string') visit(value as TSESTree.Node);
      }
    }
  };
  visit(test);
  return found;
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
