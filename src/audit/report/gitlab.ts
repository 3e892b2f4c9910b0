import type { AuditResult, Severity } from '../findings.js';
import { ruleInfo } from './rule-info.js';
import { uriOf } from './sarif.js';

/** One issue of a GitLab Code Quality report (the subset of the Code Climate spec GitLab reads). */
export interface CodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end?: number } };
  readonly content?: { readonly body: string };
}

const SEVERITY: Readonly<Record<Severity, CodeQualityIssue['severity']>> = { error: 'major', warning: 'minor' };

/**
 * GitLab Code Quality JSON (an array of issues) for merge-request widgets: each finding not in the
 * baseline, with its rule as the check name, its baseline fingerprint and a link to the rule's docs.
 */
export function formatGitlab(result: AuditResult): string {
  const issues: CodeQualityIssue[] = result.findings
    .filter((finding) => !finding.baselined)
    .map((finding) => ({
      description: finding.message,
      check_name: finding.ruleId,
      fingerprint: finding.fingerprint,
      severity: SEVERITY[finding.severity],
      location: { path: uriOf(result.root, finding.file), lines: { begin: finding.line, ...(finding.endLine > finding.line ? { end: finding.endLine } : {}) } },
      content: { body: `${ruleInfo(finding.ruleId).description}. See ${ruleInfo(finding.ruleId).helpUri}` },
    }));
  return `${JSON.stringify(issues, null, 2)}\n`;
}
