/** The migration summary: what changed, what was left and why, and what the user must do next. */
import path from 'node:path';
import { skipMessage } from '../../codemods/kit/skip.js';
import { escapeControl } from '../report/escape.js';
import type { MigrationPlan } from './migrate.js';
import { runLocallyLines } from './run-locally.js';

/** The summary as text for a terminal or a CI log; file names and reasons cannot break a line (see report/escape). */
export function textSummary(plan: MigrationPlan, options: { dryRun: boolean }): string {
  const relative = (file: string) => path.relative(plan.root, file).split(path.sep).join('/');
  const total = plan.fixed.length + plan.skipped.length;
  const changedSources = plan.outcomes.filter((outcome) => outcome.changed);
  const lines: string[] = [];
  const verb = options.dryRun ? 'would fix' : 'fixed';
  lines.push(`stateless migrate${options.dryRun ? ' (dry run, nothing written)' : ''}: ${verb} ${plan.fixed.length} of ${total} finding(s); ${plan.skipped.length} skipped.`);
  if (changedSources.length > 0) {
    lines.push('', 'Changed files:');
    for (const outcome of changedSources) {
      for (const change of outcome.changes) lines.push(`  ${relative(outcome.file)}:${change.line}  [${outcome.codemod}] ${change.description}`);
    }
  }
  if (plan.generated.length > 0) lines.push('', 'Generated files:', ...plan.generated.map((file) => `  ${file}`));
  if (plan.skipped.length > 0) {
    lines.push('', 'Skipped findings (fix by hand):');
    for (const skip of plan.skipped) lines.push(`  ${skip.file}:${skip.line}  stateless/${skip.ruleId}  [${skip.codemod}] ${skipMessage(skip)}`);
  }
  if (plan.notWritten.length > 0) {
    lines.push('', options.dryRun ? 'Would not be written:' : 'Not written:');
    for (const entry of plan.notWritten) lines.push(`  ${entry.file}  ${entry.reason}`);
  }
  if (plan.notes.length > 0) {
    lines.push('', 'Also noted:');
    for (const note of plan.notes) lines.push(`  ${note.file}:${note.line}  [${note.codemod}] ${skipMessage(note)}`);
  }
  const added = [...plan.dependencies.dependencies, ...plan.dependencies.devDependencies.map((name) => `${name} (dev)`)];
  if (added.length > 0) lines.push('', `Dependencies added to package.json: ${added.join(', ')}. Run your package manager's install.`);
  if (plan.scripts.length > 0) lines.push(`Scripts added to package.json: ${plan.scripts.join('; ')}`);
  if (plan.env.length > 0) lines.push('', `Environment variables to set (listed in .env.example): ${plan.env.join(', ')}`);
  if (plan.worker) lines.push('', `Jobs now run in a worker: start ${plan.worker.file} as its own process (${plan.worker.command}), one or more instances.`);
  lines.push(...runLocallyLines(plan));
  return `${lines.map(escapeControl).join('\n')}\n`;
}

/** The summary as JSON, for scripts and tests; a dry run passes its `diffs`, so that stdout is this one document. */
export function jsonSummary(plan: MigrationPlan, options: { dryRun: boolean; diffs?: { file: string; diff: string }[] }): string {
  const relative = (file: string) => path.relative(plan.root, file).split(path.sep).join('/');
  return `${JSON.stringify(
    {
      dryRun: options.dryRun,
      root: plan.root,
      changed: plan.outcomes.filter((outcome) => outcome.changed).map((outcome) => ({ file: relative(outcome.file), codemod: outcome.codemod, changes: outcome.changes })),
      generated: plan.generated,
      fixed: plan.fixed.map((finding) => ({ file: finding.file, line: finding.line, ruleId: finding.ruleId, codemod: finding.codemod })),
      // Each skip as data (reason id, details with their lines) and as the sentence the text summary shows.
      skipped: plan.skipped.map((skip) => ({ ...skip, message: skipMessage(skip) })),
      notWritten: plan.notWritten,
      notes: plan.notes.map((note) => ({ ...note, message: skipMessage(note) })),
      dependencies: plan.dependencies,
      scripts: plan.scripts,
      env: plan.env,
      worker: plan.worker ?? null,
      ...(options.diffs ? { diffs: options.diffs } : {}),
    },
    null,
    2,
  )}\n`;
}
