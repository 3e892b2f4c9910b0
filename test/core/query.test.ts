import { describe, expect, it } from 'vitest';
import { classifyQuery, mayBeQuery, type QueryContext } from '../../src/core/classify/query.js';
import type { BindingFact, DeclaredIn } from '../../src/core/facts.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings.js';
import { arr, call, chain, fn, id, obj, prop, str, tpl } from './chain.js';

const ctx: QueryContext = { settings: DEFAULT_SETTINGS };

type Expected = { library: string; access: 'read' | 'write'; label?: string; batched?: boolean; paginated?: boolean; raw?: boolean } | undefined;

const imported = (source: string): BindingFact => ({ kind: 'import', length: 1, source, importedName: 'default' });
const where = (key: string, value = id(key)) => obj([prop('where', obj([prop(key, value)]))]);

const cases: [string, ReturnType<typeof chain>, Expected][] = [
  // Prisma
  ['prisma findMany', chain('prisma.user.findMany', [obj([])]), { library: 'prisma', access: 'read', label: 'prisma.user.findMany' }],
  ['prisma findUnique via this', chain('this.prisma.user.findUnique', [where('id')]), { library: 'prisma', access: 'read' }],
  ['prisma create', chain('prisma.order.create', [obj([prop('data', obj([]))])]), { library: 'prisma', access: 'write' }],
  ['prisma upsert on tx', chain('tx.account.upsert', [obj([])]), { library: 'prisma', access: 'write' }],
  ['prisma createMany is batched', chain('prisma.event.createMany', [obj([prop('data', id('rows'))])]), { library: 'prisma', access: 'write', batched: true }],
  ['prisma in: ids is batched', chain('prisma.user.findMany', [where('id', obj([prop('in', id('ids'))]))]), { library: 'prisma', access: 'read', batched: true }],
  ['prisma skip/take is paginated', chain('prisma.post.findMany', [obj([prop('skip', id('n')), prop('take', id('size'))])]), { library: 'prisma', access: 'read', paginated: true }],
  ['prisma take alone is a cap, not a page', chain('prisma.post.findMany', [obj([prop('take', id('size'))])]), { library: 'prisma', access: 'read', paginated: false }],
  ['prisma keyset (gt + take) is paginated', chain('prisma.post.findMany', [obj([prop('where', obj([prop('id', obj([prop('gt', id('lastId'))]))])), prop('take', id('size'))])]), { library: 'prisma', access: 'read', paginated: true }],
  ['prisma range without a page size is not paginated', chain('prisma.post.findMany', [obj([prop('where', obj([prop('createdAt', obj([prop('gt', id('since'))]))]))])]), { library: 'prisma', access: 'read', paginated: false }],
  ['typeorm MoreThan + take is paginated', chain('repo.find', [obj([prop('where', obj([prop('id', call('MoreThan', [id('last')]))])), prop('take', id('n'))])]), { library: 'typeorm', access: 'read', paginated: true }],
  ["knex where('id', '>', last).limit() is paginated", chain("knex('events').where('id', '>', last).orderBy('id').limit", [id('n')]), { library: 'knex', access: 'read', paginated: true }],
  ['mongo $gt without a page size is not paginated', chain('Event.find', [obj([prop('_id', obj([prop('$gt', id('last'))]))])], { awaited: true, binding: imported('./event.model') }), { library: 'mongoose', access: 'read', paginated: false }],
  ['prisma cursor is paginated', chain('prisma.post.findMany', [obj([prop('cursor', obj([prop('id')]))])]), { library: 'prisma', access: 'read', paginated: true }],
  ['prisma $queryRaw tagged', { segments: [{ name: 'prisma' }, { name: '$queryRaw', call: { args: [tpl('SELECT * FROM users WHERE id = ?', id('x'))], tagged: true } }], awaited: true }, { library: 'prisma', access: 'read', raw: true }],
  ['prisma $executeRaw', chain('prisma.$executeRaw', [tpl('UPDATE users SET a = 1 WHERE id = ?')]), { library: 'prisma', access: 'write', raw: true }],
  ['prisma $transaction', chain('prisma.$transaction', [arr()]), { library: 'prisma', access: 'write' }],
  ['prismaService model', chain('this.prismaService.user.count'), { library: 'prisma', access: 'read' }],
  // TypeORM
  ['typeorm repo findOneBy', chain('userRepository.findOneBy', [obj([prop('id')])]), { library: 'typeorm', access: 'read' }],
  ['typeorm repo save', chain('this.orderRepository.save', [id('order')]), { library: 'typeorm', access: 'write' }],
  ['typeorm save(array) is batched', chain('repo.save', [id('orders')]), { library: 'typeorm', access: 'write', batched: true }],
  ['typeorm In() is batched', chain('repo.findBy', [obj([prop('id', call('In', [id('ids')]))])]), { library: 'typeorm', access: 'read', batched: true }],
  ['typeorm findByIds is batched', chain('repo.findByIds', [id('ids')]), { library: 'typeorm', access: 'read', batched: true }],
  ['typeorm getRepository(X).find', chain('getRepository(User).find'), { library: 'typeorm', access: 'read' }],
  ['mikro-orm em.repo(X).count', chain('em.repo(PlayerAlias).count', [obj([])]), { library: 'typeorm', access: 'read' }],
  ['repo() of a name, not an entity class, is no factory', chain("orm.repo('owner/name').findOne", [obj([])]), undefined],
  ['typeorm dataSource.getRepository(X).delete', chain('dataSource.getRepository(User).delete', [id('id')]), { library: 'typeorm', access: 'write' }],
  ['typeorm manager.save', chain('manager.save', [id('User'), id('user')]), { library: 'typeorm', access: 'write' }],
  ['typeorm query builder getMany', chain("repo.createQueryBuilder('u').where(x).getMany"), { library: 'typeorm', access: 'read' }],
  ['typeorm qb execute of update', chain('qb.update(User).set(x).execute'), { library: 'typeorm', access: 'write' }],
  ['typeorm qb getOne', chain('qb.where(x).getOne'), { library: 'typeorm', access: 'read' }],
  ['typeorm repository query(sql)', chain('repo.query', [str('SELECT * FROM users')]), { library: 'typeorm', access: 'read', raw: true }],
  ['typeorm create is sync unless awaited', chain('userRepository.create', [id('dto')]), undefined],
  ['custom repository create awaited', chain('userRepository.create', [id('dto')], { awaited: true }), { library: 'repository', access: 'write' }],
  ['repo() of something other than an entity manager is not a factory', chain('github.repo(Owner).find', [obj([])]), undefined],
  ['repository mapper is not a query', chain('userRepository.toDomain', [id('row')]), undefined],
  ['dao by convention (awaited)', chain('ordersDao.findRecent', [], { awaited: true }), { library: 'repository', access: 'read' }],
  ['static helper on a repository class is not a query', chain('FeatureStore.getEnvironment', [id('row')], { awaited: true }), undefined],
  ['sync repository method (not awaited) is not a query', chain('this.repository.getToggle', [id('name')]), undefined],
  // Sequelize
  ['sequelize findAll', chain('User.findAll', [obj([])]), { library: 'sequelize', access: 'read' }],
  ['sequelize findByPk', chain('Order.findByPk', [id('id')]), { library: 'sequelize', access: 'read' }],
  ['sequelize bulkCreate is batched', chain('Order.bulkCreate', [id('rows')]), { library: 'sequelize', access: 'write', batched: true }],
  ['sequelize destroy', chain('Order.destroy', [where('id')], { binding: imported('../models') }), { library: 'sequelize', access: 'write' }],
  ['sequelize models.X', chain('models.Order.update', [obj([]), obj([])]), { library: 'sequelize', access: 'write' }],
  ['sequelize where id: ids is batched', chain('User.findAll', [obj([prop('where', obj([prop('id', id('ids'))]))])]), { library: 'sequelize', access: 'read', batched: true }],
  ['sequelize [Op.in]', chain('User.findAll', [obj([prop('where', obj([prop('id', obj([prop('Op.in', id('list'))]))]))])]), { library: 'sequelize', access: 'read', batched: true }],
  ['sequelize.query', chain('sequelize.query', [str('DELETE FROM sessions WHERE user_id = ?')]), { library: 'sequelize', access: 'write', raw: true }],
  // Knex
  ["knex('t').where().first()", chain("knex('users').where('id', 1).first"), { library: 'knex', access: 'read', label: "knex('users').where(…).first" }],
  ['knex insert', chain("knex('users').insert", [obj([])]), { library: 'knex', access: 'write' }],
  ['knex insert(rows) batched', chain("knex('users').insert", [id('rows')]), { library: 'knex', access: 'write', batched: true }],
  ['knex whereIn batched', chain("knex('users').whereIn('id', ids).select"), { library: 'knex', access: 'read', batched: true }],
  ['knex del', chain("trx('sessions').where(x).del"), { library: 'knex', access: 'write' }],
  ['knex.raw', chain('knex.raw', [str('select * from users where id = ?')]), { library: 'knex', access: 'read', raw: true }],
  ['knex offset paginated', chain("knex('audit').select('*').limit(100).offset"), { library: 'knex', access: 'read', paginated: true }],
  ['knex limit alone not paginated', chain("knex('audit').select('*').limit", [id('n')]), { library: 'knex', access: 'read', paginated: false }],
  // Drizzle
  ['drizzle select from', chain('db.select().from(users).where', [call('eq', [id('a'), id('b')])]), { library: 'drizzle', access: 'read' }],
  ['drizzle insert values', chain('db.insert(users).values', [obj([])]), { library: 'drizzle', access: 'write' }],
  ['drizzle values([..]) batched', chain('db.insert(users).values', [arr(obj([]), obj([]))]), { library: 'drizzle', access: 'write', batched: true }],
  ['drizzle update set', chain('db.update(users).set({}).where', [id('x')]), { library: 'drizzle', access: 'write' }],
  ['drizzle delete(table)', chain('tx.delete(users).where', [id('x')]), { library: 'drizzle', access: 'write' }],
  ['drizzle relational query', chain('db.query.users.findMany', [obj([])]), { library: 'drizzle', access: 'read' }],
  ['drizzle inArray batched', chain('db.select().from(users).where', [call('inArray', [id('users.id'), id('ids')])]), { library: 'drizzle', access: 'read', batched: true }],
  // Kysely
  ['kysely selectFrom execute', chain("db.selectFrom('person').selectAll().where('id', '=', x).executeTakeFirst"), { library: 'kysely', access: 'read' }],
  ['kysely insertInto execute', chain("db.insertInto('person').values({}).execute"), { library: 'kysely', access: 'write' }],
  ["kysely where 'in' batched", chain("db.selectFrom('person').where('id', 'in', ids).execute"), { library: 'kysely', access: 'read', batched: true }],
  ['kysely builder without executor is not run', chain("db.selectFrom('person').select", [str('id')]), undefined],
  // Mongoose
  ['mongoose findById', chain('User.findById', [id('id')]), { library: 'mongoose', access: 'read' }],
  ['mongoose model by name', chain('this.userModel.findOne', [obj([])]), { library: 'mongoose', access: 'read' }],
  ['mongoose insertMany batched', chain('Event.insertMany', [id('docs')]), { library: 'mongoose', access: 'write', batched: true }],
  ['mongoose $in batched', chain('User.find', [obj([prop('_id', obj([prop('$in', id('ids'))]))])], { binding: imported('./schemas/user.schema') }), { library: 'mongoose', access: 'read', batched: true }],
  ['mongoose aggregate', chain('Order.aggregate', [arr()], { binding: imported('@/models/order') }), { library: 'sequelize', access: 'read' }],
  ['mongoose updateOne', chain('Order.updateOne', [obj([]), obj([])]), { library: 'mongoose', access: 'write' }],
  ['mongoose doc.save awaited', chain('doc.save', [], { awaited: true, binding: { kind: 'unbound', length: 1 } }), { library: 'repository', access: 'write' }],
  ['doc.save of a row loaded through a model', chain('doc.save', [], { awaited: true, binding: { kind: 'variable', length: 1, initializer: { kind: 'call', name: 'Doc.findById', source: './models/doc' } } }), { library: 'repository', access: 'write' }],
  ['save of a library document is no query', chain('pdfDoc.save', [], { awaited: true, binding: { kind: 'variable', length: 1, initializer: { kind: 'call', name: 'PDFDocument.load', source: 'pdf-lib' } } }), undefined],
  ['doc.save not awaited is ambiguous', chain('doc.save'), undefined],
  ['file.save(data) is not a document', chain('file.save', [str('x')], { awaited: true }), undefined],
  // MongoDB driver
  ['mongodb collection findOne', chain("db.collection('users').findOne", [obj([])]), { library: 'mongodb', access: 'read' }],
  ['mongodb usersCollection insertOne', chain('usersCollection.insertOne', [obj([])]), { library: 'mongodb', access: 'write' }],
  // MikroORM
  ['mikro em.find', chain('em.find', [id('Author'), obj([])]), { library: 'mikro-orm', access: 'read' }],
  ['mikro persistAndFlush', chain('this.em.persistAndFlush', [id('x')]), { library: 'mikro-orm', access: 'write' }],
  ['mikro flush', chain('orm.em.flush'), { library: 'mikro-orm', access: 'write' }],
  // node-postgres / mysql2 / better-sqlite3
  ['pg pool.query', chain('pool.query', [str('SELECT * FROM users WHERE id = $1'), arr(id('id'))]), { library: 'pg', access: 'read', raw: true }],
  ['pg client.query with SQL', chain('client.query', [str('UPDATE users SET name = $1 WHERE id = $2')]), { library: 'sql', access: 'write', raw: true }],
  ['pg query config object', chain('client.query', [obj([prop('text', str('SELECT id FROM users WHERE email = $1'))])]), { library: 'sql', access: 'read', raw: true }],
  ['pg = ANY($1) batched', chain('pool.query', [str('SELECT * FROM users WHERE id = ANY($1)')]), { library: 'pg', access: 'read', batched: true }],
  ['mysql2 connection.execute', chain('connection.execute', [str('SELECT * FROM users WHERE id = ?')]), { library: 'sql', access: 'read' }],
  ['mysql2 IN (?) batched', chain('conn.query', [str('SELECT * FROM users WHERE id IN (?)')]), { library: 'sql', access: 'read', batched: true }],
  ['sqlite prepare().get', chain("db.prepare('SELECT * FROM users WHERE id = ?').get", [id('id')]), { library: 'better-sqlite3', access: 'read' }],
  ['sqlite prepare().run', chain("db.prepare('INSERT INTO t (a) VALUES (?)').run", [id('a')]), { library: 'better-sqlite3', access: 'write' }],
  ['sqlite stmt.all', chain('stmt.all'), { library: 'better-sqlite3', access: 'read' }],
  ['kysely sql`…`.execute(db)', { segments: [{ name: 'sql', call: { args: [tpl('select 1')], tagged: true } }, { name: 'execute', call: { args: [id('db')] } }], awaited: true }, { library: 'sql', access: 'read' }],
  // Look-alikes
  ['array find with callback', chain('users.find', [fn()]), undefined],
  ['PascalCase array find with callback', chain('Users.find', [fn()]), undefined],
  ['Object.create', chain('Object.create', [id('proto')]), undefined],
  ['Math.max', chain('Math.max', [id('a'), id('b')]), undefined],
  ['map.get', chain('cache.get', [id('key')]), undefined],
  ['map.delete', chain('map.delete', [str('k')]), undefined],
  ['set.add', chain('seen.add', [id('x')]), undefined],
  ['express res.set', chain('res.set', [str('a'), str('b')]), undefined],
  ['apollo client.query', chain('client.query', [obj([prop('query', id('GET_USERS'))])]), undefined],
  ['graphql query string without SQL', chain('client.query', [str('query { users { id } }')]), undefined],
  ['cockatiel policy.execute', chain('policy.execute', [fn()]), undefined],
  ['bull queue.add', chain('queue.add', [str('job'), obj([])]), undefined],
  ['imported PascalCase from another package', chain('Stripe.create', [obj([])], { rootImport: 'stripe' }), undefined],
  ['imported PascalCase model from project', chain('User.create', [obj([])], { rootImport: '../models/user', binding: imported('../models/user') }), { library: 'sequelize', access: 'write' }],
  ['log message with select', chain('logger.info', [str('Select a user from the list')]), undefined],
  ['map.delete(key) on db-like name is not drizzle', chain('db.delete', [str('k')]), undefined],
  ['event emitter em.emit', chain('em.emit', [str('x')]), undefined],
];

