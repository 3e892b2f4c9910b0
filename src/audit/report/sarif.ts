import path from 'node:path';
import type { Log, Result, ReportingDescriptor, ThreadFlowLocation } from 'sarif';
import { REPOSITORY_URL } from '../../core/rule-registry.js';
import type { AuditResult, ChainStep } from '../findings.js';
import { ruleInfo } from './rule-info.js';

/** A finding's path as the CI sees it: relative to where the audit ran when the root is relative. */
export function uriOf(root: string, file: string): string {
  return path.isAbsolute(root) ? file : path.posix.normalize(path.posix.join(root.split(path.sep).join('/'), file));
}

/** SARIF 2.1.0 for code scanning: rule metadata with help URIs, code flows for chains, partial fingerprints, baseline state. */
export function formatSarif(result: AuditResult): string {
  const ids = [...new Set(result.findings.map((finding) => finding.ruleId))].sort();
  const rules: ReportingDescriptor[] = ids.map((id) => {
    const info = ruleInfo(id);
    return { id, name: id, shortDescription: { text: info.description }, helpUri: info.helpUri, help: { text: `${info.description}. See ${info.helpUri}` } };
  });
  const location = (step: ChainStep): ThreadFlowLocation => ({
    location: {
      physicalLocation: { artifactLocation: { uri: uriOf(result.root, step.file), uriBaseId: '%SRCROOT%' }, region: { startLine: step.line, startColumn: step.column } },
      message: { text: step.label },
    },
  });
  const results: Result[] = result.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: ids.indexOf(finding.ruleId),
    level: finding.severity === 'error' ? 'error' : 'warning',
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(result.root, finding.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: finding.line, startColumn: finding.column, endLine: Math.max(finding.endLine, finding.line), endColumn: finding.endLine > finding.line ? finding.endColumn : Math.max(finding.endColumn, finding.column) },
        },
      },
    ],
    partialFingerprints: { 'backendPatterns/v1': finding.fingerprint },
    baselineState: finding.baselined ? 'unchanged' : 'new',
    ...(finding.chain !== undefined && finding.chain.length > 1 ? { codeFlows: [{ threadFlows: [{ locations: finding.chain.map(location) }] }] } : {}),
  }));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'backend-patterns', semanticVersion: result.tool.version, version: result.tool.version, informationUri: REPOSITORY_URL, rules } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
