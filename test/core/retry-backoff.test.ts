import { describe, expect, it } from 'vitest';
import {
  classifyRetryPolicyCall,
  delayArgumentIndex,
  isBoundedRetryLoop,
  isDelayFunctionName,
  retryLoopBackoffProblem,
  retryOptionsProblem,
  type RetryLoopFacts,
} from '../../src/core/classify/retry.js';
import type { ValueFact } from '../../src/core/facts.js';
import { bin, call, fn, id, member, newOf, obj, prop } from './chain.js';

const n = (value: number): ValueFact => ({ kind: 'number', value });
const yes: ValueFact = { kind: 'boolean', value: true };
const no: ValueFact = { kind: 'boolean', value: false };

function loop(overrides: Partial<RetryLoopFacts>): RetryLoopFacts {
  return {
    loopKind: 'for',
    infinite: false,
    counterNames: ['attempt'],
    conditionNames: ['attempt', 'maxAttempts'],
    hasTry: true,
    tryExitsOnSuccess: true,
    catchContinues: true,
    catchRethrowsAlways: false,
    counterUsedAsIndex: false,
    iteratesCollection: false,
    ...overrides,
  };
}

describe('isDelayFunctionName / delayArgumentIndex', () => {
  it.each(['sleep', 'delay', 'wait', 'pause', 'backoff', 'sleepMs', 'delayWithJitter', 'exponentialBackoff', 'setTimeout'])('%s waits', (name) => {
    expect(isDelayFunctionName(name)).toBe(true);
  });
  it.each(['waitForSelector', 'delayedJob', 'pauseQueue', 'getRetryDelay', 'send'])('%s does not', (name) => {
    expect(isDelayFunctionName(name)).toBe(false);
  });
  it('finds the delay argument', () => {
    expect(delayArgumentIndex('setTimeout', [fn(), n(100)])).toBe(1);
    expect(delayArgumentIndex('setTimeout', [id('resolve'), n(100)])).toBe(1);
    expect(delayArgumentIndex('setTimeout', [n(100)])).toBe(0);
    expect(delayArgumentIndex('sleep', [n(100)])).toBe(0);
    expect(delayArgumentIndex('send', [n(100)])).toBeUndefined();
    expect(delayArgumentIndex('timeout', [n(100)], true)).toBe(0);
    expect(delayArgumentIndex('timeout', [n(100)])).toBeUndefined();
    expect(delayArgumentIndex('timeout', [id('work'), n(100)], true)).toBeUndefined();
  });
});

describe('isBoundedRetryLoop', () => {
  it('is bounded by a counter in the test, a guard that leaves, or a for…of', () => {
    expect(isBoundedRetryLoop(loop({}))).toBe(true);
    expect(isBoundedRetryLoop(loop({ infinite: true, conditionNames: [], guardNames: ['attempt', 'maxAttempts'] }))).toBe(true);
    expect(isBoundedRetryLoop(loop({ loopKind: 'for-of', counterNames: [], conditionNames: [] }))).toBe(true);
  });
  it('is unbounded when nothing counts attempts', () => {
    expect(isBoundedRetryLoop(loop({ loopKind: 'while', infinite: true, counterNames: [], conditionNames: [] }))).toBe(false);
    expect(isBoundedRetryLoop(loop({ loopKind: 'while', counterNames: [], conditionNames: ['stopped'] }))).toBe(false);
    expect(isBoundedRetryLoop(loop({ loopKind: 'while', infinite: true, counterNames: ['attempt'], conditionNames: [] }))).toBe(false);
  });
  it('is bounded by a value computed from the counter that guards an exit', () => {
    const waitTime = { name: 'waitTime', value: call('getRetryWaitTime', [id('failure'), id('counter')]) };
    expect(isBoundedRetryLoop(loop({ infinite: true, counterNames: ['counter'], conditionNames: [], assignments: [waitTime], guardNames: ['waitTime'] }))).toBe(true);
    expect(isBoundedRetryLoop(loop({ infinite: true, counterNames: ['counter'], conditionNames: [], assignments: [waitTime], guardNames: [] }))).toBe(false);
  });
  it('is bounded by a flag the loop tests, set under a test of the counter', () => {
    const willRetry = { name: 'willRetry', value: bin('<', id('retries'), id('maxRetries')) };
    const flag = loop({ loopKind: 'while', counterNames: ['retries'], conditionNames: ['doneError'], assignments: [willRetry] });
    expect(isBoundedRetryLoop({ ...flag, guardedAssignments: [{ name: 'doneError', guardNames: ['willRetry'] }] })).toBe(true);
    expect(isBoundedRetryLoop({ ...flag, guardedAssignments: [{ name: 'doneError', guardNames: ['isFatal'] }] })).toBe(false);
  });
});

