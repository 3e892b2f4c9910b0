import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { ChainFact } from '../src/core/facts.js';
import { isInjectedEntityRepositoryCall, isTransactionalEntityCall, queryForMessage } from '../src/core/classify/query.js';
import { walk } from '../src/eslint/ast.js';
import { enclosingClass } from '../src/eslint/bindings.js';
import { createRule } from '../src/eslint/create-rule.js';
import { dbAccessListeners, fileShowsRepositoryLayer } from '../src/eslint/db-access.js';
import { dottedName, propertyName, type CallLike } from '../src/eslint/facts.js';
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
    // Read once, at the first query the file runs (most service files run none).
    let injectedByClass: ReadonlyMap<TSESTree.Node, ReadonlySet<string>> | undefined;
    const NONE: ReadonlySet<string> = new Set();
    return dbAccessListeners(context, settings, 'service', {
      onQuery({ node, match, throughRepository, repeatsReportedSql, chain }) {
        // A transaction boundary is the service's decision (what is atomic); the calls inside it are checked one by one.
        // A second run of SQL text already reported is that finding's query.
        if (throughRepository || match.transaction || repeatsReportedSql === true) return;
        const cls = enclosingClass(node);
        injectedByClass ??= injectedRepositoryEntities(context.sourceCode.ast);
        const injectedEntities = (cls === undefined ? undefined : injectedByClass.get(cls)) ?? NONE;
        if (isInjectedEntityRepositoryCall(match, chain, injectedEntities)) return;
        if (injectedEntities.size > 0 && isTransactionalEntityCall(match, chain, isTransactionManager(node, chain, context.sourceCode))) return;
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

/** The entities each class of the file is given TypeORM repositories of: `User` of `@InjectRepository(User)`. */
function injectedRepositoryEntities(program: TSESTree.Program): ReadonlyMap<TSESTree.Node, ReadonlySet<string>> {
  const byClass = new Map<TSESTree.Node, Set<string>>();
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.Decorator) return true;
    const expression = node.expression;
    const entity = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments[0] : undefined;
    const cls = enclosingClass(node);
    if (cls !== undefined && expression.type === AST_NODE_TYPES.CallExpression && dottedName(expression.callee) === 'InjectRepository' && entity?.type === AST_NODE_TYPES.Identifier) {
      const entities = byClass.get(cls) ?? new Set<string>();
      entities.add(entity.name);
      byClass.set(cls, entities);
    }
    return false;
  });
  return byClass;
}

/**
 * The receiver of the call is the entity manager a transaction hands over: a parameter typed
 * `EntityManager`, or the parameter of a callback given to a `transaction(…)` call
 * (`this.dataSource.transaction(async (manager) => …)`).
 */
function isTransactionManager(node: CallLike, chain: ChainFact, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (chain.binding?.kind !== 'parameter') return false;
  if (chain.binding.typeName === 'EntityManager') return true;
  // The chain's root: `manager` of `manager.getRepository(Project).findOneOrFail(…)`.
  let root: TSESTree.Node = node.type === AST_NODE_TYPES.CallExpression ? node.callee : node;
  while (root.type === AST_NODE_TYPES.MemberExpression || root.type === AST_NODE_TYPES.CallExpression) root = root.type === AST_NODE_TYPES.MemberExpression ? root.object : root.callee;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = ASTUtils.findVariable(sourceCode.getScope(root), root.name)?.defs[0];
  const fn = definition?.type === TSESLint.Scope.DefinitionType.Parameter ? definition.node : undefined;
  const call = fn?.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(fn as TSESTree.CallExpressionArgument) && call.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(call.callee) === 'transaction';
}
