import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';
import { HTTP_ROUTE_METHODS, ROUTE_OPTION_HANDLER_KEYS } from '../core/catalogs/frameworks.js';
import { classifyQuery } from '../core/classify/query.js';
import { classifyRouteRegistration, confirmFileLayer, type FieldResolverFacts, fileLayerMatch, innermostLayer, isHandedDbClient, isHttpHandlerSignature, isWrappedObjectFactory, layerOfClass, layerOfFunction, mayRegisterRoute, needsContextMembers, requiredParameterTypes, servesOtherModules, type HandlerParameterFact, type HandlerSiteFact, type ModuleFunctionFacts } from '../core/classify/layer.js';
import type { BackendPatternsSettings, LayerName } from '../core/settings.js';
import { isFunction, oncePerFile, walk, type FunctionNode } from './ast.js';
import { fileNodes, type ClassNode } from './file-nodes.js';
import { buildChain, dottedName, propertyName, skipWrappers } from './facts.js';

/**
 * ESTree side of the layer knowledge (SPEC §3 "layer of a file / class / function"): which layer a
 * node is in, from the file (path globs), the enclosing classes (names, decorators) and the
 * enclosing functions (route handlers registered in this file, NestJS route methods); the
 * innermost classification wins. Computed once per file and shared by every rule that asks.
 */
export interface FileLayers {
  readonly fileLayer: LayerName | undefined;
  /** Does any part of the file (the file, a class, a route handler) belong to `layer`? A cheap pre-filter. */
  has(layer: LayerName): boolean;
  /** The layer of the code at `node`. */
  layerOf(node: TSESTree.Node): LayerName | undefined;
  /** Is `fn` a function this file registers as a route handler (`router.get('/x', (req, res, next) => …)`)? */
  isRouteHandler(fn: TSESTree.Node): boolean;
  /** Is `fn` a module-level function this router module exports for other modules (core `servesOtherModules`)? */
  servesOtherModules(fn: TSESTree.Node): boolean;
}

const perProgram = new WeakMap<TSESTree.Program, FileLayers>();
const HTTP_METHODS: ReadonlySet<string> = new Set([...HTTP_ROUTE_METHODS, 'route']);
const HANDLER_KEYS: ReadonlySet<string> = new Set(ROUTE_OPTION_HANDLER_KEYS);

/** The layers of the linted file, computed on first use. */
export function fileLayers(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, settings: BackendPatternsSettings): FileLayers {
  return oncePerFile(perProgram, context.sourceCode.ast, () => buildFileLayers(context, settings));
}

/** Decorator names as called: `@Controller('x')` → `Controller`, `@nest.Get()` → `nest.Get`. */
export function decoratorNames(decorators: readonly TSESTree.Decorator[] | undefined): string[] {
  return (decorators ?? []).map((decorator) => {
    const expression = skipWrappers(decorator.expression);
    return dottedName(expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression);
  });
}

function classNameOf(node: ClassNode): string | undefined {
  if (node.id != null) return node.id.name;
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  return undefined;
}

