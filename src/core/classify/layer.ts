import { DB_CLIENT_TYPE_NAMES, DB_PACKAGES } from '../catalogs/db-clients.js';
import { ARRAY_ITERATION_METHODS } from '../catalogs/loops.js';
import {
  DI_DECORATORS,
  FIELD_RESOLVER_DECORATORS,
  GRAPHQL_PARENT_DECORATORS,
  HTTP_ROUTE_METHODS,
  LAYER_DECORATORS,
  NEST_ROUTE_DECORATORS,
  ROUTE_FRAMEWORK_PACKAGES,
  ROUTE_OPTION_HANDLER_KEYS,
  ROUTER_RECEIVER_NAMES,
  type HttpRouteMethod,
  type RouteFramework,
} from '../catalogs/frameworks.js';
import type { BindingFact, ChainFact, ChainSegment, ValueFact } from '../facts.js';
import type { BackendPatternsSettings, LayerName } from '../settings.js';
import { isWorkerPath } from './code-context.js';
import { compileGlobParts } from './glob.js';
import { lastName, matchesNamePattern, nameParts, packageNameOf } from './names.js';

export type { HttpRouteMethod, RouteFramework } from '../catalogs/frameworks.js';
export { NEST_ROUTE_DECORATORS } from '../catalogs/frameworks.js';

const LAYERS: readonly LayerName[] = ['controller', 'service', 'repository'];

interface CompiledGlob {
  readonly layer: LayerName;
  readonly test: (parts: readonly string[]) => boolean;
  /** The pattern names a file (`*.service.ts`), not only a folder (`**\/services/**`). */
  readonly namesFile: boolean;
  /** For folder patterns: the last literal folder name (`services`), to rank nested folders. */
  readonly folder: string | undefined;
}

const GLOB_CHARS = /[*?[\]{}()!+@]/;
const compiledGlobs = new WeakMap<BackendPatternsSettings['layers'], readonly CompiledGlob[]>();

function compileGlobs(layers: BackendPatternsSettings['layers']): readonly CompiledGlob[] {
  const cached = compiledGlobs.get(layers);
  if (cached !== undefined) return cached;
  const compiled = LAYERS.flatMap((layer) =>
    layers[layer].files.map((glob): CompiledGlob => {
      const pieces = glob.replaceAll('\\', '/').split('/');
      const base = pieces[pieces.length - 1] ?? '';
      const namesFile = base !== '' && base !== '*' && base !== '**';
      const folder = namesFile ? undefined : pieces.findLast((piece) => piece !== '' && !GLOB_CHARS.test(piece));
      return { layer, test: compileGlobParts(glob), namesFile, folder };
    }),
  );
  compiledGlobs.set(layers, compiled);
  return compiled;
}

/**
 * The layer a file belongs to, by `settings.layers.*.files` globs (`compileGlob`, matched against the
 * path relative to the working directory; backslashes and a leading `./` are normalised).
 *
 * When globs of several layers match, a pattern that names the file (`**\/*.service.ts`) wins over
 * a folder pattern (`**\/controllers/**`), so `src/controllers/users.service.ts` is a service; between
 * folder patterns the folder nearest the file wins (`src/services/legacy/repositories/x.ts` is a
 * repository); a remaining tie goes to the first layer in controller, service, repository order.
 * Globs are compiled once per settings object.
 */
export function layerOfFile(relativePath: string, settings: BackendPatternsSettings): LayerName | undefined {
  return fileLayerMatch(relativePath, settings)?.layer;
}

/** `layerOfFile`, and whether the file's own name decided it (`users.controller.ts`) rather than a folder (`routes/`). */
export function fileLayerMatch(relativePath: string, settings: BackendPatternsSettings): { readonly layer: LayerName; readonly byFileName: boolean; readonly inWorkerFolder?: boolean } | undefined {
  const path = relativePath.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '');
  const parts = path.split('/');
  const folders = parts.slice(0, -1);
  let best: { readonly layer: LayerName; readonly rank: number; readonly byFileName: boolean } | undefined;
  for (const glob of compileGlobs(settings.layers)) {
    if (!glob.test(parts)) continue;
    const rank = glob.namesFile ? Number.MAX_SAFE_INTEGER : glob.folder === undefined ? 0 : folders.lastIndexOf(glob.folder) + 1;
    if (best === undefined || rank > best.rank) best = { layer: glob.layer, rank, byFileName: glob.namesFile };
  }
  if (best === undefined) return undefined;
  // `src/queue/controllers/crawl.controller.ts`: a controller by its name, in a folder of background work.
  return { layer: best.layer, byFileName: best.byFileName, ...(best.layer === 'controller' && best.byFileName && isWorkerPath(path) ? { inWorkerFolder: true } : {}) };
}

/** A class as the layer rules see it: its name (absent for anonymous classes) and decorator names. */
export interface ClassFacts {
  readonly name?: string;
  /** Decorator names as called: `Controller`, `Injectable`, `nest.Controller`. */
  readonly decorators: readonly string[];
  /**
   * The layers of the classes its constructor injects, where the project is known (the audit: each
   * injected type resolved to its class in another file). Absent in one file's view.
   */
  readonly injectedLayers?: readonly (ProjectLayer | undefined)[];
}

