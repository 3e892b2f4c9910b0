import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { DB_CLIENT_MODULES, DB_INJECTION_DECORATORS } from '../src/core/catalogs/db-clients.js';
import { packageNameOf } from '../src/core/classify/names.js';
import { dbClientCreation, isHttpHandlerSignature, layerOfFile, isKeyFieldName, isSoftDeleteMarker, isThinRepositoryHandler, loadsParentRelation as isParentRelationLoad } from '../src/core/classify/layer.js';
import { classifyDbInjection, isPureReadMethodName, isUnitOfWorkCommit, queryForMessage, type QueryMatch } from '../src/core/classify/query.js';
import type { ChainFact } from '../src/core/facts.js';
import { createRule } from '../src/eslint/create-rule.js';
import { dbAccessListeners } from '../src/eslint/db-access.js';
import { isNullish, walk } from '../src/eslint/ast.js';
import { enclosingClass, importedModuleOf, valueImports, valueReferences } from '../src/eslint/bindings.js';
import { fileContext, outsideRequestPath } from '../src/eslint/code-context.js';
import { chainNames, enclosingFunction, propertyName } from '../src/eslint/facts.js';
import { decoratorNames, fieldResolverFacts, fileLayers, handlerSite, isInLayer, parameterFacts } from '../src/eslint/layers.js';
import { settingsOf } from '../src/eslint/settings.js';
import { typedContext } from '../src/eslint/typed.js';

export type Options = [
  {
    /** Report value imports of DB client packages (`pg`, `knex`, `@prisma/client`) used in controller code. */
    checkImports?: boolean;
    /** Report calls to repositories (`this.userRepository.findById`) made from controller code. */
    checkRepositoryCalls?: boolean;
  },
];
export type MessageId = 'queryInController' | 'repositoryCallInController' | 'sqlInController' | 'dbImportInController' | 'dbInjectionInController' | 'repositoryInjectionInController';

const DB_MODULES: ReadonlySet<string> = new Set(DB_CLIENT_MODULES);
const INJECTION_DECORATORS: ReadonlySet<string> = new Set(DB_INJECTION_DECORATORS);

