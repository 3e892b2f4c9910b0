import { ts } from 'ts-morph';
import { isRetryLoop, type RetryLoopFacts } from '../core/classify/retry.js';
import { chainNames, skipWrappers, type LoopStatement } from './facts.js';

/**
 * TypeScript loop → `RetryLoopFacts` for `core/classify/retry`, as the ESLint side builds them
 * from ESTree: the walk stays inside the loop's own body (nested functions and loops excluded).
 */
export function retryLoopFacts(loop: LoopStatement): RetryLoopFacts {
  const counterNames = new Set<string>();
  const conditionNames = new Set<string>();
  const subscripts = new Set<string>();
  const facts = { hasTry: false, tryExitsOnSuccess: false, tryAlwaysExits: false, catchContinues: false, catchRethrowsAlways: false };
  const catchReads = new Set<string>();
  const catchSteps = new Set<string>();
  const catchFilterWords: string[] = [];
  const topStatements: readonly ts.Statement[] = ts.isBlock(loop.statement) ? loop.statement.statements : [loop.statement];
  const tries = { nested: false };

  const test = ts.isForStatement(loop) || ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? (ts.isForStatement(loop) ? loop.condition : loop.expression) : undefined;
  if (test !== undefined) identifiersIn(test, conditionNames);
  if (ts.isForStatement(loop) && loop.incrementor !== undefined) updatedIn(loop.incrementor, counterNames, false);

  const visit = (node: ts.Node): void => {
    if (isFunctionOrLoop(node)) return;
    updatedIn(node, counterNames, true);
    if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.argumentExpression)) subscripts.add(node.argumentExpression.text);
    if (ts.isTryStatement(node)) {
      facts.hasTry = true;
      if (!topStatements.includes(node)) tries.nested = true;
      if (containsJump(node.tryBlock, (jump) => ts.isReturnStatement(jump) || (ts.isBreakStatement(jump) && jump.label === undefined))) facts.tryExitsOnSuccess = true;
      if (alwaysLeaves(node.tryBlock)) facts.tryAlwaysExits = true;
      const handler = node.catchClause;
      if (handler !== undefined) {
        // The catch goes round again with `continue`, or by falling through to the loop's end; one that always throws, returns or breaks never retries.
        const leaves = handler.block.statements.some((statement) => ts.isThrowStatement(statement) || ts.isReturnStatement(statement) || (ts.isBreakStatement(statement) && statement.label === undefined));
        const continues = containsJump(handler.block, (jump) => ts.isContinueStatement(jump));
        if (leaves && !continues) facts.catchRethrowsAlways = true;
        if (!leaves || continues) facts.catchContinues = true;
        collectCatchFacts(handler.block, catchReads, catchFilterWords);
        const stepped = new Set<string>();
        updatedIn(handler.block, stepped, false);
        const handedOn = awaitedArgumentNames(node.tryBlock);
        for (const name of stepped) if (handedOn.has(name)) catchSteps.add(name);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(loop.statement);
  const counterUsedAsIndex = [...counterNames].some((name) => subscripts.has(name));
  const bindingNames: string[] = [];
  if ((ts.isForOfStatement(loop) || ts.isForInStatement(loop)) && ts.isVariableDeclarationList(loop.initializer)) {
    for (const declaration of loop.initializer.declarations) if (ts.isIdentifier(declaration.name)) bindingNames.push(declaration.name.text);
  }
  const overItems = ts.isForOfStatement(loop) || ts.isForInStatement(loop);
  return {
    loopKind: ts.isForStatement(loop) ? 'for' : ts.isForInStatement(loop) ? 'for-in' : ts.isForOfStatement(loop) ? (loop.awaitModifier === undefined ? 'for-of' : 'for-await-of') : ts.isWhileStatement(loop) ? 'while' : 'do-while',
    bindingNames,
    infinite: test === undefined ? ts.isForStatement(loop) : test.kind === ts.SyntaxKind.TrueKeyword || (ts.isNumericLiteral(test) && test.text === '1'),
    counterNames: [...counterNames],
    conditionNames: [...conditionNames],
    ...facts,
    tryAtTopLevel: !tries.nested || topStatements.some((statement) => ts.isTryStatement(statement)),
    testAssigns: test !== undefined && containsAssignment(test),
    freshValues: freshValuesBeforeTry(topStatements),
    catchReads: [...catchReads],
    catchSteps: [...catchSteps],
    catchFilterWords,
    counterUsedAsIndex,
    iteratesCollection: overItems || counterUsedAsIndex || (test !== undefined && readsLength(test)),
  };
}

/** Does every path through a block end in `return`, `throw` or an unlabelled `break`? (As `src/eslint/retry.ts`.) */
function alwaysLeaves(node: ts.Node | undefined): boolean {
  if (node === undefined) return false;
  if (ts.isReturnStatement(node) || ts.isThrowStatement(node)) return true;
  if (ts.isBreakStatement(node)) return node.label === undefined;
  if (ts.isBlock(node)) return node.statements.some((statement) => alwaysLeaves(statement));
  if (ts.isIfStatement(node)) return alwaysLeaves(node.thenStatement) && alwaysLeaves(node.elseStatement);
  return false;
}

function containsAssignment(node: ts.Node): boolean {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if (ts.isFunctionLike(node)) return false;
  return ts.forEachChild(node, containsAssignment) ?? false;
}

/**
 * `const port = await getAvailablePort()` before the `try` (or first in it), then used in it: the
 * value the round tries, with the name of the function that produced it (as `src/eslint/retry.ts`).
 */
function freshValuesBeforeTry(statements: readonly ts.Statement[]): { name: string; from: string; inTry?: boolean }[] {
  const tryIndex = statements.findIndex((statement) => ts.isTryStatement(statement));
  const tryStatement = statements[tryIndex];
  if (tryStatement === undefined || !ts.isTryStatement(tryStatement)) return [];
  const usedInTry = new Set<string>();
  identifiersIn(tryStatement.tryBlock, usedInTry);
  const inner = tryStatement.tryBlock.statements;
  const firstOther = inner.findIndex((statement) => !ts.isVariableStatement(statement));
  const head = firstOther === -1 ? [...inner] : inner.slice(0, firstOther);
  const values: { name: string; from: string; inTry?: boolean }[] = [];
  for (const statement of [...statements.slice(0, tryIndex), ...head]) {
    if (!ts.isVariableStatement(statement)) continue;
    const inTry = head.includes(statement);
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.initializer === undefined || !usedInTry.has(declaration.name.text)) continue;
      let init = skipWrappers(declaration.initializer);
      if (ts.isAwaitExpression(init)) init = skipWrappers(init.expression);
      if (!ts.isCallExpression(init)) continue;
      const names = chainNames(init.expression);
      values.push({ name: declaration.name.text, from: names[names.length - 1] ?? '', ...(inTry ? { inTry: true } : {}) });
    }
  }
  return values;
}

