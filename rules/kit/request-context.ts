/**
 * Which functions of one file run while handling a request: handlers registered with a framework
 * (`knowledge/frameworks.ts`), functions shaped like handlers, and local functions they call.
 */
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { handlerTakingCalls, nestHandlerDecorators, requestHooks, routeObjectHandlerKeys, routeObjectMethods, serverActionDirective } from '../../src/knowledge/index.js';
import { exportConvention, isRouteRegistration, looksLikeHandler } from '../../src/semantics/handlers.js';
import { findApiUses } from './api-uses.js';
import { relativeFilename } from './globs.js';
import { fileIndex } from './file-index.js';
import { calleeMemberName, decoratorsOf, enclosingFunction, isFunction, propertyName, staticString, unwrapExpression, type FunctionNode } from './ast.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export interface RequestContext {
  /** True when `node` runs while a request is handled. */
  isInRequestHandling(node: TSESTree.Node): boolean;
}

// How many wrapper calls deep a handler is looked for: `withSession(withAuth(handler))`.
const MAX_WRAPPER_DEPTH = 3;

/**
 * The handler functions an expression denotes: the function itself, or the function arguments of the
 * wrapper calls around it (`asyncHandler(fn)`, `withAuth(handler)`), whose result runs per request.
 */
function handlerFunctions(context: Context, node: TSESTree.Node, depth = 0): FunctionNode[] {
  const fn = denotedFunction(context, node);
  if (fn) return [fn];
  if (depth >= MAX_WRAPPER_DEPTH) return [];
  const inner = unwrapExpression(node);
  // `const handler = withAuth(async (req, res) => …); export default handler;`
  const wrapper = inner.type === AST_NODE_TYPES.Identifier ? variableInit(context, inner) : inner;
  if (wrapper?.type !== AST_NODE_TYPES.CallExpression) return [];
  return wrapper.arguments.flatMap((argument) => handlerFunctions(context, argument, depth + 1));
}

/** The initializer of the variable an identifier names, when it is declared once, with one (`const x = …`). */
function variableInit(context: Context, identifier: TSESTree.Identifier): TSESTree.Node | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return undefined;
  return unwrapExpression(definition.node.init);
}

/** The function a handler argument denotes: an inline function, or a local function named by an identifier. */
function denotedFunction(context: Context, node: TSESTree.Node): FunctionNode | undefined {
  const inner = unwrapExpression(node);
  if (isFunction(inner)) return inner;
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(inner), inner);
  const definition = variable?.defs[0];
  if (!definition) return undefined;
  // A parameter's definition node is the function declaring it: `app.use(wrap(settings))` in `init(settings)` is no handler `init`.
  if (definition.type === 'FunctionName' && definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
  if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    const init = unwrapExpression(definition.node.init);
    if (isFunction(init)) return init;
  }
  return undefined;
}

/** Functions a file's own registrations and conventions make handlers. */
function handlerRoots(context: Context, functions: readonly FunctionNode[], calls: readonly TSESTree.CallExpression[]): Set<FunctionNode> {
  const roots = new Set<FunctionNode>();
  const addArgument = (node: TSESTree.Node | undefined) => {
    if (node) for (const fn of handlerFunctions(context, node)) roots.add(fn);
  };
  for (const call of calls) {
    const method = calleeMemberName(call);
    if (!method) continue;
    const firstString = call.arguments[0] ? staticString(call.arguments[0]) : undefined;
    if (isRouteRegistration(method, firstString)) {
      call.arguments.forEach(addArgument);
    }
    if (routeObjectMethods.includes(method)) {
      for (const argument of call.arguments) {
        const inner = unwrapExpression(argument);
        const objects = inner.type === AST_NODE_TYPES.ArrayExpression ? inner.elements : [inner];
        for (const object of objects) collectHandlerProperties(object, addArgument, 2);
      }
    }
    // Own properties only: `buf.toString('hex')` must not find Object.prototype.toString.
    const hooks = Object.hasOwn(requestHooks, method) ? requestHooks[method] : undefined;
    if (hooks && firstString !== undefined && hooks.includes(firstString)) call.arguments.slice(1).forEach(addArgument);
  }
  for (const use of findApiUses(context.sourceCode, handlerTakingCalls)) use.args.forEach(addArgument);
  for (const fn of functions) {
    if (looksLikeHandler(fn) || isNestHandler(fn) || isInlineServerAction(fn)) roots.add(fn);
  }
  for (const fn of conventionHandlers(context)) roots.add(fn);
  return roots;
}

