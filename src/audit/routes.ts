import path from 'node:path';
import { ts } from 'ts-morph';
import { FASTIFY_AUTH_HOOKS, NEST_COMPOSE_DECORATORS, NEST_GLOBAL_GUARD_CALL, NEST_GLOBAL_GUARD_TOKEN } from '../core/catalogs/auth.js';
import { ROUTE_FRAMEWORK_PACKAGES, type RouteFramework } from '../core/catalogs/frameworks.js';
import { classifyRouteRegistration, isNestRouteDecorator, type RouteRegistration } from '../core/classify/layer.js';
import { isDevOnlyCondition } from '../core/classify/code-context.js';
import { packageNameOf } from '../core/classify/names.js';
import {
  checksCredentialsInline,
  configuredGlobalGuard,
  INLINE_CREDENTIAL_CHECK,
  isGlobalAuthGuard,
  isUnderPrefix,
  isAuthMiddleware,
  joinRoutePath,
  judgeRouteAuth,
  answersPreflightOnly,
  composedBranchesTaken,
  matchRegistrar,
  nestDecoratorAuth,
  registrarSelector,
  type AuthSource,
  type DecoratorFact,
} from '../core/classify/routes.js';
import type { ChainFact } from '../core/facts.js';
import type { RouteRegistrar } from '../core/settings.js';
import { importSources } from './bindings.js';
import { buildChain, chainNames, dottedName, enclosingFunctionOf, isFunctionNode, skipWrappers } from './facts.js';
import type { LayerNodeName, RouteEntry } from './findings.js';
import type { CallGraph, FunctionInfo } from './graph.js';

/**
 * A router, app or plugin scope: the declaration that holds it (`const router = Router()`), the
 * function whose parameter it is (a Fastify plugin, `(router) => { … }`), the function that builds
 * and returns it, or the file whose default export it is.
 */
type RouterKey = ts.Node;

interface Mount {
  readonly parent: RouterKey | undefined;
  readonly prefix: string;
  /** Auth middleware written in the mounting call, before the router. */
  readonly sources: readonly AuthSource[];
  /** The mounting call: uses on the parent registered after it do not cover the router (Express order). */
  readonly at: ts.Node | undefined;
}

interface RouterUse {
  readonly prefix: string;
  readonly sources: readonly AuthSource[];
  readonly at: ts.Node;
  /** Express, Koa and Hono middleware covers what is registered after it; Fastify hooks cover the whole scope. */
  readonly ordered: boolean;
}

interface Registration {
  readonly key: RouterKey | undefined;
  readonly methods: readonly string[];
  readonly path: string | undefined;
  readonly handler: ts.Node | undefined;
  readonly sources: readonly AuthSource[];
  readonly call: ts.Node;
  readonly framework: string;
}

interface Level {
  readonly key: RouterKey | undefined;
  /** Uses on this level count when registered before this node (undefined: all). */
  readonly before: ts.Node | undefined;
  /** Absolute prefix of this level. */
  readonly prefix: string;
  readonly mountSources: readonly AuthSource[];
}

const MAX_DEPTH = 12;

function stringOf(node: ts.Node | undefined): string | undefined {
  const inner = node === undefined ? undefined : skipWrappers(node);
  return inner !== undefined && (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) ? inner.text : undefined;
}

function propertyOf(object: ts.Node | undefined, key: string): ts.Expression | undefined {
  const inner = object === undefined ? undefined : skipWrappers(object);
  if (inner === undefined || !ts.isObjectLiteralExpression(inner)) return undefined;
  for (const property of inner.properties) {
    if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) && property.name.text === key) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === key) return property.name;
  }
  return undefined;
}

/** Same file and earlier in it: what Express-style ordering needs to tell whether a `use` covers a registration. */
function isBefore(use: ts.Node, target: ts.Node | undefined): boolean {
  if (target === undefined) return true;
  if (use.getSourceFile() !== target.getSourceFile()) return true;
  return positionOf(use) < positionOf(target);
}

/** Where a call is made: at its method's name, so that `Router().use(a).use(b)` orders `a` before `b`. */
function positionOf(node: ts.Node): number {
  if (ts.isCallExpression(node)) {
    const callee = skipWrappers(node.expression);
    if (ts.isPropertyAccessExpression(callee)) return callee.name.getStart();
  }
  return node.getStart();
}

function location(graph: CallGraph, node: ts.Node): string {
  const { file, line } = graph.location(node);
  return `${file}:${String(line)}`;
}

/** A middleware or guard argument by name: `requireAuth`, `auth.required`, `passport.authenticate`, `AuthGuard('jwt')` → `AuthGuard`. */
function argumentNames(node: ts.Node): string[] {
  const inner = skipWrappers(node);
  const target = ts.isCallExpression(inner) || ts.isNewExpression(inner) ? inner.expression : inner;
  return chainNames(target).filter((name) => name !== 'this');
}

/** A decorator argument as core reads it: a name (`JwtAuthGuard`, `AuthGuard` of `AuthGuard('jwt')`), a string's text, else the code (`true`). */
function argumentText(node: ts.Node): string {
  const text = stringOf(node);
  if (text !== undefined) return text;
  const names = argumentNames(node);
  return names.length > 0 && !names.includes('') ? names.join('.') : node.getText().slice(0, 40);
}

/**
 * The route table: every route registered with Express, Fastify, Koa or Hono (through
 * `classifyRouteRegistration`), by a configured registrar (`settings.routes.registrars`) or
 * declared by NestJS decorators, with its full path (router mounts, Fastify `register` prefixes and
 * `@fastify/autoload` folders, Hono `route` / `basePath`, koa-router prefixes, Nest global prefix and
 * URI versions), handler, auth and where the auth comes from (judged by `core/classify/routes`),
 * and the layers the handler reaches on its way to the database.
 */
export function routeTable(graph: CallGraph, files: readonly ts.SourceFile[]): RouteEntry[] {
  return new RouteTableBuilder(graph, files).build();
}

class RouteTableBuilder {
  private readonly registrations: Registration[] = [];
  /** Statement calls of project functions (`registerRoutes(api)`): a router passed in is the function's router. */
  private readonly routerArguments: ts.CallExpression[] = [];
  /** `use` / `route` calls, resolved once every registration is known: an argument is a router when routes are registered on it. */
  private readonly pendingMounts: { key: RouterKey | undefined; path: string | undefined; args: readonly ts.Node[]; call: ts.CallExpression; callee: ts.PropertyAccessExpression }[] = [];
  private readonly mounts = new Map<RouterKey, Mount>();
  private readonly uses = new Map<RouterKey, RouterUse[]>();
  private readonly ownPrefixes = new Map<RouterKey, string>();
  /** Routers mounted only in development or tests (`if (env.ENVIRONMENT === 'test') app.use(errors.routes())`): not the application's routes. */
  private readonly devOnly = new Set<RouterKey>();
  private readonly entries: RouteEntry[] = [];
  private readonly controllers: ts.ClassDeclaration[] = [];
  /** OvernightJS child controllers and the controller that lists them (`@ChildControllers`). */
  private readonly parentControllers = new Map<ts.ClassDeclaration, ts.ClassDeclaration>();
  private readonly nest = {
    globalPrefix: '',
    prefixExcludes: [] as string[],
    uriVersioning: false,
    versionPrefix: 'v',
    defaultVersion: undefined as string | undefined,
    globalGuards: [] as AuthSource[],
    middleware: [] as { name: string; at: ts.Node; controllers: string[]; paths: NestRouteTarget[]; excludes: string[] }[],
  };

  constructor(
    private readonly graph: CallGraph,
    private readonly files: readonly ts.SourceFile[],
  ) {}

  /** A path, prefix, method or version as written, or the value of the constant it names (`@Controller(HEALTH_ROUTE)`, `` `${API}/users` ``). */
  private readonly text = (node: ts.Node | undefined): string | undefined => (node === undefined ? undefined : (stringOf(node) ?? this.graph.constantText(node)));

