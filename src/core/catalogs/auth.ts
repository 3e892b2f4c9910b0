/**
 * Authentication knowledge: JWT libraries, password hashing functions and auth middleware of the
 * supported frameworks. Plain data; the matchers live in `classify/auth.ts` and `classify/hash.ts`.
 */

/** JWT libraries and what their functions do. Sources: the READMEs of jsonwebtoken, jose, @nestjs/jwt, jwt-decode. */
export type JwtLibrary = 'jsonwebtoken' | 'jose' | 'nestjs-jwt' | 'jwt-decode';

export const JWT_PACKAGES = {
  jsonwebtoken: 'jsonwebtoken',
  jose: 'jose',
  '@nestjs/jwt': 'nestjs-jwt',
  'jwt-decode': 'jwt-decode',
} as const satisfies Readonly<Record<string, JwtLibrary>>;

/** jsonwebtoken: `jwt.verify(token, key, options?, callback?)` checks the signature; `jwt.decode` does not. */
export const JSONWEBTOKEN_FUNCTIONS = { verify: ['verify'], decode: ['decode'] } as const satisfies Readonly<Record<string, readonly string[]>>;

/** Receiver names that hold the jsonwebtoken module (`import jwt from 'jsonwebtoken'`, `const jwt = require(…)`). */
export const JSONWEBTOKEN_RECEIVER_NAMES = ['jwt', 'jsonwebtoken', 'JWT', 'jsonWebToken'] as const satisfies readonly string[];

/**
 * Key names of a shared HMAC secret (`SECRET`, `jwtSecret`, `ACCESS_TOKEN_SECRET`, `config.jwt.secret`).
 * jsonwebtoken without `algorithms` derives the allowed ones from the key (a secret allows only
 * HS256/384/512, https://github.com/auth0/node-jsonwebtoken#jwtverifytoken-secretorpublickey-options-callback,
 * v9 `verify.js`), so a secret key cannot be confused with a public one. Names that also carry a
 * word of `ASYMMETRIC_KEY_NAME_WORDS` (`secretOrPublicKey`) are not secrets.
 */
export const HMAC_SECRET_NAME_WORDS = ['secret'] as const satisfies readonly string[];

/** Key names of public keys, certificates and key sets: with them the algorithm must be pinned. */
export const ASYMMETRIC_KEY_NAME_WORDS = ['public', 'pub', 'pubkey', 'cert', 'certs', 'certificate', 'certificates', 'pem', 'jwk', 'jwks', 'x5c', 'x509', 'spki', 'rsa', 'ec', 'private'] as const satisfies readonly string[];

/**
 * HTTP clients whose responses carry tokens a server fetched itself (an OpenID provider's token
 * endpoint answering a code exchange over TLS), not tokens a client sent: WHATWG `fetch`, axios,
 * got, ky, superagent, undici `request`, NestJS `HttpService` (`this.httpService.post(…)`).
 */
export const HTTP_CLIENT_FUNCTIONS = ['fetch', 'axios', 'got', 'ky', 'superagent', 'request'] as const satisfies readonly string[];
export const HTTP_CLIENT_RECEIVERS = ['axios', 'got', 'ky', 'superagent', 'undici', 'httpService', 'httpClient', 'http'] as const satisfies readonly string[];
export const HTTP_CLIENT_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'request', 'head', 'fetch'] as const satisfies readonly string[];

/** jose: `jwtVerify(jwt, key, { issuer, audience, algorithms })` verifies; `decodeJwt` only parses the payload. */
export const JOSE_FUNCTIONS = { verify: ['jwtVerify'], decode: ['decodeJwt'] } as const satisfies Readonly<Record<string, readonly string[]>>;

/** jwt-decode: `jwtDecode(token)` (v4: default export often named `jwt_decode`) only parses. */
export const JWT_DECODE_FUNCTIONS = ['jwtDecode', 'jwt_decode'] as const satisfies readonly string[];

/** @nestjs/jwt `JwtService`: `verify`/`verifyAsync` use the module's `verifyOptions`; `decode` does not verify. */
export const NEST_JWT_SERVICE_METHODS = { verify: ['verify', 'verifyAsync'], decode: ['decode'] } as const satisfies Readonly<Record<string, readonly string[]>>;

