/**
 * Which functions of one file run while a request is handled, from the same knowledge the rules read
 * (`src/knowledge/frameworks.ts`): route callbacks, route objects and per-request hooks, `createServer` callbacks,
 * functions shaped like handlers, NestJS handler methods, server actions, file-based routes' exports, and the
 * same-file functions those call. `rules/kit/request-context.ts` answers the same over ESTree; the conformance
 * table (src/semantics/conformance-table.ts) holds both to the same answers.
 */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { handlerTakingCalls, nestHandlerDecorators, requestHooks, routeObjectHandlerKeys, routeObjectMethods, serverActionDirective } from '../../src/knowledge/frameworks.js';
import { exportConvention, isRouteRegistration, looksLikeHandler } from '../../src/semantics/handlers.js';
import { memberName } from '../../src/semantics/mutations.js';
import { unwrapNode, type SyntaxNode } from '../../src/semantics/wrappers.js';
import { ApiResolver } from './api-sites.js';
import { bindingName, enclosingFunctions, isFunction, keyName, stringValue } from './ast.js';

type Scope = { isGlobal: boolean; lookup(name: string): Scope | null; node: unknown };
// How many wrapper calls deep a handler is looked for: `withSession(withAuth(handler))`.
const MAX_WRAPPER_DEPTH = 3;

const isMember = (node: SyntaxNode) => node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression';

/** A class method decorated with `@Get()`, `@Post()`, …. */
function isNestHandler(fn: ASTPath): boolean {
  const decorators = (fn.node.type === 'ClassMethod' ? (fn.node.decorators as SyntaxNode[] | null | undefined) : undefined) ?? [];
  return decorators.some((decorator) => {
    const expression = unwrapNode(decorator.expression as SyntaxNode);
    const callee = expression.type === 'CallExpression' ? unwrapNode(expression.callee as SyntaxNode) : expression;
    return callee.type === 'Identifier' && nestHandlerDecorators.includes(callee.name as string);
  });
}

/** The directives of a function body or a program: its first statements, marked `directive` by `parser.ts`. */
function directivesOf(block: SyntaxNode | undefined): string[] {
  if (!block) return [];
  return ((block.body as SyntaxNode[] | undefined) ?? []).filter((statement) => typeof statement.directive === 'string').map((statement) => statement.directive as string);
}

export class RequestHandlers {
  private readonly functions = new Set<unknown>();
  private readonly all: ASTPath[];
  private readonly program: unknown;

