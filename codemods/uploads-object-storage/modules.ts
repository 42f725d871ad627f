/**
 * What this codemod rewrites from and into. Module names come from the knowledge rows it names by id
 * (`src/knowledge/codemods/uploads-object-storage.ts`); only the rewrite's own choices are made here.
 */
import { pathModule, streamModule, streamPromiseModule, uploadRows } from '../../src/knowledge/codemods/uploads-object-storage.js';
import { moduleSpecifiers } from '../../src/knowledge/module-names.js';
import { patternsById } from '../../src/knowledge/patterns.js';

export {
  busboyModules,
  cleanupFunctions,
  directoryMakers,
  multerS3Module,
  s3Dependencies,
  wholeFileWriters,
} from '../../src/knowledge/codemods/uploads-object-storage.js';

/** Every specifier of the modules of the knowledge row `id`. */
function modulesOf(id: string): string[] {
  return moduleSpecifiers(patternsById([id]).flatMap((row) => row.api.modules ?? []));
}

/** `multer` and the modules re-exporting it. */
export const multerModules = modulesOf(uploadRows.multer);
export const formidableModules = modulesOf(uploadRows.formidable);
export const sharpModules = modulesOf(uploadRows.sharp);

/** Modules with Node's callback API, a `Sync` twin and `.promises` (fs, graceful-fs, fs-extra). */
export const callbackFsModules = modulesOf(uploadRows.callbackFs);
/** Modules whose functions return promises (fs/promises, mz/fs). */
export const promiseFsModules = modulesOf(uploadRows.promiseFs);
/** Callback-style modules whose functions also return a promise when no callback is given (fs-extra). */
export const promiseByDefaultFsModules = modulesOf(uploadRows.promiseByDefaultFs);
export const allFsModules = [...callbackFsModules, ...promiseFsModules];

export const streamPromiseModules = moduleSpecifiers([streamPromiseModule]);
export const streamModules = moduleSpecifiers([streamModule]);
export const pathModules = moduleSpecifiers([pathModule]);

/** The prefix of upload keys when the old upload directory gives none. */
export const defaultKeyPrefix = 'uploads';

export const s3Env = ['S3_BUCKET'];
