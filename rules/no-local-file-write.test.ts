import { commonjs, ruleTester, script } from '../src/test-support/rule-tester.js';
import rule from './no-local-file-write.js';

ruleTester.run('no-local-file-write', rule, {
  valid: [
    // Object.prototype method names are not hook names (was a crash: hooks.includes is not a function).
    { code: `const h = buf.toString('hex'); const n = x.toLocaleString('en-US'); o.hasOwnProperty('k'); o.valueOf('x');` },
    // Start-up code: module top level, the listen callback, init/setup functions no handler calls.
    `import fs from 'node:fs';
fs.mkdirSync('uploads', { recursive: true });
export function upload(req, res) { res.send('ok'); }`,
    `import fs from 'fs';
import express from 'express';
const app = express();
app.listen(3000, () => { fs.writeFileSync('server.pid', String(process.pid)); });`,
    `import { mkdir } from 'fs/promises';
async function init(dir: string) { await mkdir(dir, { recursive: true }); }
async function setupStorage() { await mkdir('tmp', { recursive: true }); }
await init('uploads');
await setupStorage();
app.post('/x', (req, res) => res.send('ok'));`,
    // Start-up callbacks and hooks that do not run per request.
    `import fs from 'fs';
import morgan from 'morgan';
app.use(morgan('combined', { stream: fs.createWriteStream('access.log', { flags: 'a' }) }));
process.on('exit', () => fs.writeFileSync('exit.log', 'bye'));
server.on('listening', () => fs.writeFileSync('server.pid', String(process.pid)));`,
    `import fs from 'fs/promises';
fastify.register(async (instance, opts) => { await fs.mkdir(opts.dir, { recursive: true }); });
fastify.addHook('onReady', async () => { await fs.writeFile('ready', '1'); });
fastify.addHook('onClose', async (instance) => { await fs.rm('ready'); });`,
    // fs reads in a handler.
    `import fs from 'fs';
app.get('/file', (req, res) => { res.send(fs.readFileSync('a.txt')); });`,
    `import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
app.get('/file', async (req, res) => { createReadStream('a').pipe(res); res.send(await readFile('b')); });`,
    // A user-defined function that happens to be called writeFile.
    `function writeFile(path: string, data: string) { db.save(path, data); }
app.post('/x', (req, res) => { writeFile('a', req.body); res.end(); });`,
    `const fs = { writeFile(path: string) { return path; } };
app.post('/x', (req, res) => { fs.writeFile('a'); res.end(); });`,
    // A function that is not request handling.
    `import fs from 'fs';
export function saveReport(report: string) { fs.writeFileSync('report.txt', report); }`,
    // multer in memory: no dest, or memoryStorage.
    `import multer from 'multer';
const upload = multer();
app.post('/avatar', upload.single('avatar'), (req, res) => res.send('ok'));`,
    `import multer from 'multer';
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 1e6 } });`,
    `const multer = require('multer');
const upload = multer({ storage: multer.memoryStorage() });`,
    // multer options the file cannot see: not guessed.
    `import multer from 'multer';
const upload = multer(uploadOptions());`,
    // A local `multer` is not the library.
    `function multer(options: object) { return options; }
multer({ dest: 'uploads/' });`,
    // formidable without uploadDir, express-fileupload without temp files.
    `import formidable from 'formidable';
const form = formidable({ maxFileSize: 1e6 });`,
    `import fileUpload from 'express-fileupload';
app.use(fileUpload({ useTempFiles: false }));`,
    // `.mv()` on something that is not an uploaded file.
    `app.post('/x', (req, res) => { const list = createList(); list.mv(1, 2); res.end(); });`,
    `app.post('/x', (req, res) => { move(req.files).mv(1, 2); /* req.files.a.mv() */ res.end(); });`,
    // An upload moved outside request handling.
    `export function archive(upload: { files: { a: { mv(p: string): void } } }) { upload.files.a.mv('archive/a'); }`,
    // exports written outside request handling, or an in-memory workbook.
    `import * as XLSX from 'xlsx';
export function exportAll(wb) { XLSX.writeFile(wb, 'all.xlsx'); }`,
    `import ExcelJS from 'exceljs';
app.get('/export', async (req, res) => {
  const workbook = new ExcelJS.Workbook();
  res.send(await workbook.xlsx.writeBuffer());
});`,
    `import sharp from 'sharp';
app.post('/thumb', async (req, res) => { res.send(await sharp(req.body).resize(64).toBuffer()); });`,
    `import sharp from 'sharp';
await sharp('logo.png').resize(64).toFile('public/logo-64.png');`,
    // Object storage is the remedy.
    `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
app.post('/x', async (req, res) => { await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: req.body })); res.end(); });`,
    // CLI scripts, worker files and test files do not serve requests.
    { code: `import fs from 'fs';\napp.post('/x', (req, res) => fs.writeFileSync('a', 'b'));`, filename: 'scripts/export.ts' },
    { code: `#!/usr/bin/env node\nimport fs from 'fs';\napp.post('/x', (req, res) => fs.writeFileSync('a', 'b'));`, filename: 'src/export.ts' },
    { code: `import fs from 'fs';\nexport function handle(req, res) { fs.writeFileSync('a', 'b'); }`, filename: 'src/workers/export.ts' },
    { code: `import fs from 'fs';\nexport function handle(req, res) { fs.writeFileSync('a', 'b'); }`, filename: 'src/export.worker.ts' },
    {
      code: `import { Worker } from 'bullmq';
import fs from 'fs';
new Worker('exports', async (job) => fs.writeFileSync(job.data.path, 'x'));
export function handle(req, res) { fs.writeFileSync('a', 'b'); }`,
      filename: 'src/export-queue.ts',
    },
    { code: `import fs from 'fs';\nit('writes', () => { app.post('/x', (req, res) => fs.writeFileSync('a', 'b')); });`, filename: 'src/upload.test.ts' },
    { code: `import fs from 'fs';\napp.post('/x', (req, res) => fs.writeFileSync('a', 'b'));`, filename: 'src/jobs/export.ts', options: [{ workerFiles: ['src/jobs/**'] }] },
    {
      code: `import fs from 'fs';\napp.post('/x', (req, res) => fs.writeFileSync('a', 'b'));`,
      filename: 'src/jobs/export.ts',
      settings: { stateless: { workerFiles: ['src/jobs/**'] } },
    },
    // Next.js: only the route files' method exports handle requests.
    { code: `import fs from 'fs';\nexport async function helper() { fs.writeFileSync('a', 'b'); }`, filename: 'src/app/api/upload/route.ts' },
    { code: `import fs from 'fs';\nexport async function POST() { return new Response('ok'); }\nexport function seed() { fs.writeFileSync('a', 'b'); }`, filename: 'app/api/upload/route.ts' },
  ],
  invalid: [
    // --- fs writers: every import form -------------------------------------------------------------------------
    {
      code: `import fs from 'fs';
app.post('/upload', (req, res) => {
  fs.writeFileSync('uploads/a.txt', req.body);
  res.send('ok');
});`,
      errors: [{ messageId: 'fsWrite', line: 3, column: 3 }],
    },
    {
      code: `import { writeFile, appendFile } from 'node:fs';
app.post('/upload', (req, res) => {
  writeFile('a.txt', req.body, (err) => res.send(err ? 'no' : 'ok'));
  appendFile('log.txt', 'line', () => {});
});`,
      errors: [
        { messageId: 'fsWrite', line: 3, column: 3 },
        { messageId: 'fsWrite', line: 4, column: 3 },
      ],
    },
    {
      code: `import * as fs from 'fs';
app.post('/upload', async (req, res) => {
  await fs.promises.writeFile('a.txt', req.body);
  fs.createWriteStream('b.txt').end(req.body);
});`,
      errors: [
        { messageId: 'fsWrite', line: 3, column: 9 },
        { messageId: 'fsWrite', line: 4, column: 3 },
      ],
    },
    {
      code: `import { promises as fsp } from 'fs';
app.post('/upload', async (req, res) => { await fsp.mkdir('u', { recursive: true }); await fsp.rename('a', 'u/a'); });`,
      errors: [
        { messageId: 'fsWrite', line: 2, column: 49 },
        { messageId: 'fsWrite', line: 2, column: 92 },
      ],
    },
    {
      code: `import { writeFile } from 'fs/promises';
app.post('/upload', async (req, res) => { await writeFile('a', req.body); });`,
      errors: [{ messageId: 'fsWrite', line: 2, column: 49 }],
    },
    {
      code: `import fsp from 'node:fs/promises';
app.post('/upload', async (req, res) => { await fsp.copyFile('a', 'b'); await fsp.rm('c'); await fsp.unlink('d'); });`,
      errors: [
        { messageId: 'fsWrite', line: 2, column: 49 },
        { messageId: 'fsWrite', line: 2, column: 79 },
        { messageId: 'fsWrite', line: 2, column: 98 },
      ],
    },
    // CommonJS: require with and without destructuring, require(...).promises.
    {
      ...commonjs,
      code: `const fs = require('fs');
const { writeFileSync } = require('fs');
const fsp = require('fs').promises;
app.post('/upload', async (req, res) => {
  fs.writeFile('a', req.body, () => {});
  writeFileSync('b', req.body);
  await fsp.appendFile('c', 'x');
  await require('fs/promises').mkdir('d');
});`,
      errors: [
        { messageId: 'fsWrite', line: 5, column: 3 },
        { messageId: 'fsWrite', line: 6, column: 3 },
        { messageId: 'fsWrite', line: 7, column: 9 },
        { messageId: 'fsWrite', line: 8, column: 9 },
      ],
    },
    // A plain script where `require` is an undeclared global.
    {
      ...script,
      code: `var fs = require('fs');
var writeFileSync = require('fs').writeFileSync;
app.post('/upload', function (req, res) {
  fs.unlinkSync('a');
  writeFileSync('b', req.body);
});`,
      errors: [
        { messageId: 'fsWrite', line: 4, column: 3 },
        { messageId: 'fsWrite', line: 5, column: 3 },
      ],
    },
    // TS `import fs = require('fs')`.
    {
      code: `import fs = require('fs');
app.post('/upload', (req, res) => { fs.renameSync('a', 'b'); });`,
      errors: [{ messageId: 'fsWrite', line: 2, column: 37 }],
    },
    // Aliases: destructuring with rename, a property kept in a variable.
    {
      code: `import fs from 'fs';
const { writeFile: w } = fs;
const save = fs.writeFileSync;
const { mkdir } = fs.promises;
app.post('/upload', async (req, res) => { w('a', 'b', () => {}); save('c', 'd'); await mkdir('e'); });`,
      errors: [
        { messageId: 'fsWrite', line: 5, column: 43 },
        { messageId: 'fsWrite', line: 5, column: 66 },
        { messageId: 'fsWrite', line: 5, column: 88 },
      ],
    },
    // fs-extra and graceful-fs.
    {
      code: `import fse from 'fs-extra';
import gfs from 'graceful-fs';
app.post('/upload', async (req, res) => {
  await fse.outputFile('a/b.txt', req.body);
  await fse.ensureDir('a');
  fse.copySync('a', 'b');
  gfs.writeFileSync('c', 'd');
});`,
      errors: [
        { messageId: 'fsWrite', line: 4, column: 9 },
        { messageId: 'fsWrite', line: 5, column: 9 },
        { messageId: 'fsWrite', line: 6, column: 3 },
        { messageId: 'fsWrite', line: 7, column: 3 },
      ],
    },
    {
      ...commonjs,
      code: `const { outputJson, remove } = require('fs-extra');
app.delete('/cache', async (req, res) => { await remove('cache'); await outputJson('state.json', {}); });`,
      errors: [
        { messageId: 'fsWrite', line: 2, column: 50 },
        { messageId: 'fsWrite', line: 2, column: 73 },
      ],
    },
    // More writers: sync, callback and promise forms.
    {
      code: `import fs from 'fs';
export function handler(req, res) {
  fs.mkdtempSync('x');
  fs.truncate('a', 0, () => {});
  fs.symlinkSync('a', 'b');
  fs.cpSync('a', 'b', { recursive: true });
  fs.rmdirSync('a');
  fs.promises.rm('a', { force: true });
}`,
      errors: [3, 4, 5, 6, 7, 8].map((line) => ({ messageId: 'fsWrite', line, column: 3 })),
    },
    // --- file extensions --------------------------------------------------------------------------------------
    { filename: 'src/server.mjs', code: `import fs from 'fs';\napp.post('/x', (req, res) => fs.writeFileSync('a', 'b'));`, errors: [{ messageId: 'fsWrite', line: 2, column: 30 }] },
    {
      ...commonjs, // src/server.cjs
      code: `const fs = require('node:fs');\napp.post('/x', (req, res) => fs.writeFileSync('a', 'b'));`,
      errors: [{ messageId: 'fsWrite', line: 2, column: 30 }],
    },
    { filename: 'src/server.js', code: `import fs from 'fs';\napp.post('/x', (req, res) => fs.writeFileSync('a', 'b'));`, errors: [{ messageId: 'fsWrite', line: 2, column: 30 }] },
    {
      filename: 'src/components/UploadButton.tsx',
      code: `'use server';
import fs from 'fs/promises';
export async function saveUpload(form: FormData) { await fs.writeFile('a', String(form.get('f'))); }
export function Button() { return <button>save</button>; }`,
      errors: [{ messageId: 'fsWrite', line: 3, column: 58 }],
    },
    // --- upload middleware and export generators ------------------------------------------------------------
    {
      code: `import multer from 'multer';
const upload = multer({ dest: 'uploads/' });`,
      errors: [{ messageId: 'uploadToDisk', line: 2, column: 16 }],
    },
    {
      ...commonjs,
      code: `const multer = require('multer');
const storage = multer.diskStorage({ destination: 'uploads/', filename: (req, file, cb) => cb(null, file.originalname) });
const upload = multer({ storage });`,
      errors: [{ messageId: 'uploadToDisk', line: 2, column: 17 }],
    },
    {
      code: `import multer, { diskStorage } from 'multer';
const opts = { dest: '/tmp/uploads' };
app.post('/a', multer(opts).single('a'), (req, res) => res.end());
app.post('/b', multer({ storage: diskStorage({}) }).single('b'), (req, res) => res.end());`,
      errors: [
        { messageId: 'uploadToDisk', line: 3, column: 16 },
        { messageId: 'uploadToDisk', line: 4, column: 34 },
      ],
    },
    // NestJS passes multer options through its interceptors and MulterModule.
    {
      code: `import { Controller, Post, UseInterceptors, UploadedFile } from '@nestjs/common';
import { FileInterceptor, FilesInterceptor, MulterModule } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
MulterModule.register({ dest: './upload' });
@Controller('files')
export class FilesController {
  @Post('a') @UseInterceptors(FileInterceptor('file', { dest: './uploads' })) a(@UploadedFile() file) {}
  @Post('b') @UseInterceptors(FilesInterceptor('files', 5, { storage: diskStorage({ destination: './uploads' }) })) b() {}
  @Post('c') @UseInterceptors(FileInterceptor('file')) c(@UploadedFile() file) { return file.buffer.length; }
}`,
      errors: [
        { messageId: 'uploadToDisk', line: 4, column: 1 },
        { messageId: 'uploadToDisk', line: 7, column: 31 },
        { messageId: 'uploadToDisk', line: 8, column: 71 },
      ],
    },
    {
      code: `import formidable, { IncomingForm } from 'formidable';
const a = formidable({ uploadDir: 'uploads', keepExtensions: true });
const b = new IncomingForm({ uploadDir: 'uploads' });`,
      errors: [
        { messageId: 'uploadToDisk', line: 2, column: 11 },
        { messageId: 'uploadToDisk', line: 3, column: 11 },
      ],
    },
    {
      code: `import fileUpload from 'express-fileupload';
app.use(fileUpload({ useTempFiles: true, tempFileDir: '/tmp/' }));`,
      errors: [{ messageId: 'uploadToDisk', line: 2, column: 9 }],
    },
    // express-fileupload: mv() of an uploaded file.
    {
      code: `app.post('/upload', async (req, res) => {
  await req.files.avatar.mv('uploads/' + req.files.avatar.name);
  const doc = req.files?.doc;
  doc.mv('uploads/doc');
  const { photo } = req.files;
  photo.mv('uploads/photo', () => res.end());
  const { files } = req;
  files['cv'].mv('uploads/cv');
});`,
      errors: [
        { messageId: 'fsWrite', line: 2, column: 9 },
        { messageId: 'fsWrite', line: 4, column: 3 },
        { messageId: 'fsWrite', line: 6, column: 3 },
        { messageId: 'fsWrite', line: 8, column: 3 },
      ],
    },
    // Generated exports written to disk in a handler.
    {
      code: `import * as XLSX from 'xlsx';
app.get('/export', (req, res) => { XLSX.writeFile(workbook(), 'export.xlsx'); res.download('export.xlsx'); });`,
      errors: [{ messageId: 'fsWrite', line: 2, column: 36 }],
    },
    {
      code: `import ExcelJS from 'exceljs';
app.get('/export', async (req, res) => {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('a');
  await workbook.xlsx.writeFile('export.xlsx');
  res.download('export.xlsx');
});`,
      errors: [{ messageId: 'fsWrite', line: 5, column: 9 }],
    },
    {
      code: `import sharp from 'sharp';
app.post('/thumb', async (req, res) => {
  await sharp(req.body).resize(64).toFile('thumbs/a.png');
  const image = sharp(req.body);
  await image.toFile('thumbs/b.png');
  res.end();
});`,
      errors: [
        { messageId: 'fsWrite', line: 3, column: 9 },
        { messageId: 'fsWrite', line: 5, column: 9 },
      ],
    },
    // Worker globs replaced by the option: the default worker folder is then the web process.
    {
      filename: 'src/workers/export.ts',
      options: [{ workerFiles: ['src/jobs/**'] }],
      code: `import fs from 'fs';\napp.post('/x', (req, res) => fs.writeFileSync('a', 'b'));`,
      errors: [{ messageId: 'fsWrite', line: 2, column: 30 }],
    },
  ],
});
