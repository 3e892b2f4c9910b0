import { LAYER_PRESET_NAMES, applyLayerPresets, type LayerPresetName } from './catalogs/layer-presets.js';
import { parsePublicRoute } from './classify/auth.js';
import { globProblem } from './classify/glob.js';
import { ConfigError } from './errors.js';

/**
 * `settings['backend-patterns']`: read once per settings object, validated, merged with defaults.
 * The ESLint rules and the audit read the same shape.
 */

/** typescript-eslint's `TypeOrValueSpecifier` shape, or a plain name. */
export type TypeOrValueSpecifier =
  | string
  | { readonly from: 'file'; readonly name: string | readonly string[]; readonly path?: string }
  | { readonly from: 'lib'; readonly name: string | readonly string[] }
  | { readonly from: 'package'; readonly name: string | readonly string[]; readonly package: string };

export type LayerName = 'controller' | 'service' | 'repository';

export interface LayerSettings {
  /** Globs matched against the file path relative to the working directory (`**\/controllers/**`). */
  readonly files: readonly string[];
  /** Class-name globs (`*Controller`). */
  readonly classNames: readonly string[];
  /** Class decorators that put a class in this layer (`Controller`). */
  readonly decorators: readonly string[];
}

export interface BackendPatternsSettings {
  readonly layers: Readonly<Record<LayerName, LayerSettings>>;
  readonly db: {
    /** Extra receiver names that hold a DB client (`pool`, `db`, …). */
    readonly clientNames: readonly string[];
    /** Extra receiver names (or `*` patterns such as `*Store`) that hold a repository / DAO object. */
    readonly repositoryNames: readonly string[];
    /**
     * Models / tables that are small lookup tables (`Country`, `roles`, `*Type`): a list query
     * without a limit on them is the whole answer, so `no-unbounded-query` stays quiet.
     */
    readonly smallTables: readonly string[];
  };
  readonly loggers: {
    readonly names: readonly string[];
    readonly types: readonly TypeOrValueSpecifier[];
  };
  readonly redaction: { readonly functions: readonly TypeOrValueSpecifier[] };
  readonly pii: {
    /** Extra PII words, matched on name parts (`nationalInsurance`). */
    readonly add: readonly string[];
    /** Names that are never PII here (`publicEmail`). */
    readonly allow: readonly string[];
    /**
     * Report IP addresses (`ip`, `clientIp`, `remoteAddress`) as personal data. Off by default: an
     * IP in security and request-metadata logs (rate limits, abuse checks, access logs) is kept by
     * design; turn it on where your logging policy treats IPs as personal data (GDPR).
     */
    readonly ipAddress: boolean;
  };
  readonly errors: { readonly baseClass: TypeOrValueSpecifier | undefined };
  readonly auth: {
    /** Auth middleware / guard names (`requireAuth`, `passport.authenticate`, `*Guard`); replaces the defaults. */
    readonly middlewares: readonly string[];
    /** Routes meant to be public: `"METHOD /path"` or `"/path"`, `*` one path segment, `**` any (see `parsePublicRoute`). */
    readonly publicRoutes: readonly string[];
    /** A NestJS guard is registered globally (`APP_GUARD`, `app.useGlobalGuards`): handlers need no `@UseGuards`. */
    readonly globalGuard: boolean;
    /** Token verification must pin the issuer (`issuer` option of `jwt.verify` / jose `jwtVerify`). */
    readonly requireIssuer: boolean;
    /** Token verification must pin the audience (`audience` option). */
    readonly requireAudience: boolean;
  };
  readonly retry: { readonly helpers: readonly string[] };
  readonly cache: {
    readonly defaultTtlSeconds: number;
    readonly clientNames: readonly string[];
    /** The staleness a team accepts for a cached entry: entries whose TTL is at or below it need no invalidation on writes (`audit/cache-invalidation`). */
    readonly maxStaleSeconds: number;
  };
  readonly hash: {
    /** Extra password-hashing helpers, by name or dotted name (`crypto.hashSecret`, `*Hasher.make`). */
    readonly functions: readonly string[];
    /** Extra password-like field names (exact or `*` patterns), besides password / passwd / pwd / passphrase / passcode / pin. */
    readonly passwordFields: readonly string[];
    /**
     * Models / entities whose save hooks hash the password (Mongoose `schema.pre('save')`,
     * TypeORM `@BeforeInsert`, Sequelize `beforeCreate`), by class or model name (`User`, `*Entity`):
     * raw values written through them are not reported.
     */
    readonly hashingModels: readonly string[];
  };
  readonly composition: { readonly files: readonly string[] };
  readonly routes: {
    /** Project helpers that register routes (`this.route({ method, path, handler })`); see `RouteRegistrar`. */
    readonly registrars: readonly RouteRegistrar[];
  };
}

