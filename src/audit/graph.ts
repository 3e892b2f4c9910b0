import { ts, type Project, type SourceFile } from 'ts-morph';
import type { ProjectLayer } from '../core/classify/layer.js';
import { classifyQuery, isRepositoryLayerCall, type QueryMatch } from '../core/classify/query.js';
import type { BackendPatternsSettings } from '../core/settings.js';
import { projectHasLayerModules } from '../core/project-layers.js';
import { buildChain, buildChainInfo, enclosingFunctionOf, isCallLike, isFunctionNode, isOutermostChain, outermostChainOf, parentOf, skipWrappers, type CallLike, type FunctionLikeNode } from './facts.js';
import type { ChainStep } from './findings.js';
import { callerNameOf, callOf, isValueReference, usedExpression } from './callers.js';
import { ProjectLayers } from './layers.js';
import { programOf, relativePath } from './load-project.js';
import * as declaredClass from '../typescript/declared-class.js';
import { queryExemption } from '../core/classify/loop.js';
import { answersFromCacheFirst } from './loop-facts.js';
import { declaredInOf as declaredInOfAnyCompiler } from '../typescript/declared-in.js';
import type { DeclaredIn } from '../core/facts.js';
import { declarationCodec, LIVE_ANSWERS, mappedCodec, nodeCodec, plainCodec, symbolCodec, type AnswerCodec, type Compiled, type TypedAnswers } from './facts-cache.js';

/**
 * `src/typescript/declared-class.ts`, typed for ts-morph's copy of the compiler: the same TypeScript
 * version, bundled apart, whose declarations the type checker cannot relate to the other copy's.
 */
const lookups = declaredClass as unknown as {
  memberOfConstructedReceiver(api: typeof ts, checker: ts.TypeChecker, receiver: ts.Expression, member: string): ts.Declaration | undefined;
  receiverDeclaration(api: typeof ts, checker: ts.TypeChecker, receiver: ts.Expression): ts.VariableDeclaration | ts.PropertyDeclaration | ts.ParameterDeclaration | undefined;
  symbolOfName(api: typeof ts, checker: ts.TypeChecker, name: ts.Node): ts.Symbol | undefined;
};

/** `src/typescript/declared-in.ts` for ts-morph's copy of the compiler (see `lookups`). */
const declaredInOf = declaredInOfAnyCompiler as unknown as (api: typeof ts, program: ts.Program, checker: ts.TypeChecker, node: ts.Node) => DeclaredIn | undefined;

/** A function, method or function-valued property of the project, as the call graph knows it. */
export interface FunctionInfo {
  readonly node: FunctionLikeNode;
  /** `UserService.getUser`, `countOrdersByStatus`, `OrderController.summary`. */
  readonly name: string;
  /** Computed on first read: the layer of the function's code (`ProjectLayers.layerAt`). */
  readonly layer: ProjectLayer | undefined;
  readonly step: ChainStep;
}

/** A place the project names a function (`CallGraph.usesOf`). */
export interface FunctionUse {
  /** The name as used: `load`, `this.service.load`, `handlers['load']`. */
  readonly expression: ts.Node;
  /** The call it is the callee of; undefined for a value handed on (`router.get('/', load)`, `{ handler: load }`). */
  readonly call: ts.CallExpression | undefined;
  /** The checker resolves it to the function; else it is a call by the same name resolved to no project function (`app.get(Populator).populate()`, `byId.get(id)`). */
  readonly resolved: boolean;
}

/** The uses of a name found so far (`CallGraph.scanName`): `next` is the next project file to read. */
interface NameScan {
  next: number;
  /** Each with the function the graph resolves it to once asked (null: none). */
  readonly uses: Array<{ readonly expression: ts.Node; readonly call: ts.CallExpression | undefined; target?: FunctionInfo | null }>;
  readonly aliases: ts.Identifier[];
}

export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * The project's call graph: resolves calls across files (imports, re-exports, `this.x` typed by
 * constructor injection, exported functions) with the type checker, and summarises each function
 * once: the shortest chain of calls by which it runs a query. Cycles terminate (a function being
 * summarised counts as reaching nothing while its own summary is computed).
 */
export class CallGraph {
  readonly root: string;
  readonly settings: BackendPatternsSettings;
  private readonly project: Project;
  private compiled: Compiled | undefined;
  /** Typed answers: from the facts cache where a file's entry is valid (`--cache`), else from the checker. */
  private readonly answers: TypedAnswers;
  private readonly functionCodec: AnswerCodec<FunctionInfo | undefined>;
  private readonly projectFiles: ReadonlySet<string>;
  private readonly projectSourceFiles: readonly ts.SourceFile[];
  private readonly functions = new Map<ts.Node, FunctionInfo>();
  private readonly queries = new Map<ts.Node, QueryMatch | undefined>();
  private readonly resolved = new Map<ts.Node, FunctionInfo | undefined>();
  /** Per `avoidServices` (+1) and `perItem` (+2). */
  private readonly reaches = [0, 1, 2, 3].map(() => new Map<ts.Node, readonly ChainStep[] | undefined>());
  private readonly inProgress = new Set<string>();
  /** The layer of every piece of code, judged by core as for the rules (route handler → class → file). */
  readonly layers: ProjectLayers;
  private readonly callsCache = new Map<ts.Node, readonly CallLike[]>();
  private readonly nameScans = new Map<string, NameScan>();

