import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { classifyCollaboratorCall, isStaticClassCall, type CollaboratorKind } from '../src/core/classify/collaborator.js';
import { isBusinessErrorName } from '../src/core/classify/errors.js';
import { nameParts, packageNameOf } from '../src/core/classify/names.js';
import { OBJECT_STORAGE_PACKAGES } from '../src/core/catalogs/collaborators.js';
import { valueImports } from '../src/eslint/bindings.js';
import { accessOfMethodName } from '../src/core/classify/query.js';
import { isFunction, isNullish, walk } from '../src/eslint/ast.js';
import { enclosingFunction } from '../src/eslint/functions.js';
import { createRule } from '../src/eslint/create-rule.js';
import { buildChain, chainNames, constOf, dottedName, isOutermostChain, propertyName, rootIdentifierOf, skipWrappers, type CallLike } from '../src/eslint/facts.js';
import { awaitsBefore } from '../src/eslint/loops.js';
import { fileLayers, isInLayer } from '../src/eslint/layers.js';
import { settingsOf } from '../src/eslint/settings.js';

export type Options = [
  {
    /** Report throws decided by comparing domain state (`if (order.status !== 'pending') throw …`), not only business error classes. */
    checkDomainDecisions?: boolean;
  },
];
export type MessageId = 'businessError' | 'collaboratorCall' | 'passwordHashing' | 'domainDecision';

const COLLABORATOR_NAMES: Readonly<Record<Exclude<CollaboratorKind, 'password-hashing'>, string>> = {
  email: 'an e-mail sender',
  notification: 'a notification sender',
  payment: 'a payment provider',
  http: 'an HTTP client',
  queue: 'a message queue',
  service: 'another service',
};

const COMPARISONS: ReadonlySet<string> = new Set(['===', '!==', '==', '!=', '<', '>', '<=', '>=']);
/** Properties of query results and driver errors: checking them is data access, not a domain decision. */
const DATA_RESULT_PROPERTIES: ReadonlySet<string> = new Set([
  'length', 'size', 'count', 'rowCount', 'affected', 'affectedRows', 'changes', 'changedRows', 'numUpdatedRows', 'numDeletedRows', 'numInsertedOrUpdatedRows',
  'modifiedCount', 'matchedCount', 'deletedCount', 'upsertedCount', 'insertedCount', 'code', 'errno', 'sqlState', 'name', 'message', 'constraint',
  'version', 'raw', 'rows', 'meta',
]);

