import {
  ASYMMETRIC_KEY_NAME_WORDS,
  AUTH_FUNCTION_WORDS,
  HMAC_SECRET_NAME_WORDS,
  HTTP_CLIENT_FUNCTIONS,
  HTTP_CLIENT_METHODS,
  HTTP_CLIENT_RECEIVERS,
  FRAMEWORK_AUTH_MIDDLEWARES,
  AUTHENTICATION_NAME_WORDS,
  CALLER_IDENTITY_WORDS,
  JOSE_FUNCTIONS,
  JSONWEBTOKEN_FUNCTIONS,
  JSONWEBTOKEN_RECEIVER_NAMES,
  JWT_DECODE_FUNCTIONS,
  JWT_PACKAGES,
  NEST_JWT_SERVICE_METHODS,
  NEST_JWT_SERVICE_NAME_PATTERNS,
  type JwtLibrary,
} from '../catalogs/auth.js';
import { ConfigError } from '../errors.js';
import { compileGlob, globProblem } from './glob.js';
import type { ChainFact, ResolveDeclaredIn } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { matchesNamePattern, nameParts, packageNameOf } from './names.js';
import { majorOfRange } from './response.js';

export type { JwtLibrary } from '../catalogs/auth.js';

export interface JwtCallMatch {
  readonly library: JwtLibrary;
  /** `verify` checks the signature; `decode` only parses the token. */
  readonly operation: 'verify' | 'decode';
  /** The call as written: `jwt.decode`, `this.jwtService.decode`, `jwtVerify`. */
  readonly label: string;
}

function includes(list: readonly string[], name: string): boolean {
  return list.includes(name);
}

function libraryOfPackage(specifier: string | undefined): JwtLibrary | undefined {
  const name = packageNameOf(specifier);
  return name !== undefined && Object.hasOwn(JWT_PACKAGES, name) ? JWT_PACKAGES[name as keyof typeof JWT_PACKAGES] : undefined;
}

/**
 * Classifies a call as a JWT verification or decoding (SPEC §4 `require-jwt-verification`):
 * jsonwebtoken `jwt.verify` / `jwt.decode` (default, namespace or `require` binding named `jwt`,
 * or named imports), jose `jwtVerify` / `decodeJwt`, jwt-decode `jwtDecode`, @nestjs/jwt
 * `this.jwtService.verify*` / `decode`. Typed: the package declaring the method decides when known.
 */
export function classifyJwtCall(chain: ChainFact, resolve?: ResolveDeclaredIn): JwtCallMatch | undefined {
  const { segments } = chain;
  const index = segments.length - 1;
  const last = segments[index];
  if (last?.call === undefined || last.isNew === true) return undefined;
  if (segments.slice(0, index).some((segment) => segment.call !== undefined)) return undefined;
  const method = last.name;
  const names = segments.map((segment) => segment.name);
  const label = names.join('.');
  const declared = resolve?.(index);
  const typedLibrary = declared?.unresolved === true ? undefined : libraryOfPackage(declared?.package);
  const imported = libraryOfPackage(chain.rootImport);
  const importedFromElsewhere = chain.rootImport !== undefined && imported === undefined;
  const library = typedLibrary ?? imported;
  if (declared !== undefined && declared.unresolved !== true && declared.package !== undefined && typedLibrary === undefined) return undefined;

  if (segments.length === 1) {
    // A bare `verify(…)` / `decode(…)` imported from the project's own module is not a JWT library call.
    if (importedFromElsewhere) return undefined;
    if (library === 'jose' || library === undefined) {
      if (includes(JOSE_FUNCTIONS.verify, method)) return { library: 'jose', operation: 'verify', label };
      if (includes(JOSE_FUNCTIONS.decode, method)) return { library: 'jose', operation: 'decode', label };
    }
    if ((library === 'jwt-decode' || library === undefined) && includes(JWT_DECODE_FUNCTIONS, method)) return { library: 'jwt-decode', operation: 'decode', label };
    if (library === 'jsonwebtoken' && includes(JSONWEBTOKEN_FUNCTIONS.verify, method)) return { library, operation: 'verify', label };
    if (library === 'jsonwebtoken' && includes(JSONWEBTOKEN_FUNCTIONS.decode, method)) return { library, operation: 'decode', label };
    return undefined;
  }

  const receiver = names[index - 1] ?? '';
  // `jose.jwtVerify(…)` through a namespace import.
  if (library === 'jose' || (library === undefined && receiver === 'jose')) {
    if (includes(JOSE_FUNCTIONS.verify, method)) return { library: 'jose', operation: 'verify', label };
    if (includes(JOSE_FUNCTIONS.decode, method)) return { library: 'jose', operation: 'decode', label };
    return undefined;
  }
  const viaThis = names[0] === 'this';
  if (library === 'nestjs-jwt' || (library === undefined && !importedFromElsewhere && (viaThis || receiver !== 'jwt') && NEST_JWT_SERVICE_NAME_PATTERNS.some((pattern) => matchesNamePattern(receiver, pattern)))) {
    if (includes(NEST_JWT_SERVICE_METHODS.verify, method)) return { library: 'nestjs-jwt', operation: 'verify', label };
    if (includes(NEST_JWT_SERVICE_METHODS.decode, method)) return { library: 'nestjs-jwt', operation: 'decode', label };
    return undefined;
  }
  if (library === 'jsonwebtoken' || (library === undefined && !importedFromElsewhere && segments.length === 2 && includes(JSONWEBTOKEN_RECEIVER_NAMES, receiver))) {
    if (includes(JSONWEBTOKEN_FUNCTIONS.verify, method)) return { library: 'jsonwebtoken', operation: 'verify', label };
    if (includes(JSONWEBTOKEN_FUNCTIONS.decode, method)) return { library: 'jsonwebtoken', operation: 'decode', label };
  }
  return undefined;
}

