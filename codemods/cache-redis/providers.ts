/**
 * NestJS providers are singletons, so a Map in a field of an `@Injectable()` class is a cache too. Fields
 * are reached through `this`, injected and typed by the class, so they are pointed out, not rewritten.
 */
import type { ASTNode, Collection, Decorator, JSCodeshift } from 'jscodeshift';
import type { Report } from '../kit/codemod.js';
import { importedBindings } from '../kit/imports.js';
import { lineOf } from '../kit/todo.js';
import { sharedCacheName } from './declaration.js';

const writingMethods = new Set(['set', 'delete', 'clear']);

/** Reports every written `new Map()` field of an `@Injectable()` class as a skip with guidance. */
export function reportProviderMaps(j: JSCodeshift, root: Collection, file: string, report: Report): void {
  const bindings = importedBindings(j, root, ['@nestjs/common']);
  const injectable = new Set(bindings.filter((binding) => binding.imported === 'Injectable').map((binding) => binding.local));
  const namespaces = new Set(bindings.filter((binding) => binding.imported === '*').map((binding) => binding.local));
  const isInjectable = (decorator: Decorator) => {
    const call = decorator.expression;
    const callee = call.type === 'CallExpression' ? call.callee : call;
    if (callee.type === 'Identifier') return injectable.has(callee.name);
    return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && namespaces.has(callee.object.name) && nameOf(callee.property) === 'Injectable';
  };
  if (injectable.size === 0 && namespaces.size === 0) return;

  root.find(j.ClassDeclaration).forEach((classPath) => {
    const decorators = classPath.node.decorators ?? [];
    if (!decorators.some(isInjectable)) return;
    const className = classPath.node.id?.name ?? 'provider';
    j(classPath)
      .find(j.ClassProperty)
      .filter((field) => field.parent.parent.node === classPath.node)
      .forEach((field) => {
        const { value, key } = field.node;
        const callee = value?.type === 'NewExpression' ? value.callee : undefined;
        if (callee?.type !== 'Identifier' || callee.name !== 'Map' || key.type !== 'Identifier' || field.node.computed) return;
        const name = key.name;
        const written = j(classPath)
          .find(j.CallExpression)
          .some((call) => {
            const member = call.node.callee;
            if (member.type !== 'MemberExpression') return false;
            const target = member.object;
            return target.type === 'MemberExpression' && target.object.type === 'ThisExpression' && nameOf(target.property) === name && writingMethods.has(nameOf(member.property) ?? '');
          });
        if (!written) return;
        report.skipped(lineOf(field), 'cache-provider-map', { className: String(className), field: name, cacheName: sharedCacheName(file, name) });
      });
  });
}

/** The name of an identifier (a member's property, read as written). */
function nameOf(node: ASTNode): string | undefined {
  return node.type === 'Identifier' ? node.name : undefined;
}
