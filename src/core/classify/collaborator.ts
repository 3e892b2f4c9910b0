import {
  COLLABORATOR_ROLE_WORDS,
  COLLABORATOR_WORDS,
  DATA_ACCESS_WORDS,
  DISTINCTIVE_COLLABORATOR_WORDS,
  HTTP_CALL_FUNCTIONS,
  INFRASTRUCTURE_SERVICE_WORDS,
  type CollaboratorKind,
} from '../catalogs/collaborators.js';
import { ARRAY_ITERATION_METHODS } from '../catalogs/loops.js';
import { HASH_LIBRARY_RECEIVERS, PASSWORD_HASH_ALGORITHM_WORDS, PASSWORD_HASH_PACKAGES } from '../catalogs/auth.js';
import type { ChainFact, ValueFact } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { isConfiguredHashCall, isHashCall, isHashName, isPasswordFieldName } from './hash.js';
import { chainNamesOf, nameParts, packageNameOf } from './names.js';
import { piiCategoryOfName } from './pii.js';
import { boundReceiverOf, isRepositoryName } from './query.js';

export type { CollaboratorKind } from '../catalogs/collaborators.js';

const ARRAY_METHODS: ReadonlySet<string> = new Set(ARRAY_ITERATION_METHODS);

export interface CollaboratorCall {
  readonly kind: CollaboratorKind;
  /** The call as written, for messages: `this.notifications.orderConfirmed`, `bcrypt.hash`. */
  readonly label: string;
}

const KINDS = (Object.keys(COLLABORATOR_WORDS) as CollaboratorKind[]).filter((kind) => COLLABORATOR_WORDS[kind].length > 0);
const DISTINCTIVE: ReadonlySet<string> = new Set(DISTINCTIVE_COLLABORATOR_WORDS);
const ROLES: ReadonlySet<string> = new Set(COLLABORATOR_ROLE_WORDS);
const INFRASTRUCTURE: ReadonlySet<string> = new Set(INFRASTRUCTURE_SERVICE_WORDS);
const HTTP_FUNCTIONS: ReadonlySet<string> = new Set(HTTP_CALL_FUNCTIONS);
const HASH_LIBRARIES: ReadonlySet<string> = new Set(HASH_LIBRARY_RECEIVERS);
const DATA_ACCESS: ReadonlySet<string> = new Set(DATA_ACCESS_WORDS);
const PASSWORD_ALGORITHMS: ReadonlySet<string> = new Set(PASSWORD_HASH_ALGORITHM_WORDS);
const PASSWORD_PACKAGES: ReadonlySet<string> = new Set(PASSWORD_HASH_PACKAGES);

/**
 * The kind of collaborator a receiver name holds, or undefined for data access and infrastructure.
 * `dependency` is true for a field of the class (`this.mailer`): there a kind word is enough; a
 * local or imported name also needs a distinctive word (`stripe`, `axios`) or a role word
 * (`emailClient`, `paymentGateway`). A name ending in `Service` that names no infrastructure
 * (`config`, `logger`, `prisma`, `cache`) is another service.
 */
export function collaboratorKindOfName(name: string, dependency: boolean, settings: BackendPatternsSettings): CollaboratorKind | undefined {
  if (name === '' || isRepositoryName(name, settings) || settings.db.clientNames.includes(name)) return undefined;
  const words = nameParts(name);
  if (words.some((word) => INFRASTRUCTURE.has(word))) return undefined;
  const strongName = dependency || words.some((word) => DISTINCTIVE.has(word) || ROLES.has(word));
  if (strongName) {
    for (const kind of KINDS) {
      if (words.some((word) => (COLLABORATOR_WORDS[kind] as readonly string[]).includes(word))) return kind;
    }
  }
  return words[words.length - 1] === 'service' ? 'service' : undefined;
}

/**
 * The chain's receiver is a class named by itself, so the call is to a static method: a class
 * declared in the file, or an imported binding named like a class (`import { PriceFormatService }`,
 * `import SegmentService from './segmentService'`). Not a field of `this`, nor a local instance.
 */
