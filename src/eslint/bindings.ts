import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { classBinding, importBinding, importedDbLibraries, declaredTypeName, sourceOfName, withChainOrigin, type FileNames, type ImportedName } from '../core/classify/evidence.js';
import { extendsOwnBuilder } from '../core/classify/query.js';
import type { DbLibrary } from '../core/catalogs/db-clients.js';
import type { BindingFact } from '../core/facts.js';
import { oncePerFile, programFile } from './ast.js';
import { projectSourceOf } from '../core/project-modules.js';
import { parseConfigText } from './typescript.js';

/**
 * ESTree → `BindingFact`: what a name is bound to in its own file (SPEC §3 "Evidence before
 * names"). Built from syntax alone — the audit builds the same facts from the TypeScript AST — and
 * judged once, by `core/classify/evidence.ts`.
 */

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

interface FileBindings extends FileNames {
  readonly members: WeakMap<ClassNode, ReadonlyMap<string, BindingFact>>;
  /** The binding of each variable asked about: every identifier naming it has the same one. */
  readonly variables: Map<TSESLint.Scope.Variable, BindingFact>;
}

const perProgram = new WeakMap<TSESTree.Program, FileBindings>();

function fileBindings(program: TSESTree.Program): FileBindings {
  return oncePerFile(perProgram, program, () => {
    const imports = new Map<string, ImportedName>();
    const localTypes = new Set<string>();
    for (const statement of program.body) {
      if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
        // Judged once per statement, as the audit's adapter does: every name it imports comes from the same module.
        const project = statement.specifiers.length === 0 ? {} : projectSourceOf(statement.source.value, programFile(program), parseConfigText);
        for (const specifier of statement.specifiers) {
          const importedName =
            specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default'
            : specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier ? '*'
            : specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
          const typeOnly = statement.importKind === 'type' || (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type');
          imports.set(specifier.local.name, { source: statement.source.value, ...project, importedName, typeOnly });
        }
        continue;
      }
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
      if (declaration == null) continue;
      if (
        (declaration.type === AST_NODE_TYPES.ClassDeclaration || declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration ||
          declaration.type === AST_NODE_TYPES.TSEnumDeclaration || declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration) &&
        declaration.id != null
      ) {
        localTypes.add(declaration.id.name);
      }
    }
    return { imports, localTypes, members: new WeakMap(), variables: new Map() };
  });
}

/** Dotted name of a callee or decorator expression: `this.dataSource.getRepository` → `this.dataSource.getRepository`. */
function dotted(node: TSESTree.Node): string {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return node.name;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.MemberExpression:
      return !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? `${dotted(node.object)}.${node.property.name}` : '';
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.ChainExpression:
      return dotted(node.expression);
    default:
      return '';
  }
}

function decoratorNamesOf(decorators: readonly TSESTree.Decorator[] | undefined): string[] {
  return (decorators ?? []).map((decorator) => dotted(decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression)).filter((name) => name !== '');
}

type TypeFacts = Pick<BindingFact, 'typeName' | 'typeSource' | 'typeArguments'>;

function typeFacts(annotation: TSESTree.TSTypeAnnotation | undefined, bindings: FileBindings): TypeFacts {
  let type = annotation?.typeAnnotation;
  // `UserRepository | undefined`, `Readonly<…>` are still the type.
  if (type?.type === AST_NODE_TYPES.TSUnionType) type = type.types.find((member) => member.type === AST_NODE_TYPES.TSTypeReference);
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return {};
  const full = type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName.name : type.typeName.type === AST_NODE_TYPES.TSQualifiedName ? qualified(type.typeName) : '';
  if (full === '') return {};
  const typeName = declaredTypeName(full, bindings);
  const typeSource = sourceOfName(full, bindings);
  const typeArguments = (type.typeArguments?.params ?? []).flatMap((param) =>
    param.type === AST_NODE_TYPES.TSTypeReference && param.typeName.type === AST_NODE_TYPES.Identifier ? [param.typeName.name] : []);
  return { typeName, ...(typeSource === undefined ? {} : { typeSource }), ...(typeArguments.length > 0 ? { typeArguments } : {}) };
}

function qualified(name: TSESTree.TSQualifiedName): string {
  const left = name.left.type === AST_NODE_TYPES.Identifier ? name.left.name : name.left.type === AST_NODE_TYPES.TSQualifiedName ? qualified(name.left) : '';
  return `${left}.${name.right.name}`;
}