function buildFileLayers(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, settings: BackendPatternsSettings): FileLayers {
  const { sourceCode } = context;
  const relative = path.isAbsolute(context.filename) ? path.relative(context.cwd, context.filename) : context.filename;

  // Each part is worked out on first use, so a question needs only its parts: most files are
  // ruled out for a layer by their path and classes alone, without looking for route handlers.
  let pathLayer: ReturnType<typeof fileLayerMatch> | null = null;
  const pathMatch = (): ReturnType<typeof fileLayerMatch> => {
    if (pathLayer === null) pathLayer = fileLayerMatch(relative, settings);
    return pathLayer;
  };

  let classes: { readonly layers: ReadonlyMap<TSESTree.Node, LayerName | undefined>; readonly present: ReadonlySet<LayerName>; readonly routeDecorated: boolean } | undefined;
  const classFacts = (): NonNullable<typeof classes> => {
    if (classes !== undefined) return classes;
    const nodes = fileNodes(sourceCode);
    const layers = new Map<TSESTree.Node, LayerName | undefined>();
    const present = new Set<LayerName>();
    for (const node of nodes.classes) {
      const name = classNameOf(node);
      const layer = layerOfClass({ ...(name === undefined ? {} : { name }), decorators: decoratorNames(node.decorators) }, settings);
      layers.set(node, layer);
      if (layer !== undefined) present.add(layer);
    }
    const routeDecorated = nodes.decoratedMethods.some((method) => layerOfFunction({ routeHandler: false, decorators: decoratorNames(method.decorators) }) !== undefined);
    classes = { layers, present, routeDecorated };
    return classes;
  };

  let routeHandlers: ReadonlySet<TSESTree.Node> | undefined;
  const handlers = (): ReadonlySet<TSESTree.Node> => {
    routeHandlers ??= findRouteHandlers(sourceCode);
    return routeHandlers;
  };

  const handlesHttp = (): boolean => pathMatch()?.layer === 'controller' && fileNodes(sourceCode).functions.some((fn) => isHttpHandlerSignature(fn.params.map(parameterFacts), handlerSite(fn)));

  let fileLayer: { readonly layer: LayerName | undefined } | undefined;
  const layerOfThisFile = (): LayerName | undefined => {
    fileLayer ??= {
      // Evidence as getters: confirmFileLayer reads only what it needs, in order.
      layer: confirmFileLayer(pathMatch(), {
        get registersRoutes() {
          return handlers().size > 0 || classFacts().routeDecorated;
        },
        get controllerClass() {
          return classFacts().present.has('controller');
        },
        get handlesHttp() {
          return handlesHttp();
        },
      }),
    };
    return fileLayer.layer;
  };

  /** Does any part of the file belong to `layer`: the file itself, a class, a route-decorated method or a route handler. */
  const has = (layer: LayerName): boolean => {
    if (classFacts().present.has(layer)) return true;
    // A file confirmed as a service or repository is one by its path alone; a controller path needs the file's evidence.
    if (layer !== 'controller') return pathMatch()?.layer === layer;
    return classFacts().routeDecorated || handlers().size > 0 || layerOfThisFile() === 'controller';
  };

  const functionLayer = (fn: FunctionNode): LayerName | undefined => {
    const method = fn.parent.type === AST_NODE_TYPES.MethodDefinition ? fn.parent : undefined;
    const topLevel = isTopLevel(fn);
    const parameterTypes = topLevel ? requiredParameterTypes(fn.params.map(parameterFacts)) : [];
    return layerOfFunction({
      routeHandler: handlers().has(fn),
      decorators: decoratorNames(method?.decorators),
      topLevel,
      ...(topLevel ? { parameterTypes } : {}),
      ...(topLevel && isHandedDbClient(parameterTypes) ? { handsBackHandle: handsBackHandle(fn, context.sourceCode, settings) } : {}),
    });
  };

  /** A request's function: a registered route handler or one with a handler's signature. */
  const handlesRequest = (fn: FunctionNode): boolean => handlers().has(fn) || isHttpHandlerSignature(fn.params.map(parameterFacts), handlerSite(fn));

  /** What core `servesOtherModules` reads of a named module-level function. */
  const moduleFunctionFacts = (fn: FunctionNode): ModuleFunctionFacts<FunctionNode> | undefined => {
    if (!isTopLevel(fn)) return undefined;
    const declarator = fn.parent.type === AST_NODE_TYPES.VariableDeclarator ? fn.parent : undefined;
    const id = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : declarator?.id.type === AST_NODE_TYPES.Identifier ? declarator.id : null;
    if (id == null) return undefined;
    const variable = sourceCode.getDeclaredVariables(declarator ?? fn).find((candidate) => candidate.name === id.name);
    const references = (variable?.references ?? []).filter((reference) => reference.identifier !== id);
    const statement = declarator?.parent ?? fn;
    const exported = statement.parent.type === AST_NODE_TYPES.ExportNamedDeclaration || references.some((reference) => reference.identifier.parent.type === AST_NODE_TYPES.ExportSpecifier);
    const uses = references.filter((reference) => reference.identifier.parent.type !== AST_NODE_TYPES.ExportSpecifier).map((reference) => {
      let inRequest = false;
      let caller: FunctionNode | undefined;
      for (let current: TSESTree.Node | undefined = reference.identifier.parent; current != null; current = current.parent) {
        if (!isFunction(current)) continue;
        if (handlesRequest(current)) inRequest = true;
        caller = current;
      }
      return { inRequest, caller };
    });
    const helper = {
      moduleRegistersRoutes: handlers().size > 0,
      topLevel: true,
      routeHandler: handlers().has(fn),
      handlerSignature: isHttpHandlerSignature(fn.params.map(parameterFacts), handlerSite(fn)),
      parameterNames: fn.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : param.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier ? param.left.name : '')),
    };
    return { helper, exported, uses };
  };

  // The layer of code is the layer of its nearest enclosing function or class (or the file's), so it is
  // remembered per function and class: every call in a method costs one look-up.
  const scopeLayers = new Map<TSESTree.Node, LayerName | undefined>();
  const layerAbove = (start: TSESTree.Node | undefined): LayerName | undefined => {
    for (let current = start; current != null; current = current.parent) {
      if (isFunction(current) || current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return layerAt(current);
    }
    return layerOfThisFile();
  };
  const layerAt = (scope: FunctionNode | ClassNode): LayerName | undefined => {
    if (scopeLayers.has(scope)) return scopeLayers.get(scope);
    const own = isFunction(scope) ? functionLayer(scope) : classFacts().layers.get(scope);
    const layer = innermostLayer([layerAbove(scope.parent), own]);
    scopeLayers.set(scope, layer);
    return layer;
  };

  return {
    get fileLayer() {
      return layerOfThisFile();
    },
    has,
    layerOf: layerAbove,
    isRouteHandler: (fn) => handlers().has(fn),
    servesOtherModules: (fn) => isFunction(fn) && servesOtherModules(fn, moduleFunctionFacts),
  };
}

