import { formatChain, type AuditResult } from '../findings.js';
import { uriOf } from './sarif.js';

/** Escapes a workflow command's message, as GitHub's toolkit does (`%`, CR, LF). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: the message escapes plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding not in the
 * baseline, on the finding's file, line and column, titled with the rule id; the chain, when there
 * is one, follows the message on its own line.
 */
export function formatGithub(result: AuditResult): string {
  const lines = result.findings
    .filter((finding) => !finding.baselined)
    .map((finding) => {
      const properties = [
        `file=${escapeProperty(uriOf(result.root, finding.file))}`,
        `line=${String(finding.line)}`,
        ...(finding.endLine > finding.line ? [`endLine=${String(finding.endLine)}`] : []),
        `col=${String(finding.column)}`,
        `title=${escapeProperty(`backend-patterns/${finding.ruleId}`)}`,
      ];
      const path = finding.chain !== undefined && finding.chain.length > 1 ? `\nPath: ${formatChain(finding.chain)}` : '';
      return `::${finding.severity} ${properties.join(',')}::${escapeData(`${finding.message}${path}`)}`;
    });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
