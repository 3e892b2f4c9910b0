import path from 'node:path';
import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  catchDispatchesOnOwnThrows,
  catchPassesErrorOn,
  commentStatesServerFault,
  describeUntypedThrow,
  isBuiltinErrorName,
  isDomainErrorClass,
  isFrameworkHttpErrorFactory,
  isLibraryErrorReply, isTypedErrorObject,
  untypedThrowShape,
  type UntypedThrowKind,
} from '../src/core/classify/errors.js';
import { describesClientError, handlerAnswersAsAsked, isConfigurationGuard, isConfigurationPath, isProgrammerErrorMessage, readsEnvironmentSetting, statusOfClientMessage } from '../src/core/classify/code-context.js';
import { alwaysExits, isFunction, isNamePosition, isNullish, walk, type FunctionNode } from '../src/eslint/ast.js';
import { packageErrorHandlerDefaultStatus } from '../src/core/error-handler-files.js';
import { outsideRequestPath } from '../src/eslint/code-context.js';
import { moduleVariable, valueImports, valueReferences } from '../src/eslint/bindings.js';
import { createRule } from '../src/eslint/create-rule.js';
import { relativeFilename } from '../src/eslint/files.js';
import { callSitesInFile, enclosingFunction, functionName } from '../src/eslint/functions.js';
import { fileLayers } from '../src/eslint/layers.js';
import { classFactsOfType, errorClassIndex, isReceivedError, type ErrorClassIndex } from '../src/eslint/errors.js';
import { buildChain, chainNames, dottedName, isModuleLevelDeclaration, propertyName, rootIdentifierOf, skipWrappers, valueFact } from '../src/eslint/facts.js';
import { classifyQuery, isReadOrFailName, readsOneStoredRecord, writeOperation, type WriteOperation } from '../src/core/classify/query.js';
import { settingsOf } from '../src/eslint/settings.js';
import { isInlineCallback, runsAtApplicationStart } from '../src/eslint/startup.js';
import { resolverFor, typedContext, type TypedContext } from '../src/eslint/typed.js';
import type { BackendPatternsSettings } from '../src/core/settings.js';
import { tsApi } from '../src/eslint/typescript.js';

/** Validation libraries whose `.custom(fn)` turns an error thrown in `fn` into a validation error: express-validator (also async, also from a callback inside), Joi (also re-exported by celebrate; synchronous only). */
const CUSTOM_VALIDATOR_PACKAGES: ReadonlySet<string> = new Set(['express-validator', 'joi', '@hapi/joi', 'celebrate']);

export type Options = [
  {
    /** Report `Promise.reject(x)` and a Promise executor's `reject(x)` as well as `throw`. */
    checkRejections?: boolean;
    /** How many error classes the suggestions offer at most. */
    maxSuggestions?: number;
    /**
     * Where a bare `Error` is reported: `everywhere` the code shows its errors may reach a response
     * (controller and service code, files using the project's error types), or only in
     * `request-handlers` (route handlers, controllers), where the file itself shows the path to the
     * response. The `recommended` and `strict` configs use `request-handlers`.
     */
    bareErrors?: 'everywhere' | 'request-handlers';
  },
];
export type MessageId = 'untypedThrow' | 'untypedReject' | 'useDomainError';

interface Verdict {
  readonly kind: UntypedThrowKind;
  readonly name?: string;
}

