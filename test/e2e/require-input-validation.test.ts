import { describe, expect, it } from 'vitest';
import { temporaryProject } from '../helpers/temp-project.js';
import { runCli } from '../helpers/cli.js';

/**
 * The audit merges the per-file rule's findings: an Express router whose sign-up route hands the
 * raw body to the service is reported at the body, in JSON and in SARIF; the route that validates
 * with a schema middleware is not.
 */
const FILES: Readonly<Record<string, string>> = {
  'package.json': JSON.stringify({ name: 'club-api', private: true, dependencies: { express: '*', zod: '*' } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] }, include: ['src'] }),
  'src/members.service.ts': `export const membersService = {
  async join(input: unknown) {
    return { id: 1, input };
  },
  async rename(input: unknown) {
    return { id: 1, input };
  },
};
`,
  'src/members.routes.ts': `import { Router } from 'express';
import { membersService } from './members.service.js';
import { validate } from './validate.js';

export const membersRouter = Router();

membersRouter.post('/members', async (req, res) => {
  res.status(201).json(await membersService.join(req.body));
});

membersRouter.patch('/members/me', validate('rename'), async (req, res) => {
  res.json(await membersService.rename(req.body));
});
`,
  'src/validate.ts': `import type { RequestHandler } from 'express';

export function validate(schema: string): RequestHandler {
  return (req, _res, next) => {
    if (typeof req.body !== 'object' || req.body === null) throw new Error(schema);
    next();
  };
}
`,
};

const root = temporaryProject('input-validation', FILES);

describe('audit with require-input-validation', () => {
  it('reports the raw body handed to the service in JSON, and not the validated route', () => {
    const run = runCli(['audit', root(), '--no-config-lookup', '--rules', 'require-input-validation', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string; line: number; column: number; message: string }> };
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)}:${String(finding.column)}`)).toEqual([
      'require-input-validation src/members.routes.ts:8:50',
    ]);
    expect(report.findings[0]?.message).toContain("Request input 'req.body' reaches 'membersService.join'");
    expect(run.status).toBe(1);
  });

  it('reports it in SARIF with the rule id and location', () => {
    const run = runCli(['audit', root(), '--no-config-lookup', '--rules', 'require-input-validation', '--format', 'sarif']);
    const sarif = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.map((result) => `${result.ruleId} ${result.locations[0]?.physicalLocation.artifactLocation.uri ?? ''}:${String(result.locations[0]?.physicalLocation.region.startLine)}`)).toEqual([
      'require-input-validation src/members.routes.ts:8',
    ]);
  });
});
