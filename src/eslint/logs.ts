import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { packageManifestAt, type PackageManifest } from '../core/package-dependencies.js';
import path from 'node:path';
import type ts from 'typescript';
import { NEST_ENTRY_FILES } from '../core/catalogs/loggers.js';
import { isDevOnlyCondition } from '../core/classify/code-context.js';
import { classifyLogCall, fastifyLoggerSilenced, hasLoggerDependency, installedLoggerModule, isVerbositySwitch, listsNestJs, mayBeLogCall, nestLoggerIsStructured, nestLoggerPrintsText, parseRedactPath } from '../core/classify/log.js';
import { packageNameOf } from '../core/classify/names.js';
import type { PiiStep } from '../core/classify/pii.js';
import type { BackendPatternsSettings } from '../core/settings.js';
import { isFunction } from './ast.js';
import { isFixedLiteral, isParameterGivenOnlyLiterals } from './functions.js';
import { buildChain, chainNames, importSourceOf, propertyName, skipWrappers } from './facts.js';
import { resolverFor, type TypedContext } from './typed.js';
import { tsApi } from './typescript.js';

/** The facts' width bound (see `valueFact`): steps index into the first items only. */
const MAX_ITEMS = 64;

function enter(node: TSESTree.Node): TSESTree.Node {
  let current = skipWrappers(node);
  while (current.type === AST_NODE_TYPES.AwaitExpression) current = skipWrappers(current.argument);
  return current;
}

function unspread(node: TSESTree.Node): TSESTree.Node {
  return node.type === AST_NODE_TYPES.SpreadElement ? node.argument : node;
}

