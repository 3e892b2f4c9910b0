import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { RESPONSE_HELPER_WORDS, TEST_HOOKS, WEB_RESPONSE_CLASSES } from '../core/catalogs/catches.js';
import { RESPONSE_RECEIVER_NAMES } from '../core/catalogs/responses.js';
import {
  isCacheImplementationName,
  isErrorRecorderCall,
  isErrorTextField,
  isExplainingComment,
  isFailureValue,
  isHealthRoutePath,
  isIntentComment,
  isNoThrowFunctionName,
  isPredicateName,
  isQuietLogMethod,
  isPassOnCall,
  isShutdownFunctionName,
  errorResponseOf,
  isInputVerdictCall,
  isErrorStatus,
  isResponseStatusTarget,
  isConditionalClaim,
  isReadWork,
  IN_PROCESS_PUBLISH_METHODS,
  isInProcessEventPublish,
  isTextTestMethod,
  statesFallback,
  type CatchFacts,
  type ErrorUse,
  type GuardedWork,
} from '../core/classify/catch.js';
import { classifyLogCall, mayBeLogCall } from '../core/classify/log.js';
import { classifyResponseSend, isNestHttpExceptionName, isResponseBodyTarget } from '../core/classify/response.js';
import type { BackendPatternsSettings } from '../core/settings.js';
import { identifierBinding, memberBinding } from './bindings.js';
import { alwaysExits, containsOutsideFunctions, isFunction, walk, type FunctionNode } from './ast.js';
import { buildChain, chainNames, dottedName, importSourceOf, isOutermostChain, parentOf, propertyName, skipWrappers, valueFact } from './facts.js';
import { functionName } from './functions.js';
import { nameParts } from '../core/classify/names.js';
import { insideLogCall } from './logs.js';
import { resolverFor, type TypedContext } from './typed.js';

/**
 * ESTree → `CatchFacts` (see `core/classify/catch.ts`) for a `catch` clause or a `.catch(cb)`
 * callback: how the body uses the error, whether it throws, passes the error on, logs or answers
 * the request, and what work the `try` (or the promise) waits for.
 */

/** A catch to judge: a `catch` clause, or the callback of `promise.catch(cb)`. */
export interface CatchSite {
  /** The node a report points at: the `catch` clause, or the `.catch` property. */
  readonly node: TSESTree.Node;
  /** The catch body: a block, or an arrow callback's expression. */
  readonly body: TSESTree.Node;
  /** The error parameter, when the catch names one. */
  readonly param: TSESTree.Node | undefined;
  /** The node whose declared variables include the parameter (the clause, or the callback). */
  readonly declarer: TSESTree.CatchClause | FunctionNode;
  /** The `try` block, for a catch clause. */
  readonly tryBlock?: TSESTree.BlockStatement;
  /** The promise `.catch` is attached to, for a callback. */
  readonly promise?: TSESTree.Node;
}

export interface CatchContext {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly settings: BackendPatternsSettings;
  readonly typed: TypedContext | undefined;
}

const RESPONSE_RECEIVERS: ReadonlySet<string> = new Set(Object.values(RESPONSE_RECEIVER_NAMES).flat());
/** Names of a response object only (Express `res`, Fastify `reply`), not of a context that also carries the request (`ctx`, `c`). */
const RESPONSE_OBJECTS: ReadonlySet<string> = new Set([...RESPONSE_RECEIVER_NAMES.express, ...RESPONSE_RECEIVER_NAMES.fastify]);
const WEB_RESPONSES: ReadonlySet<string> = new Set(WEB_RESPONSE_CLASSES);
const RESPONSE_HELPERS: ReadonlySet<string> = new Set(RESPONSE_HELPER_WORDS);
const HOOKS: ReadonlySet<string> = new Set(TEST_HOOKS);
/** Response methods that answer without a body argument: `res.sendStatus(500)`, `res.redirect('/error')`, `res.render('error')`. */
const ANSWERING_METHODS: ReadonlySet<string> = new Set(['sendStatus', 'redirect', 'render', 'writeHead', 'sendFile', 'download']);
/** Fields and variables that hold an outcome: `job.status = 'failed'`, `hasError = true`, `lastFailure = now`. */
const STATUS_NAME = /(?:^|[a-z_])(?:[Ss]tatus|[Ss]tate|[Ee]rror|[Ff]ail|[Ss]uccess|[Vv]alid)/;
const COMPARISONS: ReadonlySet<string> = new Set(['===', '!==', '==', '!=', 'instanceof', 'in', '<', '>', '<=', '>=']);

/** The catch site of a `catch` clause. */
export function catchClauseSite(handler: TSESTree.CatchClause): CatchSite {
  return { node: handler, body: handler.body, param: handler.param ?? undefined, declarer: handler, tryBlock: handler.parent.block };
}

const PROMISE_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/**
 * The catch site of `promise.catch(cb)` when `cb` is a function literal; undefined otherwise, and
 * for a `.catch` that is no promise's: a schema's fallback (zod `z.number().catch(() => 0).parse(x)`),
 * whose result is used as something else than a promise.
 */
