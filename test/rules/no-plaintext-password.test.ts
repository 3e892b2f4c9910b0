import rule from '../../rules/no-plaintext-password.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const error = (line: number, column: number, query: string, value: string, field = 'password') => ({ messageId: 'plaintextPassword' as const, line, column, data: { field, query: query.startsWith("'") ? query : `'${query}'`, value } });

runRuleTests('no-plaintext-password', rule, {
  valid: [
    // A helper of another file that encrypts the password (an argon2 wrapper named so): no plaintext is written.
    `export class UserService {
  async updateUser(id: string, data: { password?: string }) {
    if (data.password) data.password = await this.crypto.encryptPassword(data.password);
    return this.prisma.user.update({ where: { id }, data });
  }
}`,
    // A flag about the password (is the bot protected by one?) is no password.
    `export async function saveSettings(prisma: PrismaClient, id: string, publicBotPwdProtected: boolean) {
  await prisma.bot.update({ where: { id }, data: { publicBotPwdProtected } });
}`,
    // A static method of the model class whose own body hashes (a digest, then bcrypt), called through this.
    `import bcrypt from 'bcryptjs';
import crypto from 'crypto';
export class UserModel {
  public static async createUser(doc) {
    return Users.create({ ...doc, password: await this.generatePassword(doc.password) });
  }
  public static generatePassword(password: string) {
    const digest = crypto.createHash('sha256').update(password).digest('hex');
    return bcrypt.hash(digest, 10);
  }
}`,
    // A local helper of the file that hashes.
    `import argon2 from 'argon2';
const seal = async (secret: string) => argon2.hash(secret);
export async function register(dto) {
  return prisma.user.create({ data: { email: dto.email, password: await seal(dto.password) } });
}`,
    // The same through a project wrapper of the client, inside a transaction: the record is read by findUnique.
    `export class AccountsStore {
  constructor(private accounts: ClientWrapper<'account'>, private tx: TransactionRunner) {}
  async moveLogin(fromId: string, toId: string) {
    const from = await this.accounts.model.account.findUnique({ where: { id: fromId } });
    const login = { email: from.email, password: from.password };
    await this.tx.model.$transaction([this.accounts.model.account.update({ where: { id: toId }, data: login })]);
  }
}`,
    // Credentials swapped between two stored accounts: the values copied are the stored hashes.
    `export async function swapLogin(sourceId: string, targetId: string) {
  const source = await prisma.user.findUnique({ where: { id: sourceId } });
  const { password: targetPassword } = await prisma.user.findUniqueOrThrow({ where: { id: targetId } });
  await prisma.user.update({ where: { id: targetId }, data: { password: source.password } });
  await prisma.user.update({ where: { id: sourceId }, data: { password: targetPassword } });
}`,
    // Hashed inline (the guide's reference fix).
    `export async function register(dto) {
  return prisma.user.create({ data: { email: dto.email, password: await bcrypt.hash(dto.password, 12) } });
}`,
    `export async function register(dto) { await this.userRepository.create({ ...dto, password: await argon2.hash(dto.password) }); }`,
    // Hashed into a variable first.
    `export async function register({ email, password }) {
  const hashed = await bcrypt.hash(password, 12);
  await prisma.user.create({ data: { email, password: hashed } });
}`,
    // Hash named as such, computed elsewhere.
    `export async function save(input) { await this.userRepository.create({ email: input.email, passwordHash: input.passwordHash }); }`,
    `export async function save(email, passwordHash) { await prisma.user.create({ data: { email, password: passwordHash } }); }`,
    // The guide: data.password = hash(data.password); repo.create(data).
    `export async function createUser(data) {
  data.password = await hashPassword(data.password);
  return this.userRepository.create(data);
}`,
    // Reassigned with a hash before the write.
    `export async function setPassword(id, password) {
  password = await bcrypt.hash(password, 12);
  await prisma.user.update({ where: { id }, data: { password } });
}`,
    // Node's scrypt, promisified and named so.
    `export async function reset(id, newPassword) { await knex('users').where({ id }).update({ password: await scryptAsync(newPassword, salt, 64) }); }`,
    // A persistence step storing the password its caller passes whole — a setter named for the
    // credential, a query helper, a data-layer class's method: the callers hash first (on every real
    // backend measured), which untyped linting cannot see, so the rule stays silent.
    `export class AccountService { async setPassword(accountId, password) { return this.prisma.account.update({ where: { id: accountId }, data: { password } }); } }`,
    `export const resetPasswordQuery = async (email, newPassword) => sequelize.query('UPDATE users SET password_hash = :hash WHERE email = :email', { replacements: { hash: newPassword, email } });`,
    `import mongoose from 'mongoose';
const User = mongoose.model('User', schema);
export class UserStore {
  async replace(id, newPassword) {
    const user = await User.findById(id);
    user.password = newPassword;
    await user.save();
  }
}`,
    // Comparisons and reads are not writes.
    `export async function login(email, password) { const user = await prisma.user.findUnique({ where: { email } }); return bcrypt.compare(password, user.password); }`,
    `export async function findByPassword(password) { return prisma.user.findFirst({ where: { password } }); }`,
    // DTO validation.
    `export function validate(dto) { if (dto.password.length < 10) throw new ValidationError('too short'); return { password: dto.password }; }`,
    // Not password fields.
    `export async function touch(id) { await prisma.user.update({ where: { id }, data: { passwordChangedAt: new Date(), passwordResetRequired: false } }); }`,
    `export async function save(dto) { await this.userRepository.create({ email: dto.email, name: dto.name }); }`,
    // Clearing a password.
    `export async function clear(id) { await prisma.user.update({ where: { id }, data: { password: null } }); }`,
    // Not a database write: an HTTP call, a cache, a map.
    `export async function login(dto) { return http.post('/oauth/token', { username: dto.email, password: dto.password }); }`,
    `export function remember(dto) { cache.set('login', { password: dto.password }); }`,
    // An object built after the write does not count.
    `export async function register(dto) { const user = await prisma.user.create({ data: { email: dto.email, password: await hash(dto.password) } }); user.password = dto.password; return user; }`,
    // Sequelize with a hashing helper on a service.
    `export async function register(dto) { await User.create({ email: dto.email, password: await this.passwordHasher.hash(dto.password) }); }`,
    // Drizzle with a project helper configured in settings.
    {
      code: `export async function register(dto) { await db.insert(users).values({ email: dto.email, password: await secure(dto.password) }); }`,
      settings: { 'backend-patterns': { hash: { functions: ['secure'] } } },
    },
    // TypeORM entity hashed before save.
    `export async function register(dto) {
  const user = new User();
  user.email = dto.email;
  user.password = await bcrypt.hash(dto.password, 10);
  await this.userRepository.save(user);
}`,
    // Built with the raw value, then the record's own setter overwrites it before the save.
    `export async function createLocalUser(dto) {
  const user = new UserEntity({ email: dto.email, password: dto.password });
  if (dto.password) await user?.setPassword(dto.password);
  else await user.generatePassword();
  await this.userRepository.save(user);
}`,
    // The entity hashes in its own before-insert hook (TypeORM).
    `class UserEntity {
  password;
  @BeforeInsert() async hashPassword() { this.password = await argon2.hash(this.password); }
}
export async function register(dto) {
  const user = new UserEntity();
  user.password = dto.password;
  await this.userRepository.save(user);
}`,
    `class Account {
  @BeforeUpdate() async beforeUpdate() { if (this.changed) this.secret = await bcrypt.hash(this.secret, 10); }
}
export async function update(dto) { await Account.update({ id: dto.id }, { password: dto.password }); }`,
    // A Mongoose model whose schema hashes in pre('save'), declared in settings.
    {
      code: `export async function register(dto) { await User.create({ email: dto.email, password: dto.password }); }
import { User } from './user.model';`,
      settings: { 'backend-patterns': { hash: { hashingModels: ['User'] } } },
    },
    // The entity or model is imported from the project: its hook (@BeforeInsert, pre('save')) may hash where this file cannot see.
    `import { UserEntity } from './user.entity';
export async function create(dto) {
  const { username, email, password } = dto;
  let newUser = new UserEntity();
  newUser.username = username;
  newUser.password = password;
  return this.userRepository.save(newUser);
}`,
    `export async function register(dto) { await User.create({ email: dto.email, password: dto.password }); }
import { User } from './user.model';`,
    `const User = require('../models/user');
export async function register(dto) { await new User({ email: dto.email, password: dto.password }).save(); }`,
    `import { Account } from '@/entities/account';
export async function register(dto) { await this.repo.save(new Account({ password: dto.password })); }`,
    // Temporary password from a generator is not traced (a documented miss) — and the hash is used.
    `export async function invite(email) { const temporary = randomPassword(); await prisma.user.create({ data: { email, password: await bcrypt.hash(temporary, 12) } }); return temporary; }`,
    // A project repository's own method (no ORM has it): it, or its entity's save hook, may hash; this file cannot tell.
    `export class RegisterUserUseCase {
  async execute({ email, password }) {
    return this.dbContext.userRepository.saveRegisteringUser({ email, password, isActive: false });
  }
}`,
    // Credentials the server keeps to sign in elsewhere must be read back: a provisioned database's
    // password, an SMTP relay's settings, a proxy's password. Encryption, not a hash, is their fix.
    `import { db } from './db';
import { mysql } from './db/schema';
export const createMysql = async (input) =>
  db.insert(mysql).values({ appName: input.appName, databaseUser: input.databaseUser, databasePassword: input.databasePassword, databaseRootPassword: input.databaseRootPassword }).returning();`,
    `import { db } from './db';
import { email } from './db/schema';
export const createEmailNotification = (input) =>
  db.insert(email).values({ smtpServer: input.smtpServer, smtpPort: input.smtpPort, username: input.username, password: input.password }).returning();`,
    `import { db } from './db';
import { bitbucket } from './db/schema';
export const updateBitbucket = (id, input) => db.update(bitbucket).set({ bitbucketUsername: input.bitbucketUsername, appPassword: input.appPassword }).where(eq(bitbucket.id, id));`,
    `import { db } from './db';
import { dataSources } from './db/schema';
export const addSource = (input) => db.insert(dataSources).values({ host: input.host, port: input.port, user: input.user, password: input.password });`,
    `import { Robot } from '../models/Robot';
export async function updateProxy(id, updates) {
  const robot = await Robot.findOne({ where: { id } });
  const updateData: Record<string, unknown> = {};
  updateData.proxy_password = updates.proxy_password;
  await robot.update(updateData);
}`,
  ],
  invalid: [
    // A user's own password beside other fields of the user (no connection settings): still hashed first.
    {
      code: `import { db } from './db';
import { users } from './db/schema';
export const createAdmin = (input) => db.insert(users).values({ email: input.email, adminPassword: input.password, role: 'admin' });`,
      errors: [{ messageId: 'plaintextPassword', line: 3, column: 85, data: { field: 'adminPassword', query: "'db.insert(…).values'", value: 'input.password' } }],
    },
    // A configured password field is the users' even when its name starts with a system word.
    {
      code: `import { db } from './db';
import { accounts } from './db/schema';
export const createAccount = (input) => db.insert(accounts).values({ email: input.email, gitPassword: input.gitPassword });`,
      settings: { 'backend-patterns': { hash: { passwordFields: ['gitPassword'] } } },
      errors: [{ messageId: 'plaintextPassword', line: 3, column: 90, data: { field: 'gitPassword', query: "'db.insert(…).values'", value: 'input.gitPassword' } }],
    },
    // A server's own app passwords and a root user's password are verified by the server; one connection-like key is no connection.
    {
      code: `import { db } from './db';
import { appPasswords, users } from './db/schema';
export const addAppPassword = (input) => db.insert(appPasswords).values({ userId: input.userId, appPassword: input.appPassword });
export const createRoot = (input) => db.insert(users).values({ email: input.email, rootPassword: input.password, host: true });`,
      errors: [
        { messageId: 'plaintextPassword', line: 3, column: 97, data: { field: 'appPassword', query: "'db.insert(…).values'", value: 'input.appPassword' } },
        { messageId: 'plaintextPassword', line: 4, column: 84, data: { field: 'rootPassword', query: "'db.insert(…).values'", value: 'input.password' } },
      ],
    },
    // Read from the request itself: nothing upstream hashed it, whichever repository method writes it.
    {
      code: `export async function signup(req, res) {
  await userRepo.registerAccount({ email: req.body.email, password: req.body.password });
}`,
      errors: [{ messageId: 'plaintextPassword', line: 2, column: 59, data: { field: 'password', query: "'userRepo.registerAccount'", value: 'req.body.password' } }],
    },
    // A project repository class extending the ORM's repository: its save is the ORM's own.
    {
      code: `export class UsersController {
  constructor(private readonly usersRepository: UsersRepository) {}
  create(@Body() body: CreateUserDto) {
    return this.usersRepository.save({ email: body.email, password: body.password });
  }
}`,
      errors: [{ messageId: 'plaintextPassword', line: 4, column: 59, data: { field: 'password', query: "'this.usersRepository.save'", value: 'body.password' } }],
    },
    // The same repository's ORM-named write stores what it is given.
    {
      code: `export class RegisterUserUseCase {
  async execute({ email, password }) {
    return this.dbContext.userRepository.save({ email, password, isActive: false });
  }
}`,
      errors: [{ messageId: 'plaintextPassword', line: 3, column: 56, data: { field: 'password', query: "'this.dbContext.userRepository.save'", value: 'password' } }],
    },
    // A helper that hashes only on the side (a breach lookup by sha1) returns the password itself.
    {
      code: `import { createHash } from 'crypto';
export class SignupService {
  async register(email: string, password: string) {
    return prisma.user.create({ data: { email, password: await this.ensureNotPwned(password) } });
  }
  private async ensureNotPwned(password: string) {
    const sha1 = createHash('sha1').update(password).digest('hex');
    await this.breaches.check(sha1.slice(0, 5));
    return password;
  }
}`,
      errors: [{ messageId: 'plaintextPassword', line: 4, column: 48, data: { field: 'password', query: "'prisma.user.create'", value: 'await this.ensureNotPwned(password)' } }],
    },
    // A helper of the file that only tidies the value: still the raw password.
    {
      code: `export class UserModel {
  public static async createUser(doc) {
    return prisma.user.create({ data: { ...doc, password: await this.preparePassword(doc.password) } });
  }
  public static async preparePassword(password: string) {
    return password.trim();
  }
}`,
      errors: [{ messageId: 'plaintextPassword', line: 3, column: 49, data: { field: 'password', query: "'prisma.user.create'", value: 'await this.preparePassword(doc.password)' } }],
    },
    // The opposite of encryption: a decrypted password is the plaintext.
    {
      code: `export async function migrate(row, crypto) {
  await prisma.user.update({ where: { id: row.id }, data: { password: crypto.decryptPassword(row.legacyPassword) } });
}`,
      errors: [{ messageId: 'plaintextPassword', line: 2, column: 61, data: { field: 'password', query: "'prisma.user.update'", value: 'password' } }],
    },
    // A helper of this file named encrypt… whose body only encodes: judged by its body, not its name.
    {
      code: `function encryptPassword(pw: string) { return Buffer.from(pw).toString('base64'); }
export async function register(dto) { await prisma.user.create({ data: { email: dto.email, password: encryptPassword(dto.password) } }); }`,
      errors: [{ messageId: 'plaintextPassword', line: 2, column: 92, data: { field: 'password', query: "'prisma.user.create'", value: 'encryptPassword(dto.password)' } }],
    },
    // A helper whose verb is not encrypt returns the plaintext.
    {
      code: `export async function restore(row) { await prisma.user.update({ where: { id: row.id }, data: { password: decryptIfEncrypted(row.password) } }); }`,
      errors: [{ messageId: 'plaintextPassword', line: 1, column: 96, data: { field: 'password', query: "'prisma.user.update'", value: 'decryptIfEncrypted(row.password)' } }],
    },
    // The record comes from the request, not from the store: its password is the raw one.
    {
      code: `export async function importAccount(req) {
  const account = await parseAccount(req.body);
  await prisma.user.create({ data: { email: account.email, password: account.password } });
}`,
      errors: [{ messageId: 'plaintextPassword', line: 3, column: 60, data: { field: 'password', query: "'prisma.user.create'", value: 'account.password' } }],
    },
    {
      code: `export async function createStaff(dto) {
  return prisma.user.create({ data: { email: dto.email, password: dto.password } });
}`,
      errors: [{ messageId: 'plaintextPassword', line: 2, column: 57, data: { field: 'password', query: "'prisma.user.create'", value: 'dto.password' } }],
    },
    {
      code: `export async function register({ email, password }) { await prisma.user.create({ data: { email, password } }); }`,
      errors: [{ messageId: 'plaintextPassword', line: 1, column: 97, data: { field: 'password', query: "'prisma.user.create'", value: 'password' } }],
    },
    {
      code: `export async function register(req) { const password = req.body.password; await this.userRepository.create({ email: req.body.email, password }); }`,
      errors: [error(1, 133, 'this.userRepository.create', 'password')],
    },
    {
      code: `export async function register(dto) { await this.userRepository.create({ email: dto.email, passwordHash: dto.password }); }`,
      errors: [error(1, 92, 'this.userRepository.create', 'dto.password', 'passwordHash')],
    },
    {
      code: `export async function reset(id, password) { await UserModel.updateOne({ _id: id }, { $set: { password } }); }`,
      errors: [error(1, 94, 'UserModel.updateOne', 'password')],
    },
    {
      code: `import mongoose from 'mongoose';
const User = mongoose.model('User', schema);
export async function changePassword(id, newPassword) {
  const user = await User.findById(id);
  user.password = newPassword;
  await user.save();
}`,
      errors: [error(5, 3, "'user.save' ('user': variable User.findById(…))", 'newPassword')],
    },
    {
      code: `export async function reset(id, newPassword) { await prisma.user.update({ where: { id }, data: { password: newPassword } }); }`,
      errors: [error(1, 98, 'prisma.user.update', 'newPassword')],
    },
    // A sign-up taking the password on its own, a library callback handed raw input, a GraphQL argument, a literal default.
    {
      code: `export class AuthService { async register(email: string, password: string) { return this.prisma.user.create({ data: { email, password } }); } }`,
      errors: [error(1, 126, 'this.prisma.user.create', 'password')],
    },
    {
      code: `passport.use(new LocalStrategy({ usernameField: 'email' }, async (email, password, done) => { done(null, await prisma.user.create({ data: { email, password } })); }));`,
      errors: [error(1, 148, 'prisma.user.create', 'password')],
    },
    {
      code: `export class UsersResolver { @Mutation() async setPassword(@Args('newPassword') newPassword: string) { return prisma.user.update({ where: { id: 1 }, data: { password: newPassword } }); } }`,
      errors: [error(1, 158, 'prisma.user.update', 'newPassword')],
    },
    {
      code: `export async function updatePassword(id, password = 'changeme') { await prisma.user.update({ where: { id }, data: { password } }); }`,
      errors: [error(1, 117, 'prisma.user.update', 'password')],
    },
    {
      code: `export async function seed() { await prisma.user.create({ data: { email: 'admin@example.com', password: 'changeme' } }); }`,
      errors: [error(1, 95, 'prisma.user.create', "'changeme'")],
    },
    // A password setter called after the write changes nothing that was stored; a getter sets nothing.
    {
      code: `export async function register(dto) { const user = new UserEntity({ password: dto.password }); await this.userRepository.save(user); user.setPassword(dto.password); }`,
      errors: [error(1, 69, 'this.userRepository.save', 'dto.password')],
    },
    {
      code: `export async function register(dto) { const user = new UserEntity({ password: dto.password }); log(user.getPassword()); await this.userRepository.save(user); }`,
      errors: [error(1, 69, 'this.userRepository.save', 'dto.password')],
    },
    // A setter of another field named with the word leaves the password as it was built.
    {
      code: `export async function register(dto) { const user = new UserEntity({ password: dto.password }); user.setPasswordResetToken(randomToken()); await this.userRepository.save(user); }`,
      errors: [error(1, 69, 'this.userRepository.save', 'dto.password')],
    },
    // A before-insert hook that does not hash.
    {
      code: `class UserEntity { @BeforeInsert() normalise() { this.email = this.email.toLowerCase(); } }
export async function register(dto) { const user = new UserEntity(); user.password = dto.password; await this.userRepository.save(user); }`,
      errors: [error(2, 70, 'this.userRepository.save', 'dto.password')],
    },
    // An imported model, but this file shows passwords kept as written: it compares them in plain.
    {
      code: `export async function register(dto) { await User.create({ email: dto.email, password: dto.password }); }
export async function login(dto) { const user = await User.findOne({ email: dto.email }); return user.password === dto.password; }
import { User } from './user.model';`,
      errors: [error(1, 77, "'User.create' ('User': import from './user.model')", 'dto.password')],
    },
    // A model imported from a package has no hook of ours; a plain object saved through a repository runs no entity hook.
    {
      code: `import { User } from '@acme/models';
export async function register(dto) { const user = new User(); user.password = dto.password; await this.userRepository.save(user); }`,
      errors: [error(2, 64, 'this.userRepository.save', 'dto.password')],
    },
    {
      code: `import { UserEntity } from './user.entity';
export async function register(dto) { await this.userRepository.save({ email: dto.email, password: dto.password }); }`,
      errors: [error(2, 90, 'this.userRepository.save', 'dto.password')],
    },
    {
      code: `export async function reset(id, dto) { await knex('users').where({ id }).update({ password: dto.newPassword }); }`,
      errors: [error(1, 83, "knex('users').where(…).update", 'dto.newPassword')],
    },
    {
      code: `export async function register(dto) { await knex('users').insert({ email: dto.email, pwd: dto.pwd }); }`,
      errors: [error(1, 86, "knex('users').insert", 'dto.pwd', 'pwd')],
    },
    {
      code: `export async function register(dto) { await db.insert(users).values({ email: dto.email, password: dto.password }); }`,
      errors: [error(1, 89, 'db.insert(…).values', 'dto.password')],
    },
    {
      code: `export async function register(dto) { await db.insertInto('users').values({ email: dto.email, password: dto.password }).execute(); }`,
      errors: [error(1, 95, 'db.insertInto(…).values(…).execute', 'dto.password')],
    },
    {
      code: `export async function register(dto) {
  const user = new User();
  user.email = dto.email;
  user.password = dto.password;
  await this.userRepository.save(user);
}`,
      errors: [error(4, 3, 'this.userRepository.save', 'dto.password')],
    },
    {
      code: `export async function register(dto) {
  const data = { email: dto.email, password: dto.password };
  await prisma.user.create({ data });
}`,
      errors: [error(2, 36, 'prisma.user.create', 'dto.password')],
    },
    {
      code: `export async function register(dto) { const user = this.repository.create({ ...dto, password: dto.password }); await this.repository.save(user); }`,
      errors: [error(1, 85, 'this.repository.save', 'dto.password')],
    },
    {
      code: `export async function setPin(id, dto) { await prisma.card.update({ where: { id }, data: { pin: dto.pin } }); }`,
      errors: [error(1, 91, 'prisma.card.update', 'dto.pin', 'pin')],
    },
    {
      code: `export async function register(dto) { await prisma.user.create({ data: { email: dto.email, password: dto.password.trim() } }); }`,
      errors: [error(1, 92, 'prisma.user.create', 'dto.password.trim()')],
    },
    {
      code: `export async function register(dto, admin) { await prisma.user.create({ data: { email: dto.email, password: admin ? dto.password : await hash(dto.password) } }); }`,
      errors: [error(1, 99, 'prisma.user.create', 'password')],
    },
    {
      code: `export async function register(dto) { await this.em.persistAndFlush(this.em.create(User, { email: dto.email, password: dto.password })); }`,
      errors: [error(1, 110, 'this.em.persistAndFlush', 'dto.password')],
    },
    {
      code: `export async function register(dto) { await prisma.user.create({ data: { email: dto.email, secretAnswer: dto.secretAnswer } }); }`,
      settings: { 'backend-patterns': { hash: { passwordFields: ['secretAnswer'] } } },
      errors: [error(1, 92, 'prisma.user.create', 'dto.secretAnswer', 'secretAnswer')],
    },
    {
      code: `export async function register(dto) { await prisma.user.create({ data: { email: dto.email, profile: { create: { password: dto.password } } } }); }`,
      errors: [error(1, 113, 'prisma.user.create', 'dto.password')],
    },
  ],
});
