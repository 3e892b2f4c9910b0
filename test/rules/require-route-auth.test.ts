import rule from '../../rules/require-route-auth.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const publicRoutes = (...routes: string[]) => ({ 'backend-patterns': { auth: { publicRoutes: routes } } });
const missing = (line: number, column: number, route: string, suggestions: { messageId: 'addMiddleware'; data: { name: string }; output: string }[] = []) =>
  ({ messageId: 'missingAuth' as const, line, column, data: { route }, suggestions });
const registrars = { 'backend-patterns': { routes: { registrars: [{ call: 'this.route', method: 'method', path: 'path', handler: 'handler', middleware: 'preHandler' }] } } };
const guard = (line: number, column: number, route: string, controller: string) =>
  ({ messageId: 'missingGuard' as const, line, column, data: { route, controller }, suggestions: [] });

runRuleTests('require-route-auth', rule, {
  valid: [
    // Express: the guide's require_auth / require_role middleware on each route.
    `import { Router } from 'express';
const router = Router();
router.get('/orders', requireAuth, orders.list);
router.delete('/users/:id', requireAuth, requireRole('admin'), users.remove);`,
    // Router-level middleware before the routes.
    `const router = express.Router();
router.use(requireAuth);
router.get('/me', users.me);
router.post('/orders', orders.place);`,
    `app.use('/admin', authenticate);
app.get('/admin/stats', stats.show);`,
    // A CORS preflight answered by the cors middleware: browsers send it without credentials.
    `import cors from 'cors';
const corsOptions = { origin: process.env.CLIENT_URL, credentials: true };
app.options('*', cors(corsOptions));
router.options('/digest', cors<express.Request>(corsOptions));`,
    // passport and express-jwt.
    `app.get('/profile', passport.authenticate('jwt', { session: false }), profile.show);`,
    `app.get('/profile', expressjwt({ secret, algorithms: ['HS256'] }), profile.show);`,
    // express-jwt style auth object in a middleware position.
    `router.get('/articles', auth.optional, articles.list);
router.put('/user', auth.required, users.update);`,
    // Arrays of middleware.
    `app.post('/orders', [verifyToken, validate(orderSchema)], orders.place);`,
    // Configured public routes, with and without a method, with globs.
    { code: `app.get('/health', (req, res) => res.json({ ok: true }));`, settings: publicRoutes('GET /health') },
    { code: `router.post('/auth/login', auth.login);`, settings: publicRoutes('POST /auth/*') },
    { code: `router.get('/docs/api/v1/index.html', docs.serve);`, settings: publicRoutes('/docs/**') },
    { code: `router.get('/products/:id', products.show);`, settings: publicRoutes('GET /products/:id') },
    // Configured middleware names (patterns too).
    { code: `app.get('/orders', ensureLoggedIn(), orders.list);`, settings: { 'backend-patterns': { auth: { middlewares: ['ensureLoggedIn'] } } } },
    { code: `app.get('/orders', this.guards.requireSession, orders.list);`, settings: { 'backend-patterns': { auth: { middlewares: ['require*'] } } } },
    // Fastify: preHandler / onRequest hooks, route-level and instance-level.
    `fastify.get('/me', { preHandler: [fastify.authenticate] }, async (request) => request.user);`,
    `fastify.route({ method: 'GET', url: '/me', onRequest: fastify.authenticate, handler: me });`,
    `export default async function routes(fastify) {
  fastify.addHook('onRequest', fastify.authenticate);
  fastify.get('/orders', listOrders);
}`,
    // Hono and Koa.
    `const app = new Hono();
app.use('/api/*', jwt({ secret: process.env.JWT_SECRET }));
app.get('/api/orders', (c) => c.json([]));`,
    `router.get('/orders', koaJwt({ secret }), async (ctx) => { ctx.body = []; });`,
    // Not routes.
    `const value = cache.get('/users');
headers.get('authorization');
app.set('trust proxy', 1);
const env = app.get('env');`,
    // NestJS: guards on the controller or the handler, @Public, global guard.
    `@Controller('orders') @UseGuards(JwtAuthGuard) export class OrdersController { @Get() list() { return []; } }`,
    `@Controller('orders') export class OrdersController { @Get(':id') @UseGuards(AuthGuard('jwt')) one() { return {}; } }`,
    `@Controller('auth') export class AuthController { @Public() @Post('login') login() { return {}; } }`,
    // OvernightJS / routing-controllers: auth middleware put in front by a decorator; a sign-in check by its name.
    `@Controller('contacts') export class Contacts { @Get(':id') @Middleware([isAuthenticated]) show() { return {}; } }`,
    `@Controller('contacts') @ClassMiddleware(requireSignIn) export class Contacts { @Post('') create() { return {}; } }`,
    `@Controller('contacts') export class Contacts { @Post('') @UseBefore(requireAPIKey) create() { return {}; } }`,
    `router.get('/recordings', requireSignIn, listRecordings);`,
    { code: `@Controller('orders') export class OrdersController { @Get() list() { return []; } }`, settings: { 'backend-patterns': { auth: { globalGuard: true } } } },
    { code: `@Controller('health') export class HealthController { @Get() check() { return { ok: true }; } }`, settings: publicRoutes('GET /health') },
    // A route mounted on a router that is protected where it is mounted is checked there; Hono sub-app mounts too.
    `app.route('/books', booksApp);`,
    // A configured registration helper with auth middleware, or a public path.
    { code: `class Api { mount() { this.route({ method: 'POST', path: '/invoices', preHandler: requireAuth, handler: this.create }); } }`, settings: registrars },
    { code: `class Api { mount() { this.route({ method: 'GET', path: '/health', handler: this.health }); } }`, settings: { 'backend-patterns': { ...registrars['backend-patterns'], auth: { publicRoutes: ['GET /health'] } } } },
    // Globs and the root route, as the audit's route table reads them.
    { code: `app.get('/health/live', (req, res) => res.send('ok'));`, settings: publicRoutes('/health/**') },
    { code: `app.get('/', (req, res) => res.json({ service: 'orders' }));`, settings: publicRoutes('GET /') },
    // Middleware named by auth words, before the handler.
    `router.get('/invoices', isAuthenticated, invoices.list);`,
    `router.get('/invoices', middlewares.authenticated, invoices.list);`,
    // A composite decorator defined in the file, followed to its guards; a public marker made with SetMetadata.
    `const Auth = (...roles) => applyDecorators(SetMetadata('roles', roles), UseGuards(JwtAuthGuard, RolesGuard));
@Controller('invoices') @Auth('admin') export class InvoicesController { @Get() list() { return []; } }`,
    `export const AllowGuests = () => SetMetadata(IS_PUBLIC_KEY, true);
@Controller('catalog') export class CatalogController { @Get() @AllowGuests() list() { return []; } }`,
  ],
  invalid: [
    // OPTIONS with a handler of its own, or another method answered by cors alone, is a route like any other.
    {
      code: `import cors from 'cors';
router.options('/probe', cors(), describeProbe);
router.get('/feed', cors());`,
      errors: [missing(2, 8, 'OPTIONS /probe'), missing(3, 8, 'GET /feed')],
    },
    {
      code: `router.get('/reports/orders.csv', reports.exportCsv);`,
      errors: [missing(1, 8, 'GET /reports/orders.csv')],
    },
    {
      code: `import { requireAuth } from './middleware/auth.js';
router.delete('/users/:id', users.remove);`,
      errors: [missing(2, 8, 'DELETE /users/:id', [{ messageId: 'addMiddleware', data: { name: 'requireAuth' }, output: `import { requireAuth } from './middleware/auth.js';
router.delete('/users/:id', requireAuth, users.remove);` }])],
    },
    {
      code: `app.post('/orders', validate(orderSchema), orders.place);`,
      errors: [missing(1, 5, 'POST /orders')],
    },
    {
      code: `app.get('/health', (req, res) => res.json({ ok: true }));
app.get('/metrics', metrics.show);`,
      settings: publicRoutes('GET /health'),
      errors: [missing(2, 5, 'GET /metrics')],
    },
    {
      code: `router.post('/health', health.reset);`,
      settings: publicRoutes('GET /health'),
      errors: [missing(1, 8, 'POST /health')],
    },
    {
      code: `router.get('/auth/login/history', auth.history);`,
      settings: publicRoutes('GET /auth/login'),
      errors: [missing(1, 8, 'GET /auth/login/history')],
    },
    // Router-level auth after the route does not protect it.
    {
      code: `router.get('/me', users.me);
router.use(requireAuth);`,
      errors: [missing(1, 8, 'GET /me')],
    },
    // Auth mounted on another path.
    {
      code: `app.use('/admin', requireAuth);
app.get('/reports', reports.list);`,
      errors: [missing(2, 5, 'GET /reports')],
    },
    // Auth on another router.
    {
      code: `adminRouter.use(requireAuth);
publicRouter.get('/orders', orders.list);`,
      errors: [missing(2, 14, 'GET /orders')],
    },
    // Auth registered in another function.
    {
      code: `function protect(router) { router.use(requireAuth); }
function routes(router) { router.get('/orders', orders.list); }`,
      errors: [missing(2, 34, 'GET /orders')],
    },
    {
      code: `router.route('/orders').get(orders.list).post(requireAuth, orders.place);`,
      errors: [missing(1, 25, 'GET /orders')],
    },
    // A handler of an auth controller is not a middleware.
    {
      code: `router.post('/auth/logout-everywhere', auth.logoutEverywhere);`,
      errors: [missing(1, 8, 'POST /auth/logout-everywhere')],
    },
    {
      code: `app.all('/webhooks/*', webhooks.handle);`,
      errors: [missing(1, 5, 'ALL /webhooks/*')],
    },
    {
      code: `router.patch(path, orders.update);`,
      errors: [missing(1, 8, 'PATCH (dynamic path)')],
    },
    {
      code: `fastify.get('/me', async (request) => request.user);`,
      errors: [missing(1, 9, 'GET /me')],
    },
    {
      code: `fastify.get('/me', { schema: meSchema }, async (request) => request.user);`,
      errors: [missing(1, 9, 'GET /me')],
    },
    {
      code: `fastify.route({ method: ['POST', 'PUT'], url: '/orders', handler: placeOrder });`,
      errors: [missing(1, 9, 'POST|PUT /orders')],
    },
    {
      code: `const app = new Hono();
app.get('/api/orders', (c) => c.json([]));`,
      errors: [missing(2, 5, 'GET /api/orders')],
    },
    {
      code: `router.post('/orders', async (ctx) => { ctx.body = await orders.place(ctx.request.body); });`,
      errors: [missing(1, 8, 'POST /orders')],
    },
    {
      code: `@Controller('orders') export class OrdersController { @Get(':id') one() { return {}; } }`,
      errors: [guard(1, 55, 'GET /orders/:id', 'OrdersController')],
    },
    {
      code: `@Controller({ path: 'admin' }) export class AdminController {
  @Get('stats') @UseGuards(JwtAuthGuard) stats() { return {}; }
  @Delete('users/:id') remove() { return {}; }
}`,
      errors: [guard(3, 3, 'DELETE /admin/users/:id', 'AdminController')],
    },
    {
      code: `@Controller('health') export class HealthController { @Post('reset') reset() { return {}; } }`,
      settings: publicRoutes('GET /health'),
      errors: [guard(1, 55, 'POST /health/reset', 'HealthController')],
    },
    {
      code: `@Controller() export class RootController { @All('*') fallback() { return {}; } }`,
      errors: [guard(1, 45, '/*', 'RootController')],
    },
    {
      code: `class Api { mount() { this.route({ method: 'DELETE', path: '/invoices/:id', handler: this.remove }); } }`,
      settings: registrars,
      errors: [{ messageId: 'missingAuth' as const, line: 1, column: 23, data: { route: 'DELETE /invoices/:id' } }],
    },
    // Middleware put in front by a decorator that checks nothing of the caller.
    {
      code: `@Controller('contacts') export class Contacts { @Get('count') @Middleware([logRequest, validateBody]) count() { return {}; } }`,
      errors: [guard(1, 49, 'GET /contacts/count', 'Contacts')],
    },
    // A rate limit is not authentication.
    {
      code: `@Controller('coupons') @UseGuards(ThrottlerGuard) export class CouponsController { @Post('redeem') redeem() { return {}; } }`,
      errors: [guard(1, 84, 'POST /coupons/redeem', 'CouponsController')],
    },
    // The root glob does not cover other paths; a limiter named after auth is no auth.
    {
      code: `app.get('/orders', orders.list);`,
      settings: publicRoutes('GET /'),
      errors: [missing(1, 5, 'GET /orders')],
    },
    {
      code: `router.post('/login', authLimiter, sessions.create);`,
      errors: [missing(1, 8, 'POST /login')],
    },
    // The suggestion inserts the middleware as the file writes it: express-jwt's member, not the object holding it.
    {
      code: `import { auth } from './auth.js';
router.get('/articles/feed', articles.feed);
router.put('/user', auth.required, users.update);`,
      errors: [missing(2, 8, 'GET /articles/feed', [{ messageId: 'addMiddleware', data: { name: 'auth.required' }, output: `import { auth } from './auth.js';
router.get('/articles/feed', auth.required, articles.feed);
router.put('/user', auth.required, users.update);` }])],
    },
    {
      code: `import { auth } from './auth.js';
router.delete('/articles/:slug', articles.remove);
const optionalUser = auth.optional;`,
      errors: [missing(2, 8, 'DELETE /articles/:slug')],
    },
  ],
});
