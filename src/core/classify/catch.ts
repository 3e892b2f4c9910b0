import {
  BODY_READER_METHODS,
  CLEANUP_METHODS,
  CLEANUP_NAME_WORDS,
  DEFERRING_COMMENT_WORDS,
  ERROR_RECORDER_METHODS,
  ERROR_TEXT_FIELDS,
  FAILURE_CONSTRUCTORS,
  FAILURE_KEYS,
  FALLBACK_LOG_PATTERN,
  FS_PACKAGES,
  FS_PROBE_METHODS,
  FS_RECEIVERS,
  HEALTH_ROUTE_PATTERN,
  IN_PROCESS_EVENT_BUSES,
  INTENT_COMMENT_PATTERN,
  LOCAL_WORK_CLASSES,
  LOCAL_WORK_FUNCTIONS,
  LOCAL_WORK_MEMBERS,
  LOCAL_WORK_PACKAGES,
  NO_THROW_NAME_PATTERN,
  PASS_ON_CALLEES,
  PREDICATE_ANY_WORDS,
  PREDICATE_FIRST_WORDS,
  QUIET_LOG_METHODS,
  READ_NAME_WORDS,
  RESPONSE_STATUS_TARGETS,
  SHUTDOWN_FUNCTION_NAMES,
  STREAM_PLUMBING,
  SUCCESS_FLAG_KEYS,
  TEXT_TEST_METHODS,
  VERDICT_METHODS,
  VERDICT_NAME_WORDS,
} from '../catalogs/catches.js';
import { RESPONSE_RECEIVER_NAMES } from '../catalogs/responses.js';
import type { ChainFact, ResolveDeclaredIn, ValueFact } from '../facts.js';
import { nameParts } from './names.js';
import { classifyResponseSend } from './response.js';

/**
 * The judgement behind `no-swallowed-errors` and `prefer-central-error-handler` ("throw specific
 * error types, catch in a centralized handler; log unexpected errors with full context"): what a
 * `catch` (or a `.catch(cb)` callback) does with the error it received, and whether the work it
 * guards can fail for reasons someone must hear about. Both engines describe a catch with these
 * facts and ask here.
 */

const LOCAL_FUNCTIONS: ReadonlySet<string> = new Set(LOCAL_WORK_FUNCTIONS);
const LOCAL_CLASSES: ReadonlySet<string> = new Set(LOCAL_WORK_CLASSES);
const LOCAL_PACKAGES: ReadonlySet<string> = new Set(LOCAL_WORK_PACKAGES);
const READ_WORDS: ReadonlySet<string> = new Set(READ_NAME_WORDS);
const VERDICTS: ReadonlySet<string> = new Set(VERDICT_METHODS);
const FS_METHODS: ReadonlySet<string> = new Set(FS_PROBE_METHODS);
const FS_NAMES: ReadonlySet<string> = new Set(FS_RECEIVERS);
const FS_SOURCES: ReadonlySet<string> = new Set(FS_PACKAGES);
const CLEANUP: ReadonlySet<string> = new Set(CLEANUP_METHODS);
const SHUTDOWN: ReadonlySet<string> = new Set(SHUTDOWN_FUNCTION_NAMES);
const PASS_ON: ReadonlySet<string> = new Set(PASS_ON_CALLEES);
const RECORDERS: ReadonlySet<string> = new Set(ERROR_RECORDER_METHODS);
const TEXT_FIELDS: ReadonlySet<string> = new Set(ERROR_TEXT_FIELDS);
const TEXT_TESTS: ReadonlySet<string> = new Set(TEXT_TEST_METHODS);
const VERDICT_WORDS: ReadonlySet<string> = new Set(VERDICT_NAME_WORDS);
const PREDICATE_FIRST: ReadonlySet<string> = new Set(PREDICATE_FIRST_WORDS);
const PREDICATE_ANY: ReadonlySet<string> = new Set(PREDICATE_ANY_WORDS);
const STREAMS: ReadonlySet<string> = new Set(STREAM_PLUMBING);
const QUIET_LOGS: ReadonlySet<string> = new Set(QUIET_LOG_METHODS);
const STREAM_RECEIVER = /(?:reader|stream|socket|body)$/i;
/** A call that sends analytics or telemetry (`setupAnalytics()`, `sendTelemetry()`); a table named `analytics` read with `delete` is no send. */
const BEST_EFFORT_SEND = /analytics|telemetry/i;
/** What an analytics client does: `analytics.track(event)`, `telemetry.capture(…)`, `posthog.identify(…)`. */
const TRACKING_METHODS: ReadonlySet<string> = new Set(['track', 'capture', 'identify', 'page', 'screen', 'group', 'alias', 'flush']);
const CLEANUP_WORDS: ReadonlySet<string> = new Set(CLEANUP_NAME_WORDS);
const BODY_READERS: ReadonlySet<string> = new Set(BODY_READER_METHODS);
const NO_THROW_NAME = new RegExp(NO_THROW_NAME_PATTERN);
const HEALTH_PATH = new RegExp(HEALTH_ROUTE_PATTERN, 'i');
const INTENT_COMMENT = new RegExp(INTENT_COMMENT_PATTERN, 'i');
const FALLBACK_LOG = new RegExp(FALLBACK_LOG_PATTERN, 'i');
const FAILURE_CALLEES: ReadonlySet<string> = new Set(FAILURE_CONSTRUCTORS);
const FAILURE_KEY_SET: ReadonlySet<string> = new Set(FAILURE_KEYS);
const SUCCESS_FLAGS: ReadonlySet<string> = new Set(SUCCESS_FLAG_KEYS);