function child(node: TSESTree.Node, next: PiiStep): { node: TSESTree.Node; property?: TSESTree.Property | TSESTree.SpreadElement } | undefined {
  switch (next.kind) {
    case 'property':
    case 'spread': {
      if (node.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const items = node.properties.slice(0, MAX_ITEMS);
      if (next.kind === 'property') {
        const property = items.filter((item) => item.type === AST_NODE_TYPES.Property)[next.index];
        return property === undefined ? undefined : { node: property.value, property };
      }
      const spread = items.filter((item) => item.type === AST_NODE_TYPES.SpreadElement)[next.index];
      return spread === undefined ? undefined : { node: spread.argument, property: spread };
    }
    case 'element': {
      if (node.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
      const element = node.elements.slice(0, MAX_ITEMS).filter((item) => item !== null)[next.index];
      return element === undefined ? undefined : { node: unspread(element) };
    }
    case 'expression': {
      const template = node.type === AST_NODE_TYPES.TaggedTemplateExpression ? node.quasi : node;
      const expression = template.type === AST_NODE_TYPES.TemplateLiteral ? template.expressions[next.index] : undefined;
      return expression === undefined ? undefined : { node: expression };
    }
    case 'left':
    case 'right':
      if (node.type !== AST_NODE_TYPES.BinaryExpression && node.type !== AST_NODE_TYPES.LogicalExpression) return undefined;
      return { node: next.kind === 'left' ? node.left : node.right };
    case 'argument': {
      if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return undefined;
      const argument = node.arguments[next.index];
      return argument === undefined ? undefined : { node: unspread(argument) };
    }
    case 'receiver': {
      if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const callee = skipWrappers(node.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression ? { node: callee.object } : undefined;
    }
  }
}

/**
 * The node a PII hit's steps lead to from the walked value, and the object property (or spread)
 * that holds it when the hit is that property's whole value.
 */
export function nodeAtSteps(value: TSESTree.Node, steps: readonly PiiStep[]): { node: TSESTree.Node; property?: TSESTree.Property | TSESTree.SpreadElement } {
  let node = value;
  let property: TSESTree.Property | TSESTree.SpreadElement | undefined;
  for (const next of steps) {
    const found = child(enter(node), next);
    if (found === undefined) break;
    node = found.node;
    property = found.property;
  }
  return property === undefined ? { node } : { node, property };
}

/** Packages whose factory takes pino's options (`redact` among them). */
const PINO_FACTORIES: Readonly<Record<string, string>> = { pino: 'pino', pinoHttp: 'pino-http' };

function stringItems(node: TSESTree.Node | undefined): string[] {
  const array = node === undefined ? undefined : skipWrappers(node);
  if (array?.type !== AST_NODE_TYPES.ArrayExpression) return [];
  return array.elements.flatMap((element) => (element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' ? [element.value] : []));
}

function optionValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const name = property.key.type === AST_NODE_TYPES.Identifier && !property.computed ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
    if (name === key) return property.value;
  }
  return undefined;
}

/**
 * The `redact` paths of a pino logger created by this call (`pino({ redact: ['a.b'] })`,
 * `pino({ redact: { paths: [...] } })`, `pinoHttp({ redact })`), parsed; empty for other calls.
 * Only literal paths written in the call count.
 */
export function pinoRedactPaths(node: TSESTree.CallExpression, names: readonly string[], sourceCode: Readonly<TSESLint.SourceCode>): string[][] {
  const options = node.arguments[0] === undefined ? undefined : skipWrappers(node.arguments[0]);
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const callee = skipWrappers(node.callee);
  const root = callee.type === AST_NODE_TYPES.Identifier ? callee : callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier ? callee.object : undefined;
  if (root === undefined || (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) !== 'default')) return [];
  const imported = packageNameOf(importSourceOf(root, sourceCode));
  const isPino = imported === undefined ? Object.hasOwn(PINO_FACTORIES, names[0] ?? '') : Object.values(PINO_FACTORIES).includes(imported);
  if (!isPino) return [];
  const redact = optionValue(options, 'redact');
  const list = redact === undefined ? [] : skipWrappers(redact).type === AST_NODE_TYPES.ObjectExpression ? stringItems(optionValue(skipWrappers(redact) as TSESTree.ObjectExpression, 'paths')) : stringItems(redact);
  return list.flatMap((path) => {
    const keys = parseRedactPath(path);
    return keys === undefined ? [] : [keys];
  });
}

/**
 * A value that is one of a few constants whatever the condition (`password ? '******' : undefined`,
 * `isSet && '[set]'`): a mask, not the value it tests.
 */
export function isConstantChoice(node: TSESTree.Node): boolean {
  const expression = enter(node);
  switch (expression.type) {
    case AST_NODE_TYPES.ConditionalExpression:
      return isConstant(expression.consequent) && isConstant(expression.alternate);
    case AST_NODE_TYPES.LogicalExpression:
      // `a && 'x'` is `'x'` or a falsy `a` (empty, zero, null); `a || 'x'` and `a ?? 'x'` may be `a` itself.
      return expression.operator === '&&' ? isConstant(expression.right) : isConstant(expression.left) && isConstant(expression.right);
    default:
      return false;
  }
}

function isConstant(node: TSESTree.Node): boolean {
  const expression = enter(node);
  if (expression.type === AST_NODE_TYPES.Literal) return !('regex' in expression);
  if (expression.type === AST_NODE_TYPES.TemplateLiteral) return expression.expressions.length === 0;
  if (expression.type === AST_NODE_TYPES.Identifier) return expression.name === 'undefined';
  if (expression.type === AST_NODE_TYPES.UnaryExpression) return expression.operator === 'void' || (expression.operator === '-' && isConstant(expression.argument));
  return isConstantChoice(expression);
}

const SCALAR_KEYWORDS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.TSStringKeyword,
  AST_NODE_TYPES.TSNumberKeyword,
  AST_NODE_TYPES.TSBooleanKeyword,
  AST_NODE_TYPES.TSBigIntKeyword,
  AST_NODE_TYPES.TSLiteralType,
  AST_NODE_TYPES.TSNullKeyword,
  AST_NODE_TYPES.TSUndefinedKeyword,
  AST_NODE_TYPES.TSTemplateLiteralType,
]);

/** `string`, `number`, `'a' | 'b'`, `string[]`, `readonly string[]`, `Array<number>`, `string | undefined`. */
function isScalarAnnotation(type: TSESTree.TypeNode): boolean {
  if (SCALAR_KEYWORDS.has(type.type)) return true;
  switch (type.type) {
    case AST_NODE_TYPES.TSUnionType:
      return type.types.every((member) => isScalarAnnotation(member)) && type.types.some((member) => member.type !== AST_NODE_TYPES.TSNullKeyword && member.type !== AST_NODE_TYPES.TSUndefinedKeyword);
    case AST_NODE_TYPES.TSArrayType:
      return isScalarAnnotation(type.elementType);
    case AST_NODE_TYPES.TSTypeOperator:
      return type.operator === 'readonly' && type.typeAnnotation !== undefined && isScalarAnnotation(type.typeAnnotation);
    case AST_NODE_TYPES.TSTypeReference: {
      const name = type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName.name : '';
      const [element] = type.typeArguments?.params ?? [];
      return (name === 'Array' || name === 'ReadonlyArray') && element !== undefined && isScalarAnnotation(element);
    }
    default:
      return false;
  }
}

