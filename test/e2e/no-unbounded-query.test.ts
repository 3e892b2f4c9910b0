import { describe, expect, it } from 'vitest';
import { temporaryProject } from '../helpers/temp-project.js';
import { runCli } from '../helpers/cli.js';

/**
 * The audit merges the per-file rule's findings: a NestJS-style service whose list query has no
 * `take` is reported at the query, in JSON and in SARIF, and the capped twin is not.
 */
const FILES: Readonly<Record<string, string>> = {
  'package.json': JSON.stringify({ name: 'shop-api', private: true, dependencies: { '@nestjs/core': '*', '@prisma/client': '*' } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] }, include: ['src'] }),
  'src/products.service.ts': `import { PrismaClient } from '@prisma/client';

export class ProductsService {
  constructor(private readonly prisma: PrismaClient) {}

  async discontinued() {
    return this.prisma.product.findMany({ where: { discontinued: true } });
  }

  async page(take: number, skip: number) {
    return this.prisma.product.findMany({ where: { discontinued: false }, take, skip });
  }
}
`,
};

const root = temporaryProject('unbounded', FILES);

describe('audit with no-unbounded-query', () => {
  it('reports the uncapped findMany in JSON, and not the paged one', () => {
    const run = runCli(['audit', root(), '--no-config-lookup', '--rules', 'no-unbounded-query', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string; line: number; message: string }> };
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)}`)).toEqual(['no-unbounded-query src/products.service.ts:7']);
    expect(report.findings[0]?.message).toContain("every matching 'product' row");
    expect(run.status).toBe(1);
  });

  it('reports it in SARIF with the rule id and location', () => {
    const run = runCli(['audit', root(), '--no-config-lookup', '--rules', 'no-unbounded-query', '--format', 'sarif']);
    const sarif = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.map((result) => `${result.ruleId} ${result.locations[0]?.physicalLocation.artifactLocation.uri ?? ''}:${String(result.locations[0]?.physicalLocation.region.startLine)}`)).toEqual([
      'no-unbounded-query src/products.service.ts:7',
    ]);
  });
});
