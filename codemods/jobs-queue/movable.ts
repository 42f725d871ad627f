/**
 * Can a timer's callback run in another process? It moves to a module-level `defineJob(…)` that the worker
 * imports, so it may only use imports, globals and module-level declarations, and must not read or change
 * state this process keeps in memory (the worker has its own copy of it).
 */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { mutatorMethods } from '../../src/knowledge/containers.js';
import { requiredModule } from '../kit/imports.js';
import { enclosingFunction, functionName, hasOwnThis, isFunction } from '../kit/ast.js';

type AnyNode = { type: string; [key: string]: unknown };

/** Node types whose identifiers name types, not values. */
function isTypePosition(path: ASTPath, stopAt: ASTPath): boolean {
  for (let current: ASTPath | null = path.parent as ASTPath | null; current && current !== stopAt; current = current.parent as ASTPath | null) {
    const type = (current.node as AnyNode).type;
    if (type === 'TSAsExpression' || type === 'TSSatisfiesExpression' || type === 'TSNonNullExpression' || type === 'TSTypeAssertion') return false;
    if (type.startsWith('TS') || type === 'TypeAnnotation') return true;
  }
  return false;
}

/** Is this identifier a reference to a variable (not a property name, label or type)? */
function isValueReference(path: ASTPath, stopAt: ASTPath): boolean {
  const parent = path.parent?.node as AnyNode | undefined;
  if (!parent) return true;
  const key = path.name;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && key === 'property' && !parent.computed) return false;
  if (/Property$|Method$/.test(parent.type) && key === 'key' && !parent.computed) return false;
  if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement' || parent.type === 'MetaProperty') return false;
  return !isTypePosition(path, stopAt);
}

/** Every value reference inside the node at `path`, the node itself included. */
function valueReferences(j: JSCodeshift, path: ASTPath): ASTPath[] {
  if ((path.node as AnyNode).type === 'Identifier') return [path];
  return j(path)
    .find(j.Identifier)
    .filter((identifier) => isValueReference(identifier, path))
    .paths();
}

/** Whether `path` is `ancestor` or lies inside it. */
export function isInside(path: ASTPath | null | undefined, ancestor: ASTPath): boolean {
  for (let current = path; current; current = current.parent as ASTPath | null) if (current.node === ancestor.node) return true;
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
  while (current.parent && (current.parent.node as AnyNode).type !== 'Program') current = current.parent as ASTPath;
  return typeof current.name === 'number' ? current.name : -1;
}

function moduleBinding(referencePath: ASTPath, name: string): ModuleBinding | undefined {
  const scope = referencePath.scope?.lookup(name);
  if (!scope?.isGlobal) return undefined;
  const declared = (scope.getBindings() as Record<string, ASTPath[]>)[name]?.[0];
  if (!declared) return undefined;
  const statementIndex = topLevelIndex(declared);
  let parent = declared.parent as ASTPath;
  const parentType = (parent.node as AnyNode).type;
  if (/^Import|^TSImportEquals/.test(parentType)) return { kind: 'import', statementIndex };
  if (parentType === 'FunctionDeclaration') return { kind: 'function', statementIndex, functionPath: parent };
  if (parentType === 'ClassDeclaration') return { kind: 'class', statementIndex };
  while (parent && (parent.node as AnyNode).type !== 'VariableDeclarator') parent = parent.parent as ASTPath;
  if (!parent) return { kind: 'other', statementIndex };
  const init = (parent.node as AnyNode).init as AnyNode | null;
  const initRoot = init?.type === 'MemberExpression' ? (init.object as AnyNode) : init;
  if (requiredModule(initRoot) !== undefined) return { kind: 'import', statementIndex };
  const kind = (parent.parent.node as AnyNode).kind as 'const' | 'let' | 'var';
  return { kind, statementIndex, functionPath: isFunction(init) ? (parent.get('init') as ASTPath) : undefined };
}

/** Module-level `let`/`var` names the file assigns after their declaration: state changed at run time. */
export function reassignedModuleNames(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  const note = (path: ASTPath, target: AnyNode) => {
    if (target.type === 'Identifier' && path.scope?.lookup(target.name as string)?.isGlobal) names.add(target.name as string);
  };
  root.find(j.AssignmentExpression).forEach((path) => note(path, path.node.left as unknown as AnyNode));
  root.find(j.UpdateExpression).forEach((path) => note(path, path.node.argument as AnyNode));
  return names;
}

