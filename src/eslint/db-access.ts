import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { classifyQuery, isPrismaClientPath, isProbeQuery, isProjectModelKeyRead, isRepositoryLayerCall, isProjectRepositoryCall, isSqlTextStep, holdsQueryBuilder, mayBeQuery, startsOrStepsBuilder, type QueryMatch } from '../core/classify/query.js';
import type { ChainFact } from '../core/facts.js';
import type { SqlText } from '../core/classify/sql.js';
import { classifySql, isProbeSql } from '../core/classify/sql.js';
import type { BackendPatternsSettings, LayerName } from '../core/settings.js';
import { buildChain, chainNames, constOf, enclosingFunction, isOutermostChain, skipWrappers, type CallLike } from './facts.js';
import { localModuleKind, receiverEvidence } from '../core/classify/evidence.js';
import { oncePerFile, walk } from './ast.js';
import { classMemberBindings, identifierBinding, moduleVariable, valueImports, valueReferences } from './bindings.js';
import { fileNodes } from './file-nodes.js';
import { isInLayer } from './layers.js';
import { resolverFor, typedContext } from './typed.js';

const repositoryLayers = new WeakMap<TSESTree.Program, boolean>();

/**
 * Does the file show that the project reaches data through repositories? A class member typed,
 * built or injected as a repository (`users: UserRepository`, `@InjectRepository(User) repo`,
 * `new InvoiceDao(db)`), or a repository imported from the project's data modules. Where a service
 * shows none, its direct ORM calls are the project's design, not a layer skipped.
 */
export function fileShowsRepositoryLayer(sourceCode: Readonly<TSESLint.SourceCode>, settings: BackendPatternsSettings): boolean {
  return oncePerFile(repositoryLayers, sourceCode.ast, () => {
    const members = classMemberBindings(fileNodes(sourceCode).classes, sourceCode);
    const imports = valueImports(sourceCode);
    const repositories = [...members, ...imports].filter(({ name, binding }) => {
      const role = receiverEvidence(binding, name, settings).role;
      return role === 'repository' || role === 'orm-repository';
    });
    // A member the file uses as the Prisma client (`this.prismaRepository.$queryRaw`, `.user.findMany()`) is the client, whatever its
    // name or its class's (`prismaRepository: PrismaRepository`, a class extending PrismaClient).
    const clients = repositories.length > 0 || members.length > 0 ? membersUsedAsPrismaClient(sourceCode) : new Set<string>();
    if (repositories.some(({ name, binding }) => binding.kind !== 'field' || !clients.has(name))) return true;
    const clientTypes = new Set(members.flatMap(({ name, binding }) => (clients.has(name) && binding.typeName !== undefined ? [binding.typeName] : [])));
    // A class named like a repository counts only where the file uses it as a value (looked up,
    // constructed, called): one used only as a type (`Promise<CodeRepository>`, a model that names a
    // source-code repository) shows no data layer.
    return imports.some(({ name, binding }) => /^[A-Z]/.test(name) && /(?:Repository|Repo|Dao|DAO)$/.test(name) && !clientTypes.has(name) && localModuleKind(binding.source ?? '') === 'data' && usedAsValue(sourceCode, name));
  });
}

/** The class members (`this.name`) the file reads the Prisma client's own API through (core `isPrismaClientPath`). */
function membersUsedAsPrismaClient(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlySet<string> {
  const names = new Set<string>();
  walk(sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return true;
    const path: string[] = [];
    for (let outer: TSESTree.Node = node; outer.parent.type === AST_NODE_TYPES.MemberExpression && outer.parent.object === outer && path.length < 2; outer = outer.parent) {
      const property = outer.parent.property;
      if (outer.parent.computed || property.type !== AST_NODE_TYPES.Identifier) break;
      path.push(property.name);
    }
    if (isPrismaClientPath(path)) names.add(node.property.name);
    return true;
  });
  return names;
}

/**
 * Is the module-level binding `name` used as a value in the file, or as the type of a constructor
 * parameter (what a DI container injects by)? Not when it only types results and variables.
 */
function usedAsValue(sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  const variable = moduleVariable(sourceCode, name);
  return variable === undefined || valueReferences(variable).length > 0 || variable.references.some((reference) => typesConstructorParameter(reference.identifier));
}

