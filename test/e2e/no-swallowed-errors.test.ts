import { describe, expect, it } from 'vitest';
import { temporaryProject } from '../helpers/temp-project.js';
import { runCli } from '../helpers/cli.js';

/**
 * The audit merges the per-file catch rules' findings: a service whose catch returns null over a
 * repository call (no-swallowed-errors) and a route that answers every error with its own 500
 * (prefer-central-error-handler) are reported, in JSON and SARIF; their twins that log the error
 * and pass it to `next` are not.
 */
const FILES: Readonly<Record<string, string>> = {
  'package.json': JSON.stringify({ name: 'orders-api', private: true, dependencies: { express: '*' } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] }, include: ['src'] }),
  'src/services/orders.service.ts': `declare const orderRepository: { findById(id: string): Promise<{ id: string } | null> };
declare const logger: { error(context: object, message: string): void };

export async function findOrder(id: string) {
  try {
    return await orderRepository.findById(id);
  } catch (err) {
    return null;
  }
}

export async function findOrderLogged(id: string) {
  try {
    return await orderRepository.findById(id);
  } catch (err) {
    logger.error({ err, id }, 'order lookup failed');
    return null;
  }
}
`,
  'src/routes/orders.ts': `import express from 'express';
import { findOrder } from '../services/orders.service.js';

export const router = express.Router();

router.get('/orders/:id', async (req, res) => {
  try {
    res.json(await findOrder(req.params.id));
  } catch (err) {
    res.status(500).json({ message: 'Could not load the order' });
  }
});

router.get('/v2/orders/:id', async (req, res, next) => {
  try {
    res.json(await findOrder(req.params.id));
  } catch (err) {
    next(err);
  }
});
`,
};

const root = temporaryProject('swallowed', FILES);

const RULES = 'no-swallowed-errors,prefer-central-error-handler';

describe('audit with no-swallowed-errors and prefer-central-error-handler', () => {
  it('reports the swallowing catch and the route that answers every error itself, in JSON', () => {
    const run = runCli(['audit', root(), '--no-config-lookup', '--rules', RULES, '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string; line: number; message: string }> };
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)}`)).toEqual([
      'prefer-central-error-handler src/routes/orders.ts:10',
      'no-swallowed-errors src/services/orders.service.ts:7',
    ]);
    expect(report.findings.find((finding) => finding.ruleId === 'no-swallowed-errors')?.message).toContain('drops the error');
    expect(run.status).toBe(1);
  });

  it('reports them in SARIF with rule ids and locations', () => {
    const run = runCli(['audit', root(), '--no-config-lookup', '--rules', RULES, '--format', 'sarif']);
    const sarif = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.map((result) => `${result.ruleId} ${result.locations[0]?.physicalLocation.artifactLocation.uri ?? ''}:${String(result.locations[0]?.physicalLocation.region.startLine)}`).sort()).toEqual([
      'no-swallowed-errors src/services/orders.service.ts:7',
      'prefer-central-error-handler src/routes/orders.ts:10',
    ]);
  });
});
