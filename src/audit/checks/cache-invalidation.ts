import { ts } from 'ts-morph';
import { NEST_CACHE_TOKEN } from '../../core/catalogs/cache-clients.js';
import { cacheLibraryOfConstructor, cacheLibraryOfTypeName, constructedWithTtl, type CacheLibrary } from '../../core/classify/cache.js';
import {
  cacheDecoratorOperation,
  cacheDecoratorTtl,
  cacheOperationOf,
  cacheWriteTtl,
  describeTtl,
  expireUnit,
  isCacheDecoratorKeyOption,
  keyBuilderPattern,
  keyPattern,
  keyPatternsMatch,
  modelOfQuery,
  readsOnlyIdentity,
  stalenessAccepted,
  type CacheOperation,
  type EntryTtl,
  type KeyPart,
  type TtlArgument,
} from '../../core/classify/cache-keys.js';
import { importSources } from '../bindings.js';
import { buildChain, chainNames, isCallLike, isFunctionNode, skipWrappers, type CallLike, type FunctionLikeNode } from '../facts.js';
import type { ChainStep, Finding } from '../findings.js';
import type { CallGraph, FunctionInfo } from '../graph.js';
import type { CheckContext } from './check.js';

export const id = 'audit/cache-invalidation';

/** How deep the check follows calls, callers and key builders. */
const MAX_DEPTH = 4;

/** What a receiver is shown to be: a catalogued cache client, or a project class that wraps one. */
type CacheHolder =
  | { readonly kind: 'client'; readonly library: CacheLibrary; readonly defaultTtl: EntryTtl }
  | { readonly kind: 'wrapper'; readonly cls: ts.ClassLikeDeclaration };

/** A call on a cache: what it does, to which key pattern, and (for writes) the entry's TTL. */
interface CacheCall {
  readonly call: ts.CallExpression;
  readonly operation: CacheOperation;
  /** Undefined when the key has no literal text (`get(key)` on a parameter). */
  readonly pattern: string | undefined;
  readonly ttl: EntryTtl;
  /** A read-through (`wrap(key, load)`, `remember(key, ttl, load)`): the function run on a miss. */
  readonly loader?: ts.Expression;
}

interface CachedRead {
  readonly fn: FunctionInfo;
  readonly model: string;
  readonly pattern: string;
  readonly get: CacheCall;
  readonly set: CacheCall;
  readonly query: ChainStep;
}

/** Model writes that can leave a cached row stale (inserts cannot: the key did not exist). */
const STALING_WRITES = new Set([
  'update', 'updateMany', 'updateOne', 'delete', 'deleteMany', 'deleteOne', 'del', 'destroy', 'remove', 'save', 'upsert', 'increment', 'decrement',
  'restore', 'softDelete', 'softRemove', 'replaceOne', 'findOneAndUpdate', 'findByIdAndUpdate', 'findOneAndDelete', 'findByIdAndDelete', 'findOneAndReplace',
  'findOneAndRemove', 'findByIdAndRemove', 'updateTable', 'deleteFrom', 'nativeUpdate', 'nativeDelete', 'bulkWrite', 'bulkUpdate',
]);

const EMIT_METHODS = new Set(['emit', 'emitAsync']);
const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener']);
const LISTENER_DECORATORS = new Set(['OnEvent']);

/**
 * Cache-aside reads (a cache `get` of a key pattern, a query of a model on the miss path, a `set`
 * of the same pattern) and the writes to that model anywhere in the project whose path never
 * deletes or rewrites a key of the pattern: not in the writing function or what it calls, not in
 * any caller up the chain, not in a handler of an event one of them emits. Entries whose TTL the
 * team accepts (`settings.cache.maxStaleSeconds`) are not checked.
 */
export function cacheInvalidation({ graph, files }: CheckContext): Finding[] {
  return new CacheInvalidation(graph, files).run();
}

class CacheInvalidation {
  private readonly holders = new Map<ts.Node, CacheHolder | undefined>();
  private readonly cacheCalls = new Map<ts.Node, CacheCall | undefined>();
  private readonly wrappers = new Map<ts.ClassLikeDeclaration, boolean>();
  private readonly coverage = new Map<ts.Node, Map<string, boolean>>();
  private callsByName: Map<string, CallLike[]> | undefined;
  private listeners: Map<string, FunctionLikeNode[]> | undefined;

  constructor(private readonly graph: CallGraph, private readonly files: readonly ts.SourceFile[]) {}