function typesConstructorParameter(identifier: TSESTree.Node): boolean {
  const annotation = identifier.parent?.type === AST_NODE_TYPES.TSTypeReference ? identifier.parent.parent : undefined;
  let parameter = annotation?.type === AST_NODE_TYPES.TSTypeAnnotation ? annotation.parent : undefined;
  if (parameter?.parent?.type === AST_NODE_TYPES.TSParameterProperty) parameter = parameter.parent;
  const fn = parameter?.parent;
  return fn?.type === AST_NODE_TYPES.FunctionExpression && fn.parent.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor';
}

/** The outermost of the type assertions and parentheses around a node (`sql as string`). */
function wrappedBy(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent !== undefined && skipWrappers(current.parent) === node) current = current.parent;
  return current;
}

/**
 * Is the node an argument of a query-builder step (core `isSqlTextStep`) called on a builder: a step of a chain
 * (`x.createQueryBuilder('u').addSelect(…)`) or a variable holding one (core `holdsQueryBuilder`)? Not a method of
 * that name on a client (`this.db.select('SELECT …')`), which runs the text.
 */
function isStepArgument(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || !isSqlTextStep(callee.property.name)) return false;
  // A step of a chain that builds (`x.createQueryBuilder('u').setParameters(p).addSelect(…)`, `qb.where(…).leftJoin(…)`),
  // not the result of another call (`this.getDb().select('SELECT …')`).
  let builder = skipWrappers(callee.object);
  while (builder.type === AST_NODE_TYPES.CallExpression || builder.type === AST_NODE_TYPES.MemberExpression) {
    if (builder.type === AST_NODE_TYPES.CallExpression) {
      const step = skipWrappers(builder.callee);
      if (step.type === AST_NODE_TYPES.MemberExpression && !step.computed && step.property.type === AST_NODE_TYPES.Identifier && startsOrStepsBuilder(step.property.name)) return true;
      builder = step;
    } else {
      builder = skipWrappers(builder.object);
    }
  }
  return builder.type === AST_NODE_TYPES.Identifier && holdsQueryBuilder(identifierBinding(builder, sourceCode));
}

/** A DB query found in the watched layer. */
export interface LayerQuery {
  readonly node: CallLike;
  readonly match: QueryMatch;
  /** Made through a repository object (`this.userRepository.findById`), not a client or ORM directly. */
  readonly throughRepository: boolean;
  /** Made through one of the project's own repositories, not an ORM's repository object (core `isProjectRepositoryCall`). */
  readonly throughProjectRepository: boolean;
  /** A load by key through one of the project's own models (core `isProjectModelKeyRead`). */
  readonly projectModelKeyRead: boolean;
  /** The query call's chain. */
  readonly chain: ChainFact;
  /** The call runs again the SQL text a `const` of the function holds, reported with its first run. */
  readonly repeatsReportedSql?: boolean;
}

/** SQL text found in the watched layer, outside any query call (which is reported itself). */
export interface LayerSql {
  readonly node: TSESTree.StringLiteral | TSESTree.TemplateLiteral;
  readonly sql: SqlText;
}

const candidates = new WeakMap<TSESTree.Program, { readonly settings: BackendPatternsSettings; readonly known: Map<CallLike, boolean> }>();

/**
 * Cheap first test every query rule runs on every call: the outermost call of its chain, with a
 * name that a DB query can have (`mayBeQuery`). Remembered per file, so the rules linting one file
 * share the answer (one map per file rather than a weak entry per node, which costs the GC).
 */
export function mayBeQueryCall(node: CallLike, settings: BackendPatternsSettings, program: TSESTree.Program): boolean {
  let memo = candidates.get(program);
  if (memo?.settings !== settings) {
    memo = { settings, known: new Map() };
    candidates.set(program, memo);
  }
  const hit = memo.known.get(node);
  if (hit !== undefined) return hit;
  const value = isOutermostChain(node) && mayBeQuery(chainNames(node), settings);
  memo.known.set(node, value);
  return value;
}

/**
 * Listeners that find DB access in code of one layer: query calls (SPEC §3 "DB query call") and
 * SQL text (SPEC §3 "SQL text") that is not an argument of a query call already found. The layer
 * rules decide what to report.
 */
