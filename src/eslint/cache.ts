import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { NEST_CACHE_TOKEN, REDIS_PIPELINE_METHODS } from '../core/catalogs/cache-clients.js';
import {
  cacheLibraryOfConstructor,
  cacheLibraryOfName,
  cacheLibraryOfPackage,
  cacheLibraryOfTypeName,
  defaultTtlOption,
  isCacheClientName,
  type CacheLibrary,
} from '../core/classify/cache.js';
import type { BackendPatternsSettings } from '../core/settings.js';
import { oncePerFile, walk } from './ast.js';
import { chainNames, dottedName, propertyName, skipWrappers } from './facts.js';
import type { TypedContext } from './typed.js';

/** A cache client of this file, or a value known not to be one (`new Map()`). */
export type CacheClientEntry = { readonly library: CacheLibrary; readonly hasDefaultTtl: boolean } | 'not-cache';

interface FileCacheIndex {
  /** By variable, property or parameter name. */
  readonly clients: ReadonlyMap<string, CacheClientEntry>;
  readonly importedLibraries: readonly CacheLibrary[];
}

const indexes = new WeakMap<TSESTree.Program, FileCacheIndex>();

function optionKeys(node: TSESTree.Node | undefined): string[] {
  const value = node === undefined ? undefined : skipWrappers(node);
  if (value?.type !== AST_NODE_TYPES.ObjectExpression) return [];
  return value.properties.flatMap((property) =>
    property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? [property.key.name] : []);
}

/**
 * The cache clients a file builds or receives, by name: `const redis = new Redis()`,
 * `client = createClient()`, `private cache = new LRUCache({ ttl })`, `this.store = new Keyv()`,
 * `private readonly redis: Redis`, `@Inject(CACHE_MANAGER) cache: Cache`, and `new Map()` (not a cache).
 * Built once per file, on first use.
 */
export function fileCacheIndex(sourceCode: Readonly<TSESLint.SourceCode>): FileCacheIndex {
  return oncePerFile(indexes, sourceCode.ast, () => buildCacheIndex(sourceCode));
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
  const clients = new Map<string, CacheClientEntry>();

  const fromValue = (value: TSESTree.Node | null | undefined): CacheClientEntry | undefined => {
    if (value == null) return undefined;
    let expr = skipWrappers(value);
    if (expr.type === AST_NODE_TYPES.AwaitExpression) expr = skipWrappers(expr.argument);
    if (expr.type !== AST_NODE_TYPES.NewExpression && expr.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const names = chainNames(expr.callee);
    const name = names[names.length - 1] ?? '';
    const library = cacheLibraryOfConstructor(name, expr.type === AST_NODE_TYPES.NewExpression ? 'new' : 'call', imports.get(names[0] ?? ''));
    if (library === undefined || library === 'not-cache') return library;
    const option = defaultTtlOption(library);
    const hasDefaultTtl = option !== undefined && expr.arguments.some((arg) => optionKeys(arg).includes(option));
    return { library, hasDefaultTtl };
  };
  const fromType = (annotation: TSESTree.TSTypeAnnotation | undefined): CacheClientEntry | undefined => {
    const type = annotation?.typeAnnotation;
    if (type?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
    const name = type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName.name : type.typeName.type === AST_NODE_TYPES.TSQualifiedName ? type.typeName.right.name : '';
    const root = type.typeName.type === AST_NODE_TYPES.TSQualifiedName && type.typeName.left.type === AST_NODE_TYPES.Identifier ? type.typeName.left.name : name;
    const library = cacheLibraryOfTypeName(name, imports.get(root));
    return library === undefined || library === 'not-cache' ? library : { library, hasDefaultTtl: false };
  };
  const injectsCacheManager = (decorators: readonly TSESTree.Decorator[]): boolean =>
    decorators.some((decorator) => {
      const expression = decorator.expression;
      return expression.type === AST_NODE_TYPES.CallExpression && dottedName(expression.callee) === 'Inject' && expression.arguments.some((arg) => dottedName(arg) === NEST_CACHE_TOKEN);
    });
  const record = (name: string | undefined, entry: CacheClientEntry | undefined): void => {
    if (name !== undefined && entry !== undefined && !clients.has(name)) clients.set(name, entry);
  };
  const recordParameter = (parameter: TSESTree.Parameter): void => {
    const inner = parameter.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parameter : parameter;
    const identifier = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    if (identifier.type !== AST_NODE_TYPES.Identifier) return;
    const decorators = [...parameter.decorators, ...identifier.decorators];
    record(identifier.name, injectsCacheManager(decorators) ? { library: 'cache-manager', hasDefaultTtl: false } : fromType(identifier.typeAnnotation));
  };

  walk(program, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.VariableDeclarator:
        if (node.id.type === AST_NODE_TYPES.Identifier) record(node.id.name, fromValue(node.init) ?? fromType(node.id.typeAnnotation));
        break;
      case AST_NODE_TYPES.PropertyDefinition:
        if (!node.computed && node.key.type === AST_NODE_TYPES.Identifier) {
          record(node.key.name, injectsCacheManager(node.decorators) ? { library: 'cache-manager', hasDefaultTtl: false } : fromValue(node.value) ?? fromType(node.typeAnnotation));
        }
        break;
      case AST_NODE_TYPES.AssignmentExpression:
        if (node.left.type === AST_NODE_TYPES.MemberExpression && node.left.object.type === AST_NODE_TYPES.ThisExpression) record(propertyName(node.left), fromValue(node.right));
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
    if (library === 'not-cache') return undefined;
    if (library !== undefined) return { library, hasDefaultTtl: entry !== undefined && entry !== 'not-cache' && entry.hasDefaultTtl, names };
    if (declared.package !== undefined) return undefined;
  }
  if (entry === 'not-cache') return undefined;
  if (entry !== undefined) return { ...entry, names };
  if (!isCacheClientName(name, settings)) return undefined;
  return { library: cacheLibraryOfName(name, index.importedLibraries), hasDefaultTtl: false, names };
}