function initializerFacts(value: TSESTree.Node | null | undefined, bindings: FileBindings): Pick<BindingFact, 'initializer'> {
  if (value == null) return {};
  let expr: TSESTree.Node = value;
  while (expr.type === AST_NODE_TYPES.AwaitExpression || expr.type === AST_NODE_TYPES.TSAsExpression || expr.type === AST_NODE_TYPES.TSNonNullExpression || expr.type === AST_NODE_TYPES.TSSatisfiesExpression || expr.type === AST_NODE_TYPES.ChainExpression) {
    expr = expr.type === AST_NODE_TYPES.AwaitExpression ? expr.argument : expr.expression;
  }
  if (expr.type !== AST_NODE_TYPES.NewExpression && expr.type !== AST_NODE_TYPES.CallExpression) return {};
  const name = dotted(expr.callee);
  if (name === '') return {};
  const source = sourceOfName(name, bindings);
  const calls = expr.type === AST_NODE_TYPES.CallExpression ? calledMethods(expr) : [];
  return { initializer: { kind: expr.type === AST_NODE_TYPES.NewExpression ? 'new' : 'call', name, ...(source === undefined || source === 'local' ? {} : { source }), ...(calls.length > 1 ? { calls } : {}) } };
}

/** The callee of the first call of a chain of calls: `this.users` + `createQueryBuilder` of `this.users.createQueryBuilder('u').where(…)`. */
function firstCallee(expr: TSESTree.Node): TSESTree.Node | undefined {
  let callee: TSESTree.Node | undefined;
  for (let current: TSESTree.Node = expr; ;) {
    if (
      current.type === AST_NODE_TYPES.ChainExpression || current.type === AST_NODE_TYPES.TSNonNullExpression || current.type === AST_NODE_TYPES.TSAsExpression ||
      current.type === AST_NODE_TYPES.TSSatisfiesExpression || current.type === AST_NODE_TYPES.TSTypeAssertion || current.type === AST_NODE_TYPES.AwaitExpression
    ) {
      current = current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression;
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      callee = current.callee;
      current = current.callee;
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = current.object;
    } else {
      return callee;
    }
  }
}

/** The method `m` of `this.m(…)`, the callee of a chain's first call; undefined for any other callee. */
function ownMethodOf(callee: TSESTree.Node | undefined): string | undefined {
  return callee?.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
}

/** The member `x` of `this.x.method(…)`, the callee of a chain's first call; undefined for any other callee. */
function thisMemberCalled(callee: TSESTree.Node | undefined): string | undefined {
  const object = callee?.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
  return object?.type === AST_NODE_TYPES.MemberExpression && object.object.type === AST_NODE_TYPES.ThisExpression && !object.computed && object.property.type === AST_NODE_TYPES.Identifier ? object.property.name : undefined;
}

/** The call chain a method of the class returns, directly or through one `const` of its body (`const qb = this.users.createQueryBuilder('u'); return qb;`). */
function returnedChain(owner: ClassNode, method: string): TSESTree.Node | undefined {
  const definition = owner.body.body.find((element) => element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'method' && !element.static && !element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === method);
  const body = definition?.type === AST_NODE_TYPES.MethodDefinition ? definition.value.body?.body : undefined;
  const last = body?.[body.length - 1];
  if (last?.type !== AST_NODE_TYPES.ReturnStatement || last.argument == null) return undefined;
  let returned: TSESTree.Node = last.argument;
  if (returned.type === AST_NODE_TYPES.Identifier) {
    const name = returned.name;
    const held = body?.flatMap((statement) => (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.kind === 'const' ? statement.declarations : [])).find((declarator) => declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name);
    if (held?.init == null) return undefined;
    returned = held.init;
  }
  return returned;
}

/**
 * A variable's initialiser facts with the class member its chain starts from (`BindingFact.initializer.receiver`),
 * following a call of a method of the class to the chain it returns (`returned`).
 */