  build(): RouteEntry[] {
    for (const file of this.files) {
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node)) this.collect(node);
        if (ts.isClassDeclaration(node)) this.controllers.push(node);
        if (ts.isObjectLiteralExpression(node)) this.globalGuardProvider(node);
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    this.resolveRouterArguments();
    this.resolveMounts();
    for (const registration of this.registrations) this.expressLike(registration);
    this.resolveChildControllers();
    for (const cls of this.controllers) this.nestController(cls);
    return this.entries.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method) || a.file.localeCompare(b.file) || a.line - b.line);
  }

  // ── Collecting ─────────────────────────────────────────────────────────────────────────────

  private collect(call: ts.CallExpression): void {
    const callee = skipWrappers(call.expression);
    const names = chainNames(callee);
    const method = names[names.length - 1] ?? '';
    if (ts.isPropertyAccessExpression(callee) && this.setUpCall(method, call, callee)) return;
    const registrar = matchRegistrar(names, this.graph.settings);
    if (registrar !== undefined) {
      this.custom(call, callee, registrar);
      return;
    }
    if (ts.isPropertyAccessExpression(callee) && method === 'openapi' && call.arguments.length >= 2) {
      this.openApiRoute(call, callee);
      return;
    }
    if (ts.isIdentifier(callee) && ts.isExpressionStatement(call.parent) && call.arguments.some((arg) => ts.isIdentifier(skipWrappers(arg)))) this.routerArguments.push(call);
    const chain = buildChain(call);
    const classified = classifyRouteRegistration(chain) ?? classifyRouteRegistration(withoutChainedRegistrations(chain)) ?? this.declaredRouterRoute(call, callee);
    if (classified === undefined || !ts.isPropertyAccessExpression(callee)) return;
    const registration = this.withConstantPath(classified, call, callee);
    const receiver = callee.expression;
    const key = this.routerKeyOfReceiver(receiver);
    const handlerArgs = registration.handlerArgIndexes.flatMap((index) => (call.arguments[index] === undefined ? [] : [call.arguments[index]]));
    if (registration.method === 'use' || (registration.method === 'route' && registration.optionsArgIndex === undefined)) {
      this.pendingMounts.push({ key, path: registration.path, args: handlerArgs, call, callee });
      return;
    }
    let handler: ts.Node | undefined = handlerArgs[handlerArgs.length - 1];
    const sources = handlerArgs.slice(0, -1).flatMap((arg) => this.middlewareSources(arg, '…', call));
    if (registration.optionsArgIndex !== undefined) {
      const options = call.arguments[registration.optionsArgIndex];
      const handlerProperty = propertyOf(options, 'handler');
      if (handlerProperty !== undefined) handler = handlerProperty;
      for (const hook of FASTIFY_AUTH_HOOKS) {
        const value = propertyOf(options, hook);
        if (value !== undefined) sources.push(...this.middlewareSources(value, `${hook}: …`, call));
      }
    }
    if (handler !== undefined) sources.push(...this.inlineCheck(handler, 'handler: …', call));
    const methods = registration.method === 'route' ? (registration.routeMethods ?? ['all']) : [registration.method];
    // `router.options('/x', cors())`: a CORS preflight, no endpoint of the application (core `answersPreflightOnly`).
    if (answersPreflightOnly(methods, handlerArgs.map((arg) => { const inner = skipWrappers(arg); return ts.isCallExpression(inner) ? buildChain(inner) : undefined; }))) return;
    const framework = registration.framework === 'unknown' ? (this.frameworkOfKey(key) ?? 'unknown') : registration.framework;
    this.registrations.push({ key, methods: methods.map((item) => item.toUpperCase()), path: registration.path, handler, sources, call, framework });
  }

  /**
   * A path core could not read from the syntax (`router.get(ROUTES.users, h)`, `` `${API}/users` ``,
   * `app.use(API_PREFIX, api)`): the value of the constant, when the checker can tell it.
   */
  private withConstantPath(registration: RouteRegistration, call: ts.CallExpression, callee: ts.PropertyAccessExpression): RouteRegistration {
    const args = call.arguments;
    if (registration.method === 'use' || (registration.method === 'route' && registration.optionsArgIndex === undefined)) {
      if (registration.path !== undefined && !this.hasHoles(args[0])) return registration;
      const first = registration.handlerArgIndexes[0];
      if (args.length < 2 || (first !== 0 && first !== 1)) return registration;
      const text = this.text(args[0]);
      if (text === undefined || !text.startsWith('/')) return registration;
      return { ...registration, path: text, handlerArgIndexes: registration.handlerArgIndexes.filter((index) => index > 0) };
    }
    const pathNode =
      registration.optionsArgIndex === 0 && registration.handlerArgIndexes.length === 0 ? (propertyOf(args[0], 'url') ?? propertyOf(args[0], 'path'))
      : (registration.handlerArgIndexes[0] ?? 0) >= 1 ? args[0]
      : routeChainPath(callee);
    if (pathNode === undefined || (registration.path !== undefined && !this.hasHoles(pathNode))) return registration;
    const text = this.text(pathNode);
    return text === undefined ? registration : { ...registration, path: text };
  }

  /** A template with substitutions, whose holes core shows as `?`. */
  private hasHoles(node: ts.Node | undefined): boolean {
    return node !== undefined && ts.isTemplateExpression(skipWrappers(node));
  }

  /**
   * Each argument of `app.use([path,] …)` / `app.route(path, sub)` is a router (mounted at the path)
   * when it is a router value or a function routes are registered in; otherwise it is middleware,
   * and auth middleware covers what the call's receiver registers after it.
   */
  private resolveMounts(): void {
    const scopes = new Set<ts.Node>();
    const addScope = (key: RouterKey | undefined): void => {
      if (key === undefined) return;
      scopes.add(key);
      const container = ts.isSourceFile(key) ? undefined : enclosingFunctionOf(key);
      if (container !== undefined) scopes.add(container);
    };
    for (const registration of this.registrations) addScope(registration.key);
    for (const pending of this.pendingMounts) addScope(pending.key);
    for (const key of this.uses.keys()) addScope(key);
    for (const { key, path: mountPath, args, call, callee } of this.pendingMounts) {
      const sources: AuthSource[] = [];
      for (const written of args) {
        const mounted = koaMount(written, this.text);
        const arg = mounted?.app ?? written;
        const child = this.routerKeyOfValue(arg, 0);
        if (mounted !== undefined && child !== undefined) {
          if (!this.mounts.has(child)) this.mounts.set(child, { parent: key, prefix: joinRoutePath(mountPath ?? '', mounted.prefix), sources: [...sources], at: call });
          continue;
        }
        if (child !== undefined && (!isFunctionNode(child) || scopes.has(child))) {
          if (inDevOnlyBranch(call)) this.devOnly.add(child);
          if (!this.mounts.has(child)) this.mounts.set(child, { parent: key, prefix: mountPath ?? '', sources: [...sources], at: call });
        } else if (!isRouterValue(arg)) {
          sources.push(...this.middlewareSources(arg, `${receiverLabel(callee)}(${mountPath === undefined ? '' : `'${mountPath}', `}…)`, call));
        }
      }
      if (sources.length > 0 && key !== undefined) this.addUse(key, { prefix: mountPath ?? '', sources, at: call, ordered: true });
    }
  }

  /** `registerGetMonitor(monitorsApi)`: routes the function registers on its parameter are the router's. */
  private resolveRouterArguments(): void {
    const scopes = new Set<ts.Node>(this.registrations.flatMap((registration) => (registration.key !== undefined && isFunctionNode(registration.key) ? [registration.key] : [])));
    if (scopes.size === 0) return;
    for (const call of this.routerArguments) {
      const target = this.graph.resolveCallee(call.expression);
      if (target === undefined || !scopes.has(target.node) || this.mounts.has(target.node)) continue;
      for (const arg of call.arguments) {
        const key = ts.isIdentifier(skipWrappers(arg)) ? this.routerKeyOfReceiver(arg) : undefined;
        if (key !== undefined && ts.isVariableDeclaration(key)) {
          this.mounts.set(target.node, { parent: key, prefix: '', sources: [], at: call });
          break;
        }
      }
    }
  }

  /**
   * `@hono/zod-openapi`: `app.openapi(route, handler)` with `route = createRoute({ method, path, middleware })`
   * (https://github.com/honojs/middleware/tree/main/packages/zod-openapi).
   */
  private openApiRoute(call: ts.CallExpression, callee: ts.PropertyAccessExpression): void {
    let definition: ts.Node | undefined = skipWrappers(call.arguments[0] ?? call);
    if (ts.isIdentifier(definition)) {
      const declaration = this.graph.declarationOf(definition);
      definition = declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined ? skipWrappers(declaration.initializer) : undefined;
    }
    if (definition === undefined || !ts.isCallExpression(definition) || chainNames(definition.expression).pop() !== 'createRoute') return;
    const options = definition.arguments[0];
    const methodText = this.text(propertyOf(options, 'method'));
    const routePath = this.text(propertyOf(options, 'path'));
    if (methodText === undefined) return;
    const middleware = propertyOf(options, 'middleware');
    const sources = middleware === undefined ? [] : this.middlewareSources(middleware, 'middleware: …', definition);
    const key = this.routerKeyOfReceiver(callee.expression);
    this.registrations.push({ key, methods: [methodText.toUpperCase()], path: routePath, handler: call.arguments[1], sources, call, framework: 'hono' });
  }

  /**
   * A route on a receiver whose name says nothing (`books.get('/', h)`) but that is declared as a
   * router (`const books = new Hono()`, `new Router()`); koa-router also takes paths without a
   * leading slash (`router.post('documents.list', auth(), handler)`, served at `/documents.list`).
   */
  private declaredRouterRoute(call: ts.CallExpression, callee: ts.Node): ReturnType<typeof classifyRouteRegistration> {
    if (!ts.isPropertyAccessExpression(callee) || !['get', 'post', 'put', 'patch', 'delete', 'all', 'options', 'head', 'use', 'route'].includes(callee.name.text)) return undefined;
    const key = this.routerKeyOfReceiver(callee.expression);
    if (key === undefined || !ts.isVariableDeclaration(key) || key.initializer === undefined || !this.looksLikeRouter(key.initializer)) return undefined;
    const path = this.text(call.arguments[0]);
    const framework = this.frameworkOfKey(key) ?? 'unknown';
    if (callee.name.text === 'use' || callee.name.text === 'route') {
      const first = path === undefined ? 0 : 1;
      if (call.arguments.length <= first || (callee.name.text === 'route' && path === undefined)) return undefined;
      return { framework, method: callee.name.text, ...(path === undefined ? {} : { path }), handlerArgIndexes: call.arguments.slice(first).map((_arg, index) => index + first) };
    }
    if (path === undefined || call.arguments.length < 2) return undefined;
    if (!path.startsWith('/') && framework !== 'koa') return undefined;
    return { framework, method: callee.name.text as 'get', path: path.startsWith('/') ? path : `/${path}`, handlerArgIndexes: call.arguments.slice(1).map((_arg, index) => index + 1) };
  }

  /** Application set-up that shapes routes without registering one: prefixes, versions, guards, plugins, hooks. */
  private setUpCall(method: string, call: ts.CallExpression, callee: ts.PropertyAccessExpression): boolean {
    switch (method) {
      case 'setGlobalPrefix':
        this.globalPrefix(call);
        return true;
      case 'enableVersioning':
        this.versioning(call);
        return true;
      case NEST_GLOBAL_GUARD_CALL:
        this.useGlobalGuards(call);
        return true;
      case 'forRoutes':
        this.nestMiddleware(call);
        return true;
      case 'register':
        this.fastifyRegister(call, callee);
        return true;
      case 'addHook':
        this.fastifyHook(call, callee);
        return true;
      case 'prefix': {
        const prefix = call.arguments.length === 1 ? this.text(call.arguments[0]) : undefined;
        const key = prefix === undefined ? undefined : this.routerKeyOfReceiver(callee.expression);
        if (key !== undefined && prefix !== undefined) this.ownPrefixes.set(key, prefix);
        return prefix !== undefined;
      }
      default:
        return false;
    }
  }

  private addUse(key: RouterKey, use: RouterUse): void {
    this.uses.set(key, [...(this.uses.get(key) ?? []), use]);
  }

  /** Auth middleware in a middleware position (arrays spread), each with where it is written. */
  /** `label` says how the middleware is applied, `…` standing for its name: `router.use(…)`, `preHandler: …`; plain `…` before a handler. */
  private middlewareSources(node: ts.Node, label: string, at: ts.Node): AuthSource[] {
    const inner = skipWrappers(node);
    if (ts.isArrayLiteralExpression(inner)) return inner.elements.flatMap((element) => this.middlewareSources(element, label, at));
    if (isFunctionNode(inner)) return this.inlineCheck(inner, label, at);
    const names = argumentNames(inner);
    if (!isAuthMiddleware(names, true, this.graph.settings)) return [];
    const name = names.join('.');
    return [{ name, evidence: `${label.replace('…', name)} at ${location(this.graph, at)}` }];
  }

  /**
   * A middleware or handler written in place that checks the caller's credentials itself
   * (`checksCredentialsInline`); for the handler, also a function passed by name (`app.post('/cron', runCron)`).
   */
  private inlineCheck(node: ts.Node, label: string, at: ts.Node): AuthSource[] {
    const inner = skipWrappers(node);
    const fn = isFunctionNode(inner) ? inner : ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner) ? this.graph.resolveCallee(inner)?.node : undefined;
    if (fn === undefined || !checksCredentialsInline(fn.getText())) return [];
    return [{ name: INLINE_CREDENTIAL_CHECK, evidence: `${label.replace('…', 'a function that checks a credential header and answers 401')} at ${location(this.graph, fn === inner ? at : fn)}` }];
  }

  private custom(call: ts.CallExpression, callee: ts.Node, registrar: RouteRegistrar): void {
    const read = (text: string | undefined): ts.Node | string | undefined => {
      if (text === undefined) return undefined;
      const selector = registrarSelector(text);
      if (selector.kind === 'fixed') return selector.value;
      if (selector.kind === 'argument') return call.arguments[selector.index];
      const object = call.arguments.find((arg) => ts.isObjectLiteralExpression(skipWrappers(arg)));
      return propertyOf(object, selector.key);
    };
    const method = read(registrar.method);
    const methodText = typeof method === 'string' ? method : this.text(method);
    const pathValue = read(registrar.path);
    const handler = read(registrar.handler);
    const middleware = read(registrar.middleware);
    const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
    const key = receiver === undefined ? undefined : this.routerKeyOfReceiver(receiver);
    const sources = middleware === undefined || typeof middleware === 'string' ? [] : this.middlewareSources(middleware, '…', call);
    this.registrations.push({
      key,
      methods: [methodText === undefined ? 'ALL' : methodText.toUpperCase()],
      path: typeof pathValue === 'string' ? undefined : this.text(pathValue),
      handler: typeof handler === 'string' ? undefined : handler,
      sources,
      call,
      framework: 'custom',
    });
  }

  private fastifyRegister(call: ts.CallExpression, callee: ts.PropertyAccessExpression): void {
    const [plugin, options] = call.arguments;
    if (plugin === undefined) return;
    const parent = this.routerKeyOfReceiver(callee.expression);
    const prefix = this.text(propertyOf(options, 'prefix')) ?? '';
    const pluginNames = argumentNames(plugin);
    const source = ts.isIdentifier(skipWrappers(plugin)) ? importSources(call.getSourceFile()).get(pluginNames[0] ?? '') : undefined;
    if (source === '@fastify/autoload' || source === 'fastify-autoload') {
      this.autoload(call, parent, options);
      return;
    }
    const child = this.routerKeyOfValue(plugin, 0);
    if (child !== undefined && !this.mounts.has(child)) this.mounts.set(child, { parent, prefix, sources: [], at: undefined });
  }

  /**
   * `fastify.register(autoload, { dir: path.join(__dirname, 'routes'), options: { prefix } })`: each
   * plugin file under `dir` is mounted at its folder path (`routes/users/index.ts` → `/users`;
   * `_id` folders are `:id`), https://github.com/fastify/fastify-autoload. With `autoHooks`, an
   * `autohooks` file's hooks cover the plugins of its folder (and below with `cascadeHooks`).
   */
  private autoload(call: ts.CallExpression, parent: RouterKey | undefined, options: ts.Node | undefined): void {
    const dir = this.evaluatePath(propertyOf(options, 'dir'), call.getSourceFile());
    if (dir === undefined) return;
    const prefix = this.text(propertyOf(propertyOf(options, 'options'), 'prefix')) ?? '';
    const autoHooks = skipWrappers(propertyOf(options, 'autoHooks') ?? call).kind === ts.SyntaxKind.TrueKeyword;
    const cascade = skipWrappers(propertyOf(options, 'cascadeHooks') ?? call).kind === ts.SyntaxKind.TrueKeyword;
    const inDir = this.files.filter((file) => file.fileName.startsWith(`${dir}/`));
    const hooks = new Map<string, RouterKey>();
    if (autoHooks) {
      for (const file of inDir) if (/^autohooks\.[cm]?[jt]s$/.test(path.basename(file.fileName))) {
        const key = this.defaultExportKey(file);
        if (key !== undefined) hooks.set(path.dirname(file.fileName), key);
      }
    }
    for (const file of inDir) {
      const folder = path.dirname(file.fileName);
      const key = this.defaultExportKey(file);
      if (key === undefined) continue;
      const relative = path.relative(dir, folder).split(path.sep).filter((part) => part !== '').map((part) => (part.startsWith('_') ? `:${part.slice(1)}` : part));
      let hookFolder = hooks.has(folder) ? folder : undefined;
      if (hookFolder === undefined && cascade) {
        for (let up = folder; up.startsWith(dir) && hookFolder === undefined; up = path.dirname(up)) if (hooks.has(up)) hookFolder = up;
      }
      const hookKey = hookFolder === undefined ? undefined : hooks.get(hookFolder);
      const belowHooks = hookFolder === undefined ? [] : path.relative(hookFolder, folder).split(path.sep).filter((part) => part !== '').map((part) => (part.startsWith('_') ? `:${part.slice(1)}` : part));
      const isHookFile = [...hooks.values()].includes(key);
      if (isHookFile) {
        if (!this.mounts.has(key)) this.mounts.set(key, { parent, prefix: joinRoutePath(prefix, ...relative), sources: [], at: undefined });
        continue;
      }
      // The hooks file sits at the folder's prefix: the plugin's own mount adds nothing more when it is its parent.
      if (!this.mounts.has(key)) {
        this.mounts.set(key, hookKey === undefined ? { parent, prefix: joinRoutePath(prefix, ...relative), sources: [], at: undefined } : { parent: hookKey, prefix: joinRoutePath(...belowHooks), sources: [], at: undefined });
      }
    }
  }

  /** `path.join(__dirname, 'routes')`, `join(__dirname, '..', 'routes')`, `` `${__dirname}/routes` ``. */
  private evaluatePath(node: ts.Node | undefined, file: ts.SourceFile): string | undefined {
    if (node === undefined) return undefined;
    const inner = skipWrappers(node);
    const here = path.dirname(file.fileName);
    if (ts.isIdentifier(inner) && (inner.text === '__dirname' || inner.text === 'dirname')) return here;
    if (ts.isStringLiteral(inner)) return path.resolve(here, inner.text);
    if (ts.isCallExpression(inner) && ['join', 'resolve'].includes(chainNames(inner.expression).pop() ?? '')) {
      const parts = inner.arguments.map((arg) => {
        const value = skipWrappers(arg);
        if (ts.isIdentifier(value) && (value.text === '__dirname' || value.text === 'dirname')) return here;
        if (ts.isCallExpression(value) && /dirname/i.test(dottedName(value.expression))) return here;
        return this.text(value);
      });
      if (parts.some((part) => part === undefined)) return undefined;
      return path.resolve(...(parts as string[]));
    }
    return undefined;
  }

  private fastifyHook(call: ts.CallExpression, callee: ts.PropertyAccessExpression): void {
    const [hook, handler] = call.arguments;
    if (!FASTIFY_AUTH_HOOKS.includes(this.text(hook) as (typeof FASTIFY_AUTH_HOOKS)[number]) || handler === undefined) return;
    const key = this.routerKeyOfReceiver(callee.expression);
    const sources = this.middlewareSources(handler, `${receiverLabel(callee)}('${this.text(hook) ?? ''}', …)`, call);
    if (key !== undefined && sources.length > 0) this.addUse(key, { prefix: '', sources, at: call, ordered: false });
  }

  // ── NestJS application set-up ──────────────────────────────────────────────────────────────

  private globalPrefix(call: ts.CallExpression): void {
    const prefix = this.text(call.arguments[0]);
    if (prefix === undefined) return;
    this.nest.globalPrefix = prefix;
    const exclude = propertyOf(call.arguments[1], 'exclude');
    const inner = exclude === undefined ? undefined : skipWrappers(exclude);
    if (inner !== undefined && ts.isArrayLiteralExpression(inner)) {
      for (const element of inner.elements) {
        const text = this.text(element) ?? this.text(propertyOf(element, 'path'));
        if (text !== undefined) this.nest.prefixExcludes.push(joinRoutePath(text));
      }
    }
  }

  /** `app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' })`: URI versions put `/v1` before the controller path. */
  private versioning(call: ts.CallExpression): void {
    const options = call.arguments[0];
    const type = propertyOf(options, 'type');
    if (type !== undefined && !/URI$/.test(dottedName(type))) return;
    this.nest.uriVersioning = true;
    const prefix = propertyOf(options, 'prefix');
    if (prefix !== undefined) this.nest.versionPrefix = this.text(prefix) ?? (skipWrappers(prefix).kind === ts.SyntaxKind.FalseKeyword ? '' : 'v');
    const version = propertyOf(options, 'defaultVersion');
    this.nest.defaultVersion = version === undefined ? undefined : versionOf(version, this.text);
  }

  /** `{ provide: APP_GUARD, useClass: JwtAuthGuard }` in any module. */
  private globalGuardProvider(object: ts.ObjectLiteralExpression): void {
    const provide = propertyOf(object, 'provide');
    if (provide === undefined || dottedName(provide) !== NEST_GLOBAL_GUARD_TOKEN) return;
    const guard = propertyOf(object, 'useClass') ?? propertyOf(object, 'useExisting');
    const name = guard === undefined ? undefined : dottedName(guard);
    if (name === undefined || name === '' || !isGlobalAuthGuard(name, this.extendsName(guard))) return;
    this.nest.globalGuards.push({ name, evidence: `APP_GUARD ${name} in ${location(this.graph, object)}` });
  }

  private useGlobalGuards(call: ts.CallExpression): void {
    for (const arg of call.arguments) {
      const name = argumentNames(arg).join('.');
      if (name !== '' && isGlobalAuthGuard(name, this.extendsName(skipWrappers(arg)))) this.nest.globalGuards.push({ name, evidence: `useGlobalGuards(${name}) at ${location(this.graph, call)}` });
    }
  }

  /** The class a guard class extends, as written: `AuthGuard` for `class JwtGuard extends AuthGuard('jwt')`. */
  private extendsName(guard: ts.Node | undefined): string | undefined {
    const inner = guard === undefined ? undefined : skipWrappers(guard);
    const reference = inner !== undefined && ts.isNewExpression(inner) ? skipWrappers(inner.expression) : inner;
    if (reference === undefined || !ts.isIdentifier(reference)) return undefined;
    let declaration: ts.Node | undefined = this.graph.declarationOf(reference);
    if (declaration !== undefined && (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration))) {
      const value = this.importedValue(declaration);
      declaration = value !== undefined && ts.isIdentifier(value) ? this.graph.declarationOf(value) : value;
    }
    if (declaration === undefined || !ts.isClassDeclaration(declaration)) return undefined;
    const heritage = declaration.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    return heritage === undefined ? undefined : argumentNames(heritage.expression).join('.');
  }

  /** `consumer.apply(AuthMiddleware).exclude(…).forRoutes(UsersController, 'orders/*', { path, method })`. */
  private nestMiddleware(call: ts.CallExpression): void {
    let apply: ts.CallExpression | undefined;
    const excludes: string[] = [];
    for (let current: ts.Node = skipWrappers(call.expression); ts.isPropertyAccessExpression(current) || ts.isCallExpression(current); current = skipWrappers(current.expression)) {
      if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression)) {
        const name = current.expression.name.text;
        if (name === 'apply') apply = current;
        if (name === 'exclude') for (const arg of current.arguments) excludes.push(...[this.text(arg) ?? this.text(propertyOf(arg, 'path'))].filter((item): item is string => item !== undefined));
      }
    }
    if (apply === undefined) return;
    const controllers: string[] = [];
    const paths: NestRouteTarget[] = [];
    for (const arg of call.arguments) {
      const text = this.text(arg) ?? this.text(propertyOf(arg, 'path'));
      const method = propertyOf(arg, 'method');
      const methodName = method === undefined ? undefined : (dottedName(method).split('.').pop() ?? '').toUpperCase();
      if (text !== undefined) paths.push({ path: text, method: methodName === undefined || methodName === 'ALL' ? undefined : methodName });
      else if (ts.isIdentifier(skipWrappers(arg))) controllers.push((skipWrappers(arg) as ts.Identifier).text);
    }
    for (const middleware of apply.arguments) {
      const names = argumentNames(middleware);
      if (!isAuthMiddleware(names, true, this.graph.settings)) continue;
      this.nest.middleware.push({ name: names.join('.'), at: call, controllers, paths, excludes });
    }
  }

  // ── Resolving routers ──────────────────────────────────────────────────────────────────────

  /** The router a registration's receiver is: `router`, `this.router`, the plugin's `fastify` parameter, `Router()` in a chain. */
  private routerKeyOfReceiver(receiver: ts.Node, depth = 0): RouterKey | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const inner = skipWrappers(receiver);
    if (ts.isCallExpression(inner) || ts.isNewExpression(inner)) {
      // `Router().use(…)`, `new Hono().basePath('/api').get(…)`: the chain's holder.
      let root: ts.Node = inner;
      while (ts.isCallExpression(root) && ts.isPropertyAccessExpression(skipWrappers(root.expression))) root = skipWrappers((skipWrappers(root.expression) as ts.PropertyAccessExpression).expression);
      if (ts.isIdentifier(root) || ts.isPropertyAccessExpression(root)) return this.routerKeyOfReceiver(root, depth + 1);
      return this.holderOf(inner);
    }
    if (inner.kind === ts.SyntaxKind.ThisKeyword) return undefined;
    const nameNode = ts.isIdentifier(inner) ? inner : ts.isPropertyAccessExpression(inner) ? inner.name : undefined;
    if (nameNode === undefined || !ts.isIdentifier(nameNode)) return undefined;
    const declaration = this.graph.declarationOf(nameNode);
    if (declaration === undefined) return undefined;
    if (ts.isParameter(declaration)) return declaration.parent;
    if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) {
      const target = this.importedValue(declaration);
      return target === undefined ? undefined : this.routerKeyOfValue(target, depth + 1);
    }
    if (ts.isVariableDeclaration(declaration)) {
      const init = declaration.initializer === undefined ? undefined : skipWrappers(declaration.initializer);
      if (init !== undefined && (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init)) && !ts.isPropertyAccessExpression(inner)) return this.routerKeyOfReceiver(init, depth + 1);
      return declaration;
    }
    return declaration;
  }

  /** The router a mounted value is: a router variable (imported too), a factory call, a plugin function, `sub.routes()`. */
  private routerKeyOfValue(value: ts.Node, depth: number): RouterKey | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const inner = skipWrappers(value);
    if (isFunctionNode(inner)) return this.isPluginFunction(inner) ? inner : undefined;
    if (ts.isAwaitExpression(inner)) return this.routerKeyOfValue(inner.expression, depth + 1);
    if (ts.isCallExpression(inner)) {
      const moduleFile = this.requiredModule(inner);
      if (moduleFile !== undefined) return this.defaultExportKey(moduleFile);
      if (isPluginWrapper(inner)) return this.routerKeyOfValue(inner.arguments[0] ?? inner, depth + 1);
      const callee = skipWrappers(inner.expression);
      // koa-router `sub.routes()` / `sub.middleware()`.
      if (ts.isPropertyAccessExpression(callee) && ['routes', 'middleware'].includes(callee.name.text) && inner.arguments.length === 0) return this.routerKeyOfReceiver(callee.expression, depth + 1);
      // `Router().use(…)` written inline.
      if (ts.isPropertyAccessExpression(callee) && ['use', 'get', 'post', 'put', 'patch', 'delete', 'route', 'basePath'].includes(callee.name.text)) return this.holderOf(inner);
      const factory = this.graph.resolveCallee(callee);
      return factory !== undefined && this.returnsRouter(factory.node) ? factory.node : undefined;
    }
    if (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner)) {
      const nameNode = ts.isIdentifier(inner) ? inner : inner.name;
      if (!ts.isIdentifier(nameNode)) return undefined;
      const declaration = this.graph.declarationOf(nameNode);
      if (declaration === undefined) return undefined;
      if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) {
        const target = this.importedValue(declaration);
        return target === undefined ? undefined : this.routerKeyOfValue(target, depth + 1);
      }
      if (ts.isFunctionDeclaration(declaration)) return this.isPluginFunction(declaration) ? declaration : undefined;
      if (ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) {
        const init = declaration.initializer === undefined ? undefined : skipWrappers(declaration.initializer);
        if (init === undefined) return undefined;
        if (isFunctionNode(init)) return this.isPluginFunction(init) ? init : undefined;
        if (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init) || ts.isAwaitExpression(init)) return this.routerKeyOfValue(init, depth + 1);
        if (ts.isCallExpression(init) && this.requiredModule(init) !== undefined) return this.routerKeyOfValue(init, depth + 1);
        if (ts.isCallExpression(init) && isPluginWrapper(init)) return this.routerKeyOfValue(init.arguments[0] ?? init, depth + 1);
        // `export const slackRoute = createSlackRoute(config)`: the factory's router.
        if (ts.isCallExpression(init) && !this.looksLikeRouter(init)) return this.routerKeyOfValue(init, depth + 1);
        return this.looksLikeRouter(init) ? (ts.isVariableDeclaration(declaration) ? declaration : declaration) : undefined;
      }
      if (ts.isShorthandPropertyAssignment(declaration)) {
        // `const router = { lookupRouter }; app.use('/lookup', router.lookupRouter)`: the value the property names.
        const value = this.graph.shorthandValueOf(declaration);
        if (value === undefined || value === declaration) return undefined;
        if (ts.isImportSpecifier(value) || ts.isImportClause(value) || ts.isNamespaceImport(value)) {
          const target = this.importedValue(value);
          return target === undefined ? undefined : this.routerKeyOfValue(target, depth + 1);
        }
        return ts.isVariableDeclaration(value) ? this.routerKeyOfValue(value.name, depth + 1) : undefined;
      }
      return undefined;
    }
    return undefined;
  }

  /** A router or app value: `Router()`, `express.Router()`, `new Router({ prefix })`, `new Hono()`, `new Koa()`, a chain on one. */
  private looksLikeRouter(init: ts.Node): boolean {
    let root: ts.Node = skipWrappers(init);
    while (ts.isCallExpression(root) && ts.isPropertyAccessExpression(skipWrappers(root.expression))) {
      const access = skipWrappers(root.expression) as ts.PropertyAccessExpression;
      if (access.name.text === 'Router') return true;
      root = skipWrappers(access.expression);
    }
    if (!ts.isCallExpression(root) && !ts.isNewExpression(root)) return false;
    const names = chainNames(root.expression);
    const last = names[names.length - 1] ?? '';
    if (['Router', 'Hono', 'Koa', 'OpenAPIHono', 'express', 'fastify', 'Fastify'].includes(last)) return true;
    const source = packageNameOf(importSources(root.getSourceFile()).get(names[0] ?? ''));
    return source !== undefined && Object.hasOwn(ROUTE_FRAMEWORK_PACKAGES, source);
  }

  /** A function that registers routes on its parameter or a local router (a Fastify plugin, `(router) => { … }`). */
  private isPluginFunction(fn: ts.Node): boolean {
    return isFunctionNode(fn) && fn.parameters.length > 0;
  }

  private returnsRouter(fn: ts.Node): boolean {
    if (!isFunctionNode(fn) || fn.body === undefined) return false;
    const body = fn.body;
    if (!ts.isBlock(body)) return this.looksLikeRouter(body);
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found || (node !== body && isFunctionNode(node))) return;
      if (ts.isReturnStatement(node) && node.expression !== undefined) {
        const value = skipWrappers(node.expression);
        if (this.looksLikeRouter(value)) found = true;
        else if (ts.isIdentifier(value)) {
          const declaration = this.graph.declarationOf(value);
          if (declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && this.looksLikeRouter(declaration.initializer)) found = true;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
    return found;
  }

  /** What holds a chain written in place: the variable it initialises, the file it is the default export of, the function it is returned from. */
  private holderOf(expression: ts.Node): RouterKey | undefined {
    let node: ts.Node = expression;
    for (let parent = node.parent as ts.Node | undefined; parent !== undefined; node = parent, parent = parent.parent) {
      if (ts.isPropertyAccessExpression(parent) || ts.isCallExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent)) continue;
      if (ts.isVariableDeclaration(parent)) return parent;
      if (ts.isExportAssignment(parent)) return parent.getSourceFile();
      if (ts.isBinaryExpression(parent) && dottedName(parent.left) === 'module.exports') return parent.getSourceFile();
      if (ts.isReturnStatement(parent)) return enclosingFunctionOf(parent);
      if (isFunctionNode(parent)) return parent;
      return undefined;
    }
    return undefined;
  }

  private requiredModule(call: ts.CallExpression): ts.SourceFile | undefined {
    const isRequire = ts.isIdentifier(call.expression) && call.expression.text === 'require';
    const isImport = call.expression.kind === ts.SyntaxKind.ImportKeyword;
    const specifier = call.arguments[0];
    if ((!isRequire && !isImport) || specifier === undefined || !ts.isStringLiteral(specifier)) return undefined;
    return this.graph.resolveModule(specifier);
  }

  /** The value an import names in its module: the default export, a named export, the module itself. */
  private importedValue(declaration: ts.ImportSpecifier | ts.ImportClause | ts.NamespaceImport): ts.Node | undefined {
    const importDeclaration = ts.isImportClause(declaration) ? declaration.parent : ts.isNamespaceImport(declaration) ? declaration.parent.parent : declaration.parent.parent.parent;
    if (!ts.isStringLiteral(importDeclaration.moduleSpecifier)) return undefined;
    const file = this.graph.resolveModule(importDeclaration.moduleSpecifier);
    if (file === undefined) return undefined;
    if (ts.isNamespaceImport(declaration)) return undefined;
    const name = ts.isImportClause(declaration) ? 'default' : (declaration.propertyName ?? declaration.name).text;
    return exportedValue(file, name, (specifier) => this.graph.resolveModule(specifier));
  }

  private defaultExportKey(file: ts.SourceFile): RouterKey | undefined {
    const value = exportedValue(file, 'default', (specifier) => this.graph.resolveModule(specifier));
    if (value === undefined) return undefined;
    if (isFunctionNode(value)) return value;
    if (ts.isSourceFile(value)) return value;
    return this.routerKeyOfValue(value, 1) ?? (ts.isIdentifier(value) ? undefined : this.holderOf(value));
  }

  private frameworkOfKey(key: RouterKey | undefined): RouteFramework | undefined {
    if (key === undefined || !ts.isVariableDeclaration(key) || key.initializer === undefined) return undefined;
    let root: ts.Node = skipWrappers(key.initializer);
    while ((ts.isCallExpression(root) || ts.isNewExpression(root)) && ts.isPropertyAccessExpression(skipWrappers(root.expression))) root = skipWrappers((skipWrappers(root.expression) as ts.PropertyAccessExpression).expression);
    if (!ts.isCallExpression(root) && !ts.isNewExpression(root)) return undefined;
    const packageName = packageNameOf(importSources(root.getSourceFile()).get(chainNames(root.expression)[0] ?? ''));
    return packageName !== undefined && Object.hasOwn(ROUTE_FRAMEWORK_PACKAGES, packageName) ? ROUTE_FRAMEWORK_PACKAGES[packageName as keyof typeof ROUTE_FRAMEWORK_PACKAGES] : undefined;
  }

  /** `new Router({ prefix: '/x' })` (koa-router), `new Hono().basePath('/x')`, `router.prefix('/x')`. */
  private ownPrefix(key: RouterKey | undefined): string {
    if (key === undefined) return '';
    const set = this.ownPrefixes.get(key);
    if (set !== undefined) return set;
    if (!ts.isVariableDeclaration(key) || key.initializer === undefined) return '';
    let prefix = '';
    for (let current: ts.Node = skipWrappers(key.initializer); ts.isCallExpression(current) || ts.isNewExpression(current); ) {
      const callee = skipWrappers(current.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'basePath') prefix = joinRoutePath(this.text(current.arguments?.[0]) ?? '', prefix);
      else if (!ts.isPropertyAccessExpression(callee) || callee.name.text === 'Router') prefix = joinRoutePath(this.text(propertyOf(current.arguments?.[0], 'prefix')) ?? '', prefix);
      if (!ts.isPropertyAccessExpression(callee)) break;
      current = skipWrappers(callee.expression);
    }
    return prefix === '/' ? '' : prefix;
  }

  /** The scopes a router sits in, innermost first, each with its absolute prefix. */
  private levels(key: RouterKey | undefined, before: ts.Node | undefined, depth: number): Level[] {
    if (key === undefined) return [{ key, before, prefix: '', mountSources: [] }];
    if (depth > MAX_DEPTH) return [{ key, before, prefix: this.ownPrefix(key), mountSources: [] }];
    const mount = this.mounts.get(key);
    const outer = mount !== undefined ? this.levels(mount.parent, mount.at, depth + 1) : this.containerLevels(key, depth);
    const base = outer[0]?.prefix ?? '';
    const prefix = joinRoutePath(base, mount?.prefix ?? '', this.ownPrefix(key));
    return [{ key, before, prefix: prefix === '/' ? '' : prefix, mountSources: mount?.sources ?? [] }, ...outer];
  }

  /** A router declared inside a function (a factory, a plugin) sits in that function's scope. */
  private containerLevels(key: RouterKey, depth: number): Level[] {
    if (ts.isSourceFile(key)) return [];
    const container = enclosingFunctionOf(key);
    if (container !== undefined) return this.levels(container, undefined, depth + 1);
    // A router at a file's top level that the file exports by default is mounted as the file.
    const file = key.getSourceFile();
    if (this.mounts.has(file) && this.defaultExportKey(file) === key) return this.levels(file, undefined, depth + 1);
    return [];
  }

  // ── Rows ───────────────────────────────────────────────────────────────────────────────────

  private expressLike(registration: Registration): void {
    const levels = this.levels(registration.key, registration.call, 0);
    if (inDevOnlyBranch(registration.call) || levels.some((level) => level.key !== undefined && this.devOnly.has(level.key))) return;
    const prefix = levels[0]?.prefix ?? '';
    const fullPath = registration.path === undefined ? '(dynamic)' : joinRoutePath(prefix, registration.path);
    const sources: AuthSource[] = [];
    for (const level of [...levels].reverse()) {
      sources.push(...level.mountSources);
      if (level.key === undefined) continue;
      for (const use of this.uses.get(level.key) ?? []) {
        if (use.ordered && !isBefore(use.at, level.before)) continue;
        if (registration.path !== undefined && !isUnderPrefix(fullPath, joinRoutePath(level.prefix, use.prefix))) continue;
        sources.push(...use.sources);
      }
    }
    sources.push(...registration.sources);
    const { handler, written } = this.handlerOf(registration.handler);
    for (const method of registration.methods) {
      const verdict = judgeRouteAuth({ method, paths: registration.path === undefined ? [] : [fullPath], sources }, this.graph.settings);
      this.entries.push(this.entry(method, fullPath, handler, methodNameOf(registration.call), registration.framework, verdict, written));
    }
  }

  /**
   * OvernightJS `@ChildControllers([new Actions(), new Templates()])` on `@Controller('v1')`: each
   * child's routes answer under the parent's path (`/v1/actions/…`).
   */
  private resolveChildControllers(): void {
    for (const cls of this.controllers) {
      const children = nestDecorators(cls).find((decorator) => decorator.name === 'ChildControllers');
      if (children === undefined) continue;
      const values = children.args.flatMap((arg) => {
        const inner = skipWrappers(arg);
        return ts.isArrayLiteralExpression(inner) ? [...inner.elements] : [inner];
      });
      for (const value of values) {
        const inner = skipWrappers(value);
        const name = ts.isNewExpression(inner) ? skipWrappers(inner.expression) : inner;
        if (!ts.isIdentifier(name)) continue;
        const declaration = this.graph.declarationOf(name);
        const target = declaration !== undefined && (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration)) ? this.importedValue(declaration) : declaration;
        if (target !== undefined && ts.isClassDeclaration(target) && target !== cls) this.parentControllers.set(target, cls);
      }
    }
  }

  /** The controllers that list this one among their `@ChildControllers`, innermost first. */
  private parentChain(cls: ts.ClassDeclaration): ts.ClassDeclaration[] {
    const chain: ts.ClassDeclaration[] = [];
    for (let parent = this.parentControllers.get(cls); parent !== undefined && chain.length <= MAX_DEPTH && !chain.includes(parent); parent = this.parentControllers.get(parent)) chain.push(parent);
    return chain;
  }

  /** The paths a controller's parents (`@ChildControllers`) put before its own, outermost first. */
  private parentPaths(cls: ts.ClassDeclaration): string[] {
    return this.parentChain(cls).reduceRight<string[]>((above, parent) => {
      const own = this.pathsOf(nestDecorators(parent).find((decorator) => decorator.name === 'Controller')?.args[0]) ?? [''];
      return above.flatMap((prefix) => own.map((path) => joinRoutePath(prefix, path)));
    }, ['']);
  }

  private nestController(cls: ts.ClassDeclaration): void {
    // OvernightJS applies a parent's class middleware to the router its children are mounted on.
    const classDecorators = [cls, ...this.parentChain(cls)].flatMap((owner) => this.decoratorFacts(owner, 'class'));
    const controller = nestDecorators(cls).find((decorator) => decorator.name === 'Controller');
    if (controller === undefined) return;
    const argument = controller.args[0];
    // `@Controller(['project', 'v1/project'])`: the routes answer under each path.
    const ownPaths = this.pathsOf(argument) ?? this.pathsOf(propertyOf(argument, 'path')) ?? [''];
    const controllerPaths = this.parentPaths(cls).flatMap((above) => ownPaths.map((path) => joinRoutePath(above, path)));
    const controllerVersion = versionOf(propertyOf(argument, 'version'), this.text);
    const className = cls.name?.text ?? '';
    for (const member of cls.members) {
      if (!ts.isMethodDeclaration(member)) continue;
      const decorators = nestDecorators(member);
      const route = decorators.find((decorator) => isNestRouteDecorator(decorator.name));
      if (route === undefined) continue;
      const versionDecorator = decorators.find((decorator) => decorator.name === 'Version');
      const version = (versionDecorator === undefined ? undefined : versionOf(versionDecorator.args[0], this.text)) ?? controllerVersion ?? this.nest.defaultVersion;
      const versionSegment = this.nest.uriVersioning && version !== undefined && version !== '' ? `${this.nest.versionPrefix}${version}` : '';
      const method = route.name.toUpperCase();
      const { sources, publicEvidence } = nestDecoratorAuth([...classDecorators, ...this.decoratorFacts(member, 'method')], this.graph.settings);
      const configured = configuredGlobalGuard(this.graph.settings);
      for (const controllerPath of controllerPaths) {
        for (const routePath of this.pathsOf(route.args[0]) ?? ['']) this.nestRoute({ className, member, route, method, versionSegment, local: joinRoutePath(controllerPath, routePath), sources, publicEvidence, configured });
      }
    }
  }

  /** One route of a NestJS controller method, at one of its paths. */
  private nestRoute(at: { className: string; member: ts.MethodDeclaration; route: NestDecorator; method: string; versionSegment: string; local: string; sources: readonly AuthSource[]; publicEvidence: string | undefined; configured: AuthSource | undefined }): void {
    const { className, member, route, method, versionSegment, local, sources, publicEvidence, configured } = at;
    const excluded = this.nest.prefixExcludes.some((exclude) => exclude === local);
    const fullPath = joinRoutePath(excluded ? '' : this.nest.globalPrefix, versionSegment, local);
    const middleware = this.nest.middleware.flatMap((item): AuthSource[] => {
      if (item.excludes.some((exclude) => matchesNestPath(local, exclude))) return [];
      const target = item.controllers.includes(className) ? className : item.paths.find((candidate) => (candidate.method === undefined || candidate.method === method) && matchesNestPath(local, candidate.path));
      if (target === undefined) return [];
      const written = typeof target === 'string' ? target : `${target.method === undefined ? '' : `${target.method} `}${target.path}`;
      return [{ name: item.name, evidence: `consumer.apply(${item.name}).forRoutes(${written}) at ${location(this.graph, item.at)}` }];
    });
    const all = [...middleware, ...this.nest.globalGuards, ...(configured === undefined ? [] : [configured]), ...sources];
    const verdict = judgeRouteAuth({ method, paths: [fullPath, local], sources: all, publicEvidence }, this.graph.settings);
    this.entries.push(this.entry(method, fullPath, this.graph.functionInfo(member), route.nameNode ?? member, 'nestjs', verdict));
  }

  /** The paths a decorator argument gives: one string, or each string of an array (`['project', 'v1/project']`); undefined when it names none. */
  private pathsOf(node: ts.Node | undefined): string[] | undefined {
    const inner = node === undefined ? undefined : skipWrappers(node);
    if (inner !== undefined && ts.isArrayLiteralExpression(inner)) {
      const paths = inner.elements.map((element) => this.text(element)).filter((text): text is string => text !== undefined);
      return paths.length > 0 ? paths : undefined;
    }
    const text = this.text(node);
    return text === undefined ? undefined : [text];
  }

  /** The decorators of a class or method as core sees them, composite decorators followed to their definition. */
  private decoratorFacts(node: ts.Node, on: 'method' | 'class'): DecoratorFact[] {
    return nestDecorators(node).flatMap((decorator) => {
      const own: DecoratorFact = { name: decorator.name, args: decorator.args.flatMap((arg) => { const inner = skipWrappers(arg); return ts.isArrayLiteralExpression(inner) ? inner.elements.map(argumentText) : [argumentText(arg)]; }), on };
      const composed = this.composedDecorators(decorator.nameNode, decorator.args, 0).map((inner) => ({ ...inner, on, via: decorator.name }));
      return [own, ...composed];
    });
  }

  /** `export function Auth(...roles) { return applyDecorators(UseGuards(AuthGuard, RolesGuard), …) }`, `Public = () => SetMetadata(IS_PUBLIC_KEY, true)`. */
  private composedDecorators(nameNode: ts.Identifier | undefined, callArgs: readonly ts.Expression[], depth: number): Omit<DecoratorFact, 'on'>[] {
    if (nameNode === undefined || depth > 3) return [];
    let declaration: ts.Node | undefined = this.graph.declarationOf(nameNode);
    if (declaration !== undefined && (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration))) declaration = this.importedValue(declaration);
    if (declaration !== undefined && ts.isIdentifier(declaration)) declaration = this.graph.declarationOf(declaration);
    if (declaration === undefined || !this.graph.isProjectFile(declaration.getSourceFile())) return [];
    const found: Omit<DecoratorFact, 'on'>[] = [];
    const parameters = decoratorParameters(declaration);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const name = chainNames(node.expression).pop() ?? '';
        if ((NEST_COMPOSE_DECORATORS as readonly string[]).includes(name)) {
          // `allowApiKey ? UseGuards(MultiAuthGuard) : UseGuards(JwtGuard)`: the branch the decorator's
          // own argument picks (`@Auth(true)`, or the parameter's default), else both.
          for (const inner of node.arguments.flatMap((arg) => branchesTaken(arg, parameters, callArgs))) {
            if (!ts.isCallExpression(inner)) continue;
            const innerName = chainNames(inner.expression).pop() ?? '';
            found.push({ name: innerName, args: inner.arguments.map(argumentText) });
            const innerCallee = skipWrappers(inner.expression);
            if (ts.isIdentifier(innerCallee)) found.push(...this.composedDecorators(innerCallee, inner.arguments, depth + 1));
          }
          return;
        }
        if (name === 'SetMetadata') found.push({ name, args: node.arguments.map(argumentText) });
      }
      ts.forEachChild(node, visit);
    };
    visit(declaration);
    return found;
  }

  /**
   * The function a route runs: written in place (`(inline handler)`), named (`listOrders`), or handed
   * to a wrapper (`asyncHandler(listOrders)`, `withTiming('permalink', handlePermalink)`,
   * `ctrl.list.bind(ctrl)`), which runs the function it wraps. When no project function is found,
   * the handler as written (`passport.authenticate`), not `(inline handler)`.
   */
  private handlerOf(node: ts.Node | undefined, depth = 0): { handler: FunctionInfo | undefined; written: string | undefined } {
    if (node === undefined) return { handler: undefined, written: undefined };
    const inner = skipWrappers(node);
    if (isFunctionNode(inner)) return { handler: { ...this.graph.functionInfo(inner), name: '(inline handler)' }, written: undefined };
    const resolved = this.graph.resolveCallee(inner);
    if (resolved !== undefined) return { handler: resolved, written: undefined };
    const names = argumentNames(inner);
    const written = names.length > 0 && !names.includes('') ? names.join('.') : inner.getText().slice(0, 40);
    if (ts.isCallExpression(inner) && depth < 3) {
      const callee = skipWrappers(inner.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') {
        const bound = this.handlerOf(callee.expression, depth + 1);
        if (bound.handler !== undefined) return bound;
      }
      for (const arg of [...inner.arguments].reverse()) {
        const value = skipWrappers(arg);
        if (!isFunctionNode(value) && !ts.isIdentifier(value) && !ts.isPropertyAccessExpression(value) && !ts.isCallExpression(value)) continue;
        const wrapped = this.handlerOf(value, depth + 1);
        if (wrapped.handler !== undefined) return wrapped;
      }
      return { handler: undefined, written: `${written}(…)` };
    }
    return { handler: undefined, written };
  }

  private entry(method: string, fullPath: string, info: FunctionInfo | undefined, at: ts.Node, framework: string, verdict: ReturnType<typeof judgeRouteAuth>, written?: string): RouteEntry {
    const chain = info === undefined ? undefined : this.graph.reach(info);
    const layers: LayerNodeName[] = [];
    for (const step of chain ?? (info?.step === undefined ? [] : [info.step])) {
      if (step.layer !== undefined && layers[layers.length - 1] !== step.layer) layers.push(step.layer);
    }
    // A route handler is controller code wherever it is written (SPEC §3 "layer").
    if (layers[0] !== 'controller') layers.unshift('controller');
    const { file, line } = this.graph.location(at);
    return {
      method,
      path: fullPath,
      handler: info?.name ?? written ?? '(inline handler)',
      file,
      line,
      framework,
      auth: verdict.auth,
      public: verdict.public,
      ...(verdict.evidence === undefined ? {} : { authEvidence: verdict.evidence }),
      layers,
    };
  }
}

