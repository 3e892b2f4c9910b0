import {
  CONSOLE_LOG_METHODS,
  DEFAULT_LOGGER_INSTANCES,
  GENERIC_FIELD_NAMES,
  LOGGER_FACTORY_METHODS,
  LOGGER_METHODS,
  LOGGER_NAME_WORDS,
  LOGGER_PACKAGES,
  LOGGER_DEPENDENCIES,
  LOGGER_RECEIVER_PATHS,
  NEST_STRUCTURED_BACKENDS,
  STRING_ONLY_LOGGERS,
  VERBOSITY_FLAG_WORDS,
  type LoggerLibrary,
} from '../catalogs/loggers.js';
import type { ChainFact, ChainSegment, DeclaredIn, ResolveDeclaredIn } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { compileGlob } from './glob.js';
import { lastName, matchesNamePattern, matchesSpecifier, nameParts, packageNameOf } from './names.js';
import { chainLabel } from './query.js';

export type { LoggerLibrary } from '../catalogs/loggers.js';

export interface LogCallMatch {
  readonly library: LoggerLibrary;
  /** The called method: `info`, `error`, `log`, … or `child` when a child logger is derived. */
  readonly method: string;
  /** The callee as written, e.g. `this.logger.info`, `logger.child(…).info`. */
  readonly calleeText: string;
  readonly isConsole: boolean;
}

const CONSOLE_METHODS: ReadonlySet<string> = new Set(CONSOLE_LOG_METHODS);
const LOG_METHODS: ReadonlySet<string> = new Set(LOGGER_METHODS);
const FACTORY_METHODS: ReadonlySet<string> = new Set(LOGGER_FACTORY_METHODS);
const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(['globalThis', 'window', 'global', 'self']);

function loggerPackage(name: string | undefined): (typeof LOGGER_PACKAGES)[keyof typeof LOGGER_PACKAGES] | undefined {
  if (name === undefined || !Object.hasOwn(LOGGER_PACKAGES, name)) return undefined;
  return LOGGER_PACKAGES[name as keyof typeof LOGGER_PACKAGES];
}

function libraryOfImport(rootImport: string | undefined): LoggerLibrary | undefined {
  return loggerPackage(packageNameOf(rootImport))?.library;
}

/**
 * The logger library a file's import points to, when the import brings in a logger: any import
 * of pino, winston, bunyan or log4js; of `@nestjs/common` only with `Logger` / `ConsoleLogger` /
 * `LoggerService` among the imported names. Packages of unknown style (consola, …) give undefined.
 */
export function loggerLibraryOfImport(source: string, importedNames: readonly string[]): Exclude<LoggerLibrary, 'unknown' | 'console'> | undefined {
  const known = loggerPackage(packageNameOf(source));
  if (known === undefined || known.library === 'unknown') return undefined;
  const restricted: readonly string[] | undefined = 'typeNames' in known ? known.typeNames : undefined;
  if (restricted !== undefined && !importedNames.some((name) => restricted.includes(name))) return undefined;
  return known.library;
}

/** `true` for names that hold a logger by convention: `logger`, `auditLogger`, `log`, `_log`. */
export function isLoggerName(name: string): boolean {
  const parts = nameParts(name);
  if (parts.some((part) => (LOGGER_NAME_WORDS.anywhere as readonly string[]).includes(part))) return true;
  return parts.length === 1 && (LOGGER_NAME_WORDS.alone as readonly string[]).includes(parts[0] ?? '');
}

function isConsoleReceiver(receiver: readonly ChainSegment[]): boolean {
  if (receiver.some((segment) => segment.call !== undefined || segment.isNew === true)) return false;
  const names = receiver.map((segment) => segment.name);
  if (names.length === 1) return names[0] === 'console';
  return names.length === 2 && GLOBAL_OBJECTS.has(names[0] ?? '') && names[1] === 'console';
}

function configuredLogger(names: readonly string[], settings: BackendPatternsSettings): boolean {
  const path = names.join('.');
  const last = lastName(names) ?? '';
  return settings.loggers.names.some((pattern) =>
    pattern.includes('.') ? matchesNamePattern(path, pattern) : matchesNamePattern(last, pattern),
  );
}

/**
 * The library of the logger a receiver holds, judged by names and call shapes only; undefined
 * when the receiver is not known to be a logger.
 */
