/** Several named imports from one module as one `import { a, b }` (or one destructured `require`). */
import type { Collection, JSCodeshift } from 'jscodeshift';
import { ensureImport, freeName, importedBindings, usedNames } from '../kit/imports.js';
import type { SourceStyle } from '../kit/style.js';

type Node = { type: string; [key: string]: unknown };

/**
 * Makes each of `names` from `module` available and returns their locals in order. The first goes through
 * the kit's `ensureImport`; the others join the declaration it found or wrote instead of adding a line each.
 */
export function ensureNamedImports(j: JSCodeshift, root: Collection, style: SourceStyle, module: string, names: readonly string[]): string[] {
  return names.map((name, index) => {
    const existing = importedBindings(j, root, [module]).find((binding) => binding.imported === name);
    if (existing) return existing.local;
    const declaration = index > 0 ? importedBindings(j, root, [module])[0]?.declaration.node : undefined;
    const local = freeName(usedNames(j, root), name);
    if (declaration?.type === 'ImportDeclaration') {
      const specifiers = (declaration as unknown as { specifiers: Node[] }).specifiers;
      if (specifiers.every((specifier) => specifier.type === 'ImportSpecifier')) {
        specifiers.push(j.importSpecifier(j.identifier(name), j.identifier(local)) as unknown as Node);
        return local;
      }
    }
    const pattern = (declaration as unknown as { declarations?: { id: Node }[] } | undefined)?.declarations?.[0]?.id;
    if (pattern?.type === 'ObjectPattern') {
      const property = j.objectProperty(j.identifier(name), j.identifier(local));
      property.shorthand = name === local;
      (pattern.properties as Node[]).push(property as unknown as Node);
      return local;
    }
    return ensureImport(j, root, style, { module, imported: name, local });
  });
}
