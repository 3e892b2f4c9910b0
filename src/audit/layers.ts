import { ts } from 'ts-morph';
import { HTTP_ROUTE_METHODS, ROUTE_OPTION_HANDLER_KEYS } from '../core/catalogs/frameworks.js';
import {
  classifyRouteRegistration,
  dbClientCreation,
  extendsDbClient,
  fileLayerMatch,
  innermostLayer,
  isHandedDbClient,
  isHttpHandlerSignature,
  servesOtherModules,
  type ModuleFunctionFacts,
  isNestRouteDecorator,
  isWrappedObjectFactory,
  needsContextMembers,
  requiredParameterTypes,
  layerOfClass,
  layerOfFunction,
  moduleLayerVerdict,
  type FieldResolverFacts,
  type HandlerParameterFact,
  type HandlerSiteFact,
  type LayerVerdict,
  type ProjectLayer,
} from '../core/classify/layer.js';
import { classifyQuery } from '../core/classify/query.js';
import type { BackendPatternsSettings } from '../core/settings.js';
import { importSources } from './bindings.js';
import { buildChain, buildChainInfo, dottedName, isFunctionNode, skipWrappers, type FunctionLikeNode } from './facts.js';
import type { CallGraph } from './graph.js';
import { relativePath } from './load-project.js';

/**
 * The TypeScript side of the layer knowledge (SPEC §3 "layer of a file / class / function"), for the
 * project view. Every verdict is core's (`layerOfFunction`, `layerOfClass`, `confirmFileLayer`,
 * `innermostLayer`, `dbClientCreation`), so a piece of code has the layer the rules give it: the
 * innermost of route handler → class → file. The project view adds what one file cannot show: a
 * handler registered in another file (`router.get('/x', users.list)`) is controller code where it is
 * declared, and a module that creates the DB client is the data layer.
 */
export class ProjectLayers {
  private scope: readonly ts.SourceFile[] | undefined;
  private handlers: Map<ts.Node, string> | undefined;
  private registering: Set<ts.SourceFile> | undefined;
  private readonly files = new Map<ts.SourceFile, LayerVerdict>();
  private readonly classes = new Map<ts.ClassLikeDeclaration, LayerVerdict>();
  private readonly providers = new Map<ts.ClassLikeDeclaration, LayerVerdict>();
  private readonly scopes = new Map<ts.Node, ProjectLayer | undefined>();

  constructor(private readonly graph: CallGraph) {}

  /** The files whose route registrations count (the audited scope: not tests, not scripts). */
  setScope(files: readonly ts.SourceFile[]): void {
    this.scope = files;
    this.handlers = undefined;
    this.registering = undefined;
    this.scopes.clear();
    this.files.clear();
  }

  /** Functions registered as route handlers anywhere in scope, with where they are registered. */
  registeredHandlers(): ReadonlyMap<ts.Node, string> {
    this.collectRegistrations();
    return this.handlers ?? new Map();
  }

