/**
 * What a cache client and a cache write look like, per library. Plain data; `classify/cache.ts`
 * matches it.
 */

export type CacheLibrary = 'ioredis' | 'node-redis' | 'upstash-redis' | 'cache-manager' | 'keyv' | 'node-cache' | 'lru-cache';

/** Redis clients: `set` takes its expiry as tokens or an options object, hashes need `expire`. */
export const REDIS_LIBRARIES = ['ioredis', 'node-redis', 'upstash-redis'] as const satisfies readonly CacheLibrary[];
export type RedisLibrary = (typeof REDIS_LIBRARIES)[number];

/** npm packages of cache clients, by import specifier. */
export const CACHE_PACKAGES = {
  ioredis: 'ioredis',
  redis: 'node-redis',
  '@redis/client': 'node-redis',
  '@upstash/redis': 'upstash-redis',
  'cache-manager': 'cache-manager',
  '@nestjs/cache-manager': 'cache-manager',
  '@nestjs/common': 'cache-manager',
  keyv: 'keyv',
  'node-cache': 'node-cache',
  'lru-cache': 'lru-cache',
} as const satisfies Readonly<Record<string, CacheLibrary>>;

/** Packages that export a cache type among much else: only the catalogued names count (`Cache` from `@nestjs/common`, not `INestApplication`). */
export const CACHE_PACKAGES_BY_NAME_ONLY = ['@nestjs/common'] as const satisfies readonly string[];

/**
 * Classes and factories that build a cache client, and the types that name one:
 * ioredis `new Redis()` / `new Cluster()` (https://github.com/redis/ioredis#basic-usage),
 * node-redis `createClient()` / `createCluster()` and `RedisClientType` (https://github.com/redis/node-redis#basic-example),
 * cache-manager `caching()` (v5) / `createCache()` (v6) and `Cache` (https://github.com/jaredwray/cacheable/tree/main/packages/cache-manager),
 * `new Keyv()` (https://keyv.org/docs/), `new NodeCache()` (https://github.com/node-cache/node-cache),
 * `new LRUCache()` (https://github.com/isaacs/node-lru-cache), Upstash `new Redis()` / `Redis.fromEnv()`
 * (https://upstash.com/docs/redis/sdks/ts/overview).
 */
export const CACHE_CONSTRUCTORS = {
  Redis: 'ioredis',
  IORedis: 'ioredis',
  Cluster: 'ioredis',
  Keyv: 'keyv',
  NodeCache: 'node-cache',
  LRUCache: 'lru-cache',
  LRU: 'lru-cache',
} as const satisfies Readonly<Record<string, CacheLibrary>>;

export const CACHE_FACTORIES = {
  createClient: 'node-redis',
  createCluster: 'node-redis',
  caching: 'cache-manager',
  multiCaching: 'cache-manager',
  createCache: 'cache-manager',
} as const satisfies Readonly<Record<string, CacheLibrary>>;

export const CACHE_TYPE_NAMES = {
  Redis: 'ioredis',
  Cluster: 'ioredis',
  RedisClientType: 'node-redis',
  RedisClusterType: 'node-redis',
  Cache: 'cache-manager',
  MemoryCache: 'cache-manager',
  Keyv: 'keyv',
  NodeCache: 'node-cache',
  LRUCache: 'lru-cache',
} as const satisfies Readonly<Record<string, CacheLibrary>>;

/** Key-value classes that are not caches with expiry: their `set` is not a cache write. */
export const NOT_CACHE_CLASSES = ['Map', 'WeakMap', 'Set', 'WeakSet', 'URLSearchParams', 'Headers', 'FormData', 'ReadonlyMap'] as const satisfies readonly string[];

/**
 * Constructor options that give every entry of a cache a default expiry, whatever the library:
 * `ttl` (lru-cache, keyv, cache-manager, most project caches), `stdTTL` (node-cache), `maxAge`
 * (lru-cache < 7), `ttlMs`, `expiresIn`.
 */
export const DEFAULT_TTL_OPTION_KEYS = ['ttl', 'stdTTL', 'stdTtl', 'maxAge', 'ttlMs', 'expiresIn', 'defaultTtl', 'expiration'] as const satisfies readonly string[];

/** NestJS injects the cache-manager store under this token: `@Inject(CACHE_MANAGER) cache: Cache` (https://docs.nestjs.com/techniques/caching). */
export const NEST_CACHE_TOKEN = 'CACHE_MANAGER';

/** Name parts of a variable or property that holds a cache client (`redis`, `redisClient`, `cacheManager`, `userCache`, `keyv`, `lru`). */
export const CACHE_CLIENT_NAME_WORDS = ['redis', 'cache', 'keyv', 'lru', 'memcache', 'memcached'] as const satisfies readonly string[];

/**
 * Names that say a value is a cache library's client itself (`redis`, `redisClient`, `ioredis`,
 * `keyvConnection`), not something built on one (`redisCache`, `sessionCache`, `cacheService`): every
 * name part is one of these words and one of them names a client library.
 */
export const RAW_CACHE_CLIENT_LIBRARY_WORDS = ['redis', 'ioredis', 'upstash', 'keyv'] as const satisfies readonly string[];
export const RAW_CACHE_CLIENT_OTHER_WORDS = ['client', 'connection', 'conn', 'instance'] as const satisfies readonly string[];

