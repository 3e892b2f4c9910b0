import { isBuiltin } from 'node:module';
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { buildsInProcessCache, buildsPerCallInstance, buildsServiceWhereNothingIsInjected, buildsSiblingOverOwnHandles, classifyConstructedClass, classifyDependencyFactory, clientKindOfHandleName, isClientAdapterConstruction, isClientOwningClass, isCompositionRootFile, wrapsOwnersClient, type ClientConstruction, type DependencyKind, type HandleUse } from '../src/core/classify/dependency.js';
import { isFunction, isNamePosition, walk, type FunctionNode } from '../src/eslint/ast.js';
import { createRule } from '../src/eslint/create-rule.js';
import { chainNames, constOf, dottedName, propertyName, rootIdentifierOf, skipWrappers } from '../src/eslint/facts.js';
import { relativeFilename } from '../src/eslint/files.js';
import { enclosingFunction, isWithin } from '../src/eslint/functions.js';
import { fileLayers } from '../src/eslint/layers.js';
import { identifierModuleBinding } from '../src/eslint/module-binding.js';
import { settingsOf } from '../src/eslint/settings.js';
import { packageNameOf } from '../src/core/classify/names.js';

export type Options = [
  {
    /** Also check controller classes, not only services. */
    checkControllers?: boolean;
  },
];
export type MessageId = 'constructedDependency';

const KIND_TEXT: Readonly<Record<DependencyKind, string>> = {
  'db-client': 'a database client',
  repository: 'a repository',
  service: 'a service',
  'http-client': 'an HTTP client',
  'mail-client': 'a mail client',
  'cache-client': 'a cache client',
  'queue-client': 'a queue client',
};

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export default createRule<Options, MessageId>({
  name: 'prefer-injected-dependencies',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Enforce that services and controllers receive their repositories, clients and other services instead of constructing them',
    },
    messages: {
      constructedDependency:
        "'{{name}}' ({{kind}}) is constructed inside the {{layer}} '{{owner}}', which hard-wires one instance and makes the class untestable. Receive it through the constructor and build it once in the composition root.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkControllers: { type: 'boolean', description: 'Check controller classes as well as service classes.' },
        },
      },
    ],
    defaultOptions: [{ checkControllers: true }],
  },
  create(context, [options]) {
    const settings = settingsOf(context);
    const file = relativeFilename(context);
    if (isCompositionRootFile(file, settings)) return {};
    const layers = fileLayers(context, settings);

    function check(node: TSESTree.NewExpression | TSESTree.CallExpression, name: string, kind: DependencyKind): void {
      const owner = owningClass(node);
      if (owner === undefined) return;
      // Adapters, providers and client subclasses build what they wrap; a factory method returns what it builds.
      const base = owner.superClass == null ? undefined : dottedName(owner.superClass);
      if (isClientOwningClass({ ...(owner.id == null ? {} : { name: owner.id.name }), ...(base === undefined || base === '' ? {} : { extendsName: base }) }) || isReturned(node, context.sourceCode)) return;
      // A copy of the owner itself, or a per-handle class building a sibling over the same handle (`new SettingService(this.db)` in a class built with `db`).
      if (node.type === AST_NODE_TYPES.NewExpression) {
        const parameters = constructorParameterNames(owner);
        const inConstructor = isInConstructorOf(node, owner);
        const construction = {
          kind,
          sameClass: owner.id != null && name.slice(name.lastIndexOf('.') + 1) === owner.id.name,
          ownerDecorated: owner.decorators.length > 0,
          ownerParameters: parameters,
          ownerInheritsConstructor: owner.superClass != null && ownConstructor(owner) === undefined,
          arguments: node.arguments.map((arg) => handleUse(arg, parameters, inConstructor, context.sourceCode)),
        };
        if (buildsSiblingOverOwnHandles(construction) || buildsServiceWhereNothingIsInjected(construction) || wrapsOwnersClient(name, kind, construction.arguments)) return;
        if (buildsInProcessCache({ kind, arguments: construction.arguments, declaredInFile: declaredInFile(node.callee, context.sourceCode) })) return;
      }
      const site = constructionSite(node, owner);
      if (site === 'method' && buildsPerCallInstance({ site, kind, fromCallArguments: builtFromCallArguments(node, context.sourceCode) })) return;
      if (
        isClientAdapterConstruction({
          kind,
          site,
          ownerBuiltOnce: owner.decorators.length > 0 || hasModuleInstance(owner, context.sourceCode),
          ownerInheritsConstructor: owner.superClass != null && ownConstructor(owner) === undefined,
          ownerParameters: constructorParameters(owner),
          fromPackage: importedFromPackage(node.callee, context.sourceCode),
        })
      ) {
        return;
      }
      const layer = layers.layerOf(owner);
      if (layer !== 'service' && (layer !== 'controller' || options.checkControllers === false)) return;
      context.report({
        node,
        messageId: 'constructedDependency',
        data: { name, kind: KIND_TEXT[kind], layer, owner: owner.id?.name ?? 'class' },
      });
    }

    return {
      NewExpression(node) {
        const name = dottedName(node.callee);
        if (name === '' || name.includes('this')) return;
        const kind = classifyConstructedClass(name);
        if (kind === undefined) return;
        // `new Worker(…)` of `node:worker_threads` is a thread, not a queue consumer: Node's own classes are no clients.
        const root = rootIdentifierOf(node.callee);
        const source = root === undefined ? undefined : identifierModuleBinding(root, context.sourceCode)?.source;
        if (source !== undefined && isBuiltin(source)) return;
        check(node, name, kind);
      },
      CallExpression(node) {
        const names = chainNames(node.callee);
        if (names.includes('')) return;
        const kind = classifyDependencyFactory(names);
        if (kind === undefined) return;
        // `knex('users')` builds a query; `knex({ client, connection })` opens a pool.
        if (names[names.length - 1] === 'knex' && skipWrappers(node.arguments[0] ?? node).type !== AST_NODE_TYPES.ObjectExpression) return;
        // `this.nodemailer.createTransport(…)` with `nodemailer` received by the constructor: the factory is injected, a test passes a fake one.
        const owner = owningClass(node);
        if (names[0] === 'this' && owner !== undefined && storesConstructorParameter(owner, names[1] ?? '')) return;
        check(node, `${names.join('.')}()`, kind);
      },
    };
  },
});

