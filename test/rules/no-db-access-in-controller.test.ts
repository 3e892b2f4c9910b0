import path from 'node:path';
import rule, { type MessageId, type Options } from '../../rules/no-db-access-in-controller.js';
import { afterAll } from 'vitest';
import { TYPED_PROJECT, runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';
import { removeTempProjects, writeTempProject } from '../helpers/temp-project.js';

afterAll(removeTempProjects);

// A project whose tsconfig maps \`@acme/db/*\` to its own database folder: imports through it are local code.
const ALIASED_PROJECT = writeTempProject('bp-controller-alias-', {
  'tsconfig.json': '{ "compilerOptions": { "paths": { "@acme/db/*": ["./src/database/*"] } } }',
  'src/database/repos/page.repo.ts': 'export class PageRepo {}',
});
const ALIASED_CONTROLLER = path.join(ALIASED_PROJECT, 'src', 'core', 'pages.controller.ts');

const CONTROLLER = path.join(TYPED_PROJECT, 'layers', 'users.controller.ts');
const ROUTES_MODEL = path.join(TYPED_PROJECT, 'layers', 'routes', 'tag.model.ts');
const ROUTES_FILE = path.join(TYPED_PROJECT, 'layers', 'routes', 'tags.ts');
const SERVICE = path.join(TYPED_PROJECT, 'layers', 'users.service.ts');
const REPOSITORY = path.join(TYPED_PROJECT, 'layers', 'users.repository.ts');

const RESOLVER_HEAD = `import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Invoice } from '../entity/invoice.entity';
@Resolver('Payment')
export class PaymentFieldsResolver {
  constructor(private dataSource: DataSource) {}
`;

const TEST_TOKEN_CONTROLLER = `import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { AccountRepository } from '../dal/account.repository';
import { SessionService } from './session.service';
@Controller('session')
export class SessionController {
  constructor(private sessions: SessionService, private accounts: AccountRepository) {}
  @Get('/e2e-token/:accountId')
  async tokenForEndToEndTests(@Param('accountId') accountId: string) {
    if (process.env.NODE_ENV !== 'test') throw new NotFoundException();
    const account = await this.accounts.findById(accountId);
    return this.sessions.sign(account);
  }
`;

const PAGE_CONTROLLER_HEAD = `import { Body, Controller, NotFoundException, Post } from '@nestjs/common';
import { PageRepo } from '../database/repos/page.repo';
import { PageAccessService } from './page-access.service';
import { CommentService } from './comment.service';
@Controller('comments')
export class CommentController {
  constructor(private readonly commentService: CommentService, private readonly pageAccess: PageAccessService, private readonly pageRepo: PageRepo) {}
`;

const valid: Valid<Options>[] = [
  // A handler that only opens a transaction and hands it to the project's data functions runs no query itself.
  {
    filename: CONTROLLER,
    code: `import { updateDocument } from '../data/documents';
export async function renameDocument(req, res) {
  const doc = await prisma().$transaction((tr) => updateDocument(tr, req.params.id, { title: req.body.title }));
  res.json(doc);
}`,
  },
  // Injections nothing reads (a leftover parameter, a decorated field): no query to move, only cleanup.
  {
    code: `import { Repository } from 'typeorm';
import { Resolver, Query } from 'type-graphql';
import { Project } from '../entities/project';
import { ProjectService } from '../services/project.service';
@Resolver(() => Project)
export class ProjectResolver {
  constructor(
    private readonly projectRepository: Repository<Project>,
    private readonly projects: ProjectService,
  ) {}
  @Query(() => [Project])
  featured() {
    return this.projects.listFeatured();
  }
}`,
    filename: CONTROLLER,
  },
  {
    code: `@Resolver(() => User)
export class UserResolver {
  constructor(private readonly userRepository: Repository<User>, private readonly users: UserService) {
    this.userRepository = AppDataSource.getDataSource().getRepository(User);
  }
  @Query(() => User)
  me(@Ctx() ctx) {
    return this.users.byId(ctx.user.id);
  }
}`,
    filename: CONTROLLER,
  },
  {
    code: `@Controller('status')
export class StatusController {
  @InjectDataSource() private readonly dataSource!: DataSource;
  constructor(private readonly status: StatusService) {}
  @Get()
  get() {
    return this.status.current();
  }
}`,
  },
  // Named a controller, in a queue's folder, handling a job and no HTTP: a worker's code.
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const crawlQueueController = async (source: QSource) => {
  const existing = await prisma.botSource.findFirst({ where: { botId: source.botId } });
  return existing;
};`,
    filename: 'src/queue/controllers/crawl.controller.ts',
    mode: 'untyped',
  },
  // The only data access commits the unit of work the middleware loaded the entity into: no query to move.
  {
    code: `import Router from '@koa/router';
const router = new Router();
router.put('/players/:id/name', async (ctx) => {
  const player = ctx.state.player;
  player.name = ctx.request.body.name;
  await ctx.em.flush();
  ctx.body = { player };
});`,
    filename: ROUTES_FILE,
  },
  // An injected repository whose every use loads a record to check access (or answer 404 for a
  // soft-deleted one) before a service takes over: the handlers are thin, and so is the injection.
  `${PAGE_CONTROLLER_HEAD}  @Post('create')
  async create(@Body() dto: { pageId: string; text: string }) {
    const page = await this.pageRepo.findById(dto.pageId);
    if (!page || page.deletedAt) throw new NotFoundException('Page not found');
    await this.pageAccess.validateCanComment(page);
    return this.commentService.create(page.id, dto.text);
  }
  @Post('list')
  async list(@Body() dto: { pageId: string }) {
    const page = await this.pageRepo.findById(dto.pageId);
    if (!page) throw new NotFoundException('Page not found');
    return this.commentService.listForPage(page.id);
  }
}`,
  // Sync handlers handing back a read's promise through the project's repository, a page of it or one by key: nothing to move.
  { code: `import { Controller, Get, Param, Query } from '@nestjs/common';
import { RunHistoryRepository } from '../repositories/run-history.repository';
@Controller('run-history')
export class RunHistoryController {
  constructor(private readonly runHistoryRepository: RunHistoryRepository) {}
  @Get('/')
  list(@Query('robotId') robotId: string, @Query('page') page = 1, @Query('size') size = 20) {
    const pageSize = Math.min(size, 20);
    return this.runHistoryRepository.getRunHistoryByRobotId(robotId, (page - 1) * pageSize, pageSize);
  }
  @Get('/:taskId')
  detail(@Param('taskId') taskId: string) {
    return this.runHistoryRepository.getRunHistoryByTaskId(taskId);
  }
  @Get('/store/:id')
  store(@Param('id') id: string) {
    return this.runHistoryRepository.getStoreRecordById(+id, { page: Number(id) });
  }
}`, filename: CONTROLLER },
  // Rows read through a project repository and handed whole to a presenter: no field is looked at here.
  { code: `router.get('/documents', async (req, res) => {
  const documents = await documentsRepository.listForCollection(req.query.collectionId);
  res.json({ data: await Promise.all(documents.map((document) => presentDocument(document, { includeText: false }))) });
});`, filename: CONTROLLER },
  // An active-record design: a load by key through the project's own model to authorize the record
  // is the lookup a repository would make; the route hands the row to a presenter.
  { code: `import Router from 'koa-router';
import { Document } from '../models';
import { authorize } from '../policies';
import { presentDocument } from '../presenters';
const router = new Router();
router.post('documents.info', async (ctx) => {
  const document = await Document.findByPk(ctx.request.body.id);
  authorize(ctx.state.user, 'read', document);
  ctx.body = { data: await presentDocument(document) };
});
export default router;`, filename: ROUTES_FILE },
  // ...and so is its one write through the record it loaded, a field set from the request included.
  { code: `import Router from 'koa-router';
import { Revision } from '../models';
import { authorize } from '../policies';
const router = new Router();
router.post('revisions.update', async (ctx) => {
  const revision = await Revision.findByPk(ctx.request.body.id, { rejectOnEmpty: true });
  authorize(ctx.state.user, 'update', revision);
  revision.name = ctx.request.body.name;
  await revision.save();
  ctx.body = { data: revision.id };
});
export default router;`, filename: ROUTES_FILE },
  // A repository class of a package from the registry (an SDK's in-memory store) is not the project's data layer.
  `import { Controller, Get } from '@nestjs/common';
import { FeatureToggleRepository } from 'feature-flags-sdk';
@Controller('flags')
export class FlagsController {
  constructor(private readonly toggles: FeatureToggleRepository) {}
  @Get()
  list() {
    return this.toggles.getToggles();
  }
}`,
  // A thin handler over the project's repositories: one read, or an existence check and one write, no rule to move.
  { code: `router.get('/users/:id', async (req, res) => {
  res.json(await userRepository.findById(req.params.id));
});`, filename: CONTROLLER },
  { code: `router.delete('/documents/:id/views', async (req, res) => {
  const { document } = await documentsRepository.getDocumentById({ documentId: req.params.id });
  if (!document) return res.status(404).end();
  await documentViewsRepository.deleteViews({ documentId: document.id });
  res.status(204).end();
});`, filename: CONTROLLER },
  // A repository that only a test-only route uses (it answers 404 outside tests).
  `${TEST_TOKEN_CONTROLLER}}`,
  // A GraphQL field resolver that loads its parent's relation by the parent's key: the data-loader shape.
  `${RESOLVER_HEAD}  @ResolveField()
  async invoice(@Parent() payment: { invoiceId: string }) {
    return this.dataSource.getRepository(Invoice).findOne({ where: { id: payment.invoiceId } });
  }
}`,
  // The same load after a guard that returns the relation the parent came with, read off the loaded row.
  `${RESOLVER_HEAD}  @ResolveField()
  async invoice(@Parent() payment: { id: string; invoice?: Invoice }) {
    if (payment.invoice) return payment.invoice;
    const { invoice } = await this.dataSource.getRepository(Payment).findOneOrFail({ where: { id: payment.id }, relations: { invoice: true } });
    return invoice;
  }
}`,
  // The same load after an access guard that throws, and the loaded rows projected to one field each.
  `${RESOLVER_HEAD}  @ResolveField()
  async invoices(@CurrentUser() me: { id: string }, @Parent() payment: { id: string; payerId: string }) {
    if (me.id !== payment.payerId) {
      throw new ForbiddenException();
    }
    return this.dataSource.getRepository(Invoice).find({ where: { paymentId: payment.id } });
  }
  @ResolveField()
  async invoiceIds(@Parent() payment: { id: string }) {
    const rows = await this.dataSource.getRepository(Invoice).find({ where: { paymentId: payment.id } });
    return rows.map((row) => row.id);
  }
}`,
  // A health check: the client is injected for its probe.
  `import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, PrismaHealthIndicator } from '@nestjs/terminus';