/**
 * The layer a class belongs to: a layer decorator (`settings.layers.*.decorators`, NestJS
 * `@Controller`, routing-controllers `@JsonController`, GraphQL `@Resolver` → controller;
 * `@EntityRepository` / `@Repository` → repository) first; then a DI decorator (`@Injectable`,
 * TypeDI `@Service`) on a class named `*Service` → service; then `settings.layers.*.classNames`
 * (`*Controller`, `*Service`, `*Repository`, `*Repo`, `*Dao`), the longest matching pattern winning.
 * So `@Injectable() class UsersService` is a service, `@Controller('users') class X` a controller,
 * `@Injectable() class JwtStrategy` nothing. A DI provider that none of these place and whose
 * constructor injects a class of the service layer (`injectedLayers`) is service code whatever it is
 * named: code that works through services sits beside them (a translation helper of the service module
 * using a translator service). One that injects only the DB client or repositories stays unplaced.
 */
export function layerOfClass(cls: ClassFacts, settings: BackendPatternsSettings): LayerName | undefined {
  const decorators = cls.decorators.map((decorator) => decorator.slice(decorator.lastIndexOf('.') + 1));
  for (const layer of LAYERS) {
    const names: readonly string[] = [...settings.layers[layer].decorators, ...LAYER_DECORATORS[layer]];
    if (decorators.some((decorator) => names.includes(decorator))) return layer;
  }
  const name = cls.name;
  if (name === undefined || name === '') return undefined;
  if (decorators.some((decorator) => (DI_DECORATORS as readonly string[]).includes(decorator)) && name.endsWith('Service')) return 'service';
  let best: { readonly layer: LayerName; readonly length: number } | undefined;
  for (const layer of LAYERS) {
    for (const pattern of settings.layers[layer].classNames) {
      if (matchesNamePattern(name, pattern) && (best === undefined || pattern.length > best.length)) best = { layer, length: pattern.length };
    }
  }
  // `@Injectable() class IndexerController` without `@Controller` or route decorators is a provider (a queue
  // worker): injectable code of the service layer, not an HTTP controller, whatever its file is named.
  const provider = decorators.some((decorator) => (DI_DECORATORS as readonly string[]).includes(decorator));
  if (best?.layer === 'controller' && provider) return 'service';
  if (best === undefined && provider && cls.injectedLayers?.includes('service') === true) return 'service';
  return best?.layer;
}

/** What a file itself shows of HTTP handling, to confirm a controller layer that came from its path alone. */
export interface ControllerEvidence {
  /** It registers routes or route handlers (`router.get('/x', h)`), or has route-decorated methods. */
  readonly registersRoutes: boolean;
  /** It declares a function taking an HTTP response or context (`(req, res)`, `(ctx)`, `(request, reply)`, `(c: Context)`). */
  readonly handlesHttp: boolean;
  /** It declares a class of the controller layer (`@Controller`, `*Controller`). */
  readonly controllerClass: boolean;
}

/**
 * The layer of a file, confirmed by its content: a file that is a controller only because of a
 * folder on its path (`routes/tag/tag.model.ts`, a Joi schema or a storage-tier RPC handler under `routes/`) and
 * that registers no route, handles no HTTP request and declares no controller is not controller
 * code. Services and repositories keep their path layer.
 */
export function confirmFileLayer(match: { readonly layer: LayerName; readonly byFileName: boolean; readonly inWorkerFolder?: boolean } | undefined, evidence: ControllerEvidence): LayerName | undefined {
  const layer = match?.layer;
  if (layer !== 'controller' || (match?.byFileName === true && match.inWorkerFolder !== true)) return layer;
  return evidence.registersRoutes || evidence.handlesHttp || evidence.controllerClass ? layer : undefined;
}

/** Parameter names and types of an HTTP handler: Express / Fastify / Koa / Hono / NestJS response or context objects. */
const HTTP_PARAMETER_NAMES: ReadonlySet<string> = new Set(['res', 'reply', 'response', 'ctx', 'c', 'next']);
const HTTP_PARAMETER_TYPES: ReadonlySet<string> = new Set(['Response', 'Reply', 'FastifyReply', 'FastifyRequest', 'Request', 'Context', 'NextFunction', 'ParameterizedContext', 'RouterContext', 'RequestHandler', 'Middleware']);

/** `ctx` / `c`: the name of a Koa or Hono request context, and just as often of an application's own context (services, config, database). */
const CONTEXT_PARAMETER_NAMES: ReadonlySet<string> = new Set(['ctx', 'c']);
/**
 * What request code reads off a Koa / Hono context: `ctx.body`, `ctx.request`, `ctx.params`, `ctx.throw`, `c.json`, `c.req`,
 * and the answers koa-respond adds to it (`ctx.ok(user)`, `ctx.created(order)`, `ctx.badRequest(…)`).
 */
const HTTP_CONTEXT_MEMBERS: ReadonlySet<string> = new Set([
  'body', 'status', 'request', 'response', 'req', 'res', 'params', 'query', 'querystring', 'throw', 'assert', 'redirect', 'set', 'get', 'json', 'text', 'html',
  'header', 'headers', 'cookies', 'state', 'send', 'render', 'ip', 'ips', 'path', 'method', 'url', 'host', 'type', 'attachment', 'env', 'var', 'executionCtx', 'newResponse', 'notFound',
  'ok', 'created', 'noContent', 'badRequest', 'unauthorized', 'forbidden',
]);

/** A parameter as `isHttpHandlerSignature` reads it. */
export interface HandlerParameterFact {
  readonly name: string;
  /** The annotated type's name (`Response` of `res: express.Response`). */
  readonly typeName?: string;
  /**
   * For a `ctx` / `c` parameter not annotated with an HTTP type: the members the function reads off
   * it (`ctx.db`, `const { cfg } = ctx`). Adapters may leave it out for other parameters.
   */
  readonly members?: readonly string[];
  /** Declared optional (`queryRunner?: QueryRunner`). */
  readonly optional?: boolean;
}