function receiverLibrary(
  receiver: readonly ChainSegment[],
  rootImport: string | undefined,
  settings: BackendPatternsSettings,
): LoggerLibrary | undefined {
  const last = receiver[receiver.length - 1];
  if (last === undefined) return undefined;
  const imported = libraryOfImport(rootImport);
  if (last.call !== undefined) {
    // `logger.child({ … }).info(…)`: a child of a logger is a logger.
    if (last.name === 'child' && receiver.length > 1) return receiverLibrary(receiver.slice(0, -1), rootImport, settings);
    // `log4js.getLogger('app').info(…)`, `winston.createLogger({…}).info(…)`.
    if (FACTORY_METHODS.has(last.name)) return imported ?? 'unknown';
    // `pino().info(…)`
    if (receiver.length === 1 && imported !== undefined) return imported;
    return undefined;
  }
  if (receiver.some((segment) => segment.call !== undefined)) {
    // `getLoggerFor(x).logger.info(…)`: judge the names after the last call.
    const afterCall = receiver.slice(receiver.findLastIndex((segment) => segment.call !== undefined) + 1);
    return afterCall.length > 0 && afterCall.every((segment) => segment.name !== '') ? namedLibrary(afterCall.map((s) => s.name), undefined, settings) : undefined;
  }
  return namedLibrary(receiver.map((segment) => segment.name), rootImport, settings);
}

function namedLibrary(names: readonly string[], rootImport: string | undefined, settings: BackendPatternsSettings): LoggerLibrary | undefined {
  const imported = libraryOfImport(rootImport);
  const last = lastName(names);
  if (last === undefined) return undefined;
  if (configuredLogger(names, settings)) return imported ?? 'unknown';
  if (names.length === 1) {
    // `import log from 'loglevel'; log.info(…)`, `import winston from 'winston'; winston.info(…)`.
    if (imported !== undefined) return imported;
    if (Object.hasOwn(DEFAULT_LOGGER_INSTANCES, last)) {
      const library = DEFAULT_LOGGER_INSTANCES[last as keyof typeof DEFAULT_LOGGER_INSTANCES];
      // A `Logger` imported from the project is the project's own logger, not NestJS's.
      if (rootImport === undefined || packageNameOf(rootImport) === library || (library === 'nestjs' && packageNameOf(rootImport) === '@nestjs/common')) {
        return library;
      }
    }
  }
  const tail = names.filter((name) => name !== 'this').slice(-2).join('.');
  if (Object.hasOwn(LOGGER_RECEIVER_PATHS, tail)) return LOGGER_RECEIVER_PATHS[tail as keyof typeof LOGGER_RECEIVER_PATHS];
  return isLoggerName(last) ? 'unknown' : undefined;
}

type TypedVerdict = { readonly kind: 'logger'; readonly library: LoggerLibrary } | { readonly kind: 'not-logger' } | { readonly kind: 'unknown' };

const UNKNOWN: TypedVerdict = { kind: 'unknown' };

/**
 * What the declaration of the called member says. A logger package, a configured logger type or a
 * declaring type named `*Logger*` proves a logger; TypeScript's own lib (other than `Console`) or a
 * package that is neither a logger package nor logger-named proves the opposite. A declaration in
 * the project's own files proves nothing (a project `log` object may well wrap a logger), so names
 * decide, as they do untyped.
 */
function typedVerdict(declaredIn: DeclaredIn | undefined, settings: BackendPatternsSettings): TypedVerdict {
  if (declaredIn === undefined || declaredIn.unresolved === true) return UNKNOWN;
  const packageName = declaredIn.package === undefined || declaredIn.package === 'lib' ? declaredIn.package : packageNameOf(declaredIn.package);
  const typeName = declaredIn.typeName;
  const isRuntimeLib = packageName === 'lib' || packageName === 'node';
  if (isRuntimeLib) {
    if (typeName === 'Console') return { kind: 'logger', library: 'console' };
    // Without the declaring type, the lib tells nothing (`console` itself is declared there).
    if (typeName === undefined) return UNKNOWN;
  }
  const known = loggerPackage(packageName);
  if (typeName !== undefined && settings.loggers.types.some((spec) => matchesSpecifier(spec, typeName, declaredIn))) {
    return { kind: 'logger', library: known?.library ?? 'unknown' };
  }
  if (known !== undefined) {
    const restricted: readonly string[] | undefined = 'typeNames' in known ? known.typeNames : undefined;
    if (restricted === undefined || typeName === undefined || restricted.includes(typeName)) return { kind: 'logger', library: known.library };
  }
  if (typeName !== undefined && isLoggerName(typeName)) return { kind: 'logger', library: known?.library ?? 'unknown' };
  if (isRuntimeLib) return { kind: 'not-logger' };
  if (packageName !== undefined && known === undefined && !packageName.toLowerCase().includes('log')) return { kind: 'not-logger' };
  return UNKNOWN;
}

