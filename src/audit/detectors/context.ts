/** What every cross-file detector gets, and what it returns. */
import type { Node, SourceFile } from 'typescript';
import type { CheckId, MessageId } from '../../catalog.js';
import type { Declarations } from '../syntax/declarations.js';
import type { LoadedProject } from '../load/parse.js';
import type { Evidence } from '../model.js';
import type { ModuleGraph } from '../program/module-graph.js';
import type { Processes } from '../program/processes.js';
import type { Reachability } from '../program/reachability.js';

export interface DetectorContext {
  loaded: LoadedProject;
  graph: ModuleGraph;
  processes: Processes;
  reach: Reachability;
  /** What names and member accesses denote, across the audited files. */
  declarations: Declarations;
  /** The audited file's path relative to the root, or undefined for anything else (packages, lib files). */
  relativeOf(sourceFile: SourceFile): string | undefined;
  /** Files of the web process that are audited (not test files, not worker-only). */
  webFiles(): { relative: string; sourceFile: SourceFile }[];
}

/** A finding only the whole program shows, before the audit turns it into a Finding. */
export interface CrossFileHit {
  ruleId: CheckId;
  /** One of the check's messages (any check's, where the check is only known at run time). */
  messageId: MessageId;
  data: Record<string, string | number>;
  /** The node the finding sits on (the line that creates the state). */
  node: Node;
  evidence: Evidence[];
}

