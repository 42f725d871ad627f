/**
 * The generated Redis adapter against a real redis-server: it connects on first use, not on import; an
 * unreachable Redis is one line, not a stack trace per retry; a password never reaches the log; keys begin
 * with the app's name.
 */
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterProject } from '../../../src/test-support/adapter-project.js';
import { freePort } from '../../../src/test-support/app-process.js';
import { startRedis, type RunningRedis } from '../../../src/test-support/services.js';

const project = adapterProject('redis-adapter', ['redis', 'shared-cache'], {
  // Imports what a migrated app imports and never touches Redis: nothing may keep it running.
  'import-only.ts': `import { redis, createSubscriber } from './stateless/redis.js';
import { SharedCache } from './stateless/shared-cache.js';

new SharedCache<number>('prices');
createSubscriber();
console.log(JSON.stringify({ open: redis.isOpen }));
`,
  'first-use.ts': `import { redis, ensureRedis, createSubscriber } from './stateless/redis.js';
import { SharedCache } from './stateless/shared-cache.js';

const prices = new SharedCache<number>('prices');
const subscriber = createSubscriber();
let hear!: (text: string) => void;
const heard = new Promise<string>((resolve) => (hear = resolve));
await subscriber.subscribe('news', (text: string) => hear(text));
await prices.set('p1', 12);
const connected = await ensureRedis();
await redis.publish('news', 'hello');
console.log(JSON.stringify({ open: redis.isOpen, same: connected === redis, price: await prices.get('p1'), heard: await heard }));
await Promise.all([redis.close(), subscriber.close()]);
`,
  // Waits on a Redis that is not there, as a developer's first start does.
  'unreachable.ts': `import { redis, createSubscriber } from './stateless/redis.js';

void redis.get('a').catch(() => undefined);
void redis.get('b').catch(() => undefined);
void createSubscriber().subscribe('news', () => undefined).catch(() => undefined);
await new Promise((resolve) => setTimeout(resolve, 3_000));
process.exit(0);
`,
});

let server: RunningRedis;
beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await server?.stop();
});

describe('the generated redis adapter', () => {
  it('opens no connection on import: a program that never uses Redis ends by itself', async () => {
    const run = await project.run('import-only.ts', { REDIS_URL: server.url }, 15_000);
    expect({ status: run.status, output: run.output }).toEqual({ status: 0, output: '{"open":false}\n' });
  });

  it('connects on the first command; the subscriber and ensureRedis() too; keys begin with the app name', async () => {
    const run = await project.run('first-use.ts', { REDIS_URL: server.url }, 20_000);
    expect({ status: run.status, output: run.output }).toEqual({ status: 0, output: '{"open":true,"same":true,"price":12,"heard":"hello"}\n' });
    const client = createClient({ url: server.url });
    await client.connect();
    try {
      expect(await client.keys('*prices*')).toEqual(['shop:cache:prices:p1']);
    } finally {
      await client.close();
    }
  });

  it('in development, a Redis that is not running is one line saying what to start, however many retries', async () => {
    const port = await freePort();
    const run = await project.run('unreachable.ts', { REDIS_URL: `redis://127.0.0.1:${port}`, NODE_ENV: 'development' }, 20_000);
    expect(run.output).toBe(
      `[redis] cannot reach redis://127.0.0.1:${port} (ECONNREFUSED) — start one: docker run -p ${port}:6379 redis, or redis-server --port ${port}; retrying in the background\n`,
    );
  });

  it('in production, the same line without the advice', async () => {
    const port = await freePort();
    const run = await project.run('unreachable.ts', { REDIS_URL: `redis://127.0.0.1:${port}`, NODE_ENV: 'production' }, 20_000);
    expect(run.output).toBe(`[redis] cannot reach redis://127.0.0.1:${port} (ECONNREFUSED); retrying in the background\n`);
  });

  it('never prints the password of REDIS_URL: not for a URL it cannot parse, nor for one Redis refuses', async () => {
    const invalid = await project.run('import-only.ts', { REDIS_URL: 'redis://admin:s3cr3t-pw@127.0.0.1:port/0' }, 15_000);
    expect(invalid.status).not.toBe(0);
    expect(invalid.output).toContain('Error: REDIS_URL is not a valid Redis URL (redis://admin:***@127.0.0.1:port/0): Invalid URL');
    expect(invalid.output).not.toContain('s3cr3t');

    const refused = await project.run('unreachable.ts', { REDIS_URL: `redis://admin:s3cr3t-pw@127.0.0.1:${server.port}` }, 20_000);
    expect(refused.output).toMatch(new RegExp(`^\\[redis\\] redis://admin:\\*\\*\\*@127\\.0\\.0\\.1:${server.port}: WRONGPASS [^\\n]*; retrying\\n$`));
    expect(refused.output).not.toContain('s3cr3t');
  });
});