export function promiseCatchSite(call: TSESTree.CallExpression): CatchSite | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'catch' || call.arguments.length !== 1) return undefined;
  const user = parentOf(call);
  if (user?.type === AST_NODE_TYPES.MemberExpression && skipWrappers(user.object) === call && !PROMISE_METHODS.has(propertyName(user))) return undefined;
  // `pending.catch(() => {})`: a promise held in a variable is marked handled here and awaited (or tracked) elsewhere.
  if (!startsFromCall(callee.object)) return undefined;
  // `Promise.race([send().catch(() => null), timeout])`: one runner of a race against a deadline.
  if (user?.type === AST_NODE_TYPES.ArrayExpression && parentOf(user)?.type === AST_NODE_TYPES.CallExpression && dottedName((parentOf(user) as TSESTree.CallExpression).callee) === 'Promise.race') return undefined;
  const callback = call.arguments[0];
  if (callback === undefined || !isFunction(callback)) return undefined;
  return { node: callee.property, body: callback.body, param: callback.params[0], declarer: callback, promise: skipWrappers(callee.object) };
}

/** `true` when a promise chain starts from a call (`load().then(f)`), not from a promise held in a variable. */
function startsFromCall(raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.ImportExpression || node.type === AST_NODE_TYPES.NewExpression) return true;
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && PROMISE_METHODS.has(propertyName(callee))) return startsFromCall(callee.object);
  return true;
}

/** The facts of a catch site. */
export function catchFacts(site: CatchSite, ctx: CatchContext): CatchFacts {
  const body = collectBody(site, ctx);
  return {
    bindsError: site.param !== undefined,
    uses: errorUses(site, ctx),
    throws: body.throws,
    passesOn: body.passesOn,
    responds: body.responds,
    logCalls: body.logCalls,
    problemLogCalls: body.problemLogCalls,
    logStatesFallback: body.logStatesFallback,
    empty: isEmptyBody(site.body),
    explained: isExplained(site, ctx.sourceCode),
    cleanupPath: onCleanupPath(site.node),
    recordsFailure: body.recordsFailure,
    noThrowContract: hasNoThrowContract(site),
    booleanAnswer: answersBooleanFlag(site),
    work: catchWork(site, ctx.sourceCode),
    // Every error must reach the create: one made only for `err instanceof NotFoundException` drops the others.
    // The create is awaited or returned, as a store's write is: `seen.add(id)` on an in-memory set stores nothing.
    createsInCatch: containsOutsideFunctions(site.body, (node) => node.type === AST_NODE_TYPES.CallExpression && isCreateCall(node) && isAwaitedOrReturned(node) && !isGuardedByErrorTest(node, site, ctx.sourceCode)),
    inCacheImplementation: inCacheImplementation(site.node),
  };
}

/** Inside a class, an implemented interface or a named function that is a cache (`class RedisCacheStrategy implements CacheStrategy`, `const buildCache = () => ({ … })`). */
function inCacheImplementation(node: TSESTree.Node): boolean {
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) {
      const names = [current.id?.name, ...current.implements.map((clause) => dottedName(clause.expression))];
      if (names.some((name) => name !== undefined && isCacheImplementationName(name))) return true;
    } else if (isFunction(current)) {
      const name = functionName(current);
      if (name !== undefined && isCacheImplementationName(name)) return true;
    }
  }
  return false;
}

function isEmptyBody(body: TSESTree.Node): boolean {
  if (body.type === AST_NODE_TYPES.BlockStatement) return body.body.length === 0;
  const value = skipWrappers(body);
  return (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') || (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void');
}

interface BodyFacts {
  throws: boolean;
  recordsFailure: boolean;
  passesOn: boolean;
  responds: boolean;
  logCalls: number;
  problemLogCalls: number;
  logStatesFallback: boolean;
}

function collectBody(site: CatchSite, ctx: CatchContext): BodyFacts {
  const facts: BodyFacts = { throws: false, recordsFailure: false, passesOn: false, responds: false, logCalls: 0, problemLogCalls: 0, logStatesFallback: false };
  if (site.body.type !== AST_NODE_TYPES.BlockStatement) facts.recordsFailure = isFailureValue(valueFact(site.body, { sourceCode: ctx.sourceCode }));
  walk(site.body, (node) => {
    if (node !== site.body && isFunction(node)) return false;
    switch (node.type) {
      case AST_NODE_TYPES.ThrowStatement:
        facts.throws = true;
        break;
      case AST_NODE_TYPES.ReturnStatement:
        if (node.argument !== null && isFailureValue(valueFact(node.argument, { sourceCode: ctx.sourceCode }))) facts.recordsFailure = true;
        break;
      case AST_NODE_TYPES.UpdateExpression:
        facts.recordsFailure = true;
        break;
      case AST_NODE_TYPES.AssignmentExpression:
        if (node.left.type === AST_NODE_TYPES.MemberExpression && isResponseBodyTarget(chainNames(node.left))) facts.responds = true;
        if (node.operator === '+=' || node.operator === '-=' || STATUS_NAME.test(chainNames(node.left).at(-1) ?? '')) facts.recordsFailure = true;
        break;
      case AST_NODE_TYPES.CallExpression:
        judgeCall(node, ctx, facts);
        break;
      case AST_NODE_TYPES.NewExpression:
        if (WEB_RESPONSES.has(dottedName(node.callee))) facts.responds = true;
        break;
      default:
        break;
    }
    return true;
  });
  return facts;
}