export default createRule<Options, MessageId>({
  name: 'no-db-access-in-controller',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow database access in controllers and route handlers',
    },
    messages: {
      queryInController: "Controller code runs the query {{query}}{{more}}. Controllers only translate HTTP, so data access here cannot be reused or tested apart; move it into a repository method and call it through a service.",
      repositoryCallInController: "Controller code calls the repository {{query}} directly{{more}}. Controllers only translate HTTP and business rules would be skipped; call a service method that uses the repository.",
      sqlInController: 'SQL text ({{statement}}) in controller code{{more}}. Controllers only translate HTTP, so queries here cannot be reused or tested apart; move the query into a repository method and call it through a service.',
      dbImportInController: "Controller code uses the DB client module '{{module}}'. Controllers only translate HTTP; depend on a service, and keep the client in repositories.",
      dbInjectionInController: "Controller injects the DB client or ORM repository '{{name}}'. Controllers only translate HTTP; inject the service that owns this data instead.",
      repositoryInjectionInController: "Controller injects the repository '{{name}}'. Controllers only translate HTTP and business rules would be skipped; inject the service that uses it instead.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkImports: {
            type: 'boolean',
            description: 'Report value imports of DB client packages (pg, knex, @prisma/client, typeorm, …) used in controller code.',
          },
          checkRepositoryCalls: {
            type: 'boolean',
            description: 'Report repository calls (this.userRepository.findById) and repository injections in controllers, not only direct DB access.',
          },
        },
      },
    ],
    defaultOptions: [{ checkImports: true, checkRepositoryCalls: true }],
  },
  create(context, [options]) {
    const settings = settingsOf(context);
    const typed = typedContext(context);
    const { sourceCode } = context;
    // A health check's DB access is its probe (`db.pingCheck('database', this.prisma)`).
    if (fileContext(context).healthCheck) return {};
    // Every report is about controller code (each one passes `inController`): a file with none
    // (no controller path, class, route-decorated method or route handler) needs no listener.
    if (!fileLayers(context, settings).has('controller')) return {};
    const inController = (node: TSESTree.Node): boolean => isInLayer(context, settings, node, 'controller');

    // One finding per function: the first DB call, with how many more the same function makes.
    interface FunctionAccess {
      first: { node: TSESTree.Node; messageId: MessageId; data: Record<string, string> };
      count: number;
      directAccess: number;
      repositoryWrites: number;
      /** Of those, writes through a record the function loaded (`group.update(…)`). */
      recordWrites: number;
      /** The names repository results are stored in (`const { invitation } = await invitationsRepository.get(…)`). */
      readNames: Set<string>;
      /** Commits of the unit of work (`em.flush()`, core `isUnitOfWorkCommit`). */
      commits: number;
      /** The entity managers committed (`ctx.em`). */
      committed: Set<string>;
    }
    const perFunction = new Map<TSESTree.Node, FunctionAccess>();
    function record(owner: TSESTree.Node, first: FunctionAccess['first'], use: { repository: boolean; write: boolean; node: TSESTree.Node; commit?: string; recordWrite?: boolean }): void {
      // A function a router module exports for other modules (core `servesOtherModules`) serves them, not a request.
      if (fileLayers(context, settings).servesOtherModules(owner)) return;
      let known = perFunction.get(owner);
      if (known === undefined) {
        known = { first, count: 0, directAccess: 0, repositoryWrites: 0, recordWrites: 0, readNames: new Set(), commits: 0, committed: new Set() };
        perFunction.set(owner, known);
      }
      known.count += 1;
      if (use.commit !== undefined) {
        known.commits += 1;
        known.committed.add(use.commit);
      }
      if (!use.repository) known.directAccess += 1;
      else if (use.write) {
        known.repositoryWrites += 1;
        if (use.recordWrite === true) known.recordWrites += 1;
      }
      else {
        recordedReads.add(use.node);
        for (const name of storedNamesOf(use.node)) known.readNames.add(name);
      }
    }
    /**
     * A write through the record a thin read of the same function loaded (`const group = await
     * Group.findByPk(id); … await group.update({ name })`): the active-record form of a repository's
     * one write, judged with the read (at most one write, no field decided on).
     */
    function writesReadRecord(owner: TSESTree.Node, chain: ChainFact, match: QueryMatch): boolean {
      const [root, method] = chain.segments;
      return match.access === 'write' && !importsServiceLayer() && chain.segments.length === 2 && root?.call === undefined && method?.call !== undefined && RECORD_WRITE_METHODS.has(method.name) && (perFunction.get(owner)?.readNames.has(root?.name ?? '') ?? false);
    }
    /**
     * Does the file import the project's services (`../services/CampaignService/UpdateService`)? Then
     * a record written in the handler goes around a layer the project has, and stays reported.
     */
    let serviceImports: boolean | undefined;
    function importsServiceLayer(): boolean {
      serviceImports ??= valueImports(sourceCode).some(({ binding }) => {
        const source = binding.source ?? '';
        // A relative path or a project alias (`@/services/mail.service`, `~/services`); a barrel (`../services`) is its folder's index.
        if (!/^(?:\.|[@~#]\/)/.test(source)) return false;
        const relative = source.replace(/^(?:\.\.?\/|[@~#]\/)+/, '');
        const files = /\.[cm]?[jt]s$/.test(relative) ? [relative] : [`${relative}.ts`, `${relative}/index.ts`];
        return files.some((file) => layerOfFile(file, settings) === 'service');
      });
      return serviceImports;
    }
    /** The calls recorded as reads through a project repository. */
    const recordedReads = new Set<TSESTree.Node>();
    const access = dbAccessListeners(context, settings, 'controller', {
      onQuery({ node, match, throughRepository, throughProjectRepository, projectModelKeyRead, chain }) {
        if (throughRepository && options.checkRepositoryCalls === false) return;
        // Opening a transaction reads nothing (as for the audit's layer-dependencies); the queries run inside it
        // (`tx.order.create(…)`, the array's `prisma.account.update(…)`) are the handler's DB access, each counted.
        if (match.transaction) return;
        const owner = enclosingFunction(node) ?? sourceCode.ast;
        if (excusedAccess(node, owner)) return;
        const commit = isUnitOfWorkCommit(chain) ? chain.segments.slice(0, -1).map((segment) => segment.name).join('.') : undefined;
        const reporting = reportingOwner(node);
        const recordWrite = !throughProjectRepository && !projectModelKeyRead && writesReadRecord(reporting, chain, match);
        record(reporting, { node, messageId: throughRepository ? 'repositoryCallInController' : 'queryInController', data: { query: queryForMessage(match) } }, { repository: throughProjectRepository || projectModelKeyRead || recordWrite, write: match.access === 'write', node, commit, recordWrite });
      },
      // SQL text counts as DB access of its function too: one finding per function, whichever comes first.
      onSql({ node, sql }) {
        record(reportingOwner(node), { node, messageId: 'sqlInController', data: { statement: sql.statement } }, { repository: false, write: false, node });
      },
    });

    /**
     * The function a finding belongs to: the innermost one, except that a callback handed to a call
     * inside another function (a transaction's `async (trx) => …`, a `Promise.all(ids.map(…))`
     * mapper) is part of that function's work and folds into it, up to a route handler, a method or
     * a declared function.
     */
    function reportingOwner(node: TSESTree.Node): TSESTree.Node {
      let fn = enclosingFunction(node);
      if (fn === undefined) return sourceCode.ast;
      const layers = fileLayers(context, settings);
      for (;;) {
        // A function with a handler's signature (`(req, res) => …`, `async (request, reply) =>`) handles a request of its own.
        if (layers.isRouteHandler(fn) || fn.type === AST_NODE_TYPES.FunctionDeclaration || isHttpHandlerSignature(fn.params.map(parameterFacts), handlerSite(fn))) return fn;
        const parent = fn.parent;
        if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return fn;
        const outer = enclosingFunction(fn);
        if (outer === undefined) return fn;
        fn = outer;
      }
    }

    /** Does the function call the committed entity managers for anything but `flush` (`em.persist(x)`, `em.create(…)`, `em.remove(p)`)? */
    function otherManagerCalls(owner: TSESTree.Node, managers: ReadonlySet<string>): boolean {
      let found = false;
      walk(owner, (current) => {
        if (found) return false;
        if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(current.callee) !== 'flush') {
          const receiver = chainNames(current.callee.object);
          if (receiver.every((name) => name !== '') && managers.has(receiver.join('.'))) found = true;
        }
        return !found;
      });
      return found;
    }

    /** Data access that serves no production request (a test-only route) or only loads a GraphQL parent's relation. */
    function excusedAccess(node: TSESTree.Node, owner: TSESTree.Node = enclosingFunction(node) ?? sourceCode.ast): boolean {
      return loadsParentRelation(owner, node, sourceCode) || outsideRequestPath(context, node) === 'development-only branch';
    }


    function checkInjection(node: TSESTree.Parameter | TSESTree.PropertyDefinition): void {
      const target = node.type === AST_NODE_TYPES.TSParameterProperty ? node.parameter : node;
      const annotated = target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target;
      const decorators = [...node.decorators, ...(annotated !== node && 'decorators' in annotated ? annotated.decorators : [])];
      const annotation = 'typeAnnotation' in annotated ? annotated.typeAnnotation?.typeAnnotation : undefined;
      const typeName = annotation?.type === AST_NODE_TYPES.TSTypeReference ? annotation.typeName : undefined;
      const typeRoot = typeName === undefined ? undefined : rootIdentifier(typeName);
      // The type checker is asked only about injections in controller code: nothing else is reported.
      // A tsconfig alias or workspace package of the project is judged as the relative import it stands for (the bindings' `projectSource`).
      const imported = typeRoot === undefined ? undefined : importedModuleOf(typeRoot, sourceCode);
      const typeSource = typeRoot === undefined ? undefined : (imported ?? (typed === undefined || typeName === undefined || !inController(node) ? undefined : typed.declaredIn(typeName)?.package));
      const match = classifyDbInjection(
        {
          decorators: decoratorNames(decorators),
          ...(typeName === undefined ? {} : { typeName: sourceCode.getText(typeName) }),
          ...(typeSource === undefined ? {} : { typeSource }),
        },
        settings,
      );
      if (match === undefined || (match.kind === 'repository' && options.checkRepositoryCalls === false) || !inController(node)) return;
      const member = annotated.type === AST_NODE_TYPES.Identifier ? annotated.name
        : target.type === AST_NODE_TYPES.PropertyDefinition && target.key.type === AST_NODE_TYPES.Identifier ? target.key.name
          : target.type === AST_NODE_TYPES.PropertyDefinition && target.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${target.key.name}` : undefined;
      const uses = member === undefined ? [] : memberUses(node, member);
      // An injection nothing reads (no `this.<member>` but writes to it, and the parameter not handed on in the
      // constructor) runs no query: deleting it is cleanup, not moving data access out of the controller.
      // Only a private member (`private`, `#x`), whose readers are all in this class, and a class that
      // never hands `this` on whole (`const { prisma } = this`, `self = this`, `this[name]`).
      // A plain `this.repo = …;` statement only writes; `this.repo ??= …` and `const r = (this.repo = …)` read too.
      const reads = uses.filter((use) => !(use.parent.type === AST_NODE_TYPES.AssignmentExpression && use.parent.left === use && use.parent.operator === '=' && use.parent.parent.type === AST_NODE_TYPES.ExpressionStatement));
      if (member !== undefined && reads.length === 0 && isPrivateMember(node) && !readInConstructor(node, annotated) && !handsThisOn(node)) return;
      // Every `this.<member>` of the class is excused access: the injection serves nothing else.
      if (uses.length > 0 && uses.every((use) => excusedAccess(use))) return;
      const report = { node, messageId: match.kind === 'client' ? 'dbInjectionInController' : 'repositoryInjectionInController', data: { name: match.label } } as const;
      // A project repository is judged by its uses, once every handler's data access is known.
      if (match.kind === 'repository' && member !== undefined) pendingRepositories.push({ report, uses });
      else context.report(report);
    }

    const pendingRepositories: { report: { node: TSESTree.Node; messageId: MessageId; data: Record<string, string> }; uses: readonly TSESTree.MemberExpression[] }[] = [];

    /**
     * Every use of the injected project repository `this.<member>` reads through it in a thin handler
     * (core `isThinRepositoryHandler`, with no write): a lookup before an access check or a 404, which
     * the handlers' own calls are not reported for either. A use that writes, decides on what it read,
     * shares its function with direct queries, or is not a recognised call keeps the injection reported.
     */
    function onlyThinReads(uses: readonly TSESTree.MemberExpression[], thin: ReadonlySet<TSESTree.Node>): boolean {
      return uses.length > 0 && uses.every((use) => excusedAccess(use) || (recordedReads.has(callOnMember(use)) && thin.has(reportingOwner(use))) || passesReadOn(use));
    }

    /**
     * A read method's promise handed back whole by a handler with no DB access of its own
     * (`getRunHistoryDetail(id) { return this.runHistoryRepository.getRunHistoryByTaskId(id); }`,
     * which the query judgement does not see consumed when the handler is not async): the thinnest
     * read there is. The method's name has no write verb (`getOrCreateByEmail` writes), and its
     * arguments are values, not a query the handler builds (`{ where: cond ? … : … }`).
     */
    function passesReadOn(use: TSESTree.MemberExpression): boolean {
      const call = callOnMember(use);
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const returned = call.parent.type === AST_NODE_TYPES.ReturnStatement || (call.parent.type === AST_NODE_TYPES.ArrowFunctionExpression && call.parent.body === call);
      return returned && isPureReadMethodName(propertyName(call.callee)) && call.arguments.every(isPlainValue) && !perFunction.has(reportingOwner(use));
    }

    return {
      ...access,
      'Program:exit'() {
        const thinReads = new Set<TSESTree.Node>();
        for (const [owner, { first, count, directAccess, repositoryWrites, recordWrites, readNames, commits, committed }] of perFunction) {
          // A handler whose only data access commits the unit of work (`em.flush()` after changing
          // entities a middleware loaded) runs no query to move into a repository. Not one that has the
          // entity manager create, persist or remove an entity before (`em.persist(score)`, `em.remove(p)`).
          if (commits === count && !otherManagerCalls(owner, committed)) continue;
          // A record's own write counts as thin only in a handler that branches on nothing but the record's existence.
          if (isThinRepositoryHandler({ directAccess, repositoryWrites, decidesOnReadFields: usesFieldsOf(owner, readNames, recordWrites > 0) }) && (recordWrites === 0 || !branchesBeyondExistence(owner, readNames))) {
            if (repositoryWrites === 0) thinReads.add(owner);
            continue;
          }
          const more = count > 1 ? ` (and ${String(count - 1)} more DB call${count > 2 ? 's' : ''} in this function)` : '';
          context.report({ node: first.node, messageId: first.messageId, data: { ...first.data, more } });
        }
        for (const { report, uses } of pendingRepositories) if (!onlyThinReads(uses, thinReads)) context.report(report);
      },
      'MethodDefinition[kind="constructor"]'(node: TSESTree.MethodDefinition) {
        for (const param of node.value.params) checkInjection(param);
      },
      'PropertyDefinition[decorators.length>0]': checkInjection,
      ImportDeclaration(node) {
        if (options.checkImports === false || node.importKind === 'type') return;
        const module = packageNameOf(node.source.value);
        if (module === undefined || !DB_MODULES.has(module)) return;
        if (valueUsesInController(node, context, inController)) context.report({ node, messageId: 'dbImportInController', data: { module: node.source.value } });
      },
    };
  },
});

/**
 * A name, a literal, a member read, arithmetic or a number conversion of those, or an object of such
 * values (`robotId`, `20`, `req.params.id`, `(page - 1) * size`, `+id`, `Number(id)`, `{ id, page }`):
 * a value handed on, not a query the handler builds (`{ where: active ? … : … }`).
 */
function isPlainValue(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ThisExpression:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return !node.computed && isPlainValue(node.object);
    case AST_NODE_TYPES.BinaryExpression:
      return node.left.type !== AST_NODE_TYPES.PrivateIdentifier && isPlainValue(node.left) && isPlainValue(node.right);
    case AST_NODE_TYPES.UnaryExpression:
      return (node.operator === '+' || node.operator === '-') && isPlainValue(node.argument);
    case AST_NODE_TYPES.CallExpression:
      return node.callee.type === AST_NODE_TYPES.Identifier && CONVERSIONS.has(node.callee.name) && node.arguments.every(isPlainValue);
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && isPlainValue(property.value));
    default:
      return false;
  }
}

/** Conversions of a request's text to a value (`Number(req.params.id)`). */
const CONVERSIONS: ReadonlySet<string> = new Set(['Number', 'String', 'parseInt', 'parseFloat', 'BigInt', 'Boolean']);

/** `this.repo.find(…)` for the `this.repo` of it: the call made on the member, or the member itself when it is not called. */
function callOnMember(use: TSESTree.MemberExpression): TSESTree.Node {
  const method = use.parent;
  const call = method.type === AST_NODE_TYPES.MemberExpression && method.object === use ? method.parent : undefined;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === method ? call : use;
}

/**
 * A constructor parameter read in the constructor's own body (`this.users = repo`, `super(repo)`,
 * `new Store(repo)`): the injection is used under another name. A decorated field is never one.
 */
function readInConstructor(node: TSESTree.Node, name: TSESTree.Node): boolean {
  const constructor = node.parent;
  if (constructor?.type !== AST_NODE_TYPES.FunctionExpression || name.type !== AST_NODE_TYPES.Identifier) return false;
  let read = false;
  walk(constructor.body, (inner) => {
    if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name.name && !(inner.parent.type === AST_NODE_TYPES.MemberExpression && inner.parent.property === inner && !inner.parent.computed)) read = true;
    return !read;
  });
  return read;
}