/**
 * `return new X(…)` in a factory method (`createQueue`), directly, through a `const` it returns
 * (`const queue = new X(…); …; return queue;`) or through a call on the built object
 * (`return new GitClient().connect(options)`): the method hands what it builds to its caller.
 */
function isReturned(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let current: TSESTree.Node = node;
  let parent: TSESTree.Node | undefined = current.parent;
  let setUpCall = false;
  for (;;) {
    if (parent !== undefined && (parent.type === AST_NODE_TYPES.AwaitExpression || parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.ArrayExpression)) {
      current = parent;
    } else if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
      // `return new GitClient().connect(options)`: what the built object's own set-up call gives back.
      current = parent.parent;
      setUpCall = true;
    } else {
      break;
    }
    parent = current.parent;
  }
  const returned = parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current) || (parent !== undefined && returnedConst(parent, sourceCode));
  if (!returned) return false;
  // Only a method named as a factory (`createQueue`, `buildClient`); a getter that builds its repository on each read is still construction.
  for (let scope: TSESTree.Node | undefined = parent; scope != null; scope = scope.parent) {
    if (scope.type !== AST_NODE_TYPES.MethodDefinition) continue;
    if (scope.kind !== 'method' || scope.key.type !== AST_NODE_TYPES.Identifier) return false;
    const made = /^(?:create|make|build|new|spawn|open|construct)([A-Z]\w*)?$/.exec(scope.key.name);
    if (made === null) return false;
    // What a call on the built object returns may be something else (`new AccountService(s).create(data)`
    // gives an account): only where the method names what it makes after the class built
    // (`createGitClient` returning `new GitClientService().create(…)`).
    return !setUpCall || namesBuiltClass(made[1] ?? '', node);
  }
  return false;
}

