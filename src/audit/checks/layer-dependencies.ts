import { ts } from 'ts-morph';
import { DB_PACKAGES } from '../../core/catalogs/db-clients.js';
import { packageNameOf } from '../../core/classify/names.js';
import { classifyRouteRegistration, dbImportLayer } from '../../core/classify/layer.js';
import { isProbeQuery } from '../../core/classify/query.js';
import type { LayerName } from '../../core/settings.js';
import { buildChain, isCallLike, isFunctionNode, skipWrappers, type CallLike, type FunctionLikeNode } from '../facts.js';
import type { Finding, LayerEdge, LayerNodeName } from '../findings.js';
import type { CallGraph } from '../graph.js';
import { relativePath } from '../load-project.js';
import { fileContext } from '../code-context.js';
import type { CheckContext } from './check.js';

export const id = 'audit/layer-dependencies';

const RANK: Readonly<Record<LayerNodeName, number>> = { controller: 0, service: 1, repository: 2, data: 3 };
const NEXT: Readonly<Record<LayerName, LayerNodeName>> = { controller: 'service', service: 'repository', repository: 'data' };

/** One file-level dependency between layers, with the import or call that makes it. */
export interface LayerDependency {
  readonly fromFile: string;
  readonly from: LayerNodeName;
  /** A project file, or `data` for the database (a DB package's client). */
  readonly toKey: string;
  readonly to: LayerNodeName;
  readonly node: ts.Node;
  readonly kind: 'import' | 'call';
  readonly text: string;
  /** The target's layer comes from what its code does (it runs queries), not from its path or names. */
  readonly byBehaviour?: boolean;
  /** That code is a function (a helper module's export), not a class: no sign of a repository layer. */
  readonly behaviourOfFunction?: boolean;
  /**
   * The import is used only as the type of constructor parameters outside a DI container (no
   * decorator on the class or the parameter): `constructor(private user: User)` may take a row, so
   * it shows no repository the class works through.
   */
  readonly parameterTypeOnly?: boolean;
  /** A query call in controller or service code: the per-file rules report it, so the check does not. */
  readonly perFileRule?: boolean;
  /** For an import of the client: the names the file reaches it by (`db`, `this.prisma` for an injected one). */
  readonly handles?: readonly string[];
}

type UseKind = 'injected' | 'constructed' | 'called' | 'value';
interface Use {
  readonly identifier: ts.Identifier;
  readonly kind: UseKind;
}

/** How an identifier is used: in a type only (undefined), as a constructor-injected type, constructed, called, or otherwise as a value. */
function useKind(identifier: ts.Identifier): UseKind | undefined {
  let child: ts.Node = identifier;
  let parent = identifier.parent;
  while (ts.isQualifiedName(parent) || (ts.isPropertyAccessExpression(parent) && parent.expression === child)) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isTypeReferenceNode(parent) && parent.typeName === child) {
    // `constructor(private users: UsersRepository)`, `@Inject() users: UsersRepository`: the class is injected.
    const holder = parent.parent;
    if (ts.isParameter(holder) && holder.type === parent && ts.isConstructorDeclaration(holder.parent)) return 'injected';
    if (ts.isPropertyDeclaration(holder) && holder.type === parent && (ts.getDecorators(holder) ?? []).length > 0) return 'injected';
    return undefined;
  }
  for (let current: ts.Node = identifier; !ts.isSourceFile(current); current = current.parent) {
    if (ts.isTypeNode(current) && !ts.isExpressionWithTypeArguments(current)) return undefined;
    if (ts.isDecorator(current)) return undefined;
    if (ts.isHeritageClause(current)) return current.token === ts.SyntaxKind.ExtendsKeyword ? 'value' : undefined;
    if (ts.isStatement(current) || isFunctionNode(current)) break;
  }
  if (ts.isNewExpression(parent) && parent.expression === child) return 'constructed';
  if (ts.isCallExpression(parent) && parent.expression === child) return 'called';
  return 'value';
}