/** The functions this file registers as route handlers (`router.get('/x', handler)`, Fastify route options): function literals, wrapped ones and functions passed by name. */
function findRouteHandlers(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlySet<TSESTree.Node> {
  const routeHandlers = new Set<TSESTree.Node>();

  /** Marks a handler argument: a function literal, a wrapper call around one, or a function declared in this file and passed by name. */
  const markHandler = (raw: TSESTree.Node, depth = 0, wrapped = false): void => {
    const node = skipWrappers(raw);
    if (isFunction(node)) {
      // `withController(createUserController)`: a factory the wrapper calls is no handler.
      if (!(wrapped && isWrappedObjectFactory(factoryFacts(node)))) routeHandlers.add(node);
      return;
    }
    if (node.type === AST_NODE_TYPES.CallExpression && depth < 2) {
      // `asyncHandler(async (req, res) => …)`, `wrap(listUsers)`.
      for (const arg of node.arguments) markHandler(arg, depth + 1, true);
      return;
    }
    if (node.type === AST_NODE_TYPES.ArrayExpression && depth < 2) {
      for (const element of node.elements) if (element !== null) markHandler(element, depth + 1, wrapped);
      return;
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return;
    const definition = ASTUtils.findVariable(sourceCode.getScope(node), node.name)?.defs[0];
    if (definition === undefined) return;
    if (definition.node.type === AST_NODE_TYPES.FunctionDeclaration) markHandler(definition.node, depth, wrapped);
    else if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init != null) {
      // A function bound to a const is followed at any depth, as the audit resolves a name to its function
      // (`[auth, asyncHandler(listUsers)]`); another value (`const h = wrap(fn)`) only near the registration.
      const init = skipWrappers(definition.node.init);
      if (isFunction(init) || depth < 2) markHandler(init, depth + 1, wrapped);
    }
  };

  for (const node of fileNodes(sourceCode).calls) {
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = propertyName(callee);
    if (!HTTP_METHODS.has(method) || !mayRegisterRoute(method, node.arguments.length, isCalled(callee.object))) continue;
    const registration = classifyRouteRegistration(buildChain(node, { sourceCode }).fact);
    if (registration === undefined || registration.method === 'use') continue;
    for (const index of registration.handlerArgIndexes) {
      const arg = node.arguments[index];
      if (arg !== undefined) markHandler(arg);
    }
    const options = registration.optionsArgIndex === undefined ? undefined : skipWrappers(node.arguments[registration.optionsArgIndex] ?? node);
    if (options?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of options.properties) {
        if (property.type === AST_NODE_TYPES.Property && HANDLER_KEYS.has(property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : '')) markHandler(property.value);
        if (property.type === AST_NODE_TYPES.Property && property.method && property.key.type === AST_NODE_TYPES.Identifier && HANDLER_KEYS.has(property.key.name)) markHandler(property.value);
      }
    }
  }
  return routeHandlers;
}

