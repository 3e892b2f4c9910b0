import { describe, expect, it } from 'vitest';
import {
  NEST_ROUTE_DECORATORS,
  classifyRouteRegistration,
  mayRegisterRoute,
  dbClientCreation,
  dbImportLayer,
  extendsDbClient,
  innermostLayer,
  isNestRouteDecorator,
  layerOfClass,
  loadsParentRelation,
  layerOfFile,
  moduleLayerVerdict,
} from '../../src/core/classify/layer.js';
import type { ValueFact } from '../../src/core/facts.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings.js';
import { arr, call, chain, fn, id, member, num, obj, prop, str, tpl } from './chain.js';

const settings = DEFAULT_SETTINGS;

describe('layerOfFile', () => {
  it.each([
    ['src/controllers/users.ts', 'controller'],
    ['src/users/users.controller.ts', 'controller'],
    ['src/routes/users.ts', 'controller'],
    ['src/users.routes.js', 'controller'],
    ['src/services/users.ts', 'service'],
    ['src/users/users.service.ts', 'service'],
    ['src/repositories/users.ts', 'repository'],
    ['src/users/users.repository.ts', 'repository'],
    ['src/users/users.repo.ts', 'repository'],
    ['src/users/users.dao.ts', 'repository'],
    ['controllers/users.ts', 'controller'],
    ['./src/services/users.ts', 'service'],
    ['src\\services\\users.ts', 'service'],
    // A file-name pattern beats a folder pattern.
    ['src/controllers/users.service.ts', 'service'],
    ['src/services/users.repository.ts', 'repository'],
    ['src/routes/users.controller.ts', 'controller'],
    // Between folders, the one nearest the file wins.
    ['src/services/legacy/repositories/users.ts', 'repository'],
    ['src/repositories/helpers/services/x.ts', 'service'],
  ])('%s → %s', (path, layer) => {
    expect(layerOfFile(path, settings)).toBe(layer);
  });

  it.each(['src/index.ts', 'src/users/users.module.ts', 'src/servicesx/a.ts', 'src/users/user.entity.ts', 'src/controller.ts'])('%s has no layer', (path) => {
    expect(layerOfFile(path, settings)).toBeUndefined();
  });

  it('uses configured globs, compiled once per settings object', () => {
    const custom = parseSettings({ layers: { controller: { files: ['src/http/**'] }, repository: { files: ['**/*.store.ts'] } } });
    expect(layerOfFile('src/http/users.ts', custom)).toBe('controller');
    expect(layerOfFile('src/controllers/users.ts', custom)).toBeUndefined();
    expect(layerOfFile('src/http/users.store.ts', custom)).toBe('repository');
    expect(layerOfFile('src/http/users.store.ts', custom)).toBe('repository');
    expect(layerOfFile('src/services/users.ts', custom)).toBe('service');
  });
});

