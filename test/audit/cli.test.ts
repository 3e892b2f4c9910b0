import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { buildOnce, REPO } from '../helpers/build.js';
import { labelledLocations, runCli, type CliRun } from '../helpers/cli.js';
import { copyTempProject, removeTempProjects, writeTempProject } from '../helpers/temp-project.js';

const EXAMPLE = path.join(REPO, 'fixtures', 'example-app');
// A CommonJS module: its default export is `module.exports`, whose `default` is the class.
const Ajv = AjvModule.default;
const TSCONFIG = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] }, include: ['src'] });

interface JsonReport {
  summary: { files: number; errors: number; warnings: number; baselined: number };
  findings: Array<{ ruleId: string; file: string; line: number; message: string; baselined: boolean; fingerprint: string }>;
  routes: unknown[];
}

/** A mini project with our tsconfig in a temporary folder: `files` maps paths under it to their text. */
function project(files: Readonly<Record<string, string>>): string {
  return writeTempProject('backend-patterns-audit-', { 'tsconfig.json': TSCONFIG, ...files });
}

const N_PLUS_ONE = {
  'src/users.repository.ts': `import type { Pool } from 'pg';

export class UsersRepository {
  constructor(private readonly pool: Pool) {}

  async findName(id: string): Promise<string> {
    const result = await this.pool.query('SELECT name FROM users WHERE id = $1', [id]);
    return String(result.rows[0]?.name ?? '');
  }
}
`,
  'src/users.service.ts': `import type { UsersRepository } from './users.repository.js';

export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async names(ids: readonly string[]): Promise<string[]> {
    const names: string[] = [];
    for (const id of ids) names.push(await this.lookup(id));
    return names;
  }

  private lookup(id: string): Promise<string> {
    return this.users.findName(id);
  }
}
`,
};

function json(run: CliRun): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

