/** What one run over a file collects: changes, skips, the names rewritten code uses and the imports they need. */
import type { AnyPath } from './ast.js';
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { CodemodContext, Report } from '../kit/codemod.js';
import { freeName, importedBindings, usedNames } from '../kit/imports.js';
import type { SkipReasonId } from '../kit/skip-reasons.js';
import type { SkipDetail } from '../kit/skip.js';
import { addTodo, lineOf } from '../kit/todo.js';
import { insertImports } from './add-imports.js';
import { FolderNames } from './folders.js';
import { multerS3Module, s3Dependencies, s3Env } from './modules.js';

/** A name rewritten code needs from a module: the adapter's exports, multer-s3's default, `node:path`. */
interface Wanted {
  module: string;
  imported: string;
  local: string;
  /** Already bound by an import in the file. */
  present: boolean;
}

/** The s3 adapter's exports, in the order imports list them. */
const adapterExports = ['s3', 'bucket', 'uploadKey', 'putObject', 'sendObject', 'listObjectNames', 'statObject', 'deleteObject'] as const;

export class Migration {
  readonly changes: { line: number; description: string }[] = [];
  readonly skips: { line: number; reason: SkipReasonId; detail: SkipDetail }[] = [];
  readonly adapterModule: string;
  /** Folders whose files this file's code stores in the bucket. */
  readonly storedFolders = new Set<string>();
  private readonly taken: Set<string>;
  private readonly wanted = new Map<string, Wanted>();
  private readonly used = new Set<string>();
  private folderNames?: FolderNames;

  constructor(
    readonly j: JSCodeshift,
    readonly root: Collection,
    readonly context: CodemodContext,
  ) {
    this.adapterModule = context.adapterSpecifier('s3');
    this.taken = usedNames(j, root);
  }

  /** Names of the folders path expressions of this file name. */
  get folders(): FolderNames {
    this.folderNames ??= new FolderNames(this.j, this.root, this.context.file);
    return this.folderNames;
  }

  /** Records that files under `fileExpression` (seen from `at`) are now stored in the bucket. */
  stored(at: AnyPath, fileExpression: unknown): void {
    const folder = this.folders.parentFolder(at, fileExpression as never);
    if (folder) this.storedFolders.add(folder);
  }

  /** Whether `node` (seen from `at`) names a folder stored in the bucket, by this file or others, or a file in one. */
  inStoredFolder(at: AnyPath, node: unknown): boolean {
    const expression = node as { type: string } | undefined;
    if (!expression || expression.type === 'SpreadElement') return false;
    const stored = (folder: string | undefined) => folder !== undefined && (this.storedFolders.has(folder) || this.context.storedFolders.has(folder));
    return stored(this.folders.folder(at, expression as never)) || stored(this.folders.parentFolder(at, expression as never));
  }

  get typescript(): boolean {
    return this.context.style.language === 'ts';
  }

  changed(path: AnyPath, description: string): void {
    this.changes.push({ line: lineOf(path), description });
  }

  /** Reports a skip and, when its reason has one, leaves its `// TODO(stateless)` above the statement. */
  skipped(path: AnyPath, reason: SkipReasonId, detail: SkipDetail = {}): void {
    const skip = { line: lineOf(path), reason, detail };
    this.skips.push(skip);
    addTodo(this.j, path, skip);
  }

  /** The local name of `imported` from `module` for new code: the file's own import, or a free name to import at the end. */
  name(module: string, imported: string, preferred = imported): string {
    const id = `${module}\0${imported}`;
    let wanted = this.wanted.get(id);
    if (!wanted) {
      const existing = importedBindings(this.j, this.root, [module]).find((binding) => binding.imported === imported);
      const local = existing?.local ?? freeName(this.taken, preferred);
      this.taken.add(local);
      wanted = { module, imported, local, present: existing !== undefined };
      this.wanted.set(id, wanted);
    }
    this.used.add(id);
    return wanted.local;
  }

  adapter(exported: (typeof adapterExports)[number]): string {
    return this.name(this.adapterModule, exported);
  }

  /** Adds the imports new code uses, records changes, skips and needs in `report`. */
  finish(report: Report): void {
    const order = (wanted: Wanted) => adapterExports.indexOf(wanted.imported as (typeof adapterExports)[number]);
    const missing = [...this.used]
      .map((id) => this.wanted.get(id)!)
      .filter((wanted) => !wanted.present)
      .sort((a, b) => order(a) - order(b));
    // Packages before the generated adapter, as imports usually read.
    const modules = [...new Set(missing.map((wanted) => wanted.module))].sort((a, b) => Number(a.startsWith('.')) - Number(b.startsWith('.')));
    for (const module of modules) {
      insertImports(this.j, this.root, this.context.style, module, missing.filter((wanted) => wanted.module === module));
    }
    const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;
    for (const change of this.changes.sort(byLine)) report.changed(change.line, change.description);
    for (const skip of this.skips.sort(byLine)) report.skipped(skip.line, skip.reason, skip.detail);
    for (const folder of this.storedFolders) report.storedFolders.add(folder);
    if (this.changes.length > 0) this.recordNeeds(report, [...this.used].some((id) => id.startsWith(`${multerS3Module}\0`)));
  }

  /** Needs of code that already uses the adapter or multer-s3, so `migrate` keeps generating what it imports. */
  recordExistingNeeds(report: Report): void {
    const usesAdapter = importedBindings(this.j, this.root, [this.adapterModule]).length > 0;
    const usesMulterS3 = importedBindings(this.j, this.root, [multerS3Module]).length > 0;
    if (usesAdapter || usesMulterS3) this.recordNeeds(report, usesMulterS3);
  }

  private recordNeeds(report: Report, multerS3: boolean): void {
    report.needs({
      adapters: ['s3'],
      dependencies: [...s3Dependencies, ...(multerS3 ? [multerS3Module] : [])],
      devDependencies: multerS3 && this.typescript ? ['@types/multer-s3'] : [],
      env: s3Env,
    });
  }
}
