import type { DbLibrary, QueryAccess } from './db-clients.js';

/**
 * The reference fix for a query in a loop, per library: one batched read before the loop, or one
 * bulk write after it. Shown in rule messages and audit findings; the docs show the full code.
 */
const BATCHED_READ: Readonly<Record<DbLibrary, string>> = {
  prisma: 'Fetch all rows before the loop with one findMany({ where: { id: { in: ids } } }) and look them up in a Map.',
  typeorm: 'Fetch all rows before the loop with one findBy({ id: In(ids) }) and look them up in a Map.',
  sequelize: 'Fetch all rows before the loop with one findAll({ where: { id: ids } }) and look them up in a Map.',
  knex: "Fetch all rows before the loop with one whereIn('id', ids) query and look them up in a Map.",
  drizzle: 'Fetch all rows before the loop with one select().from(table).where(inArray(table.id, ids)) and look them up in a Map.',
  kysely: "Fetch all rows before the loop with one selectFrom(table).where('id', 'in', ids) and look them up in a Map.",
  mongoose: 'Fetch all documents before the loop with one find({ _id: { $in: ids } }) and look them up in a Map.',
  mongodb: 'Fetch all documents before the loop with one find({ _id: { $in: ids } }) and look them up in a Map.',
  'mikro-orm': 'Fetch all entities before the loop with one em.find(Entity, { id: { $in: ids } }) and look them up in a Map.',
  pg: 'Fetch all rows before the loop with one query using WHERE id = ANY($1) and look them up in a Map.',
  mysql2: 'Fetch all rows before the loop with one query using WHERE id IN (?) and look them up in a Map.',
  'better-sqlite3': 'Fetch all rows before the loop with one query using WHERE id IN (…) and look them up in a Map.',
  sql: 'Fetch all rows before the loop with one query using WHERE id = ANY($1) / IN (…) and look them up in a Map.',
  repository: 'Add a batched repository method (e.g. findByIds(ids)), call it once before the loop and look the rows up in a Map.',
};

const BULK_WRITE: Readonly<Record<DbLibrary, string>> = {
  prisma: 'Collect the rows and write them once with createMany/updateMany, or wrap the whole batch in one $transaction([...]).',
  typeorm: 'Collect the entities and write them once with save(entities) or insert([...]).',
  sequelize: 'Collect the rows and write them once with bulkCreate([...]) or one update(…, { where: { id: ids } }).',
  knex: 'Collect the rows and write them once with insert([...]) or one update with whereIn.',
  drizzle: 'Collect the rows and write them once with insert(table).values([...]) or one update with inArray.',
  kysely: 'Collect the rows and write them once with insertInto(table).values([...]) or one update with where(id, in, ids).',
  mongoose: 'Collect the documents and write them once with insertMany([...]) or bulkWrite([...]).',
  mongodb: 'Collect the documents and write them once with insertMany([...]) or bulkWrite([...]).',
  'mikro-orm': 'persist() the entities in the loop and flush() once after it, or use insertMany/nativeUpdate.',
  pg: 'Collect the rows and write them once with one multi-row INSERT … VALUES or UPDATE … WHERE id = ANY($1).',
  mysql2: 'Collect the rows and write them once with one multi-row INSERT … VALUES ? or UPDATE … WHERE id IN (?).',
  'better-sqlite3': 'Collect the rows and write them inside one db.transaction(), with one prepared statement.',
  sql: 'Collect the rows and write them once with one multi-row INSERT or an UPDATE … WHERE id IN (…).',
  repository: 'Add a bulk repository method (e.g. saveMany(rows)) and call it once after the loop.',
};

/** A count per element of the loop: one grouped count before it, per library. */
const GROUPED_COUNT: Readonly<Record<DbLibrary, string>> = {
  prisma: "Count all keys before the loop with one groupBy({ by: ['key'], where: { key: { in: keys } }, _count: true }) and look the counts up in a Map.",
  typeorm: "Count all keys before the loop with one query builder select('key').addSelect('COUNT(*)', 'n').where('key IN (:...keys)').groupBy('key') and look the counts up in a Map.",
  sequelize: "Count all keys before the loop with one count({ where: { key: keys }, group: ['key'] }) and look the counts up in a Map.",
  knex: "Count all keys before the loop with one select('key').count('* as n').whereIn('key', keys).groupBy('key') and look the counts up in a Map.",
  drizzle: 'Count all keys before the loop with one select({ key: table.key, n: count() }).from(table).where(inArray(table.key, keys)).groupBy(table.key) and look the counts up in a Map.',
  kysely: "Count all keys before the loop with one selectFrom(table).select(['key', (eb) => eb.fn.countAll().as('n')]).where('key', 'in', keys).groupBy('key') and look the counts up in a Map.",
  mongoose: "Count all keys before the loop with one aggregate([{ $match: { key: { $in: keys } } }, { $group: { _id: '$key', n: { $sum: 1 } } }]) and look the counts up in a Map.",
  mongodb: "Count all keys before the loop with one aggregate([{ $match: { key: { $in: keys } } }, { $group: { _id: '$key', n: { $sum: 1 } } }]) and look the counts up in a Map.",
  'mikro-orm': "Count all keys before the loop with one query builder select(['key', raw('count(*) as n')]).where({ key: { $in: keys } }).groupBy('key') and look the counts up in a Map.",
  pg: 'Count all keys before the loop with one SELECT key, COUNT(*) … WHERE key = ANY($1) GROUP BY key and look the counts up in a Map.',
  mysql2: 'Count all keys before the loop with one SELECT key, COUNT(*) … WHERE key IN (?) GROUP BY key and look the counts up in a Map.',
  'better-sqlite3': 'Count all keys before the loop with one SELECT key, COUNT(*) … WHERE key IN (…) GROUP BY key and look the counts up in a Map.',
  sql: 'Count all keys before the loop with one SELECT key, COUNT(*) … WHERE key IN (…) GROUP BY key and look the counts up in a Map.',
  repository: 'Add a grouped count repository method (e.g. countByKeys(keys)), call it once before the loop and look the counts up in a Map.',
};

/** Count methods of the libraries' APIs (`count`, `countBy`, Mongoose `countDocuments`). */
const COUNT_METHODS: ReadonlySet<string> = new Set(['count', 'countBy', 'countDocuments']);

const SQL_LIBRARIES = new Set<DbLibrary>(['pg', 'mysql2', 'better-sqlite3', 'prisma']);

/**
 * One sentence: what to do instead of running this query once per iteration. Raw SQL run through
 * an ORM (`sequelize.query`, `knex.raw`, `repo.query`) gets the SQL advice; a count (`method`:
 * `count`, `countBy`, `countDocuments`) gets one grouped count.
 */
export function batchingAdvice(library: DbLibrary, access: QueryAccess, raw = false, method = ''): string {
  const advised = raw && !SQL_LIBRARIES.has(library) ? 'sql' : library;
  if (access === 'write') return BULK_WRITE[advised];
  // A count per element is batched by one grouped count, not by fetching every row.
  return !raw && COUNT_METHODS.has(method) ? GROUPED_COUNT[advised] : BATCHED_READ[advised];
}