/** Receiver names of an injected `JwtService` (`this.jwtService`, `this.jwt`, `jwtService`). */
export const NEST_JWT_SERVICE_NAME_PATTERNS = ['jwtService', '*JwtService', 'jwt'] as const satisfies readonly string[];

/** Claims that are fine to read from an unverified token: expiry and header fields (e.g. a client refreshing before `exp`). */
export const UNTRUSTED_CLAIM_READS = ['exp', 'iat', 'nbf', 'header', 'kid', 'alg', 'typ'] as const satisfies readonly string[];

/**
 * Words in a function's name that make it authentication or authorisation code: a decoded token
 * read there is trusted. `authenticate`, `requireRole`, `canActivate`, `currentUser`, `verifyToken`.
 */
export const AUTH_FUNCTION_WORDS = [
  'auth', 'authenticate', 'authenticated', 'authentication', 'authorize', 'authorise', 'authorization', 'guard', 'activate', 'require',
  'verify', 'principal', 'permission', 'permissions', 'role', 'roles', 'protect', 'protected', 'ensure', 'login', 'signin', 'current', 'identity',
  'session', 'validate', 'access',
] as const satisfies readonly string[];

/**
 * Words of a function name that say it authenticates its caller (`authenticateSession`, `getAuthenticatedUser`); not
 * the bare `auth` of a helper that only carries the caller on (`authTrx(uid, (tx) => …)`, a transaction with the user set).
 */
export const AUTHENTICATION_NAME_WORDS = ['authenticate', 'authenticated', 'authentication'] as const satisfies readonly string[];

/** Words of a token check's name that say it answers with the caller (`getClaimsByToken`, `userFromToken`, `resolveSession`). */
export const CALLER_IDENTITY_WORDS = ['claims', 'token', 'user', 'session', 'identity', 'principal', 'caller', 'viewer', 'subject', 'auth'] as const satisfies readonly string[];

/** Request-like parameter names of a middleware: `(req, res, next)`, `(ctx, next)`, `(request, reply)`, `(c, next)` (Hono). */
export const MIDDLEWARE_REQUEST_PARAMS = ['req', 'request', 'ctx', 'context', 'c'] as const satisfies readonly string[];
export const MIDDLEWARE_NEXT_PARAMS = ['next', 'res', 'reply', 'response', 'done'] as const satisfies readonly string[];

/** Properties of a request that hold the authenticated identity: `req.user = claims`, `ctx.state.user`, `request.auth`. */
export const IDENTITY_PROPERTIES = ['user', 'auth', 'principal', 'identity', 'claims', 'session', 'currentUser', 'account'] as const satisfies readonly string[];

/**
 * Password hashing. bcrypt / bcryptjs `hash`/`hashSync`, argon2 `hash`, Node's `crypto.scrypt`,
 * `scryptSync`, `pbkdf2`, `pbkdf2Sync`, `@node-rs/argon2` / `@node-rs/bcrypt` `hash`. Any helper
 * whose name has the word `hash`, `hasher` or a hashing algorithm (`hashPassword`, `this.hasher.make`)
 * counts too; `settings.hash.functions` adds more.
 */
export const HASH_LIBRARY_RECEIVERS = ['bcrypt', 'bcryptjs', 'argon2', 'argon', 'crypto', 'scrypt', 'pbkdf2'] as const satisfies readonly string[];
export const HASH_FUNCTION_NAMES = ['hash', 'hashSync', 'scrypt', 'scryptSync', 'pbkdf2', 'pbkdf2Sync', 'argon2id', 'argon2i', 'argon2d'] as const satisfies readonly string[];
export const HASH_NAME_WORDS = ['hash', 'hashed', 'hasher', 'hashing', 'bcrypt', 'argon2', 'argon', 'scrypt', 'pbkdf2', 'digest', 'crypt'] as const satisfies readonly string[];
/**
 * What shows that a hash is of a password rather than of content: a password-hashing algorithm in a
 * name (`bcrypt.hash`, `crypto.scryptSync`, `argon2id`), or a bare `hash` / `verify` imported from a
 * password-hashing package. An md5 or sha digest (`hash(value)` over `createHash('md5')`) is not one.
 */
