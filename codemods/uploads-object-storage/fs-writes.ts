/** fs writes while handling a request → `putObject(file, data)` of the s3 adapter. */
import { fsExtraWriterFunctions, fsWriterFunctions } from '../../src/knowledge/files.js';
import { importedBindings, removeUnusedImports, type ImportedBinding } from '../kit/imports.js';
import { declaringScope, dottedName, knownProperties, loose, type Loose, type AnyPath } from './ast.js';
import { enclosingFunction, isFunction, stringValue } from '../kit/ast.js';
import { isRequestParameter, type RequestHandlers } from './handlers.js';
import {
  allFsModules, busboyModules, callbackFsModules, cleanupFunctions, directoryMakers, promiseByDefaultFsModules, promiseFsModules, streamModules,
  streamPromiseModules, wholeFileWriters,
} from './modules.js';
import { expression } from './snippets.js';
import type { Migration } from './state.js';

const writers: ReadonlySet<string> = new Set([...fsWriterFunctions, ...fsExtraWriterFunctions]);

/** Identifiers the rewritten code stored under (the first argument of a rewritten write), by declaring scope. */
export class WrittenFiles {
  private readonly written: { scope: unknown; name: string }[] = [];

  add(path: AnyPath, node: Loose): void {
    if (node.type === 'Identifier') this.written.push({ scope: declaringScope(path, node.name), name: node.name });
  }

  /** Whether `node`, seen from `path`, is a variable a rewritten write stored under. */
  has(path: AnyPath, node: Loose): boolean {
    return node.type === 'Identifier' && this.written.some((entry) => entry.name === node.name && entry.scope === declaringScope(path, node.name));
  }
}

export interface FsCall {
  /** The function without `Sync`: `writeFile`. */
  fn: string;
  form: 'promise' | 'sync' | 'callback';
  /** How the code names it, for messages: `fs.promises.writeFile`. */
  text: string;
}

/** Rewrites the file's fs writes inside request handlers and returns what they stored under. */
export function migrateFsWrites(m: Migration, handlers: RequestHandlers): WrittenFiles {
  const { j, root } = m;
  const written = new WrittenFiles();
  const bindings = importedBindings(j, root, allFsModules);
  if (bindings.length === 0) return written;
  const program = root.find(j.Program).paths()[0]?.node;
  const rewrittenIn = new Set<unknown>();
  const skippedIn = new Set<unknown>();
  const directoryCalls: { call: AnyPath; text: string }[] = [];
  // Removals wait until the writes are known: in a folder now stored in the bucket they are the cleanup's (cleanup.ts).
  const removals: { call: AnyPath; text: string }[] = [];
  const busboy = importedBindings(j, root, busboyModules).length > 0;

  root.find(j.CallExpression).forEach((call) => {
    const fsCall = resolveFsCall(call, bindings, program);
    if (!fsCall || !writers.has(fsCall.fn) || !handlers.contains(call)) return;
    const scope = enclosingFunction(call)?.node;
    if (fsCall.fn === 'createWriteStream') {
      if (rewritePipeline(m, call, written, program)) rewrittenIn.add(scope);
      else {
        skippedIn.add(scope);
        m.skipped(call, busboy ? 'upload-busboy-stream' : 'upload-stream-shape', { call: fsCall.text });
      }
      return;
    }
    if (cleanupFunctions.has(fsCall.fn)) {
      removals.push({ call, text: fsCall.text });
      return;
    }
    if (directoryMakers.has(fsCall.fn) && directoryStatement(call)) {
      directoryCalls.push({ call, text: fsCall.text });
      return;
    }
    if (wholeFileWriters.has(fsCall.fn) && rewriteWrite(m, call, fsCall, written)) rewrittenIn.add(scope);
    else {
      skippedIn.add(scope);
      if (!wholeFileWriters.has(fsCall.fn)) {
        m.skipped(call, 'upload-other-writer', { call: fsCall.text });
      }
    }
  });

  for (const { call, text } of removals) {
    if (m.inStoredFolder(call, (loose(call.node).arguments as Loose[])[0])) continue;
    skippedIn.add(enclosingFunction(call)?.node);
    m.skipped(call, 'upload-other-writer', { call: text });
  }
  for (const { call, text } of directoryCalls) {
    const scope = enclosingFunction(call)?.node;
    if (rewrittenIn.has(scope) && !skippedIn.has(scope)) {
      m.changed(call, `removed \`${text}\`: the files it made room for are now stored in S3, which has no directories`);
      j(directoryStatement(call)!).remove();
    } else if (rewrittenIn.has(scope)) {
      m.skipped(call, 'upload-directory-kept', { call: text });
    } else {
      m.skipped(call, 'upload-other-writer', { call: text });
    }
  }
  if (rewrittenIn.size > 0) removeUnusedImports(j, root, [...allFsModules, ...streamPromiseModules, ...streamModules]);
  return written;
}

