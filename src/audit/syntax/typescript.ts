/**
 * The one TypeScript compiler of an audit: the `typescript` package as @typescript-eslint/typescript-estree requires
 * it (a peer dependency of both), so that the rules convert the whole-program stages' parses and no second copy is
 * loaded. Its types are imported by name from 'typescript': type-only imports, which load nothing.
 */
import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';
import { FatalAuditError } from '../model.js';

// Resolved from typescript-estree's folder: the copy it converts parses with, however the package manager linked
// the peer dependency. Required, not imported: an ES-module import of the compiler's 9 MB CommonJS file has Node scan
// it for its named exports (cjs-module-lexer), which costs each thread more than loading it.
const estreeEntry = createRequire(import.meta.url).resolve('@typescript-eslint/typescript-estree');

export const ts = createRequire(estreeEntry)('typescript') as typeof TypeScript;

/** The oldest TypeScript whose API the audit reads (`JSDocParsingMode` is 5.3's; `using`, `satisfies` and bundler resolution are older). */
export const OLDEST_TYPESCRIPT = '5.3';

/** Whether the audit can run on the compiler of this `major.minor` version. */
export function supportsTypeScript(versionMajorMinor: string): boolean {
  const [major = 0, minor = 0] = versionMajorMinor.split('.').map(Number);
  const [oldestMajor = 0, oldestMinor = 0] = OLDEST_TYPESCRIPT.split('.').map(Number);
  return major > oldestMajor || (major === oldestMajor && minor >= oldestMinor);
}

// The user's own compiler: an older one is their setup to change, said in one line rather than a stack trace.
if (!supportsTypeScript(ts.versionMajorMinor)) {
  throw new FatalAuditError(`the audit needs TypeScript ${OLDEST_TYPESCRIPT} or later, and the typescript package installed is ${ts.version}: install a later one (npm install --save-dev typescript@latest)`);
}