/**
 * The annotated type names of the parameters a function requires (`FunctionFacts.parameterTypes`). An
 * optional one (`queryRunner?: QueryRunner`) lets a caller join the function to its transaction, a service's
 * signature: it does not make the function a data helper handed the client. One with a default
 * (`trx: Knex = knex`) always has a client to query, as a data helper does.
 */
export function requiredParameterTypes(parameters: readonly HandlerParameterFact[]): string[] {
  return parameters.flatMap((parameter) => (parameter.optional === true ? [] : (parameter.typeName ?? [])));
}

/** Where a function is written, as `isHttpHandlerSignature` reads it. */
export interface HandlerSiteFact {
  /** The method a function literal is passed to (`filter` of `xs.filter((c) => …)`), if it is a call's argument. */
  readonly callbackOf?: string;
}

/**
 * A function handed to a route through a wrapper call (`router.get('/x', withController(createUserController))`)
 * that takes nothing, waits for nothing (not async, no `await`) and returns a new object each time
 * (`return new UserController(userRepository)`) builds what the wrapper calls: a factory, wiring code,
 * not the route handler. `constructed` are the classes its returns construct, undefined when a return
 * is anything else. A `Response` built and returned is an answer (`() => new Response('ok')`), and so
 * is an async one (`asyncHandler(async () => new StatsView(await prisma.user.count()))`): both stay handlers.
 */
export function isWrappedObjectFactory(fn: { readonly parameterCount: number; readonly waits: boolean; readonly constructed: readonly string[] | undefined }): boolean {
  return fn.parameterCount === 0 && !fn.waits && fn.constructed !== undefined && fn.constructed.length > 0 && fn.constructed.every((name) => !/Response$/.test(name));
}

/** Array methods whose callback the array calls, never an HTTP framework. */
const ARRAY_CALLBACKS: ReadonlySet<string> = new Set([...ARRAY_ITERATION_METHODS, 'sort', 'toSorted']);

/**
 * A function a router module exports for other modules, not a request of its own: the module
 * registers routes, yet this top-level function is exported, registered nowhere in it, called
 * nowhere in it (but by other such helpers), and takes no handler's parameters (`export async function sendWebhook(robotId,
 * event, data)` for the task runner, `export async function recoverStuckRuns()` the server runs on a
 * timer). Its data access belongs to whichever module calls it, so it is not a controller's.
 */
export function isRouterModuleHelper(fn: {
  readonly moduleRegistersRoutes: boolean;
  readonly topLevel: boolean;
  readonly exported: boolean;
  readonly routeHandler: boolean;
  readonly handlerSignature: boolean;
  /** The names of its parameters: one named for the request (`request`, `req`, `ctx`) makes it a handler another module registers. */
  readonly parameterNames: readonly string[];
  /** Called or passed somewhere in its module other than inside such helpers. */
  readonly usedInModule: boolean;
}): boolean {
  if (fn.parameterNames.some((name) => REQUEST_PARAMETER_NAMES.has(name))) return false;
  return fn.moduleRegistersRoutes && fn.topLevel && fn.exported && !fn.routeHandler && !fn.handlerSignature && !fn.usedInModule;
}

const REQUEST_PARAMETER_NAMES: ReadonlySet<string> = new Set(['req', 'request', 'ctx', 'context', 'c', 'reply', 'res', 'response']);

/** What an adapter reads of a module-level function of its module for `servesOtherModules`. */
export interface ModuleFunctionFacts<Fn> {
  readonly helper: Omit<Parameters<typeof isRouterModuleHelper>[0], 'exported' | 'usedInModule'>;
  readonly exported: boolean;
  /**
   * Each use of its name in its module, export specifiers aside: whether it sits inside a request's
   * function (a registered route handler, one a registering function declares, or one with a
   * handler's signature), and the module-level function it sits in (undefined at module level).
   */
  readonly uses: readonly { readonly inRequest: boolean; readonly caller: Fn | undefined }[];
}

/**
 * Does a module-level function serve other modules rather than a request (`isRouterModuleHelper`)?
 * Exported, its uses in its module are only inside other such helpers; not exported, it is used, and
 * only by such helpers (`loadRobot` of `sendWebhook`): it serves the other modules through them, as
 * if it were exported with them. `factsOf` is the adapter's reading of a function (undefined when it
 * is not a named module-level function). Both engines ask this one question.
 */
export function servesOtherModules<Fn>(fn: Fn, factsOf: (fn: Fn) => ModuleFunctionFacts<Fn> | undefined, seen: ReadonlySet<Fn> = new Set()): boolean {
  if (seen.has(fn) || seen.size > 4) return false;
  const facts = factsOf(fn);
  if (facts === undefined) return false;
  const within = new Set([...seen, fn]);
  const usedOnlyByHelpers = facts.uses.length > 0 && facts.uses.every((use) => !use.inRequest && use.caller !== undefined && use.caller !== fn && servesOtherModules(use.caller, factsOf, within));
  if (!facts.exported) return usedOnlyByHelpers && isRouterModuleHelper({ ...facts.helper, exported: true, usedInModule: false });
  return isRouterModuleHelper({ ...facts.helper, exported: true, usedInModule: facts.uses.length > 0 && !usedOnlyByHelpers });
}

