import { describe, expect, it } from 'vitest';
import {
  classifyLogCall,
  hasLoggerDependency,
  isLoggerName,
  isRedactedKeyPath,
  isStringOnlyLogCall,
  loggerLibraryOfImport,
  matchesFileGlobs,
  isVerbositySwitch,
  mayBeLogCall,
  nestLoggerIsStructured,
  nestLoggerPrintsText,
  installedLoggerModule,
  fastifyLoggerSilenced,
  parseRedactPath,
  structuredMessage,
} from '../../src/core/classify/log.js';
import type { DeclaredIn } from '../../src/core/facts.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings.js';
import { chain, str } from './chain.js';

const settings = DEFAULT_SETTINGS;
const typed = (declaredIn: DeclaredIn) => () => declaredIn;

describe('classifyLogCall: untyped', () => {
  it.each([
    ['console.log', 'console', 'log'],
    ['console.info', 'console', 'info'],
    ['console.warn', 'console', 'warn'],
    ['console.error', 'console', 'error'],
    ['console.debug', 'console', 'debug'],
    ['console.trace', 'console', 'trace'],
    ['globalThis.console.error', 'console', 'error'],
    ['logger.info', 'unknown', 'info'],
    ['logger.trace', 'unknown', 'trace'],
    ['logger.fatal', 'unknown', 'fatal'],
    ['logger.log', 'unknown', 'log'],
    ['logger.verbose', 'unknown', 'verbose'],
    ['logger.child', 'unknown', 'child'],
    ['log.warn', 'unknown', 'warn'],
    ['LOGGER.error', 'unknown', 'error'],
    ['_log.error', 'unknown', 'error'],
    ['this.logger.info', 'unknown', 'info'],
    ['this.log.debug', 'unknown', 'debug'],
    ['req.log.info', 'pino', 'info'],
    ['request.log.error', 'pino', 'error'],
    ['reply.log.warn', 'pino', 'warn'],
    ['fastify.log.info', 'pino', 'info'],
    ['this.fastify.log.info', 'pino', 'info'],
    ['app.log.info', 'unknown', 'info'],
    ['server.log.error', 'unknown', 'error'],
    ['ctx.log.info', 'unknown', 'info'],
    ['auditLogger.info', 'unknown', 'info'],
    ['this.requestLogger.warn', 'unknown', 'warn'],
    ['this.loggerService.log', 'unknown', 'log'],
    ['Logger.log', 'nestjs', 'log'],
    ['Logger.error', 'nestjs', 'error'],
    ['winston.info', 'winston', 'info'],
    ['consola.info', 'unknown', 'info'],
    ['logger.child({}).info', 'unknown', 'info'],
    ['this.logger.child({}).child({}).error', 'unknown', 'error'],
    ["log4js.getLogger('app').info", 'unknown', 'info'],
    ['ctx.state.logger.debug', 'unknown', 'debug'],
    ['logger.silly', 'unknown', 'silly'],
  ])('%s is a log call (%s.%s)', (text, library, method) => {
    const match = classifyLogCall(chain(text, [str('hello')]), settings);
    expect(match).toMatchObject({ library, method, isConsole: library === 'console' });
  });

  it.each([
    'catalog.log',
    'Math.log',
    'changelog.info',
    'blog.error',
    'dialog.warn',
    'console.table',
    'console.dir',
    'logger.flush',
    'logger.isLevelEnabled',
    'log',
    'this.log',
    'auditLog.info',
    'logs.info',
    'job.log',
    'userLogs.error',
    'map.get',
  ])('%s is not a log call', (text) => {
    expect(classifyLogCall(chain(text, [str('x')]), settings)).toBeUndefined();
  });

  it('names the library from the root import', () => {
    expect(classifyLogCall(chain('log.info', [], { rootImport: 'loglevel' }), settings)?.library).toBe('unknown');
    expect(classifyLogCall(chain('logger.info', [], { rootImport: 'pino' }), settings)?.library).toBe('pino');
    expect(classifyLogCall(chain('winston.warn', [], { rootImport: 'winston' }), settings)?.library).toBe('winston');
    expect(classifyLogCall(chain("log4js.getLogger('x').error", [], { rootImport: 'log4js' }), settings)?.library).toBe('log4js');
    expect(classifyLogCall(chain('pino().info', [], { rootImport: 'pino' }), settings)?.library).toBe('pino');
    expect(classifyLogCall(chain('Logger.log', [], { rootImport: '@nestjs/common' }), settings)?.library).toBe('nestjs');
    // A `Logger` of the project's own is a logger, but not NestJS's.
    expect(classifyLogCall(chain('Logger.info', [], { rootImport: './logger' }), settings)?.library).toBe('unknown');
    // Any name imported from a logger package: `import bunyan from 'bunyan'; const x = bunyan; x.info()`.
    expect(classifyLogCall(chain('audit.info', [], { rootImport: 'bunyan' }), settings)?.library).toBe('bunyan');
  });

  it('gives the callee text as written', () => {
    expect(classifyLogCall(chain('this.logger.info'), settings)?.calleeText).toBe('this.logger.info');
    expect(classifyLogCall(chain('logger.child({}).info'), settings)?.calleeText).toBe('logger.child(…).info');
  });

  it('honours settings.loggers.names (simple and dotted)', () => {
    const custom = parseSettings({ loggers: { names: ['audit', 'this.trail', '*Journal'] } });
    expect(classifyLogCall(chain('audit.info'), custom)?.library).toBe('unknown');
    expect(classifyLogCall(chain('this.audit.info'), custom)).toBeDefined();
    expect(classifyLogCall(chain('this.trail.warn'), custom)).toBeDefined();
    expect(classifyLogCall(chain('trail.warn'), custom)).toBeUndefined();
    expect(classifyLogCall(chain('eventJournal.error'), custom)).toBeDefined();
    expect(classifyLogCall(chain('audit.info'), settings)).toBeUndefined();
  });
});