/**
 * Cheap pre-filter on a call's segment names: could it be a log call (a console or logger method,
 * or a call on a child logger)? `classifyLogCall` decides.
 */
export function mayBeLogCall(names: readonly string[]): boolean {
  const method = names.at(-1);
  if (method === undefined || names.length < 2) return false;
  return CONSOLE_METHODS.has(method) || LOG_METHODS.has(method);
}

/**
 * Recognises a log call: `console.log/info/warn/error/debug/trace(…)`, and the level methods of
 * logger objects (`trace/debug/info/warn/error/fatal/log/verbose`, winston / log4js extra levels)
 * plus `child` on receivers that hold a logger: `logger`, `log`, `this.logger`, `req.log`,
 * `request.log`, `ctx.log`, `reply.log`, `fastify.log`, `*Logger` names, NestJS's static `Logger`,
 * `settings.loggers.names`, child loggers (`logger.child({…}).info`) and `getLogger(…)` results.
 *
 * Typed (`resolve` given): a method declared by a logger package (pino, winston, bunyan, log4js,
 * NestJS `Logger`/`LoggerService`, consola, loglevel, …), by a `settings.loggers.types` type or by a
 * type named `*Logger` is a log call whatever the receiver's name (`this.audit.info` with
 * `audit: AuditLogger`); one declared by TypeScript's lib (other than `Console`) or by another
 * package is not, even when the receiver is called `log`. A declaration in the project's own files
 * proves nothing either way, so the untyped answer stands.
 * @param resolve where the member at a segment index is declared (typed mode only).
 */
export function classifyLogCall(chain: ChainFact, settings: BackendPatternsSettings, resolve?: ResolveDeclaredIn): LogCallMatch | undefined {
  const index = chain.segments.length - 1;
  const method = chain.segments[index];
  if (method?.call === undefined || index < 1 || method.name === '') return undefined;
  const receiver = chain.segments.slice(0, index);
  const name = method.name;
  const build = (library: LoggerLibrary): LogCallMatch => ({
    library,
    method: name,
    calleeText: chainLabel(chain, index),
    isConsole: library === 'console',
  });
  const verdict = typedVerdict(resolve?.(index), settings);
  if (verdict.kind === 'not-logger') return undefined;
  if (verdict.kind === 'logger') {
    if (verdict.library === 'console') return CONSOLE_METHODS.has(name) ? build('console') : undefined;
    return LOG_METHODS.has(name) ? build(verdict.library) : undefined;
  }
  if (isConsoleReceiver(receiver)) return CONSOLE_METHODS.has(name) ? build('console') : undefined;
  if (!LOG_METHODS.has(name)) return undefined;
  const library = receiverLibrary(receiver, chain.rootImport, settings);
  return library === undefined ? undefined : build(library);
}

/**
 * Splits a pino `redact` path (`req.headers.authorization`, `*.password`, `users[*].email`,
 * `headers["x-api-key"]`) into its keys, `*` standing for any one key. Undefined for text that is
 * not a path.
 * https://getpino.io/#/docs/redaction
 */
export function parseRedactPath(path: string): string[] | undefined {
  const keys: string[] = [];
  const pattern = /(\.)?([A-Za-z_$*][\w$-]*)|\[\s*(?:"([^"]*)"|'([^']*)'|(\*|\d+))\s*\]/y;
  let position = 0;
  while (position < path.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(path);
    // A name needs its dot after the first key (`a.b`), and none before the first.
    if (match === null || (match[2] !== undefined && (match[1] !== undefined) !== position > 0)) return undefined;
    keys.push(match[2] ?? match[3] ?? match[4] ?? match[5] ?? '');
    position = pattern.lastIndex;
  }
  return keys.length > 0 ? keys : undefined;
}