export default createRule<Options, MessageId>({
  name: 'no-business-logic-in-repository',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow business rules, side effects and non-data collaborators in repositories',
    },
    messages: {
      businessError: "Repository throws the business error '{{error}}'. Repositories only read and write data, so this rule is hidden from the service that owns it; return the data (or null) and throw '{{error}}' in the service.",
      collaboratorCall: "Repository calls {{kind}} ('{{call}}'). Repositories only read and write data, and this side effect would run on every reuse of the query; call it from the service that calls the repository.",
      passwordHashing: "Repository hashes or checks a password ('{{call}}'). Repositories only read and write data; hash in the service and pass the hash to the repository.",
      domainDecision: "Repository decides on domain state ('{{condition}}') and throws. Repositories only read and write data, so the rule is hidden from the service; return the data and make the decision in the service.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkDomainDecisions: {
            type: 'boolean',
            description: "Report throws guarded by a comparison of domain state (if (order.status !== 'pending') throw …), not only business error classes.",
          },
        },
      },
    ],
    defaultOptions: [{ checkDomainDecisions: true }],
  },
  create(context, [options]) {
    const settings = settingsOf(context);
    const { sourceCode } = context;
    // Every report is about repository code: files without any skip all listeners.
    if (!fileLayers(context, settings).has('repository')) return {};
    const inRepository = (node: TSESTree.Node): boolean => isInLayer(context, settings, node, 'repository');

    let objectStorage: boolean | undefined;
    const importsObjectStorage = (): boolean =>
      (objectStorage ??= valueImports(sourceCode).some(({ binding }) => (OBJECT_STORAGE_PACKAGES as readonly string[]).includes(packageNameOf(binding.source) ?? '')));

    /** The request's address is a value named for a URL (`url`, `signedUrl`, `file.presignedUrl`), not a literal address of another service. */
    function fetchesObjectUrl(node: CallLike): boolean {
      const first = node.type === AST_NODE_TYPES.CallExpression ? node.arguments[0] : undefined;
      const target = first === undefined ? undefined : skipWrappers(first);
      const name = target?.type === AST_NODE_TYPES.Identifier ? target.name : target?.type === AST_NODE_TYPES.MemberExpression ? propertyName(target) : '';
      return /url$/i.test(name);
    }

    function checkCall(node: CallLike): void {
      if (node.type === AST_NODE_TYPES.NewExpression || !isOutermostChain(node)) return;
      if (!inRepository(node)) return;
      const chain = buildChain(node, { sourceCode }).fact;
      const call = classifyCollaboratorCall(chain, settings);
      if (call === undefined) return;
      // A static method of a service class whose value becomes a field of a row, synchronously
      // (`row.display = ActivityFormatService.labels(row)`): it holds no injected collaborator and,
      // unawaited, does no I/O; it computes a field of the data returned.
      if (call.kind === 'service' && isStaticClassCall(chain) && storedOnRowField(node)) return;
      // An HTTP call in a repository over object storage fetching a stored object by its URL (`fetch(url)`,
      // `fetch(signedUrl)` in an S3 adapter) reads its own data; a call to another service's address is still one.
      if (call.kind === 'http' && importsObjectStorage() && fetchesObjectUrl(node)) return;
      if (call.kind === 'password-hashing') {
        context.report({ node, messageId: 'passwordHashing', data: { call: call.label } });
        return;
      }
      context.report({ node, messageId: 'collaboratorCall', data: { kind: COLLABORATOR_NAMES[call.kind], call: call.label } });
    }

    return {
      CallExpression: checkCall,
      ThrowStatement(node) {
        if (!inRepository(node)) return;
        const thrown = skipWrappers(node.argument);
        const errorName = thrownErrorName(thrown);
        // Translating the driver's error (`if (isUniqueViolation(err)) throw new TagAlreadyExistsError()`): the rule
        // (unique names) is the database's constraint; the repository only names the failure it observed.
        if (translatesDriverError(node, sourceCode) && domainCondition(node) === undefined) return;
        // Naming the row a conflict-skipping insert did not write (`.onConflictDoNothing().returning()` came back
        // empty: `throw new DuplicateBookmarkError()`): the unique constraint decided, as for a driver's error.
        if (testsSkippedInsert(node, sourceCode)) return;
        // An assertion on the function's own inputs (`if (!streamId) throw new InvalidArgumentError(…)`,
        // `if (!ids?.length)`, `if (!Object.values(update).length)`), or on their shape before any query
        // (one of an enum's values, two inputs that must differ, an integer id): a caller's mistake, not a business rule.
        if (checksOwnInputs(node, sourceCode) || assertsArgumentShape(node, sourceCode)) return;
        if (errorName !== undefined && isBusinessErrorName(errorName)) {
          context.report({ node, messageId: 'businessError', data: { error: errorName } });
          return;
        }
        if (options.checkDomainDecisions === false || isDataResultError(thrown, errorName)) return;
        const condition = domainCondition(node);
        if (condition !== undefined) context.report({ node, messageId: 'domainDecision', data: { condition: sourceCode.getText(condition) } });
      },
    };
  },
});

/**
 * The call's own value is assigned, unawaited, to a field of an object that is not `this`
 * (`row.display = f(row)`, `output.parent.label = f(parent)`) and the function hands that object to
 * no write (`this.invoices.save(invoice)` after `invoice.total = PricingService.applyDiscount(…)`
 * writes a computed business value): a computed field of the data returned.
 */
function storedOnRowField(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent?.type === AST_NODE_TYPES.TSAsExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression || parent?.type === AST_NODE_TYPES.TSSatisfiesExpression) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.operator !== '=' || parent.right !== child) return false;
  if (parent.left.type !== AST_NODE_TYPES.MemberExpression) return false;
  const root = chainNames(parent.left)[0] ?? '';
  return root !== '' && root !== 'this' && !writtenLater(parent, root);
}

