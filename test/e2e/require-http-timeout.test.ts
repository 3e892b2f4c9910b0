import { describe, expect, it } from 'vitest';
import { auditWithRule, temporaryProject } from '../helpers/temp-project.js';

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

const root = temporaryProject('http-timeout', FILES);

describe('audit with require-http-timeout', () => {
  it('reports the fetch without a signal in JSON, and not the one with a deadline', () => {
    const run = auditWithRule(root(), 'require-http-timeout', 'json');
    expect(run.locations).toEqual(['require-http-timeout src/routes/rates.ts:6']);
    expect(run.messages[0]).toContain("'fetch' has no timeout");
    expect(run.status).toBe(1);
  });

  it('reports it in SARIF with the rule id and location', () => {
    expect(auditWithRule(root(), 'require-http-timeout', 'sarif').locations).toEqual(['require-http-timeout src/routes/rates.ts:6']);
  });
});
