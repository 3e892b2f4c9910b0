import type { ts } from 'ts-morph';
import type { ChainStep, Finding } from '../findings.js';
import type { CallGraph } from '../graph.js';

/** What every project check gets: the call graph (with settings and root) and the files to look at. */
export interface CheckContext {
  readonly graph: CallGraph;
  readonly files: readonly ts.SourceFile[];
}

/** A project check returns plain findings; it never prints. */
export type Check = (context: CheckContext) => Finding[];

export interface ChainFindingInput {
  readonly ruleId: string;
  /** The call that starts the chain; the finding is reported there. */
  readonly call: ts.Node;
  /** Label of the first step: `loop`, `controller`. */
  readonly lead: string;
  /** The rest of the chain, from the called function to the query (`CallGraph.reach`). */
  readonly tail: readonly ChainStep[];
  /** The message, given the query as `'label' in file:line`. */
  readonly message: (query: string) => string;
  readonly fix: string;
}

/** A finding proved by a chain of calls that ends in a query. */
export function chainFinding(graph: CallGraph, input: ChainFindingInput): Finding {
  const query = input.tail[input.tail.length - 1];
  const where = graph.location(input.call);
  return {
    ruleId: input.ruleId,
    severity: 'error',
    ...where,
    message: input.message(`'${query?.label ?? ''}' in ${query?.file ?? ''}:${String(query?.line ?? 0)}`),
    chain: [{ file: where.file, line: where.line, column: where.column, label: input.lead }, ...input.tail],
    fix: input.fix,
  };
}
