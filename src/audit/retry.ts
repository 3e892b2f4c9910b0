import { ts } from 'ts-morph';
import { isRetryLoop, type RetryLoopFacts } from '../core/classify/retry.js';
import type { LoopStatement } from './facts.js';

/**
 * TypeScript loop → `RetryLoopFacts` for `core/classify/retry`, as the ESLint side builds them
 * from ESTree: the walk stays inside the loop's own body (nested functions and loops excluded).
 */
export function retryLoopFacts(loop: LoopStatement): RetryLoopFacts {
  const counterNames = new Set<string>();
  const conditionNames = new Set<string>();
  const subscripts = new Set<string>();
  const facts = { hasTry: false, tryExitsOnSuccess: false, catchContinues: false, catchRethrowsAlways: false };

  const test = ts.isForStatement(loop) || ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? (ts.isForStatement(loop) ? loop.condition : loop.expression) : undefined;
  if (test !== undefined) identifiersIn(test, conditionNames);
  if (ts.isForStatement(loop) && loop.incrementor !== undefined) updatedIn(loop.incrementor, counterNames, false);

  const visit = (node: ts.Node): void => {
    if (isFunctionOrLoop(node)) return;
    updatedIn(node, counterNames, true);
    if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.argumentExpression)) subscripts.add(node.argumentExpression.text);
    if (ts.isTryStatement(node)) {
      facts.hasTry = true;
      if (containsJump(node.tryBlock, (jump) => ts.isReturnStatement(jump) || (ts.isBreakStatement(jump) && jump.label === undefined))) facts.tryExitsOnSuccess = true;
      const handler = node.catchClause;
      if (handler !== undefined) {
        const leaves = handler.block.statements.some((statement) => ts.isThrowStatement(statement) || ts.isReturnStatement(statement) || (ts.isBreakStatement(statement) && statement.label === undefined));
        if (leaves) facts.catchRethrowsAlways = true;
        if (!leaves || containsJump(handler.block, (jump) => ts.isContinueStatement(jump))) facts.catchContinues = true;
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
    counterUsedAsIndex,
    iteratesCollection: overItems || counterUsedAsIndex || (test !== undefined && readsLength(test)),
  };
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
