import { ts } from 'ts-morph';
import { answersFromCache, awaitedShape, awaitMarkedSequential, isOtherWorkCall, isPaceDuration, countsRounds, callsDataLoader, CHUNK_METHODS, holdsStoredRow, slicesNumberedChunk, splicesChunkFromFront, type StoredRowShape, walksInChunks, WHOLE_LIST_WRITER_PACKAGE, WHOLE_LIST_WRITES, capOfGuard, fullBatchTested, countedRounds, FIXED_ROUNDS_LIMIT, isCacheLoaderCall, isImportedFixedList, namesFixedObject, memoisesAnswer, namesFedBy, nextRoundFromResult, type CommentLines, type NameFlow } from '../core/classify/loop.js';
import { classifyQuery } from '../core/classify/query.js';
import { delayNameOf, isDelayFunctionName } from '../core/classify/retry.js';
import type { ListExpr, LoopFact } from '../core/facts.js';
import { DEFAULT_SETTINGS } from '../core/settings.js';
import { identifierBinding, localDeclarationOf } from './bindings.js';
import { buildChain, chainNames, constOf, enclosingFunctionOf, exitsLoopAfter, isFunctionNode, memberPath, parentOf, skipWrappers, valueFact, type CallLike, type EnclosingLoop, type FunctionLikeNode } from './facts.js';
import { isHandWrittenRetryLoop, retryLoopFacts } from './retry.js';

/**
 * TypeScript AST → `LoopFact`: where a call runs inside its innermost loop, the audit's twin of
 * `src/eslint/loop-facts.ts`, so that `core/classify/loop.ts` judges both engines' loops alike.
 */
export function loopFactOf(node: ts.Node, loop: EnclosingLoop, isQuery: (call: CallLike) => boolean = defaultIsQuery): LoopFact {
  const statement = loop.kind === 'callback' ? undefined : loop.node;
  const rows = rowBindings(loop);
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
    ...(statement === undefined ? {} : nextRoundOf(node, statement)),
    rowNames: rows.rowNames,
    ...(rows.counters.length > 0 ? { counterNames: rows.counters } : {}),
    changedElements: changedElements(rows),
    dispatchOnElementKind: dispatchOnElementKind(node, loop.node, rows.rowNames),
    rowFailureCaught: rowFailureCaught(node, loop.node),
    ...(onErrorPath(loop.node) ? { onErrorPath: true } : {}),
    chunked: (statement !== undefined && chunked(statement)) || flushesFullBatch(node, loop.node),
    sequentialOnPurpose: markedSequential(node, loop.node),
    ...(statement !== undefined && pacedEachRound(statement.statement) && awaitsWorkAfter(node, loop, defaultIsQuery, true) ? { paced: true } : {}),
    ...(resultReadLater(node, loop.node) ? { resultReadLater: true } : {}),
    ...collectedForBatch(node, loop.node),
    ...(awaitsWorkAfter(node, loop, isQuery) ? { awaitsWorkAfter: true } : {}),
    ...listCapOf(loop),
    ...walkedListOf(loop),
    ...rowIndexOf(loop),
    ...elementObjectOf(loop),
  };
}

/** `LoopFact.onErrorPath`, as `src/eslint/loop-facts.ts` finds it: a `catch` block or `.catch(…)` callback that ends by throwing. */
function onErrorPath(loopNode: ts.Node): boolean {
  for (let current = loopNode.parent as ts.Node | undefined; current !== undefined; current = current.parent as ts.Node | undefined) {
    if (ts.isCatchClause(current)) return endsByThrowing(current.block);
    if (!isFunctionNode(current)) continue;
    const fn = current;
    const call = fn.parent;
    if (!ts.isCallExpression(call) || !call.arguments.some((argument) => argument === fn)) return false;
    if (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'catch') return fn.body !== undefined && ts.isBlock(fn.body) && endsByThrowing(fn.body);
  }
  return false;
}

function endsByThrowing(block: ts.Block): boolean {
  const last = block.statements[block.statements.length - 1];
  return last !== undefined && ts.isThrowStatement(last);
}

/** The object each element of the walked list is (`LoopFact.elementObject`), as `src/eslint/loop-facts.ts` finds it. */
function elementObjectOf(loop: EnclosingLoop): Pick<LoopFact, 'elementObject'> {
  const iterated = iteratedNode(loop);
  const list = iterated === undefined ? undefined : heldValue(skipWrappers(iterated));
  if (list === undefined || !ts.isCallExpression(list)) return {};
  const callee = skipWrappers(list.expression);
  const callback = list.arguments[0];
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'map' || callback === undefined || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return {};
  const returned = returnedValue(callback);
  const object = returned === undefined ? undefined : objectBuiltBy(returned);
  return object === undefined ? {} : { elementObject: valueFact(object) };
}

/** The value a name holds: its `const` initialiser, or the one value assigned to a variable declared empty (`let xs = []`); other expressions themselves. */
function heldValue(node: ts.Node): ts.Node | undefined {
  if (!ts.isIdentifier(node)) return node;
  const declaration = localDeclarationOf(node);
  if (declaration === undefined || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !ts.isVariableDeclarationList(declaration.parent)) return undefined;
  const holder = declaration.parent;
  if (ts.isForOfStatement(holder.parent) || ts.isForInStatement(holder.parent)) return undefined;
  const assigned = assignmentsOf(node.text, holder);
  const init = declaration.initializer === undefined ? undefined : skipWrappers(declaration.initializer);
  if (assigned.length === 0) return init;
  const empty = init === undefined || (ts.isArrayLiteralExpression(init) && init.elements.length === 0);
  return empty && assigned.length === 1 ? assigned[0] : undefined;
}

/** The values assigned to `name` in the function (or module) that declares it, as `src/eslint/loop-facts.ts` lists them. */
function assignmentsOf(name: string, declaration: ts.VariableDeclarationList): (ts.Node | undefined)[] {
  let scope: ts.Node = declaration;
  for (let current = declaration.parent as ts.Node | undefined; current !== undefined; current = current.parent) {
    scope = current;
    if (isFunctionNode(current)) break;
  }
  const values: (ts.Node | undefined)[] = [];
  const visit = (current: ts.Node): void => {
    if (ts.isBinaryExpression(current) && current.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && current.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const target = skipWrappers(current.left);
      if (ts.isIdentifier(target) && target.text === name) values.push(current.operatorToken.kind === ts.SyntaxKind.EqualsToken ? skipWrappers(current.right) : undefined);
    }
    if (ts.isCallExpression(current)) {
      const names = chainNames(current.expression);
      if (names.length === 2 && names[0] === name && ADDS_IN_PLACE.has(names[1] ?? '')) values.push(undefined);
    }
    ts.forEachChild(current, visit);
  };
  visit(scope);
  return values;
}

/** Array methods that add elements to the list they are called on. */
const ADDS_IN_PLACE: ReadonlySet<string> = new Set(['push', 'unshift', 'splice']);

/** What a function returns: an arrow's expression body, or the argument of the single `return` of its body (nested functions aside). */
function returnedValue(fn: ts.Node): ts.Node | undefined {
  if (!isFunctionNode(fn) || fn.body === undefined) return undefined;
  if (!ts.isBlock(fn.body)) return skipWrappers(fn.body);
  const returns: ts.ReturnStatement[] = [];
  const visit = (current: ts.Node): void => {
    if (isFunctionNode(current)) return;
    if (ts.isReturnStatement(current)) returns.push(current);
    ts.forEachChild(current, visit);
  };
  ts.forEachChild(fn.body, visit);
  const only = returns.length === 1 ? returns[0]?.expression : undefined;
  return only === undefined ? undefined : skipWrappers(only);
}

/** An object literal, or the object literal returned by the function or method of the same file it calls (`this.toInput(x)`, `toInput(x)`). */
function objectBuiltBy(value: ts.Node): ts.ObjectLiteralExpression | undefined {
  if (ts.isObjectLiteralExpression(value)) return value;
  if (!ts.isCallExpression(value)) return undefined;
  const fn = localCalleeOf(value, true);
  const returned = fn === undefined ? undefined : returnedValue(fn);
  return returned !== undefined && ts.isObjectLiteralExpression(returned) ? returned : undefined;
}

/** The walked list of a loop (`LoopFact.walkedList`), traced back through the function's declarations (as `src/eslint/loop-facts.ts`). */
function walkedListOf(loop: EnclosingLoop): Pick<LoopFact, 'walkedList'> {
  const iterated = iteratedNode(loop) ?? (loop.kind !== 'callback' && ts.isForStatement(loop.node) ? countedList(loop.node.condition) : undefined);
  return iterated === undefined ? {} : { walkedList: describeList(iterated, 0) };
}

/** The list a `for` loop counts through and its counter (`LoopFact.rowIndex`), as `src/eslint/loop-facts.ts` finds them. */
function rowIndexOf(loop: EnclosingLoop): Pick<LoopFact, 'rowIndex'> {
  if (loop.kind === 'callback' || !ts.isForStatement(loop.node)) return {};
  const { condition, initializer } = loop.node;
  const test = condition === undefined ? undefined : skipWrappers(condition);
  if (test === undefined || !ts.isBinaryExpression(test) || initializer === undefined || !ts.isVariableDeclarationList(initializer)) return {};
  const kind = test.operatorToken.kind;
  const listNode = countedList(test);
  const counter = skipWrappers(kind === ts.SyntaxKind.LessThanToken || kind === ts.SyntaxKind.LessThanEqualsToken ? test.left : test.right);
  const list = listNode === undefined ? undefined : memberPath(listNode);
  if (list === undefined || !ts.isIdentifier(counter) || !initializer.declarations.some((declaration) => patternNames(declaration.name).includes(counter.text))) return {};
  return { rowIndex: { list, counter: counter.text } };
}

