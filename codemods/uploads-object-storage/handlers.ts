/**
 * Which functions handle requests: Express-style callbacks given to `app.get(…)`/`router.post(…)`,
 * functions whose parameters read `(req, res)`, and same-file functions those call.
 */
import type { Collection, JSCodeshift } from 'jscodeshift';
import { declaringScope, loose, memberName, parameterName, type Loose, type AnyPath } from './ast.js';
import { bindingName, enclosingFunctions, isFunction } from '../kit/ast.js';
import { requestParameter, responseParameter, routeMethods } from './modules.js';

export class RequestHandlers {
  private readonly functions = new Set<unknown>();

  constructor(j: JSCodeshift, root: Collection) {
    const all: AnyPath[] = [];
    root.find(j.Function).forEach((path) => {
      all.push(path);
    });
    const pending = all.filter((path) => isRouteCallback(path) || hasRequestParameters(loose(path.node)));
    const program = root.find(j.Program).paths()[0]?.node;
    while (pending.length > 0) {
      const handler = pending.pop()!;
      if (this.functions.has(handler.node)) continue;
      this.functions.add(handler.node);
      // Same-file functions the handler calls run inside the request too.
      j(handler)
        .find(j.CallExpression, { callee: { type: 'Identifier' } })
        .forEach((call) => {
          const name = loose(call.node.callee).name as string;
          if (declaringScope(call, name) !== program) return;
          // The binding a bare call reaches, never a method or property that merely shares the name.
          const callee = all.find((candidate) => bindingName(candidate) === name && declaringScope(candidate, name) === program);
          if (callee && !this.functions.has(callee.node)) pending.push(callee);
        });
    }
  }

  /** Whether `path` runs while a request is handled. */
  contains(path: AnyPath): boolean {
    return enclosingFunctions(path).some((fn) => this.functions.has(fn.node));
  }
}

function isRouteCallback(path: AnyPath): boolean {
  const fn = loose(path.node);
  const call = loose(path.parent?.node);
  if (fn.params.length < 2 || call?.type !== 'CallExpression' || !call.arguments.includes(fn)) return false;
  return routeMethods.has(memberName(call.callee) ?? '');
}

function hasRequestParameters(fn: Loose): boolean {
  const [request, response] = fn.params as unknown[];
  return requestParameter.test(parameterName(request) ?? '') && responseParameter.test(parameterName(response) ?? '');
}

/** Whether `name`, seen from `path`, is the first parameter of a function taking two or more: `req` of `(req, res) => …`. */
export function isRequestParameter(path: AnyPath, name: string): boolean {
  const scope = loose(declaringScope(path, name) ?? null);
  if (!scope || !isFunction(scope)) return false;
  const params = scope.params as unknown[];
  return params.length >= 2 && parameterName(params[0]) === name;
}
