import { ARRAY_ITERATION_METHODS, ITERATION_FUNCTIONS, ITERATION_HELPER_METHODS, ITERATION_HELPER_RECEIVERS, PROMISE_COMBINATORS } from '../catalogs/loops.js';
import { batchingAdvice } from '../catalogs/reference-fixes.js';
import { CACHE_CLIENT_NAME_WORDS } from '../catalogs/cache-clients.js';
import { RESPONSE_RECEIVER_NAMES } from '../catalogs/responses.js';
import type { DbLibrary } from '../catalogs/db-clients.js';
import type { ChainFact, ListExpr, LoopFact, LoopKind, ValueFact } from '../facts.js';
import { isLoggerName } from './log.js';
import { nameParts } from './names.js';
import { builderOfText, buildsSchemaStatement, isPrismaTickBatched, isProbeQuery, isReadMethodName, isSchemaStatement, queryForMessage, type QueryMatch } from './query.js';
import { isClockName, readsClock } from './retry.js';

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

/** The most rounds a loop counting between constants may run and still walk a fixed list (as an array literal of that length). */
export const FIXED_ROUNDS_LIMIT = 20;

/**
 * How many rounds `for (let i = start; i <op> bound; i += step)` runs when start, bound and step are
 * numbers written in the code (`for (let day = RECOMPUTE_DAYS; day >= 0; day--)`), or undefined
 * when it never ends or the numbers do not say. Such a loop walks a fixed list, like an array literal.
 */
export function countedRounds(start: number, operator: string, bound: number, step: number): number | undefined {
  if (!Number.isFinite(start) || !Number.isFinite(bound) || !Number.isFinite(step) || step === 0) return undefined;
  const upward = operator === '<' || operator === '<=';
  if (!upward && operator !== '>' && operator !== '>=') return undefined;
  // A counter stepped away from its bound never reaches it.
  if (upward !== step > 0) return undefined;
  const span = upward ? bound - start : start - bound;
  const size = Math.abs(step);
  if (operator.endsWith('=')) return span < 0 ? 0 : Math.floor(span / size) + 1;
  return span <= 0 ? 0 : Math.ceil(span / size);
}

/**
 * Is a name written as a constant (`TEAM_INTERNAL_GROUPS`, `ROLES`)? A list imported under such a
 * name is written in the code of another module, like a module-level constant of this one.
 */
export function isConstantName(name: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(name) && name.length >= 3;
}

/** Words of a module that holds values written in code (`../structures/eu-ai-act/topics.struct`, `./constants/roles`). */
const CONSTANT_MODULE_WORDS: ReadonlySet<string> = new Set(['constants', 'constant', 'consts', 'const', 'structures', 'structure', 'struct', 'catalog', 'catalogs', 'catalogue', 'enums', 'enum', 'config', 'configs', 'defaults', 'presets', 'definitions']);

/**
 * Is a list imported and iterated as it is written in code? Named as a constant (`ROLES`), or named
 * like a type (`ControlCategories`) and imported from a module of constants (`../structures/…`,
 * `./constants`): a registry filled at run time (`ConnectedClients` of `../realtime/state`) is data.
 */
export function isImportedFixedList(name: string, source: string | undefined): boolean {
  if (isConstantName(name)) return true;
  if (!TYPE_LIKE_NAME.test(name) || source === undefined) return false;
  return source.toLowerCase().split(/[\\/.\-_]/).some((word) => CONSTANT_MODULE_WORDS.has(word));
}

/**
 * Does an imported object's name say its keys are written in code: an enum or a constant object
 * (`DataSource`, `Role`, `HTTP_STATUS`)? An import named like a variable (`connectedClients`,
 * `users`) may be a map filled at run time or rows loaded at start-up: its keys are data.
 */
export function namesFixedObject(name: string): boolean {
  return isConstantName(name) || TYPE_LIKE_NAME.test(name);
}

/** A name written like a type or an enum (`DataSource`, `ControlCategories`). */
const TYPE_LIKE_NAME = /^[A-Z][a-z\d]+(?:[A-Z][a-z\d]*)*$/;

/**
 * Does a loop statement bound its rounds (`LoopFact.roundsCounted`)? Its condition reads a counter
 * the loop steps (`attempts++`, `i += 1`), or it compares the clock with a baseline the loop does
 * not write (`Date.now() - startedAt < maxPollMs`) and the body waits each round (`body.waits`):
 * with a poll, the rounds are attempts, bounded by the condition, not items of data. `counterNames`/`conditionNames` as `RetryLoopFacts` gives them (every
 * identifier of the condition, property names included).
 */
export function countsRounds(
  facts: { readonly infinite: boolean; readonly counterNames: readonly string[]; readonly conditionNames: readonly string[] },
  body: { readonly written: readonly string[]; readonly waits: boolean; readonly conditionReads?: readonly string[]; readonly exitConditionReads?: readonly (readonly string[])[] } = { written: [], waits: false },
): boolean {
  // A deadline: the clock against a baseline the loop does not write (not a row's `runAt`), with a pause each round.
  // The baseline is a variable the condition reads (`startedAt`), not a member of one (`job.runAt`).
  const baseline = (reads: readonly string[]): boolean => reads.some((name) => !isClockName(name) && !body.written.includes(name));
  // Also in an `if` that leaves the loop, endless or not (`while (true) { if (Date.now() - startedAt > MAX_WAIT) throw …; … await sleep(2000) }`);
  // its reads are variables only (`Date`, `startedAt`, `MAX_WAIT`), so the clock is `Date` or `performance` read there.
  // Nothing it compares may move with the rounds (`startedAt = Date.now()` each round bounds nothing).
  const fixedDeadline = (reads: readonly string[]): boolean => reads.some((name) => name === 'Date' || name === 'performance') && baseline(reads) && !reads.some((name) => body.written.includes(name));
  if (body.waits && (body.exitConditionReads ?? []).some(fixedDeadline)) return true;
  if (facts.infinite) return false;
  if (facts.counterNames.some((name) => facts.conditionNames.includes(name))) return true;
  return readsClock(facts.conditionNames) && body.waits && baseline(body.conditionReads ?? []);
}

/** The shortest pause that paces a loop on purpose (`LoopFact.paced`): `sleep(1)` only yields a tick. */
export const PACE_MIN_MS = 100;

/**
 * Do the awaited pause's calls name a duration that paces the loop? `durations` holds, per call of
 * the awaited expression whose last argument is not a function (a callback is no duration), that
 * argument: a number written as such, or `undefined` for any other value (a constant, a variable:
 * trusted). At least one duration, and none written below {@link PACE_MIN_MS}.
 */
export function isPaceDuration(durations: readonly (number | undefined)[]): boolean {
  return durations.length > 0 && durations.every((duration) => duration === undefined || duration >= PACE_MIN_MS);
}

/** Callbacks of helpers that page through a table on purpose (`findAllInBatches`, `eachBatch`, `paginate`). */
const PAGING_CALLBACKS = /InBatches$|^(?:each|for|map)Batch(?:es)?$|^paginate|^batch(?:ed)?$|^chunk(?:ed|By)?$/;

/** Why a call in a loop does not run once per item of a growing collection. */
export type IterationExemption =
  | 'paging-callback'
  | 'fixed-list'
  | 'memoised'
  | 'dataloader-fallback'
  | 'switch-on-element'
  | 'retry-loop'
  | 'exits-loop'
  | 'probe-loop'
  | 'counted-poll'
  | 'capped-list'
  | 'sequential-on-purpose'
  | 'paced'
  | 'own-list'
  | 'chunked'
  | 'error-path';

