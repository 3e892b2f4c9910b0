import {
  ATTEMPT_COUNTER_SUFFIXES,
  CANDIDATE_PICKER_WORDS,
  TERMINAL_PROMPT_CALLS,
  NOT_APPLIED_ERROR_PAIRS,
  NOT_APPLIED_ERROR_WORDS,
  NOT_READY_HTTP_STATUSES,
  CONSTANT_BACKOFF_CLASSES,
  DELAY_FUNCTION_COMPANIONS,
  DELAY_FUNCTION_WORDS,
  DELAY_METHODS,
  DURATION_KEYS,
  NODE_RETRY_POLICY_METHODS,
  RETRY_OPTION_NAMES,
  TIMER_FUNCTIONS,
  AWAITED_TIMER_FUNCTIONS,
  type RetryOptionNames,
  ATTEMPT_COUNTER_WORDS,
  COCKATIEL_EXECUTE_METHOD,
  COCKATIEL_OTHER_POLICIES,
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
import { lastName, matchesNamePattern, mayMentionPattern, mentionsAnyWord, nameParts, packageNameOf } from './names.js';
import { isReadOrFailName } from './query.js';

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

/** Lower-case words every retry helper, retry package, cockatiel policy (`retry(…)`, `wrap(…)` receivers) or node-retry operation is written with. */
const RETRY_TEXT_WORDS = ['retr', 'backoff', 'policy', 'resilience', 'cockatiel', 'operation', ...COCKATIEL_POLICY_FACTORIES.map((name) => name.toLowerCase())];
const mentionsRetryWord = mentionsAnyWord(RETRY_TEXT_WORDS);

/**
 * Cheap pre-filter on a file's text: can any call in it be a retry helper or a retry decorator
 * ({@link classifyRetryHelperCall}, {@link isRetryDecoratorName})? Every built-in helper name,
 * package and receiver word contains one of a few words; `settings.retry.helpers` patterns add
 * their literal pieces. Name-based only: typed linting, which recognises helpers by their declaring
 * package under any name, does not use it.
 */
export function mayMentionRetryHelper(text: string, settings: BackendPatternsSettings): boolean {
  if (mentionsRetryWord(text)) return true;
  if (settings.retry.helpers.length === 0) return false;
  const lower = text.toLowerCase();
  // A dotted helper (`Resilient.run`) is matched against the callee path, which the code may break across lines.
  return settings.retry.helpers.some((pattern) => mayMentionPattern(lower, pattern, /[*.]/));
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
  const path = calleePath(segments);
  const configured = settings.retry.helpers.some((pattern) => matchesNamePattern(pattern.includes('.') ? path : last.name, pattern));
  const catalogued = Object.hasOwn(RETRY_HELPER_FUNCTIONS, last.name) ? RETRY_HELPER_FUNCTIONS[last.name as keyof typeof RETRY_HELPER_FUNCTIONS] : undefined;
  const isPolicyMethod = index >= 1 && (last.name === COCKATIEL_EXECUTE_METHOD || last.name === NODE_RETRY_ATTEMPT_METHOD);
  // Cheap rejection before any typed look-up: `app.get(path, handler)` can be no retry helper.
  if (!isPolicyMethod && !configured && catalogued === undefined && index !== 0 && !hasHelperShape(last.name)) return undefined;

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
  /** Waits in the body (`await sleep(ms)`, `new Promise((r) => setTimeout(r, ms))`), for `retryLoopBackoff`. */
  readonly delays?: readonly RetryDelayFact[];
  /** Assignments in the body (`delay *= 2` as `delay = delay * 2`, `const wait = base * 2 ** attempt`), in source order. */
  readonly assignments?: readonly { readonly name: string; readonly value: ValueFact }[];
  /** Identifiers read by the test of an `if` whose consequent leaves the loop (`if (attempt >= max) throw err`). */
  readonly guardNames?: readonly string[];
  /**
   * Every `try` sits directly in the loop's body. False when the only `try` is nested in a branch
   * (a parser's decode fallback deep in an `if`); absent when the engine does not say.
   */
  readonly tryAtTopLevel?: boolean;
  /**
   * The `try` block ends by leaving the loop on every path (`return await op()`, `…; break`).
   * False when it leaves only on some paths (`if (short) break;` of a batch drain); absent when
   * the engine does not say, and then `tryExitsOnSuccess` decides.
   */
  readonly tryAlwaysExits?: boolean;
  /** The loop's test assigns (`while ((job = queue.next()))`, `while ((pending = map.get(key)))`): it walks values. */
  readonly testAssigns?: boolean;
  /**
   * Values taken before the `try` in each round and used in it, with the name of the function that
   * produced them (`const port = await getAvailablePort()`, `const client = randomElement(clients)`).
   */
  readonly freshValues?: readonly { readonly name: string; readonly from: string; readonly inTry?: boolean }[];
  /** Identifiers the `catch` passes to calls or assigns from (`remaining = without(remaining, client)`, `tried.add(port)`). */
  readonly catchReads?: readonly string[];
  /** Names the `catch` steps by a number (`uid++`, `port += 1`) that the `try` hands to an awaited call (`insertOne({ _id: uid })`): the next value to try. */
  readonly catchSteps?: readonly string[];
  /** Assignments made under an `if` / `else`, with the identifiers of the tests that guard them (`doneError = err` under `if (willRetry)`). */
  readonly guardedAssignments?: readonly { readonly name: string; readonly guardNames: readonly string[] }[];
  /** Words of the error tests in the `catch` (`err.code === 'P2034'`, `err instanceof UniqueConstraintError`), see {@link notAppliedErrorKind}. */
  readonly catchFilterWords?: readonly string[];
  /**
   * The calls the `try` awaits (not in nested functions), for {@link pollsForRecord}: the callee's
   * last name, whether the query judgement names the call a read, and whether it runs a function
   * of this file that throws when the row a query read is absent
   * (`const order = await this.orders.findOne(…); if (!order) throw new OrderNotFoundError(id)`).
   * Absent when the engine does not say.
   */
  readonly attemptedCalls?: readonly { readonly name: string; readonly queryRead: boolean; readonly throwsWhenAbsent: boolean }[];
  /** A `try` of the body awaits or yields (nested functions aside); absent when the engine does not say. */
  readonly tryAwaits?: boolean;
}

/** One wait between attempts. */
export interface RetryDelayFact {
  /** The delay argument (`ms` of `sleep(ms)`, of `setTimeout(fn, ms)`); undefined when there is none (`await backoff()`). */
  readonly ms: ValueFact | undefined;
  /** Identifiers used as a computed index in the delay (`DELAYS[attempt]`, a schedule). */
  readonly indexNames: readonly string[];
  /** Counters passed on with `++` / `--` inside the delay (`backoffMs(retries++, max)`), which a value fact does not show. */
  readonly updatedNames?: readonly string[];
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
  if (facts.counterUsedAsIndex || facts.tryAtTopLevel === false || facts.testAssigns === true) return false;
  if (triesNewCandidates(facts)) return false;
  const countsAttempts = facts.counterNames.some(isAttemptCounterName) || (facts.bindingNames ?? []).some(isAttemptCounterName);
  const overItems = facts.iteratesCollection || facts.loopKind === 'for-of' || facts.loopKind === 'for-in' || facts.loopKind === 'for-await-of';
  // Over items, a counter is an attempt count only when success leaves the loop, or the loop walks
  // the attempts themselves (`for (const attempt of [1, 2, 3])`): `retried += 1` of a sweep that
  // retries each failed job once and moves on counts jobs, not attempts.
  if (overItems) return countsAttempts && (facts.tryExitsOnSuccess || (facts.bindingNames ?? []).some(isAttemptCounterName));
  if (countsAttempts || facts.conditionNames.some(isAttemptCounterName)) return true;
  return facts.tryAlwaysExits ?? facts.tryExitsOnSuccess;
}

/**
 * A loop that takes a new candidate each round and tries it (`getAvailablePort()`, a random
 * replica, the next host, what the user types at a prompt) is a search or a failover, not a retry
 * of the same operation: the value comes from a picker (see the catalog), the `catch` rules the
 * failed one out (`remaining = without(remaining, client)`), or, after a duplicate key, it steps
 * the value the `try` uses to the next one (`uid++`), an attempt counter aside. A prompt's answer
 * counts before the `try` or first in it; a picker's only before it.
 */
export function triesNewCandidates(facts: RetryLoopFacts): boolean {
  // `catch (e) { if (e.code === 11000) { uid++; continue } throw e }`: after a duplicate key, the next id, not the same insert again.
  if (notAppliedErrorKind(facts.catchFilterWords ?? []) === 'conflict' && (facts.catchSteps ?? []).some((name) => !isAttemptCounterName(name))) return true;
  const catchReads = new Set(facts.catchReads ?? []);
  return (facts.freshValues ?? []).some(
    ({ name, from, inTry }) => (TERMINAL_PROMPT_CALLS as readonly string[]).includes(from) ||
      (inTry !== true && (catchReads.has(name) || nameParts(from).some((part) => (CANDIDATE_PICKER_WORDS as readonly string[]).includes(part)))),
  );
}

/** Lower-case words of code text: `SQLITE_BUSY` → sqlite, busy; `UniqueConstraintError` → unique, constraint, error. */
function codeWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * Which errors a retry is filtered on, judged from the words of the code that decides (the tests
 * in a `catch`, a retry helper's name or its retry predicate): `lock` (deadlock, serialization
 * failure, busy or locked database, `P2034`, `SQLITE_BUSY`), `conflict` (unique-constraint
 * violation or failed compare-and-swap, `P2002`, `UniqueConstraintError`), or undefined. After
 * either error the failed statement was not applied, so running it again cannot apply it twice.
 * `lock` wins when both appear.
 */
export function notAppliedErrorKind(texts: readonly string[]): 'lock' | 'conflict' | undefined {
  const words = texts.flatMap(codeWords);
  const joined = new Set(words.map((word, index) => `${word}_${words[index + 1] ?? ''}`));
  // Codes written with an underscore (`ER_LOCK_DEADLOCK`) are matched on the whole text too.
  const whole = texts.map((text) => text.toLowerCase());
  const has = (kind: keyof typeof NOT_APPLIED_ERROR_WORDS): boolean =>
    NOT_APPLIED_ERROR_WORDS[kind].some((word) => words.includes(word) || (word.includes('_') && whole.some((text) => text.includes(word)))) ||
    NOT_APPLIED_ERROR_PAIRS[kind].some(([first, second]) => joined.has(`${first}_${second}`));
  if (has('lock')) return 'lock';
  return has('conflict') ? 'conflict' : undefined;
}

/**
 * Is a retry filtered on HTTP statuses that all say "not ready yet" ({@link NOT_READY_HTTP_STATUSES}:
 * `if (err.response?.status === 409) { await sleep(1000); continue; } throw err`)? Such a loop polls
 * for a state change of one resource (an account still processing, a record not yet replicated);
 * the pace of a poll is the caller's choice, not relief for an overloaded server. Any other status
 * among the tests (`429`, `503`) makes it a retry again.
 */
export function retriesOnlyNotReady(texts: readonly string[]): boolean {
  const statuses = texts.flatMap(codeWords).filter((word) => /^[1-5]\d\d$/.test(word));
  return statuses.length > 0 && statuses.every((status) => (NOT_READY_HTTP_STATUSES as readonly string[]).includes(status));
}

/**
 * Does every attempt only look a record up and fail when it is not there: a query read named
 * `…OrThrow` / `…OrFail` ({@link isReadOrFailName}: `repo.findOneOrFail(id)`), or a function of
 * this file that throws when the row a query read is absent? Such a loop polls for a record
 * another transaction or replica is still writing, like a poll on a not-ready HTTP status
 * ({@link retriesOnlyNotReady}): the pace of a poll is the caller's choice, not relief for an
 * overloaded server. A write, an HTTP call or any other call among the attempts makes it a retry.
 */
export function pollsForRecord(facts: RetryLoopFacts): boolean {
  const calls = facts.attemptedCalls ?? [];
  return calls.length > 0 && calls.every((call) => call.throwsWhenAbsent || (call.queryRead && isReadOrFailName(call.name)));
}

/** Math helpers that keep the growth of what they wrap (`Math.min(delay * 2, max)`). */
const MATH_WRAPPERS: ReadonlySet<string> = new Set(['min', 'max', 'floor', 'ceil', 'round', 'trunc', 'abs']);
const SCALING_OPERATORS: ReadonlySet<string> = new Set(['*', '**', '<<']);

function readsAny(value: ValueFact, names: ReadonlySet<string>): boolean {
  return readsWhere(value, (name) => names.has(name));
}

/** Does `value` read a name for which `test` holds (an identifier, a member path segment, a callee or argument)? */
function readsWhere(value: ValueFact, test: (name: string) => boolean): boolean {
  switch (value.kind) {
    case 'identifier':
      return test(value.name);
    case 'member':
      return value.path.some(test);
    case 'binary':
      return readsWhere(value.left, test) || readsWhere(value.right, test);
    case 'call':
      return value.chain.segments.some((segment) => test(segment.name) || (segment.call?.args.some((arg) => readsWhere(arg, test)) ?? false));
    case 'template':
      return value.expressions.some((expression) => readsWhere(expression, test));
    case 'new':
      return value.args.some((arg) => readsWhere(arg, test));
    default:
      return false;
  }
}

/** `retryAfter`, `retry_after_ms`, `retryAfterSeconds`, `'retry-after'`: the pause a server asked for (HTTP `Retry-After`). */
function isRetryAfterName(name: string): boolean {
  const parts = nameParts(name);
  return parts.some((part, index) => part === 'retry' && parts[index + 1] === 'after');
}

/**
 * `start` and the names the loop body computes from them, directly or through one another
 * (`const wait = base * 2 ** attempt`): each assignment whose value `reads` accepts, given the
 * names known so far, until nothing changes.
 */
function derivedNames(facts: RetryLoopFacts, start: Iterable<string>, reads: (value: ValueFact, known: ReadonlySet<string>) => boolean): Set<string> {
  const derived = new Set(start);
  for (let changed = true; changed; ) {
    changed = false;
    for (const { name, value } of facts.assignments ?? []) {
      if (!derived.has(name) && reads(value, derived)) {
        derived.add(name);
        changed = true;
      }
    }
  }
  return derived;
}

/**
 * The loop waits as long as the server asked (`await sleep(err.retryAfter * 1000)`, through
 * variables computed from it): a 429's `Retry-After` is the pace the dependency chose, which is
 * what a backoff approximates when the server says nothing.
 */
function waitsAsServerAsks(facts: RetryLoopFacts): boolean {
  const derived = derivedNames(facts, [], (value, known) => readsWhere(value, (name) => known.has(name) || isRetryAfterName(name)));
  const fromServer = (name: string): boolean => derived.has(name) || isRetryAfterName(name);
  // `err.retryAfter ?? 1000` waits a fixed second whenever the server says nothing: no pace of its own.
  const noConstantFallback = (value: ValueFact): boolean => {
    if (value.kind === 'other') return (value.branches ?? []).every((branch) => readsWhere(branch, fromServer));
    if (value.kind === 'binary' && (value.operator === '??' || value.operator === '||')) return readsWhere(value.left, fromServer) && readsWhere(value.right, fromServer);
    if (value.kind === 'binary') return noConstantFallback(value.left) && noConstantFallback(value.right);
    return true;
  };
  const fallbacks = new Map((facts.assignments ?? []).map(({ name, value }) => [name, value]));
  return (facts.delays ?? []).some(
    ({ ms }) => ms !== undefined && readsWhere(ms, fromServer) && noConstantFallback(ms) && (ms.kind !== 'identifier' || noConstantFallback(fallbacks.get(ms.name) ?? ms)),
  );
}

/**
 * The loop waits a time drawn at random each round over a wide range (`await setTimeout(1000 +
 * Math.random() * 4000)`: 1 to 5 s, through variables computed from it; `Math.random() * 3000`;
 * `randomInt(500, 3000)`): waits that differ by at least the base, and by a tenth of a second or more, keep
 * clients out of step, which is what jitter is for, and are not the fixed pause the rule reports. A narrow
 * jitter around a fixed base (`500 + Math.random() * 100`) still waits about the same time every round, and
 * a few random milliseconds (`Math.random() * 10`) are no wait. Every branch of a conditional wait draws so,
 * or is a test run's shortcut of a few milliseconds (`NODE_ENV === 'test' ? 1 : …`).
 */
function waitsAtRandom(facts: RetryLoopFacts): boolean {
  const derived = derivedNames(facts, [], drawsWidely);
  return (facts.delays ?? []).some(({ ms }) => ms !== undefined && drawsWidely(ms, derived));
}

function isMathRandom(value: ValueFact): boolean {
  if (value.kind !== 'call') return false;
  const names = value.chain.segments.map((segment) => segment.name);
  return names.length === 2 && names[0] === 'Math' && names[1] === 'random';
}

/** The least spread a random wait needs to be jitter rather than noise, in milliseconds. */
const LEAST_JITTER_MS = 100;
/** The longest wait a conditional's branch may have and count as a test run's shortcut. */
const TEST_SHORTCUT_MS = 10;

/** `Math.random() * n` (either order): the spread n, when it is a literal. */
function randomSpread(value: ValueFact): number | undefined {
  if (value.kind !== 'binary' || value.operator !== '*') return undefined;
  const other = isMathRandom(value.left) ? value.right : isMathRandom(value.right) ? value.left : undefined;
  return other?.kind === 'number' ? other.value : undefined;
}

function drawsWidely(value: ValueFact, known: ReadonlySet<string>): boolean {
  switch (value.kind) {
    case 'identifier':
      return known.has(value.name);
    case 'other': {
      const branches = value.branches ?? [];
      return branches.some((branch) => drawsWidely(branch, known)) &&
        branches.every((branch) => drawsWidely(branch, known) || (branch.kind === 'number' && branch.value !== undefined && branch.value <= TEST_SHORTCUT_MS));
    }
    case 'call': {
      const segments = value.chain.segments;
      const last = segments[segments.length - 1];
      if (last?.name !== 'randomInt' || last.call === undefined || last.call.args.length !== 2) return false;
      const [low, high] = last.call.args.map((arg) => (arg.kind === 'number' ? arg.value : undefined));
      return low !== undefined && high !== undefined && low >= 0 && high - low >= LEAST_JITTER_MS && high >= 2 * low;
    }
    case 'binary': {
      if (value.operator === '*') return (randomSpread(value) ?? 0) >= LEAST_JITTER_MS;
      if (value.operator !== '+') return false;
      const [base, jitter] = value.left.kind === 'number' ? [value.left.value, randomSpread(value.right)] : [value.right.kind === 'number' ? value.right.value : undefined, randomSpread(value.left)];
      return base !== undefined && jitter !== undefined && base >= 0 && jitter >= LEAST_JITTER_MS && jitter >= base;
    }
    default:
      return false;
  }
}

/**
 * Does `value` grow with one of `names` (the attempt counter, a delay that doubles)? By `*`, `**`,
 * `<<`, `Math.pow`, or a helper called with it (`backoffFor(attempt)`); through `Math.min/max/…`;
 * a bare read of a growing name (`sleep(delay)` after `delay *= 2`) grows too.
 */
function scalesWith(value: ValueFact, names: ReadonlySet<string>, bareReadGrows: boolean): boolean {
  switch (value.kind) {
    case 'identifier':
      return bareReadGrows && names.has(value.name);
    case 'member':
      return bareReadGrows && names.has(value.path[value.path.length - 1] ?? '');
    case 'binary':
      if (SCALING_OPERATORS.has(value.operator)) return readsAny(value.left, names) || readsAny(value.right, names);
      return scalesWith(value.left, names, bareReadGrows) || scalesWith(value.right, names, bareReadGrows);
    case 'call': {
      const segments = value.chain.segments;
      const method = segments[segments.length - 1];
      const args = method?.call?.args ?? [];
      const onMath = segments.length === 2 && segments[0]?.name === 'Math';
      if (onMath && method?.name === 'pow') return args.some((arg) => readsAny(arg, names));
      if (onMath && MATH_WRAPPERS.has(method?.name ?? '')) return args.some((arg) => scalesWith(arg, names, bareReadGrows));
      if (onMath) return false;
      return args.some((arg) => readsAny(arg, names));
    }
    // A duration object (`{ seconds: delaySeconds }`) scales with what one of its durations scales with.
    case 'object':
      return value.properties.some((property) => property.key !== undefined && (DURATION_KEYS as readonly string[]).includes(property.key) && scalesWith(property.value, names, bareReadGrows));
    default:
      return false;
  }
}

/**
 * `true` for names of functions that wait (`sleep`, `delay`, `wait`, `pause`, `backoff`,
 * `sleepMs`, `delayWithJitter`, `exponentialBackoff`, `setTimeout`); `waitForSelector`,
 * `delayedJob`, `pauseQueue` are not.
 */
/**
 * A function named for waiting until a dependency is up (`waitForDatabase`, `waitForConnection`,
 * `waitForRedis`): its loop is a readiness poll — at start-up or before a first use — that paces
 * itself to the dependency's start, not a retry of a failed request that a crowd of clients repeats.
 * `waitForJob`, `waitForUpload` wait for work, not for a dependency.
 */
export function isDependencyWaitName(name: string): boolean {
  return /^waitFor(?:Database|Db|DB|Postgres|Postgresql|Mysql|Mongo|MongoDB|Redis|Connection|Server|Services|Dependencies|Kafka|RabbitMQ|Rabbit|Broker|Migrations?)$/.test(name);
}

export function isDelayFunctionName(name: string): boolean {
  if ((TIMER_FUNCTIONS as readonly string[]).includes(name)) return true;
  const parts = nameParts(name);
  if (!parts.some((part) => (DELAY_FUNCTION_WORDS as readonly string[]).includes(part))) return false;
  return parts.every((part) => (DELAY_FUNCTION_WORDS as readonly string[]).includes(part) || (DELAY_FUNCTION_COMPANIONS as readonly string[]).includes(part));
}

/**
 * The name a call waits by, from its callee's chain of names: the last one, or the receiver for a
 * scheduler's wait method (trigger.dev's `wait.for({ seconds })` and `wait.until(date)`,
 * https://trigger.dev/docs/wait), where the receiver names the wait and the method only its kind.
 */
export function delayNameOf(names: readonly string[]): string {
  const last = names.at(-1) ?? '';
  const receiver = names.at(-2);
  if (names.length === 2 && receiver !== undefined && (DELAY_METHODS as readonly string[]).includes(last) && isDelayFunctionName(receiver)) return receiver;
  return last;
}

/**
 * Which argument of a delay call is the delay: `setTimeout(fn, ms)` → 1, `setTimeout(ms)` (timers/promises) and `sleep(ms)` → 0.
 * `awaitedAlone` is true when the call is awaited as a statement of its own, its value dropped
 * (`await timeout(backoffMs);`): then a `timeout` of one argument is a wait too, as utility
 * libraries name their promise of a timer; a `timeout(promise, ms)` race or an rxjs
 * `pipe(timeout(5000))` operator is not.
 */
export function delayArgumentIndex(name: string, args: readonly ValueFact[], awaitedAlone = false): number | undefined {
  if ((TIMER_FUNCTIONS as readonly string[]).includes(name)) return args[0]?.kind === 'function' || args[0]?.kind === 'identifier' && args.length > 1 ? 1 : 0;
  if (awaitedAlone && args.length === 1 && (AWAITED_TIMER_FUNCTIONS as readonly string[]).includes(name)) return 0;
  return isDelayFunctionName(name) ? 0 : undefined;
}

export type RetryBackoffProblem = 'noDelay' | 'constantDelay' | 'unbounded';

function counterNamesOf(facts: RetryLoopFacts): Set<string> {
  const names = new Set([...facts.counterNames, ...(facts.bindingNames ?? [])]);
  for (const name of [...facts.conditionNames, ...(facts.guardNames ?? [])]) if (isAttemptCounterName(name)) names.add(name);
  return names;
}

/**
 * Is the number of attempts of this retry loop bounded? A `for…of` over attempts is; otherwise the
 * loop's test compares an attempt counter (`attempt < maxRetries`, `i < 3`), or an `if` on a counter
 * leaves the loop (`if (attempt >= max) throw err`). A value computed from the counter counts as
 * the counter (`const wait = getRetryWaitTime(err, attempt); if (wait == null) return`,
 * `const willRetry = retries < max && retryable(err)`), and so does a flag the loop tests when it
 * is set under a test of the counter (`while (!done) { … if (willRetry) {…} else done = err }`).
 * A deadline bounds it too ({@link boundedByClock}), and so does a one-shot flag ({@link retriesOnce}).
 * `while (true)` retrying until success is not bounded.
 */
export function isBoundedRetryLoop(facts: RetryLoopFacts): boolean {
  if (facts.loopKind === 'for-of' || facts.loopKind === 'for-in' || facts.loopKind === 'for-await-of') return true;
  const counters = counterNamesOf(facts);
  if (!facts.infinite && facts.conditionNames.some((name) => counters.has(name))) return true;
  const derived = derivedNames(facts, counters, (value, known) => readsAny(value, known));
  if ((facts.guardNames ?? []).some((name) => derived.has(name))) return true;
  if (boundedByClock(facts.guardNames ?? [], facts) || (!facts.infinite && boundedByClock(facts.conditionNames, facts))) return true;
  if (retriesOnce(facts)) return true;
  if (facts.infinite) return false;
  const flags = new Set((facts.guardedAssignments ?? []).filter(({ guardNames }) => guardNames.some((name) => derived.has(name))).map(({ name }) => name));
  return facts.conditionNames.some((name) => flags.has(name));
}

/**
 * The names of a loop's test or exit guard compare the clock with a baseline the loop does not
 * change: `while (Date.now() - startedAt < 30_000)`, `if (Date.now() > deadline) throw …`, or a
 * value computed from the clock in the body (`const elapsed = Date.now() - start; if (elapsed >
 * timeout) throw …`). The rounds end when the time is up: a deadline, not an open retry. A clock
 * compared with nothing fixed (`Date.now()` alone) bounds nothing.
 */
function boundedByClock(names: readonly string[], facts: RetryLoopFacts): boolean {
  const assignments = facts.assignments ?? [];
  const fromClock = new Set(assignments.filter(({ value }) => readsWhere(value, (name) => name === 'now') && readsWhere(value, (name) => name === 'Date' || name === 'performance')).map(({ name }) => name));
  if (!readsClock(names) && !names.some((name) => fromClock.has(name))) return false;
  const changed = new Set([...assignments.map(({ name }) => name), ...facts.counterNames]);
  return names.some((name) => !isClockName(name) && !fromClock.has(name) && !changed.has(name));
}

const CLOCK_NAMES: ReadonlySet<string> = new Set(['Date', 'now', 'performance']);

/** A stopwatch's reading of the time gone since it started (`timer.getElapsed()`, `watch.elapsedMs`). */
const ELAPSED_READING = /^(?:get)?[Ee]lapsed(?:Ms|MS|Millis|Milliseconds|Seconds|Time)?$/;

/** `Date`, `now`, `performance`, `getElapsed`: a name of the clock's own call (`Date.now()`, `performance.now()`, a stopwatch's `timer.getElapsed()`). */
export function isClockName(name: string): boolean {
  return CLOCK_NAMES.has(name) || ELAPSED_READING.test(name);
}

/** Do these names (every identifier of an expression, property names included) read the clock: `Date.now()`, `performance.now()`, `timer.getElapsed()`? */
export function readsClock(names: readonly string[]): boolean {
  return (names.includes('now') && (names.includes('Date') || names.includes('performance'))) || names.some((name) => ELAPSED_READING.test(name));
}

/**
 * A one-shot retry: the `catch` reads a flag that the loop only ever sets to `true` (`if (err
 * instanceof TokenExpired && !refreshed) { refreshed = true; await refresh(); continue }`), so the
 * failure is retried once after the fix-up, and the next one is not.
 */
function retriesOnce(facts: RetryLoopFacts): boolean {
  // The words of the catch's own tests (`catchFilterWords`): `refreshed` of `if (… && !refreshed)`.
  const catchReads = new Set(facts.catchFilterWords ?? []);
  const byName = new Map<string, ValueFact[]>();
  for (const { name, value } of facts.assignments ?? []) byName.set(name, [...(byName.get(name) ?? []), value]);
  return [...byName].some(([name, values]) => catchReads.has(name) && values.every((value) => value.kind === 'boolean' && value.value === true));
}

/**
 * What is wrong with the backoff of a hand-written retry loop (call only for `isRetryLoop` loops):
 * `unbounded` (nothing limits the attempts), `noDelay` (the next attempt starts at once), or
 * `constantDelay` (every wait is the same: `sleep(1000)`, `sleep(RETRY_DELAY)`); undefined when the
 * wait grows with the attempt (`base * 2 ** attempt`, `delay *= 2`, `DELAYS[attempt]`,
 * `backoff(attempt)`, `sleep(attempt * 1000)`) or cannot be judged (`await this.backoff()`), and for
 * a bounded optimistic-concurrency retry (the `catch` retries only a unique-constraint violation
 * or a failed swap, {@link notAppliedErrorKind}): re-reading at once is the design; and for a
 * bounded poll that goes round only on a not-ready HTTP status ({@link retriesOnlyNotReady}) or
 * re-runs only a read that fails while the record is absent ({@link pollsForRecord}).
 */
export function retryLoopBackoffProblem(facts: RetryLoopFacts): RetryBackoffProblem | undefined {
  // Optimistic concurrency: re-run at once after a unique-constraint race or a failed swap.
  if (isBoundedRetryLoop(facts) && notAppliedErrorKind(facts.catchFilterWords ?? []) === 'conflict') return undefined;
  // A `try` that awaits nothing retries work of this process (decoding a shrinking buffer, parsing): no dependency to pace,
  // unless the `catch` waits out a busy or locked resource (a synchronous SQLite write retried on SQLITE_BUSY).
  if (facts.tryAwaits === false && !(facts.catchFilterWords ?? []).some((word) => /busy|lock/i.test(word))) return undefined;
  if (!isBoundedRetryLoop(facts)) return 'unbounded';
  // One more attempt after a fix-up (a refreshed token) cannot hammer anything.
  if (retriesOnce(facts)) return undefined;
  // A bounded poll for a resource that is not ready yet (only 404 / 409 / 425 go round again), or for a record not written yet.
  if (retriesOnlyNotReady(facts.catchFilterWords ?? [])) return undefined;
  const delays = facts.delays ?? [];
  if (delays.length === 0) return 'noDelay';
  // A poll for a record not written yet sets its own pace; re-reading at once is still no pace at all.
  if (pollsForRecord(facts)) return undefined;
  if (waitsAsServerAsks(facts) || waitsAtRandom(facts)) return undefined;
  const counters = counterNamesOf(facts);
  const growing = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const { name, value } of facts.assignments ?? []) {
      if (growing.has(name)) continue;
      if (scalesWith(value, new Set([...counters, ...growing, name]), true)) {
        growing.add(name);
        changed = true;
      }
    }
  }
  const scaling = new Set([...counters, ...growing]);
  const grows = delays.some(
    ({ ms, indexNames, updatedNames }) => ms === undefined || [...indexNames, ...(updatedNames ?? [])].some((name) => scaling.has(name)) || scalesWith(ms, scaling, true),
  );
  return grows ? undefined : 'constantDelay';
}

