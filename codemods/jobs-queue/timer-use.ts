/**
 * What the code does with the handle a timer or scheduler returns. A scheduled job has no handle to stop:
 * a statement, a `return` and a variable used only to `.unref()`/`.start()` can be rewritten; a handle
 * stopped or stored elsewhere cannot.
 */
import type { ASTPath, JSCodeshift } from 'jscodeshift';
import { at as lineRef, prose, type Problem } from '../kit/skip.js';
import { lineOf } from '../kit/todo.js';
import { enclosingFunction, functionName } from '../kit/ast.js';

type AnyNode = { type: string; [key: string]: unknown };

/** Calls on a handle that mean nothing once the job is scheduled in Redis. */
const droppableMethods = new Set(['unref', 'ref', 'start']);

export interface TimerUse {
  /** `statement`: `scheduleJob(…)` replaces `expression`; `return`: also fix the function's return type;
   * `declaration`: `scheduleJob(…);` replaces the whole variable declaration `statement`. */
  kind: 'statement' | 'return' | 'declaration';
  /** The expression `scheduleJob(…)` replaces: the call, or the call with `.unref()`/`.start()` chained. */
  expression: ASTPath;
  statement?: ASTPath;
  /** The function returning the handle. */
  returningFunction?: ASTPath;
  /** Statements such as `timer.unref();` to remove. */
  droppedStatements: ASTPath[];
  /** `.start()` is called on the handle. */
  started: boolean;
}

function sourceOf(j: JSCodeshift, node: unknown): string {
  const text = j(node as never)
    .toSource()
    .replace(/\s*\n\s*/g, ' ');
  return text.length > 50 ? `${text.slice(0, 47)}…` : text;
}

/** `handle.unref()` as a statement on its own. */
function droppableCall(reference: ASTPath): { statement: ASTPath; method: string } | undefined {
  const member = reference.parent as ASTPath;
  const memberNode = member.node as AnyNode;
  if (memberNode.type !== 'MemberExpression' || reference.name !== 'object' || memberNode.computed) return undefined;
  const method = (memberNode.property as AnyNode).name as string;
  const call = member.parent as ASTPath;
  const callNode = call.node as AnyNode;
  if (!droppableMethods.has(method) || callNode.type !== 'CallExpression' || member.name !== 'callee' || (callNode.arguments as unknown[]).length > 0) return undefined;
  const statement = call.parent as ASTPath;
  return (statement.node as AnyNode).type === 'ExpressionStatement' ? { statement, method } : undefined;
}

/** What reads a reference: the call it is passed to or called on, else its parent expression. */
function usingExpression(reference: ASTPath): unknown {
  const parent = reference.parent as ASTPath;
  if ((parent.node as AnyNode).type === 'MemberExpression' && /CallExpression$/.test((parent.parent.node as AnyNode).type)) return parent.parent.node;
  return parent.node;
}

function references(j: JSCodeshift, declarator: ASTPath, name: string): ASTPath[] {
  const scope = declarator.scope?.lookup(name);
  const program = j(declarator).closest(j.Program);
  return program
    .find(j.Identifier, { name })
    .filter((identifier) => identifier.node !== (declarator.node as AnyNode).id && identifier.scope?.lookup(name) === scope)
    .filter((identifier) => {
      const parent = identifier.parent.node as AnyNode;
      return !(/MemberExpression$/.test(parent.type) && identifier.name === 'property' && !parent.computed) && !(/Property$/.test(parent.type) && identifier.name === 'key' && !parent.shorthand);
    })
    .paths();
}

