import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import rule, { type MessageId, type Options } from '../../rules/prefer-structured-logging.js';
import { TYPED_PROJECT, runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

type Case = Invalid<MessageId, Options>;
type Error = Case['errors'][number];

function consoleCall(callee: string, line: number, column: number): Error {
  return { messageId: 'consoleInServerCode', data: { callee }, line, column, suggestions: [] };
}

function built(callee: string, how: 'interpolation' | 'concatenation', line: number, column: number, rewrite?: { form: string; output: string }): Error {
  return {
    messageId: 'interpolatedMessage',
    data: { callee, how },
    line,
    column,
    suggestions: rewrite === undefined ? [] : [{ messageId: 'useStructuredForm', data: { form: rewrite.form }, output: rewrite.output }],
  };
}

/**
 * The code moved into a request handler (`export async function handle() {` after its imports, `}`
 * at the end), with the error lines and suggestion outputs shifted to match: the rule is silent at
 * module top level, where start-up code runs.
 */
/** Moves code into a request handler (`export async function handle() {` after its imports, `}` at the end). */
function inHandler(code: string): string {
  const lines = code.split('\n');
  const imports = importLines(code);
  return [...lines.slice(0, imports), 'export async function handle() {', ...lines.slice(imports), '}'].join('\n');
}

function importLines(code: string): number {
  const lines = code.split('\n');
  const first = lines.findIndex((line) => !line.startsWith('import '));
  return first === -1 ? lines.length : first;
}

/**
 * The case served from a request handler, with its error lines and suggestion outputs shifted to
 * match: the rule is silent at module top level, where start-up code runs.
 */
function served(testCase: Case): Case {
  const imports = importLines(testCase.code);
  const shift = (line: number | undefined): number | undefined => (line === undefined || line <= imports ? line : line + 1);
  return {
    ...testCase,
    code: inHandler(testCase.code),
    errors: testCase.errors.map((error) => ({
      ...error,
      line: shift(error.line),
      suggestions: error.suggestions?.map((suggestion) => ({ ...suggestion, output: inHandler(suggestion.output) })),
    })),
  };
}

/** Valid cases are traps on the request path too. */
function servedValid(testCase: Valid<Options>): Valid<Options> {
  if (typeof testCase === 'string') return inHandler(testCase);
  return testCase.code.includes('declare ') ? testCase : { ...testCase, code: inHandler(testCase.code) };
}

const PINO = `import pino from 'pino';\nconst logger = pino();\n`;
const WINSTON = `import winston from 'winston';\nconst logger = winston.createLogger({});\n`;
const SERVER: Options = [{ allowConsoleIn: ['**/scripts/**'] }];
const NEST = `import { Logger } from '@nestjs/common';\n`;

const requestPathValid: Valid<Options>[] = [
  // Constant message plus context object, in each library's order.
  `logger.info({ userId: id }, 'User created');`,
  `logger.info('User created', { userId: id });`,
  `logger.error({ err }, 'Request failed');`,
  `logger.info('Server started');`,
  'logger.info(`Server started`);',
  `logger.info('Server ' + 'started');`,
  `this.logger.log('Order shipped', OrdersService.name);`,
  `${NEST}Logger.log('Bootstrap complete', 'Main');`,
  `req.log.info({ statusCode: res.statusCode, durationMs }, 'Request completed');`,
  // A message held in a variable or joined from values only is not built here.
  `logger.info(message);`,
  `logger.warn(prefix + suffix);`,
  // printf-style placeholders keep the message constant (documented).
  `logger.info('User %s created', id);`,
  // Interpolation inside the context object is data, not the message.
  'logger.info({ path: `/users/${id}` }, \'Route resolved\');',
  // Not log calls.
  'res.send(`Hello ${name}`);',
  'throw new Error(`User ${id} not found`);',
  'const text = `User ${id} created`;',
  'debug(`cache miss ${key}`);',
  "i18n.t(`errors.${code}`);",
  'console.table(rows);',
  'logger.child({ module: `jobs-${name}` }).info(\'Worker ready\');',
  // Console where it is fine, or switched off.
  { code: `console.log('Seeded', count, 'users');`, filename: 'scripts/seed.js', mode: 'untyped' },
  { code: `console.log('Migrating');`, filename: 'db/migrations/0001-init.js', mode: 'untyped' },
  { code: 'console.log(`Seeded ${count} users`);', options: [{ allowConsoleIn: ['**/file.*'] }] },
  { code: `console.error(err);`, options: [{ checkConsole: false }] },
  { code: 'logger.info(`User ${id} created`);', options: [{ checkMessages: false }] },
  // Typed: a method of a non-logger type, even on a receiver named `log`.
  {
    code: `
declare const log: { info(message: string): void } & Map<string, string>;
declare const id: string;
log.set(\`user:\${id}\`, 'x');`,
    mode: 'typed',
  },
];

const requestPath: Case[] = [
  // console in server code (the typed test project lives under test/, a default console glob).
  { code: `console.log('Listening on port', port);`, options: SERVER, errors: [consoleCall('console.log', 1, 1)] },
  { code: `console.error(err);`, options: SERVER, errors: [consoleCall('console.error', 1, 1)] },
  // A function whose name only starts with the letters of the verb is no logging helper; nor is logging in,
  // nor a request middleware that logs (its lines are the request log a structured logger should write).
  { code: "export function login(user) {\n  console.log(`Login ${user.id}`);\n}", options: SERVER, errors: [consoleCall('console.log', 2, 3)] },
  { code: "export function logIn(user) {\n  console.log(`Login ${user.id}`);\n}", options: SERVER, errors: [consoleCall('console.log', 2, 3)] },
  { code: "export function logRequest(req, res, next) {\n  console.log(`${req.method} ${req.url}`);\n  next();\n}", options: SERVER, errors: [consoleCall('console.log', 2, 3)] },
  { code: 'console.warn(`Retrying ${attempt}`);', options: SERVER, errors: [consoleCall('console.warn', 1, 1)] },
  // The scraper's own console, around the page function, is the server's.
  {
    code: "export async function boxOf(page, selector) {\n  const rect = await page.evaluate((s) => document.querySelector(s)?.getBoundingClientRect(), selector);\n  console.warn('No box for', selector);\n  return rect;\n}",
    options: SERVER,
    errors: [consoleCall('console.warn', 3, 3)],
  },
  { code: `globalThis.console.info('ready');`, options: SERVER, errors: [consoleCall('globalThis.console.info', 1, 1)] },
  { code: `console.debug(payload);`, options: [{ allowConsoleIn: ['scripts/**'] }], errors: [consoleCall('console.debug', 1, 1)] },
  { code: `console.log('Seeded');`, filename: 'src/server.js', mode: 'untyped', errors: [consoleCall('console.log', 1, 1)] },
  // pino: context first (a logger of a field-taking library is the evidence that a structured form exists).
  {
    code: `${PINO}logger.info(\`User \${id} created\`);`,
    errors: [built('logger.info', 'interpolation', 3, 13, { form: "({ userId: id }, 'User created')", output: `${PINO}logger.info({ userId: id }, 'User created');` })],
  },
  {
    code: PINO + 'logger.info({ requestId }, `Order ${order.id} shipped`);',
    errors: [built('logger.info', 'interpolation', 3, 28, { form: "({ …, orderId: order.id }, 'Order shipped')", output: PINO + "logger.info({ requestId, orderId: order.id }, 'Order shipped');" })],
  },
  {
    code: PINO + 'logger.info({}, `Order ${order.id} shipped`);',
    errors: [built('logger.info', 'interpolation', 3, 17, { form: "({ …, orderId: order.id }, 'Order shipped')", output: PINO + "logger.info({ orderId: order.id }, 'Order shipped');" })],
  },
  {
    code: 'req.log.info(`Fetched ${items.length} items`);',
    errors: [built('req.log.info', 'interpolation', 1, 14, { form: "({ itemsLength: items.length }, 'Fetched items')", output: "req.log.info({ itemsLength: items.length }, 'Fetched items');" })],
  },
  {
    code: PINO + 'logger.info(`Moved ${a.name} to ${b.name}`);',
    errors: [built('logger.info', 'interpolation', 3, 13, { form: "({ aName: a.name, bName: b.name }, 'Moved to')", output: PINO + "logger.info({ aName: a.name, bName: b.name }, 'Moved to');" })],
  },
  {
    code: PINO + "logger.warn(`Can't load ${file}`);",
    errors: [built('logger.warn', 'interpolation', 3, 13, { form: "({ file }, 'Can\\'t load')", output: PINO + "logger.warn({ file }, 'Can\\'t load');" })],
  },
  {
    code: PINO + "logger.info('Took ' + durationMs + ' ms: ' + route);",
    errors: [built('logger.info', 'concatenation', 3, 13, { form: "({ durationMs, route }, 'Took ms')", output: PINO + "logger.info({ durationMs, route }, 'Took ms');" })],
  },
  // An error or format arguments beside the message: reported, no rewrite.
  { code: PINO + 'logger.error(err, `Charge ${chargeId} failed`);', errors: [built('logger.error', 'interpolation', 3, 19)] },
  { code: PINO + 'logger.info(`Cache ${name}: %s`, hit);', errors: [built('logger.info', 'interpolation', 3, 13)] },
  // Nothing left of the message.
  { code: PINO + 'logger.info(`${summary}`);', errors: [built('logger.info', 'interpolation', 3, 13)] },
  // winston: context last.
  {
    code: `${WINSTON}logger.info(\`User \${id} created\`);`,
    errors: [built('logger.info', 'interpolation', 3, 13, { form: "('User created', { userId: id })", output: `${WINSTON}logger.info('User created', { userId: id });` })],
  },
  {
    code: `${WINSTON}logger.warn('Payment ' + payment.id + ' declined', { orderId });`,
    errors: [built('logger.warn', 'concatenation', 3, 13, { form: "('Payment declined', { …, paymentId: payment.id })", output: `${WINSTON}logger.warn('Payment declined', { orderId, paymentId: payment.id });` })],
  },
  {
    code: `${WINSTON}logger.log('info', \`Cache hit for \${key}\`);`,
    errors: [built('logger.log', 'interpolation', 3, 20, { form: "('Cache hit for', { key })", output: `${WINSTON}logger.log('info', 'Cache hit for', { key });` })],
  },
  { code: `${WINSTON}logger.error(\`Sync \${jobId} failed\`, err);`, errors: [built('logger.error', 'interpolation', 3, 14)] },
  // bunyan: context first.
  {
    code: `import bunyan from 'bunyan';\nconst log = bunyan.createLogger({ name: 'api' });\nlog.info(\`Job \${name} started\`);`,
    errors: [built('log.info', 'interpolation', 3, 10, {
      form: "({ jobName: name }, 'Job started')",
      output: `import bunyan from 'bunyan';\nconst log = bunyan.createLogger({ name: 'api' });\nlog.info({ jobName: name }, 'Job started');`,
    })],
  },
  // An unknown logger follows the file's other calls.
  {
    code: "logger.info('Started', { port });\nlogger.info(`Deleted user ${userId}`);",
    errors: [built('logger.info', 'interpolation', 2, 13, { form: "('Deleted user', { userId })", output: "logger.info('Started', { port });\nlogger.info('Deleted user', { userId });" })],
  },
  // Typed: a logger recognised by its package whatever its name.
  {
    code: `import pino from 'pino';\nconst audit = pino();\naudit.info(\`Export \${file} ready\`);`,
    mode: 'typed',
    errors: [built('audit.info', 'interpolation', 3, 12, { form: "({ file }, 'Export ready')", output: `import pino from 'pino';\nconst audit = pino();\naudit.info({ file }, 'Export ready');` })],
  },
];

/** Code that serves no request (SPEC: each rule documents where its premise holds). */
const outsideServing: Valid<Options>[] = [
  // A terminal program: an argument parser or terminal styling is imported, or process.argv read.
  "import { Command } from 'commander';\nexport function run(count: number) {\n  console.log(`Imported ${count} rows`);\n}",
  'export function main() {\n  const [file] = process.argv.slice(2);\n  logger.info(`Reading ${file}`);\n}',
  // console as the output of a logger the code defines.
  'export const fallbackLogger = {\n  info: (message: string) => console.info(`[app] ${message}`),\n  warn: (message: string) => console.warn(`[app] ${message}`),\n};',
  'export class ConsoleSink {\n  error(message: string, err: unknown) {\n    console.error(`${message}: ${String(err)}`);\n  }\n}',
  // An example package.
  { code: 'export function signIn(handle: string) {\n  console.log(`Signing in ${handle}`);\n}', filename: 'packages/oauth/oauth-client-browser-example/src/client.ts', mode: 'untyped' },
  // Dev tooling and examples by their folder.
  { code: 'export function print(url: string) {\n  console.log(`Listening at ${url}`);\n}', filename: 'packages/dev-env/src/bin.ts', mode: 'untyped' },
  { code: 'export async function addRecipient(id: string) {\n  console.log(`Added ${id}`);\n}', filename: 'packages/api/examples/add-recipient.ts', mode: 'untyped' },
  // A function a headless browser runs in its page: its console is the page's (Puppeteer, Playwright).
  { code: "export async function boxOf(page, selector) {\n  return page.evaluate((s) => {\n    try {\n      return document.querySelector(s).getBoundingClientRect();\n    } catch (error) {\n      console.warn('Cannot read the box:', error);\n      return null;\n    }\n  }, selector);\n}", options: SERVER },
  { code: "export async function titles(page) {\n  return page.$$eval('h2', (nodes) => nodes.map((node) => { console.log(`Heading ${node.id}`); return node.textContent; }));\n}", options: SERVER },
  // Start-up and shutdown: bootstrap, NestJS lifecycle hooks, signal handlers, module top level.
  'async function bootstrap() {\n  const port = 3000;\n  console.log(`Listening on ${port}`);\n  logger.info(`Mode ${mode}`);\n}',
  "class PubSubService {\n  onModuleInit() {\n    console.log('PubSub ready');\n  }\n}",
  "process.on('SIGTERM', () => {\n  console.log('Shutting down');\n});",
  // A signal an operator sends (a heap snapshot on SIGUSR2): no request is served there either.
  "import pino from 'pino';\nconst logger = pino();\nprocess.on('SIGUSR2', () => {\n  const filename = `process_${process.pid}.heapsnapshot`;\n  logger.info(`Creating heap snapshot ${filename}`);\n});",
  'console.log(`Config loaded for ${env}`);',
  // A development-only branch never runs in production.
  "export function handle(link: string) {\n  if (process.env.NODE_ENV === 'development') {\n    console.log(`Reset link ${link}`);\n  }\n}",
  { code: "export async function run(id: string) {\n  if (isDev) console.log(`Job ${id}`);\n}", filename: 'src/jobs/sync.ts', mode: 'untyped' },
  // Loggers whose API takes a message string only: no structured form to ask for.
  "import { Logger } from '@vendure/core';\nexport function clean(count: number) {\n  Logger.verbose(`Cleaning ${count} sessions`, 'SessionService');\n}",
  "import { Logger } from '@medusajs/framework/types';\nclass Storage {\n  constructor(private logger_: Logger) {}\n  run(jobId: string) {\n    this.logger_.warn(`Tried to run ${jobId}`);\n  }\n}",
  "import { logger } from '@medusajs/framework/logger';\nexport function invite(token: string) {\n  logger.info(`Invite ${token}`);\n}",
  // Typed: the called method's parameters take text only.
  {
    code: 'export function f(logger: { warn(message: string, context?: string): void }, id: string) {\n  logger.warn(`User ${id} not found`);\n}',
    mode: 'typed',
  },
];

/**
 * A project logger of unknown API, with nothing in the file to show that it takes fields: it may
 * take a message string only (framework loggers imported by relative path inside their own
 * repository, thin console wrappers), so untyped stays silent and typed mode reads the declaration.
 */
const noStructuredFormShown: Valid<Options>[] = [
  // logfmt: every value after its own key, which log pipelines parse into fields.
  { code: `${PINO}export function abort(run, reason) {\n  logger.warn(\`[abort] runId=\${run.id} reason="\${reason}" steps=\${run.steps.length}\`);\n}`, options: SERVER },
  "import { Logger } from './logger';\nexport function clean(count: number) {\n  Logger.verbose(`Cleaning ${count} sessions`);\n}",
  "import { logger } from '@medusajs/framework/logger';\nexport function invite(token: string) {\n  logger.log(`Invite ${token}`);\n}",
  { code: 'export function f(logger: { warn(message: string, meta?: Record<string, unknown>): void }, id: string) {\n  logger.warn(`User ${id} not found`);\n}', mode: 'untyped' },
  'export function f(logger: { warn(message: string, context?: string): void }, id: string) {\n  logger.warn(`User ${id} not found`);\n}',
  // A logger the class inherits from a project class of another file: pino, imported here for a library's own logger, says nothing of it.
  { code: "import pino from 'pino';\nimport { ChannelStartupService } from '../services/channel.service';\nexport class BaileysService extends ChannelStartupService {\n  readonly socketLogger = pino({ level: 'error' });\n  async connect(instance: string) {\n    this.logger.info(`Connecting ${instance}`);\n  }\n}", mode: 'untyped', options: SERVER },
  // A package that is no server (a client SDK, a UI bundle) has no application logger to use instead of console.
  { code: 'export function parse(raw: string) {\n  console.warn(`Bad input ${raw}`);\n}', filename: path.join(TYPED_PROJECT, 'packages/sdk/src/client.ts'), mode: 'untyped', options: SERVER },
];

/** True findings the exemptions above must keep. */
const kept: Case[] = [
  // `this` outside any class (an object literal's method): no class to inherit from, judged as before.
  {
    code: "import pino from 'pino';\nexport const job = {\n  logger: pino(),\n  async run(id: string) {\n    this.logger.info(`Run ${id}`);\n  },\n};",
    mode: 'untyped',
    options: SERVER,
    errors: [built('this.logger.info', 'interpolation', 5, 22, { form: "({ runId: id }, 'Run')", output: "import pino from 'pino';\nexport const job = {\n  logger: pino(),\n  async run(id: string) {\n    this.logger.info({ runId: id }, 'Run');\n  },\n};" })],
  },
  // The class's own logger, or one inherited from a package's class: the pino import is the evidence as before.
  {
    code: "import pino from 'pino';\nimport { ChannelStartupService } from '../services/channel.service';\nexport class BaileysService extends ChannelStartupService {\n  readonly logger = pino();\n  async connect(instance: string) {\n    this.logger.info(`Connecting ${instance}`);\n  }\n}",
    mode: 'untyped',
    options: SERVER,
    errors: [built('this.logger.info', 'interpolation', 6, 22, { form: "({ instance }, 'Connecting')", output: "import pino from 'pino';\nimport { ChannelStartupService } from '../services/channel.service';\nexport class BaileysService extends ChannelStartupService {\n  readonly logger = pino();\n  async connect(instance: string) {\n    this.logger.info({ instance }, 'Connecting');\n  }\n}" })],
  },
  {
    code: "import pino from 'pino';\nimport { BaseWorker } from '@acme/worker-kit';\nexport class SyncService extends BaseWorker {\n  async sync(instance: string) {\n    this.logger.info(`Syncing ${instance}`);\n  }\n}",
    mode: 'untyped',
    options: SERVER,
    errors: [built('this.logger.info', 'interpolation', 5, 22, { form: "({ instance }, 'Syncing')", output: "import pino from 'pino';\nimport { BaseWorker } from '@acme/worker-kit';\nexport class SyncService extends BaseWorker {\n  async sync(instance: string) {\n    this.logger.info({ instance }, 'Syncing');\n  }\n}" })],
  },
  // One caller passes a value (or the function is exported): the line varies with it.
  {
    code: `${PINO}function publish(message: string, context: string) {\n  void redis.publish('events', message).catch((error) => logger.error(\`Publishing the \${context} event failed\`, { error }));\n}\nexport function donationCreated(donation: Donation) {\n  publish(JSON.stringify(donation), 'donation');\n}\nexport function donationFailed(donation: Donation) {\n  publish(JSON.stringify(donation), donation.kind);\n}`,
    options: SERVER,
    errors: [built('logger.error', 'interpolation', 4, 71)],
  },
  // A choice whose branch is a value is no fixed line.
  {
    code: `${PINO}export function pickServer(request: { is4k: boolean; serverName: string }) {\n  logger.warn(\`No default server \${request.is4k ? request.serverName : ''}\`);\n}`,
    mode: 'untyped',
    options: SERVER,
    errors: [built('logger.warn', 'interpolation', 4, 15, {
      form: "({ value: request.is4k ? request.serverName : '' }, 'No default server')",
      output: `${PINO}export function pickServer(request: { is4k: boolean; serverName: string }) {\n  logger.warn({ value: request.is4k ? request.serverName : '' }, 'No default server');\n}`,
    })],
  },
  // A `commands/` folder alone says nothing: application commands run for requests.
  {
    code: "export async function archiveDocument(id: string) {\n  const archived = await documents.archive(id);\n  if (!archived) console.error(`Archive of ${id} failed`);\n}",
    filename: 'src/commands/archive-document.ts',
    mode: 'untyped',
    options: SERVER,
    errors: [consoleCall('console.error', 3, 18)],
  },
  // The listen of a channel (postgres.js sql.listen('jobs', fn), or a channel held in a constant) runs its callback per notification, not once.
  {
    code: "export async function handle(sql, url: string) {\n  await sql.listen('jobs', (payload) => {\n    console.info(`job ${payload}`);\n  });\n}",
    options: SERVER,
    errors: [consoleCall('console.info', 3, 5)],
  },
  {
    code: "export async function handle(bus, Events) {\n  await bus.listen(Events.OrderCreated, (order) => {\n    console.info(`order ${order.id}`);\n  });\n}",
    options: SERVER,
    errors: [consoleCall('console.info', 3, 5)],
  },
  // Look-alikes of one-time start-up: a callback registered in a constructor runs per event; a flag
  // taken and released per call is a lock; a local filled by a fallback is empty again next call.
  {
    code: "export class QueueProvider {\n  constructor(concurrency: number) {\n    this.worker = createWorker(concurrency);\n    this.worker.on('failed', (job) => console.error(`Job ${job.id} failed`));\n  }\n}",
    filename: 'src/jobs/client/queue.ts',
    mode: 'untyped',
    options: SERVER,
    errors: [consoleCall('console.error', 4, 39)],
  },
  {
    code: "export class Sync {\n  private running = false;\n  async run(id: string) {\n    if (this.running) return;\n    this.running = true;\n    console.log(`Syncing ${id}`);\n    this.running = false;\n  }\n}",
    options: SERVER,
    errors: [consoleCall('console.log', 6, 5)],
  },
  {
    code: "export async function templateName(id: string) {\n  let item = await templates.find(id);\n  if (!item) {\n    item = await templates.findDeleted(id);\n    if (!item) console.error(`No template ${id}`);\n  }\n  return item;\n}",
    options: SERVER,
    errors: [consoleCall('console.error', 5, 16)],
  },
  // Background work writes to the same log pipeline as requests.
  {
    code: 'export async function run(id: string) {\n  console.warn(`Cancel ${id} failed`);\n}',
    filename: 'src/jobs/cancel-subscription.handler.ts',
    mode: 'untyped',
    errors: [consoleCall('console.warn', 2, 3)],
  },
  {
    code: "@Processor('orders')\nclass OrdersProcessor {\n  async process(job) {\n    console.error(job.id);\n  }\n}",
    options: SERVER,
    errors: [consoleCall('console.error', 4, 5)],
  },
  // Production-only branch.
  {
    code: "export function handle(id: string) {\n  if (process.env.NODE_ENV !== 'development') {\n    console.log(id);\n  }\n}",
    options: SERVER,
    errors: [consoleCall('console.log', 3, 5)],
  },
  // A project's own `Logger` is not Vendure's: once the file shows it takes fields, its messages are judged.
  {
    code: "import { Logger } from './logger';\nexport function clean(count: number) {\n  Logger.info('Cleaning started', { count });\n  Logger.warn(`Cleaning ${count} sessions`);\n}",
    errors: [built('Logger.warn', 'interpolation', 4, 15, { form: "('Cleaning sessions', { cleaningCount: count })", output: "import { Logger } from './logger';\nexport function clean(count: number) {\n  Logger.info('Cleaning started', { count });\n  Logger.warn('Cleaning sessions', { cleaningCount: count });\n}" })],
  },
  // Typed: a parameter that takes fields shows the structured form is there.
  {
    code: 'export function f(logger: { warn(message: string, meta?: Record<string, unknown>): void }, id: string) {\n  logger.warn(`User ${id} not found`);\n}',
    mode: 'typed',
    errors: [built('logger.warn', 'interpolation', 2, 15, { form: "({ userId: id }, 'User not found')", output: "export function f(logger: { warn(message: string, meta?: Record<string, unknown>): void }, id: string) {\n  logger.warn({ userId: id }, 'User not found');\n}" })],
  },
];

/**
 * A monorepo on disk, for the evidence a package.json gives: an edge API package with no logger
 * among its dependencies, a billing package that reaches pino through a workspace package, a NestJS
 * app on the default text logger and one whose entry installs a pino logger.
 */
const WORKSPACE = mkdtempSync(path.join(os.tmpdir(), 'structured-logging-'));
afterAll(() => {
  rmSync(WORKSPACE, { recursive: true, force: true });
});
function writeWorkspaceFile(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(WORKSPACE, file)), { recursive: true });
  writeFileSync(path.join(WORKSPACE, file), text);
}
const manifest = (name: string, dependencies: Record<string, string>): string => JSON.stringify({ name, dependencies });
writeWorkspaceFile('package.json', JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }));
writeWorkspaceFile('packages/db/package.json', manifest('@acme/db', { 'drizzle-orm': '*' }));
writeWorkspaceFile('packages/edge-api/package.json', manifest('@acme/edge-api', { '@acme/db': 'workspace:*', zod: '*' }));
writeWorkspaceFile('packages/core/package.json', manifest('@acme/core', { pino: '*', 'drizzle-orm': '*' }));
writeWorkspaceFile('packages/billing/package.json', manifest('@acme/billing', { '@acme/core': 'workspace:*', '@acme/db': 'workspace:*' }));
writeWorkspaceFile('apps/nest-text/package.json', manifest('nest-text', { '@nestjs/core': '*', '@nestjs/common': '*' }));
writeWorkspaceFile('apps/nest-text/src/main.ts', "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule, { logger: ['error', 'warn', 'log'] });\nawait app.listen(3000);\n");
writeWorkspaceFile('packages/nest-billing/package.json', manifest('@acme/nest-billing', { '@nestjs/common': '*' }));
writeWorkspaceFile('apps/nest-api/package.json', manifest('nest-api', { '@nestjs/core': '*', '@nestjs/common': '*', 'nestjs-pino': '*', '@acme/nest-billing': 'workspace:*' }));
writeWorkspaceFile('packages/nest-lib/package.json', manifest('@acme/nest-lib', { '@nestjs/common': '*', '@nestjs/core': '*', '@sentry/nestjs': '*' }));
writeWorkspaceFile('apps/nest-pino/package.json', manifest('nest-pino', { '@nestjs/core': '*', '@nestjs/common': '*' }));
writeWorkspaceFile('apps/nest-pino/src/main.ts', "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule, { bufferLogs: true });\napp.useLogger(app.get(PinoLogger));\n");
// A service whose package.json runs one-off admin scripts and a seed, and starts the server from its build.
writeWorkspaceFile('apps/ops/package.json', JSON.stringify({
  name: 'ops',
  dependencies: { express: '*', pino: '*' },
  scripts: { start: 'node dist/main.js', 'admin:purge-user': 'cross-env NODE_ENV=local ts-node --transpileOnly ./admin/purge-user.ts', seed: 'tsx src/seed.ts' },
}));
writeWorkspaceFile('apps/ops/admin/purge-user.ts', "import { connect } from './connect';\nimport { writeBackup } from './backup';\n");
writeWorkspaceFile('apps/ops/admin/connect.ts', 'export async function connect() {}\n');
writeWorkspaceFile('apps/ops/admin/backup.ts', 'export async function writeBackup() {}\n');
writeWorkspaceFile('apps/ops/src/seed.ts', "import { orders } from './orders';\n");
writeWorkspaceFile('apps/ops/src/orders.ts', 'export const orders = [];\n');
writeWorkspaceFile('apps/ops/src/refunds.ts', 'export async function refund() {}\n');
// Fastify apps started by fastify-cli: without a log level (fastify-cli's default is fatal), and with one.
writeWorkspaceFile('apps/fastify-quiet/package.json', JSON.stringify({ name: 'fastify-quiet', dependencies: { fastify: '*', 'fastify-cli': '*' }, scripts: { start: 'fastify start app.js' } }));
writeWorkspaceFile('apps/fastify-logged/package.json', JSON.stringify({ name: 'fastify-logged', dependencies: { fastify: '*', 'fastify-cli': '*' }, scripts: { start: 'fastify start -l info app.js' } }));
const inWorkspace = (file: string): string => path.join(WORKSPACE, file);
const BACKUP_HELPER = "export async function writeBackup(name: string, rows: unknown[]) {\n  await save(name, rows);\n  console.log(`Backup written to ${name}`);\n}";
const ORDERS_SERVICE = `${NEST}class OrdersService {\n  logger = new Logger(OrdersService.name);\n  cancel(id: string) {\n    this.logger.warn(\`Order \${id} not found\`);\n  }\n}`;

