import { ts } from 'ts-morph';
import { fileDbLibraries, identifierBinding, importSources, localDeclarationOf, memberBinding } from './bindings.js';
import { makesSqlText, takesSqlText } from '../core/classify/query.js';
import { CONSTANT_NAME, MAX_READS, type ChainFact, type ChainSegment, type ElementAccess, type PropertyFact, type ValueFact } from '../core/facts.js';
import { chainConsumesPromise, classifyIterationCall, isPromiseCombinator, isPromiseSink, type IterationCall, type LoopKind } from '../core/classify/loop.js';

/**
 * TypeScript AST (ts-morph's bundled compiler) → core facts: the same `ChainFact` / `ValueFact`
 * shapes the ESLint side builds from ESTree, so `core/classify` judges both alike.
 */

export type CallLike = ts.CallExpression | ts.TaggedTemplateExpression | ts.NewExpression;

const MAX_DEPTH = 4;
const MAX_ITEMS = 64;

/** Strips TypeScript-only wrappers and parentheses: `x!`, `x as T`, `<T>x`, `x satisfies T`, `(x)`. */
export function skipWrappers(node: ts.Node): ts.Node {
  let current = node;
  while (
    ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current) || ts.isParenthesizedExpression(current) || ts.isExpressionWithTypeArguments(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** The parent, skipping the same wrappers upwards. */
export function parentOf(node: ts.Node): ts.Node | undefined {
  let parent = node.parent as ts.Node | undefined;
  while (parent !== undefined && (ts.isNonNullExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent) || ts.isTypeAssertionExpression(parent) || ts.isParenthesizedExpression(parent))) {
    parent = parent.parent;
  }
  return parent;
}

export function isCallLike(node: ts.Node): node is CallLike {
  return ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node) || ts.isNewExpression(node);
}

/** Is `node` the outermost call of its chain (`a.b().c()` is one chain; `a.b()` inside it is not)? */
export function isOutermostChain(node: CallLike): boolean {
  const parent = parentOf(node);
  if (parent === undefined) return true;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && skipWrappers(parent.expression) === node) return false;
  if ((ts.isCallExpression(parent) && skipWrappers(parent.expression) === node) || (ts.isTaggedTemplateExpression(parent) && skipWrappers(parent.tag) === node)) return false;
  return true;
}

/** The outermost call of the chain `node` belongs to: `Model.findById(id)` in `Model.findById(id).lean().exec()` → the `exec()` call. */
export function outermostChainOf(node: CallLike): CallLike {
  let current: CallLike = node;
  for (let steps = 0; steps < 64 && !isOutermostChain(current); steps += 1) {
    let parent = parentOf(current);
    if (parent !== undefined && (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent))) parent = parentOf(parent);
    if (parent === undefined || !isCallLike(parent)) break;
    current = parent;
  }
  return current;
}

function memberName(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): string {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  const argument = node.argumentExpression;
  if (ts.isStringLiteral(argument) || ts.isNumericLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) return argument.text;
  return '';
}

/** Segment names of a chain, root first (`this.userRepository.findById` → this, userRepository, findById). */
export function chainNames(node: ts.Node): string[] {
  const names: string[] = [];
  let current: ts.Node | undefined = skipWrappers(node);
  while (current !== undefined) {
    if (ts.isCallExpression(current) || ts.isNewExpression(current)) current = skipWrappers(current.expression);
    else if (ts.isTaggedTemplateExpression(current)) current = skipWrappers(current.tag);
    else if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
      names.push(memberName(current));
      current = skipWrappers(current.expression);
    } else if (ts.isIdentifier(current)) {
      names.push(current.text);
      current = undefined;
    } else if (current.kind === ts.SyntaxKind.ThisKeyword) {
      names.push('this');
      current = undefined;
    } else if (ts.isAwaitExpression(current)) current = skipWrappers(current.expression);
    else {
      names.push('');
      current = undefined;
    }
  }
  return names.reverse();
}

