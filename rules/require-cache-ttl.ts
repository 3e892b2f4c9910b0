import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { classifyCacheWrite, isExpireCommand, isSetWithTtl, ttlInsertion, type CacheLibrary, type FixedKeyFacts } from '../src/core/classify/cache.js';
import { REDIS_HASH_WRITES } from '../src/core/catalogs/cache-clients.js';
import { alwaysExits, isFunction, walk } from '../src/eslint/ast.js';
import { cacheReceiverOf } from '../src/eslint/cache.js';
import { enclosingFunction } from '../src/eslint/functions.js';
import { createRule } from '../src/eslint/create-rule.js';
import { constOf, parentOf, propertyName, skipWrappers, valueFact } from '../src/eslint/facts.js';
import { settingsOf } from '../src/eslint/settings.js';
import { typedContext } from '../src/eslint/typed.js';

export type Options = [
  {
    /** Report Redis hash writes (`hset`/`hmset`) with no `expire` of the same key in the same function. */
    checkHashes?: boolean;
  },
];
export type MessageId = 'missingTtl' | 'hashWithoutExpire' | 'suggestTtl' | 'suggestExpire';

const WRITE_METHODS: ReadonlySet<string> = new Set(['set', 'SET', ...REDIS_HASH_WRITES]);

export default createRule<Options, MessageId>({
  name: 'require-cache-ttl',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require an expiry on cache writes',
    },
    hasSuggestions: true,
    messages: {
      missingTtl:
        "Cache write '{{call}}' sets no expiry; the entry is served stale until someone deletes it, and the cache only grows. Give it a TTL ({{form}}).",
      hashWithoutExpire:
        "Hash write '{{call}}' is never given an expiry in this function; the hash is served stale and kept forever. Call expire on the same key after writing it.",
      suggestTtl: 'Add a TTL of {{seconds}} seconds ({{form}}).',
      suggestExpire: 'Call {{receiver}}.expire({{key}}, {{seconds}}) after the write.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkHashes: {
            type: 'boolean',
            description: 'Report Redis hash writes (hset/hmset/hSet) with no expire/pexpire/expireat of the same key in the same function.',
          },
        },
      },
    ],
    defaultOptions: [{ checkHashes: true }],
  },
  create(context, [options]) {
    const settings = settingsOf(context);
    const typed = typedContext(context);
    const { sourceCode } = context;
    const seconds = settings.cache.defaultTtlSeconds;

    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || !WRITE_METHODS.has(propertyName(callee))) return;
        const receiver = cacheReceiverOf(callee, sourceCode, settings, typed);
        if (receiver === undefined) return;
        const method = propertyName(callee);
        // A hash's field values are judged by what they hold: a `const` is read through (`const now = Date.now()`).
        const hash = (REDIS_HASH_WRITES as readonly string[]).includes(method);
        const args = node.arguments.map((arg) => {
          const value = arg.type === AST_NODE_TYPES.SpreadElement ? arg.argument : arg;
          const bound = hash && value.type === AST_NODE_TYPES.Identifier ? constOf(value, sourceCode) : undefined;
          return valueFact(bound?.init ?? value, { sourceCode });
        });
        const key = node.arguments[0];
        const verdict = classifyCacheWrite(receiver.library, method, args, receiver.hasDefaultTtl, key === undefined ? undefined : fixedKeyFacts(key, node.arguments[1], sourceCode));
        if (verdict === undefined || (verdict.kind === 'hash' && options.checkHashes === false)) return;
        if (key !== undefined && expiresLaterInFunction(node, sourceCode.getText(key), sourceCode)) return;
        if (verdict.kind === 'missingTtl' && (otherBranchSetsExpiry(node, callee, receiver.library, sourceCode) || expiresOnRead(sourceCode.getText(callee.object), key === undefined ? undefined : sourceCode.getText(key), sourceCode))) return;
        const call = `${receiver.names.join('.')}.${method}`;
        if (verdict.kind === 'hash') {
          context.report({ node, messageId: 'hashWithoutExpire', data: { call }, suggest: expireSuggestion(node, receiver.names.join('.'), key, seconds, sourceCode) });
          return;
        }
        const insertion = ttlInsertion(receiver.library, seconds);
        const data = { call, form: insertion.form, seconds: String(seconds) };
        const value = node.arguments[1];
        const third = node.arguments[2] === undefined ? undefined : skipWrappers(node.arguments[2]);
        let fix: TSESLint.ReportFixFunction | undefined;
        if (value !== undefined && (third === undefined || receiver.library === 'ioredis')) fix = (fixer) => fixer.insertTextAfter(value, insertion.argument);
        else if (third?.type === AST_NODE_TYPES.ObjectExpression && insertion.optionEntry !== undefined) {
          const optionEntry = insertion.optionEntry;
          fix = (fixer) => fixer.insertTextAfterRange([third.range[0], third.range[0] + 1], third.properties.length === 0 ? optionEntry.replace(/,$/, ' ') : optionEntry);
        }
        context.report({ node, messageId: 'missingTtl', data, suggest: fix === undefined ? [] : [{ messageId: 'suggestTtl', data, fix }] });
      },
    };
  },
});

