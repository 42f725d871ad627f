import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionRedis } from '../session-redis/index.js';
import { tempProject } from '../../src/test-support/temp-project.js';
import { appNameOf, keyName } from './app-name.js';
import { runCodemod } from './run.js';

describe('app names in Redis keys', () => {
  it('makes a package name a key name', () => {
    expect(keyName('express-shop')).toBe('express-shop');
    expect(keyName('@acme/Web Shop')).toBe('acme-web-shop');
    expect(keyName("shop's:app\r\n")).toBe('shop-s-app');
    expect(keyName('@@@')).toBe('');
  });

  it('reads the nearest package.json, else its folder, else `app`', () => {
    const root = tempProject({
      'package.json': JSON.stringify({ name: '@acme/monorepo', private: true }),
      'packages/web/package.json': '\uFEFF{ "name": "@acme/web" }',
      'packages/web/src/app.ts': '',
      'packages/My Tool/package.json': '{ "private": true }',
      'packages/My Tool/index.js': '',
      'packages/broken/package.json': '{ name: ',
      'packages/broken/index.js': '',
    });
    expect(appNameOf(path.join(root, 'packages/web/src/app.ts'))).toBe('acme-web');
    expect(appNameOf(path.join(root, 'packages/web/package.json'))).toBe('acme-web');
    expect(appNameOf(path.join(root, 'src/server.ts'))).toBe('acme-monorepo');
    expect(appNameOf(path.join(root, 'packages/My Tool/index.js'))).toBe('my-tool');
    expect(appNameOf(path.join(root, 'packages/broken/index.js'))).toBe('broken');
    expect(appNameOf('/nowhere/at/all/file.ts')).toBe('app');
  });

  it('a codemod run on its own names keys after the package the file is in', () => {
    const root = tempProject({ 'package.json': JSON.stringify({ name: 'billing-api', type: 'module' }) });
    const source = "import session from 'express-session';\n\nexport const sessions = session({ secret: 's' });\n";
    const outcome = runCodemod(sessionRedis, { file: path.join(root, 'src/app.ts'), source, adapterDir: path.join(root, 'src/stateless') });
    expect(outcome.source).toContain("store: new RedisStore({ client: redis, prefix: 'billing-api:sess:' })");
  });
});
