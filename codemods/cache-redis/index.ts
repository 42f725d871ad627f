/**
 * cache-redis: module-level Map/object caches and lru-cache/node-cache (and similar) instances become a
 * SharedCache in Redis, every use awaited. A cache with any use that cannot await, or that leaves the
 * file's sight, stays exactly as it is and is reported with the reason.
 */
import { classifyState, moduleSpecifiers, realtimeModules } from '../../src/knowledge/index.js';
import type { Collection } from 'jscodeshift';
import type { Codemod } from '../kit/codemod.js';
import { ensureImport, importedBindings, removeUnusedImports } from '../kit/imports.js';
import { jscodeshiftTransform } from '../kit/run.js';
import { lineOf } from '../kit/todo.js';
import { findCandidates, text, type CacheCandidate, type CandidateScan } from './candidates.js';
import { rewriteDeclaration } from './declaration.js';
import { cacheConstructors } from './libraries.js';
import { reportProviderMaps } from './providers.js';
import { localTypes, type TypeNode } from './types.js';
import { collectUses, type CacheUses } from './uses.js';
import { asyncFunctionNames } from './values.js';

const needs = { adapters: ['shared-cache' as const], dependencies: ['redis'], env: ['REDIS_URL'] };

interface Decision {
  candidate: CacheCandidate;
  uses: CacheUses;
  valueType: TypeNode | 'any' | undefined;
}

export const cacheRedis: Codemod = {
  id: 'cache-redis',
  title: 'Module-level Map/object caches and lru-cache/node-cache instances → a shared cache in Redis',
  transform(root, j, context, report) {
    const adapterModule = context.adapterSpecifier('shared-cache');
    // A file migrated before keeps needing the adapter it imports.
    if (importedBindings(j, root, [adapterModule]).length > 0) report.needs(needs);
    reportProviderMaps(j, root, context.file, report);

    const scan: CandidateScan = { j, root, source: originalSource(root), language: context.style.language, types: localTypes(j, root) };
    const useScan = { j, root, style: context.style, file: context.file, asyncFunctions: asyncFunctionNames(j, root) };
    const nearRealtime = importedBindings(j, root, moduleSpecifiers(realtimeModules)).length > 0;
    const decisions: Decision[] = [];
    for (const candidate of findCandidates(scan)) {
      const uses = collectUses(useScan, candidate);
      // A Map or object only filled at start-up is a lookup table, not a cache; one named like sessions,
      // connections, locks or counters is another check's, and its codemod's, to handle.
      if (candidate.builtIn && (!uses.writtenInFunction || classifyState(candidate.name, 'container', nearRealtime, false).check !== 'no-module-state')) continue;
      const line = lineOf(candidate.declarator);
      const valueType = candidate.api.valueTypeOnCalls ? typeFromCalls(scan, uses) : { valueType: candidate.valueType };
      const problem = candidate.problem ?? uses.problems[0]?.reason ?? ('problem' in valueType ? valueType.problem : undefined);
      if (candidate.exported) report.skipped(line, 'cache-exported', { name: candidate.name, label: candidate.api.label });
      else if (problem !== undefined) report.skipped(line, 'cache-not-rewritable', { name: candidate.name, problem });
      else decisions.push({ candidate, uses, valueType: 'valueType' in valueType ? valueType.valueType : undefined });
    }
    if (decisions.length === 0) return;

    const sharedCache = ensureImport(j, root, context.style, { module: adapterModule, imported: 'SharedCache' });
    // Innermost first, so that a use inside another use's arguments is already rewritten when the outer one moves.
    const planned = decisions.flatMap((decision) => decision.uses.planned).sort((a, b) => depth(b.reference) - depth(a.reference));
    for (const use of planned) use.apply();
    for (const { candidate, valueType } of decisions) {
      rewriteDeclaration(j, context, candidate, sharedCache, context.style.language === 'ts' ? valueType : undefined);
      report.changed(lineOf(candidate.declarator), `${candidate.name} → SharedCache in Redis`);
    }
    removeUnusedImports(j, root, [...new Set(cacheConstructors.flatMap((constructor) => constructor.modules))]);
    report.needs(needs);
  },
};

export default jscodeshiftTransform(cacheRedis);

/** The parsed text (what node offsets point into); printing the tree could already differ from it. */
function originalSource(root: Collection): string {
  const file = root.get().node as { loc?: { lines?: { toString(): string } } };
  return file.loc?.lines?.toString() ?? root.toSource();
}

function depth(path: { parent?: unknown }): number {
  let count = 0;
  for (let current = path.parent as { parent?: unknown } | undefined; current; current = current.parent as { parent?: unknown } | undefined) count += 1;
  return count;
}

/** node-cache names the value type on each call (`get<User>(key)`): one type for all calls becomes V. */
function typeFromCalls(scan: CandidateScan, uses: CacheUses): { valueType?: TypeNode } | { problem: string } {
  const distinct = new Map(uses.callTypes.map((type) => [text(scan, type), type]));
  if (distinct.size > 1) return { problem: `holds values of several types (${[...distinct.keys()].join(', ')}); give each its own cache first` };
  return { valueType: [...distinct.values()][0] };
}