export const PASSWORD_HASH_ALGORITHM_WORDS = ['bcrypt', 'bcryptjs', 'argon', 'argon2', 'scrypt', 'pbkdf2'] as const satisfies readonly string[];
export const PASSWORD_HASH_PACKAGES = ['bcrypt', 'bcryptjs', 'argon2', '@node-rs/argon2', '@node-rs/bcrypt'] as const satisfies readonly string[];

/**
 * Words that name another system before a password (`databasePassword`, `databaseRootPassword`,
 * `smtpPassword`, `proxy_password`) or in a key beside it (`bitbucketUsername` beside `appPassword`):
 * a credential the server keeps to sign in elsewhere, which it must read back, so it is encrypted at
 * rest, never hashed.
 */
export const SERVICE_CREDENTIAL_WORDS = [
  'database', 'db', 'smtp', 'mail', 'imap', 'pop3', 'proxy', 'redis', 'mongo', 'mongodb', 'mysql', 'mariadb', 'postgres', 'pg',
  'ftp', 'sftp', 'ssh', 'ldap', 'bind', 'registry', 'docker', 'git', 'github', 'gitlab', 'gitea', 'bitbucket', 'broker', 'amqp', 'rabbitmq', 'kafka', 'sasl',
  'vpn', 'wifi', 'keystore', 'truststore', 'upstream', 'connection', 'datasource',
] as const satisfies readonly string[];

/**
 * Keys beside a password that make the object the settings of a connection to another system when
 * two of them are there (`{ host, port, user, password }`, `{ server, database, password }`); one alone
 * (`{ email, password, host: true }`) does not.
 */
export const CONNECTION_KEYS = [
  'host', 'hostname', 'port', 'server', 'smtpServer', 'smtpHost', 'smtpPort', 'endpoint', 'uri', 'connectionString', 'dsn',
  'database', 'databaseName', 'dbName', 'proxy', 'proxyUrl', 'registryUrl', 'bindDn',
] as const satisfies readonly string[];

/** Entity lifecycle hooks that run before a write (TypeORM, MikroORM, sequelize-typescript): a password hashed there is hashed on save. */
export const ENTITY_WRITE_HOOK_DECORATORS = ['BeforeInsert', 'BeforeUpdate', 'BeforeCreate', 'BeforeUpsert', 'BeforeSave', 'BeforeBulkCreate'] as const satisfies readonly string[];

/**
 * Password-like fields are the `password` category of the PII vocabulary (password, passwd, pwd,
 * passphrase, passcode) plus PINs, and `settings.hash.passwordFields`. Secrets that must be read
 * back (API keys, TOTP seeds) are encrypted, not hashed, so they are not listed.
 */
export const PIN_WORDS = ['pin', 'pins'] as const satisfies readonly string[];
/** Words that make a PIN name metadata or another thing: `pinCode` (a postal code in India), `pinRequired`, `pinCount`. */
export const PIN_NOT_FOLLOWED_BY = ['code', 'required', 'enabled', 'set', 'count', 'attempts', 'length'] as const satisfies readonly string[];

/**
 * Auth middleware of the supported frameworks, always recognised besides `settings.auth.middlewares`:
 * passport, express-jwt, express-oauth2-jwt-bearer, koa-jwt / koa-passport, Hono's `jwt` / `bearerAuth` /
 * `basicAuth`, @fastify/auth and the conventional `fastify.authenticate` decorator.
 */
export const FRAMEWORK_AUTH_MIDDLEWARES = [
  'passport.authenticate', 'expressjwt', 'expressJwt', 'jwtCheck', 'checkJwt', 'koaJwt', 'jwt', 'bearerAuth', 'basicAuth', 'jwk',
  'fastify.authenticate', 'fastify.auth', 'server.authenticate', 'app.authenticate', 'instance.authenticate',
] as const satisfies readonly string[];

/** Fastify hooks that run before the handler: `addHook('onRequest', fastify.authenticate)`. */
export const FASTIFY_AUTH_HOOKS = ['onRequest', 'preParsing', 'preValidation', 'preHandler'] as const satisfies readonly string[];

