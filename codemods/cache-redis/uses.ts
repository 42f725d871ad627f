/**
 * Every use of one cache in its file, each either planned as an awaited SharedCache call or turned into
 * the reason the cache must stay as it is.
 */
import type { ASTNode, ASTPath, CallExpression, Collection, JSCodeshift, MemberExpression, OptionalCallExpression, OptionalMemberExpression } from 'jscodeshift';
import type { SourceStyle } from '../kit/style.js';
import { at as lineRef, prose, type Problem } from '../kit/skip.js';
import { lineOf as nodeLine } from '../kit/todo.js';
import type { Argument } from '../kit/api-sites.js';
import { knownExpression, parentPath } from '../kit/ast.js';
import { calleeName, whyCannotAwait } from './await-context.js';
import type { CacheCandidate } from './candidates.js';
import type { MemberMapping } from './libraries.js';
import type { TypeNode } from './types.js';
import { replaceWithAwait } from './await-node.js';
import { functionOrProgram, inPlaceChange, notJsonValue } from './values.js';

export interface UseScan {
  j: JSCodeshift;
  root: Collection;
  style: SourceStyle;
  file: string;
  asyncFunctions: ReadonlySet<string>;
}

/** A use that can become an awaited SharedCache call; `apply` rewrites it in place. */
interface PlannedUse {
  /** The identifier of the cache at this use. */
  reference: ASTPath;
  apply(): void;
}

export interface CacheUses {
  planned: PlannedUse[];
  problems: { line: number; reason: Problem }[];
  /** Type arguments written on calls (node-cache's `get<User>(key)`). */
  callTypes: TypeNode[];
  /** Some function writes to it (a Map only filled at start-up is a lookup table, not a cache). */
  writtenInFunction: boolean;
}

/** The line of a node, or of the nearest enclosing one when the parser left it without a position (`{ cache }`). */
function lineOf(path: ASTPath): number {
  for (let current: ASTPath | null = path; current; current = parentPath(current)) {
    const line = nodeLine(current);
    if (line > 0) return line;
  }
  return 0;
}

const writingMethods = new Set(['set', 'delete', 'clear']);
const recordFunctions: Record<string, 'keys' | 'values' | 'entries' | 'has'> = { keys: 'keys', values: 'values', entries: 'entries', hasOwn: 'has' };

function isMember(node: ASTNode | null | undefined): node is MemberExpression | OptionalMemberExpression {
  return node?.type === 'MemberExpression' || node?.type === 'OptionalMemberExpression';
}
function isCall(node: ASTNode | null | undefined): node is CallExpression | OptionalCallExpression {
  return node?.type === 'CallExpression' || node?.type === 'OptionalCallExpression';
}

/** The name of a member's property when it is an identifier (`x.name`, and `x[name]` when computed). */
function propertyIdentifier(member: MemberExpression | OptionalMemberExpression): string | undefined {
  return member.property.type === 'Identifier' ? member.property.name : undefined;
}

/** The node at the parent of `path`; the program has none. */
function parentNode(path: ASTPath): ASTNode | undefined {
  return parentPath(path)?.node;
}

/** Identifiers naming the module-level cache `candidate`, outside its own declaration. */
function referencesOf(scan: UseScan, candidate: CacheCandidate): ASTPath[] {
  const { j, root } = scan;
  const declaringScope = candidate.declarator.scope;
  return root
    .find(j.Identifier, { name: candidate.name })
    .filter((path) => path.node !== candidate.declarator.node.id && isReferencePosition(path) && path.scope?.lookup(candidate.name) === declaringScope)
    .paths();
}

function isReferencePosition(path: ASTPath): boolean {
  const parent = parentNode(path);
  if (!parent) return true;
  const name = path.name;
  if (isMember(parent)) return name !== 'property' || !!parent.computed;
  if (
    parent.type === 'ObjectProperty' ||
    parent.type === 'ClassProperty' ||
    parent.type === 'ClassMethod' ||
    parent.type === 'ObjectMethod' ||
    parent.type === 'TSPropertySignature' ||
    parent.type === 'ClassPrivateProperty'
  ) {
    return name !== 'key' || !!parent.computed;
  }
  return !['ImportSpecifier', 'ImportDefaultSpecifier', 'ImportNamespaceSpecifier', 'LabeledStatement', 'BreakStatement', 'ContinueStatement', 'TSQualifiedName', 'TSTypeReference'].includes(parent.type);
}