/** One piece of work a `try` waits for (an awaited call), or the promise a `.catch` is attached to. */
export interface GuardedWork {
  /** Callee path, root first (`['fs', 'promises', 'readFile']`); empty when the awaited value is no call (`await promise`). */
  readonly names: readonly string[];
  /** `new URL(…)` */
  readonly isNew?: boolean;
  /** `import('pkg')` */
  readonly isImport?: boolean;
  /** Module the callee's root identifier was imported from. */
  readonly rootImport?: string;
  /** Number of arguments of the call. */
  readonly argumentCount?: number;
  /** A conditional claim (`isConditionalClaim`): an update that only applies while the row is still in the state it moves it out of. */
  readonly conditionalClaim?: boolean;
  /** A publish to an in-process event bus (`isInProcessEventPublish`): it returns without waiting for the handlers, and cannot reject. */
  readonly inProcessPublish?: boolean;
}

/**
 * `true` for `method` called on a receiver declared with the type `typeName` from `typeSource`
 * that is an in-process event bus's publish (`this.eventBus.publish(event)` with
 * `eventBus: EventBus` from `@nestjs/cqrs`): the event goes to the handlers without waiting, and
 * a handler's failure never comes back to the publisher.
 */
export function isInProcessEventPublish(method: string, typeName: string | undefined, typeSource: string | undefined): boolean {
  return IN_PROCESS_EVENT_BUSES.some((bus) => bus.typeName === typeName && bus.source === typeSource && (bus.methods as readonly string[]).includes(method));
}

/** Methods of the in-process event buses that publish (`publish`, `publishAll`): a cheap test before a receiver's declared type is read. */
export const IN_PROCESS_PUBLISH_METHODS: ReadonlySet<string> = new Set(IN_PROCESS_EVENT_BUSES.flatMap((bus) => bus.methods));

/** `true` for work that reads a record: `findOneByWhereOptions(…)`, `getUser(id)`, `fetchAll()`, `loadSettings()`. */
export function isReadWork(work: GuardedWork): boolean {
  return work.isNew !== true && READ_WORDS.has(nameParts(work.names.at(-1) ?? '')[0] ?? '');
}

const CLAIM_METHODS: ReadonlySet<string> = new Set(['update', 'updateOne', 'findOneAndUpdate']);

/**
 * `true` for an update that claims a row: its filter pins the row by a key and by the value of a
 * field its data changes (`update({ where: { id, status: PENDING }, data: { status: PROCESSING } })`).
 * When another worker claimed the row first, the filter matches nothing and the update fails: the
 * expected outcome of the race, not an error to report.
 */
