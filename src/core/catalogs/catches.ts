/**
 * What the code inside a `try` and inside its `catch` does, as far as judging a swallowed error
 * needs it: work whose failure is the answer (parsing, decoding, verifying, feature detection,
 * existence checks), best-effort cleanup, and the calls that hand an error on or record it.
 * Plain data; `classify/catch.ts` matches it.
 */

/**
 * Functions whose failure is an expected answer about their input, called bare:
 * `parseInt`, `decodeURIComponent` (throws `URIError` on bad input), `atob`, `structuredClone`,
 * `require` (feature detection).
 */
export const LOCAL_WORK_FUNCTIONS = [
  'parseInt', 'parseFloat', 'Number', 'String', 'Boolean', 'BigInt', 'decodeURIComponent', 'decodeURI', 'encodeURIComponent',
  'encodeURI', 'atob', 'btoa', 'structuredClone', 'require', 'escape', 'unescape',
] as const satisfies readonly string[];

/**
 * Classes whose constructor throws on bad input: `new URL(text)` (https://url.spec.whatwg.org/#constructors),
 * `new RegExp(pattern)`, `new URLSearchParams`, `new Date`, `new TextDecoder('utf-8', { fatal: true })`, `new Intl.*`.
 */
export const LOCAL_WORK_CLASSES = ['URL', 'URLSearchParams', 'RegExp', 'Date', 'TextDecoder', 'TextEncoder', 'DateTimeFormat', 'NumberFormat', 'Collator', 'Locale'] as const satisfies readonly string[];

/**
 * `object.method` pairs that only compute: `JSON.parse` (SyntaxError on bad text), `Buffer.from`
 * (base64 decoding), `URL.parse` / `URL.canParse`, `require.resolve` (is a package installed?),
 * `Promise.race` (a race against a deadline: losing it is the expected outcome),
 * `Intl.*`, `path.*`.
 */
export const LOCAL_WORK_MEMBERS = [
  ['JSON', 'parse'], ['JSON', 'stringify'], ['Buffer', 'from'], ['Buffer', 'byteLength'], ['URL', 'parse'], ['URL', 'canParse'],
  ['require', 'resolve'], ['Promise', 'race'], ['Intl', '*'], ['path', '*'], ['Number', '*'], ['Object', '*'], ['Array', '*'], ['Math', '*'],
] as const satisfies readonly (readonly [string, string])[];

/**
 * Packages whose calls only compute on local data: sharp decodes and transforms images in process
 * (https://sharp.pixelplumbing.com/api-input#metadata: `metadata()` rejects when the input is no
 * supported image), so its failure is an answer about the input, not an outage.
 */
export const LOCAL_WORK_PACKAGES = ['sharp'] as const satisfies readonly string[];

/**
 * In-process event buses whose publish hands the event to subscribers and returns without waiting:
 * `@nestjs/cqrs` `EventBus.publish` / `publishAll` push onto an RxJS subject, and a handler's failure
 * goes to the `UnhandledExceptionBus`, never back to the publisher
 * (https://docs.nestjs.com/recipes/cqrs#unhandled-exceptions). Awaiting them cannot reject.
 */
export const IN_PROCESS_EVENT_BUSES = [
  { source: '@nestjs/cqrs', typeName: 'EventBus', methods: ['publish', 'publishAll'] },
] as const satisfies readonly { readonly source: string; readonly typeName: string; readonly methods: readonly string[] }[];

/**
 * Words of a helper's name that say it answers the request it is handed (`req.responseHandler.error(req, res, …)`,
 * `sendProblem(reply, 502)`, `respondWith(res, …)`); a helper that only touches the response (`setNoCache(res)`) does not.
 */
export const RESPONSE_HELPER_WORDS = ['send', 'respond', 'responder', 'response', 'reply', 'answer', 'error', 'fail', 'failure', 'problem', 'json', 'render', 'success', 'status'] as const satisfies readonly string[];

/** First words of a call that reads a record: `findOneBy(…)`, `getUser`, `fetchAll`, `loadSettings`, `lookupTenant`. */
export const READ_NAME_WORDS = ['find', 'get', 'fetch', 'load', 'read', 'lookup', 'retrieve', 'select'] as const satisfies readonly string[];

