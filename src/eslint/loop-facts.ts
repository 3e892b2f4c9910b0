import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { awaitedShape, awaitMarkedSequential, isOtherWorkCall, isPaceDuration, countsRounds, callsDataLoader, CHUNK_METHODS, holdsStoredRow, slicesNumberedChunk, splicesChunkFromFront, type StoredRowShape, walksInChunks, WHOLE_LIST_WRITER_PACKAGE, WHOLE_LIST_WRITES, capOfGuard, fullBatchTested, countedRounds, FIXED_ROUNDS_LIMIT, isImportedFixedList, namesFixedObject, memoisesAnswer, namesFedBy, nextRoundFromResult, type NameFlow } from '../core/classify/loop.js';
import { classifyQuery } from '../core/classify/query.js';
import { delayNameOf, isDelayFunctionName } from '../core/classify/retry.js';
import type { ListExpr, LoopFact } from '../core/facts.js';
import { DEFAULT_SETTINGS } from '../core/settings.js';
import { isFunction, walk } from './ast.js';
import { identifierBinding } from './bindings.js';
import { buildChain, chainNames, constOf, dottedName, memberPath, parentOf, skipWrappers, valueFact, type CallLike } from './facts.js';
import { enclosingFunction, localCallee } from './functions.js';
import { awaitsBefore, exitsLoopAfter, iterationElementNames, type EnclosingLoop } from './loops.js';
import { isHandWrittenRetryLoop, retryLoopFacts } from './retry.js';

/**
 * ESTree → `LoopFact`: where a call runs inside its innermost loop, for the per-iteration
 * judgements of `core/classify/loop.ts` (the audit builds the same fact in `src/audit/loop-facts.ts`).
 */
export function loopFactOf(node: TSESTree.Node, loop: EnclosingLoop, sourceCode: Readonly<TSESLint.SourceCode>, isQuery: (call: CallLike) => boolean = defaultIsQuery(sourceCode)): LoopFact {
  const statement = loop.kind === 'callback' ? undefined : loop.node;
  const rows = rowBindings(loop);
  return {
    kind: loop.kind,
    ...(loop.kind === 'callback'
      ? { iteration: { method: loop.iteration.kind.method, style: loop.iteration.kind.style }, insidePromiseCombinator: loop.iteration.insidePromiseCombinator }
      : {}),
    exitsAfter: statement !== undefined && exitsLoopAfter(node, statement),
    retry: statement !== undefined && isHandWrittenRetryLoop(statement),
    fixedList: iteratesFixedList(loop, sourceCode),
    memoised: memoised(node, loop.node, sourceCode),
    dataLoaderFallback: dataLoaderFallback(node, loop.node, sourceCode),
    elementNames: iterationElementNames(loop),
    switchOnElement: switchOnElement(node, loop),
    sameTick: issuedInOneTick(node, loop),
    ...(statement === undefined ? {} : nextRoundOf(node, statement)),
    rowNames: rows.rowNames,
    ...(rows.counters.length > 0 ? { counterNames: rows.counters } : {}),
    changedElements: changedElements(rows),
    dispatchOnElementKind: dispatchOnElementKind(node, loop.node, rows.rowNames),
    rowFailureCaught: rowFailureCaught(node, loop.node),
    ...(onErrorPath(loop.node) ? { onErrorPath: true } : {}),
    chunked: (statement !== undefined && chunked(statement, sourceCode)) || flushesFullBatch(node, loop.node, sourceCode),
    sequentialOnPurpose: markedSequential(node, loop.node, sourceCode),
    ...(statement !== undefined && pacedEachRound(statement.body) && awaitsWorkAfter(node, loop, defaultIsQuery(sourceCode), true) ? { paced: true } : {}),
    ...(resultReadLater(node, loop.node) ? { resultReadLater: true } : {}),
    ...collectedForBatch(node, loop.node, sourceCode),
    ...(awaitsWorkAfter(node, loop, isQuery) ? { awaitsWorkAfter: true } : {}),
    ...listCapOf(loop, sourceCode),
    ...walkedListOf(loop, sourceCode),
    ...rowIndexOf(loop),
    ...elementObjectOf(loop, sourceCode),
  };
}

/**
 * `LoopFact.onErrorPath`: the loop is in a `catch` block that ends by throwing, or in a callback handed to
 * `.catch(…)` that does (undoing or cleaning up, then passing the failure on), through the callbacks of calls
 * in between (`ids.forEach(…)` in the block). Not a fallback that answers instead (`catch { for … await findOne }`).
 */
function onErrorPath(loopNode: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | null | undefined = loopNode.parent; current != null; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return endsByThrowing(current.body);
    if (!isFunction(current)) continue;
    const call = current.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(current as TSESTree.CallExpressionArgument)) return false;
    if (call.callee.type === AST_NODE_TYPES.MemberExpression && !call.callee.computed && call.callee.property.type === AST_NODE_TYPES.Identifier && call.callee.property.name === 'catch') {
      return current.body.type === AST_NODE_TYPES.BlockStatement && endsByThrowing(current.body);
    }
  }
  return false;
}

function endsByThrowing(block: TSESTree.BlockStatement): boolean {
  return block.body[block.body.length - 1]?.type === AST_NODE_TYPES.ThrowStatement;
}

/**
 * The object each element of the walked list is (`LoopFact.elementObject`): the list is a `map` whose
 * callback returns an object literal, or calls a function (or a method of the same class) whose single
 * `return` gives one; the list written in place, or held in a `const` or a variable assigned once.
 */
function elementObjectOf(loop: EnclosingLoop, sourceCode: Readonly<TSESLint.SourceCode>): Pick<LoopFact, 'elementObject'> {
  const iterated = iteratedNode(loop);
  const list = iterated === undefined ? undefined : heldValue(skipWrappers(iterated), sourceCode);
  if (list?.type !== AST_NODE_TYPES.CallExpression) return {};
  const callee = skipWrappers(list.callee);
  const callback = list.arguments[0];
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'map' ||
    (callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback?.type !== AST_NODE_TYPES.FunctionExpression)) return {};
  const returned = returnedValue(callback);
  const object = returned === undefined ? undefined : objectBuiltBy(returned, sourceCode);
  return object === undefined ? {} : { elementObject: valueFact(object, { sourceCode }) };
}

/** The value a name holds: its `const` initialiser, or the one value assigned to a variable declared empty (`let xs = []`); other expressions themselves. */
function heldValue(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier) return node;
  const definition = ASTUtils.findVariable(sourceCode.getScope(node), node.name)?.defs[0];
  if (definition?.type !== TSESLint.Scope.DefinitionType.Variable || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declarator = definition.node;
  const assigned = assignmentsOf(node.name, declarator.parent);
  const init = declarator.init == null ? undefined : skipWrappers(declarator.init);
  if (assigned.length === 0) return init;
  const empty = init === undefined || (init.type === AST_NODE_TYPES.ArrayExpression && init.elements.length === 0);
  return empty && assigned.length === 1 ? assigned[0] : undefined;
}

/**
 * The values assigned to `name` in the function (or module) that declares it; undefined for a
 * compound assignment (`+=`) and for an element added in place (`name.push(x)`, `unshift`, `splice`).
 */
function assignmentsOf(name: string, declaration: TSESTree.VariableDeclaration): (TSESTree.Node | undefined)[] {
  let scope: TSESTree.Node = declaration;
  for (let current: TSESTree.Node | null | undefined = declaration.parent; current != null; current = current.parent) {
    scope = current;
    if (isFunction(current)) break;
  }
  const values: (TSESTree.Node | undefined)[] = [];
  walk(scope, (current) => {
    if (current.type === AST_NODE_TYPES.AssignmentExpression && current.left.type === AST_NODE_TYPES.Identifier && current.left.name === name) values.push(current.operator === '=' ? skipWrappers(current.right) : undefined);
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const names = chainNames(current.callee);
      if (names.length === 2 && names[0] === name && ADDS_IN_PLACE.has(names[1] ?? '')) values.push(undefined);
    }
    return true;
  });
  return values;
}

/** Array methods that add elements to the list they are called on. */
const ADDS_IN_PLACE: ReadonlySet<string> = new Set(['push', 'unshift', 'splice']);

