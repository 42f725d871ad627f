/**
 * What this codemod rewrites from and into. Module names come from the shared knowledge in
 * `src/knowledge/files.ts`; only the rewrite targets are decided here.
 */
import { localFilePatterns } from '../../src/knowledge/files.js';
import { moduleSpecifiers } from '../../src/knowledge/module-names.js';

/** The modules of every knowledge row for `library` reached by `path`. */
function modulesOf(library: string, path: readonly string[]): string[] {
  const rows = localFilePatterns.filter((pattern) => pattern.library === library && pattern.api.path.join('.') === path.join('.'));
  if (rows.length === 0) throw new Error(`src/knowledge/files.ts has no row for ${library} ${path.join('.')}`);
  return moduleSpecifiers([...new Set(rows.flatMap((row) => row.api.modules ?? []))]);
}

/** `multer` and the modules re-exporting it. */
export const multerModules = modulesOf('multer `dest`', []);
export const formidableModules = modulesOf('formidable `uploadDir`', []);
export const sharpModules = modulesOf('sharp().toFile', []);

/** Modules with Node's callback API, a `Sync` twin and `.promises` (fs, graceful-fs, fs-extra). */
export const callbackFsModules = modulesOf('promises.writeFile', ['promises', 'writeFile']);
/** Modules whose functions return promises (fs/promises, mz/fs). */
export const promiseFsModules = modulesOf('writeFile', ['writeFile']).filter((name) => !callbackFsModules.includes(name));
/** Callback-style modules whose functions also return a promise when no callback is given (fs-extra). */
export const promiseByDefaultFsModules = modulesOf('outputFile', ['outputFile']);
export const allFsModules = [...callbackFsModules, ...promiseFsModules];

/** fs functions that write a whole file from data: rewritten to `putObject(file, data)`. */
export const wholeFileWriters: ReadonlySet<string> = new Set(['writeFile', 'outputFile']);
/** fs functions (without `Sync`) that clean up a folder: list it, read its files' times, remove them. */
export const cleanupFunctions: ReadonlySet<string> = new Set(['readdir', 'opendir', 'stat', 'lstat', 'unlink', 'rm', 'rmdir', 'remove', 'emptyDir']);
export const directoryMakers: ReadonlySet<string> = new Set(['mkdir', 'ensureDir', 'mkdirp', 'mkdirs']);

/** `stream/promises` `pipeline`, the one stream form rewritten (`await pipeline(req, createWriteStream(file))`). */
export const streamPromiseModules = moduleSpecifiers(['stream/promises']);
export const streamModules = moduleSpecifiers(['stream']);
export const busboyModules = ['busboy', '@fastify/busboy'];
export const pathModules = moduleSpecifiers(['path']);

/** Express-style registrations whose function arguments handle requests. */
export const routeMethods: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'head', 'options']);
export const requestParameter = /^_?(req|request)$/;
export const responseParameter = /^_?(res|response|reply)$/;

/** What rewritten code imports. */
export const multerS3Module = 'multer-s3';
/** The prefix of upload keys when the old upload directory gives none. */
export const defaultKeyPrefix = 'uploads';

export const s3Dependencies = ['@aws-sdk/client-s3', '@aws-sdk/lib-storage'];
export const s3Env = ['S3_BUCKET'];
