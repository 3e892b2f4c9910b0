import { ts } from 'ts-morph';
import { nPlusOneStillCosts } from '../core/classify/code-context.js';
import { functionAround } from './callers.js';
import { outsideRequestPath } from './code-context.js';
import type { FunctionLikeNode } from './facts.js';
import type { CallGraph } from './graph.js';

/**
 * Code that only set-up runs: a function every caller of which serves no request. A caller serves
 * none when it is out of the audited scope (a script, a seed, a migration, a test) or where core's
 * `outsideRequestReason` says so of the function it is written in and `nPlusOneStillCosts` does not
 * keep it (a CLI, the start-up code that builds the application: `const populator =
 * app.get(Populator); await populator.populate(…)`), or when it is such a function itself. Callers
 * are the call graph's (`CallGraph.usesOf`); a call by the same name it resolves to no project
 * function (an untyped receiver) counts as a caller. A function nothing in the project calls (a route
 * handler, a resolver, a job the framework runs, a library's public API), one handed on as a value
 * (`router.get('/', list)`, `{ handler: run }`) and one whose name is used too widely to follow is
 * taken to serve requests.
 */
export class RequestReach {
  private readonly memo = new Map<ts.Node, boolean>();
  private readonly inScope: ReadonlySet<string>;

  constructor(
    private readonly graph: CallGraph,
    checkedFiles: readonly ts.SourceFile[],
  ) {
    this.inScope = new Set(checkedFiles.map((file) => file.fileName));
  }

  /** Only set-up code runs the code at `node` (a loop in a method a CLI calls). */
  onlyOutsideRequests(node: ts.Node): boolean {
    const fn = functionAround(node);
    return fn !== undefined && !this.servesRequests(fn, 0, new Set());
  }

  private servesRequests(fn: FunctionLikeNode, depth: number, inProgress: Set<ts.Node>): boolean {
    const known = this.memo.get(fn);
    if (known !== undefined) return known;
    // A cycle adds no caller of its own; too deep a chain is taken to serve requests.
    if (inProgress.has(fn)) return false;
    if (depth > 6) return true;
    inProgress.add(fn);
    const verdict = this.callersServeRequests(fn, depth, inProgress);
    inProgress.delete(fn);
    if (depth === 0 || verdict) this.memo.set(fn, verdict);
    return verdict;
  }

  private callersServeRequests(fn: FunctionLikeNode, depth: number, inProgress: Set<ts.Node>): boolean {
    if (ts.canHaveDecorators(fn) && (ts.getDecorators(fn) ?? []).length > 0) return true;
    // A call by the same name the checker cannot resolve (`app.get(Populator).populate()` on an untyped application context) may run `fn`.
    const uses = this.graph.usesOf(fn, 60);
    if (uses === undefined || uses.length === 0) return true;
    for (const { expression, call } of uses) {
      if (!this.inScope.has(expression.getSourceFile().fileName)) continue;
      // Handed on as a value: whoever runs it is not known here.
      if (call === undefined) return true;
      const outside = outsideRequestPath(call, this.graph.root, { innermostFunction: true });
      if (outside !== undefined && !nPlusOneStillCosts(outside, this.graph.layerAt(call) === 'controller')) continue;
      const caller = functionAround(call);
      if (caller === undefined || this.servesRequests(caller, depth + 1, inProgress)) return true;
    }
    return false;
  }
}