function enclosingFunctionBody(node: TSESTree.Node): TSESTree.Node {
  for (let current = node.parent as TSESTree.Node | null | undefined; current != null; current = current.parent) {
    if (isFunction(current)) return current.body;
  }
  return node;
}

/** `redis.expire(key, …)` (or `pexpire`, `expireat`, chained on a pipeline) of the same key, in the same function. */
function expiresLaterInFunction(node: TSESTree.CallExpression, keyText: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const scope = enclosingFunctionBody(node);
  let found = false;
  const root = scope === node ? sourceCode.ast : scope;
  walk(root, (current) => {
    if (found) return false;
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipWrappers(current.callee);
      const first = current.arguments[0];
      if (callee.type === AST_NODE_TYPES.MemberExpression && isExpireCommand(propertyName(callee)) && first !== undefined && sourceCode.getText(first) === keyText) found = true;
    }
    return !found;
  });
  return found;
}

const CLOCK_READ = /\bDate\.now\(\)|\bnew Date\(\)|\bperformance\.now\(\)/;
const expiringKeys = new WeakMap<TSESTree.Program, Map<string, ReadonlySet<string>>>();

/**
 * The file expires the client's entries itself when it reads them: it deletes the same key from the
 * same client in the branch a test of the clock takes (`if (cached.exp * 1000 < Date.now())
 * tokenCache.delete(idToken)` beside `tokenCache.set(idToken, decoded)`). Each such entry carries its
 * own expiry, which a TTL on the write would only duplicate; other keys of the client are still judged.
 */
function expiresOnRead(receiverText: string, keyText: string | undefined, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (keyText === undefined) return false;
  let byReceiver = expiringKeys.get(sourceCode.ast);
  if (byReceiver === undefined) {
    byReceiver = new Map();
    expiringKeys.set(sourceCode.ast, byReceiver);
  }
  let keys = byReceiver.get(receiverText);
  if (keys === undefined) {
    const found = new Set<string>();
    walk(sourceCode.ast, (current) => {
      if (current.type !== AST_NODE_TYPES.CallExpression) return true;
      const callee = skipWrappers(current.callee);
      const key = current.arguments[0];
      if (key === undefined || callee.type !== AST_NODE_TYPES.MemberExpression || !['delete', 'del'].includes(propertyName(callee)) || sourceCode.getText(callee.object) !== receiverText) return true;
      // The Program's parent is `null` at run time, whatever the types say.
      for (let child: TSESTree.Node = current, node: TSESTree.Node | null | undefined = current.parent; node != null && !isFunction(node); child = node, node = node.parent) {
        if (node.type === AST_NODE_TYPES.IfStatement && node.consequent === child && CLOCK_READ.test(sourceCode.getText(node.test))) found.add(sourceCode.getText(key));
      }
      return true;
    });
    keys = found;
    byReceiver.set(receiverText, keys);
  }
  return keys.has(keyText);
}

/**
 * `if (ttl) redis.set(k, v, 'EX', ttl); else redis.set(k, v);` (or the ternary): a store whose
 * caller chooses the expiry. The bare `set` is the no-TTL branch of that choice; the call sites
 * that pass no ttl are what to look at, not the store.
 */