function judgeCall(node: TSESTree.CallExpression, ctx: CatchContext, facts: BodyFacts): void {
  const names = chainNames(node.callee);
  const first = node.arguments[0];
  const firstIsText = first !== undefined && (first.type === AST_NODE_TYPES.TemplateLiteral || (first.type === AST_NODE_TYPES.Literal && typeof first.value === 'string'));
  if (isPassOnCall(names, node.arguments.length) || isErrorRecorderCall(names, firstIsText)) {
    facts.passesOn = true;
    return;
  }
  if (!isOutermostChain(node)) return;
  if (mayBeLogCall(names)) {
    const info = buildChain(node, { sourceCode: ctx.sourceCode });
    const match = classifyLogCall(info.fact, ctx.settings, resolverFor(ctx.typed, info.nodes));
    if (match !== undefined) {
      facts.logCalls += 1;
      if (!isQuietLogMethod(match.method)) facts.problemLogCalls += 1;
      if (node.arguments.some((arg) => statesFallback(literalText(arg, ctx)))) facts.logStatesFallback = true;
      return;
    }
  }
  if (names.length === 2 && WEB_RESPONSES.has(names[0] ?? '')) {
    facts.responds = true;
    return;
  }
  // `req.responseHandler.error(req, res, new Error400())`, `sendError(reply, err)`: the handler's own
  // response object handed to a helper, which answers the request with it.
  if (node.arguments.some((arg) => isResponseParameter(arg, ctx)) && names.some((name) => nameParts(name).some((word) => RESPONSE_HELPERS.has(word)))) {
    facts.responds = true;
    return;
  }
  if (RESPONSE_RECEIVERS.has(names[0] ?? '') && names.length >= 2) {
    if (ANSWERING_METHODS.has(names.at(-1) ?? '')) {
      facts.responds = true;
      return;
    }
    const info = buildChain(node, { sourceCode: ctx.sourceCode });
    if (classifyResponseSend(info.fact, resolverFor(ctx.typed, info.nodes)) !== undefined) facts.responds = true;
  }
}

/** `res` / `reply` that is a parameter of an enclosing function (a handler's response object), not a local holding a fetch result. */
function isResponseParameter(raw: TSESTree.Node, ctx: CatchContext): boolean {
  const node = skipWrappers(raw);
  return node.type === AST_NODE_TYPES.Identifier && RESPONSE_OBJECTS.has(node.name) && identifierBinding(node, ctx.sourceCode).kind === 'parameter';
}

/** The written text of a log argument: a string, or a template's fixed pieces. */
function literalText(arg: TSESTree.Node, ctx: CatchContext): string {
  const value = valueFact(arg, { sourceCode: ctx.sourceCode });
  return value.kind === 'string' || value.kind === 'template' ? value.text : '';
}

function errorUses(site: CatchSite, ctx: CatchContext): ErrorUse[] {
  const param = site.param;
  if (param === undefined) return [];
  // `catch ({ message })`: a pattern takes parts of the error; judge it as used.
  if (param.type !== AST_NODE_TYPES.Identifier) return [{ kind: 'whole', inLog: false }];
  const variable = ctx.sourceCode.getDeclaredVariables(site.declarer).find((candidate) => candidate.name === param.name);
  const references = (variable?.references ?? []).filter((reference) => reference.identifier !== param);
  // `const error = e instanceof Error ? e : new Error(String(e))`: the alias's uses are the error's too.
  // The reference that initialises the alias is no use of its own: the alias's uses stand for it.
  const uses = references.flatMap((reference) => {
    const alias = aliasDeclarator(reference.identifier);
    return alias === undefined ? [reference] : ctx.sourceCode.getDeclaredVariables(alias).flatMap((declared) => declared.references.filter((use) => use.identifier !== alias.id));
  });
  return uses.map((reference) => {
    const kind = useKind(reference.identifier);
    return { kind, inLog: kind !== 'test' && insideLogCall(reference.identifier, ctx) };
  });
}

/** The `const` a reference to the error initialises, whole or as a branch of a conditional (`e instanceof Error ? e : new Error(String(e))`). */
function aliasDeclarator(identifier: TSESTree.Node): TSESTree.VariableDeclarator | undefined {
  let value: TSESTree.Node = identifier;
  let parent = value.parent;
  while (parent?.type === AST_NODE_TYPES.TSAsExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression || (parent?.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== value)) {
    value = parent;
    parent = value.parent;
  }
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== value || parent.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return parent.parent.kind === 'const' ? parent : undefined;
}

