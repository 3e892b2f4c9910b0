import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { classifyQuery, isReadMethodName } from '../core/classify/query.js';
import { classifyRetryHelperCall, delayArgumentIndex, delayNameOf, isRetryDecoratorName, isRetryLoop, mayMentionRetryHelper, type RetryDelayFact, type RetryLoopFacts } from '../core/classify/retry.js';
import type { ValueFact } from '../core/facts.js';
import type { BackendPatternsSettings } from '../core/settings.js';
import { containsOutsideFunctions, isFunction, oncePerFile, walk, type FunctionNode } from './ast.js';
import { mayBeQueryCall } from './db-access.js';
import { fileNodes } from './file-nodes.js';
import { buildChain, chainNames, dottedName, parentOf, skipWrappers, valueFact, type FactOptions } from './facts.js';
import { localCallee } from './functions.js';
import { resolverFor, type TypedContext } from './typed.js';
import { isLoopStatement, loopKind, type LoopStatement } from './loops.js';

/**
 * ESTree loop → `RetryLoopFacts` for `core/classify/retry`. The walk stays inside the loop's own
 * body: nested functions and nested loops belong to someone else.
 */
export function retryLoopFacts(loop: LoopStatement): RetryLoopFacts {
  const counterNames = new Set<string>();
  const conditionNames = new Set<string>();
  let hasTry = false;
  let tryExitsOnSuccess = false;
  let tryAlwaysExits = false;
  const tries = { nested: false };
  let catchContinues = false;
  let catchRethrowsAlways = false;
  let counterUsedAsIndex = false;
  const subscripts = new Set<string>();
  const catchReads = new Set<string>();
  const catchSteps = new Set<string>();
  const catchFilterWords: string[] = [];
  const topStatements = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [loop.body];

  const collectNames = (node: TSESTree.Node | null | undefined, into: Set<string>): void => {
    if (node == null) return;
    walk(node, (current) => {
      if (current.type === AST_NODE_TYPES.Identifier) into.add(current.name);
      return true;
    });
  };

  if (loop.type === AST_NODE_TYPES.ForStatement) {
    collectNames(loop.test, conditionNames);
    if (loop.update !== null) collectUpdated(loop.update, counterNames);
  } else if (loop.type === AST_NODE_TYPES.WhileStatement || loop.type === AST_NODE_TYPES.DoWhileStatement) {
    collectNames(loop.test, conditionNames);
  }

  walk(loop.body, (node) => {
    if (isFunctionOrLoop(node)) return false;
    collectUpdated(node, counterNames, true);
    if (node.type === AST_NODE_TYPES.MemberExpression && node.computed && node.property.type === AST_NODE_TYPES.Identifier) subscripts.add(node.property.name);
    if (node.type === AST_NODE_TYPES.TryStatement) {
      hasTry = true;
      if (!topStatements.includes(node)) tries.nested = true;
      if (containsJump(node.block, (jump) => jump.type === AST_NODE_TYPES.ReturnStatement || (jump.type === AST_NODE_TYPES.BreakStatement && jump.label === null))) tryExitsOnSuccess = true;
      if (alwaysLeaves(node.block)) tryAlwaysExits = true;
      if (node.handler !== null) {
        // The catch goes round again with `continue`, or by falling through to the loop's end;
        // one that always throws, returns or breaks never retries.
        const leaves = node.handler.body.body.some((statement) => statement.type === AST_NODE_TYPES.ThrowStatement || statement.type === AST_NODE_TYPES.ReturnStatement || (statement.type === AST_NODE_TYPES.BreakStatement && statement.label === null));
        // `if (transient(err)) continue; throw err;` retries: a `continue` before the rethrow goes round again.
        const continues = containsJump(node.handler.body, (jump) => jump.type === AST_NODE_TYPES.ContinueStatement);
        if (leaves && !continues) catchRethrowsAlways = true;
        if (!leaves || continues) catchContinues = true;
        collectCatchFacts(node.handler.body, catchReads, catchFilterWords);
        const stepped = new Set<string>();
        collectUpdated(node.handler.body, stepped);
        const handedOn = awaitedArgumentNames(node.block);
        for (const name of stepped) if (handedOn.has(name)) catchSteps.add(name);
      }
    }
    return true;
  });
  // Only a `try` among the body's own statements is re-run by the loop; one nested in a branch
  // (a parser's decode fallback) is not, unless another sits at the top.
  const tryAtTopLevel = !tries.nested || topStatements.some((statement) => statement.type === AST_NODE_TYPES.TryStatement);
  for (const name of counterNames) if (subscripts.has(name)) counterUsedAsIndex = true;
  const test = loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement ? null : loop.test;
  const comparesLength = test != null && containsMember(test, 'length');

  const bindingNames: string[] = [];
  if ((loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) && loop.left.type === AST_NODE_TYPES.VariableDeclaration) {
    for (const declarator of loop.left.declarations) if (declarator.id.type === AST_NODE_TYPES.Identifier) bindingNames.push(declarator.id.name);
  }
  return {
    loopKind: loopKind(loop),
    bindingNames,
    infinite: test === null ? loop.type === AST_NODE_TYPES.ForStatement : isAlwaysTrue(test),
    counterNames: [...counterNames],
    conditionNames: [...conditionNames],
    hasTry,
    tryExitsOnSuccess,
    tryAlwaysExits,
    tryAtTopLevel,
    testAssigns: test != null && containsAssignment(test),
    freshValues: freshValuesBeforeTry(topStatements),
    catchReads: [...catchReads],
    catchSteps: [...catchSteps],
    catchFilterWords,
    catchContinues,
    catchRethrowsAlways,
    counterUsedAsIndex,
    iteratesCollection: loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement || counterUsedAsIndex || comparesLength,
  };
}

