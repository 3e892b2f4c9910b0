import { describe, expect, it } from 'vitest';
import { isBatchLoader, isSmallTable, isUpperBoundOperator, mayBeUnboundedList, sqlComparesUpTo, unboundedList } from '../../src/core/classify/bounds.js';
import { classifyQuery } from '../../src/core/classify/query.js';
import { ConfigError } from '../../src/core/errors.js';
import type { ChainFact, ValueFact } from '../../src/core/facts.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings.js';

import { chain, id, obj as objectOf, prop, str } from './chain.js';

/** `{ key: value, … }` from a record. */
const obj = (entries: Record<string, ValueFact>, spreads: ValueFact[] = []): ValueFact => objectOf(Object.entries(entries).map(([key, value]) => prop(key, value)), spreads);

/** `prisma.<model>.findMany(options)`, awaited. */
function prismaFindMany(model: string, options?: ValueFact): ChainFact {
  return { awaited: true, segments: [{ name: 'prisma' }, { name: model }, { name: 'findMany', call: { args: options === undefined ? [] : [options] } }] };
}

function verdict(chain: ChainFact) {
  const match = classifyQuery(chain, { settings: DEFAULT_SETTINGS });
  if (match === undefined) throw new Error('not a query');
  return unboundedList(match, chain, DEFAULT_SETTINGS);
}

describe('unboundedList', () => {
  it.each([
    ['no filter', undefined, 'all'],
    ['a literal filter', obj({ where: obj({ active: { kind: 'boolean', value: true } }) }), 'filtered'],
    ['a state column from the caller', obj({ where: obj({ status: id('status') }) }), 'filtered'],
    ['a foreign key', obj({ where: obj({ orderId: id('orderId') }) }), 'parent'],
    ['columns the caller names', obj({ where: obj({ source: id('source'), symbol: id('symbol') }) }), 'parent'],
    ['the primary key', obj({ where: obj({ id: id('id') }) }), 'unique'],
    ['a list the caller holds', obj({ where: obj({ url: id('urls') }) }), 'unique'],
    ['a filter built elsewhere', obj({ where: id('where') }), 'dynamic'],
  ])('%s: scope', (_label, options, scope) => {
    expect(verdict(prismaFindMany('user', options))?.scope).toBe(scope);
  });

  it.each([
    ['take', obj({ take: { kind: 'number', value: 20 } })],
    ['options spread in', obj({}, [id('page')])],
    ['options built elsewhere', id('args')],
  ])('%s: no verdict', (_label, options) => {
    expect(verdict(prismaFindMany('user', options))).toBeUndefined();
  });

  it('names the model and the advice', () => {
    expect(verdict(prismaFindMany('auditEvent'))).toEqual({ model: 'auditEvent', scope: 'all', advice: 'Accept page parameters and pass take (with skip or cursor).' });
  });

  it('reads SQL: LIMIT caps, count(*) aggregates, a WHERE on a state column filters', () => {
    const sql = (text: string): ChainFact => ({ awaited: true, segments: [{ name: 'pool' }, { name: 'query', call: { args: [str(text)] } }] });
    expect(verdict(sql('SELECT * FROM orders WHERE status = $1'))).toEqual({ model: 'orders', scope: 'filtered', advice: 'Accept page parameters and add LIMIT (with OFFSET or a keyset WHERE).' });
    expect(verdict(sql('SELECT * FROM orders WHERE status = $1 LIMIT 20'))).toBeUndefined();
    expect(verdict(sql('SELECT count(*) FROM orders'))).toBeUndefined();
    expect(verdict(sql('SELECT * FROM orders WHERE customer_id = $1'))?.scope).toBe('parent');
  });
});