describe('classifyLogCall: typed', () => {
  it.each<[string, DeclaredIn, string]>([
    ['this.audit.info', { package: 'pino', typeName: 'BaseLogger' }, 'pino'],
    ['this.out.info', { package: 'winston', typeName: 'Logger' }, 'winston'],
    ['this.trail.warn', { package: '@types/bunyan', typeName: 'Logger' }, 'bunyan'],
    ['this.events.error', { package: 'log4js', typeName: 'Logger' }, 'log4js'],
    ['this.output.log', { package: '@nestjs/common', typeName: 'Logger' }, 'nestjs'],
    ['this.output.verbose', { package: '@nestjs/common', typeName: 'LoggerService' }, 'nestjs'],
    ['this.request.log.info', { package: 'fastify', typeName: 'FastifyBaseLogger' }, 'unknown'],
    ['this.audit.info', { typeName: 'AuditLogger', fileName: '/p/src/audit-logger.ts' }, 'unknown'],
    ['this.sink.warn', { package: 'consola', typeName: 'ConsolaInstance' }, 'unknown'],
  ])('%s declared in %o is a log call', (text, declaredIn, library) => {
    expect(classifyLogCall(chain(text), settings, typed(declaredIn))?.library).toBe(library);
  });

  it('recognises console by its lib type whatever the receiver', () => {
    const match = classifyLogCall(chain('this.out.error'), settings, typed({ package: 'lib', typeName: 'Console' }));
    expect(match).toMatchObject({ library: 'console', isConsole: true });
    expect(classifyLogCall(chain('console.log'), settings, typed({ package: 'lib' }))?.library).toBe('console');
  });

  it.each<[string, DeclaredIn]>([
    ['log.info', { package: 'some-metrics', typeName: 'Counter' }],
    ['logger.error', { package: 'lib', typeName: 'Map' }],
    ['this.output.log', { package: '@nestjs/common', typeName: 'HttpService' }],
  ])('%s declared in %o is not a log call', (text, declaredIn) => {
    expect(classifyLogCall(chain(text), settings, typed(declaredIn))).toBeUndefined();
  });

  it('keeps the untyped answer when types prove nothing', () => {
    expect(classifyLogCall(chain('log.info'), settings, typed({ typeName: 'Log', fileName: '/p/src/log.ts' }))).toBeDefined();
    expect(classifyLogCall(chain('logger.info'), settings, typed({ unresolved: true }))).toBeDefined();
    expect(classifyLogCall(chain('logger.info'), settings, () => undefined)).toBeDefined();
    expect(classifyLogCall(chain('catalog.log'), settings, typed({ typeName: 'Catalog' }))).toBeUndefined();
    // A package with `log` in its name may be a logger wrapper: names decide.
    expect(classifyLogCall(chain('logger.info'), settings, typed({ package: '@acme/logging', typeName: 'Client' }))).toBeDefined();
  });

  it('needs a level method even on a typed logger', () => {
    expect(classifyLogCall(chain('this.audit.flush'), settings, typed({ package: 'pino', typeName: 'BaseLogger' }))).toBeUndefined();
    expect(classifyLogCall(chain('this.out.table'), settings, typed({ package: 'lib', typeName: 'Console' }))).toBeUndefined();
  });

  it('honours settings.loggers.types', () => {
    const custom = parseSettings({ loggers: { types: ['Journal', { from: 'package', name: 'Tracer', package: '@acme/obs' }] } });
    expect(classifyLogCall(chain('this.j.info'), custom, typed({ typeName: 'Journal' }))).toBeDefined();
    expect(classifyLogCall(chain('this.t.warn'), custom, typed({ package: '@acme/obs', typeName: 'Tracer' }))).toBeDefined();
    expect(classifyLogCall(chain('this.t.warn'), custom, typed({ package: '@other/obs', typeName: 'Tracer' }))).toBeUndefined();
  });
});

