import {
  BOOM_FACTORY_METHODS,
  BOOM_RECEIVER_NAMES,
  BUILTIN_ERROR_NAMES,
  BUSINESS_ERROR_WORDS,
  CLIENT_SUBMISSION_VERIFIER_PACKAGES,
  TOKEN_VERIFIER_METHODS,
  TOKEN_VERIFIER_FUNCTIONS,
  DATA_RESULT_ERROR_WORDS,
  FASTIFY_HTTP_ERRORS_MEMBER,
  HTTP_ERROR_PACKAGES,
  HTTP_ERRORS_FACTORY_NAMES,
  HTTP_ERRORS_NAMES,
  INFRASTRUCTURE_ERROR_CODE_PATTERNS,
  INFRASTRUCTURE_ERROR_NAME_PATTERNS,
  INFRASTRUCTURE_ERROR_PACKAGES,
  LIBRARY_ERROR_REPLY_SHAPES,
  NEST_EXCEPTION_NAMES,
  VALIDATION_ERROR_CLASS_NAMES,
  VALIDATION_MESSAGE_MARKERS,
} from '../catalogs/errors.js';
import { DB_CLIENT_MODULES } from '../catalogs/db-clients.js';
import type { ChainFact, DeclaredIn, ValueFact } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { isValidationCall, isValidatorPackage } from './validation.js';
import { isProgrammerErrorMessage } from './code-context.js';
import { chainNamesOf, matchesSpecifier, nameParts, packageNameOf } from './names.js';

const BUILTINS: ReadonlySet<string> = new Set(BUILTIN_ERROR_NAMES);
const NEST: ReadonlySet<string> = new Set(NEST_EXCEPTION_NAMES);
const HTTP_ERRORS: ReadonlySet<string> = new Set(HTTP_ERRORS_NAMES);
const HTTP_ERRORS_FACTORIES: ReadonlySet<string> = new Set(HTTP_ERRORS_FACTORY_NAMES);
const BOOM_METHODS: ReadonlySet<string> = new Set(BOOM_FACTORY_METHODS);
const BOOM_RECEIVERS: ReadonlySet<string> = new Set(BOOM_RECEIVER_NAMES);
const NEST_PACKAGES: ReadonlySet<string> = new Set(HTTP_ERROR_PACKAGES.nest);
const HTTP_ERRORS_PACKAGES: ReadonlySet<string> = new Set(HTTP_ERROR_PACKAGES.httpErrors);
const BOOM_PACKAGES: ReadonlySet<string> = new Set(HTTP_ERROR_PACKAGES.boom);
const INFRASTRUCTURE_PACKAGES: ReadonlySet<string> = new Set([...INFRASTRUCTURE_ERROR_PACKAGES, ...DB_CLIENT_MODULES]);

/**
 * `true` for packages whose errors describe infrastructure (database drivers and ORMs, HTTP
 * clients, token libraries): `QueryFailedError`, `PrismaClientKnownRequestError`, `AxiosError`.
 * They are never domain errors, and their messages carry SQL, URLs and internals.
 */
export function isInfrastructureErrorPackage(packageName: string | undefined): boolean {
  const name = packageNameOf(packageName);
  return name !== undefined && INFRASTRUCTURE_PACKAGES.has(name);
}

function simpleName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/**
 * `true` for the language's own error classes: `Error`, `TypeError`, `RangeError`, `SyntaxError`,
 * `ReferenceError`, `EvalError`, `URIError`, `AggregateError`, `SuppressedError`, `DOMException`.
 * They say nothing about the domain, so they are not domain errors.
 */
export function isBuiltinErrorName(name: string): boolean {
  return BUILTINS.has(name);
}

function isHttpErrorsName(name: string): boolean {
  return HTTP_ERRORS.has(name) || (name.endsWith('Error') && HTTP_ERRORS.has(name.slice(0, -'Error'.length)));
}

/**
 * `true` for the typed HTTP errors of web frameworks: NestJS's `HttpException` family (and
 * `WsException`, `RpcException`), http-errors constructors (`createError.NotFound`,
 * `HttpError`), @hapi/boom's `Boom` and @fastify/sensible's `httpErrors.*` classes. A dotted name is
 * judged by its qualifier (`createError.NotFound`, `Boom.Boom`).
 *
 * With `fromPackage` (typed: the package that declares the class) the name must come from that
 * framework's package; a name declared elsewhere (another package) is not a framework error.
 * Without it (untyped, or declared in the project), the distinctive names count: NestJS's
 * exceptions, `HttpError`, `Boom`.
 */