export function dottedName(node: ts.Node): string {
  return chainNames(node).join('.');
}

/** The innermost function around `node`, if any. */
export function enclosingFunctionOf(node: ts.Node): FunctionLikeNode | undefined {
  for (let current = node.parent as ts.Node | undefined; current !== undefined; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

function isAsync(fn: ts.Node): boolean {
  return (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
}

/**
 * Is the value of this expression consumed as a promise: awaited, yielded, `.then`-ed, returned
 * from an async function, handed to `Promise.all`/`push`, or returned from a callback whose call
 * is itself consumed that way (`Promise.all(ids.map((id) => repo.findById(id)))`)? The same walk
 * as the ESLint adapter's, over the TypeScript AST.
 */
export function isAwaitedChain(node: ts.Node, names: readonly string[], depth = 0): boolean {
  if (chainConsumesPromise(names)) return true;
  const parent = parentOf(node);
  if (parent === undefined || depth > 4) return false;
  if (ts.isAwaitExpression(parent) || ts.isYieldExpression(parent)) return true;
  if (ts.isReturnStatement(parent) || ts.isArrowFunction(parent)) {
    const fn = ts.isArrowFunction(parent) ? parent : enclosingFunctionOf(parent);
    if (fn === undefined || (ts.isArrowFunction(parent) && skipWrappers(parent.body) !== node)) return false;
    if (isAsync(fn)) return true;
    // A callback's return value flows into its call: `xs.map((x) => q(x))` inside `Promise.all`.
    const call = parentOf(fn);
    return call !== undefined && ts.isCallExpression(call) && call.arguments.some((arg) => skipWrappers(arg) === fn) && isAwaitedChain(call, [], depth + 1);
  }
  if (ts.isArrayLiteralExpression(parent) || ts.isCallExpression(parent)) {
    const call = ts.isArrayLiteralExpression(parent) ? parentOf(parent) : parent;
    if (call === undefined || !ts.isCallExpression(call) || skipWrappers(call.expression) === node) return false;
    const callee = chainNames(call.expression);
    return isPromiseSink(callee[callee.length - 1] ?? '');
  }
  return false;
}

/** `node`'s value initialises a variable or is assigned to one (`ChainFact.assigned`); the ESLint adapter's test. */
export function isAssignedValue(node: ts.Node): boolean {
  const parent = parentOf(node);
  if (parent === undefined) return false;
  if (ts.isVariableDeclaration(parent)) return parent.initializer !== undefined && skipWrappers(parent.initializer) === node;
  return ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && skipWrappers(parent.right) === node;
}

/**
 * The method whose call takes `node`'s value as an argument (`ChainFact.argumentOf`): directly, or
 * through an array element, an object property's value or a branch of `c ? a : b` / `a ?? b`. The
 * same walk as the ESLint adapter's.
 */
export function argumentOfCall(node: ts.Node): string | undefined {
  let child: ts.Node = node;
  for (let depth = 0; depth < 6; depth += 1) {
    const parent = parentOf(child);
    if (parent === undefined) return undefined;
    if (ts.isArrayLiteralExpression(parent) || ts.isSpreadElement(parent) || (ts.isBinaryExpression(parent) && LOGICAL_OPERATORS.has(parent.operatorToken.kind))) {
      child = parent;
    } else if (ts.isConditionalExpression(parent)) {
      if (skipWrappers(parent.condition) === child) return undefined;
      child = parent;
    } else if (ts.isPropertyAssignment(parent)) {
      if (skipWrappers(parent.initializer) !== child || !ts.isObjectLiteralExpression(parent.parent)) return undefined;
      child = parent.parent;
    } else if (ts.isCallExpression(parent)) {
      const callee = skipWrappers(parent.expression);
      if (callee === child || !(ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) return undefined;
      const name = memberName(callee);
      return name === '' && ts.isElementAccessExpression(callee) ? '[]' : name;
    } else return undefined;
  }
  return undefined;
}

const LOGICAL_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.QuestionQuestionToken]);

function templateParts(template: ts.TemplateLiteral): { quasis: string[]; expressions: ts.Expression[] } {
  if (ts.isNoSubstitutionTemplateLiteral(template)) return { quasis: [template.text], expressions: [] };
  return {
    quasis: [template.head.text, ...template.templateSpans.map((span) => span.literal.text)],
    expressions: template.templateSpans.map((span) => span.expression),
  };
}

/** `1_000` → 1000, `0x10` → 16: a numeric literal's value, as ESTree's `Literal.value` gives it. */
function numericValue(literal: ts.NumericLiteral): number {
  return Number(literal.text.replaceAll('_', ''));
}

/** The string literals a conditional picks between (`cond ? 'spaceId' : 'baseId'`, nested too); undefined for any other expression. */
function literalChoices(raw: ts.Expression): string[] | undefined {
  const node = skipWrappers(raw);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (!ts.isConditionalExpression(node)) return undefined;
  const consequent = literalChoices(node.whenTrue);
  const alternate = literalChoices(node.whenFalse);
  return consequent === undefined || alternate === undefined ? undefined : [...consequent, ...alternate];
}

function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isNumericLiteral(name)) return String(numericValue(name));
  if (ts.isComputedPropertyName(name)) {
    const expression = skipWrappers(name.expression);
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return expression.text;
    if (ts.isNumericLiteral(expression)) return String(numericValue(expression));
    if (!ts.isPropertyAccessExpression(expression) && !ts.isElementAccessExpression(expression)) return undefined;
    const names = chainNames(expression);
    return names.includes('') ? undefined : names.join('.');
  }
  return undefined;
}

