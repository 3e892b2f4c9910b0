import type { AuditResult } from '../findings.js';

/** The JSON report: the `AuditResult` itself (schema in docs/cli.md), stable key order, sorted findings. */
export function formatJson(result: AuditResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
