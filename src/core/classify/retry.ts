import {
  ATTEMPT_COUNTER_SUFFIXES,
  ATTEMPT_COUNTER_WORDS,
  COCKATIEL_EXECUTE_METHOD,
  COCKATIEL_POLICY_FACTORIES,
  COCKATIEL_RECEIVER_WORDS,
  NODE_RETRY_ATTEMPT_METHOD,
  RETRY_DECORATOR_CONNECTIVES,
  RETRY_DECORATOR_WORDS,
  RETRY_HELPER_FUNCTIONS,
  RETRY_HELPER_NAME_SHAPES,
  RETRY_PACKAGES,
  type RetryLibrary,
} from '../catalogs/retry.js';
import type { ChainFact, ChainSegment, ResolveDeclaredIn, ValueFact } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { lastName, matchesNamePattern, nameParts, packageNameOf } from './names.js';

export type { RetryLibrary } from '../catalogs/retry.js';

export interface RetryHelperMatch {
  readonly library: RetryLibrary;
  /** Index, in the called segment's arguments, of the function that is retried. */
  readonly callbackArgIndex: number;
  /** Index of the options argument (`{ retries: 3 }`), when there is one. */
  readonly optionsArgIndex?: number;
}

const ATTEMPT_WORDS: ReadonlySet<string> = new Set(ATTEMPT_COUNTER_WORDS);
const ATTEMPT_SUFFIXES: ReadonlySet<string> = new Set(ATTEMPT_COUNTER_SUFFIXES);
/** Libraries whose default export is itself the retrying function. */
const FUNCTION_LIBRARIES: ReadonlySet<RetryLibrary> = new Set(['p-retry', 'async-retry', 'promise-retry']);

function libraryOfPackage(name: string | undefined): RetryLibrary | undefined {
  return name !== undefined && Object.hasOwn(RETRY_PACKAGES, name) ? RETRY_PACKAGES[name as keyof typeof RETRY_PACKAGES] : undefined;
}

function isCallable(value: ValueFact | undefined, acceptNamed: boolean): boolean {
  if (value === undefined) return false;
  return value.kind === 'function' || (acceptNamed && (value.kind === 'identifier' || value.kind === 'member'));
}

/** Where the retried function and the options are: `(fn, opts)` or `(opts, fn)`. */
function callbackPosition(args: readonly ValueFact[], acceptNamed: boolean): Omit<RetryHelperMatch, 'library'> | undefined {
  const [first, second] = args;
  if (first?.kind === 'object' && isCallable(second, acceptNamed)) return { callbackArgIndex: 1, optionsArgIndex: 0 };
  if (!isCallable(first, acceptNamed)) return undefined;
  return second === undefined ? { callbackArgIndex: 0 } : { callbackArgIndex: 0, optionsArgIndex: 1 };
}

/** `true` for names shaped like a retry helper (`withRetry`, `retryWithBackoff`), see the catalog. */
function hasHelperShape(name: string): boolean {
  const parts = nameParts(name);
  const [first, second] = parts;
  const last = parts[parts.length - 1];
  if (first === 'with' && parts.length > 1) return (RETRY_HELPER_NAME_SHAPES.withSuffixes as readonly string[]).includes(last ?? '');
  return first === 'retry' && second !== undefined && (RETRY_HELPER_NAME_SHAPES.retryConnectives as readonly string[]).includes(second);
}

function calleePath(segments: readonly ChainSegment[]): string {
  return segments.map((segment) => segment.name).join('.');
}

/** cockatiel's `policy.execute(fn)`: a receiver built by `retry(…)` / `wrap(…)` or named like a policy. */
function isCockatielReceiver(receiver: readonly ChainSegment[]): boolean {
  if (receiver.some((segment) => segment.call !== undefined && (COCKATIEL_POLICY_FACTORIES as readonly string[]).includes(segment.name))) return true;
  const last = receiver[receiver.length - 1];
  if (last === undefined || last.call !== undefined) return false;
  const name = lastName(receiver.map((segment) => segment.name));
  return name !== undefined && nameParts(name).some((part) => (COCKATIEL_RECEIVER_WORDS as readonly string[]).includes(part));
}

/** node-retry's `operation.attempt(fn)`, on `retry.operation(…)` or a receiver named `*operation*`. */
function isNodeRetryReceiver(receiver: readonly ChainSegment[], imported: RetryLibrary | undefined): boolean {
  if (imported === 'retry') return true;
  if (receiver.some((segment) => segment.call !== undefined && segment.name === 'operation')) return true;
  const name = lastName(receiver.map((segment) => segment.name));
  return name !== undefined && nameParts(name).includes('operation');
}

