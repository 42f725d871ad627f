/**
 * Stage 4 of the audit: every function that can run while a request is handled, found from the handlers
 * through calls across files (names resolved through imports and re-exports), cycle-safe and bounded.
 */
import type { Node, SourceFile } from 'typescript';
import type { Declarations } from '../syntax/declarations.js';
import { callsWithin, lineOf } from '../syntax/file-nodes.js';
import { enclosingFunction, functionOf, isFunctionLike, type FunctionLike } from '../syntax/functions.js';
import type { Handler } from './handlers.js';
import type { Evidence } from '../model.js';
import { ts } from '../syntax/typescript.js';

/** Upper bound on functions visited, so a huge program cannot make the audit run away. */
const MAX_FUNCTIONS = 50_000;

interface Visit {
  handler: Handler;
  /** The function whose call reached this one (none for the handler itself). */
  from?: FunctionLike;
  callLine?: number;
}

export interface Reachability {
  /** The reached function enclosing `node` (itself or an ancestor), if any. */
  reachedFunctionOf(node: Node): FunctionLike | undefined;
  /** The call chain from a handler to `fn`, as evidence steps. */
  chainTo(fn: FunctionLike): Evidence[];
  /** Every reached function. */
  functions(): Iterable<FunctionLike>;
}

function displayName(fn: FunctionLike): string {
  if (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) return fn.name?.getText() ?? 'function';
  const { parent } = fn;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText();
  return 'callback';
}

/** Walks calls from every handler; `relativeOf` names audited files and is undefined for anything else. */
export function reachFromHandlers(handlers: readonly Handler[], relativeOf: (sourceFile: SourceFile) => string | undefined, declarations: Declarations): Reachability {
  const visits = new Map<FunctionLike, Visit>();
  const queue: FunctionLike[] = [];
  for (const handler of handlers) {
    if (visits.has(handler.fn)) continue;
    visits.set(handler.fn, { handler });
    queue.push(handler.fn);
  }
  for (let index = 0; index < queue.length && visits.size < MAX_FUNCTIONS; index++) {
    const fn = queue[index]!;
    const visit = visits.get(fn)!;
    for (const call of callsWithin(fn)) {
      // The callee, and functions handed over as callbacks (`items.map(toRow)`), both run now.
      const candidates = [call.expression, ...call.arguments.filter((argument) => ts.isIdentifier(argument) || ts.isPropertyAccessExpression(argument))];
      for (const candidate of candidates) {
        const target = functionOf(candidate, declarations);
        if (!target || visits.has(target) || relativeOf(target.getSourceFile()) === undefined) continue;
        visits.set(target, { handler: visit.handler, from: fn, callLine: lineOf(call) });
        queue.push(target);
      }
    }
  }

  return {
    reachedFunctionOf(node) {
      for (let fn = isFunctionLike(node) && visits.has(node) ? node : enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
        if (visits.has(fn)) return fn;
      }
      return undefined;
    },
    chainTo(fn) {
      const steps: Evidence[] = [];
      for (let current: FunctionLike | undefined = fn; current; ) {
        const visit = visits.get(current);
        if (!visit) break;
        if (!visit.from) {
          steps.unshift({ file: visit.handler.file, line: visit.handler.line, note: visit.handler.label });
          break;
        }
        steps.unshift({ file: relativeOf(visit.from.getSourceFile()) ?? '', line: visit.callLine ?? 0, note: `calls ${displayName(current)}()` });
        current = visit.from;
      }
      return steps;
    },
    functions: () => visits.keys(),
  };
}
