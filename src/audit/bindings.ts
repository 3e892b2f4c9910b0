import { ts } from 'ts-morph';
import { classBinding, importBinding, importedDbLibraries, declaredTypeName, sourceOfName, withChainOrigin, type FileNames, type ImportedName } from '../core/classify/evidence.js';
import { extendsOwnBuilder } from '../core/classify/query.js';
import type { DbLibrary } from '../core/catalogs/db-clients.js';
import type { BindingFact } from '../core/facts.js';
import { projectSourceOf } from '../core/project-modules.js';

/**
 * TypeScript AST → `BindingFact`, the audit's twin of `src/eslint/bindings.ts`: what a chain's
 * root name (or `this.x`) is bound to in its own file, from syntax alone, so both engines hand
 * `core/classify/evidence.ts` the same facts for the same code.
 */

type FileBindings = FileNames;

const perFile = new WeakMap<ts.SourceFile, FileBindings>();
/** A tsconfig's text as TypeScript parses it, for core's `ConfigTextParser`. */
function parseConfigText(file: string, text: string): unknown {
  const read = ts.parseConfigFileTextToJson(file, text);
  return read.error === undefined ? (read.config as unknown) : undefined;
}

const perClass = new WeakMap<ts.ClassLikeDeclaration, ReadonlyMap<string, BindingFact>>();

function fileBindings(file: ts.SourceFile): FileBindings {
  const known = perFile.get(file);
  if (known !== undefined) return known;
  const imports = new Map<string, ImportedName>();
  const localTypes = new Set<string>();
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      if (clause === undefined) continue;
      const source = statement.moduleSpecifier.text;
      const project = projectSourceOf(source, file.fileName, parseConfigText);
      const clauseTypeOnly = clause.phaseModifier === ts.SyntaxKind.TypeKeyword;
      if (clause.name !== undefined) imports.set(clause.name.text, { source, ...project, importedName: 'default', typeOnly: clauseTypeOnly });
      const named = clause.namedBindings;
      if (named !== undefined && ts.isNamespaceImport(named)) imports.set(named.name.text, { source, ...project, importedName: '*', typeOnly: clauseTypeOnly });
      else if (named !== undefined) {
        for (const element of named.elements) {
          imports.set(element.name.text, { source, ...project, importedName: (element.propertyName ?? element.name).text, typeOnly: clauseTypeOnly || element.isTypeOnly });
        }
      }
      continue;
    }
    if ((ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name !== undefined) {
      localTypes.add(statement.name.text);
    }
  }
  const bindings = { imports, localTypes };
  perFile.set(file, bindings);
  return bindings;
}

const sourcesPerFile = new WeakMap<ts.SourceFile, ReadonlyMap<string, string>>();

/** The database libraries the file imports from (`ChainFact.fileLibraries`). */
export function fileDbLibraries(file: ts.SourceFile): readonly DbLibrary[] {
  return importedDbLibraries(fileBindings(file));
}

/** The file's imported local names → the module each comes from. */
export function importSources(file: ts.SourceFile): ReadonlyMap<string, string> {
  let sources = sourcesPerFile.get(file);
  if (sources === undefined) {
    sources = new Map([...fileBindings(file).imports].map(([name, info]) => [name, info.source]));
    sourcesPerFile.set(file, sources);
  }
  return sources;
}

function dotted(node: ts.Node): string {
  if (ts.isIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(node)) {
    const left = dotted(node.expression);
    return left === '' ? '' : `${left}.${node.name.text}`;
  }
  if (ts.isNonNullExpression(node) || ts.isAsExpression(node) || ts.isParenthesizedExpression(node)) return dotted(node.expression);
  return '';
}

function decoratorNames(node: ts.Node): string[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).map((decorator) => dotted(ts.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression)).filter((name) => name !== '');
}

function entityName(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : `${entityName(name.left)}.${name.right.text}`;
}