/**
 * Places where a good team would not act: a package whose console is its logging (no logger among
 * its dependencies or those of its workspace packages), NestJS's text logger, opt-in diagnostics
 * behind a verbosity switch, and a command that ends the process.
 */
const noActionExpected: Valid<Options>[] = [
  // Diagnostic-level traces are off in production: their interpolated messages are no rewrite to ask for.
  "import winston from 'winston';\nconst logger = winston.createLogger({});\nexport function load(userId: string) {\n  logger.log('debug', `Loaded cart for ${userId}`);\n}",
  PINO + "logger.debug('Took ' + durationMs + ' ms: ' + route);",
  "import { Logger } from './logger';\nexport function clean(count: number) {\n  Logger.info('Cleaning started', { count });\n  Logger.verbose(`Cleaning ${count} sessions`);\n  Logger.trace(`Cleaned ${count}`);\n}",
  // Scripts of the package.json, read at a terminal: a helper of the admin scripts' folder, and the seed it runs.
  { code: BACKUP_HELPER, filename: inWorkspace('apps/ops/admin/backup.ts'), mode: 'untyped' },
  { code: BACKUP_HELPER, filename: inWorkspace('apps/ops/src/seed.ts'), mode: 'untyped' },
  { code: 'export async function lookup(id: string) {\n  console.error(\'Lookup failed\', id);\n}', filename: inWorkspace('packages/edge-api/src/router.ts'), options: SERVER, mode: 'untyped' },
  // Fastify's logger, started by fastify-cli at its default level (fatal), writes nothing: console is the app's log.
  { code: 'export async function lookup(id: string) {\n  console.error(\'Lookup failed\', id);\n}', filename: inWorkspace('apps/fastify-quiet/src/routes/lookup.ts'), options: SERVER, mode: 'untyped' },
  { code: ORDERS_SERVICE, filename: inWorkspace('apps/nest-text/src/orders/orders.service.ts'), mode: 'untyped' },
  { code: `${NEST}class MailService {\n  logger = new Logger(MailService.name);\n  async send(mail) {\n    try {\n      await transport.send(mail);\n    } catch (error) {\n      console.error('Sending failed', error);\n    }\n  }\n}`, filename: inWorkspace('apps/nest-text/src/mail/mail.service.ts'), mode: 'untyped' },
  { code: "export function invest(value: number) {\n  if (Calculator.ENABLE_LOGGING) {\n    console.log('investment', value);\n  }\n}", options: SERVER },
  { code: `${PINO}export function sync(n: number, options: { verbose: boolean }) {\n  if (options.verbose) logger.info(\`Synced \${n} rows\`);\n}`, options: SERVER },
  // A message built from named constants only is the same on every call.
  { code: `${PINO}export function dryRun() {\n  logger.warn(\`[Dry run] \${THROTTLED_MESSAGE}\`);\n  logger.info(LIMITS.PREFIX + ' reached');\n}`, options: SERVER },
  // A value of a few fixed values the code declares (a literal union inline or by a local alias): a handful of lines.
  { code: `${PINO}type Table = 'traces' | 'observations' | 'scores';\nexport function flushed(table: Table, retry: boolean) {\n  logger.info(\`Flushed the \${table} buffer\`);\n  const stage: 'queued' | 'sent' = retry ? 'queued' : 'sent';\n  logger.info('Batch ' + stage);\n}`, options: SERVER },
  // A parameter of a function only this file calls, every call passing a literal: one of a few fixed lines.
  { code: `${PINO}function publish(message: string, context: string) {\n  void redis.publish('events', message).catch((error) => logger.error(\`Publishing the \${context} event failed\`, { error }));\n}\nexport function donationCreated(donation: Donation) {\n  publish(JSON.stringify(donation), 'donation');\n}\nexport function donationFailed(donation: Donation) {\n  publish(JSON.stringify(donation), 'failure');\n}`, options: SERVER },
  // A choice between literals is one of two fixed lines.
  { code: `${PINO}export function pickServer(request: { is4k: boolean; id: number }) {\n  logger.warn(\`There is no default \${request.is4k ? '4K ' : ''}server configured\`, { requestId: request.id });\n}`, options: SERVER },
  // A raw copy of an error the logger has just written, for a value it may not serialise.
  { code: "export async function sign(ctx, id: string) {\n  try {\n    await fields.sign(id);\n  } catch (err) {\n    ctx.logger.error({ message: 'Signing failed', error: String(err) });\n    console.log('Signing failed', err);\n  }\n}", options: SERVER },
  // The code states the console is deliberate: a disable comment of the core no-console rule (oxlint's
  // spelling here: RuleTester reports an eslint-disable of a rule that is not running as unused).
  { code: "export function handle(error) {\n  // oxlint-disable-next-line no-console\n  console.log(error);\n}", options: SERVER },
  { code: "export function handle(error, detailed) {\n  if (detailed) {\n    /* oxlint-disable no-console */\n    console.log(error);\n    /* oxlint-enable no-console */\n  }\n}", options: SERVER },
  { code: "export function read(file) {\n  try {\n    return load(file);\n  } catch (err) {\n    // oxlint-disable-next-line no-console\n    console.error(`Failed to read ${file}`);\n  }\n}", options: SERVER },
  // Shutdown: the callback of close-with-grace runs once, at exit.
  { code: `${PINO}import closeWithGrace from 'close-with-grace';\nexport function listen(app) {\n  closeWithGrace({ delay: 500 }, async ({ signal }) => {\n    logger.info(\`\${signal} received, closing\`);\n    await app.close();\n  });\n}`, options: SERVER },
  // Start-up: normalising the project's configuration while it loads.
  { code: "export class ConfigLoader {\n  protected normalizeProjectConfig(config) {\n    if (!config.redisUrl) console.log('redisUrl not set, using an in-memory store');\n    return config;\n  }\n}", options: SERVER },
  // Start-up inside a worker's file: registering a job definition.
  { code: "export class LocalJobs {\n  defineJob(definition) {\n    console.log(`Registered cron job ${definition.id}`);\n  }\n}", filename: 'src/jobs/client/local.ts', mode: 'untyped', options: SERVER },
  // Start-up: registering a job definition, starting the cron poller.
  { code: "export class LocalJobs {\n  defineJob(definition) {\n    console.log(`Registered cron job ${definition.id}`);\n  }\n  startCron() {\n    console.log(`Started cron poller for ${this.jobs.length} jobs`);\n  }\n}", options: SERVER },
  // A build command that drives the TypeScript compiler prints its diagnostics for the terminal.
  { code: "import ts from 'typescript';\nexport async function compile(files: string[]) {\n  const program = ts.createProgram(files, {});\n  const diagnostics = ts.getPreEmitDiagnostics(program);\n  if (diagnostics.length) console.error(`${diagnostics.length} type errors`);\n}", filename: 'src/commands/build.ts', mode: 'untyped', options: SERVER },
  // One-time start-up: the callback a server's listen runs once it listens.
  { code: "export async function handle(app, url: string) {\n  app.listen(process.env.PORT, async () => {\n    console.info(`Server ready at ${url}`);\n  });\n  app.listen({ port: 3000, host: '0.0.0.0' }, () => console.info(`Listening on ${url}`));\n  app.listen(Number(config.httpPort) || 8080, () => console.info(`Listening on ${url}`));\n}", options: SERVER },
  // One-time start-up: a provider's constructor, and a singleton's start after its `if (instance) return` guard.
  { code: "export class QueueProvider {\n  constructor(concurrency: number) {\n    this.worker = createWorker(concurrency);\n    console.log(`Queue provider ready (concurrency ${concurrency})`);\n  }\n}", filename: 'src/jobs/client/queue.ts', mode: 'untyped', options: SERVER },
  { code: "export class Telemetry {\n  private static current: Telemetry | undefined;\n  static async start() {\n    if (Telemetry.current) return;\n    const telemetry = new Telemetry();\n    Telemetry.current = telemetry;\n    await telemetry.announce();\n  }\n  private async announce() {\n    console.log(`Telemetry on for node ${nodeId()}`);\n  }\n}", options: SERVER },
  // Browser code: a client component's console is the browser's.
  { code: "'use client';\nexport function copy(text: string) {\n  navigator.clipboard.writeText(text).catch((error) => console.error(error));\n}", options: SERVER },
  { code: "import { useEffect, useState } from 'react';\nexport function useDraft(key: string) {\n  const [draft, setDraft] = useState('');\n  useEffect(() => {\n    try {\n      setDraft(localStorage.getItem(key) ?? '');\n    } catch (error) {\n      console.warn(error);\n    }\n  }, [key]);\n  return draft;\n}", options: SERVER },
  // A page's tracking script kept in the server's source tree: it reads the browser's globals as its own.
  { code: "export function track(event: string) {\n  const url = window.location.href;\n  if (!navigator.sendBeacon('/api/track', JSON.stringify({ event, url }))) console.warn(`Could not track ${event}`);\n}", options: SERVER },
  // A diagnostic helper the code defines writes where it is asked to.
  { code: "export function log_error(error: any) {\n  console.trace(`ERROR [${error.code}]: ${error.message}`);\n}", options: SERVER },
  { code: "function logUnauthorizedAccess(userId: string, path: string) {\n  console.error('[SECURITY]', JSON.stringify({ userId, path }));\n}", options: SERVER },
  { code: "export function logError(error: Error, context?: string) {\n  console.error(context ?? 'error', error);\n}", options: SERVER },
  { code: 'export const debugCatch = (fn) => async (...args) => {\n  try {\n    return await fn(...args);\n  } catch (error) {\n    console.error(error);\n    throw error;\n  }\n};', options: SERVER },
  // Output formatted for the terminal's width is read at a terminal.
  { code: "const WIDTH = process.stdout.columns;\nexport async function migrate(run) {\n  console.log('-'.repeat(WIDTH));\n  await run();\n}", options: SERVER },
  { code: "export default async function createUser({ email }) {\n  try {\n    await users.create({ email });\n  } catch (error) {\n    console.error(error);\n    process.exit(1);\n  }\n  process.exit();\n}", options: SERVER },
  // NestJS's Logger in a package with no structured backend and no entry file that installs one
  // (a Nest library package; the app bootstraps elsewhere): it writes text lines, a message with its values is its idiom.
  { code: `${NEST}class JobsService {\n  logger = new Logger(JobsService.name);\n  run(job) {\n    this.logger.log(\`Job \${job.id} done\`);\n  }\n}`, filename: inWorkspace('packages/nest-lib/src/jobs/jobs.service.ts'), mode: 'untyped' },
  { code: `${NEST}export function onSlowQuery(durationMs: number) {\n  Logger.warn(\`Slow query \${durationMs}\`, 'Database');\n}`, filename: inWorkspace('packages/nest-lib/src/orders/slow-query.ts'), mode: 'untyped' },
];