/** A constructor parameter a DI container fills: its class or the parameter itself is decorated (`@Injectable()`, `@Inject(TOKEN)`). */
function injectedByContainer(parameter: ts.Node): boolean {
  if (!ts.isParameter(parameter)) return false;
  if ((ts.getDecorators(parameter) ?? []).length > 0) return true;
  const cls = parameter.parent.parent;
  return ts.isClassLike(cls) && (ts.getDecorators(cls) ?? []).length > 0;
}

/** Uses of each imported local name in the file (not the import itself), found in one walk. */
function importUses(file: ts.SourceFile, names: ReadonlySet<string>): Map<string, Use[]> {
  const uses = new Map<string, Use[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return;
    if (ts.isIdentifier(node) && names.has(node.text) && !isDeclarationName(node)) {
      const kind = useKind(node);
      if (kind !== undefined) uses.set(node.text, [...(uses.get(node.text) ?? []), { identifier: node, kind }]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return uses;
}

/** A name that declares or names a member rather than referring to a binding: `x.name`, `{ name: v }`, `function name()`. */
function isDeclarationName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) return true;
  if (ts.isQualifiedName(parent) && parent.right === identifier) return true;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent) || ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent) || ts.isEnumMember(parent)) && parent.name === identifier) return true;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isClassLike(parent) || ts.isBindingElement(parent) || ts.isInterfaceDeclaration(parent) || ts.isTypeAliasDeclaration(parent)) && parent.name === identifier) return true;
  return ts.isBindingElement(parent) && parent.propertyName === identifier;
}

interface ImportedBinding {
  readonly local: ts.Identifier;
  /** `default`, `*`, or the exported name. */
  readonly importedName: string;
  readonly statement: ts.ImportDeclaration;
  readonly source: string;
}

function importedBindings(file: ts.SourceFile): ImportedBinding[] {
  const bindings: ImportedBinding[] = [];
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.importClause === undefined) continue;
    const source = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (clause.name !== undefined) bindings.push({ local: clause.name, importedName: 'default', statement, source });
    const named = clause.namedBindings;
    if (named !== undefined && ts.isNamespaceImport(named)) bindings.push({ local: named.name, importedName: '*', statement, source });
    else if (named !== undefined) for (const element of named.elements) bindings.push({ local: element.name, importedName: (element.propertyName ?? element.name).text, statement, source });
  }
  return bindings;
}

/** Does this function or class run a query itself (a library call, not through a repository object)? */
function runsQueries(graph: CallGraph, node: ts.Node): boolean {
  const functions = isFunctionNode(node) ? [node] : ts.isClassLike(node) ? node.members.flatMap((member): FunctionLikeNode[] => (isFunctionNode(member) ? [member] : [])) : [];
  return functions.some((fn) => graph.callsIn(fn).some((call) => {
    const match = graph.query(call);
    return match !== undefined && match.library !== 'repository';
  }));
}

