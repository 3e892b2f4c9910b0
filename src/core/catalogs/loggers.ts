/**
 * What a log call looks like, per library. Plain data; `classify/log.ts` matches it.
 */

export type LoggerLibrary = 'console' | 'pino' | 'winston' | 'bunyan' | 'log4js' | 'nestjs' | 'unknown';

/**
 * `console` methods that write a log line (https://nodejs.org/api/console.html). `console.table`,
 * `console.dir` and friends are debugging aids, not log calls.
 */
export const CONSOLE_LOG_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const satisfies readonly string[];

/**
 * Methods of logger objects that write a line or derive a logger:
 * pino levels + `child` (https://getpino.io/#/docs/api?id=logger),
 * winston npm and syslog levels + `log` + `child` (https://github.com/winstonjs/winston#logging-levels),
 * bunyan levels + `child` (https://github.com/trentm/node-bunyan#log-method-api),
 * log4js levels + `mark` (https://log4js-node.github.io/log4js-node/api.html),
 * NestJS `Logger` `log/error/warn/debug/verbose/fatal` (https://docs.nestjs.com/techniques/logger).
 */
export const LOGGER_METHODS = [
  'trace', 'debug', 'info', 'warn', 'error', 'fatal', 'log', 'verbose', 'child',
  'silly', 'http', 'notice', 'warning', 'crit', 'alert', 'emerg', 'mark',
] as const satisfies readonly string[];

/** Calls that return a logger (`log4js.getLogger('app')`, `winston.createLogger({…})`). */
export const LOGGER_FACTORY_METHODS = ['getLogger', 'createLogger'] as const satisfies readonly string[];

interface LoggerPackage {
  readonly library: LoggerLibrary;
  /** When set, only members declared on these types are log calls (a package that is more than a logger). */
  readonly typeNames?: readonly string[];
}

/**
 * Packages whose declarations make a call a log call in typed mode, and the library they stand for.
 * `@nestjs/common` counts only for its `Logger` / `LoggerService` / `ConsoleLogger`
 * (https://docs.nestjs.com/techniques/logger). Wrappers of pino (`pino-http`, `nestjs-pino`) are pino.
 */
export const LOGGER_PACKAGES = {
  pino: { library: 'pino' },
  'pino-http': { library: 'pino' },
  'nestjs-pino': { library: 'pino' },
  winston: { library: 'winston' },
  bunyan: { library: 'bunyan' },
  log4js: { library: 'log4js' },
  '@nestjs/common': { library: 'nestjs', typeNames: ['Logger', 'LoggerService', 'ConsoleLogger'] },
  consola: { library: 'unknown' },
  loglevel: { library: 'unknown' },
  tslog: { library: 'unknown' },
  signale: { library: 'unknown' },
  npmlog: { library: 'unknown' },
} as const satisfies Readonly<Record<string, LoggerPackage>>;

/**
 * Receivers that are loggers by framework convention: Fastify's request / reply / instance logger
 * is pino (https://fastify.dev/docs/latest/Reference/Logging/), so is pino-http's `req.log`
 * (https://github.com/pinojs/pino-http#api); Koa's `ctx.log` depends on the middleware.
 * Matched against the last two names of the receiver (`this.fastify.log` counts as `fastify.log`).
 */
export const LOGGER_RECEIVER_PATHS = {
  'req.log': 'pino',
  'request.log': 'pino',
  'reply.log': 'pino',
  'fastify.log': 'pino',
  'app.log': 'unknown',
  'server.log': 'unknown',
  'ctx.log': 'unknown',
} as const satisfies Readonly<Record<string, LoggerLibrary>>;

/**
 * Module objects that are themselves a ready logger: winston's default logger
 * (`winston.info(…)`, https://github.com/winstonjs/winston#using-the-default-logger), consola and
 * signale's default instances, NestJS's static `Logger.log(…)`.
 */
export const DEFAULT_LOGGER_INSTANCES = {
  winston: 'winston',
  consola: 'unknown',
  signale: 'unknown',
  Logger: 'nestjs',
} as const satisfies Readonly<Record<string, LoggerLibrary>>;

/**
 * Receiver names (matched on name parts) that hold a logger: any name with the word `logger`
 * (`logger`, `this.logger`, `auditLogger`, `LOGGER`, `loggerService`) and the exact word `log`
 * (`log`, `req.log`, `_log`). Look-alikes such as `changelog`, `blog`, `dialog`, `catalog` are
 * single other words and never match.
 */
export const LOGGER_NAME_WORDS = {
  anywhere: ['logger'],
  alone: ['log'],
} as const satisfies Readonly<Record<'anywhere' | 'alone', readonly string[]>>;

/**
 * Where a library wants the context object of a structured log line:
 * - `context-first`: `logger.info({ userId }, 'User created')` — pino's merging object
 *   (https://getpino.io/#/docs/api?id=logging-method-parameters), bunyan's fields object;
 * - `context-last`: `logger.info('User created', { userId })` — winston's meta object
 *   (https://github.com/winstonjs/winston#logging), log4js's extra arguments;
 * - `message-in-context`: `logger.log({ message: 'User created', userId })` — NestJS `Logger`,
 *   whose second argument is the context name and whose built-in and JSON loggers print an object
 *   message as fields (https://docs.nestjs.com/techniques/logger#json-logging).
 * `unknown` loggers follow the other log calls of the file, else pino's order.
 */
