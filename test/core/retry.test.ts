import { describe, expect, it } from 'vitest';
import {
  classifyRetryHelperCall,
  isAttemptCounterName,
  isRetryDecoratorName,
  isRetryLoop,
  mayMentionRetryHelper,
  notAppliedErrorKind,
  triesNewCandidates,
  type RetryLoopFacts,
} from '../../src/core/classify/retry.js';
import { COCKATIEL_RECEIVER_WORDS, RETRY_HELPER_FUNCTIONS, RETRY_PACKAGES } from '../../src/core/catalogs/retry.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings.js';
import { chain, fn, id, member, num, obj, prop, str } from './chain.js';

const settings = DEFAULT_SETTINGS;
const options = obj([prop('retries', num())]);

describe('classifyRetryHelperCall', () => {
  it.each([
    ['pRetry', [fn(), options], undefined, { library: 'p-retry', callbackArgIndex: 0, optionsArgIndex: 1 }],
    ['pRetry', [id('run')], 'p-retry', { library: 'p-retry', callbackArgIndex: 0 }],
    ['again', [fn(), options], 'p-retry', { library: 'p-retry', callbackArgIndex: 0, optionsArgIndex: 1 }],
    ['retry', [fn(), options], 'async-retry', { library: 'async-retry', callbackArgIndex: 0, optionsArgIndex: 1 }],
    ['retry', [fn(), options], undefined, { library: 'custom', callbackArgIndex: 0, optionsArgIndex: 1 }],
    ['retry', [id('fetchUser')], undefined, { library: 'custom', callbackArgIndex: 0 }],
    ['promiseRetry', [fn(), options], 'promise-retry', { library: 'promise-retry', callbackArgIndex: 0, optionsArgIndex: 1 }],
    ['promiseRetry', [options, fn()], 'promise-retry', { library: 'promise-retry', callbackArgIndex: 1, optionsArgIndex: 0 }],
    ['promiseRetry', [options, fn()], undefined, { library: 'promise-retry', callbackArgIndex: 1, optionsArgIndex: 0 }],
    ['backOff', [fn(), options], 'exponential-backoff', { library: 'exponential-backoff', callbackArgIndex: 0, optionsArgIndex: 1 }],
    ['withRetry', [fn()], undefined, { library: 'custom', callbackArgIndex: 0 }],
    ['withRetries', [id('op'), num()], undefined, { library: 'custom', callbackArgIndex: 0, optionsArgIndex: 1 }],
    ['retryable', [member('this.fetch')], undefined, { library: 'custom', callbackArgIndex: 0 }],
    ['retryAsync', [fn(), options], 'ts-retry', { library: 'custom', callbackArgIndex: 0, optionsArgIndex: 1 }],
    ['utils.withRetry', [id('op')], undefined, { library: 'custom', callbackArgIndex: 0 }],
    ['this.retry', [fn()], undefined, { library: 'custom', callbackArgIndex: 0 }],
    ['withExponentialBackoff', [fn()], undefined, { library: 'custom', callbackArgIndex: 0 }],
    ['retryWithJitter', [fn()], undefined, { library: 'custom', callbackArgIndex: 0 }],
    ['policy.execute', [fn()], undefined, { library: 'cockatiel', callbackArgIndex: 0 }],
    ['this.retryPolicy.execute', [id('op')], undefined, { library: 'cockatiel', callbackArgIndex: 0 }],
    ['retry(handleAll, {}).execute', [fn()], 'cockatiel', { library: 'cockatiel', callbackArgIndex: 0 }],
    ['retry(handleAll, {}).execute', [fn()], undefined, { library: 'cockatiel', callbackArgIndex: 0 }],
    ['wrap(retryPolicy, breaker).execute', [fn()], 'cockatiel', { library: 'cockatiel', callbackArgIndex: 0 }],
    ['Policy.handleAll().retry().attempts(3).execute', [fn()], 'cockatiel', { library: 'cockatiel', callbackArgIndex: 0 }],
    ['operation.attempt', [fn()], undefined, { library: 'retry', callbackArgIndex: 0 }],
    ['retry.operation({}).attempt', [fn()], 'retry', { library: 'retry', callbackArgIndex: 0 }],
  ] as const)('%s(…) from %s', (text, args, rootImport, expected) => {
    const match = classifyRetryHelperCall(chain(text, args, rootImport === undefined ? {} : { rootImport }), settings);
    expect(match).toEqual(expected);
  });

  it.each([
    ['retryCount', [fn()], undefined],
    ['retryAfterHeader', [id('res')], undefined],
    ['getRetryDelay', [], undefined],
    ['retry', [num()], 'rxjs'],
    ['retry', [obj([prop('count', num())])], 'rxjs'],
    ['job.retry', [], undefined],
    ['job.retry', [str('failed')], undefined],
    ['queue.retry', [id('jobId')], undefined],
    ['retry', [id('handleAll'), options], 'cockatiel'],
    ['retry', [id('handleAll'), options], undefined],
    ['retry.operation', [options], 'retry'],
    ['pRetry', [], 'p-retry'],
    ['pRetry', [str('x')], 'p-retry'],
    ['qb.execute', [], undefined],
    ['db.execute', [id('sql')], undefined],
    ['statement.execute', [fn()], undefined],
    ['circuitBreaker.execute', [fn()], undefined],
    ['player.attempt', [fn()], undefined],
    ['fetchWithTimeout', [fn()], undefined],
  ] as const)('%s(…) from %s is not a retry helper', (text, args, rootImport) => {
    expect(classifyRetryHelperCall(chain(text, args, rootImport === undefined ? {} : { rootImport }), settings)).toBeUndefined();
  });

  it('uses the declaring package in typed mode', () => {
    expect(classifyRetryHelperCall(chain('this.resilience.run', [fn()]), settings, () => ({ package: 'cockatiel' }))).toBeUndefined();
    expect(classifyRetryHelperCall(chain('this.policy.execute', [fn()]), settings, () => ({ package: 'cockatiel', typeName: 'RetryPolicy' }))).toEqual({
      library: 'cockatiel',
      callbackArgIndex: 0,
    });
    expect(classifyRetryHelperCall(chain('runner.execute', [fn()]), settings, () => ({ package: 'cockatiel' }))?.library).toBe('cockatiel');
    expect(classifyRetryHelperCall(chain('again', [fn()]), settings, () => ({ package: 'p-retry' }))?.library).toBe('p-retry');
  });

  it('honours settings.retry.helpers', () => {
    const custom = parseSettings({ retry: { helpers: ['tryHard', 'Resilient.run', 'attempt*'] } });
    expect(classifyRetryHelperCall(chain('tryHard', [id('op')]), custom)).toEqual({ library: 'custom', callbackArgIndex: 0 });
    expect(classifyRetryHelperCall(chain('Resilient.run', [fn(), options]), custom)).toEqual({ library: 'custom', callbackArgIndex: 0, optionsArgIndex: 1 });
    expect(classifyRetryHelperCall(chain('attemptThrice', [fn()]), custom)).toBeDefined();
    expect(classifyRetryHelperCall(chain('run', [fn()]), custom)).toBeUndefined();
    expect(classifyRetryHelperCall(chain('tryHard', [id('op')]), settings)).toBeUndefined();
  });
});

