import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';

/**
 * The built CLI on a fixture project with a stale cache-aside entry: every report format carries
 * the finding and the chain from the write to the cached read (SARIF as `codeFlows`).
 */
const PROJECT = path.join('fixtures', 'audit', 'cache-invalidation', 'nest-cache-manager-typeorm.wrong');
const RULE = 'audit/cache-invalidation';

function report(format: string): string {
  const run = runCli(['audit', PROJECT, '--format', format, '--no-eslint', '--no-config-lookup', '--rules', RULE]);
  expect(run.stderr).toBe('');
  // Findings are warnings: the default --fail-on error passes.
  expect(run.status).toBe(0);
  return run.stdout;
}

const PATH_TEXT =
  "catalog-admin.service.ts:24 write this.repo.save → catalog-admin.service.ts:22 CatalogAdminService.restore → products.service.ts:15 cached read ProductsService.findOne → products.service.ts:16 cache get 'product:*' → products.service.ts:18 this.products.findOne → products.service.ts:19 cache set 'product:*' (no TTL)";

beforeAll(() => {
  buildOnce();
}, 300_000);

describe('audit/cache-invalidation in every report format', () => {
  it('json: the findings and their chains', () => {
    const parsed = JSON.parse(report('json')) as { findings: Array<{ ruleId: string; file: string; line: number; severity: string; chain: Array<{ file: string; line: number; label: string }> }> };
    expect(parsed.findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.file}:${String(finding.line)}`)).toEqual([
      `${RULE} warning src/catalog/catalog-admin.service.ts:24`,
      `${RULE} warning src/products/products.service.ts:24`,
    ]);
    expect(parsed.findings[0]?.chain.map((step) => `${step.file}:${String(step.line)}`)).toEqual([
      'src/catalog/catalog-admin.service.ts:24',
      'src/catalog/catalog-admin.service.ts:22',
      'src/products/products.service.ts:15',
      'src/products/products.service.ts:16',
      'src/products/products.service.ts:18',
      'src/products/products.service.ts:19',
    ]);
  });

  it('sarif: the chain as a code flow, the rule with its docs page', () => {
    const sarif = JSON.parse(report('sarif')) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; helpUri: string }> } };
        results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>; codeFlows?: Array<{ threadFlows: Array<{ locations: Array<{ location: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message: { text: string } } }> }> }> }>;
      }>;
    };
    const run = sarif.runs[0];
    expect(run?.tool.driver.rules).toEqual([expect.objectContaining({ id: RULE, helpUri: expect.stringMatching(/docs\/audit\/cache-invalidation\.md$/) as unknown })]);
    const result = run?.results[0];
    expect(result?.ruleId).toBe(RULE);
    expect(result?.level).toBe('warning');
    expect(result?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(`${PROJECT.split(path.sep).join('/')}/src/catalog/catalog-admin.service.ts`);
    const flow = result?.codeFlows?.[0]?.threadFlows[0]?.locations ?? [];
    expect(flow.map((step) => `${path.posix.basename(step.location.physicalLocation.artifactLocation.uri)}:${String(step.location.physicalLocation.region.startLine)} ${step.location.message.text}`)).toEqual([
      'catalog-admin.service.ts:24 write this.repo.save',
      'catalog-admin.service.ts:22 CatalogAdminService.restore',
      'products.service.ts:15 cached read ProductsService.findOne',
      "products.service.ts:16 cache get 'product:*'",
      'products.service.ts:18 this.products.findOne',
      "products.service.ts:19 cache set 'product:*' (no TTL)",
    ]);
  });

  it('text: the message, the path and the fix', () => {
    const text = report('text');
    expect(text).toContain("'CatalogAdminService.restore' writes the product model (this.repo.save)");
    expect(text).toContain(`path: ${PATH_TEXT}`);
    expect(text).toContain("fix: After the write commits, delete the cached key ('product:*')");
    expect(text).toContain('2 findings (0 errors, 2 warnings)');
  });

  it('markdown and html: the path with the finding', () => {
    expect(report('markdown')).toContain(`Path: ${PATH_TEXT}`.replaceAll('|', '\\|'));
    const html = report('html');
    expect(html).toContain('<div class="chain">catalog-admin.service.ts:24 write this.repo.save → ');
    expect(html).toContain('cache set &#39;product:*&#39; (no TTL)');
  });

  it('the fixed project has no finding', () => {
    const run = runCli(['audit', path.join('fixtures', 'audit', 'cache-invalidation', 'nest-cache-manager-typeorm.fixed'), '--format', 'json', '--no-eslint', '--no-config-lookup', '--rules', RULE]);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { findings: unknown[] }).findings).toEqual([]);
  });
});
