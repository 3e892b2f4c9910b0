import { ts } from 'ts-morph';
import { classifyRouteRegistration, isNestRouteDecorator } from '../core/classify/layer.js';
import { ROUTE_FRAMEWORK_PACKAGES } from '../core/catalogs/frameworks.js';
import { packageNameOf } from '../core/classify/names.js';
import { importSources } from './bindings.js';
import { buildChain, chainNames, isFunctionNode, isOutermostChain, skipWrappers, type FunctionLikeNode } from './facts.js';
import type { LayerNodeName, RouteEntry } from './findings.js';
import type { CallGraph, FunctionInfo } from './graph.js';

interface Mount {
  readonly prefix: string;
  readonly auth: readonly string[];
  /** The function that mounts (undefined: top level of a file). */
  readonly parent: ts.Node | undefined;
}

interface Registration {
  readonly method: string;
  readonly path: string;
  readonly handler: ts.Node | undefined;
  readonly middleware: readonly ts.Node[];
  readonly call: ts.Node;
  readonly owner: ts.Node | undefined;
  readonly framework: string;
}

/**
 * Where the router a route is registered on comes from: `const router = new Router({ prefix: '/x' })`
 * with `Router` imported from a framework package gives the framework and the prefix.
 */
function routerOrigin(graph: CallGraph, call: ts.CallExpression): { framework?: string; prefix?: string } | undefined {
  let root: ts.Node = call.expression;
  while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root)) root = skipWrappers(root.expression);
  if (!ts.isIdentifier(root)) return undefined;
  const declaration = graph.declarationOf(root);
  if (declaration === undefined || !ts.isVariableDeclaration(declaration) || declaration.initializer === undefined) return undefined;
  const init = skipWrappers(declaration.initializer);
  if (!ts.isNewExpression(init) && !ts.isCallExpression(init)) return undefined;
  const factory = chainNames(init.expression)[0] ?? '';
  const packageName = packageNameOf(importSources(init.getSourceFile()).get(factory));
  const framework = packageName !== undefined && Object.hasOwn(ROUTE_FRAMEWORK_PACKAGES, packageName) ? ROUTE_FRAMEWORK_PACKAGES[packageName as keyof typeof ROUTE_FRAMEWORK_PACKAGES] : undefined;
  const options = init.arguments?.[0];
  const prefixProperty = options !== undefined && ts.isObjectLiteralExpression(options)
    ? options.properties.find((property): property is ts.PropertyAssignment => ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === 'prefix')
    : undefined;
  const prefix = prefixProperty !== undefined && ts.isStringLiteral(prefixProperty.initializer) ? prefixProperty.initializer.text : undefined;
  return { ...(framework === undefined ? {} : { framework }), ...(prefix === undefined ? {} : { prefix }) };
}

function enclosingFunction(node: ts.Node): FunctionLikeNode | undefined {
  for (let current = node.parent as ts.Node | undefined; current !== undefined; current = current.parent) if (isFunctionNode(current)) return current;
  return undefined;
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return joined.length > 1 ? joined.replace(/\/+$/, '') : '/';
}

function middlewareName(node: ts.Node): string {
  const inner = skipWrappers(node);
  const names = chainNames(ts.isCallExpression(inner) ? inner.expression : inner).filter((name) => name !== 'this');
  return names.join('.');
}

function decoratorsOf(node: ts.Node): { name: string; args: readonly ts.Expression[] }[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).map((decorator) => {
    const expression = skipWrappers(decorator.expression);
    return ts.isCallExpression(expression) ? { name: chainNames(expression.expression).join('.'), args: expression.arguments } : { name: chainNames(expression).join('.'), args: [] };
  });
}

function stringArg(args: readonly ts.Expression[]): string {
  const first = args[0];
  return first !== undefined && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) ? first.text : '';
}

/**
 * The route table: every route registered with Express, Fastify, Koa or Hono (through
 * `classifyRouteRegistration`) or declared by NestJS decorators, with its full path (router
 * prefixes followed through `use('/prefix', routerFactory())`), handler, auth middleware or guards,
 * and the layers the handler reaches on its way to the database.
 */
