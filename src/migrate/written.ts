/**
 * What a migration leaves on disk when some of its planned writes do not happen (a link, a folder outside the
 * project, a file changed since it was read, a failed write): the plan is brought in line with the files, so
 * that the summary reports what is there, not what was meant to be.
 */
import path from 'node:path';
import type { MigrationPlan } from './migrate.js';
import { writeFiles, type NotWritten } from './write-files.js';

/** Writes `plan` and updates it to what is on disk; returns the writes that failed (an error, not a skip). */
export function applyPlan(plan: MigrationPlan): { file: string; error: string }[] {
  const { notWritten } = writeFiles(plan.root, plan.writes);
  withoutWrites(plan, notWritten);
  return notWritten.filter((entry) => entry.failed).map(({ file, reason }) => ({ file, error: reason }));
}

/**
 * Takes `notWritten` out of `plan`, in place: the findings in a source not written become skipped with the
 * reason, a generated file not written is no longer listed, and a package.json not written adds nothing
 * (its reason lists what to add by hand).
 */
export function withoutWrites(plan: MigrationPlan, notWritten: readonly Omit<NotWritten, 'failed'>[]): MigrationPlan {
  if (notWritten.length === 0) return plan;
  const relative = (file: string) => path.relative(plan.root, file).split(path.sep).join('/');
  const reasons = new Map(notWritten.map(({ file, reason }) => [file, reason]));
  const dropped = plan.writes.filter((write) => reasons.has(write.file));
  plan.writes = plan.writes.filter((write) => !reasons.has(write.file));
  plan.outcomes = plan.outcomes.filter((outcome) => !reasons.has(outcome.file));
  const movedFindings = plan.fixed.filter((finding) => reasons.has(path.resolve(plan.root, finding.file)));
  plan.fixed = plan.fixed.filter((finding) => !movedFindings.includes(finding));
  for (const finding of movedFindings) {
    const file = path.resolve(plan.root, finding.file);
    const detail = { file: relative(file), why: reasons.get(file)! };
    plan.skipped.push({ file: finding.file, line: finding.line, ruleId: finding.ruleId, codemod: finding.codemod!, reason: 'file-not-written', detail, fingerprint: finding.fingerprint });
  }
  if (movedFindings.length > 0) plan.skipped.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  plan.generated = plan.generated.filter((file) => !reasons.has(path.resolve(plan.root, file)));
  if (plan.worker && reasons.has(path.resolve(plan.root, plan.worker.file))) plan.worker = undefined;
  const entries: { file: string; reason: string }[] = [];
  // In the order given (the order of writing), each write once.
  for (const write of [...reasons.keys()].flatMap((file) => dropped.filter((candidate) => candidate.file === file))) {
    let reason = reasons.get(write.file)!;
    if (path.basename(write.file) === 'package.json') {
      const added = manifestAdditions(write.before, write.after);
      plan.dependencies.dependencies = plan.dependencies.dependencies.filter((entry) => !added.dependencies.includes(entry));
      plan.dependencies.devDependencies = plan.dependencies.devDependencies.filter((entry) => !added.devDependencies.includes(entry));
      plan.scripts = plan.scripts.filter((entry) => !added.scripts.includes(entry));
      const all = [...added.dependencies, ...added.devDependencies.map((entry) => `${entry} (dev)`), ...added.scripts.map((entry) => `the script ${entry}`)];
      if (all.length > 0) reason += `; add to it yourself: ${all.join(', ')}`;
    } else if (path.basename(write.file) === '.env.example' && plan.env.length > 0) {
      reason += `; the variables to set are listed below`;
    }
    entries.push({ file: relative(write.file), reason });
  }
  plan.notWritten = [...plan.notWritten, ...entries];
  return plan;
}

/** What an edit of package.json adds, as the summary lists it: `name@version`, `name: command`. */
function manifestAdditions(before: string | undefined, after: string): { dependencies: string[]; devDependencies: string[]; scripts: string[] } {
  const parse = (text: string | undefined) => {
    try {
      return JSON.parse((text ?? '{}').replace(/^\uFEFF/, '')) as Record<string, Record<string, string> | undefined>;
    } catch {
      return {};
    }
  };
  const old = parse(before);
  const now = parse(after);
  const added = (section: string, format: (name: string, value: string) => string) =>
    Object.entries(now[section] ?? {})
      .filter(([name]) => old[section]?.[name] === undefined)
      .map(([name, value]) => format(name, value));
  return {
    dependencies: added('dependencies', (name, version) => `${name}@${version}`),
    devDependencies: added('devDependencies', (name, version) => `${name}@${version}`),
    scripts: added('scripts', (name, command) => `${name}: ${command}`),
  };
}