const EXCLUDING_METHODS: ReadonlySet<string> = new Set(['add', 'push', 'delete', 'remove', 'exclude', 'set']);

function propertyNameOf(member: TSESTree.MemberExpression): string {
  return !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : '';
}

/** Does every path through `block` end in `return`, `throw` or an unlabelled `break`? */
function alwaysLeaves(node: TSESTree.Node | null | undefined): boolean {
  if (node == null) return false;
  switch (node.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.BreakStatement:
      return node.label === null;
    case AST_NODE_TYPES.BlockStatement:
      return node.body.some((statement) => alwaysLeaves(statement));
    case AST_NODE_TYPES.IfStatement:
      return alwaysLeaves(node.consequent) && alwaysLeaves(node.alternate);
    default:
      return false;
  }
}

function containsAssignment(node: TSESTree.Node): boolean {
  return containsOutsideFunctions(node, (current) => current.type === AST_NODE_TYPES.AssignmentExpression);
}

/**
 * `const port = await getAvailablePort()` before the `try` (or first in it), then used in it: the
 * value the round tries, with the name of the function that produced it.
 */
function freshValuesBeforeTry(statements: readonly TSESTree.Statement[]): { name: string; from: string; inTry?: boolean }[] {
  const tryIndex = statements.findIndex((statement) => statement.type === AST_NODE_TYPES.TryStatement);
  const tryStatement = statements[tryIndex];
  if (tryStatement?.type !== AST_NODE_TYPES.TryStatement) return [];
  const usedInTry = new Set<string>();
  walk(tryStatement.block, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier) usedInTry.add(node.name);
    return true;
  });
  const values: { name: string; from: string; inTry?: boolean }[] = [];
  // The values taken before the `try`, and at the head of its block (`try { const uri = await readline(); … }`).
  const firstOther = tryStatement.block.body.findIndex((statement) => statement.type !== AST_NODE_TYPES.VariableDeclaration);
  const head = firstOther === -1 ? tryStatement.block.body : tryStatement.block.body.slice(0, firstOther);
  for (const statement of [...statements.slice(0, tryIndex), ...head]) {
    const inTry = head.includes(statement);
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init == null || !usedInTry.has(declarator.id.name)) continue;
      let init = skipWrappers(declarator.init);
      if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipWrappers(init.argument);
      if (init.type !== AST_NODE_TYPES.CallExpression) continue;
      const names = chainNames(init.callee);
      values.push({ name: declarator.id.name, from: names[names.length - 1] ?? '', ...(inTry ? { inTry: true } : {}) });
    }
  }
  return values;
}