/** A `private` parameter property or field, or a `#private` field: no code outside its class reads it (a public or protected one may be read by subclasses in other files). */
function isPrivateMember(node: TSESTree.Parameter | TSESTree.PropertyDefinition): boolean {
  if (node.type === AST_NODE_TYPES.PropertyDefinition) return node.accessibility === 'private' || node.key.type === AST_NODE_TYPES.PrivateIdentifier;
  return node.type === AST_NODE_TYPES.TSParameterProperty && node.accessibility === 'private';
}

/** The class around `node` uses `this` other than to read a named member: destructured, aliased, passed whole or indexed. */
function handsThisOn(node: TSESTree.Node): boolean {
  const cls = enclosingClass(node);
  if (cls === undefined) return true;
  let found = false;
  walk(cls.body, (inner) => {
    if (found) return false;
    if (inner.type === AST_NODE_TYPES.ThisExpression && !(inner.parent.type === AST_NODE_TYPES.MemberExpression && inner.parent.object === inner && !inner.parent.computed)) found = true;
    return !found;
  });
  return found;
}

/** The `this.<member>` expressions of the class that declares `node` (a constructor parameter or a field). */
function memberUses(node: TSESTree.Node, member: string): TSESTree.MemberExpression[] {
  const cls = enclosingClass(node);
  if (cls === undefined) return [];
  const uses: TSESTree.MemberExpression[] = [];
  walk(cls.body, (inner) => {
    if (inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.ThisExpression && propertyName(inner) === member) uses.push(inner);
    return true;
  });
  return uses;
}