/**
 * Recognises a call that runs a function again when it fails, and says which argument is the
 * retried function: `pRetry(fn, opts)`, `retry(fn, opts)` (async-retry), `promiseRetry(fn, opts)` /
 * `promiseRetry(opts, fn)`, `backOff(fn, opts)`, cockatiel `policy.execute(fn)` /
 * `retry(handleAll, {…}).execute(fn)` / `wrap(…).execute(fn)`, node-retry `operation.attempt(fn)`,
 * helpers named `withRetry`, `withRetries`, `retryable`, `retryAsync`, `retryWithBackoff`, … and
 * `settings.retry.helpers` (name or dotted callee, `*` wildcards).
 *
 * The import of the chain's root (`rootImport`) or, typed, the declaring package names the
 * library; a default export imported under any name (`import again from 'p-retry'`) counts.
 * Look-alikes: `retryCount()`, `retryAfterHeader()`, `getRetryDelay()` are not helpers;
 * cockatiel's `retry(handleAll, opts)` builds a policy and only its `.execute(fn)` retries; RxJS
 * `retry(3)` and Bull `job.retry()` have no callback; a member call named `retry` needs a
 * function literal (`this.retry(() => …)`), since `queue.retry(jobId)` is not a helper.
 * @param resolve where the member at a segment index is declared (typed mode only).
 */
export function classifyRetryHelperCall(chain: ChainFact, settings: BackendPatternsSettings, resolve?: ResolveDeclaredIn): RetryHelperMatch | undefined {
  const segments = chain.segments;
  const index = segments.length - 1;
  const last = segments[index];
  if (last?.call === undefined || last.name === '') return undefined;
  const args = last.call.args;
  const receiver = segments.slice(0, index);
  const imported = libraryOfPackage(packageNameOf(chain.rootImport));
  const declared = resolve?.(index);
  const typed = declared?.unresolved === true ? undefined : libraryOfPackage(declared?.package === undefined ? undefined : packageNameOf(declared.package));
  const known = typed ?? imported;

  if (last.name === COCKATIEL_EXECUTE_METHOD && index >= 1) {
    if (known !== 'cockatiel' && !isCockatielReceiver(receiver)) return undefined;
    const position = callbackPosition(args, true);
    return position === undefined ? undefined : { library: 'cockatiel', ...position };
  }
  if (last.name === NODE_RETRY_ATTEMPT_METHOD && index >= 1) {
    if (!isNodeRetryReceiver(receiver, known)) return undefined;
    const position = callbackPosition(args, true);
    return position === undefined ? undefined : { library: 'retry', ...position };
  }
  // cockatiel's `retry(handleAll, …)` and node-retry's module object build policies; they retry nothing.
  if (known === 'cockatiel' || known === 'retry') return undefined;
  const first = args[0];
  if (first !== undefined && (first.kind === 'identifier' || first.kind === 'member') && /^handle[A-Z]/.test(lastName(first.kind === 'identifier' ? [first.name] : first.path) ?? '')) {
    return undefined;
  }

  const path = calleePath(segments);
  const configured = settings.retry.helpers.some((pattern) => matchesNamePattern(pattern.includes('.') ? path : last.name, pattern));
  const catalogued = Object.hasOwn(RETRY_HELPER_FUNCTIONS, last.name) ? RETRY_HELPER_FUNCTIONS[last.name as keyof typeof RETRY_HELPER_FUNCTIONS] : undefined;
  const renamedDefault = index === 0 && known !== undefined && FUNCTION_LIBRARIES.has(known);
  if (!configured && catalogued === undefined && !renamedDefault && !hasHelperShape(last.name)) return undefined;

  const acceptNamed = configured || renamedDefault || index === 0 || last.name !== 'retry';
  const position = callbackPosition(args, acceptNamed);
  if (position === undefined) return undefined;
  const library: RetryLibrary = known ?? catalogued?.library ?? 'custom';
  return { library, ...position };
}

/**
 * `true` for decorators that retry the decorated method: `Retry`, `Retryable`, `Retriable`, and
 * `Retry` + a connective (`RetryOnFail`, `RetryOnError`, `RetryWhen`); a namespace prefix is
 * ignored (`Resilience.Retry`). `RetryCount`, `RetryAfter`, `NoRetry` are not.
 */