/** What an imported project binding is, as a layer: its declaration's code, judged like any code; `data` for the DB client itself. */
function targetOf(graph: CallGraph, binding: ImportedBinding): { file: ts.SourceFile; layer: LayerNodeName | undefined; byBehaviour: boolean; behaviourOfFunction?: boolean } | undefined {
  const module = graph.resolveModule(binding.statement.moduleSpecifier as ts.StringLiteral);
  if (module === undefined) return undefined;
  if (binding.importedName === '*') {
    const layer = graph.layerOfSourceFile(module);
    return { file: module, layer, byBehaviour: false };
  }
  let symbol = graph.symbolAt(binding.local);
  for (let hops = 0; symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0 && hops < 8; hops += 1) symbol = graph.aliased(symbol);
  const declaration = symbol?.declarations?.find((candidate) => graph.isProjectFile(candidate.getSourceFile())) ?? symbol?.declarations?.[0];
  if (declaration === undefined || !graph.isProjectFile(declaration.getSourceFile())) return { file: module, layer: undefined, byBehaviour: false };
  const file = declaration.getSourceFile();
  // Types, interfaces and enums are no layer edge: nothing runs through them.
  if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration) || ts.isEnumDeclaration(declaration) || ts.isModuleDeclaration(declaration)) return { file, layer: undefined, byBehaviour: false };
  let code: ts.Node = declaration;
  if (ts.isExportAssignment(declaration)) code = skipWrappers(declaration.expression);
  if (ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined) {
    const initializer = skipWrappers(declaration.initializer);
    if (containsDbClientCreation(graph, initializer)) return { file, layer: 'data', byBehaviour: false };
    if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer) || ts.isClassExpression(initializer)) code = initializer;
    else if (ts.isNewExpression(initializer)) {
      // `export const users = new UsersService(db)`: the instance is of its class's layer.
      const constructed = graph.resolveCallee(initializer.expression, true);
      if (constructed !== undefined) code = constructed.node;
    }
  }
  if (ts.isIdentifier(code) || ts.isNewExpression(code)) {
    const resolved = graph.resolveCallee(ts.isNewExpression(code) ? code.expression : code, ts.isNewExpression(code));
    if (resolved !== undefined) code = resolved.node;
  }
  // The dependency is on the code that decides the layer: an instance a composition root builds and exports
  // (`export const chatbotController = new ChatbotController(…)` in server.module.ts) is its class's, in its class's file,
  // so importing it and calling its methods are one dependency on that file, reported once.
  const codeFile = code.getSourceFile();
  const layer = graph.layerAt(code);
  if (layer !== undefined) return { file: codeFile, layer, byBehaviour: false };
  // Whatever it is called (a store, a DAO, a gateway, a helper in lib/): code that runs queries is repository code.
  if ((isFunctionNode(code) || ts.isClassLike(code)) && runsQueries(graph, code)) return { file: codeFile, layer: 'repository', byBehaviour: true, behaviourOfFunction: isFunctionNode(code) };
  return { file, layer: undefined, byBehaviour: false };
}

function containsDbClientCreation(graph: CallGraph, node: ts.Node): boolean {
  let found = false;
  const visit = (current: ts.Node): void => {
    if (found || isFunctionNode(current)) return;
    if ((ts.isNewExpression(current) || ts.isCallExpression(current)) && graph.layers.creation(current) !== undefined) found = true;
    else ts.forEachChild(current, visit);
  };
  visit(node);
  return found;
}

