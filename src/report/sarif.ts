/**
 * SARIF 2.1.0 for GitHub code scanning and other viewers: rules from the catalog, one result per finding with
 * its evidence as a code flow, stable partial fingerprints, and the diagnostics as tool notifications.
 */
import { allChecks, categories, docsUrl } from '../catalog.js';
import type { AuditResult, Diagnostic, Finding } from '../audit/model.js';
import { packageInfo } from '../package-info.js';
import { pathToUri } from './escape.js';

const SRCROOT = '%SRCROOT%';

function location(file: string, line: number, column?: number, endLine?: number, endColumn?: number) {
  const region: Record<string, number> = { startLine: line };
  if (column !== undefined) region['startColumn'] = column;
  if (endLine !== undefined) region['endLine'] = endLine;
  if (endColumn !== undefined) region['endColumn'] = endColumn;
  return { physicalLocation: { artifactLocation: { uri: pathToUri(file), uriBaseId: SRCROOT }, region } };
}

function sarifResult(finding: Finding, ruleIndex: number) {
  return {
    ruleId: `stateless/${finding.ruleId}`,
    ruleIndex,
    level: finding.severity === 'info' ? 'note' : 'error',
    message: { text: finding.message },
    locations: [location(finding.file, finding.line, finding.column, finding.endLine, finding.endColumn)],
    partialFingerprints: { 'statelessFingerprint/v1': finding.fingerprint },
    codeFlows: [
      {
        threadFlows: [
          { locations: finding.evidence.map((step) => ({ location: { ...location(step.file, step.line), message: { text: step.note } } })) },
        ],
      },
    ],
    properties: { category: finding.category, ...(finding.codemod ? { codemod: finding.codemod } : {}), ...(finding.package ? { package: finding.package } : {}) },
  };
}

function notification(diagnostic: Diagnostic) {
  return {
    level: diagnostic.severity === 'info' ? 'note' : diagnostic.severity,
    message: { text: diagnostic.message },
    descriptor: { id: diagnostic.code },
    ...(diagnostic.file ? { locations: [location(diagnostic.file, diagnostic.line ?? 1)] } : {}),
  };
}

/** Renders the result as a SARIF 2.1.0 log. */
export function formatSarif(audit: AuditResult): string {
  const rules = allChecks.map((check) => ({
    id: `stateless/${check.id}`,
    name: check.id,
    shortDescription: { text: check.title },
    fullDescription: { text: `${check.title}. ${check.remedy}` },
    helpUri: docsUrl(check.id),
    help: { text: `${categories[check.category].checklistItem}. ${check.remedy}` },
    defaultConfiguration: { level: 'error' },
    properties: { category: check.category, tags: ['scalability', check.category] },
  }));
  const ruleIndex = new Map(allChecks.map((check, index) => [check.id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: packageInfo.name, version: packageInfo.version, informationUri: packageInfo.homepage, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: `file://${pathToUri(audit.root.endsWith('/') ? audit.root : `${audit.root}/`)}` } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: audit.diagnostics.map(notification) }],
        results: audit.findings.map((finding) => sarifResult(finding, ruleIndex.get(finding.ruleId) ?? 0)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