export function isFrameworkHttpErrorName(name: string, fromPackage?: string): boolean {
  const dot = name.lastIndexOf('.');
  const simple = simpleName(name);
  if (dot !== -1) {
    const qualifier = simpleName(name.slice(0, dot));
    if (HTTP_ERRORS_FACTORIES.has(qualifier) || qualifier === FASTIFY_HTTP_ERRORS_MEMBER) return isHttpErrorsName(simple);
    if (BOOM_RECEIVERS.has(qualifier)) return simple === 'Boom';
  }
  const packageName = packageNameOf(fromPackage);
  if (packageName !== undefined) {
    if (NEST_PACKAGES.has(packageName)) return NEST.has(simple);
    if (HTTP_ERRORS_PACKAGES.has(packageName)) return isHttpErrorsName(simple);
    if (BOOM_PACKAGES.has(packageName)) return simple === 'Boom';
    return false;
  }
  return NEST.has(simple) || simple === 'HttpError' || simple === 'Boom';
}

/**
 * `true` for calls that make a framework HTTP error: http-errors `createError(404, …)` /
 * `createHttpError(…)` / `createError.NotFound(…)`, @fastify/sensible `fastify.httpErrors.notFound()`
 * / `httpErrors.createError(404)`, @hapi/boom `Boom.notFound()` / `boom.badRequest()` /
 * `Boom.boomify(err)`. (`reply.notFound()` sends a response and is not one.)
 */
export function isFrameworkHttpErrorFactory(chain: ChainFact): boolean {
  const segments = chain.segments;
  const index = segments.length - 1;
  const last = segments[index];
  if (last?.call === undefined) return false;
  const packageName = packageNameOf(chain.rootImport);
  if (segments.slice(0, index).some((segment) => segment.name === FASTIFY_HTTP_ERRORS_MEMBER)) return true;
  const root = segments[0];
  if (root === undefined) return false;
  const rootFromOtherPackage = packageName !== undefined && !HTTP_ERRORS_PACKAGES.has(packageName) && !BOOM_PACKAGES.has(packageName) && packageName !== 'h3';
  if (rootFromOtherPackage) return false;
  if (index === 0) return HTTP_ERRORS_FACTORIES.has(root.name);
  if (index === 1 && root.call === undefined) {
    if (HTTP_ERRORS_FACTORIES.has(root.name)) return isHttpErrorsName(last.name);
    if (BOOM_RECEIVERS.has(root.name) || (packageName !== undefined && BOOM_PACKAGES.has(packageName))) return BOOM_METHODS.has(last.name);
  }
  return false;
}

/** `true` for names shaped like an error class (`NotFoundError`, `PaymentFailedException`), other than the built-ins. */
export function isErrorClassName(name: string): boolean {
  const simple = simpleName(name);
  if (isBuiltinErrorName(simple)) return false;
  const last = nameParts(simple).at(-1);
  return last === 'error' || last === 'exception' || isFrameworkHttpErrorName(name);
}

/** A class as the error rules see it. */
export interface ErrorClassFacts {
  readonly name: string;
  /** Superclass names, nearest first, as far as known (`['AppError', 'Error']`). */
  readonly superClasses: readonly string[];
  /** Where the class is declared (typed mode). */
  readonly declaredIn?: DeclaredIn;
  /**
   * `false` when the superclass chain could not be seen (untyped: a class imported from another
   * file). Its name then decides: an error-shaped name (`NotFoundError`) counts as a domain error.
   */
  readonly superClassesKnown?: boolean;
}

/**
 * `true` for a domain error class: one that extends `Error` (directly or not) other than `Error`
 * and the other built-in errors, or a framework HTTP error (NestJS `HttpException` family,
 * http-errors, Boom, @fastify/sensible) or a subclass of one.
 *
 * With `settings.errors.baseClass`, only the base class itself and its subclasses count (plus
 * framework HTTP errors). Without it, a superclass chain that reaches a built-in error or an
 * error-named class (`AppError`, `DomainException`) counts; a class with no known superclass does
 * not (it is not an `Error`: no stack, no `instanceof Error`). A class whose chain is unknown
 * (`superClassesKnown: false`, untyped import) counts when its name is error-shaped. Errors
 * declared in infrastructure packages (database drivers, ORMs, HTTP clients) never count.
 */