function typeFacts(type: ts.TypeNode | undefined, bindings: FileBindings): Pick<BindingFact, 'typeName' | 'typeSource' | 'typeArguments'> {
  let node = type;
  if (node !== undefined && ts.isUnionTypeNode(node)) node = node.types.find((member) => ts.isTypeReferenceNode(member));
  if (node === undefined || !ts.isTypeReferenceNode(node)) return {};
  const full = entityName(node.typeName);
  const typeName = declaredTypeName(full, bindings);
  const typeSource = sourceOfName(full, bindings);
  const typeArguments = (node.typeArguments ?? []).flatMap((argument) => (ts.isTypeReferenceNode(argument) && ts.isIdentifier(argument.typeName) ? [argument.typeName.text] : []));
  return { typeName, ...(typeSource === undefined ? {} : { typeSource }), ...(typeArguments.length > 0 ? { typeArguments } : {}) };
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isAwaitExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) || ts.isParenthesizedExpression(current) || ts.isSatisfiesExpression(current)) current = current.expression;
  return current;
}

function initializerFacts(value: ts.Expression | undefined, bindings: FileBindings): Pick<BindingFact, 'initializer'> {
  if (value === undefined) return {};
  const expr = unwrap(value);
  if (!ts.isNewExpression(expr) && !ts.isCallExpression(expr)) return {};
  const name = calleeName(expr.expression);
  if (name === '') return {};
  const source = sourceOfName(name, bindings);
  const calls = ts.isCallExpression(expr) ? calledMethods(expr) : [];
  return { initializer: { kind: ts.isNewExpression(expr) ? 'new' : 'call', name, ...(source === undefined || source === 'local' ? {} : { source }), ...(calls.length > 1 ? { calls } : {}) } };
}

/** An initialiser's callee as `BindingFact.initializer.name` spells it: dotted, a part after a call with its leading dot (`.getRepository`). */
function calleeName(node: ts.Node): string {
  if (ts.isNonNullExpression(node) || ts.isAsExpression(node) || ts.isParenthesizedExpression(node)) return calleeName(node.expression);
  if (ts.isPropertyAccessExpression(node) && !ts.isPrivateIdentifier(node.name)) return `${calleeName(node.expression)}.${node.name.text}`;
  return dotted(node);
}

/** The callee of the first call of a chain of calls: `this.users` + `createQueryBuilder` of `this.users.createQueryBuilder('u').where(…)`. */
function firstCallee(expr: ts.Node): ts.Node | undefined {
  let callee: ts.Node | undefined;
  for (let current: ts.Node = expr; ;) {
    if (ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current) || ts.isParenthesizedExpression(current) || ts.isAwaitExpression(current)) {
      current = current.expression;
    } else if (ts.isCallExpression(current)) {
      callee = current.expression;
      current = current.expression;
    } else if (ts.isPropertyAccessExpression(current)) {
      current = current.expression;
    } else {
      return callee;
    }
  }
}

/** The method `m` of `this.m(…)`, the callee of a chain's first call; undefined for any other callee. */
function ownMethodOf(callee: ts.Node | undefined): string | undefined {
  return callee !== undefined && ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(callee.name) ? callee.name.text : undefined;
}

/** The member `x` of `this.x.method(…)`, the callee of a chain's first call; undefined for any other callee. */
function thisMemberCalled(callee: ts.Node | undefined): string | undefined {
  const object = callee !== undefined && ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
  return object !== undefined && ts.isPropertyAccessExpression(object) && object.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(object.name) ? object.name.text : undefined;
}

