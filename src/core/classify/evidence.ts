import { DB_CLIENT_AMBIGUOUS_TYPE_NAMES, DB_CLIENT_TYPE_NAMES, DB_INJECTION_DECORATORS, DB_PACKAGES, REPOSITORY_NAME_PATTERNS, type DbLibrary } from '../catalogs/db-clients.js';
import {
  DATA_MODULE_WORDS,
  DB_CLIENT_FACTORIES,
  IN_MEMORY_COLLECTIONS,
  MODEL_INSTANCE_FACTORIES,
  MODEL_BASE_CLASSES,
  MODEL_CLASS_DECORATORS,
  MODEL_FACTORIES,
  NOT_DATA_CLASS_SUFFIXES,
  NOT_DATA_MODULE_WORDS,
  ORM_MODEL_TYPES,
  ORM_REPOSITORY_FACTORIES,
  ORM_REPOSITORY_TYPES,
  QUERY_BUILDER_CLIENT_TYPES,
  REPOSITORY_TYPE_SUFFIXES,
} from '../catalogs/evidence.js';
import type { BindingFact } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { matchesNamePattern, packageNameOf } from './names.js';

/**
 * What the file's own evidence says a receiver is (SPEC §3 "Evidence before names"):
 * - `db-client`: a DB client or transaction (`new PrismaClient()`, `knex(…)`, a `Pool` from `pg`,
 *   a parameter typed `EntityManager`);
 * - `model`: an ORM model (a class extending Sequelize `Model`, `@Entity()`, `mongoose.model(…)`,
 *   `@InjectModel(…) model: Model<User>`, a PascalCase import from a models/entities module);
 * - `orm-repository`: a TypeORM / MikroORM repository (`@InjectRepository(User)`, `Repository<User>`);
 * - `repository`: the project's own data access object (`users: UserRepository`, `new InvoiceDao(db)`,
 *   `store: IUserStore`), whatever the variable is called;
 * - `not-data`: proven not to be data access (an enum, a `Map`, an import from a package that is no
 *   DB library, a command / DTO / event class, a class extending a non-ORM base);
 * - `unknown`: the file does not say; untyped rules fall back to names only where no look-alike is
 *   plausible, and typed mode decides.
 */
export type ReceiverRole = 'db-client' | 'model' | 'orm-repository' | 'repository' | 'not-data' | 'unknown';

export interface ReceiverEvidence {
  readonly role: ReceiverRole;
  /** For messages: `constructor parameter typed UserRepository`, `import from './models/user'`. */
  readonly evidence?: string;
  /** `db-client` typed as a query-builder client (`Knex`, `Kysely`, see `QUERY_BUILDER_CLIENT_TYPES`): no entity manager. */
  readonly queryBuilder?: boolean;
}

const UNKNOWN: ReceiverEvidence = { role: 'unknown' };

/** A file's import of one local name, as both adapters record it for `BindingFact`s. */
export interface ImportedName {
  readonly source: string;
  /**
   * A bare specifier that is the project's own module (core `projectModuleSpecifier`: a tsconfig
   * path alias, a workspace package), as the relative path it stands for. Bindings are judged by it.
   */
  readonly projectSource?: string;
  /** The exported name (`default`, `*` for a namespace import). */
  readonly importedName: string;
  readonly typeOnly: boolean;
}

/** The names a file imports and the types it declares: what a `BindingFact`'s sources are read from. */
export interface FileNames {
  readonly imports: ReadonlyMap<string, ImportedName>;
  /** Classes, interfaces, enums and type aliases declared at the file's top level. */
  readonly localTypes: ReadonlySet<string>;
}

/** The binding of an imported name. */
export function importBinding(info: ImportedName): BindingFact {
  return { kind: 'import', length: 1, source: info.projectSource ?? info.source, importedName: info.importedName, ...(info.typeOnly ? { typeOnly: true } : {}) };
}