/** What a function returns: an arrow's expression body, or the argument of the single `return` of its body (nested functions aside). */
function returnedValue(fn: TSESTree.Node): TSESTree.Node | undefined {
  if (!isFunction(fn)) return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return skipWrappers(fn.body);
  const returns: TSESTree.ReturnStatement[] = [];
  walk(fn.body, (current) => {
    if (isFunction(current)) return false;
    if (current.type === AST_NODE_TYPES.ReturnStatement) returns.push(current);
    return true;
  });
  const only = returns.length === 1 ? returns[0]?.argument : undefined;
  return only == null ? undefined : skipWrappers(only);
}

/** An object literal, or the object literal returned by the function or method of the same file it calls (`this.toInput(x)`, `toInput(x)`; a `const` function only). */
function objectBuiltBy(value: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ObjectExpression | undefined {
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
  const fn = value.type === AST_NODE_TYPES.CallExpression ? localCallee(value, sourceCode, true) : undefined;
  const returned = fn === undefined ? undefined : returnedValue(fn);
  return returned?.type === AST_NODE_TYPES.ObjectExpression ? returned : undefined;
}

/** The walked list of a loop (`LoopFact.walkedList`), traced back through the function's declarations. */
function walkedListOf(loop: EnclosingLoop, sourceCode: Readonly<TSESLint.SourceCode>): Pick<LoopFact, 'walkedList'> {
  const iterated = iteratedNode(loop) ?? (loop.node.type === AST_NODE_TYPES.ForStatement ? countedList(loop.node.test) : undefined);
  return iterated === undefined ? {} : { walkedList: describeList(iterated, sourceCode, 0) };
}

/** The list a `for` loop counts through and its counter (`LoopFact.rowIndex`): `for (let i = 0; i < xs.length; i++)`. */
function rowIndexOf(loop: EnclosingLoop): Pick<LoopFact, 'rowIndex'> {
  const statement = loop.node;
  if (statement.type !== AST_NODE_TYPES.ForStatement || statement.test?.type !== AST_NODE_TYPES.BinaryExpression || statement.init?.type !== AST_NODE_TYPES.VariableDeclaration) return {};
  const listNode = countedList(statement.test);
  const counter = skipWrappers(statement.test.operator === '<' || statement.test.operator === '<=' ? statement.test.left : statement.test.right);
  const list = listNode === undefined ? undefined : memberPath(listNode);
  if (list === undefined || counter.type !== AST_NODE_TYPES.Identifier || !statement.init.declarations.some((declarator) => patternNames(declarator.id).includes(counter.name))) return {};
  return { rowIndex: { list, counter: counter.name } };
}

/** `xs` of a counted loop's `i < xs.length` (or `xs.length > i`). */
function countedList(test: TSESTree.Expression | null): TSESTree.Node | undefined {
  if (test?.type !== AST_NODE_TYPES.BinaryExpression) return undefined;
  const operand = test.operator === '<' || test.operator === '<=' ? test.right : test.operator === '>' || test.operator === '>=' ? test.left : undefined;
  const inner = operand === undefined ? undefined : skipWrappers(operand);
  return inner?.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier && inner.property.name === 'length' ? inner.object : undefined;
}

/** How deep `describeList` follows declarations and calls. */
const LIST_TRACE_DEPTH = 6;

/** Builtins that copy the list they are given: `Object.values(x)`, `Array.from(x)`, `new Set(x)` (as `x.values()`). */
function copiedList(callee: TSESTree.Node, args: readonly TSESTree.Node[], isNew: boolean): TSESTree.Node | undefined {
  const names = chainNames(callee);
  const copying = isNew ? names.length === 1 && /^(?:Set|Array)$/.test(names[0] ?? '') : names.length === 2 && /^(?:Object\.(?:keys|values|entries)|Array\.from)$/.test(names.join('.'));
  const first = args[0];
  return copying && first !== undefined && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined;
}

/** The syntax of a list's origin (core: `listOrigin`): parameters, awaits, members, calls and literals, through `const` declarations. */
export function describeList(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): ListExpr {
  if (depth > LIST_TRACE_DEPTH) return { kind: 'unknown' };
  const inner = skipWrappers(node);
  const next = (child: TSESTree.Node): ListExpr => describeList(child, sourceCode, depth + 1);
  switch (inner.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return { kind: 'awaited' };
    case AST_NODE_TYPES.ThisExpression:
      return { kind: 'this' };
    case AST_NODE_TYPES.Identifier:
      return describeIdentifier(inner, sourceCode, depth);
    case AST_NODE_TYPES.MemberExpression:
      return { kind: 'member', object: next(inner.object), ...(!inner.computed && inner.property.type === AST_NODE_TYPES.Identifier ? { property: inner.property.name } : {}) };
    case AST_NODE_TYPES.ConditionalExpression:
      return { kind: 'either', options: [next(inner.consequent), next(inner.alternate)] };
    case AST_NODE_TYPES.LogicalExpression:
      return { kind: 'either', options: [next(inner.left), next(inner.right)] };
    case AST_NODE_TYPES.ArrayExpression:
      return { kind: 'literal', parts: inner.elements.flatMap((element) => (element?.type === AST_NODE_TYPES.SpreadElement ? [next(element.argument)] : [])) };
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return { kind: 'literal', parts: [] };
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression: {
      const args = inner.arguments.flatMap((arg) => (arg.type === AST_NODE_TYPES.SpreadElement ? [arg.argument] : [arg]));
      const copied = copiedList(inner.callee, args, inner.type === AST_NODE_TYPES.NewExpression);
      if (copied !== undefined) return { kind: 'call', method: 'values', receiver: next(copied), args: [] };
      if (inner.type === AST_NODE_TYPES.NewExpression && args.length === 0) return { kind: 'literal', parts: [] };
      const callee = skipWrappers(inner.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? (!callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : '') : callee.type === AST_NODE_TYPES.Identifier ? callee.name : '';
      return {
        kind: 'call',
        method,
        ...(callee.type === AST_NODE_TYPES.MemberExpression ? { receiver: next(callee.object) } : {}),
        args: args.map(next),
      };
    }
    default:
      return { kind: 'unknown' };
  }
}

/** An identifier's list: a parameter, or what its declaration (a `const`, a loop variable, a destructured part) holds. */
function describeIdentifier(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): ListExpr {
  const definition = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name)?.defs[0];
  if (definition?.type === TSESLint.Scope.DefinitionType.Parameter) return { kind: 'parameter' };
  if (definition?.type !== TSESLint.Scope.DefinitionType.Variable) return { kind: 'unknown' };
  const declarator = definition.node;
  const holder = declarator.parent;
  const loop = holder.parent;
  if ((loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) && loop.left === holder) {
    return partOf(declarator.id, identifier.name, { kind: 'member', object: describeList(loop.right, sourceCode, depth + 1) });
  }
  if (declarator.init == null || (holder.kind !== 'const' && reassigned(identifier.name, holder))) return { kind: 'unknown' };
  return partOf(declarator.id, identifier.name, describeList(declarator.init, sourceCode, depth + 1));
}

/** The part of `whole` a binding pattern gives `name`: the whole for a plain name or a rest element, else a member. */
function partOf(pattern: TSESTree.Node, name: string, whole: ListExpr): ListExpr {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return whole;
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) {
        if (property.type === AST_NODE_TYPES.RestElement) {
          if (patternNames(property).includes(name)) return whole;
          continue;
        }
        if (!patternNames(property.value).includes(name)) continue;
        const key = !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
        return partOf(property.value, name, { kind: 'member', object: whole, ...(key === undefined ? {} : { property: key }) });
      }
      return { kind: 'unknown' };
    case AST_NODE_TYPES.ArrayPattern:
      for (const element of pattern.elements) {
        if (element == null || !patternNames(element).includes(name)) continue;
        return element.type === AST_NODE_TYPES.RestElement ? whole : partOf(element, name, { kind: 'member', object: whole });
      }
      return { kind: 'unknown' };
    case AST_NODE_TYPES.AssignmentPattern:
      return partOf(pattern.left, name, whole);
    default:
      return { kind: 'unknown' };
  }
}

/** Is `name` assigned (`name = …`) anywhere in the function (or module) that declares it? */
function reassigned(name: string, declaration: TSESTree.VariableDeclaration): boolean {
  let scope: TSESTree.Node = declaration;
  for (let current: TSESTree.Node | null | undefined = declaration.parent; current != null; current = current.parent) {
    scope = current;
    if (isFunction(current)) break;
  }
  let found = false;
  walk(scope, (current) => {
    if (found) return false;
    if (current.type === AST_NODE_TYPES.AssignmentExpression && current.left.type === AST_NODE_TYPES.Identifier && current.left.name === name) found = true;
    return !found;
  });
  return found;
}

