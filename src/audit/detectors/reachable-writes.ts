/**
 * Files: disk writes in any function a handler reaches, across files — the helper `saveReport()` in
 * src/lib/reports.ts called by a route registered in a third file. One file never shows that.
 */
import type { Node } from 'typescript';
import { localFilePatterns } from '../../knowledge/index.js';
import { calleeTarget, fileBindings, matchesApi } from '../syntax/bindings.js';
import { callsWithin, lineOf } from '../syntax/file-nodes.js';
import type { CrossFileHit, DetectorContext } from './context.js';

/** Writes reached from a handler: each reported at the write, with the call chain as evidence. */
export function reachableWrites(context: DetectorContext): CrossFileHit[] {
  const patterns = localFilePatterns.filter((pattern) => pattern.scope === 'request' && pattern.api.use === 'call' && !pattern.instance && !pattern.chainMethod && !pattern.when);
  const hits: CrossFileHit[] = [];
  const seen = new Set<Node>();
  for (const fn of context.reach.functions()) {
    const relative = context.relativeOf(fn.getSourceFile());
    if (relative === undefined || context.processes.workerOnly.has(relative)) continue;
    const bindings = fileBindings(fn.getSourceFile());
    for (const call of callsWithin(fn)) {
      if (seen.has(call)) continue;
      seen.add(call);
      const target = calleeTarget(call.expression, bindings);
      const pattern = target && patterns.find((candidate) => matchesApi(target, candidate.api));
      if (!pattern) continue;
      const api = call.expression.getText();
      hits.push({
        ruleId: pattern.check,
        messageId: pattern.messageId,
        data: { api, library: pattern.library },
        node: call,
        evidence: [...context.reach.chainTo(context.reach.reachedFunctionOf(call)!), { file: relative, line: lineOf(call), note: `${api}() writes to the local disk` }],
      });
    }
  }
  return hits;
}