describe('isRetryDecoratorName', () => {
  it.each([
    ['Retry', true],
    ['Retryable', true],
    ['Retriable', true],
    ['RetryOnFail', true],
    ['RetryOnError', true],
    ['RetryWhen', true],
    ['Resilience.Retry', true],
    ['RetryCount', false],
    ['RetryAfter', false],
    ['NoRetry', false],
    ['Injectable', false],
    ['Get', false],
  ])('%s → %s', (name, expected) => {
    expect(isRetryDecoratorName(name)).toBe(expected);
  });
});

describe('isAttemptCounterName', () => {
  it.each([
    ['attempt', true],
    ['attempts', true],
    ['retry', true],
    ['retries', true],
    ['tries', true],
    ['tryCount', true],
    ['retryCount', true],
    ['maxRetries', true],
    ['remainingAttempts', true],
    ['triesLeft', true],
    ['attemptNumber', true],
    ['remaining', true],
    ['backoff', true],
    ['i', false],
    ['n', false],
    ['retryQueue', false],
    ['retryDelay', false],
    ['retryAfter', false],
    ['items', false],
  ])('%s → %s', (name, expected) => {
    expect(isAttemptCounterName(name)).toBe(expected);
  });
});

const base: RetryLoopFacts = {
  loopKind: 'for',
  infinite: false,
  counterNames: [],
  conditionNames: [],
  hasTry: true,
  tryExitsOnSuccess: false,
  catchContinues: true,
  catchRethrowsAlways: false,
  counterUsedAsIndex: false,
  iteratesCollection: false,
};

