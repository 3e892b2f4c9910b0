import { CONNECTION_KEYS, ENTITY_WRITE_HOOK_DECORATORS, HASH_FUNCTION_NAMES, SERVICE_CREDENTIAL_WORDS, HASH_LIBRARY_RECEIVERS, HASH_NAME_WORDS, PIN_NOT_FOLLOWED_BY, PIN_WORDS } from '../catalogs/auth.js';
import type { ChainFact } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { chainNamesOf, matchesNamePattern, mayMentionPattern, mentionsAnyWord, nameParts, packageNameOf } from './names.js';
import { piiCategoryOfName } from './pii.js';

/**
 * Is this field / variable name password-like (`password`, `newPassword`, `password_hash`, `pwd`,
 * `pin`, `passcode`, `settings.hash.passwordFields`)? Flags and metadata about a password are not
 * (`passwordChangedAt`, `passwordResetRequired`, `hasPassword`): the PII vocabulary decides those.
 */
export function isPasswordFieldName(name: string, settings: BackendPatternsSettings): boolean {
  if (settings.hash.passwordFields.some((pattern) => matchesNamePattern(name, pattern))) return true;
  if (piiCategoryOfName(name, settings) === 'password') return true;
  const parts = nameParts(name);
  const pin = parts.findIndex((part) => (PIN_WORDS as readonly string[]).includes(part));
  return pin !== -1 && parts.length <= 2 && !parts.slice(pin + 1).some((part) => (PIN_NOT_FOLLOWED_BY as readonly string[]).includes(part)) && !/^(?:is|has)[A-Z]/.test(name);
}

/**
 * Is this password a credential the server keeps to sign in to another system — a database it
 * provisions, an SMTP relay, a proxy, a Git host — rather than a user's own password? Its name says
 * so (`databasePassword`, `smtp_password`, `databaseRootPassword`), or the object that holds it is a
 * connection's settings: a key named for another system (`{ smtpServer, username, password }`,
 * `{ bitbucketUsername, appPassword }`) or two connection keys (`{ host, port, password }`). The server must read such a secret back, so hashing it would break the feature: it is
 * encrypted at rest, which is not what a password hash rule asks. Configured `hash.passwordFields`
 * always count as the users'.
 */
export function isServiceCredential(field: string, siblingKeys: readonly string[], settings: BackendPatternsSettings): boolean {
  if (settings.hash.passwordFields.some((pattern) => matchesNamePattern(field, pattern))) return false;
  const parts = nameParts(field);
  const at = parts.findIndex((part) => PASSWORD_WORDS.has(part));
  if (at > 0 && parts.slice(0, at).some((part) => SERVICE_WORDS.has(part))) return true;
  // A key of the same object named for another system (`smtpServer`, `bitbucketUsername`), or two keys of a connection.
  if (siblingKeys.some((key) => SERVICE_WORDS.has(nameParts(key)[0] ?? ''))) return true;
  return siblingKeys.filter((key) => CONNECTION.has(key)).length >= 2;
}

const PASSWORD_WORDS: ReadonlySet<string> = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase']);
const SERVICE_WORDS: ReadonlySet<string> = new Set(SERVICE_CREDENTIAL_WORDS);
const CONNECTION: ReadonlySet<string> = new Set(CONNECTION_KEYS);

/**
 * Can this file's text name a password-like field at all? A cheap, case-insensitive substring test
 * over the same vocabulary as `isPasswordFieldName` (`pass…`, `pwd`, PIN words, configured
 * `hash.passwordFields`), so rules skip files that cannot have a finding.
 */
export function mayMentionPasswordField(text: string, settings: BackendPatternsSettings): boolean {
  if (mentionsPasswordWord(text)) return true;
  if (settings.hash.passwordFields.length === 0) return false;
  const lower = text.toLowerCase();
  return settings.hash.passwordFields.some((pattern) => mayMentionPattern(lower, pattern, /\*/));
}

const mentionsPasswordWord = mentionsAnyWord(['pass', 'pwd', ...PIN_WORDS]);

/**
 * Does the name say it holds a hash (`passwordHash`, `hashedPassword`, `digest`, `bcryptHash`)?
 * Such values were hashed elsewhere; the SPEC leaves them alone (`passwordHash: await hash(pw)`).
 */
export function isHashName(name: string): boolean {
  return nameParts(name).some((part) => (HASH_NAME_WORDS as readonly string[]).includes(part)) && !/^(?:is|has)[A-Z]/.test(name);
}

/**
 * A method of a record that sets its own password (`user.setPassword(pw)`, `account.hashPassword()`,
 * `user.generatePassword()`, `member.changePassword(pw)`): called on the object before it is saved,
 * the method decides what the field holds (an entity's `setPassword` that bcrypts), so a raw value
 * the object was built with is overwritten. Reading it (`getPassword`, `checkPassword`) is not one,
 * nor a setter of another field named with the word (`setPasswordResetToken`, `setPasswordConfirmation`).
 */
export function isPasswordSetterName(name: string): boolean {
  const [verb, ...rest] = nameParts(name);
  if (verb === undefined || !PASSWORD_SETTER_VERBS.has(verb)) return false;
  const field = rest[0] === 'new' ? rest.slice(1) : rest;
  return field.length === 1 && PASSWORD_SETTER_FIELDS.has(field[0] ?? '');
}

const PASSWORD_SETTER_VERBS: ReadonlySet<string> = new Set(['set', 'hash', 'generate', 'update', 'change', 'reset', 'encrypt', 'assign', 'apply']);
const PASSWORD_SETTER_FIELDS: ReadonlySet<string> = new Set(['password', 'passwd', 'pwd', 'passphrase', 'passcode']);

