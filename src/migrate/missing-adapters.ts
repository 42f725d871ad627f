/**
 * Adapters that sources already import but that are not there: what a migration interrupted between writing
 * a source and writing its adapter leaves (or a user deleting one). The next run generates them again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { adapterTemplates } from '../../codemods/kit/adapters/render.js';
import type { AdapterId } from '../../codemods/kit/codemod.js';
import { collectSourceFiles, SOURCE_EXTENSIONS } from '../audit/load/source-files.js';
import { adapterFolder } from './project-files.js';
import { packageRootOf } from './support-files.js';

const adapterIds = Object.keys(adapterTemplates) as AdapterId[];
/** `from '…'`, `require('…')`, `import('…')` of a relative path. */
const RELATIVE_SPECIFIER = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"\n]*)\1/g;

/** Whether a module `base` (a path without extension) exists in any source extension. */
function moduleExists(base: string): boolean {
  return SOURCE_EXTENSIONS.some((extension) => fs.existsSync(base + extension));
}

/** The adapters imported below `root` that are missing, by package root (see `packageRootOf`). */
export function missingAdapters(root: string): Map<string, AdapterId[]> {
  const missing = new Map<string, Set<AdapterId>>();
  for (const source of collectSourceFiles(root, [root], [], [])) {
    if (!source.text.includes('stateless/')) continue;
    for (const match of source.text.matchAll(RELATIVE_SPECIFIER)) {
      const target = path.resolve(path.dirname(source.path), match[2]!);
      const base = target.slice(0, target.length - path.extname(target).length);
      const id = adapterIds.find((candidate) => path.basename(base) === candidate);
      if (!id || moduleExists(base)) continue;
      const packageRoot = packageRootOf(source.path, root);
      if (path.dirname(base) !== adapterFolder(packageRoot)) continue;
      missing.set(packageRoot, (missing.get(packageRoot) ?? new Set()).add(id));
    }
  }
  return new Map([...missing].map(([packageRoot, ids]) => [packageRoot, adapterIds.filter((id) => ids.has(id))]));
}