describe('isLoggerName', () => {
  it.each([
    ['logger', true],
    ['auditLogger', true],
    ['log', true],
    ['LOG', true],
    ['changelog', false],
    ['catalog', false],
    ['blog', false],
    ['logs', false],
    ['auditLog', false],
  ])('%s → %s', (name, expected) => {
    expect(isLoggerName(name)).toBe(expected);
  });
});

describe('mayBeLogCall', () => {
  it('keeps console and logger methods on a receiver', () => {
    expect(mayBeLogCall(['console', 'log'])).toBe(true);
    expect(mayBeLogCall(['this', 'logger', 'info'])).toBe(true);
    expect(mayBeLogCall(['logger', 'child'])).toBe(true);
    expect(mayBeLogCall(['debug'])).toBe(false);
    expect(mayBeLogCall(['res', 'send'])).toBe(false);
  });
});

describe('pino redact paths', () => {
  it.each([
    ['req.headers.authorization', ['req', 'headers', 'authorization']],
    ['*.password', ['*', 'password']],
    ['users[*].email', ['users', '*', 'email']],
    ['headers["x-api-key"]', ['headers', 'x-api-key']],
    ["a['b'].c", ['a', 'b', 'c']],
    ['path', ['path']],
  ])('parses %s', (path, keys) => {
    expect(parseRedactPath(path)).toEqual(keys);
  });

  it.each(['', '.a', 'a..b', 'a[', 'a b'])('rejects %j', (path) => {
    expect(parseRedactPath(path)).toBeUndefined();
  });

  it('matches keys of the same depth, * standing for one key', () => {
    const paths = [['*', 'password'], ['req', 'headers', 'authorization']];
    expect(isRedactedKeyPath(['user', 'password'], paths)).toBe(true);
    expect(isRedactedKeyPath(['req', 'headers', 'authorization'], paths)).toBe(true);
    expect(isRedactedKeyPath(['password'], paths)).toBe(false);
    expect(isRedactedKeyPath(['a', 'user', 'password'], paths)).toBe(false);
    expect(isRedactedKeyPath(['headers', 'authorization'], paths)).toBe(false);
  });
});

