import { afterAll, describe, expect, it } from 'vitest';
import { removeTempProjects } from '../helpers/temp-project.js';
import { expectRouteParity, type PlacedSnippet } from './harness.js';

/**
 * Route registrations: both adapters classify every call alike (`classifyRouteRegistration`, the
 * configured registrars), and `require-route-auth` reports exactly the routes the audit's route
 * table shows with no auth and not public. `expected` lists them as `line METHOD path` (the path as
 * written; `mounted` snippets have a prefix in the table's full path).
 */
interface RouteSnippet {
  readonly snippet: PlacedSnippet;
  readonly expected: readonly string[];
  /** How many calls core classifies as registrations (routes, `use` and mounts). */
  readonly registrations: number;
  readonly mounted?: boolean;
}

const REGISTRARS = {
  routes: {
    registrars: [
      { call: 'this.route', method: 'method', path: 'path', handler: 'handler', middleware: 'middleware' },
      { call: '*.addRoute', method: '0', path: '1', handler: '2' },
    ],
  },
};

const SNIPPETS: readonly [string, RouteSnippet][] = [
  // Express
  ['Express route with no middleware', { snippet: { file: 'src/app.ts', code: `import express from 'express';\nconst app = express();\napp.get('/users', listUsers);\n` }, expected: ['3 GET /users'], registrations: 1 }],
  ['Express route behind requireAuth', { snippet: { file: 'src/routes/orders.ts', code: `import { Router } from 'express';\nexport const ordersRouter = Router();\nordersRouter.post('/orders', requireAuth, createOrder);\n` }, expected: [], registrations: 1 }],
  ['router.use(requireAuth) covers the routes after it', { snippet: { file: 'src/routes/me.ts', code: `import { Router } from 'express';\nconst router = Router();\nrouter.use(requireAuth);\nrouter.get('/me', showMe);\nexport default router;\n` }, expected: [], registrations: 2 }],
  ['a use with a path covers only that prefix', { snippet: { file: 'src/app.ts', code: `import express from 'express';\nconst app = express();\napp.use('/admin', isAuthenticated);\napp.get('/admin/stats', stats);\napp.get('/pricing', pricing);\n` }, expected: ['5 GET /pricing'], registrations: 3 }],
  ['router.route chain with auth on one verb', { snippet: { file: 'src/routes/users.ts', code: `import { Router } from 'express';\nconst router = Router();\nrouter.route('/users/:id')\n  .get(showUser)\n  .delete(requireAuth, removeUser);\n` }, expected: ['4 GET /users/:id'], registrations: 2 }],
  ['member middleware auth.required', { snippet: { file: 'src/routes/profile.ts', code: `import { Router } from 'express';\nconst router = Router();\nrouter.put('/user', auth.required, updateUser);\nrouter.get('/profiles/:name', auth.optional, showProfile);\n` }, expected: [], registrations: 2 }],
  ['a CORS preflight answered by cors() is no route to protect', { snippet: { file: 'src/routes/digest.ts', code: `import express from 'express';\nimport cors from 'cors';\nconst router = express.Router();\nrouter.options('/digest', cors({ origin: true }));\nrouter.post('/digest', cors({ origin: true }), createDigest);\nexport default router;\n` }, expected: ['5 POST /digest'], registrations: 2 }],
  ['an OPTIONS route with a handler of its own is a route', { snippet: { file: 'src/routes/probe.ts', code: `import express from 'express';\nimport cors from 'cors';\nconst router = express.Router();\nrouter.options('/probe', cors(), describeProbe);\nexport default router;\n` }, expected: ['4 OPTIONS /probe'], registrations: 1 }],
  ['a rate limiter named after auth is no auth', { snippet: { file: 'src/routes/login.ts', code: `import { Router } from 'express';\nconst router = Router();\nrouter.post('/login', authLimiter, login);\n` }, expected: ['3 POST /login'], registrations: 1 }],
  ['publicRoutes globs', { snippet: { file: 'src/app.ts', settings: { auth: { publicRoutes: ['/health/**', 'GET /docs'] } }, code: `import express from 'express';\nconst app = express();\napp.get('/health/live', live);\napp.get('/docs', docs);\napp.post('/docs', saveDocs);\n` }, expected: ['5 POST /docs'], registrations: 3 }],
  ['a router mounted with a prefix in the same file', { snippet: { file: 'src/app.ts', code: `import express, { Router } from 'express';\nconst app = express();\nconst api = Router();\napi.get('/items', listItems);\napp.use('/api', api);\n` }, expected: ['4 GET /items'], registrations: 2, mounted: true }],
  ['publicRoutes match the full path of a router mounted in the same file', { snippet: { file: 'src/app.ts', settings: { auth: { publicRoutes: ['/health/**'] } }, code: `import express, { Router } from 'express';\nconst app = express();\nconst health = Router();\nhealth.get('/live', live);\nhealth.post('/flush', flush);\napp.use('/health', health);\n` }, expected: [], registrations: 3, mounted: true }],
  ['auth in front of a mounted router covers its routes', { snippet: { file: 'src/app.ts', code: `import express, { Router } from 'express';\nconst app = express();\nconst admin = Router();\nadmin.get('/stats', stats);\napp.use('/admin', requireAuth, admin);\nconst open = Router();\nopen.get('/pricing', pricing);\napp.use('/open', open);\n` }, expected: ['7 GET /pricing'], registrations: 4, mounted: true }],
  ['a dynamic path', { snippet: { file: 'src/app.ts', code: `import express from 'express';\nconst app = express();\napp.get(ROUTES.status, status);\n` }, expected: ['3 GET (dynamic)'], registrations: 1 }],
  ['look-alikes: a cache, a Map, the settings getter, a response header', { snippet: { file: 'src/users.controller.ts', code: `export function show(req, res) {\n  const hit = cache.get('/users');\n  seen.delete(req.params.id);\n  const env = app.get('env');\n  res.json({ hit, env, type: res.get('Content-Type') });\n}\n` }, expected: [], registrations: 0 }],
  ['an inline middleware that checks a shared secret header', { snippet: { file: 'src/cron.ts', code: `import { Hono } from 'hono';\nexport const cron = new Hono();\ncron.use('*', async (c, next) => {\n  if (c.req.header('authorization') !== process.env.CRON_SECRET) return c.text('Unauthorized', 401);\n  return next();\n});\ncron.get('/cleanup', async (c) => c.json(await cleanup()));\n` }, expected: [], registrations: 2 }],
  ['a handler that checks the Authorization header itself', { snippet: { file: 'src/app.ts', code: `import express from 'express';\nconst app = express();\napp.post('/internal/reindex', async (req, res) => {\n  if (req.headers.authorization !== \`Bearer \${process.env.INTERNAL_TOKEN}\`) return res.sendStatus(401);\n  res.json(await reindex());\n});\n` }, expected: [], registrations: 1 }],
  ['a handler passed by name that checks the Authorization header itself', { snippet: { file: 'src/app.ts', code: `import express from 'express';\nconst app = express();\nasync function reindexAll(req, res) {\n  if (req.get('authorization') !== process.env.INTERNAL_TOKEN) return res.status(401).end();\n  res.json(await reindex());\n}\nconst purge = async (req, res) => {\n  res.json(await purgeAll());\n};\napp.post('/internal/reindex', reindexAll);\napp.post('/internal/purge', purge);\n` }, expected: ['11 POST /internal/purge'], registrations: 2 }],
  ['Fastify declaration whose named handler checks an API key', { snippet: { file: 'src/server.ts', code: `import Fastify from 'fastify';\nconst fastify = Fastify();\nconst deploy = async (request, reply) => {\n  if (request.headers['x-api-key'] !== process.env.DEPLOY_KEY) return reply.code(401).send();\n  return runDeploy(request.body);\n};\nfastify.route({ method: 'POST', url: '/hooks/deploy', handler: deploy });\n` }, expected: [], registrations: 1 }],
  ['a handler that forwards the Authorization header is no check', { snippet: { file: 'src/app.ts', code: `import express from 'express';\nconst app = express();\napp.get('/proxy', async (req, res) => {\n  res.json(await upstream.get('/me', { headers: { authorization: req.headers.authorization } }));\n});\n` }, expected: ['3 GET /proxy'], registrations: 1 }],
  ['a login that answers 401 for a wrong password checks no credential header', { snippet: { file: 'src/app.ts', code: `import express from 'express';\nconst app = express();\napp.post('/login', async (req, res) => {\n  const user = await users.verify(req.body.email, req.body.password);\n  if (!user) return res.status(401).json({ error: 'Unauthorized' });\n  res.json({ token: sign(user) });\n});\n` }, expected: ['3 POST /login'], registrations: 1 }],
  // Fastify
  ['Fastify full declaration whose handler checks an API key', { snippet: { file: 'src/server.ts', code: `import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.route({ method: 'POST', url: '/hooks/deploy', handler: async (request, reply) => {\n  if (request.headers['x-api-key'] !== process.env.DEPLOY_KEY) return reply.code(401).send();\n  return deploy(request.body);\n} });\n` }, expected: [], registrations: 1 }],
  ['Fastify shorthand with a preHandler option', { snippet: { file: 'src/server.ts', code: `import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.get('/items', { preHandler: authenticate }, listItems);\nfastify.get('/open', openItems);\n` }, expected: ['4 GET /open'], registrations: 2 }],
  ['Fastify full declaration with two methods', { snippet: { file: 'src/server.ts', code: `import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.route({ method: ['GET', 'POST'], url: '/things', handler: things });\n` }, expected: ['3 GET /things', '3 POST /things'], registrations: 1 }],
  ['Fastify onRequest hook protects the instance', { snippet: { file: 'src/server.ts', code: `import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.addHook('onRequest', fastify.authenticate);\nfastify.get('/me', me);\n` }, expected: [], registrations: 1 }],
  ['Fastify register prefix', { snippet: { file: 'src/server.ts', code: `import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.register(async (app) => {\n  app.get('/reports', reports);\n}, { prefix: '/v1' });\n` }, expected: ['4 GET /reports'], registrations: 1, mounted: true }],
  // NestJS
  ['NestJS controller with no guard', { snippet: { file: 'src/users/users.controller.ts', code: `import { Controller, Get } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Get(':id')\n  show() {\n    return null;\n  }\n}\n` }, expected: ['4 GET /users/:id'], registrations: 0 }],
  ['NestJS guard on the class', { snippet: { file: 'src/users/users.controller.ts', code: `import { Controller, Get, Post, UseGuards } from '@nestjs/common';\n@UseGuards(JwtAuthGuard)\n@Controller('users')\nexport class UsersController {\n  @Get()\n  list() {\n    return [];\n  }\n  @Post()\n  create() {\n    return null;\n  }\n}\n` }, expected: [], registrations: 0 }],
  ['NestJS controller path and version object', { snippet: { file: 'src/users/users.controller.ts', code: `import { Controller, Post } from '@nestjs/common';\n@Controller({ path: 'users', version: '1' })\nexport class UsersController {\n  @Post('invite')\n  invite() {\n    return null;\n  }\n}\n` }, expected: ['4 POST /users/invite'], registrations: 0 }],
  ['NestJS controller path with a leading slash', { snippet: { file: 'src/auth/auth.controller.ts', code: `import { Controller, Post } from '@nestjs/common';\n@Controller('/auth')\nexport class AuthController {\n  @Post('login')\n  login() {\n    return null;\n  }\n}\n` }, expected: ['4 POST /auth/login'], registrations: 0 }],
  ['NestJS @Public() handler', { snippet: { file: 'src/auth/auth.controller.ts', code: `import { Controller, Post } from '@nestjs/common';\n@Controller('auth')\nexport class AuthController {\n  @Public()\n  @Post('login')\n  login() {\n    return null;\n  }\n}\n` }, expected: [], registrations: 0 }],
  ['NestJS rate-limit guard is no authentication', { snippet: { file: 'src/auth/auth.controller.ts', code: `import { Controller, Post, UseGuards } from '@nestjs/common';\nimport { ThrottlerGuard } from '@nestjs/throttler';\n@Controller('auth')\nexport class AuthController {\n  @Post('reset')\n  @UseGuards(ThrottlerGuard)\n  reset() {\n    return null;\n  }\n}\n` }, expected: ['5 POST /auth/reset'], registrations: 0 }],
  ['NestJS composite decorator defined in the same file', { snippet: { file: 'src/billing/billing.controller.ts', code: `import { applyDecorators, Controller, Get, UseGuards } from '@nestjs/common';\nexport const Auth = () => applyDecorators(UseGuards(JwtAuthGuard, RolesGuard));\n@Controller('billing')\nexport class BillingController {\n  @Get('invoices')\n  @Auth()\n  invoices() {\n    return [];\n  }\n  @Get('plans')\n  plans() {\n    return [];\n  }\n}\n` }, expected: ['10 GET /billing/plans'], registrations: 0 }],
  ['NestJS composite decorator choosing its guard by an argument', { snippet: { file: 'src/billing/billing.controller.ts', code: `import { applyDecorators, Controller, Get, SetMetadata, UseGuards } from '@nestjs/common';\nexport function Guarded(allowKey = false, optional = false) {\n  return applyDecorators(SetMetadata('optional', optional), allowKey ? UseGuards(ApiKeyGuard) : UseGuards(JwtAuthGuard));\n}\n@Controller('billing')\nexport class BillingController {\n  @Get('invoices')\n  @Guarded()\n  invoices() {\n    return [];\n  }\n  @Get('usage')\n  @Guarded(true)\n  usage() {\n    return [];\n  }\n  @Get('plans')\n  plans() {\n    return [];\n  }\n}\n` }, expected: ['17 GET /billing/plans'], registrations: 0 }],
  ['NestJS settings auth.globalGuard', { snippet: { file: 'src/users/users.controller.ts', settings: { auth: { globalGuard: true } }, code: `import { Controller, Get } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Get()\n  list() {\n    return [];\n  }\n}\n` }, expected: [], registrations: 0 }],
  // Koa and Hono
  ['Koa router', { snippet: { file: 'src/api.ts', code: `import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/koa/items', listItems);\nrouter.post('/koa/items', requireAuth, createItem);\n` }, expected: ['3 GET /koa/items'], registrations: 2 }],
  ['Hono use with a wildcard path', { snippet: { file: 'src/index.ts', code: `import { Hono } from 'hono';\nimport { bearerAuth } from 'hono/bearer-auth';\nconst app = new Hono();\napp.use('/books/*', bearerAuth({ token }));\napp.get('/books', (c) => c.json([]));\napp.get('/status', (c) => c.text('ok'));\n` }, expected: ['6 GET /status'], registrations: 3 }],
  ['Hono route-level jwt middleware', { snippet: { file: 'src/index.ts', code: `import { Hono } from 'hono';\nimport { jwt } from 'hono/jwt';\nconst app = new Hono();\napp.delete('/books/:id', jwt({ secret }), (c) => c.body(null, 204));\n` }, expected: [], registrations: 1 }],
  // Custom registrars
  ['a registrar reading an options object', { snippet: { file: 'src/invoices.api.ts', settings: REGISTRARS, code: `export class InvoicesApi {\n  register() {\n    this.route({ method: 'POST', path: '/invoices', middleware: [requireAuth], handler: this.create });\n    this.route({ method: 'DELETE', path: '/invoices/:id', handler: this.remove });\n  }\n}\n` }, expected: ['4 DELETE /invoices/:id'], registrations: 2 }],
  ['a registrar reading argument positions', { snippet: { file: 'src/reports.api.ts', settings: REGISTRARS, code: `export function mount(api) {\n  api.addRoute('GET', '/reports', listReports);\n}\n` }, expected: ['2 GET /reports'], registrations: 1 }],
  ['no registrar configured: the same call is nothing', { snippet: { file: 'src/reports.api.ts', code: `export function mount(api) {\n  api.addRoute('GET', '/reports', listReports);\n}\n` }, expected: [], registrations: 0 }],
];

afterAll(removeTempProjects);

describe('route registrations: the rule and the route table agree', () => {
  it.each(SNIPPETS)('%s', (_label, { snippet, expected, registrations, mounted }) => {
    const observed = expectRouteParity(snippet, { mounted: mounted === true });
    expect(observed.unprotected).toEqual([...expected].sort());
    expect(observed.calls.length).toBe(registrations);
  });
});
