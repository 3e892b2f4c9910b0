import { describe, expect, it } from 'vitest';
import { classifyJwtCall, isAdminOnlyDecorator, isAuthenticationFunction, isAuthFunctionName, isAuthMiddlewareName, isHmacSecretKey, isHttpClientRequest, isPublicRoute, parsePublicRoute } from '../../src/core/classify/auth.js';
import { joinRoutePath } from '../../src/core/classify/routes.js';
import { classifyConstructedClass, classifyDependencyFactory, isCompositionRootFile } from '../../src/core/classify/dependency.js';
import { isHashCall, isHashName, isHashingEntity, isPasswordFieldName, mayHashOutOfSight, mayMentionPasswordField } from '../../src/core/classify/hash.js';
import { ConfigError } from '../../src/core/errors.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings.js';
import { chain } from './chain.js';

describe('classifyJwtCall', () => {
  it.each([
    ['jwt.decode', undefined, { library: 'jsonwebtoken', operation: 'decode' }],
    ['jwt.verify', 'jsonwebtoken', { library: 'jsonwebtoken', operation: 'verify' }],
    ['verify', 'jsonwebtoken', { library: 'jsonwebtoken', operation: 'verify' }],
    ['jwtVerify', 'jose', { library: 'jose', operation: 'verify' }],
    ['jose.decodeJwt', 'jose', { library: 'jose', operation: 'decode' }],
    ['jwtDecode', 'jwt-decode', { library: 'jwt-decode', operation: 'decode' }],
    ['this.jwtService.decode', undefined, { library: 'nestjs-jwt', operation: 'decode' }],
    ['this.jwtService.verifyAsync', undefined, { library: 'nestjs-jwt', operation: 'verify' }],
  ])('%s (imported from %s)', (text, rootImport, expected) => {
    expect(classifyJwtCall(chain(text, [], rootImport === undefined ? {} : { rootImport }))).toMatchObject(expected);
  });

  it.each([
    ['decode', './codec.js'],
    ['verify', './signatures.js'],
    ['jwt.decode', './my-jwt.js'],
    ['base64.decode', undefined],
    ['this.codec.decode', undefined],
    ['jwt.sign', 'jsonwebtoken'],
  ])('not a JWT check: %s (imported from %s)', (text, rootImport) => {
    expect(classifyJwtCall(chain(text, [], rootImport === undefined ? {} : { rootImport }))).toBeUndefined();
  });

  it('trusts the declaring package when typed linting knows it', () => {
    expect(classifyJwtCall(chain('jwt.decode', []), () => ({ package: 'my-codec' }))).toBeUndefined();
    expect(classifyJwtCall(chain('tokens.decode', []), () => ({ package: 'jsonwebtoken' }))).toMatchObject({ library: 'jsonwebtoken', operation: 'decode' });
  });
});

describe('isAdminOnlyDecorator', () => {
  it.each([
    ["@Roles('admin')", true], ['@HasPermission(permissions.accessAdminControl)', true], ['@UseGuards(AuthGuard(), AdminGuard)', true], ['@Auth(Role.Administrator)', true],
    ["@Roles('user')", false], ['@HasPermission(permissions.readAdministrators)', false], ['@UseGuards(AuthGuard())', false], ["@Get('admin/stats')", false], ['@Admin', false],
  ])('%s', (text, expected) => {
    expect(isAdminOnlyDecorator(text)).toBe(expected);
  });
});

describe('auth names', () => {
  it.each(['requireAuth', 'authenticate', 'canActivate', 'getCurrentUser', 'verifyToken', 'requireRole'])('%s is auth code', (name) => {
    expect(isAuthFunctionName(name)).toBe(true);
  });
  it.each(['expiresSoon', 'tokenPayloadForDebugPage', 'formatDate'])('%s is not auth code', (name) => {
    expect(isAuthFunctionName(name)).toBe(false);
  });
  it('matches auth middleware as written, by last names and by patterns', () => {
    expect(isAuthMiddlewareName(['passport', 'authenticate'], DEFAULT_SETTINGS)).toBe(true);
    expect(isAuthMiddlewareName(['this', 'auth', 'requireAuth'], DEFAULT_SETTINGS)).toBe(true);
    expect(isAuthMiddlewareName(['fastify', 'authenticate'], DEFAULT_SETTINGS)).toBe(true);
    expect(isAuthMiddlewareName(['validate'], DEFAULT_SETTINGS)).toBe(false);
    expect(isAuthMiddlewareName(['requireRole'], DEFAULT_SETTINGS)).toBe(false);
    expect(isAuthMiddlewareName(['requireRole'], parseSettings({ auth: { middlewares: ['require*'] } }))).toBe(true);
  });
});

