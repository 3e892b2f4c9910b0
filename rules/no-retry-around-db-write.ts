import { classifyQuery, isIdempotentWrite, isTransactionCall, queryForMessage } from '../src/core/classify/query.js';
import { createRule } from '../src/eslint/create-rule.js';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { buildChain, parentOf, type CallLike } from '../src/eslint/facts.js';
import { mayBeQueryCall } from '../src/eslint/db-access.js';
import { enclosingRetry, type RetryContext } from '../src/eslint/retry.js';
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
        "Write {{query}} runs inside {{retry}}; a retry after a timeout or a lost reply can apply it twice (duplicate rows, double charges). Make the write idempotent (upsert on a unique key, an idempotency key, ON CONFLICT DO NOTHING) or retry only the external call.",
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
      context.report({ node, messageId: 'writeInRetry', data: { query: queryForMessage(match), retry: construct.label } });
    }

    return {
      CallExpression: check,
      TaggedTemplateExpression: check,
    };
  },
});

/** `() => repo.create(row)` or `return repo.create(row)`: the function hands the call's value to its caller. */
function returnedFromFunction(node: CallLike): boolean {
  const parent = parentOf(node);
  return parent?.type === AST_NODE_TYPES.ArrowFunctionExpression || parent?.type === AST_NODE_TYPES.ReturnStatement;
}