describe('isRetryLoop', () => {
  it.each<[string, Partial<RetryLoopFacts>]>([
    ['for (let attempt = 0; attempt < 3; attempt++) { try { … } catch { … } }', { counterNames: ['attempt'], conditionNames: ['attempt'] }],
    ['while (retries < maxRetries) { try { …; break } catch { retries++ } }', { loopKind: 'while', counterNames: ['retries'], conditionNames: ['retries', 'maxRetries'] }],
    ['for (let i = 0; i < MAX_RETRIES; i++) { try { … } catch {} }', { counterNames: ['i'], conditionNames: ['i', 'MAX_RETRIES'] }],
    ['while (true) { try { return await op() } catch { await sleep() } }', { loopKind: 'while', infinite: true, tryExitsOnSuccess: true }],
    ['for (;;) { try { …; break } catch (e) { if (++n > 3) throw e } }', { infinite: true, tryExitsOnSuccess: true, counterNames: ['n'] }],
    ['for (let i = 0; i < 3; i++) { try { return await op() } catch {} }', { counterNames: ['i'], conditionNames: ['i'], tryExitsOnSuccess: true }],
    ['do { try { return await op() } catch { continue } } while (tries-- > 0)', { loopKind: 'do-while', counterNames: ['tries'], conditionNames: ['tries'] }],
    ['for (const attempt of [1, 2, 3]) { try { return await op() } catch {} }', { loopKind: 'for-of', bindingNames: ['attempt'], tryExitsOnSuccess: true }],
  ])('retry: %s', (_source, facts) => {
    expect(isRetryLoop({ ...base, ...facts })).toBe(true);
  });

  it.each<[string, Partial<RetryLoopFacts>]>([
    ['for (const item of items) { try { await save(item) } catch { continue } }', { loopKind: 'for-of', bindingNames: ['item'], iteratesCollection: true }],
    ['for (const url of mirrors) { try { return await get(url) } catch {} }', { loopKind: 'for-of', bindingNames: ['url'], tryExitsOnSuccess: true, iteratesCollection: true }],
    ['for (let i = 0; i < items.length; i++) { try { await save(items[i]) } catch { continue } }', { counterNames: ['i'], conditionNames: ['i', 'items', 'length'], counterUsedAsIndex: true, iteratesCollection: true }],
    ['for (let attempt = 0; attempt < urls.length; attempt++) { try { await get(urls[attempt]) } catch {} }', { counterNames: ['attempt'], counterUsedAsIndex: true, iteratesCollection: true }],
    ['while (true) { const job = await next(); try { await run(job) } catch { log() } }', { loopKind: 'while', infinite: true }],
    ['while (queue.length) { try { await process(queue.shift()) } catch {} }', { loopKind: 'while', conditionNames: ['queue', 'length'] }],
    ['while (retryQueue.length) { try { … } catch {} }', { loopKind: 'while', conditionNames: ['retryQueue', 'length'] }],
    ['for (let attempt = 0; attempt < 3; attempt++) { await op() }', { counterNames: ['attempt'], hasTry: false }],
    ['for (let attempt = 0; attempt < 3; attempt++) { try { … } catch (e) { throw e } }', { counterNames: ['attempt'], catchRethrowsAlways: true }],
    ['while (true) { try { return await op() } catch { break } }', { loopKind: 'while', infinite: true, tryExitsOnSuccess: true, catchContinues: false }],
    ['for (let i = 0; ; i++) { if (i === 0) { try { return decode() } catch {} } }', { infinite: true, counterNames: ['i'], tryExitsOnSuccess: true, tryAtTopLevel: false }],
    ['while (true) { n++; try { if (short) break; } catch { await skip() } }', { loopKind: 'while', infinite: true, counterNames: ['batchNumber'], tryExitsOnSuccess: true, tryAlwaysExits: false }],
    ['while ((pending = map.get(key))) { try { return await pending } catch {} }', { loopKind: 'while', conditionNames: ['pending', 'map', 'key'], tryExitsOnSuccess: true, testAssigns: true }],
    ['while (true) { const port = await getAvailablePort(); try { …; return port } catch {} }', { loopKind: 'while', infinite: true, tryExitsOnSuccess: true, freshValues: [{ name: 'port', from: 'getAvailablePort' }] }],
    ['while (tries < 3) { const c = pick(rest); try { return await c.call() } catch { tries++; rest = without(rest, c) } }', { loopKind: 'while', counterNames: ['tries'], conditionNames: ['tries'], freshValues: [{ name: 'c', from: 'choose' }], catchReads: ['rest', 'c'] }],
  ])('not a retry: %s', (_source, facts) => {
    expect(isRetryLoop({ ...base, ...facts })).toBe(false);
  });
});

