import { formatChain, type AuditResult, type ReportedFinding } from '../findings.js';
import { folderKeys, summarize, type SummaryRow } from './summary.js';

export interface TextOptions {
  /** ANSI colours (on a TTY). */
  readonly color: boolean;
  /** The source line of a finding, for code frames; empty when unknown. */
  readonly sourceLine?: (file: string, line: number) => string;
  /** Only errors (`--quiet`). */
  readonly quiet?: boolean;
}

const codes = { red: 31, yellow: 33, dim: 2, bold: 1, cyan: 36, green: 32 } as const;

/** Summary tables show this many rows, then one line for the rest. */
const SUMMARY_ROWS = 20;

/** A summary table as aligned text lines: the key, then errors, warnings and total; the rows past the limit counted on one line. */
export function summaryTable(title: string, rows: readonly SummaryRow[], limit = SUMMARY_ROWS): string[] {
  const shown = rows.length > limit + 1 ? rows.slice(0, limit) : rows;
  const rest = rows.slice(shown.length);
  const restKey = rest.length === 0 ? '' : `… ${String(rest.length)} more`;
  const width = Math.max(title.length, restKey.length, ...shown.map((row) => row.key.length)) + 2;
  const number = (value: number | string): string => String(value).padStart(9);
  const line = (key: string, errors: number | string, warnings: number | string, total: number | string): string => `${key.padEnd(width)}${number(errors)}${number(warnings)}${number(total)}`;
  const sum = (pick: (row: SummaryRow) => number): number => rest.reduce((total, row) => total + pick(row), 0);
  return [
    line(title, 'errors', 'warnings', 'total'),
    ...shown.map((row) => line(row.key, row.errors, row.warnings, row.total)),
    ...(rest.length === 0 ? [] : [line(restKey, sum((row) => row.errors), sum((row) => row.warnings), sum((row) => row.total))]),
  ];
}

/**
 * The human report: findings grouped by file with a code frame, the chain and the fix, then the
 * findings counted per rule and per folder (by severity), then a summary line.
 */
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
  if (shown.length > 0) {
    out.push(paint('bold', 'By rule'), ...summaryTable('rule', summarize(shown, (finding) => finding.ruleId)).map((line) => `  ${line}`), '');
    const folderOf = folderKeys(shown.map((finding) => finding.file));
    out.push(paint('bold', 'By folder'), ...summaryTable('folder', summarize(shown, (finding) => folderOf(finding.file))).map((line) => `  ${line}`), '');
  }
  const { summary } = result;
  const total = summary.errors + summary.warnings;
  const headline = total === 0 ? paint('green', '✔ No findings') : paint(summary.errors > 0 ? 'red' : 'yellow', `✖ ${String(total)} finding${total === 1 ? '' : 's'} (${String(summary.errors)} error${summary.errors === 1 ? '' : 's'}, ${String(summary.warnings)} warning${summary.warnings === 1 ? '' : 's'})`);
  out.push(`${headline} in ${String(summary.files)} files, ${String(result.routes.length)} routes${summary.baselined > 0 ? `, ${String(summary.baselined)} baselined` : ''}.`);
  return `${out.join('\n')}\n`;
}
