import path from 'node:path';
import rule, { type MessageId, type Options } from '../../rules/no-business-logic-in-repository.js';
import { TYPED_PROJECT, runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

const REPOSITORY = path.join(TYPED_PROJECT, 'layers', 'users.repository.ts');

const valid: Valid<Options>[] = [
  // A list of notification rows mapped and filtered for a bulk write: the array's own iteration, nothing is sent.
  {
    code: `export const updateMany = async (notifications: Notification[]): Promise<void> => {
  console.info('Update notifications', notifications.map((notification) => notification.id));
  const pending = notifications.filter((notification) => !notification.read);
  if (pending.length > 0) await Notifications().insert(pending.map(formatNotification)).onConflict('id').merge();
};`,
    filename: REPOSITORY,
  },
  // Checks of the shape of the caller's arguments before any query: one of an enum's values, a link to itself, an integer id.
  { filename: REPOSITORY, code: `export class PlaygroundScriptsRepository {
  create(data: { title: string; type: string }) {
    if (data.type !== 'pre-flight' && data.type !== 'pre-operation' && data.type !== 'post-operation') {
      throw new Error('Invalid type');
    }
    return this.db.insert(scripts).values(data).returning();
  }
  async link(data: { checkId: string; linkedCheckId: string }) {
    if (data.checkId === data.linkedCheckId) throw new Error('checkId and linkedCheckId must differ');
    await this.db.insert(links).values(data);
  }
}` },
  { filename: REPOSITORY, code: `const VALID_ROLES = Object.values(Roles.Workspace);
export const upsertWorkspaceRole = ({ db }) => async ({ userId, workspaceId, role }) => {
  if (!VALID_ROLES.includes(role)) throw new WorkspaceInvalidRoleError();
  await db('workspace_acl').insert({ userId, workspaceId, role }).onConflict(['userId', 'workspaceId']).merge();
};
function validateOrganizationId(organizationId: number): void {
  if (!Number.isInteger(organizationId) || organizationId <= 0) throw new ValidationException('Invalid organization identifier');
}` },
  // A repository over object storage fetching one of its stored objects by its signed URL: its own data.
  `import { S3 } from '@aws-sdk/client-s3';
export class S3FileRepository {
  constructor(private readonly s3: S3) {}
  async download(url: string, filepath: string) {
    const res = await fetch(url);
    if (!res.ok) throw new S3FileNotFound();
    await pipeline(res.body, fs.createWriteStream(filepath));
  }
}`,
  // Neither key given: a malformed call of the data function, whichever way the guard is written.
  { filename: REPOSITORY, code: `export const getPendingTokenFactory = (deps: { db: Knex }) => async ({ token, email }: { token?: string; email?: string }) => {
  if (!token && !email) throw new InvalidArgumentError('Token & email is empty');
  return deps.db('email_verifications').where(token ? { id: token } : { email }).first();
};` },
  // The rows a conflict-skipping insert did not write are the ones the unique constraint refused: naming that is no rule of ours.
  `export class BookmarkRepository {
  async post(db: DBConnection, itemId: string, memberId: string) {
    const created = await db.insert(bookmarks).values({ itemId, memberId }).returning().onConflictDoNothing();
    if (created.length === 0) throw new DuplicateBookmarkError({ itemId, memberId });
    return created[0];
  }
  async tag(knex: Knex, name: string) {
    const [row] = await knex('tags').insert({ name }).onConflict('name').ignore().returning('*');
    if (!row) throw new TagAlreadyExistsError(name);
    return row;
  }
}`,
  // query-building conditionals
  { code: `export class OrderRepository {
  list(filter) {
    const qb = this.repo.createQueryBuilder('o');
    if (filter.status) qb.andWhere('o.status = :s', { s: filter.status });
    if (filter.from !== undefined) qb.andWhere('o.createdAt >= :f', { f: filter.from });
    return qb.getMany();
  }
}` },
  // null check returning null
  { code: `export class UserRepository {
  async findById(id) {
    const row = await this.prisma.user.findUnique({ where: { id } });
    if (!row) return null;
    return toUser(row);
  }
}` },
  // not-found error thrown by a repository
  { code: `export class UserRepository {
  async getById(id) {
    const row = await this.prisma.user.findUnique({ where: { id } });
    if (row === null) throw new NotFoundError('user', id);
    return row;
  }
}` },
  // NestJS NotFoundException in a repository
  { code: `@Injectable()
export class PostsRepository {
  async get(id) {
    const post = await this.repo.findOneBy({ id });
    if (!post) throw new NotFoundException();
    return post;
  }
}` },
  // row-to-domain mapping
  { code: `export class ProductRepository {
  async list() {
    const rows = await this.knex('products').select('*');
    return rows.map((r) => ({ id: r.id, priceCents: Number(r.price_cents), archived: r.archived_at !== null }));
  }
}` },
  // pagination arithmetic
  { code: `export class UserRepository {
  page(page, size) {
    return this.prisma.user.findMany({ skip: (page - 1) * size, take: size });
  }
}` },
  // transaction in a repository
  { code: `export class OrderRepository {
  create(draft) {
    return this.prisma.$transaction(async (tx) => {
      const order = await tx.order.create({ data: draft });
      await tx.product.updateMany({ where: { id: { in: draft.ids } }, data: { stock: { decrement: 1 } } });
      return order;
    });
  }
}` },
  // rethrowing the caught error
  { code: `export class UserRepository {
  async create(data) {
    try {
      return await this.prisma.user.create({ data });
    } catch (err) {
      this.logger.error({ err }, 'insert failed');
      throw err;
    }
  }
}` },
  // driver error code check translating to a data error
  { code: `export class UserRepository {
  async insert(u) {
    try {
      await this.pool.query('INSERT INTO users (email) VALUES ($1)', [u.email]);
    } catch (e) {
      if (e.code === '23505') throw new UniqueConstraintViolation('users_email_key');
      throw e;
    }
  }
}` },
  // affected rows check (optimistic lock) throwing a data error
  { code: `export class DocumentRepository {
  async update(doc) {
    const result = await this.repo.update({ id: doc.id, version: doc.version }, doc);
    if (result.affected === 0) throw new StaleEntityError(doc.id);
  }
}` },
  // rows.length sanity check
  { code: `export class AccountRepository {
  async one(id) {
    const { rows } = await this.pool.query('SELECT * FROM accounts WHERE id = $1', [id]);
    if (rows.length > 1) throw new Error('duplicate primary key');
    return rows[0];
  }
}` },
  // repository calling another repository
  { code: `export class OrderRepository {
  async withItems(id) {
    const order = await this.prisma.order.findUnique({ where: { id } });
    const items = await this.orderItemRepository.findByOrder(id);
    return { ...order, items };
  }
}` },
  // config and logger services in a repository
  { code: `export class FileRepository {
  dir() {
    this.logger.debug('resolving dir');
    return this.configService.get('STORAGE_DIR');
  }
}` },
  // prismaService in a repository
  { code: `@Injectable()
export class UsersRepository {
  constructor(private readonly prismaService: PrismaService) {}
  list() {
    return this.prismaService.user.findMany();
  }
}` },
  // string methods on an email field
  { code: `export class UserRepository {
  byEmail(email) {
    return this.prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  }
}` },
  // email property of a row is not a mailer
  { code: `export class UserRepository {
  async emails() {
    const rows = await this.knex('users').select('email');
    return rows.map((row) => row.email.toLowerCase());
  }
}` },
  // business error in a service (not a repository)
  { code: `export class OrderService {
  async cancel(order) {
    if (order.status === 'shipped') throw new ConflictError('already shipped');
    await this.notifications.cancelled(order.id);
  }
}` },
  // password hashing in a service
  { code: `export class AuthService {
  hash(pw) {
    return bcrypt.hash(pw, 12);
  }
}` },
  // status used as a query filter
  { code: `export class OrderRepository {
  pending() {
    return this.prisma.order.findMany({ where: { status: 'pending' } });
  }
}` },
  // local array named queue
  { code: `export class CategoryRepository {
  async tree(rootId) {
    const queue = [rootId];
    const ids = [];
    queue.push(rootId);
    return this.knex('categories').whereIn('id', ids);
  }
}` },
  // checkDomainDecisions off
  { code: `export class AccountRepository {
  async debit(account, amount) {
    if (account.balance < amount) throw new Error('Insufficient funds');
    await this.knex('accounts').where({ id: account.id }).decrement('balance', amount);
  }
}`, options: [{"checkDomainDecisions":false}] },
  // comparing a domain field to null is a null check
  { code: `export class OrderRepository {
  async shippedAt(id) {
    const order = await this.prisma.order.findUnique({ where: { id } });
    if (order.shippedAt === null) return undefined;
    return order.shippedAt;
  }
}` },
  // entity not found error name
  { code: `export class UserRepository {
  async get(id) {
    const u = await this.repo.findOneBy({ id });
    if (!u) throw new EntityNotFoundError(User, id);
    return u;
  }
}` },
  // database error wrapper
  { code: `export class UserRepository {
  async all() {
    try {
      return await this.pool.query('SELECT * FROM users');
    } catch (cause) {
      throw new DatabaseError('users query failed', { cause });
    }
  }
}` },
  // repository file helper without business rules
  { code: `export function toUser(row) {
  return { id: row.id, name: row.name, active: row.status === 'active' };
}`, filename: REPOSITORY },
  // content hash for a cache key is not password hashing
  { code: `export class ReportRepository {
  cacheKey(filter) {
    return crypto.createHash('sha256').update(JSON.stringify(filter)).digest('hex');
  }
}` },
  // crypto.randomUUID for ids
  { code: `export class TokenRepository {
  create(userId) {
    return this.prisma.token.create({ data: { id: crypto.randomUUID(), userId } });
  }
}` },
  // a field typed as the project's Prisma table wrapper is data access, whatever the table is called
  { code: `import { PrismaTableRepository } from '@lending/db/prisma.service';
export class ShelfAlertsRepository {
  constructor(private _notifications: PrismaTableRepository<'notifications'>, private _webhooks: PrismaTableRepository<'webhooks'>) {}
  unread(branchId) {
    return this._notifications.model.notifications.count({ where: { branchId, seenAt: null } });
  }
  disableHook(id) {
    return this._webhooks.model.webhooks.update({ where: { id }, data: { enabled: false } });
  }
}` },
  // an md5 helper that scrambles a closed member's fields is no password hashing
  { code: `import { createHash } from 'crypto';
export class MemberRepository {
  close(id, member) {
    const hash = (value) => createHash('md5').update(value).digest('hex');
    return this.prisma.member.update({ where: { id }, data: { email: hash(member.email), nickname: hash(member.nickname), closedAt: new Date() } });
  }
}` },
  // a static method of a service class whose value becomes a field of the row, unawaited: a computed field
  { code: `import { PriceLabelService } from './price-label.service';
export class ProductRepository {
  async findById(id) {
    const row = await this.prisma.product.findUnique({ where: { id } });
    row.labels = PriceLabelService.labelsFor(row);
    return row;
  }
}` },
  // a static helper of a service that encrypts a stored key: encryption at rest is part of writing the row
  { code: `import { AuthService } from '../auth/auth.service';
export class IntegrationRepository {
  create(orgId, apiKey) {
    return this.prisma.integration.create({ data: { orgId, apiKey: AuthService.fixedEncryption(apiKey) } });
  }
}` },
  // an injected encryption service decrypting a token read from the row
  { code: `export class ChannelRepository {
  async findToken(id) {
    const row = await this.prisma.channel.findUnique({ where: { id } });
    return this.encryptionService.decrypt(row.token);
  }
}` },
  // The driver's unique violation translated to a conflict: the rule is the database's constraint
  { code: `export class UserRepository {
  async create(data) {
    try {
      return await this.prisma.user.create({ data });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('Email is already registered');
      throw err;
    }
  }
}` },
  // The same through a { data, error } result
  { code: `export class TagRepository {
  async create(tag) {
    const { data, error } = await this.supabase.from('tags').insert(tag).select().single();
    if (error?.code === '23505') throw new TagAlreadyExistsError(tag.name);
    if (error) throw error;
    return data;
  }
}` },
  // The same through a result tuple: const [row, error] = await safely(…)
  { code: `export class TagRepository {
  async create(tag) {
    const [result, error] = await safely(this.db.insert(tagsTable).values(tag).returning());
    if (isUniqueConstraintError({ error })) {
      throw createTagAlreadyExistsError();
    }
    if (error) throw error;
    return result;
  }
}` },
  // Assertions on the function's own inputs: a caller's mistake, not a business rule.
  { filename: REPOSITORY, code: `export const getStreamFactory = (deps) => async (params, options) => {
  const { streamId, userId } = params;
  if (!streamId) throw new InvalidArgumentError('Invalid stream ID');
  if (!userId || !streamId) throw new InvalidArgumentError('Invalid stream or user ID');
  return deps.db('streams').where({ id: streamId }).first();
};` },
  { code: `export class StreamRepository {
  async getStreams(streamIds: string[], update: Partial<StreamRecord>) {
    if (!streamIds?.length) throw new InvalidArgumentError('Empty stream IDs');
    if (!Object.values(update).length) throw new ValidationError('Stream update payload empty');
    return this.knex('streams').whereIn('id', streamIds).update(update);
  }
}` },
];

const invalid: Invalid<MessageId, Options>[] = [
  // Presence of a value the function loaded (not one of its inputs), and a member of an input, are still decisions.
  {
    code: `export class QuotaRepository {
  async consume(accountId, plan) {
    const quota = await this.prisma.quota.findFirst({ where: { accountId } });
    if (!quota) throw new PaymentRequiredError('no quota left');
    if (!plan.active) throw new ForbiddenError('plan inactive');
    return this.prisma.quota.update({ where: { id: quota.id }, data: { used: { increment: 1 } } });
  }
}`,
    errors: [
      { messageId: 'businessError', line: 4, column: 17, data: {"error":"PaymentRequiredError"}, suggestions: [] },
      { messageId: 'businessError', line: 5, column: 23, data: {"error":"ForbiddenError"}, suggestions: [] },
    ],
  },
  // An insert that does not skip conflicts, or a guard on a read's result, is no skipped insert: the repository decided.
  {
    code: `export class BookmarkRepository {
  async post(db, itemId, memberId) {
    const created = await db.insert(bookmarks).values({ itemId, memberId }).returning();
    if (created.length === 0) throw new DuplicateBookmarkError({ itemId, memberId });
    const existing = await db.select().from(bookmarks).where(eq(bookmarks.itemId, itemId));
    if (existing.length === 0) throw new DuplicateBookmarkError({ itemId, memberId });
    return created[0];
  }
}`,
    errors: [
      { messageId: 'businessError', line: 4, column: 31, data: { error: 'DuplicateBookmarkError' }, suggestions: [] },
      { messageId: 'businessError', line: 6, column: 32, data: { error: 'DuplicateBookmarkError' }, suggestions: [] },
    ],
  },
  // A conflict-skipping insert gated by a quota decides on the quota; a let may hold another read by the time it is tested.
  {
    code: `export class SeatRepository {
  async claim(db, orgId, userId) {
    const seat = await db.insert(seats).select(db.select({ orgId: sql\`\${orgId}\`, userId: sql\`\${userId}\` }).where(lt(usedSeats(orgId), 100))).onConflictDoNothing().returning();
    if (seat.length === 0) throw new QuotaExceededError(orgId);
    let rows = await db.insert(bookmarks).values({ orgId, userId }).returning().onConflictDoNothing();
    if (!rows.length) rows = await db.select().from(bookmarks).where(eq(bookmarks.userId, userId));
    if (!rows.length) throw new DuplicateBookmarkError(userId);
    return seat[0];
  }
}`,
    errors: [
      { messageId: 'businessError', line: 4, column: 28, data: { error: 'QuotaExceededError' }, suggestions: [] },
      { messageId: 'businessError', line: 7, column: 23, data: { error: 'DuplicateBookmarkError' }, suggestions: [] },
    ],
  },
  // A key's absence beside domain state in the same guard is a decision on that state.
  {
    code: `export class QuotaRepository {
  async consume(accountId, isActive) {
    if (!accountId && !isActive) throw new PaymentRequiredError('inactive');
    return this.prisma.quota.update({ where: { accountId }, data: { used: { increment: 1 } } });
  }
}`,
    errors: [
      { messageId: 'businessError', line: 3, column: 34, data: { error: 'PaymentRequiredError' }, suggestions: [] },
    ],
  },
  // A throw in the else of a keys' absence runs when a key is given; a conflict error after a gated insert-select or a bare ignore() decides.
  {
    code: `export class CheckoutRepository {
  async redeem(couponCode, giftCardCode) {
    if (!couponCode && !giftCardCode) {
      return null;
    } else {
      throw new PaymentRequiredError('codes are not accepted');
    }
  }
  async claim(db, orgId, userId) {
    const [seat] = await db.insert(seats).select(db.select().from(pending).where(lt(usedSeats(orgId), 100))).onConflictDoNothing().returning();
    if (!seat) throw new ConflictException('No seats left');
    const [tag] = await knex('tags').insert({ name: userId }).ignore().returning('*');
    if (!tag) throw new ConflictException('exists');
    return seat;
  }
}`,
    errors: [
      { messageId: 'businessError', line: 6, column: 7, data: { error: 'PaymentRequiredError' }, suggestions: [] },
      { messageId: 'businessError', line: 11, column: 16, data: { error: 'ConflictException' }, suggestions: [] },
      { messageId: 'businessError', line: 13, column: 15, data: { error: 'ConflictException' }, suggestions: [] },
    ],
  },
  // Inputs that are domain state, not keys or lists: a flag, a balance compared with zero.
  {
    code: `export class WalletRepository {
  async debit(account, amount, remainingCredits) {
    const { isActive, balance } = account;
    if (!isActive) throw new AccountSuspendedError('suspended');
    if (balance === 0) throw new InsufficientFundsError('empty');
    if (!remainingCredits) throw new PaymentRequiredError('no credits');
    return this.prisma.wallet.update({ where: { id: account.id }, data: { balance: { decrement: amount } } });
  }
}`,
    errors: [
      { messageId: 'businessError', line: 4, column: 20, data: {"error":"AccountSuspendedError"}, suggestions: [] },
      { messageId: 'businessError', line: 5, column: 24, data: {"error":"InsufficientFundsError"}, suggestions: [] },
      { messageId: 'businessError', line: 6, column: 28, data: {"error":"PaymentRequiredError"}, suggestions: [] },
    ],
  },
  // A conflict decided by the repository's own read, not by the driver: a business rule
  {
    code: `export class UserRepository {
  async create(data) {
    const existing = await this.prisma.user.findUnique({ where: { email: data.email } });
    if (existing) throw new ConflictError('Email is already registered');
    return this.prisma.user.create({ data });
  }
}`,
    errors: [
      { messageId: 'businessError', line: 4, column: 19, data: {"error":"ConflictError"}, suggestions: [] },
    ],
  },
  // A caught error in scope does not make every throw a translation: this one tests the row
  {
    code: `export class OrderRepository {
  async cancel(id) {
    try {
      const order = await this.prisma.order.findUniqueOrThrow({ where: { id } });
      if (order.status === 'shipped') throw new ConflictError('Order already shipped');
      return await this.prisma.order.update({ where: { id }, data: { status: 'cancelled' } });
    } catch (err) {
      throw err;
    }
  }
}`,
    errors: [
      { messageId: 'businessError', line: 5, column: 39, data: {"error":"ConflictError"}, suggestions: [] },
    ],
  },
  // ValidationError in a repository
  {
    code: `export class OrderRepository {
  async create(draft) {
    if (draft.items.length === 0) throw new ValidationError('empty order');
    return this.prisma.order.create({ data: draft });
  }
}`,
    errors: [
      { messageId: 'businessError', line: 3, column: 35, data: {"error":"ValidationError"}, suggestions: [] },
    ],
  },
  // ForbiddenError on ownership
  {
    code: `export class DocumentRepository {
  async get(id, userId) {
    const doc = await this.repo.findOneBy({ id });
    if (doc.ownerId !== userId) throw new ForbiddenError('not yours');
    return doc;
  }
}`,
    errors: [
      { messageId: 'businessError', line: 4, column: 33, data: {"error":"ForbiddenError"}, suggestions: [] },
    ],
  },
  // http-errors PaymentRequired
  {
    code: `export class SubscriptionRepository {
  async activate(id) {
    const sub = await this.knex('subs').where({ id }).first();
    if (!sub.paid) throw new createError.PaymentRequired();
    return sub;
  }
}`,
    errors: [
      { messageId: 'businessError', line: 4, column: 20, data: {"error":"createError.PaymentRequired"}, suggestions: [] },
    ],
  },
  // NestJS BadRequestException in a repository
  {
    code: `@Injectable()
export class UsersRepository {
  async save(user) {
    if (!user.email) throw new BadRequestException('email required');
    return this.repo.save(user);
  }
}`,
    errors: [
      { messageId: 'businessError', line: 4, column: 22, data: {"error":"BadRequestException"}, suggestions: [] },
    ],
  },
  // domain-named error
  {
    code: `export class InventoryRepository {
  async reserve(productId, qty) {
    const p = await this.prisma.product.findUnique({ where: { id: productId } });
    if (p.stock < qty) throw new InsufficientStockError(productId);
  }
}`,
    errors: [
      { messageId: 'businessError', line: 4, column: 24, data: {"error":"InsufficientStockError"}, suggestions: [] },
    ],
  },
  // domain decision with a bare Error
  {
    code: `export class AccountRepository {
  async debit(account, amount) {
    if (account.balance < amount) throw new Error('Insufficient funds');
    await this.knex('accounts').where({ id: account.id }).decrement('balance', amount);
  }
}`,
    errors: [
      { messageId: 'domainDecision', line: 3, column: 35, data: {"condition":"account.balance < amount"}, suggestions: [] },
    ],
  },
  // A value compared with one literal, two inputs that must match, or a shape check after a query: rules of the business.
  {
    code: `export class UserRepository {
  async updateUser(userId, update, actorId) {
    if (update.ownerId !== actorId) throw new Error('Only the owner may change it');
    if (update.plan === 'enterprise') throw new Error('Contact sales');
    const user = await this.knex('users').where({ id: userId }).first();
    if (user.kind !== 'person' && user.kind !== 'bot') throw new Error('Unknown account kind');
    return this.knex('users').where({ id: userId }).update(update);
  }
}`,
    filename: REPOSITORY,
    errors: [
      { messageId: 'domainDecision', line: 3, column: 37, data: {"condition":"update.ownerId !== actorId"}, suggestions: [] },
      { messageId: 'domainDecision', line: 4, column: 39, data: {"condition":"update.plan === 'enterprise'"}, suggestions: [] },
      { messageId: 'domainDecision', line: 6, column: 56, data: {"condition":"user.kind !== 'person' && user.kind !== 'bot'"}, suggestions: [] },
    ],
  },
  // A state field of an input, a prohibition written positively, an input checked after an await or in a callback, a list picked at run time: rules.
  {
    code: `export class OrderRepository {
  cancel(order: Order) {
    if (order.status !== 'pending' && order.status !== 'confirmed') throw new Error('Order cannot be cancelled');
    return this.prisma.order.update({ where: { id: order.id }, data: { status: 'cancelled' } });
  }
  remove(user: User) {
    if (user.kind === 'owner' || user.kind === 'admin') throw new Error('Owners cannot be removed');
    return this.prisma.user.delete({ where: { id: user.id } });
  }
  async retype(id: string, update: { kind: string }) {
    await this.prisma.audit.create({ data: { id } });
    if (update.kind !== 'person' && update.kind !== 'bot') throw new Error('Unknown kind');
    return this.prisma.user.update({ where: { id }, data: update });
  }
  async importAll(rows: Row[]) {
    rows.forEach((row) => { if (row.kind !== 'person' && row.kind !== 'bot') throw new Error('Unknown kind'); });
    return this.prisma.user.createMany({ data: rows });
  }
  transition(order: Order, next: string) {
    if (!Object.keys(TRANSITIONS[order.kind]).includes(next)) throw new Error('Invalid transition');
    return this.prisma.order.update({ where: { id: order.id }, data: { kind: next } });
  }
}`,
    filename: REPOSITORY,
    errors: [
      { messageId: 'domainDecision', line: 3, column: 69, data: {"condition":"order.status !== 'pending' && order.status !== 'confirmed'"}, suggestions: [] },
      { messageId: 'domainDecision', line: 7, column: 57, data: {"condition":"user.kind === 'owner' || user.kind === 'admin'"}, suggestions: [] },
      { messageId: 'domainDecision', line: 12, column: 60, data: {"condition":"update.kind !== 'person' && update.kind !== 'bot'"}, suggestions: [] },
      { messageId: 'domainDecision', line: 16, column: 78, data: {"condition":"row.kind !== 'person' && row.kind !== 'bot'"}, suggestions: [] },
    ],
  },
  // status transition decided in a repository
  {
    code: `export class OrderRepository {
  async ship(id) {
    const order = await this.prisma.order.findUnique({ where: { id } });
    if (order.status !== 'paid') throw new Error('Only paid orders can ship');
    return this.prisma.order.update({ where: { id }, data: { status: 'shipped' } });
  }
}`,
    errors: [
      { messageId: 'domainDecision', line: 4, column: 34, data: {"condition":"order.status !== 'paid'"}, suggestions: [] },
    ],
  },
  // notification service called from a repository
  {
    code: `export class OrderRepository {
  async create(draft) {
    const order = await this.prisma.order.create({ data: draft });
    await this.notifications.orderConfirmed(order.id, order.userId);
    return order;
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 4, column: 11, data: {"kind":"a notification sender","call":"this.notifications.orderConfirmed"}, suggestions: [] },
    ],
  },
  // A collaborator's own method named like an array's, a list its call returns, and a field of the class stay its calls.
  {
    code: `export class OrderRepository {
  async create(draft, userId) {
    const order = await this.prisma.order.create({ data: draft });
    await notificationService.find(userId);
    this.mailer.sendBulk([order.userId]).forEach((receipt) => receipt.ack());
    await this.notifications.map((n) => n.id);
    return order;
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 4, column: 11, data: {"kind":"a notification sender","call":"notificationService.find"}, suggestions: [] },
      { messageId: 'collaboratorCall', line: 5, column: 5, data: {"kind":"an e-mail sender","call":"this.mailer.sendBulk.forEach"}, suggestions: [] },
      { messageId: 'collaboratorCall', line: 6, column: 11, data: {"kind":"a notification sender","call":"this.notifications.map"}, suggestions: [] },
    ],
  },
  // A sender's method given a callback is still the sender's (only an array's iteration methods are the list's).
  {
    code: `export class OrderRepository {
  async create(draft) {
    const order = await this.prisma.order.create({ data: draft });
    await this.notifications.sendEach([order.userId], (userId) => ({ userId, kind: 'order' }));
    return order;
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 4, column: 11, data: {"kind":"a notification sender","call":"this.notifications.sendEach"}, suggestions: [] },
    ],
  },
  // mailer called from a repository
  {
    code: `export class UserRepository {
  async create(data) {
    const user = await this.repo.save(data);
    await this.mailer.sendMail({ to: user.email, subject: 'Welcome' });
    return user;
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 4, column: 11, data: {"kind":"an e-mail sender","call":"this.mailer.sendMail"}, suggestions: [] },
    ],
  },
  // email service
  {
    code: `export class UserRepository {
  async invite(email) {
    await this.emailService.sendInvite(email);
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 3, column: 11, data: {"kind":"an e-mail sender","call":"this.emailService.sendInvite"}, suggestions: [] },
    ],
  },
  // Stripe client
  {
    code: `export class PaymentRepository {
  async record(charge) {
    await stripe.refunds.create({ charge: charge.id });
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 3, column: 11, data: {"kind":"a payment provider","call":"stripe.refunds.create"}, suggestions: [] },
    ],
  },
  // stripe as a field
  {
    code: `export class PaymentRepository {
  async refund(id) {
    return this.stripe.refunds(id);
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 3, column: 12, data: {"kind":"a payment provider","call":"this.stripe.refunds"}, suggestions: [] },
    ],
  },
  // payment gateway field
  {
    code: `export class OrderRepository {
  async pay(order) {
    await this.paymentGateway.charge(order.totalCents);
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 3, column: 11, data: {"kind":"a payment provider","call":"this.paymentGateway.charge"}, suggestions: [] },
    ],
  },
  // fetch in a repository (a type-only import of a storage SDK is no storage adapter)
  {
    code: `import type { S3 } from '@aws-sdk/client-s3';
export class ProductRepository {
  async price(sku) {
    const res = await fetch('https://prices.example.com/' + sku);
    return res.json();
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 4, column: 23, data: {"kind":"an HTTP client","call":"fetch"}, suggestions: [] },
    ],
  },
  {
    code: `export class ProductRepository {
  async price(sku) {
    const res = await fetch('https://prices.example.com/' + sku);
    return res.json();
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 3, column: 23, data: {"kind":"an HTTP client","call":"fetch"}, suggestions: [] },
    ],
  },
  // axios in a repository
  {
    code: `export class RateRepository {
  async rates() {
    const { data } = await axios.get('https://rates.example.com');
    return data;
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 3, column: 28, data: {"kind":"an HTTP client","call":"axios.get"}, suggestions: [] },
    ],
  },
  // NestJS HttpService in a repository
  {
    code: `@Injectable()
export class GeoRepository {
  lookup(ip) {
    return this.httpService.get('https://geo.example.com/' + ip);
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 4, column: 12, data: {"kind":"an HTTP client","call":"this.httpService.get"}, suggestions: [] },
    ],
  },
  // queue producer
  {
    code: `export class OrderRepository {
  async create(draft) {
    const order = await this.prisma.order.create({ data: draft });
    await this.ordersQueue.add('created', { id: order.id });
    return order;
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 4, column: 11, data: {"kind":"a message queue","call":"this.ordersQueue.add"}, suggestions: [] },
    ],
  },
  // Kafka producer
  {
    code: `export class EventRepository {
  async save(e) {
    await this.kafkaProducer.send({ topic: 'events', messages: [e] });
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 3, column: 11, data: {"kind":"a message queue","call":"this.kafkaProducer.send"}, suggestions: [] },
    ],
  },
  // another service
  {
    code: `export class OrderRepository {
  async enrich(order) {
    const user = await this.userService.getUser(order.userId);
    return { ...order, user };
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 3, column: 24, data: {"kind":"another service","call":"this.userService.getUser"}, suggestions: [] },
    ],
  },
  // bcrypt hashing in a repository
  {
    code: `export class UserRepository {
  async create(dto) {
    const hash = await bcrypt.hash(dto.password, 12);
    return this.prisma.user.create({ data: { email: dto.email, password: hash } });
  }
}`,
    errors: [
      { messageId: 'passwordHashing', line: 3, column: 24, data: {"call":"bcrypt.hash"}, suggestions: [] },
    ],
  },
  // argon2 verify in a repository
  {
    code: `export class UserRepository {
  async checkLogin(email, pw) {
    const u = await this.repo.findOneBy({ email });
    return argon2.verify(u.passwordHash, pw);
  }
}`,
    errors: [
      { messageId: 'passwordHashing', line: 4, column: 12, data: {"call":"argon2.verify"}, suggestions: [] },
    ],
  },
  // hashPassword helper in a repository
  {
    code: `export class UserRepository {
  async setPassword(id, pw) {
    await this.knex('users').where({ id }).update({ password: await hashPassword(pw) });
  }
}`,
    errors: [
      { messageId: 'passwordHashing', line: 3, column: 69, data: {"call":"hashPassword"}, suggestions: [] },
    ],
  },
  // password verification through a hasher field
  {
    code: `export class UserRepository {
  async check(user, pw) {
    return this.passwordHasher.verify(user.passwordHash, pw);
  }
}`,
    errors: [
      { messageId: 'passwordHashing', line: 3, column: 12, data: {"call":"this.passwordHasher.verify"}, suggestions: [] },
    ],
  },
  // crypto.scrypt in a repository file
  {
    code: `import crypto from 'node:crypto';
export function derive(pw, salt) {
  return crypto.scryptSync(pw, salt, 64);
}`,
    filename: REPOSITORY,
    errors: [
      { messageId: 'passwordHashing', line: 3, column: 10, data: {"call":"crypto.scryptSync"}, suggestions: [] },
    ],
  },
  // business error and a collaborator together
  {
    code: `export class CouponRepository {
  async redeem(code) {
    const c = await this.knex('coupons').where({ code }).first();
    if (c.expiresAt < new Date()) throw new CouponExpiredError(code);
    await this.notificationService.couponUsed(code);
  }
}`,
    errors: [
      { messageId: 'businessError', line: 4, column: 35, data: {"error":"CouponExpiredError"}, suggestions: [] },
      { messageId: 'collaboratorCall', line: 5, column: 11, data: {"kind":"a notification sender","call":"this.notificationService.couponUsed"}, suggestions: [] },
    ],
  },
  // DAO class with a business error
  {
    code: `export class AccountDao {
  async close(id) {
    const a = await this.db.query('SELECT balance FROM accounts WHERE id = $1', [id]);
    if (a.rows[0].balance > 0) throw new BusinessRuleError('balance must be zero');
  }
}`,
    errors: [
      { messageId: 'businessError', line: 4, column: 32, data: {"error":"BusinessRuleError"}, suggestions: [] },
    ],
  },
  // SMS client in a repository file
  {
    code: `export async function saveOtp(phone, code) {
  await db.query('INSERT INTO otps (phone, code) VALUES ($1, $2)', [phone, code]);
  await smsClient.send(phone, code);
}`,
    filename: REPOSITORY,
    errors: [
      { messageId: 'collaboratorCall', line: 3, column: 9, data: {"kind":"a notification sender","call":"smsClient.send"}, suggestions: [] },
    ],
  },
  // a notifications field typed as a messaging client still sends
  {
    code: `import { PushClient } from '@lending/messaging';
export class ShelfAlertsRepository {
  constructor(private _notifications: PushClient) {}
  async announce(branchId, title) {
    await this._notifications.send({ topic: branchId, title });
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 5, column: 11, data: {"kind":"a notification sender","call":"this._notifications.send"}, suggestions: [] },
    ],
  },
  // the same local hash helper given a password is password hashing
  {
    code: `import { createHash } from 'crypto';
export class MemberRepository {
  setSecret(id, dto) {
    const hash = (value) => createHash('md5').update(value).digest('hex');
    return this.prisma.member.update({ where: { id }, data: { secret: hash(dto.password) } });
  }
}`,
    errors: [
      { messageId: 'passwordHashing', line: 5, column: 71, data: {"call":"hash"}, suggestions: [] },
    ],
  },
  // a bare hash imported from a password-hashing package
  {
    code: `import { hash } from 'bcryptjs';
export class MemberRepository {
  async setSecret(id, secret) {
    return this.prisma.member.update({ where: { id }, data: { secret: await hash(secret, 10) } });
  }
}`,
    errors: [
      { messageId: 'passwordHashing', line: 4, column: 77, data: {"call":"hash"}, suggestions: [] },
    ],
  },
  // a static method of a service class, awaited: it may do I/O, still another service
  {
    code: `import { InvoiceService } from './invoice.service';
export class OrderRepository {
  async findById(id) {
    const row = await this.prisma.order.findUnique({ where: { id } });
    row.invoice = await InvoiceService.issueFor(row);
    return row;
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 5, column: 25, data: {"kind":"another service","call":"InvoiceService.issueFor"}, suggestions: [] },
    ],
  },
  // a static service method computing a field of the data written is a business rule in the repository (a discount, a status transition)
  {
    code: `import { PricingService } from './pricing.service';
export class OrderRepository {
  create(dto) {
    return this.prisma.order.create({ data: { customerId: dto.customerId, total: PricingService.applyDiscount(dto.subtotal, dto.coupon) } });
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 4, column: 82, data: {"kind":"another service","call":"PricingService.applyDiscount"}, suggestions: [] },
    ],
  },
  // the same rule assigned to an entity's field that the repository then saves
  {
    code: `import { PricingService } from './pricing.service';
export class InvoiceRepository {
  async issue(invoice, coupon) {
    invoice.total = PricingService.applyDiscount(invoice.subtotal, coupon);
    return this.invoices.save(invoice);
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 4, column: 21, data: {"kind":"another service","call":"PricingService.applyDiscount"}, suggestions: [] },
    ],
  },
  // an injected service's value stored on the row: the instance holds collaborators, still another service
  {
    code: `export class ProductRepository {
  async findById(id) {
    const row = await this.prisma.product.findUnique({ where: { id } });
    row.labels = this.priceLabelService.labelsFor(row);
    return row;
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 4, column: 18, data: {"kind":"another service","call":"this.priceLabelService.labelsFor"}, suggestions: [] },
    ],
  },
  // a crypto service's password check, a password "encryption" and another method of an encryption service are no encryption at rest
  {
    code: `export class UserRepository {
  async findByCredentials(email, password) {
    const user = await this.prisma.user.findUnique({ where: { email } });
    const ok = await this.cryptoService.verifyPassword(password, user.passwordHash);
    return ok ? user : null;
  }
  async create(email, password) {
    return this.prisma.user.create({ data: { email, password: await this.authService.encryptPassword(password) } });
  }
  async rotate(row) {
    await this.encryptionService.notifyKeyRotated(row.ownerId);
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 4, column: 22, data: {"kind":"another service","call":"this.cryptoService.verifyPassword"}, suggestions: [] },
      { messageId: 'collaboratorCall', line: 8, column: 69, data: {"kind":"another service","call":"this.authService.encryptPassword"}, suggestions: [] },
      { messageId: 'collaboratorCall', line: 11, column: 11, data: {"kind":"another service","call":"this.encryptionService.notifyKeyRotated"}, suggestions: [] },
    ],
  },
  // the data call's error is tested, but so is the row's domain state: still a business decision
  {
    code: `export class WalletRepository {
  async debit(walletId, amount) {
    const [wallet, error] = await safely(this.db.query.wallets.findFirst({ where: { id: walletId } }));
    if (!error && wallet.balance < amount) throw new InsufficientFundsError(walletId);
    return wallet;
  }
}`,
    errors: [
      { messageId: 'businessError', line: 4, column: 44, data: {"error":"InsufficientFundsError"}, suggestions: [] },
    ],
  },
  // the encrypting service is also asked to hash a password: still password hashing
  {
    code: `import { AuthService } from '../auth/auth.service';
export class UserRepository {
  create(email, password) {
    return this.prisma.user.create({ data: { email, password: AuthService.hashPassword(password), apiKey: AuthService.fixedEncryption(email) } });
  }
}`,
    errors: [
      { messageId: 'passwordHashing', line: 4, column: 63, data: {"call":"AuthService.hashPassword"}, suggestions: [] },
    ],
  },
  // a static method of a service class called for its effect, its value unused
  {
    code: `import { PriceLabelService } from './price-label.service';
export class ProductRepository {
  async save(row) {
    PriceLabelService.refreshLabels(row);
    return this.prisma.product.update({ where: { id: row.id }, data: row });
  }
}`,
    errors: [
      { messageId: 'collaboratorCall', line: 4, column: 5, data: {"kind":"another service","call":"PriceLabelService.refreshLabels"}, suggestions: [] },
    ],
  },
];

runRuleTests('no-business-logic-in-repository', rule, { valid, invalid });
