/** Name and version of this package, read from its package.json (found from src/ and from dist/src/). */
import { readFileSync } from 'node:fs';

function readPackageJson(): { name: string; version: string } {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'eslint-plugin-stateless' && parsed.version) return { name: parsed.name, version: parsed.version };
    } catch {
      // not this level; try the next
    }
  }
  return { name: 'eslint-plugin-stateless', version: '0.0.0' };
}

export const packageInfo = readPackageJson();
