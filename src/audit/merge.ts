import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { PACKAGE } from '../package-info.js';
import { compareFindings, type AuditedPackage, type AuditResult, type AuditSummary, type LayerEdge, type ReportedFinding, type RouteEntry } from './findings.js';

/**
 * Combining audit results: the packages of a workspace root into one report, and JSON reports of
 * separate runs (one CI job per package) into one, in any format.
 */

/** Errors and warnings not recorded in the baseline, and the baselined count. */
export function summarize(findings: readonly ReportedFinding[], files: number): AuditSummary {
  const live = findings.filter((finding) => !finding.baselined);
  return {
    files,
    errors: live.filter((finding) => finding.severity === 'error').length,
    warnings: live.filter((finding) => finding.severity === 'warning').length,
    baselined: findings.length - live.length,
  };
}

function compareRoutes(a: RouteEntry, b: RouteEntry): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.method.localeCompare(b.method) || a.path.localeCompare(b.path);
}

/** Layer edges of several results, counts added up per (from, to). */
function mergeEdges(results: readonly AuditResult[]): LayerEdge[] {
  const byPair = new Map<string, LayerEdge>();
  for (const edge of results.flatMap((result) => result.layerGraph.edges)) {
    const key = `${edge.from}>${edge.to}`;
    const known = byPair.get(key);
    byPair.set(key, known === undefined ? edge : { ...known, count: known.count + edge.count, violation: known.violation || edge.violation });
  }
  return [...byPair.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

function mergePackages(results: readonly AuditResult[]): AuditedPackage[] | undefined {
  const byPath = new Map<string, AuditedPackage>();
  for (const item of results.flatMap((result) => result.packages ?? [])) byPath.set(item.path, item);
  return byPath.size === 0 ? undefined : [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * One result from several whose paths are relative to the same root. A finding present in two
 * results (same fingerprint, file and line) is kept once; the summary is recounted.
 */
export function mergeResults(results: readonly AuditResult[], root: string): AuditResult {
  const seen = new Set<string>();
  const findings = results
    .flatMap((result) => result.findings)
    .filter((finding) => {
      const key = `${finding.fingerprint}\0${finding.file}\0${String(finding.line)}\0${String(finding.column)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(compareFindings);
  const routes = results.flatMap((result) => result.routes).sort(compareRoutes);
  const explain = results.flatMap((result) => result.explain ?? []).sort((a, b) => a.file.localeCompare(b.file));
  const notes = [...new Set(results.flatMap((result) => result.notes ?? []))];
  const packages = mergePackages(results);
  const files = packages !== undefined && results.every((result) => result.packages !== undefined) ? packages.reduce((sum, item) => sum + item.files, 0) : results.reduce((sum, result) => sum + result.summary.files, 0);
  return {
    schemaVersion: 1,
    tool: { name: 'backend-patterns', version: PACKAGE.version },
    root,
    summary: summarize(findings, files),
    findings,
    routes,
    layerGraph: { edges: mergeEdges(results) },
    explain,
    ...(notes.length === 0 ? {} : { notes }),
    ...(packages === undefined ? {} : { packages }),
  };
}

/**
 * Reads a JSON report written by `audit --format json`.
 * @throws InputError when it cannot be read or is not such a report.
 */
export function readReport(file: string): AuditResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read report ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(`Report ${file} is not valid JSON (write reports to merge with --format json)`);
  }
  const report = parsed as Partial<AuditResult> | null;
  if (report?.schemaVersion !== 1 || !Array.isArray(report.findings) || !Array.isArray(report.routes) || !Array.isArray(report.layerGraph?.edges)) {
    throw new InputError(`Report ${file} is not a backend-patterns JSON report (schemaVersion 1)`);
  }
  return report as AuditResult;
}