export const STRUCTURED_LOG_STYLES = {
  pino: 'context-first',
  bunyan: 'context-first',
  winston: 'context-last',
  log4js: 'context-last',
  nestjs: 'message-in-context',
  console: 'context-last',
  unknown: 'context-first',
} as const satisfies Readonly<Record<LoggerLibrary, 'context-first' | 'context-last' | 'message-in-context'>>;

export type StructuredLogStyle = (typeof STRUCTURED_LOG_STYLES)[LoggerLibrary];

/**
 * Last names too generic to be a field name alone: `order.id` becomes `orderId`, `items.length`
 * becomes `itemsLength`; a bare `id` takes the word before it in the message (`User ${id}` → `userId`).
 */
export const GENERIC_FIELD_NAMES = ['id', 'uuid', 'name', 'length', 'size', 'count', 'status', 'type', 'code', 'message', 'key', 'value', 'total'] as const satisfies readonly string[];

interface StringOnlyLogger {
  /** Exported names (a class, an interface, a ready instance) that stand for the logger. */
  readonly names: readonly string[];
  /** Its methods that take a message string and nothing that could hold fields. */
  readonly methods: readonly string[];
}

/**
 * Framework loggers whose API has no structured form: every level method takes a message string
 * (and a context name) only, so there is no context object to move values into.
 * - Vendure's `Logger` (`@vendure/core`): `info(message: string, context?: string)`
 *   (https://docs.vendure.io/reference/typescript-api/logger/);
 * - Medusa's `Logger` type and `logger` instance (`@medusajs/framework/types`, `@medusajs/types`,
 *   `@medusajs/framework/logger`): `info(message: string)`, `error(messageOrError, error?)`
 *   (https://docs.medusajs.com/learn/debugging-and-testing/logging).
 * Keys are package names; an import from any entry point of the package counts.
 */
export const STRING_ONLY_LOGGERS = {
  '@vendure/core': { names: ['Logger'], methods: ['error', 'warn', 'info', 'verbose', 'debug'] },
  '@medusajs/framework': { names: ['Logger', 'logger'], methods: ['error', 'warn', 'info', 'verbose', 'debug', 'silly', 'http'] },
  '@medusajs/types': { names: ['Logger'], methods: ['error', 'warn', 'info', 'verbose', 'debug', 'silly', 'http'] },
  '@medusajs/medusa': { names: ['Logger'], methods: ['error', 'warn', 'info', 'verbose', 'debug', 'silly', 'http'] },
} as const satisfies Readonly<Record<string, StringOnlyLogger>>;

/**
 * Dependencies (package.json) that give a package a logger to write with instead of `console`: the
 * logger libraries above, NestJS (its `Logger`, https://docs.nestjs.com/techniques/logger),
 * Fastify (a pino logger on every request and instance, https://fastify.dev/docs/latest/Reference/Logging/),
 * LogTape, and the framework loggers of Medusa and Vendure.
 */
export const LOGGER_DEPENDENCIES = [
  ...Object.keys(LOGGER_PACKAGES),
  '@nestjs/core', 'fastify', '@logtape/logtape', 'nest-winston', 'hono-pino', 'koa-pino-logger', 'express-winston', 'roarr', 'loglayer',
  '@medusajs/framework', '@medusajs/medusa', '@vendure/core',
] as const satisfies readonly string[];

/**
 * Dependencies that put a structured backend behind NestJS's `Logger` (`app.useLogger(…)` with
 * nestjs-pino or nest-winston, https://github.com/iamolegga/nestjs-pino): without one, NestJS
 * prints text lines whose second argument is a context name, and an object message is only dumped.
 */
export const NEST_STRUCTURED_BACKENDS = ['nestjs-pino', 'nest-winston', 'pino', 'pino-http', 'winston', 'bunyan', 'log4js', '@ogma/nestjs-module'] as const satisfies readonly string[];

/**
 * Entry files of a NestJS application, relative to its package (`nest new` writes `src/main.ts`):
 * where `NestFactory.create` runs and a logger is installed.
 */
export const NEST_ENTRY_FILES = ['src/main.ts', 'src/bootstrap.ts', 'main.ts', 'src/app.ts'] as const satisfies readonly string[];

/** Words of a flag that switches extra diagnostic output on (`ENABLE_LOGGING`, `options.verbose`, `NEXT_DEBUG`, `traceQueries`). */
export const VERBOSITY_FLAG_WORDS = ['debug', 'verbose', 'logging', 'trace', 'tracing'] as const satisfies readonly string[];

/** Words of a helper that exists to print diagnostics (`debugCatch`, `namedTrace`, `traceValue`): its `console` is its output. */
export const DIAGNOSTIC_HELPER_WORDS = ['debug', 'trace'] as const satisfies readonly string[];
