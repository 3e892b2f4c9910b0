import { ts } from 'ts-morph';
import { batchingAdvice } from '../../core/catalogs/reference-fixes.js';
import { nPlusOneStillCosts } from '../../core/classify/code-context.js';
import { CALL_REACHING_QUERY_IN_LOOP_MESSAGE, formatMessage, iterationExemption, loopFactLabel, moreInIteration, queryExemption, queryInLoopExemption } from '../../core/classify/loop.js';
import type { LoopFact } from '../../core/facts.js';
import { outsideRequestPath } from '../code-context.js';
import { buildChain, enclosingLoop, isCallLike, type CallLike } from '../facts.js';
import type { CallGraph, FunctionInfo } from '../graph.js';
import type { ChainStep, Finding } from '../findings.js';
import { answersFromCacheFirst, dataLoaderFallback, loopFactOf, memoised, onCacheMissPath, parametersFedByCall, queryLoopFactIn } from '../loop-facts.js';
import { RequestReach } from '../request-reach.js';
import { chainFinding, type CheckContext } from './check.js';

export const id = 'audit/no-query-in-loop';

/**
 * A loop (SPEC §3 shapes) that calls a project function which, through any chain of calls in any
 * file, runs a query. A call that is a query itself is the per-file rule's to report, so it is
 * skipped here. Whether the loop runs the call once per item of data is judged by core, as for the
 * rule (`iterationExemption`): loop exits, retry loops, fixed lists, memoised look-ups, DataLoader
 * fallbacks and paging callbacks are not N+1; nor, as for the rule (`queryInLoopExemption`), a
 * query that updates each row with its own values (the row reaching it through the calls' arguments),
 * a keyset page read by a loop steered by the last page, a write in one branch of a dispatch on the
 * element's kind, a write of the row's own values in a try per row that goes on with the next; nor, in the
 * functions on the way, a call made on a cache's miss path (`cache.get(key, () => …)`) or as a
 * DataLoader's fallback (`loaders ? loaders.x.load(id) : X.findByPk(id)`), as the rule judges them in a loop. Where the code serves no request, core's
 * `outsideRequestReason` and `nPlusOneStillCosts` decide as for the rule: CLIs, start-up code,
 * signal handlers, dev-only branches and background workers are skipped; module top level is not.
 */
export function noQueryInLoop({ graph, files }: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const reach = new RequestReach(graph, files);
  for (const file of files) {
    // One report per loop, at its first call that reaches a query; the others are named in its message.
    const perLoop = new Map<ts.Node, { call: CallLike; callee: string; loopFact: LoopFact; tail: readonly ChainStep[] }[]>();
    const visit = (node: ts.Node): void => {
      if (isCallLike(node)) check(node);
      ts.forEachChild(node, visit);
    };
    const check = (call: ts.CallExpression | ts.TaggedTemplateExpression | ts.NewExpression): void => {
      const loop = enclosingLoop(call);
      if (loop === undefined || graph.query(call) !== undefined) return;
      const target = graph.resolveCall(call);
      if (target?.node.body === undefined) return;
      const outside = outsideRequestPath(call, graph.root);
      if (outside !== undefined && !nPlusOneStillCosts(outside, graph.layerAt(call) === 'controller')) return;
      const loopFact = loopFactOf(call, loop, (inner) => reachesQuery(graph, inner));
      if (iterationExemption(loopFact) !== undefined) return;
      if (graph.reach(target, false, true) === undefined) return;
      const tail = perRowReach(graph, target, loopFact, parametersFedByCall(call, target.node, loopFact.rowNames, loopFact.elementNames, loopFact.rowIndex), !caughtWithin(call, loop.node));
      // A loop only set-up code runs (a populator a CLI gets from the application context) serves no request.
      if (tail === undefined || reach.onlyOutsideRequests(call)) return;
      perLoop.set(loop.node, [...(perLoop.get(loop.node) ?? []), { call, callee: target.name, loopFact, tail }]);
    };
    visit(file);
    for (const found of perLoop.values()) {
      const [first, ...others] = [...found].sort((a, b) => a.call.getStart() - b.call.getStart());
      if (first === undefined) continue;
      const more = moreInIteration(others.map((other) => `'${other.callee}'`), 'calls');
      findings.push(chainFinding(graph, {
        ruleId: id,
        call: first.call,
        lead: 'loop',
        tail: first.tail,
        message: (query) => formatMessage(CALL_REACHING_QUERY_IN_LOOP_MESSAGE, { callee: first.callee, query, loop: loopFactLabel(first.loopFact), advice: BATCH_ADVICE, more }),
        fix: batchingAdvice('repository', 'read'),
      }));
    }
  }
  return findings;
}

/**
 * Does a call of a loop round run a query, itself or through the project's functions? What the
 * audit knows of the round's other work (`LoopFact.awaitsWorkAfter`): a service method that writes
 * is one more query of the iteration, not work of another kind.
 */
function reachesQuery(graph: CallGraph, call: CallLike): boolean {
  if (graph.query(call) !== undefined) return true;
  const target = graph.resolveCall(call);
  return target?.node.body !== undefined && graph.reach(target, false, true) !== undefined;
}

const BATCH_ADVICE = 'Add a batched method that takes all ids, call it once before the loop and read the rows from a Map.';

