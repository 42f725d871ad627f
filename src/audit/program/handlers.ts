/**
 * Stage 3 of the audit: request handlers of every framework in `knowledge/frameworks.ts`, found in the
 * TypeScript AST. Unlike the rules, a handler passed by name may be declared in another file.
 */
import type { Node, SignatureDeclaration, SourceFile } from 'typescript';
import {
  handlerTakingCalls,
  nestHandlerDecorators,
  requestHooks,
  routeMethods,
  routeObjectHandlerKeys,
  routeObjectMethods,
  serverActionDirective,
} from '../../knowledge/index.js';
import { exportConvention, isRouteRegistration, looksLikeHandler as sharedLooksLikeHandler } from '../../semantics/handlers.js';
import { routeFileKind } from '../../semantics/routes.js';
import { calleeTarget, fileBindings, finalApiNames, matchesApi } from '../syntax/bindings.js';
import { callsNamed, functionsIn, lineOf, localExports, propertyNamed } from '../syntax/file-nodes.js';
import type { Declarations } from '../syntax/declarations.js';
import { functionOf, type FunctionLike } from '../syntax/functions.js';
import { parameterView } from '../syntax/syntax-view.js';
import { ts } from '../syntax/typescript.js';

export interface Handler {
  fn: FunctionLike;
  file: string;
  line: number;
  /** How it was recognised, e.g. "POST /upload handler" or "NestJS @Get() method". */
  label: string;
}

function stringArgument(node: Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** `(req, res)`, `(request, reply)`, `(ctx, next)`, or a first parameter typed as a request. */
const looksLikeHandler = (fn: SignatureDeclaration): boolean => sharedLooksLikeHandler({ params: fn.parameters.slice(0, 2).map(parameterView) });

/** The NestJS route decorator of a method (`@Get()`, `@Post(':id')`), if it has one. */
function nestRouteDecorator(fn: Node): string | undefined {
  if (!ts.isMethodDeclaration(fn)) return undefined;
  for (const decorator of ts.getDecorators(fn) ?? []) {
    const called = ts.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
    const name = ts.isPropertyAccessExpression(called) ? called.name.text : ts.isIdentifier(called) ? called.text : undefined;
    if (name !== undefined && nestHandlerDecorators.includes(name)) return name;
  }
  return undefined;
}

function routeLabel(method: string, path: string | undefined): string {
  return `${method.toUpperCase()}${path ? ` ${path}` : ''} handler`;
}

/** The names a call that registers a handler ends in: `app.get`, `router.route`, `addHook`, `createServer`. */
const handlerCallNames = new Set([...routeMethods, ...routeObjectMethods, ...Object.keys(requestHooks), ...finalApiNames(handlerTakingCalls)]);

/** Handlers registered or declared in one file. */
function handlersIn(sourceFile: SourceFile, relative: string, declarations: Declarations): Handler[] {
  const found: Handler[] = [];
  // A set beside the list: a bundle registers thousands of handlers in one file.
  const known = new Set<FunctionLike>();
  const add = (node: Node | undefined, label: string) => {
    const fn = node && functionOf(node, declarations);
    if (!fn || known.has(fn)) return;
    known.add(fn);
    found.push({ fn, file: fn.getSourceFile() === sourceFile ? relative : '', line: lineOf(fn), label });
  };
  const bindings = fileBindings(sourceFile);
  for (const call of callsNamed(sourceFile, handlerCallNames, (name) => bindings.has(name))) {
    const callee = call.expression;
    const args = call.arguments;
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.getText();
      const first = stringArgument(args[0]);
      if (isRouteRegistration(method, first)) {
        for (const argument of args) add(argument, routeLabel(method, first));
      }
      if (routeObjectMethods.includes(method)) {
        for (const argument of args) {
          const objects = ts.isArrayLiteralExpression(argument) ? argument.elements : [argument];
          for (const object of objects) collectRouteObject(object, add, 2);
        }
      }
      // Own properties only: `buf.toString('hex')` must not find Object.prototype.toString.
      const hooks = Object.hasOwn(requestHooks, method) ? requestHooks[method] : undefined;
      if (hooks && first !== undefined && hooks.includes(first)) for (const argument of args.slice(1)) add(argument, `${first} hook`);
    }
    const target = calleeTarget(callee, bindings);
    if (target && handlerTakingCalls.some((api) => matchesApi(target, api))) for (const argument of args) add(argument, `${callee.getText()} request listener`);
  }
  // Conventions first: they name the handler best ("Next.js API route" rather than "request handler").
  for (const [label, fn] of conventionHandlers(sourceFile, relative)) add(fn, label);
  for (const fn of functionsIn(sourceFile)) {
    const decorator = nestRouteDecorator(fn);
    if (decorator) add(fn, `NestJS @${decorator}() method`);
    else if (looksLikeHandler(fn)) add(fn, 'request handler');
    else if (isInlineServerAction(fn)) add(fn, `server action ${fn.name?.getText() ?? ''}`.trimEnd());
  }
  return found;
}

