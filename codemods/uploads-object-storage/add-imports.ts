/**
 * Imports with names chosen beforehand (the kit's `ensureImport` picks its own, and by the time imports
 * are added the new code already uses the chosen names). Named imports of one module share one statement.
 */
import type { Collection, JSCodeshift } from 'jscodeshift';
import { requiredModule } from '../kit/imports.js';
import type { SourceStyle } from '../kit/style.js';
import { loose, type Loose, type AnyPath } from './ast.js';
import { afterDirectives, stringLiteralValue } from '../kit/ast.js';

export interface NamedLocal {
  imported: string;
  local: string;
}

function isImportStatement(statement: Loose): boolean {
  if (statement.type === 'ImportDeclaration' || statement.type === 'TSImportEqualsDeclaration') return true;
  if (statement.type !== 'VariableDeclaration') return false;
  return (statement.declarations as Loose[]).some((declarator) => {
    const init = declarator.init?.type === 'MemberExpression' ? declarator.init.object : declarator.init;
    return requiredModule(init) !== undefined;
  });
}

/** An existing statement of `module` that more named imports can join. */
function joinableStatement(body: Loose[], module: string): Loose | undefined {
  return body.find((statement) => {
    if (statement.type === 'ImportDeclaration') {
      return stringLiteralValue(statement.source) === module && statement.importKind !== 'type' && (statement.specifiers as Loose[]).every((specifier) => specifier.type === 'ImportSpecifier');
    }
    if (statement.type !== 'VariableDeclaration' || statement.declarations.length !== 1) return false;
    const declarator = statement.declarations[0] as Loose;
    return declarator.id.type === 'ObjectPattern' && requiredModule(declarator.init) === module;
  });
}

/** Binds every `locals` entry of `module`, in the file's module style. */
export function insertImports(j: JSCodeshift, root: Collection, style: SourceStyle, module: string, locals: readonly NamedLocal[]): void {
  const program = root.find(j.Program).paths()[0] as AnyPath | undefined;
  if (!program || locals.length === 0) return;
  const body = loose(program.node).body as Loose[];
  const named = locals.filter((entry) => entry.imported !== 'default');
  const defaults = locals.filter((entry) => entry.imported === 'default');
  const statements: Loose[] = defaults.map((entry) =>
    loose(
      style.module === 'esm'
        ? j.importDeclaration([j.importDefaultSpecifier(j.identifier(entry.local))], j.stringLiteral(module))
        : j.variableDeclaration('const', [j.variableDeclarator(j.identifier(entry.local), j.callExpression(j.identifier('require'), [j.stringLiteral(module)]))]),
    ),
  );
  if (named.length > 0) {
    const existing = joinableStatement(body, module);
    if (existing?.type === 'ImportDeclaration') {
      existing.specifiers.push(...named.map((entry) => j.importSpecifier(j.identifier(entry.imported), j.identifier(entry.local))));
    } else if (existing) {
      existing.declarations[0].id.properties.push(...named.map((entry) => destructuredProperty(j, entry)));
    } else if (style.module === 'esm') {
      statements.push(loose(j.importDeclaration(named.map((entry) => j.importSpecifier(j.identifier(entry.imported), j.identifier(entry.local))), j.stringLiteral(module))));
    } else {
      const pattern = j.objectPattern(named.map((entry) => destructuredProperty(j, entry)));
      statements.push(loose(j.variableDeclaration('const', [j.variableDeclarator(pattern, j.callExpression(j.identifier('require'), [j.stringLiteral(module)]))])));
    }
  }
  if (statements.length === 0) return;
  let index = body.length - 1;
  while (index >= 0 && !isImportStatement(body[index]!)) index -= 1;
  // After the last import; with none, after the directives.
  body.splice(index < 0 ? afterDirectives(body) : index + 1, 0, ...statements);
}

function destructuredProperty(j: JSCodeshift, entry: NamedLocal) {
  const property = j.objectProperty(j.identifier(entry.imported), j.identifier(entry.local));
  property.shorthand = entry.imported === entry.local;
  return property;
}
