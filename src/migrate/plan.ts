/** Which codemods to run on which files, from the audit's findings. */
import path from 'node:path';
import { codemodIds, type CodemodId } from '../catalog.js';
import type { AuditResult, Finding } from '../audit/model.js';

export interface FileTask {
  /** Absolute path. */
  file: string;
  /** Codemods to apply, in catalog order (each sees the previous one's output). */
  codemods: CodemodId[];
  findings: Finding[];
}

/** Groups the findings that name one of `selected` codemods by file. */
export function planMigration(result: AuditResult, selected: readonly CodemodId[] = codemodIds): FileTask[] {
  const byFile = new Map<string, FileTask>();
  for (const finding of result.findings) {
    if (!finding.codemod || !selected.includes(finding.codemod)) continue;
    const file = path.resolve(result.root, finding.file);
    const task = byFile.get(file) ?? { file, codemods: [], findings: [] };
    if (!task.codemods.includes(finding.codemod)) task.codemods.push(finding.codemod);
    task.findings.push(finding);
    byFile.set(file, task);
  }
  for (const task of byFile.values()) task.codemods.sort((a, b) => codemodIds.indexOf(a) - codemodIds.indexOf(b));
  return [...byFile.values()].sort((a, b) => a.file.localeCompare(b.file));
}

/** Parses `--codemod a,b`; throws with the known ids for an unknown one. */
export function parseCodemodList(value: string | undefined): CodemodId[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((item) => item.trim()).filter(Boolean);
  const unknown = list.filter((item) => !(codemodIds as readonly string[]).includes(item));
  if (unknown.length > 0) throw new Error(`unknown codemod ${unknown.join(', ')}; known: ${codemodIds.join(', ')}`);
  return list as CodemodId[];
}
