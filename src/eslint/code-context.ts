import { AST_NODE_TYPES, AST_TOKEN_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  BROWSER_ONLY_GLOBALS,
  isBrowserHalfOfSplit,
  isBrowserModule,
  isHealthCheckModule,
  isServerPackage,
  isPageFunctionMethod,
  isShutdownEvent,
  isTerminalProgram,
  isAppFactoryCall,
  isApplicationHook,
  namesPort,
  isWorkerPath,
  outsideRequestReason,
  enclosingScopesReason,
  startupFunctionReason,
  APP_FACTORY_CALLS,
  type EnclosingScopeFact,
  type FileContextFacts,
  type FunctionStartupFacts,
  type ImportedTypeFact,
} from '../core/classify/code-context.js';
import { packageDependenciesOf } from '../core/package-dependencies.js';
import { isPackageScriptModule } from '../core/package-scripts.js';
import { alwaysExits, containsOutsideFunctions, isFunction, oncePerFile, type FunctionNode } from './ast.js';
import { chainNames, constOf, propertyName, skipWrappers, valueFact } from './facts.js';
import { functionName } from './functions.js';
import { decoratorNames } from './layers.js';

/**
 * ESTree → where code runs (see `core/classify/code-context.ts`): per file (a terminal program, a
 * worker, a package that is no server) and per node (module top level, a start-up function, a
 * signal handler, a dev-only branch). Rules whose premise is a request being served ask
 * `outsideRequestPath(context, node)` and stay silent when it names a reason.
 */

interface FileContext extends FileContextFacts {
  /** The file imports a health-check library (`@nestjs/terminus`): its DB access is a probe. */
  readonly healthCheck: boolean;
  /** Names the file imports by name (`import { Job } from 'bullmq'`, type-only too) → the module. */
  readonly namedImports: ReadonlyMap<string, string>;
}

const perProgram = new WeakMap<TSESTree.Program, FileContext>();
const importsPerProgram = new WeakMap<TSESTree.Program, ReadonlyMap<string, string>>();

/** Names the file imports by name (`import { Job } from 'bullmq'`, type-only too) → the module. */
function namedImportsOf(program: TSESTree.Program): ReadonlyMap<string, string> {
  return oncePerFile(importsPerProgram, program, () => {
    const namedImports = new Map<string, string>();
    for (const statement of program.body) {
      if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
      for (const specifier of statement.specifiers) if (specifier.type === AST_NODE_TYPES.ImportSpecifier) namedImports.set(specifier.local.name, statement.source.value);
    }
    return namedImports;
  });
}

