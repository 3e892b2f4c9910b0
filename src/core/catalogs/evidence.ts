/**
 * Vocabulary of the untyped evidence (SPEC §3 "Evidence before names"): which modules, base
 * classes, decorators, factories and types show that a name is a model, a repository or a DB
 * client — and which show that it is not.
 */

/** Path words (folder or file-name part) of a local module that holds data access: models, entities, repositories, the DB client. */
export const DATA_MODULE_WORDS = [
  'model', 'models', 'entity', 'entities', 'schema', 'schemas', 'repository', 'repositories', 'repo', 'repos', 'dao', 'daos', 'db',
  'database', 'databases', 'persistence', 'prisma', 'orm', 'sequelize', 'typeorm', 'mongoose', 'mongo', 'knex', 'drizzle', 'kysely',
  'store', 'stores', 'datasource', 'data-source', 'collections', 'tables',
] as const;

/**
 * Path words of a local module that holds no data access of its own: commands, DTOs, events,
 * requests and responses, validators, enums, constants, errors, value objects. A PascalCase name
 * imported from one (`CreateUserCommand.create(dto)`) is a factory, not a model.
 */
export const NOT_DATA_MODULE_WORDS = [
  'command', 'commands', 'dto', 'dtos', 'event', 'events', 'request', 'requests', 'response', 'responses', 'validator', 'validators',
  'validation', 'enum', 'enums', 'constant', 'constants', 'error', 'errors', 'exception', 'exceptions', 'value-object', 'value-objects',
  'valueobject', 'valueobjects', 'vo', 'input', 'inputs', 'args', 'payload', 'payloads', 'mapper', 'mappers', 'serializer', 'serializers',
  'factory', 'factories', 'builder', 'builders', 'presenter', 'presenters', 'view', 'views', 'config', 'configs', 'i18n', 'locale', 'locales',
] as const;

/** Class-name suffixes of objects that are not models: `CreateUserCommand`, `UserDto`, `OrderPlacedEvent`. */
export const NOT_DATA_CLASS_SUFFIXES = [
  'Command', 'Dto', 'DTO', 'Event', 'Request', 'Response', 'Input', 'Args', 'Payload', 'Error', 'Exception', 'Vo', 'VO', 'ValueObject',
  'Builder', 'Factory', 'Mapper', 'Serializer', 'Presenter', 'View', 'Validator', 'Schema', 'Config', 'Options', 'Params', 'Props',
  'Enum', 'Type', 'Types', 'Util', 'Utils', 'Helper', 'Helpers', 'Handler', 'Service', 'Controller', 'Guard', 'Module', 'Client', 'Api',
] as const;

/** Base classes of models and active records (Sequelize, sequelize-typescript, TypeORM `BaseEntity`, Objection, MikroORM). */
export const MODEL_BASE_CLASSES = ['Model', 'BaseEntity', 'BaseModel'] as const;

/** Class decorators of models and entities (TypeORM / MikroORM `@Entity`, sequelize-typescript `@Table`, NestJS Mongoose `@Schema`, Typegoose `@modelOptions`). */
export const MODEL_CLASS_DECORATORS = ['Entity', 'Table', 'Schema', 'modelOptions', 'ViewEntity'] as const;

/** Calls whose result is a model: `mongoose.model('User', schema)`, `sequelize.define('user', …)`, `getModelForClass(User)`. */
export const MODEL_FACTORIES = ['model', 'define', 'getModelForClass', 'getModel'] as const;

/** Calls and constructors whose result is a DB client (SPEC issue "Layers from behaviour"). */
export const DB_CLIENT_FACTORIES = [
  'PrismaClient', 'knex', 'Knex', 'Pool', 'Client', 'drizzle', 'Sequelize', 'createPool', 'createConnection', 'Kysely', 'MongoClient',
  'postgres', 'Database', 'DataSource', 'MikroORM', 'pgp', 'createClient',
] as const;

/** Calls whose result is a TypeORM / MikroORM repository: `dataSource.getRepository(User)`. */
export const ORM_REPOSITORY_FACTORIES = ['getRepository', 'getCustomRepository', 'getTreeRepository', 'getMongoRepository', 'getEntityRepository'] as const;

/** Type names of ORM repositories and models, when imported from a DB package (or unresolved). */
export const ORM_REPOSITORY_TYPES = ['Repository', 'EntityRepository', 'MongoRepository', 'TreeRepository', 'SqlEntityRepository'] as const;
export const ORM_MODEL_TYPES = ['Model', 'ModelStatic', 'ModelCtor', 'ModelType', 'ReturnModelType', 'PaginateModel', 'SoftDeleteModel', 'AggregatePaginateModel'] as const;

/**
 * Type names of query-builder clients (Knex, Kysely, Drizzle): their methods build a query that runs
 * when awaited (`knex.count('id').from('t')`); none is an entity manager's `count(Entity)`.
 */
export const QUERY_BUILDER_CLIENT_TYPES = [
  'Knex', 'KnexService', 'Kysely', 'NodePgDatabase', 'PostgresJsDatabase', 'MySql2Database', 'BetterSQLite3Database', 'LibSQLDatabase', 'DrizzleService',
] as const;

/** In-memory collections: a `Map` named `cache` or `users` is no cache store and no table. */
export const IN_MEMORY_COLLECTIONS = ['Map', 'WeakMap', 'Set', 'WeakSet', 'Array', 'Record', 'ReadonlyMap', 'ReadonlyArray', 'LRUMap'] as const;

/** Type-name suffixes of the project's own data access objects: `IUserStore`, `UserRepositoryPort`. */
export const REPOSITORY_TYPE_SUFFIXES = ['Repository', 'Repo', 'Dao', 'DAO', 'Store', 'RepositoryPort', 'RepositoryInterface'] as const;

/** Model statics that return rows (active records): `User.findByPk(id)`, `Order.build(…)`, `Doc.find(filter)` iterated. */
export const MODEL_INSTANCE_FACTORIES = [
  'find', 'findAll', 'findBy', 'findOne', 'findByPk', 'findById', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'create', 'build', 'findOrCreate', 'findOrBuild',
] as const;