describe('layerOfClass', () => {
  it.each<[string, { name?: string; decorators: readonly string[] }, string | undefined]>([
    ['@Injectable() class UsersService', { name: 'UsersService', decorators: ['Injectable'] }, 'service'],
    ["@Controller('users') class X", { name: 'X', decorators: ['Controller'] }, 'controller'],
    ['@nest.Controller() class X', { name: 'X', decorators: ['nest.Controller'] }, 'controller'],
    ['@JsonController() class Users', { name: 'Users', decorators: ['JsonController'] }, 'controller'],
    ['@Resolver() class UsersResolver', { name: 'UsersResolver', decorators: ['Resolver'] }, 'controller'],
    ['@EntityRepository(User) class Users', { name: 'Users', decorators: ['EntityRepository'] }, 'repository'],
    ['@Repository() class Users', { name: 'Users', decorators: ['Repository'] }, 'repository'],
    ['@Service() class MailService', { name: 'MailService', decorators: ['Service'] }, 'service'],
    ['class UsersController', { name: 'UsersController', decorators: [] }, 'controller'],
    ['class UsersService', { name: 'UsersService', decorators: [] }, 'service'],
    ['class UserRepository', { name: 'UserRepository', decorators: [] }, 'repository'],
    ['@Injectable() class UserRepository', { name: 'UserRepository', decorators: ['Injectable'] }, 'repository'],
    ['class UserRepo', { name: 'UserRepo', decorators: [] }, 'repository'],
    ['class UserDao', { name: 'UserDao', decorators: [] }, 'repository'],
    ['class UserRepositoryService', { name: 'UserRepositoryService', decorators: [] }, 'service'],
    ['@Injectable() class JwtStrategy', { name: 'JwtStrategy', decorators: ['Injectable'] }, undefined],
    ['@Injectable() class RolesGuard', { name: 'RolesGuard', decorators: ['Injectable'] }, undefined],
    ['class User', { name: 'User', decorators: [] }, undefined],
    ['anonymous class', { decorators: [] }, undefined],
  ])('%s → %s', (_source, cls, layer) => {
    expect(layerOfClass(cls, settings)).toBe(layer);
  });

  it('uses configured class names and decorators', () => {
    const custom = parseSettings({ layers: { service: { classNames: ['*UseCase'], decorators: ['UseCase'] } } });
    expect(layerOfClass({ name: 'CreateOrder', decorators: ['UseCase'] }, custom)).toBe('service');
    expect(layerOfClass({ name: 'CreateOrderUseCase', decorators: [] }, custom)).toBe('service');
    expect(layerOfClass({ name: 'OrdersService', decorators: [] }, custom)).toBeUndefined();
    expect(layerOfClass({ name: 'OrdersService', decorators: ['Injectable'] }, custom)).toBe('service');
  });

  it('a DI provider no name or decorator places is service code when it injects a service (the project view tells the injected layers)', () => {
    const settings = parseSettings({});
    expect(layerOfClass({ name: 'ReportTitles', decorators: ['Injectable'], injectedLayers: ['data', 'service'] }, settings)).toBe('service');
    // Look-alikes: a provider of the client alone, a class no container builds, a class its name already places.
    expect(layerOfClass({ name: 'StockLevels', decorators: ['Injectable'], injectedLayers: ['data', undefined] }, settings)).toBeUndefined();
    expect(layerOfClass({ name: 'ReportTitles', decorators: [], injectedLayers: ['service'] }, settings)).toBeUndefined();
    expect(layerOfClass({ name: 'ReportsRepository', decorators: ['Injectable'], injectedLayers: ['service'] }, settings)).toBe('repository');
  });
});

const handler = fn();
const register = (text: string, args: readonly ValueFact[], rootImport?: string) =>
  classifyRouteRegistration(chain(text, args, rootImport === undefined ? {} : { rootImport }));