export function isStaticClassCall(chain: ChainFact): boolean {
  const binding = chain.binding;
  const receiver = chain.segments[0]?.name ?? '';
  if (binding === undefined || binding.length !== 1 || chain.segments.length !== 2) return false;
  if (binding.kind === 'class') return true;
  return binding.kind === 'import' && binding.importedName !== '*' && /^[A-Z][a-z0-9]/.test(receiver);
}

/**
 * Password hashing or checking: a hash call (the shared hash-call knowledge: `bcrypt.hash`,
 * `crypto.scrypt`, `hashPassword(pw)`, `settings.hash.functions`) or a verification on a hashing
 * library or hasher (`bcrypt.compare`, `argon2.verify`, `this.passwordHasher.verify`), when the
 * code shows it is a password's (`showsPassword`). Content hashes (`crypto.createHash('sha256')…digest()`,
 * HMACs, an md5 `hash(value)` helper that scrambles a deleted account's fields) are not.
 */
function isPasswordCrypto(chain: ChainFact, settings: BackendPatternsSettings): boolean {
  const names = chainNamesOf(chain);
  if (names.some((name) => /^(?:createHash|createHmac|digest)$/.test(name))) return false;
  const method = names[names.length - 1] ?? '';
  const receivers = names.slice(0, -1);
  const hashing = isHashCall(chain, settings) || (/^(?:compare|verify)/.test(method) && receivers.some((name) => HASH_LIBRARIES.has(name) || isHashName(name)));
  return hashing && showsPassword(chain, names, settings);
}

/**
 * Evidence that a hash call is about a password: a configured password-hashing helper, a
 * password-hashing algorithm in a name (`bcrypt`, `argon2id`, `scryptSync`), a root imported from a
 * password-hashing package (`import { hash } from 'bcryptjs'`), a name that says password
 * (`hashPassword`, `this.passwordHasher`) or a password-like argument (`hash(dto.password)`).
 */
function showsPassword(chain: ChainFact, names: readonly string[], settings: BackendPatternsSettings): boolean {
  if (isConfiguredHashCall(chain, settings)) return true;
  if (names.some((name) => nameParts(name).some((word) => PASSWORD_ALGORITHMS.has(word)) || piiCategoryOfName(name, settings) === 'password')) return true;
  const rootPackage = packageNameOf(chain.rootImport);
  if (rootPackage !== undefined && PASSWORD_PACKAGES.has(rootPackage)) return true;
  return chain.segments.some((segment) => segment.call?.args.some((arg) => namesPassword(arg, settings)) === true);
}

/** A value that names a password: `password`, `dto.newPassword`, `body.password.trim()`. */
function namesPassword(value: ValueFact, settings: BackendPatternsSettings): boolean {
  switch (value.kind) {
    case 'identifier':
      return isPasswordFieldName(value.name, settings);
    case 'member':
      return isPasswordFieldName(value.path[value.path.length - 1] ?? '', settings);
    case 'call':
      return value.chain.segments.some((segment) => isPasswordFieldName(segment.name, settings));
    default:
      return false;
  }
}

/**
 * The receiver's declared type says it is data access (`_notifications: PrismaRepository<'notifications'>`,
 * `webhooks: WebhookDao`, `db: AppDbService`): its calls read and write a table, whatever the table
 * and the variable are called. `receiverEvidence` knows the types of DB packages; this also covers
 * the project's own wrappers imported through a path alias that reads like a package.
 */
function declaredAsDataAccess(chain: ChainFact, receiverIndex: number, settings: BackendPatternsSettings): boolean {
  const binding = chain.binding;
  const typeName = binding?.typeName;
  if (binding === undefined || binding.length - 1 !== receiverIndex || typeName === undefined || typeName === '') return false;
  return isRepositoryName(typeName, settings) || settings.db.clientNames.includes(typeName) || nameParts(typeName).some((word) => DATA_ACCESS.has(word));
}

const CIPHER_WORDS: ReadonlySet<string> = new Set(['encrypt', 'encryption', 'encrypted', 'decrypt', 'decryption', 'decrypted', 'cipher', 'decipher']);

