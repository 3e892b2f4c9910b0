import AjvModule from 'ajv-draft-04';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, REPO } from '../helpers/build.js';
import { labelledLocations, runCli } from '../helpers/cli.js';
import { removeTempProjects, writeTempProject } from '../helpers/temp-project.js';

const Ajv = AjvModule.default;
const NPM_ROOT = path.join(REPO, 'fixtures', 'workspaces', 'npm');
const PNPM_ROOT = path.join(REPO, 'fixtures', 'workspaces', 'pnpm');
const CHECK = 'audit/no-query-in-loop';
const ARGS = ['--no-eslint', '--no-config-lookup', '--rules', CHECK];

interface JsonReport {
  root: string;
  summary: { files: number; errors: number; warnings: number; baselined: number };
  findings: { ruleId: string; file: string; line: number; package?: string; fingerprint: string; chain?: { file: string }[] }[];
  packages?: { name: string; path: string; files: number }[];
}

function auditJson(root: string, extra: readonly string[] = []): { status: number | null; report: JsonReport; stderr: string } {
  const run = runCli(['audit', root, ...ARGS, '--format', 'json', ...extra]);
  return { status: run.status, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
}

const locations = (report: JsonReport): string[] => report.findings.map((finding) => `${finding.file}:${String(finding.line)}`);

let scratch = '';
beforeAll(() => {
  buildOnce();
  scratch = mkdtempSync(path.join(tmpdir(), 'backend-patterns-merge-'));
}, 120_000);
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  removeTempProjects();
});

describe('audit on a workspace root', () => {
  it('npm workspaces: audits the three packages, each with its own tsconfig, into one report with root-relative paths', () => {
    const { status, report, stderr } = auditJson(NPM_ROOT);
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(report.packages).toEqual([
      { name: '@acme/billing', path: 'packages/billing', files: 3 },
      { name: '@acme/catalog', path: 'packages/catalog', files: 2 },
      { name: '@acme/orders', path: 'packages/orders', files: 3 },
    ]);
    expect(locations(report)).toEqual(labelledLocations(NPM_ROOT, CHECK));
    expect(report.findings.map((finding) => `${finding.package ?? '-'} ${finding.file}`)).toEqual([
      '@acme/billing packages/billing/src/invoices.service.ts',
      '@acme/orders packages/orders/src/orders.service.ts',
    ]);
    // The proving path stays inside the package, written relative to the root.
    expect(report.findings[1]?.chain?.map((step) => step.file)).toEqual([
      'packages/orders/src/orders.service.ts',
      'packages/orders/src/customers.service.ts',
      'packages/orders/src/customers.repository.ts',
      'packages/orders/src/customers.repository.ts',
    ]);
    expect(report.summary).toEqual({ files: 8, errors: 2, warnings: 0, baselined: 0 });
  });

  it('the JSON report of a workspace follows the documented schema', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO, 'docs', 'audit', 'report.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, validateFormats: false }).compile(schema);
    const { report } = auditJson(NPM_ROOT);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the text report names files relative to the root and shows their source lines', () => {
    const run = runCli(['audit', NPM_ROOT, ...ARGS]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('packages/billing/src/invoices.service.ts\n  9:');
    expect(run.stdout).toContain('total += await this.accounts.balanceCents(accountId);');
  });

  it('pnpm-workspace.yaml: block list with quotes and comments, and an excluded folder', () => {
    const { status, report } = auditJson(PNPM_ROOT);
    expect(status).toBe(1);
    expect(report.packages?.map((item) => `${item.name} ${item.path}`)).toEqual(['@fleet/api apps/api', '@fleet/reports packages/reports']);
    expect(locations(report)).toEqual(labelledLocations(PNPM_ROOT, CHECK));
    // The excluded package has a loop of its own, reported when it is audited by itself.
    const legacy = auditJson(path.join(PNPM_ROOT, 'packages', 'legacy'));
    expect(locations(legacy.report)).toEqual(['src/export.service.ts:10']);
  });

  it('yarn `workspaces: { packages }`, Nx project.json files and a solution-style tsconfig are workspace roots too', () => {
    const pkg = (name: string): Record<string, string> => ({
      [`${name}/tsconfig.json`]: JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: true, types: [] }, include: ['src'] }),
      [`${name}/src/index.ts`]: 'export const answer = 42;\n',
    });
    const yarn = writeTempProject('backend-patterns-yarn-', {
      'package.json': JSON.stringify({ private: true, workspaces: { packages: ['libs/*'], nohoist: [] } }),
      'libs/a/package.json': JSON.stringify({ name: 'lib-a' }),
      ...pkg('libs/a'),
      'libs/b/package.json': JSON.stringify({ name: 'lib-b' }),
      ...pkg('libs/b'),
    });
    expect(auditJson(yarn).report.packages?.map((item) => item.name)).toEqual(['lib-a', 'lib-b']);
    const nx = writeTempProject('backend-patterns-nx-', {
      'nx.json': '{}',
      'package.json': JSON.stringify({ private: true }),
      'apps/gateway/project.json': JSON.stringify({ name: 'gateway' }),
      ...pkg('apps/gateway'),
      'libs/data/project.json': JSON.stringify({ name: 'data-access' }),
      ...pkg('libs/data'),
    });
    expect(auditJson(nx).report.packages?.map((item) => `${item.name} ${item.path}`)).toEqual(['gateway apps/gateway', 'data-access libs/data']);
    const solution = writeTempProject('backend-patterns-refs-', {
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './server' }, { path: './worker/tsconfig.json' }] }),
      ...pkg('server'),
      ...pkg('worker'),
    });
    expect(auditJson(solution).report.packages?.map((item) => `${item.name} ${item.path}`)).toEqual(['server server', 'worker worker']);
  });

  it('a package without a tsconfig is named in a note, the others are audited', () => {
    const root = writeTempProject('backend-patterns-notsconfig-', {
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'] }),
      'packages/docs/package.json': JSON.stringify({ name: 'docs-site' }),
      'packages/api/package.json': JSON.stringify({ name: 'api' }),
      'packages/api/tsconfig.json': JSON.stringify({ compilerOptions: { types: [] }, include: ['src'] }),
      'packages/api/src/index.ts': 'export const port = 3000;\n',
    });
    const { status, report, stderr } = auditJson(root);
    expect(status).toBe(0);
    expect(report.packages?.map((item) => item.name)).toEqual(['api']);
    expect(stderr).toBe('backend-patterns: docs-site (packages/docs) has no tsconfig.json: not audited\n');
  });

  it('workspaces that match no folder, beside a base tsconfig: still one line, exit 2', () => {
    const root = writeTempProject('backend-patterns-nomatch-base-', {
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'] }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }),
    });
    const run = runCli(['audit', root, ...ARGS]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`backend-patterns: The workspaces of ${root} (packages/*) match no package folder\n`);
  });

  it('workspaces that match no folder: one line, exit 2', () => {
    const root = writeTempProject('backend-patterns-nomatch-', { 'package.json': JSON.stringify({ private: true, workspaces: ['services/*'] }) });
    const run = runCli(['audit', root, ...ARGS]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`backend-patterns: The workspaces of ${root} (services/*) match no package folder\n`);
  });

  it("a root that is a project itself, whose workspaces match no other folder (pnpm's packages: ['**']), is audited as one project", () => {
    const root = writeTempProject('backend-patterns-rootonly-', {
      'package.json': JSON.stringify({ name: 'analytics', private: true }),
      'pnpm-workspace.yaml': "packages:\n  - '**'\n",
      'tsconfig.json': JSON.stringify({ compilerOptions: { types: [] }, include: ['src'] }),
      'src/index.ts': 'export const port = 3000;\n',
    });
    const { status, report, stderr } = auditJson(root);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(report.packages).toBeUndefined();
    expect(report.findings).toEqual([]);
  });
});