describe('retryLoopBackoffProblem', () => {
  it('sees a counter passed on with ++ inside the delay (backoffMs(retries++))', () => {
    const delay = { ms: call('backoffMs', [{ kind: 'other' }, id('maxMs')]), indexNames: [] };
    expect(retryLoopBackoffProblem(loop({ counterNames: ['retries'], conditionNames: ['retries'], delays: [{ ...delay, updatedNames: ['retries'] }] }))).toBeUndefined();
    expect(retryLoopBackoffProblem(loop({ counterNames: ['retries'], conditionNames: ['retries'], delays: [delay] }))).toBe('constantDelay');
  });
  it('accepts a bounded optimistic-concurrency retry, not a deadlock retry', () => {
    expect(retryLoopBackoffProblem(loop({ delays: [], catchFilterWords: ['err', 'UniqueConstraintError'] }))).toBeUndefined();
    expect(retryLoopBackoffProblem(loop({ delays: [], catchFilterWords: ['err', 'code', 'P2034'] }))).toBe('noDelay');
    expect(retryLoopBackoffProblem(loop({ infinite: true, counterNames: [], conditionNames: [], delays: [], catchFilterWords: ['UniqueConstraintError'] }))).toBe('unbounded');
  });
  it('reports no delay and constant delays', () => {
    expect(retryLoopBackoffProblem(loop({ delays: [] }))).toBe('noDelay');
    expect(retryLoopBackoffProblem(loop({ delays: [{ ms: n(1000), indexNames: [] }] }))).toBe('constantDelay');
    expect(retryLoopBackoffProblem(loop({ delays: [{ ms: member('this.retryDelayMs'), indexNames: [] }] }))).toBe('constantDelay');
    expect(retryLoopBackoffProblem(loop({ delays: [{ ms: bin('+', n(500), bin('*', call('Math.random'), n(100))), indexNames: [] }] }))).toBe('constantDelay');
  });
  it('accepts delays that grow with the attempt', () => {
    expect(retryLoopBackoffProblem(loop({ delays: [{ ms: bin('*', n(100), bin('**', n(2), id('attempt'))), indexNames: [] }] }))).toBeUndefined();
    expect(retryLoopBackoffProblem(loop({ delays: [{ ms: call('Math.pow', [n(2), id('attempt')]), indexNames: [] }] }))).toBeUndefined();
    expect(retryLoopBackoffProblem(loop({ delays: [{ ms: call('backoffFor', [id('attempt')]), indexNames: [] }] }))).toBeUndefined();
    expect(retryLoopBackoffProblem(loop({ delays: [{ ms: id('wait'), indexNames: [] }], assignments: [{ name: 'wait', value: bin('*', id('wait'), n(2)) }] }))).toBeUndefined();
    expect(retryLoopBackoffProblem(loop({ delays: [{ ms: id('delay'), indexNames: [] }], assignments: [{ name: 'delay', value: call('Math.min', [id('max'), bin('*', id('base'), bin('**', n(2), id('attempt')))]) }] }))).toBeUndefined();
    expect(retryLoopBackoffProblem(loop({ delays: [{ ms: member('DELAYS'), indexNames: ['attempt'] }] }))).toBeUndefined();
    expect(retryLoopBackoffProblem(loop({ delays: [{ ms: undefined, indexNames: [] }] }))).toBeUndefined();
  });
  it('accepts a bounded poll whose every attempt is a read that fails while the record is absent', () => {
    const wait = [{ ms: n(50), indexNames: [] }];
    const readOrFail = { name: 'findOneOrFail', queryRead: true, throwsWhenAbsent: false };
    expect(retryLoopBackoffProblem(loop({ delays: wait, attemptedCalls: [readOrFail] }))).toBeUndefined();
    expect(retryLoopBackoffProblem(loop({ delays: wait, attemptedCalls: [{ name: 'loadOrder', queryRead: false, throwsWhenAbsent: true }] }))).toBeUndefined();
    // Named like a read that fails, but no query: `gateway.fetchOrThrow(url)`.
    expect(retryLoopBackoffProblem(loop({ delays: wait, attemptedCalls: [{ name: 'fetchOrThrow', queryRead: false, throwsWhenAbsent: false }] }))).toBe('constantDelay');
    expect(retryLoopBackoffProblem(loop({ delays: wait, attemptedCalls: [readOrFail, { name: 'save', queryRead: false, throwsWhenAbsent: false }] }))).toBe('constantDelay');
    expect(retryLoopBackoffProblem(loop({ delays: wait, attemptedCalls: [] }))).toBe('constantDelay');
    expect(retryLoopBackoffProblem(loop({ infinite: true, counterNames: [], conditionNames: [], delays: wait, attemptedCalls: [readOrFail] }))).toBe('unbounded');
  });
  it('reports an unbounded loop first', () => {
    expect(retryLoopBackoffProblem(loop({ loopKind: 'while', infinite: true, counterNames: [], conditionNames: [], delays: [{ ms: n(1000), indexNames: [] }] }))).toBe('unbounded');
  });
});

