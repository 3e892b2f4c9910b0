/**
 * Collaborators that are not data access: a repository that calls them does more than read and
 * write rows. Plain data; `classify/collaborator.ts` matches it by the words of a receiver's name
 * (`this.mailer`, `notificationService`, `stripeClient`, `ordersQueue`).
 */

/** `password-hashing` is judged by the shared hashing knowledge (`classify/hash.ts`), not by names here. */
export type CollaboratorKind = 'email' | 'notification' | 'payment' | 'http' | 'queue' | 'service' | 'password-hashing';

/**
 * Name words (see `nameParts`) that mark a receiver as a collaborator of each kind. A dependency
 * field (`this.mailer`, `this.payments`) needs one of these words; a local or imported name needs a
 * distinctive word or a role word as well (`emailClient`, `paymentGateway`), because `email` or
 * `queue` alone is as often a string or an array.
 */
export const COLLABORATOR_WORDS = {
  email: ['email', 'emails', 'mail', 'mailer', 'mailgun', 'sendgrid', 'nodemailer', 'postmark', 'smtp', 'transporter'],
  notification: ['notification', 'notifications', 'notifier', 'sms', 'twilio', 'push', 'slack', 'webhook', 'webhooks'],
  payment: ['payment', 'payments', 'stripe', 'paypal', 'braintree', 'billing', 'adyen'],
  http: ['http', 'axios', 'superagent', 'undici'],
  queue: ['queue', 'producer', 'publisher', 'kafka', 'rabbitmq', 'amqp', 'sqs', 'sns', 'pubsub', 'bullmq', 'broker', 'eventbus'],
  service: [],
  'password-hashing': [],
} as const satisfies Readonly<Record<CollaboratorKind, readonly string[]>>;

/** Words that name a collaborator on their own, even as a local or imported name (`stripe`, `axios`, `mailer`). */
export const DISTINCTIVE_COLLABORATOR_WORDS = [
  'mailer', 'mailgun', 'sendgrid', 'nodemailer', 'postmark', 'transporter', 'notifier', 'notifications', 'twilio', 'stripe', 'paypal',
  'braintree', 'adyen', 'axios', 'superagent', 'kafka', 'rabbitmq', 'amqp', 'sqs', 'sns', 'pubsub', 'bullmq', 'eventbus', 'producer', 'publisher',
] as const;

/** Role words that make a generic word a collaborator's name: `emailClient`, `paymentGateway`, `smsSender`. */
export const COLLABORATOR_ROLE_WORDS = ['service', 'client', 'sender', 'gateway', 'provider', 'adapter', 'transport', 'api', 'sdk'] as const;

/**
 * Words of a name that says data access (`PrismaRepository`, `DbService`, `OrderDao`): a receiver so
 * named, or declared with a type so named, runs queries, whatever the tables it reaches are called.
 */
export const DATA_ACCESS_WORDS = [
  'prisma', 'db', 'database', 'typeorm', 'knex', 'mongo', 'mongoose', 'sequelize', 'drizzle', 'kysely', 'orm', 'repository', 'repo', 'dao',
] as const;

/**
 * Service-named receivers that are infrastructure a repository may use (`this.configService.get`,
 * `prismaService.user`, `cacheService`): not "another service" holding business rules.
 */
export const INFRASTRUCTURE_SERVICE_WORDS = [
  'config', 'configuration', 'env', 'logger', 'log', 'logging', 'cache', 'redis', 'clock', 'time', 'date', 'uuid', 'id', 'tracing',
  'tracer', 'metrics', 'i18n', 'translation', 'mapper', 'connection', 'transaction', 'storage', ...DATA_ACCESS_WORDS,
] as const;

/**
 * Object-storage SDKs: a repository over a bucket (an S3 or GCS storage adapter) reads and writes its
 * data through them, and an HTTP call in such a file (`fetch` of the object's signed URL) is that data
 * access, not a side effect.
 */
export const OBJECT_STORAGE_PACKAGES = ['@aws-sdk/client-s3', '@aws-sdk/lib-storage', '@aws-sdk/s3-request-presigner', 'minio', '@google-cloud/storage', '@azure/storage-blob', '@supabase/storage-js'] as const;

/** Global functions that make HTTP requests (WHATWG `fetch`, got / axios / superagent default exports). */
export const HTTP_CALL_FUNCTIONS = ['fetch', 'axios', 'got', 'superagent', 'ky', 'request', 'undiciRequest'] as const;