/**
 * Does the loop run the call once per item of data (SPEC §3 "N+1")? Not when the loop is a paging
 * helper's callback, walks a fixed list written in the code, remembers each key's answer, falls back
 * from a DataLoader, dispatches on the element's own value, re-attempts one operation (a retry loop) or ends right after the call. Shared
 * by `no-query-in-loop` and the audit's cross-file check; undefined when the call runs per item.
 * Nor in a probe loop, where the call's result decides whether another round runs and each round
 * asks for a new key (a search for a free slug): the rounds cannot be issued together, by construction.
 * Nor in a poll whose rounds a counter or a deadline bounds (`while (!ready && attempts < maxAttempts) {
 * attempts++; ready = await tablesExist() }`, `while (Date.now() - start < maxWait) { … if (row.status
 * === 'done') return; }`): the same call waits for a state, a bounded number of times.
 * Nor over a list the function caps itself before the loop (`if (inputs.length > 30) throw …`).
 * Nor when the team marked the statement as sequential on purpose: `// eslint-disable-next-line
 * no-await-in-loop` is a decision already taken about this very await.
 * Nor in a loop that walks its list a chunk at a time (`for (let i = 0; i < ids.length; i += 500)`
 * with `ids.slice(i, i + 500)`): one call per chunk, the batching already done.
 * Nor in a loop paced on purpose, whose every round waits a timer and does other work than queries
 * (`await sleep(1000)` before each send of a throttled campaign): the pause, chosen by the team for
 * that work, sets the loop's speed and dwarfs one round trip per item; batching the query would not
 * make the loop finish sooner. A loop that only pauses between its own writes is still reported, and
 * so is a `while` drain that pauses between the rows it fetches one by one.
 * Nor in a loop on the error path, in a `catch` block or a `.catch(…)` callback (restoring the rows a
 * failed batch had removed): it runs only when something failed, and the fix that matters is the
 * transaction the failed work lacked, not batching its compensation.
 */
export function iterationExemption(loop: LoopFact): IterationExemption | undefined {
  if (loop.kind === 'callback' && PAGING_CALLBACKS.test(loop.iteration?.method ?? '')) return 'paging-callback';
  if (loop.chunked || (loop.walkedList !== undefined && isChunkList(loop.walkedList))) return 'chunked';
  // A hand-written retry counts its attempts between constants too: it is judged as the retry it is.
  if (loop.kind !== 'callback' && loop.retry) return 'retry-loop';
  if ((loop.kind === 'for-of' || loop.kind === 'for' || loop.kind === 'for-in') && loop.paced === true) return 'paced';
  if (loop.fixedList) return 'fixed-list';
  if (loop.memoised) return 'memoised';
  if (loop.dataLoaderFallback) return 'dataloader-fallback';
  if (loop.switchOnElement) return 'switch-on-element';
  if (loop.kind !== 'callback' && loop.exitsAfter) return 'exits-loop';
  if (loop.kind !== 'callback' && loop.nextRoundFromResult === 'probe') return 'probe-loop';
  if (loop.kind !== 'callback' && loop.nextRoundFromResult === 'poll' && loop.roundsCounted === true) return 'counted-poll';
  if (loop.listCap !== undefined && loop.listCap <= CAPPED_LIST_LIMIT) return 'capped-list';
  if (loop.sequentialOnPurpose) return 'sequential-on-purpose';
  if (loop.walkedList !== undefined && listOrigin(loop.walkedList) === 'own') return 'own-list';
  if (loop.onErrorPath === true) return 'error-path';
  return undefined;
}

/**
 * What the function shows about the list a loop walks (`LoopFact.walkedList`):
 * - `data`: rows or items that grow with the data — a parameter or a part of one (a caller's list,
 *   a request's array, an event batch), the value of an `await` (fetched rows; the result field of
 *   a client's answer, `rows`/`data`/`items`), or a list computed from one of those (`map`, `filter`,
 *   spreads, `Object.values`, a helper handed the list itself);
 * - `own`: a list the code itself makes or holds — a member of one fetched object (`order.lines` of
 *   the order just loaded, a summary's phases), a member of `this` (registered tasks, configured
 *   fields), the ORM's metadata of the entity classes (`repository.metadata.relations`), a list the function builds from nothing it was given (`[]` filled as it goes, a literal),
 *   or a helper's result computed from no data list (`split(obj.embed)`, `unique([a, b])`);
 * - `unknown`: the syntax does not tell (imports, globals, reassigned variables).
 * A query per element of an `own` list is no N+1 that grows with the data: the untyped rule asks
 * for evidence that the walked list is data before it reports.
 */
export function listOrigin(list: ListExpr): 'data' | 'own' | 'unknown' {
  switch (list.kind) {
    case 'parameter':
    case 'awaited':
      return 'data';
    case 'this':
      return 'own';
    case 'unknown':
      return 'unknown';
    case 'literal':
      return combinedOrigin(list.parts);
    case 'either':
      return combinedOrigin(list.options);
    case 'member':
      if (isEntityMetadataList(list)) return 'own';
      if (list.object.kind === 'awaited') return list.property === undefined || RESULT_LIST_FIELDS.has(list.property) ? 'data' : 'own';
      return list.object.kind === 'parameter' ? 'data' : listOrigin(list.object);
    case 'call': {
      if (list.receiver !== undefined && LIST_COPYING_METHODS.has(list.method)) return combinedOrigin([list.receiver, ...(list.method === 'concat' ? list.args : [])]);
      // A helper handed lists (not a field of an object: `split(post.embed)`) returns a list as large as they are.
      return combinedOrigin(list.args.filter((arg) => arg.kind !== 'member' && arg.kind !== 'this'));
    }
  }
}

/**
 * The lists of TypeORM's entity metadata (`EntityMetadata`):
 * the columns, relations and indices an entity class declares, read through `repository.metadata`,
 * and a data source's `entityMetadatas` (one per entity class).
 */
const ENTITY_METADATA_LISTS: ReadonlySet<string> = new Set([
  'columns', 'ownColumns', 'primaryColumns', 'nonVirtualColumns', 'relations', 'ownRelations', 'eagerRelations', 'lazyRelations',
  'oneToOneRelations', 'oneToManyRelations', 'manyToOneRelations', 'manyToManyRelations', 'ownerOneToOneRelations', 'ownerManyToManyRelations',
  'relationsWithJoinColumns', 'indices', 'ownIndices', 'uniques', 'foreignKeys', 'checks', 'exclusions', 'embeddeds', 'relationIds', 'relationCounts',
]);

/**
 * A list of the schema an ORM built from the entity classes (`repository.metadata.manyToManyRelations`,
 * `dataSource.entityMetadatas`): its length is the number of relations, columns or entities the code
 * declares, not a number of rows.
 */
function isEntityMetadataList(list: Extract<ListExpr, { kind: 'member' }>): boolean {
  if (list.property === 'entityMetadatas') return true;
  return list.property !== undefined && ENTITY_METADATA_LISTS.has(list.property) && list.object.kind === 'member' && list.object.property === 'metadata';
}

/** `data` when any part is data, else `unknown` when any part is unknown, else `own` (none at all included). */
function combinedOrigin(parts: readonly ListExpr[]): 'data' | 'own' | 'unknown' {
  const origins = parts.map(listOrigin);
  return origins.includes('data') ? 'data' : origins.includes('unknown') ? 'unknown' : 'own';
}

/** Array methods (and `Object.keys/values/entries`, `Array.from` on their argument) whose result is as large as the list they read. */
const LIST_COPYING_METHODS: ReadonlySet<string> = new Set([
  'map', 'filter', 'slice', 'concat', 'sort', 'reverse', 'flat', 'flatMap', 'entries', 'keys', 'values', 'toSorted', 'toReversed', 'toSpliced', 'splice',
]);

/** The fields of a client's answer that hold its rows: pg/mysql `rows`, Supabase/HTTP `data`, DynamoDB `Items`, mssql `recordset`, search `hits`. */
const RESULT_LIST_FIELDS: ReadonlySet<string> = new Set(['rows', 'data', 'items', 'Items', 'records', 'recordset', 'results', 'docs', 'hits', 'nodes', 'edges']);

/**
 * The largest cap under which a loop over a list the function bounds itself (`if (xs.length > 30)
 * throw`) is no N+1 that grows with the data: a handful of round trips the code has promised.
 */
