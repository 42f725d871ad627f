/**
 * Where a library API named in the knowledge tables (`src/knowledge`) is called, constructed or registered
 * in one file, through every import form the kit knows.
 */
import type { ASTNode, ASTPath, CallExpression, Collection, JSCodeshift } from 'jscodeshift';
import type { ApiRef } from '../../src/knowledge/types.js';
import { dynamicImportModule, importedBindings, requiredModule, type ImportedBinding } from './imports.js';
import { unwrapNode, type AnyNode } from '../../src/semantics/wrappers.js';
import { keyName, parentPath } from './ast.js';
import type { ExpressionNode } from './codemod.js';

/** What the kit reads of ast-types' scopes (declared as `any` there). */
export type Scope = { isGlobal: boolean; node: unknown; path: ASTPath; lookup(name: string): Scope | null; getBindings(): Record<string, ASTPath[]> };

/** An argument of a call or `new`. */
export type Argument = CallExpression['arguments'][number];

/** One use of an API: the call or `new`, and the arguments that carry its options. */
export interface ApiSite {
  path: ASTPath;
  /** The call's arguments; for a plugin, the `register(plugin, …)` arguments after the plugin. */
  args: Argument[];
}

/** The expression inside every wrapper of `src/semantics/wrappers.ts`: TypeScript casts, parentheses, `?.`, `await`. */
export function unwrap<N extends AnyNode>(node: N): N {
  return unwrapNode(node);
}

/** The scope a path sees (ast-types declares it as `any`). */
export function scopeOf(path: ASTPath): Scope | null {
  return path.scope;
}

/** Matches expressions against the API paths of a set of modules, following the file's imports. */
export class ApiResolver {
  private readonly bindings = new Map<string, ImportedBinding>();
  /** `const limit = rateLimit`: top-level constants that only rename an API value. */
  private readonly aliases = new Map<string, ExpressionNode>();
  /** `require('m')` or `import('m')` written where it is used, without a binding. */
  private readonly inlineUse: boolean;

  constructor(
    j: JSCodeshift,
    root: Collection,
    private readonly modules: readonly string[],
  ) {
    for (const binding of importedBindings(j, root, modules)) this.bindings.set(binding.local, binding);
    this.inlineUse = root.find(j.CallExpression).some((path) => {
      const module = requiredModule(path.node) ?? dynamicImportModule(path.node);
      return module !== undefined && modules.includes(module);
    });
    root.find(j.VariableDeclarator).forEach((path) => {
      const { id, init } = path.node;
      const declaration = parentPath(path);
      const topLevel = (declaration && parentPath(declaration))?.node.type === 'Program';
      const inner = init && unwrap(init);
      if (topLevel && declaration?.node.type === 'VariableDeclaration' && declaration.node.kind === 'const' && id.type === 'Identifier' && (inner?.type === 'Identifier' || inner?.type === 'MemberExpression')) {
        this.aliases.set(id.name, inner);
      }
    });
  }

  /** Whether the file uses any of the modules at all (most files do not: nothing else needs to run). */
  get imports(): boolean {
    return this.bindings.size > 0 || this.inlineUse;
  }

  /** The module binding `name` refers to at `scope`, if it is the top-level one. */
  private binding(name: string, scope: Scope | null): ImportedBinding | undefined {
    const binding = this.bindings.get(name);
    return binding && (scope?.lookup(name)?.isGlobal ?? true) ? binding : undefined;
  }

  /** The module itself: `require('m')`, `import('m')`, a namespace import or a default/`require()` binding. */
  private isModule(node: ASTNode, scope: Scope | null, depth: number): boolean {
    const inner = unwrap(node);
    const required = requiredModule(inner) ?? dynamicImportModule(inner);
    if (required !== undefined) return this.modules.includes(required);
    if (inner.type !== 'Identifier') return false;
    const binding = this.binding(inner.name, scope);
    if (binding) return binding.imported === '*' || binding.imported === 'default';
    const alias = this.aliases.get(inner.name);
    return alias !== undefined && depth < 4 && this.isModule(alias, scope, depth + 1);
  }

  /** Whether `node` evaluates to the API value at `apiPath` (`[]`: the module's default export). */
  matches(node: ASTNode | null | undefined, apiPath: readonly string[], scope: Scope | null, depth = 0): boolean {
    if (!node || depth > 4) return false;
    const inner = unwrap(node);
    if (apiPath.length === 0) return this.isModule(inner, scope, depth);
    const last = apiPath[apiPath.length - 1]!;
    const rest = apiPath.slice(0, -1);
    if (inner.type === 'Identifier') {
      const binding = this.binding(inner.name, scope);
      if (binding) return apiPath.length === 1 && binding.imported === last;
      const alias = this.aliases.get(inner.name);
      return alias !== undefined && this.matches(alias, apiPath, scope, depth + 1);
    }
    if (inner.type !== 'MemberExpression' || keyName(inner.property, inner.computed) !== last) return false;
    return this.matches(inner.object, rest, scope, depth + 1);
  }

  /** Every call, `new` or plugin registration of `api` in the file. */
  sites(j: JSCodeshift, root: Collection, api: ApiRef): ApiSite[] {
    const sites: ApiSite[] = [];
    if (api.use === 'construct') {
      root.find(j.NewExpression).forEach((path) => {
        if (this.matches(path.node.callee, api.path, scopeOf(path))) sites.push({ path, args: path.node.arguments });
      });
      return sites;
    }
    root.find(j.CallExpression).forEach((path) => {
      const { callee, arguments: args } = path.node;
      if (api.use === 'call' && this.matches(callee, api.path, scopeOf(path))) sites.push({ path, args });
      if (api.use === 'plugin' && callee.type === 'MemberExpression' && keyName(callee.property, callee.computed) === 'register' && this.matches(args[0], api.path, scopeOf(path))) {
        sites.push({ path, args: args.slice(1) });
      }
    });
    return sites;
  }
}
