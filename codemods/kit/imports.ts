/** Finding what a file imports and adding imports, the same way for `import` and `require`. */
import jscodeshift, { type ASTPath, type Collection, type JSCodeshift } from 'jscodeshift';
import type { SourceStyle } from './style.js';
import { afterDirectives, stringLiteralValue } from './ast.js';

/** One local name bound to a module: `default`, `*` (the whole module or `require()` result) or a named export. */
export interface ImportedBinding {
  local: string;
  imported: string;
  module: string;
  /** The import declaration or the variable declaration of the `require`. */
  declaration: ASTPath;
}

/** `require('m')` → 'm'. */
export function requiredModule(node: unknown): string | undefined {
  if (!jscodeshift.CallExpression.check(node) || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  return node.arguments.length === 1 ? stringLiteralValue(node.arguments[0]) : undefined;
}

/** `import('m')` → 'm' (Babel's call of `Import`). */
export function dynamicImportModule(node: unknown): string | undefined {
  return jscodeshift.CallExpression.check(node) && node.callee.type === 'Import' ? stringLiteralValue(node.arguments[0]) : undefined;
}

/** `await import('m')` → 'm'. */
function awaitedImportModule(node: unknown): string | undefined {
  return jscodeshift.AwaitExpression.check(node) ? dynamicImportModule(node.argument) : undefined;
}

/** Every top-level binding of one of `modules`, by `import`, `import x = require()`, `require()` or `await import()`. */
export function importedBindings(j: JSCodeshift, root: Collection, modules: readonly string[]): ImportedBinding[] {
  const wanted = new Set(modules);
  const bindings: ImportedBinding[] = [];
  root.find(j.ImportDeclaration).forEach((declaration) => {
    const module = stringLiteralValue(declaration.node.source);
    if (module === undefined || !wanted.has(module)) return;
    for (const specifier of declaration.node.specifiers ?? []) {
      const local = specifier.local?.name;
      if (typeof local !== 'string') continue;
      if (specifier.type === 'ImportDefaultSpecifier') bindings.push({ local, imported: 'default', module, declaration });
      else if (specifier.type === 'ImportNamespaceSpecifier') bindings.push({ local, imported: '*', module, declaration });
      else bindings.push({ local, imported: String(specifier.imported.name), module, declaration });
    }
  });
  root.find(j.TSImportEqualsDeclaration).forEach((declaration) => {
    const reference = declaration.node.moduleReference as { type: string; expression?: unknown };
    const module = reference.type === 'TSExternalModuleReference' ? stringLiteralValue(reference.expression) : undefined;
    if (module !== undefined && wanted.has(module)) bindings.push({ local: String(declaration.node.id.name), imported: '*', module, declaration });
  });
  root.find(j.VariableDeclarator).forEach((declarator) => {
    let init = declarator.node.init as { type?: string; object?: unknown; property?: { type?: string; name?: string } } | null | undefined;
    let member: string | undefined;
    if (init?.type === 'MemberExpression' && init.property?.type === 'Identifier') {
      member = init.property.name;
      init = init.object as typeof init;
    }
    const module = requiredModule(init) ?? awaitedImportModule(init);
    if (module === undefined || !wanted.has(module)) return;
    const declaration = declarator.parent as ASTPath;
    const id = declarator.node.id;
    if (id.type === 'Identifier') bindings.push({ local: id.name, imported: member ?? '*', module, declaration });
    else if (id.type === 'ObjectPattern' && member === undefined) {
      for (const property of id.properties) {
        if (property.type === 'ObjectProperty' && property.key.type === 'Identifier' && property.value.type === 'Identifier') {
          bindings.push({ local: property.value.name, imported: property.key.name, module, declaration });
        }
      }
    }
  });
  return bindings;
}

/** Locals bound to `module`'s `imported` export; a CommonJS `require()` result counts as its default export. */
export function localsOf(bindings: readonly ImportedBinding[], imported: string): string[] {
  return bindings
    .filter((binding) => binding.imported === imported || (imported === 'default' && binding.imported === '*' && binding.declaration.node.type !== 'ImportDeclaration'))
    .map((binding) => binding.local);
}

/** Every identifier name used in the file, to pick names that shadow nothing. */
export function usedNames(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  root.find(j.Identifier).forEach((identifier) => {
    if (!isPropertyName(identifier)) names.add(identifier.node.name);
  });
  return names;
}

/** `base`, or `base2`, `base3`… whichever the file does not use yet. */
export function freeName(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let index = 2; ; index += 1) if (!taken.has(`${base}${index}`)) return `${base}${index}`;
}

/**
 * Makes each of `names` (exports of `module`) available and returns their locals, in order: a name the file
 * lacks joins an existing `import { … }` or destructured `require` of the module instead of adding a line.
 */
export function ensureNamedImports(j: JSCodeshift, root: Collection, style: SourceStyle, module: string, names: readonly string[]): string[] {
  return names.map((name) => {
    const bindings = importedBindings(j, root, [module]);
    const existing = bindings.find((binding) => binding.imported === name);
    if (existing) return existing.local;
    const sibling = bindings.find((binding) => binding.imported !== '*' && binding.imported !== 'default');
    const declaration = sibling?.declaration.node as { type: string; importKind?: string; specifiers?: unknown[]; declarations?: { id: { type: string; properties?: unknown[] } }[] } | undefined;
    const local = freeName(usedNames(j, root), name);
    if (declaration?.type === 'ImportDeclaration' && declaration.importKind !== 'type') {
      declaration.specifiers!.push(j.importSpecifier(j.identifier(name), j.identifier(local)));
      return local;
    }
    const pattern = declaration?.type === 'VariableDeclaration' ? declaration.declarations?.[0]?.id : undefined;
    if (pattern?.type === 'ObjectPattern') {
      const property = j.objectProperty(j.identifier(name), j.identifier(local));
      property.shorthand = name === local;
      pattern.properties!.push(property);
      return local;
    }
    return ensureImport(j, root, style, { module, imported: name });
  });
}

