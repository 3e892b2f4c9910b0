import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { ERROR_DISCRIMINANT_PATHS } from '../core/catalogs/errors.js';
import {
  isClientFacingDiscriminant,
  isClientFacingMessageTest,
  isDomainErrorClass,
  isErrorClassName,
  isFrameworkHttpErrorName,
  isInfrastructureErrorPackage,
  isValidationErrorClassName,
  type ErrorClassFacts,
} from '../core/classify/errors.js';
import { packageNameOf } from '../core/classify/names.js';
import type { DeclaredIn } from '../core/facts.js';
import type { BackendPatternsSettings } from '../core/settings.js';
import { alwaysExits, isNullish, oncePerFile } from './ast.js';
import { dottedName, skipWrappers } from './facts.js';
import { packageOfFile, type TypedContext } from './typed.js';
import { tsApi } from './typescript.js';

/**
 * ESTree → error facts. Which error classes a file can see (declared in it, or imported), which
 * values are a received error (a caught value, an error callback's parameter), and where such a
 * value has been narrowed to a domain error. The judgement itself is `core/classify/errors.ts`.
 */

export interface VisibleErrorClass {
  /** Local name, as code in this file writes it. */
  readonly name: string;
  /** Number of known superclasses: a subclass sorts before its base. */
  readonly depth: number;
  /** Source position of its declaration or import. */
  readonly order: number;
}

export interface ErrorClassIndex {
  /** Facts about a class name as written in this file (`NotFoundError`, `errors.NotFound`), or undefined when nothing is known. */
  facts(name: string): ErrorClassFacts | undefined;
  /** `true` / `false` when the class is known to be / not to be a domain error; undefined when unknown. */
  isDomain(name: string): boolean | undefined;
  /** Domain error classes visible in the file that can be constructed, most specific first. */
  readonly visible: readonly VisibleErrorClass[];
}

interface DeclaredClass {
  readonly superName: string | undefined;
  readonly abstract: boolean;
  readonly node: TSESTree.ClassDeclaration;
}

interface ImportedName {
  readonly imported: string;
  readonly source: string;
  readonly node: TSESTree.Identifier;
}

const indexes = new WeakMap<TSESTree.Program, ErrorClassIndex>();

/** The error classes of this file, built once per file. */
export function errorClassIndex(sourceCode: Readonly<TSESLint.SourceCode>, settings: BackendPatternsSettings, typed: TypedContext | undefined): ErrorClassIndex {
  return oncePerFile(indexes, sourceCode.ast, () => buildIndex(sourceCode.ast, settings, typed));
}

