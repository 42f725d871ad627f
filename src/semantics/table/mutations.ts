/**
 * Every way code changes a module-level container or binding while serving, through every wrapper, and the
 * look-alikes that change nothing shared. Each snippet is a whole file: the state, then a request handler.
 */
import { containerMutators } from '../../knowledge/containers.js';
import type { MutationRow } from './row.js';

type Container = keyof typeof containerMutators;

/** How each container is made at module level; WeakMap and WeakSet are keyed by this process's objects. */
const declarations: Record<Container, string> = {
  Map: 'const store = new Map();',
  Set: 'const store = new Set();',
  WeakMap: 'const store = new WeakMap();',
  WeakSet: 'const store = new WeakSet();',
  Array: 'const store = [];',
  Object: 'const store = {};',
};
const arguments_: Record<string, string> = { set: 'key, 1', add: 'key', delete: 'key', push: '1', unshift: '1', splice: '0, 1', fill: '0', copyWithin: '0, 1', sort: '', reverse: '', pop: '', shift: '', clear: '' };
const perProcess: Record<Container, boolean> = { Map: true, Set: true, WeakMap: false, WeakSet: false, Array: true, Object: true };

/** Wrappers around the state where it is changed; `await` only where a value (not an assignment target) stands. */
const wrappers: readonly { id: string; wrap: (x: string) => string; typescript: boolean; target: boolean }[] = [
  { id: 'plain', wrap: (x) => x, typescript: false, target: true },
  { id: 'parens', wrap: (x) => `(${x})`, typescript: false, target: true },
  { id: 'as', wrap: (x) => `(${x} as any)`, typescript: true, target: true },
  { id: 'satisfies', wrap: (x) => `(${x} satisfies unknown)`, typescript: true, target: true },
  { id: 'non-null', wrap: (x) => `${x}!`, typescript: true, target: true },
  { id: 'angle', wrap: (x) => `(<any>${x})`, typescript: true, target: true },
  { id: 'await', wrap: (x) => `(await ${x})`, typescript: false, target: false },
];

/** The state's declaration, then a handler running `statement`. */
function file(declaration: string, statement: string): string {
  return `${declaration}\napp.post('/items', async (req, res) => {\n  const key = req.body.key;\n  ${statement};\n  res.end();\n});\n`;
}

/** `typescript`: the statement uses TypeScript syntax; without, the row runs as .js too. */
function row(id: string, declaration: string, statement: string, typescript: boolean, mutates: string | false): MutationRow {
  return { topic: 'mutation', id, code: file(declaration, statement), typescript, expected: { mutates } };
}

function containerMethodRows(): MutationRow[] {
  const rows: MutationRow[] = [];
  for (const [container, methods] of Object.entries(containerMutators) as [Container, readonly string[]][]) {
    for (const method of methods) {
      for (const wrapper of wrappers) {
        const statement = `${wrapper.wrap('store')}.${method}(${arguments_[method]})`;
        rows.push(row(`${container}.${method} ${wrapper.id}`, declarations[container], statement, wrapper.typescript, perProcess[container] ? 'store' : false));
      }
    }
  }
  return rows;
}

/** Writes into a container: element and property writes, counts kept in it, `delete`, `Object.assign`. */
const memberForms: readonly [string, (x: string) => string][] = [
  ['property write', (x) => `${x}.total = 1`],
  ['element write', (x) => `${x}[key] = 1`],
  ['nested write', (x) => `${x}.a.b = 1`],
  ['property +=', (x) => `${x}.total += 1`],
  ['element ++', (x) => `${x}[key]++`],
  ['delete property', (x) => `delete ${x}.total`],
  ['delete element', (x) => `delete ${x}[key]`],
  ['Object.assign', (x) => `Object.assign(${x}, req.body)`],
];

function memberRows(): MutationRow[] {
  return memberForms.flatMap(([form, statement]) =>
    wrappers.map((wrapper) => row(`object ${form} ${wrapper.id}`, declarations.Object, statement(wrapper.wrap('store')), wrapper.typescript, 'store')),
  );
}

/** Every assignment operator and ++/--, on a module-level `let`. */
const assignmentOperators = ['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??='];

function bindingRows(): MutationRow[] {
  const forms: [string, (x: string) => string][] = [
    ...assignmentOperators.map((operator): [string, (x: string) => string] => [operator, (x) => `${x} ${operator} req.body.n`]),
    ['x++', (x) => `${x}++`],
    ['x--', (x) => `${x}--`],
    ['++x', (x) => `++${x}`],
    ['--x', (x) => `--${x}`],
  ];
  return forms.flatMap(([form, statement]) =>
    wrappers.filter((wrapper) => wrapper.target).map((wrapper) => row(`let ${form} ${wrapper.id}`, 'let total = 0;', statement(wrapper.wrap('total')), wrapper.typescript, 'total')),
  );
}

/** Changes of an element handed out by the container, and forms spelled another way. */
const otherChanges: readonly MutationRow[] = [
  row('Map.get(k).push', declarations.Map, 'store.get(key).push(1)', false, 'store'),
  row('Map.get(k)!.push', declarations.Map, 'store.get(key)!.push(1)', true, 'store'),
  row('Array.at(0).n++', declarations.Array, 'store.at(0).n++', false, 'store'),
  row('Array.find().seen =', declarations.Array, 'store.find(Boolean).seen = true', false, 'store'),
  row('Map?.set', declarations.Map, 'store?.set(key, 1)', false, 'store'),
  row("Map['set']", declarations.Map, "store['set'](key, 1)", false, 'store'),
  row('Object.create(null) element write', 'const store = Object.create(null);', 'store[key] = 1', false, 'store'),
  row('lazily made container', 'let store;', 'if (!store) store = new Map();\n  store.set(key, 1)', false, 'store'),
  row('??= a request value', 'let user;', 'user ??= req.body.user', false, 'user'),
];

