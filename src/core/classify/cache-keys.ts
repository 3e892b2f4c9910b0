import {
  CACHE_DECORATOR_KEY_OPTIONS,
  CACHE_DECORATOR_TTL_OPTIONS,
  CACHE_EVICT_DECORATOR_PATTERN,
  CACHE_PUT_DECORATOR_PATTERN,
  CACHE_READ_DECORATOR_PATTERN,
  CACHE_TTL_SHAPES,
  REDIS_EXPIRE_COMMANDS,
  REDIS_HASH_WRITES,
  REDIS_SET_WITH_TTL,
  type CacheLibrary,
} from '../catalogs/cache-clients.js';
import type { ChainFact, ValueFact } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { isRedisLibrary } from './cache.js';
import type { QueryMatch } from './query.js';

/**
 * Cache-aside judgements (`audit/cache-invalidation`): what a cache call does to a key, the key's
 * pattern, how long an entry lives, and which model a query reads or writes. Engine-free: the
 * audit hands in plain parts and names.
 */

/** What a cache method does to the key(s) it is given (`expire` sets the TTL of an existing key). */
export type CacheOperation = 'read' | 'write' | 'delete' | 'clear' | 'expire';

/**
 * Cache methods by effect, across the catalogued clients: Redis (ioredis, node-redis, Upstash),
 * cache-manager, keyv, node-cache and lru-cache. `clear` forgets every key (`reset`, `flushall`).
 */
const CACHE_OPERATIONS: Readonly<Record<Exclude<CacheOperation, 'expire'>, readonly string[]>> = {
  read: ['get', 'hget', 'hgetall', 'hGet', 'hGetAll', 'getex', 'getEx', 'getBuffer'],
  write: ['set', 'SET', 'mset', 'mSet', ...REDIS_SET_WITH_TTL, ...REDIS_HASH_WRITES],
  delete: ['del', 'DEL', 'mdel', 'delete', 'unlink', 'hdel', 'hDel', 'getdel', 'getDel', 'take'],
  clear: ['reset', 'clear', 'flushall', 'flushdb', 'flushAll', 'flushDb'],
};

export function cacheOperationOf(method: string): CacheOperation | undefined {
  if (expireUnit(method) !== undefined) return 'expire';
  for (const [operation, methods] of Object.entries(CACHE_OPERATIONS) as [Exclude<CacheOperation, 'expire'>, readonly string[]][]) {
    if (methods.includes(method)) return operation;
  }
  return undefined;
}

/** A piece of a cache key as written: literal text, or a value only known at run time. */
export type KeyPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'hole' };

/**
 * The pattern of a key: `user:${id}` → `user:*`, `'user:' + id` → `user:*`, `` `${prefix}` `` →
 * undefined (a key with no literal text cannot be matched to anything). A literal `*` (a pattern
 * passed to `keys` / a prefix delete) stays a wildcard.
 */
export function keyPattern(parts: readonly KeyPart[]): string | undefined {
  let pattern = '';
  for (const part of parts) pattern += part.kind === 'text' ? part.text : '*';
  pattern = pattern.replace(/\*+/g, '*');
  return /[^*]/.test(pattern) ? pattern : undefined;
}

/**
 * The pattern of a key built by a function whose text we cannot read (imported from a package, or
 * built from an enum and a join): `buildSessionKey({ … })` → `buildSessionKey(*)`. The first
 * segment of the call named for a key (`buildFeedKey().cache(…)` → `buildFeedKey`) stands for the
 * key's shape; a call named for no key has none.
 */
export function keyBuilderPattern(callee: readonly string[]): string | undefined {
  const name = callee.find((segment) => segment !== 'this' && /(?:^key|Key)(?:s|[A-Z]|$)/.test(segment));
  return name === undefined ? undefined : `${name}(*)`;
}

function isBuilderPattern(pattern: string): boolean {
  return pattern.endsWith('(*)');
}

/**
 * Does an invalidation of `written` reach entries cached under `cached`? Equal patterns, or a glob
 * that covers the other. A key known only by its builder's name may be any text key, so it reaches
 * a text pattern (precision first); two different builders' keys do not meet.
 */
