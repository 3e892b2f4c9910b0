import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { FASTIFY_AUTH_HOOKS, NEST_COMPOSE_DECORATORS } from '../src/core/catalogs/auth.js';
import { classifyRouteRegistration, isNestRouteDecorator, type RouteRegistration } from '../src/core/classify/layer.js';
import { answersPreflightOnly, checksCredentialsInline, composedBranchesTaken, configuredGlobalGuard, isAuthMiddleware, isUnderPrefix, joinRoutePath, judgeRouteAuth, matchRegistrar, nestDecoratorAuth, registrarSelector, type DecoratorFact } from '../src/core/classify/routes.js';
import type { RouteRegistrar } from '../src/core/settings.js';
import { isFunction } from '../src/eslint/ast.js';
import { createRule } from '../src/eslint/create-rule.js';
import { buildChain, chainNames, dottedName, skipWrappers } from '../src/eslint/facts.js';
import { enclosingFunction } from '../src/eslint/functions.js';
import { settingsOf } from '../src/eslint/settings.js';

export type Options = [];
export type MessageId = 'missingAuth' | 'missingGuard' | 'addMiddleware';

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'options', 'head', 'route', 'use', 'addHook']);

/** An `app.use(auth)` / `addHook('onRequest', auth)` seen earlier in the same function, protecting later routes on that receiver. */
interface AuthUse {
  readonly receiver: string;
  readonly scope: TSESTree.Node;
  /** Mount path of the middleware (`/admin`); undefined for every path. */
  readonly prefix: string | undefined;
}