/** `xs` of a counted loop's `i < xs.length` (or `xs.length > i`). */
function countedList(test: ts.Expression | undefined): ts.Node | undefined {
  const condition = test === undefined ? undefined : skipWrappers(test);
  if (condition === undefined || !ts.isBinaryExpression(condition)) return undefined;
  const kind = condition.operatorToken.kind;
  const operand = kind === ts.SyntaxKind.LessThanToken || kind === ts.SyntaxKind.LessThanEqualsToken ? condition.right
    : kind === ts.SyntaxKind.GreaterThanToken || kind === ts.SyntaxKind.GreaterThanEqualsToken ? condition.left : undefined;
  const inner = operand === undefined ? undefined : skipWrappers(operand);
  return inner !== undefined && ts.isPropertyAccessExpression(inner) && inner.name.text === 'length' ? inner.expression : undefined;
}

/** How deep `describeList` follows declarations and calls. */
const LIST_TRACE_DEPTH = 6;

/** Builtins that copy the list they are given: `Object.values(x)`, `Array.from(x)`, `new Set(x)` (as `x.values()`). */
function copiedList(callee: ts.Node, args: readonly ts.Node[], isNew: boolean): ts.Node | undefined {
  const names = chainNames(callee);
  const copying = isNew ? names.length === 1 && /^(?:Set|Array)$/.test(names[0] ?? '') : names.length === 2 && /^(?:Object\.(?:keys|values|entries)|Array\.from)$/.test(names.join('.'));
  return copying ? args[0] : undefined;
}

/** The syntax of a list's origin (core: `listOrigin`), as `describeList` of `src/eslint/loop-facts.ts`. */
export function describeList(node: ts.Node, depth: number): ListExpr {
  if (depth > LIST_TRACE_DEPTH) return { kind: 'unknown' };
  const inner = skipWrappers(node);
  const next = (child: ts.Node): ListExpr => describeList(child, depth + 1);
  if (ts.isAwaitExpression(inner)) return { kind: 'awaited' };
  if (inner.kind === ts.SyntaxKind.ThisKeyword) return { kind: 'this' };
  if (ts.isIdentifier(inner)) return describeIdentifier(inner, depth);
  if (ts.isPropertyAccessExpression(inner)) return ts.isIdentifier(inner.name) ? { kind: 'member', object: next(inner.expression), property: inner.name.text } : { kind: 'member', object: next(inner.expression) };
  if (ts.isElementAccessExpression(inner)) return { kind: 'member', object: next(inner.expression) };
  if (ts.isConditionalExpression(inner)) return { kind: 'either', options: [next(inner.whenTrue), next(inner.whenFalse)] };
  if (ts.isBinaryExpression(inner) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(inner.operatorToken.kind)) {
    return { kind: 'either', options: [next(inner.left), next(inner.right)] };
  }
  if (ts.isArrayLiteralExpression(inner)) return { kind: 'literal', parts: inner.elements.flatMap((element) => (ts.isSpreadElement(element) ? [next(element.expression)] : [])) };
  if (ts.isStringLiteral(inner) || ts.isNumericLiteral(inner) || ts.isBigIntLiteral(inner) || ts.isRegularExpressionLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner) || ts.isTemplateExpression(inner) ||
    ts.isObjectLiteralExpression(inner) || ts.isArrowFunction(inner) || ts.isFunctionExpression(inner) ||
    inner.kind === ts.SyntaxKind.TrueKeyword || inner.kind === ts.SyntaxKind.FalseKeyword || inner.kind === ts.SyntaxKind.NullKeyword) {
    return { kind: 'literal', parts: [] };
  }
  if (ts.isCallExpression(inner) || ts.isNewExpression(inner)) {
    const args = (inner.arguments ?? []).map((arg) => (ts.isSpreadElement(arg) ? arg.expression : arg));
    const copied = copiedList(inner.expression, args, ts.isNewExpression(inner));
    if (copied !== undefined) return { kind: 'call', method: 'values', receiver: next(copied), args: [] };
    if (ts.isNewExpression(inner) && args.length === 0) return { kind: 'literal', parts: [] };
    const callee = skipWrappers(inner.expression);
    const member = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee);
    const method = ts.isPropertyAccessExpression(callee) ? (ts.isIdentifier(callee.name) ? callee.name.text : '') : ts.isIdentifier(callee) ? callee.text : '';
    return { kind: 'call', method, ...(member ? { receiver: next(callee.expression) } : {}), args: args.map(next) };
  }
  return { kind: 'unknown' };
}

/** An identifier's list: a parameter, or what its declaration (a `const`, a loop variable, a destructured part) holds. */
function describeIdentifier(identifier: ts.Identifier, depth: number): ListExpr {
  const declaration = localDeclarationOf(identifier);
  if (declaration !== undefined && ts.isParameter(declaration)) return { kind: 'parameter' };
  if (declaration === undefined || !ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(declaration.parent)) return { kind: 'unknown' };
  const holder = declaration.parent;
  const loop = holder.parent;
  if ((ts.isForOfStatement(loop) || ts.isForInStatement(loop)) && loop.initializer === holder) {
    return partOf(declaration.name, identifier.text, { kind: 'member', object: describeList(loop.expression, depth + 1) });
  }
  if (declaration.initializer === undefined || ((holder.flags & ts.NodeFlags.Const) === 0 && reassigned(identifier.text, holder))) return { kind: 'unknown' };
  return partOf(declaration.name, identifier.text, describeList(declaration.initializer, depth + 1));
}

function bindsName(pattern: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(pattern)) return pattern.text === name;
  return pattern.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, name));
}

/** The part of `whole` a binding pattern gives `name`: the whole for a plain name or a rest element, else a member. */
function partOf(pattern: ts.BindingName, name: string, whole: ListExpr): ListExpr {
  if (ts.isIdentifier(pattern)) return whole;
  if (ts.isObjectBindingPattern(pattern)) {
    for (const element of pattern.elements) {
      if (!bindsName(element.name, name)) continue;
      if (element.dotDotDotToken !== undefined) return whole;
      const keyNode = element.propertyName ?? (ts.isIdentifier(element.name) ? element.name : undefined);
      const key = keyNode !== undefined && ts.isIdentifier(keyNode) ? keyNode.text : undefined;
      return partOf(element.name, name, { kind: 'member', object: whole, ...(key === undefined ? {} : { property: key }) });
    }
    return { kind: 'unknown' };
  }
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element) || !bindsName(element.name, name)) continue;
    return element.dotDotDotToken !== undefined ? whole : partOf(element.name, name, { kind: 'member', object: whole });
  }
  return { kind: 'unknown' };
}

/** Is `name` assigned (`name = …`) anywhere in the function (or file) that declares it? */
function reassigned(name: string, declaration: ts.VariableDeclarationList): boolean {
  let scope: ts.Node = declaration;
  for (let current = declaration.parent as ts.Node | undefined; current !== undefined; current = current.parent) {
    scope = current;
    if (isFunctionNode(current)) break;
  }
  let found = false;
  const visit = (current: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(current) && current.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && current.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      ts.isIdentifier(skipWrappers(current.left)) && (skipWrappers(current.left) as ts.Identifier).text === name) {
      found = true;
      return;
    }
    ts.forEachChild(current, visit);
  };
  visit(scope);
  return found;
}

/** The list a loop walks: a `for…of`/`for…in`'s iterable, `xs` of `xs.map(cb)`, the first argument of `_.map(xs, cb)`. */
function iteratedNode(loop: EnclosingLoop): ts.Node | undefined {
  if (loop.kind === 'callback') {
    const callee = skipWrappers(loop.call.expression);
    const first = loop.call.arguments[0];
    return loop.iteration.style === 'array' ? (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : undefined) : first === undefined || ts.isSpreadElement(first) ? undefined : first;
  }
  return ts.isForOfStatement(loop.node) || ts.isForInStatement(loop.node) ? loop.node.expression : undefined;
}

/** An expression as written without spaces (`input.items`): how a list is named wherever the loop reads it. */
const textOf = (node: ts.Node): string => skipWrappers(node).getText().replace(/\s+/g, '');

/** The list a loop walks, as written without spaces (`inputs`, `input.items`). */
function iteratedText(loop: EnclosingLoop): string | undefined {
  const iterated = iteratedNode(loop);
  return iterated === undefined ? undefined : textOf(iterated);
}

/** An operand of a guard: `<list>.length`, or a number. */
function guardOperand(node: ts.Node): { lengthOf?: string; number?: number } {
  const inner = skipWrappers(node);
  if (ts.isNumericLiteral(inner)) return { number: Number(inner.text) };
  if (ts.isPropertyAccessExpression(inner) && inner.name.text === 'length') return { lengthOf: textOf(inner.expression) };
  return {};
}