function otherBranchSetsExpiry(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, library: CacheLibrary, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const receiverText = sourceCode.getText(callee.object);
  if (optionBranchOfWrapper(node, receiverText, library, sourceCode)) return true;
  let child: TSESTree.Node = node;
  for (let parent = node.parent as TSESTree.Node | null | undefined; parent != null && !isFunction(parent); child = parent, parent = parent.parent) {
    if (parent.type !== AST_NODE_TYPES.IfStatement && parent.type !== AST_NODE_TYPES.ConditionalExpression) continue;
    const other = child === parent.consequent ? parent.alternate : child === parent.alternate ? parent.consequent : null;
    if (other == null) continue;
    if (containsWriteWithExpiry(other, receiverText, library, sourceCode)) return true;
  }
  // `if (opts.ttl) { return redis.set(k, v, 'PX', opts.ttl); } return redis.set(k, v);`: the same
  // choice written with an early return, the bare write running only when the `if` did not. The
  // guarded write is the same key's, and the `if`'s own statement (not one under a further test).
  const keyText = node.arguments[0] === undefined ? undefined : sourceCode.getText(node.arguments[0]);
  child = node;
  for (let parent = node.parent as TSESTree.Node | null | undefined; parent != null && !isFunction(parent); child = parent, parent = parent.parent) {
    if (parent.type !== AST_NODE_TYPES.BlockStatement) continue;
    const index = parent.body.indexOf(child as TSESTree.Statement);
    if (parent.body.slice(0, Math.max(index, 0)).some((earlier) => earlier.type === AST_NODE_TYPES.IfStatement && earlier.alternate == null && alwaysExits(earlier.consequent) &&
      writesSameKeyWithExpiry(earlier.consequent, keyText, receiverText, library, sourceCode))) return true;
  }
  return false;
}

/** Does `root` (nested functions aside) write the client written as `receiverText` with an expiry? */
function containsWriteWithExpiry(root: TSESTree.Node, receiverText: string, library: CacheLibrary, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const state = { found: false };
  walk(root, (current) => {
    if (state.found || isFunction(current)) return false;
    if (writesWithExpiry(current, receiverText, library, sourceCode)) state.found = true;
    return !state.found;
  });
  return state.found;
}

/**
 * A statement of `consequent` itself (returned, awaited or a statement of its block; not one under a
 * further `if`) writes the key written as `keyText` on the same client with an expiry.
 */
function writesSameKeyWithExpiry(consequent: TSESTree.Statement, keyText: string | undefined, receiverText: string, library: CacheLibrary, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (keyText === undefined) return false;
  const statements = consequent.type === AST_NODE_TYPES.BlockStatement ? consequent.body : [consequent];
  return statements.some((statement) => {
    const expression = statement.type === AST_NODE_TYPES.ReturnStatement ? statement.argument : statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : null;
    if (expression == null) return false;
    // `return this.redis.set(k, v, 'PX', ttl).then(() => true)`: the write at the head of a promise chain.
    let call: TSESTree.Node = skipWrappers(expression.type === AST_NODE_TYPES.AwaitExpression ? expression.argument : expression);
    while (call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && !writesWithExpiry(call, receiverText, library, sourceCode)) call = skipWrappers(call.callee.object);
    return call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] !== undefined && sourceCode.getText(call.arguments[0]) === keyText && writesWithExpiry(call, receiverText, library, sourceCode);
  });
}

/** `node` writes the client written as `receiverText` with an expiry (`redis.set(k, v, 'EX', ttl)`, `redis.setex(…)`). */
function writesWithExpiry(node: TSESTree.Node, receiverText: string, library: CacheLibrary, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || sourceCode.getText(callee.object) !== receiverText) return false;
  const method = propertyName(callee);
  const args = node.arguments.map((arg) => valueFact(arg.type === AST_NODE_TYPES.SpreadElement ? arg.argument : arg, { sourceCode }));
  return isSetWithTtl(method) || (WRITE_METHODS.has(method) && args.length > 2 && classifyCacheWrite(library, method, args, false) === undefined);
}