/** The names a call's result is stored in by its own declaration: `const x = await call()`, `const { a, b } = await call()`. */
function storedNamesOf(node: TSESTree.Node): string[] {
  let current: TSESTree.Node = node;
  while (current.parent?.type === AST_NODE_TYPES.AwaitExpression || current.parent?.type === AST_NODE_TYPES.TSAsExpression || current.parent?.type === AST_NODE_TYPES.TSNonNullExpression) current = current.parent;
  const declarator = current.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== current) return [];
  if (declarator.id.type === AST_NODE_TYPES.Identifier) return [declarator.id.name];
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return [];
  return declarator.id.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier ? [property.value.name] : []));
}

/**
 * Does `owner` branch or loop on anything but whether a record it read exists (`if (!group)`,
 * `group == null ? … : …`)? `if (!updated) throw …` on a value it computed is a rule of its own.
 */
function branchesBeyondExistence(owner: TSESTree.Node, names: ReadonlySet<string>): boolean {
  let found = false;
  walk(owner, (node) => {
    if (found) return false;
    switch (node.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (!testsExistence(node.test, names)) found = true;
        break;
      case AST_NODE_TYPES.SwitchStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        found = true;
        break;
      default:
        break;
    }
    return !found;
  });
  return found;
}

/** `record`, `!record`, `record == null`, `record !== undefined`, for a record read. */
function testsExistence(test: TSESTree.Expression, names: ReadonlySet<string>): boolean {
  const inner = test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!' ? test.argument : test;
  if (inner.type === AST_NODE_TYPES.Identifier) return names.has(inner.name);
  if (inner.type !== AST_NODE_TYPES.BinaryExpression || !['==', '!=', '===', '!=='].includes(inner.operator)) return false;
  const { left, right } = inner;
  return (left.type === AST_NODE_TYPES.Identifier && names.has(left.name) && isNullish(right)) || (right.type === AST_NODE_TYPES.Identifier && names.has(right.name) && isNullish(left));
}