/** The names inside the arguments of the calls a block awaits (`await coll.insertOne({ _id: uid })` → `uid`), nested functions aside. */
function awaitedArgumentNames(block: TSESTree.BlockStatement): Set<string> {
  const names = new Set<string>();
  walk(block, (node) => {
    if (isFunction(node)) return false;
    const awaited = node.type === AST_NODE_TYPES.AwaitExpression ? skipWrappers(node.argument) : undefined;
    if (awaited?.type === AST_NODE_TYPES.CallExpression) {
      for (const arg of awaited.arguments) {
        walk(arg, (inner) => {
          if (inner.type === AST_NODE_TYPES.Identifier) names.add(inner.name);
          return !isFunction(inner);
        });
      }
    }
    return true;
  });
  return names;
}

/**
 * What the `catch` does with values and errors: identifiers it passes to calls or assigns from
 * (`remaining = without(remaining, client)`), and the words of its error tests (`if`, `?:`,
 * `switch`, `instanceof`): identifiers, property names and string literals.
 */
function collectCatchFacts(body: TSESTree.BlockStatement, reads: Set<string>, filterWords: string[]): void {
  const words = (node: TSESTree.Node): void => {
    walk(node, (current) => {
      if (current.type === AST_NODE_TYPES.Identifier) filterWords.push(current.name);
      else if (current.type === AST_NODE_TYPES.Literal && (typeof current.value === 'string' || typeof current.value === 'number')) filterWords.push(String(current.value));
      else if (current.type === AST_NODE_TYPES.TemplateLiteral && current.expressions.length === 0) filterWords.push(current.quasis[0]?.value.cooked ?? '');
      return !isFunction(current);
    });
  };
  walk(body, (node) => {
    if (isFunctionOrLoop(node)) return false;
    switch (node.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        words(node.test);
        break;
      case AST_NODE_TYPES.SwitchStatement:
        words(node.discriminant);
        for (const switchCase of node.cases) if (switchCase.test !== null) words(switchCase.test);
        break;
      case AST_NODE_TYPES.CallExpression: {
        // `tried.add(port)`, `excluded.push(host)`: the failed candidate is ruled out.
        const callee = skipWrappers(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && EXCLUDING_METHODS.has(propertyNameOf(callee))) {
          for (const arg of node.arguments) if (arg.type === AST_NODE_TYPES.Identifier) reads.add(arg.name);
        }
        break;
      }
      case AST_NODE_TYPES.AssignmentExpression:
        walk(node.right, (current) => {
          if (current.type === AST_NODE_TYPES.Identifier) reads.add(current.name);
          return !isFunction(current);
        });
        break;
      default:
        break;
    }
    return true;
  });
}

const cache = new WeakMap<TSESTree.Node, boolean>();

/** Is this loop statement a hand-written retry (SPEC §3 "retry construct")? Memoised per node. */
export function isHandWrittenRetryLoop(loop: LoopStatement): boolean {
  const hit = cache.get(loop);
  if (hit !== undefined) return hit;
  const result = isRetryLoop(retryLoopFacts(loop));
  cache.set(loop, result);
  return result;
}

function isAlwaysTrue(test: TSESTree.Expression): boolean {
  return (test.type === AST_NODE_TYPES.Literal && test.value === true) || (test.type === AST_NODE_TYPES.Literal && test.value === 1);
}

function collectUpdated(node: TSESTree.Node, into: Set<string>, shallow = false): void {
  const visit = (current: TSESTree.Node): boolean => {
    if (current.type === AST_NODE_TYPES.UpdateExpression && current.argument.type === AST_NODE_TYPES.Identifier) into.add(current.argument.name);
    if (current.type === AST_NODE_TYPES.AssignmentExpression && (current.operator === '+=' || current.operator === '-=') && current.left.type === AST_NODE_TYPES.Identifier) {
      into.add(current.left.name);
    }
    return !shallow;
  };
  if (shallow) visit(node);
  else walk(node, visit);
}

function isFunctionOrLoop(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return true;
    default:
      return false;
  }
}

function containsJump(node: TSESTree.Node, predicate: (node: TSESTree.Node) => boolean): boolean {
  let found = false;
  walk(node, (current) => {
    if (found || isFunctionOrLoop(current) || current.type === AST_NODE_TYPES.SwitchStatement) return false;
    if (predicate(current)) found = true;
    return !found;
  });
  return found;
}