export default createRule<Options, MessageId>({
  name: 'no-untyped-throw',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow throwing values that are not domain errors (literals, plain objects, bare Error)',
    },
    hasSuggestions: true,
    messages: {
      untypedThrow: 'Throwing {{what}} gives the central error handler no error type to map to a status and response. Throw a domain error ({{advice}}) instead.',
      untypedReject: 'Rejecting with {{what}} gives the central error handler no error type to map to a status and response. Reject with a domain error ({{advice}}) instead.',
      useDomainError: "Use 'new {{name}}(…)'.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkRejections: {
            type: 'boolean',
            description: 'Report Promise.reject(x) and reject(x) in a Promise executor with the same values as throw.',
          },
          bareErrors: {
            type: 'string',
            enum: ['everywhere', 'request-handlers'],
            description: "Where a bare Error is reported: wherever the code shows its errors may reach a response (controller and service code, files using the project's error types), or only in route handlers and controllers.",
          },
          maxSuggestions: {
            type: 'integer',
            minimum: 0,
            description: 'At most this many suggestions, one per domain error class visible in the file, most specific first.',
          },
        },
      },
    ],
    defaultOptions: [{ checkRejections: true, maxSuggestions: 5, bareErrors: 'everywhere' }],
  },
  create(context, [options]) {
    const settings = settingsOf(context);
    const typed = typedContext(context);
    const { sourceCode } = context;
    let classes: ErrorClassIndex | undefined;
    const index = (): ErrorClassIndex => (classes ??= errorClassIndex(sourceCode, settings, typed));
    const showsResponsePath = (report: TSESTree.Node): boolean => {
      const layer = fileLayers(context, settings).layerOf(report);
      if (options.bareErrors === 'request-handlers') return layer === 'controller';
      return layer === 'controller' || layer === 'service' || index().visible.some((cls) => canThrow(cls.name)) || throwsTypedErrors();
    };
    /**
     * An error class the file can throw: declared here, or imported and not only read in `instanceof`
     * tests. A class imported only to recognise a library's errors (`if (error instanceof ZodError)`)
     * says nothing about the errors this file throws.
     */
    const canThrow = (name: string): boolean => {
      const variable = moduleVariable(sourceCode, name);
      if (variable?.defs[0]?.type !== TSESLint.Scope.DefinitionType.ImportBinding) return true;
      const values = valueReferences(variable);
      const tested = (reference: (typeof values)[number]): boolean => {
        const parent = reference.identifier.parent;
        return parent.type === AST_NODE_TYPES.BinaryExpression && parent.operator === 'instanceof' && parent.right === reference.identifier;
      };
      return values.length === 0 || !values.every(tested);
    };
    let typedThrows: boolean | undefined;
    /** The file throws (or rejects with) an instance of a class that is not a built-in error: the project's error types are in use here. */
    const throwsTypedErrors = (): boolean => (typedThrows ??= [...sourceCode.text.matchAll(THROWN_CLASS)].some((found) => !isBuiltinErrorName(found[1]?.split('.').pop() ?? 'Error')));

    /**
     * A GraphQL resolver (a `@Resolver` class, or a function of a resolver map's `Query` / `Mutation` /
     * `Subscription`) of a server that is neither NestJS nor Yoga / Envelop, in a file with no error
     * type at hand — it declares, imports or throws none, `GraphQLError` included. Apollo, graphql-js
     * and Mercurius answer a resolver's error in the response's `errors` with its message whatever its
     * class, with the code INTERNAL_SERVER_ERROR for a bare one and no HTTP status of its own; where
     * the file has no type to throw, bare errors are the API's convention, a project-wide choice
     * rather than this line's slip. NestJS maps its HTTP exceptions to GraphQL codes, and Yoga and
     * Envelop mask a bare Error's message, so there a bare Error stays reported.
     */
    function resolverWithoutErrorTypes(report: TSESTree.Node): boolean {
      const packages = importedPackages();
      if (packages.some((source) => source.startsWith('@nestjs/') || MASKING_GRAPHQL_PACKAGES.test(source)) || !packages.some((source) => GRAPHQL_SERVER_PACKAGES.has(source))) return false;
      if (index().visible.some((cls) => canThrow(cls.name)) || throwsTypedErrors()) return false;
      for (let current = report.parent; current != null; current = current.parent) {
        if ((current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) && current.decorators.some((decorator) => dottedName(decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression).split('.').pop() === 'Resolver')) return true;
        if (current.type === AST_NODE_TYPES.Property && !current.computed && current.key.type === AST_NODE_TYPES.Identifier && RESOLVER_ROOTS.has(current.key.name) && current.value.type === AST_NODE_TYPES.ObjectExpression) return true;
      }
      return false;
    }

    /** The modules the file imports values from (the file's import bindings, shared with the other rules). */
    const importedPackages = (): string[] => valueImports(sourceCode).flatMap(({ binding }) => (binding.source === undefined ? [] : [binding.source]));

    function check(value: TSESTree.Node | undefined, report: TSESTree.Node, messageId: 'untypedThrow' | 'untypedReject'): void {
      const verdict: Verdict | undefined = value === undefined ? { kind: 'undefined' } : judge(value, 0);
      if (verdict === undefined) return;
      // The premise: the error reaches a request's error handler. Not so for start-up guards, CLIs,
      // workers, libraries, programmer-error assertions and errors caught on the spot.
      // A bare Error is a problem where the client caused the failure (a 4xx lost to a 500); for the
      // server's own failures a 500 is the answer anyway. Only its message can say which.
      if (verdict.kind === 'builtin-error' && (!clientErrorMessage(value) || answeredAsAsked(value))) return;
      // And only where the code shows that its errors reach a response: it is controller or service
      // code, or the file uses the error types the project maps (declares, imports or throws a domain
      // or framework HTTP error), so a bare Error is a slip beside typed neighbours. A helper, engine or
      // model module that shows neither may well be called only where its errors are a 500 anyway.
      if (verdict.kind === 'builtin-error' && (!showsResponsePath(report) || resolverWithoutErrorTypes(report))) return;
      // The reply a library the file imports reads from a thrown object (`throw { status_code, body }` in a `@tus/server` hook).
      // Or an error type after all: an error code callers narrow on, the reply an error class throws from its constructor.
      if (verdict.kind === 'object' && value?.type === AST_NODE_TYPES.ObjectExpression && (isLibraryErrorReply(objectKeys(value), importedPackages()) || isTypedErrorObject(objectKeys(value), { ownerClass: constructorClassOf(report), errorCodeIsConstant: errorCodeIsConstant(value) }))) return;
      const outside = outsideRequestPath(context, report);
      if ((outside !== undefined && outside !== 'module top level') || isAssertion(report, value) || isGuardOfConfiguration(report, value) || caughtOnTheSpot(report)) return;
      if (isConfigurationPath(relativeFilename(context)) || inGraphqlScalar(report) || inModelValidator(report) || inCustomValidator(report) || guardsTotalTableLookup(report, sourceCode)) return;
      if (runsAtStartup(report) || isStub(report) || commentSaysServerFault(report) || callersCatchIt(report, 0) || guardsInMemoryLookup(report) || guardsRecovery(report) || readsBackWhatItCreated(report) || guardsItsOwnWrite(report) || guardsShutDownState(report) || holeInFoundRecord(report, value) || looksUpKeysItListed(report, value) || looksUpConfiguredKey(report)) return;
      const visible = index().visible.slice(0, options.maxSuggestions ?? 5);
      const base = settings.errors.baseClass;
      const baseName = base === undefined ? 'Error' : typeof base === 'string' ? base : typeof base.name === 'string' ? base.name : (base.name[0] ?? 'Error');
      const advice = visible.length > 0 ? `e.g. ${visible.slice(0, 3).map((cls) => `'${cls.name}'`).join(', ')}` : `a subclass of ${baseName}`;
      context.report({
        node: report,
        messageId,
        data: { what: describeUntypedThrow(verdict.kind, verdict.name), advice },
        suggest: value === undefined ? [] : suggestionsFor(value, visible.map((cls) => cls.name), sourceCode),
      });
    }

    /** A verdict when `node` is not a domain error; undefined when it is, or when nothing can be said. */
    function judge(node: TSESTree.Node, depth: number): Verdict | undefined {
      const expression = skipWrappers(node);
      if (expression.type === AST_NODE_TYPES.Identifier && expression.name !== 'undefined' && isReceivedError(expression, sourceCode)) return undefined;
      const fact = valueFact(expression, { sourceCode });
      const shape = untypedThrowShape(fact);
      if (shape !== undefined) return shape;
      if (expression.type === AST_NODE_TYPES.CallExpression && isFrameworkHttpErrorFactory(buildChain(expression, { sourceCode }).fact)) return undefined;
      const byName = expression.type === AST_NODE_TYPES.NewExpression ? judgeClassName(dottedName(expression.callee)) : undefined;
      if (typed !== undefined) {
        const byType = judgeType(typed, expression, settings);
        // An unresolved class (`any`) is judged by its name, as without types.
        if (byType === 'unresolved') return expression.type === AST_NODE_TYPES.NewExpression || expression.type === AST_NODE_TYPES.CallExpression ? byName : { kind: 'any' };
        return byType;
      }
      if (expression.type === AST_NODE_TYPES.Identifier && depth < 2) {
        const init = constInitializer(expression, sourceCode);
        if (init !== undefined) return judge(init, depth + 1);
      }
      return byName;
    }

    function judgeClassName(name: string): Verdict | undefined {
      if (name === '') return undefined;
      const simple = name.slice(name.lastIndexOf('.') + 1);
      if (isBuiltinErrorName(simple) && !name.includes('.')) return { kind: 'builtin-error', name: simple };
      const facts = index().facts(name);
      if (facts === undefined) return undefined;
      if (isDomainErrorClass(facts, settings)) return undefined;
      // A class we only know by its name (`new Foo()` imported), or one whose chain runs into such a
      // class (`class RefreshToken extends ApplicationFailure`, the base imported): it may well be
      // an Error, and without types there is nothing to say.
      const unseenBase = facts.superClasses.at(-1);
      if (facts.superClassesKnown === false && (unseenBase === undefined || !isBuiltinErrorName(unseenBase.slice(unseenBase.lastIndexOf('.') + 1)))) return undefined;
      return { kind: 'not-domain-error', name };
    }

    /**
     * A programmer-error assertion: the `default:` of a switch, or the throw right after a switch
     * without one whose every case exits (the same fallback, written after it), a message that says
     * so, an `assert*` / `invariant` helper, a `never` check.
     */
    function isAssertion(report: TSESTree.Node, value: TSESTree.Node | undefined): boolean {
      const text = value === undefined ? '' : sourceCode.getText(value);
      if (isProgrammerErrorMessage(text) || /:\s*never\b/.test(text)) return true;
      if (followsExhaustiveSwitch(report) || followsDispatchChain(report, sourceCode)) return true;
      for (let current: TSESTree.Node | undefined = report.parent; current != null; current = current.parent) {
        if (current.type === AST_NODE_TYPES.SwitchCase) return current.test === null;
        if (current.type === AST_NODE_TYPES.IfStatement && /\btypeof\b|Number\.is(?:Finite|Integer|NaN)\(|Array\.isArray\(/.test(sourceCode.getText(current.test))) return true;
        if (isFunction(current)) return /^(?:assert|invariant|ensure|expect|must|unreachable|exhaustive|never)/i.test(functionName(current) ?? '');
      }
      return false;
    }

    /** The literal message of `new Error('…')` / `Error(`…`)` describes a client error; no literal message says nothing. */
    function clientErrorMessage(value: TSESTree.Node | undefined): boolean {
      const message = builtErrorMessage(value, 0);
      if (message === 'not built') return true;
      return message !== undefined && describesClientError(message);
    }

    /**
     * The message text of a built-in error built here (`new Error('Slug taken')`, through a `const`
     * too); undefined when it has none or a message that is no text; `'not built'` for a value typed
     * Error (`throw error`, `throw makeError()`), judged by its type alone.
     */
    function builtErrorMessage(value: TSESTree.Node | undefined, depth: number): string | undefined {
      const expression = value === undefined ? undefined : skipWrappers(value);
      // `const error = new TypeError('Unexpected state', { cause }); reject(error)`: the message of the const's error.
      if (expression?.type === AST_NODE_TYPES.Identifier && depth < 2) {
        const init = constInitializer(expression, sourceCode);
        if (init !== undefined) return builtErrorMessage(init, depth + 1);
      }
      if (expression?.type !== AST_NODE_TYPES.NewExpression && expression?.type !== AST_NODE_TYPES.CallExpression) return 'not built';
      if (expression.callee.type !== AST_NODE_TYPES.Identifier || !isBuiltinErrorName(expression.callee.name)) return 'not built';
      const message = expression.arguments[0];
      if (message === undefined) return undefined;
      const fact = valueFact(message, { sourceCode });
      return fact.kind === 'string' || fact.kind === 'template' || fact.kind === 'binary' ? sourceCode.getText(message) : undefined;
    }

    let handlerDefault: number | undefined | null = null;
    /**
     * The package's central error handler answers an error without a status with 400 (core
     * `handlerDefaultStatus`: `const status = err.status || 400`), and the message asks for just that
     * (a rejected value, not a missing record) or for a refusal of the current state (core
     * `handlerAnswersAsAsked`): the bare Error gets the answer a typed one would.
     */
    function answeredAsAsked(value: TSESTree.Node | undefined): boolean {
      if (handlerDefault === null) handlerDefault = path.isAbsolute(context.filename) ? packageErrorHandlerDefaultStatus(path.dirname(context.filename)) : undefined;
      if (handlerDefault === undefined) return false;
      const message = builtErrorMessage(value, 0);
      return message !== undefined && message !== 'not built' && handlerAnswersAsAsked(handlerDefault, statusOfClientMessage(message));
    }

    /** A throw in a GraphQL scalar's `parseValue` / `parseLiteral` / `serialize`: graphql-js turns it into a client error itself. */
    function inGraphqlScalar(report: TSESTree.Node): boolean {
      for (let current: TSESTree.Node | undefined = report.parent; current != null; current = current.parent) {
        if ((current.type === AST_NODE_TYPES.Property || current.type === AST_NODE_TYPES.MethodDefinition) && current.key.type === AST_NODE_TYPES.Identifier && /^(?:parseValue|parseLiteral|serialize)$/.test(current.key.name)) {
          const owner = current.parent.parent;
          return owner.type === AST_NODE_TYPES.NewExpression || owner.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.MethodDefinition;
        }
      }
      return false;
    }

    /**
     * A throw in a model attribute validator written as an object literal (Sequelize
     * `validate: { isSort(value) { … } }`, Mongoose `validate: { validator(value) { … } }`): the ORM
     * collects it into its validation error (`SequelizeValidationError`, `ValidatorError`), which the
     * error handler maps like any invalid input.
     */
    function inModelValidator(report: TSESTree.Node): boolean {
      const fn = enclosingFunction(report);
      const property = fn?.parent;
      if (property?.type !== AST_NODE_TYPES.Property) return false;
      const isKey = (node: TSESTree.Property, name: RegExp): boolean => node.key.type === AST_NODE_TYPES.Identifier && name.test(node.key.name);
      if (isKey(property, /^(?:validate|validator)$/) && property.parent.type === AST_NODE_TYPES.ObjectExpression) return true;
      const holder = property.parent.parent;
      return holder.type === AST_NODE_TYPES.Property && isKey(holder, /^validate$/);
    }

    /**
     * A throw in an express-validator or Joi custom validator (`body('scopes').custom((scopes) => { … throw new
     * Error('Invalid scope') … })`, `Joi.string().custom((value) => { … })`), also from a callback inside it: the library turns it into a
     * validation error carrying its message (https://express-validator.github.io/docs/guides/customizing#custom-validators;
     * Joi's `any.custom`, also through celebrate's re-export), which the route answers as a 400 with the other validation errors.
     */
    function inCustomValidator(report: TSESTree.Node): boolean {
      const packages = importedPackages();
      if (!packages.some((name) => CUSTOM_VALIDATOR_PACKAGES.has(name))) return false;
      // express-validator awaits its custom validators; Joi calls them synchronously, so there only a
      // throw of the validator itself, not async, is caught (an async one rejects past Joi).
      const awaitsValidators = packages.includes('express-validator');
      for (let fn = enclosingFunction(report); fn !== undefined; fn = enclosingFunction(fn)) {
        const call = fn.parent;
        const callee = call.type === AST_NODE_TYPES.CallExpression && call.arguments.some((argument) => argument === fn) ? skipWrappers(call.callee) : undefined;
        if (callee?.type === AST_NODE_TYPES.MemberExpression && !callee.computed && propertyName(callee) === 'custom') return awaitsValidators || !fn.async;
        if (!awaitsValidators) return false;
      }
      return false;
    }

    /** A configuration guard: its message or the `if` it stands under names the environment or the configuration. */
    function isGuardOfConfiguration(report: TSESTree.Node, value: TSESTree.Node | undefined): boolean {
      if (value !== undefined && isConfigurationGuard(sourceCode.getText(value))) return true;
      const parent = report.parent?.type === AST_NODE_TYPES.ThrowStatement ? report.parent.parent : undefined;
      const statement = parent?.type === AST_NODE_TYPES.BlockStatement && parent.body.length === 1 ? parent.parent : parent;
      return statement?.type === AST_NODE_TYPES.IfStatement && isConfigurationGuard(sourceCode.getText(statement.test));
    }

    /** Thrown straight into a `try` of the same function whose `catch` neither rethrows nor passes the error on: control flow, not an error response. */
    function caughtOnTheSpot(report: TSESTree.Node): boolean {
      let child: TSESTree.Node = report;
      for (let current: TSESTree.Node | undefined = report.parent; current != null; child = current, current = current.parent) {
        if (isFunction(current)) {
          // `db.transaction(async (tx) => { … throw … }).catch((error) => reply.status(404).send(error))`: the rejection goes to that handler.
          const handler = promiseCatchHandler(current);
          if (handler !== undefined) return catchAnswersItself(handler.params[0], handler.body, current.body);
          if (!isAwaitedInPlace(current) && !runsInPlace(current, sourceCode)) return false;
        }
        if (current.type === AST_NODE_TYPES.TryStatement && current.block === child && current.handler != null) return catchAnswersItself(current.handler.param, current.handler.body, current.block);
      }
      return false;
    }

    /**
     * A catch — a `catch` clause, or a `.catch(handler)` whose first parameter is the error — that
     * decides the response itself: it does not pass the caught error on (rethrow it, wrap it as
     * `cause`, hand it to next/reject), where its type would still matter, or it dispatches only over
     * the classes its own `tried` code throws (core `catchDispatchesOnOwnThrows`).
     */
    function catchAnswersItself(param: TSESTree.Node | null | undefined, body: TSESTree.Node, tried: TSESTree.Node): boolean {
      const name = param?.type === AST_NODE_TYPES.Identifier ? param.name : undefined;
      const text = sourceCode.getText(body);
      return !catchPassesErrorOn(name, text) || catchDispatchesOnOwnThrows(name, text, sourceCode.getText(tried));
    }

    /**
     * The function that throws is called only from this file (a private method, a function the module
     * does not export), and every call is caught on the spot or sits in such a function again: its
     * callers decide the response (`try { this.parseToken(raw) } catch { throw new Unauthorized() }`).
     */
    function callersCatchIt(report: TSESTree.Node, depth: number): boolean {
      const fn = namedEnclosingFunction(report);
      const calls = fn === undefined || depth > 2 ? undefined : callSitesInFile(fn, sourceCode);
      return calls !== undefined && calls.every((call) => caughtOnTheSpot(call) || callersCatchIt(call, depth + 1));
    }

    /** The enclosing function a caller can name, through the callbacks of a Promise executor and of array iteration. */
    function namedEnclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
      for (let fn = enclosingFunction(node); fn !== undefined; fn = enclosingFunction(fn)) {
        if (!isInlineCallback(fn)) return fn;
      }
      return undefined;
    }

    /** Start-up work (`runsAtApplicationStart`); a throw at module top level still reaches whoever imports the module. */
    function runsAtStartup(report: TSESTree.Node): boolean {
      const reason = runsAtApplicationStart(report, sourceCode);
      return reason !== undefined && reason !== 'module top level';
    }

    /**
     * The throw is the whole body of its function (`destroy() { throw new Error('not allowed at runtime') }`,
     * `query() { throw new Error('not available in loader mode') }`): a placeholder for an operation that
     * this implementation does not offer. It fails whatever the request holds, so it describes no client mistake.
     */
    function isStub(report: TSESTree.Node): boolean {
      const error = skipWrappers(report);
      if ((error.type !== AST_NODE_TYPES.NewExpression && error.type !== AST_NODE_TYPES.CallExpression) || error.callee.type !== AST_NODE_TYPES.Identifier || !isBuiltinErrorName(error.callee.name)) return false;
      let statement: TSESTree.Node | undefined = report.parent;
      while (statement !== undefined && statement.type !== AST_NODE_TYPES.ThrowStatement && statement.type !== AST_NODE_TYPES.ReturnStatement && statement.type !== AST_NODE_TYPES.ExpressionStatement) {
        if (isFunction(statement)) return false;
        statement = statement.parent;
      }
      const block = statement?.parent;
      if (block?.type !== AST_NODE_TYPES.BlockStatement || block.body.length !== 1 || !isFunction(block.parent)) return false;
      // A throw helper passes its parameters on (`fail(message) { throw new Error(message) }`): not a stub.
      const parameters = new Set(block.parent.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
      let usesParameter = false;
      for (const argument of error.arguments) {
        walk(argument, (node) => {
          if (node.type === AST_NODE_TYPES.Identifier && parameters.has(node.name)) usesParameter = true;
          return !usesParameter;
        });
      }
      return !usesParameter;
    }

    /**
     * The `if` over the throw tests what a synchronous lookup in the process's own memory returned
     * (`const workflow = Registry.getWorkflow(id)`, `this.handlers.get(name)`, `this.services.has(name)`):
     * a registry the code fills at start-up, so a miss or a duplicate is a wiring mistake. What a request
     * asks for is read from a store, and that read is awaited.
     */
    function guardsInMemoryLookup(report: TSESTree.Node): boolean {
      return guardingIfs(report).some((guard) => {
        const tested = testedValue(guard.test);
        if (tested.type === AST_NODE_TYPES.CallExpression) return isRegistryLookup(tested);
        if (tested.type !== AST_NODE_TYPES.Identifier) return false;
        const value = lastValueBefore(guard, tested.name);
        return value !== undefined && isRegistryLookup(skipWrappers(value));
      });
    }

    /**
     * The throw stands in a `catch` that has already passed on every failure but the one it recovers
     * from (`catch (error) { if (!isForeignKeyViolation(error)) throw error; … if (!order) throw … }`),
     * under a guard that only tests whether a value the server computed is missing (`!order`,
     * `cart == null`, a local, not a parameter): the server's own operation failed, and the throw says the recovery from it
     * cannot go on — the server's state, not the client's mistake. Any other guard (`existing.verified`)
     * is a finding about the request, and a typed error should say which.
     */
    function guardsRecovery(report: TSESTree.Node): boolean {
      let statement: TSESTree.Node = report;
      for (let current: TSESTree.Node | undefined = report.parent; current != null && !isFunction(current); statement = current, current = current.parent) {
        if (current.type !== AST_NODE_TYPES.BlockStatement || current.parent.type !== AST_NODE_TYPES.CatchClause) continue;
        const param = current.parent.param;
        if (param?.type !== AST_NODE_TYPES.Identifier) return false;
        const mentionsError = (node: TSESTree.Node): boolean => {
          let found = false;
          walk(node, (child) => {
            if (child.type === AST_NODE_TYPES.Identifier && child.name === param.name && !(child.parent.type === AST_NODE_TYPES.MemberExpression && child.parent.property === child && !child.parent.computed)) found = true;
            return !found;
          });
          return found;
        };
        const before = current.body.slice(0, current.body.indexOf(statement as TSESTree.Statement));
        const passesOthersOn = before.some((earlier) => earlier.type === AST_NODE_TYPES.IfStatement && earlier.alternate === null && mentionsError(earlier.test) && rethrows(earlier.consequent, param.name));
        // The server's own value: a local the code computed (`const { cart } = …`, `const order = await …`), not a parameter.
        const isLocal = (identifier: TSESTree.Identifier): boolean => ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name)?.defs[0]?.type === TSESLint.Scope.DefinitionType.Variable;
        const recovery = current;
        const guards = guardingIfs(report).filter((guard) => guard.range[0] >= recovery.range[0]);
        return passesOthersOn && guards.length > 0 && guards.every((guard) => {
          const tested = presenceTested(guard.test);
          return tested?.type === AST_NODE_TYPES.Identifier && isLocal(tested) && !mentionsError(guard.test);
        });
      }
      return false;
    }

    /**
     * The `if` tests a record read back by the key of a record this code has just created
     * (`const envelope = await tx.envelope.create(…)` … `const created = await tx.envelope.findFirst({ where: { id: envelope.id } }); if (!created) throw …`),
     * or a field of such a read, or an item searched for in the rows the create returned
     * (`const recipient = envelope.recipients.find(…)`): its absence is the server's own
     * inconsistency, not a client's mistake.
     */
    function readsBackWhatItCreated(report: TSESTree.Node): boolean {
      return guardingIfs(report).some((guard) => {
        const root = rootIdentifierOf(testedValue(guard.test));
        if (root === undefined) return false;
        let value = initialValue(root);
        if (value !== undefined && searchesCreatedRows(value)) return true;
        // One hop through a field of a read (`const data = items[0].documentData`).
        const valueRoot = value === undefined ? undefined : rootIdentifierOf(skipWrappers(value));
        if (value !== undefined && valueRoot !== undefined && skipWrappers(value).type !== AST_NODE_TYPES.AwaitExpression) value = initialValue(valueRoot);
        const read = value === undefined ? undefined : skipWrappers(value);
        if (read?.type !== AST_NODE_TYPES.AwaitExpression || read.argument.type !== AST_NODE_TYPES.CallExpression) return false;
        const keys: TSESTree.Identifier[] = [];
        for (const argument of read.argument.arguments) {
          walk(argument, (node) => {
            if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Identifier && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'id') keys.push(node.object);
            return true;
          });
        }
        return keys.some(isCreatedRecord);
      });
    }

    /**
     * The `if` tests for absence the row a write of the same function has just returned
     * (`const [row] = await db.insert(t).values(v).returning(); if (!row) throw …`), read straight from
     * the write or from what a runner the query was handed to returned (`(await run(tx.update(t)…)).value[0]`):
     * - an insert or an upsert that did not fail returns its row, so an empty result is the server's
     *   own inconsistency (an insert that may skip a conflicting row, `onConflictDoNothing()`, may return
     *   none because of the client's data, and stays checked);
     * - an update returns nothing when its filter picks no row, so it is the server's inconsistency only
     *   when every key of the filter is a row the function has already loaded and found (a guard left
     *   when it was absent, or the write runs in the branch where it is present), or a value that row's
     *   lookup was keyed by (`where(eq(t.id, found.id))`; `where(and(eq(t.id, id), eq(t.workspaceId, ws)))`
     *   after `findFirst` by `id` and `ws` whose absence the function refused). An update by the client's
     *   key with no such lookup, or a filter that also tests a state (`eq(t.status, 'pending')`) or a
     *   value the lookup did not use, answers the client (not found, changed meanwhile) and stays checked.
     * Deletes stay checked.
     */
    function guardsItsOwnWrite(report: TSESTree.Node): boolean {
      return guardingIfs(report).some((guard) => {
        const tested = presenceTested(guard.test);
        const write = tested === undefined ? undefined : writeReturning(tested, 0);
        if (write === undefined) return false;
        if (write.operation === 'insert' || write.operation === 'upsert') return true;
        return write.operation === 'update' && keyedByFoundRows(write.call, write.filter);
      });
    }

    /**
     * The `if` tests only flags of the module that a shutdown function of the module sets (`let
     * POOL_ENDED = false` … `export async function endPool() { POOL_ENDED = true; … }` … `if (POOL_ENDED)
     * throw new Error('Pool already ended')`): a module variable is the process's state, not a request's,
     * and one given only `true` / `false`, set by a function that ends, closes or stops something, says the
     * process has shut a resource down; a use after that is the server's own lifecycle mistake (the same
     * for a `var` the file declares in `declare global`, kept on `globalThis`). A
     * field of an object (`this.closed`) may be a record's state the client changed, and stays checked.
     */
    function guardsShutDownState(report: TSESTree.Node): boolean {
      return guardingIfs(report).some((guard) => disjuncts(guard.test).every((part) => {
        // The flag itself (`if (POOL_ENDED)`), set when the resource was shut down.
        const tested = skipWrappers(part);
        if (tested.type !== AST_NODE_TYPES.Identifier || !isProcessFlag(tested)) return false;
        const writes: TSESTree.AssignmentExpression[] = [];
        walk(sourceCode.ast, (node) => {
          if (node.type === AST_NODE_TYPES.AssignmentExpression && flagName(node.left) === tested.name) writes.push(node);
          return true;
        });
        return writes.length > 0 && writes.every((assignment) => {
          if (assignment.operator !== '=' || assignment.right.type !== AST_NODE_TYPES.Literal || typeof assignment.right.value !== 'boolean') return false;
          const setter = enclosingFunction(assignment);
          return !assignment.right.value || (setter !== undefined && SHUTDOWN.test(functionName(setter) ?? ''));
        });
      }));
    }

    /**
     * A flag of the process: a `let` of the module, or a `var` this file declares in `declare global`
     * (kept on `globalThis` across reloads).
     */
    function isProcessFlag(identifier: TSESTree.Identifier): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
      const definition = variable?.defs[0];
      if (variable !== null && variable.scope.block.type === AST_NODE_TYPES.Program) return definition?.type === TSESLint.Scope.DefinitionType.Variable && definition.parent.kind === 'let';
      return sourceCode.ast.body.some((statement) => {
        const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
        if (declaration?.type !== AST_NODE_TYPES.TSModuleDeclaration || declaration.kind !== 'global') return false;
        return declaration.body.body.some((member) => member.type === AST_NODE_TYPES.VariableDeclaration && member.kind === 'var' && member.declarations.some((declarator) => declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === identifier.name));
      });
    }

    /** The write whose returned rows `node` holds (`row` of `const [row] = await db.insert(…)…returning()`), through names, fields and literal indexes. */
    function writeReturning(node: TSESTree.Node, depth: number): { call: TSESTree.CallExpression; operation: WriteOperation; filter: TSESTree.Node[] } | undefined {
      const value = skipWrappers(node);
      if (depth > 4) return undefined;
      if (value.type === AST_NODE_TYPES.AwaitExpression) return value.argument.type === AST_NODE_TYPES.CallExpression ? writeRun(value.argument) : undefined;
      if (value.type === AST_NODE_TYPES.MemberExpression) return value.computed && value.property.type !== AST_NODE_TYPES.Literal ? undefined : writeReturning(value.object, depth + 1);
      if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
      const definition = ASTUtils.findVariable(sourceCode.getScope(value), value.name)?.defs[0];
      if (definition?.type !== TSESLint.Scope.DefinitionType.Variable || definition.parent.kind !== 'const' || definition.node.init == null) return undefined;
      const id = definition.node.id;
      // `const row = …`, or an item of `const [row] = …`.
      if (id.type === AST_NODE_TYPES.Identifier || (id.type === AST_NODE_TYPES.ArrayPattern && id.elements.some((element) => element?.type === AST_NODE_TYPES.Identifier && element.name === value.name))) {
        return writeReturning(definition.node.init, depth + 1);
      }
      return undefined;
    }

    /** The awaited call is a write query, or runs one handed to it unawaited (`await txQueryResult(tx.update(t)…returning())`). */
    function writeRun(call: TSESTree.CallExpression): { call: TSESTree.CallExpression; operation: WriteOperation; filter: TSESTree.Node[] } | undefined {
      const candidates = [call, ...call.arguments.filter((argument): argument is TSESTree.CallExpression => argument.type === AST_NODE_TYPES.CallExpression)];
      for (const candidate of candidates) {
        const info = buildChain(candidate, { sourceCode, typed });
        const match = classifyQuery(info.fact, { settings, resolve: resolverFor(typed, info.nodes) });
        const operation = match === undefined ? undefined : writeOperation(match, info.fact);
        if (operation !== undefined) return { call: candidate, operation, filter: writeFilter(candidate) };
      }
      return undefined;
    }

    /**
     * The filter of a write chain: the arguments of its `where…` steps, the `where` of an options
     * object (`update({ where: { id }, data })`), or the first of a filter-and-values call
     * (`findOneAndUpdate(filter, update)`, `update(criteria, values)`).
     */
    function writeFilter(call: TSESTree.CallExpression): TSESTree.Node[] {
      const filter: TSESTree.Node[] = [];
      for (let current: TSESTree.Node = call; current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.MemberExpression; ) {
        if (current.type === AST_NODE_TYPES.MemberExpression) {
          current = skipWrappers(current.object);
          continue;
        }
        const callee = skipWrappers(current.callee);
        const step = callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : '';
        if (/^(?:and|or)?where/i.test(step)) filter.push(...current.arguments);
        else if (/^(?:update|updateOne|updateMany|findOneAndUpdate|findByIdAndUpdate|findOneAndReplace|replaceOne|nativeUpdate)$/.test(step)) {
          const first = current.arguments[0];
          const options = first === undefined ? undefined : skipWrappers(first);
          const where = options?.type === AST_NODE_TYPES.ObjectExpression ? options.properties.find((property) => property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'where') : undefined;
          if (where?.type === AST_NODE_TYPES.Property) filter.push(where.value);
          else if (first !== undefined && current.arguments.length >= 2) filter.push(first);
        }
        current = callee;
      }
      return filter;
    }

    /**
     * Every key of the filter is a row the function loaded and found before the write, or a value that
     * row's lookup was keyed by; the filter tests no state (no literal value: `eq(t.status, 'pending')`,
     * `{ status: 'PENDING' }`; Kysely's column and operator, `where('id', '=', id)`, are not values).
     */
    function keyedByFoundRows(write: TSESTree.CallExpression, filter: readonly TSESTree.Node[]): boolean {
      const testsState = filter.some((part) => contains(part, (node) => (node.type === AST_NODE_TYPES.Literal && isFilterValue(node)) || node.type === AST_NODE_TYPES.TemplateLiteral));
      if (testsState) return false;
      const keys: TSESTree.Identifier[] = [];
      for (const part of filter) {
        walk(part, (node) => {
          if (node.type !== AST_NODE_TYPES.Identifier || !isReference(node)) return true;
          if (node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node) return true;
          const variable = ASTUtils.findVariable(sourceCode.getScope(node), node.name);
          const definition = variable?.defs[0];
          // Tables and helpers of the module, and names bound inside the filter (`(eb) => eb(…)`), are no keys.
          if (variable === null || definition === undefined || variable.scope.block.type === AST_NODE_TYPES.Program) return true;
          if (definition.node.range[0] >= part.range[0] && definition.node.range[1] <= part.range[1]) return true;
          keys.push(node);
          return true;
        });
      }
      if (keys.length === 0) return false;
      const covered = new Set<TSESLint.Scope.Variable>();
      const found = new Set<TSESLint.Scope.Variable>();
      for (const candidate of foundRowCandidates(write, keys)) {
        const variable = ASTUtils.findVariable(sourceCode.getScope(candidate), candidate.name);
        if (variable === null || found.has(variable)) continue;
        const loads = loadsOf(candidate, 0);
        if (loads === undefined || !presentAt(variable, write)) continue;
        found.add(variable);
        covered.add(variable);
        for (const load of loads) {
          walk(load, (node) => {
            if (node.type === AST_NODE_TYPES.Identifier && isReference(node)) {
              const read = ASTUtils.findVariable(sourceCode.getScope(node), node.name);
              if (read !== null) covered.add(read);
            }
            return true;
          });
        }
      }
      return keys.every((key) => {
        const variable = ASTUtils.findVariable(sourceCode.getScope(key), key.name);
        return variable !== null && covered.has(variable);
      });
    }

    /** A literal compared as a value (`eq(t.status, 'pending')`, `{ status: 'PENDING' }`), not a column or an operator before the value (`where('id', '=', id)`). */
    function isFilterValue(literal: TSESTree.Literal): boolean {
      const parent = literal.parent;
      if (parent.type === AST_NODE_TYPES.Property && parent.key === literal) return false;
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.indexOf(literal) < parent.arguments.length - 1) return false;
      return true;
    }

    /** The rows that may have been found before the write: the filter's keys, and what the function's `if`s test for presence before it. */
    function foundRowCandidates(write: TSESTree.CallExpression, keys: readonly TSESTree.Identifier[]): TSESTree.Identifier[] {
      const candidates = [...keys];
      const fn = enclosingFunction(write);
      const outer = fn === undefined ? undefined : (namedEnclosingFunction(fn) ?? fn);
      if (outer === undefined) return candidates;
      walk(outer.body, (node) => {
        if (node.range[0] >= write.range[0]) return false;
        if (node.type === AST_NODE_TYPES.IfStatement) {
          for (const part of [...disjuncts(node.test), ...conjuncts(node.test)]) {
            const tested = presenceTested(part, 'either') ?? skipWrappers(part);
            if (tested.type === AST_NODE_TYPES.Identifier) candidates.push(tested);
          }
        }
        return true;
      });
      return candidates;
    }

    /**
     * The read queries whose rows the variable holds: each value it is given is an awaited read query,
     * a choice between such values and nothing (`id ? await findFirst(…) : undefined`), or a mapping of
     * another such variable (`toResource(model)`). Undefined when any value is something else.
     */
    function loadsOf(identifier: TSESTree.Identifier, depth: number): TSESTree.CallExpression[] | undefined {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
      const definition = variable?.defs[0];
      if (variable === null || definition?.type !== TSESLint.Scope.DefinitionType.Variable || definition.node.id.type !== AST_NODE_TYPES.Identifier || depth > 2) return undefined;
      const values: TSESTree.Node[] = [];
      if (definition.node.init != null) values.push(definition.node.init);
      for (const reference of variable.references) {
        if (reference.init === true || !reference.isWrite()) continue;
        const assignment = reference.identifier.parent;
        if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') return undefined;
        values.push(assignment.right);
      }
      const loads: TSESTree.CallExpression[] = [];
      const collect = (node: TSESTree.Node): boolean => {
        const value = skipWrappers(node);
        if (isNullish(value)) return true;
        if (value.type === AST_NODE_TYPES.ConditionalExpression) return collect(value.consequent) && collect(value.alternate);
        if (value.type === AST_NODE_TYPES.AwaitExpression && value.argument.type === AST_NODE_TYPES.CallExpression) {
          const info = buildChain(value.argument, { sourceCode, typed });
          const match = classifyQuery(info.fact, { settings, resolve: resolverFor(typed, info.nodes) });
          if (match?.access !== 'read') return false;
          loads.push(value.argument);
          return true;
        }
        if (value.type === AST_NODE_TYPES.Identifier) {
          const inner = loadsOf(value, depth + 1);
          if (inner !== undefined) loads.push(...inner);
          return inner !== undefined;
        }
        // A mapping of a loaded row (`toResource(model)`): one argument, that row.
        if (value.type === AST_NODE_TYPES.CallExpression && value.arguments.length === 1 && value.arguments[0]?.type === AST_NODE_TYPES.Identifier) return collect(value.arguments[0]);
        return false;
      };
      return values.every(collect) && loads.length > 0 ? loads : undefined;
    }

    /**
     * The row is present where `node` runs: an earlier `if` of an enclosing block tests its absence and
     * leaves (`if (!row) return …`), or `node` stands in the branch of an `if` where it is present
     * (`if (row) { … }`, the `else` of `if (!row) { … }`).
     */
    function presentAt(variable: TSESLint.Scope.Variable, node: TSESTree.Node): boolean {
      const isRow = (tested: TSESTree.Node | undefined): boolean => tested?.type === AST_NODE_TYPES.Identifier && ASTUtils.findVariable(sourceCode.getScope(tested), tested.name) === variable;
      const declared = variable.defs[0]?.node;
      let child: TSESTree.Node = node;
      for (let current: TSESTree.Node | undefined = node.parent; current != null; child = current, current = current.parent) {
        if (declared !== undefined && current.range[0] <= declared.range[0] && current.range[1] >= declared.range[1] && current.type !== AST_NODE_TYPES.BlockStatement) break;
        if (current.type === AST_NODE_TYPES.IfStatement) {
          if (current.consequent === child && conjuncts(current.test).some((part) => isRow(presentTested(part)))) return true;
          if (current.alternate === child && isRow(presenceTested(current.test))) return true;
        }
        if (current.type === AST_NODE_TYPES.BlockStatement) {
          const before = current.body.slice(0, current.body.indexOf(child as TSESTree.Statement));
          if (before.some((statement) => statement.type === AST_NODE_TYPES.IfStatement && statement.alternate === null && alwaysExits(statement.consequent) && disjuncts(statement.test).some((part) => isRow(presenceTested(part))))) return true;
        }
      }
      return false;
    }

    /**
     * The `if` tests, for presence, a field of a row loaded with a record a query has already found,
     * and the message says that it is missing or not found: the record was found by a guard before
     * this one (`if (!envelope) return notFound()` … `if (!envelope.items[0].id) throw …`) or read with
     * an `…OrThrow` / `…OrFail` call. The record the client named exists; a hole in the rows stored
     * with it is the server's inconsistency (a 500), not a client's not-found. (A relation of the
     * record itself, `if (!order.customer)`, may be absent by design: a state the client chose.)
     */
    function holeInFoundRecord(report: TSESTree.Node, value: TSESTree.Node | undefined): boolean {
      const message = value === undefined ? undefined : literalMessage(value);
      if (message === undefined || !MISSING.test(message)) return false;
      return guardingIfs(report).some((guard) => {
        const tested = presenceTested(guard.test);
        if (tested === undefined) return false;
        const held = tested.type === AST_NODE_TYPES.Identifier ? initialValue(tested) : tested;
        if (held === undefined) return false;
        const root = memberOfRecord(held);
        if (root === undefined) return false;
        if (isReadRecord(root)) return readWithOrThrow(root) || foundBefore(root, guard) !== undefined;
        // A project lookup (`await getEnvelopeById(…)`) is a stored record when the code has itself
        // answered its absence as not found (`if (!envelope) return { status: 404 }`).
        const answer = awaitedCallOf(root) === undefined ? undefined : foundBefore(root, guard);
        return answer !== undefined && answersNotFound(answer);
      });
    }

    /**
     * The `if` tests for absence a record looked up by a key the server's configuration names
     * (`const ws = await db.workspace.findUnique({ where: { id: env.autoJoinWorkspaceId } }); if (!ws) throw …`;
     * core `readsEnvironmentSetting`), and by nothing of the function's parameters: the client chose
     * no key, so a miss is a misconfiguration, a 500 whatever the error's type.
     */
    function looksUpConfiguredKey(report: TSESTree.Node): boolean {
      return guardingIfs(report).some((guard) => {
        const tested = presenceTested(guard.test);
        const call = tested?.type === AST_NODE_TYPES.Identifier ? awaitedCallOf(tested) : undefined;
        if (call === undefined || call.arguments.length === 0) return false;
        if (!readsEnvironmentSetting(call.arguments.map((argument) => sourceCode.getText(argument)).join(' '))) return false;
        // Every value the key is built from is the environment's: `process`, an import (`env`), a
        // module constant or `this` (`this.configService`); never a parameter or a local of the function.
        let onlyEnvironment = true;
        for (const argument of call.arguments) {
          walk(argument, (node) => {
            if (!onlyEnvironment) return false;
            if (node.type !== AST_NODE_TYPES.Identifier || isNamePosition(node)) return true;
            if (node.name === 'process' || node.name === 'undefined') return true;
            const definition = ASTUtils.findVariable(sourceCode.getScope(node), node.name)?.defs[0];
            const moduleLevel = definition !== undefined && (definition.type === TSESLint.Scope.DefinitionType.ImportBinding || (definition.type === TSESLint.Scope.DefinitionType.Variable && isModuleLevelDeclaration(definition.parent)));
            if (!moduleLevel) onlyEnvironment = false;
            return onlyEnvironment;
          });
        }
        return onlyEnvironment;
      });
    }

    /**
     * The `if` tests what a lookup returned whose keys the server listed itself: rows a query of the same
     * function returned, mapped to their keys (`const ids = rows.map((row) => row.memberId)` … `await
     * db.query(sql, { replacements: { id: ids[0] } })`; `getDefaultViewIds(tables.map((t) => t.id))`), or
     * a search of rows for the item an earlier read was keyed by (`projects` loaded by
     * `connections.map((c) => c.projectId)`, then `connections.find((c) => c.projectId === project.id)` for
     * each project), and the message says what was (not) found. The client named none of those keys: a
     * miss, or a count other than expected, is the server's own inconsistency, not a client's not-found.
     * A state of what was found (`'Product out of stock'`) is still a finding. A lookup that also takes a parameter of the
     * function (`findPrices(ids, currency)`) may be missing what the client asked for, and stays checked.
     */
    function looksUpKeysItListed(report: TSESTree.Node, value: TSESTree.Node | undefined): boolean {
      const message = value === undefined ? undefined : literalMessage(value);
      if (message === undefined || !(MISSING.test(message) || /\bfound\b/i.test(message))) return false;
      return guardingIfs(report).some((guard) => {
        const root = rootIdentifierOf(guardSubject(guard.test));
        if (root === undefined) return false;
        let held = initialValue(root);
        // One hop through an item or a field of the lookup's result (`const viewId = viewIds[i]`).
        const heldRoot = held === undefined ? undefined : rootIdentifierOf(skipWrappers(held));
        if (held !== undefined && heldRoot !== undefined && skipWrappers(held).type === AST_NODE_TYPES.MemberExpression) held = initialValue(heldRoot);
        if (held === undefined) return false;
        const lookup = awaitedBranch(held);
        if (lookup !== undefined) return lookup.arguments.some((argument) => mentionsListedKey(argument)) && lookup.arguments.every((argument) => !readsParameterOf(argument));
        return searchesRowsItsLoadWasKeyedBy(skipWrappers(held), guard);
      });
    }

    /** `rows.map((row) => row.id)` over rows a query returned, or a variable holding it, or an item of it (`ids[0]`). */
    function isListedKeys(node: TSESTree.Node, depth: number): boolean {
      const expression = skipWrappers(node);
      if (depth > 3) return false;
      if (expression.type === AST_NODE_TYPES.MemberExpression && expression.computed) return isListedKeys(expression.object, depth + 1);
      if (expression.type === AST_NODE_TYPES.Identifier) {
        const init = initialValue(expression);
        return init !== undefined && isListedKeys(init, depth + 1);
      }
      const rows = mappedRows(expression);
      return rows !== undefined && isReadRecord(rows);
    }

    function mentionsListedKey(node: TSESTree.Node): boolean {
      let found = false;
      walk(node, (child) => {
        if (found || (isFunction(child) && child !== node)) return false;
        if (((child.type === AST_NODE_TYPES.Identifier && isReference(child)) || child.type === AST_NODE_TYPES.CallExpression) && isListedKeys(child, 0)) found = true;
        return !found;
      });
      return found;
    }

    /**
     * The expression reads a parameter of a function around it (not one of a callback inside it),
     * directly or through a local computed from it without a query (`const { currency } = input`,
     * `const code = input.currency.toUpperCase()`); the listed keys themselves are not followed.
     */
    function readsParameterOf(node: TSESTree.Node, depth = 0): boolean {
      return contains(node, (child) => {
        if (child.type !== AST_NODE_TYPES.Identifier || !isReference(child)) return false;
        const definition = ASTUtils.findVariable(sourceCode.getScope(child), child.name)?.defs[0];
        if (definition?.type === TSESLint.Scope.DefinitionType.Parameter) return !(definition.node.range[0] >= node.range[0] && definition.node.range[1] <= node.range[1]);
        if (definition?.type !== TSESLint.Scope.DefinitionType.Variable || definition.node.init == null || depth > 2 || isListedKeys(child, 0)) return false;
        const init = definition.node.init;
        return !contains(init, (inner) => inner.type === AST_NODE_TYPES.AwaitExpression) && readsParameterOf(init, depth + 1);
      });
    }

    /** `await call(…)`, or the awaited branch of `cond ? await call(…) : []`: the call. */
    function awaitedBranch(value: TSESTree.Node): TSESTree.CallExpression | undefined {
      const expression = skipWrappers(value);
      if (expression.type === AST_NODE_TYPES.ConditionalExpression) return awaitedBranch(expression.consequent) ?? awaitedBranch(expression.alternate);
      return expression.type === AST_NODE_TYPES.AwaitExpression && expression.argument.type === AST_NODE_TYPES.CallExpression ? expression.argument : undefined;
    }

    /**
     * `connections.find((c) => c.projectId === project.id)`, inside a callback or a loop over `projects`,
     * which an awaited call loaded by `connections.map(…)`: every project was found by a key of one of
     * those rows, so the search finds it.
     */
    function searchesRowsItsLoadWasKeyedBy(search: TSESTree.Node, guard: TSESTree.IfStatement): boolean {
      if (search.type !== AST_NODE_TYPES.CallExpression || search.callee.type !== AST_NODE_TYPES.MemberExpression || search.callee.property.type !== AST_NODE_TYPES.Identifier || !/^(?:find|findLast)$/.test(search.callee.property.name)) return false;
      const rows = skipWrappers(search.callee.object);
      if (rows.type !== AST_NODE_TYPES.Identifier) return false;
      const iteration = iteratedRows(guard);
      if (iteration === undefined) return false;
      const [item, loaded] = iteration;
      // The search's key is the item of the loaded rows.
      if (!search.arguments.some((argument) => contains(argument, (child) => child.type === AST_NODE_TYPES.Identifier && child.name === item.name))) return false;
      const init = initialValue(loaded);
      const load = init === undefined ? undefined : awaitedBranch(init);
      return load !== undefined && load.arguments.some((argument) => contains(argument, (child) => mappedRows(child)?.name === rows.name));
    }

    /** The item and the rows of the callback (`projects.map((project) => …)`) or `for…of` loop the guard stands in. */
    function iteratedRows(guard: TSESTree.Node): [TSESTree.Identifier, TSESTree.Identifier] | undefined {
      for (let current: TSESTree.Node | undefined = guard.parent; current != null; current = current.parent) {
        if (current.type === AST_NODE_TYPES.ForOfStatement) {
          const declared = current.left.type === AST_NODE_TYPES.VariableDeclaration ? current.left.declarations[0].id : undefined;
          const rows = skipWrappers(current.right);
          return declared?.type === AST_NODE_TYPES.Identifier && rows.type === AST_NODE_TYPES.Identifier ? [declared, rows] : undefined;
        }
        if (!isFunction(current)) continue;
        const call = current.parent;
        const item = current.params[0];
        if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== current || item?.type !== AST_NODE_TYPES.Identifier || call.callee.type !== AST_NODE_TYPES.MemberExpression || call.callee.property.type !== AST_NODE_TYPES.Identifier || !/^(?:map|forEach|flatMap|filter|some|every)$/.test(call.callee.property.name)) return undefined;
        const rows = skipWrappers(call.callee.object);
        return rows.type === AST_NODE_TYPES.Identifier ? [item, rows] : undefined;
      }
      return undefined;
    }

    /** The exit answers that the record was not found: a 404 status, a not-found error class, or a text that says it is missing. */
    function answersNotFound(exit: TSESTree.Statement): boolean {
      let found = false;
      walk(exit, (node) => {
        if (found || (node !== exit && isFunction(node))) return false;
        if (node.type === AST_NODE_TYPES.Literal && (node.value === 404 || (typeof node.value === 'string' && MISSING.test(node.value)))) found = true;
        else if (node.type === AST_NODE_TYPES.TemplateElement && MISSING.test(node.value.cooked ?? '')) found = true;
        else if (node.type === AST_NODE_TYPES.Identifier && /NotFound|^NOT_FOUND$/.test(node.name)) found = true;
        return !found;
      });
      return found;
    }

    /** `new Error('…')` / `Error(`…`)` with a literal (or template) message: its text. */
    function literalMessage(value: TSESTree.Node): string | undefined {
      const error = skipWrappers(value);
      if (error.type !== AST_NODE_TYPES.NewExpression && error.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const message = error.arguments[0];
      return message?.type === AST_NODE_TYPES.Literal || message?.type === AST_NODE_TYPES.TemplateLiteral ? sourceCode.getText(message) : undefined;
    }

    /**
     * The identifier holds a record a query loaded (`const envelope = await prisma.envelope.findFirst(…)`):
     * an awaited call that core's query judgement names a query, or an `…OrThrow` / `…OrFail` read.
     * What any other awaited call returns (`await req.json()`, `await fetch(…)`) is not a stored record.
     */
    function isReadRecord(identifier: TSESTree.Identifier): boolean {
      const call = awaitedCallOf(identifier);
      if (call === undefined) return false;
      if (readWithOrThrow(identifier)) return true;
      const info = buildChain(call, { sourceCode, typed });
      return classifyQuery(info.fact, { settings, resolve: resolverFor(typed, info.nodes) }) !== undefined;
    }

    /** `await prisma.envelope.findFirstOrThrow(…)`, `await repo.findOneOrFail(…)`: the read itself fails when the record is absent. */
    function readWithOrThrow(identifier: TSESTree.Identifier): boolean {
      const call = awaitedCallOf(identifier);
      return call !== undefined && isReadOrFailName(chainNames(call.callee).at(-1) ?? '');
    }

    /** The call whose awaited result initialises the variable (`const x = await call(…)`). */
    function awaitedCallOf(identifier: TSESTree.Identifier): TSESTree.CallExpression | undefined {
      const init = initialValue(identifier);
      const read = init === undefined ? undefined : skipWrappers(init);
      return read?.type === AST_NODE_TYPES.AwaitExpression && read.argument.type === AST_NODE_TYPES.CallExpression ? read.argument : undefined;
    }

    /**
     * An earlier `if` of the same function tests the record for presence and leaves the function
     * (`if (!envelope) return { status: 404 }`): the statement it leaves with, or undefined.
     */
    function foundBefore(record: TSESTree.Identifier, guard: TSESTree.IfStatement): TSESTree.Statement | undefined {
      const fn = enclosingFunction(guard);
      if (fn === undefined) return undefined;
      let exit: TSESTree.Statement | undefined;
      walk(fn.body, (node) => {
        if (exit !== undefined || node.range[0] >= guard.range[0]) return false;
        if (node !== fn.body && isFunction(node)) return false;
        if (node.type === AST_NODE_TYPES.IfStatement && node.alternate === null && alwaysExits(node.consequent)) {
          const tested = presenceTested(node.test);
          if (tested?.type === AST_NODE_TYPES.Identifier && tested.name === record.name) exit = node.consequent;
        }
        return exit === undefined;
      });
      return exit;
    }

    /** `const envelope = await tx.envelope.create(…)`: the identifier holds what an awaited create or insert returned. */
    function isCreatedRecord(identifier: TSESTree.Identifier): boolean {
      const created = initialValue(identifier);
      const call = created === undefined ? undefined : skipWrappers(created);
      return call?.type === AST_NODE_TYPES.AwaitExpression && call.argument.type === AST_NODE_TYPES.CallExpression && /^(?:create|insert)/i.test(chainNames(call.argument.callee).at(-1) ?? '');
    }

    /** `envelope.recipients.find(…)`, `created.items.filter(…)[0]`: an in-memory search of the rows a create returned (not awaited: no new read). */
    function searchesCreatedRows(value: TSESTree.Node): boolean {
      let search = skipWrappers(value);
      if (search.type === AST_NODE_TYPES.MemberExpression && search.computed) search = skipWrappers(search.object);
      if (search.type !== AST_NODE_TYPES.CallExpression || search.callee.type !== AST_NODE_TYPES.MemberExpression || search.callee.property.type !== AST_NODE_TYPES.Identifier) return false;
      if (!/^(?:find|filter|findLast|at)$/.test(search.callee.property.name)) return false;
      const rows = skipWrappers(search.callee.object);
      const root = rootIdentifierOf(rows);
      return rows.type === AST_NODE_TYPES.MemberExpression && root !== undefined && isCreatedRecord(root);
    }

    /** The `const` (or `let`) initialiser of the variable an identifier reads. */
    function initialValue(identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
      const definition = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name)?.defs[0];
      if (definition?.type !== TSESLint.Scope.DefinitionType.Variable || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
      return definition.node.init ?? undefined;
    }

    /** A comment on the throw or on the `if` it stands under says the failure is the server's own (`// Should never happen`). */
    function commentSaysServerFault(report: TSESTree.Node): boolean {
      const comments: TSESTree.Comment[] = [];
      let child: TSESTree.Node = report;
      for (let current: TSESTree.Node | undefined = report.parent; current != null && !isFunction(current); child = current, current = current.parent) {
        if (current.type === AST_NODE_TYPES.ThrowStatement || current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ExpressionStatement || current.type === AST_NODE_TYPES.ReturnStatement) {
          comments.push(...sourceCode.getCommentsBefore(current));
        }
        if (current.type === AST_NODE_TYPES.BlockStatement && current.body[0] === child) comments.push(...sourceCode.getCommentsBefore(child));
        if (current.type === AST_NODE_TYPES.IfStatement) break;
      }
      return comments.some((comment) => commentStatesServerFault(comment.value));
    }

    function rejectOf(node: TSESTree.CallExpression): boolean {
      const names = chainNames(node.callee);
      if (names.length === 2 && names[0] === 'Promise' && names[1] === 'reject') return true;
      const callee = skipWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee.name);
      const definition = variable?.defs[0];
      if (definition?.type !== TSESLint.Scope.DefinitionType.Parameter) return false;
      const executor = definition.node;
      if (executor.type !== AST_NODE_TYPES.ArrowFunctionExpression && executor.type !== AST_NODE_TYPES.FunctionExpression) return false;
      const second = executor.params[1];
      if (second?.type !== AST_NODE_TYPES.Identifier || second.name !== callee.name) return false;
      const promise = executor.parent;
      return promise.type === AST_NODE_TYPES.NewExpression && promise.arguments[0] === executor && dottedName(promise.callee) === 'Promise';
    }

    return {
      ThrowStatement(node) {
        check(node.argument, node.argument, 'untypedThrow');
      },
      CallExpression(node) {
        if (options.checkRejections === false || !rejectOf(node)) return;
        const argument = node.arguments[0];
        if (argument?.type === AST_NODE_TYPES.SpreadElement) return;
        check(argument, argument ?? node, 'untypedReject');
      },
    };
  },
});