describe('structuredMessage', () => {
  const text = (value: string) => ({ kind: 'text', text: value }) as const;
  const value = (...names: string[]) => (names.length === 0 ? ({ kind: 'value' } as const) : ({ kind: 'value', names } as const));

  it.each([
    [[text('User '), value('id'), text(' created')], 'User created', ['userId']],
    [[text('Order '), value('order', 'id'), text(' shipped')], 'Order shipped', ['orderId']],
    [[text('Fetched '), value('items', 'length'), text(' items')], 'Fetched items', ['itemsLength']],
    [[text('Cache hit for '), value('key')], 'Cache hit for', ['key']],
    [[text('Moved '), value('a', 'name'), text(' to '), value('b', 'name')], 'Moved to', ['aName', 'bName']],
    [[text('user id='), value('this', 'userId'), text(', status: '), value('status')], 'user id status', ['userId', 'status']],
    [[text("'"), value('file'), text("' not found")], 'not found', ['file']],
    [[value(), text(' and '), value()], 'and', ['value', 'value2']],
    [[value('summary')], '', ['summary']],
  ] as const)('%j', (parts, message, keys) => {
    expect(structuredMessage(parts)).toEqual({ message, keys });
  });
});

describe('loggerLibraryOfImport', () => {
  it('names the library of logger imports', () => {
    expect(loggerLibraryOfImport('pino', ['default'])).toBe('pino');
    expect(loggerLibraryOfImport('winston', ['createLogger'])).toBe('winston');
    expect(loggerLibraryOfImport('@nestjs/common', ['Injectable', 'Logger'])).toBe('nestjs');
    expect(loggerLibraryOfImport('@nestjs/common', ['Injectable'])).toBeUndefined();
    expect(loggerLibraryOfImport('consola', ['default'])).toBeUndefined();
    expect(loggerLibraryOfImport('./logger.js', ['logger'])).toBeUndefined();
  });
});

describe('matchesFileGlobs', () => {
  it('matches relative paths against globs', () => {
    expect(matchesFileGlobs('scripts/seed.ts', ['**/scripts/**'])).toBe(true);
    expect(matchesFileGlobs('./src/users.test.ts', ['**/*.{test,spec}.ts'])).toBe(true);
    expect(matchesFileGlobs('src\\app.ts', ['src/**'])).toBe(true);
    expect(matchesFileGlobs('src/app.ts', ['**/scripts/**'])).toBe(false);
  });
});

describe('isStringOnlyLogCall', () => {
  it.each([
    ['Vendure Logger import', chain('Logger.verbose()', [], { binding: { kind: 'import', length: 1, source: '@vendure/core', importedName: 'Logger' } })],
    ['Medusa Logger field', chain('this.logger_.warn()', [], { binding: { kind: 'field', length: 2, typeName: 'Logger', typeSource: '@medusajs/framework/types' } })],
    ['Medusa Logger parameter', chain('logger.info()', [], { binding: { kind: 'parameter', length: 1, typeName: 'Logger', typeSource: '@medusajs/types' } })],
    ['Medusa logger instance', chain('logger.error()', [], { binding: { kind: 'import', length: 1, source: '@medusajs/framework/logger', importedName: 'logger' } })],
  ])('%s takes a message string only', (_label, fact) => {
    expect(isStringOnlyLogCall(fact)).toBe(true);
  });

  it.each([
    ['a project Logger', chain('Logger.verbose()', [], { binding: { kind: 'import', length: 1, source: './logger', importedName: 'Logger' } })],
    ['NestJS Logger', chain('Logger.log()', [], { binding: { kind: 'import', length: 1, source: '@nestjs/common', importedName: 'Logger' } })],
    ['Medusa log(...args)', chain('logger.log()', [], { binding: { kind: 'import', length: 1, source: '@medusajs/framework/logger', importedName: 'logger' } })],
    ['another Vendure export', chain('VendureLogger.info()', [], { binding: { kind: 'import', length: 1, source: '@vendure/core', importedName: 'VendureLogger' } })],
    ['a member of the binding', chain('this.deps.logger.info()', [], { binding: { kind: 'field', length: 2, typeName: 'Logger', typeSource: '@vendure/core' } })],
    ['no evidence', chain('Logger.info()')],
  ])('%s is not', (_label, fact) => {
    expect(isStringOnlyLogCall(fact)).toBe(false);
  });
});

