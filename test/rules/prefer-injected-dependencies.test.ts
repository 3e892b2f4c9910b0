import rule from '../../rules/prefer-injected-dependencies.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const error = (line: number, column: number, name: string, kind: string, owner: string, layer = 'service') =>
  ({ messageId: 'constructedDependency' as const, line, column, data: { name, kind, layer, owner } });

runRuleTests('prefer-injected-dependencies', rule, {
  valid: [
    // The factory itself comes through the constructor: a test hands in a fake nodemailer, so the transport built per send is no hard-wired client.
    `import nodemailer from 'nodemailer';
type Mailer = typeof nodemailer;
export class EmailService {
  private nodemailer: Mailer;
  constructor(nodemailer: Mailer, private readonly settings: SettingsService) {
    this.nodemailer = nodemailer;
  }
  async send(message: Message) {
    const config = await this.settings.smtp();
    const transport = this.nodemailer.createTransport({ host: config.host, port: config.port });
    return transport.sendMail(message);
  }
}`,
    // An in-process memo over the service's own loader: a cache of its data, not a cache server's client.
    `import { Injectable } from '@nestjs/common';
import { ExpiringMemo } from '../utils/expiring-memo-cache';
@Injectable()
export class PlanService {
  private readonly plans: ExpiringMemoCache<Plan[]>;
  constructor(private readonly prisma: PrismaService) {
    this.plans = new ExpiringMemoCache(this.loadPlans.bind(this), { ttl: 60_000 });
  }
  private loadPlans() {
    return this.prisma.plan.findMany();
  }
}`,
    // A cache class the file itself declares, over the owner's database handle.
    `import { Injectable } from '@nestjs/common';
class RoutingRuleCache {
  private readonly entries = new Map<string, Rule[]>();
  constructor(private readonly prisma: PrismaService) {}
}
@Injectable()
export class RoutingService {
  private readonly rules: RoutingRuleCache;
  constructor(prisma: PrismaService) {
    this.rules = new RoutingRuleCache(prisma);
  }
}`,
    // Built per call from the call's arguments through a local derived from them, and a literal.
    `import { Injectable } from '@nestjs/common';
import { OAuthSigningClient } from '@acme/oauth-signing';
@Injectable()
export class OAuthHandshakeService {
  async requestToken(integration: IntegrationConfig, provider: ProviderInfo, callbackUrl: string, state: string) {
    const params = new URLSearchParams({ state });
    const signedCallback = \`\${callbackUrl}?\${params.toString()}\`;
    const client = new OAuthSigningClient(integration, provider, signedCallback);
    return client.fetchRequestToken();
  }
  async exchange(integration: IntegrationConfig, provider: ProviderInfo, verifier: string) {
    const client = new OAuthSigningClient(integration, provider, '');
    const token = await client.fetchAccessToken(verifier);
    return token.value;
  }
}`,
    // A client built per call from that call's own arguments (servers a user listed): one per call by nature.
    `import { Injectable } from '@nestjs/common';
import { ToolServerClient } from '@acme/tool-servers';
@Injectable()
export class ToolServerService {
  async probe(servers: Record<string, ServerConfig>) {
    const client = new ToolServerClient(servers);
    try {
      return await client.listTools();
    } finally {
      await client.close();
    }
  }
}`,
    // A DI-built adapter over one SDK that receives only configuration: wrapping the SDK's clients is its job.
    `import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuthenticationClient, ManagementClient } from 'auth0';
@Injectable()
export class IdentityProviderService {
  private readonly auth: AuthenticationClient;
  private readonly management: ManagementClient;
  constructor(configService: ConfigService) {
    this.auth = new AuthenticationClient({ domain: configService.get('IDP_DOMAIN'), clientId: configService.get('IDP_CLIENT_ID') });
    this.management = new ManagementClient({ domain: configService.get('IDP_MANAGEMENT_DOMAIN'), clientId: configService.get('IDP_CLIENT_ID') });
  }
  signUp(email: string) {
    return this.auth.database.signUp({ email });
  }
}`,
    // The same with no constructor at all, the client built once in a start-up hook.
    `import { Injectable, OnModuleInit } from '@nestjs/common';
import { Kafka } from 'kafkajs';
@Injectable()
export class EventsPubSubService implements OnModuleInit {
  private kafka: Kafka;
  onModuleInit() {
    this.kafka = new Kafka({ brokers: [process.env.KAFKA_BROKER] });
  }
}`,
    // No container, but the file makes the one instance: the adapter keeps the clients it builds at start-up.
    `import { Queue, Worker } from 'bullmq';
import nodemailer from 'nodemailer';
class JobService {
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  public async initQueue() {
    this.queue = new Queue('jobs', { connection: { url: config.redis.url } });
  }
  public async initWorker() {
    this.worker = new Worker('jobs', this.handle, { connection: { url: config.redis.url } });
  }
}
export const jobService = new JobService();`,
    // A client set once, on first use, under a test that the field is unset.
    `import { Queue } from 'bullmq';
@Injectable()
export class ExportQueueService {
  private queue: Queue | undefined;
  constructor(private readonly config: ConfigService) {}
  async enqueue(job) {
    if (!this.queue) this.queue = new Queue('exports', { connection: { url: this.config.get('REDIS_URL') } });
    await this.queue.add('export', job);
  }
}`,
    // Apollo's InMemoryCache is an in-process normalised cache, no cache server client.
    `import { ApolloClient, InMemoryCache } from '@apollo/client/core';
export class CatalogService {
  constructor(private readonly http: HttpService) {}
  client(uri: string) {
    return this.http.wrap(new InMemoryCache({ addTypename: false }), uri);
  }
}`,
    // A class that extends the DB client is the client's infrastructure.
    `export class PrismaService extends PrismaClient {
  private readonly replica = new PrismaClient({ datasourceUrl: process.env.REPLICA_URL });
}`,
    // An adapter or provider wraps one SDK: building it is its job.
    `export class S3FileService extends AbstractFileProviderService {
  private readonly client = new S3Client({ region: this.options.region });
}`,
    // A class built per database handle builds a sibling service over the same handle: it follows the owner's handle (a transaction).
    `export class QueueService {
  constructor(public db: Database) {}
  async policies() {
    return new SettingService(this.db).query({ scope: 'instance' });
  }
}`,
    // A class building a copy of itself bound to a transaction: nothing to inject.
    `export default class LedgerService {
  constructor(private readonly options: ServiceOptions) {}
  async post(entry: Entry) {
    return withTransaction(this.options, async (transaction) => {
      const scoped = new LedgerService({ ...this.options, transaction });
      return scoped.record(entry);
    });
  }
}`,
    // A class built per request context builds a sibling over the same context, with overrides and a mode.
    `export default class InvoiceService {
  constructor(private readonly options: ServiceOptions) {}
  async issue(invoice: Invoice, transaction: Transaction) {
    await new InvoiceRepository({ ...this.options, transaction } as ServiceOptions).insert(invoice);
    await new SearchIndexService(this.options, IndexMode.ASYNC).touch(invoice.id);
  }
}`,
    // The transaction-bound context held in a local const first, falling back to the owner's own.
    `export default class LedgerService {
  constructor(private readonly options: ServiceOptions) {}
  async open(data: AccountDraft, transaction?: Transaction, options?: ServiceOptions) {
    const scopedOptions = { ...(options || this.options), transaction };
    return new AccountService(scopedOptions).create(data);
  }
}`,
    // A thread of Node's worker_threads is not a queue consumer.
    `import { Worker } from 'node:worker_threads';
export class ThumbnailService {
  render(path: string) {
    const worker = new Worker('./thumbnail.js', { workerData: path });
    worker.on('error', this.fail);
  }
}`,
    // A factory method hands what it builds to its caller.
    `export class QueueService {
  createQueue(name: string) {
    return new Queue(name, { connection: this.connection });
  }
}`,
    // A factory method that returns what the built object's own set-up call gives back.
    `export class StorageService {
  async createBucketClient(tenant: Tenant): Promise<BucketClient> {
    const settings = await this.settingsFor(tenant);
    return new BucketClient().connect(settings, this.logger);
  }
}`,
    // A factory method that configures what it builds, keeps it and returns it.
    `export class ChannelService {
  async createChannel(options: { name: string }) {
    const channel = new Producer(options, this.transport);
    this.channels.push(channel);
    return channel;
  }
}`,
    // In-process concurrency limiters are not broker clients.
    `export class IndexerService {
  private readonly work = new AsyncQueue('reindex');
  private readonly limiter = new PQueue({ concurrency: 2 });
  private readonly lock = new Mutex();
}`,
    // Test doubles.
    `export class MockMailerService {
  private readonly transport = nodemailer.createTransport({ jsonTransport: true });
}`,
    // A project that wires nothing: a plain controller builds an argument-less service per request, a plain service its siblings.
    `export class GreenhouseController {
  async water(req: Request, res: Response) {
    const schedules = new IrrigationService();
    res.json(await schedules.run(req.params.bedId));
  }
}`,
    `export class IrrigationService {
  private readonly sensors: MoistureService;
  constructor() {
    this.sensors = new MoistureService();
  }
  nextRun = () => new ValveService().nextOpening();
}`,
    // Constructor injection: the reference fix.
    `export class UserService {
  constructor(private readonly users: UserRepository, private readonly mailer: MailService) {}
  async register(dto) { const user = await this.users.create(dto); await this.mailer.sendWelcome(user.email); return user; }
}`,
    // Values, errors, DTOs, collections, dates.
    `export class OrderService {
  private readonly cache = new Map();
  private readonly seen = new Set();
  async place(dto) {
    if (!dto.items.length) throw new ValidationError('empty');
    const placedAt = new Date();
    const url = new URL('/orders', this.baseUrl);
    const event = new OrderPlacedEvent(dto.id, placedAt);
    return new OrderDto(dto.id, url.href, event);
  }
}`,
    `export class PaymentService { charge() { throw new ServiceUnavailableException('down'); } }`,
    `export class PaymentService { charge() { return Promise.reject(new HttpClientError(502)); } }`,
    // NestJS's Logger is constructed per class by convention.
    `@Injectable() export class UsersService { private readonly logger = new Logger(UsersService.name); }`,
    // Not a service or controller.
    `export class UserRepository { private readonly prisma = new PrismaClient(); }`,
    `export class JwtStrategy { private readonly client = new JwksClient({ jwksUri }); }`,
    `export function buildServices() { const prisma = new PrismaClient(); return new UserService(new UserRepository(prisma)); }`,
    // Module level: composition in the service file is another rule's concern.
    `const prisma = new PrismaClient();
export class UserService { find(id) { return this.repo.findById(id); } }`,
    // Static factories and constructor defaults stay injectable.
    `export class UserService {
  static create(prisma) { return new UserService(new UserRepository(prisma)); }
  constructor(private readonly repo = new UserRepository()) {}
}`,
    // Value objects and plain data built per call.
    `export class InvoiceService { total(lines) { const money = new Money(0, 'EUR'); return lines.reduce((sum, line) => sum.add(new Money(line.cents, 'EUR')), money); } }`,
    `export class ExportService { toCsv(rows) { const buffer = Buffer.from(rows.join('\\n')); return new Blob([buffer]); } }`,
    `export class SearchService { matcher(term) { return new RegExp(term.replace(/[.*+?^$]/g, ''), 'i'); } }`,
    `export class AuditController { constructor(private readonly audit: AuditService) {} list() { return this.audit.list(new AbortController().signal); } }`,
    // A query builder call, not a client.
    `export class ReportService { rows() { return this.db.knex('orders').select('*'); } }`,
    `export class ReportService { rows() { return knex('orders').where({ status: 'paid' }); } }`,
    // Composition roots are where construction belongs.
    {
      code: `export class AppService { private readonly prisma = new PrismaClient(); }`,
      filename: 'src/main.ts',
      mode: 'untyped',
    },
    {
      code: `@Module({}) export class UsersModule { service = new UsersService(new UsersRepository()); }`,
      filename: 'src/users/users.module.ts',
      mode: 'untyped',
    },
    {
      code: `export class OrderService { private readonly prisma = new PrismaClient(); }`,
      filename: 'src/container.ts',
      mode: 'untyped',
    },
    // Controllers can be left out.
    {
      code: `export class UsersController { private readonly users = new UsersService(); }`,
      options: [{ checkControllers: false }],
    },
    // Anonymous-in-name look-alikes: `Service` itself, a `Client` type used as a value class.
    `export class OrderService { build() { return new Service(); } }`,
    `export class OrderService { total(items) { return new Decimal(items.length); } }`,
    `export class OrderService { async run() { const controller = new AbortController(); return fetch(this.url, { signal: controller.signal }); } }`,
    `export class NotificationService { emitter = new EventEmitter(); }`,
    // A key-prefixed cache wrapper over the Redis connection the owner already holds: it opens nothing.
    `export default class ReportService {
  constructor(private readonly options: ServiceOptions) {}
  async summary(key: string) {
    const cache = new ReportCache('report-summary', this.options.redis, this.options.log);
    return cache.get(key);
  }
}`,
  ],
  invalid: [
    // A constructor parameter of the same name that the class does not keep: the member is still the module.
    {
      code: `import nodemailer from 'nodemailer';
export class EmailService {
  private nodemailer = nodemailer;
  constructor(private readonly settings: SettingsService, nodemailer?: unknown) {}
  async send(message: Message) {
    const transport = this.nodemailer.createTransport({ host: 'smtp' });
    return transport.sendMail(message);
  }
}`,
      errors: [error(6, 23, 'this.nodemailer.createTransport()', 'a mail client', 'EmailService')],
    },
    // The same factory read off a member the class set itself is the module, hard-wired.
    {
      code: `import nodemailer from 'nodemailer';
export class EmailService {
  private mailer = nodemailer;
  async send(message: Message) {
    const transport = this.mailer.createTransport({ host: 'smtp' });
    return transport.sendMail(message);
  }
}`,
      errors: [error(5, 23, 'this.mailer.createTransport()', 'a mail client', 'EmailService')],
    },
    // A cache class of this file that opens its own Redis connection is a client.
    {
      code: `import Redis from 'ioredis';
class SessionCache {
  private client = new Redis(process.env.REDIS_URL);
}
export class SessionService {
  private cache = new SessionCache();
}`,
      errors: [error(6, 19, 'SessionCache', 'a cache client', 'SessionService')],
    },
    // Per call, but from module values too: a pool per request that one shared pool would serve.
    {
      code: `import { Pool } from 'pg';
export class ReportService {
  async run(sql: string, timeoutMs: number) {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, statement_timeout: timeoutMs });
    return pool.query(sql);
  }
}`,
      errors: [error(4, 18, 'Pool', 'a database client', 'ReportService')],
    },
    // Built per call, but from the owner's configuration: one shared instance would do, so inject it.
    {
      code: `import { Injectable } from '@nestjs/common';
import { ToolServerClient } from '@acme/tool-servers';
@Injectable()
export class ToolServerService {
  constructor(private readonly config: ToolServerConfig) {}
  async probe(name: string) {
    const client = new ToolServerClient(this.config.servers);
    return client.listTools(name);
  }
}`,
      errors: [error(7, 20, 'ToolServerClient', 'an HTTP client', 'ToolServerService')],
    },
    // A local copied from the owner's configuration is no per-call value.
    {
      code: `import { Injectable } from '@nestjs/common';
import { ToolServerClient } from '@acme/tool-servers';
@Injectable()
export class ToolServerService {
  constructor(private readonly config: ToolServerConfig) {}
  async probe(name: string) {
    const servers = this.config.servers;
    const client = new ToolServerClient(servers, name);
    return client.listTools(name);
  }
}`,
      errors: [error(8, 20, 'ToolServerClient', 'an HTTP client', 'ToolServerService')],
    },
    // Nor a local that mixes a parameter with the environment's configuration.
    {
      code: `import { Injectable } from '@nestjs/common';
import { ToolServerClient } from '@acme/tool-servers';
@Injectable()
export class ToolServerService {
  async probe(name: string) {
    const options = { url: process.env.TOOL_SERVER_URL, name };
    const client = new ToolServerClient(options);
    return client.listTools(name);
  }
}`,
      errors: [error(7, 20, 'ToolServerClient', 'an HTTP client', 'ToolServerService')],
    },
    // A cache server's client given configuration, in a method, is still hard-wired.
    {
      code: `import Redis from 'ioredis';
export class SessionService {
  constructor(private readonly settings: SessionSettings) {}
  async touch(id: string) {
    const redis = new Redis(this.settings.redisUrl);
    await redis.expire(id, 3600);
  }
}`,
      errors: [error(5, 19, 'Redis', 'a cache client', 'SessionService')],
    },
    // A call on the built object whose result is returned, outside a factory method: still built here.
    {
      code: `export class StorageService {
  async usage(tenant: Tenant) {
    return new BucketClient().connect(tenant.storage, this.logger);
  }
}`,
      errors: [error(3, 12, 'BucketClient', 'an HTTP client', 'StorageService')],
    },
    // A factory of something else (an account) that a service it builds makes: the service is hard-wired.
    {
      code: `export class SignupService {
  constructor(private readonly settings: SignupSettings) {}
  async createAccount(data: AccountDraft) {
    return new AccountService(this.settings.accounts).create(data);
  }
}`,
      errors: [error(4, 12, 'AccountService', 'a service', 'SignupService')],
    },
    // Built into a const and used, not handed back: the method hard-wires its collaborator.
    {
      code: `export class ChannelService {
  async createChannel(options: { name: string }) {
    const producer = new Producer(options, this.transport);
    await producer.send(options.name);
    return options.name;
  }
}`,
      errors: [error(3, 22, 'Producer', 'a queue client', 'ChannelService')],
    },
    {
      code: `export class OrderService {
  private readonly prisma = new PrismaClient();
}`,
      errors: [error(2, 29, 'PrismaClient', 'a database client', 'OrderService')],
    },
    // A class that takes its collaborators through its constructor builds one more itself.
    {
      code: `export class UserService { constructor(private readonly mailer: Mailer) {} async find(id) { const repo = new UserRepository(); return repo.findById(id); } }`,
      errors: [error(1, 106, 'UserRepository', 'a repository', 'UserService')],
    },
    {
      code: `export class UserService { constructor() { this.repo = new UserRepository(new PrismaClient()); } }`,
      errors: [error(1, 56, 'UserRepository', 'a repository', 'UserService'), error(1, 75, 'PrismaClient', 'a database client', 'UserService')],
    },
    // A repository built per request by a class that wires nothing: the repository layer is not checked, so a client it builds shows only here.
    {
      code: `export class GreenhouseController {
  async beds(req, res) {
    const beds = new BedRepository();
    res.json(await beds.byGreenhouse(req.params.id));
  }
}`,
      errors: [error(3, 18, 'BedRepository', 'a repository', 'GreenhouseController', 'controller')],
    },
    {
      code: `export class IrrigationService { constructor() { this.valves = new ValveDao(); } }`,
      errors: [error(1, 64, 'ValveDao', 'a repository', 'IrrigationService')],
    },
    // Clients report in a class that wires nothing, too.
    {
      code: `export class GreenhouseController { async water(req, res) { const weather = new WeatherClient(); res.json(await weather.forecast()); } }`,
      errors: [error(1, 77, 'WeatherClient', 'an HTTP client', 'GreenhouseController', 'controller')],
    },
    {
      code: `export class OrderService { pool = new Pool({ connectionString: process.env.DATABASE_URL }); }`,
      errors: [error(1, 36, 'Pool', 'a database client', 'OrderService')],
    },
    {
      code: `export class OrderService { ds = new DataSource({ type: 'postgres' }); }`,
      errors: [error(1, 34, 'DataSource', 'a database client', 'OrderService')],
    },
    {
      code: `export class OrderService { db = knex({ client: 'pg', connection: process.env.DATABASE_URL }); }`,
      errors: [error(1, 34, 'knex()', 'a database client', 'OrderService')],
    },
    // A class a DI container builds.
    {
      code: `@Service() export class OrderService { async place(dto) { const payments = new PaymentService(); return payments.charge(dto); } }`,
      errors: [error(1, 76, 'PaymentService', 'a service', 'OrderService')],
    },
    // Built with arguments: the owner chooses the sibling's collaborators.
    {
      code: `export class OrderService { async place(dto) { const payments = new PaymentService(this.ledger, { currency: 'EUR' }); return payments.charge(dto); } }`,
      errors: [error(1, 65, 'PaymentService', 'a service', 'OrderService')],
    },
    // A class that inherits its constructor takes its base's parameters, which the file does not show.
    {
      code: `export class OrderService extends TenantScoped { async place(dto) { const payments = new PaymentService(); return payments.charge(dto); } }`,
      errors: [error(1, 86, 'PaymentService', 'a service', 'OrderService')],
    },
    {
      code: `export class OrderService { http = new HttpClient({ baseUrl: 'https://payments.example.com' }); }`,
      errors: [error(1, 36, 'HttpClient', 'an HTTP client', 'OrderService')],
    },
    {
      code: `export class OrderService { stripe = new Stripe(process.env.STRIPE_KEY); }`,
      errors: [error(1, 38, 'Stripe', 'an HTTP client', 'OrderService')],
    },
    {
      code: `export class OrderService { api = axios.create({ baseURL: 'https://api.example.com' }); }`,
      errors: [error(1, 35, 'axios.create()', 'an HTTP client', 'OrderService')],
    },
    {
      code: `export class MailingService { transport = nodemailer.createTransport({ host: 'smtp' }); }`,
      errors: [error(1, 43, 'nodemailer.createTransport()', 'a mail client', 'MailingService')],
    },
    {
      code: `export class SessionService { redis = new Redis(process.env.REDIS_URL); }`,
      errors: [error(1, 39, 'Redis', 'a cache client', 'SessionService')],
    },
    {
      code: `export class UploadService { s3 = new S3Client({ region: 'eu-west-1' }); }`,
      errors: [error(1, 35, 'S3Client', 'an HTTP client', 'UploadService')],
    },
    // An SDK client built in the constructor of a service that also receives data access and services: it mixes its logic with the client.
    {
      code: `import Stripe from 'stripe';
@Injectable()
export class SubscriptionService {
  private stripe: Stripe;
  constructor(private readonly configService: ConfigService, private readonly prisma: PrismaService) {
    this.stripe = new Stripe(configService.get('STRIPE_KEY'));
  }
}`,
      errors: [error(6, 19, 'Stripe', 'an HTTP client', 'SubscriptionService')],
    },
    // The config-only adapter building its SDK client on every call.
    {
      code: `import { ManagementClient } from 'auth0';
@Injectable()
export class IdentityProviderService {
  constructor(private readonly configService: ConfigService) {}
  block(id: string) {
    return new ManagementClient({ domain: this.configService.get('IDP_DOMAIN') }).users.update({ id }, { blocked: true });
  }
}`,
      errors: [error(6, 12, 'ManagementClient', 'an HTTP client', 'IdentityProviderService')],
    },
    // The module's one instance, but the client is built on every call, not kept.
    {
      code: `import nodemailer from 'nodemailer';
class EmailService {
  public async send(message) {
    const transport = nodemailer.createTransport(config.smtp);
    await transport.sendMail(message);
  }
}
export const emailService = new EmailService();`,
      errors: [error(4, 23, 'nodemailer.createTransport()', 'a mail client', 'EmailService')],
    },
    // The module's one instance, but it also receives a repository: it mixes its own logic with the client.
    {
      code: `import Stripe from 'stripe';
class BillingService {
  private stripe: Stripe | undefined;
  constructor(private readonly invoices: InvoiceRepository) {}
  init() {
    this.stripe = new Stripe(config.stripeKey);
  }
}
export const billingService = new BillingService(invoiceRepository);`,
      errors: [error(6, 19, 'Stripe', 'an HTTP client', 'BillingService')],
    },
    // A DI-built class that receives nothing shows no configuration: its field's SDK client sits beside data access it reaches itself.
    {
      code: `import Stripe from 'stripe';
import { prisma } from '../lib/prisma';
@Injectable()
export class BillingService {
  private readonly stripe = new Stripe(process.env.STRIPE_KEY);
  async upgrade(userId: string) {
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
    await this.stripe.subscriptions.create({ customer: user.stripeId });
  }
}`,
      errors: [error(5, 29, 'Stripe', 'an HTTP client', 'BillingService')],
    },
    // A client rebuilt on a field of this in every call is built per call.
    {
      code: `import nodemailer from 'nodemailer';
@Injectable()
export class MailService {
  private transporter;
  constructor(private readonly configService: ConfigService) {}
  async sendPasswordReset(email: string, link: string) {
    this.transporter = nodemailer.createTransport({ host: this.configService.get('SMTP_HOST'), port: 587 });
    await this.transporter.sendMail({ to: email, text: link });
  }
}`,
      errors: [error(7, 24, 'nodemailer.createTransport()', 'a mail client', 'MailService')],
    },
    // An in-memory repository is still a repository.
    {
      code: `@Injectable()
export class OrderService {
  private readonly orders = new InMemoryOrderRepository();
}`,
      errors: [error(3, 29, 'InMemoryOrderRepository', 'a repository', 'OrderService')],
    },
    // A config-only class no container builds: nothing says it is built once.
    {
      code: `import nodemailer from 'nodemailer';
export class MailService {
  private readonly transport;
  constructor(private readonly config: MailConfig) {
    this.transport = nodemailer.createTransport(config.smtp);
  }
}`,
      errors: [error(5, 22, 'nodemailer.createTransport()', 'a mail client', 'MailService')],
    },
    // A database client is one pool per class, whatever the class receives.
    {
      code: `import { Pool } from 'pg';
@Injectable()
export class ReportsService {
  private readonly pool: Pool;
  constructor(configService: ConfigService) {
    this.pool = new Pool({ connectionString: configService.get('DATABASE_URL') });
  }
}`,
      errors: [error(6, 17, 'Pool', 'a database client', 'ReportsService')],
    },
    {
      code: `@Injectable() export class BillingService { private readonly gateway = new StripeGateway(); }`,
      errors: [error(1, 72, 'StripeGateway', 'an HTTP client', 'BillingService')],
    },
    {
      code: `@Controller('users') export class UsersController { private readonly users = new UsersService(); }`,
      errors: [error(1, 78, 'UsersService', 'a service', 'UsersController', 'controller')],
    },
    {
      code: `export class ReportsController { constructor(private readonly audit: AuditService) {} list = async (req, res) => { res.json(await new ReportRepository().findAll()); }; }`,
      errors: [error(1, 131, 'ReportRepository', 'a repository', 'ReportsController', 'controller')],
    },
    // The same sibling in a class a DI container builds once: inject it.
    {
      code: `@Injectable()
export class QueueService {
  constructor(private readonly db: Database) {}
  async policies() {
    return new SettingService(this.db).query({ scope: 'instance' });
  }
}`,
      errors: [error(5, 12, 'SettingService', 'a service', 'QueueService')],
    },
    // Built with only part of what the owner was built with: a hard-wired collaborator.
    {
      code: `export class QueueService {
  constructor(public db: Database, private readonly mailer: Mailer) {}
  async policies() {
    return new SettingService(this.db).query({ scope: 'instance' });
  }
}`,
      errors: [error(4, 12, 'SettingService', 'a service', 'QueueService')],
    },
    // The context spread into a sibling by a class a DI container builds: inject it.
    {
      code: `@Injectable()
export class LedgerService {
  constructor(private readonly options: ServiceOptions) {}
  post(transaction: Transaction) { return new AuditService({ ...this.options, transaction }).log(); }
}`,
      errors: [error(4, 43, 'AuditService', 'a service', 'LedgerService')],
    },
    // A local object that carries none of the owner's context: a hard-wired collaborator.
    {
      code: `export default class LedgerService {
  constructor(private readonly options: ServiceOptions) {}
  async open(data: AccountDraft) {
    const settings = { region: 'eu', retries: 2 };
    return new AccountService(settings).create(data);
  }
}`,
      errors: [error(5, 12, 'AccountService', 'a service', 'LedgerService')],
    },
    // Parts of the one context object the class was built with: a client configured from its settings, not a view.
    {
      code: `export default class PayoutService {
  private readonly accounts: AccountLookupService;
  constructor(options: ServiceOptions) {
    this.accounts = new AccountLookupService(scopedExecutor(options), options.log);
  }
  tax() { return new TaxService(this.options.tax).rate(); }
}`,
      errors: [error(4, 21, 'AccountLookupService', 'a service', 'PayoutService'), error(6, 18, 'TaxService', 'a service', 'PayoutService')],
    },
    // Parts of one of two constructor parameters: a hard-wired collaborator.
    {
      code: `export class PayoutService {
  private readonly accounts: AccountLookupService;
  constructor(options: ServiceOptions, mailer: Mailer) {
    this.accounts = new AccountLookupService(options.log);
  }
}`,
      errors: [error(4, 21, 'AccountLookupService', 'a service', 'PayoutService')],
    },
    // A constructor parameter's name read outside the constructor is some other value.
    {
      code: `export class PayoutService {
  constructor(private readonly ctx: ServiceOptions) {}
  run(options: Options) { return new AccountLookupService(options, this.ctx.log).all(); }
}`,
      errors: [error(3, 34, 'AccountLookupService', 'a service', 'PayoutService')],
    },
    // A queue Worker imported from a queue library is still a client.
    {
      code: `import { Worker } from 'bullmq';
export class ThumbnailService { start() { this.worker = new Worker('thumbnails', this.render); } }`,
      errors: [error(2, 57, 'Worker', 'a queue client', 'ThumbnailService')],
    },
    {
      code: `export class OrderService { get repo() { return new OrderRepository(this.prisma); } }`,
      errors: [error(1, 49, 'OrderRepository', 'a repository', 'OrderService')],
    },
    {
      code: `export class OrderService { pool = mysql.createPool({ host: 'db' }); }`,
      errors: [error(1, 36, 'mysql.createPool()', 'a database client', 'OrderService')],
    },
    {
      code: `export class AuditService { mongo = new MongoClient(process.env.MONGO_URL); }`,
      errors: [error(1, 37, 'MongoClient', 'a database client', 'AuditService')],
    },
    {
      code: `export class ExportService { async run() { const queue = new Queue('exports'); await queue.add('run', {}); } }`,
      errors: [error(1, 58, 'Queue', 'a queue client', 'ExportService')],
    },
    {
      code: `export class Billing { private readonly prisma = new PrismaClient(); }`,
      filename: 'src/services/billing.ts',
      mode: 'untyped',
      errors: [error(1, 50, 'PrismaClient', 'a database client', 'Billing')],
    },
    {
      code: `@injectable() export class UserService { find = (id) => new UserDao().byId(id); }`,
      errors: [error(1, 57, 'UserDao', 'a repository', 'UserService')],
    },
    // The client class itself over the owner's handle opens its own connection.
    {
      code: `export default class ReportService {
  constructor(private readonly options: ServiceOptions) {}
  async summary(key: string) {
    const redis = new Redis(this.options.redis);
    return redis.get(key);
  }
}`,
      errors: [error(4, 19, 'Redis', 'a cache client', 'ReportService')],
    },
    // A cache wrapper given the client's settings from a configuration object builds its own connection.
    {
      code: `export default class ReportService {
  constructor(private readonly config: ReportConfig) {}
  async summary(key: string) {
    const cache = new ReportCache('report-summary', this.config.redis);
    return cache.get(key);
  }
}`,
      errors: [error(4, 19, 'ReportCache', 'a cache client', 'ReportService')],
    },
  ],
});
