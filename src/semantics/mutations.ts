/**
 * Whether a reference changes the value it names, answered once for the rules (ESTree nodes with `parent`) and the
 * codemods (jscodeshift paths over Babel trees): both trees share the node and field names read here, and each part
 * says how to climb from a place to its parent. The audit reads its compiler nodes through an ESTree view of them
 * (src/audit/syntax/syntax-view.ts). All three are held to the conformance table (src/semantics/conformance-table.ts).
 */
import { containerConstructors, elementReaders, mutatorMethods } from '../knowledge/containers.js';
import { sameValueTypes, syntaxNode, unwrapNode, type AnyNode, type SyntaxNode } from './wrappers.js';

/** How a part walks its tree: a place (a node, or a path) to its parent place, and the node at a place. */
export interface Climb<P> {
  parent(place: P): P | null | undefined;
  node(place: P): SyntaxNode;
}

/**
 * `write`: `x = v`; `update`: `x++`, `x += v`; `member`: `x[k] = v`, `delete x[k]`, `Object.assign(x, v)`;
 * `memberUpdate`: a count kept inside it, `x.hits++`, `x[k] += 1`, `x.get(k).n++`;
 * `method`: a mutator call on the value or an element of it, `x.set(k, v)`, `x.get(k).push(v)`.
 */
export type Mutation = 'write' | 'update' | 'member' | 'memberUpdate' | 'method';

/** Assignments that store a value rather than compute from the old one (`x ??= v` writes only once). */
const writingOperators: ReadonlySet<string> = new Set(['=', '??=', '||=']);
const countingOperators: ReadonlySet<string> = new Set(['+=', '-=']);
/** Wrappers around the value a reference names, `await` included: `(await store).set(k, v)` changes `store`. */
const climbTypes: ReadonlySet<string> = new Set([...sameValueTypes, 'AwaitExpression']);

export const functionTypes: ReadonlySet<string> = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

function isMember(node: SyntaxNode | undefined): boolean {
  return node?.type === 'MemberExpression' || node?.type === 'OptionalMemberExpression';
}

function isCall(node: SyntaxNode | undefined): boolean {
  return node?.type === 'CallExpression' || node?.type === 'OptionalCallExpression';
}

/** The static name of a member's property: `x.name`, `x['name']`, ``x[`name`]``. */
export function memberName(node: AnyNode): string | undefined {
  const member = syntaxNode(node);
  const property = member.property as SyntaxNode;
  if (!member.computed) return property.type === 'Identifier' ? (property.name as string) : undefined;
  if ((property.type === 'Literal' || property.type === 'StringLiteral') && typeof property.value === 'string') return property.value;
  if (property.type === 'TemplateLiteral' && (property.expressions as unknown[]).length === 0) {
    return ((property.quasis as SyntaxNode[])[0]?.value as { cooked?: string | null }).cooked ?? undefined;
  }
  return undefined;
}

/** `place` with the wrappers around its value: compare this one with its parent's slots. */
export function outermost<P>(place: P, climb: Climb<P>): P {
  let current = place;
  for (let parent = climb.parent(current); parent && climbTypes.has(climb.node(parent).type); parent = climb.parent(current)) current = parent;
  return current;
}

function isObjectAssign(callee: SyntaxNode): boolean {
  const inner = unwrapNode(callee);
  const object = inner.object as SyntaxNode | undefined;
  return isMember(inner) && object?.type === 'Identifier' && object.name === 'Object' && memberName(inner) === 'assign';
}

/** How the expression at `place` (an identifier, `this.field`, `Owner.field`) is changed where it stands, if it is. */
export function mutationAt<P>(place: P, climb: Climb<P>): Mutation | undefined {
  let current = outermost(place, climb);
  for (let depth = 0; depth < 8; depth++) {
    const parentPlace = climb.parent(current);
    if (!parentPlace) return undefined;
    const parent = climb.node(parentPlace);
    const self = climb.node(current);
    if (parent.type === 'AssignmentExpression' && parent.left === self) {
      if (depth > 0) return countingOperators.has(parent.operator as string) ? 'memberUpdate' : 'member';
      return writingOperators.has(parent.operator as string) ? 'write' : 'update';
    }
    if (parent.type === 'UpdateExpression') return depth > 0 ? 'memberUpdate' : 'update';
    if (parent.type === 'UnaryExpression' && parent.operator === 'delete') return depth > 0 ? 'member' : undefined;
    if (isCall(parent) && (parent.arguments as unknown[])[0] === self && isObjectAssign(parent.callee as SyntaxNode)) return 'member';
    if (!isMember(parent) || parent.object !== self) return undefined;
    const member = outermost(parentPlace, climb);
    const callPlace = climb.parent(member);
    const call = callPlace ? climb.node(callPlace) : undefined;
    if (callPlace && isCall(call) && call!.callee === climb.node(member)) {
      const method = memberName(parent);
      if (method !== undefined && mutatorMethods.has(method)) return 'method';
      if (method === undefined || !elementReaders.has(method)) return undefined;
      current = outermost(callPlace, climb);
    } else {
      current = member;
    }
  }
  return undefined;
}

