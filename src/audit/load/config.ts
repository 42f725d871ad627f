/** The audit's configuration: `stateless.config.json`, or the `"stateless"` key of package.json. */
import fs from 'node:fs';
import path from 'node:path';
import { checkIds, type CheckId } from '../../catalog.js';
import { FatalAuditError } from '../model.js';

export interface AuditConfig {
  /** Globs (relative to the root) of files not to audit. */
  ignore: string[];
  /** Globs replacing the default test/worker/script file globs. */
  testFiles?: string[];
  workerFiles?: string[];
  scriptFiles?: string[];
  /** Extra entry files of the web process, and of workers, when conventions do not find them. */
  entries: string[];
  workers: string[];
  /** Checks turned off. */
  off: CheckId[];
  /** Where the configuration came from, for messages. */
  source?: string;
}

const knownKeys = ['ignore', 'testFiles', 'workerFiles', 'scriptFiles', 'entries', 'workers', 'rules'];

function stringList(value: unknown, key: string, source: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new FatalAuditError(`${source}: "${key}" must be a list of strings`);
  }
  return value as string[];
}

/** Validates a raw configuration object; throws a FatalAuditError that names the file and the key. */
export function parseConfig(raw: unknown, source: string): AuditConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new FatalAuditError(`${source}: the configuration must be an object`);
  const object = raw as Record<string, unknown>;
  const unknown = Object.keys(object).filter((key) => !knownKeys.includes(key));
  if (unknown.length > 0) throw new FatalAuditError(`${source}: unknown key ${unknown.map((key) => `"${key}"`).join(', ')} (known: ${knownKeys.join(', ')})`);
  const rules = object['rules'] ?? {};
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new FatalAuditError(`${source}: "rules" must map rule ids to "off" or "error"`);
  const off: CheckId[] = [];
  for (const [id, level] of Object.entries(rules)) {
    const bare = id.replace(/^stateless\//, '');
    if (!(checkIds as readonly string[]).includes(bare)) throw new FatalAuditError(`${source}: unknown rule "${id}" (run 'stateless rules' for the list)`);
    if (level !== 'off' && level !== 'error' && level !== 0 && level !== 2) throw new FatalAuditError(`${source}: rule "${id}" must be "off" or "error"`);
    if (level === 'off' || level === 0) off.push(bare as CheckId);
  }
  return {
    ignore: stringList(object['ignore'], 'ignore', source) ?? [],
    testFiles: stringList(object['testFiles'], 'testFiles', source),
    workerFiles: stringList(object['workerFiles'], 'workerFiles', source),
    scriptFiles: stringList(object['scriptFiles'], 'scriptFiles', source),
    entries: stringList(object['entries'], 'entries', source) ?? [],
    workers: stringList(object['workers'], 'workers', source) ?? [],
    off,
    source,
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new FatalAuditError(`${file}: cannot read the configuration (${(error as Error).message})`);
  }
}

/** The configuration of the project at `root`: stateless.config.json wins over package.json's "stateless". */
export function loadConfig(root: string, packageJson: Record<string, unknown> | undefined): AuditConfig {
  const file = path.join(root, 'stateless.config.json');
  if (fs.existsSync(file)) return parseConfig(readJson(file), 'stateless.config.json');
  if (packageJson && packageJson['stateless'] !== undefined) return parseConfig(packageJson['stateless'], 'package.json "stateless"');
  return { ignore: [], entries: [], workers: [], off: [] };
}