/** The value of `node` comes from a call (`router.route('/x')`, `await make()`, `new Router()`), wrappers aside. */
function isCalled(node: TSESTree.Node): boolean {
  let current = skipWrappers(node);
  while (current.type === AST_NODE_TYPES.AwaitExpression) current = skipWrappers(current.argument);
  return current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.TaggedTemplateExpression || current.type === AST_NODE_TYPES.NewExpression;
}

/** `function f() {}` / `const f = () => …` at the module's top level (exported or not). */
function isTopLevel(fn: FunctionNode): boolean {
  let statement: TSESTree.Node = fn;
  if (fn.type !== AST_NODE_TYPES.FunctionDeclaration) {
    if (fn.parent.type !== AST_NODE_TYPES.VariableDeclarator) return false;
    statement = fn.parent.parent;
  }
  // The Program's parent is `null` at run time, whatever the types say.
  const parent = statement.parent as TSESTree.Node | null;
  return parent !== null && (parent.type === AST_NODE_TYPES.Program || (parent.type === AST_NODE_TYPES.ExportNamedDeclaration && parent.parent.type === AST_NODE_TYPES.Program));
}

/** A parameter's name, annotated type name and (for a `ctx` of another type) the members read off it, as `isHttpHandlerSignature` reads them. */
export function parameterFacts(param: TSESTree.Parameter): HandlerParameterFact {
  const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  const named = target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target;
  const name = named.type === AST_NODE_TYPES.Identifier ? named.name : '';
  const annotation = 'typeAnnotation' in named ? named.typeAnnotation?.typeAnnotation : undefined;
  const typeName = annotation?.type !== AST_NODE_TYPES.TSTypeReference
    ? undefined
    : annotation.typeName.type === AST_NODE_TYPES.Identifier ? annotation.typeName.name : annotation.typeName.type === AST_NODE_TYPES.TSQualifiedName ? annotation.typeName.right.name : undefined;
  const optional = 'optional' in named && named.optional;
  const typed = { name, ...(typeName === undefined ? {} : { typeName }), ...(optional ? { optional } : {}) };
  const fn = param.parent;
  if (!needsContextMembers(typed) || !isFunction(fn)) return typed;
  return { ...typed, members: membersReadOff(fn.body, name) };
}

/** Where a function literal is written, as `isHttpHandlerSignature` reads it: the method it is passed to. */
export function handlerSite(fn: TSESTree.Node): HandlerSiteFact {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return {};
  const callee = skipWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed ? { callbackOf: propertyName(callee) } : {};
}

/** Members read off `name` in `body`: `name.member`, `name?.member`, `const { member } = name`. */
function membersReadOff(body: TSESTree.Node, name: string): string[] {
  const members: string[] = [];
  walk(body, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === name) members.push(propertyName(node));
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.ObjectPattern && node.init?.type === AST_NODE_TYPES.Identifier && node.init.name === name) {
      for (const property of node.id.properties) if (property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier) members.push(property.key.name);
    }
    return true;
  });
  return members;
}

/** Is the code at `node` in `layer`? Skips the per-node walk when the file has no code of that layer. */
export function isInLayer(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  settings: BackendPatternsSettings,
  node: TSESTree.Node,
  layer: LayerName,
): boolean {
  const layers = fileLayers(context, settings);
  return layers.has(layer) && layers.layerOf(node) === layer;
}

/**
 * Core's `FieldResolverFacts` of the method `owner` around a data access `node`, or undefined when
 * `owner` is no class method. The body returns the one load the access is in: `return [await]
 * load(…)`, or `const { user } = await load(…); return user;`, after guards that return the
 * parent's relation when it is already loaded (`if (admin.user) return admin.user;`).
 */