function buildFileContext(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileContext {
  const { sourceCode, filename } = context;
  const importSources = sourceCode.ast.body.flatMap((statement) => (statement.type === AST_NODE_TYPES.ImportDeclaration ? [statement.source.value] : []));
  const relative = (): string => (path.isAbsolute(filename) ? path.relative(context.cwd, filename) : filename);
  // Each fact is worked out when a rule first reads it (the package's manifest and scripts, the
  // path's words): most files are asked only whether they are a health check.
  let terminalProgram: boolean | undefined;
  let workerPath: boolean | undefined;
  let serverPackage: boolean | undefined;
  let healthCheck: boolean | undefined;
  return {
    get terminalProgram(): boolean {
      terminalProgram ??= isTerminalProgram({ importSources, readsArgv: sourceCode.text.includes('process.argv'), path: relative(), packageScript: isPackageScriptModule(filename), text: sourceCode.text });
      return terminalProgram;
    },
    get workerPath(): boolean {
      workerPath ??= isWorkerPath(relative());
      return workerPath;
    },
    get serverPackage(): boolean {
      if (serverPackage === undefined) {
        const dependencies = path.isAbsolute(filename) ? packageDependenciesOf(path.dirname(filename)) : undefined;
        serverPackage = dependencies === undefined || isServerPackage(dependencies);
      }
      return serverPackage;
    },
    get healthCheck(): boolean {
      healthCheck ??= isHealthCheckModule(importSources);
      return healthCheck;
    },
    get namedImports(): ReadonlyMap<string, string> {
      return namedImportsOf(sourceCode.ast);
    },
  };
}

export function fileContext(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileContext {
  return oncePerFile(perProgram, context.sourceCode.ast, () => buildFileContext(context));
}

/** A function passed to a headless browser's page method (core `isPageFunctionMethod`): `page.evaluate(() => document.title)`. */
function isPageFunction(fn: TSESTree.Node): boolean {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return false;
  const call = fn.parent;
  return call.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(fn) && call.callee.type === AST_NODE_TYPES.MemberExpression && isPageFunctionMethod(propertyName(call.callee));
}

function inPageFunction(node: TSESTree.Node): boolean {
  // The Program's parent is `null` at run time, whatever the types say.
  for (let current: TSESTree.Node | undefined = node.parent; current != null; current = current.parent) if (isPageFunction(current)) return true;
  return false;
}

const browserPerProgram = new WeakMap<TSESTree.Program, boolean>();

/**
 * Is the linted file browser code? It starts with `'use client'` or imports a client-only React hook
 * (core `isBrowserModule`), or it is the `client` half of a client/server pair that reads a setting
 * bundlers ship to the browser (core `isBrowserHalfOfSplit`). Such code serves no request: its
 * `console` is the browser's, its fetches are the user's, its fallbacks are the page's.
 */
export function isBrowserFile(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  const { sourceCode } = context;
  return oncePerFile(browserPerProgram, sourceCode.ast, () => {
    const directives: string[] = [];
    const reactImports: string[] = [];
    const hookImports: { source: string; name: string }[] = [];
    const exportedNames: string[] = [];
    for (const statement of sourceCode.ast.body) {
      if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined) directives.push(statement.directive);
      if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) exportedNames.push(...exportedNamesOf(statement));
      if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
      const source = statement.source.value;
      for (const specifier of statement.specifiers) {
        // A default import is known by its local name (`import useSWR from 'swr'`).
        const name = specifier.type === AST_NODE_TYPES.ImportSpecifier ? (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : '') : specifier.local.name;
        if (source === 'react' && specifier.type === AST_NODE_TYPES.ImportSpecifier) reactImports.push(name);
        else if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier || (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind !== 'type')) hookImports.push({ source, name });
      }
    }
    // Reads of browser-only globals the file does not declare: unresolved, or resolved to a library's
    // implicit global (typed linting with `lib: ["dom"]` declares `window`, and a server's tsconfig may list it).
    const globalScope = sourceCode.scopeManager?.globalScope;
    const browserNames = new Set<string>(BROWSER_ONLY_GLOBALS);
    const implicitReads = [...browserNames].flatMap((name) => {
      const variable = globalScope?.set.get(name);
      return variable !== undefined && variable.defs.length === 0 ? variable.references : [];
    });
    const freeGlobals: string[] = [];
    const typeofGlobals: string[] = [];
    for (const reference of [...(globalScope?.through ?? []).filter((through) => browserNames.has(through.identifier.name)), ...implicitReads]) {
      const { parent } = reference.identifier;
      // `let w: typeof window` is a type, not a read.
      if (parent.type === AST_NODE_TYPES.TSTypeQuery) continue;
      if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'typeof') typeofGlobals.push(reference.identifier.name);
      // A function a headless browser runs in its page (`page.evaluate(() => document.title)`) is the page's, not the module's.
      else if (!inPageFunction(reference.identifier)) freeGlobals.push(reference.identifier.name);
    }
    if (isBrowserModule({ directives, reactImports, hookImports, exportedNames, freeGlobals, typeofGlobals })) return true;
    // The neighbours are read only for a file named `client`.
    if (!/^client\.[cm]?[jt]sx?$/.test(path.basename(context.filename)) || !path.isAbsolute(context.filename)) return false;
    let siblings: string[];
    try {
      siblings = readdirSync(path.dirname(context.filename));
    } catch {
      return false;
    }
    // The identifiers the code names (comments and strings left out).
    const names = sourceCode.ast.tokens.filter((token) => token.type === AST_TOKEN_TYPES.Identifier).map((token) => token.value);
    return isBrowserHalfOfSplit(path.relative(context.cwd, context.filename), siblings, names);
  });
}

/** The names an `export` statement gives: `export async function loader`, `export const action = …`, `export { GET }`. */
function exportedNamesOf(statement: TSESTree.ExportNamedDeclaration): string[] {
  const declaration = statement.declaration;
  if (declaration === null) return statement.specifiers.map((specifier) => (specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value));
  if (declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.ClassDeclaration) return declaration.id === null ? [] : [declaration.id.name];
  if (declaration.type === AST_NODE_TYPES.VariableDeclaration) return declaration.declarations.flatMap((declarator) => (declarator.id.type === AST_NODE_TYPES.Identifier ? [declarator.id.name] : []));
  return [];
}

/** The name a function is known by (`src/eslint/functions.ts`), here for the rules that ask where code runs. */
export { functionName };