/** The function around `node` passes the variable `name` to a write (`save(row)`, `update({ …row })`, `insertMany([row])`). */
function writtenLater(node: TSESTree.Node, name: string): boolean {
  let fn: TSESTree.Node | undefined = node.parent;
  while (fn !== undefined && !isFunction(fn)) fn = fn.parent;
  if (fn === undefined) return false;
  let written = false;
  walk(fn, (child) => {
    if (written) return false;
    if (child.type === AST_NODE_TYPES.CallExpression && accessOfMethodName(chainNames(child.callee).at(-1) ?? '') === 'write') {
      written = child.arguments.some((arg) => {
        let mentions = false;
        walk(arg, (inner) => {
          if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) mentions = true;
          return !mentions;
        });
        return mentions;
      });
    }
    return !written;
  });
  return written;
}

/** `new ConflictError(…)` → `ConflictError`; `createError.Conflict(…)` → `createError.Conflict`; otherwise undefined. */
function thrownErrorName(thrown: TSESTree.Node): string | undefined {
  if (thrown.type === AST_NODE_TYPES.NewExpression || thrown.type === AST_NODE_TYPES.CallExpression) {
    const name = dottedName(thrown.callee);
    return name === '' || name.split('.').includes('') ? undefined : name;
  }
  return undefined;
}

/** Rethrowing a caught value, or a not-found error: data results a repository may surface. */
function isDataResultError(thrown: TSESTree.Node, errorName: string | undefined): boolean {
  if (thrown.type === AST_NODE_TYPES.Identifier || thrown.type === AST_NODE_TYPES.MemberExpression) return true;
  if (errorName === undefined) return false;
  const words = nameParts(errorName.slice(errorName.lastIndexOf('.') + 1));
  return words.includes('found') || words.includes('missing');
}

/**
 * The throw is guarded by a test of the error a data call failed with: a `catch` parameter around it
 * (`catch (err) { if (isUniqueViolation(err)) throw … }`, `if (err.code === '23505') throw …`), or the
 * error half of a result tuple (`const [row, error] = await safely(db.insert(…))`; `if
 * (isUniqueConstraintError({ error })) throw …`).
 */
function translatesDriverError(node: TSESTree.ThrowStatement, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const guard = guardOf(node);
  if (guard === undefined) return false;
  const caught = caughtNames(node);
  let found = false;
  walk(guard, (child) => {
    if (found) return false;
    if (child.type === AST_NODE_TYPES.Identifier && (caught.has(child.name) || isResultTupleError(child, sourceCode))) found = true;
    return !found;
  });
  return found;
}


/** Words of an error that names a unique constraint's refusal (`DuplicateBookmarkError`, `TagAlreadyExistsError`). */
const CONFLICT_WORDS: ReadonlySet<string> = new Set(['duplicate', 'conflict', 'exists', 'already', 'taken', 'unique']);

/**
 * The throw of a conflict error is guarded only by emptiness tests (`!rows.length`, `rows.length ===
 * 0`, `!row`) of a `const` holding what an awaited insert that skips conflicting rows returned
 * (Drizzle `onConflictDoNothing()`, Knex `onConflict(…).ignore()`), or its first row
 * (`await db.insert(t).values(v).returning().onConflictDoNothing()`): the rows it did not write are
 * the ones the unique constraint refused.
 */
function testsSkippedInsert(node: TSESTree.ThrowStatement, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const guard = guardOf(node, true);
  const errorName = thrownErrorName(skipWrappers(node.argument));
  // The failure named is the constraint's: a duplicate, a conflict, something that exists already.
  if (guard === undefined || errorName === undefined || !nameParts(errorName).some((part) => CONFLICT_WORDS.has(part))) return false;
  const operands = operandsOf(guard);
  return operands.length > 0 && operands.every((operand) => {
    const tested = emptinessTested(operand);
    if (tested === undefined || tested.node.type !== AST_NODE_TYPES.Identifier) return false;
    // `const rows = await …`, or its first row (`const [row] = await …`); a `let` may be given another value on the way.
    const awaited = awaitedBinding(tested.node, sourceCode);
    if (awaited === undefined || awaited.declarator.parent.kind !== 'const' || awaited.declarator.id.type === AST_NODE_TYPES.ObjectPattern) return false;
    const names = chainNames(skipWrappers(awaited.awaited));
    const skips = names.some((name, index) => name === 'onConflictDoNothing' || (name === 'ignore' && names[index - 1] === 'onConflict'));
    // Rows given (`values(…)`, Knex's `insert(row)`), not an insert of selected rows gated by a condition (`select(…).where(lt(count, 100))`).
    return skips && names.includes('insert') && !names.includes('select') && !names.includes('where');
  });
}

