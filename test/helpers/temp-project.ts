import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildOnce } from './build.js';
import { runCli } from './cli.js';

/**
 * Throw-away projects on disk for the tests that need real files: the audit's e2e tests (through
 * `temporaryProject`, which builds `dist/` first), the workspace tests, the parity tests whose
 * verdicts read a package.json. One helper writes them all and removes them all.
 */
const made: string[] = [];

/** A mini project in a new temporary folder: `files` maps paths under it to their text. Returns its root. */
export function writeTempProject(prefix: string, files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** A copy of a fixture folder in a new temporary folder, to change without touching the original. Returns its root. */
export function copyTempProject(prefix: string, from: string): string {
  const root = writeTempProject(prefix, {});
  cpSync(from, root, { recursive: true });
  return root;
}

/** Removes every project `writeTempProject` and `copyTempProject` made (call it from `afterAll`). */
export function removeTempProjects(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}

/**
 * A throw-away project for e2e tests of the audit: written before the file's tests, after building
 * `dist/`, and removed after them. Returns a getter for its root.
 */
export function temporaryProject(prefix: string, files: Readonly<Record<string, string>>): () => string {
  let root = '';
  beforeAll(() => {
    buildOnce();
    root = writeTempProject(`backend-patterns-${prefix}-`, files);
  }, 120_000);
  afterAll(removeTempProjects);
  return () => root;
}

export interface AuditRun {
  readonly status: number | null;
  /** `ruleId file:line` of every finding, in report order. */
  readonly locations: readonly string[];
  readonly messages: readonly string[];
}

interface SarifLog {
  runs: { results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
}

/** Runs `backend-patterns audit <root> --no-config-lookup --rules <ruleId>` in a format, and reads the findings back. */
export function auditWithRule(root: string, ruleId: string, format: 'json' | 'sarif'): AuditRun {
  const run = runCli(['audit', root, '--no-config-lookup', '--rules', ruleId, '--format', format]);
  if (format === 'json') {
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; file: string; line: number; message: string }[] };
    return { status: run.status, locations: report.findings.map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)}`), messages: report.findings.map((finding) => finding.message) };
  }
  const results = (JSON.parse(run.stdout) as SarifLog).runs[0]?.results ?? [];
  return {
    status: run.status,
    locations: results.map((result) => `${result.ruleId} ${result.locations[0]?.physicalLocation.artifactLocation.uri ?? ''}:${String(result.locations[0]?.physicalLocation.region.startLine)}`),
    messages: results.map((result) => result.message.text),
  };
}
