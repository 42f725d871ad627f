/** multer `dest` and `diskStorage` → multer-s3 storage in the bucket of the s3 adapter. */
import { importedBindings, localsOf } from '../kit/imports.js';
import { declaringScope, dottedName, knownProperties, loose, memberName, propertyName, type Loose, type AnyPath } from './ast.js';
import { stringValue } from '../kit/ast.js';
import { defaultKeyPrefix, multerModules, multerS3Module } from './modules.js';
import { stringLiteral } from '../kit/style.js';
import { expression, shorthand, sourceOf } from './snippets.js';
import type { Migration } from './state.js';

export interface MulterOutcome {
  /** multer now stores in S3, so the file's `req.file.path` uses must become `.key`. */
  rewritten: boolean;
  /** Source text of the old upload directories (`config.uploadDir`), to spot code still reading them. */
  uploadDirectories: string[];
}

/** Rewrites every multer disk storage of the file. */
export function migrateMulter(m: Migration): MulterOutcome {
  const { j, root } = m;
  const outcome: MulterOutcome = { rewritten: false, uploadDirectories: [] };
  const bindings = importedBindings(j, root, multerModules);
  if (bindings.length === 0) return outcome;
  const program = root.find(j.Program).paths()[0]?.node;
  const isModuleBinding = (path: AnyPath, name: string, locals: string[]) => locals.includes(name) && declaringScope(path, name) === program;
  const factories = localsOf(bindings, 'default');
  const namespaces = bindings.filter((binding) => binding.imported === 'default' || binding.imported === '*').map((binding) => binding.local);
  const diskStorages = localsOf(bindings, 'diskStorage');
  const seenOptions = new Set<unknown>();

  root.find(j.CallExpression).forEach((call) => {
    const callee = loose(call.node.callee);
    if (callee.type === 'Identifier' && isModuleBinding(call, callee.name, factories)) {
      const options = optionsPath(m, call, seenOptions);
      if (options && rewriteDest(m, call, options, outcome)) outcome.rewritten = true;
      return;
    }
    const isDiskStorage =
      (callee.type === 'Identifier' && isModuleBinding(call, callee.name, diskStorages)) ||
      (memberName(callee) === 'diskStorage' && callee.object.type === 'Identifier' && isModuleBinding(call, callee.object.name, namespaces));
    if (isDiskStorage && rewriteDiskStorage(m, call, outcome)) outcome.rewritten = true;
  });
  return outcome;
}

/** The options object literal of `multer(options)`: inline, or a same-file variable used nowhere else. */
function optionsPath(m: Migration, call: AnyPath, seen: Set<unknown>): AnyPath | undefined {
  const { j } = m;
  const argument = loose(loose(call.node).arguments[0] ?? null);
  if (argument?.type === 'ObjectExpression') return call.get('arguments', 0) as AnyPath;
  if (argument?.type !== 'Identifier') return undefined;
  const scope = declaringScope(call, argument.name);
  const declarator = m.root
    .find(j.VariableDeclarator, { id: { type: 'Identifier', name: argument.name } })
    .filter((path) => declaringScope(path, argument.name) === scope)
    .paths()[0];
  const init = loose(declarator?.node.init ?? null);
  if (init?.type !== 'ObjectExpression' || seen.has(init)) return undefined;
  seen.add(init);
  const otherUses = m.root
    .find(j.Identifier, { name: argument.name })
    .filter((path) => path.parent?.node !== declarator!.node && declaringScope(path, argument.name) === scope)
    .filter((path) => !(loose(path.parent.node).type === 'CallExpression' && loose(path.parent.node).arguments[0] === path.node && path.name === 0));
  if (otherUses.size() > 0 && findProperty(init, 'dest')) {
    m.skipped(call, 'multer-options-shared', { name: argument.name });
    return undefined;
  }
  return declarator!.get('init') as AnyPath;
}

function findProperty(object: Loose, name: string): Loose | undefined {
  return (object.properties as Loose[]).find((property) => propertyName(property) === name);
}

/** Longest line a rewritten one-line options object may make before it is laid out one property a line. */
const maxLineLength = 120;

function rewriteDest(m: Migration, call: AnyPath, optionsAt: AnyPath, outcome: MulterOutcome): boolean {
  const options = loose(optionsAt.node);
  const dest = findProperty(options, 'dest');
  if (!dest || dest.type === 'ObjectMethod' || dest.method) return false;
  if (findProperty(options, 'storage')) {
    m.skipped(call, 'multer-dest-and-storage');
    return false;
  }
  const prefix = keyPrefix(dest.value);
  outcome.uploadDirectories.push(sourceOf(m.j, dest.value));
  const key = `${m.adapter('uploadKey')}(${stringLiteral(prefix, m.context.style.quote)})`;
  const storage = storageCall(m, `key: ${key}`, isMultiline(options));
  const properties = options.properties as Loose[];
  const width = (options.loc?.start.column ?? 0) + sourceOf(m.j, options).length - sourceOf(m.j, dest).length + sourceOf(m.j, storage).length;
  if (isMultiline(options) || width <= maxLineLength) {
    properties.splice(properties.indexOf(dest), 1, loose(m.j.objectProperty(m.j.identifier('storage'), storage as never)));
  } else {
    // Too long for one line: one property a line, the others keeping their text.
    const lines = properties.map((property, index) => (property === dest ? '  storage: $0,\n' : `  $${index + 1}: 0,\n`));
    optionsAt.replace(expression(m.j, `{\n${lines.join('')}}`, storage, ...properties));
  }
  m.changed(call, `multer \`dest\` → multer-s3 storage in the S3 bucket (keys \`${prefix}/<uuid>\`)`);
  return true;
}