/** Does the made-thing part of a factory's name (`GitClient` of `createGitClient`) name a handle of the class `node` builds? */
function namesBuiltClass(made: string, node: TSESTree.Node): boolean {
  const callee = node.type === AST_NODE_TYPES.NewExpression ? node.callee : undefined;
  // The made thing must be a handle (`…Client`, `…Connection`): `createAccount` returning
  // `new AccountService(s).create(data)` makes an account with a service it built.
  if (!/(?:Client|Connection|Pool|Session|Transport|Channel|Queue|Producer|Consumer)/.test(made) || callee?.type !== AST_NODE_TYPES.Identifier) return false;
  const core = callee.name.replace(/(?:Service|Factory|Builder|Provider)$/, '');
  return core !== '' && (callee.name.includes(made) || made.includes(core));
}

/** `const x = <built>` whose `x` a `return x` of the same function hands back. */
function returnedConst(declarator: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.parent.kind !== 'const') return false;
  const variable = sourceCode.getDeclaredVariables(declarator).find((candidate) => candidate.name === (declarator.id as TSESTree.Identifier).name);
  return (variable?.references ?? []).some((reference) => reference.identifier.parent.type === AST_NODE_TYPES.ReturnStatement && reference.from === variable?.scope);
}

/**
 * The class whose instance code runs this node: inside a method, constructor, accessor or
 * instance field initialiser. Static members (factories such as `static create()`) and
 * constructor parameter defaults (`constructor(repo = new UserRepository())`, still injectable)
 * are not instance code.
 */
function owningClass(node: TSESTree.Node): ClassNode | undefined {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current != null; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.MethodDefinition:
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.AccessorProperty: {
        if (current.static || child === current.key) return undefined;
        return current.parent.parent;
      }
      case AST_NODE_TYPES.AssignmentPattern:
      case AST_NODE_TYPES.TSParameterProperty:
        if (current.parent.type === AST_NODE_TYPES.FunctionExpression && current.parent.parent.type === AST_NODE_TYPES.MethodDefinition && current.parent.parent.kind === 'constructor') return undefined;
        break;
      case AST_NODE_TYPES.StaticBlock:
      case AST_NODE_TYPES.Program:
        return undefined;
      default:
        break;
    }
  }
  return undefined;
}

