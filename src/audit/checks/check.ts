import type { ts } from 'ts-morph';
import type { Finding } from '../findings.js';
import type { CallGraph } from '../graph.js';

/** What every project check gets: the call graph (with settings and root) and the files to look at. */
export interface CheckContext {
  readonly graph: CallGraph;
  readonly files: readonly ts.SourceFile[];
}

/** A project check returns plain findings; it never prints. */
export type Check = (context: CheckContext) => Finding[];
