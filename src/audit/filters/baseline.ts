/** The baseline: findings a team has accepted, by fingerprint, so CI fails only on new ones. */
import fs from 'node:fs';
import { writeOutputFile } from '../../output-file.js';
import type { Diagnostic, Finding } from '../model.js';

export const BASELINE_VERSION = 1;

interface BaselineFile {
  version: number;
  findings: { fingerprint: string; ruleId: string; file: string; line: number }[];
}

/** Fingerprints in a baseline file; a missing file is an empty baseline, a broken one a diagnostic. */
export function readBaseline(file: string, diagnostics: Diagnostic[]): Set<string> {
  if (!fs.existsSync(file)) {
    diagnostics.push({ severity: 'info', code: 'missing-baseline', file, message: `${file}: no baseline yet; every finding counts (write one with --update-baseline)` });
    return new Set();
  }
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as BaselineFile;
    if (parsed.version !== BASELINE_VERSION || !Array.isArray(parsed.findings)) throw new Error(`expected { "version": ${BASELINE_VERSION}, "findings": [...] }`);
    return new Set(parsed.findings.map((finding) => finding.fingerprint).filter((print) => typeof print === 'string'));
  } catch (error) {
    diagnostics.push({ severity: 'error', code: 'broken-baseline', file, message: `${file}: cannot be read as a baseline (${(error as Error).message}); every finding counts` });
    return new Set();
  }
}

/** Writes the findings as the new baseline, sorted so that the file diffs well; OutputFileError when it cannot. */
export function writeBaseline(file: string, findings: readonly Finding[]): void {
  const entries = findings
    .map(({ fingerprint, ruleId, file: path, line }) => ({ fingerprint, ruleId, file: path, line }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId));
  const content: BaselineFile = { version: BASELINE_VERSION, findings: entries };
  writeOutputFile(file, `${JSON.stringify(content, null, 2)}\n`);
}
