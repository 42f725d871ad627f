// The editor and CI agree: on every fixture app, each finding of the ESLint rules is also a finding of the
// audit (same file, line and rule) — except in code only a worker loads, which the audit knows is not the web process.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { audit } from './audit.js';
import { loadProject } from './load/parse.js';
import { buildModuleGraph } from './program/module-graph.js';
import { findProcesses } from './program/processes.js';
import { collectSourceFiles } from './load/source-files.js';

const appsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/apps');
const apps = fs.readdirSync(appsDir).filter((name) => fs.statSync(path.join(appsDir, name)).isDirectory());

function ruleFindings(appDir: string): string[] {
  const linter = new Linter({ configType: 'flat', cwd: appDir });
  const config: Linter.Config[] = [{ files: ['**/*.{ts,tsx,js,jsx,mjs,cjs}'], languageOptions: { parser: tsParser } }, plugin.configs.recommended];
  return collectSourceFiles(appDir, [appDir], [], []).flatMap((file) =>
    linter.verify(file.text, config, file.path).filter((message) => message.ruleId).map((message) => `${file.relative}:${message.line} ${message.ruleId!.replace('stateless/', '')}`),
  );
}

describe('the audit reports at least what the rules report', () => {
  it.each(apps)('%s', async (app) => {
    const appDir = path.join(appsDir, app);
    const result = await audit({ paths: [appDir] });
    const workerOnly = workerOnlyFiles(appDir);
    const fromAudit = new Set(result.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`));
    const fromRules = ruleFindings(appDir).filter((finding) => !workerOnly.has(finding.split(':')[0]!));
    expect(fromRules.length).toBeGreaterThan(0);
    expect(fromRules.filter((finding) => !fromAudit.has(finding))).toEqual([]);
  });
});

/** Files only a worker loads, as the audit's process stage sees them. */
function workerOnlyFiles(appDir: string): Set<string> {
  const loaded = loadProject({ paths: [appDir] });
  return findProcesses(loaded, buildModuleGraph(loaded), () => false, []).workerOnly;
}
