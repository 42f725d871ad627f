/**
 * NestJS providers are singletons, so a Map in a field of an `@Injectable()` class is a cache too. Fields
 * are reached through `this`, injected and typed by the class, so they are pointed out, not rewritten.
 */
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { Report } from '../kit/codemod.js';
import { importedBindings } from '../kit/imports.js';
import { lineOf } from '../kit/todo.js';
import { sharedCacheName } from './declaration.js';

type Node = { type: string; [field: string]: unknown };

const writingMethods = new Set(['set', 'delete', 'clear']);

/** Reports every written `new Map()` field of an `@Injectable()` class as a skip with guidance. */
export function reportProviderMaps(j: JSCodeshift, root: Collection, file: string, report: Report): void {
  const bindings = importedBindings(j, root, ['@nestjs/common']);
  const injectable = new Set(bindings.filter((binding) => binding.imported === 'Injectable').map((binding) => binding.local));
  const namespaces = new Set(bindings.filter((binding) => binding.imported === '*').map((binding) => binding.local));
  const isInjectable = (decorator: Node) => {
    const call = decorator.expression as Node;
    const callee = (call.type === 'CallExpression' ? call.callee : call) as Node;
    if (callee.type === 'Identifier') return injectable.has(callee.name as string);
    const object = callee.object as Node | undefined;
    return callee.type === 'MemberExpression' && object?.type === 'Identifier' && namespaces.has(object.name as string) && (callee.property as { name?: string }).name === 'Injectable';
  };
  if (injectable.size === 0 && namespaces.size === 0) return;

  root.find(j.ClassDeclaration).forEach((classPath) => {
    const decorators = ((classPath.node as unknown as { decorators?: Node[] }).decorators ?? []) as Node[];
    if (!decorators.some(isInjectable)) return;
    const className = classPath.node.id?.name ?? 'provider';
    j(classPath)
      .find(j.ClassProperty)
      .filter((field) => field.parent.parent.node === classPath.node)
      .forEach((field) => {
        const value = field.node.value as Node | null;
        const key = field.node.key as Node;
        const callee = value?.type === 'NewExpression' ? (value.callee as Node) : undefined;
        if (callee?.type !== 'Identifier' || callee.name !== 'Map' || key.type !== 'Identifier' || field.node.computed) return;
        const name = key.name as string;
        const written = j(classPath)
          .find(j.CallExpression)
          .some((call) => {
            const member = call.node.callee as Node;
            const target = member.object as Node | undefined;
            const property = (member.property as { name?: string } | undefined)?.name ?? '';
            return member.type === 'MemberExpression' && target?.type === 'MemberExpression' && (target.object as Node).type === 'ThisExpression' && (target.property as { name?: string }).name === name && writingMethods.has(property);
          });
        if (!written) return;
        report.skipped(lineOf(field), 'cache-provider-map', { className: String(className), field: name, cacheName: sharedCacheName(file, name) });
      });
  });
}
