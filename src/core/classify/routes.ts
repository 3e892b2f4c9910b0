/**
 * Routes and their auth, judged once for both engines: path joining with mount prefixes, auth
 * middleware in front of a handler, NestJS guards and public markers (composite decorators
 * expanded by the adapter), `settings.auth.publicRoutes` globs, custom registration helpers
 * (`settings.routes.registrars`). The ESLint rule `require-route-auth` and the audit's route table
 * build the facts; this module decides, and says where the decision comes from.
 */
import {
  AUTH_MIDDLEWARE_WORDS,
  CALLER_CHECK_VERBS,
  CALLER_VALUE_WORDS,
  CALLER_WORDS,
  CREDENTIAL_CHECK_VERBS,
  CREDENTIAL_WORDS,
  MIDDLEWARE_DECORATORS,
  NOT_CALLER_CHECK_WORDS,
  AUTH_ROUTE_QUALIFIER_WORDS,
  MIDDLEWARE_GUARD_LAST_WORDS,
  INPUT_GUARD_WORDS,
  GLOBAL_GUARD_AUTH_WORDS,
  NEST_GUARD_DECORATORS,
  NEST_PUBLIC_DECORATORS,
  NEST_PUBLIC_METADATA_WORDS,
  NEST_SKIP_WORDS,
  NON_AUTH_GUARD_WORDS,
  ROUTER_NAME_LAST_WORDS,
} from '../catalogs/auth.js';
import type { BackendPatternsSettings, RouteRegistrar } from '../settings.js';
import { isAuthMiddlewareName, normaliseRoutePath, publicRouteEntry } from './auth.js';
import { matchesNamePattern, nameParts } from './names.js';
import type { ChainFact } from '../facts.js';

function includes(list: readonly string[], name: string): boolean {
  return list.includes(name);
}

/**
 * Joins route path pieces as Express, Fastify, Koa, Hono and NestJS do: a global prefix, mount
 * prefixes, a controller path and a handler path. Slashes are added or dropped between pieces:
 * `('/api', 'users', ':id')` → `/api/users/:id`, `('', '/auth', 'login')` → `/auth/login`,
 * `('/api', '/')` → `/api`, nothing → `/`.
 */
export function joinRoutePath(...parts: readonly string[]): string {
  const pieces = parts.map((part) => part.replace(/^\/+|\/+$/g, '')).filter((part) => part !== '');
  return normaliseRoutePath(`/${pieces.join('/')}`);
}

/**
 * Is `path` under a mount or middleware prefix? `/admin/stats` is under `/admin`, `/admin/*` and
 * `/admin/**` (a trailing wildcard covers the prefix itself, as Express and Hono match it); every
 * path is under `` and `/`.
 */
export function isUnderPrefix(path: string, prefix: string): boolean {
  const clean = prefix.replace(/\/\*+$/, '').replace(/\*+$/, '').replace(/\/+$/, '');
  return clean === '' || path === clean || path.startsWith(`${clean}/`);
}

/**
 * Does the name hold a router, an app or a controller (`authRouter`, `authRoutes`, `authController`), by its last
 * word? Not a route it calls protected (`protectedRoute()`, `authenticatedRoute`): that one is a middleware.
 */
function namesRouter(name: string): boolean {
  const parts = nameParts(name);
  const last = parts[parts.length - 1] ?? '';
  return includes(ROUTER_NAME_LAST_WORDS, last) && !(last === 'route' && parts.some((part) => includes(AUTH_ROUTE_QUALIFIER_WORDS, part)));
}

function hasAuthWords(name: string): boolean {
  const parts = nameParts(name);
  const last = parts[parts.length - 1] ?? '';
  if (namesRouter(name)) return false;
  if (parts.some((part) => includes(NON_AUTH_GUARD_WORDS, part))) return false;
  // A guard of the caller (`userGuard`, `adminGuard`, `loggedInGuard`), not of the input (`validationGuard`, `csrfGuard`).
  if (includes(MIDDLEWARE_GUARD_LAST_WORDS, last) && !parts.some((part) => includes(INPUT_GUARD_WORDS, part))) return true;
  return parts.some((part) => includes(AUTH_MIDDLEWARE_WORDS, part)) || checksCaller(parts);
}

