import rule, { type MessageId, type Options } from '../../rules/no-query-in-loop.js';
import { runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

const PRISMA = 'Fetch all rows before the loop with one findMany({ where: { id: { in: ids } } }) and look them up in a Map.';
const PRISMA_WRITE = 'Collect the rows and write them once with createMany/updateMany, or wrap the whole batch in one $transaction([...]).';
const TYPEORM = 'Fetch all rows before the loop with one findBy({ id: In(ids) }) and look them up in a Map.';
/** A count per element: one grouped count before the loop. */
const PRISMA_COUNT = "Count all keys before the loop with one groupBy({ by: ['key'], where: { key: { in: keys } }, _count: true }) and look the counts up in a Map.";
const MONGOOSE_COUNT = "Count all keys before the loop with one aggregate([{ $match: { key: { $in: keys } } }, { $group: { _id: '$key', n: { $sum: 1 } } }]) and look the counts up in a Map.";
const TYPEORM_COUNT = "Count all keys before the loop with one query builder select('key').addSelect('COUNT(*)', 'n').where('key IN (:...keys)').groupBy('key') and look the counts up in a Map.";
const TYPEORM_WRITE = 'Collect the entities and write them once with save(entities) or insert([...]).';
const REPOSITORY = 'Add a batched repository method (e.g. findByIds(ids)), call it once before the loop and look the rows up in a Map.';
const REPOSITORY_WRITE = 'Add a bulk repository method (e.g. saveMany(rows)) and call it once after the loop.';
const SEQUELIZE = 'Fetch all rows before the loop with one findAll({ where: { id: ids } }) and look them up in a Map.';
const KNEX = "Fetch all rows before the loop with one whereIn('id', ids) query and look them up in a Map.";
const KNEX_WRITE = 'Collect the rows and write them once with insert([...]) or one update with whereIn.';
const DRIZZLE = 'Fetch all rows before the loop with one select().from(table).where(inArray(table.id, ids)) and look them up in a Map.';
const DRIZZLE_WRITE = 'Collect the rows and write them once with insert(table).values([...]) or one update with inArray.';
const KYSELY = "Fetch all rows before the loop with one selectFrom(table).where('id', 'in', ids) and look them up in a Map.";
const MONGOOSE = 'Fetch all documents before the loop with one find({ _id: { $in: ids } }) and look them up in a Map.';
const MONGOOSE_WRITE = 'Collect the documents and write them once with insertMany([...]) or bulkWrite([...]).';
const MONGODB = MONGOOSE;
const MIKRO = 'Fetch all entities before the loop with one em.find(Entity, { id: { $in: ids } }) and look them up in a Map.';
const MIKRO_WRITE = 'persist() the entities in the loop and flush() once after it, or use insertMany/nativeUpdate.';
const PG = 'Fetch all rows before the loop with one query using WHERE id = ANY($1) and look them up in a Map.';
const MYSQL = 'Fetch all rows before the loop with one query using WHERE id IN (?) and look them up in a Map.';
const SQLITE = 'Fetch all rows before the loop with one query using WHERE id IN (…) and look them up in a Map.';
const SQL = 'Fetch all rows before the loop with one query using WHERE id = ANY($1) / IN (…) and look them up in a Map.';
const SQL_WRITE = 'Collect the rows and write them once with one multi-row INSERT or an UPDATE … WHERE id IN (…).';

type Case = Invalid<MessageId, Options>;

function error(query: string, loop: string, advice: string, line: number, column: number, extra: Partial<Case['errors'][number]> = {}): Case['errors'][number] {
  return { messageId: 'queryInLoop', data: { query: query.startsWith("'") ? query : `'${query}'`, loop, advice, more: '' }, line, column, suggestions: [], ...extra };
}

/** One report per loop: the first query's, naming the other queries of the same iteration. */
function loopError(query: string, loop: string, advice: string, line: number, column: number, others: readonly string[], extra: Partial<Case['errors'][number]> = {}): Case['errors'][number] {
  const named = others.map((other) => `'${other}'`).join(', ');
  const more = `, as ${others.length === 1 ? 'does 1 more query' : `do ${String(others.length)} more queries`} of the same iteration (${named})`;
  return { messageId: 'queryInLoop', data: { query: `'${query}'`, loop, advice, more }, line, column, suggestions: [], ...extra };
}

const valid: Valid<Options>[] = [
  // On the error path: a catch block (or a .catch callback) that restores what a failed batch removed runs only when
  // something failed; the fix that matters is the transaction the batch lacked.
  `@Injectable()
export class WorkspaceMembersService {
  constructor(@InjectRepository(Member) private readonly members: Repository<Member>) {}
  async removeMembers(workspaceId: string, ids: string[]) {
    try {
      await this.members.softDelete({ workspaceId, id: In(ids) });
      await this.billing.resync(workspaceId);
    } catch (error) {
      for (const id of ids) {
        await this.members.restore({ workspaceId, id });
      }
      throw error;
    }
  }
  removeLater(workspaceId: string, ids: string[]) {
    return this.members.softDelete({ workspaceId, id: In(ids) }).catch(async (error) => {
      await Promise.all(ids.map((id) => this.members.restore({ workspaceId, id })));
      throw error;
    });
  }
}`,
  // Each round takes a whole chunk a chunking helper cut: the batching is done.
  `export class RowsService {
  async identities(dao: Dao, values: string[]) {
    const chunks = this.chunkArray(values, 50);
    const results = await Promise.all(chunks.map((chunk) => dao.getIdentityColumns('users', 'id', chunk)));
    for (const part of _.chunk(values, 100)) await prisma.user.updateMany({ where: { id: { in: part } }, data: { seen: true } });
    return results.flat();
  }
}`,
  // A counter numbering chunks of a fixed gap: each round updates one slice of up to 1,000 ids with IN.
  `export class RecordsService {
  async archive(manager: EntityManager, dstId: string, ids: string[]) {
    const gap = 1000;
    const times = Math.ceil(ids.length / gap);
    for (let i = 0; i < times; i++) {
      const part = ids.slice(i * gap, (i + 1) * gap);
      await manager.createQueryBuilder().update(RecordEntity).set({ archived: true }).where('dst_id = :dstId', { dstId }).andWhere('record_id IN (:...part)', { part }).execute();
    }
  }
}`,
  // MikroORM's remove and persist only mark entities in the unit of work; the one flush after the loop sends the statements.
  `import { EntityManager } from '@mikro-orm/postgresql';
export class SessionStore {
  constructor(private readonly entityManager: EntityManager) {}
  async deleteSessions(ids: string[]) {
    const sessions = await this.entityManager.find(Session, ids);
    sessions.forEach((session) => this.entityManager.remove(session));
    for (const session of sessions) this.entityManager.persist(session);
    await this.entityManager.flush();
  }
}`,
  // A poll of one row until its status is final, bounded by a deadline: the rounds are waits, not items.
  `export class ExportService {
  constructor(private readonly prisma: PrismaClient) {}
  async waitUntilDone(exportId: string) {
    const startedAt = Date.now();
    while (Date.now() - startedAt < 300_000) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const job = await this.prisma.exportJob.findFirst({ where: { exportId }, select: { status: true } });
      if (!job) throw new Error('export vanished');
      if (job.status === 'done' || job.status === 'failed') return job.status;
    }
    throw new Error('export timed out');
  }
}`,
  // The same poll written as an endless loop that an exit guard leaves at the deadline.
  `import { Run } from '../models/Run';
export async function waitForRunCompletion(runId: string, interval = 2000) {
  const MAX_WAIT_TIME = 180 * 60 * 1000;
  const startTime = Date.now();
  while (true) {
    if (Date.now() - startTime > MAX_WAIT_TIME) throw new Error('Run completion timeout');
    const run = await Run.findOne({ where: { runId } });
    if (!run) throw new Error('Run not found');
    if (run.status === 'success') return run.toJSON();
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}`,
  // Evidence before names: look-alikes the file itself rules out.
  // A command factory's static create() is no model write.
  `import { CreateUserCommand } from './commands/create-user.command';
export async function importUsers(rows: Row[]) {
  for (const row of rows) await bus.execute(await CreateUserCommand.create(row));
}`,
  // Schema upgrade files applied in order: each round runs another script.
  `import fs from 'node:fs';
export async function upgrade(pool: Pool, folder: string, version: number) {
  let file = \`\${folder}/upgrade_\${version + 1}.sql\`;
  while (fs.existsSync(file)) {
    await pool.query(fs.readFileSync(file).toString());
    version = (await pool.query("SELECT value FROM config WHERE key = 'version'")).rows[0].value;
    file = \`\${folder}/upgrade_\${version + 1}.sql\`;
  }
}`,
  // A readiness probe per replica reads no data.
  `for (const pool of pools) await pool.query('SELECT 1');`,
  // A schema statement per leftover working table acts on one named object, not on rows.
  `for (const { tablename } of staleTables) { await sequelize.query(\`DROP TABLE IF EXISTS "\${tablename}" CASCADE\`); }`,
  // A fixed list in the code does not grow with the data.
  `for (const role of ['owner', 'admin']) await prisma.role.upsert({ where: { name: role }, create: { name: role }, update: {} });`,
  `const PHASES = { users: 'users', orders: 'orders' } as const;
export async function counts() {
  for (const phase of Object.keys(PHASES)) await db.selectFrom(phase).select(db.fn.countAll().as('n')).execute();
}`,
  // One query per distinct key, remembered.
  `for (const row of rows) {
  if (!hosts[row.hostId]) hosts[row.hostId] = await prisma.host.findUnique({ where: { id: row.hostId } });
}`,
  // The fallback of a DataLoader.
  `for (const expense of expenses) {
  const user = loaders ? await loaders.user.load(expense.userId) : await User.findByPk(expense.userId);
}`,
  // The same fallback written the other way round: the query in the then-branch, the DataLoader in the else.
  `for (const expense of expenses) {
  if (!loaders) await this.userRepository.findById(expense.userId);
  else await loaders.user.load(expense.userId);
}`,
  // A raw expression handed to a step of the builder being assembled is part of that one query.
  `Object.entries(groupColumns).forEach(([name, column]) => {
  qb.select(typeof column === 'string' ? { [name]: column } : knex.raw(column.sql, column.bindings));
});`,
  `const rows = await knex('orders').where((builder) => {
  for (const tag of tags) builder.orWhere(this.knex.raw('CAST(?? AS text)', [tag.column]), 'LIKE', tag.pattern);
});`,
  // The DDL text of a Knex schema builder, run raw once per new column: schema statements.
  `for (const column of columns) {
  const ddl = this.knex.schema.alterTable(tableName, (table) => { table.string(column.name); }).toQuery();
  await this.prisma.$executeRawUnsafe(ddl);
}`,
  // The text a statement builder named for its schema statement returns, run raw once per stale table.
  `export class ArchiveJanitor {
  async dropStaleTables(staleTables: { name: string }[]) {
    for (const table of staleTables) {
      await this.prisma.$executeRawUnsafe(this.sqlDialect.dropTable(table.name));
    }
  }
}`,
  // The same, held in a const first: one CREATE TABLE … AS per archived table.
  `export class ArchiveJanitor {
  async copyTables(names: string[]) {
    for (const name of names) {
      const sql = this.sqlDialect.duplicateTable('live', 'archive', name);
      await this.prisma.$executeRawUnsafe(sql);
    }
  }
}`,
  // The statements of one schema change, as many as the dialect needs, run one after the other.
  `export class ColumnRenamer {
  async renameColumns(table: string, renames: { from: string; to: string }[]) {
    for (const rename of renames) {
      const statements = this.sqlDialect.renameColumn(table, rename.from, rename.to);
      for (const statement of statements) {
        await this.prisma.$executeRawUnsafe(statement);
      }
    }
  }
}`,
  // Knex's toSQL() objects of one schema change, their sql run one after the other.
  `export async function addArchiveColumn(table: string) {
  for (const step of this.sqlDialect.alterArchiveColumn(table)) {
    await this.knex.raw(step.sql);
  }
}`,
  // Each round stamps a table of its own, created the round before: no WHERE id IN (…) merges tables.
  `export class ArchiveJanitor {
  async stampCopies(names: string[], operatorId: string) {
    for (const name of names) {
      const copy = this.archiveName(name);
      const sql = this.knex(copy).update({ copied_by: operatorId, version: 1 }).toQuery();
      await this.prisma.$executeRawUnsafe(sql);
    }
  }
}`,
  // TypeORM's metadata of one entity: one read per many-to-many relation the entity class declares.
  `import { Repository } from 'typeorm';
export async function exportJoinTables(repository: Repository<Invoice>) {
  for (const relation of repository.metadata.manyToManyRelations) {
    const rows = await repository.manager.query(\`SELECT * FROM "\${relation.joinTableName}"\`);
    await writeCsv(relation.joinTableName, rows);
  }
}`,
  // Builders a callback makes for one builder step: parts of one query (a union of one row per id).
  `export function startRows(startIds: string[]) {
  return knex.queryBuilder().with('start', knex.unionAll(startIds.map((id) => knex.select({ toId: knex.raw('?', id) }))));
}`,
  // The text of a builder that already reads a whole list (whereIn), run raw once per table.
  `for (const [table, ids] of Object.entries(idsByTable)) {
  const sql = this.knex(table).whereIn('__id', ids).select('*').toQuery();
  await this.prisma.$queryRawUnsafe(sql);
}`,
  // A builder turned into SQL text runs nothing.
  `for (const filter of filters) parts.push(knex('events').where(filter).toQuery());`,
  // A drain: a bounded delete per round until nothing is left.
  `while (deleted > 0) {
  const result = await pool.query('DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at < now() LIMIT 1000)');
  deleted = result.rowCount ?? 0;
}`,
  // A bulk write of a list built on the spot.
  `for (const batch of batches) await jobRepository.delete(batch.map((job) => job.id));`,
  // An API namespace named repo is no repository.
  `for (const uri of uris) await agent.com.atproto.repo.deleteRecord({ uri });`,
  // A terminal program.
  `import { Command } from 'commander';
export async function backfill(ids: string[]) {
  for (const id of ids) await prisma.user.update({ where: { id }, data: { migrated: true } });
}`,
  // A library document's save() is no active record: pdf-lib, a project object.
  `import { PDFDocument } from 'pdf-lib';
for (const file of files) { const pdfDoc = await PDFDocument.load(file); await pdfDoc.save(); }`,
  `for (const interaction of interactions) await interaction.save();
import { ExperienceInteraction } from './experience-interaction';
declare const interactions: ExperienceInteraction[];`,
  // A local class extending a non-ORM base.
  `class AuditEvent extends DomainEvent {}
for (const change of changes) await AuditEvent.create(change);`,
  // A Map named like a DB client: delete() is Map#delete.
  `class Registry {
  private readonly db = new Map<string, Session>();
  async purge(ids: string[]) {
    for (const id of ids) await this.db.delete(id);
  }
}`,
  // A client found in a Map, its Set of subscriptions emptied: delete(channel) with a key is Set#delete, no Prisma model's.
  `export class Channels {
  private readonly clients = new Map<WebSocket, { subscriptions: Set<Channel> }>();
  leaveAll(ws: WebSocket) {
    const client = this.clients.get(ws);
    client?.subscriptions.forEach((channel) => {
      channel.members.delete(ws);
      client.subscriptions.delete(channel);
    });
  }
}`,
  // A graph of transactions: tx.ancestors is a Set of the node, delete(removed) with a key is Set#delete.
  `export function prune(txs: Set<TxNode>, toRemove: TxNode[]) {
  for (const tx of txs) {
    for (const removed of toRemove) {
      tx.ancestors.delete(removed);
      tx.descendants.delete(removed.txid);
    }
  }
}`,
  // A repository class of an SDK package, injected: no data access of ours.
  `import { FlagRepository } from '@vendor/flags-sdk';
export class FlagsService {
  constructor(private readonly flagRepository: FlagRepository) {}
  async all(keys: string[]) {
    for (const key of keys) await this.flagRepository.findOne(key);
  }
}`,
  // An enum imported from @prisma/client is no model.
  `import { Role } from '@prisma/client';
for (const user of users) await Role.findFirst(user);`,
  // Typed: a TypeORM query builder's where() only builds; the terminal runs once after the loop.
  {
    mode: 'typed',
    code: `
import type { SelectQueryBuilder } from 'typeorm';
declare const qb: SelectQueryBuilder<{ id: number; status: string }>;
declare const filters: string[];
for (const status of filters) {
  qb.orWhere('status = :status', { status });
}
await qb.getMany();`,
  },
  // Batched reads before the loop.
  `
const users = await prisma.user.findMany({ where: { id: { in: orders.map((o) => o.userId) } } });
const byId = new Map(users.map((u) => [u.id, u]));
for (const order of orders) {
  order.user = byId.get(order.userId);
}`,
  // Query after the loop.
  `
const ids = [];
for (const order of orders) ids.push(order.userId);
await prisma.user.findMany({ where: { id: { in: ids } } });`,
  // Query in the for…of iterable runs once.
  `for (const user of await prisma.user.findMany()) { console.log(user.id); }`,
  // Query in for-init runs once.
  `for (let rows = await db.query('SELECT id FROM jobs'), i = 0; i < rows.length; i++) { handle(rows[i]); }`,
  // Batched inside a loop over chunks: TypeORM In().
  `
for (const chunk of chunks) {
  await userRepository.findBy({ id: In(chunk) });
}`,
  // Mongo $in.
  `for (const group of groups) { await User.find({ _id: { $in: group.memberIds } }); }`,
  // Knex whereIn.
  `for (const batch of batches) { await knex('users').whereIn('id', batch); }`,
  // Drizzle inArray.
  `for (const ids of pages) { await db.select().from(users).where(inArray(users.id, ids)); }`,
  // SQL = ANY($1).
  `for (const ids of pages) { await pool.query('SELECT * FROM users WHERE id = ANY($1)', [ids]); }`,
  // The same SQL text held in a const the call is given.
  `export async function load(pages: string[][]) {
  const q = \`SELECT * FROM users WHERE id = ANY($1)\`;
  for (const ids of pages) { await pool.query(q, [ids]); }
}`,
  // A row's own values inserted in a try per row whose catch goes on, the SQL text in a const: each row its own unit of work.
  `export async function importHolidays(db: Pool, organizationId: string, holidays: Holiday[]) {
  const importQ = \`INSERT INTO organization_holidays (organization_id, name, date) VALUES ($1, $2, $3)\`;
  for (const holiday of holidays) {
    try {
      await db.query(importQ, [organizationId, holiday.name, holiday.date]);
    } catch (error) {
      continue;
    }
  }
}`,
  // Bulk writes per chunk.
  `for (const chunk of chunks) { await prisma.event.createMany({ data: chunk }); }`,
  `for (const chunk of chunks) { await Event.bulkCreate(chunk); }`,
  `for (const chunk of chunks) { await knex('events').insert(chunk); }`,
  `for (const rows of batches) { await repo.save(rows); }`,
  // Paginated loop (cursor / skip).
  `
let cursor;
while (true) {
  const page = await prisma.post.findMany({ take: 100, skip: cursor ? 1 : 0, cursor: cursor ? { id: cursor } : undefined });
  if (page.length === 0) break;
  cursor = page[page.length - 1].id;
}`,
  `
for (let offset = 0; ; offset += 500) {
  const rows = await knex('audit').select('*').limit(500).offset(offset);
  if (rows.length === 0) break;
}`,
  `
let page = 0;
do {
  rows = await pool.query('SELECT * FROM events ORDER BY id LIMIT 100 OFFSET $1', [page * 100]);
  page++;
} while (rows.length > 0);`,
  // Keyset paging: a page size and a moving range condition.
  `
let lastId = 0;
for (;;) {
  const batch = await prisma.event.findMany({ where: { id: { gt: lastId } }, orderBy: { id: 'asc' }, take: 500 });
  if (batch.length === 0) break;
  lastId = batch[batch.length - 1].id;
}`,
  `
let last = 0;
while (true) {
  const rows = await knex('events').where('id', '>', last).orderBy('id').limit(1000);
  if (!rows.length) break;
  last = rows[rows.length - 1].id;
}`,
  // Hand-written retry loop: that is no-retry-around-db-write's job.
  `
for (let attempt = 1; attempt <= 3; attempt++) {
  try {
    return await prisma.order.create({ data });
  } catch (error) {
    if (attempt === 3) throw error;
    await sleep(2 ** attempt * 100);
  }
}`,
  `
let retries = 0;
while (true) {
  try {
    await pool.query('INSERT INTO audit (event) VALUES ($1)', [event]);
    break;
  } catch (err) {
    retries++;
    if (retries > 5) throw err;
  }
}`,
  // Function defined in the loop but not called there.
  `
for (const id of ids) {
  handlers.push(async () => prisma.user.findUnique({ where: { id } }));
}`,
  `
for (const route of routes) {
  app.get(route.path, async (req, res) => res.json(await userRepository.findById(req.params.id)));
}`,
  // Loop exits after the first query.
  `
for (const email of candidateEmails) {
  return await prisma.user.findFirst({ where: { email } });
}`,
  `
for (const shard of shards) {
  const row = await pool.query('SELECT 1 FROM users WHERE id = $1', [id]);
  break;
}`,
  // Prisma dataloader batches findUnique issued in one tick.
  `const users = await Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } })));`,
  `const users = await Promise.all(ids.map(async (id) => await prisma.user.findUnique({ where: { id } })));`,
  `
const promises = [];
for (const id of ids) {
  promises.push(prisma.user.findUnique({ where: { id } }));
}
await Promise.all(promises);`,
  // Look-alikes: arrays, maps and caches are not databases.
  `for (const order of orders) { const user = users.find((u) => u.id === order.userId); }`,
  `for (const key of keys) { cache.delete(key); map.get(key); }`,
  `for (const id of ids) { seen.add(id); }`,
  `for (const item of items) { Object.create(item); Math.max(item.a, item.b); Array.from(item.list); }`,
  `for (const header of headers) { res.set(header.name, header.value); }`,
  `for (const user of users) { logger.info({ userId: user.id }, 'Select a user from the list'); }`,
  `for (const q of questions) { await client.query({ query: GET_USER, variables: { id: q.userId } }); }`,
  `for (const job of jobs) { await queue.add(job.name, job.data); }`,
  `for (const entity of entities) { const draft = userRepository.create(entity); drafts.push(draft); }`,
  `for (const task of tasks) { await policy.execute(() => fetch(task.url)); }`,
  // TypeORM's injected Repository.create builds an entity in memory, even pushed into a list (the rows are saved once after).
  `import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
export class ImportService {
  constructor(@InjectRepository(Translation) private translationRepo: Repository<Translation>) {}
  async importAll(items: Item[], localeId: string) {
    const rows: Translation[] = [];
    for (const item of items) {
      rows.push(this.translationRepo.create({ termId: item.termId, localeId, value: item.text }));
    }
    await this.translationRepo.save(rows);
  }
}`,
  `for (const file of files) { stream.destroy(); }`,
  // Imported from another package: not a model.
  `
import { Customer } from 'stripe-sdk';
for (const c of list) { await Customer.create(c); }`,
  // Subquery built inside a batched query is not a second query.
  `for (const batch of batches) { await knex('users').whereIn('id', knex('orders').select('user_id').whereIn('id', batch)); }`,
  // Typed: a receiver declared as a TypeORM repository but narrowed to an in-memory subclass runs the subclass's own method.
  {
    mode: 'typed',
    code: `
import { Repository } from 'typeorm';
class User { id = ''; }
class MemoryStore extends Repository<User> { override async find(): Promise<User[]> { return []; } }
export async function load(store: Repository<User>, ids: string[]) {
  for (const id of ids) { if (store instanceof MemoryStore) await store.find(); }
}`,
  },
  // Typed: a Map built in the file is placed in TypeScript's lib by symbol look-ups; its get is no query.
  {
    mode: 'typed',
    code: `
export function pick(rows: { id: string }[], ids: string[]) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const out = [];
  for (const id of ids) { out.push(byId.get(id)); }
  return out;
}`,
  },
  // Typed: an array named like a model is not a model.
  {
    code: `
declare const Users: Array<{ id: number }>;
for (const id of [1, 2]) { Users.find((u) => u.id === id); }`,
  },
  {
    mode: 'typed',
    code: `
class UserCache { findById(id: string): string | undefined { return id; } }
declare const cacheRepository: Map<string, string>;
for (const id of ['a']) { cacheRepository.get(id); }`,
  },
  // Building a query in a loop runs nothing; the query runs once, after the loop.
  `
const qb = userRepository.createQueryBuilder('u');
for (const [column, value] of Object.entries(filters)) {
  qb.andWhere(\`u.\${column} = :\${column}\`, { [column]: value });
}
const users = await qb.getMany();`,
  `
let query = knex('orders');
for (const filter of filters) query = query.where(filter.column, filter.value);
const rows = await query;`,
  // Not databases: HTTP, mail, caches, validators, statements being prepared.
  `for (const user of users) { await mailer.sendMail({ to: user.email, subject }); await fetch(user.webhookUrl); }`,
  `for (const key of keys) { await this.cacheManager.del(key); await redis.get(key); }`,
  `for (const schema of schemas) { validators.push(ajv.compile(schema)); }`,
  `for (const name of tables) { statements[name] = db.prepare(\`SELECT * FROM \${name} WHERE id = ?\`); }`,
  `for (const line of lines) { const parsed = JSON.parse(line); results.push(parsed); }`,
  `for (const event of events) { emitter.emit(event.type, event); bus.publish(event); }`,
  // Each element is a different table: no batching merges them.
  `await Promise.all(Object.values(connection.collections).map(async (collection) => collection.deleteMany({})));`,
  `for (const repository of repositories) { await repository.clear(); }`,
  // A synchronous in-memory repository is not a database round trip.
  `features.every((parent) => { const toggle = this.repository.getToggle(parent.name); return toggle?.enabled; });`,
  // A probe loop: the query's answer decides whether another round runs, and each round asks for a
  // key the loop itself changes (a free slug, a unique code). The rounds cannot be asked together.
  `export async function freeSlug(base: string) {
  let slug = base;
  let n = 1;
  let taken = await prisma.workspace.findUnique({ where: { slug } });
  while (taken) {
    n += 1;
    slug = \`\${base}-\${n}\`;
    taken = await prisma.workspace.findUnique({ where: { slug } });
  }
  return slug;
}`,
  `export class TagService {
  constructor(private readonly tags: TagRepository) {}
  async uniqueCode(code: string) {
    let candidate = code;
    let suffix = 1;
    let clash;
    do {
      clash = await this.tags.findOneBy({ code: candidate });
      if (clash) candidate = \`\${code}-\${++suffix}\`;
    } while (clash);
    return candidate;
  }
}`,
  `export async function freeTeamName(base: string) {
  for (let attempt = 1; ; attempt++) {
    const name = attempt === 1 ? base : \`\${base} \${attempt}\`;
    const existing = await knex('teams').where({ name }).first();
    if (!existing) return name;
  }
}`,
  // A batch the loop fills and writes when it is full: one write per hundred rows, the batching done.
  `export async function queueInactivePlayers(em: EntityManager, players: AsyncIterable<Player>) {
  let pending: PlayerToDelete[] = [];
  for await (const player of players) {
    pending.push(new PlayerToDelete(player));
    if (pending.length >= 100) {
      await em.persist(pending).flush();
      pending = [];
    }
  }
  if (pending.length > 0) await em.persist(pending).flush();
}`,
  // A probe whose key is cleared by a branch on the answer: the loop's condition reads what the answer decided.
  `export async function createTenantSlug(db: LibSQLDatabase) {
  let handle: string | undefined;
  while (!handle) {
    handle = wordSlug(2);
    const clash = await db.select().from(tenant).where(eq(tenant.handle, handle)).get();
    if (clash) {
      handle = undefined;
    }
  }
  return handle;
}`,
  // Keyset paging whose cursor condition sits in a conditional-builder callback: one query per page.
  `export async function allAccountIds(db: Kysely<Schema>) {
  const ids: string[] = [];
  let after = '';
  do {
    const page = await db.selectFrom('account').select(['id']).orderBy('id').limit(50).$if(after !== '', (qb) => qb.where('id', '>', after)).execute();
    for (const row of page) ids.push(row.id);
    after = page.at(-1)?.id ?? '';
  } while (after);
  return ids;
}`,
  // Each setting's own options, rebuilt from the row inside a call, in a filter-then-map chain.
  `export async function moveSettings(tx: Prisma.TransactionClient, settings: SettingRow[], from: string, to: string) {
  await Promise.all(
    settings
      .map((setting) => ({ ...setting, options: JSON.parse(setting.options) }))
      .filter((setting) => setting.options.region === from)
      .map((setting) => tx.setting.update({ where: { id: setting.id }, data: { options: JSON.stringify({ ...setting.options, region: to }) } })),
  );
}`,
  // Each task's rank from the list computed beside the ids, the update's text built by Knex and run raw.
  `export async function applyRanks(prisma: PrismaClient, taskIds: string[], ranks: number[]) {
  for (let i = 0; i < taskIds.length; i++) {
    const sql = knex('tasks').update({ rank: ranks[i] }).where('id', taskIds[i]).toQuery();
    await prisma.$executeRawUnsafe(sql);
  }
}`,
  // An update that gives each row its own values: the library has no statement for that.
  `for (const item of items) {
  await prisma.cartItem.update({ where: { id: item.id }, data: { quantity: item.quantity, total: item.unitPrice * item.quantity } });
}`,
  `for (const account of accounts) {
  const balance = account.credits - account.debits;
  await knex('accounts').where({ id: account.id }).update({ balance });
}`,
  `for (const profile of profiles) {
  await db.updateTable('member').where('did', '=', profile.did).set({ handle: profile.handle, displayName: profile.displayName }).execute();
}`,
  `import { eq } from 'drizzle-orm';
import { db } from './db';
import { component } from './schema';
export async function reorder(changed: Component[]) {
  for (const { id, position } of changed) {
    await db.update(component).set({ position }).where(eq(component.id, id));
  }
}`,
  `import { Repository } from 'typeorm';
export class PlanService {
  constructor(private readonly plans: Repository<Plan>) {}
  async dropRetiredFeatures(enabled: string[]) {
    for (const plan of await this.plans.find()) {
      plan.features = plan.features.filter((feature) => enabled.includes(feature));
      await this.plans.save(plan);
    }
  }
}`,
  // A stored row the loop body holds (a part of the order it was given), changed with the row's own value: distinct updates.
  `import { Repository } from 'typeorm';
export class ShipmentService {
  constructor(private readonly shipments: Repository<Shipment>) {}
  async assignCarriers(order: Order, carrierIds: string[]) {
    for (const [index, carrierId] of carrierIds.entries()) {
      const shipment = order.shipments[index];
      shipment.carrierId = carrierId;
      await this.shipments.save(shipment);
    }
  }
}`,
  // A counted loop reaches its row by position: an update whose value the indexed row gives, through a conditional and a call.
  `export async function saveSettings(tx: Prisma.TransactionClient, settings: SettingInput[], sealedKeys: string[]) {
  for (let i = 0; i < settings.length; i++) {
    await tx.setting.update({
      where: { key: settings[i].key },
      data: { value: sealedKeys.includes(settings[i].key) ? seal(settings[i].value) : settings[i].value },
    });
  }
}`,
  // A value looked up by the row's own key is the row's value.
  `for (const { id, sku } of lines) {
  await prisma.orderLine.update({ where: { id }, data: { unitPrice: priceBySku[sku] } });
}`,
  // A Sequelize model of each edited element, in a file that imports Sequelize: no bulk update of distinct values.
  `import { Transaction } from 'sequelize';
export async function applyTagEdits(edits: { model: Tag; changes: TagInput }[], transaction: Transaction) {
  return Promise.all(edits.map(async ({ model, changes }) => model.update(pick(changes, EDITABLE_TAG_FIELDS), { transaction })));
}`,
  // A Prisma upsert of each input's own values whose returned row the iteration goes on with: no upsertMany returns rows.
  `export async function saveMembers(tx: Prisma.TransactionClient, teamId: string, inputs: MemberInput[]) {
  const idByEmail = new Map<string, string>();
  for (const input of inputs) {
    const member = await tx.member.upsert({ where: { email: input.email }, update: { name: input.name }, create: { email: input.email, name: input.name, teamId } });
    idByEmail.set(input.email, member.id);
  }
  return idByEmail;
}`,
  // A log of operations of different kinds applied in order: batching per kind would reorder them.
  `export async function applyFollowOps(ops: FollowOp[]) {
  for (const op of ops) {
    if (op.kind === OpKind.Add) {
      await db.insertInto('follow').values({ from: op.actor, to: op.subject }).execute();
    } else if (op.kind === OpKind.Remove) {
      await db.deleteFrom('follow').where('from', '=', op.actor).where('to', '=', op.subject).execute();
    }
  }
}`,
  `export async function replay(events: LedgerEvent[]) {
  for (const event of events) {
    switch (event.type) {
      case 'credit':
        await knex('entries').insert({ account: event.account, amount: event.amount });
        break;
      case 'reversal':
        await knex('entries').where({ id: event.entryId }).delete();
        break;
    }
  }
}`,
  // A constant list imported from another module is written in the code, not read from the data.
  `import { INTERNAL_GROUPS } from '../constants/teams';
export async function createTeam(tx: Prisma.TransactionClient, teamId: string) {
  await Promise.all(INTERNAL_GROUPS.map((group) => tx.teamGroup.create({ data: { teamId, type: group.type, role: group.role } })));
}`,
  // ...and so is one imported under a type-like name (a catalogue of the standard's categories).
  `import { ControlCategories } from '../structures/eu-ai-act/control-categories';
import { sequelize } from '../database/db';
export async function seedControlCategories(projectId: number, transaction: Transaction) {
  for (const category of ControlCategories) {
    await sequelize.query('INSERT INTO control_categories (project_id, title) VALUES (:projectId, :title)', { replacements: { projectId, title: category.title }, transaction });
  }
}`,
  // Background work, whether or not it isolates each row: no request waits on a worker's loop.
  {
    mode: 'untyped',
    filename: 'src/queues/profile-sync.processor.ts',
    code: `export async function refreshProfiles(symbols: string[]) {
  for (const symbol of symbols) {
    try {
      await prisma.symbolProfile.upsert({ where: { symbol }, create: { symbol }, update: {} });
    } catch (error) {
      logger.error({ err: error, symbol }, 'profile refresh failed');
      throw error;
    }
  }
}`,
  },
  {
    mode: 'untyped',
    filename: 'src/cron/digest.ts',
    code: `export async function sendDigests(channelIds: string[]) {
  for (const channelId of channelIds) {
    const events = await prisma.event.findMany({ where: { channelId }, take: 50 });
    await notify(channelId, events);
  }
}`,
  },
  {
    mode: 'untyped',
    filename: 'src/queues/profile-sync.processor.ts',
    code: `export async function refreshProfiles(symbols: string[]) {
  for (const symbol of symbols) {
    const profile = await provider.fetchProfile(symbol);
    try {
      await prisma.symbolProfile.upsert({ where: { symbol }, create: { symbol, ...profile }, update: profile });
    } catch (error) {
      logger.error({ err: error, symbol }, 'profile refresh failed');
      if (symbols.length === 1) throw error;
    }
  }
}`,
  },
  // A write in a try per row whose catch records the failure and goes on: each row its own unit of
  // work, in request code too; one batched write would let one bad row fail the others.
  {
    mode: 'untyped',
    filename: 'src/imports/contacts-import.service.ts',
    code: `export async function importContacts(rows: ContactRow[], report: ImportReport) {
  for (const row of rows) {
    try {
      const created = await prisma.contact.create({ data: { email: row.email, name: row.name } });
      report.mapped.set(row.sourceId, created.id);
    } catch (error) {
      report.failed.push({ sourceId: row.sourceId, reason: String(error) });
    }
  }
}`,
  },
  // The same in Knex: an insert of the row's own fields in a try per row that records the failure.
  {
    mode: 'untyped',
    filename: 'src/imports/contacts-import.service.ts',
    code: `export async function importContacts(rows: ContactRow[], report: ImportReport) {
  for (const row of rows) {
    try {
      await knex('contacts').insert({ email: row.email, name: row.name });
    } catch (error) {
      report.failed.push({ sourceId: row.sourceId, reason: String(error) });
    }
  }
}`,
  },
  // A Prisma create that writes its children in the same call: createMany takes no nested writes.
  `export async function addSigners(tx: Prisma.TransactionClient, envelopeId: number, signers: SignerInput[]) {
  await Promise.all(signers.map((signer) => tx.signer.create({
    data: { envelopeId, email: signer.email, fields: { createMany: { data: signer.fields } } },
  })));
}`,
  // The same, when each element is an object the function built with its children's nested create
  // (through a method of the class whose single return gives it, the list assigned once).
  `export class FolderService {
  async importFolders(tx: Prisma.TransactionClient, ownerId: string, folders: FolderInput[]) {
    let inputs: Prisma.FolderCreateInput[] = [];
    inputs = folders.map((folder, index) => this.toCreateInput(folder, ownerId, index));
    return Promise.all(inputs.map((input) => tx.folder.create({ data: { ...input, owner: { connect: { id: ownerId } } } })));
  }

  private toCreateInput(folder: FolderInput, ownerId: string, index: number): Prisma.FolderCreateInput {
    return {
      title: folder.name,
      position: index,
      documents: { create: folder.documents.map((document) => ({ title: document.title, ownerId })) },
    };
  }
}`,
  `export async function importFolders(tx: Prisma.TransactionClient, folders: FolderInput[]) {
  const inputs = folders.map((folder) => ({ title: folder.name, documents: { createMany: { data: folder.documents } } }));
  for (const input of inputs) await tx.folder.create({ data: input });
}`,
  // A loop that walks its list a chunk at a time: one call per chunk, already batched.
  `export async function archiveUsers(ids: string[], chunkSize: number) {
  for (let i = 0; i < ids.length; i += chunkSize) {
    const chunk = ids.slice(i, i + chunkSize);
    await userRepository.archiveAll(chunk);
  }
}`,
  // A while loop that takes a chunk off the front of the list it drains: one call per chunk.
  `export async function loadSubgraphs(targets: { targetId: string }[]) {
  const pending = targets.map((target) => target.targetId);
  const found: Subgraph[] = [];
  while (pending.length > 0) {
    const part = pending.splice(0, 100);
    found.push(...(await subgraphRepository.findByTargetIds(part)));
  }
  return found;
}`,
  // The same chunk taken through a method of the class that only splices, the condition testing the chunk it took.
  `export class ContactImport {
  sliceIntoChunks(list: Contact[], size: number) {
    return list.splice(0, size);
  }
  async run(contacts: Contact[]) {
    let chunk = this.sliceIntoChunks(contacts, 3000);
    while (chunk.length > 0) {
      const label = await pgClient.query('SELECT id FROM labels WHERE title = $1 LIMIT 1', [this.inbox]);
      await pgClient.query(\`INSERT INTO contacts (name, phone, label_id) VALUES \${chunk.map((c) => toRow(c, label.rows[0].id)).join(', ')}\`);
      chunk = this.sliceIntoChunks(contacts, 3000);
    }
  }
}`,
  `export async function exportOrders(ids: string[]) {
  let offset = 0;
  while (offset < ids.length) {
    await prisma.orderExport.create({ data: { orderIds: ids.slice(offset, offset + 500).join(',') } });
    offset = offset + 500;
  }
}`,
  // A page read through a query builder kept in a variable, capped where it is built: one query per page.
  `import { Kysely } from 'kysely';
const db = new Kysely<Schema>({ dialect });
export async function forEachAccount(fn: (did: string) => Promise<void>) {
  const pageQb = db.selectFrom('account').select(['did', 'createdAt']).orderBy('createdAt').limit(200);
  let cursor: { did: string } | undefined;
  do {
    const rows = cursor ? await pageQb.where('did', '>', cursor.did).execute() : await pageQb.execute();
    for (const row of rows) await fn(row.did);
    cursor = rows.at(-1);
  } while (cursor);
}`,
  // A list the function caps itself before the loop: a handful of round trips, promised by the code.
  `export async function inviteMembers(invites: Invite[]) {
  if (invites.length > 30) {
    throw new BadRequestException('At most 30 invitations at once');
  }
  for (const invite of invites) {
    const user = await prisma.user.findFirst({ where: { email: invite.email } });
    await prisma.invitation.create({ data: { email: invite.email, userId: user?.id ?? null } });
  }
}`,
  // Each element names a model of its own: counts over different tables.
  `export function countReferences(fields: Record<string, { model: Counter; column: string }>, id: number) {
  return Promise.all(Object.keys(fields).map(async (name) => {
    const config = fields[name];
    return { name, count: await config.model.count({ where: { [config.column]: id } }) };
  }));
}`,
  // The query that is the whole development branch of a ternary never runs in production.
  `export async function describeAll(ids: string[], rows: unknown[]) {
  for (const id of ids) rows.push(await (isDev ? prisma.user.findUnique({ where: { id } }) : cache.get(id)));
}`,
  // Lists the code makes itself, not data that grows: a relation of the one order just loaded…
  `export async function cancelShipments(orderId: string) {
  const order = await prisma.order.findUnique({ where: { id: orderId }, include: { shipments: true } });
  for (const shipment of order.shipments) {
    await prisma.carrierBooking.deleteMany({ where: { shipmentId: shipment.id } });
  }
}`,
  // …the tasks an instance registered…
  `export class TaskScheduler {
  private readonly running: Task[] = [];
  async releaseLocks() {
    for (const task of this.running) await prisma.taskLock.deleteMany({ where: { name: task.name } });
  }
}`,
  // …the parts a helper splits out of one field of a record…
  `export async function indexEmbeds(post: Post) {
  const embeds = splitEmbeds(post.embed);
  for (const embed of embeds) await prisma.embed.create({ data: { postId: post.id, uri: embed.uri } });
}`,
  // …and a list the function fills from nothing it was given.
  `export async function releaseChannels(ctx: Ctx) {
  const channels: Channel[] = [];
  channels.push(ctx.defaultChannel);
  if (ctx.channel !== ctx.defaultChannel) channels.push(ctx.channel);
  for (const channel of channels) await prisma.channelLock.deleteMany({ where: { channelId: channel.id } });
}`,
  // Options.
  { code: `for (const id of ids) { await prisma.user.delete({ where: { id } }); }`, options: [{ checkWrites: false }] },
  { code: `ids.forEach(async (id) => { await prisma.user.findFirst({ where: { id } }); });`, options: [{ checkCallbacks: false }] },
  // A poll whose rounds a counter bounds: the same query waits for a state, ten times at most.
  `export async function waitForInvoiceTable() {
  let ready = false;
  let attempts = 0;
  while (!ready && attempts < 10) {
    attempts++;
    ready = (await prisma.invoice.count()) >= 0;
    await sleep(1000);
  }
  return ready;
}`,
  // A dispatch on the element's own value: each branch runs once per distinct feature.
  `export async function revokeFeatures(account: Account, removed: string[]) {
  for (const feature of removed) {
    if (feature === Feature.EXPORTS) {
      await prisma.exportJob.deleteMany({ where: { accountId: account.id } });
    } else if (feature === 'webhooks') {
      await prisma.webhook.findMany({ where: { accountId: account.id } });
    }
  }
}`,
  // A write the round follows with more work of its own (a stored file removed, an event about the
  // row just deleted): one step of a per-element workflow, not a write to collect on its own.
  `import { Repository } from 'typeorm';
export class AssetCleanup {
  constructor(private readonly assets: Repository<Asset>, private readonly storage: FileStorage, private readonly events: EventBus) {}
  async purge(assets: Asset[]) {
    for (const asset of assets) {
      await this.assets.remove(asset);
      await this.storage.deleteFile(asset.path);
      await this.events.publish(new AssetDeleted(asset.id));
    }
  }
}`,
  // An adjustment recorded per stock location, each followed by the level update that relies on it.
  `export async function adjustStock(variantId: string, levels: LevelInput[]) {
  for (const level of levels) {
    await prisma.stockAdjustment.create({ data: { variantId, locationId: level.locationId, delta: level.delta } });
    await stockLevels.applyDelta(variantId, level.locationId, level.delta);
  }
}`,
  // A counter between numbers written in the code runs a fixed number of rounds, like an array literal.
  `const RECOMPUTE_DAYS = 2;
export async function rollUpRecentDays() {
  for (let offset = RECOMPUTE_DAYS; offset >= 0; offset--) {
    await prisma.dailyStat.deleteMany({ where: { day: dayAgo(offset) } });
  }
}`,
  `export async function quarterTotals(year: number) {
  for (let quarter = 1; quarter <= 4; quarter += 1) await userRepository.sumRevenue(year, quarter);
}`,
  // One count per value of an enum the ORM generated: the values are written in code, not data.
  `import { DataSource } from '@prisma/client';
export async function providerCounts() {
  const sources = Object.values(DataSource);
  return Promise.all(sources.map(async (dataSource) => ({ dataSource, profiles: await prisma.symbolProfile.count({ where: { dataSource } }) })));
}`,
  // A write the round follows with a step of its own class that calls no database (the carrier's
  // API told of the shipment just recorded): still a per-element workflow.
  `export class ShipmentService {
  async dispatch(shipments: ShipmentInput[]) {
    for (const shipment of shipments) {
      await prisma.shipment.create({ data: { orderId: shipment.orderId, carrier: shipment.carrier } });
      await this.notifyCarrier(shipment);
    }
  }
  private async notifyCarrier(shipment: ShipmentInput) {
    await this.carrierApi.post('/pickups', { reference: shipment.orderId });
  }
}`,
  // A write's options object (beside its where) still says how many rows each round takes: a
  // keyset-paged archive of a section's fields, a page of rows per round.
  `export async function archiveSections(sections: Section[]) {
  for (const section of sections) {
    await prisma.field.updateMany({ where: { sectionId: section.id, id: { gt: section.lastFieldId } }, data: { archived: true }, limit: 500 });
  }
}`,
  // The keys of an imported constant object are written in code.
  `import { REPORT_KINDS } from './report-kinds';
export async function reportCounts() {
  for (const kind of Object.keys(REPORT_KINDS)) {
    await prisma.report.count({ where: { kind } });
  }
}`,
  // Knex raw fragments: interpolated into another statement's text, or given to a builder step chosen at run time.
  `
import type { Knex } from 'knex';
export async function checksum(db: Knex, columns: string[]) {
  const expr = columns.map((col) => \`COALESCE(\${db.raw('??', [col])}::text, '')\`).join(" || '|' || ");
  return db.raw(\`SELECT md5(string_agg(\${expr}, '')) AS sum FROM users\`);
}`,
  `
import type { Knex } from 'knex';
export function applyFilters(knex: Knex, query: Knex.QueryBuilder, filters: Filter[]) {
  filters.forEach((filter) => {
    query[filter.any ? 'orWhere' : 'where'](knex.raw('jsonb_path_query_first(data, ?) = ?', [filter.path, filter.value]));
  });
  return query;
}`,
  // Prisma writes collected, not awaited, for one batch $transaction after the loop: the batched form the message advises.
  `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function createEnvironments(projectId: string, environments: { name: string }[]) {
  const ops = [];
  for (const environment of environments) {
    ops.push(prisma.environment.create({ data: { name: environment.name, projectId } }));
  }
  await prisma.$transaction(ops);
}`,
  // The same batch built by map: each update hands back its unawaited promise, and the list goes to one $transaction.
  `
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
@Injectable()
export class ImageService {
  constructor(private readonly prisma: PrismaService) {}
  async reorder(imageIds: string[], userId: string): Promise<void> {
    const updates = imageIds.map((id, index) => this.prisma.image.update({ data: { order: index, updatedBy: userId }, where: { id } }));
    await this.prisma.$transaction(updates);
  }
}`,
  `
export async function applyRanks(rows: { id: string; rank: number }[]) {
  await prisma.$transaction([prisma.board.update({ where: { id: 'main' }, data: { rankedAt: new Date() } }), ...rows.map((row) => prisma.entry.update({ where: { id: row.id }, data: { rank: row.rank } }))]);
}`,
  // Entities built by a model class's static create (TypeORM's BaseEntity.create builds in memory), saved whole after the loop.
  `
import type { EntityManager } from 'typeorm';
import { PowerBoost } from '../entities/powerBoost';
export async function saveShares(manager: EntityManager, userId: number, shares: Map<number, number>) {
  const boosts: PowerBoost[] = [];
  for (const [projectId, percentage] of shares.entries()) {
    boosts.push(PowerBoost.create({ userId, projectId, percentage }));
  }
  await manager.save(boosts);
}`,
  // Knex raw column expressions built per id (text no statement starts with), spread into one select.
  `
import type { Knex } from 'knex';
export async function summary(knex: Knex, surveyIds: number[], measurementIds: string[]) {
  const columns = measurementIds.map((id) => knex.raw('MAX(CASE WHEN m.measurement_id = ? THEN m.value END) as ??', [id, id]));
  return knex.select('o.survey_id', ...columns).from('observation as o').leftJoin('measurement as m', 'm.observation_id', 'o.id').whereIn('o.survey_id', surveyIds).groupBy('o.survey_id');
}`,
  // A loop paced on purpose: every round waits a timer, so one round trip per item is not what sets its speed.
  `
export async function sendCampaign(customers: Customer[]) {
  for (const customer of customers) {
    const sent = await prisma.deliveryReport.findFirst({ where: { customerId: customer.id, campaignId } });
    if (sent) continue;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await mailer.send(customer.email, body);
  }
}`,
  `
export async function sendCampaign(customers: Customer[]) {
  const deliver = async (customer: Customer) => {
    await transporter.sendMail({ to: customer.email, html });
    await Stats.updateOne({ campaignId }, { $inc: { sent: 1 } });
  };
  for (const customer of customers) {
    const sent = await prisma.deliveryReport.findFirst({ where: { customerId: customer.id, campaignId } });
    if (sent) continue;
    await sleep(1000);
    await deliver(customer);
  }
}`,
  `
import { setTimeout as wait } from 'node:timers/promises';
export async function notifyAll(users: User[]) {
  for (const user of users) {
    await wait(250);
    const settings = await prisma.notificationSetting.findFirst({ where: { userId: user.id } });
    if (settings?.muted) continue;
    await slack.chat.postMessage({ channel: user.slackId, text });
  }
}`,
];

const invalid: Case[] = [
  // Trap: a named statement file run with each row's values is one query per row, and so is the rest of the round.
  {
    code: `import { readFileSync } from 'node:fs';
export async function syncUsers(pool: Pool, users: User[]) {
  for (const user of users) {
    await pool.query(readFileSync('./sql/upsert_user.sql', 'utf8'), [user.id, user.email]);
    await pool.query('UPDATE accounts SET synced = true WHERE user_id = $1', [user.id]);
  }
}`,
    errors: [loopError('pool.query', 'for…of loop', PG, 4, 11, ['pool.query'])],
  },
  // Trap: a file's contents given as a value of one statement per file is an insert per file.
  {
    code: `import { readFileSync } from 'node:fs';
export async function storeTemplates(pool: Pool, files: string[]) {
  for (const file of files) {
    await pool.query('INSERT INTO templates (name, body) VALUES ($1, $2)', [file, readFileSync(file, 'utf8')]);
  }
}`,
    errors: [error("'pool.query'", 'for…of loop', 'Collect the rows and write them once with one multi-row INSERT … VALUES or UPDATE … WHERE id = ANY($1).', 4, 11)],
  },
  // Trap: a catch block that answers instead of passing the failure on (insert one by one when the bulk insert
  // failed, read row by row when the cache is down) is a fallback path of its own, run per item.
  {
    code: `export class ImportService {
  async store(rows: Row[]) {
    try {
      await this.rowsRepository.insertMany(rows);
    } catch {
      for (const row of rows) {
        await this.rowsRepository.save(row);
      }
    }
  }
}`,
    errors: [error("'this.rowsRepository.save'", 'for…of loop', TYPEORM_WRITE, 7, 15)],
  },
  // Trap: the loop in the try block runs on every call; only the catch block is the error path.
  {
    code: `@Injectable()
export class WorkspaceMembersService {
  constructor(@InjectRepository(Member) private readonly members: Repository<Member>) {}
  async removeMembers(workspaceId: string, ids: string[]) {
    try {
      for (const id of ids) {
        await this.members.softDelete({ workspaceId, id });
      }
    } catch (error) {
      this.logger.error({ err: error, workspaceId }, 'member removal failed');
    }
  }
}`,
    errors: [error("'this.members.softDelete' ('members': @InjectRepository)", 'for…of loop', TYPEORM_WRITE, 7, 15)],
  },
  // Not paced: the pause waits only when a condition holds (rate-limited by the answer), or each
  // callback of a concurrent map waits alone, so the rounds still run one query per item.
  {
    code: `export async function sync(users: User[]) {
  for (const user of users) {
    const row = await prisma.profile.findFirst({ where: { userId: user.id } });
    if (row?.flagged) await sleep(100);
    await mailer.send(user.email, digest);
  }
}`,
    errors: [error('prisma.profile.findFirst', 'for…of loop', PRISMA, 3, 23)],
  },
  {
    code: `export async function sync(users: User[]) {
  await Promise.all(users.map(async (user) => {
    await sleep(100);
    const row = await prisma.profile.findFirst({ where: { userId: user.id } });
    if (!row?.muted) await mailer.send(user.email, digest);
  }));
}`,
    errors: [error('prisma.profile.findFirst', 'map() callback', PRISMA, 4, 23)],
  },
  // Evidence before names: receivers the class itself declares as repositories, whatever their name.
  {
    code: `export class InvoiceService {
  constructor(private readonly invoices: InvoiceRepository) {}
  async load(ids: string[]) {
    for (const id of ids) await this.invoices.findById(id);
  }
}`,
    errors: [error("'this.invoices.findById' ('invoices': class member typed InvoiceRepository)", 'for…of loop', REPOSITORY, 4, 33)],
  },
  {
    code: `export class InvoiceService {
  private readonly invoices: InvoiceDao;
  async load(ids: string[]) {
    for (const id of ids) await this.invoices.findById(id);
  }
}`,
    errors: [error("'this.invoices.findById' ('invoices': class member typed InvoiceDao)", 'for…of loop', REPOSITORY, 4, 33)],
  },
  {
    code: `export class InvoiceService {
  private readonly invoices = new InvoiceDao(db);
  async load(ids: string[]) {
    for (const id of ids) await this.invoices.findById(id);
  }
}`,
    errors: [error("'this.invoices.findById' ('invoices': class member new InvoiceDao(…))", 'for…of loop', REPOSITORY, 4, 33)],
  },
  {
    code: `export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
  async load(ids: string[]) {
    for (const id of ids) await this.users.findOneBy({ id });
  }
}`,
    errors: [error("'this.users.findOneBy' ('users': @InjectRepository)", 'for…of loop', TYPEORM, 4, 33, {
      suggestions: [{
        messageId: 'suggestBatch',
        data: { name: 'usersById' },
        output: `import { In } from 'typeorm';
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
  async load(ids: string[]) {
    const usersById = new Map((await this.users.findBy({ id: In(ids.map((id) => id)) })).map((row) => [row.id, row]));
    for (const id of ids) (usersById.get(id) ?? null);
  }
}`,
      }],
    })],
  },
  {
    code: `export class TemplatesService {
  constructor(@InjectModel(Template.name) private readonly notificationTemplate: Model<Template>) {}
  async load(keys: string[]) {
    for (const key of keys) await this.notificationTemplate.findOne({ key });
  }
}`,
    errors: [error("'this.notificationTemplate.findOne' ('notificationTemplate': @InjectModel)", 'for…of loop', MONGOOSE, 4, 35)],
  },
  // A client the file makes with new PrismaClient() deletes through Prisma whatever its argument is.
  {
    code: `import { PrismaClient } from '@prisma/client';
const client = new PrismaClient();
export async function purge(requests: Prisma.SessionDeleteArgs[]) {
  for (const request of requests) await client.session.delete(request);
}`,
    errors: [error('client.session.delete', 'for…of loop', PRISMA_WRITE, 4, 41)],
  },
  // The same name deleting by a Prisma \`{ where }\` object is a Prisma write.
  {
    code: `export async function purge(client: Client, ids: string[]) {
  for (const id of ids) await client.session.delete({ where: { id } });
}`,
    errors: [error('client.session.delete', 'for…of loop', PRISMA_WRITE, 2, 31)],
  },
  // A then-branch whose else asks no DataLoader is no fallback.
  {
    code: `for (const expense of expenses) {
  if (!cached) await this.userRepository.findById(expense.userId);
  else await cached.get(expense.userId);
}`,
    errors: [error('this.userRepository.findById', 'for…of loop', REPOSITORY, 2, 22)],
  },
  // The query that is the other branch of a development ternary runs in production.
  {
    code: `export async function describeAll(ids: string[], rows: unknown[]) {
  for (const id of ids) rows.push(await (isDev ? cache.get(id) : prisma.user.findUnique({ where: { id } })));
}`,
    errors: [error('prisma.user.findUnique', 'for…of loop', PRISMA, 2, 66)],
  },
  // Prisma, for…of, with the batch suggestion.
  {
    code: `
for (const id of ids) {
  const user = await prisma.user.findUnique({ where: { id } });
}`,
    errors: [
      error('prisma.user.findUnique', 'for…of loop', PRISMA, 3, 22, {
        suggestions: [
          {
            messageId: 'suggestBatch',
            data: { name: 'userById' },
            output: `
const userById = new Map((await prisma.user.findMany({ where: { id: { in: ids.map((id) => id) } } })).map((row) => [row.id, row]));
for (const id of ids) {
  const user = (userById.get(id) ?? null);
}`,
          },
        ],
      }),
    ],
  },
  {
    code: `
async function attachAuthors(posts) {
  for (const post of posts) {
    post.author = await this.prisma.user.findUnique({ where: { id: post.authorId } });
  }
}`,
    errors: [
      error('this.prisma.user.findUnique', 'for…of loop', PRISMA, 4, 25, {
        suggestions: [
          {
            messageId: 'suggestBatch',
            data: { name: 'userById' },
            output: `
async function attachAuthors(posts) {
  const userById = new Map((await this.prisma.user.findMany({ where: { id: { in: posts.map((post) => post.authorId) } } })).map((row) => [row.id, row]));
  for (const post of posts) {
    post.author = (userById.get(post.authorId) ?? null);
  }
}`,
          },
        ],
      }),
    ],
  },
  // Prisma findFirst in Promise.all(map): not batched by the dataloader.
  {
    code: `const users = await Promise.all(ids.map((id) => prisma.user.findFirst({ where: { id } })));`,
    errors: [error('prisma.user.findFirst', 'map() callback', PRISMA, 1, 49)],
  },
  // findUnique after an await in the callback is not in one tick.
  {
    code: `await Promise.all(ids.map(async (id) => { await audit(id); return prisma.user.findUnique({ where: { id } }); }));`,
    errors: [error('prisma.user.findUnique', 'map() callback', PRISMA, 1, 67)],
  },
  // Sequential awaited findUnique in for…of is N+1 (no tick batching).
  {
    code: `
for (const id of ids) {
  users.push(await prisma.user.findUniqueOrThrow({ where: { id } }));
}`,
    errors: [error('prisma.user.findUniqueOrThrow', 'for…of loop', PRISMA, 3, 20)],
  },
  // Prisma writes, not awaited, pushed into an array.
  {
    code: `
const writes = [];
for (const item of cart.items) {
  writes.push(prisma.orderItem.create({ data: { orderId, productId: item.productId } }));
}`,
    errors: [error('prisma.orderItem.create', 'for…of loop', PRISMA_WRITE, 4, 15)],
  },
  // Prisma raw query in a while loop.
  {
    code: `
while (queue.length > 0) {
  const job = queue.shift();
  await prisma.$executeRaw\`UPDATE jobs SET done = true WHERE id = \${job.id}\`;
}`,
    errors: [error('prisma.$executeRaw', 'while loop', PRISMA_WRITE, 4, 9)],
  },
  // Prisma update in forEach.
  {
    code: `orders.forEach(async (order) => { await tx.order.update({ where: { id: order.id }, data: { status: 'SHIPPED' } }); });`,
    errors: [error('tx.order.update', 'forEach() callback', PRISMA_WRITE, 1, 41)],
  },
  // TypeORM repository, with the batch suggestion (adds In to the typeorm import).
  {
    code: `
import { Repository } from 'typeorm';
async function load(userRepository, orders) {
  for (const order of orders) {
    order.user = await userRepository.findOneBy({ id: order.userId });
  }
}`,
    errors: [
      error('userRepository.findOneBy', 'for…of loop', TYPEORM, 5, 24, {
        suggestions: [
          {
            messageId: 'suggestBatch',
            data: { name: 'userById' },
            output: `
import { Repository, In } from 'typeorm';
async function load(userRepository, orders) {
  const userById = new Map((await userRepository.findBy({ id: In(orders.map((order) => order.userId)) })).map((row) => [row.id, row]));
  for (const order of orders) {
    order.user = (userById.get(order.userId) ?? null);
  }
}`,
          },
        ],
      }),
    ],
  },
  {
    code: `
class OrderService {
  async enrich(orders) {
    for (const order of orders) {
      order.customer = await this.customerRepository.findOne({ where: { id: order.customerId } });
    }
  }
}`,
    errors: [
      error('this.customerRepository.findOne', 'for…of loop', TYPEORM, 5, 30, {
        suggestions: [
          {
            messageId: 'suggestBatch',
            data: { name: 'customerById' },
            output: `
import { In } from 'typeorm';
class OrderService {
  async enrich(orders) {
    const customerById = new Map((await this.customerRepository.find({ where: { id: In(orders.map((order) => order.customerId)) } })).map((row) => [row.id, row]));
    for (const order of orders) {
      order.customer = (customerById.get(order.customerId) ?? null);
    }
  }
}`,
          },
        ],
      }),
    ],
  },
  // TypeORM save per item, classic for loop.
  {
    code: `
for (let i = 0; i < users.length; i++) {
  await repo.save(users[i]);
}`,
    errors: [error('repo.save', 'for loop', TYPEORM_WRITE, 3, 9)],
  },
  // getRepository(X).find.
  {
    code: `for (const tag of tags) { await dataSource.getRepository(Post).find({ where: { tag } }); }`,
    errors: [error('dataSource.getRepository(…).find', 'for…of loop', TYPEORM, 1, 33)],
  },
  // TypeORM query builder terminal.
  {
    code: `
for (const id of ids) {
  await this.orderRepository.createQueryBuilder('o').where('o.customerId = :id', { id }).getMany();
}`,
    errors: [error('this.orderRepository.createQueryBuilder(…).where(…).getMany', 'for…of loop', TYPEORM, 3, 9)],
  },
  // Entity manager.
  {
    code: `for (const item of items) { await manager.insert(OrderItem, item); }`,
    errors: [error('manager.insert', 'for…of loop', TYPEORM_WRITE, 1, 35)],
  },
  // Repository by convention (hand-written repository).
  {
    code: `
for (const order of orders) {
  order.user = await this.userRepository.findById(order.userId);
}`,
    errors: [error('this.userRepository.findById', 'for…of loop', REPOSITORY, 3, 22)],
  },
  {
    code: `for (const line of lines) { await ordersDao.insertLine(line); }`,
    errors: [error('ordersDao.insertLine', 'for…of loop', REPOSITORY_WRITE, 1, 35)],
  },
  // Awaited create on a repository is a write.
  {
    code: `for (const dto of dtos) { await this.userRepo.create(dto); }`,
    errors: [error('this.userRepo.create', 'for…of loop', REPOSITORY_WRITE, 1, 33)],
  },
  // sequelize-typescript's repository mode: its create inserts.
  {
    code: `import { Sequelize } from 'sequelize-typescript';
const userRepository = sequelize.getRepository(User);
for (const row of rows) { await userRepository.create({ name: row.name }); }`,
    errors: [error('userRepository.create', 'for…of loop', REPOSITORY_WRITE, 3, 33)],
  },
  // A hand-written repository known by its name: its create's promise pushed for Promise.all is a write per row.
  {
    code: `const pending = [];
for (const dto of dtos) { pending.push(this.userRepo.create(dto)); }
await Promise.all(pending);`,
    errors: [error('this.userRepo.create', 'for…of loop', REPOSITORY_WRITE, 2, 40)],
  },
  // Sequelize.
  {
    code: `for (const order of orders) { order.customer = await Customer.findByPk(order.customerId); }`,
    errors: [error('Customer.findByPk', 'for…of loop', SEQUELIZE, 1, 54)],
  },
  {
    code: `for (const id of ids) { await models.Order.findOne({ where: { id } }); }`,
    errors: [error('models.Order.findOne', 'for…of loop', SEQUELIZE, 1, 31)],
  },
  {
    code: `for (const row of rows) { await sequelize.query('UPDATE stock SET qty = qty - 1 WHERE sku = ?', { replacements: [row.sku] }); }`,
    errors: [error('sequelize.query', 'for…of loop', SQL_WRITE, 1, 33)],
  },
  // SQL text held in a const is judged by its text: a write, with the write's advice.
  {
    code: `export async function restock(db: Pool, rows: Row[]) {
  const q = 'UPDATE stock SET qty = qty - 1 WHERE sku = $1';
  for (const row of rows) { await db.query(q, [row.sku]); }
}`,
    errors: [error('db.query', 'for…of loop', SQL_WRITE, 3, 35)],
  },
  // In a file that imports Prisma, a delete given its arguments in a variable is Prisma's too.
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function purge(ids: string[]) {
  await prisma.$transaction(async (tx) => {
    for (const id of ids) {
      const args = { where: { id } };
      await tx.user.delete(args);
    }
  });
}`,
    // Typed, where the handle's type shows it is Prisma's transaction client.
    mode: 'typed',
    errors: [error('tx.user.delete', 'for…of loop', PRISMA_WRITE, 7, 13)],
  },
  // A transaction client's delete with its { where } object is Prisma's, whatever the client is called.
  {
    code: `for (const id of ids) { await tx.session.delete({ where: { id } }); }`,
    errors: [error('tx.session.delete', 'for…of loop', PRISMA_WRITE, 1, 31)],
  },
  // The schema statement's look-alike: a row write whose table is named after a schema word.
  {
    code: `for (const { id } of staleRequests) { await sequelize.query('DELETE FROM drop_requests WHERE id = ?', { replacements: [id] }); }`,
    errors: [error('sequelize.query', 'for…of loop', SQL_WRITE, 1, 45)],
  },
  // Knex, with suggestion.
  {
    code: `
for (const order of orders) {
  order.user = await knex('users').where('id', order.userId).first();
}`,
    errors: [
      error("knex('users').where(…).first", 'for…of loop', KNEX, 3, 22, {
        suggestions: [
          {
            messageId: 'suggestBatch',
            data: { name: 'usersById' },
            output: `
const usersById = new Map((await knex('users').whereIn('id', orders.map((order) => order.userId))).map((row) => [row.id, row]));
for (const order of orders) {
  order.user = usersById.get(order.userId);
}`,
          },
        ],
      }),
    ],
  },
  {
    code: `for (const item of items) { await trx('stock').where({ sku: item.sku }).decrement('qty', item.qty); }`,
    errors: [error("trx('stock').where(…).decrement", 'for…of loop', KNEX_WRITE, 1, 35)],
  },
  // A statement builder's text that is no schema statement: one row write per row.
  {
    code: `export class OrderSync {
  async sync(rows: OrderRow[]) {
    for (const row of rows) {
      await this.prisma.$executeRawUnsafe(this.sqlDialect.updateOrderSql(row));
    }
  }
}`,
    errors: [error('this.prisma.$executeRawUnsafe', 'for…of loop', PRISMA_WRITE, 4, 13)],
  },
  // A list of row statements one call built from the rows: one statement per row, not a schema change.
  {
    code: `export class OrderSync {
  async sync(rows: OrderRow[]) {
    const statements = this.sqlDialect.insertRowsSql(rows);
    for (const statement of statements) {
      await this.prisma.$executeRawUnsafe(statement);
    }
  }
}`,
    errors: [error('this.prisma.$executeRawUnsafe', 'for…of loop', PRISMA_WRITE, 5, 13)],
  },
  // A table of the round's own that the write also keys by the row: rows of one table per kind, batchable per table.
  {
    code: `export class ArchiveJanitor {
  async stampRows(rows: { kind: string; id: string }[], operatorId: string) {
    for (const row of rows) {
      const table = this.tableOf(row.kind);
      const sql = this.knex(table).update({ copied_by: operatorId }).where('id', row.id).toQuery();
      await this.prisma.$executeRawUnsafe(sql);
    }
  }
}`,
    errors: [error('this.prisma.$executeRawUnsafe', 'for…of loop', PRISMA_WRITE, 6, 13)],
  },
  // A list of relations the request sends is data, not an entity's metadata.
  {
    code: `import { Repository } from 'typeorm';
export async function exportJoinTables(repository: Repository<Invoice>, input: { relations: { joinTableName: string }[] }) {
  for (const relation of input.relations) {
    const rows = await repository.manager.query(\`SELECT * FROM "\${relation.joinTableName}"\`);
    await writeCsv(relation.joinTableName, rows);
  }
}`,
    errors: [error('repository.manager.query', 'for…of loop', SQL, 4, 24)],
  },
  // The same values for every setting, inside a call: one updateMany.
  {
    code: `export async function moveSettings(tx: Prisma.TransactionClient, settings: SettingRow[], defaults: SettingOptions, to: string) {
  await Promise.all(settings.map((setting) => tx.setting.update({ where: { id: setting.id }, data: { options: JSON.stringify({ ...defaults, region: to }) } })));
}`,
    errors: [error('tx.setting.update', 'map() callback', PRISMA_WRITE, 2, 47)],
  },
  // The position alone, in a Knex text run raw: one UPDATE numbering the rows would do.
  {
    code: `export async function applyRanks(prisma: PrismaClient, taskIds: string[]) {
  for (let i = 0; i < taskIds.length; i++) {
    const sql = knex('tasks').update({ rank: i }).where('id', taskIds[i]).toQuery();
    await prisma.$executeRawUnsafe(sql);
  }
}`,
    errors: [error('prisma.$executeRawUnsafe', 'for loop', PRISMA_WRITE, 4, 11)],
  },
  // The same builders handed to Promise.all: each one runs, once per id.
  {
    code: `export async function startRows(startIds: string[]) {
  return Promise.all(startIds.map((id) => knex('links').where('toId', id).first()));
}`,
    errors: [error("knex('links').where(…).first", 'map() callback', KNEX, 2, 43)],
  },
  // Writes handed to a transaction of the same client: each still runs, once per id.
  {
    code: `export async function deactivate(ids: string[]) {
  await prisma.$transaction(ids.map((id) => prisma.user.update({ where: { id }, data: { active: false } })));
}`,
    errors: [error('prisma.user.update', 'map() callback', PRISMA_WRITE, 2, 45)],
  },
  // Mapped by an async callback: each update starts as the callback returns it, before the transaction sees the list.
  {
    code: `export async function reorder(ids: string[]) {
  const updates = ids.map(async (id, index) => prisma.image.update({ where: { id }, data: { order: index } }));
  await prisma.$transaction(updates);
}`,
    errors: [error('prisma.image.update', 'map() callback', PRISMA_WRITE, 2, 48)],
  },
  // The mapped list awaited by Promise.all as well: each update ran on its own.
  {
    code: `export async function reorder(ids: string[]) {
  const updates = ids.map((id, index) => prisma.image.update({ where: { id }, data: { order: index } }));
  await Promise.all(updates);
  await prisma.$transaction(updates);
}`,
    errors: [error('prisma.image.update', 'map() callback', PRISMA_WRITE, 2, 42)],
  },
  // Collected for a batch, but every row gets the same values: one updateMany or deleteMany does it.
  {
    code: `export async function closeAll(ids: string[]) {
  const ops = [];
  for (const id of ids) {
    ops.push(prisma.ticket.update({ where: { id }, data: { status: 'closed' } }));
  }
  await prisma.$transaction(ops);
}`,
    errors: [error('prisma.ticket.update', 'for…of loop', PRISMA_WRITE, 4, 14)],
  },
  {
    code: `export async function unwatchAll(ticketIds: string[]) {
  await prisma.$transaction(ticketIds.map((ticketId) => prisma.watcher.delete({ where: { ticketId } })));
}`,
    errors: [error('prisma.watcher.delete', 'map() callback', PRISMA_WRITE, 2, 57)],
  },
  // The text of a row builder (no schema statement, no list), run raw in a loop: one query per row.
  {
    code: `for (const id of ids) {
  const sql = this.knex('orders').where('id', id).toQuery();
  await this.prisma.$queryRawUnsafe(sql);
}`,
    errors: [error('this.prisma.$queryRawUnsafe', 'for…of loop', PRISMA, 3, 9)],
  },
  // A raw expression handed to a plain function in a loop may run there.
  {
    code: `for (const id of ids) { await run(knex.raw('select * from users where id = ?', [id])); }`,
    errors: [error('knex.raw', 'for…of loop', SQL, 1, 35)],
  },
  {
    code: `for (const id of ids) { await knex.raw('select * from users where id = ?', [id]); }`,
    errors: [error('knex.raw', 'for…of loop', SQL, 1, 31)],
  },
  // Prisma writes collected and run by Promise.all: still one round trip per item.
  {
    code: `export async function createEnvironments(prisma, projectId, environments) {
  const ops = [];
  for (const environment of environments) ops.push(prisma.environment.create({ data: { name: environment.name, projectId } }));
  await Promise.all(ops);
}`,
    errors: [error('prisma.environment.create', 'for…of loop', PRISMA_WRITE, 3, 52)],
  },
  // A statement built per item, not awaited in the callback, and run together later: still one query per item.
  {
    code: `export async function purge(knex, tables) { await Promise.all(tables.map((table) => knex.raw('DELETE FROM ?? WHERE expires_at < now()', [table]))); }`,
    errors: [error('knex.raw', 'map() callback', SQL_WRITE, 1, 85)],
  },
  // Drizzle.
  {
    code: `for (const id of ids) { await db.select().from(users).where(eq(users.id, id)); }`,
    errors: [error('db.select(…).from(…).where', 'for…of loop', DRIZZLE, 1, 31)],
  },
  {
    code: `for (const row of rows) { await db.insert(events).values(row); }`,
    errors: [error('db.insert(…).values', 'for…of loop', DRIZZLE_WRITE, 1, 33)],
  },
  {
    code: `for (const id of ids) { await db.query.users.findFirst({ where: eq(users.id, id) }); }`,
    errors: [error('db.query.users.findFirst', 'for…of loop', DRIZZLE, 1, 31)],
  },
  // Kysely.
  {
    code: `for (const id of ids) { await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst(); }`,
    errors: [error("db.selectFrom(…).selectAll(…).where(…).executeTakeFirst", 'for…of loop', KYSELY, 1, 31)],
  },
  // Mongoose, with suggestion.
  {
    code: `
for (const comment of comments) {
  comment.author = await User.findById(comment.authorId);
}`,
    errors: [
      error('User.findById', 'for…of loop', MONGOOSE, 3, 26, {
        suggestions: [
          {
            messageId: 'suggestBatch',
            data: { name: 'userById' },
            output: `
const userById = new Map((await User.find({ _id: { $in: comments.map((comment) => comment.authorId) } })).map((row) => [String(row._id), row]));
for (const comment of comments) {
  comment.author = (userById.get(String(comment.authorId)) ?? null);
}`,
          },
        ],
      }),
    ],
  },
  {
    code: `for (const id of ids) { await this.orderModel.updateOne({ _id: id }, { $set: { status } }).exec(); }`,
    errors: [error('this.orderModel.updateOne', 'for…of loop', MONGOOSE_WRITE, 1, 31)],
  },
  // Active-record save.
  {
    code: `const docs = await Doc.find({ stale: true }); for (const doc of docs) { doc.status = 'archived'; await doc.save(); }`,
    errors: [error("'doc.save' ('doc': variable Doc.find(…))", 'for…of loop', REPOSITORY_WRITE, 1, 104)],
  },
  // MongoDB driver.
  {
    code: `for (const id of ids) { await db.collection('users').findOne({ _id: id }); }`,
    errors: [error("db.collection(…).findOne", 'for…of loop', MONGODB, 1, 31)],
  },
  // MikroORM.
  {
    code: `for (const id of ids) { await em.findOne(Author, id); }`,
    errors: [error('em.findOne', 'for…of loop', MIKRO, 1, 31)],
  },
  {
    code: `for (const book of books) { await this.em.persistAndFlush(book); }`,
    errors: [error('this.em.persistAndFlush', 'for…of loop', MIKRO_WRITE, 1, 35)],
  },
  // MikroORM's fluent flush after a remove, inside the loop: a DELETE per round.
  {
    code: `import { EntityManager } from '@mikro-orm/core';
export async function purge(em: EntityManager, sessions: Session[]) {
  for (const session of sessions) await em.remove(session).flush();
}`,
    errors: [error('em.remove(…).flush', 'for…of loop', MIKRO_WRITE, 3, 41)],
  },
  // TypeORM's EntityManager#remove runs its DELETE at once, and a MikroORM file's flush in a loop runs once a round.
  {
    code: `import { EntityManager } from 'typeorm';
export async function purge(entityManager: EntityManager, sessions: Session[]) {
  for (const session of sessions) await entityManager.remove(session);
}`,
    errors: [error('entityManager.remove', 'for…of loop', TYPEORM_WRITE, 3, 41)],
  },
  {
    code: `import { EntityManager } from '@mikro-orm/core';
export async function purge(em: EntityManager, sessions: Session[]) {
  for (const session of sessions) { em.remove(session); await em.flush(); }
}`,
    errors: [error('em.flush', 'for…of loop', MIKRO_WRITE, 3, 63)],
  },
  // node-postgres and mysql2.
  {
    code: `for (const id of ids) { const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]); }`,
    errors: [error('pool.query', 'for…of loop', PG, 1, 48)],
  },
  {
    code: `for (const id of ids) { await client.query(\`SELECT * FROM orders WHERE user_id = \${id}\`); }`,
    errors: [error('client.query', 'for…of loop', SQL, 1, 31)],
  },
  {
    code: `for (const id of ids) { await connection.execute('SELECT * FROM users WHERE id = ?', [id]); }`,
    errors: [error('connection.execute', 'for…of loop', SQL, 1, 31)],
  },
  {
    code: `for (const id of ids) { await mysqlPool.query('SELECT * FROM users WHERE id = ?', [id]); }`,
    errors: [error('mysqlPool.query', 'for…of loop', MYSQL, 1, 31)],
  },
  // better-sqlite3.
  {
    code: `for (const id of ids) { db.prepare('SELECT * FROM users WHERE id = ?').get(id); }`,
    errors: [error('db.prepare(…).get', 'for…of loop', SQLITE, 1, 25)],
  },
  {
    code: `for (const id of ids) { stmt.get(id); }`,
    errors: [error('stmt.get', 'for…of loop', SQLITE, 1, 25)],
  },
  // Other loop shapes.
  {
    code: `for (const key in byId) { await prisma.user.findFirst({ where: { id: key } }); }`,
    errors: [error('prisma.user.findFirst', 'for…in loop', PRISMA, 1, 33)],
  },
  {
    code: `for await (const event of stream) { await prisma.event.create({ data: event }); }`,
    errors: [error('prisma.event.create', 'for await…of loop', PRISMA_WRITE, 1, 43)],
  },
  {
    code: `do { row = await pool.query('SELECT * FROM jobs WHERE id = $1', [next]); next = row.next; } while (next);`,
    errors: [error('pool.query', 'do…while loop', PG, 1, 18)],
  },
  {
    code: `const totals = await orders.reduce(async (acc, o) => (await acc) + (await repo.count({ where: { orderId: o.id } })), 0);`,
    errors: [error('repo.count', 'reduce() callback', TYPEORM_COUNT, 1, 75)],
  },
  {
    code: `const users = await Promise.all(ids.map((id) => userRepository.findOneBy({ id })));`,
    errors: [error('userRepository.findOneBy', 'map() callback', TYPEORM, 1, 49)],
  },
  {
    code: `await Promise.allSettled(orders.flatMap((o) => o.items.map((i) => stockRepo.decrementStock(i.sku))));`,
    errors: [error('stockRepo.decrementStock', 'map() callback', REPOSITORY_WRITE, 1, 67)],
  },
  {
    code: `await Bluebird.map(ids, (id) => prisma.user.findFirst({ where: { id } }), { concurrency: 5 });`,
    errors: [error('prisma.user.findFirst', 'map() callback', PRISMA, 1, 33)],
  },
  {
    code: `await pMap(ids, async (id) => db('users').where({ id }).first(), { concurrency: 4 });`,
    errors: [error("db('users').where(…).first", 'pMap() callback', KNEX, 1, 31)],
  },
  {
    code: `_.forEach(ids, async (id) => { await prisma.user.delete({ where: { id } }); });`,
    errors: [error('prisma.user.delete', 'forEach() callback', PRISMA_WRITE, 1, 38)],
  },
  {
    code: `async.eachSeries(ids, async (id) => { await Order.destroy({ where: { id } }); });
import { Order } from '../models/order';`,
    errors: [error("'Order.destroy' ('Order': import from '../models/order')", 'eachSeries() callback', 'Collect the rows and write them once with bulkCreate([...]) or one update(…, { where: { id: ids } }).', 1, 45)],
  },
  // Immediately invoked function in a loop runs per iteration.
  {
    code: `for (const id of ids) { (async () => { await prisma.user.findFirst({ where: { id } }); })(); }`,
    errors: [error('prisma.user.findFirst', 'for…of loop', PRISMA, 1, 46)],
  },
  // In the loop condition.
  {
    code: `while (await prisma.job.count({ where: { done: false } }) > 0) { await runNext(); }`,
    errors: [error('prisma.job.count', 'while loop', PRISMA, 1, 14)],
  },
  // Nested loops: the inner loop is reported once.
  {
    code: `
for (const order of orders) {
  for (const item of order.items) {
    await prisma.product.findFirst({ where: { sku: item.sku } });
  }
}`,
    errors: [error('prisma.product.findFirst', 'for…of loop', PRISMA, 4, 11)],
  },
  // A loop over items whose catch moves on is not a retry (and a read in a try per row is still one per row).
  {
    code: `
for (const order of orders) {
  try {
    synced.push(await prisma.order.findFirst({ where: { id: order.id } }));
  } catch (error) {
    failed.push(order.id);
    continue;
  }
}`,
    errors: [error('prisma.order.findFirst', 'for…of loop', PRISMA, 4, 23)],
  },
  // Early exit that does not happen on every path.
  {
    code: `
for (const email of emails) {
  const user = await prisma.user.findFirst({ where: { email } });
  if (user) return user;
}`,
    errors: [error('prisma.user.findFirst', 'for…of loop', PRISMA, 3, 22)],
  },
  // Unawaited query in a loop still runs once per iteration.
  {
    code: `for (const id of ids) { void prisma.session.deleteMany({ where: { userId: id } }).then(log); }`,
    errors: [error('prisma.session.deleteMany', 'for…of loop', PRISMA_WRITE, 1, 30)],
  },
  // A repository method returned from a map callback inside Promise.all is consumed as a promise.
  {
    code: `const users = await Promise.all(ids.map((id) => this.userRepository.loadProfile(id)));`,
    errors: [error('this.userRepository.loadProfile', 'map() callback', REPOSITORY, 1, 49)],
  },
  {
    code: `await Promise.all(orders.map(function (order) { return orderDao.archive(order.id); }));`,
    errors: [error('orderDao.archive', 'map() callback', REPOSITORY_WRITE, 1, 56)],
  },
  // Typed: a TypeORM repository under a name that says nothing.
  {
    mode: 'typed',
    code: `
import type { Repository } from 'typeorm';
declare const people: Repository<{ id: number }>;
declare const ids: number[];
for (const id of ids) {
  await people.findOneBy({ id });
}`,
    errors: [
      error('people.findOneBy', 'for…of loop', TYPEORM, 6, 9, {
        suggestions: [
          {
            messageId: 'suggestBatch',
            data: { name: 'peopleById' },
            output: `
import type { Repository } from 'typeorm';
import { In } from 'typeorm';
declare const people: Repository<{ id: number }>;
declare const ids: number[];
const peopleById = new Map((await people.findBy({ id: In(ids.map((id) => id)) })).map((row) => [row.id, row]));
for (const id of ids) {
  (peopleById.get(id) ?? null);
}`,
          },
        ],
      }),
    ],
  },
  // Updates whose values do not depend on the row make one updateMany / WHERE id IN (…).
  {
    code: `const now = new Date();
for (const order of orders) {
  await prisma.order.update({ where: { id: order.id }, data: { archivedAt: now } });
}`,
    errors: [error('prisma.order.update', 'for…of loop', PRISMA_WRITE, 3, 9)],
  },
  // Positions alone: one UPDATE numbering the rows would do.
  {
    code: `await Promise.all(rows.map((row, i) => tx.task.update({ where: { id: row.id }, data: { position: i + 1 } })));`,
    errors: [error('tx.task.update', 'map() callback', PRISMA_WRITE, 1, 40)],
  },
  // A counted loop that gives each row its position alone: one UPDATE numbering the rows would do.
  {
    code: `export async function reorderSettings(tx: Prisma.TransactionClient, settings: SettingInput[]) {
  for (let i = 0; i < settings.length; i++) {
    await tx.setting.update({ where: { key: settings[i].key }, data: { position: i } });
  }
}`,
    errors: [error('tx.setting.update', 'for loop', PRISMA_WRITE, 3, 11)],
  },
  // A conditional whose test alone reads the row takes one of two values: one update per value.
  {
    code: `export async function lockSettings(tx: Prisma.TransactionClient, settings: SettingInput[]) {
  for (let i = 0; i < settings.length; i++) {
    await tx.setting.update({ where: { key: settings[i].key }, data: { state: settings[i].locked ? 'LOCKED' : 'OPEN' } });
  }
}`,
    errors: [error('tx.setting.update', 'for loop', PRISMA_WRITE, 3, 11)],
  },
  // An element of another list, at a position the loop does not count, is no value of the row.
  {
    code: `for (const { id } of lines) {
  await prisma.orderLine.update({ where: { id }, data: { unitPrice: priceBySku[defaultSku] } });
}`,
    errors: [error('prisma.orderLine.update', 'for…of loop', PRISMA_WRITE, 2, 9)],
  },
  // The same Sequelize model update, one value for every element: one update by ids.
  {
    code: `import { Transaction } from 'sequelize';
export async function reviewTags(edits: { model: Tag }[], reviewedAt: Date, transaction: Transaction) {
  return Promise.all(edits.map(async ({ model }) => model.update({ reviewedAt }, { transaction })));
}`,
    errors: [error('model.update', 'map() callback', 'Collect the rows and write them once with bulkCreate([...]) or one update(…, { where: { id: ids } }).', 3, 53)],
  },
  // The same update in a file that imports Mongoose: bulkWrite batches distinct updates.
  {
    code: `import { Types } from 'mongoose';
export async function applyTagEdits(edits: { model: TagModel; changes: TagInput }[], ownerId: Types.ObjectId) {
  return Promise.all(edits.map(async ({ model, changes }) => model.update(pick(changes, EDITABLE_TAG_FIELDS), { ownerId })));
}`,
    errors: [error('model.update', 'map() callback', MONGOOSE_WRITE, 3, 62)],
  },
  // Mongo batches distinct updates with bulkWrite.
  {
    code: `for (const player of players) {
  await Player.updateOne({ _id: player.id }, { $set: { rank: player.rank } });
}`,
    errors: [error('Player.updateOne', 'for…of loop', MONGOOSE_WRITE, 2, 9)],
  },
  // A row changed with the same value for all, then saved: one update by ids.
  {
    mode: 'untyped',
    code: `import { Repository } from 'typeorm';
export class ModificationService {
  constructor(private readonly modifications: Repository<Modification>) {}
  async settle(pending: Modification[], payment: Payment) {
    for (const modification of pending) {
      modification.paymentId = payment.id;
      await this.modifications.save(modification);
    }
  }
}`,
    errors: [error("'this.modifications.save' ('modifications': class member typed Repository<Modification>)", 'for…of loop', TYPEORM_WRITE, 7, 13)],
  },
  {
    mode: 'typed',
    code: `import { Repository } from 'typeorm';
export class ModificationService {
  constructor(private readonly modifications: Repository<Modification>) {}
  async settle(pending: Modification[], payment: Payment) {
    for (const modification of pending) {
      modification.paymentId = payment.id;
      await this.modifications.save(modification);
    }
  }
}`,
    errors: [error('this.modifications.save', 'for…of loop', TYPEORM_WRITE, 7, 13)],
  },
  // A row built in the loop is new: saving it inserts, and the inserts batch with save(entities).
  {
    mode: 'untyped',
    code: `import { Repository } from 'typeorm';
export class ShipmentService {
  constructor(private readonly shipments: Repository<Shipment>) {}
  async addShipments(order: Order, carrierIds: string[]) {
    for (const carrierId of carrierIds) {
      const shipment = new Shipment({ orderId: order.id });
      shipment.carrierId = carrierId;
      await this.shipments.save(shipment);
    }
  }
}`,
    errors: [error("'this.shipments.save' ('shipments': class member typed Repository<Shipment>)", 'for…of loop', TYPEORM_WRITE, 8, 13)],
  },
  // A row the loop body fetched and changed with the row's own value: the fetch is the N+1, the save a distinct update.
  {
    mode: 'untyped',
    code: `import { Repository } from 'typeorm';
export class ShipmentService {
  constructor(private readonly shipments: Repository<Shipment>) {}
  async assignCarriers(assignments: { shipmentId: string; carrierId: string }[]) {
    for (const assignment of assignments) {
      const shipment = await this.shipments.findOneByOrFail({ id: assignment.shipmentId });
      shipment.carrierId = assignment.carrierId;
      await this.shipments.save(shipment);
    }
  }
}`,
    errors: [error("'this.shipments.findOneByOrFail' ('shipments': class member typed Repository<Shipment>)", 'for…of loop', TYPEORM, 6, 30)],
  },
  // A row an awaited factory builds is new as well: saving it inserts.
  {
    mode: 'untyped',
    code: `import { Repository } from 'typeorm';
export class ShipmentService {
  constructor(private readonly shipments: Repository<Shipment>) {}
  async addShipments(order: Order, carrierIds: string[]) {
    for (const carrierId of carrierIds) {
      const shipment = await this.factory.fromOrder(order);
      shipment.carrierId = carrierId;
      await this.shipments.save(shipment);
    }
  }
}`,
    errors: [error("'this.shipments.save' ('shipments': class member typed Repository<Shipment>)", 'for…of loop', TYPEORM_WRITE, 8, 13)],
  },
  // A stored row held by the loop body, changed with the same value for every row: one update by ids.
  {
    mode: 'untyped',
    code: `import { Repository } from 'typeorm';
export class ShipmentService {
  constructor(private readonly shipments: Repository<Shipment>) {}
  async dispatchAll(order: Order, carrierIds: string[]) {
    for (const [index] of carrierIds.entries()) {
      const shipment = order.shipments[index];
      shipment.status = 'dispatched';
      await this.shipments.save(shipment);
    }
  }
}`,
    errors: [error("'this.shipments.save' ('shipments': class member typed Repository<Shipment>)", 'for…of loop', TYPEORM_WRITE, 8, 13)],
  },
  // A Prisma upsert whose returned row nobody reads: one INSERT … ON CONFLICT would do.
  {
    code: `export async function saveMembers(tx: Prisma.TransactionClient, teamId: string, inputs: MemberInput[]) {
  for (const input of inputs) {
    const member = await tx.member.upsert({ where: { email: input.email }, update: { name: input.name }, create: { email: input.email, name: input.name, teamId } });
  }
}`,
    errors: [error('tx.member.upsert', 'for…of loop', PRISMA_WRITE, 3, 26)],
  },
  // Reads in a dispatch on the element's kind: each kind batches with one IN query.
  {
    code: `for (const item of items) {
  if (item.type === 'user') found.push(await prisma.user.findFirst({ where: { id: item.id } }));
  else if (item.type === 'team') found.push(await prisma.team.findFirst({ where: { id: item.id } }));
}`,
    // One loop, one report: at the first query, naming the other.
    errors: [loopError('prisma.user.findFirst', 'for…of loop', PRISMA, 2, 46, ['prisma.team.findFirst'])],
  },
  // A whereIn on a fixed set of values written in the code takes no list of keys: still one query per user.
  {
    code: `for (const user of users) {
  await knex('orders').whereIn('status', ['paid', 'shipped']).where('user_id', user.id);
}`,
    errors: [error("knex('orders').whereIn(…).where", 'for…of loop', KNEX, 2, 9)],
  },
  // A filter is no dispatch.
  {
    code: `for (const line of lines) {
  if (line.status === 'open') await knex('lines').insert({ orderId: line.orderId, qty: line.qty });
}`,
    errors: [error("knex('lines').insert", 'for…of loop', KNEX_WRITE, 2, 37)],
  },
  // A linear search over a list one already holds: one IN query finds the first match.
  {
    code: `for (const email of emails) {
  const user = await prisma.user.findFirst({ where: { email } });
  if (user) return user;
}`,
    errors: [error('prisma.user.findFirst', 'for…of loop', PRISMA, 2, 22)],
  },
  // A read in a try per row of request code, or a write whose catch rethrows, isolates nothing worth keeping.
  {
    mode: 'untyped',
    filename: 'src/profiles/profiles.service.ts',
    code: `export async function refreshProfiles(symbols: string[]) {
  for (const symbol of symbols) {
    try {
      profiles.push(await prisma.symbolProfile.findFirst({ where: { symbol } }));
    } catch (error) {
      logger.error({ err: error, symbol }, 'profile refresh failed');
    }
  }
}`,
    errors: [error('prisma.symbolProfile.findFirst', 'for…of loop', PRISMA, 4, 27)],
  },
  // The import's look-alike: a try per row around a write that sets one value on each id is still one
  // updateMany over the ids; the catch isolates rows, but nothing in the write belongs to the row.
  {
    mode: 'untyped',
    filename: 'src/orders/orders.controller.ts',
    code: `export async function cancelOrders(req: Request, res: Response) {
  const ids: string[] = req.body.ids;
  const failed: string[] = [];
  for (const id of ids) {
    try {
      await prisma.order.update({ where: { id }, data: { status: 'cancelled' } });
    } catch (error) {
      logger.warn({ err: error, id }, 'cancel failed');
      failed.push(id);
    }
  }
  res.json({ failed });
}`,
    errors: [error('prisma.order.update', 'for…of loop', PRISMA_WRITE, 6, 13)],
  },
  // The import's look-alike: the write sits after the try, not in it.
  {
    mode: 'untyped',
    filename: 'src/imports/contacts-import.service.ts',
    code: `export async function importContacts(rows: ContactRow[], report: ImportReport) {
  for (const row of rows) {
    try {
      validateContact(row);
    } catch (error) {
      report.failed.push({ sourceId: row.sourceId, reason: String(error) });
      continue;
    }
    await prisma.contact.create({ data: { email: row.email, name: row.name } });
  }
}`,
    errors: [error('prisma.contact.create', 'for…of loop', PRISMA_WRITE, 9, 11)],
  },
  // A catch that still rethrows on one path handles a conflict; it does not let every row fail alone.
  {
    mode: 'untyped',
    filename: 'src/locks/locks.service.ts',
    code: `export async function acquireAll(keys: string[], owner: string) {
  for (const key of keys) {
    try {
      await prisma.lock.create({ data: { key, owner } });
    } catch (error) {
      if (!isUniqueViolation(error)) {
        throw error;
      }
    }
  }
}`,
    errors: [error('prisma.lock.create', 'for…of loop', PRISMA_WRITE, 4, 13)],
  },
  // The nested create's look-alike: a relation only connected is a foreign key createMany takes as well.
  {
    code: `export async function addSigners(tx: Prisma.TransactionClient, envelopeId: number, signers: SignerInput[]) {
  await Promise.all(signers.map((signer) => tx.signer.create({
    data: { email: signer.email, envelope: { connect: { id: envelopeId } } },
  })));
}`,
    errors: [error('tx.signer.create', 'map() callback', PRISMA_WRITE, 2, 45)],
  },
  // Its look-alikes: the element's object carries only columns and a connected relation (createMany
  // takes those), or the function builds it with two returns the rule does not follow.
  {
    code: `export class FolderService {
  async importFolders(tx: Prisma.TransactionClient, ownerId: string, folders: FolderInput[]) {
    const inputs = folders.map((folder, index) => this.toCreateInput(folder, ownerId, index));
    return Promise.all(inputs.map((input) => tx.folder.create({ data: { ...input } })));
  }

  private toCreateInput(folder: FolderInput, ownerId: string, index: number): Prisma.FolderCreateInput {
    return { title: folder.name, position: index, owner: { connect: { id: ownerId } } };
  }
}`,
    errors: [error('tx.folder.create', 'map() callback', PRISMA_WRITE, 4, 46)],
  },
  {
    code: `export async function importFolders(tx: Prisma.TransactionClient, folders: FolderInput[], extra: Prisma.FolderCreateInput) {
  const inputs = folders.map((folder) => ({ title: folder.name, documents: { create: folder.documents } }));
  inputs.push(extra);
  for (const input of inputs) await tx.folder.create({ data: input });
}`,
    errors: [error('tx.folder.create', 'for…of loop', PRISMA_WRITE, 4, 37)],
  },
  {
    code: `function toCreateInput(folder: FolderInput) {
  if (folder.documents.length === 0) return { title: folder.name };
  return { title: folder.name, documents: { create: folder.documents } };
}
export async function importFolders(tx: Prisma.TransactionClient, folders: FolderInput[]) {
  const inputs = folders.map((folder) => toCreateInput(folder));
  for (const input of inputs) await tx.folder.create({ data: input });
}`,
    errors: [error('tx.folder.create', 'for…of loop', PRISMA_WRITE, 7, 37)],
  },
  // Chunk look-alikes: a step of two walks every other row; a step by a chunk with no slice reads one row.
  // Look-alikes of a counter between constants: a bound the caller gives, more rounds than a short list, a
  // counter stepped away from its bound, a bound that is a variable of the function.
  {
    code: `export async function lastDays(days: number) {
  for (let offset = days; offset >= 0; offset--) {
    await prisma.dailyStat.deleteMany({ where: { day: dayAgo(offset) } });
  }
}`,
    errors: [error('prisma.dailyStat.deleteMany', 'for loop', PRISMA_WRITE, 3, 11)],
  },
  {
    code: `const DAYS_KEPT = 365;
export async function purgeYear() {
  for (let offset = 0; offset < DAYS_KEPT; offset++) await userRepository.purgeDay(offset);
}`,
    errors: [error('userRepository.purgeDay', 'for loop', REPOSITORY, 3, 60)],
  },
  {
    code: `export async function scan() {
  let limit = 3;
  for (let page = 0; page < limit; page++) await userRepository.findPage(page);
}`,
    errors: [error('userRepository.findPage', 'for loop', REPOSITORY, 3, 50)],
  },
  {
    code: `export async function everyOther(ids: string[]) {
  for (let i = 0; i < ids.length; i += 2) {
    await userRepository.findById(ids[i]);
  }
}`,
    errors: [error('userRepository.findById', 'for loop', REPOSITORY, 3, 11)],
  },
  // A slice from a chunk number times a size to the end of the list is the rest of it, no chunk.
  {
    code: `export async function tails(ids: string[], size: number) {
  for (let i = 0; i < ids.length; i++) {
    const rest = ids.slice(i * size);
    await userRepository.findById(rest[0]);
  }
}`,
    errors: [error('userRepository.findById', 'for loop', REPOSITORY, 4, 11)],
  },
  // The look-alike: model creates collected and awaited together are one insert each (Sequelize's create writes).
  {
    code: `import { Boost } from '../models/boost';
export async function saveShares(userId: number, shares: { projectId: number }[]) {
  const pending = [];
  for (const share of shares) {
    pending.push(Boost.create({ userId, projectId: share.projectId }));
  }
  await Promise.all(pending);
}`,
    errors: [error("'Boost.create' ('Boost': import from '../models/boost')", 'for…of loop', 'Collect the rows and write them once with bulkCreate([...]) or one update(…, { where: { id: ids } }).', 5, 18)],
  },
  // The look-alike through a helper: it takes one item off the front each round.
  {
    code: `function takeNext(queue: string[]) {
  return queue.splice(0, 1);
}
export async function drainQueue(queue: string[]) {
  let next = takeNext(queue);
  while (next.length > 0) {
    await userRepository.findById(next[0]);
    next = takeNext(queue);
  }
}`,
    errors: [error('userRepository.findById', 'while loop', REPOSITORY, 7, 11)],
  },
  // The look-alike: a queue drained one item at a time by splice is one query per item.
  {
    code: `export async function drainQueue(queue: string[]) {
  while (queue.length > 0) {
    const [next] = queue.splice(0, 1);
    await userRepository.findById(next);
  }
}`,
    errors: [error('userRepository.findById', 'while loop', REPOSITORY, 4, 11)],
  },
  {
    code: `export async function firstOfEachChunk(ids: string[], size: number) {
  for (let i = 0; i < ids.length; i += size) {
    const chunk = ids.slice(i, i + size);
    await Promise.all(chunk.map((id) => userRepository.findById(id)));
  }
}`,
    errors: [error('userRepository.findById', 'map() callback', REPOSITORY, 4, 41)],
  },
  // The builder's look-alike: a builder variable with no cap reads every row after the cursor, each round.
  {
    mode: 'untyped',
    code: `import { Kysely } from 'kysely';
const db = new Kysely<Schema>({ dialect });
export async function forEachAccount(fn: (did: string) => Promise<void>) {
  const accountQb = db.selectFrom('account').select(['did', 'createdAt']).orderBy('createdAt');
  let cursor: { did: string } | undefined;
  do {
    const rows = cursor ? await accountQb.where('did', '>', cursor.did).execute() : await accountQb.execute();
    for (const row of rows) await fn(row.did);
    cursor = rows.at(-1);
  } while (cursor);
}`,
    errors: [loopError('accountQb.where(…).execute', 'do…while loop', TYPEORM, 7, 33, ['accountQb.execute'])],
  },
  // Controller code in a worker-named folder serves requests: a request waits on its loop.
  {
    mode: 'untyped',
    filename: 'src/jobs/jobs.controller.ts',
    code: `import { Controller, Post, Body } from '@nestjs/common';
@Controller('jobs')
export class JobsController {
  @Post('bulk')
  async bulk(@Body() ids: string[]) {
    for (const id of ids) await this.prisma.job.count({ where: { batchId: id } });
  }
}`,
    errors: [error('this.prisma.job.count', 'for…of loop', PRISMA_COUNT, 6, 33)],
  },
  // A route module named for jobs is no worker.
  {
    mode: 'untyped',
    filename: 'src/routes/export-jobs.routes.ts',
    code: `export async function importCsv(rows: { email: string }[]) {
  for (const row of rows) await prisma.contact.count({ where: { email: row.email } });
}`,
    errors: [error('prisma.contact.count', 'for…of loop', PRISMA_COUNT, 2, 33)],
  },
  // An imported list under a variable's name is data.
  {
    code: `import { pendingInvites } from './invites';
for (const invite of pendingInvites) await prisma.invite.create({ data: { email: invite.email } });`,
    errors: [error('prisma.invite.create', 'for…of loop', PRISMA_WRITE, 2, 44)],
  },
  // A cap that promises no handful, or that bounds another list.
  {
    code: `export async function importRows(rows: Row[], tags: string[]) {
  if (tags.length > 5) throw new Error('At most 5 tags');
  if (rows.length > 10000) throw new Error('File too large');
  for (const row of rows) await prisma.contact.findFirst({ where: { email: row.email } });
}`,
    errors: [error('prisma.contact.findFirst', 'for…of loop', PRISMA, 4, 33)],
  },
  // A queue drained one row per round with the same query: not a probe.
  {
    code: `while (true) {
  const job = await prisma.job.findFirst({ where: { status: 'pending' } });
  if (!job) break;
  await handle(job);
}`,
    errors: [error('prisma.job.findFirst', 'while loop', PRISMA, 2, 21)],
  },
  // A drain that counts its rounds without bounding them: one row per round, as many rounds as rows.
  {
    code: `export async function drainJobs() {
  let handled = 0;
  let job = await prisma.job.findFirst({ where: { status: 'pending' } });
  while (job) {
    handled++;
    await handle(job);
    job = await prisma.job.findFirst({ where: { status: 'pending' } });
  }
  return handled;
}`,
    errors: [error('prisma.job.findFirst', 'while loop', PRISMA, 7, 17)],
  },
  // A branch on a property of the element runs once per matching row, not once per kind.
  {
    code: `export async function remindOverdue(invoices: Invoice[]) {
  for (const invoice of invoices) {
    if (invoice.status === 'overdue') {
      await prisma.reminder.findFirst({ where: { invoiceId: invoice.id } });
    }
  }
}`,
    errors: [error('prisma.reminder.findFirst', 'for…of loop', PRISMA, 4, 13)],
  },
  // A module-level variable list, reassigned later: the syntax cannot trace it, so it is reported.
  {
    code: `let pending = loadPending();
pending = pending.concat(extra);
for (const job of pending) await prisma.job.deleteMany({ where: { id: job.id } });`,
    errors: [error('prisma.job.deleteMany', 'for…of loop', PRISMA_WRITE, 3, 34)],
  },
  // Lists that grow with the data, next to the look-alikes above: the rows of a query…
  {
    code: `export async function cancelShipments(orderId: string) {
  const shipments = await prisma.shipment.findMany({ where: { orderId } });
  for (const shipment of shipments) {
    await prisma.carrierBooking.deleteMany({ where: { shipmentId: shipment.id } });
  }
}`,
    errors: [error('prisma.carrierBooking.deleteMany', 'for…of loop', PRISMA_WRITE, 4, 11)],
  },
  // …the rows field of a driver's answer…
  {
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function releaseLocks() {
  const { rows } = await pool.query('SELECT name FROM tasks WHERE done');
  for (const task of rows) await prisma.taskLock.deleteMany({ where: { name: task.name } });
}`,
    errors: [error('prisma.taskLock.deleteMany', 'for…of loop', PRISMA_WRITE, 5, 34)],
  },
  // …a caller's list, whole or as a field of its input, and what a helper computes from it…
  {
    code: `export class TaskScheduler {
  async releaseLocks(tasks: Task[]) {
    for (const task of tasks) await prisma.taskLock.deleteMany({ where: { name: task.name } });
  }
}`,
    errors: [error('prisma.taskLock.deleteMany', 'for…of loop', PRISMA_WRITE, 3, 37)],
  },
  {
    code: `export async function importOrder(input: ImportOrderInput) {
  for (const line of input.lines) await prisma.orderLine.create({ data: { sku: line.sku, quantity: line.quantity } });
}`,
    errors: [error('prisma.orderLine.create', 'for…of loop', PRISMA_WRITE, 2, 41)],
  },
  {
    code: `export async function indexEmbeds(posts: Post[]) {
  const embeds = splitEmbeds(posts);
  for (const embed of embeds) await prisma.embed.create({ data: { postId: embed.postId, uri: embed.uri } });
}`,
    errors: [error('prisma.embed.create', 'for…of loop', PRISMA_WRITE, 3, 37)],
  },
  // …and a list filled from the caller's.
  {
    code: `export async function releaseChannels(channels: Channel[]) {
  const stale = channels.filter((channel) => channel.stale);
  for (const channel of stale) await prisma.channelLock.deleteMany({ where: { channelId: channel.id } });
}`,
    errors: [error('prisma.channelLock.deleteMany', 'for…of loop', PRISMA_WRITE, 3, 38)],
  },
  // Typed: a pg Pool under any name.
  {
    mode: 'typed',
    code: `
import { Pool } from 'pg';
declare const store: Pool;
declare const ids: number[];
for (const id of ids) {
  await store.query('SELECT * FROM users WHERE id = $1', [id]);
}`,
    errors: [error('store.query', 'for…of loop', PG, 6, 9)],
  },
  // Several queries of one iteration are one problem, reported once at the first.
  {
    code: `export async function saveFields(tx, documentId: string, fields: FieldInput[]) {
  for (const field of fields) {
    await tx.field.create({ data: { documentId, type: field.type, position: field.position } });
    await tx.auditLog.create({ data: { documentId, type: 'FIELD_CREATED', fieldType: field.type } });
  }
}`,
    errors: [loopError('tx.field.create', 'for…of loop', PRISMA_WRITE, 3, 11, ['tx.auditLog.create'])],
  },
  // A column named like a page position in the values a write stores is no pagination.
  {
    code: `export async function placeFields(tx, envelopeId: string, fields: FieldInput[]) {
  for (const field of fields) {
    await tx.field.create({ data: { envelopeId, type: field.type, page: field.page, positionX: field.x } });
  }
}`,
    errors: [error('tx.field.create', 'for…of loop', PRISMA_WRITE, 3, 11)],
  },
  // The same in the values of a Knex update, a TypeORM update or insert, and a Mongo $set: columns, not a page.
  {
    code: `export async function movePages(fields: FieldInput[]) {
  for (const field of fields) {
    await knex('fields').where({ id: field.id }).update({ page: 1, limit: 20 });
  }
}`,
    errors: [error("knex('fields').where(…).update", 'for…of loop', KNEX_WRITE, 3, 11)],
  },
  {
    code: `import { Repository } from 'typeorm';
export class FieldLayout {
  constructor(private readonly fields: Repository<Field>) {}
  async reset(ids: string[]) {
    for (const id of ids) {
      await this.fields.update({ id }, { page: 1, pageSize: 20 });
    }
  }
}`,
    errors: [error('this.fields.update', 'for…of loop', TYPEORM_WRITE, 6, 13, { data: { query: "'this.fields.update' ('fields': class member typed Repository<Field>)", loop: 'for…of loop', advice: TYPEORM_WRITE, more: '' } })],
    mode: 'untyped',
  },
  {
    code: `export async function resetLayouts(ids: string[]) {
  for (const id of ids) {
    await Layout.updateOne({ _id: id }, { $set: { page: 1, limit: 20 } });
  }
}`,
    errors: [error('Layout.updateOne', 'for…of loop', MONGOOSE_WRITE, 3, 11)],
  },
  // A read stays reported whatever work follows it in the round: it batches with IN before the loop.
  {
    code: `export async function sendReceipts(orders: Order[]) {
  for (const order of orders) {
    const customer = await prisma.customer.findFirst({ where: { id: order.customerId } });
    await mailer.send(customer.email, renderReceipt(order));
  }
}`,
    errors: [error('prisma.customer.findFirst', 'for…of loop', PRISMA, 3, 28)],
  },
  // Awaited work that only feeds the write (a row built by a factory) leaves an insert to batch.
  {
    code: `export async function importInvoices(rows: Row[]) {
  for (const row of rows) {
    const invoice = await invoiceFactory.fromRow(row);
    await prisma.invoice.create({ data: invoice });
  }
}`,
    errors: [error('prisma.invoice.create', 'for…of loop', PRISMA_WRITE, 4, 11)],
  },
  // Waiting between writes is no other work, and pacing writes alone is no throttled workflow: one bulk write is still better.
  {
    code: `export async function requeue(ids: string[]) {
  for (const id of ids) {
    await prisma.job.update({ where: { id }, data: { status: 'queued' } });
    await sleep(50);
  }
}`,
    errors: [error('prisma.job.update', 'for…of loop', PRISMA_WRITE, 3, 11)],
  },
  // The keys of an object the caller passes are data.
  {
    code: `export async function countPerRegion(byRegion: Record<string, string[]>) {
  const regions = Object.keys(byRegion);
  for (const region of regions) {
    await prisma.store.count({ where: { region } });
  }
}`,
    errors: [error('prisma.store.count', 'for…of loop', PRISMA_COUNT, 4, 11)],
  },
  // A log line, a cache entry, a metric or the response written after a write is no step of a
  // workflow: write the rows once, then log, cache, count or answer.
  {
    code: `export class TagService {
  async approve(tags: TagInput[]) {
    for (const tag of tags) {
      await prisma.tag.update({ where: { id: tag.id }, data: { approved: true } });
      await this.logger.info('tag approved');
      await this.cache.set(\`tag:\${tag.id}\`, tag);
      await this.metrics.increment('tags.approved');
    }
  }
}`,
    errors: [error('prisma.tag.update', 'for…of loop', PRISMA_WRITE, 4, 13)],
  },
  {
    code: `export async function importContacts(rows: ContactRow[], res: Response) {
  for (const row of rows) {
    await prisma.contact.create({ data: { email: row.email, name: row.name } });
    await res.write(\`imported \${row.email}\\n\`);
  }
}`,
    errors: [error('prisma.contact.create', 'for…of loop', PRISMA_WRITE, 3, 11)],
  },
  // A method of the same class that itself queries is one more query of the round, not other work.
  {
    code: `export class TagCleanup {
  async removeAll(ids: string[]) {
    for (const id of ids) {
      await prisma.tag.delete({ where: { id } });
      await this.unlinkPosts(id);
    }
  }
  private async unlinkPosts(tagId: string) {
    await prisma.postTag.deleteMany({ where: { tagId } });
  }
}`,
    errors: [error('prisma.tag.delete', 'for…of loop', PRISMA_WRITE, 4, 13)],
  },
  // The values of an imported object named like a variable (a map of connections filled at run time) are data.
  {
    code: `import { connectedClients } from './sockets';
export async function unreadCounts() {
  for (const client of Object.values(connectedClients)) {
    await prisma.notification.count({ where: { userId: client.userId, readAt: null } });
  }
}`,
    errors: [error('prisma.notification.count', 'for…of loop', PRISMA_COUNT, 4, 11)],
  },
  // A Mongoose count per tag: one $group aggregate, not a $in fetch of every document.
  {
    code: `import mongoose from 'mongoose';
const Product = mongoose.model('Product', productSchema);
export async function productCountByTags(tags) {
  const counts = {};
  for (const tag of tags) {
    counts[tag._id] = await Product.countDocuments({ tagIds: tag._id });
  }
  return counts;
}`,
    errors: [error('Product.countDocuments', 'for…of loop', MONGOOSE_COUNT, 6, 29)],
  },
];

runRuleTests('no-query-in-loop', rule, { valid, invalid });
