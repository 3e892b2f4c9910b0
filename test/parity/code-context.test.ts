import { afterAll, describe, expect, it } from 'vitest';
import { removeTempProjects } from '../helpers/temp-project.js';
import { expectScopeParity, type PlacedSnippet } from './harness.js';

/**
 * Code context: where code serves no request (a CLI, a worker, a start-up function, a signal
 * handler, a dev-only branch, a package that is no server). For every call of a snippet both
 * adapters give the same verdict; `expected` is the verdict at the call of `probe(…)`.
 */
const SERVER_PACKAGE = { 'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.0.0' } }) };
const SCRIPTS_PACKAGE = {
  'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.0.0' }, scripts: { start: 'node dist/main.js', 'admin:purge': 'ts-node ./admin/purge.ts' } }),
  'admin/purge.ts': "import { backup } from './backup';\n",
  'src/main.ts': 'export {};\n',
};
const LIBRARY_PACKAGE = { 'package.json': JSON.stringify({ name: '@acme/slugs', dependencies: { 'lodash-es': '^4.0.0' } }) };

const SNIPPETS: readonly [string, PlacedSnippet, string | undefined][] = [
  ['a request handler serves requests', { file: 'src/users.controller.ts', code: `export class UsersController {\n  list(req, res) {\n    res.json(probe(req.query));\n  }\n}\n` }, undefined],
  ['a CLI by its argument parser', { file: 'src/reindex.ts', code: `import { Command } from 'commander';\nexport function run(ids) {\n  for (const id of ids) probe(id);\n}\nnew Command('reindex').action(run);\n` }, 'terminal program'],
  ['a build command by the TypeScript compiler it drives', { file: 'src/commands/build.ts', code: `import ts from 'typescript';\nexport async function compile(files) {\n  const program = ts.createProgram(files, {});\n  for (const file of files) await probe(file);\n  return program.emit();\n}\n` }, 'terminal program'],
  ['a command folder alone is no terminal program', { file: 'src/commands/archive-document.ts', code: `export async function archiveDocument(id) {\n  return probe(id);\n}\n` }, undefined],
  ['a CLI by process.argv', { file: 'src/export.ts', code: `export async function exportAll() {\n  const [, , target] = process.argv;\n  return probe(target);\n}\n` }, 'terminal program'],
  ['a CLI by its folder', { file: 'src/cli/seed-users.ts', code: `export async function seedUsers(rows) {\n  for (const row of rows) await probe(row);\n}\n` }, 'terminal program'],
  ['a bin file', { file: 'packages/tool/bin.ts', code: `export function start() {\n  return probe();\n}\n` }, 'terminal program'],
  ['a worker by its folder', { file: 'src/jobs/send-digest.ts', code: `export async function sendDigest(users) {\n  for (const user of users) await probe(user);\n}\n` }, 'background worker'],
  ['a worker by its file name', { file: 'src/billing/invoice.processor.ts', code: `export async function handle(job) {\n  return probe(job.data);\n}\n` }, 'background worker'],
  ['a jobs controller is an HTTP API about jobs', { file: 'src/jobs.controller.ts', code: `export class JobsController {\n  list(req, res) {\n    res.json(probe());\n  }\n}\n` }, undefined],
  ['a BullMQ processor class', { file: 'src/mail/mail.ts', code: `import { Processor, WorkerHost } from '@nestjs/bullmq';\n@Processor('mail')\nexport class MailConsumer extends WorkerHost {\n  async process(job) {\n    return probe(job.data);\n  }\n}\n` }, 'background worker'],
  ['a function that receives a queue package\'s job', { file: 'src/search/indexer.ts', code: `import type { Job } from 'bullmq';\nexport class Indexer {\n  async reindex(job: Job<{ id: string }>) {\n    return probe(job.data.id);\n  }\n}\n` }, 'background worker'],
  ['a job of the project\'s own queue module', { file: 'src/search/indexer.ts', code: `import { Job } from '../job-queue/job';\nexport function reindex({ data }: Job) {\n  return probe(data);\n}\n` }, 'background worker'],
  ['a job of a job board is no queue\'s job', { file: 'src/jobs.service.ts', code: `import { Job } from './entities/job';\nexport class JobsService {\n  publish(job: Job) {\n    return probe(job);\n  }\n}\n` }, undefined],
  ['a @Cron method in a service', { file: 'src/reports/reports.service.ts', code: `import { Cron } from '@nestjs/schedule';\nexport class ReportsService {\n  @Cron('0 * * * *')\n  async hourly() {\n    await probe();\n  }\n  async onDemand() {\n    return compute();\n  }\n}\n` }, 'background worker'],
  ['bootstrap()', { file: 'src/main.ts', code: `import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await probe(app);\n}\nvoid bootstrap();\n` }, "start-up function 'bootstrap'"],
  ['onModuleInit lifecycle hook', { file: 'src/cache/cache.service.ts', code: `export class CacheService {\n  async onModuleInit() {\n    await probe();\n  }\n}\n` }, "start-up function 'onModuleInit'"],
  ['a config factory by its name', { file: 'src/db.ts', code: `export const getDatabaseConfig = () => ({\n  url: probe('DATABASE_URL'),\n});\n` }, "start-up function 'getDatabaseConfig'"],
  ['createApp()', { file: 'src/app.ts', code: `import express from 'express';\nexport function createApp() {\n  const app = express();\n  app.use(probe());\n  return app;\n}\n` }, "start-up function 'createApp'"],
  ['a Medusa module loader by its LoaderOptions parameter', { file: 'src/modules/carriers/loaders/sync.ts', code: `import type { LoaderOptions } from '@medusajs/framework/types';\nexport default async function syncCarriers({ container }: LoaderOptions) {\n  await probe(container);\n}\n` }, "start-up function 'syncCarriers' (a framework hook: LoaderOptions)"],
  ['a LoaderOptions of the project\'s own is no framework hook', { file: 'src/imports/loader.ts', code: `import type { LoaderOptions } from './types';\nexport async function loadRows({ rows }: LoaderOptions) {\n  await probe(rows);\n}\n` }, undefined],
  ['a function that builds the Nest application', { file: 'src/schema.ts', code: `import { NestFactory } from '@nestjs/core';\nexport async function emitSchema(target) {\n  const app = await NestFactory.createApplicationContext(SchemaModule);\n  await probe(app, target);\n}\n` }, "start-up function 'emitSchema' (builds the application)"],
  ['a create call on another factory builds no application', { file: 'src/reports.service.ts', code: `export async function buildReport(id) {\n  const report = await ReportFactory.create(id);\n  await probe(report);\n}\n` }, undefined],
  ['a Fastify onRoute hook runs as routes are registered', { file: 'src/routes/swagger.ts', code: `export function addDocs(app) {\n  app.addHook('onRoute', (route) => {\n    probe(route.url);\n  });\n}\n` }, 'start-up function (an application hook: onRoute)'],
  ['a request hook that an onRoute hook attaches to the route serves requests', { file: 'src/routes/auth.ts', code: `export function addAuth(app) {\n  app.addHook('onRoute', (route) => {\n    route.preHandler = async (request) => {\n      await probe(request.headers);\n    };\n  });\n}\n` }, undefined],
  ['a server\'s listen callback given a port runs once it listens', { file: 'src/server.ts', code: `export function serve(app, url) {\n  app.listen(app.get('port'), () => {\n    probe(url);\n  });\n}\n` }, "start-up function (a server's listen callback)"],
  ['the listen of a channel held in a template runs per notification', { file: 'src/notify/watch.ts', code: 'export function watch(sql) {\n  sql.listen(`jobs`, (payload) => {\n    probe(payload);\n  });\n}\n' }, undefined],
  ['a Fastify onRequest hook serves requests', { file: 'src/routes/auth.ts', code: `export function addAuth(app) {\n  app.addHook('onRequest', async (request) => {\n    await probe(request.headers);\n  });\n}\n` }, undefined],
  ['a signal handler', { file: 'src/server.ts', code: `export function serve(server) {\n  process.on('SIGTERM', async () => {\n    await probe(server);\n  });\n}\n` }, 'signal handler'],
  ['a process event that is no shutdown', { file: 'src/server.ts', code: `export function serve(server) {\n  process.on('message', async (message) => {\n    await probe(message);\n  });\n}\n` }, undefined],
  ['a NODE_ENV development branch', { file: 'src/users/users.service.ts', code: `export class UsersService {\n  async find(id) {\n    if (process.env.NODE_ENV === 'development') {\n      await probe(id);\n    }\n    return this.repo.findById(id);\n  }\n}\n` }, 'development-only branch'],
  ['the else branch of a development check serves requests', { file: 'src/users/users.service.ts', code: `export class UsersService {\n  async find(id) {\n    if (process.env.NODE_ENV === 'development') {\n      return null;\n    } else {\n      return probe(id);\n    }\n  }\n}\n` }, undefined],
  ['a production check is no dev-only branch', { file: 'src/users/users.service.ts', code: `export function find(id) {\n  if (process.env.NODE_ENV !== 'development') {\n    return probe(id);\n  }\n}\n` }, undefined],
  ['a branch on a const that holds a development check', { file: 'src/users/users.service.ts', code: `export class UsersService {\n  async find(id) {\n    const SANDBOX = process.env.SANDBOX === 'true' && process.env.NODE_ENV === 'development';\n    if (SANDBOX) {\n      await probe(id);\n    }\n    return this.repo.findById(id);\n  }\n}\n` }, 'development-only branch'],
  ['a branch on a const that holds a production check serves requests', { file: 'src/users/users.service.ts', code: `const LIVE = process.env.NODE_ENV === 'production';\nexport class UsersService {\n  async find(id) {\n    if (LIVE) {\n      await probe(id);\n    }\n  }\n}\n` }, undefined],
  ['after an exit on a const that holds a production check', { file: 'src/session.controller.ts', code: `const IN_PRODUCTION = process.env.NODE_ENV === 'production';\nexport class SessionController {\n  async tokenForTests(req, res) {\n    if (IN_PRODUCTION) throw new NotFound();\n    res.json(await probe(req.params.id));\n  }\n}\n` }, 'development-only branch'],
  ['a development check that is only one alternative serves requests', { file: 'src/users/users.service.ts', code: `export class UsersService {\n  async find(id) {\n    if (process.env.LOG_VERBOSE === 'true' || process.env.NODE_ENV === 'development') {\n      await probe(id);\n    }\n  }\n}\n` }, undefined],
  ['a development check or a test-run switch of the environment', { file: 'src/users/users.service.ts', code: `export class UsersService {\n  async find(id) {\n    if (config.env === 'development' || process.env.E2E_TEST) {\n      await probe(id);\n    }\n  }\n}\n` }, 'development-only branch'],
  ['either of two development environments', { file: 'src/users/users.service.ts', code: `export class UsersService {\n  async find(id) {\n    if (process.env.NODE_ENV === 'development' || process.env.NODE_ENV === 'test') {\n      await probe(id);\n    }\n  }\n}\n` }, 'development-only branch'],
  ['inside an isDev ternary', { file: 'src/log.ts', code: `export function describe(user) {\n  return isDev ? format(probe(user)) : user.id;\n}\n` }, 'development-only branch'],
  ['the call that is the whole isDev branch', { file: 'src/log.ts', code: `export function describe(user) {\n  return isDev ? probe(user) : user.id;\n}\n` }, 'development-only branch'],
  ['a whole isDev branch in parentheses reads as without them', { file: 'src/log.ts', code: `export function describe(user) {\n  return isDev ? (probe(user)) : user.id;\n}\n` }, 'development-only branch'],
  ['the call that is the whole else branch of an isDev ternary serves requests', { file: 'src/log.ts', code: `export function describe(user) {\n  return isDev ? user.id : probe(user);\n}\n` }, undefined],
  ['a list of non-production environments', { file: 'src/payouts/payouts.controller.ts', code: `export async function settle(req, res, batch) {\n  res.sendStatus(200);\n  if (['development', 'staging'].includes(config.env)) {\n    for (const id of batch.ids) await probe(id);\n  }\n}\n` }, 'development-only branch'],
  ['a list that holds production is no dev-only branch', { file: 'src/payouts/payouts.controller.ts', code: `export async function settle(req, res, batch) {\n  if (['production', 'staging'].includes(config.env)) {\n    await probe(batch);\n  }\n}\n` }, undefined],
  ['after an exit that holds in production (a test-only route)', { file: 'src/session.controller.ts', code: `export class SessionController {\n  async tokenForTests(req, res) {\n    if (process.env.NODE_ENV !== 'test') throw new NotFound();\n    res.json(await probe(req.params.id));\n  }\n}\n` }, 'development-only branch'],
  ['after an exit that is no environment check', { file: 'src/session.controller.ts', code: `export class SessionController {\n  async token(req, res) {\n    if (!req.user) return res.sendStatus(401);\n    res.json(await probe(req.user.id));\n  }\n}\n` }, undefined],
  ['module top level', { file: 'src/db.ts', code: `export const pool = probe({ max: 10 });\n` }, 'module top level'],
  ['a decorator runs where its class is defined', { file: 'src/users.controller.ts', code: `export class UsersController {\n  @probe('list')\n  list() {\n    return [];\n  }\n}\n` }, 'module top level'],
  ['a package that depends on no server framework', { file: 'src/slug.ts', files: LIBRARY_PACKAGE, code: `export function slugify(text) {\n  return probe(text);\n}\n` }, 'not a server package'],
  ['a helper of the admin scripts package.json runs', { file: 'admin/backup.ts', files: SCRIPTS_PACKAGE, code: `export async function backup(rows) {\n  return probe(rows);\n}\n` }, 'terminal program'],
  ['a module beside the server entry is no script', { file: 'src/orders.ts', files: SCRIPTS_PACKAGE, code: `export async function listOrders(rows) {\n  return probe(rows);\n}\n` }, undefined],
  ['a package that depends on express serves requests', { file: 'src/slug.ts', files: SERVER_PACKAGE, code: `export function slugify(text) {\n  return probe(text);\n}\n` }, undefined],
];

afterAll(removeTempProjects);

describe('code context: the ESLint and the audit adapters agree', () => {
  it.each(SNIPPETS)('%s', (_label, snippet, expected) => {
    const observed = expectScopeParity(snippet);
    const lines = snippet.code.split('\n');
    const probe = observed.find((item) => {
      const [line = 0, column = 0] = item.at.split(':').map(Number);
      return (lines[line - 1] ?? '').slice(column).startsWith('probe(');
    });
    expect(probe).toBeDefined();
    expect(probe?.outside).toBe(expected);
  });
});
