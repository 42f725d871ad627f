/** The audit's data: findings with their evidence, diagnostics about the input, and the result reporters read. */
import type { CategoryId, CheckId, CodemodId } from '../catalog.js';

/** Version of the JSON output schema; bump on any incompatible change. */
export const AUDIT_SCHEMA_VERSION = 1;

/** One step of the path from an entry or handler to the line that creates the state. */
export interface Evidence {
  file: string;
  line: number;
  note: string;
}

export interface Finding {
  ruleId: CheckId;
  category: CategoryId;
  /** `info` for a weaker form worth knowing but not failing a build for (a job gated to one instance); the exit code ignores it. */
  severity: 'error' | 'info';
  /** Path relative to the audit root, with `/` separators. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  remedy: string;
  codemod: CodemodId | null;
  evidence: Evidence[];
  /** Workspace package the file belongs to, when the root is a workspace. */
  package?: string;
  /** Stable across unrelated line shifts: rule, file and the normalized text of the flagged code. */
  fingerprint: string;
}

/** Something about the input the audit could not fully use; the run goes on. */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  /** Stable machine-readable kind, e.g. `syntax-error`, `file-too-large`. */
  code: string;
  message: string;
  file?: string;
  line?: number;
}

export interface ProcessInfo {
  kind: 'web' | 'worker';
  /** Entry file relative to the root. */
  entry: string;
  /** The line that starts it (1 when the file as a whole is the entry). */
  line: number;
  /** Why it is an entry, e.g. "calls app.listen()". */
  reason: string;
  package?: string;
}

export interface AuditResult {
  version: typeof AUDIT_SCHEMA_VERSION;
  root: string;
  processes: ProcessInfo[];
  /** Where several instances of the web process already run on one host (node:cluster, PM2 cluster mode); empty when none. */
  instancesOnOneHost: Evidence[];
  summary: { total: number; byCategory: Record<CategoryId, number>; files: number; suppressed: number; baselined: number };
  findings: Finding[];
  diagnostics: Diagnostic[];
}

/** A problem that stops the run (exit code 2): bad usage, nothing to audit, an unreadable config. */
export class FatalAuditError extends Error {}