  run(): Finding[] {
    const reads = this.cachedReads();
    if (reads.length === 0) return [];
    const models = new Set(reads.map((read) => read.model));
    const findings: Finding[] = [];
    for (const file of this.files) {
      const visit = (node: ts.Node): void => {
        if (isCallLike(node)) {
          const finding = this.judgeWrite(node, reads, models);
          if (finding !== undefined) findings.push(finding);
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    return findings;
  }

  // ---- cached reads -------------------------------------------------------------------------

  private cachedReads(): CachedRead[] {
    const reads: CachedRead[] = [];
    for (const file of this.files) {
      const visit = (node: ts.Node): void => {
        if (isFunctionNode(node) && node.body !== undefined) reads.push(...this.cachedReadsIn(node));
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    return reads;
  }

  private cachedReadsIn(fn: FunctionLikeNode): CachedRead[] {
    const calls = this.graph.callsIn(fn);
    const cacheCalls = calls.flatMap((call) => {
      const judged = this.cacheCall(call);
      return judged === undefined ? [] : [judged];
    });
    const gets = cacheCalls.filter((call) => call.operation === 'read' && call.pattern !== undefined);
    const decorated = this.decoratorCacheCalls(fn).filter((call) => call.operation === 'read' && call.pattern !== undefined && !stalenessAccepted(call.ttl, this.graph.settings));
    if (gets.length === 0 && decorated.length === 0) return [];
    const found: CachedRead[] = [];
    const info = this.graph.functionInfo(fn);
    // `@Cacheable({ cacheKey })` on the method: its own body is the miss path.
    for (const readThrough of decorated) {
      const seen = new Set<string>();
      for (const { model, step } of this.modelReads(calls, 0, new Set([fn]))) {
        if (seen.has(model) || readThrough.pattern === undefined) continue;
        seen.add(model);
        found.push({ fn: info, model, pattern: readThrough.pattern, get: readThrough, set: readThrough, query: step });
      }
    }
    for (const readThrough of gets) {
      if (readThrough.loader === undefined || readThrough.pattern === undefined || stalenessAccepted(readThrough.ttl, this.graph.settings)) continue;
      const loader = skipWrappers(readThrough.loader);
      const target = isFunctionNode(loader) ? loader : this.graph.resolveCallee(loader)?.node;
      if (target === undefined) continue;
      const seen = new Set<string>();
      for (const { model, step } of this.modelReads(this.graph.callsIn(target), 0, new Set([fn, target]))) {
        if (seen.has(model)) continue;
        seen.add(model);
        found.push({ fn: info, model, pattern: readThrough.pattern, get: readThrough, set: readThrough, query: step });
      }
    }
    for (const get of gets) {
      if (get.loader !== undefined) continue;
      const set = cacheCalls.find((call) => call.operation === 'write' && call.pattern === get.pattern && call.call.pos > get.call.pos);
      if (set === undefined || get.pattern === undefined) continue;
      const ttl = this.withExpire(set, cacheCalls);
      if (stalenessAccepted(ttl, this.graph.settings)) continue;
      const seen = new Set<string>();
      for (const { model, step } of this.modelReads(calls.filter((call) => call.pos > get.call.pos && call.pos < set.call.pos), 0, new Set([fn]))) {
        if (seen.has(model)) continue;
        seen.add(model);
        found.push({ fn: info, model, pattern: get.pattern, get, set: { ...set, ttl }, query: step });
      }
    }
    return found;
  }

  /** A hash or a plain `set` followed by an `expire` of the same pattern: the expire gives the TTL. */
  private withExpire(set: CacheCall, calls: readonly CacheCall[]): EntryTtl {
    if (set.ttl.kind !== 'none') return set.ttl;
    for (const call of calls) {
      const method = methodName(call.call);
      const unit = method === undefined ? undefined : expireUnit(method);
      if (call.operation !== 'expire' || unit === undefined || call.pattern !== set.pattern) continue;
      const seconds = this.ttlArgument(call.call.arguments[1], 0);
      if (seconds.kind !== 'number') return { kind: 'unknown' };
      return { kind: 'seconds', seconds: unit === 'seconds' ? seconds.value : seconds.value / 1000 };
    }
    return set.ttl;
  }

  /** The models read by these calls, directly or through the project functions they run. */
  private modelReads(calls: readonly CallLike[], depth: number, seen: Set<ts.Node>): { model: string; step: ChainStep }[] {
    const reads: { model: string; step: ChainStep }[] = [];
    for (const call of calls) {
      const match = this.graph.query(call);
      if (match !== undefined) {
        if (match.access !== 'read') continue;
        const chain = buildChain(call);
        const model = readsOnlyIdentity(chain) ? undefined : modelOfQuery(chain, match);
        if (model !== undefined) reads.push({ model, step: { ...this.graph.step(call, match.label), layer: 'data' } });
        continue;
      }
      if (depth >= MAX_DEPTH || !ts.isCallExpression(call) || this.cacheCall(call) !== undefined) continue;
      const target = this.graph.resolveCall(call);
      if (target?.node.body === undefined || seen.has(target.node)) continue;
      seen.add(target.node);
      reads.push(...this.modelReads(this.graph.callsIn(target.node), depth + 1, seen));
    }
    return reads;
  }

  // ---- writes -------------------------------------------------------------------------------

  private judgeWrite(call: CallLike, reads: readonly CachedRead[], models: ReadonlySet<string>): Finding | undefined {
    const match = this.graph.query(call);
    if (match?.access !== 'write') return undefined;
    const chain = buildChain(call);
    if (!chain.segments.some((segment) => segment.call !== undefined && STALING_WRITES.has(segment.name))) return undefined;
    const model = modelOfQuery(chain, match);
    if (model === undefined || !models.has(model)) return undefined;
    const owner = ownerFunction(call);
    if (owner === undefined) return undefined;
    for (const read of reads) {
      if (read.model !== model || read.fn.node === owner) continue;
      if (this.pathInvalidates(owner, read.pattern, call)) continue;
      const where = this.graph.location(call);
      const ownerInfo = this.graph.functionInfo(owner);
      const readAt = `${read.fn.step.file}:${String(read.fn.step.line)}`;
      const steps: ChainStep[] = [
        { file: where.file, line: where.line, column: where.column, label: `write ${match.label}`, layer: 'data' },
        ownerInfo.step,
        { ...read.fn.step, label: `cached read ${read.fn.name}` },
        ...(read.get === read.set
          ? [this.graph.step(read.get.call, `cache read-through '${read.pattern}' (${describeTtl(read.set.ttl)})`), read.query]
          : [this.graph.step(read.get.call, `cache get '${read.pattern}'`), read.query, this.graph.step(read.set.call, `cache set '${read.pattern}' (${describeTtl(read.set.ttl)})`)]),
      ];
      return {
        ruleId: id,
        severity: 'warning',
        ...where,
        message: `'${ownerInfo.name}' writes the ${model} model (${match.label}) but nothing on its path deletes or rewrites the cache key '${read.pattern}' that '${read.fn.name}' (${readAt}) fills from it with ${describeTtl(read.set.ttl)}: readers get the old row until the entry goes. Delete the key after the write (or emit an event whose handler does), or give the entry a TTL you accept as the staleness bound.`,
        chain: steps,
        fix: `After the write commits, delete the cached key ('${read.pattern}') in the same service method, or emit an event whose handler deletes it.`,
      };
    }
    return undefined;
  }

  /** Does the function holding the write, something it calls, a caller up the chain, or an event handler they trigger invalidate the pattern? */
  private pathInvalidates(owner: FunctionLikeNode, pattern: string, write: CallLike): boolean {
    const seen = new Set<ts.Node>();
    let frontier: FunctionLikeNode[] = [owner];
    for (let depth = 0; depth <= MAX_DEPTH && frontier.length > 0; depth += 1) {
      const next: FunctionLikeNode[] = [];
      for (const fn of frontier) {
        if (seen.has(fn)) continue;
        seen.add(fn);
        if (this.invalidates(fn, pattern, new Set([write]))) return true;
        next.push(...this.callersOf(fn));
      }
      frontier = next;
    }
    return false;
  }

  /** Does `fn`, or a project function or event handler it runs, delete or rewrite a key of `pattern`? */
  private invalidates(fn: FunctionLikeNode, pattern: string, visiting: Set<ts.Node>, depth = 0): boolean {
    const memo = this.coverage.get(fn)?.get(pattern);
    if (memo !== undefined) return memo;
    if (visiting.has(fn) || depth > MAX_DEPTH) return false;
    visiting.add(fn);
    // `@CacheClear({ cacheKey })` / `@CachePut` on the method: the key goes (or is rewritten) once it ran.
    let result = this.decoratorCacheCalls(fn).some((cache) => (cache.operation === 'delete' || cache.operation === 'write') && (cache.pattern === undefined || keyPatternsMatch(pattern, cache.pattern)));
    for (const call of result ? [] : this.graph.callsIn(fn)) {
      if (!ts.isCallExpression(call)) continue;
      const cache = this.cacheCall(call);
      if (cache !== undefined) {
        // A key we cannot read (a parameter, a computed name) may be this one: precision first.
        if (cache.operation === 'clear' || ((cache.operation === 'delete' || cache.operation === 'write') && (cache.pattern === undefined || keyPatternsMatch(pattern, cache.pattern)))) {
          result = true;
          break;
        }
        continue;
      }
      // The path builds the same key with the builder that names it (`invalidateByKey({ key: buildSessionKey(…) })`): it touches that entry.
      if (pattern.endsWith('(*)') && this.patternOf(call) === pattern) {
        result = true;
        break;
      }
      if (this.handlersOf(call).some((handler) => this.invalidates(handler, pattern, visiting, depth + 1))) {
        result = true;
        break;
      }
      const target = this.graph.query(call) === undefined ? this.graph.resolveCall(call) : undefined;
      if (target?.node.body !== undefined && this.invalidates(target.node, pattern, visiting, depth + 1)) {
        result = true;
        break;
      }
    }
    visiting.delete(fn);
    if (depth === 0 || result) {
      const perPattern = this.coverage.get(fn) ?? new Map<string, boolean>();
      perPattern.set(pattern, result);
      this.coverage.set(fn, perPattern);
    }
    return result;
  }

  /** The project functions that call `fn` (found by name, confirmed by resolution). */
  private callersOf(fn: FunctionLikeNode): FunctionLikeNode[] {
    const name = simpleName(fn);
    if (name === undefined) return [];
    if (this.callsByName === undefined) {
      const byName = new Map<string, CallLike[]>();
      for (const file of this.files) {
        const visit = (node: ts.Node): void => {
          if (ts.isCallExpression(node)) {
            const names = chainNames(node.expression);
            const last = names[names.length - 1];
            if (last !== undefined && last !== '') byName.set(last, [...(byName.get(last) ?? []), node]);
          }
          ts.forEachChild(node, visit);
        };
        visit(file);
      }
      this.callsByName = byName;
    }
    const callers: FunctionLikeNode[] = [];
    for (const call of this.callsByName.get(name) ?? []) {
      if (this.graph.resolveCall(call)?.node !== fn) continue;
      const caller = ownerFunction(call);
      if (caller !== undefined) callers.push(caller);
    }
    return callers;
  }

  // ---- events -------------------------------------------------------------------------------

  /** `emitter.emit('user.updated', …)` → the functions registered for that event (`on('user.updated', h)`, `@OnEvent('user.updated')`). */
  private handlersOf(call: ts.CallExpression): FunctionLikeNode[] {
    const method = methodName(call);
    if (method === undefined || !EMIT_METHODS.has(method)) return [];
    const event = eventKey(call.arguments[0]);
    if (event === undefined) return [];
    return this.listenerTable().get(event) ?? [];
  }

  private listenerTable(): Map<string, FunctionLikeNode[]> {
    if (this.listeners !== undefined) return this.listeners;
    const table = new Map<string, FunctionLikeNode[]>();
    const add = (event: string | undefined, handler: FunctionLikeNode | undefined): void => {
      if (event !== undefined && handler !== undefined) table.set(event, [...(table.get(event) ?? []), handler]);
    };
    for (const file of this.files) {
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node)) {
          const method = methodName(node);
          if (method !== undefined && LISTEN_METHODS.has(method) && node.arguments.length >= 2) {
            const handler = node.arguments[1] === undefined ? undefined : skipWrappers(node.arguments[1]);
            add(eventKey(node.arguments[0]), handler === undefined ? undefined : isFunctionNode(handler) ? handler : this.graph.resolveCallee(handler)?.node);
          }
        } else if (ts.isMethodDeclaration(node) && node.body !== undefined) {
          for (const decorator of ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []) {
            const expression = skipWrappers(decorator.expression);
            if (ts.isCallExpression(expression) && LISTENER_DECORATORS.has(chainNames(expression.expression).join('.'))) add(eventKey(expression.arguments[0]), node);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    this.listeners = table;
    return table;
  }

  // ---- cache calls --------------------------------------------------------------------------

  /**
   * The cache decorators of a method (`@Cacheable({ cacheKey: (id) => \`user:${id}\`, ttlSeconds })`,
   * `@CacheClear({ cacheKey })`, `@CachedEntity({ builder })`): what each does, its key pattern (from
   * the key option, or from what a key function returns) and the entry's TTL.
   */
  private decoratorCacheCalls(fn: FunctionLikeNode): CacheCall[] {
    if (!ts.isMethodDeclaration(fn)) return [];
    const calls: CacheCall[] = [];
    for (const decorator of ts.getDecorators(fn) ?? []) {
      const expression = skipWrappers(decorator.expression);
      if (!ts.isCallExpression(expression)) continue;
      const operation = cacheDecoratorOperation(chainNames(expression.expression).join('.'));
      if (operation === undefined) continue;
      const first = expression.arguments[0] === undefined ? undefined : skipWrappers(expression.arguments[0]);
      const options = first !== undefined && ts.isObjectLiteralExpression(first) ? first : undefined;
      let key: ts.Node | undefined = options === undefined ? first : undefined;
      for (const property of options?.properties ?? []) {
        if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) && isCacheDecoratorKeyOption(property.name.text)) key = skipWrappers(property.initializer);
      }
      const keyExpression = key !== undefined && isFunctionNode(key) ? returnedExpression(key) : key;
      const ttlOptions = options === undefined ? undefined : this.ttlArgument(options, 0);
      calls.push({ call: expression, operation, pattern: this.patternOf(keyExpression), ttl: cacheDecoratorTtl(ttlOptions?.kind === 'object' ? ttlOptions.properties : undefined) });
    }
    return calls;
  }

  /** A call on a cache client or a project wrapper of one, with its key pattern and TTL. */
  private cacheCall(call: CallLike): CacheCall | undefined {
    if (this.cacheCalls.has(call)) return this.cacheCalls.get(call);
    let result: CacheCall | undefined;
    this.cacheCalls.set(call, undefined);
    const callee = ts.isCallExpression(call) ? skipWrappers(call.expression) : undefined;
    if (callee !== undefined && ts.isCallExpression(call) && ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const holder = callee.expression.kind === ts.SyntaxKind.ThisKeyword ? this.enclosingWrapper(call) : this.holderOf(callee.expression);
      if (holder?.kind === 'client' && holder.library === 'cache-manager' && method === 'wrap' && call.arguments[1] !== undefined) {
        // cache-manager `wrap(key, load, ttl)`: a read-through.
        const ttl = cacheWriteTtl(holder.library, 'set', [{ kind: 'opaque' }, { kind: 'opaque' }, this.ttlArgument(call.arguments[2], 0)], holder.defaultTtl);
        result = { call, operation: 'read', pattern: this.patternOf(call.arguments[0]), ttl, loader: call.arguments[1] };
      } else if (holder?.kind === 'client') {
        const operation = cacheOperationOf(method);
        if (operation !== undefined) {
          const args = call.arguments.map((argument) => this.ttlArgument(argument, 0));
          const ttl = operation === 'write' ? cacheWriteTtl(holder.library, method, args, holder.defaultTtl) : { kind: 'none' as const };
          result = { call, operation, pattern: this.patternOf(call.arguments[0]), ttl };
        }
      } else if (holder?.kind === 'wrapper') {
        result = this.wrapperCall(call, holder.cls, method);
      }
    }
    this.cacheCalls.set(call, result);
    return result;
  }

  /**
   * `this.cacheService.set(key, value, ttl)` on a project class: what its method does to the client
   * it wraps. A method that reads and writes the same key parameter and calls a function parameter
   * (`remember(key, ttl, load)`) is a read-through: the function is the miss path.
   */
  private wrapperCall(call: ts.CallExpression, cls: ts.ClassLikeDeclaration, method: string): CacheCall | undefined {
    const declaration = cls.members.find((member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && member.name.getText() === method && member.body !== undefined);
    if (declaration === undefined) return undefined;
    const inner = this.graph.callsIn(declaration).flatMap((innerCall) => {
      const judged = innerCall === call ? undefined : this.cacheCall(innerCall);
      return judged === undefined ? [] : [judged];
    });
    const parameterIndex = (node: ts.Node | undefined): number => {
      const value = node === undefined ? undefined : skipWrappers(node);
      return value !== undefined && ts.isIdentifier(value) ? declaration.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === value.text) : -1;
    };
    const keyOf = (judged: CacheCall): string | undefined => {
      const index = parameterIndex(judged.call.arguments[0]);
      return index >= 0 ? this.patternOf(call.arguments[index]) : judged.pattern;
    };
    const read = inner.find((judged) => judged.operation === 'read');
    const write = inner.find((judged) => judged.operation === 'write');
    if (read !== undefined && write !== undefined) {
      const keyIndex = parameterIndex(read.call.arguments[0]);
      const loaderIndex = declaration.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && calledIn(declaration, parameter.name.text));
      const loader = call.arguments[loaderIndex];
      // Any other mix of reads and writes is neither a plain read nor a plain write.
      if (keyIndex < 0 || keyIndex !== parameterIndex(write.call.arguments[0]) || loader === undefined) return undefined;
      return { call, operation: 'read', pattern: keyOf(read), ttl: this.ttlThrough(call, declaration, write, parameterIndex), loader };
    }
    // A read that drops an unreadable entry (`del` in a catch) is still a read.
    if (read !== undefined) return { call, operation: 'read', pattern: keyOf(read), ttl: { kind: 'none' } };
    if (write !== undefined) return { call, operation: 'write', pattern: keyOf(write), ttl: this.ttlThrough(call, declaration, write, parameterIndex) };
    const other = inner.find((judged) => judged.operation === 'delete') ?? inner.find((judged) => judged.operation === 'clear');
    return other === undefined ? undefined : { call, operation: other.operation, pattern: keyOf(other), ttl: { kind: 'none' } };
  }

  /** The TTL of a wrapper's inner write, its TTL argument taken from the wrapper call when it is one of the method's parameters. */
  private ttlThrough(call: ts.CallExpression, declaration: ts.MethodDeclaration, write: CacheCall, parameterIndex: (node: ts.Node | undefined) => number): EntryTtl {
    const mapped = write.call.arguments.slice(2).map((argument) => parameterIndex(argument)).find((index) => index >= 0);
    if (mapped === undefined) return write.ttl;
    const library = this.innerLibrary(write.call);
    const value = call.arguments[mapped] ?? declaration.parameters[mapped]?.initializer;
    if (library === undefined) return { kind: 'unknown' };
    if (value === undefined) return cacheWriteTtl(library, 'set', [], { kind: 'none' });
    const argument = this.ttlArgument(value, 0);
    return argument.kind === 'number' ? cacheWriteTtl(library, methodName(write.call) ?? 'set', [{ kind: 'opaque' }, { kind: 'opaque' }, argument]) : { kind: 'unknown' };
  }

  /** `this.get(key)` inside a class that wraps a cache client: the class's own wrapper method. */
  private enclosingWrapper(call: ts.Node): CacheHolder | undefined {
    for (let current = call.parent as ts.Node | undefined; current !== undefined; current = current.parent) {
      if (!ts.isClassLike(current)) continue;
      const wraps = this.wrappers.get(current) ?? this.wrapsClient(current, 0);
      this.wrappers.set(current, wraps);
      return wraps ? { kind: 'wrapper', cls: current } : undefined;
    }
    return undefined;
  }

  private innerLibrary(call: ts.CallExpression): CacheLibrary | undefined {
    const callee = skipWrappers(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const holder = this.holderOf(callee.expression);
    return holder?.kind === 'client' ? holder.library : undefined;
  }

  /** Is this receiver (`redis`, `this.cache`, `this.redisCacheService`) shown to be a cache client or a wrapper of one? */
  private holderOf(receiver: ts.Expression): CacheHolder | undefined {
    const expression = skipWrappers(receiver);
    if (this.holders.has(expression)) return this.holders.get(expression);
    this.holders.set(expression, undefined);
    let declaration: ts.Node | undefined;
    if (ts.isIdentifier(expression)) declaration = this.declarationOf(expression);
    else if (ts.isPropertyAccessExpression(expression) && expression.expression.kind === ts.SyntaxKind.ThisKeyword) declaration = this.declarationOf(expression.name);
    const holder = declaration === undefined ? undefined : this.holderOfDeclaration(declaration, 0);
    this.holders.set(expression, holder);
    return holder;
  }

  private holderOfDeclaration(declaration: ts.Node, depth: number): CacheHolder | undefined {
    if (!(ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration))) return undefined;
    const file = declaration.getSourceFile();
    const imports = importSources(file);
    // `@Inject(CACHE_MANAGER) cache: Cache`.
    const decorators = ts.canHaveDecorators(declaration) ? (ts.getDecorators(declaration) ?? []) : [];
    if (decorators.some((decorator) => decorator.expression.getText().includes(NEST_CACHE_TOKEN))) return { kind: 'client', library: 'cache-manager', defaultTtl: { kind: 'none' } };
    const initializer = declaration.initializer ?? (ts.isPropertyDeclaration(declaration) ? constructorAssignment(declaration) : undefined);
    const built = initializer === undefined ? undefined : this.holderOfValue(initializer, imports, depth);
    if (built !== undefined) return built;
    const type = declaration.type === undefined ? undefined : nonNullType(declaration.type);
    if (type === undefined || !ts.isTypeReferenceNode(type)) return undefined;
    const full = type.typeName.getText();
    const name = full.slice(full.lastIndexOf('.') + 1);
    const root = full.split('.')[0] ?? full;
    const source = imports.get(root);
    const library = cacheLibraryOfTypeName(name, source, source === undefined && isLocalType(file, name));
    if (library !== undefined && library !== 'other' && library !== 'not-cache') return { kind: 'client', library, defaultTtl: { kind: 'none' } };
    if (library !== 'other' || depth >= 2) return undefined;
    const cls = this.classOf(ts.isIdentifier(type.typeName) ? type.typeName : type.typeName.right);
    return cls !== undefined && this.wrapsClient(cls, depth + 1) ? { kind: 'wrapper', cls } : undefined;
  }

  private holderOfValue(value: ts.Expression, imports: ReadonlyMap<string, string>, depth: number): CacheHolder | undefined {
    let expression = skipWrappers(value);
    if (ts.isAwaitExpression(expression)) expression = skipWrappers(expression.expression);
    if (!ts.isNewExpression(expression) && !ts.isCallExpression(expression)) return undefined;
    const names = chainNames(expression.expression);
    const name = names[names.length - 1] ?? '';
    const root = names[0] ?? '';
    const library = cacheLibraryOfConstructor(name, ts.isNewExpression(expression) ? 'new' : 'call', imports.get(root));
    if (library !== undefined && library !== 'other' && library !== 'not-cache') {
      const optionKeys: string[] = [];
      let opaque = false;
      for (const argument of expression.arguments ?? []) {
        const inner = skipWrappers(argument);
        if (ts.isObjectLiteralExpression(inner)) {
          for (const property of inner.properties) {
            if (ts.isSpreadAssignment(property)) opaque = true;
            else if (ts.isIdentifier(property.name)) optionKeys.push(property.name.text);
          }
        }
      }
      const defaultTtl: EntryTtl = constructedWithTtl({ library, constructorName: name, optionKeys, opaqueOptions: opaque }) ? { kind: 'unknown' } : { kind: 'none' };
      return { kind: 'client', library, defaultTtl };
    }
    if (library === 'other' && ts.isNewExpression(expression) && depth < 2) {
      const identifier = skipWrappers(expression.expression);
      const cls = ts.isIdentifier(identifier) ? this.classOf(identifier) : undefined;
      return cls !== undefined && this.wrapsClient(cls, depth + 1) ? { kind: 'wrapper', cls } : undefined;
    }
    return undefined;
  }

  /** A project class with a member that holds a catalogued cache client. */
  private wrapsClient(cls: ts.ClassLikeDeclaration, depth: number): boolean {
    for (const member of cls.members) {
      const candidates: ts.Node[] = ts.isPropertyDeclaration(member) ? [member] : ts.isConstructorDeclaration(member) ? member.parameters.filter((parameter) => (ts.getCombinedModifierFlags(parameter) & ts.ModifierFlags.ParameterPropertyModifier) !== 0) : [];
      if (candidates.some((candidate) => this.holderOfDeclaration(candidate, depth)?.kind === 'client')) return true;
    }
    return false;
  }

  private classOf(name: ts.Identifier): ts.ClassLikeDeclaration | undefined {
    const declaration = this.declarationOf(name);
    return declaration !== undefined && ts.isClassLike(declaration) && this.graph.isProjectFile(declaration.getSourceFile()) ? declaration : undefined;
  }

  /** The declaration a name refers to, following an import into the project's file that exports it. */
  private declarationOf(name: ts.Identifier | ts.PrivateIdentifier): ts.Node | undefined {
    // The checker answers for `#private` names too.
    const declaration = this.graph.declarationOf(name as ts.Identifier);
    if (declaration === undefined) return undefined;
    if (!ts.isImportSpecifier(declaration) && !ts.isImportClause(declaration)) return declaration;
    const importDeclaration = ts.isImportSpecifier(declaration) ? declaration.parent.parent.parent : declaration.parent;
    if (!ts.isStringLiteral(importDeclaration.moduleSpecifier)) return undefined;
    const target = this.graph.resolveModule(importDeclaration.moduleSpecifier);
    if (target === undefined) return undefined;
    const exported = ts.isImportSpecifier(declaration) ? (declaration.propertyName ?? declaration.name).text : 'default';
    return exportedDeclaration(target, exported);
  }

  // ---- keys and TTLs ------------------------------------------------------------------------

  private patternOf(argument: ts.Node | undefined): string | undefined {
    return argument === undefined ? undefined : keyPattern(this.keyParts(argument, 0));
  }

  /** The literal text and holes of a key: templates, concatenation, constants, key-builder functions. */
  private keyParts(node: ts.Node, depth: number): KeyPart[] {
    const hole: KeyPart[] = [{ kind: 'hole' }];
    if (depth > MAX_DEPTH) return hole;
    const expression = skipWrappers(node);
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [{ kind: 'text', text: expression.text }];
    if (ts.isTemplateExpression(expression)) {
      const parts: KeyPart[] = [{ kind: 'text', text: expression.head.text }];
      for (const span of expression.templateSpans) parts.push(...this.keyParts(span.expression, depth + 1), { kind: 'text', text: span.literal.text });
      return parts;
    }
    if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) return [...this.keyParts(expression.left, depth + 1), ...this.keyParts(expression.right, depth + 1)];
    if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) {
      const declaration = this.declarationOf(ts.isIdentifier(expression) ? expression : expression.name);
      const initializer = declaration !== undefined && (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) && isConstant(declaration) ? declaration.initializer : undefined;
      return initializer === undefined ? hole : this.keyParts(initializer, depth + 1);
    }
    if (ts.isCallExpression(expression)) {
      // `userKey(id)`, `keys.user(id)`: the key-builder's returned template, its parameters as holes.
      const target = this.graph.resolveCall(expression);
      const returned = target === undefined ? undefined : returnedExpression(target.node);
      const parts = returned === undefined ? undefined : this.keyParts(returned, depth + 1);
      if (parts !== undefined && keyPattern(parts) !== undefined) return parts;
      // A builder whose text we cannot read: its name stands for the key (`buildSessionKey(*)`).
      const builder = keyBuilderPattern(chainNames(expression.expression));
      return builder === undefined ? (parts ?? hole) : [{ kind: 'text', text: builder }];
    }
    return hole;
  }

  private ttlArgument(node: ts.Node | undefined, depth: number): TtlArgument {
    if (node === undefined) return { kind: 'absent' };
    const expression = skipWrappers(node);
    if (depth > MAX_DEPTH) return { kind: 'opaque' };
    if (ts.isNumericLiteral(expression)) return { kind: 'number', value: Number(expression.text.replaceAll('_', '')) };
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return { kind: 'string', text: expression.text };
    if (ts.isIdentifier(expression) && expression.text === 'undefined') return { kind: 'absent' };
    if (ts.isBinaryExpression(expression)) {
      const left = this.ttlArgument(expression.left, depth + 1);
      const right = this.ttlArgument(expression.right, depth + 1);
      if (left.kind !== 'number' || right.kind !== 'number') return { kind: 'opaque' };
      switch (expression.operatorToken.kind) {
        case ts.SyntaxKind.AsteriskToken:
          return { kind: 'number', value: left.value * right.value };
        case ts.SyntaxKind.PlusToken:
          return { kind: 'number', value: left.value + right.value };
        case ts.SyntaxKind.MinusToken:
          return { kind: 'number', value: left.value - right.value };
        case ts.SyntaxKind.SlashToken:
          return { kind: 'number', value: left.value / right.value };
        default:
          return { kind: 'opaque' };
      }
    }
    if (ts.isObjectLiteralExpression(expression)) {
      const properties = new Map<string, TtlArgument>();
      for (const property of expression.properties) {
        if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) properties.set(property.name.text, this.ttlArgument(property.initializer, depth + 1));
        else if (ts.isShorthandPropertyAssignment(property)) properties.set(property.name.text, this.ttlArgument(property.name, depth + 1));
        else properties.set('...', { kind: 'opaque' });
      }
      return { kind: 'object', properties };
    }
    if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) {
      const declaration = this.declarationOf(ts.isIdentifier(expression) ? expression : expression.name);
      if (declaration !== undefined && (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) && isConstant(declaration) && declaration.initializer !== undefined) {
        return this.ttlArgument(declaration.initializer, depth + 1);
      }
    }
    return { kind: 'opaque' };
  }
}