export function dbAccessListeners(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  settings: BackendPatternsSettings,
  layer: LayerName,
  handlers: { readonly onQuery: (query: LayerQuery) => void; readonly onSql?: (sql: LayerSql) => void },
): TSESLint.RuleListener {
  const { sourceCode } = context;
  // Every handler is behind `inLayer`, which first asks whether the file has code of the layer at all:
  // the file's layers are worked out at the first candidate, not for files without one.
  const typed = typedContext(context);
  const queryCalls = new Set<TSESTree.Node>();
  /** SQL text handed to `onSql`. */
  const reportedSql = new Set<TSESTree.Node>();
  /** Of those, the ones a query call of the same function has run. */
  const ranSql = new Set<TSESTree.Node>();
  const inLayer = (node: TSESTree.Node): boolean => isInLayer(context, settings, node, layer);

  function checkCall(node: CallLike): void {
    if (!mayBeQueryCall(node, settings, sourceCode.ast) || !inLayer(node)) return;
    const info = buildChain(node, { sourceCode, typed });
    const match = classifyQuery(info.fact, { settings, resolve: resolverFor(typed, info.nodes) });
    if (match === undefined) return;
    queryCalls.add(node);
    // A health check's `SELECT 1` reads no data: nothing to move into a repository.
    const heldSql = runOfReportedSql(node);
    if (isProbeQuery(match, info.fact) || heldSql === 'first') return;
    handlers.onQuery({ node, match, ...(heldSql === 'again' ? { repeatsReportedSql: true } : {}), throughRepository: isRepositoryLayerCall(match, info.fact, settings), throughProjectRepository: isProjectRepositoryCall(match, info.fact, settings), projectModelKeyRead: isProjectModelKeyRead(match, info.fact, settings), chain: info.fact });
  }

  /**
   * Does the call run SQL text a `const` of the same function holds, reported already
   * (`const q = \`SELECT …\`; await db.query(q)`)? Its first run is that query; a later one runs it again.
   */
  function runOfReportedSql(node: CallLike): 'first' | 'again' | undefined {
    const first = node.type === AST_NODE_TYPES.CallExpression ? node.arguments[0] : undefined;
    if (first?.type !== AST_NODE_TYPES.Identifier || reportedSql.size === 0) return undefined;
    const init = constOf(first, sourceCode)?.init;
    if (init === undefined || !reportedSql.has(init) || enclosingFunction(init) !== enclosingFunction(node)) return undefined;
    // The text stands for its first run; a second call with the same text is another round trip of the same query.
    if (ranSql.has(init)) return 'again';
    ranSql.add(init);
    return 'first';
  }

  function insideQueryCall(node: TSESTree.Node): boolean {
    for (let current = node.parent; current != null; current = current.parent) {
      if (queryCalls.has(current)) return true;
    }
    return false;
  }

  /**
   * Is the text an argument of a query-builder step (core `isSqlTextStep`: `qb.addSelect('(SELECT …)', 'n')`,
   * `.leftJoin('(SELECT …)', 'x', …)`), as it is or through a `const` every read of which is one
   * (`const union = 'SELECT … UNION ALL …'; qb.addCommonTableExpression(union, 'all')`)? Part of that builder's query.
   */
  function givenToBuilderStep(node: TSESTree.Node): boolean {
    const holder = wrappedBy(node);
    const declarator = holder.parent;
    if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === holder && declarator.id.type === AST_NODE_TYPES.Identifier && declarator.parent.kind === 'const') {
      const reads = sourceCode.getDeclaredVariables(declarator)[0]?.references.filter((reference) => reference.isRead()) ?? [];
      return reads.length > 0 && reads.every((reference) => isStepArgument(wrappedBy(reference.identifier), sourceCode));
    }
    return isStepArgument(holder, sourceCode);
  }

  function checkText(node: TSESTree.StringLiteral | TSESTree.TemplateLiteral, text: string): void {
    if (handlers.onSql === undefined || node.parent.type === AST_NODE_TYPES.TSLiteralType || node.parent.type === AST_NODE_TYPES.ImportDeclaration) return;
    const sql = classifySql(text);
    // A health check's `SELECT 1` reads no table, as a query call's probe (core isProbeQuery).
    if (sql === undefined || isProbeSql(text) || insideQueryCall(node) || givenToBuilderStep(node) || !inLayer(node)) return;
    reportedSql.add(node);
    handlers.onSql({ node, sql });
  }

  return {
    CallExpression: checkCall,
    TaggedTemplateExpression: checkCall,
    Literal(node) {
      if (typeof node.value === 'string') checkText(node, node.value);
    },
    TemplateLiteral(node) {
      checkText(node, node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('?'));
    },
  };
}