/** The list a loop walks: a `for…of`/`for…in`'s iterable, `xs` of `xs.map(cb)`, the first argument of `_.map(xs, cb)`. */
function iteratedNode(loop: EnclosingLoop): TSESTree.Node | undefined {
  if (loop.kind === 'callback') {
    const callee = skipWrappers(loop.iteration.call.callee);
    const first = loop.iteration.call.arguments[0];
    return loop.iteration.kind.style === 'array' ? (callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined) : first?.type === AST_NODE_TYPES.SpreadElement ? undefined : first;
  }
  return loop.node.type === AST_NODE_TYPES.ForOfStatement || loop.node.type === AST_NODE_TYPES.ForInStatement ? loop.node.right : undefined;
}

/** An expression as written without spaces (`input.items`): how a list is named wherever the loop reads it. */
const textOf = (node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string => sourceCode.getText(skipWrappers(node)).replace(/\s+/g, '');

/** The list a loop walks, as written without spaces (`inputs`, `input.items`). */
function iteratedText(loop: EnclosingLoop, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const iterated = iteratedNode(loop);
  return iterated === undefined ? undefined : textOf(iterated, sourceCode);
}

/** An operand of a guard: `<list>.length`, or a number. */
function guardOperand(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): { lengthOf?: string; number?: number } {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'number') return { number: inner.value };
  if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier && inner.property.name === 'length') {
    return { lengthOf: textOf(inner.object, sourceCode) };
  }
  return {};
}

function throwsOrReturns(statement: TSESTree.Statement | null): boolean {
  if (statement === null) return false;
  if (statement.type === AST_NODE_TYPES.ThrowStatement || statement.type === AST_NODE_TYPES.ReturnStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.some((inner) => inner.type === AST_NODE_TYPES.ThrowStatement || inner.type === AST_NODE_TYPES.ReturnStatement);
}

/** The smallest cap that an `if (list.length > n) throw|return` before the loop, in the same function, puts on the walked list. */
function listCapOf(loop: EnclosingLoop, sourceCode: Readonly<TSESLint.SourceCode>): Pick<LoopFact, 'listCap'> {
  const list = iteratedText(loop, sourceCode);
  if (list === undefined) return {};
  let scope: TSESTree.Node = loop.node;
  for (let current: TSESTree.Node | null | undefined = loop.node.parent; current != null; current = current.parent) {
    scope = current;
    if (isFunction(current)) break;
  }
  let cap: number | undefined;
  walk(scope, (current) => {
    if (current !== scope && isFunction(current)) return false;
    if (current.range[0] >= loop.node.range[0]) return false;
    if (current.type === AST_NODE_TYPES.IfStatement && current.test.type === AST_NODE_TYPES.BinaryExpression && current.test.left.type !== AST_NODE_TYPES.PrivateIdentifier && throwsOrReturns(current.consequent)) {
      const found = capOfGuard(current.test.operator, guardOperand(current.test.left, sourceCode), guardOperand(current.test.right, sourceCode), list);
      if (found !== undefined) cap = Math.min(cap ?? found, found);
    }
    return true;
  });
  return cap === undefined ? {} : { listCap: cap };
}

/** The call runs in a `try` of the loop body whose `catch` has no `throw` at all, nested functions aside. */
function rowFailureCaught(node: TSESTree.Node, loopNode: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent !== undefined && parent !== loopNode; child = parent, parent = parent.parent) {
    if (isFunction(parent)) return false;
    if (parent.type === AST_NODE_TYPES.TryStatement && child === parent.block && parent.handler != null && !throwsIn(parent.handler.body)) return true;
  }
  return false;
}

/** Is there a `throw` in a block, nested functions aside? */
function throwsIn(block: TSESTree.Node): boolean {
  const state = { throws: false };
  walk(block, (current) => {
    if (state.throws || (current !== block && isFunction(current))) return false;
    if (current.type === AST_NODE_TYPES.ThrowStatement) state.throws = true;
    return !state.throws;
  });
  return state.throws;
}

/** The call reads a batch the loop fills and runs under its size check, in a branch that empties it (core: `fullBatchTested`): once per full batch. */
function flushesFullBatch(node: TSESTree.Node, loopNode: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // The size checks around the call first: most calls in a loop sit under none, and need no walk of the loop.
  const checks: { operator: string; left: TSESTree.Expression; right: TSESTree.Expression; branch: TSESTree.Statement }[] = [];
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent !== undefined && child !== loopNode; child = parent, parent = parent.parent) {
    if (isFunction(parent) && parent !== loopNode) return false;
    if (parent.type === AST_NODE_TYPES.IfStatement && child === parent.consequent && parent.test.type === AST_NODE_TYPES.BinaryExpression && parent.test.left.type !== AST_NODE_TYPES.PrivateIdentifier) {
      checks.push({ operator: parent.test.operator, left: parent.test.left, right: parent.test.right, branch: parent.consequent });
    }
  }
  if (checks.length === 0) return false;
  const pushed: string[] = [];
  walk(loopNode, (current) => {
    if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression && !current.callee.computed &&
      current.callee.property.type === AST_NODE_TYPES.Identifier && current.callee.property.name === 'push') pushed.push(textOf(current.callee.object, sourceCode));
    return true;
  });
  return checks.some(({ operator, left, right, branch }) => {
    const list = fullBatchTested(operator, guardOperand(left, sourceCode), guardOperand(right, sourceCode), pushed);
    return list !== undefined && readsBatch(node, list, branch, sourceCode) && emptiesList(branch, list, sourceCode);
  });
}

/** Does the call read the batch, or a `const` the branch made of it (`const rows = batch.map(toRow)`)? */
function readsBatch(call: TSESTree.Node, list: string, branch: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (mentions(call, list, sourceCode)) return true;
  const made: string[] = [];
  walk(branch, (current) => {
    if (current.type === AST_NODE_TYPES.VariableDeclarator && current.id.type === AST_NODE_TYPES.Identifier && current.init != null && mentions(current.init, list, sourceCode)) made.push(current.id.name);
    return true;
  });
  return made.some((name) => mentions(call, name, sourceCode));
}

/** Does the code read the list (an identifier or member written as `list`)? */
function mentions(code: TSESTree.Node, list: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let found = false;
  walk(code, (current) => {
    if (!found && (current.type === AST_NODE_TYPES.Identifier || current.type === AST_NODE_TYPES.MemberExpression) && textOf(current, sourceCode) === list) found = true;
    return !found;
  });
  return found;
}

/**
 * Does the branch always empty the list: a statement of its own (not under a further `if`) that
 * assigns `list = []`, sets `list.length = 0` or calls `list.splice(0)` (all of it, not a part)?
 */
function emptiesList(branch: TSESTree.Statement, list: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const statements = branch.type === AST_NODE_TYPES.BlockStatement ? branch.body : [branch];
  return statements.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    const expression = skipWrappers(statement.expression);
    if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=') {
      const right = skipWrappers(expression.right);
      if (textOf(expression.left, sourceCode) === list && right.type === AST_NODE_TYPES.ArrayExpression && right.elements.length === 0) return true;
      return textOf(expression.left, sourceCode) === `${list}.length` && right.type === AST_NODE_TYPES.Literal && right.value === 0;
    }
    if (expression.type !== AST_NODE_TYPES.CallExpression || textOf(expression.callee, sourceCode) !== `${list}.splice` || expression.arguments.length !== 1) return false;
    const start = expression.arguments[0];
    return start?.type === AST_NODE_TYPES.Literal && start.value === 0;
  });
}

