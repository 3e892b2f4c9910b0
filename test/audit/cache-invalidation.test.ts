import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cacheDecoratorOperation,
  cacheDecoratorTtl,
  cacheOperationOf,
  cacheWriteTtl,
  keyBuilderPattern,
  keyPattern,
  keyPatternsMatch,
  modelKey,
  modelOfQuery,
  readsOnlyIdentity,
  stalenessAccepted,
  type TtlArgument,
} from '../../src/core/classify/cache-keys.js';
import { parseSettings } from '../../src/core/settings.js';
import type { ChainFact } from '../../src/core/facts.js';
import type { QueryMatch } from '../../src/core/classify/query.js';
import { buildOnce, REPO } from '../helpers/build.js';
import { labelledLocations, runCli } from '../helpers/cli.js';
import { removeTempProjects, writeTempProject } from '../helpers/temp-project.js';

const RULE = 'audit/cache-invalidation';
const FIXTURES = path.join(REPO, 'fixtures', 'audit', 'cache-invalidation');
const scenarios = readdirSync(FIXTURES);

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  message: string;
  chain?: Array<{ file: string; line: number; label: string }>;
}

const runs = new Map<string, JsonFinding[]>();

function audit(project: string, extra: readonly string[] = []): JsonFinding[] {
  const key = [project, ...extra].join('\0');
  const known = runs.get(key);
  if (known !== undefined) return known;
  const run = runCli(['audit', project, '--format', 'json', '--no-eslint', '--no-config-lookup', '--rules', RULE, '--fail-on', 'never', ...extra]);
  expect(run.stderr).toBe('');
  const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
  runs.set(key, findings);
  return findings;
}

const where = (finding: JsonFinding): string => `${finding.file}:${String(finding.line)}`;

let scratch = '';
beforeAll(() => {
  buildOnce();
  scratch = writeTempProject('cache-invalidation-', {});
}, 300_000);
afterAll(removeTempProjects);

describe.each(scenarios)('fixtures/audit/cache-invalidation/%s', (scenario) => {
  it('reports exactly the labelled writes', () => {
    const root = path.join(FIXTURES, scenario);
    const labelled = labelledLocations(root, RULE);
    expect(audit(root).map(where).sort()).toEqual(labelled);
    if (scenario.endsWith('.wrong')) expect(labelled.length).toBeGreaterThan(0);
    else expect(labelled).toEqual([]);
  });
});

describe('the chain from the write to the cached read', () => {
  it('write → writing function → cached read → cache get → model query → cache set', () => {
    const findings = audit(path.join(FIXTURES, 'express-ioredis-prisma.wrong'));
    const finding = findings.find((candidate) => where(candidate) === 'src/users/users.service.ts:21');
    expect(finding?.column).toBe(9);
    expect(finding?.chain?.map((step) => `${step.file}:${String(step.line)} ${step.label}`)).toEqual([
      'src/users/users.service.ts:21 write prisma.user.update',
      'src/users/users.service.ts:20 changeEmail',
      'src/users/users.service.ts:12 cached read getUser',
      "src/users/users.service.ts:13 cache get 'user:*'",
      'src/users/users.service.ts:15 prisma.user.findUnique',
      "src/users/users.service.ts:16 cache set 'user:*' (no TTL)",
    ]);
    expect(finding?.message).toContain("'changeEmail' writes the user model (prisma.user.update)");
    expect(finding?.message).toContain("'getUser' (src/users/users.service.ts:12)");
  });

  it('a project wrapper of an injected cache-manager store, a key builder with an imported prefix, a Repository<Product>', () => {
    const findings = audit(path.join(FIXTURES, 'nest-cache-manager-typeorm.wrong'));
    const finding = findings.find((candidate) => where(candidate) === 'src/catalog/catalog-admin.service.ts:24');
    expect(finding?.chain?.map((step) => step.label)).toEqual([
      'write this.repo.save',
      'CatalogAdminService.restore',
      'cached read ProductsService.findOne',
      "cache get 'product:*'",
      'this.products.findOne',
      "cache set 'product:*' (no TTL)",
    ]);
  });
});