/**
 * Typed verdict: the value's type (each member of a union) must be a domain error. `unresolved`
 * when the type is `any` / an unresolved import, so the caller can fall back to names.
 */
function judgeType(typed: TypedContext, node: TSESTree.Node, settings: BackendPatternsSettings): Verdict | 'unresolved' | undefined {
  const type = typed.typeOf(node);
  const parts = type.isUnion() ? type.types : [type];
  for (const part of parts) {
    if ((part.flags & tsApi().TypeFlags.Any) !== 0) return 'unresolved';
    if ((part.flags & tsApi().TypeFlags.Unknown) !== 0) return { kind: 'unknown' };
    if ((part.flags & tsApi().TypeFlags.Never) !== 0) continue;
    if ((part.flags & (tsApi().TypeFlags.Null)) !== 0) return { kind: 'null' };
    if ((part.flags & (tsApi().TypeFlags.Undefined | tsApi().TypeFlags.Void)) !== 0) return { kind: 'undefined' };
    if ((part.flags & (tsApi().TypeFlags.StringLike | tsApi().TypeFlags.NumberLike | tsApi().TypeFlags.BooleanLike | tsApi().TypeFlags.BigIntLike | tsApi().TypeFlags.ESSymbolLike)) !== 0) {
      return { kind: 'primitive', name: typed.checker.typeToString(typed.checker.getBaseTypeOfLiteralType(part)) };
    }
    const facts = classFactsOfType(typed, part);
    if (facts === undefined || (facts.superClasses.length === 0 && !isBuiltinErrorName(facts.name) && part.getSymbol()?.getName() === '__object')) return { kind: 'object' };
    if (isDomainErrorClass(facts, settings)) continue;
    if (isBuiltinErrorName(facts.name)) return { kind: 'builtin-error', name: facts.name };
    // The chain stops at a base class the program cannot resolve: judged as without types.
    if (facts.superClassesKnown === false) return 'unresolved';
    return { kind: 'not-domain-error', name: facts.name };
  }
  return undefined;
}