/** Calls of the named function elsewhere in the file that use what it returns. */
function callerUsingResult(j: JSCodeshift, fn: ASTPath): ASTPath | undefined {
  const name = functionName(fn);
  if (!name) return undefined;
  return j(fn)
    .closest(j.Program)
    .find(j.CallExpression)
    .filter((call) => {
      const callee = call.node.callee as AnyNode;
      const named = (callee.type === 'Identifier' && callee.name === name) || (callee.type === 'MemberExpression' && (callee.property as AnyNode).name === name);
      const parentType = (call.parent.node as AnyNode).type;
      return named && parentType !== 'ExpressionStatement' && !(parentType === 'AwaitExpression' && (call.parent.parent.node as AnyNode).type === 'ExpressionStatement');
    })
    .paths()[0];
}

/** How the handle of the timer created at `call` is used, or why that use cannot be rewritten. */
export function timerUse(j: JSCodeshift, call: ASTPath): TimerUse | Problem {
  let expression = call;
  let started = false;
  // setInterval(…).unref(), new CronJob(…).start()
  for (;;) {
    const member = expression.parent as ASTPath;
    const outer = member.parent as ASTPath;
    const memberNode = member.node as AnyNode;
    if (memberNode.type !== 'MemberExpression' || memberNode.computed || (outer.node as AnyNode).type !== 'CallExpression' || member.name !== 'callee') break;
    const method = (memberNode.property as AnyNode).name as string;
    if (!droppableMethods.has(method) || ((outer.node as AnyNode).arguments as unknown[]).length > 0) break;
    started ||= method === 'start';
    expression = outer;
  }
  const parent = expression.parent as ASTPath;
  const parentNode = parent.node as AnyNode;
  if (parentNode.type === 'ExpressionStatement') return { kind: 'statement', expression, droppedStatements: [], started };

  const returnsIt = parentNode.type === 'ReturnStatement' || (parentNode.type === 'ArrowFunctionExpression' && expression.name === 'body');
  if (returnsIt) {
    const returningFunction = parentNode.type === 'ReturnStatement' ? enclosingFunction(parent) : parent;
    const caller = returningFunction && callerUsingResult(j, returningFunction);
    if (caller) return prose`its handle is returned by ${functionName(returningFunction!) ?? 'its function'}(), and line ${lineRef(lineOf(caller))} uses it (\`${sourceOf(j, caller.parent.node)}\`); migrate it by hand (unscheduleJob() from the jobs adapter stops a job for every instance)`;
    return { kind: 'return', expression, returningFunction, droppedStatements: [], started };
  }

  if (parentNode.type === 'VariableDeclarator' && expression.name === 'init') {
    const declaration = parent.parent as ASTPath;
    const id = parentNode.id as AnyNode;
    const container = (declaration.parent.node as AnyNode).type;
    if (id.type !== 'Identifier' || ((declaration.node as AnyNode).declarations as unknown[]).length !== 1) return 'its handle is destructured or declared with other variables';
    if (container === 'ExportNamedDeclaration') return `its handle is exported as \`${id.name as string}\``;
    if (container !== 'Program' && container !== 'BlockStatement') return 'its handle is declared where a statement cannot replace it';
    const droppedStatements: ASTPath[] = [];
    for (const reference of references(j, parent, id.name as string)) {
      const droppable = droppableCall(reference);
      if (!droppable) {
        return prose`its handle \`${id.name as string}\` is used at line ${lineRef(lineOf(reference))} (\`${sourceOf(j, usingExpression(reference))}\`), and a repeatable job has no handle; migrate it by hand (unscheduleJob() from the jobs adapter stops a job for every instance)`;
      }
      droppedStatements.push(droppable.statement);
      started ||= droppable.method === 'start';
    }
    return { kind: 'declaration', expression, statement: declaration, droppedStatements, started };
  }
  if (parentNode.type === 'AssignmentExpression') return `its handle is stored in \`${sourceOf(j, parentNode.left)}\`, and a repeatable job has no handle; migrate it by hand (unscheduleJob() from the jobs adapter stops a job for every instance)`;
  return `its handle is passed on (\`${sourceOf(j, parentNode)}\`), and a repeatable job has no handle`;
}