describe('hasLoggerDependency', () => {
  it.each([['pino'], ['winston'], ['@nestjs/core'], ['fastify'], ['@logtape/logtape'], ['@vendure/core']])('a package depending on %s has a logger at hand', (name) => {
    expect(hasLoggerDependency(['zod', name])).toBe(true);
  });

  it('a package of an edge app or a client has none', () => {
    expect(hasLoggerDependency(['next', '@sentry/nextjs', 'zod', 'drizzle-orm'])).toBe(false);
    expect(hasLoggerDependency([])).toBe(false);
  });
});

describe('fastifyLoggerSilenced', () => {
  it('is true for a Fastify app started by fastify-cli without a log level, and its only logger Fastify', () => {
    expect(fastifyLoggerSilenced(['fastify', 'fastify-cli'], { start: 'npx prisma migrate deploy && fastify start app.js' })).toBe(true);
  });
  it.each([
    [['fastify'], { start: 'fastify start -l info app.js' }],
    [['fastify'], { start: 'fastify start --log-level=info app.js' }],
    [['fastify', 'pino'], { start: 'fastify start app.js' }],
    [['fastify'], { start: 'node dist/server.js' }],
    [['fastify'], {}],
    [['express'], { start: 'fastify start app.js' }],
  ] as const)('is false otherwise: %j %j', (dependencies, scripts) => {
    expect(fastifyLoggerSilenced(dependencies, scripts)).toBe(false);
  });
});

describe('nestLoggerPrintsText', () => {
  const textApp = "const app = await NestFactory.create(AppModule, { logger: levels ?? ['error', 'warn'] });\nawait app.listen(3000);";
  it('is true for an app created with the default logger and no structured backend', () => {
    expect(nestLoggerPrintsText({ dependencies: ['@nestjs/core', '@nestjs/common'], entrySources: [textApp] })).toBe(true);
  });

  it.each([
    ['app.useLogger(app.get(PinoLogger));'],
    ["new ConsoleLogger({ json: true, colors: false })"],
    ["import { WinstonModule } from 'nest-winston';\nconst logger = WinstonModule.createLogger({ transports });"],
    ["import { LoggerModule } from 'nestjs-pino';\n@Module({ imports: [LoggerModule.forRoot()] }) class Root {}"],
  ])('is false when the entry installs a structured logger: %s', (line) => {
    expect(nestLoggerPrintsText({ dependencies: ['@nestjs/core'], entrySources: [`${textApp}\n${line}`] })).toBe(false);
  });

  it("is true when the entry installs the project's own logger module, which wraps the text logger", () => {
    const entry = `import { MyLogger } from './logger/logger';\nimport { LoggerModule } from './logger/logger.module';\n${textApp}\napp.useLogger(app.get(MyLogger));`;
    expect(nestLoggerPrintsText({ dependencies: ['@nestjs/core'], entrySources: [entry] })).toBe(true);
  });

  it("is true when the entry installs a framework's own text logger", () => {
    expect(nestLoggerPrintsText({ dependencies: ['@nestjs/core'], entrySources: [`${textApp}\napp.useLogger(new Logger());`] })).toBe(true);
  });

  it('is false with a structured backend among the dependencies, or with no entry file to read', () => {
    expect(nestLoggerPrintsText({ dependencies: ['@nestjs/core', 'nestjs-pino'], entrySources: [textApp] })).toBe(false);
    expect(nestLoggerPrintsText({ dependencies: ['@nestjs/core'], entrySources: [] })).toBe(false);
    expect(nestLoggerPrintsText({ dependencies: ['@nestjs/core'], entrySources: ["import './bootstrap';"] })).toBe(false);
  });
});