/** Plans every use of `candidate` or says why one cannot be rewritten. */
export function collectUses(scan: UseScan, candidate: CacheCandidate): CacheUses {
  const uses: CacheUses = { planned: [], problems: [], callTypes: [], writtenInFunction: false };
  for (const reference of referencesOf(scan, candidate)) {
    if (writes(candidate, reference) && functionOrProgram(reference).node.type !== 'Program') uses.writtenInFunction = true;
    // What rules the cache out most plainly comes first: leaving the file's sight, then a place that cannot await.
    const outcome =
      escapeReason(candidate, reference) ??
      whyCannotAwait(reference, scan.style, scan.file) ??
      (candidate.shape === 'map' ? planMapUse(scan, candidate, reference, uses) : planRecordUse(scan, candidate, reference));
    if (isProblem(outcome)) uses.problems.push({ line: lineOf(reference), reason: outcome });
    else uses.planned.push({ reference, ...outcome });
  }
  uses.problems.sort((a, b) => a.line - b.line);
  return uses;
}

type Plan = { apply(): void } | Problem;

function isProblem(plan: Plan): plan is Problem {
  return typeof plan === 'string' || Array.isArray(plan);
}

/** Whether the use changes the cache: `x.set/delete/clear(…)`, `x[k] = …`, `delete x[k]`, `x[k]++`. */
function writes(candidate: CacheCandidate, reference: ASTPath): boolean {
  const memberPath = parentPath(reference);
  const member = memberPath?.node;
  if (!memberPath || !isMember(member) || member.object !== reference.node) return false;
  const holder = parentNode(memberPath);
  if (candidate.shape === 'record') {
    return (
      !!member.computed &&
      ((holder?.type === 'AssignmentExpression' && holder.left === member) || holder?.type === 'UpdateExpression' || (holder?.type === 'UnaryExpression' && holder.operator === 'delete'))
    );
  }
  const property = propertyIdentifier(member) ?? '';
  const mapping = Object.hasOwn(candidate.api.members, property) ? candidate.api.members[property] : undefined;
  return isCall(holder) && !!mapping && writingMethods.has(mapping.to);
}

function planMapUse(scan: UseScan, candidate: CacheCandidate, reference: ASTPath, uses: CacheUses): Plan {
  const { j } = scan;
  const line = lineOf(reference);
  const memberPath = parentPath(reference);
  const member = memberPath?.node;
  if (!memberPath || !isMember(member) || member.object !== reference.node) return prose`used as a value at line ${lineRef(line)}`;
  const property = propertyIdentifier(member);
  if (member.computed || property === undefined) return prose`is indexed with [] at line ${lineRef(line)}, which SharedCache does not offer`;
  const mapping = Object.hasOwn(candidate.api.members, property) ? candidate.api.members[property]! : undefined;
  if (!mapping) return prose`uses .${property} at line ${lineRef(line)}, which SharedCache does not offer`;
  const holder = parentPath(memberPath);
  if (!holder) return prose`reads .${property} without calling it at line ${lineRef(line)}`;
  if (mapping.property) {
    if (holder.node.type === 'AssignmentExpression' || holder.node.type === 'UpdateExpression') return prose`assigns .${property} at line ${lineRef(line)}`;
    const size = () => j.callExpression(j.memberExpression(j.identifier(candidate.name), j.identifier(mapping.to)), []);
    return { apply: () => replaceWithAwait(j, memberPath, size()) };
  }
  const call = holder.node;
  if (!isCall(call) || call.callee !== member) return prose`reads .${property} without calling it at line ${lineRef(line)}`;
  const problem = checkCall(scan, holder, mapping, property, call.arguments);
  if (problem) return problem;
  // Babel gives TypeScript's type arguments as `typeParameters` (`typeArguments` is Flow's, null in a TypeScript tree).
  const typeArgs = call.typeParameters;
  if (typeArgs) uses.callTypes.push(...typeArgs.params);
  if (mapping.to === 'get') {
    const change = inPlaceChange(j, holder, (variable, scope) => writesBack(j, scope, candidate, variable));
    if (change) return prose`changes a cached value in place at line ${lineRef(lineOf(change))}; Redis keeps a copy, so set() it back first`;
  }
  return {
    apply: () => {
      // The call as it is now: rewriting a use inside it may have put a copy in its place (replaceWithAwait).
      const node = holder.node;
      if (!isCall(node)) return;
      const args = node.arguments;
      if (mapping.ttlArgument && args.length === 3) args[2] = ttlOfSet(j, mapping, args[2]!);
      // A fresh call drops optional chaining (the cache is never null) and the type arguments (SharedCache knows V).
      const renamed = property !== mapping.to || node.type !== 'CallExpression' || member.type !== 'MemberExpression' || typeArgs;
      const rewritten = renamed ? j.callExpression(j.memberExpression(j.identifier(candidate.name), j.identifier(mapping.to)), args) : node;
      replaceWithAwait(j, holder, rewritten);
    },
  };
}

