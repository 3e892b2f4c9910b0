import path from 'node:path';
import { ts } from 'ts-morph';
import {
  isHealthCheckModule,
  isServerPackage,
  isPageFunctionMethod,
  isShutdownEvent,
  isTerminalProgram,
  isAppFactoryCall,
  namesPort,
  isWorkerPath,
  outsideRequestReason,
  APP_FACTORY_CALLS,
  type EnclosingScopeFact,
  type FileContextFacts,
  type FunctionStartupFacts,
  type ImportedTypeFact,
} from '../core/classify/code-context.js';
import { packageDependenciesOf } from '../core/package-dependencies.js';
import { isPackageScriptModule } from '../core/package-scripts.js';
import { chainNames, constOf, isFunctionNode, skipWrappers, valueFact, type FunctionLikeNode } from './facts.js';
import { decoratorNames, outsideFunction } from './layers.js';
import { relativePath } from './load-project.js';

/**
 * TypeScript AST → where code runs, the audit's twin of `src/eslint/code-context.ts`: the same file
 * facts (a terminal program, a worker path, a package that is no server, a health check) and the
 * same enclosing scopes, judged by core's `outsideRequestReason`. The project checks stay silent
 * where the rules do.
 */
export interface FileContext extends FileContextFacts {
  /** The file imports a health-check library (`@nestjs/terminus`): its DB access is a probe. */
  readonly healthCheck: boolean;
  /** Names the file imports by name (`import { Job } from 'bullmq'`, type-only too) → the module. */
  readonly namedImports: ReadonlyMap<string, string>;
}

const perFile = new WeakMap<ts.SourceFile, FileContext>();

/** The file's context; `root` is the audited directory (paths are judged relative to it). */
export function fileContext(file: ts.SourceFile, root: string): FileContext {
  const known = perFile.get(file);
  if (known !== undefined) return known;
  const importSources = file.statements.flatMap((statement) => (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) ? [statement.moduleSpecifier.text] : []));
  const namedImports = new Map<string, string>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings !== undefined && ts.isNamedImports(bindings)) for (const element of bindings.elements) namedImports.set(element.name.text, statement.moduleSpecifier.text);
  }
  const relative = path.isAbsolute(file.fileName) ? relativePath(root, file.fileName) : file.fileName;
  const dependencies = path.isAbsolute(file.fileName) ? packageDependenciesOf(path.dirname(file.fileName)) : undefined;
  const context: FileContext = {
    terminalProgram: isTerminalProgram({ importSources, readsArgv: file.text.includes('process.argv'), path: relative, packageScript: isPackageScriptModule(file.fileName), text: file.text }),
    workerPath: isWorkerPath(relative),
    serverPackage: dependencies === undefined || isServerPackage(dependencies),
    healthCheck: isHealthCheckModule(importSources),
    namedImports,
  };
  perFile.set(file, context);
  return context;
}

/**
 * Why the code at `node` serves no request, or undefined when it may (see core's
 * `outsideRequestReason`): `terminal program`, `background worker`, `start-up function 'x'`, ….
 * With `innermostFunction`, the functions around the one the code is written in are not read
 * (a callback a set-up function registers runs later, when the caller of that callback runs it).
 */
export function outsideRequestPath(node: ts.Node, root: string, options: { readonly innermostFunction?: boolean } = {}): string | undefined {
  const file = fileContext(node.getSourceFile(), root);
  if (file.terminalProgram || !file.serverPackage || file.workerPath) return outsideRequestReason(file, []);
  const scopes: EnclosingScopeFact[] = [];
  let inFunction = false;
  for (let child = node, current = node.parent as ts.Node | undefined; current !== undefined; child = current, current = current.parent as ts.Node | undefined) {
    // Past the function the code runs in, only the classes around it: what encloses that function says when it is defined, not when it runs.
    if (inFunction && options.innermostFunction === true && !ts.isClassLike(current)) continue;
    if (isFunctionNode(current) && !outsideFunction(current, child)) inFunction = true;
    if (ts.isBlock(current) || ts.isSourceFile(current)) {
      for (const statement of current.statements) {
        if (statement === child) break;
        if (ts.isIfStatement(statement) && statement.elseStatement === undefined && alwaysExits(statement.thenStatement)) scopes.push({ kind: 'guard', exitCondition: statement.expression.getText(), ...valueOf('exitConditionValue', statement.expression) });
      }
    } else if (ts.isIfStatement(current) && current.thenStatement === child && child !== node) scopes.push({ kind: 'branch', condition: current.expression.getText(), ...valueOf('conditionValue', current.expression) });
    else if (ts.isConditionalExpression(current) && current.whenTrue === child) scopes.push({ kind: 'branch', condition: current.condition.getText(), ...valueOf('conditionValue', current.condition) });
    else if (isFunctionNode(current) && !outsideFunction(current, child)) scopes.push({ kind: 'function', name: functionName(current), signalHandler: isSignalHandler(current), pageFunction: isPageFunction(current), decorators: ts.isMethodDeclaration(current) ? decoratorNames(current) : ts.isPropertyDeclaration(current.parent) ? decoratorNames(current.parent) : [], ...functionStartupFacts(current, file.namedImports) });
    else if (ts.isClassLike(current)) scopes.push({ kind: 'class', decorators: decoratorNames(current) });
  }
  return outsideRequestReason(file, scopes);
}

