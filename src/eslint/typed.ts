import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import type { DeclaredIn, ResolveDeclaredIn, TypeHint } from '../core/facts.js';
import { memberOfConstructedReceiver } from '../typescript/declared-class.js';
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

/** `…/node_modules/@scope/pkg/…` → `@scope/pkg`; `@types/pg` → `pg`; TypeScript's lib files → `lib`; project files → undefined. */
export function packageOfFile(fileName: string, program?: ts.Program, sourceFile?: ts.SourceFile): string | undefined {
  const normalised = fileName.replaceAll('\\', '/');
  if (program !== undefined && sourceFile !== undefined && program.isSourceFileDefaultLibrary(sourceFile)) return 'lib';
  const marker = normalised.lastIndexOf('/node_modules/');
  if (marker === -1) return /\/lib\.[\w.]*\.d\.ts$/.test(normalised) && normalised.includes('/typescript/') ? 'lib' : undefined;
  const rest = normalised.slice(marker + '/node_modules/'.length).split('/');
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? '');
  if (name === 'typescript' && rest.includes('lib')) return 'lib';
  if (name.startsWith('@types/')) {
    const typed = name.slice('@types/'.length);
    return typed.includes('__') ? `@${typed.replace('__', '/')}` : typed;
  }
  return name;
}

function containerName(declaration: ts.Declaration): string | undefined {
  // `parent` is typed as always present, but a SourceFile's is undefined at run time.
  const api = tsApi();
  let current: ts.Node = declaration.parent;
  for (;;) {
    if ((api.isClassDeclaration(current) || api.isInterfaceDeclaration(current) || api.isClassExpression(current)) && current.name !== undefined) {
      return current.name.text;
    }
    if (api.isTypeAliasDeclaration(current)) return current.name.text;
    if (api.isSourceFile(current) || api.isModuleBlock(current)) return undefined;
    current = current.parent;
  }
}

function createTypedContext(services: ParserServicesWithTypeInformation): TypedContext {
  const { program } = services;
  const checker = program.getTypeChecker();
  const api = tsApi();

  const typeOf = (node: TSESTree.Node): ts.Type => {
    return checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
  };

  const isUnresolvedType = (type: ts.Type): boolean => (type.flags & (api.TypeFlags.Any | api.TypeFlags.Unknown)) !== 0;

  const declaredIn = (node: TSESTree.Node): DeclaredIn | undefined => {
    const tsNode = services.esTreeNodeToTSNodeMap.get(node);
    // `byId.get` on `const byId = new Map(…)`: placed by symbol look-ups, without the receiver's type.
    const parent = tsNode.parent;
    const constructed = api.isPropertyAccessExpression(parent) && parent.name === tsNode ? memberOfConstructedReceiver(api, checker, parent.expression, parent.name.text) : undefined;
    let symbol = constructed === undefined ? checker.getSymbolAtLocation(tsNode) : undefined;
    if (symbol !== undefined && (symbol.flags & api.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
    const declaration = constructed ?? symbol?.declarations?.[0];
    if (declaration === undefined) {
      // `any.method()`: the receiver's type tells nothing.
      const receiver = api.isPropertyAccessExpression(tsNode.parent) ? tsNode.parent.expression : undefined;
      if (receiver !== undefined && isUnresolvedType(checker.getTypeAtLocation(receiver))) return { unresolved: true };
      return undefined;
    }
    const sourceFile = declaration.getSourceFile();
    const pkg = packageOfFile(sourceFile.fileName, program, sourceFile);
    const typeName = containerName(declaration);
    return {
      ...(pkg === undefined ? {} : { package: pkg }),
      ...(typeName === undefined ? {} : { typeName }),
      fileName: sourceFile.fileName,
    };
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

  const typeHint = (node: TSESTree.Node): TypeHint | undefined => {
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