function containsMember(node: TSESTree.Node, property: string): boolean {
  let found = false;
  walk(node, (current) => {
    if (current.type === AST_NODE_TYPES.MemberExpression && !current.computed && current.property.type === AST_NODE_TYPES.Identifier && current.property.name === property) found = true;
    return !found;
  });
  return found;
}

const leavesLoop = (statement: TSESTree.Node | undefined): boolean =>
  statement !== undefined && containsJump(statement, (jump) => jump.type === AST_NODE_TYPES.ThrowStatement || jump.type === AST_NODE_TYPES.ReturnStatement || (jump.type === AST_NODE_TYPES.BreakStatement && jump.label === null));

/** `continue`, or a block ending in one: the loop goes round. */
function goesRound(statement: TSESTree.Statement): boolean {
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body[statement.body.length - 1] : statement;
  return last?.type === AST_NODE_TYPES.ContinueStatement && last.label === null;
}

/** The statement right after `statement` in its block, if any. */
function nextStatement(statement: TSESTree.Statement): TSESTree.Statement | undefined {
  const parent = statement.parent;
  const body = parent.type === AST_NODE_TYPES.BlockStatement ? parent.body : parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : undefined;
  if (body === undefined) return undefined;
  return body[body.indexOf(statement) + 1];
}

/**
 * `retryLoopFacts` plus what `retryLoopBackoffProblem` needs: the waits of the body (also inside
 * `new Promise((resolve) => setTimeout(resolve, ms))`), its assignments and the identifiers read
 * by `if` tests that leave the loop.
 */
export function retryBackoffFacts(loop: LoopStatement, ctx: RetryContext): RetryLoopFacts {
  const { sourceCode } = ctx;
  const options: FactOptions = { sourceCode };
  // Delay arithmetic nests deeper than call arguments (`Math.min(max, base * 2 ** (attempt - 1))`).
  const deep = -4;
  const delays: RetryDelayFact[] = [];
  const assignments: { name: string; value: ValueFact }[] = [];
  const guardNames = new Set<string>();
  const guardedAssignments: { name: string; guardNames: string[] }[] = [];
  const guardsOf = (node: TSESTree.Node): string[] => {
    const names: string[] = [];
    for (let child = node, parent = node.parent; parent != null && child !== loop.body; child = parent, parent = parent.parent) {
      if (parent.type === AST_NODE_TYPES.IfStatement && child !== parent.test) {
        walk(parent.test, (current) => {
          if (current.type === AST_NODE_TYPES.Identifier) names.push(current.name);
          return true;
        });
      }
    }
    return names;
  };

  const visitDelays = (root: TSESTree.Node, insidePromise: boolean): void => {
    walk(root, (node) => {
      if (node !== root && isFunction(node) && !insidePromise && !isPromiseExecutor(node)) return false;
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const name = delayNameOf(chainNames(node.callee));
        const args = node.arguments.map((arg) => valueFact(arg, options));
        const awaitedAlone = node.parent.type === AST_NODE_TYPES.AwaitExpression && node.parent.parent.type === AST_NODE_TYPES.ExpressionStatement;
        const index = delayArgumentIndex(name, args, awaitedAlone);
        if (index !== undefined) {
          const argument = node.arguments[index];
          const updatedNames = new Set<string>();
          if (argument !== undefined) collectUpdated(argument, updatedNames);
          delays.push({ ms: argument === undefined ? undefined : valueFact(argument, options, deep), indexNames: argument === undefined ? [] : computedIndexNames(argument), updatedNames: [...updatedNames] });
        }
      }
      return true;
    });
  };
  walk(loop.body, (node) => {
    if (isFunctionOrLoop(node)) return false;
    switch (node.type) {
      case AST_NODE_TYPES.NewExpression:
        if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Promise') {
          const executor = node.arguments[0];
          if (executor !== undefined && isFunction(executor)) visitDelays(executor.body, true);
        }
        return true;
      case AST_NODE_TYPES.CallExpression:
        visitDelays(node, false);
        return false;
      case AST_NODE_TYPES.VariableDeclarator:
        if (node.id.type === AST_NODE_TYPES.Identifier && node.init !== null) assignments.push({ name: node.id.name, value: valueFact(node.init, options, deep) });
        return true;
      case AST_NODE_TYPES.AssignmentExpression:
        if (node.left.type === AST_NODE_TYPES.Identifier) {
          const name = node.left.name;
          const value = valueFact(node.right, options, deep);
          assignments.push({ name, value: node.operator === '=' ? value : { kind: 'binary', operator: node.operator.slice(0, -1), left: { kind: 'identifier', name }, right: value } });
          const guards = guardsOf(node);
          if (guards.length > 0) guardedAssignments.push({ name, guardNames: guards });
        }
        return true;
      case AST_NODE_TYPES.IfStatement:
        // `if (attempt >= max) throw err`, or its mirror `if (isConflict(err) && attempt < max) continue; throw err`.
        if (leavesLoop(node.consequent) || (goesRound(node.consequent) && (node.alternate == null ? leavesLoop(nextStatement(node)) : leavesLoop(node.alternate)))) {
          walk(node.test, (current) => {
            if (current.type === AST_NODE_TYPES.Identifier) guardNames.add(current.name);
            return true;
          });
        }
        return true;
      default:
        return true;
    }
  });
  return { ...retryLoopFacts(loop), delays, assignments, guardNames: [...guardNames], guardedAssignments, attemptedCalls: attemptedCalls(loop, ctx), tryAwaits: tryAwaits(loop) };
}