export function isDomainErrorClass(cls: ErrorClassFacts, settings: BackendPatternsSettings): boolean {
  const name = simpleName(cls.name);
  const declaredPackage = cls.declaredIn?.package;
  if (isBuiltinErrorName(name) && (declaredPackage === undefined || declaredPackage === 'lib' || declaredPackage === 'node')) return false;
  if (isInfrastructureErrorPackage(declaredPackage)) return false;
  if (isFrameworkHttpErrorName(cls.name, declaredPackage === 'lib' ? undefined : declaredPackage)) return true;
  if (cls.superClasses.some((superClass) => isFrameworkHttpErrorName(superClass))) return true;
  if (cls.superClassesKnown === false && cls.superClasses.length === 0) return isErrorClassName(cls.name);
  const base = settings.errors.baseClass;
  if (base !== undefined) {
    return matchesSpecifier(base, name, cls.declaredIn) || cls.superClasses.some((superClass) => matchesSpecifier(base, simpleName(superClass)));
  }
  return cls.superClasses.some((superClass) => isBuiltinErrorName(simpleName(superClass)) || isErrorClassName(superClass));
}

const BUSINESS_WORDS: ReadonlySet<string> = new Set(BUSINESS_ERROR_WORDS);
const DATA_RESULT_WORDS: ReadonlySet<string> = new Set(DATA_RESULT_ERROR_WORDS);

/**
 * `true` for an error class (or factory) name that carries a business decision: conflict,
 * validation, permission, payment and domain-rule errors (`ConflictError`, `ValidationError`,
 * `ForbiddenException`, `PaymentRequired`, `InsufficientStockError`, `createError.Conflict`), by
 * the words of its name. Not-found errors (`NotFoundError`, `EntityNotFoundError`) describe a data
 * result and are not business errors; neither are the built-ins or data-access errors
 * (`DatabaseError`, `RepositoryError`).
 */
export function isBusinessErrorName(name: string): boolean {
  const simple = simpleName(name);
  if (isBuiltinErrorName(simple)) return false;
  const words = nameParts(simple);
  if (words.includes('not') && words.includes('found')) return false;
  if (words.every((word) => DATA_RESULT_WORDS.has(word) || word === 'error' || word === 'exception')) return false;
  const isErrorName = isErrorClassName(name) || (name.includes('.') && isFrameworkHttpErrorName(name)) || isHttpErrorsName(simple);
  return isErrorName && words.some((word) => BUSINESS_WORDS.has(word));
}

/** What a thrown or rejected value is, when it is not a domain error. */
export type UntypedThrowKind =
  | 'string'
  | 'template'
  | 'number'
  | 'boolean'
  | 'object'
  | 'array'
  | 'null'
  | 'undefined'
  | 'builtin-error'
  | 'not-domain-error'
  | 'any'
  | 'unknown'
  | 'primitive';

/**
 * A verdict on a thrown value from its syntax alone: the literal shapes are never domain errors,
 * and `new Error(…)` / `Error(…)` / `new TypeError(…)` are built-in errors. `undefined` when the
 * shape says nothing (an identifier, a call, `new X()`): the caller judges the class or the type.
 */
export function untypedThrowShape(value: ValueFact): { kind: UntypedThrowKind; name?: string } | undefined {
  switch (value.kind) {
    case 'string':
    case 'template':
    case 'number':
    case 'boolean':
    case 'object':
    case 'array':
    case 'null':
    case 'undefined':
      return { kind: value.kind };
    case 'binary':
      return value.operator === '+' && (isTextual(value.left) || isTextual(value.right)) ? { kind: 'string' } : undefined;
    case 'new':
      return isBuiltinErrorName(value.className) ? { kind: 'builtin-error', name: value.className } : undefined;
    case 'call': {
      const [only] = value.chain.segments;
      return value.chain.segments.length === 1 && only !== undefined && isBuiltinErrorName(only.name) ? { kind: 'builtin-error', name: only.name } : undefined;
    }
    default:
      return undefined;
  }
}

