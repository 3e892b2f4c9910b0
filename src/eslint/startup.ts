import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { alwaysExits, isFunction, walk, type FunctionNode } from './ast.js';
import { isInlineCallbackMethod, isStartupConstructor, type ConstructorFacts } from '../core/classify/code-context.js';
import { startupFunctionOf } from './code-context.js';
import { dottedName, propertyName, skipWrappers } from './facts.js';
import { callSitesInFile, enclosingFunction, functionName, isWithin } from './functions.js';
import { decoratorNames } from './layers.js';

/**
 * Code that runs once, before or outside the requests a server answers, beyond what
 * `outsideRequestPath` names by itself: a class's constructor and static blocks (services,
 * controllers and middleware are singletons built at start-up), a lazy one-time initialisation
 * (`if (!cached) cached = load()`, `template ??= read()`), and a private method or an unexported
 * function whose every call in the file comes from such code (`private loadFiles()` called from
 * `onModuleInit`). Rules whose premise is "this runs on every request" ask `runsOnceAtStartup`.
 */
export function runsOnceAtStartup(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  return startupReason(node, sourceCode, 0);
}

/**
 * Code that runs once while the application starts, for rules that exempt start-up work: what
 * {@link runsOnceAtStartup} says, reached through a Promise executor or an array callback, except a
 * lazy initialisation (it runs inside the first request that needs it), a field initialiser (it runs
 * wherever the object is built) and a constructor that is not a component's
 * ({@link isStartupConstructor}: a DI component or one that reads its configuration, not a value
 * object built per request). 'module top level' is returned as such; each rule decides on it.
 */
export function runsAtApplicationStart(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  let anchor: TSESTree.Node = node;
  for (let fn = enclosingFunction(node); fn !== undefined && isInlineCallback(fn); fn = enclosingFunction(fn)) anchor = fn;
  const reason = runsOnceAtStartup(anchor, sourceCode);
  if (reason === undefined || reason === 'lazy one-time initialisation' || reason === 'class field initialiser') return undefined;
  if (reason !== 'constructor') return reason;
  let constructor = enclosingFunction(anchor);
  while (constructor !== undefined && !(constructor.parent.type === AST_NODE_TYPES.MethodDefinition && constructor.parent.kind === 'constructor')) constructor = enclosingFunction(constructor);
  return constructor !== undefined && isStartupConstructor(constructorFacts(constructor, sourceCode)) ? reason : undefined;
}

function constructorFacts(constructor: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): ConstructorFacts {
  const cls = constructor.parent.parent?.parent;
  const classDecorators = cls?.type === AST_NODE_TYPES.ClassDeclaration || cls?.type === AST_NODE_TYPES.ClassExpression ? decoratorNames(cls.decorators) : [];
  const parameters = constructor.params.flatMap((param) => {
    const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const id = target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target;
    if (id.type !== AST_NODE_TYPES.Identifier) return [];
    const type = id.typeAnnotation === undefined ? '' : sourceCode.getText(id.typeAnnotation.typeAnnotation);
    return [{ name: id.name, type, decorators: decoratorNames([...param.decorators, ...(param === target ? [] : target.decorators)]) }];
  });
  return { classDecorators, parameters };
}

/** `new Promise((resolve, reject) => …)`, `items.forEach((item) => …)`: a callback that runs inside the function that passes it. */
export function isInlineCallback(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.NewExpression) return parent.arguments[0] === fn && dottedName(parent.callee) === 'Promise';
  if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.some((argument) => argument === fn)) return false;
  const callee = skipWrappers(parent.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier && isInlineCallbackMethod(callee.property.name);
}

const MAX_CALL_DEPTH = 3;

function startupReason(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): string | undefined {
  let child: TSESTree.Node = node;
  for (let current: TSESTree.Node | undefined = node.parent; current != null; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.StaticBlock) return 'static initialisation block';
    if (current.type === AST_NODE_TYPES.PropertyDefinition && current.value === child && !isFunction(child)) return 'class field initialiser';
    if (current.type === AST_NODE_TYPES.AssignmentExpression && (current.operator === '??=' || current.operator === '||=') && current.right === child && outlivesTheCall(current.left, sourceCode)) return 'lazy one-time initialisation';
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && isLazyInitialisation(current, sourceCode)) return 'lazy one-time initialisation';
    if (current.type === AST_NODE_TYPES.BlockStatement && isFunction(current.parent) && afterOneTimeGuard(current, child, sourceCode)) return 'lazy one-time initialisation';
    // `cache ?? (cache = read())`, `cache || (cache = read())`.
    if (current.type === AST_NODE_TYPES.AssignmentExpression && current.operator === '=' && current.right === child && isCachedBy(current, sourceCode)) return 'lazy one-time initialisation';
    if (!isFunction(current)) continue;
    const fn = current;
    if (fn.parent.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor') return 'constructor';
    const startup = startupFunctionOf(fn, sourceCode);
    if (startup !== undefined) return startup;
    const name = functionName(fn);
    // A callback passed inline runs when its caller says; only named functions can be followed.
    if (depth < MAX_CALL_DEPTH && calledOnlyAtStartup(fn, sourceCode, depth)) return `'${name ?? 'function'}' is called only at start-up`;
    if (!isIteratingCallback(fn)) return undefined;
  }
  return 'module top level';
}