/** The names inside the arguments of the calls a block awaits, nested functions aside (as `src/eslint/retry.ts`). */
function awaitedArgumentNames(block: ts.Block): Set<string> {
  const names = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, collect);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isAwaitExpression(node)) {
      const awaited = skipWrappers(node.expression);
      if (ts.isCallExpression(awaited)) for (const arg of awaited.arguments) collect(arg);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(block, visit);
  return names;
}

/** Methods that rule a failed candidate out (`tried.add(port)`, `excluded.push(host)`). */
const EXCLUDING_METHODS: ReadonlySet<string> = new Set(['add', 'push', 'delete', 'remove', 'exclude', 'set']);

/**
 * What the `catch` does with values and errors: identifiers it passes to calls that rule a value out
 * or assigns from, and the words of its error tests (as `src/eslint/retry.ts`).
 */
function collectCatchFacts(body: ts.Block, reads: Set<string>, filterWords: string[]): void {
  const words = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) filterWords.push(node.text);
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node)) filterWords.push(node.text);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, words);
  };
  const identifiers = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) reads.add(node.text);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, identifiers);
  };
  const visit = (node: ts.Node): void => {
    if (isFunctionOrLoop(node)) return;
    if (ts.isIfStatement(node)) words(node.expression);
    else if (ts.isConditionalExpression(node)) words(node.condition);
    else if (ts.isSwitchStatement(node)) {
      words(node.expression);
      for (const clause of node.caseBlock.clauses) if (ts.isCaseClause(clause)) words(clause.expression);
    } else if (ts.isCallExpression(node)) {
      const callee = skipWrappers(node.expression);
      if (ts.isPropertyAccessExpression(callee) && EXCLUDING_METHODS.has(callee.name.text)) {
        for (const arg of node.arguments) if (ts.isIdentifier(arg)) reads.add(arg.text);
      }
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      identifiers(node.right);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
}

/** Is this loop statement a hand-written retry (SPEC §3 "retry construct")? */
export function isHandWrittenRetryLoop(loop: LoopStatement): boolean {
  return isRetryLoop(retryLoopFacts(loop));
}

function identifiersIn(node: ts.Node, into: Set<string>): void {
  if (ts.isIdentifier(node)) into.add(node.text);
  ts.forEachChild(node, (child) => {
    identifiersIn(child, into);
  });
}

function updatedIn(node: ts.Node, into: Set<string>, shallow: boolean): void {
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) && ts.isIdentifier(node.operand)) {
    into.add(node.operand.text);
  }
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken || node.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken) && ts.isIdentifier(node.left)) {
    into.add(node.left.text);
  }
  if (!shallow) {
    ts.forEachChild(node, (child) => {
      updatedIn(child, into, false);
    });
  }
}

function isFunctionOrLoop(node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);
}

function containsJump(node: ts.Node, predicate: (node: ts.Node) => boolean): boolean {
  let found = false;
  const visit = (current: ts.Node): void => {
    if (found || isFunctionOrLoop(current) || ts.isSwitchStatement(current)) return;
    if (predicate(current)) {
      found = true;
      return;
    }
    ts.forEachChild(current, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

function readsLength(node: ts.Node): boolean {
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'length') return true;
  return ts.forEachChild(node, readsLength) ?? false;
}
