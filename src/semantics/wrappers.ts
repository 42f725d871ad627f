/**
 * The one list of syntax that wraps an expression: what the rules (ESTree from typescript-estree and espree),
 * the codemods (jscodeshift's Babel trees, whose node names are ESTree's here) and the audit (TypeScript compiler
 * nodes) see through. Node kinds are strings, so this module imports neither TypeScript nor ESLint.
 */

/** One wrapper: how each syntax tree spells it, and which field holds the wrapped expression. */
export interface Wrapper {
  /** As written. */
  syntax: string;
  /**
   * Node type in ESTree and in jscodeshift's Babel trees; undefined where they have no node for it. Parentheses
   * leave no node in typescript-estree, espree or jscodeshift's parsers, but Babel makes one when asked to
   * (`createParenthesizedExpressions`), so the type is listed.
   */
  estree: string | undefined;
  /** `ts.SyntaxKind` name; undefined where the compiler has no node for it (optional chains are a flag there). */
  typescript: string | undefined;
  /** The field holding the wrapped expression, in both trees. */
  field: 'expression' | 'argument';
  /**
   * `same`: the wrapped value itself, only seen as another type (or through `?.`), so a change made through the
   * wrapper changes it. `settled`: `await` gives the value a promise settles to, the value itself for anything
   * but a promise: seen through when asking what an expression names (`await import('m')`, `(await store).set()`),
   * never when asking whether an expression is a promise.
   */
  value: 'same' | 'settled';
  /** Only in TypeScript files. */
  typescriptOnly: boolean;
  /** Not in .tsx files, where `<T>x` is JSX. */
  noTsx?: true;
}

export const wrappers: readonly Wrapper[] = [
  { syntax: 'x as T', estree: 'TSAsExpression', typescript: 'AsExpression', field: 'expression', value: 'same', typescriptOnly: true },
  { syntax: 'x satisfies T', estree: 'TSSatisfiesExpression', typescript: 'SatisfiesExpression', field: 'expression', value: 'same', typescriptOnly: true },
  { syntax: 'x!', estree: 'TSNonNullExpression', typescript: 'NonNullExpression', field: 'expression', value: 'same', typescriptOnly: true },
  { syntax: '<T>x', estree: 'TSTypeAssertion', typescript: 'TypeAssertionExpression', field: 'expression', value: 'same', typescriptOnly: true, noTsx: true },
  { syntax: 'f<T>', estree: 'TSInstantiationExpression', typescript: 'ExpressionWithTypeArguments', field: 'expression', value: 'same', typescriptOnly: true },
  { syntax: '(x)', estree: 'ParenthesizedExpression', typescript: 'ParenthesizedExpression', field: 'expression', value: 'same', typescriptOnly: false },
  { syntax: 'x?.y (the whole chain)', estree: 'ChainExpression', typescript: undefined, field: 'expression', value: 'same', typescriptOnly: false },
  { syntax: 'await x', estree: 'AwaitExpression', typescript: 'AwaitExpression', field: 'argument', value: 'settled', typescriptOnly: false },
];

function names(family: 'estree' | 'typescript', values: readonly Wrapper['value'][]): ReadonlySet<string> {
  return new Set(wrappers.filter((wrapper) => values.includes(wrapper.value)).flatMap((wrapper) => (wrapper[family] === undefined ? [] : [wrapper[family]])));
}

/** ESTree/Babel types of the wrappers around the very same value: climb through these to compare with a parent's slot. */
export const sameValueTypes = names('estree', ['same']);
/** ESTree/Babel types seen through when asking what an expression names (`await` included). */
export const seeThroughTypes = names('estree', ['same', 'settled']);
/** The same two lists as `ts.SyntaxKind` names, for the audit. */
export const sameValueKinds = names('typescript', ['same']);
export const seeThroughKinds = names('typescript', ['same', 'settled']);

const fieldOf = new Map(wrappers.flatMap((wrapper) => (wrapper.estree === undefined ? [] : [[wrapper.estree, wrapper.field] as const])));

/** A node read structurally: ESTree and Babel share these type and field names. */
export type SyntaxNode = { type: string; [field: string]: unknown };

/** A node of any of the trees, as each part declares it (ESTree's, ast-types' interfaces, the audit's view). */
export type AnyNode = { readonly type: string };

/**
 * `node` read by field name. Each part declares its nodes as interfaces of its own library, without an index
 * signature; the questions here read the fields ESTree and Babel share, checking each at run time, so the nodes
 * are seen through this one view instead of a cast at every call.
 */
export function syntaxNode(node: AnyNode): SyntaxNode {
  return node as SyntaxNode;
}

/** The expression a wrapper node wraps, or undefined when `node` is no wrapper. */
export function wrappedExpression(node: SyntaxNode): SyntaxNode | undefined {
  const field = fieldOf.get(node.type);
  return field === undefined ? undefined : (node[field] as SyntaxNode);
}

/** The expression inside every wrapper of `types` around `node` (by default all of them, `await` included): a node of the same tree. */
export function unwrapNode<N extends AnyNode>(node: N, types: ReadonlySet<string> = seeThroughTypes): N {
  let current = node;
  while (types.has(current.type)) current = wrappedExpression(syntaxNode(current)) as N;
  return current;
}