// ---- syntax helpers -----------------------------------------------------------------------------

/** Does the function's body call the parameter `name` (`await load()`)? */
function calledIn(fn: FunctionLikeNode, name: string): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && ts.isIdentifier(skipWrappers(node.expression)) && (skipWrappers(node.expression) as ts.Identifier).text === name) found = true;
    else ts.forEachChild(node, visit);
  };
  if (fn.body !== undefined) visit(fn.body);
  return found;
}

function methodName(call: ts.CallExpression): string | undefined {
  const callee = skipWrappers(call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** `'user.updated'`, `UserEvents.Updated`: an event's name as written (a string, or a constant's dotted name). */
function eventKey(argument: ts.Node | undefined): string | undefined {
  if (argument === undefined) return undefined;
  const expression = skipWrappers(argument);
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return `'${expression.text}'`;
  if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) {
    const names = chainNames(expression);
    return names.includes('') ? undefined : names.join('.');
  }
  return undefined;
}

/** The named function a call belongs to: a declaration, method, or function assigned to a name (callbacks belong to their enclosing function). */
function ownerFunction(node: ts.Node): FunctionLikeNode | undefined {
  for (let current = node.parent as ts.Node | undefined; current !== undefined; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    if (!ts.isArrowFunction(current) && !ts.isFunctionExpression(current)) return current;
    const parent = current.parent;
    if (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) return current;
  }
  return undefined;
}