function buildIndex(program: TSESTree.Program, settings: BackendPatternsSettings, typed: TypedContext | undefined): ErrorClassIndex {
  const declared = new Map<string, DeclaredClass>();
  const imported = new Map<string, ImportedName>();
  for (const statement of program.body) {
    const inner = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if (inner?.type === AST_NODE_TYPES.ClassDeclaration && inner.id !== null) {
      const superName = inner.superClass === null ? undefined : dottedName(inner.superClass) || undefined;
      declared.set(inner.id.name, { superName, abstract: inner.abstract, node: inner });
    }
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.importKind !== 'type') {
      for (const specifier of statement.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') continue;
        const importedName = specifier.type === AST_NODE_TYPES.ImportSpecifier ? (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value) : specifier.local.name;
        imported.set(specifier.local.name, { imported: importedName, source: statement.source.value, node: specifier.local });
      }
    }
  }

  const typedFacts = (node: TSESTree.Node): ErrorClassFacts | undefined => {
    if (typed === undefined) return undefined;
    const tsNode = typed.services.esTreeNodeToTSNodeMap.get(node);
    let symbol = typed.checker.getSymbolAtLocation(tsNode);
    if (symbol !== undefined && (symbol.flags & tsApi().SymbolFlags.Alias) !== 0) symbol = typed.checker.getAliasedSymbol(symbol);
    if (symbol === undefined || (symbol.flags & tsApi().SymbolFlags.Class) === 0) return undefined;
    return classFactsOfType(typed, typed.checker.getDeclaredTypeOfSymbol(symbol));
  };

  const untypedFacts = (name: string, seen: Set<string>): ErrorClassFacts | undefined => {
    const root = name.split('.')[0] ?? name;
    const own = declared.get(name);
    if (own !== undefined) {
      if (own.superName === undefined) return { name, superClasses: [] };
      if (seen.has(own.superName)) return { name, superClasses: [own.superName] };
      seen.add(name);
      const parent = untypedFacts(own.superName, seen);
      if (parent === undefined) return { name, superClasses: [own.superName], superClassesKnown: false };
      const known = parent.superClassesKnown;
      return { name, superClasses: [parent.name, ...parent.superClasses], ...(known === undefined ? {} : { superClassesKnown: known }) };
    }
    const fromImport = imported.get(root);
    if (fromImport !== undefined) {
      const packageName = packageNameOf(fromImport.source);
      const className = name === root ? fromImport.imported : name;
      return { name: className, superClasses: [], superClassesKnown: false, ...(packageName === undefined ? {} : { declaredIn: { package: packageName } }) };
    }
    // A global or a namespace member (`errors.NotFound`): its name is all there is.
    return isErrorClassName(name) || isFrameworkHttpErrorName(name) ? { name, superClasses: [], superClassesKnown: false } : undefined;
  };

  const nodeOf = (name: string): TSESTree.Node | undefined => declared.get(name)?.node.id ?? imported.get(name)?.node;

  const facts = (name: string): ErrorClassFacts | undefined => {
    const node = nodeOf(name);
    const viaTypes = node === undefined ? undefined : typedFacts(node);
    return viaTypes ?? untypedFacts(name, new Set());
  };

  const isDomain = (name: string): boolean | undefined => {
    const known = facts(name);
    return known === undefined ? undefined : isDomainErrorClass(known, settings);
  };

  const visible: VisibleErrorClass[] = [];
  for (const [name, cls] of declared) {
    const known = facts(name);
    if (!cls.abstract && known !== undefined && isDomainErrorClass(known, settings)) visible.push({ name, depth: known.superClasses.length, order: cls.node.range[0] });
  }
  for (const [name, entry] of imported) {
    const known = facts(name);
    if (known !== undefined && /^[A-Z]/.test(name) && isErrorClassName(known.name) && isDomainErrorClass(known, settings)) {
      visible.push({ name, depth: known.superClasses.length, order: entry.node.range[0] });
    }
  }
  visible.sort((a, b) => b.depth - a.depth || a.order - b.order);
  return { facts, isDomain, visible };
}

/** Error facts of a class or instance type (typed mode): its chain and the package declaring it. */
export function classFactsOfType(typed: TypedContext, type: ts.Type): ErrorClassFacts | undefined {
  const chain = typed.classChain(type);
  const [name, ...superClasses] = chain;
  if (name === undefined) return undefined;
  const declaration = type.getSymbol()?.declarations?.[0];
  const sourceFile = declaration?.getSourceFile();
  const packageName = sourceFile === undefined ? undefined : packageOfFile(sourceFile.fileName, typed.services.program, sourceFile);
  const declaredIn: DeclaredIn | undefined = sourceFile === undefined ? undefined : { ...(packageName === undefined ? {} : { package: packageName }), fileName: sourceFile.fileName };
  return { name, superClasses, ...(declaredIn === undefined ? {} : { declaredIn }), ...(extendsUnresolvedBase(typed, type) ? { superClassesKnown: false } : {}) };
}

/** The class's base chain runs into a class the program cannot resolve (an uninstalled package's): the chain is not known. */
function extendsUnresolvedBase(typed: TypedContext, type: ts.Type): boolean {
  let current: ts.Type = type;
  for (let guard = 0; guard < 32; guard += 1) {
    if (!current.isClassOrInterface()) return false;
    const [base] = typed.checker.getBaseTypes(current);
    // An `extends` whose base resolves to nothing leaves no base type at all.
    if (base === undefined) return current.getSymbol()?.declarations?.some((declaration) => tsApi().isClassLike(declaration) && declaration.heritageClauses?.some((clause) => clause.token === tsApi().SyntaxKind.ExtendsKeyword)) === true;
    if ((base.flags & tsApi().TypeFlags.Any) !== 0) return true;
    current = base;
  }
  return false;
}

/** `true` when typed linting proves the value at `node` is a domain error (every member of a union). */
export function typeIsDomainError(typed: TypedContext, node: TSESTree.Node, settings: BackendPatternsSettings): boolean {
  const type = typed.typeOf(node);
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((part) => {
    if ((part.flags & (tsApi().TypeFlags.Any | tsApi().TypeFlags.Unknown | tsApi().TypeFlags.Never)) !== 0) return false;
    const facts = classFactsOfType(typed, part);
    return facts !== undefined && isDomainErrorClass(facts, settings);
  });
}

