/**
 * The one TypeScript compiler of an audit: the `typescript` package as @typescript-eslint/typescript-estree requires
 * it (a peer dependency of both), so that the rules convert the whole-program stages' parses and no second copy is
 * loaded. Its types are imported by name from 'typescript': type-only imports, which load nothing.
 */
import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';

// Resolved from typescript-estree's folder: the copy it converts parses with, however the package manager linked
// the peer dependency. Required, not imported: an ES-module import of the compiler's 9 MB CommonJS file has Node scan
// it for its named exports (cjs-module-lexer), which costs each thread more than loading it.
const estreeEntry = createRequire(import.meta.url).resolve('@typescript-eslint/typescript-estree');

export const ts = createRequire(estreeEntry)('typescript') as typeof TypeScript;