function collectHandlerProperties(node: TSESTree.Node | null, add: (node: TSESTree.Node) => void, depth: number): void {
  if (!node || depth < 0) return;
  const inner = unwrapExpression(node);
  if (inner.type !== AST_NODE_TYPES.ObjectExpression) return;
  for (const property of inner.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyName(property);
    if (key && routeObjectHandlerKeys.includes(key)) add(property.value);
    else collectHandlerProperties(property.value, add, depth - 1);
  }
}

/** A method decorated with `@Get()`, `@Post()`, … (NestJS). */
function isNestHandler(fn: FunctionNode): boolean {
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition) return false;
  return decoratorsOf(method).some((decorator) => {
    const expression = unwrapExpression(decorator.expression);
    const callee = expression.type === AST_NODE_TYPES.CallExpression ? unwrapExpression(expression.callee) : expression;
    return callee.type === AST_NODE_TYPES.Identifier && nestHandlerDecorators.includes(callee.name);
  });
}

/** `async function save(form) { 'use server'; … }`: a server action declared inside a component. */
function isInlineServerAction(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  for (const statement of fn.body.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) return false;
    if (statement.directive === serverActionDirective) return true;
  }
  return false;
}

/** Handlers by file convention: Next.js route files and API pages, server actions, serverless `handler` exports. */
function conventionHandlers(context: Context): FunctionNode[] {
  const program = context.sourceCode.ast;
  const first = program.body[0];
  const isServerActions = first?.type === AST_NODE_TYPES.ExpressionStatement && first.directive === serverActionDirective;
  const convention = exportConvention(relativeFilename(context), isServerActions);
  const found: FunctionNode[] = [];
  const namedExport = convention.named;
  const add = (node: TSESTree.Node) => found.push(...handlerFunctions(context, node));
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && convention.defaultExport) add(statement.declaration);
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    // `export { remove as DELETE }`
    for (const specifier of statement.source ? [] : statement.specifiers) {
      const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
      if (namedExport(exported)) add(specifier.local);
    }
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id && namedExport(declaration.id.name)) found.push(declaration);
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init && namedExport(declarator.id.name)) add(declarator.init);
      }
    }
  }
  return found;
}

/** The local function a call invokes: `helper()` or `this.helper()` inside the same class. */
function calledFunction(context: Context, call: TSESTree.CallExpression): FunctionNode | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return denotedFunction(context, callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = propertyName(callee);
  let owner: TSESTree.Node | undefined = callee.parent;
  while (owner && owner.type !== AST_NODE_TYPES.ClassBody) owner = owner.parent;
  if (!owner || name === null) return undefined;
  for (const member of owner.body) {
    if ((member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) && propertyName(member) === name) {
      const value = member.value && unwrapExpression(member.value);
      if (isFunction(value)) return value;
    }
  }
  return undefined;
}

const cache = new WeakMap<object, RequestContext>();

/** The request context of the file being linted (computed once per file, shared by the rules). */
export function requestContext(context: Context): RequestContext {
  const cached = cache.get(context.sourceCode.ast);
  if (cached) return cached;

  const { functions, calls } = fileIndex(context.sourceCode);
  // Calls grouped by the function that lexically contains them, for the local call graph.
  const callsIn = new Map<FunctionNode | undefined, TSESTree.CallExpression[]>();
  for (const call of calls) {
    const owner = enclosingFunction(call);
    const list = callsIn.get(owner);
    if (list) list.push(call);
    else callsIn.set(owner, [call]);
  }
  const nestedIn = new Map<FunctionNode | undefined, FunctionNode[]>();
  for (const fn of functions) {
    const owner = enclosingFunction(fn);
    const list = nestedIn.get(owner);
    if (list) list.push(fn);
    else nestedIn.set(owner, [fn]);
  }

  const handling = handlerRoots(context, functions, calls);
  const work = [...handling];
  while (work.length > 0) {
    const fn = work.pop()!;
    const next = [...(nestedIn.get(fn) ?? []), ...(callsIn.get(fn) ?? []).map((call) => calledFunction(context, call))];
    for (const candidate of next) {
      if (candidate && !handling.has(candidate)) {
        handling.add(candidate);
        work.push(candidate);
      }
    }
  }

  const result: RequestContext = {
    isInRequestHandling(node) {
      for (let fn = isFunction(node) ? node : enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (handling.has(fn)) return true;
      return false;
    },
  };
  cache.set(context.sourceCode.ast, result);
  return result;
}