/**
 * `true` when one of a logger's `redact` paths covers the object keys a value is logged under.
 * As in pino (fast-redact), a path matches keys of the same depth only: `*.password` covers
 * `{ user: { password } }` but not a top-level `{ password }`.
 */
export function isRedactedKeyPath(keyPath: readonly string[], redactPaths: readonly (readonly string[])[]): boolean {
  return redactPaths.some((path) => path.length === keyPath.length && path.every((key, index) => key === '*' || key === keyPath[index]));
}

/** A piece of a log message: constant text, or a value interpolated into it (with its dotted names when it has them). */
export type MessagePart =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'value';
      readonly names?: readonly string[];
      /**
       * The value is one of a few fixed values the code declares: its type is a union of literals, an
       * enum or a boolean (typed: the checker's type; untyped: a parameter or `const` annotated inline
       * with a literal union, or with a type alias of one declared in the file).
       */
      readonly finite?: boolean;
    };

/**
 * Is a built message the same few lines on every call: every value in it a named constant
 * (`${THROTTLED_MESSAGE}`, `PREFIX + ':'`) or one of a few fixed values (`` `Flushing ${table}` ``
 * with `table: 'traces' | 'scores'`)? Such a message groups into a handful of variants; there is
 * nothing to move into a context object.
 */
export function isConstantMessage(parts: readonly MessagePart[]): boolean {
  return parts.every((part) => part.kind === 'text' || part.finite === true || (part.names !== undefined && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(part.names.at(-1) ?? '')));
}

/**
 * A message written in logfmt, every value after its own key (`` `[abort] runId=${runId} reason=${reason}` ``):
 * log pipelines parse `key=value` pairs into fields (logfmt, Loki's and Datadog's parsers), so the
 * line is structured already. Each value part must follow text ending in `key=` (or `key="`); a value
 * after prose (`` `Aborted run ${runId}` ``) is not, nor an error turned into text (`error=${err}`:
 * its stack is lost).
 */
export function isKeyValueMessage(parts: readonly MessagePart[]): boolean {
  let values = 0;
  for (const [index, part] of parts.entries()) {
    if (part.kind === 'text') continue;
    values += 1;
    // An error turned into text keeps its message and drops its stack: that one wants a field.
    if (/^(?:e|err|error|ex|exception|\w+Error)$/.test(part.names?.at(-1) ?? '')) return false;
    const before = parts[index - 1];
    if (before?.kind !== 'text' || !/(?:^|[\s,;\]])[\w.-]+="?$/.test(before.text)) return false;
  }
  return values > 0;
}

export interface StructuredMessage {
  /** The constant message left when the values are taken out; empty when nothing is left. */
  readonly message: string;
  /** A field name for each value part, in order, unique. */
  readonly keys: readonly string[];
}

const GENERIC_FIELDS: ReadonlySet<string> = new Set(GENERIC_FIELD_NAMES);
/** Words of a message that do not name the value after them (`for ${key}`, `to ${id}`). */
const STOP_WORDS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'for', 'to', 'from', 'of', 'in', 'on', 'at', 'by', 'with', 'into', 'as', 'is', 'was', 'and', 'or', 'not', 'no', 'find', 'found', 'load', 'get', 'got']);
const PUNCTUATION_ONLY = /^[\p{P}\p{S}]+$/u;

