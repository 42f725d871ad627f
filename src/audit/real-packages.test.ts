/**
 * The audit on real code: the servers, frameworks and libraries in this repository's node_modules (Express,
 * Fastify and its plugins, NestJS, Next.js's server, Hono, socket.io, ws, BullMQ, the Redis client, RxJS's
 * TypeScript sources, …), about 3,000 files in one run. It must finish, and whatever it could not use must be a
 * diagnostic of one line, never a crash of its own (an `internal-error`).
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { audit } from './audit.js';

const nodeModules = fileURLToPath(new URL('../../node_modules', import.meta.url));

// Compiled packages keep their code in dist/ or build/, which the audit skips below a folder it is given.
const folders = [
  'express',
  'express-session',
  'multer',
  'fastify',
  '@fastify',
  '@nestjs',
  'next/dist/server',
  'hono/dist',
  'socket.io/dist',
  '@socket.io/redis-adapter/dist',
  'engine.io/build',
  'ws',
  'bullmq/dist',
  '@redis/client/dist',
  'rate-limiter-flexible',
  'lru-cache/dist',
  'node-cron/dist',
  'cron/dist',
  'rxjs/src',
  // With files the audit cannot use: a syntax error (a test fixture), a binary file, files over 1 MB.
  'pino',
  'fast-uri',
  'typescript/lib',
];

it('audits about 3,000 files of real servers and libraries; every problem is a one-line diagnostic', { timeout: 20 * 60_000 }, async () => {
  const started = performance.now();
  const result = await audit({ paths: folders, cwd: nodeModules });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const byCode = new Map<string, number>();
  for (const { code } of result.diagnostics) byCode.set(code, (byCode.get(code) ?? 0) + 1);
  const codes = [...byCode].map(([code, count]) => `${code} ${count}`);
  console.log(`audited ${result.summary.files} files in ${seconds} s: ${result.summary.total} findings, ${result.processes.length} processes, diagnostics: ${codes.join(', ') || 'none'}`);

  expect(result.summary.files).toBeGreaterThanOrEqual(2_500);
  expect(result.diagnostics.filter((diagnostic) => diagnostic.code === 'internal-error')).toEqual([]);
  expect(result.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.file}`)).toEqual(
    expect.arrayContaining([
      'syntax-error pino/test/fixtures/syntax-error-esm.mjs',
      'binary-file fast-uri/test/security-utf8-encoding.test.js',
      'file-too-large typescript/lib/_tsc.js',
      'file-too-large typescript/lib/typescript.js',
    ]),
  );
  for (const diagnostic of result.diagnostics) {
    expect(diagnostic.message, diagnostic.code).toMatch(/^\S[^\n]*$/);
  }
  for (const finding of result.findings) {
    expect(finding.line, finding.file).toBeGreaterThanOrEqual(1);
    expect(finding.message, finding.file).toMatch(/^\S[^\n]*$/);
  }
});