/** NestJS: guards and the decorators that mark a handler public. */
export const NEST_GUARD_DECORATORS = ['UseGuards', 'Authorized', 'Authenticated'] as const satisfies readonly string[];
/**
 * Decorators that put Express middleware in front of a handler or all of a controller's handlers:
 * OvernightJS `@Middleware(isAuthenticated)` / `@Middleware([a, b])` / `@ClassMiddleware(…)`,
 * routing-controllers `@UseBefore(authMiddleware)`. Each middleware is judged as one in front of a route.
 */
export const MIDDLEWARE_DECORATORS = ['Middleware', 'ClassMiddleware', 'UseBefore'] as const satisfies readonly string[];
export const NEST_PUBLIC_DECORATORS = ['Public', 'IsPublic', 'AllowAnonymous', 'SkipAuth', 'Unprotected', 'NoAuth'] as const satisfies readonly string[];

/**
 * Words that make a middleware name authentication when it stands before the handler
 * (`isAuthenticated`, `authMiddleware`, `requireJwt`, `ensureAuthorized`, `protect`), besides the
 * names of `settings.auth.middlewares`. Names that end with a word of `ROUTER_NAME_LAST_WORDS`
 * (`authRouter`, `authRoutes`) mount routes and are not middleware.
 */
export const AUTH_MIDDLEWARE_WORDS = [
  'auth', 'authed', 'authenticate', 'authenticated', 'authentication', 'authorize', 'authorized', 'authorise', 'authorised', 'authorization',
  'jwt', 'bearer', 'protect', 'protected',
  // A webhook's sender is authenticated by its signature (`verifySlackSignature`, `validateStripeSignature`).
  'signature',
] as const satisfies readonly string[];

/**
 * A check of the caller named by a verb and what it requires: `requireSignIn`, `ensureLoggedIn`
 * (connect-ensure-login), `requireLogin`, `isLoggedIn`, `requireUser`, `requireAPIKey`,
 * `isValidSecretKey`, `requireAdmin`. The first word is one of the verbs and a later word one of the
 * caller words (`sign` + `in` counts as signed in); names that also check the input
 * (`validateBodyKey`, `verifyCsrfToken`, `validateLoginRequest`) are not caller checks.
 */
export const CALLER_CHECK_VERBS = ['require', 'requires', 'ensure', 'is', 'has', 'must', 'needs'] as const satisfies readonly string[];
export const CALLER_WORDS = ['signin', 'signed', 'login', 'logged', 'loggedin', 'user', 'session', 'key', 'apikey', 'token', 'admin', 'account', 'member', 'secret', 'credential', 'credentials'] as const satisfies readonly string[];
/**
 * Verbs that check something given (`verifyApiKey`, `checkSession`, `validateToken`): a caller check
 * only with a credential word, since `validateLogin`, `checkUser` may as well check a sign-in form.
 */
export const CREDENTIAL_CHECK_VERBS = ['check', 'verify', 'validate', 'assert'] as const satisfies readonly string[];
export const CREDENTIAL_WORDS = ['signed', 'logged', 'loggedin', 'session', 'key', 'apikey', 'token', 'secret', 'credential', 'credentials'] as const satisfies readonly string[];
/**
 * Words that make a verb-named check one of something else than a signed-in caller: the input, a
 * captcha, a CSRF token, a guest-only page (`ensureLoggedOut`, `isNotLoggedIn`, `requireGuest`).
 */
export const NOT_CALLER_CHECK_WORDS = [
  'csrf', 'xsrf', 'body', 'schema', 'input', 'payload', 'idempotency', 'params', 'query', 'upload', 'file', 'content', 'captcha', 'recaptcha', 'turnstile', 'hcaptcha', 'cache',
  'reset', 'refresh', 'invite', 'invitation', 'verification', 'email', 'request', 'req', 'form', 'data', 'dto', 'fields', 'format',
  'out', 'not', 'no', 'guest', 'anonymous', 'anon',
] as const satisfies readonly string[];
/** Words after a caller word that make the name about a value of the input: `requireUserId`, `isUserExists`, `requireAccountName`. */
export const CALLER_VALUE_WORDS = ['id', 'ids', 'exists', 'name', 'names'] as const satisfies readonly string[];

