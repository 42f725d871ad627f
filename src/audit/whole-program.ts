/**
 * The stages only the whole program shows, on the TypeScript compiler's syntax trees: parse → processes → handlers →
 * reachability → cross-file detectors, and the evidence chain of any finding. Loaded by the audit only after
 * the rules' workers have started, so that loading the compiler does not delay them.
 */
import type { SourceFile } from 'typescript';
import { checks, formatMessage } from '../catalog.js';
import { defaultTestFiles } from '../knowledge/index.js';
import { matchesAnyGlob } from '../semantics/globs.js';
import { createDeclarations } from './syntax/declarations.js';
import type { CrossFileHit, DetectorContext } from './detectors/context.js';
import { lineAndColumnAt, nodeAt } from './syntax/file-nodes.js';
import { importedOptions } from './detectors/imported-options.js';
import { reachableWrites } from './detectors/reachable-writes.js';
import { sharedModuleState } from './detectors/shared-module-state.js';
import { findHandlers } from './program/handlers.js';
import { parseProject } from './load/parse.js';
import type { Diagnostic, Evidence } from './model.js';
import { buildModuleGraph, importPath } from './program/module-graph.js';
import { findProcesses, type Processes } from './program/processes.js';
import { instancesOnOneHost } from './program/instances.js';
import { reachFromHandlers, type Reachability } from './program/reachability.js';
import type { ReadProject } from './load/read-project.js';
import type { ParsedSources, RuleHit, RuleRun } from './rules/rule-findings.js';
import { chainToChange } from './detectors/state-evidence.js';
import type { PackageInfo } from './load/workspaces.js';

/** The cross-file detectors, one per kind of state that only the whole program shows. */
const detectors: readonly ((context: DetectorContext) => CrossFileHit[])[] = [reachableWrites, sharedModuleState, importedOptions];

/** A cross-file hit as a rule hit: position, message from the catalog, its own evidence. */
function toRuleHit(hit: CrossFileHit, relativeOf: (sourceFile: SourceFile) => string | undefined): RuleHit & { evidence: Evidence[] } {
  const sourceFile = hit.node.getSourceFile();
  const start = lineAndColumnAt(sourceFile, hit.node.getStart(sourceFile));
  const end = lineAndColumnAt(sourceFile, hit.node.end);
  return {
    ruleId: hit.ruleId,
    file: relativeOf(sourceFile) ?? sourceFile.fileName,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    message: formatMessage(hit.ruleId, hit.messageId, hit.data),
    messageId: hit.messageId,
    evidence: hit.evidence,
  };
}

/** Evidence for a rule's finding: the call chain from a handler when it runs in one, else the import path from a web entry. */
function evidenceFor(hit: RuleHit, importSteps: (file: string) => ReturnType<typeof importPath>, processes: Processes, reach: Reachability, sourceFile: SourceFile | undefined): Evidence[] {
  const site = { file: hit.file, line: hit.line, note: checks[hit.ruleId].title };
  const node = sourceFile && nodeAt(sourceFile, sourceFile.getPositionOfLineAndCharacter(hit.line - 1, hit.column - 1));
  const reached = node && reach.reachedFunctionOf(node);
  if (reached) return [...reach.chainTo(reached), site];
  const change = node && chainToChange(node, hit.file, reach);
  if (change) return [...change, site];
  const steps = importSteps(hit.file);
  const evidence: Evidence[] = [];
  if (steps) {
    const entry = processes.list.find((process) => process.entry === (steps[0]?.file ?? hit.file));
    if (entry) evidence.push({ file: entry.entry, line: entry.line, note: `web process entry: ${entry.reason}` });
    for (const step of steps) evidence.push({ file: step.file, line: step.line, note: `imports ${step.next}` });
  }
  evidence.push(site);
  return evidence;
}

export type EvidencedHit = RuleHit & { evidence?: Evidence[] };

const lineKey = (hit: RuleHit) => `${hit.ruleId}\0${hit.file}\0${hit.line}`;
const placeKey = (hit: RuleHit) => `${lineKey(hit)}\0${hit.column}`;

/** The cross-file detectors' hits by rule, file and place (line and column); a detector that fails becomes a diagnostic. */
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
      if (!hits.has(placeKey(converted))) hits.set(placeKey(converted), converted);
    }
  }
  return hits;
}

/**
 * The rules' hits and the cross-file ones in source order. A cross-file hit on what a rule reports lends it its
 * evidence instead of making a second finding: the hit at the same place, else one on the same line that no other
 * rule hit has (a rule and a detector may start a finding at different nodes of a line), so that each of several
 * findings on one line (minified code) gets its own. Files that do not parse are not audited at all.
 */