/**
 * Does a function with these parameters (name and annotated type name) handle an HTTP request?
 * `res`, `reply`, `response`, `next` and an HTTP type (`Request`, `FastifyReply`, `Context`) say so.
 * `ctx` / `c` say so when typed with an HTTP type; untyped or annotated with another type
 * (`ctx: AppContext`, an application's service container) only when the function reads a request
 * member off it (`ctx.body`, `ctx.params`, `c.json`): a factory handed the app context is no
 * handler, and neither is `channels.filter((c) => c.type === 'webhook')`. A callback of an array
 * method (`map`, `filter`, `find`, …) is called by the array, whatever its parameters are named.
 */
export function isHttpHandlerSignature(parameters: readonly HandlerParameterFact[], site: HandlerSiteFact = {}): boolean {
  if (site.callbackOf !== undefined && ARRAY_CALLBACKS.has(site.callbackOf)) return false;
  return parameters.some((parameter) => {
    if (parameter.typeName !== undefined && HTTP_PARAMETER_TYPES.has(parameter.typeName)) return true;
    if (!HTTP_PARAMETER_NAMES.has(parameter.name)) return false;
    if (!CONTEXT_PARAMETER_NAMES.has(parameter.name)) return true;
    return (parameter.members ?? []).some((member) => HTTP_CONTEXT_MEMBERS.has(member));
  });
}

/** Does this parameter need the members read off it, for {@link isHttpHandlerSignature}? */
export function needsContextMembers(parameter: { readonly name: string; readonly typeName?: string }): boolean {
  return CONTEXT_PARAMETER_NAMES.has(parameter.name) && (parameter.typeName === undefined || !HTTP_PARAMETER_TYPES.has(parameter.typeName));
}

/** A route registered on an app or router. */
export interface RouteRegistration {
  readonly framework: RouteFramework;
  readonly method: HttpRouteMethod | 'use' | 'route';
  /** The path when written as a literal (`/users/:id`; template holes are `?`). */
  readonly path?: string;
  /** Arguments of the called segment that are handlers or middleware, in order. */
  readonly handlerArgIndexes: readonly number[];
  /**
   * A route options object: Fastify's `fastify.get('/x', { preHandler }, handler)` or the full
   * declaration `fastify.route({ method, url, handler })`, whose handlers are its
   * `handler` / `preHandler` / `onRequest` / … properties (then `handlerArgIndexes` is empty).
   */
  readonly optionsArgIndex?: number;
  /** For `route({ method })`: the HTTP methods, lower case. */
  readonly routeMethods?: readonly string[];
}

const HTTP_METHODS: ReadonlySet<string> = new Set(HTTP_ROUTE_METHODS);
const APP_FACTORIES: ReadonlySet<string> = new Set(['Router', 'Hono', 'express', 'fastify', 'Fastify', 'Koa']);

function isHandlerValue(value: ValueFact): boolean {
  return value.kind === 'function' || value.kind === 'identifier' || value.kind === 'member' || value.kind === 'call' || value.kind === 'array';
}

function literalPath(value: ValueFact | undefined): string | undefined {
  return value?.kind === 'string' || value?.kind === 'template' ? value.text : undefined;
}

/** A route path as a first argument: `'/users'`, `'*'`, a template, a variable, an array or a regex. */
function isPathLike(value: ValueFact | undefined): boolean {
  if (value === undefined) return false;
  const text = literalPath(value);
  if (text !== undefined) return text.startsWith('/') || text.startsWith('*') || (value.kind === 'template' && text.startsWith('?'));
  return value.kind === 'identifier' || value.kind === 'member' || value.kind === 'array' || value.kind === 'other';
}

type ReceiverStrength = 'strong' | 'weak' | undefined;

function receiverStrength(receiver: readonly ChainSegment[], binding: BindingFact | undefined): ReceiverStrength {
  const last = receiver[receiver.length - 1];
  if (last === undefined) return undefined;
  // Declared in this file as an app or a router (`const api = Router()`, `this.books = new Hono()`): whatever its name.
  if (binding?.initializer !== undefined && binding.length === receiver.length && APP_FACTORIES.has(binding.initializer.name.slice(binding.initializer.name.lastIndexOf('.') + 1))) return 'strong';
  if (last.call !== undefined) return last.isNew === true || APP_FACTORIES.has(last.name) ? 'strong' : undefined;
  if (receiver.some((segment) => segment.call !== undefined)) return undefined;
  const name = lastName(receiver.map((segment) => segment.name));
  if (name === undefined) return undefined;
  if ((ROUTER_RECEIVER_NAMES.strong as readonly string[]).includes(name)) return 'strong';
  if ((ROUTER_RECEIVER_NAMES.weak as readonly string[]).includes(name)) return 'weak';
  const parts = nameParts(name);
  return (ROUTER_RECEIVER_NAMES.lastWords as readonly string[]).includes(parts[parts.length - 1] ?? '') ? 'strong' : undefined;
}

function frameworkOf(chain: ChainFact, receiver: readonly ChainSegment[], hints: { readonly options: boolean; readonly routeChain: boolean }): RouteFramework {
  const packageName = packageNameOf(chain.rootImport);
  if (packageName !== undefined && Object.hasOwn(ROUTE_FRAMEWORK_PACKAGES, packageName)) {
    return ROUTE_FRAMEWORK_PACKAGES[packageName as keyof typeof ROUTE_FRAMEWORK_PACKAGES];
  }
  const words = receiver.flatMap((segment) => nameParts(segment.name));
  if (hints.options || words.includes('fastify')) return 'fastify';
  if (words.includes('hono')) return 'hono';
  if (words.includes('koa')) return 'koa';
  if (hints.routeChain || words.includes('express')) return 'express';
  return 'unknown';
}

