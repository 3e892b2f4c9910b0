import { ts } from 'ts-morph';
import { isInlineCallbackMethod } from '../core/classify/code-context.js';
import { isFunctionNode, skipWrappers, type FunctionLikeNode } from './facts.js';

/**
 * The function code runs in: the innermost function around it, through the callbacks that run
 * while their function runs (`items.map(async (item) => …)`, `new Promise((resolve) => …)`). Any
 * other callback (a route handler, a listener) runs when whatever it is handed to calls it: it is
 * the function.
 */
export function functionAround(node: ts.Node): FunctionLikeNode | undefined {
  for (let current = node.parent as ts.Node | undefined; current !== undefined; current = current.parent) {
    if (isFunctionNode(current) && !isInlineCallback(current)) return current;
  }
  return undefined;
}

/** `new Promise((resolve, reject) => …)`, `items.map((item) => …)`: a callback that runs inside the function that passes it. */
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

/**
 * The name node callers reach a function by: a function declaration, a class method, the variable
 * or class field an arrow is assigned to. A member of an object literal (`resolve(…)` of a GraphQL
 * field, a handler in a route table) is called by whatever the object is handed to: no name to follow.
 */
export function callerNameOf(fn: FunctionLikeNode): ts.Identifier | ts.PrivateIdentifier | undefined {
  let name: ts.Node | undefined;
  if (ts.isFunctionDeclaration(fn) || (ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent))) name = fn.name;
  const holder = fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && (ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder)) && holder.initializer === fn) name = holder.name;
  return name !== undefined && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) ? name : undefined;
}

/** The call a use is the callee of: `populator.populate(…)`, `run(…)`, `service?.load!(…)`; undefined for a use as a value. */
export function callOf(use: ts.Node): ts.CallExpression | undefined {
  let current = use;
  while (ts.isParenthesizedExpression(current.parent) || ts.isNonNullExpression(current.parent) || ts.isAsExpression(current.parent)) current = current.parent;
  const parent = current.parent;
  return ts.isCallExpression(parent) && skipWrappers(parent.expression) === skipWrappers(current) ? parent : undefined;
}

/**
 * A name as used at run time, not declared, imported or named in a type: `run(…)`,
 * `this.populator.populate`, `{ handler: run }`, `export default run`, but not `typeof run`.
 */
export function isValueReference(node: ts.Identifier | ts.PrivateIdentifier | ts.StringLiteralLike): boolean {
  const parent = node.parent;
  if (ts.isStringLiteralLike(node)) return ts.isElementAccessExpression(parent) && parent.argumentExpression === node;
  if ((ts.isFunctionDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent) || ts.isPropertySignature(parent) || ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isParameter(parent) || ts.isClassDeclaration(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent)) && parent.name === node) return false;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isExportSpecifier(parent) || ts.isTypeReferenceNode(parent) || ts.isQualifiedName(parent)) return false;
  return !ts.isTypeQueryNode(parent);
}

/** The expression a use names the function by: the property access or element access it is the name of, else the name itself. */
export function usedExpression(node: ts.Node): ts.Node {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return parent;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return parent;
  return node;
}
