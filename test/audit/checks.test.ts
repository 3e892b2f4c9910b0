import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, REPO } from '../helpers/build.js';
import { labelledLocations, runCli } from '../helpers/cli.js';

/**
 * Every mini project under `fixtures/audit/<check-id>/<scenario>/` is audited by the built CLI
 * (project checks only); for every check, its findings are exactly the lines labelled
 * `// expect: audit/<check-id>` in that project.
 */
const FIXTURES = path.join(REPO, 'fixtures', 'audit');
const CHECKS = ['layer-dependencies', 'no-query-in-loop', 'no-db-access-in-controller'];
const scenarios = CHECKS.flatMap((check) => readdirSync(path.join(FIXTURES, check)).map((scenario) => `${check}/${scenario}`));

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  message: string;
  chain?: Array<{ file: string; line: number; label: string }>;
}
interface JsonReport {
  findings: JsonFinding[];
  layerGraph: { edges: Array<{ from: string; to: string; count: number }> };
  explain: Array<{ file: string; dependencies: Array<{ line: number; from: string; to: string; target: string; kind: string; verdict: string }> }>;
  routes: Array<{ method: string; path: string; handler: string; auth: string[]; public: boolean; layers: string[]; framework: string }>;
}

const reports = new Map<string, JsonReport>();

function audit(project: string): JsonReport {
  const known = reports.get(project);
  if (known !== undefined) return known;
  const run = runCli(['audit', project, '--format', 'json', '--no-eslint', '--no-config-lookup']);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as JsonReport;
  reports.set(project, report);
  return report;
}

beforeAll(() => {
  buildOnce();
});

describe.each(scenarios)('fixtures/audit/%s', (scenario) => {
  it('reports exactly the labelled lines, per check', () => {
    const root = path.join(FIXTURES, scenario);
    const report = audit(root);
    for (const check of CHECKS) {
      const reported = report.findings.filter((finding) => finding.ruleId === `audit/${check}`).map((finding) => `${finding.file}:${String(finding.line)}`).sort();
      expect(reported, check).toEqual(labelledLocations(root, `audit/${check}`));
    }
    expect(labelledLocations(root, `audit/${scenario.split('/')[0] ?? ''}`).length).toBeGreaterThan(0);
  });
});

