/**
 * Every use of one cache in its file, each either planned as an awaited SharedCache call or turned into
 * the reason the cache must stay as it is.
 */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { SourceStyle } from '../kit/style.js';
import { at as lineRef, prose, type Problem } from '../kit/skip.js';
import { lineOf as nodeLine } from '../kit/todo.js';
import { calleeName, whyCannotAwait } from './await-context.js';
import type { CacheCandidate, Expression } from './candidates.js';
import type { MemberMapping } from './libraries.js';
import type { TypeNode } from './types.js';
import { replaceWithAwait } from './await-node.js';
import { functionOrProgram, inPlaceChange, notJsonValue } from './values.js';

type Node = Expression;

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
  for (let current: ASTPath | null = path; current; current = current.parent as ASTPath | null) {
    const line = nodeLine(current);
    if (line > 0) return line;
  }
  return 0;
}

const writingMethods = new Set(['set', 'delete', 'clear']);
const recordFunctions: Record<string, 'keys' | 'values' | 'entries' | 'has'> = { keys: 'keys', values: 'values', entries: 'entries', hasOwn: 'has' };

function isMember(node: Node | undefined): boolean {
  return node?.type === 'MemberExpression' || node?.type === 'OptionalMemberExpression';
}
function isCall(node: Node | undefined): boolean {
  return node?.type === 'CallExpression' || node?.type === 'OptionalCallExpression';
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
  const parent = path.parent?.node as Node;
  const name = path.name;
  if (isMember(parent)) return name !== 'property' || !!parent.computed;
  if (['ObjectProperty', 'ClassProperty', 'ClassMethod', 'ObjectMethod', 'TSPropertySignature', 'ClassPrivateProperty'].includes(parent.type)) {
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
    if (typeof outcome === 'string' || Array.isArray(outcome)) uses.problems.push({ line: lineOf(reference), reason: outcome as Problem });
    else uses.planned.push({ reference, ...(outcome as { apply(): void }) });
  }
  uses.problems.sort((a, b) => a.line - b.line);
  return uses;
}

type Plan = { apply(): void } | Problem;

/** Whether the use changes the cache: `x.set/delete/clear(…)`, `x[k] = …`, `delete x[k]`, `x[k]++`. */
function writes(candidate: CacheCandidate, reference: ASTPath): boolean {
  const member = reference.parent?.node as Node;
  if (!isMember(member) || member.object !== reference.node) return false;
  const holder = reference.parent.parent?.node as Node | undefined;
  if (candidate.shape === 'record') {
    return (
      !!member.computed &&
      ((holder?.type === 'AssignmentExpression' && holder.left === member) || holder?.type === 'UpdateExpression' || (holder?.type === 'UnaryExpression' && holder.operator === 'delete'))
    );
  }
  const property = (member.property as { name?: string }).name ?? '';
  const mapping = Object.hasOwn(candidate.api.members, property) ? candidate.api.members[property] : undefined;
  return isCall(holder) && !!mapping && writingMethods.has(mapping.to);
}