function objectKeys(value: ValueFact | undefined): ReadonlyMap<string, ValueFact> {
  return new Map(value?.kind === 'object' ? value.properties.flatMap((property) => (property.key === undefined ? [] : [[property.key, property.value] as const])) : []);
}

/**
 * What `classifyRouteRegistration` needs before it can find a registration, from the call's shape
 * alone (a cheap filter before a chain is built): an argument, and for an HTTP-method call with a
 * single argument the call it is chained on (`router.route('/x').get(h)`), since an HTTP-method
 * call standing alone needs a path and a handler. `map.get(k)`, `cache.delete(key)` and
 * `list.get()` are not registrations.
 */
export function mayRegisterRoute(method: string, argumentCount: number, chainedOnCall: boolean): boolean {
  if (argumentCount === 0) return false;
  return argumentCount >= 2 || !HTTP_METHODS.has(method) || chainedOnCall;
}

/**
 * Recognises a route or middleware registration:
 * `app/router/server/fastify/hono/*Router/*App.get/post/put/patch/delete/all/options/head(path, ...handlers)`
 * (Express, Fastify shorthands with an optional options object, @koa/router, Hono),
 * `router.route('/x').get(h)` (Express), chained Hono registrations, `app.use([path,] ...middleware)`,
 * Hono's `app.route('/x', subApp)` and the full declaration `fastify.route({ method, url, handler })`
 * (hapi's `server.route({ method, path, handler })` too, framework `unknown`).
 *
 * Not routes: `map.get('x')`, `cache.delete(k)`, `headers.get('x')`, `res.get('Content-Type')`
 * (receivers that are not apps or routers) and Express's settings getter `app.get('env')`: an
 * HTTP-method call needs a path-like first argument (a string starting with `/` or `*`, a template,
 * a variable, an array or a regex) and at least one handler (a function, a name, a member or a
 * call). Weak receiver names (`api`, `r`, `instance`, also HTTP-client names) need a function
 * literal handler or an import from a framework package.
 */
export function classifyRouteRegistration(chain: ChainFact): RouteRegistration | undefined {
  const segments = chain.segments;
  const index = segments.length - 1;
  const last = segments[index];
  if (last?.call === undefined) return undefined;
  const method = last.name;
  const isHttpMethod = HTTP_METHODS.has(method);
  if (!isHttpMethod && method !== 'use' && method !== 'route') return undefined;
  const args = last.call.args;

  // Walk back over chained registrations: `router.route('/x').get(h).post(h)`, `app.get(…).post(…)`.
  let start = index;
  let routePath: ValueFact | undefined;
  while (start > 0) {
    const previous = segments[start - 1];
    if (previous?.call === undefined) break;
    if (previous.name === 'route' && previous.call.args.length === 1) routePath ??= previous.call.args[0];
    else if (!HTTP_METHODS.has(previous.name)) break;
    start -= 1;
  }
  const receiver = segments.slice(0, start);
  const strength = receiverStrength(receiver, chain.binding);
  if (strength === undefined) return undefined;
  const imported = packageNameOf(chain.rootImport);
  const confirmed = imported !== undefined && Object.hasOwn(ROUTE_FRAMEWORK_PACKAGES, imported);
  const build = (
    registration: Omit<RouteRegistration, 'framework'>,
    hints: { readonly options: boolean; readonly routeChain: boolean },
  ): RouteRegistration | undefined => {
    if (strength === 'weak' && !confirmed && !registration.handlerArgIndexes.some((position) => args[position]?.kind === 'function')) {
      return undefined;
    }
    return { framework: frameworkOf(chain, receiver, hints), ...registration };
  };

  if (method === 'route') {
    if (start !== index) return undefined;
    const [first, second] = args;
    if (args.length === 1 && first?.kind === 'object') {
      const keys = objectKeys(first);
      const url = keys.get('url') ?? keys.get('path');
      const httpMethod = keys.get('method');
      if (url === undefined || httpMethod === undefined || !ROUTE_OPTION_HANDLER_KEYS.some((key) => keys.has(key))) return undefined;
      const methods =
        httpMethod.kind === 'string' ? [httpMethod.text.toLowerCase()]
        : httpMethod.kind === 'array' ? httpMethod.elements.flatMap((element) => (element.kind === 'string' ? [element.text.toLowerCase()] : []))
        : undefined;
      const path = literalPath(url);
      const framework: RouteFramework = keys.has('url') ? 'fastify' : confirmed ? frameworkOf(chain, receiver, { options: false, routeChain: false }) : 'unknown';
      return {
        framework,
        method: 'route',
        ...(path === undefined ? {} : { path }),
        handlerArgIndexes: [],
        optionsArgIndex: 0,
        ...(methods === undefined ? {} : { routeMethods: methods }),
      };
    }
    // Hono: `app.route('/book', bookApp)` mounts a sub-app.
    if (args.length === 2 && literalPath(first)?.startsWith('/') === true && second !== undefined && (second.kind === 'identifier' || second.kind === 'member')) {
      const path = literalPath(first);
      return build({ method: 'route', ...(path === undefined ? {} : { path }), handlerArgIndexes: [1] }, { options: false, routeChain: false });
    }
    return undefined;
  }

  if (method === 'use') {
    const hasPath = literalPath(args[0]) !== undefined && isPathLike(args[0]);
    const handlers = args.flatMap((arg, position) => (position >= (hasPath ? 1 : 0) && isHandlerValue(arg) ? [position] : []));
    if (handlers.length === 0 || start !== index) return undefined;
    const path = hasPath ? literalPath(args[0]) : undefined;
    return build({ method: 'use', ...(path === undefined ? {} : { path }), handlerArgIndexes: handlers }, { options: false, routeChain: false });
  }

  const httpMethod = method as HttpRouteMethod;
  if (routePath !== undefined) {
    // `router.route('/users').get(list).post(create)`: every argument is a handler.
    const handlers = args.flatMap((arg, position) => (isHandlerValue(arg) ? [position] : []));
    if (handlers.length === 0) return undefined;
    const path = literalPath(routePath);
    return build({ method: httpMethod, ...(path === undefined ? {} : { path }), handlerArgIndexes: handlers }, { options: false, routeChain: true });
  }
  if (!isPathLike(args[0])) return undefined;
  const optionsAt = args[1]?.kind === 'object' && args.slice(2).some(isHandlerValue) ? 1 : undefined;
  const handlers = args.flatMap((arg, position) => (position >= 1 && position !== optionsAt && isHandlerValue(arg) ? [position] : []));
  if (handlers.length === 0) return undefined;
  const path = literalPath(args[0]);
  return build(
    {
      method: httpMethod,
      ...(path === undefined ? {} : { path }),
      handlerArgIndexes: handlers,
      ...(optionsAt === undefined ? {} : { optionsArgIndex: optionsAt }),
    },
    { options: optionsAt !== undefined, routeChain: false },
  );
}

