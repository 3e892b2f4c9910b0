import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { callsDataLoader, memoisesAnswer } from '../core/classify/loop.js';
import type { LoopFact } from '../core/facts.js';
import { chainNames, parentOf, skipWrappers } from './facts.js';
import { awaitsBefore, exitsLoopAfter, iterationElementNames, type EnclosingLoop } from './loops.js';
import { isHandWrittenRetryLoop } from './retry.js';

/**
 * ESTree → `LoopFact`: where a call runs inside its innermost loop, for the per-iteration
 * judgements of `core/classify/loop.ts` (the audit builds the same fact in `src/audit/loop-facts.ts`).
 */
export function loopFactOf(node: TSESTree.Node, loop: EnclosingLoop, sourceCode: Readonly<TSESLint.SourceCode>): LoopFact {
  const statement = loop.kind === 'callback' ? undefined : loop.node;
  return {
    kind: loop.kind,
    ...(loop.kind === 'callback'
      ? { iteration: { method: loop.iteration.kind.method, style: loop.iteration.kind.style }, insidePromiseCombinator: loop.iteration.insidePromiseCombinator }
      : {}),
    exitsAfter: statement !== undefined && exitsLoopAfter(node, statement),
    retry: statement !== undefined && isHandWrittenRetryLoop(statement),
    fixedList: iteratesFixedList(loop, sourceCode),
    memoised: memoised(node, loop.node, sourceCode),
    dataLoaderFallback: dataLoaderFallback(node, loop.node, sourceCode),
    elementNames: iterationElementNames(loop),
    switchOnElement: switchOnElement(node, loop),
    sameTick: issuedInOneTick(node, loop),
  };
}

/** The iterated value is an array literal, or a module-level constant array / object's keys or values. */
function iteratesFixedList(loop: EnclosingLoop, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let iterated: TSESTree.Node | undefined;
  if (loop.kind === 'callback') {
    const callee = skipWrappers(loop.iteration.call.callee);
    iterated = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
  } else if (loop.node.type === AST_NODE_TYPES.ForOfStatement || loop.node.type === AST_NODE_TYPES.ForInStatement) {
    iterated = loop.node.right;
  }
  return iterated !== undefined && isFixedList(skipWrappers(iterated), 0, sourceCode);
}

function isFixedList(node: TSESTree.Node, depth: number, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.length <= 20 && node.elements.every((element) => element?.type !== AST_NODE_TYPES.SpreadElement);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return true;
  if (node.type === AST_NODE_TYPES.CallExpression && depth === 0) {
    // `Object.keys(CONFIG)`, `Object.entries(PHASES)`.
    const names = chainNames(node.callee);
    const arg = node.arguments[0];
    return names.length === 2 && names[0] === 'Object' && /^(?:keys|values|entries)$/.test(names[1] ?? '') && arg !== undefined && arg.type !== AST_NODE_TYPES.SpreadElement && isFixedList(skipWrappers(arg), depth + 1, sourceCode);
  }
  if (node.type !== AST_NODE_TYPES.Identifier || depth > 1) return false;
  const definition = ASTUtils.findVariable(sourceCode.getScope(node), node.name)?.defs[0];
  const declarator = definition?.node;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init == null || declarator.parent.kind !== 'const') return false;
  const statement = declarator.parent.parent;
  const topLevel = statement.type === AST_NODE_TYPES.Program || (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.parent.type === AST_NODE_TYPES.Program);
  return topLevel && isFixedList(skipWrappers(declarator.init), depth + 1, sourceCode);
}

/** `if (!cache[key]) cache[key] = await q(key)` / `if (!seen.has(k)) seen.set(k, await q(k))`: one query per distinct key, remembered. */
function memoised(node: TSESTree.Node, loopNode: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current !== undefined && current !== loopNode; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.IfStatement) continue;
    if (memoisesAnswer(sourceCode.getText(current.test), sourceCode.getText(current.consequent))) return true;
  }
  return false;
}

/** `loaders ? loaders.users.load(id) : User.findByPk(id)`: the query is the fallback when no DataLoader batches it. */
function dataLoaderFallback(node: TSESTree.Node, loopNode: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let child: TSESTree.Node = node;
  for (let current: TSESTree.Node | undefined = node.parent; current !== undefined && current !== loopNode; child = current, current = current.parent) {
    if ((current.type === AST_NODE_TYPES.ConditionalExpression || current.type === AST_NODE_TYPES.IfStatement) && current.alternate === child) {
      return callsDataLoader(sourceCode.getText(current.consequent));
    }
  }
  return false;
}

/** `switch (claim) { case 'roles': q() }` where `claim` is the current element. */
function switchOnElement(node: TSESTree.Node, loop: EnclosingLoop): boolean {
  const names = iterationElementNames(loop);
  for (let current: TSESTree.Node | undefined = node.parent; current !== undefined && current !== loop.node; current = current.parent) {
    const statement = current.parent;
    if (current.type !== AST_NODE_TYPES.SwitchCase || statement?.type !== AST_NODE_TYPES.SwitchStatement) continue;
    const discriminant = skipWrappers(statement.discriminant);
    if (current.test?.type === AST_NODE_TYPES.Literal && discriminant.type === AST_NODE_TYPES.Identifier && names.includes(discriminant.name)) return true;
  }
  return false;
}

/**
 * Calls issued in the same tick: in a synchronous `map`/`forEach` callback before any `await`, or
 * un-awaited from a loop with no `await` in it.
 */
function issuedInOneTick(node: TSESTree.Node, loop: EnclosingLoop): boolean {
  if (loop.kind === 'callback') {
    return loop.iteration.kind.style === 'array' && !awaitsBefore(node.range[0], loop.node);
  }
  if (loop.kind === 'for-await-of' || parentOf(node)?.type === AST_NODE_TYPES.AwaitExpression) return false;
  // Any await in the body delays the next iteration's call to a later tick.
  return !awaitsBefore(Number.POSITIVE_INFINITY, loop.node.body);
}
