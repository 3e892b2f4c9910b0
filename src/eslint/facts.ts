import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { chainConsumesPromise, isPromiseSink } from '../core/classify/loop.js';
import { makesSqlText, takesSqlText } from '../core/classify/query.js';
import { CONSTANT_NAME, MAX_READS, type BindingFact, type ChainFact, type ChainSegment, type ElementAccess, type PropertyFact, type TypeHint, type ValueFact } from '../core/facts.js';
import { isFunction, oncePerFile, walk, type FunctionNode } from './ast.js';
import { fileDbLibraries, identifierBinding, memberBinding } from './bindings.js';
import type { TypedContext } from './typed.js';

/**
 * ESTree → core facts. Rules never judge ESTree shapes themselves: they turn a node into a
 * `ChainFact` / `ValueFact` here and ask `core/classify`.
 */

export type CallLike = TSESTree.CallExpression | TSESTree.TaggedTemplateExpression | TSESTree.NewExpression;

export interface ChainInfo {
  readonly fact: ChainFact;
  /** The node naming each segment (identifier, property, `this`), for typed look-ups and reports. */
  readonly nodes: readonly (TSESTree.Node | undefined)[];
  /** The call node of each segment that is called. */
  readonly calls: readonly (CallLike | undefined)[];
}

const MAX_DEPTH = 4;
const MAX_ITEMS = 64;