/**
 * The throw is guarded only by presence or emptiness tests of the function's own inputs: every
 * operand of the guard's `||` and `&&` (`!token && !email`: neither key given) is `!x`, `x == null`, `!x.length`, `!x?.length`, `x.length === 0` or
 * `!Object.keys(x).length` / `!Object.values(x).length`, where `x` is a parameter, or a name the
 * function destructures from one (`const { streamId, userId } = params`). An argument assertion that
 * guards the query it runs; the rule a service owns compares values, not presence.
 */
function checksOwnInputs(node: TSESTree.ThrowStatement, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const guard = guardOf(node, true);
  const fn = enclosingFunction(node);
  if (guard === undefined || fn === undefined) return false;
  const inputs = inputNames(fn);
  const operands = operandsOf(guard, OR_AND);
  return operands.length > 0 && operands.every((operand) => {
    const tested = emptinessTested(operand);
    if (tested === undefined || tested.node.type !== AST_NODE_TYPES.Identifier || !inputs.has(tested.node.name)) return false;
    // A list's or payload's emptiness, or a key's absence; `!isActive`, `!remainingCredits` are domain state.
    if (!tested.size && !isKeyName(tested.node.name)) return false;
    return ASTUtils.findVariable(sourceCode.getScope(tested.node), tested.node.name)?.scope.block === fn;
  });
}

/**
 * The throw, before the function awaits anything, is guarded only by checks of the shape of its own
 * inputs (a parameter or a name destructured from one, or a member of those), each operand of the
 * guard's `||` / `&&` one of: an input compared with two or more string literals
 * (`data.type !== 'pre-flight' && data.type !== 'post-operation'`) or tested against a list of them
 * (`!Object.values(Roles.Workspace).includes(role)`, through a `const` holding that list); two inputs
 * equal where they must differ (`data.checkId === data.linkedCheckId`, a link to itself; not
 * `comment.authorId !== userId`, an ownership rule); a type test (`typeof x !== 'string'`,
 * `!Number.isInteger(id)`, `!Array.isArray(ids)`), with beside it a bound of the same input against 0
 * or 1 (`id <= 0`). What the caller passed is malformed; no state of the data decides. A value
 * compared with one literal (`order.status !== 'pending'`) or a limit (`avatar.length > 512 * 1024`)
 * is a rule of the business and stays reported, and so are a state field of an input (`order.status
 * !== 'pending' && order.status !== 'confirmed'`), an allowed list written positively (`role === 'owner'
 * || role === 'admin'`: a prohibition), a callback's parameter and any check after an `await`.
 */