/** One clear line on stderr, exit 2, no stack trace. */
function expectUsageError(run: CliRun, text: string | RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(text);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(() => {
  buildOnce();
});

afterAll(() => {
  removeTempProjects();
});

describe('fixtures/example-app (npm start)', () => {
  let report: JsonReport;
  let run: CliRun;
  beforeAll(() => {
    run = runCli(['audit', EXAMPLE, '--config', path.join(EXAMPLE, 'backend-patterns.config.json'), '--format', 'json']);
    report = json(run);
  });

  it('reports exactly the labelled lines, for every check and every rule of the plugin', () => {
    const ids = [...['layer-dependencies', 'no-query-in-loop', 'no-db-access-in-controller'].map((check) => `audit/${check}`), ...Object.keys(plugin.rules)];
    for (const id of ids) {
      const reported = [...new Set(report.findings.filter((finding) => finding.ruleId === id).map((finding) => `${finding.file}:${String(finding.line)}`))].sort();
      expect(reported, id).toEqual(labelledLocations(EXAMPLE, id));
      expect(reported.length, id).toBeGreaterThan(0);
    }
    expect(report.findings.filter((finding) => finding.ruleId === 'parse-error')).toEqual([]);
  });

  it('exits 1 and prints nothing but the JSON report', () => {
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
  });

  it('the JSON report follows the documented schema', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO, 'docs', 'audit', 'report.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, validateFormats: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('formats', () => {
  const root = path.join(REPO, 'fixtures', 'audit', 'no-query-in-loop', 'cross-file');
  const args = ['audit', root, '--no-eslint', '--no-config-lookup'];

  it('sarif validates against the SARIF 2.1.0 schema, with rule metadata, code flows and fingerprints', () => {
    const run = runCli([...args, '--format', 'sarif']);
    expect(run.status).toBe(1);
    const sarif = JSON.parse(run.stdout) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } }; results: Array<{ codeFlows?: Array<{ threadFlows: Array<{ locations: unknown[] }> }>; partialFingerprints: Record<string, string> }> }>;
    };
    const schema = JSON.parse(readFileSync(path.join(REPO, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const [sarifRun] = sarif.runs;
    expect(sarifRun?.tool.driver.rules.map((rule) => `${rule.id} ${rule.helpUri}`)).toEqual([
      'audit/no-query-in-loop https://github.com/eslint-plugin-backend-patterns/eslint-plugin-backend-patterns/blob/main/docs/audit/no-query-in-loop.md',
    ]);
    expect(sarifRun?.results).toHaveLength(2);
    expect(sarifRun?.results[0]?.codeFlows?.[0]?.threadFlows[0]?.locations).toHaveLength(4);
    expect(sarifRun?.results[0]?.partialFingerprints['backendPatterns/v1']).toMatch(/^[\da-f]{32}$/);
  });

  it('text groups findings by file with a code frame, the path and a summary line', () => {
    const run = runCli([...args, '--format', 'text']);
    expect(run.stdout).toContain('src/orders/orders.service.ts\n  15:30  error');
    expect(run.stdout).toContain('    15 |       const customer = await this.usersService.getUser(order.userId);');
    expect(run.stdout).toContain('path: orders.service.ts:15 loop → users.service.ts:6 UsersService.getUser → users.repository.ts:11 UsersRepository.findById → users.repository.ts:12 this.prisma.user.findUnique');
    expect(run.stdout).toMatch(/✖ 2 findings \(2 errors, 0 warnings\) in 3 files, 0 routes\.\n$/);
    expect(run.stdout).not.toContain('\u001B[');
  });

  it('markdown and html hold the summary, findings, route table and layer graph, and the page needs no network', () => {
    const markdown = runCli(['audit', EXAMPLE, '--no-eslint', '--no-config-lookup', '--format', 'markdown']).stdout;
    expect(markdown).toContain('## Routes');
    expect(markdown).toContain('| GET | `/api/admin/reports/orders.csv` | ReportController.exportCsv');
    expect(markdown).toContain('```mermaid');
    const html = runCli(['audit', EXAMPLE, '--no-eslint', '--no-config-lookup', '--format', 'html']).stdout;
    expect(html).toContain('<svg');
    expect(html).toContain('class="edge violation"');
    expect(html).toContain('<table id="routes">');
    // Inline CSS and script only: nothing is loaded from anywhere.
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link|src="http|fetch\(|XMLHttpRequest|@import/);
  });

  it('--output writes the report atomically, leaving no temporary file', () => {
    const folder = project({});
    const output = path.join(folder, 'report.json');
    const run = runCli([...args, '--format', 'json', '--output', output]);
    expect(run.stdout).toBe('');
    expect((JSON.parse(readFileSync(output, 'utf8')) as JsonReport).summary.errors).toBe(2);
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('exit status and options', () => {
  it('--fail-on never exits 0 with findings; a clean project exits 0', () => {
    const root = project(N_PLUS_ONE);
    expect(runCli(['audit', root, '--no-eslint', '--no-config-lookup', '--fail-on', 'never']).status).toBe(0);
    const clean = project({ 'src/math.ts': 'export const add = (a: number, b: number): number => a + b;\n' });
    const run = runCli(['audit', clean, '--no-config-lookup', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(json(run).findings).toEqual([]);
  });

  it('follows private methods: a loop calling this.lookup() that calls the repository', () => {
    const run = runCli(['audit', project(N_PLUS_ONE), '--no-eslint', '--no-config-lookup', '--format', 'json']);
    expect(run.status).toBe(1);
    expect(json(run).findings.map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)}`)).toEqual(['audit/no-query-in-loop src/users.service.ts:8']);
  });

  it('leaves the default scope out: the same N+1 in a test helper, a seed or a script is not the application', () => {
    const outside = {
      'src/users.repository.ts': N_PLUS_ONE['src/users.repository.ts'],
      'src/test/helpers/users.service.ts': N_PLUS_ONE['src/users.service.ts'].replace('./users.repository.js', '../../users.repository.js'),
      'src/seeds/users.seed.ts': N_PLUS_ONE['src/users.service.ts'].replace('./users.repository.js', '../users.repository.js'),
      'src/scripts/backfill.ts': N_PLUS_ONE['src/users.service.ts'].replace('./users.repository.js', '../users.repository.js'),
      'src/users.service.spec.ts': N_PLUS_ONE['src/users.service.ts'],
    };
    const run = runCli(['audit', project(outside), '--no-eslint', '--no-config-lookup', '--format', 'json']);
    expect(json(run).findings).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('--rules runs only the listed rules and checks', () => {
    const run = runCli(['audit', project(N_PLUS_ONE), '--no-config-lookup', '--format', 'json', '--rules', 'audit/layer-dependencies']);
    expect(json(run).findings).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('--version and --help exit 0', () => {
    const version = runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
    const help = runCli(['audit', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--no-config-lookup');
  });
});

describe('per-file rules through ESLint', () => {
  const loop = (name: string): string => `import type { Pool } from 'pg';

export async function ${name}(pool: Pool, ids: string[]): Promise<unknown[]> {
  const rows: unknown[] = [];
  for (const id of ids) {
    rows.push(await pool.query('SELECT * FROM users WHERE id = $1', [id]));
  }
  return rows;
}
`;

  it('reports the plugin rules with configs.recommended, and honours inline disables and eslint-suppressions.json', () => {
    const root = project({
      'src/reported.ts': loop('reported'),
      'src/disabled.ts': loop('disabled').replace('    rows.push', '    // eslint-disable-next-line backend-patterns/no-query-in-loop\n    rows.push'),
      'src/suppressed.ts': loop('suppressed'),
    });
    writeFileSync(path.join(root, 'eslint-suppressions.json'), JSON.stringify({ 'src/suppressed.ts': { 'backend-patterns/no-query-in-loop': { count: 1 } } }));
    const run = runCli(['audit', root, '--no-config-lookup', '--format', 'json']);
    expect(json(run).findings.map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)}`)).toEqual(['no-query-in-loop src/reported.ts:6']);
  });

  it("--no-config-lookup never executes the project's eslint.config.js", () => {
    const root = project({ 'src/reported.ts': loop('reported') });
    const marker = path.join(root, 'config-was-executed');
    writeFileSync(path.join(root, 'eslint.config.js'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'yes');\nexport default [];\n`);
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    const run = runCli(['audit', root, '--no-config-lookup', '--format', 'json']);
    expect(existsSync(marker)).toBe(false);
    expect(json(run).findings.map((finding) => finding.ruleId)).toEqual(['no-query-in-loop']);
  });
});

describe('explain and scope', () => {
  const DISTRIBUTION = path.join(REPO, 'dist', 'src', 'index.js');

  it('--explain prints a file\'s layer, its evidence and its layer dependencies', () => {
    const run = runCli(['audit', path.join(REPO, 'fixtures', 'audit', 'layer-dependencies', 'behaviour'), '--no-eslint', '--no-config-lookup', '--explain', 'src/app.ts']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'src/app.ts: no layer',
      '  9  (anonymous function): controller (registered as a route handler at src/app.ts:9)',
      // The query at line 10 runs through the imported client: the import's edge, not a second one.
      '  2  import controller → data src/db.ts: reported',
      '  9  route GET /orders/:id → (inline handler); auth: none',
      '',
    ]);
    const all = runCli(['audit', path.join(REPO, 'fixtures', 'audit', 'layer-dependencies', 'behaviour'), '--no-eslint', '--no-config-lookup', '--explain']);
    expect(all.stdout).toContain('src/db.ts: data (creates a DB client (new PrismaClient()))');
    expect(all.stdout).toContain('src/routes/tags/tag.model.ts: no layer (declares only types)');
  });

  it('the JSON report carries the explanation of every layered file', () => {
    const run = runCli(['audit', path.join(REPO, 'fixtures', 'audit', 'layer-dependencies', 'behaviour'), '--no-eslint', '--no-config-lookup', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { explain: Array<{ file: string; layer: string | null; evidence: string[] }> };
    expect(report.explain.find((entry) => entry.file === 'src/stores/order.store.ts')).toBeUndefined();
    expect(report.explain.find((entry) => entry.file === 'src/services/orders.service.ts')).toMatchObject({ layer: 'service', evidence: ['file name matches layers.service.files'] });
  });

  it("says in one line when the project's ESLint config enables none of the plugin's rules", () => {
    const root = project(N_PLUS_ONE);
    writeFileSync(path.join(root, 'eslint.config.js'), "import parser from '@typescript-eslint/parser';\nexport default [{ files: ['**/*.ts'], languageOptions: { parser }, rules: {} }];\n");
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
    const run = runCli(['audit', root, '--format', 'json']);
    expect(run.stderr).toBe("backend-patterns: The project's ESLint config enables none of the backend-patterns rules: no per-file rule ran (add configs.recommended to it, or pass --rules); the project checks used the presets' default scope.\n");
    expect(json(run).findings.map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)}`)).toEqual(['audit/no-query-in-loop src/users.service.ts:8']);
  });

  it("the project checks honour the ESLint config's ignores, like the per-file rules", () => {
    const root = project({ ...N_PLUS_ONE, 'src/legacy/users.service.ts': N_PLUS_ONE['src/users.service.ts'].replace('../users', './users').replace("'./users.repository.js'", "'../users.repository.js'") });
    const config = `import plugin from ${JSON.stringify(DISTRIBUTION)};\nimport parser from '@typescript-eslint/parser';\nexport default [{ files: ['**/*.ts'], languageOptions: { parser } }, { ...plugin.configs.recommended, ignores: [...plugin.configs.recommended.ignores, 'src/legacy/**'] }];\n`;
    writeFileSync(path.join(root, 'eslint.config.js'), config);
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
    const run = runCli(['audit', root, '--format', 'json', '--rules', 'audit/no-query-in-loop']);
    expect(run.stderr).toBe('');
    expect(json(run).findings.map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)}`)).toEqual(['audit/no-query-in-loop src/users.service.ts:8']);
  });
});

describe('baseline', () => {
  it('records fingerprints that survive line moves; only new findings fail', () => {
    const root = project(N_PLUS_ONE);
    const baseline = path.join(root, 'audit-baseline.json');
    const args = ['audit', root, '--no-eslint', '--no-config-lookup', '--format', 'json', '--baseline', baseline];
    const update = runCli([...args, '--update-baseline']);
    expect(update.status).toBe(0);
    expect((JSON.parse(readFileSync(baseline, 'utf8')) as { fingerprints: string[] }).fingerprints).toHaveLength(1);

    const service = path.join(root, 'src', 'users.service.ts');
    writeFileSync(service, `// Users: names and lookups.\n\n${readFileSync(service, 'utf8')}`);
    const moved = runCli(args);
    expect(moved.status).toBe(0);
    expect(json(moved).summary).toMatchObject({ errors: 0, baselined: 1 });

    writeFileSync(service, readFileSync(service, 'utf8').replace('    return names;', '    for (const id of ids) await this.lookup(`${id}-again`);\n    return names;'));
    const added = runCli(args);
    expect(added.status).toBe(1);
    expect(json(added).findings.map((finding) => `${String(finding.line)} ${String(finding.baselined)}`)).toEqual(['10 true', '11 false']);
  });

  it('a missing or broken baseline is a usage error', () => {
    const root = project(N_PLUS_ONE);
    expectUsageError(runCli(['audit', root, '--no-eslint', '--baseline', path.join(root, 'missing.json')]), /^backend-patterns: Cannot read baseline .*missing\.json: ENOENT/);
    writeFileSync(path.join(root, 'broken.json'), '{ nope');
    expectUsageError(runCli(['audit', root, '--no-eslint', '--baseline', path.join(root, 'broken.json')]), /is not valid JSON/);
  });
});

describe('bad input', () => {
  it("a project ESLint config that throws: the user's to fix, not an internal error", () => {
    const root = project({ 'src/a.ts': 'export const a = 1;\n', 'eslint.config.js': "throw new Error('boom in config');\n" });
    expectUsageError(runCli(['audit', root]), /^backend-patterns: Cannot use the project's ESLint config eslint\.config\.js: boom in config \(fix it, or pass --no-config-lookup/);
    const safe = runCli(['audit', root, '--no-config-lookup']);
    expect(safe.status).toBe(0);
  });

  it("another plugin's rule crashing in the per-file pass (on the worker thread): a config error, exit 2", () => {
    const config = 'export default [{ files: ["**/*.ts"], plugins: { x: { rules: { crash: { create() { return { Program() { throw new Error("kaput"); } }; } } } } }, rules: { "x/crash": "error" } }];\n';
    const root = project({ 'src/a.ts': 'export const a = 1;\n', 'eslint.config.mjs': config });
    expectUsageError(runCli(['audit', root]), /^backend-patterns: Rule 'x\/crash' of the project's ESLint config failed: kaput/);
  });

  it('a nonexistent path', () => {
    expectUsageError(runCli(['audit', '/nonexistent/project']), 'backend-patterns: Path not found: /nonexistent/project');
  });

  it('no tsconfig', () => {
    const root = project({ 'src/a.ts': 'export const a = 1;\n' });
    rmSync(path.join(root, 'tsconfig.json'));
    expectUsageError(runCli(['audit', root]), /^backend-patterns: No tsconfig\.json in .*; pass --tsconfig <file>$/);
  });

  it('a broken tsconfig', () => {
    const root = project({ 'src/a.ts': 'export const a = 1;\n' });
    writeFileSync(path.join(root, 'tsconfig.json'), '{ "compilerOptions": { "strict": true, ');
    expectUsageError(runCli(['audit', root]), /^backend-patterns: (?:Cannot read|Invalid) .*tsconfig\.json: /);
  });

  it('an unknown --rules id, a bad --format, a bad --fail-on, a broken --config', () => {
    const root = project({ 'src/a.ts': 'export const a = 1;\n' });
    expectUsageError(runCli(['audit', root, '--rules', 'no-such-rule']), /^backend-patterns: Unknown rule id 'no-such-rule' \(known: /);
    expectUsageError(runCli(['audit', root, '--format', 'xml']), /argument 'xml' is invalid\. Allowed choices are text, json, sarif, markdown, html/);
    expectUsageError(runCli(['audit', root, '--fail-on', 'sometimes']), /argument 'sometimes' is invalid/);
    writeFileSync(path.join(root, 'settings.json'), JSON.stringify({ layers: { gateway: {} } }));
    expectUsageError(runCli(['audit', root, '--config', path.join(root, 'settings.json')]), "backend-patterns: Invalid setting 'backend-patterns.layers.gateway': unknown layer (expected controller, service or repository)");
  });

  it('unparsable, binary, huge and missing files are listed as findings and the rest is still audited', () => {
    const root = project({ ...N_PLUS_ONE, 'src/broken.ts': 'export function broken( {\n  return 1;\n' });
    writeFileSync(path.join(root, 'src', 'binary.ts'), Buffer.from([0x65, 0x78, 0x00, 0x01, 0x02, 0xff]));
    writeFileSync(path.join(root, 'src', 'huge.ts'), `export const data = '${'x'.repeat(3 * 1024 * 1024)}';\n`);
    symlinkSync(path.join(root, 'src', 'gone.ts'), path.join(root, 'src', 'dangling.ts'));
    writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ ...(JSON.parse(TSCONFIG) as object), include: ['src'], files: ['src/dangling.ts'] }));
    const run = runCli(['audit', root, '--no-config-lookup', '--format', 'json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const findings = json(run).findings.map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)} ${finding.message}`);
    expect(findings).toEqual([
      'parse-error src/binary.ts:1 Skipped: binary file (contains NUL bytes)',
      "parse-error src/broken.ts:2 Parsing error: ':' expected.",
      'parse-error src/dangling.ts:1 Cannot read file: ENOENT',
      'parse-error src/huge.ts:1 Skipped: file is larger than 2 MB',
      'audit/no-query-in-loop src/users.service.ts:8 ' + "'UsersService.lookup' runs a query ('this.pool.query' in src/users.repository.ts:7) once per iteration of this for…of loop (N+1). Add a batched method that takes all ids, call it once before the loop and read the rows from a Map.",
    ]);
  });

  it('a symlink loop in the source tree does not hang the run', () => {
    const root = project(N_PLUS_ONE);
    symlinkSync(path.join(root, 'src'), path.join(root, 'src', 'again'), 'dir');
    const run = runCli(['audit', root, '--no-eslint', '--no-config-lookup', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(json(run).findings.filter((finding) => finding.ruleId === 'audit/no-query-in-loop').length).toBeGreaterThan(0);
  });

  it('an unreadable output folder is one clear line', () => {
    const root = project(N_PLUS_ONE);
    expectUsageError(runCli(['audit', root, '--no-eslint', '--output', path.join(root, 'missing-folder', 'report.txt')]), /^backend-patterns: Cannot write .*report\.txt: ENOENT$/);
  });

  it('a copied project audits the same (paths are relative)', () => {
    const copy = copyTempProject('backend-patterns-copy-', path.join(REPO, 'fixtures', 'audit', 'no-query-in-loop', 'cross-file'));
    chmodSync(copy, 0o755);
    const original = runCli(['audit', path.join(REPO, 'fixtures', 'audit', 'no-query-in-loop', 'cross-file'), '--no-eslint', '--no-config-lookup', '--format', 'json']);
    const copied = runCli(['audit', copy, '--no-eslint', '--no-config-lookup', '--format', 'json']);
    expect(json(copied).findings).toEqual(json(original).findings);
  });
});

describe('following calls without asking the checker more than needed', () => {
  const audit = (root: string): JsonReport['findings'] => json(runCli(['audit', root, '--no-eslint', '--no-config-lookup', '--format', 'json', '--fail-on', 'never'])).findings;

  it('a project class with a query-like static (active record look-alike) is followed, not taken for the database', () => {
    const root = project({
      'src/lib/user.ts': `const cache = new Map<string, { id: string; name: string }>();

export class User {
  static async findByPk(id: string): Promise<{ id: string; name: string } | undefined> {
    return cache.get(id);
  }
}
`,
      'src/users/users.controller.ts': `import { User } from '../lib/user';

export async function show(id: string) {
  return User.findByPk(id);
}
`,
      'src/users/users.service.ts': `import { User } from '../lib/user';

export class UsersService {
  async label(id: string): Promise<string> {
    const user = await User.findByPk(id);
    return user?.name ?? id;
  }

  async labels(ids: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const id of ids) out.push(await this.label(id));
    return out;
  }
}
`,
    });
    expect(audit(root)).toEqual([]);
  });

  it('a method with a literal computed name is followed to its query', () => {
    const root = project({
      'src/users/users.repository.ts': `export interface Db { query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }> }

export class UserDirectory {
  constructor(private readonly pool: Db) {}

  async ['loadActive'](id: string) {
    const result = await this.pool.query('SELECT * FROM users WHERE id = $1 AND active', [id]);
    return result.rows[0];
  }
}
`,
      'src/users/users.service.ts': `import { UserDirectory } from './users.repository';

export class UsersService {
  constructor(private readonly source: UserDirectory) {}

  async all(ids: string[]) {
    const rows: unknown[] = [];
    for (const id of ids) rows.push(await this.source.loadActive(id));
    return rows;
  }
}
`,
    });
    expect(audit(root).map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)}`)).toEqual(['audit/no-query-in-loop src/users/users.service.ts:8']);
  });
});

describe('--cache', () => {
  const LOOP = `declare const prisma: { user: { findUnique(args: unknown): Promise<unknown>; findMany(args: unknown): Promise<unknown[]> } };

export async function owners(ids: string[]) {
  const users = [];
  for (const id of ids) users.push(await prisma.user.findUnique({ where: { id } }));
  return users;
}
`;
  const FIXED = `declare const prisma: { user: { findUnique(args: unknown): Promise<unknown>; findMany(args: unknown): Promise<unknown[]> } };

export async function owners(ids: string[]) {
  return prisma.user.findMany({ where: { id: { in: ids } } });
}
`;
  const findingsOf = (root: string, ...extra: string[]): string[] =>
    json(runCli(['audit', root, '--no-config-lookup', '--format', 'json', '--fail-on', 'never', ...extra])).findings.map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)}`);

  it('keeps the per-file results by file content: a re-run finds the same, an edited file is linted again', () => {
    const root = project({ 'src/owners.ts': LOOP });
    const first = findingsOf(root, '--cache');
    expect(first).toEqual(['no-query-in-loop src/owners.ts:5']);
    expect(existsSync(path.join(root, 'node_modules', '.cache', 'backend-patterns', 'eslint-cache'))).toBe(true);
    expect(findingsOf(root, '--cache')).toEqual(first);
    writeFileSync(path.join(root, 'src', 'owners.ts'), FIXED);
    expect(findingsOf(root, '--cache')).toEqual([]);
    expect(findingsOf(root)).toEqual([]);
  });

  it('a cache location that cannot be used is one clear error', () => {
    const root = project({ 'src/owners.ts': LOOP, 'not-a-folder': '' });
    expectUsageError(runCli(['audit', root, '--no-config-lookup', '--cache-location', path.join(root, 'not-a-folder', 'cache')]), /^backend-patterns: Cannot use the cache location .*: a parent of it is a file$/);
    expectUsageError(runCli(['audit', root, '--no-config-lookup', '--cache-location', path.join(root, 'src')]), /^backend-patterns: Cannot use the cache location .*: it is a folder; give a file path$/);
  });
});