/** The call chain a method of the class returns, directly or through one `const` of its body (`const qb = this.users.createQueryBuilder('u'); return qb;`). */
function returnedChain(owner: ts.ClassLikeDeclaration, method: string): ts.Expression | undefined {
  const definition = owner.members.find((member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && !member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword) && ts.isIdentifier(member.name) && member.name.text === method);
  const body = definition?.body?.statements;
  const last = body?.[body.length - 1];
  if (last === undefined || !ts.isReturnStatement(last) || last.expression === undefined) return undefined;
  let returned: ts.Expression = last.expression;
  if (ts.isIdentifier(returned)) {
    const name = returned.text;
    const held = body?.flatMap((statement) => (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.Const) !== 0 ? [...statement.declarationList.declarations] : [])).find((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === name);
    if (held?.initializer === undefined) return undefined;
    returned = held.initializer;
  }
  return returned;
}

/**
 * A variable's initialiser facts with the class member its chain starts from (`BindingFact.initializer.receiver`),
 * following a call of a method of the class to the chain it returns (`returned`).
 */
function withClassReceiver(facts: Pick<BindingFact, 'initializer'>, init: ts.Expression | undefined, bindings: FileBindings): Pick<BindingFact, 'initializer'> {
  const initializer = facts.initializer;
  const owner = init === undefined ? undefined : enclosingClass(init);
  if (initializer?.kind !== 'call' || init === undefined || owner === undefined) return facts;
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
function calledMethods(call: ts.CallExpression): string[] {
  const names: string[] = [];
  for (let current: ts.Node = call; ;) {
    if (ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isParenthesizedExpression(current)) {
      current = current.expression;
    } else if (ts.isCallExpression(current)) {
      const callee = current.expression;
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) names.unshift(callee.name.text);
      else if (ts.isIdentifier(callee)) names.unshift(callee.text);
      current = callee;
    } else if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
      current = current.expression;
    } else {
      return names;
    }
  }
}

function classMembers(node: ts.ClassLikeDeclaration, bindings: FileBindings): ReadonlyMap<string, BindingFact> {
  const known = perClass.get(node);
  if (known !== undefined) return known;
  const members = new Map<string, BindingFact>();
  const constructorParams = new Map<string, BindingFact>();
  const decorated = (target: ts.Node): Pick<BindingFact, 'decorators'> => {
    const names = decoratorNames(target);
    return names.length > 0 ? { decorators: names } : {};
  };
  for (const member of node.members) {
    if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name)) {
      members.set(member.name.text, { kind: 'field', length: 2, ...typeFacts(member.type, bindings), ...initializerFacts(member.initializer, bindings), ...decorated(member) });
      continue;
    }
    if (!ts.isConstructorDeclaration(member)) continue;
    for (const param of member.parameters) {
      if (!ts.isIdentifier(param.name)) continue;
      const fact: BindingFact = { kind: 'field', length: 2, ...typeFacts(param.type, bindings), ...decorated(param) };
      const isProperty = (ts.getCombinedModifierFlags(param) & (ts.ModifierFlags.ParameterPropertyModifier)) !== 0;
      if (isProperty) members.set(param.name.text, fact);
      else constructorParams.set(param.name.text, fact);
    }
    for (const statement of member.body?.statements ?? []) {
      if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression) || statement.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const { left, right } = statement.expression;
      if (!ts.isPropertyAccessExpression(left) || left.expression.kind !== ts.SyntaxKind.ThisKeyword) continue;
      const name = left.name.text;
      const existing = members.get(name);
      if (existing?.typeName !== undefined) continue;
      const fromParam = ts.isIdentifier(right) ? constructorParams.get(right.text) : undefined;
      const fact: BindingFact = fromParam ?? { kind: 'field', length: 2, ...initializerFacts(right, bindings) };
      members.set(name, existing === undefined ? fact : { ...existing, ...fact });
    }
  }
  perClass.set(node, members);
  return members;
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent as ts.Node | undefined; current !== undefined; current = current.parent) {
    if (ts.isClassDeclaration(current) || ts.isClassExpression(current)) return current;
    if (ts.isFunctionDeclaration(current) || (ts.isFunctionExpression(current) && !ts.isMethodDeclaration(current.parent) && !ts.isPropertyAssignment(current.parent))) return undefined;
  }
  return undefined;
}

