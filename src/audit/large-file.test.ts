// One large generated file (bench/generate-large-file.ts; bench/large-file.ts times 100 KB to 1 MB): the audit
// reports exactly the findings planted in it, each with its evidence chain and the fingerprint fingerprint() gives;
// the same code minified is not source, and is skipped with one diagnostic.
import { describe, expect, it } from 'vitest';
import { generateExportedState, generateLargeFile } from '../../bench/generate-large-file.js';
import { tempProject } from '../test-support/temp-project.js';
import { audit } from './audit.js';
import { fingerprint, normalizedLine } from './filters/fingerprint.js';

const file = 'src/generated/app.js';

describe('a 100 KB generated file, one statement per line', () => {
  it('gets exactly the planted findings, with their evidence and fingerprints', async () => {
    const generated = generateLargeFile(100_000, 0);
    const lines = generated.text.split('\n');
    expect(lines.length).toBeGreaterThan(1000);
    const lineWith = (needle: string) => `${file}:${lines.findIndex((line) => line.includes(needle)) + 1}`;
    const result = await audit({ paths: [tempProject({ [file]: generated.text })] });
    expect(result.diagnostics).toEqual([]);
    expect(result.processes).toEqual([{ kind: 'web', entry: file, line: lines.indexOf('app.listen(3000);') + 1, reason: 'calls app.listen()' }]);
    expect(result.findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`)).toEqual(generated.findings);

    const occurrences = new Map<string, number>();
    for (const finding of result.findings) {
      const at = lines[finding.line - 1]!.slice(finding.column - 1);
      const unit = /^(?:[ch](\d+)|fs\.writeFileSync\("\/tmp\/upload-(\d+))/.exec(at);
      const i = unit?.[1] ?? unit?.[2];
      const notes = finding.evidence.map((step) => `${step.file}:${step.line} ${step.note}`);
      const site = `${file}:${finding.line} ${finding.evidence.at(-1)!.note}`;
      const route = lineWith(`app.get("/r${i}",`);
      if (finding.ruleId === 'no-module-state') expect(notes).toEqual([`${route} GET /r${i} handler`, `${route} calls s${i}()`, `${lineWith(`function s${i}(`)} changes c${i}`, site]);
      else if (finding.ruleId === 'no-timers-in-web-process') expect(notes).toEqual([`${lineWith('app.listen(3000);')} web process entry: calls app.listen()`, site]);
      else if (finding.ruleId === 'no-local-file-write') expect(notes).toEqual([`${route} GET /r${i} handler`, `${route} calls w${i}()`, `${lineWith(`function w${i}(`)} fs.writeFileSync() writes to the local disk`]);
      else expect(notes).toEqual([`${lineWith(`{h${i}++`)} USE handler`, `${lineWith(`{h${i}++`)} changes h${i}`, site]);

      const snippet = normalizedLine(generated.text, finding.line);
      const key = `${finding.ruleId}\0${snippet}`;
      const occurrence = occurrences.get(key) ?? 0;
      occurrences.set(key, occurrence + 1);
      expect(finding.fingerprint).toBe(fingerprint(finding.ruleId, file, snippet, occurrence));
    }
  });
});

describe('the same code minified', () => {
  it('is skipped with a minified-file diagnostic before it is parsed; the other files are audited', async () => {
    const generated = generateLargeFile(100_000);
    expect(generated.text.split('\n').length).toBeLessThan(5);
    const server = "import express from 'express';\nconst app = express();\nconst carts = new Map();\napp.post('/cart', (req, res) => { carts.set(req.query.id, req.query.item); res.end(); });\napp.listen(3000);\n";
    const result = await audit({ paths: [tempProject({ 'public/app.bundle.js': generated.text, 'src/server.js': server })] });
    expect(result.diagnostics.map((diagnostic) => `${diagnostic.severity} ${diagnostic.code} ${diagnostic.file}`)).toEqual(['info minified-file public/app.bundle.js']);
    expect(result.diagnostics[0]!.message).toMatch(/^public\/app\.bundle\.js: skipped, minified or bundled code \(lines of \d+ characters on average\)/);
    expect(result.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual(['src/server.js:3 no-module-state']);
  });

  it('keeps a small file of one long line, and a file of normal lines with one long literal', async () => {
    const config = `module.exports = {${Array.from({ length: 100 }, (_, i) => `k${i}: ${i}`).join(', ')}};`;
    const longLiteral = `const logo = '${'A'.repeat(20_000)}';\n${Array.from({ length: 400 }, (_, i) => `export const v${i} = ${i};`).join('\n')}\n`;
    const result = await audit({ paths: [tempProject({ 'src/config.js': config, 'src/logo.js': longLiteral })] });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.code === 'minified-file')).toEqual([]);
  });
});

describe('a module of 1,000 exported Maps and the routes of another file that change them', () => {
  it('gets a finding on each Map, with the route that changes it as evidence', async () => {
    const generated = generateExportedState(1000);
    const result = await audit({ paths: [tempProject(generated.files)] });
    expect(result.diagnostics).toEqual([]);
    expect(result.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`)).toEqual(generated.findings);
    const line = (i: number) => 1001 + 1 + i * 4 + 1;
    expect(result.findings.map((finding) => finding.evidence.map((step) => `${step.file}:${step.line} ${step.note}`))).toEqual(
      Array.from({ length: 1000 }, (_, i) => [`src/server.ts:${line(i)} GET /r${i} handler`, `src/server.ts:${line(i) + 1} changes c${i}`, `src/store.ts:${i + 1} c${i} is declared at module level`]),
    );
  });
});
