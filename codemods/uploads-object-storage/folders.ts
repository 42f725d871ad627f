/**
 * Which folder a path expression names, as a name that is the same in every file of the project: the export a
 * folder setting comes from (`<src/config>#config.exportDir`, whichever file imports it), or a literal path.
 * The folders whose writes became `putObject` are then recognised where a cleanup job lists and deletes them.
 */
import path from 'node:path';
import type { Collection, JSCodeshift } from 'jscodeshift';
import { stringValue } from '../kit/ast.js';
import { importedBindings, requiredModule, type ImportedBinding } from '../kit/imports.js';
import { declaringScope, dottedName, loose, type AnyPath, type Loose } from './ast.js';
import { pathModules } from './modules.js';

const sourceExtension = /\.(?:[cm]?[jt]sx?)$/;

/** A module by its absolute path without extension (`/app/src/config`); a package by its name. */
function moduleName(fromFile: string, specifier: string): string {
  if (!specifier.startsWith('.')) return `package:${specifier}`;
  return path.resolve(path.dirname(fromFile), specifier).replace(sourceExtension, '').replace(/[\\/]index$/, '');
}

/** A path written as text, normalised: `./data/exports/` → `path:data/exports`. */
function literalFolder(text: string): string {
  const normal = path.posix.normalize(text.replace(/\\/g, '/')).replace(/\/+$/, '');
  return `path:${normal.replace(/^\.\//, '') || '.'}`;
}

/** Folder names for the expressions of one file. */
export class FolderNames {
  private readonly program: unknown;
  private readonly imports: ImportedBinding[];
  private readonly pathLocals: { join: Set<string>; namespaces: Set<string> };

  constructor(
    private readonly j: JSCodeshift,
    private readonly root: Collection,
    private readonly file: string,
  ) {
    this.program = root.find(j.Program).paths()[0]?.node;
    const specifiers = new Set<string>();
    root.find(j.ImportDeclaration).forEach((declaration) => void specifiers.add(String(declaration.node.source.value)));
    root.find(j.CallExpression).forEach((call) => {
      const module = requiredModule(call.node);
      if (module !== undefined) specifiers.add(module);
    });
    this.imports = importedBindings(j, root, [...specifiers]);
    const pathBindings = this.imports.filter((binding) => pathModules.includes(binding.module));
    this.pathLocals = {
      join: new Set(pathBindings.filter((binding) => binding.imported === 'join' || binding.imported === 'resolve').map((binding) => binding.local)),
      namespaces: new Set(pathBindings.filter((binding) => binding.imported === 'default' || binding.imported === '*').map((binding) => binding.local)),
    };
  }

  /** The folder `node` (seen from `at`) names, or undefined when it cannot be told from the code. */
  folder(at: AnyPath, node: Loose, depth = 0): string | undefined {
    if (depth > 5) return undefined;
    const text = stringValue(node);
    if (text !== undefined) return literalFolder(text);
    if (this.isDirname(at, node)) return `path:${path.dirname(this.file)}`;
    const joined = this.joinArguments(at, node);
    if (joined) return this.joined(at, joined, depth);
    const chain = dottedName(node);
    if (!chain) return undefined;
    const [head, ...members] = chain as [string, ...string[]];
    const scope = declaringScope(at, head);
    const binding = scope === this.program ? this.imports.find((candidate) => candidate.local === head) : undefined;
    if (binding) {
      const module = moduleName(this.file, binding.module);
      // A whole CommonJS module or an ES namespace: its members are its exports.
      const exported = binding.imported === '*' ? members : [binding.imported, ...members];
      return `${module}#${exported.join('.')}`;
    }
    if (scope === this.program) return `${this.file.replace(sourceExtension, '')}#${chain.join('.')}`;
    // A local constant holding a folder: `const dir = config.exportDir`.
    const init = members.length === 0 ? this.constantValue(head, scope) : undefined;
    return init ? this.folder(init.path, init.node, depth + 1) : undefined;
  }

  /** The folder a file path is directly in: `path.join(dir, name)`, `` `${dir}/${name}` ``, or a constant holding one. */
  parentFolder(at: AnyPath, node: Loose, depth = 0): string | undefined {
    if (depth > 5) return undefined;
    if (node.type === 'Identifier') {
      const init = this.constantValue(node.name, declaringScope(at, node.name));
      return init ? this.parentFolder(init.path, init.node, depth + 1) : undefined;
    }
    const joined = this.joinArguments(at, node);
    if (joined && joined.length >= 2) {
      const last = stringValue(joined.at(-1));
      const parent = this.joined(at, joined.slice(0, -1), depth);
      if (last === undefined || parent === undefined) return last === undefined ? parent : undefined;
      return this.joinedText(parent, path.posix.dirname(last.replace(/\\/g, '/')));
    }
    if (node.type === 'TemplateLiteral' && node.expressions.length === 2) {
      const quasis = (node.quasis as Loose[]).map((quasi) => quasi.value.cooked as string);
      if (quasis[0] === '' && quasis[1] === '/' && quasis[2] === '') return this.folder(at, node.expressions[0], depth + 1);
    }
    return undefined;
  }

  private joined(at: AnyPath, parts: readonly Loose[], depth: number): string | undefined {
    let folder = parts[0] ? this.folder(at, parts[0], depth + 1) : undefined;
    for (const part of parts.slice(1)) {
      const text = stringValue(part);
      if (folder === undefined || text === undefined) return undefined;
      folder = this.joinedText(folder, text);
    }
    return folder;
  }

  private joinedText(folder: string, text: string): string {
    if (text === '' || text === '.') return folder;
    if (folder.startsWith('path:')) return literalFolder(path.posix.join(folder.slice('path:'.length), text.replace(/\\/g, '/')));
    return `${folder}/${path.posix.normalize(text.replace(/\\/g, '/')).replace(/\/+$/, '')}`;
  }

  /** The arguments of `path.join(…)` / `path.resolve(…)` (or `join` imported from path). */
  private joinArguments(at: AnyPath, node: Loose): Loose[] | undefined {
    if (node.type !== 'CallExpression' || node.arguments.some((argument: Loose) => argument.type === 'SpreadElement')) return undefined;
    const chain = dottedName(node.callee);
    if (!chain || declaringScope(at, chain[0]!) !== this.program) return undefined;
    const isJoin =
      (chain.length === 1 && this.pathLocals.join.has(chain[0]!)) ||
      (chain.length === 2 && this.pathLocals.namespaces.has(chain[0]!) && ['join', 'resolve'].includes(chain[1]!));
    return isJoin ? (node.arguments as Loose[]) : undefined;
  }

  private isDirname(at: AnyPath, node: Loose): boolean {
    if (node.type === 'Identifier') return node.name === '__dirname' && declaringScope(at, '__dirname') === undefined;
    const chain = node.type === 'MemberExpression' && node.object.type === 'MetaProperty' ? node.property.name : undefined;
    return chain === 'dirname';
  }

  /** The initial value of a `const` declared in `scope`, where it can be read. */
  private constantValue(name: string, scope: unknown): { path: AnyPath; node: Loose } | undefined {
    if (scope === undefined) return undefined;
    const declarator = this.root
      .find(this.j.VariableDeclarator, { id: { type: 'Identifier', name } })
      .filter((candidate) => declaringScope(candidate, name) === scope && loose(candidate.parent.node).kind === 'const')
      .paths()[0];
    const init = declarator ? loose(declarator.node.init) : undefined;
    return declarator && init ? { path: declarator.get('init') as AnyPath, node: init } : undefined;
  }
}
