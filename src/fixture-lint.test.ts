// The ESLint rules over the fixture shop: every deliberately stateful line is found, in its category, and no look-alike.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { checks, type CheckId } from './catalog.js';
import plugin from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** `file:line rule (category)` for every finding in an app, sorted. */
function lintApp(app: string): string[] {
  const appDir = path.join(repoRoot, 'fixtures/apps', app);
  const linter = new Linter({ configType: 'flat', cwd: appDir });
  const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs.recommended];
  return sourceFiles(appDir).flatMap((file) => {
    const relative = path.relative(appDir, file).split(path.sep).join('/');
    const messages = linter.verify(fs.readFileSync(file, 'utf8'), config, file);
    return messages.map((message) => {
      expect(message.fatal, `${relative}: ${message.message}`).toBeFalsy();
      const id = message.ruleId!.replace('stateless/', '') as CheckId;
      return `${relative}:${message.line} ${id} (${checks[id].category})`;
    });
  }).sort();
}

describe('ESLint rules on fixtures/apps/express-shop', () => {
  it('report exactly the stateful lines', () => {
    expect(lintApp('express-shop')).toEqual([
      'src/app.ts:21 no-memory-session-store (sessions)',
      'src/jobs/cleanup.ts:15 no-timers-in-web-process (jobs)',
      'src/jobs/nightly-report.ts:7 no-timers-in-web-process (jobs)',
      'src/lib/avatars.ts:7 no-module-state (caches)',
      'src/lib/chat.ts:3 no-local-realtime-state (realtime)',
      'src/lib/products.ts:10 no-process-cache (caches)',
      'src/lib/products.ts:9 no-module-state (caches)',
      'src/lib/stats.ts:3 no-memory-rate-limit (counters)',
      'src/routes/auth.ts:6 no-memory-rate-limit (counters)',
      'src/routes/avatar.ts:8 no-local-file-write (files)',
      'src/routes/orders.ts:12 no-local-file-write (files)',
      'src/server.ts:15 no-local-realtime-state (realtime)',
    ]);
  });
});