function simpleName(fn: FunctionLikeNode): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name !== undefined && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) return fn.name.text;
  const parent = fn.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

/** `const`, a `readonly` property, or a `static readonly` one: a value that does not change. */
function isConstant(declaration: ts.VariableDeclaration | ts.PropertyDeclaration): boolean {
  if (ts.isPropertyDeclaration(declaration)) return (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly) !== 0;
  return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** The expression a key-builder returns: an expression body, or a body of one `return`. */
function returnedExpression(fn: FunctionLikeNode): ts.Expression | undefined {
  const body = fn.body;
  if (body === undefined) return undefined;
  if (!ts.isBlock(body)) return body;
  const returns = body.statements.filter((statement): statement is ts.ReturnStatement => ts.isReturnStatement(statement));
  return body.statements.length === 1 && returns.length === 1 ? returns[0]?.expression : undefined;
}

/** `this.redis = new Redis()` in the constructor of a property declared without an initializer. */
function constructorAssignment(property: ts.PropertyDeclaration): ts.Expression | undefined {
  const cls = property.parent;
  const name = property.name.getText();
  for (const member of cls.members) {
    if (!ts.isConstructorDeclaration(member) || member.body === undefined) continue;
    for (const statement of member.body.statements) {
      if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression) || statement.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const { left, right } = statement.expression;
      if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === name) return right;
    }
  }
  return undefined;
}

