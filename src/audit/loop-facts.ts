import { ts } from 'ts-morph';
import { answersFromCache, callsDataLoader, memoisesAnswer } from '../core/classify/loop.js';
import type { LoopFact } from '../core/facts.js';
import { localDeclarationOf } from './bindings.js';
import { chainNames, exitsLoopAfter, isFunctionNode, parentOf, skipWrappers, type EnclosingLoop, type FunctionLikeNode } from './facts.js';
import { isHandWrittenRetryLoop } from './retry.js';

/**
 * TypeScript AST → `LoopFact`: where a call runs inside its innermost loop, the audit's twin of
 * `src/eslint/loop-facts.ts`, so that `core/classify/loop.ts` judges both engines' loops alike.
 */
export function loopFactOf(node: ts.Node, loop: EnclosingLoop): LoopFact {
  const statement = loop.kind === 'callback' ? undefined : loop.node;
  return {
    kind: loop.kind,
    ...(loop.kind === 'callback' ? { iteration: { method: loop.iteration.method, style: loop.iteration.style }, insidePromiseCombinator: loop.insidePromiseCombinator } : {}),
    exitsAfter: statement !== undefined && exitsLoopAfter(node, statement),
    retry: statement !== undefined && isHandWrittenRetryLoop(statement),
    fixedList: iteratesFixedList(loop),
    memoised: memoised(node, loop.node),
    dataLoaderFallback: dataLoaderFallback(node, loop.node),
    elementNames: elementNames(loop),
    switchOnElement: switchOnElement(node, loop),
    sameTick: issuedInOneTick(node, loop),
  };
}

function iteratesFixedList(loop: EnclosingLoop): boolean {
  let iterated: ts.Node | undefined;
  if (loop.kind === 'callback') {
    const callee = skipWrappers(loop.call.expression);
    iterated = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : undefined;
  } else if (ts.isForOfStatement(loop.node) || ts.isForInStatement(loop.node)) {
    iterated = loop.node.expression;
  }
  return iterated !== undefined && isFixedList(skipWrappers(iterated), 0);
}

function isFixedList(node: ts.Node, depth: number): boolean {
  if (ts.isArrayLiteralExpression(node)) return node.elements.length <= 20 && node.elements.every((element) => !ts.isSpreadElement(element));
  if (ts.isObjectLiteralExpression(node)) return true;
  if (ts.isCallExpression(node) && depth === 0) {
    // `Object.keys(CONFIG)`, `Object.entries(PHASES)`.
    const names = chainNames(node.expression);
    const arg = node.arguments[0];
    return names.length === 2 && names[0] === 'Object' && /^(?:keys|values|entries)$/.test(names[1] ?? '') && arg !== undefined && !ts.isSpreadElement(arg) && isFixedList(skipWrappers(arg), depth + 1);
  }
  if (!ts.isIdentifier(node) || depth > 1) return false;
  const declaration = localDeclarationOf(node);
  if (declaration === undefined || !ts.isVariableDeclaration(declaration) || declaration.initializer === undefined || !ts.isIdentifier(declaration.name)) return false;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0) return false;
  const topLevel = ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent);
  return topLevel && isFixedList(skipWrappers(declaration.initializer), depth + 1);
}

function memoised(node: ts.Node, loopNode: ts.Node): boolean {
  for (let current = node.parent as ts.Node | undefined; current !== undefined && current !== loopNode; current = current.parent) {
    if (ts.isIfStatement(current) && memoisesAnswer(current.expression.getText(), current.thenStatement.getText())) return true;
  }
  return false;
}

function dataLoaderFallback(node: ts.Node, loopNode: ts.Node): boolean {
  let child: ts.Node = node;
  for (let current = node.parent as ts.Node | undefined; current !== undefined && current !== loopNode; child = current, current = current.parent) {
    if (ts.isConditionalExpression(current) && current.whenFalse === child) return callsDataLoader(current.whenTrue.getText());
    if (ts.isIfStatement(current) && current.elseStatement === child) return callsDataLoader(current.thenStatement.getText());
  }
  return false;
}

function elementNames(loop: EnclosingLoop): string[] {
  if (loop.kind === 'callback') {
    const method = loop.iteration.method;
    const element = loop.node.parameters[method === 'reduce' || method === 'reduceRight' ? 1 : 0];
    return element !== undefined && ts.isIdentifier(element.name) ? [element.name.text] : [];
  }
  const statement = loop.node;
  if ((ts.isForOfStatement(statement) || ts.isForInStatement(statement)) && ts.isVariableDeclarationList(statement.initializer)) {
    return statement.initializer.declarations.flatMap((declaration) => (ts.isIdentifier(declaration.name) ? [declaration.name.text] : []));
  }
  return [];
}

/** `switch (claim) { case 'roles': q() }` where `claim` is the current element. */
function switchOnElement(node: ts.Node, loop: EnclosingLoop): boolean {
  const names = elementNames(loop);
  for (let current = node.parent as ts.Node | undefined; current !== undefined && current !== loop.node; current = current.parent) {
    if (!ts.isCaseClause(current)) continue;
    const discriminant = skipWrappers(current.parent.parent.expression);
    const test = skipWrappers(current.expression);
    // The literals ESTree calls `Literal` (a template is not one).
    const literal = ts.isStringLiteral(test) || ts.isNumericLiteral(test) || ts.isBigIntLiteral(test) || ts.isRegularExpressionLiteral(test) || test.kind === ts.SyntaxKind.TrueKeyword || test.kind === ts.SyntaxKind.FalseKeyword || test.kind === ts.SyntaxKind.NullKeyword;
    if (literal && ts.isIdentifier(discriminant) && names.includes(discriminant.text)) return true;
  }
  return false;
}

/** Is there an `await` in `scope` that ends before `position`, nested functions aside? */
function awaitsBefore(position: number, scope: ts.Node): boolean {
  let found = false;
  const visit = (current: ts.Node): void => {
    if (found || current.getStart() >= position || (current !== scope && isFunctionNode(current))) return;
    if ((ts.isAwaitExpression(current) || (ts.isForOfStatement(current) && current.awaitModifier !== undefined)) && current.getEnd() <= position) {
      found = true;
      return;
    }
    ts.forEachChild(current, visit);
  };
  visit(scope);
  return found;
}

function issuedInOneTick(node: ts.Node, loop: EnclosingLoop): boolean {
  if (loop.kind === 'callback') return loop.iteration.style === 'array' && !awaitsBefore(node.getStart(), loop.node);
  if (loop.kind === 'for-await-of') return false;
  const parent = parentOf(node);
  if (parent !== undefined && ts.isAwaitExpression(parent)) return false;
  return !awaitsBefore(Number.POSITIVE_INFINITY, loop.node.statement);
}

/** Does the function answer from an in-memory cache before it queries (a top-level `if` on a cache that returns)? */
export function answersFromCacheFirst(fn: FunctionLikeNode): boolean {
  const body = fn.body;
  if (body === undefined || !ts.isBlock(body)) return false;
  return body.statements.some((statement) => ts.isIfStatement(statement) && answersFromCache(statement.expression.getText(), statement.thenStatement.getText()));
}