function throwsOrReturns(statement: ts.Statement): boolean {
  if (ts.isThrowStatement(statement) || ts.isReturnStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.some((inner) => ts.isThrowStatement(inner) || ts.isReturnStatement(inner));
}

const GUARD_OPERATORS: ReadonlyMap<ts.SyntaxKind, string> = new Map([
  [ts.SyntaxKind.GreaterThanToken, '>'], [ts.SyntaxKind.GreaterThanEqualsToken, '>='], [ts.SyntaxKind.LessThanToken, '<'], [ts.SyntaxKind.LessThanEqualsToken, '<='],
]);

const BATCH_OPERATORS: ReadonlyMap<ts.SyntaxKind, string> = new Map([...GUARD_OPERATORS, [ts.SyntaxKind.EqualsEqualsEqualsToken, '==='], [ts.SyntaxKind.EqualsEqualsToken, '==']]);

/** The call reads a batch the loop fills and runs under its size check, in a branch that empties it (core: `fullBatchTested`): once per full batch. */
function flushesFullBatch(node: ts.Node, loopNode: ts.Node): boolean {
  // The size checks around the call first: most calls in a loop sit under none, and need no walk of the loop.
  const checks: { test: ts.BinaryExpression; operator: string; branch: ts.Statement }[] = [];
  let child: ts.Node = node;
  for (let parent = node.parent as ts.Node | undefined; parent !== undefined && child !== loopNode; child = parent, parent = parent.parent as ts.Node | undefined) {
    if (isFunctionNode(parent) && parent !== loopNode) return false;
    const test = ts.isIfStatement(parent) && child === parent.thenStatement ? skipWrappers(parent.expression) : undefined;
    const operator = test !== undefined && ts.isBinaryExpression(test) ? BATCH_OPERATORS.get(test.operatorToken.kind) : undefined;
    if (operator !== undefined && test !== undefined && ts.isBinaryExpression(test) && ts.isIfStatement(parent)) checks.push({ test, operator, branch: parent.thenStatement });
  }
  if (checks.length === 0) return false;
  const pushed: string[] = [];
  const visit = (current: ts.Node): void => {
    if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression) && current.expression.name.text === 'push') pushed.push(textOf(current.expression.expression));
    ts.forEachChild(current, visit);
  };
  visit(loopNode);
  return checks.some(({ test, operator, branch }) => {
    const list = fullBatchTested(operator, guardOperand(test.left), guardOperand(test.right), pushed);
    return list !== undefined && readsBatch(node, list, branch) && emptiesList(branch, list);
  });
}

/** Does the call read the batch, or a `const` the branch made of it (`const rows = batch.map(toRow)`)? */
function readsBatch(call: ts.Node, list: string, branch: ts.Node): boolean {
  if (mentions(call, list)) return true;
  const made: string[] = [];
  const visit = (current: ts.Node): void => {
    if (ts.isVariableDeclaration(current) && ts.isIdentifier(current.name) && current.initializer !== undefined && mentions(current.initializer, list)) made.push(current.name.text);
    ts.forEachChild(current, visit);
  };
  visit(branch);
  return made.some((name) => mentions(call, name));
}

/** Does the code read the list (an identifier or member written as `list`)? */
function mentions(code: ts.Node, list: string): boolean {
  const visit = (current: ts.Node): boolean => ((ts.isIdentifier(current) || ts.isPropertyAccessExpression(current)) && textOf(current) === list) || (ts.forEachChild(current, visit) ?? false);
  return visit(code);
}

/**
 * Does the branch always empty the list: a statement of its own (not under a further `if`) that
 * assigns `list = []`, sets `list.length = 0` or calls `list.splice(0)` (all of it, not a part)?
 */
function emptiesList(branch: ts.Statement, list: string): boolean {
  const statements = ts.isBlock(branch) ? [...branch.statements] : [branch];
  return statements.some((statement) => {
    if (!ts.isExpressionStatement(statement)) return false;
    const expression = skipWrappers(statement.expression);
    if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const right = skipWrappers(expression.right);
      if (textOf(expression.left) === list && ts.isArrayLiteralExpression(right) && right.elements.length === 0) return true;
      return textOf(expression.left) === `${list}.length` && ts.isNumericLiteral(right) && right.text === '0';
    }
    if (!ts.isCallExpression(expression) || textOf(expression.expression) !== `${list}.splice` || expression.arguments.length !== 1) return false;
    const start = expression.arguments[0];
    return start !== undefined && ts.isNumericLiteral(start) && start.text === '0';
  });
}

/** The smallest cap that an `if (list.length > n) throw|return` before the loop, in the same function, puts on the walked list. */
function listCapOf(loop: EnclosingLoop): Pick<LoopFact, 'listCap'> {
  const list = iteratedText(loop);
  if (list === undefined) return {};
  let scope: ts.Node = loop.node;
  for (let current = loop.node.parent as ts.Node | undefined; current !== undefined; current = current.parent as ts.Node | undefined) {
    scope = current;
    if (isFunctionNode(current)) break;
  }
  const loopStart = loop.node.getStart();
  let cap: number | undefined;
  const visit = (current: ts.Node): void => {
    if ((current !== scope && isFunctionNode(current)) || current.getStart() >= loopStart) return;
    if (ts.isIfStatement(current) && ts.isBinaryExpression(current.expression) && throwsOrReturns(current.thenStatement)) {
      const operator = GUARD_OPERATORS.get(current.expression.operatorToken.kind);
      const found = operator === undefined ? undefined : capOfGuard(operator, guardOperand(current.expression.left), guardOperand(current.expression.right), list);
      if (found !== undefined) cap = Math.min(cap ?? found, found);
    }
    ts.forEachChild(current, visit);
  };
  visit(scope);
  return cap === undefined ? {} : { listCap: cap };
}

/** The call runs in a `try` of the loop body whose `catch` has no `throw` at all, nested functions aside (as `src/eslint/loop-facts.ts`). */
function rowFailureCaught(node: ts.Node, loopNode: ts.Node): boolean {
  let child: ts.Node = node;
  for (let parent = node.parent as ts.Node | undefined; parent !== undefined && parent !== loopNode; child = parent, parent = parent.parent as ts.Node | undefined) {
    if (isFunctionNode(parent)) return false;
    if (ts.isTryStatement(parent) && child === parent.tryBlock && parent.catchClause !== undefined && !throwsIn(parent.catchClause.block)) return true;
  }
  return false;
}

/** Is there a `throw` in a block, nested functions aside? */
function throwsIn(block: ts.Node): boolean {
  const visit = (current: ts.Node): boolean => ts.isThrowStatement(current) || (!(current !== block && isFunctionNode(current)) && (ts.forEachChild(current, visit) ?? false));
  return visit(block);
}

/** A loop statement that walks its list a chunk at a time (core: `walksInChunks`), nested functions aside (as `src/eslint/loop-facts.ts`). */
function chunked(statement: ts.Node): boolean {
  if (!ts.isForStatement(statement) && !ts.isWhileStatement(statement) && !ts.isDoStatement(statement)) return false;
  const stepped: string[] = [];
  const slicedFrom: string[] = [];
  const splicedFrom: string[] = [];
  let slicedByIndex = false;
  const isOne = (value: ts.Node): boolean => ts.isNumericLiteral(value) && value.text === '1';
  // The counter a `for` loop steps by 1 (`i++`, `i += 1`): the number of the chunk a slice by index takes (as `src/eslint/loop-facts.ts`).
  const update = ts.isForStatement(statement) ? statement.incrementor : undefined;
  const counter = update !== undefined && ts.isPostfixUnaryExpression(update) && update.operator === ts.SyntaxKind.PlusPlusToken && ts.isIdentifier(update.operand) ? update.operand.text
    : update !== undefined && ts.isPrefixUnaryExpression(update) && update.operator === ts.SyntaxKind.PlusPlusToken && ts.isIdentifier(update.operand) ? update.operand.text
      : update !== undefined && ts.isBinaryExpression(update) && update.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && ts.isIdentifier(update.left) && isOne(update.right) ? update.left.text : undefined;
  const visit = (current: ts.Node, root: ts.Node): void => {
    if (current !== root && isFunctionNode(current)) return;
    if (ts.isBinaryExpression(current) && ts.isIdentifier(current.left)) {
      const name = current.left.text;
      const right = skipWrappers(current.right);
      if (current.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && !isOne(right)) stepped.push(name);
      if (current.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isBinaryExpression(right) && right.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        const [own, step] = ts.isIdentifier(right.left) && right.left.text === name ? [right.left, right.right] : [right.right, right.left];
        if (ts.isIdentifier(own) && own.text === name && !isOne(step)) stepped.push(name);
      }
    }
    if (ts.isCallExpression(current)) {
      const callee = skipWrappers(current.expression);
      const start = current.arguments[0];
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) && CHUNK_METHODS.has(callee.name.text)) {
        if (start !== undefined && ts.isIdentifier(start)) slicedFrom.push(start.text);
        const end = current.arguments[1];
        if (counter !== undefined && start !== undefined && end !== undefined && slicesNumberedChunk(valueFact(start), valueFact(end), counter)) slicedByIndex = true;
      }
      // `const part = ids.splice(0, 100)`: a chunk taken off the front of the list the condition drains, and used (as `src/eslint/loop-facts.ts`).
      // Or through a helper of this file that does only that (`this.sliceIntoChunks(contacts, 3000)`).
      const splice = ts.isPropertyAccessExpression(callee) && callee.name.text === 'splice' ? { list: callee.expression, start, count: current.arguments[1] } : spliceThroughHelper(current);
      if (splice !== undefined && chunkIsUsed(current) &&
        splicesChunkFromFront(splice.start === undefined || ts.isSpreadElement(splice.start) ? undefined : valueFact(splice.start), splice.count === undefined || ts.isSpreadElement(splice.count) ? undefined : valueFact(constNumberOf(splice.count) ?? splice.count))) {
        splicedFrom.push(textOf(splice.list));
        // `chunk = ids.splice(0, 100)` as a statement of every round, the round taking no items off it one by one (as `src/eslint/loop-facts.ts`).
        const holder = parentOf(current);
        if (holder !== undefined && ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(holder.left) &&
          ts.isExpressionStatement(holder.parent) && holder.parent.parent === statement.statement && !drawsItemsFrom(statement.statement, holder.left.text)) splicedFrom.push(holder.left.text);
      }
    }
    ts.forEachChild(current, (child) => {
      visit(child, root);
    });
  };
  visit(statement.statement, statement.statement);
  if (ts.isForStatement(statement) && statement.incrementor !== undefined) visit(statement.incrementor, statement.incrementor);
  const test = ts.isForStatement(statement) ? statement.condition : statement.expression;
  const readsLength = (node: ts.Node): boolean => (ts.isPropertyAccessExpression(node) && node.name.text === 'length' && splicedFrom.includes(textOf(node.expression))) || (ts.forEachChild(node, readsLength) ?? false);
  const drains = test !== undefined && splicedFrom.length > 0 && readsLength(test);
  return drains || walksInChunks(stepped, slicedFrom, slicedByIndex);
}

