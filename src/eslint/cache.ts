import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { NEST_CACHE_TOKEN, REDIS_PIPELINE_METHODS } from '../core/catalogs/cache-clients.js';
import {
  cacheLibraryOfConstructor,
  constructedWithTtl,
  cacheLibraryOfName,
  cacheLibraryOfPackage,
  cacheLibraryOfTypeName,
  isCacheClientName,
  namesRawCacheClient,
  type CacheLibrary,
  type NotCacheClient,
} from '../core/classify/cache.js';
import type { BackendPatternsSettings } from '../core/settings.js';
import { isFunction, isNullish, oncePerFile, walk } from './ast.js';
import { chainNames, dottedName, propertyName, skipWrappers } from './facts.js';
import type { TypedContext } from './typed.js';

/** A cache client of this file, or a value known not to be one we can judge (`new Map()`, a project wrapper). */
export type CacheClientEntry = { readonly library: CacheLibrary; readonly hasDefaultTtl: boolean } | NotCacheClient;

interface FileCacheIndex {
  /** By variable, property, parameter or (for what a call returns) function name. */
  readonly clients: ReadonlyMap<string, CacheClientEntry>;
  readonly importedLibraries: readonly CacheLibrary[];
}

const indexes = new WeakMap<TSESTree.Program, FileCacheIndex>();

interface Options {
  readonly keys: string[];
  readonly opaque: boolean;
}

function constructorOptions(args: readonly TSESTree.CallExpressionArgument[]): Options {
  const keys: string[] = [];
  let opaque = false;
  for (const arg of args) {
    const value = skipWrappers(arg.type === AST_NODE_TYPES.SpreadElement ? arg.argument : arg);
    if (arg.type === AST_NODE_TYPES.SpreadElement || value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression) opaque = true;
    if (value.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const property of value.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) opaque = true;
      else if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) keys.push(property.key.name);
    }
  }
  return { keys, opaque };
}