/** Why a call's arguments or the way its result is used do not carry over, or undefined. */
function checkCall(scan: UseScan, callPath: ASTPath, mapping: MemberMapping, property: string, args: readonly Argument[]): Problem | undefined {
  const line = lineOf(callPath);
  if (args.some((argument) => argument.type === 'SpreadElement')) return prose`spreads the arguments of .${property}() at line ${lineRef(line)}`;
  const expected = mapping.to === 'set' ? 2 : mapping.to === 'get' || mapping.to === 'has' || mapping.to === 'delete' ? 1 : 0;
  const allowed = mapping.ttlArgument ? expected + 1 : expected;
  if (args.length < expected || args.length > allowed) return prose`calls .${property}() with ${args.length} arguments at line ${lineRef(line)}`;
  if (mapping.ttlArgument === 'ttlOption' && args.length === 3 && !isTtlOnlyOptions(args[2]!)) return prose`passes options to .${property}() at line ${lineRef(line)} that have no Redis equivalent`;
  const parent = parentNode(callPath);
  if (mapping.resultDiffers && parent?.type !== 'ExpressionStatement') return prose`uses the result of .${property}() at line ${lineRef(line)}, which SharedCache does not return`;
  if (mapping.iterator && !iteratesLikeAnArray(callPath)) return prose`uses the iterator of .${property}() at line ${lineRef(line)}; SharedCache returns an array`;
  if (mapping.to === 'set') {
    const notJson = notJsonValue(args[1]!, scan.asyncFunctions);
    if (notJson) return prose`stores ${notJson} at line ${lineRef(line)}, which JSON does not keep (SharedCache stores JSON)`;
  }
  return undefined;
}

/** `{ ttl: … }` and nothing else: the one option SharedCache's `set` takes. */
function ttlOption(node: Argument): ASTNode | undefined {
  const properties = node.type === 'ObjectExpression' ? node.properties : [];
  const [only] = properties;
  return properties.length === 1 && only?.type === 'ObjectProperty' && !only.computed && only.key.type === 'Identifier' && only.key.name === 'ttl' ? only.value : undefined;
}

function isTtlOnlyOptions(node: Argument): boolean {
  return ttlOption(node) !== undefined;
}

/** The TTL argument of a `set` in SharedCache's unit (checkCall has taken every other form out). */
function ttlOfSet(j: JSCodeshift, mapping: MemberMapping, argument: Argument): Argument {
  if (mapping.ttlArgument === 'seconds') return j.binaryExpression('*', knownExpression(argument), j.numericLiteral(1000));
  return knownExpression(ttlOption(argument));
}

/** `for (… of x.keys())`, `[...x.keys()]`, `Array.from(x.keys())`, `new Set(x.keys())`: an array does the same. */
function iteratesLikeAnArray(callPath: ASTPath): boolean {
  const parent = parentNode(callPath);
  if (!parent) return false;
  if (parent.type === 'ForOfStatement' && parent.right === callPath.node) return !parent.await;
  if (parent.type === 'SpreadElement') return true;
  if (parent.type !== 'NewExpression' && !isCall(parent)) return false;
  if (parent.arguments[0] !== callPath.node) return false;
  const callee = parent.callee;
  if (parent.type === 'NewExpression') return callee.type === 'Identifier' && (callee.name === 'Set' || callee.name === 'Map');
  return parent.type === 'CallExpression' && calleeName(callee) === 'Array.from';
}

