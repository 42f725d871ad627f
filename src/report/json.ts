/** The machine-readable report: the result as it is, versioned (see README "JSON output"). */
import type { AuditResult } from '../audit/model.js';
import { checkedCategories, type ReportOptions } from './options.js';

/** The result as it is, plus `summary.checked`: the categories audited (the others count 0 because nobody looked). */
export function formatJson(result: AuditResult, options: ReportOptions = {}): string {
  const report = { ...result, summary: { ...result.summary, checked: checkedCategories(options) } };
  return `${JSON.stringify(report, null, 2)}\n`;
}