export type RetryOptionsProblem = 'forever' | 'constantDelay';

function propertyValue(options: ValueFact, key: string): ValueFact | undefined {
  if (options.kind !== 'object') return undefined;
  return options.properties.find((property) => property.key === key)?.value;
}

function isInfinity(value: ValueFact | undefined): boolean {
  if (value === undefined) return false;
  if (value.kind === 'identifier') return value.name === 'Infinity';
  if (value.kind === 'member') return value.path.join('.') === 'Number.POSITIVE_INFINITY' || value.path.join('.') === 'Number.MAX_SAFE_INTEGER';
  return false;
}

function numberOf(value: ValueFact | undefined): number | undefined {
  return value?.kind === 'number' ? value.value : undefined;
}

/**
 * What is wrong with the options of a retry helper or policy (`pRetry(fn, opts)`, `retry(handleAll, opts)`):
 * `forever` (`retries: Infinity`, `forever: true`, `numOfAttempts: Infinity`, `maxAttempts: Infinity`)
 * or `constantDelay` (`factor: 1`, `timeMultiple: 1`, `minTimeout` equal to `maxTimeout`,
 * `backoff: new ConstantBackoff(…)`), for the libraries that take those options (see the catalog).
 * Unknown libraries and options held in variables are not judged.
 */