/** A loop statement that walks its list a chunk at a time (core: `walksInChunks`), nested functions aside. */
function chunked(statement: EnclosingLoop['node'], sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (statement.type !== AST_NODE_TYPES.ForStatement && statement.type !== AST_NODE_TYPES.WhileStatement && statement.type !== AST_NODE_TYPES.DoWhileStatement) return false;
  const stepped: string[] = [];
  const slicedFrom: string[] = [];
  const splicedFrom: string[] = [];
  let slicedByIndex = false;
  const isOne = (value: TSESTree.Node): boolean => value.type === AST_NODE_TYPES.Literal && value.value === 1;
  // The counter a `for` loop steps by 1 (`i++`, `i += 1`): the number of the chunk a slice by index takes.
  const update = statement.type === AST_NODE_TYPES.ForStatement ? statement.update : null;
  const counter = update?.type === AST_NODE_TYPES.UpdateExpression && update.operator === '++' && update.argument.type === AST_NODE_TYPES.Identifier ? update.argument.name
    : update?.type === AST_NODE_TYPES.AssignmentExpression && update.operator === '+=' && update.left.type === AST_NODE_TYPES.Identifier && isOne(update.right) ? update.left.name : undefined;
  const visit = (root: TSESTree.Node | null | undefined): void => {
    if (root == null) return;
    walk(root, (current) => {
      if (current !== root && isFunction(current)) return false;
      if (current.type === AST_NODE_TYPES.AssignmentExpression && current.left.type === AST_NODE_TYPES.Identifier) {
        const name = current.left.name;
        const right = skipWrappers(current.right);
        if (current.operator === '+=' && !isOne(right)) stepped.push(name);
        if (current.operator === '=' && right.type === AST_NODE_TYPES.BinaryExpression && right.operator === '+') {
          const [own, step] = right.left.type === AST_NODE_TYPES.Identifier && right.left.name === name ? [right.left, right.right] : [right.right, right.left];
          if (own.type === AST_NODE_TYPES.Identifier && own.name === name && !isOne(step)) stepped.push(name);
        }
      }
      if (current.type === AST_NODE_TYPES.CallExpression) {
        const callee = skipWrappers(current.callee);
        const start = current.arguments[0];
        if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && CHUNK_METHODS.has(callee.property.name)) {
          if (start?.type === AST_NODE_TYPES.Identifier) slicedFrom.push(start.name);
          const end = current.arguments[1];
          if (counter !== undefined && start !== undefined && end !== undefined && slicesNumberedChunk(valueFact(start, { sourceCode }), valueFact(end, { sourceCode }), counter)) slicedByIndex = true;
        }
        // `const part = ids.splice(0, 100)`: a chunk taken off the front of the list the condition drains,
        // and used (bound or handed on); a trim whose result is dropped takes no chunk to work on.
        // Or through a helper of this file that does only that (`this.sliceIntoChunks(contacts, 3000)`).
        const splice = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'splice'
          ? { list: callee.object, start, count: current.arguments[1] }
          : spliceThroughHelper(current, sourceCode);
        if (splice !== undefined && chunkIsUsed(current) &&
          splicesChunkFromFront(splice.start === undefined || splice.start.type === AST_NODE_TYPES.SpreadElement ? undefined : valueFact(splice.start, { sourceCode }), splice.count === undefined || splice.count.type === AST_NODE_TYPES.SpreadElement ? undefined : valueFact(constNumberOf(splice.count, sourceCode) ?? splice.count, { sourceCode }))) {
          splicedFrom.push(textOf(splice.list, sourceCode));
          // `chunk = ids.splice(0, 100)` as a statement of every round: the condition may test the chunk it took
          // (`while (chunk.length > 0)`), unless the round also takes items off it one by one.
          const holder = parentOf(current);
          if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.left.type === AST_NODE_TYPES.Identifier && holder.parent.type === AST_NODE_TYPES.ExpressionStatement &&
            holder.parent.parent === statement.body && !drawsItemsFrom(statement.body, holder.left.name)) splicedFrom.push(holder.left.name);
        }
      }
      return true;
    });
  };
  visit(statement.body);
  if (statement.type === AST_NODE_TYPES.ForStatement) visit(statement.update);
  const test = statement.test;
  const drains = { found: false };
  if (test != null && splicedFrom.length > 0) {
    walk(test, (node) => {
      if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'length' && splicedFrom.includes(textOf(node.object, sourceCode))) drains.found = true;
      return !drains.found;
    });
  }
  return drains.found || walksInChunks(stepped, slicedFrom, slicedByIndex);
}

/** Does the loop body take items off `name` one at a time (`name.shift()`, `name.pop()`, `name.splice(…)`)? */
function drawsItemsFrom(body: TSESTree.Node, name: string): boolean {
  let found = false;
  walk(body, (current) => {
    if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression && !current.callee.computed &&
      current.callee.object.type === AST_NODE_TYPES.Identifier && current.callee.object.name === name && current.callee.property.type === AST_NODE_TYPES.Identifier &&
      ['shift', 'pop', 'splice'].includes(current.callee.property.name)) found = true;
    return !found;
  });
  return found;
}

/** A call's value is bound (`const part = …`, `const [next] = …`) or handed on (`q(ids.splice(0, 100))`, `[...ids.splice(0, n)]`). */
function chunkIsUsed(call: TSESTree.CallExpression): boolean {
  const parent = parentOf(call);
  if (parent === undefined) return false;
  return (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init != null && skipWrappers(parent.init) === call) || parent.type === AST_NODE_TYPES.SpreadElement ||
    (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && skipWrappers(parent.right) === call) ||
    ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.arguments.some((argument) => skipWrappers(argument) === call));
}

/**
 * `this.sliceIntoChunks(contacts, 3000)`, `takeChunk(ids, size)`: a function of this file whose whole body
 * hands back `list.splice(0, count)` of its parameters. The list, start and count the call gives it.
 */
function spliceThroughHelper(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): { list: TSESTree.Node; start: TSESTree.Node | undefined; count: TSESTree.Node | undefined } | undefined {
  const fn = localCallee(call, sourceCode);
  if (fn === undefined) return undefined;
  const returned = fn.body.type === AST_NODE_TYPES.BlockStatement
    ? (fn.body.body.length === 1 && fn.body.body[0]?.type === AST_NODE_TYPES.ReturnStatement ? fn.body.body[0].argument ?? undefined : undefined)
    : fn.body;
  const inner = returned === undefined ? undefined : skipWrappers(returned);
  if (inner?.type !== AST_NODE_TYPES.CallExpression || inner.callee.type !== AST_NODE_TYPES.MemberExpression || inner.callee.computed ||
    inner.callee.property.type !== AST_NODE_TYPES.Identifier || inner.callee.property.name !== 'splice' || inner.callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  // A TypeScript `this` parameter takes no argument.
  const params = fn.params.filter((param) => !(param.type === AST_NODE_TYPES.Identifier && param.name === 'this'))
    .map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : param.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier ? param.left.name : undefined));
  // A parameter stands for the caller's argument; anything else the helper writes stays its own.
  const given = (node: TSESTree.Node | undefined): TSESTree.Node | undefined => {
    if (node?.type !== AST_NODE_TYPES.Identifier) return node;
    const index = params.indexOf(node.name);
    return index === -1 ? node : call.arguments[index];
  };
  const listIndex = params.indexOf(inner.callee.object.name);
  const list = listIndex === -1 ? undefined : call.arguments[listIndex];
  if (list === undefined || list.type === AST_NODE_TYPES.SpreadElement) return undefined;
  return { list, start: given(inner.arguments[0]), count: given(inner.arguments[1]) };
}

/** The numeric literal a `const` name holds (`const BATCH = 1`), for a count written through it. */
function constNumberOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const init = constOf(node, sourceCode)?.init;
  return init?.type === AST_NODE_TYPES.Literal && typeof init.value === 'number' ? init : undefined;
}

/** The names an identifier or a destructuring pattern binds. */
function patternNames(pattern: TSESTree.Node | null | undefined): string[] {
  if (pattern == null) return [];
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return [pattern.name];
    case AST_NODE_TYPES.ObjectPattern:
      return pattern.properties.flatMap((property) => patternNames(property.type === AST_NODE_TYPES.RestElement ? property.argument : property.value));
    case AST_NODE_TYPES.ArrayPattern:
      return pattern.elements.flatMap((element) => patternNames(element));
    case AST_NODE_TYPES.RestElement:
      return patternNames(pattern.argument);
    case AST_NODE_TYPES.AssignmentPattern:
      return patternNames(pattern.left);
    default:
      return [];
  }
}

/** The variables an expression reads (property names aside). */
function referencedNames(node: TSESTree.Node | null | undefined): string[] {
  if (node == null) return [];
  const names = new Set<string>();
  walk(node, (current) => {
    if (current.type !== AST_NODE_TYPES.Identifier) return true;
    const parent = current.parent;
    const propertyName = (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === current && !parent.computed) ||
      (parent.type === AST_NODE_TYPES.Property && parent.key === current && !parent.computed && parent.value !== current);
    if (!propertyName) names.add(current.name);
    return true;
  });
  return [...names].sort();
}