/** The same shapes where the premise holds. */
const keptWithEvidence: Case[] = [
  // A value after prose, not after its key, and an error turned into text: not logfmt.
  {
    code: `${PINO}export function lock(key) {\n  try { acquire(key); } catch (err) { logger.warn(\`lock failed: key=\${key} error=\${err}\`); }\n}`,
    options: SERVER,
    errors: [built('logger.warn', 'interpolation', 4, 51, {
      form: "({ key, err }, 'lock failed key error')",
      output: `${PINO}export function lock(key) {\n  try { acquire(key); } catch (err) { logger.warn({ key, err }, 'lock failed key error'); }\n}`,
    })],
  },
  {
    code: `${PINO}export function abort(run, reason) {\n  logger.warn(\`[abort] runId=\${run.id} after \${reason}\`);\n}`,
    options: SERVER,
    errors: [built('logger.warn', 'interpolation', 4, 15, {
      form: "({ runId: run.id, reason }, '[abort] runId after')",
      output: `${PINO}export function abort(run, reason) {\n  logger.warn({ runId: run.id, reason }, '[abort] runId after');\n}`,
    })],
  },
  // A Nest library package used by a workspace app that installs nestjs-pino: its Logger lines are that app's.
  {
    code: `${NEST}class JobsService {\n  logger = new Logger(JobsService.name);\n  run(job) {\n    this.logger.log(\`Job \${job.id} done\`);\n  }\n}`,
    filename: inWorkspace('packages/nest-billing/src/jobs/jobs.service.ts'),
    mode: 'untyped',
    errors: [built('this.logger.log', 'interpolation', 5, 21, {
      form: "({ message: 'Job done', jobId: job.id })",
      output: `${NEST}class JobsService {\n  logger = new Logger(JobsService.name);\n  run(job) {\n    this.logger.log({ message: 'Job done', jobId: job.id });\n  }\n}`,
    })],
  },
  // NestJS Logger with pino installed at start-up: the message goes into the object; the context argument stays.
  {
    code: `${NEST}class JobsService {\n  logger = new Logger(JobsService.name);\n  run(job) {\n    this.logger.log(\`Job \${job.id} done\`);\n  }\n}`,
    filename: inWorkspace('apps/nest-pino/src/jobs/jobs.service.ts'),
    mode: 'untyped',
    errors: [built('this.logger.log', 'interpolation', 5, 21, {
      form: "({ message: 'Job done', jobId: job.id })",
      output: `${NEST}class JobsService {\n  logger = new Logger(JobsService.name);\n  run(job) {\n    this.logger.log({ message: 'Job done', jobId: job.id });\n  }\n}`,
    })],
  },
  {
    code: `${NEST}export function onSlowQuery(durationMs: number) {\n  Logger.warn(\`Slow query \${durationMs}\`, 'Database');\n}`,
    filename: inWorkspace('apps/nest-pino/src/orders/slow-query.ts'),
    mode: 'untyped',
    errors: [built('Logger.warn', 'interpolation', 3, 15, {
      form: "({ message: 'Slow query', durationMs })",
      output: `${NEST}export function onSlowQuery(durationMs: number) {\n  Logger.warn({ message: 'Slow query', durationMs }, 'Database');\n}`,
    })],
  },
  // The seed's folder holds server modules the seed does not import: they serve requests.
  { code: BACKUP_HELPER, filename: inWorkspace('apps/ops/src/refunds.ts'), mode: 'untyped', errors: [consoleCall('console.log', 3, 3)] },
  // The same app started with a log level has Fastify's logger at hand.
  {
    code: 'export async function lookup(id: string) {\n  console.error(\'Lookup failed\', id);\n}',
    filename: inWorkspace('apps/fastify-logged/src/routes/lookup.ts'),
    options: SERVER,
    mode: 'untyped',
    errors: [consoleCall('console.error', 2, 3)],
  },
  // The file itself writes through a logger: its console call is a slip, whatever the package lists.
  {
    code: "import { logger } from '../logger';\nexport async function lookup(id: string) {\n  logger.info('Lookup', { id });\n  console.error('Lookup failed', id);\n}",
    filename: inWorkspace('packages/edge-api/src/lookup.ts'),
    options: SERVER,
    mode: 'untyped',
    errors: [consoleCall('console.error', 4, 3)],
  },
  // pino reached through a workspace package.
  {
    code: 'export async function charge(id: string) {\n  console.error(\'Charge failed\', id);\n}',
    filename: inWorkspace('packages/billing/src/charge.ts'),
    options: SERVER,
    mode: 'untyped',
    errors: [consoleCall('console.error', 2, 3)],
  },
  // NestJS with a pino logger installed at start-up: console beside it is a slip.
  {
    code: `${NEST}class MailService {\n  logger = new Logger(MailService.name);\n  async send(mail) {\n    try {\n      await transport.send(mail);\n    } catch (error) {\n      console.error('Sending failed', error);\n    }\n  }\n}`,
    filename: inWorkspace('apps/nest-pino/src/mail/mail.service.ts'),
    mode: 'untyped',
    errors: [consoleCall('console.error', 8, 7)],
  },
  // NestJS with a pino logger installed at start-up.
  {
    code: ORDERS_SERVICE,
    filename: inWorkspace('apps/nest-pino/src/orders/orders.service.ts'),
    mode: 'untyped',
    errors: [built('this.logger.warn', 'interpolation', 5, 22, {
      form: "({ message: 'Order not found', orderId: id })",
      output: ORDERS_SERVICE.replace('this.logger.warn(`Order ${id} not found`)', "this.logger.warn({ message: 'Order not found', orderId: id })"),
    })],
  },
  // Normalising a request's input is no configuration loading.
  { code: "export class OrdersService {\n  normalizeOrderInput(input) {\n    if (!input.currency) console.log('currency not set, using the default');\n    return input;\n  }\n}", options: SERVER, errors: [consoleCall('console.log', 3, 26)] },
  // A condition that is no verbosity switch, and a negated one.
  { code: 'export function activate(user) {\n  if (user.isActive) console.log(user.id);\n}', options: SERVER, errors: [consoleCall('console.log', 2, 22)] },
  { code: 'export function sync(n: number, options) {\n  if (!options.verbose) console.log(n);\n}', options: SERVER, errors: [consoleCall('console.log', 2, 25)] },
  // A console line after a logger call about something else is still a stray one.
  {
    code: "export async function sign(ctx, id: string) {\n  try {\n    await fields.sign(id);\n  } catch (err) {\n    ctx.logger.error({ message: 'Signing failed', fieldId: id });\n    console.log('Signing failed', err);\n  }\n}",
    options: SERVER,
    errors: [consoleCall('console.log', 6, 5)],
  },
  // A disable comment for another rule, or a no-console block closed before the call, states nothing about it.
  { code: "export function handle(error) {\n  // oxlint-disable-next-line no-empty\n  console.log(error);\n}", options: SERVER, errors: [consoleCall('console.log', 3, 3)] },
  { code: "export function handle(error) {\n  /* oxlint-disable no-console */\n  /* oxlint-enable no-console */\n  console.log(error);\n}", options: SERVER, errors: [consoleCall('console.log', 4, 3)] },
  // One value that is not a constant makes the message vary.
  {
    code: `${PINO}export function dryRun(key) {\n  logger.warn(\`\${THROTTLED_MESSAGE} for \${key}\`);\n}`,
    options: SERVER,
    errors: [built('logger.warn', 'interpolation', 4, 15, { form: "({ THROTTLED_MESSAGE, key }, 'for')", output: `${PINO}export function dryRun(key) {\n  logger.warn({ THROTTLED_MESSAGE, key }, 'for');\n}` })],
  },
  // The same message over a free string varies with every value.
  {
    code: `${PINO}type Table = 'traces' | 'observations';\nexport function flushed(table: Table, name: string) {\n  logger.info(\`Flushed \${table} for \${name}\`);\n}`,
    options: SERVER,
    errors: [built('logger.info', 'interpolation', 5, 15, { form: "({ table, name }, 'Flushed for')", output: `${PINO}type Table = 'traces' | 'observations';\nexport function flushed(table: Table, name: string) {\n  logger.info({ table, name }, 'Flushed for');\n}` })],
  },
  // A client factory named `init` runs per request; a helper that prepares log fields is no diagnostic helper.
  { code: "export const init = (config) => ({\n  async end() {\n    try {\n      await pool.end();\n    } catch (error) {\n      console.error('Failed ending connection pool', error);\n    }\n  },\n});", options: SERVER, errors: [consoleCall('console.error', 6, 7)] },
  { code: "export const extractRequestForLogging = (request) => {\n  try {\n    return parse(request.headers.pg);\n  } catch {\n    console.warn('failed to parse connection string');\n  }\n};", options: SERVER, errors: [consoleCall('console.warn', 5, 5)] },
  // A React import that runs on the server too is no browser evidence; a helper named for its work is no diagnostic helper.
  { code: "import { cache } from 'react';\nexport const loadUser = cache(async (id: string) => {\n  console.log(id);\n});", options: SERVER, errors: [consoleCall('console.log', 3, 3)] },
  { code: 'export const withRetry = (fn) => async (...args) => {\n  try {\n    return await fn(...args);\n  } catch (error) {\n    console.error(error);\n    throw error;\n  }\n};', options: SERVER, errors: [consoleCall('console.error', 5, 5)] },
  // A server driving a headless browser: what page.evaluate runs is the page's, the module is the server's.
  { code: "import puppeteer from 'puppeteer-core';\nexport async function render(html: string) {\n  const browser = await puppeteer.connect({ browserWSEndpoint: endpoint });\n  const page = await browser.newPage();\n  await page.evaluate((markup) => { document.body.innerHTML = markup; window.scrollTo(0, 0); }, html);\n  console.log(`Rendered ${html.length} bytes`);\n}", options: SERVER, errors: [consoleCall('console.log', 6, 3)] },
  // Node.js defines `navigator` too; a `typeof window` type reads nothing.
  { code: "export function poolSize(req) {\n  const cores = navigator.hardwareConcurrency;\n  console.log(`Sizing pool for ${req.id}`);\n  return cores;\n}", options: SERVER, errors: [consoleCall('console.log', 3, 3)] },
  { code: "export let host: typeof window | undefined;\nexport function handle(req) {\n  console.log(req.id);\n}", options: SERVER, errors: [consoleCall('console.log', 3, 3)] },
  // Code shared by browser and server asks whether `window` exists; a local `document` is a row, not the page's.
  { code: "export function origin(req) {\n  if (typeof window !== 'undefined') return window.location.origin;\n  console.log(req.headers.host);\n  return req.headers.host;\n}", options: SERVER, errors: [consoleCall('console.log', 3, 3)] },
  { code: "export async function publish(id) {\n  const document = await Document.findByPk(id);\n  console.log(document.id);\n  return document.publish();\n}", options: SERVER, errors: [consoleCall('console.log', 3, 3)] },
  // `process.exit` only in a nested shutdown callback: the handler itself keeps serving.
  {
    code: "export function handle(req) {\n  process.on('SIGTERM', () => process.exit(0));\n  console.log(req.id);\n}",
    options: SERVER,
    errors: [consoleCall('console.log', 3, 3)],
  },
];

/** Console globs without `test/` (the typed test project lives there), so that only the code's place keeps these silent. */
function withServerGlobs(testCase: Valid<Options>): Valid<Options> {
  return typeof testCase === 'string' ? { code: testCase, options: SERVER } : { options: SERVER, ...testCase };
}

const valid: Valid<Options>[] = [...requestPathValid.map(servedValid), ...outsideServing.map(withServerGlobs), ...noStructuredFormShown, ...noActionExpected];
const invalid: Case[] = [...requestPath.map(served), ...kept, ...keptWithEvidence];

runRuleTests('prefer-structured-logging', rule, { valid, invalid });