/** `router.use`, `this.app.use`; `.use` on a chain (`Router().use(a).use`). */
function receiverLabel(callee: ts.PropertyAccessExpression): string {
  const names = chainNames(callee);
  const receiver = skipWrappers(callee.expression);
  return ts.isCallExpression(receiver) || ts.isNewExpression(receiver) || names.includes('') ? `.${callee.name.text}` : names.join('.');
}

/** Under an `if` that holds only in development or tests (`isDevOnlyCondition`), in its then-branch. */
function inDevOnlyBranch(node: ts.Node): boolean {
  for (let child = node, parent = node.parent as ts.Node | undefined; parent !== undefined && !ts.isSourceFile(parent); child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child && isDevOnlyCondition(parent.expression.getText())) return true;
    if (isFunctionNode(parent)) return false;
  }
  return false;
}

/** koa-router's `sub.routes()` / `sub.allowedMethods()`: a router's mount, never a middleware of its own. */
function isRouterValue(node: ts.Node): boolean {
  const inner = skipWrappers(node);
  return ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && ['routes', 'allowedMethods', 'middleware'].includes(inner.expression.name.text) && inner.arguments.length === 0;
}

/** koa-mount: `mount('/api', api)`, `mount(app)` (https://github.com/koajs/mount). */
/** `router.route(PATH).get(h)`: the path argument of the chain's `route` call. */
function routeChainPath(callee: ts.PropertyAccessExpression): ts.Node | undefined {
  for (let current: ts.Node = skipWrappers(callee.expression); ts.isCallExpression(current); ) {
    const inner = skipWrappers(current.expression);
    if (!ts.isPropertyAccessExpression(inner)) return undefined;
    if (inner.name.text === 'route' && current.arguments.length === 1) return current.arguments[0];
    current = skipWrappers(inner.expression);
  }
  return undefined;
}

