import {
  CACHE_CLIENT_NAME_WORDS,
  CACHE_CONSTRUCTORS,
  CACHE_FACTORIES,
  CACHE_PACKAGES,
  CACHE_PACKAGES_BY_NAME_ONLY,
  CACHE_TTL_SHAPES,
  CACHE_TYPE_NAMES,
  DEFAULT_TTL_OPTION_KEYS,
  NOT_CACHE_CLASSES,
  RAW_CACHE_CLIENT_LIBRARY_WORDS,
  RAW_CACHE_CLIENT_OTHER_WORDS,
  REDIS_LIBRARIES,
  REDIS_EXPIRE_COMMANDS,
  REDIS_EXPIRY_OPTION_KEYS,
  REDIS_EXPIRY_TOKENS,
  REDIS_HASH_WRITES,
  REDIS_SET_WITH_TTL,
  type CacheLibrary,
  type CacheTtlShape,
  type RedisLibrary,
} from '../catalogs/cache-clients.js';
import type { ValueFact } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { matchesNamePattern, nameParts, packageNameOf } from './names.js';

export type { CacheLibrary } from '../catalogs/cache-clients.js';

function lookup(table: Readonly<Record<string, CacheLibrary>>, key: string | undefined): CacheLibrary | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The library of a name imported from `fromPackage`: any export of a cache client package, only the catalogued ones of `@nestjs/common`. */
function importedLibrary(fromPackage: string | undefined, known: boolean): CacheLibrary | undefined {
  const library = cacheLibraryOfPackage(fromPackage);
  if (library === undefined) return undefined;
  return known || !(CACHE_PACKAGES_BY_NAME_ONLY as readonly string[]).includes(packageNameOf(fromPackage) ?? '') ? library : undefined;
}

/** The cache library of an import specifier or declaring package (`ioredis`, `redis`, `@redis/client/dist/…`). */
export function cacheLibraryOfPackage(specifier: string | undefined): CacheLibrary | undefined {
  return lookup(CACHE_PACKAGES, packageNameOf(specifier));
}

/** `true` for Redis clients (ioredis, node-redis, Upstash): expiry by `EX`/`PX` or an `expire` of the key. */
export function isRedisLibrary(library: CacheLibrary): library is RedisLibrary {
  return (REDIS_LIBRARIES as readonly string[]).includes(library);
}

/**
 * What a receiver is, when it is not a cache client we can judge untyped:
 * - `not-cache`: a key-value class without expiry (`Map`, `WeakMap`, `URLSearchParams`…), held for
 *   the length of a call or a request;
 * - `other`: a class or type of the project or of a package that is no cache library
 *   (`new BlockMap()`, `new TtlCache(…)`, `cacheService: CacheService` from `'@app/cache'`). Its
 *   `set` may apply a default TTL of its own; untyped we stay silent.
 */
export type NotCacheClient = 'not-cache' | 'other';

/**
 * What a client built by `new X(…)` or `factory(…)` is: a cache library, `'not-cache'` for `Map`,
 * `Set`, `URLSearchParams`, `Headers`…, `'other'` for any other class (`new BlockMap()`, a project
 * wrapper constructed or returned by a factory from a relative, workspace or non-cache package import),
 * or undefined for calls we cannot place.
 * `fromPackage` (the import of `X`) wins over the name: `new Redis()` from `'@app/redis'` is the
 * project's class, not ioredis's.
 */
export function cacheLibraryOfConstructor(name: string, kind: 'new' | 'call', fromPackage?: string): CacheLibrary | NotCacheClient | undefined {
  const last = name.slice(name.lastIndexOf('.') + 1);
  if (kind === 'new' && (NOT_CACHE_CLASSES as readonly string[]).includes(last)) return 'not-cache';
  const byName = kind === 'new' ? lookup(CACHE_CONSTRUCTORS, last) : lookup(CACHE_FACTORIES, last);
  const imported = importedLibrary(fromPackage, byName !== undefined);
  if (kind === 'call') {
    if (fromPackage === undefined || imported !== undefined) return byName === undefined ? undefined : imported ?? byName;
    // A factory imported from the project or from a package that is no cache library
    // (`TypedCache(…)` from '@app/lib/cache', `await getCacheManager()` from '../cache'): what it
    // returns is a client that module built, whose `set` may apply a default expiry of its own, as
    // for an imported client. A factory named as a cache library's (`createClient` of a wrapper
    // package) or for the raw client (`getRedisClient()`) is still judged by the name its result is
    // stored under, and so is a result stored under a raw client's name (the adapters' part).
    if (byName !== undefined) return undefined;
    return namesRawCacheClient(last.replace(/^(?:get|create|make|new|build|init|connect|use)(?=[A-Z])/, '')) ? undefined : 'other';
  }
  if (imported !== undefined) return imported;
  return byName === undefined || fromPackage !== undefined ? 'other' : byName;
}