/** `true` for NestJS route method decorators: `Get`, `Post`, `Put`, `Patch`, `Delete`, `All`, `Options`, `Head`. */
export function isNestRouteDecorator(name: string): boolean {
  return (NEST_ROUTE_DECORATORS as readonly string[]).includes(name.slice(name.lastIndexOf('.') + 1));
}

/** A function as the layer rules see it. */
export interface FunctionFacts {
  /** Passed as a handler to a route registration in the same file (inline, or by name). */
  readonly routeHandler: boolean;
  /** Method decorator names as called (`Get`, `Post`, `nest.Delete`), for class methods. */
  readonly decorators: readonly string[];
  /** Declared at the module's top level (a function declaration or a `const` arrow), not in a class or another function. */
  readonly topLevel?: boolean;
  /** The annotated type names of its required parameters (`Database`, `Knex`, `Request`; core `requiredParameterTypes`). */
  readonly parameterTypes?: readonly string[];
  /**
   * For a module-level function handed the DB client (`isHandedDbClient`): its whole body returns a
   * handle built from a parameter with no query (`(db: Db) => db.collection('users')`). Absent when not asked.
   */
  readonly handsBackHandle?: boolean;
}

/**
 * The layer of a function on its own: a route handler (`app.get('/x', handler)`, a Fastify
 * `route({ handler })`, a NestJS `@Get()` method) is controller code. Other functions take the
 * layer of what encloses them.
 */
export function layerOfFunction(fn: FunctionFacts): LayerName | undefined {
  if (fn.routeHandler || fn.decorators.some(isNestRouteDecorator)) return 'controller';
  // A module-level function handed the DB client (`function addMute(db: Database, …)`) is a data helper,
  // repository code even in a routes file. One whose whole body hands back a handle (`(db: Db) =>
  // db.collection('users')`) runs nothing: the caller's queries are its own.
  if (fn.topLevel === true && isHandedDbClient(fn.parameterTypes) && fn.handsBackHandle !== true) return 'repository';
  return undefined;
}

/** Does a parameter type hand a function the DB client or a transaction (`Database`, `Db`, `Knex`, `PrismaClient`)? */
export function isHandedDbClient(parameterTypes: readonly string[] | undefined): boolean {
  return (parameterTypes ?? []).some((type) => (DB_HANDLE_TYPES as readonly string[]).includes(type));
}

/** Parameter types that hand a function the DB client or a transaction. */
const DB_HANDLE_TYPES = [...DB_CLIENT_TYPE_NAMES, 'Database', 'Db', 'DbClient', 'Pool', 'PoolClient', 'Transaction', 'Knex', 'Kysely', 'Sql', 'Tx', 'Trx'] as const;

/**
 * The layer of a piece of code from the classifications around it, outermost (the file) first,
 * then each enclosing class and function: the innermost classification wins. An Express router
 * file under `routes/` is controller code, yet a class `AuditRepository` declared in it is a
 * repository, and a route handler inside a `*.service.ts` file is controller code.
 */
export function innermostLayer<Layer extends string = LayerName>(scopes: readonly (Layer | undefined)[]): Layer | undefined {
  for (let index = scopes.length - 1; index >= 0; index -= 1) {
    const layer = scopes[index];
    if (layer !== undefined) return layer;
  }
  return undefined;
}

/** A layer of the project view: the three layers of code, and the data layer (the DB client itself). */
export type ProjectLayer = LayerName | 'data';

/** Classes that are a DB client when constructed or extended, whatever module they come from. */
const DB_CLIENT_CLASSES: ReadonlySet<string> = new Set(['PrismaClient', 'Kysely', 'Sequelize', 'MongoClient', 'MikroORM']);
/** Classes that are a DB client when constructed or extended from a DB package (`new Pool()` from `pg`, TypeORM `new DataSource()`). */
const DB_PACKAGE_CLIENT_CLASSES: ReadonlySet<string> = new Set(['Pool', 'Client', 'DataSource', 'Connection', 'Database', 'Sequelize', 'Kysely', 'MongoClient', 'Knex']);
/** Factory calls of a DB package that create a client or a model (`knex({…})`, `drizzle(pool)`, `mysql.createPool()`, `mongoose.model('User', s)`). */
const DB_CLIENT_FACTORIES: ReadonlySet<string> = new Set(['knex', 'Knex', 'drizzle', 'createPool', 'createConnection', 'createClient', 'model', 'connect', 'init', 'postgres', 'pgp']);