function koaMount(node: ts.Node, textOf: (node: ts.Node | undefined) => string | undefined): { prefix: string; app: ts.Node } | undefined {
  const inner = skipWrappers(node);
  if (!ts.isCallExpression(inner) || !ts.isIdentifier(inner.expression)) return undefined;
  if (importSources(inner.getSourceFile()).get(inner.expression.text) !== 'koa-mount') return undefined;
  const [first, second] = inner.arguments;
  if (first === undefined) return undefined;
  const prefix = textOf(first);
  if (prefix === undefined) return { prefix: '', app: first };
  return second === undefined ? undefined : { prefix, app: second };
}

const CHAINED_REGISTRATIONS: ReadonlySet<string> = new Set(['use', 'basePath', 'route', 'get', 'post', 'put', 'patch', 'delete', 'all', 'options', 'head', 'on']);

/**
 * `Router().use(a).use(b)`, `new Hono().basePath('/api').use(mw).get(…)`: the registrations
 * before the last one are dropped, so the last is read as made on the router itself.
 */
function withoutChainedRegistrations(chain: ChainFact): ChainFact {
  const last = chain.segments.length - 1;
  return { ...chain, segments: chain.segments.filter((segment, index) => index === 0 || index === last || segment.call === undefined || !CHAINED_REGISTRATIONS.has(segment.name)) };
}