/** A name or a member read (`name`, `req.body.name`, `file.filename`): a value handed in, not one the handler computes or picks. */
function isHandedInValue(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name !== 'undefined';
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && (node.object.type === AST_NODE_TYPES.Identifier || isHandedInValue(node.object));
}

/** Instance methods that write the record itself (`group.update({ name })`, `doc.save()`, `row.destroy()`). */
const RECORD_WRITE_METHODS: ReadonlySet<string> = new Set(['update', 'save', 'destroy', 'remove', 'delete']);

/**
 * Does `owner` work with a field of one of `names` other than its key (`invitation.status`,
 * `account.balance`, `order.items`), anywhere: a test, a `switch`, arithmetic, a write's argument, a
 * loop? A read of the value itself (`if (!doc)`, `return { doc }`) or of its key (`doc.id`) does not count. With
 * `writesRecord`, the record's own write and the fields set for it to a value handed in are no such use.
 */
function usesFieldsOf(owner: TSESTree.Node, names: ReadonlySet<string>, writesRecord = false): boolean {
  if (names.size === 0) return false;
  let found = false;
  walk(owner, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Identifier && names.has(node.object.name)) {
      const field = node.computed ? '' : propertyName(node);
      // The record's own write method (`group.update(…)`) is no field of it.
      // Nor, where the handler writes the record itself, is a field set for that write to a value handed in
      // (`revision.name = name`, `= ctx.request.body.name`); a state the handler picks (`order.status = 'cancelled'`) is a rule.
      const setsGivenValue = node.parent.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node && node.parent.operator === '=' && isHandedInValue(node.parent.right);
      const ownWrite = writesRecord && ((RECORD_WRITE_METHODS.has(field) && node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node) || setsGivenValue);
      if (!ownWrite && !isKeyFieldName(field) && !mapsToPresenter(node) && !(isSoftDeleteMarker(field) && besideMissingCheck(node))) found = true;
    }
    // `for (const row of roles)` walks the rows.
    if ((node.type === AST_NODE_TYPES.ForOfStatement || node.type === AST_NODE_TYPES.ForInStatement) && node.right.type === AST_NODE_TYPES.Identifier && names.has(node.right.name)) found = true;
    return !found;
  });
  return found;
}