/** A call or `new` as the DB-client test sees it. */
export interface ConstructionFacts {
  /** The called or constructed name as written: `PrismaClient`, `mysql.createPool`, `knex`. */
  readonly callee: string;
  readonly isNew: boolean;
  /** The module the callee's root name is imported from (`pg`, `./db`), when imported. */
  readonly rootImport?: string | undefined;
  /** The root name is the module's default or namespace import (`import knex from 'knex'`, `import * as pg from 'pg'`). */
  readonly wholeModule?: boolean;
}

function fromDbPackage(source: string | undefined): boolean {
  const name = packageNameOf(source);
  return name !== undefined && Object.hasOwn(DB_PACKAGES, name);
}

/**
 * Does this call or `new` create a DB client (the evidence of a data module)? `new PrismaClient()`
 * anywhere (generated clients live in the project), `new Pool()` / `new DataSource()` / `new Kysely()`
 * from a DB package, and a DB package's factories: `knex({…})`, `drizzle(…)`, `mysql.createPool(…)`,
 * `postgres(url)`, `mongoose.model('User', schema)`, `MikroORM.init(…)`. Returns the evidence as
 * written, or undefined. `new Map()`, `createClient()` of a Redis package, `model()` of a local module: no.
 */
export function dbClientCreation(call: ConstructionFacts): string | undefined {
  const name = call.callee.slice(call.callee.lastIndexOf('.') + 1);
  const text = `${call.isNew ? 'new ' : ''}${call.callee}()`;
  if (call.isNew && DB_CLIENT_CLASSES.has(name)) return text;
  if (!fromDbPackage(call.rootImport)) return undefined;
  // `new Pool()`, and the package's default export under any local name (`import Sqlite from 'better-sqlite3'; new Sqlite(file)`).
  if (call.isNew) return DB_PACKAGE_CLIENT_CLASSES.has(name) || (call.wholeModule === true && !call.callee.includes('.')) ? text : undefined;
  if (DB_CLIENT_FACTORIES.has(name)) return text;
  // `import knex from 'knex'; knex(config)`, `import postgres from 'postgres'; postgres(url)`.
  return call.wholeModule === true && !call.callee.includes('.') ? text : undefined;
}

/** Does a class extending `base` (imported from `source`) make a DB client (`class PrismaService extends PrismaClient`)? */
export function extendsDbClient(base: string, source: string | undefined): boolean {
  const name = base.slice(base.lastIndexOf('.') + 1);
  return DB_CLIENT_CLASSES.has(name) || (fromDbPackage(source) && DB_PACKAGE_CLIENT_CLASSES.has(name));
}

/** Imports of a DB package that hand the importer a repository of the ORM rather than the client (`@InjectRepository`, `getRepository`). */
const ORM_REPOSITORY_NAMES: ReadonlySet<string> = new Set(['Repository', 'MongoRepository', 'TreeRepository', 'EntityRepository', 'Model', 'ModelStatic', 'getRepository', 'getCustomRepository', 'getMongoRepository', 'getTreeRepository']);
/** Value names of a DB package that reach the client (`getManager()`, `getConnection()`). */
const DB_CLIENT_GETTERS: ReadonlySet<string> = new Set(['getManager', 'getConnection', 'getMongoManager', 'createQueryBuilder']);

/**
 * The layer a name imported from a DB package brings into the code that uses it: `data` for a client
 * (a client type injected, `PrismaClient`, `Knex`, `Pool`, `DataSource`; a client constructed or a
 * factory called; `getManager()`), `repository` for the ORM's repositories (`Repository<User>`,
 * `Model<User>`, `getRepository(User)`), and nothing for the rest: operators (`In`, `Like`), SQL
 * builders (`sql`), schema and entity decorators (`Entity`, `Column`, `Prop`), injection decorators
 * themselves, types and enums (`Prisma.UserWhereInput`, `Role`).
 */
export function dbImportLayer(use: { readonly importedName: string; readonly source: string; readonly usage: 'injected' | 'constructed' | 'called' }): 'data' | 'repository' | undefined {
  if (!fromDbPackage(use.source)) return undefined;
  const name = use.importedName;
  if (ORM_REPOSITORY_NAMES.has(name)) return use.usage === 'constructed' ? undefined : 'repository';
  if (use.usage === 'injected') return (DB_CLIENT_TYPE_NAMES as readonly string[]).includes(name) || DB_PACKAGE_CLIENT_CLASSES.has(name) || name === 'PoolClient' || name === 'Db' ? 'data' : undefined;
  if (use.usage === 'called' && DB_CLIENT_GETTERS.has(name)) return 'data';
  return dbClientCreation({ callee: name === 'default' || name === '*' ? 'client' : name, isNew: use.usage === 'constructed', rootImport: use.source, wholeModule: name === 'default' || name === '*' }) === undefined ? undefined : 'data';
}

/** Why code is in its layer, for `--explain`: the layer and the evidence, one short phrase each. */
export interface LayerVerdict {
  readonly layer: ProjectLayer | undefined;
  readonly evidence: readonly string[];
}