function assertsArgumentShape(node: TSESTree.ThrowStatement, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const guard = guardOf(node, true);
  const fn = enclosingFunction(node);
  // Not a callback's parameter (a row of a list the function read: `rows.forEach((row) => …)`), nor a
  // generator (its body runs a step at a time, between the caller's reads).
  if (guard === undefined || fn === undefined || fn.parent.type === AST_NODE_TYPES.CallExpression || fn.generator || awaitsBefore(node.range[0], fn)) return false;
  const inputs = inputNames(fn);
  const isInput = (raw: TSESTree.Node): boolean => {
    const operand = skipWrappers(raw);
    const names = operand.type === AST_NODE_TYPES.MemberExpression ? chainNames(operand) : operand.type === AST_NODE_TYPES.Identifier ? [operand.name] : [];
    const root = names[0];
    if (root === undefined || root === '' || names.includes('') || !inputs.has(root)) return false;
    // Declared by this function (not a shadowing name of an inner scope), and not a field of state (`order.status`, `user.plan`).
    const rootNode = rootIdentifierOf(operand);
    if (rootNode === undefined || ASTUtils.findVariable(sourceCode.getScope(rootNode), rootNode.name)?.scope.block !== fn) return false;
    return !STATE_WORDS.has(nameParts(names[names.length - 1] ?? '').at(-1) ?? '');
  };
  const conjunction = operandsOf(guard, OR_AND).length === operandsOf(guard, AND).length;
  const operands = operandsOf(guard, OR_AND).map((operand) => skipWrappers(operand));
  const literalsBySubject = new Map<string, Set<unknown>>();
  const typeTested = new Set<string>();
  const bounded: string[] = [];
  for (const operand of operands) {
    const negated = operand.type === AST_NODE_TYPES.UnaryExpression && operand.operator === '!';
    const test = negated ? skipWrappers(operand.argument) : operand;
    if (test.type === AST_NODE_TYPES.BinaryExpression && EQUALITY.has(test.operator) && test.left.type !== AST_NODE_TYPES.PrivateIdentifier) {
      const [left, right] = [skipWrappers(test.left), skipWrappers(test.right)];
      const unequal = (test.operator === '!==' || test.operator === '!=') !== negated;
      const typeOf = left.type === AST_NODE_TYPES.UnaryExpression && left.operator === 'typeof' ? skipWrappers(left.argument) : undefined;
      // `typeof x !== 'string'`: the caller passed the wrong kind of value.
      if (typeOf !== undefined && unequal && isInput(typeOf) && right.type === AST_NODE_TYPES.Literal) {
        typeTested.add(sourceCode.getText(typeOf));
        continue;
      }
      const literal = [left, right].find((side) => side.type === AST_NODE_TYPES.Literal && typeof side.value === 'string');
      const other = literal === left ? right : left;
      // `x !== 'a' && x !== 'b'`: none of the allowed values (a positive `x === 'owner'` is a prohibition, a rule).
      if (literal?.type === AST_NODE_TYPES.Literal && unequal && conjunction && isInput(other)) {
        const key = sourceCode.getText(other);
        literalsBySubject.set(key, (literalsBySubject.get(key) ?? new Set()).add(literal.value));
        continue;
      }
      // Equal where they must differ (a link to itself); unequal inputs (`comment.authorId !== userId`) are an ownership rule.
      if (literal === undefined && !unequal && isInput(left) && isInput(right)) continue;
      return false;
    }
    if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '<=' || test.operator === '<') && !negated) {
      const right = skipWrappers(test.right);
      if (isInput(test.left) && right.type === AST_NODE_TYPES.Literal && (right.value === 0 || right.value === 1)) {
        bounded.push(sourceCode.getText(skipWrappers(test.left)));
        continue;
      }
      return false;
    }
    // `!Number.isInteger(id)`, `!Object.values(Roles).includes(role)`: only refusals of what is not allowed.
    if (negated && test.type === AST_NODE_TYPES.CallExpression && test.arguments.length === 1 && test.arguments[0] !== undefined && isInput(test.arguments[0])) {
      const callee = dottedName(test.callee);
      if (TYPE_TESTS.has(callee)) {
        typeTested.add(sourceCode.getText(skipWrappers(test.arguments[0])));
        continue;
      }
      if (test.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(test.callee) === 'includes' && isLiteralList(skipWrappers(test.callee.object), sourceCode)) continue;
    }
    return false;
  }
  return [...literalsBySubject.values()].every((values) => values.size >= 2) && bounded.every((subject) => typeTested.has(subject));
}

/** The last words of a field that holds a record's state, not its shape: `order.status`, `user.plan`, `wallet.balance`. */
const STATE_WORDS: ReadonlySet<string> = new Set(['status', 'state', 'stage', 'phase', 'plan', 'tier', 'balance']);

const AND: ReadonlySet<string> = new Set(['&&']);

const EQUALITY: ReadonlySet<string> = new Set(['===', '!==', '==', '!=']);
const TYPE_TESTS: ReadonlySet<string> = new Set(['Number.isInteger', 'Number.isSafeInteger', 'Number.isFinite', 'Number.isNaN', 'Array.isArray', 'isNaN']);

/** `Object.values(Roles)`, `Object.keys(Kinds)`, `['a', 'b']`, or a `const` holding one. */
function isLiteralList(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.length > 0 && node.elements.every((element) => element?.type === AST_NODE_TYPES.Literal);
  // `Object.values(Roles.Workspace)` of an enum by its name, not of a value picked at run time (`TRANSITIONS[order.status]`).
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const argument = node.arguments[0];
    return /^Object\.(?:values|keys)$/.test(dottedName(node.callee)) && node.arguments.length === 1 && argument !== undefined && (argument.type === AST_NODE_TYPES.Identifier || (argument.type === AST_NODE_TYPES.MemberExpression && !chainNames(argument).includes('')));
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const bound = constOf(node, sourceCode);
  return bound !== undefined && isLiteralList(bound.init, sourceCode);
}