/** `requireSignIn`, `ensureLoggedIn`, `requireAPIKey`, `isValidSecretKey` (see `CALLER_CHECK_VERBS`). */
function checksCaller(parts: readonly string[]): boolean {
  const verb = parts[0] ?? '';
  if (parts.some((part) => includes(NOT_CALLER_CHECK_WORDS, part))) return false;
  // `isValidUser` checks a value; `isValidSecretKey` a credential.
  const credentialOnly = includes(CREDENTIAL_CHECK_VERBS, verb) || parts[1] === 'valid';
  const words = credentialOnly ? CREDENTIAL_WORDS : includes(CALLER_CHECK_VERBS, verb) ? CALLER_WORDS : undefined;
  if (words === undefined) return false;
  return parts.slice(1).some((part, index) => {
    // `requireUserId`, `isUserExists`: a value of the input, not the caller.
    if (includes(CALLER_VALUE_WORDS, parts[index + 2] ?? '')) return false;
    return includes(words, part) || (part === 'sign' && parts[index + 2] === 'in');
  });
}

/**
 * Is this middleware an authentication middleware? `names` is the middleware as written, without
 * `this` (`['requireAuth']`, `['passport', 'authenticate']`, `['auth', 'required']`). Matched
 * against `settings.auth.middlewares` and the framework middleware (`isAuthMiddlewareName`); in a
 * middleware position (before the handler, in a `use`, in a hook) also a member of such a name
 * (express-jwt style `auth.required`) and a name made of auth words (`isAuthenticated`,
 * `authMiddleware`, `requireJwt`) or a guard of the caller (`userGuard`, `adminGuard`) that is no router (`authRouter`) and no rate limit (`authLimiter`).
 */
export function isAuthMiddleware(names: readonly string[], middlewarePosition: boolean, settings: BackendPatternsSettings): boolean {
  if (names.length === 0 || names.includes('')) return false;
  if (isAuthMiddlewareName(names, settings)) return true;
  if (!middlewarePosition) return false;
  // `auth.routes()` (koa-router), `authRouter`: a router mounted, not a middleware.
  if (namesRouter(names[names.length - 1] ?? '')) return false;
  if (names.slice(0, -1).some((name) => isAuthMiddlewareName([name], settings))) return true;
  return names.some(hasAuthWords);
}

/** Reading a credential header: `c.req.header('Authorization')`, `req.get('x-api-key')`, `req.headers.authorization`. */
const CREDENTIAL_HEADER_READ = /\b(?:header|headers|get)\s*\(\s*['"`](?:authorization|proxy-authorization|x-api-key|x-auth-token|x-[\w-]*(?:secret|token|signature|key))['"`]|\.headers(?:\?\.|\.)authorization\b|\.headers\s*\[\s*['"`](?:authorization|x-api-key|x-[\w-]*(?:secret|token|signature|key))['"`]\s*\]/i;

/** Refusing the caller: a 401, `Unauthorized`, `UnauthorizedException`, `HTTPException(401, …)`. */
const UNAUTHORIZED_ANSWER = /\b401\b|\bUnauthori[sz]ed(?:Exception|Error)?\b/;

/**
 * Does a function written in place (an inline middleware, or the handler itself) authenticate its
 * caller? It reads a credential header and refuses with a 401: `if (c.req.header('authorization')
 * !== env.CRON_SECRET) return c.text('Unauthorized', 401)`. Both engines hand it the function's text.
 */
export function checksCredentialsInline(functionText: string): boolean {
  return CREDENTIAL_HEADER_READ.test(functionText) && UNAUTHORIZED_ANSWER.test(functionText);
}

/** The auth source of a function that checks credentials itself (`checksCredentialsInline`). */
export const INLINE_CREDENTIAL_CHECK = '(inline credential check)';

/**
 * Is this NestJS guard authentication? Every guard is (`AuthGuard('jwt')`, `JwtAuthGuard`,
 * `RolesGuard`: a role check needs a caller) except rate-limit, cache and feature-flag guards
 * (`ThrottlerGuard`), which let anonymous callers through.
 */
export function isAuthGuard(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  return !nameParts(last).some((part) => includes(NON_AUTH_GUARD_WORDS, part));
}

/**
 * Is this guard, registered globally (`APP_GUARD`, `useGlobalGuards`), authentication? A global guard
 * covers every route, so it needs more than being a guard: a name of auth words (`JwtAuthGuard`,
 * `AuthenticatedGuard`, `SessionGuard`) or a class extending passport's `AuthGuard('jwt')`
 * (`extendsName`). `ImpersonationWriteGuard`, `ThrottlerGuard` are not.
 */
