import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import rule, { type MessageId, type Options } from '../../rules/no-swallowed-errors.js';
import { runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';
import { positionOf as at } from '../helpers/source-position.js';

type Case = Invalid<MessageId, Options>;

function swallowed(code: string, needle: string, site: string, options?: Options): Case {
  return { code, ...(options === undefined ? {} : { options }), errors: [{ messageId: 'swallowed', data: { site }, ...at(code, needle) }] };
}

function loggedOnly(code: string, needle: string, site: string, how: string): Case {
  return { code, errors: [{ messageId: 'loggedWithoutError', data: { site, how }, ...at(code, needle) }] };
}

const LOADER_HELPER = (typeSource: string, exported = ''): string => `import type { LoaderOptions } from '${typeSource}';
${exported}async function syncCarriers(container) {
  try {
    await container.resolve('carrierService').upsert(knownCarriers);
  } catch (error) {
    logger.error(\`carrier sync failed: \${error.message}\`);
  }
}
export default async function loadCarriers({ container }: LoaderOptions) {
  await syncCarriers(container);
}`;
const SCHEMA_EMIT = (factory: string): string => `export async function writeSchemaFile(target) {
  try {
    const app = await ${factory}.create(SchemaModule);
    await app.init();
    await writeFile(target, printSchema(app.get(SchemaFactory).create()));
  } catch (e) {
    logger.error(\`schema emit failed: \${e}\`);
  }
}`;

// A component's constructor runs once while the app is wired: a DI component, or one that reads its configuration.
const DI_CONSTRUCTOR = `@Injectable()
export class SearchIndexer {
  constructor(private readonly search: SearchClient) {
    this.search.createIndex('products').catch(() => {});
  }
}`;
const CONFIG_CONSTRUCTOR = `export class MailTransport {
  constructor(options: MailTransportOptions) {
    this.transport = createTransport(options);
    this.transport.verify().catch(() => {});
  }
}`;
// Look-alike: a value object built for each request; its constructor runs on the request path.
const PER_REQUEST_CONSTRUCTOR = `export class OrderReceipt {
  constructor(readonly order: Order, mailer: Mailer) {
    mailer.sendReceipt(order).catch(() => {});
  }
}`;

/**
 * Folders on disk, for the evidence of a file's neighbours: `quota/` keeps a feature's browser half
 * (`client.ts`) beside its server half (`server.ts`); `ledger/` holds a `client.ts` alone, the
 * server's own client of a ledger API.
 */
const WORKSPACE = mkdtempSync(path.join(os.tmpdir(), 'swallowed-'));
afterAll(() => {
  rmSync(WORKSPACE, { recursive: true, force: true });
});
for (const file of ['src/quota/client.ts', 'src/quota/server.ts', 'src/ledger/client.ts']) {
  mkdirSync(path.dirname(path.join(WORKSPACE, file)), { recursive: true });
  writeFileSync(path.join(WORKSPACE, file), '');
}
// The page's quota: a failed fetch falls back to the free plan's limits in the browser.
const QUOTA_FETCH = `declare const NEXT_PUBLIC_APP_URL: string;
export const getQuota = (workspaceId: number) =>
  fetch(\`\${NEXT_PUBLIC_APP_URL}/api/quota?workspace=\${workspaceId}\`)
    .then((res) => res.json())
    .catch(() => FREE_PLAN_QUOTA);`;
const CLIENT_COMPONENT = `'use client';
export async function loadInvoices(customerId: string) {
  try {
    return await fetchInvoices(customerId);
  } catch {
    return [];
  }
}`;

const valid: Valid<Options>[] = [
  // The error kept under another name before it is logged whole.
  `export async function syncForwarder(id: string) {
  try {
    await forwarder.sync(id);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    logger.error({ err: error, id }, 'Forwarder sync failed');
  }
}`,
  // Browser code serves no request: the client half of a client/server pair, a client component.
  { code: QUOTA_FETCH, filename: path.join(WORKSPACE, 'src/quota/client.ts'), mode: 'untyped' },
  CLIENT_COMPONENT,
  // Start-up code: a framework's start-up hook (Medusa's module loader, typed by its LoaderOptions) and
  // the helper only it calls; a function that builds the Nest application (a bootstrap or a schema emit).
  LOADER_HELPER('@medusajs/framework/types'),
  SCHEMA_EMIT('NestFactory'),
  // The error goes on: rethrown, wrapped with its cause, passed to next / reject / a callback.
  `async function save(order) { try { await orderRepository.save(order); } catch (err) { logger.warn('save failed, giving up'); throw err; } }`,
  `async function sync(account) { try { await billing.push(account); } catch (err) { throw new SyncError('billing push failed', { cause: err }); } }`,
  `router.get('/orders', async (req, res, next) => { try { res.json(await orderService.list()); } catch (err) { next(err); } });`,
  `function load(id) { return new Promise((resolve, reject) => { store.get(id).then(resolve).catch((err) => reject(err)); }); }`,
  `async function handle(job, done) { try { await mailer.send(job.data); done(); } catch (err) { done(err); } }`,
  // Logged with the error object.
  `async function refresh() { try { await rates.refresh(); } catch (err) { logger.error({ err }, 'rate refresh failed'); } }`,
  `async function refresh() { try { await rates.refresh(); } catch (error) { this.logger.error('rate refresh failed', error); } }`,
  `async function refresh() { try { await rates.refresh(); } catch (error) { console.error('rate refresh failed', error.stack); } }`,
  // Converted into a domain error, or into a failure value the caller handles.
  `async function register(data) { try { return await prisma.user.create({ data }); } catch (e) { if (e.code === 'P2002') throw new ConflictError('Email already registered'); throw e; } }`,
  `async function getToken(id) { try { return E.right(await prisma.token.findUniqueOrThrow({ where: { id } })); } catch { return E.left(TOKEN_NOT_FOUND); } }`,
  `async function charge(order) { try { await payments.charge(order); return { ok: true }; } catch (err) { return { ok: false, error: err }; } }`,
  `async function charge(order) { try { await payments.charge(order); return { success: true }; } catch { return { success: false }; } }`,
  // Recorded elsewhere: a tracker, a span, a status field, a failure counter.
  `async function notify(user) { try { await push.send(user); } catch (err) { Sentry.captureException(err); } }`,
  `async function notify(user) { try { await push.send(user); } catch (err) { span.recordException(err); return null; } }`,
  `async function run(job) { try { await exporter.export(job); } catch { job.status = 'failed'; } }`,
  `async function run(jobs) { let failed = 0; for (const job of jobs) { try { await exporter.export(job); } catch { failed++; } } return failed; }`,
  `async function run() { try { await cron(); await cronCompleted(); } catch (_error) { await cronFailed(); } }`,
  // Local work with an intended fallback.
  `function parse(text) { try { return JSON.parse(text); } catch { return undefined; } }`,
  `function toUrl(text) { try { return new URL(text); } catch { return null; } }`,
  `function decode(value) { try { return Buffer.from(value, 'base64').toString('utf8'); } catch { return ''; } }`,
  `async function loadSharp() { try { return await import('sharp'); } catch { return undefined; } }`,
  `import { promises as fs } from 'node:fs';\nasync function exists(file) { try { await fs.access(file); return true; } catch { return false; } }`,
  `import { stat } from 'node:fs/promises';\nasync function size(file) { try { return (await stat(file)).size; } catch { return 0; } }`,
  `async function readPayload(req) { const body = await req.json().catch(() => null); return body; }`,
  `async function verify(token) { try { await jwt.verify(token, key); return true; } catch { return false; } }`,
  `async function currentUser(token) { try { return await verifySessionToken(token); } catch { return undefined; } }`,
  // Best-effort cleanup: in a finally, on an error path, in a shutdown hook, closing or removing.
  `async function report(file) { try { await upload(file); } finally { try { await fs.unlink(file); } catch {} } }`,
  `async function transfer(tx) { try { await tx.commit(); } catch (err) { try { await tx.rollback(); } catch {} throw err; } }`,
  `class Db { async onModuleDestroy() { try { await this.pool.end(); } catch {} } }`,
  `async function stop(server) { try { await server.close(); } catch {} }`,
  `async function release(lock) { await lock.release().catch(() => {}); }`,
  `async function trigger(url) { await Promise.race([fetch(url).catch(() => null), sleep(150)]); }`,
  `async function limited(key) { try { return await Promise.race([redis.incr(key), deadline(50)]); } catch { return false; } }`,
  `async function firstEvent(reader) { const event = await reader.read(); await reader.cancel().catch(() => {}); return event; }`,
  // A token judged by a JWT helper: an expired or forged token is the expected "no".
  `async function actorFromCookie(ctx) { const token = ctx.cookies.get('session'); try { return (await loadAccountForJwt(token)).account; } catch { return undefined; } }`,
  // Get-or-create: a failed read falls through to the create, which fails loudly if the store is down.
  `async function getOrCreateDeviceId() { const stored = await readSetting('device-id').catch(() => null); if (stored) return stored; return createSetting('device-id', randomUUID()); }`,
  // Get-or-create written as a fall-through: the failed read leads to the create, which fails loudly.
  `async function deviceId() { try { const stored = await settings.read('device-id'); if (stored) return stored.value; } catch {} return insertSetting('device-id', randomUUID()); }`,
  // Get-or-create in the catch: the try only reads, the catch creates (by name, or a create command sent to a bus).
  `class SlotHandler { async execute(input) { try { return await this.slots.findOneByOptions({ where: input }); } catch (error) { return await this.commandBus.execute(new SlotCreateCommand(input)); } } }`,
  `class CategoryService { async firstOrCreate(input) { try { return await this.categories.findOneBy({ name: input.name }); } catch { this.logger.warn('category lookup failed'); return this.categories.create(input); } } }`,
  // Get-or-create through a variable the catch clears: the create after the test fails loudly.
  `class PinService { async pin(filter, entity) { let pin; try { pin = await this.pins.findOneBy(filter); } catch { pin = null; } if (!pin) { pin = new Pin(entity); } return await this.pins.save(pin); } }`,
  // An in-process event bus: publish hands the event over and cannot reject.
  `import { EventBus } from '@nestjs/cqrs';\nclass SprintService { constructor(private readonly eventBus: EventBus) {} async assign(members, sprintId) { try { await Promise.all(members.map((member) => this.eventBus.publish(new MemberAssignedEvent(sprintId, member.id)))); } catch (error) {} await this.sprints.save(sprintId); } }`,
  // In-process image decoding: failure says the file is no image.
  `import sharp from 'sharp';\nasync function imageSize(file) { try { const info = await sharp(file).metadata(); return { width: info.width, height: info.height }; } catch (error) { return {}; } }`,
  // A map of file probes awaited together is judged by what each callback waits for.
  `import { stat } from 'node:fs/promises';\nasync function sizes(files) { try { return await Promise.all(files.map((file) => stat(file))); } catch { return []; } }`,
  // A function that answers only true or false reports a failure as false.
  `async function probeProvider(provider) { try { const quote = await provider.quote('AAPL'); if (quote.price > 0) { return true; } } catch {} return false; }`,
  `async function sendReceipt(order) { try { await mailer.send(order.email); return true; } catch { return false; } }`,
  // A connection opened inside a promise executor: its text says all.
  `async function connectBus(url) { const client = new Redis(url, { lazyConnect: true }); try { await new Promise(async (resolve) => { await client.connect(resolve); }); } catch (err) { logger.error(\`bus connection failed: \${err}\`); } return client; }`,
  // The log line states the failure is the expected duplicate.
  `async function trigger(alert) { try { await insertTrigger(alert); } catch { logger.error('trigger already exists, not sending again'); return; } await notify(alert); }`,
  // Product analytics and telemetry are best-effort.
  `function trackUsage(event) { setupAnalytics(event.workspace).then((client) => client.track(event)).catch(() => { logger.warn('analytics event not sent'); }); }`,
  // Caches are best-effort.
  `async function getRates() { try { const hit = await this.cacheManager.get('rates'); if (hit) return hit; } catch {} return this.loadRates(); }`,
  // A cache's own code fails open: a failed read is a miss, a failed write is skipped, and it notes the failure.
  `class RedisSessionCache implements SessionCache { async read(key) { try { return JSON.parse(await this.client.get(key)); } catch (e) { this.logger.warn(\`session cache read failed: \${e.message}\`); return undefined; } } }`,
  `class TokenStore implements CacheStore { async read(key) { try { return await this.client.get(key); } catch { await this.client.del(key); return null; } } }`,
  `const buildCache = (provider) => ({ remove: async (key) => { try { await provider.delete(key); } catch (err) { logger.warn(\`could not remove \${key}: \${err.message}\`); } } });`,
  // Explained by a comment.
  `async function sendMetric(point) {\n  // Fail silently: the metrics sink is a side channel.\n  try { await statsd.send(point); } catch {}\n}`,
  `async function track(event) { try { await analytics.track(event); } catch { /* analytics is fire-and-forget; the request must not depend on it */ } }`,
  `async function touch(key) {\n  // Best effort: a failed bookkeeping write must never fail the request.\n  await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(key).catch(() => {});\n}`,
  // A promise held in a variable is awaited elsewhere; `.catch` here only marks the rejection handled.
  `function start(loader) { const pending = loader.run(); pending.catch(() => {}); return pending; }`,
  // Not a promise: a schema's fallback value.
  `import { z } from 'zod';\nconst page = z.coerce.number().catch(() => 1).parse(input);`,
  // Answers the request: prefer-central-error-handler judges it.
  `router.get('/orders', async (req, res) => { try { res.json(await orderService.list()); } catch { res.status(500).json({ message: 'Could not list orders' }); } });`,
  `export async function GET() { try { return Response.json(await reports.latest()); } catch { return NextResponse.json({ error: 'unavailable' }, { status: 503 }); } }`,
  // The handler's response object handed to the project's response helper answers the request.
  `export default async (req, res) => { try { const quote = await carriers.quote(req.body); return req.responder.success(req, res, quote); } catch (e) { return req.responder.error(req, res, new BadInput(req.locale)); } };`,
  `async function rates(request, reply) { try { return await ledger.rates(request.query); } catch { return sendProblem(reply, 502); } }`,
  `router.get('/quotes', async (req, res) => { try { res.json(await quotes.latest()); } catch { respondUnavailable(res); } });`,
  // Names that promise not to throw, health probes, predicates answering a boolean, ensure-exists.
  `async function findUserOrNull(id) { try { return await users.findById(id); } catch { return null; } }`,
  `class Health { async isDatabaseHealthy() { try { await this.db.query('select 1'); return true; } catch { return false; } } }`,
  `async function canSeeAccount(user, account) { try { await policy.authorize(user, account); return true; } catch { return false; } }`,
  `class Roles { async ensureAdminRoleExists() { try { await this.roles.findAdmin(); } catch { await this.roles.createAdmin(); } } }`,
  // A failed connection logged as text: its message names the host and the cause; the stack is the driver's.
  `async function connectQueue(url, logger) { const client = new Redis(url, { lazyConnect: true }); try { await client.connect(); } catch (err) { logger.error(\`queue connection to \${url} failed: \${err}\`); } return client; }`,
  // The log line states the fallback the code takes: the failure was expected.
  `async function seedCurrencies(service, logger) { try { await service.upsert(DEFAULT_CURRENCIES); } catch (error) { logger.warn(\`Could not load currencies, skipping: \${error.message}\`); } }`,
  `async function quotes(symbols) { try { return await primary.quote(symbols); } catch (error) { this.logger.error(error.message); this.logger.warn('Falling back to the secondary provider'); return secondary.quote(symbols); } }`,
  // A claim conditioned on the row's state fails when another worker took it first: the expected race.
  `async function claim(jobId) { const job = await prisma.job.update({ where: { id: jobId, state: 'QUEUED' }, data: { state: 'RUNNING' } }).catch(() => null); return job; }`,
  // Logged at a level that files the failure as expected.
  `async function preview(url) { try { return await unfurl.fetch(url); } catch (err) { logger.info(\`no preview for \${url}: \${err.message}\`); return undefined; } }`,
  // Synchronous work, or a promise the try does not await: the catch guards local code only.
  `function render(template, data) { try { return engine.render(template, data); } catch { return ''; } }`,
  // Outside application code: module top level, a test hook.
  `try { await warmUp(); } catch {}`,
  `afterAll(async () => { try { await dropDatabase(); } catch {} });`,
  DI_CONSTRUCTOR,
  CONFIG_CONSTRUCTOR,
  // Options.
  { code: `async function refresh() { try { await rates.refresh(); } catch (err) { logger.error(err.message); } }`, options: [{ checkLoggedWithoutError: false }] },
  { code: `async function find(id) { return orders.findById(id).catch(() => null); }`, options: [{ checkPromiseCatch: false }] },
];

const EMPTY = `async function save(order) { try { await orderRepository.save(order); } catch {} }`;
const RETURN_NULL = `async function findUser(id) {\n  try {\n    return await prisma.user.findUnique({ where: { id } });\n  } catch (err) {\n    return null;\n  }\n}`;
const PROMISE_NULL = `async function loadEnvelope(id) { const envelope = await envelopeService.get(id).catch(() => null); if (!envelope) throw new NotFoundError('Envelope'); return envelope; }`;
const TESTED_ONLY = `async function readAvatar(key) { try { return await storage.read(key); } catch (err) { if (err.code === 'ENOENT') return null; } }`;
const TODO = `async function sync() { try { await crm.push(contacts); } catch { // TODO handle this\n } }`;
const NO_ERROR = `async function refresh() { try { await rates.refresh(); } catch { logger.error('rate refresh failed'); } }`;
const MESSAGE_ONLY = `async function refresh() { try { await rates.refresh(); } catch (err) { logger.error(err.message); } }`;
const TEMPLATE = `async function refresh() { try { await rates.refresh(); } catch (error) { this.logger.warn(\`rate refresh failed: \${error}\`); } }`;
const PROMISE_LOG = `function notify(user) { return mailer.send(user).catch((err) => console.error('mail failed', err.message)); }`;
const CANCEL_ORDER = `async function cancel(id) { await orderService.cancel(id).catch(() => {}); }`;
const GET_OR_CREATE_LOOKALIKE = `async function getCreatorProfile(id) { try { return await profiles.findById(id); } catch { return null; } }`;
const REPORTS_TEXT = `async function alert(args) { try { await mailer.sendAlert(args); } catch (error) { logger.error('alert failed', { reason: error.message }); void reportBackgroundError(\`alert mail failed for \${args.site}\`); } }`;
const ANALYTICS_TABLE = `async function removeUser(id) { try { await prisma.analytics.delete({ where: { userId: id } }); } catch {} return prisma.user.delete({ where: { id } }); }`;
const DEFAULT_WORD = `async function syncTenant(id) { try { await tenants.sync(id); } catch (err) { logger.error(\`default tenant sync failed: \${err.message}\`); } }`;
const UNCONDITIONAL_UPDATE = `async function finish(jobId) { await prisma.job.update({ where: { id: jobId }, data: { state: 'DONE' } }).catch(() => null); }`;
const CONNECT_EMPTY = `async function connectQueue(url) { const client = new Redis(url, { lazyConnect: true }); try { await client.connect(); } catch {} return client; }`;
const GET_OR_CREATE_NAME = `async function getOrCreateSession(id) { const session = await sessions.find(id).catch(() => null); return session; }`;
const READ_THEN_NO_CREATE = `async function profileOf(id) { const profile = await profiles.find(id).catch(() => null); if (!profile) return DEFAULT_PROFILE; return profile; }`;
const NOT_FOUND_THEN_CREATE = `async function consume(id, user) { const token = await tokens.delete(id).catch(() => null); if (!token) throw new AppError('INVALID_REQUEST'); return createSession(user); }`;
const BOOLEAN_LOGGED_TEXT = `async function collect(invoice) { try { await gateway.charge(invoice); return true; } catch (e) { logger.error('charge failed'); return false; } }`;
const BOOLEAN_AND_DATA = `async function sync(account) { try { await crm.push(account); } catch {} if (account.dirty) return false; return account.id; }`;
const PROMISE_EXECUTOR_WORK = `async function upload(file) { try { await new Promise(async (resolve) => { await storage.put(file); resolve(); }); } catch (err) { logger.error(\`upload failed: \${err}\`); } }`;
const CACHE_EMPTY = `class QuoteCache { async read(key) { try { return await this.client.get(key); } catch {} return undefined; } }`;
const CACHED_NAME = `class RatesService { async getCachedRates() { try { return await this.rates.findMany(); } catch (e) { this.logger.warn(e.message); return []; } } }`;
const WARNS_AGAINST_SILENCE = `async function charge(order) {\n  // Report it rather than silently dropping the charge.\n  try { await payments.charge(order); } catch {}\n}`;
const CATCH_CREATES_AFTER_WRITE = `async function charge(order) { try { await payments.charge(order); } catch { await invoices.createDraft(order); } }`;
const CLEARS_READ_NO_CREATE = `class PinService { async pinOf(filter) { let pin; try { pin = await this.pins.findOneBy(filter); } catch { pin = null; } if (!pin) return DEFAULT_PIN; return pin; } }`;
const CREATES_ON_NOT_FOUND_ONLY = `class AlertService { async settingOf(userId) { let setting; try { setting = await this.settings.findOneBy({ userId }); } catch (error) { if (error instanceof NotFoundError) { setting = await this.settings.create({ userId }); } } return setting; } }`;
const OWN_EVENT_BUS = `import { EventBus } from './outbox';\nclass SprintService { constructor(private readonly eventBus: EventBus) {} async assign(members, sprintId) { try { await Promise.all(members.map((member) => this.eventBus.publish(new MemberAssignedEvent(sprintId, member.id)))); } catch (error) {} await this.sprints.save(sprintId); } }`;
const MAPPED_WRITES = `async function saveAll(rows) { try { await Promise.all(rows.map((row) => repo.save(row))); } catch {} }`;
const LOCAL_NAMED_SHARP = `import { sharp } from './render-client';\nasync function imageSize(file) { try { const info = await sharp(file).metadata(); return { width: info.width }; } catch (error) { return {}; } }`;
const LOCAL_RES = `async function pushRates(rates) { const res = await ledger.prepare(rates); try { await ledger.commit(res.batchId); } catch { markPending(res); } }`;
const CLEARS_READ_AFTER_WRITE = `class CheckoutService { async complete(orderId) { let receipt; try { await this.payments.capture(orderId); receipt = await this.receipts.findByOrder(orderId); } catch { receipt = null; } if (!receipt) receipt = await this.receipts.create({ orderId }); return receipt; } }`;
const ADDS_TO_SET = `class CatalogService { async tags(id, missing) { try { return await this.catalog.fetchTags(id); } catch { missing.add(id); return []; } } }`;
const RES_TO_HEADER_HELPER = `router.get('/invoices', async (req, res) => { try { res.json(await invoices.findAll()); } catch (err) { setNoCache(res); } });`;
const THEN_CHAIN = `async function limits() { return fetch(url).then((res) => res.json()).catch(() => DEFAULT_LIMITS); }`;

const invalid: Case[] = [
  swallowed(PER_REQUEST_CONSTRUCTOR, 'catch(', 'empty .catch() callback'),
  swallowed(EMPTY, 'catch {}', 'empty catch'),
  swallowed(RETURN_NULL, 'catch (err)', 'catch'),
  swallowed(PROMISE_NULL, 'catch(() => null)', '.catch() callback'),
  swallowed(TESTED_ONLY, 'catch (err)', 'catch'),
  swallowed(TODO, 'catch {', 'empty catch'),
  swallowed(CANCEL_ORDER, 'catch(', 'empty .catch() callback'),
  swallowed(THEN_CHAIN, 'catch(() => DEFAULT', '.catch() callback'),
  // Kept under another name, but only its text reaches the log.
  loggedOnly(`export async function syncForwarder(id: string) {
  try {
    await forwarder.sync(id);
  } catch (e) {
    const error = e as Error;
    logger.error(\`Forwarder sync failed: \${error.message}\`);
  }
}`, 'catch (e)', 'catch', 'only its text'),
  loggedOnly(NO_ERROR, 'catch {', 'catch', 'no error at all'),
  loggedOnly(MESSAGE_ONLY, 'catch (err)', 'catch', 'only its text'),
  loggedOnly(TEMPLATE, 'catch (error)', 'catch', 'only its text'),
  loggedOnly(PROMISE_LOG, 'catch((err)', '.catch() callback', 'only its text'),
  // A cache's empty catch still hides the failure; a name that merely mentions caching is no cache.
  swallowed(CACHE_EMPTY, 'catch {}', 'empty catch'),
  // A failed connection that leaves no trace at all is still lost.
  // A tracker handed only a text files a message, not the error.
  loggedOnly(REPORTS_TEXT, 'catch (error)', 'catch', 'only its text'),
  // A table named analytics is data like any other.
  swallowed(ANALYTICS_TABLE, 'catch {}', 'empty catch'),
  // "default" as a name in the text states no fallback.
  loggedOnly(DEFAULT_WORD, 'catch (err)', 'catch', 'only its text'),
  // An update pinned by its key alone is no claim: its failure is lost.
  swallowed(UNCONDITIONAL_UPDATE, 'catch(', '.catch() callback'),
  swallowed(CONNECT_EMPTY, 'catch {}', 'empty catch'),
  swallowed(GET_OR_CREATE_LOOKALIKE, 'catch {', 'catch'),
  loggedOnly(CACHED_NAME, 'catch (e)', 'catch', 'only its text'),
  // A get-or-create name whose code creates nothing, a read whose fallback is no create.
  swallowed(GET_OR_CREATE_NAME, 'catch(', '.catch() callback'),
  swallowed(READ_THEN_NO_CREATE, 'catch(', '.catch() callback'),
  // A failed read answered as "not found" hides the outage, whatever the function creates afterwards.
  swallowed(NOT_FOUND_THEN_CREATE, 'catch(', '.catch() callback'),
  // A function that also answers data is no yes/no question; a yes/no function whose catch logs a problem needs its cause.
  swallowed(BOOLEAN_AND_DATA, 'catch {}', 'empty catch'),
  loggedOnly(BOOLEAN_LOGGED_TEXT, 'catch (e)', 'catch', 'no error at all'),
  // The work a promise executor awaits is judged as such: an upload is no connection.
  loggedOnly(PROMISE_EXECUTOR_WORK, 'catch (err)', 'catch', 'only its text'),
  // A comment that names silence as what to avoid explains nothing.
  swallowed(WARNS_AGAINST_SILENCE, 'catch {}', 'empty catch'),
  // A LoaderOptions of the project's own is no framework hook; an exported helper may serve requests; a
  // factory that is not Nest's builds no application.
  loggedOnly(LOADER_HELPER('./types'), 'catch (error)', 'catch', 'only its text'),
  loggedOnly(LOADER_HELPER('@medusajs/framework/types', 'export '), 'catch (error)', 'catch', 'only its text'),
  loggedOnly(SCHEMA_EMIT('reportFactory'), 'catch (e)', 'catch', 'only its text'),
  // A `client.ts` with no `server.ts` beside it is the server's own client; a server file's fallback is lost on a request.
  { ...swallowed(QUOTA_FETCH, 'catch(', '.catch() callback'), filename: path.join(WORKSPACE, 'src/ledger/client.ts'), mode: 'untyped' },
  { ...swallowed(QUOTA_FETCH, 'catch(', '.catch() callback'), filename: path.join(WORKSPACE, 'src/quota/server.ts'), mode: 'untyped' },
  swallowed(CLIENT_COMPONENT.replace("'use client'", "'use server'"), 'catch {', 'catch'),
  // A catch that creates after a failed write is no get-or-create; a cleared read with no create after it hides the outage.
  swallowed(CATCH_CREATES_AFTER_WRITE, 'catch {', 'catch'),
  swallowed(CLEARS_READ_NO_CREATE, 'catch {', 'catch'),
  // A create reached only by the "not found" error drops every other one.
  swallowed(CREATES_ON_NOT_FOUND_ONLY, 'catch (error)', 'catch'),
  // The project's own event bus may deliver over the network; writes mapped into Promise.all are real work.
  swallowed(OWN_EVENT_BUS, 'catch (error) {}', 'empty catch'),
  swallowed(MAPPED_WRITES, 'catch {}', 'empty catch'),
  // A function named sharp from the project's own client is no image decoder.
  swallowed(LOCAL_NAMED_SHARP, 'catch (error)', 'catch'),
  // A local variable named res is no response object.
  swallowed(LOCAL_RES, 'catch {', 'catch'),
  // A try that writes before it reads is no get-or-create: the capture's failure is dropped.
  swallowed(CLEARS_READ_AFTER_WRITE, 'catch {', 'catch'),
  // Adding to an in-memory set stores no record: the fetch's failure is dropped.
  swallowed(ADDS_TO_SET, 'catch {', 'catch'),
  // A helper that only sets headers on the response does not answer the request.
  swallowed(RES_TO_HEADER_HELPER, 'catch (err)', 'catch'),
  // Jobs and workers are in scope: a swallowed failure there is as lost.
  { ...swallowed(`export async function sendDigest(job) { try { await mailer.sendDigest(job.data); } catch {} }`, 'catch {}', 'empty catch'), filename: 'src/jobs/send-digest.ts', mode: 'untyped' },
];

runRuleTests('no-swallowed-errors', rule, { valid, invalid });
