import { formatChain, type AuditResult, type ReportedFinding } from '../findings.js';

export interface TextOptions {
  /** ANSI colours (on a TTY). */
  readonly color: boolean;
  /** The source line of a finding, for code frames; empty when unknown. */
  readonly sourceLine?: (file: string, line: number) => string;
  /** Only errors (`--quiet`). */
  readonly quiet?: boolean;
}

const codes = { red: 31, yellow: 33, dim: 2, bold: 1, cyan: 36, green: 32 } as const;

/** The human report: findings grouped by file with a code frame, the chain and the fix, then a summary line. */
export function formatText(result: AuditResult, options: TextOptions): string {
  const paint = (style: keyof typeof codes, text: string): string => (options.color ? `\u001B[${String(codes[style])}m${text}\u001B[0m` : text);
  const shown = result.findings.filter((finding) => !finding.baselined && (options.quiet !== true || finding.severity === 'error'));
  const byFile = new Map<string, ReportedFinding[]>();
  for (const finding of shown) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const out: string[] = [];
  for (const [file, findings] of byFile) {
    out.push(paint('bold', file));
    for (const finding of findings) {
      const severity = finding.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning');
      out.push(`  ${String(finding.line)}:${String(finding.column)}  ${severity}  ${finding.message}  ${paint('dim', finding.ruleId)}`);
      const source = options.sourceLine?.(file, finding.line) ?? '';
      if (source.trim() !== '') {
        const gutter = `${String(finding.line)} | `;
        const shownSource = source.replace(/\t/g, ' ').slice(0, 160);
        out.push(`    ${paint('dim', gutter)}${shownSource}`);
        out.push(`    ${' '.repeat(gutter.length + Math.max(0, finding.column - 1))}${paint('red', '^')}`);
      }
      if (finding.chain !== undefined && finding.chain.length > 1) out.push(`    ${paint('cyan', 'path:')} ${formatChain(finding.chain)}`);
      if (finding.fix !== undefined) out.push(`    ${paint('green', 'fix:')} ${finding.fix}`);
    }
    out.push('');
  }
  const { summary } = result;
  const total = summary.errors + summary.warnings;
  const headline = total === 0 ? paint('green', '✔ No findings') : paint(summary.errors > 0 ? 'red' : 'yellow', `✖ ${String(total)} finding${total === 1 ? '' : 's'} (${String(summary.errors)} error${summary.errors === 1 ? '' : 's'}, ${String(summary.warnings)} warning${summary.warnings === 1 ? '' : 's'})`);
  out.push(`${headline} in ${String(summary.files)} files, ${String(result.routes.length)} routes${summary.baselined > 0 ? `, ${String(summary.baselined)} baselined` : ''}.`);
  return `${out.join('\n')}\n`;
}