export function retryOptionsProblem(library: RetryLibrary, options: ValueFact | undefined): { readonly kind: RetryOptionsProblem; readonly option: string } | undefined {
  if (options?.kind !== 'object' || !Object.hasOwn(RETRY_OPTION_NAMES, library)) return undefined;
  const names: RetryOptionNames = RETRY_OPTION_NAMES[library as keyof typeof RETRY_OPTION_NAMES];
  const find = (keys: readonly string[], test: (value: ValueFact | undefined) => boolean): string | undefined => keys.find((key) => test(propertyValue(options, key)));
  const forever = find(names.attempts, isInfinity) ?? find(names.forever, (value) => value?.kind === 'boolean' && value.value === true);
  if (forever !== undefined) return { kind: 'forever', option: forever };
  const factor = find(names.factor, (value) => numberOf(value) === 1);
  if (factor !== undefined) return { kind: 'constantDelay', option: factor };
  if (names.minMax !== undefined) {
    const [minKey, maxKey] = names.minMax;
    const min = numberOf(propertyValue(options, minKey));
    if (min !== undefined && min === numberOf(propertyValue(options, maxKey))) return { kind: 'constantDelay', option: maxKey };
  }
  if (names.backoffObject !== undefined) {
    const backoff = propertyValue(options, names.backoffObject);
    if (backoff?.kind === 'new' && (CONSTANT_BACKOFF_CLASSES as readonly string[]).includes(lastName(backoff.className.split('.')) ?? '')) return { kind: 'constantDelay', option: names.backoffObject };
  }
  return undefined;
}