function collectRouteObject(node: Node, add: (node: Node, label: string) => void, depth: number): void {
  if (depth < 0 || !ts.isObjectLiteralExpression(node)) return;
  const method = propertyNamed(node, 'method');
  const url = propertyNamed(node, 'url') ?? propertyNamed(node, 'path');
  const text = (property: Node | undefined) => (property && ts.isPropertyAssignment(property) ? stringArgument(property.initializer) : undefined);
  for (const property of node.properties) {
    if (!ts.isPropertyAssignment(property) && !ts.isMethodDeclaration(property)) continue;
    const value = ts.isPropertyAssignment(property) ? property.initializer : property;
    if (routeObjectHandlerKeys.includes(property.name.getText())) add(value, routeLabel(text(method) ?? 'route', text(url)));
    else collectRouteObject(value, add, depth - 1);
  }
}

/** Whether the directive prologue of `statements` holds `directive`. */
function hasDirective(statements: readonly Node[], directive: string): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === directive) return true;
  }
  return false;
}

/** `async function save(form) { 'use server'; … }`: a server action declared inside a component. */
const isInlineServerAction = (fn: FunctionLike): boolean => fn.body !== undefined && ts.isBlock(fn.body) && hasDirective(fn.body.statements, serverActionDirective);

/** Which Next.js conventions make a file's exports request handlers: a route file, an API page, a 'use server' module. */
export function nextConventions(relative: string, sourceFile: SourceFile): { isRouteFile: boolean; isApiPage: boolean; isServerActions: boolean } {
  const first = sourceFile.statements[0];
  const kind = routeFileKind(relative);
  return {
    isRouteFile: kind === 'route',
    isApiPage: kind === 'api-page',
    isServerActions: first !== undefined && hasDirective([first], serverActionDirective),
  };
}

/** Next.js route files and API pages, server actions, serverless `handler` exports: src/semantics/handlers.ts decides. */
function conventionHandlers(sourceFile: SourceFile, relative: string): [string, Node][] {
  const { isRouteFile, isApiPage, isServerActions } = nextConventions(relative, sourceFile);
  const convention = exportConvention(relative, isServerActions);
  const found: [string, Node][] = [];
  for (const [name, declaration] of localExports(sourceFile)) {
    if (!(name === 'default' ? convention.defaultExport || convention.named(name) : convention.named(name))) continue;
    const label = isServerActions ? `server action ${name}` : isApiPage ? 'Next.js API route' : isRouteFile ? `Next.js ${name} route handler` : `serverless ${name}`;
    found.push([label, ts.isVariableDeclaration(declaration) ? (declaration.initializer ?? declaration) : declaration]);
  }
  return found;
}

/** Every handler of the audited files. */
export function findHandlers(files: readonly { relative: string; sourceFile: SourceFile }[], declarations: Declarations): Handler[] {
  const byFile = new Map(files.map((file) => [file.sourceFile, file.relative]));
  return files.flatMap(({ sourceFile, relative }) => handlersIn(sourceFile, relative, declarations).map((handler) => ({ ...handler, file: byFile.get(handler.fn.getSourceFile()) ?? handler.file })));
}
