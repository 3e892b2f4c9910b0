import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { MIDDLEWARE_NEXT_PARAMS, MIDDLEWARE_REQUEST_PARAMS } from '../core/catalogs/auth.js';
import { isFunction, type FunctionNode } from './ast.js';
import { propertyName } from './facts.js';

/** The nearest function around a node, or undefined at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (isFunction(current)) return current;
  }
  return undefined;
}

/**
 * The name a function is known by: its declaration name, the variable, property, class field or
 * method it is assigned to (`const requireAuth = (…) => …`, `canActivate() {…}`, `login = async () => …`).
 */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.id != null) return fn.id.name;
  const parent = fn.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : undefined;
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.Property:
      return parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : parent.key.type === AST_NODE_TYPES.Literal ? String(parent.key.value) : undefined;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.left.type === AST_NODE_TYPES.MemberExpression ? propertyName(parent.left) : parent.left.type === AST_NODE_TYPES.Identifier ? parent.left.name : undefined;
    default:
      return undefined;
  }
}

function paramName(param: TSESTree.Parameter | undefined): string | undefined {
  if (param === undefined) return undefined;
  const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  if (target.type === AST_NODE_TYPES.Identifier) return target.name.replace(/^_+/, '');
  if (target.type === AST_NODE_TYPES.AssignmentPattern && target.left.type === AST_NODE_TYPES.Identifier) return target.left.name.replace(/^_+/, '');
  return undefined;
}

/**
 * Is the function shaped like a request middleware or handler: `(req, res, next)`, `(ctx, next)`,
 * `(request, reply)`, `(c, next)`? Leading underscores are ignored (`(req, _res, next)`).
 */
export function isMiddlewareShaped(fn: FunctionNode): boolean {
  const first = paramName(fn.params[0]);
  const second = paramName(fn.params[1]);
  return first !== undefined && (MIDDLEWARE_REQUEST_PARAMS as readonly string[]).includes(first) && second !== undefined && (MIDDLEWARE_NEXT_PARAMS as readonly string[]).includes(second);
}
