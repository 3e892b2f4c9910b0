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