export interface RetryPolicyMatch {
  readonly library: RetryLibrary;
  readonly optionsArgIndex: number;
}

/**
 * Calls that build a retry policy without running anything: cockatiel `retry(handleAll, opts)`
 * (options at index 1) and node-retry `retry.operation(opts)` (index 0). `classifyRetryHelperCall`
 * covers the calls that run the retried function.
 */
export function classifyRetryPolicyCall(chain: ChainFact, resolve?: ResolveDeclaredIn): RetryPolicyMatch | undefined {
  const segments = chain.segments;
  const index = segments.length - 1;
  const last = segments[index];
  if (last?.call === undefined || index > 1) return undefined;
  const first = last.call.args[0];
  const handlerFirst = first !== undefined && (first.kind === 'identifier' || first.kind === 'member' || first.kind === 'call');
  const handlerName = !handlerFirst ? '' : first.kind === 'identifier' ? first.name : first.kind === 'member' ? (lastName(first.path) ?? '') : (lastName(first.chain.segments.map((segment) => segment.name)) ?? '');
  const handles = /^handle[A-Z]/.test(handlerName);
  // Cheap rejection before any typed look-up: only these shapes can build a policy.
  if (index === 0 ? last.name !== 'retry' && !handles : !(NODE_RETRY_POLICY_METHODS as readonly string[]).includes(last.name)) return undefined;
  const declared = resolve?.(index);
  const typed = declared?.unresolved === true ? undefined : libraryOfPackage(declared?.package === undefined ? undefined : packageNameOf(declared.package));
  const known = typed ?? libraryOfPackage(packageNameOf(chain.rootImport));
  // cockatiel's `retry` imported under another name (`retry as retryPolicy`) still takes a handler first.
  const renamedRetry = known === 'cockatiel' && handles && !(COCKATIEL_OTHER_POLICIES as readonly string[]).includes(last.name);
  if (index === 0 && ((last.name === 'retry' && (known === 'cockatiel' || handles)) || renamedRetry)) return { library: 'cockatiel', optionsArgIndex: 1 };
  if (index === 1 && known === 'retry' && (NODE_RETRY_POLICY_METHODS as readonly string[]).includes(last.name)) return { library: 'retry', optionsArgIndex: 0 };
  return undefined;
}