/** Does the loop body take items off `name` one at a time (as `src/eslint/loop-facts.ts`)? */
function drawsItemsFrom(body: ts.Node, name: string): boolean {
  const visit = (current: ts.Node): boolean =>
    (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression) && ts.isIdentifier(current.expression.expression) &&
      current.expression.expression.text === name && ['shift', 'pop', 'splice'].includes(current.expression.name.text)) || (ts.forEachChild(current, visit) ?? false);
  return visit(body);
}

/** A call's value is bound or handed on (as `src/eslint/loop-facts.ts`). */
function chunkIsUsed(call: ts.Node): boolean {
  const parent = parentOf(call);
  if (parent === undefined) return false;
  return (ts.isVariableDeclaration(parent) && parent.initializer !== undefined && skipWrappers(parent.initializer) === call) || ts.isSpreadElement(parent) ||
    (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && skipWrappers(parent.right) === call) ||
    ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && (parent.arguments ?? []).some((argument) => skipWrappers(argument) === call));
}

/**
 * The function of this file a call runs: `helper(…)` declared here (a function, or a variable holding one — a `const`
 * only, with `constOnly`), or `this.method(…)` of the enclosing class (as `src/eslint/functions.ts` `localCallee`).
 */
function localCalleeOf(call: ts.CallExpression, constOnly = false): FunctionLikeNode | undefined {
  const callee = skipWrappers(call.expression);
  if (ts.isIdentifier(callee)) {
    const declaration = localDeclarationOf(callee);
    if (declaration !== undefined && ts.isFunctionDeclaration(declaration)) return declaration;
    if (declaration === undefined || !ts.isVariableDeclaration(declaration) || (constOnly && (!ts.isVariableDeclarationList(declaration.parent) || (declaration.parent.flags & ts.NodeFlags.Const) === 0))) return undefined;
    const init = declaration.initializer === undefined ? undefined : skipWrappers(declaration.initializer);
    return init !== undefined && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  for (let current: ts.Node = call.parent; !ts.isSourceFile(current); current = current.parent) {
    if (!ts.isClassLike(current)) continue;
    const method = current.members.find((member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === callee.name.text);
    return method?.body === undefined ? undefined : method;
  }
  return undefined;
}

/** `this.sliceIntoChunks(contacts, 3000)`: a helper whose whole body hands back `list.splice(0, count)` of its parameters (as `src/eslint/loop-facts.ts`). */
function spliceThroughHelper(call: ts.CallExpression): { list: ts.Node; start: ts.Node | undefined; count: ts.Node | undefined } | undefined {
  const fn = localCalleeOf(call);
  const body = fn?.body;
  if (fn === undefined || body === undefined) return undefined;
  const first = ts.isBlock(body) && body.statements.length === 1 ? body.statements[0] : undefined;
  const returned = ts.isBlock(body) ? (first !== undefined && ts.isReturnStatement(first) ? first.expression : undefined) : body;
  const inner = returned === undefined ? undefined : skipWrappers(returned);
  if (inner === undefined || !ts.isCallExpression(inner) || !ts.isPropertyAccessExpression(inner.expression) || inner.expression.name.text !== 'splice' || !ts.isIdentifier(inner.expression.expression)) return undefined;
  // A TypeScript `this` parameter takes no argument.
  const params = fn.parameters.filter((param) => !(ts.isIdentifier(param.name) && param.name.text === 'this')).map((param) => (ts.isIdentifier(param.name) ? param.name.text : undefined));
  const given = (node: ts.Node | undefined): ts.Node | undefined => {
    if (node === undefined || !ts.isIdentifier(node)) return node;
    const index = params.indexOf(node.text);
    return index === -1 ? node : call.arguments[index];
  };
  const listIndex = params.indexOf(inner.expression.expression.text);
  const list = listIndex === -1 ? undefined : call.arguments[listIndex];
  if (list === undefined || ts.isSpreadElement(list)) return undefined;
  return { list, start: given(inner.arguments[0]), count: given(inner.arguments[1]) };
}

/** The numeric literal a `const` name holds (`const BATCH = 1`), for a count written through it (as `src/eslint/loop-facts.ts`). */
function constNumberOf(node: ts.Node): ts.Node | undefined {
  if (!ts.isIdentifier(node)) return undefined;
  const init = constOf(node)?.init;
  return init !== undefined && ts.isNumericLiteral(init) ? init : undefined;
}

/** The names an identifier or a destructuring pattern binds. */
function patternNames(pattern: ts.Node | undefined): string[] {
  if (pattern === undefined || ts.isOmittedExpression(pattern)) return [];
  if (ts.isIdentifier(pattern)) return [pattern.text];
  if (ts.isObjectBindingPattern(pattern) || ts.isArrayBindingPattern(pattern)) return pattern.elements.flatMap((element) => (ts.isBindingElement(element) ? patternNames(element.name) : []));
  if (ts.isParameter(pattern) || ts.isVariableDeclaration(pattern)) return patternNames(pattern.name);
  // Destructuring assignments: `({ a, b } = x)`, `[a, b] = x`.
  if (ts.isObjectLiteralExpression(pattern)) {
    return pattern.properties.flatMap((property) =>
      ts.isShorthandPropertyAssignment(property) ? [property.name.text] : ts.isPropertyAssignment(property) ? patternNames(skipDefault(property.initializer)) : ts.isSpreadAssignment(property) ? patternNames(property.expression) : []);
  }
  if (ts.isArrayLiteralExpression(pattern)) return pattern.elements.flatMap((element) => patternNames(ts.isSpreadElement(element) ? element.expression : skipDefault(element)));
  return [];
}

function skipDefault(node: ts.Expression): ts.Expression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken ? node.left : node;
}

function isAssignment(node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

/** The variables an expression reads (property names aside). */
function referencedNames(node: ts.Node | undefined): string[] {
  const names = new Set<string>();
  const visit = (current: ts.Node): void => {
    if (ts.isIdentifier(current)) {
      const parent = current.parent as ts.Node | undefined;
      const propertyName = parent !== undefined && ((ts.isPropertyAccessExpression(parent) && parent.name === current) || (ts.isPropertyAssignment(parent) && parent.name === current) || (ts.isBindingElement(parent) && parent.propertyName === current));
      if (!propertyName) names.add(current.text);
      return;
    }
    if (ts.isTypeNode(current)) return;
    ts.forEachChild(current, visit);
  };
  if (node !== undefined) visit(node);
  return [...names].sort();
}

/** Declarations and assignments of a loop body, nested functions aside. */
function flowsIn(node: ts.Node | undefined): NameFlow[] {
  const flows: NameFlow[] = [];
  const visit = (current: ts.Node): void => {
    if (current !== node && isFunctionNode(current)) return;
    if (ts.isVariableDeclaration(current) && current.initializer !== undefined) flows.push({ targets: patternNames(current.name), reads: referencedNames(current.initializer) });
    if (isAssignment(current)) {
      const targets = patternNames(current.left);
      const reads = current.operatorToken.kind === ts.SyntaxKind.EqualsToken ? referencedNames(current.right) : [...targets, ...referencedNames(current.right)];
      if (targets.length > 0) flows.push({ targets, reads, guards: branchTestReads(current, node) });
    }
    ts.forEachChild(current, visit);
  };
  if (node !== undefined) visit(node);
  return flows;
}

/**
 * The names read by the tests of the `if`s that decide whether an assignment runs, up to `top`:
 * `if (taken) slug = undefined` writes `slug` from `taken` as surely as `slug = taken ? undefined : slug`.
 */
function branchTestReads(assignment: ts.Node, top: ts.Node | undefined): string[] {
  const reads: string[] = [];
  for (let child = assignment, parent = assignment.parent as ts.Node | undefined; parent !== undefined && child !== top; child = parent, parent = parent.parent as ts.Node | undefined) {
    if (ts.isIfStatement(parent) && parent.expression !== child) reads.push(...referencedNames(parent.expression));
  }
  return reads;
}

function within(node: ts.Node, container: ts.Node | undefined): boolean {
  return container !== undefined && node.getStart() >= container.getStart() && node.getEnd() <= container.getEnd();
}

function isStatementNode(node: ts.Node): boolean {
  return ts.isBlock(node) || /Statement$/.test(ts.SyntaxKind[node.kind]);
}

/** The names the call's own statement stores its value in: `const page = await q()`, `match = await q()`. */
function storedNames(node: ts.Node, loopNode: ts.Node): string[] {
  let child: ts.Node = node;
  for (let parent = node.parent as ts.Node | undefined; parent !== undefined && parent !== loopNode; child = parent, parent = parent.parent) {
    if (ts.isVariableDeclaration(parent)) return parent.initializer === child ? patternNames(parent.name) : [];
    if (isAssignment(parent)) return parent.right === child ? patternNames(parent.left) : [];
    if (isFunctionNode(parent) || isStatementNode(parent)) return [];
  }
  return [];
}

/** The call's value is stored in a name that the loop body reads after the call (`LoopFact.resultReadLater`), nested functions aside. */
function resultReadLater(node: ts.Node, loopNode: ts.Node): boolean {
  const stored = storedNames(node, loopNode);
  if (stored.length === 0) return false;
  const body = ts.isForOfStatement(loopNode) || ts.isForInStatement(loopNode) || ts.isForStatement(loopNode) || ts.isWhileStatement(loopNode) || ts.isDoStatement(loopNode) ? loopNode.statement : loopNode;
  const after = node.getEnd();
  let read = false;
  const visit = (current: ts.Node): void => {
    if (read || (current !== body && current !== loopNode && isFunctionNode(current) && current.getStart() >= after)) return;
    if (ts.isIdentifier(current) && current.getStart() >= after && stored.includes(current.text) && referencedNames(current.parent).includes(current.text)) {
      read = true;
      return;
    }
    ts.forEachChild(current, visit);
  };
  visit(body);
  return read;
}

/** `LoopFact.batchedInTransaction` and `LoopFact.savedTogether`, as `src/eslint/loop-facts.ts` finds them. */
function collectedForBatch(node: ts.Node, loopNode: ts.Node): { batchedInTransaction?: true; savedTogether?: true } {
  if (mappedIntoTransaction(node, loopNode)) return { batchedInTransaction: true };
  const push = node.parent;
  if (!ts.isCallExpression(push) || push.arguments[0] !== node || !ts.isPropertyAccessExpression(push.expression) || push.expression.name.text !== 'push') return {};
  const list = push.expression.expression;
  if (!ts.isIdentifier(list)) return {};
  const fn = enclosingFunctionOf(loopNode);
  if (fn === undefined) return {};
  const found = { batchedInTransaction: false, savedTogether: false, awaited: false };
  const isList = (argument: ts.Node | undefined): boolean => {
    const value = argument === undefined ? undefined : skipWrappers(argument);
    return value !== undefined && ts.isIdentifier(value) && value.text === list.text;
  };
  const visit = (current: ts.Node): void => {
    // The list's promises awaited (as `src/eslint/loop-facts.ts`): each call ran its own query.
    if (ts.isAwaitExpression(current) && isList(current.expression)) found.awaited = true;
    if (ts.isForOfStatement(current) && current.awaitModifier !== undefined && isList(current.expression)) found.awaited = true;
    if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression) && ts.isIdentifier(current.expression.expression) && current.expression.expression.text === 'Promise' && isList(current.arguments[0])) found.awaited = true;
    if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression)) {
      const argument = current.arguments[0];
      if (current.expression.name.text === '$transaction') {
        if (isList(argument)) found.batchedInTransaction = true;
        if (argument !== undefined && ts.isArrayLiteralExpression(argument) && argument.elements.some((element) => ts.isSpreadElement(element) && isList(element.expression))) found.batchedInTransaction = true;
      }
      if (WHOLE_LIST_WRITES.has(current.expression.name.text) && current.getStart() >= loopNode.getEnd() && current.arguments.slice(0, 2).some((written) => isList(written))) found.savedTogether = true;
    }
    ts.forEachChild(current, visit);
  };
  visit(fn);
  const savedTogether = found.savedTogether && !found.awaited && fn.getSourceFile().statements.some((statement) => ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === WHOLE_LIST_WRITER_PACKAGE);
  // A list also awaited on its own ran each query before the transaction saw it (as `src/eslint/loop-facts.ts`).
  return { ...(found.batchedInTransaction && !found.awaited ? { batchedInTransaction: true } : {}), ...(savedTogether ? { savedTogether: true } : {}) };
}