  /** `file`, relative to the project, decides file-based routes (Next.js); without it none is known. */
  constructor(
    private readonly j: JSCodeshift,
    private readonly root: Collection,
    file?: string,
  ) {
    this.all = root.find(j.Function).paths() as unknown as ASTPath[];
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
          const callee = this.topLevelFunction((call.node.callee as unknown as SyntaxNode).name as string, call);
          if (callee && !this.functions.has(callee.node)) pending.push(callee);
        });
    }
  }

  /** Whether `path` runs while a request is handled. */
  contains(path: ASTPath): boolean {
    return enclosingFunctions(path).some((fn) => this.functions.has(fn.node));
  }

  /** The top-level function a bare call of `name` at `at` reaches, never a method that merely shares the name. */
  private topLevelFunction(name: string, at: ASTPath): ASTPath | undefined {
    if ((at as ASTPath & { scope: Scope | null }).scope?.lookup(name)?.node !== this.program) return undefined;
    return this.all.find((candidate) => bindingName(candidate) === name);
  }

  /** The handler functions an expression denotes: a function, a top-level one by name, or those a wrapper call is given. */
  private denoted(node: SyntaxNode | undefined, at: ASTPath, depth = 0): ASTPath[] {
    if (!node || depth > MAX_WRAPPER_DEPTH) return [];
    const inner = unwrapNode(node);
    if (isFunction(inner)) return this.all.filter((path) => path.node === (inner as unknown));
    if (inner.type === 'Identifier') {
      const fn = this.topLevelFunction(inner.name as string, at);
      if (fn) return [fn];
      // `const handler = withAuth(async (req, res) => …)`
      const init = this.root
        .find(this.j.VariableDeclarator, { id: { type: 'Identifier', name: inner.name as string } })
        .filter((path) => path.parent?.parent?.node === this.program)
        .nodes()[0]?.init as unknown as SyntaxNode | undefined;
      return init && unwrapNode(init).type === 'CallExpression' ? this.denoted(init, at, depth + 1) : [];
    }
    if (inner.type !== 'CallExpression') return [];
    return (inner.arguments as SyntaxNode[]).flatMap((argument) => this.denoted(argument, at, depth + 1));
  }

  /** `{ handler: fn }` and `{ options: { handler: fn } }` (Fastify, Hapi route objects). */
  private routeObject(node: SyntaxNode | null, at: ASTPath, depth: number): ASTPath[] {
    const inner = node && unwrapNode(node);
    if (!inner || depth < 0 || inner.type !== 'ObjectExpression') return [];
    return (inner.properties as SyntaxNode[]).flatMap((property) => {
      const key = keyName(property.key as SyntaxNode, property.computed === true);
      const value = property.type === 'ObjectMethod' ? property : (property.value as SyntaxNode | undefined);
      if (!value || key === undefined) return [];
      return routeObjectHandlerKeys.includes(key) ? this.denoted(value, at) : this.routeObject(value, at, depth - 1);
    });
  }

  /** Functions registered with a framework: route methods, route objects, per-request hooks, `createServer`. */
  private registered(): ASTPath[] {
    const found: ASTPath[] = [];
    this.root.find(this.j.CallExpression).forEach((call) => {
      const callee = unwrapNode(call.node.callee as unknown as SyntaxNode);
      const method = isMember(callee) ? memberName(callee) : undefined;
      if (method === undefined) return;
      const args = call.node.arguments as unknown as SyntaxNode[];
      const first = args[0] && stringValue(args[0]);
      if (isRouteRegistration(method, first)) found.push(...args.flatMap((arg) => this.denoted(arg, call)));
      if (routeObjectMethods.includes(method)) {
        for (const arg of args) {
          const inner = unwrapNode(arg);
          const objects = inner.type === 'ArrayExpression' ? (inner.elements as SyntaxNode[]) : [inner];
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
  private shaped(): ASTPath[] {
    return this.all.filter((fn) => {
      const node = fn.node as unknown as SyntaxNode;
      return looksLikeHandler(node as unknown as { params: unknown[] }) || isNestHandler(fn) || directivesOf(node.body as SyntaxNode).includes(serverActionDirective);
    });
  }

  /** Handlers by file convention: Next.js route files and API pages, server actions, serverless `handler` exports. */
  private byConvention(file: string | undefined): ASTPath[] {
    const convention = exportConvention(file, directivesOf(this.program as SyntaxNode | undefined).includes(serverActionDirective));
    const handles = convention.named;
    const found: ASTPath[] = [];
    const add = (node: SyntaxNode | undefined, at: ASTPath) => found.push(...this.denoted(node, at));
    this.root.find(this.j.ExportDefaultDeclaration).forEach((path) => {
      if (convention.defaultExport) add(path.node.declaration as unknown as SyntaxNode, path);
    });
    this.root.find(this.j.ExportNamedDeclaration).forEach((path) => {
      const statement = path.node as unknown as SyntaxNode;
      for (const specifier of statement.source ? [] : ((statement.specifiers as SyntaxNode[] | undefined) ?? [])) {
        const exported = specifier.exported as SyntaxNode;
        if (handles((exported.name ?? exported.value) as string)) add(specifier.local as SyntaxNode, path);
      }
      const declaration = statement.declaration as SyntaxNode | null;
      const id = declaration?.id as SyntaxNode | undefined;
      if (declaration?.type === 'FunctionDeclaration' && id && handles(id.name as string)) add(declaration, path);
      for (const declarator of declaration?.type === 'VariableDeclaration' ? (declaration.declarations as SyntaxNode[]) : []) {
        const name = declarator.id as SyntaxNode;
        if (name.type === 'Identifier' && declarator.init && handles(name.name as string)) add(declarator.init as SyntaxNode, path);
      }
    });
    return found;
  }
}