const ERROR_PARAMETER_NAMES: ReadonlySet<string> = new Set(['err', 'error', 'e', 'ex', 'exc', 'exception', 'cause', 'reason']);
const ERROR_CALLBACK_METHODS: ReadonlySet<string> = new Set(['catch', 'setErrorHandler', 'onError', 'catchError', 'errorHandler']);

/**
 * `true` when `identifier` holds an error the code received rather than made: the parameter of a
 * `catch` clause; the first parameter of a `.catch(…)` / `.then(_, …)` callback, of a Fastify
 * `setErrorHandler` / Hono `onError` handler, of an Express error middleware
 * `(err, req, res, next)`, of a NestJS exception filter's `catch(exception, host)`, or of a
 * Node-style callback `(err, result) => …`; or a variable only ever assigned such values
 * (`lastError = err`).
 */
export function isReceivedError(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
  const definition = variable?.defs[0];
  if (variable === null || definition === undefined) return false;
  switch (definition.type) {
    case TSESLint.Scope.DefinitionType.CatchClause:
      return true;
    case TSESLint.Scope.DefinitionType.Parameter: {
      const fn = definition.node;
      if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration) return false;
      const first = fn.params[0];
      const firstName = first?.type === AST_NODE_TYPES.Identifier ? first : first?.type === AST_NODE_TYPES.AssignmentPattern && first.left.type === AST_NODE_TYPES.Identifier ? first.left : undefined;
      if (firstName?.name !== identifier.name) return false;
      return isErrorCallback(fn, firstName.name);
    }
    case TSESLint.Scope.DefinitionType.Variable: {
      if (depth > 2) return false;
      const writes = variable.references.filter((reference) => reference.writeExpr != null);
      const assigned = writes.map((reference) => reference.writeExpr).filter((value): value is TSESTree.Expression => value != null);
      if (assigned.length === 0) return false;
      return assigned.every((value) => {
        const expression = skipWrappers(value);
        if (expression.type === AST_NODE_TYPES.Identifier) return expression.name === 'undefined' || isReceivedError(expression, sourceCode, depth + 1);
        return expression.type === AST_NODE_TYPES.Literal && expression.value === null;
      }) && assigned.some((value) => skipWrappers(value).type === AST_NODE_TYPES.Identifier && (skipWrappers(value) as TSESTree.Identifier).name !== 'undefined');
    }
    default:
      return false;
  }
}

