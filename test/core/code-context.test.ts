import { describe, expect, it } from 'vitest';
import {
  describesClientError,
  isBrowserHalfOfSplit,
  isPageFunctionMethod,
  isBrowserModule,
  isConfigurationGuard,
  isDevOnlyCondition,
  isProductionCondition,
  hidesServerErrorsInProduction,
  showsDetailsOnlyForClientStatusesInProduction,
  outsideRequestReason,
  isProgrammerErrorMessage,
  isQueueModule,
  isServerPackage,
  isStartupConstructor,
  isStartupFunctionName,
  startupFunctionReason,
  handlerDefaultStatus,
  statusOfClientMessage,
  isTerminalProgram,
  isWorkerPath,
} from '../../src/core/classify/code-context.js';

describe('code context', () => {
  it.each([
    [{ importSources: ['commander'], readsArgv: false, path: 'src/tasks/run.ts' }, true],
    [{ importSources: ['chalk'], readsArgv: false, path: 'src/x.ts' }, true],
    [{ importSources: ['typescript', 'node:path'], readsArgv: false, path: 'src/commands/build.ts' }, true],
    [{ importSources: ['node:path'], readsArgv: false, path: 'src/commands/build.ts' }, false],
    [{ importSources: [], readsArgv: true, path: 'src/x.ts' }, true],
    [{ importSources: [], readsArgv: false, path: 'packages/lex-cli/src/util.ts' }, true],
    [{ importSources: [], readsArgv: false, path: 'src/cli/index.ts' }, true],
    [{ importSources: ['express'], readsArgv: false, path: 'src/users/users.controller.ts' }, false],
    [{ importSources: [], readsArgv: false, path: 'src/clients/stripe.ts' }, false],
    // A yargs command module (commandDir): a subcommand of the project's CLI.
    [{ importSources: ['axios'], readsArgv: false, path: 'server/commands/health.ts', text: "export const command = 'health';\nexport async function handler() { await axios.get(url); }" }, true],
    [{ importSources: ['axios'], readsArgv: false, path: 'server/api/health.ts', text: "export const handler = async () => axios.get(url);\nconst command = 'health';" }, false],
    [{ importSources: ['express'], readsArgv: false, path: 'server/commands/serve.ts', text: "export const command = 'serve';\nexport async function handler(argv) { const app = express(); app.listen(argv.port); }" }, false],
  ])('terminal program %#', (facts, expected) => {
    expect(isTerminalProgram(facts)).toBe(expected);
  });
  it.each([
    ['src/jobs/nightly-sync.ts', true], ['src/queues/email.ts', true], ['src/snapshot/snapshot.processor.ts', true], ['src/orders/order.worker.ts', true],
    ['src/orders/orders.service.ts', false], ['src/jobs-api/jobs.controller.ts', false],
    ['packages/indexer/src/daemon/index.ts', true], ['packages/indexer/src/worker.ts', true], ['src/daemon.ts', true], ['src/jobs.service.ts', false],
    ['src/mail/email-consumer.ts', true], ['src/server/service/email-queue-service.ts', true], ['src/routes/export-jobs.routes.ts', false], ['src/api/job-queue.controller.ts', false],
    ['src/cron_jobs/recurring-tasks.ts', true], ['src/background-workers/index.ts', true], ['src/scheduled-jobs/purge.ts', true], ['src/queue-admin/routes.ts', false], ['src/jobs-api/list.ts', false],
    ['src/modules/export-jobs/index.ts', false], ['src/email-queue/email-queue.resolver.ts', false], ['src/task-scheduler/schedules.ts', false], ['src/background/index.ts', false], ['src/tasks/tasks.ts', false],
  ])('worker path %s', (path, expected) => {
    expect(isWorkerPath(path)).toBe(expected);
  });
  it.each([
    ['bootstrap', true], ['onModuleInit', true], ['getDatabaseConfig', true], ['getTransportOption', true], ['startCron', true], ['defineJob', true], ['startWorkers', true], ['loadEnv', true], ['createApp', true], ['initSentry', true], ['normalizeProjectConfig', true],
    ['ensureDefaultChannelExists', true], ['ensureSuperAdminRoleExists', true], ['ensureRolesInitialized', true],
    ['waitForDatabase', false], ['waitForConnection', false],
    ['register', false], ['startWorkflow', false], ['undefined', false], ['redefine', false], ['init', false], ['createUser', false], ['getUser', false], ['start', false], ['ensureOwner', false], ['ensureUserExists', false], ['normalizeEmail', false], ['normalizePaginationOptions', false], ['normalizeFilterSettings', false],
  ])('start-up function %s', (name, expected) => {
    expect(isStartupFunctionName(name)).toBe(expected);
  });
  it.each([
    [{ name: 'bootstrap' }, "start-up function 'bootstrap'"],
    [{ parameterTypes: [{ name: 'LoaderOptions', source: '@medusajs/framework/types' }] }, 'start-up function (a framework hook: LoaderOptions)'],
    [{ parameterTypes: [{ name: 'LoaderOptions', source: '../types' }] }, undefined],
    [{ parameterTypes: [{ name: 'Request', source: 'express' }] }, undefined],
    [{ name: 'emitSchema', buildsApplication: true }, "start-up function 'emitSchema' (builds the application)"],
    [{ name: 'emitSchema', buildsApplication: false }, undefined],
    [{ registeredAs: { method: 'addHook', event: 'onRoute' } }, 'start-up function (an application hook: onRoute)'],
    [{ name: 'closeDb', registeredAs: { method: 'addHook', event: 'onClose' } }, "start-up function 'closeDb' (an application hook: onClose)"],
    [{ registeredAs: { method: 'addHook', event: 'preHandler' } }, undefined],
    [{ registeredAs: { method: 'on', event: 'onRoute' } }, undefined],
  ])('start-up function %j', (facts, expected) => {
    expect(startupFunctionReason(facts)).toBe(expected);
  });
  it('browser code: a client directive or a client-only React hook', () => {
    expect(isBrowserModule({ directives: ['use client'], reactImports: [] })).toBe(true);
    expect(isBrowserModule({ directives: [], reactImports: ['useCallback', 'useEffect'] })).toBe(true);
    expect(isBrowserModule({ directives: ['use server'], reactImports: ['cache'] })).toBe(false);
    expect(isBrowserModule({ directives: ['use strict'], reactImports: [] })).toBe(false);
    // A page's state store (zustand, jotai): the module keeps a user's screen state, in the browser.
    expect(isBrowserModule({ directives: [], reactImports: [], hookImports: [{ source: 'zustand', name: 'create' }] })).toBe(true);
    expect(isBrowserModule({ directives: [], reactImports: [], hookImports: [{ source: 'jotai', name: 'atom' }] })).toBe(true);
    // A server store or another package's `create` is not one.
    expect(isBrowserModule({ directives: [], reactImports: [], hookImports: [{ source: 'redis', name: 'createClient' }, { source: './store', name: 'create' }] })).toBe(false);
  });
  it('a server package depends on a server framework', () => {
    expect(isServerPackage(['express', 'zod'])).toBe(true);
    expect(isServerPackage(['@nestjs/core'])).toBe(true);
    expect(isServerPackage(['zod', 'multiformats'])).toBe(false);
    expect(isServerPackage(['@prisma/client', 'zod'])).toBe(true);
    expect(isServerPackage(['@acme/db', 'zod'])).toBe(true);
    expect(isServerPackage(['@acme/ui', 'react'])).toBe(false);
    // No dependencies listed (hoisted to a workspace root): nothing says it is no server.
    expect(isServerPackage([])).toBe(true);
  });
  it.each([
    ["process.env.NODE_ENV === 'development'", true], ["config.env === 'test'", true], ["process.env.NODE_ENV !== 'production'", false],
    ["process.env.NODE_ENV !== 'development'", false], ['isDev', true], ['!isDev', false], ['user.isAdmin', false],
    ['options.debug', true], ['debug ?? DEV_MODE', true], ['this.debug || isDev', true], ['debugger', false], ['user.debugMode', false],
    ['IS_TEST_ENV', true], ['config.isDevEnvironment', true], ['!IS_TEST_ENV', false], ['IS_TESTED', false], ['isTestEnvelope', false], ['isTestMode', false], ['IS_TEST_ENV_READY', false],
    ['req.query.debug', false], ["request.headers['x-debug']", false], ['ctx.request.body.debug', false], ["req.query.env === 'development'", false], ["c.env.NODE_ENV === 'development'", true],
  ])('dev-only condition %s', (text, expected) => {
    expect(isDevOnlyCondition(text)).toBe(expected);
  });
  it.each([
    ["process.env.NODE_ENV !== 'test'", true], ["this.config.env !== 'development'", true], ["process.env.NODE_ENV === 'production'", true], ['!isDev', true], ['(!options.debug)', true],
    ["process.env.NODE_ENV === 'test'", false], ["process.env.NODE_ENV !== 'production'", false], ['!user', false], ["process.env.NODE_ENV !== 'test' && !allowSeed", false], ['!(isDev)', false],
  ])('production condition %s', (text, expected) => {
    expect(isProductionCondition(text)).toBe(expected);
  });
  it.each([
    ["process.env.NODE_ENV === 'production' && ctx.status >= 500", true], ['isProduction && statusCode > 499', true], ["(status >= 500 && config.env === 'production')", true],
    ['isProduction && err.statusCode > 499', false], ["process.env.NODE_ENV === 'production' && err.code >= 500", false], ['isProd && res.statusCode >= 500', false],
    ["process.env.NODE_ENV === 'production' && ctx.status < 500", false], ['ctx.status >= 500', false], ["process.env.NODE_ENV === 'production'", false],
    ["process.env.NODE_ENV === 'production' && status >= 500 && !expose", false], ["process.env.NODE_ENV === 'development' && status >= 500", false],
  ])('hides server errors in production: %s', (text, expected) => {
    expect(hidesServerErrorsInProduction(text)).toBe(expected);
  });
  it.each([
    ["ctx.status < 500 || process.env.NODE_ENV !== 'production'", true], ['!isProduction || status <= 499', true], ["status < 500 || process.env.NODE_ENV === 'development'", true],
    ["err.status < 500 || process.env.NODE_ENV !== 'production'", false], ["ctx.status < 500 && process.env.NODE_ENV !== 'production'", false], ["ctx.status < 500 || process.env.NODE_ENV === 'production'", false],
  ])('shows details only for client statuses in production: %s', (text, expected) => {
    expect(showsDetailsOnlyForClientStatusesInProduction(text)).toBe(expected);
  });
  it('code after an exit that holds in production runs only in development or tests', () => {
    const file = { terminalProgram: false, serverPackage: true, workerPath: false };
    const fn = { kind: 'function', name: 'tokenForTests', signalHandler: false, decorators: [], pageFunction: false } as const;
    expect(outsideRequestReason(file, [{ kind: 'guard', exitCondition: "process.env.NODE_ENV !== 'test'" }, fn])).toBe('development-only branch');
    expect(outsideRequestReason(file, [{ kind: 'guard', exitCondition: '!user' }, fn])).toBeUndefined();
  });
  it('code in a function a headless browser runs in its page serves no request of the server', () => {
    const file = { terminalProgram: false, serverPackage: true, workerPath: false };
    const page = { kind: 'function', signalHandler: false, decorators: [], pageFunction: true } as const;
    const handler = { kind: 'function', name: 'scrape', signalHandler: false, decorators: [], pageFunction: false } as const;
    expect(outsideRequestReason(file, [page, handler])).toBe('browser page function');
    expect(outsideRequestReason(file, [handler])).toBeUndefined();
  });
  it.each([
    ['evaluate', true], ['evaluateHandle', true], ['$eval', true], ['$$eval', true], ['waitForFunction', true], ['addInitScript', true],
    ['evaluation', false], ['eval', false], ['waitForSelector', false], ['exposeFunction', false], ['exposeBinding', false], ['evaluateRules', false], ['evaluateOnNewDocument', true],
  ])('page function method %s → %s', (method, expected) => {
    expect(isPageFunctionMethod(method)).toBe(expected);
  });
  it.each([
    ["'Not implemented'", true], ['`Unknown kind ${kind}`', true], ["'Unreachable code'", true], ["'Invariant violated: empty'", true],
    ["'Product not found'", false], ["'Slug already taken'", false],
    ["'Service already started'", true], ["'Indexer is not started'", true], ["'Order already shipped'", false], ["'Account already closed'", false],
    ["'Missing request in verify callback; did you enable passRequest in the strategy?'", true], ["'Unknown field \"nmae\", did you mean \"name\"?'", false],
  ])('programmer error %s', (text, expected) => {
    expect(isProgrammerErrorMessage(text)).toBe(expected);
  });
  it.each([
    ["'Product not found'", true], ['`Slug ${slug} is already taken`', true], ["'Amount must be positive'", true], ["'Too many requests'", true],
    ["'Gateway returned no capture id'", false], ["'Database connection closed'", false], ["'Request timed out'", false], ["'Warehouse offline'", true], ["'Import failed'", false], ["'boom'", false],
  ])('client error message %s', (text, expected) => {
    expect(describesClientError(text)).toBe(expected);
  });
  it.each([
    ["'Missing DATABASE_URL'", true], ['!process.env.JWT_SECRET', true], ["'Invalid configuration for mailer'", true], ["!cfg.service.devMode && !publicUrl.startsWith('https://')", true],
    ['!stripeConfig().webhookSecret', true], ['!getMailSettings().host', true],
    ["!req.query.url.startsWith('https://')", false], ["!cfgId", false], ['!parseConfig(req.body).url', false], ['!user.config', true],
    ["{ code: 'OUT_OF_STOCK', sku }", false], ["'Missing required field: email'", false], ["'Missing config in request body'", false],
  ])('configuration guard %s', (text, expected) => {
    expect(isConfigurationGuard(text)).toBe(expected);
  });
  it.each([
    ['bullmq', true], ['@nestjs/bullmq', true], ['pg-boss', true], ['../../job-queue/job', true], ['./queues/types', true],
    ['../entities/job', false], ['./jobs.service', false], ['express', false],
  ])('queue module %s', (source, expected) => {
    expect(isQueueModule(source)).toBe(expected);
  });

  const parameter = (name: string, type = '', decorators: string[] = []) => ({ name, type, decorators });
  it.each([
    ['a DI component', { classDecorators: ['Injectable'], parameters: [parameter('search', 'SearchClient')] }, true],
    ['a namespaced DI decorator', { classDecorators: ['typedi.Service'], parameters: [] }, true],
    ['a parameter a container fills', { classDecorators: [], parameters: [parameter('client', 'PaymentClient', ['Inject'])] }, true],
    ['an options object by name', { classDecorators: [], parameters: [parameter('options')] }, true],
    ['a configuration type', { classDecorators: [], parameters: [parameter('input', 'MailTransportConfig')] }, true],
    ['a value object', { classDecorators: [], parameters: [parameter('order', 'Order'), parameter('mailer', 'Mailer')] }, false],
    ['an entity decorator', { classDecorators: ['Entity'], parameters: [parameter('value', 'number')] }, false],
  ])('constructor of %s runs at start-up: %s', (_label, facts, expected) => {
    expect(isStartupConstructor(facts)).toBe(expected);
  });
});

