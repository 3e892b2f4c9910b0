import { describe, expect, it } from 'vitest';
import { classifyIterationCall, isPromiseCombinator } from '../../src/core/classify/loop.js';
import { chain, fn, id } from './chain.js';

describe('classifyIterationCall', () => {
  it.each([
    ['xs.map', [fn()], { style: 'array', method: 'map', callbackArgIndex: 0 }],
    ['order.items.forEach', [fn()], { style: 'array', method: 'forEach', callbackArgIndex: 0 }],
    ['xs.flatMap', [fn()], { style: 'array', method: 'flatMap', callbackArgIndex: 0 }],
    ['xs.reduce', [fn(), id('init')], { style: 'array', method: 'reduce', callbackArgIndex: 0 }],
    ['xs.some', [fn()], { style: 'array', method: 'some', callbackArgIndex: 0 }],
    ['_.forEach', [id('xs'), fn()], { style: 'helper', method: 'forEach', callbackArgIndex: 'last-function' }],
    ['lodash.map', [id('xs'), fn()], { style: 'helper', method: 'map', callbackArgIndex: 'last-function' }],
    ['async.eachSeries', [id('xs'), fn()], { style: 'helper', method: 'eachSeries', callbackArgIndex: 'last-function' }],
    ['async.mapLimit', [id('xs'), id('n'), fn()], { style: 'helper', method: 'mapLimit', callbackArgIndex: 'last-function' }],
    ['Bluebird.map', [id('xs'), fn()], { style: 'helper', method: 'map', callbackArgIndex: 'last-function' }],
    ['Promise.map', [id('xs'), fn()], { style: 'helper', method: 'map', callbackArgIndex: 'last-function' }],
    ['Promise.mapSeries', [id('xs'), fn()], { style: 'helper', method: 'mapSeries', callbackArgIndex: 'last-function' }],
    ['pMap', [id('xs'), fn()], { style: 'helper', method: 'pMap', callbackArgIndex: 'last-function' }],
  ] as const)('%s', (text, args, expected) => {
    expect(classifyIterationCall(chain(text, args))).toEqual(expected);
  });

  it.each([['Promise.all'], ['Promise.allSettled'], ['emitter.on'], ['app.get'], ['setTimeout'], ['promise.then']])('%s is not an iteration', (text) => {
    expect(classifyIterationCall(chain(text, [fn()]))).toBeUndefined();
  });

  it('recognises promise combinators', () => {
    expect(isPromiseCombinator(chain('Promise.all', [id('xs')]))).toBe(true);
    expect(isPromiseCombinator(chain('Promise.allSettled', [id('xs')]))).toBe(true);
    expect(isPromiseCombinator(chain('Bluebird.all', [id('xs')]))).toBe(true);
    expect(isPromiseCombinator(chain('Promise.map', [id('xs'), fn()]))).toBe(false);
    expect(isPromiseCombinator(chain('tasks.all', [id('xs')]))).toBe(false);
  });
});
