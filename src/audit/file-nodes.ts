/** The nodes the audit's stages look for, listed once per file: ts-morph wraps each node it hands out. */
import { SyntaxKind, type CallExpression, type NewExpression, type SourceFile } from 'ts-morph';
import type { FunctionLike } from './functions.js';

interface FileNodes {
  calls: CallExpression[];
  news: NewExpression[];
  functions: FunctionLike[];
}

const cache = new WeakMap<SourceFile, FileNodes>();

function nodesOf(sourceFile: SourceFile): FileNodes {
  let nodes = cache.get(sourceFile);
  if (!nodes) {
    nodes = {
      calls: sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression),
      news: sourceFile.getDescendantsOfKind(SyntaxKind.NewExpression),
      functions: [
        ...sourceFile.getDescendantsOfKind(SyntaxKind.FunctionDeclaration),
        ...sourceFile.getDescendantsOfKind(SyntaxKind.FunctionExpression),
        ...sourceFile.getDescendantsOfKind(SyntaxKind.ArrowFunction),
        ...sourceFile.getDescendantsOfKind(SyntaxKind.MethodDeclaration),
      ],
    };
    cache.set(sourceFile, nodes);
  }
  return nodes;
}

/** Every call expression of a file, in source order. */
export const callsIn = (sourceFile: SourceFile): readonly CallExpression[] => nodesOf(sourceFile).calls;
/** Every `new` expression of a file, in source order. */
export const newsIn = (sourceFile: SourceFile): readonly NewExpression[] => nodesOf(sourceFile).news;
/** Every function of a file (declarations, expressions, arrows, methods). */
export const functionsIn = (sourceFile: SourceFile): readonly FunctionLike[] => nodesOf(sourceFile).functions;
