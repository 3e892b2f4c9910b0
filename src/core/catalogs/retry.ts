/**
 * What a retry construct looks like: helper libraries, decorators, attempt-counter words. Plain
 * data; `classify/retry.ts` matches it.
 */

export type RetryLibrary = 'p-retry' | 'async-retry' | 'promise-retry' | 'exponential-backoff' | 'cockatiel' | 'retry' | 'custom';

/** npm packages of retry helpers, by import specifier. */
export const RETRY_PACKAGES = {
  'p-retry': 'p-retry',
  'async-retry': 'async-retry',
  'promise-retry': 'promise-retry',
  'exponential-backoff': 'exponential-backoff',
  cockatiel: 'cockatiel',
  retry: 'retry',
} as const satisfies Readonly<Record<string, RetryLibrary>>;

interface RetryHelper {
  readonly library: RetryLibrary;
  /** Accept a named function (`pRetry(run)`) as the retried callback, not only a function literal. */
  readonly acceptsNamedCallback: boolean;
}

/**
 * Functions that run their callback again when it fails, by the name they are usually imported as:
 * `pRetry(fn, opts)` (https://github.com/sindresorhus/p-retry#api),
 * `retry(fn, opts)` (async-retry's default export, https://github.com/vercel/async-retry#api),
 * `promiseRetry(fn, opts)` or `promiseRetry(opts, fn)` (https://github.com/IndigoUnited/node-promise-retry#usage),
 * `backOff(fn, opts)` (https://github.com/coveooss/exponential-backoff#usage),
 * and the usual names of hand-written helpers. A bare `retry` is also RxJS's operator
 * (`retry(3)`) and Bull's `job.retry()`: the callback shape tells them apart, and a member call
 * `x.retry(…)` needs a function literal.
 */
export const RETRY_HELPER_FUNCTIONS = {
  pRetry: { library: 'p-retry', acceptsNamedCallback: true },
  retry: { library: 'custom', acceptsNamedCallback: true },
  asyncRetry: { library: 'async-retry', acceptsNamedCallback: true },
  promiseRetry: { library: 'promise-retry', acceptsNamedCallback: true },
  backOff: { library: 'exponential-backoff', acceptsNamedCallback: true },
  withRetry: { library: 'custom', acceptsNamedCallback: true },
  withRetries: { library: 'custom', acceptsNamedCallback: true },
  withBackoff: { library: 'custom', acceptsNamedCallback: true },
  retryable: { library: 'custom', acceptsNamedCallback: true },
  retryAsync: { library: 'custom', acceptsNamedCallback: true },
  retryPromise: { library: 'custom', acceptsNamedCallback: true },
  retryWithBackoff: { library: 'custom', acceptsNamedCallback: true },
} as const satisfies Readonly<Record<string, RetryHelper>>;

/**
 * Helper names by shape: `with…Retry/Retries/Backoff` (`withExponentialBackoff`) and
 * `retry` + a connective (`retryWithJitter`, `retryOnError`, `retryAsync`). `retryCount`,
 * `retryAfterHeader`, `getRetryDelay` do not fit.
 */
