import {
  COLLABORATOR_ROLE_WORDS,
  COLLABORATOR_WORDS,
  DISTINCTIVE_COLLABORATOR_WORDS,
  HTTP_CALL_FUNCTIONS,
  INFRASTRUCTURE_SERVICE_WORDS,
  type CollaboratorKind,
} from '../catalogs/collaborators.js';
import { HASH_LIBRARY_RECEIVERS } from '../catalogs/auth.js';
import type { ChainFact } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { isHashCall, isHashName } from './hash.js';
import { nameParts } from './names.js';
import { boundReceiverOf, isRepositoryName } from './query.js';

export type { CollaboratorKind } from '../catalogs/collaborators.js';

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
 * Password hashing or checking: the shared hash-call knowledge (`bcrypt.hash`, `crypto.scrypt`,
 * `hashPassword(pw)`, `settings.hash.functions`) plus verification on a hashing library or hasher
 * (`bcrypt.compare`, `argon2.verify`, `this.passwordHasher.verify`). Content hashes
 * (`crypto.createHash('sha256')…digest()`, HMACs) are cache keys and checksums, not passwords.
 */
function isPasswordCrypto(chain: ChainFact, settings: BackendPatternsSettings): boolean {
  const names = chain.segments.map((segment) => segment.name).filter((name) => name !== '' && name !== 'this');
  if (names.some((name) => /^(?:createHash|createHmac|digest)$/.test(name))) return false;
  if (isHashCall(chain, settings)) return true;
  const method = names[names.length - 1] ?? '';
  const receivers = names.slice(0, -1);
  return /^(?:compare|verify)/.test(method) && receivers.some((name) => HASH_LIBRARIES.has(name) || isHashName(name));
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
  // The file shows the receiver is data access (`@InjectModel(…) notificationTemplate: Model<…>`): no collaborator, whatever its name.
  const bound = boundReceiverOf(chain, settings);
  if (bound !== undefined && bound.index === receiverIndex && bound.role !== 'unknown' && bound.role !== 'not-data') return undefined;
  return { kind, label: label() };
}
