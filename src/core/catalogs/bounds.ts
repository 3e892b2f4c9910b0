import type { DbLibrary } from './db-clients.js';

/**
 * What bounds a list query, per library: the methods that return many rows, the options and
 * builder steps that cap them, the methods that return one row or an aggregate. Plain data;
 * `classify/bounds.ts` matches it. Taken from each library's API reference:
 * Prisma https://www.prisma.io/docs/orm/prisma-client/queries/pagination,
 * TypeORM https://typeorm.io/docs/working-with-entity-manager/find-options,
 * Sequelize https://sequelize.org/docs/v6/core-concepts/model-querying-basics/#limits-and-pagination,
 * Mongoose https://mongoosejs.com/docs/api/query.html#Query.prototype.limit(),
 * Knex https://knexjs.org/guide/query-builder.html#limit, Kysely https://kysely.dev/docs/recipes/pagination,
 * Drizzle https://orm.drizzle.team/docs/select#limit--offset.
 */

/** Methods that return every matching row, per library (model / repository / builder terminal). */
export const LIST_METHODS = {
  prisma: ['findMany'],
  typeorm: ['find', 'findBy', 'findAndCount', 'findAndCountBy'],
  'mikro-orm': ['find', 'findAll', 'findAndCount'],
  sequelize: ['findAll', 'findAndCountAll'],
  mongoose: ['find'],
  mongodb: ['find'],
  drizzle: ['findMany', 'select', 'selectDistinct', 'selectDistinctOn'],
  kysely: ['execute'],
  /** TypeORM / MikroORM query-builder terminals that load every row the builder selects. */
  queryBuilder: ['getMany', 'getManyAndCount', 'getRawMany', 'getRawAndEntities', 'getResultList', 'getResult'],
} as const;

/** Option keys that cap a list: Prisma / TypeORM `take`, Sequelize / Drizzle / MikroORM / Mongo `limit`, GraphQL-style `first`/`last`. */
export const LIMIT_OPTION_KEYS = ['take', 'limit', 'first', 'last', 'top', 'perPage', 'pageSize'] as const;

/** Builder steps that cap or page a list: `.limit(n)`, `.take(n)`, `.top(n)`, Knex `.first()` / `.forPage()`, a `.paginate()` plugin. */
export const LIMIT_STEPS = ['limit', 'take', 'top', 'first', 'forPage', 'paginate', 'page', 'limitToFirst', 'limitToLast', 'fetch'] as const;

/** Steps that stream rows instead of loading them all: Mongoose `.cursor()` / `.eachAsync()`, Knex / TypeORM `.stream()`, Kysely `.stream()`. */
export const STREAMING_STEPS = ['cursor', 'eachAsync', 'stream', 'iterate', 'batchSize', 'pipe'] as const;

/** Builder steps and select functions that reduce the rows to one value or one row per group. */
export const AGGREGATE_STEPS = ['count', 'countDistinct', 'countAll', 'sum', 'sumDistinct', 'avg', 'avgDistinct', 'min', 'max', 'pluckOne', '$count', 'exists'] as const;

/** Raw-driver methods that return at most one row: pg-promise `one` / `oneOrNone`, slonik `one` / `maybeOne`, better-sqlite3 `get`. */
export const SINGLE_ROW_RAW_METHODS = ['one', 'oneOrNone', 'maybeOne', 'oneFirst', 'maybeOneFirst', 'get', 'pluck', 'executeTakeFirst', 'executeTakeFirstOrThrow'] as const;

/** Column / key names whose equality selects at most one row: a primary key or a natural unique key. */
export const UNIQUE_KEY_NAMES = ['id', '_id', 'uuid', 'pk', 'key', 'slug', 'email', 'username', 'handle', 'token', 'code', 'uri'] as const;

/** Columns that name an owner or parent row without an `Id` suffix: a DID, an owner, a creator. */
export const PARENT_KEY_NAMES = ['did', 'owner', 'creator', 'author', 'parent', 'tenant', 'account', 'user', 'team', 'workspace', 'organization', 'org', 'project'] as const;

/** Columns with few distinct values: an equality on them keeps every row in one state, whatever the value. */
export const LOW_CARDINALITY_COLUMNS = ['status', 'state', 'type', 'kind', 'category', 'role', 'active', 'enabled', 'disabled', 'deleted', 'archived', 'visibility', 'level', 'priority', 'source', 'channel', 'currency', 'locale', 'language'] as const;

