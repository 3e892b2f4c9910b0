import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/require-route-auth.js';
import { runAudit } from '../../src/audit/audit.js';
import type { RouteEntry } from '../../src/audit/findings.js';
import { REPO } from '../helpers/build.js';

/**
 * The route table of one fixture project per framework, audited in-process: method, full path,
 * handler, auth and where the auth comes from. Then the rule and the audit are held to one
 * judgement: on the same files and settings, `require-route-auth` reports exactly the routes the
 * table shows unprotected, except where the table knows more than one file can tell (a mount
 * prefix or auth written in another file).
 */
const FIXTURES = path.join(REPO, 'fixtures', 'audit', 'routes');

const tables = new Map<string, Promise<readonly RouteEntry[]>>();

function table(project: string): Promise<readonly RouteEntry[]> {
  let known = tables.get(project);
  if (known === undefined) {
    const root = path.join(FIXTURES, project);
    const config = path.join(root, 'backend-patterns.json');
    known = runAudit({ path: root, eslint: false, configLookup: false, ...(existsSync(config) ? { config } : {}) }).then((result) => result.routes);
    tables.set(project, known);
  }
  return known;
}

const row = (route: RouteEntry): string =>
  `${route.method} ${route.path} ${route.handler} [${route.auth.join(', ')}]${route.public ? ' public' : ''}${route.authEvidence === undefined ? '' : ` ← ${route.authEvidence}`}`;

describe('route table', () => {
  it.each([
    [
      'express-mounts',
      [
        'GET / (inline handler) [] public ← public: publicRoutes GET /',
        'DELETE /api/v2/accounts/:id closeAccount [requireAuth] ← .use(requireAuth) at src/routes/index.ts:8',
        'GET /api/v2/accounts/:id showAccount [requireAuth] ← .use(requireAuth) at src/routes/index.ts:8',
        'GET /api/v2/orders listOrders [auth.optional] ← auth.optional at src/routes/orders.ts:16',
        'POST /api/v2/orders placeOrder [auth.required] ← auth.required at src/routes/orders.ts:17',
        'GET /api/v2/orders/export.csv exportOrders []',
        // A router the app mounts through a barrel that imports and re-exports it; a sign-in check by its name.
        'GET /billing/invoices (inline handler) [requireSignIn] ← requireSignIn at src/routers/billing.ts:6',
        'GET /billing/plans (inline handler) []',
        'GET /health/live (inline handler) [] public ← public: publicRoutes /health/**',
        'GET /health/ready (inline handler) [] public ← public: publicRoutes /health/**',
        "GET /reports/daily (inline handler) [userGuard] ← app.use('/reports', userGuard) at src/app.ts:18",
      ],
    ],
    [
      'nestjs-app',
      [
        'POST /api/v1/auth/login AuthController.login [] public ← public: @AllowGuests() → @SetMetadata(IS_PUBLIC_KEY, true) on method',
        'POST /api/v1/auth/logout AuthController.logout [JwtAuthGuard] ← @UseGuards(JwtAuthGuard) on method',
        'POST /api/v1/auth/password-reset AuthController.requestReset []',
        // A controller and a route under several paths: a row for each.
        'GET /api/v1/events/latest LogController.recent [JwtAuthGuard] ← @ApiAuth() → @UseGuards(JwtAuthGuard) on method',
        'GET /api/v1/events/recent LogController.recent [JwtAuthGuard] ← @ApiAuth() → @UseGuards(JwtAuthGuard) on method',
        'GET /api/v1/log/latest LogController.recent [JwtAuthGuard] ← @ApiAuth() → @UseGuards(JwtAuthGuard) on method',
        'GET /api/v1/log/recent LogController.recent [JwtAuthGuard] ← @ApiAuth() → @UseGuards(JwtAuthGuard) on method',
        // A composite decorator's branch chosen by its argument (or default); both when the argument does not say.
        'GET /api/v1/reports ReportsController.list [ApiKeyGuard, JwtAuthGuard] ← @ApiAuth() → @UseGuards(ApiKeyGuard, JwtAuthGuard) on method',
        'GET /api/v1/reports/admin ReportsController.all [JwtAuthGuard, AdminGuard] ← @AdminAuth() → @UseGuards(JwtAuthGuard) on method; @AdminAuth() → @UseGuards(AdminGuard) on method',
        'GET /api/v1/reports/mine ReportsController.mine [JwtAuthGuard] ← @ApiAuth() → @UseGuards(JwtAuthGuard) on method',
        'GET /api/v1/reports/partner ReportsController.partner [ApiKeyGuard, JwtAuthGuard] ← @PartnerAuth() → @UseGuards(ApiKeyGuard) on method; @PartnerAuth() → @UseGuards(JwtAuthGuard) on method',
        'GET /api/v1/users UsersController.list [JwtAuthGuard, RolesGuard] ← @Auth() → @UseGuards(JwtAuthGuard, RolesGuard) on class',
        'POST /api/v1/webhooks/providers/billing WebhooksController.billing [SignatureAuthMiddleware] ← consumer.apply(SignatureAuthMiddleware).forRoutes(WebhooksController) at src/app.module.ts:19',
        'GET /api/v2/users/:id UsersController.show [JwtAuthGuard, RolesGuard] ← @Auth() → @UseGuards(JwtAuthGuard, RolesGuard) on class',
        'GET /health HealthController.check []',
      ],
    ],
    [
      'fastify-autoload',
      [
        "GET /api/admin/stats (inline handler) [fastify.authenticate] ← fastify.addHook('onRequest', fastify.authenticate) at src/routes/admin/autohooks.ts:5",
        "DELETE /api/admin/users/:id (inline handler) [fastify.authenticate] ← fastify.addHook('onRequest', fastify.authenticate) at src/routes/admin/autohooks.ts:5",
        'GET /api/status (inline handler) []',
        "POST /webhooks/stripe (inline handler) [fastify.requireAuth] ← fastify.addHook('preHandler', fastify.requireAuth) at src/plugins/webhooks.ts:4",
      ],
    ],
    [
      'hono-subapps',
      [
        "GET /api/books (inline handler) [bearerAuth] ← app.use('/books/*', bearerAuth) at src/index.ts:10",
        "POST /api/books (inline handler) [bearerAuth] ← app.use('/books/*', bearerAuth) at src/index.ts:10",
        'POST /api/cron/refresh-feeds refreshFeeds [(inline credential check)] ← handler: a function that checks a credential header and answers 401 at src/cron/handlers.ts:4',
        'GET /api/status (inline handler) []',
      ],
    ],
    [
      'frameworks',
      [
        'GET /hono/items (inline handler) []',
        'POST /hono/items (inline handler) [requireAuth] ← requireAuth at src/routes/hono.routes.ts:8',
        'GET /items listItems []',
        'POST /items createItem [authenticate] ← preHandler: authenticate at src/routes/fastify.routes.ts:8',
        'DELETE /items/:id (inline handler) [authenticate] ← preHandler: authenticate at src/routes/fastify.routes.ts:9',
        'GET /koa/items (inline handler) []',
      ],
    ],
    [
      // OvernightJS: @Middleware in front of a handler, child controllers under their parent's path.
      'overnight-app',
      [
        'GET /admin/reports Reports.list [isAuthenticated] ← @ClassMiddleware(isAuthenticated) on class',
        'POST /v1/contacts Contacts.create [isValidSecretKey] ← @Middleware(logRequest, isValidSecretKey) on method',
        'GET /v1/contacts/:id Contacts.show [isAuthenticated] ← @Middleware(isAuthenticated) on method',
        'GET /v1/contacts/count Contacts.count []',
        'GET /v1/status V1.status []',
      ],
    ],
    [
      'custom-registrar',
      [
        'POST /invoices InvoicesApi.create [requireAuth] ← requireAuth at src/invoices.api.ts:14',
        'DELETE /invoices/:id InvoicesApi.remove []',
        'GET /status InvoicesApi.status [] public ← public: publicRoutes GET /status',
      ],
    ],
  ])('%s', async (project, expected) => {
    expect((await table(project)).map(row)).toEqual(expected);
  });

  it('leaves out routes registered in tests and routers mounted only in tests', async () => {
    const routes = await table('express-mounts');
    expect(routes.filter((route) => route.file.endsWith('.test.ts') || route.path.includes('test-only') || route.path.includes('under-test'))).toEqual([]);
    // A router mounted only when NODE_ENV is 'test'.
    expect(routes.filter((route) => route.file.endsWith('debug.ts'))).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(name) && !/\.(test|spec)\.ts$/.test(name) ? [full] : [];
  });
}

/** `require-route-auth` over a fixture project's files with its settings: `file:line route` of each report. */
function ruleReports(project: string): { at: string; route: string }[] {
  const root = path.join(FIXTURES, project);
  const configFile = path.join(root, 'backend-patterns.json');
  const settings = existsSync(configFile) ? { 'backend-patterns': JSON.parse(readFileSync(configFile, 'utf8')) as unknown } : {};
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser, sourceType: 'module' },
      plugins: { local: { rules: { 'require-route-auth': rule as never } } },
      rules: { 'local/require-route-auth': 'error' },
      settings,
    },
  ];
  return sourceFiles(path.join(root, 'src')).flatMap((file) => {
    const relative = path.relative(root, file).replaceAll('\\', '/');
    return linter.verify(readFileSync(file, 'utf8'), config, { filename: file }).map((message) => {
      expect(message.fatal).toBeUndefined();
      return { at: `${relative}:${String(message.line)}`, route: /'([^']+)'/.exec(message.message)?.[1] ?? '' };
    });
  });
}