describe('classifyRouteRegistration', () => {
  it.each<[string, readonly ValueFact[], string | undefined, object]>([
    ['app.get', [str('/users'), handler], undefined, { framework: 'unknown', method: 'get', path: '/users', handlerArgIndexes: [1] }],
    ['app.post', [str('/users'), id('auth'), id('create')], undefined, { method: 'post', handlerArgIndexes: [1, 2] }],
    ['router.put', [str('/users/:id'), member('controller.update')], undefined, { method: 'put', path: '/users/:id' }],
    ['router.patch', [str('/x'), call('asyncHandler', [fn()])], undefined, { method: 'patch', handlerArgIndexes: [1] }],
    ['router.delete', [str('/x'), arr(id('auth')), handler], undefined, { method: 'delete', handlerArgIndexes: [1, 2] }],
    ['app.all', [str('*'), handler], undefined, { method: 'all', path: '*' }],
    ['app.options', [str('/x'), handler], undefined, { method: 'options' }],
    ['app.head', [str('/x'), handler], undefined, { method: 'head' }],
    ['server.get', [str('/health'), handler], undefined, { method: 'get' }],
    ['usersRouter.get', [str('/'), id('list')], undefined, { method: 'get', path: '/' }],
    ['adminApp.get', [str('/'), id('list')], undefined, { method: 'get' }],
    ['this.app.get', [str('/'), id('list')], undefined, { method: 'get' }],
    ['routes.get', [str('/'), id('list')], undefined, { method: 'get' }],
    ['app.get', [id('paths.users'), id('list')], undefined, { method: 'get', handlerArgIndexes: [1] }],
    ['app.get', [tpl('?/users', id('prefix')), id('list')], undefined, { method: 'get', path: '?/users' }],
    ['app.get', [arr(str('/a'), str('/b')), id('list')], undefined, { method: 'get' }],
    ['router.get', [str('/x'), id('list')], 'express', { framework: 'express' }],
    ['router.get', [str('/x'), id('list')], '@koa/router', { framework: 'koa' }],
    ['koaRouter.get', [str('/x'), id('list')], undefined, { framework: 'koa' }],
    ['fastify.get', [str('/x'), handler], undefined, { framework: 'fastify', handlerArgIndexes: [1] }],
    ['app.get', [str('/x'), obj([prop('preHandler', id('auth'))]), handler], undefined, { framework: 'fastify', handlerArgIndexes: [2], optionsArgIndex: 1 }],
    ['hono.get', [str('/x'), handler], undefined, { framework: 'hono' }],
    ['new Hono().get', [str('/x'), handler], undefined, { framework: 'hono' }],
    ["app.get('/a', h).post", [str('/b'), handler], undefined, { method: 'post', path: '/b', handlerArgIndexes: [1] }],
    ["router.route('/book').get", [id('list')], undefined, { framework: 'express', method: 'get', path: '/book', handlerArgIndexes: [0] }],
    ["app.route('/book').get(list).post", [id('auth'), id('create')], undefined, { method: 'post', path: '/book', handlerArgIndexes: [0, 1] }],
    ['api.get', [str('/x'), handler], undefined, { method: 'get' }],
    ['r.post', [str('/x'), id('h')], 'hono', { framework: 'hono' }],
    ['app.use', [id('cors')], undefined, { method: 'use', handlerArgIndexes: [0] }],
    ['app.use', [call('helmet')], undefined, { method: 'use', handlerArgIndexes: [0] }],
    ['app.use', [str('/api'), id('apiRouter')], undefined, { method: 'use', path: '/api', handlerArgIndexes: [1] }],
    ['router.use', [id('auth'), id('audit')], undefined, { method: 'use', handlerArgIndexes: [0, 1] }],
    ['app.route', [str('/book'), id('bookApp')], undefined, { method: 'route', path: '/book', handlerArgIndexes: [1] }],
  ])('%s(…) from %s', (text, args, rootImport, expected) => {
    expect(register(text, args, rootImport)).toMatchObject(expected);
  });

  it('recognises the full route declaration', () => {
    const fastify = register('fastify.route', [
      obj([prop('method', str('GET')), prop('url', str('/users')), prop('preHandler', id('auth')), prop('handler')]),
    ]);
    expect(fastify).toEqual({ framework: 'fastify', method: 'route', path: '/users', handlerArgIndexes: [], optionsArgIndex: 0, routeMethods: ['get'] });
    const hapi = register('server.route', [obj([prop('method', arr(str('GET'), str('POST'))), prop('path', str('/x')), prop('handler', fn())])]);
    expect(hapi).toEqual({ framework: 'unknown', method: 'route', path: '/x', handlerArgIndexes: [], optionsArgIndex: 0, routeMethods: ['get', 'post'] });
  });

  it.each<[string, readonly ValueFact[]]>([
    ['map.get', [str('x')]],
    ['cache.delete', [id('k')]],
    ['headers.get', [str('x')]],
    ['res.get', [str('Content-Type')]],
    ['app.get', [str('env')]],
    ['app.get', [str('/users')]],
    ['app.get', [str('views'), id('x')]],
    ['app.set', [str('/x'), handler]],
    ['router.get', [num(), handler]],
    ['app.get', [str('/x'), str('y')]],
    ['app.post', [str('/x'), obj([])]],
    ['api.post', [str('/users'), id('body')]],
    ['instance.get', [str('/users'), id('config')]],
    ['client.get', [str('/x'), handler]],
    ['http.get', [str('/x'), handler]],
    ['getApp().get', [str('/x'), handler]],
    ["router.route('/book')", []],
    ['fastify.route', [obj([prop('url', str('/x'))])]],
    ['app.use', []],
    ['app.use', [str('/api')]],
    ['get', [str('/x'), handler]],
  ])('%s(…) is not a route registration', (text, args) => {
    expect(register(text, args)).toBeUndefined();
  });
});

