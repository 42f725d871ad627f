/** Disk writes this codemod recognises but leaves to a person: reported, with a TODO saying what to do. */
import { importedBindings, localsOf } from '../kit/imports.js';
import { declaringScope, knownProperties, loose, memberName, type Loose, type AnyPath } from './ast.js';
import type { RequestHandlers } from './handlers.js';
import { formidableFactories } from '../../src/knowledge/codemods/uploads-object-storage.js';
import { formidableModules, sharpModules } from './modules.js';
import type { Migration } from './state.js';

/** Reports formidable `uploadDir` anywhere and `sharp(…).toFile()` in request handlers. */
export function flagUnsupported(m: Migration, handlers: RequestHandlers): void {
  flagFormidable(m);
  flagSharp(m, handlers);
}

function flagFormidable(m: Migration): void {
  const { j, root } = m;
  const bindings = importedBindings(j, root, formidableModules);
  if (bindings.length === 0) return;
  const program = root.find(j.Program).paths()[0]?.node;
  const factories = [...localsOf(bindings, 'default'), ...formidableFactories.flatMap((name) => localsOf(bindings, name))];
  const namespaces = bindings.filter((binding) => binding.imported === 'default' || binding.imported === '*').map((binding) => binding.local);
  const isFactory = (path: AnyPath, callee: Loose) => {
    if (callee.type === 'Identifier') return factories.includes(callee.name) && declaringScope(path, callee.name) === program;
    return formidableFactories.includes(memberName(callee) ?? '') && callee.object.type === 'Identifier' && namespaces.includes(callee.object.name);
  };
  root.find(j.Node, (node: Loose) => node.type === 'CallExpression' || node.type === 'NewExpression').forEach((call) => {
    const node = loose(call.node);
    if (!isFactory(call, node.callee) || !optionsOf(m, call, node.arguments[0])?.has('uploadDir')) return;
    m.skipped(call, 'formidable-upload-dir');
  });
}

/** The keys of an options object literal, inline or in a same-file variable. */
function optionsOf(m: Migration, call: AnyPath, argument: Loose | undefined): Map<string, Loose> | undefined {
  if (argument?.type === 'ObjectExpression') return knownProperties(argument);
  if (argument?.type !== 'Identifier') return undefined;
  const scope = declaringScope(call, argument.name);
  const declarator = m.root
    .find(m.j.VariableDeclarator, { id: { type: 'Identifier', name: argument.name } })
    .filter((path) => declaringScope(path, argument.name) === scope)
    .paths()[0];
  const init = loose(declarator?.node.init ?? null);
  return init?.type === 'ObjectExpression' ? knownProperties(init) : undefined;
}

function flagSharp(m: Migration, handlers: RequestHandlers): void {
  const { j, root } = m;
  const bindings = importedBindings(j, root, sharpModules);
  const sharp = localsOf(bindings, 'default');
  if (sharp.length === 0) return;
  root.find(j.CallExpression).forEach((call) => {
    if (memberName(call.node.callee) !== 'toFile' || !handlers.contains(call)) return;
    // Down the chain `sharp(input).resize(…).toFile(…)` to its first call.
    let link = loose(call.node.callee).object as Loose;
    while (link.type === 'CallExpression' && memberName(link.callee) !== undefined) link = link.callee.object;
    if (link.type !== 'CallExpression' || link.callee.type !== 'Identifier' || !sharp.includes(link.callee.name)) return;
    m.skipped(call, 'sharp-to-file');
  });
}