/**
 * Methods whose failure is the answer, whatever the receiver: a parser (`yaml.parse`, `schema.parse`,
 * `qs.parse`), a decoder (`jwt.decode`, `base64.decode`), a verifier or comparer (`jwt.verify`,
 * `bcrypt.compare` — a bad token or password is the expected "no"), a validator
 * (`validator.validate`, class-validator's `validateOrReject`), a decryption (`decipher.final`).
 */
export const VERDICT_METHODS = [
  'parse', 'safeParse', 'parseAsync', 'parseJSON', 'parseJson', 'decode', 'decodeJwt', 'decodeProtectedHeader', 'verify', 'verifySync',
  'jwtVerify', 'compare', 'compareSync', 'timingSafeEqual', 'decrypt', 'decipher', 'final', 'validate', 'validateSync', 'validateOrReject',
  'assert', 'safeLoad', 'fromString', 'fromISO', 'fromJSON', 'deserialize', 'unserialize', 'toString', 'normalize', 'format',
] as const satisfies readonly string[];

/**
 * File-system reads, existence checks and removals whose failure means "not there": node:fs (sync,
 * callback and promise forms), fs-extra's `pathExists` / `readJson` / `remove`.
 */
export const FS_PROBE_METHODS = [
  'existsSync', 'statSync', 'lstatSync', 'accessSync', 'readFileSync', 'readdirSync', 'realpathSync', 'readlinkSync',
  'stat', 'lstat', 'access', 'readFile', 'readdir', 'realpath', 'readlink', 'pathExists', 'pathExistsSync', 'readJson', 'readJSON', 'readJsonSync',
  'exists', 'opendir', 'mkdir', 'mkdirSync', 'mkdtemp', 'mkdtempSync', 'remove', 'removeSync', 'emptyDir',
] as const satisfies readonly string[];

/** Receiver names and import sources that hold node:fs or a drop-in for it. */
export const FS_RECEIVERS = ['fs', 'fsp', 'fse', 'fsPromises', 'fsExtra', 'promises'] as const satisfies readonly string[];
export const FS_PACKAGES = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'fs-extra', 'graceful-fs'] as const satisfies readonly string[];

/**
 * Best-effort cleanup: closing a connection or a stream, removing a temporary file, releasing a
 * lock, killing a child process, rolling back, unsubscribing. Its failure leaves nothing for the
 * caller to act on (the resource is going away), so dropping it is a design, not a bug.
 */
export const CLEANUP_METHODS = [
  'close', 'closeSync', 'disconnect', '$disconnect', 'quit', 'end', 'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync',
  'release', 'releaseLock', 'unlock', 'abort', 'kill', 'terminate', 'removeAllListeners', 'removeListener', 'off', 'unsubscribe', 'unref',
  'stop', 'dispose', 'shutdown', 'clearTimeout', 'clearInterval', 'rollback', 'rollbackTransaction', 'abortTransaction', 'unwatch', 'detach',
  'closeAll', 'cleanup', 'cleanUp',
] as const satisfies readonly string[];

/** Names of functions (and methods) that run while something shuts down: a failure there is best-effort cleanup. */
export const SHUTDOWN_FUNCTION_NAMES = [
  'close', 'shutdown', 'stop', 'dispose', 'destroy', 'teardown', 'tearDown', 'cleanup', 'cleanUp', 'disconnect', 'quit', 'terminate',
  'onModuleDestroy', 'onApplicationShutdown', 'beforeApplicationShutdown', 'gracefulShutdown', 'onClose', 'release',
] as const satisfies readonly string[];

/**
 * Callees that hand a failure on to whoever handles it: Express / Koa `next(err)`, a promise's
 * `reject(err)`, a Node-style callback `done(err)` / `cb(err)`, Koa `ctx.throw(500)`, RxJS
 * `throwError(…)`, `process.exit(1)`.
 */
export const PASS_ON_CALLEES = ['next', 'reject', 'done', 'cb', 'callback', 'fail', 'throwError', 'throw', 'exit', 'onError', 'handleError', 'errorHandler'] as const satisfies readonly string[];