function isErrorCallback(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration, firstName: string): boolean {
  const errorNamed = ERROR_PARAMETER_NAMES.has(firstName) || /(?:Error|Err|Exception)$/.test(firstName);
  // Express error middleware: four parameters, the error first.
  if (fn.params.length === 4 && errorNamed) return true;
  const parent = fn.parent;
  // `const onConnectionError = (err) => …` / `const connectionErrorHandler = (err) => …`, later handed to `.on('error', …)`.
  if (errorNamed && parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier && /(?:^on[A-Z]\w*Error|Error(?:Handler|Listener|Callback|Cb))$/.test(parent.id.name)) return true;
  if (parent.type === AST_NODE_TYPES.MethodDefinition && fn.type === AST_NODE_TYPES.FunctionExpression) {
    // NestJS ExceptionFilter: `catch(exception, host)`.
    return !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier && parent.key.name === 'catch';
  }
  if (parent.type !== AST_NODE_TYPES.CallExpression || fn.type === AST_NODE_TYPES.FunctionDeclaration) return false;
  const argumentIndex = parent.arguments.indexOf(fn);
  if (argumentIndex === -1) return false;
  const callee = skipWrappers(parent.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : callee.type === AST_NODE_TYPES.Identifier ? callee.name : '';
  if (ERROR_CALLBACK_METHODS.has(method)) return argumentIndex === 0 || method !== 'catch';
  if (method === 'then') return argumentIndex === 1;
  // Node-style callback: the last argument, its first parameter named like an error.
  return errorNamed && argumentIndex === parent.arguments.length - 1 && fn.params.length >= 1;
}

/**
 * `true` when a test narrows `name` to a domain error when it holds: `name instanceof AppError`,
 * a type guard `isAppError(name)` / `isHttpError(name)` / `Boom.isBoom(name)`, or a conjunction
 * containing one. A validation error class (`instanceof ValidationError`, `ZodError`) counts too:
 * its message describes the refused input and is written for the client.
 */
function assertsDomain(test: TSESTree.Node, name: string, index: ErrorClassIndex): boolean {
  const expression = skipWrappers(test);
  if (expression.type === AST_NODE_TYPES.LogicalExpression && expression.operator === '&&') {
    return assertsDomain(expression.left, name, index) || assertsDomain(expression.right, name, index);
  }
  if (expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === 'instanceof') {
    const left = skipWrappers(expression.left);
    if (left.type !== AST_NODE_TYPES.Identifier || left.name !== name) return false;
    const className = dottedName(expression.right);
    return index.isDomain(className) === true || isValidationErrorClassName(index.facts(className)?.name ?? className) || isValidationErrorClassName(className);
  }
  if (expression.type === AST_NODE_TYPES.CallExpression) {
    const argument = expression.arguments[0];
    if (argument === undefined || argument.type !== AST_NODE_TYPES.Identifier || argument.name !== name) return false;
    const callee = dottedName(expression.callee);
    const guard = callee.slice(callee.lastIndexOf('.') + 1);
    if (!/^is[A-Z]/.test(guard)) return false;
    const className = guard.slice(2);
    if (isValidationErrorClassName(className)) return true;
    const root = callee.split('.')[0] ?? '';
    const guardFacts = index.facts(root);
    if (guardFacts?.declaredIn?.package !== undefined && isInfrastructureErrorPackage(guardFacts.declaredIn.package)) return false;
    return index.isDomain(className) ?? (isErrorClassName(className) || isFrameworkHttpErrorName(className));
  }
  return false;
}

/** The path of a member read on `name` (`err.extensions?.code` → `['extensions', 'code']`), or undefined. */
function memberPathOn(node: TSESTree.Node, name: string): string[] | undefined {
  const path: string[] = [];
  let current = skipWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    if (current.computed && current.property.type !== AST_NODE_TYPES.Literal) return undefined;
    const property = current.property.type === AST_NODE_TYPES.Identifier ? current.property.name : current.property.type === AST_NODE_TYPES.Literal ? String(current.property.value) : '';
    path.unshift(property);
    current = skipWrappers(current.object);
  }
  return current.type === AST_NODE_TYPES.Identifier && current.name === name && path.length > 0 ? path : undefined;
}

