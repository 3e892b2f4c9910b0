import { ts } from 'ts-morph';
import { batchingAdvice } from '../../core/catalogs/reference-fixes.js';
import { loopLabel } from '../../core/classify/loop.js';
import { enclosingLoop, exitsLoopAfter, isCallLike } from '../facts.js';
import type { Finding } from '../findings.js';
import { isHandWrittenRetryLoop } from '../retry.js';
import { chainFinding, type CheckContext } from './check.js';

export const id = 'audit/no-query-in-loop';

/**
 * A loop (SPEC §3 shapes) that calls a project function which, through any chain of calls in any
 * file, runs a query. A call that is a query itself is the per-file rule's to report, so it is
 * skipped here; so are calls the loop makes at most once (`return await f(x)`) and hand-written
 * retry loops, which re-attempt one operation rather than walk items (the retry rules judge them).
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
      if (loop.kind !== 'callback' && (exitsLoopAfter(call, loop.node) || isHandWrittenRetryLoop(loop.node))) return;
      const target = graph.resolveCall(call);
      if (target?.node.body === undefined) return;
      const tail = graph.reach(target);
      if (tail === undefined) return;
      const loopText = loopLabel(loop.kind, loop.kind === 'callback' ? loop.iteration.method : undefined);
      findings.push(chainFinding(graph, {
        ruleId: id,
        call,
        lead: 'loop',
        tail,
        message: (query) => `'${target.name}' runs a query (${query}) once per iteration of this ${loopText} (N+1). Add a batched method that takes all ids, call it once before the loop and read the rows from a Map.`,
        fix: batchingAdvice('repository', 'read'),
      }));
    };
    visit(file);
  }
  return findings;
}