describe('triesNewCandidates', () => {
  it('knows pickers by name and candidates the catch rules out', () => {
    expect(triesNewCandidates({ ...base, freshValues: [{ name: 'client', from: 'randomElement' }] })).toBe(true);
    expect(triesNewCandidates({ ...base, freshValues: [{ name: 'host', from: 'current' }], catchReads: ['host'] })).toBe(true);
    expect(triesNewCandidates({ ...base, freshValues: [{ name: 'token', from: 'getToken' }], catchReads: ['err'] })).toBe(false);
    expect(triesNewCandidates(base)).toBe(false);
  });
});

describe('notAppliedErrorKind', () => {
  it.each<[string[], 'lock' | 'conflict']>([
    [['withBusyRetry'], 'lock'],
    [['withDeadlockRetry'], 'lock'],
    [['retryOnSerializationFailure'], 'lock'],
    [['error', 'code', 'P2034'], 'lock'],
    [['err', 'code', 'SQLITE_BUSY'], 'lock'],
    [['e', 'code', 'ER_LOCK_DEADLOCK'], 'lock'],
    [["{ shouldRetry: (e) => e.code === '40001' || e.code === '40P01' }"], 'lock'],
    [['error', 'code', 'PrismaError', 'UNIQUE_CONSTRAINT_VIOLATION', 'PrismaError', 'TRANSACTION_DEADLOCK'], 'lock'],
    [['err', 'UniqueConstraintError', 'attempt', 'attempts'], 'conflict'],
    [['e', 'name', 'SequelizeUniqueConstraintError'], 'conflict'],
    [['{ retryable: (e) => e instanceof PutRecord.InvalidSwapError }'], 'conflict'],
    [['error', 'code', 'P2002'], 'conflict'],
  ])('%j → %s', (texts, kind) => {
    expect(notAppliedErrorKind(texts)).toBe(kind);
  });
  it.each([[['pRetry', '{ retries: 3 }']], [['err', 'code', 'ECONNRESET']], [['isBusinessError', 'err']], [['unlock', 'err']], [[]]])('%j → undefined', (texts) => {
    expect(notAppliedErrorKind(texts)).toBeUndefined();
  });
});

describe('mayMentionRetryHelper (untyped pre-filter of the retry rules)', () => {
  it.each([
    ...Object.keys(RETRY_HELPER_FUNCTIONS).map((name) => `await ${name}(() => this.orders.save(order), { retries: 3 });`),
    ...Object.keys(RETRY_PACKAGES).map((name) => `import again from '${name}';\nawait again(() => save(order));`),
    ...COCKATIEL_RECEIVER_WORDS.map((word) => `await this.${word}Handle.execute(() => save(order));`),
    'await withExponentialBackoff(() => save(order));',
    'await retryOnError(() => save(order));',
    '@Retryable({ maxAttempts: 3 })\nasync save() {}',
    'const op = makeOperation(); op.attempt(() => save(order));',
    "import { wrap } from './fault';\nawait wrap(a, b).execute(() => save(order));",
  ])('keeps a file that can hold a retry helper: %s', (text) => {
    expect(mayMentionRetryHelper(text, settings)).toBe(true);
  });

  it('skips a file that names no retry helper, package, policy or decorator', () => {
    const text = "import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class OrderService {\n  async place(order: Order) {\n    return this.orders.save(order);\n  }\n}\n";
    expect(mayMentionRetryHelper(text, settings)).toBe(false);
  });

  it('keeps files naming a helper from settings.retry.helpers, and only those', () => {
    const custom = parseSettings({ retry: { helpers: ['tryHard', 'Resilient.run', 'again*'] } });
    expect(mayMentionRetryHelper('await tryHard(() => save(order));', custom)).toBe(true);
    expect(mayMentionRetryHelper('await Resilient.run(() => save(order));', custom)).toBe(true);
    expect(mayMentionRetryHelper('await againLater(() => save(order));', custom)).toBe(true);
    expect(mayMentionRetryHelper('await tryHard(() => save(order));', settings)).toBe(false);
  });
});