import { PrismaService } from '../prisma/prisma.service';
@Controller('health')
export class HealthController {
  constructor(private health: HealthCheckService, private db: PrismaHealthIndicator, private prisma: PrismaService) {}
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.db.pingCheck('database', this.prisma)]);
  }
}`,
  // A command object built for a use case, imported from a module whose path holds a data word.
  `import { Body, Controller, Post } from '@nestjs/common';
import { StoreValuesCommand, StoreValuesUseCase } from './usecases/store-values';
@Controller('values')
export class ValuesController {
  constructor(private storeValues: StoreValuesUseCase) {}
  @Post()
  async create(@Body() body: { values: Record<string, string> }) {
    return this.storeValues.execute(StoreValuesCommand.create({ values: body.values }));
  }
}`,
  // Query operators of a DB package called in a route handler open no client.
  `import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { monitorService } from '../services/monitor';
export const monitorsRoute = new Hono();
monitorsRoute.get('/active', async (c) => c.json(await monitorService.list(and(eq('active', true)))));`,
  // A value import of a DB package that makes no client: an enum, an operator.
  {
    filename: CONTROLLER,
    code: `import { Role } from '@prisma/client';
export function canInvite(req, res) {
  res.json({ allowed: req.user.role === Role.ADMIN });
}`,
  },
  {
    filename: CONTROLLER,
    code: `import { Op } from 'sequelize';
export async function search(req, res) {
  res.json(await documentsService.search({ title: { [Op.iLike]: req.query.q } }));
}`,
  },
  // A health check's probe reads no data.
  {
    filename: CONTROLLER,
    code: `export async function health(req, res) {
  await db.raw('SELECT 1');
  res.json({ ok: true });
}`,
  },
  // The arithmetic form of the same probe, through an ORM's raw query.
  {
    filename: CONTROLLER,
    code: `export const ping = async (_req, res, next) => {
  try {
    await Campaign.sequelize?.query('SELECT 1+1;');
    return res.sendStatus(200);
  } catch (err) {
    return next(err);
  }
};`,
  },
  // The probe as SQL text: a postgres.js tag, a client's options object.
  {
    filename: CONTROLLER,
    code: `import sql from '../utils/db';