export const CAPPED_LIST_LIMIT = 50;

/**
 * The cap a guard puts on a list, judged on its parts: `list.length > 30` (30), `list.length >= 30`
 * (29), `30 < list.length`; undefined for anything else. `lengthOf` is the compared operand's list
 * when it reads `<list>.length`.
 */
export function capOfGuard(operator: string, left: { lengthOf?: string; number?: number }, right: { lengthOf?: string; number?: number }, list: string): number | undefined {
  if (left.lengthOf === list && right.number !== undefined) return operator === '>' ? right.number : operator === '>=' ? right.number - 1 : undefined;
  if (right.lengthOf === list && left.number !== undefined) return operator === '<' ? left.number : operator === '<=' ? left.number - 1 : undefined;
  return undefined;
}

/**
 * The batch an `if` checks the size of, when the loop fills it (`if (batch.length >= BATCH_SIZE)`, `if
 * (buffer.length === 100)`): `pushed`, the names the loop body pushes to. A call under it that reads
 * the batch, in a branch that empties it (`batch = []`, `batch.length = 0`, `batch.splice(0)`), runs
 * once per full batch (`em.persist(batch).flush(); batch = []`): the batching already done (the
 * adapters check the reading and the emptying). Undefined for a list the loop does not fill, or a test
 * against 0 or 1 (`if (rows.length > 0)`), which is no batch.
 */
export function fullBatchTested(operator: string, left: { lengthOf?: string; number?: number }, right: { lengthOf?: string; number?: number }, pushed: readonly string[]): string | undefined {
  const [list, size, upward] = left.lengthOf !== undefined ? [left.lengthOf, right, ['>=', '>', '===', '==']] : [right.lengthOf, left, ['<=', '<', '===', '==']];
  if (list === undefined || !pushed.includes(list) || !upward.includes(operator)) return undefined;
  return size.lengthOf === undefined && (size.number === undefined || size.number >= 2) ? list : undefined;
}

/**
 * Does a loop walk its list a chunk at a time (`LoopFact.chunked`)? `stepped`: the names the loop
 * steps by an amount that is not the literal 1 (`i += size`, `i = i + 100`); `slicedFrom`: the
 * names a `slice`/`subarray` in the loop body starts from (`ids.slice(i, i + size)`). A counter that
 * is both moves from one chunk to the next. `slicedByIndex`: a slice starts at a chunk number times a
 * size and ends one chunk later (`ids.slice(i * gap, (i + 1) * gap)`), the counter numbering chunks.
 */
export function walksInChunks(stepped: readonly string[], slicedFrom: readonly string[], slicedByIndex = false): boolean {
  return slicedByIndex || stepped.some((name) => slicedFrom.includes(name));
}

/**
 * Does a `splice` take a chunk off the front of a list (`ids.splice(0, 100)`, `queue.splice(0, batchSize)`)?
 * `start` and `count` are its arguments: it starts at 0 and takes a size, a name or a number above 1.
 * In a loop whose condition reads that list's length (`while (ids.length > 0)`), each round takes the
 * next chunk until the list is drained (`LoopFact.chunked`): one call per chunk, the batching already done.
 * One item at a time (`splice(0, 1)`) is a queue drained per item, not a chunk.
 */
export function splicesChunkFromFront(start: ValueFact | undefined, count: ValueFact | undefined): boolean {
  if (start?.kind !== 'number' || start.value !== 0 || count === undefined) return false;
  return count.kind === 'identifier' || count.kind === 'member' || (count.kind === 'number' && (count.value ?? 0) > 1);
}

/**
 * Does a slice take the chunk a counter numbers (`LoopFact.chunked`'s `slicedByIndex`)? It starts
 * at `counter * k` (or `k * counter`, `k` a name or a number above 1) and ends where the next chunk
 * starts, `(counter + 1) * k` or `counter * k + k` with the same `k` (`ids.slice(i * gap, (i + 1) * gap)`).
 * `counter` is the name a `for` loop steps by 1; `start` and `end` the slice's arguments.
 */
export function slicesNumberedChunk(start: ValueFact, end: ValueFact, counter: string): boolean {
  const size = sizeTimesCounter(start, counter);
  if (size === undefined || end.kind !== 'binary') return false;
  const either = (test: (a: ValueFact, b: ValueFact) => boolean, a: ValueFact, b: ValueFact): boolean => test(a, b) || test(b, a);
  if (end.operator === '+') return either((product, added) => sameSize(sizeTimesCounter(product, counter), size) && sameSize(added, size), end.left, end.right);
  return end.operator === '*' && either((sum, other) => sameSize(other, size) && sum.kind === 'binary' && sum.operator === '+' &&
    either((name, one) => name.kind === 'identifier' && name.name === counter && one.kind === 'number' && one.value === 1, sum.left, sum.right), end.left, end.right);
}

/** The size `k` of `counter * k` (or `k * counter`), `k` a name or a number above 1. */
function sizeTimesCounter(value: ValueFact, counter: string): ValueFact | undefined {
  if (value.kind !== 'binary' || value.operator !== '*') return undefined;
  const isCounter = (side: ValueFact): boolean => side.kind === 'identifier' && side.name === counter;
  const size = isCounter(value.left) ? value.right : isCounter(value.right) ? value.left : undefined;
  return size !== undefined && (size.kind === 'identifier' || (size.kind === 'number' && (size.value ?? 0) > 1)) ? size : undefined;
}

/** The same chunk size: one name, or one number. */
function sameSize(a: ValueFact | undefined, b: ValueFact): boolean {
  return (a?.kind === 'identifier' && b.kind === 'identifier' && a.name === b.name) || (a?.kind === 'number' && b.kind === 'number' && a.value !== undefined && a.value === b.value);
}

/**
 * Functions that cut a list into chunks of a size: lodash `chunk`, a project's `chunkArray` /
 * `chunkList` / `chunkIds` / `splitIntoBatches`, an iterator's `asyncBatchIterate(rows, 500)`. Not text chunkers (`chunkText`, `splitIntoChunks` of a
 * document) nor domain batches (`parseBatches`, `getBatches`).
 */
const CHUNKING_FUNCTION = /^(?:chunk|chunks|chunkify|chunkArray|chunkList|chunkIds|chunkItems|arrayChunks|splitIntoBatches|toBatches|inBatchesOf|batchIterate|asyncBatchIterate|batchIterator|iterateInBatches|batched)$/;

/**
 * A list made by cutting another into chunks of a given size (`for (const chunk of chunkArray(ids, 50))`,
 * `_.chunk(ids, 100).map((part) => …)`): each round's call takes a whole chunk, the batching already done.
 */
export function isChunkList(list: ListExpr): boolean {
  return list.kind === 'call' && CHUNKING_FUNCTION.test(list.method) && list.args.length >= 2;
}

/** Methods that write a whole list of entities in one call (`manager.save(rows)`, `repository.insert(rows)`): `LoopFact.savedTogether`. */
export const WHOLE_LIST_WRITES: ReadonlySet<string> = new Set(['save', 'insert']);

/** The library whose model classes build entities in memory with a static `create` (`BaseEntity.create`): a file importing it shows `LoopFact.savedTogether`'s evidence. */
export const WHOLE_LIST_WRITER_PACKAGE = 'typeorm';

/** Array methods that take a part of a list from a start index: the chunk of a chunked loop. */
export const CHUNK_METHODS: ReadonlySet<string> = new Set(['slice', 'subarray']);

/** A value computed by the loop body from others: a declaration (`const x = f(a, b)`) or an assignment (`x = …`). */
export interface NameFlow {
  /** The names written: a declaration's bindings, an assignment's target. */
  readonly targets: readonly string[];
  /** The names the value reads. */
  readonly reads: readonly string[];
  /** The names read by the tests of the `if`s that decide whether an assignment runs (`if (taken) slug = undefined`). */
  readonly guards?: readonly string[];
}

