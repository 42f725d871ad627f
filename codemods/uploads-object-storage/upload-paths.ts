/**
 * With multer-s3 an upload has no `path` on disk but a `key` in the bucket: `req.file.path` (and the
 * same on `req.files[i]` and on variables holding them) becomes the key.
 */
import { declaringScope, dottedName, loose, memberName, parameterName, propertyName, type Loose, type AnyPath } from './ast.js';
import { isFunction } from '../kit/ast.js';
import { isRequestParameter } from './handlers.js';
import { expression } from './snippets.js';
import type { Migration } from './state.js';

const iterationMethods: ReadonlySet<string> = new Set(['forEach', 'map', 'flatMap', 'filter', 'find', 'some', 'every']);
/** What multer's disk storage set on a file and multer-s3 does not. */
const diskOnlyFields: ReadonlySet<string> = new Set(['filename', 'destination']);

/** `req.file`, `req.files[i]` or `req.files` (with `many`) for the request parameter `req`. */
function isRequestUpload(path: AnyPath, node: Loose, many = false): boolean {
  const chain = dottedName(node);
  if (chain?.length === 2 && chain[1] === (many ? 'files' : 'file')) return isRequestParameter(path, chain[0]!);
  if (!many && (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && node.computed) return isRequestUpload(path, node.object, true);
  return false;
}

/** Variables holding one uploaded file: `const file = req.file`, `const { file } = req`, `req.files.map((file) => …)`, `for (const file of req.files)`. */
function uploadVariables(m: Migration): { scope: unknown; name: string }[] {
  const { j, root } = m;
  const variables: { scope: unknown; name: string }[] = [];
  const add = (path: AnyPath, name: string | undefined) => {
    if (name) variables.push({ scope: declaringScope(path, name), name });
  };
  root.find(j.VariableDeclarator).forEach((declarator) => {
    const { id, init } = loose(declarator.node);
    if (!init) return;
    if (id.type === 'Identifier' && isRequestUpload(declarator, init)) add(declarator, id.name);
    if (id.type === 'ObjectPattern' && init.type === 'Identifier' && isRequestParameter(declarator, init.name)) {
      const file = (id.properties as Loose[]).find((property) => propertyName(property) === 'file');
      if (file) add(declarator, parameterName(file.value));
    }
  });
  root.find(j.CallExpression).forEach((call) => {
    const { callee, arguments: args } = loose(call.node);
    const callback = loose(args[0] ?? null);
    if (!iterationMethods.has(memberName(callee) ?? '') || !isRequestUpload(call, callee.object, true) || !isFunction(callback)) return;
    const name = parameterName(callback.params[0]);
    if (name) variables.push({ scope: callback, name });
  });
  root.find(j.ForOfStatement).forEach((loop) => {
    const { left, right } = loose(loop.node);
    if (left.type === 'VariableDeclaration' && left.declarations.length === 1 && isRequestUpload(loop, right, true)) add(loop, parameterName(left.declarations[0].id));
  });
  return variables;
}

/** Rewrites the file's upload `.path` reads to `.key` and returns the rewritten member nodes. */
export function migrateUploadPaths(m: Migration): Set<unknown> {
  const { j, root } = m;
  const rewritten = new Set<unknown>();
  const variables = uploadVariables(m);
  const isUpload = (path: AnyPath, node: Loose) =>
    isRequestUpload(path, node) || (node.type === 'Identifier' && variables.some((variable) => variable.name === node.name && variable.scope === declaringScope(path, node.name)));

  root.find(j.VariableDeclarator).forEach((declarator) => {
    const { id, init } = loose(declarator.node);
    if (id.type !== 'ObjectPattern' || !init || !isUpload(declarator, init)) return;
    const field = (id.properties as Loose[]).map(propertyName).find((name) => name === 'path' || diskOnlyFields.has(name ?? ''));
    if (field) m.skipped(declarator, 'upload-field-destructured', { field });
  });

  const members = root.find(j.Node).filter((path) => ['path', ...diskOnlyFields].includes(memberName(path.node) ?? ''));
  members.forEach((member) => {
    const node = loose(member.node);
    const objectPath = member.get('object') as AnyPath;
    if (!isUpload(objectPath, node.object)) return;
    const field = memberName(node)!;
    if (field !== 'path') {
      m.skipped(member, 'upload-field-missing', { field });
      return;
    }
    if (isAssigned(member)) {
      m.skipped(member, 'upload-path-assigned');
      return;
    }
    m.changed(member, "upload `path` → `key`: multer-s3 stores the file under this key in the S3 bucket");
    if (!m.typescript) {
      node.property = j.identifier('key');
      rewritten.add(node);
      return;
    }
    // multer's types know only disk files; multer-s3's add `key`.
    const optional = node.optional === true || node.type === 'OptionalMemberExpression';
    const key = expression(j, optional ? '($0 as Express.MulterS3.File | undefined)?.key' : '($0 as Express.MulterS3.File).key', node.object);
    member.replace(key);
    rewritten.add(key);
  });
  return rewritten;
}

function isAssigned(member: AnyPath): boolean {
  const parent = loose(member.parent?.node);
  return (parent?.type === 'AssignmentExpression' && parent.left === member.node) || (parent?.type === 'UpdateExpression');
}
