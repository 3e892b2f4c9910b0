import path from 'node:path';
import rule, { type MessageId, type Options } from '../../rules/no-unbounded-query.js';
import { TYPED_PROJECT, runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

type Case = Invalid<MessageId, Options>;

const PRISMA = 'Accept page parameters and pass take (with skip or cursor).';
const TYPEORM = 'Accept page parameters and pass take (with skip), or call .take()/.limit() on the query builder.';
const SEQUELIZE = 'Accept page parameters and pass limit (with offset).';
const MONGOOSE = 'Accept page parameters and chain .limit() (with .skip() or a range on _id).';
const MONGODB = 'Accept page parameters and chain .limit() (with .skip() or a range on _id) before toArray().';
const KNEX = 'Accept page parameters and chain .limit() (with .offset() or a keyset where).';
const DRIZZLE = 'Accept page parameters and chain .limit() (with .offset() or a keyset where), or pass limit to findMany.';
const SQL = 'Accept page parameters and add LIMIT (with OFFSET or a keyset WHERE).';

function error(query: string, model: string | undefined, advice: string, line: number, column: number): Case['errors'][number] {
  return {
    messageId: 'unboundedQuery',
    data: {
      query: query.startsWith("'") ? query : `'${query}'`,
      rows: model === undefined ? 'matching row' : `matching '${model}' row`,
      advice,
      table: model === undefined ? 'the table' : `'${model}'`,
      model: model ?? '<table>',
    },
    line,
    column,
  };
}

const PRISMA_SERVICE = (body: string): string => `import { PrismaClient } from '@prisma/client';
export class ReportService {
  constructor(private readonly prisma: PrismaClient) {}
  async run(id: string, ids: string[], orderId: string, page: { take: number; skip: number }, args: object) {
    ${body}
  }
}`;

const valid: Valid<Options>[] = [
  // Capped or paged.
  PRISMA_SERVICE('return this.prisma.user.findMany({ where: { active: true }, take: 50 });'),
  PRISMA_SERVICE('return this.prisma.user.findMany({ where: { active: true }, skip: page.skip, take: page.take });'),
  // Options built elsewhere may carry the cap.
  PRISMA_SERVICE('return this.prisma.user.findMany({ where: { active: true }, ...page });'),
  PRISMA_SERVICE('return this.prisma.user.findMany(args);'),
  // A filter built elsewhere: its keys are not in the code (reported with checkDynamicFilters).
  PRISMA_SERVICE('const where = { active: true }; return this.prisma.user.findMany({ where });'),
  // One row, a key lookup, a list the caller holds, an aggregate.
  PRISMA_SERVICE('return this.prisma.user.findUnique({ where: { id } });'),
  PRISMA_SERVICE('return this.prisma.user.findFirst({ where: { active: true } });'),
  PRISMA_SERVICE('return this.prisma.user.findMany({ where: { id } });'),
  PRISMA_SERVICE('return this.prisma.user.findMany({ where: { id: { in: ids } } });'),
  PRISMA_SERVICE('return this.prisma.user.count({ where: { active: true } });'),
  PRISMA_SERVICE('return this.prisma.order.groupBy({ by: ["status"], _count: true });'),
  PRISMA_SERVICE('return this.prisma.account.findMany({ distinct: ["currency"], select: { currency: true } });'),
  // The child rows of one parent (reported with checkParentScoped).
  PRISMA_SERVICE('return this.prisma.orderLine.findMany({ where: { orderId } });'),
  PRISMA_SERVICE('return this.prisma.split.findMany({ where: { asset: { source: args, symbol: id } } });'),
  PRISMA_SERVICE('return this.prisma.team.findMany({ where: { members: { some: { userUid: id } } } });'),
  // Pinned to values the caller names: the rows of one asset, one owner, one day.
  PRISMA_SERVICE('return this.prisma.price.findMany({ where: { source: id, symbol: orderId } });'),
  // A computed key that picks one of two foreign keys: the invites of one team or of one project.
  PRISMA_SERVICE("return this.prisma.invite.findMany({ where: { [args ? 'teamId' : 'projectId']: id, kind: 'link', revokedAt: null } });"),
  `import type { Kysely } from 'kysely';
export async function passwords(db: Kysely<any>, did: string) { return db.selectFrom('app_password').selectAll().where('did', '=', did).execute(); }
export async function statsOf(db: Kysely<any>, date: string) { return db.selectFrom('report_stat').selectAll().where('date', '=', date).execute(); }`,
  // A work queue claimed with row locks, a builder from a helper, a join against a list the caller holds.
  `import type { Kysely } from 'kysely';
export async function claim(db: Kysely<any>) { return db.selectFrom('push_event').select('id').forUpdate().skipLocked().where('sentAt', 'is', null).execute(); }
export async function ancestors(db: Kysely<any>, uri: string) { return threadQb(db, uri).selectFrom('ancestor').selectAll().execute(); }
export async function replies(db: Kysely<any>, roots: Kysely<any>) { return db.selectFrom('reply').innerJoin(roots.selectFrom('root').as('r'), 'r.uri', 'reply.root').selectAll().execute(); }`,
  // A builder condition written as SQL on a key; a join that must match one user.
  `import { DataSource } from 'typeorm';
import { Allocation } from './allocation.entity';
export class StockService {
  constructor(private readonly dataSource: DataSource) {}
  async ofLine(lineId: string) {
    return this.dataSource.getRepository(Allocation).createQueryBuilder('a').leftJoinAndSelect('a.line', 'line').where('line.id = :lineId', { lineId }).getMany();
  }
}`,
  `import { Team } from '../models/team';
export async function teamsOf(email: string) { return Team.findAll({ include: [{ association: 'members', required: true, where: { email } }] }); }`,
  // TypeORM's list parameter, a join condition that pins the joined row, a nested required join on one user.
  `import { DataSource } from 'typeorm';
import { Order } from './order.entity';
export class FulfilmentService {
  constructor(private readonly dataSource: DataSource) {}
  async ofLines(lineIds: string[]) {
    return this.dataSource.getRepository(Order).createQueryBuilder('order').leftJoinAndSelect('order.lines', 'line').where('line.id IN (:...lineIds)', { lineIds }).getMany();
  }
  async variantIds(collectionId: string) {
    return this.dataSource.getRepository(Order).createQueryBuilder('v').select('v.id', 'id').innerJoin('v.collections', 'c', 'c.id = :id', { id: collectionId }).getRawMany();
  }
}`,
  `import { Membership } from '../models/membership';
export async function documentsOf(userId: string) {
  return Membership.findAll({ where: { archived: false }, include: [{ association: 'group', required: true, include: [{ association: 'users', required: true, where: { userId } }] }] });
}`,
  // Configuration tables by their last word, and store configuration by name.
  PRISMA_SERVICE('return this.prisma.infraConfig.findMany({ where: { active: true } });'),
  PRISMA_SERVICE('return this.prisma.zone.findMany();'),
  // The administrators of the system's users table: the few people who run it, whatever the user count.
  PRISMA_SERVICE('return this.prisma.user.findMany({ where: { isAdmin: true } });'),
  PRISMA_SERVICE("return this.prisma.account.findMany({ where: { role: 'SUPER_ADMIN', deletedAt: null } });"),
  `import type { Kysely } from 'kysely';
export async function superusers(db: Kysely<any>) { return db.selectFrom('auth_user').select(['id', 'email']).where('is_superuser', '=', true).execute(); }`,
  // An owner's preferences: a handful of rows per user, read whole (like settings).
  `import type { Kysely } from 'kysely';
export async function savedChoices(db: Kysely<any>) { return db.selectFrom('member_pref').selectAll().orderBy('id').execute(); }`,
  PRISMA_SERVICE('return this.prisma.notificationPreference.findMany();'),
  // Small lookup tables: reference data by name, or declared in settings.
  PRISMA_SERVICE('return this.prisma.country.findMany();'),
  { code: PRISMA_SERVICE('return this.prisma.planTier.findMany();'), settings: { 'backend-patterns': { db: { smallTables: ['PlanTier'] } } } },
  { code: PRISMA_SERVICE('return this.prisma.ticketType.findMany();'), settings: { 'backend-patterns': { db: { smallTables: ['*Type'] } } } },
  // Not on the request path: a background job, a CLI.
  { mode: 'untyped', filename: 'src/jobs/reindex.ts', code: PRISMA_SERVICE('return this.prisma.user.findMany({ where: { active: true } });') },
  `import { Command } from 'commander';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function exportAll() { return prisma.user.findMany(); }`,
  // A scheduler's poll of the rows whose time has come; a read whose rows nobody uses (a readiness probe).
  `import type { Kysely } from 'kysely';
export async function getHoldsToExpire(db: Kysely<any>, now: Date) { return db.selectFrom('stock_hold').selectAll().where('releasedAt', 'is', null).where('holdUntil', '<=', now).execute(); }
export async function findOverdueReminders(db: Kysely<any>, now: string) { return db.selectFrom('reminder').selectAll().where('remindAt', '<', now).execute(); }
export async function getRunsToRetry(db: Kysely<any>, now: string) { return db.selectFrom('run').selectAll().where((eb) => eb.or([eb('retryAt', '<=', now), eb('state', '=', 'new')])).execute(); }
export async function open(db: Kysely<any>) { await withRetries(() => db.selectFrom('ledger_root').selectAll().execute()); return db; }`,
  `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function findExpiredSessions() { return prisma.session.findMany({ where: { expiresAt: { lt: new Date() } } }); }`,
  // A list the service keeps whole in memory, and the cache bypass that reads the same list.
  `import { PrismaClient } from '@prisma/client';
export class FlagService {
  private cached?: Promise<unknown[]>;
  constructor(private readonly prisma: PrismaClient) {}
  async all(fresh = false) {
    if (fresh) return this.prisma.flagValue.findMany();
    if (this.cached) return this.cached;
    const rows = this.prisma.flagValue.findMany();
    this.cached = rows;
    return rows;
  }
}`,
  // The migration bookkeeping table of the ORM: one row per migration file.
  `import { Sequelize, QueryTypes } from 'sequelize';
const sequelize = new Sequelize(process.env.DATABASE_URL ?? '');
export async function appliedMigrations() { return sequelize.query('SELECT name FROM "SequelizeMeta" ORDER BY name', { type: QueryTypes.SELECT }); }`,
  // A DataLoader's batch function reads the rows of the keys it was given.
  `import DataLoader from 'dataloader';
import { Invoice } from '../models/invoice';
export const loaders = () => ({ byCustomer: new DataLoader(async (keys: readonly number[]) => Invoice.findAll({ where: { status: 'open' } })) });`,
  // Evidence before names: look-alikes that are no query.
  `export function pick(users: { id: string }[], id: string) { return users.find((user) => user.id === id); }`,
  `export async function search(searchService: SearchService, term: string) { return searchService.find({ term }); }`,
  `export async function audit(features: Features) { return checkExistsInDB('SELECT * FROM tiers WHERE active = true'); }`,
  `export async function run(pool: WorkerPool) { return runScriptOnWorkerPool({ script: 'x' }); }`,
  // TypeORM: capped, one row, a list of ids.
  `import { In, Repository } from 'typeorm';
import { InjectRepository } from '@nestjs/typeorm';
import { Order } from './order.entity';
export class OrdersService {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}
  page(take: number) { return this.orders.find({ where: { status: 'open' }, take }); }
  one(id: string) { return this.orders.findOne({ where: { id } }); }
  many(ids: string[]) { return this.orders.findBy({ id: In(ids) }); }
  async open() { return this.orders.createQueryBuilder('o').where('o.status = :s', { s: 'open' }).take(20).getMany(); }
  async total() { return this.orders.count({ where: { status: 'open' } }); }
}`,
  // Sequelize with limit; Mongoose with .limit() or a cursor.
  `import { Invoice } from '../models/invoice';
export async function recent() { return Invoice.findAll({ where: { status: 'open' }, limit: 20 }); }`,
  `import { Model } from 'mongoose';
import { InjectModel } from '@nestjs/mongoose';
export class EventsService {
  constructor(@InjectModel('Event') private readonly eventModel: Model<unknown>) {}
  async recent() { return this.eventModel.find({ kind: 'signup' }).sort({ at: -1 }).limit(20); }
  async each() { for await (const doc of this.eventModel.find({ kind: 'signup' }).cursor()) console.info(doc); }
  async ofIds(ids: string[]) { return this.eventModel.find({ _id: { $in: ids } }); }
}`,
  // A tenant's feature flags, in plural: configuration.
  `import type { Knex } from 'knex';
const TABLE = 'tenant_feature_flags';
export class FeatureFlagStore {
  constructor(private readonly db: Knex) {}
  async all() { return this.db.select(['key', 'enabled']).from(TABLE); }
}`,
  // A lookup table named through a module constant, plain or aliased, and a filter the caller passes in.
  `import type { Knex } from 'knex';
const TABLE = 'ticket_types';
const T = { ROLES: 'roles', TICKETS: 'tickets' };
export class TicketTypeStore {
  constructor(private readonly db: Knex) {}
  async getAll() { return this.db.select(['id', 'name']).from(TABLE); }
  async roles() { return this.db.select(['r.id']).from(\`\${T.ROLES} as r\`); }
  async find(query = {}) { return this.db.select(['id']).where(query).from(T.TICKETS); }
}`,
  // Knex, Kysely, Drizzle: limited, first row, aggregate.
  `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function listOpen() { return db('orders').where('status', 'open').limit(50); }
export async function firstOpen() { return db('orders').where('status', 'open').first(); }
export async function countOpen() { return db('orders').where('status', 'open').count('id'); }
export async function byId(id: string) { return db('orders').where('id', id); }`,
  `import type { Kysely } from 'kysely';
export async function people(db: Kysely<any>) { return db.selectFrom('person').selectAll().limit(10).execute(); }
export async function person(db: Kysely<any>, id: string) { return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst(); }`,
  `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL ?? '');
export async function active() { return db.select().from(users).where(eq(users.active, true)).limit(25); }
export async function one(id: string) { return db.select().from(users).where(eq(users.id, id)); }`,
  // SQL with LIMIT, an aggregate, a key lookup, a clause built elsewhere.
  `import { Pool } from 'pg';
const pool = new Pool();
export async function recent() { return pool.query('SELECT * FROM orders WHERE status = $1 ORDER BY created_at DESC LIMIT 50', ['open']); }
export async function total() { return pool.query('SELECT count(*) FROM orders WHERE status = $1', ['open']); }
export async function one(id: string) { return pool.query('SELECT * FROM orders WHERE id = $1', [id]); }
export async function filtered(where: string) { return pool.query(\`SELECT * FROM orders \${where}\`); }`,
  // An aggregate inside the select list makes one row; a set-returning function over a value reads that value's elements.
  `import { Pool } from 'pg';
const pool = new Pool();
export async function tagsOf(id: string) { return pool.query('SELECT to_jsonb(array_agg(t.name)) FROM tags t WHERE t.archived = false'); }
export async function labels(raw: string) { return pool.query('SELECT elem FROM jsonb_array_elements_text($1::jsonb) AS elem', [raw]); }`,
];

const invalid: Case[] = [
  // A computed key that may name a state column is no parent scope.
  {
    code: PRISMA_SERVICE("return this.prisma.invite.findMany({ where: { [args ? 'teamId' : 'status']: id, kind: 'link' } });"),
    errors: [error('this.prisma.invite.findMany', 'invite', PRISMA, 5, 12)],
  },
  {
    code: PRISMA_SERVICE('return this.prisma.user.findMany({ where: { active: true } });'),
    errors: [error('this.prisma.user.findMany', 'user', PRISMA, 5, 12)],
  },
  {
    code: PRISMA_SERVICE('return this.prisma.auditEvent.findMany();'),
    errors: [error('this.prisma.auditEvent.findMany', 'auditEvent', PRISMA, 5, 12)],
  },
  // A flag on its own does not bound a list: every tenant's admins, every top-level comment.
  {
    code: PRISMA_SERVICE('return this.prisma.organizationMember.findMany({ where: { isAdmin: true } });'),
    errors: [error('this.prisma.organizationMember.findMany', 'organizationMember', PRISMA, 5, 12)],
  },
  {
    code: PRISMA_SERVICE('return this.prisma.comment.findMany({ where: { isRoot: true } });'),
    errors: [error('this.prisma.comment.findMany', 'comment', PRISMA, 5, 12)],
  },
  // Admins of a membership table are one or more per tenant; non-admins and other roles are most users.
  {
    code: PRISMA_SERVICE("return this.prisma.workspaceUser.findMany({ where: { role: 'admin' } });"),
    errors: [error('this.prisma.workspaceUser.findMany', 'workspaceUser', PRISMA, 5, 12)],
  },
  {
    code: PRISMA_SERVICE('return this.prisma.user.findMany({ where: { isAdmin: false } });'),
    errors: [error('this.prisma.user.findMany', 'user', PRISMA, 5, 12)],
  },
  {
    code: PRISMA_SERVICE("return this.prisma.user.findMany({ where: { role: 'member' } });"),
    errors: [error('this.prisma.user.findMany', 'user', PRISMA, 5, 12)],
  },
  // Posts by admins grow with what they write; a preference's history grows with every change.
  {
    code: PRISMA_SERVICE('return this.prisma.post.findMany({ where: { author: { isAdmin: true } } });'),
    errors: [error('this.prisma.post.findMany', 'post', PRISMA, 5, 12)],
  },
  // Preferences filtered on another column than their owner's are the choices of every user.
  {
    code: PRISMA_SERVICE('return this.prisma.notificationPreference.findMany({ where: { muted: false } });'),
    errors: [error('this.prisma.notificationPreference.findMany', 'notificationPreference', PRISMA, 5, 12)],
  },
  {
    code: PRISMA_SERVICE('return this.prisma.preferenceChange.findMany();'),
    errors: [error('this.prisma.preferenceChange.findMany', 'preferenceChange', PRISMA, 5, 12)],
  },
  // A state column compared with the caller's value still lists every row in that state.
  {
    code: PRISMA_SERVICE('const status = args as string; return this.prisma.order.findMany({ where: { status } });'),
    errors: [error('this.prisma.order.findMany', 'order', PRISMA, 5, 43)],
  },
  // The options report the parent-scoped and the dynamic filters too.
  {
    code: PRISMA_SERVICE('return this.prisma.orderLine.findMany({ where: { orderId } });'),
    options: [{ checkParentScoped: true }],
    errors: [error('this.prisma.orderLine.findMany', 'orderLine', PRISMA, 5, 12)],
  },
  {
    code: PRISMA_SERVICE('const where = { active: true }; return this.prisma.user.findMany({ where });'),
    options: [{ checkDynamicFilters: true }],
    errors: [error('this.prisma.user.findMany', 'user', PRISMA, 5, 44)],
  },
  // TypeORM: an injected repository, a query builder, a repository from the data source.
  {
    mode: 'untyped',
    code: `import { Repository, DataSource } from 'typeorm';
import { InjectRepository } from '@nestjs/typeorm';
import { Order } from './order.entity';
export class OrdersService {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>, private readonly dataSource: DataSource) {}
  async open() { return this.orders.find({ where: { status: 'open' } }); }
  async openQb() { return this.orders.createQueryBuilder('o').where('o.status = :s', { s: 'open' }).getMany(); }
  async all() { return this.dataSource.getRepository(Order).find(); }
}`,
    errors: [
      error("'this.orders.find' ('orders': @InjectRepository)", 'orders', TYPEORM, 6, 25),
      error('this.orders.createQueryBuilder(…).where(…).getMany', 'orders', TYPEORM, 7, 27),
      error('this.dataSource.getRepository(…).find', 'Order', TYPEORM, 8, 24),
    ],
  },
  // Typed, the declaration shows the repository: the message needs no evidence from the file.
  {
    mode: 'typed',
    code: `import { Repository } from 'typeorm';
import { InjectRepository } from '@nestjs/typeorm';
class Order { id = ''; status = ''; }
export class OrdersService {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}
  async open() { return this.orders.find({ where: { status: 'open' } }); }
}`,
    errors: [error('this.orders.find', 'orders', TYPEORM, 6, 25)],
  },
  // Sequelize.
  {
    code: `import { Invoice } from '../models/invoice';
export async function unpaid() {
  return Invoice.findAll({ where: { status: 'unpaid' } });
}`,
    errors: [error('Invoice.findAll', 'Invoice', SEQUELIZE, 3, 10)],
  },
  // Mongoose and the MongoDB driver.
  {
    code: `import { Model } from 'mongoose';
import { InjectModel } from '@nestjs/mongoose';
export class EventsService {
  constructor(@InjectModel('Event') private readonly eventModel: Model<unknown>) {}
  async signups() { return this.eventModel.find({ kind: 'signup' }).sort({ at: -1 }); }
}`,
    errors: [error('this.eventModel.find', 'event', MONGOOSE, 5, 28)],
  },
  {
    code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
export async function signups() {
  return client.db('app').collection('events').find({ kind: 'signup' }).toArray();
}`,
    errors: [error('client.db(…).collection(…).find(…).toArray', 'events', MONGODB, 4, 10)],
  },
  // Flags people raise on content grow with the content: no feature flags, singular or plural.
  {
    code: `import type { Knex } from 'knex';
const TABLE = 'content_flags';
export class ModerationStore {
  constructor(private readonly db: Knex) {}
  async all() { return this.db.select(['id', 'reason']).from(TABLE); }
}`,
    errors: [error('this.db.select(…).from', 'content_flags', KNEX, 5, 24)],
  },
  // A module constant that names a table of the application's records is no lookup table; nor is a filter on a few-valued column.
  {
    code: `import type { Knex } from 'knex';
const TABLE = 'tickets';
export class TicketStore {
  constructor(private readonly db: Knex) {}
  async getAll() { return this.db.select(['id']).from(TABLE); }
  async open() { return this.db.select(['id']).where({ status: 'open' }).from(TABLE); }
}`,
    errors: [
      error('this.db.select(…).from', 'tickets', KNEX, 5, 27),
      error('this.db.select(…).where(…).from', 'tickets', KNEX, 6, 25),
    ],
  },
  // Knex, Kysely, Drizzle.
  {
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function listOpen() {
  return db('orders').where('status', 'open').orderBy('created_at');
}`,
    errors: [error("db('orders').where(…).orderBy", 'orders', KNEX, 4, 10)],
  },
  {
    code: `import type { Kysely } from 'kysely';
export async function people(db: Kysely<any>) {
  return db.selectFrom('person').selectAll().where('status', '=', 'active').execute();
}`,
    errors: [error('db.selectFrom(…).selectAll(…).where(…).execute', 'person', KNEX.replace('Knex', 'Kysely'), 3, 10)],
  },
  {
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL ?? '');
export async function active() {
  return db.select().from(users).where(eq(users.active, true));
}`,
    errors: [error('db.select(…).from(…).where', 'users', DRIZZLE, 6, 10)],
  },
  // A field that keeps another list, or a copy of part of it, says nothing about this one.
  {
    code: `import { PrismaClient } from '@prisma/client';
export class TicketService {
  private last?: unknown;
  constructor(private readonly prisma: PrismaClient) {}
  async all() {
    const rows = await this.prisma.ticket.findMany();
    this.last = rows.length;
    return rows;
  }
}`,
    errors: [error('this.prisma.ticket.findMany', 'ticket', PRISMA, 6, 24)],
  },
  // A date in the name is no due-rows poll; rows that are used are no probe.
  {
    code: `import type { Kysely } from 'kysely';
export async function getDueDates(db: Kysely<any>) {
  const rows = await db.selectFrom('invoice').selectAll().execute();
  return rows.map((row) => row.dueAt);
}`,
    errors: [error('db.selectFrom(…).selectAll(…).execute', 'invoice', KNEX.replace('Knex', 'Kysely'), 3, 22)],
  },
  // A due-rows name whose filter shows no time that has come: every unreleased hold.
  {
    code: `import type { Kysely } from 'kysely';
export async function getHoldsToExpire(db: Kysely<any>) {
  return db.selectFrom('stock_hold').selectAll().where('releasedAt', 'is', null).execute();
}`,
    errors: [error('db.selectFrom(…).selectAll(…).where(…).execute', 'stock_hold', KNEX.replace('Knex', 'Kysely'), 3, 10)],
  },
  // The same filter without a due-rows name: sessions that ended are a list like any other.
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function endedSessions() { return prisma.session.findMany({ where: { expiresAt: { lt: new Date() } } }); }`,
    errors: [error('prisma.session.findMany', 'session', PRISMA, 3, 48)],
  },
  // Raw SQL.
  {
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function open() {
  return pool.query('SELECT * FROM orders WHERE status = $1 ORDER BY created_at', ['open']);
}`,
    errors: [error('pool.query', 'orders', SQL, 4, 10)],
  },
  // A window over every row keeps every row; an aggregate in a subquery of the select list counts per row.
  {
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function ranked() {
  return pool.query('SELECT id, count(*) OVER (PARTITION BY status) AS n FROM orders WHERE status = $1', ['open']);
}`,
    errors: [error('pool.query', 'orders', SQL, 4, 10)],
  },
  {
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function withTotals() {
  return pool.query('SELECT o.id, (SELECT sum(l.cents) FROM lines l WHERE l.order_id = o.id) AS total FROM orders o WHERE o.status = $1', ['open']);
}`,
    errors: [error('pool.query', 'lines', SQL, 4, 10)],
  },
  // Typed: a repository reached through an object the file does not type by name; the declaration shows it.
  {
    mode: 'typed',
    filename: path.join(TYPED_PROJECT, 'file.ts'),
    code: `import type { Repository } from 'typeorm';
class Ticket { id = ''; open = true; }
export async function open(deps: { tickets: Repository<Ticket> }) {
  return deps.tickets.find({ where: { open: true } });
}`,
    errors: [error('deps.tickets.find', 'tickets', TYPEORM, 4, 10)],
  },
];

runRuleTests('no-unbounded-query', rule, { valid, invalid });