/** The initializer of a `const` the identifier reads, if it has one. */
function constInitializer(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Expression | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
  const definition = variable?.defs[0];
  if (definition?.type !== TSESLint.Scope.DefinitionType.Variable || definition.parent.kind !== 'const') return undefined;
  const declarator = definition.node;
  return declarator.id.type === AST_NODE_TYPES.Identifier ? (declarator.init ?? undefined) : undefined;
}

/**
 * `throw 'x'` / `` throw `x ${id}` `` → `throw new NotFoundError('x')`; `throw new Error(a, b)` /
 * `throw Error(a)` → `throw new NotFoundError(a, b)`: one suggestion per visible domain error class.
 * None for other shapes (an object's fields do not map onto a constructor's parameters).
 */
function suggestionsFor(node: TSESTree.Node, classNames: readonly string[], sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.SuggestionReportDescriptor<MessageId>[] {
  const expression = skipWrappers(node);
  let replacement: ((name: string) => string) | undefined;
  if ((expression.type === AST_NODE_TYPES.Literal && typeof expression.value === 'string') || expression.type === AST_NODE_TYPES.TemplateLiteral) {
    const text = sourceCode.getText(expression);
    replacement = (name) => `new ${name}(${text})`;
  } else if ((expression.type === AST_NODE_TYPES.NewExpression || expression.type === AST_NODE_TYPES.CallExpression) && expression.callee.type === AST_NODE_TYPES.Identifier && isBuiltinErrorName(expression.callee.name)) {
    const args = expression.arguments.map((argument) => sourceCode.getText(argument)).join(', ');
    replacement = (name) => `new ${name}(${args})`;
  }
  if (replacement === undefined) return [];
  const replace = replacement;
  return classNames.map((name) => ({
    messageId: 'useDomainError' as const,
    data: { name },
    fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(expression, replace(name)),
  }));
}

/**
 * A function called where it is written and waited for there: a synchronous IIFE, or `await (async () => …)()`
 * (also inside `await Promise.race([…])` / `all` / `any` / `allSettled`). What it throws reaches the `try` around it.
 */
function isAwaitedInPlace(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || skipWrappers(call.callee) !== fn) return false;
  if (!fn.async) return true;
  let awaited: TSESTree.Node = call;
  if (call.parent.type === AST_NODE_TYPES.ArrayExpression) {
    const combinator = call.parent.parent;
    if (combinator.type !== AST_NODE_TYPES.CallExpression || !/^Promise\.(?:race|all|any|allSettled)$/.test(dottedName(combinator.callee))) return false;
    awaited = combinator;
  }
  return awaited.parent.type === AST_NODE_TYPES.AwaitExpression;
}