/**
 * Calls that record a failure somewhere a team looks: Sentry `captureException` / `captureMessage`,
 * OpenTelemetry `span.recordException` / `span.setStatus`, New Relic `noticeError`, Application
 * Insights `trackException`, Bugsnag `notify` on a `bugsnag` / `Bugsnag` receiver.
 */
export const ERROR_RECORDER_METHODS = ['captureException', 'captureMessage', 'captureError', 'recordException', 'setStatus', 'noticeError', 'trackException', 'reportError'] as const satisfies readonly string[];

/**
 * Fields of an error that are text only: a log line built from them keeps the message and drops
 * the stack and the cause (`err.message`, `err.name`, `err.code`, `String(err)`, `` `${err}` ``).
 */
export const ERROR_TEXT_FIELDS = ['message', 'name', 'code', 'toString', 'errno', 'status', 'statusCode', 'reason', 'description'] as const satisfies readonly string[];

/** Methods that ask a question about a text (`err.message.includes('timeout')`): a test, not a use. */
export const TEXT_TEST_METHODS = ['includes', 'startsWith', 'endsWith', 'test', 'match', 'indexOf', 'localeCompare'] as const satisfies readonly string[];

/** Comments that defer the decision rather than explain it: an empty catch commented so is still a swallowed error. */
export const DEFERRING_COMMENT_WORDS = ['todo', 'fixme', 'xxx', 'hack'] as const satisfies readonly string[];

/** Koa's status setter: `ctx.status = 500` (https://koajs.com/#response-status). */
export const RESPONSE_STATUS_TARGETS = [['ctx', 'status'], ['ctx', 'response', 'status'], ['context', 'status'], ['context', 'response', 'status']] as const satisfies readonly (readonly string[])[];

/**
 * First words of a function name that asks a question or checks an input: the failure of
 * `assertCanSeeAccount`, `verifyAuthentication`, `validateToken`, `checkCaptcha`, `parseManifest`,
 * `isHealthy` is the answer "no", which a catch turns into `false`, a 403 or a default.
 */
export const VERDICT_NAME_WORDS = ['assert', 'verify', 'validate', 'check', 'parse', 'decode', 'decrypt', 'can', 'is', 'has', 'resolve', 'lookup'] as const satisfies readonly string[];

/**
 * First words of a function name that lets go of something: `releaseLock`, `closeConnection`,
 * `unsubscribeAll`. (`cancel`, `clear`, `destroy`, `flush`, `remove` often name business writes —
 * `cancelOrder`, Sequelize `destroy()`, MikroORM `flush()` — and are not in it.)
 */
export const CLEANUP_NAME_WORDS = ['close', 'release', 'cleanup', 'dispose', 'disconnect', 'unlink', 'unsubscribe', 'unlock', 'abort', 'kill', 'stop', 'terminate', 'rollback'] as const satisfies readonly string[];

/**
 * Methods that read a request or fetch-response body (`await req.json()`, `res.text()`): called
 * without arguments they parse, and their failure means a malformed body.
 */
export const BODY_READER_METHODS = ['json', 'text', 'formData', 'arrayBuffer', 'blob'] as const satisfies readonly string[];

/**
 * Function names whose contract is not to throw (or, for `ensureXExists`, whose catch is the
 * "create it" branch, which fails loudly if the store is down): `tryGetUser`, `safeParse`, `getRevSafe`,
 * `findOrNull`, `loadOrDefault`; and health probes (`isRedisHealthy`, `checkReadiness`, `ping`),
 * whose answer to a failure is "unhealthy".
 */
export const NO_THROW_NAME_PATTERN = '^(?:try|safe|maybe|optional|ensure)[A-Z_]|Safe(?:ly)?$|Or(?:Null|Undefined|Default|False|Empty)$|[Hh]ealth|[Rr]eadiness|[Ll]iveness|^ping$';

/** Callees that build a failure value: fp-ts / Effect / neverthrow `left(…)`, `err(…)`, `Result.fail(…)`, `failure(…)`. */
export const FAILURE_CONSTRUCTORS = ['left', 'Left', 'err', 'Err', 'failure', 'Failure', 'fail', 'Fail', 'failed'] as const satisfies readonly string[];