/**
 * Last words of a middleware name that make it access control in a middleware position (`userGuard`, `adminGuard`,
 * `loggedInGuard`): a guard in front of routes refuses callers, unless it guards the input (`INPUT_GUARD_WORDS`) or
 * limits rate, caches or flags features (`NON_AUTH_GUARD_WORDS`).
 */
export const MIDDLEWARE_GUARD_LAST_WORDS = ['guard'] as const satisfies readonly string[];

/** Words of a guard that checks the request's input, not its caller (`validationGuard`, `csrfGuard`, `idempotencyKeyGuard`). */
export const INPUT_GUARD_WORDS = ['validation', 'validate', 'valid', 'csrf', 'xsrf', 'body', 'schema', 'input', 'payload', 'idempotency', 'idempotent', 'params', 'query', 'upload', 'file', 'content'] as const satisfies readonly string[];

/**
 * Words of `AUTH_MIDDLEWARE_WORDS` that say what a route is or needs (`protectedRoute()`, `authenticatedRoute`),
 * not what it serves (`authRoute`, the sign-in routes): with them a name ending in `route` is a middleware.
 */
export const AUTH_ROUTE_QUALIFIER_WORDS = ['protect', 'protected', 'authed', 'authenticate', 'authenticated', 'authorize', 'authorized', 'authorise', 'authorised'] as const satisfies readonly string[];

/** Last words of names that hold a router, an app or a controller, never a middleware: `authRouter`, `authController`. */
export const ROUTER_NAME_LAST_WORDS = ['router', 'routes', 'route', 'controller', 'controllers', 'app', 'api', 'module', 'service', 'handlers', 'handler', 'plugin', 'plugins'] as const satisfies readonly string[];

/**
 * Words of NestJS guards that do not authenticate: `@nestjs/throttler`'s `ThrottlerGuard` and other
 * rate-limit, cache or feature-flag guards let anonymous callers through.
 */
export const NON_AUTH_GUARD_WORDS = ['throttler', 'throttle', 'throttling', 'rate', 'ratelimit', 'limit', 'limiter', 'cache', 'feature', 'flag', 'maintenance', 'timeout', 'logging'] as const satisfies readonly string[];

/**
 * NestJS: the injection token of a global guard (`{ provide: APP_GUARD, useClass: JwtAuthGuard }`,
 * https://docs.nestjs.com/guards#binding-guards) and the call registering one on the app
 * (`app.useGlobalGuards(new JwtAuthGuard())`).
 */
/** Words that, besides `AUTH_MIDDLEWARE_WORDS`, make a global guard authentication: `SessionGuard`, `AccessTokenGuard`, `ApiKeyGuard`. */
export const GLOBAL_GUARD_AUTH_WORDS = ['session', 'token', 'key', 'login', 'user', 'identity', 'passport', 'clerk', 'supabase', 'firebase', 'cognito', 'oauth', 'oidc'] as const satisfies readonly string[];

export const NEST_GLOBAL_GUARD_TOKEN = 'APP_GUARD';
export const NEST_GLOBAL_GUARD_CALL = 'useGlobalGuards';

/** NestJS composite decorators (`applyDecorators(UseGuards(AuthGuard), ApiBearerAuth())`, https://docs.nestjs.com/custom-decorators#decorator-composition). */
export const NEST_COMPOSE_DECORATORS = ['applyDecorators'] as const satisfies readonly string[];

/**
 * Metadata keys that mark a handler public when set with `SetMetadata(KEY, true)` (the documented
 * `@Public()` recipe, https://docs.nestjs.com/security/authentication#enable-authentication-globally):
 * a key with one of these words (`IS_PUBLIC_KEY`, `allowAnonymous`), or one of `NEST_SKIP_WORDS`
 * followed by `auth` (`skipAuth`, `NO_AUTH`).
 */
export const NEST_PUBLIC_METADATA_WORDS = ['public', 'anonymous', 'unprotected', 'unauthenticated'] as const satisfies readonly string[];
export const NEST_SKIP_WORDS = ['skip', 'no', 'bypass', 'without'] as const satisfies readonly string[];