/**
 * What a type annotation names: `Redis`, `RedisClientType`, `Cache` (cache-manager), `Map<…>` (not
 * a cache), `'other'` for a type imported from a package that is no cache library or from the
 * project (`RedisCacheService` from `'@app/redis-cache'`) and for types declared in the file
 * (`local`); undefined when nothing is known (a global name we do not catalog).
 */
export function cacheLibraryOfTypeName(name: string, fromPackage?: string, local = false): CacheLibrary | NotCacheClient | undefined {
  if ((NOT_CACHE_CLASSES as readonly string[]).includes(name)) return 'not-cache';
  const imported = importedLibrary(fromPackage, lookup(CACHE_TYPE_NAMES, name) !== undefined);
  if (imported !== undefined) return imported;
  if (fromPackage !== undefined || local) return 'other';
  return lookup(CACHE_TYPE_NAMES, name);
}

/** The facts of a `new X({…})` that bear on expiry, for {@link constructedWithTtl}. */
export interface CacheConstruction {
  readonly library: CacheLibrary;
  readonly constructorName: string;
  /** Static keys of the options object(s) passed to the constructor. */
  readonly optionKeys: readonly string[];
  /** The options spread caller options in (`new LRUCache({ ...opts })`) or are a variable. */
  readonly opaqueOptions: boolean;
}

/**
 * Does every entry of a client built this way expire, or is the client bounded by design? A
 * default ttl option (`stdTTL`, `ttl`, see the catalog), a constructor named for it (`TTLCache`),
 * caller options spread in (their type may require `ttl`, we cannot see), or an lru-cache bounded by
 * count or size (`max`, `maxSize`) with `dispose`: a bounded pool of live objects that are disposed on eviction, not data
 * that goes stale (https://github.com/isaacs/node-lru-cache#dispose).
 */
export function constructedWithTtl(construction: CacheConstruction): boolean {
  const { library, constructorName, optionKeys } = construction;
  if (/ttl/i.test(constructorName) || construction.opaqueOptions) return true;
  const option = defaultTtlOption(library);
  if ((option !== undefined && optionKeys.includes(option)) || optionKeys.some((key) => (DEFAULT_TTL_OPTION_KEYS as readonly string[]).includes(key))) return true;
  return library === 'lru-cache' && (optionKeys.includes('max') || optionKeys.includes('maxSize')) && optionKeys.includes('dispose');
}

/**
 * Does a variable or property name hold a cache client by convention (`redis`, `redisClient`,
 * `cacheManager`, `userCache`, `keyv`, `lru`), or match `settings.cache.clientNames`? `cached`,
 * `cacheKey`, `cacheControl`, `bySku` do not.
 */
export function isCacheClientName(name: string, settings: BackendPatternsSettings): boolean {
  if (settings.cache.clientNames.some((pattern) => matchesNamePattern(name, pattern))) return true;
  const parts = nameParts(name);
  const last = parts[parts.length - 1];
  if (last === 'key' || last === 'keys' || last === 'control' || last === 'ttl' || last === 'options' || last === 'config') return false;
  return parts.some((part) => (CACHE_CLIENT_NAME_WORDS as readonly string[]).includes(part));
}

/**
 * Does the name say the value is a cache library's client itself (`redis`, `redisClient`,
 * `ioredis`, `keyvConnection`) rather than something the project built on one (`redisCache`,
 * `sessionCache`, `cacheService`, whose own `set` may apply a default expiry)? Used for values
 * imported from the project, whose declaration untyped linting cannot see.
 */
export function namesRawCacheClient(name: string): boolean {
  const parts = nameParts(name);
  const library = RAW_CACHE_CLIENT_LIBRARY_WORDS as readonly string[];
  const other = RAW_CACHE_CLIENT_OTHER_WORDS as readonly string[];
  return parts.some((part) => library.includes(part)) && parts.every((part) => library.includes(part) || other.includes(part));
}

