/**
 * What makes a function a request handler, the parts of the answer that read no more than a node or a name, shared
 * by the rules (rules/kit/request-context.ts) and the codemods (codemods/kit/handlers.ts): both read ESTree or Babel
 * nodes, whose parameter shapes are the same. Facts come from `src/knowledge/frameworks.ts`.
 */
import {
  handlerParameterNames,
  nextRouteHandlerExports,
  requestEvents,
  requestTypeNames,
  routeMethods,
  serverlessHandlerExports,
} from '../knowledge/frameworks.js';
import { routeFileKind } from './routes.js';
import type { SyntaxNode } from './wrappers.js';

/** `app.get(…)`, `router.use(…)`, Hono's `app.on('GET', …)`: a call whose function arguments handle requests. */
export function isRouteRegistration(method: string, firstArgument: string | undefined): boolean {
  return routeMethods.includes(method) && (method !== 'on' || (firstArgument !== undefined && requestEvents.includes(firstArgument)));
}

/** The name of a parameter, through a default value and a TS parameter property; undefined for patterns. */
export function parameterName(parameter: SyntaxNode | undefined): string | undefined {
  const inner = parameter?.type === 'TSParameterProperty' ? (parameter.parameter as SyntaxNode) : parameter;
  const target = inner?.type === 'AssignmentPattern' ? (inner.left as SyntaxNode) : inner;
  return target?.type === 'Identifier' ? (target.name as string) : undefined;
}

function parameterTypeName(parameter: SyntaxNode | undefined): string | undefined {
  if (parameter?.type !== 'Identifier') return undefined;
  const type = (parameter.typeAnnotation as SyntaxNode | undefined)?.typeAnnotation as SyntaxNode | undefined;
  if (type?.type !== 'TSTypeReference') return undefined;
  const name = type.typeName as SyntaxNode;
  if (name.type === 'Identifier') return name.name as string;
  return name.type === 'TSQualifiedName' ? ((name.right as SyntaxNode).name as string) : undefined;
}

/** `(req, res)`, `(request, reply)`, `(ctx, next)` or a first parameter typed as a request. */
export function looksLikeHandler(fn: { readonly params: readonly unknown[] }): boolean {
  const [first, second] = fn.params as readonly SyntaxNode[];
  const typeName = parameterTypeName(first);
  if (typeName && requestTypeNames.includes(typeName)) return true;
  const firstName = parameterName(first);
  const secondName = parameterName(second);
  return handlerParameterNames.some(
    (shape) => firstName !== undefined && shape.first.includes(firstName) && (secondName === undefined || !shape.second || shape.second.includes(secondName)),
  );
}

/** Which exports of a file handle requests, by file convention: route files, API pages, server actions, serverless. */
export interface ExportConvention {
  /** The default export handles requests (a Next.js API page, a 'use server' file). */
  defaultExport: boolean;
  /** Whether the named export `name` does. */
  named(name: string): boolean;
}

/** The convention of `file` (relative to the project); `serverActions`: the file starts with 'use server'. */
export function exportConvention(file: string | undefined, serverActions: boolean): ExportConvention {
  const kind = file === undefined ? undefined : routeFileKind(file);
  return {
    defaultExport: kind === 'api-page' || serverActions,
    named: (name) => serverActions || (kind === 'route' ? nextRouteHandlerExports.includes(name) : serverlessHandlerExports.includes(name)),
  };
}
