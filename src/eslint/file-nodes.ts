import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, oncePerFile, walk, type FunctionNode } from './ast.js';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * The nodes of one file that the per-file indexes (layers, retried functions) are built from,
 * gathered by a single walk on first use and shared by every rule, so a file is walked once
 * however many rules ask. In source order.
 */
export interface FileNodes {
  readonly calls: readonly TSESTree.CallExpression[];
  readonly classes: readonly ClassNode[];
  /** Methods carrying at least one decorator. */
  readonly decoratedMethods: readonly TSESTree.MethodDefinition[];
  /** Functions with at least one parameter (declarations, expressions, arrows). */
  readonly functions: readonly FunctionNode[];
}

const perProgram = new WeakMap<TSESTree.Program, FileNodes>();

export function fileNodes(program: TSESTree.Program): FileNodes {
  return oncePerFile(perProgram, program, () => collect(program));
}

function collect(program: TSESTree.Program): FileNodes {
  const calls: TSESTree.CallExpression[] = [];
  const classes: ClassNode[] = [];
  const decoratedMethods: TSESTree.MethodDefinition[] = [];
  const functions: FunctionNode[] = [];
  walk(program, (node) => {
    if (isFunction(node) && node.params.length > 0) functions.push(node);
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
        calls.push(node);
        break;
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        classes.push(node);
        break;
      case AST_NODE_TYPES.MethodDefinition:
        if (node.decorators.length > 0) decoratedMethods.push(node);
        break;
      default:
        break;
    }
    return true;
  });
  return { calls, classes, decoratedMethods, functions };
}