/** fastify-plugin's `fp(async (fastify) => { … })` wraps a plugin. */
function isPluginWrapper(call: ts.CallExpression): boolean {
  const name = chainNames(call.expression).pop() ?? '';
  return ['fp', 'fastifyPlugin', 'plugin'].includes(name) && call.arguments.length >= 1 && isFunctionNode(skipWrappers(call.arguments[0] ?? call));
}

function firstOf(node: ts.Node | undefined): ts.Node | undefined {
  const inner = node === undefined ? undefined : skipWrappers(node);
  return inner !== undefined && ts.isArrayLiteralExpression(inner) ? inner.elements[0] : undefined;
}

/** `'1'`, `['1', '2']` (the first), `VERSION_NEUTRAL` (none). */
function versionOf(node: ts.Node | undefined, textOf: (node: ts.Node | undefined) => string | undefined): string | undefined {
  if (node === undefined) return undefined;
  const text = textOf(node) ?? textOf(firstOf(node));
  if (text !== undefined) return text;
  return /VERSION_NEUTRAL$/.test(dottedName(node)) ? '' : undefined;
}

interface NestRouteTarget {
  readonly path: string;
  /** Upper-case; undefined for every method. */
  readonly method: string | undefined;
}

/**
 * `forRoutes('users/*')`, `'*'`, `'(.*)'`, `{ path: 'orders', method }` against a controller-relative
 * path: exact unless the target ends in a wildcard (https://docs.nestjs.com/middleware#route-wildcards).
 */