  constructor(project: Project, files: readonly SourceFile[], root: string, settings: BackendPatternsSettings, answers: TypedAnswers = LIVE_ANSWERS) {
    this.root = root;
    this.settings = settings;
    this.project = project;
    this.answers = answers;
    this.functionCodec = mappedCodec(nodeCodec(answers, isFunctionNode), (info: FunctionInfo | undefined) => info?.node, (node) => (node === undefined ? undefined : this.functionInfo(node)));
    this.projectSourceFiles = files.map((file) => file.compilerNode);
    this.projectFiles = new Set(this.projectSourceFiles.map((file) => file.fileName));
    this.layers = new ProjectLayers(this);
    this.layers.setScope(files.map((file) => file.compilerNode));
  }

  /** The program and its type checker, created on the first typed question the cache does not answer. */
  private compile(): Compiled {
    return this.answers.compilerFor(() => {
      if (this.compiled === undefined) {
        const program = programOf(this.project);
        this.compiled = { program, checker: program.getTypeChecker() };
      }
      return this.compiled;
    }, this.project.getCompilerOptions());
  }

  private layerModules: boolean | undefined;

  /**
   * Does the project have a service, use-case or repository module: by its path (core
   * `projectHasLayerModules`), or a module or class the layers place there (`class OrdersService` in
   * `lib/orders-logic.ts`, an `@Injectable()` service, `settings.layers` class names and decorators)?
   */
  hasLayerModules(): boolean {
    this.layerModules ??=
      projectHasLayerModules(this.projectSourceFiles.map((file) => relativePath(this.root, file.fileName)), this.settings) ||
      this.projectSourceFiles.some((file) => isLayerOfData(this.layers.fileVerdict(file).layer) || file.statements.some((statement) => ts.isClassDeclaration(statement) && isLayerOfData(this.layers.classVerdict(statement).layer)));
    return this.layerModules;
  }

  private get program(): ts.Program {
    return this.compile().program;
  }

  private get checker(): ts.TypeChecker {
    return this.compile().checker;
  }

