/** Finding the calls of a library API (`cron.schedule`, `new CronJob`, global `setInterval`…) in one file. */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { moduleSpecifiers } from '../../src/knowledge/module-names.js';
import type { ApiRef } from '../../src/knowledge/types.js';
import { importedBindings, requiredModule, type ImportedBinding } from '../kit/imports.js';

type AnyNode = { type: string; [key: string]: unknown };

/** Objects that hold the globals: `globalThis.setInterval(…)` is the global `setInterval`. */
const globalObjects = new Set(['globalThis', 'global']);

/** `a.b.c` → root `a` and `['b', 'c']`; undefined for computed members other than string literals. */
function memberChain(node: AnyNode): { root: AnyNode; properties: string[] } | undefined {
  const properties: string[] = [];
  let current = node;
  while (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') {
    const property = current.property as AnyNode;
    if (!current.computed && property.type === 'Identifier') properties.unshift(property.name as string);
    else if (current.computed && property.type === 'StringLiteral' && typeof property.value === 'string') properties.unshift(property.value);
    else return undefined;
    current = current.object as AnyNode;
  }
  return { root: current, properties };
}

/** True when `name`, seen from `path`, is not declared anywhere in the file (a global). */
export function isUnbound(path: ASTPath, name: string): boolean {
  return !path.scope?.lookup(name);
}

/** True when `name`, seen from `path`, is declared at the top of the module (not shadowed by a local). */
export function isModuleLevel(path: ASTPath, name: string): boolean {
  return path.scope?.lookup(name)?.isGlobal === true;
}

/** The path from the module of `binding` that `properties` reach: `cron.schedule` → `['schedule']`. */
function pathFromModule(binding: ImportedBinding, properties: string[]): string[] {
  const fromWholeModule = binding.imported === '*' || binding.imported === 'default';
  return fromWholeModule ? properties : [binding.imported, ...properties];
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

/** Does `callee` (seen from `path`) name the API `ref`? */
function calleeMatches(path: ASTPath, callee: AnyNode, ref: ApiRef, bindings: Map<string, ImportedBinding>): boolean {
  const chain = memberChain(callee);
  if (!chain) return false;
  const { root, properties } = chain;
  if (ref.global) {
    if (root.type !== 'Identifier') return false;
    const name = root.name as string;
    if (!isUnbound(path, name)) return false;
    if (globalObjects.has(name)) return samePath(properties, ref.path);
    return samePath([name, ...properties], ref.path);
  }
  if (root.type === 'Identifier') {
    const binding = bindings.get(root.name as string);
    return binding !== undefined && isModuleLevel(path, binding.local) && samePath(pathFromModule(binding, properties), ref.path);
  }
  // require('node-cron').schedule(…)
  const module = requiredModule(root);
  return module !== undefined && moduleSpecifiers(ref.modules ?? []).includes(module) && samePath(properties, ref.path);
}

/** Every call (or `new`, per `ref.use`) of the API `ref` in the file. */
export function findApiCalls(j: JSCodeshift, root: Collection, ref: ApiRef): ASTPath[] {
  const bindings = new Map(ref.global ? [] : importedBindings(j, root, moduleSpecifiers(ref.modules ?? [])).map((binding) => [binding.local, binding]));
  if (!ref.global && bindings.size === 0 && !root.find(j.CallExpression, { callee: { name: 'require' } }).size()) return [];
  const calls: ASTPath[] = ref.use === 'construct' ? root.find(j.NewExpression).paths() : root.find(j.CallExpression).paths();
  return calls.filter((path) => calleeMatches(path, (path.node as AnyNode).callee as AnyNode, ref, bindings));
}