/** Does this reference change the value it names (`x.a = 1`, `x.push()`, `delete x[k]`)? */
function mutates(reference: ASTPath): boolean {
  const member = reference.parent as ASTPath | null;
  const memberNode = member?.node as AnyNode | undefined;
  if (!member || !memberNode || !/MemberExpression$/.test(memberNode.type) || reference.name !== 'object') return false;
  const user = member.parent?.node as AnyNode | undefined;
  if (!user) return false;
  if (user.type === 'AssignmentExpression' && member.name === 'left') return true;
  if (user.type === 'UpdateExpression' || (user.type === 'UnaryExpression' && user.operator === 'delete')) return true;
  const property = memberNode.property as AnyNode;
  return /CallExpression$/.test(user.type) && member.name === 'callee' && property.type === 'Identifier' && mutatorMethods.has(property.name as string);
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
    const name = (reference.node as AnyNode).name as string;
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
    const name = (reference.node as AnyNode).name as string;
    const scope = reference.scope?.lookup(name);
    if (!scope) continue;
    if (!scope.isGlobal) return `${what} uses \`${name}\`, a variable of ${ownerName(scope.path as ASTPath)}; pass what it needs through module-level imports first`;
    const binding = moduleBinding(reference, name);
    if (!binding) continue;
    if (binding.kind !== 'import' && binding.kind !== 'function' && binding.statementIndex >= analysis.insertionIndex) {
      return `${what} uses \`${name}\`, declared further down; move its declaration above the timer first`;
    }
    if ((binding.kind === 'let' || binding.kind === 'var') && analysis.reassigned.has(name)) {
      return `${what} uses \`${name}\`, a module variable this process changes at run time`;
    }
  }
  const computedByCall = j(path).find(j.CallExpression).size() > 0 || j(path).find(j.NewExpression).size() > 0 || /CallExpression$|^NewExpression$/.test((path.node as AnyNode).type);
  // A call the module already makes when it loads (a timer at module level) may as well be made in the job's definition.
  if (computedByCall && enclosingFunction(path) !== undefined) {
    return `${what} is computed by a call, which would then run when the module loads`;
  }
  return undefined;
}

/** Why the inline function at `path` cannot move to module level and run in the worker, or undefined. */
function inlineFunctionProblem(j: JSCodeshift, path: ASTPath, analysis: MoveAnalysis): string | undefined {
  const node = path.node as AnyNode;
  const params = node.params as AnyNode[];
  if (params.length > 0) return 'its callback takes arguments from the scheduler, which a queued job does not get';
  for (const reference of valueReferences(j, path)) {
    const name = (reference.node as AnyNode).name as string;
    const scope = reference.scope?.lookup(name);
    if (name === 'arguments' && !scope) {
      if (!ownFunctionInside(reference, path)) return 'its callback uses `arguments`';
      continue;
    }
    if (!scope || scope.isGlobal || isInside(scope.path as ASTPath, path)) continue;
    return `its callback uses \`${name}\`, a variable of ${ownerName(scope.path as ASTPath)}; pass what it needs through module-level imports first`;
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
  for (let current = path.parent as ASTPath | null; current && current.node !== callback.node; current = current.parent as ASTPath | null) {
    if (hasOwnThis(current.node)) return true;
  }
  return false;
}

/** Why the callback at `path` cannot become the body of a job in the worker, or undefined when it can. */
export function callbackProblem(j: JSCodeshift, path: ASTPath, analysis: MoveAnalysis): string | undefined {
  const node = path.node as AnyNode;
  if (isFunction(node)) return inlineFunctionProblem(j, path, analysis);
  if (node.type !== 'Identifier' && node.type !== 'MemberExpression') return 'its callback is not a function this codemod can follow';
  const problem = moduleLevelProblem(j, path, 'its callback', analysis);
  if (problem) return problem;
  if (node.type === 'Identifier') {
    const binding = moduleBinding(path, node.name as string);
    if (binding?.functionPath) {
      if (((binding.functionPath.node as AnyNode).params as unknown[]).length > 0) {
        return `its callback ${node.name as string}() takes arguments, which a queued job does not get`;
      }
      return moduleStateProblem(j, binding.functionPath, analysis, new Set(), node.name as string);
    }
  }
  return undefined;
}
