/**
 * The generated S3 adapter against a real S3-compatible server (s3rver): downloads a client abandons free
 * their S3 connection; stored files never run as pages of the app; any download name makes a valid header;
 * an unreachable server is one line, with no credentials in it.
 */
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterProject } from '../../../src/test-support/adapter-project.js';
import { freePort, startApp, type RunningApp } from '../../../src/test-support/app-process.js';
import { startS3, type RunningS3 } from '../../../src/test-support/services.js';

/** The installed SDK warns on Node 20 at start (see kit/dependencies.ts); that line is not what these tests read. */
const quietSdk = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const credentials = { AWS_ACCESS_KEY_ID: 'minio', AWS_SECRET_ACCESS_KEY: 'minio-secret' };

const project = adapterProject('s3-adapter', ['s3'], {
  'server.ts': `import http from 'node:http';
import { putObject, sendObject } from './stateless/s3.js';

await putObject('files/big.bin', Buffer.alloc(4 * 1024 * 1024, 7), 'application/octet-stream');
await putObject('files/photo', Buffer.from('png bytes'), 'image/png');
await putObject('files/drawing', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"/>', 'image/svg+xml');
await putObject('files/page', '<script>alert(document.cookie)</script>', 'text/html');
await putObject('files/notes', 'notes', 'text/plain');

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app');
    if (url.pathname === '/health') return void res.end('ok');
    // As migrated routes do: the type the client claimed at upload, set before sendObject.
    const claimed = url.searchParams.get('type');
    if (claimed) res.setHeader('content-type', claimed);
    const name = url.searchParams.get('name');
    void sendObject(res, url.searchParams.get('key') ?? '', name === null ? {} : { downloadName: name });
  })
  .listen(Number(process.env.PORT));
`,
  // A cleanup job as migrated: list the folder, read each file's time, delete the old ones; checked with a client of its own.
  'folders.ts': `import path from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { bucket, deleteObject, listObjectNames, putObject, statObject } from './stateless/s3.js';

const client = new S3Client({ region: 'us-east-1', endpoint: process.env.S3_ENDPOINT, forcePathStyle: true });
const folder = path.join('/srv/app/data', 'exports');
const names = Array.from({ length: 1_005 }, (_, index) => \`orders-\${String(index).padStart(4, '0')}.csv\`);
for (let start = 0; start < names.length; start += 50) {
  await Promise.all(names.slice(start, start + 50).map((name) => client.send(new PutObjectCommand({ Bucket: bucket, Key: \`srv/app/data/exports/\${name}\`, Body: name }))));
}
await putObject(path.join(folder, 'nested', 'kept.csv'), 'not directly in the folder');
await putObject('/srv/app/data/exportsx/other.csv', 'another folder');
const listed = await listObjectNames(folder);
const sameFromRelative = (await listObjectNames('./srv/app/data/exports/')).length;
const stats = await statObject(path.join(folder, listed[0]!));
const missing = await statObject(path.join(folder, 'none.csv')).catch((error: NodeJS.ErrnoException) => error.code);
for (const name of listed.slice(0, 1_001)) await deleteObject(path.join(folder, name));
await deleteObject(path.join(folder, 'none.csv'));
const left = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'srv/app/data/' }));
console.log(JSON.stringify({
  listed: listed.length,
  sorted: listed.join() === names.join(),
  sameFromRelative,
  stats: { size: stats.size, fresh: Math.abs(stats.mtimeMs - Date.now()) < 60_000, mtime: stats.mtime.getTime() === stats.mtimeMs, file: stats.isFile() },
  missing,
  left: (left.Contents ?? []).map((object) => object.Key),
}));
`,
  'unreachable.ts': `import { putObject } from './stateless/s3.js';

await Promise.allSettled([putObject('a', 'a'), putObject('b', 'b')]);
await putObject('c', 'c').catch(() => undefined);
`,
});

let s3: RunningS3;
let app: RunningApp;
beforeAll(async () => {
  s3 = await startS3('adapter-files');
  app = await startApp(path.join(project.root, 'server.ts'), { cwd: project.root, env: { ...s3.env, ...quietSdk, NODE_ENV: 'production' } });
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await s3?.stop();
});

/** Asks for `key` and hangs up as soon as the answer begins (or after 2 s without one). */
function abandonDownload(key: string): Promise<void> {
  return new Promise((resolve) => {
    const request = http.get(`${app.base}/file?key=${key}`, () => {
      request.destroy();
      resolve();
    });
    request.on('error', () => resolve());
    request.setTimeout(2_000, () => {
      request.destroy();
      resolve();
    });
  });
}

async function headersOf(query: string): Promise<Record<string, string | null>> {
  const response = await fetch(`${app.base}/file?${query}`);
  await response.arrayBuffer();
  const header = (name: string) => response.headers.get(name);
  return { status: String(response.status), type: header('content-type'), disposition: header('content-disposition'), sniffing: header('x-content-type-options') };
}