/** The class's own constructor, if it declares one. */
function ownConstructor(cls: ClassNode): TSESTree.MethodDefinition | undefined {
  return cls.body.body.find((member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor');
}

/** A class's constructor parameters with their declared type names (`configService: ConfigService`). */
function constructorParameters(cls: ClassNode): { name: string; typeName?: string }[] {
  const constructor = ownConstructor(cls);
  if (constructor === undefined) return [];
  return constructor.value.params.map((param) => {
    const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const named = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    const name = parameterName(param);
    const annotation = 'typeAnnotation' in named ? named.typeAnnotation?.typeAnnotation : undefined;
    const typeName = annotation?.type === AST_NODE_TYPES.TSTypeReference ? dottedName(annotation.typeName) : undefined;
    return typeName === undefined || typeName === '' ? { name } : { name, typeName };
  });
}

/** The file makes the class's one instance at module level: `export const jobService = new JobService()`, with no arguments. */
function hasModuleInstance(owner: ClassNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const name = owner.id?.name;
  if (name === undefined) return false;
  return sourceCode.ast.body.some((statement) => {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) return false;
    return declaration.declarations.some(({ init }) => init?.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === name && init.arguments.length === 0);
  });
}

/** Methods named for one-time set-up: `init`, `initQueue`, `setup`, `connect`, `start`, `bootstrap`. */
const SET_UP_METHOD = /^(?:init|initialize|initialise|setup|setUp|connect|start|bootstrap)(?:[A-Z]\w*)?$/;

/** `this.x ??= new X()`, or `this.x = new X()` under `if (!this.x)`: set once, on first use. */
function setOnlyWhenUnset(node: TSESTree.Node): boolean {
  const assignment = node.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  const field = propertyName(assignment.left);
  for (let current: TSESTree.Node | undefined = assignment.parent; current !== undefined && !isFunction(current); current = current.parent) {
    if (current.type !== AST_NODE_TYPES.IfStatement) continue;
    const test = skipWrappers(current.test);
    const tested = test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!' ? skipWrappers(test.argument) : undefined;
    if (tested?.type === AST_NODE_TYPES.MemberExpression && tested.object.type === AST_NODE_TYPES.ThisExpression && propertyName(tested) === field) return true;
  }
  return false;
}

/** A construction whose value is stored on a field of `this` (`this.jobQueue = new Queue(…)`): the instance keeps it. */
function storedOnThis(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.left.type === AST_NODE_TYPES.MemberExpression && parent.left.object.type === AST_NODE_TYPES.ThisExpression;
}

/** Where in `owner` a construction runs: its constructor, an instance field, a field set once in a method, a start-up hook, or another method. */
function constructionSite(node: TSESTree.Node, owner: ClassNode): ClientConstruction['site'] {
  // The member of `owner` the construction sits in (not one of a nested class).
  let member: TSESTree.Node | undefined = node.parent;
  while (member !== undefined && member !== owner && !((member.type === AST_NODE_TYPES.PropertyDefinition || member.type === AST_NODE_TYPES.MethodDefinition) && member.parent.parent === owner)) member = member.parent;
  if (member?.type === AST_NODE_TYPES.PropertyDefinition) return member.static ? 'method' : 'field';
  if (member?.type !== AST_NODE_TYPES.MethodDefinition) return 'method';
  if (member.kind === 'constructor') return 'constructor';
  const name = member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : '';
  if (STARTUP_HOOKS.has(name)) return 'init-hook';
  if (storedOnThis(node) && !member.static && member.kind === 'method' && (SET_UP_METHOD.test(name) || setOnlyWhenUnset(node))) return 'set-up';
  return 'method';
}

/** The callee's root is imported from a package (`new ManagementClient()` of `auth0`, `nodemailer.createTransport()`), not from the project. */
function importedFromPackage(callee: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const root = rootIdentifierOf(callee);
  return root !== undefined && packageNameOf(identifierModuleBinding(root, sourceCode)?.source) !== undefined;
}

/**
 * Every argument is this call's own data: it reads the enclosing function's parameters, or locals the
 * function derived from them (`const callbackUrl = \`${base}?${params}\``), and literals; never `this`
 * or a module value. At least one argument reads such a value.
 */
function builtFromCallArguments(node: TSESTree.NewExpression | TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const fn = enclosingFunction(node);
  if (fn === undefined || node.arguments.length === 0) return false;
  const perCall = perCallNames(fn, sourceCode);
  let fromCall = false;
  for (const arg of node.arguments) {
    const reads = valueReads(arg);
    if (reads.readsThis || reads.names.some((name) => !perCall.has(name) && name !== 'undefined')) return false;
    if (reads.names.some((name) => perCall.has(name))) fromCall = true;
  }
  return fromCall;
}

/**
 * A function's parameters and the locals it computes from them alone, followed through up to three
 * steps: a local that also reads `this`, `process`, a module or imported value, or a local that does,
 * holds the owner's or the module's configuration (`const opts = { url: process.env.URL, name }`)
 * and is no per-call value. Global built-ins (`URLSearchParams`, `String`) are no such value.
 */
function perCallNames(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): Set<string> {
  const names = new Set(fn.params.map(parameterName).filter((name) => name !== ''));
  const locals: { name: string; reads: string[]; tainted: boolean }[] = [];
  walk(fn.body, (current) => {
    if (current !== fn.body && isFunction(current)) return false;
    if (current.type === AST_NODE_TYPES.VariableDeclarator && current.id.type === AST_NODE_TYPES.Identifier && current.init !== null) {
      const reads = valueReads(current.init);
      locals.push({ name: current.id.name, reads: reads.names, tainted: reads.readsThis || readsOuterValue(reads.identifiers, fn, sourceCode) });
    }
    return true;
  });
  const tainted = new Set(locals.filter((local) => local.tainted).map((local) => local.name));
  for (let step = 0; step < 3; step += 1) {
    let grew = false;
    for (const local of locals) {
      if (names.has(local.name) || tainted.has(local.name)) continue;
      if (local.reads.some((name) => tainted.has(name))) {
        tainted.add(local.name);
        grew = true;
      } else if (local.reads.some((name) => names.has(name))) {
        names.add(local.name);
        grew = true;
      }
    }
    if (!grew) break;
  }
  return names;
}

/** Does one of these reads name `process` or a value bound outside `fn` (a module constant, an import, an enclosing function's local)? */
function readsOuterValue(identifiers: readonly TSESTree.Identifier[], fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return identifiers.some((identifier) => {
    if (identifier.name === 'process' || identifier.name === 'globalThis') return true;
    const definition = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name)?.defs[0];
    return definition !== undefined && !isWithin(definition.node, fn);
  });
}

