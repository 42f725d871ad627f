/**
 * Handles, not data: a write that stores a client, a server, a service, a required module or a configuration value
 * stores nothing another instance would miss. A module-level binding (or singleton field) whose every write is such a
 * write, and that nothing changes in place, is a handle slot: it is bound late, as a `const` would be early.
 *
 * A handle value is
 * - `null`/`undefined` (shutdown), `require('m')`, `import('m')` and members of them (a module);
 * - outside request handling: a value computed (a call, `new C()` of a class that is no container, no built-in
 *   value and no library value that keeps state) only from start-up inputs, with no `await` and no clock or
 *   random source; or a start-up input itself when it is a parameter;
 * - inside a function named to initialise its module (`init`, `setup`, `configure`, …, whatever its parameters):
 *   anything built from start-up inputs, containers and literals included;
 * - in start-up code (module level, start-up functions as the part decides them): anything built from them.
 *
 * Start-up inputs are literals, module-level constants, imports and globals, `this`, parameters of an init-named
 * function or named like a handle (`server`, `aLogger`, `dataSource`, `{ io }`), and locals set once from start-up
 * inputs. Answered over ESTree and Babel node names with each part's way through its tree (`HandleReader`), as
 * src/semantics/mutations.ts is; the audit reads its compiler nodes through src/audit/syntax/syntax-view.ts.
 */
import { containerConstructors } from '../knowledge/containers.js';
import { clockAndRandomCalls, handleParameterNames, initFunctionNames, valueConstructors } from '../knowledge/handles.js';
import { functionTypes, isContainerValue, memberName, outermost, type Climb } from './mutations.js';
import { functionName } from './startup.js';
import { sameValueTypes, type SyntaxNode } from './wrappers.js';

/** What an identifier names, as far as the handle question needs it. */
export type Named<P> =
  /** A module-level `const`, an import, a function or class declaration, a global. */
  | { kind: 'constant' }
  /** A parameter of `fn`; `name` is the parameter's own name (also when destructured: `{ io }`). */
  | { kind: 'parameter'; fn: P; name: string }
  /** A local variable never written after its declaration: its initializer, or what a `for…of` walks. */
  | { kind: 'local'; declaration: P; value: P | undefined }
  /** Anything else: a module-level `let`, a variable written again, a catch parameter. */
  | { kind: 'other' };

/** How a part reads its tree for the handle question. */
export interface HandleReader<P> extends Climb<P> {
  /** The operands of the expression at `place`: no non-computed property names or keys, no types. */
  children(place: P): readonly P[];
  /** What the identifier at `place` names. */
  named(identifier: P): Named<P>;
  /** A call or `new` of a library value that keeps state of its own (src/knowledge/handles.ts). */
  holdsLibraryState(call: P): boolean;
  /** True for functions that handle requests. */
  isRequestHandling(fn: P): boolean;
  /** True when the code at `place` runs only at start-up, as the part decides it. */
  isStartupCode(place: P): boolean;
}

/** Deep enough for `const { a } = settings.cookie; x = new C(a)`, shallow enough that chains of locals stay cheap. */
const MAX_LOCAL_DEPTH = 3;

const isCall = (node: SyntaxNode) => node.type === 'CallExpression' || node.type === 'OptionalCallExpression' || node.type === 'NewExpression';
const isMember = (node: SyntaxNode) => node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression';

/** The child place holding `child` (a field value of the node at `place`). */
function childHolding<P>(place: P, child: unknown, reader: HandleReader<P>): P | undefined {
  return reader.children(place).find((candidate) => reader.node(candidate) === child);
}

/** The place inside the wrappers around the very same value (`as`, `!`, parentheses; not `await`). */
function unwrapPlace<P>(place: P, reader: HandleReader<P>): P {
  let current = place;
  for (let node = reader.node(current); sameValueTypes.has(node.type); node = reader.node(current)) {
    const inner = childHolding(current, node.expression, reader);
    if (inner === undefined) break;
    current = inner;
  }
  return current;
}