export function isGlobalAuthGuard(name: string, extendsName?: string): boolean {
  if (!isAuthGuard(name)) return false;
  const words = (candidate: string): boolean => nameParts(candidate.slice(candidate.lastIndexOf('.') + 1)).some((part) => includes(AUTH_MIDDLEWARE_WORDS, part) || includes(GLOBAL_GUARD_AUTH_WORDS, part));
  return words(name) || (extendsName !== undefined && words(extendsName));
}

/** Is this `SetMetadata` key (`IS_PUBLIC_KEY`, `'isPublic'`, `skipAuth`) one that marks a handler public? */
export function isPublicMetadataKey(key: string): boolean {
  const parts = nameParts(key);
  if (parts.some((part) => includes(NEST_PUBLIC_METADATA_WORDS, part))) return true;
  return parts.some((part, index) => includes(NEST_SKIP_WORDS, part) && parts[index + 1] === 'auth');
}

/**
 * A route that only answers CORS preflights: `OPTIONS` whose every handler is the `cors` middleware
 * (`router.options('/digest', cors({ origin: true }))`, `app.options('*', cors())`). Browsers send
 * preflights without credentials, so no auth belongs there, and it is no endpoint of the application:
 * `require-route-auth` asks nothing of it and the audit's route table leaves it out.
 * `handlers` are the chains of the handler arguments (`undefined` for one that is no call).
 */
export function answersPreflightOnly(methods: readonly string[], handlers: readonly (ChainFact | undefined)[]): boolean {
  return methods.length > 0 && methods.every((method) => method.toLowerCase() === 'options') && handlers.length > 0 &&
    handlers.every((chain) => chain !== undefined && chain.segments.length === 1 && chain.segments[0]?.call !== undefined && (chain.rootImport === 'cors' || chain.segments[0].name === 'cors'));
}

/** Where a piece of auth comes from, in words: `router.use(requireAuth) at src/routes/index.ts:12`. */
export interface AuthSource {
  /** The middleware or guard as written: `requireAuth`, `auth.required`, `JwtAuthGuard`. */
  readonly name: string;
  readonly evidence: string;
}

/**
 * A NestJS decorator as applied to a handler or its controller, composite decorators expanded:
 * `@UseGuards(JwtAuthGuard)` → `{ name: 'UseGuards', args: ['JwtAuthGuard'] }`; `@Auth()` defined
 * as `applyDecorators(UseGuards(AuthGuard))` gives that `UseGuards` with `via: 'Auth'`.
 */
export interface DecoratorFact {
  /** The decorator's last name: `UseGuards`, `Public`, `Get`. */
  readonly name: string;
  /** Its arguments' names: `JwtAuthGuard`, `AuthGuard` for `AuthGuard('jwt')`; metadata keys for `SetMetadata`. */
  readonly args: readonly string[];
  readonly on: 'method' | 'class';
  /** The composite decorator it came from (`Auth` for `@Auth()`). */
  readonly via?: string;
}

function describeDecorator(decorator: DecoratorFact): string {
  const own = `@${decorator.name}(${decorator.args.join(', ')})`;
  return `${decorator.via === undefined ? own : `@${decorator.via}() → ${own}`} on ${decorator.on}`;
}

/**
 * The branches of `flag ? UseGuards(A) : UseGuards(B)` inside a composite decorator that a route's
 * decorator call takes: `given` is the boolean the call passes for `flag` (or the parameter's default),
 * undefined when neither says (a non-boolean test, a variable): then either may apply.
 */
export function composedBranchesTaken(given: boolean | undefined, negated: boolean): readonly ('whenTrue' | 'whenFalse')[] {
  if (given === undefined) return ['whenTrue', 'whenFalse'];
  return [given !== negated ? 'whenTrue' : 'whenFalse'];
}