  location(node: ts.Node): Location {
    const file = node.getSourceFile();
    const start = file.getLineAndCharacterOfPosition(node.getStart(file));
    const end = file.getLineAndCharacterOfPosition(node.getEnd());
    return { file: relativePath(this.root, file.fileName), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  }

  step(node: ts.Node, label: string): ChainStep {
    const { file, line, column } = this.location(node);
    return { file, line, column, label };
  }

  /** Every file of the project, those out of the audited scope (scripts, tests) too. */
  get sourceFiles(): readonly ts.SourceFile[] {
    return this.projectSourceFiles;
  }

  isProjectFile(file: ts.SourceFile): boolean {
    return this.projectFiles.has(file.fileName);
  }

  /** The layer of a module (path confirmed by content, else data when it creates the DB client). */
  layerOfSourceFile(file: ts.SourceFile): ProjectLayer | undefined {
    return this.layers.fileVerdict(file).layer;
  }

  /** The layer of the code at `node`: the innermost of its route handler, class and file. */
  layerAt(node: ts.Node): ProjectLayer | undefined {
    return this.layers.layerAt(node);
  }

  functionInfo(node: FunctionLikeNode): FunctionInfo {
    const known = this.functions.get(node);
    if (known !== undefined) return known;
    const { name, nameNode } = functionName(node);
    // The layer is read lazily: finding route handlers resolves callees, whose layers depend on them.
    let judged: { readonly layer: ProjectLayer | undefined; readonly step: ChainStep } | undefined;
    const judge = (): { readonly layer: ProjectLayer | undefined; readonly step: ChainStep } => {
      if (judged !== undefined) return judged;
      const layer = this.layerAt(node);
      const step = this.step(nameNode ?? node, name);
      judged = { layer, step: layer === undefined ? step : { ...step, layer } };
      return judged;
    };
    const info: FunctionInfo = {
      node,
      name,
      get layer() {
        return judge().layer;
      },
      get step() {
        return judge().step;
      },
    };
    this.functions.set(node, info);
    return info;
  }

  /** Classifies an outermost call chain as a query (memoised). */
  query(call: CallLike): QueryMatch | undefined {
    if (this.queries.has(call)) return this.queries.get(call);
    const match = isOutermostChain(call) ? this.answers.ask('query', call, () => this.typedQuery(call), plainCodec<QueryMatch>()) : undefined;
    this.queries.set(call, match);
    return match;
  }

  private typedQuery(call: CallLike): QueryMatch | undefined {
    // With the type checker, as typed linting does: where the called member is declared confirms
    // or refutes the names (an array's `find` is no query; a method of a DB package is one).
    const { fact, nodes } = buildChainInfo(call);
    const resolve = (index: number): DeclaredIn | undefined => {
      const node = nodes[index];
      return node === undefined ? undefined : declaredInOf(ts, this.program, this.checker, node);
    };
    const untyped = classifyQuery(fact, { settings: this.settings });
    const typed = classifyQuery(fact, { settings: this.settings, resolve });
    // A project class only the types call a repository is followed through the graph instead:
    // its methods' bodies show whether and how they query.
    return untyped === undefined && typed?.library === 'repository' ? undefined : typed;
  }

  /** The project function a call runs, when the type checker can tell and its body is in the project. */
  resolveCall(call: CallLike): FunctionInfo | undefined {
    if (this.resolved.has(call)) return this.resolved.get(call);
    // A call its names already make a DB library query (`this.prisma.user.findMany`, `UserModel.find`)
    // runs the library, not project code; asking the checker would instantiate the ORM's types for nothing.
    // A repository-named receiver (`this.userRepository.count()`) may be the project's own class, so it is still resolved.
    // So is a chain starting from a class or object the project defines (`User.findByPk` on an active-record class).
    const result = this.answers.ask('call', call, () => {
      // `this.executeTask(task)()`: the call runs the function the factory returns.
      const invoked = ts.isCallExpression(call) ? skipWrappers(call.expression) : undefined;
      if (invoked !== undefined && ts.isCallExpression(invoked)) {
        const factory = this.resolveCall(invoked);
        const returned = factory === undefined ? undefined : returnedFunction(factory.node);
        return returned === undefined ? undefined : this.functionInfo(returned);
      }
      const outermost = outermostChainOf(call);
      const libraryQuery = this.query(outermost);
      return libraryQuery !== undefined && libraryQuery.library !== 'repository' && !isRepositoryLayerCall(libraryQuery, buildChain(outermost), this.settings) && !this.chainRootIsProjectDefined(call)
        ? undefined
        : this.resolveCallee(ts.isTaggedTemplateExpression(call) ? call.tag : call.expression, ts.isNewExpression(call));
    }, this.functionCodec);
    this.resolved.set(call, result);
    return result;
  }

  /** The project function an expression (`this.orders.place`, `users.list`, `handler`) refers to. */
  resolveCallee(expression: ts.Node, construct = false): FunctionInfo | undefined {
    return this.answers.ask(construct ? 'construct' : 'callee', expression, () => this.resolveCalleeLive(expression, construct), this.functionCodec);
  }

  private resolveCalleeLive(expression: ts.Node, construct: boolean): FunctionInfo | undefined {
    const callee = skipWrappers(expression);
    if (isFunctionNode(callee)) return this.functionInfo(callee);
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isElementAccessExpression(callee) ? callee.argumentExpression : ts.isIdentifier(callee) ? callee : undefined;
    if (nameNode === undefined) return undefined;
    const name = ts.isIdentifier(nameNode) || ts.isPrivateIdentifier(nameNode) || ts.isStringLiteralLike(nameNode) ? nameNode.text : undefined;
    if (name !== undefined) {
      // A name the project never declares (`findMany`, `json`, `map`) cannot lead to a project function:
      // skip the checker, whose answer for ORM members means instantiating their large generic types.
      if (!this.declaredNames().has(name)) return undefined;
      // `byId.get(id)` on `const byId = new Map(…)`: the receiver's class lives outside the project, so
      // its methods do too, and the receiver's full type (inferred through ORM generics) need not be computed.
      if ((ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && this.receiverClassIsExternal(callee.expression, name)) return undefined;
    }
    let symbol = this.checker.getSymbolAtLocation(nameNode);
    for (let hops = 0; symbol !== undefined && hops < 5; hops += 1) {
      if ((symbol.flags & ts.SymbolFlags.Alias) !== 0) {
        symbol = this.checker.getAliasedSymbol(symbol);
        continue;
      }
      const declaration = symbol.declarations?.find((candidate) => this.projectFiles.has(candidate.getSourceFile().fileName));
      if (declaration === undefined) return undefined;
      if (ts.isShorthandPropertyAssignment(declaration)) {
        symbol = this.checker.getShorthandAssignmentValueSymbol(declaration);
        continue;
      }
      const fn = functionOfDeclaration(declaration, construct);
      return fn === undefined ? undefined : this.functionInfo(fn);
    }
    return undefined;
  }

  private projectNames: ReadonlySet<string> | undefined;

  /** `byId.get(…)` on `const byId = new Map(…)`: a member of a class declared outside the project, found without types. */
  private receiverClassIsExternal(receiver: ts.Expression, member: string): boolean {
    const declaration = lookups.memberOfConstructedReceiver(ts, this.checker, receiver, member);
    return declaration !== undefined && !this.projectFiles.has(declaration.getSourceFile().fileName);
  }

  /**
   * Is the object a call chain starts from defined by the project itself (`User` in `User.findByPk(id)`
   * for a project class, a project object literal, an instance of a project class, a value of a
   * project type), so that a query name on it may be the project's own method? Symbol look-ups only.
   */
  private chainRootIsProjectDefined(call: CallLike): boolean {
    let root: ts.Node = call;
    for (let steps = 0; steps < 64; steps += 1) {
      const current = skipWrappers(root);
      if (ts.isCallExpression(current) || ts.isNewExpression(current)) root = current.expression;
      else if (ts.isTaggedTemplateExpression(current)) root = current.tag;
      else if ((ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) && current.expression.kind !== ts.SyntaxKind.ThisKeyword) root = current.expression;
      else {
        root = current;
        break;
      }
    }
    const inProject = (node: ts.Node): boolean => this.projectFiles.has(node.getSourceFile().fileName);
    const declaredInProject = (name: ts.Node): boolean => (lookups.symbolOfName(ts, this.checker, name)?.declarations ?? []).some(inProject);
    if (ts.isIdentifier(root)) {
      const declarations = lookups.symbolOfName(ts, this.checker, root)?.declarations ?? [];
      if (declarations.some((declaration) => inProject(declaration) && !ts.isVariableDeclaration(declaration) && !ts.isParameter(declaration) && !ts.isBindingElement(declaration))) return true;
    }
    // Not a plain name (`(await db()).find()`): unknown, so resolve it.
    if (!ts.isIdentifier(root) && !ts.isPropertyAccessExpression(root)) return true;
    const declaration = lookups.receiverDeclaration(ts, this.checker, root);
    if (declaration === undefined) return false;
    if (declaration.type !== undefined) return !ts.isTypeReferenceNode(declaration.type) || declaredInProject(declaration.type.typeName);
    const initializer = declaration.initializer === undefined ? undefined : skipWrappers(declaration.initializer);
    if (initializer === undefined) return false;
    if (ts.isObjectLiteralExpression(initializer) || ts.isClassExpression(initializer)) return true;
    return ts.isNewExpression(initializer) && declaredInProject(initializer.expression);
  }

  /**
   * Every name the project's own code declares something under that can hold or lead to a function
   * body: functions, methods, classes, variables, properties, parameters, and the local and exported
   * names of imports and re-exports (an alias reaches its target only through one of them).
   */
  private declaredNames(): ReadonlySet<string> {
    if (this.projectNames !== undefined) return this.projectNames;
    const names = new Set<string>();
    const add = (name: ts.Node | undefined): void => {
      if (name === undefined) return;
      if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) {
        names.add(name.text);
      } else if (ts.isComputedPropertyName(name)) {
        // `['loadActive']() {…}`, `[Keys.List]: fn`: the name a computed key evaluates to (rare, so the checker may answer).
        const key = skipWrappers(name.expression);
        if (ts.isStringLiteralLike(key) || ts.isNumericLiteral(key)) names.add(key.text);
        else {
          const value = this.answers.ask('key', key, () => {
            const type = this.checker.getTypeAtLocation(key);
            return type.isStringLiteral() || type.isNumberLiteral() ? String(type.value) : undefined;
          }, plainCodec<string>());
          if (value !== undefined) names.add(value);
        }
      }
    };
    const visit = (node: ts.Node): void => {
      // One switch on the kind per node (this walks every node of the project once).
      switch (node.kind) {
        case ts.SyntaxKind.FunctionDeclaration: case ts.SyntaxKind.FunctionExpression: case ts.SyntaxKind.MethodDeclaration:
        case ts.SyntaxKind.ClassDeclaration: case ts.SyntaxKind.ClassExpression:
        case ts.SyntaxKind.VariableDeclaration: case ts.SyntaxKind.PropertyDeclaration: case ts.SyntaxKind.PropertyAssignment: case ts.SyntaxKind.ShorthandPropertyAssignment:
        case ts.SyntaxKind.Parameter: case ts.SyntaxKind.BindingElement: case ts.SyntaxKind.GetAccessor: case ts.SyntaxKind.SetAccessor:
        case ts.SyntaxKind.ImportClause: case ts.SyntaxKind.NamespaceImport: case ts.SyntaxKind.NamespaceExport: case ts.SyntaxKind.ImportEqualsDeclaration:
        case ts.SyntaxKind.ModuleDeclaration: case ts.SyntaxKind.EnumDeclaration:
          add((node as ts.NamedDeclaration).name);
          break;
        case ts.SyntaxKind.ImportSpecifier: case ts.SyntaxKind.ExportSpecifier:
          add((node as ts.ImportSpecifier | ts.ExportSpecifier).name);
          add((node as ts.ImportSpecifier | ts.ExportSpecifier).propertyName);
          break;
        case ts.SyntaxKind.ExportAssignment:
          names.add('default');
          break;
        default:
          break;
      }
      ts.forEachChild(node, visit);
    };
    for (const file of this.projectSourceFiles) if (!file.isDeclarationFile) visit(file);
    names.add('default');
    this.projectNames = names;
    return names;
  }

  /**
   * The symbol a name refers to (an import's local name: the alias). From the facts cache it is a
   * record of the flags and declarations of what the alias finally stands for (see `symbolCodec`).
   */
  symbolAt(node: ts.Node): ts.Symbol | undefined {
    return this.answers.ask('symbol', node, () => this.checker.getSymbolAtLocation(node), symbolCodec(this.answers, () => this.checker));
  }

  /** The symbol an alias (an import, a re-export) finally stands for. */
  aliased(symbol: ts.Symbol): ts.Symbol {
    return this.checker.getAliasedSymbol(symbol);
  }

  /** The declaration an identifier refers to, in any file. */
  declarationOf(identifier: ts.Identifier): ts.Declaration | undefined {
    return this.answers.ask('declaration', identifier, () => this.checker.getSymbolAtLocation(identifier)?.declarations?.[0], declarationCodec(this.answers));
  }

  /** The declaration of the value a shorthand property holds (`{ lookupRouter }`): the variable or import it names, not the property. */
  shorthandValueOf(property: ts.ShorthandPropertyAssignment): ts.Declaration | undefined {
    return this.answers.ask('shorthand value', property, () => this.checker.getShorthandAssignmentValueSymbol(property)?.declarations?.[0], declarationCodec(this.answers));
  }

  /**
   * The text an expression always has, as the type checker sees it: a string or number literal, a
   * `const` (imported, re-exported), an enum member, a member of a `const` object, and a template
   * or `+` of such (`${API_PREFIX}/users`). Undefined when any part may vary.
   */
  constantText(node: ts.Node): string | undefined {
    const inner = skipWrappers(node);
    if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner) || ts.isNumericLiteral(inner)) return inner.text;
    return this.answers.ask('constant', inner, () => this.constantTextLive(inner, 0), plainCodec<string>());
  }

  private constantTextLive(node: ts.Node, depth: number): string | undefined {
    const inner = skipWrappers(node);
    if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner) || ts.isNumericLiteral(inner)) return inner.text;
    if (depth > 8) return undefined;
    if (ts.isTemplateExpression(inner)) {
      let text = inner.head.text;
      for (const span of inner.templateSpans) {
        const part = this.constantTextLive(span.expression, depth + 1);
        if (part === undefined) return undefined;
        text += part + span.literal.text;
      }
      return text;
    }
    if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = this.constantTextLive(inner.left, depth + 1);
      const right = left === undefined ? undefined : this.constantTextLive(inner.right, depth + 1);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    if (!ts.isIdentifier(inner) && !ts.isPropertyAccessExpression(inner) && !ts.isElementAccessExpression(inner)) return undefined;
    const type = this.checker.getTypeAtLocation(inner);
    if (type.isStringLiteral()) return type.value;
    if (type.isNumberLiteral()) return String(type.value);
    // `const USERS = `${API}/users`` is typed `string`: the text of what the constant is initialised with.
    const nameNode = ts.isPropertyAccessExpression(inner) ? inner.name : ts.isElementAccessExpression(inner) ? inner.argumentExpression : inner;
    const symbol = this.targetSymbol(nameNode);
    const declaration = symbol?.declarations?.length === 1 ? symbol.declarations[0] : undefined;
    if (declaration === undefined) return undefined;
    if (ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 && declaration.initializer !== undefined) {
      return this.constantTextLive(declaration.initializer, depth + 1);
    }
    if (ts.isEnumMember(declaration) && declaration.initializer !== undefined) return this.constantTextLive(declaration.initializer, depth + 1);
    // `export const ROUTES = { users: 'users' }`: a member of an object a `const` holds.
    if (ts.isPropertyAssignment(declaration) && ts.isObjectLiteralExpression(declaration.parent)) {
      const holder = declaration.parent.parent;
      if (ts.isVariableDeclaration(holder) && (ts.getCombinedNodeFlags(holder) & ts.NodeFlags.Const) !== 0) return this.constantTextLive(declaration.initializer, depth + 1);
    }
    return undefined;
  }

  /**
   * Where the project names a function, found from the call graph: every same-named use (a name, a
   * `this.service.load` access, a renamed import or re-export of it, a default import) that the checker
   * resolves to `fn`, and the same-named calls it resolves to no project function. Undefined when
   * `fn` has no name callers reach it by, or the project holds more than `limit` same-named uses.
   */
  usesOf(fn: FunctionLikeNode, limit = Number.POSITIVE_INFINITY): readonly FunctionUse[] | undefined {
    const nameNode = callerNameOf(fn);
    if (nameNode === undefined) return undefined;
    const names = [nameNode.text];
    // `export default function load`: a default import names it by any name.
    if (ts.isFunctionDeclaration(fn) && (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Default) !== 0) names.push('default');
    const uses: FunctionUse[] = [];
    let candidates = 0;
    for (let index = 0; index < names.length; index += 1) {
      const scan = this.scanName(names[index] ?? '', limit - candidates);
      candidates += scan.uses.length;
      if (candidates > limit) return undefined;
      // An import or re-export under another name (`export { parseRate as rateOf }`) whose name stands for `fn`.
      for (const alias of scan.aliases) if (!names.includes(alias.text) && declaresFunction(this.targetSymbol(alias), fn)) names.push(alias.text);
      for (const use of scan.uses) {
        use.target ??= this.resolveCallee(use.expression) ?? null;
        if (use.target?.node === fn) uses.push({ expression: use.expression, call: use.call, resolved: true });
        else if (use.target === null && use.call !== undefined) uses.push({ expression: use.expression, call: use.call, resolved: false });
      }
    }
    return uses;
  }

  /**
   * The uses of a name as a value in the project's files, and the names imports and re-exports give
   * it (for `default`: the default imports), read file by file until more than `budget` uses are found;
   * read once per name, whichever function of that name is asked about.
   */
  private scanName(name: string, budget: number): NameScan {
    let scan = this.nameScans.get(name);
    if (scan === undefined) {
      scan = { next: 0, uses: [], aliases: [] };
      this.nameScans.set(name, scan);
    }
    const { uses, aliases } = scan;
    const visit = (node: ts.Node): void => {
      if (ts.isImportClause(node)) {
        if (name === 'default' && node.name !== undefined) aliases.push(node.name);
      } else if (ts.isImportSpecifier(node) || ts.isExportSpecifier(node)) {
        if ((node.propertyName ?? node.name).text === name && node.name.text !== name && ts.isIdentifier(node.name)) aliases.push(node.name);
      } else if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node) || ts.isStringLiteralLike(node)) && node.text === name && isValueReference(node)) {
        const expression = usedExpression(node);
        uses.push({ expression, call: callOf(expression) });
      }
      ts.forEachChild(node, visit);
    };
    while (scan.next < this.projectSourceFiles.length && uses.length <= budget) {
      const file = this.projectSourceFiles[scan.next];
      scan.next += 1;
      if (file !== undefined && (name === 'default' || file.text.includes(name))) visit(file);
    }
    return scan;
  }

  /** The symbol a name stands for, through imports and re-exports. */
  private targetSymbol(name: ts.Node): ts.Symbol | undefined {
    const symbol = this.checker.getSymbolAtLocation(name);
    return symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0 ? this.checker.getAliasedSymbol(symbol) : symbol;
  }

  /**
   * Whether a same-named call the graph resolves to no project function may run `fn`: `unknown` when
   * the checker cannot tell what it calls (an untyped receiver, `any`), `fn` when its symbol is
   * `fn`'s (an overloaded function) or a member of an interface or class `fn`'s class implements or
   * extends, `other` when it calls something else (a library's `map.get`, a parameter).
   */
  callTarget(call: ts.CallExpression, fn: FunctionLikeNode): 'fn' | 'unknown' | 'other' {
    const callee = skipWrappers(call.expression);
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isElementAccessExpression(callee) ? callee.argumentExpression : callee;
    const symbol = this.targetSymbol(nameNode);
    if (symbol === undefined || (symbol.declarations ?? []).length === 0) return 'unknown';
    if (declaresFunction(symbol, fn)) return 'fn';
    const owner = fn.parent;
    const bases = ts.isClassLike(owner) ? this.baseTypesOf(owner) : new Set<ts.Node>();
    if ((symbol.declarations ?? []).some((declaration) => bases.has(declaration.parent))) return 'fn';
    return (this.checker.getTypeAtLocation(callee).flags & ts.TypeFlags.Any) !== 0 ? 'unknown' : 'other';
  }

  /** The classes and interfaces a class extends or implements, transitively (project declarations only). */
  private baseTypesOf(owner: ts.ClassLikeDeclaration): Set<ts.Node> {
    const bases = new Set<ts.Node>();
    const visit = (declaration: ts.Node): void => {
      if (!ts.isClassLike(declaration) && !ts.isInterfaceDeclaration(declaration)) return;
      for (const clause of declaration.heritageClauses ?? []) {
        for (const type of clause.types) {
          for (const base of this.targetSymbol(type.expression)?.declarations ?? []) {
            if (bases.has(base) || !this.projectFiles.has(base.getSourceFile().fileName)) continue;
            bases.add(base);
            visit(base);
          }
        }
      }
    };
    visit(owner);
    return bases;
  }

  /** The project file an import specifier points to, if it is one of the audited files. */
  resolveModule(specifier: ts.StringLiteral): ts.SourceFile | undefined {
    return this.answers.ask('module', specifier, () => {
      const target = this.checker.getSymbolAtLocation(specifier)?.valueDeclaration ?? this.requiredFile(specifier);
      return target !== undefined && ts.isSourceFile(target) && this.projectFiles.has(target.fileName) ? target : undefined;
    }, nodeCodec(this.answers, ts.isSourceFile));
  }

  /**
   * The file a TypeScript file's `require('./user')` loads: the checker binds only imports (and `require` in
   * JavaScript), so the specifier is resolved as the compiler would resolve an import of it.
   */
  private requiredFile(specifier: ts.StringLiteral): ts.SourceFile | undefined {
    const call = specifier.parent;
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'require' || call.arguments[0] !== specifier) return undefined;
    const from = specifier.getSourceFile().fileName;
    const resolved = ts.resolveModuleName(specifier.text, from, this.program.getCompilerOptions(), ts.sys).resolvedModule;
    return resolved === undefined ? undefined : this.program.getSourceFile(resolved.resolvedFileName);
  }

  /** Calls made by a function's body, nested callbacks included, nested named functions and classes excluded. */
  callsIn(fn: FunctionLikeNode): readonly CallLike[] {
    const cached = this.callsCache.get(fn);
    if (cached !== undefined) return cached;
    const calls: CallLike[] = [];
    const visit = (node: ts.Node): void => {
      if (node !== fn && (ts.isFunctionDeclaration(node) || ts.isClassLike(node) || ts.isMethodDeclaration(node))) return;
      // A function it returns (`(feature) => async (row) => query(row)`) runs when the caller calls it, not now;
      // so does one it defines only to return (`const isOwner = async (req, res, next) => …; return { isOwner }`):
      // a factory that builds handlers runs none of them. A direct call of that name is followed on its own.
      if (node !== fn && (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && (returnedBy(node) === fn || definedOnlyToReturn(node, fn))) return;
      if (isCallLike(node)) calls.push(node);
      ts.forEachChild(node, visit);
    };
    if (fn.body !== undefined) visit(fn.body);
    this.callsCache.set(fn, calls);
    return calls;
  }

  /**
   * The shortest chain by which `fn` runs a query: `fn`'s own step, then each function called on
   * the way, then the query as written. With `avoidServices`, chains through a service are not
   * counted (a controller that reaches the DB only through services is fine). With `perItem`, only
   * queries that cost a round trip per call count (not batched, paged, probe or drain queries:
   * `core/classify/loop.ts` `queryExemption`), for the N+1 check.
   */
  reach(fn: FunctionInfo, avoidServices = false, perItem = false): readonly ChainStep[] | undefined {
    if (avoidServices && fn.layer === 'service') return undefined;
    // A function that answers from an in-memory cache first queries once per expiry or key, not per call.
    if (perItem && answersFromCacheFirst(fn.node)) return undefined;
    const cache = this.reaches[(avoidServices ? 1 : 0) + (perItem ? 2 : 0)] ?? new Map<ts.Node, readonly ChainStep[] | undefined>();
    if (cache.has(fn.node)) return cache.get(fn.node);
    const key = `${String(avoidServices)}:${String(perItem)}:${fn.node.getSourceFile().fileName}:${String(fn.node.pos)}`;
    if (this.inProgress.has(key)) return undefined;
    this.inProgress.add(key);
    let best: readonly ChainStep[] | undefined;
    for (const call of this.callsIn(fn.node)) {
      const tail = this.reachThroughCall(call, avoidServices, perItem);
      if (tail !== undefined && (best === undefined || tail.length + 1 < best.length)) best = [fn.step, ...tail];
    }
    this.inProgress.delete(key);
    cache.set(fn.node, best);
    return best;
  }

  /** How a call reaches a query: through the project function it runs, else by being a query itself. */
  reachThroughCall(call: CallLike, avoidServices = false, perItem = false): readonly ChainStep[] | undefined {
    const target = this.resolveCall(call);
    if (target !== undefined && target.node.body !== undefined) return this.reach(target, avoidServices, perItem);
    const match = this.query(call);
    if (match === undefined || (perItem && queryExemption(match, buildChain(call)) !== undefined)) return undefined;
    return [{ ...this.step(call, match.label), layer: 'data' }];
  }
}