export default createRule<Options, MessageId>({
  name: 'require-route-auth',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require routes to be registered behind an authentication middleware or guard unless they are configured as public',
    },
    hasSuggestions: true,
    messages: {
      missingAuth:
        "Route '{{route}}' is registered without an authentication middleware, so anyone can call it. Add the auth middleware before the handler, or list the route in settings auth.publicRoutes if it is meant to be public.",
      missingGuard:
        "Handler '{{route}}' of '{{controller}}' has no @UseGuards(...) on it or on its controller, so anyone can call it. Add a guard, set settings auth.globalGuard if one is registered globally, or mark it @Public().",
      addMiddleware: "Add '{{name}}' before the handler.",
    },
    schema: [],
  },
  create(context) {
    const settings = settingsOf(context);
    const { sourceCode } = context;
    const authUses: AuthUse[] = [];
    /** Auth middleware as written in this file (`auth.required`, `requireAuth`), in order: what a suggestion inserts. */
    const seenMiddleware: string[] = [];
    /** Reports wait for the end of the file, when every auth middleware written in it is known. */
    const pending: { node: TSESTree.Node; route: string; call: TSESTree.CallExpression; registration: RouteRegistration; receiver: string; methods: readonly string[] }[] = [];
    /** Routers mounted in this file, by name: the receiver they are mounted on, the mount path, auth in front of the mount. */
    const mounts = new Map<string, { parent: string; prefix: string; auth: boolean }>();

    /** The full mount prefix of a receiver and whether auth stands in front of any of its mounts. */
    function mountOf(receiver: string): { prefix: string; auth: boolean } {
      let prefix = '';
      let auth = false;
      const seen = new Set<string>();
      for (let mount = mounts.get(receiver); mount !== undefined && !seen.has(mount.parent); mount = mounts.get(mount.parent)) {
        seen.add(mount.parent);
        prefix = joinRoutePath(mount.prefix, prefix);
        auth ||= mount.auth;
      }
      return { prefix: prefix === '/' ? '' : prefix, auth };
    }

    /**
     * In a middleware position (not the final handler) a member of an auth object counts too:
     * express-jwt style `auth.required` / `auth.optional`, `authMiddleware.verify`.
     */
    function isAuthValue(raw: TSESTree.Node, middlewarePosition: boolean): boolean {
      const node = skipWrappers(raw);
      if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.some((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isAuthValue(element, true));
      // A middleware or handler written in place that checks a credential header and answers 401.
      if (isFunction(node)) return checksCredentialsInline(sourceCode.getText(node));
      const target = node.type === AST_NODE_TYPES.CallExpression ? node.callee : node;
      if (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.MemberExpression) return false;
      const isAuth = isAuthMiddleware(chainNames(target).filter((name) => name !== 'this'), middlewarePosition, settings);
      if (isAuth && middlewarePosition) seenMiddleware.push(sourceCode.getText(node));
      return isAuth;
    }

    /** The handler passed by name (`app.post('/cron', runCron)`) is a function declared in this file that checks credentials itself. */
    function namedHandlerChecksCredentials(raw: TSESTree.Node | undefined): boolean {
      const node = raw === undefined ? undefined : skipWrappers(raw);
      if (node?.type !== AST_NODE_TYPES.Identifier) return false;
      const definition = ASTUtils.findVariable(sourceCode.getScope(node), node.name)?.defs[0]?.node;
      const fn = definition?.type === AST_NODE_TYPES.VariableDeclarator ? definition.init : definition;
      return fn != null && isFunction(fn) && checksCredentialsInline(sourceCode.getText(fn));
    }

    function hasAuth(node: TSESTree.CallExpression, registration: RouteRegistration): boolean {
      const handlers = registration.handlerArgIndexes;
      if (handlers.some((index, position) => node.arguments[index] !== undefined && isAuthValue(node.arguments[index], position < handlers.length - 1))) return true;
      const last = handlers[handlers.length - 1];
      if (last !== undefined && namedHandlerChecksCredentials(node.arguments[last])) return true;
      const options = registration.optionsArgIndex === undefined ? undefined : skipWrappers(node.arguments[registration.optionsArgIndex] ?? node);
      if (options?.type !== AST_NODE_TYPES.ObjectExpression) return false;
      return options.properties.some((property) =>
        property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier &&
        (((FASTIFY_AUTH_HOOKS as readonly string[]).includes(property.key.name) && isAuthValue(property.value, true)) ||
          (property.key.name === 'handler' && (isFunction(skipWrappers(property.value)) ? isAuthValue(property.value, false) : namedHandlerChecksCredentials(property.value)))));
    }

    function coveredByUse(receiver: string, scope: TSESTree.Node, path: string | undefined): boolean {
      return authUses.some((use) => use.receiver === receiver && use.scope === scope && (use.prefix === undefined || (path !== undefined && isUnderPrefix(path, use.prefix))));
    }

    /**
     * Inserts the auth middleware the file already uses in front of other routes (`auth.required`,
     * as written), else a configured middleware name bound in scope that is called or passed on its
     * own (not an object whose members are the middleware, like express-jwt's `auth`).
     */
    function suggestion(node: TSESTree.CallExpression, registration: RouteRegistration): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const first = registration.handlerArgIndexes[0];
      const handler = first === undefined ? undefined : node.arguments[first];
      if (handler === undefined || registration.optionsArgIndex !== undefined) return [];
      const scope = sourceCode.getScope(node);
      const inScope = (text: string): boolean => {
        const root = /^[A-Za-z_$][\w$]*/.exec(text)?.[0];
        return root !== undefined && ASTUtils.findVariable(scope, root) !== null;
      };
      const usedOnItsOwn = (name: string): boolean => {
        const variable = ASTUtils.findVariable(scope, name);
        return variable !== null && !(variable.references.length > 0 && variable.references.every((reference) => reference.identifier.parent.type === AST_NODE_TYPES.MemberExpression && reference.identifier.parent.object === reference.identifier));
      };
      const name = seenMiddleware.find(inScope) ?? settings.auth.middlewares.find((candidate) => /^[A-Za-z_$][\w$]*$/.test(candidate) && usedOnItsOwn(candidate));
      if (name === undefined) return [];
      return [{ messageId: 'addMiddleware', data: { name }, fix: (fixer) => fixer.insertTextBefore(handler, `${name}, `) }];
    }

    /** A decorator as core sees it; a composite decorator defined in this file (`applyDecorators(…)`) is expanded. */
    function decoratorFacts(decorators: readonly TSESTree.Decorator[], on: 'method' | 'class'): DecoratorFact[] {
      return decorators.flatMap((decorator) => {
        const expression = skipWrappers(decorator.expression);
        const name = decoratorName(decorator);
        const args = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments.flatMap((arg) => { const inner = skipWrappers(arg); return inner.type === AST_NODE_TYPES.ArrayExpression ? inner.elements.flatMap((element) => (element === null ? [] : [argumentName(element)])) : [argumentName(arg)]; }) : [];
        const composed = composedDecorators(name, decorator).map((inner) => ({ ...inner, on, via: name }));
        return [{ name, args, on }, ...composed];
      });
    }

    /**
     * `export const Auth = (...) => applyDecorators(UseGuards(JwtGuard), …)` or
     * `const Public = () => SetMetadata(IS_PUBLIC_KEY, true)` in this file: the decorators it applies.
     */
    function composedDecorators(name: string, at: TSESTree.Decorator): Omit<DecoratorFact, 'on'>[] {
      const variable = ASTUtils.findVariable(sourceCode.getScope(at), name);
      const definition = variable?.defs[0]?.node;
      if (definition === undefined) return [];
      const expression = skipWrappers(at.expression);
      const callArgs = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments : [];
      const parameters = definition.type === AST_NODE_TYPES.FunctionDeclaration ? definition.params : definition.type === AST_NODE_TYPES.VariableDeclarator && definition.init != null && (definition.init.type === AST_NODE_TYPES.ArrowFunctionExpression || definition.init.type === AST_NODE_TYPES.FunctionExpression) ? definition.init.params : [];
      const found: Omit<DecoratorFact, 'on'>[] = [];
      const visit = (node: TSESTree.Node): void => {
        if (node.type === AST_NODE_TYPES.CallExpression && (NEST_COMPOSE_DECORATORS as readonly string[]).includes(dottedName(node.callee))) {
          // `allowApiKey ? UseGuards(KeyGuard) : UseGuards(JwtGuard)`: the branch the decorator's argument picks (core `composedBranchesTaken`).
          for (const inner of node.arguments.flatMap((arg) => branchesTaken(arg, parameters, callArgs))) {
            if (inner.type === AST_NODE_TYPES.CallExpression) found.push({ name: dottedName(inner.callee).split('.').pop() ?? '', args: inner.arguments.map(argumentName) });
          }
          return;
        }
        if (node.type === AST_NODE_TYPES.CallExpression && dottedName(node.callee) === 'SetMetadata') found.push({ name: 'SetMetadata', args: node.arguments.map(argumentName) });
        for (const key of Object.keys(node) as (keyof typeof node)[]) {
          if (key === 'parent') continue;
          const child = node[key] as unknown;
          if (Array.isArray(child)) for (const item of child) if (isNode(item)) visit(item);
          if (isNode(child)) visit(child);
        }
      };
      visit(definition);
      return found;
    }

    function checkNestHandler(method: TSESTree.MethodDefinition, decorator: TSESTree.Decorator, verb: string): void {
      const cls = method.parent.parent;
      const { sources, publicEvidence } = nestDecoratorAuth([...decoratorFacts(cls.decorators, 'class'), ...decoratorFacts(method.decorators, 'method')], settings);
      const global = configuredGlobalGuard(settings);
      const prefix = cls.decorators.map((item) => decoratorPath(item, 'Controller')).find((value) => value !== undefined) ?? '';
      const path = joinRoutePath(prefix, decoratorPath(decorator, verb) ?? '');
      const httpMethod = verb.toUpperCase();
      const verdict = judgeRouteAuth({ method: httpMethod, paths: [path], sources: global === undefined ? sources : [global, ...sources], publicEvidence }, settings);
      if (verdict.public || verdict.auth.length > 0) return;
      context.report({
        node: decorator,
        messageId: 'missingGuard',
        data: { route: `${httpMethod === 'ALL' ? '' : `${httpMethod} `}${path}`, controller: cls.id?.name ?? 'controller' },
        suggest: [],
      });
    }

    /** A call of a configured registration helper (`settings.routes.registrars`): `this.route({ method, path, handler })`. */
    function checkRegistrar(node: TSESTree.CallExpression, registrar: RouteRegistrar): void {
      const read = (text: string | undefined): TSESTree.Node | string | undefined => {
        if (text === undefined) return undefined;
        const selector = registrarSelector(text);
        if (selector.kind === 'fixed') return selector.value;
        if (selector.kind === 'argument') return node.arguments[selector.index];
        const object = node.arguments.find((arg) => arg.type === AST_NODE_TYPES.ObjectExpression);
        const property = object?.type === AST_NODE_TYPES.ObjectExpression
          ? object.properties.find((item): item is TSESTree.Property => item.type === AST_NODE_TYPES.Property && item.key.type === AST_NODE_TYPES.Identifier && item.key.name === selector.key)
          : undefined;
        return property?.value;
      };
      const literal = (value: TSESTree.Node | string | undefined): string | undefined =>
        typeof value === 'string' ? value : value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'string' ? value.value : undefined;
      const middleware = read(registrar.middleware);
      if (middleware !== undefined && typeof middleware !== 'string' && isAuthValue(middleware, true)) return;
      const method = (literal(read(registrar.method)) ?? 'ALL').toUpperCase();
      const path = literal(read(registrar.path));
      if (path !== undefined && judgeRouteAuth({ method, paths: [path], sources: [] }, settings).public) return;
      context.report({ node: node.callee, messageId: 'missingAuth', data: { route: `${method} ${path ?? '(dynamic path)'}` } });
    }

    return {
      CallExpression(node) {
        const registrar = settings.routes.registrars.length === 0 ? undefined : matchRegistrar(chainNames(node.callee), settings);
        if (registrar !== undefined) {
          checkRegistrar(node, registrar);
          return;
        }
        const callee = skipWrappers(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier || !ROUTE_METHODS.has(callee.property.name)) return;
        const chain = buildChain(node, { sourceCode });
        const segments = chain.fact.segments;
        const receiver = receiverKey(segments.map((segment) => segment.name), segments.map((segment) => segment.call !== undefined));
        const scope = enclosingFunction(node) ?? sourceCode.ast;
        if (callee.property.name === 'addHook') {
          const [hook, handler] = node.arguments;
          if (hook?.type === AST_NODE_TYPES.Literal && (FASTIFY_AUTH_HOOKS as readonly string[]).includes(String(hook.value)) && handler !== undefined && isAuthValue(handler, true)) {
            authUses.push({ receiver, scope, prefix: undefined });
          }
          return;
        }
        const registration = classifyRouteRegistration(chain.fact);
        if (registration === undefined) return;
        // `app.use([path,] …middleware)`; a router named among them (`app.use('/health', healthRouter)`) or
        // mounted by Hono's `app.route('/x', subApp)` is remembered with its prefix and the auth in front of it.
        if (registration.method === 'use' || (registration.method === 'route' && registration.optionsArgIndex === undefined)) {
          let authBefore = coveredByUse(receiver, scope, registration.path);
          let authHere = false;
          for (const index of registration.handlerArgIndexes) {
            const arg = node.arguments[index];
            if (arg === undefined) continue;
            if (registration.method === 'use' && isAuthValue(arg, true)) {
              authBefore = true;
              authHere = true;
              continue;
            }
            const inner = skipWrappers(arg);
            if (inner.type === AST_NODE_TYPES.Identifier && registration.path !== undefined && !mounts.has(inner.name)) mounts.set(inner.name, { parent: receiver, prefix: registration.path, auth: authBefore });
          }
          if (authHere) authUses.push({ receiver, scope, prefix: registration.path });
          return;
        }
        if (hasAuth(node, registration) || coveredByUse(receiver, scope, registration.path)) return;
        const methods = registration.method === 'route' ? (registration.routeMethods ?? ['all']) : [registration.method];
        // `router.options('/x', cors())`: a CORS preflight, which browsers send without credentials.
        const handlers = registration.handlerArgIndexes.flatMap((index) => (node.arguments[index] === undefined ? [] : [node.arguments[index]]));
        if (answersPreflightOnly(methods, handlers.map((arg) => { const inner = skipWrappers(arg); return inner.type === AST_NODE_TYPES.CallExpression ? buildChain(inner, { sourceCode }).fact : undefined; }))) return;
        const path = registration.path;
        if (path !== undefined && methods.every((method) => judgeRouteAuth({ method: method.toUpperCase(), paths: [path], sources: [] }, settings).public)) return;
        const verb = methods.map((method) => method.toUpperCase()).join('|');
        pending.push({ node: callee.property, route: `${verb} ${path ?? '(dynamic path)'}`, call: node, registration, receiver, methods });
      },
      'Program:exit'() {
        for (const { node, route, call, registration, receiver, methods } of pending) {
          // Mounted in this file behind auth, or public under its full path (`/health/live` of `publicRoutes: ['/health/**']`).
          const mount = mountOf(receiver);
          if (mount.auth) continue;
          const path = registration.path;
          if (mount.prefix !== '' && path !== undefined && methods.every((method) => judgeRouteAuth({ method: method.toUpperCase(), paths: [joinRoutePath(mount.prefix, path), path], sources: [] }, settings).public)) continue;
          context.report({ node, messageId: 'missingAuth', data: { route }, suggest: suggestion(call, registration) });
        }
      },
      MethodDefinition(node) {
        for (const decorator of node.decorators) {
          const name = decoratorName(decorator);
          if (name !== '' && isNestRouteDecorator(name)) {
            checkNestHandler(node, decorator, name.slice(name.lastIndexOf('.') + 1));
            return;
          }
        }
      },
    };
  },
});

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** A decorator argument by name: `JwtAuthGuard`, `AuthGuard('jwt')` → `AuthGuard`, `new RolesGuard()` → `RolesGuard`, `'isPublic'`. */
function argumentName(arg: TSESTree.Node): string {
  const node = skipWrappers(arg);
  if (node.type === AST_NODE_TYPES.Literal) return String(node.value);
  if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) return dottedName(node.callee);
  return dottedName(node);
}