/** `process.on('SIGTERM', …)`, `process.once('exit', …)`: the callback runs at shutdown. */
function isSignalHandler(fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'process') return false;
  const event = call.arguments[0];
  return event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' && isShutdownEvent(event.value);
}

/**
 * Why the code at `node` serves no request, or undefined when it may: `terminal program`,
 * `not a server package`, `background worker`, `browser code`, `module top level`,
 * `start-up function 'x'`, `signal handler`, `development-only branch`.
 */
export function outsideRequestPath(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, node: TSESTree.Node): string | undefined {
  const file = fileContext(context);
  if (file.terminalProgram || !file.serverPackage || file.workerPath) return outsideRequestReason(file, []);
  if (isBrowserFile(context)) return 'browser code';
  const { sourceCode } = context;
  const scopes: EnclosingScopeFact[] = [];
  for (let child: TSESTree.Node = node, current: TSESTree.Node | undefined = node.parent; current != null; child = current, current = current.parent) {
    // From the innermost function up, the scopes are the same for all the code inside it: judged once per function.
    if (isFunction(current)) return enclosingScopesReason(scopes) ?? functionReason(current, file, sourceCode);
    addScopes(scopes, current, child, node, false, sourceCode);
  }
  return outsideRequestReason(file, scopes);
}

const functionReasons = new WeakMap<TSESTree.Program, Map<FunctionNode, string | undefined>>();
const innerFunctionReasons = new WeakMap<TSESTree.Program, Map<FunctionNode, string | undefined>>();

/**
 * `enclosingScopesReason` of the scopes from `fn` (itself included) up to the file, for the code
 * inside `fn` (`inner`: for the code of a function defined in `fn`, which does not inherit an
 * application hook's start-up, core `isApplicationHook`); remembered per function.
 */
function functionReason(fn: FunctionNode, file: FileContext, sourceCode: Readonly<TSESLint.SourceCode>, inner = false): string | undefined {
  const known = oncePerFile(inner ? innerFunctionReasons : functionReasons, sourceCode.ast, () => new Map<FunctionNode, string | undefined>());
  if (known.has(fn)) return known.get(fn);
  const own = functionScope(fn, file, sourceCode);
  const scopes: EnclosingScopeFact[] = [inner && own.kind === 'function' && isApplicationHook(own) ? { ...own, registeredAs: undefined } : own];
  let reason: string | undefined;
  let reachedFunction = false;
  for (let child: TSESTree.Node = fn, current: TSESTree.Node | undefined = fn.parent; current != null; child = current, current = current.parent) {
    if (isFunction(current)) {
      reason = enclosingScopesReason(scopes) ?? functionReason(current, file, sourceCode, true);
      reachedFunction = true;
      break;
    }
    addScopes(scopes, current, child, fn, true, sourceCode);
  }
  if (!reachedFunction) reason = enclosingScopesReason(scopes);
  known.set(fn, reason);
  return reason;
}

function functionScope(fn: FunctionNode, file: FileContext, sourceCode: Readonly<TSESLint.SourceCode>): EnclosingScopeFact {
  // A method's decorators, or those of the property a function is the value of (`@Saga() placed = (events$) => …`).
  const member = fn.parent.type === AST_NODE_TYPES.MethodDefinition || fn.parent.type === AST_NODE_TYPES.PropertyDefinition ? fn.parent : undefined;
  return { kind: 'function', ...functionStartupFacts(fn, sourceCode, file.namedImports), signalHandler: isSignalHandler(fn), decorators: decoratorNames(member?.decorators), pageFunction: isPageFunction(fn) };
}

/**
 * Adds the scopes `current` (an ancestor of `node`, entered from its child `child`) puts the code
 * at `node` in: the guards before it, a branch it is in, a class (functions are judged by `functionReason`). `strictlyInside`: the code is
 * inside `node` rather than `node` itself (the scopes above a function are read once for its body).
 */