/**
 * A callback that runs while its call runs, so what it throws leaves that call: a synchronous array
 * callback (`ids.forEach((id) => { if (!valid(id)) throw … })`), or an async one handed to an awaited
 * transaction (`await this.em.transaction(async (em) => …)`), which rejects with the callback's error.
 */
function runsInPlace(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((arg) => skipWrappers(arg) === fn)) return false;
  const method = call.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(call.callee) : call.callee.type === AST_NODE_TYPES.Identifier ? call.callee.name : '';
  if (!fn.async) return call.callee.type === AST_NODE_TYPES.MemberExpression && IN_PLACE_ARRAY_CALLBACKS.has(method) && callsBackAtOnce(call.callee.object, sourceCode);
  return /transaction$/i.test(method) && call.parent.type === AST_NODE_TYPES.AwaitExpression;
}

const IN_PLACE_ARRAY_CALLBACKS: ReadonlySet<string> = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'reduce']);

/**
 * A receiver whose callbacks run at once, as an array's do: anything but what the code shows is a DB
 * cursor or a stream (`db.collection('rows').find(q).forEach(…)`, `cursor.forEach(…)`,
 * `readable.map(…)`), which calls back after the `try` has ended.
 */
function callsBackAtOnce(raw: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const method = node.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(node.callee) : node.callee.type === AST_NODE_TYPES.Identifier ? node.callee.name : '';
    return !CURSOR_METHODS.has(method) && !/(?:cursor|stream)$/i.test(method);
  }
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) {
    const name = node.type === AST_NODE_TYPES.Identifier ? node.name : propertyName(node);
    if (/(?:cursor|stream|readable)$/i.test(name)) return false;
    if (node.type === AST_NODE_TYPES.Identifier && depth === 0) {
      const declarator = ASTUtils.findVariable(sourceCode.getScope(node), node.name)?.defs[0]?.node;
      if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init != null) return callsBackAtOnce(declarator.init, sourceCode, depth + 1);
    }
  }
  return true;
}