/** The fs function a call reaches through the file's imports, with its calling convention. */
export function resolveFsCall(call: AnyPath, bindings: ImportedBinding[], program: unknown): FsCall | undefined {
  const chain = dottedName(loose(call.node).callee);
  const binding = chain && bindings.find((candidate) => candidate.local === chain[0]);
  if (!chain || !binding || declaringScope(call, chain[0]!) !== program) return undefined;
  const members = binding.imported === 'default' || binding.imported === '*' ? chain.slice(1) : [binding.imported, ...chain.slice(1)];
  const text = chain.join('.');
  const args = loose(call.node).arguments as Loose[];
  if (callbackFsModules.includes(binding.module)) {
    if (members.length === 2 && members[0] === 'promises') return { fn: members[1]!, form: 'promise', text };
    if (members.length !== 1) return undefined;
    const name = members[0]!;
    if (name.endsWith('Sync')) return { fn: name.slice(0, -'Sync'.length), form: 'sync', text };
    const hasCallback = args.length > 0 && isFunction(args[args.length - 1]);
    return { fn: name, form: !hasCallback && promiseByDefaultFsModules.includes(binding.module) ? 'promise' : 'callback', text };
  }
  if (promiseFsModules.includes(binding.module) && members.length === 1) return { fn: members[0]!, form: 'promise', text };
  return undefined;
}

/** Whether a third `writeFile` argument only says UTF-8, which is how strings are stored anyway. */
function isUtf8Encoding(options: Loose | undefined): boolean {
  if (options === undefined) return true;
  const utf8 = (node: unknown) => ['utf8', 'utf-8'].includes(stringValue(node)?.toLowerCase() ?? '');
  if (utf8(options)) return true;
  const properties = knownProperties(options);
  return properties !== undefined && properties.size === 1 && properties.has('encoding') && utf8(properties.get('encoding')!.value);
}

function rewriteWrite(m: Migration, call: AnyPath, fsCall: FsCall, written: WrittenFiles): boolean {
  const { j } = m;
  const args = loose(call.node).arguments as Loose[];
  if (fsCall.form === 'callback') {
    m.skipped(call, 'upload-write-callback', { call: fsCall.text });
    return false;
  }
  if (args.length < 2 || args.length > 3 || args.some((arg) => arg.type === 'SpreadElement') || !isUtf8Encoding(args[2])) {
    m.skipped(call, 'upload-write-options', { call: fsCall.text });
    return false;
  }
  const statement = loose(call.parent.node);
  if (fsCall.form === 'sync') {
    const fn = enclosingFunction(call);
    if (statement.type !== 'ExpressionStatement' || !fn || !loose(fn.node).async) {
      m.skipped(call, 'upload-write-sync', { call: fsCall.text });
      return false;
    }
  }
  m.stored(call, args[0]);
  const put = `${fsCall.form === 'sync' ? 'await ' : ''}${m.adapter('putObject')}($0, $1)`;
  m.changed(call, `\`${fsCall.text}\` → \`putObject\` into the S3 bucket`);
  call.replace(expression(j, put, args[0], args[1]));
  written.add(call, args[0]!);
  return true;
}

/** `await pipeline(req, fs.createWriteStream(file))` → `await putObject(file, req)`. */
function rewritePipeline(m: Migration, streamCall: AnyPath, written: WrittenFiles, program: unknown): boolean {
  const { j, root } = m;
  const pipelineCall = streamCall.parent as AnyPath;
  const pipeline = loose(pipelineCall.node);
  const streamArgs = loose(streamCall.node).arguments as Loose[];
  if (pipeline.type !== 'CallExpression' || pipeline.arguments.length !== 2 || pipeline.arguments[1] !== streamCall.node || streamArgs.length !== 1) return false;
  if (loose(pipelineCall.parent.node).type !== 'AwaitExpression') return false;
  const source = loose(pipeline.arguments[0]);
  if (source.type !== 'Identifier' || !isRequestParameter(pipelineCall, source.name)) return false;
  const chain = dottedName(pipeline.callee);
  const binding = chain && importedBindings(j, root, [...streamPromiseModules, ...streamModules]).find((candidate) => candidate.local === chain[0]);
  if (!chain || !binding || declaringScope(pipelineCall, chain[0]!) !== program) return false;
  const members = binding.imported === 'default' || binding.imported === '*' ? chain.slice(1) : [binding.imported, ...chain.slice(1)];
  const path = streamPromiseModules.includes(binding.module) ? members : members[0] === 'promises' ? members.slice(1) : [];
  if (path.join('.') !== 'pipeline') return false;
  m.stored(streamCall, streamArgs[0]);
  m.changed(streamCall, `\`pipeline(${source.name}, createWriteStream(…))\` → \`putObject\` streaming the request into the S3 bucket`);
  pipelineCall.replace(expression(j, `${m.adapter('putObject')}($0, $1)`, streamArgs[0], source));
  written.add(pipelineCall, streamArgs[0]!);
  return true;
}

/** The statement `[await] fs.mkdir(…);` holding `call`, or undefined when the call is part of something bigger. */
function directoryStatement(call: AnyPath): AnyPath | undefined {
  let current = call.parent as AnyPath;
  if (loose(current.node).type === 'AwaitExpression') current = current.parent as AnyPath;
  return loose(current.node).type === 'ExpressionStatement' ? current : undefined;
}