/** A client named like a cache but of unknown library: Redis style for `redis*`, else the `set(k, v, ttl)` shape. */
export function cacheLibraryOfName(name: string, importedLibraries: readonly CacheLibrary[]): CacheLibrary {
  const parts = nameParts(name);
  const redisImports = importedLibraries.filter(isRedisLibrary);
  const redis: CacheLibrary = redisImports.length === 1 && redisImports[0] !== undefined ? redisImports[0] : 'ioredis';
  if (parts.includes('redis') || parts.includes('upstash')) return redis;
  if (parts.includes('keyv')) return 'keyv';
  if (parts.includes('lru')) return 'lru-cache';
  const stores = importedLibraries.filter((library) => !isRedisLibrary(library));
  if (stores.length === 1 && stores[0] !== undefined) return stores[0];
  if (stores.length === 0 && importedLibraries.length > 0) return redis;
  return 'cache-manager';
}

/** The key of a write when it is a string constant, and the value the stored variable is bound to, if it is a `const`. */
export interface FixedKeyFacts {
  readonly text: string;
  readonly value?: ValueFact;
}

export type CacheWriteVerdict =
  /** A write that sets no expiry. */
  | { readonly kind: 'missingTtl' }
  /** A hash write (`hset`): expiry needs a separate `expire` of the same key. */
  | { readonly kind: 'hash' };

/** An options object with one of `keys` (compared case-insensitively), a computed key or a spread. */
function hasKey(value: ValueFact, keys: readonly string[]): boolean {
  const wanted = new Set(keys.map((key) => key.toUpperCase()));
  return value.kind === 'object' && (value.spreads.length > 0 || value.properties.some((property) => property.key === undefined || wanted.has(property.key.toUpperCase())));
}

/**
 * An options object with a key named for an expiry, in a unit or not: `ttl`, `ttlMs`, `ttlSeconds`,
 * `expiresIn`, `expiry`, `maxAge` (not `expired`, `ttlPolicy`, nor a key set to `undefined`);
 * `unitOnly`: a ttl with its unit only (`ttlMs`, `ttlSeconds`), which no Redis client takes.
 */
function namesExpiry(value: ValueFact, unitOnly = false): boolean {
  const pattern = unitOnly ? /^ttl(?:Ms|MS|Millis|Milliseconds|Sec|Secs|Seconds|Minutes|Mins|Hours|InMs|InSeconds)$/ : /^(?:ttl|TTL|expires|expiry|expiration|maxAge)(?:Ms|MS|Millis|Milliseconds|Sec|Secs|Seconds|S|Minutes|Mins|Hours|In|InMs|InSeconds|At)?$/;
  return value.kind === 'object' && value.properties.some((property) => property.key !== undefined && pattern.test(property.key) && property.value.kind !== 'undefined');
}

/** `Date.now() + ttl`, `Date.now() + 60_000`: the value is its own expiry time, checked on read. */
function isExpiryTimestamp(value: ValueFact): boolean {
  if (value.kind !== 'binary' || value.operator !== '+') return false;
  const isNow = (side: ValueFact): boolean => side.kind === 'call' && side.chain.segments.map((segment) => segment.name).join('.') === 'Date.now';
  return isNow(value.left) || isNow(value.right);
}

/** Arguments we cannot see into (a variable, a call, a spread): assume they may carry a ttl. */
function isOpaque(value: ValueFact): boolean {
  return value.kind === 'identifier' || value.kind === 'member' || value.kind === 'call' || value.kind === 'other' || value.kind === 'binary' || value.kind === 'template';
}

