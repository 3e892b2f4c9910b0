import { describe, expect, it } from 'vitest';
import {
  cacheLibraryOfConstructor,
  cacheLibraryOfName,
  cacheLibraryOfTypeName,
  classifyCacheWrite,
  constructedWithTtl,
  isCacheClientName,
  namesRawCacheClient,
  ttlInsertion,
} from '../../src/core/classify/cache.js';
import { isIdempotentWrite } from '../../src/core/classify/query.js';
import { classifySql } from '../../src/core/classify/sql.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings.js';
import { id, obj, prop, str } from './chain.js';
import type { ValueFact } from '../../src/core/facts.js';

const n = (value: number): ValueFact => ({ kind: 'number', value });
const yes: ValueFact = { kind: 'boolean', value: true };

describe('cache clients', () => {
  it('recognises constructors, factories and types', () => {
    expect(cacheLibraryOfConstructor('Redis', 'new', 'ioredis')).toBe('ioredis');
    expect(cacheLibraryOfConstructor('createClient', 'call', 'redis')).toBe('node-redis');
    expect(cacheLibraryOfConstructor('caching', 'call')).toBe('cache-manager');
    expect(cacheLibraryOfConstructor('NodeCache', 'new')).toBe('node-cache');
    expect(cacheLibraryOfConstructor('Map', 'new')).toBe('not-cache');
    expect(cacheLibraryOfConstructor('Redis', 'new', '@upstash/redis')).toBe('upstash-redis');
    expect(cacheLibraryOfConstructor('WeakMap', 'new')).toBe('not-cache');
    expect(cacheLibraryOfConstructor('RedisClientType', 'call')).toBeUndefined();
    expect(cacheLibraryOfTypeName('RedisClientType')).toBe('node-redis');
    expect(cacheLibraryOfTypeName('Cache', 'cache-manager')).toBe('cache-manager');
    expect(cacheLibraryOfTypeName('Map')).toBe('not-cache');
  });
  it('takes classes and types of the project or of other packages for wrappers, not clients', () => {
    expect(cacheLibraryOfConstructor('Pool', 'new', 'pg')).toBe('other');
    expect(cacheLibraryOfConstructor('BlockMap', 'new')).toBe('other');
    expect(cacheLibraryOfConstructor('TtlCache', 'new', '@logto/shared')).toBe('other');
    expect(cacheLibraryOfConstructor('Redis', 'new', '../redis')).toBe('other');
    expect(cacheLibraryOfConstructor('createClient', 'call', '@supabase/supabase-js')).toBeUndefined();
    // A factory of the project returns what that module built: a wrapper whose set may apply a default expiry.
    expect(cacheLibraryOfConstructor('TypedCache', 'call', '@app/lib/cache.ts')).toBe('other');
    expect(cacheLibraryOfConstructor('getCacheManager', 'call', '../cache/index.js')).toBe('other');
    // Unless it is named for the raw client: judged by the name it is stored under.
    expect(cacheLibraryOfConstructor('getRedisClient', 'call', '../lib/redis')).toBeUndefined();
    expect(cacheLibraryOfConstructor('createRedis', 'call', '@acme/infra')).toBeUndefined();
    expect(cacheLibraryOfConstructor('useRedis', 'call', '../lib/redis')).toBeUndefined();
    expect(cacheLibraryOfTypeName('Cache', './dom-types')).toBe('other');
    expect(cacheLibraryOfTypeName('RedisCacheService', '@ghostfolio/api/app/redis-cache/redis-cache.service')).toBe('other');
    expect(cacheLibraryOfTypeName('StoreCache', undefined, true)).toBe('other');
    expect(cacheLibraryOfTypeName('Redis', '@upstash/redis')).toBe('upstash-redis');
    expect(cacheLibraryOfTypeName('INestApplication', '@nestjs/common')).toBe('other');
    expect(cacheLibraryOfTypeName('Cache', '@nestjs/common')).toBe('cache-manager');
    expect(cacheLibraryOfConstructor('Logger', 'new', '@nestjs/common')).toBe('other');
  });
  it('knows constructions that give entries a ttl or bound a pool', () => {
    const built = (library: 'lru-cache' | 'node-cache' | 'keyv', constructorName: string, optionKeys: string[], opaqueOptions = false): boolean => constructedWithTtl({ library, constructorName, optionKeys, opaqueOptions });
    expect(built('node-cache', 'NodeCache', ['stdTTL'])).toBe(true);
    expect(built('lru-cache', 'LRUCache', ['max', 'ttl'])).toBe(true);
    expect(built('lru-cache', 'LRUCache', ['allowStale'], true)).toBe(true);
    expect(built('lru-cache', 'TTLCache', [])).toBe(true);
    expect(built('lru-cache', 'LRUCache', ['max', 'dispose'])).toBe(true);
    expect(built('lru-cache', 'LRUCache', ['max'])).toBe(false);
    expect(built('keyv', 'Keyv', ['namespace'])).toBe(false);
  });
  it('tells a client named as itself from a cache built on one', () => {
    for (const name of ['redis', 'redisClient', 'ioredis', 'keyvConnection', 'upstashRedis']) expect(namesRawCacheClient(name)).toBe(true);
    for (const name of ['redisCache', 'sessionCache', 'cache', 'cacheManager', 'redisService', 'client', 'redisStore']) expect(namesRawCacheClient(name)).toBe(false);
  });
  it('recognises client names', () => {
    for (const name of ['redis', 'redisClient', 'cacheManager', 'userCache', 'keyv', 'lru']) expect(isCacheClientName(name, DEFAULT_SETTINGS)).toBe(true);
    for (const name of ['cached', 'cacheKey', 'cacheControl', 'bySku', 'headers', 'res']) expect(isCacheClientName(name, DEFAULT_SETTINGS)).toBe(false);
    expect(isCacheClientName('store', parseSettings({ cache: { clientNames: ['store'] } }))).toBe(true);
    expect(cacheLibraryOfName('redisClient', ['node-redis'])).toBe('node-redis');
    expect(cacheLibraryOfName('cache', ['keyv'])).toBe('keyv');
    expect(cacheLibraryOfName('cache', [])).toBe('cache-manager');
    expect(cacheLibraryOfName('redis', ['upstash-redis'])).toBe('upstash-redis');
  });
});