/** The binding of `this.<name>` at `node`: a member of the enclosing class, if it declares one. */
export function memberBinding(node: ts.Node, name: string): BindingFact | undefined {
  const owner = enclosingClass(node);
  if (owner === undefined) return undefined;
  return classMembers(owner, fileBindings(node.getSourceFile())).get(name);
}

/** Does a declared name (`x`, `{ a, b: [c] }`, `...rest`) bind `name`? */
function bindsName(declared: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(declared)) return declared.text === name;
  return declared.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, name));
}

/** The declaration of `name` visible at `node`: parameters and variables of the enclosing functions and blocks, then the file's top level. */
function findDeclaration(node: ts.Node, name: string): ts.Node | undefined {
  for (let current = node.parent as ts.Node | undefined; current !== undefined; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      const param = current.parameters.find((candidate) => bindsName(candidate.name, name));
      if (param !== undefined) return param;
      // A named function expression or class expression binds its own name inside itself.
      if (ts.isFunctionExpression(current) && current.name?.text === name) return current;
    }
    if ((ts.isForOfStatement(current) || ts.isForInStatement(current) || ts.isForStatement(current)) && current.initializer !== undefined && ts.isVariableDeclarationList(current.initializer)) {
      const declaration = current.initializer.declarations.find((candidate) => bindsName(candidate.name, name));
      if (declaration !== undefined) return declaration;
    }
    if (ts.isCatchClause(current) && current.variableDeclaration !== undefined && bindsName(current.variableDeclaration.name, name)) return current.variableDeclaration;
    if (ts.isBlock(current) || ts.isSourceFile(current) || ts.isModuleBlock(current) || ts.isCaseClause(current) || ts.isDefaultClause(current)) {
      for (const statement of current.statements) {
        if (ts.isVariableStatement(statement)) {
          const declaration = statement.declarationList.declarations.find((candidate) => bindsName(candidate.name, name));
          if (declaration !== undefined) return declaration;
        } else if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name?.text === name) {
          return statement;
        }
      }
    }
  }
  return undefined;
}

/** The declaration an identifier refers to in its own file (parameter, variable, class, function, enum), by syntax alone. */
export function localDeclarationOf(identifier: ts.Identifier): ts.Node | undefined {
  return findDeclaration(identifier, identifier.text);
}

/**
 * Every assignment to the variable in the block that declares it gives it a chain that starts with
 * itself and only adds steps to it (core `extendsOwnBuilder`): `qb = qb.andWhere(…)`, not
 * `qb = qb.from(Order, 'o')`; any other write (a destructuring, a `for…of` head, `||=`, `++`) may
 * give it anything. By name, as the scope analysis of the ESLint side finds them (a shadowing
 * declaration's assignments count too, which only keeps fewer variables).
 */
function onlyExtendsItself(declaration: ts.VariableDeclaration, name: string): boolean {
  let scope: ts.Node = declaration;
  while (!ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isFunctionLike(scope)) scope = scope.parent;
  const named = (node: ts.Node): boolean => {
    const inner = skipParentheses(node as ts.Expression);
    return ts.isIdentifier(inner) && inner.text === name;
  };
  let extendsOnly = true;
  const visit = (node: ts.Node): void => {
    if (!extendsOnly) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      if (named(node.left)) {
        const chain = node.operatorToken.kind === ts.SyntaxKind.EqualsToken ? selfChain(node.right) : undefined;
        if (chain?.root !== name || !extendsOwnBuilder(chain.steps)) extendsOnly = false;
      } else if (ts.isArrayLiteralExpression(node.left) || ts.isObjectLiteralExpression(node.left)) {
        if (writesName(node.left, name)) extendsOnly = false;
      }
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && named(node.operand)) extendsOnly = false;
    else if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer) && (named(node.initializer) || writesName(node.initializer, name))) extendsOnly = false;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(scope, visit);
  return extendsOnly;
}

