/** Everything we know about libraries and frameworks, as data. */
export * from './types.js';
export * from './sessions.js';
export * from './caches.js';
export * from './files.js';
export * from './jobs.js';
export * from './realtime.js';
export * from './counters.js';
export * from './frameworks.js';
export * from './processes.js';
export * from './entries.js';
export * from './state-classification.js';
export * from './module-names.js';
export * from './containers.js';
export * from './browser.js';

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