/** The type annotation of the variable or parameter an identifier is bound to in its file. */
function declaredAnnotation(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.TypeNode | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
  const definition = variable?.defs[0];
  if (definition === undefined) return undefined;
  const name = definition.name;
  if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (definition.type === TSESLint.Scope.DefinitionType.Variable || definition.type === TSESLint.Scope.DefinitionType.Parameter) return name.typeAnnotation?.typeAnnotation;
  return undefined;
}

/**
 * A value that holds a string, number or boolean (or a list of them), never an object: an identifier
 * whose variable or parameter is annotated so in the file (`account: string`, `ids: string[]`); typed,
 * any expression whose type is one. Such a value named like a carrier (`account`, `user`) is an id or
 * a label, not an object of personal data.
 */
export function holdsScalar(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, typed: TypedContext | undefined): boolean {
  const expression = enter(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const annotation = declaredAnnotation(expression, sourceCode);
    if (annotation !== undefined && isScalarAnnotation(annotation)) return true;
  }
  if (typed === undefined || (expression.type !== AST_NODE_TYPES.Identifier && expression.type !== AST_NODE_TYPES.MemberExpression)) return false;
  return isScalarType(typed.typeOf(expression), typed);
}

function isScalarType(type: ts.Type, typed: TypedContext): boolean {
  const flags = tsApi().TypeFlags;
  const scalar = flags.StringLike | flags.NumberLike | flags.BooleanLike | flags.BigIntLike | flags.EnumLike;
  const empty = flags.Null | flags.Undefined | flags.Void;
  if (type.isUnion()) return type.types.every((part) => (part.flags & empty) !== 0 || isScalarType(part, typed)) && type.types.some((part) => (part.flags & empty) === 0);
  if ((type.flags & scalar) !== 0) return true;
  if (typed.checker.isArrayType(type)) {
    const [element] = typed.checker.getTypeArguments(type as ts.TypeReference);
    return element !== undefined && isScalarType(element, typed);
  }
  return false;
}

/** A parameter type that cannot carry a context object: text, numbers, flags, an `Error`, or lists of them. */
function holdsNoFields(type: ts.Type, typed: TypedContext): boolean {
  if (type.isUnion()) return type.types.every((part) => holdsNoFields(part, typed));
  const flags = tsApi().TypeFlags;
  if ((type.flags & (flags.Null | flags.Undefined | flags.Void)) !== 0) return true;
  return isScalarType(type, typed) || typed.classChain(type).includes('Error');
}

/**
 * Typed: `true` when an overload of the called method declares a parameter of an object type (not
 * `any`, `unknown`, a string or an Error): a logger whose API takes fields (`info(fields: object, msg?: string)`,
 * `warn(message: string, meta?: Record<string, unknown>)`).
 */
export function declaresFieldsParameter(callee: TSESTree.Node, typed: TypedContext): boolean {
  const type = typed.typeOf(callee);
  const tsNode = typed.services.esTreeNodeToTSNodeMap.get(callee);
  const flags = tsApi().TypeFlags;
  const isObjectParameter = (parameterType: ts.Type): boolean => {
    if (parameterType.isUnion()) return parameterType.types.some(isObjectParameter);
    if ((parameterType.flags & (flags.Any | flags.Unknown)) !== 0) return false;
    return (parameterType.flags & flags.Object) !== 0 && !holdsNoFields(parameterType, typed) && parameterType.getCallSignatures().length === 0;
  };
  return type.getCallSignatures().some((signature) => signature.parameters.some((parameter) => isObjectParameter(typed.checker.getTypeOfSymbolAtLocation(parameter, tsNode))));
}

/**
 * Typed: `true` when no overload of the called method has a parameter that could take a context
 * object (Vendure's `Logger.info(message: string, context?: string)`, a project logger's
 * `warn(message: string)`), so the message is the only place for values. False when a parameter is
 * `any`, `unknown`, `object` or an object type (pino, winston, NestJS, log4js), or the callee's type
 * is unknown.
 */
export function isStringOnlyMethod(callee: TSESTree.Node, typed: TypedContext): boolean {
  const type = typed.typeOf(callee);
  const signatures = type.getCallSignatures();
  if (signatures.length === 0) return false;
  const tsNode = typed.services.esTreeNodeToTSNodeMap.get(callee);
  return signatures.every((signature) =>
    signature.parameters.length > 0 && signature.parameters.every((parameter) => holdsNoFields(typed.checker.getTypeOfSymbolAtLocation(parameter, tsNode), typed)),
  );
}

