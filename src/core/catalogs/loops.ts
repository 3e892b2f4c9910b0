/**
 * Calls that run a callback once per element: the callback body is a loop body.
 * Array methods from ECMAScript; lodash (https://lodash.com/docs#forEach), async
 * (https://caolan.github.io/async/v3/docs.html#each), p-map, Bluebird (http://bluebirdjs.com/docs/api/promise.map.html).
 */

/** `xs.forEach(cb)`: the callback is the first argument. */
export const ARRAY_ITERATION_METHODS = [
  'forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex',
] as const;

/** Receivers of helper-style iteration calls: `_.map(xs, cb)`, `async.eachSeries(xs, cb)`, `Bluebird.map(xs, cb)`. */
export const ITERATION_HELPER_RECEIVERS = ['_', 'lodash', 'async', 'Bluebird', 'Promise', 'bluebird', 'P', 'BPromise', 'fp'] as const;

/** Helper method names that iterate a collection with a callback (the last function argument). */
export const ITERATION_HELPER_METHODS = [
  'each', 'forEach', 'map', 'flatMap', 'filter', 'reduce', 'some', 'every', 'find', 'times', 'forOwn', 'forIn', 'mapValues',
  'eachSeries', 'eachLimit', 'eachOf', 'eachOfSeries', 'eachOfLimit', 'forEachOf', 'forEachSeries', 'forEachLimit', 'mapSeries',
  'mapLimit', 'mapValuesSeries', 'mapValuesLimit', 'filterSeries', 'filterLimit', 'concat', 'concatSeries', 'concatLimit', 'timesSeries',
  'timesLimit', 'reduceRight', 'detect', 'detectSeries', 'groupBy', 'sortBy', 'whilst', 'until', 'doWhilst', 'doUntil', 'forever',
] as const;

/** Standalone iteration helpers imported by name: `pMap(xs, cb)`, `mapSeries(xs, cb)` (p-map, p-series, async). */
export const ITERATION_FUNCTIONS = [
  'pMap', 'pMapSeries', 'pEachSeries', 'pFilter', 'pEvery', 'pSome', 'mapSeries', 'mapLimit', 'eachSeries', 'eachLimit', 'forEachSeries', 'times',
] as const;

/** `Promise.all(xs.map(cb))`: calls issued concurrently in one tick. */
export const PROMISE_COMBINATORS = ['all', 'allSettled', 'any', 'race'] as const;