/** `!page || page.deletedAt`: the marker tested beside the record's absence. */
function besideMissingCheck(member: TSESTree.MemberExpression): boolean {
  const logical = member.parent;
  if (logical.type !== AST_NODE_TYPES.LogicalExpression || logical.operator !== '||' || logical.right !== member) return false;
  const missing = logical.left;
  return missing.type === AST_NODE_TYPES.UnaryExpression && missing.operator === '!' && missing.argument.type === AST_NODE_TYPES.Identifier && member.object.type === AST_NODE_TYPES.Identifier && missing.argument.name === member.object.name;
}

/** Functions that shape a row for the response: `presentDocument`, `serializeUser`, `toUserDto`, `formatInvoice`. */
const PRESENTER_NAME = /^(?:present|seriali[sz]e|format|transform|render)[A-Z]|^to[A-Z]\w*(?:Dto|DTO|Response|Json|JSON|View)$/;

/**
 * `rows.map(presentDocument)`, `rows.map((row) => presentDocument(row, options))`: every row handed
 * whole to a presenter, which shapes the response; no field of it is looked at here. A call of any
 * other function over the rows (`rows.map((o) => this.billing.charge(o))`) is work on them.
 */
function mapsToPresenter(member: TSESTree.MemberExpression): boolean {
  const call = member.parent;
  if (propertyName(member) !== 'map' || call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || call.arguments.length !== 1) return false;
  const mapper = call.arguments[0];
  if (mapper?.type === AST_NODE_TYPES.Identifier) return PRESENTER_NAME.test(mapper.name);
  if (mapper?.type !== AST_NODE_TYPES.ArrowFunctionExpression || mapper.params.length !== 1 || mapper.params[0]?.type !== AST_NODE_TYPES.Identifier) return false;
  const row = mapper.params[0].name;
  const body = mapper.body.type === AST_NODE_TYPES.AwaitExpression ? mapper.body.argument : mapper.body;
  if (body.type !== AST_NODE_TYPES.CallExpression || !body.arguments.some((arg) => arg.type === AST_NODE_TYPES.Identifier && arg.name === row)) return false;
  const callee = body.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(body.callee) : body.callee.type === AST_NODE_TYPES.Identifier ? body.callee.name : '';
  if (!PRESENTER_NAME.test(callee)) return false;
  let readsField = false;
  walk(body, (inner) => {
    if (inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.Identifier && inner.object.name === row) readsField = true;
    return !readsField;
  });
  return !readsField;
}

