/**
 * Finding the module-level caches of a file: `new Map()`, `{}` records and cache-library instances,
 * with what their declaration says (value type, TTL) and whatever in it rules out a rewrite.
 */
import jscodeshift, { type ASTNode, type ASTPath, type CallExpression, type Collection, type JSCodeshift, type NewExpression, type ObjectExpression, type ObjectProperty, type VariableDeclarator } from 'jscodeshift';
import type { Argument } from '../kit/api-sites.js';
import { knownExpression, parentPath } from '../kit/ast.js';
import { importedBindings, type ImportedBinding } from '../kit/imports.js';
import { cacheConstructors, mapApi, type CacheApi } from './libraries.js';
import { isStringOrNumberKey, notJsonPart, typeArguments, type LocalTypes, type TypeNode } from './types.js';

/** The value of an option in an object literal. */
type OptionValue = ObjectProperty['value'];

export interface CacheCandidate {
  name: string;
  declarator: ASTPath<VariableDeclarator>;
  exported: boolean;
  /** `map`: used through methods; `record`: a plain object used through `x[key]`. */
  shape: 'map' | 'record';
  api: CacheApi;
  /** A Map or object literal is a cache only when a function writes to it; a library instance always is. */
  builtIn: boolean;
  /** The value type (TypeScript only): a type node, `any` for an untyped Map, undefined when unknown. */
  valueType?: TypeNode | 'any';
  /** Time to live in milliseconds, as an expression (an option's value, as ast-types types it). */
  ttl?: OptionValue;
  /** Why the declaration itself rules out a rewrite. */
  problem?: string;
}

export interface CandidateScan {
  j: JSCodeshift;
  root: Collection;
  source: string;
  language: 'ts' | 'js';
  types: LocalTypes;
}

/** Every module-level `const`/`let` that holds a Map, an object record or a cache-library instance. */
export function findCandidates(scan: CandidateScan): CacheCandidate[] {
  const { j, root } = scan;
  const libraryBindings = importedBindings(j, root, [...new Set(cacheConstructors.flatMap((constructor) => constructor.modules))]);
  const candidates: CacheCandidate[] = [];
  const program = root.find(j.Program).paths()[0];
  if (!program) return candidates;
  j(program)
    .find(j.VariableDeclarator)
    .filter((declarator) => isModuleLevel(declarator))
    .forEach((declarator) => {
      const { id, init } = declarator.node;
      if (id.type !== 'Identifier' || !init) return;
      const exported = declarator.parent?.parent?.node.type === 'ExportNamedDeclaration';
      const base = { name: id.name, declarator, exported };
      const annotation = id.typeAnnotation?.typeAnnotation ?? undefined;
      if (init.type === 'NewExpression' && isIdentifier(init.callee, 'Map')) {
        candidates.push({ ...base, shape: 'map', api: mapApi, builtIn: true, ...describeMap(scan, init, annotation) });
      } else if (init.type === 'ObjectExpression' && init.properties.length === 0) {
        candidates.push({ ...base, shape: 'record', api: mapApi, builtIn: true, ...describeRecord(scan, annotation) });
      } else if (init.type === 'NewExpression' || init.type === 'CallExpression') {
        const api = libraryOf(init, libraryBindings);
        if (api) candidates.push({ ...base, shape: 'map', api, builtIn: false, ...describeLibraryCache(scan, api, init, annotation) });
      }
    });
  return candidates;
}

function isModuleLevel(declarator: ASTPath): boolean {
  const declaration = parentPath(declarator);
  const statement = declaration && parentPath(declaration);
  const holder = statement?.node.type === 'ExportNamedDeclaration' ? parentPath(statement) : statement;
  return !(declaration?.node.type === 'VariableDeclaration' && declaration.node.kind === 'var') && holder?.node.type === 'Program';
}

function isIdentifier(node: ASTNode, name: string): boolean {
  return node.type === 'Identifier' && node.name === name;
}

type Described = Pick<CacheCandidate, 'valueType' | 'ttl' | 'problem'>;

function describeMap(scan: CandidateScan, init: NewExpression, annotation: ASTNode | undefined): Described {
  if (init.arguments.length > 0) return { problem: 'starts with entries (new Map([...])); put them into Redis by hand' };
  if (scan.language === 'js') return {};
  let types = typeArguments(init);
  if (types.length === 0 && annotation) {
    if (annotation.type !== 'TSTypeReference' || !isIdentifier(annotation.typeName, 'Map')) return { problem: `is declared as ${text(scan, annotation)}, not a Map` };
    types = typeArguments(annotation);
  }
  return types.length === 2 ? checkTypes(scan, types[0]!, types[1]!) : { valueType: 'any' };
}

function describeRecord(scan: CandidateScan, annotation: ASTNode | undefined): Described {
  if (scan.language === 'js') return {};
  if (!annotation) return { valueType: 'any' };
  if (annotation.type === 'TSTypeReference' && isIdentifier(annotation.typeName, 'Record') && typeArguments(annotation).length === 2) {
    const [key, value] = typeArguments(annotation);
    return checkTypes(scan, key!, value!);
  }
  const members = annotation.type === 'TSTypeLiteral' ? annotation.members : [];
  const [only] = members;
  const signature = members.length === 1 && only?.type === 'TSIndexSignature' ? only : undefined;
  if (signature) {
    const key = signature.parameters[0]?.typeAnnotation?.typeAnnotation;
    const value = signature.typeAnnotation?.typeAnnotation;
    // An annotation holds a type (ast-types also lets it hold another annotation, which TypeScript never writes).
    if (key && value && value.type !== 'TSTypeAnnotation') return checkTypes(scan, key, value);
  }
  return { problem: `is declared as ${text(scan, annotation)}, not a Record of entries` };
}

