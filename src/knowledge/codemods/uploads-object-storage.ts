/**
 * What uploads-object-storage rewrites, by the ids of `localFilePatterns` rows, and the library and Node facts it
 * needs beyond those rows: which fs functions write a whole file or clean up a folder, the stream and upload
 * modules it follows, and what rewritten code imports.
 */
/** The rows whose modules the codemod follows, by what it does with them. */
export const uploadRows = {
  multer: 'multer',
  formidable: 'formidable',
  sharp: 'sharp',
  /** Node's callback API with a `Sync` twin and `.promises` (fs, graceful-fs, fs-extra). */
  callbackFs: 'fs.promises.writeFile',
  /** Functions that return promises (fs/promises, mz/fs). */
  promiseFs: 'fs/promises.writeFile',
  /** Callback-style functions that also return a promise when no callback is given (fs-extra). */
  promiseByDefaultFs: 'fs-extra.outputFile',
} as const;

/** formidable's factories and classes, called or constructed with the options (`formidable()`, `new IncomingForm()`). */
export const formidableFactories: readonly string[] = ['formidable', 'IncomingForm', 'Formidable'];

/** fs functions that write a whole file from data: rewritten to `putObject(file, data)`. */
export const wholeFileWriters: ReadonlySet<string> = new Set(['writeFile', 'outputFile']);
/** fs functions (without `Sync`) that clean up a folder: list it, read its files' times, remove them. */
export const cleanupFunctions: ReadonlySet<string> = new Set(['readdir', 'opendir', 'stat', 'lstat', 'unlink', 'rm', 'rmdir', 'remove', 'emptyDir']);
export const directoryMakers: ReadonlySet<string> = new Set(['mkdir', 'ensureDir', 'mkdirp', 'mkdirs']);

/** `stream/promises` `pipeline`, the one stream form rewritten (`await pipeline(req, createWriteStream(file))`). */
export const streamPromiseModule = 'stream/promises';
export const streamModule = 'stream';
export const busboyModules: readonly string[] = ['busboy', '@fastify/busboy'];
export const pathModule = 'path';

/** What rewritten code imports. */
export const multerS3Module = 'multer-s3';
export const s3Dependencies: readonly string[] = ['@aws-sdk/client-s3', '@aws-sdk/lib-storage'];
