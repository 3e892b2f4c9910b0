/**
 * What a database query looks like, per library. Plain data; `classify/query.ts` matches it.
 * Method lists are taken from each library's API reference.
 */

export type DbLibrary =
  | 'prisma'
  | 'typeorm'
  | 'sequelize'
  | 'knex'
  | 'drizzle'
  | 'kysely'
  | 'mongoose'
  | 'mongodb'
  | 'mikro-orm'
  | 'pg'
  | 'mysql2'
  | 'better-sqlite3'
  | 'repository'
  | 'sql';

export type QueryAccess = 'read' | 'write';

/** Prisma model delegate methods (https://www.prisma.io/docs/orm/reference/prisma-client-reference#model-queries). */
export const PRISMA_MODEL_METHODS = {
  read: ['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'aggregate', 'groupBy'],
  write: ['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany'],
} as const satisfies Record<QueryAccess, readonly string[]>;

/** Prisma client-level methods (`prisma.$queryRaw`, …). */
export const PRISMA_CLIENT_METHODS = {
  read: ['$queryRaw', '$queryRawUnsafe', '$queryRawTyped', '$runCommandRaw'],
  write: ['$executeRaw', '$executeRawUnsafe', '$transaction'],
} as const satisfies Record<QueryAccess, readonly string[]>;

/** TypeORM `Repository` / `EntityManager` methods (https://typeorm.io/docs/working-with-entity-manager/repository-api). */
export const TYPEORM_REPOSITORY_METHODS = {
  read: [
    'find', 'findBy', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findAndCount', 'findAndCountBy',
    'findByIds', 'count', 'countBy', 'exist', 'exists', 'existsBy', 'sum', 'average', 'minimum', 'maximum', 'query',
  ],
  write: [
    'save', 'insert', 'update', 'updateAll', 'upsert', 'delete', 'deleteAll', 'remove', 'softDelete', 'softRemove', 'restore',
    'recover', 'increment', 'decrement', 'clear',
  ],
} as const satisfies Record<QueryAccess, readonly string[]>;

/**
 * TypeORM `Repository.create` / `merge` / `preload`-less builders: they build entity objects without
 * touching the database. A hand-written repository's `create` does; untyped, we only count these
 * when the result is awaited.
 */
export const SYNC_ENTITY_BUILDERS = ['create', 'merge'] as const;

/** Query-builder terminal methods: TypeORM `SelectQueryBuilder`, MikroORM `QueryBuilder`. */
export const QUERY_BUILDER_TERMINALS = {
  read: ['getMany', 'getOne', 'getOneOrFail', 'getRawMany', 'getRawOne', 'getManyAndCount', 'getRawAndEntities', 'getCount', 'getExists', 'stream', 'getResultList', 'getSingleResult', 'getResult'],
  write: ['execute'],
} as const satisfies Record<QueryAccess, readonly string[]>;

/**
 * TypeORM query-builder steps that take SQL text as a part of the builder's query, beside the raw-expression
 * steps every builder has (`KNEX_METHODS.fragmentSteps`): joins that also select or map, common table
 * expressions, and added sources, orders and groups (https://typeorm.io/select-query-builder).
 */
export const QUERY_BUILDER_TEXT_STEPS = [
  'leftJoinAndSelect', 'innerJoinAndSelect', 'leftJoinAndMapOne', 'leftJoinAndMapMany', 'innerJoinAndMapOne', 'innerJoinAndMapMany',
  'addCommonTableExpression', 'addFrom', 'addOrderBy', 'addGroupBy',
] as const;

/** Sequelize static model methods (https://sequelize.org/api/v6/class/src/model.js~model). */
export const SEQUELIZE_MODEL_METHODS = {
  read: ['findAll', 'findOne', 'findByPk', 'findAndCountAll', 'count', 'max', 'min', 'sum', 'aggregate'],
  write: ['create', 'bulkCreate', 'update', 'destroy', 'upsert', 'increment', 'decrement', 'truncate', 'restore', 'findOrCreate', 'findCreateFind'],
} as const satisfies Record<QueryAccess, readonly string[]>;

/** Mongoose `Model` statics (https://mongoosejs.com/docs/api/model.html). */
export const MONGOOSE_MODEL_METHODS = {
  read: [
    'find', 'findOne', 'findById', 'countDocuments', 'estimatedDocumentCount', 'exists', 'aggregate', 'distinct', 'where', 'watch',
  ],
  write: [
    'create', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'findByIdAndUpdate',
    'findByIdAndDelete', 'findByIdAndRemove', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'findOneAndRemove', 'bulkWrite', 'bulkSave',
  ],
} as const satisfies Record<QueryAccess, readonly string[]>;

/**
 * The methods of a Mongoose document that go to the database (https://mongoosejs.com/docs/api/document.html):
 * the rest (`set`, `get`, `toObject`, `markModified`, `validateSync`, `$set`) work on the object in memory.
 */
export const MONGOOSE_DOCUMENT_QUERIES = ['save', 'deleteOne', 'updateOne', 'replaceOne', 'remove', 'populate'] as const;

/** Mongoose types whose methods configure rather than query: the schema, its paths, the library object (`mongoose.set('strictQuery', …)`). */
export const MONGOOSE_CONFIGURATION_TYPES = ['Schema', 'SchemaType', 'Mongoose', 'VirtualType', 'Connection'] as const;

/** Mongoose's module-level functions that set the library up (`mongoose.set('strictQuery', true)`), declared outside any type. */
export const MONGOOSE_MODULE_SETTINGS = ['set', 'get', 'plugin'] as const;

/** MongoDB driver `Collection` methods, reached through `db.collection('x')`. */
export const MONGODB_COLLECTION_METHODS = {
  read: ['find', 'findOne', 'countDocuments', 'estimatedDocumentCount', 'aggregate', 'distinct'],
  write: [
    'insertOne', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndUpdate',
    'findOneAndDelete', 'findOneAndReplace', 'bulkWrite',
  ],
} as const satisfies Record<QueryAccess, readonly string[]>;

/** Instance methods of active-record documents (Mongoose `Document`, Sequelize instance, TypeORM `BaseEntity`); awaited only. */
export const ACTIVE_RECORD_INSTANCE_METHODS = {
  read: ['reload'],
  write: ['save', 'destroy', 'softRemove', 'recover'],
} as const satisfies Record<QueryAccess, readonly string[]>;

/** MikroORM `EntityManager` / `EntityRepository` (https://mikro-orm.io/api/core/class/EntityManager). */
export const MIKRO_ORM_METHODS = {
  read: ['find', 'findOne', 'findOneOrFail', 'findAll', 'findAndCount', 'findByCursor', 'count', 'populate', 'refresh'],
  write: [
    'persistAndFlush', 'removeAndFlush', 'flush', 'nativeInsert', 'nativeUpdate', 'nativeDelete', 'upsert', 'upsertMany', 'insert', 'insertMany',
  ],
} as const satisfies Record<QueryAccess, readonly string[]>;

/** Kysely entry points (https://kysely-org.github.io/kysely-apidoc/classes/Kysely.html) and their executors. */
export const KYSELY_METHODS = {
  read: ['selectFrom'],
  write: ['insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto'],
  executors: ['execute', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'stream'],
} as const;

/** Drizzle (https://orm.drizzle.team/docs/select): `db.select().from(t)`, `db.insert(t).values()`, `db.query.t.findMany()`. */
export const DRIZZLE_METHODS = {
  read: ['select', 'selectDistinct', 'selectDistinctOn', '$count'],
  write: ['insert', 'update', 'delete'],
  relationalQuery: ['findMany', 'findFirst'],
  /** The step that must follow the entry for a chain to be Drizzle's. */
  followers: { select: 'from', selectDistinct: 'from', selectDistinctOn: 'from', insert: 'values', update: 'set' },
} as const;

/** Knex (https://knexjs.org/guide/query-builder.html). */
export const KNEX_METHODS = {
  /** Builders started on the client object: `knex.select(…)`, `knex.from('t')`. */
  entries: ['select', 'from', 'table', 'insert', 'into', 'with', 'withRecursive', 'raw', 'queryBuilder'],
  write: ['insert', 'update', 'del', 'delete', 'truncate', 'upsert', 'increment', 'decrement', 'onConflict'],
  /**
   * Builder steps that take a raw expression as a column, table, condition, value or binding
   * (https://knexjs.org/guide/raw.html: "raw expressions can be used in … select, where, join, …"):
   * a `knex.raw(…)` given to one becomes part of that query. Steps of the `where`, `having`, `on`
   * and join families are matched by their prefix (`whereIn`, `orWhereRaw`, `andOn`, `leftOuterJoin`).
   */
  fragmentSteps: [
    'select', 'column', 'columns', 'as', 'from', 'fromRaw', 'into', 'table', 'with', 'withRecursive', 'withMaterialized', 'distinct', 'distinctOn',
    'orderBy', 'orderByRaw', 'groupBy', 'groupByRaw', 'union', 'unionAll', 'intersect', 'except', 'insert', 'upsert', 'update', 'merge', 'returning',
    'onConflict', 'increment', 'decrement', 'count', 'countDistinct', 'min', 'max', 'sum', 'sumDistinct', 'avg', 'avgDistinct', 'first', 'pluck',
    'raw', 'joinRaw', 'addSelect', 'modify',
  ],
  fragmentStepPrefixes: ['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving', 'on', 'andOn', 'orOn'],
  /** Schema builder statements (https://knexjs.org/guide/schema-builder.html): `knex.schema.alterTable(…)`. */
  schema: [
    'createTable', 'createTableIfNotExists', 'createTableLike', 'alterTable', 'table', 'dropTable', 'dropTableIfExists', 'renameTable', 'createSchema',
    'createSchemaIfNotExists', 'dropSchema', 'dropSchemaIfExists', 'createView', 'createViewOrReplace', 'alterView', 'dropView', 'dropViewIfExists',
    'createMaterializedView', 'refreshMaterializedView', 'dropMaterializedView', 'dropMaterializedViewIfExists',
  ],
} as const;

/** Driver-level raw calls: node-postgres, mysql2, Sequelize, TypeORM, MikroORM. */
export const RAW_QUERY_METHODS = ['query', 'execute', 'raw', 'exec', 'none', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any'] as const;

/** better-sqlite3 (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md): `db.prepare(sql).get/all/run/iterate`. */
export const SQLITE_STATEMENT_METHODS = {
  read: ['get', 'all', 'iterate', 'pluck'],
  write: ['run'],
} as const;

/** Receiver names that hold a DB client or transaction by convention (name parts, case-insensitive). */
export const DB_CLIENT_NAMES = [
  'db', 'database', 'prisma', 'tx', 'trx', 'transaction', 'knex', 'pool', 'conn', 'connection', 'sequelize', 'pg', 'mysql',
  'sqlite', 'drizzle', 'kysely', 'orm', 'em', 'manager', 'entityManager', 'dataSource', 'queryRunner', 'sql',
] as const;

/** Names that hold a Prisma client (by name part); `tx` inside `$transaction(async (tx) => …)`. */
export const PRISMA_CLIENT_NAMES = ['prisma', 'db', 'tx', 'trx', 'transaction', 'client', 'dbClient', 'prismaService', 'prismaClient'] as const;

/** Receiver suffixes/names that hold a repository or DAO by convention. */
export const REPOSITORY_NAME_PATTERNS = ['*Repository', '*repository', '*Repo', '*repo', '*Dao', '*dao', '*DAO', 'repo', 'repository', 'dao'] as const;

/** Names of objects that hold Mongoose/Sequelize models when not PascalCase (`this.userModel`, `models.User`). */
export const MODEL_NAME_PATTERNS = ['*Model', '*model'] as const;
export const MODEL_CONTAINER_NAMES = ['models', 'db', 'sequelize'] as const;

/**
 * PascalCase globals and well-known objects whose static methods share names with ORM methods
 * (`Object.create`, `Math.max`, `Array.from`): never a model.
 */
export const NOT_MODEL_GLOBALS = [
  'Object', 'Array', 'Promise', 'Math', 'JSON', 'Reflect', 'Date', 'Number', 'String', 'Symbol', 'Boolean', 'BigInt', 'Buffer',
  'Intl', 'Proxy', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Error', 'URL', 'URLSearchParams', 'RegExp', 'Atomics', 'Function',
  'AbortSignal', 'Temporal', 'Iterator', 'Uint8Array', 'ArrayBuffer', 'DataView', 'WebAssembly',
] as const;

/** npm packages whose declarations mark a call as a DB query in typed mode, and the library they are. */
export const DB_PACKAGES = {
  '@prisma/client': 'prisma',
  '.prisma/client': 'prisma',
  prisma: 'prisma',
  typeorm: 'typeorm',
  sequelize: 'sequelize',
  'sequelize-typescript': 'sequelize',
  knex: 'knex',
  'drizzle-orm': 'drizzle',
  kysely: 'kysely',
  mongoose: 'mongoose',
  mongodb: 'mongodb',
  '@mikro-orm/core': 'mikro-orm',
  '@mikro-orm/knex': 'mikro-orm',
  '@mikro-orm/sql': 'mikro-orm',
  '@mikro-orm/postgresql': 'mikro-orm',
  '@mikro-orm/mysql': 'mikro-orm',
  '@mikro-orm/sqlite': 'mikro-orm',
  '@mikro-orm/mongodb': 'mikro-orm',
  pg: 'pg',
  'pg-promise': 'pg',
  postgres: 'pg',
  mysql2: 'mysql2',
  mysql: 'mysql2',
  'better-sqlite3': 'better-sqlite3',
  sqlite: 'better-sqlite3',
  sqlite3: 'better-sqlite3',
  '@nestjs/typeorm': 'typeorm',
  '@nestjs/mongoose': 'mongoose',
  '@nestjs/sequelize': 'sequelize',
} as const satisfies Record<string, DbLibrary>;

/** Client modules: importing them into a controller means DB access there. */
export const DB_CLIENT_MODULES = Object.keys(DB_PACKAGES);

/** Property names whose value carries a collection in a query argument: Prisma `in`, Mongo `$in`. */
export const BATCH_OPERATOR_KEYS = ['in', '$in', 'hasSome', 'hasEvery', '$all', 'notIn', '$nin'] as const;
/** Calls whose result is a collection condition: TypeORM `In(ids)`, Drizzle `inArray(col, ids)`, Sequelize `Op.in`. */
export const BATCH_OPERATOR_CALLS = ['In', 'inArray', 'Any', 'ArrayContains', 'ArrayOverlap'] as const;
/** Methods that are batched by construction. */
export const BATCH_METHODS = [
  'whereIn', 'orWhereIn', 'whereInIds', 'andWhereInIds', 'orWhereInIds', 'findByIds', 'bulkCreate', 'insertMany', 'createMany',
  'createManyAndReturn', 'upsertMany', 'bulkWrite', 'bulkSave', 'batchInsert', 'whereInArray',
] as const;
/** Keys and methods that bound a query to a page. */
export const PAGINATION_KEYS = ['take', 'skip', 'limit', 'offset', 'cursor', 'first', 'after', 'before', 'last', 'perPage', 'pageSize'] as const;
export const PAGINATION_METHODS = ['limit', 'offset', 'take', 'skip', 'paginate', 'page', 'forPage', 'cursor', 'after', 'before'] as const;

/** Prisma's dataloader batches `findUnique` calls made in the same tick (https://www.prisma.io/docs/orm/prisma-client/queries/query-optimization-performance#solving-n1-in-graphql-with-findunique-and-prisma-clients-dataloader). */
export const PRISMA_TICK_BATCHED_METHODS = ['findUnique', 'findUniqueOrThrow'] as const;

/**
 * Methods that make a write idempotent by resolving a conflict on a unique key, so that running it
 * twice leaves one row: Prisma / TypeORM / Sequelize / MikroORM `upsert`, Sequelize `findOrCreate`,
 * Drizzle `onConflictDoNothing` / `onConflictDoUpdate` / `onDuplicateKeyUpdate`, Knex and Kysely
 * `onConflict(…)` (`.ignore()`, `.merge()`, `oc.doNothing()`), TypeORM query builder `orIgnore()` /
 * `orUpdate()`. Mongoose / MongoDB updates with `{ upsert: true }` count too (see `isIdempotentWrite`).
 */
export const IDEMPOTENT_WRITE_METHODS = [
  'upsert', 'upsertMany', 'findOrCreate', 'findOneOrCreate', 'onConflictDoNothing', 'onConflictDoUpdate', 'onDuplicateKeyUpdate', 'onConflict',
  'orIgnore', 'orUpdate', 'insertOrIgnore', 'createOrIgnore',
] as const satisfies readonly string[];

/**
 * Parameter decorators that inject a DB client or an ORM repository: @nestjs/typeorm
 * (https://docs.nestjs.com/techniques/database#repository-pattern) `InjectRepository`,
 * `InjectDataSource`, `InjectEntityManager`; @nestjs/mongoose and @nestjs/sequelize `InjectModel`,
 * `InjectConnection`; @mikro-orm/nestjs `InjectRepository`, `InjectEntityManager`; nest-knexjs
 * `InjectKnex` / `InjectConnection`; community Drizzle and Kysely modules.
 */
export const DB_INJECTION_DECORATORS = [
  'InjectRepository', 'InjectDataSource', 'InjectEntityManager', 'InjectConnection', 'InjectModel', 'InjectKnex', 'InjectDrizzle',
  'InjectKysely', 'InjectPool', 'InjectEntityModel', 'InjectClient', 'InjectPrisma', 'InjectMikroORM',
] as const;

/** Type names that are DB clients whatever module they come from (`PrismaClient`, TypeORM `EntityManager`). */
export const DB_CLIENT_TYPE_NAMES = [
  'PrismaClient', 'PrismaService', 'EntityManager', 'DataSource', 'QueryRunner', 'Knex', 'Kysely', 'Sequelize', 'MikroORM', 'MongoClient',
  'NodePgDatabase', 'PostgresJsDatabase', 'MySql2Database', 'BetterSQLite3Database', 'LibSQLDatabase', 'DrizzleService', 'KnexService',
] as const;

/** Type names that are DB clients only when imported from a DB package (`Pool` from `pg`, `Model` from `mongoose`). */
export const DB_CLIENT_AMBIGUOUS_TYPE_NAMES = [
  'Pool', 'PoolClient', 'Client', 'Connection', 'PoolConnection', 'Db', 'Database', 'Collection', 'Model', 'ModelStatic', 'Transaction', 'Sql',
  'EntityRepository', 'MongoRepository', 'TreeRepository',
] as const;
