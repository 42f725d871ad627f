/**
 * What JavaScript's own containers do, as the rules and the audit read them: which calls change a container, which
 * hand out an element, which constructors make one, which call their callback at once.
 */

/**
 * The methods that change each built-in container they are called on. A plain object has none: writes,
 * `delete` and `Object.assign` change it. WeakMap and WeakSet are keyed by objects of this process, so they are
 * no per-process state (not in `containerConstructors`), but their methods change them all the same.
 */
export const containerMutators: Readonly<Record<'Map' | 'Set' | 'WeakMap' | 'WeakSet' | 'Array' | 'Object', readonly string[]>> = {
  Map: ['set', 'delete', 'clear'],
  Set: ['add', 'delete', 'clear'],
  WeakMap: ['set', 'delete'],
  WeakSet: ['add', 'delete'],
  Array: ['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin'],
  Object: [],
};

/** Methods that change the Map, Set or array they are called on. */
export const mutatorMethods: ReadonlySet<string> = new Set(Object.values(containerMutators).flat());

/** Reads that hand out an element whose own mutation changes the container's contents. */
export const elementReaders: ReadonlySet<string> = new Set(['get', 'at', 'find']);

/** Array methods that call their callback synchronously: at module level they run during start-up. */
export const syncIterationMethods: ReadonlySet<string> = new Set(['forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'flatMap', 'sort']);

/** Constructors of the containers that can hold per-process state. */
export const containerConstructors: ReadonlySet<string> = new Set(['Map', 'Set', 'Array', 'Object']);