export function fieldResolverFacts(owner: TSESTree.Node, node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): FieldResolverFacts | undefined {
  if (owner.type !== AST_NODE_TYPES.FunctionExpression || owner.parent.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
  const parameters = owner.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : []));
  const returned = returnedLoad(owner.body.body, parameters);
  const returnsOnlyTheCall = returned !== undefined && node.range[0] >= returned.range[0] && node.range[1] <= returned.range[1];
  const variables = sourceCode.getDeclaredVariables(owner);
  const parametersReadByCall = returned === undefined || !returnsOnlyTheCall
    ? []
    : owner.params.flatMap((param) => {
        if (param.type !== AST_NODE_TYPES.Identifier) return [];
        const variable = variables.find((candidate) => candidate.name === param.name);
        const read = (variable?.references ?? []).some((reference) => reference.identifier.range[0] >= returned.range[0] && reference.identifier.range[1] <= returned.range[1]);
        return read ? [decoratorNames(param.decorators)] : [];
      });
  return { decorators: decoratorNames(owner.parent.decorators), returnsOnlyTheCall, parametersReadByCall };
}

/** The call whose result a method body returns and nothing else (see `fieldResolverFacts`). */
function returnedLoad(statements: readonly TSESTree.Statement[], parameters: readonly string[]): TSESTree.CallExpression | undefined {
  let start = 0;
  while (start < statements.length && (returnsLoadedRelation(statements[start], parameters) || throwsOnGuard(statements[start]))) start += 1;
  const [first, second, ...rest] = statements.slice(start);
  if (rest.length > 0 || first === undefined) return undefined;
  if (second === undefined) return first.type === AST_NODE_TYPES.ReturnStatement && first.argument !== null ? awaitedCall(first.argument) : undefined;
  if (first.type !== AST_NODE_TYPES.VariableDeclaration || first.declarations.length !== 1 || second.type !== AST_NODE_TYPES.ReturnStatement || second.argument === null) return undefined;
  const declaration = first.declarations[0];
  const returned = skipWrappers(second.argument);
  const result = returned.type === AST_NODE_TYPES.Identifier ? returned.name : projectedList(returned);
  if (declaration.init == null || result === undefined) return undefined;
  const bound = declaration.id.type === AST_NODE_TYPES.Identifier ? [declaration.id.name]
    : declaration.id.type === AST_NODE_TYPES.ObjectPattern ? declaration.id.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier ? [property.value.name] : [])) : [];
  return bound.includes(result) ? awaitedCall(declaration.init) : undefined;
}

/** Core's `isWrappedObjectFactory` facts of a function: its parameter count and the classes every `return` constructs. */
function factoryFacts(fn: FunctionNode): { readonly parameterCount: number; readonly waits: boolean; readonly constructed: readonly string[] | undefined } {
  const returned: TSESTree.Node[] = [];
  let waits = fn.async;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned.push(fn.body);
  walk(fn.body, (node) => {
    if (node !== fn.body && isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression) waits = true;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument != null) returned.push(node.argument);
    return true;
  });
  const constructed = returned.map((value) => {
    const inner = skipWrappers(value);
    return inner.type === AST_NODE_TYPES.NewExpression ? dottedName(inner.callee) : undefined;
  });
  return { parameterCount: fn.params.length, waits, constructed: constructed.every((name): name is string => name !== undefined) ? constructed : undefined };
}

/**
 * `FunctionFacts.handsBackHandle`: the whole body returns a member or call chain rooted at a parameter
 * (`return db.collection('users')`), with no query in it (core `classifyQuery`), no function and no tagged template.
 */
