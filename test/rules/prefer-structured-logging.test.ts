import rule, { type MessageId, type Options } from '../../rules/prefer-structured-logging.js';
import { runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

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

const PINO = `import pino from 'pino';\nconst logger = pino();\n`;
const WINSTON = `import winston from 'winston';\nconst logger = winston.createLogger({});\n`;
const SERVER: Options = [{ allowConsoleIn: ['**/scripts/**'] }];
const NEST = `import { Logger } from '@nestjs/common';\n`;

const valid: Valid<Options>[] = [
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

const invalid: Case[] = [
  // console in server code (the typed test project lives under test/, a default console glob).
  { code: `console.log('Listening on port', port);`, options: SERVER, errors: [consoleCall('console.log', 1, 1)] },
  { code: `console.error(err);`, options: SERVER, errors: [consoleCall('console.error', 1, 1)] },
  { code: 'console.warn(`Retrying ${attempt}`);', options: SERVER, errors: [consoleCall('console.warn', 1, 1)] },
  { code: `globalThis.console.info('ready');`, options: SERVER, errors: [consoleCall('globalThis.console.info', 1, 1)] },
  { code: `console.debug(payload);`, options: [{ allowConsoleIn: ['scripts/**'] }], errors: [consoleCall('console.debug', 1, 1)] },
  { code: `console.log('Seeded');`, filename: 'src/server.js', mode: 'untyped', errors: [consoleCall('console.log', 1, 1)] },
  // pino: context first.
  {
    code: `${PINO}logger.info(\`User \${id} created\`);`,
    errors: [built('logger.info', 'interpolation', 3, 13, { form: "({ userId: id }, 'User created')", output: `${PINO}logger.info({ userId: id }, 'User created');` })],
  },
  {
    code: 'logger.info(`User ${id} created`);',
    errors: [built('logger.info', 'interpolation', 1, 13, { form: "({ userId: id }, 'User created')", output: "logger.info({ userId: id }, 'User created');" })],
  },
  {
    code: 'logger.info({ requestId }, `Order ${order.id} shipped`);',
    errors: [built('logger.info', 'interpolation', 1, 28, { form: "({ …, orderId: order.id }, 'Order shipped')", output: "logger.info({ requestId, orderId: order.id }, 'Order shipped');" })],
  },
  {
    code: 'logger.info({}, `Order ${order.id} shipped`);',
    errors: [built('logger.info', 'interpolation', 1, 17, { form: "({ …, orderId: order.id }, 'Order shipped')", output: "logger.info({ orderId: order.id }, 'Order shipped');" })],
  },
  {
    code: 'req.log.info(`Fetched ${items.length} items`);',
    errors: [built('req.log.info', 'interpolation', 1, 14, { form: "({ itemsLength: items.length }, 'Fetched items')", output: "req.log.info({ itemsLength: items.length }, 'Fetched items');" })],
  },
  {
    code: 'logger.info(`Moved ${a.name} to ${b.name}`);',
    errors: [built('logger.info', 'interpolation', 1, 13, { form: "({ aName: a.name, bName: b.name }, 'Moved to')", output: "logger.info({ aName: a.name, bName: b.name }, 'Moved to');" })],
  },
  {
    code: "logger.warn(`Can't load ${file}`);",
    errors: [built('logger.warn', 'interpolation', 1, 13, { form: "({ file }, 'Can\\'t load')", output: "logger.warn({ file }, 'Can\\'t load');" })],
  },
  {
    code: "logger.debug('Took ' + durationMs + ' ms: ' + route);",
    errors: [built('logger.debug', 'concatenation', 1, 14, { form: "({ durationMs, route }, 'Took ms')", output: "logger.debug({ durationMs, route }, 'Took ms');" })],
  },
  // An error or format arguments beside the message: reported, no rewrite.
  { code: 'logger.error(err, `Charge ${chargeId} failed`);', errors: [built('logger.error', 'interpolation', 1, 19)] },
  { code: 'logger.info(`Cache ${name}: %s`, hit);', errors: [built('logger.info', 'interpolation', 1, 13)] },
  // Nothing left of the message.
  { code: 'logger.info(`${summary}`);', errors: [built('logger.info', 'interpolation', 1, 13)] },
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
  // NestJS Logger: the message goes into the object; the context argument stays.
  {
    code: `${NEST}class JobsService {\n  logger = new Logger(JobsService.name);\n  run(job) {\n    this.logger.log(\`Job \${job.id} done\`);\n  }\n}`,
    errors: [built('this.logger.log', 'interpolation', 5, 21, {
      form: "({ message: 'Job done', jobId: job.id })",
      output: `${NEST}class JobsService {\n  logger = new Logger(JobsService.name);\n  run(job) {\n    this.logger.log({ message: 'Job done', jobId: job.id });\n  }\n}`,
    })],
  },
  {
    code: `${NEST}Logger.warn(\`Slow query \${durationMs}\`, 'Database');`,
    errors: [built('Logger.warn', 'interpolation', 2, 13, {
      form: "({ message: 'Slow query', durationMs })",
      output: `${NEST}Logger.warn({ message: 'Slow query', durationMs }, 'Database');`,
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

runRuleTests('prefer-structured-logging', rule, { valid, invalid });