function matchesNestPath(local: string, target: string): boolean {
  const wildcard = /\*|\(\.\*\)/.exec(target);
  if (wildcard === null) return joinRoutePath(local) === joinRoutePath(target);
  const clean = joinRoutePath(target.slice(0, wildcard.index));
  return clean === '/' || isUnderPrefix(local, clean);
}

interface NestDecorator {
  readonly name: string;
  readonly nameNode: ts.Identifier | undefined;
  readonly args: readonly ts.Expression[];
}

/** Where a route is shown: at its method (`.get` of `router.route('/x')\n  .get(h)`), where the rule reports it too. */
function methodNameOf(call: ts.Node): ts.Node {
  const callee = ts.isCallExpression(call) ? skipWrappers(call.expression) : undefined;
  return callee !== undefined && ts.isPropertyAccessExpression(callee) ? callee.name : call;
}

/** The parameters of a composite decorator's function (`function Auth(allowApiKey = false)`, `const Auth = (…) => …`). */
function decoratorParameters(declaration: ts.Node): readonly ts.ParameterDeclaration[] {
  if (ts.isFunctionDeclaration(declaration)) return declaration.parameters;
  const holder = ts.isIdentifier(declaration) ? declaration.parent : declaration;
  const value = ts.isVariableDeclaration(holder) && holder.initializer !== undefined ? skipWrappers(holder.initializer) : undefined;
  return value !== undefined && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? value.parameters : [];
}

