import { afterAll, describe, expect, it } from 'vitest';
import { removeTempProjects } from '../helpers/temp-project.js';
import { expectScopeParity, type PlacedSnippet, type ScopeObserved } from './harness.js';

/**
 * Functions with their layer: route handler → class → file, the innermost wins. For every call of a
 * snippet placed at a path, both adapters give the code it sits in the same layer; `layers` names
 * the layer expected at the call of each listed callee.
 */
const SNIPPETS: readonly [string, PlacedSnippet, Readonly<Record<string, string | undefined>>][] = [
  [
    'inline handler in app.ts is controller code, the app set-up is not',
    { file: 'src/app.ts', code: `import express from 'express';\nexport const app = express();\napp.get('/users', async (req, res) => {\n  res.json(await listUsers());\n});\n` },
    { express: undefined, listUsers: 'controller', json: 'controller' },
  ],
  [
    'a named function registered as a handler in the same file',
    { file: 'src/server.ts', code: `import express from 'express';\nconst router = express.Router();\nasync function showUser(req, res) {\n  res.json(await loadUser(req.params.id));\n}\nrouter.get('/users/:id', showUser);\nexport function helper() { return loadUser('x'); }\n` },
    { loadUser: 'controller' },
  ],
  [
    'a handler wrapped in asyncHandler',
    { file: 'src/app.ts', code: `import express from 'express';\nimport asyncHandler from 'express-async-handler';\nconst app = express();\napp.post('/orders', asyncHandler(async (req, res) => {\n  res.status(201).json(await placeOrder(req.body));\n}));\n` },
    { placeOrder: 'controller' },
  ],
  [
    'Fastify route options handler',
    { file: 'src/server.ts', code: `import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.route({ method: 'GET', url: '/items', handler: async (request) => {\n  return fetchItems(request.query);\n} });\n` },
    { fetchItems: 'controller' },
  ],
  [
    'class method of a controller class',
    { file: 'src/users/users.controller.ts', code: `export class UsersController {\n  constructor(private readonly users: UsersService) {}\n  async list(req, res) {\n    res.json(await this.users.findAll());\n  }\n}\n` },
    { findAll: 'controller' },
  ],
  [
    'NestJS controller with a route method',
    { file: 'src/users/users.controller.ts', code: `import { Controller, Get } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly users: UsersService) {}\n  @Get()\n  list() {\n    return this.users.findAll();\n  }\n}\n` },
    { findAll: 'controller' },
  ],
  [
    'a @Get() method in a class without a controller name is controller code',
    { file: 'src/api/things.ts', code: `import { Get } from '@nestjs/common';\nexport class Things {\n  @Get('things')\n  all() {\n    return thingStore.readAll();\n  }\n  helper() {\n    return thingStore.count();\n  }\n}\n` },
    { readAll: 'controller', count: undefined },
  ],
  [
    'helper in a service file',
    { file: 'src/users/users.service.ts', code: `export async function activeUsers(repo) {\n  return repo.findActive();\n}\nexport class UsersService {\n  find(id) {\n    return this.repo.findById(id);\n  }\n}\n` },
    { findActive: 'service', findById: 'service' },
  ],
  [
    'repository class by name in a neutral file',
    { file: 'src/lib/orders.ts', code: `export class OrdersRepository {\n  byUser(userId) {\n    return this.db.select('orders', { userId });\n  }\n}\nexport function total(rows) { return rows.reduce((a, b) => a + b.total, 0); }\n` },
    { select: 'repository', reduce: undefined },
  ],
  [
    'a file under routes/ that registers nothing is no controller',
    { file: 'src/routes/tag.model.ts', code: `export interface Tag { id: string; name: string }\nexport function slugOf(tag: Tag) { return tag.name.toLowerCase(); }\n` },
    { toLowerCase: undefined },
  ],
  [
    'a file under routes/ that registers a route is a controller',
    { file: 'src/routes/tags.ts', code: `import { Router } from 'express';\nexport const tags = Router();\ntags.get('/', async (req, res) => { res.json(await allTags()); });\nexport function unrelated() { return formatTag('x'); }\n` },
    { allTags: 'controller', formatTag: 'controller', Router: 'controller' },
  ],
  [
    'a handler registered by Hono in a file named like a service stays controller code',
    { file: 'src/books.service.ts', code: `import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/books', async (c) => c.json(await listBooks()));\nexport async function listBooksFor(id) { return findBooks(id); }\n` },
    { listBooks: 'controller', findBooks: 'service' },
  ],
  [
    'a route handler inside a service class method registers a controller within the class',
    { file: 'src/admin/admin.service.ts', code: `export class AdminService {\n  mount(router) {\n    router.get('/admin/stats', async (req, res) => { res.json(await countUsers()); });\n    return prepareStats();\n  }\n}\n` },
    { countUsers: 'controller', prepareStats: 'service' },
  ],
  [
    'a factory under routes/ handed the application context (ctx: AppContext) is no request handler',
    { file: 'src/routes/purge.ts', code: `import type { AppContext } from '../context';\nexport default (ctx: AppContext) => ({\n  async purge(req: { owner: string }) {\n    const { db } = ctx;\n    return db.purgeOwner(req.owner, ctx.cfg.region);\n  },\n});\n` },
    { purgeOwner: undefined },
  ],
  [
    'a function under routes/ answering through its ctx of a project type is a request handler',
    { file: 'src/routes/purge.ts', code: `import type { AppContext } from '../context';\nexport async function purge(ctx: AppContext) {\n  await purgeOwner(ctx.params.owner);\n  ctx.status = 204;\n}\n` },
    { purgeOwner: 'controller' },
  ],
  [
    'a data module under controllers/ whose only (c) => … is an array callback is no controller',
    { file: 'src/controllers/alerts.ts', code: `import Alert from '../models/alert';\nexport const getAlerts = async (teamId: string) => Alert.find({ team: teamId });\nexport function webhookIds(channels: { type: string; webhookId: string }[]) {\n  return channels.filter((c) => c.type === 'webhook').map((c) => c.webhookId);\n}\n` },
    { find: undefined },
  ],
  [
    'an untyped (c) under controllers/ that answers through it is a request handler',
    { file: 'src/controllers/alerts.ts', code: `export const listAlerts = async (c) => {\n  const alerts = await findAlerts(c.req.param('team'));\n  return c.json(alerts);\n};\n` },
    { findAlerts: 'controller' },
  ],
  [
    'an untyped (ctx) under controllers/ that answers through koa-respond is a request handler',
    { file: 'src/controllers/alerts.ts', code: `export async function removeAlert(ctx) {\n  await dropAlert(ctx.session.alertId);\n  ctx.noContent();\n}\n` },
    { dropAlert: 'controller' },
  ],
  [
    'an untyped (ctx) under routes/ that never reads a request member off it is no request handler',
    { file: 'src/routes/jobs.ts', code: `export const runPurge = async (ctx) => {\n  await purgeExpired(ctx.db, ctx.clock.now());\n};\n` },
    { purgeExpired: undefined },
  ],
  [
    'koa router handler',
    { file: 'src/api.ts', code: `import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/health', async (ctx) => { ctx.body = await pingDb(); });\n` },
    { pingDb: 'controller' },
  ],
  [
    'a module-level function handed the DB client that queries is repository code, even under routes/',
    { file: 'src/routes/mutes.ts', code: `import type { Pool } from 'pg';\nexport async function addMute(db: Pool, userId: string, targetId: string) {\n  await db.query('INSERT INTO mutes (user_id, target_id) VALUES ($1, $2)', [userId, targetId]);\n  return audit(userId);\n}\n` },
    { query: 'repository', audit: 'repository' },
  ],
  [
    'a service function that only takes a transaction handle if the caller has one keeps the file\'s service layer',
    { file: 'src/services/notifications.ts', code: `import { QueryRunner } from 'typeorm';\nexport const sendNotification = async (notification: Notice, user?: User, queryRunner?: QueryRunner) => {\n  const manager = queryRunner?.manager ?? dataSource.manager;\n  await mailer.send(notification);\n  return manager.save(notification);\n};\nexport async function purgeNotices(runner: QueryRunner = defaultRunner) {\n  return runner.manager.delete(Notice, {});\n}\nexport async function countNotices({ runner }?: { runner: QueryRunner }) {\n  return audit(runner);\n}\n` },
    { send: 'service', save: 'service', delete: 'repository', audit: 'service' },
  ],
  [
    'a function handed the DB client that only hands back a handle runs no query: no layer of its own',
    { file: 'src/collections/users.ts', code: `import { Db } from 'mongodb';\nexport const getUsersCollection = (db: Db) => {\n  return db.collection('users');\n};\n` },
    { collection: undefined },
  ],
  [
    'a factory handed to a route wrapper builds the controller: the wrapper is the handler, not the factory',
    { file: 'src/server.ts', code: `import { Router } from 'express';\nconst router = Router();\nconst createAdmissionController = () => {\n  const repository = makeRepository(getDbClient());\n  return new AdmissionController(repository);\n};\nrouter.get('/check/:pubkey', withController(createAdmissionController));\nconst listUsers = async (req, res) => res.json(await loadUsers());\nrouter.get('/users', asyncHandler(listUsers));\n` },
    { makeRepository: undefined, loadUsers: 'controller' },
  ],
  [
    'functions handed the DB client that query through a tagged template, a handle variable or another helper stay repository code',
    { file: 'src/routes/users.ts', code: `import type { Sql } from 'postgres';\nimport type { Db, Pool } from './types';\nexport async function findUser(sql: Sql, id: string) {\n  return sql\`select * from users where id = \${id}\`;\n}\nexport async function findProfile(db: Db, id: string) {\n  const col = db.collection('profiles');\n  return col.findOne({ id });\n}\nexport async function addMute(db: Pool, userId: string) {\n  return insertRow(db, 'mutes', { userId });\n}\n` },
    { collection: 'repository', findOne: 'repository', insertRow: 'repository' },
  ],
  [
    'an async function handed to a wrapper that builds its answer is the handler, not a factory',
    { file: 'src/server.ts', code: `import { Router } from 'express';\nconst router = Router();\nrouter.get('/stats', asyncHandler(async () => new StatsView(await loadStats())));\n` },
    { loadStats: 'controller' },
  ],
  [
    "a feature folder's service.ts is service code, as users.service.ts is; a service-worker.ts is not",
    { file: 'src/config/runtime/service.ts', code: `import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class Runtime {\n  fetch(key: string) {\n    return this.db.runtimeConfig.findFirst({ where: { key } });\n  }\n}\n` },
    { findFirst: 'service' },
  ],
  [
    'a file merely named like a service is no service',
    { file: 'src/web/service-worker.ts', code: `export function register(scope: string) {\n  return navigator.serviceWorker.register(scope);\n}\n` },
    { register: undefined },
  ],
  [
    'a named handler wrapped inside a middleware array is a handler in both engines',
    { file: 'src/server.ts', code: `import { Router } from 'express';\nconst router = Router();\nconst listUsers = async (req, res) => {\n  res.json(await loadUsers());\n};\nrouter.get('/users', [requireAuth, asyncHandler(listUsers)]);\n` },
    { loadUsers: 'controller' },
  ],
];

function layerAt(observed: readonly ScopeObserved[], snippet: PlacedSnippet, callee: string): string | undefined {
  const lines = snippet.code.split('\n');
  const entry = observed.find((item) => {
    const [line = 0, column = 0] = item.at.split(':').map(Number);
    return (lines[line - 1] ?? '').slice(column).replace(/^(?:new\s+|this\.|await\s+)+/, '').split('(')[0]?.split('.').pop() === callee;
  });
  expect(entry, `a call of ${callee}`).toBeDefined();
  return entry?.layer;
}

afterAll(removeTempProjects);

describe('functions with their layer: the ESLint and the audit adapters agree', () => {
  it.each(SNIPPETS)('%s', (_label, snippet, layers) => {
    const observed = expectScopeParity(snippet);
    for (const [callee, layer] of Object.entries(layers)) expect(layerAt(observed, snippet, callee), callee).toBe(layer);
  });
});