function isAssignmentOrComma(kind: ts.SyntaxKind): boolean {
  return (kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment) || kind === ts.SyntaxKind.CommaToken;
}

/** A value nested too deep to describe: `other`, with the names it reads (`ValueFact` `reads`). */
function tooDeep(node: ts.Node): ValueFact {
  const names = new Set<string>();
  collectReads(node, names);
  return names.size === 0 ? { kind: 'other' } : { kind: 'other', reads: [...names].sort() };
}

/** The references of an expression (not property names), outside nested functions and types, up to `MAX_READS`. */
function collectReads(node: ts.Node, names: Set<string>): void {
  if (names.size >= MAX_READS || ts.isFunctionLike(node) || ts.isTypeNode(node) || ts.isClassExpression(node) || ts.isMetaProperty(node)) return;
  if (ts.isIdentifier(node)) {
    if (node.text !== 'undefined') names.add(node.text);
    return;
  }
  if (ts.isPropertyAccessExpression(node)) {
    collectReads(node.expression, names);
    return;
  }
  if (ts.isPropertyAssignment(node)) {
    if (ts.isComputedPropertyName(node.name)) collectReads(node.name.expression, names);
    collectReads(node.initializer, names);
    return;
  }
  if (ts.isShorthandPropertyAssignment(node)) {
    names.add(node.name.text);
    return;
  }
  ts.forEachChild(node, (child) => {
    collectReads(child, names);
  });
}