function mergeHits(run: RuleRun, crossFile: Map<string, RuleHit & { evidence: Evidence[] }>, tooDeep: ReadonlySet<string>): EvidencedHit[] {
  // A file too deep for these stages is not audited, whatever the rules made of it (a worker has a larger stack).
  const ruleHits = tooDeep.size === 0 ? run.hits : run.hits.filter((hit) => !tooDeep.has(hit.file));
  const lent = new Set<RuleHit>();
  const evidence = new Map<RuleHit, Evidence[]>();
  for (const hit of ruleHits) {
    const same = crossFile.get(placeKey(hit));
    if (!same) continue;
    lent.add(same);
    evidence.set(hit, same.evidence);
  }
  const byLine = new Map<string, (RuleHit & { evidence: Evidence[] })[]>();
  for (const hit of crossFile.values()) {
    const line = byLine.get(lineKey(hit));
    if (line) line.push(hit);
    else byLine.set(lineKey(hit), [hit]);
  }
  for (const hit of ruleHits) {
    if (evidence.has(hit)) continue;
    const other = byLine.get(lineKey(hit))?.find((candidate) => !lent.has(candidate));
    if (!other) continue;
    lent.add(other);
    evidence.set(hit, other.evidence);
  }
  const merged: EvidencedHit[] = ruleHits.map((hit) => ({ ...hit, evidence: evidence.get(hit) }));
  for (const hit of crossFile.values()) if (!lent.has(hit) && !run.unparsable.has(hit.file)) merged.push(hit);
  return merged.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

export interface WholeProgram {
  processes: Processes;
  /** Files nested too deeply to analyze: each has its `too-deep` diagnostic already, and no findings. */
  tooDeep: ReadonlySet<string>;
  /** The rules' hits merged with the cross-file ones, in source order. */
  merge(run: RuleRun): EvidencedHit[];
  /** The evidence chain of a rule's hit that has none of its own. */
  evidenceFor(hit: RuleHit): Evidence[];
  packageOf(relative: string): PackageInfo | undefined;
  /** The files as the stages parsed them, for the rules in this thread to convert instead of parsing again. */
  parsedSources: ParsedSources;
  /** Where the project already runs several instances on one host (node:cluster, PM2 cluster mode). */
  instancesOnOneHost: Evidence[];
}

/**
 * Parses the files read and runs every whole-program stage; problems become `read.diagnostics`. `onParsed` hears
 * how many files are parsed, after each one.
 */
export function analyzeWholeProgram(read: ReadProject, onParsed?: (done: number, total: number) => void): WholeProgram {
  const loaded = parseProject(read, onParsed);
  const { diagnostics } = loaded;
  const testGlobs = loaded.config.testFiles ?? defaultTestFiles;
  const isTestFile = (relative: string) => matchesAnyGlob(relative, testGlobs);
  const graph = buildModuleGraph(loaded);
  const processes = findProcesses(loaded, graph, isTestFile, diagnostics);
  const relativeByPath = new Map(loaded.files.map((file) => [file.path, file.relative]));
  const relativeOf = (sourceFile: SourceFile) => relativeByPath.get(sourceFile.fileName);
  const declarations = createDeclarations({ relativeOf, sourceFile: loaded.sourceFile, resolve: graph.resolve, relatives: () => loaded.files.map((file) => file.relative) });
  const webFiles = loaded.files
    .filter((file) => processes.web.has(file.relative) && !isTestFile(file.relative))
    .map((file) => ({ relative: file.relative, sourceFile: loaded.sourceFile(file.relative)! }));
  const reach = reachFromHandlers(findHandlers(webFiles, declarations), relativeOf, declarations);
  const context: DetectorContext = { loaded, graph, processes, reach, declarations, relativeOf, webFiles: () => webFiles };
  const crossFile = crossFileHits(context, diagnostics);
  // The import path to a file is the same for all its findings.
  const importPaths = new Map<string, ReturnType<typeof importPath>>();
  const importSteps = (file: string) => {
    if (!importPaths.has(file)) importPaths.set(file, importPath(graph, processes.webEntries, file));
    return importPaths.get(file);
  };
  return {
    processes,
    tooDeep: loaded.tooDeep,
    merge: (run) => mergeHits(run, crossFile, loaded.tooDeep),
    evidenceFor: (hit) => evidenceFor(hit, importSteps, processes, reach, loaded.sourceFile(hit.file)),
    packageOf: loaded.packageOf,
    parsedSources: { sourceFile: loaded.sourceFile, tooDeep: loaded.tooDeep },
    instancesOnOneHost: instancesOnOneHost(read.root, [{ name: read.rootPackage?.name ?? '.', dir: '.', json: read.rootPackage?.json ?? {} }, ...read.packages], webFiles),
  };
}