/**
 * Judges a cache write `method(args)` on a client of `library` (SPEC §4 `require-cache-ttl`):
 * Redis `set(k, v)` with no `EX/PX/EXAT/PXAT/KEEPTTL` token or option (`'NX'` alone is no expiry),
 * `hset/hmset` (expiry only by `expire`; not timestamps, numbers, flags or ids in one hash under a fixed
 * key that does not say cache, `hset(API_KEY_LAST_USED, String(key.id), Date.now())`: a table, not entries), and `set(k, v)` of cache-manager, keyv, node-cache and
 * lru-cache without a ttl argument, unless the client was built with a default ttl
 * (`clientHasDefaultTtl`: `new NodeCache({ stdTTL })`, `new LRUCache({ ttl })`). Expiry options are
 * matched case-insensitively (Upstash's `{ ex: 60 }`, `{ keepTtl: true }`). Not reported: `setex`,
 * writes whose extra arguments are variables, `set(key, undefined)` (an invalidation) and a value
 * that is its own expiry time (`Date.now() + ttl`, checked on read). Nor, on a Redis client, a
 * `set` of a scalar (a timestamp, an id, a flag) to one fixed key (`fixedKey.text`: the key is a string
 * constant, written here or bound to a `const`) whose text does not say cache
 * (`'jobs:last-processed-partition'`, a heartbeat, a watermark): Redis is the store of that one
 * slot of application state, overwritten in place; it cannot pile up, and it is no copy of data
 * kept elsewhere that could go stale. Keys built per entity (`` `user:${id}` ``), keys that say
 * cache (`'cache:feature-flags'`) and serialised data under a fixed key
 * (`set('catalog:bestsellers', JSON.stringify(items))`, a copy of a query) are still judged, also
 * when the data was serialised into a `const` first (`fixedKey.value`: the value the stored
 * variable is bound to, `const payload = JSON.stringify(rates); set('fx:rates', payload)`).
 * Undefined when there is nothing to report.
 */
export function classifyCacheWrite(library: CacheLibrary, method: string, args: readonly ValueFact[], clientHasDefaultTtl: boolean, fixedKey?: FixedKeyFacts): CacheWriteVerdict | undefined {
  const value = args[1];
  if (value !== undefined && (value.kind === 'undefined' || isExpiryTimestamp(value)) && !(REDIS_HASH_WRITES as readonly string[]).includes(method)) return undefined;
  if (isRedisLibrary(library)) {
    if ((REDIS_HASH_WRITES as readonly string[]).includes(method)) {
      // One hash under a fixed key whose text does not say cache, each field a timestamp, a number, a
      // flag or an id (`hset('session:user', sessionId, session.userId)`), is a table of
      // the application's state (last-used times by key id, a buffer a task drains into the database,
      // an index of sessions): an expiry of the key would drop every field at once. Copies of data
      // (a value serialised for the store, an object of fields) are still judged.
      const fields = args.slice(1).filter((_, index) => index % 2 === 0);
      const values = args.slice(2).filter((_, index) => index % 2 === 0);
      // Ids map ids only (`sessionId` → `session.userId`): a token or a state code as the field (`hset('password_reset', resetToken, user.id)`) must expire.
      if (fixedKey !== undefined && !/cach/i.test(fixedKey.text) && values.length > 0 && (values.every(isStateScalar) || (values.every(isIdValue) && fields.every(isIdValue)))) return undefined;
      return { kind: 'hash' };
    }
    if (method !== 'set' && method !== 'SET') return undefined;
    if (fixedKey !== undefined && !/cach/i.test(fixedKey.text) && value !== undefined && !isSerializedData(fixedKey.value ?? value)) return undefined;
    if (args.length < 2) return undefined;
    const extra = args.slice(2);
    const expires = extra.some(
      // An options object naming a ttl with its unit (`{ ttlMs }`), which no Redis client takes, is a
      // wrapper's `set`; `{ ttl: 60 }` or `{ expiresIn: 60 }` on a Redis client sets no expiry at all.
      (arg) => isOpaque(arg) || (arg.kind === 'string' && (REDIS_EXPIRY_TOKENS as readonly string[]).includes(arg.text.toUpperCase())) || hasKey(arg, REDIS_EXPIRY_OPTION_KEYS) || namesExpiry(arg, true),
    );
    return expires ? undefined : { kind: 'missingTtl' };
  }
  if (method !== 'set' || args.length < 2 || clientHasDefaultTtl) return undefined;
  // An lru-cache is bounded by construction (it requires `max`, `maxSize` or `ttl`): a constant marker
  // (`seen.set(jobId, true)`) is a set of recent keys, with no copy of data to go stale.
  if (library === 'lru-cache' && (value?.kind === 'boolean' || value?.kind === 'number') && value.value !== undefined) return undefined;
  const shape: CacheTtlShape = CACHE_TTL_SHAPES[library];
  const ttl = args[2];
  if (ttl === undefined || ttl.kind === 'undefined' || ttl.kind === 'null') return { kind: 'missingTtl' };
  // The library's option, or an expiry the options name in their own words (`{ ttlMs }`, `{ ttlSeconds }`,
  // `{ expiresIn }`, `{ maxAge }`): a project's wrapper or a client we matched by name may take it.
  if (ttl.kind === 'object') return (shape.optionKey !== undefined && hasKey(ttl, [shape.optionKey])) || namesExpiry(ttl) ? undefined : { kind: 'missingTtl' };
  return undefined;
}