function camelJoin(first: string, second: string): string {
  const head = first.replace(/^[_$#]+/, '');
  if (head === '') return second;
  return `${head.charAt(0).toLowerCase()}${head.slice(1)}${second.charAt(0).toUpperCase()}${second.slice(1)}`;
}

function lastWord(text: string): string | undefined {
  const words = text.split(/\s+/).map((word) => word.replace(/[^\p{L}\p{N}]+/gu, '')).filter((word) => word.length > 0);
  return words.at(-1);
}

function fieldName(names: readonly string[] | undefined, before: string): string {
  const path = (names ?? []).filter((name) => name !== 'this' && name !== '');
  const last = path.at(-1);
  if (last === undefined) return 'value';
  if (!GENERIC_FIELDS.has(last.toLowerCase())) return last;
  const fromText = lastWord(before);
  const previous = path.at(-2) ?? (fromText !== undefined && !STOP_WORDS.has(fromText.toLowerCase()) ? fromText : undefined);
  return previous === undefined || previous.toLowerCase() === last.toLowerCase() ? last : camelJoin(previous, last);
}

/**
 * Turns an interpolated message (`User ${id} created`, `'Order ' + order.id + ' shipped'`) into a
 * constant message and field names: `{ message: 'User created', keys: ['userId'] }`. Punctuation
 * left alone by the removed values (`id=`, `: `, `''`) goes with them.
 */
export function structuredMessage(parts: readonly MessagePart[]): StructuredMessage {
  const keys: string[] = [];
  let text = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const base = fieldName(part.names, text);
    let key = base;
    for (let suffix = 2; keys.includes(key); suffix += 1) key = `${base}${String(suffix)}`;
    keys.push(key);
    text += ' ';
  }
  const words = text
    .split(/\s+/)
    .map((word) => word.replace(/[=:]+$/, ''))
    .filter((word) => word.length > 0 && !PUNCTUATION_ONLY.test(word));
  return { message: words.join(' '), keys };
}

const globCache = new Map<string, (path: string) => boolean>();

/**
 * `true` when a file (path relative to the working directory) matches one of the globs
 * (`compileGlob`: dot files included, no backtracking), e.g. where `console` output is fine: scripts, tests, migrations.
 */
export function matchesFileGlobs(relativePath: string, globs: readonly string[]): boolean {
  const path = relativePath.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '');
  return globs.some((glob) => {
    let test = globCache.get(glob);
    if (test === undefined) {
      test = compileGlob(glob);
      globCache.set(glob, test);
    }
    return test(path);
  });
}

/**
 * `true` when the file's evidence binds a log call's receiver to a framework logger whose API takes a
 * message string only (`STRING_ONLY_LOGGERS`): `Logger.info(…)` with `Logger` imported from
 * `@vendure/core`, `this.logger.warn(…)` with a field typed `Logger` from `@medusajs/framework/types`.
 * Such a call has no structured form to ask for.
 */
export function isStringOnlyLogCall(chain: ChainFact): boolean {
  const binding = chain.binding;
  const method = chain.segments.at(-1)?.name;
  if (binding === undefined || method === undefined || binding.length !== chain.segments.length - 1) return false;
  const source = binding.kind === 'import' ? binding.source : binding.typeSource;
  const name = binding.kind === 'import' ? binding.importedName : binding.typeName;
  const packageName = packageNameOf(source);
  if (packageName === undefined || name === undefined || !Object.hasOwn(STRING_ONLY_LOGGERS, packageName)) return false;
  const logger: { readonly names: readonly string[]; readonly methods: readonly string[] } = STRING_ONLY_LOGGERS[packageName as keyof typeof STRING_ONLY_LOGGERS];
  return logger.names.includes(name) && logger.methods.includes(method);
}

/**
 * Libraries whose level methods take fields by design: pino's and bunyan's merging object, winston's
 * meta, log4js's extra arguments, NestJS `Logger`'s object message (printed as fields by its JSON
 * mode and by the pino/winston adapters teams plug in).
 */
const FIELD_LOGGER_LIBRARIES: ReadonlySet<LoggerLibrary> = new Set<LoggerLibrary>(['pino', 'bunyan', 'winston', 'log4js', 'nestjs']);

/**
 * Does the logger of a call offer a structured form to move a message's values into, on the
 * evidence at hand? A logger of a field-taking library does. For a project logger of unknown API
 * the evidence must show it: the file imports a field-taking logger library, its other log calls
 * already pass a context object, or (typed) the method declares a parameter of an object type.
 * Otherwise the logger may take a message string only (framework loggers such as Vendure's and
 * Medusa's do), and an interpolated message is its idiom, not a slip.
 */
export function offersStructuredForm(
  library: LoggerLibrary,
  evidence: { readonly importsFieldLogger: boolean; readonly fileLogsFields: boolean; readonly declaresFieldsParameter: boolean },
): boolean {
  return FIELD_LOGGER_LIBRARIES.has(library) || evidence.fileLogsFields || evidence.importsFieldLogger || evidence.declaresFieldsParameter;
}

const DIAGNOSTIC_LEVELS: ReadonlySet<string> = new Set(['debug', 'verbose', 'trace', 'silly']);

