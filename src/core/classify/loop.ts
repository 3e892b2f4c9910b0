import { ARRAY_ITERATION_METHODS, ITERATION_FUNCTIONS, ITERATION_HELPER_METHODS, ITERATION_HELPER_RECEIVERS, PROMISE_COMBINATORS } from '../catalogs/loops.js';
import { batchingAdvice } from '../catalogs/reference-fixes.js';
import type { ChainFact, LoopFact, LoopKind } from '../facts.js';
import { isPrismaTickBatched, isProbeQuery, queryForMessage, type QueryMatch } from './query.js';

export type { LoopKind } from '../facts.js';

export interface IterationCall {
  /** `array` for `xs.map(cb)`, `helper` for `_.map(xs, cb)`/`pMap(xs, cb)`. */
  readonly style: 'array' | 'helper';
  readonly method: string;
  /** Which argument is run once per element; `last-function` for helpers. */
  readonly callbackArgIndex: number | 'last-function';
}

const ARRAY_METHODS = new Set<string>(ARRAY_ITERATION_METHODS);
const HELPER_RECEIVERS = new Set<string>(ITERATION_HELPER_RECEIVERS);
const HELPER_METHODS = new Set<string>(ITERATION_HELPER_METHODS);
const FUNCTIONS = new Set<string>(ITERATION_FUNCTIONS);
const COMBINATORS = new Set<string>(PROMISE_COMBINATORS);

/**
 * Classifies a call that runs a callback once per element (SPEC §3 "loop": array callbacks,
 * lodash/async helpers, Bluebird `Promise.map`, p-map). Only the last segment is looked at.
 */
export function classifyIterationCall(chain: ChainFact): IterationCall | undefined {
  const { segments } = chain;
  const last = segments[segments.length - 1];
  if (last?.call === undefined) return undefined;
  if (segments.length === 1) {
    return FUNCTIONS.has(last.name) ? { style: 'helper', method: last.name, callbackArgIndex: 'last-function' } : undefined;
  }
  const receiver = segments[segments.length - 2];
  if (receiver !== undefined && receiver.call === undefined && segments.length === 2 && HELPER_RECEIVERS.has(receiver.name) && HELPER_METHODS.has(last.name)) {
    // `Promise.all(…)` is a combinator, not an iteration; `Promise.map(xs, cb)` is Bluebird's.
    if (receiver.name === 'Promise' && COMBINATORS.has(last.name)) return undefined;
    return { style: 'helper', method: last.name, callbackArgIndex: 'last-function' };
  }
  if (ARRAY_METHODS.has(last.name)) return { style: 'array', method: last.name, callbackArgIndex: 0 };
  return undefined;
}

/** `Promise.all(…)` / `Promise.allSettled(…)` (and Bluebird's, under any Promise-like name). */
export function isPromiseCombinator(chain: ChainFact): boolean {
  const { segments } = chain;
  const last = segments[segments.length - 1];
  const receiver = segments[segments.length - 2];
  return segments.length === 2 && last?.call !== undefined && COMBINATORS.has(last.name) && receiver !== undefined && /^(?:Promise|Bluebird|bluebird|BPromise|P)$/.test(receiver.name);
}

const PROMISE_SINKS = new Set(['push', 'unshift', 'all', 'allSettled', 'race', 'any', 'resolve', 'map', 'mapSeries', 'each']);

/**
 * Is a value handed to a call of this method consumed as a promise? `Promise.all([q])`,
 * `tasks.push(q)`, `Promise.resolve(q)`, Bluebird's `Promise.map(xs, …)`: the promise is awaited
 * with the others, so the call it came from counts as awaited (SPEC §3 "awaited").
 */
export function isPromiseSink(method: string): boolean {
  return PROMISE_SINKS.has(method);
}

/** `.then()` / `.catch()` / `.finally()` anywhere in a chain: its value is consumed as a promise. */
export function chainConsumesPromise(names: readonly string[]): boolean {
  return names.some((name) => name === 'then' || name === 'catch' || name === 'finally');
}

/** How messages name a loop: `for…of loop`, `while loop`, `map() callback`. */
export function loopLabel(kind: LoopKind, callbackMethod = 'iteration'): string {
  switch (kind) {
    case 'callback':
      return `${callbackMethod}() callback`;
    case 'for-of':
      return 'for…of loop';
    case 'for-await-of':
      return 'for await…of loop';
    case 'for-in':
      return 'for…in loop';
    case 'do-while':
      return 'do…while loop';
    default:
      return `${kind} loop`;
  }
}

/** Callbacks of helpers that page through a table on purpose (`findAllInBatches`, `eachBatch`, `paginate`). */
const PAGING_CALLBACKS = /InBatches$|^(?:each|for|map)Batch(?:es)?$|^paginate|^batch(?:ed)?$|^chunk(?:ed|By)?$/;

/** Why a call in a loop does not run once per item of a growing collection. */
export type IterationExemption = 'paging-callback' | 'fixed-list' | 'memoised' | 'dataloader-fallback' | 'switch-on-element' | 'retry-loop' | 'exits-loop';

/**
 * Does the loop run the call once per item of data (SPEC §3 "N+1")? Not when the loop is a paging
 * helper's callback, walks a fixed list written in the code, remembers each key's answer, falls back
 * from a DataLoader, dispatches on the element's own value, re-attempts one operation (a retry loop) or ends right after the call. Shared
 * by `no-query-in-loop` and the audit's cross-file check; undefined when the call runs per item.
 */
