import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isBatchLoader, isDueRowsFunctionName, isSmallTable, isUpperBoundOperator, mayBeUnboundedList, sqlComparesUpTo, unboundedList, type ListScope } from '../src/core/classify/bounds.js';
import { classifyQuery, queryForMessage } from '../src/core/classify/query.js';
import { outsideRequestPath } from '../src/eslint/code-context.js';
import { walk } from '../src/eslint/ast.js';
import { createRule } from '../src/eslint/create-rule.js';
import { mayBeQueryCall } from '../src/eslint/db-access.js';
import { buildChain, dottedName, skipWrappers, type CallLike } from '../src/eslint/facts.js';
import { enclosingFunction, functionName } from '../src/eslint/functions.js';
import { settingsOf } from '../src/eslint/settings.js';
import { resolverFor, typedContext } from '../src/eslint/typed.js';

export type Options = [
  {
    /** Report lists scoped to one parent row (`where: { orderId }`) as well. */
    checkParentScoped?: boolean;
    /** Report lists whose filter is built elsewhere (`findMany({ where: filter })`). */
    checkDynamicFilters?: boolean;
  },
];
export type MessageId = 'unboundedQuery';

type SourceCode = Readonly<TSESLint.SourceCode>;

export default createRule<Options, MessageId>({
  name: 'no-unbounded-query',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow list queries without a limit in request-path code',
    },
    messages: {
      unboundedQuery:
        "Query {{query}} returns every {{rows}} with no limit, so the response and its memory grow with the table. {{advice}} If {{table}} stays small by design (reference data, rows an operator curates), declare it: settings: { 'backend-patterns': { db: { smallTables: ['{{model}}'] } } }.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkParentScoped: {
            type: 'boolean',
            description: 'Also report lists narrowed to the child rows of one parent (an equality on a foreign key such as orderId).',
          },
          checkDynamicFilters: {
            type: 'boolean',
            description: 'Also report lists whose filter object is built elsewhere (where: filter), whose keys the code does not show.',
          },
        },
      },
    ],
    defaultOptions: [{ checkParentScoped: false, checkDynamicFilters: false }],
  },
  create(context, [options]) {
    const settings = settingsOf(context);
    const typed = typedContext(context);
    const { sourceCode } = context;
    const reported: ReadonlySet<ListScope> = new Set<ListScope>([
      'all',
      'filtered',
      ...(options.checkDynamicFilters === false ? [] : (['dynamic'] as const)),
      ...(options.checkParentScoped === true ? (['parent'] as const) : []),
    ]);

    function check(node: CallLike): void {
      if (!mayBeQueryCall(node, settings, sourceCode.ast)) return;
      const info = buildChain(node, { sourceCode, typed });
      // Only a chain that could be an unbounded list is classified: with types, classifying asks the
      // checker where the chain's methods are declared, the costliest step of the rule.
      if (!mayBeUnboundedList(info.fact, settings)) return;
      const match = classifyQuery(info.fact, { settings, resolve: resolverFor(typed, info.nodes) });
      if (match === undefined) return;
      const list = unboundedList(match, info.fact, settings);
      if (list === undefined || !reported.has(list.scope) || isSmallTable(list.model, settings, list.scope)) return;
      // Premises: the query serves a request (not a CLI, a worker, start-up code or a library), and
      // is not a DataLoader's batch function, which reads the rows of the keys its callers asked for.
      if (outsideRequestPath(context, node) !== undefined || insideBatchLoader(node)) return;
      // A poll of the rows whose time has come (`getExpiredTags`, filtered on `expiresAt < now`) feeds a
      // scheduler that takes them all: the name says what the rows are for, the filter that they are due.
      // A read whose rows nobody uses (`await db.selectFrom('t').selectAll().execute();`) probes the connection.
      const owner = enclosingFunction(node);
      const ownerName = owner === undefined ? undefined : functionName(owner);
      if ((ownerName !== undefined && isDueRowsFunctionName(ownerName) && comparesUpTo(node)) || resultIsDiscarded(node)) return;
      // The function keeps this very list in a field (`this.cachedProperties = rows`): its author holds every row in memory by design.
      if (owner !== undefined && keptInField(owner, node, sourceCode)) return;
      context.report({
        node,
        messageId: 'unboundedQuery',
        data: {
          query: queryForMessage(match),
          rows: list.model === undefined ? 'matching row' : `matching '${list.model}' row`,
          advice: list.advice,
          table: list.model === undefined ? 'the table' : `'${list.model}'`,
          model: list.model ?? '<table>',
        },
      });
    }

    return {
      CallExpression: check,
      TaggedTemplateExpression: check,
    };
  },
});