/** Calls that answer a DB cursor or a stream, not an array. */
const CURSOR_METHODS: ReadonlySet<string> = new Set(['find', 'aggregate', 'stream', 'cursor', 'watch', 'listCollections', 'listIndexes', 'createReadStream', 'pipe', 'iterate']);

/** The handler of `.catch(handler)` chained straight onto the call a callback is handed to (`run(async () => …).catch((e) => …)`). */
function promiseCatchHandler(fn: FunctionNode): FunctionNode | undefined {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((arg) => skipWrappers(arg) === fn)) return undefined;
  const member = call.parent;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== call || propertyName(member) !== 'catch') return undefined;
  const catchCall = member.parent;
  const handler = catchCall.type === AST_NODE_TYPES.CallExpression && catchCall.callee === member ? catchCall.arguments[0] : undefined;
  return handler !== undefined && isFunction(handler) ? handler : undefined;
}

/** `switch (key) { case A: return …; case B: return …; } throw …`: the throw is the switch's default, written after it. */
function followsExhaustiveSwitch(report: TSESTree.Node): boolean {
  const statement = report.parent;
  if (statement?.type !== AST_NODE_TYPES.ThrowStatement || statement.parent.type !== AST_NODE_TYPES.BlockStatement) return false;
  const body = statement.parent.body;
  const previous = body[body.indexOf(statement) - 1];
  if (previous?.type !== AST_NODE_TYPES.SwitchStatement || previous.cases.length === 0 || previous.cases.some((branch) => branch.test === null)) return false;
  // Cases that fall through to the next one (`case A: case B: return …`) have no statements of their own.
  return previous.cases.every((branch) => {
    const last = branch.consequent.at(-1);
    return branch.consequent.length === 0 ? branch !== previous.cases.at(-1) : last !== undefined && alwaysExits(last);
  });
}