/** Turns an expression into a `ValueFact`, bounded in depth and width. */
export function valueFact(node: ts.Node, depth = 0): ValueFact {
  const expr = skipWrappers(node);
  if (depth > MAX_DEPTH) return tooDeep(expr);
  if (ts.isStringLiteral(expr)) return { kind: 'string', text: expr.text };
  if (ts.isNumericLiteral(expr)) return { kind: 'number', value: numericValue(expr) };
  if (ts.isBigIntLiteral(expr)) return { kind: 'number' };
  switch (expr.kind) {
    case ts.SyntaxKind.TrueKeyword:
      return { kind: 'boolean', value: true };
    case ts.SyntaxKind.FalseKeyword:
      return { kind: 'boolean', value: false };
    case ts.SyntaxKind.NullKeyword:
      return { kind: 'null' };
    case ts.SyntaxKind.ThisKeyword:
      return { kind: 'identifier', name: 'this' };
    default:
      break;
  }
  if (ts.isTemplateExpression(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) {
    const { quasis, expressions } = templateParts(expr);
    return { kind: 'template', text: quasis.join('?'), expressions: expressions.slice(0, MAX_ITEMS).map((item) => valueFact(item, depth + 1)), quasis };
  }
  if (ts.isTaggedTemplateExpression(expr)) {
    const { quasis, expressions } = templateParts(expr.template);
    return { kind: 'template', text: quasis.join('?'), expressions: expressions.slice(0, MAX_ITEMS).map((item) => valueFact(item, depth + 1)), tag: dottedName(expr.tag) };
  }
  if (ts.isArrayLiteralExpression(expr)) {
    return { kind: 'array', elements: expr.elements.slice(0, MAX_ITEMS).flatMap((element) => (ts.isOmittedExpression(element) ? [] : [valueFact(ts.isSpreadElement(element) ? element.expression : element, depth + 1)])) };
  }
  if (ts.isObjectLiteralExpression(expr)) {
    const properties: PropertyFact[] = [];
    const spreads: ValueFact[] = [];
    for (const property of expr.properties.slice(0, MAX_ITEMS)) {
      if (ts.isSpreadAssignment(property)) spreads.push(valueFact(property.expression, depth + 1));
      else if (ts.isPropertyAssignment(property)) {
        const choices = ts.isComputedPropertyName(property.name) && ts.isConditionalExpression(skipWrappers(property.name.expression)) ? literalChoices(property.name.expression) : undefined;
        properties.push({ key: propertyKey(property.name), ...(choices === undefined ? {} : { keyChoices: choices }), value: valueFact(property.initializer, depth + 1), shorthand: false });
      }
      else if (ts.isShorthandPropertyAssignment(property)) properties.push({ key: property.name.text, value: valueFact(property.name, depth + 1), shorthand: true });
      else properties.push({ key: propertyKey(property.name), value: { kind: 'function' }, shorthand: false });
    }
    return { kind: 'object', properties, spreads };
  }
  if (ts.isIdentifier(expr)) {
    if (expr.text === 'undefined') return { kind: 'undefined' };
    const constText = moduleConstText(expr.getSourceFile(), [expr.text]);
    return { kind: 'identifier', name: expr.text, ...(constText === undefined ? {} : { constText }) };
  }
  if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
    const names = chainNames(expr);
    if (names.includes('') && names[0] !== '') {
      const element = elementAccess(expr);
      return element === undefined ? { kind: 'other' } : { kind: 'other', element };
    }
    const constText = moduleConstText(expr.getSourceFile(), names);
    return { kind: 'member', path: names, ...(constText === undefined ? {} : { constText }) };
  }
  if (ts.isConditionalExpression(expr)) return { kind: 'other', branches: [valueFact(expr.whenTrue, depth + 1), valueFact(expr.whenFalse, depth + 1)] };
  // `import('x')` is no call in ESTree (an ImportExpression).
  if (ts.isCallExpression(expr)) return expr.expression.kind === ts.SyntaxKind.ImportKeyword ? { kind: 'other' } : { kind: 'call', chain: buildChain(expr, depth + 1) };
  if (ts.isNewExpression(expr)) return { kind: 'new', className: dottedName(expr.expression), args: (expr.arguments ?? []).slice(0, MAX_ITEMS).map((arg) => valueFact(arg, depth + 1)) };
  if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) return { kind: 'function' };
  if (ts.isBinaryExpression(expr)) {
    // Assignments and the comma operator are other expressions in ESTree.
    if (isAssignmentOrComma(expr.operatorToken.kind)) return { kind: 'other' };
    return { kind: 'binary', operator: ts.tokenToString(expr.operatorToken.kind) ?? '', left: valueFact(expr.left, depth + 1), right: valueFact(expr.right, depth + 1) };
  }
  if (ts.isAwaitExpression(expr)) return valueFact(expr.expression, depth);
  if (ts.isPrefixUnaryExpression(expr)) {
    if (expr.operator === ts.SyntaxKind.ExclamationToken) return { kind: 'boolean' };
    // `-4`: a negative number literal keeps its value (`token.slice(-4)`), as in the ESLint adapter.
    const operand = skipWrappers(expr.operand);
    if (expr.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(operand)) return { kind: 'number', value: -numericValue(operand) };
    return expr.operator === ts.SyntaxKind.PlusPlusToken || expr.operator === ts.SyntaxKind.MinusMinusToken ? { kind: 'other' } : { kind: 'number' };
  }
  if (ts.isDeleteExpression(expr)) return { kind: 'number' };
  if (ts.isVoidExpression(expr)) return { kind: 'undefined' };
  if (ts.isTypeOfExpression(expr)) return { kind: 'string', text: '' };
  return { kind: 'other' };
}