describe('chains', () => {
  it('a cross-file N+1 carries the whole path: loop → service → repository → query', () => {
    const report = audit(path.join(FIXTURES, 'no-query-in-loop', 'cross-file'));
    const finding = report.findings.find((candidate) => candidate.file === 'src/orders/orders.service.ts' && candidate.line === 15);
    expect(finding?.chain?.map((step) => `${step.file}:${String(step.line)} ${step.label}`)).toEqual([
      'src/orders/orders.service.ts:15 loop',
      'src/users/users.service.ts:6 UsersService.getUser',
      'src/users/users.repository.ts:11 UsersRepository.findById',
      'src/users/users.repository.ts:12 this.prisma.user.findUnique',
    ]);
    expect(finding?.message).toBe(
      "'UsersService.getUser' runs a query ('this.prisma.user.findUnique' in src/users/users.repository.ts:12) once per iteration of this for…of loop (N+1). Add a batched method that takes all ids, call it once before the loop and read the rows from a Map.",
    );
  });

  it('a helper in another file that updates each row with its own values (the row reached by its position too), or writes them in a try per row, is no N+1; one that reads by id, or sets one value on each id in a try per row, is', () => {
    const report = audit(path.join(FIXTURES, 'no-query-in-loop', 'per-row-values'));
    const service = report.findings.filter((finding) => finding.ruleId === 'audit/no-query-in-loop' && finding.file === 'src/scores/ranking.service.ts');
    expect(service.map((finding) => finding.chain?.map((step) => step.label).join(' → '))).toEqual([
      'loop → archivePlayer → prisma.player.update',
      'loop → loadPlayer → prisma.player.findUnique',
      'loop → archivePlayer → prisma.player.update',
      'loop → recordExport → prisma.playerExport.create',
      'loop → archivePlayer → prisma.player.update',
      'loop → loadPlayer → prisma.player.findUnique',
      'loop → loadPlayer → prisma.player.findUnique',
      'loop → archivePlayer → prisma.player.update',
    ]);
    // One loop, one report: the first call, naming the other call of the iteration.
    expect(service.at(-2)?.message).toContain("once per iteration of this for…of loop (N+1), as does 1 more call of the same iteration ('archivePlayer').");
  });

  it('follows re-exports through barrels and exported arrow functions, and terminates on recursion', () => {
    const report = audit(path.join(FIXTURES, 'no-query-in-loop', 'barrels-and-callbacks'));
    const finding = report.findings.find((candidate) => candidate.line === 6);
    expect(finding?.chain?.map((step) => step.label)).toEqual(['loop', 'priceOf', 'loadPrice', 'pool.query']);
  });

  it('a controller reaching the DB through a NestJS provider names the provider method', () => {
    const report = audit(path.join(FIXTURES, 'no-db-access-in-controller', 'nestjs'));
    expect(report.findings.map((finding) => finding.chain?.map((step) => step.label).join(' → '))).toEqual(['controller → StatsHelper.ordersPerDay → this.prisma.$queryRaw']);
  });

  it('a query through an imported client is the dependency its import makes: one edge, at the import; a query through a parameter is an edge of its own', () => {
    const report = audit(path.join(FIXTURES, 'layer-dependencies', 'queried-client'));
    expect(report.explain.find((entry) => entry.file === 'src/routes/invoices.ts')?.dependencies).toEqual([{ line: 2, from: 'controller', to: 'data', target: 'src/db.ts', kind: 'import', verdict: 'reported' }]);
    expect(report.explain.find((entry) => entry.file === 'src/lib/stream-rows.ts')?.dependencies).toEqual([{ line: 4, from: 'repository', to: 'data', target: 'data', kind: 'call', verdict: 'allowed' }]);
    expect(report.layerGraph.edges.find((edge) => edge.from === 'controller' && edge.to === 'data')?.count).toBe(2);
  });

  it('a project with no service, use-case or repository module reaches data from its handlers by design: no skipped layer', () => {
    const report = audit(path.join(FIXTURES, 'premises', 'flat-project'));
    expect(report.findings.filter((finding) => finding.ruleId === 'audit/layer-dependencies')).toEqual([]);
    expect(report.explain.find((entry) => entry.file === 'src/routes/segments.ts')?.dependencies.filter((dependency) => dependency.to === 'data')).toEqual([
      { line: 2, from: 'controller', to: 'data', target: 'src/databases/pool.ts', kind: 'import', verdict: 'not reported: the project has no service, use-case or repository module: its handlers reach data by design' },
    ]);
  });

  it('a service the layers place by its class (class OrdersService in lib/orders-logic.ts) is a layer the controller skips', () => {
    const report = audit(path.join(FIXTURES, 'premises', 'class-layer'));
    expect(report.explain.find((entry) => entry.file === 'src/routes/orders.ts')?.dependencies.filter((dependency) => dependency.to === 'data')).toEqual([
      { line: 2, from: 'controller', to: 'data', target: 'src/db/pool.ts', kind: 'import', verdict: 'reported' },
    ]);
  });

  it('a query through a parameter that shadows the imported client is an edge of its own, not the import', () => {
    const report = audit(path.join(FIXTURES, 'layer-dependencies', 'shadowed-client'));
    expect(report.explain.find((entry) => entry.file === 'src/routes/refunds.ts')?.dependencies.filter((dependency) => dependency.kind === 'call')).toEqual([{ line: 9, from: 'repository', to: 'data', target: 'data', kind: 'call', verdict: 'allowed' }]);
  });

  it('an instance a composition root builds is a dependency on its class, named by the class file', () => {
    const report = audit(path.join(FIXTURES, 'layer-dependencies', 'composition-root'));
    expect(report.explain.find((entry) => entry.file === 'src/services/channel.service.ts')?.dependencies).toEqual([{ line: 1, from: 'service', to: 'controller', target: 'src/controllers/chatbot.controller.ts', kind: 'import', verdict: 'reported' }]);
    expect(report.findings.filter((finding) => finding.file === 'src/services/channel.service.ts').map((finding) => finding.message)).toEqual([
      expect.stringContaining('imports controller src/controllers/chatbot.controller.ts'),
    ]);
  });

  it('a reverse dependency names the cycle it closes', () => {
    const report = audit(path.join(FIXTURES, 'layer-dependencies', 'express'));
    const reverse = report.findings.find((finding) => finding.file === 'src/repositories/users.repository.ts');
    expect(reverse?.message).toContain('closing the cycle src/services/users.service.ts → src/repositories/users.repository.ts → src/services/users.service.ts');
  });
});

describe('route table', () => {
  it('lists NestJS routes with prefixes, guards and @Public()', () => {
    const report = audit(path.join(FIXTURES, 'no-db-access-in-controller', 'nestjs'));
    expect(report.routes.map((route) => ({ method: route.method, path: route.path, handler: route.handler, auth: route.auth, public: route.public, layers: route.layers }))).toEqual([
      { method: 'GET', path: '/reports/daily', handler: 'ReportsController.daily', auth: ['AuthGuard'], public: false, layers: ['controller', 'data'] },
      { method: 'GET', path: '/reports/revenue', handler: 'ReportsController.revenue', auth: ['AuthGuard'], public: false, layers: ['controller', 'service', 'repository', 'data'] },
      { method: 'GET', path: '/reports/share', handler: 'ReportsController.share', auth: ['AuthGuard'], public: true, layers: ['controller'] },
    ]);
  });

  it('a route through a DI provider that injects a service passes the service layer; one through a provider of the client alone does not', () => {
    const report = audit(path.join(FIXTURES, 'no-db-access-in-controller', 'service-helpers'));
    expect(report.routes.map((route) => `${route.method} ${route.path} ${route.handler} ${route.layers.join(' → ')}`)).toEqual([
      'GET /reports/label ReportsController.label controller',
      'GET /reports/stock ReportsController.stockOnHand controller → data',
      'GET /reports/title ReportsController.title controller → service → data',
    ]);
  });

  it('lists Fastify, Hono and Koa routes with their auth hooks', () => {
    const report = audit(path.join(FIXTURES, 'routes', 'frameworks'));
    expect(report.routes.map((route) => `${route.framework} ${route.method} ${route.path} ${route.handler} [${route.auth.join(',')}]`)).toEqual([
      'hono GET /hono/items (inline handler) []',
      'hono POST /hono/items (inline handler) [requireAuth]',
      'fastify GET /items listItems []',
      'fastify POST /items createItem [authenticate]',
      'fastify DELETE /items/:id (inline handler) [authenticate]',
      'koa GET /koa/items (inline handler) []',
    ]);
  });
});