/** What one reference to the error does with it. */
function useKind(identifier: TSESTree.Node): ErrorUse['kind'] {
  const value: TSESTree.Node = identifier;
  const parent = parentOf(value);
  if (parent?.type === AST_NODE_TYPES.MemberExpression && skipWrappers(parent.object) === identifier) {
    const field = propertyName(parent);
    // Climb the rest of the chain: `err.response.status`, `err.message.includes('x')`, `err.toString()`.
    const textOnly = isErrorTextField(field);
    let top: TSESTree.Node = parent;
    for (;;) {
      const up = parentOf(top);
      if (up?.type === AST_NODE_TYPES.CallExpression && skipWrappers(up.callee) === top) {
        top = up;
        continue;
      }
      if (up?.type === AST_NODE_TYPES.MemberExpression && skipWrappers(up.object) === top) {
        if (isTextTestMethod(propertyName(up)) || propertyName(up) === 'length') return 'test';
        top = up;
        continue;
      }
      break;
    }
    if (isTested(top, parentOf(top))) return 'test';
    return textOnly ? 'text' : 'whole';
  }
  if (isTested(value, parent)) return 'test';
  if (parent?.type === AST_NODE_TYPES.TemplateLiteral || (parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+')) return 'text';
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.some((arg) => skipWrappers(arg) === value)) {
    const names = chainNames(parent.callee);
    const callee = names.at(-1) ?? '';
    if (names.length === 1 && callee === 'String') return 'text';
    if (/^is[A-Z]/.test(callee)) return 'test';
  }
  return 'whole';
}

function isTested(value: TSESTree.Node, parent: TSESTree.Node | undefined): boolean {
  if (parent === undefined) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.BinaryExpression:
      return COMPARISONS.has(parent.operator);
    case AST_NODE_TYPES.SwitchStatement:
      return parent.discriminant === value;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === 'typeof' || parent.operator === '!';
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === value;
    case AST_NODE_TYPES.LogicalExpression:
      return parent.left === value && parent.operator === '&&';
    default:
      return false;
  }
}

/** Directives for tools (linters, coverage, our fixtures' `expect: <rule>` labels): they explain nothing. */
const TOOL_COMMENT = /^\s*(?:eslint|@ts-|prettier-ignore|istanbul|c8|biome-ignore|oxlint|expect:)/;
/** How far above the statement holding a catch a comment may sit and still speak for it. */
const NEARBY_LINES = 3;

/**
 * A comment in the catch body that explains it (not a `TODO`), or a comment next to the catch —
 * above the `try` or the statement holding `.catch`, or trailing on its line — that says the
 * silence is intended ("best effort", "fail open", "ignore").
 */
export function isExplained(site: CatchSite, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const container = site.body.type === AST_NODE_TYPES.BlockStatement ? site.body : site.declarer;
  if (sourceCode.getCommentsInside(container).some((comment) => !TOOL_COMMENT.test(comment.value) && isExplainingComment(comment.value))) return true;
  const statement = holdingStatement(site.node);
  if (statement === undefined) return false;
  const from = statement.loc.start.line - NEARBY_LINES;
  const to = site.body.loc.end.line + NEARBY_LINES;
  return sourceCode.getAllComments().some((comment) => comment.loc.end.line >= from && comment.loc.start.line <= to && !TOOL_COMMENT.test(comment.value) && isIntentComment(comment.value));
}

function holdingStatement(node: TSESTree.Node): TSESTree.Node | undefined {
  if (node.type === AST_NODE_TYPES.CatchClause) return node.parent;
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type.endsWith('Statement') || current.type === AST_NODE_TYPES.VariableDeclaration) return current;
    if (isFunction(current)) return undefined;
  }
  return undefined;
}

/**
 * The nearest named function around `node` promises not to throw (`tryX`, `xOrNull`, a health
 * probe), or the route handler around it serves a health path (`router.get('/_health', …)`).
 */
export function hasNoThrowContract(site: CatchSite): boolean {
  for (let current = site.node.parent; current != null; current = current.parent) {
    if (!isFunction(current)) continue;
    const call = current.parent;
    if (call.type === AST_NODE_TYPES.CallExpression) {
      const path = call.arguments[0];
      if (path?.type === AST_NODE_TYPES.Literal && typeof path.value === 'string' && isHealthRoutePath(path.value)) return true;
    }
    if (fallsThroughToCreate(site)) return true;
    const name = functionName(current);
    if (name !== undefined) return isNoThrowFunctionName(name) || (isPredicateName(name) && answersBoolean(site));
  }
  return false;
}

const isBooleanLiteral = (node: TSESTree.Node | null | undefined): boolean => node != null && node.type === AST_NODE_TYPES.Literal && typeof node.value === 'boolean';

/**
 * The nearest function around the catch answers only `true` or `false` (every `return` is a boolean
 * literal) and the catch answers `false`: the function reports the failure as that flag.
 */
function answersBooleanFlag(site: CatchSite): boolean {
  for (let current = site.node.parent; current != null; current = current.parent) {
    if (isFunction(current)) return answersBoolean(site) && returnsOnlyBooleans(current);
  }
  return false;
}

/**
 * The catch answers with a boolean literal: `catch { return false }`, `.catch(() => false)`, or a
 * catch that does not exit, followed by `return false` right after the `try`.
 */
function answersBoolean(site: CatchSite): boolean {
  if (site.body.type !== AST_NODE_TYPES.BlockStatement) return isBooleanLiteral(skipWrappers(site.body));
  if (site.body.body.some((statement) => statement.type === AST_NODE_TYPES.ReturnStatement && isBooleanLiteral(statement.argument))) return true;
  const last = site.body.body.at(-1);
  if (last !== undefined && alwaysExits(last)) return false;
  const next = statementAfter(site.node.parent);
  return next?.type === AST_NODE_TYPES.ReturnStatement && isBooleanLiteral(next.argument);
}