describe('mayRegisterRoute (the shape a registration needs before its chain is built)', () => {
  const shapeOf = (text: string, args: readonly ValueFact[]) => {
    const segments = chain(text, args).segments;
    return { method: segments[segments.length - 1]?.name ?? '', chainedOnCall: segments[segments.length - 2]?.call !== undefined };
  };
  it.each<[string, readonly ValueFact[]]>([
    ['app.get', [str('/users'), handler]],
    ["router.route('/book').get", [id('list')]],
    ["app.route('/book').get(list).post", [id('auth'), id('create')]],
    ['app.use', [id('cors')]],
    ['fastify.route', [obj([prop('method', str('GET')), prop('url', str('/users')), prop('handler')])]],
    ['app.route', [str('/book'), id('bookApp')]],
  ])('%s(…) passes, and is a registration', (text, args) => {
    const { method, chainedOnCall } = shapeOf(text, args);
    expect(mayRegisterRoute(method, args.length, chainedOnCall)).toBe(true);
    expect(register(text, args)).toBeDefined();
  });
  it.each<[string, readonly ValueFact[]]>([
    ['map.get', [str('x')]],
    ['cache.delete', [id('k')]],
    ['app.get', [str('/users')]],
    ['router.get', []],
    ['app.use', []],
    ['fastify.route', []],
  ])('%s(…) is stopped before its chain is built, and is no registration', (text, args) => {
    const { method, chainedOnCall } = shapeOf(text, args);
    expect(mayRegisterRoute(method, args.length, chainedOnCall)).toBe(false);
    expect(register(text, args)).toBeUndefined();
  });
});