/** Whether `scope` stores `variable` into the cache: `cache.set(k, variable)` or `cache[k] = variable`. */
function writesBack(j: JSCodeshift, scope: ASTPath, candidate: CacheCandidate, variable: string): boolean {
  const isVariable = (node: ASTNode | undefined) => node?.type === 'Identifier' && node.name === variable;
  const isCache = (node: ASTNode) => node.type === 'Identifier' && node.name === candidate.name;
  const setCalls = j(scope).find(j.CallExpression).filter((call) => {
    const callee = call.node.callee;
    return isMember(callee) && isCache(callee.object) && callee.property.type === 'Identifier' && callee.property.name === 'set' && isVariable(call.node.arguments[1]);
  });
  const assignments = j(scope).find(j.AssignmentExpression).filter((assignment) => {
    const left = assignment.node.left;
    return isMember(left) && isCache(left.object) && isVariable(assignment.node.right);
  });
  return setCalls.size() + assignments.size() > 0;
}

function planRecordUse(scan: UseScan, candidate: CacheCandidate, reference: ASTPath): Plan {
  const { j } = scan;
  const line = lineOf(reference);
  const parentAt = parentPath(reference);
  const parent = parentAt?.node;
  if (!parentAt || !parent) return prose`used as a value at line ${lineRef(line)}`;
  // Replaces the expression at `at` with `await <cache>.<method>(...args)`.
  const replaceWithCall = (at: ASTPath, method: string, args: Argument[]) =>
    replaceWithAwait(j, at, j.callExpression(j.memberExpression(j.identifier(candidate.name), j.identifier(method)), args));
  // What the rewrite reads at the time it applies: uses inside it have been rewritten by then.
  const now = () => parentAt.node;
  if (parent.type === 'BinaryExpression' && parent.operator === 'in' && parent.right === reference.node) {
    return { apply: () => replaceWithCall(parentAt, 'has', [knownExpression(field(now(), 'left'))]) };
  }
  if (parent.type === 'CallExpression' && parent.arguments[0] === reference.node) {
    const name = calleeName(parent.callee);
    const method = name.startsWith('Object.') ? recordFunctions[name.slice('Object.'.length)] : undefined;
    const args = parent.arguments;
    if (method === 'has' && args.length === 2) return { apply: () => replaceWithCall(parentAt, 'has', [argumentAt(now(), 1)]) };
    if (method && method !== 'has' && args.length === 1) return { apply: () => replaceWithCall(parentAt, method, []) };
  }
  if (!isMember(parent) || parent.object !== reference.node) return prose`used as a value at line ${lineRef(line)}`;
  const holderPath = parentPath(parentAt);
  const holder = holderPath?.node;
  if (!holderPath || !holder) return prose`used as a value at line ${lineRef(line)}`;
  if (!parent.computed) {
    const property = propertyIdentifier(parent);
    if (property === 'hasOwnProperty' && isCall(holder) && holder.callee === parent && holder.arguments.length === 1) {
      return { apply: () => replaceWithCall(holderPath, 'has', [argumentAt(holderPath.node, 0)]) };
    }
    return prose`reads the fixed key .${String(property)} at line ${lineRef(line)}; only ${candidate.name}[key] is rewritten`;
  }
  const key = () => knownExpression(field(parentAt.node, 'property'));
  const statement = parentNode(holderPath);
  if (holder.type === 'AssignmentExpression' && holder.left === parent) {
    if (holder.operator !== '=') return prose`changes an entry with ${holder.operator} at line ${lineRef(line)}; write it as ${candidate.name}[key] = … first`;
    if (statement?.type !== 'ExpressionStatement') return prose`uses the value of an assignment to ${candidate.name}[…] at line ${lineRef(line)}`;
    const notJson = notJsonValue(holder.right, scan.asyncFunctions);
    if (notJson) return prose`stores ${notJson} at line ${lineRef(line)}, which JSON does not keep (SharedCache stores JSON)`;
    return { apply: () => replaceWithCall(holderPath, 'set', [key(), knownExpression(field(holderPath.node, 'right'))]) };
  }
  if (holder.type === 'UnaryExpression' && holder.operator === 'delete') {
    if (statement?.type !== 'ExpressionStatement') return prose`uses the result of delete at line ${lineRef(line)}`;
    return { apply: () => replaceWithCall(holderPath, 'delete', [key()]) };
  }
  if (holder.type === 'UpdateExpression') return prose`changes an entry with ${holder.operator} at line ${lineRef(line)}; write it as ${candidate.name}[key] = … first`;
  if (isCall(holder) && holder.callee === parent) return prose`calls a stored function at line ${lineRef(line)}, which JSON does not keep`;
  const change = inPlaceChange(j, parentAt, (variable, scope) => writesBack(j, scope, candidate, variable));
  if (change) return prose`changes a cached value in place at line ${lineRef(lineOf(change))}; Redis keeps a copy, so assign it back first`;
  return { apply: () => replaceWithCall(parentAt, 'get', [key()]) };
}