/** The binding of a class declared in the file: its base class (dotted, `''` for none) and where that comes from, its decorators. */
export function classBinding(base: string, names: FileNames, classDecorators: readonly string[]): BindingFact {
  const extendsSource = base === '' ? undefined : sourceOfName(base, names);
  return {
    kind: 'class',
    length: 1,
    ...(base === '' ? {} : { extendsName: base }),
    ...(extendsSource === undefined ? {} : { extendsSource }),
    ...(classDecorators.length > 0 ? { classDecorators } : {}),
  };
}

/** Where a (dotted) name comes from in its file: the module its root is imported from, `local`, or undefined. */
export function sourceOfName(name: string, names: FileNames): string | undefined {
  const root = name.split('.')[0] ?? name;
  const imported = names.imports.get(root);
  if (imported !== undefined) return imported.projectSource ?? imported.source;
  return names.localTypes.has(root) ? 'local' : undefined;
}

/**
 * The name a type is declared under, for a type written as `full` in a file with these names: the
 * last segment (`Nest.JwtService` → `JwtService`), or the exported name of a named import the file
 * renamed (`import { JwtService as Jwt }` → `JwtService`), so what the declaring module calls it decides.
 */
export function declaredTypeName(full: string, names: FileNames): string {
  if (!full.includes('.')) {
    const imported = names.imports.get(full)?.importedName;
    if (imported !== undefined && imported !== 'default' && imported !== '*') return imported;
  }
  return full.slice(full.lastIndexOf('.') + 1);
}

const isLocalSpecifier = (source: string): boolean => packageNameOf(source) === undefined;

const librariesPerFile = new WeakMap<FileNames, readonly DbLibrary[]>();

/**
 * The database libraries a file imports from, types included (`import { Transaction } from
 * 'sequelize'` → sequelize), sorted: the file's evidence of which library its models belong to
 * (`ChainFact.fileLibraries`). Judged once per file: both adapters share one `FileNames` per file.
 */
export function importedDbLibraries(names: FileNames): readonly DbLibrary[] {
  let libraries = librariesPerFile.get(names);
  if (libraries === undefined) {
    const found = new Set<DbLibrary>();
    for (const { source } of names.imports.values()) {
      const name = packageNameOf(source);
      if (name !== undefined && Object.hasOwn(DB_PACKAGES, name)) found.add(DB_PACKAGES[name as keyof typeof DB_PACKAGES]);
    }
    libraries = [...found].sort();
    librariesPerFile.set(names, libraries);
  }
  return libraries;
}

function isDbPackage(source: string | undefined): boolean {
  const name = packageNameOf(source);
  return name !== undefined && Object.hasOwn(DB_PACKAGES, name);
}

/** The words of a module path: folders and the parts of the file name (`../users/user.model` → users, user, model). */
function pathWords(source: string): string[] {
  return source
    .toLowerCase()
    .replace(/\.(?:[cm]?[jt]sx?)$/, '')
    .split(/[\\/]/)
    .filter((piece) => piece !== '.' && piece !== '..' && piece !== '' && piece !== '@' && piece !== '~')
    .flatMap((piece) => [piece, ...piece.split(/[.\-_]/)]);
}

/**
 * What a local module's path says about it: `data` for models, entities, schemas, repositories and
 * DB clients (`./models/user`, `../db`, `user.entity`), `not-data` for commands, DTOs, events,
 * enums, errors (`./commands/create-user.command`), otherwise undefined. The file name decides
 * before the folders: `models/user.dto` is a DTO.
 */
export function localModuleKind(source: string): 'data' | 'not-data' | undefined {
  if (!isLocalSpecifier(source)) return undefined;
  const pieces = source.toLowerCase().replace(/\.(?:[cm]?[jt]sx?)$/, '').split(/[\\/]/);
  const file = pieces[pieces.length - 1] ?? '';
  const fileWords = file.split(/[.\-_]/).slice(1);
  for (const word of fileWords.reverse()) {
    if ((NOT_DATA_MODULE_WORDS as readonly string[]).includes(word)) return 'not-data';
    if ((DATA_MODULE_WORDS as readonly string[]).includes(word)) return 'data';
  }
  const words = pathWords(source);
  // The innermost folder that says something decides: `models/dto/x` is a DTO.
  for (let index = words.length - 1; index >= 0; index -= 1) {
    const word = words[index] ?? '';
    if ((NOT_DATA_MODULE_WORDS as readonly string[]).includes(word)) return 'not-data';
    if ((DATA_MODULE_WORDS as readonly string[]).includes(word)) return 'data';
  }
  return undefined;
}

