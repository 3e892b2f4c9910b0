import {
  ACTIVE_RECORD_INSTANCE_METHODS,
  BATCH_METHODS,
  BATCH_OPERATOR_CALLS,
  BATCH_OPERATOR_KEYS,
  DB_CLIENT_AMBIGUOUS_TYPE_NAMES,
  DB_CLIENT_TYPE_NAMES,
  DB_INJECTION_DECORATORS,
  DB_PACKAGES,
  DRIZZLE_METHODS,
  IDEMPOTENT_WRITE_METHODS,
  KNEX_METHODS,
  KYSELY_METHODS,
  MIKRO_ORM_METHODS,
  MODEL_CONTAINER_NAMES,
  MONGODB_COLLECTION_METHODS,
  MONGOOSE_MODEL_METHODS,
  NOT_MODEL_GLOBALS,
  PAGINATION_METHODS,
  PRISMA_CLIENT_METHODS,
  PRISMA_MODEL_METHODS,
  QUERY_BUILDER_TERMINALS,
  QUERY_BUILDER_TEXT_STEPS,
  MONGOOSE_CONFIGURATION_TYPES,
  MONGOOSE_DOCUMENT_QUERIES,
  MONGOOSE_MODULE_SETTINGS,
  RAW_QUERY_METHODS,
  REPOSITORY_NAME_PATTERNS,
  SEQUELIZE_MODEL_METHODS,
  SQLITE_STATEMENT_METHODS,
  SYNC_ENTITY_BUILDERS,
  TYPEORM_REPOSITORY_METHODS,
  type DbLibrary,
  type QueryAccess,
} from '../catalogs/db-clients.js';
import type { BindingFact, ChainFact, ChainSegment, DeclaredIn, ResolveDeclaredIn, ValueFact } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { receiverEvidence, isNotDataClassName, type ReceiverEvidence } from './evidence.js';
import { matchesNamePattern, nameParts, packageNameOf } from './names.js';
import { classifySql, isProbeSql, withoutLeadingNoise, type SqlText } from './sql.js';

export interface QueryMatch {
  readonly library: DbLibrary;
  readonly access: QueryAccess;
  /** Index of the segment that makes the chain a query (`findMany`, `execute`, `first`). */
  readonly operationIndex: number;
  /** The query as written, for messages: `this.userRepository.findById`, `knex('users')….first`. */
  readonly label: string;
  /** Raw SQL or a driver call (`$queryRaw`, `pool.query`, `knex.raw`). */
  readonly raw: boolean;
  /** A transaction boundary (`$transaction`, `knex.transaction`): runs whatever its callback runs. */
  readonly transaction: boolean;
  /** Carries a collection (`{ in: ids }`, `In(ids)`, `whereIn`, `= ANY($1)`, `createMany`). */
  readonly batched: boolean;
  /** Moves through pages (`skip`/`offset`/`cursor`, `OFFSET` in SQL). */
  readonly paginated: boolean;
  readonly sql?: SqlText;
  /** Decided from types (typed linting) rather than from names. */
  readonly typed: boolean;
  /** An active-record instance method (`await doc.save()`): the receiver is one row, not a table. */
  readonly activeRecord: boolean;
  /** What in the file showed the receiver is data access, when its name does not (`class member typed UserRepository`). */
  readonly evidence?: string;
}

export interface QueryContext {
  readonly settings: BackendPatternsSettings;
  readonly resolve?: ResolveDeclaredIn;
}

/** The chain's receiver as the file's evidence shows it: the segment it names and its role. */
interface BoundReceiver extends ReceiverEvidence {
  /** Index of the segment the binding names (`x` → 0, `this.x` → 1). */
  readonly index: number;
  readonly name: string;
}

interface MatchContext extends QueryContext {
  readonly bound?: BoundReceiver;
}

/** Receivers judged per chain: the rules linting a file share one chain per call and each asks about its receiver. */
const boundReceivers = new WeakMap<ChainFact, { readonly settings: BackendPatternsSettings; readonly value: BoundReceiver | undefined }>();

/** The receiver's evidence (see `receiverEvidence`), when the chain is rooted at a bound name. */
export function boundReceiverOf(chain: ChainFact, settings: BackendPatternsSettings): BoundReceiver | undefined {
  const known = boundReceivers.get(chain);
  if (known?.settings === settings) return known.value;
  const binding = chain.binding;
  let value: BoundReceiver | undefined;
  if (binding !== undefined) {
    const index = binding.length - 1;
    const name = chain.segments[index]?.name ?? '';
    value = { index, name, ...receiverEvidence(binding, name, settings) };
  }
  boundReceivers.set(chain, { settings, value });
  return value;
}

/** Client strength of the segment at `index`: the file's evidence first (`db: Knex`, `new Pool()`), then the name. */
function strengthAt(segments: readonly ChainSegment[], index: number, ctx: MatchContext): Strength {
  const bound = ctx.bound;
  if (bound !== undefined && bound.index === index) {
    if (bound.role === 'db-client') return 'strong';
    if (bound.role === 'not-data' || bound.role === 'repository' || bound.role === 'model') return undefined;
  }
  return clientStrength(segments[index]?.name ?? '', ctx.settings);
}

type AccessLists = Readonly<Record<QueryAccess, readonly string[]>>;

function accessIn(lists: AccessLists, method: string): QueryAccess | undefined {
  if (lists.read.includes(method)) return 'read';
  if (lists.write.includes(method)) return 'write';
  return undefined;
}

const STRONG_CLIENT_NAMES = new Set([
  'db', 'database', 'prisma', 'knex', 'pool', 'conn', 'connection', 'sequelize', 'pg', 'mysql', 'sqlite', 'drizzle', 'kysely',
  'entitymanager', 'datasource', 'queryrunner', 'tx', 'trx', 'orm', 'postgres', 'mongo', 'mongodb',
]);
const WEAK_CLIENT_NAMES = new Set(['em', 'manager', 'transaction', 'client', 'sql', 'dbclient', 'store']);
const ENTITY_MANAGER_NAMES = new Set(['em', 'manager', 'entityManager', 'transactionalEntityManager', 'entitymanager', 'tem', 'orm']);
const REPOSITORY_FACTORIES = new Set(['getRepository', 'getCustomRepository', 'getTreeRepository', 'getMongoRepository', 'withRepository', 'getEntityRepository']);
const QUERY_BUILDER_NAMES = ['qb', 'queryBuilder', '*QueryBuilder', '*Qb', 'query', 'builder'];

/** First words of a function's or a method's name (`parseOptions`, `getConnection`, `toOrm`), never of a client's. */
const ACTION_VERBS: ReadonlySet<string> = new Set([
  'parse', 'convert', 'transform', 'build', 'make', 'create', 'get', 'to', 'from', 'map', 'init', 'initialize', 'connect', 'open', 'close',
  'setup', 'configure', 'resolve', 'find', 'load', 'fetch', 'use', 'run', 'is', 'has', 'ensure', 'wrap', 'format', 'serialize', 'normalize',
  'validate', 'apply', 'handle', 'compute', 'calculate', 'extract', 'generate', 'register', 'provide', 'inject', 'switch', 'set', 'with',
  'update', 'sync', 'save', 'delete', 'remove', 'insert', 'upsert', 'refresh', 'reset', 'check', 'send', 'clear', 'drop', 'migrate', 'seed',
  'query', 'select', 'count', 'list', 'copy', 'import', 'export', 'ping', 'verify', 'can', 'should', 'must', 'may',
]);
/** Words that join a function's name to its object (`configFromDatasource`, `usersToDb`): no client is named so. */
const NAME_PREPOSITIONS: ReadonlySet<string> = new Set(['from', 'to', 'for', 'of', 'by', 'into', 'in', 'on', 'via']);

type Strength = 'strong' | 'weak' | undefined;
const strengths = new WeakMap<BackendPatternsSettings, Map<string, Strength>>();
const repositoryNames = new WeakMap<BackendPatternsSettings, Map<string, boolean>>();

/** `compute(name)`, remembered per settings object: the same receiver names recur across a project. */
function memoByName<T>(memo: WeakMap<BackendPatternsSettings, Map<string, T>>, settings: BackendPatternsSettings, name: string, compute: () => T): T {
  let known = memo.get(settings);
  if (known === undefined) {
    known = new Map();
    memo.set(settings, known);
  }
  if (known.has(name)) return known.get(name) as T;
  if (known.size >= MEMO_LIMIT) known.clear();
  const value = compute();
  known.set(name, value);
  return value;
}
const MEMO_LIMIT = 50_000;

function clientStrength(name: string, settings: BackendPatternsSettings): Strength {
  return memoByName(strengths, settings, name, () => computeClientStrength(name, settings));
}

function computeClientStrength(name: string, settings: BackendPatternsSettings): Strength {
  if (settings.db.clientNames.includes(name)) return 'strong';
  const lower = name.toLowerCase();
  if (STRONG_CLIENT_NAMES.has(lower)) return 'strong';
  if (WEAK_CLIENT_NAMES.has(lower)) return 'weak';
  const parts = nameParts(name);
  const last = parts[parts.length - 1];
  const first = parts[0];
  // A name that starts with an action names a function or a method, not a client: `parseTypeOrmFindToMikroOrm`,
  // `getConnection`, `createPool`, `useDb` (`readDb`, `writeConnection` name replicas).
  if (parts.length > 1 && first !== undefined && ACTION_VERBS.has(first)) return undefined;
  // `eventForwarderConfigFromDatasource`, `ordersForDb`: a preposition names what a function does with a client.
  if (parts.slice(0, -1).some((part) => NAME_PREPOSITIONS.has(part))) return undefined;
  // readDb, pgPool, writeConnection, dbConn, knexClient, prismaTx.
  if (last !== undefined && STRONG_CLIENT_NAMES.has(last) && parts.length > 1) return 'strong';
  if (first !== undefined && ['db', 'knex', 'pg', 'prisma', 'sequelize', 'mysql', 'sqlite', 'drizzle', 'kysely', 'mongo'].includes(first) && parts.length > 1 && ['client', 'conn', 'connection', 'pool', 'instance', 'service', 'tx', 'trx'].includes(last ?? '')) {
    return 'strong';
  }
  return undefined;
}

function isPrismaClientName(name: string, settings: BackendPatternsSettings): boolean {
  if (settings.db.clientNames.includes(name)) return true;
  const parts = nameParts(name);
  if (parts.includes('prisma')) return true;
  return ['db', 'tx', 'trx', 'transaction', 'client', 'dbclient', 'database'].includes(name.toLowerCase());
}

/**
 * The path a file reads through a member after its name, when it is the Prisma client's own API:
 * `$queryRaw`, `$transaction` (`this.prismaRepository.$queryRaw`), or a model delegate's query
 * (`this.prismaRepository.openaiBot.findFirst`). A member used so is the client whatever it is called
 * (`class PrismaRepository extends PrismaClient`), not a repository layer.
 */
export function isPrismaClientPath(path: readonly string[]): boolean {
  const [first, second] = path;
  if (first === undefined) return false;
  if (PRISMA_CLIENT_ALL.includes(first)) return true;
  return second !== undefined && /^[a-z]/.test(first) && PRISMA_MODEL_ALL.includes(second);
}

/** A receiver that is a repository or DAO by convention (`userRepository`, `this.repo`, `ordersDao`). */
export function isRepositoryName(name: string, settings: BackendPatternsSettings): boolean {
  return memoByName(repositoryNames, settings, name, () => settings.db.repositoryNames.some((pattern) => matchesNamePattern(name, pattern)) || REPOSITORY_NAME_PATTERNS.some((pattern) => matchesNamePattern(name, pattern)));
}

const DATA_VERBS = new Set([
  'find', 'get', 'list', 'load', 'fetch', 'search', 'query', 'count', 'exists', 'exist', 'has', 'select', 'read', 'paginate', 'lookup', 'sum',
  'create', 'insert', 'save', 'update', 'upsert', 'delete', 'remove', 'destroy', 'store', 'persist', 'add', 'put', 'set', 'write',
  'increment', 'decrement', 'archive', 'restore', 'bulk', 'mark', 'soft', 'record', 'register', 'attach', 'detach', 'replace', 'patch', 'modify',
]);
const WRITE_VERBS = new Set([
  'create', 'insert', 'save', 'update', 'upsert', 'delete', 'remove', 'destroy', 'store', 'persist', 'add', 'put', 'set', 'write', 'increment',
  'decrement', 'archive', 'restore', 'bulk', 'mark', 'soft', 'record', 'register', 'attach', 'detach', 'replace', 'patch', 'modify', 'flush', 'clear',
]);
const NOT_REPOSITORY_QUERIES = new Set([
  'createQueryBuilder', 'hasId', 'getId', 'target', 'metadata', 'manager', 'extend', 'toString', 'constructor', 'getEntityManager',
  'getEntityName', 'map', 'toDomain', 'toEntity', 'toModel', 'toDto', 'mapToDomain', 'mapRow', 'bind', 'call', 'apply', 'then', 'catch',
]);