/**
 * The throw is the fallback of a dispatch written with `if`s instead of a `switch`: it follows two or
 * more `if`s that each return (`if (field.type === FieldType.Single) return …; if (field.type ===
 * FieldType.Multiple) return …; throw …`), or it is the final `else` of an `if (kind === 'a') … else
 * if (kind === 'b') … else throw …` chain whose branches do not throw. Every test compares the same
 * value with a different constant (a literal or a member of an enum-like object): the throw is the
 * `default:` of that dispatch, as after a switch. A dispatch over what a caller passed
 * (`if (data.entity === Entity.Org) … else throw new Error('Unsupported entity')` in a public method)
 * refuses the client's value and stays checked.
 */
function followsDispatchChain(report: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const statement = report.parent;
  if (statement?.type !== AST_NODE_TYPES.ThrowStatement) return false;
  const tests: TSESTree.Expression[] = [];
  const holder = statement.parent.type === AST_NODE_TYPES.BlockStatement && statement.parent.body.at(-1) === statement ? statement.parent : statement;
  if (holder.parent.type === AST_NODE_TYPES.IfStatement && holder.parent.alternate === holder) {
    // The final else of an else-if chain.
    for (let branch: TSESTree.IfStatement = holder.parent; ; branch = branch.parent) {
      // Branches that reject their cases (`if (kind === 'draft') throw …`) make a list of refusals, not a dispatch.
      if (endsWithThrow(branch.consequent)) return false;
      tests.push(branch.test);
      if (branch.parent.type !== AST_NODE_TYPES.IfStatement || branch.parent.alternate !== branch) break;
    }
  } else if (statement.parent.type === AST_NODE_TYPES.BlockStatement) {
    // Returning ifs right before the throw.
    const body = statement.parent.body;
    for (let at = body.indexOf(statement) - 1; at >= 0; at -= 1) {
      const previous = body[at];
      if (previous?.type !== AST_NODE_TYPES.IfStatement || previous.alternate !== null || !endsWithReturn(previous.consequent)) break;
      tests.push(previous.test);
    }
  }
  if (tests.length < 2) return false;
  const subjects = new Set<string>();
  const constants = new Set<string>();
  for (const test of tests) {
    for (const part of disjuncts(test)) {
      const comparison = skipWrappers(part);
      if (comparison.type !== AST_NODE_TYPES.BinaryExpression || (comparison.operator !== '===' && comparison.operator !== '==')) return false;
      const [subject, constant] = isConstant(comparison.right) ? [comparison.left, comparison.right] : [comparison.right, comparison.left];
      if (!isConstant(constant) || isConstant(subject)) return false;
      subjects.add(sourceCode.getText(subject));
      constants.add(sourceCode.getText(constant));
    }
  }
  const first = tests[0];
  return first !== undefined && subjects.size === 1 && constants.size >= 2 && !fromPublicParameter(subjectOf(first), sourceCode);
}

/** The non-constant side of a dispatch test's first comparison. */
function subjectOf(test: TSESTree.Expression): TSESTree.Node {
  const comparison = skipWrappers(disjuncts(test)[0] ?? test);
  if (comparison.type !== AST_NODE_TYPES.BinaryExpression) return comparison;
  return isConstant(comparison.right) ? comparison.left : comparison.right;
}

/**
 * The value is read from what a caller passed: a parameter of a function other than a private
 * method (`data.entity` of `createIssue(data: IssueInput)`), a private method's parameter that one of
 * the class's own calls fills from such a value (`this.rateFor(dto.carrier)` in a public method), or a
 * local initialised from one. A field of the object itself (`this.ormType`), a private method's
 * parameter its class fills only with its own values, and a local the function computed from neither
 * are the server's own values.
 */
function fromPublicParameter(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  const root = rootIdentifierOf(node);
  if (root === undefined) return false;
  const definition = ASTUtils.findVariable(sourceCode.getScope(root), root.name)?.defs[0];
  if (definition === undefined) return false;
  if (definition.type === TSESLint.Scope.DefinitionType.Parameter) {
    const method = definition.node.parent;
    if (!(method.type === AST_NODE_TYPES.MethodDefinition && (method.accessibility === 'private' || method.key.type === AST_NODE_TYPES.PrivateIdentifier))) return true;
    return depth <= 2 && privateArgumentsOf(method, definition.name, sourceCode).some((arg) => fromPublicParameter(arg, sourceCode, depth + 1));
  }
  if (definition.type !== TSESLint.Scope.DefinitionType.Variable || definition.node.init == null || depth > 2) return false;
  // `const report = await getReportById(ctx, id)`: a stored record, keyed by the caller's id but holding
  // the server's data; a dispatch over its fields is over the server's own values.
  if (readsStoredRecord(definition.node.init)) return false;
  let reads = false;
  walk(definition.node.init, (child) => {
    if (!reads && child.type === AST_NODE_TYPES.Identifier && isReference(child)) reads = fromPublicParameter(child, sourceCode, depth + 1);
    return !reads;
  });
  return reads;
}

/** A call, awaited or not, that reads one stored record by its name (`findUnique`, `getReportById`). */
function readsStoredRecord(init: TSESTree.Node): boolean {
  const call = skipWrappers(init.type === AST_NODE_TYPES.AwaitExpression ? init.argument : init);
  return call.type === AST_NODE_TYPES.CallExpression && readsOneStoredRecord(chainNames(call.callee).at(-1) ?? '');
}

/**
 * What the class's own calls of a private method pass for one of its parameters (the argument at that
 * parameter's position in each `this.rateFor(…)`); none when it has no caller in the file or is used
 * other than by a call.
 */
function privateArgumentsOf(method: TSESTree.MethodDefinition, parameter: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node[] {
  const index = method.value.params.findIndex((param) => param.range[0] <= parameter.range[0] && parameter.range[1] <= param.range[1]);
  if (index === -1 || method.value.type !== AST_NODE_TYPES.FunctionExpression) return [];
  return (callSitesInFile(method.value, sourceCode) ?? []).flatMap((callee) => {
    const call = callee.parent;
    const arg = call?.type === AST_NODE_TYPES.CallExpression ? call.arguments[index] : undefined;
    if (arg === undefined) return [];
    return [arg.type === AST_NODE_TYPES.SpreadElement ? arg.argument : arg];
  });
}

/** The branch ends by returning (`return …`, `{ …; return …; }`). */
function endsWithReturn(statement: TSESTree.Statement): boolean {
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-1) : statement;
  return last?.type === AST_NODE_TYPES.ReturnStatement;
}

/** The branch ends by throwing. */
function endsWithThrow(statement: TSESTree.Statement): boolean {
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-1) : statement;
  return last?.type === AST_NODE_TYPES.ThrowStatement;
}

/** A literal (not null), or a member of an enum-like object (`FieldType.SingleSelect`, `Kind.A.B`). */
function isConstant(node: TSESTree.Node): boolean {
  const value = skipWrappers(node);
  if (value.type === AST_NODE_TYPES.Literal) return value.value !== null;
  if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed) return false;
  const root = rootIdentifierOf(value);
  return root !== undefined && /^[A-Z]/.test(root.name) && value.property.type === AST_NODE_TYPES.Identifier;
}

/** The `if`s whose consequent holds the throw (`if (!x) throw …`, `if (!x) { if (alias) throw …; throw … }`), within the same function. */
function guardingIfs(report: TSESTree.Node): TSESTree.IfStatement[] {
  const guards: TSESTree.IfStatement[] = [];
  let child: TSESTree.Node = report;
  for (let current: TSESTree.Node | undefined = report.parent; current != null && !isFunction(current); child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child) guards.push(current);
  }
  return guards;
}

/**
 * What a presence guard tests: `x` in `!x`, `x == null`, `x === undefined`; with `either`, also
 * `x != null`, `x !== undefined`. Undefined for any other condition.
 */
function presenceTested(condition: TSESTree.Expression, polarity: 'absent' | 'either' = 'absent'): TSESTree.Node | undefined {
  const test = skipWrappers(condition);
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') return skipWrappers(test.argument);
  if (test.type === AST_NODE_TYPES.BinaryExpression && /^[!=]==?$/.test(test.operator) && (polarity === 'either' || test.operator.startsWith('=')) && isNullish(test.right)) return skipWrappers(test.left);
  return undefined;
}

/**
 * `envelope.items[0].id`, `result.owner.profile`: a field of a row loaded with a record, reached by
 * names and literal indexes only (at least two steps), ending in a name. Its root identifier;
 * undefined for any other shape (`res.rows[0]`: a row of a result; `items[index]`: an item the code
 * picked by a key; `order.customer`: a relation of the record itself).
 */
function memberOfRecord(node: TSESTree.Node): TSESTree.Identifier | undefined {
  const chain = skipWrappers(node);
  if (chain.type !== AST_NODE_TYPES.MemberExpression || chain.computed) return undefined;
  let current: TSESTree.Node = chain;
  let steps = 0;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    if (current.computed && current.property.type !== AST_NODE_TYPES.Literal) return undefined;
    steps += 1;
    current = skipWrappers(current.object);
  }
  return current.type === AST_NODE_TYPES.Identifier && steps >= 2 ? current : undefined;
}

/**
 * The `if` over the throw tests a parameter's entry in a module constant typed as a table over the
 * parameter's own type (`const LIMITS: Record<Plan, number> = {…}`; `limitOf(plan: Plan)` …
 * `if (!plan || !LIMITS[plan]) throw …`): the declarations already promise an entry for every value
 * the parameter can hold, so the guard fires only for a caller that went around the types — an
 * assertion on a closed set, not a client's mistake. A table keyed by `string`, or a key the function
 * did not receive with that type, promises nothing.
 */