/** The blocks of the `try` statements among the loop body's own statements. */
function tryBlocksOf(loop: LoopStatement): TSESTree.BlockStatement[] {
  const topStatements = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [loop.body];
  return topStatements.flatMap((statement) => (statement.type === AST_NODE_TYPES.TryStatement ? [statement.block] : []));
}

/** A `try` statement of the loop's body awaits or yields, nested functions aside (`RetryLoopFacts.tryAwaits`). */
function tryAwaits(loop: LoopStatement): boolean {
  let found = false;
  for (const block of tryBlocksOf(loop)) {
    walk(block, (node) => {
      if (found || isFunction(node)) return false;
      if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await)) found = true;
      return !found;
    });
  }
  return found;
}

/** The calls awaited by the `try` statements of the loop's body, for `pollsForRecord`. */
function attemptedCalls(loop: LoopStatement, ctx: RetryContext): { name: string; queryRead: boolean; throwsWhenAbsent: boolean }[] {
  const calls: { name: string; queryRead: boolean; throwsWhenAbsent: boolean }[] = [];
  for (const block of tryBlocksOf(loop)) {
    walk(block, (node) => {
      if (isFunction(node)) return false;
      if (node.type !== AST_NODE_TYPES.AwaitExpression) return true;
      const call = skipWrappers(node.argument);
      if (call.type !== AST_NODE_TYPES.CallExpression) return true;
      const fn = localCallee(call, ctx.sourceCode);
      calls.push({ name: chainNames(call.callee).at(-1) ?? '', queryRead: isQueryRead(call, ctx), throwsWhenAbsent: fn !== undefined && throwsWhenReadAbsent(fn, ctx) });
      return true;
    });
  }
  return calls;
}

/** Core's query judgement names the call a read (`repo.findOneOrFail(…)`, `this.orders.findOne(…)` on an injected repository). */
function isQueryRead(call: TSESTree.CallExpression, ctx: RetryContext): boolean {
  if (!mayBeQueryCall(call, ctx.settings, ctx.sourceCode.ast)) return false;
  const info = buildChain(call, { sourceCode: ctx.sourceCode, typed: ctx.typed });
  return classifyQuery(info.fact, { settings: ctx.settings, resolve: resolverFor(ctx.typed, info.nodes) })?.access === 'read';
}

/**
 * The function throws when the row a query read is absent: `const order = await this.orders.findOne(…); if (!order) throw …`,
 * `entity = await repo.findOne(…); if (entity == null || …) throw …`, and awaits nothing but query reads.
 * Its failure says "not there (yet)".
 */
