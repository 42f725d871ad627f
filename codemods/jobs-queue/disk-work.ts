/**
 * Jobs that work on files on the local disk (list a folder, delete old files). In the web process each instance
 * cleans its own disk; moved to a worker, the job would clean only the worker's. Such a job stays where it is,
 * skipped with the reason. Where the folder's files moved to the bucket, uploads-object-storage (which runs
 * first) has already rewritten the cleanup to list and delete objects: no fs call is left, and the job moves.
 */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { isFunction } from '../kit/ast.js';
import { importedBindings } from '../kit/imports.js';
import { callbackFsModules, allFsModules } from '../uploads-object-storage/modules.js';
import { dottedName } from '../uploads-object-storage/ast.js';

type AnyNode = { type: string; [key: string]: unknown };

/** fs functions (without `Sync`) that list folders or remove files: what a cleanup of local files calls. */
const diskFunctions: ReadonlySet<string> = new Set(['readdir', 'opendir', 'unlink', 'rm', 'rmdir', 'remove', 'emptyDir']);

/** Same-file functions called by name, declared at module level: `removeOldExports()` in a timer's callback. */
function moduleFunctions(j: JSCodeshift, root: Collection): Map<string, ASTPath> {
  const functions = new Map<string, ASTPath>();
  const program = root.find(j.Program).get().node as AnyNode;
  root.find(j.FunctionDeclaration).forEach((path) => {
    const statement = (path.parent.node as AnyNode).type === 'ExportNamedDeclaration' ? path.parent : path;
    if (statement.parent?.node === program && path.node.id) functions.set(path.node.id.name as string, path);
  });
  root.find(j.VariableDeclarator).forEach((path) => {
    const declaration = path.parent as ASTPath;
    const statement = (declaration.parent.node as AnyNode).type === 'ExportNamedDeclaration' ? declaration.parent : declaration;
    if (statement.parent?.node === program && path.node.id.type === 'Identifier' && isFunction(path.node.init)) functions.set(path.node.id.name, path.get('init') as ASTPath);
  });
  return functions;
}

/** The fs calls listing folders or removing files that `callback` makes, itself or through functions of the file. */
export function diskCalls(j: JSCodeshift, root: Collection, callback: ASTPath): { text: string; call: ASTPath }[] {
  const bindings = importedBindings(j, root, allFsModules);
  if (bindings.length === 0) return [];
  const functions = moduleFunctions(j, root);
  const found: { text: string; call: ASTPath }[] = [];
  const visited = new Set<unknown>();
  const queue = [callback];
  while (queue.length > 0 && visited.size < 50) {
    const body = queue.shift()!;
    if (visited.has(body.node)) continue;
    visited.add(body.node);
    j(body)
      .find(j.CallExpression)
      .forEach((call) => {
        const chain = dottedName(call.node.callee);
        const binding = chain && bindings.find((candidate) => candidate.local === chain[0]);
        if (chain && binding) {
          const members = binding.imported === 'default' || binding.imported === '*' ? chain.slice(1) : [binding.imported, ...chain.slice(1)];
          const name = (callbackFsModules.includes(binding.module) && members[0] === 'promises' ? members[1] : members[0])?.replace(/Sync$/, '');
          if (name !== undefined && members.length <= 2 && diskFunctions.has(name)) found.push({ text: chain.join('.'), call });
          return;
        }
        const callee = call.node.callee as AnyNode;
        const called = callee.type === 'Identifier' ? functions.get(callee.name as string) : undefined;
        if (called) queue.push(called);
      });
  }
  return found;
}

/** The calls a job that works on local files makes, for its skip (`job-cleans-local-disk`): `` `fs.readdir`, `fs.unlink` ``. */
export function diskCallNames(calls: readonly { text: string }[]): string {
  return [...new Set(calls.map((call) => `\`${call.text}\``))].join(', ');
}