/** The statement right after `statement` in its block. */
function statementAfter(statement: TSESTree.Node | undefined): TSESTree.Statement | undefined {
  const block = statement?.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const index = block.body.findIndex((candidate) => candidate === statement);
  return index === -1 ? undefined : block.body[index + 1];
}

/** Every `return` of the function (none in the functions it defines) hands back a boolean literal, and there are at least two. */
function returnsOnlyBooleans(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const counts = { booleans: 0, others: 0 };
  walk(fn.body, (node) => {
    if (node !== fn.body && isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (isBooleanLiteral(node.argument)) counts.booleans += 1;
      else counts.others += 1;
    }
    return true;
  });
  return counts.others === 0 && counts.booleans >= 2;
}

/** A call that stores something new: `createSetting(…)`, `upsertSiteSetting(…)`, `repo.insert(…)`, `fs.writeFile(…)`. */
const CREATE_VERB = /^(?:create|insert|upsert|save|store|put|write|add|register|persist)(?:[A-Z_]|$)/;

/**
 * Get-or-create: the catch answers "nothing there" (`null`, `undefined`, nothing at all) for a read
 * whose result the function tests, and the function then creates the thing (`createSetting(…)`,
 * `upsert…`), which fails loudly when the store is down. The read's failure is the "create it" branch.
 */
function fallsThroughToCreate(site: CatchSite): boolean {
  if (clearsReadThenCreates(site)) return true;
  const answersNothing = site.body.type === AST_NODE_TYPES.BlockStatement
    ? site.body.body.every((statement) => statement.type === AST_NODE_TYPES.ReturnStatement && (statement.argument === null || isNothing(statement.argument)))
    : isNothing(skipWrappers(site.body));
  if (!answersNothing) return false;
  // `const stored = await read().catch(() => null);` or `try { … } catch {}`: the statement the read sits in.
  const statement = site.tryBlock === undefined ? holdingStatement(site.node) : site.node.parent;
  const block = statement?.parent;
  if (statement === undefined || block?.type !== AST_NODE_TYPES.BlockStatement) return false;
  const held = statement.type === AST_NODE_TYPES.VariableDeclaration ? statement.declarations.at(0)?.id : undefined;
  let after = block.body.slice(block.body.findIndex((candidate) => candidate === statement) + 1);
  if (site.tryBlock === undefined) {
    // The read's result is tested before the create, and what it found is returned: `if (stored) return stored;`.
    // (`if (!found) throw new NotFoundError()` answers a failed read as "not found": no create follows it.)
    const name = held?.type === AST_NODE_TYPES.Identifier ? held.name : undefined;
    const test = name === undefined ? -1 : after.findIndex((candidate) => candidate.type === AST_NODE_TYPES.IfStatement && rootName(candidate.test) === name && containsReturn(candidate.consequent));
    if (test === -1) return false;
    after = after.slice(test + 1);
  } else if (!site.tryBlock.body.some((candidate) => alwaysExits(candidate) || (candidate.type === AST_NODE_TYPES.IfStatement && alwaysExits(candidate.consequent)))) {
    // A `try` that returns what it found (`if (found) return found;`) falls through to the create only when it found nothing.
    return false;
  }
  return after.some((candidate) => createsAfter(candidate));
}

/**
 * Get-or-create through a variable: the `try` ends by reading into it (`found = await find(…)`), the
 * catch clears it (`found = null`, or nothing at all), and after the `try` the function tests it
 * (`if (!found) found = new Favorite(…)`) and goes on to create (`return this.save(found)`).
 */
function clearsReadThenCreates(site: CatchSite): boolean {
  const last = site.tryBlock?.body.at(-1);
  const read = last?.type === AST_NODE_TYPES.ExpressionStatement ? skipWrappers(last.expression) : undefined;
  if (read?.type !== AST_NODE_TYPES.AssignmentExpression || read.operator !== '=' || read.left.type !== AST_NODE_TYPES.Identifier || skipWrappers(read.right).type !== AST_NODE_TYPES.AwaitExpression) return false;
  const name = read.left.name;
  // The try only reads: the read is its one awaited call (`await payments.capture(id); found = await find(…)` drops the capture's failure).
  const awaited = skipWrappers(read.right);
  const call = awaited.type === AST_NODE_TYPES.AwaitExpression ? skipWrappers(awaited.argument) : undefined;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !isReadWork({ names: chainNames(call.callee) })) return false;
  if ((site.tryBlock?.body ?? []).slice(0, -1).some((statement) => containsOutsideFunctions(statement, (node) => node.type === AST_NODE_TYPES.AwaitExpression))) return false;
  if (site.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const clears = site.body.body.every((statement) => {
    const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? skipWrappers(statement.expression) : undefined;
    return expression?.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=' && expression.left.type === AST_NODE_TYPES.Identifier && expression.left.name === name && isNothing(skipWrappers(expression.right));
  });
  const statement = site.node.parent;
  const block = statement?.parent;
  if (!clears || block?.type !== AST_NODE_TYPES.BlockStatement) return false;
  const after = block.body.slice(block.body.findIndex((candidate) => candidate === statement) + 1);
  const test = after.findIndex((candidate) => candidate.type === AST_NODE_TYPES.IfStatement && rootName(unnegated(candidate.test)) === name);
  return test !== -1 && after.slice(test).some((candidate) => createsAfter(candidate));
}

