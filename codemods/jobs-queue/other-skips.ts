/** What the codemod reports without rewriting: `setTimeout` job loops, and files that cannot be loaded by a worker. */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { rescheduledTimers } from '../../src/knowledge/jobs.js';
import { lineOf } from '../kit/todo.js';
import { findApiCalls } from './api-calls.js';
import { enclosingFunctions, functionName, isFunction } from '../kit/ast.js';
import { insideCallOf, type SkippedSite } from './plan.js';

type AnyNode = { type: string; [key: string]: unknown };

/** The enclosing function a `setTimeout` callback runs again, making a loop; undefined for a one-shot delay. */
function rescheduledFunction(j: JSCodeshift, call: ASTPath): string | undefined {
  const callback = call.get('arguments', 0) as ASTPath;
  const node = callback.node as AnyNode | undefined;
  if (!node) return undefined;
  const enclosing = new Set(enclosingFunctions(call).map(functionName).filter((name) => name !== undefined));
  if (node.type === 'Identifier') return enclosing.has(node.name as string) ? (node.name as string) : undefined;
  if (!isFunction(node)) return undefined;
  const again = j(callback)
    .find(j.CallExpression)
    .filter((inner) => {
      const callee = inner.node.callee as AnyNode;
      return callee.type === 'Identifier' && enclosing.has(callee.name as string);
    })
    .paths()[0];
  return again ? ((again.node.callee as AnyNode).name as string) : undefined;
}

/** `setTimeout` calls that reschedule the function they are in: job loops the codemod leaves to a person. */
export function timeoutLoops(j: JSCodeshift, root: Collection, jobCallees: ReadonlySet<string>): SkippedSite[] {
  const skips: SkippedSite[] = [];
  const seen = new Set<unknown>();
  for (const ref of rescheduledTimers) {
    for (const call of findApiCalls(j, root, ref)) {
      if (seen.has(call.node) || insideCallOf(call, jobCallees)) continue;
      seen.add(call.node);
      const name = rescheduledFunction(j, call);
      if (!name) continue;
      const line = lineOf(call);
      skips.push({ call, line, reason: 'job-timeout-loop', detail: { name } });
    }
  }
  return skips;
}

/** Calls in `path` that run when the statement runs, not later inside a function. */
function immediateCalls(j: JSCodeshift, path: ASTPath): ASTPath[] {
  const calls = [...j(path).find(j.CallExpression).paths(), ...j(path).find(j.NewExpression).paths(), ...j(path).find(j.AwaitExpression).paths()];
  return calls.filter((call) => {
    for (let current = call.parent as ASTPath | null; current && current.node !== path.node; current = current.parent as ASTPath | null) {
      // Code in a function runs when called, code in a class body when the class is used.
      if (isFunction(current.node) || /Class/.test((current.node as AnyNode).type)) return false;
    }
    return true;
  });
}

function isExportAssignment(node: AnyNode): boolean {
  if (node.type !== 'AssignmentExpression') return false;
  let target = node.left as AnyNode;
  while (target.type === 'MemberExpression') target = target.object as AnyNode;
  return target.type === 'Identifier' && (target.name === 'module' || target.name === 'exports');
}

/** A guard such as `if (require.main === module)`: its body runs only when the file is the entry point. */
function isEntryPointGuard(j: JSCodeshift, node: AnyNode): boolean {
  if (node.type !== 'IfStatement') return false;
  const test = j(node.test as never).toSource();
  return /require\.main|import\.meta\.(url|main)/.test(test);
}

/**
 * The first top-level statement, outside `ignored`, that does something when the file is loaded (starts a
 * server, calls a function). The worker imports the file to get its jobs, so it would do that too.
 */
export function loadTimeEffect(j: JSCodeshift, root: Collection, ignored: ReadonlySet<unknown>): { line: number; text: string } | undefined {
  const program = root.find(j.Program).paths()[0];
  if (!program) return undefined;
  const statements = (program.get('body') as ASTPath).map((statement: ASTPath) => statement) as ASTPath[];
  for (const statement of statements) {
    const node = statement.node as AnyNode;
    if (ignored.has(node) || isEntryPointGuard(j, node)) continue;
    let effect: ASTPath | undefined;
    if (node.type === 'ExpressionStatement') {
      if (node.directive !== undefined || isExportAssignment(node.expression as AnyNode)) continue;
      effect = immediateCalls(j, statement)[0];
    } else if (node.type === 'VariableDeclaration' || /^Export/.test(node.type)) {
      // Creating values is fine; listening or waiting at load time is not.
      effect = immediateCalls(j, statement).find((call) => call.node.type === 'AwaitExpression' || /\.listen$/.test(j((call.node as AnyNode).callee as never).toSource()));
    } else if (/Statement$/.test(node.type) && node.type !== 'EmptyStatement') {
      effect = immediateCalls(j, statement)[0];
    }
    if (effect) {
      const text = j(effect).toSource().split('\n')[0]!;
      return { line: lineOf(effect), text: text.length > 40 ? `${text.slice(0, 37)}…` : text };
    }
  }
  return undefined;
}