function planMapUse(scan: UseScan, candidate: CacheCandidate, reference: ASTPath, uses: CacheUses): Plan {
  const { j } = scan;
  const line = lineOf(reference);
  const memberPath = reference.parent as ASTPath;
  const member = memberPath.node as Node;
  if (!isMember(member) || member.object !== reference.node) return prose`used as a value at line ${lineRef(line)}`;
  const property = (member.property as { name?: string }).name;
  if (member.computed || property === undefined) return prose`is indexed with [] at line ${lineRef(line)}, which SharedCache does not offer`;
  const mapping = Object.hasOwn(candidate.api.members, property) ? candidate.api.members[property]! : undefined;
  if (!mapping) return prose`uses .${property} at line ${lineRef(line)}, which SharedCache does not offer`;
  const holder = memberPath.parent as ASTPath;
  if (mapping.property) {
    if ((holder.node as Node).type === 'AssignmentExpression' || (holder.node as Node).type === 'UpdateExpression') return prose`assigns .${property} at line ${lineRef(line)}`;
    const size = () => j.callExpression(j.memberExpression(j.identifier(candidate.name), j.identifier(mapping.to)), []);
    return { apply: () => replaceWithAwait(j, memberPath, size()) };
  }
  const call = holder.node as Node;
  if (!isCall(call) || call.callee !== member) return prose`reads .${property} without calling it at line ${lineRef(line)}`;
  const args = call.arguments as Node[];
  const problem = checkCall(scan, holder, mapping, property, args);
  if (problem) return problem;
  const typeArgs = (call.typeParameters ?? call.typeArguments) as { params: TypeNode[] } | null | undefined;
  if (typeArgs) uses.callTypes.push(...typeArgs.params);
  if (mapping.to === 'get') {
    const change = inPlaceChange(j, holder, (variable, scope) => writesBack(j, scope, candidate, variable));
    if (change) return prose`changes a cached value in place at line ${lineRef(lineOf(change))}; Redis keeps a copy, so set() it back first`;
  }
  return {
    apply: () => {
      const node = holder.node as Node;
      const args = node.arguments as Node[];
      if (mapping.ttlArgument && args.length === 3) args[2] = ttlOfSet(j, mapping, args[2]!);
      // A fresh call drops optional chaining (the cache is never null) and the type arguments (SharedCache knows V).
      const renamed = property !== mapping.to || node.type !== 'CallExpression' || member.type !== 'MemberExpression' || typeArgs;
      const rewritten = renamed ? j.callExpression(j.memberExpression(j.identifier(candidate.name), j.identifier(mapping.to)), args as never) : node;
      replaceWithAwait(j, holder, rewritten);
    },
  };
}

/** Why a call's arguments or the way its result is used do not carry over, or undefined. */
function checkCall(scan: UseScan, callPath: ASTPath, mapping: MemberMapping, property: string, args: Node[]): Problem | undefined {
  const line = lineOf(callPath);
  if (args.some((argument) => argument.type === 'SpreadElement')) return prose`spreads the arguments of .${property}() at line ${lineRef(line)}`;
  const expected = mapping.to === 'set' ? 2 : mapping.to === 'get' || mapping.to === 'has' || mapping.to === 'delete' ? 1 : 0;
  const allowed = mapping.ttlArgument ? expected + 1 : expected;
  if (args.length < expected || args.length > allowed) return prose`calls .${property}() with ${args.length} arguments at line ${lineRef(line)}`;
  if (mapping.ttlArgument === 'ttlOption' && args.length === 3 && !isTtlOnlyOptions(args[2]!)) return prose`passes options to .${property}() at line ${lineRef(line)} that have no Redis equivalent`;
  const parent = callPath.parent?.node as Node;
  if (mapping.resultDiffers && parent.type !== 'ExpressionStatement') return prose`uses the result of .${property}() at line ${lineRef(line)}, which SharedCache does not return`;
  if (mapping.iterator && !iteratesLikeAnArray(callPath)) return prose`uses the iterator of .${property}() at line ${lineRef(line)}; SharedCache returns an array`;
  if (mapping.to === 'set') {
    const notJson = notJsonValue(args[1]!, scan.asyncFunctions);
    if (notJson) return prose`stores ${notJson} at line ${lineRef(line)}, which JSON does not keep (SharedCache stores JSON)`;
  }
  return undefined;
}

function isTtlOnlyOptions(node: Node): boolean {
  const properties = node.type === 'ObjectExpression' ? (node.properties as Node[]) : [];
  return properties.length === 1 && properties[0]!.type === 'ObjectProperty' && !properties[0]!.computed && (properties[0]!.key as { name?: string }).name === 'ttl';
}

function ttlOfSet(j: JSCodeshift, mapping: MemberMapping, argument: Node): Node {
  if (mapping.ttlArgument === 'seconds') return j.binaryExpression('*', argument as never, j.numericLiteral(1000)) as unknown as Node;
  return (argument.properties as Node[])[0]!.value as Node;
}

/** `for (… of x.keys())`, `[...x.keys()]`, `Array.from(x.keys())`, `new Set(x.keys())`: an array does the same. */
function iteratesLikeAnArray(callPath: ASTPath): boolean {
  const parent = callPath.parent?.node as Node;
  if (parent.type === 'ForOfStatement' && parent.right === callPath.node) return !parent.await;
  if (parent.type === 'SpreadElement') return true;
  const args = parent.arguments as unknown[] | undefined;
  if (!args || args[0] !== callPath.node) return false;
  const callee = parent.callee as Node;
  if (parent.type === 'NewExpression') return callee.type === 'Identifier' && (callee.name === 'Set' || callee.name === 'Map');
  return parent.type === 'CallExpression' && calleeName(callee) === 'Array.from';
}

