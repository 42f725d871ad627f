/** The reporters by format name; each is a pure function of the audit result and how it was asked for. */
import type { AuditResult } from '../audit/model.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import type { ReportOptions } from './options.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export type { ReportOptions } from './options.js';

export const formats = { text: formatText, json: formatJson, sarif: formatSarif, markdown: formatMarkdown } as const satisfies Record<string, (result: AuditResult, options?: ReportOptions) => string>;
export type FormatName = keyof typeof formats;