/** The identifiers `node` reads (member and property names are no reads), their names, and whether it reads `this`. */
function valueReads(node: TSESTree.Node): { names: string[]; identifiers: TSESTree.Identifier[]; readsThis: boolean } {
  const identifiers: TSESTree.Identifier[] = [];
  let readsThis = false;
  walk(node, (current) => {
    if (current.type === AST_NODE_TYPES.ThisExpression) readsThis = true;
    if (current.type === AST_NODE_TYPES.Identifier && !isNamePosition(current)) identifiers.push(current);
    return true;
  });
  return { names: identifiers.map((identifier) => identifier.name), identifiers, readsThis };
}

/** The name a parameter binds (`db` of `db`, `public db: Database`, `db = defaultDb`); empty for a pattern. */
function parameterName(param: TSESTree.Parameter): string {
  const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  const named = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
  return named.type === AST_NODE_TYPES.Identifier ? named.name : '';
}

/** `this.loadConfigs.bind(this)`: a method handed on as a function. */
function isBoundMethod(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(node.callee) === 'bind' && node.callee.object.type === AST_NODE_TYPES.MemberExpression;
}

/**
 * The constructed class is declared at the top of this file (`class RuleCache { … }`, exported or
 * not) and builds no client itself (`class RedisCache { client = new Redis(url) }` does).
 */
function declaredInFile(callee: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const declared = sourceCode.ast.body
    .map((statement) => (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement))
    .find((declaration): declaration is TSESTree.ClassDeclaration => declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id?.name === callee.name);
  if (declared === undefined) return false;
  let buildsClient = false;
  walk(declared.body, (node) => {
    if (buildsClient) return false;
    if (node.type === AST_NODE_TYPES.NewExpression && classifyConstructedClass(dottedName(node.callee)) !== undefined) buildsClient = true;
    if (node.type === AST_NODE_TYPES.CallExpression && !chainNames(node.callee).includes('') && classifyDependencyFactory(chainNames(node.callee)) !== undefined) buildsClient = true;
    return !buildsClient;
  });
  return !buildsClient;
}

/** NestJS's start-up lifecycle hooks: they run once, when the module or application starts. */
const STARTUP_HOOKS: ReadonlySet<string> = new Set(['onModuleInit', 'onApplicationBootstrap']);

/** The names of a class's constructor parameters, in order (`['db']` of `constructor(public db: Database)`). */
function constructorParameterNames(cls: ClassNode): string[] {
  return constructorParameters(cls).map(({ name }) => name);
}

/** The constructor keeps its parameter `name` as the member of that name: a parameter property (`private mailer: Mailer`) or `this.mailer = mailer`. */
function storesConstructorParameter(owner: ClassNode, name: string): boolean {
  const constructor = ownConstructor(owner);
  if (constructor === undefined || name === '') return false;
  if (constructor.value.params.some((param) => param.type === AST_NODE_TYPES.TSParameterProperty && parameterName(param) === name)) return true;
  if (!constructor.value.params.some((param) => parameterName(param) === name)) return false;
  let stored = false;
  walk(constructor.value.body ?? constructor.value, (node) => {
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && node.left.object.type === AST_NODE_TYPES.ThisExpression &&
      !node.left.computed && node.left.property.type === AST_NODE_TYPES.Identifier && node.left.property.name === name && node.right.type === AST_NODE_TYPES.Identifier && node.right.name === name
    ) stored = true;
    return !stored;
  });
  return stored;
}

