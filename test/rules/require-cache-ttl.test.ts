import rule, { type MessageId, type Options } from '../../rules/require-cache-ttl.js';
import { runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

type Case = Invalid<MessageId, Options>;

const FORMS = {
  ioredis: "'EX', 300",
  'node-redis': '{ EX: 300 }',
  ms: '300000 ms',
  'node-cache': '300 seconds',
  'lru-cache': '{ ttl: 300000 }',
} as const;

/** A missing-ttl report whose suggestion turns `code` into `output`. */
function missing(code: string, call: string, form: string, line: number, column: number, output?: string): Case {
  const data = { call, form, seconds: '300' };
  return { code, errors: [{ messageId: 'missingTtl', data, line, column, suggestions: output === undefined ? [] : [{ messageId: 'suggestTtl', data, output }] }] };
}

const valid: Valid<Options>[] = [
  // A client built only when configured (`size ? new LRUCache({ … ttl }) : null`) expires what it holds.
  `import { LRUCache } from 'lru-cache';
const cache = config.cacheSize ? new LRUCache<string, string>({ max: config.cacheSize, ttl: 30 * 60 * 1000 }) : null;
export async function get(key: string) {
  const value = await redis.get(key);
  if (value !== null) cache?.set(key, value);
  return value;
}`,
  // A bounded lru-cache of constant markers: the keys of jobs scheduled lately, no copy of data.
  `import { LRUCache } from 'lru-cache';
const scheduledJobs = new LRUCache<string, boolean>({ max: 100 });
export async function schedule(jobId: string) {
  if (scheduledJobs.has(jobId)) return;
  await queue.add(jobId);
  scheduledJobs.set(jobId, true);
}`,
  // A wrapper whose caller picks the write's mode: each branch tests its option parameter, one writes an expiry.
  `import Redis from 'ioredis';
const redis = new Redis();
export function set(key: string, value: string, option?: 'NX' | 'EX', seconds?: number) {
  if (option === undefined) return redis.set(key, value);
  if (option === 'NX') return redis.set(key, value, 'NX');
  if (option === 'EX' && seconds !== undefined) return redis.set(key, value, 'EX', seconds);
  throw new Error('Unknown option');
}`,
  // A client chosen between the caller's and the module's own: the module's says what it is (an in-memory TTL cache
  // in a file that also builds Redis clients).
  `import TTLCache from '@isaacs/ttlcache';
import type Redis from 'ioredis';
const genericTtlCache = new TTLCache<string, unknown>();
export const redisProvider = (redis: Redis) => ({ set: async (key: string, value: unknown, ttlMs: number) => redis.set(key, JSON.stringify(value), 'PX', ttlMs) });
export const inMemoryProvider = (deps?: { cache?: TTLCache<string, unknown> }) => {
  const cache = deps?.cache || genericTtlCache;
  return { set: async (key: string, value: unknown, { ttlMs }: { ttlMs: number }) => { cache.set(key, value, { ttl: ttlMs }); } };
};`,
  // Entries that carry their own expiry, which the reader checks against the clock and deletes.
  `import { LRUCache } from 'lru-cache';
const tokenCache = new LRUCache<string, DecodedToken>({ max: 20_000 });
export async function verify(idToken: string) {
  const cached = tokenCache.get(idToken);
  if (cached) {
    const expiresAt = cached.exp * 1000 - 60_000;
    if (expiresAt < Date.now()) {
      tokenCache.delete(idToken);
    } else {
      return cached;
    }
  }
  const decoded = await auth.verifyIdToken(idToken);
  tokenCache.set(idToken, decoded);
  return decoded;
}`,
  // One fixed slot of job state (a cursor, a heartbeat): Redis is its store, not a cache of data kept elsewhere.
  `import Redis from 'ioredis';
const redis = new Redis();
const LAST_PROCESSED_PARTITION_KEY = 'jobs:event-sync:last-processed-partition';
export async function markProcessed(partition: string) {
  await redis.set(LAST_PROCESSED_PARTITION_KEY, partition);
  await redis.set('jobs:event-sync:heartbeat', Date.now().toString());
}`,
  // One hash under a fixed key, a scalar per field (last-used times a task drains): a table of state, not cache entries.
  `import Redis from 'ioredis';
const redis = new Redis();
const TOKEN_SEEN_AT = 'tokens:last-seen';
export async function touch(token: { id: number }, seenAt: Date) {
  await redis.hset(TOKEN_SEEN_AT, String(token.id), seenAt.getTime());
}`,
  `import Redis from 'ioredis';
const redis = new Redis();
export async function touch(id: string) {
  const now = Date.now();
  await redis.hset('api-keys:last-used', id, now);
  await redis.hset('api-keys:last-seen-iso', id, new Date().toISOString());
}`,
  // The same slot of job state, its value bound to a const first: still a scalar.
  `import Redis from 'ioredis';
const redis = new Redis();
export async function beat() {
  const stamp = Date.now().toString();
  await redis.set('jobs:event-sync:heartbeat', stamp);
}`,
  // ioredis with an expiry, in every form.
  `import Redis from 'ioredis';
const redis = new Redis();
await redis.set('session:' + id, payload, 'EX', 3600);`,
  `import Redis from 'ioredis';
const redis = new Redis();
await redis.set(key, value, 'PX', 1500);`,
  `import Redis from 'ioredis';
const redis = new Redis();
await redis.set(lockKey, owner, 'EX', 30, 'NX');`,
  `import Redis from 'ioredis';
const redis = new Redis();
await redis.set(key, value, 'KEEPTTL');`,
  `import Redis from 'ioredis';
const redis = new Redis();
await redis.setex(key, 60, value);`,
  `await redis.set(key, value, 'exat', Math.floor(expiresAt / 1000));`,
  // node-redis v4 options objects.
  `import { createClient } from 'redis';
const client = createClient();
await client.set(key, value, { EX: 60 });`,
  `import { createClient } from 'redis';
const client = createClient();
await client.set(key, value, { PX: 1000, NX: true });`,
  `import { createClient } from 'redis';
const client = createClient();
await client.setEx(key, 60, value);`,
  // Options we cannot see into.
  `await redis.set(key, value, ...expiryArgs);`,
  `await redis.set(key, value, mode, ttl);`,
  // hset followed by expire of the same key.
  `async function saveCart(cartId, items) {
  await redis.hset(\`cart:\${cartId}\`, items);
  await redis.expire(\`cart:\${cartId}\`, 86400);
}`,
  `async function touch(id, fields) {
  await redis.multi().hset(\`user:\${id}\`, fields).expire(\`user:\${id}\`, 600).exec();
}`,
  // cache-manager / keyv / node-cache / lru-cache with a ttl.
  `import { caching } from 'cache-manager';
const cache = await caching('memory');
await cache.set('rates', rates, 60_000);`,
  `import { caching } from 'cache-manager';
const cache = await caching('memory');
await cache.set('rates', rates, { ttl: 60 });`,
  `import Keyv from 'keyv';
const keyv = new Keyv();
await keyv.set('user:1', user, 1000 * 60);`,
  // An expiry the options name in their own words: a project's cache port, an lru-cache in a wrapper.
  `export const cacheResolver = (cacheProvider: CacheProvider, ttlMs: number) => async (key: string, resolve: () => Promise<unknown>) => {
  const result = await resolve();
  await cacheProvider.set(key, result, { ttlMs });
  return result;
};`,
  `import type Redis from 'ioredis';
export const cached = (deps: { redis: Redis; cacheProvider: CacheProvider }, ttlMs: number) => async (key: string, value: unknown) => {
  await deps.cacheProvider.set(key, value, { ttlMs });
};`,
  `import { LRUCache } from 'lru-cache';
const cache = new LRUCache<string, unknown>({ max: 1000 });
export const provider = { set: async (key: string, value: unknown, { ttlMs }: { ttlMs: number }) => { cache.set(key, value, { ttl: ttlMs }); } };`,

  `import NodeCache from 'node-cache';
const memo = new NodeCache();
memo.set('config', config, 120);`,
  // Default ttl in the constructor.
  `import NodeCache from 'node-cache';
const memo = new NodeCache({ stdTTL: 600, checkperiod: 120 });
memo.set('config', config);`,
  `import { LRUCache } from 'lru-cache';
const lru = new LRUCache({ max: 500, ttl: 1000 * 60 });
lru.set(key, value);`,
  `import { LRUCache } from 'lru-cache';
const lru = new LRUCache({ max: 500 });
lru.set(key, value, { ttl: 30_000 });`,
  `import Keyv from 'keyv';
const store = new Keyv({ ttl: 5000 });
await store.set('a', 1);`,
  // NestJS cache manager with a ttl.
  `import { Inject } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
export class RatesService {
  constructor(@Inject(CACHE_MANAGER) private readonly cacheManager) {}
  async refresh(rates) { await this.cacheManager.set('rates', rates, 60_000); }
}`,
  // Traps: Map, Set, res.set, URLSearchParams, headers.
  `const cache = new Map();
cache.set(id, user);`,
  `class Loader {
  private readonly cache = new Map<string, number>();
  remember(key: string, value: number) { this.cache.set(key, value); }
}`,
  `const seen = new Set(); seen.add(id);`,
  `app.get('/x', (req, res) => { res.set('Cache-Control', 'no-store'); res.send('ok'); });`,
  `const params = new URLSearchParams(); params.set('page', '2');`,
  `const headers = new Headers(); headers.set('cache-control', 'max-age=60');`,
  `reply.headers.set('x-cache', 'HIT');`,
  `const cacheKey = 'a'; form.set(cacheKey, value);`,
  `function f(cache: Map<string, string>) { cache.set('a', 'b'); }`,
  {
    code: `async function saveCart(cartId, items) { await redis.hset(\`cart:\${cartId}\`, items); }`,
    options: [{ checkHashes: false }],
  },
  // A wrapper that takes a ttl.
  `await this.cache.set(productKey(id), product, PRODUCT_TTL_SECONDS);`,
  // Cause 1 — Upstash takes lowercase options, also next to nx / get.
  `import { Redis } from '@upstash/redis';
const redis = Redis.fromEnv();
await redis.set(slug, status, { ex: 60 });`,
  `await redis.set(key, value, { px: 1500 });`,
  `await redis.set(key, value, { nx: true, ex: 86400, get: true });`,
  `await redis.set(key, value, { exat: Math.floor(expiresAt / 1000) });`,
  `await redis.set(key, value, { keepTtl: true });`,
  // Cause 2 — in-memory maps: a parameter default, \`??=\`, an alias, a factory, a method returning Map.
  `export function deepCopy(obj, cache = new WeakMap()) {
  if (cache.has(obj)) return cache.get(obj);
  const copy = {};
  cache.set(obj, copy);
  return copy;
}`,
  `interface Scope { cache: Map<string, Map<string, boolean>> | null }
function cacheFor(scope: Scope, performer: string) {
  scope.cache ??= new Map();
  scope.cache.set(performer, new Map());
}`,
  `export type StyleCache = Map<string, Style | undefined>;
export const createStyleCache = (): StyleCache => new Map();
export function resolveStyle(field: Field, cache?: StyleCache) {
  cache?.set(field.id, computeStyle(field));
}`,
  `class RequestCache {
  private caches = new WeakMap<object, Map<string, unknown>>();
  set(ctx: object, key: string, value: unknown) { this.contextCache(ctx).set(key, value); }
  get(ctx: object, key: string) {
    const ctxCache = this.contextCache(ctx);
    if (!ctxCache.has(key)) ctxCache.set(key, compute(key));
    return ctxCache.get(key);
  }
  private contextCache(ctx: object): Map<string, unknown> {
    let found = this.caches.get(ctx);
    if (!found) { found = new Map(); this.caches.set(ctx, found); }
    return found;
  }
}`,
  `import { BlockMap } from '@atproto/repo';
class RepoReader {
  cache: BlockMap = new BlockMap();
  put(cid, bytes) { this.cache.set(cid, bytes); }
}`,
  `class Reader {
  cache = new BlockMap();
  put(cid, bytes) { this.cache.set(cid, bytes); }
}`,
  // Cause 3 — project wrappers: typed or built from a relative / workspace import.
  `import { RedisCacheService } from '@ghostfolio/api/app/redis-cache/redis-cache.service';
export class InfoService {
  constructor(private readonly redisCacheService: RedisCacheService) {}
  async refresh(stats) { await this.redisCacheService.set('statistics', JSON.stringify(stats)); }
}`,
  `import { CacheService } from '@novu/application-generic';
export class GetConfig {
  constructor(private cacheService: CacheService) {}
  async execute(key, hash) { await this.cacheService.set(key, hash); }
}`,
  `import { TtlCache } from '@logto/shared';
const jwksCache = new TtlCache<string, string[]>(60 * 60 * 1000);
export function remember(issuer: string, keys: string[]) { jwksCache.set(issuer, keys); }`,
  `import { TtlCache } from '../../common/ttl-cache';
const cache = new TtlCache({ cacheSize: 500, ttl: 5 * 60 * 1000 });
export function remember(key: string, result: string[]) { cache.set(key, result); }`,
  `import { RequestContextCacheService } from '../../cache/request-context-cache.service';
export class OrderService {
  constructor(private requestCache: RequestContextCacheService) {}
  reset(ctx, key) { this.requestCache.set(ctx, key, undefined); }
}`,
  // Cause 3 — a cache instance imported from a project module: its own set may apply a default expiry.
  `import { redisCache } from '#src/caches/index.js';
export async function remember(key: string, tenantId: string) { await redisCache.set(key, tenantId); }`,
  `import sessionCache from '../cache';
await sessionCache.set('webhook-keys', keys);`,
  // A cache a project factory returns: that module built it, its set may apply a default expiry.
  `import { TypedCache } from '@app/lib/cache';
const cache = TypedCache<string, Topic[]>((id) => \`topics:\${id}\`);
export async function rememberTopics(id: string, topics: Topic[]) { await cache.set(id, topics); }`,
  `import { getCacheManager } from '../cache/index.js';
export async function saveServerMap(workspaceId: string, serverMap: object) {
  const cacheManager = await getCacheManager();
  await cacheManager.set(\`server-map:\${workspaceId}\`, JSON.stringify(serverMap));
}`,
  // Typed: the declaration decides; the project cache's own set applies a default expiry.
  `import { tenantCache } from './caches.js';
export async function remember(host: string, tenantId: string) { await tenantCache.set(host, tenantId); }`,
  // Untyped, a cache-named import is not followed (typed, below, it is an ioredis client).
  { code: `import { redisCache } from './caches.js';
export async function remember(host: string, tenantId: string) { await redisCache.set(host, tenantId); }`, mode: 'untyped' },
  `import * as redisStore from '@acme/redis-store';
await redisStore.set('flags', flags);`,
  `import { INestApplication } from '@nestjs/common';
export function configure(app: INestApplication, trustProxy: boolean) { app.set('trust proxy', trustProxy); }`,
  // Cause 3 — an invalidation, a value that is its own expiry, a ttl constructor, spread caller options.
  `await cacheManager.set(key, undefined);`,
  `import { LRUCache } from 'lru-cache';
class Pool {
  protected notFoundCache = new LRUCache<string, number>({ max: 1000 });
  miss(id: string) { this.notFoundCache.set(id, Date.now() + NOT_FOUND_TTL); }
}`,
  `import TTLCache from '@isaacs/ttlcache';
const memo = new TTLCache({ max: 100 });
memo.set(key, value);`,
  `import { LRUCache } from 'lru-cache';
export class MemoryStore {
  #cache: LRUCache<string, string>;
  constructor(options: Options) { this.#cache = new LRUCache({ ...options, allowStale: false }); }
  set(key: string, value: string) { this.#cache.set(key, value); }
}`,
  // Cause 4 — the no-TTL branch of a store whose caller chooses the expiry; an lru-cache pool with dispose.
  `class RedisStore {
  async set(key, value) {
    const { ttl } = this.options;
    if (ttl) await this.redis.set(key, value, 'PX', ttl);
    else await this.redis.set(key, value);
  }
}`,
  `export const makeRedisProvider = (redisClient) => ({
  set: async (key, value, expirationInSeconds) => {
    if (expirationInSeconds) {
      return redisClient?.set(key, serialize(value), { EX: expirationInSeconds });
    } else {
      return redisClient?.set(key, serialize(value));
    }
  },
});`,
  `const save = (key, data, ttl) => (ttl ? redisClient.set(key, data, 'EX', ttl) : redisClient.set(key, data));`,
  // The same choice written with an early return: the bare write runs only when no ttl was given.
  `export class RedisCache {
  constructor(private readonly redis: Redis) {}
  async set(key: string, value: unknown, opts: { ttl?: number } = {}) {
    if (opts.ttl) {
      return this.redis.set(key, JSON.stringify(value), 'PX', opts.ttl).then(() => true);
    }
    return this.redis.set(key, JSON.stringify(value)).then(() => true);
  }
}`,
  // A hash under a fixed key mapping each session to an id: an index of state, which one expiry would wipe whole.
  `import Redis from 'ioredis';
const redis = new Redis();
export async function indexSession(sessionId: string, session: { userId: string; workspaceId: string }) {
  await redis.hset('session:user', sessionId, session.userId);
  await redis.hset('session:workspace', sessionId, session.workspaceId);
}`,

  `import { LRUCache } from 'lru-cache';
class TenantPool {
  protected cache = new LRUCache<string, Promise<Tenant>>({ max: 100, dispose: (entry) => void dispose(entry) });
  add(id: string, tenant: Promise<Tenant>) { this.cache.set(id, tenant); }
}`,
  // Bounded by the total size of its entries rather than their count: the same pool of live objects.
  `import { LRUCache } from 'lru-cache';
class DocumentPool {
  private docs = new LRUCache<string, LiveDocument>({ maxSize: 64 * 1024 * 1024, sizeCalculation: (doc) => doc.byteLength, dispose: (doc) => doc.destroy() });
  open(id: string, doc: LiveDocument) { this.docs.set(id, doc); }
}`,
  // A client received by its declared type, filled every time in this file with a client built with a default expiry.
  `import NodeCache from 'node-cache';
const ROUTE_CACHE = new NodeCache({ stdTTL: 30 });
export function routerFactory({ routeCache }: { routeCache: NodeCache }) { return (tenant, routes) => routeCache.set(tenant, routes); }
export const route = routerFactory({ routeCache: ROUTE_CACHE });`,
];

const invalid: Case[] = [
  // Built only when configured, and then without an expiry.
  missing(`import { LRUCache } from 'lru-cache';
const cache = config.cacheSize ? new LRUCache<string, string>({ max: config.cacheSize }) : null;
export function remember(key: string, value: string) { cache!.set(key, value); }`, 'cache.set', FORMS['lru-cache'], 3, 56, `import { LRUCache } from 'lru-cache';
const cache = config.cacheSize ? new LRUCache<string, string>({ max: config.cacheSize }) : null;
export function remember(key: string, value: string) { cache!.set(key, value, { ttl: 300000 }); }`),
  // A delete at the module's top level is no expiry on read (and must not break the file's linting).
  missing(`import Redis from 'ioredis';
const redis = new Redis();
redis.del('boot');
export async function save(id: string, json: string) { await redis.set('profile:' + id, json); }`, 'redis.set', FORMS.ioredis, 4, 62, `import Redis from 'ioredis';
const redis = new Redis();
redis.del('boot');
export async function save(id: string, json: string) { await redis.set('profile:' + id, json, 'EX', 300); }`),
  // A clock-tested delete of another key says nothing of this write's key.
  missing(`import Redis from 'ioredis';
const redis = new Redis();
export async function touch(id: string, session: Session, json: string) {
  if (session.expiresAt < Date.now()) await redis.del('sess:' + id);
  await redis.set('profile:' + id, json);
}`, 'redis.set', FORMS.ioredis, 5, 9, `import Redis from 'ioredis';
const redis = new Redis();
export async function touch(id: string, session: Session, json: string) {
  if (session.expiresAt < Date.now()) await redis.del('sess:' + id);
  await redis.set('profile:' + id, json, 'EX', 300);
}`),
  // A branch on another parameter (the request's) than the one that picks the expiry is no caller's choice.
  missing(`import Redis from 'ioredis';
const redis = new Redis();
export async function login(req: Request, id: string, token: string) {
  await redis.set('session:' + id, token, 'EX', 3600);
  if (req.body.remember) await redis.set('remember:' + id, token);
}`, 'redis.set', FORMS.ioredis, 5, 32, `import Redis from 'ioredis';
const redis = new Redis();
export async function login(req: Request, id: string, token: string) {
  await redis.set('session:' + id, token, 'EX', 3600);
  if (req.body.remember) await redis.set('remember:' + id, token, 'EX', 300);
}`),
  // An earlier \`if\` that writes with an expiry but does not return: the bare write runs after it, every time.
  missing(`import Redis from 'ioredis';
const redis = new Redis();
export async function store(key: string, value: string, ttl?: number) {
  if (ttl) {
    await redis.set(key + ':shadow', value, 'EX', ttl);
  }
  await redis.set(key, value);
}`, 'redis.set', FORMS.ioredis, 7, 9, `import Redis from 'ioredis';
const redis = new Redis();
export async function store(key: string, value: string, ttl?: number) {
  if (ttl) {
    await redis.set(key + ':shadow', value, 'EX', ttl);
  }
  await redis.set(key, value, 'EX', 300);
}`),
  // An early return after another key's expiring write is no choice about this key.
  missing(`import Redis from 'ioredis';
const redis = new Redis();
export async function cacheUser(user: User) {
  if (user.isGuest) { await redis.set(\`guest:\${user.id}\`, '1', 'EX', 60); return; }
  await redis.set(\`user:\${user.id}\`, JSON.stringify(user));
}`, 'redis.set', FORMS.ioredis, 5, 9, `import Redis from 'ioredis';
const redis = new Redis();
export async function cacheUser(user: User) {
  if (user.isGuest) { await redis.set(\`guest:\${user.id}\`, '1', 'EX', 60); return; }
  await redis.set(\`user:\${user.id}\`, JSON.stringify(user), 'EX', 300);
}`),
  // A branch on a parameter with no write of an expiry anywhere in the function: nothing the caller can choose.
  missing(`import Redis from 'ioredis';
const redis = new Redis();
export function remember(key: string, value: string, overwrite: boolean) {
  if (overwrite) return redis.set(key, value);
  return redis.get(key);
}`, 'redis.set', FORMS.ioredis, 4, 25, `import Redis from 'ioredis';
const redis = new Redis();
export function remember(key: string, value: string, overwrite: boolean) {
  if (overwrite) return redis.set(key, value, 'EX', 300);
  return redis.get(key);
}`),
  // A delete that does not depend on the clock (an invalidation on logout) is no expiry.
  missing(`import { LRUCache } from 'lru-cache';
const tokenCache = new LRUCache<string, DecodedToken>({ max: 20_000 });
export function remember(idToken: string, decoded: DecodedToken) {
  tokenCache.set(idToken, decoded);
}
export function forget(idToken: string, now: number) {
  if (Date.now() > now) audit.log('late');
  else tokenCache.delete(idToken);
}`, 'tokenCache.set', FORMS['lru-cache'], 4, 3, `import { LRUCache } from 'lru-cache';
const tokenCache = new LRUCache<string, DecodedToken>({ max: 20_000 });
export function remember(idToken: string, decoded: DecodedToken) {
  tokenCache.set(idToken, decoded, { ttl: 300000 });
}
export function forget(idToken: string, now: number) {
  if (Date.now() > now) audit.log('late');
  else tokenCache.delete(idToken);
}`),
  // Data serialised into a const, then stored under a fixed key: a copy of remote data, not a slot of state.
  missing(`import Redis from 'ioredis';
const redis = new Redis();
const RATES_KEY = 'fx:rates';
export async function refreshRates(rates: Record<string, number>) {
  const payload = JSON.stringify(rates);
  await redis.set(RATES_KEY, payload);
}`, 'redis.set', FORMS.ioredis, 6, 9, `import Redis from 'ioredis';
const redis = new Redis();
const RATES_KEY = 'fx:rates';
export async function refreshRates(rates: Record<string, number>) {
  const payload = JSON.stringify(rates);
  await redis.set(RATES_KEY, payload, 'EX', 300);
}`),
  // A fixed key whose text says cache is a cache, whatever its value.
  missing(`import Redis from 'ioredis';
const redis = new Redis();
const FLAGS_CACHE_KEY = 'cache:feature-flags';
export async function storeFlags(flags: string) { await redis.set(FLAGS_CACHE_KEY, flags); }`, 'redis.set', FORMS.ioredis, 4, 57, `import Redis from 'ioredis';
const redis = new Redis();
const FLAGS_CACHE_KEY = 'cache:feature-flags';
export async function storeFlags(flags: string) { await redis.set(FLAGS_CACHE_KEY, flags, 'EX', 300); }`),
  // The same parameter, once filled with a client that has no default expiry.
  missing(`import NodeCache from 'node-cache';
const ROUTE_CACHE = new NodeCache({ stdTTL: 30 });
const PLAIN_CACHE = new NodeCache();
export function routerFactory({ routeCache }: { routeCache: NodeCache }) { return (tenant, routes) => routeCache.set(tenant, routes); }
export const route = routerFactory({ routeCache: ROUTE_CACHE });
export const legacy = routerFactory({ routeCache: PLAIN_CACHE });`, 'routeCache.set', FORMS['node-cache'], 4, 103, `import NodeCache from 'node-cache';
const ROUTE_CACHE = new NodeCache({ stdTTL: 30 });
const PLAIN_CACHE = new NodeCache();
export function routerFactory({ routeCache }: { routeCache: NodeCache }) { return (tenant, routes) => routeCache.set(tenant, routes, 300); }
export const route = routerFactory({ routeCache: ROUTE_CACHE });
export const legacy = routerFactory({ routeCache: PLAIN_CACHE });`),
  missing(`import Redis from 'ioredis';
const redis = new Redis();
await redis.set('catalog:bestsellers', JSON.stringify(items));`, 'redis.set', FORMS.ioredis, 3, 7, `import Redis from 'ioredis';
const redis = new Redis();
await redis.set('catalog:bestsellers', JSON.stringify(items), 'EX', 300);`),
  missing(`import Redis from 'ioredis';
const redis = new Redis();
await redis.set(lockKey, owner, 'NX');`, 'redis.set', FORMS.ioredis, 3, 7, `import Redis from 'ioredis';
const redis = new Redis();
await redis.set(lockKey, owner, 'EX', 300, 'NX');`),
  missing(`await redis.set(key, value);`, 'redis.set', FORMS.ioredis, 1, 7, `await redis.set(key, value, 'EX', 300);`),
  missing(`class Sessions {
  constructor(private readonly redis: Redis) {}
  async save(id, data) { await this.redis.set(\`session:\${id}\`, JSON.stringify(data)); }
}`, 'this.redis.set', FORMS.ioredis, 3, 32, `class Sessions {
  constructor(private readonly redis: Redis) {}
  async save(id, data) { await this.redis.set(\`session:\${id}\`, JSON.stringify(data), 'EX', 300); }
}`),
  missing(`import { Redis } from 'ioredis';
const client = new Redis(url);
client.set(\`k:\${id}\`, v);`, 'client.set', FORMS.ioredis, 3, 1, `import { Redis } from 'ioredis';
const client = new Redis(url);
client.set(\`k:\${id}\`, v, 'EX', 300);`),
  missing(`await redisClient.set(key, value);`, 'redisClient.set', FORMS.ioredis, 1, 7, `await redisClient.set(key, value, 'EX', 300);`),
  // node-redis v4.
  missing(`import { createClient } from 'redis';
const client = createClient();
await client.set(key, value);`, 'client.set', FORMS['node-redis'], 3, 7, `import { createClient } from 'redis';
const client = createClient();
await client.set(key, value, { EX: 300 });`),
  // node-redis ignores option keys it does not know: `{ ttl }` and `{ expiresIn }` set no expiry on it.
  missing(`import { createClient } from 'redis';
const client = createClient();
await client.set(key, value, { ttl: 3600 });`, 'client.set', FORMS['node-redis'], 3, 7, `import { createClient } from 'redis';
const client = createClient();
await client.set(key, value, { EX: 300, ttl: 3600 });`),
  missing(`import { createClient } from 'redis';
const client = createClient();
await client.set(key, value, { NX: true });`, 'client.set', FORMS['node-redis'], 3, 7, `import { createClient } from 'redis';
const client = createClient();
await client.set(key, value, { EX: 300, NX: true });`),
  missing(`import { createClient } from 'redis';
const redis = createClient();
await redis.set(key, value);`, 'redis.set', FORMS['node-redis'], 3, 7, `import { createClient } from 'redis';
const redis = createClient();
await redis.set(key, value, { EX: 300 });`),
  // A pipeline.
  missing(`await redis.multi().set(key, value).incr(counter).exec();`, 'redis.set', FORMS.ioredis, 1, 7, `await redis.multi().set(key, value, 'EX', 300).incr(counter).exec();`),
  // cache-manager.
  missing(`import { caching } from 'cache-manager';
const cache = await caching('memory');
await cache.set('rates', rates);`, 'cache.set', FORMS.ms, 3, 7, `import { caching } from 'cache-manager';
const cache = await caching('memory');
await cache.set('rates', rates, 300000);`),
  missing(`import { caching } from 'cache-manager';
const cache = await caching('memory');
await cache.set('rates', rates, {});`, 'cache.set', FORMS.ms, 3, 7, `import { caching } from 'cache-manager';
const cache = await caching('memory');
await cache.set('rates', rates, { ttl: 300 });`),
  missing(`import { createCache } from 'cache-manager';
const cache = createCache();
await cache.set('rates', rates, undefined);`, 'cache.set', FORMS.ms, 3, 7),
  // Options that name no expiry.
  missing(`import { createCache } from 'cache-manager';
const cache = createCache();
await cache.set('rates', rates, { priority: 1, ttlPolicy: undefined, expired: false });`, 'cache.set', FORMS.ms, 3, 7, `import { createCache } from 'cache-manager';
const cache = createCache();
await cache.set('rates', rates, { ttl: 300, priority: 1, ttlPolicy: undefined, expired: false });`),
  // NestJS CACHE_MANAGER.
  missing(`import { Inject, Injectable } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
@Injectable()
export class RatesService {
  constructor(@Inject(CACHE_MANAGER) private readonly store) {}
  async refresh(rates) { await this.store.set('rates', rates); }
}`, 'this.store.set', FORMS.ms, 6, 32, `import { Inject, Injectable } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
@Injectable()
export class RatesService {
  constructor(@Inject(CACHE_MANAGER) private readonly store) {}
  async refresh(rates) { await this.store.set('rates', rates, 300000); }
}`),
  missing(`export class ProfileService {
  @Inject(CACHE_MANAGER) private readonly cache: Cache;
  async save(profile) { await this.cache.set(profile.id, profile); }
}`, 'this.cache.set', FORMS.ms, 3, 31, `export class ProfileService {
  @Inject(CACHE_MANAGER) private readonly cache: Cache;
  async save(profile) { await this.cache.set(profile.id, profile, 300000); }
}`),
  missing(`await this.cacheManager.set(\`user:\${id}\`, user);`, 'this.cacheManager.set', FORMS.ms, 1, 7, `await this.cacheManager.set(\`user:\${id}\`, user, 300000);`),
  // keyv.
  missing(`import Keyv from 'keyv';
const keyv = new Keyv('redis://localhost:6379');
await keyv.set('user:1', user);`, 'keyv.set', FORMS.ms, 3, 7, `import Keyv from 'keyv';
const keyv = new Keyv('redis://localhost:6379');
await keyv.set('user:1', user, 300000);`),
  // node-cache without stdTTL.
  missing(`import NodeCache from 'node-cache';
const memo = new NodeCache({ checkperiod: 60 });
memo.set('config', config);`, 'memo.set', FORMS['node-cache'], 3, 1, `import NodeCache from 'node-cache';
const memo = new NodeCache({ checkperiod: 60 });
memo.set('config', config, 300);`),
  // lru-cache without ttl.
  missing(`import { LRUCache } from 'lru-cache';
const lru = new LRUCache({ max: 500 });
lru.set(key, value);`, 'lru.set', FORMS['lru-cache'], 3, 1, `import { LRUCache } from 'lru-cache';
const lru = new LRUCache({ max: 500 });
lru.set(key, value, { ttl: 300000 });`),
  missing(`import { LRUCache } from 'lru-cache';
class Tokens {
  private readonly entries = new LRUCache({ max: 100 });
  put(key, value) { this.entries.set(key, value, { noUpdateTTL: true }); }
}`, 'this.entries.set', FORMS['lru-cache'], 4, 21, `import { LRUCache } from 'lru-cache';
class Tokens {
  private readonly entries = new LRUCache({ max: 100 });
  put(key, value) { this.entries.set(key, value, { ttl: 300000, noUpdateTTL: true }); }
}`),
  // Hashes without expire.
  {
    code: `async function saveCart(cartId, items) {
  await redis.hset(\`cart:\${cartId}\`, items);
}`,
    errors: [{ messageId: 'hashWithoutExpire', data: { call: 'redis.hset' }, line: 2, column: 9, suggestions: [{ messageId: 'suggestExpire', data: { receiver: 'redis', key: '`cart:${cartId}`', seconds: '300' }, output: `async function saveCart(cartId, items) {
  await redis.hset(\`cart:\${cartId}\`, items);
  await redis.expire(\`cart:\${cartId}\`, 300);
}` }] }],
  },
  {
    code: `function track(id, fields) {
  this.redis.hmset('stats:' + id, fields);
  this.redis.expire('stats:other', 60);
}`,
    errors: [{ messageId: 'hashWithoutExpire', data: { call: 'this.redis.hmset' }, line: 2, column: 3, suggestions: [{ messageId: 'suggestExpire', data: { receiver: 'this.redis', key: "'stats:' + id", seconds: '300' }, output: `function track(id, fields) {
  this.redis.hmset('stats:' + id, fields);
  this.redis.expire('stats:' + id, 300);
  this.redis.expire('stats:other', 60);
}` }] }],
  },
  // A hash under a fixed key is judged when it holds copies of data, also bound to a const first.
  {
    code: `import Redis from 'ioredis';
const redis = new Redis();
export async function remember(user) { const payload = JSON.stringify(user); await redis.hset('profiles', user.id, payload); }`,
    errors: [{ messageId: 'hashWithoutExpire', data: { call: 'redis.hset' }, line: 3, column: 84, suggestions: [{ messageId: 'suggestExpire', data: { receiver: 'redis', key: "'profiles'", seconds: '300' }, output: `import Redis from 'ioredis';
const redis = new Redis();
export async function remember(user) { const payload = JSON.stringify(user); await redis.hset('profiles', user.id, payload);
await redis.expire('profiles', 300); }` }] }],
  },
  {
    code: `import Redis from 'ioredis';
const redis = new Redis();
const PROFILES = 'profiles';
export async function remember(user) { await redis.hset(PROFILES, user.id, JSON.stringify(user)); }`,
    errors: [{ messageId: 'hashWithoutExpire', data: { call: 'redis.hset' }, line: 4, column: 46, suggestions: [{ messageId: 'suggestExpire', data: { receiver: 'redis', key: 'PROFILES', seconds: '300' }, output: `import Redis from 'ioredis';
const redis = new Redis();
const PROFILES = 'profiles';
export async function remember(user) { await redis.hset(PROFILES, user.id, JSON.stringify(user));
await redis.expire(PROFILES, 300); }` }] }],
  },
  // A one-time token as the field, mapped to an id: reset tokens that never expire.
  {
    code: `import Redis from 'ioredis';
const redis = new Redis();
export async function issueReset(resetToken: string, user: { id: string }) { await redis.hset('password_reset', resetToken, user.id); }`,
    errors: [{ messageId: 'hashWithoutExpire', data: { call: 'redis.hset' }, line: 3, column: 84, suggestions: [{ messageId: 'suggestExpire', data: { receiver: 'redis', key: "'password_reset'", seconds: '300' }, output: `import Redis from 'ioredis';
const redis = new Redis();
export async function issueReset(resetToken: string, user: { id: string }) { await redis.hset('password_reset', resetToken, user.id);
await redis.expire('password_reset', 300); }` }] }],
  },
  // The look-alikes: an id under a fixed key that says cache is a cache entry; a key per entity is judged.
  {
    code: `import Redis from 'ioredis';
const redis = new Redis();
export async function remember(sessionId: string, userId: string) { await redis.hset('cache:session-user', sessionId, userId); }`,
    errors: [{ messageId: 'hashWithoutExpire', data: { call: 'redis.hset' }, line: 3, column: 75, suggestions: [{ messageId: 'suggestExpire', data: { receiver: 'redis', key: "'cache:session-user'", seconds: '300' }, output: `import Redis from 'ioredis';
const redis = new Redis();
export async function remember(sessionId: string, userId: string) { await redis.hset('cache:session-user', sessionId, userId);
await redis.expire('cache:session-user', 300); }` }] }],
  },
  {
    code: `import { createClient } from 'redis';
const client = createClient();
const saved = await client.hSet('user:1', { name });`,
    errors: [{ messageId: 'hashWithoutExpire', data: { call: 'client.hSet' }, line: 3, column: 21, suggestions: [] }],
  },
  // The configured default ttl and client names.
  {
    code: `await store.set(key, value);`,
    settings: { 'backend-patterns': { cache: { defaultTtlSeconds: 60, clientNames: ['store'] } } },
    errors: [{
      messageId: 'missingTtl',
      data: { call: 'store.set', form: '60000 ms', seconds: '60' },
      line: 1,
      column: 7,
      suggestions: [{ messageId: 'suggestTtl', data: { call: 'store.set', form: '60000 ms', seconds: '60' }, output: `await store.set(key, value, 60000);` }],
    }],
  },
  missing(`const userCache = createUserCache();
await userCache.set(id, user);`, 'userCache.set', FORMS.ms, 2, 7, `const userCache = createUserCache();
await userCache.set(id, user, 300000);`),
  // Kept: Upstash without an expiry option (nx alone is none), suggested in its lowercase form.
  missing(`import { Redis } from '@upstash/redis';
const redis = Redis.fromEnv();
await redis.set(key, value, { nx: true });`, 'redis.set', '{ ex: 300 }', 3, 7, `import { Redis } from '@upstash/redis';
const redis = Redis.fromEnv();
await redis.set(key, value, { ex: 300, nx: true });`),
  // Kept: next to an imported project cache instance, a client this file builds is still judged.
  missing(`import { sessionCache } from '../cache';
import Redis from 'ioredis';
const redis = new Redis();
await redis.set('webhook-keys', JSON.stringify(keys));`, 'redis.set', FORMS.ioredis, 4, 7, `import { sessionCache } from '../cache';
import Redis from 'ioredis';
const redis = new Redis();
await redis.set('webhook-keys', JSON.stringify(keys), 'EX', 300);`),
  // Kept (typed): the imported cache-named value is declared as an ioredis client.
  { ...missing(`import { redisCache } from './caches.js';
export async function remember(host: string, tenantId: string) { await redisCache.set(host, tenantId); }`, 'redisCache.set', FORMS.ioredis, 2, 72, `import { redisCache } from './caches.js';
export async function remember(host: string, tenantId: string) { await redisCache.set(host, tenantId, 'EX', 300); }`), mode: 'typed' },
  // Kept: an imported value named as the client itself (not a cache built on one) is judged by its name.
  missing(`import { redis } from '../lib/redis';
export async function saveFlags(tenantId: string, flags: string) { await redis.set(\`flags:\${tenantId}\`, flags); }`, 'redis.set', FORMS.ioredis, 2, 74, `import { redis } from '../lib/redis';
export async function saveFlags(tenantId: string, flags: string) { await redis.set(\`flags:\${tenantId}\`, flags, 'EX', 300); }`),
  // Kept: a project factory named for the raw client returns the client, judged by the name it is stored under.
  missing(`import { getRedisClient } from '../lib/redis';
export async function saveFlags(tenantId: string, flags: string) { const redis = getRedisClient(); await redis.set(\`flags:\${tenantId}\`, flags); }`, 'redis.set', FORMS.ioredis, 2, 106, `import { getRedisClient } from '../lib/redis';
export async function saveFlags(tenantId: string, flags: string) { const redis = getRedisClient(); await redis.set(\`flags:\${tenantId}\`, flags, 'EX', 300); }`),
  // Kept: what a project factory returns, stored under a raw client's name.
  missing(`import { getClient } from '../lib/redis';
export async function saveFlags(tenantId: string, flags: string) { const redis = getClient(); await redis.set(\`flags:\${tenantId}\`, flags); }`, 'redis.set', FORMS.ioredis, 2, 101, `import { getClient } from '../lib/redis';
export async function saveFlags(tenantId: string, flags: string) { const redis = getClient(); await redis.set(\`flags:\${tenantId}\`, flags, 'EX', 300); }`),
  // Kept: a cache-named local built here shadows the imported name's judgement.
  missing(`import { userCache } from '../cache';
import { createClient } from 'redis';
export async function warm(id, user) {
  const userCache = createClient();
  await userCache.set(id, user);
}`, 'userCache.set', FORMS['node-redis'], 5, 9, `import { userCache } from '../cache';
import { createClient } from 'redis';
export async function warm(id, user) {
  const userCache = createClient();
  await userCache.set(id, user, { EX: 300 });
}`),
  // Kept: both branches of the condition write without expiry.
  {
    code: `async function put(key, value, fresh) {
  if (fresh) await redis.set(key, value, 'NX');
  else await redis.set(key, value);
}`,
    errors: [
      { messageId: 'missingTtl', line: 2, column: 20, suggestions: [{ messageId: 'suggestTtl', output: `async function put(key, value, fresh) {
  if (fresh) await redis.set(key, value, 'EX', 300, 'NX');
  else await redis.set(key, value);
}` }] },
      { messageId: 'missingTtl', line: 3, column: 14, suggestions: [{ messageId: 'suggestTtl', output: `async function put(key, value, fresh) {
  if (fresh) await redis.set(key, value, 'NX');
  else await redis.set(key, value, 'EX', 300);
}` }] },
    ],
  },
  // Kept: an lru-cache bounded by max alone still serves stale entries.
  missing(`import { LRUCache } from 'lru-cache';
const rates = new LRUCache({ max: 50 });
rates.set('usd', value);`, 'rates.set', FORMS['lru-cache'], 3, 1, `import { LRUCache } from 'lru-cache';
const rates = new LRUCache({ max: 50 });
rates.set('usd', value, { ttl: 300000 });`),
  // Kept: a value that is a timestamp but no expiry.
  missing(`await cacheManager.set(key, Date.now());`, 'cacheManager.set', FORMS.ms, 1, 7, `await cacheManager.set(key, Date.now(), 300000);`),
];

runRuleTests('require-cache-ttl', rule, { valid, invalid });