function guardsTotalTableLookup(report: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return guardingIfs(report).some((guard) => {
    let lookup = false;
    for (const part of disjuncts(guard.test)) {
      const tested = presenceTested(part);
      if (tested?.type === AST_NODE_TYPES.Identifier && parameterType(tested, sourceCode) !== undefined) continue;
      if (tested?.type !== AST_NODE_TYPES.MemberExpression || !tested.computed) return false;
      const table = skipWrappers(tested.object);
      const key = skipWrappers(tested.property);
      const keyType = key.type === AST_NODE_TYPES.Identifier ? parameterType(key, sourceCode) : undefined;
      if (table.type !== AST_NODE_TYPES.Identifier || keyType === undefined || tableKeyType(table, sourceCode) !== keyType) return false;
      lookup = true;
    }
    return lookup;
  });
}

/** `a && b && c`: its operands; any other condition is its own single operand. */
function conjuncts(condition: TSESTree.Expression): TSESTree.Expression[] {
  return condition.type === AST_NODE_TYPES.LogicalExpression && condition.operator === '&&' ? [...conjuncts(condition.left), ...conjuncts(condition.right)] : [condition];
}

/** What a condition requires to be present: `x` in `x`, `x != null`, `x !== undefined`. */
function presentTested(condition: TSESTree.Expression): TSESTree.Node | undefined {
  const test = skipWrappers(condition);
  if (test.type === AST_NODE_TYPES.Identifier) return test;
  if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '!=' || test.operator === '!==') && isNullish(test.right)) return skipWrappers(test.left);
  return undefined;
}

/** `a || b || c`: its operands; any other condition is its own single operand. */
function disjuncts(condition: TSESTree.Expression): TSESTree.Expression[] {
  return condition.type === AST_NODE_TYPES.LogicalExpression && condition.operator === '||' ? [...disjuncts(condition.left), ...disjuncts(condition.right)] : [condition];
}

/** The named type a parameter is declared with (`plan: Plan` → `Plan`); undefined for keywords (`string`), unions written out and unannotated parameters. */
function parameterType(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const definition = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name)?.defs[0];
  if (definition?.type !== TSESLint.Scope.DefinitionType.Parameter || definition.name.type !== AST_NODE_TYPES.Identifier) return undefined;
  const annotation = definition.name.typeAnnotation?.typeAnnotation;
  return annotation?.type === AST_NODE_TYPES.TSTypeReference ? sourceCode.getText(annotation) : undefined;
}

/** The key type of a module-level `const` typed `Record<K, V>` or `{ [key in K]: V }` (not optional): `K`'s text. */
function tableKeyType(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
  const definition = variable?.defs[0];
  if (definition?.type !== TSESLint.Scope.DefinitionType.Variable || definition.parent.kind !== 'const' || variable?.scope.block.type !== AST_NODE_TYPES.Program) return undefined;
  const annotation = definition.node.id.type === AST_NODE_TYPES.Identifier ? definition.node.id.typeAnnotation?.typeAnnotation : undefined;
  if (annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && annotation.typeName.name === 'Record') {
    const key = annotation.typeArguments?.params[0];
    return key?.type === AST_NODE_TYPES.TSTypeReference ? sourceCode.getText(key) : undefined;
  }
  if (annotation?.type === AST_NODE_TYPES.TSMappedType && annotation.optional !== true && annotation.optional !== '+') {
    const constraint = annotation.constraint;
    return constraint.type === AST_NODE_TYPES.TSTypeReference ? sourceCode.getText(constraint) : undefined;
  }
  return undefined;
}

/** `throw error` or `{ throw error; }`: the statement rethrows the caught value unchanged. */
function rethrows(statement: TSESTree.Statement, name: string): boolean {
  const only = statement.type === AST_NODE_TYPES.BlockStatement && statement.body.length === 1 ? statement.body[0] : statement;
  const thrown = only?.type === AST_NODE_TYPES.ThrowStatement ? skipWrappers(only.argument) : undefined;
  return thrown?.type === AST_NODE_TYPES.Identifier && thrown.name === name;
}

/** `rows.map(…)`: the identifier of the rows mapped. */
function mappedRows(node: TSESTree.Node): TSESTree.Identifier | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || node.callee.property.type !== AST_NODE_TYPES.Identifier || node.callee.property.name !== 'map') return undefined;
  const rows = skipWrappers(node.callee.object);
  return rows.type === AST_NODE_TYPES.Identifier ? rows : undefined;
}

/** Some node within `node` (itself included) satisfies `test`. */
function contains(node: TSESTree.Node, test: (child: TSESTree.Node) => boolean): boolean {
  let found = false;
  walk(node, (child) => {
    if (!found && test(child)) found = true;
    return !found;
  });
  return found;
}

/** An identifier that reads a variable: not a property name (`row.id`, `{ id: … }`). */
function isReference(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === identifier && !parent.computed) return false;
  return !(parent.type === AST_NODE_TYPES.Property && parent.key === identifier && !parent.computed && parent.value !== identifier);
}

/** What a guard's condition is about: what it tests for presence, the left side of a comparison (`rows.length !== 1`), or the condition itself. */
function guardSubject(condition: TSESTree.Expression): TSESTree.Node {
  const tested = testedValue(condition);
  return tested.type === AST_NODE_TYPES.BinaryExpression && /^(?:[!=]==?|[<>]=?)$/.test(tested.operator) ? skipWrappers(tested.left) : tested;
}

/** What a guard's condition tests for presence or absence (`presenceTested`), or the condition itself. */
function testedValue(condition: TSESTree.Expression): TSESTree.Node {
  return presenceTested(condition, 'either') ?? skipWrappers(condition);
}


/** The value `name` was last given by a statement before `statement` in the same block: `const x = …` or `x = …`. */
function lastValueBefore(statement: TSESTree.Statement, name: string): TSESTree.Expression | undefined {
  const block = statement.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const before = block.body.slice(0, block.body.indexOf(statement)).reverse();
  for (const previous of before) {
    if (previous.type === AST_NODE_TYPES.VariableDeclaration) {
      const declarator = previous.declarations.find((candidate) => candidate.id.type === AST_NODE_TYPES.Identifier && candidate.id.name === name);
      if (declarator !== undefined) return declarator.init ?? undefined;
    }
    if (previous.type === AST_NODE_TYPES.ExpressionStatement && previous.expression.type === AST_NODE_TYPES.AssignmentExpression && previous.expression.operator === '=' && previous.expression.left.type === AST_NODE_TYPES.Identifier && previous.expression.left.name === name) return previous.expression.right;
  }
  return undefined;
}

/**
 * `Registry.getWorkflow(id)`, `this.getServiceConfig(name)`, `this.handlers.get(name)`, `this.services.has(name)`:
 * a call (not awaited) with one key of a `get…` / `has` method of a class's static registry, of a
 * synchronous method the class declares, or of a `Map` / `Set` field the class declares.
 */
function isRegistryLookup(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || node.callee.property.type !== AST_NODE_TYPES.Identifier) return false;
  const method = node.callee.property.name;
  // A lookup by one key; `Flow.getStepByAction(flow, action)` searches the data it is given.
  if (!/^(?:get|has)(?:[A-Z]\w*)?$/.test(method) || node.arguments.length !== 1) return false;
  const receiver = skipWrappers(node.callee.object);
  if (receiver.type === AST_NODE_TYPES.Identifier) return /^[A-Z][a-z]\w*$/.test(receiver.name);
  const owner = enclosingClass(node);
  if (owner === undefined) return false;
  if (receiver.type === AST_NODE_TYPES.ThisExpression) {
    return owner.body.body.some((member) => member.type === AST_NODE_TYPES.MethodDefinition && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === method && !member.value.async);
  }
  if (receiver.type !== AST_NODE_TYPES.MemberExpression || skipWrappers(receiver.object).type !== AST_NODE_TYPES.ThisExpression || receiver.property.type !== AST_NODE_TYPES.Identifier) return false;
  const field = receiver.property.name;
  return owner.body.body.some((member) => member.type === AST_NODE_TYPES.PropertyDefinition && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === field && isInMemoryCollection(member));
}

/** A field declared as a `Map` / `Set` (its type or its `new Map()` initialiser). */
function isInMemoryCollection(field: TSESTree.PropertyDefinition): boolean {
  const annotation = field.typeAnnotation?.typeAnnotation;
  const typeName = annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier ? annotation.typeName.name : '';
  const value = field.value === null ? undefined : skipWrappers(field.value);
  const created = value?.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier ? value.callee.name : '';
  return /^(?:Map|Set|ReadonlyMap|ReadonlySet)$/.test(typeName) || /^(?:Map|Set)$/.test(created);
}

function enclosingClass(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return current;
  }
  return undefined;
}

/** The flag an assignment sets: `FLAG = …` or `globalThis.FLAG = …`. */
function flagName(target: TSESTree.Node): string | undefined {
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && target.object.type === AST_NODE_TYPES.Identifier && target.object.name === 'globalThis' && target.property.type === AST_NODE_TYPES.Identifier) return target.property.name;
  return undefined;
}

/** The name of a function that shuts a resource down: `endPool`, `close`, `shutdown`, `stopServer`, `dispose`. */
const SHUTDOWN = /^(?:end|close|shutdown|shutDown|stop|destroy|dispose|teardown|terminate|disconnect)(?:[A-Z_]\w*)?$/;

/** A message saying that something is absent: `'Missing document data'`, `'Can not find host'`. */
const MISSING = /\b(?:missing|not found|no such|does not exist|doesn't exist|can ?not find|could not find|couldn't find|unable to find)\b/i;

/** `throw new NotFound(`, `reject(new errors.Conflict(`: the class a file throws. */
const THROWN_CLASS = /\b(?:throw|reject\()\s*new\s+([A-Z][\w$]*(?:\.[A-Z][\w$]*)?)\s*\(/g;

/** `{ errorCode: SignupErrorCode.InvalidEmail }`: the object's `errorCode` is a member of a PascalCase set of codes (an enum, a constant object). */
function errorCodeIsConstant(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== 'errorCode') return false;
    const value = skipWrappers(property.value);
    return value.type === AST_NODE_TYPES.MemberExpression && !value.computed && value.object.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(value.object.name);
  });
}

/** The name of the class whose constructor `node` is directly in (not in a function nested in it). */
function constructorClassOf(node: TSESTree.Node): string | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (!isFunction(current)) continue;
    const method = current.parent;
    if (method.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'constructor') return undefined;
    return method.parent.parent.id?.name;
  }
  return undefined;
}

/** The keys an object literal writes (`{ status_code: 403, body }` → status_code, body); spreads and computed keys aside. */
function objectKeys(object: TSESTree.ObjectExpression): string[] {
  return object.properties.flatMap((property) => {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) return [];
    return property.key.type === AST_NODE_TYPES.Identifier ? [property.key.name] : [String(property.key.value)];
  });
}

/** Packages a GraphQL server's resolvers are written with (type-graphql, Apollo, graphql-js, Mercurius). */
const GRAPHQL_SERVER_PACKAGES: ReadonlySet<string> = new Set(['type-graphql', 'graphql', '@apollo/server', 'apollo-server', 'apollo-server-express', 'apollo-server-core', 'mercurius', '@graphql-tools/schema']);

/** GraphQL Yoga and Envelop mask errors that are no GraphQLError by default ("Unexpected error."): there the class decides what the client reads. */
const MASKING_GRAPHQL_PACKAGES = /^(?:graphql-yoga|@graphql-yoga\/|@envelop\/)/;

/** The root types of a resolver map (`{ Query: { … }, Mutation: { … } }`). */
const RESOLVER_ROOTS: ReadonlySet<string> = new Set(['Query', 'Mutation', 'Subscription']);