type TypeNode = TSESTree.TypeNode;
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** The name a function is called by: `function f()`, `const f = () => …`, a method or property `f`. */
function calledName(fn: FunctionNode): string | undefined {
  if (fn.id != null) return fn.id.name;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition || parent.type === AST_NODE_TYPES.Property) && !parent.computed) {
    return parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : parent.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${parent.key.name}` : undefined;
  }
  return undefined;
}

/**
 * The cache clients a file builds or receives, by name: `const redis = new Redis()`,
 * `client = createClient()`, `private cache = new LRUCache({ ttl })`, `this.store = new Keyv()`,
 * `private readonly redis: Redis`, `@Inject(CACHE_MANAGER) cache: Cache`; and what is no cache we
 * can judge: `new Map()` (also as a parameter default, `x ??= new Map()`, a type alias of `Map`, a
 * function declared to return one), `new BlockMap()`, a wrapper typed or built from a project
 * import. Built once per file, on first use.
 */
export function fileCacheIndex(sourceCode: Readonly<TSESLint.SourceCode>): FileCacheIndex {
  return oncePerFile(indexes, sourceCode.ast, () => buildCacheIndex(sourceCode));
}

/** `f()`, `await f()`: the value is what a call returned. */
function isCallResult(value: TSESTree.Node | null | undefined): boolean {
  if (value == null) return false;
  let expression = skipWrappers(value);
  if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = skipWrappers(expression.argument);
  return expression.type === AST_NODE_TYPES.CallExpression;
}

function buildCacheIndex(sourceCode: Readonly<TSESLint.SourceCode>): FileCacheIndex {
  const program = sourceCode.ast;
  const imports = new Map<string, string>();
  const importedLibraries = new Set<CacheLibrary>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    const library = cacheLibraryOfPackage(statement.source.value);
    if (library !== undefined && statement.source.value !== '@nestjs/common') importedLibraries.add(library);
    for (const specifier of statement.specifiers) imports.set(specifier.local.name, statement.source.value);
  }
  // First pass: local types (aliases resolve to what they name) and functions' declared return types.
  const localTypes = new Map<string, TypeNode | undefined>();
  const functions: FunctionNode[] = [];
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) localTypes.set(node.id.name, node.typeAnnotation);
    else if ((node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.TSInterfaceDeclaration || node.type === AST_NODE_TYPES.TSEnumDeclaration) && node.id != null) {
      if (!localTypes.has(node.id.name)) localTypes.set(node.id.name, undefined);
    } else if (isFunction(node)) functions.push(node);
    return true;
  });

  const fromTypeNode = (type: TypeNode | undefined, seen: ReadonlySet<string>): CacheClientEntry | undefined => {
    if (type === undefined) return undefined;
    // `Map<…> | null`, `Cache | undefined`: the one type that is not nullish decides.
    if (type.type === AST_NODE_TYPES.TSUnionType) {
      const members = type.types.filter((member) => member.type !== AST_NODE_TYPES.TSNullKeyword && member.type !== AST_NODE_TYPES.TSUndefinedKeyword);
      return members.length === 1 ? fromTypeNode(members[0], seen) : undefined;
    }
    if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
    const name = type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName.name : type.typeName.type === AST_NODE_TYPES.TSQualifiedName ? type.typeName.right.name : '';
    const root = type.typeName.type === AST_NODE_TYPES.TSQualifiedName && type.typeName.left.type === AST_NODE_TYPES.Identifier ? type.typeName.left.name : name;
    if (type.typeName.type === AST_NODE_TYPES.Identifier && localTypes.has(name) && !seen.has(name)) {
      const aliased = localTypes.get(name);
      return (aliased === undefined ? undefined : fromTypeNode(aliased, new Set([...seen, name]))) ?? 'other';
    }
    const library = cacheLibraryOfTypeName(name, imports.get(root));
    return library === undefined || library === 'not-cache' || library === 'other' ? library : { library, hasDefaultTtl: false };
  };
  const fromType = (annotation: TSESTree.TSTypeAnnotation | undefined): CacheClientEntry | undefined => fromTypeNode(annotation?.typeAnnotation, new Set());

  const returns = new Map<string, CacheClientEntry>();
  // The clients recorded so far, once the walk below records them: `deps?.cache || genericTtlCache` is that client.
  const recorded: { clients?: ReadonlyMap<string, CacheClientEntry> } = {};
  const fromValue = (value: TSESTree.Node | null | undefined): CacheClientEntry | undefined => {
    if (value == null) return undefined;
    let expr = skipWrappers(value);
    if (expr.type === AST_NODE_TYPES.AwaitExpression) expr = skipWrappers(expr.argument);
    if (expr.type === AST_NODE_TYPES.Identifier) return recorded.clients?.get(expr.name);
    // `cache ?? new Map()`, `opts.cache || new Map()`: the fallback says what the value is.
    if (expr.type === AST_NODE_TYPES.LogicalExpression) return fromValue(expr.right) ?? fromValue(expr.left);
    // `config.cacheSize ? new LRUCache({ max, ttl }) : null`: the client the file builds when it builds
    // one; two constructions say what they agree on.
    if (expr.type === AST_NODE_TYPES.ConditionalExpression) {
      const built = [expr.consequent, expr.alternate].filter((branch) => !isNullish(skipWrappers(branch))).map(fromValue);
      const [first] = built;
      return built.every((entry) => entry === first || (typeof entry === 'object' && typeof first === 'object' && entry.library === first.library && entry.hasDefaultTtl === first.hasDefaultTtl)) ? first : undefined;
    }
    if (expr.type !== AST_NODE_TYPES.NewExpression && expr.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const names = chainNames(expr.callee);
    const name = names[names.length - 1] ?? '';
    const root = names[0] ?? '';
    if (expr.type === AST_NODE_TYPES.CallExpression) {
      // `Redis.fromEnv()`, `Redis.createClient()`: a static factory of a cache client class.
      const rootLibrary = names.length === 2 ? cacheLibraryOfPackage(imports.get(root)) : undefined;
      if (rootLibrary !== undefined) return { library: rootLibrary, hasDefaultTtl: false };
      const returned = names.length <= 2 && (names.length === 1 || root === 'this') ? returns.get(name) : undefined;
      if (returned !== undefined) return returned;
    }
    const library = cacheLibraryOfConstructor(name, expr.type === AST_NODE_TYPES.NewExpression ? 'new' : 'call', imports.get(root));
    if (library === undefined || library === 'not-cache' || library === 'other') return library;
    const options = constructorOptions(expr.arguments);
    return { library, hasDefaultTtl: constructedWithTtl({ library, constructorName: name, optionKeys: options.keys, opaqueOptions: options.opaque }) };
  };
  const injectsCacheManager = (decorators: readonly TSESTree.Decorator[]): boolean =>
    decorators.some((decorator) => {
      const expression = decorator.expression;
      return expression.type === AST_NODE_TYPES.CallExpression && dottedName(expression.callee) === 'Inject' && expression.arguments.some((arg) => dottedName(arg) === NEST_CACHE_TOKEN);
    });
  // What functions return, by their declared type or, for `() => new Map()`, their expression body.
  for (const fn of functions) {
    const name = calledName(fn);
    const entry = fromType(fn.returnType) ?? (fn.body.type === AST_NODE_TYPES.BlockStatement ? undefined : fromValue(fn.body));
    if (name !== undefined && entry !== undefined && !returns.has(name)) returns.set(name, entry);
  }
  const clients = new Map<string, CacheClientEntry>(returns);
  recorded.clients = clients;
  // The first binding of a name wins, except that a construction (`this.#cache = new LRUCache({ ttl })`)
  // says more than the type the field was declared with.
  const typedOnly = new Set<string>();
  const record = (name: string | undefined, entry: CacheClientEntry | undefined, byType = false): void => {
    if (name === undefined || name === '' || entry === undefined || (clients.has(name) && (byType || !typedOnly.has(name)))) return;
    clients.set(name, entry);
    if (byType) typedOnly.add(name);
    else typedOnly.delete(name);
  };
  // A value imported from a module that is no cache library (`import { redisCache } from '#src/caches'`,
  // `'../cache'`, `'@acme/shared'`) is something that module built on a client, whose `set` may
  // apply its own default expiry: untyped it is no client we judge (a construction of the same name
  // in this file still says more; typed, the declaration of `set` decides). Only a name that says it
  // is the client itself (`import { redis } from '../lib/redis'`) is still judged by its name.
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type' || cacheLibraryOfPackage(statement.source.value) !== undefined) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') continue;
      if (!namesRawCacheClient(specifier.local.name)) record(specifier.local.name, 'other', true);
    }
  }
  const recordValueOrType = (name: string | undefined, value: TSESTree.Node | null | undefined, annotation: TSESTree.TSTypeAnnotation | undefined): void => {
    let built = fromValue(value);
    // `const redis = getClient()` from '../lib/redis': what a project factory returns, stored under a raw client's name, is judged by that name.
    if (built === 'other' && name !== undefined && namesRawCacheClient(name) && isCallResult(value)) built = undefined;
    if (built !== undefined) record(name, built);
    else record(name, fromType(annotation), true);
  };
  const recordParameter = (parameter: TSESTree.Parameter): void => {
    const inner = parameter.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parameter : parameter;
    const identifier = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    if (identifier.type !== AST_NODE_TYPES.Identifier) return;
    const decorators = [...parameter.decorators, ...identifier.decorators];
    if (injectsCacheManager(decorators)) {
      record(identifier.name, { library: 'cache-manager', hasDefaultTtl: false });
      return;
    }
    // `cache = new WeakMap()`: the default says what callers pass.
    const typed = fromType(identifier.typeAnnotation);
    if (typed !== undefined) record(identifier.name, typed, true);
    else if (inner.type === AST_NODE_TYPES.AssignmentPattern) record(identifier.name, fromValue(inner.right));
  };

  walk(program, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.VariableDeclarator:
        if (node.id.type === AST_NODE_TYPES.Identifier) recordValueOrType(node.id.name, node.init, node.id.typeAnnotation);
        break;
      case AST_NODE_TYPES.PropertyDefinition:
        if (!node.computed && (node.key.type === AST_NODE_TYPES.Identifier || node.key.type === AST_NODE_TYPES.PrivateIdentifier)) {
          const name = node.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.key.name}` : node.key.name;
          if (injectsCacheManager(node.decorators)) record(name, { library: 'cache-manager', hasDefaultTtl: false });
          else recordValueOrType(name, node.value, node.typeAnnotation);
        }
        break;
      case AST_NODE_TYPES.TSPropertySignature:
        if (!node.computed && node.key.type === AST_NODE_TYPES.Identifier) record(node.key.name, fromType(node.typeAnnotation), true);
        break;
      case AST_NODE_TYPES.AssignmentExpression:
        // `this.store = new Keyv()`, `scope.cache ??= new Map()`, `cache = new Map()`.
        if (node.left.type === AST_NODE_TYPES.MemberExpression) {
          if (node.left.object.type === AST_NODE_TYPES.ThisExpression || node.operator !== '=') record(propertyName(node.left), fromValue(node.right));
        } else if (node.left.type === AST_NODE_TYPES.Identifier) record(node.left.name, fromValue(node.right));
        break;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
        node.params.forEach(recordParameter);
        break;
      default:
        break;
    }
    return true;
  });
  // A client known only by its declared type or name (`journeyCache: NodeCache`) that the file fills,
  // every time, with a client of its own built with a default expiry (`{ journeyCache: TRIGGER_CACHE }`,
  // `const TRIGGER_CACHE = new NodeCache({ stdTTL: 30 })`) has that expiry.
  const passed = new Map<string, CacheClientEntry[]>();
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.Property || node.computed || node.key.type !== AST_NODE_TYPES.Identifier || node.parent.type !== AST_NODE_TYPES.ObjectExpression) return true;
    const value = skipWrappers(node.value);
    const entry = value.type === AST_NODE_TYPES.Identifier && !typedOnly.has(value.name) ? clients.get(value.name) : undefined;
    passed.set(node.key.name, [...(passed.get(node.key.name) ?? []), entry ?? 'other']);
    return true;
  });
  for (const [name, values] of passed) {
    const entry = clients.get(name);
    if (entry !== undefined && !typedOnly.has(name)) continue;
    const [first] = values;
    if (first === undefined || typeof first === 'string' || (entry !== undefined && (typeof entry === 'string' || entry.library !== first.library))) continue;
    if (values.every((value) => typeof value !== 'string' && value.library === first.library && value.hasDefaultTtl)) clients.set(name, { library: first.library, hasDefaultTtl: true });
  }
  return { clients, importedLibraries: [...importedLibraries] };
}

export interface CacheReceiver {
  readonly library: CacheLibrary;
  readonly hasDefaultTtl: boolean;
  /** The receiver as written, pipelines stripped: `this.redis` of `this.redis.multi().hset(…)`. */
  readonly names: readonly string[];
}

/**
 * The cache client a method is called on, or undefined. Known from this file's index, from types
 * (the method declared in a cache package; `Map`/`URLSearchParams`/`Headers` from TypeScript's lib
 * are not caches) or, failing both, from the receiver's name (`redis`, `cacheManager`).
 */
export function cacheReceiverOf(callee: TSESTree.MemberExpression, sourceCode: Readonly<TSESLint.SourceCode>, settings: BackendPatternsSettings, typed: TypedContext | undefined): CacheReceiver | undefined {
  const all = chainNames(callee.object);
  const pipeline = all.findIndex((name) => (REDIS_PIPELINE_METHODS as readonly string[]).includes(name));
  const names = pipeline > 0 ? all.slice(0, pipeline) : all;
  const name = names[names.length - 1];
  if (name === undefined || name === '' || name === 'this' || names.includes('')) return undefined;
  const index = fileCacheIndex(sourceCode);
  const entry = index.clients.get(name);
  const declared = typed?.declaredIn(callee.property);
  if (declared !== undefined && declared.unresolved !== true) {
    if (declared.package === 'lib') return undefined;
    const library = cacheLibraryOfPackage(declared.package) ?? (declared.typeName === undefined ? undefined : cacheLibraryOfTypeName(declared.typeName));
    if (library === 'not-cache' || library === 'other') return undefined;
    if (library !== undefined) return { library, hasDefaultTtl: entry !== undefined && typeof entry !== 'string' && entry.hasDefaultTtl, names };
    if (declared.package !== undefined) return undefined;
  }
  if (entry === 'not-cache' || entry === 'other') return undefined;
  if (entry !== undefined) return { ...entry, names };
  if (!isCacheClientName(name, settings)) return undefined;
  return { library: cacheLibraryOfName(name, index.importedLibraries), hasDefaultTtl: false, names };
}
