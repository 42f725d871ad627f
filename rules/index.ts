/** Every rule of the plugin, by catalog id. */
import type { CheckId } from '../src/catalog.js';
import noLocalFileWrite from './no-local-file-write.js';
import noLocalRealtimeState from './no-local-realtime-state.js';
import noMemoryRateLimit from './no-memory-rate-limit.js';
import noMemorySessionStore from './no-memory-session-store.js';
import noModuleState from './no-module-state.js';
import noProcessCache from './no-process-cache.js';
import noTimersInWebProcess from './no-timers-in-web-process.js';

export const rules = {
  'no-memory-session-store': noMemorySessionStore,
  'no-module-state': noModuleState,
  'no-process-cache': noProcessCache,
  'no-local-file-write': noLocalFileWrite,
  'no-timers-in-web-process': noTimersInWebProcess,
  'no-memory-rate-limit': noMemoryRateLimit,
  'no-local-realtime-state': noLocalRealtimeState,
} satisfies Record<CheckId, unknown>;