/** `arr.forEach((x) => …)` / `reduce`: the callback runs where its caller runs. */
function isIteratingCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((arg) => arg === fn)) return false;
  const callee = skipWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && /^(?:forEach|map|flatMap|filter|reduce|some|every|find)$/.test(propertyName(callee));
}

function isCachedBy(assignment: TSESTree.AssignmentExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const logical = assignment.parent;
  return logical.type === AST_NODE_TYPES.LogicalExpression && (logical.operator === '??' || logical.operator === '||') && logical.right === assignment && sourceCode.getText(logical.left) === sourceCode.getText(assignment.left) && outlivesTheCall(assignment.left, sourceCode);
}

/**
 * Storage that keeps its value from one call to the next, so filling it when empty happens once: a
 * member of `this`, of a module-level name or of a global (`this.template`, `Client.instance`,
 * `globalThis.__client`), or a variable declared outside the function that fills it. A local `let item` filled by a fallback
 * (`if (!item) item = await findDeleted(id)`) is empty again on the next call.
 */
function outlivesTheCall(target: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let root = skipWrappers(target);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = ASTUtils.findVariable(sourceCode.getScope(root), root.name)?.defs[0];
  // A global (`globalThis.__client`) is shared by every call.
  if (definition === undefined) return true;
  let fn: TSESTree.Node | undefined = target.parent;
  while (fn != null && !isFunction(fn)) fn = fn.parent;
  return fn == null || !isWithin(definition.node, fn);
}

/**
 * `if (Client.instance) return; … Client.instance = new Client(); …`: a function body whose earlier
 * statement leaves when the storage is already filled, and which fills it. Everything after that
 * guard runs once (a singleton's start, a one-time set-up).
 */
function afterOneTimeGuard(body: TSESTree.BlockStatement, child: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const index = body.body.indexOf(child as TSESTree.Statement);
  for (const [position, statement] of body.body.slice(0, Math.max(index, 0)).entries()) {
    if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate !== null || !alwaysExits(statement.consequent)) continue;
    const target = filledTarget(statement.test);
    if (target === undefined || !outlivesTheCall(target, sourceCode)) continue;
    const text = sourceCode.getText(target);
    const fills = body.body.slice(position + 1).some((later) => {
      const expression = later.type === AST_NODE_TYPES.ExpressionStatement ? skipWrappers(later.expression) : undefined;
      // A flag set to a literal (`this.running = true`) is a lock taken per call, not a value kept.
      return expression?.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=' && sourceCode.getText(expression.left) === text && skipWrappers(expression.right).type !== AST_NODE_TYPES.Literal;
    });
    let writes = 0;
    walk(body, (node) => {
      if (node.type === AST_NODE_TYPES.AssignmentExpression && sourceCode.getText(node.left) === text) writes += 1;
      return true;
    });
    // Written once in the function: one that empties it again (`finally { this.current = undefined }`) runs the body per call.
    if (fills && writes === 1) return true;
  }
  return false;
}

/** The storage a guard tests for being filled: `x`, `this.x`, `x != null`, `x !== undefined`. */
function filledTarget(test: TSESTree.Expression): TSESTree.Node | undefined {
  const expression = skipWrappers(test);
  let target: TSESTree.Node | undefined;
  if (expression.type === AST_NODE_TYPES.BinaryExpression && ['!==', '!='].includes(expression.operator)) {
    const right = skipWrappers(expression.right);
    if ((right.type === AST_NODE_TYPES.Identifier && right.name === 'undefined') || (right.type === AST_NODE_TYPES.Literal && right.value === null)) target = skipWrappers(expression.left);
  } else target = expression;
  return target !== undefined && (target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression) ? target : undefined;
}

/** `if (!this.template) { this.template = read() }`, `if (cache === undefined) cache = load()`: the branch runs once. */
function isLazyInitialisation(statement: TSESTree.IfStatement, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const test = skipWrappers(statement.test);
  let target: TSESTree.Node | undefined;
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') target = skipWrappers(test.argument);
  else if (test.type === AST_NODE_TYPES.BinaryExpression && ['===', '=='].includes(test.operator)) {
    const right = skipWrappers(test.right);
    if ((right.type === AST_NODE_TYPES.Identifier && right.name === 'undefined') || (right.type === AST_NODE_TYPES.Literal && right.value === null)) target = skipWrappers(test.left);
  }
  if (target === undefined || (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.MemberExpression) || !outlivesTheCall(target, sourceCode)) return false;
  const text = sourceCode.getText(target);
  let assigned = false;
  walk(statement.consequent, (child) => {
    if (assigned) return false;
    if (child.type === AST_NODE_TYPES.AssignmentExpression && sourceCode.getText(child.left) === text) assigned = true;
    return !isFunction(child);
  });
  return assigned;
}

/**
 * A private (or `#`) method, or a function of the module that it does not export, called in the
 * file only from start-up code. Used by name anywhere else (passed as a callback, exported) it may
 * run for requests: then it is not.
 */
function calledOnlyAtStartup(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  const calls = callSitesInFile(fn, sourceCode);
  return calls !== undefined && calls.every((call) => startupReason(call, sourceCode, depth + 1) !== undefined);
}