/**
 * The expressions an argument of `applyDecorators(…)` may be: itself, or for `flag ? a : b` whose test
 * is a parameter of the decorator given a boolean literal (in the call, else by its default), the
 * branch it picks; both branches when the call does not say.
 */
function branchesTaken(arg: ts.Expression, parameters: readonly ts.ParameterDeclaration[], callArgs: readonly ts.Expression[]): ts.Node[] {
  const value = skipWrappers(arg);
  if (!ts.isConditionalExpression(value)) return [value];
  const test = skipWrappers(value.condition);
  const negated = ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken;
  const tested = negated ? skipWrappers(test.operand) : test;
  const index = ts.isIdentifier(tested) ? parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === tested.text) : -1;
  const given = index < 0 ? undefined : (callArgs[index] ?? parameters[index]?.initializer);
  const literal = given === undefined ? undefined : skipWrappers(given);
  const truth = literal?.kind === ts.SyntaxKind.TrueKeyword ? true : literal?.kind === ts.SyntaxKind.FalseKeyword ? false : undefined;
  return composedBranchesTaken(truth, negated).flatMap((branch) => branchesTaken(value[branch], parameters, callArgs));
}

function nestDecorators(node: ts.Node): NestDecorator[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).map((decorator) => {
    const expression = skipWrappers(decorator.expression);
    const callee = ts.isCallExpression(expression) ? skipWrappers(expression.expression) : expression;
    const names = chainNames(callee);
    const nameNode = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) ? callee.name : undefined;
    return { name: names[names.length - 1] ?? '', nameNode, args: ts.isCallExpression(expression) ? expression.arguments : [] };
  });
}