/** `null`, `undefined`, `void 0`. */
function isNullish(node: SyntaxNode): boolean {
  if (node.type === 'NullLiteral' || (node.type === 'Literal' && node.value === null && node.raw === 'null')) return true;
  if (node.type === 'Identifier' && node.name === 'undefined') return true;
  return node.type === 'UnaryExpression' && node.operator === 'void';
}

/** `require('m')`, `import('m')` (ESTree, Babel, compiler), seen through `await` and member reads: a module or part of one. */
function isModuleLoad(node: SyntaxNode): boolean {
  let current = node;
  for (let depth = 0; depth < 16; depth++) {
    if (sameValueTypes.has(current.type) || current.type === 'AwaitExpression') current = (current.expression ?? current.argument) as SyntaxNode;
    else if (isMember(current)) current = current.object as SyntaxNode;
    else break;
  }
  if (current.type === 'ImportExpression') return true;
  if (current.type !== 'CallExpression') return false;
  const callee = current.callee as SyntaxNode;
  return callee.type === 'Import' || callee.type === 'ts:ImportKeyword' || (callee.type === 'Identifier' && callee.name === 'require');
}

/** The name a call or `new` calls: `f` of `f()`, `now` of `Date.now()`, `C` of `new ns.C()`. */
function calledName(node: SyntaxNode): string | undefined {
  const callee = node.callee as SyntaxNode | undefined;
  if (!callee) return undefined;
  if (callee.type === 'Identifier') return callee.name as string;
  return isMember(callee) ? memberName(callee) : undefined;
}

const isInitNamed = (name: string | undefined) => name !== undefined && initFunctionNames.some((pattern) => pattern.test(name));
const isHandleNamed = (name: string) => handleParameterNames.some((pattern) => pattern.test(name));

/** The innermost function around `place`, if any. */
function enclosingFunction<P>(place: P, climb: Climb<P>): P | undefined {
  for (let current = climb.parent(place); current; current = climb.parent(current)) if (functionTypes.has(climb.node(current).type)) return current;
  return undefined;
}

/** Whether `inner` is `outer` or inside it. */
function within<P>(inner: P, outer: P, climb: Climb<P>): boolean {
  for (let current: P | null | undefined = inner; current; current = climb.parent(current)) if (climb.node(current) === climb.node(outer)) return true;
  return false;
}

/** What the walk of a value found: whether it holds only start-up inputs, and whether it computes or takes a parameter. */
interface Inputs {
  ok: boolean;
  /** A call or `new`: the value is made, not picked. */
  computed: boolean;
  /** A parameter handed over by start-up code. */
  parameter: boolean;
}

/** Walks the value at `root` (without recursion: generated values nest deep) and sums up its inputs. */
function inputsOf<P>(root: P, reader: HandleReader<P>, depth: number): Inputs {
  const found: Inputs = { ok: true, computed: false, parameter: false };
  const fail = (): Inputs => ({ ...found, ok: false });
  const stack: { place: P; nested: boolean }[] = [{ place: root, nested: false }];
  while (stack.length > 0) {
    const { place, nested } = stack.pop()!;
    const node = reader.node(place);
    const type = node.type;
    const inFunction = nested || functionTypes.has(type) || type === 'ClassExpression';
    if (!nested) {
      if (type === 'AwaitExpression' && !isModuleLoad(node)) return fail();
      if (type === 'YieldExpression' || type === 'ts:YieldExpression' || type === 'AssignmentExpression' || type === 'UpdateExpression') return fail();
      if (type === 'UnaryExpression' && node.operator === 'delete') return fail();
    }
    if (isCall(node)) {
      const name = calledName(node);
      if (name !== undefined && clockAndRandomCalls.has(name)) return fail();
      if (reader.holdsLibraryState(place)) return fail();
      if (!nested) found.computed = true;
    }
    if (type === 'Identifier') {
      const named = reader.named(place);
      if (named.kind === 'other') return fail();
      if (named.kind === 'parameter' && !within(named.fn, root, reader)) {
        if (reader.isRequestHandling(named.fn) || !(isInitNamed(functionName(named.fn, reader)) || isHandleNamed(named.name))) return fail();
        found.parameter = true;
      }
      if (named.kind === 'local' && !within(named.declaration, root, reader)) {
        if (named.value === undefined || depth >= MAX_LOCAL_DEPTH) return fail();
        const local = inputsOf(named.value, reader, depth + 1);
        if (!local.ok) return fail();
        found.computed ||= local.computed;
        found.parameter ||= local.parameter;
      }
      continue;
    }
    for (const child of reader.children(place)) stack.push({ place: child, nested: inFunction });
  }
  return found;
}