/** Per graph: what `perRowReach` found for a function, the parameters fed from the row and the loop facts it reads. */
const reached = new WeakMap<CallGraph, Map<string, readonly ChainStep[] | undefined>>();

/**
 * The shortest chain by which `fn`, called once per round of `loop`, runs a query that costs a
 * round trip per round: as `CallGraph.reach` with `perItem`, and the query judged where it is
 * written by core's `queryInLoopExemption` (the rule's judgement) with the caller's loop facts and
 * the row facts of its own function, seeded by the parameters each call on the way fed from the row.
 */
function perRowReach(graph: CallGraph, fn: FunctionInfo, loop: LoopFact, fed: { rowParams: readonly string[]; elementParams: readonly string[] }, throwsLeave: boolean, inProgress = new Set<string>()): readonly ChainStep[] | undefined {
  if (answersFromCacheFirst(fn.node)) return undefined;
  const key = `${fn.node.getSourceFile().fileName}:${String(fn.node.pos)}:${fed.rowParams.join(',')}:${fed.elementParams.join(',')}:${loop.nextRoundFromResult ?? ''}:${String(loop.dispatchOnElementKind)}:${String(throwsLeave)}:${String(loop.awaitsWorkAfter === true)}:${JSON.stringify(loop.elementObject ?? null)}`;
  const memo = reached.get(graph) ?? new Map<string, readonly ChainStep[] | undefined>();
  reached.set(graph, memo);
  if (memo.has(key)) return memo.get(key);
  if (inProgress.has(key)) return undefined;
  inProgress.add(key);
  const site = queryLoopFactIn(fn.node, loop, fed.rowParams, fed.elementParams);
  let best: readonly ChainStep[] | undefined;
  for (const call of graph.callsIn(fn.node)) {
    // A call on a cache's miss path or in a DataLoader's fallback runs once per key, as the rule judges it in a loop.
    if (memoised(call, fn.node) || onCacheMissPath(call, fn.node) || dataLoaderFallback(call, fn.node)) continue;
    // A call the function always follows with a throw that leaves the loop runs once, on the round that ends it.
    if (throwsLeave && followedByThrow(call, fn.node)) continue;
    const tail = perRowStep(graph, call, loop, site, throwsLeave && !caughtWithin(call, fn.node), inProgress);
    if (tail !== undefined && (best === undefined || tail.length + 1 < best.length)) best = [fn.step, ...tail];
  }
  inProgress.delete(key);
  memo.set(key, best);
  return best;
}

function perRowStep(graph: CallGraph, call: CallLike, loop: LoopFact, site: LoopFact, throwsLeave: boolean, inProgress: Set<string>): readonly ChainStep[] | undefined {
  const target = graph.resolveCall(call);
  if (target !== undefined && target.node.body !== undefined) return perRowReach(graph, target, loop, parametersFedByCall(call, target.node, site.rowNames, site.elementNames), throwsLeave, inProgress);
  const match = graph.query(call);
  if (match === undefined) return undefined;
  const chain = buildChain(call);
  if (queryExemption(match, chain) !== undefined || queryInLoopExemption(match, chain, site) !== undefined) return undefined;
  return [{ ...graph.step(call, match.label), layer: 'data' }];
}

/** A `try` with a `catch` around `node` inside `boundary`, or a `.catch(…)` on its promise: a throw under it stays there. */
function caughtWithin(node: ts.Node, boundary: ts.Node): boolean {
  for (let child = node, current = node.parent as ts.Node | undefined; current !== undefined && child !== boundary; child = current, current = current.parent as ts.Node | undefined) {
    if (ts.isTryStatement(current) && current.tryBlock === child && current.catchClause !== undefined) return true;
    if (ts.isPropertyAccessExpression(current) && current.expression === child && current.name.text === 'catch') return true;
  }
  return false;
}

/**
 * The statements after `call` always end in a `throw` out of `fn`: in a block that holds a later
 * `throw` (`if (!token) { Activity.create(…); throw new Error('2FA required') }`), with no `return`,
 * `break` or `continue` on the way and no `try` of `fn` catching it.
 */
function followedByThrow(call: ts.Node, fn: ts.Node): boolean {
  for (let child = call, current = call.parent as ts.Node | undefined; current !== undefined && current !== fn; child = current, current = current.parent as ts.Node | undefined) {
    if (isFunctionLikeBoundary(current) || ts.isIterationStatement(current, false) || ts.isSwitchStatement(current)) return false;
    if (ts.isTryStatement(current) && current.tryBlock === child && current.catchClause !== undefined) return false;
    if (!ts.isBlock(current)) continue;
    const index = current.statements.indexOf(child as ts.Statement);
    for (const statement of current.statements.slice(index + 1)) {
      if (ts.isThrowStatement(statement)) return !caughtWithin(current, fn);
      if (leavesEarly(statement)) return false;
    }
  }
  return false;
}

function isFunctionLikeBoundary(node: ts.Node): boolean {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node) || ts.isClassLike(node);
}

/** A `return`, `break` or `continue` in a statement (not in the functions it defines). */
function leavesEarly(statement: ts.Node): boolean {
  if (ts.isReturnStatement(statement) || ts.isBreakStatement(statement) || ts.isContinueStatement(statement)) return true;
  if (isFunctionLikeBoundary(statement)) return false;
  return ts.forEachChild(statement, (child) => (leavesEarly(child) ? true : undefined)) ?? false;
}