describe('caches made by method decorators', () => {
  const project = path.join(FIXTURES, 'decorator-cache-prisma.wrong');

  it('@Cacheable({ cacheKey: (args) => accountKey(args[0]) }): the decorated method is the miss path, the key function\'s builder the pattern', () => {
    const finding = audit(project).find((candidate) => where(candidate) === 'src/accounts/accounts.service.ts:19');
    expect(finding?.chain?.map((step) => `${String(step.line)} ${step.label}`)).toEqual([
      '19 write prisma.account.update',
      '18 AccountsService.suspendAccount',
      '9 cached read AccountsService.getAccount',
      "8 cache read-through 'account:*' (no TTL)",
      '10 prisma.account.findUnique',
    ]);
  });

  it('a project decorator named for caching (@CachedEntity({ builder })), read by a private method, written from another service', () => {
    const finding = audit(project).find((candidate) => where(candidate) === 'src/members/members-admin.service.ts:7');
    expect(finding?.message).toContain("the cache key 'member:*:*' that 'MembersService.fetchMember'");
  });

  it('a key builder from a package: its name is the key; a path that builds the same key touches the entry', () => {
    const findings = audit(project).filter((candidate) => candidate.file === 'src/sessions/sessions.service.ts');
    expect(findings.map(where)).toEqual(['src/sessions/sessions.service.ts:20']);
    expect(findings[0]?.chain?.map((step) => step.label)).toContain("cache read-through 'buildSessionKey(*)' (no TTL)");
  });

  it('ttlSeconds: a day is checked, five minutes accepted; @CacheClear on the writing method invalidates', () => {
    const lines = audit(project).map(where);
    expect(lines).toContain('src/accounts/accounts.service.ts:33');
    expect(lines).not.toContain('src/plans/plans.service.ts:14');
    expect(lines).not.toContain('src/accounts/accounts.service.ts:15');
  });
});