function isTextual(value: ValueFact): boolean {
  return value.kind === 'string' || value.kind === 'template';
}

/** Words for a message: `a string`, `a bare Error`, `'Foo' (not a domain error)`. */
export function describeUntypedThrow(kind: UntypedThrowKind, name?: string): string {
  switch (kind) {
    case 'string':
      return 'a string';
    case 'template':
      return 'a template string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'a plain object';
    case 'array':
      return 'an array';
    case 'null':
      return 'null';
    case 'undefined':
      return 'undefined';
    case 'builtin-error':
      return `a bare ${name ?? 'Error'}`;
    case 'not-domain-error':
      return `'${name ?? 'value'}' (not a domain error)`;
    case 'any':
      return "a value of type 'any'";
    case 'unknown':
      return "a value of type 'unknown'";
    case 'primitive':
      return `a value of type '${name ?? 'primitive'}'`;
  }
}

const VALIDATION_CLASSES: ReadonlySet<string> = new Set(VALIDATION_ERROR_CLASS_NAMES);
const INFRASTRUCTURE_CODES = INFRASTRUCTURE_ERROR_CODE_PATTERNS.map((pattern) => new RegExp(pattern));
const INFRASTRUCTURE_NAMES = INFRASTRUCTURE_ERROR_NAME_PATTERNS.map((pattern) => new RegExp(pattern));

/**
 * `true` for validation error classes (`ValidationError` of Sequelize, Mongoose, yup, Joi, ajv;
 * `SequelizeValidationError`, `ZodError`, `ValiError`), whose message describes the refused input
 * and is meant for the client. Judged by the simple name (`mongoose.Error.ValidationError`).
 */
export function isValidationErrorClassName(name: string): boolean {
  return VALIDATION_CLASSES.has(simpleName(name));
}

/**
 * `true` for a module (`@simplewebauthn/server`, `@simplewebauthn/server/helpers`) whose functions
 * only verify a client's own submission (a WebAuthn response against the expected challenge and
 * origin) and encode its parts: what they throw describes the refused submission, like a validation
 * error, not the server's internals.
 */
export function isClientSubmissionVerifierModule(specifier: string | undefined): boolean {
  const name = packageNameOf(specifier);
  return name !== undefined && (CLIENT_SUBMISSION_VERIFIER_PACKAGES as readonly string[]).includes(name);
}

/**
 * A call of `calledName` imported from `specifier` that only verifies the client's own submission:
 * any function of a WebAuthn verifier ({@link isClientSubmissionVerifierModule}), or the verify and
 * decode functions of a token library (`jwt.verify(token, secret)`, jose `jwtVerify`), whose errors
 * (`'jwt expired'`, `'invalid signature'`) describe the token the client sent. Signing a token or
 * importing a key is the server's own work and does not count.
 */
export function isClientSubmissionVerifierCall(specifier: string | undefined, calledName: string): boolean {
  if (isClientSubmissionVerifierModule(specifier)) return true;
  const name = packageNameOf(specifier);
  return name !== undefined && Object.hasOwn(TOKEN_VERIFIER_FUNCTIONS, name) && (TOKEN_VERIFIER_FUNCTIONS[name] ?? []).includes(calledName);
}

/**
 * A method call on a member whose declared type is a token service (`this.jwtService.verifyAsync(token)`
 * with `jwtService: JwtService` from `@nestjs/jwt`): it verifies the client's own token, like
 * {@link isClientSubmissionVerifierCall}. `typeSource` is the module the type is imported from.
 */
export function isClientSubmissionVerifierMethod(typeSource: string | undefined, typeName: string | undefined, method: string): boolean {
  const name = packageNameOf(typeSource);
  if (name === undefined || typeName === undefined || !Object.hasOwn(TOKEN_VERIFIER_METHODS, name)) return false;
  const classes = TOKEN_VERIFIER_METHODS[name] ?? {};
  return Object.hasOwn(classes, typeName) && (classes[typeName] ?? []).includes(method);
}

/**
 * A webhook's signature check by the provider's SDK (`stripe.webhooks.constructEvent(body, signature,
 * secret)`): its error describes the payload and signature the caller sent.
 */