describe('the generated s3 adapter', () => {
  it('frees the S3 connection of every download a client abandons: after 100, a download still works', async () => {
    for (let batch = 0; batch < 10; batch += 1) {
      await Promise.all(Array.from({ length: 10 }, () => abandonDownload('files/big.bin')));
    }
    const started = Date.now();
    const response = await fetch(`${app.base}/file?key=files/big.bin`, { signal: AbortSignal.timeout(15_000) });
    const body = Buffer.from(await response.arrayBuffer());
    expect({ status: response.status, length: body.length, sevens: body.every((byte) => byte === 7) }).toEqual({ status: 200, length: 4 * 1024 * 1024, sevens: true });
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 120_000);

  it('shows only raster images inline; SVG, HTML and the rest are downloads, never sniffed', async () => {
    expect(await headersOf('key=files/photo')).toEqual({ status: '200', type: 'image/png', disposition: 'inline', sniffing: 'nosniff' });
    expect(await headersOf('key=files/drawing')).toEqual({ status: '200', type: 'image/svg+xml', disposition: 'attachment', sniffing: 'nosniff' });
    expect(await headersOf('key=files/page')).toEqual({ status: '200', type: 'text/html', disposition: 'attachment', sniffing: 'nosniff' });
    expect(await headersOf('key=files/notes')).toEqual({ status: '200', type: 'text/plain', disposition: 'attachment', sniffing: 'nosniff' });
    // The type the uploader claimed decides, not the stored one: a "PNG" claimed as HTML is a download too.
    expect(await headersOf('key=files/photo&type=text/html')).toEqual({ status: '200', type: 'text/html', disposition: 'attachment', sniffing: 'nosniff' });
    expect(await headersOf('key=files/drawing&type=image/png')).toEqual({ status: '200', type: 'image/png', disposition: 'inline', sniffing: 'nosniff' });
    expect(await headersOf('key=files/missing')).toEqual({ status: '404', type: 'text/plain', disposition: null, sniffing: null });
  });

  it('names downloads per RFC 6266 whatever their characters, and drops control characters', async () => {
    const disposition = async (name: string) => (await headersOf(`key=files/notes&name=${encodeURIComponent(name)}`)).disposition;
    expect(await disposition('orders.csv')).toBe('attachment; filename="orders.csv"');
    expect(await disposition('résumé "final".pdf')).toBe(`attachment; filename="r_sum_ _final_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.pdf`);
    expect(await disposition('отчёт 日本 (1).txt')).toBe(
      `attachment; filename="_____ __ (1).txt"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82%20%E6%97%A5%E6%9C%AC%20%281%29.txt`,
    );
    expect(await disposition('a.txt\r\nSet-Cookie: session=stolen')).toBe('attachment; filename="a.txtSet-Cookie: session=stolen"');
    expect(await disposition('photo.png')).toBe('attachment; filename="photo.png"');
  });

  it('lists a folder through every page (over 1,000 names), reads a file\'s size and time, and deletes files', async () => {
    const run = await project.run('folders.ts', { ...s3.env, ...quietSdk, NODE_ENV: 'production' }, 90_000);
    expect(run.status, run.output).toBe(0);
    expect(JSON.parse(run.output)).toEqual({
      listed: 1_005,
      sorted: true,
      sameFromRelative: 1_005,
      stats: { size: 15, fresh: true, mtime: true, file: true },
      missing: 'ENOENT',
      left: ['srv/app/data/exports/nested/kept.csv', 'srv/app/data/exports/orders-1001.csv', 'srv/app/data/exports/orders-1002.csv', 'srv/app/data/exports/orders-1003.csv', 'srv/app/data/exports/orders-1004.csv', 'srv/app/data/exportsx/other.csv'],
    });
  }, 120_000);

  it('in development, an S3 server that is not running is one line, without the credentials of its URL', async () => {
    const port = await freePort();
    const environment = { ...quietSdk, S3_ENDPOINT: `http://minio:s3cr3t-pw@127.0.0.1:${port}`, S3_BUCKET: 'uploads', NODE_ENV: 'development' };
    const run = await project.run('unreachable.ts', { ...environment, ...credentials }, 30_000);
    expect({ status: run.status, output: run.output }).toEqual({
      status: 0,
      output: `[s3] cannot reach http://minio:***@127.0.0.1:${port} (ECONNREFUSED) — start one: docker run -p ${port}:9000 minio/minio server /data, and create the bucket uploads\n`,
    });
    const withoutCredentials = await project.run('unreachable.ts', { ...environment, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: 'none-such' }, 30_000);
    expect(withoutCredentials.output).toBe(`[s3] no credentials for http://minio:***@127.0.0.1:${port}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\n`);
  });

  it('in production, the same line without the advice', async () => {
    const port = await freePort();
    const run = await project.run('unreachable.ts', { ...quietSdk, ...credentials, S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_BUCKET: 'uploads', NODE_ENV: 'production' }, 30_000);
    expect(run.output).toBe(`[s3] cannot reach http://127.0.0.1:${port} (ECONNREFUSED)\n`);
  });
});