/**
 * Is this call a password hash? bcrypt / bcryptjs / argon2 `hash(Sync)`, `crypto.scrypt(Sync)` /
 * `pbkdf2(Sync)`, imported `hash` / `scrypt`, helpers named with a hashing word (`hashPassword`,
 * `this.passwordHasher.hash`, `argon2id`), `settings.hash.functions` (exact or `*` patterns,
 * dotted or last name), and wrappers named so (`scryptAsync`, `createHash(…).digest()`).
 */
export function isHashCall(chain: ChainFact, settings: BackendPatternsSettings): boolean {
  if (isConfiguredHashCall(chain, settings)) return true;
  const names = chainNamesOf(chain);
  const last = names[names.length - 1] ?? '';
  if ((HASH_FUNCTION_NAMES as readonly string[]).includes(last)) return true;
  if (names.some((name) => (HASH_LIBRARY_RECEIVERS as readonly string[]).includes(name)) && /^(?:hash|scrypt|pbkdf2)/i.test(last)) return true;
  return names.some(isHashName) && !names.some((name) => /^(?:compare|verify|check|needsRehash)/.test(name));
}

/**
 * Is the call named for encrypting its argument (`this.crypto.encryptPassword(pw)`, `encryption.encrypt(pw)`:
 * `encrypt` leads the name)? Many projects call their bcrypt or argon2 helper so; judged by the name only
 * where the helper's body is out of sight (the rule reads a helper of the same file instead). Not
 * `decryptIfEncrypted`, `stripEncrypted`, `isEncrypted`: `encrypt` is not their verb.
 */
export function isEncryptCall(chain: ChainFact): boolean {
  const names = chainNamesOf(chain);
  const parts = nameParts(names[names.length - 1] ?? '');
  return parts[0] === 'encrypt';
}

/** A call of a password-hashing helper listed in `settings.hash.functions` (exact or `*` patterns, dotted or last name). */
export function isConfiguredHashCall(chain: ChainFact, settings: BackendPatternsSettings): boolean {
  if (settings.hash.functions.length === 0) return false;
  const names = chainNamesOf(chain);
  const last = names[names.length - 1] ?? '';
  const dotted = names.join('.');
  return settings.hash.functions.some((pattern) => matchesNamePattern(dotted, pattern) || matchesNamePattern(last, pattern));
}

/** A method of an entity class, as far as `isHashingEntity` needs it. */
export interface EntityMethodFacts {
  readonly name: string;
  /** Decorator names (`BeforeInsert`). */
  readonly decorators: readonly string[];
  /** Names called in its body (`argon2.hash` → `argon2`, `hash`). */
  readonly calledNames: readonly string[];
}

/**
 * Does the entity hash its password itself before it is written? A model listed in
 * `settings.hash.hashingModels`, or a method decorated with a before-write hook
 * (`@BeforeInsert() async hashPassword() { this.password = await argon2.hash(this.password) }`)
 * that is named for hashing or calls a hash function.
 */
export function isHashingEntity(className: string | undefined, methods: readonly EntityMethodFacts[], settings: BackendPatternsSettings): boolean {
  if (className !== undefined && settings.hash.hashingModels.some((pattern) => matchesNamePattern(className, pattern))) return true;
  return methods.some((method) =>
    method.decorators.some((decorator) => (ENTITY_WRITE_HOOK_DECORATORS as readonly string[]).includes(decorator)) &&
    (isHashName(method.name) || method.calledNames.some((name) => isHashName(name) || (HASH_FUNCTION_NAMES as readonly string[]).includes(name))));
}

/**
 * May the entity hash its password where this file cannot see it? Its class or model is imported
 * from the project's own modules (`./user.entity`, `@/models/user`) and its declaration was not
 * seen (untyped linting; typed linting reads the declaration's hooks instead). A TypeORM
 * `@BeforeInsert`, a sequelize-typescript `@BeforeCreate` or a Mongoose `schema.pre('save')` hook
 * there hashes the value on save, so one file alone cannot tell (SPEC §3 "Evidence before names":
 * no evidence either way, stay silent).
 */
export function mayHashOutOfSight(entity: { readonly importedFrom?: string; readonly declarationSeen: boolean }): boolean {
  return !entity.declarationSeen && entity.importedFrom !== undefined && entity.importedFrom !== '' && packageNameOf(entity.importedFrom) === undefined;
}

/** Where a password written to the database comes from, as `leavesHashingToOthers` reads it. */
export interface PasswordWriteFacts {
  /** The value is read from the request itself (`req.body.password`, a `@Body()` parameter's member): nothing upstream could have hashed it. */
  readonly fromRequest: boolean;
  /** The write goes through one of the project's own repositories (`this._dbContext.userRepository.saveRegisteringUser(data)`), not the ORM or driver. */
  readonly throughProjectRepository: boolean;
  /**
   * The value is a parameter passed on whole by a persistence step (`setPassword(id, password)`, a
   * `*Query` helper, a data-layer class's method), not a request: its caller decides what it hands over.
   */
  readonly fromCallerParameter?: boolean;
}

/**
 * Whether the password is stored raw is decided where this file cannot see: the code writing it
 * hands it to one of the project's own repository methods, which may hash it, or whose entity's hook
 * may (TypeORM's `@BeforeInsert`); or a persistence step stores what its caller passed
 * (`setPassword(id, password)`, whose callers hashed first on every real backend measured). Untyped
 * linting cannot follow the callers, so the rule stays silent; it still reports a password read from
 * the request itself, whatever writes it, and one the function makes or reads itself.
 */
export function leavesHashingToOthers(facts: PasswordWriteFacts): boolean {
  return !facts.fromRequest && (facts.throughProjectRepository || facts.fromCallerParameter === true);
}
