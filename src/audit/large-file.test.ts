// One large minified-style file (bench/generate-large-file.ts; bench/large-file.ts times 100 KB to 1 MB): the audit
// reports exactly the findings planted in it, each with its evidence chain and the fingerprint fingerprint() gives.
import { describe, expect, it } from 'vitest';
import { generateExportedState, generateLargeFile } from '../../bench/generate-large-file.js';
import { tempProject } from '../test-support/temp-project.js';
import { audit } from './audit.js';
import { fingerprint, normalizedLine } from './fingerprint.js';

const file = 'src/generated/app.bundle.js';

describe('a 100 KB minified-style file', () => {
  it('gets exactly the planted findings, with their evidence and fingerprints', async () => {
    const generated = generateLargeFile(100_000);
    expect(generated.text.split('\n').length).toBeLessThan(5);
    const result = await audit({ paths: [tempProject({ [file]: generated.text })] });
    expect(result.diagnostics).toEqual([]);
    expect(result.processes).toEqual([{ kind: 'web', entry: file, line: 2, reason: 'calls app.listen()' }]);
    expect(result.findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`)).toEqual(generated.findings);

    const lines = generated.text.split('\n');
    const occurrences = new Map<string, number>();
    for (const finding of result.findings) {
      const at = lines[finding.line - 1]!.slice(finding.column - 1);
      const unit = /^(?:[ch](\d+)|fs\.writeFileSync\("\/tmp\/upload-(\d+))/.exec(at);
      const i = unit?.[1] ?? unit?.[2];
      const notes = finding.evidence.map((step) => `${step.file}:${step.line} ${step.note}`);
      const site = `${file}:${finding.line} ${finding.evidence.at(-1)!.note}`;
      if (finding.ruleId === 'no-module-state') expect(notes).toEqual([`${file}:1 GET /r${i} handler`, `${file}:1 calls s${i}()`, `${file}:1 changes c${i}`, site]);
      else if (finding.ruleId === 'no-timers-in-web-process') expect(notes).toEqual([`${file}:2 web process entry: calls app.listen()`, site]);
      else if (finding.ruleId === 'no-local-file-write') expect(notes).toEqual([`${file}:1 GET /r${i} handler`, `${file}:1 calls w${i}()`, `${file}:1 fs.writeFileSync() writes to the local disk`]);
      else expect(notes).toEqual([`${file}:1 USE handler`, `${file}:1 changes h${i}`, site]);

      const snippet = normalizedLine(generated.text, finding.line);
      const key = `${finding.ruleId}\0${snippet}`;
      const occurrence = occurrences.get(key) ?? 0;
      occurrences.set(key, occurrence + 1);
      expect(finding.fingerprint).toBe(fingerprint(finding.ruleId, file, snippet, occurrence));
    }
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