/** A module of models or entities (`./user.entity`, `../models/user`), not of repositories or the DB client. */
function isModelModule(source: string): boolean {
  return localModuleKind(source) === 'data' && pathWords(source).some((word) => /^(?:models?|entit(?:y|ies)|schemas?)$/.test(word));
}

const lastPart = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

function endsWithAny(name: string, suffixes: readonly string[]): boolean {
  return suffixes.some((suffix) => name.length > suffix.length && name.endsWith(suffix));
}

/** A class name that says it is no model: `CreateUserCommand`, `UserDto`, `OrderPlacedEvent`. */
export function isNotDataClassName(name: string): boolean {
  return endsWithAny(name, NOT_DATA_CLASS_SUFFIXES);
}

function isRepositoryTypeName(name: string, settings: BackendPatternsSettings): boolean {
  return (
    endsWithAny(name, REPOSITORY_TYPE_SUFFIXES) ||
    settings.db.repositoryNames.some((pattern) => matchesNamePattern(name, pattern)) ||
    REPOSITORY_NAME_PATTERNS.some((pattern) => /^[A-Z*]/.test(pattern) && matchesNamePattern(name, pattern))
  );
}

function fromDecorators(decorators: readonly string[] | undefined): ReceiverEvidence | undefined {
  const names = (decorators ?? []).map(lastPart);
  if (names.includes('InjectRepository') || names.includes('InjectEntityRepository')) return { role: 'orm-repository', evidence: `@${names.includes('InjectRepository') ? 'InjectRepository' : 'InjectEntityRepository'}` };
  if (names.includes('InjectModel') || names.includes('InjectEntityModel')) return { role: 'model', evidence: '@InjectModel' };
  const client = names.find((name) => (DB_INJECTION_DECORATORS as readonly string[]).includes(name));
  return client === undefined ? undefined : { role: 'db-client', evidence: `@${client}` };
}

function fromType(binding: BindingFact, settings: BackendPatternsSettings, where: string): ReceiverEvidence | undefined {
  const typeName = binding.typeName;
  if (typeName === undefined || typeName === '') return undefined;
  const source = binding.typeSource;
  const dbPackage = isDbPackage(source);
  const external = source !== undefined && source !== 'local' && !isLocalSpecifier(source);
  const typed = `${where} typed ${typeName}${binding.typeArguments !== undefined && binding.typeArguments.length > 0 ? `<${binding.typeArguments.join(', ')}>` : ''}`;
  if ((IN_MEMORY_COLLECTIONS as readonly string[]).includes(typeName) && !dbPackage) return { role: 'not-data', evidence: typed };
  if ((ORM_REPOSITORY_TYPES as readonly string[]).includes(typeName) && (dbPackage || source === undefined)) return { role: 'orm-repository', evidence: typed };
  if ((ORM_MODEL_TYPES as readonly string[]).includes(typeName) && (dbPackage || (source === undefined && typeName !== 'Model'))) return { role: 'model', evidence: typed };
  if ((QUERY_BUILDER_CLIENT_TYPES as readonly string[]).includes(typeName)) return { role: 'db-client', evidence: typed, queryBuilder: true };
  if ((DB_CLIENT_TYPE_NAMES as readonly string[]).includes(typeName) || settings.db.clientNames.includes(typeName)) return { role: 'db-client', evidence: typed };
  if ((DB_CLIENT_AMBIGUOUS_TYPE_NAMES as readonly string[]).includes(typeName) && dbPackage) return { role: 'db-client', evidence: typed };
  if (dbPackage) return undefined;
  if (external) return { role: 'not-data', evidence: `${typed} from '${source}'` };
  if (isRepositoryTypeName(typeName, settings)) return { role: 'repository', evidence: typed };
  // A row of an entity / model class imported from the project's data modules (`user: User` from './user.entity').
  if (source !== undefined && source !== 'local' && isModelModule(source) && /^[A-Z]/.test(typeName) && !isNotDataClassName(typeName)) return { role: 'model', evidence: typed };
  return undefined;
}

