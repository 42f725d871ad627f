/**
 * Whether the project already runs several instances on one host — `node:cluster` forking workers, PM2 in cluster
 * mode — so that every finding bites today, not only when the app is scaled out.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Node, SourceFile } from 'typescript';
import { clusterForkApis, pm2ClusterModes, pm2InstancesScript, pm2MeansSeveral, pm2ProcessFiles } from '../../knowledge/process-model.js';
import type { Evidence } from '../model.js';
import type { PackageInfo } from '../load/workspaces.js';
import { calleeTarget, fileBindings, finalApiNames, matchesApi } from '../syntax/bindings.js';
import { callsNamed, lineOf } from '../syntax/file-nodes.js';
import { ts } from '../syntax/typescript.js';

const forkNames = new Set(finalApiNames(clusterForkApis));

/** `cluster.fork()` in a file of the web process. */
function clusterForks(webFiles: readonly { relative: string; sourceFile: SourceFile }[]): Evidence[] {
  const found: Evidence[] = [];
  for (const { relative, sourceFile } of webFiles) {
    const bindings = fileBindings(sourceFile);
    for (const call of callsNamed(sourceFile, forkNames, (name) => bindings.has(name))) {
      const target = calleeTarget(call.expression, bindings);
      if (!target || !clusterForkApis.some((api) => matchesApi(target, api))) continue;
      found.push({ file: relative, line: lineOf(call), note: 'node:cluster forks workers that share the port' });
      break;
    }
  }
  return found;
}

function propertyName(node: Node): string | undefined {
  return ts.isIdentifier(node) || ts.isStringLiteral(node) ? node.text : undefined;
}

/** A literal's value, for the few shapes a process file uses: strings, numbers, `-1`. */
function literalValue(node: Node): unknown {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return -Number(node.operand.text);
  return undefined;
}

/** The line of an app object in a JavaScript process file that runs several instances, if any. */
function clusteredAppInScript(sourceFile: SourceFile): number | undefined {
  let found: number | undefined;
  const visit = (node: Node): void => {
    if (found !== undefined) return;
    if (ts.isObjectLiteralExpression(node)) {
      const values = new Map<string, unknown>();
      for (const property of node.properties) {
        const name = property.name && propertyName(property.name);
        if (name !== undefined && ts.isPropertyAssignment(property)) values.set(name, literalValue(property.initializer));
      }
      if (clusteredApp(values)) found = lineOf(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** PM2 runs an app as several instances when it says `instances: max` (or a number above one), with or without `exec_mode: 'cluster'`. */
function clusteredApp(values: ReadonlyMap<string, unknown>): boolean {
  if (!values.has('instances')) return false;
  const mode = values.get('exec_mode');
  if (mode !== undefined && !(typeof mode === 'string' && pm2ClusterModes.includes(mode))) return false;
  return pm2MeansSeveral(values.get('instances'));
}

function clusteredAppInJson(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  const apps = parsed && typeof parsed === 'object' ? (parsed as { apps?: unknown }).apps : undefined;
  const list = Array.isArray(apps) ? apps : apps && typeof apps === 'object' ? [apps] : [];
  return list.some((app) => app !== null && typeof app === 'object' && clusteredApp(new Map(Object.entries(app as object))));
}

function readSmallFile(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size < 256 * 1024 ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The line of a JSON key (`"start":`), 1 when it cannot be found. */
function lineOfKey(text: string | undefined, key: string): number {
  const index = text?.indexOf(`${JSON.stringify(key)}:`) ?? -1;
  return index < 0 || text === undefined ? 1 : text.slice(0, index).split('\n').length;
}

/** PM2 process files and `pm2 start … -i N` scripts of each package that run several instances. */
function pm2Clusters(root: string, packages: readonly PackageInfo[]): Evidence[] {
  const found: Evidence[] = [];
  for (const pkg of packages) {
    const prefix = pkg.dir === '.' ? '' : `${pkg.dir}/`;
    for (const name of pm2ProcessFiles) {
      const text = readSmallFile(path.join(root, pkg.dir, name));
      if (text === undefined) continue;
      const line = name.endsWith('.json')
        ? clusteredAppInJson(text) ? 1 : undefined
        : clusteredAppInScript(ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, name.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS));
      if (line !== undefined) found.push({ file: `${prefix}${name}`, line, note: 'PM2 runs several instances in cluster mode' });
    }
    const scripts = pkg.json['scripts'];
    if (!scripts || typeof scripts !== 'object') continue;
    for (const [script, command] of Object.entries(scripts as Record<string, unknown>)) {
      const instances = typeof command === 'string' ? pm2InstancesScript.exec(command)?.[1] : undefined;
      if (instances === undefined || !pm2MeansSeveral(instances)) continue;
      const line = lineOfKey(readSmallFile(path.join(root, pkg.dir, 'package.json')), script);
      found.push({ file: `${prefix}package.json`, line, note: `the \`${script}\` script starts PM2 with ${instances} instances` });
    }
  }
  return found;
}

/** Where the project runs several instances of its web process on one host (empty when it does not). */
export function instancesOnOneHost(root: string, packages: readonly PackageInfo[], webFiles: readonly { relative: string; sourceFile: SourceFile }[]): Evidence[] {
  return [...clusterForks(webFiles), ...pm2Clusters(root, packages)];
}
