import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { nPlusOneStillCosts } from '../src/core/classify/code-context.js';
import { iterationExemption, QUERY_IN_LOOP_MESSAGE, queryExemption, queryInLoopData, queryInLoopExemption } from '../src/core/classify/loop.js';
import { classifyQuery, queryForMessage, type QueryMatch } from '../src/core/classify/query.js';
import type { LoopFact } from '../src/core/facts.js';
import { outsideRequestPath } from '../src/eslint/code-context.js';
import { createRule } from '../src/eslint/create-rule.js';
import { buildChain, chainNames, isOutermostChain, parentOf, skipWrappers, type CallLike, type ChainInfo } from '../src/eslint/facts.js';
import { mayBeQueryCall } from '../src/eslint/db-access.js';
import { walk } from '../src/eslint/ast.js';
import { localCallee } from '../src/eslint/functions.js';
import { loopFactOf } from '../src/eslint/loop-facts.js';
import { enclosingLoop, type EnclosingLoop } from '../src/eslint/loops.js';
import { settingsOf } from '../src/eslint/settings.js';
import { isInLayer } from '../src/eslint/layers.js';
import { resolverFor, typedContext } from '../src/eslint/typed.js';

export type Options = [
  {
    /** Report queries in callbacks of `map`/`forEach`/… and iteration helpers, not only in loop statements. */
    checkCallbacks?: boolean;
    /** Report writes (create/update/delete) as well as reads. */
    checkWrites?: boolean;
  },
];
export type MessageId = 'queryInLoop' | 'suggestBatch';