function addScopes(
  scopes: EnclosingScopeFact[],
  current: TSESTree.Node,
  child: TSESTree.Node,
  node: TSESTree.Node,
  strictlyInside: boolean,
  sourceCode: Readonly<TSESLint.SourceCode>,
): void {
  switch (current.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program:
      for (const statement of current.body) {
        if (statement === child) break;
        if (statement.type === AST_NODE_TYPES.IfStatement && statement.alternate === null && alwaysExits(statement.consequent)) scopes.push({ kind: 'guard', exitCondition: sourceCode.getText(statement.test), ...valueOf('exitConditionValue', statement.test, sourceCode) });
      }
      break;
    case AST_NODE_TYPES.IfStatement:
      if ((strictlyInside || current.consequent !== node) && isWithin(node, current.consequent)) scopes.push({ kind: 'branch', condition: sourceCode.getText(current.test), ...valueOf('conditionValue', current.test, sourceCode) });
      break;
    case AST_NODE_TYPES.ConditionalExpression:
      // `isDev ? db.query() : x`: the call that is the whole branch runs under the condition too.
      if (isWithin(node, current.consequent)) scopes.push({ kind: 'branch', condition: sourceCode.getText(current.test), ...valueOf('conditionValue', current.test, sourceCode) });
      break;
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.ClassExpression:
      scopes.push({ kind: 'class', decorators: decoratorNames(current.decorators) });
      break;
    default:
      break;
  }
}

/** `{ [key]: text }` of the value of the `const` a condition that is a lone name reads (`if (IS_DEMO)`), or `{}`. */
function valueOf<K extends string>(key: K, test: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): { [P in K]?: string } {
  const inner = skipWrappers(test);
  const value = inner.type === AST_NODE_TYPES.Identifier ? constOf(inner, sourceCode) : undefined;
  return value === undefined ? {} : ({ [key]: sourceCode.getText(value.init) } as { [P in K]?: string });
}

function isWithin(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current != null; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** The types a function's parameters are annotated with, imported by name (`job: Job<Data>` → `Job` from `bullmq`). */
function parameterTypes(fn: FunctionNode, namedImports: ReadonlyMap<string, string>): ImportedTypeFact[] {
  return fn.params.flatMap((param) => {
    const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    // `job: Job = fallback` carries its type on the left; `{ data }: Job` on the pattern.
    const annotated = target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target;
    const annotation = annotated.type === AST_NODE_TYPES.Identifier || annotated.type === AST_NODE_TYPES.ObjectPattern || annotated.type === AST_NODE_TYPES.ArrayPattern ? annotated.typeAnnotation?.typeAnnotation : undefined;
    if (annotation?.type !== AST_NODE_TYPES.TSTypeReference || annotation.typeName.type !== AST_NODE_TYPES.Identifier) return [];
    const name = annotation.typeName.name;
    const source = namedImports.get(name);
    return source === undefined ? [] : [{ name, source }];
  });
}

const buildsApplicationCache = new WeakMap<TSESTree.Node, boolean>();

/** Its body, outside the functions it defines, calls an application factory (`NestFactory.create(AppModule)`). */
function buildsApplication(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // Most files never name a factory: the text answers before any walk.
  if (!APP_FACTORY_CALLS.some(([object]) => sourceCode.text.includes(object))) return false;
  const known = buildsApplicationCache.get(fn);
  if (known !== undefined) return known;
  const found = containsOutsideFunctions(fn.body, (node) => node.type === AST_NODE_TYPES.CallExpression && isAppFactoryCall(chainNames(node.callee)));
  buildsApplicationCache.set(fn, found);
  return found;
}

/** What core's `startupFunctionReason` reads of a function: its name, its parameters' imported types, whether it builds the application. */
function functionStartupFacts(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, namedImports: ReadonlyMap<string, string>): FunctionStartupFacts {
  return { name: functionName(fn), parameterTypes: parameterTypes(fn, namedImports), buildsApplication: buildsApplication(fn, sourceCode), registeredAs: registrationOf(fn, sourceCode) };
}

/** `fastify.addHook('onRoute', fn)`: the method and first string argument of the call `fn` is handed to; `app.listen(port, fn)`: `listen` and no event. */
function registrationOf(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): FunctionStartupFacts['registeredAs'] {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
  const names = chainNames(call.callee);
  const method = names[names.length - 1] ?? '';
  const event = call.arguments[0];
  if (event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string') return { method, event: event.value };
  // `app.listen(port, () => …)`: the last argument of a listen given a port (core `isApplicationHook`).
  return method === 'listen' && call.arguments.at(-1) === fn && event !== undefined && namesPort(valueFact(event, { sourceCode })) ? { method, event: '' } : undefined;
}

/**
 * Why a function runs once at start-up (core's `startupFunctionReason`: its name, a framework
 * start-up hook's parameter, a body that builds the application), or undefined.
 */
export function startupFunctionOf(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  return startupFunctionReason(functionStartupFacts(fn, sourceCode, namedImportsOf(sourceCode.ast)));
}
