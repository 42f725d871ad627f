/**
 * Can a timer's callback run in another process? It moves to a module-level `defineJob(…)` that the worker
 * imports, so it may only use imports, globals and module-level declarations, and must not read or change
 * state this process keeps in memory (the worker has its own copy of it).
 */
import type { ASTNode, ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { mutatorMethods } from '../../src/knowledge/containers.js';
import { seeThroughTypes } from '../../src/semantics/wrappers.js';
import { scopeOf } from '../kit/api-sites.js';
import { requiredModule } from '../kit/imports.js';
import { enclosingFunction, functionName, hasOwnThis, isFunction, parentPath } from '../kit/ast.js';

/**
 * Node types whose identifiers name types, not values; the wrappers of src/semantics/wrappers.ts (`x as T`, `x!`,
 * `<T>x`, `f<T>`) hold the value itself.
 */
function isTypePosition(path: ASTPath, stopAt: ASTPath): boolean {
  for (let current = parentPath(path); current && current !== stopAt; current = parentPath(current)) {
    const type = current.node.type;
    if (seeThroughTypes.has(type)) return false;
    if (type.startsWith('TS') || type === 'TypeAnnotation') return true;
  }
  return false;
}

/** Is this identifier a reference to a variable (not a property name, label or type)? */
function isValueReference(path: ASTPath, stopAt: ASTPath): boolean {
  const parent = parentPath(path)?.node;
  if (!parent) return true;
  const key = path.name;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && key === 'property' && !parent.computed) return false;
  if (/Property$|Method$/.test(parent.type) && key === 'key' && !('computed' in parent && parent.computed)) return false;
  if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement' || parent.type === 'MetaProperty') return false;
  return !isTypePosition(path, stopAt);
}

/** Every value reference inside the node at `path`, the node itself included. */
function valueReferences(j: JSCodeshift, path: ASTPath): ASTPath[] {
  if (path.node.type === 'Identifier') return [path];
  return j(path)
    .find(j.Identifier)
    .filter((identifier) => isValueReference(identifier, path))
    .paths();
}

/** The name an identifier path holds (the paths valueReferences gives). */
function referenceName(reference: ASTPath): string {
  return reference.node.type === 'Identifier' || reference.node.type === 'JSXIdentifier' ? reference.node.name : '';
}

/** Whether `path` is `ancestor` or lies inside it. */
export function isInside(path: ASTPath | null | undefined, ancestor: ASTPath): boolean {
  for (let current = path; current; current = parentPath(current)) if (current.node === ancestor.node) return true;
  return false;
}

/** How a module-level name is declared. */
interface ModuleBinding {
  kind: 'import' | 'function' | 'class' | 'const' | 'let' | 'var' | 'other';
  /** Index of the top-level statement that declares it. */
  statementIndex: number;
  /** The function a `function` binding (or a `const` holding a function) names. */
  functionPath?: ASTPath;
}

function topLevelIndex(path: ASTPath): number {
  let current = path;
  for (let parent = parentPath(current); parent && parent.node.type !== 'Program'; parent = parentPath(current)) current = parent;
  return typeof current.name === 'number' ? current.name : -1;
}

function moduleBinding(referencePath: ASTPath, name: string): ModuleBinding | undefined {
  const scope = scopeOf(referencePath)?.lookup(name);
  if (!scope?.isGlobal) return undefined;
  const declared = scope.getBindings()[name]?.[0];
  if (!declared) return undefined;
  const statementIndex = topLevelIndex(declared);
  let parent = parentPath(declared);
  const parentType = parent?.node.type ?? '';
  if (/^Import|^TSImportEquals/.test(parentType)) return { kind: 'import', statementIndex };
  if (parentType === 'FunctionDeclaration') return { kind: 'function', statementIndex, functionPath: parent ?? undefined };
  if (parentType === 'ClassDeclaration') return { kind: 'class', statementIndex };
  while (parent && parent.node.type !== 'VariableDeclarator') parent = parentPath(parent);
  const declarator = parent?.node;
  if (!parent || declarator?.type !== 'VariableDeclarator') return { kind: 'other', statementIndex };
  const { init } = declarator;
  const initRoot = init?.type === 'MemberExpression' ? init.object : init;
  if (requiredModule(initRoot) !== undefined) return { kind: 'import', statementIndex };
  const declaration = parentPath(parent)?.node;
  const kind = declaration?.type === 'VariableDeclaration' ? declaration.kind : undefined;
  // `using` bindings are disposed of, never state a job would share: read as any other binding.
  if (kind !== 'const' && kind !== 'let' && kind !== 'var') return { kind: 'other', statementIndex };
  return { kind, statementIndex, functionPath: isFunction(init) ? parent.get('init') : undefined };
}