function stringLiteral(node: TSESTree.Node): string | undefined {
  const value = skipWrappers(node);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
  if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return value.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** `true` when `subject` is a discriminant of the error `name` (`err.code`, `err.extensions.code`) and `literal` picks a client-facing error. */
function matchesDiscriminant(subject: TSESTree.Node, literal: TSESTree.Node, name: string, index: ErrorClassIndex): boolean {
  const path = memberPathOn(subject, name);
  // `switch (err.constructor) { case ObjectHandlingError: … }`, `err.constructor === AppError`: the error's own class, as `instanceof` names it.
  if (path?.length === 1 && path[0] === 'constructor') {
    const className = dottedName(skipWrappers(literal));
    return className !== '' && (index.isDomain(className) === true || isValidationErrorClassName(index.facts(className)?.name ?? className));
  }
  const value = stringLiteral(literal);
  if (path === undefined || value === undefined) return false;
  if (!ERROR_DISCRIMINANT_PATHS.some((known) => known.length === path.length && known.every((part, at) => part === path[at]))) return false;
  const field = path[path.length - 1] ?? '';
  return isClientFacingDiscriminant(field, value, field === 'name' ? index.isDomain(value) : undefined);
}

/** `err.message === 'x'`, `err.message.includes('validation failed')`, `err.message.startsWith(…)`. */
function matchesMessageTest(expression: TSESTree.Node, name: string, equality: readonly [TSESTree.Node, TSESTree.Node] | undefined): boolean {
  if (equality !== undefined) {
    const [left, right] = equality;
    const path = memberPathOn(left, name);
    const value = stringLiteral(right);
    return path?.length === 1 && path[0] === 'message' && value !== undefined && isClientFacingMessageTest('equals', value);
  }
  if (expression.type !== AST_NODE_TYPES.CallExpression || expression.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = expression.callee.property.type === AST_NODE_TYPES.Identifier ? expression.callee.property.name : '';
  if (!['includes', 'startsWith', 'endsWith'].includes(method)) return false;
  const path = memberPathOn(expression.callee.object, name);
  const value = expression.arguments[0] === undefined ? undefined : stringLiteral(expression.arguments[0]);
  return path?.length === 1 && path[0] === 'message' && value !== undefined && isClientFacingMessageTest('contains', value);
}

/**
 * `true` when `test` having the outcome `outcome` narrows `name` to a domain or client-facing
 * error: `instanceof AppError` / a type guard (see `assertsDomain`), a comparison of a discriminant
 * with a string literal (`err.code === 'INVALID_2FA_CODE'`, `err.name !== 'ZodError'` when false),
 * a test of the message for a validation library's text, and `!`, `&&`, `||` of those.
 */
function narrows(test: TSESTree.Node, name: string, index: ErrorClassIndex, outcome: boolean): boolean {
  const expression = skipWrappers(test);
  if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === '!') return narrows(expression.argument, name, index, !outcome);
  // `!err.status || err.status >= 500` fails only for a status present and below 500: a client error.
  if (!outcome && expression.type === AST_NODE_TYPES.LogicalExpression && expression.operator === '||' && missingOrServerStatus(expression, name)) return true;
  if (expression.type === AST_NODE_TYPES.LogicalExpression && (expression.operator === '&&' || expression.operator === '||')) {
    // `a && b` holds when both hold (either narrowing is enough); it fails when either fails (both must narrow). `||` is the mirror.
    const either = (expression.operator === '&&') === outcome;
    const left = narrows(expression.left, name, index, outcome);
    const right = narrows(expression.right, name, index, outcome);
    return either ? left || right : left && right;
  }
  if (expression.type === AST_NODE_TYPES.BinaryExpression && ['===', '==', '!==', '!='].includes(expression.operator)) {
    const positive = expression.operator === '===' || expression.operator === '==';
    if (positive !== outcome) return false;
    const { left, right } = expression;
    if (left.type === AST_NODE_TYPES.PrivateIdentifier) return false;
    return matchesDiscriminant(left, right, name, index) || matchesDiscriminant(right, left, name, index) ||
      matchesMessageTest(expression, name, [left, right]) || matchesMessageTest(expression, name, [right, left]);
  }
  // `if (error.statusCode) return reply.send(error)`: an error that carries an HTTP status was built to answer a
  // request (the framework's or the project's HTTP errors); a driver's or a library's internal error carries none.
  if (outcome && isErrorStatus(expression, name)) return true;
  // `err.statusCode < 500`, `status >= 400 && status < 500` (a `const status = err.statusCode`): a client error, chosen by its status.
  // Not the else of `err.status >= 500`: an error with no status (a driver's) fails that test too.
  if (outcome && expression.type === AST_NODE_TYPES.BinaryExpression && boundsBelowServerError(expression, name)) return true;
  if (!outcome) return false;
  return assertsDomain(expression, name, index) || matchesMessageTest(expression, name, undefined);
}

/**
 * Does a comparison hold only for a status below 500 of the error `name` (`err.status < 500`,
 * `500 > err.statusCode`, `status <= 499`)? A missing status fails it.
 */
function boundsBelowServerError(expression: TSESTree.BinaryExpression, name: string): boolean {
  const bound = statusBound(expression, name);
  return bound !== undefined && ((bound.operator === '<' && bound.limit <= 500) || (bound.operator === '<=' && bound.limit < 500));
}

/**
 * The error's status compared with a number, written status first (`500 <= err.status` → `>=` 500),
 * or undefined when the comparison is of something else.
 */
function statusBound(expression: TSESTree.BinaryExpression, name: string): { readonly operator: string; readonly limit: number } | undefined {
  const { left, right, operator } = expression;
  if (left.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
  const onLeft = isErrorStatus(left, name);
  if (!onLeft && !isErrorStatus(right, name)) return undefined;
  const bound = onLeft ? right : left;
  if (bound.type !== AST_NODE_TYPES.Literal || typeof bound.value !== 'number') return undefined;
  const flipped: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
  return { operator: onLeft ? operator : (flipped[operator] ?? ''), limit: bound.value };
}

/** `!err.status || err.status >= 500` (either order, `== null` for the missing test): true for every error but a client one. */
function missingOrServerStatus(expression: TSESTree.LogicalExpression, name: string): boolean {
  const sides = [skipWrappers(expression.left), skipWrappers(expression.right)];
  const missing = sides.some((side) =>
    (side.type === AST_NODE_TYPES.UnaryExpression && side.operator === '!' && isErrorStatus(side.argument, name)) ||
    (side.type === AST_NODE_TYPES.BinaryExpression && (side.operator === '==' || side.operator === '===') && ((isErrorStatus(side.left, name) && isNullish(side.right)) || (isErrorStatus(side.right, name) && isNullish(side.left)))));
  const server = sides.some((side) => side.type === AST_NODE_TYPES.BinaryExpression && atLeastServerError(side, name));
  return missing && server;
}

/** `err.status >= 500`, `err.status > 499`, `500 <= err.status`. */
function atLeastServerError(expression: TSESTree.BinaryExpression, name: string): boolean {
  const bound = statusBound(expression, name);
  return bound !== undefined && ((bound.operator === '>=' && bound.limit === 500) || (bound.operator === '>' && bound.limit === 499));
}

const STATUS_FIELDS: ReadonlySet<string> = new Set(['status', 'statusCode', 'httpStatus', 'httpCode', 'status_code']);

/** `err.statusCode`, `(err as HttpError).status`, or a `const` of the enclosing blocks holding one (`const statusCode = err.statusCode`). */
function isErrorStatus(raw: TSESTree.Node, name: string): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const object = skipWrappers(node.object);
    return !node.computed && node.property.type === AST_NODE_TYPES.Identifier && STATUS_FIELDS.has(node.property.name) && object.type === AST_NODE_TYPES.Identifier && object.name === name;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  for (let current: TSESTree.Node | undefined = node.parent; current != null; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.BlockStatement) continue;
    for (const statement of current.body) {
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.kind !== 'const') continue;
      for (const declarator of statement.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === node.name && declarator.init != null) return isErrorStatus(declarator.init, name);
      }
    }
  }
  return false;
}