/**
 * The layer of a module in the project view, with its evidence: the path or file name (`settings.layers.*.files`)
 * as confirmed by `confirmFileLayer` (a folder alone makes no controller of a file that handles no
 * HTTP), else `data` when the module creates a DB client (`dbClientCreation`), else none. A module
 * that declares only types (interfaces, type aliases, enums) has no layer whatever its path.
 */
export function moduleLayerVerdict(input: {
  readonly match: { readonly layer: LayerName; readonly byFileName: boolean } | undefined;
  readonly evidence: ControllerEvidence;
  readonly createsDbClient: string | undefined;
  readonly onlyTypes: boolean;
}): LayerVerdict {
  if (input.onlyTypes) return { layer: undefined, evidence: ['declares only types'] };
  const confirmed = confirmFileLayer(input.match, input.evidence);
  const why: string[] = [];
  if (input.evidence.registersRoutes) why.push('registers routes');
  if (input.evidence.controllerClass) why.push('declares a controller class');
  if (input.evidence.handlesHttp) why.push('has a function taking an HTTP request or response');
  if (confirmed !== undefined && input.match !== undefined) {
    const path = input.match.byFileName ? `file name matches layers.${input.match.layer}.files` : `folder matches layers.${input.match.layer}.files`;
    return { layer: confirmed, evidence: [path, ...(confirmed === 'controller' ? why : [])] };
  }
  const unconfirmed = input.match === undefined ? [] : [`folder matches layers.${input.match.layer}.files, but it registers no route, handles no HTTP and declares no controller`];
  if (input.createsDbClient !== undefined) return { layer: 'data', evidence: [...unconfirmed, `creates a DB client (${input.createsDbClient})`] };
  return { layer: undefined, evidence: unconfirmed };
}

/** A method as `loadsParentRelation` sees it, around one data access in its body. */
export interface FieldResolverFacts {
  /** The method's decorator names as called. */
  readonly decorators: readonly string[];
  /**
   * The body returns one call's result and nothing else — `return [await] call(…)`, or the call bound
   * and its binding returned (`const { user } = await call(…); return user;`) or projected a field per
   * row with no call (`return rows.map((row) => row.pageId);`), after guards that return the parent's
   * relation it came with (`if (admin.user) return admin.user;`) or throw (`if (me.id !== user.id)
   * throw new AccessDenied();`) — and the access judged is inside that call.
   */
  readonly returnsOnlyTheCall: boolean;
  /** The decorator names of each parameter the returned call reads. */
  readonly parametersReadByCall: readonly (readonly string[])[];
}

/**
 * A GraphQL field resolver whose whole body returns one query keyed by its parent object
 * (`@ResolveField() line(@Parent() item) { return repo.findOne({ where: { id: item.lineId } }); }`):
 * it resolves a relation of the parent, the data-loader shape GraphQL servers are built on, with no
 * rule of the business to move into a service. Controller code by its class, but no DB access to report.
 */
export function loadsParentRelation(method: FieldResolverFacts): boolean {
  if (!method.returnsOnlyTheCall || !method.decorators.some((name) => (FIELD_RESOLVER_DECORATORS as readonly string[]).includes(name))) return false;
  return method.parametersReadByCall.some((decorators) => decorators.some((name) => (GRAPHQL_PARENT_DECORATORS as readonly string[]).includes(name)));
}

/** What one controller function does with data, as `isThinRepositoryHandler` reads it. */
export interface ControllerDataUse {
  /** Queries, SQL or ORM calls made directly (an ORM's repository object included), not through a project repository (nor a load by key through a project model, core `isProjectModelKeyRead`). */
  readonly directAccess: number;
  /** Writes made through project repositories (`organizationsRepository.deleteOrganization`). */
  readonly repositoryWrites: number;
  /**
   * The handler works with a field of a repository result other than its key: tests it
   * (`invitation.status !== 'pending'`), switches on it, computes with it (`account.balance -
   * amount`), or walks it. Testing that the result exists (`if (!doc)`, a soft-delete marker), passing
   * its `id` on, and handing each row whole to a presenter (`rows.map(presentDocument)`) do not count.
   */
  readonly decidesOnReadFields: boolean;
}

/**
 * A handler that only hands a request to the project's repositories: it reads through them, and
 * writes at most once, working with nothing of what it read but its existence and its key (an
 * existence check and a 404 is no decision). No business rule sits in it to move, and a service in between would only pass the
 * call on, so a finding would be dismissed. A handler that runs queries itself, writes twice, or
 * decides on a field of what it read (an invitation's status, a member's role) holds logic that
 * belongs in a service, and is still reported.
 */
export function isThinRepositoryHandler(use: ControllerDataUse): boolean {
  return use.directAccess === 0 && use.repositoryWrites <= 1 && !use.decidesOnReadFields;
}

/** `id`, `userId`, `uuid`, `documentIds`: a key passed on, not a field a rule is decided on. */
export function isKeyFieldName(name: string): boolean {
  return /^(?:id|ids|uuid|guid|_id)$/i.test(name) || /[a-z0-9](?:Id|Ids|Uuid|UUID|ID)$/.test(name);
}

/**
 * A soft-delete marker (`deletedAt`, `isDeleted`): tested beside a missing record
 * (`if (!page || page.deletedAt) throw new NotFoundException()`), it is the existence check of a
 * soft-deleting schema; anywhere else (`if (order.deletedAt) refund()`) it decides like any field.
 */
export function isSoftDeleteMarker(name: string): boolean {
  return /^(?:deletedAt|deleted_at|isDeleted|is_deleted|deleted)$/.test(name);
}