/** `streamId`, `userIds`, `slug`, `apiKey`, `resourceType`, `email`: a name for what a query looks rows up by, by its last part. */
function isKeyName(name: string): boolean {
  const last = nameParts(name).at(-1) ?? '';
  return ['id', 'ids', 'uuid', 'uuids', 'key', 'keys', 'slug', 'slugs', 'ref', 'refs', 'type', 'types', 'email', 'emails', 'name', 'names', 'token', 'code', 'url', 'path'].includes(last);
}

/** The operands a guard joins with the given operators (`||`; `||` and `&&` for `!token && !email`, neither key given). */
function operandsOf(test: TSESTree.Expression, operators: ReadonlySet<string> = OR): TSESTree.Node[] {
  const expression = skipWrappers(test);
  if (expression.type === AST_NODE_TYPES.LogicalExpression && operators.has(expression.operator)) return [...operandsOf(expression.left, operators), ...operandsOf(expression.right, operators)];
  return [expression];
}

const OR: ReadonlySet<string> = new Set(['||']);
const OR_AND: ReadonlySet<string> = new Set(['||', '&&']);

/**
 * What `!x`, `x == null`, `!x.length`, `x.length === 0`, `!Object.keys(x).length` test for absence or
 * emptiness: `x`, and whether the test is of its size (`.length`) rather than of its presence.
 */
function emptinessTested(operand: TSESTree.Node): { node: TSESTree.Node; size: boolean } | undefined {
  let subject: TSESTree.Node | undefined;
  let zero = false;
  if (operand.type === AST_NODE_TYPES.UnaryExpression && operand.operator === '!') subject = skipWrappers(operand.argument);
  else if (operand.type === AST_NODE_TYPES.BinaryExpression && /^[!=]==?$/.test(operand.operator) && operand.operator.startsWith('=')) {
    const right = skipWrappers(operand.right);
    zero = right.type === AST_NODE_TYPES.Literal && right.value === 0;
    if (isNullish(right) || zero) subject = skipWrappers(operand.left);
  }
  if (subject === undefined) return undefined;
  if (subject.type === AST_NODE_TYPES.ChainExpression) subject = skipWrappers(subject.expression);
  if (subject.type === AST_NODE_TYPES.MemberExpression && propertyName(subject) === 'length') {
    const owner = skipWrappers(subject.object);
    // `Object.keys(update).length`, `Object.values(update).length`
    if (owner.type === AST_NODE_TYPES.CallExpression && /^Object\.(?:keys|values|entries)$/.test(dottedName(owner.callee)) && owner.arguments[0] !== undefined) return { node: skipWrappers(owner.arguments[0]), size: true };
    return { node: owner, size: true };
  }
  // `balance === 0` compares a value, not a list's size.
  return zero ? undefined : { node: subject, size: false };
}

/** The function's parameters, and the names it destructures from one of them (`const { a, b } = params`). */
function inputNames(fn: TSESTree.FunctionLike): Set<string> {
  const names = new Set<string>();
  const addPattern = (pattern: TSESTree.Node | null | undefined): void => {
    if (pattern == null) return;
    if (pattern.type === AST_NODE_TYPES.Identifier) names.add(pattern.name);
    else if (pattern.type === AST_NODE_TYPES.AssignmentPattern) addPattern(pattern.left);
    else if (pattern.type === AST_NODE_TYPES.TSParameterProperty) addPattern(pattern.parameter);
    else if (pattern.type === AST_NODE_TYPES.RestElement) addPattern(pattern.argument);
    else if (pattern.type === AST_NODE_TYPES.ObjectPattern) for (const property of pattern.properties) addPattern(property.type === AST_NODE_TYPES.Property ? property.value : property);
    else if (pattern.type === AST_NODE_TYPES.ArrayPattern) for (const element of pattern.elements) addPattern(element);
  };
  for (const parameter of fn.params) addPattern(parameter);
  if (fn.body?.type === AST_NODE_TYPES.BlockStatement) {
    for (const statement of fn.body.body) {
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const declarator of statement.declarations) {
        const init = declarator.init === null ? undefined : skipWrappers(declarator.init);
        if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && init?.type === AST_NODE_TYPES.Identifier && names.has(init.name)) addPattern(declarator.id);
      }
    }
  }
  return names;
}

