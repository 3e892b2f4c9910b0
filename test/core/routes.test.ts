import { describe, expect, it } from 'vitest';
import {
  isAuthGuard,
  isAuthMiddleware,
  isGlobalAuthGuard,
  isUnderPrefix,
  isPublicMetadataKey,
  joinRoutePath,
  judgeRouteAuth,
  matchRegistrar,
  nestDecoratorAuth,
  registrarSelector,
} from '../../src/core/classify/routes.js';
import { ConfigError } from '../../src/core/errors.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings.js';

describe('joinRoutePath', () => {
  it.each([
    [['/api', 'users', ':id'], '/api/users/:id'],
    [['', '/auth', 'login'], '/auth/login'],
    [['api', 'v1', '/auth/', '/logout'], '/api/v1/auth/logout'],
    [['/api', '/'], '/api'],
    [['', ''], '/'],
    [[], '/'],
  ])('%j → %s', (parts, expected) => {
    expect(joinRoutePath(...parts)).toBe(expected);
  });
});

describe('isUnderPrefix', () => {
  it.each([
    ['/admin/stats', '/admin', true],
    ['/admin', '/admin/*', true],
    ['/admin/users/1', '/admin/**', true],
    ['/administrators', '/admin', false],
    ['/orders', '', true],
    ['/orders', '/', true],
  ])('%s under %s → %s', (path, prefix, expected) => {
    expect(isUnderPrefix(path, prefix)).toBe(expected);
  });
});

describe('isAuthMiddleware', () => {
  it.each([
    [['requireAuth'], false, true],
    [['passport', 'authenticate'], false, true],
    [['auth', 'required'], true, true],
    [['auth', 'required'], false, false],
    [['isAuthenticated'], true, true],
    [['authMiddleware'], true, true],
    [['middlewares', 'authenticated'], true, true],
    [['requireJwt'], true, true],
    [['verifySlackSignature'], true, true],
    // A guard in front of routes refuses callers: `router.use('/user', userGuard, userRouter)`.
    [['userGuard'], true, true],
    [['middleware', 'adminGuard'], true, true],
    [['userGuard'], false, false],
    [['loggedInGuard'], true, true],
    [['tenantGuard'], true, true],
    // A name that says the route is protected: `app.use('/v2/lookup', protectedRoute(), lookupRouter)`.
    [['protectedRoute'], true, true],
    [['authenticatedRoute'], true, true],
    // Routers, rate limits and other middleware are not auth.
    [['authRouter'], true, false],
    [['authRoute'], true, false],
    [['auth', 'routes'], true, false],
    [['authController', 'login'], true, false],
    [['authLimiter'], true, false],
    [['rateLimitGuard'], true, false],
    [['validationGuard'], true, false],
    [['csrfGuard'], true, false],
    [['idempotencyKeyGuard'], true, false],
    [['maintenanceGuard'], true, false],
    [['validate'], true, false],
    [['requireRole'], true, false],
    [['cors'], true, false],
    // A check of the caller named by a verb and what it requires.
    [['requireSignIn'], true, true],
    [['ensureLoggedIn'], true, true],
    [['requireLogin'], true, true],
    [['requireAPIKey'], true, true],
    [['isValidSecretKey'], true, true],
    [['middlewares', 'requireUser'], true, true],
    [['requireSignIn'], false, false],
    // The same verbs on the input, a captcha or a reset token are not.
    [['validateBody'], true, false],
    [['verifyCsrfToken'], true, false],
    [['verifyCaptcha'], true, false],
    [['checkResetToken'], true, false],
    [['requireJsonBody'], true, false],
    [['ensureUploadKey'], true, false],
    [['verifyApiKey'], true, true],
    [['checkSession'], true, true],
    [['validateLoginRequest'], true, false],
    [['validateLogin'], true, false],
    [['checkUser'], true, false],
    // Guest-only pages and checks of a value of the input.
    [['ensureLoggedOut'], true, false],
    [['isNotLoggedIn'], true, false],
    [['requireGuest'], true, false],
    [['isValidUser'], true, false],
    [['isUserExists'], true, false],
    [['requireUserId'], true, false],
    [['isLoggedIn'], true, true],
    [['hasSession'], true, true],
  ])('%j (middleware position: %s) → %s', (names, middlewarePosition, expected) => {
    expect(isAuthMiddleware(names, middlewarePosition, DEFAULT_SETTINGS)).toBe(expected);
  });
});

describe('guards', () => {
  it.each([
    ['JwtAuthGuard', true],
    ['AuthGuard', true],
    ['RolesGuard', true],
    ['ThrottlerGuard', false],
    ['RateLimitGuard', false],
    ['FeatureFlagGuard', false],
  ])('isAuthGuard(%s) → %s', (name, expected) => {
    expect(isAuthGuard(name)).toBe(expected);
  });

  it.each([
    ['JwtAuthGuard', undefined, true],
    ['SessionGuard', undefined, true],
    ['ApiKeyGuard', undefined, true],
    ['PrincipalGuard', 'AuthGuard', true],
    ['ImpersonationWriteGuard', undefined, false],
    ['ThrottlerGuard', undefined, false],
    ['MaintenanceGuard', undefined, false],
  ])('isGlobalAuthGuard(%s extends %s) → %s', (name, extendsName, expected) => {
    expect(isGlobalAuthGuard(name, extendsName)).toBe(expected);
  });

  it.each([
    ['IS_PUBLIC_KEY', true],
    ['isPublic', true],
    ['skipAuth', true],
    ['allowAnonymous', true],
    ['skipThrottle', false],
    ['roles', false],
  ])('isPublicMetadataKey(%s) → %s', (key, expected) => {
    expect(isPublicMetadataKey(key)).toBe(expected);
  });
});