export function iterationExemption(loop: LoopFact): IterationExemption | undefined {
  if (loop.kind === 'callback' && PAGING_CALLBACKS.test(loop.iteration?.method ?? '')) return 'paging-callback';
  if (loop.fixedList) return 'fixed-list';
  if (loop.memoised) return 'memoised';
  if (loop.dataLoaderFallback) return 'dataloader-fallback';
  if (loop.switchOnElement) return 'switch-on-element';
  if (loop.kind !== 'callback' && loop.retry) return 'retry-loop';
  if (loop.kind !== 'callback' && loop.exitsAfter) return 'exits-loop';
  return undefined;
}

/** Why a query run in a loop is no N+1 whatever the loop. */
export type QueryExemption = 'batched' | 'paginated' | 'probe' | 'drain';

/**
 * A query that is no N+1 by itself: it already takes many keys (`whereIn`, `IN (…)`), reads one
 * page, probes the connection (`SELECT 1`) or drains a table in bounded writes (`DELETE … LIMIT n`
 * until nothing is left).
 */
export function queryExemption(match: QueryMatch, chain: ChainFact): QueryExemption | undefined {
  if (match.batched) return 'batched';
  if (match.paginated) return 'paginated';
  if (isProbeQuery(match, chain)) return 'probe';
  if (isDrain(match, chain)) return 'drain';
  return undefined;
}

/** A write with a `LIMIT` run until nothing is left (`DELETE … WHERE id IN (SELECT … LIMIT 1000)`): a drain, already batched. */
function isDrain(match: QueryMatch, chain: ChainFact): boolean {
  if (match.access !== 'write') return false;
  return chain.segments.some((segment) => segment.call?.args.some((arg) => (arg.kind === 'string' || arg.kind === 'template') && /\blimit\s+(?:\d+|\$\d+|\?|:\w+)/i.test(arg.text)) ?? false) ||
    chain.segments.some((segment) => segment.name === 'limit' && segment.call !== undefined);
}

/** Why a query in a loop does not cost one round trip per item although the loop runs per item. */
export type QueryInLoopExemption = 'same-tick' | 'per-element';

/**
 * Judgements that need both the query and its place in the loop: Prisma batches `findUnique`
 * calls issued in one tick; `collections.map((c) => c.deleteMany())` queries a different table
 * through each element, which no batching can merge (an active-record `doc.save()` on each element
 * is still one table, N times).
 */
export function queryInLoopExemption(match: QueryMatch, chain: ChainFact, loop: LoopFact): QueryInLoopExemption | undefined {
  if (loop.sameTick && isPrismaTickBatched(match, chain)) return 'same-tick';
  const root = chain.segments[0];
  if (!match.activeRecord && root !== undefined && root.call === undefined && match.operationIndex >= 1 && loop.elementNames.includes(root.name)) return 'per-element';
  return undefined;
}

/**
 * A memoising guard, judged on the source text of an `if`: `!cache[k]` / `!seen.has(k)` /
 * `!byId.get(k)` as the test, and a write to the same store (`cache[k] =`, `seen.set(`) in the body.
 */
export function memoisesAnswer(test: string, consequent: string): boolean {
  const store = /^!\s*([\w$.]+)(?:\[|\.has\(|\.get\()/.exec(test)?.[1];
  return store !== undefined && (consequent.includes(`${store}[`) || consequent.includes(`${store}.set(`));
}

/**
 * A function that answers from an in-memory cache before it queries: an `if` on a cache member
 * (`this.cachedProperties`, `this.cache.has(k)`, `cache[k]`) that returns. Called once per item,
 * it queries once per expiry or per distinct key, not once per call. Judged on the `if`'s source text.
 */
export function answersFromCache(test: string, consequent: string): boolean {
  return /\b(?:cache|cached)\w*\b|\w+Cache\b|\bmemo\w*/i.test(test) && /\breturn\b/.test(consequent);
}

/** A branch that asks a DataLoader (`loaders.users.load(id)`, `.loadMany(ids)`), judged on its source text. */
export function callsDataLoader(branch: string): boolean {
  return /\.load(?:Many)?\(/.test(branch);
}

/** How messages name the loop of a fact: `for…of loop`, `map() callback`. */
export function loopFactLabel(loop: LoopFact): string {
  return loopLabel(loop.kind, loop.iteration?.method);
}

/** The message of `no-query-in-loop`; `{{query}}`, `{{loop}}` and `{{advice}}` come from `queryInLoopData`. */
export const QUERY_IN_LOOP_MESSAGE = 'Query {{query}} runs once per iteration of this {{loop}} (N+1). {{advice}}';

/** The message of the audit's cross-file N+1: the loop calls a function that reaches a query. */
export const CALL_REACHING_QUERY_IN_LOOP_MESSAGE = "'{{callee}}' runs a query ({{query}}) once per iteration of this {{loop}} (N+1). {{advice}}";

/** The data of the N+1 messages for a query run in a loop. */
export function queryInLoopData(match: QueryMatch, loop: LoopFact): { query: string; loop: string; advice: string } {
  return { query: queryForMessage(match), loop: loopFactLabel(loop), advice: batchingAdvice(match.library, match.access, match.raw) };
}

/** Fills a `{{name}}` message template, as ESLint does with a report's data. */
export function formatMessage(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => data[key] ?? whole);
}