describe('a project logger extending ConsoleLogger, installed by the entry file', () => {
  const entry = "import { NestFactory } from '@nestjs/core';\nimport AppLogger from './log/app-logger';\nconst app = await NestFactory.create(AppModule, { bufferLogs: true });\napp.useLogger(app.get(AppLogger));";
  const textLogger = "import { ConsoleLogger, Injectable } from '@nestjs/common';\n@Injectable()\nexport default class AppLogger extends ConsoleLogger {\n  error(message: string) { super.error(message); }\n}";
  const pinoLogger = "import { PinoLogger } from 'nestjs-pino';\nexport default class AppLogger extends PinoLogger {}";

  it('names the module the entry installs, as written, for a default or named import, got from the app or built', () => {
    expect(installedLoggerModule(entry)).toBe('./log/app-logger');
    expect(installedLoggerModule("import { AppLogger } from '../shared/logger';\napp.useLogger(new AppLogger());")).toBe('../shared/logger');
    expect(installedLoggerModule("import { Logger } from 'nestjs-pino';\napp.useLogger(app.get(Logger));")).toBeUndefined();
    expect(installedLoggerModule('app.useLogger(app.get(AppLogger));')).toBeUndefined();
  });

  it('makes the Nest Logger print text whatever structured backend the dependencies hold (nestjs-pino for the request log)', () => {
    const facts = { dependencies: ['@nestjs/core', 'nestjs-pino'], entrySources: [entry], installedLoggerSources: [textLogger] };
    expect(nestLoggerPrintsText(facts)).toBe(true);
    expect(nestLoggerIsStructured(facts)).toBe(false);
  });

  it('still does when the class imports only a structured logger\'s type', () => {
    const typeOnly = "import { ConsoleLogger } from '@nestjs/common';\nimport type { Logger } from 'pino';\nexport class AppLogger extends ConsoleLogger {\n  log(message: string) { super.log(message); }\n}";
    expect(nestLoggerPrintsText({ dependencies: ['@nestjs/core', 'nestjs-pino'], entrySources: [entry], installedLoggerSources: [typeOnly] })).toBe(true);
  });

  it('does not when the installed class extends a structured logger, or hands its lines on to one it imports', () => {
    const forwarding = "import { ConsoleLogger } from '@nestjs/common';\nimport { PinoLogger } from 'nestjs-pino';\nexport class AppLogger extends ConsoleLogger {\n  constructor(private pino: PinoLogger) { super(); }\n  log(message: string, context?: string) { this.pino.info({ context }, message); }\n}";
    for (const source of [pinoLogger, forwarding]) {
      const facts = { dependencies: ['@nestjs/core', 'nestjs-pino'], entrySources: [entry], installedLoggerSources: [source] };
      expect(nestLoggerPrintsText(facts)).toBe(false);
      expect(nestLoggerIsStructured(facts)).toBe(true);
    }
  });
});

describe('isVerbositySwitch', () => {
  it.each(['Calculator.ENABLE_LOGGING', 'this.options.verbose', "env('NEXT_DEBUG') === 'true'", 'process.env.DEBUG_SQL', '(traceQueries)', 'config.logging === true'])('%s switches diagnostics on', (condition) => {
    expect(isVerbositySwitch(condition)).toBe(true);
  });

  it.each(['user.isActive', 'error instanceof DebugError', 'debugInfo.length > 0', '!options.verbose', 'attempt > 3', "mode === 'debug-report'"])('%s is an ordinary condition', (condition) => {
    expect(isVerbositySwitch(condition)).toBe(false);
  });
});
