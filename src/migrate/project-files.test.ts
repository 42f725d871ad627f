import { describe, expect, it } from 'vitest';
import { editEnvExample, editPackageJson } from './project-files.js';

describe('editPackageJson', () => {
  it('adds missing packages at the tested versions, sorted, keeping indentation and existing versions', () => {
    const original = '{\n    "name": "shop",\n    "dependencies": {\n        "redis": "5.0.0",\n        "express": "5.3.0"\n    }\n}\n';
    const edit = editPackageJson(original, ['redis', 'connect-redis'], ['@types/multer-s3'], { worker: 'tsx src/worker.ts' });
    expect(edit.added).toEqual({ dependencies: ['connect-redis@9.0.0'], devDependencies: ['@types/multer-s3@3.0.3'] });
    expect(edit.scripts).toEqual(['worker: tsx src/worker.ts']);
    expect(edit.text).toBe(
      '{\n    "name": "shop",\n    "dependencies": {\n        "connect-redis": "9.0.0",\n        "express": "5.3.0",\n        "redis": "5.0.0"\n    },\n' +
        '    "devDependencies": {\n        "@types/multer-s3": "3.0.3"\n    },\n    "scripts": {\n        "worker": "tsx src/worker.ts"\n    }\n}\n',
    );
  });

  it('changes nothing when everything is there', () => {
    const original = '{\n  "dependencies": { "redis": "6.3.1" },\n  "scripts": { "worker": "node worker.js" }\n}';
    expect(editPackageJson(original, ['redis'], [], { worker: 'tsx src/worker.ts' }).added).toEqual({ dependencies: [], devDependencies: [] });
  });
});

describe('editEnvExample', () => {
  it('creates the file with a described line per variable, optional ones commented out', () => {
    expect(editEnvExample(undefined, ['REDIS_URL', 'S3_ENDPOINT'])).toEqual({
      text: '# Shared Redis for sessions, caches, rate limits and jobs, e.g. redis://redis:6379\nREDIS_URL=\n# Only for S3-compatible servers (MinIO, …), e.g. http://minio:9000\n# S3_ENDPOINT=\n',
      added: ['REDIS_URL', 'S3_ENDPOINT'],
    });
  });

  it('appends only what is missing and keeps what is there', () => {
    const edit = editEnvExample('PORT=3000\nREDIS_URL=redis://localhost:6379', ['REDIS_URL', 'S3_BUCKET']);
    expect(edit.added).toEqual(['S3_BUCKET']);
    expect(edit.text).toBe('PORT=3000\nREDIS_URL=redis://localhost:6379\n\n# Bucket that holds uploaded and generated files\nS3_BUCKET=\n');
  });
});
