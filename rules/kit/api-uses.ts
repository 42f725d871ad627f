/**
 * Finds where a file calls, constructs or registers library APIs described as data (`ApiRef`), through every
 * import form: ESM default/named/namespace, `require` with or without destructuring, TS `import x = require()`,
 * aliases, `fs.promises`, the `node:` prefix, and globals (declared or not). Plugins are found where they are
 * registered (`fastify.register(plugin, options)`), also as `import('m')`.
 */
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { moduleSpecifiers, type ApiRef } from '../../src/knowledge/index.js';
import { outermostWrapper, staticString, unwrapExpression, walk } from './ast.js';

const { ReferenceTracker, findVariable } = ASTUtils;

type Scope = TSESLint.Scope.Scope;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** A use of an API: the call or `new` expression, and the arguments that belong to the API. */
export interface ApiUse<T> {
  item: T;
  /** The call or `new` expression; for plugins, the `register(plugin, options)` call. */
  call: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The API's own arguments (for plugins: those after the plugin). */
  args: readonly TSESTree.CallExpressionArgument[];
}

// The tracker's trace maps are keyed by strings and by its marker symbols; leaves hold item indexes.
interface TraceNode {
  [key: string]: TraceNode;
}
type TraceLeaf = number[];

const marker = { call: ReferenceTracker.CALL, construct: ReferenceTracker.CONSTRUCT } as const;


function addLeaf(root: TraceNode, path: readonly string[], use: 'call' | 'construct', index: number): void {
  let node = root;
  for (const key of path) node = node[key] ??= {};
  const leaves = node as unknown as Record<symbol, TraceLeaf | undefined>;
  (leaves[marker[use]] ??= []).push(index);
}

/** The top-level scope of the file: the module scope, the CommonJS wrapper scope, or the global scope. */
export function topScope(sourceCode: SourceCode): Scope {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) throw new Error('stateless rules need a parser that provides scope analysis');
  return globalScope.childScopes.find((scope) => scope.block === sourceCode.ast) ?? globalScope;
}

/** Identifiers that refer to the global `name`: undeclared, or declared by configuration only. */
export function globalReferences(sourceCode: SourceCode, name: string): TSESTree.Identifier[] {
  const globalScope = sourceCode.scopeManager!.globalScope!;
  const declared = globalScope.set.get(name);
  if (declared && declared.defs.length > 0) return [];
  const found = globalScope.through.filter((ref) => ref.identifier.name === name).map((ref) => ref.identifier);
  if (declared) found.push(...declared.references.map((ref) => ref.identifier));
  return found.filter((node): node is TSESTree.Identifier => node.type === AST_NODE_TYPES.Identifier);
}

/** `require('m')` calls of the real (global) `require`, with their module id. */
function requireCalls(sourceCode: SourceCode): { call: TSESTree.CallExpression; id: string }[] {
  const calls: { call: TSESTree.CallExpression; id: string }[] = [];
  for (const identifier of globalReferences(sourceCode, 'require')) {
    const call = identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== identifier) continue;
    const id = call.arguments[0] ? staticString(call.arguments[0]) : undefined;
    if (id !== undefined) calls.push({ call, id });
  }
  return calls;
}

/** Variables of `import x = require('m')`, with their module id. */
function importEqualsBindings(sourceCode: SourceCode): { identifiers: TSESTree.Identifier[]; id: string }[] {
  const bindings: { identifiers: TSESTree.Identifier[]; id: string }[] = [];
  for (const statement of sourceCode.ast.body) {
    const node = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (node?.type !== AST_NODE_TYPES.TSImportEqualsDeclaration) continue;
    if (node.moduleReference.type !== AST_NODE_TYPES.TSExternalModuleReference) continue;
    const id = staticString(node.moduleReference.expression);
    const variable = id === undefined ? null : findVariable(topScope(sourceCode), node.id);
    if (id === undefined || !variable) continue;
    const identifiers = variable.references.filter((ref) => ref.isRead()).map((ref) => ref.identifier as TSESTree.Identifier);
    bindings.push({ identifiers, id });
  }
  return bindings;
}

/** Reads of the variable `identifier` declares at the top of the file. */
function readsOf(scope: Scope, identifier: TSESTree.Identifier): TSESTree.Identifier[] {
  return findVariable(scope, identifier)?.references.filter((ref) => ref.isRead()).map((ref) => ref.identifier as TSESTree.Identifier) ?? [];
}