/**
 * A log call at a diagnostic level (`logger.debug`, `verbose`, `trace`, `silly`): a developer's trace,
 * switched off in production by the usual configurations, that nobody groups or queries. Its
 * interpolated message is not worth a rewrite: on the real backends measured, fewer than half of
 * such findings were ones a team would act on (against four in five at the other levels).
 */
export function isDiagnosticLevel(method: string): boolean {
  return DIAGNOSTIC_LEVELS.has(method);
}

/** Is this a library whose level methods take fields (pino, bunyan, winston, log4js, NestJS)? */
export function isFieldLoggerLibrary(library: LoggerLibrary): boolean {
  return FIELD_LOGGER_LIBRARIES.has(library);
}

/**
 * Does a package with these dependencies (its own, and those of the workspace packages it depends
 * on) have a logger to write with instead of `console`: a logger library, NestJS, Fastify, a
 * framework logger (`LOGGER_DEPENDENCIES`)? Without one, `console` is the package's logging choice
 * (an edge function, a Next.js app whose platform captures stdout), and asking for "the
 * application's logger" asks for one that does not exist.
 */
export function hasLoggerDependency(dependencies: readonly string[]): boolean {
  return dependencies.some((name) => (LOGGER_DEPENDENCIES as readonly string[]).includes(name));
}

/**
 * A package whose only logger is Fastify's, started in production by fastify-cli without a log level
 * (`"start": "fastify start app.js"`): fastify-cli's default level is `fatal`
 * (https://github.com/fastify/fastify-cli#options), so `request.log.info(…)` writes nothing and the
 * application's `console` is the log it has. A `-l` / `--log-level` in the start script, or any other
 * logger among the dependencies, and Fastify's logger is at hand.
 */
export function fastifyLoggerSilenced(dependencies: readonly string[], scripts: Readonly<Record<string, string>>): boolean {
  if (!dependencies.includes('fastify') || dependencies.some((name) => name !== 'fastify' && (LOGGER_DEPENDENCIES as readonly string[]).includes(name))) return false;
  const start = scripts['start'];
  return start !== undefined && /\bfastify\s+start\b/.test(start) && !/\s(?:-l|--log-level)(?:\s|=)/.test(start);
}

/**
 * Does the NestJS application print its `Logger` lines as text? Its entry files (`src/main.ts`, …)
 * create the app with `NestFactory.create` and install no structured logger (`app.useLogger(…)` of a
 * pino, winston or JSON logger, a `createLogger(…)` / `LoggerModule` of nestjs-pino or nest-winston,
 * `json: true`; a framework's own text logger such as Vendure's `app.useLogger(new Logger())` is none), and its
 * dependencies hold no structured backend; or they install a project logger extending Nest's `ConsoleLogger`. Then `Logger.log(message, context)` writes a text line,
 * and a message with values in it is that logger's idiom: an object message would only be dumped.
 * False without an entry file to read (no evidence either way).
 */
export function nestLoggerPrintsText(facts: NestLoggingFacts): boolean {
  if (installsNestTextLogger(facts)) return true;
  if (facts.dependencies.some((name) => (NEST_STRUCTURED_BACKENDS as readonly string[]).includes(name))) return false;
  const apps = facts.entrySources.filter((source) => source.includes('NestFactory.create'));
  return apps.length > 0 && !apps.some(installsStructuredNestLogger);
}

export interface NestLoggingFacts {
  readonly dependencies: readonly string[];
  readonly entrySources: readonly string[];
  /** The sources of the project modules the entry files install as the app's logger (`installedLoggerModule`). */
  readonly installedLoggerSources?: readonly string[];
}

/**
 * The project module an entry file installs as the Nest app's logger: `app.useLogger(app.get(AppLogger))` or
 * `app.useLogger(new AppLogger())` with `AppLogger` imported from a relative path (`'./log/app-logger'`), as written.
 */
