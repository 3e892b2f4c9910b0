import {
  CACHE_CLIENT_NAME_WORDS,
  CACHE_CONSTRUCTORS,
  CACHE_FACTORIES,
  CACHE_PACKAGES,
  CACHE_TTL_SHAPES,
  CACHE_TYPE_NAMES,
  NOT_CACHE_CLASSES,
  REDIS_EXPIRE_COMMANDS,
  REDIS_EXPIRY_OPTION_KEYS,
  REDIS_EXPIRY_TOKENS,
  REDIS_HASH_WRITES,
  REDIS_SET_WITH_TTL,
  type CacheLibrary,
  type CacheTtlShape,
} from '../catalogs/cache-clients.js';
import type { ValueFact } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { matchesNamePattern, nameParts, packageNameOf } from './names.js';

export type { CacheLibrary } from '../catalogs/cache-clients.js';

function lookup(table: Readonly<Record<string, CacheLibrary>>, key: string | undefined): CacheLibrary | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The cache library of an import specifier or declaring package (`ioredis`, `redis`, `@redis/client/dist/…`). */
export function cacheLibraryOfPackage(specifier: string | undefined): CacheLibrary | undefined {
  return lookup(CACHE_PACKAGES, packageNameOf(specifier));
}

/**
 * What a client built by `new X(…)` or `factory(…)` is: a cache library, `'not-cache'` for `Map`,
 * `Set`, `URLSearchParams`, `Headers`…, or undefined. `fromPackage` (the import of `X`) wins over the name.
 */
export function cacheLibraryOfConstructor(name: string, kind: 'new' | 'call', fromPackage?: string): CacheLibrary | 'not-cache' | undefined {
  const last = name.slice(name.lastIndexOf('.') + 1);
  if (kind === 'new' && (NOT_CACHE_CLASSES as readonly string[]).includes(last)) return 'not-cache';
  const imported = cacheLibraryOfPackage(fromPackage);
  const byName = kind === 'new' ? lookup(CACHE_CONSTRUCTORS, last) : lookup(CACHE_FACTORIES, last);
  if (byName === undefined) return undefined;
  return imported ?? byName;
}

/** What a type annotation names: `Redis`, `RedisClientType`, `Cache` (cache-manager), `Map<…>` (not a cache). */
export function cacheLibraryOfTypeName(name: string, fromPackage?: string): CacheLibrary | 'not-cache' | undefined {
  if ((NOT_CACHE_CLASSES as readonly string[]).includes(name)) return 'not-cache';
  const byName = lookup(CACHE_TYPE_NAMES, name);
  if (byName === undefined) return undefined;
  // `Cache` is also the DOM's Cache Storage type: only cache-manager's counts without an import.
  if (name === 'Cache' && fromPackage !== undefined && cacheLibraryOfPackage(fromPackage) === undefined) return undefined;
  return cacheLibraryOfPackage(fromPackage) ?? byName;
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

/** A client named like a cache but of unknown library: Redis style for `redis*`, else the `set(k, v, ttl)` shape. */
export function cacheLibraryOfName(name: string, importedLibraries: readonly CacheLibrary[]): CacheLibrary {
  const parts = nameParts(name);
  const redis: CacheLibrary = importedLibraries.includes('node-redis') && !importedLibraries.includes('ioredis') ? 'node-redis' : 'ioredis';
  if (parts.includes('redis')) return redis;
  if (parts.includes('keyv')) return 'keyv';
  if (parts.includes('lru')) return 'lru-cache';
  const stores = importedLibraries.filter((library) => library !== 'ioredis' && library !== 'node-redis');
  if (stores.length === 1 && stores[0] !== undefined) return stores[0];
  if (stores.length === 0 && importedLibraries.length > 0) return redis;
  return 'cache-manager';
}

export type CacheWriteVerdict =
  /** A write that sets no expiry. */
  | { readonly kind: 'missingTtl' }
  /** A hash write (`hset`): expiry needs a separate `expire` of the same key. */
  | { readonly kind: 'hash' };

function hasKey(value: ValueFact, keys: readonly string[]): boolean {
  return value.kind === 'object' && (value.spreads.length > 0 || value.properties.some((property) => property.key === undefined || keys.includes(property.key)));
}

/** Arguments we cannot see into (a variable, a call, a spread): assume they may carry a ttl. */
function isOpaque(value: ValueFact): boolean {
  return value.kind === 'identifier' || value.kind === 'member' || value.kind === 'call' || value.kind === 'other' || value.kind === 'binary' || value.kind === 'template';
}

/**
 * Judges a cache write `method(args)` on a client of `library` (SPEC §4 `require-cache-ttl`):
 * Redis `set(k, v)` with no `EX/PX/EXAT/PXAT/KEEPTTL` token or option (`'NX'` alone is no expiry),
 * `hset/hmset` (expiry only by `expire`), and `set(k, v)` of cache-manager, keyv, node-cache and
 * lru-cache without a ttl argument, unless the client was built with a default ttl
 * (`clientHasDefaultTtl`: `new NodeCache({ stdTTL })`, `new LRUCache({ ttl })`). `setex` and writes
 * whose extra arguments are variables are not reported. Undefined when there is nothing to report.
 */
export function classifyCacheWrite(library: CacheLibrary, method: string, args: readonly ValueFact[], clientHasDefaultTtl: boolean): CacheWriteVerdict | undefined {
  if (library === 'ioredis' || library === 'node-redis') {
    if ((REDIS_HASH_WRITES as readonly string[]).includes(method)) return { kind: 'hash' };
    if (method !== 'set' && method !== 'SET') return undefined;
    if (args.length < 2) return undefined;
    const extra = args.slice(2);
    const expires = extra.some(
      (arg) => isOpaque(arg) || (arg.kind === 'string' && (REDIS_EXPIRY_TOKENS as readonly string[]).includes(arg.text.toUpperCase())) || hasKey(arg, REDIS_EXPIRY_OPTION_KEYS),
    );
    return expires ? undefined : { kind: 'missingTtl' };
  }
  if (method !== 'set' || args.length < 2 || clientHasDefaultTtl) return undefined;
  const shape: CacheTtlShape = CACHE_TTL_SHAPES[library];
  const ttl = args[2];
  if (ttl === undefined || ttl.kind === 'undefined' || ttl.kind === 'null') return { kind: 'missingTtl' };
  if (ttl.kind === 'object') return shape.optionKey !== undefined && hasKey(ttl, [shape.optionKey]) ? undefined : { kind: 'missingTtl' };
  return undefined;
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
  return library === 'ioredis' || library === 'node-redis' ? undefined : CACHE_TTL_SHAPES[library].defaultTtlOption;
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
