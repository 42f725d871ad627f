/**
 * What the check reports that this codemod leaves alone: limiters with no safe rewrite onto the node-redis
 * client, in-process locks, and hand-rolled counters and flags. Each gets a skip with what to do instead.
 */
import type { Collection, JSCodeshift } from 'jscodeshift';
import { counterPatterns } from '../../src/knowledge/counters.js';
import type { LibraryPattern, Trigger } from '../../src/knowledge/types.js';
import type { Report } from '../kit/codemod.js';
import { hasSpread, objectOptions, propertyNamed } from '../kit/options.js';
import { reportSkip } from '../kit/todo.js';
import { at } from '../kit/skip.js';
import { ApiResolver, unwrap, type ApiSite, type Argument } from '../kit/api-sites.js';
import { keyName } from '../kit/ast.js';
import { isFallbackLimiter } from './flexible.js';
import { guidanceByMessage, guidanceByRow } from '../../src/knowledge/codemods/rate-limit-redis.js';
import { handRolledState } from '../kit/module-state.js';

const check = 'no-memory-rate-limit';

/** The options argument a trigger reads: an index, or the last argument when that is an object literal. */
function triggerOptions(site: ApiSite, trigger: Exclude<Trigger, { kind: 'firstArgumentIn' }>): Argument | undefined {
  const { args } = site;
  if (trigger.argument !== 'last') return args[trigger.argument ?? 0];
  const last = args[args.length - 1];
  return last && (args.length > 1 || unwrap(last).type === 'ObjectExpression') ? last : undefined;
}

/** `true`: the check reports this use; `false`: it does not; `undefined`: the file does not show enough. */
function triggerHolds(j: JSCodeshift, site: ApiSite, trigger: Trigger | undefined): boolean | undefined {
  if (!trigger) return true;
  if (trigger.kind === 'firstArgumentIn') return trigger.values.includes(keyName(site.args[0]) ?? '');
  const argument = triggerOptions(site, trigger);
  // `ThrottlerModule.forRoot([{ ttl, limit }])`: the array form has no room for a storage.
  const options = argument && unwrap(argument).type === 'ArrayExpression' ? ({ kind: 'missing' } as const) : objectOptions(j, site.path, argument && unwrap(argument));
  if (options.kind === 'unknown') return undefined;
  const value = (key: string) => (options.kind === 'object' ? propertyNamed(options.object, key)?.value : undefined);
  const complete = options.kind === 'missing' || !hasSpread(options.object);
  switch (trigger.kind) {
    case 'optionMissing':
      return trigger.keys.some((key) => value(key) !== undefined) ? false : complete || undefined;
    case 'optionPresent':
      return trigger.keys.some((key) => value(key) !== undefined) ? true : complete ? false : undefined;
    case 'optionEquals': {
      const found = value(trigger.key);
      return found === undefined ? (complete ? false : undefined) : trigger.values.includes(keyName(unwrap(found)) ?? '');
    }
  }
}

/** Reports every use of a `counterPatterns` row this codemod does not rewrite (the `rewritten` rows). */
export function skipUnrewritableLimiters(j: JSCodeshift, root: Collection, report: Report, rewritten: readonly LibraryPattern[]): void {
  const rows = counterPatterns.filter((pattern) => !rewritten.includes(pattern));
  const seen = new Set<unknown>();
  for (const pattern of rows) {
    const resolver = new ApiResolver(j, root, pattern.api.modules ?? []);
    if (!resolver.imports) continue;
    for (const site of resolver.sites(j, root, pattern.api)) {
      if (seen.has(site.path.node) || isFallbackLimiter(site) || triggerHolds(j, site, pattern.when) !== true) continue;
      seen.add(site.path.node);
      const guidance = guidanceByRow.get(pattern.id) ?? guidanceByMessage[pattern.messageId] ?? guidanceByMessage.memoryLock!;
      const what = pattern.messageId === 'memoryLock' ? 'locks only inside this process' : "counts in this process's memory";
      reportSkip(j, report, site.path, 'limiter-library', { library: pattern.library, what, guidance });
    }
  }
}

/** Reports the module-level counters and lock flags of the file. */
export function skipHandRolledState(j: JSCodeshift, root: Collection, report: Report): void {
  for (const state of handRolledState(j, root).filter((entry) => entry.check === check)) {
    const what = state.messageId === 'flag' ? 'is an in-memory lock or flag' : "counts in this process's memory";
    const guidance = guidanceByMessage[state.messageId] ?? guidanceByMessage.counter!;
    reportSkip(j, report, state.path, 'limiter-hand-rolled', { name: state.name, what, changeLine: at(state.changeLine), guidance });
  }
}
