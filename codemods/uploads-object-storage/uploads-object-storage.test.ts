import { describe, expect, it } from 'vitest';
import { runCodemod } from '../kit/run.js';
import { describeCodemodFixtures } from '../../src/test-support/codemod-fixtures.js';
import { uploadsObjectStorage } from './index.js';
import { keyPrefix } from './multer.js';

describeCodemodFixtures(uploadsObjectStorage);

function migrate(source: string, file = '/app/src/routes/upload.ts') {
  return runCodemod(uploadsObjectStorage, { file, source, adapterDir: '/app/src/stateless', packageType: 'module' });
}

describe('uploads-object-storage details', () => {
  it('derives the key prefix from a literal upload directory, else uses uploads', () => {
    expect(keyPrefix({ type: 'StringLiteral', value: './public/avatars/' })).toBe('avatars');
    expect(keyPrefix({ type: 'StringLiteral', value: '/tmp' })).toBe('tmp');
    expect(keyPrefix({ type: 'StringLiteral', value: '..' })).toBe('uploads');
    expect(keyPrefix({ type: 'Identifier', name: 'uploadDir' })).toBe('uploads');
  });

  it('writes in the file quotes and avoids names the file already uses', () => {
    const outcome = migrate(
      [
        'import multer from "multer";',
        'const bucket = "photos";',
        'export const upload = multer({ dest: "uploads/" });',
        '',
      ].join('\n'),
    );
    expect(outcome.source).toContain('import { s3, bucket as bucket2, uploadKey } from "../stateless/s3.js";');
    expect(outcome.source).toContain('  storage: multerS3({ s3, bucket: bucket2, contentType: multerS3.AUTO_CONTENT_TYPE, key: uploadKey("uploads") }),');
  });

  it('records what the rewritten code needs', () => {
    const outcome = migrate("import multer from 'multer';\nexport const upload = multer({ dest: 'uploads/' });\n");
    expect(outcome.adapters).toEqual(['s3']);
    expect(outcome.dependencies.sort()).toEqual(['@aws-sdk/client-s3', '@aws-sdk/lib-storage', 'multer-s3']);
    expect(outcome.devDependencies).toEqual(['@types/multer-s3']);
    expect(outcome.env).toEqual(['S3_BUCKET']);
  });

  it('leaves memory uploads and writes outside request handlers alone', () => {
    const source = [
      "import fs from 'node:fs';",
      "import multer from 'multer';",
      'export const upload = multer({ limits: { fileSize: 1024 } });',
      "export async function warmUp() { await fs.promises.writeFile('cache.json', '{}'); }",
      '',
    ].join('\n');
    const outcome = migrate(source);
    expect(outcome.source).toBe(source);
    expect(outcome.changes).toEqual([]);
    expect(outcome.skips).toEqual([]);
  });

  it('rewrites writes in same-file helpers that a handler calls', () => {
    const outcome = migrate(
      [
        "import fs from 'node:fs';",
        "import express from 'express';",
        'async function store(name: string, body: string) {',
        '  await fs.promises.writeFile(name, body);',
        '}',
        'export const app = express();',
        "app.post('/x', async (req, res) => { await store('x.txt', String(req.body)); res.end(); });",
        '',
      ].join('\n'),
    );
    expect(outcome.source).toContain('  await putObject(name, body);');
    expect(outcome.source).not.toContain("from 'node:fs'");
  });
});
