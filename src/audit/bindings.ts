/**
 * What the names of a file refer to in terms of modules: `fs` → module `fs`, `w` in
 * `const { writeFile: w } = require('fs')` → `fs`.`writeFile`. The audit's counterpart of the rules'
 * ReferenceTracker, over the TypeScript AST, so both match the same knowledge rows (`ApiRef`).
 */
import { Node, type SourceFile } from 'ts-morph';
import { bindingDeclarationsIn } from './file-nodes.js';
import { moduleSpecifiers, type ApiRef } from '../knowledge/index.js';

/** A module export reached by a member path; `module` is empty for globals. */
export interface ApiTarget {
  module: string;
  path: string[];
}

export type FileBindings = Map<string, ApiTarget>;

const GLOBAL_OBJECTS = new Set(['globalThis', 'global']);

function unwrap(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isNonNullExpression(current) || Node.isSatisfiesExpression(current) || Node.isTypeAssertion(current) || Node.isAwaitExpression(current)) {
    current = current.getExpression();
  }
  return current;
}

function requiredModule(node: Node): string | undefined {
  const inner = unwrap(node);
  if (!Node.isCallExpression(inner)) return undefined;
  const callee = inner.getExpression();
  const [argument] = inner.getArguments();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require' || !argument) return undefined;
  return Node.isStringLiteral(argument) || Node.isNoSubstitutionTemplateLiteral(argument) ? argument.getLiteralValue() : undefined;
}

/** The target an expression denotes, given the bindings known so far. */
export function targetOf(node: Node, bindings: FileBindings): ApiTarget | undefined {
  const inner = unwrap(node);
  const required = requiredModule(inner);
  if (required !== undefined) return { module: required, path: [] };
  if (Node.isIdentifier(inner)) return bindings.get(inner.getText());
  if (Node.isPropertyAccessExpression(inner) || Node.isElementAccessExpression(inner)) {
    const name = Node.isPropertyAccessExpression(inner) ? inner.getName() : (() => {
      const argument = inner.getArgumentExpression();
      return argument && Node.isStringLiteral(argument) ? argument.getLiteralValue() : undefined;
    })();
    if (name === undefined) return undefined;
    const object = unwrap(inner.getExpression());
    if (Node.isIdentifier(object) && GLOBAL_OBJECTS.has(object.getText()) && !bindings.has(object.getText())) return { module: '', path: [name] };
    const base = targetOf(object, bindings);
    return base ? { module: base.module, path: [...base.path, name] } : undefined;
  }
  return undefined;
}

function bindPattern(pattern: Node, base: ApiTarget, bindings: FileBindings): boolean {
  if (Node.isIdentifier(pattern)) {
    if (bindings.has(pattern.getText())) return false;
    bindings.set(pattern.getText(), base);
    return true;
  }
  if (!Node.isObjectBindingPattern(pattern)) return false;
  let changed = false;
  for (const element of pattern.getElements()) {
    if (element.getDotDotDotToken()) continue;
    const key = element.getPropertyNameNode()?.getText() ?? element.getName();
    changed = bindPattern(element.getNameNode(), { module: base.module, path: [...base.path, key] }, bindings) || changed;
  }
  return changed;
}

const bindingsCache = new WeakMap<SourceFile, FileBindings>();

/** The module bindings of a file: imports, requires and aliases of those (scope-insensitive by design); computed once per file. */
export function fileBindings(sourceFile: SourceFile): FileBindings {
  const cached = bindingsCache.get(sourceFile);
  if (cached) return cached;
  const bindings: FileBindings = new Map();
  bindingsCache.set(sourceFile, bindings);
  for (const declaration of sourceFile.getImportDeclarations()) {
    const module = declaration.getModuleSpecifierValue();
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) bindings.set(defaultImport.getText(), { module, path: [] });
    const namespace = declaration.getNamespaceImport();
    if (namespace) bindings.set(namespace.getText(), { module, path: [] });
    for (const specifier of declaration.getNamedImports()) {
      const imported = specifier.getName();
      bindings.set(specifier.getAliasNode()?.getText() ?? imported, { module, path: imported === 'default' ? [] : [imported] });
    }
  }
  const declarations = bindingDeclarationsIn(sourceFile);
  for (const declaration of declarations) {
    if (!Node.isImportEqualsDeclaration(declaration)) continue;
    const reference = declaration.getModuleReference();
    if (!Node.isExternalModuleReference(reference)) continue;
    const expression = reference.getExpression();
    if (expression && Node.isStringLiteral(expression)) bindings.set(declaration.getName(), { module: expression.getLiteralValue(), path: [] });
  }
  // Requires and aliases can build on each other (`const fs = require('fs'); const { promises } = fs`): repeat until stable.
  for (let changed = true, rounds = 0; changed && rounds < 5; rounds++) {
    changed = false;
    for (const declaration of declarations) {
      if (!Node.isVariableDeclaration(declaration)) continue;
      const target = targetOf(declaration.getInitializer()!, bindings);
      if (target) changed = bindPattern(declaration.getNameNode(), target, bindings) || changed;
    }
  }
  return bindings;
}

/** Whether `target` is the value `api` describes (`node:` twins and a leading `default` included). */
export function matchesApi(target: ApiTarget, api: ApiRef): boolean {
  const path = target.path[0] === 'default' ? target.path.slice(1) : target.path;
  if (path.length !== api.path.length || path.some((key, index) => key !== api.path[index])) return false;
  if (api.global) return target.module === '';
  return moduleSpecifiers(api.modules ?? []).includes(target.module);
}

/** The target of a call's callee when the name is unbound: a global such as `setInterval`. */
export function calleeTarget(callee: Node, bindings: FileBindings): ApiTarget | undefined {
  const inner = unwrap(callee);
  if (Node.isIdentifier(inner) && !bindings.has(inner.getText())) return { module: '', path: [inner.getText()] };
  return targetOf(inner, bindings);
}