  private collectRegistrations(): void {
    if (this.handlers !== undefined) return;
    const handlers = new Map<ts.Node, string>();
    const registering = new Set<ts.SourceFile>();
    const methods: ReadonlySet<string> = new Set([...HTTP_ROUTE_METHODS, 'route']);
    const handlerKeys: ReadonlySet<string> = new Set(ROUTE_OPTION_HANDLER_KEYS);
    for (const file of this.scope ?? []) {
      const mark = (raw: ts.Node, where: string, depth: number, wrapped = false): void => {
        const node = skipWrappers(raw);
        if (isFunctionNode(node)) {
          // `withController(createUserController)`: a factory the wrapper calls is no handler (as `src/eslint/layers.ts`).
          if (!(wrapped && isWrappedObjectFactory(factoryFacts(node)))) handlers.set(node, where);
          return;
        }
        if (ts.isCallExpression(node) && depth < 2) {
          // `asyncHandler(async (req, res) => …)`, `wrap(listUsers)`.
          for (const arg of node.arguments) mark(arg, where, depth + 1, true);
          return;
        }
        if (ts.isArrayLiteralExpression(node) && depth < 2) {
          for (const element of node.elements) mark(element, where, depth + 1, wrapped);
          return;
        }
        if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
          const target = this.graph.resolveCallee(node);
          if (target !== undefined && !(wrapped && isWrappedObjectFactory(factoryFacts(target.node)))) handlers.set(target.node, where);
        }
      };
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node)) {
          const callee = skipWrappers(node.expression);
          if (ts.isPropertyAccessExpression(callee) && methods.has(callee.name.text)) {
            const registration = classifyRouteRegistration(buildChain(node));
            if (registration !== undefined && registration.method !== 'use') {
              const { file: at, line } = this.graph.location(node);
              const where = `${at}:${String(line)}`;
              registering.add(file);
              for (const index of registration.handlerArgIndexes) {
                const arg = node.arguments[index];
                if (arg !== undefined) mark(arg, where, 0);
              }
              const options = registration.optionsArgIndex === undefined ? undefined : node.arguments[registration.optionsArgIndex];
              const object = options === undefined ? undefined : skipWrappers(options);
              if (object !== undefined && ts.isObjectLiteralExpression(object)) {
                for (const property of object.properties) {
                  const key = property.name !== undefined && ts.isIdentifier(property.name) ? property.name.text : '';
                  if (!handlerKeys.has(key)) continue;
                  if (ts.isPropertyAssignment(property)) mark(property.initializer, where, 0);
                  else if (ts.isMethodDeclaration(property)) handlers.set(property, where);
                }
              }
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    this.handlers = handlers;
    this.registering = registering;
  }

  /** The layer of a module, with its evidence. */
  fileVerdict(file: ts.SourceFile): LayerVerdict {
    const known = this.files.get(file);
    if (known !== undefined) return known;
    this.collectRegistrations();
    const match = fileLayerMatch(relativePath(this.graph.root, file.fileName), this.graph.settings);
    const functions: FunctionLikeNode[] = [];
    const classes: ts.ClassLikeDeclaration[] = [];
    const found = { routeDecorated: false };
    let creates: string | undefined;
    const visit = (node: ts.Node): void => {
      if (isFunctionNode(node)) {
        functions.push(node);
        if (ts.isMethodDeclaration(node) && decoratorNames(node).some(isNestRouteDecorator)) found.routeDecorated = true;
      }
      if (ts.isClassLike(node)) classes.push(node);
      if (creates === undefined && (ts.isNewExpression(node) || ts.isCallExpression(node))) creates = this.creation(node);
      ts.forEachChild(node, visit);
    };
    visit(file);
    const verdict = moduleLayerVerdict({
      match,
      evidence: {
        registersRoutes: found.routeDecorated || (this.registering?.has(file) ?? false),
        controllerClass: classes.some((cls) => this.ownClassVerdict(cls).layer === 'controller'),
        handlesHttp: match?.layer === 'controller' && functions.some((fn) => isHttpHandlerSignature(fn.parameters.map(parameterFacts), handlerSite(fn))),
      },
      createsDbClient: creates ?? classes.map((cls) => this.ownClassVerdict(cls)).find((cls) => cls.layer === 'data')?.evidence[0],
      onlyTypes: declaresOnlyTypes(file),
    });
    this.files.set(file, verdict);
    return verdict;
  }

  /** `new PrismaClient()`, `knex({…})`, `drizzle(pool)`: the creation as written, or undefined. */
  creation(node: ts.NewExpression | ts.CallExpression): string | undefined {
    const callee = skipWrappers(node.expression);
    if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
    const name = dottedName(callee);
    const root = name.split('.')[0] ?? '';
    const file = node.getSourceFile();
    const source = importSources(file).get(root);
    return dbClientCreation({ callee: name, isNew: ts.isNewExpression(node), rootImport: source, wholeModule: source !== undefined && isWholeModuleImport(file, root) });
  }

  /**
   * The layer of a class, with its evidence: a DB client it extends makes it data; else core's
   * `layerOfClass`, told the layers of the classes its constructor injects (a DI provider working
   * through a service is service code).
   */
  classVerdict(cls: ts.ClassLikeDeclaration): LayerVerdict {
    const known = this.providers.get(cls);
    if (known !== undefined) return known;
    const own = this.ownClassVerdict(cls);
    let verdict = own;
    if (own.layer === undefined) {
      const injected = this.injectedClasses(cls);
      const injectedLayers = injected.map((entry) => entry.layer);
      const layer = injected.length === 0 ? undefined : layerOfClass({ ...(cls.name === undefined ? {} : { name: cls.name.text }), decorators: decoratorNames(cls), injectedLayers }, this.graph.settings);
      const service = injected.find((entry) => entry.layer === 'service');
      if (layer !== undefined && service !== undefined) verdict = { layer, evidence: [`provider class ${cls.name?.text ?? '(anonymous)'} injects the ${layer} ${service.name}`] };
    }
    this.providers.set(cls, verdict);
    return verdict;
  }

  /**
   * The classes a constructor injects (`constructor(private locale: LocaleService)`), each with the
   * layer of its own code (name, decorators, file): one hop, so two providers injecting each other
   * cannot loop.
   */
  private injectedClasses(cls: ts.ClassLikeDeclaration): { readonly name: string; readonly layer: ProjectLayer | undefined }[] {
    const constructor = cls.members.find(ts.isConstructorDeclaration);
    return (constructor?.parameters ?? []).flatMap((parameter) => {
      const type = parameter.type;
      if (type === undefined || !ts.isTypeReferenceNode(type)) return [];
      let symbol = this.graph.symbolAt(ts.isIdentifier(type.typeName) ? type.typeName : type.typeName.right);
      for (let hops = 0; symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0 && hops < 8; hops += 1) symbol = this.graph.aliased(symbol);
      const declaration = symbol?.declarations?.find((candidate): candidate is ts.ClassLikeDeclaration => ts.isClassLike(candidate) && this.graph.isProjectFile(candidate.getSourceFile()));
      if (declaration === undefined || declaration === cls) return [];
      const layer = innermostLayer<ProjectLayer>([this.fileVerdict(declaration.getSourceFile()).layer, this.ownClassVerdict(declaration).layer]);
      return [{ name: declaration.name?.text ?? '(anonymous)', layer }];
    });
  }

  /** A class's layer from its own code alone: a DB client it extends makes it data; else core's `layerOfClass` on its name and decorators. */
  private ownClassVerdict(cls: ts.ClassLikeDeclaration): LayerVerdict {
    const known = this.classes.get(cls);
    if (known !== undefined) return known;
    const base = cls.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    const baseName = base === undefined ? '' : dottedName(base);
    const sources = importSources(cls.getSourceFile());
    let verdict: LayerVerdict;
    if (baseName !== '' && extendsDbClient(baseName, sources.get(baseName.split('.')[0] ?? ''))) {
      verdict = { layer: 'data', evidence: [`class ${cls.name?.text ?? '(anonymous)'} extends ${baseName}`] };
    } else {
      const decorators = decoratorNames(cls);
      const layer = layerOfClass({ ...(cls.name === undefined ? {} : { name: cls.name.text }), decorators }, this.graph.settings);
      const shown = decorators.length === 0 ? '' : ` ${decorators.map((decorator) => `@${decorator}`).join(' ')}`;
      verdict = { layer, evidence: layer === undefined ? [] : [`class ${cls.name?.text ?? '(anonymous)'}${shown}`] };
    }
    this.classes.set(cls, verdict);
    return verdict;
  }

  /**
   * Is the code at `node` in a function a router module exports for other modules (core
   * `servesOtherModules`): a webhook sender for a task runner, a watchdog the server runs on a timer,
   * or a module-private function only such helpers call?
   */
  inRouterModuleHelper(node: ts.Node): boolean {
    this.collectRegistrations();
    let outer: FunctionLikeNode | undefined;
    for (let current: ts.Node | undefined = node.parent; current !== undefined && !ts.isSourceFile(current); current = current.parent as ts.Node | undefined) {
      if (!isFunctionNode(current)) continue;
      // A route handler the helper registers (`registerArchive(app) { app.post('/x', async (req, res) => …) }`) handles a request.
      if (this.handlesRequest(current)) return false;
      outer = current;
    }
    return outer !== undefined && servesOtherModules(outer, (fn) => this.moduleFunctionFacts(fn));
  }

  /** A registered route handler or a function with a handler's signature. */
  private handlesRequest(fn: FunctionLikeNode): boolean {
    return this.handlers?.has(fn) === true || isHttpHandlerSignature(fn.parameters.map(parameterFacts), handlerSite(fn));
  }

  /** What core `servesOtherModules` reads of a named module-level function. */
  private moduleFunctionFacts(fn: FunctionLikeNode): ModuleFunctionFacts<FunctionLikeNode> | undefined {
    if (!isTopLevel(fn)) return undefined;
    const name = ts.isFunctionDeclaration(fn) ? fn.name : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name : undefined;
    if (name === undefined) return undefined;
    this.collectRegistrations();
    const file = fn.getSourceFile();
    const statement = ts.isFunctionDeclaration(fn) ? fn : fn.parent.parent.parent;
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    const references: ts.Identifier[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && node !== name && node.text === name.text && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) references.push(node);
      ts.forEachChild(node, visit);
    };
    visit(file);
    const exported = modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) || references.some((reference) => ts.isExportSpecifier(reference.parent));
    const uses = references.filter((reference) => !ts.isExportSpecifier(reference.parent)).map((reference) => {
      let inRequest = false;
      let caller: FunctionLikeNode | undefined;
      for (let current: ts.Node | undefined = reference.parent; current !== undefined && !ts.isSourceFile(current); current = current.parent as ts.Node | undefined) {
        if (!isFunctionNode(current)) continue;
        if (this.handlesRequest(current)) inRequest = true;
        caller = current;
      }
      return { inRequest, caller };
    });
    const helper = {
      moduleRegistersRoutes: this.registering?.has(file) ?? false,
      topLevel: true,
      routeHandler: this.handlers?.has(fn) ?? false,
      handlerSignature: isHttpHandlerSignature(fn.parameters.map(parameterFacts), handlerSite(fn)),
      parameterNames: fn.parameters.map((parameter) => (ts.isIdentifier(parameter.name) ? parameter.name.text : '')),
    };
    return { helper, exported, uses };
  }

  /** The layer a function has on its own (a route handler, a `@Get()` method, a module-level function handed the DB client). */
  functionVerdict(fn: FunctionLikeNode): LayerVerdict {
    const decorators = ts.isMethodDeclaration(fn) ? decoratorNames(fn) : [];
    const registered = this.registeredHandlers().get(fn);
    const topLevel = isTopLevel(fn);
    const parameterTypes = topLevel ? requiredParameterTypes(fn.parameters.map(parameterFacts)) : [];
    const handsBack = topLevel && isHandedDbClient(parameterTypes) ? handsBackHandle(fn, this.graph.settings) : undefined;
    const layer = layerOfFunction({ routeHandler: registered !== undefined, decorators, topLevel, parameterTypes, ...(handsBack === undefined ? {} : { handsBackHandle: handsBack }) });
    if (layer === undefined) return { layer, evidence: [] };
    if (registered !== undefined) return { layer, evidence: [`registered as a route handler at ${registered}`] };
    const route = decorators.find(isNestRouteDecorator);
    if (route !== undefined) return { layer, evidence: [`route method @${route}()`] };
    return { layer, evidence: [`module-level function handed the DB client (${parameterTypes.join(', ')})`] };
  }

  /** The layer of the code at `node` (itself included when it is a function or class): the innermost classification wins. */
  layerAt(node: ts.Node): ProjectLayer | undefined {
    for (let child: ts.Node | undefined, current: ts.Node | undefined = node; current !== undefined; child = current, current = current.parent as ts.Node | undefined) {
      if ((isFunctionNode(current) && !outsideFunction(current, child)) || ts.isClassLike(current)) return this.scopeLayer(current);
      if (ts.isSourceFile(current)) return this.fileVerdict(current).layer;
    }
    return undefined;
  }

  private scopeLayer(scope: FunctionLikeNode | ts.ClassLikeDeclaration): ProjectLayer | undefined {
    if (this.scopes.has(scope)) return this.scopes.get(scope);
    const own = ts.isClassLike(scope) ? this.classVerdict(scope).layer : this.functionVerdict(scope).layer;
    const layer = innermostLayer<ProjectLayer>([this.layerAt(scope.parent), own]);
    this.scopes.set(scope, layer);
    return layer;
  }
}

