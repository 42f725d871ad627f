/**
 * Name, version and links of this tool. The version comes from the package.json beside the code: the published
 * eslint-plugin-stateless or stateless-cli, or the development workspace (found from src/, dist/src/ and the
 * packages' dist/src/). All three carry one version.
 */
import { readFileSync } from 'node:fs';

/** The plugin's name: ESLint's `meta.name` and the SARIF tool name, whichever package runs it. */
export const pluginName = 'eslint-plugin-stateless';
const manifestNames = new Set([pluginName, 'stateless-cli', 'stateless-workspace']);

function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (parsed.name && manifestNames.has(parsed.name) && parsed.version) return parsed.version;
    } catch {
      // not this level; try the next
    }
  }
  return '0.0.0';
}

const version = readVersion();

/**
 * Where the rule docs are read: the copy shipped in the published package of this very version (docs/rules/*.md),
 * through a registry file CDN. The one setting to change when the docs get a site of their own.
 */
const docsBaseUrl = `https://unpkg.com/${pluginName}@${version}/docs/rules/`;

export const packageInfo = {
  name: pluginName,
  version,
  homepage: `https://www.npmjs.com/package/${pluginName}`,
  docsBaseUrl,
};