/** Every dependency of layered code on another layer: the imports that create them, then calls no import explains. */
export function layerDependencies(graph: CallGraph, files: readonly ts.SourceFile[]): LayerDependency[] {
  const dependencies: LayerDependency[] = [];
  for (const file of files) {
    const fromFile = relativePath(graph.root, file.fileName);
    // A health check (a module importing a health-check library) hands the client to a probe: it reads no data.
    const healthCheck = fileContext(file, graph.root).healthCheck;
    const bindings = importedBindings(file);
    const uses = importUses(file, new Set(bindings.map((binding) => binding.local.text)));
    const importedFiles = new Set<string>();
    const calledFiles = new Set<string>();
    const firstOfFile = dependencies.length;
    for (const binding of bindings) {
      const found = uses.get(binding.local.text) ?? [];
      if (found.length === 0) continue;
      // A path alias (`@app/users/users.service`) looks like a package name: the project's own files win.
      const packageName = graph.resolveModule(binding.statement.moduleSpecifier as ts.StringLiteral) === undefined ? packageNameOf(binding.source) : undefined;
      if (packageName !== undefined) {
        if (!Object.hasOwn(DB_PACKAGES, packageName) || healthCheck) continue;
        for (const use of found) {
          const from = graph.layerAt(use.identifier);
          if (from === undefined) continue;
          const to = use.kind === 'value' ? undefined : dbPackageUse(graph, binding, use);
          if (to === undefined) continue;
          dependencies.push({ fromFile, from, toKey: to === 'data' ? 'data' : packageName, to, node: binding.statement, kind: 'import', text: packageName, ...(to === 'data' ? { handles: handlesOf(binding, found) } : {}) });
        }
        continue;
      }
      const target = targetOf(graph, binding);
      if (target === undefined) continue;
      const toKey = relativePath(graph.root, target.file.fileName);
      importedFiles.add(toKey);
      if (target.layer === undefined || target.file === file) continue;
      const parameterTypeOnly = found.every((use) => use.kind === 'injected' && ts.isParameter(use.identifier.parent.parent) && !injectedByContainer(use.identifier.parent.parent));
      for (const use of found) {
        const from = graph.layerAt(use.identifier);
        if (from === undefined || mountedOnly(use.identifier) || (target.layer === 'data' && (healthCheck || inProbeQuery(graph, use.identifier)))) continue;
        dependencies.push({ fromFile, from, toKey, to: target.layer, node: binding.statement, kind: 'import', text: binding.statement.getText(file), byBehaviour: target.byBehaviour, ...(target.behaviourOfFunction === true ? { behaviourOfFunction: true } : {}), ...(parameterTypeOnly ? { parameterTypeOnly: true } : {}), ...(target.layer === 'data' ? { handles: handlesOf(binding, found) } : {}) });
      }
    }
    const visit = (node: ts.Node): void => {
      if (isCallLike(node)) {
        const from = graph.layerAt(node);
        if (from !== undefined) {
          const target = graph.resolveCall(node);
          if (target !== undefined) {
            const targetFile = target.node.getSourceFile();
            const toKey = relativePath(graph.root, targetFile.fileName);
            calledFiles.add(toKey);
            // An injected collaborator no import names (a token, a factory): the first call is the edge.
            if (target.layer !== undefined && targetFile !== file && !importedFiles.has(toKey)) {
              dependencies.push({ fromFile, from, toKey, to: target.layer, node, kind: 'call', text: target.name });
            }
          } else {
            const match = graph.query(node);
            if (match !== undefined && match.library !== 'repository') {
              // A query through an imported client is the dependency its import makes (one edge, reported at
              // the import), not a second one on the database.
              const handle = chainHandle(node);
              const imported = handle !== undefined && reachesImportedBinding(graph, node, handle) && dependencies.some((dependency, index) => index >= firstOfFile && dependency.kind === 'import' && dependency.to === 'data' && dependency.from === from && dependency.handles?.includes(handle) === true);
              if (!imported) dependencies.push({ fromFile, from, toKey: 'data', to: 'data', node, kind: 'call', text: match.label, perFileRule: from === 'controller' || from === 'service' });
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    // A parameter type whose code the file does call (`this.users.findById(id)`) is a collaborator after all.
    for (let index = firstOfFile; index < dependencies.length; index += 1) {
      const dependency = dependencies[index];
      if (dependency?.parameterTypeOnly === true && calledFiles.has(dependency.toKey)) dependencies[index] = { ...dependency, parameterTypeOnly: false };
    }
  }
  return dependencies;
}

/**
 * The names a file reaches an imported binding by: its local name, and for a class injected through
 * a constructor parameter or a decorated property, `this.<member>` (and the parameter's own name).
 */
function handlesOf(binding: ImportedBinding, uses: readonly Use[]): string[] {
  const handles = [binding.local.text];
  for (const use of uses) {
    if (use.kind !== 'injected') continue;
    let holder: ts.Node = use.identifier.parent;
    while (!ts.isParameter(holder) && !ts.isPropertyDeclaration(holder) && !ts.isSourceFile(holder)) holder = holder.parent;
    if ((ts.isParameter(holder) || ts.isPropertyDeclaration(holder)) && ts.isIdentifier(holder.name)) handles.push(`this.${holder.name.text}`, holder.name.text);
  }
  return handles;
}

/** The name a call's receiver chain starts from: `db` for `db.query(…)`, `this.prisma` for `this.prisma.user.update(…)`. */
function chainHandle(call: CallLike): string | undefined {
  const [root, member] = buildChain(call).segments;
  if (root === undefined || root.name === '') return undefined;
  return root.name === 'this' ? (member === undefined || member.name === '' ? undefined : `this.${member.name}`) : root.name;
}

/**
 * Does a call's receiver chain start at the file's import (`db` of `import { db } from './db'`), not at
 * a local name that shadows it (a function's `db` parameter handed a transaction)? Resolved by the
 * declaration of the chain's root; a `this.<member>` handle is an injection, matched by name.
 */
function reachesImportedBinding(graph: CallGraph, call: CallLike, handle: string): boolean {
  if (handle.startsWith('this.')) return true;
  let root: ts.Node = ts.isTaggedTemplateExpression(call) ? call.tag : call.expression;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isCallExpression(root) || ts.isNonNullExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root)) return false;
  const declaration = graph.declarationOf(root);
  return declaration !== undefined && (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration));
}

/**
 * A router or handler handed to a route registration or mount (`app.use(mount('/api', api))`,
 * `router.use('/x', users.routes())`): the code that mounts routes is the composition root, not a
 * dependency on the controller's logic.
 */
function mountedOnly(identifier: ts.Identifier): boolean {
  let current: ts.Node = identifier;
  for (let depth = 0; depth < 6; depth += 1) {
    const parent = current.parent as ts.Node | undefined;
    if (parent === undefined || ts.isStatement(parent) || isFunctionNode(parent)) return false;
    if (ts.isCallExpression(parent) && parent.arguments.includes(current as ts.Expression) && classifyRouteRegistration(buildChain(parent)) !== undefined) return true;
    current = parent;
  }
  return false;
}

const TRANSACTION_OPENERS: ReadonlySet<string> = new Set(['transaction', '$transaction', 'transact']);

/** A use of the DB client in a health probe (`db.query('SELECT 1')`) or to open a transaction: it reads no data, so no layer is skipped. */
function inProbeQuery(graph: CallGraph, identifier: ts.Identifier): boolean {
  let current: ts.Node = identifier;
  while (ts.isPropertyAccessExpression(current.parent) || (ts.isCallExpression(current.parent) && current.parent.expression === current) || (ts.isTaggedTemplateExpression(current.parent) && current.parent.tag === current)) current = current.parent;
  if (!isCallLike(current)) return false;
  // `sequelize.transaction(async (t) => …)`, `knex.transaction(…)`: only opens a transaction.
  const member = identifier.parent;
  if (ts.isPropertyAccessExpression(member) && member.expression === identifier && TRANSACTION_OPENERS.has(member.name.text) && ts.isCallExpression(member.parent) && member.parent.expression === member) return true;
  const match = graph.query(current);
  // Opening a transaction (`sequelize.transaction(async (t) => …)`) reads nothing either: the queries run inside, through the models.
  return match !== undefined && (match.transaction || isProbeQuery(match, buildChain(current)));
}

/** The layer a use of a DB package's import reaches: the client (`data`), the ORM's repositories, or nothing. */
function dbPackageUse(graph: CallGraph, binding: ImportedBinding, use: Use): LayerNodeName | undefined {
  if (use.kind === 'injected') return dbImportLayer({ importedName: binding.importedName, source: binding.source, usage: 'injected' });
  // `new Pool()`, `knex({…})`, `mysql.createPool()`: the call whose callee starts at this name.
  let callee: ts.Node = use.identifier;
  while (ts.isPropertyAccessExpression(callee.parent) && callee.parent.expression === callee) callee = callee.parent;
  const call = callee.parent;
  if ((ts.isNewExpression(call) || ts.isCallExpression(call)) && call.expression === callee) {
    if (graph.layers.creation(call) !== undefined) return 'data';
    return dbImportLayer({ importedName: binding.importedName, source: binding.source, usage: use.kind === 'constructed' ? 'constructed' : 'called' });
  }
  return undefined;
}

export function isViolation(from: LayerNodeName, to: LayerNodeName): boolean {
  return from !== to && (from === 'data' || to !== NEXT[from]);
}

/** Files reachable from `start` over the dependencies, for naming the cycle a reverse edge closes. */
function pathBetween(dependencies: readonly LayerDependency[], start: string, goal: string): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const dependency of dependencies) next.set(dependency.fromFile, [...(next.get(dependency.fromFile) ?? []), dependency.toKey]);
  const previous = new Map<string, string>([[start, '']]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift() ?? '';
    if (current === goal) {
      const path = [goal];
      for (let at = previous.get(goal) ?? ''; at !== ''; at = previous.get(at) ?? '') path.unshift(at);
      return path;
    }
    for (const following of next.get(current) ?? []) {
      if (!previous.has(following)) {
        previous.set(following, current);
        queue.push(following);
      }
    }
  }
  return undefined;
}

