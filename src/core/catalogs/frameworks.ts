/**
 * How web frameworks register routes and mark layers. Plain data; `classify/layer.ts` matches it.
 */
import type { LayerName } from '../settings.js';

export type RouteFramework = 'express' | 'fastify' | 'koa' | 'hono' | 'unknown';

/**
 * HTTP-method registration methods shared by Express (https://expressjs.com/en/5x/api.html#app.METHOD),
 * Fastify shorthands (https://fastify.dev/docs/latest/Reference/Routes/#shorthand-declaration),
 * @koa/router (https://github.com/koajs/router/blob/master/API.md#routergetputpostpatchdelete--router)
 * and Hono (https://hono.dev/docs/api/routing).
 */
export const HTTP_ROUTE_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'all', 'options', 'head'] as const satisfies readonly string[];

export type HttpRouteMethod = (typeof HTTP_ROUTE_METHODS)[number];

/**
 * Receiver names that hold an app or router: matched exactly, or as the last word of the name
 * (`usersRouter`, `adminApp`, `apiRoutes`). Weak names (`api`, `r`) are also common names of HTTP
 * clients (`api.post('/users', body)` with axios, Fastify plugins' `instance`), so they need a function literal handler or an
 * import from a framework package.
 */
export const ROUTER_RECEIVER_NAMES = {
  strong: ['app', 'router', 'server', 'fastify', 'hono', 'routes'],
  weak: ['api', 'r', 'instance'],
  lastWords: ['router', 'app', 'routes'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** Framework packages by import specifier. */
export const ROUTE_FRAMEWORK_PACKAGES = {
  express: 'express',
  fastify: 'fastify',
  koa: 'koa',
  '@koa/router': 'koa',
  'koa-router': 'koa',
  hono: 'hono',
} as const satisfies Readonly<Record<string, RouteFramework>>;

/**
 * Keys of a route options object (`fastify.route({ method, url, handler })`,
 * https://fastify.dev/docs/latest/Reference/Routes/#full-declaration; hapi `server.route({ method,
 * path, handler })`) that hold handlers or hooks.
 */
export const ROUTE_OPTION_HANDLER_KEYS = ['handler', 'preHandler', 'onRequest', 'preValidation', 'preParsing', 'preSerialization'] as const satisfies readonly string[];

/**
 * NestJS route method decorators (https://docs.nestjs.com/controllers#routing, exported from
 * `@nestjs/common`).
 */
export const NEST_ROUTE_DECORATORS = ['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head'] as const satisfies readonly string[];

/**
 * Class decorators that put a class in a layer regardless of settings: NestJS `@Controller`
 * (https://docs.nestjs.com/controllers), routing-controllers `@JsonController`
 * (https://github.com/typestack/routing-controllers#using-json-controller), GraphQL `@Resolver`
 * (NestJS / type-graphql; resolvers play the controller's part), TypeORM `@EntityRepository` and
 * `@Repository` (typeorm-typedi-extensions and similar).
 */
export const LAYER_DECORATORS = {
  controller: ['Controller', 'JsonController', 'Resolver'],
  service: [],
  repository: ['EntityRepository', 'Repository'],
} as const satisfies Readonly<Record<LayerName, readonly string[]>>;

/**
 * Dependency-injection decorators that say nothing about the layer on their own: a class they
 * decorate is a service only when its name ends with `Service` (NestJS `@Injectable`,
 * https://docs.nestjs.com/providers; TypeDI `@Service`; Inversify `@injectable`).
 */
export const DI_DECORATORS = ['Injectable', 'Service', 'injectable'] as const satisfies readonly string[];

/** GraphQL decorators of a field resolver (NestJS `@ResolveField`, TypeGraphQL `@FieldResolver`). */
export const FIELD_RESOLVER_DECORATORS = ['ResolveField', 'FieldResolver'] as const;

/** GraphQL decorators of a field resolver's parent object parameter (NestJS `@Parent`, TypeGraphQL `@Root`). */
export const GRAPHQL_PARENT_DECORATORS = ['Parent', 'Root'] as const;
