/**
 * The whole-program audit: read → (rules in workers ‖ whole-program stages) → evidence → filters. Returns the
 * result the reporters print; never throws for a user's bad input except when there is nothing to audit at all.
 */
import path from 'node:path';
import { categoryIds, checks, type CategoryId, type Check } from '../catalog.js';
import { readBaseline } from './filters/baseline.js';
import { createFingerprints } from './filters/fingerprint.js';
import { AUDIT_SCHEMA_VERSION, type AuditResult, type Diagnostic, type Finding } from './model.js';
import { readProject, type LoadOptions } from './load/read-project.js';
import { startRules } from './rules/rule-pool.js';
import { filesOutsideServer } from './program/server-folders.js';
import { isSuppressed } from './filters/suppressions.js';

export interface AuditOptions extends LoadOptions {
  /** Only these categories (all when absent). */
  categories?: readonly CategoryId[];
  /** Baseline file of accepted findings. */
  baseline?: string;
  /** Hears where the run is, for a progress line; called often (after every file parsed), so keep it cheap. */
  onProgress?: (progress: AuditProgress) => void;
}

/**
 * Where a running audit is: reading the files, parsing them (`done` of `total` files), the whole-program stages,
 * then the per-file rules (`done` of `total` files; the rules run beside the stages in worker threads).
 */
export interface AuditProgress {
  stage: 'reading' | 'parsing' | 'analyzing' | 'rules';
  done: number;
  total: number;
}

function summarize(findings: readonly Finding[]): Record<CategoryId, number> {
  const counts = Object.fromEntries(categoryIds.map((id) => [id, 0])) as Record<CategoryId, number>;
  for (const finding of findings) counts[finding.category]++;
  return counts;
}

/** One line naming the folders whose findings were left out because no entry reaches them. */
function outsideServerDiagnostic(files: ReadonlySet<string>, folderOf: ReadonlyMap<string, string>): Diagnostic {
  const names = [...new Set([...files].map((file) => folderOf.get(file)!))].sort();
  return {
    severity: 'info',
    code: 'outside-server',
    message: `findings in ${files.size} file${files.size === 1 ? '' : 's'} of ${names.join(', ')} left out: no web or worker entry imports any file of ${names.length === 1 ? 'that folder' : 'those folders'} (a browser app, tests or tools?); list an entry in the stateless config if one runs there`,
  };
}

/** Runs the audit over `options.paths`. */
export async function audit(options: AuditOptions): Promise<AuditResult> {
  const { onProgress } = options;
  onProgress?.({ stage: 'reading', done: 0, total: 0 });
  const read = readProject(options);
  const { diagnostics } = read;
  // The rules start first: in worker threads they run while the TypeScript stages below do. Those are loaded
  // only now (the compiler takes a while to load), so the workers are not kept waiting for it.
  const rules = startRules(read.root, read.files, read.config);
  const { analyzeWholeProgram } = await import('./whole-program.js');
  const program = analyzeWholeProgram(
    read,
    onProgress &&
      ((done, total) => {
        onProgress({ stage: 'parsing', done, total });
        if (done === total) onProgress({ stage: 'analyzing', done: 0, total });
      }),
  );
  const { processes } = program;
  const baseline = options.baseline ? readBaseline(path.resolve(options.cwd ?? process.cwd(), options.baseline), diagnostics) : new Set<string>();
  const texts = new Map(read.files.map((file) => [file.relative, file.text]));

  const fingerprints = createFingerprints(texts);
  const findings: Finding[] = [];
  let suppressed = 0;
  let baselined = 0;
  const { run, diagnostics: ruleDiagnostics } = await rules.finish(program.parsedSources, onProgress && ((done, total) => onProgress({ stage: 'rules', done, total })));
  // A file too deep for the whole-program stages has its diagnostic already and is not audited: nothing the rules
  // (in a worker, with a larger stack) said of it is kept.
  diagnostics.push(...ruleDiagnostics.filter((diagnostic) => diagnostic.file === undefined || !program.tooDeep.has(diagnostic.file)));
  const hits = program.merge(run);
  const reached = new Set([...processes.web, ...processes.workerOnly]);
  const outsideServer = filesOutsideServer(read.files.map((file) => file.relative), reached, (file) => program.packageOf(file)?.dir ?? '.');
  const leftOutside = new Set<string>();
  for (const hit of hits) {
    // Worker-only code is not the web process: its timers and writes are where they belong.
    if (processes.workerOnly.has(hit.file)) continue;
    // Nor is a folder no entry reaches any file of (a browser app, tests, an admin UI).
    if (outsideServer.has(hit.file)) {
      leftOutside.add(hit.file);
      continue;
    }
    const check: Check = checks[hit.ruleId];
    if (options.categories && !options.categories.includes(check.category)) continue;
    if (isSuppressed(run.directives.get(hit.file) ?? [], `stateless/${hit.ruleId}`, hit.line)) {
      suppressed++;
      continue;
    }
    const print = fingerprints.next(hit.ruleId, hit.file, hit.line);
    if (baseline.has(print)) {
      baselined++;
      continue;
    }
    const pkg = program.packageOf(hit.file);
    findings.push({
      ruleId: hit.ruleId,
      category: check.category,
      severity: hit.messageId !== undefined && check.infoMessages?.includes(hit.messageId) ? 'info' : 'error',
      file: hit.file,
      line: hit.line,
      column: hit.column,
      endLine: hit.endLine,
      endColumn: hit.endColumn,
      message: hit.message,
      remedy: check.remedy,
      codemod: check.codemod ?? null,
      evidence: hit.evidence ?? program.evidenceFor(hit),
      ...(pkg ? { package: pkg.name } : {}),
      fingerprint: print,
    });
  }

  if (leftOutside.size > 0) diagnostics.push(outsideServerDiagnostic(leftOutside, outsideServer));

  return {
    version: AUDIT_SCHEMA_VERSION,
    root: read.root,
    processes: processes.list,
    instancesOnOneHost: program.instancesOnOneHost,
    summary: { total: findings.length, byCategory: summarize(findings), files: read.files.length, suppressed, baselined },
    findings,
    diagnostics,
  };
}