/**
 * Is a function with this name authentication / authorisation code (`requireAuth`,
 * `authenticate`, `canActivate`, `getCurrentUser`, `verifyToken`)? Decoded tokens read there are trusted.
 */
export function isAuthFunctionName(name: string): boolean {
  return nameParts(name).some((part) => (AUTH_FUNCTION_WORDS as readonly string[]).includes(part));
}

/**
 * Is a function authentication code, whose data access is the credential's lookup (an API key's row, a
 * session's user) rather than the request's business data? Its body verifies a token (`jwt.verify`,
 * `jwtVerify`: `verifiesToken`) and its name says it answers with the caller (`getClaimsByToken`), or its name says it authenticates (`authenticateSession`, `getAuthenticatedUser`).
 * A name that only validates or requires something (`validateCoupon`), or carries the caller on (`authTrx`), is not enough.
 */
export function isAuthenticationFunction(fn: { readonly name: string; readonly verifiesToken: boolean }): boolean {
  const parts = nameParts(fn.name);
  if (parts.some((part) => (AUTHENTICATION_NAME_WORDS as readonly string[]).includes(part))) return true;
  // A token check that answers who the caller is (`getClaimsByToken`, `userFromToken`), not one that goes on to load their data (`getMyOrders`).
  return fn.verifiesToken && parts.some((part) => (CALLER_IDENTITY_WORDS as readonly string[]).includes(part));
}

/**
 * Is this middleware (`requireAuth`, `passport.authenticate`, `this.auth.requireAuth`) an auth
 * middleware? Matched as written and by its last name against `settings.auth.middlewares`
 * (exact or `*` patterns) and the framework middleware of `FRAMEWORK_AUTH_MIDDLEWARES`.
 */
export function isAuthMiddlewareName(path: readonly string[], settings: BackendPatternsSettings): boolean {
  const dotted = path.join('.');
  const lastTwo = path.slice(-2).join('.');
  const last = path[path.length - 1] ?? '';
  const candidates = [dotted, lastTwo, last].filter((name) => name !== '');
  return [...settings.auth.middlewares, ...FRAMEWORK_AUTH_MIDDLEWARES].some((pattern) => candidates.some((name) => matchesNamePattern(name, pattern)));
}

export interface PublicRoutePattern {
  /** Upper-case HTTP method, or undefined for any method. */
  readonly method: string | undefined;
  readonly path: string;
  readonly test: (path: string) => boolean;
}

const HTTP_METHOD = /^(?:GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|ALL)$/i;
const compiledRoutes = new WeakMap<readonly string[], readonly PublicRoutePattern[]>();

/**
 * Parses an entry of `settings.auth.publicRoutes`: `"GET /health"`, `"POST /auth/*"`, `"/docs/**"`.
 * The method is optional (any method when absent; `ALL` too); the path starts with `/` and is
 * matched against the route path as written in its registration, with `compileGlob` globs: `*` is one
 * path segment, `**` any number; `:id` parameters are plain text.
 * @throws ConfigError naming the entry.
 */
export function parsePublicRoute(entry: string, key = 'backend-patterns.auth.publicRoutes'): PublicRoutePattern {
  const pieces = entry.trim().split(/\s+/);
  const [first, second] = pieces;
  let method: string | undefined;
  let path: string | undefined;
  if (pieces.length === 1) path = first;
  else if (pieces.length === 2 && first !== undefined && HTTP_METHOD.test(first)) {
    method = first.toUpperCase();
    path = second;
  }
  if (path?.startsWith('/') !== true) {
    throw new ConfigError(`expected "METHOD /path" or "/path" (method one of GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD, ALL), got '${entry}'`, key);
  }
  const normalised = normaliseRoutePath(path);
  const problem = globProblem(normalised);
  if (problem !== undefined) throw new ConfigError(`route pattern '${entry}': ${problem}`, key);
  // The root route: path globs split on `/` and see nothing to match in `/` alone.
  const test = normalised === '/' ? (candidate: string) => candidate === '/' : compileGlob(normalised);
  return { method: method === 'ALL' ? undefined : method, path: normalised, test };
}