/**
 * `xs[i].name`, `this.items[key]`: an element taken by a variable key from a list named by a member
 * path (`ElementAccess`); undefined for any other computed access (`xs[i + 1]`, `f()[i]`, `a[i][j]`).
 */
function elementAccess(expr: ts.PropertyAccessExpression | ts.ElementAccessExpression): ElementAccess | undefined {
  const path: string[] = [];
  let current: ts.Node = expr;
  while ((ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) && memberName(current) !== '') {
    path.unshift(memberName(current));
    current = skipWrappers(current.expression);
  }
  if (!ts.isElementAccessExpression(current) || !ts.isIdentifier(current.argumentExpression)) return undefined;
  const list = memberPath(current.expression);
  return list === undefined ? undefined : { list, index: current.argumentExpression.text, path };
}

/** The names of `a`, `this.a`, `a.b.c`: identifiers and property accesses only. */
export function memberPath(node: ts.Node): string[] | undefined {
  const inner = skipWrappers(node);
  if (ts.isIdentifier(inner)) return [inner.text];
  if (inner.kind === ts.SyntaxKind.ThisKeyword) return ['this'];
  if (!ts.isPropertyAccessExpression(inner) || !ts.isIdentifier(inner.name)) return undefined;
  const object = memberPath(inner.expression);
  return object === undefined ? undefined : [...object, inner.name.text];
}

/** The value of the `const` an identifier names (wrappers skipped), and whether it is declared at module level (exported or not). */
export function constOf(identifier: ts.Identifier): { readonly init: ts.Node; readonly topLevel: boolean } | undefined {
  const declaration = localDeclarationOf(identifier);
  if (declaration === undefined || !ts.isVariableDeclaration(declaration) || declaration.initializer === undefined || !ts.isIdentifier(declaration.name)) return undefined;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0) return undefined;
  return { init: skipWrappers(declaration.initializer), topLevel: ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent) };
}

function argsOf(node: CallLike, depth: number): { args: ValueFact[]; tagged?: boolean } {
  if (ts.isTaggedTemplateExpression(node)) return { args: [valueFact(node.template, depth)], tagged: true };
  const args = (node.arguments ?? []).slice(0, MAX_ITEMS).map((arg) => valueFact(ts.isSpreadElement(arg) ? arg.expression : arg, depth));
  const first = node.arguments?.[0];
  if (first !== undefined && ts.isIdentifier(first) && ts.isCallExpression(node) && depth <= MAX_DEPTH) {
    const held = constSqlArgument(first, node, depth);
    if (held !== undefined) args[0] = { kind: 'identifier', name: first.text, ...held };
  }
  return { args };
}

/**
 * The SQL text argument of a raw query call held in a `const`: the query builder whose text it is
 * (`ValueFact.builtFrom`), or the text itself (`ValueFact.sqlText`), as in the ESLint adapter.
 */