export function isWebhookSignatureCheck(names: readonly string[]): boolean {
  const path = names.filter((name) => name !== 'this');
  return path.length >= 2 && path[path.length - 2] === 'webhooks' && /^constructEvent(?:Async)?$/.test(path[path.length - 1] ?? '');
}

/** `true` for an `err.name` that belongs to a database driver, ORM or HTTP client (`SequelizeDatabaseError`, `PrismaClientKnownRequestError`). */
export function isInfrastructureErrorName(name: string): boolean {
  return INFRASTRUCTURE_NAMES.some((pattern) => pattern.test(name));
}

/**
 * `true` when an exception filter bound to these classes (NestJS `@Catch(NotEnoughScopes)`)
 * receives only errors the project chose to map: every class is known, and none is a built-in
 * error (`@Catch(Error)` receives everything) or an infrastructure error, by its package or name,
 * itself or through its superclasses (`@Catch(QueryFailedError)` still carries SQL).
 */
export function isChosenErrorSelection(classes: readonly (ErrorClassFacts | undefined)[]): boolean {
  return classes.length > 0 && classes.every((cls) => {
    if (cls === undefined || isInfrastructureErrorPackage(cls.declaredIn?.package)) return false;
    const own = simpleName(cls.name);
    if (isBuiltinErrorName(own) || isInfrastructureErrorName(own)) return false;
    return !cls.superClasses.some((superClass) => isInfrastructureErrorName(simpleName(superClass)));
  });
}

/**
 * `true` when comparing an error's discriminant field with `value` picks a known, client-facing
 * error: `err.code === 'INVALID_2FA_CODE'`, `err.type === 'entity.parse.failed'`,
 * `err.name === 'ValidationError'`, `err.extensions.code === 'FORBIDDEN'`. Not: codes of
 * infrastructure errors (`ECONNREFUSED`, Prisma `P2002`, SQLSTATE `23505`, `ER_DUP_ENTRY`), names of
 * built-in or infrastructure errors (`TypeError`, `QueryFailedError`), and, for `name`, anything
 * not shaped like an error class unless it is a validation error. `isDomain` is what the file
 * knows about a class of that name (`false` rules it out).
 */
export function isClientFacingDiscriminant(field: string, value: string, isDomain?: boolean): boolean {
  if (value === '') return false;
  if (field === 'name') {
    if (isValidationErrorClassName(value)) return true;
    return isDomain !== false && isErrorClassName(value) && !isInfrastructureErrorName(value);
  }
  if (isBuiltinErrorName(value) || isInfrastructureErrorName(value)) return false;
  return !INFRASTRUCTURE_CODES.some((pattern) => pattern.test(value));
}

/**
 * `true` when a test of an error's message against `literal` narrows it to a client-facing error:
 * equality (`err.message === 'Token expired'`: what is sent is that literal), or a substring test
 * for the text of a validation library (`err.message.includes('validation failed')`, Mongoose's
 * `'Cast to ObjectId failed'`).
 */
export function isClientFacingMessageTest(test: 'equals' | 'contains', literal: string): boolean {
  if (literal === '') return false;
  if (test === 'equals') return true;
  const lower = literal.toLowerCase();
  return VALIDATION_MESSAGE_MARKERS.some((marker) => lower.includes(marker));
}

/**
 * Does a comment next to a throw say that the failure is the server's own, not the client's
 * (`// Should never happen`, `// Sanity check, should not be possible`, `// else return an internal
 * server error`)? The author states that a 500 is the intended answer, so no error type would
 * change what the client gets.
 */