export async function health(ctx) {
  await sql\`select 1\`;
  ctx.body = { ok: true };
}`,
  },
  {
    filename: CONTROLLER,
    code: `export async function healthcheck(req, res) {
  await ch.query({ query: 'SELECT 1 AS ok', format: 'JSONEachRow' });
  res.json({ ready: true });
}`,
  },
  // The same provider in a file named *.controller.ts: the class says what it is.
  {
    filename: CONTROLLER,
    code: `@Injectable()
export class IndexerController {
  constructor(private readonly connection: DataSource) {}
  async reindex() {
    await this.connection.query('REFRESH MATERIALIZED VIEW search_index');
  }
}`,
  },
  // A health check's probe through Kysely's sql tag.
  {
    filename: CONTROLLER,
    code: `export async function health(req, res) {
  await sql\`select 1\`.execute(db);
  res.json({ ok: true });
}`,
  },
  // A module-level data helper handed the DB client, next to the handler that calls it: repository code.
  {
    filename: ROUTES_FILE,
    code: `async function addMute(db: Database, actor: string, subject: string) {
  await db.insertInto('mute').values({ actor, subject }).execute();
}
router.post('/mutes', async (req, res) => {
  await addMute(req.app.locals.db, req.body.actor, req.body.subject);
  res.sendStatus(204);
});`,
  },
  // A file under routes/ that registers no route and handles no request is not controller code.
  {
    filename: ROUTES_MODEL,
    code: `export async function findTagByName(db: Database, name: string) {
  return db.selectFrom('tags').where('name', '=', name).selectAll().executeTakeFirst();
}`,
  },
  // A storage-tier RPC implementation under routes/: handlers take the request message only.
  {
    filename: ROUTES_FILE,
    code: `export default (db: Database) => ({
  async getTags(req: { limit: number }) {
    return db.selectFrom('tags').selectAll().limit(req.limit).execute();
  },
});`,
  },
  // An RPC service factory under routes/ handed the application's context (`ctx: AppContext`, services and
  // config): the `ctx` is no request context, since nothing request-like is read off it.
  {
    filename: ROUTES_FILE,
    code: `import type { AppContext } from '../context';
export default (ctx: AppContext) => ({
  async purgeTags(req: { owner: string }) {
    const { db } = ctx;
    await db.deleteFrom('tags').where('owner', '=', req.owner).execute();
    return { purged: true, region: ctx.cfg.region };
  },
});`,
  },
  // A router module's exported helpers for other modules: registered nowhere, called nowhere in the
  // module, no handler's parameters (a webhook sender for the task runner, a watchdog the server runs on a timer).
  {
    filename: ROUTES_FILE,
    code: `import { Router } from 'express';
import { Robot } from '../models/Robot';
import { Run } from '../models/Run';
export const router = Router();
router.get('/webhooks', (req, res) => res.json({ events: ['run_completed', 'run_failed'] }));
export const sendWebhook = async (robotId: string, eventType: string, data: unknown): Promise<void> => {
  const robot = await Robot.findOne({ where: { id: robotId } });
  if (robot?.webhookUrl) await post(robot.webhookUrl, { eventType, data });
};
export async function recoverStuckRuns() {
  const stuck = await Run.findAll({ where: { status: 'running' } });
  for (const run of stuck) queue.add(run.id);
}`,
  },
  // A private function only such a helper calls serves it.
  {
    filename: ROUTES_FILE,
    code: `import { Router } from 'express';
import { Robot } from '../models/Robot';
export const router = Router();
router.get('/webhooks', (req, res) => res.json([]));
async function loadRobot(robotId: string) {
  return Robot.findOne({ where: { id: robotId } });
}
export async function sendWebhook(robotId: string, data: unknown) {
  const robot = await loadRobot(robotId);
  await post(robot.webhookUrl, data);
}`,
  },
  // A data module kept in a routes/ (or controllers/) folder: plain functions taking ids. Its only
  // `(c) => …` is an array callback, which the array calls, not an HTTP framework.
  {
    filename: ROUTES_FILE,
    code: `import Alert from '../models/alert';
export const getAlerts = async (teamId: string) => Alert.find({ team: teamId });
export function webhookIds(channels: { type: string; webhookId: string }[]) {
  return channels.filter((c) => c.type === 'webhook').map((c) => c.webhookId);
}`,
  },
  // An untyped `ctx` that only carries the job's own context (no request member read off it).
  {
    filename: ROUTES_FILE,
    code: `import Session from '../models/session';
export const purgeExpired = async (ctx) => {
  await Session.deleteMany({ expiresAt: { $lt: ctx.clock.now() } });
};`,
  },
  // A BSON id built from the route parameter: a value class of the driver, no client.
  {
    filename: CONTROLLER,
    code: `import { ObjectId } from 'mongodb';
import { alertsService } from './alerts.service';
export async function getAlert(req, res) {
  res.json(await alertsService.byId(new ObjectId(req.params.id)));
}`,
  },
  // Functions of the service layer whose names end in a client word: what they do with it, not a client.
  {
    filename: CONTROLLER,
    code: `import type { Request, Response } from 'express';
import { syncForwarderConfigFromDatasource, updateDatasource } from '../services/forwarder';
export async function putDatasource(req: Request, res: Response) {
  await updateDatasource(req.params.id, req.body);
  await syncForwarderConfigFromDatasource({ id: req.params.id });
  if (!req.context.permissions.canCreateSdkConnection(req.body.projects)) return res.status(403).end();
  res.json({ ok: true });
}`,
  },
  // An @Injectable provider named *Controller (a queue worker) is not an HTTP controller.
  `@Injectable()
export class IndexerController {
  constructor(private readonly connection: DataSource) {}
  async reindex() {
    await this.connection.query('REFRESH MATERIALIZED VIEW search_index');
  }
}`,
  // Express handler that calls a service
  { code: `app.get('/users', async (req, res) => {
  res.json(await userService.list());
});` },
  // NestJS controller that calls its service
  { code: `@Controller('users')
export class UsersController {
  constructor(private readonly usersService: UsersService) {}
  @Get()
  findAll() {
    return this.usersService.findAll();
  }
}` },
  // type-only import of the Prisma client in a controller file
  { code: `import type { PrismaClient } from '@prisma/client';
export type Db = PrismaClient;`, filename: CONTROLLER },
  // import of an entity and a DTO, used as types
  { code: `import { User } from '../entities/user.entity';
import { CreateUserDto } from './dto/create-user.dto';
export function toView(user: User, dto: CreateUserDto) {
  return { id: user.id, name: dto.name };
}`, filename: CONTROLLER },
  // a log message containing the word select
  { code: `router.post('/cart', async (req, res) => {
  logger.info('User did not select a delivery slot');
  res.json(await cartService.checkout(req.body));
});` },
  // a user-facing message starting with Select
  { code: `export const message = 'Select a product from the list';`, filename: CONTROLLER },
  // an error message mentioning update and set
  { code: `export function fail() {
  throw new ValidationError('please update your profile and set a password');
}`, filename: CONTROLLER },
  // query in a repository class (innermost layer wins over the file)
  { code: `export class AuditRepository {
  constructor(private readonly db: Pool) {}
  record(event: string) {
    return this.db.query('INSERT INTO audit_log (event) VALUES ($1)', [event]);
  }
}`, filename: CONTROLLER },
  // query in a service class
  { code: `export class ReportService {
  async daily() {
    return prisma.order.groupBy({ by: ['day'] });
  }
}` },
  // plain module without layer
  { code: `export async function seed() {
  await prisma.user.create({ data: { email: 'a@example.com' } });
}` },
  // a route handler registered on an HTTP client is not a route: axios-like api.post
  { code: `async function createUser(body) {
  return api.post('/users', body);
}
export async function run(db) {
  await db.query('SELECT 1');
}` },
  // map.get / cache.delete are not routes
  { code: `const handlers = new Map();
handlers.get('/users');
export async function purge() {
  await cache.delete('users');
}` },
  // app.get settings getter is not a route
  { code: `const env = app.get('env');
export async function load() {
  return knex('settings').where({ env }).first();
}` },
  // controller injects a service
  { code: `@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService, @Inject(CONFIG) private readonly config: AppConfig) {}
}` },
  // controller constructs a response DTO
  { code: `export class UserController {
  show = async (req, res) => {
    const user = await this.users.getById(req.params.id);
    res.json(new UserDto(user));
  };
}`, filename: CONTROLLER },
  // array find in a controller
  { code: `export function pick(items, id) {
  return items.find((item) => item.id === id);
}`, filename: CONTROLLER },
  // Fastify route calling a service
  { code: `fastify.get('/items/:id', async (request) => {
  return itemService.get(request.params.id);
});` },
  // Hono route calling a service
  { code: `const app = new Hono();
app.get('/books', async (c) => c.json(await books.list()));` },
  // checkRepositoryCalls off: repository call allowed
  { code: `router.get('/users/:id', async (req, res) => {
  res.json(await userRepository.findById(req.params.id));
});`, options: [{"checkRepositoryCalls":false}] },
  // checkImports off: value import of knex
  { code: `import { knex } from 'knex';
export const config = knex;`, filename: CONTROLLER, options: [{"checkImports":false}] },
  // value import of typeorm used only as a type annotation
  { code: `import { Repository } from 'typeorm';
export type UserRepo = Repository<unknown>;`, filename: CONTROLLER },
  // InjectRepository import is not reported twice (only the parameter is)
  { code: `import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
export class UsersService {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}
}`, filename: SERVICE },
  // service file: DB client injection is fine outside controllers
  { code: `export class UsersService {
  constructor(private readonly prisma: PrismaClient) {}
  list() {
    return this.prisma.user.findMany();
  }
}`, filename: SERVICE },
  // SQL text in a repository file
  { code: `export const FIND_USER = 'SELECT id, email FROM users WHERE id = $1';`, filename: REPOSITORY },
  // route handler defined elsewhere calls a service; a sibling helper in a plain module queries
  { code: `async function list(req, res) {
  res.json(await users.list());
}
async function migrate() {
  await pool.query('ALTER TABLE users ADD COLUMN x int');
}
router.get('/users', list);
export { migrate };` },
  // string that merely starts with select
  { code: `export const options = ['select-all', 'selected'];`, filename: CONTROLLER },
  // res.status().json is not a query
  { code: `export const health = (req, res) => res.status(200).json({ status: 'ok' });`, filename: CONTROLLER },
];