export default createRule<Options, MessageId>({
  name: 'no-query-in-loop',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow database queries executed once per loop iteration (N+1)',
    },
    hasSuggestions: true,
    messages: {
      queryInLoop: QUERY_IN_LOOP_MESSAGE,
      suggestBatch: "Fetch all rows with one batched query before the loop and read them from a Map ('{{name}}').",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkCallbacks: {
            type: 'boolean',
            description: 'Report queries in callbacks of map/forEach/reduce/… and lodash/async/Bluebird/p-map iteration helpers.',
          },
          checkWrites: {
            type: 'boolean',
            description: 'Report writes (create/update/delete/save) made once per iteration, not only reads.',
          },
        },
      },
    ],
    defaultOptions: [{ checkCallbacks: true, checkWrites: true }],
  },
  create(context, [options]) {
    const settings = settingsOf(context);
    const typed = typedContext(context);
    const { sourceCode } = context;
    const queries = new Map<TSESTree.Node, QueryMatch | undefined>();
    const perLoop = new Map<TSESTree.Node, InLoop[]>();
    /** Loops whose round applies a script file (core `queryExemption` `script-file`): not reported. */
    const scriptRounds = new Set<TSESTree.Node>();
    const runsQuery = new Map<TSESTree.Node, boolean>();

    function classify(node: CallLike): { info: ChainInfo; match: QueryMatch } | undefined {
      const info = buildChain(node, { sourceCode, typed, typeHints: true });
      const match = classifyQuery(info.fact, { settings, resolve: resolverFor(typed, info.nodes) });
      queries.set(node, match);
      return match === undefined ? undefined : { info, match };
    }

    function check(node: CallLike): void {
      if (!mayBeQueryCall(node, settings, sourceCode.ast)) return;
      const loop = enclosingLoop(node, sourceCode);
      if (loop === undefined || (loop.kind === 'callback' && options.checkCallbacks === false)) return;
      const classified = classify(node);
      if (classified === undefined) return;
      const { info, match } = classified;
      if (match.access === 'write' && options.checkWrites === false) return;
      // Premises: the code serves traffic (not a CLI, start-up code or a library), and the query is one
      // per item (not batched, one page, a `SELECT 1` probe or a bounded drain).
      const outside = outsideRequestPath(context, node);
      if (outside !== undefined && !nPlusOneStillCosts(outside, outside === 'background worker' && isInLayer(context, settings, node, 'controller'))) return;
      const exemption = queryExemption(match, info.fact);
      // A round that applies a script file (schema upgrades in order) runs another script each time; its other queries keep the runner's books.
      if (exemption === 'script-file') scriptRounds.add(loop.node);
      if (exemption !== undefined) return;
      // The loop runs the query per item of data (core judges: paging callbacks, fixed lists, memoised
      // look-ups, DataLoader fallbacks, retry loops, loop exits, Prisma's same-tick batching, per-element tables).
      const loopFact = loopFactOf(node, loop, sourceCode, isQueryOfRound);
      if (iterationExemption(loopFact) !== undefined || queryInLoopExemption(match, info.fact, loopFact) !== undefined) return;
      if (insideAnotherQuery(node, info, loop)) return;
      const found = perLoop.get(loop.node) ?? [];
      perLoop.set(loop.node, [...found, { node, info, match, loop, loopFact }]);
    }

    function isQuery(call: CallLike): boolean {
      return mayBeQueryCall(call, settings, sourceCode.ast) && (queries.has(call) ? queries.get(call) : classify(call)?.match) !== undefined;
    }

    /**
     * Does a call of a loop round run a query: itself, or a function of this file it runs
     * (`this.unlinkTags(id)`, `removeFiles(row)`) whose body queries? Then it is one more query of
     * the round, not other work that makes a write a workflow step (the audit follows any function).
     */
    function isQueryOfRound(call: CallLike): boolean {
      if (isQuery(call)) return true;
      const fn = call.type === AST_NODE_TYPES.CallExpression ? localCallee(call, sourceCode) : undefined;
      if (fn === undefined) return false;
      const known = runsQuery.get(fn);
      if (known !== undefined) return known;
      let found = false;
      walk(fn.body, (inner) => {
        if (!found && (inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.TaggedTemplateExpression)) found = isQuery(inner);
        return !found;
      });
      runsQuery.set(fn, found);
      return found;
    }

    /** One report per loop, at its first query; the others are named in its message. */
    function reportLoops(): void {
      for (const [loopNode, found] of perLoop) {
        if (scriptRounds.has(loopNode)) continue;
        const [first, ...others] = [...found].sort((a, b) => a.node.range[0] - b.node.range[0]);
        if (first === undefined) continue;
        const suggestion = batchSuggestion(first.node, first.info, first.match, first.loop, context);
        context.report({
          node: first.node,
          messageId: 'queryInLoop',
          data: queryInLoopData(first.match, first.loopFact, others.map((other) => queryForMessage(other.match))),
          suggest: suggestion === undefined ? [] : [{ messageId: 'suggestBatch', data: { name: suggestion.name }, fix: suggestion.fix }],
        });
      }
    }

    /**
     * `knex('a').whereIn('id', knex('b').select('id'))`: only the outer query is reported. So for the
     * builders a callback makes, un-awaited, for a step of the same client (`knex.unionAll(ids.map((id) =>
     * knex.select(…)))`): the iteration hands its builders to one query, which runs once.
     */
    function insideAnotherQuery(node: CallLike, info: ChainInfo, loop: EnclosingLoop): boolean {
      for (let current: TSESTree.Node | undefined = node.parent; current !== undefined && current !== loop.node; current = current.parent) {
        if (isOuterQuery(current)) return true;
      }
      if (loop.kind !== 'callback' || info.fact.awaited) return false;
      const iteration = loop.node.parent;
      const step = iteration.type === AST_NODE_TYPES.CallExpression ? parentOf(iteration) : undefined;
      if (step?.type !== AST_NODE_TYPES.CallExpression || !step.arguments.some((arg) => arg === iteration)) return false;
      const names = chainNames(step.callee);
      return names.length === 2 && names[0] === info.fact.segments[0]?.name && !/transaction/i.test(names[1] ?? '');
    }

    function isOuterQuery(current: TSESTree.Node): boolean {
      if ((current.type !== AST_NODE_TYPES.CallExpression && current.type !== AST_NODE_TYPES.TaggedTemplateExpression) || !isOutermostChain(current)) return false;
      return (queries.has(current) ? queries.get(current) : classify(current)?.match) !== undefined;
    }

    return {
      CallExpression: check,
      TaggedTemplateExpression: check,
      'Program:exit': reportLoops,
    };
  },
});

