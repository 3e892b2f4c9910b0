import { classifyQuery, isIdempotentWrite, isTransactionCall, queryForMessage } from '../src/core/classify/query.js';
import { notAppliedErrorKind } from '../src/core/classify/retry.js';
import { createRule } from '../src/eslint/create-rule.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction } from '../src/eslint/ast.js';
import { buildChain, parentOf, skipWrappers, type CallLike } from '../src/eslint/facts.js';
import { mayBeQueryCall } from '../src/eslint/db-access.js';
import { enclosingRetry, type EnclosingRetry, type RetryContext } from '../src/eslint/retry.js';
import { settingsOf } from '../src/eslint/settings.js';
import { resolverFor, typedContext } from '../src/eslint/typed.js';

export type Options = [
  {
    /**
     * Allow retrying a whole transaction (`pRetry(() => prisma.$transaction(async (tx) => …))`): on a
     * serialization failure the database rolls every write back, so the retry cannot duplicate them.
     */
    allowTransactionRetry?: boolean;
  },
];
export type MessageId = 'writeInRetry';

export default createRule<Options, MessageId>({
  name: 'no-retry-around-db-write',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow database writes inside retry constructs',
    },
    messages: {
      writeInRetry:
        "Write {{query}}{{more}} runs inside {{retry}}; a retry after a timeout or a lost reply can apply it twice (duplicate rows, double charges). Make the write idempotent (upsert on a unique key, an idempotency key, ON CONFLICT DO NOTHING) or retry only the external call.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowTransactionRetry: {
            type: 'boolean',
            description: 'Allow writes made inside a transaction callback that the retry runs as a whole ($transaction, knex.transaction, sequelize.transaction, dataSource.transaction): a failed attempt is rolled back before the next one.',
          },
        },
      },
    ],
    defaultOptions: [{ allowTransactionRetry: false }],
  },
  create(context, [options]) {
    const settings = settingsOf(context);
    const typed = typedContext(context);
    const { sourceCode } = context;
    const retry: RetryContext = { sourceCode, settings, typed };
    // One finding per retry construct, at its first write, counting the others.
    const found = new Map<TSESTree.Node, { readonly node: CallLike; readonly query: string; readonly retry: string; count: number }>();

    function check(node: CallLike): void {
      if (!mayBeQueryCall(node, settings, sourceCode.ast)) return;
      const construct = enclosingRetry(node, retry);
      if (construct === undefined) return;
      const info = buildChain(node, { sourceCode, typed });
      // The retry awaits what the retried function returns: `pRetry(() => repo.create(row))` runs the query.
      const fact = returnedFromFunction(node) ? { ...info.fact, awaited: true } : info.fact;
      const match = classifyQuery(fact, { settings, resolve: resolverFor(typed, info.nodes) });
      if (match === undefined || match.access !== 'write' || match.transaction || isIdempotentWrite(match, fact)) return;
      if (options.allowTransactionRetry === true && construct.crossedCalls.some((call) => isTransactionCall(buildChain(call, { sourceCode }).fact))) return;
      // A retry of exactly one transaction: a failed attempt is rolled back as a whole.
      const transaction = singleTransactionOf(construct.unit, sourceCode);
      if (transaction !== undefined && construct.crossedCalls.includes(transaction)) return;
      // Retried only on errors after which the write was not applied (deadlock, busy, unique race).
      if (notAppliedErrorKind(construct.errorFilter) !== undefined) return;
      const seen = found.get(construct.node);
      if (seen === undefined) found.set(construct.node, { node, query: queryForMessage(match), retry: construct.label, count: 1 });
      else seen.count += 1;
    }

    return {
      CallExpression: check,
      TaggedTemplateExpression: check,
      'Program:exit'() {
        for (const { node, query, retry: label, count } of found.values()) {
          const more = count > 1 ? ` (and ${String(count - 1)} more write${count > 2 ? 's' : ''})` : '';
          context.report({ node, messageId: 'writeInRetry', data: { query, more, retry: label } });
        }
      },
    };
  },
});

/** `() => repo.create(row)` or `return repo.create(row)`: the function hands the call's value to its caller. */
function returnedFromFunction(node: CallLike): boolean {
  const parent = parentOf(node);
  return parent?.type === AST_NODE_TYPES.ArrowFunctionExpression || parent?.type === AST_NODE_TYPES.ReturnStatement;
}

/**
 * The transaction call when a retried unit is exactly one transaction
 * (`pRetry(() => prisma.$transaction(async (tx) => …))`, `try { await db.transaction(…); break; }`),
 * ignoring a final `break`, `continue` or bare `return`.
 */
function singleTransactionOf(unit: EnclosingRetry['unit'], sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression | undefined {
  let statements: readonly TSESTree.Node[];
  if (isFunction(unit)) statements = unit.body.type === AST_NODE_TYPES.BlockStatement ? unit.body.body : [unit.body];
  else if (unit.type === AST_NODE_TYPES.BlockStatement) statements = unit.body;
  else return undefined;
  const work = statements.filter(
    (statement) => statement.type !== AST_NODE_TYPES.BreakStatement && statement.type !== AST_NODE_TYPES.ContinueStatement && !(statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument === null),
  );
  const only = work.length === 1 ? work[0] : undefined;
  if (only === undefined) return undefined;
  let value: TSESTree.Node | null | undefined = only;
  if (only.type === AST_NODE_TYPES.ExpressionStatement) value = only.expression;
  else if (only.type === AST_NODE_TYPES.ReturnStatement) value = only.argument;
  else if (only.type === AST_NODE_TYPES.VariableDeclaration) value = only.declarations.length === 1 ? only.declarations[0].init : undefined;
  if (value == null) return undefined;
  let call = skipWrappers(value);
  if (call.type === AST_NODE_TYPES.AwaitExpression) call = skipWrappers(call.argument);
  return call.type === AST_NODE_TYPES.CallExpression && isTransactionCall(buildChain(call, { sourceCode }).fact) ? call : undefined;
}