describe('isBrowserHalfOfSplit', () => {
  it.each([
    ['src/limits/client.ts', ['client.ts', 'server.ts', 'schema.ts'], ['NEXT_PUBLIC_APP_URL'], true],
    ['src/limits/client.mjs', ['client.mjs', 'server.mts'], ['VITE_API_URL'], true],
    ['src/rpc/client.ts', ['client.ts', 'server.ts'], ['RPC_URL'], false],
    ['src/redis/client.ts', ['client.ts', 'index.ts'], ['NEXT_PUBLIC_APP_URL'], false],
    ['src/billing/payments.client.ts', ['payments.client.ts', 'server.ts'], ['NEXT_PUBLIC_APP_URL'], false],
    ['src/limits/server.ts', ['client.ts', 'server.ts'], ['NEXT_PUBLIC_APP_URL'], false],
    ['src/limits/client.ts', ['client.ts', 'server.json'], ['NEXT_PUBLIC_APP_URL'], false],
  ])('%s beside %j reading %j is the browser half: %s', (file, siblings, names, expected) => {
    expect(isBrowserHalfOfSplit(file, siblings, names)).toBe(expected);
  });
});

describe('central error handler defaults', () => {
  it.each([
    ['const errorHandler: ErrorRequestHandler = (err, req, res, next) => { const status = err.status || 400; res.status(status).json({ message: err.message }); };', 400],
    ['app.use((error, req, res, next) => { res.status(error.statusCode ?? 422).json({ message: error.message }); });', 422],
    ['server.setErrorHandler((error, request, reply) => { reply.code(error.statusCode || 400).send(error); });', 400],
    ['app.use((err, req, res, next) => { res.status(500).json({ message: "Internal error" }); });', undefined],
    // No handler in the module: an HTTP client helper's default says nothing of the app's answers.
    ['export const toUpstreamError = (err) => new UpstreamError(err.status || 400, err.message);', undefined],
    // A handler's default written in a comment only.
    ['app.use((err, req, res, next) => {\n  // const status = err.status || 400;\n  res.status(500).end();\n});', undefined],
  ])('default status of %s', (text, expected) => {
    expect(handlerDefaultStatus(text)).toBe(expected);
  });
  it.each([
    ['Experiment not found', 404], ['Slug already taken', 409], ['Not allowed to edit this project', 403], ['Unauthorized', 401],
    ['Invalid phase index', 400], ['Cannot remove the last member', 400], ['Name is required', 400], ['Cannot find datasource', 404],
    ['You must be a super admin to recreate a datasource', 403], ['You must be the owner of this project', 403], ['You are not authorized to delete this project', 401],
    ['Invalid credentials', 401], ['Session expired', 401], ['Invalid password reset token.', 400], ['Invalid invitation token', 400], ['Invalid verification code', 400], ['Invalid token', 401], ['Account suspended', 403], ['Invalid code, please try again', 400],
    ['The warehouse service returned invalid JSON. Please try again', 503],
    ['Too many requests', undefined], ['Insufficient credits', undefined], ['File too large', undefined], ['Username unavailable', undefined], ['Out of stock', undefined],
  ])('status asked by %s', (message, expected) => {
    expect(statusOfClientMessage(message)).toBe(expected);
  });
});