export const RETRY_HELPER_NAME_SHAPES = {
  withSuffixes: ['retry', 'retries', 'backoff'],
  retryConnectives: ['with', 'async', 'promise', 'until', 'on', 'when', 'if', 'fn', 'function', 'operation'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/**
 * cockatiel runs the retried function through `policy.execute(fn)`
 * (https://github.com/connor4312/cockatiel#policyexecute): on `retry(handleAll, {…})`,
 * `wrap(…)`, the fluent `Policy.handleAll().retry()…` and receivers named like a policy.
 */
export const COCKATIEL_EXECUTE_METHOD = 'execute';
export const COCKATIEL_POLICY_FACTORIES = ['retry', 'wrap'] as const satisfies readonly string[];
/** cockatiel policies other than `retry` that also take a handler first (`circuitBreaker(handleAll, …)`). */
export const COCKATIEL_OTHER_POLICIES = ['circuitBreaker', 'timeout', 'bulkhead', 'fallback', 'wrap'] as const satisfies readonly string[];
export const COCKATIEL_RECEIVER_WORDS = ['policy', 'retry', 'retrier', 'resilience'] as const satisfies readonly string[];

/**
 * node-retry runs the retried function through `operation.attempt(fn)` after
 * `retry.operation(opts)` (https://github.com/tim-kos/node-retry#retryoperationoptions).
 */
export const NODE_RETRY_ATTEMPT_METHOD = 'attempt';

/**
 * Decorators that retry the decorated method: `@Retry()` / `@Retryable()` (typescript-retry-decorator,
 * https://github.com/vcfvct/typescript-retry-decorator; NestJS community packages; Spring-style
 * `@Retryable`), and `@Retry…` + a connective (`@RetryOnFail`, `@RetryOnError`, `@RetryWhen`).
 */
export const RETRY_DECORATOR_WORDS = ['retry', 'retryable', 'retriable'] as const satisfies readonly string[];
export const RETRY_DECORATOR_CONNECTIVES = ['on', 'when', 'if', 'until', 'with'] as const satisfies readonly string[];

/**
 * Words that name an attempt counter or a retry budget, matched on name parts: `attempt`,
 * `attempts`, `retry`, `retries`, `tries`, `tryCount`, `retryCount`, `remainingAttempts`,
 * `remaining`, `backoff`. `i`, `n` and other loop indexes are not attempt counters by name.
 */
export const ATTEMPT_COUNTER_WORDS = ['attempt', 'attempts', 'retry', 'retries', 'retried', 'retrying', 'tries', 'try', 'tried', 'remaining', 'backoff'] as const satisfies readonly string[];

/**
 * Words that may follow an attempt word and still name a counter or a budget (`retryCount`,
 * `attemptNumber`, `triesLeft`); any other last word names something else (`retryQueue`,
 * `retryDelay`, `retryAfter`).
 */
export const ATTEMPT_COUNTER_SUFFIXES = ['count', 'counter', 'number', 'num', 'no', 'left', 'max', 'limit', 'remaining', 'total', 'index', 'idx', 'budget', 'allowed', 'so', 'far', 'made', 'done', 'n'] as const satisfies readonly string[];

/**
 * Functions that wait before the next attempt, matched on name parts: `sleep(ms)`, `delay(ms)`,
 * `wait(ms)`, `pause(ms)`, `backoff(attempt)`, `sleepMs(ms)`, `exponentialBackoff(attempt)`,
 * `setTimeout(fn, ms)` / `new Promise((r) => setTimeout(r, ms))`, and `setTimeout(ms)` of
 * `node:timers/promises` (https://nodejs.org/api/timers.html#timerspromisessettimeoutdelay-value-options).
 */
export const DELAY_FUNCTION_WORDS = ['sleep', 'msleep', 'usleep', 'delay', 'wait', 'pause', 'backoff', 'snooze'] as const satisfies readonly string[];
/** Words that may accompany a delay word in a delay function's name (`sleepMs`, `delayWithJitter`, `exponentialBackoff`, `setDelay`). */
export const DELAY_FUNCTION_COMPANIONS = ['set', 'ms', 'millis', 'seconds', 'for', 'with', 'jitter', 'async', 'exponential', 'random', 'jittered', 'retry', 'before', 'next', 'attempt', 'a', 'bit'] as const satisfies readonly string[];
/** Methods of a wait object that wait (`wait.for({ seconds: 5 })`, `wait.until(date)`), see `delayNameOf`. */
export const DELAY_METHODS = ['for', 'until'] as const satisfies readonly string[];
/** The keys of a duration object a wait takes (`wait.for({ seconds: 5 })`); other keys (`idempotencyKey`) are no part of the wait. */
export const DURATION_KEYS = ['ms', 'milliseconds', 'seconds', 'minutes', 'hours', 'days', 'weeks'] as const satisfies readonly string[];
export const TIMER_FUNCTIONS = ['setTimeout', 'setTimeoutPromise'] as const satisfies readonly string[];
/** Promises of a timer when awaited alone with one argument (`await timeout(ms);`, `await timer(700);`), see `delayArgumentIndex`. */
export const AWAITED_TIMER_FUNCTIONS = ['timeout', 'timer'] as const satisfies readonly string[];

/**
 * How each retry library is told to retry forever or without backoff, by option name:
 * p-retry / async-retry / promise-retry / node-retry take node-retry's options
 * (`retries`, `forever`, `factor`, `minTimeout`, `maxTimeout`; https://github.com/tim-kos/node-retry#retrytimeoutsoptions),
 * exponential-backoff takes `numOfAttempts` and `timeMultiple`
 * (https://github.com/coveooss/exponential-backoff#ibackoffoptions), cockatiel's `retry(handler, { maxAttempts, backoff })`
 * takes a backoff object, of which `ConstantBackoff` does not grow
 * (https://github.com/connor4312/cockatiel#backoffs).
 */
export interface RetryOptionNames {
  /** Options whose value `Infinity` means "retry forever". */
  readonly attempts: readonly string[];
  /** Boolean options that mean "retry forever". */
  readonly forever: readonly string[];
  /** Growth factor options; `1` means a constant delay. */
  readonly factor: readonly string[];
  /** `[min, max]` delay options; equal values mean a constant delay. */
  readonly minMax?: readonly [string, string];
  /** Option holding a backoff object (`new ConstantBackoff(…)`). */
  readonly backoffObject?: string;
}

const NODE_RETRY_OPTIONS: RetryOptionNames = { attempts: ['retries'], forever: ['forever'], factor: ['factor'], minMax: ['minTimeout', 'maxTimeout'] };

export const RETRY_OPTION_NAMES = {
  'p-retry': NODE_RETRY_OPTIONS,
  'async-retry': NODE_RETRY_OPTIONS,
  'promise-retry': NODE_RETRY_OPTIONS,
  retry: NODE_RETRY_OPTIONS,
  'exponential-backoff': { attempts: ['numOfAttempts'], forever: [], factor: ['timeMultiple'], minMax: ['startingDelay', 'maxDelay'] },
  cockatiel: { attempts: ['maxAttempts'], forever: [], factor: ['exponent'], backoffObject: 'backoff' },
} as const satisfies Readonly<Partial<Record<RetryLibrary, RetryOptionNames>>>;

/** cockatiel backoffs that wait the same time before every attempt. */
export const CONSTANT_BACKOFF_CLASSES = ['ConstantBackoff', 'NoBackoff'] as const satisfies readonly string[];
/** node-retry builds its retry policy with `retry.operation(opts)` / `retry.timeouts(opts)`. */
export const NODE_RETRY_POLICY_METHODS = ['operation', 'timeouts', 'createTimeout'] as const satisfies readonly string[];

/**
 * Words of a function whose result is a new candidate for the next round, not the same operation
 * again (`getAvailablePort()`, `randomElement(hosts)`, `pickReplica()`, `nextEndpoint()`): a loop
 * that tries one candidate after another is a search or a failover, not a retry.
 */
export const CANDIDATE_PICKER_WORDS = ['available', 'free', 'unused', 'random', 'next', 'pick', 'choose', 'select', 'candidate', 'another', 'alternate', 'alternative', 'fallback'] as const satisfies readonly string[];

/**
 * Calls that return what the person at the terminal types (`await readline()`, `rl.question(…)`),
 * by the called name exactly: `buildPrompt(text)` or `getQuestion(id)` make a value, they do not
 * ask for one, and a method named `prompt` is as often an LLM client's (`llm.prompt(…)`).
 */
export const TERMINAL_PROMPT_CALLS = ['readline', 'question'] as const satisfies readonly string[];

/**
 * Errors after which the failed statement is known not to have been applied, by the words of the
 * code that tests for them (split at case changes and punctuation, lower case):
 * - `lock`: lock waits, deadlocks, serialization failures and busy databases — Prisma `P2034`
 *   (https://www.prisma.io/docs/orm/reference/error-reference#p2034), PostgreSQL `40001` / `40P01`
 *   (https://www.postgresql.org/docs/current/errcodes-appendix.html), MySQL `ER_LOCK_DEADLOCK` /
 *   `ER_LOCK_WAIT_TIMEOUT`, SQLite `SQLITE_BUSY` / `SQLITE_LOCKED`
 *   (https://www.sqlite.org/rescode.html#busy), MongoDB `WriteConflict`;
 * - `conflict`: a unique-constraint violation or a failed compare-and-swap — Prisma `P2002`,
 *   PostgreSQL `23505`, MySQL `ER_DUP_ENTRY`, MongoDB `E11000`, Sequelize
 *   `UniqueConstraintError`, an `InvalidSwapError`: the optimistic-concurrency signal to re-read
 *   and try again.
 */
export const NOT_APPLIED_ERROR_WORDS = {
  lock: ['deadlock', 'deadlocked', 'deadlocks', 'serialization', 'serialisation', 'serializable', 'busy', 'locked', 'p2034', '40001', '40p01', 'er_lock_deadlock', 'er_lock_wait_timeout', 'lock_timeout', 'lock_not_available', '55p03'],
  conflict: ['unique', 'p2002', '23505', 'er_dup_entry', 'duplicate', 'e11000', '11000', 'swap', 'cas'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/**
 * HTTP statuses that say the resource is not ready yet rather than that the server is failing or
 * overloaded: 404 (not created yet), 409 (its state does not allow the request yet, e.g. still
 * processing), 425 Too Early. A retry on only these polls for a state change.
 */
export const NOT_READY_HTTP_STATUSES = ['404', '409', '425'] as const satisfies readonly string[];

/** Word pairs that name a lock error only together (`WriteConflict`, `lockWaitTimeout`, `TRANSACTION_DEADLOCK`). */
export const NOT_APPLIED_ERROR_PAIRS = {
  lock: [['write', 'conflict'], ['lock', 'wait'], ['lock', 'timeout'], ['transaction', 'timeout']],
  conflict: [['dup', 'entry'], ['version', 'conflict'], ['optimistic', 'lock'], ['optimistic', 'concurrency']],
} as const satisfies Readonly<Record<string, readonly (readonly [string, string])[]>>;
