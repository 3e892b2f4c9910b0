import { describe, expect, it } from 'vitest';
import { expectParity } from './harness.js';

/**
 * Parity of the two adapters on the file's evidence: for each call of a snippet, the ESLint adapter
 * (ESTree) and the audit adapter (TypeScript AST) must build the same chain fact, with the same
 * binding of the chain's receiver, and core must give both the same query verdict.
 */

const SNIPPETS: readonly [string, string][] = [
  ['import of a model', `import { User } from './models/user';\nexport async function f() { await User.create({ name: 'a' }); }`],
  ['import of a command', `import { CreateUserCommand } from './commands/create-user.command';\nexport async function f(dto) { await CreateUserCommand.create(dto); }`],
  ['enum from @prisma/client', `import { Role } from '@prisma/client';\nexport async function f() { await Role.findFirst(); }`],
  ['type-only import', `import type { User } from './models/user';\nexport async function f() { await User.create({}); }`],
  ['local Sequelize model', `import { Model } from 'sequelize';\nclass Order extends Model {}\nexport async function f() { await Order.create({}); }`],
  ['local entity', `@Entity()\nclass Order {}\nexport async function f() { await Order.create({}); }`],
  ['local non-ORM class', `class AuditEvent extends DomainEvent {}\nexport async function f() { await AuditEvent.create({}); }`],
  ['local enum', `enum Kind { A }\nexport async function f() { await Kind.create(); }`],
  ['unbound PascalCase', `export async function f() { await Invoice.findAll({}); }`],
  ['constructor parameter typed repository', `export class S {\n  constructor(private readonly users: UserRepository) {}\n  async f(id) { return this.users.findById(id); }\n}`],
  ['field typed DAO', `export class S {\n  private readonly invoices: InvoiceDao;\n  async f(id) { return this.invoices.findById(id); }\n}`],
  ['field initialised with a DAO', `export class S {\n  private readonly invoices = new InvoiceDao(db);\n  async f(id) { return this.invoices.findById(id); }\n}`],
  ['constructor assignment', `export class S {\n  private readonly invoices;\n  constructor(db) { this.invoices = new InvoiceDao(db); }\n  async f(id) { return this.invoices.findById(id); }\n}`],
  ['@InjectRepository', `export class S {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  async f(id) { return this.users.findOneBy({ id }); }\n}`],
  ['@InjectModel', `export class S {\n  constructor(@InjectModel(T.name) private readonly template: Model<T>) {}\n  async f(key) { return this.template.findOne({ key }); }\n}`],
  ['Map field named db', `export class S {\n  private readonly db = new Map();\n  async f(id) { return this.db.delete(id); }\n}`],
  ['SDK repository', `import { FlagRepository } from '@vendor/flags-sdk';\nexport class S {\n  constructor(private readonly flagRepository: FlagRepository) {}\n  async f(k) { return this.flagRepository.findOne(k); }\n}`],
  ['member typed with a renamed import of a repository', `import { Repository as Store } from 'typeorm';\nexport class S {\n  constructor(private readonly users: Store<User>) {}\n  async f(id) { return this.users.findOneBy({ id }); }\n}`],
  ['Knex typed member', `import type { Knex } from 'knex';\nexport class S {\n  constructor(private readonly conn: Knex) {}\n  async f() { return this.conn('orders').where({ a: 1 }); }\n}`],
  ['Knex raw interpolated into SQL text', `import knex from 'knex';\nconst db = knex({});\nexport function f(cols) { return cols.map((col) => \`COALESCE(\${db.raw('??', [col])}::text, '')\`).join(' || '); }`],
  ['Knex raw given to a builder step named by a computed key', `import knex from 'knex';\nconst db = knex({});\nexport function f(qb, filters) { filters.forEach((f) => { qb[f.any ? 'orWhere' : 'where'](db.raw('data->>? = ?', [f.field, f.value])); }); }`],
  ['pg Pool variable', `import { Pool } from 'pg';\nconst store = new Pool();\nexport async function f() { return store.query('SELECT * FROM users'); }`],
  ['parameter typed entity', `import type { User } from '../entities/user.entity';\nexport async function f(user: User) { await user.save(); }`],
  ['row loaded through a model', `import { Doc } from './models/doc';\nexport async function f() { const docs = await Doc.find({}); for (const doc of docs) { await doc.save(); } }`],
  ['library document', `import { PDFDocument } from 'pdf-lib';\nexport async function f(bytes) { const pdf = await PDFDocument.load(bytes); await pdf.save(); }`],
  ['unbound active record', `export async function f() { await user.save(); }`],
  ['repository by name', `export async function f(id) { return userRepository.findById(id); }`],
  ['API namespace named repo', `export async function f(uri) { return agent.com.atproto.repo.deleteRecord({ uri }); }`],
  ['catch parameter', `export async function f() { try { await g(); } catch (repo) { await repo.save(); } }`],
  ['prisma client import', `import { prisma } from '../db';\nexport async function f() { return prisma.user.findMany(); }`],
  ['shadowed import', `import { User } from './models/user';\nexport async function f(User) { await User.create({}); }`],
  ['port interface member', `export class S {\n  constructor(private readonly store: IUserStore) {}\n  async f() { return this.store.query({ active: true }); }\n}`],
  ['namespace import of models', `import * as models from './models';\nexport async function f() { return models.Order.findAll({}); }`],
  ['destructured parameter', `export async function f({ users }) { return users.findById(1); }`],
  ['destructured variable', `export async function f(deps) { const { users } = deps; return users.findById(1); }`],
  ['destructured loop variable', `export async function f(rows) { for (const { repo } of rows) await repo.save(); }`],
  ['named function expression', `export const f = async function users(id) { return users.findById(id); };`],
  ['variable declared in a switch case', `export async function f(kind, id) { switch (kind) { case 1: { const users = new UserRepository(); return users.findById(id); } } }`],
  ['class expression member', `export const S = class {\n  constructor(private readonly users: UserRepository) {}\n  async f(id) { return this.users.findById(id); }\n};`],
  ['import shadowed by a local variable', `import { db } from './db';\nexport async function f() { const db = new Map(); return db.delete('x'); }`],
  ['builder kept in a variable from an injected repository', `export class S {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  async f(id) { const qb = this.users.createQueryBuilder('u').where('u.id = :id', { id }); return qb.getOne(); }\n}`],
  ['builder handed out by a method of the class', `export class S {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  base() { const builder = this.users.createQueryBuilder('u'); return builder; }\n  async f() { const queryBuilder = this.base(); return queryBuilder.getMany(); }\n}`],
  ['builder chain that starts with a method of the class', `export class S {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  base() { return this.users.createQueryBuilder('u'); }\n  async f(id) { const queryBuilder = this.base().where('u.id = :id', { id }).take(1); return queryBuilder.getOne(); }\n}`],
  ['let builder only extended by its own steps', `export class S {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  async f(term) { let qb = this.users.createQueryBuilder('u'); if (term) qb = qb.andWhere('u.name = :term', { term }); return qb.getMany(); }\n}`],
  ['let builder extended through a cast, an optional call and a string key', `export class S {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  async f(a, b, c) { let qb = this.users.createQueryBuilder('u'); if (a) qb = (qb as any).andWhere('u.a = 1'); if (b) qb = qb?.andWhere('u.b = 1'); if (c) qb = qb['andWhere']('u.c = 1'); return qb.getMany(); }\n}`],
  ['let builder given a table of its own', `export class S {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  async f(flag) { let qb = this.users.createQueryBuilder('u'); if (flag) qb = qb.from(Order, 'o'); return qb.getRawMany(); }\n}`],
  ['let builder written by a destructuring', `export class S {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  async f(other) { let qb = this.users.createQueryBuilder('u'); [qb] = [other]; return qb.getMany(); }\n}`],
  ['let builder written by a for…of head', `export class S {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  async f(builders) { let qb = this.users.createQueryBuilder('u'); for (qb of builders) await qb.getMany(); return qb.getMany(); }\n}`],
  ['let builder given another builder', `export class S {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  async f(flag) { let qb = this.users.createQueryBuilder('u'); if (flag) qb = this.dataSource.createQueryBuilder().from(Order, 'o'); return qb.getMany(); }\n}`],
  ['builder kept from an optional chain', `export class S {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  async f() { const qb = this.users?.createQueryBuilder('u'); return qb?.getMany(); }\n}`],
  ['builder of an injected repository\'s manager', `export class S {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  async f() { const queryBuilder = this.users.manager.createQueryBuilder().from('t', 't'); return queryBuilder.getRawMany(); }\n}`],
  ['function expression inside a class method keeps no this', `export class S {\n  constructor(private readonly users: UserRepository) {}\n  f(ids) { return ids.map(function (id) { return this.users.findById(id); }); }\n}`],
];


describe('evidence parity between the ESLint and the audit adapters', () => {
  it.each(SNIPPETS)('%s', (_label, code) => {
    const observed = expectParity(code);
    expect(observed.some((entry) => (entry.chain as { binding?: unknown }).binding !== undefined)).toBe(true);
  });
});
