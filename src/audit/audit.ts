/**
 * The whole-program audit: load → processes → per-file rules → evidence → filters. Returns the result the
 * reporters print; never throws for a user's bad input except when there is nothing to audit at all.
 */
import path from 'node:path';
import type { SourceFile } from 'ts-morph';
import { categoryIds, checks, formatMessage, type CategoryId } from '../catalog.js';
import { matchesAnyGlob } from '../../rules/kit/globs.js';
import { defaultTestFiles } from '../knowledge/index.js';
import { readBaseline } from './baseline.js';
import { fingerprint, normalizedLine } from './fingerprint.js';
import { parseProject, readProject, type LoadOptions } from './load.js';
import { AUDIT_SCHEMA_VERSION, type AuditResult, type Diagnostic, type Evidence, type Finding } from './model.js';
import type { CrossFileHit, DetectorContext } from './detectors/context.js';
import { importedOptions } from './detectors/imported-options.js';
import { reachableWrites } from './detectors/reachable-writes.js';
import { sharedModuleState } from './detectors/shared-module-state.js';
import { createDeclarations } from './declarations.js';
import { findHandlers } from './handlers.js';
import { buildModuleGraph, importPath, type ModuleGraph } from './module-graph.js';
import { findProcesses, type Processes } from './processes.js';
import { reachFromHandlers, type Reachability } from './reachability.js';
import type { RuleHit, RuleRun } from './rule-findings.js';
import { startRules } from './rule-pool.js';
import { chainToChange } from './state-evidence.js';
import { isSuppressed } from './suppressions.js';

export interface AuditOptions extends LoadOptions {
  /** Only these categories (all when absent). */
  categories?: readonly CategoryId[];
  /** Baseline file of accepted findings. */
  baseline?: string;
}

/** The cross-file detectors, one per kind of state that only the whole program shows. */
const detectors: readonly ((context: DetectorContext) => CrossFileHit[])[] = [reachableWrites, sharedModuleState, importedOptions];

/** A cross-file hit as a rule hit: position, message from the catalog, its own evidence. */
function toRuleHit(hit: CrossFileHit, relativeOf: (sourceFile: SourceFile) => string | undefined): RuleHit & { evidence: Evidence[] } {
  const sourceFile = hit.node.getSourceFile();
  const start = sourceFile.getLineAndColumnAtPos(hit.node.getStart());
  const end = sourceFile.getLineAndColumnAtPos(hit.node.getEnd());
  return {
    ruleId: hit.ruleId,
    file: relativeOf(sourceFile) ?? sourceFile.getFilePath(),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    message: formatMessage(hit.ruleId, hit.messageId, hit.data),
    evidence: hit.evidence,
  };
}

/** Evidence for a rule's finding: the call chain from a handler when it runs in one, else the import path from a web entry. */
function evidenceFor(hit: RuleHit, graph: ModuleGraph, processes: Processes, reach: Reachability, sourceFile: SourceFile | undefined): Evidence[] {
  const site = { file: hit.file, line: hit.line, note: checks[hit.ruleId].title };
  const node = sourceFile?.getDescendantAtPos(sourceFile.compilerNode.getPositionOfLineAndCharacter(hit.line - 1, hit.column - 1));
  const reached = node && reach.reachedFunctionOf(node);
  if (reached) return [...reach.chainTo(reached), site];
  const change = node && chainToChange(node, hit.file, reach);
  if (change) return [...change, site];
  const steps = importPath(graph, processes.webEntries, hit.file);
  const evidence: Evidence[] = [];
  if (steps) {
    const entry = processes.list.find((process) => process.entry === (steps[0]?.file ?? hit.file));
    if (entry) evidence.push({ file: entry.entry, line: entry.line, note: `web process entry: ${entry.reason}` });
    for (const step of steps) evidence.push({ file: step.file, line: step.line, note: `imports ${step.next}` });
  }
  evidence.push(site);
  return evidence;
}

type EvidencedHit = RuleHit & { evidence?: Evidence[] };

const hitKey = (hit: RuleHit) => `${hit.ruleId}\0${hit.file}\0${hit.line}`;