describe('read-through helpers', () => {
  const project = path.join(FIXTURES, 'read-through-sequelize.wrong');

  it('a project wrapper\'s remember(key, load): the loader is the miss path', () => {
    const finding = audit(project).find((candidate) => where(candidate) === 'src/invoices/invoices.service.ts:12');
    expect(finding?.chain?.map((step) => `${String(step.line)} ${step.label}`)).toEqual([
      '12 write Invoice.update',
      '11 InvoicesService.markPaid',
      '7 cached read InvoicesService.summary',
      "8 cache read-through 'invoice:*' (no TTL)",
      '8 Invoice.findByPk',
    ]);
  });

  it('cache-manager wrap(key, load, ttl): a ten-minute TTL is accepted, none is checked', () => {
    const messages = audit(project).filter((candidate) => candidate.file === 'src/plans/plans.ts').map((candidate) => candidate.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("the cache key 'plan:*' that 'planByCode' (src/plans/plans.ts:6) fills from it with no TTL");
  });
});

describe('the accepted staleness (settings.cache.maxStaleSeconds)', () => {
  const project = path.join(FIXTURES, 'express-ioredis-prisma.wrong');
  const withSettings = (settings: unknown): JsonFinding[] => {
    const file = path.join(scratch, `settings-${String(Math.random()).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(settings));
    return audit(project, ['--config', file]);
  };

  it('by default, a one-day TTL is checked and a five-minute one is accepted', () => {
    const lines = audit(project).map(where);
    expect(lines).toContain('src/teams/teams.service.ts:30');
    expect(lines).not.toContain('src/teams/teams.service.ts:26');
  });

  it('accepting a day silences the one-day entry; entries without a TTL stay checked', () => {
    const lines = withSettings({ cache: { maxStaleSeconds: 86_400 } }).map(where);
    expect(lines).not.toContain('src/teams/teams.service.ts:30');
    expect(lines).toContain('src/users/users.service.ts:21');
  });

  it('accepting one minute checks the five-minute entry too', () => {
    const lines = withSettings({ cache: { maxStaleSeconds: 60 } }).map(where);
    expect(lines).toContain('src/teams/teams.service.ts:26');
  });

  it('rejects a value that is not a positive number', () => {
    expect(() => parseSettings({ cache: { maxStaleSeconds: 0 } })).toThrow("Invalid setting 'backend-patterns.cache.maxStaleSeconds': expected a positive number");
    expect(parseSettings(undefined).cache.maxStaleSeconds).toBe(3600);
  });
});

describe('core judgements', () => {
  const text = (value: string) => ({ kind: 'text', text: value }) as const;
  const hole = { kind: 'hole' } as const;
  const num = (value: number): TtlArgument => ({ kind: 'number', value });
  const str = (value: string): TtlArgument => ({ kind: 'string', text: value });
  const obj = (entries: Record<string, TtlArgument>): TtlArgument => ({ kind: 'object', properties: new Map(Object.entries(entries)) });
  const opaque: TtlArgument = { kind: 'opaque' };

  it('normalises keys to patterns; a key with no literal text has none', () => {
    expect(keyPattern([text('user:'), hole])).toBe('user:*');
    expect(keyPattern([text('user:'), hole, text(''), hole, text(':profile')])).toBe('user:*:profile');
    expect(keyPattern([text('stats')])).toBe('stats');
    expect(keyPattern([hole])).toBeUndefined();
    expect(keyPattern([text(''), hole, text('')])).toBeUndefined();
  });

  it('cache decorators by name: a read-through, an eviction, a rewrite; other decorators do nothing to a cache', () => {
    expect(cacheDecoratorOperation('Cacheable')).toBe('read');
    expect(cacheDecoratorOperation('CachedEntity')).toBe('read');
    expect(cacheDecoratorOperation('cache.Cacheable')).toBe('read');
    expect(cacheDecoratorOperation('CacheClear')).toBe('delete');
    expect(cacheDecoratorOperation('InvalidateCacheByKey')).toBe('delete');
    expect(cacheDecoratorOperation('CachePut')).toBe('write');
    // NestJS's HTTP response cache names a key and a TTL for an interceptor, not a cached model read.
    expect(cacheDecoratorOperation('CacheKey')).toBeUndefined();
    expect(cacheDecoratorOperation('CacheTTL')).toBeUndefined();
    expect(cacheDecoratorOperation('Cachedness')).toBeUndefined();
  });

  it('a key built by a function we cannot read is known by the builder\'s name; a builder\'s key may be any text key, not another builder\'s', () => {
    expect(keyBuilderPattern(['buildSessionKey'])).toBe('buildSessionKey(*)');
    expect(keyBuilderPattern(['buildFeedKey', 'cache'])).toBe('buildFeedKey(*)');
    expect(keyBuilderPattern(['keys', 'user'])).toBe('keys(*)');
    expect(keyBuilderPattern(['this', 'formatMonkey'])).toBeUndefined();
    expect(keyBuilderPattern(['JSON', 'stringify'])).toBeUndefined();
    expect(keyPatternsMatch('buildSessionKey(*)', 'buildSessionKey(*)')).toBe(true);
    expect(keyPatternsMatch('buildSessionKey(*)', 'buildInviteKey(*)')).toBe(false);
    expect(keyPatternsMatch('user:*', 'buildUserKey(*)')).toBe(true);
    expect(keyPatternsMatch('buildUserKey(*)', 'user:*')).toBe(true);
  });

  it('a cache decorator\'s TTL: seconds and milliseconds by option name, `ttl` of no shared unit is unknown, none without one', () => {
    const options = (entries: Record<string, TtlArgument>): ReadonlyMap<string, TtlArgument> => new Map(Object.entries(entries));
    expect(cacheDecoratorTtl(options({ ttlSeconds: num(600) }))).toEqual({ kind: 'seconds', seconds: 600 });
    expect(cacheDecoratorTtl(options({ ttlMs: num(60_000) }))).toEqual({ kind: 'seconds', seconds: 60 });
    expect(cacheDecoratorTtl(options({ ttl: num(600) }))).toEqual({ kind: 'unknown' });
    expect(cacheDecoratorTtl(options({ cacheKey: str('plans'), '...': opaque }))).toEqual({ kind: 'unknown' });
    expect(cacheDecoratorTtl(options({ cacheKey: str('plans') }))).toEqual({ kind: 'none' });
    expect(cacheDecoratorTtl(undefined)).toEqual({ kind: 'none' });
  });

  it('matches equal patterns and globs that cover the cached one, not the reverse', () => {
    expect(keyPatternsMatch('user:*', 'user:*')).toBe(true);
    expect(keyPatternsMatch('user:*:profile', 'user:*')).toBe(true);
    expect(keyPatternsMatch('user:*', 'user:*:profile')).toBe(false);
    expect(keyPatternsMatch('user:*', 'team:*')).toBe(false);
    expect(keyPatternsMatch('user.v2:*', 'user.v2:*')).toBe(true);
    expect(keyPatternsMatch('userXv2:*', 'user.v2:*')).toBe(false);
  });

  it('knows what cache methods do', () => {
    expect(cacheOperationOf('get')).toBe('read');
    expect(cacheOperationOf('setex')).toBe('write');
    expect(cacheOperationOf('hset')).toBe('write');
    expect(cacheOperationOf('del')).toBe('delete');
    expect(cacheOperationOf('unlink')).toBe('delete');
    expect(cacheOperationOf('flushall')).toBe('clear');
    expect(cacheOperationOf('expire')).toBe('expire');
    expect(cacheOperationOf('ttl')).toBeUndefined();
    expect(cacheOperationOf('publish')).toBeUndefined();
  });

  it('reads the TTL in each client\'s own form', () => {
    expect(cacheWriteTtl('ioredis', 'set', [opaque, opaque])).toEqual({ kind: 'none' });
    expect(cacheWriteTtl('ioredis', 'set', [opaque, opaque, str('EX'), num(60)])).toEqual({ kind: 'seconds', seconds: 60 });
    expect(cacheWriteTtl('ioredis', 'set', [opaque, opaque, str('PX'), num(90_000)])).toEqual({ kind: 'seconds', seconds: 90 });
    expect(cacheWriteTtl('ioredis', 'set', [opaque, opaque, str('NX')])).toEqual({ kind: 'none' });
    expect(cacheWriteTtl('ioredis', 'set', [opaque, opaque, str('EX'), opaque])).toEqual({ kind: 'unknown' });
    expect(cacheWriteTtl('ioredis', 'set', [opaque, opaque, str('KEEPTTL')])).toEqual({ kind: 'unknown' });
    expect(cacheWriteTtl('node-redis', 'set', [opaque, opaque, obj({ EX: num(7200) })])).toEqual({ kind: 'seconds', seconds: 7200 });
    expect(cacheWriteTtl('upstash-redis', 'set', [opaque, opaque, obj({ ex: num(30) })])).toEqual({ kind: 'seconds', seconds: 30 });
    expect(cacheWriteTtl('node-redis', 'set', [opaque, opaque, obj({ expiration: obj({ type: str('EX'), value: num(5) }) })])).toEqual({ kind: 'seconds', seconds: 5 });
    expect(cacheWriteTtl('ioredis', 'setex', [opaque, num(600), opaque])).toEqual({ kind: 'seconds', seconds: 600 });
    expect(cacheWriteTtl('ioredis', 'hset', [opaque, opaque, opaque])).toEqual({ kind: 'none' });
    expect(cacheWriteTtl('cache-manager', 'set', [opaque, opaque, num(60_000)])).toEqual({ kind: 'seconds', seconds: 60 });
    expect(cacheWriteTtl('cache-manager', 'set', [opaque, opaque, obj({ ttl: num(60) })])).toEqual({ kind: 'seconds', seconds: 60 });
    expect(cacheWriteTtl('cache-manager', 'set', [opaque, opaque, num(0)])).toEqual({ kind: 'none' });
    expect(cacheWriteTtl('keyv', 'set', [opaque, opaque])).toEqual({ kind: 'none' });
    expect(cacheWriteTtl('keyv', 'set', [opaque, opaque], { kind: 'unknown' })).toEqual({ kind: 'unknown' });
    expect(cacheWriteTtl('node-cache', 'set', [opaque, opaque, num(120)])).toEqual({ kind: 'seconds', seconds: 120 });
    expect(cacheWriteTtl('lru-cache', 'set', [opaque, opaque, obj({ ttl: num(5000) })])).toEqual({ kind: 'seconds', seconds: 5 });
  });

  it('accepts a TTL at or below the bound, and a TTL it cannot evaluate; checks none and longer ones', () => {
    const settings = parseSettings(undefined);
    expect(stalenessAccepted({ kind: 'seconds', seconds: 3600 }, settings)).toBe(true);
    expect(stalenessAccepted({ kind: 'seconds', seconds: 3601 }, settings)).toBe(false);
    expect(stalenessAccepted({ kind: 'none' }, settings)).toBe(false);
    expect(stalenessAccepted({ kind: 'unknown' }, settings)).toBe(true);
  });

  it('normalises model names however the code spells them', () => {
    expect(modelKey('User')).toBe('user');
    expect(modelKey('UserModel')).toBe('user');
    expect(modelKey('userRepository')).toBe('user');
    expect(modelKey('users')).toBe('user');
    expect(modelKey('user_profiles')).toBe('userprofile');
    expect(modelKey('categories')).toBe('category');
    expect(modelKey('address')).toBe('address');
    expect(modelKey('repository')).toBeUndefined();
    expect(modelKey('Model')).toBeUndefined();
    expect(modelKey('db')).toBeUndefined();
  });

  it('a read of identity columns only is no cached copy of the row', () => {
    const read = (args: ChainFact['segments'][number]['call']): ChainFact => ({ segments: [{ name: 'User' }, { name: 'findOne', call: args }], awaited: true });
    const object = (key: string, value: import('../../src/core/facts.js').ValueFact) => ({ kind: 'object', properties: [{ key, value, shorthand: false }], spreads: [] }) as const;
    expect(readsOnlyIdentity(read({ args: [object('attributes', { kind: 'array', elements: [{ kind: 'string', text: 'id' }] })] }))).toBe(true);
    expect(readsOnlyIdentity(read({ args: [object('select', object('id', { kind: 'boolean', value: true }))] }))).toBe(true);
    expect(readsOnlyIdentity(read({ args: [object('select', object('email', { kind: 'boolean', value: true }))] }))).toBe(false);
    expect(readsOnlyIdentity(read({ args: [object('attributes', { kind: 'array', elements: [{ kind: 'string', text: 'id' }, { kind: 'string', text: 'name' }] })] }))).toBe(false);
    expect(readsOnlyIdentity(read({ args: [object('where', object('id', { kind: 'identifier', name: 'id' }))] }))).toBe(false);
  });

  it('finds the model of a query from its chain, and none for raw SQL or a bare entity manager', () => {
    const match = (library: QueryMatch['library'], operationIndex: number, extra: Partial<QueryMatch> = {}): QueryMatch => ({
      library, access: 'read', operationIndex, label: '', raw: false, transaction: false, batched: false, paginated: false, typed: false, activeRecord: false, ...extra,
    });
    const chain = (names: readonly string[], extra: Partial<ChainFact> = {}, args: ChainFact['segments'][number]['call'] = { args: [] }): ChainFact => ({
      segments: names.map((name, index) => (index === names.length - 1 ? { name, call: args } : { name })),
      awaited: true,
      ...extra,
    });
    expect(modelOfQuery(chain(['this', 'prisma', 'user', 'findUnique']), match('prisma', 3))).toBe('user');
    expect(modelOfQuery(chain(['UserModel', 'findById']), match('mongoose', 1))).toBe('user');
    expect(modelOfQuery(chain(['this', 'orderRepository', 'save']), match('typeorm', 2))).toBe('order');
    expect(modelOfQuery(chain(['this', 'repo', 'save'], { binding: { kind: 'field', length: 2, typeName: 'Repository', typeArguments: ['Invoice'] } }), match('typeorm', 2))).toBe('invoice');
    expect(modelOfQuery(chain(['this', 'repo', 'save']), match('typeorm', 2))).toBeUndefined();
    expect(modelOfQuery(chain(['em', 'findOne'], {}, { args: [{ kind: 'identifier', name: 'Ticket' }] }), match('mikro-orm', 1))).toBe('ticket');
    expect(modelOfQuery(chain(['pool', 'query']), match('pg', 1, { raw: true }))).toBeUndefined();
  });
});