/** The test of the nearest `if` / `?:` whose branch holds `node`, within its function. */
function guardOf(node: TSESTree.Node, consequentOnly = false): TSESTree.Expression | undefined {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current != null && !isFunction(current); current = current.parent) {
    if ((current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && current.test !== child) {
      // In the `else` the guard holds false: `if (!a && !b) { … } else throw` throws when a key is given.
      return consequentOnly && current.consequent !== child ? undefined : current.test;
    }
    child = current;
  }
  return undefined;
}

/**
 * An identifier named as an error and bound from an awaited call's result: the last element of an
 * array pattern (`const [result, error] = await safely(…)`) or the `error` of an object pattern
 * (`const { data, error } = await supabase.from('tags').insert(…)`).
 */
function isResultTupleError(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!/^(?:e|err|error|\w+Error)$/.test(identifier.name)) return false;
  const awaited = awaitedBinding(identifier, sourceCode);
  if (awaited === undefined) return false;
  const { id } = awaited.declarator;
  if (id.type === AST_NODE_TYPES.ArrayPattern) return id.elements.at(-1) === awaited.name;
  return id.type === AST_NODE_TYPES.ObjectPattern && id.properties.some((property) => property.type === AST_NODE_TYPES.Property && property.value === awaited.name && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'error');
}

/**
 * The declaration of the variable an identifier reads, when it holds an awaited value (`const rows =
 * await …`, `const [row, error] = await …`): the declarator, the bound name and the awaited call.
 */
function awaitedBinding(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): { declarator: TSESTree.VariableDeclarator; name: TSESTree.BindingName; awaited: TSESTree.Expression } | undefined {
  const definition = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name)?.defs[0];
  if (definition?.type !== TSESLint.Scope.DefinitionType.Variable) return undefined;
  const init = definition.node.init == null ? undefined : skipWrappers(definition.node.init);
  return init?.type === AST_NODE_TYPES.AwaitExpression ? { declarator: definition.node, name: definition.name, awaited: init.argument } : undefined;
}

/** Parameters of the `catch` clauses around `node`: comparing them is error translation, not a domain decision. */
function caughtNames(node: TSESTree.Node): Set<string> {
  const names = new Set<string>();
  for (let current = node.parent; current != null && !isFunction(current); current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause && current.param?.type === AST_NODE_TYPES.Identifier) names.add(current.param.name);
  }
  return names;
}

/**
 * The test of the nearest `if` / `?:` guarding the throw, when it compares domain state: a member
 * (`order.status`, `account.balance`) against something other than `null` / `undefined`, where the
 * member is not a query-result or driver-error property (`rows.length`, `result.affected`,
 * `err.code`) and not of a caught error.
 */
function domainCondition(node: TSESTree.ThrowStatement): TSESTree.Expression | undefined {
  const guard = guardOf(node);
  return guard !== undefined && comparesDomainState(guard, caughtNames(node)) ? guard : undefined;
}

function comparesDomainState(test: TSESTree.Node, caught: ReadonlySet<string>): boolean {
  const expression = skipWrappers(test);
  if (expression.type === AST_NODE_TYPES.LogicalExpression) return comparesDomainState(expression.left, caught) || comparesDomainState(expression.right, caught);
  if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === '!') return comparesDomainState(expression.argument, caught);
  if (expression.type !== AST_NODE_TYPES.BinaryExpression || !COMPARISONS.has(expression.operator)) return false;
  const sides = [skipWrappers(expression.left), skipWrappers(expression.right)];
  if (sides.some(isNullish)) return false;
  return sides.some((side) => isDomainMember(side, caught));
}


function isDomainMember(node: TSESTree.Node, caught: ReadonlySet<string>): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const names = chainNames(node);
  const root = names[0] ?? '';
  if (root === '' || root === 'this' || caught.has(root) || names.includes('')) return false;
  return !DATA_RESULT_PROPERTIES.has(propertyName(node));
}
