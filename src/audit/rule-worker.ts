/** Runs the rules over a share of the files in a worker thread, so the TypeScript stages run meanwhile. */
import { parentPort, workerData } from 'node:worker_threads';
import type { AuditConfig } from './config.js';
import type { Diagnostic } from './model.js';
import { runRules } from './rule-findings.js';
import type { SourceFileText } from './source-files.js';

const { root, files, config } = workerData as { root: string; files: SourceFileText[]; config: AuditConfig };
const diagnostics: Diagnostic[] = [];
const run = runRules(root, files, config, diagnostics);
parentPort!.postMessage({ hits: run.hits, directives: [...run.directives], unparsable: [...run.unparsable], diagnostics });