/**
 * `true` inside the taken branch of a development-only condition (`if (process.env.NODE_ENV ===
 * 'development')`, `isDev ? … : …`), judged by core's `isDevOnlyCondition`. `outsideRequestPath`
 * names the file-level reason first (a worker, a package without a server framework), so the
 * logging rules, which stay in scope there, ask this as well.
 */
export function inDevelopmentOnlyBranch(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return inBranchTakenWhen(node, sourceCode, isDevOnlyCondition);
}

/** `true` inside the taken branch of an `if` or a `?:` whose condition, as written, satisfies `holds`. */
function inBranchTakenWhen(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, holds: (condition: string) => boolean): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current != null; child = current, current = current.parent) {
    if ((current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && child === current.consequent && holds(sourceCode.getText(current.test))) return true;
  }
  return false;
}

/** What `insideLogCall` needs to recognise a log call. */
export interface LogCallContext {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly settings: BackendPatternsSettings;
  readonly typed: TypedContext | undefined;
}

/**
 * `true` when `node` lies inside the arguments of a log call within its statement, directly or
 * through calls that format it (`logger.error(inspect(err))`): the value goes to the log, not on.
 */
export function insideLogCall(node: TSESTree.Node, ctx: LogCallContext): boolean {
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression && current.arguments.some((arg) => arg.range[0] <= node.range[0] && node.range[1] <= arg.range[1])) {
      const names = chainNames(current.callee);
      if (mayBeLogCall(names)) {
        const info = buildChain(current, { sourceCode: ctx.sourceCode });
        if (classifyLogCall(info.fact, ctx.settings, resolverFor(ctx.typed, info.nodes)) !== undefined) return true;
      }
    }
    if (current.type.endsWith('Statement') || isFunction(current)) return false;
  }
  return false;
}

/**
 * `true` inside the taken branch of a switch for extra diagnostic output (`if (X.ENABLE_LOGGING)`,
 * `if (options.verbose)`, `if (env('NEXT_DEBUG') === 'true')`), judged by core's `isVerbositySwitch`.
 */
export function inVerbosityBranch(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return inBranchTakenWhen(node, sourceCode, isVerbositySwitch);
}

/**
 * `true` when the function around `node` ends the process itself (`process.exit(…)` in its own body,
 * not in a nested callback): a command run from a terminal or a start-up step that gives up. A
 * request handler never exits the server, so what such a function prints is read by an operator.
 */
export function inProcessExitingFunction(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!sourceCode.text.includes('process.exit')) return false;
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      return callsProcessExit(current.body);
    }
  }
  return false;
}

const exitingBodies = new WeakMap<TSESTree.Node, boolean>();

function callsProcessExit(body: TSESTree.Node): boolean {
  const known = exitingBodies.get(body);
  if (known !== undefined) return known;
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node !== body && (node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression)) return;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'process' && propertyName(callee) === 'exit') {
        found = true;
        return;
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) if (isNode(item)) visit(item);
      } else if (isNode(value)) visit(value);
    }
  };
  visit(body);
  exitingBodies.set(body, found);
  return found;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

type Manifest = PackageManifest;

/** A folder's package.json, when it has one that reads as JSON. */
function manifestAt(directory: string): Manifest | undefined {
  const manifest = packageManifestAt(directory);
  return manifest === 'unreadable' ? undefined : manifest;
}

function nearestManifest(directory: string): Manifest | undefined {
  for (let current = directory; ; current = path.dirname(current)) {
    const manifest = manifestAt(current);
    if (manifest !== undefined) return manifest;
    if (path.dirname(current) === current) return undefined;
  }
}

function workspaceRootOf(manifest: Manifest): Manifest | undefined {
  if (manifest.workspaceRoot) return manifest;
  for (let current = path.dirname(manifest.directory); path.dirname(current) !== current; current = path.dirname(current)) {
    const found = manifestAt(current);
    if (found?.workspaceRoot === true) return found;
  }
  return undefined;
}

const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'build', 'src', 'test', 'tests', 'coverage', 'out']);
/** The packages of a workspace by name, found in the folders up to three levels below its root (`packages/*`, `packages/group/*`). */
const workspaces = new Map<string, ReadonlyMap<string, Manifest>>();