/** The cross-file detectors' hits by rule, file and line; a detector that fails becomes a diagnostic. */
function crossFileHits(context: DetectorContext, diagnostics: Diagnostic[]): Map<string, RuleHit & { evidence: Evidence[] }> {
  const hits = new Map<string, RuleHit & { evidence: Evidence[] }>();
  for (const detect of detectors) {
    let found: CrossFileHit[];
    try {
      found = detect(context);
    } catch (error) {
      diagnostics.push({ severity: 'error', code: 'internal-error', message: `the ${detect.name} analysis failed (${(error as Error).message.split('\n')[0]}); its cross-file findings are missing, please report it` });
      continue;
    }
    for (const hit of found) {
      const converted = toRuleHit(hit, context.relativeOf);
      if (!hits.has(hitKey(converted))) hits.set(hitKey(converted), converted);
    }
  }
  return hits;
}

/**
 * The rules' hits and the cross-file ones in source order. A cross-file hit on a line a rule reports lends it
 * its evidence instead of making a second finding; files that do not parse are not audited at all.
 */
function mergeHits(run: RuleRun, crossFile: Map<string, RuleHit & { evidence: Evidence[] }>): EvidencedHit[] {
  const ruleKeys = new Set(run.hits.map(hitKey));
  const merged: EvidencedHit[] = run.hits.map((hit) => ({ ...hit, evidence: crossFile.get(hitKey(hit))?.evidence }));
  for (const [key, hit] of crossFile) if (!ruleKeys.has(key) && !run.unparsable.has(hit.file)) merged.push(hit);
  return merged.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

function summarize(findings: readonly Finding[]): Record<CategoryId, number> {
  const counts = Object.fromEntries(categoryIds.map((id) => [id, 0])) as Record<CategoryId, number>;
  for (const finding of findings) counts[finding.category]++;
  return counts;
}

/** Runs the audit over `options.paths`. */
export async function audit(options: AuditOptions): Promise<AuditResult> {
  const read = readProject(options);
  // The rules start first: in worker threads they run while the TypeScript stages below do.
  const rules = startRules(read.root, read.files, read.config);
  const loaded = parseProject(read);
  const { diagnostics } = loaded;
  const testGlobs = loaded.config.testFiles ?? defaultTestFiles;
  const isTestFile = (relative: string) => matchesAnyGlob(relative, testGlobs);
  const graph = buildModuleGraph(loaded);
  const processes = findProcesses(loaded, graph, isTestFile, diagnostics);
  const relativeByPath = new Map(loaded.files.map((file) => [file.path, file.relative]));
  const relativeOf = (sourceFile: SourceFile) => relativeByPath.get(sourceFile.getFilePath());
  const declarations = createDeclarations({ relativeOf: (fileName) => relativeByPath.get(fileName), sourceFile: loaded.sourceFile, resolve: graph.resolve });
  const webFiles = loaded.files
    .filter((file) => processes.web.has(file.relative) && !isTestFile(file.relative))
    .map((file) => ({ relative: file.relative, sourceFile: loaded.sourceFile(file.relative)! }));
  const reach = reachFromHandlers(findHandlers(webFiles, declarations), relativeOf, declarations);
  const context: DetectorContext = { loaded, graph, processes, reach, declarations, relativeOf, webFiles: () => webFiles };
  const crossFile = crossFileHits(context, diagnostics);
  const baseline = options.baseline ? readBaseline(path.resolve(options.cwd ?? process.cwd(), options.baseline), diagnostics) : new Set<string>();
  const texts = new Map(loaded.files.map((file) => [file.relative, file.text]));

  const occurrences = new Map<string, number>();
  const findings: Finding[] = [];
  let suppressed = 0;
  let baselined = 0;
  const { run, diagnostics: ruleDiagnostics } = await rules.finish();
  diagnostics.push(...ruleDiagnostics);
  const hits = mergeHits(run, crossFile);
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
      evidence: hit.evidence ?? evidenceFor(hit, graph, processes, reach, loaded.sourceFile(hit.file)),
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
