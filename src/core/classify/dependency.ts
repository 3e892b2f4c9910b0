import {
  DEPENDENCY_CLASSES,
  DEPENDENCY_CLASS_PATTERNS,
  DEPENDENCY_FACTORIES,
  VALUE_CLASSES,
  VALUE_CLASS_PATTERNS,
  IN_PROCESS_CACHE_PATTERNS,
  type DependencyKind,
} from '../catalogs/dependencies.js';
import type { BackendPatternsSettings } from '../settings.js';
import { matchesFileGlobs } from './log.js';
import { matchesNamePattern } from './names.js';

export type { DependencyKind } from '../catalogs/dependencies.js';

/**
 * What `new X(…)` constructs: a collaborator a service should receive (a DB client, repository,
 * other service, HTTP / mail / cache / queue client), or undefined for values (Date, Map, errors,
 * DTOs, `Logger`, anything unknown). `className` is the callee as written (`Prisma.Decimal`,
 * `PrismaClient`). Decided by name only: DB packages also export values (`Brackets`, `Schema`).
 */
export function classifyConstructedClass(className: string): DependencyKind | undefined {
  const name = className.slice(className.lastIndexOf('.') + 1);
  if ((VALUE_CLASSES as readonly string[]).includes(className) || (VALUE_CLASSES as readonly string[]).includes(name)) return undefined;
  if (VALUE_CLASS_PATTERNS.some((pattern) => matchesNamePattern(name, pattern))) return undefined;
  if (IN_PROCESS_CACHE_PATTERNS.some((pattern) => matchesNamePattern(name, pattern))) return undefined;
  if (Object.hasOwn(DEPENDENCY_CLASSES, name)) return DEPENDENCY_CLASSES[name as keyof typeof DEPENDENCY_CLASSES];
  let best: { readonly kind: DependencyKind; readonly length: number } | undefined;
  for (const [pattern, kind] of DEPENDENCY_CLASS_PATTERNS) {
    if (matchesNamePattern(name, pattern) && name !== pattern.slice(1) && (best === undefined || pattern.length > best.length)) best = { kind, length: pattern.length };
  }
  return best?.kind;
}

/** A call that opens a client: `knex(config)`, `mysql.createPool(…)`, `nodemailer.createTransport(…)`, `axios.create(…)`. */
export function classifyDependencyFactory(path: readonly string[]): DependencyKind | undefined {
  const dotted = path.join('.');
  const last = path[path.length - 1] ?? '';
  if (Object.hasOwn(DEPENDENCY_FACTORIES, dotted)) return DEPENDENCY_FACTORIES[dotted as keyof typeof DEPENDENCY_FACTORIES];
  if (last !== 'create' && Object.hasOwn(DEPENDENCY_FACTORIES, last)) return DEPENDENCY_FACTORIES[last as keyof typeof DEPENDENCY_FACTORIES];
  return undefined;
}

/**
 * Is the file a composition root (`settings.composition.files`: `main.ts`, `app.ts`, `server.ts`,
 * `*.module.ts`, `index.ts`, `container.ts`, `*.factory.ts` by default), where constructing
 * clients, repositories and services is the point? Path relative to the working directory.
 */
export function isCompositionRootFile(relativePath: string, settings: BackendPatternsSettings): boolean {
  return matchesFileGlobs(relativePath, settings.composition.files);
}

/**
 * A class whose job is to build what it uses, so constructing a client there is no missing
 * injection: infrastructure extending a DB client (`class PrismaService extends PrismaClient`),
 * adapters and providers wrapping one SDK (`S3FileService extends AbstractFileProviderService`,
 * `StripeAdapter`), and test doubles (`MockMailer`, `InMemoryUserRepository`).
 */
export function isClientOwningClass(cls: { readonly name?: string; readonly extendsName?: string }): boolean {
  const base = cls.extendsName?.slice(cls.extendsName.lastIndexOf('.') + 1) ?? '';
  if (base !== '' && (classifyConstructedClass(base) !== undefined || /(?:Provider|Adapter|Strategy|Transport|Client|Driver)(?:Service|Base)?$/.test(base) || /^Abstract\w*(?:Provider|Adapter|Module)/.test(base))) return true;
  const name = cls.name ?? '';
  return /(?:Provider|Adapter|Strategy|Transport|Driver)$/.test(name) || /^(?:Mock|Fake|Stub|InMemory|Dummy|Noop|NoOp)[A-Z]/.test(name);
}

/** What one argument of a construction passes of its owner's constructor parameters (`HandleUse`). */
export interface HandleUse {
  /** A parameter passed whole: `this.db`, `options` in the constructor, or an object spreading one (`{ ...this.options, transaction }`, the same context with overrides). */
  readonly whole?: string;
  /** A client the owner holds, passed on (`this.options.redis`, `this.redis`): the kind of client its name says (`cache-client`). */
  readonly client?: DependencyKind;
  /** A function: an arrow or function expression, or a method bound to the owner (`this.loadConfigs.bind(this)`). */
  readonly loader?: boolean;
}

