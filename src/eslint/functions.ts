import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { MIDDLEWARE_NEXT_PARAMS, MIDDLEWARE_REQUEST_PARAMS } from '../core/catalogs/auth.js';
import { isFunction, walk, type FunctionNode } from './ast.js';
import { localFunctionNamed, propertyName, skipWrappers } from './facts.js';

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

/**
 * Every place the file calls `fn`, when that is all its callers: a private (or `#`) method called as
 * `this.name(…)` (or on another instance of its class), or a function of the module that it does not export. Undefined when code in other
 * files may call it (exported, public), when it is used other than by a call (passed as a callback),
 * or when nothing in the file calls it.
 */
export function callSitesInFile(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node[] | undefined {
  const owner = fn.parent;
  let uses: TSESTree.Node[];
  if (owner.type === AST_NODE_TYPES.MethodDefinition || owner.type === AST_NODE_TYPES.PropertyDefinition) {
    const privateName = owner.key.type === AST_NODE_TYPES.PrivateIdentifier;
    if ((!privateName && owner.accessibility !== 'private') || owner.static || owner.computed) return undefined;
    const name = owner.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${owner.key.name}` : owner.key.type === AST_NODE_TYPES.Identifier ? owner.key.name : '';
    uses = [];
    const reach = { unseen: false };
    walk(owner.parent, (child) => {
      // `this.load()`, and `instance.load()` on another instance: a private member is reached only inside its class.
      if (child.type === AST_NODE_TYPES.MemberExpression && propertyName(child) === name) uses.push(child);
      // `(this as any)[name](…)`, `const { load } = this as Service`, `({ load } = this)`: reached in a way the walk cannot follow.
      if ((child.type === AST_NODE_TYPES.MemberExpression && child.computed && skipWrappers(child.object).type === AST_NODE_TYPES.ThisExpression) ||
        (child.type === AST_NODE_TYPES.VariableDeclarator && child.id.type === AST_NODE_TYPES.ObjectPattern && child.init != null && skipWrappers(child.init).type === AST_NODE_TYPES.ThisExpression) ||
        (child.type === AST_NODE_TYPES.AssignmentExpression && child.left.type === AST_NODE_TYPES.ObjectPattern && skipWrappers(child.right).type === AST_NODE_TYPES.ThisExpression)) reach.unseen = true;
      return !reach.unseen;
    });
    if (reach.unseen) return undefined;
  } else {
    const id = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : owner.type === AST_NODE_TYPES.VariableDeclarator && owner.id.type === AST_NODE_TYPES.Identifier ? owner.id : undefined;
    if (id == null || isExportedDeclaration(fn) || exportedByName(id.name, sourceCode)) return undefined;
    const variable = ASTUtils.findVariable(sourceCode.getScope(id), id.name);
    uses = (variable?.references ?? []).filter((reference) => reference.identifier !== id && reference.init !== true).map((reference) => reference.identifier as TSESTree.Node);
    if (uses.some((use) => isWithin(use, fn))) return undefined;
  }
  return uses.length > 0 && uses.every(isCalled) ? uses : undefined;
}

function isCalled(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && skipWrappers(parent.callee) === node;
}

/** Is `node` inside `ancestor` (or `ancestor` itself)? */
export function isWithin(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current != null; current = current.parent) if (current === ancestor) return true;
  return false;
}

function isExportedDeclaration(fn: FunctionNode): boolean {
  const statement = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent.parent;
  const parent = statement?.parent;
  return parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
}

/** `export { load }`, `export default load`. */
function exportedByName(name: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return sourceCode.ast.body.some((statement) =>
    (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.specifiers.some((specifier) => specifier.local.type === AST_NODE_TYPES.Identifier && specifier.local.name === name)) ||
    (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && statement.declaration.type === AST_NODE_TYPES.Identifier && statement.declaration.name === name));
}

/**
 * The function of this file a call runs: `helper(…)` declared here (held in a `const` only, with
 * `constOnly`), or `this.method(…)` of the enclosing class.
 */
export function localCallee(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>, constOnly = false): FunctionNode | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return localFunctionNamed(callee, sourceCode, constOnly);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = callee.property.name;
  for (let current: TSESTree.Node | undefined = call.parent; current != null; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.ClassBody) continue;
    const method = current.body.find((member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name);
    return method?.value.type === AST_NODE_TYPES.FunctionExpression ? method.value : undefined;
  }
  return undefined;
}

/**
 * A parameter (a plain name) of a function whose every caller is in this file ({@link callSitesInFile}: a module function it does not export, a private method), each passing a fixed
 * literal in its place: the value is one of those literals.
 */
export function receivesOnlyLiterals(parameter: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const fn = parameter.parent;
  if (fn == null || !isFunction(fn) || parameter.type !== AST_NODE_TYPES.Identifier) return false;
  // A TypeScript `this` parameter takes no argument.
  const params = fn.params.filter((param) => !(param.type === AST_NODE_TYPES.Identifier && param.name === 'this'));
  const index = params.indexOf(parameter);
  // Given another value in the body (`templateFile = locale + '/' + templateFile`): no longer the caller's literal.
  const variable = ASTUtils.findVariable(sourceCode.getScope(parameter), parameter.name);
  if (index === -1 || variable === null || variable.references.some((reference) => reference.isWrite())) return false;
  const sites = callSitesInFile(fn, sourceCode);
  return sites !== undefined && sites.every((site) => {
    const call = site.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.slice(0, index + 1).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return false;
    const argument = call.arguments[index];
    return argument !== undefined && isFixedLiteral(argument);
  });
}

/** A name bound to a parameter that every caller in the file gives a literal ({@link receivesOnlyLiterals}). */
export function isParameterGivenOnlyLiterals(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const definition = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name)?.defs[0];
  return definition?.type === TSESLint.Scope.DefinitionType.Parameter && receivesOnlyLiterals(definition.name, sourceCode);
}

/** A string or number literal, a template without values, or a choice between such (`a ? 'x' : b ? 'y' : ''`). */
export function isFixedLiteral(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' || typeof node.value === 'number';
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.expressions.length === 0;
  return node.type === AST_NODE_TYPES.ConditionalExpression && isFixedLiteral(node.consequent) && isFixedLiteral(node.alternate);
}
