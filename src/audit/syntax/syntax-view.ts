/**
 * The audit's compiler nodes as the shared semantics (src/semantics/) reads syntax: ESTree node types and field
 * names. The decisions (what is a mutation, a lazy creation, a reset; which wrappers to see through) are made once
 * there; the audit supplies only how to read its own tree — this view of a node, built lazily and once per node (so
 * that `parent.left === self` compares views as it compares nodes), and the way up: a node's parent.
 */
import type * as TypeScript from 'typescript';
import type { Climb } from '../../semantics/mutations.js';
import { sameValueKinds, seeThroughKinds, wrappers, type SyntaxNode } from '../../semantics/wrappers.js';
import { ts } from './typescript.js';

type Node = TypeScript.Node;

/** The kinds of a list of `ts.SyntaxKind` names. */
const kindsOf = (names: Iterable<string>): ReadonlySet<TypeScript.SyntaxKind> => new Set([...names].map((name) => ts.SyntaxKind[name as keyof typeof ts.SyntaxKind]));

/** The compiler kinds of the wrappers around the very same value (`as`, `satisfies`, `!`, `<T>x`, `f<T>`, parentheses). */
export const sameValueSyntaxKinds = kindsOf(sameValueKinds);
/** The same, and `await`: what is seen through when asking what an expression names. */
export const seeThroughSyntaxKinds = kindsOf(seeThroughKinds);

/** Each wrapper's ESTree type and field, by compiler kind (the compiler's wrappers all hold their value in `expression`). */
const wrapperViews = new Map(
  wrappers.flatMap((wrapper) => (wrapper.typescript === undefined || wrapper.estree === undefined ? [] : [[ts.SyntaxKind[wrapper.typescript as keyof typeof ts.SyntaxKind], wrapper] as const])),
);

/** A field of a view: a child node, a list of them, a node made for the view, or a plain value. */
type Field = Node | readonly (Node | SyntaxNode)[] | SyntaxNode | string | number | boolean | null | undefined;

/**
 * A parameter as ESTree spells it: its name (with the type annotation a request type is read from), inside an
 * `AssignmentPattern` when it has a default value, inside a `TSParameterProperty` when it declares a field.
 */
export function parameterView(parameter: TypeScript.ParameterDeclaration): SyntaxNode {
  const type = parameter.type && ts.isTypeReferenceNode(parameter.type) ? parameter.type.typeName : undefined;
  const typeName: SyntaxNode | undefined = type && (ts.isIdentifier(type) ? { type: 'Identifier', name: type.text } : { type: 'TSQualifiedName', right: { type: 'Identifier', name: type.right.text } });
  const typeAnnotation = typeName && { type: 'TSTypeAnnotation', typeAnnotation: { type: 'TSTypeReference', typeName } };
  const name: SyntaxNode = ts.isIdentifier(parameter.name) ? { type: 'Identifier', name: parameter.name.text, typeAnnotation } : { type: ts.isObjectBindingPattern(parameter.name) ? 'ObjectPattern' : 'ArrayPattern' };
  const withDefault: SyntaxNode = parameter.initializer ? { type: 'AssignmentPattern', left: name } : name;
  return ts.isParameterPropertyDeclaration(parameter, parameter.parent) ? { type: 'TSParameterProperty', parameter: withDefault } : withDefault;
}

const isNode = (value: object): value is Node => typeof (value as { kind?: unknown }).kind === 'number';