/**
 * Tables that stay small by nature (reference data): their full list is the answer. Matched on the
 * whole model name, singular or plural (`Country`, `countries`, `user_roles` is not one of them).
 * `settings['backend-patterns'].db.smallTables` adds the project's own.
 */
export const SMALL_TABLE_NAMES = [
  'country', 'currency', 'language', 'locale', 'timezone', 'role', 'permission', 'setting', 'config', 'configuration', 'featureFlag',
  'plan', 'region', 'state', 'province', 'unit', 'status', 'enum', 'lookup',
  // Store and platform configuration: a handful of rows an administrator maintains.
  'zone', 'taxRate', 'taxCategory', 'shippingMethod', 'paymentMethod', 'channel', 'stockLocation', 'warehouse', 'administrator', 'platform',
  // Migration bookkeeping of the ORM and query-builder tools: one row per migration file.
  'SequelizeMeta', 'SequelizeData', 'knex_migrations', '_prisma_migrations', 'mikro_orm_migrations', 'kysely_migration', 'typeorm_migrations',
] as const;

/**
 * Last words of model names that hold configuration or reference data (`infraConfig`, `ticketType`, `emailTemplate`).
 * `flag` only as a feature flag (`tenantFeatureFlag`, `tenant_feature_flags`): `content_flags`, `userFlag` are
 * flags people raise on content, a row per report, and grow with the content.
 */
export const SMALL_TABLE_LAST_WORDS = ['config', 'configuration', 'setting', 'settings', 'type', 'category', 'template', 'flag'] as const;
/** Last words of {@link SMALL_TABLE_LAST_WORDS} that name configuration only after a given word (`feature` `flag`). */
export const SMALL_TABLE_LAST_WORD_QUALIFIERS: Readonly<Partial<Record<(typeof SMALL_TABLE_LAST_WORDS)[number], string>>> = { flag: 'feature' };

/**
 * Last words (or whole names) of tables of an owner's preferences (`account_pref`,
 * `userPreferences`, `preference`): like settings, a handful of rows per owner, read whole or per
 * owner to answer "what did this user choose".
 */
export const OWNER_PREFERENCE_WORDS = ['pref', 'prefs', 'preference', 'preferences'] as const;

/**
 * Flag columns that mark administrators (`isAdmin`, `is_superuser`, `isStaff`), compared lower case
 * without separators: on the users table, `where: { isAdmin: true }` lists the handful of people who
 * run the system, not its users.
 */
export const ADMIN_FLAG_COLUMNS = ['isadmin', 'admin', 'isadministrator', 'issuperadmin', 'superadmin', 'issuperuser', 'superuser', 'isstaff', 'issysadmin'] as const;

/** Role values that name administrators (`role: 'admin'`, `Role.SUPER_ADMIN`), compared lower case without separators. */
export const ADMIN_ROLE_VALUES = ['admin', 'administrator', 'superadmin', 'superadministrator', 'superuser', 'sysadmin', 'systemadmin', 'root'] as const;

/** Tables of a system's people (whole names, singular or plural): the administrators among them are the few who run it. */
export const PEOPLE_TABLE_NAMES = ['user', 'account', 'person', 'authUser', 'appUser'] as const;

/** What to do instead, per library: accept page parameters and cap the query. */
export const BOUNDING_ADVICE: Readonly<Partial<Record<DbLibrary, string>>> = {
  prisma: 'Accept page parameters and pass take (with skip or cursor).',
  typeorm: 'Accept page parameters and pass take (with skip), or call .take()/.limit() on the query builder.',
  'mikro-orm': 'Accept page parameters and pass limit (with offset), or use findByCursor.',
  sequelize: 'Accept page parameters and pass limit (with offset).',
  mongoose: 'Accept page parameters and chain .limit() (with .skip() or a range on _id).',
  mongodb: 'Accept page parameters and chain .limit() (with .skip() or a range on _id) before toArray().',
  knex: 'Accept page parameters and chain .limit() (with .offset() or a keyset where).',
  kysely: 'Accept page parameters and chain .limit() (with .offset() or a keyset where).',
  drizzle: 'Accept page parameters and chain .limit() (with .offset() or a keyset where), or pass limit to findMany.',
};

/** The advice for raw SQL, whatever driver runs it. */
export const SQL_BOUNDING_ADVICE = 'Accept page parameters and add LIMIT (with OFFSET or a keyset WHERE).';