export function keyPatternsMatch(cached: string, written: string): boolean {
  if (cached === written) return true;
  if (isBuilderPattern(written) || isBuilderPattern(cached)) return isBuilderPattern(written) !== isBuilderPattern(cached);
  if (!written.includes('*')) return false;
  const glob = new RegExp(`^${written.split('*').map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return glob.test(cached);
}

/** An argument of a cache write, as far as its TTL is concerned. */
export type TtlArgument =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'object'; readonly properties: ReadonlyMap<string, TtlArgument> }
  | { readonly kind: 'absent' }
  /** A value we cannot evaluate (a variable from config, a call). */
  | { readonly kind: 'opaque' };

/** How long a cache entry lives: no expiry, a known number of seconds, or a TTL whose value we cannot tell. */
export type EntryTtl = { readonly kind: 'none' } | { readonly kind: 'seconds'; readonly seconds: number } | { readonly kind: 'unknown' };

const NONE: EntryTtl = { kind: 'none' };
const UNKNOWN: EntryTtl = { kind: 'unknown' };

function numberTtl(argument: TtlArgument | undefined, unit: 'seconds' | 'milliseconds'): EntryTtl {
  if (argument === undefined || argument.kind === 'absent') return NONE;
  if (argument.kind !== 'number') return UNKNOWN;
  // `0` means "no expiry" in cache-manager, keyv, node-cache and lru-cache.
  if (argument.value <= 0) return NONE;
  return { kind: 'seconds', seconds: unit === 'seconds' ? argument.value : argument.value / 1000 };
}

/** Redis `SET` expiry: `'EX', 60` / `'PX', 60000` tokens, `{ EX: 60 }`, `{ px }`, `{ expiration: { type: 'EX', value } }`. */
function redisSetTtl(extra: readonly TtlArgument[]): EntryTtl {
  for (let index = 0; index < extra.length; index += 1) {
    const argument = extra[index];
    if (argument === undefined) continue;
    if (argument.kind === 'opaque') return UNKNOWN;
    if (argument.kind === 'string') {
      const token = argument.text.toUpperCase();
      if (token === 'KEEPTTL' || token === 'EXAT' || token === 'PXAT') return UNKNOWN;
      if (token === 'EX' || token === 'PX') return numberTtl(extra[index + 1], token === 'EX' ? 'seconds' : 'milliseconds');
    }
    if (argument.kind === 'object') {
      for (const [key, value] of argument.properties) {
        const upper = key.toUpperCase();
        if (upper === 'EX' || upper === 'PX') return numberTtl(value, upper === 'EX' ? 'seconds' : 'milliseconds');
        if (upper === 'EXPIRATION' && value.kind === 'object') {
          const type = value.properties.get('type');
          const amount = value.properties.get('value');
          if (type?.kind === 'string' && (type.text.toUpperCase() === 'EX' || type.text.toUpperCase() === 'PX')) return numberTtl(amount, type.text.toUpperCase() === 'EX' ? 'seconds' : 'milliseconds');
          return UNKNOWN;
        }
        if (upper === 'KEEPTTL' || upper === 'EXAT' || upper === 'PXAT' || key === '...') return UNKNOWN;
      }
    }
  }
  return NONE;
}

/**
 * The TTL a cache write gives its entry, in the client's own form (SPEC `require-cache-ttl`
 * shapes): Redis `set` tokens or options, `setex(k, s, v)`, `psetex(k, ms, v)`, hashes (no TTL of
 * their own; an `expire` of the key is passed as `expireSeconds`), cache-manager / keyv
 * milliseconds, node-cache seconds, lru-cache `{ ttl: ms }`; `clientDefault` when the client was
 * built with a default TTL. cache-manager v4's `{ ttl: seconds }` is read as seconds.
 */
export function cacheWriteTtl(library: CacheLibrary, method: string, args: readonly TtlArgument[], clientDefault: EntryTtl = NONE): EntryTtl {
  const lower = method.toLowerCase();
  if (isRedisLibrary(library)) {
    if (lower === 'setex') return numberTtl(args[1], 'seconds');
    if (lower === 'psetex') return numberTtl(args[1], 'milliseconds');
    if (lower === 'set') return redisSetTtl(args.slice(2));
    return NONE;
  }
  if (lower !== 'set') return clientDefault;
  const ttl = args[2];
  if (ttl === undefined || ttl.kind === 'absent') return clientDefault;
  if (ttl.kind === 'object') {
    const shape = CACHE_TTL_SHAPES[library];
    const option = ttl.properties.get('ttl');
    if (option === undefined) return ttl.properties.has('...') ? UNKNOWN : clientDefault;
    // cache-manager v4 took `{ ttl: seconds }`; lru-cache `{ ttl: ms }`.
    return numberTtl(option, library === 'cache-manager' ? 'seconds' : shape.unit);
  }
  return numberTtl(ttl, CACHE_TTL_SHAPES[library].unit);
}

/** The unit of a Redis command that sets a key's relative expiry (`expire`: seconds, `pexpire`: milliseconds); undefined for anything else. */
export function expireUnit(method: string): 'seconds' | 'milliseconds' | undefined {
  if (!(REDIS_EXPIRE_COMMANDS as readonly string[]).includes(method)) return undefined;
  const lower = method.toLowerCase();
  if (lower.endsWith('at')) return undefined;
  return lower.startsWith('p') ? 'milliseconds' : 'seconds';
}

/**
 * Is staleness up to the entry's TTL accepted (`settings.cache.maxStaleSeconds`, default one
 * hour)? An entry with a TTL at or below it needs no invalidation; so does one whose TTL we cannot
 * evaluate (precision first). Entries with no TTL, or a longer one, are checked.
 */
export function stalenessAccepted(ttl: EntryTtl, settings: BackendPatternsSettings): boolean {
  if (ttl.kind === 'none') return false;
  if (ttl.kind === 'unknown') return true;
  return ttl.seconds <= settings.cache.maxStaleSeconds;
}

/** `3600 s`, `no TTL`: how a message names an entry's lifetime. */
export function describeTtl(ttl: EntryTtl): string {
  if (ttl.kind === 'none') return 'no TTL';
  if (ttl.kind === 'unknown') return 'a TTL';
  return `a TTL of ${String(ttl.seconds)} s`;
}

const MODEL_SUFFIXES = /(?:Repository|Repo|Model|Entity|Schema|Table|Collection|Dao|DAO)$/;
const GENERIC_RECEIVERS = new Set(['repository', 'repo', 'model', 'entity', 'table', 'collection', 'db', 'prisma', 'client', 'tx', 'trx', 'em', 'manager', 'entitymanager', 'knex', 'this', '']);

/**
 * The model a name stands for, normalised so that the same model compares equal however the code
 * names it: `User`, `UserModel`, `userRepository`, `users` (a table), `user_profiles` → `user`,
 * `userprofile`. Undefined for names that say nothing (`repository`, `model`, `db`).
 */
export function modelKey(name: string): string | undefined {
  const stripped = name.replace(/^_+|_+$/g, '').replace(MODEL_SUFFIXES, '').replace(/^(?:repo|model)$/i, '');
  if (GENERIC_RECEIVERS.has(stripped.toLowerCase())) return undefined;
  let key = stripped.replace(/[_\-\s]/g, '').toLowerCase();
  if (key.endsWith('ies') && key.length > 4) key = `${key.slice(0, -3)}y`;
  else if (key.endsWith('sses')) key = key.slice(0, -2);
  else if (key.endsWith('s') && !key.endsWith('ss') && key.length > 3) key = key.slice(0, -1);
  return key === '' ? undefined : key;
}

function pascalArgument(args: readonly ValueFact[] | undefined): string | undefined {
  const first = args?.[0];
  if (first?.kind === 'identifier' && /^[A-Z]/.test(first.name)) return first.name;
  if (first?.kind === 'string') return first.text;
  return undefined;
}

/**
 * The model a query reads or writes, when the code names it: Prisma `prisma.user.*`, a model
 * (`User.findByPk`, `this.userModel.find`), a repository (`this.userRepository.save`, or
 * `repo: Repository<User>`), an entity manager or repository factory given the entity
 * (`em.findOne(User, …)`, `getRepository(User)`), Knex / Kysely tables (`knex('users')`,
 * `selectFrom('user')`), Drizzle tables (`db.update(users)`). Raw SQL and anything else: undefined.
 */
export function modelOfQuery(chain: ChainFact, match: QueryMatch): string | undefined {
  if (match.raw || match.transaction) return undefined;
  const segments = chain.segments;
  const operation = segments[match.operationIndex];
  const receiver = segments[match.operationIndex - 1];
  switch (match.library) {
    case 'prisma':
      return receiver === undefined ? undefined : modelKey(receiver.name);
    case 'knex':
    case 'kysely':
    case 'drizzle': {
      for (const segment of segments) {
        if (segment.call === undefined) continue;
        const name = segment.name;
        const table = name === 'knex' || name === 'from' || name === 'table' || name === 'into' || name === 'selectFrom' || name === 'updateTable' || name === 'deleteFrom' || name === 'insertInto' || name === 'update' || name === 'insert' || name === 'delete'
          ? segment.call.args[0]
          : undefined;
        if (table?.kind === 'string') return modelKey(table.text.replace(/\s.*$/, ''));
        if (table?.kind === 'identifier' && (match.library === 'drizzle' || name !== 'knex')) return modelKey(table.name);
      }
      return undefined;
    }
    default:
      break;
  }
  if (match.activeRecord) return undefined;
  // `em.findOne(User, …)`, `manager.save(User, …)`, `getRepository(User).find()`.
  const entityArgument = pascalArgument(operation?.call?.args);
  const factory = segments.find((segment) => segment.call !== undefined && /^get\w*Repository$|^withRepository$/.test(segment.name));
  if (factory !== undefined) {
    const entity = pascalArgument(factory.call?.args);
    return entity === undefined ? undefined : modelKey(entity);
  }
  if (receiver === undefined) return undefined;
  const byName = modelKey(receiver.name);
  if (byName !== undefined && !/^(?:em|manager|entityManager|dataSource|queryRunner)$/i.test(receiver.name)) return byName;
  if (entityArgument !== undefined && /^(?:em|manager|entityManager|transactionalEntityManager|tem|orm|dataSource)$/i.test(receiver.name)) return modelKey(entityArgument);
  // `repo: Repository<User>`, `@InjectModel(User.name) model: Model<UserDocument>`.
  const binding = chain.binding;
  if (binding !== undefined && binding.length === match.operationIndex) {
    const argument = binding.typeArguments?.[0];
    if (argument !== undefined) return modelKey(argument.replace(/Document$/, ''));
    if (binding.typeName !== undefined && MODEL_SUFFIXES.test(binding.typeName)) return modelKey(binding.typeName);
  }
  return undefined;
}

const isIdentityColumn = (name: string): boolean => name === 'id' || name === '_id' || /[a-z]Id$/.test(name);

/**
 * Does a read fetch only identity columns (`attributes: ['id']`, `select: { id: true }`,
 * `.select('id')`)? A cached id does not go stale when the row's other columns change, so such a
 * read is no cached copy of the row.
 */
export function readsOnlyIdentity(chain: ChainFact): boolean {
  for (const segment of chain.segments) {
    for (const argument of segment.call?.args ?? []) {
      if (segment.name === 'select' && argument.kind === 'string') return isIdentityColumn(argument.text);
      if (argument.kind !== 'object') continue;
      for (const property of argument.properties) {
        const value = property.value;
        if (property.key === 'attributes' && value.kind === 'array') return value.elements.length > 0 && value.elements.every((element) => element.kind === 'string' && isIdentityColumn(element.text));
        if (property.key === 'select' && value.kind === 'object') return value.spreads.length === 0 && value.properties.length > 0 && value.properties.every((column) => column.key !== undefined && isIdentityColumn(column.key));
      }
    }
  }
  return false;
}

const CACHE_READ_DECORATOR = new RegExp(CACHE_READ_DECORATOR_PATTERN);
const CACHE_EVICT_DECORATOR = new RegExp(CACHE_EVICT_DECORATOR_PATTERN);
const CACHE_PUT_DECORATOR = new RegExp(CACHE_PUT_DECORATOR_PATTERN);

/**
 * What a method decorator does to a cache, by its name (`nest.Cacheable` as `Cacheable`): `read`
 * caches the method's result (a read-through whose miss path is the method), `delete` drops the key
 * after the method, `write` rewrites it with the result. Undefined for any other decorator.
 */
export function cacheDecoratorOperation(name: string): 'read' | 'write' | 'delete' | undefined {
  const bare = name.slice(name.lastIndexOf('.') + 1);
  if (CACHE_READ_DECORATOR.test(bare)) return 'read';
  if (CACHE_EVICT_DECORATOR.test(bare)) return 'delete';
  if (CACHE_PUT_DECORATOR.test(bare)) return 'write';
  return undefined;
}

/** `true` for an option of a cache decorator that names the key (`cacheKey`, `key`, `builder`). */
export function isCacheDecoratorKeyOption(name: string): boolean {
  return (CACHE_DECORATOR_KEY_OPTIONS as readonly string[]).includes(name);
}

/**
 * The lifetime a cache decorator's options give the entry: `ttlSeconds: 600` → 600 s, `ttlMs` in
 * milliseconds, `ttl` (a unit the packages do not share) or an options object we cannot read
 * (a spread) → a TTL of unknown length, also when nested as `options: { ttl }`; no such option → none.
 */
export function cacheDecoratorTtl(options: ReadonlyMap<string, TtlArgument> | undefined): EntryTtl {
  if (options === undefined) return NONE;
  if (options.has('...')) return UNKNOWN;
  for (const key of CACHE_DECORATOR_TTL_OPTIONS.seconds) if (options.has(key)) return numberTtl(options.get(key), 'seconds');
  for (const key of CACHE_DECORATOR_TTL_OPTIONS.milliseconds) if (options.has(key)) return numberTtl(options.get(key), 'milliseconds');
  for (const key of CACHE_DECORATOR_TTL_OPTIONS.unknown) if (options.has(key)) return options.get(key)?.kind === 'absent' ? NONE : UNKNOWN;
  // `{ builder, options: { ttl } }`: the store's options nested under the decorator's.
  const nested = options.get('options');
  return nested?.kind === 'object' ? cacheDecoratorTtl(nested.properties) : nested === undefined || nested.kind === 'absent' ? NONE : UNKNOWN;
}
