import path from 'node:path';
import rule, { type MessageId, type Options } from '../../rules/no-db-access-in-service.js';
import { TYPED_PROJECT, runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

const SERVICE = path.join(TYPED_PROJECT, 'layers', 'users.service.ts');

const valid: Valid<Options>[] = [
  // In a class on TypeORM's repositories, the transaction's entity manager given the entity class is the repository API of a transaction.
  `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
@Injectable()
export class ChannelService {
  constructor(@InjectRepository(Channel) private readonly channels: Repository<Channel>, private readonly dataSource: DataSource) {}
  async create(userId: string, dto: CreateChannelDto) {
    return this.dataSource.transaction(async (manager) => {
      const owner = await manager.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!owner) throw new NotFoundException();
      return manager.save(Channel, manager.create(Channel, { ...dto, owner }));
    });
  }
  async lockProject(projectId: string) {
    return this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Project).findOneOrFail({ where: { id: projectId }, lock: { mode: 'pessimistic_write' } });
      return manager.getRepository(Channel).count({ where: { projectId } });
    });
  }
  async importInto(manager: EntityManager, projectId: string) {
    const project = await manager.getRepository(Project).findOneOrFail({ where: { id: projectId } });
    return project;
  }
}`,
  // Inside a transaction, the manager's repository of an entity the class is given a repository of is that repository.
  `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { User } from './user.entity';
import { UserAddon } from './user-addon.entity';
@Injectable()
export class BillingService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(UserAddon) private readonly addons: Repository<UserAddon>,
  ) {}
  private lockedAddon(manager: EntityManager, userId: string) {
    return manager.getRepository(UserAddon).createQueryBuilder('addon').setLock('pessimistic_write').where('addon.userId = :userId', { userId }).getOne();
  }
  async charge(manager: EntityManager, userId: string) {
    const user = await manager.getRepository(User).findOne({ where: { id: userId } });
    await manager.getRepository(UserAddon).update({ userId }, { charged: true });
    return user;
  }
}`,
  // A let builder of the injected repository that only gains steps of its own (\`qb = qb.andWhere(…)\`) stays the repository's.
  `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';
@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
  async list(filter?: string, search?: string) {
    let query = this.users.createQueryBuilder('user');
    if (filter === 'blocked') query = query.andWhere('user.blocked = true');
    if (search) query = query.andWhere('LOWER(user.email) LIKE :search', { search: \`%\${search}%\` });
    return query.orderBy('user.created', 'DESC').getManyAndCount();
  }
}`,
  // A static create whose value is kept or handed on as it is builds a domain object: its promise would be
  // awaited were it an ORM's insert (Sequelize, Mongoose); the repository saves it.
  `import { Org } from '../entity/Org';
import { Team } from '../entity/Team';
export class OrgService {
  constructor(private readonly orgRepository: OrgRepository) {}
  async createOrg(name: string) {
    const org = Org.create({ name });
    let team;
    team = Team.create({ orgId: org.orgId, name: 'developers' });
    await this.orgRepository.saveOrg(org, team);
    await this.orgRepository.saveTeam(Team.create({ orgId: org.orgId, name: 'owners' }));
    return org;
  }
}`,
  // The query builder of a TypeORM repository the class is injected with is that repository's own API: in the chain,
  // kept in a variable, or handed out by a method of the class (NestJS + TypeORM's repository layer).
  `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Collaboration } from './collaboration.entity';
@Injectable()
export class CollaborationService {
  constructor(@InjectRepository(Collaboration) private collaborations: Repository<Collaboration>) {}
  baseQueryBuilder() {
    const builder = this.collaborations.createQueryBuilder('c');
    return builder;
  }
  async findOneById(id: string) {
    const queryBuilder = this.baseQueryBuilder();
    queryBuilder.where('c.id = :id', { id });
    return queryBuilder.getOne();
  }
  async countForUser(userId: string) {
    const qb = this.collaborations.createQueryBuilder('c').where('c.user_id = :userId', { userId });
    return qb.getCount();
  }
  async recent() {
    return this.collaborations.createQueryBuilder('c').orderBy('c.created_at', 'DESC').take(20).getMany();
  }
  async close(id: string) {
    return this.collaborations.createQueryBuilder().update(Collaboration).set({ closed: true }).where('id = :id', { id }).execute();
  }
  async page(userId: string) {
    const queryBuilder = this.baseQueryBuilder().leftJoinAndSelect('c.user', 'u').where('c.user_id = :userId', { userId }).take(20);
    return queryBuilder.getMany();
  }
}`,
  // SQL text given to a step of a builder (a subquery column, a derived table, a common table expression held in
  // a const) is part of that builder's query: reported, or not, where the builder runs.
  `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Member } from './member.entity';
@Injectable()
export class MemberStatsService {
  constructor(@InjectRepository(Member) private members: Repository<Member>) {}
  async withCounts(teamId: string) {
    const both = \`SELECT * FROM open_cte UNION ALL SELECT * FROM closed_cte\`;
    const queryBuilder = this.members.createQueryBuilder('m')
      .addSelect(\`(SELECT COUNT(*) FROM notes WHERE notes.member_id = m.id)\`, 'note_count')
      .leftJoin(\`(SELECT DISTINCT member_id FROM badges)\`, 'b', 'b.member_id = m.id')
      .setParameters({ teamId })
      .addCommonTableExpression(both, 'all_cte')
      .where('m.team_id = :teamId', { teamId });
    return queryBuilder.getRawMany();
  }
  applyActiveFilter(queryBuilder: SelectQueryBuilder<Member>) {
    queryBuilder.leftJoin(\`(SELECT DISTINCT member_id FROM events WHERE created_at > now() - interval '30 days')\`, 'active', 'active.member_id = m.id');
  }
  async touch(id: string, values: Partial<Member>) {
    return this.members.createQueryBuilder().update(values).where('id = :id', { id }).execute();
  }
}`,
  // The injected repository's builder inserting given rows is the statement of its own insert(rows): nothing to move.
  `@Injectable()
export class NodeService {
  constructor(private readonly nodeRepository: NodeRepository) {}
  async batchSave(nodes: NodeEntity[]) {
    return await this.nodeRepository.createQueryBuilder().insert().values(nodes).execute();
  }
}`,
  // The class's own getter of the repository it was given: an ORM's repository factory names an entity.
  `import { ISettingsRepository } from './settings-repository.interface';
export class SettingsService {
  private settingsRepository: ISettingsRepository | null = null;
  setRepository(repository: ISettingsRepository) {
    this.settingsRepository = repository;
  }
  private getRepository(): ISettingsRepository {
    if (!this.settingsRepository) throw new Error('Settings repository not initialized');
    return this.settingsRepository;
  }
  async update(patch: SettingsPatch) {
    return await this.getRepository().update(patch);
  }
  async read() {
    const repo = this.getRepository();
    return await repo.findSingleton();
  }
}`,
  // Evidence before names: the data layer under another name is no raw DB access.
  `export class UserService {
  constructor(private readonly store: IUserStore) {}
  async active() {
    return this.store.query({ active: true });
  }
}`,
  `export class InvoiceService {
  private readonly invoices = new InvoiceDao(db);
  async get(id: string) {
    return this.invoices.findById(id);
  }
}`,
  // A raw expression handed to a step of another builder is part of that query: the fragments run nothing
  // (the builder itself runs in the repository).
  `export class InvoiceService {
  constructor(private readonly invoices: InvoiceRepository) {}
  totals(knex, qb) {
    qb.select([knex.raw('SUM(amount_cents) AS total'), 'invoice.customerId'])
      .leftJoin('payment', (join) => join.on(knex.raw('payment.invoice_id = invoice.id')))
      .where(knex.raw('invoice.due_at < now()'))
      .update({ reminded_at: this.knex.raw('now()') });
    return this.invoices.run(qb);
  }
}`,
  // A builder step given a raw expression in one branch of a conditional.
  `export class ReportService {
  constructor(private readonly reports: ReportRepository) {}
  addColumn(qb, knex, column) {
    qb.select(typeof column === 'string' ? { [column]: column } : knex.raw(column.sql, column.bindings));
    return this.reports.run(qb);
  }
}`,
  // A function whose name ends in a client's word but starts with an action converts options; it runs nothing.
  `export class SettingService {
  constructor(private readonly settings: SettingRepository) {}
  async list(names) {
    const { where, options } = convertFindToMikroOrm({ where: { name: names } });
    return this.settings.find(where, options);
  }
}`,
  // service calls its repository
  { code: `export class UserService {
  constructor(private readonly users: UserRepository) {}
  async get(id: string) {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('user');
    return user;
  }
}` },
  // service calls a repository named *Repository
  { code: `export class OrderService {
  async cancel(id: string) {
    const order = await this.orderRepository.findById(id);
    await this.orderRepository.updateStatus(id, 'cancelled');
    return order;
  }
}` },
  // Prisma $transaction that only passes the handle to repositories
  { code: `export class OrderService {
  async place(draft) {
    return this.prisma.$transaction(async (tx) => {
      const order = await this.orders.create(tx, draft);
      await this.stockRepository.reserve(tx, draft.items);
      return order;
    });
  }
}` },
  // knex transaction boundary passing trx to repositories
  { code: `export class TransferService {
  async transfer(from, to, amount) {
    await this.knex.transaction(async (trx) => {
      await this.accountRepository.debit(trx, from, amount);
      await this.accountRepository.credit(trx, to, amount);
    });
  }
}` },
  // TypeORM dataSource.transaction passing the manager to repositories
  { code: `export class TransferService {
  async transfer(cmd) {
    await this.dataSource.transaction(async (manager) => {
      await this.accounts.withManager(manager).debit(cmd.from, cmd.amount);
    });
  }
}` },
  // NestJS service on an injected TypeORM Repository (the repository layer)
  { code: `@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly usersRepository: Repository<User>) {}
  findAll() {
    return this.usersRepository.find();
  }
  findOne(id: number) {
    return this.usersRepository.findOneBy({ id });
  }
}` },
  // log message with the word select
  { code: `export class CartService {
  checkout(cart) {
    this.logger.debug({ cartId: cart.id }, 'Customer did not select a delivery slot');
  }
}` },
  // validation message with update ... set
  { code: `export class ProfileService {
  check(p) {
    if (!p.password) throw new ValidationError('Please update your profile and set a password.');
  }
}` },
  // DB access in a repository class
  { code: `export class UserRepository {
  findAll() {
    return this.prisma.user.findMany();
  }
}` },
  // DB access in a controller (another rule)
  { code: `export class UsersController {
  list() {
    return this.prisma.user.findMany();
  }
}` },
  // a repository class inside a service file: innermost wins
  { code: `class LegacyUserDao {
  find(id) {
    return pool.query('SELECT * FROM users WHERE id = $1', [id]);
  }
}
export class UserService {
  get(id) {
    return new LegacyUserDao().find(id);
  }
}`, filename: SERVICE },
  // array methods in a service
  { code: `export class PricingService {
  cheapest(items) {
    return items.filter((i) => i.stock > 0).find((i) => i.price < 10);
  }
}` },
  // cache calls in a service
  { code: `export class ProductService {
  async get(id) {
    const cached = await this.cache.get(id);
    if (cached) return cached;
    await this.cache.delete(id);
  }
}` },
  // HTTP client calls in a service
  { code: `export class PaymentService {
  charge(amount) {
    return this.http.post('/charges', { amount });
  }
}` },
  // calls to another service
  { code: `export class OrderService {
  async place(userId) {
    const user = await this.userService.getUser(userId);
    return this.paymentService.charge(user.id, 100);
  }
}` },
  // Map.get / Set.has in a service
  { code: `export class RoleService {
  private readonly roles = new Map();
  has(role) {
    return this.roles.get(role) !== undefined;
  }
}` },
  // checkSql off: SQL text constant passed to a repository
  { code: `const REPORT = 'SELECT day, total FROM daily_sales';
export class ReportService {
  run() {
    return this.reportRepository.runNamed(REPORT);
  }
}`, options: [{"checkSql":false}] },
  // plain module without a layer
  { code: `export async function seed() {
  await prisma.user.create({ data: { email: 'a@example.com' } });
}` },
  // service-named class without DB access, using dates and maths
  { code: `export class InvoiceService {
  total(lines) {
    return lines.reduce((sum, l) => sum + l.qty * l.price, 0);
  }
}` },
  // JwtStrategy (Injectable, not *Service) is not a service
  { code: `@Injectable()
export class JwtStrategy {
  validate(payload) {
    return this.prisma.user.findUnique({ where: { id: payload.sub } });
  }
}` },
  // repository method that takes a transaction handle
  { code: `export class UserService {
  async rename(tx, id, name) {
    await this.userRepo.rename(tx, id, name);
  }
}` },
  // DAO call in a service
  { code: `export class AccountService {
  balance(id) {
    return this.accountDao.getBalance(id);
  }
}` },
  // string mentioning delete from
  { code: `export class NotificationService {
  text() {
    return 'Delete from your list? You can undo this.';
  }
}` },
  // service file with a helper that calls a repository
  { code: `export async function loadUser(id) {
  return userRepository.findById(id);
}`, filename: SERVICE },
  // event emitter in a service
  { code: `export class OrderService {
  ship(order) {
    this.events.emit('order.shipped', { id: order.id });
  }
}` },
  // A function of the data module that hands out the ORM's repository of an entity is no repository layer:
  // services reaching the ORM through it are this project's data layer by design.
  {
    code: `import { authTrx, getRepository } from '../repository';
import { Post } from '../entity/post';
export const findPublicPost = async (id: string) => getRepository(Post).findOneBy({ id });
export const deletePosts = async (userId: string, ids: string[]) => authTrx((trx) => trx.getRepository(Post).delete(ids), { uid: userId });`,
    filename: SERVICE,
  },
  // TypeORM's withRepository hands back the project's repository bound to the transaction: the call goes through it.
  {
    code: `import { authTrx } from '../repository';
import { labelRepository } from '../repository/label';
export const deleteLabel = async (id: string, userId: string) =>
  authTrx(async (tx) => {
    const deleted = await tx.withRepository(labelRepository).delete(id);
    return tx.withRepository(labelRepository).findOneBy({ id: deleted.raw[0]?.id });
  }, { uid: userId });`,
    filename: SERVICE,
  },
  // The "repository" the class injects is read as the Prisma client itself (a class extending PrismaClient): no repository layer.
  {
    code: `import { PrismaRepository } from '../repository/repository.service';
export class OpenaiService {
  constructor(private readonly prismaRepository: PrismaRepository) {}
  async findBot(id: string) {
    return this.prismaRepository.openaiBot.findFirst({ where: { id } });
  }
  async purge(id: string) {
    await this.prismaRepository.$executeRaw\`DELETE FROM "Message" WHERE "botId" = \${id}\`;
  }
}`,
    filename: SERVICE,
  },
];

const invalid: Invalid<MessageId, Options>[] = [
  // A model the file builds (mongoose.model, a class extending Sequelize's Model), or a file importing the ORM whose
  // create inserts: the kept promise is the insert's.
  {
    code: `import mongoose from 'mongoose';
const User = mongoose.model('User', userSchema);
export class UserService {
  register(body: NewUser) {
    const pending = User.create(body);
    return pending;
  }
}`,
    errors: [{ messageId: 'queryInService', line: 5, column: 21 }],
  },
  {
    code: `import { Model } from 'sequelize';
class Tag extends Model {}
export class TagService {
  async add(names: string[]) {
    let last;
    for (const name of names) last = Tag.create({ name });
    return last;
  }
}`,
    errors: [{ messageId: 'queryInService', line: 6, column: 38 }],
  },
  {
    code: `import type { Transaction } from 'sequelize';
import { Tag } from '../models/tag';
export class TagService {
  add(name: string, transaction: Transaction) {
    const pending = Tag.create({ name }, { transaction });
    return pending;
  }
}`,
    errors: [{ messageId: 'queryInService', line: 5, column: 21 }],
  },
  // The same model's create awaited, or left to run, is the insert.
  {
    code: `import { Org } from '../models/Org';
export class OrgService {
  async createOrg(name: string) {
    const org = await Org.create({ name });
    Org.create({ name: 'audit' });
    return org;
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 4, column: 23 },
      { messageId: 'queryInService', line: 5, column: 5 },
    ],
  },
  // Evidence before names: a Knex client injected under a neutral name is raw DB access.
  {
    code: `import type { Knex } from 'knex';
export class OrderService {
  constructor(private readonly conn: Knex) {}
  async open() {
    return this.conn('orders').where({ status: 'open' });
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 5, column: 12, data: {"query":"'this.conn('orders').where'"}, suggestions: [] },
    ],
  },
  // Prisma model call in a service class
  {
    code: `export class OrderService {
  async revenue() {
    return this.prisma.order.aggregate({ _sum: { totalCents: true } });
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'this.prisma.order.aggregate'"}, suggestions: [] },
    ],
  },
  // Prisma raw query in a service
  {
    code: `export class ReportService {
  daily() {
    return this.prisma.$queryRaw\`SELECT day, total FROM daily_sales\`;
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'this.prisma.$queryRaw'"}, suggestions: [] },
    ],
  },
  // pg pool query in a service file
  {
    code: `export async function activeUsers() {
  const { rows } = await pool.query('SELECT id FROM users WHERE active');
  return rows;
}`,
    filename: SERVICE,
    errors: [
      { messageId: 'queryInService', line: 2, column: 26, data: {"query":"'pool.query'"}, suggestions: [] },
    ],
  },
  // knex builder in a service
  {
    code: `export class UserService {
  byEmail(email) {
    return this.knex('users').where({ email }).first();
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'this.knex('users').where(…).first'"}, suggestions: [] },
    ],
  },
  // knex raw in a service
  {
    code: `export class StatsService {
  refresh() {
    return knex.raw('REFRESH MATERIALIZED VIEW daily_sales');
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'knex.raw'"}, suggestions: [] },
    ],
  },
  // A raw expression awaited, or run through its own chain, is a query even beside a builder step.
  {
    code: `export class InvoiceService {
  constructor(private readonly invoices: InvoiceRepository) {}
  async overdue(knex, qb) {
    const rows = await knex.raw('SELECT id FROM invoice WHERE due_at < now()');
    qb.select(knex.raw('count(*)').then((result) => result.rows));
    logger.info(knex.raw('SELECT id FROM invoice'));
    return rows;
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 4, column: 24, data: {"query":"'knex.raw'"}, suggestions: [] },
      { messageId: 'queryInService', line: 5, column: 15, data: {"query":"'knex.raw(…).then'"}, suggestions: [] },
      { messageId: 'queryInService', line: 6, column: 17, data: {"query":"'knex.raw'"}, suggestions: [] },
    ],
  },
  // A client whose name ends in a client's word, called with a table: a query.
  {
    code: `export class SettingService {
  constructor(private readonly settings: SettingRepository) {}
  async list() {
    return mainOrm({ table: 'setting' });
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 4, column: 12, data: {"query":"'mainOrm'"}, suggestions: [] },
    ],
  },
  // queries inside a Prisma $transaction callback
  {
    code: `export class OrderService {
  place(draft) {
    return this.prisma.$transaction(async (tx) => {
      const order = await tx.order.create({ data: draft });
      await this.stockRepository.reserve(tx, draft.items);
      return order;
    });
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 4, column: 27, data: {"query":"'tx.order.create'"}, suggestions: [] },
    ],
  },
  // Prisma $transaction with an array of direct queries
  {
    code: `export class AccountService {
  reset(id) {
    return this.prisma.$transaction([
      this.prisma.session.deleteMany({ where: { userId: id } }),
      this.prisma.user.update({ where: { id }, data: { locked: true } }),
    ]);
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 4, column: 7, data: {"query":"'this.prisma.session.deleteMany'"}, suggestions: [] },
      { messageId: 'queryInService', line: 5, column: 7, data: {"query":"'this.prisma.user.update'"}, suggestions: [] },
    ],
  },
  // trx builder inside a knex transaction
  {
    code: `export class TransferService {
  async transfer(from, amount) {
    await this.knex.transaction(async (trx) => {
      await trx('accounts').where({ id: from }).decrement('balance', amount);
    });
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 4, column: 13, data: {"query":"'trx('accounts').where(…).decrement'"}, suggestions: [] },
    ],
  },
  // TypeORM query builder in a service
  {
    code: `@Injectable()
export class UsersService {
  search(term) {
    return this.usersRepository.createQueryBuilder('u').where('u.name ILIKE :t', { t: term }).getMany();
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 4, column: 12, data: {"query":"'this.usersRepository.createQueryBuilder(…).where(…).getMany'"}, suggestions: [] },
    ],
  },
  // Trap: the builder of the injected repository's entity manager reaches any table; SQL text kept in a const that is
  // also run on its own is a query of the service.
  {
    code: `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PushEvent } from './push-event.entity';
@Injectable()
export class PushStatsService {
  constructor(@InjectRepository(PushEvent) private events: Repository<PushEvent>) {}
  async histogram() {
    const queryBuilder = this.events.manager.createQueryBuilder().select('bucket').from('push_events', 'p');
    return queryBuilder.getRawMany();
  }
  async totals() {
    const totals = 'SELECT repo, COUNT(*) FROM push_events GROUP BY repo';
    const rows = await this.events.manager.createQueryBuilder().addCommonTableExpression(totals, 't').from('t', 't').getRawMany();
    return [rows, totals.length];
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 10, column: 12, data: { query: "'queryBuilder.getRawMany'" }, suggestions: [] },
      { messageId: 'sqlInService', line: 13, column: 20, data: { statement: 'SELECT' }, suggestions: [] },
      { messageId: 'queryInService', line: 14, column: 24, data: { query: "'this.events.manager.createQueryBuilder(…).addCommonTableExpression(…).from(…).getRawMany'" }, suggestions: [] },
    ],
  },
  // Traps: SQL text given to a method named like a builder step on a client runs it; a repository's builder that
  // names a table of its own (from, delete().from, update(Other)) is a query the service wrote; a let builder may be
  // given another one later.
  {
    code: `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';
@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private users: Repository<User>, private readonly db: Db) {}
  active() {
    return this.db.select('SELECT * FROM users WHERE active = true');
  }
  inactive() {
    return this.getDb().select('SELECT * FROM users WHERE active = false');
  }
  wipe(id: string) {
    return this.users.createQueryBuilder().delete().from(AuditLog).where('userId = :id', { id }).execute();
  }
  async orders() {
    const qb = this.users.createQueryBuilder('u');
    return qb.select('o.*').from(Order, 'o').getRawMany();
  }
  async search(flag: boolean) {
    let qb = this.users.createQueryBuilder('u');
    if (flag) qb = this.dataSource.createQueryBuilder().from(Order, 'o');
    return qb.getMany();
  }
  async orderRows(flag: boolean) {
    let qb = this.users.createQueryBuilder('u');
    if (flag) qb = qb.select('o.*').from(Order, 'o');
    return qb.getRawMany();
  }
}`,
    errors: [
      { messageId: 'sqlInService', line: 9, column: 27, data: { statement: 'SELECT' }, suggestions: [] },
      { messageId: 'sqlInService', line: 12, column: 32, data: { statement: 'SELECT' }, suggestions: [] },
      { messageId: 'queryInService', line: 15, column: 12, data: { query: "'this.users.createQueryBuilder(…).delete(…).from(…).where(…).execute'" }, suggestions: [] },
      { messageId: 'queryInService', line: 19, column: 12, data: { query: "'qb.select(…).from(…).getRawMany'" }, suggestions: [] },
      { messageId: 'queryInService', line: 24, column: 12, data: { query: "'qb.getMany'" }, suggestions: [] },
      { messageId: 'queryInService', line: 29, column: 12, data: { query: "'qb.getRawMany'" }, suggestions: [] },
    ],
  },
  // A repository's builder that inserts given rows with a table of its own (into) or a condition is a statement the service wrote.
  {
    code: `@Injectable()
export class ChangesetService {
  constructor(private readonly changesetRepository: ChangesetRepository) {}
  async record(rows: Changeset[]) {
    await this.changesetRepository.createQueryBuilder().insert().into(ChangesetEntity).values(rows).execute();
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 5, column: 11, data: { query: "'this.changesetRepository.createQueryBuilder(…).insert(…).into(…).values(…).execute'" }, suggestions: [] },
    ],
  },
  // TypeORM repository factory in a service
  {
    code: `export class UsersService {
  list() {
    return this.dataSource.getRepository(User).find();
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'this.dataSource.getRepository(…).find'"}, suggestions: [] },
    ],
  },
  // Trap: another class of the file has the repository; this one has none, and its transactions are its own queries.
  {
    code: `import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
}
export class PurgeService {
  constructor(private readonly dataSource: DataSource, private readonly usersRepository: UsersRepository) {}
  async purge(ids: string[]) {
    await this.dataSource.transaction(async (manager) => { await manager.getRepository(User).delete(ids); });
  }
}`,
    errors: [{ messageId: 'queryInService', line: 9, column: 66, data: { query: "'manager.getRepository(…).delete'" }, suggestions: [] }],
  },
  // Traps: an entity manager the class holds (not a transaction's), raw SQL and a builder on a transaction's manager.
  {
    code: `import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
export class ChannelService {
  constructor(@InjectRepository(Channel) private readonly channels: Repository<Channel>, private readonly manager: EntityManager) {}
  async archive(id: string) {
    await this.manager.update(Channel, { id }, { archived: true });
  }
  async stats(manager: EntityManager) {
    await manager.query('SELECT count(*) FROM channels');
    return manager.createQueryBuilder(Channel, 'c').where('c.archived = false').getCount();
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 6, column: 11, data: { query: "'this.manager.update'" }, suggestions: [] },
      { messageId: 'queryInService', line: 9, column: 11, data: { query: "'manager.query'" }, suggestions: [] },
      { messageId: 'queryInService', line: 10, column: 12, data: { query: "'manager.createQueryBuilder(…).where(…).getCount'" }, suggestions: [] },
    ],
  },
  // The data source's repository of an entity the class has no repository of (outside a transaction), and the
  // manager's repository of an injected entity whose builder reads another table.
  {
    code: `import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
export class BillingService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
  async charge(manager: EntityManager, userId: string) {
    await this.dataSource.getRepository(Invoice).delete({ userId });
    return manager.getRepository(User).createQueryBuilder('u').select('o.*').from(Order, 'o').getRawMany();
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 6, column: 11, data: { query: "'this.dataSource.getRepository(…).delete'" }, suggestions: [] },
      { messageId: 'queryInService', line: 7, column: 12, data: { query: "'manager.getRepository(…).createQueryBuilder(…).select(…).from(…).getRawMany'" }, suggestions: [] },
    ],
  },
  // TypeORM entity manager in a service
  {
    code: `export class UsersService {
  async create(u) {
    return this.manager.save(User, u);
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'this.manager.save'"}, suggestions: [] },
    ],
  },
  // raw SQL on a TypeORM repository
  {
    code: `export class UsersService {
  count() {
    return this.usersRepository.query('SELECT count(*) FROM users');
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'this.usersRepository.query'"}, suggestions: [] },
    ],
  },
  // Sequelize model in a service
  {
    code: `export class UserService {
  list() {
    return User.findAll({ where: { active: true } });
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'User.findAll'"}, suggestions: [] },
    ],
  },
  // sequelize.query in a service
  {
    code: `export class UserService {
  list() {
    return sequelize.query('SELECT * FROM users');
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'sequelize.query'"}, suggestions: [] },
    ],
  },
  // Mongoose model in a NestJS service
  {
    code: `@Injectable()
export class CatsService {
  findAll() {
    return this.catModel.find().exec();
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 4, column: 12, data: {"query":"'this.catModel.find'"}, suggestions: [] },
    ],
  },
  // MongoDB collection in a service
  {
    code: `export class EventService {
  record(e) {
    return this.db.collection('events').insertOne(e);
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'this.db.collection(…).insertOne'"}, suggestions: [] },
    ],
  },
  // MikroORM em in a service
  {
    code: `export class BookService {
  async add(book) {
    await this.em.persistAndFlush(book);
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 11, data: {"query":"'this.em.persistAndFlush'"}, suggestions: [] },
    ],
  },
  // Drizzle in a service
  {
    code: `export class BookService {
  list() {
    return db.select().from(books);
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'db.select(…).from'"}, suggestions: [] },
    ],
  },
  // Kysely in a service
  {
    code: `export class PersonService {
  list() {
    return this.db.selectFrom('person').selectAll().execute();
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'this.db.selectFrom(…).selectAll(…).execute'"}, suggestions: [] },
    ],
  },
  // mysql2 execute in a service
  {
    code: `export class ProductService {
  byId(id) {
    return this.connection.execute('SELECT * FROM products WHERE id = ?', [id]);
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'this.connection.execute'"}, suggestions: [] },
    ],
  },
  // better-sqlite3 in a service
  {
    code: `export class NoteService {
  all() {
    return db.prepare('SELECT * FROM notes').all();
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 3, column: 12, data: {"query":"'db.prepare(…).all'"}, suggestions: [] },
    ],
  },
  // SQL text constant in a service file
  {
    code: `const REPORT = 'SELECT day, total FROM daily_sales';
export function reportSql() {
  return REPORT;
}`,
    filename: SERVICE,
    errors: [
      { messageId: 'sqlInService', line: 1, column: 16, data: {"statement":"SELECT"}, suggestions: [] },
    ],
  },
  // The SQL text a const holds and the raw call that runs it in the same method are one finding
  {
    code: `import { Injectable } from '@nestjs/common';
import { OrdersRepository } from './orders.repository';
import { pool } from '../db/pool';
@Injectable()
export class OrdersService {
  constructor(private readonly orders: OrdersRepository) {}
  async purge() {
    const sql = 'DELETE FROM carts WHERE updated_at < now() - interval \\'30 days\\'';
    await pool.query(sql);
    await pool.query(sql);
    return this.orders.countOpen();
  }
}`,
    filename: SERVICE,
    errors: [
      { messageId: 'sqlInService', line: 8, column: 17, data: {"statement":"DELETE"}, suggestions: [] },
    ],
  },
  // SQL text passed to a repository helper
  {
    code: `export class ReportService {
  run() {
    return this.reportRepository.runNamed('DELETE FROM sessions WHERE expires_at < now()');
  }
}`,
    errors: [
      { messageId: 'sqlInService', line: 3, column: 43, data: {"statement":"DELETE"}, suggestions: [] },
    ],
  },
  // Injectable class named *Service
  {
    code: `@Injectable()
export class AuditService {
  log(e) {
    return this.prismaService.auditLog.create({ data: e });
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 4, column: 12, data: {"query":"'this.prismaService.auditLog.create'"}, suggestions: [] },
    ],
  },
  // TypeDI @Service class
  {
    code: `@Service()
export class MailService {
  async queued() {
    return this.pool.query('SELECT id FROM mails WHERE sent = false');
  }
}`,
    errors: [
      { messageId: 'queryInService', line: 4, column: 12, data: {"query":"'this.pool.query'"}, suggestions: [] },
    ],
  },
  // service file helper using Prisma
  {
    code: `export async function countUsers() {
  return prisma.user.count();
}`,
    filename: SERVICE,
    errors: [
      { messageId: 'queryInService', line: 2, column: 10, data: {"query":"'prisma.user.count'"}, suggestions: [] },
    ],
  },
  // active record save in a service
  {
    code: `export class UserService {
  async rename(user: User, name) {
    user.name = name;
    await user.save();
  }
}
import type { User } from '../models/user';`,
    errors: [
      { messageId: 'queryInService', line: 4, column: 11, data: {"query":"'user.save' ('user': parameter typed User)"}, suggestions: [] },
    ],
  },
];

// The cases above test detection: the premise (a repository layer the file shows) is switched off for them.
const detection = invalid.map((testCase) => ({ ...testCase, options: [{ checkWithoutRepositories: true, ...testCase.options?.[0] }] as Options }));

// The premise: raw DB access is reported where the file shows the project has repositories.
const premiseValid: Valid<Options>[] = [
  `export class TeamService {
  constructor(private readonly prisma: PrismaService) {}
  async members(teamId: string) {
    return this.prisma.teamMember.findMany({ where: { teamId } });
  }
}`,
  // A model class that names a source-code repository, imported from the models module and used only as a
  // type: the file shows no repository layer, whatever the class is called.
  `import { Injectable } from '@nestjs/common';
import { CodeRepository, Workspace } from '../../models';
@Injectable()
export class SourceControlService {
  constructor(private readonly prisma: PrismaService) {}
  async linkedRepository(workspaceId: string): Promise<CodeRepository | null> {
    return this.prisma.codeRepository.findFirst({ where: { workspaceId } });
  }
  async workspace(id: string): Promise<Workspace> {
    return this.prisma.workspace.findUniqueOrThrow({ where: { id } });
  }
}`,
];
const premiseInvalid: Invalid<MessageId, Options>[] = [
  {
    code: `export class TeamService {
  constructor(private readonly prisma: PrismaService, private readonly teams: TeamRepository) {}
  async members(teamId: string) {
    return this.prisma.teamMember.findMany({ where: { teamId } });
  }
}`,
    errors: [{ messageId: 'queryInService', line: 4, column: 12, data: { query: "'this.prisma.teamMember.findMany'" }, suggestions: [] }],
  },
  {
    code: `import { getRepository } from 'typeorm';
export class ArticleService {
  constructor(@InjectRepository(Article) private readonly articles: Repository<Article>) {}
  async feed(ids: string[]) {
    return getRepository(Tag).createQueryBuilder('t').where('t.articleId IN (:...ids)', { ids }).getMany();
  }
}`,
    errors: [{ messageId: 'queryInService', line: 5, column: 12, data: { query: "'getRepository(…).createQueryBuilder(…).where(…).getMany'" }, suggestions: [] }],
  },
  // The same factory beside a repository object the file imports: the project has the layer, and the query skips it.
  {
    code: `import { getRepository } from '../repository';
import { labelRepository } from '../repository/label';
export const findPost = async (id: string) => getRepository(Post).findOneBy({ id });
export const findLabel = async (id: string) => labelRepository.findById(id);`,
    filename: SERVICE,
    errors: [{ messageId: 'queryInService', line: 3, column: 47, data: { query: "'getRepository(…).findOneBy'" }, suggestions: [] }],
  },
  // A repository the class calls as one, beside a member used as the client: the layer exists and the query skips it.
  {
    code: `import { PrismaRepository } from '../repository/repository.service';
import { BotRepository } from '../repository/bot.repository';
export class OpenaiService {
  constructor(private readonly prismaRepository: PrismaRepository, private readonly bots: BotRepository) {}
  async findBot(id: string) {
    await this.bots.touch(id);
    return this.prismaRepository.$queryRaw\`SELECT * FROM "OpenaiBot" WHERE id = \${id}\`;
  }
}`,
    filename: SERVICE,
    errors: [{ messageId: 'queryInService', line: 7, column: 12, data: { query: "'this.prismaRepository.$queryRaw'" }, suggestions: [] }],
  },
  // A factory of the project's own repositories (functional code) is its repository layer: the direct query skips it.
  {
    code: `import { createUserRepository } from '../repositories/user.repository';
export class OrderService {
  private readonly users = createUserRepository(db);
  constructor(private readonly prisma: PrismaService) {}
  async list(userId: string) {
    await this.users.touch(userId);
    return this.prisma.order.findMany({ where: { userId } });
  }
}`,
    filename: SERVICE,
    errors: [{ messageId: 'queryInService', line: 7, column: 12, data: { query: "'this.prisma.order.findMany'" }, suggestions: [] }],
  },
  // withRepository given something no evidence calls a repository, in a file that does not use TypeORM: the ORM's call.
  {
    code: `import { authTrx } from '../repository';
import { labelRepository } from '../repository/label';
export const purge = async (id: string) => authTrx(async (tx) => tx.withRepository(tx.connection).delete(id));
export const find = async (id: string) => labelRepository.findById(id);`,
    filename: SERVICE,
    errors: [{ messageId: 'queryInService', line: 3, column: 66, data: { query: "'tx.withRepository(…).delete'" }, suggestions: [] }],
  },
  // Inside the same transaction, the ORM's repository of an entity is no call through the project's repository.
  {
    code: `import { authTrx } from '../repository';
import { labelRepository } from '../repository/label';
export const relabel = async (id: string, userId: string) =>
  authTrx(async (tx) => {
    await tx.withRepository(labelRepository).delete(id);
    return tx.getRepository(EntityLabel).delete({ labelId: id });
  }, { uid: userId });`,
    filename: SERVICE,
    errors: [{ messageId: 'queryInService', line: 6, column: 12, data: { query: "'tx.getRepository(…).delete'" }, suggestions: [] }],
  },
  // The same import used as a value (a repository class the service looks up by token): the layer exists.
  {
    code: `import { Injectable } from '@nestjs/common';
import { InvoiceRepository } from '../../models';
@Injectable()
export class BillingService {
  constructor(private readonly prisma: PrismaService, private readonly moduleRef: ModuleRef) {}
  async open(accountId: string) {
    const invoices = this.moduleRef.get(InvoiceRepository);
    await invoices.touch(accountId);
    return this.prisma.invoice.findMany({ where: { accountId, paidAt: null } });
  }
}`,
    errors: [{ messageId: 'queryInService', line: 9, column: 12, data: { query: "'this.prisma.invoice.findMany'" }, suggestions: [] }],
  },
  // Or as the type of a constructor parameter, which a DI container injects by (passed on to a base class).
  {
    code: `import { Injectable } from '@nestjs/common';
import { LabelRepository } from './repository/label.repository';
@Injectable()
export class LabelService extends CrudService<Label> {
  constructor(labelRepository: LabelRepository, private readonly prisma: PrismaService) {
    super(labelRepository);
  }
  async unused(workspaceId: string) {
    return this.prisma.label.findMany({ where: { workspaceId, usageCount: 0 } });
  }
}`,
    errors: [{ messageId: 'queryInService', line: 9, column: 12, data: { query: "'this.prisma.label.findMany'" }, suggestions: [] }],
  },
];

runRuleTests('no-db-access-in-service', rule, { valid: [...valid, ...premiseValid], invalid: [...detection, ...premiseInvalid] });
