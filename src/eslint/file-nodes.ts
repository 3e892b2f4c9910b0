import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, oncePerFile, walk, type FunctionNode } from './ast.js';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * The nodes of one file that the per-file indexes (layers, retried functions) are built from,
 * gathered on first use and shared by every rule, so a file is walked once however many rules
 * ask. In source order.
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

/** One step of ESLint's traversal of a file (`SourceCode#traverse()`, ESLint ≥ 9.7): `kind` 1 and `phase` 1 enter a node. */
interface TraversalStep {
  readonly kind: number;
  readonly phase?: number;
  readonly target: unknown;
}

/**
 * The file's nodes. Given the linted `SourceCode`, they are read from the traversal ESLint has
 * already computed and cached for the file before any rule runs (a flat list of enter and leave
 * steps, in the same visitor-key order as `walk`), instead of walking the tree again. That
 * traversal also enters type annotations, which `walk` skips; no call, class or function lives
 * under a type.
 */
export function fileNodes(source: TSESTree.Program | Readonly<TSESLint.SourceCode>): FileNodes {
  if (!('ast' in source)) return oncePerFile(perProgram, source, () => collect(source));
  const sourceCode: Readonly<TSESLint.SourceCode> & { traverse?: () => Iterable<TraversalStep> } = source;
  return oncePerFile(perProgram, sourceCode.ast, () => {
    const steps = typeof sourceCode.traverse === 'function' ? sourceCode.traverse() : undefined;
    return Array.isArray(steps) ? collectFromSteps(steps as readonly TraversalStep[]) : collect(sourceCode.ast);
  });
}

function collector(): { nodes: { calls: TSESTree.CallExpression[]; classes: ClassNode[]; decoratedMethods: TSESTree.MethodDefinition[]; functions: FunctionNode[] }; add: (node: TSESTree.Node) => void } {
  const nodes = { calls: [] as TSESTree.CallExpression[], classes: [] as ClassNode[], decoratedMethods: [] as TSESTree.MethodDefinition[], functions: [] as FunctionNode[] };
  const add = (node: TSESTree.Node): void => {
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
        nodes.calls.push(node);
        break;
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        nodes.classes.push(node);
        break;
      case AST_NODE_TYPES.MethodDefinition:
        if (node.decorators.length > 0) nodes.decoratedMethods.push(node);
        break;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (isFunction(node) && node.params.length > 0) nodes.functions.push(node);
        break;
      default:
        break;
    }
  };
  return { nodes, add };
}

function collectFromSteps(steps: readonly TraversalStep[]): FileNodes {
  const { nodes, add } = collector();
  for (let index = 0; index < steps.length; index += 1) {
    const step = steps[index];
    if (step !== undefined && step.kind === 1 && step.phase === 1) add(step.target as TSESTree.Node);
  }
  return nodes;
}

function collect(program: TSESTree.Program): FileNodes {
  const { nodes, add } = collector();
  walk(program, (node) => {
    add(node);
    return true;
  });
  return nodes;
}