describe('retryOptionsProblem', () => {
  it.each([
    ['p-retry', obj([prop('retries', id('Infinity'))]), { kind: 'forever', option: 'retries' }],
    ['p-retry', obj([prop('forever', yes)]), { kind: 'forever', option: 'forever' }],
    ['async-retry', obj([prop('retries', member('Number.POSITIVE_INFINITY'))]), { kind: 'forever', option: 'retries' }],
    ['promise-retry', obj([prop('factor', n(1))]), { kind: 'constantDelay', option: 'factor' }],
    ['retry', obj([prop('minTimeout', n(500)), prop('maxTimeout', n(500))]), { kind: 'constantDelay', option: 'maxTimeout' }],
    ['exponential-backoff', obj([prop('numOfAttempts', id('Infinity'))]), { kind: 'forever', option: 'numOfAttempts' }],
    ['exponential-backoff', obj([prop('timeMultiple', n(1))]), { kind: 'constantDelay', option: 'timeMultiple' }],
    ['cockatiel', obj([prop('maxAttempts', id('Infinity'))]), { kind: 'forever', option: 'maxAttempts' }],
    ['cockatiel', obj([prop('backoff', newOf('ConstantBackoff', [n(50)]))]), { kind: 'constantDelay', option: 'backoff' }],
  ] as const)('%s %j', (library, options, expected) => {
    expect(retryOptionsProblem(library, options)).toEqual(expected);
  });
  it.each([
    ['p-retry', obj([prop('retries', n(5)), prop('factor', n(2))])],
    ['p-retry', obj([prop('forever', no)])],
    ['p-retry', id('retryOptions')],
    ['custom', obj([prop('retries', id('Infinity'))])],
    ['cockatiel', obj([prop('backoff', newOf('ExponentialBackoff'))])],
    ['promise-retry', obj([prop('minTimeout', n(100)), prop('maxTimeout', n(5000))])],
  ] as const)('%s %j is fine', (library, options) => {
    expect(retryOptionsProblem(library, options)).toBeUndefined();
  });
});

describe('classifyRetryPolicyCall', () => {
  it('finds cockatiel retry policies and node-retry operations', () => {
    expect(classifyRetryPolicyCall({ segments: [{ name: 'retry', call: { args: [id('handleAll'), obj([])] } }], awaited: false, rootImport: 'cockatiel' })).toEqual({ library: 'cockatiel', optionsArgIndex: 1 });
    expect(classifyRetryPolicyCall({ segments: [{ name: 'retryPolicy', call: { args: [id('handleAll'), obj([])] } }], awaited: false, rootImport: 'cockatiel' })).toEqual({ library: 'cockatiel', optionsArgIndex: 1 });
    expect(classifyRetryPolicyCall({ segments: [{ name: 'retry' }, { name: 'operation', call: { args: [obj([])] } }], awaited: false, rootImport: 'retry' })).toEqual({ library: 'retry', optionsArgIndex: 0 });
  });
  it('ignores other policies and RxJS retry', () => {
    expect(classifyRetryPolicyCall({ segments: [{ name: 'circuitBreaker', call: { args: [id('handleAll'), obj([])] } }], awaited: false, rootImport: 'cockatiel' })).toBeUndefined();
    expect(classifyRetryPolicyCall({ segments: [{ name: 'retry', call: { args: [obj([])] } }], awaited: false, rootImport: 'rxjs' })).toBeUndefined();
  });
});