/**
 * A project helper that registers a route, for the route table and `require-route-auth`:
 * `{ call: 'this.route', method: 'method', path: 'path', handler: 'handler', middleware: 'middleware' }`.
 * `call` is the callee as written (`*` matches within one name: `*.addRoute`). The other fields say
 * where the call holds each piece: an argument position (`'0'`), a property of the first object
 * argument (`'path'`), or for `method` a fixed method (`'GET'`). `middleware` is optional.
 */
export interface RouteRegistrar {
  readonly call: string;
  readonly method: string;
  readonly path: string;
  readonly handler: string;
  readonly middleware?: string;
}

export const DEFAULT_SETTINGS: BackendPatternsSettings = {
  layers: {
    controller: {
      files: ['**/controllers/**', '**/*.controller.{ts,tsx,js,mjs,cjs,mts,cts}', '**/routes/**', '**/*.routes.{ts,js,mts,mjs}', '**/*.route.{ts,js,mts,mjs}'],
      classNames: ['*Controller'],
      decorators: ['Controller'],
    },
    service: {
      // A feature folder's `service.ts` (`config/runtime/service.ts`) is named for its layer as `users.service.ts` is.
      files: ['**/services/**', '**/*.service.{ts,tsx,js,mjs,cjs,mts,cts}', '**/service.{ts,tsx,js,mjs,cjs,mts,cts}'],
      classNames: ['*Service'],
      decorators: [],
    },
    repository: {
      files: ['**/repositories/**', '**/*.repository.{ts,js,mts,mjs,cts,cjs}', '**/*.repo.{ts,js,mts,mjs,cts,cjs}', '**/*.dao.{ts,js,mts,mjs}'],
      classNames: ['*Repository', '*Repo', '*Dao', '*DAO'],
      decorators: ['EntityRepository'],
    },
  },
  db: { clientNames: [], repositoryNames: [], smallTables: [] },
  loggers: { names: [], types: [] },
  redaction: { functions: [] },
  pii: { add: [], allow: [], ipAddress: false },
  errors: { baseClass: undefined },
  auth: {
    middlewares: ['authenticate', 'requireAuth', 'auth', 'passport.authenticate', 'verifyToken'],
    publicRoutes: [],
    globalGuard: false,
    requireIssuer: false,
    requireAudience: false,
  },
  retry: { helpers: [] },
  cache: { defaultTtlSeconds: 300, clientNames: [], maxStaleSeconds: 3600 },
  hash: { functions: [], passwordFields: [], hashingModels: [] },
  composition: { files: ['**/main.{ts,js,mts,mjs}', '**/app.{ts,js,mts,mjs}', '**/server.{ts,js,mts,mjs}', '**/*.module.{ts,js}', '**/index.{ts,js,mts,mjs}', '**/container.{ts,js}', '**/*.factory.{ts,js}'] },
  routes: { registrars: [] },
};

type Kind = 'strings' | 'globs' | 'specifiers' | 'boolean' | 'number' | 'specifier' | 'registrars';

/** The accepted shape, two levels deep: section → key → kind. `layers` is checked on its own. */
const SCHEMA: Readonly<Record<string, Readonly<Record<string, Kind>>>> = {
  db: { clientNames: 'strings', repositoryNames: 'strings', smallTables: 'strings' },
  loggers: { names: 'strings', types: 'specifiers' },
  redaction: { functions: 'specifiers' },
  pii: { add: 'strings', allow: 'strings', ipAddress: 'boolean' },
  errors: { baseClass: 'specifier' },
  auth: { middlewares: 'strings', publicRoutes: 'strings', globalGuard: 'boolean', requireIssuer: 'boolean', requireAudience: 'boolean' },
  retry: { helpers: 'strings' },
  cache: { defaultTtlSeconds: 'number', clientNames: 'strings', maxStaleSeconds: 'number' },
  hash: { functions: 'strings', passwordFields: 'strings', hashingModels: 'strings' },
  composition: { files: 'globs' },
  routes: { registrars: 'registrars' },
};