/** Auth and public markers among a NestJS handler's decorators and its controller's. */
export function nestDecoratorAuth(decorators: readonly DecoratorFact[], settings: BackendPatternsSettings): { sources: AuthSource[]; publicEvidence: string | undefined } {
  const sources: AuthSource[] = [];
  let publicEvidence: string | undefined;
  for (const decorator of decorators) {
    if (decorator.name === 'UseGuards') {
      for (const guard of decorator.args.filter(isAuthGuard)) sources.push({ name: guard, evidence: describeDecorator(decorator) });
    } else if (includes(MIDDLEWARE_DECORATORS, decorator.name)) {
      for (const middleware of decorator.args) if (isAuthMiddleware(middleware.split('.'), true, settings)) sources.push({ name: middleware, evidence: describeDecorator(decorator) });
    } else if (includes(NEST_GUARD_DECORATORS, decorator.name) || isAuthMiddlewareName([decorator.name], settings)) {
      sources.push({ name: decorator.name, evidence: describeDecorator(decorator) });
    } else if (includes(NEST_PUBLIC_DECORATORS, decorator.name) || (decorator.name === 'SetMetadata' && decorator.args[0] !== undefined && isPublicMetadataKey(decorator.args[0]))) {
      publicEvidence ??= `public: ${describeDecorator(decorator)}`;
    }
  }
  return { sources, publicEvidence };
}

/** The facts of one route: its method, its path (full, then as written), what stands in front of it. */
export interface RouteAuthFacts {
  /** Upper-case HTTP method or `ALL`. */
  readonly method: string;
  /** The full path first, then the path as written in the registration. */
  readonly paths: readonly string[];
  /** Auth middleware, hooks and guards in front of the handler, outermost first. */
  readonly sources: readonly AuthSource[];
  /** A public marker on the handler (`@Public()`). */
  readonly publicEvidence?: string | undefined;
}

export interface RouteAuthVerdict {
  /** The auth middleware and guards, each once. */
  readonly auth: readonly string[];
  /** Marked public (`@Public()`) or listed in `settings.auth.publicRoutes`. */
  readonly public: boolean;
  /** Where the decision comes from: the public marker or entry, else the auth sources; none when unprotected. */
  readonly evidence: string | undefined;
}

/** Judges a route's auth: protected by its sources, public by a marker or a `publicRoutes` glob. */
export function judgeRouteAuth(facts: RouteAuthFacts, settings: BackendPatternsSettings): RouteAuthVerdict {
  const entry = facts.paths.map((path) => publicRouteEntry(facts.method, path, settings)).find((found) => found !== undefined);
  const publicEvidence = facts.publicEvidence ?? (entry === undefined ? undefined : `public: publicRoutes ${entry}`);
  const auth = [...new Set(facts.sources.map((source) => source.name))];
  const evidence = publicEvidence ?? (facts.sources.length === 0 ? undefined : [...new Set(facts.sources.map((source) => source.evidence))].join('; '));
  return { auth, public: publicEvidence !== undefined, evidence };
}

/** The auth source of `settings.auth.globalGuard`, for NestJS handlers. */
export function configuredGlobalGuard(settings: BackendPatternsSettings): AuthSource | undefined {
  return settings.auth.globalGuard ? { name: '(global guard)', evidence: 'settings auth.globalGuard' } : undefined;
}

/**
 * Where a registrar reads a piece of the route: an argument position (`'0'`, `'1'`), a property of
 * the first object argument (`'path'`), or a fixed HTTP method (`'GET'`, only for `method`).
 */
export type RegistrarSelector = { readonly kind: 'argument'; readonly index: number } | { readonly kind: 'property'; readonly key: string } | { readonly kind: 'fixed'; readonly value: string };

const FIXED_METHOD = /^(?:GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|ALL)$/;

/** Parses a selector of `settings.routes.registrars` (see `RegistrarSelector`). */
export function registrarSelector(text: string): RegistrarSelector {
  if (/^\d+$/.test(text)) return { kind: 'argument', index: Number(text) };
  if (FIXED_METHOD.test(text)) return { kind: 'fixed', value: text };
  return { kind: 'property', key: text };
}

/**
 * The registrar of `settings.routes.registrars` a call matches, by its callee as written
 * (`this.route`, `router.addRoute`; `*` patterns per name: `*.route`).
 */
export function matchRegistrar(callee: readonly string[], settings: BackendPatternsSettings): RouteRegistrar | undefined {
  const dotted = callee.join('.');
  return settings.routes.registrars.find((registrar) => {
    const pattern = registrar.call.split('.');
    return pattern.length === callee.length ? pattern.every((piece, index) => matchesNamePattern(callee[index] ?? '', piece)) : dotted === registrar.call;
  });
}