/**
 * Is `child` (a direct child of `fn`) outside the function's own code? A method's decorators and its
 * computed name are evaluated where the class is defined, not when the method runs: ESTree puts them
 * on the method definition, around the function, and the two engines must agree.
 */
export function outsideFunction(fn: FunctionLikeNode, child: ts.Node | undefined): boolean {
  return child !== undefined && (ts.isDecorator(child) || child === fn.name);
}

/** Decorator names as called: `@Controller('x')` → `Controller`, `@nest.Get()` → `nest.Get`. */
export function decoratorNames(node: ts.Node): string[] {
  return (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []).map((decorator) => {
    const expression = skipWrappers(decorator.expression);
    return dottedName(ts.isCallExpression(expression) ? expression.expression : expression);
  });
}

function isWholeModuleImport(file: ts.SourceFile, name: string): boolean {
  return file.statements.some((statement) => {
    if (!ts.isImportDeclaration(statement) || statement.importClause === undefined) return false;
    const clause = statement.importClause;
    return clause.name?.text === name || (clause.namedBindings !== undefined && ts.isNamespaceImport(clause.namedBindings) && clause.namedBindings.name.text === name);
  });
}

/** A module of interfaces, type aliases and enums only (its imports and re-exports aside). */
function declaresOnlyTypes(file: ts.SourceFile): boolean {
  let declarations = 0;
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || ts.isEmptyStatement(statement)) continue;
    if (ts.isExportDeclaration(statement) && (statement.isTypeOnly || statement.moduleSpecifier === undefined)) continue;
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) {
      declarations += 1;
      continue;
    }
    return false;
  }
  return declarations > 0;
}

