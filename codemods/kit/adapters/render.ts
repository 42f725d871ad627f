/** Writes the adapter templates out in the project's language and module style. */
import { ts } from 'ts-morph';
import type { AdapterId } from '../codemod.js';
import type { SourceStyle } from '../style.js';
import { jobsAdapter } from './jobs.js';
import { redisAdapter } from './redis.js';
import { s3Adapter } from './s3.js';
import { sharedCacheAdapter } from './shared-cache.js';

interface AdapterTemplate {
  source: string;
  /** Adapters this one imports. */
  requires: readonly AdapterId[];
  dependencies: readonly string[];
  env: readonly string[];
}

export const adapterTemplates: Record<AdapterId, AdapterTemplate> = {
  redis: { source: redisAdapter, requires: [], dependencies: ['redis'], env: ['REDIS_URL'] },
  'shared-cache': { source: sharedCacheAdapter, requires: ['redis'], dependencies: [], env: [] },
  s3: { source: s3Adapter, requires: [], dependencies: ['@aws-sdk/client-s3', '@aws-sdk/lib-storage'], env: ['S3_BUCKET', 'S3_ENDPOINT'] },
  jobs: { source: jobsAdapter, requires: ['redis'], dependencies: ['bullmq'], env: [] },
};

/** The adapters `wanted` need, themselves included, in a stable order. */
export function withRequiredAdapters(wanted: Iterable<AdapterId>): AdapterId[] {
  const all = new Set<AdapterId>();
  const visit = (id: AdapterId) => {
    if (all.has(id)) return;
    all.add(id);
    adapterTemplates[id].requires.forEach(visit);
  };
  for (const id of wanted) visit(id);
  return (Object.keys(adapterTemplates) as AdapterId[]).filter((id) => all.has(id));
}

export interface RenderedFile {
  /** File name inside the adapter folder, e.g. `redis.ts`. */
  fileName: string;
  text: string;
}

type AdapterStyle = Pick<SourceStyle, 'language' | 'module' | 'importExtension'>;

/** Where a template's Redis keys (and BullMQ's) begin: the app's key name (see `kit/app-name.ts`). */
export const appNamePlaceholder = '__APP_NAME__';

/**
 * One adapter's file in the project's style: TypeScript or JavaScript, `import` or `require`, its keys under
 * `appName` (a key name: letters, digits, `.`, `_`, `-`).
 */
export function renderAdapter(id: AdapterId, style: AdapterStyle, appName: string): RenderedFile {
  let text = adapterTemplates[id].source
    .replace(/from '\.\/(\w[\w-]*)\.js'/g, (_whole, name: string) => `from './${name}${style.importExtension}'`)
    .replaceAll(appNamePlaceholder, appName);
  if (style.language === 'js') {
    text = toJavaScript(text);
    if (style.module === 'cjs') text = toCommonJs(text);
  }
  return { fileName: `${id}.${style.language}`, text };
}

/** Strips the types. TypeScript's printer drops blank lines and indents by four; both are put back. */
function toJavaScript(source: string): string {
  const output = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: false },
  }).outputText;
  return `${output
    .replace(/^( {4})+/gm, (indent) => ' '.repeat(indent.length / 2))
    .replace(/([;}])\n(?=(export |function |class |const |let |async function |\/\*\*))/g, '$1\n\n')
    .trimEnd()}\n`;
}

/** `import`/`export` of a template (simple, known shapes) turned into `require`/`module.exports`. */
function toCommonJs(source: string): string {
  const exported: string[] = [];
  const body = source
    .replace(/^import \{([^}]*)\} from '([^']+)';$/gm, (_whole, names: string, module: string) => `const {${names}} = require('${module}');`)
    .replace(/^import (\w+) from '([^']+)';$/gm, (_whole, name: string, module: string) => `const ${name} = require('${module}');`)
    .replace(/^export (async function|function|class|const|let) (\w+)/gm, (_whole, kind: string, name: string) => {
      exported.push(name);
      return `${kind} ${name}`;
    });
  return `'use strict';\n\n${body.trimEnd()}\n\nmodule.exports = { ${exported.join(', ')} };\n`;
}