/** Module-level `let`/`var` names the file assigns after their declaration: state changed at run time. */
export function reassignedModuleNames(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  const note = (path: ASTPath, target: ASTNode) => {
    if (target.type === 'Identifier' && scopeOf(path)?.lookup(target.name)?.isGlobal) names.add(target.name);
  };
  root.find(j.AssignmentExpression).forEach((path) => note(path, path.node.left));
  root.find(j.UpdateExpression).forEach((path) => note(path, path.node.argument));
  return names;
}

/** Does this reference change the value it names (`x.a = 1`, `x.push()`, `delete x[k]`)? */
function mutates(reference: ASTPath): boolean {
  const member = parentPath(reference);
  const memberNode = member?.node;
  if (!member || (memberNode?.type !== 'MemberExpression' && memberNode?.type !== 'OptionalMemberExpression') || reference.name !== 'object') return false;
  const user = parentPath(member)?.node;
  if (!user) return false;
  if (user.type === 'AssignmentExpression' && member.name === 'left') return true;
  if (user.type === 'UpdateExpression' || (user.type === 'UnaryExpression' && user.operator === 'delete')) return true;
  const property = memberNode.property;
  return /CallExpression$/.test(user.type) && member.name === 'callee' && property.type === 'Identifier' && mutatorMethods.has(property.name);
}

export interface MoveAnalysis {
  /** Index of the top-level statement the job declaration goes before. */
  insertionIndex: number;
  reassigned: ReadonlySet<string>;
}

