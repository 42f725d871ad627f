/**
 * Request handlers as the uploads codemod asks about them: which functions handle requests is the kit's answer
 * (`kit/handlers.ts`), and which name is a handler's request parameter is this codemod's own question.
 */
import { declaringScope, loose, parameterName, type AnyPath } from './ast.js';
import { isFunction } from '../kit/ast.js';

export { RequestHandlers } from '../kit/handlers.js';

/** Whether `name`, seen from `path`, is the first parameter of a function taking two or more: `req` of `(req, res) => …`. */
export function isRequestParameter(path: AnyPath, name: string): boolean {
  const scope = loose(declaringScope(path, name) ?? null);
  if (!scope || !isFunction(scope)) return false;
  const params = scope.params as unknown[];
  return params.length >= 2 && parameterName(params[0]) === name;
}