export function isConditionalClaim(names: readonly string[], options: ValueFact | undefined): boolean {
  if (!CLAIM_METHODS.has(names.at(-1) ?? '') || options?.kind !== 'object') return false;
  const where = options.properties.find((entry) => entry.key === 'where')?.value;
  const data = options.properties.find((entry) => entry.key === 'data')?.value;
  if (where?.kind !== 'object' || data?.kind !== 'object') return false;
  const whereKeys = where.properties.map((entry) => entry.key ?? '');
  const changed = new Set(data.properties.map((entry) => entry.key ?? ''));
  return whereKeys.some((key) => /^(?:id|_id|uuid)$|[a-z](?:Id|ID|_id)$/.test(key)) && whereKeys.some((key) => key !== '' && changed.has(key));
}

/**
 * `true` for work whose failure is an expected answer or best-effort: parsing and decoding,
 * verifying a token or a password, feature detection (`import()`, `require.resolve`), file-system
 * probes (`fs.stat`, `fs.promises.access`, `readFile` of an optional file), cleanup (`close`,
 * `unlink`, `release`, `rollback`).
 */
export function isFallbackWork(work: GuardedWork): boolean {
  if (work.isImport === true || work.conditionalClaim === true || work.inProcessPublish === true) return true;
  // `sharp(file).metadata()`: in-process image decoding, whose failure says the file is no image.
  if (work.rootImport !== undefined && LOCAL_PACKAGES.has(work.rootImport)) return true;
  const { names } = work;
  const method = names.at(-1);
  if (method === undefined || method === '') return false;
  if (work.isNew === true) return LOCAL_CLASSES.has(method);
  const firstWord = nameParts(method)[0] ?? '';
  if (VERDICT_WORDS.has(firstWord) || CLEANUP_WORDS.has(firstWord) || STREAMS.has(method)) return true;
  // Best-effort caching (`cache.get`, `this.cacheService.set`, `redisCache.del`), product analytics and
  // telemetry (`analytics.track`, `setupAnalytics()`, `telemetry.capture`), and error reporting (`reportError`, `Sentry.captureException`).
  if (names.some((name) => /cache/i.test(name)) || BEST_EFFORT_SEND.test(method) || isErrorRecorderCall(names)) return true;
  if (TRACKING_METHODS.has(method) && BEST_EFFORT_SEND.test(names.at(-2) ?? '')) return true;
  // A JSON Web Token judged (`getUserForJWT(token)`, `decodeJwt`): an expired or forged token is the expected "no".
  if (nameParts(method).includes('jwt')) return true;
  if (BODY_READERS.has(method) && work.argumentCount === 0 && names.length >= 2) return true;
  if (names.length === 1) {
    if (LOCAL_FUNCTIONS.has(method)) return true;
    if (FS_METHODS.has(method) && work.rootImport !== undefined && FS_SOURCES.has(work.rootImport)) return true;
    return CLEANUP.has(method);
  }
  const root = names[0] ?? '';
  if (LOCAL_WORK_MEMBERS.some(([object, member]) => root === object && names.length === 2 && (member === '*' || member === method))) return true;
  if (VERDICTS.has(method) || CLEANUP.has(method)) return true;
  // `reader.cancel()`, `stream.destroy()`: letting go of a stream (the same names on a service are business writes).
  if ((method === 'cancel' || method === 'destroy') && STREAM_RECEIVER.test(names.at(-2) ?? '')) return true;
  const receiver = names.at(-2) ?? '';
  return FS_METHODS.has(method) && (FS_NAMES.has(receiver) || FS_NAMES.has(root) || (work.rootImport !== undefined && FS_SOURCES.has(work.rootImport)));
}

/**
 * `true` when what a `try` waits for can fail for a reason someone must hear about: it awaits
 * work that is not a fallback (a query, a service, an HTTP call, a queue). A `try` that awaits
 * nothing guards synchronous local work (`JSON.parse`, `new URL`, `Buffer.from`): its catch is a
 * fallback by design, and a promise it returns without awaiting is not caught by it at all.
 */
export function guardsRealWork(work: readonly GuardedWork[]): boolean {
  return work.some((item) => !isFallbackWork(item));
}

/** `true` for a function that runs while its owner shuts down (`close`, `onModuleDestroy`): failures in it are best-effort cleanup. */
export function isShutdownFunctionName(name: string): boolean {
  return SHUTDOWN.has(name);
}

