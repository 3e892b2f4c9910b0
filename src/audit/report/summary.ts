import type { ReportedFinding } from '../findings.js';

/** One row of a summary table: how many findings of each severity a rule or a folder holds. */
export interface SummaryRow {
  readonly key: string;
  readonly errors: number;
  readonly warnings: number;
  readonly total: number;
}

/**
 * The folder each finding is summarised under: the folder below the one all findings share, so
 * `src/modules/users/users.service.ts` counts under `src/modules/users` when every finding is in
 * `src/modules/`, and under `src` when some are elsewhere. Files at that shared folder count under it.
 */
export function folderKeys(files: readonly string[]): (file: string) => string {
  const folders = files.map((file) => file.split('/').slice(0, -1));
  let shared = folders[0]?.length ?? 0;
  for (const folder of folders) {
    let same = 0;
    while (same < shared && same < folder.length && folder[same] === folders[0]?.[same]) same += 1;
    shared = same;
  }
  return (file) => {
    const segments = file.split('/').slice(0, -1);
    const key = segments.slice(0, Math.min(segments.length, shared + 1)).join('/');
    return key === '' ? '.' : key;
  };
}

/** Counts by severity per key, most findings first (errors break ties, then the key). */
export function summarize(findings: readonly ReportedFinding[], keyOf: (finding: ReportedFinding) => string): SummaryRow[] {
  const rows = new Map<string, { errors: number; warnings: number }>();
  for (const finding of findings) {
    const key = keyOf(finding);
    const row = rows.get(key) ?? { errors: 0, warnings: 0 };
    if (finding.severity === 'error') row.errors += 1;
    else row.warnings += 1;
    rows.set(key, row);
  }
  return [...rows]
    .map(([key, row]) => ({ key, errors: row.errors, warnings: row.warnings, total: row.errors + row.warnings }))
    .sort((a, b) => b.total - a.total || b.errors - a.errors || a.key.localeCompare(b.key));
}