function fromInitializer(binding: BindingFact, settings: BackendPatternsSettings, where: string): ReceiverEvidence | undefined {
  const init = binding.initializer;
  if (init === undefined) return undefined;
  const name = lastPart(init.name);
  const text = init.kind === 'new' ? `new ${init.name}(…)` : `${init.name}(…)`;
  const evidence = `${where} ${text}`;
  const dbPackage = isDbPackage(init.source);
  if (init.kind === 'new' && (IN_MEMORY_COLLECTIONS as readonly string[]).includes(name)) return { role: 'not-data', evidence };
  if ((ORM_REPOSITORY_FACTORIES as readonly string[]).includes(name)) return { role: 'orm-repository', evidence };
  if (init.kind === 'call' && (MODEL_FACTORIES as readonly string[]).includes(name) && (dbPackage || init.name.includes('.') || name === 'getModelForClass')) {
    return { role: 'model', evidence };
  }
  if ((DB_CLIENT_FACTORIES as readonly string[]).includes(name) && (dbPackage || init.source === undefined || (DB_CLIENT_TYPE_NAMES as readonly string[]).includes(name) || name === 'knex' || name === 'drizzle')) {
    if (name === 'createClient' && !dbPackage) return undefined;
    return { role: 'db-client', evidence };
  }
  if (init.kind === 'new' && isRepositoryTypeName(name, settings)) return { role: 'repository', evidence };
  // A row loaded or built through a model: `await User.findByPk(id)`, `Order.build(…)`, `new User(…)` of a model import.
  const receiver = init.name.includes('.') ? init.name.slice(0, init.name.lastIndexOf('.')) : '';
  if (init.kind === 'call' && /^[A-Z][A-Za-z\d]*$/.test(receiver) && !isNotDataClassName(receiver) && (MODEL_INSTANCE_FACTORIES as readonly string[]).includes(name) && (init.source === undefined || localModuleKind(init.source) === 'data')) {
    return { role: 'model', evidence };
  }
  if (init.kind === 'new' && init.source !== undefined && !isLocalSpecifier(init.source) && !dbPackage) return { role: 'not-data', evidence: `${evidence} from '${init.source}'` };
  return undefined;
}

function fromImport(binding: BindingFact, name: string, settings: BackendPatternsSettings): ReceiverEvidence {
  const source = binding.source ?? '';
  const evidence = `import from '${source}'`;
  if (isDbPackage(source)) {
    // `import { Role } from '@prisma/client'` is an enum or a type; Prisma models are reached through the client.
    const packageName = packageNameOf(source);
    if (packageName === '@prisma/client' || packageName === '.prisma/client') return binding.importedName === 'PrismaClient' ? { role: 'db-client', evidence } : { role: 'not-data', evidence };
    return UNKNOWN;
  }
  if (!isLocalSpecifier(source)) return { role: 'not-data', evidence };
  // A class whose name says it is a message or a helper (`StoreValuesCommand`, `UserDto`) is no model,
  // whatever words its module's path holds (`./usecases/store-values`).
  if (/^[A-Z]/.test(name) && isNotDataClassName(name)) return { role: 'not-data', evidence: `${evidence}, named as no model` };
  const kind = localModuleKind(source);
  if (kind === 'not-data') return { role: 'not-data', evidence };
  if (kind !== 'data') return UNKNOWN;
  // From a data module: a PascalCase class is a model (`User` from './models/user'); an instance is
  // a repository when its name says so (`userRepository` from './repositories'); a client
  // (`db` from '../db') keeps being judged by its name.
  if (/^[A-Z]/.test(name)) return isRepositoryTypeName(name, settings) ? UNKNOWN : { role: 'model', evidence };
  // `getRepository` re-exported by the project's data module: the ORM's factory of an entity's generic repository
  // (`getRepository(Post).find()` is the ORM itself), no repository. A factory of the project's own
  // (`createUserRepository(db)`) builds its repository layer and keeps judging by its name.
  if ((ORM_REPOSITORY_FACTORIES as readonly string[]).includes(binding.importedName ?? name)) return UNKNOWN;
  return REPOSITORY_NAME_PATTERNS.some((pattern) => matchesNamePattern(name, pattern)) ? { role: 'repository', evidence } : UNKNOWN;
}