/**
 * `true` for a function whose name promises not to throw (`tryGetUser`, `getRevSafe`, `findOrNull`)
 * or that probes health (`isRedisHealthy`, `checkReadiness`): a catch that answers `null` / `false`
 * there keeps the contract.
 */
export function isNoThrowFunctionName(name: string): boolean {
  return NO_THROW_NAME.test(name);
}

/** `true` for a route path that probes health: `/_health`, `/healthz`, `/ready`, `/livez`, `/ping`. */
export function isHealthRoutePath(path: string): boolean {
  return HEALTH_PATH.test(path);
}

/** `true` for the name of a class, an interface or a factory that is a cache: `RedisCacheStrategy`, `ICacheService`, `buildCache` (not `getCachedRates`). */
export function isCacheImplementationName(name: string): boolean {
  return nameParts(name).includes('cache');
}

/** `true` for the text of a log line that states the fallback the code takes: "skipping loader", "Fallback to the second API". */
export function statesFallback(text: string): boolean {
  return FALLBACK_LOG.test(text);
}

/** `true` for a comment near a catch that says its silence is intended ("best effort", "fail open", "ignore"). */
export function isIntentComment(text: string): boolean {
  return INTENT_COMMENT.test(text);
}

/**
 * `true` for a value that reports a failure to the caller: `left(NOT_FOUND)`, `err(e)`,
 * `Result.fail(…)`, `{ error: 'not_found' }`, `{ success: false }`, `{ ok: false, … }`,
 * `{ status: 404, … }`. Returning one converts the error into a domain failure, as throwing a
 * domain error does.
 */
export function isFailureValue(value: ValueFact): boolean {
  if (value.kind === 'call') {
    const last = value.chain.segments.at(-1);
    return last !== undefined && FAILURE_CALLEES.has(last.name);
  }
  if (value.kind === 'new') return /(?:Error|Exception|Failure)$/.test(value.className);
  if (value.kind !== 'object') return false;
  return value.properties.some((property) => {
    const key = property.key ?? '';
    if (FAILURE_KEY_SET.has(key)) return true;
    if (SUCCESS_FLAGS.has(key)) return property.value.kind === 'boolean' && property.value.value === false;
    if (key === 'status' || key === 'statusCode') return property.value.kind === 'number' && property.value.value !== undefined && property.value.value >= 400;
    return false;
  });
}

const INPUT_VERDICT_WORDS: ReadonlySet<string> = new Set(['assert', 'verify', 'validate', 'check', 'parse', 'decode', 'decrypt']);

/**
 * `true` for a call that judges its input (`idDecode(id)`, `JSON.parse(body)`, `verifyToken(t)`,
 * `schema.validate(x)`): its failure says the input is bad, which a 4xx answers.
 */
export function isInputVerdictCall(names: readonly string[]): boolean {
  const method = names.at(-1) ?? '';
  return VERDICTS.has(method) || nameParts(method).some((part) => INPUT_VERDICT_WORDS.has(part));
}

/** `true` for a function name that asks a yes/no question: `isServedByShare`, `canUserAccessDocument`, `checkBucketExists`, `legacyVerify`. */
export function isPredicateName(name: string): boolean {
  const parts = nameParts(name);
  return PREDICATE_FIRST.has(parts[0] ?? '') || parts.some((part) => PREDICATE_ANY.has(part));
}

/** `true` for a log method that files the failure as expected (`debug`, `info`, `verbose`): it needs no stack. */
export function isQuietLogMethod(method: string): boolean {
  return QUIET_LOGS.has(method);
}

/**
 * `true` for a call that hands a failure on: `next(err)`, `reject(…)`, `done(err)`, `cb(err)`,
 * `ctx.throw(500)`, `process.exit(1)`; or that signals it without the error: a failure callback
 * (`onError()`, `onFailure()`) or a failure mark (`cronFailed()`, `markFailed()`). `next()`,
 * `done()` and `cb()` without an argument carry on as if nothing failed.
 */