/** `LoopFact.batchedInTransaction` in its mapped form (`prisma.$transaction(ids.map((id) => prisma.user.update(…)))`), as `src/eslint/loop-facts.ts` finds it. */
function mappedIntoTransaction(node: ts.Node, loopNode: ts.Node): boolean {
  if (!(ts.isArrowFunction(loopNode) || ts.isFunctionExpression(loopNode)) || (ts.getCombinedModifierFlags(loopNode) & ts.ModifierFlags.Async) !== 0) return false;
  const map = loopNode.parent;
  if (!ts.isCallExpression(map) || map.arguments[0] !== loopNode || !ts.isPropertyAccessExpression(map.expression) || map.expression.name.text !== 'map') return false;
  const body = loopNode.body;
  const returned: ts.Node[] = ts.isBlock(body) ? body.statements.flatMap((statement) => (ts.isReturnStatement(statement) && statement.expression !== undefined ? [statement.expression] : [])) : [body];
  if (!returned.some((value) => skipWrappers(value) === node)) return false;
  const isTransactionCall = (call: ts.Node | undefined): call is ts.CallExpression => call !== undefined && ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === '$transaction';
  const spreadIntoTransaction = (spread: ts.Node | undefined): boolean => spread !== undefined && ts.isSpreadElement(spread) && ts.isArrayLiteralExpression(spread.parent) &&
    isTransactionCall(spread.parent.parent) && spread.parent.parent.arguments[0] === spread.parent;
  const mapParent = parentOf(map);
  if ((isTransactionCall(mapParent) && mapParent.arguments[0] !== undefined && skipWrappers(mapParent.arguments[0]) === map) || spreadIntoTransaction(mapParent)) return true;
  if (mapParent === undefined || !ts.isVariableDeclaration(mapParent) || !ts.isIdentifier(mapParent.name) || mapParent.initializer === undefined || skipWrappers(mapParent.initializer) !== map) return false;
  const name = mapParent.name.text;
  const declared = mapParent.name;
  const fn = enclosingFunctionOf(map);
  if (fn === undefined) return false;
  const found = { batched: false, awaited: false };
  // Every use of that binding (not of another `updates` a nested function declares).
  const visit = (current: ts.Node): void => {
    if (ts.isIdentifier(current) && current.text === name && current !== declared && localDeclarationOf(current) === mapParent) {
      const parent = parentOf(current);
      if (isTransactionCall(parent) && parent.arguments[0] !== undefined && skipWrappers(parent.arguments[0]) === current) found.batched = true;
      else if (spreadIntoTransaction(parent)) found.batched = true;
      else if (parent !== undefined && (ts.isAwaitExpression(parent) || (ts.isForOfStatement(parent) && parent.awaitModifier !== undefined) ||
        (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && ts.isIdentifier(parent.expression.expression) && parent.expression.expression.text === 'Promise'))) found.awaited = true;
    }
    ts.forEachChild(current, visit);
  };
  visit(fn);
  return found.batched && !found.awaited;
}

/** A query, as core classifies the call's chain with the default settings (the check passes the graph's). */
function defaultIsQuery(call: CallLike): boolean {
  return classifyQuery(buildChain(call), { settings: DEFAULT_SETTINGS }) !== undefined;
}

/** The statements that run once per round: a loop statement's body, an iteration callback's body. */
function roundBody(loop: EnclosingLoop): ts.Node {
  return loop.kind === 'callback' ? loop.node.body : loop.node.statement;
}

/** After `node`, does the round that runs it await a call that is no query (`LoopFact.awaitsWorkAfter`)? As `src/eslint/loop-facts.ts`. */
function awaitsWorkAfter(node: ts.Node, loop: EnclosingLoop, isQuery: (call: CallLike) => boolean, anywhere = false): boolean {
  const body = roundBody(loop);
  let found = false;
  const visit = (current: ts.Node): void => {
    if (found || (current !== body && isFunctionNode(current))) return;
    if (ts.isAwaitExpression(current) && (anywhere || current.getStart() >= node.getEnd())) {
      const awaited = skipWrappers(current.expression);
      if ((ts.isCallExpression(awaited) || ts.isNewExpression(awaited)) && !within(node, awaited)) {
        found = !chainHasQuery(awaited, isQuery) && isOtherWorkCall(chainNames(awaited), ts.isNewExpression(awaited));
        if (found) return;
      }
    }
    ts.forEachChild(current, visit);
  };
  visit(body);
  return found;
}