/** Declarations and assignments of a loop body, nested functions aside. */
function flowsIn(node: TSESTree.Node | null | undefined): NameFlow[] {
  const flows: NameFlow[] = [];
  if (node == null) return flows;
  walk(node, (current) => {
    if (current !== node && isFunction(current)) return false;
    if (current.type === AST_NODE_TYPES.VariableDeclarator && current.init != null) flows.push({ targets: patternNames(current.id), reads: referencedNames(current.init) });
    if (current.type === AST_NODE_TYPES.AssignmentExpression) {
      const targets = patternNames(current.left);
      const reads = current.operator === '=' ? referencedNames(current.right) : [...targets, ...referencedNames(current.right)];
      if (targets.length > 0) flows.push({ targets, reads, guards: branchTestReads(current, node) });
    }
    return true;
  });
  return flows;
}

/**
 * The names read by the tests of the `if`s that decide whether an assignment runs, up to `top`:
 * `if (taken) slug = undefined` writes `slug` from `taken` as surely as `slug = taken ? undefined : slug`.
 */
function branchTestReads(assignment: TSESTree.Node, top: TSESTree.Node): string[] {
  const reads: string[] = [];
  for (let child = assignment, parent = assignment.parent; parent !== undefined && child !== top; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.test !== child) reads.push(...referencedNames(parent.test));
  }
  return reads;
}

function within(node: TSESTree.Node, container: TSESTree.Node | null | undefined): boolean {
  return container != null && node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}

/** The names the call's own statement stores its value in: `const page = await q()`, `match = await q()`. */
function storedNames(node: TSESTree.Node, loopNode: TSESTree.Node): string[] {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent !== undefined && parent !== loopNode; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.VariableDeclarator) return parent.init === child ? patternNames(parent.id) : [];
    if (parent.type === AST_NODE_TYPES.AssignmentExpression) return parent.right === child ? patternNames(parent.left) : [];
    if (isFunction(parent) || parent.type.endsWith('Statement')) return [];
  }
  return [];
}

/** The call's value is stored in a name that the loop body reads after the call (`LoopFact.resultReadLater`), nested functions aside. */
function resultReadLater(node: TSESTree.Node, loopNode: TSESTree.Node): boolean {
  const stored = storedNames(node, loopNode);
  if (stored.length === 0) return false;
  const body = loopNode.type === AST_NODE_TYPES.ForOfStatement || loopNode.type === AST_NODE_TYPES.ForInStatement || loopNode.type === AST_NODE_TYPES.ForStatement ||
    loopNode.type === AST_NODE_TYPES.WhileStatement || loopNode.type === AST_NODE_TYPES.DoWhileStatement ? loopNode.body : loopNode;
  const after = node.range[1];
  let read = false;
  walk(body, (current) => {
    if (read || (current !== body && current !== loopNode && isFunction(current) && current.range[0] >= after)) return false;
    if (current.type === AST_NODE_TYPES.Identifier && current.range[0] >= after && stored.includes(current.name) && referencedNames(current.parent).includes(current.name)) read = true;
    return !read;
  });
  return read;
}

/**
 * `LoopFact.batchedInTransaction` and `LoopFact.savedTogether`: `list.push(call)`, and the function
 * around the loop runs `$transaction(list)` or `$transaction([..., ...list])`, or writes the list whole
 * after the loop (`manager.save(list)`: `WHOLE_LIST_WRITES`).
 */
function collectedForBatch(node: TSESTree.Node, loopNode: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): { batchedInTransaction?: true; savedTogether?: true } {
  if (mappedIntoTransaction(node, loopNode, sourceCode)) return { batchedInTransaction: true };
  const push = node.parent;
  if (push?.type !== AST_NODE_TYPES.CallExpression || push.arguments[0] !== node || push.callee.type !== AST_NODE_TYPES.MemberExpression || push.callee.computed) return {};
  const list = push.callee.object;
  if (list.type !== AST_NODE_TYPES.Identifier || push.callee.property.type !== AST_NODE_TYPES.Identifier || push.callee.property.name !== 'push') return {};
  const fn = enclosingFunction(loopNode);
  if (fn === undefined) return {};
  const found = { batchedInTransaction: false, savedTogether: false, awaited: false };
  const isList = (argument: TSESTree.Node | undefined): boolean => argument !== undefined && skipWrappers(argument).type === AST_NODE_TYPES.Identifier && (skipWrappers(argument) as TSESTree.Identifier).name === list.name;
  walk(fn, (current) => {
    // The list's promises awaited (`await Promise.all(list)`, `await list`, `for await (… of list)`): each call ran its own query.
    if (current.type === AST_NODE_TYPES.AwaitExpression && isList(current.argument)) found.awaited = true;
    if (current.type === AST_NODE_TYPES.ForOfStatement && current.await && isList(current.right)) found.awaited = true;
    if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression && current.callee.object.type === AST_NODE_TYPES.Identifier && current.callee.object.name === 'Promise' && isList(current.arguments[0])) found.awaited = true;
    if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression && !current.callee.computed && current.callee.property.type === AST_NODE_TYPES.Identifier) {
      const argument = current.arguments[0];
      if (current.callee.property.name === '$transaction') {
        if (isList(argument)) found.batchedInTransaction = true;
        if (argument?.type === AST_NODE_TYPES.ArrayExpression && argument.elements.some((element) => element?.type === AST_NODE_TYPES.SpreadElement && isList(element.argument))) found.batchedInTransaction = true;
      }
      // `manager.save(rows)`, or TypeORM's entity-target form `manager.save(Boost, rows)`.
      if (WHOLE_LIST_WRITES.has(current.callee.property.name) && current.range[0] >= loopNode.range[1] && current.arguments.slice(0, 2).some((written) => isList(written))) found.savedTogether = true;
    }
    return true;
  });
  const savedTogether = found.savedTogether && !found.awaited && importsTypeorm(sourceCode);
  // A list also awaited on its own (`await Promise.all(ops)`) ran each query before the transaction saw it.
  return { ...(found.batchedInTransaction && !found.awaited ? { batchedInTransaction: true } : {}), ...(savedTogether ? { savedTogether: true } : {}) };
}

/**
 * `LoopFact.batchedInTransaction` in its mapped form: a plain (not async) `map` callback hands back the
 * query's promise unawaited, and the mapped list goes to `$transaction` — directly
 * (`prisma.$transaction(ids.map((id) => prisma.user.update(…)))`, `$transaction([first, ...ids.map(…)])`) or
 * through a `const` the function hands to it whole and never awaits (`const updates = ids.map(…);
 * await prisma.$transaction(updates)`). An async callback would start each query as it returns it.
 */
function mappedIntoTransaction(node: TSESTree.Node, loopNode: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!isFunction(loopNode) || loopNode.async) return false;
  const map = loopNode.parent;
  if (map.type !== AST_NODE_TYPES.CallExpression || map.arguments[0] !== loopNode || map.callee.type !== AST_NODE_TYPES.MemberExpression || map.callee.computed ||
    map.callee.property.type !== AST_NODE_TYPES.Identifier || map.callee.property.name !== 'map') return false;
  const body = loopNode.body;
  const returned = body.type === AST_NODE_TYPES.BlockStatement
    ? body.body.flatMap((statement) => (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument != null ? [statement.argument] : []))
    : [body];
  if (!returned.some((value) => skipWrappers(value) === node)) return false;
  const isTransactionCall = (call: TSESTree.Node | undefined): call is TSESTree.CallExpression => call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression &&
    !call.callee.computed && call.callee.property.type === AST_NODE_TYPES.Identifier && call.callee.property.name === '$transaction';
  const handsOn = (value: TSESTree.Node, matches: (argument: TSESTree.Node) => boolean): boolean => {
    const parent = parentOf(value);
    const first = isTransactionCall(parent) ? parent.arguments[0] : undefined;
    if (first !== undefined && matches(first)) return true;
    return parent?.type === AST_NODE_TYPES.SpreadElement && parent.parent.type === AST_NODE_TYPES.ArrayExpression && isTransactionCall(parent.parent.parent) &&
      parent.parent.parent.arguments[0] === parent.parent;
  };
  if (handsOn(map, (argument) => skipWrappers(argument) === map)) return true;
  const declarator = parentOf(map);
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init == null || skipWrappers(declarator.init) !== map) return false;
  // Every use of that binding (not of another `updates` a nested function declares).
  const variable = ASTUtils.findVariable(sourceCode.getScope(declarator), declarator.id.name);
  if (variable === null) return false;
  const found = { batched: false, awaited: false };
  for (const reference of variable.references) {
    const current = reference.identifier as TSESTree.Node;
    if (current === declarator.id) continue;
    const parent = parentOf(current);
    const first = isTransactionCall(parent) ? parent.arguments[0] : undefined;
    if (first !== undefined && skipWrappers(first) === current) found.batched = true;
    else if (parent?.type === AST_NODE_TYPES.SpreadElement && handsOn(current, () => false)) found.batched = true;
    // `await Promise.all(updates)`, `await updates`, `for await (… of updates)`: each ran on its own.
    else if (parent?.type === AST_NODE_TYPES.AwaitExpression || (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.await) ||
      (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee.type === AST_NODE_TYPES.MemberExpression && parent.callee.object.type === AST_NODE_TYPES.Identifier && parent.callee.object.name === 'Promise')) found.awaited = true;
  }
  return found.batched && !found.awaited;
}