/** A destructuring target names the variable: `[qb] = …`, `({ qb } = …)`. */
function writesName(target: ts.Node, name: string): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === name && !(ts.isPropertyAssignment(node.parent) && node.parent.name === node)) found = true;
    ts.forEachChild(node, visit);
  };
  visit(target);
  return found;
}

function skipParentheses(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) ? skipParentheses(node.expression) : node;
}

/** The identifier a member or call chain starts with and the member names after it: `qb`, `[andWhere, orderBy]` for `qb.andWhere(…).orderBy(…)`. */
function selfChain(node: ts.Expression): { readonly root: string; readonly steps: readonly string[] } | undefined {
  const steps: string[] = [];
  let current: ts.Expression = node;
  for (;;) {
    if (ts.isIdentifier(current)) return { root: current.text, steps: steps.reverse() };
    if (ts.isCallExpression(current)) current = current.expression;
    else if (ts.isPropertyAccessExpression(current)) {
      steps.push(current.name.text);
      current = current.expression;
    } else if (ts.isElementAccessExpression(current)) {
      steps.push(ts.isStringLiteralLike(current.argumentExpression) ? current.argumentExpression.text : '');
      current = current.expression;
    } else if (ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
    else return undefined;
  }
}

function iteratedFrom(declaration: ts.VariableDeclaration): ts.Expression | undefined {
  const loop = declaration.parent.parent;
  if (!ts.isForOfStatement(loop)) return undefined;
  const iterated = unwrap(loop.expression);
  if (!ts.isIdentifier(iterated)) return iterated;
  const source = findDeclaration(loop, iterated.text);
  return source !== undefined && ts.isVariableDeclaration(source) ? source.initializer : undefined;
}

/** The binding of an identifier: import, class, enum, function, variable or parameter; `unbound` for globals. */
export function identifierBinding(identifier: ts.Identifier): BindingFact {
  const bindings = fileBindings(identifier.getSourceFile());
  const name = identifier.text;
  const declaration = findDeclaration(identifier, name);
  if (declaration === undefined) {
    const info = bindings.imports.get(name);
    if (info === undefined) return { kind: 'unbound', length: 1 };
    return importBinding(info);
  }
  if (ts.isClassDeclaration(declaration)) {
    const heritage = declaration.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    return classBinding(heritage === undefined ? '' : dotted(heritage.expression), bindings, decoratorNames(declaration));
  }
  if (ts.isEnumDeclaration(declaration)) return { kind: 'enum', length: 1 };
  if (ts.isFunctionDeclaration(declaration) || ts.isFunctionExpression(declaration)) return { kind: 'function', length: 1 };
  if (ts.isParameter(declaration)) {
    if (!ts.isIdentifier(declaration.name)) return { kind: 'parameter', length: 1 };
    const decorators = decoratorNames(declaration);
    return { kind: 'parameter', length: 1, ...typeFacts(declaration.type, bindings), ...(decorators.length > 0 ? { decorators } : {}) };
  }
  if (ts.isVariableDeclaration(declaration)) {
    // A catch clause's parameter: what it holds is whatever was thrown.
    if (ts.isCatchClause(declaration.parent)) return { kind: 'unbound', length: 1 };
    if (!ts.isIdentifier(declaration.name)) return { kind: 'variable', length: 1 };
    const init = declaration.initializer ?? iteratedFrom(declaration);
    // A `const` keeps what it was given; a `let` may be given another builder later (`if (x) qb = other`),
    // unless each later assignment only adds steps to the one it holds (`qb = qb.andWhere(…)`).
    const facts = initializerFacts(init, bindings);
    const isConst = ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
    const keeps = isConst || onlyExtendsItself(declaration, declaration.name.text);
    return { kind: 'variable', length: 1, ...typeFacts(declaration.type, bindings), ...(keeps && declaration.initializer !== undefined ? withClassReceiver(facts, init, bindings) : facts) };
  }
  return { kind: 'unbound', length: 1 };
}