/** A method name whose words say it encrypts or decrypts: `fixedEncryption`, `decryptToken`. */
function isCipherName(name: string): boolean {
  return nameParts(name).some((word) => CIPHER_WORDS.has(word));
}

/**
 * A call to a collaborator that is not data access (SPEC §4 `no-business-logic-in-repository`):
 * e-mail, notifications, payments, HTTP clients (`fetch(url)`, `axios.get`, `this.httpService`),
 * queues, other services (`this.userService.getUser`), and password hashing (`bcrypt.hash`,
 * `argon2.verify`, `crypto.scrypt`, `hashPassword(pw)`).
 *
 * The collaborator is the chain's root or the field of `this` it starts with
 * (`stripe.refunds.create`, `this.mailer.sendMail`): `user.email.trim()` calls a string method on
 * a row's field, not a mailer.
 */
export function classifyCollaboratorCall(chain: ChainFact, settings: BackendPatternsSettings): CollaboratorCall | undefined {
  const segments = chain.segments;
  const methodIndex = segments.length - 1;
  const method = segments[methodIndex];
  if (method?.call === undefined || method.isNew === true) return undefined;
  if (isPasswordCrypto(chain, settings)) return { kind: 'password-hashing', label: segments.map((segment) => segment.name).join('.') };
  if (methodIndex === 0) return HTTP_FUNCTIONS.has(method.name) ? { kind: 'http', label: method.name } : undefined;
  // An array's own iteration given a callback (`notifications.map(formatNotification)`,
  // `webhooks.filter((w) => w.active)`): the list is data, whatever it is named after. Only a local
  // list named as no collaborator's role (`notificationService.find(id)`, `this.mailer.send(x).forEach(cb)`,
  // a field of the class are still calls of the collaborator).
  const [callback] = method.call.args;
  const list = segments[0];
  const namesRole = list !== undefined && nameParts(list.name).some((word) => ROLES.has(word));
  if (methodIndex === 1 && list !== undefined && list.name !== 'this' && list.call === undefined && !namesRole && ARRAY_METHODS.has(method.name) && (callback?.kind === 'function' || callback?.kind === 'identifier')) return undefined;
  // The collaborator is the chain's root, or the field of `this` it starts with: `stripe.refunds.create`, `this.mailer.sendMail`.
  const viaThis = segments[0]?.name === 'this';
  const receiverIndex = viaThis ? 1 : 0;
  const receiver = segments[receiverIndex];
  if (receiver === undefined || receiver.call !== undefined || receiverIndex >= methodIndex) return undefined;
  const label = (): string => segments.map((segment) => segment.name).join('.');
  if (receiverIndex === 0 && HTTP_FUNCTIONS.has(receiver.name)) return { kind: 'http', label: label() };
  // The name first: most receivers name no collaborator, and the file's evidence is asked only for those that do.
  const kind = collaboratorKindOfName(receiver.name, viaThis, settings);
  if (kind === undefined) return undefined;
  // Encrypting or decrypting a stored value (`apiKey: AuthService.fixedEncryption(key)`,
  // `this.encryptionService.decrypt(row.token)`) is encryption at rest, part of reading and writing
  // the data, whichever service holds the cipher. The method says so; a cipher-named service's
  // other methods, a password's "encryption" (`encryptPassword`) and checks (`verify…`) are not.
  if (kind === 'service' && isCipherName(method.name) && !isPasswordFieldName(method.name, settings) && !/^(?:compare|verify|check|validate)/.test(method.name)) return undefined;
  // The file shows the receiver is data access (`@InjectModel(…) notificationTemplate: Model<…>`): no collaborator, whatever its name.
  const bound = boundReceiverOf(chain, settings);
  if (bound !== undefined && bound.index === receiverIndex && bound.role !== 'unknown' && bound.role !== 'not-data') return undefined;
  if (declaredAsDataAccess(chain, receiverIndex, settings)) return undefined;
  return { kind, label: label() };
}
