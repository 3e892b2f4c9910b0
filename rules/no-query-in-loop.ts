import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { batchingAdvice } from '../src/core/catalogs/reference-fixes.js';
import { loopLabel } from '../src/core/classify/loop.js';
import type { ChainFact } from '../src/core/facts.js';
import { classifyQuery, isPrismaTickBatched, isProbeQuery, type QueryMatch, queryForMessage } from '../src/core/classify/query.js';
import { outsideRequestPath } from '../src/eslint/code-context.js';
import { createRule } from '../src/eslint/create-rule.js';
import { buildChain, chainNames, isOutermostChain, parentOf, skipWrappers, type CallLike, type ChainInfo } from '../src/eslint/facts.js';
import { mayBeQueryCall } from '../src/eslint/db-access.js';
import { awaitsBefore, enclosingLoop, exitsLoopAfter, iterationElementNames, type EnclosingLoop } from '../src/eslint/loops.js';
import { isHandWrittenRetryLoop } from '../src/eslint/retry.js';
import { settingsOf } from '../src/eslint/settings.js';
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
      queryInLoop: "Query {{query}} runs once per iteration of this {{loop}} (N+1). {{advice}}",
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
      if (match.batched || match.paginated || (match.access === 'write' && options.checkWrites === false)) return;
      // Premises: the code serves traffic (not a CLI, start-up code or a library), the query reads data
      // (not a `SELECT 1` probe), and it is not a bounded drain or a paging helper's callback.
      const outside = outsideRequestPath(context, node);
      if ((outside !== undefined && !N_PLUS_ONE_STILL_COSTS.has(outside)) || isProbeQuery(match, info.fact) || isDrain(match, info.fact)) return;
      if (loop.kind === 'callback' && PAGING_CALLBACKS.test(loop.iteration.kind.method)) return;
      // A fixed list written in the code (`for (const role of ['admin', 'owner'])`, a module constant), a memoised
      // look-up (`if (!cache[k]) cache[k] = await q`) and the fallback of a DataLoader do not grow with the data.
      if (iteratesFixedList(loop) || memoised(node, loop.node) || dataLoaderFallback(node, loop.node)) return;
      if (loop.kind !== 'callback') {
        if (isHandWrittenRetryLoop(loop.node) || exitsLoopAfter(node, loop.node)) return;
      }
      if (isPrismaTickBatched(match, info.fact) && issuedInOneTick(node, loop)) return;
      if (onEachElement(info, match, loop)) return;
      if (insideAnotherQuery(node, loop)) return;
      const suggestion = batchSuggestion(node, info, match, loop, context);
      context.report({
        node,
        messageId: 'queryInLoop',
        data: { query: queryForMessage(match), loop: loopLabel(loop.kind, loop.kind === 'callback' ? loop.iteration.kind.method : undefined), advice: batchingAdvice(match.library, match.access, match.raw) },
        suggest: suggestion === undefined ? [] : [{ messageId: 'suggestBatch', data: { name: suggestion.name }, fix: suggestion.fix }],
      });
    }

    /** The iterated value is an array literal, or a module-level constant array / object's keys or values. */
    function iteratesFixedList(loop: EnclosingLoop): boolean {
      let iterated: TSESTree.Node | undefined;
      if (loop.kind === 'callback') {
        const callee = skipWrappers(loop.iteration.call.callee);
        iterated = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
      } else if (loop.node.type === AST_NODE_TYPES.ForOfStatement || loop.node.type === AST_NODE_TYPES.ForInStatement) {
        iterated = loop.node.right;
      }
      return iterated !== undefined && isFixedList(skipWrappers(iterated), 0);
    }

    function isFixedList(node: TSESTree.Node, depth: number): boolean {
      if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.length <= 20 && node.elements.every((element) => element?.type !== AST_NODE_TYPES.SpreadElement);
      if (node.type === AST_NODE_TYPES.ObjectExpression) return true;
      if (node.type === AST_NODE_TYPES.CallExpression && depth === 0) {
        // `Object.keys(CONFIG)`, `Object.entries(PHASES)`.
        const names = chainNames(node.callee);
        const arg = node.arguments[0];
        return names.length === 2 && names[0] === 'Object' && /^(?:keys|values|entries)$/.test(names[1] ?? '') && arg !== undefined && arg.type !== AST_NODE_TYPES.SpreadElement && isFixedList(skipWrappers(arg), depth + 1);
      }
      if (node.type !== AST_NODE_TYPES.Identifier || depth > 1) return false;
      const definition = ASTUtils.findVariable(sourceCode.getScope(node), node.name)?.defs[0];
      const declarator = definition?.node;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init == null || declarator.parent.kind !== 'const') return false;
      const statement = declarator.parent.parent;
      const topLevel = statement.type === AST_NODE_TYPES.Program || (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.parent.type === AST_NODE_TYPES.Program);
      return topLevel && isFixedList(skipWrappers(declarator.init), depth + 1);
    }

    /** `if (!cache[key]) cache[key] = await q(key)` / `if (!seen.has(k)) seen.set(k, await q(k))`: one query per distinct key, remembered. */
    function memoised(node: TSESTree.Node, loopNode: TSESTree.Node): boolean {
      for (let current: TSESTree.Node | undefined = node.parent; current !== undefined && current !== loopNode; current = current.parent) {
        if (current.type !== AST_NODE_TYPES.IfStatement) continue;
        const store = /^!\s*([\w$.]+)(?:\[|\.has\(|\.get\()/.exec(sourceCode.getText(current.test))?.[1];
        if (store === undefined) continue;
        const body = sourceCode.getText(current.consequent);
        if (body.includes(`${store}[`) || body.includes(`${store}.set(`)) return true;
      }
      return false;
    }

    /** `loaders ? loaders.users.load(id) : User.findByPk(id)`: the query is the fallback when no DataLoader batches it. */
    function dataLoaderFallback(node: TSESTree.Node, loopNode: TSESTree.Node): boolean {
      let child: TSESTree.Node = node;
      for (let current: TSESTree.Node | undefined = node.parent; current !== undefined && current !== loopNode; child = current, current = current.parent) {
        if ((current.type === AST_NODE_TYPES.ConditionalExpression || current.type === AST_NODE_TYPES.IfStatement) && current.alternate === child) {
          return /\.load(?:Many)?\(/.test(sourceCode.getText(current.consequent));
        }
      }
      return false;
    }

    /** `knex('a').whereIn('id', knex('b').select('id'))`: only the outer query is reported. */
    function insideAnotherQuery(node: CallLike, loop: EnclosingLoop): boolean {
      for (let current: TSESTree.Node | undefined = node.parent; current !== undefined && current !== loop.node; current = current.parent) {
        if ((current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.TaggedTemplateExpression) && isOutermostChain(current)) {
          const known = queries.has(current) ? queries.get(current) : classify(current)?.match;
          if (known !== undefined) return true;
        }
      }
      return false;
    }

    return {
      CallExpression: check,
      TaggedTemplateExpression: check,
    };
  },
});

/** Places outside a request where an N+1 still loads the database: workers and the data libraries of a monorepo stay in scope. */
const N_PLUS_ONE_STILL_COSTS: ReadonlySet<string> = new Set(['module top level', 'background worker', 'not a server package']);

/** Callbacks of helpers that page through a table on purpose (`findAllInBatches`, `eachBatch`, `paginate`). */
const PAGING_CALLBACKS = /InBatches$|^(?:each|for|map)Batch(?:es)?$|^paginate|^batch(?:ed)?$|^chunk(?:ed|By)?$/;

/** A write with a `LIMIT` run until nothing is left (`DELETE … WHERE id IN (SELECT … LIMIT 1000)`): a drain, already batched. */
function isDrain(match: QueryMatch, chain: ChainFact): boolean {
  if (match.access !== 'write') return false;
  return chain.segments.some((segment) => segment.call?.args.some((arg) => (arg.kind === 'string' || arg.kind === 'template') && /\blimit\s+(?:\d+|\$\d+|\?|:\w+)/i.test(arg.text)) ?? false) ||
    chain.segments.some((segment) => segment.name === 'limit' && segment.call !== undefined);
}

/**
 * `collections.map((c) => c.deleteMany())`, `for (const repo of repos) await repo.clear()`: each
 * iteration queries a different table through the element itself, which no batching can merge.
 * An active-record `await doc.save()` on each element is still one table, N times.
 */
function onEachElement(info: ChainInfo, match: QueryMatch, loop: EnclosingLoop): boolean {
  const root = info.fact.segments[0];
  return !match.activeRecord && root !== undefined && root.call === undefined && match.operationIndex >= 1 && iterationElementNames(loop).includes(root.name);
}

/**
 * Prisma batches `findUnique` calls issued in the same tick: in a synchronous `map`/`forEach`
 * callback before any `await`, or pushed un-awaited from a loop with no `await` in it.
 */
function issuedInOneTick(node: CallLike, loop: EnclosingLoop): boolean {
  if (loop.kind === 'callback') {
    return loop.iteration.kind.style === 'array' && !awaitsBefore(node.range[0], loop.node);
  }
  if (loop.kind === 'for-await-of' || parentOf(node)?.type === AST_NODE_TYPES.AwaitExpression) return false;
  // Any await in the body delays the next iteration's call to a later tick.
  return !awaitsBefore(Number.POSITIVE_INFINITY, loop.node.body);
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
