/** Every library pattern in one list, and the rows by id: how codemods and tools name a row. */
import { processCachePatterns } from './caches.js';
import { counterPatterns } from './counters.js';
import { localFilePatterns } from './files.js';
import { timerPatterns } from './jobs.js';
import { realtimePatterns } from './realtime.js';
import { sessionPatterns } from './sessions.js';
import type { LibraryPattern } from './types.js';

/** Every library pattern, for tools that look at all checks at once (the audit, docs). */
export const allLibraryPatterns: readonly LibraryPattern[] = [
  ...sessionPatterns,
  ...processCachePatterns,
  ...localFilePatterns,
  ...timerPatterns,
  ...realtimePatterns,
  ...counterPatterns,
];

const byId = new Map(allLibraryPatterns.map((pattern) => [pattern.id, pattern]));

/** The rows with these ids, in the order given. An id no table has throws: a codemod must not silently match nothing. */
export function patternsById(ids: readonly string[]): LibraryPattern[] {
  return ids.map((id) => {
    const pattern = byId.get(id);
    if (!pattern) throw new Error(`src/knowledge has no library pattern with id '${id}'`);
    return pattern;
  });
}