export function isRetryDecoratorName(name: string): boolean {
  const parts = nameParts(name.slice(name.lastIndexOf('.') + 1));
  const [first, second] = parts;
  if (first === undefined || !(RETRY_DECORATOR_WORDS as readonly string[]).includes(first)) return false;
  return second === undefined || (first === 'retry' && (RETRY_DECORATOR_CONNECTIVES as readonly string[]).includes(second));
}

/**
 * `true` for names of an attempt counter or retry budget: an attempt word (`attempt`, `retries`,
 * `tries`, `remaining`, `backoff`) last or followed only by count words (`retryCount`,
 * `attemptNumber`, `triesLeft`, `maxRetries`, `remainingAttempts`). `retryQueue`, `retryDelay`,
 * `retryAfter`, `i` and `n` are not.
 */
export function isAttemptCounterName(name: string): boolean {
  const parts = nameParts(name);
  const at = parts.findIndex((part) => ATTEMPT_WORDS.has(part));
  if (at === -1) return false;
  return parts.slice(at + 1).every((part) => ATTEMPT_WORDS.has(part) || ATTEMPT_SUFFIXES.has(part) || /^\d+$/.test(part));
}

/**
 * What an engine knows about a loop, for `isRetryLoop`. The ESLint and ts-morph adapters fill it
 * from the loop statement and its body (nested functions excluded).
 */
export interface RetryLoopFacts {
  readonly loopKind: 'for' | 'for-of' | 'for-in' | 'for-await-of' | 'while' | 'do-while';
  /** `while (true)`, `for (;;)`, `do … while (true)`. */
  readonly infinite: boolean;
  /** Variables updated by `++`, `--`, `+=`, `-=` in the update clause or the body. */
  readonly counterNames: readonly string[];
  /** `for…of` / `for…in` loop variables (`attempt` in `for (const attempt of [1, 2, 3])`). */
  readonly bindingNames?: readonly string[];
  /** Identifiers read in the loop's test (`attempt`, `maxRetries`, `done`). */
  readonly conditionNames: readonly string[];
  /** The body has a `try` with a `catch` (directly, not in a nested function). */
  readonly hasTry: boolean;
  /** The `try` block ends in `return` or `break` (success leaves the loop). */
  readonly tryExitsOnSuccess: boolean;
  /** The `catch` lets the loop go round again (`continue`, or falls through to the loop's end). */
  readonly catchContinues: boolean;
  /** Every path through the `catch` rethrows (or returns / breaks): the error is never retried. */
  readonly catchRethrowsAlways: boolean;
  /** A counter indexes a collection in the body (`items[i]`). */
  readonly counterUsedAsIndex: boolean;
  /** The loop walks a collection (`for…of`, `for…in`, `i < items.length`). */
  readonly iteratesCollection: boolean;
}

/**
 * `true` for a hand-written retry loop (SPEC §3 "retry construct"): a loop whose `catch` goes round
 * again to re-attempt the same operation — with an attempt counter (`attempt < maxRetries`,
 * `retries++`), or leaving the loop on success (`while (true) { try { return await op() } catch {…} }`,
 * `for (let i = 0; i < 3; i++) { try { …; break } catch {} }`).
 *
 * Not a retry: no `try`, a `catch` that always rethrows / leaves, a loop over items whose `catch`
 * moves on to the next item (`for…of`, a counter used as an index, `i < items.length`) unless its
 * loop variable is an attempt (`for (const attempt of [1, 2, 3])`), and a worker loop that neither
 * counts attempts nor leaves on success (`while (true) { const job = await next(); try {…} catch {} }`).
 */
export function isRetryLoop(facts: RetryLoopFacts): boolean {
  if (!facts.hasTry || facts.catchRethrowsAlways || !facts.catchContinues) return false;
  if (facts.counterUsedAsIndex) return false;
  const countsAttempts = facts.counterNames.some(isAttemptCounterName) || (facts.bindingNames ?? []).some(isAttemptCounterName);
  const overItems = facts.iteratesCollection || facts.loopKind === 'for-of' || facts.loopKind === 'for-in' || facts.loopKind === 'for-await-of';
  if (overItems) return countsAttempts;
  if (countsAttempts || facts.conditionNames.some(isAttemptCounterName)) return true;
  return facts.tryExitsOnSuccess;
}