/** Is any call of a chain (`a.b().c()`: `c()`, `b()`) a query? */
function chainHasQuery(call: ts.CallExpression | ts.NewExpression, isQuery: (call: CallLike) => boolean): boolean {
  for (let current: ts.Node = call; ;) {
    if (ts.isCallExpression(current) || ts.isNewExpression(current)) {
      if (isQuery(current)) return true;
      current = skipWrappers(current.expression);
    } else if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
      current = skipWrappers(current.expression);
    } else {
      return false;
    }
  }
}

function isExitStatement(statement: ts.Node): boolean {
  return (ts.isBreakStatement(statement) && statement.label === undefined) || ts.isReturnStatement(statement);
}

/** Does a statement leave the loop (`break`, `return`), alone or as a statement of a block? */
function leavesLoop(statement: ts.Statement | undefined): boolean {
  if (statement === undefined) return false;
  return isExitStatement(statement) || (ts.isBlock(statement) && statement.statements.some(isExitStatement));
}

function isLoopNode(node: ts.Node): boolean {
  return ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);
}

/** The conditions of the `if`s that leave the loop (`orThrows`: by a `throw` too), nested loops, switches and functions aside. */
function exitConditions(body: ts.Node, orThrows = false): string[][] {
  const conditions: string[][] = [];
  const leaves = (statement: ts.Statement | undefined): boolean => leavesLoop(statement) || (orThrows && statement !== undefined && (ts.isThrowStatement(statement) || (ts.isBlock(statement) && statement.statements.some(ts.isThrowStatement))));
  const visit = (current: ts.Node): void => {
    if (current !== body && (isFunctionNode(current) || isLoopNode(current) || ts.isSwitchStatement(current))) return;
    if (ts.isIfStatement(current) && (leaves(current.thenStatement) || leaves(current.elseStatement))) conditions.push(referencedNames(current.expression));
    ts.forEachChild(current, visit);
  };
  visit(body);
  return conditions;
}

/** The names a loop body assigns: `x = …`, `x++`, and `x` for `x.slug = …` (nested functions aside). */
function writtenIn(node: ts.Node | undefined): string[] {
  const written = new Set<string>();
  const visit = (current: ts.Node): void => {
    if (current !== node && isFunctionNode(current)) return;
    const target = isAssignment(current) ? current.left
      : (ts.isPrefixUnaryExpression(current) || ts.isPostfixUnaryExpression(current)) && (current.operator === ts.SyntaxKind.PlusPlusToken || current.operator === ts.SyntaxKind.MinusMinusToken) ? current.operand
      : undefined;
    if (target !== undefined && (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target))) written.add(chainNames(target)[0] ?? '');
    else for (const name of patternNames(target)) written.add(name);
    ts.forEachChild(current, visit);
  };
  if (node !== undefined) visit(node);
  written.delete('');
  return [...written].sort();
}

/** How the call's result steers its loop statement (core: `nextRoundFromResult`). */
function nextRoundOf(node: ts.Node, statement: ts.Node): Pick<LoopFact, 'nextRoundFromResult' | 'roundsCounted'> {
  if (!ts.isForStatement(statement) && !ts.isWhileStatement(statement) && !ts.isDoStatement(statement)) return {};
  const condition = ts.isForStatement(statement) ? statement.condition : statement.expression;
  const endless = condition === undefined || condition.kind === ts.SyntaxKind.TrueKeyword;
  const update = ts.isForStatement(statement) ? statement.incrementor : undefined;
  const written = [...writtenIn(statement.statement), ...writtenIn(update)];
  const conditionReads = endless ? undefined : referencedNames(condition);
  const flows = [...flowsIn(statement.statement), ...flowsIn(update)];
  const steering = nextRoundFromResult({
    inCondition: within(node, condition),
    stored: storedNames(node, statement),
    keyReads: referencedNames(node),
    flows,
    written,
    conditionReads,
    exitConditionReads: exitConditions(statement.statement),
  });
  if (steering === undefined) return {};
  // Only a poll asks whether its rounds are bounded (and only then is the body searched for a pause).
  if (steering !== 'poll') return { nextRoundFromResult: steering };
  // A name the body declares anew each round (`const job = await find()`) moves with the rounds too.
  return countsRounds(retryLoopFacts(statement), { written: [...written, ...flows.flatMap((flow) => flow.targets)], waits: waitsEachRound(statement.statement), conditionReads: conditionReads ?? [], exitConditionReads: exitConditions(statement.statement, true) }) ? { nextRoundFromResult: steering, roundsCounted: true } : { nextRoundFromResult: steering };
}

/** The loop body awaits a pause: `await sleep(ms)`, `await new Promise((r) => setTimeout(r, ms))` (nested functions aside). */
function waitsEachRound(body: ts.Node): boolean {
  let waits = false;
  const visit = (node: ts.Node): void => {
    if (waits || (node !== body && isFunctionNode(node))) return;
    if (ts.isAwaitExpression(node) && awaitsPause(node)) waits = true;
    if (!waits) ts.forEachChild(node, visit);
  };
  visit(body);
  return waits;
}

/** `await sleep(ms)`, `await setTimeout(ms)` (timers/promises), `await new Promise((resolve) => setTimeout(resolve, ms))`. */
function awaitsPause(node: ts.AwaitExpression): boolean {
  const argument = skipWrappers(node.expression);
  if (ts.isCallExpression(argument)) return isDelayFunctionName(delayNameOf(chainNames(argument.expression)));
  if (!ts.isNewExpression(argument) || argument.expression.getText() !== 'Promise') return false;
  let timer = false;
  const find = (inner: ts.Node): void => {
    if (ts.isIdentifier(inner) && inner.text === 'setTimeout') timer = true;
    if (!timer) ts.forEachChild(inner, find);
  };
  find(argument);
  return timer;
}

/** `LoopFact.paced`, as `src/eslint/loop-facts.ts` finds it: a pause of a duration it names, awaited as a statement of its own every round. */
function pacedEachRound(body: ts.Statement): boolean {
  const statements = ts.isBlock(body) ? body.statements : [body];
  return statements.some((statement) => {
    if (!ts.isExpressionStatement(statement) || !ts.isAwaitExpression(statement.expression) || !awaitsPause(statement.expression)) return false;
    const durations: (number | undefined)[] = [];
    const visit = (node: ts.Node): void => {
      const last = ts.isCallExpression(node) ? node.arguments.at(-1) : undefined;
      const value = last === undefined ? undefined : skipWrappers(last);
      if (value !== undefined && !isFunctionNode(value)) durations.push(ts.isNumericLiteral(value) ? Number(value.text) : undefined);
      ts.forEachChild(node, visit);
    };
    visit(statement.expression);
    return isPaceDuration(durations);
  });
}

interface RowBindings {
  readonly elements: readonly string[];
  readonly rowNames: readonly string[];
  readonly counters: readonly string[];
  readonly body: ts.Node;
}

/** The element's bindings, and the names of the loop body fed by the element (or by the counter, which is no row value alone). */
function rowBindings(loop: EnclosingLoop): RowBindings {
  let elements: string[] = [];
  let counters: string[] = [];
  let body: ts.Node;
  if (loop.kind === 'callback') {
    const method = loop.iteration.method;
    const reduce = method === 'reduce' || method === 'reduceRight';
    elements = patternNames(loop.node.parameters[reduce ? 1 : 0]);
    counters = patternNames(loop.node.parameters[reduce ? 2 : 1]);
    body = loop.node.body;
  } else {
    const statement = loop.node;
    if ((ts.isForOfStatement(statement) || ts.isForInStatement(statement)) && ts.isVariableDeclarationList(statement.initializer)) {
      elements = statement.initializer.declarations.flatMap((declaration) => patternNames(declaration.name));
    }
    if (ts.isForStatement(statement) && statement.initializer !== undefined && ts.isVariableDeclarationList(statement.initializer)) {
      counters = statement.initializer.declarations.flatMap((declaration) => patternNames(declaration.name));
    }
    body = statement.statement;
  }
  return rowsIn(body, elements, counters);
}

/** The names of `body` fed by the element's bindings (or by the counters, which are no row value alone). */
function rowsIn(body: ts.Node, elements: readonly string[], counters: readonly string[] = []): RowBindings {
  const fed = namesFedBy([...elements, ...counters], flowsIn(body));
  return { elements: [...elements].sort(), rowNames: fed.filter((name) => !counters.includes(name)), counters: [...counters].sort(), body };
}

/**
 * The loop fact at a query a loop reaches through calls (the audit's cross-file N+1): the facts of
 * the loop (its kind, its rounds steered by a cursor, its dispatch on the element's kind) stay the
 * caller's; the row facts are the query's own function's, seeded by the parameters the call chain
 * fed from the row (`rowParams`) and by those given the element itself (`elementParams`). A query
 * two calls away is no same-tick batch.
 */
export function queryLoopFactIn(fn: FunctionLikeNode, loop: LoopFact, rowParams: readonly string[], elementParams: readonly string[]): LoopFact {
  const rows = fn.body === undefined ? undefined : rowsIn(fn.body, rowParams);
  return {
    ...loop,
    // What the loop does with the call's value says nothing of the query's own value, two calls away.
    resultReadLater: undefined,
    sameTick: false,
    elementNames: [...elementParams].sort(),
    rowNames: rows?.rowNames ?? [],
    // The caller's counter is no name of this function: its rows are the parameters fed from the row.
    rowIndex: undefined,
    counterNames: undefined,
    // The caller's list may be batched; the helper's own query starts when it is called, an async helper's at once.
    batchedInTransaction: undefined,
    changedElements: rows === undefined ? [] : changedElements(rows),
  };
}