function handsBackHandle(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, settings: BackendPatternsSettings): boolean {
  const body = fn.body;
  const only = body.type === AST_NODE_TYPES.BlockStatement ? (body.body.length === 1 ? body.body[0] : undefined) : undefined;
  const value = body.type !== AST_NODE_TYPES.BlockStatement ? body : only?.type === AST_NODE_TYPES.ReturnStatement ? only.argument : null;
  if (value == null) return false;
  const state = { other: false };
  walk(value, (node) => {
    if (isFunction(node) || node.type === AST_NODE_TYPES.TaggedTemplateExpression || node.type === AST_NODE_TYPES.AwaitExpression) state.other = true;
    if (node.type === AST_NODE_TYPES.CallExpression && classifyQuery(buildChain(node, { sourceCode }).fact, { settings }) !== undefined) state.other = true;
    return !state.other;
  });
  if (state.other) return false;
  let root = skipWrappers(value);
  while (root.type === AST_NODE_TYPES.CallExpression || root.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.type === AST_NODE_TYPES.CallExpression ? root.callee : root.object);
  return root !== skipWrappers(value) && root.type === AST_NODE_TYPES.Identifier && fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === root.name);
}

/** `if (me.id !== user.id) throw new AccessDenied();`: a guard that refuses, with no value of its own returned. */
function throwsOnGuard(statement: TSESTree.Statement | undefined): boolean {
  if (statement?.type !== AST_NODE_TYPES.IfStatement || statement.alternate !== null) return false;
  const consequent = statement.consequent.type === AST_NODE_TYPES.BlockStatement && statement.consequent.body.length === 1 ? statement.consequent.body[0] : statement.consequent;
  return consequent?.type === AST_NODE_TYPES.ThrowStatement;
}

/**
 * `rows.map((row) => row.pageId)`, `rows?.map((row) => ({ id: row.id, ...row }))`: the loaded rows, each
 * projected to fields it already has (member reads, an object of them, a spread of the row). The list's name.
 */
function projectedList(expression: TSESTree.Node): string | undefined {
  if (expression.type !== AST_NODE_TYPES.CallExpression || expression.callee.type !== AST_NODE_TYPES.MemberExpression || expression.callee.computed || expression.callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (expression.callee.property.type !== AST_NODE_TYPES.Identifier || expression.callee.property.name !== 'map') return undefined;
  const projection = expression.arguments[0];
  if (projection?.type !== AST_NODE_TYPES.ArrowFunctionExpression || expression.arguments.length !== 1) return undefined;
  const row = projection.params[0]?.type === AST_NODE_TYPES.Identifier ? projection.params[0].name : undefined;
  if (row === undefined || projection.body.type === AST_NODE_TYPES.BlockStatement) return undefined;
  return readsRowFields(projection.body, row) ? expression.callee.object.name : undefined;
}

/** `row`, `row.a.b`, `{ id: row.id, ...row }`: only fields the row already has. */
function readsRowFields(value: TSESTree.Node, row: string): boolean {
  const inner = skipWrappers(value);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === row;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return !inner.computed && readsRowFields(inner.object, row);
  if (inner.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return inner.properties.every((property) => property.type === AST_NODE_TYPES.SpreadElement ? readsRowFields(property.argument, row) : !property.computed && readsRowFields(property.value, row));
}

/** `if (parent.relation) return parent.relation;`: the parent came with the relation loaded. */
function returnsLoadedRelation(statement: TSESTree.Statement | undefined, parameters: readonly string[]): boolean {
  if (statement?.type !== AST_NODE_TYPES.IfStatement || statement.alternate !== null) return false;
  const consequent = statement.consequent.type === AST_NODE_TYPES.BlockStatement && statement.consequent.body.length === 1 ? statement.consequent.body[0] : statement.consequent;
  if (consequent?.type !== AST_NODE_TYPES.ReturnStatement || consequent.argument === null) return false;
  const value = skipWrappers(consequent.argument);
  if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed) return false;
  let root: TSESTree.Node = value;
  while (root.type === AST_NODE_TYPES.MemberExpression && !root.computed) root = root.object;
  return root.type === AST_NODE_TYPES.Identifier && parameters.includes(root.name);
}

function awaitedCall(expression: TSESTree.Expression): TSESTree.CallExpression | undefined {
  const unwrapped = skipWrappers(expression);
  const inner = unwrapped.type === AST_NODE_TYPES.AwaitExpression ? skipWrappers(unwrapped.argument) : unwrapped;
  return inner.type === AST_NODE_TYPES.CallExpression ? inner : undefined;
}
