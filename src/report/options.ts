/** What a reporter needs beyond the audit result: how the audit was asked for and where the report goes. */
import { categoryIds, type CategoryId } from '../catalog.js';

export interface ReportOptions {
  /** The categories the audit checked (`--category`); every category when absent. */
  categories?: readonly CategoryId[];
  /** ANSI colour in the text report (a terminal that wants it); never in the other formats. */
  color?: boolean;
  /**
   * Findings a migration looked at and left, by fingerprint, with the guidance it left for a person: reported
   * instead of advising the codemod that already declined them.
   */
  migrationSkips?: ReadonlyMap<string, string>;
}

/** The categories checked, in checklist order. */
export function checkedCategories(options: ReportOptions | undefined): CategoryId[] {
  const given = options?.categories;
  return given ? categoryIds.filter((id) => given.includes(id)) : [...categoryIds];
}

/** Files with at least one finding: "7 findings in 5 of 19 files". */
export function filesWithFindings(findings: readonly { file: string }[]): number {
  return new Set(findings.map((finding) => finding.file)).size;
}