function constSqlArgument(identifier: ts.Identifier, call: ts.CallExpression, depth: number): { builtFrom: ChainFact } | { sqlText: string } | undefined {
  const callee = chainNames(call.expression);
  if (!takesSqlText(callee[callee.length - 1] ?? '')) return undefined;
  const init = constOf(identifier)?.init;
  if (init !== undefined && ts.isCallExpression(init)) return makesSqlText(chainNames(init)) ? { builtFrom: buildChain(init, depth + 1) } : undefined;
  if (init === undefined || !(ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init) || ts.isTemplateExpression(init))) return undefined;
  const value = valueFact(init, depth + 1);
  return value.kind === 'string' || value.kind === 'template' ? { sqlText: value.text } : undefined;
}

/** Builds the `ChainFact` of a call, tagged template or `new`, root first. */
export function buildChain(node: CallLike, depth = 0): ChainFact {
  return buildChainInfo(node, depth).fact;
}

export interface ChainInfo {
  readonly fact: ChainFact;
  /** The node naming each segment (identifier, property name, `this`), for the type checker's look-ups. */
  readonly nodes: readonly (ts.Node | undefined)[];
}

/** The `ChainFact` of a call and the node naming each of its segments. */
export function buildChainInfo(node: CallLike, depth = 0): ChainInfo {
  const segments: ChainSegment[] = [];
  const nodes: (ts.Node | undefined)[] = [];
  let rootName: string | undefined;
  let rootIdentifier: ts.Identifier | undefined;
  const attachCall = (call: CallLike): void => {
    const last = segments[segments.length - 1];
    const callFact = argsOf(call, depth + 1);
    if (last === undefined || last.call !== undefined) {
      segments.push({ name: '', call: callFact });
      nodes.push(undefined);
    } else segments[segments.length - 1] = { ...last, call: callFact };
  };
  const visit = (raw: ts.Node): void => {
    const current = skipWrappers(raw);
    if (ts.isCallExpression(current)) {
      visit(current.expression);
      attachCall(current);
    } else if (ts.isTaggedTemplateExpression(current)) {
      visit(current.tag);
      attachCall(current);
    } else if (ts.isNewExpression(current)) {
      segments.push({ name: dottedName(current.expression), isNew: true, call: argsOf(current, depth + 1) });
      nodes.push(current.expression);
    } else if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
      visit(current.expression);
      segments.push({ name: memberName(current) });
      nodes.push(ts.isPropertyAccessExpression(current) ? current.name : current.argumentExpression);
    } else if (ts.isIdentifier(current)) {
      rootName = current.text;
      rootIdentifier = current;
      segments.push({ name: current.text });
      nodes.push(current);
    } else if (current.kind === ts.SyntaxKind.ThisKeyword) {
      segments.push({ name: 'this' });
      nodes.push(current);
    } else if (ts.isAwaitExpression(current)) {
      visit(current.expression);
    } else {
      segments.push({ name: '' });
      nodes.push(current);
    }
  };
  visit(node);
  // The same evidence as the ESLint adapter: the root identifier's binding, or `this.x`'s class member.
  const binding = rootIdentifier !== undefined && segments[0]?.isNew !== true && segments.length > 1
    ? identifierBinding(rootIdentifier)
    : segments[0]?.name === 'this' && segments.length > 1 && segments[1] !== undefined
      ? memberBinding(node, segments[1].name)
      : undefined;
  // The module the root name is imported from, unless a local declaration shadows the import.
  const imported = rootName === undefined ? undefined : importSources(node.getSourceFile()).get(rootName);
  const rootBinding = imported === undefined || rootIdentifier === undefined ? undefined : binding?.length === 1 ? binding : identifierBinding(rootIdentifier);
  const rootImport = rootBinding?.kind === 'import' ? imported : undefined;
  const fileLibraries = fileDbLibraries(node.getSourceFile());
  const argumentOf = argumentOfCall(node);
  const parent = parentOf(node);
  const awaited = isAwaitedChain(node, segments.map((segment) => segment.name));
  const fact: ChainFact = {
    segments,
    awaited,
    ...(rootImport === undefined ? {} : { rootImport }),
    ...(argumentOf === undefined || argumentOf === '' ? {} : { argumentOf }),
    ...(parent !== undefined && ts.isTemplateSpan(parent) ? { interpolated: true } : {}),
    ...(!awaited && isAssignedValue(node) ? { assigned: true } : {}),
    ...(binding === undefined ? {} : { binding }),
    ...(fileLibraries.length === 0 ? {} : { fileLibraries }),
  };
  return { fact, nodes };
}