/**
 * The names whose value comes from `seeds`, through the flows of a loop body (to a fixed point,
 * whatever the order of the statements: a loop's body runs again after its last statement). Sorted.
 */
export function namesFedBy(seeds: Iterable<string>, flows: readonly NameFlow[]): string[] {
  return [...closeOver(seeds, flows.map((flow) => ({ from: flow.reads, to: flow.targets })))].sort();
}

/** `seeds` and every name an edge leads to from a name already reached, to a fixed point. */
function closeOver(seeds: Iterable<string>, edges: readonly { readonly from: readonly string[]; readonly to: readonly string[] }[]): Set<string> {
  const reached = new Set(seeds);
  for (let changed = true; changed;) {
    changed = false;
    for (const edge of edges) {
      if (!edge.from.some((name) => reached.has(name))) continue;
      for (const name of edge.to) {
        if (!reached.has(name)) {
          reached.add(name);
          changed = true;
        }
      }
    }
  }
  return reached;
}

/** What a loop statement shows about how the value of a call in its body steers it. */
export interface LoopSteering {
  /** The call is (part of) the loop's condition. */
  readonly inCondition: boolean;
  /** The names the call's value (or a value computed from it) is stored in by its own statement. */
  readonly stored: readonly string[];
  /** The names the call reads: its receiver chain and its arguments. */
  readonly keyReads: readonly string[];
  /** Declarations and assignments of the loop body (and of a `for` loop's update). */
  readonly flows: readonly NameFlow[];
  /** The names the loop body assigns (`x = …`, `x++`, `x.slug = …` writes `x`), and a `for` loop's update. */
  readonly written: readonly string[];
  /** The names the loop's condition reads; undefined for an endless loop (`while (true)`, `for (;;)`). */
  readonly conditionReads: readonly string[] | undefined;
  /** The names read by the conditions of the `if`s that leave the loop (`if (!row) break;`, `if (!taken) return code;`). */
  readonly exitConditionReads: readonly (readonly string[])[];
}

/**
 * How a call's result steers its loop (`LoopFact.nextRoundFromResult`). The loop's condition reads
 * the result or a value computed from it, or the loop leaves on one (`if (rows.length === 0) break`,
 * `if (!taken) return code`). Then, `cursor` when
 * the call's key is computed from the result — the next row of a linked list (one recursive query
 * would do), the last row of a keyset page; `probe` when the key is one the loop body changes
 * itself — a search for a free slug, whose rounds cannot be issued together by construction.
 * `poll` when the same call runs every round until its result says stop (a queue drained a page
 * at a time, a page read through a builder kept in a variable). Undefined when the result steers nothing.
 */
export function nextRoundFromResult(steering: LoopSteering): 'probe' | 'cursor' | 'poll' | undefined {
  const fed = new Set(namesFedBy(steering.stored, steering.flows));
  // What the result decided, not computed, steers the loop too: `if (taken) slug = undefined` ends
  // no `while (!slug)` round, `if (!found) unique = true` ends `while (!unique)`. A key is computed
  // from the result (a cursor) by its value only.
  const decided = new Set(namesFedBy(steering.stored, steering.flows.map((flow) => ({ targets: flow.targets, reads: [...flow.reads, ...(flow.guards ?? [])] }))));
  const reads = (names: readonly string[]): boolean => names.some((name) => decided.has(name));
  const byValue = steering.inCondition || (steering.stored.length > 0 && steering.conditionReads !== undefined && steering.conditionReads.some((name) => fed.has(name)));
  const byCondition = byValue || (steering.stored.length > 0 && steering.conditionReads !== undefined && reads(steering.conditionReads));
  const byExit = steering.stored.length > 0 && steering.exitConditionReads.some(reads);
  if (!byCondition && !byExit) return undefined;
  const key = namesFeeding(steering.keyReads, steering.flows);
  if (key.some((name) => fed.has(name))) return 'cursor';
  const changed = key.filter((name) => steering.written.includes(name));
  if (changed.length === 0) return 'poll';
  // A loop whose test reads a key it steps itself (`for (let i = 0; i < ids.length; i++)`, `while (i <
  // items.length) { …; i++ }`) walks a list, and leaving early on a missing row, or on a flag the row
  // set (`i < ids.length && !missing`), makes no search of it: one row per element. A key the answer
  // decided (`if (taken) slug = undefined`) is a search's candidate, as is a key the test does not
  // read (`code = nanoid()` under `while (!unique)`). (An endless loop whose counter only numbers the
  // candidates, `for (let n = 1; ; n++)`, and a counted search whose key is a fresh candidate, are searches.)
  const boundedWalk = !byValue && steering.conditionReads !== undefined && changed.some((name) => steering.conditionReads?.includes(name) === true && !decided.has(name));
  return boundedWalk ? undefined : 'probe';
}

/** The names `names` are computed from, through the flows (backwards, to a fixed point), themselves included. */
function namesFeeding(names: readonly string[], flows: readonly NameFlow[]): string[] {
  return [...closeOver(names, flows.map((flow) => ({ from: flow.targets, to: flow.reads })))];
}

/**
 * Is a comment a directive that turns ESLint's `no-await-in-loop` off (`eslint-disable-next-line`,
 * `eslint-disable-line` or a block `eslint-disable`)? Judged on the comment's text, without its delimiters.
 */
export function disablesAwaitInLoop(comment: string): 'next-line' | 'line' | 'block' | undefined {
  const match = /^\s*eslint-disable(-next-line|-line)?(?:\s+([\s\S]*))?$/.exec(withoutReason(comment));
  if (match === null || !(match[2] ?? '').split(/[\s,]+/).includes('no-await-in-loop')) return undefined;
  return match[1] === '-next-line' ? 'next-line' : match[1] === '-line' ? 'line' : 'block';
}

/** A directive without its description (`eslint-disable-line rule -- why`). */
function withoutReason(comment: string): string {
  return comment.split(/\s-{2,}\s/)[0] ?? '';
}

/** Is a comment a directive that turns `no-await-in-loop` (or every rule) back on? */
export function enablesAwaitInLoop(comment: string): boolean {
  const match = /^\s*eslint-enable(?:\s+([\s\S]*))?$/.exec(withoutReason(comment));
  return match !== null && (match[1] === undefined || match[1].trim() === '' || match[1].split(/[\s,]+/).includes('no-await-in-loop'));
}

/** A comment with the (1-based) lines it starts and ends on. */
export interface CommentLines {
  readonly text: string;
  readonly startLine: number;
  readonly endLine: number;
}

/**
 * Is the `await` on `line` excused from ESLint's `no-await-in-loop` by a comment: the line before
 * says `eslint-disable-next-line no-await-in-loop`, the line itself `eslint-disable-line`, or a block
 * `eslint-disable no-await-in-loop` above has not been turned back on. The team chose to run the
 * loop one round after the other.
 */
export function awaitMarkedSequential(comments: readonly CommentLines[], line: number): boolean {
  let block = false;
  for (const comment of [...comments].sort((a, b) => a.startLine - b.startLine)) {
    if (comment.startLine > line) break;
    const directive = disablesAwaitInLoop(comment.text);
    if (directive === 'next-line' && comment.endLine === line - 1) return true;
    if (directive === 'line' && comment.startLine === line) return true;
    if (directive === 'block') block = true;
    else if (enablesAwaitInLoop(comment.text)) block = false;
  }
  return block;
}

/** Why a query run in a loop is no N+1 whatever the loop. */
export type QueryExemption = 'batched' | 'paginated' | 'probe' | 'drain' | 'schema-statement' | 'script-file';

/**
 * A query that is no N+1 by itself: it already takes many keys (`whereIn`, `IN (…)`), reads one
 * page, probes the connection (`SELECT 1`), drains a table in bounded writes (`DELETE … LIMIT n`
 * until nothing is left) or changes the schema (`DROP TABLE "t_1"`): one statement per named object.
 */