/** Core's `loadsParentRelation` on the facts of the enclosing method: a field resolver returning one query keyed by its `@Parent()`. */
function loadsParentRelation(owner: TSESTree.Node, node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const facts = fieldResolverFacts(owner, node, sourceCode);
  return facts !== undefined && isParentRelationLoad(facts);
}

/**
 * `new X(…)`, `x(…)`, `x.createPool(…)` / `x.connect(…)`: the imported name makes or opens a client,
 * as core's `dbClientCreation` judges it for the audit too. A class of the package that is a value
 * (`new ObjectId(id)`, `new Decimal128(…)`) opens nothing, and neither do the package's query
 * operators (`and(…)`, `eq(…)`, `inArray(…)`).
 */
function isClientConstruction(identifier: TSESTree.Node, specifier: TSESTree.ImportClause, source: string): boolean {
  const parent = identifier.parent;
  if (parent === undefined || identifier.type !== AST_NODE_TYPES.Identifier) return false;
  const imported = specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : identifier.name;
  const wholeModule = specifier.type !== AST_NODE_TYPES.ImportSpecifier;
  if ((parent.type === AST_NODE_TYPES.NewExpression || parent.type === AST_NODE_TYPES.CallExpression) && parent.callee === identifier) {
    return dbClientCreation({ callee: imported, isNew: parent.type === AST_NODE_TYPES.NewExpression, rootImport: source, wholeModule }) !== undefined;
  }
  if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier || parent.property.type !== AST_NODE_TYPES.Identifier) return false;
  const call = parent.parent;
  if ((call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) || call.callee !== parent) return false;
  return dbClientCreation({ callee: `${imported}.${parent.property.name}`, isNew: call.type === AST_NODE_TYPES.NewExpression, rootImport: source, wholeModule }) !== undefined;
}