/** `function f() {}` / `const f = () => …` at the module's top level (exported or not). */
function isTopLevel(fn: FunctionLikeNode): boolean {
  if (ts.isFunctionDeclaration(fn)) return ts.isSourceFile(fn.parent);
  const declaration = fn.parent;
  return ts.isVariableDeclaration(declaration) && declaration.initializer === fn && ts.isVariableDeclarationList(declaration.parent) && ts.isVariableStatement(declaration.parent.parent) && ts.isSourceFile(declaration.parent.parent.parent);
}

/** A parameter's name and annotated type name (`res: Response` → `res`, `Response`), and for a `ctx` of another type the members read off it. */
export function parameterFacts(parameter: ts.ParameterDeclaration): HandlerParameterFact {
  const name = ts.isIdentifier(parameter.name) ? parameter.name.text : '';
  const type = parameter.type;
  const optional = parameter.questionToken !== undefined;
  const typed = { name, ...(type === undefined || !ts.isTypeReferenceNode(type) ? {} : { typeName: ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text }), ...(optional ? { optional } : {}) };
  const body = (parameter.parent as ts.SignatureDeclaration & { body?: ts.Node }).body;
  if (!needsContextMembers(typed) || body === undefined) return typed;
  return { ...typed, members: membersReadOff(body, name) };
}