function workspacePackages(root: Manifest): ReadonlyMap<string, Manifest> {
  const known = workspaces.get(root.directory);
  if (known !== undefined) return known;
  const byName = new Map<string, Manifest>();
  const walk = (directory: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
      const folder = path.join(directory, entry.name);
      const manifest = manifestAt(folder);
      if (manifest?.name !== undefined) byName.set(manifest.name, manifest);
      if (depth < 3) walk(folder, depth + 1);
    }
  };
  walk(root.directory, 1);
  workspaces.set(root.directory, byName);
  return byName;
}

export interface PackageLogging {
  /** The package has a logger to use instead of `console` (`hasLoggerDependency`); undefined without a package.json. */
  readonly loggerAtHand: boolean | undefined;
  /** Its NestJS `Logger` prints text lines (`nestLoggerPrintsText`). */
  readonly nestPrintsText: boolean;
  /** Its NestJS `Logger` may write structured lines: evidence of a structured backend, or no package.json that lists NestJS (`nestLoggerIsStructured`). */
  readonly nestStructured: boolean;
  /** It has a logger other than NestJS's own (pino, winston, LogTape, …); undefined without a package.json. */
  readonly otherLoggerAtHand: boolean | undefined;
}

const dependenciesByPackage = new Map<string, readonly string[]>();

/** A package's dependencies with those of the workspace packages it depends on and of the workspace root. */
function reachableDependencies(manifest: Manifest): readonly string[] {
  const known = dependenciesByPackage.get(manifest.directory);
  if (known !== undefined) return known;
  const root = workspaceRootOf(manifest);
  const members = root === undefined ? undefined : workspacePackages(root);
  const dependencies = [
    ...manifest.dependencies,
    ...manifest.dependencies.flatMap((name) => members?.get(name)?.dependencies ?? []),
    ...(root !== undefined && root !== manifest ? root.dependencies : []),
  ];
  dependenciesByPackage.set(manifest.directory, dependencies);
  return dependencies;
}

/**
 * The entry files (`NEST_ENTRY_FILES`) of the application a folder belongs to: those of every folder
 * from it up to the package's own (an Nx app keeps `apps/api/src/main.ts` under the workspace's single
 * package.json; `src/main.ts` may only call the `src/bootstrap.ts` that installs the logger).
 */
function entrySources(directory: string, packageDirectory: string): readonly string[] {
  return entryFiles(directory, packageDirectory).map((entry) => entry.source);
}

const entryFilesByFolder = new Map<string, readonly { readonly file: string; readonly source: string }[]>();

function entryFiles(directory: string, packageDirectory: string): readonly { readonly file: string; readonly source: string }[] {
  const known = entryFilesByFolder.get(directory);
  if (known !== undefined) return known;
  const files = NEST_ENTRY_FILES.flatMap((name) => {
    const file = path.join(directory, name);
    const source = readSource(file);
    return source === undefined ? [] : [{ file, source }];
  });
  const parent = path.dirname(directory);
  const result = directory === packageDirectory || parent === directory ? files : [...files, ...entryFiles(parent, packageDirectory)];
  entryFilesByFolder.set(directory, result);
  return result;
}