describe('classifyCacheWrite', () => {
  it('reports Redis writes without expiry', () => {
    expect(classifyCacheWrite('ioredis', 'set', [str('k'), str('v')], false)).toEqual({ kind: 'missingTtl' });
    expect(classifyCacheWrite('ioredis', 'set', [str('k'), str('v'), str('NX')], false)).toEqual({ kind: 'missingTtl' });
    expect(classifyCacheWrite('node-redis', 'set', [str('k'), str('v'), obj([prop('NX', yes)])], false)).toEqual({ kind: 'missingTtl' });
    expect(classifyCacheWrite('ioredis', 'hset', [str('k'), obj([])], false)).toEqual({ kind: 'hash' });
    expect(classifyCacheWrite('upstash-redis', 'set', [str('k'), str('v'), obj([prop('nx', yes), prop('get', yes)])], false)).toEqual({ kind: 'missingTtl' });
  });
  it('matches expiry options case-insensitively (Upstash)', () => {
    for (const key of ['ex', 'px', 'exat', 'pxat', 'keepTtl']) {
      expect(classifyCacheWrite('ioredis', 'set', [str('k'), str('v'), obj([prop(key, n(60))])], false)).toBeUndefined();
      expect(classifyCacheWrite('upstash-redis', 'set', [str('k'), str('v'), obj([prop('nx', yes), prop(key, n(60)), prop('get', yes)])], false)).toBeUndefined();
    }
  });
  it('leaves invalidations and values that carry their own expiry alone', () => {
    const undef: ValueFact = { kind: 'undefined' };
    const now: ValueFact = { kind: 'call', chain: { segments: [{ name: 'Date' }, { name: 'now', call: { args: [] } }], awaited: false } };
    expect(classifyCacheWrite('cache-manager', 'set', [str('k'), undef], false)).toBeUndefined();
    expect(classifyCacheWrite('ioredis', 'set', [str('k'), undef], false)).toBeUndefined();
    expect(classifyCacheWrite('lru-cache', 'set', [str('k'), { kind: 'binary', operator: '+', left: now, right: id('ttl') }], false)).toBeUndefined();
    expect(classifyCacheWrite('lru-cache', 'set', [str('k'), { kind: 'binary', operator: '-', left: now, right: id('ttl') }], false)).toEqual({ kind: 'missingTtl' });
  });
  it('accepts Redis expiry in every form', () => {
    expect(classifyCacheWrite('ioredis', 'set', [str('k'), str('v'), str('EX'), n(60)], false)).toBeUndefined();
    expect(classifyCacheWrite('ioredis', 'set', [str('k'), str('v'), str('keepttl')], false)).toBeUndefined();
    expect(classifyCacheWrite('node-redis', 'set', [str('k'), str('v'), obj([prop('PX', n(1000))])], false)).toBeUndefined();
    expect(classifyCacheWrite('node-redis', 'set', [str('k'), str('v'), obj([prop('expiration', obj([]))])], false)).toBeUndefined();
    expect(classifyCacheWrite('ioredis', 'set', [str('k'), str('v'), id('mode'), id('ttl')], false)).toBeUndefined();
    expect(classifyCacheWrite('ioredis', 'setex', [str('k'), n(60), str('v')], false)).toBeUndefined();
  });
  it('judges the ttl argument of cache-manager, keyv, node-cache and lru-cache', () => {
    expect(classifyCacheWrite('cache-manager', 'set', [str('k'), str('v')], false)).toEqual({ kind: 'missingTtl' });
    expect(classifyCacheWrite('cache-manager', 'set', [str('k'), str('v'), n(60_000)], false)).toBeUndefined();
    expect(classifyCacheWrite('cache-manager', 'set', [str('k'), str('v'), obj([prop('ttl', n(60))])], false)).toBeUndefined();
    expect(classifyCacheWrite('keyv', 'set', [str('k'), str('v')], false)).toEqual({ kind: 'missingTtl' });
    expect(classifyCacheWrite('node-cache', 'set', [str('k'), str('v')], true)).toBeUndefined();
    expect(classifyCacheWrite('lru-cache', 'set', [str('k'), str('v'), obj([prop('noUpdateTTL', yes)])], false)).toEqual({ kind: 'missingTtl' });
    expect(classifyCacheWrite('lru-cache', 'get', [str('k')], false)).toBeUndefined();
  });
  it('builds the ttl in the client form', () => {
    expect(ttlInsertion('ioredis', 300).argument).toBe(", 'EX', 300");
    expect(ttlInsertion('node-redis', 60).argument).toBe(', { EX: 60 }');
    expect(ttlInsertion('upstash-redis', 60).argument).toBe(', { ex: 60 }');
    expect(ttlInsertion('cache-manager', 300).argument).toBe(', 300000');
    expect(ttlInsertion('node-cache', 300).argument).toBe(', 300');
    expect(ttlInsertion('lru-cache', 1).argument).toBe(', { ttl: 1000 }');
  });
});