/** Is `node` inside the constructor of `owner` (not in a nested class or function of its own)? */
function isInConstructorOf(node: TSESTree.Node, owner: ClassNode): boolean {
  for (let current = node.parent; current !== undefined; current = current.parent) {
    if (current.type === AST_NODE_TYPES.MethodDefinition) return current.kind === 'constructor' && current.parent.parent === owner;
    if (current === owner) return false;
  }
  return false;
}

/**
 * What an argument passes of the owner's constructor parameters: whole (`this.db`; `options` in
 * the constructor; an object spreading one, `{ ...this.options, transaction }`, also through a
 * local `const` holding that object), or not at all.
 */
function handleUse(arg: TSESTree.CallExpressionArgument, parameters: readonly string[], inConstructor: boolean, sourceCode: Readonly<TSESLint.SourceCode>): HandleUse {
  if (arg.type === AST_NODE_TYPES.SpreadElement) return {};
  let value = skipWrappers(arg);
  if (isFunction(value) || isBoundMethod(value)) return { loader: true };
  const whole = wholeParameter(value, parameters, inConstructor);
  const client = ownersClient(value, parameters, inConstructor);
  if (whole !== undefined) return client === undefined ? { whole } : { whole, client };
  if (client !== undefined) return { client };
  if (value.type === AST_NODE_TYPES.Identifier) value = constOf(value, sourceCode)?.init ?? value;
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return {};
  for (const property of value.properties) {
    if (property.type !== AST_NODE_TYPES.SpreadElement) continue;
    const spread = skipWrappers(property.argument);
    // `...(options || this.options)`: the owner's context, or one the caller handed in its place.
    const operands = spread.type === AST_NODE_TYPES.LogicalExpression ? [skipWrappers(spread.left), skipWrappers(spread.right)] : [spread];
    const passed = operands.map((operand) => wholeParameter(operand, parameters, inConstructor)).find((name) => name !== undefined);
    if (passed !== undefined) return { whole: passed };
  }
  return {};
}

/**
 * A client the owner holds, by the kind its name says: `this.redis`, or a member of a constructor
 * parameter (`this.options.redis`; in the constructor also `options.redis`).
 */
function ownersClient(value: TSESTree.Node, parameters: readonly string[], inConstructor: boolean): DependencyKind | undefined {
  if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed) return undefined;
  const names = chainNames(value);
  if (names.includes('')) return undefined;
  // Read through a configuration object (`this.config.redis`), the name is a client's settings, not the client.
  if (names.slice(0, -1).some((name) => /^(?:config|configuration|settings|env)$/i.test(name) || /Config$/.test(name))) return undefined;
  const owned = names[0] === 'this' ? names.length === 2 || parameters.includes(names[1] ?? '') : inConstructor && names.length === 2 && parameters.includes(names[0] ?? '');
  return owned ? clientKindOfHandleName(names[names.length - 1] ?? '') : undefined;
}

/** `this.db` or, in the constructor, `db`, where `db` is a constructor parameter. */
function wholeParameter(value: TSESTree.Node, parameters: readonly string[], inConstructor: boolean): string | undefined {
  if (value.type === AST_NODE_TYPES.Identifier) return inConstructor && parameters.includes(value.name) ? value.name : undefined;
  const member = thisMember(value);
  return member !== undefined && parameters.includes(member) ? member : undefined;
}

/** `this.db` → `db`; anything else → undefined. */
function thisMember(value: TSESTree.Node): string | undefined {
  return value.type === AST_NODE_TYPES.MemberExpression && value.object.type === AST_NODE_TYPES.ThisExpression && !value.computed ? propertyName(value) : undefined;
}
