import {
  EXTERNAL_PAYLOAD_ROOTS,
  HASH_FUNCTION_PREFIXES,
  IP_NETWORK_WORDS,
  PII_ALTERNATIVE_WORD,
  PII_CARRIER_OBJECT_SUFFIXES,
  PII_MEMBERSHIP_GROUPS,
  PII_CARRIER_PATH_ENDS,
  PII_CARRIER_WORDS,
  PII_ENTITY_WORDS,
  PII_METADATA_SUFFIXES,
  PII_NEGATING_PREFIXES,
  PII_CHAIN_ADDRESS_WORDS,
  PII_CREDENTIAL_QUALIFIERS,
  PII_NEUTRAL_SEQUENCES,
  PII_PASS_THROUGH_CALLS,
  PII_PASS_THROUGH_METHODS,
  PII_SECRET_PATH_ENDS,
  PII_TERMS,
  POSTAL_ADDRESS_QUALIFIERS,
  REDACTION_WORDS,
  type PiiCategory,
} from '../catalogs/pii.js';
import type { ChainFact, DeclaredIn, ResolveDeclaredIn, ValueFact } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { lastName, matchesSpecifier, nameParts, packageNameOf } from './names.js';

export type { PiiCategory } from '../catalogs/pii.js';

/** One personal or secret value found in a value: where (as written) and what. */

/** Text ending in a URL scheme and host part: what follows is a host, not personal data. */
const URL_CONTEXT = /(?:[a-z][a-z\d+.-]*:\/\/|@)[^\s/]*$/i;

export interface PiiHit {
  /** `user.email`, `email`, `{ password }` (shorthand property), `...user` (spread), `token` (property key). */
  readonly path: string;
  readonly category: PiiCategory | 'pii-object';
  /** How to reach the hit from the walked value, outermost first (adapters map it back to their AST). */
  readonly steps: readonly PiiStep[];
  /**
   * The object keys leading to a property hit (`{ user: { password } }` → `['user', 'password']`)
   * when only object literals were entered; matched against a logger's redaction paths.
   */
  readonly keyPath?: readonly string[];
  /**
   * A whole object that has an `id` to log instead: typed, its type has an `id` property; untyped,
   * it is named after an entity (`user`, `customer`, `account`).
   */
  readonly hasId?: boolean;
}

/**
 * One step into a value: the `index`-th non-spread property of an object, spread of an object,
 * element of an array, expression of a template, argument of a call or `new`; the left / right
 * operand of a binary expression; the receiver of a method call (`email.toLowerCase()`).
 */
export interface PiiStep {
  readonly kind: 'property' | 'spread' | 'element' | 'expression' | 'argument' | 'left' | 'right' | 'receiver';
  readonly index: number;
}

/**
 * Where typed linting says the member at `index` of a given chain is declared. The walk of a value
 * meets several calls, so the resolver takes the chain as well (adapters map each `ChainFact` they
 * built back to its node).
 */
export type ResolveChainDeclaredIn = (chain: ChainFact, index: number) => DeclaredIn | undefined;

interface Term {
  readonly category: PiiCategory;
  readonly words: readonly string[];
  readonly notFollowedBy: ReadonlySet<string>;
}

interface CompiledVocabulary {
  /** Terms keyed by their first word. */
  readonly terms: ReadonlyMap<string, readonly Term[]>;
  readonly allow: ReadonlySet<string>;
}

const NEUTRAL: ReadonlyMap<string, readonly (readonly string[])[]> = groupByFirst(PII_NEUTRAL_SEQUENCES.map((words) => words));
const TOKEN_WORDS: ReadonlySet<string> = new Set(['token', 'tokens']);
const CHAIN_ADDRESS_WORDS: ReadonlySet<string> = new Set(PII_CHAIN_ADDRESS_WORDS);
const CREDENTIAL_QUALIFIERS: ReadonlySet<string> = new Set(PII_CREDENTIAL_QUALIFIERS);
const METADATA_SUFFIXES: ReadonlySet<string> = new Set(PII_METADATA_SUFFIXES);
const NEGATING_PREFIXES: ReadonlySet<string> = new Set(PII_NEGATING_PREFIXES);
const POSTAL_QUALIFIERS: ReadonlySet<string> = new Set(POSTAL_ADDRESS_QUALIFIERS);
const BARE_ADDRESS_WORDS: ReadonlySet<string> = new Set(['address', 'addresses']);
const CARRIER_WORDS: ReadonlySet<string> = new Set(PII_CARRIER_WORDS);
const ENTITY_WORDS: ReadonlySet<string> = new Set(PII_ENTITY_WORDS);
const CARRIER_SUFFIXES: ReadonlySet<string> = new Set(PII_CARRIER_OBJECT_SUFFIXES);
const MEMBERSHIP_GROUPS: ReadonlySet<string> = new Set(PII_MEMBERSHIP_GROUPS);
const REDACTION: ReadonlySet<string> = new Set(REDACTION_WORDS);
const PASS_THROUGH_METHODS: ReadonlySet<string> = new Set(PII_PASS_THROUGH_METHODS);
const IP_NETWORK: ReadonlySet<string> = new Set(IP_NETWORK_WORDS);
const PAYLOAD_ROOTS: ReadonlySet<string> = new Set(EXTERNAL_PAYLOAD_ROOTS);
/** Categories that an alternative of a name (`channelOrToken`) makes doubtful: the value may be the harmless one. */
const EVERY_ALTERNATIVE: ReadonlySet<PiiCategory> = new Set(['secret', 'password', 'ip-address']);
const MAX_DEPTH = 12;