export interface ImportRequest {
  module: string;
  /** The export to bind: `default` or a named export. */
  imported: string;
  /** The local name wanted; changed when the file already uses it for something else. */
  local?: string;
  /** `import type` (TypeScript only); never emitted as a `require`. */
  typeOnly?: boolean;
}

function topLevelImportStatements(j: JSCodeshift, root: Collection): ASTPath[] {
  const program = root.find(j.Program).paths()[0];
  if (!program) return [];
  return program
    .get('body')
    .map((statement: ASTPath) => statement)
    .filter((statement: ASTPath) => {
      const node = statement.node as { type: string; declarations?: { init?: unknown }[] };
      if (node.type === 'ImportDeclaration' || node.type === 'TSImportEqualsDeclaration') return true;
      if (node.type !== 'VariableDeclaration') return false;
      return (node.declarations ?? []).some((declarator) => {
        let init = declarator.init as { type?: string; object?: unknown } | undefined;
        if (init?.type === 'MemberExpression') init = init.object as typeof init;
        return requiredModule(init) !== undefined;
      });
    });
}

/**
 * Makes `request.imported` of `request.module` available and returns its local name. Reuses an existing
 * binding, so running a codemod twice adds nothing the second time.
 */
export function ensureImport(j: JSCodeshift, root: Collection, style: SourceStyle, request: ImportRequest): string {
  const existing = importedBindings(j, root, [request.module]).find((binding) => binding.imported === request.imported);
  if (existing) return existing.local;
  const local = freeName(usedNames(j, root), request.local ?? request.imported);
  const statement = buildImport(j, style, request, local);
  const imports = topLevelImportStatements(j, root);
  const last = imports[imports.length - 1];
  if (last) last.insertAfter(statement);
  else {
    const program = root.find(j.Program).paths()[0]!;
    const body = program.node.body;
    body.splice(afterDirectives(body), 0, statement);
  }
  return local;
}

function buildImport(j: JSCodeshift, style: SourceStyle, request: ImportRequest, local: string) {
  const source = j.stringLiteral(request.module);
  if (style.module === 'esm') {
    const specifier =
      request.imported === 'default'
        ? j.importDefaultSpecifier(j.identifier(local))
        : j.importSpecifier(j.identifier(request.imported), j.identifier(local));
    const declaration = j.importDeclaration([specifier], source);
    if (request.typeOnly && style.language === 'ts') declaration.importKind = 'type';
    return declaration;
  }
  const call = j.callExpression(j.identifier('require'), [source]);
  if (request.imported === 'default') return j.variableDeclaration('const', [j.variableDeclarator(j.identifier(local), call)]);
  const property = j.objectProperty(j.identifier(request.imported), j.identifier(local));
  property.shorthand = request.imported === local;
  return j.variableDeclaration('const', [j.variableDeclarator(j.objectPattern([property]), call)]);
}

/** Removes the bindings of `modules` that nothing in the file references any more, and emptied imports. */
export function removeUnusedImports(j: JSCodeshift, root: Collection, modules: readonly string[]): void {
  for (const binding of importedBindings(j, root, modules)) {
    const references = root
      .find(j.Identifier, { name: binding.local })
      .filter((identifier) => !isDeclarationOf(identifier, binding.declaration) && !isPropertyName(identifier));
    if (references.size() > 0) continue;
    const node = binding.declaration.node as { type: string; specifiers?: { local?: { name?: string } }[] };
    if (node.type === 'ImportDeclaration' && node.specifiers && node.specifiers.length > 1) {
      node.specifiers = node.specifiers.filter((specifier) => specifier.local?.name !== binding.local);
    } else if (!removeDestructuredProperty(binding)) {
      j(binding.declaration).remove();
    }
  }
}

function isDeclarationOf(identifier: ASTPath, declaration: ASTPath): boolean {
  for (let path: ASTPath | null = identifier; path; path = path.parent as ASTPath | null) {
    if (path === declaration || path.node === declaration.node) return true;
  }
  return false;
}

/** `const { a, b } = require('m')` loses only `b`; false when the binding is the declaration's only one. */
function removeDestructuredProperty(binding: ImportedBinding): boolean {
  const node = binding.declaration.node as { type: string; declarations?: { id: { type: string; properties?: { value?: { name?: string } }[] } }[] };
  const pattern = node.type === 'VariableDeclaration' ? node.declarations?.[0]?.id : undefined;
  if (pattern?.type !== 'ObjectPattern' || !pattern.properties || pattern.properties.length < 2) return false;
  pattern.properties = pattern.properties.filter((property) => property.value?.name !== binding.local);
  return true;
}

/** `x` in `a.x`, `{ x: 1 }` or `x() {}`: a property name, not a use of a variable named `x`. */
function isPropertyName(path: ASTPath): boolean {
  const parent = path.parent?.node as { type: string; computed?: boolean; shorthand?: boolean } | undefined;
  if (!parent || parent.computed) return false;
  if (/MemberExpression$/.test(parent.type) && path.name === 'property') return true;
  return /Property$|Method$/.test(parent.type) && path.name === 'key' && !parent.shorthand;
}
