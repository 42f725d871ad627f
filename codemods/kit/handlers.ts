/**
 * Which functions of one file run while a request is handled, from the same knowledge the rules read
 * (`src/knowledge/frameworks.ts`): route callbacks, route objects and per-request hooks, `createServer` callbacks,
 * functions shaped like handlers, NestJS handler methods, server actions, file-based routes' exports, and the
 * same-file functions those call. `rules/kit/request-context.ts` answers the same over ESTree; the conformance
 * table (src/semantics/conformance-table.ts) holds both to the same answers.
 */
import type { ASTNode, ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { handlerTakingCalls, nestHandlerDecorators, requestHooks, routeObjectHandlerKeys, routeObjectMethods, serverActionDirective } from '../../src/knowledge/frameworks.js';
import { exportConvention, isRouteRegistration, looksLikeHandler } from '../../src/semantics/handlers.js';
import { memberName } from '../../src/semantics/mutations.js';
import { unwrapNode } from '../../src/semantics/wrappers.js';
import { ApiResolver, scopeOf } from './api-sites.js';
import { bindingName, directiveOf, enclosingFunctions, isFunction, keyName, stringValue, type FunctionNode } from './ast.js';

// How many wrapper calls deep a handler is looked for: `withSession(withAuth(handler))`.
const MAX_WRAPPER_DEPTH = 3;

/** A class method decorated with `@Get()`, `@Post()`, …. */
function isNestHandler(fn: ASTPath<FunctionNode>): boolean {
  const decorators = (fn.node.type === 'ClassMethod' ? fn.node.decorators : undefined) ?? [];
  return decorators.some((decorator) => {
    const expression = unwrapNode(decorator.expression);
    const callee = expression.type === 'CallExpression' ? unwrapNode(expression.callee) : expression;
    return callee.type === 'Identifier' && nestHandlerDecorators.includes(callee.name);
  });
}

/** The directives of a function body or a program: its first statements, marked `directive` by `parser.ts`. */
function directivesOf(block: ASTNode | undefined): string[] {
  const body = block?.type === 'BlockStatement' || block?.type === 'Program' ? block.body : [];
  return body.flatMap((statement) => directiveOf(statement) ?? []);
}

export class RequestHandlers {
  private readonly functions = new Set<unknown>();
  private readonly all: ASTPath<FunctionNode>[];
  private readonly program: ASTNode | undefined;

  /** `file`, relative to the project, decides file-based routes (Next.js); without it none is known. */
  constructor(
    private readonly j: JSCodeshift,
    private readonly root: Collection,
    file?: string,
  ) {
    this.all = root
      .find(j.Function)
      .paths()
      .flatMap((path) => (isFunctionPath(path) ? [path] : []));
    this.program = root.find(j.Program).paths()[0]?.node;
    const pending = [...this.registered(), ...this.shaped(), ...this.byConvention(file)];
    while (pending.length > 0) {
      const handler = pending.pop()!;
      if (this.functions.has(handler.node)) continue;
      this.functions.add(handler.node);
      // Same-file functions the handler calls run inside the request too.
      j(handler)
        .find(j.CallExpression, { callee: { type: 'Identifier' } })
        .forEach((call) => {
          const { callee } = call.node;
          const fn = callee.type === 'Identifier' ? this.topLevelFunction(callee.name, call) : undefined;
          if (fn && !this.functions.has(fn.node)) pending.push(fn);
        });
    }
  }

  /** Whether `path` runs while a request is handled. */
  contains(path: ASTPath): boolean {
    return enclosingFunctions(path).some((fn) => this.functions.has(fn.node));
  }

  /** The top-level function a bare call of `name` at `at` reaches, never a method that merely shares the name. */
  private topLevelFunction(name: string, at: ASTPath): ASTPath<FunctionNode> | undefined {
    if (scopeOf(at)?.lookup(name)?.node !== this.program) return undefined;
    return this.all.find((candidate) => bindingName(candidate) === name);
  }

  /** The handler functions an expression denotes: a function, a top-level one by name, or those a wrapper call is given. */
  private denoted(node: ASTNode | null | undefined, at: ASTPath, depth = 0): ASTPath<FunctionNode>[] {
    if (!node || depth > MAX_WRAPPER_DEPTH) return [];
    const inner = unwrapNode(node);
    if (isFunction(inner)) return this.all.filter((path) => path.node === inner);
    if (inner.type === 'Identifier') {
      const fn = this.topLevelFunction(inner.name, at);
      if (fn) return [fn];
      // `const handler = withAuth(async (req, res) => …)`
      const init = this.root
        .find(this.j.VariableDeclarator, { id: { type: 'Identifier', name: inner.name } })
        .filter((path) => path.parent?.parent?.node === this.program)
        .nodes()[0]?.init;
      return init && unwrapNode(init).type === 'CallExpression' ? this.denoted(init, at, depth + 1) : [];
    }
    if (inner.type !== 'CallExpression') return [];
    return inner.arguments.flatMap((argument) => this.denoted(argument, at, depth + 1));
  }

  /** `{ handler: fn }` and `{ options: { handler: fn } }` (Fastify, Hapi route objects). */
  private routeObject(node: ASTNode | null | undefined, at: ASTPath, depth: number): ASTPath<FunctionNode>[] {
    const inner = node && unwrapNode(node);
    if (!inner || depth < 0 || inner.type !== 'ObjectExpression') return [];
    return inner.properties.flatMap((property) => {
      if (property.type !== 'ObjectProperty' && property.type !== 'ObjectMethod') return [];
      const key = keyName(property.key, property.computed === true);
      const value = property.type === 'ObjectMethod' ? property : property.value;
      if (key === undefined) return [];
      return routeObjectHandlerKeys.includes(key) ? this.denoted(value, at) : this.routeObject(value, at, depth - 1);
    });
  }

  /** Functions registered with a framework: route methods, route objects, per-request hooks, `createServer`. */
  private registered(): ASTPath<FunctionNode>[] {
    const found: ASTPath<FunctionNode>[] = [];
    this.root.find(this.j.CallExpression).forEach((call) => {
      const callee = unwrapNode(call.node.callee);
      const method = callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression' ? memberName(callee) : undefined;
      if (method === undefined) return;
      const args = call.node.arguments;
      const first = args[0] && stringValue(args[0]);
      if (isRouteRegistration(method, first)) found.push(...args.flatMap((arg) => this.denoted(arg, call)));
      if (routeObjectMethods.includes(method)) {
        for (const arg of args) {
          const inner = unwrapNode(arg);
          const objects = inner.type === 'ArrayExpression' ? inner.elements : [inner];
          for (const object of objects) found.push(...this.routeObject(object, call, 2));
        }
      }
      const hooks = Object.hasOwn(requestHooks, method) ? requestHooks[method] : undefined;
      if (hooks && first !== undefined && hooks.includes(first)) found.push(...args.slice(1).flatMap((arg) => this.denoted(arg, call)));
    });
    for (const api of handlerTakingCalls) {
      const resolver = new ApiResolver(this.j, this.root, api.modules ?? []);
      if (resolver.imports) for (const site of resolver.sites(this.j, this.root, api)) found.push(...site.args.flatMap((arg) => this.denoted(arg, site.path)));
    }
    return found;
  }

  /** Functions whose own shape makes them handlers: parameters, NestJS decorators, an inline 'use server'. */
  private shaped(): ASTPath<FunctionNode>[] {
    return this.all.filter((fn) => looksLikeHandler(fn.node) || isNestHandler(fn) || directivesOf(fn.node.body).includes(serverActionDirective));
  }

  /** Handlers by file convention: Next.js route files and API pages, server actions, serverless `handler` exports. */
  private byConvention(file: string | undefined): ASTPath<FunctionNode>[] {
    const convention = exportConvention(file, directivesOf(this.program).includes(serverActionDirective));
    const handles = convention.named;
    const found: ASTPath<FunctionNode>[] = [];
    const add = (node: ASTNode | null | undefined, at: ASTPath) => found.push(...this.denoted(node, at));
    this.root.find(this.j.ExportDefaultDeclaration).forEach((path) => {
      if (convention.defaultExport) add(path.node.declaration, path);
    });
    this.root.find(this.j.ExportNamedDeclaration).forEach((path) => {
      const { source, specifiers, declaration } = path.node;
      for (const specifier of source ? [] : (specifiers ?? [])) {
        if (specifier.type !== 'ExportSpecifier') continue;
        // `export { a as 'b' }`: Babel gives a string literal where ast-types declares an identifier.
        const exported = keyName(specifier.exported);
        if (exported !== undefined && handles(exported)) add(specifier.local, path);
      }
      const name = declaration?.type === 'FunctionDeclaration' ? keyName(declaration.id) : undefined;
      if (declaration?.type === 'FunctionDeclaration' && name !== undefined && handles(name)) add(declaration, path);
      for (const declarator of declaration?.type === 'VariableDeclaration' ? declaration.declarations : []) {
        if (declarator.type === 'VariableDeclarator' && declarator.id.type === 'Identifier' && declarator.init && handles(declarator.id.name)) add(declarator.init, path);
      }
    });
    return found;
  }
}

/** Whether the path is at a function (ast-types' `Function` is an interface; `FunctionNode` lists its node types). */
function isFunctionPath(path: ASTPath<unknown>): path is ASTPath<FunctionNode> {
  return isFunction(path.node);
}