/** A construction inside a class's instance code, as {@link buildsSiblingOverOwnHandles} reads it. */
export interface SiblingConstruction {
  readonly kind: DependencyKind;
  /** The class built is the owner itself (`new OrderService({ ...this.options, transaction })` inside `OrderService`). */
  readonly sameClass: boolean;
  /** The owner class carries a decorator (`@Injectable()`, `@Service()`): a DI container builds it once. */
  readonly ownerDecorated: boolean;
  /** The owner's constructor parameter names, in order (`['db']` of `constructor(public db: Database)`). */
  readonly ownerParameters: readonly string[];
  /** The owner extends another class and declares no constructor of its own: it takes its base's parameters, which the file does not show. */
  readonly ownerInheritsConstructor: boolean;
  /** For each argument of the construction, what it passes of the owner's parameters (`{}` for anything else). */
  readonly arguments: readonly HandleUse[];
}

/**
 * A class building a copy of itself (a view bound to a transaction: `new OrderService({
 * ...this.options, transaction })` inside `OrderService`), which no container could inject, or a
 * service or repository built over what its owner was built with (`class QueueService {
 * constructor(public db: Database) {} … new SettingService(this.db) }`): a class the application
 * constructs per handle (a database or transaction handle, a request's context) building a sibling
 * view over the same handle. The sibling opens nothing and holds no configuration of its own, and it
 * follows its owner into a transaction, which an injected instance would not. Only for owners that
 * no DI container builds (no class decorator), and only when every constructor parameter of the
 * owner is passed on whole — the context may be spread with overrides (`{ ...this.options,
 * transaction }`) and other arguments may follow (`new SearchSync(this.options, Mode.ASYNC)`). A
 * part of the context (`new EmailService(config.smtp)`, `new Pricing(this.config)` in a class built
 * with a config and a client) is still a hard-wired collaborator: nothing shows the sibling is a
 * view over the owner's handle rather than a client configured from its settings.
 */
export function buildsSiblingOverOwnHandles(construction: SiblingConstruction): boolean {
  const { kind, sameClass, ownerDecorated, ownerParameters, arguments: args } = construction;
  if (sameClass) return true;
  if ((kind !== 'service' && kind !== 'repository') || ownerDecorated || ownerParameters.length === 0 || ownerParameters.includes('')) return false;
  return ownerParameters.every((parameter) => args.some((arg) => arg.whole === parameter));
}

/**
 * A service built with no arguments (`new AccountService()`) by a class that no DI container builds
 * (no class decorator) and that receives nothing through its constructor (none, or one without
 * parameters; not one inherited from a base class the file does not show). Such a project wires
 * nothing: its services take nothing and reach their shared handles themselves, and its tests
 * replace them by mocking the module. Nothing is hard-wired at the construction that a composition
 * root would choose instead, and a client the service builds is reported in the service's own
 * code. Still a collaborator to receive: a repository (`new UserRepository()` per request: the
 * repository layer is not checked, so a `new PrismaClient()` inside it shows only here), one built
 * with arguments (`new OrderRepository(this.prisma)`: the owner chooses its collaborators), one
 * built by a decorated class (`@Injectable()`, `@Service()`) or one that takes parameters
 * (injection is already the way it gets what it uses), and any client (`new PrismaClient()`,
 * `new Stripe(key)`) anywhere.
 */
export function buildsServiceWhereNothingIsInjected(construction: SiblingConstruction): boolean {
  const { kind, ownerDecorated, ownerParameters, ownerInheritsConstructor, arguments: args } = construction;
  return kind === 'service' && args.length === 0 && !ownerDecorated && ownerParameters.length === 0 && !ownerInheritsConstructor;
}

/**
 * The kind of client a handle's name says (`redis` → `cache-client`, `prisma` → nothing): the name
 * read as a client class of the catalog (`Redis`), for {@link wrapsOwnersClient}.
 */
export function clientKindOfHandleName(name: string): DependencyKind | undefined {
  const kind = name === '' ? undefined : classifyConstructedClass(name.charAt(0).toUpperCase() + name.slice(1));
  return kind === 'repository' || kind === 'service' ? undefined : kind;
}

/**
 * A wrapper over a client its owner already holds (`new RedisCache('dashboard', this.options.redis,
 * log)`: a key-prefixed view over the owner's Redis connection): it opens no connection and holds
 * no configuration of its own, so there is nothing to inject. Only for wrapper classes, recognised
 * by a pattern (`*Cache`, `*Queue`, `*Publisher`), given a handle of the owner that names a client
 * of the same kind; a client class itself (`new Redis(this.options.redis)`, `new Queue(name,
 * this.redis)`) opens its own connection, and a wrapper given configuration (`this.config.redisUrl`)
 * or a module-level client is still reported.
 */
