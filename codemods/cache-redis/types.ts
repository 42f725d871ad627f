/**
 * What the TypeScript types of a cache tell: whether its keys are strings or numbers (Redis keys are
 * strings) and whether its values survive JSON (SharedCache stores JSON). Type names declared in the
 * same file are followed; anything imported is taken as plain data.
 */
import type { Collection, JSCodeshift } from 'jscodeshift';

/** A TypeScript type node; the AST types are too wide to name usefully here. */
export type TypeNode = { type: string; [field: string]: unknown };

/** Types and interfaces declared in the file, by name. */
export type LocalTypes = ReadonlyMap<string, TypeNode>;

export function localTypes(j: JSCodeshift, root: Collection): LocalTypes {
  const types = new Map<string, TypeNode>();
  root.find(j.TSTypeAliasDeclaration).forEach((path) => {
    if (path.node.id.type === 'Identifier') types.set(path.node.id.name, path.node.typeAnnotation as unknown as TypeNode);
  });
  root.find(j.TSInterfaceDeclaration).forEach((path) => {
    if (path.node.id.type === 'Identifier') types.set(path.node.id.name, path.node.body as unknown as TypeNode);
  });
  return types;
}

function referenceName(node: TypeNode): string | undefined {
  const name = node.typeName as { type: string; name?: string; right?: { name: string } };
  return name.type === 'Identifier' ? name.name : name.right?.name;
}

/** The type arguments of a type reference or of a `new`/call expression. */
export function typeArguments(node: unknown): TypeNode[] {
  const holder = node as { typeParameters?: { params?: TypeNode[] } | null; typeArguments?: { params?: TypeNode[] } | null };
  return holder.typeParameters?.params ?? holder.typeArguments?.params ?? [];
}

/** Whether values of this type can be Redis keys unchanged: strings, numbers and literal unions of them. */
export function isStringOrNumberKey(node: TypeNode, types: LocalTypes, seen = new Set<string>()): boolean {
  switch (node.type) {
    case 'TSStringKeyword':
    case 'TSNumberKeyword':
    case 'TSTemplateLiteralType':
      return true;
    case 'TSLiteralType':
      return (node.literal as { type: string }).type !== 'BooleanLiteral';
    case 'TSUnionType':
      return (node.types as TypeNode[]).every((member) => isStringOrNumberKey(member, types, seen));
    case 'TSParenthesizedType':
      return isStringOrNumberKey(node.typeAnnotation as TypeNode, types, seen);
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

/** The first part of a value type that does not survive a JSON round trip, e.g. `a Promise`, or undefined. */
export function notJsonPart(node: TypeNode, types: LocalTypes, seen = new Set<string>()): string | undefined {
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
      const members = (node.members ?? node.body) as TypeNode[];
      for (const member of members) {
        if (member.type === 'TSMethodSignature') return 'functions';
        const annotation = (member.typeAnnotation as { typeAnnotation?: TypeNode } | undefined)?.typeAnnotation;
        const found = annotation && notJsonPart(annotation, types, seen);
        if (found) return found;
      }
      return undefined;
    }
    default: {
      // Unions, arrays, tuples, parentheses, intersections: look inside.
      const children = [node.types, node.elementType, node.elementTypes, node.typeAnnotation].flatMap((child) => (child ? (Array.isArray(child) ? child : [child]) : []));
      for (const child of children as TypeNode[]) {
        const found = notJsonPart(child, types, seen);
        if (found) return found;
      }
      return undefined;
    }
  }
}