/** `@UseGuards(X)` → `UseGuards`, `@nest.Get()` → `Get`. */
function decoratorName(decorator: TSESTree.Decorator): string {
  return dottedName(decorator.expression).split('.').pop() ?? '';
}

/** The path argument of `@Get(':id')` / `@Controller('users')` / `@Controller({ path: 'users' })`. */
function decoratorPath(decorator: TSESTree.Decorator, name: string): string | undefined {
  const expression = skipWrappers(decorator.expression);
  if (expression.type !== AST_NODE_TYPES.CallExpression || decoratorName(decorator) !== name) return undefined;
  const arg = expression.arguments[0];
  if (arg === undefined) return '';
  if (arg.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string') return arg.value;
  if (arg.type === AST_NODE_TYPES.ObjectExpression) {
    const property = arg.properties.find((item): item is TSESTree.Property => item.type === AST_NODE_TYPES.Property && item.key.type === AST_NODE_TYPES.Identifier && item.key.name === 'path');
    return property?.value.type === AST_NODE_TYPES.Literal && typeof property.value.value === 'string' ? property.value.value : undefined;
  }
  return undefined;
}

/** The receiver as written, up to the first call: `router`, `this.app`, `fastify`. */
function receiverKey(names: readonly string[], called: readonly boolean[]): string {
  const end = called.findIndex((isCall) => isCall);
  return names.slice(0, end === -1 ? names.length - 1 : end).join('.');
}

/** The expressions an argument of `applyDecorators(…)` may be (as the audit's route table judges it). */
function branchesTaken(arg: TSESTree.Node, parameters: readonly TSESTree.Parameter[], callArgs: readonly TSESTree.CallExpressionArgument[]): TSESTree.Node[] {
  const value = skipWrappers(arg);
  if (value.type !== AST_NODE_TYPES.ConditionalExpression) return [value];
  const test = skipWrappers(value.test);
  const negated = test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!';
  const tested = negated ? skipWrappers(test.argument) : test;
  const nameOf = (parameter: TSESTree.Parameter): string | undefined => {
    const inner = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
    return inner.type === AST_NODE_TYPES.Identifier ? inner.name : undefined;
  };
  const index = tested.type === AST_NODE_TYPES.Identifier ? parameters.findIndex((parameter) => nameOf(parameter) === tested.name) : -1;
  const parameter = index < 0 ? undefined : parameters[index];
  const given = index < 0 ? undefined : (callArgs[index] ?? (parameter?.type === AST_NODE_TYPES.AssignmentPattern ? parameter.right : undefined));
  const literal = given === undefined ? undefined : skipWrappers(given);
  const truth = literal?.type === AST_NODE_TYPES.Literal && typeof literal.value === 'boolean' ? literal.value : undefined;
  return composedBranchesTaken(truth, negated).flatMap((branch) => branchesTaken(branch === 'whenTrue' ? value.consequent : value.alternate, parameters, callArgs));
}