export function wrapsOwnersClient(className: string, kind: DependencyKind, args: readonly HandleUse[]): boolean {
  const name = className.slice(className.lastIndexOf('.') + 1);
  if (kind === 'repository' || kind === 'service' || Object.hasOwn(DEPENDENCY_CLASSES, name)) return false;
  return args.some((arg) => arg.client === kind);
}

/**
 * A cache the service builds over its own loader, or from a class its file declares
 * (`new SingleFlightCache(this.loadConfigs.bind(this), { ttl })`, `new RuleCache(prisma)` of a
 * class further down): an in-process memo of the service's own data, not a connection to a cache
 * server, so there is nothing to inject. A cache client given configuration, from a package or a
 * project module, is still reported.
 */
export function buildsInProcessCache(construction: { readonly kind: DependencyKind; readonly arguments: readonly HandleUse[]; readonly declaredInFile: boolean }): boolean {
  return construction.kind === 'cache-client' && (construction.declaredInFile || construction.arguments.some((arg) => arg.loader === true));
}

/**
 * A client or service built in a method from that call's own arguments (`new GitClient(credentials)`
 * in `clientFor(credentials)`, `new MultiServerMCPClient(servers)` over the servers a user listed):
 * one instance per call by nature, which no container could inject as one. Built from the owner's
 * configuration or handles (`this.config.smtp`, `new Producer(options, this.transport)`), from module
 * values (`process.env.URL`), or from nothing, it could be injected, and is still reported.
 */
export function buildsPerCallInstance(construction: { readonly site: ClientConstruction['site']; readonly kind: DependencyKind; readonly fromCallArguments: boolean }): boolean {
  // A database client per call opens a pool per request (a tenant's `new PrismaClient({ datasources })`): one per tenant, injected, would do.
  return construction.site === 'method' && construction.kind !== 'db-client' && construction.fromCallArguments;
}

/** Where in its class a client is built, as {@link isClientAdapterConstruction} reads it. */
export interface ClientConstruction {
  readonly kind: DependencyKind;
  /**
   * The constructor, an instance field's initialiser, a field of `this` set once in a method (in a
   * set-up method, `initQueue()` / `connect()`, or under a test that it is unset: `this.x ??= …`),
   * a start-up hook (`onModuleInit`), or any other method (a client built per call).
   */
  readonly site: 'constructor' | 'field' | 'set-up' | 'init-hook' | 'method';
  /**
   * The owner is built once: a class decorator (`@Injectable()`, `@Service()`: a DI container builds
   * it), or the file makes its one instance at module level (`export const jobService = new JobService()`).
   */
  readonly ownerBuiltOnce: boolean;
  /** The owner extends another class and declares no constructor of its own (its parameters are not in the file). */
  readonly ownerInheritsConstructor: boolean;
  /** The owner's constructor parameters: name and declared type name (`configService: ConfigService`). */
  readonly ownerParameters: readonly { readonly name: string; readonly typeName?: string }[];
  /** The client's class or factory is imported from a package (an SDK: `auth0`, `kafkajs`, `stripe`), not defined in the project. */
  readonly fromPackage: boolean;
}

const CLIENT_KINDS: ReadonlySet<DependencyKind> = new Set(['http-client', 'mail-client', 'cache-client', 'queue-client']);
const CONFIGURATION_TYPE = /(?:^|[a-z])(?:Config|Configuration|Env|Environment|Settings|Options)(?:Service)?$/;
const CONFIGURATION_NAME = /^(?:config|configService|configuration|configurationService|options|settings|env|environment)$/;

/**
 * Is the class the adapter that provides this client? A class built once (a DI container's, by its
 * class decorator, or the module's one instance, `export const emailService = new EmailService()`)
 * that receives nothing but configuration (no constructor parameters, or only a config
 * service / options: `constructor(configService: ConfigService)`) and builds a package's SDK, HTTP,
 * mail, cache or queue client once, in its constructor, a field of the instance or a start-up hook
 * (`Auth0Service` holding `new ManagementClient({ … })`, a pub/sub service building `new Kafka(…)` in
 * `onModuleInit`): wrapping that client is the class's job, and callers inject and mock the class.
 * A class that also receives other collaborators (Prisma, other services) mixes its own logic with
 * the client and should receive it too; a database client is one connection pool per class and is
 * never the class's to build; a client built per call (in a method) is built on every call; a
 * client class of the project's own (`new StripeGateway()`) can be registered as a provider itself.
 */
export function isClientAdapterConstruction(construction: ClientConstruction): boolean {
  if (!CLIENT_KINDS.has(construction.kind) || construction.site === 'method' || !construction.fromPackage) return false;
  if (!construction.ownerBuiltOnce || construction.ownerInheritsConstructor) return false;
  // A class that receives nothing at all shows no configuration either: only its set-up code is the adapter's.
  if (construction.ownerParameters.length === 0 && construction.site !== 'set-up' && construction.site !== 'init-hook') return false;
  return construction.ownerParameters.every(({ name, typeName }) => (typeName !== undefined && CONFIGURATION_TYPE.test(typeName)) || CONFIGURATION_NAME.test(name));
}