function groupByFirst<T extends readonly string[]>(sequences: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const sequence of sequences) {
    const first = sequence[0];
    if (first === undefined) continue;
    const list = map.get(first) ?? [];
    list.push(sequence);
    map.set(first, list);
  }
  return map;
}

const vocabularies = new WeakMap<BackendPatternsSettings['pii'], CompiledVocabulary>();

/** The built-in terms plus `settings.pii.add`, compiled once per settings object. */
function vocabulary(settings: BackendPatternsSettings): CompiledVocabulary {
  const cached = vocabularies.get(settings.pii);
  if (cached !== undefined) return cached;
  const all: Term[] = PII_TERMS.map((term) => ({
    category: term.category,
    words: term.words,
    notFollowedBy: new Set('notFollowedBy' in term ? term.notFollowedBy : []),
  }));
  for (const word of settings.pii.add) {
    const words = nameParts(word);
    if (words.length > 0) all.push({ category: 'custom', words, notFollowedBy: new Set() });
  }
  const terms = new Map<string, Term[]>();
  for (const term of all) {
    const first = term.words[0];
    if (first === undefined) continue;
    terms.set(first, [...(terms.get(first) ?? []), term]);
  }
  const compiled: CompiledVocabulary = { terms, allow: new Set(settings.pii.allow) };
  vocabularies.set(settings.pii, compiled);
  return compiled;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

function startsAt(parts: readonly string[], words: readonly string[], start: number): boolean {
  return words.every((word, offset) => parts[start + offset] === word);
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The PII category an identifier, property or header name stands for, judged on its name parts
 * (`userEmail`, `email_address`, `X-Api-Key`, `passwordHash`), or undefined.
 *
 * Not PII: names where a metadata word follows the term (`emailVerified`, `tokenCount`,
 * `passwordChangedAt`, `tokenExpiresAt`, `emailTemplate`, `tokenType`, `passwordPolicy`,
 * `passwordResetRequired`, `addressId`, `tokenId`) or a flag / count / verb / masked word precedes
 * it (`isEmailSent`, `hasPhone`, `numTokens`, `maskedEmail`, `validateEmail`); other words that
 * merely contain the letters (`emailer`, `tokenizer`, `mailer`); pagination / cancellation tokens
 * and machine addresses (`nextPageToken`, `macAddress`); `name`, which the SPEC does not list.
 * Ids and references are not PII (`sessionId`, `signingKeyDid`, `secretRef`, `tokenUuid`) except the
 * id-shaped terms `taxId`, `nationalId` and `idToken`. A name of alternatives (`channelOrToken`) is
 * personal when one alternative is personal data (`emailOrUsername`), a secret or an IP address only
 * when every alternative is one.
 * IP addresses (`ip`, `clientIp`, `ipAddress`, `remoteAddress`) only when `settings.pii.ipAddress`
 * (default off), and never network ranges or lists (`allowedIps`, `ipCidr`, `trustedIpRanges`).
 * `settings.pii.add` words are matched as parts (category `custom`); `settings.pii.allow` lists
 * exact names that are never PII.
 */
export function piiCategoryOfName(name: string, settings: BackendPatternsSettings): PiiCategory | undefined {
  const { allow } = vocabulary(settings);
  if (allow.has(name)) return undefined;
  const parts = nameParts(name);
  if (!parts.includes(PII_ALTERNATIVE_WORD)) return categoryOfParts(parts, settings);
  // `emailOrPhone`, `channelOrToken`: one value of several kinds.
  const alternatives: string[][] = [[]];
  for (const part of parts) {
    if (part === PII_ALTERNATIVE_WORD) alternatives.push([]);
    else alternatives[alternatives.length - 1]?.push(part);
  }
  const categories = alternatives.filter((words) => words.length > 0).map((words) => categoryOfParts(words, settings));
  const personal = categories.find((category) => category !== undefined && !EVERY_ALTERNATIVE.has(category));
  if (personal !== undefined) return personal;
  return categories.every((category) => category !== undefined) ? categories[0] : undefined;
}

function categoryOfParts(parts: readonly string[], settings: BackendPatternsSettings): PiiCategory | undefined {
  const { terms } = vocabulary(settings);
  const found: (Span & { readonly term: Term })[] = [];
  const blocked: Span[] = [];
  parts.forEach((part, start) => {
    for (const term of terms.get(part) ?? []) {
      if (!startsAt(parts, term.words, start)) continue;
      const span = { start, end: start + term.words.length };
      // An IP address counts only when configured, and a network range or list (`allowedIps`, `ipCidr`) never.
      if (term.category === 'ip-address' && (!settings.pii.ipAddress || parts.some((word) => IP_NETWORK.has(word)))) blocked.push(span);
      else found.push({ ...span, term });
    }
    for (const words of NEUTRAL.get(part) ?? []) {
      // `accessTokenAddress`: a credential's token, whatever follows it.
      if (startsAt(parts, words, start) && !(TOKEN_WORDS.has(part) && CREDENTIAL_QUALIFIERS.has(parts[start - 1] ?? ''))) blocked.push({ start, end: start + words.length });
    }
  });
  let best: (Span & { readonly term: Term }) | undefined;
  for (const candidate of found) {
    if (blocked.some((span) => overlaps(span, candidate))) continue;
    if (parts.slice(0, candidate.start).some((part) => NEGATING_PREFIXES.has(part))) continue;
    const after = parts.slice(candidate.end);
    if (after.some((part) => METADATA_SUFFIXES.has(part) || candidate.term.notFollowedBy.has(part))) continue;
    if (
      best === undefined ||
      candidate.start < best.start ||
      (candidate.start === best.start && candidate.end > best.end)
    ) {
      best = candidate;
    }
  }
  // A bare `address` is a person's only with a postal or personal qualifier in the name.
  // A wallet's or a contract's address (`profileOwnerWalletAddress`) is a chain's, whatever else the name says.
  if (best !== undefined && best.term.category === 'address' && best.term.words.length === 1 && BARE_ADDRESS_WORDS.has(best.term.words[0] ?? '') && (!parts.some((part) => POSTAL_QUALIFIERS.has(part)) || parts.slice(0, best.start).some((part) => CHAIN_ADDRESS_WORDS.has(part)))) return undefined;
  return best?.term.category;
}

/**
 * A bare `address` held by an object named like a person or a postal use (`user.address`,
 * `customer.addresses`, `order.shipping.address`; not `user.wallet.address`): the owner carries the
 * qualifier {@link categoryOfParts} looks for in the name itself.
 */
function postalAddressByOwner(path: readonly string[]): boolean {
  const last = path[path.length - 1];
  const owner = path[path.length - 2];
  if (last === undefined || owner === undefined || !BARE_ADDRESS_WORDS.has(last.toLowerCase())) return false;
  // The object that holds it, not any name before (`user.wallet.address` is a wallet's).
  return nameParts(owner).some((part) => POSTAL_QUALIFIERS.has(part));
}

/**
 * `true` when a name stands for a whole object that carries personal data: `user`, `users`,
 * `customer`, `account`, `member`, `person`, `profile`, `patient`, `employee`, `credentials`,
 * `creds`, `cookies`, `session`, `contact`, also qualified (`currentUser`, `newUser`) or with an
 * object suffix (`userDto`, `createUserDto`, `userData`, `customerRecord`). A carrier word followed
 * by any other word names a part of it, not the object (`userId`, `userCount`, `userRole`,
 * `usersCount`, `userService`), and a flag or count prefix makes it a flag (`isUser`, `numUsers`).
 * The members of a group (`teamMembers`, `organisationMembers`) are memberships, not people.
 * `body` and `headers` count only as request paths (see `isPiiCarrierPath`).
 */
export function isPiiCarrierName(name: string, settings: BackendPatternsSettings): boolean {
  if (vocabulary(settings).allow.has(name)) return false;
  const parts = nameParts(name);
  return parts.some((part, index) => {
    if (!CARRIER_WORDS.has(part)) return false;
    if (parts.slice(0, index).some((before) => NEGATING_PREFIXES.has(before))) return false;
    // `teamMembers`, `organisationMember`: a membership (ids and a role), not a person.
    if ((part === 'member' || part === 'members') && MEMBERSHIP_GROUPS.has(parts[index - 1] ?? '')) return false;
    return parts.slice(index + 1).every((after) => CARRIER_SUFFIXES.has(after) || /^\d+$/.test(after));
  });
}

/**
 * `true` for member paths whose value carries personal data as a whole: the request's body and
 * headers (`req.body`, `request.body`, `ctx.request.body`, `req.headers`, `request.headers`,
 * `ctx.headers`, `event.body`) and members named like a carrier (`req.user`, `this.user`,
 * `req.cookies`, `req.session`, `order.customer`). `user.id`, `user.name`, `req.body.page` are parts.
 */
export function isPiiCarrierPath(path: readonly string[], settings: BackendPatternsSettings): boolean {
  const last = path[path.length - 1];
  if (last === undefined || last === '' || last === 'this') return false;
  if (vocabulary(settings).allow.has(path.join('.'))) return false;
  if (Object.hasOwn(PII_CARRIER_PATH_ENDS, last)) {
    const before: readonly string[] = PII_CARRIER_PATH_ENDS[last as keyof typeof PII_CARRIER_PATH_ENDS];
    return before.includes(path[path.length - 2] ?? '');
  }
  return isPiiCarrierName(last, settings);
}

const LOCK_WORDS: ReadonlySet<string> = new Set(['lock', 'locks', 'unlock', 'lease', 'mutex', 'semaphore']);

/**
 * A function that takes or holds a lock (`acquireLock`, `extendLock`, `releaseLock`, `withLease`):
 * there a `token` is the random value that proves which caller holds the lock, not a credential.
 */
export function handlesLock(functionName: string | undefined): boolean {
  return functionName !== undefined && nameParts(functionName).some((word) => LOCK_WORDS.has(word));
}

/**
 * A machine's address beside its port in the same log call (`${addr.address}:${addr.port}` of
 * `server.address()`, a socket's `remoteAddress` and `remotePort`): an endpoint, not a postal address.
 * `path` is the dotted member the hit is on; `memberPaths` every dotted member the call reads.
 */
export function isEndpointAddress(path: string, memberPaths: readonly string[]): boolean {
  const match = /^(.*\.)?([A-Za-z_$]*)[Aa]ddress$/.exec(path);
  if (match === null) return false;
  const [, object = '', prefix = ''] = match;
  return memberPaths.includes(`${object}${prefix}${prefix === '' ? 'port' : 'Port'}`);
}

/** `true` for a carrier name that ends in one entity (`user`, `currentUser`, `customer`), which has an `id` to log instead. */
export function isPiiEntityName(name: string): boolean {
  return ENTITY_WORDS.has(nameParts(name).at(-1) ?? '');
}

/**
 * The project's redaction helper to suggest (`redact`, `privacy.mask`): the first entry of
 * `settings.redaction.functions`, by name; undefined when none is configured.
 */
export function redactionHelperName(settings: BackendPatternsSettings): string | undefined {
  const first = settings.redaction.functions[0];
  if (first === undefined) return undefined;
  if (typeof first === 'string') return first;
  return typeof first.name === 'string' ? first.name : first.name[0];
}

/** `true` for function names that redact, mask or one-way transform a value. */
export function isRedactionFunctionName(name: string): boolean {
  const lower = name.toLowerCase();
  if (HASH_FUNCTION_PREFIXES.some((prefix) => lower.startsWith(prefix))) return true;
  return nameParts(name).some((part) => REDACTION.has(part));
}

function calleePath(chain: ChainFact): string | undefined {
  if (chain.segments.some((segment, index) => segment.name === '' || (segment.call !== undefined && index < chain.segments.length - 1))) return undefined;
  return chain.segments.map((segment) => segment.name).join('.');
}

/**
 * `true` when a call redacts its argument: functions whose name has a redaction word (`redact`,
 * `mask`, `hash`, `hashValue`, `anonymize`, `obfuscate`, `scrub`, `sanitize*`, `encrypt`,
 * `maskEmail`, `redactPii`, `bcrypt.hash`, `argon2.hash`), hash functions (`sha256`, `md5`), the
 * `crypto.createHash(…).update(x).digest()` chain, and `settings.redaction.functions` (matched
 * with `matchesSpecifier` on the called name, or on the dotted callee for a dotted plain name).
 */
export function isRedactionCall(chain: ChainFact, settings: BackendPatternsSettings, resolve?: ResolveDeclaredIn): boolean {
  const index = chain.segments.length - 1;
  const last = chain.segments[index];
  if (last?.call === undefined || last.name === '') return false;
  const path = calleePath(chain);
  if (settings.redaction.functions.length > 0) {
    const declaredIn = resolve?.(index);
    const configured = settings.redaction.functions.some((spec) =>
      typeof spec === 'string' && spec.includes('.') ? spec === path : matchesSpecifier(spec, last.name, declaredIn),
    );
    if (configured) return true;
  }
  return isRedactionFunctionName(last.name);
}

function memberText(path: readonly string[]): string {
  return path.map((name) => (name === '' ? '(…)' : name)).join('.');
}

function isScalar(value: ValueFact): boolean {
  return (value.kind === 'identifier' || value.kind === 'member' || value.kind === 'other') && value.typeHint?.isScalarNonText === true;
}

/**
 * Last words of names that hold a key or a length (`created.id`, `orderIds`, `rows.length`), never an
 * object of personal data. Not `count`, `total`, `index`, `attempt`: those name objects too
 * (`attempt: LoginAttempt`).
 */
const KEY_OR_COUNT_WORDS: ReadonlySet<string> = new Set(['id', 'ids', 'uuid', 'uuids', 'guid', 'length']);

/**
 * A named value that needs no type look-up: its name says it is a key or a count and is no PII term
 * itself (`nationalId` is). Typed linting would otherwise infer its type, often through ORM result
 * types, only to find a string or a number.
 */
function isKeyOrCount(value: ValueFact, settings: BackendPatternsSettings): boolean {
  if (value.kind === 'member' && isSecretPath(value.path)) return false;
  const name = value.kind === 'identifier' ? value.name : value.kind === 'member' ? value.path[value.path.length - 1] : undefined;
  if (name === undefined || name === '') return false;
  const last = nameParts(name).at(-1);
  return last !== undefined && KEY_OR_COUNT_WORDS.has(last) && piiCategoryOfName(name, settings) === undefined;
}

/** Words that end the name of a number counted (`sentEmailsCounter`, `emailCount`). */
const COUNT_WORDS: ReadonlySet<string> = new Set(['count', 'counter', 'length', 'total']);

/**
 * A value named as a count of what its key names (`{ sentEmails: sentEmailsCounter }`,
 * `{ emails: emailCount }`): the key labels a number, not the addresses.
 */
function isNamedCount(value: ValueFact, settings: BackendPatternsSettings): boolean {
  const name = value.kind === 'identifier' ? value.name : value.kind === 'member' ? value.path[value.path.length - 1] : undefined;
  if (name === undefined || name === '') return false;
  const last = nameParts(name).at(-1);
  return last !== undefined && COUNT_WORDS.has(last) && piiCategoryOfName(name, settings) === undefined;
}

/**
 * Does a `const` that renames another value hold a key, by what it renames (`const sid =
 * this.sandboxId`, `const token = job.id`)? The renamed value's own name ends in a key word and
 * names no PII term (`nationalId` does). A generic name (`emails[0].value`, `event.data.object`)
 * says nothing, and the new name is judged as usual.
 */
export function renamesKey(renamed: readonly string[], settings: BackendPatternsSettings): boolean {
  const name = renamed[renamed.length - 1];
  if (name === undefined || name === '' || isSecretPath(renamed)) return false;
  // `req.session.id`, `session.id` of an auth library, `apiKey.id`: the key of a secret may be the secret itself.
  if (renamed.some((part) => nameParts(part).some((word) => SECRET_HOLDER_WORDS.has(word)))) return false;
  const last = nameParts(name).at(-1);
  return last !== undefined && KEY_OR_COUNT_WORDS.has(last) && piiCategoryOfName(name, settings) === undefined;
}

/** Words of objects whose key may be the secret itself (a session's id is its cookie value). */
const SECRET_HOLDER_WORDS: ReadonlySet<string> = new Set(['session', 'sessions', 'token', 'tokens', 'key', 'keys', 'secret', 'secrets', 'credential', 'credentials', 'auth', 'cookie', 'cookies']);

/** `req.sessionID`: a member that holds a secret whatever its name says (`PII_SECRET_PATH_ENDS`). */
function isSecretPath(path: readonly string[]): boolean {
  const last = path[path.length - 1] ?? '';
  if (!Object.hasOwn(PII_SECRET_PATH_ENDS, last)) return false;
  const before: readonly string[] = PII_SECRET_PATH_ENDS[last as keyof typeof PII_SECRET_PATH_ENDS];
  return before.includes(path[path.length - 2] ?? '');
}

/** The property names typed linting saw on an object-typed value; undefined when untyped or not an object. */
function typedPropertyNames(value: ValueFact): readonly string[] | undefined {
  return value.kind === 'identifier' || value.kind === 'member' || value.kind === 'other' ? value.typeHint?.propertyNames : undefined;
}

/** Where the walk is: the steps from the walked value, and the object keys while only objects were entered. */
interface Trail {
  readonly steps: readonly PiiStep[];
  readonly keys: readonly string[] | undefined;
}

function step(trail: Trail, next: PiiStep, key?: string): Trail {
  return { steps: [...trail.steps, next], keys: key === undefined || trail.keys === undefined ? undefined : [...trail.keys, key] };
}

class PiiWalker {
  readonly hits = new Map<string, PiiHit>();

  constructor(
    private readonly settings: BackendPatternsSettings,
    private readonly resolve: ResolveChainDeclaredIn | undefined,
  ) {}

  private add(path: string, category: PiiHit['category'], trail: Trail, extra: { keyPath?: readonly string[]; hasId?: boolean } = {}): void {
    if (this.hits.has(path)) return;
    this.hits.set(path, {
      path,
      category,
      steps: trail.steps,
      ...(extra.keyPath === undefined ? {} : { keyPath: extra.keyPath }),
      ...(extra.hasId === true ? { hasId: true } : {}),
    });
  }

  /**
   * What a named value is: a PII term by its name (`email`), else an object that carries PII —
   * decided by its type's properties when typed linting saw an object type, by its name otherwise.
   */
  private isAddressValue(value: ValueFact): boolean {
    const names = value.kind === 'identifier' ? [value.name] : value.kind === 'member' ? value.path : undefined;
    return names !== undefined && this.judge(names, value)?.category === 'address';
  }

  /**
   * A whole object that carries personal data, by its name or type (`auditUser`, `user`), rather
   * than a personal value itself (`email`). Turned into text, by a template (`` `User ${auditUser}` ``)
   * or by `+` with a string, it prints `[object Object]`: nothing of it reaches the log.
   */
  private isWholeObject(value: ValueFact): boolean {
    const names = value.kind === 'identifier' ? [value.name] : value.kind === 'member' ? value.path : undefined;
    return names !== undefined && this.judge(names, value)?.category === 'pii-object';
  }

  private judge(names: readonly string[], value: ValueFact): { category: PiiHit['category']; hasId?: boolean } | undefined {
    const direct = names.length === 1 ? piiCategoryOfName(names[0] ?? '', this.settings) : this.termOfPath(names);
    if (direct !== undefined) return { category: direct };
    const properties = typedPropertyNames(value);
    if (properties !== undefined) {
      if (names.length > 1 && vocabulary(this.settings).allow.has(names.join('.'))) return undefined;
      if (names.length === 1 && vocabulary(this.settings).allow.has(names[0] ?? '')) return undefined;
      return properties.some((name) => piiCategoryOfName(name, this.settings) !== undefined) ? { category: 'pii-object', hasId: properties.includes('id') } : undefined;
    }
    const carrier = names.length === 1 ? isPiiCarrierName(names[0] ?? '', this.settings) : this.isCarrierPath(names);
    if (!carrier) return undefined;
    return { category: 'pii-object', hasId: isPiiEntityName(lastName(names) ?? '') };
  }

  private termOfPath(path: readonly string[]): PiiCategory | undefined {
    const last = lastName(path);
    if (last === undefined || last !== path[path.length - 1]) return undefined;
    if (vocabulary(this.settings).allow.has(path.join('.'))) return undefined;
    if (isSecretPath(path)) return 'secret';
    if (postalAddressByOwner(path) && !vocabulary(this.settings).allow.has(last)) return 'address';
    return piiCategoryOfName(last, this.settings);
  }

  private isCarrierPath(path: readonly string[]): boolean {
    const last = lastName(path);
    if (last === undefined || last !== path[path.length - 1]) return false;
    if (vocabulary(this.settings).allow.has(path.join('.'))) return false;
    // `event.user` of a Slack or webhook event is usually an id; only its type (typed linting) can say.
    if (path.length === 2 && PAYLOAD_ROOTS.has(path[0] ?? '')) return false;
    return isPiiCarrierPath(path, this.settings);
  }

  private resolverFor(chain: ChainFact): ResolveDeclaredIn | undefined {
    const resolve = this.resolve;
    return resolve === undefined ? undefined : (index) => resolve(chain, index);
  }

  /** A value that a PII-named key may hold without leaking: constants, flags, redacted values. */
  private isCleared(value: ValueFact): boolean {
    switch (value.kind) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'null':
      case 'undefined':
      case 'function':
        return true;
      case 'template':
        // `${token.slice(0, 4)}…${token.slice(-4)}`: a masked value.
        return value.expressions.length === 0 || isMasked(value);
      case 'identifier':
      case 'member':
        // `{ sessionId: session.id }`, `{ token: tokenId }`: a key logged under any name is no secret.
        return isScalar(value) || isKeyOrCount(value, this.settings);
      case 'other':
        return isScalar(value);
      case 'call':
        // `{ authTokenKeys: Object.keys(token) }`: the names of its fields, not their values.
        return isRedactionCall(value.chain, this.settings, this.resolverFor(value.chain)) || isMasked(value) || KEY_NAME_CALLS.has(value.chain.segments.map((segment) => segment.name).join('.'));
      default:
        return false;
    }
  }

  walk(value: ValueFact, prefix: string | undefined, depth: number, trail: Trail): void {
    if (depth > MAX_DEPTH || isKeyOrCount(value, this.settings) || isScalar(value)) return;
    switch (value.kind) {
      case 'identifier': {
        const verdict = this.judge([value.name], value);
        if (verdict !== undefined) this.add(value.name, verdict.category, trail, { hasId: verdict.hasId ?? false });
        return;
      }
      case 'member': {
        const verdict = this.judge(value.path, value);
        if (verdict !== undefined) this.add(memberText(value.path), verdict.category, trail, { hasId: verdict.hasId ?? false });
        return;
      }
      case 'template':
        value.expressions.forEach((expression, index) => {
          // `http://${address}:${port}`: an address in a URL is a host, not a postal address.
          if (URL_CONTEXT.test(value.quasis?.[index] ?? '') && this.isAddressValue(expression)) return;
          if (this.isWholeObject(expression)) return;
          this.walk(expression, prefix, depth + 1, step(trail, { kind: 'expression', index }));
        });
        return;
      case 'binary': {
        const concatenation = value.operator === '+' && [value.left, value.right].some((side) => side.kind === 'string' || side.kind === 'template');
        if ((value.operator === '+' || value.operator === '||' || value.operator === '??') && !(concatenation && this.isWholeObject(value.left))) this.walk(value.left, prefix, depth + 1, step(trail, { kind: 'left', index: 0 }));
        if (['+', '||', '??', '&&', ','].includes(value.operator) && !(concatenation && this.isWholeObject(value.right))) this.walk(value.right, prefix, depth + 1, step(trail, { kind: 'right', index: 0 }));
        return;
      }
      case 'array':
        value.elements.forEach((element, index) => {
          this.walk(element, prefix, depth + 1, step(trail, { kind: 'element', index }));
        });
        return;
      case 'object':
        this.walkObject(value, prefix, depth, trail);
        return;
      case 'call':
        this.walkCall(value.chain, prefix, depth, trail);
        return;
      case 'new':
        // `new Error(\`… ${email}\`)` carries its message; other constructed objects are opaque.
        if (['error', 'exception'].includes(nameParts(value.className).at(-1) ?? '')) {
          value.args.forEach((arg, index) => {
            this.walk(arg, prefix, depth + 1, step(trail, { kind: 'argument', index }));
          });
        }
        return;
      default:
        return;
    }
  }

  private walkObject(value: Extract<ValueFact, { kind: 'object' }>, prefix: string | undefined, depth: number, trail: Trail): void {
    value.properties.forEach((property, index) => {
      const key = property.key;
      const keyPath = key === undefined ? prefix : prefix === undefined ? key : `${prefix}.${key}`;
      const inner = step(trail, { kind: 'property', index }, key);
      if (property.value.kind === 'object' || property.value.kind === 'array') {
        this.walk(property.value, keyPath, depth + 1, inner);
        return;
      }
      if (key === undefined) {
        this.walk(property.value, prefix, depth + 1, inner);
        return;
      }
      if (property.shorthand) {
        const verdict = isKeyOrCount(property.value, this.settings) || isScalar(property.value) ? undefined : this.judge([key], property.value);
        if (verdict !== undefined) {
          this.add(prefix === undefined ? `{ ${key} }` : `${prefix}.${key}`, verdict.category, inner, { ...(inner.keys === undefined ? {} : { keyPath: inner.keys }), hasId: verdict.hasId ?? false });
        }
        return;
      }
      const keyCategory = piiCategoryOfName(key, this.settings);
      if (keyCategory !== undefined) {
        if (!this.isCleared(property.value) && !isNamedCount(property.value, this.settings)) this.add(keyPath ?? key, keyCategory, inner, inner.keys === undefined ? {} : { keyPath: inner.keys });
        return;
      }
      this.walk(property.value, prefix, depth + 1, { steps: inner.steps, keys: undefined });
    });
    value.spreads.forEach((spread, index) => {
      if (isScalar(spread)) return;
      const inner = step(trail, { kind: 'spread', index });
      if (spread.kind === 'identifier' || spread.kind === 'member') {
        const path = spread.kind === 'identifier' ? [spread.name] : spread.path;
        const verdict = this.judge(path, spread);
        if (verdict !== undefined) this.add(`...${memberText(path)}`, verdict.category, inner, { hasId: verdict.hasId ?? false });
        return;
      }
      this.walk(spread, prefix, depth + 1, inner);
    });
  }

  private walkCall(chain: ChainFact, prefix: string | undefined, depth: number, trail: Trail): void {
    if (isRedactionCall(chain, this.settings, this.resolverFor(chain)) || isMasked({ kind: 'call', chain })) return;
    const segments = chain.segments;
    const index = segments.length - 1;
    const last = segments[index];
    if (last?.call === undefined) return;
    const args = last.call.args;
    const passThrough = passThroughArgs(chain);
    if (passThrough !== undefined) {
      args.forEach((arg, position) => {
        if (passThrough === 'all' || passThrough.includes(position)) this.walk(arg, prefix, depth + 1, step(trail, { kind: 'argument', index: position }));
      });
      return;
    }
    if (index >= 1 && PASS_THROUGH_METHODS.has(last.name)) {
      const receiver = receiverValue(chain, index);
      if (receiver !== undefined) this.walk(receiver, prefix, depth + 1, step(trail, { kind: 'receiver', index: 0 }));
      if (last.name === 'concat') {
        args.forEach((arg, position) => {
          this.walk(arg, prefix, depth + 1, step(trail, { kind: 'argument', index: position }));
        });
      }
    }
  }
}

/** Most characters a masked value shows, over all its parts (`${t.slice(0, 4)}…${t.slice(-4)}`): a hint for the reader, no secret. */
const MASK_SHOWS_AT_MOST = 8;

/** Values never shown in part: a few characters of a password, a one-time code or a PIN are most of it. */
const NEVER_MASKED = /^(?:password|passwd|pwd|passcode|passphrase|otp|pin|cvv|cvc)$/;

/**
 * How many characters a cut with literal bounds keeps of a single value (`token.slice(0, 4)`,
 * `key.slice(-4)`, `secret.substring(0, 6)`, `t.substr(-4)`), the way a value is masked for a log line;
 * undefined for any other call, a list (`emails.slice(-3)` keeps elements), a password or code, or a
 * bound the code computes.
 */
function charactersKept(chain: ChainFact): number | undefined {
  const segments = chain.segments;
  const last = segments[segments.length - 1];
  const receiver = segments[segments.length - 2];
  if (last?.call === undefined || receiver === undefined || receiver.name === '' || !['slice', 'substring', 'substr'].includes(last.name)) return undefined;
  const words = nameParts(receiver.name);
  const noun = words.at(-1) ?? '';
  if (words.some((word) => NEVER_MASKED.test(word)) || (/s$/.test(noun) && !/ss$/.test(noun))) return undefined;
  const bounds = last.call.args.map((arg) => (arg.kind === 'number' ? arg.value : undefined));
  if (bounds.length === 0 || bounds.length > 2 || bounds.some((bound) => bound === undefined)) return undefined;
  const [start = 0, end] = bounds as number[];
  if (end === undefined) return start < 0 && last.name !== 'substring' ? -start : undefined;
  if (last.name === 'substr') return start >= 0 || end >= 0 ? Math.max(end, 0) : undefined;
  if (last.name === 'substring') return start >= 0 && end >= 0 ? Math.abs(end - start) : undefined;
  return (start >= 0 && end >= 0) || (start < 0 && end < 0) ? Math.max(end - start, 0) : undefined;
}

/** A value masked to a few characters: a cut of at most eight, or a template whose cuts show at most eight in all. */
function isMasked(value: ValueFact): boolean {
  if (value.kind === 'call') return (charactersKept(value.chain) ?? Number.POSITIVE_INFINITY) <= MASK_SHOWS_AT_MOST;
  if (value.kind !== 'template' || value.expressions.length === 0) return false;
  let shown = 0;
  for (const expression of value.expressions) {
    const kept = expression.kind === 'call' ? charactersKept(expression.chain) : undefined;
    if (kept === undefined) return false;
    shown += kept;
  }
  return shown <= MASK_SHOWS_AT_MOST;
}

/** Calls that return an object's field names, never its values. */
const KEY_NAME_CALLS: ReadonlySet<string> = new Set(['Object.keys', 'Object.getOwnPropertyNames', 'Reflect.ownKeys']);

function passThroughArgs(chain: ChainFact): readonly number[] | 'all' | undefined {
  const path = calleePath(chain);
  if (path === undefined) return undefined;
  // `import { inspect } from 'node:util'; inspect(user)`
  const key = chain.segments.length === 1 && packageNameOf(chain.rootImport) === 'util' ? `util.${path}` : path;
  return Object.hasOwn(PII_PASS_THROUGH_CALLS, key) ? PII_PASS_THROUGH_CALLS[key as keyof typeof PII_PASS_THROUGH_CALLS] : undefined;
}

/** The value a call's receiver (segments before `end`) stands for. */
function receiverValue(chain: ChainFact, end: number): ValueFact | undefined {
  const segments = chain.segments.slice(0, end);
  if (segments.length === 0) return undefined;
  const lastCall = segments.findLastIndex((segment) => segment.call !== undefined);
  if (lastCall === -1) {
    const names = segments.map((segment) => segment.name);
    const first = names[0];
    return names.length === 1 && first !== undefined ? { kind: 'identifier', name: first } : { kind: 'member', path: names };
  }
  const head: ChainFact = { segments: segments.slice(0, lastCall + 1), awaited: false, ...(chain.rootImport === undefined ? {} : { rootImport: chain.rootImport }) };
  if (lastCall === segments.length - 1) return { kind: 'call', chain: head };
  // `getUser().email.toLowerCase()`: the members read from a call's result.
  const callText = `${head.segments.map((segment) => segment.name).join('.')}(…)`;
  return { kind: 'member', path: [callText, ...segments.slice(lastCall + 1).map((segment) => segment.name)] };
}

/**
 * Finds the personal data and secrets a value (a log argument, a response body) includes:
 * identifiers and member paths by their last name (`user.email`; `user.id` is not PII) or as whole
 * carriers (`user`, `req.body`), object properties by key (`{ token: t }`, unless the value is a
 * constant or redacted) or value, shorthand properties (`{ password }`), nested objects and arrays,
 * spreads of carriers (`...user`), template expressions, `+` concatenation and `||`/`??`
 * fallbacks, and calls that pass their content through (`JSON.stringify(x)`, `util.inspect(x)`,
 * `String(x)`, `x.toString()`, `x.toLowerCase()`, `xs.join()`, `Buffer.from(x)`). A redaction call
 * stops the walk (`mask(email)`); any other call's result is unknown and not reported. A value
 * whose type is a boolean, number, date or enum (`TypeHint.isScalarNonText`) is never PII.
 * Hits are de-duplicated per path, first category wins.
 * @param resolve where the member at an index of a chain met on the walk is declared (typed mode).
 */
export function findPiiInValue(value: ValueFact, settings: BackendPatternsSettings, resolve?: ResolveChainDeclaredIn): PiiHit[] {
  const walker = new PiiWalker(settings, resolve);
  walker.walk(value, undefined, 0, { steps: [], keys: [] });
  return [...walker.hits.values()];
}