/** The value a module exports under a name (`default` too), following `export { x }` and `module.exports`. */
function exportedValue(file: ts.SourceFile, name: string, resolve: (specifier: ts.StringLiteral) => ts.SourceFile | undefined, depth = 0): ts.Node | undefined {
  const local = (wanted: string): ts.Node | undefined => {
    for (const statement of file.statements) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name) && declaration.name.text === wanted) return declaration.name;
      }
      if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === wanted) return statement;
      // A barrel that imports and then exports the name (`import { router as storage } from './storage'; export { storage }`).
      if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.importClause !== undefined && depth < 4) {
        const clause = statement.importClause;
        const element = clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements.find((item) => item.name.text === wanted) : undefined;
        const imported = clause.name?.text === wanted ? 'default' : element === undefined ? undefined : (element.propertyName ?? element.name).text;
        if (imported === undefined) continue;
        const target = resolve(statement.moduleSpecifier);
        return target === undefined ? undefined : exportedValue(target, imported, resolve, depth + 1);
      }
    }
    return undefined;
  };
  for (const statement of file.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    const exported = modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
    if (name === 'default') {
      if (ts.isExportAssignment(statement)) return skipWrappers(statement.expression);
      if (ts.isFunctionDeclaration(statement) && exported && isDefault) return statement;
      if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && dottedName(statement.expression.left) === 'module.exports') {
        return skipWrappers(statement.expression.right);
      }
    } else {
      if (exported && ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return declaration.name;
      }
      if (exported && (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name) return statement;
      if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && ['exports.' + name, 'module.exports.' + name].includes(dottedName(statement.expression.left))) {
        return skipWrappers(statement.expression.right);
      }
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier === undefined && statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) if (element.name.text === name) return local((element.propertyName ?? element.name).text);
    }
    // `export { default } from './documents'`, `export * from './routes'`.
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined && ts.isStringLiteral(statement.moduleSpecifier) && depth < 4) {
      const clause = statement.exportClause;
      const element = clause !== undefined && ts.isNamedExports(clause) ? clause.elements.find((item) => item.name.text === name) : undefined;
      if (element === undefined && (clause !== undefined || name === 'default')) continue;
      const target = resolve(statement.moduleSpecifier);
      const value = target === undefined ? undefined : exportedValue(target, (element?.propertyName ?? element?.name)?.text ?? name, resolve, depth + 1);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}
