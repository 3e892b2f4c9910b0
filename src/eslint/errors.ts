import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { isDomainErrorClass, isErrorClassName, isFrameworkHttpErrorName, isInfrastructureErrorPackage, type ErrorClassFacts } from '../core/classify/errors.js';
import { packageNameOf } from '../core/classify/names.js';
import type { DeclaredIn } from '../core/facts.js';
import type { BackendPatternsSettings } from '../core/settings.js';
import { oncePerFile } from './ast.js';
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
  return { name, superClasses, ...(declaredIn === undefined ? {} : { declaredIn }) };
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
 * containing one.
 */
function assertsDomain(test: TSESTree.Node, name: string, index: ErrorClassIndex): boolean {
  const expression = skipWrappers(test);
  if (expression.type === AST_NODE_TYPES.LogicalExpression && expression.operator === '&&') {
    return assertsDomain(expression.left, name, index) || assertsDomain(expression.right, name, index);
  }
  if (expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === 'instanceof') {
    const left = skipWrappers(expression.left);
    return left.type === AST_NODE_TYPES.Identifier && left.name === name && index.isDomain(dottedName(expression.right)) === true;
  }
  if (expression.type === AST_NODE_TYPES.CallExpression) {
    const argument = expression.arguments[0];
    if (argument === undefined || argument.type !== AST_NODE_TYPES.Identifier || argument.name !== name) return false;
    const callee = dottedName(expression.callee);
    const guard = callee.slice(callee.lastIndexOf('.') + 1);
    if (!/^is[A-Z]/.test(guard)) return false;
    const root = callee.split('.')[0] ?? '';
    const guardFacts = index.facts(root);
    if (guardFacts?.declaredIn?.package !== undefined && isInfrastructureErrorPackage(guardFacts.declaredIn.package)) return false;
    const className = guard.slice(2);
    return index.isDomain(className) ?? (isErrorClassName(className) || isFrameworkHttpErrorName(className));
  }
  return false;
}

/** `!test`, or `!(a instanceof B)`: the negated test, if `test` is a negation. */
function negated(test: TSESTree.Node): TSESTree.Node | undefined {
  const expression = skipWrappers(test);
  return expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === '!' ? expression.argument : undefined;
}

function alwaysExits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body[statement.body.length - 1];
    return last !== undefined && alwaysExits(last);
  }
  return false;
}

/**
 * `true` when, at `node`, the error held by `name` has been narrowed to a domain error: inside
 * `if (err instanceof AppError) { … }`, the `else` of `if (!(err instanceof AppError))`, the
 * matching branch of a conditional or `&&`, or after an early exit
 * `if (!(err instanceof AppError)) { …; return; }`.
 */
export function isNarrowedToDomainError(node: TSESTree.Node, name: string, index: ErrorClassIndex): boolean {
  let child: TSESTree.Node = node;
  // The Program's parent is `null` at run time, whatever the types say.
  for (let current = node.parent; current != null; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression: {
        if (child === current.test) break;
        const inverse = negated(current.test);
        if (child === current.consequent && assertsDomain(current.test, name, index)) return true;
        if (child === current.alternate && inverse !== undefined && assertsDomain(inverse, name, index)) return true;
        break;
      }
      case AST_NODE_TYPES.LogicalExpression:
        if (current.operator === '&&' && child === current.right && assertsDomain(current.left, name, index)) return true;
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program: {
        for (const statement of current.body) {
          if (statement === child) break;
          if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate !== null) continue;
          const inverse = negated(statement.test);
          if (inverse !== undefined && assertsDomain(inverse, name, index) && alwaysExits(statement.consequent)) return true;
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