export function queryExemption(match: QueryMatch, chain: ChainFact): QueryExemption | undefined {
  if (match.batched) return 'batched';
  if (match.paginated) return 'paginated';
  if (isProbeQuery(match, chain)) return 'probe';
  if (isDrain(match, chain)) return 'drain';
  if (isSchemaStatement(match, chain)) return 'schema-statement';
  if (runsScriptFile(chain)) return 'script-file';
  return undefined;
}

/** Reading a file's text: `fs.readFileSync(path)`, `await readFile(path, 'utf8')`, `fs.promises.readFile(path)`. */
const FILE_READS: ReadonlySet<string> = new Set(['readFileSync', 'readFile']);

/**
 * The query runs, with no values of its own, SQL text read from a file whose path the code builds
 * (`pool.query(fs.readFileSync(path).toString())`, `db.exec(processUpgrade(readFileSync(file, 'utf8')))`):
 * a loop of such calls applies one script after another (schema upgrades in order, seed files), each
 * a different statement, which no batch merges. A named statement file run with each row's values
 * (`pool.query(readFileSync('./sql/upsert_user.sql', 'utf8'), [user.id])`) is one query per row.
 */
function runsScriptFile(chain: ChainFact): boolean {
  const readsBuiltPath = (value: ValueFact | undefined, depth: number): boolean =>
    value?.kind === 'call' &&
    depth < 4 &&
    value.chain.segments.some((segment) => (FILE_READS.has(segment.name) && segment.call !== undefined && segment.call.args[0] !== undefined && segment.call.args[0].kind !== 'string') || (segment.call?.args.some((arg) => readsBuiltPath(arg, depth + 1)) ?? false));
  const query = chain.segments[chain.segments.length - 1];
  return query?.call !== undefined && query.call.args.length === 1 && readsBuiltPath(query.call.args[0], 0);
}

/** A write with a `LIMIT` run until nothing is left (`DELETE … WHERE id IN (SELECT … LIMIT 1000)`): a drain, already batched. */
function isDrain(match: QueryMatch, chain: ChainFact): boolean {
  if (match.access !== 'write') return false;
  return chain.segments.some((segment) => segment.call?.args.some((arg) => (arg.kind === 'string' || arg.kind === 'template') && /\blimit\s+(?:\d+|\$\d+|\?|:\w+)/i.test(arg.text)) ?? false) ||
    chain.segments.some((segment) => segment.name === 'limit' && segment.call !== undefined);
}

/** Why a query in a loop does not cost one round trip per item although the loop runs per item. */
export type QueryInLoopExemption = 'batch-transaction' | 'built-then-saved' | 'same-tick' | 'per-element' | 'per-element-table' | 'schema-script' | 'keyset-page' | 'row-own-values' | 'ordered-operations' | 'isolated-row-write' | 'nested-create' | 'workflow-step';

/**
 * Judgements that need both the query and its place in the loop: a Prisma query collected for a batch
 * `$transaction([...])` after the loop (`LoopFact.batchedInTransaction`) is the batched form; Prisma batches `findUnique`
 * calls issued in one tick; `collections.map((c) => c.deleteMany())` queries a different table
 * through each element, which no batching can merge (an active-record `doc.save()` on each element
 * is still one table, N times), and so does a builder write to a table the round names
 * (`writesTableOfRound`). A raw call that runs the statements a schema statement builder returned,
 * one by one, walks one schema change (`runsSchemaScript`). An update that gives each row its own values, in a library with no
 * statement for that, has no batched form; a write in one branch of a dispatch on the element's
 * kind applies a list of operations in order, which batching per kind would reorder. A capped read
 * in a loop its result steers (the key from the last round's rows, or the same page query until it
 * comes back short) reads the next page. A write of the row's own values (`writeCarriesRowValues`)
 * in a `try` per row whose `catch` never rethrows (it logs or records the row's failure and goes
 * on) makes each row its own unit of work: one batched write would let one bad row fail them all.
 * A write that carries nothing of the row but its key (`update({ where: { id }, data: { status:
 * 'cancelled' } })`, a delete) is one `updateMany`/`WHERE id IN (…)` whatever the catch does. A Prisma `create` that writes its children in
 * the same call (`fields: { createMany: … }`, or the element it spreads, mapped to such an object:
 * `LoopFact.elementObject`) has no batched form: `createMany` takes no nested writes.
 * A write that the round follows with other awaited work that is no query (`awaitsWorkAfter`: an
 * event about the row just removed, the stock level after the adjustment just recorded, the next
 * step of an external refund) is one step of a per-element workflow whose later steps rely on it:
 * batching the write means splitting the round in two, and leaves the round trips of the rest. A
 * read stays reported there (batchable by `IN` before the loop whatever follows), and so does a
 * write that only awaited work before it feeds (`await factory.build(row)` then `save`): build the
 * rows, then write them once.
 */
export function queryInLoopExemption(match: QueryMatch, chain: ChainFact, loop: LoopFact): QueryInLoopExemption | undefined {
  // Collected for Prisma's batch `$transaction([...])`: the batched form the message itself advises.
  // Not so a write giving every row the same values (`data: { active: false }`, a delete by key): one `updateMany` / `deleteMany` does it.
  if (loop.batchedInTransaction === true && match.library === 'prisma' && !match.transaction && !setsSameValuesOnEveryRow(match, chain, loop)) return 'batch-transaction';
  // A model class's static `create` whose entity is collected and saved whole after the loop
  // (TypeORM's `BaseEntity.create` builds in memory; `manager.save(rows)`): one write for all rows, the batched form itself.
  const root = chain.segments[0];
  if (loop.savedTogether === true && match.operationIndex === 1 && root !== undefined && root.call === undefined && /^[A-Z]/.test(root.name) && chain.segments[1]?.name === 'create') return 'built-then-saved';
  if (loop.sameTick && isPrismaTickBatched(match, chain)) return 'same-tick';
  if (!match.activeRecord && root !== undefined && root.call === undefined && queriesThroughElement(root.name, match.operationIndex, loop)) return 'per-element';
  if (writesTableOfRound(match, chain, loop)) return 'per-element-table';
  if (runsSchemaScript(match, chain, loop)) return 'schema-script';
  if ((loop.nextRoundFromResult === 'cursor' || loop.nextRoundFromResult === 'poll') && match.access === 'read' && readsOnePage(chain)) return 'keyset-page';
  if (updatesRowWithItsOwnValues(match, chain, loop)) return 'row-own-values';
  if (match.access === 'write' && loop.dispatchOnElementKind) return 'ordered-operations';
  if (loop.rowFailureCaught && writeCarriesRowValues(match, chain, loop)) return 'isolated-row-write';
  if (createsWithNestedWrites(match, chain, loop)) return 'nested-create';
  if (match.access === 'write' && loop.awaitsWorkAfter === true) return 'workflow-step';
  return undefined;
}

/**
 * A Prisma update or delete that gives every row the same values: its `data` reads neither the row nor
 * the loop's counter (`data: { order: index }` gives each row its place), or it removes rows by key.
 * One `updateMany` / `deleteMany` over the keys does the same in one statement.
 */
function setsSameValuesOnEveryRow(match: QueryMatch, chain: ChainFact, loop: LoopFact): boolean {
  const operation = chain.segments[match.operationIndex];
  if (match.access !== 'write' || operation === undefined) return false;
  if (/^delete(?:Many)?$/.test(operation.name)) return true;
  if (operation.name !== 'update' && operation.name !== 'updateMany') return false;
  const data = propertyOf(operation.call?.args[0], 'data');
  return data !== undefined && !readsRow(data, { rowNames: [...loop.rowNames, ...(loop.counterNames ?? [])], ...(loop.rowIndex === undefined ? {} : { rowIndex: loop.rowIndex }) });
}

/** Query builder steps that name the table a query acts on: Knex `from`/`into`/`table`, Kysely `selectFrom`/`updateTable`/…. */
const TABLE_STEPS: ReadonlySet<string> = new Set(['from', 'into', 'table', 'selectFrom', 'insertInto', 'updateTable', 'deleteFrom']);