function throwsWhenReadAbsent(fn: FunctionNode, ctx: RetryContext): boolean {
  const read = new Set<string>();
  walk(fn.body, (node) => {
    if (node !== fn.body && isFunction(node)) return false;
    const [name, value] =
      node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier ? [node.id.name, node.init]
      : node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.Identifier ? [node.left.name, node.right]
      : [undefined, undefined];
    const awaited = value == null ? undefined : skipWrappers(value);
    const call = awaited?.type === AST_NODE_TYPES.AwaitExpression ? skipWrappers(awaited.argument) : undefined;
    if (name !== undefined && call?.type === AST_NODE_TYPES.CallExpression && isQueryRead(call, ctx)) read.add(name);
    return true;
  });
  if (read.size === 0) return false;
  // Its only awaited work is reading: a charge or a write after the lookup makes each attempt more than a poll.
  const awaited: TSESTree.Node[] = [];
  walk(fn.body, (node) => {
    if (node !== fn.body && isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression) awaited.push(skipWrappers(node.argument));
    return true;
  });
  // A read: a query the query judgement names a read, or a lookup named as one (`this.findOneInChannel(…)`) — not `charge`, `save`, `send`.
  if (!awaited.every((call) => call.type === AST_NODE_TYPES.CallExpression && (isReadMethodName(chainNames(call.callee).at(-1) ?? '') || isQueryRead(call, ctx)))) return false;
  let found = false;
  walk(fn.body, (node) => {
    if (found || (node !== fn.body && isFunction(node))) return false;
    if (node.type === AST_NODE_TYPES.IfStatement && alwaysThrows(node.consequent) && testsAbsence(node.test, read)) found = true;
    return !found;
  });
  return found;
}

function alwaysThrows(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ThrowStatement) return true;
  return node.type === AST_NODE_TYPES.BlockStatement && node.body.length > 0 && node.body.every((statement) => statement.type === AST_NODE_TYPES.ThrowStatement);
}

/** `!x`, `x == null`, `x === undefined`, or either side of an `||` that does. */
function testsAbsence(raw: TSESTree.Node, names: ReadonlySet<string>): boolean {
  const test = skipWrappers(raw);
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '||') return testsAbsence(test.left, names) || testsAbsence(test.right, names);
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') {
    const operand = skipWrappers(test.argument);
    return operand.type === AST_NODE_TYPES.Identifier && names.has(operand.name);
  }
  if (test.type === AST_NODE_TYPES.BinaryExpression && ['==', '==='].includes(test.operator)) {
    const [value, other] = [skipWrappers(test.left), skipWrappers(test.right)];
    const empty = (node: TSESTree.Node): boolean => (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
    return (value.type === AST_NODE_TYPES.Identifier && names.has(value.name) && empty(other)) || (other.type === AST_NODE_TYPES.Identifier && names.has(other.name) && empty(value));
  }
  return false;
}

function isPromiseExecutor(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.NewExpression && parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'Promise';
}

/** `DELAYS[attempt]`, `schedule[Math.min(attempt, 4)]` → the identifiers of the indexes. */
function computedIndexNames(node: TSESTree.Node): string[] {
  const names: string[] = [];
  walk(skipWrappers(node), (current) => {
    if (current.type === AST_NODE_TYPES.MemberExpression && current.computed) {
      walk(current.property, (inner) => {
        if (inner.type === AST_NODE_TYPES.Identifier) names.push(inner.name);
        return true;
      });
    }
    return true;
  });
  return names;
}

export interface RetryContext {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly settings: BackendPatternsSettings;
  readonly typed: TypedContext | undefined;
}

/** The retry construct that re-runs a node, as the rules describe it. */
export interface EnclosingRetry {
  readonly kind: 'helper' | 'decorator' | 'loop' | 'named';
  /** `pRetry(…)`, `@Retryable()`, `hand-written retry loop`, `'saveOrder' (retried by pRetry(…) on line 12)`. */
  readonly label: string;
  /** Calls passed the function that holds the node, between the node and the retry (`$transaction(async (tx) => …)`). */
  readonly crossedCalls: readonly TSESTree.CallExpression[];
  /** The construct itself, one per retry: the helper call, the loop, the decorated method, the function a helper runs by name. */
  readonly node: TSESTree.Node;
  /** What each attempt runs: the retried function, or the loop's `try` block. */
  readonly unit: TSESTree.Node;
  /**
   * The code that decides which errors are retried, as text: the helper's name and its options
   * (`withBusyRetry`, `{ retryable: (e) => e instanceof InvalidSwapError }`), the decorator, or the
   * words of the loop's `catch` tests.
   */
  readonly errorFilter: readonly string[];
}