/** Strips TypeScript-only wrappers and optional chains: `x!`, `x as T`, `<T>x`, `x satisfies T`, `a?.b`. */
export function skipWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** `x`, `x.a[0].b`, `(x as T).a`: the identifier a member chain starts from. */
export function rootIdentifierOf(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current = skipWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipWrappers(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

/**
 * The function of this file an identifier names: a function declaration, or a variable whose
 * initialiser is a function (`const f = async () => …`; `let` too unless `constOnly`).
 */
export function localFunctionNamed(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>, constOnly = false): FunctionNode | undefined {
  const definition = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name)?.defs[0];
  if (definition?.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || (constOnly && (definition.parent?.type !== AST_NODE_TYPES.VariableDeclaration || definition.parent.kind !== 'const'))) return undefined;
  const init = definition.node.init == null ? undefined : skipWrappers(definition.node.init);
  return init !== undefined && isFunction(init) ? init : undefined;
}

/** The parent, skipping the same wrappers upwards. */
export function parentOf(node: TSESTree.Node): TSESTree.Node | undefined {
  let parent = node.parent;
  while (
    parent !== undefined &&
    (parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    parent = parent.parent;
  }
  return parent;
}

/** The static name of a member's property: `a.b` → `b`, `a['b']` → `b`, `a.#b` → `#b`, `a[x]` → ``. */
export function propertyName(member: TSESTree.MemberExpression): string {
  const { property } = member;
  if (!member.computed) {
    return property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${property.name}` : property.type === AST_NODE_TYPES.Identifier ? property.name : '';
  }
  if (property.type === AST_NODE_TYPES.Literal && (typeof property.value === 'string' || typeof property.value === 'number')) return String(property.value);
  if (property.type === AST_NODE_TYPES.TemplateLiteral && property.expressions.length === 0) return property.quasis[0]?.value.cooked ?? '';
  return '';
}

/** The name a callee calls: `verify` for `verify(…)` and `jwt.verify(…)` (`propertyName`), `` for any other callee. */
export function calleeName(callee: TSESTree.Node): string {
  return callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : '';
}

/**
 * Is `node` the outermost node of its chain? `a.b().c()` has one chain; its inner `a.b()` is not
 * outermost. Only outermost chains are classified, so one query is one report.
 */
export function isOutermostChain(node: CallLike): boolean {
  const parent = parentOf(node);
  if (parent === undefined) return true;
  if (parent.type === AST_NODE_TYPES.MemberExpression && skipWrappers(parent.object) === node) return false;
  if ((parent.type === AST_NODE_TYPES.CallExpression && skipWrappers(parent.callee) === node) || (parent.type === AST_NODE_TYPES.TaggedTemplateExpression && skipWrappers(parent.tag) === node)) return false;
  return true;
}

/** Segment names of a chain, root first, without building argument facts (cheap pre-filter). */
export function chainNames(node: TSESTree.Node): string[] {
  const names: string[] = [];
  let current: TSESTree.Node | undefined = skipWrappers(node);
  while (current !== undefined) {
    switch (current.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        current = skipWrappers(current.callee);
        break;
      case AST_NODE_TYPES.TaggedTemplateExpression:
        current = skipWrappers(current.tag);
        break;
      case AST_NODE_TYPES.MemberExpression:
        names.push(propertyName(current));
        current = skipWrappers(current.object);
        break;
      case AST_NODE_TYPES.Identifier:
        names.push(current.name);
        current = undefined;
        break;
      case AST_NODE_TYPES.ThisExpression:
        names.push('this');
        current = undefined;
        break;
      case AST_NODE_TYPES.AwaitExpression:
        current = skipWrappers(current.argument);
        break;
      default:
        names.push('');
        current = undefined;
    }
  }
  return names.reverse();
}

/** Dotted text of a callee or member: `this.logger.info`, `req.log.error`; `` for other shapes. */
export function dottedName(node: TSESTree.Node): string {
  return chainNames(node).join('.');
}

/** The innermost function around `node`, if any. */
export function enclosingFunction(node: TSESTree.Node): TSESTree.FunctionLike | undefined {
  // The Program's parent is `null` at run time, whatever the types say.
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      return current;
    }
  }
  return undefined;
}

/**
 * Is the value of this expression consumed as a promise: awaited, yielded, `.then`-ed, returned
 * from an async function, handed to `Promise.all`/`push`, or returned from a callback whose call
 * is itself consumed that way (`Promise.all(ids.map((id) => repo.findById(id)))`)?
 */
export function isAwaitedChain(node: TSESTree.Node, names: readonly string[], depth = 0): boolean {
  if (chainConsumesPromise(names)) return true;
  const parent = parentOf(node);
  if (parent === undefined || depth > 4) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.YieldExpression:
      return true;
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ArrowFunctionExpression: {
      const fn = parent.type === AST_NODE_TYPES.ArrowFunctionExpression ? parent : enclosingFunction(parent);
      if (fn === undefined || (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body !== node)) return false;
      if (fn.async) return true;
      // A callback's return value flows into its call: `xs.map((x) => q(x))` inside `Promise.all`.
      const call = parentOf(fn);
      return call?.type === AST_NODE_TYPES.CallExpression && call.arguments.some((arg) => skipWrappers(arg) === fn) && isAwaitedChain(call, [], depth + 1);
    }
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.CallExpression: {
      const call = parent.type === AST_NODE_TYPES.ArrayExpression ? parentOf(parent) : parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || skipWrappers(call.callee) === node) return false;
      const callee = chainNames(call.callee);
      return isPromiseSink(callee[callee.length - 1] ?? '');
    }
    default:
      return false;
  }
}

/** `node`'s value initialises a variable or is assigned to one (`ChainFact.assigned`). */
export function isAssignedValue(node: TSESTree.Node): boolean {
  const parent = parentOf(node);
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator) return parent.init !== null && skipWrappers(parent.init) === node;
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && skipWrappers(parent.right) === node;
}

/**
 * The method whose call takes `node`'s value as an argument (`ChainFact.argumentOf`): directly, or
 * through an array element, an object property's value or a branch of `c ? a : b` / `a ?? b`.
 */
export function argumentOfCall(node: TSESTree.Node): string | undefined {
  let child: TSESTree.Node = node;
  for (let depth = 0; depth < 6; depth += 1) {
    const parent = parentOf(child);
    if (parent === undefined) return undefined;
    switch (parent.type) {
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.SpreadElement:
      case AST_NODE_TYPES.LogicalExpression:
        child = parent;
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        if (skipWrappers(parent.test) === child) return undefined;
        child = parent;
        break;
      case AST_NODE_TYPES.Property:
        if (skipWrappers(parent.value) !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
        child = parent.parent;
        break;
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipWrappers(parent.callee);
        if (callee === child || callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
        const name = propertyName(callee);
        return name === '' && callee.computed ? '[]' : name;
      }
      default:
        return undefined;
    }
  }
  return undefined;
}

/** The value of the `const` an identifier names (wrappers skipped), and whether it is declared at module level (exported or not). */
export function constOf(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): { readonly init: TSESTree.Node; readonly topLevel: boolean } | undefined {
  const declarator = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name)?.defs[0]?.node;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init == null || declarator.parent.kind !== 'const') return undefined;
  return { init: skipWrappers(declarator.init), topLevel: isModuleLevelDeclaration(declarator.parent) };
}

/** A declaration written at the module's top level, exported or not (`const X = …`, `export let y`). */
export function isModuleLevelDeclaration(declaration: TSESTree.VariableDeclaration): boolean {
  const statement = declaration.parent;
  return statement.type === AST_NODE_TYPES.Program || (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.parent.type === AST_NODE_TYPES.Program);
}

export interface FactOptions {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly typed?: TypedContext | undefined;
  /** Compute type hints (array? scalar?) for identifier and member arguments. */
  readonly typeHints?: boolean;
  /** Called with every chain built on the way, nested ones included (typed resolvers map facts back to nodes). */
  readonly onChain?: (info: ChainInfo) => void;
}

/**
 * Adds `typeHint` to a fact as a lazy, memoised property: asking the checker for the type of an
 * argument (`{ where: { id } }` against an ORM's overloads) is the most expensive step of typed
 * linting, and classifiers read the hint of few values, so it is computed only when read.
 */
function withTypeHint<Fact extends ValueFact>(fact: Fact, node: TSESTree.Node, options: FactOptions): Fact {
  const typed = options.typed;
  if (options.typeHints !== true || typed === undefined) return fact;
  let hint: { readonly value: TypeHint | undefined } | undefined;
  return Object.defineProperty(fact, 'typeHint', {
    enumerable: true,
    get: (): TypeHint | undefined => (hint ??= { value: typed.typeHint(node) }).value,
  });
}

/** Turns an expression into a `ValueFact`, bounded in depth and width. */
export function valueFact(node: TSESTree.Node, options: FactOptions, depth = 0): ValueFact {
  const expr = skipWrappers(node);
  if (depth > MAX_DEPTH) return tooDeep(expr);
  switch (expr.type) {
    case AST_NODE_TYPES.Literal:
      if (typeof expr.value === 'string') return { kind: 'string', text: expr.value };
      if (typeof expr.value === 'number') return { kind: 'number', value: expr.value };
      if (typeof expr.value === 'bigint') return { kind: 'number' };
      if (typeof expr.value === 'boolean') return { kind: 'boolean', value: expr.value };
      if (expr.value === null && !('regex' in expr)) return { kind: 'null' };
      return { kind: 'other' };
    case AST_NODE_TYPES.TemplateLiteral: {
      const quasis = expr.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw);
      return {
        kind: 'template',
        text: quasis.join('?'),
        expressions: expr.expressions.slice(0, MAX_ITEMS).map((item) => valueFact(item, options, depth + 1)),
        quasis,
      };
    }
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return {
        kind: 'template',
        text: expr.quasi.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('?'),
        expressions: expr.quasi.expressions.slice(0, MAX_ITEMS).map((item) => valueFact(item, options, depth + 1)),
        tag: dottedName(expr.tag),
      };
    case AST_NODE_TYPES.ArrayExpression:
      return {
        kind: 'array',
        elements: expr.elements.slice(0, MAX_ITEMS).flatMap((element) =>
          element === null ? [] : [valueFact(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, options, depth + 1)]),
      };
    case AST_NODE_TYPES.ObjectExpression: {
      const properties: PropertyFact[] = [];
      const spreads: ValueFact[] = [];
      for (const property of expr.properties.slice(0, MAX_ITEMS)) {
        if (property.type === AST_NODE_TYPES.SpreadElement) {
          spreads.push(valueFact(property.argument, options, depth + 1));
          continue;
        }
        const choices = property.computed && skipWrappers(property.key).type === AST_NODE_TYPES.ConditionalExpression ? literalChoices(property.key) : undefined;
        properties.push({ key: propertyKey(property), ...(choices === undefined ? {} : { keyChoices: choices }), value: valueFact(property.value, options, depth + 1), shorthand: property.shorthand });
      }
      return { kind: 'object', properties, spreads };
    }
    case AST_NODE_TYPES.Identifier: {
      if (expr.name === 'undefined') return { kind: 'undefined' };
      const constText = moduleConstText(options.sourceCode, [expr.name]);
      return withTypeHint({ kind: 'identifier', name: expr.name, ...(constText === undefined ? {} : { constText }) }, expr, options);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const names = chainNames(expr);
      if (names.includes('') && names[0] !== '') {
        const element = elementAccess(expr);
        return element === undefined ? { kind: 'other' } : { kind: 'other', element };
      }
      const constText = moduleConstText(options.sourceCode, names);
      return withTypeHint({ kind: 'member', path: names, ...(constText === undefined ? {} : { constText }) }, expr, options);
    }
    case AST_NODE_TYPES.ConditionalExpression:
      return withTypeHint({ kind: 'other', branches: [valueFact(expr.consequent, options, depth + 1), valueFact(expr.alternate, options, depth + 1)] }, expr, options);
    case AST_NODE_TYPES.ThisExpression:
      return { kind: 'identifier', name: 'this' };
    case AST_NODE_TYPES.CallExpression:
      return { kind: 'call', chain: buildChain(expr, options, depth + 1).fact };
    case AST_NODE_TYPES.NewExpression:
      return { kind: 'new', className: dottedName(expr.callee), args: expr.arguments.slice(0, MAX_ITEMS).map((arg) => valueFact(arg, options, depth + 1)) };
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return { kind: 'function' };
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return {
        kind: 'binary',
        operator: expr.operator,
        left: expr.left.type === AST_NODE_TYPES.PrivateIdentifier ? { kind: 'other' } : valueFact(expr.left, options, depth + 1),
        right: valueFact(expr.right, options, depth + 1),
      };
    case AST_NODE_TYPES.AwaitExpression:
      return valueFact(expr.argument, options, depth);
    case AST_NODE_TYPES.UnaryExpression:
      // `-4`: a negative number literal keeps its value (`token.slice(-4)`).
      if (expr.operator === '-' && expr.argument.type === AST_NODE_TYPES.Literal && typeof expr.argument.value === 'number') return { kind: 'number', value: -expr.argument.value };
      return expr.operator === '!' ? { kind: 'boolean' } : expr.operator === 'void' ? { kind: 'undefined' } : expr.operator === 'typeof' ? { kind: 'string', text: '' } : { kind: 'number' };
    default: {
      return withTypeHint({ kind: 'other' }, expr, options);
    }
  }
}

/** A value nested too deep to describe: `other`, with the names it reads (`ValueFact` `reads`). */
function tooDeep(node: TSESTree.Node): ValueFact {
  const names = new Set<string>();
  collectReads(node, names);
  return names.size === 0 ? { kind: 'other' } : { kind: 'other', reads: [...names].sort() };
}

/** The references of an expression (not property names), outside nested functions and types, up to `MAX_READS`. */
function collectReads(root: TSESTree.Node, names: Set<string>): void {
  walk(root, (node) => {
    if (names.size >= MAX_READS || isFunction(node) || node.type === AST_NODE_TYPES.ClassExpression || node.type === AST_NODE_TYPES.MetaProperty) return false;
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        if (node.name !== 'undefined') names.add(node.name);
        return false;
      case AST_NODE_TYPES.MemberExpression:
        collectReads(node.object, names);
        if (node.computed) collectReads(node.property, names);
        return false;
      case AST_NODE_TYPES.Property:
        if (node.computed) collectReads(node.key, names);
        collectReads(node.value, names);
        return false;
      default:
        return true;
    }
  });
}

/**
 * `xs[i].name`, `this.items[key]`: an element taken by a variable key from a list named by a member
 * path (`ElementAccess`); undefined for any other computed access (`xs[i + 1]`, `f()[i]`, `a[i][j]`).
 */
function elementAccess(expr: TSESTree.MemberExpression): ElementAccess | undefined {
  const path: string[] = [];
  let current: TSESTree.Node = expr;
  while (current.type === AST_NODE_TYPES.MemberExpression && !(current.computed && propertyName(current) === '')) {
    path.unshift(propertyName(current));
    current = skipWrappers(current.object);
  }
  if (current.type !== AST_NODE_TYPES.MemberExpression || current.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const list = memberPath(current.object);
  return list === undefined ? undefined : { list, index: current.property.name, path };
}

/** The names of `a`, `this.a`, `a.b.c`: identifiers and non-computed members only. */
export function memberPath(node: TSESTree.Node): string[] | undefined {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return [inner.name];
  if (inner.type === AST_NODE_TYPES.ThisExpression) return ['this'];
  if (inner.type !== AST_NODE_TYPES.MemberExpression || inner.computed || inner.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const object = memberPath(inner.object);
  return object === undefined ? undefined : [...object, inner.property.name];
}

/** The string literals a conditional picks between (`cond ? 'spaceId' : 'baseId'`, nested too); undefined for any other expression. */
function literalChoices(raw: TSESTree.Node): string[] | undefined {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? [node.value] : undefined;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.expressions.length === 0 ? [node.quasis[0]?.value.cooked ?? ''] : undefined;
  if (node.type !== AST_NODE_TYPES.ConditionalExpression) return undefined;
  const consequent = literalChoices(node.consequent);
  const alternate = literalChoices(node.alternate);
  return consequent === undefined || alternate === undefined ? undefined : [...consequent, ...alternate];
}

function propertyKey(property: TSESTree.Property): string | undefined {
  const { key } = property;
  if (!property.computed) {
    if (key.type === AST_NODE_TYPES.Identifier) return key.name;
    if (key.type === AST_NODE_TYPES.Literal) return String(key.value);
    return undefined;
  }
  if (key.type === AST_NODE_TYPES.Literal) return String(key.value);
  if (key.type === AST_NODE_TYPES.MemberExpression) {
    const names = chainNames(key);
    return names.includes('') ? undefined : names.join('.');
  }
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function argsOf(node: CallLike, options: FactOptions, depth: number): { args: ValueFact[]; tagged?: boolean } {
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) return { args: [valueFact(node.quasi, options, depth)], tagged: true };
  const args = node.arguments.slice(0, MAX_ITEMS).map((arg) => valueFact(arg.type === AST_NODE_TYPES.SpreadElement ? arg.argument : arg, options, depth));
  const first = node.arguments[0];
  if (first?.type === AST_NODE_TYPES.Identifier && node.type === AST_NODE_TYPES.CallExpression && depth <= MAX_DEPTH) {
    const held = constSqlArgument(first, node, options, depth);
    if (held !== undefined) args[0] = withTypeHint({ kind: 'identifier', name: first.name, ...held }, first, options);
  }
  return { args };
}

/**
 * The SQL text argument of a raw query call held in a `const`: the query builder whose text it is
 * (`ValueFact.builtFrom`: `const sql = knex('t').whereIn('id', ids).toQuery()`), or the text itself
 * (`ValueFact.sqlText`: `const q = \`SELECT …\``, read without type hints: only the text is wanted).
 */
function constSqlArgument(identifier: TSESTree.Identifier, call: TSESTree.CallExpression, options: FactOptions, depth: number): { builtFrom: ChainFact } | { sqlText: string } | undefined {
  const callee = chainNames(call.callee);
  if (!takesSqlText(callee[callee.length - 1] ?? '')) return undefined;
  const init = constOf(identifier, options.sourceCode)?.init;
  if (init?.type === AST_NODE_TYPES.CallExpression) return makesSqlText(chainNames(init)) ? { builtFrom: buildChain(init, options, depth + 1).fact } : undefined;
  if (init?.type !== AST_NODE_TYPES.Literal && init?.type !== AST_NODE_TYPES.TemplateLiteral) return undefined;
  const value = valueFact(init, { sourceCode: options.sourceCode }, depth + 1);
  return value.kind === 'string' || value.kind === 'template' ? { sqlText: value.text } : undefined;
}

/** Module the identifier was imported from, if it is an import binding in scope. */
export function importSourceOf(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  // A name no import declaration binds cannot resolve to an import: no scope look-up for it.
  const imported = importedNamesOf(sourceCode.ast);
  if (imported !== null && !imported.has(identifier.name)) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
  const definition = variable?.defs[0];
  if (definition?.type !== TSESLint.Scope.DefinitionType.ImportBinding) return undefined;
  const declaration = definition.parent;
  return declaration.type === AST_NODE_TYPES.ImportDeclaration ? declaration.source.value : undefined;
}

const importedNames = new WeakMap<TSESTree.Program, ReadonlySet<string> | null>();

/**
 * The local names the file's import declarations bind, once per file; null when the file declares
 * modules or namespaces (`declare module 'x' { import … }`), whose imports are not at the top level.
 */
function importedNamesOf(program: TSESTree.Program): ReadonlySet<string> | null {
  return oncePerFile(importedNames, program, () => {
    const names = new Set<string>();
    for (const statement of program.body) {
      if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
        for (const specifier of statement.specifiers) names.add(specifier.local.name);
      } else if (statement.type === AST_NODE_TYPES.TSModuleDeclaration || (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration?.type === AST_NODE_TYPES.TSModuleDeclaration)) {
        return null;
      }
    }
    return names;
  });
}

/** Chains built without type hints or callbacks, per file: the rules linting a file ask for the same calls. */
const plainChains = new WeakMap<TSESTree.Program, Map<CallLike, ChainInfo>>();

/** Builds the `ChainFact` of a call (or tagged template, or `new`), root first. */
export function buildChain(node: CallLike, options: FactOptions, depth = 0): ChainInfo {
  const plain = depth === 0 && options.onChain === undefined && (options.typeHints !== true || options.typed === undefined);
  if (!plain) return computeChain(node, options, depth);
  const known = oncePerFile(plainChains, options.sourceCode.ast, () => new Map<CallLike, ChainInfo>());
  const hit = known.get(node);
  if (hit !== undefined) return hit;
  const info = computeChain(node, options, depth);
  known.set(node, info);
  return info;
}

function computeChain(node: CallLike, options: FactOptions, depth: number): ChainInfo {
  const segments: ChainSegment[] = [];
  const nodes: (TSESTree.Node | undefined)[] = [];
  const calls: (CallLike | undefined)[] = [];
  let rootIdentifier: TSESTree.Identifier | undefined;

  const push = (segment: ChainSegment, named: TSESTree.Node | undefined, call: CallLike | undefined): void => {
    segments.push(segment);
    nodes.push(named);
    calls.push(call);
  };
  const attachCall = (call: CallLike): void => {
    const last = segments[segments.length - 1];
    const callFact = argsOf(call, options, depth + 1);
    if (last === undefined || last.call !== undefined) {
      push({ name: '', call: callFact }, undefined, call);
      return;
    }
    segments[segments.length - 1] = { ...last, call: callFact };
    calls[calls.length - 1] = call;
  };
  const visit = (raw: TSESTree.Node): void => {
    const current = skipWrappers(raw);
    switch (current.type) {
      case AST_NODE_TYPES.CallExpression:
        visit(current.callee);
        attachCall(current);
        return;
      case AST_NODE_TYPES.TaggedTemplateExpression:
        visit(current.tag);
        attachCall(current);
        return;
      case AST_NODE_TYPES.NewExpression:
        push({ name: dottedName(current.callee), isNew: true, call: argsOf(current, options, depth + 1) }, current.callee, current);
        return;
      case AST_NODE_TYPES.MemberExpression:
        visit(current.object);
        push({ name: propertyName(current) }, current.property, undefined);
        return;
      case AST_NODE_TYPES.Identifier:
        rootIdentifier = current;
        push({ name: current.name }, current, undefined);
        return;
      case AST_NODE_TYPES.ThisExpression:
        push({ name: 'this' }, current, undefined);
        return;
      case AST_NODE_TYPES.AwaitExpression:
        visit(current.argument);
        return;
      default:
        push({ name: '' }, current, undefined);
    }
  };
  visit(node);
  const names = segments.map((segment) => segment.name);
  const rootImport = rootIdentifier === undefined ? undefined : importSourceOf(rootIdentifier, options.sourceCode);
  const fileLibraries = fileDbLibraries(options.sourceCode);
  const argumentOf = argumentOfCall(node);
  const awaited = isAwaitedChain(node, names);
  const fact: ChainFact = {
    segments,
    awaited,
    ...(rootImport === undefined ? {} : { rootImport }),
    ...(fileLibraries.length === 0 ? {} : { fileLibraries }),
    ...(argumentOf === undefined || argumentOf === '' ? {} : { argumentOf }),
    ...(parentOf(node)?.type === AST_NODE_TYPES.TemplateLiteral ? { interpolated: true } : {}),
    ...(!awaited && isAssignedValue(node) ? { assigned: true } : {}),
  };
  // The receiver's binding (the file's evidence), computed when a classifier first reads it: most
  // chains are judged by their names before any evidence is needed.
  const root = rootIdentifier;
  const member = segments[0]?.name === 'this' && segments.length > 1 ? segments[1]?.name : undefined;
  if ((root !== undefined && segments[0]?.isNew !== true && segments.length > 1) || member !== undefined) {
    let binding: { readonly value: BindingFact | undefined } | undefined;
    Object.defineProperty(fact, 'binding', {
      enumerable: true,
      get: (): BindingFact | undefined =>
        (binding ??= { value: root !== undefined ? identifierBinding(root, options.sourceCode) : memberBinding(node, member ?? '', options.sourceCode) }).value,
    });
  }
  const info: ChainInfo = { fact, nodes, calls };
  options.onChain?.(info);
  return info;
}

const moduleConsts = new WeakMap<TSESTree.Program, ReadonlyMap<string, TSESTree.Expression>>();

/**
 * `ValueFact.constText`: the string a module-level `const` named in capitals binds (`const TABLE =
 * 'feature_types'`), or the string property of such a `const` object (`T.PERMISSIONS`).
 */
function moduleConstText(sourceCode: Readonly<TSESLint.SourceCode>, path: readonly string[]): string | undefined {
  if (path.length > 2 || !path.every((name) => CONSTANT_NAME.test(name))) return undefined;
  const consts = oncePerFile(moduleConsts, sourceCode.ast, () => {
    const found = new Map<string, TSESTree.Expression>();
    for (const statement of sourceCode.ast.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') continue;
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && CONSTANT_NAME.test(declarator.id.name) && declarator.init != null) found.set(declarator.id.name, skipWrappers(declarator.init) as TSESTree.Expression);
      }
    }
    return found;
  });
  let value: TSESTree.Node | undefined = consts.get(path[0] ?? '');
  if (value !== undefined && path.length === 2) {
    const property = value.type === AST_NODE_TYPES.ObjectExpression
      ? value.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && !candidate.computed && propertyKey(candidate) === path[1])
      : undefined;
    value = property?.type === AST_NODE_TYPES.Property ? skipWrappers(property.value) : undefined;
  }
  if (value?.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string' ? value.value : undefined;
  return value?.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0 ? value.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('') : undefined;
}
