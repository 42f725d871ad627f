/**
 * The shapes of what we know about libraries. Detectors (ESLint rules and the audit) query these tables;
 * they never hard-code a package name.
 */
import type { CheckId, MessageId } from '../catalog.js';

/**
 * How a library value is used: called, constructed, or registered as a plugin
 * (`fastify.register(plugin, options)`, where the options are the register call's second argument).
 */
export type ApiUse = 'call' | 'construct' | 'plugin';

/** A value exported by a module (or a global), reached by a property path. */
export interface ApiRef {
  /** Module specifiers exposing it. Node built-ins get their `node:` twin automatically. */
  modules?: readonly string[];
  /** Set for globals such as `setInterval`; `modules` is then unused. */
  global?: boolean;
  /** Property path from the module (or global); `[]` is the module itself: its default export or `require()` result. */
  path: readonly string[];
  use: ApiUse;
}

/** Which argument holds the options object: an index, or the last argument when it is an object. */
export type OptionsArgument = number | 'last';

/**
 * When a matched use is a finding. Absent means always. With `factory`, the options are the object returned by that
 * option's function (`ThrottlerModule.forRootAsync({ useFactory: () => ({ … }) })`).
 */
export type Trigger =
  /** None of `keys` is set in the options object (a missing options object counts as missing). */
  | { kind: 'optionMissing'; keys: readonly string[]; argument?: OptionsArgument; factory?: string }
  /** One of `keys` is set in the options object. */
  | { kind: 'optionPresent'; keys: readonly string[]; argument?: OptionsArgument; factory?: string }
  /** Option `key` is one of the string `values`. */
  | { kind: 'optionEquals'; key: string; values: readonly string[]; argument?: OptionsArgument; factory?: string }
  /** The first argument is one of the string `values`. */
  | { kind: 'firstArgumentIn'; values: readonly string[] };

/** Something the created value must (not) be used for, found through the variable it is stored in. */
export interface InstanceUse {
  /** Member path used on the instance, e.g. `['clients']` or `['xlsx', 'writeFile']`. */
  members: readonly string[];
  /** `flags`: using it makes the finding; `clears`: using it removes the finding (e.g. `io.adapter(...)`). */
  effect: 'flags' | 'clears';
  /** Only uses that iterate the member's value count (`for…of`, spread, `.forEach`), not reads such as `.size`. */
  iterated?: boolean;
  /** Uses inside callbacks given to these calls do not count (e.g. a Redis subscriber relaying to local clients). */
  exceptIn?: readonly CallbackSite[];
}

/**
 * A callback passed to `receiver.<method>(…)`; with `events`, only when the first argument is one of them.
 * A receiver that is a function parameter (a connection's own socket) never matches.
 */
export interface CallbackSite {
  methods: readonly string[];
  events?: readonly string[];
}

/**
 * One row of knowledge: a library API that keeps state in the process or on the local disk. A table of one check is
 * typed with it (`LibraryPattern<'no-process-cache'>`), so its message ids are checked against that check's.
 */
export interface LibraryPattern<C extends CheckId = CheckId> {
  /**
   * Stable and unique across every table: the first module and the export path (`express-session`,
   * `express-session.MemoryStore`, `rate-limiter-flexible.RateLimiterMemory`), with a `#variant` where one API has
   * several rows (`lru-cache#call`). Codemods and detectors name rows by it; `library` is only shown.
   */
  id: string;
  /** The check that reports it. */
  check: C;
  /** The message of that check used for it. */
  messageId: MessageId<C>;
  /** Name shown in messages, e.g. `express-session`. */
  library: string;
  api: ApiRef;
  when?: Trigger;
  /**
   * The message when an `optionMissing` option is given only under a condition (`store: redisUrl ? new RedisStore() : undefined`):
   * the default configuration keeps the in-memory default. Without it such a use is not reported.
   */
  optionalMessageId?: MessageId<C>;
  /** Uses of the created value that decide the finding (all `flags` rows need one use, any `clears` row clears). */
  instance?: readonly InstanceUse[];
  /** A method called on the call's result chain that makes the finding, e.g. sharp(...).toFile(). */
  chainMethod?: string;
  /** `request`: only a finding inside request handling (writes); `anywhere`: wherever it is created. */
  scope?: 'request' | 'anywhere';
}

/** Names of module-level containers that reveal what they hold, used to give hand-rolled state its category. */
export interface StateNamePatterns<C extends CheckId = CheckId> {
  /** Stable and unique across every table, like a library pattern's. */
  id: string;
  check: C;
  messageId: MessageId<C>;
  names: readonly RegExp[];
}