/**
 * A builder write whose table the round names and which takes nothing else from the row
 * (`for (const table of copied) await knex(renamed(table)).update({ version: 1 })`; the text of such
 * a builder run raw too): each round writes a table of its own, which no `WHERE id IN (…)` merges.
 * A write that also keys or fills by the row (`knex(row.kind).where({ id: row.id })`) writes rows of
 * one table per kind, and a read's "table" may be a subquery the row filters (`selectFrom(recent)`
 * with `recent` built per row): both stay reported.
 */
function writesTableOfRound(match: QueryMatch, chain: ChainFact, loop: LoopFact): boolean {
  if (match.access !== 'write') return false;
  const text = match.raw ? chain.segments[match.operationIndex]?.call?.args[0] : undefined;
  const builder = builderOfText(text) ?? chain;
  const { segments } = builder;
  const tableAt = segments.findIndex((segment, index) => segment.call !== undefined && (TABLE_STEPS.has(segment.name) || index === 0 || (index === 1 && segments[0]?.name === 'this')));
  const table = tableAt === -1 ? undefined : segments[tableAt]?.call?.args[0];
  if (table?.kind !== 'identifier' || !loop.rowNames.includes(table.name)) return false;
  const others = segments.flatMap((segment, index) => (segment.call?.args ?? []).filter((_, position) => !(index === tableAt && position === 0)));
  const rawParameters = builder === chain ? [] : (chain.segments[match.operationIndex]?.call?.args.slice(1) ?? []);
  return [...others, ...rawParameters].every((arg) => !readsRow(arg, loop));
}

/**
 * A raw call that runs, one after the other, the statements a schema statement builder returned as
 * a list (`for (const sql of this.dialect.renameColumn(t, a, b)) await prisma.$executeRawUnsafe(sql)`;
 * `sql.sql` of Knex's `toSQL()` objects too): the loop walks the statements of one schema change, as
 * many as the dialect needs, not one per row.
 */
function runsSchemaScript(match: QueryMatch, chain: ChainFact, loop: LoopFact): boolean {
  const list = loop.walkedList;
  if (!match.raw || list?.kind !== 'call' || !buildsSchemaStatement([list.method])) return false;
  const text = chain.segments[match.operationIndex]?.call?.args[0];
  if (text?.kind === 'identifier') return loop.elementNames.includes(text.name);
  return text?.kind === 'member' && text.path.length === 2 && loop.elementNames.includes(text.path[0] ?? '');
}

/** Calls that only wait (`sleep(100)`, `delay(ms)`, `setTimeout`): no work of their own. */
const WAIT_CALLS = /^(?:sleep|delay|wait|timeout|setTimeout|setImmediate|nextTick|yieldToEventLoop)$/;

/** Receiver words of calls that record a round rather than carry it on: metrics and tracing. */
const RECORDING_RECEIVER_WORDS: ReadonlySet<string> = new Set(['metric', 'metrics', 'stats', 'statsd', 'telemetry', 'tracer', 'tracing', 'span', 'prometheus', 'histogram', 'gauge']);
/** Receivers that are the response being written or a stream of output (`res.write`, `exportStream.write`). */
const OUTPUT_RECEIVERS: ReadonlySet<string> = new Set([...RESPONSE_RECEIVER_NAMES.express, ...RESPONSE_RECEIVER_NAMES.fastify]);
const OUTPUT_RECEIVER_WORDS: ReadonlySet<string> = new Set(['stream', 'writer', 'socket']);

/**
 * An awaited call that records or reports a round rather than carries its work on: a log line
 * (`this.logger.info`), a metric or span (`metrics.increment`), a cache entry set or dropped
 * (`this.cache.set`, `redis.del`), a chunk of the response or of an output stream (`res.write`), a
 * progress report (`job.updateProgress`). None of them needs the write to stay one statement per
 * element: write the rows once, then log, count, cache or report them.
 */
function recordsRound(names: readonly string[]): boolean {
  const method = names[names.length - 1] ?? '';
  const receivers = names.slice(0, -1).filter((name) => name !== 'this');
  if (/progress/i.test(method)) return true;
  return receivers.some((name) => {
    if (name === 'console' || isLoggerName(name) || OUTPUT_RECEIVERS.has(name)) return true;
    const parts = nameParts(name);
    const last = parts[parts.length - 1] ?? '';
    return parts.some((part) => RECORDING_RECEIVER_WORDS.has(part) || (CACHE_CLIENT_NAME_WORDS as readonly string[]).includes(part)) || OUTPUT_RECEIVER_WORDS.has(last);
  });
}

/**
 * Is an awaited call of a loop round, which is no query, other work of the round
 * (`LoopFact.awaitsWorkAfter`)? `names` is its callee chain as written (`['this', 'events',
 * 'publish']`), `isNew` for `new X(…)`. Waiting (`sleep`, `new Promise(…)`), `Promise` combinators
 * (whose queries are judged where they are written) and calls that only record the round (a log
 * line, a metric, a cache entry, the response written, a progress report) are not.
 */
export function isOtherWorkCall(names: readonly string[], isNew: boolean): boolean {
  const last = names[names.length - 1] ?? '';
  if (names.length === 0 || last === '') return false;
  if (names[0] === 'Promise' || /^(?:Bluebird|bluebird|BPromise)$/.test(names[0] ?? '')) return false;
  if (isNew) return last !== 'Promise';
  return !WAIT_CALLS.test(last) && !recordsRound(names);
}

/** The nested writes of a Prisma relation field (`connect` aside: a foreign key `createMany` takes as well). */
const PRISMA_NESTED_WRITES: ReadonlySet<string> = new Set(['create', 'createMany', 'connectOrCreate', 'upsert']);

/**
 * A Prisma `create` whose `data` writes a relation's rows in the same call (`{ fields: { createMany:
 * { data } } }`), written in the call or carried by the element it spreads or passes (`data: {
 * ...input, parent }` over a list the function mapped to such objects: `LoopFact.elementObject`).
 */
function createsWithNestedWrites(match: QueryMatch, chain: ChainFact, loop: LoopFact): boolean {
  const operation = chain.segments[match.operationIndex];
  if (match.library !== 'prisma' || operation?.name !== 'create') return false;
  const data = propertyOf(operation.call?.args[0], 'data');
  const element = loop.elementObject;
  const isElement = (value: ValueFact): boolean => value.kind === 'identifier' && loop.elementNames.includes(value.name);
  return writesNested(data) || (element !== undefined && writesNested(element) && data !== undefined && (isElement(data) || (data.kind === 'object' && data.spreads.some(isElement))));
}

/** Does a create's `data` object give a relation field a nested write (`{ requests: { create: [...] } }`)? */
function writesNested(data: ValueFact | undefined): boolean {
  return data?.kind === 'object' && data.properties.some((field) => field.value.kind === 'object' && field.value.properties.some((nested) => nested.key !== undefined && PRISMA_NESTED_WRITES.has(nested.key)));
}

/**
 * The query's receiver comes from the element: the element itself (`collection.deleteMany()`), or a
 * model held by a value the loop body takes from it (`const config = configs[key]; config.model.count()`).
 */
function queriesThroughElement(root: string, operationIndex: number, loop: LoopFact): boolean {
  return (operationIndex >= 1 && loop.elementNames.includes(root)) || (operationIndex >= 2 && loop.rowNames.includes(root));
}

/** Keys and builder methods that size a page (`take: 100`, `.limit(25)`, `first: 50`). */
const PAGE_SIZE_KEYS: readonly string[] = ['take', 'limit', 'first', 'pageSize', 'perPage'];

/**
 * A read capped to a page (`.limit(25)`, `{ take: 100 }`, or a builder variable built with one:
 * `const qb = db.selectFrom('t').limit(50)`): with a key taken from the last round's rows, keyset
 * paging — one query per page, not per row.
 */