/**
 * The query caps a column from above somewhere in its filter (callbacks included): `.where('expiresAt',
 * '<', now)`, `eb('executeAt', '<=', now)`, `lte(t.dueAt, now)`, `{ dueAt: { lte: now } }`,
 * `LessThan(now)`, or SQL `expires_at <= now()`.
 */
function comparesUpTo(query: TSESTree.Node): boolean {
  const found = { yes: false };
  walk(query, (node) => {
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') {
      const parent = node.parent;
      const isOperatorArgument = parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.length >= 3 && parent.arguments[1] === node;
      if ((isOperatorArgument && isUpperBoundOperator(node.value)) || sqlComparesUpTo(node.value)) found.yes = true;
    } else if (node.type === AST_NODE_TYPES.TemplateLiteral) {
      if (sqlComparesUpTo(node.quasis.map((quasi) => quasi.value.cooked ?? '').join('?'))) found.yes = true;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = dottedName(node.callee);
      if (isUpperBoundOperator(name.slice(name.lastIndexOf('.') + 1))) found.yes = true;
    } else if (node.type === AST_NODE_TYPES.Property) {
      const key = node.key.type === AST_NODE_TYPES.Identifier ? node.key.name : node.key.type === AST_NODE_TYPES.Literal ? String(node.key.value) : node.key.type === AST_NODE_TYPES.MemberExpression ? dottedName(node.key) : '';
      if (isUpperBoundOperator(key)) found.yes = true;
    }
    return !found.yes;
  });
  return found.yes;
}

/** Inside the batch function of a DataLoader: `new DataLoader(async (ids) => …)`, `createDataLoader(async (keys) => …)`. */
function insideBatchLoader(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current != null; current = current.parent) {
    const parent = current.parent;
    const isCallback = (current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression) &&
      (parent?.type === AST_NODE_TYPES.NewExpression || parent?.type === AST_NODE_TYPES.CallExpression) && parent.arguments.includes(current);
    if (isCallback && isBatchLoader(dottedName(parent.callee))) return true;
  }
  return false;
}

/**
 * The rows are never read: the query (awaited or not) is a statement of its own, or the body of a
 * callback handed to a wrapper (`retry(() => query)`) whose result is itself dropped.
 */
function resultIsDiscarded(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  for (;;) {
    const parent = current.parent;
    if (parent === undefined) return false;
    if (parent.type === AST_NODE_TYPES.AwaitExpression || parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression) {
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.ExpressionStatement) return true;
    // `() => query`: the callback returns the rows to the call it is handed to.
    if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current) {
      const call = parent.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((arg) => skipWrappers(arg) === parent)) return false;
      current = call;
      continue;
    }
    return false;
  }
}

/**
 * The function stores the same query's rows in a field of its object: `this.cache = rows`, or
 * `const rows = repo.find(); this.cached = rows;`. A list kept whole in memory is small by its
 * author's design; a second read of it in the same function (a cache bypass) is the same list.
 */
function keptInField(owner: TSESTree.Node, query: CallLike, sourceCode: SourceCode): boolean {
  const callee = query.type === AST_NODE_TYPES.CallExpression ? sourceCode.getText(query.callee) : undefined;
  if (callee === undefined) return false;
  const holders = new Set<string>();
  const stored = new Set<string>();
  const sameQuery = (value: TSESTree.Node): boolean => {
    const found = { same: false };
    walk(value, (inner) => {
      if (inner.type === AST_NODE_TYPES.CallExpression && sourceCode.getText(inner.callee) === callee) found.same = true;
      return !found.same;
    });
    return found.same;
  };
  const direct = { stored: false };
  walk(owner, (node) => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init != null && sameQuery(node.init)) holders.add(node.id.name);
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && node.left.object.type === AST_NODE_TYPES.ThisExpression) {
      const value = skipWrappers(node.right);
      if (value.type === AST_NODE_TYPES.Identifier) stored.add(value.name);
      else if (sameQuery(value)) direct.stored = true;
    }
    return true;
  });
  return direct.stored || [...holders].some((name) => stored.has(name));
}
