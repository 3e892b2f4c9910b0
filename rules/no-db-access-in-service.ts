import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isInjectedEntityRepositoryCall, queryForMessage } from '../src/core/classify/query.js';
import { walk } from '../src/eslint/ast.js';
import { createRule } from '../src/eslint/create-rule.js';
import { dbAccessListeners, fileShowsRepositoryLayer } from '../src/eslint/db-access.js';
import { dottedName } from '../src/eslint/facts.js';
import { fileLayers } from '../src/eslint/layers.js';
import { settingsOf } from '../src/eslint/settings.js';

export type Options = [
  {
    /** Report SQL text written in service code, not only query calls. */
    checkSql?: boolean;
    /** Report services in files that show no repository layer (the project may reach data from services by design). */
    checkWithoutRepositories?: boolean;
  },
];
export type MessageId = 'queryInService' | 'sqlInService';

export default createRule<Options, MessageId>({
  name: 'no-db-access-in-service',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow raw SQL, driver and ORM calls made directly in services',
    },
    messages: {
      queryInService: "Service code runs the query {{query}} directly. Services hold business rules and reach data through repositories; move the query into a repository method and call that.",
      sqlInService: 'SQL text ({{statement}}) in service code. Services hold business rules and reach data through repositories; move the query into a repository method and call that.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkSql: {
            type: 'boolean',
            description: 'Report SQL text (SELECT … FROM, INSERT INTO, …) written in service code outside a query call.',
          },
          checkWithoutRepositories: {
            type: 'boolean',
            description: 'Also report services whose file shows no repository (no member typed, built or injected as one, no repository import): by default such services are taken to reach data directly by design.',
          },
        },
      },
    ],
    defaultOptions: [{ checkSql: true, checkWithoutRepositories: false }],
  },
  create(context, [options]) {
    const settings = settingsOf(context);
    // The premise: the project has a repository layer that this service skips.
    if (!fileLayers(context, settings).has('service')) return {};
    if (options.checkWithoutRepositories !== true && !fileShowsRepositoryLayer(context.sourceCode, settings)) return {};
    const injectedEntities = injectedRepositoryEntities(context.sourceCode.ast);
    return dbAccessListeners(context, settings, 'service', {
      onQuery({ node, match, throughRepository, repeatsReportedSql, chain }) {
        // A transaction boundary is the service's decision (what is atomic); the calls inside it are checked one by one.
        // A second run of SQL text already reported is that finding's query.
        if (throughRepository || match.transaction || repeatsReportedSql === true) return;
        if (isInjectedEntityRepositoryCall(match, chain, injectedEntities)) return;
        context.report({ node, messageId: 'queryInService', data: { query: queryForMessage(match) } });
      },
      ...(options.checkSql === false
        ? {}
        : {
            onSql({ node, sql }) {
              context.report({ node, messageId: 'sqlInService', data: { statement: sql.statement } });
            },
          }),
    });
  },
});

/** The entities the file's classes are given TypeORM repositories of: `User` of `@InjectRepository(User)`. */
function injectedRepositoryEntities(program: TSESTree.Program): ReadonlySet<string> {
  const entities = new Set<string>();
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.Decorator) return true;
    const expression = node.expression;
    const entity = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments[0] : undefined;
    if (expression.type === AST_NODE_TYPES.CallExpression && dottedName(expression.callee) === 'InjectRepository' && entity?.type === AST_NODE_TYPES.Identifier) entities.add(entity.name);
    return false;
  });
  return entities;
}
