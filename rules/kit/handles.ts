/**
 * The rules' reading of their tree for src/semantics/handles.ts: ESTree nodes with their parents, names resolved by
 * ESLint's scope analysis, library values found through the file's imports (ReferenceTracker).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { stateHoldingLibraryPatterns } from '../../src/knowledge/index.js';
import { holdsOnlyModules, isHandleWrite, type HandleReader, type Named } from '../../src/semantics/handles.js';
import type { SyntaxNode } from '../../src/semantics/wrappers.js';
import { findApiUses, topScope } from './api-uses.js';
import { climbNodes, isStartupCode, type StartupContext } from './mutations.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

/** Fields that hold types, decorators or type arguments: never operands. */
const typeKeys: ReadonlySet<string> = new Set(['typeAnnotation', 'typeParameters', 'typeArguments', 'returnType', 'superTypeArguments', 'superTypeParameters', 'decorators', 'implements']);
/** Node types whose `key`/`property` is a name unless computed. */
const keyedTypes: ReadonlySet<string> = new Set(['MemberExpression', 'Property', 'PropertyDefinition', 'MethodDefinition', 'AccessorProperty']);

function children(node: Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): Node[] {
  const found: Node[] = [];
  for (const key of visitorKeys[node.type] ?? []) {
    if (typeKeys.has(key)) continue;
    if (keyedTypes.has(node.type) && (key === 'key' || key === 'property') && !(node as { computed?: boolean }).computed) continue;
    const child = (node as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(child) ? child : [child]) if (item && typeof (item as Node).type === 'string') found.push(item as Node);
  }
  return found;
}

/** The value a local variable holds throughout: its initializer, or what the `for…of`/`for…in` around it walks. */
function localValue(definition: TSESLint.Scope.Definition): Node | undefined {
  if (definition.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
  if (definition.node.init) return definition.node.init;
  const declaration = definition.node.parent;
  const loop = declaration?.parent;
  const walks = loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement;
  return walks && loop.left === declaration ? loop.right : undefined;
}

/** Whether anything but its declaration writes the variable. */
function writtenAgain(variable: TSESLint.Scope.Variable): boolean {
  const declared = new Set<Node>(variable.defs.map((definition) => definition.name));
  return variable.references.some((reference) => reference.isWrite() && !reference.init && !declared.has(reference.identifier));
}

function namedIn(sourceCode: SourceCode, identifier: Node): Named<Node> {
  let reference: TSESLint.Scope.Reference | undefined;
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier); scope && !reference; scope = scope.upper) {
    reference = scope.references.find((candidate) => candidate.identifier === identifier);
  }
  // A name that reads nothing (a declared name, a label) or a global.
  if (!reference) return { kind: 'constant' };
  const variable = reference.resolved;
  const definition = variable?.defs[0];
  if (!variable || !definition) return { kind: 'constant' };
  switch (definition.type) {
    case 'ImportBinding':
    case 'FunctionName':
    case 'ClassName':
    case 'TSEnumName':
    case 'TSModuleName':
    case 'Type':
      return { kind: 'constant' };
    case 'Parameter':
      return { kind: 'parameter', fn: definition.node, name: (definition.name as TSESTree.Identifier).name };
    case 'Variable': {
      if (writtenAgain(variable)) return { kind: 'other' };
      if (variable.scope === topScope(sourceCode) || variable.scope.type === 'global' || variable.scope.type === 'module') return { kind: 'constant' };
      return { kind: 'local', declaration: definition.node, value: localValue(definition) };
    }
    default:
      return { kind: 'other' };
  }
}

const libraryCalls = new WeakMap<object, Set<Node>>();

/** The calls and `new`s of the file that make a library value keeping state of its own (computed once per file). */
function libraryStateCalls(sourceCode: SourceCode): Set<Node> {
  let found = libraryCalls.get(sourceCode.ast);
  if (!found) {
    found = new Set(findApiUses(sourceCode, stateHoldingLibraryPatterns, (pattern) => pattern.api).map((use) => use.call));
    libraryCalls.set(sourceCode.ast, found);
  }
  return found;
}

/** The handle reader for one piece of state: start-up as `startup` decides it. */
export function handleReader(startup: StartupContext): HandleReader<Node> {
  const { sourceCode } = startup;
  return {
    ...climbNodes,
    node: (node) => node as unknown as SyntaxNode,
    children: (node) => children(node, sourceCode.visitorKeys),
    named: (identifier) => namedIn(sourceCode, identifier),
    holdsLibraryState: (call) => libraryStateCalls(sourceCode).has(call),
    isRequestHandling: (fn) => startup.isRequestHandling(fn as never),
    isStartupCode: (node) => isStartupCode(node, startup),
  };
}

/** A write at `reference` that stores a handle: see src/semantics/handles.ts. */
export function storesHandle(reference: Node, reader: HandleReader<Node>): boolean {
  return isHandleWrite(reference, reader);
}

/** Whether the state only ever holds a module: see src/semantics/handles.ts. */
export function holdsModule(init: Node | null | undefined, references: readonly Node[], reader: HandleReader<Node>): boolean {
  return holdsOnlyModules(init ?? undefined, references, reader);
}