/**
 * The parameters of `fn` a call gives values read from the row (`rowNames`) and the element itself
 * (`elementNames`): `updateRank(row)`, `repo.setTotal(row.id, total)`, by position; a rest parameter
 * or a spread argument gives up (no parameter is known to hold the row).
 */
export function parametersFedByCall(call: ts.CallExpression | ts.TaggedTemplateExpression | ts.NewExpression, fn: FunctionLikeNode, rowNames: readonly string[], elementNames: readonly string[], rowIndex?: LoopFact['rowIndex']): { rowParams: string[]; elementParams: string[] } {
  const rowParams: string[] = [];
  const elementParams: string[] = [];
  const args = ts.isTaggedTemplateExpression(call) ? [] : [...(call.arguments ?? [])];
  if (args.some((arg) => ts.isSpreadElement(arg))) return { rowParams, elementParams };
  fn.parameters.forEach((parameter, index) => {
    const arg = args[index];
    if (arg === undefined || parameter.dotDotDotToken !== undefined) return;
    const names = patternNames(parameter.name);
    if (referencedNames(arg).some((name) => rowNames.includes(name)) || (rowIndex !== undefined && takesCountedRow(arg, rowIndex))) rowParams.push(...names);
    const inner = skipWrappers(arg);
    if (ts.isIdentifier(inner) && elementNames.includes(inner.text)) elementParams.push(...names);
  });
  return { rowParams: [...new Set(rowParams)].sort(), elementParams: [...new Set(elementParams)].sort() };
}

/** Does an expression read the element a counted loop's counter takes from its list (`xs[i]`, `this.items[i].id`)? Nested functions aside. */
function takesCountedRow(node: ts.Node, rowIndex: NonNullable<LoopFact['rowIndex']>): boolean {
  if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.argumentExpression) && node.argumentExpression.text === rowIndex.counter &&
    memberPath(node.expression)?.join('.') === rowIndex.list.join('.')) return true;
  return !isFunctionNode(node) && (ts.forEachChild(node, (child) => (takesCountedRow(child, rowIndex) ? true : undefined)) ?? false);
}

/**
 * Elements, and locals of the loop body that hold a row already stored (core: `holdsStoredRow`), whose
 * properties the loop body sets from the row's own values (`role.permissions = role.permissions.filter(…)`,
 * `level.stock += n`, `const level = await repo.findOne(…); level.stock += row.quantity`).
 */
function changedElements(rows: RowBindings): string[] {
  const held = new Set([...rows.elements, ...storedRowLocals(rows)]);
  const changed = new Set<string>();
  const visit = (current: ts.Node): void => {
    if (current !== rows.body && isFunctionNode(current)) return;
    if (isAssignment(current) && (ts.isPropertyAccessExpression(current.left) || ts.isElementAccessExpression(current.left))) {
      const root = chainNames(current.left)[0] ?? '';
      if (held.has(root) && (current.operatorToken.kind !== ts.SyntaxKind.EqualsToken || referencedNames(current.right).some((name) => rows.rowNames.includes(name)))) changed.add(root);
    }
    ts.forEachChild(current, visit);
  };
  visit(rows.body);
  return [...changed].sort();
}

/** Row names declared by the loop body (nested functions aside) whose initial value holds a stored row (core: `holdsStoredRow`). */
function storedRowLocals(rows: RowBindings): string[] {
  const locals: string[] = [];
  const visit = (current: ts.Node): void => {
    if (current !== rows.body && isFunctionNode(current)) return;
    if (ts.isVariableDeclaration(current) && ts.isIdentifier(current.name) && current.initializer !== undefined &&
      rows.rowNames.includes(current.name.text) && holdsStoredRow(initialValueShape(current.initializer))) locals.push(current.name.text);
    ts.forEachChild(current, visit);
  };
  visit(rows.body);
  return locals;
}

/** The shape of a local's initial value, for `holdsStoredRow`. */
function initialValueShape(init: ts.Expression): StoredRowShape {
  const inner = skipWrappers(init);
  if (ts.isAwaitExpression(inner)) {
    const call = skipWrappers(inner.expression);
    return ts.isCallExpression(call) ? awaitedShape(chainNames(call.expression).at(-1)) : 'other';
  }
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) return 'member';
  return 'other';
}

/** `op.type`, `type` (a row name): an operand that reads the element's kind. */
function readsRowKind(node: ts.Node, rowNames: readonly string[]): boolean {
  const inner = skipWrappers(node);
  if (ts.isIdentifier(inner)) return rowNames.includes(inner.text);
  if (!ts.isPropertyAccessExpression(inner)) return false;
  const names = chainNames(inner);
  return names.length >= 2 && !names.includes('') && rowNames.includes(names[0] ?? '');
}

/** A literal or an enum-like member (`Op.ADD`) not read from the row. */
function isConstant(node: ts.Node, rowNames: readonly string[]): boolean {
  const inner = skipWrappers(node);
  if (ts.isStringLiteral(inner) || ts.isNumericLiteral(inner) || ts.isBigIntLiteral(inner) || ts.isRegularExpressionLiteral(inner) ||
    inner.kind === ts.SyntaxKind.TrueKeyword || inner.kind === ts.SyntaxKind.FalseKeyword || inner.kind === ts.SyntaxKind.NullKeyword) return true;
  if (!ts.isPropertyAccessExpression(inner)) return false;
  const names = chainNames(inner);
  return names.length >= 2 && !names.includes('') && names[0] !== 'this' && !rowNames.includes(names[0] ?? '');
}

const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

function comparesRowKind(test: ts.Node, rowNames: readonly string[]): boolean {
  const inner = skipWrappers(test);
  if (!ts.isBinaryExpression(inner) || !EQUALITY.has(inner.operatorToken.kind)) return false;
  return (readsRowKind(inner.left, rowNames) && isConstant(inner.right, rowNames)) || (readsRowKind(inner.right, rowNames) && isConstant(inner.left, rowNames));
}

/** The call runs in one branch of an `if … else if` chain or a several-case `switch` on the element's kind. */
function dispatchOnElementKind(node: ts.Node, loopNode: ts.Node, rowNames: readonly string[]): boolean {
  let child: ts.Node = node;
  for (let parent = node.parent as ts.Node | undefined; parent !== undefined && parent !== loopNode; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return false;
    if (ts.isIfStatement(parent) && child !== parent.expression) {
      const chained = (parent.elseStatement !== undefined && ts.isIfStatement(parent.elseStatement)) || (ts.isIfStatement(parent.parent) && parent.parent.elseStatement === parent);
      if (chained && comparesRowKind(parent.expression, rowNames)) return true;
    }
    if (ts.isCaseClause(parent)) {
      const statement = parent.parent.parent;
      if (parent.parent.clauses.filter(ts.isCaseClause).length >= 2 && readsRowKind(statement.expression, rowNames)) return true;
    }
  }
  return false;
}

/** Every comment of a file with its lines, text without delimiters as ESTree gives it. */
const commentsOfFile = new WeakMap<ts.SourceFile, CommentLines[]>();

function commentsOf(file: ts.SourceFile): CommentLines[] {
  const known = commentsOfFile.get(file);
  if (known !== undefined) return known;
  const text = file.getFullText();
  const seen = new Map<number, CommentLines>();
  const add = (ranges: readonly ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      const raw = text.slice(range.pos, range.end);
      const body = range.kind === ts.SyntaxKind.SingleLineCommentTrivia ? raw.slice(2) : raw.slice(2, -2);
      seen.set(range.pos, { text: body, startLine: file.getLineAndCharacterOfPosition(range.pos).line + 1, endLine: file.getLineAndCharacterOfPosition(range.end).line + 1 });
    }
  };
  const visit = (current: ts.Node): void => {
    add(ts.getLeadingCommentRanges(text, current.getFullStart()));
    add(ts.getTrailingCommentRanges(text, current.getEnd()));
    ts.forEachChild(current, visit);
  };
  visit(file);
  add(ts.getLeadingCommentRanges(text, file.endOfFileToken.getFullStart()));
  const comments = [...seen.values()].sort((a, b) => a.startLine - b.startLine);
  commentsOfFile.set(file, comments);
  return comments;
}

/** The line of the `await` that waits for the call (ESLint's `no-await-in-loop` reports there), else the call's own line. */
function awaitLine(node: ts.Node, loopNode: ts.Node): number {
  const file = node.getSourceFile();
  for (let current: ts.Node | undefined = node; current !== undefined && current !== loopNode; current = current.parent as ts.Node | undefined) {
    if (ts.isAwaitExpression(current)) return file.getLineAndCharacterOfPosition(current.getStart()).line + 1;
    if (current !== node && isFunctionNode(current)) break;
  }
  return file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
}

/** Is the call's `await` excused from `no-await-in-loop` by a directive comment (core: `awaitMarkedSequential`)? */
function markedSequential(node: ts.Node, loopNode: ts.Node): boolean {
  const file = node.getSourceFile();
  if (!file.getFullText().includes('no-await-in-loop')) return false;
  return awaitMarkedSequential(commentsOf(file), awaitLine(node, loopNode));
}

