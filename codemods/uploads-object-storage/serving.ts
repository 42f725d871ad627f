/** `res.sendFile(p)` / `res.download(p, name)` of stored files → `void sendObject(res, p, { downloadName })`. */
import { importedBindings } from '../kit/imports.js';
import { dottedName, loose, memberName, type Loose, type AnyPath } from './ast.js';
import { isFunction } from '../kit/ast.js';
import type { WrittenFiles } from './fs-writes.js';
import { isRequestParameter } from './handlers.js';
import { pathModules } from './modules.js';
import type { MulterOutcome } from './multer.js';
import { expression, sourceOf } from './snippets.js';
import type { Migration } from './state.js';

const sendMethods: ReadonlySet<string> = new Set(['sendFile', 'download']);

export interface StoredFiles {
  written: WrittenFiles;
  /** `req.file.path` reads already rewritten to the key. */
  uploadKeys: Set<unknown>;
  multer: MulterOutcome;
}

/** Rewrites the sends of files that now live in the bucket; static files are left alone. */
export function migrateServing(m: Migration, stored: StoredFiles): void {
  const { j, root } = m;
  root.find(j.CallExpression).forEach((call) => {
    const callee = loose(call.node.callee);
    const method = memberName(callee);
    if (!method || !sendMethods.has(method)) return;
    const args = loose(call.node).arguments as Loose[];
    const file = args[0];
    if (!file) return;
    const text = `${sourceOf(j, callee.object)}.${method}`;
    if (!isStoredFile(call, file, stored)) {
      const source = sourceOf(j, file);
      if (stored.multer.rewritten && stored.multer.uploadDirectories.some((directory) => source.includes(directory))) {
        m.skipped(call, 'serve-old-upload-dir', { call: text });
      }
      return;
    }
    const downloadName = method === 'download' ? downloadNameOf(m, args) : undefined;
    const mappable = method === 'sendFile' ? args.length === 1 : downloadName !== undefined;
    if (!mappable) {
      m.skipped(call, 'serve-options', { call: text });
      return;
    }
    const options = downloadName ? ', { downloadName: $2 }' : '';
    m.changed(call, `\`${text}\` → \`sendObject\` streaming the object from the S3 bucket`);
    call.replace(expression(j, `void ${m.adapter('sendObject')}($0, $1${options})`, callee.object, file, downloadName));
  });
}

/** Whether `file` names something the rewritten code keeps in the bucket. */
function isStoredFile(call: AnyPath, file: Loose, stored: StoredFiles): boolean {
  if (stored.written.has(call, file) || stored.uploadKeys.has(file)) return true;
  // `avatar.path` where avatar is a record saved from an upload: in a file whose multer now stores in S3,
  // such a path was `req.file.path` and is now the key.
  const chain = memberName(file) === 'path' ? dottedName(file) : undefined;
  return stored.multer.rewritten && chain !== undefined && chain.length >= 2 && !isRequestParameter(call, chain[0]!);
}

/** The `downloadName` for `res.download(file[, name])`, or undefined when the arguments say more than that. */
function downloadNameOf(m: Migration, args: Loose[]): Loose | undefined {
  const { j, root } = m;
  if (args.length === 2 && !isFunction(args[1]) && args[1]!.type !== 'SpreadElement') return args[1];
  if (args.length !== 1) return undefined;
  // Express names the download after the file: keep that with the key's last segment.
  const existing = importedBindings(j, root, pathModules).find((binding) => binding.imported === 'default' || binding.imported === '*');
  const pathLocal = existing?.local ?? m.name('node:path', 'default', 'path');
  // The file expression's text, parsed again: a second copy, not the same node twice.
  return expression(j, `${pathLocal}.basename(${sourceOf(j, args[0])})`);
}
