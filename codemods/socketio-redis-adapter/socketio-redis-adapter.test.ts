import { describe, expect, it } from 'vitest';
import { skipMessage } from '../kit/skip.js';
import { runCodemod } from '../kit/run.js';
import { describeCodemodFixtures } from '../../src/test-support/codemod-fixtures.js';
import { socketioRedisAdapter } from './index.js';

describeCodemodFixtures(socketioRedisAdapter);

function migrate(source: string, file = '/project/src/realtime.ts') {
  return runCodemod(socketioRedisAdapter, { file, source, adapterDir: '/project/src/stateless', packageType: 'module' });
}

describe('socketio-redis-adapter details', () => {
  it('leaves a server whose field gets `.adapter(…)` later alone', () => {
    const source = [
      "import { Server } from 'socket.io';",
      "import { createAdapter } from '@socket.io/redis-adapter';",
      'export class Realtime {',
      '  io = new Server(3000);',
      '  useRedis(pub: unknown, sub: unknown) {',
      '    this.io.adapter(createAdapter(pub, sub));',
      '  }',
      '}',
      '',
    ].join('\n');
    const outcome = migrate(source);
    expect(outcome.source).toBe(source);
    expect(outcome.skips).toEqual([]);
  });

  it('creates the options object of a server made without arguments', () => {
    const outcome = migrate(["import { Server } from 'socket.io';", 'export const io = new Server();', ''].join('\n'));
    expect(outcome.source).toContain('export const io = new Server({ adapter: createAdapter(redis, createSubscriber()) });');
    expect(outcome.changes.map((change) => change.line)).toEqual([2]);
  });

  it('skips options that spread other options, which may hold an adapter', () => {
    const outcome = migrate(["import { Server } from 'socket.io';", "import { base } from './base.js';", 'export const io = new Server(8080, { ...base });', ''].join('\n'));
    expect(outcome.changes).toEqual([]);
    expect(outcome.skips.map((skip) => [skip.line, skip.reason])).toEqual([[3, 'socketio-adapter-unknown']]);
    expect(skipMessage(outcome.skips[0]!)).toContain('spread in other options');
  });

  it('picks free names when the file already uses `redis`', () => {
    const outcome = migrate(["import { Server } from 'socket.io';", "const redis = 'not the client';", 'export const io = new Server(3000);', 'export { redis };', ''].join('\n'));
    expect(outcome.source).toContain("import { redis as redis2, createSubscriber } from './stateless/redis.js';");
    expect(outcome.source).toContain('new Server(3000, { adapter: createAdapter(redis2, createSubscriber()) })');
  });

  it('rewrites TSX files too', () => {
    const outcome = migrate(["import { Server } from 'socket.io';", 'export const io = new Server({ cors: { origin: "*" } });', 'export const view = <div />;', ''].join('\n'), '/project/src/page.tsx');
    expect(outcome.source).toContain('adapter: createAdapter(redis, createSubscriber())');
  });
});
