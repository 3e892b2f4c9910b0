import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import rule, { type MessageId, type Options } from '../../rules/no-untyped-throw.js';
import { TYPED_PROJECT, runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

type Case = Invalid<MessageId, Options>;
type Error = Case['errors'][number];

const ERRORS = `
class AppError extends Error {}
class NotFoundError extends AppError {}
class ConflictError extends AppError {}
`;
const HIERARCHY_ADVICE = "e.g. 'NotFoundError', 'ConflictError', 'AppError'";
const NO_CLASS_ADVICE = 'a subclass of Error';

function thrown(what: string, line: number, column: number, advice = NO_CLASS_ADVICE, suggestions: Error['suggestions'] = []): Error {
  return { messageId: 'untypedThrow', data: { what, advice }, line, column, suggestions };
}

function rejected(what: string, line: number, column: number, advice = NO_CLASS_ADVICE): Error {
  return { messageId: 'untypedReject', data: { what, advice }, line, column, suggestions: [] };
}

function oneSuggestion(code: string, from: string, name: string): Error['suggestions'] {
  return [{ messageId: 'useDomainError' as const, data: { name }, output: code.replace(from, `new ${name}(`) }];
}

function hierarchySuggestions(code: string, from: string, to: (name: string) => string): Error['suggestions'] {
  return ['NotFoundError', 'ConflictError', 'AppError'].map((name) => ({ messageId: 'useDomainError' as const, data: { name }, output: code.replace(from, to(name)) }));
}

const TYPE_GRAPHQL_RESOLVER = `import { Arg, Mutation, Resolver } from 'type-graphql';
import { Donation } from '../entities/donation';
import { donations } from '../services/donations';
@Resolver(() => Donation)
export class DonationResolver {
  @Mutation(() => Donation)
  async cancelDonation(@Arg('id') id: number) {
    const donation = await donations.byId(id);
    if (!donation) throw new Error('Donation not found');
    return donations.cancel(donation);
  }
}`;

/** A resolver map whose mutation refuses an unknown id with a bare Error (line 6 once an import line precedes it). */
const RESOLVER_MAP = `export const resolvers = {
  Mutation: {
    async cancelDonation(_parent, { id }) {
      const donation = await donations.byId(id);
      if (!donation) throw new Error('Donation not found');
      return donations.cancel(donation);
    },
  },
};
`;

const valid: Valid<Options>[] = [
  // A GraphQL resolver (not NestJS) in a file with no error type at hand: the message reaches the client
  // in \`errors\` whatever the class, no status to get wrong; bare errors are the API's convention.
  { code: TYPE_GRAPHQL_RESOLVER, options: [{ bareErrors: 'request-handlers' }] },
  {
    code: `import { ApolloServer } from '@apollo/server';\n${RESOLVER_MAP}export const server = new ApolloServer({ typeDefs, resolvers });`,
    options: [{ bareErrors: 'request-handlers' }],
    filename: path.join(TYPED_PROJECT, 'layers', 'users.controller.ts'),
  },
  // A Joi custom validator (here through celebrate's re-export): Joi turns the throw into a validation error, answered as a 400.
  {
    code: `import { celebrate, Joi, Segments } from 'celebrate';
const emailList = Joi.string().custom((value: string) => {
  let parsed;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error('cc must be a valid stringified array');
  }
  if (!Array.isArray(parsed)) throw new Error('cc must be an array');
  return parsed;
});
router.post('/send', celebrate({ [Segments.BODY]: Joi.object({ cc: emailList }) }), async (req, res) => {
  res.json(await mails.send(req.body));
});`,
    filename: path.join(TYPED_PROJECT, 'layers', 'users.controller.ts'),
    options: [{ bareErrors: 'request-handlers' }],
  },
  // An express-validator custom validator, also from a callback inside it: the library answers the throw as a validation error.
  {
    code: `import { body } from 'express-validator';
export const rules = [
  body('scopes').isArray().custom((scopes: string[]) => {
    scopes.forEach((scope) => {
      if (!isValidScope(scope)) throw new Error(\`Invalid scope: \${scope}\`);
    });
    return true;
  }),
];
router.post('/tokens', rules, async (req, res) => {
  res.json(await tokens.create(req.body));
});`,
    filename: path.join(TYPED_PROJECT, 'layers', 'users.controller.ts'),
    options: [{ bareErrors: 'request-handlers' }],
  },
  // A tus-node-server hook's reply: the library answers `{ status_code, body }` itself.
  `import { Server } from '@tus/server';
export const tus = new Server({
  path: '/files',
  async onUploadCreate(req, upload) {
    if (!upload.metadata?.filename) throw { status_code: 400, body: 'filename metadata is required' };
    return {};
  },
});`,
  // The project's error class, implemented by throwing its reply from its constructor: callers throw the class.
  `import { HttpStatus } from '../http-status';
export class BadRequestException {
  constructor(...details: unknown[]) {
    throw { status: HttpStatus.BAD_REQUEST, error: 'Bad Request', message: details.length > 0 ? details : undefined };
  }
}`,
  // An application error code its callers narrow on (isErrorWithCode(e) → e.errorCode).
  `export async function createUser(input: NewUser) {
  if (!USERNAME.test(input.username)) return Promise.reject({ errorCode: SignupErrorCode.InvalidUsername });
  return users.insert(input);
}`,
  // bareErrors: 'request-handlers' (the presets): a service's bare Error is left to its callers, which one file cannot see.
  {
    code: `export class InvoiceService {
  async byId(id: string) {
    const invoice = await this.invoices.findOneBy({ id });
    if (!invoice) throw new Error('Invoice not found');
    return invoice;
  }
}`,
    options: [{ bareErrors: 'request-handlers' }],
  },
  // A page's data hook rejects with a string: the page handles it, no HTTP error handler sees it.
  `import { useQuery } from '@tanstack/react-query';
export const useServerVersion = () =>
  useQuery({ queryKey: ['version'], queryFn: () => fetch('/api/version').then((res) => (res.ok ? res.json() : Promise.reject('version check failed'))) });`,
  // A message that asks the developer about the wiring is a programmer error.
  `import { Strategy } from 'passport-custom';
import { NotFoundError } from './errors';
export const ticketStrategy = new Strategy((req, done) => {
  if (!done) throw new TypeError('Missing callback in verify; did you enable passReqToCallback in the strategy?');
  return done(null, req.ticket);
});`,
  // The fallback of a dispatch written with ifs over a value the class holds or a private method
  // received: the default of that dispatch, as after a switch.
  `export class HealthService {
  async checkStore() {
    if (this.driver === StoreDriver.Postgres) {
      return this.pingPostgres();
    }
    if (this.driver === StoreDriver.Sqlite) {
      return this.pingSqlite();
    }
    throw new Error('Store driver not supported');
  }
}`,
  // A dispatch over a field of a record the function loaded by the caller's id: the stored value is the server's own.
  `export class ExportService {
  async export(reportId: string) {
    const report = await getReportById(reportId);
    if (report.kind === ReportKind.Experiment) {
      return this.exportExperiment(report);
    } else if (report.kind === ReportKind.Funnel) {
      return this.exportFunnel(report);
    } else {
      throw new Error('Unsupported report kind');
    }
  }
}`,
  // A private method the class calls with its own values only.
  `export class FreightService {
  async nightlyRates() {
    return [this.rateFor(this.defaultCarrier, 1)];
  }
  private rateFor(carrier: string, weight: number) {
    if (carrier === 'dhl') return weight * 2;
    if (carrier === 'ups') return weight * 3;
    throw new Error('Unsupported carrier');
  }
}`,
  `export class ShelfService {
  private relabel(shelf: PaperShelf | MetalShelf) {
    if (shelf.kind === 'paper') return this.relabelPaper(shelf);
    else if (shelf.kind === 'metal') return this.relabelMetal(shelf);
    else throw new Error('Invalid shelf kind');
  }
}`,
  // A module flag that the module's shutdown function sets: a use after shutdown is the process's lifecycle mistake.
  `import { NotFoundError } from './errors';
let POOL_CLOSED = false;
let pool: Pool | undefined;
export function getPool() {
  if (POOL_CLOSED) throw new Error('Pool already closed');
  return (pool ??= new Pool());
}
export async function closePool() {
  POOL_CLOSED = true;
  await pool?.end();
}`,
  // The same flag declared for the whole process in `declare global`.
  `import { NotFoundError } from './errors';
declare global {
  var POOL_CLOSED: boolean;
}
if (typeof globalThis.POOL_CLOSED === 'undefined') globalThis.POOL_CLOSED = false;
export function getPool() {
  if (POOL_CLOSED) throw new Error('Pool already closed');
  return pool;
}
export async function closePool() {
  POOL_CLOSED = true;
  await pool?.end();
}`,
  // The row an insert has just returned: an insert that did not fail returns it, so its absence is the server's inconsistency.
  `export class InvoiceService {
  async issue(input: InvoiceInput) {
    const [invoice] = await this.db.insert(invoices).values({ ...input, status: 'draft' }).returning();
    if (!invoice) throw new Error('Invoice not found after insert');
    return invoice;
  }
}`,
  // An update of the row the function has just found, read from what the runner it was handed to returned.
  `export class PlaylistService {
  async rename(workspaceId: string, playlistId: string, title: string) {
    return this.db.transaction(async (tx) => {
      const playlist = await tx.query.playlists.findFirst({ where: and(eq(playlists.id, playlistId), eq(playlists.workspaceId, workspaceId)) });
      if (!playlist) return err({ type: 'NotFound' });
      const result = await runQuery(tx.update(playlists).set({ title }).where(eq(playlists.id, playlist.id)).returning());
      const renamed = result.value[0];
      if (!renamed) throw new Error('Playlist not found');
      return ok(renamed);
    });
  }
}`,
  // An update keyed by the values a lookup used whose absence the function has already refused.
  `export async function publishNewsletter({ newsletterId, workspaceId }: { newsletterId: string; workspaceId: string }) {
  const newsletter = await db.query.newsletters.findFirst({ where: and(eq(newsletters.id, newsletterId), eq(newsletters.workspaceId, workspaceId)) });
  if (!newsletter) throw new NewsletterNotFoundError(newsletterId);
  const [published] = await db.update(newsletters).set({ status: 'published' }).where(and(eq(newsletters.id, newsletterId), eq(newsletters.workspaceId, workspaceId))).returning();
  if (!published) throw new Error('Newsletter not found');
  return published;
}`,
  // Create or update: the update runs where the lookup by the same conditions found the row.
  `export class LabelService {
  async save(input: LabelInput) {
    const conditions = [eq(labels.projectId, input.projectId), eq(labels.name, input.name)];
    const existing = await this.db.query.labels.findFirst({ where: and(...conditions) });
    if (!existing) {
      const [created] = await this.db.insert(labels).values(input).returning();
      if (!created) throw new Error('Label not found after insert');
      return created;
    } else {
      const [updated] = await this.db.update(labels).set({ color: input.color }).where(and(...conditions)).returning();
      if (!updated) throw new Error('Label not found after update');
      return updated;
    }
  }
}`,
  // The row found by either of two lookups, mapped, and updated in the branch where it is present.
  `export class CampaignService {
  async save(input: CampaignInput) {
    let model: CampaignRow | undefined;
    if (input.id) model = await this.db.query.campaigns.findFirst({ where: eq(campaigns.id, input.id) });
    else model = await this.db.query.campaigns.findFirst({ where: eq(campaigns.name, input.name) });
    const existing = model ? toCampaign(model) : undefined;
    if (existing) {
      const [saved] = await this.db.update(campaigns).set({ name: input.name }).where(eq(campaigns.id, existing.id)).returning();
      if (!saved) throw new Error('Campaign not found');
      return saved;
    }
    return this.create(input);
  }
}`,
  // A lookup keyed by ids the function listed from its own rows: the client named none of them, so a
  // miss or an unexpected count is the server's inconsistency.
  `export class MemberService {
  async badgeOf(handle: string) {
    const members = await this.prisma.member.findMany({ where: { handle } });
    const ids = members.map((member) => member.id);
    if (ids.length === 0) return null;
    const badges = await this.prisma.badge.findMany({ where: { memberId: ids[0] } });
    if (badges.length !== 1) throw new Error('Invalid number of badges found');
    return badges[0];
  }
}`,
  `export class BoardService {
  async list(workspaceId: string) {
    const boards = await this.prisma.board.findMany({ where: { workspaceId } });
    const columnIds = await this.columns.firstColumnIds(boards.map((board) => board.id));
    return boards.map((board, i) => {
      const columnId = columnIds[i];
      if (!columnId) throw new Error('First column not found');
      return { ...board, columnId };
    });
  }
}`,
  // A record looked up by a key the deployment configured: its absence is a misconfiguration.
  `import { env } from '../utils/env';
export class UserService {
  async register(email: string) {
    const workspace = await this.prisma.workspace.findUnique({ where: { id: env.autoJoinWorkspaceId } });
    if (!workspace) throw new Error('Auto-join workspace not found');
    return this.prisma.user.create({ data: { email, workspaceId: workspace.id } });
  }
}`,
  `export class TeamService {
  async defaultTeam() {
    const team = await this.teams.findById(this.configService.get('DEFAULT_TEAM_ID'));
    if (!team) throw new Error('Default team not found');
    return team;
  }
}`,
  // A search of rows for the item that an earlier read loaded by those rows' keys finds it.
  `export class ShelfService {
  async get(id: string) {
    const links = await this.prisma.shelfBook.findMany({ where: { shelfId: id } });
    const books = links.length ? await this.prisma.book.findMany({ where: { id: { in: links.map((link) => link.bookId) } } }) : [];
    return books.map((book) => {
      const link = links.find((candidate) => candidate.bookId === book.id);
      if (!link) throw new Error(\`Link not found for book \${book.id}\`);
      return { ...book, position: link.position };
    });
  }
}`,
  // Thrown in a synchronous array callback inside a try whose catch throws a typed error: the catch decides.
  `router.get('/transactions', async (req, res) => {
  const addresses = [req.query.sender, req.query.recipient];
  try {
    addresses.forEach((address) => {
      if (address && !isValidPrincipal(address)) throw new Error(\`invalid address \${address}\`);
    });
  } catch (error) {
    throw new InvalidRequestError(String(error), 'invalid_param');
  }
  res.json(await transactions.list(addresses));
});`,
  // ...also over a list of the request body.
  `router.post('/rows', async (req, res) => {
  try {
    req.body.rows.forEach((row) => {
      if (!row.sku) throw new Error('invalid row');
    });
  } catch (error) {
    return res.status(400).json({ error: 'invalid' });
  }
  res.status(204).end();
});`,
  // Thrown in an awaited transaction's callback inside such a try.
  `export class ImportController {
  async import(file: Buffer) {
    try {
      return await this.dataSource.transaction(async (em) => {
        const rows = parseRows(file);
        if (rows.length === 0) throw new Error('nothing to import');
        return em.save(Row, rows);
      });
    } catch (error) {
      throw new BadRequestException('The file could not be imported');
    }
  }
}`,
  // Thrown in a callback whose promise's own .catch answers the request itself.
  `fastify.get('/names/:name', async (req, reply) => {
  await fastify.db
    .sqlTransaction(async () => {
      const found = await fastify.db.getName(req.params.name);
      if (!found) throw new Error('cannot find name');
      await reply.send(found);
    })
    .catch(async () => {
      await reply.status(404).send({ error: 'cannot find name' });
    });
});`,
  // A catch that dispatches over the try's own error classes and answers the rest itself.
  `fastify.get('/names/:name', async (req, reply) => {
  try {
    const found = await fastify.db.getName(req.params.name);
    if (found.redirect) throw new NameRedirectError(found.redirect);
    if (!found.result) throw { error: \`cannot find name \${req.params.name}\` };
    await reply.send(found.result);
  } catch (error) {
    if (error instanceof NameRedirectError) await reply.redirect(error.message);
    else await reply.status(404).send(error);
  }
});`,
  // A guard in a catch that has passed on every failure but the one it recovers from: the recovery
  // cannot go on after the server's own write failed.
  `export class CartService {
  async merge(session: Session, guest?: Cart) {
    const { cart, cartToDelete } = this.merger.merge(session, guest);
    try {
      await this.carts.delete(cartToDelete.id);
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
      if (!cart) throw new Error('Cannot merge carts: active cart not found');
      await this.carts.archive(cartToDelete.id);
    }
  }
}`,
  // The same recovery under a guard outside the catch (only the guards inside the recovery are judged).
  `export class CartService {
  async merge(session: Session, guest?: Cart) {
    let { cart, cartToDelete } = this.merger.merge(session, guest);
    if (cartToDelete) {
      try {
        await this.carts.delete(cartToDelete.id);
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error;
        if (!cart) throw new Error('Cannot merge carts: active cart not found');
        await this.carts.archive(cartToDelete.id);
      }
    }
    return cart;
  }
}`,
  // A guard on a parameter's entry in a module table typed over the parameter's own type: the types
  // promise the entry, so only a caller that went around them reaches the throw.
  `type Plan = 'free' | 'team';
const SEATS_BY_PLAN: Record<Plan, number> = { free: 1, team: 10 };
export class SubscriptionService {
  seatsFor(plan: Plan) {
    if (!plan || !SEATS_BY_PLAN[plan]) throw new Error('Invalid plan');
    return SEATS_BY_PLAN[plan];
  }
}`,
  `type InvoiceKind = 'credit' | 'debit';
const TEMPLATES: { [kind in InvoiceKind]: string } = { credit: 'c.html', debit: 'd.html' };
export class InvoiceService { template(kind: InvoiceKind) { if (!TEMPLATES[kind]) throw new Error('Unsupported invoice kind'); return TEMPLATES[kind]; } }`,
  // A bare Error with a client-sounding message in a module that shows no response path (no service or
  // controller code, no error types of the project): a helper, an engine or a model hook whose errors may
  // only ever be a 500. Typed mode decides nothing more here: its callers are in other files.
  `export function runStep(step) { if (!handlers[step.action]) throw new Error('Handler not found for action'); }`,
  `export class WorkflowRegistry { get(id) { const found = this.entries.get(id); if (!found) throw new Error('Workflow not found'); return found; } }`,
  `import { Model } from 'sequelize';\nexport class Invitation extends Model { static assertRole(role) { if (!ROLES.includes(role)) throw new Error('Invalid role'); } }`,
  // An error received by an error handler and passed on (typed: its type is the driver's `any`).
  `export function run(stream: Stream) {
  return new Promise((resolve, reject) => {
    const connectionErrorHandler = (err: any) => {
      setTimeout(() => reject(err));
    };
    stream.on('error', connectionErrorHandler);
  });
}`,
  // A bare Error about the server's own state ends in a 500 whatever its type.
  `export async function capture(payment: Payment) {
  const result = await gateway.capture(payment.id);
  if (!result.captureId) throw new Error('Gateway returned no capture id');
}`,
  `export async function load(id: string) { const row = await repo.get(id); if (row.version < 2) throw new Error(describe(row)); }`,
  // Where the premise does not hold: the error never reaches a request's error handler.
  // Start-up and configuration guards.
  `export function getDatabaseConfig() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Missing DATABASE_URL');
  return { url };
}`,
  `if (!process.env.JWT_SECRET) throw new Error('JWT secret is not set');`,
  `export class PrismaService {
  async onModuleInit() {
    if (!(await this.ping())) throw new Error('Database unreachable at start-up');
  }
}`,
  // A Fastify application hook: it runs as each route is registered, at start-up.
  { code: `export function addDocs(app: FastifyInstance) {
  app.get('/openapi.json', () => app.swagger());
  app.addHook('onRoute', (route) => {
    if (!route.schema?.operationId) throw new Error('missing operationId');
  });
}`, filename: 'src/routes/docs.ts', mode: 'untyped' },
  `async function bootstrap() {
  const port = Number(process.argv[2]);
  if (Number.isNaN(port)) throw new Error('usage: serve <port>');
}`,
  // Programmer-error assertions.
  `function label(kind: Kind): string {
  switch (kind) {
    case 'a': return 'A';
    default: throw new Error(\`Unknown kind \${kind}\`);
  }
}`,
  `export function calculate(): number { throw new Error('Not implemented'); }`,
  `function toSeconds(value: unknown) {
  if (typeof value !== 'number') throw new TypeError('value must be a number');
  return value / 1000;
}`,
  `function assertDefined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('value is undefined');
  return value;
}`,
  // Thrown into a catch of the same function that turns it into a fallback.
  `async function readSettings() {
  try {
    const row = await load();
    if (!row) throw new Error('no settings');
    return row;
  } catch {
    return DEFAULTS;
  }
}`,
  // The catch reports the error and throws another one: the first one's type never reaches a handler.
  `async function connect(code: string) {
  try {
    if (!code) throw new Error('Authorization code is missing');
    await exchange(code);
  } catch (error) {
    reportError(error);
    throw new ConnectFailed();
  }
}`,
  // graphql-js turns a scalar's parse errors into client errors itself.
  `export const Reference = new GraphQLScalarType({
  name: 'Reference',
  parseValue(value) {
    if (typeof value !== 'string' || !value.startsWith('ref_')) throw new Error('Invalid reference');
    return value;
  },
});`,
  // A framework-usage guard is a programmer error.
  `export function createStep(name: string) {
  if (!current) throw new Error(\`createStep must be used inside a workflow definition (\${name})\`);
}`,
  // Configuration modules run at start-up.
  { mode: 'untyped', filename: 'src/config/mail.ts', code: `export function mailer() { if (!host) throw new Error('Mail host is required'); return host; }` },
  // Background work with no HTTP response.
  `@Processor('snapshots')
export class SnapshotProcessor {
  @Process()
  async handle(job: Job) {
    if (!job.data.id) throw new Error('snapshot id missing');
  }
}`,
  // A CQRS event handler and a saga: the event bus hands them the event and returns, no request waits for them.
  `import { NotFoundException } from '@nestjs/common';
@EventsHandler(BookingCancelled)
export class RefundOnCancelHandler implements IEventHandler<BookingCancelled> {
  async handle(event: BookingCancelled) {
    if (!event.paymentId) throw new Error('Payment not found');
  }
}`,
  `import { NotFoundException } from '@nestjs/common';
export class BookingSagas {
  @Saga()
  cancelled = (events$) => events$.pipe(map((event) => { if (!event.paymentId) throw new Error('Payment not found'); return new RefundCommand(event.paymentId); }));
}`,
  // A terminal program.
  `import { Command } from 'commander';
export async function run(name: string) {
  if (!name) throw new Error('name is required');
}`,
  // A package that is no server: its package.json names no server framework.
  {
    mode: 'untyped',
    filename: path.join(TYPED_PROJECT, 'packages/sdk/src/client.ts'),
    code: `export function parse(raw: string) {
  if (!raw.startsWith('did:')) throw new Error('not a DID');
}`,
  },
  // The error is a const whose message names no client mistake.
  `export class SyncService {
  run(task: Task) {
    return new Promise<void>((resolve, reject) => {
      task.on('done', resolve);
      task.on('failure', (cause) => {
        const failure = new TypeError('Unexpected failure of the sync task', { cause });
        reject(failure);
      });
    });
  }
}`,
  // Start-up: a private helper that only onModuleInit calls; a component's constructor checking its options.
  `@Injectable()
export class TemplateService {
  async onModuleInit() {
    await this.loadTemplates();
  }
  private async loadTemplates() {
    const files = await readdir(this.folder);
    if (files.length === 0) throw new Error('Template folder is empty');
  }
}`,
  `export class WebhookService {
  constructor(private readonly options: WebhookOptions) {
    if (!options.endpoint.startsWith('https://')) throw new Error('Webhook endpoint must use https');
  }
}`,
  `@Injectable()
export class PaymentGateway {
  constructor(@Inject(PAYMENT_CLIENT) private readonly client: PaymentClient) {
    if (!client) throw new Error('Payment client is not configured');
  }
}`,
  // A stub: the operation is not offered here, whatever the request holds.
  `export class ArchiveService {
  async purge() {
    throw new Error('Purging archives is not allowed on this deployment');
  }
}`,
  // The author says the failure is the server's own.
  `export class InvoiceService {
  async total(id: string) {
    const invoice = await this.invoices.findById(id);
    if (!invoice) throw new NotFoundError('invoice');
    // Lines are stored with their invoice: an invoice without lines should never happen.
    if (invoice.lines.length === 0) throw new Error('Invoice lines missing');
    return sum(invoice.lines);
  }
}`,
  `export class ReportService {
  async page(query: Query) {
    const result = await this.reports.search(query);
    // The search always counts its rows; without a count, answer with an internal server error.
    if (result.total === undefined) throw new Error('missing total');
    return result;
  }
}`,
  // A miss in a registry the process fills itself: a wiring mistake, not a client's.
  `export class DispatchService {
  private readonly handlers = new Map<string, Handler>();
  dispatch(name: string, payload: unknown) {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(\`Handler \${name} not found\`);
    return handler(payload);
  }
}`,
  `export class RunnerService {
  async start(workflowId: string, input: unknown) {
    const workflow = WorkflowCatalog.getWorkflow(workflowId);
    if (workflow === undefined) {
      throw new Error(\`Workflow \${workflowId} not found\`);
    }
    return workflow.run(input);
  }
}`,
  // An ORM attribute validator: the ORM turns the throw into its validation error.
  `import { ValidationError } from './errors';
export class Board extends Model {}
Board.init({
  layout: {
    type: DataTypes.JSONB,
    validate: {
      isLayout(value: { columns: number }) {
        if (value.columns > 12) throw new Error('Layout cannot have more than 12 columns');
      },
    },
  },
}, { sequelize });`,
  `export class QueryService {
  private readonly services = new Map<string, ServiceConfig>();
  resolve(name: string, alias?: string) {
    const config = this.services.get(name);
    if (!config) {
      if (alias) throw new Error(\`Service with alias \${alias} not found\`);
      throw new Error(\`Service \${name} not found\`);
    }
    return config;
  }
}`,
  // A function that receives a queue's job runs in a worker.
  `import { Job } from '../job-queue/job';
export class IndexerController {
  reindex(job: Job<{ channelId: string }>) {
    for (const batch of this.batches()) {
      if (job.state === 'cancelled') throw new Error('Reindex job was cancelled');
      this.index(batch);
    }
  }
}`,
  `import type { Job } from 'bullmq';
export class ExportService {
  async handle(job: Job) {
    if (!job.data.userId) throw new Error('userId is required');
  }
}`,
  // Thrown in an awaited IIFE inside a try whose catch answers for it.
  `export class CacheService {
  async isHealthy() {
    try {
      await Promise.race([
        (async () => {
          const value = await this.roundTrip();
          if (value !== 'ok') throw new Error('Health check value mismatch');
        })(),
        this.timeout(),
      ]);
      return true;
    } catch {
      return false;
    }
  }
}`,
  // A hole in the rows loaded with a record the code has already found (a guard before, an …OrThrow read),
  // worded as missing: the record the client named exists; the data stored with it is broken.
  `export class DocumentService {
  async download(id: string) {
    const document = await this.db.document.findFirst({ where: { id } });
    if (!document) return { status: 404 };
    const firstFileId = document.files[0].id;
    if (!firstFileId) throw new Error('Missing file id');
    return firstFileId;
  }
}`,
  // A project lookup whose absence the code has answered as not found is a found record too.
  `import { getInvoiceById } from './invoices';
export class InvoiceService {
  async download(invoiceId: string) {
    const invoice = await getInvoiceById({ id: Number(invoiceId) });
    if (!invoice) {
      return { status: 404, body: { message: 'Invoice not found' } };
    }
    const firstPageId = invoice.pages[0].id;
    if (!firstPageId) {
      throw new Error('Missing invoice page');
    }
    return firstPageId;
  }
}`,
  `export class DocumentService {
  async open(token: string) {
    const result = await this.db.document.findFirstOrThrow({ where: { token }, include: { files: true } });
    const data = result.files[0].data;
    if (!data) throw new Error('Missing document data');
    return data;
  }
}`,
  // An error class imported only to recognise errors (instanceof) shows no error types this file throws.
  `import { z, ZodError } from 'zod';
export async function normalizeRule(rule: Rule) {
  try {
    return await RuleSchema.parseAsync(rule);
  } catch (error) {
    if (error instanceof ZodError) throw new Error(\`Invalid subject: \${rule.subject}\`);
    throw error;
  }
}`,
  // A Promise executor inside a helper that only start-up code calls runs at start-up.
  `export async function bootstrapWorker() {
  await waitForTables();
}
async function waitForTables() {
  await new Promise<void>((resolve, reject) => {
    if (ready()) return resolve();
    reject('Table structure missing, aborting start-up');
  });
}`,
  // A comment that says the branch should not be reachable.
  `export class InvitationService {
  accept(invitation: Invitation) {
    // Normally this shouldn't happen: the accepted user is set together with the status.
    if (!invitation.acceptedUserId) throw new TypeError('The accepted user id is required');
  }
}`,
  // A record read back by the key of the one this function has just created: its absence is the server's inconsistency.
  `export class ReportService {
  async publish(input: ReportInput) {
    const report = await this.db.report.create({ data: input });
    const stored = await this.db.report.findFirst({ where: { id: report.id }, include: { sections: true } });
    if (!stored) throw new Error('Report not found');
    const firstSection = stored.sections[0];
    const pages = await this.db.page.findMany({ where: { reportId: report.id } });
    const cover = pages[0].cover;
    if (!cover) throw new Error('Report cover is missing');
    return { stored, firstSection };
  }
}`,
  // A guard on the service's configuration (`cfg`) while the router is built: an operator's set-up.
  `import { Router } from 'express';
export class AuthService {
  build({ cfg }: AppContext) {
    if (!cfg.service.devMode && !cfg.service.publicUrl.startsWith('https://')) throw new Error('Public URL must use https');
    return Router();
  }
}`,
  // The throw after a switch whose every case returns is its default: the key comes from code.
  `export class PolicyService {
  fallbackFor(key: PolicyKey) {
    switch (key) {
      case PolicyKey.SignIn:
      case PolicyKey.SignUp: {
        return { action: 'reject' };
      }
      case PolicyKey.Reset:
        return { action: 'retry' };
    }
    throw new TypeError('Unsupported policy key');
  }
}`,
  // An item searched for among the rows a create has just returned: its absence is the server's inconsistency.
  `export class BoardService {
  async copy(source: BoardInput) {
    const board = await this.db.board.create({ data: source, include: { columns: true } });
    source.columns.forEach((column) => {
      const copied = board.columns.find((candidate) => candidate.key === column.key);
      if (!copied) throw new Error('Column not found');
      this.cards.push(...column.cards.map((card) => ({ ...card, columnId: copied.id })));
    });
  }
}`,
  // Every caller in the file catches the error and answers with its own typed error.
  `export class TokenService {
  verify(raw: string) {
    try {
      return this.decode(raw);
    } catch {
      throw new UnauthorizedError('invalid token');
    }
  }
  private decode(raw: string) {
    const [, body] = raw.split('.');
    if (!body) throw new Error('Malformed token');
    return JSON.parse(atob(body));
  }
}`,
  `import { BadRequestError } from './errors';
function parseAmount(text: string) {
  if (!/^\\d+$/.test(text)) throw new Error('Invalid amount');
  return Number(text);
}
export function readAmount(text: string) {
  try {
    return parseAmount(text);
  } catch {
    throw new BadRequestError('amount must be a whole number');
  }
}`,
  // Domain errors declared in the file.
  `${ERRORS}throw new NotFoundError('user');`,
  `${ERRORS}function f() { throw new ConflictError('taken'); }`,
  `${ERRORS}const p = Promise.reject(new NotFoundError('x'));`,
  // Imported error-shaped classes (the chain is in another file).
  `import { NotFoundError } from './errors'; throw new NotFoundError('order');`,
  `import * as errors from './errors'; throw new errors.ValidationError('bad');`,
  `import { PaymentDeclinedException } from '@acme/errors'; throw new PaymentDeclinedException();`,
  // Framework HTTP errors and factories.
  `import { NotFoundException } from '@nestjs/common'; throw new NotFoundException('User not found');`,
  `import { HttpException, HttpStatus } from '@nestjs/common'; throw new HttpException('Forbidden', HttpStatus.FORBIDDEN);`,
  `import createError from 'http-errors'; throw createError(404, 'missing');`,
  `import createError from 'http-errors'; throw new createError.NotFound();`,
  `import Boom from '@hapi/boom'; throw Boom.notFound('missing');`,
  `async function h(fastify) { throw fastify.httpErrors.notFound(); }`,
  // Rethrowing the caught value.
  `try { run(); } catch (e) { log(e); throw e; }`,
  `${ERRORS}try { run(); } catch (err) { if (err instanceof NotFoundError) return null; throw err; }`,
  `try { run(); } catch (err) { if (!(err instanceof Error)) throw err; }`,
  `promise.catch((err) => { cleanup(); throw err; });`,
  `promise.then(ok, (reason) => Promise.reject(reason));`,
  `let lastError; for (let i = 0; i < 3; i++) { try { return await call(); } catch (err) { lastError = err; } } throw lastError;`,
  `fs.readFile(path, (err, data) => { if (err) throw err; use(data); });`,
  `new Promise((resolve, reject) => stream.on('error', (error) => reject(error)));`,
  // Wrapping the caught value in a domain error.
  `${ERRORS}try { run(); } catch (e) { throw new AppError('Import failed', { cause: e }); }`,
  // A Promise executor's reject with a domain error.
  `${ERRORS}new Promise((resolve, reject) => reject(new ConflictError('busy')));`,
  // Not a Promise executor: a local function called reject.
  `function reject(x) { return x; } reject('no');`,
  `const handlers = { reject: (msg) => msg }; handlers.reject('x');`,
  // Rejections not checked when turned off.
  { code: `Promise.reject('x');`, options: [{ checkRejections: false }] },
  // Untyped: unknown identifiers and calls say nothing.
  { code: `throw makeError('x');`, mode: 'untyped' },
  { code: `throw someValue;`, mode: 'untyped' },
  // A factory returning a domain error (typed).
  `${ERRORS}function notFound(id: string): NotFoundError { return new NotFoundError(id); } throw notFound('1');`,
  `${ERRORS}function fail(e: NotFoundError | ConflictError) { throw e; }`,
  // A subclass of a built-in error other than Error itself.
  `class TimeoutError extends RangeError {} throw new TimeoutError('slow');`,
  // A class whose base is imported from a package that is not resolved: it may be an Error, so nothing is said.
  `import { WorkflowFailure } from '@flows/runtime';\nexport class QuotaExhausted extends WorkflowFailure {}\nthrow new QuotaExhausted('daily quota used');`,
  // Configured base class.
  {
    code: `class AppError extends Error {} class NotFoundError extends AppError {} throw new NotFoundError('x');`,
    settings: { 'backend-patterns': { errors: { baseClass: 'AppError' } } },
  },
  // Throwing a local const that holds a domain error.
  `${ERRORS}const missing = new NotFoundError('x'); throw missing;`,
];

const COMMAND_HANDLER = `import { NotFoundException } from '@nestjs/common';
@CommandHandler(CancelBooking)
export class CancelBookingHandler implements ICommandHandler<CancelBooking> {
  async execute(command: CancelBooking) {
    if (!command.paymentId) throw new Error('Payment not found');
  }
}`;

const invalid: Case[] = [
  // The same resolver with an error type at hand (imported, or GraphQLError), or on NestJS (its exceptions carry codes): still reported.
  {
    code: TYPE_GRAPHQL_RESOLVER.replace("import { Donation } from '../entities/donation';", "import { Donation } from '../entities/donation';\nimport { GraphQLError } from 'graphql';"),
    options: [{ bareErrors: 'request-handlers' }],
    errors: [thrown('a bare Error', 10, 26, "e.g. 'GraphQLError'", oneSuggestion(TYPE_GRAPHQL_RESOLVER.replace("import { Donation } from '../entities/donation';", "import { Donation } from '../entities/donation';\nimport { GraphQLError } from 'graphql';"), 'new Error(', 'GraphQLError'))],
  },
  {
    code: TYPE_GRAPHQL_RESOLVER.replace("from 'type-graphql';", "from '@nestjs/graphql';"),
    options: [{ bareErrors: 'request-handlers' }],
    errors: [thrown('a bare Error', 9, 26)],
  },
  // GraphQL Yoga masks a bare Error's message: the class decides what the client reads.
  {
    code: `import { createYoga, createSchema } from 'graphql-yoga';\n${RESOLVER_MAP}export const yoga = createYoga({ schema: createSchema({ typeDefs, resolvers }) });`,
    options: [{ bareErrors: 'request-handlers' }],
    filename: path.join(TYPED_PROJECT, 'layers', 'users.controller.ts'),
    errors: [thrown('a bare Error', 6, 28)],
  },
  // A DB cursor's forEach calls back after the try has ended.
  {
    code: `router.post('/imports', async (req, res) => {
  try {
    db.collection('rows').find({ importId: req.body.id }).forEach((row) => {
      if (!row.sku) throw new Error('invalid row');
    });
  } catch (error) {
    throw new BadRequestError(String(error));
  }
  res.status(202).end();
});`,
    options: [{ bareErrors: 'request-handlers' }],
    errors: [thrown('a bare Error', 4, 27)],
  },
  // A catch testing for a class its try does not throw itself (a service's NotFoundError): the thrown type still picks the answer.
  {
    code: `router.get('/names/:name', async (req, res) => {
  try {
    const found = await names.byName(req.params.name);
    if (!found) throw new Error('cannot find name');
    res.json(found);
  } catch (error) {
    if (error instanceof NotFoundError) res.status(404).json({ error: 'not found' });
    else res.status(500).json({ error: 'internal' });
  }
});`,
    options: [{ bareErrors: 'request-handlers' }],
    errors: [thrown('a bare Error', 4, 23)],
  },
  // Joi calls custom validators synchronously: an async one's throw rejects past Joi, no validation error.
  {
    code: `import { celebrate, Joi, Segments } from 'celebrate';
const uniqueEmail = Joi.string().custom(async (value: string) => {
  if (await users.findByEmail(value)) throw new Error('email taken');
  return value;
});
router.post('/users', celebrate({ [Segments.BODY]: Joi.object({ email: uniqueEmail }) }), async (req, res) => {
  res.json(await users.create(req.body));
});`,
    filename: path.join(TYPED_PROJECT, 'layers', 'users.controller.ts'),
    errors: [thrown('a bare Error', 3, 45)],
  },
  // The .catch hands the error on to the framework, and an array callback outside any try: still reported.
  {
    code: `fastify.get('/names/:name', async (req, reply) => {
  await fastify.db
    .sqlTransaction(async () => {
      const found = await fastify.db.getName(req.params.name);
      if (!found) throw new Error('cannot find name');
      await reply.send(found);
    })
    .catch((error) => reply.send(error));
});
router.get('/transactions', async (req, res) => {
  [req.query.sender].forEach((address) => {
    if (!isValidPrincipal(address)) throw new Error('invalid address');
  });
  res.json(await transactions.list());
});`,
    options: [{ bareErrors: 'request-handlers' }],
    errors: [thrown('a bare Error', 5, 25), thrown('a bare Error', 12, 43)],
  },
  // The same custom check in a file that does not import express-validator: nothing says who catches it.
  {
    code: `import { body } from './validation';
export const rules = [
  body('scopes').isArray().custom((scopes: string[]) => {
    if (scopes.length > 20) throw new Error('Invalid scopes: at most 20 are allowed');
    return true;
  }),
];
router.post('/tokens', rules, async (req, res) => {
  res.json(await tokens.create(req.body));
});`,
    filename: path.join(TYPED_PROJECT, 'layers', 'users.controller.ts'),
    options: [{ bareErrors: 'request-handlers' }],
    errors: [thrown('a bare Error', 4, 35)],
  },
  // bareErrors: 'request-handlers' (the presets): a route handler's bare Error, and a thrown string anywhere, are still reported.
  {
    code: `router.get('/invoices/:id', async (req, res) => {
  const invoice = await invoices.byId(req.params.id);
  if (!invoice) throw new Error('Invoice not found');
  res.json(invoice);
});`,
    options: [{ bareErrors: 'request-handlers' }],
    errors: [thrown('a bare Error', 3, 23)],
  },
  {
    code: `export class InvoiceService {
  async byId(id: string) {
    const invoice = await this.invoices.findOneBy({ id });
    if (!invoice) throw 'Invoice not found';
    return invoice;
  }
}`,
    options: [{ bareErrors: 'request-handlers' }],
    errors: [thrown('a string', 4, 25)],
  },
  // A key the client chose, beside a configured one, or read from the request: the client's not-found.
  {
    code: `import { env } from '../utils/env';
export class UserService {
  async join({ workspaceId }: JoinDto) {
    const workspace = await this.prisma.workspace.findFirst({ where: { id: workspaceId, region: env.region } });
    if (!workspace) throw new Error('Workspace not found');
    return workspace;
  }
}`,
    errors: [thrown('a bare Error', 5, 27)],
  },
  {
    code: `export async function show(req, res) {
  const { slug } = req.params;
  const page = await pages.findOne({ slug, site: process.env.SITE_ID });
  if (!page) throw new Error('Page not found');
  res.json(page);
}`,
    filename: 'src/routes/pages.ts',
    mode: 'untyped',
    errors: [thrown('a bare Error', 4, 20)],
  },
  {
    code: `import { env } from '../utils/env';
export class UserService {
  async join(workspaceId: string) {
    const workspace = await this.prisma.workspace.findFirst({ where: { id: workspaceId, region: env.region } });
    if (!workspace) throw new Error('Workspace not found');
    return workspace;
  }
}`,
    errors: [thrown('a bare Error', 5, 27)],
  },
  {
    code: `export async function show(req, res) {
  const page = await pages.findOne({ slug: req.params.slug, site: process.env.SITE_ID });
  if (!page) throw new Error('Page not found');
  res.json(page);
}`,
    filename: 'src/routes/pages.ts',
    mode: 'untyped',
    errors: [thrown('a bare Error', 3, 20)],
  },
  // A request hook of the same shape serves every request.
  {
    code: `export function addDocs(app: FastifyInstance) {
  app.get('/openapi.json', () => app.swagger());
  app.addHook('onRequest', (route) => {
    if (!route.schema?.operationId) throw new Error('missing operationId');
  });
}`,
    filename: 'src/routes/docs.ts',
    mode: 'untyped',
    errors: [thrown('a bare Error', 4, 43)],
  },
  // A field of an object may be a record's state the client changed.
  {
    code: `export class OrderService {
  private closed = false;
  close() {
    this.closed = true;
  }
  add(item: Item) {
    if (this.closed) throw new Error('Order already closed');
    this.items.push(item);
  }
}`,
    errors: [thrown('a bare Error', 7, 28)],
  },
  // A module flag that a request may set (no shutdown) is a state the client hears about.
  {
    code: `import { NotFoundError } from './errors';
let SIGNUPS_PAUSED = false;
export function pauseSignups() {
  SIGNUPS_PAUSED = true;
}
export function register(email: string) {
  if (SIGNUPS_PAUSED) throw new Error('Signups are not allowed right now');
  return email;
}`,
    errors: [thrown('a bare Error', 7, 29, "e.g. 'NotFoundError'", oneSuggestion(`import { NotFoundError } from './errors';\nlet SIGNUPS_PAUSED = false;\nexport function pauseSignups() {\n  SIGNUPS_PAUSED = true;\n}\nexport function register(email: string) {\n  if (SIGNUPS_PAUSED) throw new Error('Signups are not allowed right now');\n  return email;\n}`, 'new Error(', 'NotFoundError'))],
  },
  // An update by the client's key with no lookup before it: an empty result is the client's not-found.
  {
    code: `export class PlaylistService {
  async rename(playlistId: string, title: string) {
    const [renamed] = await this.db.update(playlists).set({ title }).where(eq(playlists.id, playlistId)).returning();
    if (!renamed) throw new Error('Playlist not found');
    return renamed;
  }
}`,
    errors: [thrown('a bare Error', 4, 25)],
  },
  // An insert that skips a conflicting row returns none for the client's duplicate.
  {
    code: `export class AccountService {
  async register(input: SignUpInput) {
    const [account] = await this.db.insert(accounts).values(input).onConflictDoNothing().returning();
    if (!account) throw new Error('Email already taken');
    return account;
  }
}`,
    errors: [thrown('a bare Error', 4, 25)],
  },
  // The update also tests a state: the row may have left it meanwhile, which the client must hear about.
  {
    code: `export class TicketService {
  async claim(ticketId: string, agentId: string) {
    const ticket = await this.db.query.tickets.findFirst({ where: eq(tickets.id, ticketId) });
    if (!ticket) throw new TicketNotFoundError(ticketId);
    const [claimed] = await this.db.update(tickets).set({ agentId }).where(and(eq(tickets.id, ticket.id), eq(tickets.status, 'open'))).returning();
    if (!claimed) throw new Error('Ticket not found or already claimed');
    return claimed;
  }
}`,
    errors: [thrown('a bare Error', 6, 25)],
  },
  // A lookup whose absence the function did not refuse proves nothing about the update's key.
  {
    code: `export class TicketService {
  async close(ticketId: string) {
    const ticket = await this.db.query.tickets.findFirst({ where: eq(tickets.id, ticketId) });
    this.audit.record(ticket);
    const [closed] = await this.db.update(tickets).set({ status: 'closed' }).where(eq(tickets.id, ticketId)).returning();
    if (!closed) throw new Error('Ticket not found');
    return closed;
  }
}`,
    errors: [thrown('a bare Error', 6, 24)],
  },
  // A key the lookup did not use (the client's version) may pick no row.
  {
    code: `export class TicketService {
  async edit(ticketId: string, input: TicketEdit) {
    const ticket = await this.db.query.tickets.findFirst({ where: eq(tickets.id, ticketId) });
    if (!ticket) throw new TicketNotFoundError(ticketId);
    const [edited] = await this.db.update(tickets).set(input.changes).where(and(eq(tickets.id, ticket.id), eq(tickets.version, input.version))).returning();
    if (!edited) throw new Error('Ticket not found in this version');
    return edited;
  }
}`,
    errors: [thrown('a bare Error', 6, 24)],
  },
  // Deletes stay checked.
  {
    code: `export class TicketService {
  async remove(ticketId: string) {
    const ticket = await this.db.query.tickets.findFirst({ where: eq(tickets.id, ticketId) });
    if (!ticket) throw new TicketNotFoundError(ticketId);
    const [removed] = await this.db.delete(tickets).where(eq(tickets.id, ticket.id)).returning();
    if (!removed) throw new Error('Ticket not found');
    return removed;
  }
}`,
    errors: [thrown('a bare Error', 6, 25)],
  },
  // A state of the rows found by listed ids is a finding about the request, not a missing row.
  {
    code: `export class StockService {
  async reserve(cartId: string) {
    const items = await this.prisma.cartItem.findMany({ where: { cartId } });
    const stock = await this.prisma.stock.findMany({ where: { productId: { in: items.map((item) => item.productId) }, quantity: { gt: 0 } } });
    if (stock.length !== items.length) throw new Error('Product out of stock');
    return stock;
  }
}`,
    errors: [thrown('a bare Error', 5, 46)],
  },
  // A suggestion to the client ('did you mean') is no question about the wiring.
  {
    code: `export class SearchService {
  async search(input: SearchInput) {
    if (!FIELDS.includes(input.field)) throw new Error(\`Invalid field \${input.field}, did you mean 'name'?\`);
    return this.index.search(input);
  }
}`,
    errors: [thrown('a bare Error', 3, 46)],
  },
  // A dispatch over the value a caller passed to a public method refuses the client's value.
  {
    code: `export class IssueService {
  async report(input: IssueInput) {
    if (input.entity === IssueEntity.Organization) {
      return this.reportOrganization(input);
    } else if (input.entity === IssueEntity.Person) {
      return this.reportPerson(input);
    } else {
      throw new Error('Unsupported issue entity');
    }
  }
}`,
    errors: [thrown('a bare Error', 8, 13)],
  },
  // A record the function builds from the caller's input is still the client's value.
  {
    code: `export class ExportService {
  async export(input: ExportInput) {
    const report = await parseReport(input);
    if (report.kind === ReportKind.Experiment) {
      return this.exportExperiment(report);
    } else if (report.kind === ReportKind.Funnel) {
      return this.exportFunnel(report);
    } else {
      throw new Error('Unsupported report kind');
    }
  }
}`,
    errors: [thrown('a bare Error', 9, 13)],
  },
  // A private method's dispatch over what a public method passed it from its caller is the client's value too.
  {
    code: `export class FreightService {
  async quote(dto: QuoteInput) {
    return { carrier: dto.carrier, rate: this.rateFor(dto.carrier, dto.weight) };
  }
  private rateFor(carrier: string, weight: number) {
    if (carrier === 'dhl') return weight * 2;
    if (carrier === 'ups') return weight * 3;
    throw new Error('Unsupported carrier');
  }
}`,
    errors: [thrown('a bare Error', 8, 11)],
  },
  // Branches that each refuse a case are no dispatch: the last refusal is a client error too.
  {
    code: `export class ShippingService {
  private checkShippable(order: Order) {
    if (order.status === 'draft') throw new Error('Draft is not allowed');
    else if (order.status === 'cancelled') throw new Error('Order was cancelled');
    else throw new Error('Order must be paid first');
  }
}`,
    errors: [thrown('a bare Error', 3, 41), thrown('a bare Error', 4, 50), thrown('a bare Error', 5, 16)],
  },
  // The same through a local taken from the caller's input.
  {
    code: `export class PriceService {
  async pricesFor(input: PriceQuery) {
    const { cartId, currency } = input;
    const items = await this.prisma.cartItem.findMany({ where: { cartId } });
    const prices = await this.prisma.price.findMany({ where: { productId: { in: items.map((item) => item.productId) }, currency } });
    if (prices.length === 0) throw new Error('Price not found for currency');
    return prices;
  }
  async pricesIn(input: PriceQuery) {
    const code = input.currency.toUpperCase();
    const items = await this.prisma.cartItem.findMany({ where: { cartId: input.cartId } });
    const prices = await this.prisma.price.findMany({ where: { productId: { in: items.map((item) => item.productId) }, currency: code } });
    if (prices.length === 0) throw new Error('Price not found for currency');
    return prices;
  }
}`,
    errors: [thrown('a bare Error', 6, 36), thrown('a bare Error', 13, 36)],
  },
  // A lookup by listed ids that also takes the client's value may miss what the client asked for.
  {
    code: `export class PriceService {
  async pricesOf(cartId: string, currency: string) {
    const items = await this.prisma.cartItem.findMany({ where: { cartId } });
    const prices = await this.prisma.price.findMany({ where: { productId: { in: items.map((item) => item.productId) }, currency } });
    if (prices.length === 0) throw new Error('Price not found for currency');
    return prices;
  }
}`,
    errors: [thrown('a bare Error', 5, 36)],
  },
  // Ids the client sent are the client's keys: a miss is its not-found.
  {
    code: `export class CartService {
  async add(input: AddItemsInput) {
    const productIds = input.items.map((item) => item.productId);
    const products = await this.prisma.product.findMany({ where: { id: { in: productIds } } });
    if (products.length !== productIds.length) throw new Error('Product not found');
    return products;
  }
}`,
    errors: [thrown('a bare Error', 5, 54)],
  },
  // A search of rows that did not key the read of the iterated rows may miss.
  {
    code: `export class ShelfService {
  async get(id: string) {
    const links = await this.prisma.shelfBook.findMany({ where: { shelfId: id } });
    const books = await this.prisma.book.findMany({ where: { shelfId: id } });
    return books.map((book) => {
      const link = links.find((candidate) => candidate.bookId === book.id);
      if (!link) throw new Error('Link not found for book');
      return { ...book, position: link.position };
    });
  }
}`,
    errors: [thrown('a bare Error', 7, 24)],
  },
  // A command handler answers the controller that executes the command.
  {
    code: COMMAND_HANDLER,
    errors: [thrown('a bare Error', 5, 35, "e.g. 'NotFoundException'", oneSuggestion(COMMAND_HANDLER, 'new Error(', 'NotFoundException'))],
  },
  // A catch that turns the failure it recognised into a message for the client still loses a 4xx.
  {
    code: `export class AccountService {
  async register(email: string) {
    try {
      await this.accounts.insert({ email });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new Error('Email already in use');
    }
  }
}`,
    errors: [thrown('a bare Error', 7, 13)],
  },
  {
    code: `export class AccountService {
  async register(email: string) {
    try {
      await this.accounts.insert({ email });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (error.constraint === 'accounts_email') throw new Error('Email already in use');
      throw error;
    }
  }
}`,
    errors: [thrown('a bare Error', 7, 56)],
  },
  // A recovery that finds the client's own conflict (a verified account already holds the email) owes the client a 409.
  {
    code: `export class AccountService {
  async register(email: string) {
    try {
      return await this.accounts.insert({ email });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.accounts.findOne({ email });
      if (existing.verified) throw new Error('Email already in use');
      return existing;
    }
  }
}`,
    errors: [thrown('a bare Error', 8, 36)],
  },
  // A table keyed by any string, or a key the function did not receive with the table's key type, promises no entry.
  {
    code: `const SEATS_BY_PLAN: Record<string, number> = { free: 1, team: 10 };
export class SubscriptionService {
  seatsFor(plan: string) {
    if (!SEATS_BY_PLAN[plan]) throw new Error('Invalid plan');
  }
}`,
    errors: [thrown('a bare Error', 4, 37)],
  },
  {
    code: `type Plan = 'free' | 'team';
const SEATS_BY_PLAN: Record<Plan, number> = { free: 1, team: 10 };
export class SubscriptionService {
  seatsFor(input: { plan: Plan }) {
    if (!SEATS_BY_PLAN[input.plan]) throw new Error('Invalid plan');
  }
}`,
    errors: [thrown('a bare Error', 5, 43)],
  },
  {
    code: `type Plan = 'free' | 'team';
const SEATS_BY_PLAN: Record<Plan, number> = { free: 1, team: 10 };
export class SubscriptionService {
  seatsFor(plan: Plan, seats: number) {
    if (!SEATS_BY_PLAN[plan] || seats > 100) throw new Error('Invalid plan');
  }
}`,
    errors: [thrown('a bare Error', 5, 52)],
  },
  // A bare Error is reported where the code shows that its errors reach a response: service or controller code,
  // or a file that uses the project's error types.
  { code: `class ImportService { parse(input) { if (!input) throw new RangeError('empty input'); } }`, errors: [thrown('a bare RangeError', 1, 56)] },
  { code: "async function load() { if (offline) return Promise.reject('timeout'); }", errors: [rejected('a string', 1, 60)] },
  { code: `throw 'boom';`, errors: [thrown('a string', 1, 7)] },
  { code: 'throw `missing ${id}`;', errors: [thrown('a template string', 1, 7)] },
  { code: `throw 42;`, errors: [thrown('a number', 1, 7)] },
  { code: `throw false;`, errors: [thrown('a boolean', 1, 7)] },
  { code: `throw { status: 404, message: 'x' };`, errors: [thrown('a plain object', 1, 7)] },
  // A status in a class that is no error type, or in a helper nested in an error class's constructor, or a code under another key.
  { code: `export class Http {\n  constructor() {\n    throw { status: 500, message: 'not ready' };\n  }\n}`, errors: [thrown('a plain object', 3, 11)] },
  { code: `export class NotFoundError {\n  constructor(id) {\n    this.check = () => { throw { status: 404, id }; };\n  }\n}`, errors: [thrown('a plain object', 3, 32)] },
  { code: `throw { code: 'E_TOO_LARGE', message: 'x' };`, errors: [thrown('a plain object', 1, 7)] },
  // An error code that is no member of a set of codes: a copy of the caught error's, a number.
  { code: `export async function f() { try { await g(); } catch (e) { throw { errorCode: e.code, message: e.message }; } }`, errors: [thrown('a plain object', 1, 66)] },
  { code: `throw { errorCode: 500 };`, errors: [thrown('a plain object', 1, 7)] },
  // The reply shape of a library the file does not import, or missing one of its keys.
  { code: `import express from 'express';\nexport function onCreate(upload) { if (!upload.metadata?.name) throw { status_code: 400, body: 'name is required' }; }`, errors: [thrown('a plain object', 2, 70)] },
  { code: `import { Server } from '@tus/server';\nexport function onCreate(upload) { if (!upload.metadata?.name) throw { status_code: 400 }; }`, errors: [thrown('a plain object', 2, 70)] },
  { code: `throw ['a', 'b'];`, errors: [thrown('an array', 1, 7)] },
  { code: `throw null;`, errors: [thrown('null', 1, 7)] },
  { code: `throw undefined;`, errors: [thrown('undefined', 1, 7)] },
  { code: `class ProductService { async get(id) { const product = await this.products.findById(id); if (!product) throw new Error('Product not found'); return product; } }`, errors: [thrown('a bare Error', 1, 110)] },
  { code: `@Controller('users') class UsersController { @Get(':id') async find(@Param('id') id) { const user = await this.users.findOne(id); if (!user) throw Error('User not found'); return user; } }`, errors: [thrown('a bare Error', 1, 148)] },
  { code: `router.get('/users/:id', (req, res) => { if (!/^\\d+$/.test(req.params.id)) throw new TypeError('id must be numeric'); });`, errors: [thrown('a bare TypeError', 1, 82)] },
  { code: `import { Forbidden } from '../errors';\nexport function check(user) { if (!user) throw new Forbidden(); if (user.banned) throw new Error('User is not allowed'); }`, errors: [thrown('a bare Error', 2, 88)] },
  { code: `throw 'Order ' + id + ' not found';`, errors: [thrown('a string', 1, 7)] },
  { code: `const MESSAGE = 'nope'; throw MESSAGE;`, mode: 'untyped', errors: [thrown('a string', 1, 31)] },
  // A memo filled per request is no start-up code; an awaited lookup reads a store.
  {
    code: `export class ImportService {
  async validate(rows: Row[]) {
    const profiles: Record<string, Profile> = {};
    for (const row of rows) {
      if (!profiles[row.symbol]) {
        const profile = await this.profiles.find(row.symbol);
        if (!profile) throw new Error('Symbol is not valid for this data source');
        profiles[row.symbol] = profile;
      }
    }
  }
}`,
    errors: [thrown('a bare Error', 7, 29)],
  },
  {
    code: `export class PlanService {
  constructor(private readonly plans: PlanStore) {}
  async choose(planId: string) {
    const plan = await this.plans.get(planId);
    if (!plan) throw new Error('Plan not found');
    return plan;
  }
}`,
    errors: [thrown('a bare Error', 5, 22)],
  },
  // A static search over data the request loaded is no registry lookup.
  {
    code: `export class ExecutionService {
  async resume(executionId: string, action: string) {
    const execution = await this.executions.load(executionId);
    const step = Execution.getStepByAction(execution.flow, action);
    if (step === null) throw new Error('Action not found');
    return step;
  }
}`,
    errors: [thrown('a bare Error', 5, 30)],
  },
  // An object of checks that no ORM runs is no validator.
  {
    code: `import { ValidationError } from './errors';
export const rules = {
  layout: {
    check(value: { columns: number }) {
      if (value.columns > 12) throw new Error('Layout cannot have more than 12 columns');
    },
  },
};`,
    errors: [thrown('a bare Error', 5, 37, "e.g. 'ValidationError'", [{ messageId: 'useDomainError', data: { name: 'ValidationError' }, output: `import { ValidationError } from './errors';
export const rules = {
  layout: {
    check(value: { columns: number }) {
      if (value.columns > 12) throw new ValidationError('Layout cannot have more than 12 columns');
    },
  },
};` }])],
  },
  // A job of a job board is no queue's job.
  {
    code: `import { Job } from '../entities/job';
export class JobsService {
  publish(job: Job) {
    if (job.publishedAt) throw new Error('Job is already published');
  }
}`,
    errors: [thrown('a bare Error', 4, 32)],
  },
  // An async IIFE nobody awaits rejects past the try.
  {
    code: `export class CacheService {
  async warm() {
    try {
      void (async () => {
        const value = await this.roundTrip();
        if (value !== 'ok') throw new Error('Warm-up value mismatch');
      })();
    } catch {
      return false;
    }
  }
}`,
    errors: [thrown('a bare Error', 6, 35)],
  },
  // The same check on a URL the request sends is the client's mistake.
  {
    code: `export class LinkService {
  async save(cfg: LinkSettings, url: string) {
    if (!url.startsWith('https://')) throw new Error('URL must use https');
    return this.links.save({ url, cfg });
  }
}`,
    errors: [thrown('a bare Error', 3, 44)],
  },
  // After a switch whose cases do not all exit, the throw is reached from a case: it still reports.
  {
    code: `export class PolicyService {
  apply(input: PolicyInput) {
    switch (input.key) {
      case 'sign-in':
        this.audit(input);
        break;
      case 'reset':
        return { action: 'retry' };
    }
    throw new Error('Unsupported policy key');
  }
}`,
    errors: [thrown('a bare Error', 10, 11)],
  },
  // The same search among rows read by the client's key: a miss is the client's not-found.
  {
    code: `export class BoardService {
  async move(input: MoveInput) {
    const board = await this.db.board.findFirst({ where: { id: input.boardId }, include: { columns: true } });
    const target = board.columns.find((candidate) => candidate.key === input.columnKey);
    if (!target) throw new Error('Column not found');
    return target;
  }
}`,
    errors: [thrown('a bare Error', 5, 24)],
  },
  // The key comes from the client: a miss is a client's not-found.
  {
    code: `export class ReportService {
  async publish(input: ReportInput) {
    const stored = await this.db.report.findFirst({ where: { id: input.id } });
    if (!stored) throw new Error('Report not found');
    return stored;
  }
}`,
    errors: [thrown('a bare Error', 4, 24)],
  },
  // Look-alikes of the exemptions: a const bare Error with a client message, a value object's constructor,
  // a throw helper that passes its parameter on, a private helper with one caller that does not catch,
  // a catch that passes the error on.
  {
    code: `export class OrderService {
  async cancel(id: string) {
    const missing = new Error('Order not found');
    const order = await this.orders.findById(id);
    if (!order) throw missing;
  }
}`,
    errors: [thrown('a bare Error', 5, 23)],
  },
  {
    code: `import { ConflictError } from './errors';
export class Quantity {
  constructor(readonly value: number) {
    if (value <= 0) throw new RangeError('Quantity must be positive');
  }
}`,
    errors: [thrown('a bare RangeError', 4, 27, "e.g. 'ConflictError'", [{ messageId: 'useDomainError', data: { name: 'ConflictError' }, output: `import { ConflictError } from './errors';
export class Quantity {
  constructor(readonly value: number) {
    if (value <= 0) throw new ConflictError('Quantity must be positive');
  }
}` }])],
  },
  {
    code: `export class QuotaService {
  refuse(limit: number) {
    throw new Error(\`Limit of \${limit} requests exceeded\`);
  }
}`,
    errors: [thrown('a bare Error', 3, 11)],
  },
  {
    code: `export class TokenService {
  verify(raw: string) {
    try {
      return this.decode(raw);
    } catch {
      throw new UnauthorizedError('invalid token');
    }
  }
  peek(raw: string) {
    return this.decode(raw);
  }
  private decode(raw: string) {
    if (!raw.includes('.')) throw new Error('Malformed token');
    return raw;
  }
}`,
    errors: [thrown('a bare Error', 13, 35)],
  },
  {
    code: `export class ImportService {
  async run(file: Upload) {
    try {
      return await this.parse(file);
    } catch (error) {
      this.logger.warn(error);
      throw error;
    }
  }
  private async parse(file: Upload) {
    if (file.size === 0) throw new Error('Uploaded file is empty');
    return file.rows();
  }
}`,
    errors: [thrown('a bare Error', 11, 32)],
  },
  // Suggestions name the domain classes of the file, most specific first.
  {
    code: `${ERRORS}throw 'User not found';`,
    errors: [thrown('a string', 5, 7, HIERARCHY_ADVICE, hierarchySuggestions(`${ERRORS}throw 'User not found';`, `'User not found'`, (name) => `new ${name}('User not found')`))],
  },
  {
    code: `${ERRORS}throw new Error('User ' + id + ' not found');`,
    errors: [thrown('a bare Error', 5, 7, HIERARCHY_ADVICE, hierarchySuggestions(`${ERRORS}throw new Error('User ' + id + ' not found');`, `new Error('User ' + id + ' not found')`, (name) => `new ${name}('User ' + id + ' not found')`))],
  },
  {
    code: `${ERRORS}throw \`User \${id}\`;`,
    errors: [thrown('a template string', 5, 7, HIERARCHY_ADVICE, hierarchySuggestions(`${ERRORS}throw \`User \${id}\`;`, '`User ${id}`', (name) => `new ${name}(\`User \${id}\`)`))],
  },
  {
    code: `import { NotFoundError, ConflictError } from './errors';\nthrow new Error('Order not found');`,
    errors: [
      thrown('a bare Error', 2, 7, "e.g. 'NotFoundError', 'ConflictError'", [
        { messageId: 'useDomainError', data: { name: 'NotFoundError' }, output: `import { NotFoundError, ConflictError } from './errors';\nthrow new NotFoundError('Order not found');` },
        { messageId: 'useDomainError', data: { name: 'ConflictError' }, output: `import { NotFoundError, ConflictError } from './errors';\nthrow new ConflictError('Order not found');` },
      ]),
    ],
  },
  {
    code: `import { NotFoundException } from '@nestjs/common';\nthrow 'missing';`,
    errors: [thrown('a string', 2, 7, "e.g. 'NotFoundException'", [{ messageId: 'useDomainError', data: { name: 'NotFoundException' }, output: `import { NotFoundException } from '@nestjs/common';\nthrow new NotFoundException('missing');` }])],
  },
  // The cap on suggestions.
  {
    code: `${ERRORS}throw 'x';`,
    options: [{ maxSuggestions: 1 }],
    errors: [thrown('a string', 5, 7, "e.g. 'NotFoundError'", [{ messageId: 'useDomainError', data: { name: 'NotFoundError' }, output: `${ERRORS}throw new NotFoundError('x');` }])],
  },
  // Infrastructure errors are not domain errors, so they are not suggested.
  { code: `import { QueryFailedError } from 'typeorm';\nthrow 'x';`, errors: [thrown('a string', 2, 7)] },
  // A class that is not an Error.
  { code: `class Problem {}\nthrow new Problem();`, errors: [thrown("'Problem' (not a domain error)", 2, 7)] },
  // A base the file declares without an Error in its chain is known not to be an error.
  { code: `class Outcome {}\nclass Refused extends Outcome {}\nthrow new Refused();`, errors: [thrown("'Refused' (not a domain error)", 3, 7)] },
  // Wrapping the caught value in a bare Error is still a bare Error.
  { code: `class ImportService { run(file) { try { parse(file); } catch (e) { throw new Error('Invalid import file', { cause: e }); } } }`, errors: [thrown('a bare Error', 1, 74)] },
  // Inside a catch, throwing something else than the caught value.
  { code: `try { run(); } catch (e) { throw 'failed'; }`, errors: [thrown('a string', 1, 34)] },
  // Rejections.
  { code: `Promise.reject('timeout');`, errors: [rejected('a string', 1, 16)] },
  { code: `class SessionService { refresh(session) { if (session.expiresAt < Date.now()) return Promise.reject(new Error('Session expired')); return this.extend(session); } }`, errors: [rejected('a bare Error', 1, 101)] },
  { code: `Promise.reject();`, errors: [rejected('undefined', 1, 1)] },
  { code: `new Promise((resolve, reject) => reject('nope'));`, errors: [rejected('a string', 1, 41)] },
  { code: `new Promise(function (ok, fail) { setTimeout(() => fail({ code: 'TIMEOUT' }), 10); });`, errors: [rejected('a plain object', 1, 57)] },
  // Configured base class: an Error subclass outside the hierarchy is not a domain error.
  {
    code: `class AppError extends Error {}\nclass LegacyError extends Error {}\nthrow new LegacyError('x');`,
    settings: { 'backend-patterns': { errors: { baseClass: 'AppError' } } },
    errors: [
      thrown("'LegacyError' (not a domain error)", 3, 7, "e.g. 'AppError'"),
    ],
  },
  // Typed: values whose type is not a domain error.
  { code: `declare const reason: unknown;\nthrow reason;`, mode: 'typed', errors: [thrown("a value of type 'unknown'", 2, 7)] },
  { code: `declare const reason: any;\nthrow reason;`, mode: 'typed', errors: [thrown("a value of type 'any'", 2, 7)] },
  { code: `function fail(message: string) { throw message; }`, mode: 'typed', errors: [thrown("a value of type 'string'", 1, 40)] },
  { code: `class PaymentService { fail(error: Error) { throw error; } }`, mode: 'typed', errors: [thrown('a bare Error', 1, 51)] },
  { code: `class ReportService { build(): Error { return new Error('x'); } run() { throw this.build(); } }`, mode: 'typed', errors: [thrown('a bare Error', 1, 79)] },
  { code: `const MESSAGE = 'nope'; throw MESSAGE;`, mode: 'typed', errors: [thrown("a value of type 'string'", 1, 31)] },
  // Look-alikes of a hole in a found record: the record itself not found (the client's key missed), a state
  // of a found record (not worded as missing), an item picked by a key, a record nobody checked was found,
  // a relation of the record itself (absent by design: a state the client chose).
  {
    code: `export class DocumentService {
  async download(id: string, index: number) {
    const document = await this.db.document.findFirst({ where: { id } });
    if (!document) throw new Error('Document not found');
    if (!document.signedAt) throw new Error('Document must be signed first');
    const file = document.files[index];
    if (!file) throw new Error('Missing file');
    return file;
  }
}`,
    errors: [thrown('a bare Error', 4, 26), thrown('a bare Error', 5, 35), thrown('a bare Error', 7, 22)],
  },
  {
    code: `export class DocumentService {
  async download(id: string) {
    const document = await this.db.document.findFirst({ where: { id } });
    const firstFileId = document.files[0].id;
    if (!firstFileId) throw new Error('Missing file id');
    return firstFileId;
  }
}`,
    errors: [thrown('a bare Error', 5, 29)],
  },
  // A project call whose absence the code answered with something else than not found (a default) is no found record.
  {
    code: `import { loadBranding } from './branding';
export class BrandingService {
  async logoFor(teamId: string) {
    const branding = await loadBranding(teamId);
    if (!branding) return DEFAULT_BRANDING;
    const logoId = branding.assets[0].id;
    if (!logoId) throw new Error('Missing logo');
    return logoId;
  }
}`,
    errors: [thrown('a bare Error', 7, 24)],
  },
  {
    code: `export class ImportService {
  async sync(id: string) {
    const transactionImport = await this.db.transactionImport.findFirstOrThrow({ where: { id } });
    if (!transactionImport.connectedAccount) throw new Error('Connected account not found');
    return transactionImport;
  }
}`,
    errors: [thrown('a bare Error', 4, 52)],
  },
  // Look-alike of a found record: a parsed request body is what the client sent, not a row a query loaded.
  {
    code: `export class CheckoutService {
  async place(request: Request) {
    const payload = await request.json();
    if (!payload) return { status: 400 };
    if (!payload.shipping.address) throw new Error('Missing shipping address');
    return this.orders.place(payload);
  }
}`,
    errors: [thrown('a bare Error', 5, 42)],
  },
  // A comment that explains the rule, not a server fault.
  {
    code: `export class InvitationService {
  accept(invitation: Invitation) {
    // The client must accept with the account the invitation was sent to.
    if (!invitation.acceptedUserId) throw new TypeError('The accepted user id is required');
  }
}`,
    errors: [thrown('a bare TypeError', 4, 43)],
  },
  // Look-alike of a library's error class: one imported and thrown as well is the project's error type.
  {
    code: `import { ValidationError } from '../errors';
export async function normalizeRule(rule: Rule) {
  if (!rule.subject) throw new ValidationError('Subject is required');
  try {
    return await RuleSchema.parseAsync(rule);
  } catch (error) {
    if (error instanceof ValidationError) throw new Error(\`Invalid subject: \${rule.subject}\`);
    throw error;
  }
}`,
    errors: [thrown('a bare Error', 7, 49, "e.g. 'ValidationError'", oneSuggestion(`import { ValidationError } from '../errors';
export async function normalizeRule(rule: Rule) {
  if (!rule.subject) throw new ValidationError('Subject is required');
  try {
    return await RuleSchema.parseAsync(rule);
  } catch (error) {
    if (error instanceof ValidationError) throw new Error(\`Invalid subject: \${rule.subject}\`);
    throw error;
  }
}`, 'new Error(', 'ValidationError'))],
  },
  // Look-alike of a start-up helper: the same executor in a helper that a request handler calls.
  {
    code: `export async function handle(req: Request) {
  await waitForTables();
}
async function waitForTables() {
  await new Promise<void>((resolve, reject) => {
    if (ready()) return resolve();
    reject('Table structure missing');
  });
}`,
    errors: [rejected('a string', 7, 12)],
  },
];

/**
 * Packages on disk: `answers-400/` has a central Express error handler that answers an error without
 * a status with 400 and its message; `answers-500/` one that answers 500. In the first, a bare Error
 * that asks for a 400 (a rejected value) gets it already; one that asks for a 404 does not.
 */
const WORKSPACE = mkdtempSync(path.join(os.tmpdir(), 'untyped-throw-'));
afterAll(() => {
  rmSync(WORKSPACE, { recursive: true, force: true });
});
for (const [name, status] of [['answers-400', 'err.status || 400'], ['answers-500', '500']] as const) {
  mkdirSync(path.join(WORKSPACE, name, 'src/services'), { recursive: true });
  writeFileSync(path.join(WORKSPACE, name, 'package.json'), JSON.stringify({ name, dependencies: { express: '^4.21.0' } }));
  writeFileSync(path.join(WORKSPACE, name, 'src/app.ts'), `import express, { type ErrorRequestHandler } from 'express';
const app = express();
const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  res.status(${status}).json({ message: err.message });
};
app.use(errorHandler);
`);
}
const PHASES = `export class ExperimentsService {
  async setPhase(experimentId: string, phase: number) {
    const experiment = await this.experiments.findById(experimentId);
    if (!experiment) throw new Error('Experiment not found');
    if (phase >= experiment.phases.length) throw new Error('Invalid phase index');
    if (experiment.phase === phase) throw new Error('Nothing to change: the experiment is already in this phase');
    return this.experiments.update(experimentId, { phase });
  }
}`;
// A 400 default answers a refusal of the current state (asked 409) well enough; a missing record (404)
// answered 400 is still a wrong status.
invalid.push(
  { code: PHASES, filename: path.join(WORKSPACE, 'answers-400/src/services/experiments.service.ts'), mode: 'untyped', errors: [thrown('a bare Error', 4, 28)] },
  { code: PHASES, filename: path.join(WORKSPACE, 'answers-500/src/services/experiments.service.ts'), mode: 'untyped', errors: [thrown('a bare Error', 4, 28), thrown('a bare Error', 5, 50), thrown('a bare Error', 6, 43)] },
);

runRuleTests('no-untyped-throw', rule, { valid, invalid });