/** Read or write, from the method name's first word (`findByEmail` → read, `markShipped` → write). */
export function accessOfMethodName(method: string): QueryAccess {
  const verb = nameParts(method)[0] ?? '';
  return WRITE_VERBS.has(verb) ? 'write' : 'read';
}

/**
 * A read method that writes nothing on the way: a read verb first, and no write verb after an `or`
 * or an `and` (`getRunHistoryByTaskId`, `getStoreById`; not `getOrCreateByEmail`, `findOneAndUpdate`).
 */
export function isPureReadMethodName(method: string): boolean {
  const parts = nameParts(method);
  return isReadMethodName(method) && !parts.some((part, index) => (parts[index - 1] === 'or' || parts[index - 1] === 'and') && WRITE_VERBS.has(part));
}

/** A method whose name reads data (`findOne`, `getById`, `loadOrder`), not one that writes (`save`) or builds (`fromRow`). */
export function isReadMethodName(method: string): boolean {
  return isDataMethodName(method) && accessOfMethodName(method) === 'read';
}

function isDataMethodName(method: string): boolean {
  return DATA_VERBS.has(nameParts(method)[0] ?? '');
}

function segmentText(segment: ChainSegment, isRoot: boolean): string {
  if (segment.call === undefined) return segment.name;
  const first = segment.call.args[0];
  if (isRoot && first?.kind === 'string' && first.text.length <= 40) return `${segment.name}('${first.text}')`;
  return `${segment.name}(…)`;
}

/** The chain as written up to `operationIndex`, e.g. `knex('users').where(…).first`. */
export function chainLabel(chain: ChainFact, operationIndex: number): string {
  const parts: string[] = [];
  chain.segments.slice(0, operationIndex + 1).forEach((segment, index) => {
    const text = index === operationIndex ? segment.name : segmentText(segment, index === 0 || chain.segments[index - 1]?.name === 'this');
    parts.push(text === '' ? '(…)' : text);
  });
  return parts.join('.').replace(/^\(…\)\./, '');
}

function isPascalCase(name: string): boolean {
  return /^[A-Z][A-Za-z\d]*$/.test(name) && /[a-z]/.test(name);
}

