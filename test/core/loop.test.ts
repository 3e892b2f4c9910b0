import { describe, expect, it } from 'vitest';
import { awaitMarkedSequential, capOfGuard, countedRounds, walksInChunks, classifyIterationCall, disablesAwaitInLoop, enablesAwaitInLoop, isConstantName, isPromiseCombinator, namesFedBy, nextRoundFromResult, type LoopSteering } from '../../src/core/classify/loop.js';
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

describe('disablesAwaitInLoop', () => {
  it.each([
    [' eslint-disable-next-line no-await-in-loop', 'next-line'],
    [' eslint-disable-next-line no-await-in-loop -- the order of the steps matters', 'next-line'],
    [' eslint-disable-next-line no-console, no-await-in-loop', 'next-line'],
    [' eslint-disable-line no-await-in-loop', 'line'],
    [' eslint-disable no-await-in-loop ', 'block'],
    [' eslint-disable-next-line no-console', undefined],
    [' eslint-disable-next-line -- no-await-in-loop is mentioned only in the reason', undefined],
    [' the loop awaits in order; no-await-in-loop would complain', undefined],
  ] as const)('%j → %s', (comment, expected) => {
    expect(disablesAwaitInLoop(comment)).toBe(expected);
  });

  it('turns the rule back on with a bare or a naming eslint-enable, not with another rule', () => {
    expect(enablesAwaitInLoop(' eslint-enable ')).toBe(true);
    expect(enablesAwaitInLoop(' eslint-enable no-await-in-loop')).toBe(true);
    expect(enablesAwaitInLoop(' eslint-enable no-console')).toBe(false);
  });
});

describe('awaitMarkedSequential', () => {
  const nextLine = { text: ' eslint-disable-next-line no-await-in-loop', startLine: 4, endLine: 4 };

  it('holds for the line right after a next-line directive only', () => {
    expect(awaitMarkedSequential([nextLine], 5)).toBe(true);
    expect(awaitMarkedSequential([nextLine], 6)).toBe(false);
    expect(awaitMarkedSequential([nextLine], 4)).toBe(false);
  });

  it('holds under a block directive until it is turned back on', () => {
    const block = [{ text: ' eslint-disable no-await-in-loop ', startLine: 1, endLine: 1 }, { text: ' eslint-enable no-await-in-loop ', startLine: 10, endLine: 10 }];
    expect(awaitMarkedSequential(block, 5)).toBe(true);
    expect(awaitMarkedSequential(block, 12)).toBe(false);
  });
});

describe('namesFedBy', () => {
  it('follows flows in any order, to a fixed point', () => {
    const flows = [{ targets: ['last'], reads: ['ids'] }, { targets: ['ids'], reads: ['page'] }, { targets: ['other'], reads: ['now'] }];
    expect(namesFedBy(['page'], flows)).toEqual(['ids', 'last', 'page']);
  });
});