/** `node.a.b` for `names` `['a', 'b']`, or undefined when `node` is not used that way. */
function followMembers(node: TSESTree.Node, names: readonly string[]): TSESTree.Expression | undefined {
  let current = node;
  for (const name of names) {
    const parent = outermostWrapper(current).parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== outermostWrapper(current) || ASTUtils.getPropertyName(parent) !== name) return undefined;
    current = parent;
  }
  return current as TSESTree.Expression;
}

/** Name of an import specifier's imported binding (`default` included). */
function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
}

/** The local names bound to export `name` of a module: `import { name as x }`, `const { name: x } = require()`. */
function namedBindings(sourceCode: SourceCode, wanted: ReadonlySet<string>, name: string): TSESTree.Identifier[] {
  const locals: TSESTree.Identifier[] = [];
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !wanted.has(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && importedName(specifier) === name) locals.push(specifier.local);
    }
  }
  for (const { call, id } of requireCalls(sourceCode)) {
    const declarator = call.parent;
    if (!wanted.has(id) || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.ObjectPattern) continue;
    for (const property of declarator.id.properties) {
      if (property.type === AST_NODE_TYPES.Property && ASTUtils.getPropertyName(property) === name && property.value.type === AST_NODE_TYPES.Identifier) {
        locals.push(property.value);
      }
    }
  }
  return locals;
}

/**
 * Expressions in the file whose value is module `id` itself (default/namespace imports, `import { default as x }`,
 * require results, `import x = require()`), or with `path`, the export it reaches (`import { a }`, `ns.a`, `require(m).a`).
 */
export function moduleValueReferences(sourceCode: SourceCode, ids: readonly string[], path: readonly string[] = []): TSESTree.Expression[] {
  const wanted = new Set(moduleSpecifiers(ids));
  const scope = topScope(sourceCode);
  const roots: TSESTree.Expression[] = [];
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !wanted.has(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || importedName(specifier) === 'default') roots.push(...readsOf(scope, specifier.local));
    }
  }
  for (const { call, id } of requireCalls(sourceCode)) {
    if (!wanted.has(id)) continue;
    const parent = call.parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) roots.push(...readsOf(scope, parent.id));
    else if (parent?.type !== AST_NODE_TYPES.VariableDeclarator) roots.push(call);
  }
  for (const { identifiers, id } of importEqualsBindings(sourceCode)) if (wanted.has(id)) roots.push(...identifiers);
  if (path.length === 0) return roots;
  const found = roots.flatMap((root) => followMembers(root, path) ?? []);
  for (const local of namedBindings(sourceCode, wanted, path[0]!)) {
    found.push(...readsOf(scope, local).flatMap((read) => followMembers(read, path.slice(1)) ?? []));
  }
  return found;
}

/** `import('m')` expressions: `fastify.register(import('m'), options)` registers the module's default export. */
function dynamicImports(sourceCode: SourceCode, ids: readonly string[]): TSESTree.ImportExpression[] {
  if (!sourceCode.text.includes('import(')) return [];
  const wanted = new Set(moduleSpecifiers(ids));
  const found: TSESTree.ImportExpression[] = [];
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.ImportExpression) return;
    const id = staticString(node.source);
    if (id !== undefined && wanted.has(id)) found.push(node);
  });
  return found;
}

/** The `x.register(value, options)` call that registers `value`, looking through `await`. */
function registerCall(value: TSESTree.Node): TSESTree.CallExpression | undefined {
  let node = outermostWrapper(value);
  if (node.parent?.type === AST_NODE_TYPES.AwaitExpression) node = outermostWrapper(node.parent);
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== node) return undefined;
  const callee = unwrapExpression(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && ASTUtils.getPropertyName(callee) === 'register' ? call : undefined;
}

interface PropertyReferenceTracker {
  iteratePropertyReferences(node: TSESTree.Node, traceMap: never): IterableIterator<{ node: TSESTree.Node; info: unknown }>;
}
type Tracker = InstanceType<typeof ReferenceTracker> & PropertyReferenceTracker;

const cache = new WeakMap<object, Map<readonly unknown[], ApiUse<unknown>[]>>();

interface TraceMaps {
  moduleMap: TraceNode;
  globalMap: TraceNode;
  plugins: { index: number; modules: readonly string[]; path: readonly string[] }[];
}