/** Why the state a function body touches stays behind in the web process, or undefined. */
function moduleStateProblem(j: JSCodeshift, body: ASTPath, analysis: MoveAnalysis, visited: Set<unknown>, through?: string): string | undefined {
  if (visited.has(body.node)) return undefined;
  visited.add(body.node);
  const subject = through ? `its callback (through ${through}())` : 'its callback';
  for (const reference of valueReferences(j, body)) {
    const name = referenceName(reference);
    const binding = moduleBinding(reference, name);
    if (!binding) continue;
    if ((binding.kind === 'let' || binding.kind === 'var') && analysis.reassigned.has(name)) {
      return `${subject} uses \`${name}\`, a module variable this process changes at run time, and the worker would have its own copy; keep that state in Redis first or move the job by hand`;
    }
    if ((binding.kind === 'const' || binding.kind === 'let' || binding.kind === 'var') && mutates(reference)) {
      return `${subject} changes \`${name}\`, state this process keeps in memory, and in the worker it would change the worker's copy; keep that state in Redis first or move the job by hand`;
    }
    if (binding.functionPath) {
      const problem = moduleStateProblem(j, binding.functionPath, analysis, visited, through ?? name);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** The function that declares the local `name` resolves to, for the skip reason. */
function ownerName(scopePath: ASTPath | undefined): string {
  const name = scopePath ? functionName(scopePath) : undefined;
  return name ? `${name}()` : 'the enclosing function';
}

/**
 * Why the expression at `path` cannot be evaluated at module level before the statement `insertionIndex`
 * (`what` names it in the reason: "its interval"), or undefined.
 */
export function moduleLevelProblem(j: JSCodeshift, path: ASTPath, what: string, analysis: MoveAnalysis): string | undefined {
  for (const reference of valueReferences(j, path)) {
    const name = referenceName(reference);
    const scope = scopeOf(reference)?.lookup(name);
    if (!scope) continue;
    if (!scope.isGlobal) return `${what} uses \`${name}\`, a variable of ${ownerName(scope.path)}; pass what it needs through module-level imports first`;
    const binding = moduleBinding(reference, name);
    if (!binding) continue;
    if (binding.kind !== 'import' && binding.kind !== 'function' && binding.statementIndex >= analysis.insertionIndex) {
      return `${what} uses \`${name}\`, declared further down; move its declaration above the timer first`;
    }
    if ((binding.kind === 'let' || binding.kind === 'var') && analysis.reassigned.has(name)) {
      return `${what} uses \`${name}\`, a module variable this process changes at run time`;
    }
  }
  const computedByCall = j(path).find(j.CallExpression).size() > 0 || j(path).find(j.NewExpression).size() > 0 || /CallExpression$|^NewExpression$/.test(path.node.type);
  // A call the module already makes when it loads (a timer at module level) may as well be made in the job's definition.
  if (computedByCall && enclosingFunction(path) !== undefined) {
    return `${what} is computed by a call, which would then run when the module loads`;
  }
  return undefined;
}

/** Why the inline function at `path` cannot move to module level and run in the worker, or undefined. */
function inlineFunctionProblem(j: JSCodeshift, path: ASTPath, analysis: MoveAnalysis): string | undefined {
  const node = path.node;
  const params = isFunction(node) ? node.params : [];
  if (params.length > 0) return 'its callback takes arguments from the scheduler, which a queued job does not get';
  for (const reference of valueReferences(j, path)) {
    const name = referenceName(reference);
    const scope = scopeOf(reference)?.lookup(name);
    if (name === 'arguments' && !scope) {
      if (!ownFunctionInside(reference, path)) return 'its callback uses `arguments`';
      continue;
    }
    if (!scope || scope.isGlobal || isInside(scope.path, path)) continue;
    return `its callback uses \`${name}\`, a variable of ${ownerName(scope.path)}; pass what it needs through module-level imports first`;
  }
  const usesThis = j(path)
    .find(j.ThisExpression)
    .filter((thisPath) => !ownFunctionInside(thisPath, path))
    .size();
  if (usesThis > 0 || (node.type === 'FunctionExpression' && j(path).find(j.Super).size() > 0)) {
    return 'its callback uses `this`, which a job running in the worker does not have; move the work into a module-level function first';
  }
  return moduleStateProblem(j, path, analysis, new Set());
}

/** Is there a non-arrow function between `path` and `callback` (exclusive), giving it its own `this`? */
function ownFunctionInside(path: ASTPath, callback: ASTPath): boolean {
  for (let current = parentPath(path); current && current.node !== callback.node; current = parentPath(current)) {
    if (hasOwnThis(current.node)) return true;
  }
  return false;
}

/** Why the callback at `path` cannot become the body of a job in the worker, or undefined when it can. */
export function callbackProblem(j: JSCodeshift, path: ASTPath, analysis: MoveAnalysis): string | undefined {
  const node = path.node;
  if (isFunction(node)) return inlineFunctionProblem(j, path, analysis);
  if (node.type !== 'Identifier' && node.type !== 'MemberExpression') return 'its callback is not a function this codemod can follow';
  const problem = moduleLevelProblem(j, path, 'its callback', analysis);
  if (problem) return problem;
  if (node.type === 'Identifier') {
    const binding = moduleBinding(path, node.name);
    if (binding?.functionPath) {
      const fn = binding.functionPath.node;
      if (isFunction(fn) && fn.params.length > 0) {
        return `its callback ${node.name}() takes arguments, which a queued job does not get`;
      }
      return moduleStateProblem(j, binding.functionPath, analysis, new Set(), node.name);
    }
  }
  return undefined;
}
