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

const SQL_LIBRARIES = new Set<DbLibrary>(['pg', 'mysql2', 'better-sqlite3', 'prisma']);

/**
 * One sentence: what to do instead of running this query once per iteration. Raw SQL run through
 * an ORM (`sequelize.query`, `knex.raw`, `repo.query`) gets the SQL advice.
 */
export function batchingAdvice(library: DbLibrary, access: QueryAccess, raw = false): string {
  const advised = raw && !SQL_LIBRARIES.has(library) ? 'sql' : library;
  return access === 'write' ? BULK_WRITE[advised] : BATCHED_READ[advised];
}