function readSource(file: string): string | undefined {
  try {
    return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The sources of the project modules the entry files install as the Nest app's logger (core `installedLoggerModule`). */
function installedLoggerSources(directory: string, packageDirectory: string): readonly string[] {
  return entryFiles(directory, packageDirectory).flatMap(({ file, source }) => {
    const specifier = installedLoggerModule(source);
    if (specifier === undefined) return [];
    const base = path.resolve(path.dirname(file), specifier.replace(/\.[cm]?js$/, ''));
    const found = ['.ts', '.mts', '.js', '/index.ts'].map((suffix) => readSource(base + suffix)).find((text) => text !== undefined);
    return found === undefined ? [] : [found];
  });
}

/** `dependentsLogStructured` by package folder: the workspace's manifests are read once per process. */
const dependentsLogStructuredByPackage = new Map<string, boolean>();

/**
 * A workspace package that another workspace package depends on runs inside that one's application:
 * when any package that depends on it shows a structured NestJS logger (its dependencies or its
 * entry files), the library's `Logger` lines go there too.
 */
function dependentsLogStructured(manifest: Manifest): boolean {
  const known = dependentsLogStructuredByPackage.get(manifest.directory);
  if (known !== undefined) return known;
  const root = workspaceRootOf(manifest);
  const name = manifest.name;
  const result =
    root !== undefined &&
    name !== undefined &&
    [...workspacePackages(root).values()].some((member) => {
      if (member === manifest || !member.dependencies.includes(name)) return false;
      const dependencies = reachableDependencies(member);
      // Only a NestJS application can put a structured logger behind the library's `Logger`.
      return listsNestJs(dependencies) && nestLoggerIsStructured({ dependencies, entrySources: entrySources(member.directory, member.directory), installedLoggerSources: installedLoggerSources(member.directory, member.directory) });
    });
  dependentsLogStructuredByPackage.set(manifest.directory, result);
  return result;
}


/** `packageLogging` of the files of a folder: the same package and entry files for all of them. */
const loggingByFolder = new Map<string, PackageLogging>();

/**
 * What the package a file belongs to says about its logging: its package.json dependencies, those of
 * the workspace packages it depends on and of the workspace root, and for NestJS the entry files of
 * its application.
 */
export function packageLogging(filename: string): PackageLogging {
  const folder = path.isAbsolute(filename) ? path.dirname(filename) : undefined;
  const known = folder === undefined ? undefined : loggingByFolder.get(folder);
  if (known !== undefined) return known;
  const manifest = folder === undefined ? undefined : nearestManifest(folder);
  if (folder === undefined || manifest === undefined) return { loggerAtHand: undefined, nestPrintsText: false, nestStructured: true, otherLoggerAtHand: undefined };
  const dependencies = reachableDependencies(manifest);
  const facts = { dependencies, entrySources: entrySources(folder, manifest.directory), installedLoggerSources: installedLoggerSources(folder, manifest.directory) };
  const logging = {
    loggerAtHand: hasLoggerDependency(dependencies) && !fastifyLoggerSilenced(dependencies, manifest.scripts),
    nestPrintsText: nestLoggerPrintsText(facts),
    nestStructured: nestLoggerIsStructured(facts) || dependentsLogStructured(manifest),
    otherLoggerAtHand: hasLoggerDependency(dependencies.filter((name) => !name.startsWith('@nestjs/'))),
  };
  loggingByFolder.set(folder, logging);
  return logging;
}

/**
 * Does a value in a log message take one of a few fixed values the code declares (`MessagePart.finite`)?
 * Typed: its type is a union of literals, an enum or a boolean. Untyped: an identifier bound to a
 * parameter or `const` annotated inline with a literal union (`table: 'traces' | 'scores'`), or with
 * a type alias of one declared in this file; a choice between literals (`${is4k ? '4K ' : ''}`).
 * Both: a parameter of a function only this file calls, every call passing a literal there.
 */
export function holdsFewFixedValues(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, typed: TypedContext | undefined): boolean {
  if (typed !== undefined) {
    const type = typed.typeOf(node);
    const members = type.isUnion() ? type.types : [type];
    if (members.every((member) => member.isLiteral() || (member.flags & (tsApi().TypeFlags.BooleanLiteral | tsApi().TypeFlags.EnumLiteral)) !== 0)) return true;
    // A parameter declared `string` that every caller in the file gives a literal: its type says less than its callers.
    return node.type === AST_NODE_TYPES.Identifier && isParameterGivenOnlyLiterals(node, sourceCode);
  }
  // `${is4k ? '4K ' : ''}`: a choice between literals.
  if (node.type === AST_NODE_TYPES.ConditionalExpression) return [node.consequent, node.alternate].every((branch) => isFixedLiteral(branch));
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = ASTUtils.findVariable(sourceCode.getScope(node), node.name)?.defs[0];
  const target = definition?.type === TSESLint.Scope.DefinitionType.Parameter || (definition?.type === TSESLint.Scope.DefinitionType.Variable && definition.parent.kind === 'const') ? definition.name : undefined;
  const annotation = target !== undefined && 'typeAnnotation' in target ? target.typeAnnotation?.typeAnnotation : undefined;
  if (annotation !== undefined && isLiteralUnion(annotation, sourceCode, 0)) return true;
  // A parameter of a function only this file calls, every call passing a literal there (`publish(message, 'donation')`).
  return isParameterGivenOnlyLiterals(node, sourceCode);
}

function isLiteralUnion(type: TSESTree.TypeNode, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  if (type.type === AST_NODE_TYPES.TSLiteralType) return type.literal.type !== AST_NODE_TYPES.TemplateLiteral;
  if (type.type === AST_NODE_TYPES.TSUnionType) return type.types.every((member) => isLiteralUnion(member, sourceCode, depth));
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
  const name = type.typeName.name;
  for (const statement of sourceCode.ast.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === name) return isLiteralUnion(declaration.typeAnnotation, sourceCode, depth + 1);
  }
  return false;
}