function describeLibraryCache(scan: CandidateScan, api: CacheApi, init: NewExpression | CallExpression, annotation: ASTNode | undefined): Described {
  const options = readOptions(scan, api, init.arguments);
  if ('problem' in options) return options;
  if (scan.language === 'js' || api.valueTypeOnCalls) return options;
  let types = typeArguments(init);
  if (types.length === 0 && annotation) {
    if (annotation.type !== 'TSTypeReference') return { problem: `is declared as ${text(scan, annotation)}` };
    types = typeArguments(annotation);
  }
  const value = types[api.valueTypeArgument];
  if (!value) return options;
  return { ...options, ...checkTypes(scan, types[0]!, value) };
}

/** A key type Redis can take as is and a value type JSON keeps, or the reason why not. */
export function checkTypes(scan: CandidateScan, key: ASTNode, value: TypeNode): Described {
  if (!isStringOrNumberKey(key, scan.types)) return { problem: `its keys are ${text(scan, key)}, not strings or numbers (Redis keys are strings)` };
  const notJson = notJsonPart(value, scan.types);
  if (notJson) return { problem: `its values (${text(scan, value)}) hold ${notJson}, which JSON does not keep (SharedCache stores JSON)` };
  return { valueType: value };
}

/** The TTL (in ms) of a library cache's constructor options, or why they cannot be carried over. */
function readOptions(scan: CandidateScan, api: CacheApi, args: readonly Argument[]): { ttl?: OptionValue } | { problem: string } {
  const { j } = scan;
  if (args.length === 0) return {};
  const first = args[0]!;
  if (args.length > 1) return { problem: `takes ${args.length} constructor arguments; only an options object is understood` };
  if (api.numberArgumentIsMax && first.type === 'NumericLiteral') return {};
  let properties: ObjectExpression['properties'];
  let reach: (key: string, value: OptionValue) => OptionValue;
  if (first.type === 'ObjectExpression') {
    properties = first.properties;
    reach = (_key, value) => value;
  } else {
    const name = first.type === 'Identifier' ? first.name : undefined;
    const variable = name === undefined ? undefined : moduleConstant(scan, name);
    if (name === undefined || !variable) return { problem: `its options (${text(scan, first)}) are not an object literal of this file` };
    properties = variable.properties;
    // The object stays where it is; the TTL is read from it, so whatever it refers to stays in scope.
    reach = (key) => j.memberExpression(j.identifier(name), j.identifier(key));
  }
  let ttl: OptionValue | undefined;
  for (const property of properties) {
    const option = readProperty(property);
    if (option === undefined) return { problem: `its options contain ${text(scan, property)}, which this codemod cannot read` };
    const ttlOption = api.ttlOptions.find((candidate) => candidate.key === option.key);
    if (ttlOption) {
      const value = reach(option.key, option.value);
      ttl = ttlOption.unit === 's' ? j.binaryExpression('*', knownExpression(value), j.numericLiteral(1000)) : value;
    } else if (!api.droppedOptions.includes(option.key)) {
      return { problem: `its option ${option.key} has no Redis equivalent` };
    }
  }
  return ttl ? { ttl } : {};
}

/** A plain `key: value` option, its key an identifier or a string. */
function readProperty(property: ObjectExpression['properties'][number]): { key: string; value: OptionValue } | undefined {
  if (property.type !== 'ObjectProperty' || property.computed) return undefined;
  const { key, value } = property;
  if (key.type === 'Identifier') return { key: key.name, value };
  return 'value' in key && typeof key.value === 'string' ? { key: key.value, value } : undefined;
}

/** The object literal of a module-level `const name = {…}`. */
function moduleConstant(scan: CandidateScan, name: string): ObjectExpression | undefined {
  const { j, root } = scan;
  const found = root.find(j.VariableDeclarator, { id: { type: 'Identifier', name } }).filter((declarator) => {
    const declaration = parentPath(declarator)?.node;
    return isModuleLevel(declarator) && declaration?.type === 'VariableDeclaration' && declaration.kind === 'const';
  });
  const init = found.size() === 1 ? found.paths()[0]!.node.init : undefined;
  return init?.type === 'ObjectExpression' ? init : undefined;
}

/** The cache library a `new X(…)` or `X(…)` constructs, through any import or require form. */
function libraryOf(init: NewExpression | CallExpression, bindings: readonly ImportedBinding[]): CacheApi | undefined {
  const use = init.type === 'NewExpression' ? 'construct' : 'call';
  const { callee } = init;
  for (const constructor of cacheConstructors) {
    if (constructor.use !== use) continue;
    const matches = bindings.filter((binding) => constructor.modules.includes(binding.module));
    const [exportName] = constructor.path;
    if (callee.type === 'Identifier') {
      const local = callee.name;
      const binding = matches.find((candidate) => candidate.local === local);
      if (!binding) continue;
      const isModuleItself = binding.imported === 'default' || (binding.imported === '*' && binding.declaration.node.type !== 'ImportDeclaration');
      if (exportName === undefined ? isModuleItself : binding.imported === exportName) return constructor.api;
    } else if (callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' && exportName !== undefined) {
      const local = callee.object.name;
      const binding = matches.find((candidate) => candidate.local === local);
      if (binding && (binding.imported === '*' || binding.imported === 'default') && callee.property.type === 'Identifier' && callee.property.name === exportName) return constructor.api;
    }
  }
  return undefined;
}

/** The source text of a node, for reasons. */
export function text(scan: Pick<CandidateScan, 'source'>, node: unknown): string {
  const located = jscodeshift.Node.check(node) && 'start' in node && 'end' in node ? { start: node.start, end: node.end } : {};
  return typeof located.start === 'number' && typeof located.end === 'number' ? scan.source.slice(located.start, located.end) : '…';
}