/** Where a function literal is written, as `isHttpHandlerSignature` reads it: the method it is passed to. */
export function handlerSite(fn: ts.Node): HandlerSiteFact {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.some((argument) => argument === fn)) return {};
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) ? { callbackOf: callee.name.text } : {};
}

/** Members read off `name` in `body`: `name.member`, `name?.member`, `const { member } = name`. */
function membersReadOff(body: ts.Node, name: string): string[] {
  const members: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name) members.push(node.name.text);
    if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer !== undefined && ts.isIdentifier(node.initializer) && node.initializer.text === name) {
      for (const element of node.name.elements) {
        if (element.dotDotDotToken !== undefined) continue;
        const key = element.propertyName ?? element.name;
        if (ts.isIdentifier(key)) members.push(key.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return members;
}

/**
 * Core's `FieldResolverFacts` of the method `owner` around a data access `call`, or undefined when
 * `owner` is no class method (the ESLint adapter's twin, `src/eslint/layers.ts`). `declarationOf`
 * resolves an identifier to its declaration, so a parameter read is told from a shadowing name.
 */
export function fieldResolverFacts(owner: ts.Node, call: ts.Node, declarationOf: (identifier: ts.Identifier) => ts.Node | undefined): FieldResolverFacts | undefined {
  if (!ts.isMethodDeclaration(owner) || owner.body === undefined) return undefined;
  const parameters = owner.parameters.flatMap((parameter) => (ts.isIdentifier(parameter.name) ? [parameter.name.text] : []));
  const returned = returnedLoad(owner.body.statements, parameters);
  const returnsOnlyTheCall = returned !== undefined && call.getStart() >= returned.getStart() && call.getEnd() <= returned.getEnd();
  const parametersReadByCall = returned === undefined || !returnsOnlyTheCall
    ? []
    : owner.parameters.flatMap((parameter) => {
        const name = parameter.name;
        if (!ts.isIdentifier(name)) return [];
        const reads = (node: ts.Node): boolean => (ts.isIdentifier(node) && node.text === name.text && declarationOf(node) === parameter) || (ts.forEachChild(node, reads) ?? false);
        return reads(returned) ? [decoratorNames(parameter)] : [];
      });
  return { decorators: decoratorNames(owner), returnsOnlyTheCall, parametersReadByCall };
}

/** The call whose result a method body returns and nothing else (see `fieldResolverFacts`). */
function returnedLoad(statements: readonly ts.Statement[], parameters: readonly string[]): ts.CallExpression | undefined {
  let start = 0;
  while (start < statements.length && (returnsLoadedRelation(statements[start], parameters) || throwsOnGuard(statements[start]))) start += 1;
  const [first, second, ...rest] = statements.slice(start);
  if (rest.length > 0 || first === undefined) return undefined;
  if (second === undefined) return ts.isReturnStatement(first) && first.expression !== undefined ? awaitedCall(first.expression) : undefined;
  if (!ts.isVariableStatement(first) || first.declarationList.declarations.length !== 1 || !ts.isReturnStatement(second) || second.expression === undefined) return undefined;
  const declaration = first.declarationList.declarations[0];
  const returned = skipWrappers(second.expression);
  const result = ts.isIdentifier(returned) ? returned.text : projectedList(returned);
  if (declaration?.initializer === undefined || result === undefined) return undefined;
  const bound = ts.isIdentifier(declaration.name) ? [declaration.name.text]
    : ts.isObjectBindingPattern(declaration.name) ? declaration.name.elements.flatMap((element) => (ts.isIdentifier(element.name) && element.dotDotDotToken === undefined ? [element.name.text] : [])) : [];
  return bound.includes(result) ? awaitedCall(declaration.initializer) : undefined;
}

/** Core's `isWrappedObjectFactory` facts of a function (as `src/eslint/layers.ts`). */
function factoryFacts(fn: FunctionLikeNode): { readonly parameterCount: number; readonly waits: boolean; readonly constructed: readonly string[] | undefined } {
  const returned: ts.Node[] = [];
  const body = fn.body;
  let waits = (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
  if (body !== undefined && !ts.isBlock(body)) returned.push(body);
  if (body !== undefined) {
    const visit = (node: ts.Node): void => {
      if (node !== body && isFunctionNode(node)) return;
      if (ts.isAwaitExpression(node)) waits = true;
      if (ts.isReturnStatement(node) && node.expression !== undefined) returned.push(node.expression);
      ts.forEachChild(node, visit);
    };
    visit(body);
  }
  const constructed = returned.map((value) => {
    const inner = skipWrappers(value);
    return ts.isNewExpression(inner) ? dottedName(inner.expression) : undefined;
  });
  return { parameterCount: fn.parameters.length, waits, constructed: constructed.every((name): name is string => name !== undefined) ? constructed : undefined };
}

/** `FunctionFacts.handsBackHandle`: the whole body returns a chain rooted at a parameter with no query in it (as `src/eslint/layers.ts`). */
function handsBackHandle(fn: FunctionLikeNode, settings: BackendPatternsSettings): boolean {
  const body = fn.body;
  if (body === undefined) return false;
  const only = ts.isBlock(body) && body.statements.length === 1 ? body.statements[0] : undefined;
  const value = !ts.isBlock(body) ? body : only !== undefined && ts.isReturnStatement(only) ? only.expression : undefined;
  if (value === undefined) return false;
  const other = (node: ts.Node): boolean => isFunctionNode(node) || ts.isTaggedTemplateExpression(node) || ts.isAwaitExpression(node) ||
    (ts.isCallExpression(node) && classifyQuery(buildChainInfo(node).fact, { settings }) !== undefined) || (ts.forEachChild(node, other) ?? false);
  if (other(value)) return false;
  let root = skipWrappers(value);
  while (ts.isCallExpression(root) || ts.isPropertyAccessExpression(root)) root = skipWrappers(root.expression);
  return root !== skipWrappers(value) && ts.isIdentifier(root) && fn.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === root.text);
}

/** `if (me.id !== user.id) throw new AccessDenied();`: a guard that refuses (as `src/eslint/layers.ts`). */
function throwsOnGuard(statement: ts.Statement | undefined): boolean {
  if (statement === undefined || !ts.isIfStatement(statement) || statement.elseStatement !== undefined) return false;
  const consequent = ts.isBlock(statement.thenStatement) && statement.thenStatement.statements.length === 1 ? statement.thenStatement.statements[0] : statement.thenStatement;
  return consequent !== undefined && ts.isThrowStatement(consequent);
}

/** `rows.map((row) => row.pageId)`: the loaded rows, each projected to fields it already has (as `src/eslint/layers.ts`). The list's name. */
function projectedList(expression: ts.Node): string | undefined {
  if (!ts.isCallExpression(expression) || !ts.isPropertyAccessExpression(expression.expression) || !ts.isIdentifier(expression.expression.expression) || expression.expression.name.text !== 'map') return undefined;
  const projection = expression.arguments[0];
  if (projection === undefined || !ts.isArrowFunction(projection) || expression.arguments.length !== 1) return undefined;
  const first = projection.parameters[0];
  const row = first !== undefined && ts.isIdentifier(first.name) ? first.name.text : undefined;
  if (row === undefined || ts.isBlock(projection.body)) return undefined;
  return readsRowFields(projection.body, row) ? expression.expression.expression.text : undefined;
}

/** `row`, `row.a.b`, `{ id: row.id, ...row }`: only fields the row already has (as `src/eslint/layers.ts`). */
function readsRowFields(value: ts.Node, row: string): boolean {
  const inner = skipWrappers(value);
  if (ts.isIdentifier(inner)) return inner.text === row;
  if (ts.isPropertyAccessExpression(inner)) return readsRowFields(inner.expression, row);
  if (!ts.isObjectLiteralExpression(inner)) return false;
  return inner.properties.every((property) => ts.isSpreadAssignment(property) ? readsRowFields(property.expression, row)
    : ts.isPropertyAssignment(property) ? !ts.isComputedPropertyName(property.name) && readsRowFields(property.initializer, row)
      : ts.isShorthandPropertyAssignment(property) && property.name.text === row);
}

/** `if (parent.relation) return parent.relation;`: the parent came with the relation loaded. */
function returnsLoadedRelation(statement: ts.Statement | undefined, parameters: readonly string[]): boolean {
  if (statement === undefined || !ts.isIfStatement(statement) || statement.elseStatement !== undefined) return false;
  const consequent = ts.isBlock(statement.thenStatement) && statement.thenStatement.statements.length === 1 ? statement.thenStatement.statements[0] : statement.thenStatement;
  if (consequent === undefined || !ts.isReturnStatement(consequent) || consequent.expression === undefined) return false;
  const value = skipWrappers(consequent.expression);
  if (!ts.isPropertyAccessExpression(value)) return false;
  let root: ts.Node = value;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  return ts.isIdentifier(root) && parameters.includes(root.text);
}

function awaitedCall(expression: ts.Expression): ts.CallExpression | undefined {
  const unwrapped = skipWrappers(expression);
  const inner = ts.isAwaitExpression(unwrapped) ? skipWrappers(unwrapped.expression) : unwrapped;
  return ts.isCallExpression(inner) ? inner : undefined;
}