const LAYER_KEYS: Readonly<Record<keyof LayerSettings, Kind>> = {
  files: 'globs',
  classNames: 'strings',
  decorators: 'strings',
};

/** Longest string we accept in a name or pattern setting; patterns are compiled, never user regexes. */
const MAX_PATTERN_LENGTH = 512;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `'${value}'` : typeof value;
}

function checkSpecifier(value: unknown, key: string): TypeOrValueSpecifier {
  if (typeof value === 'string') {
    if (value.length === 0 || value.length > MAX_PATTERN_LENGTH) {
      throw new ConfigError(`expected a non-empty name of at most ${MAX_PATTERN_LENGTH} characters`, key);
    }
    return value;
  }
  if (!isRecord(value)) {
    throw new ConfigError(`expected a name or { from, name, package? }, got ${describe(value)}`, key);
  }
  const { from, name } = value;
  const names: unknown[] = Array.isArray(name) ? name : [name];
  if (names.length === 0 || names.some((n) => typeof n !== 'string' || n.length === 0)) {
    throw new ConfigError(`'name' must be a non-empty string or array of strings`, key);
  }
  for (const extra of Object.keys(value)) {
    if (!['from', 'name', 'package', 'path'].includes(extra)) {
      throw new ConfigError(`unknown key '${extra}' (expected from, name, package, path)`, key);
    }
  }
  if (from === 'package') {
    if (typeof value.package !== 'string' || value.package.length === 0) {
      throw new ConfigError(`{ from: 'package' } needs a 'package' name`, key);
    }
    return value as TypeOrValueSpecifier;
  }
  if (from === 'file' || from === 'lib') return value as TypeOrValueSpecifier;
  throw new ConfigError(`'from' must be 'file', 'lib' or 'package', got ${describe(from)}`, key);
}

function checkValue(kind: Kind, value: unknown, key: string): unknown {
  switch (kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw new ConfigError(`expected true or false, got ${describe(value)}`, key);
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        throw new ConfigError(`expected a positive number, got ${describe(value)}`, key);
      }
      return value;
    case 'specifier':
      return checkSpecifier(value, key);
    case 'registrars':
      return checkRegistrars(value, key);
    case 'strings':
    case 'globs':
    case 'specifiers': {
      if (!Array.isArray(value)) throw new ConfigError(`expected an array, got ${describe(value)}`, key);
      return value.map((item: unknown, index) => {
        const itemKey = `${key}[${String(index)}]`;
        if (kind === 'specifiers') return checkSpecifier(item, itemKey);
        if (typeof item !== 'string' || item.length === 0 || item.length > MAX_PATTERN_LENGTH) {
          throw new ConfigError(`expected a non-empty string of at most ${MAX_PATTERN_LENGTH} characters, got ${describe(item)}`, itemKey);
        }
        const problem = kind === 'globs' ? globProblem(item) : undefined;
        if (problem !== undefined) throw new ConfigError(`glob '${item}': ${problem}`, itemKey);
        return item;
      });
    }
  }
}

const REGISTRAR_KEYS = ['call', 'method', 'path', 'handler', 'middleware'] as const;

function checkRegistrars(value: unknown, key: string): RouteRegistrar[] {
  if (!Array.isArray(value)) throw new ConfigError(`expected an array, got ${describe(value)}`, key);
  return value.map((item: unknown, index) => {
    const itemKey = `${key}[${String(index)}]`;
    if (!isRecord(item)) throw new ConfigError(`expected an object { call, method, path, handler, middleware? }, got ${describe(item)}`, itemKey);
    for (const [name, field] of Object.entries(item)) {
      if (!(REGISTRAR_KEYS as readonly string[]).includes(name)) throw new ConfigError(`unknown key (expected one of: ${REGISTRAR_KEYS.join(', ')})`, `${itemKey}.${name}`);
      if (typeof field !== 'string' || field.length === 0 || field.length > MAX_PATTERN_LENGTH) throw new ConfigError(`expected a non-empty string, got ${describe(field)}`, `${itemKey}.${name}`);
    }
    for (const required of ['call', 'method', 'path', 'handler'] as const) {
      if (item[required] === undefined) throw new ConfigError(`missing '${required}'`, itemKey);
    }
    return item as unknown as RouteRegistrar;
  });
}