/** Keys of a returned object that report a failure: `{ error }`, `{ success: false }`, `{ ok: false }`, `{ status: 404 }`. */
export const FAILURE_KEYS = ['error', 'errors', 'err', 'failure', 'reason', 'errorCode', 'errorMessage'] as const satisfies readonly string[];
export const SUCCESS_FLAG_KEYS = ['success', 'ok', 'succeeded', 'valid', 'isValid'] as const satisfies readonly string[];

/**
 * Words of a comment next to a catch that say its silence is meant: "best effort", "fail open",
 * "ignore", "expected", "non-critical", "we don't want to fail", "fail silently". Silence named as
 * the thing to avoid ("rather than silently dropping", "would otherwise silently fail") says the opposite.
 */
export const INTENT_COMMENT_PATTERN = "\\b(?:ignor(?:e|es|ed|ing)\\b|best[- ]effort|fail(?:s|ing)?[- ]?(?:open|safe)|swallow|intentional|expected|optional|non[- ]critical|not critical|(?:do not|don't|dont|never|must not|mustn't) (?:want to )?(?:fail|throw|block|break|crash)|should(?:n't| not) (?:fail|throw|block|break)|(?<!(?:\\b(?:would|could|will|otherwise|than|of|not|never|no)|n't)\\s(?:\\w+\\s)?)(?:silently (?:ignor|skip|drop|swallow|fail|return|continu|discard)|fail(?:s|ed|ing)? silently|silent (?:per|by) design)|fall ?back|no[- ]?op\\b|harmless|safe to|mark(?:s|ed)? (?:the )?rejection|handled|unhandled)";

/**
 * Words of a log line in a catch that state the fallback the code takes ("skipping loader", "falling
 * back to the second API", "using the default"): the failure was expected, and its stack is not what
 * anyone will need.
 */
export const FALLBACK_LOG_PATTERN = '\\b(?:skip(?:s|ping|ped)?\\b|fall(?:s|ing)? ?back|fallback|using (?:the )?defaults?|defaults? to\\b|ignor(?:e|es|ed|ing)\\b|will retry|retrying (?:later|on the next)|already exists?\\b|duplicate)';

/** Route paths of health probes: `/health`, `/_health`, `/healthz`, `/ready`, `/readyz`, `/live`, `/livez`, `/ping`, `/status`. */
export const HEALTH_ROUTE_PATTERN = '(?:^|/)_?(?:health|healthz|healthcheck|ready|readyz|readiness|live|livez|liveness|ping|status)(?:/|$)';

/**
 * Words of a function name that make it a predicate: `isServedByShare`, `canUserAccessDocument`,
 * `checkBucketExists`, `legacyVerify`. A predicate that answers `false` (or `true`) to a failure
 * gives its caller the answer it asked for.
 */
export const PREDICATE_FIRST_WORDS = ['is', 'has', 'can', 'should', 'check', 'does', 'are', 'was', 'needs'] as const satisfies readonly string[];
export const PREDICATE_ANY_WORDS = ['verify', 'validate', 'exists', 'exist', 'valid', 'allowed', 'authorized'] as const satisfies readonly string[];

/** Stream plumbing: `pipeline(…)` hands a failure to the streams it connects, whose readers see it. */
export const STREAM_PLUMBING = ['pipeline'] as const satisfies readonly string[];

/** Log levels that say a failure is expected: an `info` or `debug` note needs no stack. */
export const QUIET_LOG_METHODS = ['debug', 'info', 'verbose', 'trace', 'silly', 'http', 'log'] as const satisfies readonly string[];

/**
 * Web-standard responses a route answers with: Next.js `NextResponse.json(…)`, `Response.json(…)`,
 * `Response.redirect(…)` (https://developer.mozilla.org/docs/Web/API/Response/json_static).
 */
export const WEB_RESPONSE_CLASSES = ['Response', 'NextResponse'] as const satisfies readonly string[];

/** Test hooks: a catch inside them is test set-up or tear-down, whatever the file is called. */
export const TEST_HOOKS = ['beforeAll', 'afterAll', 'beforeEach', 'afterEach', 'describe', 'it', 'test'] as const satisfies readonly string[];