function withClassReceiver(facts: Pick<BindingFact, 'initializer'>, init: TSESTree.Node | null | undefined, bindings: FileBindings): Pick<BindingFact, 'initializer'> {
  const initializer = facts.initializer;
  const owner = init == null ? undefined : enclosingClass(init);
  if (initializer?.kind !== 'call' || init == null || owner === undefined) return facts;
  // A chain that starts with a method of the class (`this.baseQueryBuilder().where(…)`) starts with the chain it returns.
  const head = firstCallee(init);
  const method = ownMethodOf(head);
  const chain = method === undefined ? init : returnedChain(owner, method);
  const returned = method === undefined || chain === undefined ? undefined : initializerFacts(chain, bindings).initializer;
  if (chain === undefined || (method !== undefined && returned?.kind !== 'call')) return facts;
  const member = thisMemberCalled(method === undefined ? head : firstCallee(chain));
  const receiver = member === undefined ? undefined : classMembers(owner, bindings).get(member);
  return returned === undefined && receiver === undefined ? facts : { initializer: withChainOrigin(initializer, returned, receiver) };
}

/** The method names a chain of calls calls, in order: `db.selectFrom('t').selectAll().limit(5)` → selectFrom, selectAll, limit. */
function calledMethods(call: TSESTree.CallExpression): string[] {
  const names: string[] = [];
  for (let current: TSESTree.Node = call; ;) {
    if (current.type === AST_NODE_TYPES.ChainExpression || current.type === AST_NODE_TYPES.TSNonNullExpression || current.type === AST_NODE_TYPES.TSAsExpression) {
      current = current.expression;
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee: TSESTree.Node = current.callee;
      if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) names.unshift(callee.property.name);
      else if (callee.type === AST_NODE_TYPES.Identifier) names.unshift(callee.name);
      current = callee;
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = current.object;
    } else {
      return names;
    }
  }
}

/** The members of a class: fields (type, initialiser, decorators), constructor parameter properties, and `this.x = new X()` in the constructor. */
function classMembers(node: ClassNode, bindings: FileBindings): ReadonlyMap<string, BindingFact> {
  const known = bindings.members.get(node);
  if (known !== undefined) return known;
  const members = new Map<string, BindingFact>();
  const constructorParams = new Map<string, BindingFact>();
  for (const element of node.body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && element.key.type === AST_NODE_TYPES.Identifier) {
      members.set(element.key.name, {
        kind: 'field',
        length: 2,
        ...typeFacts(element.typeAnnotation, bindings),
        ...initializerFacts(element.value, bindings),
        ...decoratorsOf(element.decorators),
      });
      continue;
    }
    if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'constructor') continue;
    for (const param of element.value.params) {
      const property = param.type === AST_NODE_TYPES.TSParameterProperty;
      const inner = property ? param.parameter : param;
      const target = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
      if (target.type !== AST_NODE_TYPES.Identifier) continue;
      const fact: BindingFact = { kind: 'field', length: 2, ...typeFacts(target.typeAnnotation, bindings), ...decoratorsOf(param.decorators) };
      if (property) members.set(target.name, fact);
      else constructorParams.set(target.name, fact);
    }
    // `this.users = users` (typed parameter) or `this.invoices = new InvoiceDao(db)` in the constructor body.
    for (const statement of element.value.body?.body ?? []) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
      const { left, right } = statement.expression;
      if (left.type !== AST_NODE_TYPES.MemberExpression || left.object.type !== AST_NODE_TYPES.ThisExpression || left.computed || left.property.type !== AST_NODE_TYPES.Identifier) continue;
      const name = left.property.name;
      const existing = members.get(name);
      if (existing?.typeName !== undefined) continue;
      const fromParam = right.type === AST_NODE_TYPES.Identifier ? constructorParams.get(right.name) : undefined;
      const fact: BindingFact = fromParam ?? { kind: 'field', length: 2, ...initializerFacts(right, bindings) };
      members.set(name, existing === undefined ? fact : { ...existing, ...fact });
    }
  }
  bindings.members.set(node, members);
  return members;
}

function decoratorsOf(decorators: readonly TSESTree.Decorator[] | undefined): Pick<BindingFact, 'decorators'> {
  const names = decoratorNamesOf(decorators);
  return names.length > 0 ? { decorators: names } : {};
}

/** The class whose `this` the node sees: the nearest class around it, unless a `function` of its own (not a method) comes first. */
export function enclosingClass(node: TSESTree.Node): ClassNode | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return current;
    // `function () { this.x }` has its own `this`; arrows keep the class's.
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || (current.type === AST_NODE_TYPES.FunctionExpression && current.parent.type !== AST_NODE_TYPES.MethodDefinition && current.parent.type !== AST_NODE_TYPES.Property)) return undefined;
  }
  return undefined;
}

