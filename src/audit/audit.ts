/**
 * The whole-program audit: load → processes → per-file rules → evidence → filters. Returns the result the
 * reporters print; never throws for a user's bad input except when there is nothing to audit at all.
 */
import path from 'node:path';
import { minimatch } from 'minimatch';
import { categoryIds, checks, type CategoryId } from '../catalog.js';
import { defaultTestFiles } from '../knowledge/index.js';
import { readBaseline } from './baseline.js';
import { fingerprint, normalizedLine } from './fingerprint.js';
import { loadProject, type LoadOptions } from './load.js';
import { AUDIT_SCHEMA_VERSION, type AuditResult, type Evidence, type Finding } from './model.js';
import { buildModuleGraph, importPath, type ModuleGraph } from './module-graph.js';
import { findProcesses, type Processes } from './processes.js';
import { runRules, type RuleHit } from './rule-findings.js';
import { isSuppressed } from './suppressions.js';

export interface AuditOptions extends LoadOptions {
  /** Only these categories (all when absent). */
  categories?: readonly CategoryId[];
  /** Baseline file of accepted findings. */
  baseline?: string;
}

/** Evidence for a finding: the import path from a web entry to its file, then the line itself. */
function evidenceFor(hit: RuleHit, graph: ModuleGraph, processes: Processes): Evidence[] {
  const steps = importPath(graph, processes.webEntries, hit.file);
  const evidence: Evidence[] = [];
  if (steps) {
    const entry = processes.list.find((process) => process.entry === (steps[0]?.file ?? hit.file));
    if (entry) evidence.push({ file: entry.entry, line: entry.line, note: `web process entry: ${entry.reason}` });
    for (const step of steps) evidence.push({ file: step.file, line: step.line, note: `imports ${step.next}` });
  }
  evidence.push({ file: hit.file, line: hit.line, note: checks[hit.ruleId].title });
  return evidence;
}

function summarize(findings: readonly Finding[]): Record<CategoryId, number> {
  const counts = Object.fromEntries(categoryIds.map((id) => [id, 0])) as Record<CategoryId, number>;
  for (const finding of findings) counts[finding.category]++;
  return counts;
}

/** Runs the audit over `options.paths`. */
export function audit(options: AuditOptions): AuditResult {
  const loaded = loadProject(options);
  const { diagnostics } = loaded;
  const testGlobs = loaded.config.testFiles ?? defaultTestFiles;
  const isTestFile = (relative: string) => testGlobs.some((glob) => minimatch(relative, glob, { dot: true }));
  const graph = buildModuleGraph(loaded);
  const processes = findProcesses(loaded, graph, isTestFile, diagnostics);
  const run = runRules(loaded.root, loaded.files, loaded.config, diagnostics);
  const baseline = options.baseline ? readBaseline(path.resolve(options.cwd ?? process.cwd(), options.baseline), diagnostics) : new Set<string>();
  const texts = new Map(loaded.files.map((file) => [file.relative, file.text]));

  const occurrences = new Map<string, number>();
  const findings: Finding[] = [];
  let suppressed = 0;
  let baselined = 0;
  const hits = [...run.hits].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  for (const hit of hits) {
    // Worker-only code is not the web process: its timers and writes are where they belong.
    if (processes.workerOnly.has(hit.file)) continue;
    const check = checks[hit.ruleId];
    if (options.categories && !options.categories.includes(check.category)) continue;
    if (isSuppressed(run.directives.get(hit.file) ?? [], `stateless/${hit.ruleId}`, hit.line)) {
      suppressed++;
      continue;
    }
    const snippet = normalizedLine(texts.get(hit.file) ?? '', hit.line);
    const key = `${hit.ruleId}\0${hit.file}\0${snippet}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const print = fingerprint(hit.ruleId, hit.file, snippet, occurrence);
    if (baseline.has(print)) {
      baselined++;
      continue;
    }
    const pkg = loaded.packageOf(hit.file);
    findings.push({
      ruleId: hit.ruleId,
      category: check.category,
      file: hit.file,
      line: hit.line,
      column: hit.column,
      endLine: hit.endLine,
      endColumn: hit.endColumn,
      message: hit.message,
      remedy: check.remedy,
      codemod: check.codemod ?? null,
      evidence: evidenceFor(hit, graph, processes),
      ...(pkg ? { package: pkg.name } : {}),
      fingerprint: print,
    });
  }

  return {
    version: AUDIT_SCHEMA_VERSION,
    root: loaded.root,
    processes: processes.list,
    summary: { total: findings.length, byCategory: summarize(findings), files: loaded.files.length, suppressed, baselined },
    findings,
    diagnostics,
  };
}