/** A Map, Set, array or plain object created here (not a client or a library object). */
export function isContainerValue(value: AnyNode | null | undefined): boolean {
  if (!value) return false;
  const inner = unwrapNode(syntaxNode(value));
  if (inner.type === 'ObjectExpression' || inner.type === 'ArrayExpression') return true;
  const callee = inner.callee as SyntaxNode | undefined;
  if (inner.type === 'NewExpression') return callee?.type === 'Identifier' && containerConstructors.has(callee.name as string);
  if (!isCall(inner) || !callee || !isMember(callee)) return false;
  const object = callee.object as SyntaxNode;
  return object.type === 'Identifier' && object.name === 'Object' && memberName(callee) === 'create';
}

/** The child nodes of `node`, for a walk that must not recurse (generated conditions nest thousands deep). */
function children(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'original' || !value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof (item as SyntaxNode).type === 'string') found.push(item as SyntaxNode);
    } else if (typeof (value as SyntaxNode).type === 'string') found.push(value as SyntaxNode);
  }
  return found;
}

/** Does `test` mention the binding (by name for identifiers, by field for `this.x`)? */
function mentions(test: SyntaxNode, target: SyntaxNode): boolean {
  const text = (node: SyntaxNode): string | undefined => (node.type === 'Identifier' ? (node.name as string) : isMember(node) ? `.${memberName(node)}` : undefined);
  const wanted = text(unwrapNode(target));
  const stack = [test];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (text(node) === wanted) return true;
    stack.push(...children(node));
  }
  return false;
}

/** The assignment whose target is the expression at `place`, if it is one. */
function assignmentTo<P>(place: P, climb: Climb<P>): { at: P; node: SyntaxNode } | undefined {
  const target = outermost(place, climb);
  const at = climb.parent(target);
  const node = at ? climb.node(at) : undefined;
  return at && node?.type === 'AssignmentExpression' && node.left === climb.node(target) ? { at, node } : undefined;
}

/**
 * Lazy creation of a client, pool or container: `x ??= create()`, `if (!x) x = new Map()`, `x || (x = create())`.
 * Such a write makes a singleton, not per-request state; `x ??= req.user` stores what a request brought.
 */
export function isLazyInit<P>(place: P, climb: Climb<P>): boolean {
  const assignment = assignmentTo(place, climb);
  if (!assignment) return false;
  const value = unwrapNode(assignment.node.right as SyntaxNode);
  if (value.type !== 'CallExpression' && value.type !== 'NewExpression' && !isContainerValue(value)) return false;
  if (assignment.node.operator === '??=' || assignment.node.operator === '||=') return true;
  if (assignment.node.operator !== '=') return false;
  const target = climb.node(place);
  let node = assignment.node;
  for (let parentPlace = climb.parent(assignment.at); parentPlace; parentPlace = climb.parent(parentPlace)) {
    const parent = climb.node(parentPlace);
    if (parent.type === 'IfStatement' && parent.consequent === node && mentions(parent.test as SyntaxNode, target)) return true;
    if (parent.type === 'LogicalExpression' && parent.right === node && mentions(parent.left as SyntaxNode, target)) return true;
    if (parent.type === 'ConditionalExpression' && parent.test !== node && mentions(parent.test as SyntaxNode, target)) return true;
    if (functionTypes.has(parent.type) || parent.type === 'Program') break;
    node = parent;
  }
  return false;
}

/** `x = null` / `x = undefined`: a reset, as in `close()` of a lazily created client. */
export function isReset<P>(place: P, climb: Climb<P>): boolean {
  const assignment = assignmentTo(place, climb);
  if (assignment?.node.operator !== '=') return false;
  const value = unwrapNode(assignment.node.right as SyntaxNode);
  return value.type === 'NullLiteral' || (value.type === 'Literal' && value.value === null && value.raw === 'null') || (value.type === 'Identifier' && value.name === 'undefined');
}