function iteratesFixedList(loop: EnclosingLoop): boolean {
  let iterated: ts.Node | undefined;
  if (loop.kind === 'callback') {
    const callee = skipWrappers(loop.call.expression);
    iterated = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : undefined;
  } else if (ts.isForOfStatement(loop.node) || ts.isForInStatement(loop.node)) {
    iterated = loop.node.expression;
  } else if (ts.isForStatement(loop.node)) {
    const rounds = roundsBetweenConstants(loop.node);
    return rounds !== undefined && rounds <= FIXED_ROUNDS_LIMIT;
  }
  return iterated !== undefined && isFixedList(skipWrappers(iterated), 0);
}

const COMPARISONS: ReadonlyMap<ts.SyntaxKind, readonly [string, string]> = new Map([
  [ts.SyntaxKind.LessThanToken, ['<', '>']], [ts.SyntaxKind.LessThanEqualsToken, ['<=', '>=']], [ts.SyntaxKind.GreaterThanToken, ['>', '<']], [ts.SyntaxKind.GreaterThanEqualsToken, ['>=', '<=']],
]);

/** `for (let day = RECOMPUTE_DAYS; day >= 0; day--)`: the rounds a counter runs between numbers written in the code (core `countedRounds`). */
function roundsBetweenConstants(loop: ts.ForStatement): number | undefined {
  const init = loop.initializer;
  const declaration = init !== undefined && ts.isVariableDeclarationList(init) && init.declarations.length === 1 ? init.declarations[0] : undefined;
  if (declaration === undefined || !ts.isIdentifier(declaration.name) || declaration.initializer === undefined) return undefined;
  const counter = declaration.name.text;
  const start = numberWritten(declaration.initializer);
  const test = loop.condition;
  if (start === undefined || test === undefined || !ts.isBinaryExpression(test)) return undefined;
  const comparison = COMPARISONS.get(test.operatorToken.kind);
  const counterLeft = ts.isIdentifier(test.left) && test.left.text === counter;
  const counterRight = ts.isIdentifier(test.right) && test.right.text === counter;
  if (comparison === undefined || counterLeft === counterRight) return undefined;
  const bound = numberWritten(counterLeft ? test.right : test.left);
  const step = stepOf(loop.incrementor, counter);
  return bound === undefined || step === undefined ? undefined : countedRounds(start, counterLeft ? comparison[0] : comparison[1], bound, step);
}

/** `i++`, `i--`, `i += 2`, `i -= 1`: how much each round moves the counter. */
function stepOf(update: ts.Expression | undefined, counter: string): number | undefined {
  if (update === undefined) return undefined;
  if ((ts.isPostfixUnaryExpression(update) || ts.isPrefixUnaryExpression(update)) && ts.isIdentifier(update.operand) && update.operand.text === counter) {
    return update.operator === ts.SyntaxKind.PlusPlusToken ? 1 : update.operator === ts.SyntaxKind.MinusMinusToken ? -1 : undefined;
  }
  if (!ts.isBinaryExpression(update) || !ts.isIdentifier(update.left) || update.left.text !== counter || !ts.isNumericLiteral(update.right)) return undefined;
  const size = Number(update.right.text);
  return update.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken ? size : update.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken ? -size : undefined;
}

/** A number written in the code: a literal (`3`, `-1`) or a module-level `const` holding one (`const RECOMPUTE_DAYS = 2`). */
function numberWritten(node: ts.Node): number | undefined {
  const inner = skipWrappers(node);
  if (ts.isNumericLiteral(inner)) return Number(inner.text);
  if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(inner.operand)) return -Number(inner.operand.text);
  const held = ts.isIdentifier(inner) ? constOf(inner) : undefined;
  return held?.topLevel === true && ts.isNumericLiteral(held.init) ? Number(held.init.text) : undefined;
}

function isFixedList(node: ts.Node, depth: number): boolean {
  if (ts.isArrayLiteralExpression(node)) return node.elements.length <= 20 && node.elements.every((element) => !ts.isSpreadElement(element));
  if (ts.isObjectLiteralExpression(node)) return true;
  if (ts.isCallExpression(node) && depth <= 1) {
    // `Object.keys(CONFIG)`, `Object.entries(PHASES)`, `Object.values(DataSource)` of an imported enum.
    const names = chainNames(node.expression);
    const arg = node.arguments[0];
    if (!(names.length === 2 && names[0] === 'Object' && /^(?:keys|values|entries)$/.test(names[1] ?? '') && arg !== undefined && !ts.isSpreadElement(arg))) return false;
    const object = skipWrappers(arg);
    if (ts.isIdentifier(object) && identifierBinding(object).kind === 'import') return identifierBinding(object).typeOnly !== true && namesFixedObject(object.text);
    return isFixedList(object, depth + 1);
  }
  if (!ts.isIdentifier(node) || depth > 1) return false;
  // A list imported under a constant's name, or a type's from a module of constants, is written in another module's code.
  const binding = identifierBinding(node);
  if (binding.kind === 'import' && binding.typeOnly !== true && isImportedFixedList(node.text, binding.source)) return true;
  const held = constOf(node);
  if (held === undefined) return false;
  // A local `const` holds a fixed list only as the keys of an object written in code (`Object.values(Enum)`).
  return (held.topLevel || (depth === 0 && ts.isCallExpression(held.init))) && isFixedList(held.init, depth + 1);
}

/** Does `node` run once per distinct key rather than once per round of the code up to `bound` (a loop, or the function the call sits in): under a memoising `if`? */
export function memoised(node: ts.Node, bound: ts.Node): boolean {
  for (let current = node.parent as ts.Node | undefined; current !== undefined && current !== bound; current = current.parent) {
    if (ts.isIfStatement(current) && memoisesAnswer(current.expression.getText(), current.thenStatement.getText())) return true;
  }
  return false;
}

/**
 * Is `node` in a function handed to a cache's read-through call (`cache.get(key, () => q(key))`)
 * within `bound` (the function whose calls are followed)? It runs on a miss only, once per key.
 * The rules never see such a call in a loop (a callback ends the loop's body for them), so the
 * judgement matters where calls are followed across functions.
 */
export function onCacheMissPath(node: ts.Node, bound: ts.Node): boolean {
  let child: ts.Node = node;
  for (let current = node.parent as ts.Node | undefined; current !== undefined && current !== bound; child = current, current = current.parent) {
    if (ts.isCallExpression(current) && current.arguments.indexOf(child as ts.Expression) >= 1 && (ts.isArrowFunction(child) || ts.isFunctionExpression(child)) && isCacheLoaderCall(current.expression.getText())) return true;
  }
  return false;
}

/** Is `node` the fallback of a DataLoader (either branch of an `if` or `?:` whose other branch asks one), up to `bound`? */
export function dataLoaderFallback(node: ts.Node, bound: ts.Node): boolean {
  let child: ts.Node = node;
  for (let current = node.parent as ts.Node | undefined; current !== undefined && current !== bound; child = current, current = current.parent) {
    if (ts.isConditionalExpression(current) && current.whenFalse === child) return callsDataLoader(current.whenTrue.getText());
    if (ts.isIfStatement(current) && current.elseStatement === child) return callsDataLoader(current.thenStatement.getText());
    if (ts.isConditionalExpression(current) && current.whenTrue === child && callsDataLoader(current.whenFalse.getText())) return true;
    if (ts.isIfStatement(current) && current.thenStatement === child && current.elseStatement !== undefined && callsDataLoader(current.elseStatement.getText())) return true;
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
  for (let child = node, current = node.parent as ts.Node | undefined; current !== undefined && current !== loop.node; child = current, current = current.parent) {
    if (ts.isIfStatement(current) && current.thenStatement === child && testsElementValue(current.expression, names)) return true;
    if (!ts.isCaseClause(current)) continue;
    const discriminant = skipWrappers(current.parent.parent.expression);
    const test = skipWrappers(current.expression);
    // The literals ESTree calls `Literal` (a template is not one).
    const literal = ts.isStringLiteral(test) || ts.isNumericLiteral(test) || ts.isBigIntLiteral(test) || ts.isRegularExpressionLiteral(test) || test.kind === ts.SyntaxKind.TrueKeyword || test.kind === ts.SyntaxKind.FalseKeyword || test.kind === ts.SyntaxKind.NullKeyword;
    if (literal && ts.isIdentifier(discriminant) && names.includes(discriminant.text)) return true;
  }
  return false;
}

/**
 * `element === 'x'`, `FEATURE.X === element`: the element itself (not a property of it) compared with
 * a literal or an enum-like member (`Feature.TAX_FORMS`, its root capitalised), as a `switch` case on it.
 */
function testsElementValue(test: ts.Expression, names: readonly string[]): boolean {
  const inner = skipWrappers(test);
  if (!ts.isBinaryExpression(inner) || (inner.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken && inner.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsToken)) return false;
  const isElement = (side: ts.Node): boolean => {
    const value = skipWrappers(side);
    return ts.isIdentifier(value) && names.includes(value.text);
  };
  const isConstantValue = (side: ts.Node): boolean => {
    const value = skipWrappers(side);
    if (ts.isStringLiteral(value) || ts.isNumericLiteral(value)) return true;
    if (!ts.isPropertyAccessExpression(value)) return false;
    const path = chainNames(value);
    return path.length === 2 && /^[A-Z]/.test(path[0] ?? '');
  };
  return (isElement(inner.left) && isConstantValue(inner.right)) || (isElement(inner.right) && isConstantValue(inner.left));
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