/** The file imports TypeORM (values or types), whose `BaseEntity.create` builds an entity in memory. */
function importsTypeorm(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === WHOLE_LIST_WRITER_PACKAGE);
}

/** A query, as core classifies the call's chain with the default settings (the rule passes its own classification). */
function defaultIsQuery(sourceCode: Readonly<TSESLint.SourceCode>): (call: CallLike) => boolean {
  return (call) => classifyQuery(buildChain(call, { sourceCode }).fact, { settings: DEFAULT_SETTINGS }) !== undefined;
}

/** The statements that run once per round: a loop statement's body, an iteration callback's body. */
function roundBody(loop: EnclosingLoop): TSESTree.Node {
  return loop.node.body;
}

/**
 * After `node`, does the round that runs it await a call that is no query (`LoopFact.awaitsWorkAfter`)?
 * Nested functions aside; a chain counts as a query when any call of it is one (`await
 * repo.find(…).then(…)`); core's `isOtherWorkCall` sets waits and combinators aside.
 */
function awaitsWorkAfter(node: TSESTree.Node, loop: EnclosingLoop, isQuery: (call: CallLike) => boolean, anywhere = false): boolean {
  const body = roundBody(loop);
  let found = false;
  walk(body, (current) => {
    if (found || (current !== body && isFunction(current))) return false;
    if (current.type !== AST_NODE_TYPES.AwaitExpression || (!anywhere && current.range[0] < node.range[1])) return true;
    const awaited = skipWrappers(current.argument);
    if ((awaited.type !== AST_NODE_TYPES.CallExpression && awaited.type !== AST_NODE_TYPES.NewExpression) || within(node, awaited)) return true;
    found = !chainHasQuery(awaited, isQuery) && isOtherWorkCall(chainNames(awaited), awaited.type === AST_NODE_TYPES.NewExpression);
    return !found;
  });
  return found;
}

/** Is any call of a chain (`a.b().c()`: `c()`, `b()`) a query? */
function chainHasQuery(call: TSESTree.CallExpression | TSESTree.NewExpression, isQuery: (call: CallLike) => boolean): boolean {
  for (let current: TSESTree.Node = call; ;) {
    if (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.NewExpression) {
      if (isQuery(current)) return true;
      current = skipWrappers(current.callee);
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = skipWrappers(current.object);
    } else {
      return false;
    }
  }
}

/** Does a statement leave the loop (`break`, `return`), alone or as a statement of a block? */
function leavesLoop(statement: TSESTree.Statement | null | undefined): boolean {
  if (statement == null) return false;
  if (statement.type === AST_NODE_TYPES.BreakStatement) return statement.label === null;
  if (statement.type === AST_NODE_TYPES.ReturnStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.some((inner) => inner.type === AST_NODE_TYPES.BreakStatement ? inner.label === null : inner.type === AST_NODE_TYPES.ReturnStatement);
}

/** The conditions of the `if`s that leave the loop (`orThrows`: by a `throw` too), nested loops, switches and functions aside. */
function exitConditions(body: TSESTree.Node, orThrows = false): string[][] {
  const conditions: string[][] = [];
  const leaves = (statement: TSESTree.Statement | null | undefined): boolean => leavesLoop(statement) || (orThrows && (statement?.type === AST_NODE_TYPES.ThrowStatement || (statement?.type === AST_NODE_TYPES.BlockStatement && statement.body.some((inner) => inner.type === AST_NODE_TYPES.ThrowStatement))));
  walk(body, (current) => {
    if (current !== body && (isFunction(current) || isLoopNode(current) || current.type === AST_NODE_TYPES.SwitchStatement)) return false;
    if (current.type === AST_NODE_TYPES.IfStatement && (leaves(current.consequent) || leaves(current.alternate))) conditions.push(referencedNames(current.test));
    return true;
  });
  return conditions;
}

function isLoopNode(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ForStatement || node.type === AST_NODE_TYPES.ForInStatement || node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.WhileStatement || node.type === AST_NODE_TYPES.DoWhileStatement;
}

/** The names a loop body assigns: `x = …`, `x++`, and `x` for `x.slug = …` (nested functions aside). */
function writtenIn(node: TSESTree.Node | null | undefined): string[] {
  const written = new Set<string>();
  if (node == null) return [];
  walk(node, (current) => {
    if (current !== node && isFunction(current)) return false;
    const target = current.type === AST_NODE_TYPES.AssignmentExpression ? current.left : current.type === AST_NODE_TYPES.UpdateExpression ? current.argument : undefined;
    if (target?.type === AST_NODE_TYPES.MemberExpression) written.add(chainNames(target)[0] ?? '');
    else for (const name of patternNames(target)) written.add(name);
    return true;
  });
  written.delete('');
  return [...written].sort();
}

/** How the call's result steers its loop statement (core: `nextRoundFromResult`). */
function nextRoundOf(node: TSESTree.Node, statement: EnclosingLoop['node']): Pick<LoopFact, 'nextRoundFromResult' | 'roundsCounted'> {
  if (statement.type !== AST_NODE_TYPES.ForStatement && statement.type !== AST_NODE_TYPES.WhileStatement && statement.type !== AST_NODE_TYPES.DoWhileStatement) return {};
  const condition = statement.test;
  const endless = condition == null || (condition.type === AST_NODE_TYPES.Literal && condition.value === true);
  const update = statement.type === AST_NODE_TYPES.ForStatement ? statement.update : undefined;
  const written = [...writtenIn(statement.body), ...writtenIn(update)];
  const conditionReads = endless ? undefined : referencedNames(condition);
  const flows = [...flowsIn(statement.body), ...flowsIn(update)];
  const steering = nextRoundFromResult({
    inCondition: within(node, condition),
    stored: storedNames(node, statement),
    keyReads: referencedNames(node),
    flows,
    written,
    conditionReads,
    exitConditionReads: exitConditions(statement.body),
  });
  if (steering === undefined) return {};
  // Only a poll asks whether its rounds are bounded (and only then is the body searched for a pause).
  if (steering !== 'poll') return { nextRoundFromResult: steering };
  // A name the body declares anew each round (`const job = await find()`) moves with the rounds too.
  return countsRounds(retryLoopFacts(statement), { written: [...written, ...flows.flatMap((flow) => flow.targets)], waits: waitsEachRound(statement.body), conditionReads: conditionReads ?? [], exitConditionReads: exitConditions(statement.body, true) }) ? { nextRoundFromResult: steering, roundsCounted: true } : { nextRoundFromResult: steering };
}

/** The loop body awaits a pause: `await sleep(ms)`, `await new Promise((r) => setTimeout(r, ms))` (nested functions aside). */
function waitsEachRound(body: TSESTree.Node): boolean {
  let waits = false;
  walk(body, (node) => {
    if (waits || (node !== body && isFunction(node))) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression && awaitsPause(node)) waits = true;
    return !waits;
  });
  return waits;
}

/** `await sleep(ms)`, `await setTimeout(ms)` (timers/promises), `await new Promise((resolve) => setTimeout(resolve, ms))`. */
function awaitsPause(node: TSESTree.AwaitExpression): boolean {
  const argument = skipWrappers(node.argument);
  if (argument.type === AST_NODE_TYPES.CallExpression) return isDelayFunctionName(delayNameOf(chainNames(argument.callee)));
  if (argument.type !== AST_NODE_TYPES.NewExpression || dottedName(argument.callee) !== 'Promise') return false;
  let timer = false;
  walk(argument, (inner) => {
    if (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'setTimeout') timer = true;
    return !timer;
  });
  return timer;
}

/**
 * `LoopFact.paced`: a statement of the loop body of its own awaits a pause, every round, of a
 * duration it names (`sleep(1000)`, `setTimeout(resolve, delayMs)`; not `tx.wait()`), a literal one
 * at least {@link PACE_MIN_MS} ms (core).
 */
