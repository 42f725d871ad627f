/** How a module can be named in an import: Node built-ins with or without the `node:` prefix. */
import { isBuiltin } from 'node:module';

/** `fs` → `fs`, `node:fs`; packages stay as they are. */
export function moduleSpecifiers(modules: readonly string[]): string[] {
  return modules.flatMap((name) => (isBuiltin(name) && !name.startsWith('node:') ? [name, `node:${name}`] : [name]));
}
