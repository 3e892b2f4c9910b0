import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import type { DeclaredIn, ResolveDeclaredIn, TypeHint } from '../core/facts.js';
import { declaredInOf } from '../typescript/declared-in.js';
import { tsApi } from './typescript.js';

/**
 * Typed linting: where a called member is declared, and what kind of value an expression holds.
 * Only built when the user has typed linting on (`parserServices.program`); rules then pass
 * `resolve` to the core classifiers, which use it to confirm or refute a name-based verdict.
 */
export interface TypedContext {
  readonly services: ParserServicesWithTypeInformation;
  readonly checker: ts.TypeChecker;
  declaredIn(node: TSESTree.Node): DeclaredIn | undefined;
  typeHint(node: TSESTree.Node): TypeHint | undefined;
  /** Names of the class and its base classes, nearest first (`['NotFoundError', 'AppError', 'Error']`). */
  classChain(type: ts.Type): string[];
  typeOf(node: TSESTree.Node): ts.Type;
}

/** Objects with more properties than this are judged on their first ones only (keeps type hints cheap). */
const MAX_PROPERTY_NAMES = 64;

/** Per file: the node maps of `parserServices` belong to one file, while the program is shared. */
const contexts = new WeakMap<object, TypedContext>();

/** The typed context of this file, or undefined without type information. */
export function typedContext(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypedContext | undefined {
  const services = context.sourceCode.parserServices;
  if (services?.program == null || services.esTreeNodeToTSNodeMap === undefined) return undefined;
  const key = services.esTreeNodeToTSNodeMap;
  const cached = contexts.get(key);
  if (cached !== undefined) return cached;
  const typed = createTypedContext(services as ParserServicesWithTypeInformation);
  contexts.set(key, typed);
  return typed;
}

export { packageOfFile } from '../typescript/declared-in.js';

function createTypedContext(services: ParserServicesWithTypeInformation): TypedContext {
  const { program } = services;
  const checker = program.getTypeChecker();
  const api = tsApi();

  // The rules linting a file ask about the same nodes (every query rule classifies the same call), so
  // each answer is remembered for the file: the checker is asked once per node.
  const types = new Map<TSESTree.Node, ts.Type>();
  const typeOf = (node: TSESTree.Node): ts.Type => {
    let type = types.get(node);
    if (type === undefined) {
      type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
      types.set(node, type);
    }
    return type;
  };

  const isUnresolvedType = (type: ts.Type): boolean => (type.flags & (api.TypeFlags.Any | api.TypeFlags.Unknown)) !== 0;

  const declarations = new Map<TSESTree.Node, DeclaredIn | undefined>();
  const declaredIn = (node: TSESTree.Node): DeclaredIn | undefined => {
    if (declarations.has(node)) return declarations.get(node);
    const found = declaredInOf(api, program, checker, services.esTreeNodeToTSNodeMap.get(node));
    declarations.set(node, found);
    return found;
  };

  const isScalarNonText = (type: ts.Type): boolean => {
    if (type.isUnion()) return type.types.every((part) => isScalarNonText(part) || (part.flags & (api.TypeFlags.Null | api.TypeFlags.Undefined)) !== 0);
    if ((type.flags & (api.TypeFlags.BooleanLike | api.TypeFlags.NumberLike | api.TypeFlags.BigIntLike | api.TypeFlags.EnumLike)) !== 0) return true;
    const name = type.getSymbol()?.getName();
    return name === 'Date';
  };

  /** Property names of an object (or intersection of objects) type, at most MAX_PROPERTY_NAMES; undefined for other types. */
  const objectPropertyNames = (type: ts.Type): string[] | undefined => {
    const isObject = (part: ts.Type): boolean => (part.flags & api.TypeFlags.Object) !== 0 && part.getCallSignatures().length === 0;
    if (!(type.isIntersection() ? type.types.every(isObject) : isObject(type))) return undefined;
    return checker.getPropertiesOfType(type).slice(0, MAX_PROPERTY_NAMES).map((symbol) => symbol.getName());
  };

  const hints = new Map<TSESTree.Node, TypeHint>();
  const typeHint = (node: TSESTree.Node): TypeHint => {
    let hint = hints.get(node);
    if (hint === undefined) {
      hint = computeTypeHint(node);
      hints.set(node, hint);
    }
    return hint;
  };

  const computeTypeHint = (node: TSESTree.Node): TypeHint => {
    const type = typeOf(node);
    if (isUnresolvedType(type)) return { isAny: true };
    const nonNullable = checker.getNonNullableType(type);
    const isArray = checker.isArrayType(nonNullable) || checker.isTupleType(nonNullable);
    const scalar = isScalarNonText(nonNullable);
    const properties = isArray || scalar ? undefined : objectPropertyNames(nonNullable);
    return { isArray, isScalarNonText: scalar, ...(properties === undefined ? {} : { propertyNames: properties }) };
  };

  const classChain = (type: ts.Type): string[] => {
    const names: string[] = [];
    let current: ts.Type | undefined = type;
    for (let guard = 0; current !== undefined && guard < 32; guard += 1) {
      const name = current.getSymbol()?.getName();
      if (name === undefined) break;
      names.push(name);
      const bases: ts.BaseType[] = current.isClassOrInterface() ? checker.getBaseTypes(current) : [];
      current = bases[0];
    }
    return names;
  };

  return { services, checker, declaredIn, typeHint, classChain, typeOf };
}

/** A `ResolveDeclaredIn` over the nodes of a chain. */
export function resolverFor(typed: TypedContext | undefined, nodes: readonly (TSESTree.Node | undefined)[]): ResolveDeclaredIn | undefined {
  if (typed === undefined) return undefined;
  return (index) => {
    const node = nodes[index];
    return node === undefined ? undefined : typed.declaredIn(node);
  };
}