// The trace maps depend only on the table, so they are built once per table, not once per file.
const traceMapCache = new WeakMap<readonly unknown[], TraceMaps>();

function traceMapsOf<T>(items: readonly T[], apiOf: (item: T) => ApiRef): TraceMaps {
  const cached = traceMapCache.get(items);
  if (cached) return cached;
  const maps: TraceMaps = { moduleMap: {}, globalMap: {}, plugins: [] };
  items.forEach((item, index) => {
    const api = apiOf(item);
    if (api.use === 'plugin') {
      maps.plugins.push({ index, modules: api.modules ?? [], path: api.path });
      return;
    }
    if (api.global) addLeaf(maps.globalMap, api.path, api.use, index);
    for (const id of moduleSpecifiers(api.modules ?? [])) addLeaf((maps.moduleMap[id] ??= {}), api.path, api.use, index);
  });
  traceMapCache.set(items, maps);
  return maps;
}

/**
 * Every use of the APIs in `items` in this file. Results are cached per file and item list,
 * so rules that share a table share the work.
 */
export function findApiUses<T>(sourceCode: SourceCode, items: readonly T[], apiOf: (item: T) => ApiRef = (item) => item as ApiRef): ApiUse<T>[] {
  let perFile = cache.get(sourceCode.ast);
  if (!perFile) cache.set(sourceCode.ast, (perFile = new Map()));
  const cached = perFile.get(items);
  if (cached) return cached as ApiUse<T>[];

  const { moduleMap, globalMap, plugins } = traceMapsOf(items, apiOf);

  const uses: ApiUse<T>[] = [];
  const seen = new Set<string>();
  const add = (index: number, call: TSESTree.CallExpression | TSESTree.NewExpression, args: readonly TSESTree.CallExpressionArgument[]) => {
    const key = `${index}@${call.range[0]}`;
    if (seen.has(key)) return;
    seen.add(key);
    uses.push({ item: items[index]!, call, args });
  };
  const collect = (found: Iterable<{ node: TSESTree.Node; info: unknown }>) => {
    for (const { node, info } of found) {
      if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) continue;
      for (const index of info as TraceLeaf) add(index, node, node.arguments);
    }
  };

  // `iteratePropertyReferences` is public in @eslint-community/eslint-utils but missing from the re-exported types.
  const tracker = new ReferenceTracker(sourceCode.scopeManager!.globalScope!, { mode: 'legacy' }) as Tracker;
  // Cast: the tracker's TraceMap type does not model symbol-keyed leaves.
  collect(tracker.iterateEsmReferences(moduleMap as never));
  for (const { call, id } of requireCalls(sourceCode)) {
    const map = moduleMap[id];
    if (map) collect(tracker.iteratePropertyReferences(call, map as never));
  }
  for (const { identifiers, id } of importEqualsBindings(sourceCode)) {
    const map = moduleMap[id];
    if (map) for (const identifier of identifiers) collect(tracker.iteratePropertyReferences(identifier, map as never));
  }
  // `(await import('m')).api()`, `const m = await import('m')`: the awaited namespace, like a namespace import.
  for (const expression of dynamicImports(sourceCode, Object.keys(moduleMap))) {
    const map = moduleMap[staticString(expression.source)!];
    const awaited = outermostWrapper(expression).parent;
    if (map && awaited?.type === AST_NODE_TYPES.AwaitExpression) collect(tracker.iteratePropertyReferences(awaited, map as never));
  }
  for (const name of Object.keys(globalMap)) {
    for (const identifier of globalReferences(sourceCode, name)) collect(tracker.iteratePropertyReferences(identifier, globalMap[name] as never));
  }
  if (Object.keys(globalMap).length > 0) {
    for (const name of ['globalThis', 'global']) {
      for (const identifier of globalReferences(sourceCode, name)) collect(tracker.iteratePropertyReferences(identifier, globalMap as never));
    }
  }
  for (const { index, modules, path } of plugins) {
    const values: TSESTree.Node[] = moduleValueReferences(sourceCode, modules, path);
    if (path.length === 0) values.push(...dynamicImports(sourceCode, modules));
    for (const value of values) {
      const call = registerCall(value);
      if (call) add(index, call, call.arguments.slice(1));
    }
  }
  uses.sort((a, b) => a.call.range[0] - b.call.range[0]);
  perFile.set(items, uses as ApiUse<unknown>[]);
  return uses;
}