describe('idempotent writes', () => {
  it('marks conflict-resolving SQL', () => {
    expect(classifySql('INSERT INTO t (id) VALUES ($1) ON CONFLICT (id) DO NOTHING')?.idempotent).toBe(true);
    expect(classifySql('INSERT INTO t (id) VALUES (?) ON DUPLICATE KEY UPDATE n = n')?.idempotent).toBe(true);
    expect(classifySql('INSERT IGNORE INTO t (id) VALUES (?)')?.idempotent).toBe(true);
    expect(classifySql('MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET n = s.n')?.idempotent).toBe(true);
    expect(classifySql('INSERT INTO t (id) VALUES ($1)')?.idempotent).toBe(false);
    expect(classifySql('UPDATE t SET n = n + 1 WHERE id = $1')?.idempotent).toBe(false);
  });
  it('marks upserts', () => {
    const match = { library: 'prisma', access: 'write', operationIndex: 2, label: '', raw: false, transaction: false, batched: false, paginated: false, typed: false, activeRecord: false } as const;
    expect(isIdempotentWrite(match, { segments: [{ name: 'prisma' }, { name: 'user' }, { name: 'upsert', call: { args: [] } }], awaited: true })).toBe(true);
    expect(isIdempotentWrite(match, { segments: [{ name: 'Order' }, { name: 'updateOne', call: { args: [obj([]), obj([]), obj([prop('upsert', yes)])] } }], awaited: true })).toBe(true);
    expect(isIdempotentWrite(match, { segments: [{ name: 'prisma' }, { name: 'user' }, { name: 'create', call: { args: [] } }], awaited: true })).toBe(false);
  });
});