describe('public routes', () => {
  const settings = parseSettings({ auth: { publicRoutes: ['GET /health', '/docs/**', 'POST /auth/*', 'get /products/:id', 'ALL /status/'] } });
  it.each([
    ['GET', '/health', true],
    ['POST', '/health', false],
    ['PUT', '/docs/a/b/c', true],
    ['POST', '/auth/login', true],
    ['POST', '/auth/login/history', false],
    ['GET', '/products/:id', true],
    ['DELETE', '/status', true],
    ['GET', '/health/', true],
  ] as const)('%s %s → %s', (method, path, expected) => {
    expect(isPublicRoute(method, path, settings)).toBe(expected);
  });
  it('parses method and path', () => {
    expect(parsePublicRoute('post /login')).toMatchObject({ method: 'POST', path: '/login' });
    expect(parsePublicRoute('/login')).toMatchObject({ method: undefined, path: '/login' });
  });
  it.each(['health', 'FETCH /x', 'GET', 'GET /a /b'])('rejects %j with a ConfigError naming the entry', (entry) => {
    expect(() => parseSettings({ auth: { publicRoutes: ['GET /ok', entry] } })).toThrow(ConfigError);
    expect(() => parseSettings({ auth: { publicRoutes: ['GET /ok', entry] } })).toThrow("'backend-patterns.auth.publicRoutes[1]'");
  });
  it('joins NestJS controller prefixes and handler paths', () => {
    expect(joinRoutePath('users', ':id')).toBe('/users/:id');
    expect(joinRoutePath('/admin/', '/stats/')).toBe('/admin/stats');
    expect(joinRoutePath('', '')).toBe('/');
  });
});

describe('password hashing', () => {
  it.each(['password', 'newPassword', 'password_hash', 'passwordHash', 'pwd', 'passcode', 'pin', 'cardPin'])('%s is password-like', (name) => {
    expect(isPasswordFieldName(name, DEFAULT_SETTINGS)).toBe(true);
  });
  it.each(['passwordChangedAt', 'passwordResetRequired', 'hasPassword', 'email', 'pinCode', 'spinner', 'apiKey'])('%s is not', (name) => {
    expect(isPasswordFieldName(name, DEFAULT_SETTINGS)).toBe(false);
  });
  it('extends password fields from settings', () => {
    expect(isPasswordFieldName('secretAnswer', parseSettings({ hash: { passwordFields: ['secretAnswer'] } }))).toBe(true);
  });
  it.each(['bcrypt.hash', 'bcryptjs.hashSync', 'argon2.hash', 'crypto.scryptSync', 'crypto.pbkdf2Sync', 'hash', 'hashPassword', 'this.passwordHasher.hash', 'scryptAsync'])('%s hashes', (text) => {
    expect(isHashCall(chain(text, []), DEFAULT_SETTINGS)).toBe(true);
  });
  it.each(['bcrypt.compare', 'encrypt', 'normalise', 'this.passwords.make'])('%s does not hash', (text) => {
    expect(isHashCall(chain(text, []), DEFAULT_SETTINGS)).toBe(false);
  });
  it('adds hash helpers from settings', () => {
    expect(isHashCall(chain('this.passwords.make', []), parseSettings({ hash: { functions: ['passwords.make'] } }))).toBe(true);
  });
  it('knows entities that hash in a before-write hook, or are configured to', () => {
    const hook = { name: 'hashPassword', decorators: ['BeforeInsert'], calledNames: ['argon2', 'hash'] };
    expect(isHashingEntity('UserEntity', [hook], DEFAULT_SETTINGS)).toBe(true);
    expect(isHashingEntity('UserEntity', [{ name: 'beforeSave', decorators: ['BeforeUpdate'], calledNames: ['bcrypt', 'hash'] }], DEFAULT_SETTINGS)).toBe(true);
    expect(isHashingEntity('UserEntity', [{ name: 'normalise', decorators: ['BeforeInsert'], calledNames: ['toLowerCase'] }], DEFAULT_SETTINGS)).toBe(false);
    expect(isHashingEntity('UserEntity', [{ name: 'hashPassword', decorators: [], calledNames: ['hash'] }], DEFAULT_SETTINGS)).toBe(false);
    expect(isHashingEntity('User', [], parseSettings({ hash: { hashingModels: ['User'] } }))).toBe(true);
  });
  it('recognises names that hold a hash', () => {
    expect(isHashName('passwordHash')).toBe(true);
    expect(isHashName('hashedPassword')).toBe(true);
    expect(isHashName('password')).toBe(false);
  });
});

describe('constructed dependencies', () => {
  it.each([
    ['PrismaClient', 'db-client'],
    ['Pool', 'db-client'],
    ['UserRepository', 'repository'],
    ['PaymentService', 'service'],
    ['StripeGateway', 'http-client'],
    ['HttpClient', 'http-client'],
    ['Redis', 'cache-client'],
  ] as const)('%s → %s', (name, kind) => {
    expect(classifyConstructedClass(name)).toBe(kind);
  });
  it.each(['Date', 'Map', 'URL', 'NotFoundError', 'ServiceUnavailableException', 'HttpClientError', 'CreateUserDto', 'Logger', 'Prisma.Decimal', 'Service', 'OrderPlacedEvent'])('%s is a value', (name) => {
    expect(classifyConstructedClass(name)).toBeUndefined();
  });
  it('recognises client factories', () => {
    expect(classifyDependencyFactory(['knex'])).toBe('db-client');
    expect(classifyDependencyFactory(['mysql', 'createPool'])).toBe('db-client');
    expect(classifyDependencyFactory(['axios', 'create'])).toBe('http-client');
    expect(classifyDependencyFactory(['repo', 'create'])).toBeUndefined();
  });
  it('knows composition roots', () => {
    expect(isCompositionRootFile('src/main.ts', DEFAULT_SETTINGS)).toBe(true);
    expect(isCompositionRootFile('./src/users/users.module.ts', DEFAULT_SETTINGS)).toBe(true);
    expect(isCompositionRootFile('src/services/user.service.ts', DEFAULT_SETTINGS)).toBe(false);
  });
});