function readsOnePage(chain: ChainFact): boolean {
  const builder = chain.binding?.kind === 'variable' && chain.binding.length === 1 ? chain.binding.initializer?.calls : undefined;
  if (builder?.some((name) => name === 'limit' || name === 'take') === true) return true;
  return chain.segments.some((segment) => segment.call !== undefined && ((segment.name === 'limit' || segment.name === 'take') ||
    segment.call.args.some((arg) => arg.kind === 'object' && arg.properties.some((property) => property.key !== undefined && PAGE_SIZE_KEYS.includes(property.key)))));
}

/**
 * Libraries with no statement that updates many rows each with its own values: Prisma's
 * `updateMany` and TypeORM's, Sequelize's, Knex's, Kysely's and Drizzle's `update` give every row
 * the same values (Mongo's `bulkWrite`/`bulkSave` and MikroORM's flush do batch distinct updates).
 */
const NO_BULK_UPDATE_OF_DISTINCT_ROWS: ReadonlySet<DbLibrary> = new Set(['prisma', 'typeorm', 'sequelize', 'knex', 'kysely', 'drizzle']);

/**
 * An update of one row with values read from that row (`prisma.x.update({ where: { id: r.id },
 * data: { rank: r.score } })`, `repo.update(r.id, { total })` with `total` computed from `r`,
 * `role.permissions = …; repo.save(role)`), in a library with no bulk form for distinct values.
 * A Prisma `upsert` whose `update` reads the row counts when the iteration goes on with the row it
 * returns (`resultReadLater`: its id keys the next writes): Prisma has no `upsertMany`, and no bulk
 * form returns each row's record; an upsert whose result nobody reads is one `INSERT … ON CONFLICT`.
 * Values that do not depend on the row (`data: { status: 'SHIPPED' }`, the loop counter alone)
 * make one `updateMany`/`WHERE id IN (…)`, and stay an N+1.
 */
function updatesRowWithItsOwnValues(match: QueryMatch, chain: ChainFact, loop: LoopFact): boolean {
  return match.access === 'write' && NO_BULK_UPDATE_OF_DISTINCT_ROWS.has(match.library) && updateSetsRowValues(match, chain, loop);
}

/** An update whose values read the row, judged per library (`updatesRowWithItsOwnValues`, `writeCarriesRowValues`). */
function updateSetsRowValues(match: QueryMatch, chain: ChainFact, loop: LoopFact): boolean {
  const { segments } = chain;
  const operation = segments[match.operationIndex];
  const args = operation?.call?.args ?? [];
  const rowValue = (value: ValueFact | undefined): boolean => value !== undefined && readsRow(value, loop);
  // Raw SQL text a builder rendered (`$executeRawUnsafe(knex(t).update({ rank: row.rank }).where(…).toQuery())`, or a
  // `const` holding it): the builder's update is the write.
  const builder = match.raw ? builderOfText(args[0]) : undefined;
  if (builder !== undefined) return builderUpdatesRowValues(builder.segments, loop);
  switch (match.library) {
    case 'prisma':
      if (operation?.name === 'upsert') return loop.resultReadLater === true && rowValue(propertyOf(args[0], 'update'));
      return (operation?.name === 'update' || operation?.name === 'updateMany') && rowValue(propertyOf(args[0], 'data'));
    case 'typeorm':
      if (operation?.name === 'save' && args.length >= 1) return savesChangedElement(args[0], loop);
      if (operation?.name === 'update' && args.length >= 2) return rowValue(args[1]);
      return builderSetsRowValues(segments, 'update', loop);
    case 'sequelize':
      if (operation?.name === 'save' && match.activeRecord) return segments.length === 2 && loop.changedElements.includes(segments[0]?.name ?? '');
      return operation?.name === 'update' && rowValue(args[0]);
    case 'knex':
      return operation?.name === 'update' && (args.length >= 2 ? rowValue(args[1]) : rowValue(args[0])) || builderUpdatesRowValues(segments, loop);
    case 'kysely':
      return builderSetsRowValues(segments, 'updateTable', loop);
    case 'drizzle':
      return builderSetsRowValues(segments, 'update', loop);
    default:
      return false;
  }
}

/** Keys of a write's argument that pick or shape the rows rather than give them values. */
const ROW_PICKING_KEYS: ReadonlySet<string> = new Set(['where', 'select', 'include', 'omit', 'returning', 'filter', 'transaction']);

/** A name that holds a row's key rather than its values (`id`, `orderId`, `user_id`, `key`, `uuid`). */
const KEY_NAME = /^(?:_?id|key|uuid|ids|keys)$|(?:Id|Ids|_id|_ids|Key|Uuid)$/;

/** Operations that remove rows: they carry no values, only keys. */
const REMOVES = /^(?:delete|remove|destroy|del|truncate|softDelete|softRemove)/i;

/**
 * Does a write carry values of the row beyond its key? The update judgement of
 * `updatesRowWithItsOwnValues` (any library), or, for any other write, a value the row gives that
 * is not the row's key: a `data`/`create`/insert object's field (`{ email: row.email }`), the
 * element itself (`repo.save(order)`), a builder's `set`/`values`, a bound parameter of raw SQL —
 * `where` and filter arguments, a key passed alone (`id`, `order.id`) and deletes aside. Exempts a
 * write in a `try` per row (`isolated-row-write`) only when it holds: one that sets the same values
 * on every key is one `updateMany`/`WHERE id IN (…)`.
 */
export function writeCarriesRowValues(match: QueryMatch, chain: ChainFact, loop: LoopFact): boolean {
  if (match.access !== 'write') return false;
  if (updateSetsRowValues(match, chain, loop)) return true;
  const operation = chain.segments[match.operationIndex];
  if (operation === undefined || REMOVES.test(operation.name)) return false;
  if (match.activeRecord && loop.changedElements.includes(chain.segments[0]?.name ?? '')) return true;
  return chain.segments.some((segment) => segment.call !== undefined && !/^(?:and|or)?where/i.test(segment.name) &&
    segment.call.args.some((arg) => givesRowValue(arg, loop, true)));
}

/**
 * Does a write's argument give a value read from the row (`names`)? Row-picking keys (`where`)
 * aside; at the top of the call (an argument, a raw parameter) a key name (`id`, `order.id`) or a
 * filter of key fields only (`{ _id: id }`) is the row's key, not a value; inside a values object
 * every field counts (`data: { userId: member.userId }` gives the row its own foreign key).
 */
function givesRowValue(value: ValueFact, row: RowReads, top: boolean): boolean {
  switch (value.kind) {
    case 'identifier':
      return row.rowNames.includes(value.name) && !(top && KEY_NAME.test(value.name));
    case 'member':
      return row.rowNames.includes(value.path[0] ?? '') && !(top && KEY_NAME.test(value.path[value.path.length - 1] ?? ''));
    case 'object':
      if (top && value.spreads.length === 0 && value.properties.every((property) => property.key !== undefined && KEY_NAME.test(property.key))) return false;
      return value.properties.some((property) => !(property.key !== undefined && ROW_PICKING_KEYS.has(property.key)) && givesRowValue(property.value, row, false)) ||
        value.spreads.some((spread) => readsRow(spread, row));
    case 'array':
      return value.elements.some((element) => givesRowValue(element, row, top));
    case 'template':
      return value.expressions.some((expression) => givesRowValue(expression, row, top));
    case 'other':
      if (value.branches !== undefined) return value.branches.some((branch) => givesRowValue(branch, row, top));
      if (value.element !== undefined) return readsRow(value, row) && !(top && KEY_NAME.test([...value.element.list, ...value.element.path].at(-1) ?? ''));
      return value.reads !== undefined && readsRow(value, row);
    default:
      return readsRow(value, row);
  }
}

/** The shape of the initial value of a local of the loop body: `await …`, a member (`order.lines[i]`, `row.owner`), anything else. */
export type StoredRowShape = 'awaited' | 'member' | 'other';