function rootIdentifier(name: TSESTree.EntityName): TSESTree.Identifier | undefined {
  let current: TSESTree.EntityName = name;
  while (current.type === AST_NODE_TYPES.TSQualifiedName) current = current.left;
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

/**
 * Is a binding of this import used as a value in controller code? Type-only uses
 * (`constructor(private prisma: PrismaClient)`, reported as an injection instead) and DB injection
 * decorators (`@InjectRepository(User)`, reported on the parameter) do not count.
 */
function valueUsesInController(
  node: TSESTree.ImportDeclaration,
  context: Readonly<TSESLint.RuleContext<MessageId, Options>>,
  inController: (node: TSESTree.Node) => boolean,
): boolean {
  return node.specifiers.some((specifier) => {
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') return false;
    return valueReferences(context.sourceCode.getDeclaredVariables(specifier)[0]).some((reference) => {
      const identifier = reference.identifier;
      const parent = identifier.parent;
      const decorated = parent.type === AST_NODE_TYPES.CallExpression && parent.parent.type === AST_NODE_TYPES.Decorator;
      if (decorated && identifier.type === AST_NODE_TYPES.Identifier && INJECTION_DECORATORS.has(identifier.name)) return false;
      // Only a client made or connected here is DB access: `new Pool()`, `knex(config)`, `mysql.createPool(…)`.
      // An enum (`Role.ADMIN`), an operator (`Op.in`), an error class or a SQL helper from the same package is not.
      return isClientConstruction(identifier, specifier, node.source.value) && inController(identifier);
    });
  });
}