describe('classifyQuery (untyped)', () => {
  it.each(cases)('%s', (_name, fact, expected) => {
    const match = classifyQuery(fact, ctx);
    if (expected === undefined) {
      expect(match).toBeUndefined();
      return;
    }
    expect(match).toBeDefined();
    expect(match?.library).toBe(expected.library);
    expect(match?.access).toBe(expected.access);
    if (expected.label !== undefined) expect(match?.label).toBe(expected.label);
    if (expected.batched !== undefined) expect(match?.batched).toBe(expected.batched);
    if (expected.paginated !== undefined) expect(match?.paginated).toBe(expected.paginated);
    if (expected.raw !== undefined) expect(match?.raw).toBe(expected.raw);
  });
});

describe('classifyQuery (typed)', () => {
  const at = (declared: DeclaredIn | undefined) => ({ ...ctx, resolve: () => declared });

  it('drops a name match declared in TypeScript lib (an array named like a model)', () => {
    expect(classifyQuery(chain('Users.findOne', [obj([])]), at({ package: 'lib', typeName: 'Array' }))).toBeUndefined();
  });
  it('drops a repository-named receiver whose method is declared in a cache package', () => {
    expect(classifyQuery(chain('cacheRepository.get', [id('k')]), at({ package: 'lru-cache', typeName: 'LRUCache' }))).toBeUndefined();
  });
  it('keeps a name match when types say nothing (any)', () => {
    expect(classifyQuery(chain('prisma.user.findMany'), at({ unresolved: true }))?.library).toBe('prisma');
  });
  it('finds a TypeORM repository under any name', () => {
    const match = classifyQuery(chain('people.findOneBy', [obj([prop('id')])]), at({ package: 'typeorm', typeName: 'Repository' }));
    expect(match).toMatchObject({ library: 'typeorm', access: 'read', typed: true });
  });
  it('finds a pg Pool under any name and names the library', () => {
    expect(classifyQuery(chain('store.query', [str('SELECT 1 FROM t')]), at({ package: 'pg', typeName: 'Pool' }))?.library).toBe('pg');
  });
  it('finds a project repository class by its type name', () => {
    expect(classifyQuery(chain('this.users.findByEmail', [id('email')], { awaited: true }), at({ typeName: 'UserRepository', fileName: '/p/src/user.repository.ts' }))).toMatchObject({ library: 'repository', typed: true });
  });
  it('recognises a generated Prisma client by its path', () => {
    expect(classifyQuery(chain('client.widget.findFirst'), at({ fileName: '/p/node_modules/.prisma/client/index.d.ts', typeName: 'WidgetDelegate' }))?.library).toBe('prisma');
  });
  it("reads a Mongoose document's own methods as queries only when they go to the database", () => {
    expect(classifyQuery(chain('area.set', [obj([prop('_change')])]), at({ package: 'mongoose', typeName: 'Document' }))).toBeUndefined();
    expect(classifyQuery(chain('mongoose.set', [str('strictQuery'), id('flag')]), at({ package: 'mongoose', typeName: 'Mongoose' }))).toBeUndefined();
    expect(classifyQuery(chain('mongoose.set', [str('strictQuery'), id('flag')]), at({ package: 'mongoose' }))).toBeUndefined();
    expect(classifyQuery(chain('connection.set', [str('debug'), id('flag')]), at({ package: 'mongoose', typeName: 'Connection' }))).toBeUndefined();
    expect(classifyQuery(chain('area.save', [obj([prop('session')])], { awaited: true }), at({ package: 'mongoose', typeName: 'Document' }))).toMatchObject({ library: 'mongoose', access: 'write' });
    expect(classifyQuery(chain('area.populate', [str('children')], { awaited: true }), at({ package: 'mongoose', typeName: 'Document' }))).toMatchObject({ library: 'mongoose' });
    expect(classifyQuery(chain('Area.updateOne', [obj([prop('_id')]), obj([prop('name')])]), at({ package: 'mongoose', typeName: 'Model' }))).toMatchObject({ library: 'mongoose', access: 'write' });
  });
  it('keeps project-declared methods (they may query)', () => {
    expect(classifyQuery(chain('userRepository.findById', [id('id')], { awaited: true }), at({ typeName: 'UserStore', fileName: '/p/src/store.ts' }))).toBeDefined();
  });
});

