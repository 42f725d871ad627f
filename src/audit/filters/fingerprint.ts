/** Fingerprints that survive unrelated edits: they hash what is flagged, not where it is. */
import { createHash, type Hash } from 'node:crypto';

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

/**
 * The fingerprints of a run's findings, in the order they are asked for: fingerprint() with the occurrence counted
 * per rule, file and text. Each file is split into lines once and each flagged line normalized once, and the hash
 * of rule, file and text is taken once per rule and line, then copied for each occurrence: on a minified file of
 * a few long lines, a split and a hash of the whole line per finding made the audit quadratic.
 */
export function createFingerprints(texts: ReadonlyMap<string, string>): { next(ruleId: string, file: string, line: number): string } {
  const snippets = new Map<string, { lines: string[]; byLine: Map<number, { snippet: string; id: number }>; ids: Map<string, number> }>();
  const counted = new Map<string, { state: Hash; occurrences: number }>();
  const snippetOf = (file: string, line: number) => {
    let known = snippets.get(file);
    if (!known) {
      known = { lines: (texts.get(file) ?? '').split(/\r?\n/), byLine: new Map(), ids: new Map() };
      snippets.set(file, known);
    }
    let found = known.byLine.get(line);
    if (!found) {
      const snippet = (known.lines[line - 1] ?? '').trim().replace(/\s+/g, ' ');
      // Identical lines share an id, so that their findings count as occurrences of one text.
      let id = known.ids.get(snippet);
      if (id === undefined) known.ids.set(snippet, (id = known.ids.size));
      found = { snippet, id };
      known.byLine.set(line, found);
    }
    return found;
  };
  return {
    next(ruleId, file, line) {
      const { snippet, id } = snippetOf(file, line);
      const key = `${ruleId}\0${file}\0${id}`;
      let entry = counted.get(key);
      if (!entry) {
        entry = { state: createHash('sha256').update(`${ruleId}\0${file}\0${snippet}`), occurrences: 0 };
        counted.set(key, entry);
      }
      // The same bytes as fingerprint(ruleId, file, snippet, occurrence) hashes.
      return entry.state.copy().update(`\0${entry.occurrences++}`).digest('hex').slice(0, 32);
    },
  };
}