/** The `left`, `right` or `property` of a binary expression, an assignment or a member, as the node has it now. */
function field(node: ASTNode, name: 'left' | 'right' | 'property'): ASTNode | undefined {
  if (name === 'property') return isMember(node) ? node.property : undefined;
  return node.type === 'BinaryExpression' || node.type === 'AssignmentExpression' ? node[name] : undefined;
}

/** The argument at `index` of the call `node` is now. */
function argumentAt(node: ASTNode, index: number): Argument {
  const argument = isCall(node) ? node.arguments[index] : undefined;
  return argument?.type === 'SpreadElement' ? argument : knownExpression(argument);
}

/** Whether the cache is used through its members (or, for a record, `in` and `Object.keys()`…) here. */
function usedThroughMembers(candidate: CacheCandidate, reference: ASTPath): boolean {
  const parent = parentNode(reference);
  if (!parent) return false;
  if (isMember(parent) && parent.object === reference.node) return true;
  if (candidate.shape === 'map') return false;
  if (parent.type === 'BinaryExpression' && parent.operator === 'in' && parent.right === reference.node) return true;
  const name = parent.type === 'CallExpression' ? calleeName(parent.callee) : '';
  return name.startsWith('Object.') && Object.hasOwn(recordFunctions, name.slice('Object.'.length));
}

/** Why a use of the cache as a plain value (not through its methods) rules out the rewrite, if it is one. */
function escapeReason(candidate: CacheCandidate, reference: ASTPath): Problem | undefined {
  if (usedThroughMembers(candidate, reference)) return undefined;
  const line = lineOf(reference);
  const parent = parentNode(reference);
  const elsewhere = `, so code this codemod cannot follow uses it as a ${candidate.api.label}`;
  if (parent?.type === 'ForOfStatement') return prose`iterated directly with for…of at line ${lineRef(line)}; iterate await ${candidate.name}.entries() by hand`;
  if (parent?.type === 'ForInStatement') return prose`iterated with for…in at line ${lineRef(line)}`;
  if (parent?.type === 'SpreadElement' || parent?.type === 'SpreadProperty') return prose`spread at line ${lineRef(line)}`;
  if ((isCall(parent) || parent?.type === 'NewExpression') && parent.arguments.some((argument) => argument === reference.node)) return prose`passed to ${calleeName(parent.callee)}() at line ${lineRef(line)}${elsewhere}`;
  if (parent?.type === 'ReturnStatement' || (parent?.type === 'ArrowFunctionExpression' && parent.body === reference.node)) return prose`returned at line ${lineRef(line)}${elsewhere}`;
  if (parent?.type === 'AssignmentExpression' && parent.left === reference.node) return prose`reassigned at line ${lineRef(line)}`;
  if (parent?.type === 'ExportSpecifier' || parent?.type === 'ExportDefaultDeclaration') return `exported${elsewhere}`;
  if (isCommonJsExport(reference)) return prose`exported through module.exports at line ${lineRef(line)}${elsewhere}`;
  if (parent?.type === 'TSTypeQuery') return prose`its type is used (typeof ${candidate.name}) at line ${lineRef(line)}`;
  return prose`used as a value at line ${lineRef(line)}${elsewhere}`;
}

/** `module.exports = { cache }`, `module.exports.cache = cache`, `exports.cache = cache`. */
function isCommonJsExport(reference: ASTPath): boolean {
  let current = reference;
  for (let parent = parentPath(current); parent && (parent.node.type === 'ObjectProperty' || parent.node.type === 'ObjectExpression'); parent = parentPath(current)) current = parent;
  const assignment = parentNode(current);
  if (assignment?.type !== 'AssignmentExpression' || assignment.right !== current.node) return false;
  let target: ASTNode = assignment.left;
  while (isMember(target) && isMember(target.object)) target = target.object;
  const root = isMember(target) ? target.object : target;
  const property = isMember(target) ? propertyIdentifier(target) : undefined;
  return root.type === 'Identifier' && (root.name === 'exports' || (root.name === 'module' && property === 'exports'));
}