describe('the rule and the route table judge routes alike', () => {
  it.each(['express-mounts', 'nestjs-app', 'fastify-autoload', 'hono-subapps', 'frameworks', 'custom-registrar', 'overnight-app'])('%s', async (project) => {
    const routes = await table(project);
    const reports = ruleReports(project);
    const reported = new Set(reports.map((report) => report.at));
    // Every route the table shows unprotected is reported by the rule.
    const unprotected = routes.filter((route) => route.auth.length === 0 && !route.public).map((route) => `${route.file}:${String(route.line)}`);
    expect(unprotected.filter((at) => !reported.has(at))).toEqual([]);
    // A route the rule reports and the table shows protected or public is one the table knows more about:
    // its full path differs from the path as written (a mount prefix), or its auth is written in another file.
    for (const report of reports) {
      const route = routes.find((candidate) => `${candidate.file}:${String(candidate.line)}` === report.at || (candidate.file === report.at.split(':')[0] && report.route.endsWith(candidate.path)));
      if (route === undefined || (route.auth.length === 0 && !route.public)) continue;
      const writtenPath = report.route.replace(/^[A-Z|]+ /, '');
      const otherFile = route.authEvidence !== undefined && /\bat (\S+):\d+/.test(route.authEvidence) && /\bat (\S+):\d+/.exec(route.authEvidence)?.[1] !== route.file;
      expect(writtenPath !== route.path || otherFile, `${report.at} ${report.route}`).toBe(true);
    }
  });
});