/** The members of every class of the file (fields, constructor parameter properties, constructor assignments). */
export function classMemberBindings(classes: readonly ClassNode[], sourceCode: Readonly<TSESLint.SourceCode>): { readonly name: string; readonly binding: BindingFact }[] {
  const bindings = fileBindings(sourceCode.ast);
  return classes.flatMap((node) => [...classMembers(node, bindings)].map(([name, binding]) => ({ name, binding })));
}

/** The database libraries the file imports from (`ChainFact.fileLibraries`). */
export function fileDbLibraries(sourceCode: Readonly<TSESLint.SourceCode>): readonly DbLibrary[] {
  return importedDbLibraries(fileBindings(sourceCode.ast));
}

/** The value imports of the file: local name, module and exported name. */
export function valueImports(sourceCode: Readonly<TSESLint.SourceCode>): { readonly name: string; readonly binding: BindingFact }[] {
  return [...fileBindings(sourceCode.ast).imports].flatMap(([name, info]) =>
    info.typeOnly ? [] : [{ name, binding: importBinding(info) }]);
}

/** The module-level variable named `name` (an import or a top-level declaration), if the file declares one. */
export function moduleVariable(sourceCode: Readonly<TSESLint.SourceCode>, name: string): TSESLint.Scope.Variable | undefined {
  const scopes = sourceCode.scopeManager?.scopes ?? [];
  const moduleScope = scopes.find((scope) => scope.type === TSESLint.Scope.ScopeType.module) ?? sourceCode.scopeManager?.globalScope;
  return moduleScope?.set.get(name);
}

/** The references that read a variable as a value (called, constructed, passed), not as a type. */
export function valueReferences(variable: TSESLint.Scope.Variable | undefined): TSESLint.Scope.Reference[] {
  return (variable?.references ?? []).filter((reference) => reference.isValueReference);
}

/**
 * For a `for (const row of rows)` variable, what the rows were loaded with: the iterated call
 * (`for (const doc of await Doc.find())`) or the initialiser of the iterated variable
 * (`const docs = await Doc.find(); for (const doc of docs)`).
 */
function iteratedFrom(declarator: TSESTree.VariableDeclarator, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | undefined {
  const loop = declarator.parent.parent;
  if (loop.type !== AST_NODE_TYPES.ForOfStatement || loop.left !== declarator.parent) return undefined;
  let iterated: TSESTree.Node = loop.right;
  while (iterated.type === AST_NODE_TYPES.AwaitExpression || iterated.type === AST_NODE_TYPES.TSAsExpression || iterated.type === AST_NODE_TYPES.TSNonNullExpression) iterated = iterated.type === AST_NODE_TYPES.AwaitExpression ? iterated.argument : iterated.expression;
  if (iterated.type !== AST_NODE_TYPES.Identifier) return iterated;
  const definition = ASTUtils.findVariable(sourceCode.getScope(iterated), iterated.name)?.defs[0];
  return definition?.type === TSESLint.Scope.DefinitionType.Variable ? (definition.node.init ?? undefined) : undefined;
}

/** The binding of `this.<name>` at `node`: a member of the enclosing class, if it declares one. */
export function memberBinding(node: TSESTree.Node, name: string, sourceCode: Readonly<TSESLint.SourceCode>): BindingFact | undefined {
  const owner = enclosingClass(node);
  if (owner === undefined) return undefined;
  return classMembers(owner, fileBindings(sourceCode.ast)).get(name);
}

/**
 * The module an imported identifier comes from, as the bindings judge it: the project module a tsconfig
 * alias or a workspace package stands for (`#/users/user.repository`), else the specifier as written;
 * undefined for a name no import binds.
 */
export function importedModuleOf(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const bindings = fileBindings(sourceCode.ast);
  if (!bindings.imports.has(identifier.name)) return undefined;
  const definition = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name)?.defs[0];
  if (definition?.type !== TSESLint.Scope.DefinitionType.ImportBinding) return undefined;
  const info = bindings.imports.get(identifier.name);
  return info?.projectSource ?? info?.source;
}