function nonNullType(type: ts.TypeNode): ts.TypeNode | undefined {
  if (!ts.isUnionTypeNode(type)) return type;
  const members = type.types.filter((member) => member.kind !== ts.SyntaxKind.NullKeyword && member.kind !== ts.SyntaxKind.UndefinedKeyword && !(ts.isLiteralTypeNode(member) && member.literal.kind === ts.SyntaxKind.NullKeyword));
  return members.length === 1 ? members[0] : undefined;
}

function isLocalType(file: ts.SourceFile, name: string): boolean {
  return file.statements.some((statement) => (ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name?.text === name);
}

/** The top-level declaration a file exports under `name` (`export const redis = …`, `export class X`, `export default x`). */
function exportedDeclaration(file: ts.SourceFile, name: string): ts.Node | undefined {
  for (const statement of file.statements) {
    if (name === 'default' && ts.isExportAssignment(statement)) {
      const value = skipWrappers(statement.expression);
      return ts.isIdentifier(value) ? exportedDeclaration(file, value.text) ?? localDeclaration(file, value.text) : undefined;
    }
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    if (!modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) continue;
    const isDefault = modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
    if (ts.isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name);
      if (declaration !== undefined) return declaration;
    } else if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement)) && (statement.name?.text === name || (name === 'default' && isDefault))) {
      return statement;
    }
  }
  return undefined;
}

function localDeclaration(file: ts.SourceFile, name: string): ts.Node | undefined {
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name);
      if (declaration !== undefined) return declaration;
    } else if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement)) && statement.name?.text === name) return statement;
  }
  return undefined;
}