const mentions = new WeakMap<TSESTree.Program, boolean>();

/** Untyped, a file whose text names no retry helper, package or decorator has none (`mayMentionRetryHelper`). */
export function mayHaveRetryHelpers(ctx: RetryContext): boolean {
  return ctx.typed !== undefined || oncePerFile(mentions, ctx.sourceCode.ast, () => mayMentionRetryHelper(ctx.sourceCode.text, ctx.settings));
}

/** The retry helper call that runs `fn` as its retried callback, if any. */
export function retryHelperRunning(fn: TSESTree.Node, ctx: RetryContext): TSESTree.CallExpression | undefined {
  if (!mayHaveRetryHelpers(ctx)) return undefined;
  const call = parentOf(fn);
  if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const index = call.arguments.findIndex((arg) => skipWrappers(arg) === fn);
  if (index === -1) return undefined;
  const info = buildChain(call, { sourceCode: ctx.sourceCode, typed: ctx.typed }, 2);
  const match = classifyRetryHelperCall(info.fact, ctx.settings, resolverFor(ctx.typed, info.nodes));
  return match?.callbackArgIndex === index ? call : undefined;
}

function retryDecoratorOf(fn: TSESTree.Node): { readonly label: string; readonly node: TSESTree.Decorator } | undefined {
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.value !== fn) return undefined;
  for (const decorator of method.decorators) {
    const name = dottedName(decorator.expression);
    if (name !== '' && isRetryDecoratorName(name)) return { label: `@${name}${decorator.expression.type === AST_NODE_TYPES.CallExpression ? '()' : ''}`, node: decorator };
  }
  return undefined;
}

/** The name a function is called by in its file: `function save()`, `const save = () => …`, a method `save()`. */
export function functionName(fn: TSESTree.Node): string | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) && !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier) return parent.key.name;
  return undefined;
}

function calleeLabel(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const name = dottedName(call.callee);
  const text = name === '' ? sourceCode.getText(call.callee) : name;
  return `${text.length > 40 ? `${text.slice(0, 37)}…` : text}(…)`;
}

/** A retry helper call, as its retried function's name knows it. */
export interface RetriedBy {
  readonly label: string;
  readonly call: TSESTree.CallExpression;
  /** The argument that is the retried function. */
  readonly callback: TSESTree.Node;
}

const retriedNames = new WeakMap<TSESTree.Program, Map<string, RetriedBy>>();

/**
 * Functions of this file that a retry helper runs by name: `pRetry(saveOrder)`,
 * `retry(this.persist)`, and functions called directly from a retried callback
 * (`pRetry(() => saveOrder(order))`, `pRetry(() => this.persist(order))`), with the helper's label.
 * Built once per file, on first use.
 */
export function retriedFunctionNames(ctx: RetryContext): ReadonlyMap<string, RetriedBy> {
  return oncePerFile(retriedNames, ctx.sourceCode.ast, () => findRetriedFunctionNames(ctx));
}

function findRetriedFunctionNames(ctx: RetryContext): Map<string, RetriedBy> {
  const names = new Map<string, RetriedBy>();
  if (!mayHaveRetryHelpers(ctx)) return names;
  for (const node of fileNodes(ctx.sourceCode).calls) {
    if (!mayBeRetryHelper(node)) continue;
    const info = buildChain(node, { sourceCode: ctx.sourceCode, typed: ctx.typed }, 2);
    const match = classifyRetryHelperCall(info.fact, ctx.settings, resolverFor(ctx.typed, info.nodes));
    const callback = match === undefined ? undefined : node.arguments[match.callbackArgIndex];
    if (callback === undefined) continue;
    const target = skipWrappers(callback);
    const by: RetriedBy = { label: `${calleeLabel(node, ctx.sourceCode)} on line ${String(node.loc.start.line)}`, call: node, callback: target };
    const named = calledName(target);
    if (named !== undefined) names.set(named, by);
    if (isFunction(target)) {
      walk(target.body, (inner) => {
        if (inner.type === AST_NODE_TYPES.CallExpression) {
          const name = calledName(skipWrappers(inner.callee));
          if (name !== undefined && !names.has(name)) names.set(name, by);
        }
        return !isFunction(inner);
      });
    }
  }
  return names;
}