export function isPassOnCall(names: readonly string[], argumentCount: number): boolean {
  const method = names.at(-1) ?? '';
  if (/^on(?:[A-Z]\w*)?(?:Error|Failure|Fail|Failed)$|[a-z](?:Failed|Failure)$|^markAs?Failed$/.test(method)) return true;
  if (method === 'exit') return names.length === 2 && names[0] === 'process';
  if (method === 'throw') return names.length === 2 && (names[0] === 'ctx' || names[0] === 'context');
  if (!PASS_ON.has(method) || (names.length > 1 && method === 'next')) return false;
  return argumentCount > 0 || method === 'reject';
}

/** A project's own helper that files an error with its tracker: `reportError(err)`, `reportErrorToSentry(err, { req })`, `captureException(err)`. */
const REPORTER_FUNCTION = /^(?:report\w*(?:Error|Exception)\w*|capture(?:Exception|Error))$/;

/**
 * `true` for a call that records a failure in an error tracker or a trace (`Sentry.captureException`,
 * `span.recordException`), or a bare helper named for it and handed more than a text
 * (`reportErrorToSentry(err)`, an imported `captureException(err)`).
 */
export function isErrorRecorderCall(names: readonly string[], firstArgumentIsText = false): boolean {
  const method = names.at(-1) ?? '';
  // A bare helper handed only a text (`reportError(\`sync failed for ${id}\`)`) files a message, not the error.
  return (names.length >= 2 && RECORDERS.has(method)) || (REPORTER_FUNCTION.test(method) && !firstArgumentIsText);
}

/**
 * `true` when a catch keeps the failure with its context: it hands the error on or files it with a
 * tracker (`passesOn`), or logs the error object itself (not only its text). Such a catch loses
 * nothing a central handler would have recorded, so the answer it builds is the endpoint's contract.
 */
export function recordsTheError(facts: Pick<CatchFacts, 'passesOn' | 'uses'>): boolean {
  return facts.passesOn || facts.uses.some((use) => use.kind === 'whole' && use.inLog);
}

/** `true` for a field of an error that is text only (`message`, `code`, `name`): logging it drops the stack. */
export function isErrorTextField(name: string): boolean {
  return TEXT_FIELDS.has(name);
}

/** `true` for a method that tests a text (`includes`, `startsWith`): `err.message.includes('x')` inspects the error. */
export function isTextTestMethod(name: string): boolean {
  return TEXT_TESTS.has(name);
}

/** `true` for a comment that explains an empty catch (rather than deferring it: `TODO`, `FIXME`). */
export function isExplainingComment(text: string): boolean {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length === 0) return false;
  return !words.some((word) => (DEFERRING_COMMENT_WORDS as readonly string[]).includes(word));
}

/** How the catch uses the error it received. */
export type ErrorUseKind =
  /** The error itself goes somewhere: an argument, a return value, a field, a rethrow; or a part that is not text (`err.stack`, `err.response`). */
  | 'whole'
  /** Only its text: `err.message`, `String(err)`, `` `${err}` ``. */
  | 'text'
  /** Only tested: `err instanceof X`, `err.code === 'P2002'`, `err.message.includes('x')`. */
  | 'test';

export interface ErrorUse {
  readonly kind: ErrorUseKind;
  /** Inside the arguments of a log call. */
  readonly inLog: boolean;
}