/** The call's value is awaited or returned (`await repo.insert(…)`, `return this.categories.create(…)`, an arrow's body). */
function isAwaitedOrReturned(node: TSESTree.CallExpression): boolean {
  let current: TSESTree.Node = node;
  while (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSNonNullExpression || current.parent.type === AST_NODE_TYPES.ChainExpression) current = current.parent;
  const parent = current.parent;
  return parent.type === AST_NODE_TYPES.AwaitExpression || parent.type === AST_NODE_TYPES.ReturnStatement || (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current);
}

/** `found` for `!found`. */
function unnegated(test: TSESTree.Node): TSESTree.Node {
  const value = skipWrappers(test);
  return value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!' ? value.argument : value;
}

function isNothing(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

/** The variable a truthiness test reads: `stored`, `existing?.data.id` (not `!stored`, not a comparison). */
function rootName(test: TSESTree.Node): string | undefined {
  let node = skipWrappers(test);
  while (node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.ChainExpression) node = skipWrappers(node.type === AST_NODE_TYPES.MemberExpression ? node.object : node.expression);
  return node.type === AST_NODE_TYPES.Identifier ? node.name : undefined;
}

function containsReturn(statement: TSESTree.Node): boolean {
  return containsOutsideFunctions(statement, (node) => node.type === AST_NODE_TYPES.ReturnStatement);
}

/** The statement calls (outside nested functions) something that stores a new record. */
function createsAfter(statement: TSESTree.Node): boolean {
  return containsOutsideFunctions(statement, (node) => node.type === AST_NODE_TYPES.CallExpression && isCreateCall(node));
}

const CREATE_COMMAND_WORDS: ReadonlySet<string> = new Set(['create', 'insert', 'upsert']);

/**
 * A call that stores a new record: its name says so (`createSetting(…)`, `repo.insert(…)`), or it
 * sends a command named for a create (`commandBus.execute(new TimeSlotCreateCommand(input))`).
 */
function isCreateCall(node: TSESTree.CallExpression): boolean {
  if (CREATE_VERB.test(chainNames(node.callee).at(-1) ?? '')) return true;
  return node.arguments.some((raw) => {
    const arg = skipWrappers(raw);
    return arg.type === AST_NODE_TYPES.NewExpression && nameParts(dottedName(arg.callee)).some((part) => CREATE_COMMAND_WORDS.has(part));
  });
}

/** In a `finally`, inside another catch, in a function that shuts something down, or in a test hook (`afterAll(…)`). */
function onCleanupPath(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current != null; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && current.finalizer === child) return true;
    if (current.type === AST_NODE_TYPES.CatchClause && current.body === child) return true;
    if (isFunction(current)) {
      const name = functionName(current);
      if (name !== undefined && isShutdownFunctionName(name)) return true;
      // A callback handed to `.catch`/`.finally` or to another call continues the walk: `finally(() => x.close().catch(…))`.
      const call = current.parent;
      if (call.type === AST_NODE_TYPES.CallExpression && call.arguments.some((arg) => arg === current)) {
        const method = chainNames(call.callee).at(-1) ?? '';
        if (method === 'finally' || method === 'catch' || HOOKS.has(method)) return true;
        continue;
      }
      return false;
    }
  }
  return false;
}

function workOf(raw: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): GuardedWork {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.ImportExpression) return { names: ['import'], isImport: true };
  if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return { names: [] };
  // `load().then(f).finally(g)`: the work is the call the promise chain starts from.
  const callee = skipWrappers(node.callee);
  if (node.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.MemberExpression && PROMISE_METHODS.has(propertyName(callee))) {
    const origin = skipWrappers(callee.object);
    if (origin.type === AST_NODE_TYPES.CallExpression || origin.type === AST_NODE_TYPES.ImportExpression) return workOf(origin, sourceCode);
  }
  const names = chainNames(node.callee);
  let root: TSESTree.Node = skipWrappers(node.callee);
  while (root.type === AST_NODE_TYPES.MemberExpression || root.type === AST_NODE_TYPES.CallExpression) root = skipWrappers(root.type === AST_NODE_TYPES.MemberExpression ? root.object : root.callee);
  const rootImport = root.type === AST_NODE_TYPES.Identifier ? importSourceOf(root, sourceCode) : undefined;
  const first = node.arguments[0];
  const claim = first !== undefined && isConditionalClaim(names, valueFact(first, { sourceCode }));
  return {
    names,
    argumentCount: node.arguments.length,
    ...(claim ? { conditionalClaim: true } : {}),
    ...(publishesInProcess(callee, sourceCode) ? { inProcessPublish: true } : {}),
    ...(node.type === AST_NODE_TYPES.NewExpression ? { isNew: true } : {}),
    ...(rootImport === undefined ? {} : { rootImport }),
  };
}

/** `this.eventBus.publish(event)` on a receiver declared as an in-process event bus (`eventBus: EventBus` from `@nestjs/cqrs`). */
function publishesInProcess(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !IN_PROCESS_PUBLISH_METHODS.has(propertyName(callee))) return false;
  const receiver = skipWrappers(callee.object);
  const binding = receiver.type === AST_NODE_TYPES.Identifier
    ? identifierBinding(receiver, sourceCode)
    : receiver.type === AST_NODE_TYPES.MemberExpression && receiver.object.type === AST_NODE_TYPES.ThisExpression ? memberBinding(receiver, propertyName(receiver), sourceCode) : undefined;
  return isInProcessEventPublish(propertyName(callee), binding?.typeName, binding?.typeSource);
}