describe('mayBeQuery', () => {
  it('passes query method names and DB-client names', () => {
    expect(mayBeQuery(['prisma', 'user', 'findMany'], DEFAULT_SETTINGS)).toBe(true);
    expect(mayBeQuery(['knex'], DEFAULT_SETTINGS)).toBe(true);
    expect(mayBeQuery(['this', 'userRepository', 'loadAll'], DEFAULT_SETTINGS)).toBe(true);
  });
  it('rejects ordinary calls cheaply', () => {
    expect(mayBeQuery(['console', 'log'], DEFAULT_SETTINGS)).toBe(false);
    expect(mayBeQuery(['res', 'json'], DEFAULT_SETTINGS)).toBe(false);
  });
  it('honours configured client and repository names', () => {
    const settings = parseSettings({ db: { clientNames: ['warehouse'], repositoryNames: ['ledger'] } });
    expect(mayBeQuery(['warehouse', 'fetchRows'], settings)).toBe(true);
    expect(classifyQuery(chain('ledger.findEntries', [], { awaited: true }), { settings })?.library).toBe('repository');
    expect(classifyQuery(chain('warehouse.query', [id('statement')]), { settings })?.raw).toBe(true);
    const stores = parseSettings({ db: { repositoryNames: ['*Store'] } });
    expect(classifyQuery(chain('this.featureStore.getAll', [], { awaited: true }), { settings: stores })?.library).toBe('repository');
    expect(classifyQuery(chain('this.featureStore.getAll', [], { awaited: true }), { settings: DEFAULT_SETTINGS })).toBeUndefined();
  });
});

