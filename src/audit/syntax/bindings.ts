/**
 * What the names of a file refer to in terms of modules: `fs` → module `fs`, `w` in
 * `const { writeFile: w } = require('fs')` → `fs`.`writeFile`. The audit's counterpart of the rules'
 * ReferenceTracker, over the TypeScript AST, so both match the same knowledge rows (`ApiRef`).
 */
import type { BindingName, ElementAccessExpression, Expression, ImportDeclaration, Node, PropertyAccessExpression, SourceFile } from 'typescript';
import { moduleSpecifiers, type ApiRef } from '../../knowledge/index.js';
import { bindingDeclarationsIn, unwrapExpression } from './file-nodes.js';
import { ts } from './typescript.js';

/** A module export reached by a member path; `module` is empty for globals. */
export interface ApiTarget {
  module: string;
  path: string[];
}

export type FileBindings = Map<string, ApiTarget>;

const GLOBAL_OBJECTS = new Set(['globalThis', 'global']);

function literalText(node: Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** `require('m')` and `import('m')` (seen through `await` by the caller): the module `m`. */
function requiredModule(inner: Expression): string | undefined {
  if (!ts.isCallExpression(inner)) return undefined;
  const callee = inner.expression;
  const loads = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
  return loads ? literalText(inner.arguments[0]) : undefined;
}

/** The target an expression denotes, given the bindings known so far. */
function targetOf(node: Expression, bindings: FileBindings): ApiTarget | undefined {
  // The member names from the outside in, down to the chain's root: a loop, as generated code chains thousands deep.
  const names: string[] = [];
  for (let inner = unwrapExpression(node); ; ) {
    const required = requiredModule(inner);
    if (required !== undefined) return { module: required, path: names.reverse() };
    if (ts.isIdentifier(inner)) {
      const base = bindings.get(inner.text);
      return base && names.length > 0 ? { module: base.module, path: [...base.path, ...names.reverse()] } : base;
    }
    let name: string | undefined;
    if (ts.isPropertyAccessExpression(inner)) name = inner.name.text;
    else if (ts.isElementAccessExpression(inner) && ts.isStringLiteral(inner.argumentExpression)) name = inner.argumentExpression.text;
    if (name === undefined) return undefined;
    names.push(name);
    const object = unwrapExpression((inner as PropertyAccessExpression | ElementAccessExpression).expression);
    if (ts.isIdentifier(object) && GLOBAL_OBJECTS.has(object.text) && !bindings.has(object.text)) return { module: '', path: names.reverse() };
    inner = object;
  }
}

function bindPattern(pattern: BindingName, base: ApiTarget, bindings: FileBindings): boolean {
  if (ts.isIdentifier(pattern)) {
    if (bindings.has(pattern.text)) return false;
    bindings.set(pattern.text, base);
    return true;
  }
  if (!ts.isObjectBindingPattern(pattern)) return false;
  let changed = false;
  for (const element of pattern.elements) {
    if (element.dotDotDotToken) continue;
    const key = (element.propertyName ?? element.name).getText();
    changed = bindPattern(element.name, { module: base.module, path: [...base.path, key] }, bindings) || changed;
  }
  return changed;
}

const bindingsCache = new WeakMap<SourceFile, FileBindings>();

function addImports(declaration: ImportDeclaration, bindings: FileBindings): void {
  const module = literalText(declaration.moduleSpecifier);
  const clause = declaration.importClause;
  if (module === undefined || !clause) return;
  if (clause.name) bindings.set(clause.name.text, { module, path: [] });
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) bindings.set(named.name.text, { module, path: [] });
  else if (named) {
    for (const specifier of named.elements) {
      const imported = (specifier.propertyName ?? specifier.name).getText();
      bindings.set(specifier.name.text, { module, path: imported === 'default' ? [] : [imported] });
    }
  }
}

/** The module bindings of a file: imports, requires and aliases of those (scope-insensitive by design); computed once per file. */
export function fileBindings(sourceFile: SourceFile): FileBindings {
  const cached = bindingsCache.get(sourceFile);
  if (cached) return cached;
  const bindings: FileBindings = new Map();
  bindingsCache.set(sourceFile, bindings);
  for (const statement of sourceFile.statements) if (ts.isImportDeclaration(statement)) addImports(statement, bindings);
  const declarations = bindingDeclarationsIn(sourceFile);
  for (const declaration of declarations) {
    if (!ts.isImportEqualsDeclaration(declaration) || !ts.isExternalModuleReference(declaration.moduleReference)) continue;
    const expression = declaration.moduleReference.expression;
    if (ts.isStringLiteral(expression)) bindings.set(declaration.name.text, { module: expression.text, path: [] });
  }
  // Requires and aliases can build on each other (`const fs = require('fs'); const { promises } = fs`): repeat until stable.
  for (let changed = true, rounds = 0; changed && rounds < 5; rounds++) {
    changed = false;
    for (const declaration of declarations) {
      if (!ts.isVariableDeclaration(declaration)) continue;
      const target = targetOf(declaration.initializer!, bindings);
      if (target) changed = bindPattern(declaration.name, target, bindings) || changed;
    }
  }
  return bindings;
}

/** The names references to `apis` end in (`listen` of `app.listen`): what the call prefilters look for. */
export function finalApiNames(apis: readonly ApiRef[]): string[] {
  return apis.flatMap((api) => api.path.slice(-1));
}

/** Whether `target` is the value `api` describes (`node:` twins and a leading `default` included). */
export function matchesApi(target: ApiTarget, api: ApiRef): boolean {
  const path = target.path[0] === 'default' ? target.path.slice(1) : target.path;
  if (path.length !== api.path.length || path.some((key, index) => key !== api.path[index])) return false;
  if (api.global) return target.module === '';
  return moduleSpecifiers(api.modules ?? []).includes(target.module);
}

/** The target of a call's callee when the name is unbound: a global such as `setInterval`. */
export function calleeTarget(callee: Expression, bindings: FileBindings): ApiTarget | undefined {
  const inner = unwrapExpression(callee);
  if (ts.isIdentifier(inner) && !bindings.has(inner.text)) return { module: '', path: [inner.text] };
  return targetOf(inner, bindings);
}
