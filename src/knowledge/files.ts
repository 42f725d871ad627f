/** What writes to the local disk: Node's fs family, upload middleware, export generators. */
import type { LibraryPattern } from './types.js';

const check = 'no-local-file-write' as const;

/** fs functions that change the disk; each has callback, `Sync` and `promises` forms. */
export const fsWriterFunctions: readonly string[] = [
  'writeFile', 'appendFile', 'createWriteStream', 'mkdir', 'mkdtemp', 'rename', 'copyFile', 'cp',
  'rm', 'rmdir', 'unlink', 'truncate', 'symlink', 'link', 'writev', 'write',
];

/** fs-extra's own writers (promise-returning by default, with `Sync` twins). */
export const fsExtraWriterFunctions: readonly string[] = [
  'outputFile', 'outputJson', 'outputJSON', 'writeJson', 'writeJSON', 'ensureDir', 'ensureFile', 'mkdirp',
  'mkdirs', 'move', 'copy', 'emptyDir', 'remove',
];

const callbackFsModules = ['fs', 'graceful-fs', 'fs-extra'];
const promiseFsModules = ['fs/promises', 'mz/fs'];

/** A row of an fs writer; its id is the first module and the path: `fs.writeFile`, `fs.promises.writeFile`, `fs/promises.writeFile`. */
function fsRow(modules: readonly string[], path: readonly string[]): LibraryPattern<typeof check> {
  return { id: `${modules[0]!}.${path.join('.')}`, check, messageId: 'fsWrite', library: path.join('.'), api: { modules, path, use: 'call' }, scope: 'request' };
}

const fsRows: LibraryPattern<typeof check>[] = [
  ...fsWriterFunctions.flatMap((name) => [
    fsRow(callbackFsModules, [name]),
    fsRow(callbackFsModules, [`${name}Sync`]),
    fsRow(callbackFsModules, ['promises', name]),
    fsRow(promiseFsModules, [name]),
  ]),
  ...fsExtraWriterFunctions.flatMap((name) => [fsRow(['fs-extra'], [name]), fsRow(['fs-extra'], [`${name}Sync`])]),
];

/** Where `@nestjs/platform-express` takes multer options: the API and the options argument. */
const nestMulterOptions: readonly { path: readonly string[]; argument: number }[] = [
  { path: ['FileInterceptor'], argument: 1 },
  { path: ['FilesInterceptor'], argument: 2 },
  { path: ['FileFieldsInterceptor'], argument: 1 },
  { path: ['AnyFilesInterceptor'], argument: 0 },
  { path: ['MulterModule', 'register'], argument: 0 },
];

export const localFilePatterns: readonly LibraryPattern<typeof check>[] = [
  ...fsRows,
  // multer without `dest` keeps uploads in memory for the request; `dest` and diskStorage write them to disk.
  { id: 'multer', check, messageId: 'uploadToDisk', library: 'multer `dest`', api: { modules: ['multer'], path: [], use: 'call' }, when: { kind: 'optionPresent', keys: ['dest'] }, scope: 'anywhere' },
  { id: 'multer.diskStorage', check, messageId: 'uploadToDisk', library: 'multer diskStorage', api: { modules: ['multer'], path: ['diskStorage'], use: 'call' }, scope: 'anywhere' },
  // NestJS passes multer options through its interceptors and module.
  ...nestMulterOptions.map(({ path, argument }): LibraryPattern<typeof check> => ({
    id: `@nestjs/platform-express.${path.join('.')}`,
    check, messageId: 'uploadToDisk', library: 'multer `dest`', api: { modules: ['@nestjs/platform-express'], path, use: 'call' },
    when: { kind: 'optionPresent', keys: ['dest'], argument }, scope: 'anywhere',
  })),
  { id: 'formidable', check, messageId: 'uploadToDisk', library: 'formidable `uploadDir`', api: { modules: ['formidable'], path: [], use: 'call' }, when: { kind: 'optionPresent', keys: ['uploadDir'] }, scope: 'anywhere' },
  { id: 'formidable.formidable', check, messageId: 'uploadToDisk', library: 'formidable `uploadDir`', api: { modules: ['formidable'], path: ['formidable'], use: 'call' }, when: { kind: 'optionPresent', keys: ['uploadDir'] }, scope: 'anywhere' },
  { id: 'formidable.IncomingForm', check, messageId: 'uploadToDisk', library: 'formidable `uploadDir`', api: { modules: ['formidable'], path: ['IncomingForm'], use: 'construct' }, when: { kind: 'optionPresent', keys: ['uploadDir'] }, scope: 'anywhere' },
  { id: 'express-fileupload', check, messageId: 'uploadToDisk', library: 'express-fileupload `useTempFiles`', api: { modules: ['express-fileupload'], path: [], use: 'call' }, when: { kind: 'optionEquals', key: 'useTempFiles', values: ['true'] }, scope: 'anywhere' },
  // Generated exports written to disk.
  { id: 'xlsx.writeFile', check, messageId: 'fsWrite', library: 'XLSX.writeFile', api: { modules: ['xlsx'], path: ['writeFile'], use: 'call' }, scope: 'request' },
  { id: 'xlsx.writeFileXLSX', check, messageId: 'fsWrite', library: 'XLSX.writeFileXLSX', api: { modules: ['xlsx'], path: ['writeFileXLSX'], use: 'call' }, scope: 'request' },
  { id: 'csv-writer.createObjectCsvWriter', check, messageId: 'fsWrite', library: 'createObjectCsvWriter', api: { modules: ['csv-writer'], path: ['createObjectCsvWriter'], use: 'call' }, scope: 'request' },
  { id: 'csv-writer.createArrayCsvWriter', check, messageId: 'fsWrite', library: 'createArrayCsvWriter', api: { modules: ['csv-writer'], path: ['createArrayCsvWriter'], use: 'call' }, scope: 'request' },
  { id: 'exceljs.Workbook', check, messageId: 'fsWrite', library: 'workbook.xlsx.writeFile', api: { modules: ['exceljs'], path: ['Workbook'], use: 'construct' }, instance: [{ members: ['xlsx', 'writeFile'], effect: 'flags' }, { members: ['csv', 'writeFile'], effect: 'flags' }], scope: 'request' },
  { id: 'sharp', check, messageId: 'fsWrite', library: 'sharp().toFile', api: { modules: ['sharp'], path: [], use: 'call' }, chainMethod: 'toFile', scope: 'request' },
];

/**
 * express-fileupload moves an upload to disk with `req.files.<field>.mv(path)`:
 * a call of this method on a value reached from `<request>.files`.
 */
export const uploadedFileMoveMethod = { id: 'express-fileupload.mv', requestProperty: 'files', method: 'mv', library: 'express-fileupload `mv`' } as const;