/** Whether `scope` stores `variable` into the cache: `cache.set(k, variable)` or `cache[k] = variable`. */
function writesBack(j: JSCodeshift, scope: ASTPath, candidate: CacheCandidate, variable: string): boolean {
  const isVariable = (node: unknown) => (node as Node | undefined)?.type === 'Identifier' && (node as { name: string }).name === variable;
  const isCache = (node: unknown) => (node as Node).type === 'Identifier' && (node as { name: string }).name === candidate.name;
  const setCalls = j(scope).find(j.CallExpression).filter((call) => {
    const callee = call.node.callee as Node;
    return isMember(callee) && isCache(callee.object) && (callee.property as { name?: string }).name === 'set' && isVariable(call.node.arguments[1]);
  });
  const assignments = j(scope).find(j.AssignmentExpression).filter((assignment) => {
    const left = assignment.node.left as unknown as Node;
    return isMember(left) && isCache(left.object) && isVariable(assignment.node.right);
  });
  return setCalls.size() + assignments.size() > 0;
}

function planRecordUse(scan: UseScan, candidate: CacheCandidate, reference: ASTPath): Plan {
  const { j } = scan;
  const line = lineOf(reference);
  const parentPath = reference.parent as ASTPath;
  const parent = parentPath.node as Node;
  // Replaces the expression at `at` with `await <cache>.<method>(...args)`.
  const replaceWithCall = (at: ASTPath, method: string, args: unknown[]) =>
    replaceWithAwait(j, at, j.callExpression(j.memberExpression(j.identifier(candidate.name), j.identifier(method)), args as never));
  if (parent.type === 'BinaryExpression' && parent.operator === 'in' && parent.right === reference.node) {
    return { apply: () => replaceWithCall(parentPath, 'has', [(parentPath.node as Node).left]) };
  }
  if (parent.type === 'CallExpression' && (parent.arguments as unknown[])[0] === reference.node) {
    const name = calleeName(parent.callee as Node);
    const method = name.startsWith('Object.') ? recordFunctions[name.slice('Object.'.length)] : undefined;
    const args = parent.arguments as unknown[];
    if (method === 'has' && args.length === 2) return { apply: () => replaceWithCall(parentPath, 'has', [((parentPath.node as Node).arguments as unknown[])[1]]) };
    if (method && method !== 'has' && args.length === 1) return { apply: () => replaceWithCall(parentPath, method, []) };
  }
  if (!isMember(parent) || parent.object !== reference.node) return prose`used as a value at line ${lineRef(line)}`;
  const holderPath = parentPath.parent as ASTPath;
  const holder = holderPath.node as Node;
  if (!parent.computed) {
    const property = (parent.property as { name: string }).name;
    if (property === 'hasOwnProperty' && isCall(holder) && holder.callee === parent && (holder.arguments as unknown[]).length === 1) {
      return { apply: () => replaceWithCall(holderPath, 'has', (holderPath.node as Node).arguments as unknown[]) };
    }
    return prose`reads the fixed key .${property} at line ${lineRef(line)}; only ${candidate.name}[key] is rewritten`;
  }
  const key = () => (parentPath.node as Node).property;
  const statement = holderPath.parent?.node as Node | undefined;
  if (holder.type === 'AssignmentExpression' && holder.left === parent) {
    if (holder.operator !== '=') return prose`changes an entry with ${holder.operator as string} at line ${lineRef(line)}; write it as ${candidate.name}[key] = … first`;
    if (statement?.type !== 'ExpressionStatement') return prose`uses the value of an assignment to ${candidate.name}[…] at line ${lineRef(line)}`;
    const notJson = notJsonValue(holder.right as Node, scan.asyncFunctions);
    if (notJson) return prose`stores ${notJson} at line ${lineRef(line)}, which JSON does not keep (SharedCache stores JSON)`;
    return { apply: () => replaceWithCall(holderPath, 'set', [key(), (holderPath.node as Node).right]) };
  }
  if (holder.type === 'UnaryExpression' && holder.operator === 'delete') {
    if (statement?.type !== 'ExpressionStatement') return prose`uses the result of delete at line ${lineRef(line)}`;
    return { apply: () => replaceWithCall(holderPath, 'delete', [key()]) };
  }
  if (holder.type === 'UpdateExpression') return prose`changes an entry with ${holder.operator as string} at line ${lineRef(line)}; write it as ${candidate.name}[key] = … first`;
  if (isCall(holder) && holder.callee === parent) return prose`calls a stored function at line ${lineRef(line)}, which JSON does not keep`;
  const change = inPlaceChange(j, parentPath, (variable, scope) => writesBack(j, scope, candidate, variable));
  if (change) return prose`changes a cached value in place at line ${lineRef(lineOf(change))}; Redis keeps a copy, so assign it back first`;
  return { apply: () => replaceWithCall(parentPath, 'get', [key()]) };
}

