/**
 * Classes and factories that a service should receive rather than construct (SPEC §4
 * `prefer-injected-dependencies`), and value classes that are fine to construct anywhere.
 */

export type DependencyKind = 'db-client' | 'repository' | 'service' | 'http-client' | 'mail-client' | 'cache-client' | 'queue-client';

/** Exact class names of clients. Sources: the READMEs of each package. */
export const DEPENDENCY_CLASSES = {
  PrismaClient: 'db-client', Pool: 'db-client', Client: 'db-client', DataSource: 'db-client', Knex: 'db-client', Sequelize: 'db-client',
  MongoClient: 'db-client', MikroORM: 'db-client', Kysely: 'db-client', Database: 'db-client', Connection: 'db-client', EntityManager: 'db-client',
  Redis: 'cache-client', IORedis: 'cache-client', Cluster: 'cache-client', Keyv: 'cache-client', Memcached: 'cache-client',
  Stripe: 'http-client', Axios: 'http-client', HttpClient: 'http-client', HttpService: 'http-client', GraphQLClient: 'http-client',
  S3Client: 'http-client', S3: 'http-client', SQSClient: 'queue-client', SNSClient: 'queue-client', SESClient: 'mail-client', SESv2Client: 'mail-client',
  Queue: 'queue-client', Worker: 'queue-client', Kafka: 'queue-client', Producer: 'queue-client', Twilio: 'http-client',
  Resend: 'mail-client', Mailgun: 'mail-client', SendGrid: 'mail-client', MailService: 'mail-client', Transporter: 'mail-client',
} as const satisfies Readonly<Record<string, DependencyKind>>;

/** Class-name patterns of collaborators (longest match wins). */
export const DEPENDENCY_CLASS_PATTERNS = [
  ['*Repository', 'repository'], ['*Repo', 'repository'], ['*Dao', 'repository'], ['*DAO', 'repository'],
  ['*Service', 'service'], ['*UseCase', 'service'], ['*Gateway', 'http-client'], ['*ApiClient', 'http-client'], ['*HttpClient', 'http-client'],
  ['*Client', 'http-client'], ['*Mailer', 'mail-client'], ['*MailService', 'mail-client'], ['*EmailService', 'mail-client'],
  ['*Publisher', 'queue-client'], ['*Producer', 'queue-client'], ['*Queue', 'queue-client'], ['*Cache', 'cache-client'],
] as const satisfies readonly (readonly [string, DependencyKind])[];

/** Factory calls that open a client: `knex(config)`, `mysql.createPool(…)`, `nodemailer.createTransport(…)`, `axios.create(…)`, `createClient()` (redis). */
export const DEPENDENCY_FACTORIES = {
  knex: 'db-client', createPool: 'db-client', createConnection: 'db-client', drizzle: 'db-client', createTransport: 'mail-client',
  'axios.create': 'http-client', createClient: 'cache-client',
} as const satisfies Readonly<Record<string, DependencyKind>>;

/**
 * Values that are fine to construct anywhere: built-ins, errors, DTOs and other data objects.
 * Checked before the dependency patterns, so `HttpClientError` and `ServiceUnavailableException` are values.
 */
export const VALUE_CLASSES = [
  'Date', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'URL', 'URLSearchParams', 'RegExp', 'Promise', 'Array', 'Buffer', 'Uint8Array',
  'ArrayBuffer', 'TextEncoder', 'TextDecoder', 'AbortController', 'Headers', 'Request', 'Response', 'FormData', 'Blob', 'Intl.NumberFormat',
  'Intl.DateTimeFormat', 'Decimal', 'Prisma.Decimal', 'BigNumber', 'Big', 'ObjectId', 'Types.ObjectId', 'EventEmitter', 'Logger', 'Subject',
  'BehaviorSubject',
  // In-process concurrency limiters, not broker clients: p-queue (https://github.com/sindresorhus/p-queue), async-mutex, hand-written task queues.
  'PQueue', 'AsyncQueue', 'Mutex', 'Semaphore',
] as const satisfies readonly string[];

/** In-process caches (Apollo's `InMemoryCache`, `lru-cache`'s `LRUCache`, a `MemoryCache`): a data structure, no cache server client. */
export const IN_PROCESS_CACHE_PATTERNS = ['InMemory*Cache', 'Memory*Cache', 'LRU*Cache', 'Lru*Cache', 'Local*Cache'] as const satisfies readonly string[];

export const VALUE_CLASS_PATTERNS = [
  '*Error', '*Exception', '*Dto', '*DTO', '*Input', '*Output', '*Command', '*Event', '*Query', '*Request', '*Response', '*Result',
  '*Entity', '*Model', '*Options', '*Config', '*Params', '*Props', '*Payload', '*Id', '*Vo', '*Value', '*Money', '*Builder',
] as const satisfies readonly string[];