/**
 * The work of `await Promise.all(items.map(cb))`: what each callback awaits or returns
 * (`Promise.all(members.map((m) => this.eventBus.publish(…)))` waits for the publishes); undefined
 * for any other shape, or a callback whose work is not visible.
 */
function mappedWork(raw: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): GuardedWork[] | undefined {
  const node = skipWrappers(raw);
  if (node.type !== AST_NODE_TYPES.CallExpression || dottedName(node.callee) !== 'Promise.all') return undefined;
  const mapped = node.arguments[0] === undefined ? undefined : skipWrappers(node.arguments[0]);
  if (mapped?.type !== AST_NODE_TYPES.CallExpression || chainNames(mapped.callee).at(-1) !== 'map') return undefined;
  const callback = mapped.arguments[0];
  if (callback === undefined || !isFunction(callback)) return undefined;
  const work = callback.body.type === AST_NODE_TYPES.BlockStatement
    ? [...awaitedIn(callback.body, sourceCode), ...returnedCalls(callback.body).map((call) => workOf(call, sourceCode))]
    : isCallLike(callback.body) ? [workOf(callback.body, sourceCode)] : awaitedIn(callback.body, sourceCode);
  return work.length > 0 ? work : undefined;
}

/** The calls a function body returns without awaiting them (`return repo.save(x)`), outside the functions it defines. */
function returnedCalls(body: TSESTree.BlockStatement): TSESTree.Node[] {
  const calls: TSESTree.Node[] = [];
  walk(body, (node) => {
    if (node !== body && isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument !== null && isCallLike(node.argument)) calls.push(node.argument);
    return true;
  });
  return calls;
}

function isCallLike(raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  return node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.ImportExpression;
}

/** The executor of `new Promise(executor)`, when it is a function literal. */
function promiseExecutor(raw: TSESTree.Node): FunctionNode | undefined {
  const node = skipWrappers(raw);
  if (node.type !== AST_NODE_TYPES.NewExpression || dottedName(node.callee) !== 'Promise') return undefined;
  const executor = node.arguments[0];
  return executor !== undefined && isFunction(executor) ? executor : undefined;
}

/** The calls awaited in `body`, outside the functions it defines. */
function awaitedIn(body: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): GuardedWork[] {
  const work: GuardedWork[] = [];
  walk(body, (node) => {
    if (node !== body && isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression && isCallLike(node.argument)) work.push(workOf(node.argument, sourceCode));
    return true;
  });
  return work;
}

/** What the `try` awaits (outside the functions it defines), or the promise `.catch` is attached to. */
export function catchWork(site: CatchSite, sourceCode: Readonly<TSESLint.SourceCode>): GuardedWork[] {
  if (site.promise !== undefined) return [workOf(site.promise, sourceCode)];
  const work: GuardedWork[] = [];
  if (site.tryBlock === undefined) return work;
  walk(site.tryBlock, (node) => {
    if (isFunction(node)) return false;
    // `await new Promise(async (resolve) => { await client.connect(resolve); })`: the work is what the executor awaits.
    const executor = node.type === AST_NODE_TYPES.AwaitExpression ? promiseExecutor(node.argument) : undefined;
    if (node.type === AST_NODE_TYPES.AwaitExpression && executor !== undefined) {
      const inner = awaitedIn(executor.body, sourceCode);
      work.push(...(inner.length > 0 ? inner : [workOf(node.argument, sourceCode)]));
      return false;
    }
    const mapped = node.type === AST_NODE_TYPES.AwaitExpression ? mappedWork(node.argument, sourceCode) : undefined;
    if (mapped !== undefined) {
      work.push(...mapped);
      return false;
    }
    // `await pending`: a promise made elsewhere; what it waits for is not visible here.
    if (node.type === AST_NODE_TYPES.AwaitExpression && isCallLike(node.argument)) work.push(workOf(node.argument, sourceCode));
    else if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) work.push({ names: [] });
    else if (node.type === AST_NODE_TYPES.YieldExpression && node.delegate) work.push({ names: [] });
    return true;
  });
  return work;
}

/** An answer to the request made in a catch body: a response call, a Koa status, a thrown framework HTTP error. */
export interface ErrorResponse {
  readonly node: TSESTree.Node;
  /** `res.status().json`, `ctx.status`, `new InternalServerErrorException` */
  readonly label: string;
  /** The status is a literal 4xx. */
  readonly clientError: boolean;
}

