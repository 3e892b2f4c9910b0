import path from 'node:path';
import { ts } from 'ts-morph';
import { catchPassesErrorOn } from '../core/classify/errors.js';
import { functionAround } from './callers.js';
import { isFunctionNode, type FunctionLikeNode } from './facts.js';
import type { Finding } from './findings.js';
import type { CallGraph } from './graph.js';

/** The per-file rule whose premise (the error reaches a request's error handler) depends on the callers. */
const RULE = 'no-untyped-throw';
/** How many calls up the audit follows a function whose own callers may catch (as the rule does within a file). */
const MAX_DEPTH = 2;

/**
 * The per-file `no-untyped-throw` cannot see who calls the function that throws. The audit can: a
 * finding is dropped when the function has callers in the audited code and every one of them catches
 * the error on the spot without passing it on (`try { await service.import(…) } catch (error) { throw
 * new HttpException(…, 400) }`, `await load(token).catch(() => null)`), or sits in a function whose
 * callers all do so again: there the caller decides the response, and the bare error never reaches
 * the central error handler. A function used any other way (passed as a handler or callback,
 * exported under another name and called through a value) keeps its finding, and so does one with
 * no caller in the audited code (a route handler, a library entry point) and one a call by the same
 * name may run that the checker cannot resolve (`queue.publish(id)` on an untyped value). Callers are
 * the project's call graph's (`CallGraph.usesOf`: through imports, renamed re-exports and constructor
 * injection). Callers outside the audited scope (tests, scripts) are not request paths and are left out.
 */
export function dropThrowsCaughtByCallers(findings: readonly Finding[], graph: CallGraph, inScope: (fileName: string) => boolean): Finding[] {
  const verdicts = new Map<ts.Node, boolean>();
  const files = new Map(graph.sourceFiles.map((file) => [file.fileName, file]));
  const everyCallerCatches = (node: ts.Node, depth: number): boolean => {
    const fn = functionAround(node);
    if (fn === undefined || depth > MAX_DEPTH) return false;
    const known = verdicts.get(fn);
    if (known !== undefined) return known;
    // A recursive function's own calls are its callers too: assume no while deciding.
    verdicts.set(fn, false);
    const verdict = callersCatch(fn, depth);
    verdicts.set(fn, verdict);
    return verdict;
  };
  const callersCatch = (fn: FunctionLikeNode, depth: number): boolean => {
    const uses = graph.usesOf(fn);
    if (uses === undefined) return false;
    const calls: ts.CallExpression[] = [];
    for (const { expression, call, resolved } of uses) {
      if (!inScope(expression.getSourceFile().fileName)) continue;
      // Handed on as a value, or a call by the same name the checker cannot tell is another function's.
      if (call === undefined) return false;
      if (!resolved) {
        const target = graph.callTarget(call, fn);
        if (target === 'other') continue;
        if (target === 'unknown') return false;
      }
      calls.push(call);
    }
    const awaitNeeded = (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
    return calls.length > 0 && calls.every((call) => caughtAt(call, awaitNeeded) || everyCallerCatches(call, depth + 1));
  };
  return findings.filter((finding) => {
    if (finding.ruleId !== RULE) return true;
    const file = files.get(path.join(graph.root, finding.file));
    if (file === undefined) return true;
    let position: number;
    try {
      position = file.getPositionOfLineAndCharacter(finding.line - 1, finding.column - 1);
    } catch {
      return true;
    }
    return !everyCallerCatches(nodeAt(file, position), 0);
  });
}

/** The innermost node that holds a position. */
function nodeAt(file: ts.SourceFile, position: number): ts.Node {
  let node: ts.Node = file;
  for (;;) {
    const child: ts.Node | undefined = ts.forEachChild(node, (candidate) => (candidate.getStart(file) <= position && position < candidate.getEnd() ? candidate : undefined));
    if (child === undefined) return node;
    node = child;
  }
}

/**
 * The call's error is caught where it is made: the call stands in a `try` block of the same function
 * (awaited there, when the callee is async: a promise returned out of the `try` escapes it) whose
 * `catch` does not pass the error on, or its promise is handled by `.catch(…)` that does not.
 */
function caughtAt(call: ts.CallExpression, awaitNeeded: boolean): boolean {
  const chained = call.parent;
  if (ts.isPropertyAccessExpression(chained) && chained.name.text === 'catch') {
    const handlerCall = chained.parent;
    const handler = ts.isCallExpression(handlerCall) ? handlerCall.arguments[0] : undefined;
    if (handler !== undefined && (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler))) {
      const param = handler.parameters[0]?.name;
      return !catchPassesErrorOn(param !== undefined && ts.isIdentifier(param) ? param.text : undefined, handler.body.getText());
    }
    return false;
  }
  let awaited = !awaitNeeded;
  let child: ts.Node = call;
  // The walk ends at the file at the latest.
  for (let current: ts.Node = call.parent; ; child = current, current = current.parent) {
    if (ts.isAwaitExpression(current)) awaited = true;
    if (isFunctionNode(current) || ts.isClassDeclaration(current) || ts.isSourceFile(current)) return false;
    if (ts.isTryStatement(current) && current.tryBlock === child) {
      const clause = current.catchClause;
      if (clause === undefined) continue;
      if (!awaited) return false;
      const param = clause.variableDeclaration?.name;
      return !catchPassesErrorOn(param !== undefined && ts.isIdentifier(param) ? param.text : undefined, clause.block.getText());
    }
  }
}
