import { ts } from 'ts-morph';
import { isInlineCallbackMethod, nPlusOneStillCosts } from '../core/classify/code-context.js';
import { outsideRequestPath } from './code-context.js';
import { isFunctionNode, skipWrappers, type FunctionLikeNode } from './facts.js';
import type { CallGraph } from './graph.js';

/**
 * Code that only set-up runs: a function every caller of which serves no request. A caller serves
 * none when it is out of the audited scope (a script, a seed, a migration, a test) or where core's
 * `outsideRequestReason` says so of the function it is written in and `nPlusOneStillCosts` does not
 * keep it (a CLI, the start-up code that builds the application: `const populator =
 * app.get(Populator); await populator.populate(…)`), or when it is such a function itself. A call
 * by the same name the checker cannot resolve (an untyped receiver) counts as a caller. A function nothing in the project calls (a route handler,
 * a resolver, a job the framework runs, a library's public API), one handed on as a value
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
    const name = nameOf(fn);
    if (name === undefined || (ts.canHaveDecorators(fn) && (ts.getDecorators(fn) ?? []).length > 0)) return true;
    const uses = this.usesOf(name, fn);
    if (uses === undefined || uses.length === 0) return true;
    for (const use of uses) {
      if (!this.inScope.has(use.getSourceFile().fileName)) continue;
      const call = callOf(use);
      // Handed on as a value: whoever runs it is not known here.
      if (call === undefined) return true;
      const outside = outsideRequestPath(call, this.graph.root, { innermostFunction: true });
      if (outside !== undefined && !nPlusOneStillCosts(outside)) continue;
      const caller = functionAround(call);
      if (caller === undefined || this.servesRequests(caller, depth + 1, inProgress)) return true;
    }
    return false;
  }

  /** The places another part of the project names `fn` (undefined when there are too many to follow). */
  private usesOf(name: string, fn: FunctionLikeNode): ts.Node[] | undefined {
    const uses: ts.Node[] = [];
    let candidates = 0;
    for (const file of this.graph.sourceFiles) {
      if (!file.text.includes(name)) continue;
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node) && node.text === name && node !== fn.name && isReference(node)) {
          candidates += 1;
          if (candidates > 60) return;
          const expression = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : node;
          const resolved = this.graph.resolveCallee(expression);
          // A call the checker cannot resolve (`app.get(Populator).populate()` on an untyped application context) may run `fn`.
          if (resolved?.node === fn || (resolved === undefined && callOf(expression) !== undefined)) uses.push(expression);
        }
        if (candidates <= 60) ts.forEachChild(node, visit);
      };
      visit(file);
      if (candidates > 60) return undefined;
    }
    return uses;
  }
}

/** A name as used, not declared: `run(…)`, `this.populator.populate`, `{ handler: run }`. */
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if ((ts.isFunctionDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isParameter(parent) || ts.isClassDeclaration(parent)) && parent.name === node) return false;
  return !ts.isImportSpecifier(parent) && !ts.isImportClause(parent) && !ts.isExportSpecifier(parent) && !ts.isTypeReferenceNode(parent);
}

/** The call a use is the callee of: `populator.populate(…)`, `run(…)`; undefined for a use as a value. */
function callOf(use: ts.Node): ts.CallExpression | undefined {
  let current = use;
  while (ts.isParenthesizedExpression(current.parent) || ts.isNonNullExpression(current.parent) || ts.isAsExpression(current.parent)) current = current.parent;
  const parent = current.parent;
  return ts.isCallExpression(parent) && skipWrappers(parent.expression) === skipWrappers(current) ? parent : undefined;
}

/**
 * The function code runs in: the innermost function around it, through the callbacks that run
 * while their function runs (`items.map(async (item) => …)`, `new Promise((resolve) => …)`). Any
 * other callback (a route handler, a listener) runs when whatever it is handed to calls it: it is
 * the function, and having no name to follow, it is taken to serve requests.
 */
function functionAround(node: ts.Node): FunctionLikeNode | undefined {
  for (let current = node.parent as ts.Node | undefined; current !== undefined; current = current.parent) {
    if (isFunctionNode(current) && !isInlineCallback(current)) return current;
  }
  return undefined;
}

function isInlineCallback(fn: FunctionLikeNode): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  let current: ts.Node = fn;
  while (ts.isParenthesizedExpression(current.parent)) current = current.parent;
  const parent = current.parent;
  if (ts.isNewExpression(parent)) return parent.arguments?.[0] === current && ts.isIdentifier(parent.expression) && parent.expression.text === 'Promise';
  if (!ts.isCallExpression(parent) || !parent.arguments.includes(current as ts.Expression)) return false;
  const callee = skipWrappers(parent.expression);
  return ts.isPropertyAccessExpression(callee) && isInlineCallbackMethod(callee.name.text);
}

/** The name callers reach a function by; a member of an object literal (a handler in a table) has none to follow. */
function nameOf(fn: FunctionLikeNode): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || (ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent))) && fn.name !== undefined && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === fn && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}
