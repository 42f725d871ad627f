/**
 * What the TypeScript types of a cache tell: whether its keys are strings or numbers (Redis keys are
 * strings) and whether its values survive JSON (SharedCache stores JSON). Type names declared in the
 * same file are followed; anything imported is taken as plain data.
 */
import type { TSTypeKind } from 'ast-types/lib/gen/kinds';
import type { ASTNode, Collection, JSCodeshift, TSTypeReference } from 'jscodeshift';

/** A TypeScript type node (ast-types' `TSType`): what a type argument or an annotation holds. */
export type TypeNode = TSTypeKind;

/** Types and interfaces declared in the file, by name: a type alias's type or an interface's body. */
export type LocalTypes = ReadonlyMap<string, ASTNode>;

export function localTypes(j: JSCodeshift, root: Collection): LocalTypes {
  const types = new Map<string, ASTNode>();
  root.find(j.TSTypeAliasDeclaration).forEach((path) => {
    if (path.node.id.type === 'Identifier') types.set(path.node.id.name, path.node.typeAnnotation);
  });
  root.find(j.TSInterfaceDeclaration).forEach((path) => {
    if (path.node.id.type === 'Identifier') types.set(path.node.id.name, path.node.body);
  });
  return types;
}

function referenceName(node: TSTypeReference): string | undefined {
  const name = node.typeName;
  if (name.type === 'TSQualifiedName') return name.right.type === 'Identifier' ? name.right.name : undefined;
  return name.type === 'Identifier' ? name.name : undefined;
}

/** The type arguments of a type reference or of a `new`/call expression. */
export function typeArguments(node: ASTNode): TypeNode[] {
  const holder = node.type === 'TSTypeReference' || node.type === 'NewExpression' || node.type === 'CallExpression' || node.type === 'OptionalCallExpression' ? node : undefined;
  // Babel gives TypeScript's type arguments as `typeParameters` (`typeArguments` is Flow's, null in a TypeScript tree).
  return holder?.typeParameters?.params ?? [];
}

/** Whether values of this type can be Redis keys unchanged: strings, numbers and literal unions of them. */
export function isStringOrNumberKey(node: ASTNode, types: LocalTypes, seen = new Set<string>()): boolean {
  // Babel's type for `${string}` templates, which ast-types does not declare.
  const type: string = node.type;
  if (type === 'TSTemplateLiteralType') return true;
  switch (node.type) {
    case 'TSStringKeyword':
    case 'TSNumberKeyword':
      return true;
    case 'TSLiteralType':
      return node.literal.type !== 'BooleanLiteral';
    case 'TSUnionType':
      return node.types.every((member) => isStringOrNumberKey(member, types, seen));
    case 'TSParenthesizedType':
      return isStringOrNumberKey(node.typeAnnotation, types, seen);
    case 'TSTypeReference': {
      const name = referenceName(node);
      const declared = name === undefined ? undefined : types.get(name);
      if (!declared || seen.has(name!)) return false;
      return isStringOrNumberKey(declared, types, new Set([...seen, name!]));
    }
    default:
      return false;
  }
}

/** Built-in types JSON turns into something else (or drops). */
const notJsonTypes = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'Promise', 'PromiseLike', 'Buffer', 'Function', 'RegExp', 'Error', 'Uint8Array', 'ArrayBuffer', 'ReadableStream', 'Readable']);

/** The types inside a union, an array, a tuple, parentheses, an intersection, a type operator, an annotation… */
function innerTypes(node: ASTNode): ASTNode[] {
  const children: ASTNode[] = [];
  if ('types' in node) children.push(...node.types);
  if ('elementType' in node) children.push(node.elementType);
  if ('elementTypes' in node) children.push(...node.elementTypes);
  if ('typeAnnotation' in node && node.typeAnnotation) children.push(node.typeAnnotation);
  return children;
}

/** The first part of a value type that does not survive a JSON round trip, e.g. `a Promise`, or undefined. */
export function notJsonPart(node: ASTNode, types: LocalTypes, seen = new Set<string>()): string | undefined {
  switch (node.type) {
    case 'TSFunctionType':
    case 'TSConstructorType':
      return 'functions';
    case 'TSBigIntKeyword':
      return 'bigint';
    case 'TSSymbolKeyword':
      return 'symbol';
    case 'TSTypeReference': {
      const name = referenceName(node);
      if (name !== undefined && notJsonTypes.has(name)) return `a ${name}`;
      for (const argument of typeArguments(node)) {
        const found = notJsonPart(argument, types, seen);
        if (found) return found;
      }
      const declared = name === undefined ? undefined : types.get(name);
      if (!declared || seen.has(name!)) return undefined;
      return notJsonPart(declared, types, new Set([...seen, name!]));
    }
    case 'TSTypeLiteral':
    case 'TSInterfaceBody': {
      const members = node.type === 'TSTypeLiteral' ? node.members : node.body;
      for (const member of members) {
        if (member.type === 'TSMethodSignature') return 'functions';
        const annotation = 'typeAnnotation' in member ? member.typeAnnotation?.typeAnnotation : undefined;
        const found = annotation && notJsonPart(annotation, types, seen);
        if (found) return found;
      }
      return undefined;
    }
    default: {
      // Unions, arrays, tuples, parentheses, intersections: look inside.
      for (const child of innerTypes(node)) {
        const found = notJsonPart(child, types, seen);
        if (found) return found;
      }
      return undefined;
    }
  }
}