/** The function that returns this function expression (an arrow's expression body, a `return` statement's value), if one does. */
function returnedBy(node: ts.ArrowFunction | ts.FunctionExpression): FunctionLikeNode | undefined {
  let child: ts.Node = node;
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent) || ts.isTypeAssertionExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isArrowFunction(parent) && parent.body === child) return parent;
  return ts.isReturnStatement(parent) ? enclosingFunctionOf(parent) : undefined;
}

/**
 * A function expression `fn` defines only to hand back: bound to a `const` whose every other use in
 * `fn` is a direct call (followed on its own) or sits in a `return` (`return { isOwner }`), or the
 * value of a property of an object literal `fn` returns. Handed to anything else (`ids.map(touch)`,
 * `setImmediate(job)`, `withRetry(load)`, `.then(forget)`, aliased, read by a computed key), it may run
 * now, and its calls stay `fn`'s.
 */
function definedOnlyToReturn(node: ts.ArrowFunction | ts.FunctionExpression, fn: FunctionLikeNode): boolean {
  let child: ts.Node = node;
  let parent = node.parent;
  const unwrap = (): void => {
    while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent) || ts.isTypeAssertionExpression(parent)) {
      child = parent;
      parent = parent.parent;
    }
  };
  unwrap();
  if (ts.isPropertyAssignment(parent) && parent.initializer === child) {
    child = parent.parent;
    parent = child.parent;
    unwrap();
    return ts.isReturnStatement(parent) && enclosingFunctionOf(parent) === fn;
  }
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== child || !ts.isIdentifier(parent.name) || (parent.parent.flags & ts.NodeFlags.Const) === 0 || fn.body === undefined) return false;
  const name = parent.name.text;
  const declared = parent.name;
  const uses = { leaves: false, other: false };
  const visit = (current: ts.Node): void => {
    if (uses.other) return;
    if (ts.isIdentifier(current) && current !== declared && current.text === name && !(ts.isPropertyAccessExpression(current.parent) && current.parent.name === current) && !(ts.isPropertyAssignment(current.parent) && current.parent.name === current)) {
      const use = parentOf(current);
      if (use !== undefined && ts.isCallExpression(use) && skipWrappers(use.expression) === current) return;
      let holder: ts.Node = current.parent;
      while (!ts.isReturnStatement(holder) && !isFunctionNode(holder) && !ts.isSourceFile(holder)) holder = holder.parent;
      if (ts.isReturnStatement(holder) && enclosingFunctionOf(holder) === fn) uses.leaves = true;
      else uses.other = true;
      return;
    }
    ts.forEachChild(current, visit);
  };
  visit(fn.body);
  return uses.leaves && !uses.other;
}