export type FunctionLikeNode = ts.FunctionDeclaration | ts.MethodDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.ConstructorDeclaration | ts.GetAccessorDeclaration | ts.SetAccessorDeclaration;

export function isFunctionNode(node: ts.Node): node is FunctionLikeNode {
  return ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) ||
    ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node);
}

export type LoopStatement = ts.ForStatement | ts.ForInStatement | ts.ForOfStatement | ts.WhileStatement | ts.DoStatement;

export type EnclosingLoop =
  | { readonly kind: Exclude<LoopKind, 'callback'>; readonly node: LoopStatement }
  | { readonly kind: 'callback'; readonly node: ts.ArrowFunction | ts.FunctionExpression; readonly iteration: IterationCall; readonly call: ts.CallExpression; readonly insidePromiseCombinator: boolean };

function loopKindOf(loop: LoopStatement): Exclude<LoopKind, 'callback'> {
  if (ts.isForStatement(loop)) return 'for';
  if (ts.isForInStatement(loop)) return 'for-in';
  if (ts.isForOfStatement(loop)) return loop.awaitModifier === undefined ? 'for-of' : 'for-await-of';
  if (ts.isWhileStatement(loop)) return 'while';
  return 'do-while';
}

function runsPerIteration(loop: LoopStatement, child: ts.Node): boolean {
  if (ts.isForStatement(loop)) return child === loop.statement || child === loop.condition || child === loop.incrementor;
  if (ts.isForInStatement(loop) || ts.isForOfStatement(loop)) return child === loop.statement;
  return child === loop.statement || child === loop.expression;
}

/** If `fn` is the per-element callback of an iteration call (`xs.map(fn)`, `_.each(xs, fn)`), that call. */
function iterationOf(fn: ts.ArrowFunction | ts.FunctionExpression): { call: ts.CallExpression; iteration: IterationCall; insidePromiseCombinator: boolean } | undefined {
  const call = parentOf(fn);
  if (call === undefined || !ts.isCallExpression(call) || skipWrappers(call.expression) === fn) return undefined;
  const argIndex = call.arguments.findIndex((arg) => skipWrappers(arg) === fn);
  if (argIndex === -1) return undefined;
  const iteration = classifyIterationCall(buildChain(call, 3));
  if (iteration === undefined) return undefined;
  if (iteration.callbackArgIndex === 'last-function') {
    const lastFunction = call.arguments.findLastIndex((arg) => { const inner = skipWrappers(arg); return ts.isArrowFunction(inner) || ts.isFunctionExpression(inner); });
    if (lastFunction !== argIndex) return undefined;
  } else if (iteration.callbackArgIndex !== argIndex) {
    return undefined;
  }
  const outer = parentOf(call);
  const insidePromiseCombinator = outer !== undefined && ts.isCallExpression(outer) && outer.arguments.some((arg) => skipWrappers(arg) === call) && isPromiseCombinator(buildChain(outer, 3));
  return { call, iteration, insidePromiseCombinator };
}

/**
 * The innermost loop whose every iteration runs `node` (SPEC §3 "loop"). A function defined in a
 * loop but not called there stops the search; an immediately invoked one does not.
 */