function pacedEachRound(body: TSESTree.Statement): boolean {
  const statements = body.type === AST_NODE_TYPES.BlockStatement ? body.body : [body];
  return statements.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AwaitExpression || !awaitsPause(statement.expression)) return false;
    const durations: (number | undefined)[] = [];
    walk(statement.expression, (node) => {
      const last = node.type === AST_NODE_TYPES.CallExpression ? node.arguments.at(-1) : undefined;
      const value = last === undefined ? undefined : skipWrappers(last);
      if (value !== undefined && !isFunction(value)) durations.push(value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number' ? value.value : undefined);
      return true;
    });
    return isPaceDuration(durations);
  });
}

interface RowBindings {
  readonly elements: readonly string[];
  readonly rowNames: readonly string[];
  readonly counters: readonly string[];
  readonly body: TSESTree.Node;
}

/** The element's bindings, and the names of the loop body fed by the element (or by the counter, which is no row value alone). */
function rowBindings(loop: EnclosingLoop): RowBindings {
  let elements: string[] = [];
  let counters: string[] = [];
  let body: TSESTree.Node;
  if (loop.kind === 'callback') {
    const method = loop.iteration.kind.method;
    const reduce = method === 'reduce' || method === 'reduceRight';
    elements = patternNames(loop.node.params[reduce ? 1 : 0]);
    counters = patternNames(loop.node.params[reduce ? 2 : 1]);
    body = loop.node.body;
  } else {
    const statement = loop.node;
    if ((statement.type === AST_NODE_TYPES.ForOfStatement || statement.type === AST_NODE_TYPES.ForInStatement) && statement.left.type === AST_NODE_TYPES.VariableDeclaration) {
      elements = statement.left.declarations.flatMap((declarator) => patternNames(declarator.id));
    }
    if (statement.type === AST_NODE_TYPES.ForStatement && statement.init?.type === AST_NODE_TYPES.VariableDeclaration) {
      counters = statement.init.declarations.flatMap((declarator) => patternNames(declarator.id));
    }
    body = statement.body;
  }
  const fed = namesFedBy([...elements, ...counters], flowsIn(body));
  return { elements: [...elements].sort(), rowNames: fed.filter((name) => !counters.includes(name)), counters: [...counters].sort(), body };
}

/**
 * Elements, and locals of the loop body that hold a row already stored (core: `holdsStoredRow`), whose
 * properties the loop body sets from the row's own values (`role.permissions = role.permissions.filter(…)`,
 * `level.stock += n`, `const level = await repo.findOne(…); level.stock += row.quantity`).
 */
function changedElements(rows: RowBindings): string[] {
  const held = new Set([...rows.elements, ...storedRowLocals(rows)]);
  const changed = new Set<string>();
  walk(rows.body, (current) => {
    if (current !== rows.body && isFunction(current)) return false;
    if (current.type !== AST_NODE_TYPES.AssignmentExpression || current.left.type !== AST_NODE_TYPES.MemberExpression) return true;
    const root = chainNames(current.left)[0] ?? '';
    if (held.has(root) && (current.operator !== '=' || referencedNames(current.right).some((name) => rows.rowNames.includes(name)))) changed.add(root);
    return true;
  });
  return [...changed].sort();
}

/** Row names declared by the loop body (nested functions aside) whose initial value holds a stored row (core: `holdsStoredRow`). */
function storedRowLocals(rows: RowBindings): string[] {
  const locals: string[] = [];
  walk(rows.body, (current) => {
    if (current !== rows.body && isFunction(current)) return false;
    if (current.type === AST_NODE_TYPES.VariableDeclarator && current.id.type === AST_NODE_TYPES.Identifier && current.init != null &&
      rows.rowNames.includes(current.id.name) && holdsStoredRow(initialValueShape(current.init))) locals.push(current.id.name);
    return true;
  });
  return locals;
}

/** The shape of a local's initial value, for `holdsStoredRow`. */
function initialValueShape(init: TSESTree.Expression): StoredRowShape {
  const inner = skipWrappers(init);
  if (inner.type === AST_NODE_TYPES.AwaitExpression) {
    const call = skipWrappers(inner.argument);
    return call.type === AST_NODE_TYPES.CallExpression ? awaitedShape(chainNames(call.callee).at(-1)) : 'other';
  }
  if (inner.type === AST_NODE_TYPES.MemberExpression) return 'member';
  return 'other';
}

/** `op.type`, `type` (a row name): an operand that reads the element's kind. */
function readsRowKind(node: TSESTree.Node, rowNames: readonly string[]): boolean {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return rowNames.includes(inner.name);
  if (inner.type !== AST_NODE_TYPES.MemberExpression || inner.computed) return false;
  const names = chainNames(inner);
  return names.length >= 2 && !names.includes('') && rowNames.includes(names[0] ?? '');
}

/** A literal or an enum-like member (`Op.ADD`) not read from the row. */
function isConstant(node: TSESTree.Node, rowNames: readonly string[]): boolean {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal) return true;
  if (inner.type !== AST_NODE_TYPES.MemberExpression || inner.computed) return false;
  const names = chainNames(inner);
  return names.length >= 2 && !names.includes('') && names[0] !== 'this' && !rowNames.includes(names[0] ?? '');
}

function comparesRowKind(test: TSESTree.Node, rowNames: readonly string[]): boolean {
  const inner = skipWrappers(test);
  if (inner.type !== AST_NODE_TYPES.BinaryExpression || !['===', '==', '!==', '!='].includes(inner.operator) || inner.left.type === AST_NODE_TYPES.PrivateIdentifier) return false;
  return (readsRowKind(inner.left, rowNames) && isConstant(inner.right, rowNames)) || (readsRowKind(inner.right, rowNames) && isConstant(inner.left, rowNames));
}

/** The call runs in one branch of an `if … else if` chain or a several-case `switch` on the element's kind. */
function dispatchOnElementKind(node: TSESTree.Node, loopNode: TSESTree.Node, rowNames: readonly string[]): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent !== undefined && parent !== loopNode; child = parent, parent = parent.parent) {
    if (isFunction(parent)) return false;
    if (parent.type === AST_NODE_TYPES.IfStatement && child !== parent.test) {
      const chained = parent.alternate?.type === AST_NODE_TYPES.IfStatement || (parent.parent.type === AST_NODE_TYPES.IfStatement && parent.parent.alternate === parent);
      if (chained && comparesRowKind(parent.test, rowNames)) return true;
    }
    if (parent.type === AST_NODE_TYPES.SwitchCase && parent.test !== null) {
      const statement = parent.parent;
      if (statement.cases.filter((clause) => clause.test !== null).length >= 2 && readsRowKind(statement.discriminant, rowNames)) return true;
    }
  }
  return false;
}

/** The line of the `await` that waits for the call (ESLint's `no-await-in-loop` reports there), else the call's own line. */
function awaitLine(node: TSESTree.Node, loopNode: TSESTree.Node): number {
  for (let current: TSESTree.Node | undefined = node; current !== undefined && current !== loopNode; current = current.parent) {
    if (current.type === AST_NODE_TYPES.AwaitExpression) return current.loc.start.line;
    if (current !== node && isFunction(current)) break;
  }
  return node.loc.start.line;
}

/** Is the call's `await` excused from `no-await-in-loop` by a directive comment (core: `awaitMarkedSequential`)? */
function markedSequential(node: TSESTree.Node, loopNode: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const comments = sourceCode.getAllComments();
  if (!comments.some((comment) => comment.value.includes('no-await-in-loop'))) return false;
  return awaitMarkedSequential(comments.map((comment) => ({ text: comment.value, startLine: comment.loc.start.line, endLine: comment.loc.end.line })), awaitLine(node, loopNode));
}

/** The iterated value is an array literal, or a module-level constant array / object's keys or values. */
function iteratesFixedList(loop: EnclosingLoop, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let iterated: TSESTree.Node | undefined;
  if (loop.kind === 'callback') {
    const callee = skipWrappers(loop.iteration.call.callee);
    iterated = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
  } else if (loop.node.type === AST_NODE_TYPES.ForOfStatement || loop.node.type === AST_NODE_TYPES.ForInStatement) {
    iterated = loop.node.right;
  } else if (loop.node.type === AST_NODE_TYPES.ForStatement) {
    const rounds = roundsBetweenConstants(loop.node, sourceCode);
    return rounds !== undefined && rounds <= FIXED_ROUNDS_LIMIT;
  }
  return iterated !== undefined && isFixedList(skipWrappers(iterated), 0, sourceCode);
}