/** The binding of an identifier in scope: import, class, enum, function, variable or parameter; `unbound` for globals. */
export function identifierBinding(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): BindingFact {
  const bindings = fileBindings(sourceCode.ast);
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
  if (variable === null) return { kind: 'unbound', length: 1 };
  let binding = bindings.variables.get(variable);
  if (binding === undefined) {
    binding = variableBinding(variable, bindings, sourceCode);
    bindings.variables.set(variable, binding);
  }
  return binding;
}

/**
 * Every assignment after the declaration gives the variable a chain that starts with itself and only
 * adds steps to it (core `extendsOwnBuilder`): `qb = qb.andWhere(…)`, not `qb = qb.from(Order, 'o')`.
 * Any other write (a destructuring, a `for…of` head, `||=`) may give it anything.
 */
function onlyExtendsItself(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.every((reference) => {
    if (!reference.isWrite() || reference.init === true) return true;
    const parent = reference.identifier.parent;
    if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.operator !== '=' || parent.left !== reference.identifier) return false;
    const chain = selfChain(parent.right);
    return chain?.root === variable.name && extendsOwnBuilder(chain.steps);
  });
}

/** The identifier a member or call chain starts with and the member names after it: `qb`, `[andWhere, orderBy]` for `qb.andWhere(…).orderBy(…)`. */
function selfChain(node: TSESTree.Node): { readonly root: string; readonly steps: readonly string[] } | undefined {
  const steps: string[] = [];
  let current = node;
  for (;;) {
    if (current.type === AST_NODE_TYPES.Identifier) return { root: current.name, steps: steps.reverse() };
    if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
    else if (current.type === AST_NODE_TYPES.MemberExpression) {
      steps.push(current.property.type === AST_NODE_TYPES.Identifier && !current.computed ? current.property.name : current.property.type === AST_NODE_TYPES.Literal ? String(current.property.value) : '');
      current = current.object;
    } else if (current.type === AST_NODE_TYPES.TSNonNullExpression || current.type === AST_NODE_TYPES.TSAsExpression || current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
    else return undefined;
  }
}

function variableBinding(variable: TSESLint.Scope.Variable, bindings: FileBindings, sourceCode: Readonly<TSESLint.SourceCode>): BindingFact {
  const definition = variable.defs[0];
  if (definition === undefined) return { kind: 'unbound', length: 1 };
  switch (definition.type) {
    case TSESLint.Scope.DefinitionType.ImportBinding: {
      const info = bindings.imports.get(variable.name);
      if (info === undefined) return { kind: 'unbound', length: 1 };
      return importBinding(info);
    }
    case TSESLint.Scope.DefinitionType.ClassName: {
      const node = definition.node;
      return classBinding(node.superClass == null ? '' : dotted(node.superClass), bindings, decoratorNamesOf(node.decorators));
    }
    case TSESLint.Scope.DefinitionType.TSEnumName:
      return { kind: 'enum', length: 1 };
    case TSESLint.Scope.DefinitionType.FunctionName:
      return { kind: 'function', length: 1 };
    case TSESLint.Scope.DefinitionType.Variable: {
      const declarator = definition.node;
      const id = declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.id : undefined;
      if (id === undefined) return { kind: 'variable', length: 1 };
      const init = declarator.init ?? iteratedFrom(declarator, sourceCode);
      // A `const` keeps what it was given; a `let` may be given another builder later (`if (x) qb = other`),
      // unless each later assignment only adds steps to the one it holds (`qb = qb.andWhere(…)`).
      const facts = initializerFacts(init, bindings);
      const keeps = declarator.parent.kind === 'const' || onlyExtendsItself(variable);
      return { kind: 'variable', length: 1, ...typeFacts(id.typeAnnotation, bindings), ...(keeps && declarator.init != null ? withClassReceiver(facts, init, bindings) : facts) };
    }
    case TSESLint.Scope.DefinitionType.Parameter: {
      const name = definition.name;
      const parent = name.parent;
      const param = parent.type === AST_NODE_TYPES.TSParameterProperty ? parent : parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === name ? parent : name;
      const decorators = param.type === AST_NODE_TYPES.TSParameterProperty ? param.decorators : name.decorators;
      return { kind: 'parameter', length: 1, ...typeFacts(name.typeAnnotation, bindings), ...decoratorsOf(decorators) };
    }
    default:
      return { kind: 'unbound', length: 1 };
  }
}
