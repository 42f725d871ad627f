/** One chunk of files through the rules, in whichever thread takes it. */
import type { AuditConfig } from '../load/config.js';
import type { Diagnostic } from '../model.js';
import { runRules, type ParsedSources } from './rule-findings.js';
import type { WorkerResult } from './rule-pool.js';
import type { SourceFileText } from '../load/source-files.js';

/** The rules over `files` in this thread, as a worker sends them; `parsedSources` are this thread's own parses. */
export function runChunk(root: string, files: readonly SourceFileText[], config: AuditConfig, parsedSources?: ParsedSources): WorkerResult {
  const diagnostics: Diagnostic[] = [];
  const run = runRules(root, files, config, diagnostics, parsedSources);
  return { hits: run.hits, directives: [...run.directives], unparsable: [...run.unparsable], diagnostics };
}