/** `/users/` → `/users`, `//a//b` → `/a/b`, `` → `/`. */
export function normaliseRoutePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.replace(/\/{2,}/g, '/');
}

/**
 * The entry of `settings.auth.publicRoutes` that `METHOD path` matches (`GET /health/**`), if any.
 * Patterns are compiled once per settings object. A route registered for every method (`ALL`) is
 * public when any entry covers its path.
 */
export function publicRouteEntry(method: string, path: string, settings: BackendPatternsSettings): string | undefined {
  const entries = settings.auth.publicRoutes;
  let patterns = compiledRoutes.get(entries);
  if (patterns === undefined) {
    patterns = entries.map((entry, index) => parsePublicRoute(entry, `backend-patterns.auth.publicRoutes[${String(index)}]`));
    compiledRoutes.set(entries, patterns);
  }
  const upper = method.toUpperCase();
  const normalised = normaliseRoutePath(path);
  const index = patterns.findIndex((pattern) => (pattern.method === undefined || pattern.method === upper || upper === 'ALL') && pattern.test(normalised));
  return index === -1 ? undefined : entries[index]?.trim();
}

/** Is `METHOD path` listed in `settings.auth.publicRoutes`? */
export function isPublicRoute(method: string, path: string, settings: BackendPatternsSettings): boolean {
  return publicRouteEntry(method, path, settings) !== undefined;
}

/**
 * The key argument of `jwt.verify(token, key)` as far as the rule can see it: its name (`SECRET`,
 * `config.jwtSecret`, `process.env.JWT_SECRET`) or its literal text.
 */
export type JwtKeyFact = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'text'; readonly text: string };

/**
 * Is this key a shared HMAC secret? A name with the word `secret` and no public-key word
 * (`jwtSecret`, `ACCESS_TOKEN_SECRET`; not `secretOrPublicKey`), or a literal that is no PEM
 * (`BEGIN …`). jsonwebtoken then allows only the HS algorithms (SPEC §4 `require-jwt-verification`:
 * the pinned list guards against algorithm confusion, which a secret key rules out).
 */
export function isHmacSecretKey(key: JwtKeyFact): boolean {
  if (key.kind === 'text') return !key.text.includes('BEGIN');
  const parts = nameParts(key.name);
  return parts.some((part) => includes(HMAC_SECRET_NAME_WORDS, part)) && !parts.some((part) => includes(ASYMMETRIC_KEY_NAME_WORDS, part));
}

/**
 * Is this call an HTTP client request (`fetch(url)`, `axios.post(…)`, `got(url)`,
 * `this.httpService.post(…)`)? A token read from its response was fetched by the server itself.
 */
export function isHttpClientRequest(chain: ChainFact): boolean {
  const names = chain.segments.map((segment) => segment.name).filter((name) => name !== 'this');
  const last = chain.segments[chain.segments.length - 1];
  if (last?.call === undefined || last.isNew === true) return false;
  if (names.length === 1) return includes(HTTP_CLIENT_FUNCTIONS, names[0] ?? '');
  const receiver = names[names.length - 2] ?? '';
  return names.length === 2 && (includes(HTTP_CLIENT_RECEIVERS, receiver) || /HttpService$|HttpClient$/.test(receiver)) && includes(HTTP_CLIENT_METHODS, names[1] ?? '');
}

/**
 * A route decorator, as written, that admits administrators only (`@Roles('admin')`,
 * `@HasPermission(permissions.accessAdminControl)`, `@UseGuards(AdminGuard)`, `@Auth(Role.Admin)`):
 * the caller is an operator of the system, not a client of it.
 */
export function isAdminOnlyDecorator(text: string): boolean {
  const call = /^@?\s*([\w$.]+)\s*\(([\s\S]*)\)\s*$/.exec(text);
  if (call === null) return false;
  const decorator = (call[1] ?? '').split('.').at(-1) ?? '';
  if (!/^(?:Roles?|HasPermissions?|Permissions?|RequirePermissions?|RequireRoles?|Auth|Authorize|Allow|UseGuards)$/.test(decorator)) return false;
  return /(?:^|[^A-Za-z])admin|Admin(?:istrator)?(?![a-z])/.test(call[2] ?? '');
}

/**
 * jsonwebtoken 9 on (the fixes of CVE-2022-23540 and CVE-2022-23541) lets `verify` without an
 * `algorithms` list accept only the algorithms of the key's own type — HMAC for a secret, RSA, PS or
 * EC for a public key — and never unsigned tokens, so the token's header cannot switch a public key
 * to HMAC or to `none`. Before 9 it trusted the header. From the version range the package declares;
 * an unknown one is not evidence.
 */
export function verifyLimitsAlgorithmsToKeyType(declaredJsonwebtokenRange: string | undefined): boolean {
  const major = majorOfRange(declaredJsonwebtokenRange);
  return major !== undefined && major >= 9;
}