/** Whether the cache is used through its members (or, for a record, `in` and `Object.keys()`…) here. */
function usedThroughMembers(candidate: CacheCandidate, reference: ASTPath): boolean {
  const parent = reference.parent?.node as Node;
  if (isMember(parent) && parent.object === reference.node) return true;
  if (candidate.shape === 'map') return false;
  if (parent.type === 'BinaryExpression' && parent.operator === 'in' && parent.right === reference.node) return true;
  const name = parent.type === 'CallExpression' ? calleeName(parent.callee as Node) : '';
  return name.startsWith('Object.') && Object.hasOwn(recordFunctions, name.slice('Object.'.length));
}

/** Why a use of the cache as a plain value (not through its methods) rules out the rewrite, if it is one. */
function escapeReason(candidate: CacheCandidate, reference: ASTPath): Problem | undefined {
  if (usedThroughMembers(candidate, reference)) return undefined;
  const line = lineOf(reference);
  const parent = reference.parent?.node as Node;
  const elsewhere = `, so code this codemod cannot follow uses it as a ${candidate.api.label}`;
  if (parent.type === 'ForOfStatement') return prose`iterated directly with for…of at line ${lineRef(line)}; iterate await ${candidate.name}.entries() by hand`;
  if (parent.type === 'ForInStatement') return prose`iterated with for…in at line ${lineRef(line)}`;
  if (parent.type === 'SpreadElement' || parent.type === 'SpreadProperty') return prose`spread at line ${lineRef(line)}`;
  if ((isCall(parent) || parent.type === 'NewExpression') && (parent.arguments as unknown[]).includes(reference.node)) return prose`passed to ${calleeName(parent.callee as Node)}() at line ${lineRef(line)}${elsewhere}`;
  if (parent.type === 'ReturnStatement' || (parent.type === 'ArrowFunctionExpression' && parent.body === reference.node)) return prose`returned at line ${lineRef(line)}${elsewhere}`;
  if (parent.type === 'AssignmentExpression' && parent.left === reference.node) return prose`reassigned at line ${lineRef(line)}`;
  if (parent.type === 'ExportSpecifier' || parent.type === 'ExportDefaultDeclaration') return `exported${elsewhere}`;
  if (isCommonJsExport(reference)) return prose`exported through module.exports at line ${lineRef(line)}${elsewhere}`;
  if (parent.type === 'TSTypeQuery') return prose`its type is used (typeof ${candidate.name}) at line ${lineRef(line)}`;
  return prose`used as a value at line ${lineRef(line)}${elsewhere}`;
}

/** `module.exports = { cache }`, `module.exports.cache = cache`, `exports.cache = cache`. */
function isCommonJsExport(reference: ASTPath): boolean {
  let current = reference;
  while (current.parent && ['ObjectProperty', 'ObjectExpression'].includes((current.parent.node as Node).type)) current = current.parent as ASTPath;
  const assignment = current.parent?.node as Node | undefined;
  if (assignment?.type !== 'AssignmentExpression' || assignment.right !== current.node) return false;
  let target = assignment.left as Node;
  while (isMember(target) && isMember(target.object as Node)) target = target.object as Node;
  const root = (isMember(target) ? target.object : target) as { type: string; name?: string };
  const property = isMember(target) ? (target.property as { name?: string }).name : undefined;
  return root.type === 'Identifier' && (root.name === 'exports' || (root.name === 'module' && property === 'exports'));
}