/**
 * Does a local of the loop body hold a row already stored, whose changed properties a `save` writes
 * as an update? A fetched value (`const level = await repo.findOne(…)`) or a part of one the code
 * holds (`let line = order.lines[i]`) does; a row built in the loop (`new Line(…)`, an object
 * literal, a factory call, awaited or not: {@link awaitedShape}) is new, and saving it inserts —
 * inserts of distinct rows batch.
 */
export function holdsStoredRow(shape: StoredRowShape): boolean {
  return shape === 'awaited' || shape === 'member';
}

/**
 * The shape of a local's initial value that awaits a call named `method` (its last name): a read
 * (`await repo.findOne(…)`, `await this.loadLevel(id)`) fetches a stored row; any other awaited call
 * (`await factory.fromRow(row)`, `await build(row)`) may make a new one, which a save inserts.
 */
export function awaitedShape(method: string | undefined): StoredRowShape {
  return method !== undefined && isReadMethodName(method) ? 'awaited' : 'other';
}

/** `repo.save(role)` where the loop set the properties of `role` (an element, or a stored row it holds) from the row's own values. */
function savesChangedElement(arg: ValueFact | undefined, loop: LoopFact): boolean {
  return arg?.kind === 'identifier' && loop.changedElements.includes(arg.name);
}

/**
 * A query builder's update whose values read the row: Knex `.update({ … })` / `.update(column, value)`,
 * Kysely `updateTable(t).set({ … })`, Drizzle and TypeORM `update(t).set({ … })`.
 */
function builderUpdatesRowValues(segments: ChainFact['segments'], loop: LoopFact): boolean {
  const updateReadsRow = (args: readonly ValueFact[]): boolean => {
    const values = args.length >= 2 ? args[1] : args[0];
    return values !== undefined && readsRow(values, loop);
  };
  return segments.some((segment) => segment.name === 'update' && segment.call !== undefined && updateReadsRow(segment.call.args)) ||
    builderSetsRowValues(segments, 'update', loop) || builderSetsRowValues(segments, 'updateTable', loop);
}

/** A builder update (`update(t).set({ … })`, `updateTable('t').set({ … })`) whose `set` reads the row. */
function builderSetsRowValues(segments: ChainFact['segments'], start: string, loop: LoopFact): boolean {
  const from = segments.findIndex((segment) => segment.name === start && segment.call !== undefined);
  if (from === -1) return false;
  return segments.slice(from + 1).some((segment) => segment.name === 'set' && segment.call !== undefined && segment.call.args.some((arg) => readsRow(arg, loop)));
}

function propertyOf(value: ValueFact | undefined, key: string): ValueFact | undefined {
  return value?.kind === 'object' ? value.properties.find((property) => property.key === key)?.value : undefined;
}

/** What holds the current row in a loop round: the names (`LoopFact.rowNames`) and, in a counted loop, the list the counter indexes. */
type RowReads = Pick<LoopFact, 'rowNames' | 'rowIndex'>;

/**
 * Does a value read the current row: a row name (as a variable, or the root of a member path, a call
 * chain, …), the element the counter takes from the counted list (`xs[i].value`), an element of a
 * row's own list or one keyed by a row value (`row.lines[k]`, `prices[sku]`), or either branch of a
 * conditional (`secret ? encrypt(xs[i].value) : xs[i].value`)? A conditional whose test alone reads
 * the row (`row.archived ? 'ARCHIVED' : 'ACTIVE'`) takes one of two values: an update per value.
 */
export function readsRow(value: ValueFact, row: RowReads): boolean {
  const names = row.rowNames;
  switch (value.kind) {
    case 'identifier':
      return names.includes(value.name);
    case 'member':
      return names.includes(value.path[0] ?? '');
    case 'object':
      return value.properties.some((property) => readsRow(property.value, row)) || value.spreads.some((spread) => readsRow(spread, row));
    case 'array':
      return value.elements.some((element) => readsRow(element, row));
    case 'template':
      return value.expressions.some((expression) => readsRow(expression, row));
    case 'binary':
      return readsRow(value.left, row) || readsRow(value.right, row);
    case 'call':
      return names.includes(value.chain.segments[0]?.name ?? '') || value.chain.segments.some((segment) => segment.call?.args.some((arg) => readsRow(arg, row)) ?? false);
    case 'new':
      return value.args.some((arg) => readsRow(arg, row));
    case 'other': {
      if (value.branches !== undefined) return value.branches.some((branch) => readsRow(branch, row));
      if (value.reads !== undefined) return value.reads.some((name) => names.includes(name));
      const element = value.element;
      if (element === undefined) return false;
      // The counted row, or the element a parallel list holds for it (`indexes[i]` beside `ids[i]`): a value of this round alone.
      const counted = row.rowIndex !== undefined && element.index === row.rowIndex.counter;
      return counted || names.includes(element.list[0] ?? '') || names.includes(element.index);
    }
    default:
      return false;
  }
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

/**
 * A function handed to a cache's read-through call (`cache.get(key, () => q(key))`,
 * `this.requestCache.get(ctx, key, () => …)`, `cache.wrap(key, fn)`, `getOrSet`, `remember`): it runs
 * on a miss only, once per key and expiry, not once per call. `callee` is the call's callee as
 * written; the function must be one of its arguments after the first (the key).
 */
export function isCacheLoaderCall(callee: string): boolean {
  const compact = callee.replace(/\s+/g, '').replace(/\?\./g, '.');
  const receiver = compact.slice(0, compact.lastIndexOf('.'));
  const method = compact.slice(compact.lastIndexOf('.') + 1);
  return receiver !== '' && /(?:^|[.])[\w$]*cache[\w$]*$/i.test(receiver) && /^(?:get|wrap|getOrSet|getOrCreate|remember|fetch)$/.test(method);
}

/** A branch that asks a DataLoader (`loaders.users.load(id)`, `.loadMany(ids)`), judged on its source text. */
export function callsDataLoader(branch: string): boolean {
  return /\.load(?:Many)?\(/.test(branch);
}

/** How messages name the loop of a fact: `for…of loop`, `map() callback`. */
export function loopFactLabel(loop: LoopFact): string {
  return loopLabel(loop.kind, loop.iteration?.method);
}

/**
 * The message of `no-query-in-loop`; `{{query}}`, `{{loop}}` and `{{advice}}` come from
 * `queryInLoopData`, `{{more}}` from `moreInIteration`: one report per loop, at its first query.
 */
export const QUERY_IN_LOOP_MESSAGE = 'Query {{query}} runs once per iteration of this {{loop}} (N+1){{more}}. {{advice}}';

/** The message of the audit's cross-file N+1: the loop calls a function that reaches a query. */
export const CALL_REACHING_QUERY_IN_LOOP_MESSAGE = "'{{callee}}' runs a query ({{query}}) once per iteration of this {{loop}} (N+1){{more}}. {{advice}}";

/** The data of the N+1 messages for a query run in a loop. */
export function queryInLoopData(match: QueryMatch, loop: LoopFact, others: readonly string[] = []): { query: string; loop: string; advice: string; more: string } {
  return { query: queryForMessage(match), loop: loopFactLabel(loop), advice: batchingAdvice(match.library, match.access, match.raw, loop.elementNames.length > 0 ? match.label.slice(match.label.lastIndexOf('.') + 1) : ''), more: moreInIteration(others, 'queries') };
}

/**
 * A loop is one problem however many queries its iteration runs (SPEC: one problem, one report):
 * the report at the first names the others (`, as do 2 more queries of the same iteration ('a',
 * 'b')`); empty when there are none. `others` are the names as messages quote them.
 */
export function moreInIteration(others: readonly string[], noun: 'queries' | 'calls'): string {
  if (others.length === 0) return '';
  const what = others.length === 1 ? (noun === 'queries' ? 'query' : 'call') : noun;
  return `, as ${others.length === 1 ? 'does' : 'do'} ${String(others.length)} more ${what} of the same iteration (${others.join(', ')})`;
}

/** Fills a `{{name}}` message template, as ESLint does with a report's data. */
export function formatMessage(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => data[key] ?? whole);
}
