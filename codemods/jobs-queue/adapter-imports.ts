/** Importing several functions of the jobs adapter with one `import { a, b }` (or one destructured `require`). */
import type { Collection, JSCodeshift } from 'jscodeshift';
import { ensureImport, freeName, importedBindings } from '../kit/imports.js';
import type { SourceStyle } from '../kit/style.js';

type AnyNode = { type: string; [key: string]: unknown };

/** Names the file declares or reads; unlike the kit's `usedNames`, property names (`schedule.scheduleJob`) do not count. */
export function boundOrReadNames(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  root.find(j.Identifier).forEach((identifier) => {
    const parent = identifier.parent.node as AnyNode;
    const isPropertyName = (/MemberExpression$/.test(parent.type) && identifier.name === 'property') || (/Property$/.test(parent.type) && identifier.name === 'key');
    if (!isPropertyName || parent.computed) names.add(identifier.node.name);
  });
  return names;
}

/** Makes each of `names` (exports of `module`) available and returns their local names, in order. */
export function ensureNamedImports(j: JSCodeshift, root: Collection, style: SourceStyle, module: string, names: readonly string[]): string[] {
  const locals: string[] = [];
  for (const name of names) {
    const bindings = importedBindings(j, root, [module]);
    const existing = bindings.find((binding) => binding.imported === name);
    const sibling = bindings.find((binding) => binding.imported !== '*' && binding.imported !== 'default');
    const declaration = sibling?.declaration.node as AnyNode | undefined;
    if (existing || !declaration) {
      locals.push(existing?.local ?? ensureImport(j, root, style, { module, imported: name }));
      continue;
    }
    const local = freeName(boundOrReadNames(j, root), name);
    if (declaration.type === 'ImportDeclaration' && declaration.importKind !== 'type') {
      (declaration.specifiers as unknown[]).push(j.importSpecifier(j.identifier(name), j.identifier(local)));
    } else if (declaration.type === 'VariableDeclaration') {
      const pattern = (declaration.declarations as AnyNode[])[0]!.id as AnyNode;
      const property = j.objectProperty(j.identifier(name), j.identifier(local));
      property.shorthand = name === local;
      (pattern.properties as unknown[]).push(property);
    } else {
      locals.push(ensureImport(j, root, style, { module, imported: name }));
      continue;
    }
    locals.push(local);
  }
  return locals;
}
