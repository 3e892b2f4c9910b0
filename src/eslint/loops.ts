import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { classifyIterationCall, isPromiseCombinator, type IterationCall, type LoopKind } from '../core/classify/loop.js';
import { isFunction, walk, type FunctionNode } from './ast.js';
import { buildChain, parentOf, skipWrappers } from './facts.js';

export type LoopStatement =
  | TSESTree.ForStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

export interface IterationInfo {
  /** The iteration call (`xs.map(cb)`) and what it is. */
  readonly call: TSESTree.CallExpression;
  readonly kind: IterationCall;
  readonly insidePromiseCombinator: boolean;
}

/** A loop statement, or the callback function of an iteration call. */
export type EnclosingLoop =
  | { readonly kind: Exclude<LoopKind, 'callback'>; readonly node: LoopStatement }
  | { readonly kind: 'callback'; readonly node: FunctionNode; readonly iteration: IterationInfo };


/** Does `child` (a direct child of `loop`) run once per iteration? The body and the test do; `for` init and the iterable do not. */
function runsPerIteration(loop: LoopStatement, child: TSESTree.Node): boolean {
  switch (loop.type) {
    case AST_NODE_TYPES.ForStatement:
      return child === loop.body || child === loop.test || child === loop.update;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return child === loop.body;
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return child === loop.body || child === loop.test;
  }
}

/** Is this node a loop statement (`for`, `for…in`, `for…of`, `while`, `do…while`)? */
export function isLoopStatement(node: TSESTree.Node): node is LoopStatement {
  return node.type === AST_NODE_TYPES.ForStatement || node.type === AST_NODE_TYPES.ForInStatement || node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.WhileStatement || node.type === AST_NODE_TYPES.DoWhileStatement;
}

/** The SPEC §3 loop kind of a loop statement. */
export function loopKind(loop: LoopStatement): Exclude<LoopKind, 'callback'> {
  switch (loop.type) {
    case AST_NODE_TYPES.ForStatement:
      return 'for';
    case AST_NODE_TYPES.ForInStatement:
      return 'for-in';
    case AST_NODE_TYPES.ForOfStatement:
      return loop.await ? 'for-await-of' : 'for-of';
    case AST_NODE_TYPES.WhileStatement:
      return 'while';
    case AST_NODE_TYPES.DoWhileStatement:
      return 'do-while';
  }
}

/** If `fn` is the per-element callback of an iteration call (`xs.map(fn)`, `_.each(xs, fn)`), that call. */
export function iterationCallOf(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): IterationInfo | undefined {
  const call = parentOf(fn);
  if (call?.type !== AST_NODE_TYPES.CallExpression || skipWrappers(call.callee) === fn) return undefined;
  const argIndex = call.arguments.findIndex((arg) => skipWrappers(arg) === fn);
  if (argIndex === -1) return undefined;
  const kind = classifyIterationCall(buildChain(call, { sourceCode }, 3).fact);
  if (kind === undefined) return undefined;
  if (kind.callbackArgIndex === 'last-function') {
    const lastFunction = call.arguments.findLastIndex((arg) => isFunction(skipWrappers(arg)));
    if (lastFunction !== argIndex) return undefined;
  } else if (kind.callbackArgIndex !== argIndex) {
    return undefined;
  }
  const outer = parentOf(call);
  const insidePromiseCombinator =
    outer?.type === AST_NODE_TYPES.CallExpression && outer.arguments.some((arg) => skipWrappers(arg) === call) && isPromiseCombinator(buildChain(outer, { sourceCode }, 3).fact);
  return { call, kind, insidePromiseCombinator };
}

/**
 * The innermost loop whose every iteration runs `node` (SPEC §3 "loop"): loop statements, and
 * callbacks of iteration calls. A function defined inside a loop but not called there stops the
 * search (it runs when it is called, not per iteration); an immediately invoked one does not.
 */
export function enclosingLoop(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): EnclosingLoop | undefined {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent !== undefined; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        if (runsPerIteration(parent, child)) return { kind: loopKind(parent), node: parent };
        break;
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression: {
        const iteration = iterationCallOf(parent, sourceCode);
        if (iteration !== undefined) return { kind: 'callback', node: parent, iteration };
        const call = parentOf(parent);
        const invokedHere = call?.type === AST_NODE_TYPES.CallExpression && skipWrappers(call.callee) === parent;
        if (!invokedHere) return undefined;
        break;
      }
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.ClassBody:
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.TSModuleBlock:
        return undefined;
      default:
        break;
    }
  }
  return undefined;
}

function isExit(statement: TSESTree.Statement, crossedSwitch: boolean, crossedInnerLoop: boolean): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.BreakStatement:
      return statement.label === null && !crossedSwitch && !crossedInnerLoop;
    default:
      return false;
  }
}

/**
 * Does the loop end right after `node` runs, on every path (`return await q()`, `q(); break;`)?
 * Then `node` runs at most once, not once per iteration.
 */
export function exitsLoopAfter(node: TSESTree.Node, loop: LoopStatement): boolean {
  let crossedSwitch = false;
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent !== undefined && child !== loop; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.ReturnStatement || parent.type === AST_NODE_TYPES.ThrowStatement) return true;
    if (parent.type === AST_NODE_TYPES.SwitchCase) crossedSwitch = true;
    const statements = parent.type === AST_NODE_TYPES.BlockStatement ? parent.body : parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : undefined;
    if (statements !== undefined) {
      const index = statements.indexOf(child as TSESTree.Statement);
      if (index !== -1 && statements.slice(index).some((statement) => isExit(statement, crossedSwitch, false))) return true;
    }
    if (isFunction(parent)) return false;
  }
  return false;
}

/**
 * Is there an `await` in `scope` (a loop body or callback) that ends before `position`, nested
 * functions aside? Calls issued before any await of an iteration all start in the same tick.
 */
export function awaitsBefore(position: number, scope: TSESTree.Node): boolean {
  let found = false;
  walk(scope, (current) => {
    if (found || current.range[0] >= position || (current !== scope && isFunction(current))) return false;
    if ((current.type === AST_NODE_TYPES.AwaitExpression || (current.type === AST_NODE_TYPES.ForOfStatement && current.await)) && current.range[1] <= position) {
      found = true;
    }
    return !found;
  });
  return found;
}

/**
 * Names bound to the current element of each iteration: `x` in `for (const x of xs)`, in
 * `xs.map((x) => …)` and `_.each(xs, (x) => …)`, the second parameter of `reduce`.
 */
export function iterationElementNames(loop: EnclosingLoop): string[] {
  const names: string[] = [];
  if (loop.kind === 'callback') {
    const method = loop.iteration.kind.method;
    const element = loop.node.params[method === 'reduce' || method === 'reduceRight' ? 1 : 0];
    if (element?.type === AST_NODE_TYPES.Identifier) names.push(element.name);
    return names;
  }
  const statement = loop.node;
  if ((statement.type === AST_NODE_TYPES.ForOfStatement || statement.type === AST_NODE_TYPES.ForInStatement) && statement.left.type === AST_NODE_TYPES.VariableDeclaration) {
    for (const declarator of statement.left.declarations) if (declarator.id.type === AST_NODE_TYPES.Identifier) names.push(declarator.id.name);
  }
  return names;
}