/** In `switch (err.code) { case 'A': case 'B': … }`: every case label that reaches `switchCase` picks a client-facing error. */
function switchCaseNarrows(switchCase: TSESTree.SwitchCase, name: string, index: ErrorClassIndex): boolean {
  const statement = switchCase.parent;
  const at = statement.cases.indexOf(switchCase);
  for (let position = at; position >= 0; position--) {
    const current = statement.cases[position];
    if (current === undefined) return false;
    if (position < at && current.consequent.length > 0) {
      const last = current.consequent[current.consequent.length - 1];
      if (last !== undefined && (alwaysExits(last) || last.type === AST_NODE_TYPES.BreakStatement)) break;
    }
    if (current.test === null || !matchesDiscriminant(statement.discriminant, current.test, name, index)) return false;
  }
  return true;
}

/**
 * `true` when, at `node`, the error held by `name` has been narrowed to a domain or client-facing
 * error: inside `if (err instanceof AppError) { … }`, the `else` of `if (!(err instanceof AppError))`,
 * the matching branch of a conditional or `&&`, a `switch (err.code)` case labelled with client-facing
 * codes, or after an early exit `if (!(err instanceof AppError)) { …; return; }`. Discriminant and
 * message tests count as `narrows` describes.
 */
export function isNarrowedToDomainError(node: TSESTree.Node, name: string, index: ErrorClassIndex): boolean {
  let child: TSESTree.Node = node;
  // The Program's parent is `null` at run time, whatever the types say.
  for (let current = node.parent; current != null; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression: {
        if (child === current.test) break;
        if (child === current.consequent && narrows(current.test, name, index, true)) return true;
        if (child === current.alternate && narrows(current.test, name, index, false)) return true;
        break;
      }
      case AST_NODE_TYPES.LogicalExpression:
        if (child === current.right && current.operator === '&&' && narrows(current.left, name, index, true)) return true;
        if (child === current.right && current.operator === '||' && narrows(current.left, name, index, false)) return true;
        break;
      case AST_NODE_TYPES.SwitchCase:
        if (child !== current.test && current.test !== null && switchCaseNarrows(current, name, index)) return true;
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program: {
        for (const statement of current.body) {
          if (statement === child) break;
          if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate !== null) continue;
          if (alwaysExits(statement.consequent) && narrows(statement.test, name, index, false)) return true;
        }
        break;
      }
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
        return false;
      default:
        break;
    }
  }
  return false;
}