const invalid: Invalid<MessageId, Options>[] = [
  // A function that registers routes exports nothing but its handlers' work: they handle requests, and
  // so does a module-private function such a handler calls.
  {
    filename: ROUTES_FILE,
    code: `import { Robot } from '../models/Robot';
async function ownedBy(owner: string) {
  return Robot.findAll({ where: { owner } });
}
export function registerRobots(app) {
  app.get('/robots', async (req, res) => {
    res.json(await Robot.findAll({ where: { owner: req.query.owner } }));
  });
  app.get('/robots/mine', async ({ auth }) => ownedBy(auth.userId));
}`,
    errors: [
      { messageId: 'queryInController', line: 3, column: 10, data: { query: "'Robot.findAll'", more: '' }, suggestions: [] },
      { messageId: 'queryInController', line: 7, column: 20, data: { query: "'Robot.findAll'", more: '' }, suggestions: [] },
    ],
  },
  // The same helper called by a handler of its module is the handler's work; one with a handler's parameters handles a request.
  {
    filename: ROUTES_FILE,
    code: `import { Router } from 'express';
import { Robot } from '../models/Robot';
export const router = Router();
export const findRobot = async (robotId: string) => Robot.findOne({ where: { id: robotId } });
router.get('/robots/:id', async (req, res) => res.json(await findRobot(req.params.id)));
export async function listRobots(req, res) {
  res.json(await Robot.findAll());
}
export async function ownedRobots(request) {
  const robots = await Robot.findAll({ where: { owner: request.params.owner } });
  return robots.filter((robot) => robot.active);
}`,
    errors: [
      { messageId: 'queryInController', line: 4, column: 53, data: { query: "'Robot.findOne' ('Robot': import from '../models/Robot')", more: '' }, suggestions: [] },
      { messageId: 'queryInController', line: 7, column: 18, data: { query: "'Robot.findAll'", more: '' }, suggestions: [] },
      { messageId: 'queryInController', line: 10, column: 24, data: { query: "'Robot.findAll'", more: '' }, suggestions: [] },
    ],
  },
  // The same folder, with a function that handles an HTTP request: a controller.
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const listJobs = async (req: Request, res: Response) => {
  res.json(await prisma.job.findMany({ take: 20 }));
};`,
    filename: 'src/queue/controllers/jobs.controller.ts',
    mode: 'untyped',
    errors: [
      { messageId: 'dbImportInController', line: 1, column: 1, data: { module: '@prisma/client' }, suggestions: [] },
      { messageId: 'queryInController', line: 4, column: 18, data: { query: "'prisma.job.findMany'", more: '' }, suggestions: [] },
    ],
  },
  // A new entity persisted, or a commit beside a query of its own: the handler does the data work itself.
  {
    code: `import Router from '@koa/router';
import { MikroORM } from '@mikro-orm/core';
const router = new Router();
router.post('/scores', async (ctx) => {
  const score = ctx.em.create(Score, { player: ctx.state.player, value: ctx.request.body.value });
  ctx.em.persist(score);
  await ctx.em.flush();
  ctx.body = { score };
});`,
    filename: ROUTES_FILE,
    errors: [
      { messageId: 'queryInController', line: 7, column: 9, data: { query: "'ctx.em.flush'", more: '' }, suggestions: [] },
    ],
  },
  {
    code: `import Router from '@koa/router';
const router = new Router();
router.post('/scores', async (ctx) => {
  const score = new Score(ctx.state.player, ctx.request.body.value);
  await ctx.em.persist(score).flush();
  ctx.body = { score };
});
router.delete('/players/:id', async (ctx) => {
  ctx.em.remove(ctx.state.player);
  await ctx.em.flush();
});
router.post('/scores/reset', async (ctx) => {
  const scores = await ctx.em.find(Score, { player: ctx.state.player });
  for (const score of scores) score.value = 0;
  await ctx.em.flush();
});`,
    filename: ROUTES_FILE,
    errors: [
      { messageId: 'queryInController', line: 5, column: 9, data: { query: "'ctx.em.persist(…).flush'", more: '' }, suggestions: [] },
      { messageId: 'queryInController', line: 9, column: 3, data: { query: "'ctx.em.remove'", more: ' (and 1 more DB call in this function)' }, suggestions: [] },
      { messageId: 'queryInController', line: 13, column: 24, data: { query: "'ctx.em.find'", more: ' (and 1 more DB call in this function)' }, suggestions: [] },
    ],
  },
  // The same load deciding on a field of the row, and a list through the model: the route does the data work itself.
  {
    code: `import Router from 'koa-router';
import { Document } from '../models';
const router = new Router();
router.post('documents.list', async (ctx) => {
  ctx.body = { data: await Document.findAll({ where: { collectionId: ctx.request.body.collectionId }, limit: 25 }) };
});
export default router;`,
    filename: ROUTES_FILE,
    errors: [
      { messageId: 'queryInController', line: 5, column: 28, data: { query: "'Document.findAll'", more: '' }, suggestions: [] },
    ],
  },
  {
    code: `import Router from 'koa-router';
import { Document } from '../models';
const router = new Router();
router.post('documents.publish', async (ctx) => {
  const document = await Document.findByPk(ctx.request.body.id);
  if (document.publishedAt) ctx.throw(409, 'Already published');
  ctx.body = { data: document };
});
export default router;`,
    filename: ROUTES_FILE,
    errors: [
      { messageId: 'queryInController', line: 5, column: 26, data: { query: "'Document.findByPk'", more: '' }, suggestions: [] },
    ],
  },
  // Two writes through the loaded record, or one write beside a field decided on: logic in the handler.
  {
    code: `import Router from 'koa-router';
import { Revision } from '../models';
const router = new Router();
router.post('revisions.restore', async (ctx) => {
  const revision = await Revision.findByPk(ctx.request.body.id);
  revision.name = ctx.request.body.name;
  await revision.save();
  await revision.destroy();
  ctx.body = { ok: true };
});
router.post('revisions.archive', async (ctx) => {
  const revision = await Revision.findByPk(ctx.request.body.id);
  revision.state = 'archived';
  await revision.save();
  ctx.body = { ok: true };
});
router.post('revisions.lock', async (ctx) => {
  const revision = await Revision.findByPk(ctx.request.body.id);
  if (revision.lockedAt) ctx.throw(409, 'Already locked');
  await revision.update({ lockedAt: new Date() });
  ctx.body = { ok: true };
});
export default router;`,
    filename: ROUTES_FILE,
    errors: [
      { messageId: 'queryInController', line: 5, column: 26, data: { query: "'Revision.findByPk'", more: ' (and 2 more DB calls in this function)' }, suggestions: [] },
      { messageId: 'queryInController', line: 12, column: 26, data: { query: "'Revision.findByPk'", more: ' (and 1 more DB call in this function)' }, suggestions: [] },
      { messageId: 'queryInController', line: 18, column: 26, data: { query: "'Revision.findByPk'", more: ' (and 1 more DB call in this function)' }, suggestions: [] },
    ],
  },
  // A state set on a record read through the project's repository is a rule decided in the handler;
  // and a services barrel is the project's service layer too.
  {
    code: `import { Router } from 'express';
import { UpdateCampaignService } from '../services';
import Campaign from '../models/Campaign';
export const router = Router();
router.post('/orders/:id/cancel', async (req, res) => {
  const order = await orderRepository.findById(req.params.id);
  if (!order) return res.status(404).end();
  order.status = 'cancelled';
  await orderRepository.save(order);
  res.status(204).end();
});
router.post('/campaigns/:id/media', async (req, res) => {
  const campaign = await Campaign.findByPk(req.params.id);
  campaign.mediaPath = req.file.filename;
  await campaign.save();
  res.json(await UpdateCampaignService(campaign.id));
});`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'repositoryCallInController', line: 6, column: 23, data: { query: "'orderRepository.findById'", more: ' (and 1 more DB call in this function)' }, suggestions: [] },
      { messageId: 'queryInController', line: 13, column: 26, data: { query: "'Campaign.findByPk'", more: ' (and 1 more DB call in this function)' }, suggestions: [] },
    ],
  },
  // A write of what the handler computed from the record, decided on by a branch of its own.
  {
    code: `import Router from 'koa-router';
import { Document } from '../models';
const router = new Router();
router.post('comments.anchor', async (ctx) => {
  const document = await Document.findByPk(ctx.request.body.documentId);
  const updated = applyCommentMark(toState(document), ctx.request.body.anchorText);
  if (!updated) ctx.throw(400, 'Could not anchor the comment');
  await document.update({ state: updated.state });
  ctx.body = { ok: true };
});
export default router;`,
    filename: ROUTES_FILE,
    errors: [
      { messageId: 'queryInController', line: 5, column: 26, data: { query: "'Document.findByPk'", more: ' (and 1 more DB call in this function)' }, suggestions: [] },
    ],
  },
  // The same thin write in a file that imports the project's services goes around the layer the project has.
  {
    code: `import Campaign from '../models/Campaign';
import UpdateService from '../services/CampaignService/UpdateService';
export const update = async (req, res) => res.json(await UpdateService({ id: req.params.id, data: req.body }));
export const mediaUpload = async (req, res) => {
  const campaign = await Campaign.findByPk(req.params.id);
  campaign.mediaPath = req.file.filename;
  await campaign.save();
  return res.send({ ok: true });
};`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'queryInController', line: 5, column: 26, data: { query: "'Campaign.findByPk'", more: ' (and 1 more DB call in this function)' }, suggestions: [] },
    ],
  },
  // A sync handler handing back a write's promise, or a read's beside a query of its own: the injection stays reported.
  {
    code: `import { Controller, Delete, Get, Param } from '@nestjs/common';
import { RunHistoryRepository } from '../repositories/run-history.repository';
@Controller('run-history')
export class RunHistoryController {
  constructor(private readonly runHistoryRepository: RunHistoryRepository) {}
  @Delete(':taskId')
  remove(@Param('taskId') taskId: string) {
    return this.runHistoryRepository.deleteByTaskId(taskId);
  }
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'repositoryInjectionInController', line: 5, column: 15, data: { name: 'RunHistoryRepository' }, suggestions: [] },
    ],
  },
  // A read that writes too (getOrCreate…) handed back whole: the injection stays reported.
  {
    code: `import { Controller, Get, Query } from '@nestjs/common';
import { UserRepository } from '../repositories/user.repository';
@Controller('users')
export class UsersController {
  constructor(private readonly userRepository: UserRepository) {}
  @Get('me')
  me(@Query('email') email: string) {
    return this.userRepository.getOrCreateByEmail(email);
  }
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'repositoryInjectionInController', line: 5, column: 15, data: { name: 'UserRepository' }, suggestions: [] },
    ],
  },
  // A query the handler builds, handed back whole: the injection stays reported.
  {
    code: `import { Controller, Get, Query } from '@nestjs/common';
import { UserRepository } from '../repositories/user.repository';
@Controller('users')
export class UsersController {
  constructor(private readonly userRepository: UserRepository) {}
  @Get()
  list(@Query('active') active: string) {
    return this.userRepository.findUsers({ where: active === 'true' ? { active: true } : {}, orderBy: { createdAt: 'desc' } });
  }
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'repositoryInjectionInController', line: 5, column: 15, data: { name: 'UserRepository' }, suggestions: [] },
    ],
  },
  // A thin read beside a use that hands the repository itself to a helper: the injection stays reported.
  {
    code: `${PAGE_CONTROLLER_HEAD}  @Post('archive')
  async archive(@Body() dto: { pageId: string }) {
    const page = await this.pageRepo.findById(dto.pageId);
    if (!page) throw new NotFoundException('Page not found');
    return archivePageTree(this.pageRepo, page.id);
  }
}`,
    errors: [
      { messageId: 'repositoryInjectionInController', line: 7, column: 112, data: { name: 'PageRepo' }, suggestions: [] },
    ],
  },
  // A soft-delete marker that decides what happens, and rows handed to a business call, are decisions on what was read.
  {
    code: `router.post('/orders/:id/settle', async (req, res) => {
  const order = await ordersRepository.findById(req.params.id);
  if (order.deletedAt) await refunds.refund(order.id);
  res.status(204).end();
});
router.post('/orders/charge', async (req, res) => {
  const orders = await ordersRepository.findOpen(req.body.customerId);
  res.json(await Promise.all(orders.map((order) => billing.charge(order))));
});`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'repositoryCallInController', line: 2, column: 23, data: { query: "'ordersRepository.findById'", more: '' }, suggestions: [] },
      { messageId: 'repositoryCallInController', line: 7, column: 24, data: { query: "'ordersRepository.findOpen'", more: '' }, suggestions: [] },
    ],
  },
  // A handler that walks what it read (builds a role map from the rows) decides on it: both the call and the injection are reported.
  {
    code: `${PAGE_CONTROLLER_HEAD}  @Post('roles')
  async roles(@Body() dto: { pageIds: string[] }) {
    const rows = await this.pageRepo.findRoles(dto.pageIds);
    const roles = new Map();
    for (const row of rows) roles.set(row.pageId, row);
    return roles;
  }
}`,
    errors: [
      { messageId: 'repositoryInjectionInController', line: 7, column: 112, data: { name: 'PageRepo' }, suggestions: [] },
      { messageId: 'repositoryCallInController', line: 10, column: 24, data: { query: "'this.pageRepo.findRoles'", more: '' }, suggestions: [] },
    ],
  },
  // The repository imported through the project's tsconfig alias is the project's own: a handler deciding on a field of what it read is reported.
  {
    code: `import { Body, Controller, ConflictException, Post } from '@nestjs/common';
import { PageRepo } from '@acme/db/repos/page.repo';
@Controller('pages')
export class PagesController {
  constructor(private readonly pageRepo: PageRepo) {}
  @Post('publish')
  async publish(@Body() dto: { pageId: string }) {
    const page = await this.pageRepo.findById(dto.pageId);
    if (page.status === 'published') throw new ConflictException();
    return this.pageRepo.publish(page.id);
  }
}`,
    filename: ALIASED_CONTROLLER,
    mode: 'untyped',
    errors: [
      { messageId: 'repositoryInjectionInController', line: 5, column: 15, data: { name: 'PageRepo' }, suggestions: [] },
      { messageId: 'repositoryCallInController', line: 8, column: 24, data: { query: "'this.pageRepo.findById'", more: ' (and 1 more DB call in this function)' }, suggestions: [] },
    ],
  },
  // The same repository used by a production route as well.
  {
    code: `${TEST_TOKEN_CONTROLLER}  @Post('/:accountId/close')
  async close(@Param('accountId') accountId: string) {
    const account = await this.accounts.findById(accountId);
    if (account.status === 'closed') throw new ConflictException();
    return this.accounts.update(accountId, { status: 'closed' });
  }
}`,
    errors: [
      { messageId: 'repositoryInjectionInController', line: 6, column: 49, data: { name: 'AccountRepository' }, suggestions: [] },
      { messageId: 'repositoryCallInController', line: 15, column: 27, data: { query: "'this.accounts.findById' ('accounts': class member typed AccountRepository)", more: ' (and 1 more DB call in this function)' }, suggestions: [] },
    ],
  },
  // A field resolver that does more than load its parent's relation, or queries by something else, is controller code.
  {
    code: `${RESOLVER_HEAD}  @ResolveField()
  async invoice(@Parent() payment: { invoiceId: string }) {
    const invoice = await this.dataSource.getRepository(Invoice).findOne({ where: { id: payment.invoiceId } });
    return invoice?.status === 'void' ? null : invoice;
  }
  @ResolveField()
  async latestInvoices(@Parent() payment: { invoiceId: string }) {
    return this.dataSource.getRepository(Invoice).find({ order: { createdAt: 'DESC' }, take: 5 });
  }
}`,
    errors: [
      { messageId: 'dbInjectionInController', line: 6, column: 15, data: { name: 'DataSource' }, suggestions: [] },
      { messageId: 'queryInController', line: 9, column: 27, data: { query: "'this.dataSource.getRepository(…).findOne'", more: '' }, suggestions: [] },
      { messageId: 'queryInController', line: 14, column: 12, data: { query: "'this.dataSource.getRepository(…).find'", more: '' }, suggestions: [] },
    ],
  },
  // Rows mapped through a call, or a guard that answers with a value of its own, are more than the relation: controller code.
  {
    code: `${RESOLVER_HEAD}  @ResolveField()
  async invoiceTotals(@Parent() payment: { id: string }) {
    const rows = await this.dataSource.getRepository(Invoice).find({ where: { paymentId: payment.id } });
    return rows.map((row) => this.pricing.total(row));
  }
  @ResolveField()
  async invoices(@Parent() payment: { id: string; selfHosted: boolean }) {
    if (payment.selfHosted) return [];
    return this.dataSource.getRepository(Invoice).find({ where: { paymentId: payment.id } });
  }
}`,
    errors: [
      { messageId: 'dbInjectionInController', line: 6, column: 15, data: { name: 'DataSource' }, suggestions: [] },
      { messageId: 'queryInController', line: 9, column: 24, data: { query: "'this.dataSource.getRepository(…).find'", more: '' }, suggestions: [] },
      { messageId: 'queryInController', line: 15, column: 12, data: { query: "'this.dataSource.getRepository(…).find'", more: '' }, suggestions: [] },
    ],
  },
  // A resolver that does something with the row it loaded before returning it is controller code.
  {
    code: `${RESOLVER_HEAD}  @ResolveField()
  async invoice(@Parent() payment: { id: string; invoice?: Invoice }) {
    if (payment.invoice) return payment.invoice;
    const { invoice } = await this.dataSource.getRepository(Payment).findOneOrFail({ where: { id: payment.id }, relations: { invoice: true } });
    await this.dataSource.getRepository(Invoice).increment({ id: invoice.id }, 'views', 1);
    return invoice;
  }
}`,
    errors: [
      { messageId: 'dbInjectionInController', line: 6, column: 15, data: { name: 'DataSource' }, suggestions: [] },
      { messageId: 'queryInController', line: 10, column: 31, data: { query: "'this.dataSource.getRepository(…).findOneOrFail'", more: ' (and 1 more DB call in this function)' }, suggestions: [] },
    ],
  },
  // A handler's transaction callback and its Promise.all mapper are the handler's own work: one finding, with the count.
  {
    filename: ROUTES_FILE,
    code: `export async function updateAccount(req: Request, res: Response) {
  const account = await db.selectFrom('accounts').selectAll().where('id', '=', req.params.id).executeTakeFirst();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ name: req.body.name }).where('id', '=', account.id).execute();
    await Promise.all(req.body.tags.map((tag) => trx.insertInto('account_tags').values({ accountId: account.id, tag }).execute()));
  });
  res.json(account);
}`,
    errors: [
      { messageId: 'queryInController', line: 2, column: 25, data: { query: "'db.selectFrom(…).selectAll(…).where(…).executeTakeFirst'", more: ' (and 2 more DB calls in this function)' }, suggestions: [] },
    ],
  },
  // Two handlers, each registered with its own signature, inside one registration function: one finding each.
  {
    filename: ROUTES_FILE,
    code: `export function registerTagRoutes(app) {
  app.get('/tags', async (req, res) => {
    res.json(await db.selectFrom('tags').selectAll().execute());
  });
  app.delete('/tags/:id', async (req, res) => {
    await db.deleteFrom('tags').where('id', '=', req.params.id).execute();
    res.status(204).end();
  });
}`,
    errors: [
      { messageId: 'queryInController', line: 3, column: 20, data: { query: "'db.selectFrom(…).selectAll(…).execute'", more: '' }, suggestions: [] },
      { messageId: 'queryInController', line: 6, column: 11, data: { query: "'db.deleteFrom(…).where(…).execute'", more: '' }, suggestions: [] },
    ],
  },
  // A routes file that handles requests stays controller code.
  {
    filename: ROUTES_FILE,
    code: `export async function listTags(req: Request, res: Response) {
  res.json(await db.selectFrom('tags').selectAll().execute());
}`,
    errors: [{ messageId: 'queryInController', line: 2, column: 18, data: { query: "'db.selectFrom(…).selectAll(…).execute'", more: '' }, suggestions: [] }],
  },
  // The same context type, but the function answers through it (`ctx.body`): a Koa handler with a project alias of its context.
  {
    filename: ROUTES_FILE,
    code: `import type { AppContext } from '../context';
export async function purgeTags(ctx: AppContext) {
  await db.deleteFrom('tags').where('owner', '=', ctx.params.owner).execute();
  ctx.status = 204;
}`,
    errors: [{ messageId: 'queryInController', line: 3, column: 9, data: { query: "'db.deleteFrom(…).where(…).execute'", more: '' }, suggestions: [] }],
  },
  // An untyped Hono handler `(c)` exported from a routes/ file: it answers through `c.json`.
  {
    filename: ROUTES_FILE,
    code: `import Alert from '../models/alert';
export const listAlerts = async (c) => {
  const alerts = await Alert.find({ team: c.req.param('team') });
  return c.json(alerts);
};`,
    errors: [{ messageId: 'queryInController', line: 3, column: 24, data: { query: "'Alert.find' ('Alert': import from '../models/alert')", more: '' }, suggestions: [] }],
  },
  // An untyped Koa handler that answers through koa-respond's `ctx.ok`.
  {
    filename: ROUTES_FILE,
    code: `import Alert from '../models/alert';
export async function listOpenAlerts(ctx) {
  ctx.ok(await Alert.find({ open: true }));
}`,
    errors: [{ messageId: 'queryInController', line: 3, column: 16, data: { query: "'Alert.find' ('Alert': import from '../models/alert')", more: '' }, suggestions: [] }],
  },
  {
    filename: ROUTES_FILE,
    code: `import Alert from '../models/alert';
export async function removeAlert(ctx) {
  await Alert.deleteOne({ _id: ctx.session.alertId });
  ctx.noContent();
}`,
    errors: [{ messageId: 'queryInController', line: 3, column: 9, data: { query: "'Alert.deleteOne'", more: '' }, suggestions: [] }],
  },
  // Express inline handler with Prisma
  {
    code: `app.get('/users', async (req, res) => {
  const users = await prisma.user.findMany();
  res.json(users);
});`,
    errors: [
      { messageId: 'queryInController', line: 2, column: 23, data: {"query":"'prisma.user.findMany'","more":""}, suggestions: [] },
    ],
  },
  // handler defined elsewhere and passed by name
  {
    code: `async function listUsers(req, res) {
  const { rows } = await pool.query('SELECT id, name FROM users');
  res.json(rows);
}
router.get('/users', listUsers);`,
    errors: [
      { messageId: 'queryInController', line: 2, column: 26, data: {"query":"'pool.query'","more":""}, suggestions: [] },
    ],
  },
  // arrow handler in a const passed by name
  {
    code: `const getUser = async (req, res) => {
  res.json(await knex('users').where({ id: req.params.id }).first());
};
router.get('/users/:id', requireAuth, getUser);`,
    errors: [
      { messageId: 'queryInController', line: 2, column: 18, data: {"query":"'knex('users').where(…).first'","more":""}, suggestions: [] },
    ],
  },
  // handler wrapped in asyncHandler
  {
    code: `router.post('/orders', asyncHandler(async (req, res) => {
  const order = await prisma.order.create({ data: req.body });
  res.status(201).json(order);
}));`,
    errors: [
      { messageId: 'queryInController', line: 2, column: 23, data: {"query":"'prisma.order.create'","more":""}, suggestions: [] },
    ],
  },
  // Fastify full route declaration
  {
    code: `fastify.route({
  method: 'GET',
  url: '/items',
  handler: async () => db.select().from(items),
});`,
    errors: [
      { messageId: 'queryInController', line: 4, column: 24, data: {"query":"'db.select(…).from'","more":""}, suggestions: [] },
    ],
  },
  // Koa router handler with Mongoose
  {
    code: `const router = new Router();
router.get('/cats', async (ctx) => {
  ctx.body = await Cat.find({ owner: ctx.state.user.id });
});
import { Cat } from './cat.model';`,
    errors: [
      { messageId: 'queryInController', line: 3, column: 20, data: {"query":"'Cat.find' ('Cat': import from './cat.model')","more":""}, suggestions: [] },
    ],
  },
  // Hono handler with Drizzle
  {
    code: `const app = new Hono();
app.get('/books', async (c) => c.json(await db.select().from(books)));`,
    errors: [
      { messageId: 'queryInController', line: 2, column: 45, data: {"query":"'db.select(…).from'","more":""}, suggestions: [] },
    ],
  },
  // NestJS controller with InjectRepository and a TypeORM call
  {
    code: `@Controller('users')
export class UsersController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
  @Get()
  findAll() {
    return this.users.find();
  }
}`,
    errors: [
      { messageId: 'dbInjectionInController', line: 3, column: 15, data: {"name":"@InjectRepository"}, suggestions: [] },
      // The receiver is not named a repository; its injection shows it is one.
      { messageId: 'repositoryCallInController', line: 6, column: 12, data: {"query":"'this.users.find' ('users': @InjectRepository)","more":""}, suggestions: [] },
    ],
  },
  // NestJS controller injecting PrismaService
  {
    code: `@Controller('posts')
export class PostsController {
  constructor(private readonly prisma: PrismaService) {}
  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.prisma.post.findUnique({ where: { id } });
  }
}`,
    errors: [
      { messageId: 'dbInjectionInController', line: 3, column: 15, data: {"name":"PrismaService"}, suggestions: [] },
      { messageId: 'queryInController', line: 6, column: 12, data: {"query":"'this.prisma.post.findUnique'","more":""}, suggestions: [] },
    ],
  },
  // NestJS controller with InjectModel (Mongoose)
  {
    code: `@Controller('cats')
export class CatsController {
  constructor(@InjectModel(Cat.name) private catModel: Model<Cat>) {}
  @Get()
  list() {
    return this.catModel.find().exec();
  }
}`,
    errors: [
      { messageId: 'dbInjectionInController', line: 3, column: 15, data: {"name":"@InjectModel"}, suggestions: [] },
      { messageId: 'queryInController', line: 6, column: 12, data: {"query":"'this.catModel.find'","more":""}, suggestions: [] },
    ],
  },
  // constructor parameter typed PrismaClient in a controller class (type-only import is fine), handed to a report builder
  {
    code: `import type { PrismaClient } from '@prisma/client';
export class ReportController {
  constructor(private readonly prisma: PrismaClient) {}
  summary = async (req, res) => {
    res.json(await buildSalesReport(this.prisma, req.query.day));
  };
}`,
    errors: [
      { messageId: 'dbInjectionInController', line: 3, column: 15, data: {"name":"PrismaClient"}, suggestions: [] },
    ],
  },
  // A protected or public injection may be read by subclasses in other files; a private one reached through `this` whole is used: reported.
  {
    code: `export abstract class AbstractController {
  @Inject()
  protected userRepository: UserRepository;
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'repositoryInjectionInController', line: 2, column: 3, data: { name: 'UserRepository' }, suggestions: [] },
    ],
  },
  {
    code: `import { PrismaClient } from '@prisma/client';
export class BaseController {
  constructor(public readonly prisma: PrismaClient) {}
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'dbInjectionInController', line: 3, column: 15, data: { name: 'PrismaClient' }, suggestions: [] },
    ],
  },
  {
    code: `import type { PrismaClient } from '@prisma/client';
export class ReportController {
  constructor(private readonly prisma: PrismaClient) {}
  summary = async (req, res) => {
    const { prisma } = this;
    res.json(await buildSalesReport(prisma, req.query.day));
  };
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'dbInjectionInController', line: 3, column: 15, data: { name: 'PrismaClient' }, suggestions: [] },
    ],
  },
  // A member set by \`??=\` (or in an expression) is read too: the injection stays reported.
  {
    code: `@Controller('users')
export class UsersController {
  @InjectRepository(User) private repo?: Repository<User>;
  private get users() {
    return (this.repo ??= dataSource.getRepository(User));
  }
  @Get()
  list() {
    return this.users.count();
  }
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'dbInjectionInController', line: 3, column: 3, data: { name: '@InjectRepository' }, suggestions: [] },
    ],
  },
  // A parameter the constructor hands on under another name is used: the injection stays reported.
  {
    code: `import type { PrismaClient } from '@prisma/client';
export class ReportController {
  private readonly reports: SalesReports;
  constructor(prisma: PrismaClient) {
    this.reports = new SalesReports(prisma);
  }
}`,
    errors: [
      { messageId: 'dbInjectionInController', line: 4, column: 15, data: {"name":"PrismaClient"}, suggestions: [] },
    ],
  },
  // raw SQL through Prisma tagged template in a controller class
  {
    code: `export class ReportController {
  summary = async (req, res) => {
    res.json(await this.prisma.$queryRaw\`SELECT day, total FROM daily_sales\`);
  };
}`,
    errors: [
      { messageId: 'queryInController', line: 3, column: 20, data: {"query":"'this.prisma.$queryRaw'","more":""}, suggestions: [] },
    ],
  },
  // SQL text in a controller file outside a query call
  {
    code: `const LIST_USERS = 'SELECT id, email FROM users ORDER BY id';
export async function list(req, res) {
  res.json(await runner(LIST_USERS));
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'sqlInController', line: 1, column: 20, data: {"statement":"SELECT","more":""}, suggestions: [] },
    ],
  },
  // Two SQL texts in one handler: one finding, with the count
  {
    code: `export async function stats(req, res) {
  const totals = await warehouse.run(\`SELECT region, count(*) FROM orders GROUP BY region\`);
  const recent = await warehouse.run(\`SELECT count(*) FROM orders WHERE placed_at > now() - interval '1 day'\`);
  res.json({ totals, recent });
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'sqlInController', line: 2, column: 38, data: {"statement":"SELECT","more":" (and 1 more DB call in this function)"}, suggestions: [] },
    ],
  },
  // SQL text a const of the handler holds and the driver call that runs it are one query: counted once
  {
    code: `import { pool } from '../db/pool';
export async function holidayTypes(req, res) {
  const q = \`SELECT id, name FROM holiday_types ORDER BY name\`;
  const result = await pool.query(q);
  res.json(result.rows);
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'sqlInController', line: 3, column: 13, data: {"statement":"SELECT","more":""}, suggestions: [] },
    ],
  },
  // ...while a second query of the same handler is still counted
  {
    code: `import { pool } from '../db/pool';
export async function holidays(req, res) {
  const q = \`SELECT id, name FROM holidays WHERE org_id = $1\`;
  const result = await pool.query(q, [req.user.orgId]);
  await pool.query('UPDATE users SET seen_holidays = now() WHERE id = $1', [req.user.id]);
  res.json(result.rows);
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'sqlInController', line: 3, column: 13, data: {"statement":"SELECT","more":" (and 1 more DB call in this function)"}, suggestions: [] },
    ],
  },
  // ...and the same text run twice is two queries
  {
    code: `import { pool } from '../db/pool';
export async function holidayPair(req, res) {
  const q = \`SELECT id, name FROM holidays WHERE year = $1\`;
  const [a, b] = [await pool.query(q, [2025]), await pool.query(q, [2026])];
  res.json([...a.rows, ...b.rows]);
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'sqlInController', line: 3, column: 13, data: {"statement":"SELECT","more":" (and 1 more DB call in this function)"}, suggestions: [] },
    ],
  },
  // Drizzle sql tagged template is still SQL text
  {
    code: `export const byEmail = (email: string) => sql\`SELECT * FROM users WHERE email = \${email}\`;`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'sqlInController', line: 1, column: 46, data: {"statement":"SELECT","more":""}, suggestions: [] },
    ],
  },
  // value import of pg used in a controller file
  {
    code: `import { Pool } from 'pg';
export const pool = new Pool();`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'dbImportInController', line: 1, column: 1, data: {"module":"pg"}, suggestions: [] },
    ],
  },
  // The driver's client class, renamed on import, constructed in a controller file.
  {
    code: `import { ObjectId, MongoClient as Mongo } from 'mongodb';
export const client = new Mongo(process.env.MONGO_URL);
export const toId = (id: string) => new ObjectId(id);`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'dbImportInController', line: 1, column: 1, data: { module: 'mongodb' }, suggestions: [] },
    ],
  },
  // The default export of a DB package, constructed under any local name, is its client.
  {
    code: `import Sqlite from 'better-sqlite3';
export const notesDb = new Sqlite('notes.db');`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'dbImportInController', line: 1, column: 1, data: { module: 'better-sqlite3' }, suggestions: [] },
    ],
  },
  // A client factory imported by name and called in a route handler.
  {
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Hono } from 'hono';
export const monitorsRoute = new Hono();
monitorsRoute.get('/active', async (c) => { const db = drizzle(process.env.DATABASE_URL); return c.json({ ok: Boolean(db) }); });`,
    errors: [
      { messageId: 'dbImportInController', line: 1, column: 1, data: { module: 'drizzle-orm/node-postgres' }, suggestions: [] },
    ],
  },
  // value import of knex used in a route handler
  {
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
router.get('/users', async (req, res) => {
  res.json(await db('users').select('id'));
});`,
    errors: [
      { messageId: 'queryInController', line: 4, column: 18, data: {"query":"'db('users').select'","more":""}, suggestions: [] },
    ],
  },
  // A read-modify-write: the balance rule is computed in the handler.
  {
    code: `router.post('/accounts/:id/withdraw', async (req, res) => {
  const account = await accountsRepository.findById(req.params.id);
  res.json(await accountsRepository.updateBalance(req.params.id, account.balance - req.body.amount));
});`,
    errors: [{ messageId: 'repositoryCallInController', line: 2, column: 25, data: {"query":"'accountsRepository.findById'","more":" (and 1 more DB call in this function)"}, suggestions: [] }],
  },
  // A switch on a field of what was read decides the write.
  {
    code: `router.post('/orders/:id/approve', async (req, res) => {
  const order = await ordersRepository.findById(req.params.id);
  switch (order.status) { case 'pending': return res.json(await ordersRepository.markApproved(req.params.id)); }
  res.status(409).end();
});`,
    errors: [{ messageId: 'repositoryCallInController', line: 2, column: 23, data: {"query":"'ordersRepository.findById'","more":" (and 1 more DB call in this function)"}, suggestions: [] }],
  },
  // Read only, but the handler computes over the rows: business logic in the controller.
  {
    code: `router.get('/accounts/:id/total', async (req, res) => {
  const orders = await ordersRepository.findByAccount(req.params.id);
  let total = 0;
  for (const o of orders) total += o.status === 'paid' ? o.amount : 0;
  res.json({ total, count: orders.length });
});`,
    errors: [{ messageId: 'repositoryCallInController', line: 2, column: 24, data: {"query":"'ordersRepository.findByAccount'","more":""}, suggestions: [] }],
  },
  // Repository writes from a route handler: the rules of the flow (two writes) sit in the controller.
  {
    code: `router.post('/invitations/:id/accept', async (req, res) => {
  await membersRepository.addMember(req.user.id, req.params.id);
  res.json(await invitationsRepository.update(req.params.id, { status: 'accepted' }));
});`,
    errors: [
      { messageId: 'repositoryCallInController', line: 2, column: 9, data: {"query":"'membersRepository.addMember'","more":" (and 1 more DB call in this function)"}, suggestions: [] },
    ],
  },
  // repository injected into a NestJS controller and handed to a helper
  {
    code: `@Controller('users')
export class UsersController {
  constructor(private readonly userRepository: UserRepository) {}
  @Get('export')
  exportAll() {
    return streamCsv(this.userRepository);
  }
}`,
    errors: [
      { messageId: 'repositoryInjectionInController', line: 3, column: 15, data: {"name":"UserRepository"}, suggestions: [] },
    ],
  },
  // TypeORM query builder in a controller
  {
    code: `export class OrdersController {
  async list(req, res) {
    res.json(await this.dataSource.getRepository(Order).createQueryBuilder('o').where('o.userId = :id', { id: req.user.id }).getMany());
  }
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'queryInController', line: 3, column: 20, data: {"query":"'this.dataSource.getRepository(…).createQueryBuilder(…).where(…).getMany'","more":""}, suggestions: [] },
    ],
  },
  // Sequelize model in an Express router file
  {
    code: `router.delete('/users/:id', async (req, res) => {
  await User.destroy({ where: { id: req.params.id } });
  res.sendStatus(204);
});
import { User } from '../models/user';`,
    errors: [
      { messageId: 'queryInController', line: 2, column: 9, data: {"query":"'User.destroy' ('User': import from '../models/user')","more":""}, suggestions: [] },
    ],
  },
  // mysql2 execute in a controller file
  {
    code: `export async function show(req, res) {
  const [rows] = await connection.execute('SELECT * FROM products WHERE id = ?', [req.params.id]);
  res.json(rows[0]);
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'queryInController', line: 2, column: 24, data: {"query":"'connection.execute'","more":""}, suggestions: [] },
    ],
  },
  // Kysely in a controller file
  {
    code: `export async function list(req, res) {
  res.json(await db.selectFrom('person').selectAll().execute());
}`,
    filename: CONTROLLER,
    errors: [
      { messageId: 'queryInController', line: 2, column: 18, data: {"query":"'db.selectFrom(…).selectAll(…).execute'","more":""}, suggestions: [] },
    ],
  },
  // Prisma $transaction in a controller: opening it reads nothing; the query given to it is the handler's DB access.
  {
    code: `export async function transfer(req, res) {
  await prisma.$transaction([prisma.account.update({ where: { id: 1 }, data: { balance: 0 } }), prisma.audit.create({ data: { kind: 'reset' } })]);
  res.sendStatus(204);
}`,
    filename: CONTROLLER,
    errors: [
      // One finding per function, with the count of the others.
      { messageId: 'queryInController', line: 2, column: 30, data: {"query":"'prisma.account.update'","more":" (and 1 more DB call in this function)"}, suggestions: [] },
    ],
  },
  // decorated field injection of a DataSource
  {
    code: `@Controller()
export class HealthController {
  @InjectDataSource() private readonly dataSource!: DataSource;
  @Get('health')
  health() {
    return { db: this.dataSource.isInitialized };
  }
}`,
    errors: [
      { messageId: 'dbInjectionInController', line: 3, column: 3, data: {"name":"@InjectDataSource"}, suggestions: [] },
    ],
  },
  // better-sqlite3 prepare in a handler
  {
    code: `app.get('/notes', (req, res) => {
  res.json(db.prepare('SELECT * FROM notes').all());
});`,
    errors: [
      { messageId: 'queryInController', line: 2, column: 12, data: {"query":"'db.prepare(…).all'","more":""}, suggestions: [] },
    ],
  },
  // MikroORM entity manager in a controller class
  {
    code: `@Controller('books')
export class BooksController {
  constructor(private readonly em: EntityManager) {}
  @Post()
  async create(@Body() body: CreateBookDto) {
    await this.em.persistAndFlush(new Book(body));
  }
}`,
    errors: [
      { messageId: 'dbInjectionInController', line: 3, column: 15, data: {"name":"EntityManager"}, suggestions: [] },
      { messageId: 'queryInController', line: 6, column: 11, data: {"query":"'this.em.persistAndFlush'","more":""}, suggestions: [] },
    ],
  },
  // Express router.route chain with inline handler
  {
    code: `router.route('/tags').get(async (req, res) => {
  res.json(await knex.select('name').from('tags'));
});`,
    errors: [
      { messageId: 'queryInController', line: 2, column: 18, data: {"query":"'knex.select(…).from'","more":""}, suggestions: [] },
    ],
  },
];

runRuleTests('no-db-access-in-controller', rule, { valid, invalid });