/** Whether `new C()` makes a value or a container rather than a handle. */
function constructsValue(node: SyntaxNode): boolean {
  const name = calledName(node);
  return name !== undefined && (containerConstructors.has(name) || valueConstructors.has(name));
}

/**
 * Whether the value at `value`, stored by a write at `target` (the written reference, or a declaration), is a handle:
 * see the module comment. `target` places the write: in which function, in start-up code or not.
 */
export function isHandleValue<P>(value: P, target: P, reader: HandleReader<P>): boolean {
  const place = unwrapPlace(value, reader);
  const node = reader.node(place);
  if (isNullish(node) || isModuleLoad(node)) return true;
  for (let fn = enclosingFunction(target, reader); fn; fn = enclosingFunction(fn, reader)) if (reader.isRequestHandling(fn)) return false;
  const fn = enclosingFunction(target, reader);
  const initNamed = fn !== undefined && isInitNamed(functionName(fn, reader));
  if (node.type === 'NewExpression' && constructsValue(node) && !initNamed) return false;
  const inputs = inputsOf(place, reader, 0);
  if (!inputs.ok) return false;
  if (initNamed || reader.isStartupCode(target)) return true;
  return !isContainerValue(node) && (inputs.computed || inputs.parameter);
}

/** The value a plain write (`x = v`, `x ??= v`, `x ||= v`) at the reference `place` stores, if it is one. */
export function writtenValue<P>(place: P, reader: HandleReader<P>): P | undefined {
  const target = outermost(place, reader);
  const assignmentPlace = reader.parent(target);
  const assignment = assignmentPlace ? reader.node(assignmentPlace) : undefined;
  if (!assignmentPlace || assignment?.type !== 'AssignmentExpression' || assignment.left !== reader.node(target)) return undefined;
  if (assignment.operator !== '=' && assignment.operator !== '??=' && assignment.operator !== '||=') return undefined;
  return childHolding(assignmentPlace, assignment.right, reader);
}

/** A write at the reference `place` that stores a handle (`runtimeAPI = _runtimeAPI` in `init`, `server = null`). */
export function isHandleWrite<P>(place: P, reader: HandleReader<P>): boolean {
  const value = writtenValue(place, reader);
  return value !== undefined && isHandleValue(value, place, reader);
}

/**
 * Whether a binding only ever holds a module (`var crypto = require('crypto')`, rebound to another `require()`), from
 * its initializer and its references (in any file): what is changed on it is that module's own state, reported where
 * the module keeps it, as for a `const`.
 */
export function holdsOnlyModules<P>(init: P | undefined, references: readonly P[], reader: HandleReader<P>): boolean {
  const values: P[] = init === undefined ? [] : [init];
  for (const reference of references) {
    const value = writtenValue(reference, reader);
    if (value !== undefined) values.push(value);
  }
  return values.length > 0 && values.every((value) => isModuleLoad(reader.node(value)));
}

/** Whether the value at `place` is a Map, Set, array or object made here. */
export function isContainerAt<P>(place: P, reader: HandleReader<P>): boolean {
  return isContainerValue(reader.node(place));
}