function rewriteDiskStorage(m: Migration, call: AnyPath, outcome: MulterOutcome): boolean {
  const { j } = m;
  const argument = loose(loose(call.node).arguments[0] ?? null);
  const properties = argument ? knownProperties(argument) : undefined;
  if (!properties || [...properties.keys()].some((name) => name !== 'destination' && name !== 'filename')) {
    m.skipped(call, 'multer-disk-storage-options');
    return false;
  }
  const destination = properties.get('destination');
  const destinationValue = destination && !destination.method && destination.type !== 'ObjectMethod' ? destination.value : undefined;
  if (destinationValue && !['FunctionExpression', 'ArrowFunctionExpression'].includes(destinationValue.type)) {
    outcome.uploadDirectories.push(sourceOf(j, destinationValue));
  }
  const filename = properties.get('filename');
  const multiline = isMultiline(argument);
  let storage: Loose;
  let description = 'multer.diskStorage → multer-s3 storage in the S3 bucket (key from the `filename` function)';
  if (filename && /\boriginalname\b/.test(sourceOf(j, filename))) {
    // The client's file name would name the object: anyone could pick (and overwrite) keys. `originalname` stays for download names.
    const prefix = keyPrefix(destinationValue);
    storage = storageCall(m, `key: ${m.adapter('uploadKey')}(${stringLiteral(prefix, m.context.style.quote)})`, multiline);
    description = `multer.diskStorage → multer-s3 storage in the S3 bucket (keys \`${prefix}/<uuid>\`, not the client's file name, which the \`filename\` function used)`;
  } else if (filename && (filename.type === 'ObjectMethod' || filename.method)) {
    // `filename(req, file, cb) { … }` has the shape of multer-s3's `key(req, file, cb)`.
    filename.key = j.identifier('key');
    storage = storageCall(m, '$0: 0', multiline, filename);
  } else if (filename && ['FunctionExpression', 'ArrowFunctionExpression', 'Identifier'].includes(filename.value.type)) {
    storage = storageCall(m, 'key: $0', multiline, filename.value);
  } else if (filename) {
    m.skipped(call, 'multer-filename');
    return false;
  } else {
    const prefix = keyPrefix(destinationValue);
    storage = storageCall(m, `key: ${m.adapter('uploadKey')}(${stringLiteral(prefix, m.context.style.quote)})`, multiline);
    description = `multer.diskStorage → multer-s3 storage in the S3 bucket (keys \`${prefix}/<uuid>\`)`;
  }
  m.changed(call, description);
  call.replace(storage);
  return true;
}

function isMultiline(node: Loose): boolean {
  return node.loc !== undefined && node.loc !== null && node.loc.start.line !== node.loc.end.line;
}

/** `multerS3({ s3, bucket, contentType: multerS3.AUTO_CONTENT_TYPE, <key> })`, laid out like the options it replaces. */
function storageCall(m: Migration, key: string, multiline: boolean, ...nodes: unknown[]): Loose {
  const multerS3 = m.name(multerS3Module, 'default', 'multerS3');
  const properties = [shorthand('s3', m.adapter('s3')), shorthand('bucket', m.adapter('bucket')), `contentType: ${multerS3}.AUTO_CONTENT_TYPE`, key];
  const code = multiline ? `${multerS3}({\n${properties.map((property) => `  ${property},\n`).join('')}})` : `${multerS3}({ ${properties.join(', ')} })`;
  return expression(m.j, code, ...nodes);
}

/** A key prefix from an upload directory written as a literal (`'uploads/'`, `path.join(__dirname, 'public/avatars')`). */
export function keyPrefix(directory: unknown): string {
  let text = stringValue(directory);
  const call = loose(directory ?? null);
  if (text === undefined && call?.type === 'CallExpression' && ['join', 'resolve'].includes(dottedName(call.callee)?.at(-1) ?? '')) {
    text = stringValue(call.arguments.at(-1));
  }
  const segment = (text ?? '')
    .split(/[\\/]+/)
    .filter((part) => part !== '' && part !== '.' && part !== '..')
    .at(-1);
  const safe = segment?.replace(/[^\w.-]+/g, '-').replace(/^\.+/, '');
  return safe || defaultKeyPrefix;
}