/** What a catch body does, outside the functions it defines. */
export interface CatchFacts {
  /** The catch names its error (`catch (err)`, `.catch((err) => …)`). */
  readonly bindsError: boolean;
  readonly uses: readonly ErrorUse[];
  /** A `throw` anywhere in the body: a rethrow, a wrapped error, a domain error. */
  readonly throws: boolean;
  /** Calls `next(…)`, `reject(…)`, `done(…)`, `ctx.throw`, `process.exit`, or an error tracker. */
  readonly passesOn: boolean;
  /** Sends an HTTP response (the failure reaches the client; `prefer-central-error-handler` judges it). */
  readonly responds: boolean;
  /** Number of log calls in the body. */
  readonly logCalls: number;
  /** Number of them at a level that reports a problem (`warn`, `error`, `fatal`), not an expected event (`info`, `debug`). */
  readonly problemLogCalls: number;
  /** A log line's own text states the fallback the code takes ("skipping", "falling back", "using the default"). */
  readonly logStatesFallback?: boolean;
  /** The body has no statement (`catch {}`, `.catch(() => {})`). */
  readonly empty: boolean;
  /** A comment inside the body explains the choice, or one next to the catch says the silence is intended. */
  readonly explained: boolean;
  /** The catch sits where failures are best-effort: in a `finally`, in another catch, in a shutdown function. */
  readonly cleanupPath: boolean;
  /** The body records the failure: returns a failure value (`left(…)`, `{ success: false }`), counts it, or sets a status field. */
  readonly recordsFailure: boolean;
  /** The enclosing function's name promises not to throw (`tryX`, `xOrNull`, a health probe), or a predicate answers a boolean. */
  readonly noThrowContract: boolean;
  /** The work the `try` (or the promise) waits for. */
  readonly work: readonly GuardedWork[];
  /** The enclosing function answers only `true` / `false` and the catch answers `false` (directly or by falling through to it). */
  readonly booleanAnswer?: boolean;
  /**
   * The catch body creates a record (`create(…)`, `insertX(…)`, `commandBus.execute(new CreateSlotCommand(…))`):
   * with a `try` that only reads, the read's failure ("not found") is the "create it" branch of a get-or-create.
   */
  readonly createsInCatch?: boolean;
  /** The catch sits in a cache's own code: a class, an interface it implements, or a factory named for a cache (`RedisCacheStrategy`, `implements CacheStore`, `buildCache()`). */
  readonly inCacheImplementation?: boolean;
}

export type SwallowVerdict = 'swallowed' | 'loggedWithoutError';

/**
 * Does this catch make a failure disappear? `swallowed`: the error is neither rethrown, passed
 * on, recorded nor logged; `loggedWithoutError`: it is logged, but only as text (or not at all),
 * so its stack and cause are lost. Undefined when the error goes on (rethrown, wrapped, passed to
 * `next` / `reject`, returned or stored as a value, sent to a tracker), when the body answers the
 * request (`prefer-central-error-handler`'s concern), when the body records the failure (a failure
 * value returned, a counter, a status field), when a comment explains the catch, when the catch is
 * best-effort cleanup, when the function promises not to throw (`tryX`, `xOrNull`, health probes),
 * or when the guarded work's failure is an expected answer.
 */
export function swallowVerdict(facts: CatchFacts): SwallowVerdict | undefined {
  if (facts.throws || facts.passesOn || facts.responds || facts.cleanupPath || facts.recordsFailure || facts.noThrowContract) return undefined;
  if (facts.uses.some((use) => use.kind === 'whole' || (use.kind === 'text' && !use.inLog))) return undefined;
  if (!guardsRealWork(facts.work)) return undefined;
  if (facts.explained) return undefined;
  // Get-or-create in the catch: `try { return await find(…) } catch { return create(…) }`. The create
  // fails loudly when the store is down, so only the read's "not found" takes this path quietly.
  if (facts.createsInCatch === true && facts.work.every((item) => isReadWork(item))) return undefined;
  // A yes/no function whose catch quietly answers `false` reports the failure as that flag, as
  // `{ success: false }` does; a catch that logs a problem says it needs its cause, and is judged on.
  if (facts.booleanAnswer === true && facts.problemLogCalls === 0) return undefined;
  // A cache fails open by design: a read that fails is a miss, a write that fails is skipped. Its own
  // code noting the failure (a log line, evicting the bad entry) is the contract; an empty catch still hides it.
  if (facts.inCacheImplementation === true && !facts.empty) return undefined;
  if (facts.logCalls === 0) return 'swallowed';
  // A failed connection says all in its text (`ECONNREFUSED 10.0.0.5:6379`); its stack points into the driver's socket code.
  if (facts.work.length > 0 && facts.work.every((item) => isConnectingWork(item.names))) return undefined;
  // "Failed to load currencies, skipping": the log states the fallback, so the failure was expected.
  if (facts.logStatesFallback === true) return undefined;
  return facts.problemLogCalls > 0 ? 'loggedWithoutError' : undefined;
}