describe('mayBeUnboundedList', () => {
  const knexChain = (text: string): ChainFact => chain(text, [], { awaited: true });
  it.each([
    ['a Prisma findMany', prismaFindMany('user')],
    ['a repository find', chain('this.orderRepository.find', [], { awaited: true })],
    ['a Kysely select', chain("db.selectFrom('t').selectAll().execute", [], { awaited: true })],
    ['an awaited Knex builder', knexChain("knex('users').where")],
    ['SQL that selects', { awaited: true, segments: [{ name: 'pool' }, { name: 'query', call: { args: [str('SELECT * FROM orders')] } }] } satisfies ChainFact],
  ])('%s may be one', (_label, candidate) => {
    expect(mayBeUnboundedList(candidate, DEFAULT_SETTINGS)).toBe(true);
  });

  it.each([
    ['a one-row read', chain('prisma.user.findUnique', [obj({ where: obj({ id: id('id') }) })], { awaited: true })],
    ['a Mongoose findById', chain('UserModel.findById', [id('id')], { awaited: true })],
    ['a list batched over ids', chain('this.orderRepository.find', [obj({ where: obj({ id: id('ids') }) })], { awaited: true })],
    ['a paged list', prismaFindMany('user', obj({ skip: id('offset'), take: id('size') }))],
    ['a capped Knex builder', knexChain("knex('users').where(id, 1).first")],
    ['a route registration', chain('router.get', [str('/users'), id('handler')])],
  ])('%s is not', (_label, candidate) => {
    expect(mayBeUnboundedList(candidate, DEFAULT_SETTINGS)).toBe(false);
  });

  it('holds for every list unboundedList reports', () => {
    for (const options of [undefined, obj({ where: obj({ status: id('status') }) }), obj({ where: id('where') })]) {
      const candidate = prismaFindMany('user', options);
      expect(verdict(candidate)).toBeDefined();
      expect(mayBeUnboundedList(candidate, DEFAULT_SETTINGS)).toBe(true);
    }
  });
});

describe('isSmallTable', () => {
  it.each([['Country'], ['countries'], ['roles'], ['infraConfig'], ['ticketType'], ['taxRate']])('%s is reference data', (model) => {
    expect(isSmallTable(model, DEFAULT_SETTINGS)).toBe(true);
  });

  it.each([['user'], ['orders'], ['userRoles'], ['type'], [undefined]])('%s is not', (model) => {
    expect(isSmallTable(model, DEFAULT_SETTINGS)).toBe(false);
  });

  it('takes the models of db.smallTables, singular or plural, and * patterns', () => {
    const settings = parseSettings({ db: { smallTables: ['PlanTier', 'Warehouse*'] } });
    expect(isSmallTable('planTiers', settings)).toBe(true);
    expect(isSmallTable('WarehouseBin', settings)).toBe(true);
    expect(isSmallTable('invoice', settings)).toBe(false);
  });

  it('rejects a db.smallTables that is not a list of names', () => {
    expect(() => parseSettings({ db: { smallTables: 'Country' } })).toThrow(ConfigError);
    expect(() => parseSettings({ db: { smallTables: [''] } })).toThrow(/backend-patterns\.db\.smallTables\[0\]/);
  });
});

describe('isBatchLoader', () => {
  it.each([['DataLoader', true], ['dataloader.DataLoader', true], ['createUserLoader', true], ['Promise.all', false], ['loader', false]])('%s → %s', (callee, expected) => {
    expect(isBatchLoader(callee)).toBe(expected);
  });
});

describe('isUpperBoundOperator / sqlComparesUpTo', () => {
  it('knows the operators that cap a column from above, in each library', () => {
    for (const operator of ['<', '<=', 'lt', 'lte', '$lt', '$lte', 'Op.lt', 'LessThan', 'LessThanOrEqual']) expect(isUpperBoundOperator(operator)).toBe(true);
    for (const operator of ['>', '>=', '=', 'gt', '$gte', 'in', 'is', 'MoreThan']) expect(isUpperBoundOperator(operator)).toBe(false);
  });

  it('reads an upper bound in SQL: a column below now() or a bound value', () => {
    expect(sqlComparesUpTo('SELECT * FROM job WHERE run_at <= now()')).toBe(true);
    expect(sqlComparesUpTo('SELECT * FROM hold WHERE "expiresAt" < $1')).toBe(true);
    expect(sqlComparesUpTo('SELECT * FROM hold WHERE expires_at > now()')).toBe(false);
    expect(sqlComparesUpTo('SELECT * FROM hold WHERE released_at IS NULL')).toBe(false);
  });
});