/** A timestamp, a number or a flag written as such (`Date.now()`, `seenAt.getTime()`, `new Date().toISOString()`, `1`, `true`). */
function isStateScalar(value: ValueFact): boolean {
  if (value.kind === 'number' || value.kind === 'boolean') return true;
  if (value.kind !== 'call') return false;
  const name = value.chain.segments[value.chain.segments.length - 1]?.name ?? '';
  return name === 'now' || name === 'getTime' || name === 'valueOf' || name === 'toISOString';
}

/** An id held by a name (`userId`, `session.roleId`, `row.id`): a reference to a row, not a copy of it. */
function isIdValue(value: ValueFact): boolean {
  const name = value.kind === 'identifier' ? value.name : value.kind === 'member' ? value.path[value.path.length - 1] : undefined;
  return name !== undefined && /^(?:id|_id|uuid)$|[a-z0-9](?:Id|ID|_id|Uuid)$/.test(name);
}

/** Structured data serialised for the store (`JSON.stringify(items)`, `serialize(x)`, an object or array): what a cache copies. */
function isSerializedData(value: ValueFact): boolean {
  if (value.kind === 'object' || value.kind === 'array') return true;
  if (value.kind !== 'call') return false;
  const name = value.chain.segments[value.chain.segments.length - 1]?.name ?? '';
  return /^(?:stringify|serialize|serialise|encode|pack|compress|gzip|deflate)/i.test(name);
}

/** `true` for Redis commands that set a key's expiry (`expire`, `pexpire`, `expireat`). */
export function isExpireCommand(method: string): boolean {
  return (REDIS_EXPIRE_COMMANDS as readonly string[]).includes(method);
}

/** `true` for `setex` / `psetex` / `setEx`: a `SET` with its expiry built in. */
export function isSetWithTtl(method: string): boolean {
  return (REDIS_SET_WITH_TTL as readonly string[]).includes(method);
}

/** The constructor option that gives every entry a default ttl (`stdTTL` of node-cache, `ttl` of lru-cache / keyv / cache-manager). */
export function defaultTtlOption(library: CacheLibrary): string | undefined {
  return isRedisLibrary(library) ? undefined : CACHE_TTL_SHAPES[library].defaultTtlOption;
}

export interface TtlInsertion {
  /** Text appended after the value argument (`, 'EX', 300`), when there is no third argument. */
  readonly argument: string;
  /** Text inserted at the start of an existing options object (` EX: 300,`), when the third argument is one. */
  readonly optionEntry?: string;
  /** How the message names the client's ttl form. */
  readonly form: string;
}

/**
 * The ttl in the client's own form, for a suggestion: ioredis `'EX', s`; node-redis `{ EX: s }`;
 * Upstash `{ ex: s }`;
 * cache-manager v5+ and keyv milliseconds; node-cache seconds; lru-cache `{ ttl: ms }`.
 * cache-manager v4's `{ ttl: s }` is used when the call already passes an options object.
 */
export function ttlInsertion(library: CacheLibrary, seconds: number): TtlInsertion {
  const ms = String(seconds * 1000);
  const s = String(seconds);
  switch (library) {
    case 'ioredis':
      return { argument: `, 'EX', ${s}`, form: `'EX', ${s}` };
    case 'node-redis':
      return { argument: `, { EX: ${s} }`, optionEntry: ` EX: ${s},`, form: `{ EX: ${s} }` };
    case 'upstash-redis':
      return { argument: `, { ex: ${s} }`, optionEntry: ` ex: ${s},`, form: `{ ex: ${s} }` };
    case 'cache-manager':
      return { argument: `, ${ms}`, optionEntry: ` ttl: ${s},`, form: `${ms} ms` };
    case 'keyv':
      return { argument: `, ${ms}`, form: `${ms} ms` };
    case 'node-cache':
      return { argument: `, ${s}`, form: `${s} seconds` };
    case 'lru-cache':
      return { argument: `, { ttl: ${ms} }`, optionEntry: ` ttl: ${ms},`, form: `{ ttl: ${ms} }` };
  }
}