function importedFromOtherPackage(chain: ChainFact): boolean {
  const source = chain.rootImport;
  if (source === undefined) return false;
  if (source.startsWith('.') || source.startsWith('/') || /^[@~#]\//.test(source) || source.startsWith('src/') || source.startsWith('~')) return false;
  const packageName = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : (source.split('/')[0] ?? source);
  return !(packageName in DB_PACKAGES);
}

function firstArg(segment: ChainSegment | undefined): ValueFact | undefined {
  return segment?.call?.args[0];
}

/** SQL text in a value: a string, a template, `{ text: '…' }`/`{ sql: '…' }` query config. */
export function sqlOfValue(value: ValueFact | undefined): SqlText | undefined {
  if (value === undefined) return undefined;
  switch (value.kind) {
    case 'string':
    case 'template':
      return classifySql(value.text);
    case 'identifier':
      return value.sqlText === undefined ? undefined : classifySql(value.sqlText);
    case 'object': {
      const text = value.properties.find((property) => property.key === 'text' || property.key === 'sql')?.value;
      return text === undefined ? undefined : sqlOfValue(text);
    }
    case 'binary':
      return value.operator === '+' ? (sqlOfValue(value.left) ?? undefined) : undefined;
    default:
      return undefined;
  }
}

interface Candidate {
  readonly library: DbLibrary;
  readonly access: QueryAccess;
  readonly operationIndex: number;
  readonly raw?: boolean;
  readonly transaction?: boolean;
  readonly sql?: SqlText;
  readonly activeRecord?: boolean;
  /** The file's evidence that made the receiver data access when its name alone did not (`class member typed UserRepository`). */
  readonly evidence?: string;
}

function findIndex(segments: readonly ChainSegment[], predicate: (segment: ChainSegment, index: number) => boolean, from = 0): number {
  for (let index = from; index < segments.length; index += 1) {
    const segment = segments[index];
    if (segment !== undefined && predicate(segment, index)) return index;
  }
  return -1;
}

function lastIndex(segments: readonly ChainSegment[], predicate: (segment: ChainSegment, index: number) => boolean): number {
  for (let index = segments.length - 1; index >= 0; index -= 1) {
    const segment = segments[index];
    if (segment !== undefined && predicate(segment, index)) return index;
  }
  return -1;
}

const PRISMA_CLIENT_ALL = [...PRISMA_CLIENT_METHODS.read, ...PRISMA_CLIENT_METHODS.write] as readonly string[];
const PRISMA_MODEL_ALL = [...PRISMA_MODEL_METHODS.read, ...PRISMA_MODEL_METHODS.write] as readonly string[];
const KYSELY_ENTRIES = [...KYSELY_METHODS.read, ...KYSELY_METHODS.write] as readonly string[];
const TERMINALS_ALL = [...QUERY_BUILDER_TERMINALS.read, ...QUERY_BUILDER_TERMINALS.write] as readonly string[];
const ORM_MANAGER_METHODS: AccessLists = {
  read: [...TYPEORM_REPOSITORY_METHODS.read, ...MIKRO_ORM_METHODS.read],
  write: [...TYPEORM_REPOSITORY_METHODS.write, ...MIKRO_ORM_METHODS.write],
};
/**
 * The manager and repository methods that run a statement in a file whose ORM is MikroORM alone: its
 * `persist`, `remove` and `assign` only mark entities in the unit of work (the statements go out at the
 * next `flush`), where TypeORM's `remove`/`save` run one each.
 */
function managerMethodsOf(chain: ChainFact): AccessLists {
  const libraries = chain.fileLibraries ?? [];
  return libraries.includes('mikro-orm') && !libraries.includes('typeorm') ? MIKRO_ORM_METHODS : ORM_MANAGER_METHODS;
}
const MODEL_METHODS: AccessLists = {
  read: [...SEQUELIZE_MODEL_METHODS.read, ...MONGOOSE_MODEL_METHODS.read],
  write: [...SEQUELIZE_MODEL_METHODS.write, ...MONGOOSE_MODEL_METHODS.write],
};

/** Prisma: `prisma.$queryRaw`, `prisma.user.findMany(…)`, `this.prisma.user.create(…)`. */
function matchPrisma(chain: ChainFact, ctx: MatchContext): Candidate | undefined {
  const { segments } = chain;
  const clientIndex = findIndex(segments, (segment, index) => index >= 1 && segment.call !== undefined && PRISMA_CLIENT_ALL.includes(segment.name));
  if (clientIndex !== -1) {
    const name = segments[clientIndex]?.name ?? '';
    const sql = name.startsWith('$queryRaw') || name.startsWith('$executeRaw') ? sqlOfValue(firstArg(segments[clientIndex])) : undefined;
    return {
      library: 'prisma',
      access: name === '$transaction' || name.startsWith('$execute') ? 'write' : (sql?.kind === 'write' ? 'write' : 'read'),
      operationIndex: clientIndex,
      raw: name !== '$transaction',
      transaction: name === '$transaction',
      ...(sql === undefined ? {} : { sql }),
    };
  }
  const index = findIndex(segments, (segment, i) => {
    if (i < 2 || segment.call === undefined || !PRISMA_MODEL_ALL.includes(segment.name)) return false;
    const model = segments[i - 1];
    const client = segments[i - 2];
    return (
      model !== undefined && model.call === undefined && /^[a-z]/.test(model.name) && client !== undefined && client.call === undefined &&
      client.name !== 'query' && (ctx.bound?.index === i - 2 ? ctx.bound.role === 'db-client' || (ctx.bound.role === 'unknown' && isPrismaClientName(client.name, ctx.settings)) : isPrismaClientName(client.name, ctx.settings))
    );
  });
  if (index === -1) return undefined;
  const method = segments[index]?.name ?? '';
  // A Prisma delete takes its `{ where }` object; `client.subscriptions.delete(channel)`, `tx.ancestors.delete(removed)`
  // with a key (a name, a literal) is a Set's or a Map's: `client`, `tx`, `db` name any library's client or
  // transaction, unless the file shows it is Prisma's (or the client is called prisma).
  if (method === 'delete' && !/prisma/i.test(segments[index - 2]?.name ?? '') && !(ctx.bound?.index === index - 2 && ctx.bound.role === 'db-client') && !(chain.fileLibraries ?? []).includes('prisma')) {
    const argument = firstArg(segments[index]);
    if (argument !== undefined && (argument.kind === 'identifier' || argument.kind === 'member' || argument.kind === 'string' || argument.kind === 'number' || argument.kind === 'template')) return undefined;
  }
  return { library: 'prisma', access: accessIn(PRISMA_MODEL_METHODS, method) ?? 'read', operationIndex: index };
}

/** Drizzle: `db.select().from(t)`, `db.insert(t).values(v)`, `db.update(t).set(v)`, `db.delete(t)`, `db.query.t.findMany()`. */
function matchDrizzle(chain: ChainFact, ctx: MatchContext): Candidate | undefined {
  const { segments } = chain;
  const relational = findIndex(segments, (segment, i) =>
    i >= 3 && segment.call !== undefined && (DRIZZLE_METHODS.relationalQuery as readonly string[]).includes(segment.name) &&
    segments[i - 2]?.name === 'query' && strengthAt(segments, i - 3, ctx) !== undefined);
  if (relational !== -1) return { library: 'drizzle', access: 'read', operationIndex: segments.length - 1 };
  const entry = findIndex(segments, (segment, i) => {
    if (i < 1 || segment.call === undefined || segments[i - 1]?.call !== undefined) return false;
    if (strengthAt(segments, i - 1, ctx) === undefined) return false;
    const follower = (DRIZZLE_METHODS.followers as Readonly<Record<string, string>>)[segment.name];
    if (follower !== undefined) return findIndex(segments, (next) => next.name === follower && next.call !== undefined, i + 1) !== -1;
    if (segment.name === '$count') return true;
    // `db.delete(users).where(…)`: a table identifier, not a key string (`map.delete('k')`).
    return segment.name === 'delete' && firstArg(segment)?.kind === 'identifier' && segment.call.args.length === 1;
  });
  if (entry === -1) return undefined;
  const name = segments[entry]?.name ?? '';
  // Knex has the same `select(…).from(…)` shape: its client's name, or a file that imports Knex and not Drizzle, says so.
  const libraries = chain.fileLibraries ?? [];
  const isKnex = nameParts(segments[entry - 1]?.name ?? '').includes('knex') || (libraries.includes('knex') && !libraries.includes('drizzle'));
  return {
    library: isKnex ? 'knex' : 'drizzle',
    access: (DRIZZLE_METHODS.write as readonly string[]).includes(name) ? 'write' : 'read',
    operationIndex: segments.length - 1,
  };
}

/** Kysely: `db.selectFrom('t')…execute()` — an entry point and an executor. */
function matchKysely(chain: ChainFact): Candidate | undefined {
  const { segments } = chain;
  const entry = findIndex(segments, (segment, i) => i >= 1 && segment.call !== undefined && KYSELY_ENTRIES.includes(segment.name));
  if (entry === -1) return undefined;
  const executor = findIndex(segments, (segment) => segment.call !== undefined && (KYSELY_METHODS.executors as readonly string[]).includes(segment.name), entry + 1);
  if (executor === -1) return undefined;
  const name = segments[entry]?.name ?? '';
  return { library: 'kysely', access: (KYSELY_METHODS.write as readonly string[]).includes(name) ? 'write' : 'read', operationIndex: executor };
}

/** Knex: `knex('users').where(…).first()`, `trx('t').insert(…)`, `knex.raw(sql)`, `knex.select('*').from('t')`. */
function matchKnex(chain: ChainFact, ctx: MatchContext): Candidate | undefined {
  const { segments } = chain;
  const start = findIndex(segments, (segment, i) => {
    if (segment.call === undefined || (i > 0 && segments[i - 1]?.call !== undefined)) return false;
    const strength = strengthAt(segments, i, ctx);
    const arg = firstArg(segment);
    return (strength === 'strong' || (segment.name === 'knex' && ctx.bound?.index !== i)) && arg !== undefined && (arg.kind === 'string' || arg.kind === 'template' || arg.kind === 'object') && segment.call.args.length <= 2;
  });
  if (start !== -1) {
    const write = findIndex(segments, (segment) => segment.call !== undefined && (KNEX_METHODS.write as readonly string[]).includes(segment.name), start + 1) !== -1;
    return { library: 'knex', access: write ? 'write' : 'read', operationIndex: segments.length - 1 };
  }
  const entry = findIndex(segments, (segment, i) =>
    i >= 1 && segment.call !== undefined && segments[i - 1]?.call === undefined && nameParts(segments[i - 1]?.name ?? '').includes('knex') &&
    (KNEX_METHODS.entries as readonly string[]).includes(segment.name));
  if (entry !== -1) {
    const name = segments[entry]?.name ?? '';
    const sql = name === 'raw' ? sqlOfValue(firstArg(segments[entry])) : undefined;
    const write = name === 'insert' || sql?.kind === 'write' || findIndex(segments, (segment) => (KNEX_METHODS.write as readonly string[]).includes(segment.name), entry + 1) !== -1;
    return { library: 'knex', access: write ? 'write' : 'read', operationIndex: segments.length - 1, raw: name === 'raw', ...(sql === undefined ? {} : { sql }) };
  }
  return undefined;
}

/** TypeORM / MikroORM repositories, entity managers and query builders, and repositories by convention. */
function matchRepository(chain: ChainFact, ctx: MatchContext): Candidate | undefined {
  const { segments } = chain;
  // Query builders: `repo.createQueryBuilder('u')…getMany()`, `qb.getOne()`.
  const terminal = lastIndex(segments, (segment) => segment.call !== undefined && TERMINALS_ALL.includes(segment.name));
  if (terminal !== -1) {
    const fromBuilder = findIndex(segments, (segment) => segment.name === 'createQueryBuilder' && segment.call !== undefined) !== -1;
    const root = segments[0];
    const namedBuilder = root !== undefined && root.call === undefined && QUERY_BUILDER_NAMES.some((pattern) => matchesNamePattern(root.name, pattern)) && segments.slice(1, terminal).every((segment) => segment.call !== undefined);
    if (fromBuilder || namedBuilder) {
      const method = segments[terminal]?.name ?? '';
      const write = method === 'execute' && findIndex(segments, (segment) => ['insert', 'update', 'delete', 'softDelete', 'restore'].includes(segment.name)) !== -1;
      return { library: 'typeorm', access: write ? 'write' : 'read', operationIndex: terminal };
    }
  }
  for (let index = 1; index < segments.length; index += 1) {
    const segment = segments[index];
    const receiver = segments[index - 1];
    if (segment?.call === undefined || receiver === undefined) continue;
    const method = segment.name;
    if (NOT_REPOSITORY_QUERIES.has(method)) continue;
    // `getRepository(User).find(…)`, `dataSource.getRepository(User).save(…)`, `em.getRepository(User).findOne(…)`.
    // An ORM's factory names its entity; the class's own `this.getRepository()` of no argument hands out a repository it holds.
    // MikroORM's `em.repo(Player)` is its `getRepository` on an entity manager.
    const entity = receiver.call?.args[0];
    const factory = receiver.call !== undefined && receiver.call.args.length > 0 && (REPOSITORY_FACTORIES.has(receiver.name) || (receiver.name === 'repo' && ENTITY_MANAGER_NAMES.has(segments[index - 2]?.name ?? '') && entity?.kind === 'identifier' && /^[A-Z]/.test(entity.name)));
    // A PascalCase receiver is the class itself: `UserRepository.toDomain(row)` is a static helper.
    // The file's evidence first (`users: UserRepository`, `@InjectRepository(User) repo`, `new InvoiceDao(db)`), then the name.
    const bound = ctx.bound?.index === index - 1 ? ctx.bound.role : undefined;
    const byEvidence = bound === 'repository' || bound === 'orm-repository';
    // By name, a repository is the chain's root or a member of it (`userRepository`, `this.repo`, `deps.userRepo`):
    // `agent.com.atproto.repo.deleteRecord` is an API namespace, not a repository.
    const shallow = index - 1 <= 1 || (index - 1 === 2 && segments[0]?.name === 'this');
    const byName = receiver.call === undefined && !/^[A-Z]/.test(receiver.name) && (byEvidence || (shallow && (bound === undefined || bound === 'unknown') && isRepositoryName(receiver.name, ctx.settings)));
    if (factory || byName) {
      const known = accessIn(managerMethodsOf(chain), method);
      // TypeORM's and MikroORM's `Repository.create` / `merge` build an entity in memory, whatever is done with
      // the value (`rows.push(repo.create(row))`); a repository known by its name alone may be the project's,
      // whose `create` inserts: that one counts when its promise is consumed. So does sequelize-typescript's
      // repository (`sequelize.getRepository(User).create(…)` inserts) in a file that imports Sequelize.
      const entityBuilder = (factory || bound === 'orm-repository') && !(chain.fileLibraries ?? []).includes('sequelize');
      if ((SYNC_ENTITY_BUILDERS as readonly string[]).includes(method) && (!chain.awaited || entityBuilder)) continue;
      // The project's own repository methods count when their promise is consumed: an in-memory
      // repository's synchronous `getToggle(name)` is not a database round trip.
      if (known === undefined && !factory && !chain.awaited) continue;
      const sql = method === 'query' ? sqlOfValue(firstArg(segment)) : undefined;
      const byNameAlone = isRepositoryName(receiver.name, ctx.settings);
      return {
        ...(byEvidence && !byNameAlone && ctx.bound?.evidence !== undefined ? { evidence: ctx.bound.evidence } : {}),
        // A TypeORM Repository method name gets TypeORM's reference fix; any other method is the project's own.
        library: factory || (known !== undefined && bound !== 'repository') ? 'typeorm' : 'repository',
        access: known ?? accessOfMethodName(method),
        operationIndex: index,
        raw: method === 'query' && bound !== 'repository',
        ...(sql === undefined ? {} : { sql }),
      };
    }
    // MikroORM's fluent `em.persist(x).flush()` / `em.remove(x).flush()`: the flush is the manager's and sends the statements.
    if (method === 'flush' && receiver.call !== undefined && (receiver.name === 'persist' || receiver.name === 'remove') && ENTITY_MANAGER_NAMES.has(segments[index - 2]?.name ?? '')) {
      return { library: 'mikro-orm', access: 'write', operationIndex: index };
    }
    // `em.find(User, …)`, `this.em.persistAndFlush(x)`, `manager.save(User, x)`, `dataSource.manager.find(…)`.
    const managerByEvidence = ctx.bound?.index === index - 1 && ctx.bound.role === 'db-client' && ctx.bound.queryBuilder !== true;
    const managerByName = ENTITY_MANAGER_NAMES.has(receiver.name) && (ctx.bound?.index !== index - 1 || ctx.bound.role === 'unknown' || ctx.bound.role === 'db-client');
    if (receiver.call === undefined && (managerByName || (managerByEvidence && accessIn(ORM_MANAGER_METHODS, method) !== undefined && segment.call.args.length > 0 && firstArg(segment)?.kind === 'identifier'))) {
      const known = accessIn(managerMethodsOf(chain), method);
      if (known === undefined || ((SYNC_ENTITY_BUILDERS as readonly string[]).includes(method) && !chain.awaited)) continue;
      const library: DbLibrary = receiver.name === 'em' || accessIn(MIKRO_ORM_METHODS, method) !== undefined && accessIn(TYPEORM_REPOSITORY_METHODS, method) === undefined ? 'mikro-orm' : 'typeorm';
      const sql = method === 'query' ? sqlOfValue(firstArg(segment)) : undefined;
      return { library, access: known, operationIndex: index, raw: method === 'query', ...(sql === undefined ? {} : { sql }) };
    }
  }
  return undefined;
}

/** Sequelize / Mongoose models: `User.findAll(…)`, `this.userModel.findById(id)`, `models.Order.create(…)`, MongoDB collections. */
/**
 * Model statics that every model of the library has and that nothing else is likely to: a name match
 * on a PascalCase receiver counts without further evidence. Generic names (`create`, `find`,
 * `update`, `count`) need the file to show the receiver is a model (`CreateUserCommand.create(dto)`
 * is a factory).
 */
const MODEL_SPECIFIC_METHODS: ReadonlySet<string> = new Set([
  'findAll', 'findByPk', 'findAndCountAll', 'bulkCreate', 'findOrCreate', 'findCreateFind', 'findById', 'countDocuments', 'estimatedDocumentCount',
  'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove',
  'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'findOneAndRemove', 'bulkWrite', 'bulkSave',
]);

function matchModel(chain: ChainFact, ctx: MatchContext): Candidate | undefined {
  const { segments } = chain;
  for (let index = 1; index < segments.length; index += 1) {
    const segment = segments[index];
    const receiver = segments[index - 1];
    if (segment?.call === undefined || receiver === undefined) continue;
    const method = segment.name;
    // MongoDB driver: `db.collection('users').findOne(…)`, `usersCollection.insertOne(…)`.
    const mongoAccess = accessIn(MONGODB_COLLECTION_METHODS, method);
    if (mongoAccess !== undefined && (receiver.name === 'collection' && receiver.call !== undefined || receiver.call === undefined && /(?:^c|C)ollection$/.test(receiver.name))) {
      return { library: 'mongodb', access: mongoAccess, operationIndex: index };
    }
    const access = accessIn(MODEL_METHODS, method);
    if (access === undefined || receiver.call !== undefined) continue;
    const arg = firstArg(segment);
    if (arg?.kind === 'function') continue; // `Users.find(u => …)` is an array search.
    if (method === 'create' && buildsObject(chain, index)) continue;
    const container = index >= 2 && (MODEL_CONTAINER_NAMES as readonly string[]).includes(segments[index - 2]?.name ?? '');
    const bound = ctx.bound?.index === index - 1 ? ctx.bound.role : undefined;
    if (bound === 'not-data') continue;
    const evidencedModel = bound === 'model';
    const pascal = isPascalCase(receiver.name) && !(NOT_MODEL_GLOBALS as readonly string[]).includes(receiver.name) && (
      index === 1
        ? evidencedModel || (!importedFromOtherPackage(chain) && MODEL_SPECIFIC_METHODS.has(method) && !isNotDataClassName(receiver.name))
        : container || segments[index - 2]?.name === 'models');
    const modelName = evidencedModel || /[a-z\d]Model$|^model$/.test(receiver.name);
    if (!pascal && !modelName) continue;
    const mongooseOnly = accessIn(MONGOOSE_MODEL_METHODS, method) !== undefined && accessIn(SEQUELIZE_MODEL_METHODS, method) === undefined;
    const namedModel = /[a-z\d]Model$|^model$/.test(receiver.name) || (isPascalCase(receiver.name) && MODEL_SPECIFIC_METHODS.has(method));
    return {
      library: mongooseOnly ? 'mongoose' : importedModelLibrary(chain) ?? (/[a-z\d]Model$|^model$/.test(receiver.name) || (evidencedModel && !isPascalCase(receiver.name)) ? 'mongoose' : 'sequelize'),
      access,
      operationIndex: index,
      ...(evidencedModel && !namedModel && ctx.bound?.evidence !== undefined ? { evidence: ctx.bound.evidence } : {}),
    };
  }
  return undefined;
}

/**
 * `const org = Org.create({ name })`, `repo.save(Org.create({ name }))`: a static `create` whose value is
 * kept or handed on as it is, on a class the file imports (or does not bind), in a file that imports
 * neither Sequelize nor Mongoose — whose `create` inserts and answers a promise the code would await —
 * builds an object: a domain entity's factory, TypeORM's `BaseEntity.create`. A model the file itself
 * builds (`mongoose.model(…)`, `class Tag extends Model`) keeps its inserts, awaited or not.
 */
function buildsObject(chain: ChainFact, index: number): boolean {
  if (chain.awaited || index !== chain.segments.length - 1 || !(chain.assigned === true || chain.argumentOf !== undefined)) return false;
  if ((chain.fileLibraries ?? []).some((library) => library === 'sequelize' || library === 'mongoose')) return false;
  return chain.binding === undefined || chain.binding.kind === 'import' || chain.binding.kind === 'unbound';
}

/**
 * The model library the chain's file imports, when it imports one of Sequelize and Mongoose only
 * (`import { Transaction } from 'sequelize'`): the evidence for a model known by its name or its
 * module (`model.update(…)`, `userModel.create(…)`, `User.update(…)`), which the name alone would guess.
 */
function importedModelLibrary(chain: ChainFact): 'sequelize' | 'mongoose' | undefined {
  const libraries = chain.fileLibraries ?? [];
  const sequelize = libraries.includes('sequelize');
  if (sequelize === libraries.includes('mongoose')) return undefined;
  return sequelize ? 'sequelize' : 'mongoose';
}

/** Raw driver calls: `pool.query(sql)`, `connection.execute(sql, [id])`, `sequelize.query(…)`, `db.prepare(sql).get(id)`, `` sql`…`.execute(db) ``. */
function matchRaw(chain: ChainFact, ctx: MatchContext): Candidate | undefined {
  const { segments } = chain;
  // better-sqlite3 statements.
  const statement = findIndex(segments, (segment, i) => {
    if (segment.call === undefined || accessIn(SQLITE_STATEMENT_METHODS, segment.name) === undefined || i < 1) return false;
    const receiver = segments[i - 1];
    if (receiver === undefined) return false;
    if (receiver.call !== undefined) return receiver.name === 'prepare';
    return /^(?:stmt|statement|query)$|(?:Stmt|Statement)$/.test(receiver.name);
  });
  if (statement !== -1) {
    const prepare = segments[statement - 1];
    const sql = prepare?.name === 'prepare' ? sqlOfValue(firstArg(prepare)) : undefined;
    const access = sql?.kind === 'write' ? 'write' : (accessIn(SQLITE_STATEMENT_METHODS, segments[statement]?.name ?? '') ?? 'read');
    return { library: 'better-sqlite3', access, operationIndex: statement, raw: true, ...(sql === undefined ? {} : { sql }) };
  }
  for (let index = 1; index < segments.length; index += 1) {
    const segment = segments[index];
    const receiver = segments[index - 1];
    if (segment?.call === undefined || receiver === undefined || !(RAW_QUERY_METHODS as readonly string[]).includes(segment.name)) continue;
    const arg = firstArg(segment);
    if (arg?.kind === 'function') continue;
    const sql = sqlOfValue(arg);
    // `` sql`SELECT …`.execute(db) `` (Kysely).
    const taggedSql = receiver.call?.tagged === true && receiver.name === 'sql' && segment.name === 'execute';
    const strength = receiver.call === undefined ? strengthAt(segments, index - 1, ctx) : undefined;
    const commonMethod = segment.name === 'query' || segment.name === 'execute' || segment.name === 'raw';
    const sqlNamedArg = (arg?.kind === 'identifier' && /(?:^sql|sql$|^query$|Query$|^statement$|Statement$|^stmt$)/i.test(arg.name));
    if (sql !== undefined || taggedSql || (strength === 'strong' && (commonMethod || segment.name === 'exec')) || (strength === 'weak' && sqlNamedArg)) {
      const library = libraryOfClient(receiver.name);
      return { library, access: sql?.kind === 'read' ? 'read' : sql === undefined ? 'read' : 'write', operationIndex: index, raw: true, ...(sql === undefined ? {} : { sql }) };
    }
  }
  return undefined;
}

function libraryOfClient(name: string): DbLibrary {
  const parts = nameParts(name);
  if (parts.includes('sequelize')) return 'sequelize';
  if (parts.includes('knex')) return 'knex';
  if (parts.includes('mysql')) return 'mysql2';
  if (parts.includes('sqlite')) return 'better-sqlite3';
  if (parts.includes('pool') || parts.includes('pg') || parts.includes('postgres')) return 'pg';
  if (parts.includes('manager') || parts.includes('source') || parts.includes('runner')) return 'typeorm';
  return 'sql';
}

/** Active-record documents: `await user.save()`, `await order.destroy()` (Mongoose, Sequelize, TypeORM `BaseEntity`). */
function matchActiveRecord(chain: ChainFact, ctx: MatchContext): Candidate | undefined {
  const { segments } = chain;
  if (!chain.awaited || segments.length < 2) return undefined;
  const index = segments.length - 1;
  const segment = segments[index];
  const receiver = segments[index - 1];
  if (segment?.call === undefined || receiver === undefined || receiver.call !== undefined) return undefined;
  const access = accessIn(ACTIVE_RECORD_INSTANCE_METHODS, segment.name);
  if (access === undefined || !/^[a-z_$]/.test(receiver.name) || receiver.name === 'this' || clientStrength(receiver.name, ctx.settings) !== undefined) return undefined;
  // One row saved: the file must show the receiver is a model instance (`const user = await User.findByPk(id)`,
  // `user: User` from an entity module). A project object's or a library's `save()` (`pdfDoc.save()`,
  // `ctx.interaction.save()`) is not a query.
  const bound = ctx.bound;
  if (bound === undefined || bound.index !== index - 1) return undefined;
  if (bound.role !== 'model' && !(bound.role === 'unknown' && chain.binding?.kind === 'unbound')) return undefined;
  const args = segment.call.args;
  if (args.length > 1 || (args[0] !== undefined && args[0].kind !== 'object')) return undefined;
  return { library: 'repository', access, operationIndex: index, activeRecord: true, ...(bound.evidence === undefined ? {} : { evidence: bound.evidence }) };
}

function isBatchedValue(value: ValueFact, depth: number): boolean {
  if (depth > 6) return false;
  switch (value.kind) {
    case 'object':
      return value.properties.some((property) => {
        if (property.key !== undefined && ((BATCH_OPERATOR_KEYS as readonly string[]).includes(property.key) || property.key === 'Op.in' || property.key === 'Op.any')) return true;
        // Sequelize `where: { id: ids }` / `{ id: [1, 2] }` means IN.
        if (property.key !== undefined && /(?:^id$|Id$|_id$)/.test(property.key) && isCollectionValue(property.value)) return true;
        // A plural key option given a list (`repo.findAll({ uuids: itemUuidBundle })`); `{ memberIds: user.id }` of Mongo matches
        // one id, and so does `[user.id]`, a list of one written out.
        if (property.key !== undefined && /^(?:ids|uuids)$|(?:Ids|IDs|Uuids|_ids|_uuids)$/.test(property.key) && property.value.kind !== 'array' &&
          (isCollectionValue(property.value) || /(?:Bundle|bundle)$/.test(property.value.kind === 'identifier' ? property.value.name : ''))) return true;
        return isBatchedValue(property.value, depth + 1);
      });
    case 'call':
      return isBatchedCall(value.chain, depth + 1);
    case 'array':
      return value.elements.some((element) => isBatchedValue(element, depth + 1));
    case 'template':
    case 'string':
      return classifySql(value.text)?.batched ?? false;
    case 'identifier':
      // SQL text a builder made: `const sql = knex('t').whereIn('id', ids).toQuery()`.
      return value.builtFrom !== undefined && isBatchedCall(value.builtFrom, depth + 1);
    default:
      return false;
  }
}

function isBatchedCall(chain: ChainFact, depth: number): boolean {
  return chain.segments.some((segment) => {
    if (segment.call === undefined) return false;
    // `whereIn('status', ['paid', 'shipped'])` filters on a fixed set of values written in the code: it takes no list of keys.
    if ((BATCH_METHODS as readonly string[]).includes(segment.name) && /^(?:or|and)?whereIn$/i.test(segment.name) && isConstantList(segment.call.args[1])) return false;
    if ((BATCH_OPERATOR_CALLS as readonly string[]).includes(segment.name) || (BATCH_METHODS as readonly string[]).includes(segment.name)) return true;
    // Kysely `.where('id', 'in', ids)`.
    if (segment.name.startsWith('where') && segment.call.args.some((arg) => arg.kind === 'string' && /^(?:in|not in|= any)$/i.test(arg.text))) return true;
    return segment.call.args.some((arg) => isBatchedValue(arg, depth));
  });
}

/** An array literal of strings and numbers only: a fixed set of values, not keys gathered from data. */
function isConstantList(value: ValueFact | undefined): boolean {
  return value?.kind === 'array' && value.elements.length > 0 && value.elements.every((element) => element.kind === 'string' || element.kind === 'number');
}

/** A value that holds many items: an array literal, an array-typed value, or a plural-named identifier (`ids`, `userIds`, `rows`). */
/** Calls that return a list: `ids.map(…)`, `uniq(…)`, `Array.from(set)`, `Object.keys(byId)`, `batch.filter(…)`. */
const LIST_RETURNING_CALLS: ReadonlySet<string> = new Set([
  'map', 'filter', 'flatMap', 'slice', 'concat', 'flat', 'uniq', 'uniqBy', 'compact', 'flatten', 'keys', 'values', 'from', 'toArray', 'chunk', 'difference', 'intersection', 'union', 'without',
]);

export function isCollectionValue(value: ValueFact): boolean {
  if (value.kind === 'array') return true;
  if (value.kind === 'call') {
    const last = value.chain.segments[value.chain.segments.length - 1];
    return last?.call !== undefined && LIST_RETURNING_CALLS.has(last.name);
  }
  if ((value.kind === 'identifier' || value.kind === 'member' || value.kind === 'other') && value.typeHint?.isArray === true) return true;
  const name = value.kind === 'identifier' ? value.name : value.kind === 'member' ? (value.path[value.path.length - 1] ?? '') : undefined;
  if (name === undefined || value.kind === 'identifier' && value.typeHint?.isArray === false) return false;
  return /(?:ids|Ids|IDs|_ids|List|list|Batch|batch|chunk|Chunk|rows|Rows|records|Records|entities|Entities|items|Items)$/.test(name) || (/^[a-z]\w*[^s]s$/.test(name) && !/(?:ss|us|is|status|Status|address|Address|news)$/.test(name));
}

const BULK_ARGUMENT_METHODS = new Set(['insert', 'values', 'save', 'create', 'remove', 'delete', 'softRemove', 'upsert', 'destroy', 'persist', 'persistAndFlush', 'removeAndFlush', 'insertMany', 'bulkCreate']);

function isBatched(chain: ChainFact, candidate: Candidate): boolean {
  if (candidate.sql?.batched === true) return true;
  if (isBatchedCall(chain, 0)) return true;
  // Bulk writes: `repo.save(users)`, `knex('t').insert(rows)`, `db.insert(t).values([…])` (Drizzle's insert takes the table).
  return chain.segments.some((segment, index) => {
    if (segment.call === undefined || index === 0 || !BULK_ARGUMENT_METHODS.has(segment.name)) return false;
    if (candidate.library === 'drizzle' && segment.name !== 'values') return false;
    const args = segment.call.args;
    return args.some((arg, argIndex) => argIndex <= 1 && isCollectionValue(arg));
  });
}

const PAGE_POSITION_KEYS = ['skip', 'offset', 'cursor', 'after', 'before', 'page'];
const PAGE_SIZE_KEYS = ['take', 'limit', 'first', 'last', 'perPage', 'pageSize'];
const RANGE_KEYS = ['gt', 'gte', 'lt', 'lte', '$gt', '$gte', '$lt', '$lte', 'Op.gt', 'Op.gte', 'Op.lt', 'Op.lte'];
const RANGE_CALLS = ['MoreThan', 'MoreThanOrEqual', 'LessThan', 'LessThanOrEqual', 'gt', 'gte', 'lt', 'lte'];
const RANGE_OPERATORS = ['>', '>=', '<', '<='];
/** Keys whose object holds the values a write stores: Prisma `data`, an upsert's `create`/`update`. */
const WRITE_VALUE_KEYS = ['data', 'create', 'update'];

interface PageSignals {
  position: boolean;
  size: boolean;
  range: boolean;
}

/**
 * Steps whose arguments carry the values a write stores (`knex(t).update({ page })`, TypeORM
 * `update(criteria, { page })`, `insert`, Kysely/Drizzle `.set`/`.values`, Mongo `updateOne(filter,
 * { $set })`): there a page key is a column, and only an options object (one with a `where`,
 * Sequelize's `update(values, { where, limit })`, Prisma's `updateMany({ where, data, limit })`)
 * says how many rows the write takes.
 */
const WRITE_VALUE_STEPS: ReadonlySet<string> = new Set(['update', 'updateOne', 'updateMany', 'insert', 'insertOne', 'insertMany', 'values', 'set', 'create', 'createMany', 'save', 'bulkCreate', 'upsert', 'replaceOne', 'findOneAndUpdate', 'findByIdAndUpdate']);

function collectPageSignals(value: ValueFact, signals: PageSignals, depth: number, writeValues = false): void {
  if (depth > 4) return;
  if (value.kind === 'call') {
    for (const segment of value.chain.segments) {
      if (segment.call === undefined) continue;
      if (RANGE_CALLS.includes(segment.name)) signals.range = true;
      for (const arg of segment.call.args) collectPageSignals(arg, signals, depth + 1);
    }
    return;
  }
  if (value.kind !== 'object') return;
  const options = !writeValues || value.properties.some((property) => property.key === 'where');
  for (const property of value.properties) {
    // The values a write stores (`data: { page: 3 }` of a create) are columns, not a page of rows.
    if (property.key !== undefined && WRITE_VALUE_KEYS.includes(property.key)) continue;
    if (property.key !== undefined) {
      if (options && depth <= 2 && PAGE_POSITION_KEYS.includes(property.key)) signals.position = true;
      if (options && depth <= 2 && PAGE_SIZE_KEYS.includes(property.key)) signals.size = true;
      if (RANGE_KEYS.includes(property.key)) signals.range = true;
    }
    collectPageSignals(property.value, signals, depth + 1, writeValues && !options);
  }
}

/**
 * Pages through a table: a page position (`skip`/`offset`/`cursor`, `.offset()`, SQL `OFFSET`), or
 * keyset paging — a page size together with a range condition (`{ id: { gt: lastId } }` + `take`,
 * `.where('id', '>', last).limit(100)`, `MoreThan(last)` + `take`). A bare `take`/`LIMIT` is a cap.
 */
function isPaginated(chain: ChainFact, candidate: Candidate): boolean {
  return candidate.sql?.paginated === true || chainPages(chain);
}

/** The page signals of the chain's own steps and arguments, whatever library runs it. */
function chainPages(chain: ChainFact): boolean {
  const signals: PageSignals = { position: false, size: false, range: false };
  for (const segment of chain.segments) {
    if (segment.call === undefined) continue;
    if ((PAGINATION_METHODS as readonly string[]).includes(segment.name)) {
      if (segment.name === 'limit' || segment.name === 'take') signals.size = true;
      else signals.position = true;
    }
    if (segment.name.endsWith('here') && segment.call.args.some((arg) => arg.kind === 'string' && RANGE_OPERATORS.includes(arg.text))) signals.range = true;
    for (const arg of segment.call.args) collectPageSignals(arg, signals, 0, WRITE_VALUE_STEPS.has(segment.name));
  }
  return signals.position || (signals.size && signals.range);
}

/**
 * `true` when the chain's own shape makes any query it runs batched (`{ in: ids }`, `whereIn`,
 * `In(ids)`) or paged (`skip`, `.offset()`, a page size with a range), whichever library it turns out
 * to be: `classifyQuery` marks every match on such a chain `batched` or `paginated`.
 */
export function chainBatchesOrPages(chain: ChainFact): boolean {
  return isBatchedCall(chain, 0) || chainPages(chain);
}

/** Every method name that can make a chain a query; a cheap pre-filter before building facts. */
export const QUERY_METHOD_NAMES: ReadonlySet<string> = new Set<string>([
  ...PRISMA_CLIENT_ALL, ...PRISMA_MODEL_ALL, ...KYSELY_METHODS.executors, ...TERMINALS_ALL, ...ORM_MANAGER_METHODS.read, ...ORM_MANAGER_METHODS.write,
  ...MODEL_METHODS.read, ...MODEL_METHODS.write, ...MONGODB_COLLECTION_METHODS.read, ...MONGODB_COLLECTION_METHODS.write,
  ...SQLITE_STATEMENT_METHODS.read, ...SQLITE_STATEMENT_METHODS.write, ...RAW_QUERY_METHODS, ...ACTIVE_RECORD_INSTANCE_METHODS.read,
  ...ACTIVE_RECORD_INSTANCE_METHODS.write, ...DRIZZLE_METHODS.read, ...DRIZZLE_METHODS.write, ...DRIZZLE_METHODS.relationalQuery,
  ...Object.values(DRIZZLE_METHODS.followers), ...KNEX_METHODS.entries, ...KNEX_METHODS.write, ...KYSELY_METHODS.read, ...KYSELY_METHODS.write,
]);

/** What `mayBeQuery` reads of one name (a query method or client name; a repository name), remembered per settings: one look-up per name. */
const candidateNames = new WeakMap<BackendPatternsSettings, Map<string, number>>();
const QUERY_OR_CLIENT = 1;
const REPOSITORY = 2;

/**
 * Could this chain be a query at all? True when a segment is a known query method, a called
 * DB-client name (`knex('users')`), or a method on a repository-named receiver. Cheap; no facts of
 * arguments needed.
 */
export function mayBeQuery(names: readonly string[], settings: BackendPatternsSettings): boolean {
  let known = candidateNames.get(settings);
  if (known === undefined) {
    known = new Map();
    candidateNames.set(settings, known);
  }
  for (let index = 0; index < names.length; index += 1) {
    const name = names[index] ?? '';
    let flags = known.get(name);
    if (flags === undefined) {
      if (known.size >= MEMO_LIMIT) known.clear();
      flags = (QUERY_METHOD_NAMES.has(name) || clientStrength(name, settings) !== undefined ? QUERY_OR_CLIENT : 0) | (isRepositoryName(name, settings) ? REPOSITORY : 0);
      known.set(name, flags);
    }
    // A query method or a client anywhere, or a method called on a repository.
    if ((flags & QUERY_OR_CLIENT) !== 0 || ((flags & REPOSITORY) !== 0 && index < names.length - 1)) return true;
  }
  return false;
}

function packageLibrary(declaredIn: DeclaredIn): DbLibrary | undefined {
  const pkg = declaredIn.package;
  if (pkg !== undefined && pkg in DB_PACKAGES) return DB_PACKAGES[pkg as keyof typeof DB_PACKAGES];
  if (declaredIn.fileName !== undefined && /[\\/](?:\.prisma[\\/]client|generated[\\/]prisma|prisma[\\/]client)[\\/]/.test(declaredIn.fileName)) return 'prisma';
  return undefined;
}

/** What typed linting says about the method at `index`: a DB package, a repository class, a proven non-DB place, or nothing. */
function typedVerdict(index: number, ctx: QueryContext): { verdict: 'db' | 'repository' | 'project' | 'safe' | 'unknown'; library?: DbLibrary } {
  const declaredIn = ctx.resolve?.(index);
  if (declaredIn === undefined || declaredIn.unresolved === true) return { verdict: 'unknown' };
  const library = packageLibrary(declaredIn);
  if (library !== undefined) return { verdict: 'db', library };
  if (declaredIn.typeName !== undefined && isRepositoryName(declaredIn.typeName, ctx.settings)) return { verdict: 'repository' };
  // The project's own code may run queries; a project class that is no repository is judged by types alone.
  if (declaredIn.package === undefined) return { verdict: declaredIn.typeName === undefined ? 'unknown' : 'project' };
  return { verdict: 'safe' };
}

/**
 * Does this method of a DB package run a query, or only build one? The declaring class decides: a
 * TypeORM / MikroORM query builder runs at its terminal (`getMany`, `execute`), not at `where`;
 * repositories, managers and models run at their query methods; a Mongoose `where` builds a query.
 */
function executesQuery(library: DbLibrary, method: string, declaredIn: DeclaredIn): boolean {
  const typeName = declaredIn.typeName ?? '';
  switch (library) {
    case 'typeorm':
    case 'mikro-orm':
      if (/QueryBuilder$/.test(typeName)) return TERMINALS_ALL.includes(method);
      // MikroORM's `persist` / `remove` only mark entities for the next `flush` (see `managerMethodsOf`).
      return accessIn(library === 'mikro-orm' ? MIKRO_ORM_METHODS : ORM_MANAGER_METHODS, method) !== undefined || TERMINALS_ALL.includes(method) || (RAW_QUERY_METHODS as readonly string[]).includes(method);
    case 'sequelize':
      return accessIn(SEQUELIZE_MODEL_METHODS, method) !== undefined || accessIn(ACTIVE_RECORD_INSTANCE_METHODS, method) !== undefined || (RAW_QUERY_METHODS as readonly string[]).includes(method);
    case 'mongoose':
      // A document's own methods run a query only to save, update, delete or populate it (`doc.set({ … })` changes the object).
      if (/Document$/.test(typeName)) return (MONGOOSE_DOCUMENT_QUERIES as readonly string[]).includes(method);
      if ((MONGOOSE_CONFIGURATION_TYPES as readonly string[]).includes(typeName)) return false;
      // The library's module-level functions (`mongoose.set('strictQuery', true)`, `mongoose.plugin(p)`) configure it.
      if (typeName === '' && (MONGOOSE_MODULE_SETTINGS as readonly string[]).includes(method)) return false;
      return method !== 'where' && method !== 'watch';
    default:
      return true;
  }
}

/** Typed only: a method declared in a DB package or a repository class that the name rules missed. */
function matchTyped(chain: ChainFact, ctx: QueryContext): Candidate | undefined {
  if (ctx.resolve === undefined) return undefined;
  const { segments } = chain;
  for (let index = segments.length - 1; index >= 1; index -= 1) {
    const segment = segments[index];
    if (segment?.call === undefined) continue;
    const knownName = QUERY_METHOD_NAMES.has(segment.name);
    if (!knownName && !isDataMethodName(segment.name)) continue;
    const declaredIn = ctx.resolve(index);
    if (declaredIn === undefined || declaredIn.unresolved === true) continue;
    const library = packageLibrary(declaredIn);
    if (library !== undefined && knownName && !NOT_REPOSITORY_QUERIES.has(segment.name) && !(SYNC_ENTITY_BUILDERS as readonly string[]).includes(segment.name) && executesQuery(library, segment.name, declaredIn)) {
      const access = accessIn(ORM_MANAGER_METHODS, segment.name) ?? accessIn(MODEL_METHODS, segment.name) ?? accessIn(PRISMA_MODEL_METHODS, segment.name) ?? accessOfMethodName(segment.name);
      // Builders (knex, drizzle, kysely) only run at their terminal step or when awaited.
      if (['knex', 'drizzle', 'kysely'].includes(library) && !chain.awaited && !TERMINALS_ALL.includes(segment.name) && !(KYSELY_METHODS.executors as readonly string[]).includes(segment.name)) continue;
      return { library, access, operationIndex: index };
    }
    if (library === undefined && declaredIn.typeName !== undefined && isRepositoryName(declaredIn.typeName, ctx.settings) && !NOT_REPOSITORY_QUERIES.has(segment.name) && chain.awaited) {
      return { library: 'repository', access: accessOfMethodName(segment.name), operationIndex: index };
    }
  }
  return undefined;
}

const FRAGMENT_STEPS: ReadonlySet<string> = new Set(KNEX_METHODS.fragmentSteps);

/** A query-builder step that takes a raw expression as part of its query (`select`, `whereIn`, `orOn`, `leftJoin`): see `KNEX_METHODS.fragmentSteps`. */
export function isFragmentStep(method: string): boolean {
  if (FRAGMENT_STEPS.has(method) || /(?:^j|J)oin(?:Raw)?$/.test(method)) return true;
  return KNEX_METHODS.fragmentStepPrefixes.some((prefix) => method.startsWith(prefix) && (method.length === prefix.length || /[A-Z]/.test(method.charAt(prefix.length))));
}

/**
 * A query-builder step that SQL text given to it becomes part of: a raw expression's steps (`isFragmentStep`:
 * `select`, `where`, `leftJoin`, …) and TypeORM's (`addSelect('(SELECT count(*) FROM …)', 'n')`,
 * `leftJoinAndSelect`, `addCommonTableExpression`). The text is a subquery, column or condition of the
 * builder's query, which runs (and is reported, or not) where the builder runs.
 */
export function isSqlTextStep(method: string): boolean {
  // A `raw(…)` of its own runs the text: it is the query, not a part of one.
  return method !== 'raw' && (isFragmentStep(method) || (QUERY_BUILDER_TEXT_STEPS as readonly string[]).includes(method));
}

/** A method that makes a query builder (`createQueryBuilder`, `subQuery`) or is a step of one (`isSqlTextStep`): what a step's receiver was made by. */
export function startsOrStepsBuilder(method: string): boolean {
  return method === 'createQueryBuilder' || method === 'subQuery' || isSqlTextStep(method);
}

/** Parameter or variable types of a query builder (`qb: SelectQueryBuilder<User>`, `query: Knex.QueryBuilder`). */
const QUERY_BUILDER_TYPE = /QueryBuilder$/;

/**
 * A parameter or variable holding a query builder: typed as one (`qb: SelectQueryBuilder<User>`), or by its initialiser: a builder made (`createQueryBuilder`, `subQuery`), directly
 * or by a method of the class that returns one (`this.baseQueryBuilder()`), or a chain of several calls kept
 * mid-way (`db.selectFrom('t').selectAll()`). SQL text handed to a step of it is part of its query (`isSqlTextStep`).
 */
export function holdsQueryBuilder(binding: BindingFact): boolean {
  if ((binding.kind === 'parameter' || binding.kind === 'variable') && binding.typeName !== undefined && QUERY_BUILDER_TYPE.test(binding.typeName)) return true;
  const initializer = binding.kind === 'variable' ? binding.initializer : undefined;
  if (initializer?.kind !== 'call') return false;
  const built = initializer.returned ?? initializer;
  const first = built.calls?.[0] ?? built.name.slice(built.name.lastIndexOf('.') + 1);
  return first === 'createQueryBuilder' || first === 'subQuery' || (built.calls?.length ?? 0) > 1;
}

/**
 * A raw SQL fragment: a `raw(…)` (Knex `knex.raw`, `trx.raw`, MikroORM's `raw`) given, not awaited, as a
 * column, condition or value to a step of another query builder (`qb.select(knex.raw('count(*) as n'))`,
 * `join.on(knex.raw(…))`, `.update({ seen: db.raw('now()') })`, a step named by a computed key), or
 * interpolated into the text of another statement (`` `COALESCE(${db.raw('??', [col])}::text, '')` ``). A Knex `Raw` runs only when it is
 * awaited or `.then`-ed (https://knexjs.org/guide/raw.html); handed to a builder it becomes part of that
 * builder's query, which is the data access. Awaited, returned from an async function or run through
 * its own chain, a `raw` is a query.
 */
export function isSqlFragment(chain: ChainFact): boolean {
  const segments = chain.segments;
  const last = segments[segments.length - 1];
  if (chain.awaited || segments.length < 2 || last?.name !== 'raw' || last.call === undefined) return false;
  // Interpolated into SQL text (`${db.raw('??', [col])}`): a `Raw` turned into its SQL string.
  if (chain.interpolated === true) return true;
  // Text that is an expression, not a statement (`knex.raw('MAX(CASE WHEN … END) as ??', [id, id])`,
  // `db.raw('??', [column])`), built and not awaited: a column or condition for a query built
  // elsewhere (`ids.map((id) => knex.raw(…))` spread into one `select`); run alone it would not parse.
  if (isExpressionText(last.call.args[0])) return true;
  // A builder step chosen at run time (`qb[clause](knex.raw(…))`, `clause` one of `where`/`orWhere`).
  return chain.argumentOf !== undefined && (chain.argumentOf === '[]' || isFragmentStep(chain.argumentOf));
}

/**
 * A literal or template text that no SQL statement starts with: an identifier placeholder or a
 * function call (`??`, `count(*) as n`, `MAX(CASE … END) as ??`, `lower(name)`), after any leading
 * comment. Not a text that starts with a keyword (`SELECT …`, `REFRESH …`, `VACUUM`, `SET …`), with a
 * parenthesised statement, with a `?` binding (`? ON CONFLICT DO NOTHING`, a builder's SQL bound
 * in), or with an interpolated value (`${UPDATE_SQL} WHERE id = ?`): those may be statements.
 */
function isExpressionText(value: ValueFact | undefined): boolean {
  if (value?.kind !== 'string' && value?.kind !== 'template') return false;
  if (value.kind === 'template' && (value.quasis === undefined || (value.quasis[0] ?? '').trim() === '')) return false;
  const head = withoutLeadingNoise(value.text);
  if (head.length === 0 || classifySql(value.text) !== undefined) return false;
  // A function call has its parenthesis right after the name; a statement's options come after a space (`VACUUM (ANALYZE)`).
  return /^\?\?/.test(head) || (/^[a-z_][\w.]*\(/i.test(head) && !/^(?:select|with|insert|update|delete|values|call|exec|execute|explain|vacuum|analyze|analyse|copy|reindex|cluster|refresh|lock|grant|revoke|set|show|do|merge|upsert)\b/i.test(head));
}

const NOT_EXECUTED: ReadonlySet<string> = new Set(['toQuery', 'toSQL', 'toSql', 'toString', 'getSql', 'getQuery', 'getQueryAndParameters', 'compile', 'toNative']);

/** A chain (by its segment names) that turns a query builder into SQL text and runs nothing: `….toQuery()`, `….compile()`. */
export function rendersSql(names: readonly string[]): boolean {
  return names.length >= 2 && NOT_EXECUTED.has(names[names.length - 1] ?? '');
}

/**
 * Verbs and objects of schema statements, as a statement builder's name spells them: `dropTable`,
 * `renameColumn`, `createSchema`, `dropColumnAndIndex`, `modifyColumnSchema`, `renameTableName`,
 * `duplicateTable` (`CREATE TABLE … AS`), and any `alter…`/`truncate…` (`alterAutoNumber`).
 */
const SCHEMA_STATEMENT_BUILDER = /^(?:(?:create|drop|rename|add|modify|duplicate)(?:[A-Z][a-z]*)*?(?:Table|Column|Schema|Index|Sequence|View|Constraint|Trigger|Partition|Extension)(?:s|es|Name|Names|Schema|Sql|Sqls|Query|Queries|Statement|Statements)?|(?:alter|truncate)(?:[A-Z]\w*)?)$/;

/**
 * A call whose result is the text of a schema statement, judged on the name of its last method
 * (`names` as a chain spells them), when that text is what a raw call runs: `this.dialect.dropTable(t)`,
 * `sqlFor.renameColumn(t, a, b)`. A statement builder named for its statement says what the text
 * does, as `DROP TABLE` would in the text; a builder of row statements (`updateRowsSql`,
 * `batchInsertSql`) is not one of them.
 */
export function buildsSchemaStatement(names: readonly string[]): boolean {
  const method = names[names.length - 1] ?? '';
  return !NOT_EXECUTED.has(method) && SCHEMA_STATEMENT_BUILDER.test(method);
}

/** A call (by its chain's names) whose value is SQL text a raw call may run: a builder rendered to text, or a schema statement builder. */
export function makesSqlText(names: readonly string[]): boolean {
  return rendersSql(names) || buildsSchemaStatement(names);
}

/** A method that runs the SQL text given as its first argument: `query`, `raw`, Prisma `$queryRawUnsafe`. */
export function takesSqlText(method: string): boolean {
  return (RAW_QUERY_METHODS as readonly string[]).includes(method) || /^\$(?:query|execute)Raw/.test(method);
}

/** The query builder whose text a value is: `knex('t').toQuery()` inline, or a `const` holding it (`ValueFact.builtFrom`). */
export function builderOfText(value: ValueFact | undefined): ChainFact | undefined {
  if (value?.kind === 'call') return rendersSql(value.chain.segments.map((segment) => segment.name)) ? value.chain : undefined;
  return value?.kind === 'identifier' ? value.builtFrom : undefined;
}

/**
 * A Knex schema builder (https://knexjs.org/guide/schema-builder.html): `knex.schema.alterTable(…)`,
 * `this.knex.schema.createTable(…)`, `knex.schema.withSchema('s').dropTable(…)`. Its text is DDL.
 */
function isSchemaBuilder(chain: ChainFact): boolean {
  const schema = chain.segments.findIndex((segment, index) => index >= 1 && segment.name === 'schema' && segment.call === undefined);
  return schema !== -1 && chain.segments.slice(schema + 1).some((segment) => segment.call !== undefined && (KNEX_METHODS.schema as readonly string[]).includes(segment.name));
}

/**
 * Classifies a call chain as a database query (SPEC §3 "DB query call"), or returns undefined.
 * Untyped, it decides by names and call shapes; with `ctx.resolve` (typed linting) a name match
 * whose method is declared in a non-DB package (an array's `find`, a cache's `delete`) is dropped,
 * and methods declared in a DB package or a repository class are found whatever the names.
 */
export function classifyQuery(chain: ChainFact, queryContext: QueryContext): QueryMatch | undefined {
  // A builder turned into text (`knex.queryBuilder()….toQuery()`, `qb.getSql()`) runs nothing: it is pasted into another query.
  if (NOT_EXECUTED.has(chain.segments[chain.segments.length - 1]?.name ?? '')) return undefined;
  if (isSqlFragment(chain)) return undefined;
  const bound = boundReceiverOf(chain, queryContext.settings);
  const ctx: MatchContext = bound === undefined ? queryContext : { ...queryContext, bound };
  let candidate =
    matchPrisma(chain, ctx) ?? matchKysely(chain) ?? matchDrizzle(chain, ctx) ?? matchKnex(chain, ctx) ?? matchRepository(chain, ctx) ??
    matchModel(chain, ctx) ?? matchRaw(chain, ctx) ?? matchActiveRecord(chain, ctx);
  // A receiver the file shows is no data access (a `Map`, an enum, a command class, an SDK's object)
  // runs no query through its own methods, whatever they are called.
  if (candidate !== undefined && bound?.role === 'not-data' && candidate.operationIndex === bound.index + 1 && !(candidate.sql !== undefined && candidate.raw === true)) candidate = undefined;
  let result: Candidate | undefined = candidate;
  let typed = false;
  if (candidate !== undefined && ctx.resolve !== undefined) {
    const { verdict, library } = typedVerdict(candidate.operationIndex, ctx);
    // Evidence of the file (a member typed `Repository<User>`) gives way to the declaration the types find.
    if (verdict === 'safe' || (verdict === 'project' && candidate.evidence !== undefined)) result = matchTyped(chain, ctx);
    else if (library !== undefined) result = { ...candidate, library };
    typed = verdict === 'db' || verdict === 'repository';
  } else if (candidate === undefined) {
    result = matchTyped(chain, ctx);
    typed = result !== undefined;
  }
  if (result === undefined) return undefined;
  return {
    library: result.library,
    access: result.access,
    operationIndex: result.operationIndex,
    label: chainLabel(chain, result.operationIndex),
    raw: result.raw ?? false,
    transaction: result.transaction ?? false,
    batched: isBatched(chain, result),
    paginated: isPaginated(chain, result),
    ...(result.sql === undefined ? {} : { sql: result.sql }),
    typed,
    activeRecord: result.activeRecord ?? false,
    ...(result.evidence === undefined || typed || bound === undefined ? {} : { evidence: `'${bound.name}': ${result.evidence}` }),
  };
}

/**
 * The query as messages show it, quoted: `'this.users.findById'`, followed by the evidence when the
 * receiver's name does not show it is data access (`'this.users.findById' ('users': class member
 * typed UserRepository)`), so a user sees what the finding relied on.
 */
export function queryForMessage(match: QueryMatch): string {
  return match.evidence === undefined ? `'${match.label}'` : `'${match.label}' (${match.evidence})`;
}

/**
 * A liveness or readiness probe: `SELECT 1` (or `SELECT 1 AS ok`, `SELECT NOW()`, `SELECT version()`)
 * touches no table. Health checks run it on purpose; it is no data access to move or batch.
 */
export function isProbeQuery(match: QueryMatch, chain: ChainFact): boolean {
  // The SQL is the operation's argument (`pool.query('SELECT 1')`) or a tagged step before it (`` sql`select 1`.execute(db) ``).
  return chain.segments.slice(0, match.operationIndex + 1).some((segment) => {
    const arg = firstArg(segment);
    const text = arg?.kind === 'string' || arg?.kind === 'template' ? arg.text : undefined;
    return text !== undefined && isProbeSql(text);
  });
}

/**
 * A schema or maintenance statement (`DROP TABLE "t_1"`, `CREATE INDEX …`, `ALTER TABLE …`,
 * `TRUNCATE`, `REFRESH MATERIALIZED VIEW`, `VACUUM`): it acts on one named object, not on rows a
 * batched query could fetch together. Judged on the SQL text, as `isProbeQuery`.
 */
export function isSchemaStatement(match: QueryMatch, chain: ChainFact): boolean {
  return chain.segments.slice(0, match.operationIndex + 1).some((segment) => {
    const arg = firstArg(segment);
    // The text a statement builder named for its statement returns: `$executeRawUnsafe(this.sqlDialect.dropTable(t))`.
    if (arg?.kind === 'call' && buildsSchemaStatement(arg.chain.segments.map((part) => part.name))) return true;
    // The text of a Knex schema builder: `$executeRawUnsafe(knex.schema.alterTable(t, …).toQuery())`.
    const builder = builderOfText(arg);
    if (builder !== undefined) return isSchemaBuilder(builder) || buildsSchemaStatement(builder.segments.map((part) => part.name));
    const text = arg?.kind === 'string' || arg?.kind === 'template' ? arg.text : undefined;
    return text !== undefined && (/^\s*(?:create|drop|alter|truncate|refresh\s+materialized\s+view|vacuum|reindex|cluster)\b/i.test(text) || classifySql(text)?.statement === 'SHOW');
  });
}

/**
 * `true` for the name of a read that fails when the record is absent instead of returning nothing:
 * Prisma `findUniqueOrThrow` / `findFirstOrThrow`, TypeORM and MikroORM `findOneOrFail`, Kysely
 * `executeTakeFirstOrThrow`, and a project's own `getOrderOrThrow` written after them.
 */
export function isReadOrFailName(name: string): boolean {
  return /(?:OrThrow|OrFail)$/.test(name);
}

/** Prisma `findUnique` calls issued in one tick are batched by Prisma's dataloader. */
export function isPrismaTickBatched(match: QueryMatch, chain: ChainFact): boolean {
  const method = chain.segments[match.operationIndex]?.name ?? '';
  return match.library === 'prisma' && (method === 'findUnique' || method === 'findUniqueOrThrow');
}

function hasUpsertFlag(value: ValueFact): boolean {
  return value.kind === 'object' && value.properties.some((property) => property.key === 'upsert' && property.value.kind === 'boolean' && property.value.value === true);
}

/**
 * Is this write idempotent, i.e. safe to run twice? An upsert or a conflict-resolving insert on a
 * unique key (see `IDEMPOTENT_WRITE_METHODS`), a Mongo update with `{ upsert: true }`, or SQL with
 * `ON CONFLICT` / `ON DUPLICATE KEY UPDATE` / `INSERT IGNORE` / `MERGE` (`SqlText.idempotent`).
 * Plain inserts, updates and deletes are not judged idempotent: `UPDATE … SET n = n + 1` is not,
 * and an insert without a unique key duplicates.
 */
export function isIdempotentWrite(match: QueryMatch, chain: ChainFact): boolean {
  if (match.sql?.idempotent === true) return true;
  return chain.segments.some(
    (segment) => (IDEMPOTENT_WRITE_METHODS as readonly string[]).includes(segment.name) || (segment.call?.args.some(hasUpsertFlag) ?? false),
  );
}

const TRANSACTION_METHODS: ReadonlySet<string> = new Set(['$transaction', 'transaction', 'transactional', 'withTransaction', 'runInTransaction']);

/**
 * A call that runs its callback as one transaction, rolled back when the callback throws: Prisma
 * `$transaction(async (tx) => …)`, Knex / Sequelize / TypeORM `DataSource` / Drizzle
 * `transaction(async (trx) => …)`, Kysely `transaction().execute(async (trx) => …)`, MikroORM
 * `em.transactional(…)`, MongoDB `session.withTransaction(…)`.
 */
export function isTransactionCall(chain: ChainFact): boolean {
  const segments = chain.segments;
  const last = segments[segments.length - 1];
  if (last?.call === undefined || !last.call.args.some((arg) => arg.kind === 'function' || arg.kind === 'identifier')) return false;
  const boundary = segments.findIndex((segment) => TRANSACTION_METHODS.has(segment.name));
  return boundary > 0 && (boundary === segments.length - 1 || (boundary === segments.length - 2 && last.name === 'execute'));
}

/** A constructor parameter or field as the layer rules see it. */
export interface InjectionFacts {
  /** Decorator names as called: `InjectRepository`, `nest.InjectModel`. */
  readonly decorators: readonly string[];
  /** The annotated type's name (`PrismaClient`, `Repository`, `UserRepository`), if any. */
  readonly typeName?: string;
  /** Module the type name was imported from, or (typed) the package that declares it. */
  readonly typeSource?: string;
}

export interface InjectionMatch {
  /** `client` for DB clients and ORM repositories; `repository` for the project's own repositories. */
  readonly kind: 'client' | 'repository';
  /** For messages: `@InjectRepository`, `PrismaClient`, `UserRepository`. */
  readonly label: string;
}

/**
 * Is a constructor parameter (or field) an injected DB client or repository? By decorator
 * (`@InjectRepository(User)`, `@InjectModel(Cat.name)`, `@InjectDataSource()`), by type name
 * (`PrismaClient`, `PrismaService`, `EntityManager`, `Knex`), by an ambiguous type name imported
 * from a DB package (`Pool` from `pg`, `Repository` / `Model` from `typeorm` / `mongoose`), or by a
 * repository type (`UserRepository`, `OrdersDao`).
 */
export function classifyDbInjection(facts: InjectionFacts, settings: BackendPatternsSettings): InjectionMatch | undefined {
  const decorator = facts.decorators.map((name) => name.slice(name.lastIndexOf('.') + 1)).find((name) => (DB_INJECTION_DECORATORS as readonly string[]).includes(name));
  if (decorator !== undefined) return { kind: 'client', label: `@${decorator}` };
  const typeName = facts.typeName?.slice(facts.typeName.lastIndexOf('.') + 1);
  if (typeName === undefined || typeName === '') return undefined;
  const source = facts.typeSource === undefined ? undefined : facts.typeSource.startsWith('@') ? facts.typeSource.split('/').slice(0, 2).join('/') : facts.typeSource.split('/')[0];
  const fromDbPackage = source !== undefined && source in DB_PACKAGES;
  if ((DB_CLIENT_TYPE_NAMES as readonly string[]).includes(typeName) || settings.db.clientNames.includes(typeName)) return { kind: 'client', label: typeName };
  if ((DB_CLIENT_AMBIGUOUS_TYPE_NAMES as readonly string[]).includes(typeName) || typeName === 'Repository') {
    if (fromDbPackage) return { kind: 'client', label: typeName };
    if (typeName !== 'Repository') return undefined;
  }
  // A repository class of a package from the registry (an SDK's in-memory store) is not the project's data layer, as for receivers (`receiverEvidence`).
  if (isRepositoryName(typeName, settings) && (fromDbPackage || packageNameOf(facts.typeSource) === undefined)) return { kind: fromDbPackage ? 'client' : 'repository', label: typeName };
  return undefined;
}

/** Builder steps that add nothing to an insert of given rows: `createQueryBuilder().insert().values(rows).execute()`. */
const PLAIN_INSERT_STEPS: ReadonlySet<string> = new Set(['createQueryBuilder', 'insert', 'values', 'orIgnore', 'updateEntity', 'execute']);

/**
 * A repository's query builder that only inserts given rows (`repo.createQueryBuilder().insert().values(rows).execute()`):
 * the same statement as the repository's own `insert(rows)`, with no table, column, join or condition of its own.
 */
function insertsOnly(steps: readonly ChainSegment[]): boolean {
  return steps[0]?.call?.args.length === 0 && steps.every((step) => PLAIN_INSERT_STEPS.has(step.name) && step.call !== undefined) &&
    steps.some((step) => step.name === 'insert') && steps.some((step) => step.name === 'values');
}

/**
 * A query builder kept in a variable that one of the class's ORM repositories made
 * (`const qb = this.users.createQueryBuilder('u')`, or `const qb = this.baseQueryBuilder()` with a method
 * returning one; `users` injected as `@InjectRepository(User)` / typed `Repository<User>`). Such a builder is
 * that repository's own API, bound to its entity: in NestJS + TypeORM the injected repository is the
 * repository layer, and a builder on it goes through it as its `find` does. Not one of its entity manager
 * (`this.users.manager.createQueryBuilder()`), which reaches any table.
 */
function isOrmRepositoryBuilder(chain: ChainFact, settings: BackendPatternsSettings): boolean {
  const binding = chain.binding;
  const initializer = binding?.kind === 'variable' && binding.length === 1 ? binding.initializer : undefined;
  if (initializer?.receiver === undefined) return false;
  const built = initializer.returned ?? initializer;
  const first = built.calls?.[0] ?? built.name.slice(built.name.lastIndexOf('.') + 1);
  // The steps the builder went through before the call's chain: the method's chain, then the initialiser's own steps after it.
  const keptSteps = [...(built.calls ?? []), ...(initializer.returned === undefined ? [] : (initializer.calls ?? []))];
  if (first !== 'createQueryBuilder' || leavesEntity(keptSteps, chain.segments, initializer.receiver.typeArguments?.[0])) return false;
  return receiverEvidence(initializer.receiver, '', settings).role === 'orm-repository';
}

/** Builder steps that name a table of their own (`.from(Order, 'o')`, `.delete().from(AuditLog)`, `.insert().into(Other)`). */
const OWN_TABLE_STEPS: ReadonlySet<string> = new Set(['from', 'addFrom', 'into']);

/**
 * Does a repository's builder leave the repository's entity: a step that names a table of its own, or an
 * `update(Other)` given an entity class or a table name to write (not `update({ … })`, the values for its own)?
 * Then it is a query the class wrote, not the repository's.
 */
function leavesEntity(keptSteps: readonly string[], steps: readonly ChainSegment[], entity: string | undefined): boolean {
  // A step kept in an initialiser (`calls`) shows only its name: naming a table at all, it may name another.
  if (keptSteps.some((name) => OWN_TABLE_STEPS.has(name))) return true;
  // A step of the call's chain shows its table.
  return steps.some((step) => {
    if (!OWN_TABLE_STEPS.has(step.name) && step.name !== 'update') return false;
    const target = step.call?.args[0];
    // The repository's own entity named again (`.update(User)`, `.delete().from(User)`, TypeORM's documented form) stays in it.
    if (target?.kind === 'identifier' && target.name === entity) return false;
    return step.name === 'update' ? target?.kind === 'string' || (target?.kind === 'identifier' && /^[A-Z]/.test(target.name)) : true;
  });
}

/**
 * A query made through a repository object (`this.userRepository.findById(id)`,
 * `this.usersRepository.find()` on an injected TypeORM `Repository<User>`, `ordersDao.save(o)`):
 * the call goes through the repository layer (typed: a method of a `*Repository` class, whatever
 * the field is called). Raw SQL on it (`repo.query('SELECT …')`), query
 * builders (but one that only inserts given rows, `insertsOnly`, and one of an ORM repository the class
 * is given, `isOrmRepositoryBuilder`) and repository factories
 * (`getRepository(User).find()`) do not count.
 */
export function isRepositoryLayerCall(match: QueryMatch, chain: ChainFact, settings: BackendPatternsSettings): boolean {
  if (match.raw || match.transaction) return false;
  if (match.library === 'repository' && match.typed) return true;
  const builderAt = findIndex(chain.segments, (segment) => segment.name === 'createQueryBuilder');
  if (builderAt !== -1 && !insertsOnly(chain.segments.slice(builderAt))) {
    // An ORM repository's own builder (`this.users.createQueryBuilder('u')…`, `users` injected as one): see `isOrmRepositoryBuilder`.
    const bound = boundReceiverOf(chain, settings);
    const steps = chain.segments.slice(builderAt + 1);
    return bound !== undefined && bound.index === builderAt - 1 && bound.role === 'orm-repository' && !leavesEntity([], steps, chain.binding?.typeArguments?.[0]);
  }
  if (builderAt === -1 && match.library === 'typeorm' && isOrmRepositoryBuilder(chain, settings)) return true;
  const receiverIndex = builderAt === -1 ? match.operationIndex - 1 : builderAt - 1;
  const receiver = chain.segments[receiverIndex];
  // `manager.withRepository(labelRepository).delete(id)`: TypeORM hands back the repository it is given, bound to the transaction.
  // The argument must be one: a repository by name (`labelRepository`, `this.users`' `usersRepo`), or any value in a file that uses TypeORM.
  if (receiver?.name === 'withRepository' && receiver.call !== undefined) {
    const argument = receiver.call.args[0];
    const name = argument?.kind === 'identifier' ? argument.name : argument?.kind === 'member' ? argument.path[argument.path.length - 1] : undefined;
    return name !== undefined && (isRepositoryName(name, settings) || (chain.fileLibraries ?? []).includes('typeorm'));
  }
  if (receiver === undefined || receiver.call !== undefined) return false;
  const bound = boundReceiverOf(chain, settings);
  if (bound !== undefined && bound.index === receiverIndex && bound.role !== 'unknown') return bound.role === 'repository' || bound.role === 'orm-repository';
  // `library: 'repository'` also covers active records (`await user.save()`): only a repository name or a typed repository class counts.
  return isRepositoryName(receiver.name, settings);
}

/**
 * `manager.getRepository(UserAddon).createQueryBuilder('a').setLock('pessimistic_write')…`,
 * `this.dataSource.getRepository(User).findOne(…)`: TypeORM's repository of an entity the class is
 * given a repository of (`@InjectRepository(User)`, `injectedEntities`) fetched again — inside a
 * transaction, the transaction's own: the repository the class already uses, not a query of its own.
 * A builder of it that leaves the entity (`from`, `into`, `update(Other)`) still is; an entity the
 * class has no repository of is the data access the rule is about.
 */
export function isInjectedEntityRepositoryCall(match: QueryMatch, chain: ChainFact, injectedEntities: ReadonlySet<string>): boolean {
  if (match.raw || match.transaction || injectedEntities.size === 0) return false;
  const at = findIndex(chain.segments, (segment) => segment.name === 'getRepository' && segment.call !== undefined);
  const entity = chain.segments[at]?.call?.args[0];
  if (entity?.kind !== 'identifier' || !injectedEntities.has(entity.name) || match.operationIndex <= at) return false;
  const builderAt = findIndex(chain.segments, (segment) => segment.name === 'createQueryBuilder');
  if (builderAt === -1) return match.operationIndex === at + 1;
  return builderAt === at + 1 && !leavesEntity([], chain.segments.slice(builderAt + 1), entity.name);
}

/** Steps that give a builder another source: a table of its own, or another builder of the connection. */
const BUILDER_SOURCE_STEPS: ReadonlySet<string> = new Set(['from', 'addFrom', 'into', 'update', 'connection', 'manager', 'createQueryBuilder', 'subQuery', 'getRepository', 'withRepository']);

/**
 * A `let` builder's later assignment `qb = qb.andWhere(…)` (`steps`: the member names of its
 * chain, after the variable) only adds conditions to the builder it holds, so the variable keeps the
 * origin of its initialiser; `qb = qb.from(Order, 'o')` or `qb = qb.connection.createQueryBuilder()`
 * gives it another source.
 */
export function extendsOwnBuilder(steps: readonly string[]): boolean {
  return !steps.some((step) => BUILDER_SOURCE_STEPS.has(step));
}

/** TypeORM `EntityManager` methods that take the entity class first (`manager.findOne(User, { where })`): a repository's own API, for that entity. */
const ENTITY_MANAGER_REPOSITORY_METHODS: ReadonlySet<string> = new Set([
  'find', 'findBy', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findAndCount', 'findAndCountBy', 'count', 'countBy', 'exists', 'existsBy',
  'save', 'insert', 'update', 'upsert', 'delete', 'remove', 'softDelete', 'softRemove', 'restore', 'increment', 'decrement', 'create', 'preload', 'merge',
]);

/**
 * `manager.findOne(User, { where, lock })`, `manager.save(Order, order)` on the entity manager a
 * transaction hands over (`managerOfTransaction`: a transaction callback's parameter, or a parameter
 * typed `EntityManager`): in a class whose repositories are TypeORM's own, that is the repository API
 * in the only form a transaction takes — the entity class first instead of a repository per entity.
 * So is its repository of an entity (`manager.getRepository(Project).findOneOrFail(…)`). The
 * manager's builder and raw SQL are not, nor is a manager the class holds (`this.manager.save`).
 */
export function isTransactionalEntityCall(match: QueryMatch, chain: ChainFact, managerOfTransaction: boolean): boolean {
  if (!managerOfTransaction || match.raw || match.transaction) return false;
  const isEntity = (value: ValueFact | undefined): boolean => value?.kind === 'identifier' && /^[A-Z]/.test(value.name);
  const [, first, second] = chain.segments;
  // `manager.findOne(User, …)`, or the same through the manager's repository of it: `manager.getRepository(Project).findOneOrFail(…)`.
  if (chain.segments.length === 2) return first !== undefined && ENTITY_MANAGER_REPOSITORY_METHODS.has(first.name) && isEntity(first.call?.args[0]);
  return chain.segments.length === 3 && first?.name === 'getRepository' && isEntity(first.call?.args[0]) && second !== undefined && second.call !== undefined && ENTITY_MANAGER_REPOSITORY_METHODS.has(second.name);
}

/**
 * A call through one of the project's own repositories (`organizationsRepository.listOrganizations()`,
 * `this.users.findById(id)` of a `UserRepository` class), not through an ORM's repository object
 * (`@InjectRepository(User) users: Repository<User>`, whose `find` is the ORM's own query). With
 * `nameSuffices` false, the method must be one no ORM has (`saveRegisteringUser`), whatever the
 * receiver is declared as: a project repository class may extend the ORM's repository.
 */
export function isProjectRepositoryCall(match: QueryMatch, chain: ChainFact, settings: BackendPatternsSettings, nameSuffices = true): boolean {
  if (!isRepositoryLayerCall(match, chain, settings)) return false;
  if (match.library === 'repository' && match.typed) return true;
  const ownMethod = !isOrmMethodName(chain.segments[match.operationIndex]?.name ?? '');
  const bound = boundReceiverOf(chain, settings);
  // A project repository class may extend the ORM's `Repository<T>`: its `save` is still the ORM's.
  if (bound !== undefined && bound.index === match.operationIndex - 1 && bound.role !== 'unknown') return bound.role === 'repository' && (nameSuffices || ownMethod);
  // A receiver known by its name alone (`userRepository`) may as well be an ORM's repository object,
  // unless the method is one no ORM has (`saveRegisteringUser`, `createFromAuth`).
  return match.library === 'repository' && (nameSuffices || ownMethod);
}

/** Model statics that load one row by its primary key (Sequelize `findByPk`, Mongoose `findById`). */
const KEY_FINDERS: ReadonlySet<string> = new Set(['findByPk', 'findById']);

/**
 * A commit of the unit of work a request's entities were loaded into: an entity manager's `flush()`
 * with nothing of its own (`em.flush()`, `ctx.em.flush()`; not `em.persist(x).flush()` nor
 * `em.flush(entity)`). It writes the changes made to entities loaded elsewhere (a middleware, a
 * service) and runs no query a repository method could hold.
 */
export function isUnitOfWorkCommit(chain: ChainFact): boolean {
  const last = chain.segments[chain.segments.length - 1];
  const receiver = chain.segments[chain.segments.length - 2];
  return last?.name === 'flush' && last.call !== undefined && last.call.args.length === 0 && receiver !== undefined && receiver.call === undefined && receiver.name !== '';
}

/**
 * A load of one row by its key through one of the project's own models (`Document.findByPk(id)`
 * with `Document` imported from the project's models, directly or through a tsconfig alias): in an
 * active-record design, the lookup a handler makes to authorize a record, as it would through a
 * repository. Queries by other conditions, lists, counts and writes through a model are not: they
 * are the handler's own data work.
 */
export function isProjectModelKeyRead(match: QueryMatch, chain: ChainFact, settings: BackendPatternsSettings): boolean {
  if (match.raw || match.transaction || (match.library !== 'sequelize' && match.library !== 'mongoose') || !KEY_FINDERS.has(chain.segments[match.operationIndex]?.name ?? '')) return false;
  const binding = chain.binding;
  const bound = boundReceiverOf(chain, settings);
  return bound !== undefined && bound.index === match.operationIndex - 1 && bound.role === 'model' && binding?.kind === 'import' && packageNameOf(binding.source) === undefined;
}

const ORM_METHOD_NAMES: ReadonlySet<string> = new Set(
  [PRISMA_MODEL_METHODS, TYPEORM_REPOSITORY_METHODS, SEQUELIZE_MODEL_METHODS, MONGOOSE_MODEL_METHODS, MIKRO_ORM_METHODS, ACTIVE_RECORD_INSTANCE_METHODS].flatMap((methods) =>
    Object.values(methods as Record<string, readonly string[]>).flat(),
  ),
);

/** A method an ORM's repository, model or entity manager has (`save`, `create`, `findOne`, `updateOne`, `persistAndFlush`). */
function isOrmMethodName(name: string): boolean {
  return ORM_METHOD_NAMES.has(name);
}

/** What a write does to rows: see `writeOperation`. */
export type WriteOperation = 'insert' | 'update' | 'upsert' | 'delete';

const INSERT_STEPS: ReadonlySet<string> = new Set(['create', 'createManyAndReturn', 'insert', 'insertInto', 'insertOne', 'nativeInsert']);
const UPDATE_STEPS: ReadonlySet<string> = new Set([
  'update', 'updateTable', 'updateOne', 'updateManyAndReturn', 'nativeUpdate', 'findOneAndUpdate', 'findByIdAndUpdate', 'findOneAndReplace', 'replaceOne',
]);
const UPSERT_STEPS: ReadonlySet<string> = new Set(['upsert', 'onConflictDoUpdate', 'onDuplicateKeyUpdate', 'merge', 'orUpdate']);
const DELETE_STEPS: ReadonlySet<string> = new Set(['delete', 'deleteFrom', 'del', 'destroy', 'nativeDelete', 'deleteOne', 'findOneAndDelete', 'findByIdAndDelete']);
/** Steps that let an insert skip a conflicting row: it may add nothing. */
const SKIP_ON_CONFLICT_STEPS: ReadonlySet<string> = new Set(['onConflictDoNothing', 'ignore', 'orIgnore', 'doNothing', 'onConflict']);

/**
 * What a write query does to rows, from the steps of its chain (or its SQL text): it adds them
 * (`insert`, `create`, `insertInto`, `INSERT INTO`), changes the rows its filter picks (`update`,
 * `updateTable`, `findOneAndUpdate`, `UPDATE … SET`), adds or changes them (`upsert`, an insert that
 * updates on conflict: `onConflictDoUpdate`, `merge`), or removes them. An insert that may skip a
 * conflicting row (`onConflictDoNothing`, `ignore`, `orIgnore`, knex `onConflict(…)` without
 * `merge`, `INSERT … ON CONFLICT DO NOTHING`) may add nothing and is none of these; nor is a write
 * whose steps do not say (`save`, `flush`, a repository's own method). Undefined for reads.
 */
export function writeOperation(match: QueryMatch, chain: ChainFact): WriteOperation | undefined {
  if (match.access !== 'write' || match.transaction) return undefined;
  if (match.sql !== undefined) {
    const statement = match.sql.statement.toUpperCase();
    if (statement === 'INSERT') return match.sql.idempotent ? undefined : 'insert';
    if (statement === 'UPDATE') return 'update';
    if (statement === 'DELETE') return 'delete';
    return statement === 'UPSERT' ? 'upsert' : undefined;
  }
  const names = chain.segments.slice(1, match.operationIndex + 1).filter((segment) => segment.call !== undefined).map((segment) => segment.name);
  if (names.some((name) => UPSERT_STEPS.has(name))) return 'upsert';
  if (names.some((name) => SKIP_ON_CONFLICT_STEPS.has(name))) return undefined;
  // The first step that names an operation decides (`insertInto(t).values(…)`, `update(t).set(…).where(…)`).
  for (const name of names) {
    if (INSERT_STEPS.has(name)) return 'insert';
    if (UPDATE_STEPS.has(name)) return 'update';
    if (DELETE_STEPS.has(name)) return 'delete';
  }
  return undefined;
}

/** Methods that read one stored record by the common ORMs' names (Prisma, TypeORM, Mongoose, Sequelize, MikroORM). */
const RECORD_READ_METHODS: ReadonlySet<string> = new Set([
  'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findById', 'findByPk',
]);
/** A data-access helper named for one record by its key: `getReportById`, `findUserByKey`, `loadOrderByPk`. */
const RECORD_READ_HELPER = /^(?:get|find|load|fetch|read)[A-Z]\w*By(?:Id|Key|Pk|Uid|Uuid)$/;

/**
 * Is a call, by its method or function name, a read of one stored record (`users.model.user.findUnique(…)`
 * through a project wrapper the query knowledge does not know, `getReportById(ctx, id)`)? What it
 * returns is the store's data, not what the client sent. Used only to stay silent, never to report.
 */
export function readsOneStoredRecord(name: string): boolean {
  return RECORD_READ_METHODS.has(name) || RECORD_READ_HELPER.test(name);
}
