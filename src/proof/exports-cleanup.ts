/**
 * After the migration the exports live in the bucket, and the cleanup job runs in the worker: an export made
 * through an instance must be deleted from the bucket by that job once it is older than the maximum age.
 */
import { ListObjectsCommand, S3Client } from '@aws-sdk/client-s3';
import type { Cluster } from '../test-support/cluster.js';
import type { RunningS3 } from '../test-support/services.js';
import { ShopUser } from './shop-user.js';

/** The keys under `prefix` in the proof's bucket, read with a client of its own. */
async function keysUnder(s3: RunningS3, prefix: string): Promise<string[]> {
  const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  try {
    const keys: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await client.send(new ListObjectsCommand({ Bucket: s3.bucket, Prefix: prefix, Marker: marker }));
      keys.push(...(page.Contents ?? []).map((object) => object.Key!));
      if (!page.IsTruncated || keys.length === 0) return keys;
      marker = keys.at(-1);
    }
  } finally {
    client.destroy();
  }
}

export interface ExportCleanup {
  /** The export's key, found in the bucket right after the download. */
  stored: string[];
  /** Whether it was gone within the deadline, and after how long. */
  deleted: boolean;
  ms: number;
}

/**
 * Downloads an orders export through `instance`, finds the new object under `prefix` (the instance's exports
 * folder as a key), then waits up to `deadlineMs` for the cleanup job to delete it.
 */
export async function exportCleanup(cluster: Cluster, s3: RunningS3, prefix: string, instance: number, deadlineMs: number): Promise<ExportCleanup> {
  const admin = new ShopUser(cluster.url, 'admin');
  await admin.login(instance);
  const before = new Set(await keysUnder(s3, prefix));
  const started = Date.now();
  const exported = await admin.send('GET', '/orders/export.csv', { instance });
  if (exported.status !== 200) throw new Error(`the export answered ${exported.status}`);
  const stored = (await keysUnder(s3, prefix)).filter((key) => !before.has(key));
  while (Date.now() - started < deadlineMs) {
    const left = await keysUnder(s3, prefix);
    if (stored.length > 0 && stored.every((key) => !left.includes(key))) return { stored, deleted: true, ms: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { stored, deleted: false, ms: Date.now() - started };
}