describe('--package', () => {
  it('audits only the named package (by name or by folder), paths still relative to the root', () => {
    const byName = auditJson(NPM_ROOT, ['--package', '@acme/orders']);
    expect(byName.report.packages?.map((item) => item.name)).toEqual(['@acme/orders']);
    expect(locations(byName.report)).toEqual(['packages/orders/src/orders.service.ts:15']);
    const byFolder = auditJson(NPM_ROOT, ['--package', 'packages/catalog']);
    expect(byFolder.status).toBe(0);
    expect(byFolder.report.findings).toEqual([]);
    expect(byFolder.report.summary.files).toBe(2);
  });

  it('an unknown package, or --package on a plain project: one line, exit 2', () => {
    const unknown = runCli(['audit', NPM_ROOT, ...ARGS, '--package', '@acme/shipping']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe("backend-patterns: Unknown package '@acme/shipping' (known: @acme/billing, @acme/catalog, @acme/orders)\n");
    const plain = path.join(REPO, 'fixtures', 'audit', 'no-query-in-loop', 'cross-file');
    const notWorkspace = runCli(['audit', plain, ...ARGS, '--package', 'api']);
    expect(notWorkspace.status).toBe(2);
    expect(notWorkspace.stderr).toMatch(/^backend-patterns: --package: .* is not a workspace root/);
  });
});

describe('merge', () => {
  function shard(name: string): string {
    const file = path.join(scratch, `${name.replace(/\W+/g, '_')}.json`);
    const run = runCli(['audit', NPM_ROOT, ...ARGS, '--package', name, '--format', 'json', '--output', file]);
    expect(run.status).not.toBe(2);
    return file;
  }

  it('one JSON report per package merges into the report of the whole root', () => {
    const shards = ['@acme/orders', '@acme/billing', '@acme/catalog'].map(shard);
    const merged = runCli(['merge', ...shards, '--format', 'json']);
    expect(merged.status).toBe(1);
    const whole = auditJson(NPM_ROOT).report;
    const report = JSON.parse(merged.stdout) as JsonReport;
    expect(report.findings).toEqual(whole.findings);
    expect(report.packages).toEqual(whole.packages);
    expect(report.summary).toEqual(whole.summary);
  });

  it('merges into SARIF that validates against the SARIF 2.1.0 schema', () => {
    const shards = ['@acme/orders', '@acme/billing'].map(shard);
    const output = path.join(scratch, 'merged.sarif');
    const run = runCli(['merge', ...shards, '--format', 'sarif', '--output', output]);
    expect(run.status).toBe(1);
    const sarif = JSON.parse(readFileSync(output, 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const schema = JSON.parse(readFileSync(path.join(REPO, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0]?.results.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual(['packages/billing/src/invoices.service.ts', 'packages/orders/src/orders.service.ts']);
  });

  it('the same report twice counts its findings once; --fail-on never exits 0', () => {
    const orders = shard('@acme/orders');
    const run = runCli(['merge', orders, orders, '--format', 'json', '--fail-on', 'never']);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as JsonReport).summary.errors).toBe(1);
  });

  it('a file that is not a JSON report: one line, exit 2', () => {
    const bad = path.join(scratch, 'not-a-report.json');
    writeFileSync(bad, '{"version":1,"fingerprints":[]}');
    const run = runCli(['merge', bad]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`backend-patterns: Report ${bad} is not a backend-patterns JSON report (schemaVersion 1)\n`);
  });
});
