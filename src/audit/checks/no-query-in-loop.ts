import { ts } from 'ts-morph';
import { batchingAdvice } from '../../core/catalogs/reference-fixes.js';
import { nPlusOneStillCosts } from '../../core/classify/code-context.js';
import { CALL_REACHING_QUERY_IN_LOOP_MESSAGE, formatMessage, iterationExemption, loopFactLabel } from '../../core/classify/loop.js';
import { outsideRequestPath } from '../code-context.js';
import { enclosingLoop, isCallLike } from '../facts.js';
import type { Finding } from '../findings.js';
import { loopFactOf } from '../loop-facts.js';
import { chainFinding, type CheckContext } from './check.js';

export const id = 'audit/no-query-in-loop';

/**
 * A loop (SPEC §3 shapes) that calls a project function which, through any chain of calls in any
 * file, runs a query. A call that is a query itself is the per-file rule's to report, so it is
 * skipped here. Whether the loop runs the call once per item of data is judged by core, as for the
 * rule (`iterationExemption`): loop exits, retry loops, fixed lists, memoised look-ups, DataLoader
 * fallbacks and paging callbacks are not N+1. Where the code serves no request, core's
 * `outsideRequestReason` and `nPlusOneStillCosts` decide as for the rule: CLIs, start-up code,
 * signal handlers and dev-only branches are skipped; workers and module top level are not.
 */
export function noQueryInLoop({ graph, files }: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
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
      if (outside !== undefined && !nPlusOneStillCosts(outside)) return;
      const loopFact = loopFactOf(call, loop);
      if (iterationExemption(loopFact) !== undefined) return;
      const tail = graph.reach(target, false, true);
      if (tail === undefined) return;
      const advice = 'Add a batched method that takes all ids, call it once before the loop and read the rows from a Map.';
      findings.push(chainFinding(graph, {
        ruleId: id,
        call,
        lead: 'loop',
        tail,
        message: (query) => formatMessage(CALL_REACHING_QUERY_IN_LOOP_MESSAGE, { callee: target.name, query, loop: loopFactLabel(loopFact), advice }),
        fix: batchingAdvice('repository', 'read'),
      }));
    };
    visit(file);
  }
  return findings;
}