export function installedLoggerModule(entrySource: string): string | undefined {
  const installed = /\buseLogger\s*\(\s*(?:[\w$]+\.get\s*\(\s*|new\s+)([A-Z][\w$]*)\b/.exec(entrySource)?.[1];
  if (installed === undefined) return undefined;
  const imported = new RegExp(`\\bimport\\s+(?:${installed}\\b|\\{[^}]*\\b${installed}\\b[^}]*\\})\\s*from\\s*['"](\\.{1,2}/[^'"]+)['"]`).exec(entrySource);
  return imported?.[1];
}

/**
 * The entry files install a logger of the project's own that extends NestJS's text `ConsoleLogger`
 * (`class AppLogger extends ConsoleLogger`, imported from `@nestjs/common`): whatever structured backend the
 * dependencies hold (nestjs-pino for the HTTP request log, say), the app's `Logger` lines are that class's text.
 */
function installsNestTextLogger(facts: NestLoggingFacts): boolean {
  // One that hands its lines on to a structured backend it imports (`this.pino.info({ ctx }, m)`) is that backend.
  return (facts.installedLoggerSources ?? []).some((source) => /\bextends\s+ConsoleLogger\b/.test(source) && /\bfrom\s*['"]@nestjs\/common['"]/.test(source) && !/\bimport\s+(?!type\b)[^;]*?\bfrom\s*['"](?:nestjs-pino|nest-winston|winston|pino|pino-http|bunyan|log4js|@ogma\/[\w-]+)['"]/.test(source));
}

/**
 * Is there evidence that NestJS's `Logger` writes structured lines, or none that it writes text? A
 * structured backend among the dependencies (nestjs-pino, nest-winston, pino, winston, …), an entry
 * file that installs one or turns on JSON output (`json: true`), or a package that does not list
 * NestJS (`@nestjs/common`, `@nestjs/core`) at all, whose set-up it does not show — unless the entry files
 * install a project logger extending Nest's text `ConsoleLogger` (`installsNestTextLogger`). Without it, `Logger.log(message, context)` writes the message
 * as a text line (Nest's `ConsoleLogger`, or a project logger that extends it), and asking for an
 * object message would only get it dumped: the structured form is asked for only with this evidence.
 */
export function nestLoggerIsStructured(facts: NestLoggingFacts): boolean {
  if (installsNestTextLogger(facts)) return false;
  if (facts.dependencies.some((name) => (NEST_STRUCTURED_BACKENDS as readonly string[]).includes(name))) return true;
  // A package that does not list NestJS itself tells nothing of how its Nest logger is set up: no evidence of text either.
  if (!listsNestJs(facts.dependencies)) return true;
  return facts.entrySources.some((source) => source.includes('NestFactory.create') && installsStructuredNestLogger(source));
}

/** The dependencies list NestJS itself (`@nestjs/common`, `@nestjs/core`). */
export function listsNestJs(dependencies: readonly string[]): boolean {
  return dependencies.some((name) => name === '@nestjs/common' || name === '@nestjs/core');
}

function installsStructuredNestLogger(source: string): boolean {
  if (/\buseLogger\s*\([^;\n]*(?:pino|winston|bunyan|json)|\bjson\s*:\s*true\b/i.test(source)) return true;
  // nestjs-pino's `LoggerModule`, nest-winston's `WinstonModule.createLogger(…)`: only imported from such a
  // package; the project's own `LoggerModule` (`'./logger/logger.module'`) may well wrap the text logger.
  return /\bcreateLogger\s*\(|\bLoggerModule\b/.test(source) && /\bfrom\s+['"](?:nestjs-pino|nest-winston|winston|pino|pino-http|bunyan|@ogma\/[\w-]+)['"]/.test(source);
}

/**
 * A condition that is a switch for extra diagnostic output (`if (Calculator.ENABLE_LOGGING)`,
 * `if (options.verbose)`, `if (env('NEXT_DEBUG') === 'true')`, `process.env.DEBUG_SQL`): lines
 * under it are opt-in traces for a developer, off in normal running.
 */
export function isVerbositySwitch(condition: string): boolean {
  const compact = condition.trim().replace(/\s*(===?|[().])\s*/g, '$1');
  const match = /^\(?((?:[\w$]+\.)*[\w$]+)(?:\((['"`])([\w$]+)\2\))?(?:===?(?:true|(['"`])(?:true|1|on|yes)\4))?\)?$/.exec(compact);
  if (match === null) return false;
  const name = match[3] ?? match[1]?.split('.').at(-1) ?? '';
  return nameParts(name).some((part) => (VERBOSITY_FLAG_WORDS as readonly string[]).includes(part));
}