const FLIPPED: Readonly<Record<string, string>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** `for (let day = RECOMPUTE_DAYS; day >= 0; day--)`: the rounds a counter runs between numbers written in the code (core `countedRounds`). */
function roundsBetweenConstants(loop: TSESTree.ForStatement, sourceCode: Readonly<TSESLint.SourceCode>): number | undefined {
  const declarator = loop.init?.type === AST_NODE_TYPES.VariableDeclaration && loop.init.declarations.length === 1 ? loop.init.declarations[0] : undefined;
  if (declarator?.id.type !== AST_NODE_TYPES.Identifier || declarator.init == null) return undefined;
  const counter = declarator.id.name;
  const start = numberWritten(declarator.init, sourceCode);
  const test = loop.test;
  if (start === undefined || test?.type !== AST_NODE_TYPES.BinaryExpression || test.left.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
  const counterLeft = test.left.type === AST_NODE_TYPES.Identifier && test.left.name === counter;
  const counterRight = test.right.type === AST_NODE_TYPES.Identifier && test.right.name === counter;
  if (counterLeft === counterRight) return undefined;
  const operator = counterLeft ? test.operator : FLIPPED[test.operator];
  const bound = numberWritten(counterLeft ? test.right : test.left, sourceCode);
  const step = stepOf(loop.update, counter);
  return operator === undefined || bound === undefined || step === undefined ? undefined : countedRounds(start, operator, bound, step);
}

/** `i++`, `i--`, `i += 2`, `i -= 1`: how much each round moves the counter. */
function stepOf(update: TSESTree.Expression | null, counter: string): number | undefined {
  if (update?.type === AST_NODE_TYPES.UpdateExpression && update.argument.type === AST_NODE_TYPES.Identifier && update.argument.name === counter) return update.operator === '++' ? 1 : -1;
  if (update?.type !== AST_NODE_TYPES.AssignmentExpression || update.left.type !== AST_NODE_TYPES.Identifier || update.left.name !== counter) return undefined;
  const size = update.right.type === AST_NODE_TYPES.Literal && typeof update.right.value === 'number' ? update.right.value : undefined;
  if (size === undefined) return undefined;
  return update.operator === '+=' ? size : update.operator === '-=' ? -size : undefined;
}

/** A number written in the code: a literal (`3`, `-1`) or a module-level `const` holding one (`const RECOMPUTE_DAYS = 2`). */
function numberWritten(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): number | undefined {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal) return typeof inner.value === 'number' ? inner.value : undefined;
  if (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === '-' && inner.argument.type === AST_NODE_TYPES.Literal && typeof inner.argument.value === 'number') return -inner.argument.value;
  const held = inner.type === AST_NODE_TYPES.Identifier ? constOf(inner, sourceCode) : undefined;
  return held?.topLevel === true && held.init.type === AST_NODE_TYPES.Literal && typeof held.init.value === 'number' ? held.init.value : undefined;
}

function isFixedList(node: TSESTree.Node, depth: number, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.length <= 20 && node.elements.every((element) => element?.type !== AST_NODE_TYPES.SpreadElement);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return true;
  if (node.type === AST_NODE_TYPES.CallExpression && depth <= 1) {
    // `Object.keys(CONFIG)`, `Object.entries(PHASES)`, `Object.values(DataSource)` of an imported enum.
    const names = chainNames(node.callee);
    const arg = node.arguments[0];
    if (!(names.length === 2 && names[0] === 'Object' && /^(?:keys|values|entries)$/.test(names[1] ?? '') && arg !== undefined && arg.type !== AST_NODE_TYPES.SpreadElement)) return false;
    const object = skipWrappers(arg);
    if (object.type === AST_NODE_TYPES.Identifier && identifierBinding(object, sourceCode).kind === 'import') return identifierBinding(object, sourceCode).typeOnly !== true && namesFixedObject(object.name);
    return isFixedList(object, depth + 1, sourceCode);
  }
  if (node.type !== AST_NODE_TYPES.Identifier || depth > 1) return false;
  // A list imported under a constant's name, or a type's from a module of constants, is written in another module's code.
  const binding = identifierBinding(node, sourceCode);
  if (binding.kind === 'import' && binding.typeOnly !== true && isImportedFixedList(node.name, binding.source)) return true;
  const held = constOf(node, sourceCode);
  if (held === undefined) return false;
  // A local `const` holds a fixed list only as the keys of an object written in code (`Object.values(Enum)`).
  return (held.topLevel || (depth === 0 && held.init.type === AST_NODE_TYPES.CallExpression)) && isFixedList(held.init, depth + 1, sourceCode);
}

/** `if (!cache[key]) cache[key] = await q(key)` / `if (!seen.has(k)) seen.set(k, await q(k))`: one query per distinct key, remembered. */
function memoised(node: TSESTree.Node, loopNode: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current !== undefined && current !== loopNode; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.IfStatement) continue;
    if (memoisesAnswer(sourceCode.getText(current.test), sourceCode.getText(current.consequent))) return true;
  }
  return false;
}

/** `loaders ? loaders.users.load(id) : User.findByPk(id)` (or the other way round): the query is the fallback when no DataLoader batches it. */
function dataLoaderFallback(node: TSESTree.Node, loopNode: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let child: TSESTree.Node = node;
  for (let current: TSESTree.Node | undefined = node.parent; current !== undefined && current !== loopNode; child = current, current = current.parent) {
    if ((current.type === AST_NODE_TYPES.ConditionalExpression || current.type === AST_NODE_TYPES.IfStatement) && current.alternate === child) {
      return callsDataLoader(sourceCode.getText(current.consequent));
    }
    // `if (!loaders) return User.findByPk(id); else return loaders.users.load(id)`: the same fallback, written the other way round.
    if ((current.type === AST_NODE_TYPES.ConditionalExpression || current.type === AST_NODE_TYPES.IfStatement) && current.consequent === child && current.alternate != null && callsDataLoader(sourceCode.getText(current.alternate))) return true;
  }
  return false;
}

/** `switch (claim) { case 'roles': q() }` where `claim` is the current element. */
function switchOnElement(node: TSESTree.Node, loop: EnclosingLoop): boolean {
  const names = iterationElementNames(loop);
  for (let child: TSESTree.Node = node, current: TSESTree.Node | undefined = node.parent; current !== undefined && current !== loop.node; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && testsElementValue(current.test, names)) return true;
    const statement = current.parent;
    if (current.type !== AST_NODE_TYPES.SwitchCase || statement?.type !== AST_NODE_TYPES.SwitchStatement) continue;
    const discriminant = skipWrappers(statement.discriminant);
    if (current.test?.type === AST_NODE_TYPES.Literal && discriminant.type === AST_NODE_TYPES.Identifier && names.includes(discriminant.name)) return true;
  }
  return false;
}

/**
 * `element === 'x'`, `FEATURE.X === element`: the element itself (not a property of it) compared with
 * a literal or an enum-like member (`Feature.TAX_FORMS`, its root capitalised), as a `switch` case on it.
 */
function testsElementValue(test: TSESTree.Expression, names: readonly string[]): boolean {
  const inner = skipWrappers(test);
  if (inner.type !== AST_NODE_TYPES.BinaryExpression || (inner.operator !== '===' && inner.operator !== '==')) return false;
  const isElement = (side: TSESTree.Node): boolean => {
    const value = skipWrappers(side);
    return value.type === AST_NODE_TYPES.Identifier && names.includes(value.name);
  };
  const isConstantValue = (side: TSESTree.Node): boolean => {
    const value = skipWrappers(side);
    if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string' || typeof value.value === 'number';
    if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed) return false;
    const path = chainNames(value);
    return path.length === 2 && /^[A-Z]/.test(path[0] ?? '');
  };
  return (isElement(inner.left) && isConstantValue(inner.right)) || (isElement(inner.right) && isConstantValue(inner.left));
}

/**
 * Calls issued in the same tick: in a synchronous `map`/`forEach` callback before any `await`, or
 * un-awaited from a loop with no `await` in it.
 */
function issuedInOneTick(node: TSESTree.Node, loop: EnclosingLoop): boolean {
  if (loop.kind === 'callback') {
    return loop.iteration.kind.style === 'array' && !awaitsBefore(node.range[0], loop.node);
  }
  if (loop.kind === 'for-await-of' || parentOf(node)?.type === AST_NODE_TYPES.AwaitExpression) return false;
  // Any await in the body delays the next iteration's call to a later tick.
  return !awaitsBefore(Number.POSITIVE_INFINITY, loop.node.body);
}