function fromClass(binding: BindingFact): ReceiverEvidence {
  const decorators = (binding.classDecorators ?? []).map(lastPart);
  const decorator = decorators.find((name) => (MODEL_CLASS_DECORATORS as readonly string[]).includes(name));
  if (decorator !== undefined) return { role: 'model', evidence: `class decorated @${decorator}` };
  const base = binding.extendsName === undefined ? undefined : lastPart(binding.extendsName);
  if (base === undefined) return { role: 'not-data', evidence: 'local class' };
  const evidence = `class extending ${binding.extendsName ?? base}`;
  if (isDbPackage(binding.extendsSource) || (MODEL_BASE_CLASSES as readonly string[]).includes(base)) return { role: 'model', evidence };
  if (binding.extendsSource !== undefined && binding.extendsSource !== 'local' && localModuleKind(binding.extendsSource) === 'data') return { role: 'model', evidence };
  return { role: 'not-data', evidence };
}

/**
 * Judges a binding (see `ReceiverRole`). One judgement for both engines: the ESLint and the audit
 * adapters build the `BindingFact` from syntax alone, the same way.
 */
export function receiverEvidence(binding: BindingFact | undefined, name: string, settings: BackendPatternsSettings): ReceiverEvidence {
  if (binding === undefined) return UNKNOWN;
  // Adapters share one binding object per class member and variable of a file: judged once for all the chains through it.
  const known = judged.get(binding);
  if (known?.settings === settings && known.name === name) return known.value;
  const value = judgeBinding(binding, name, settings);
  judged.set(binding, { settings, name, value });
  return value;
}

const judged = new WeakMap<BindingFact, { readonly settings: BackendPatternsSettings; readonly name: string; readonly value: ReceiverEvidence }>();

function judgeBinding(binding: BindingFact, name: string, settings: BackendPatternsSettings): ReceiverEvidence {
  switch (binding.kind) {
    case 'enum':
      return { role: 'not-data', evidence: 'enum' };
    case 'function':
      return { role: 'not-data', evidence: 'local function' };
    case 'import':
      if (binding.typeOnly === true) return { role: 'not-data', evidence: 'type-only import' };
      return fromImport(binding, name, settings);
    case 'class':
      return fromClass(binding);
    case 'variable':
    case 'parameter':
    case 'field': {
      const where = binding.kind === 'field' ? 'class member' : binding.kind === 'parameter' ? 'parameter' : 'variable';
      const injected = fromDecorators(binding.decorators);
      const typed = fromType(binding, settings, where);
      // `@InjectModel('KNEX') knex: Knex` (a Knex module's token): the annotated client type says what is injected.
      if (injected?.role === 'model' && typed?.role === 'db-client') return typed;
      return injected ?? typed ?? fromInitializer(binding, settings, where) ?? UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

type InitializerFact = NonNullable<BindingFact['initializer']>;

/**
 * A variable's initialiser facts with what both adapters find of its chain (`BindingFact.initializer`):
 * the chain a called method of the class returns (`returned`), and the class member the chain starts from (`receiver`).
 */
export function withChainOrigin(initializer: InitializerFact, returned: InitializerFact | undefined, receiver: BindingFact | undefined): InitializerFact {
  return {
    ...initializer,
    ...(returned === undefined ? {} : { returned: { name: returned.name, ...(returned.calls === undefined ? {} : { calls: returned.calls }) } }),
    ...(receiver === undefined ? {} : { receiver }),
  };
}