/**
 * Imports and calls go controller → service → repository → data only. Reports each reverse or
 * skipping dependency once per pair of files, at the import that makes it (or, without one, the
 * first call), and names the cycle a reverse dependency closes. Where the premise does not hold it
 * stays silent: code of no layer and the data layer itself (the module that creates the client)
 * are not judged; a service's queries are a skipped layer only where that service also goes through
 * repositories (else direct queries are the project's design, as for `no-db-access-in-service`); a
 * query call in controller or service code is the per-file rules' finding; a health check (a module
 * importing a health-check library) hands the client to a probe and skips no layer; a reverse dependency
 * on a configuration, logging or metrics service that reaches no repository or data is not
 * judged (such a service closes no cycle); a controller's dependency
 * on code that is repository code only by what it does is `audit/no-db-access-in-controller`'s.
 */
export function checkLayerDependencies(context: CheckContext): { findings: Finding[]; edges: LayerEdge[]; dependencies: LayerDependencyStatus[] } {
  const { graph, files } = context;
  const dependencies = layerDependencies(graph, files);
  const reachesData = new Set<string>();
  const usesRepositories = new Set<string>();
  for (const dependency of dependencies) {
    if (dependency.to === 'repository' || dependency.to === 'data') reachesData.add(dependency.fromFile);
    // A helper function that happens to run a query is no repository layer the service skips (as for `no-db-access-in-service`).
    if (dependency.to === 'repository' && dependency.behaviourOfFunction !== true && dependency.parameterTypeOnly !== true) usesRepositories.add(dependency.fromFile);
  }
  const seen = new Set<string>();
  const unique = dependencies.filter((dependency) => {
    const key = `${dependency.fromFile}\0${dependency.toKey}\0${dependency.from}\0${dependency.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // The premise of a controller's skipped layer: the project has one to go through (core `projectHasLayerModules`, as for the rule).
  const hasLayerModules = graph.hasLayerModules();
  const reported = new Set<string>();
  const statuses: LayerDependencyStatus[] = [];
  const findings: Finding[] = [];
  const counts = new Map<string, { from: LayerNodeName; to: LayerNodeName; count: number }>();
  for (const dependency of unique) {
    if (dependency.from === dependency.to) continue;
    const key = `${dependency.from}>${dependency.to}`;
    const entry = counts.get(key) ?? { from: dependency.from, to: dependency.to, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
    const status = (verdict: string): void => {
      statuses.push({ fromFile: dependency.fromFile, line: graph.location(dependency.node).line, from: dependency.from, to: dependency.to, toKey: dependency.toKey, kind: dependency.kind, status: verdict });
    };
    if (!isViolation(dependency.from, dependency.to)) {
      status('allowed');
      continue;
    }
    const why = unjudged(dependency, { reachesData, usesRepositories, hasLayerModules });
    if (why !== undefined) {
      status(`not reported: ${why}`);
      continue;
    }
    const pair = `${dependency.fromFile}\0${dependency.toKey}`;
    if (reported.has(pair)) {
      status('reported once for this pair of files');
      continue;
    }
    reported.add(pair);
    status('reported');
    const reverse = RANK[dependency.to] < RANK[dependency.from];
    const cycle = reverse ? pathBetween(unique, dependency.toKey, dependency.fromFile) : undefined;
    const what = dependency.kind === 'import' ? 'imports' : `calls '${dependency.text}' in`;
    const target = dependency.toKey === 'data' ? (dependency.kind === 'import' ? `the database client '${dependency.text}'` : 'the database') : dependency.toKey === dependency.text ? `the ${dependency.to === 'repository' ? 'repositories' : 'client'} of '${dependency.text}'` : `${dependency.to} ${dependency.toKey}`;
    const advice = reverse
      ? `A ${dependency.from} must not depend on a ${dependency.to}: move the call up into the ${dependency.to} that uses this ${dependency.from}, or invert it with an event or callback.`
      : `A ${dependency.from} talks to the ${NEXT[dependency.from as LayerName]} layer only: go through a ${NEXT[dependency.from as LayerName]}${dependency.to === 'data' && dependency.from === 'controller' ? ' and a repository' : ''}.`;
    findings.push({
      ruleId: id,
      severity: 'error',
      ...graph.location(dependency.node),
      message: `${reverse ? 'Reverse' : 'Skipping'} layer dependency: this ${dependency.from} ${what} ${target}${cycle === undefined ? '' : `, closing the cycle ${[...cycle, dependency.toKey].join(' → ')}`}. ${advice}`,
      fix: advice,
    });
  }
  const edges: LayerEdge[] = [...counts.values()]
    .map((entry) => ({ ...entry, violation: isViolation(entry.from, entry.to) }))
    .sort((a, b) => RANK[a.from] - RANK[b.from] || RANK[a.to] - RANK[b.to]);
  return { findings, edges, dependencies: statuses };
}

/** A dependency as `--explain` shows it, with what the check made of it. */
export interface LayerDependencyStatus {
  readonly fromFile: string;
  readonly line: number;
  readonly from: LayerNodeName;
  readonly to: LayerNodeName;
  readonly toKey: string;
  readonly kind: 'import' | 'call';
  readonly status: string;
}

/** `config.service.ts`, `app-config.service.ts`, `logger.service.ts`, `metrics.service.ts`: infrastructure any layer may use. */
const INFRASTRUCTURE_SERVICE = /(?:^|[/._-])(?:config|configuration|settings|env|environment|logger|logging|log|metrics|telemetry|tracing|tracer|i18n|translation|clock)[._-]service\.[cm]?[jt]sx?$/i;

/** Why the check does not judge this violating dependency (see `checkLayerDependencies`), or undefined when it does. */
function unjudged(dependency: LayerDependency, project: { readonly reachesData: ReadonlySet<string>; readonly usesRepositories: ReadonlySet<string>; readonly hasLayerModules: boolean }): string | undefined {
  if (dependency.from === 'data') return 'the data layer is not judged';
  if (dependency.from === 'controller' && dependency.to === 'data' && !project.hasLayerModules) return 'the project has no service, use-case or repository module: its handlers reach data by design';
  if (dependency.from === 'service' && dependency.to === 'data' && !project.usesRepositories.has(dependency.fromFile)) return 'this service uses no repository: direct queries are the design';
  if (dependency.perFileRule === true) return `a query in ${dependency.from} code is the per-file rule's finding`;
  if (dependency.from === 'controller' && dependency.byBehaviour === true) return "repository code by behaviour only: audit/no-db-access-in-controller's";
  if (RANK[dependency.to] < RANK[dependency.from] && dependency.to === 'service' && !project.reachesData.has(dependency.toKey) && INFRASTRUCTURE_SERVICE.test(dependency.toKey)) {
    return 'a configuration, logging or metrics service that reaches no repository or data closes no cycle';
  }
  return undefined;
}