export function routeTable(graph: CallGraph, files: readonly ts.SourceFile[]): RouteEntry[] {
  const registrations: Registration[] = [];
  const mounts = new Map<ts.Node, Mount[]>();
  const routerAuth = new Map<ts.Node | undefined, string[]>();
  const authNames = graph.settings.auth.middlewares;
  const isAuth = (name: string): boolean => name !== '' && (authNames.includes(name) || authNames.includes(name.slice(name.lastIndexOf('.') + 1)));
  const entries: RouteEntry[] = [];
  const publicRoutes = graph.settings.auth.publicRoutes;
  const isPublicRoute = (method: string, fullPath: string, localPath: string): boolean =>
    publicRoutes.some((route) => [fullPath, localPath].some((path) => route === `${method} ${path}` || route === path));

  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && isOutermostChain(node)) collect(node);
      if (ts.isClassDeclaration(node)) nest(node);
      ts.forEachChild(node, visit);
    };
    const collect = (call: ts.CallExpression): void => {
      const registration = classifyRouteRegistration(buildChain(call));
      if (registration === undefined) return;
      const owner = enclosingFunction(call);
      const handlerArgs = registration.handlerArgIndexes.flatMap((index) => (call.arguments[index] === undefined ? [] : [call.arguments[index]]));
      if (registration.method === 'use' || (registration.method === 'route' && registration.optionsArgIndex === undefined)) {
        const auth = handlerArgs.map(middlewareName).filter(isAuth);
        for (const arg of handlerArgs) {
          const inner = skipWrappers(arg);
          const factory = ts.isCallExpression(inner) ? graph.resolveCallee(inner.expression) : graph.resolveCallee(inner);
          if (factory !== undefined && registration.path !== undefined) {
            mounts.set(factory.node, [...(mounts.get(factory.node) ?? []), { prefix: registration.path, auth, parent: owner }]);
          }
        }
        if (registration.path === undefined && auth.length > 0) routerAuth.set(owner, [...(routerAuth.get(owner) ?? []), ...auth]);
        return;
      }
      let handler: ts.Node | undefined = handlerArgs[handlerArgs.length - 1];
      let middleware = handlerArgs.slice(0, -1);
      if (registration.optionsArgIndex !== undefined) {
        const options = call.arguments[registration.optionsArgIndex];
        if (options !== undefined && ts.isObjectLiteralExpression(options)) {
          const hooks = options.properties.filter((property): property is ts.PropertyAssignment => ts.isPropertyAssignment(property) && ts.isIdentifier(property.name));
          const handlerProperty = hooks.find((property) => (property.name as ts.Identifier).text === 'handler');
          if (handlerProperty !== undefined) handler = handlerProperty.initializer;
          middleware = [...middleware, ...hooks.filter((property) => (property.name as ts.Identifier).text !== 'handler').map((property) => property.initializer)];
        }
      }
      const methods = registration.method === 'route' ? (registration.routeMethods ?? ['all']) : [registration.method];
      const origin = routerOrigin(graph, call);
      const framework = registration.framework === 'unknown' ? (origin?.framework ?? 'unknown') : registration.framework;
      const path = registration.path === undefined ? '(dynamic)' : origin?.prefix === undefined ? registration.path : joinPath(origin.prefix, registration.path);
      for (const method of methods) {
        registrations.push({ method: method.toUpperCase(), path, handler, middleware, call, owner, framework });
      }
    };
    const nest = (cls: ts.ClassDeclaration): void => {
      const classDecorators = decoratorsOf(cls);
      const controller = classDecorators.find((decorator) => decorator.name.endsWith('Controller'));
      if (controller === undefined) return;
      const prefix = stringArg(controller.args);
      const classGuards = classDecorators.filter((decorator) => /UseGuards$/.test(decorator.name)).flatMap((decorator) => decorator.args.map(middlewareName));
      const classPublic = classDecorators.some((decorator) => decorator.name.endsWith('Public'));
      for (const member of cls.members) {
        if (!ts.isMethodDeclaration(member)) continue;
        const decorators = decoratorsOf(member);
        const route = decorators.find((decorator) => isNestRouteDecorator(decorator.name));
        if (route === undefined) continue;
        const guards = [...classGuards, ...decorators.filter((decorator) => /UseGuards$/.test(decorator.name)).flatMap((decorator) => decorator.args.map(middlewareName))];
        const info = graph.functionInfo(member);
        const path = joinPath(`/${prefix}`, stringArg(route.args));
        const isPublic = classPublic || decorators.some((decorator) => decorator.name.endsWith('Public'));
        entries.push(entry(route.name.slice(route.name.lastIndexOf('.') + 1).toUpperCase(), path, path, info, member, 'nestjs', graph.settings.auth.globalGuard && !isPublic ? [...guards, '(global guard)'] : guards, isPublic));
      }
    };
    visit(file);
  }

  function prefixesOf(owner: ts.Node | undefined, depth: number): { prefix: string; auth: string[] } {
    if (owner === undefined || depth > 8) return { prefix: '', auth: routerAuth.get(owner) ?? [] };
    const mount = mounts.get(owner)?.[0];
    const own = routerAuth.get(owner) ?? [];
    if (mount === undefined) return { prefix: '', auth: own };
    const outer = prefixesOf(mount.parent, depth + 1);
    return { prefix: joinPath(outer.prefix, mount.prefix), auth: [...outer.auth, ...mount.auth, ...own] };
  }

  function entry(method: string, path: string, localPath: string, info: FunctionInfo | undefined, at: ts.Node, framework: string, auth: readonly string[], isPublic: boolean): RouteEntry {
    const chain = info === undefined ? undefined : graph.reach(info);
    const layers: LayerNodeName[] = [];
    for (const step of chain ?? (info?.step === undefined ? [] : [info.step])) {
      if (step.layer !== undefined && layers[layers.length - 1] !== step.layer) layers.push(step.layer);
    }
    // A route handler is controller code wherever it is written (SPEC §3 "layer").
    if (layers[0] !== 'controller') layers.unshift('controller');
    const { file, line } = graph.location(at);
    return {
      method,
      path,
      handler: info?.name ?? '(inline handler)',
      file,
      line,
      framework,
      auth: [...new Set(auth)],
      public: isPublic || isPublicRoute(method, path, localPath),
      layers,
    };
  }

  for (const registration of registrations) {
    const { prefix, auth } = prefixesOf(registration.owner, 0);
    const own = registration.middleware.map(middlewareName).filter(isAuth);
    const inline = registration.handler !== undefined && isFunctionNode(skipWrappers(registration.handler));
    const resolved = registration.handler === undefined ? undefined : graph.resolveCallee(registration.handler);
    const handler = resolved === undefined || !inline ? resolved : { ...resolved, name: '(inline handler)' };
    const fullPath = registration.path === '(dynamic)' ? registration.path : joinPath(prefix, registration.path);
    entries.push(entry(registration.method, fullPath, registration.path, handler, registration.call, registration.framework, [...auth, ...own], false));
  }
  return entries.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method) || a.file.localeCompare(b.file) || a.line - b.line);
}