/**
 * Redis `SET` expiry options: positional tokens in ioredis (`set(k, v, 'EX', 60)`), the options
 * object of node-redis v4 (`set(k, v, { EX: 60 })`) and v5 (`{ expiration: { type: 'EX', value } }`)
 * and Upstash's lowercase options (`set(k, v, { ex: 60 })`, `{ px }`, `{ exat }`, `{ keepTtl: true }`,
 * https://upstash.com/docs/redis/sdk/ts/commands/string/set). Matched case-insensitively
 * (https://redis.io/docs/latest/commands/set/).
 */
export const REDIS_EXPIRY_TOKENS = ['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL'] as const satisfies readonly string[];
export const REDIS_EXPIRY_OPTION_KEYS = ['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL', 'expiration'] as const satisfies readonly string[];

/** Redis writes that cannot carry an expiry: hashes get one through a separate `EXPIRE`. */
export const REDIS_HASH_WRITES = ['hset', 'hmset', 'hSet', 'hmSet', 'HSET', 'HMSET'] as const satisfies readonly string[];
/** Redis commands that set the expiry of a key. */
export const REDIS_EXPIRE_COMMANDS = ['expire', 'pexpire', 'expireat', 'pexpireat', 'pExpire', 'expireAt', 'pExpireAt', 'EXPIRE', 'PEXPIRE'] as const satisfies readonly string[];
/** Redis `SET` variants with a built-in expiry. */
export const REDIS_SET_WITH_TTL = ['setex', 'psetex', 'setEx', 'pSetEx', 'SETEX', 'PSETEX'] as const satisfies readonly string[];
/** Grouping calls on a Redis client whose commands still target the client's keys (`redis.multi().hset(…)`). */
export const REDIS_PIPELINE_METHODS = ['multi', 'pipeline', 'batch'] as const satisfies readonly string[];

/**
 * Where each library takes a ttl: the third argument of `set`, as seconds or milliseconds, plain
 * or in an options object, and the constructor option that gives every entry a default ttl.
 * cache-manager v5+ `set(k, v, ttlMs)` (v4: `set(k, v, { ttl: seconds })`), keyv `set(k, v, ttlMs)`,
 * node-cache `set(k, v, ttlSeconds)` and `new NodeCache({ stdTTL })`, lru-cache `set(k, v, { ttl: ms })`
 * and `new LRUCache({ ttl })`.
 */
export interface CacheTtlShape {
  readonly unit: 'seconds' | 'milliseconds';
  /** The ttl is the third argument itself (`300000`) or a key of an options object there (`{ ttl }`). */
  readonly argument: 'number' | 'options';
  /** Key of the options object holding a ttl (`ttl`). */
  readonly optionKey?: string;
  /** Constructor option giving entries a default ttl. */
  readonly defaultTtlOption?: string;
}

export const CACHE_TTL_SHAPES = {
  'cache-manager': { unit: 'milliseconds', argument: 'number', optionKey: 'ttl', defaultTtlOption: 'ttl' },
  keyv: { unit: 'milliseconds', argument: 'number', defaultTtlOption: 'ttl' },
  'node-cache': { unit: 'seconds', argument: 'number', defaultTtlOption: 'stdTTL' },
  'lru-cache': { unit: 'milliseconds', argument: 'options', optionKey: 'ttl', defaultTtlOption: 'ttl' },
} as const satisfies Readonly<Record<Exclude<CacheLibrary, RedisLibrary>, CacheTtlShape>>;

/**
 * Method decorators that cache what the method returns, under a key given as an option
 * (https://github.com/joshuaslate/type-cacheable `@Cacheable({ cacheKey, ttlSeconds })`, the
 * `@Cacheable({ key, ttl })` of the cacheable / NestJS decorator packages, and a project's own
 * `@Cached…` decorators such as `@CachedEntity({ builder })`): the method body is the miss path.
 */
export const CACHE_READ_DECORATOR_PATTERN = '^(?:Cacheable|Cached(?:[A-Z]\\w*)?)$';

/** Method decorators that drop the cached key once the method ran (`@CacheClear({ cacheKey })`, `@CacheEvict({ key })`, `@InvalidateCache(…)`). */
export const CACHE_EVICT_DECORATOR_PATTERN = '^(?:CacheClear|CacheEvict|CacheInvalidate|InvalidateCache\\w*|Evict\\w*Cache)$';

/** Method decorators that rewrite the cached key with what the method returns (`@CachePut({ key })`, `@CacheUpdate`). */
export const CACHE_PUT_DECORATOR_PATTERN = '^(?:CachePut|CacheUpdate)$';

/** Options of a cache decorator that name the key: a text, a template, or a function of the method's arguments that returns one. */
export const CACHE_DECORATOR_KEY_OPTIONS = ['key', 'cacheKey', 'builder', 'keyBuilder', 'keyGenerator'] as const;

/**
 * Options of a cache decorator that give the entry's lifetime, by unit. `ttl` alone has no unit
 * common to the packages (seconds in some, milliseconds in others): any value there is a TTL of
 * unknown length, which the check accepts.
 */
export const CACHE_DECORATOR_TTL_OPTIONS = { seconds: ['ttlSeconds', 'ttlSec'], milliseconds: ['ttlMs', 'ttlMilliseconds'], unknown: ['ttl', 'expiresIn', 'expire', 'maxAge'] } as const;