describe('nestDecoratorAuth', () => {
  it('reads guards on the class and the method, composite decorators with where they come from', () => {
    expect(
      nestDecoratorAuth(
        [
          { name: 'Controller', args: ['users'], on: 'class' },
          { name: 'Auth', args: ['admin'], on: 'class' },
          { name: 'UseGuards', args: ['JwtAuthGuard', 'RolesGuard'], on: 'class', via: 'Auth' },
          { name: 'UseGuards', args: ['ThrottlerGuard'], on: 'method' },
        ],
        DEFAULT_SETTINGS,
      ),
    ).toEqual({
      sources: [
        { name: 'JwtAuthGuard', evidence: '@Auth() → @UseGuards(JwtAuthGuard, RolesGuard) on class' },
        { name: 'RolesGuard', evidence: '@Auth() → @UseGuards(JwtAuthGuard, RolesGuard) on class' },
      ],
      publicEvidence: undefined,
    });
  });

  it('takes @Public() and SetMetadata(IS_PUBLIC_KEY, true) as public markers', () => {
    expect(nestDecoratorAuth([{ name: 'Public', args: [], on: 'method' }], DEFAULT_SETTINGS).publicEvidence).toBe('public: @Public() on method');
    expect(nestDecoratorAuth([{ name: 'SetMetadata', args: ['IS_PUBLIC_KEY', 'true'], on: 'method', via: 'AllowGuests' }], DEFAULT_SETTINGS).publicEvidence).toBe(
      'public: @AllowGuests() → @SetMetadata(IS_PUBLIC_KEY, true) on method',
    );
  });
});

describe('judgeRouteAuth', () => {
  const settings = parseSettings({ auth: { publicRoutes: ['/health/**', 'GET /'] } });

  it.each([
    ['GET', '/health/live', true, 'public: publicRoutes /health/**'],
    ['POST', '/health/reset', true, 'public: publicRoutes /health/**'],
    ['GET', '/', true, 'public: publicRoutes GET /'],
    ['POST', '/', false, undefined],
    ['GET', '/orders', false, undefined],
    ['GET', '/healthz', false, undefined],
  ])('%s %s → public %s', (method, path, isPublic, evidence) => {
    expect(judgeRouteAuth({ method, paths: [path], sources: [] }, settings)).toEqual({ auth: [], public: isPublic, evidence });
  });

  it('lists each auth source once and says where they come from, outermost first', () => {
    const verdict = judgeRouteAuth(
      {
        method: 'GET',
        paths: ['/api/orders'],
        sources: [
          { name: 'requireAuth', evidence: 'router.use(requireAuth) at src/routes/index.ts:12' },
          { name: 'auth.required', evidence: 'auth.required at src/routes/orders.ts:8' },
          { name: 'requireAuth', evidence: 'router.use(requireAuth) at src/routes/index.ts:12' },
        ],
      },
      settings,
    );
    expect(verdict).toEqual({
      auth: ['requireAuth', 'auth.required'],
      public: false,
      evidence: 'router.use(requireAuth) at src/routes/index.ts:12; auth.required at src/routes/orders.ts:8',
    });
  });
});

describe('registrars', () => {
  const settings = parseSettings({ routes: { registrars: [{ call: 'this.route', method: 'method', path: 'path', handler: 'handler' }, { call: '*.addGet', method: 'GET', path: '0', handler: '1' }] } });

  it('matches a registration helper by its callee as written', () => {
    expect(matchRegistrar(['this', 'route'], settings)?.path).toBe('path');
    expect(matchRegistrar(['api', 'addGet'], settings)?.method).toBe('GET');
    expect(matchRegistrar(['this', 'router', 'route'], settings)).toBeUndefined();
    expect(matchRegistrar(['route'], settings)).toBeUndefined();
  });

  it.each([
    ['0', { kind: 'argument', index: 0 }],
    ['path', { kind: 'property', key: 'path' }],
    ['POST', { kind: 'fixed', value: 'POST' }],
  ])('selector %s', (text, expected) => {
    expect(registrarSelector(text)).toEqual(expected);
  });

  it('rejects a registrar without a handler or with unknown keys', () => {
    expect(() => parseSettings({ routes: { registrars: [{ call: 'this.route', method: 'method', path: 'path' }] } })).toThrow(ConfigError);
    expect(() => parseSettings({ routes: { registrars: [{ call: 'this.route', method: 'method', path: 'path', handler: 'handler', verb: 'x' }] } })).toThrow(ConfigError);
  });
});