/** Reads, copies, locals and start-up code: nothing shared changes while serving. */
const unchanged: readonly MutationRow[] = [
  row('Map.get read', declarations.Map, 'res.json(store.get(key))', false, false),
  row('Map.has read', declarations.Map, 'res.json(store.has(key))', false, false),
  row('Map.size read', declarations.Map, 'res.json(store.size)', false, false),
  row('Map.forEach read', declarations.Map, 'store.forEach((value) => res.write(String(value)))', false, false),
  row('Array.map read', declarations.Array, 'res.json(store.map((n) => n + 1))', false, false),
  row('Array.slice read', declarations.Array, 'res.json(store.slice(1))', false, false),
  row('Array.toSorted read', declarations.Array, 'res.json(store.toSorted())', false, false),
  row('Array spread read', declarations.Array, 'res.json([...store])', false, false),
  row('object read', declarations.Object, 'res.json(store[key] ?? Object.keys(store))', false, false),
  row('let read', 'let total = 0;', 'res.json(total + 1)', false, false),
  row('shadowing local Map', declarations.Map, 'const store = new Map();\n  store.set(key, 1)', false, false),
  row('shadowing parameter', declarations.Map, '[new Map()].forEach((store) => store.set(key, 1))', false, false),
  row('local copy of a Map', declarations.Map, 'const copy = new Map(store);\n  copy.set(key, 1)', false, false),
  row('local copy of an array', declarations.Array, 'const copy = [...store];\n  copy.push(1)', false, false),
  row('local copy of an object', declarations.Object, 'const copy = { ...store };\n  copy.total = 1', false, false),
  row('frozen object', 'const store = Object.freeze({ total: 0 });', '(store as any).total = 1', true, false),
  row('lazy client ??=', 'let client;', 'client ??= createClient()', false, false),
  row('lazy client if (!x)', 'let client;', 'if (!client) client = createClient()', false, false),
  row('lazy container if (!x)', 'let store = null;', 'if (!store) store = {}', false, false),
  row('reset to null', 'let client = createClient();', 'client = null', false, false),
];

/** Changes made once at start-up: at module level, in an IIFE, a `listen` callback or an `init()`-style function. */
const startup: readonly MutationRow[] = [
  { topic: 'mutation', id: 'start-up module level', code: "const store = new Map();\nstore.set('a', 1);\n", typescript: false, expected: { mutates: false } },
  { topic: 'mutation', id: 'start-up IIFE', code: "const store = new Map();\n(() => { store.set('a', 1); })();\n", typescript: false, expected: { mutates: false } },
  { topic: 'mutation', id: 'start-up listen callback', code: "const store = new Map();\napp.listen(3000, () => { store.clear(); });\n", typescript: false, expected: { mutates: false } },
  { topic: 'mutation', id: 'start-up init()', code: "const store = new Map();\nfunction init() { store.set('a', 1); }\ninit();\n", typescript: false, expected: { mutates: false } },
  { topic: 'mutation', id: 'start-up forEach at module level', code: "const store = new Map();\n['a', 'b'].forEach((name) => store.set(name, 1));\n", typescript: false, expected: { mutates: false } },
  { topic: 'mutation', id: 'load-named function taking an id', code: 'const store = new Map();\nexport function loadUser(id) { store.set(id, 1); }\n', typescript: false, expected: { mutates: 'store' } },
  // The codemods' kit once had its own start-up reading, which named functions only by declaration or variable and
  // took lifecycle hooks only as class methods; src/semantics/startup.ts is now the one reading, and an object's
  // method is a hook in ESTree (a method `Property`) as in Babel (`ObjectMethod`).
  { topic: 'mutation', id: 'start-up function assigned to a name', code: "const store = new Map();\nlet setup;\nsetup = () => { store.set('a', 1); };\nsetup();\n", typescript: false, expected: { mutates: false } },
  { topic: 'mutation', id: 'start-up hook as an object method', code: "const store = new Map();\nexport const hooks = { onModuleInit() { store.set('a', 1); } };\n", typescript: false, expected: { mutates: false } },
  { topic: 'mutation', id: 'start-up hook as a class method', code: "const store = new Map();\nexport class Warmup { onModuleInit() { store.set('a', 1); } }\n", typescript: false, expected: { mutates: false } },
];

/** Class statics and singleton fields: the rules read them; the codemods' kit reads module-level bindings only. */
const classOnly = { codemods: 'handRolledState reads module-level bindings only: no codemod rewrites or names class fields' };
const classFields: readonly MutationRow[] = [
  { topic: 'mutation', id: 'static field ++', code: "export class Stats { static hits = 0; }\napp.get('/', (req, res) => { Stats.hits++; res.end(); });\n", typescript: false, expected: { mutates: 'hits' }, notAskedBy: classOnly },
  {
    topic: 'mutation',
    id: 'singleton field through as',
    code: "@Injectable()\nexport class Items {\n  private seen = new Map();\n  save(key: string) { (this.seen as any).set(key, 1); }\n}\n",
    typescript: true,
    expected: { mutates: 'seen' },
    notAskedBy: classOnly,
  },
  { topic: 'mutation', id: 'singleton field read', code: '@Injectable()\nexport class Items {\n  private seen = new Map();\n  has(key: string) { return this.seen.has(key); }\n}\n', typescript: true, expected: { mutates: false }, notAskedBy: classOnly },
];

export const mutationRows: readonly MutationRow[] = [...containerMethodRows(), ...memberRows(), ...bindingRows(), ...otherChanges, ...unchanged, ...startup, ...classFields];