function mergeSection<T extends object>(
  defaults: T,
  raw: unknown,
  shape: Readonly<Record<string, Kind>>,
  key: string,
): T {
  if (raw === undefined) return defaults;
  if (!isRecord(raw)) throw new ConfigError(`expected an object, got ${describe(raw)}`, key);
  const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [name, value] of Object.entries(raw)) {
    const kind = shape[name];
    if (kind === undefined) {
      throw new ConfigError(`unknown key (expected one of: ${Object.keys(shape).join(', ')})`, `${key}.${name}`);
    }
    merged[name] = checkValue(kind, value, `${key}.${name}`);
  }
  return merged as T;
}

/**
 * Validates and resolves `settings['backend-patterns']`. Arrays in `layers.*` replace the
 * defaults of that key; `pii.add`/`pii.allow`, names and helpers extend the built-in catalogs.
 * @throws ConfigError naming the offending key.
 */
export function parseSettings(raw: unknown): BackendPatternsSettings {
  const root = 'backend-patterns';
  if (raw === undefined || raw === null) return DEFAULT_SETTINGS;
  if (!isRecord(raw)) throw new ConfigError(`expected an object, got ${describe(raw)}`, root);
  const result: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [section, value] of Object.entries(raw)) {
    const key = `${root}.${section}`;
    if (section === 'layers') {
      result.layers = parseLayers(value, key);
      continue;
    }
    const shape = SCHEMA[section];
    if (shape === undefined) {
      throw new ConfigError(`unknown key (expected one of: layers, ${Object.keys(SCHEMA).join(', ')})`, key);
    }
    result[section] = mergeSection(DEFAULT_SETTINGS[section as keyof BackendPatternsSettings] as object, value, shape, key);
  }
  (result.auth as BackendPatternsSettings['auth']).publicRoutes.forEach((entry, index) => parsePublicRoute(entry, `${root}.auth.publicRoutes[${String(index)}]`));
  return result as unknown as BackendPatternsSettings;
}

/**
 * `layers`: per-layer arrays replace the defaults of that key; then `layers.presets` (see
 * `LAYER_PRESETS`) add their globs, class names and decorators to each layer.
 */
function parseLayers(raw: unknown, key: string): BackendPatternsSettings['layers'] {
  if (!isRecord(raw)) throw new ConfigError(`expected an object, got ${describe(raw)}`, key);
  const layers: Record<string, LayerSettings> = { ...DEFAULT_SETTINGS.layers };
  let presets: LayerPresetName[] = [];
  for (const [layer, value] of Object.entries(raw)) {
    if (layer === 'presets') {
      presets = parseLayerPresets(value, `${key}.presets`);
      continue;
    }
    if (!(layer in DEFAULT_SETTINGS.layers)) {
      throw new ConfigError(`unknown layer (expected controller, service or repository)`, `${key}.${layer}`);
    }
    layers[layer] = mergeSection(DEFAULT_SETTINGS.layers[layer as LayerName], value, LAYER_KEYS, `${key}.${layer}`);
  }
  return applyLayerPresets(layers as BackendPatternsSettings['layers'], presets);
}

function parseLayerPresets(raw: unknown, key: string): LayerPresetName[] {
  if (!Array.isArray(raw)) throw new ConfigError(`expected an array of preset names (${LAYER_PRESET_NAMES.join(', ')}), got ${describe(raw)}`, key);
  return raw.map((item: unknown, index) => {
    if (typeof item !== 'string' || !(LAYER_PRESET_NAMES as readonly string[]).includes(item)) {
      throw new ConfigError(`unknown layer preset ${describe(item)} (expected one of: ${LAYER_PRESET_NAMES.join(', ')})`, `${key}[${String(index)}]`);
    }
    return item as LayerPresetName;
  });
}

const cache = new WeakMap<object, BackendPatternsSettings>();

/** `parseSettings`, computed once per settings object (ESLint passes the same object for every file). */
export function resolveSettings(allSettings: Readonly<Record<string, unknown>> | undefined): BackendPatternsSettings {
  const raw = allSettings?.['backend-patterns'];
  if (raw === undefined || raw === null || typeof raw !== 'object') return parseSettings(raw);
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const parsed = parseSettings(raw);
  cache.set(raw, parsed);
  return parsed;
}