/**
 * A wrapper whose caller picks the write's mode (`set(key, value, option?, seconds?)`: `if (option ===
 * undefined) return redis.set(key, value); if (option === 'NX') …; if (option === 'EX') return
 * redis.set(key, value, 'EX', seconds)`): the write sits under an `if` that tests a parameter of the
 * function, and the function also writes the same client with an expiry. The call sites that pass no
 * expiry are the ones to look at.
 */
function optionBranchOfWrapper(node: TSESTree.CallExpression, receiverText: string, library: CacheLibrary, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const fn = enclosingFunction(node);
  if (fn === undefined) return false;
  // The wrapper's options: its parameters, not a request or a response handed to a handler.
  const parameters = new Set(fn.params.flatMap((param) => {
    const identifier = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    return identifier.type === AST_NODE_TYPES.Identifier && !/^(?:req|request|res|response|reply|ctx|context|c|next)$/.test(identifier.name) ? [identifier.name] : [];
  }));
  if (parameters.size === 0) return false;
  const testedAbove = (call: TSESTree.Node): ReadonlySet<string> => {
    const tested = new Set<string>();
    for (let current = call.parent as TSESTree.Node | null | undefined; current != null && current !== fn; current = current.parent) {
      if (current.type !== AST_NODE_TYPES.IfStatement && current.type !== AST_NODE_TYPES.SwitchCase) continue;
      const test = current.type === AST_NODE_TYPES.IfStatement ? current.test : current.parent.discriminant;
      walk(test, (inner) => {
        if (inner.type === AST_NODE_TYPES.Identifier && parameters.has(inner.name)) tested.add(inner.name);
        return true;
      });
    }
    return tested;
  };
  const mine = testedAbove(node);
  if (mine.size === 0) return false;
  // Another branch on the same option writes the same client with an expiry.
  const state = { found: false };
  walk(fn.body, (current) => {
    if (state.found || (current !== fn.body && isFunction(current))) return false;
    if (current !== node && writesWithExpiry(current, receiverText, library, sourceCode) && [...testedAbove(current)].some((name) => mine.has(name))) state.found = true;
    return !state.found;
  });
  return state.found;
}

function expireSuggestion(
  node: TSESTree.CallExpression,
  receiver: string,
  key: TSESTree.CallExpressionArgument | undefined,
  seconds: number,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.SuggestionReportDescriptor<MessageId>[] {
  if (key === undefined || key.type === AST_NODE_TYPES.SpreadElement) return [];
  const awaited = parentOf(node);
  const statement = awaited?.type === AST_NODE_TYPES.AwaitExpression ? parentOf(awaited) : awaited;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return [];
  const keyText = sourceCode.getText(key);
  const indent = /^\s*/.exec(sourceCode.lines[statement.loc.start.line - 1] ?? '')?.[0] ?? '';
  const prefix = awaited?.type === AST_NODE_TYPES.AwaitExpression ? 'await ' : '';
  const data = { receiver, key: keyText, seconds: String(seconds) };
  return [{ messageId: 'suggestExpire', data, fix: (fixer) => fixer.insertTextAfter(statement, `\n${indent}${prefix}${receiver}.expire(${keyText}, ${String(seconds)});`) }];
}

/**
 * A key that is a string constant (a literal, a template without holes, or a `const` bound to one),
 * with the value the stored variable is bound to when it is a `const` (`const payload = JSON.stringify(rates)`).
 */
function fixedKeyFacts(key: TSESTree.Node, stored: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>): FixedKeyFacts | undefined {
  const text = constantText(key, sourceCode);
  if (text === undefined) return undefined;
  const bound = stored?.type === AST_NODE_TYPES.Identifier ? constOf(stored, sourceCode) : undefined;
  return bound === undefined ? { text } : { text, value: valueFact(bound.init, { sourceCode }) };
}

/** The text of a string constant: a literal, a template without holes, or a `const` bound to one. */
function constantText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.expressions.length === 0 ? node.quasis.map((quasi) => quasi.value.cooked).join('') : undefined;
  if (node.type !== AST_NODE_TYPES.Identifier || depth > 2) return undefined;
  const bound = constOf(node, sourceCode);
  return bound === undefined ? undefined : constantText(bound.init, sourceCode, depth + 1);
}