/** `true` for a call that opens a connection: `redis.connect()`, `getConnection(url)`, `createConnection(options)`, `mongoose.connect(uri)`. */
export function isConnectingWork(names: readonly string[]): boolean {
  const method = names.at(-1) ?? '';
  return method === 'connect' || method === '$connect' || /^(?:get|create|open|establish|new)\w*Connection$/.test(method);
}

/**
 * `true` for a status that makes an error response: a number literal ≥ 400, or a value computed
 * at run time (`err.status ?? 500`, `statusFor(err)`). A string or a literal below 400 is not one.
 */
export function isErrorStatus(status: ValueFact | undefined): boolean {
  if (status === undefined) return false;
  switch (status.kind) {
    case 'number':
      return status.value === undefined || status.value >= 400;
    case 'identifier':
    case 'member':
    case 'call':
    case 'binary':
    case 'other':
      return true;
    default:
      return false;
  }
}

const UNAVAILABLE = 503;

/** An error response: its label and whether its status is a literal 4xx (the client's fault). */
export interface ErrorResponseMatch {
  readonly label: string;
  readonly clientError: boolean;
}

/** Client-error names of the status enums (NestJS `HttpStatus.NOT_FOUND`, http-status-codes `StatusCodes.BAD_REQUEST`). */
const CLIENT_ERROR_STATUS_NAME = /^(?:BAD_REQUEST|UNAUTHORIZED|PAYMENT_REQUIRED|FORBIDDEN|NOT_FOUND|METHOD_NOT_ALLOWED|NOT_ACCEPTABLE|CONFLICT|GONE|PRECONDITION_FAILED|PAYLOAD_TOO_LARGE|UNSUPPORTED_MEDIA_TYPE|UNPROCESSABLE_ENTITY|TOO_MANY_REQUESTS|REQUEST_TIMEOUT)$/;

function isClientErrorStatus(status: ValueFact | undefined): boolean {
  if (status?.kind === 'member') return status.path.length === 2 && CLIENT_ERROR_STATUS_NAME.test(status.path[1] ?? '');
  return status?.kind === 'number' && status.value !== undefined && status.value >= 400 && status.value < 500;
}
const EXPRESS_RECEIVERS: ReadonlySet<string> = new Set(RESPONSE_RECEIVER_NAMES.express);
const STATUS_SETTERS: ReadonlySet<string> = new Set(['status', 'code']);

/**
 * The label of a call that answers the request with an error status, or undefined: Express
 * `res.status(500).json(…)` / `res.sendStatus(400)`, Fastify `reply.code(500).send(…)`, Hono
 * `c.json(body, 500)`. A body sent without a status (200) is not judged an error response.
 */
export function errorResponseOf(chain: ChainFact, resolve?: ResolveDeclaredIn): ErrorResponseMatch | undefined {
  const { segments } = chain;
  const last = segments.at(-1);
  const root = segments[0];
  if (last?.call === undefined || root === undefined) return undefined;
  if (segments.length === 2 && last.name === 'sendStatus' && EXPRESS_RECEIVERS.has(root.name) && root.call === undefined) {
    const status = last.call.args[0];
    return isErrorStatus(status) ? { label: `${root.name}.sendStatus()`, clientError: isClientErrorStatus(status) } : undefined;
  }
  const send = classifyResponseSend(chain, resolve);
  if (send === undefined) return undefined;
  const statuses: (ValueFact | undefined)[] = segments.filter((segment) => segment.call !== undefined && STATUS_SETTERS.has(segment.name)).map((segment) => segment.call?.args[0]);
  if (send.framework === 'hono') statuses.push(last.call.args[1]);
  // 503 Service Unavailable is an availability answer (a health probe, maintenance), not an error mapping.
  if (statuses.some((status) => status?.kind === 'number' && status.value === UNAVAILABLE)) return undefined;
  const status = statuses.find((candidate) => isErrorStatus(candidate));
  return status === undefined ? undefined : { label: send.label, clientError: isClientErrorStatus(status) };
}

/** `true` for an assignment target that sets the response status: Koa `ctx.status`, `ctx.response.status`. */
export function isResponseStatusTarget(path: readonly string[]): boolean {
  return RESPONSE_STATUS_TARGETS.some((target) => target.length === path.length && target.every((name, index) => path[index] === name));
}
