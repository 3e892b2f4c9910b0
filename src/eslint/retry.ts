import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isRetryLoop, type RetryLoopFacts } from '../core/classify/retry.js';
import { walk } from './ast.js';
import { loopKind, type LoopStatement } from './loops.js';

/**
 * ESTree loop → `RetryLoopFacts` for `core/classify/retry`. The walk stays inside the loop's own
 * body: nested functions and nested loops belong to someone else.
 */
export function retryLoopFacts(loop: LoopStatement): RetryLoopFacts {
  const counterNames = new Set<string>();
  const conditionNames = new Set<string>();
  let hasTry = false;
  let tryExitsOnSuccess = false;
  let catchContinues = false;
  let catchRethrowsAlways = false;
  let counterUsedAsIndex = false;
  const subscripts = new Set<string>();

  const collectNames = (node: TSESTree.Node | null | undefined, into: Set<string>): void => {
    if (node == null) return;
    walk(node, (current) => {
      if (current.type === AST_NODE_TYPES.Identifier) into.add(current.name);
      return true;
    });
  };

  if (loop.type === AST_NODE_TYPES.ForStatement) {
    collectNames(loop.test, conditionNames);
    if (loop.update !== null) collectUpdated(loop.update, counterNames);
  } else if (loop.type === AST_NODE_TYPES.WhileStatement || loop.type === AST_NODE_TYPES.DoWhileStatement) {
    collectNames(loop.test, conditionNames);
  }

  walk(loop.body, (node) => {
    if (isFunctionOrLoop(node)) return false;
    collectUpdated(node, counterNames, true);
    if (node.type === AST_NODE_TYPES.MemberExpression && node.computed && node.property.type === AST_NODE_TYPES.Identifier) subscripts.add(node.property.name);
    if (node.type === AST_NODE_TYPES.TryStatement) {
      hasTry = true;
      if (containsJump(node.block, (jump) => jump.type === AST_NODE_TYPES.ReturnStatement || (jump.type === AST_NODE_TYPES.BreakStatement && jump.label === null))) tryExitsOnSuccess = true;
      if (node.handler !== null) {
        // The catch goes round again with `continue`, or by falling through to the loop's end;
        // one that always throws, returns or breaks never retries.
        const leaves = node.handler.body.body.some((statement) => statement.type === AST_NODE_TYPES.ThrowStatement || statement.type === AST_NODE_TYPES.ReturnStatement || (statement.type === AST_NODE_TYPES.BreakStatement && statement.label === null));
        if (leaves) catchRethrowsAlways = true;
        if (!leaves || containsJump(node.handler.body, (jump) => jump.type === AST_NODE_TYPES.ContinueStatement)) catchContinues = true;
      }
    }
    return true;
  });
  for (const name of counterNames) if (subscripts.has(name)) counterUsedAsIndex = true;
  const test = loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement ? null : loop.test;
  const comparesLength = test != null && containsMember(test, 'length');

  const bindingNames: string[] = [];
  if ((loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) && loop.left.type === AST_NODE_TYPES.VariableDeclaration) {
    for (const declarator of loop.left.declarations) if (declarator.id.type === AST_NODE_TYPES.Identifier) bindingNames.push(declarator.id.name);
  }
  return {
    loopKind: loopKind(loop),
    bindingNames,
    infinite: test === null ? loop.type === AST_NODE_TYPES.ForStatement : isAlwaysTrue(test),
    counterNames: [...counterNames],
    conditionNames: [...conditionNames],
    hasTry,
    tryExitsOnSuccess,
    catchContinues,
    catchRethrowsAlways,
    counterUsedAsIndex,
    iteratesCollection: loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement || counterUsedAsIndex || comparesLength,
  };
}

const cache = new WeakMap<TSESTree.Node, boolean>();

/** Is this loop statement a hand-written retry (SPEC §3 "retry construct")? Memoised per node. */
export function isHandWrittenRetryLoop(loop: LoopStatement): boolean {
  const hit = cache.get(loop);
  if (hit !== undefined) return hit;
  const result = isRetryLoop(retryLoopFacts(loop));
  cache.set(loop, result);
  return result;
}

function isAlwaysTrue(test: TSESTree.Expression): boolean {
  return (test.type === AST_NODE_TYPES.Literal && test.value === true) || (test.type === AST_NODE_TYPES.Literal && test.value === 1);
}

function collectUpdated(node: TSESTree.Node, into: Set<string>, shallow = false): void {
  const visit = (current: TSESTree.Node): boolean => {
    if (current.type === AST_NODE_TYPES.UpdateExpression && current.argument.type === AST_NODE_TYPES.Identifier) into.add(current.argument.name);
    if (current.type === AST_NODE_TYPES.AssignmentExpression && (current.operator === '+=' || current.operator === '-=') && current.left.type === AST_NODE_TYPES.Identifier) {
      into.add(current.left.name);
    }
    return !shallow;
  };
  if (shallow) visit(node);
  else walk(node, visit);
}

function isFunctionOrLoop(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return true;
    default:
      return false;
  }
}

function containsJump(node: TSESTree.Node, predicate: (node: TSESTree.Node) => boolean): boolean {
  let found = false;
  walk(node, (current) => {
    if (found || isFunctionOrLoop(current) || current.type === AST_NODE_TYPES.SwitchStatement) return false;
    if (predicate(current)) found = true;
    return !found;
  });
  return found;
}

function containsMember(node: TSESTree.Node, property: string): boolean {
  let found = false;
  walk(node, (current) => {
    if (current.type === AST_NODE_TYPES.MemberExpression && !current.computed && current.property.type === AST_NODE_TYPES.Identifier && current.property.name === property) found = true;
    return !found;
  });
  return found;
}