/** The function expression `fn` returns (`(feature) => async (row) => …`, `return async () => …`), if it returns one. */
function returnedFunction(fn: FunctionLikeNode): FunctionLikeNode | undefined {
  const body = fn.body;
  if (body === undefined) return undefined;
  if (!ts.isBlock(body)) {
    const value = skipWrappers(body);
    return ts.isArrowFunction(value) || ts.isFunctionExpression(value) ? value : undefined;
  }
  let found: FunctionLikeNode | undefined;
  const visit = (node: ts.Node): void => {
    if (found !== undefined || isFunctionNode(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression !== undefined) {
      const value = skipWrappers(node.expression);
      if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) found = value;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** The symbol is the function's own (its declaration, an overload of it, the variable or field an arrow is assigned to). */
function declaresFunction(symbol: ts.Symbol | undefined, fn: FunctionLikeNode): boolean {
  return (symbol?.declarations ?? []).some((declaration) => declaration === fn || ((ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.initializer === fn));
}

function functionOfDeclaration(declaration: ts.Declaration, construct: boolean): FunctionLikeNode | undefined {
  if (construct && ts.isClassLike(declaration)) {
    return declaration.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined);
  }
  if (isFunctionNode(declaration)) return declaration.body === undefined ? undefined : declaration;
  if ((ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) && declaration.initializer !== undefined) {
    const initializer = skipWrappers(declaration.initializer);
    if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) return initializer;
  }
  return undefined;
}

function functionName(node: FunctionLikeNode): { name: string; nameNode: ts.Node | undefined } {
  const owner = (member: ts.Node): string => {
    const cls = member.parent;
    return ts.isClassLike(cls) && cls.name !== undefined ? `${cls.name.text}.` : '';
  };
  if (ts.isConstructorDeclaration(node)) return { name: `${owner(node)}constructor`, nameNode: node.getFirstToken() };
  if ((ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node) || ts.isFunctionDeclaration(node)) && node.name !== undefined) {
    return { name: `${ts.isFunctionDeclaration(node) ? '' : owner(node)}${node.name.getText()}`, nameNode: node.name };
  }
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.initializer === node) {
    return { name: `${ts.isPropertyDeclaration(parent) ? owner(parent) : ''}${parent.name.getText()}`, nameNode: parent.name };
  }
  return { name: '(anonymous function)', nameNode: undefined };
}

/** Every function-like node of a file (declarations, methods, arrow functions, function expressions). */
export function functionsOf(file: ts.SourceFile): FunctionLikeNode[] {
  const found: FunctionLikeNode[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionNode(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** A layer between handlers and the client: service or repository. */
function isLayerOfData(layer: ProjectLayer | undefined): boolean {
  return layer === 'service' || layer === 'repository';
}