/** A query the rule judged an N+1 of its loop, reported with the loop's others at the first. */
interface InLoop {
  readonly node: CallLike;
  readonly info: ChainInfo;
  readonly match: QueryMatch;
  readonly loop: EnclosingLoop;
  readonly loopFact: LoopFact;
}

interface BatchSuggestion {
  readonly name: string;
  readonly fix: TSESLint.ReportFixFunction;
}

interface BatchShape {
  /** Base of the Map's name: `user` → `userById`. */
  readonly base: string;
  readonly key: string;
  readonly keyNode: TSESTree.Node;
  /** Builds the batched query text from the text of `iterable.map((item) => key)`. */
  readonly batchedQuery: (ids: string) => string;
  readonly rowKey: (row: string) => string;
  readonly lookup: (name: string, key: string) => string;
  readonly needsIn?: boolean;
}

/**
 * A suggestion for the recognisable shapes: Prisma `findUnique({ where: { k: x } })`, TypeORM
 * `findOneBy({ k: x })` / `findOne({ where: { k: x } })`, Mongoose `Model.findById(x)` and Knex
 * `knex('t').where('k', x).first()`, awaited in a `for…of` over a plain collection, where the key
 * depends only on the loop variable. It declares one batched query before the loop and replaces
 * the awaited query by a Map look-up.
 */