/** Error responses a catch body builds (outside the functions it defines). */
export function errorResponsesIn(site: CatchSite, ctx: CatchContext): ErrorResponse[] {
  const found: ErrorResponse[] = [];
  walk(site.body, (node) => {
    if (node !== site.body && isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && isOutermostChain(node)) {
      const names = chainNames(node.callee);
      if (RESPONSE_RECEIVERS.has(names[0] ?? '') && names.length >= 2) {
        const info = buildChain(node, { sourceCode: ctx.sourceCode });
        const match = errorResponseOf(info.fact, resolverFor(ctx.typed, info.nodes));
        if (match !== undefined) found.push({ node, ...match });
      }
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression) {
      const target = chainNames(node.left);
      const status = valueFact(node.right, { sourceCode: ctx.sourceCode });
      if (isResponseStatusTarget(target) && isErrorStatus(status)) found.push({ node, label: target.join('.'), clientError: status.kind === 'number' && status.value !== undefined && status.value < 500 });
    } else if (node.type === AST_NODE_TYPES.ThrowStatement) {
      const thrown = skipWrappers(node.argument);
      if (thrown.type === AST_NODE_TYPES.NewExpression) {
        const name = dottedName(thrown.callee);
        if (isNestHttpExceptionName(name)) found.push({ node: thrown, label: `new ${name}`, clientError: false });
      }
    }
    return true;
  });
  return found;
}

/**
 * `true` when `node` is reached only for some errors: in the consequent of an `if` (or `?:`, `&&`)
 * whose test inspects the caught error (`err instanceof NotFoundError`, `err.code === 'P2025'`),
 * or in a non-default `case` of a `switch` on it. The `else` branch, a `default`, and anything
 * after such a test are reached by every other error: a catch-all.
 */
export function isGuardedByErrorTest(node: TSESTree.Node, site: CatchSite, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const param = site.param;
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = sourceCode.getDeclaredVariables(site.declarer).find((candidate) => candidate.name === param.name);
  const mentions = (test: TSESTree.Node): boolean => (variable?.references ?? []).some((reference) => reference.identifier.range[0] >= test.range[0] && reference.identifier.range[1] <= test.range[1]);
  let child: TSESTree.Node = node;
  for (let current = node.parent; current != null && current !== site.body; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (current.consequent === child && mentions(current.test) && !isNegation(current.test)) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (current.right === child && current.operator === '&&' && mentions(current.left)) return true;
        break;
      case AST_NODE_TYPES.SwitchCase:
        if (current.test !== null && mentions(current.parent.discriminant)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

function isNegation(test: TSESTree.Node): boolean {
  const value = skipWrappers(test);
  return value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!';
}

/**
 * `true` when the catch belongs to the central error handler itself: an Express error middleware
 * `(err, req, res, next)`, a Fastify `setErrorHandler` / Hono `onError` callback, a NestJS
 * exception filter's `catch(exception, host)`, or a Koa / Express middleware wrapping `await next()`.
 */
export function isCentralHandlerCatch(site: CatchSite): boolean {
  if (site.tryBlock !== undefined) {
    const next = { called: false };
    walk(site.tryBlock, (node) => {
      if (isFunction(node)) return false;
      if (node.type === AST_NODE_TYPES.CallExpression && dottedName(node.callee) === 'next') next.called = true;
      return !next.called;
    });
    if (next.called) return true;
  }
  for (let current = site.node.parent; current != null; current = current.parent) {
    if (!isFunction(current)) continue;
    if (current.params.length === 4) return true;
    const parent = current.parent;
    if (parent.type === AST_NODE_TYPES.MethodDefinition && functionName(current) === 'catch') return true;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.some((arg) => arg === current)) {
      const method = chainNames(parent.callee).at(-1) ?? '';
      if (CENTRAL_HANDLER_REGISTRARS.has(method)) return true;
    }
  }
  return false;
}

const CENTRAL_HANDLER_REGISTRARS: ReadonlySet<string> = new Set(['setErrorHandler', 'onError', 'errorHandler']);

const MEDIA_ANSWER_METHODS: ReadonlySet<string> = new Set(['contentType', 'type', 'sendFile', 'download', 'attachment', 'pipe']);
const HEADER_SETTERS: ReadonlySet<string> = new Set(['setHeader', 'set', 'header']);

/**
 * `true` when the `try` answers with a file or media of its own type rather than a JSON body:
 * `res.contentType(type); res.send(buffer)`, `res.type('png')`, `res.setHeader('Content-Type', …)`,
 * `res.sendFile(path)`, `stream.pipe(res)`. A client that loads such a URL (an `<img>`, a download)
 * reads only the status of a failure.
 */
export function tryAnswersMedia(site: CatchSite): boolean {
  if (site.tryBlock === undefined) return false;
  const found = { media: false };
  walk(site.tryBlock, (node) => {
    if (isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const names = chainNames(node.callee);
      const method = names.at(-1) ?? '';
      const first = node.arguments[0];
      const setsContentType = HEADER_SETTERS.has(method) && first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' && first.value.toLowerCase() === 'content-type';
      if (names.length >= 2 && (MEDIA_ANSWER_METHODS.has(method) || setsContentType)) found.media = true;
    }
    return !found.media;
  });
  return found.media;
}

/**
 * `true` when the `try` calls (anywhere, arguments included) a function whose failure is an
 * answer about the input: `findByPk(idDecode(id))`, `parseBody(req)`, `verifyToken(t)`.
 */
export function tryCallsVerdict(site: CatchSite): boolean {
  if (site.tryBlock === undefined) return false;
  const found = { verdict: false };
  walk(site.tryBlock, (node) => {
    if (isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && isInputVerdictCall(chainNames(node.callee))) found.verdict = true;
    return !found.verdict;
  });
  return found.verdict;
}
