/** Which check hand-rolled state belongs to, by what its name and shape reveal. Shared by the rules and the audit. */
import type { CheckMessage } from '../catalog.js';
import { counterStateNames, lockStateNames } from './counters.js';
import { connectionStateNames, connectionStateNamesNearRealtime } from './realtime.js';
import { sessionStateNames } from './sessions.js';

/** `container`: Map/Set/array/object; `counter`: a number bumped with ++/+=; `flag`: a boolean switched; `binding`: anything reassigned. */
export type StateShape = 'container' | 'counter' | 'flag' | 'binding';

/**
 * Sessions, connection registries, locks and counters by name (and counters/flags by shape); everything else
 * is a cache. `nearRealtime`: the file imports a realtime library; `owned`: a class field, not a module binding.
 */
export function classifyState(name: string, shape: StateShape, nearRealtime: boolean, owned: boolean): CheckMessage {
  const named = (patterns: readonly RegExp[]) => patterns.some((pattern) => pattern.test(name));
  if (named(sessionStateNames.names)) return sessionStateNames;
  if (named(connectionStateNames.names) || (nearRealtime && named(connectionStateNamesNearRealtime))) return connectionStateNames;
  if (shape === 'flag' || named(lockStateNames.names)) return lockStateNames;
  if (shape === 'counter' || named(counterStateNames.names)) return counterStateNames;
  return { check: 'no-module-state', messageId: owned ? 'providerState' : 'moduleState' };
}
