/** The machine-readable report: the result as it is, versioned (see README "JSON output"). */
import type { AuditResult } from '../audit/model.js';

export function formatJson(result: AuditResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