/** `save`, `this.save`, `this.save.bind(this)` → `save`. */
function calledName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    if (node.object.type === AST_NODE_TYPES.ThisExpression) return node.property.name;
    if (node.property.name === 'bind') return calledName(skipWrappers(node.object));
  }
  if (node.type === AST_NODE_TYPES.CallExpression) return calledName(skipWrappers(node.callee));
  return undefined;
}

/** Cheap pre-filter: a call with a function or a name among its first two arguments. */
function mayBeRetryHelper(call: TSESTree.CallExpression): boolean {
  return call.arguments.slice(0, 2).some((arg) => {
    const value = skipWrappers(arg);
    return isFunction(value) || value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression || value.type === AST_NODE_TYPES.CallExpression;
  });
}

function isInCatchOf(child: TSESTree.Node, loop: LoopStatement): boolean {
  for (let current: TSESTree.Node | null | undefined = child; current != null && current !== loop; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause || (current.parent?.type === AST_NODE_TYPES.TryStatement && current.parent.finalizer === current)) return true;
  }
  return false;
}

/**
 * The retry construct (SPEC §3) that runs `node` again when it fails: the callback of a retry helper
 * (`pRetry(() => …)`, `policy.execute(…)`), a method decorated `@Retry()`, the `try` of a hand-written
 * retry loop (its `catch` is not retried), or a function of this file that a helper runs by name.
 * The search crosses nested callbacks, and stops at the first enclosing named function not retried.
 */
export function enclosingRetry(node: TSESTree.Node, ctx: RetryContext): EnclosingRetry | undefined {
  const crossedCalls: TSESTree.CallExpression[] = [];
  let child: TSESTree.Node = node;
  for (let parent = node.parent as TSESTree.Node | null | undefined; parent != null; child = parent, parent = parent.parent) {
    if (isLoopStatement(parent)) {
      if (child === parent.body && !isInCatchOf(node, parent) && isHandWrittenRetryLoop(parent)) {
        return { kind: 'loop', label: 'a hand-written retry loop', crossedCalls, node: parent, unit: tryBlockOf(node, parent) ?? parent.body, errorFilter: retryLoopFacts(parent).catchFilterWords ?? [] };
      }
      continue;
    }
    switch (parent.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration: {
        const helper = retryHelperRunning(parent, ctx);
        if (helper !== undefined) return { kind: 'helper', label: calleeLabel(helper, ctx.sourceCode), crossedCalls, node: helper, unit: parent, errorFilter: helperErrorFilter(helper, parent, ctx.sourceCode) };
        const decorator = retryDecoratorOf(parent);
        if (decorator !== undefined) return { kind: 'decorator', label: `a method decorated ${decorator.label}`, crossedCalls, node: parent, unit: parent, errorFilter: [ctx.sourceCode.getText(decorator.node)] };
        const name = functionName(parent);
        if (name !== undefined) {
          const retriedBy = retriedFunctionNames(ctx).get(name);
          return retriedBy === undefined
            ? undefined
            : { kind: 'named', label: `'${name}' (retried by ${retriedBy.label})`, crossedCalls, node: parent, unit: parent, errorFilter: helperErrorFilter(retriedBy.call, retriedBy.callback, ctx.sourceCode) };
        }
        const call = parentOf(parent);
        if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments.some((arg) => skipWrappers(arg) === parent)) crossedCalls.push(call);
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

/** The `try` block, among the loop body's own statements, that holds `node`. */
function tryBlockOf(node: TSESTree.Node, loop: LoopStatement): TSESTree.BlockStatement | undefined {
  for (let current: TSESTree.Node | null | undefined = node; current != null && current !== loop; current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && (current.parent === loop.body || current.parent === loop)) return current.block;
  }
  return undefined;
}

/** The helper's name and every argument but the retried function, as text (`withBusyRetry`, `{ retryable: … }`). */
function helperErrorFilter(helper: TSESTree.CallExpression, callback: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string[] {
  const texts = [sourceCode.getText(helper.callee)];
  for (const arg of helper.arguments) if (skipWrappers(arg) !== callback) texts.push(sourceCode.getText(arg));
  return texts;
}
