import { ARRAY_ITERATION_METHODS, ITERATION_FUNCTIONS, ITERATION_HELPER_METHODS, ITERATION_HELPER_RECEIVERS, PROMISE_COMBINATORS } from '../catalogs/loops.js';
import type { ChainFact } from '../facts.js';

export type LoopKind = 'for' | 'for-in' | 'for-of' | 'for-await-of' | 'while' | 'do-while' | 'callback';

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