describe('NestJS route decorators', () => {
  it('lists the HTTP method decorators', () => {
    expect(NEST_ROUTE_DECORATORS).toEqual(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head']);
  });

  it.each([
    ['Get', true],
    ['Post', true],
    ['Delete', true],
    ['Head', true],
    ['common.Patch', true],
    ['Controller', false],
    ['get', false],
    ['UseGuards', false],
  ])('%s → %s', (name, expected) => {
    expect(isNestRouteDecorator(name)).toBe(expected);
  });
});

describe('the data layer: modules that create a DB client', () => {
  it('a constructed client, a DB package factory, a whole-module factory import', () => {
    expect(dbClientCreation({ callee: 'PrismaClient', isNew: true, rootImport: '../generated/prisma' })).toBe('new PrismaClient()');
    expect(dbClientCreation({ callee: 'Pool', isNew: true, rootImport: 'pg' })).toBe('new Pool()');
    expect(dbClientCreation({ callee: 'mysql.createPool', isNew: false, rootImport: 'mysql2/promise', wholeModule: true })).toBe('mysql.createPool()');
    expect(dbClientCreation({ callee: 'drizzle', isNew: false, rootImport: 'drizzle-orm/node-postgres' })).toBe('drizzle()');
    expect(dbClientCreation({ callee: 'mongoose.model', isNew: false, rootImport: 'mongoose', wholeModule: true })).toBe('mongoose.model()');
    expect(dbClientCreation({ callee: 'createKnex', isNew: false, rootImport: 'knex', wholeModule: true })).toBe('createKnex()');
  });

  it('look-alikes: a pool of another package, a local model(), a Map, a named non-factory import', () => {
    expect(dbClientCreation({ callee: 'Pool', isNew: true, rootImport: 'generic-pool' })).toBeUndefined();
    expect(dbClientCreation({ callee: 'model', isNew: false, rootImport: './ml/model' })).toBeUndefined();
    expect(dbClientCreation({ callee: 'Map', isNew: true })).toBeUndefined();
    expect(dbClientCreation({ callee: 'sql', isNew: false, rootImport: 'drizzle-orm' })).toBeUndefined();
  });

  it('a class extending the client is the client', () => {
    expect(extendsDbClient('PrismaClient', '@prisma/client')).toBe(true);
    expect(extendsDbClient('Pool', 'pg')).toBe(true);
    expect(extendsDbClient('Pool', './pool')).toBe(false);
    expect(extendsDbClient('BaseService', './base')).toBe(false);
  });

  it('what a DB package import brings: the client, the ORM repositories, or nothing', () => {
    expect(dbImportLayer({ importedName: 'PrismaClient', source: '@prisma/client', usage: 'injected' })).toBe('data');
    expect(dbImportLayer({ importedName: 'Repository', source: 'typeorm', usage: 'injected' })).toBe('repository');
    expect(dbImportLayer({ importedName: 'getRepository', source: 'typeorm', usage: 'called' })).toBe('repository');
    expect(dbImportLayer({ importedName: 'getManager', source: 'typeorm', usage: 'called' })).toBe('data');
    expect(dbImportLayer({ importedName: 'default', source: 'knex', usage: 'called' })).toBe('data');
    expect(dbImportLayer({ importedName: 'In', source: 'typeorm', usage: 'called' })).toBeUndefined();
    expect(dbImportLayer({ importedName: 'Like', source: 'typeorm', usage: 'called' })).toBeUndefined();
    expect(dbImportLayer({ importedName: 'Prisma', source: '@prisma/client', usage: 'injected' })).toBeUndefined();
    expect(dbImportLayer({ importedName: 'Pool', source: 'generic-pool', usage: 'constructed' })).toBeUndefined();
  });
});

describe('moduleLayerVerdict', () => {
  const none = { registersRoutes: false, handlesHttp: false, controllerClass: false };
  it('a routes folder holding only types, or registering and handling nothing, is no controller', () => {
    expect(moduleLayerVerdict({ match: { layer: 'controller', byFileName: false }, evidence: none, createsDbClient: undefined, onlyTypes: true })).toEqual({ layer: undefined, evidence: ['declares only types'] });
    expect(moduleLayerVerdict({ match: { layer: 'controller', byFileName: false }, evidence: none, createsDbClient: undefined, onlyTypes: false }).layer).toBeUndefined();
  });

  it('a routes file that registers routes is a controller, and says why', () => {
    expect(moduleLayerVerdict({ match: { layer: 'controller', byFileName: false }, evidence: { ...none, registersRoutes: true }, createsDbClient: undefined, onlyTypes: false })).toEqual({
      layer: 'controller',
      evidence: ['folder matches layers.controller.files', 'registers routes'],
    });
  });

  it('a module that creates the client is data, unless its path or name gives it a layer of code', () => {
    expect(moduleLayerVerdict({ match: undefined, evidence: none, createsDbClient: 'new PrismaClient()', onlyTypes: false })).toEqual({ layer: 'data', evidence: ['creates a DB client (new PrismaClient())'] });
    expect(moduleLayerVerdict({ match: { layer: 'repository', byFileName: true }, evidence: none, createsDbClient: 'new Pool()', onlyTypes: false }).layer).toBe('repository');
  });

  it('innermost wins over any layer names, data included', () => {
    expect(innermostLayer<'controller' | 'data'>(['controller', undefined, 'data'])).toBe('data');
    expect(innermostLayer(['service', undefined])).toBe('service');
    expect(innermostLayer<'service'>([undefined])).toBeUndefined();
  });
});

describe('loadsParentRelation (a GraphQL field resolver loading a relation of its parent)', () => {
  it('one returned load keyed by the @Parent() object', () => {
    expect(loadsParentRelation({ decorators: ['ResolveField'], returnsOnlyTheCall: true, parametersReadByCall: [['Parent']] })).toBe(true);
    expect(loadsParentRelation({ decorators: ['FieldResolver'], returnsOnlyTheCall: true, parametersReadByCall: [[], ['Root']] })).toBe(true);
  });

  it('look-alikes: keyed by an argument, more than the one returned call, not a field resolver', () => {
    expect(loadsParentRelation({ decorators: ['ResolveField'], returnsOnlyTheCall: true, parametersReadByCall: [['Args']] })).toBe(false);
    expect(loadsParentRelation({ decorators: ['ResolveField'], returnsOnlyTheCall: false, parametersReadByCall: [] })).toBe(false);
    expect(loadsParentRelation({ decorators: ['Query'], returnsOnlyTheCall: true, parametersReadByCall: [['Parent']] })).toBe(false);
  });
});