describe('mayMentionPasswordField', () => {
  it('passes files that name password-like fields, in any case', () => {
    expect(mayMentionPasswordField('const dto = { Password: x }', DEFAULT_SETTINGS)).toBe(true);
    expect(mayMentionPasswordField('user.pwd = y', DEFAULT_SETTINGS)).toBe(true);
    expect(mayMentionPasswordField('card.pin = 1234', DEFAULT_SETTINGS)).toBe(true);
  });
  it('skips files that cannot name one', () => {
    expect(mayMentionPasswordField('await prisma.order.create({ data: { total } })', DEFAULT_SETTINGS)).toBe(false);
  });
  it('honours configured password fields', () => {
    const settings = parseSettings({ hash: { passwordFields: ['*Secret'] } });
    expect(mayMentionPasswordField('repo.save({ totpSecret: s })', settings)).toBe(true);
    expect(mayMentionPasswordField('repo.save({ total: s })', settings)).toBe(false);
  });
});

describe('isHmacSecretKey', () => {
  it.each(['SECRET', 'jwtSecret', 'ACCESS_TOKEN_SECRET', 'jwt_secret', 'secret', 'jwtSecretKey'])('%s names a shared secret', (name) => {
    expect(isHmacSecretKey({ kind: 'name', name })).toBe(true);
  });
  it.each(['publicKey', 'secretOrPublicKey', 'PUBLIC_KEY', 'certs', 'jwks', 'getKey', 'key', 'signingKeyPem'])('%s is no secret (or unknown)', (name) => {
    expect(isHmacSecretKey({ kind: 'name', name })).toBe(false);
  });
  it('judges literals by PEM armour', () => {
    expect(isHmacSecretKey({ kind: 'text', text: 'dev-signing-key' })).toBe(true);
    expect(isHmacSecretKey({ kind: 'text', text: '-----BEGIN PUBLIC KEY-----\nMIIB' })).toBe(false);
  });
});

describe('isHttpClientRequest', () => {
  it.each(['fetch', 'axios', 'axios.post', 'got.get', 'this.httpService.post', 'this.googleHttpClient.get'])('%s is an HTTP client request', (text) => {
    expect(isHttpClientRequest(chain(text))).toBe(true);
  });
  it.each(['req.get', 'this.userService.get', 'cache.get', 'http.createServer'])('%s is not', (text) => {
    expect(isHttpClientRequest(chain(text))).toBe(false);
  });
});

describe('mayHashOutOfSight', () => {
  it('is true for an entity imported from the project whose declaration is unseen', () => {
    expect(mayHashOutOfSight({ importedFrom: './user.entity', declarationSeen: false })).toBe(true);
    expect(mayHashOutOfSight({ importedFrom: '@/models/user', declarationSeen: false })).toBe(true);
  });
  it('is false when the declaration was seen, the class comes from a package, or nothing is imported', () => {
    expect(mayHashOutOfSight({ importedFrom: './user.entity', declarationSeen: true })).toBe(false);
    expect(mayHashOutOfSight({ importedFrom: '@acme/models', declarationSeen: false })).toBe(false);
    expect(mayHashOutOfSight({ declarationSeen: false })).toBe(false);
  });
});

describe('isAuthenticationFunction', () => {
  it('is a function that verifies a token, or one named to authenticate', () => {
    expect(isAuthenticationFunction({ name: 'getClaimsByToken', verifiesToken: true })).toBe(true);
    expect(isAuthenticationFunction({ name: 'authenticateSession', verifiesToken: false })).toBe(true);
    expect(isAuthenticationFunction({ name: 'getAuthenticatedUser', verifiesToken: false })).toBe(true);
  });
  it('is not one that only validates, requires or reads something', () => {
    expect(isAuthenticationFunction({ name: 'validateCoupon', verifiesToken: false })).toBe(false);
    expect(isAuthenticationFunction({ name: 'requireProject', verifiesToken: false })).toBe(false);
    expect(isAuthenticationFunction({ name: 'authTrx', verifiesToken: false })).toBe(false);
    expect(isAuthenticationFunction({ name: 'getClaimsByToken', verifiesToken: false })).toBe(false);
    // A token check that goes on to load the caller's data is the request's data access.
    expect(isAuthenticationFunction({ name: 'getMyOrders', verifiesToken: true })).toBe(false);
  });
});