describe('nextRoundFromResult', () => {
  const base: LoopSteering = { inCondition: false, stored: [], keyReads: [], flows: [], written: [], conditionReads: [], exitConditionReads: [] };

  it('a loop that leaves on the result steers it, whatever its condition: a drain and a search for a free code', () => {
    // while (hasMore) { const rows = await …limit(n); if (rows.length === 0) { hasMore = false; break; } … }
    expect(nextRoundFromResult({ ...base, stored: ['rows'], keyReads: ['db', 'workspaceId'], written: ['hasMore'], conditionReads: ['hasMore'], exitConditionReads: [['rows']] })).toBe('poll');
    // for (let attempts = 0; attempts < max; attempts++) { const code = random(); const taken = await find(code); if (!taken) return code; }
    expect(nextRoundFromResult({ ...base, stored: ['taken'], keyReads: ['Products', 'code'], flows: [{ targets: ['code'], reads: [] }], written: ['code', 'attempts'], conditionReads: ['attempts', 'max'], exitConditionReads: [['taken']] })).toBe('probe');
  });

  it('a counted walk that only leaves early on a missing row is no search', () => {
    // for (let i = 0; i < ids.length; i++) { const row = await find(ids[i]); if (!row) break; }
    expect(nextRoundFromResult({ ...base, stored: ['row'], keyReads: ['Products', 'ids', 'i'], written: ['i'], conditionReads: ['i', 'ids'], exitConditionReads: [['row']] })).toBeUndefined();
  });

  it('a probe: the result reaches the condition and the key is one the body changes', () => {
    expect(nextRoundFromResult({ ...base, stored: ['match'], keyReads: ['repo', 'slug'], written: ['slug', 'suffix'], conditionReads: ['match'] })).toBe('probe');
  });

  it('a probe through a value computed from the result, and through the builder the key feeds', () => {
    expect(nextRoundFromResult({
      ...base,
      stored: ['match'],
      keyReads: ['qb'],
      flows: [{ targets: ['conflict'], reads: ['match', 'id'] }, { targets: ['qb'], reads: ['connection', 'input'] }],
      written: ['input', 'suffix'],
      conditionReads: ['conflict'],
    })).toBe('probe');
  });

  it('a cursor: the next key is taken from the result', () => {
    expect(nextRoundFromResult({ ...base, stored: ['row'], keyReads: ['pool', 'next'], flows: [{ targets: ['next'], reads: ['row'] }], written: ['next'], conditionReads: ['next'] })).toBe('cursor');
  });

  it('an endless loop steered by the if that leaves it', () => {
    expect(nextRoundFromResult({ ...base, stored: ['hit'], keyReads: ['knex', 'name'], flows: [{ targets: ['name'], reads: ['base', 'i'] }], written: ['i'], conditionReads: undefined, exitConditionReads: [['hit']] })).toBe('probe');
  });

  it('a poll when the same query runs every round until its result says stop', () => {
    expect(nextRoundFromResult({ ...base, inCondition: true, keyReads: ['prisma'] })).toBe('poll');
    expect(nextRoundFromResult({ ...base, stored: ['page'], keyReads: ['qb'], conditionReads: ['cursor'], flows: [{ targets: ['cursor'], reads: ['page'] }], written: ['cursor', 'page'] })).toBe('poll');
  });

  it('nothing when the result steers nothing', () => {
    expect(nextRoundFromResult({ ...base, stored: ['user'], keyReads: ['prisma', 'id'], written: ['id'], conditionReads: ['queue'] })).toBeUndefined();
  });
});

describe('walksInChunks', () => {
  it('holds when a counter stepped by a chunk is where a slice starts', () => {
    expect(walksInChunks(['i'], ['i'])).toBe(true);
    expect(walksInChunks(['offset'], ['start', 'offset'])).toBe(true);
  });

  it('does not hold for a slice from another name, or a counter no slice starts from', () => {
    expect(walksInChunks(['i'], ['j'])).toBe(false);
    expect(walksInChunks([], ['i'])).toBe(false);
  });
});

describe('capOfGuard and isConstantName', () => {
  it('reads the cap of a length guard on the walked list', () => {
    expect(capOfGuard('>', { lengthOf: 'invites' }, { number: 30 }, 'invites')).toBe(30);
    expect(capOfGuard('>=', { lengthOf: 'invites' }, { number: 30 }, 'invites')).toBe(29);
    expect(capOfGuard('<', { number: 30 }, { lengthOf: 'invites' }, 'invites')).toBe(30);
    expect(capOfGuard('<', { lengthOf: 'invites' }, { number: 30 }, 'invites')).toBeUndefined();
    expect(capOfGuard('>', { lengthOf: 'tags' }, { number: 5 }, 'invites')).toBeUndefined();
  });

  it('counts the rounds of a counter between numbers', () => {
    expect(countedRounds(0, '<', 4, 1)).toBe(4);
    expect(countedRounds(1, '<=', 4, 1)).toBe(4);
    expect(countedRounds(2, '>=', 0, -1)).toBe(3);
    expect(countedRounds(0, '<', 8, 3)).toBe(3);
    expect(countedRounds(5, '<', 5, 1)).toBe(0);
    expect(countedRounds(0, '<', 4, -1)).toBeUndefined();
    expect(countedRounds(0, '===', 4, 1)).toBeUndefined();
    expect(countedRounds(0, '<', 4, 0)).toBeUndefined();
  });

  it('knows constant names', () => {
    expect(isConstantName('TEAM_INTERNAL_GROUPS')).toBe(true);
    expect(isConstantName('ROLES')).toBe(true);
    expect(isConstantName('Roles')).toBe(false);
    expect(isConstantName('ID')).toBe(false);
  });
});