export function commentStatesServerFault(comment: string): boolean {
  return isProgrammerErrorMessage(comment) || /\b(?:sanity check|internal server[- ]error|server[- ]side error|(?:should|must|can) ?not (?:be )?(?:possible|happen)|(?:shouldn|mustn|can)'?t (?:be )?(?:possible|happen)|cannot happen|data integrity|defensive(?:ly)?|type narrowing|for typescript|to satisfy (?:typescript|the type checker|ts))\b|\b500\b/i.test(comment);
}

/**
 * Does a `catch` pass the caught error on, so that its type still reaches the error handler? Given
 * the catch's parameter name (undefined for `catch {}` / `.catch(() => …)`) and the text of its body:
 * it rethrows the error, wraps it as a `cause`, or hands it to `next` / `reject` / a callback, to
 * Fastify's `reply.send(error)` or Koa's `ctx.throw(error)` (both give it to the error handler), or
 * answers by what the error is (`res.status(e.code || 500)`, `if (e instanceof NotFound)`; `e instanceof Error` only narrows
 * `unknown`): there the error's type still picks the status. A catch that throws something else, answers or returns the
 * same whatever was thrown decides the response itself. Both the per-file
 * rule (a throw caught in its own function or file) and the audit (every caller of the function
 * across the project) ask this.
 */
export function catchPassesErrorOn(param: string | undefined, body: string): boolean {
  if (param === undefined) return false;
  const name = param.replaceAll('$', '\\$');
  if (new RegExp(`\\b${name}(?:\\s+as\\s+[^)]*\\))?\\s*(?:\\?\\.|\\.)\\s*(?:status|statusCode|code|httpCode|httpStatus|name)\\b|\\b${name}\\s+instanceof\\s+(?!Error\\b)\\w`).test(body)) return true;
  return new RegExp(`\\bthrow(?:\\s+|\\s*\\(\\s*)${name}\\b|\\bcause\\s*:\\s*${name}\\b|\\bcause\\b[^;]*\\b${name}\\b|\\b(?:next|reject|done|callback|cb|(?:reply|rep)\\.send|ctx\\.throw)\\(\\s*${name}\\b`).test(body);
}

/**
 * A catch that tests the error only against classes its own `try` throws (`try { … throw new
 * NameRedirectError(url); … throw { error: 'not found' } } catch (e) { if (e instanceof
 * NameRedirectError) redirect(…); else reply.status(404).send(e) }`) and otherwise passes nothing
 * on: a dispatch over the try's own throws, each answered where it is caught. `tryText` is the text
 * of the `try` block (or of the callback a `.catch` follows).
 */
export function catchDispatchesOnOwnThrows(param: string | undefined, body: string, tryText: string): boolean {
  if (param === undefined) return false;
  const test = new RegExp(`\\b${param.replaceAll('$', '\\$')}\\s+instanceof\\s+([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)`, 'g');
  const tested = [...body.matchAll(test)].map((match) => match[1] ?? '');
  const escape = (name: string): string => name.replace(/[$.]/g, (char) => `\\${char}`);
  if (tested.length === 0 || !tested.every((name) => new RegExp(`\\bthrow\\s+new\\s+${escape(name)}(?![\\w$.])`).test(tryText))) return false;
  return !catchPassesErrorOn(param, body.replace(test, 'true'));
}

/** Methods and functions of plain values that reach no driver or remote service (`includes`, `split`, `trim`, `parseInt`). */
const LOCAL_VALUE_FUNCTIONS: ReadonlySet<string> = new Set([
  'includes', 'indexOf', 'split', 'trim', 'toLowerCase', 'toUpperCase', 'map', 'filter', 'some', 'every', 'find', 'push', 'slice', 'join',
  'startsWith', 'endsWith', 'replace', 'toString', 'keys', 'values', 'entries', 'isArray', 'Number', 'String', 'Boolean', 'parseInt', 'parseFloat',
  'decodeURIComponent', 'encodeURIComponent', 'stringify',
]);

/**
 * A `try` that only validates: nothing in it is awaited but a check (`awaited`, `await schema.parseAsync(body)`), at least one call checks
 * input ({@link refusesInput}: `validateOAuth2Url(url)`, `assertRoleChangeAllowed(org, role)`,
 * `schema.parse(body)`) and every other call works on plain values (`filters.includes(x)`). What it
 * throws describes the input it refused, in the validator's own words: no driver or remote service
 * is reached whose error could carry SQL, hosts or stack frames.
 */
export function triesOnlyValidation(facts: { readonly awaits: boolean; readonly awaited?: readonly ChainFact[]; readonly calls: readonly ChainFact[] }): boolean {
  if (facts.awaits || facts.calls.length === 0) return false;
  // An awaited schema check is a validator's too (`await schema.parseAsync(req.body)`); any other await
  // is not, a project's `await this.service.validateActivities(dto)` may well reach a database.
  if (facts.awaited !== undefined && !facts.awaited.every(awaitsSchemaCheck)) return false;
  const local = (chain: ChainFact): boolean => LOCAL_VALUE_FUNCTIONS.has(chain.segments[chain.segments.length - 1]?.name ?? '');
  return facts.calls.some(refusesInput) && facts.calls.every((chain) => refusesInput(chain) || local(chain));
}

/** The methods of a schema that check a value (zod `parse` / `parseAsync`, Joi `validateAsync`, yup `validate`). */
const SCHEMA_CHECK_METHODS: ReadonlySet<string> = new Set(['parse', 'parseAsync', 'safeParse', 'safeParseAsync', 'validate', 'validateAsync']);

/**
 * An awaited call that only checks a value against a schema: a validator package's function, or a
 * schema's check method on a receiver named a schema (`await schema.parseAsync(body)`, `await
 * bodySchema.validate(body)`). A project's validator object (`this.userValidator.validate(dto)`) may
 * query the database, and so may a service's `parseAsync`.
 */
function awaitsSchemaCheck(chain: ChainFact): boolean {
  const names = chainNamesOf(chain);
  const method = names[names.length - 1] ?? '';
  if (isValidatorPackage(chain.rootImport)) return true;
  return SCHEMA_CHECK_METHODS.has(method) && nameParts(names[names.length - 2] ?? '').at(-1) === 'schema';
}

/**
 * A call whose errors describe refused input: a validator package's or a schema's check
 * (`schema.parse(body)`, `Joi.attempt(x, s)`), or a function named to validate or assert
 * (`validateOAuth2Url(url)`, `assertRoleChangeAllowed(org, role)`). `is*` / `ensure*` / `check*`
 * names are not enough here (`ensureDirSync` fails with a server path), nor is `JSON.parse`, whose
 * error quotes the text it was given.
 */
function refusesInput(chain: ChainFact): boolean {
  const names = chainNamesOf(chain);
  const method = names[names.length - 1] ?? '';
  if (/^(?:is|ensure|check)[A-Z]/.test(method) || names.join('.') === 'JSON.parse') return false;
  return isValidationCall(chain) && (/^assert[A-Z]/.test(method) || isValidatorPackage(chain.rootImport) || nameParts(method).some((word) => word === 'validate' || word === 'validation' || word === 'validator' || word === 'parse' || word === 'safe'));
}

/**
 * A thrown plain object that is an error type after all: an application error code its callers narrow
 * on (`Promise.reject({ errorCode: SignupErrorCode.InvalidEmail })`), or the reply an error class of
 * the project throws from its own constructor (`class BadRequestException { constructor(...e) { throw
 * { status: HttpStatus.BAD_REQUEST, error: 'Bad Request', message: e } } }`: the class is the type, and
 * its callers throw it). `ownerClass` is the name of the class whose constructor throws it, if any.
 * An object with only a message (`{ error: 'Unable to find a block' }`), a status alone elsewhere or a
 * copy of another error is still untyped.
 */
export function isTypedErrorObject(objectKeys: readonly string[], facts: { readonly ownerClass?: string; readonly errorCodeIsConstant?: boolean } = {}): boolean {
  const { ownerClass } = facts;
  // The code must be a member of the project's set of codes (`SignupErrorCode.InvalidEmail`): a copied `e.code`, a number or a string is no type.
  if (objectKeys.includes('errorCode') && facts.errorCodeIsConstant === true) return true;
  return ownerClass !== undefined && isErrorClassName(ownerClass) && objectKeys.some((key) => key === 'status' || key === 'statusCode');
}

/**
 * A thrown plain object with the keys that a library the file imports reads as its error reply
 * (`LIBRARY_ERROR_REPLY_SHAPES`: `throw { status_code: 403, body }` in a `@tus/server` hook): the
 * library answers it, no central handler sees it.
 */
export function isLibraryErrorReply(objectKeys: readonly string[], importedPackages: readonly string[]): boolean {
  return importedPackages.some((specifier) => {
    const name = packageNameOf(specifier);
    const shape = name === undefined ? undefined : LIBRARY_ERROR_REPLY_SHAPES[name];
    return shape !== undefined && shape.every((key) => objectKeys.includes(key));
  });
}
