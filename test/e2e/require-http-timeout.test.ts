import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';

/**
 * The audit merges the per-file rule's findings: a route that calls an upstream with `fetch` and no
 * signal is reported at the call, in JSON and in SARIF; its twin with `AbortSignal.timeout` is not.
 */
const FILES: Readonly<Record<string, string>> = {
  'package.json': JSON.stringify({ name: 'rates-api', private: true, dependencies: { express: '*' } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] }, include: ['src'] }),
  'src/routes/rates.ts': `import express from 'express';

export const rates = express.Router();

rates.get('/rates', async (req, res) => {
  const upstream = await fetch('https://fx.example.com/latest');
  res.json(await upstream.json());
});

rates.get('/rates/cached', async (req, res) => {
  const upstream = await fetch('https://fx.example.com/latest', { signal: AbortSignal.timeout(5_000) });
  res.json(await upstream.json());
});
`,
};

let root = '';

beforeAll(() => {
  buildOnce();
  root = mkdtempSync(path.join(tmpdir(), 'backend-patterns-http-timeout-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}, 120_000);

afterAll(() => {
  if (root !== '') rmSync(root, { recursive: true, force: true });
});

describe('audit with require-http-timeout', () => {
  it('reports the fetch without a signal in JSON, and not the one with a deadline', () => {
    const run = runCli(['audit', root, '--no-config-lookup', '--rules', 'require-http-timeout', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string; line: number; message: string }> };
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)}`)).toEqual(['require-http-timeout src/routes/rates.ts:6']);
    expect(report.findings[0]?.message).toContain("'fetch' has no timeout");
    expect(run.status).toBe(1);
  });

  it('reports it in SARIF with the rule id and location', () => {
    const run = runCli(['audit', root, '--no-config-lookup', '--rules', 'require-http-timeout', '--format', 'sarif']);
    const sarif = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.map((result) => `${result.ruleId} ${result.locations[0]?.physicalLocation.artifactLocation.uri ?? ''}:${String(result.locations[0]?.physicalLocation.region.startLine)}`)).toEqual([
      'require-http-timeout src/routes/rates.ts:6',
    ]);
  });
});