export function enclosingLoop(node: ts.Node): EnclosingLoop | undefined {
  let child: ts.Node = node;
  for (let parent = node.parent as ts.Node | undefined; parent !== undefined; child = parent, parent = parent.parent) {
    if (ts.isForStatement(parent) || ts.isForInStatement(parent) || ts.isForOfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) {
      if (runsPerIteration(parent, child)) return { kind: loopKindOf(parent), node: parent };
    } else if (ts.isArrowFunction(parent) || ts.isFunctionExpression(parent)) {
      const found = iterationOf(parent);
      if (found !== undefined) return { kind: 'callback', node: parent, ...found };
      const call = parentOf(parent);
      if (!(call !== undefined && ts.isCallExpression(call) && skipWrappers(call.expression) === parent)) return undefined;
    } else if (ts.isFunctionDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isConstructorDeclaration(parent) || ts.isClassLike(parent) || ts.isSourceFile(parent) || ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent)) {
      return undefined;
    }
  }
  return undefined;
}

function isExit(statement: ts.Statement, crossedSwitch: boolean): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  return ts.isBreakStatement(statement) && statement.label === undefined && !crossedSwitch;
}

/**
 * Does the loop end right after `node` runs, on every path (`return await q()`, `q(); break;`,
 * `case 'a': return q();`)? Then `node` runs at most once, not once per iteration. The same walk
 * as the ESLint adapter's: an unlabelled `break` inside a `switch` leaves the switch, not the loop.
 */
export function exitsLoopAfter(node: ts.Node, loop: ts.Node): boolean {
  let crossedSwitch = false;
  let child: ts.Node = node;
  for (let parent = node.parent as ts.Node | undefined; parent !== undefined && child !== loop; child = parent, parent = parent.parent) {
    if (ts.isReturnStatement(parent) || ts.isThrowStatement(parent)) return true;
    if (ts.isCaseClause(parent) || ts.isDefaultClause(parent)) crossedSwitch = true;
    const statements = ts.isBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent) ? parent.statements : undefined;
    if (statements !== undefined) {
      const index = statements.indexOf(child as ts.Statement);
      if (index !== -1 && statements.slice(index).some((statement) => isExit(statement, crossedSwitch))) return true;
    }
    if (isFunctionNode(parent)) return false;
  }
  return false;
}

const moduleConsts = new WeakMap<ts.SourceFile, ReadonlyMap<string, ts.Expression>>();

/**
 * `ValueFact.constText`: the string a module-level `const` named in capitals binds (`const TABLE =
 * 'feature_types'`), or the string property of such a `const` object (`T.PERMISSIONS`).
 */
function moduleConstText(file: ts.SourceFile | undefined, path: readonly string[]): string | undefined {
  if (file === undefined || path.length > 2 || !path.every((name) => CONSTANT_NAME.test(name))) return undefined;
  let consts = moduleConsts.get(file);
  if (consts === undefined) {
    const found = new Map<string, ts.Expression>();
    for (const statement of file.statements) {
      if (!ts.isVariableStatement(statement) || (statement.declarationList.flags & ts.NodeFlags.Const) === 0) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && CONSTANT_NAME.test(declaration.name.text) && declaration.initializer !== undefined) found.set(declaration.name.text, skipWrappers(declaration.initializer) as ts.Expression);
      }
    }
    consts = found;
    moduleConsts.set(file, consts);
  }
  let value: ts.Node | undefined = consts.get(path[0] ?? '');
  if (value !== undefined && path.length === 2) {
    const property = ts.isObjectLiteralExpression(value)
      ? value.properties.find((candidate) => ts.isPropertyAssignment(candidate) && propertyKey(candidate.name) === path[1])
      : undefined;
    value = property !== undefined && ts.isPropertyAssignment(property) ? skipWrappers(property.initializer) : undefined;
  }
  if (value !== undefined && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))) return value.text;
  return undefined;
}