/** The ESTree type and fields a compiler node is read as; undefined: a node the semantics never asks about by type. */
function shapeOf(node: Node): { type: string; fields: Record<string, () => Field> } | undefined {
  const k = ts.SyntaxKind;
  const wrapper = wrapperViews.get(node.kind);
  if (wrapper) return { type: wrapper.estree!, fields: { [wrapper.field]: () => (node as TypeScript.ParenthesizedExpression).expression } };
  if (ts.isIdentifier(node)) return { type: 'Identifier', fields: { name: () => node.text } };
  if (ts.isPrivateIdentifier(node)) return { type: 'PrivateIdentifier', fields: { name: () => node.text.slice(1) } };
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { type: 'Literal', fields: { value: () => node.text } };
  if (ts.isNumericLiteral(node)) return { type: 'Literal', fields: { value: () => Number(node.text) } };
  if (node.kind === k.TrueKeyword || node.kind === k.FalseKeyword) return { type: 'Literal', fields: { value: () => node.kind === k.TrueKeyword } };
  if (node.kind === k.NullKeyword) return { type: 'Literal', fields: { value: () => null, raw: () => 'null' } };
  if (node.kind === k.ThisKeyword) return { type: 'ThisExpression', fields: {} };
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    const type =
      operator >= k.FirstAssignment && operator <= k.LastAssignment
        ? 'AssignmentExpression'
        : operator === k.AmpersandAmpersandToken || operator === k.BarBarToken || operator === k.QuestionQuestionToken
          ? 'LogicalExpression'
          : 'BinaryExpression';
    return { type, fields: { left: () => node.left, right: () => node.right, operator: () => ts.tokenToString(operator) } };
  }
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    const update = node.operator === k.PlusPlusToken || node.operator === k.MinusMinusToken;
    return { type: update ? 'UpdateExpression' : 'UnaryExpression', fields: { operator: () => ts.tokenToString(node.operator), argument: () => node.operand, prefix: () => ts.isPrefixUnaryExpression(node) } };
  }
  if (ts.isDeleteExpression(node) || ts.isTypeOfExpression(node) || ts.isVoidExpression(node)) {
    const operator = ts.isDeleteExpression(node) ? 'delete' : ts.isTypeOfExpression(node) ? 'typeof' : 'void';
    return { type: 'UnaryExpression', fields: { operator: () => operator, argument: () => node.expression } };
  }
  if (ts.isCallExpression(node)) return { type: 'CallExpression', fields: { callee: () => node.expression, arguments: () => node.arguments, optional: () => node.questionDotToken !== undefined } };
  if (ts.isNewExpression(node)) return { type: 'NewExpression', fields: { callee: () => node.expression, arguments: () => node.arguments ?? [] } };
  if (ts.isPropertyAccessExpression(node)) return { type: 'MemberExpression', fields: { object: () => node.expression, property: () => node.name, computed: () => false } };
  if (ts.isElementAccessExpression(node)) return { type: 'MemberExpression', fields: { object: () => node.expression, property: () => node.argumentExpression, computed: () => true } };
  if (ts.isObjectLiteralExpression(node)) return { type: 'ObjectExpression', fields: { properties: () => node.properties } };
  if (ts.isArrayLiteralExpression(node)) return { type: 'ArrayExpression', fields: { elements: () => node.elements } };
  if (ts.isExpressionStatement(node)) return { type: 'ExpressionStatement', fields: { expression: () => node.expression } };
  if (ts.isIfStatement(node)) return { type: 'IfStatement', fields: { test: () => node.expression, consequent: () => node.thenStatement, alternate: () => node.elseStatement } };
  if (ts.isConditionalExpression(node)) return { type: 'ConditionalExpression', fields: { test: () => node.condition, consequent: () => node.whenTrue, alternate: () => node.whenFalse } };
  if (ts.isBlock(node)) return { type: 'BlockStatement', fields: { body: () => node.statements } };
  if (ts.isSourceFile(node)) return { type: 'Program', fields: { body: () => node.statements } };
  const params = (fn: TypeScript.SignatureDeclaration) => () => fn.parameters.map(parameterView);
  if (ts.isFunctionDeclaration(node)) return { type: 'FunctionDeclaration', fields: { id: () => node.name, params: params(node) } };
  if (ts.isFunctionExpression(node)) return { type: 'FunctionExpression', fields: { id: () => node.name, params: params(node) } };
  if (ts.isArrowFunction(node)) return { type: 'ArrowFunctionExpression', fields: { params: params(node) } };
  if (ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isAccessor(node)) {
    // Babel's ClassMethod: the key and kind on the function itself.
    const kind = ts.isConstructorDeclaration(node) ? 'constructor' : ts.isGetAccessor(node) ? 'get' : ts.isSetAccessor(node) ? 'set' : 'method';
    const key = ts.isConstructorDeclaration(node) ? () => ({ type: 'Identifier', name: 'constructor' }) : () => node.name;
    return { type: 'ClassMethod', fields: { key, kind: () => kind, computed: () => node.name !== undefined && ts.isComputedPropertyName(node.name), params: params(node) } };
  }
  if (ts.isVariableDeclaration(node)) return { type: 'VariableDeclarator', fields: { id: () => node.name, init: () => node.initializer } };
  if (ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node)) {
    return { type: ts.isPropertyAssignment(node) ? 'Property' : 'PropertyDefinition', fields: { key: () => node.name, value: () => node.initializer, computed: () => ts.isComputedPropertyName(node.name) } };
  }
  return undefined;
}

const views = new WeakMap<Node, SyntaxNode>();

const viewOf = (value: Node | SyntaxNode): SyntaxNode => (isNode(value) ? view(value) : value);

const viewField = (value: Field): unknown => {
  if (Array.isArray(value)) return (value as readonly (Node | SyntaxNode)[]).map(viewOf);
  return value !== null && typeof value === 'object' ? viewOf(value as Node | SyntaxNode) : value;
};

/**
 * The node as ESTree would have it, for the shared semantics to read. Fields are read when asked; a node the
 * semantics never asks about by type lists its children (`children`), so that a walk of a condition still reaches
 * every name in it.
 */
export function view(node: Node): SyntaxNode {
  let found = views.get(node);
  if (found) return found;
  const shape = shapeOf(node);
  const fields: Record<string, () => Field> = shape?.fields ?? {
    children: () => {
      const children: Node[] = [];
      ts.forEachChild(node, (child) => {
        children.push(child);
      });
      return children;
    },
  };
  found = { type: shape?.type ?? `ts:${ts.SyntaxKind[node.kind]}` };
  for (const [name, read] of Object.entries(fields)) {
    let value: unknown;
    let known = false;
    Object.defineProperty(found, name, {
      enumerable: true,
      get: () => {
        if (!known) [value, known] = [viewField(read()), true];
        return value;
      },
    });
  }
  views.set(node, found);
  return found;
}

/** The audit's way up its tree, for src/semantics/mutations.ts: compiler nodes know their parent. */
export const climbNodes: Climb<Node> = { parent: (node) => node.parent, node: view };
