/** The files migrate adds or edits besides the rewritten sources: package.json, .env.example, the adapters. */
import fs from 'node:fs';
import path from 'node:path';
import { dependencyVersions } from '../../codemods/kit/dependencies.js';

/** Where generated adapters go: `src/stateless` when the project has a `src` folder, else `stateless`. */
export function adapterFolder(root: string): string {
  return fs.existsSync(path.join(root, 'src')) ? path.join(root, 'src', 'stateless') : path.join(root, 'stateless');
}

export interface PackageEdit {
  text: string;
  /** `name@version` added, by section. */
  added: { dependencies: string[]; devDependencies: string[] };
  scripts: string[];
}

/** package.json's contents; a leading byte order mark is allowed, as npm allows it. Throws on invalid JSON. */
export function parseManifest(text: string): Record<string, Record<string, string> | undefined> {
  return JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, Record<string, string> | undefined>;
}

/**
 * package.json with the packages rewritten code imports, at the versions tested together. A package the
 * project already lists keeps its version; formatting (indentation, line endings, final newline, a byte
 * order mark) is kept.
 */
export function editPackageJson(
  original: string,
  dependencies: readonly string[],
  devDependencies: readonly string[],
  scripts: Record<string, string>,
  versions: Readonly<Record<string, string>> = dependencyVersions,
): PackageEdit {
  const manifest = parseManifest(original);
  const indent = /^([ \t]+)"/m.exec(original)?.[1] ?? '  ';
  const newline = original.includes('\r\n') ? '\r\n' : '\n';
  const added: PackageEdit['added'] = { dependencies: [], devDependencies: [] };
  const listed = (name: string) => Boolean(manifest.dependencies?.[name] ?? manifest.devDependencies?.[name]);
  for (const [section, names] of [['dependencies', dependencies], ['devDependencies', devDependencies]] as const) {
    for (const name of [...names].sort()) {
      if (listed(name)) continue;
      const version = versions[name]!;
      manifest[section] = sortedObject({ ...(manifest[section] ?? {}), [name]: version });
      added[section].push(`${name}@${version}`);
    }
  }
  const addedScripts: string[] = [];
  for (const [name, command] of Object.entries(scripts)) {
    if (manifest.scripts?.[name]) continue;
    manifest.scripts = { ...(manifest.scripts ?? {}), [name]: command };
    addedScripts.push(`${name}: ${command}`);
  }
  const bom = original.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = bom + JSON.stringify(manifest, null, indent).replace(/\n/g, newline) + (original.endsWith('\n') ? newline : '');
  return { text, added, scripts: addedScripts };
}

function sortedObject(object: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

const envDescriptions: Record<string, string> = {
  REDIS_URL: 'Shared Redis for sessions, caches, rate limits and jobs, e.g. redis://redis:6379',
  S3_BUCKET: 'Bucket that holds uploaded and generated files',
  S3_ENDPOINT: 'Only for S3-compatible servers (MinIO, …), e.g. http://minio:9000',
};

/** `.env.example` with the variables the migrated code reads appended, each once. */
export function editEnvExample(original: string | undefined, variables: readonly string[]): { text: string; added: string[] } {
  const present = new Set([...(original ?? '').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));
  const added = variables.filter((name) => !present.has(name));
  if (added.length === 0) return { text: original ?? '', added };
  const lines = added.map((name) => `# ${envDescriptions[name] ?? 'Read by the migrated code'}\n${name === 'S3_ENDPOINT' ? '# ' : ''}${name}=`);
  const base = original === undefined || original === '' ? '' : original.endsWith('\n') ? original : `${original}\n`;
  return { text: `${base}${base ? '\n' : ''}${lines.join('\n')}\n`, added };
}
