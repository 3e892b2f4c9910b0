import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { classifyRetryHelperCall, delayArgumentIndex, isRetryDecoratorName, isRetryLoop, mayMentionRetryHelper, type RetryDelayFact, type RetryLoopFacts } from '../core/classify/retry.js';
import type { ValueFact } from '../core/facts.js';
import type { BackendPatternsSettings } from '../core/settings.js';
import { isFunction, oncePerFile, walk } from './ast.js';
import { fileNodes } from './file-nodes.js';
import { buildChain, chainNames, dottedName, parentOf, skipWrappers, valueFact, type FactOptions } from './facts.js';
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
  let catchContinues = false;
  let catchRethrowsAlways = false;
  let counterUsedAsIndex = false;
  const subscripts = new Set<string>();

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
      if (containsJump(node.block, (jump) => jump.type === AST_NODE_TYPES.ReturnStatement || (jump.type === AST_NODE_TYPES.BreakStatement && jump.label === null))) tryExitsOnSuccess = true;
      if (node.handler !== null) {
        // The catch goes round again with `continue`, or by falling through to the loop's end;
        // one that always throws, returns or breaks never retries.
        const leaves = node.handler.body.body.some((statement) => statement.type === AST_NODE_TYPES.ThrowStatement || statement.type === AST_NODE_TYPES.ReturnStatement || (statement.type === AST_NODE_TYPES.BreakStatement && statement.label === null));
        if (leaves) catchRethrowsAlways = true;
        if (!leaves || containsJump(node.handler.body, (jump) => jump.type === AST_NODE_TYPES.ContinueStatement)) catchContinues = true;
      }
    }
    return true;
  });
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
    catchContinues,
    catchRethrowsAlways,
    counterUsedAsIndex,
    iteratesCollection: loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement || counterUsedAsIndex || comparesLength,
  };
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

/**
 * `retryLoopFacts` plus what `retryLoopBackoffProblem` needs: the waits of the body (also inside
 * `new Promise((resolve) => setTimeout(resolve, ms))`), its assignments and the identifiers read
 * by `if` tests that leave the loop.
 */
export function retryBackoffFacts(loop: LoopStatement, sourceCode: Readonly<TSESLint.SourceCode>): RetryLoopFacts {
  const options: FactOptions = { sourceCode };
  // Delay arithmetic nests deeper than call arguments (`Math.min(max, base * 2 ** (attempt - 1))`).
  const deep = -4;
  const delays: RetryDelayFact[] = [];
  const assignments: { name: string; value: ValueFact }[] = [];
  const guardNames = new Set<string>();

  const visitDelays = (root: TSESTree.Node, insidePromise: boolean): void => {
    walk(root, (node) => {
      if (node !== root && isFunction(node) && !insidePromise && !isPromiseExecutor(node)) return false;
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const names = chainNames(node.callee);
        const name = names[names.length - 1] ?? '';
        const args = node.arguments.map((arg) => valueFact(arg, options));
        const index = delayArgumentIndex(name, args);
        if (index !== undefined) {
          const argument = node.arguments[index];
          delays.push({ ms: argument === undefined ? undefined : valueFact(argument, options, deep), indexNames: argument === undefined ? [] : computedIndexNames(argument) });
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
        }
        return true;
      case AST_NODE_TYPES.IfStatement:
        if (containsJump(node.consequent, (jump) => jump.type === AST_NODE_TYPES.ThrowStatement || jump.type === AST_NODE_TYPES.ReturnStatement || (jump.type === AST_NODE_TYPES.BreakStatement && jump.label === null))) {
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
  return { ...retryLoopFacts(loop), delays, assignments, guardNames: [...guardNames] };
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

function retryDecoratorOf(fn: TSESTree.Node): string | undefined {
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.value !== fn) return undefined;
  for (const decorator of method.decorators) {
    const name = dottedName(decorator.expression);
    if (name !== '' && isRetryDecoratorName(name)) return `@${name}${decorator.expression.type === AST_NODE_TYPES.CallExpression ? '()' : ''}`;
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

const retriedNames = new WeakMap<TSESTree.Program, Map<string, string>>();

/**
 * Functions of this file that a retry helper runs by name: `pRetry(saveOrder)`,
 * `retry(this.persist)`, and functions called directly from a retried callback
 * (`pRetry(() => saveOrder(order))`, `pRetry(() => this.persist(order))`), with the helper's label.
 * Built once per file, on first use.
 */
export function retriedFunctionNames(ctx: RetryContext): ReadonlyMap<string, string> {
  return oncePerFile(retriedNames, ctx.sourceCode.ast, () => findRetriedFunctionNames(ctx));
}

function findRetriedFunctionNames(ctx: RetryContext): Map<string, string> {
  const names = new Map<string, string>();
  if (!mayHaveRetryHelpers(ctx)) return names;
  for (const node of fileNodes(ctx.sourceCode.ast).calls) {
    if (!mayBeRetryHelper(node)) continue;
    const info = buildChain(node, { sourceCode: ctx.sourceCode, typed: ctx.typed }, 2);
    const match = classifyRetryHelperCall(info.fact, ctx.settings, resolverFor(ctx.typed, info.nodes));
    const callback = match === undefined ? undefined : node.arguments[match.callbackArgIndex];
    if (callback === undefined) continue;
    const label = `${calleeLabel(node, ctx.sourceCode)} on line ${String(node.loc.start.line)}`;
    const target = skipWrappers(callback);
    const named = calledName(target);
    if (named !== undefined) names.set(named, label);
    if (isFunction(target)) {
      walk(target.body, (inner) => {
        if (inner.type === AST_NODE_TYPES.CallExpression) {
          const name = calledName(skipWrappers(inner.callee));
          if (name !== undefined && !names.has(name)) names.set(name, label);
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
      if (child === parent.body && !isInCatchOf(node, parent) && isHandWrittenRetryLoop(parent)) return { kind: 'loop', label: 'a hand-written retry loop', crossedCalls };
      continue;
    }
    switch (parent.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration: {
        const helper = retryHelperRunning(parent, ctx);
        if (helper !== undefined) return { kind: 'helper', label: calleeLabel(helper, ctx.sourceCode), crossedCalls };
        const decorator = retryDecoratorOf(parent);
        if (decorator !== undefined) return { kind: 'decorator', label: `a method decorated ${decorator}`, crossedCalls };
        const name = functionName(parent);
        if (name !== undefined) {
          const retriedBy = retriedFunctionNames(ctx).get(name);
          return retriedBy === undefined ? undefined : { kind: 'named', label: `'${name}' (retried by ${retriedBy})`, crossedCalls };
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
