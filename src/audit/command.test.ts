import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stateless-cli-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function stateless(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli.ts'), ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cleanProject(): string {
  const dir = fs.mkdtempSync(path.join(work, 'clean-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/server.ts'), "import express from 'express';\nexpress().listen(3000);\n");
  return dir;
}

describe('stateless audit', () => {
  it('exits 1 with findings and prints the text report grouped by checklist item', () => {
    const { code, stdout, stderr } = stateless('audit', 'fixtures/apps/express-shop');
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain('sessions — Sessions live in a shared store, not in process memory (1)');
    expect(stdout).toContain('  src/app.ts:21:11  stateless/no-memory-session-store');
    expect(stdout).toContain('evidence: src/server.ts:21 web process entry: calls httpServer.listen()');
    expect(stdout).toContain('fix: stateless migrate --codemod session-redis');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('✖ 12 findings in 11 of 19 files');
  });

  it('exits 0 on a clean project', () => {
    const { code, stdout } = stateless('audit', cleanProject());
    expect(code).toBe(0);
    expect(stdout).toContain('✔ no findings in 1 file');
  });

  it('writes JSON with the documented schema to --output', () => {
    const output = path.join(work, 'report.json');
    const { code, stdout } = stateless('audit', 'fixtures/apps/express-shop', '--format', 'json', '--output', output);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const report = JSON.parse(fs.readFileSync(output, 'utf8'));
    expect(Object.keys(report)).toEqual(['version', 'root', 'processes', 'summary', 'findings', 'diagnostics']);
    expect(report.version).toBe(1);
    expect(Object.keys(report.findings[0])).toEqual(['ruleId', 'category', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'remedy', 'codemod', 'evidence', 'fingerprint']);
  });

  it('writes SARIF 2.1.0 that validates against the official schema', () => {
    const { code, stdout } = stateless('audit', 'fixtures/apps/express-shop', '--format', 'sarif');
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ schemaId: 'id', allErrors: true, logger: false });
    ajv.addMetaSchema(JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/ajv/lib/refs/json-schema-draft-04.json'), 'utf8')));
    const valid = ajv.validate(schema, sarif);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run = sarif.runs[0];
    expect(run.tool.driver.rules).toHaveLength(7);
    expect(run.results).toHaveLength(12);
    expect(run.results[0].partialFingerprints['statelessFingerprint/v1']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('writes a baseline with --update-baseline, after which the audit is clean', () => {
    const baseline = path.join(work, 'baseline.json');
    const update = stateless('audit', 'fixtures/apps/express-shop', '--baseline', baseline, '--update-baseline');
    expect(update.code).toBe(0);
    expect(update.stderr).toContain('wrote 12 finding(s)');
    const again = stateless('audit', 'fixtures/apps/express-shop', '--baseline', baseline, '--format', 'json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).summary.baselined).toBe(12);
  });

  it('exits 2 on usage errors, with a message and no stack trace', () => {
    for (const args of [['--format', 'xml'], ['--category', 'sessionz'], ['--update-baseline'], ['--no-such-flag'], ['does/not/exist']]) {
      const { code, stderr } = stateless('audit', ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^stateless audit: /);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});