describe('SQL fragments and SQL text', () => {
  const raw = (argumentOf: string | undefined, awaited = false, text = 'count(*) as n') => ({ ...chain('knex.raw', [str(text)], { awaited }), ...(argumentOf === undefined ? {} : { argumentOf }) });
  const STATEMENT = 'select count(*) as n from users';
  it.each(['select', 'whereIn', 'orWhere', 'on', 'andOn', 'leftJoin', 'joinRaw', 'update', 'orderBy', 'raw'])('a raw expression handed to %s is part of that query', (step) => {
    expect(classifyQuery(raw(step), ctx)).toBeUndefined();
    expect(classifyQuery(raw(step, false, STATEMENT), ctx)).toBeUndefined();
  });
  it.each(['run', 'info', 'once', 'onion', 'selectAll'])('a raw statement handed to %s is still a query', (method) => {
    expect(classifyQuery(raw(method, false, STATEMENT), ctx)?.library).toBe('knex');
  });
  it('a raw statement awaited inside a builder step is a query, an awaited expression too', () => {
    expect(classifyQuery(raw('select', true, STATEMENT), ctx)?.library).toBe('knex');
    expect(classifyQuery(raw('select', true), ctx)?.library).toBe('knex');
  });
  it('a raw statement kept in a variable is a query', () => {
    expect(classifyQuery(raw(undefined, false, STATEMENT), ctx)?.library).toBe('knex');
    expect(classifyQuery(raw(undefined, false, 'REFRESH MATERIALIZED VIEW ??'), ctx)?.library).toBe('knex');
  });
  it('a statement after a comment, a binding or an interpolated value is no expression', () => {
    const template = (quasis: string[]) => ({ ...chain('knex.raw', [{ kind: 'template', text: quasis.join('?'), expressions: quasis.slice(1).map(() => id('sql')), quasis }]) });
    expect(classifyQuery(template(['', ' WHERE id = ?']), ctx)?.library).toBe('knex');
    expect(classifyQuery(raw(undefined, false, '? ON CONFLICT (id) DO NOTHING'), ctx)?.library).toBe('knex');
    expect(classifyQuery(raw(undefined, false, '-- nightly\nREFRESH MATERIALIZED VIEW ??'), ctx)?.library).toBe('knex');
    expect(classifyQuery(raw(undefined, false, '/* batch */ VACUUM ??'), ctx)?.library).toBe('knex');
    expect(classifyQuery(raw(undefined, false, 'values(?, ?)'), ctx)?.library).toBe('knex');
    for (const statement of ['VACUUM (ANALYZE) ??', 'EXPLAIN (ANALYZE, FORMAT JSON) select 1', 'COPY (select id from users) TO STDOUT', 'REINDEX (VERBOSE) TABLE ??', 'vacuum(analyze) ??']) {
      expect(classifyQuery(raw(undefined, false, statement), ctx)?.library, statement).toBe('knex');
    }
    expect(classifyQuery(template(['lower(', ')']), ctx)).toBeUndefined();
  });
  it.each([undefined, 'run', 'push'])('a raw expression (text no statement starts with) built and not awaited is a fragment, wherever it goes (%s)', (method) => {
    expect(classifyQuery(raw(method), ctx)).toBeUndefined();
    expect(classifyQuery(raw(method, false, '??'), ctx)).toBeUndefined();
    expect(classifyQuery(raw(method, false, 'MAX(CASE WHEN m.id = ? THEN m.value END) as ??'), ctx)).toBeUndefined();
  });
  it('a function named with an action and ending in a client word is no client', () => {
    expect(classifyQuery(chain('parseFindToMikroOrm', [obj([prop('where', obj([]))])]), ctx)).toBeUndefined();
    expect(classifyQuery(chain('connection.useDb', [str('tenant')]), ctx)).toBeUndefined();
    expect(classifyQuery(chain('readDb', [str('users')]), ctx)?.library).toBe('knex');
    expect(classifyQuery(chain('writeConnection', [str('users')]), ctx)?.library).toBe('knex');
  });
  it('SQL text of a builder that reads a list is batched where it runs', () => {
    const builtFrom = chain("knex('orders').whereIn('id', ids).toQuery");
    const run = chain('prisma.$queryRawUnsafe', [{ kind: 'identifier', name: 'sql', builtFrom }]);
    expect(classifyQuery(run, ctx)?.batched).toBe(true);
    expect(classifyQuery(chain('prisma.$queryRawUnsafe', [{ kind: 'identifier', name: 'sql', builtFrom: chain("knex('orders').where('id', id).toQuery") }]), ctx)?.batched).toBe(false);
  });
});
