/**
 * Stage 4 of the audit: every function that can run while a request is handled, found from the handlers
 * through calls across files (names resolved through imports and re-exports), cycle-safe and bounded. A call
 * that may run several functions (a method of an interface, a driver chosen at run time) reaches each of them.
 */
import type { Node, SourceFile } from 'typescript';
import type { Declarations } from '../syntax/declarations.js';
import { callsWithin, lineOf } from '../syntax/file-nodes.js';
import { calleesOf, enclosingFunction, isFunctionLike, type Callee, type FunctionLike } from '../syntax/functions.js';
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
  /** How the call reached this function when it may reach several: the member it implements, how many candidates. */
  hop?: { via?: string; of: number };
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

/** A method's or field's name with its class's, `LocalDriver.upload`; other functions by their own name. */
function qualifiedName(fn: FunctionLike): string {
  const member = ts.isMethodDeclaration(fn) ? fn : ts.isPropertyDeclaration(fn.parent) || ts.isPropertyAssignment(fn.parent) ? fn.parent : undefined;
  const owner = member?.parent;
  const ownerName = owner && (ts.isClassLike(owner) ? owner.name?.text : ts.isObjectLiteralExpression(owner) && ts.isVariableDeclaration(owner.parent) ? owner.parent.name.getText() : undefined);
  return ownerName ? `${ownerName}.${displayName(fn)}` : displayName(fn);
}

/** The note of a call step: `calls save()`, or how a call that may run several functions reached this one. */
function callNote(fn: FunctionLike, hop: Visit['hop']): string {
  if (!hop) return `calls ${displayName(fn)}()`;
  if (hop.via) return `calls ${hop.via}() → ${qualifiedName(fn)}()${hop.of > 1 ? `, one of ${hop.of} implementations` : ''}`;
  return `calls ${qualifiedName(fn)}(), one of ${hop.of} candidates chosen at run time`;
}

/** How a call reached a function, when it was not simply the one function it names. */
function hopOf(callee: Callee, count: number): Pick<Visit, 'hop'> {
  if (callee.via === undefined && count <= 1) return {};
  return { hop: { ...(callee.via === undefined ? {} : { via: callee.via }), of: count } };
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
        const callees = calleesOf(candidate, declarations).filter(({ fn: target }) => relativeOf(target.getSourceFile()) !== undefined);
        for (const callee of callees) {
          if (visits.has(callee.fn)) continue;
          visits.set(callee.fn, { handler: visit.handler, from: fn, callLine: lineOf(call), ...hopOf(callee, callees.length) });
          queue.push(callee.fn);
        }
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
        steps.unshift({ file: relativeOf(visit.from.getSourceFile()) ?? '', line: visit.callLine ?? 0, note: callNote(current, visit.hop) });
        current = visit.from;
      }
      return steps;
    },
    functions: () => visits.keys(),
  };
}