/** `{ [key]: text }` of the value of the `const` a condition that is a lone name reads (`if (IS_DEMO)`), or `{}`. */
function valueOf<K extends string>(key: K, test: ts.Expression): { [P in K]?: string } {
  const inner = skipWrappers(test);
  const value = ts.isIdentifier(inner) ? constOf(inner) : undefined;
  return value === undefined ? {} : ({ [key]: value.init.getText() } as { [P in K]?: string });
}

function functionName(fn: FunctionLikeNode): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name !== undefined) return fn.name.text;
  if ((ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) && ts.isIdentifier(fn.name)) return fn.name.text;
  if (ts.isConstructorDeclaration(fn)) return 'constructor';
  const parent = fn.parent;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isVariableDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

/** `process.on('SIGTERM', …)`, `process.once('exit', …)`: the callback runs at shutdown. */
function isSignalHandler(fn: FunctionLikeNode): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'process') return false;
  const event = call.arguments[0];
  return event !== undefined && ts.isStringLiteral(event) && isShutdownEvent(event.text);
}

/** A function passed to a headless browser's page method (core `isPageFunctionMethod`): `page.evaluate(() => document.title)`. */
function isPageFunction(fn: FunctionLikeNode): boolean {
  const call = fn.parent;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(call) && call.arguments.includes(fn) && ts.isPropertyAccessExpression(call.expression) && isPageFunctionMethod(call.expression.name.text);
}

/** `return …`, `throw …`, or a block that ends in one. */
function alwaysExits(statement: ts.Statement): boolean {
  const last = ts.isBlock(statement) ? statement.statements.at(-1) : statement;
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

/** The types a function's parameters are annotated with, imported by name (`job: Job<Data>` → `Job` from `bullmq`). */
function parameterTypes(fn: FunctionLikeNode, namedImports: ReadonlyMap<string, string>): ImportedTypeFact[] {
  return fn.parameters.flatMap((param) => {
    const type = param.type;
    if (type === undefined || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return [];
    const name = type.typeName.text;
    const source = namedImports.get(name);
    return source === undefined ? [] : [{ name, source }];
  });
}

const buildsApplicationCache = new WeakMap<ts.Node, boolean>();

/** Its body, outside the functions it defines, calls an application factory (`NestFactory.create(AppModule)`). */
function buildsApplication(fn: FunctionLikeNode): boolean {
  const body = fn.body;
  // Most files never name a factory: the text answers before any walk.
  if (body === undefined || !APP_FACTORY_CALLS.some(([object]) => fn.getSourceFile().text.includes(object))) return false;
  const known = buildsApplicationCache.get(fn);
  if (known !== undefined) return known;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || isFunctionNode(node)) return;
    if (ts.isCallExpression(node) && isAppFactoryCall(chainNames(node.expression))) found = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  buildsApplicationCache.set(fn, found);
  return found;
}

/** What core's `startupFunctionReason` reads of a function: its name, its parameters' imported types, whether it builds the application. */
function functionStartupFacts(fn: FunctionLikeNode, namedImports: ReadonlyMap<string, string>): FunctionStartupFacts {
  return { name: functionName(fn), parameterTypes: parameterTypes(fn, namedImports), buildsApplication: buildsApplication(fn), registeredAs: registrationOf(fn) };
}

/** `fastify.addHook('onRoute', fn)`: the method and first string argument of the call `fn` is handed to; `app.listen(port, fn)`: `listen` and no event. */
function registrationOf(fn: FunctionLikeNode): FunctionStartupFacts['registeredAs'] {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return undefined;
  const names = chainNames(call.expression);
  const method = names[names.length - 1] ?? '';
  const event = call.arguments[0];
  if (event !== undefined && ts.isStringLiteralLike(event)) return { method, event: event.text };
  // `app.listen(port, () => …)`: the last argument of a listen given a port (core `isApplicationHook`).
  return method === 'listen' && call.arguments[call.arguments.length - 1] === fn && event !== undefined && namesPort(valueFact(event)) ? { method, event: '' } : undefined;
}