function batchSuggestion(
  node: CallLike,
  info: ChainInfo,
  match: QueryMatch,
  loop: EnclosingLoop,
  context: Readonly<TSESLint.RuleContext<MessageId, Options>>,
): BatchSuggestion | undefined {
  if (loop.kind !== 'for-of' || loop.node.type !== AST_NODE_TYPES.ForOfStatement || node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const forOf = loop.node;
  const declaration = forOf.left;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return undefined;
  const loopVariable = declaration.declarations[0].id;
  const iterable = skipWrappers(forOf.right);
  if (loopVariable.type !== AST_NODE_TYPES.Identifier || (iterable.type !== AST_NODE_TYPES.Identifier && iterable.type !== AST_NODE_TYPES.MemberExpression)) return undefined;
  if (iterable.type === AST_NODE_TYPES.MemberExpression && chainNames(iterable).includes('')) return undefined;
  const awaited = parentOf(node);
  if (awaited?.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
  const statement = forOf.parent.type === AST_NODE_TYPES.LabeledStatement ? forOf.parent : forOf;
  if (![AST_NODE_TYPES.BlockStatement, AST_NODE_TYPES.Program, AST_NODE_TYPES.SwitchCase, AST_NODE_TYPES.StaticBlock].includes(statement.parent.type)) return undefined;

  const shape = batchShape(node, info, match, context.sourceCode);
  if (shape === undefined || !dependsOnlyOn(shape.keyNode, loopVariable.name, context.sourceCode)) return undefined;

  const { sourceCode } = context;
  const name = freshName(`${shape.base}By${shape.key.charAt(0).toUpperCase()}${shape.key.slice(1).replace(/^_/, '')}`, statement, sourceCode);
  const keyText = sourceCode.getText(shape.keyNode);
  const ids = `${sourceCode.getText(iterable)}.map((${loopVariable.name}) => ${keyText})`;
  const indent = /^\s*/.exec(sourceCode.lines[statement.loc.start.line - 1] ?? '')?.[0] ?? '';
  const declarationText = `const ${name} = new Map((await ${shape.batchedQuery(ids)}).map((row) => [${shape.rowKey('row')}, row]));\n${indent}`;
  const scope = sourceCode.getScope(node);
  return {
    name,
    fix(fixer) {
      const fixes = [fixer.insertTextBefore(statement, declarationText), fixer.replaceText(awaited, shape.lookup(name, keyText))];
      if (shape.needsIn === true && ASTUtils.findVariable(scope, 'In') == null) fixes.push(...importIn(fixer, sourceCode));
      return fixes;
    },
  };
}

function batchShape(node: TSESTree.CallExpression, info: ChainInfo, match: QueryMatch, sourceCode: Readonly<TSESLint.SourceCode>): BatchShape | undefined {
  const { segments } = info.fact;
  const last = segments.length - 1;
  const method = segments[last]?.name;
  const firstArg = node.arguments[0];
  const callee = skipWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const receiver = skipWrappers(callee.object);
  const receiverText = sourceCode.getText(receiver);
  const receiverName = segments[last - 1]?.name ?? '';

  if (match.library === 'prisma' && method === 'findUnique' && match.operationIndex === last && node.arguments.length === 1) {
    const keyed = singleKey(objectProperty(firstArg, 'where', true));
    if (keyed === undefined) return undefined;
    return {
      base: receiverName,
      key: keyed.key,
      keyNode: keyed.value,
      batchedQuery: (ids) => `${receiverText}.findMany({ where: { ${keyed.key}: { in: ${ids} } } })`,
      rowKey: (row) => `${row}.${keyed.key}`,
      lookup: (name, key) => `(${name}.get(${key}) ?? null)`,
    };
  }
  if ((match.library === 'typeorm' || match.library === 'repository') && (method === 'findOneBy' || method === 'findOne') && match.operationIndex === last && node.arguments.length === 1) {
    const where = method === 'findOneBy' ? firstArg : objectProperty(firstArg, 'where', true);
    const keyed = singleKey(where);
    if (keyed === undefined) return undefined;
    const base = receiverName.replace(/(?:Repository|Repo)$/, '') || 'row';
    return {
      base,
      key: keyed.key,
      keyNode: keyed.value,
      batchedQuery: (ids) => method === 'findOneBy' ? `${receiverText}.findBy({ ${keyed.key}: In(${ids}) })` : `${receiverText}.find({ where: { ${keyed.key}: In(${ids}) } })`,
      rowKey: (row) => `${row}.${keyed.key}`,
      lookup: (name, key) => `(${name}.get(${key}) ?? null)`,
      needsIn: true,
    };
  }
  if (match.library === 'mongoose' && method === 'findById' && match.operationIndex === last && node.arguments.length === 1 && firstArg !== undefined && firstArg.type !== AST_NODE_TYPES.SpreadElement) {
    const base = receiverName.replace(/Model$/, '');
    return {
      base: base.charAt(0).toLowerCase() + base.slice(1),
      key: 'id',
      keyNode: firstArg,
      batchedQuery: (ids) => `${receiverText}.find({ _id: { $in: ${ids} } })`,
      rowKey: (row) => `String(${row}._id)`,
      lookup: (name, key) => `(${name}.get(String(${key})) ?? null)`,
    };
  }
  if (match.library === 'knex' && method === 'first' && node.arguments.length === 0) {
    const where = info.calls[last - 1];
    const root = info.calls[last - 2];
    if (segments[last - 1]?.name !== 'where' || where?.type !== AST_NODE_TYPES.CallExpression || root?.type !== AST_NODE_TYPES.CallExpression) return undefined;
    if (!(last - 2 === 0 || (last - 2 === 1 && segments[0]?.name === 'this'))) return undefined;
    const table = root.arguments[0];
    if (table?.type !== AST_NODE_TYPES.Literal || typeof table.value !== 'string') return undefined;
    let keyed: { key: string; value: TSESTree.Node } | undefined;
    const [column, value] = where.arguments;
    if (where.arguments.length === 2 && column?.type === AST_NODE_TYPES.Literal && typeof column.value === 'string' && value !== undefined && value.type !== AST_NODE_TYPES.SpreadElement) {
      keyed = { key: column.value, value };
    } else if (where.arguments.length === 1) {
      keyed = singleKey(column);
    }
    if (keyed === undefined || !/^[A-Za-z_$][\w$]*$/.test(keyed.key)) return undefined;
    const rootText = sourceCode.getText(root);
    const base = table.value.replace(/\W+(\w)/g, (_, letter: string) => letter.toUpperCase());
    const key = keyed.key;
    return {
      base: /^[A-Za-z_$][\w$]*$/.test(base) ? base : 'row',
      key,
      keyNode: keyed.value,
      batchedQuery: (ids) => `${rootText}.whereIn('${key}', ${ids})`,
      rowKey: (row) => `${row}.${key}`,
      lookup: (name, keyText) => `${name}.get(${keyText})`,
    };
  }
  return undefined;
}

function objectProperty(node: TSESTree.Node | undefined, key: string, only: boolean): TSESTree.Node | undefined {
  if (node?.type !== AST_NODE_TYPES.ObjectExpression || (only && node.properties.length !== 1)) return undefined;
  const property = node.properties.find(
    (candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && !candidate.computed && candidate.key.type === AST_NODE_TYPES.Identifier && candidate.key.name === key,
  );
  return property?.value;
}

/** `{ id: x }` → `{ key: 'id', value: x }`; undefined for anything else. */
function singleKey(node: TSESTree.Node | undefined): { key: string; value: TSESTree.Node } | undefined {
  if (node?.type !== AST_NODE_TYPES.ObjectExpression || node.properties.length !== 1) return undefined;
  const property = node.properties[0];
  if (property?.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) return undefined;
  const value = skipWrappers(property.value);
  if (value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression || value.type === AST_NODE_TYPES.AssignmentPattern) return undefined;
  return { key: property.key.name, value: property.value };
}

/** Every identifier that `node` reads is the loop variable (property names aside), and nothing is called. */
function dependsOnlyOn(node: TSESTree.Node, variable: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const state = { readsVariable: false, safe: true };
  const visit = (current: TSESTree.Node): void => {
    switch (current.type) {
      case AST_NODE_TYPES.Identifier:
        if (current.name === variable) state.readsVariable = true;
        else state.safe = false;
        return;
      case AST_NODE_TYPES.MemberExpression:
        visit(current.object);
        if (current.computed) visit(current.property);
        return;
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
        visit(current.expression);
        return;
      case AST_NODE_TYPES.Literal:
        return;
      case AST_NODE_TYPES.TemplateLiteral:
        current.expressions.forEach(visit);
        return;
      default:
        state.safe = false;
    }
  };
  visit(node);
  return state.safe && state.readsVariable && sourceCode.getText(node).length <= 120;
}

function freshName(wanted: string, at: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const scope = sourceCode.getScope(at);
  const safe = /^[A-Za-z_$][\w$]*$/.test(wanted) ? wanted : 'rowsById';
  let name = safe;
  for (let counter = 2; ASTUtils.findVariable(scope, name) != null || sourceCode.text.includes(`const ${name} `); counter += 1) name = `${safe}${String(counter)}`;
  return name;
}

/** Adds `In` to an existing `import { … } from 'typeorm'`, or a new import after the last one. */
function importIn(fixer: TSESLint.RuleFixer, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.RuleFix[] {
  const imports = sourceCode.ast.body.filter((statement): statement is TSESTree.ImportDeclaration => statement.type === AST_NODE_TYPES.ImportDeclaration);
  const typeorm = imports.find((statement) => statement.source.value === 'typeorm' && statement.importKind !== 'type' && statement.specifiers.some((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier));
  const lastSpecifier = typeorm?.specifiers[typeorm.specifiers.length - 1];
  if (lastSpecifier !== undefined) return [fixer.insertTextAfter(lastSpecifier, ', In')];
  const lastImport = imports[imports.length - 1];
  if (lastImport !== undefined) return [fixer.insertTextAfter(lastImport, "\nimport { In } from 'typeorm';")];
  const first = sourceCode.ast.body[0];
  return first === undefined ? [] : [fixer.insertTextBefore(first, "import { In } from 'typeorm';\n")];
}
