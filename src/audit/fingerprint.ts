/** Fingerprints that survive unrelated edits: they hash what is flagged, not where it is. */
import { createHash } from 'node:crypto';

/** The flagged line's text with white space folded, so re-indenting does not change a fingerprint. */
export function normalizedLine(text: string, line: number): string {
  return (text.split(/\r?\n/)[line - 1] ?? '').trim().replace(/\s+/g, ' ');
}

/**
 * Hash of rule, file and flagged text, plus the occurrence number among identical (rule, file, text) findings,
 * so that two identical lines in one file keep distinct fingerprints.
 */
export function fingerprint(ruleId: string, file: string, snippet: string, occurrence: number): string {
  return createHash('sha256').update(`${ruleId}\0${file}\0${snippet}\0${occurrence}`).digest('hex').slice(0, 32);
}
