import path from 'node:path';
import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isAdminOnlyDecorator } from '../src/core/classify/auth.js';
import { isNestRouteDecorator } from '../src/core/classify/layer.js';
import { classifyResponseSend, isErrorDetailField, isNestHttpExceptionName, isResponseBodyTarget, isServerFunctionDirective, majorOfRange, nestSecondArgumentReach, serializesArgument, serializesReceiver, type NestSecondArgumentShape } from '../src/core/classify/response.js';
import { declaredVersionOf } from '../src/core/package-dependencies.js';
import { RESPONSE_RECEIVER_NAMES } from '../src/core/catalogs/responses.js';
import { hidesServerErrorsInProduction, holdsInProduction, isDevOnlyCondition, showsDetailsOnlyForClientStatusesInProduction } from '../src/core/classify/code-context.js';
import { outsideRequestPath } from '../src/eslint/code-context.js';
import { decoratorNames, fileLayers } from '../src/eslint/layers.js';
import { createRule } from '../src/eslint/create-rule.js';
import { isChosenErrorSelection, isClientSubmissionVerifierCall, isClientSubmissionVerifierMethod, isWebhookSignatureCheck, triesOnlyValidation } from '../src/core/classify/errors.js';
import { errorClassIndex, isNarrowedToDomainError, isReceivedError, typeIsDomainError, type ErrorClassIndex } from '../src/eslint/errors.js';
import { alwaysExits, isFunction, walk, type FunctionNode } from '../src/eslint/ast.js';
import { buildChain, chainNames, dottedName, isOutermostChain, localFunctionNamed, parentOf, propertyName, skipWrappers } from '../src/eslint/facts.js';
import { localCallee } from '../src/eslint/functions.js';
import { memberBinding } from '../src/eslint/bindings.js';
import { insideLogCall } from '../src/eslint/logs.js';
import { settingsOf } from '../src/eslint/settings.js';
import { resolverFor, typedContext } from '../src/eslint/typed.js';

export type Options = [
  {
    /** Report error values returned from NestJS route handlers and passed into NestJS HTTP exceptions. */
    checkNestHandlers?: boolean;
  },
];
export type MessageId = 'errorDetailsInResponse';

interface Leak {
  readonly node: TSESTree.Node;
  readonly text: string;
}

const RECEIVERS: ReadonlySet<string> = new Set(Object.values(RESPONSE_RECEIVER_NAMES).flat());
/** Methods whose result says something about a message without carrying its text. */
const PREDICATE_METHODS: ReadonlySet<string> = new Set(['includes', 'startsWith', 'endsWith', 'indexOf', 'test', 'localeCompare', 'length']);
const MAX_DEPTH = 6;

export default createRule<Options, MessageId>({
  name: 'no-error-details-in-response',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow sending stack traces, raw errors, error messages or SQL of unexpected errors in HTTP responses',
    },
    messages: {
      errorDetailsInResponse:
        "This response sends {{details}} of an unexpected error, which exposes internals (stack traces, SQL, hosts) to clients. Log the full error with a request id and send a generic message with that id, or narrow it to a domain error first.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkNestHandlers: {
            type: 'boolean',
            description: 'Report errors returned from NestJS route handlers or passed into NestJS HTTP exceptions (HttpException, InternalServerErrorException, …).',
          },
        },
      },
    ],
    defaultOptions: [{ checkNestHandlers: true }],
  },
  create(context, [options]) {
    const settings = settingsOf(context);
    const typed = typedContext(context);
    const { sourceCode } = context;
    let classes: ErrorClassIndex | undefined;
    const index = (): ErrorClassIndex => (classes ??= errorClassIndex(sourceCode, settings, typed));
    let nestMajor: { readonly major: number | undefined } | undefined;
    /** The major version of `@nestjs/common` the file's package declares, undefined when unknown. */
    const nestMajorVersion = (): number | undefined =>
      (nestMajor ??= { major: path.isAbsolute(context.filename) ? majorOfRange(declaredVersionOf(path.dirname(context.filename), '@nestjs/common')) : undefined }).major;

    /**
     * The arguments of `new XException(…)` that reach the response body: the first, and of the
     * second what `nestSecondArgumentReach` says (`new BadRequestException('Failed', error)` passes
     * the caught error as options, kept as the exception's cause and never sent).
     */
    function exceptionBodyArguments(node: TSESTree.NewExpression): TSESTree.Node[] {
      const [first, second, ...rest] = node.arguments;
      if (first === undefined) return [];
      if (second === undefined) return [first];
      const firstValue = skipWrappers(first);
      const secondValue = skipWrappers(second);
      const shape: NestSecondArgumentShape =
        secondValue.type === AST_NODE_TYPES.ObjectExpression ? 'object-literal' : secondValue.type === AST_NODE_TYPES.Identifier && isReceivedError(secondValue, sourceCode) ? 'received-error' : 'other';
      // Nest builds `{ statusCode, message: first, error: description }` for a string or an array; only an object is the whole body.
      const firstIsObject = firstValue.type === AST_NODE_TYPES.ObjectExpression;
      const reach = nestSecondArgumentReach(dottedName(node.callee), firstIsObject, shape, nestMajorVersion());
      if (reach === 'all') return [first, second, ...rest];
      if (reach === 'none' || secondValue.type !== AST_NODE_TYPES.ObjectExpression) return [first];
      const descriptions = secondValue.properties.flatMap((property) =>
        property.type === AST_NODE_TYPES.Property && !property.computed && propertyKeyName(property.key) === 'description' ? [property.value] : []);
      return [first, ...descriptions];
    }

    function checkPayload(payloads: readonly TSESTree.Node[]): void {
      const at = payloads[0];
      if (at === undefined || adminOnlyRoute(at) || onlyWithoutNext(at)) return;
      // A message, or the error whole, in a branch production shows for client statuses only; never its stack or a driver's fields.
      const leaks = payloads.flatMap((payload) => findLeaks(payload, 0, new Set())).filter((leak) => !(/^[\w$]+(?:\.message)?$/.test(leak.text) && shownOnlyForClientErrorsInProduction(leak.node)));
      const first = leaks[0];
      if (first === undefined) return;
      const details = [...new Set(leaks.map((leak) => `'${leak.text}'`))].join(', ');
      context.report({ node: first.node, messageId: 'errorDetailsInResponse', data: { details } });
    }

    /**
     * In the other branch of a test that, in production, answers the server's own failures with
     * another body (core `hidesServerErrorsInProduction`: `NODE_ENV === 'production' && status >= 500
     * ? { message: 'Something went wrong' } : { message: err.message }`), or the taken branch of the
     * test written the other way round (`ctx.status < 500 || NODE_ENV !== 'production'`, core
     * `showsDetailsOnlyForClientStatusesInProduction`): there the message reaches a client only for an
     * error given a client status on purpose.
     */
    function shownOnlyForClientErrorsInProduction(node: TSESTree.Node): boolean {
      let child: TSESTree.Node = node;
      for (let current: TSESTree.Node | null | undefined = node.parent; current != null; child = current, current = current.parent) {
        if (current.type === AST_NODE_TYPES.ConditionalExpression || current.type === AST_NODE_TYPES.IfStatement) {
          const test = sourceCode.getText(current.test);
          if (child === current.alternate ? hidesServerErrorsInProduction(test) : child === current.consequent && showsDetailsOnlyForClientStatusesInProduction(test)) return true;
        }
        if (isFunction(current)) return false;
      }
      return false;
    }

    /** The error-carrying parts of a response payload. */
    function findLeaks(raw: TSESTree.Node, depth: number, followed: Set<string>): Leak[] {
      if (depth > MAX_DEPTH) return [];
      const node = skipWrappers(raw);
      switch (node.type) {
        case AST_NODE_TYPES.Identifier: {
          if (isUnexpectedError(node, node)) return [{ node, text: node.name }];
          return followConst(node, depth, followed);
        }
        case AST_NODE_TYPES.MemberExpression:
        case AST_NODE_TYPES.CallExpression:
          return chainLeak(node, depth, followed);
        case AST_NODE_TYPES.ObjectExpression:
          return node.properties.flatMap((property) =>
            property.type === AST_NODE_TYPES.SpreadElement ? findLeaks(property.argument, depth + 1, followed) : property.computed && property.key.type !== AST_NODE_TYPES.Literal ? [] : findLeaks(property.value, depth + 1, followed));
        case AST_NODE_TYPES.ArrayExpression:
          return node.elements.flatMap((element) => (element === null ? [] : findLeaks(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, depth + 1, followed)));
        case AST_NODE_TYPES.TemplateLiteral:
          return node.expressions.flatMap((expression) => findLeaks(expression, depth + 1, followed));
        case AST_NODE_TYPES.BinaryExpression:
          return node.operator === '+' ? [...findLeaks(node.left, depth + 1, followed), ...findLeaks(node.right, depth + 1, followed)] : [];
        case AST_NODE_TYPES.LogicalExpression:
          return [...(node.operator === '&&' ? [] : findLeaks(node.left, depth + 1, followed)), ...findLeaks(node.right, depth + 1, followed)];
        case AST_NODE_TYPES.ConditionalExpression: {
          // `NODE_ENV === 'development' ? { stack: err.stack } : {}`: a branch production never takes sends nothing.
          const test = sourceCode.getText(node.test);
          return [
            ...(isDevOnlyCondition(test) ? [] : findLeaks(node.consequent, depth + 1, followed)),
            ...(holdsInProduction(test) ? [] : findLeaks(node.alternate, depth + 1, followed)),
          ];
        }
        case AST_NODE_TYPES.AwaitExpression:
          return findLeaks(node.argument, depth + 1, followed);
        default:
          return [];
      }
    }

    /** `err.stack`, `err.original.sql`, `err.message.slice(0, 80)`, `JSON.stringify(err)`, `err.toString()`. */
    function chainLeak(node: TSESTree.MemberExpression | TSESTree.CallExpression, depth: number, followed: Set<string>): Leak[] {
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const callee = skipWrappers(node.callee);
        const names = chainNames(callee);
        if (serializesArgument(names)) {
          return node.arguments.flatMap((argument) => {
            const value = skipWrappers(argument);
            if (value.type === AST_NODE_TYPES.Identifier && isUnexpectedError(value, value)) return [{ node, text: `${dottedName(callee)}(${value.name})` }];
            return findLeaks(value, depth + 1, followed);
          });
        }
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const receiver = skipWrappers(callee.object);
          const method = propertyName(callee);
          if (receiver.type === AST_NODE_TYPES.Identifier && serializesReceiver(method) && isUnexpectedError(receiver, receiver)) return [{ node, text: `${receiver.name}.${method}()` }];
          if (PREDICATE_METHODS.has(method)) return [];
          return receiver.type === AST_NODE_TYPES.MemberExpression ? chainLeak(receiver, depth + 1, followed) : [];
        }
        return [];
      }
      // Walk down to the error: `err.original.sql` → object `err`, first field `original`.
      let member: TSESTree.MemberExpression = node;
      for (;;) {
        const object = skipWrappers(member.object);
        if (object.type === AST_NODE_TYPES.MemberExpression) {
          if (PREDICATE_METHODS.has(propertyName(member))) return [];
          member = object;
          continue;
        }
        if (object.type !== AST_NODE_TYPES.Identifier) return [];
        if (PREDICATE_METHODS.has(propertyName(node))) return [];
        const field = propertyName(member);
        if (!isErrorDetailField(field) || !isUnexpectedError(object, node)) return [];
        return [{ node, text: sourceCode.getText(node).length <= 40 ? sourceCode.getText(node) : `${object.name}.${field}` }];
      }
    }

    /** `const message = err.message; res.json({ message })`: follow a local `const` once. */
    function followConst(identifier: TSESTree.Identifier, depth: number, followed: Set<string>): Leak[] {
      if (followed.has(identifier.name)) return [];
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
      const definition = variable?.defs[0];
      if (definition?.type !== TSESLint.Scope.DefinitionType.Variable || definition.parent.kind !== 'const') return [];
      const declarator = definition.node;
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init == null) return [];
      followed.add(identifier.name);
      const init = skipWrappers(declarator.init);
      if (init.type === AST_NODE_TYPES.ObjectExpression) {
        const leaking = init.properties.some((property) => {
          if (findLeaks(property.type === AST_NODE_TYPES.Property ? property.value : property.argument, depth + 1, followed).length === 0) return false;
          const key = property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
          return key === undefined || !overwrittenByDefault(declarator, identifier, key);
        });
        return leaking ? [{ node: identifier, text: identifier.name }] : [];
      }
      return findLeaks(declarator.init, depth + 1, followed).length > 0 ? [{ node: identifier, text: identifier.name }] : [];
    }

    /**
     * A central handler that maps known errors by a `switch` on the error's type and, in its
     * `default`, overwrites the field with a fixed value (`errObj.message = 'An unknown error
     * occurred.'`) between building the body and sending it: only the known errors keep their text.
     */
    function overwrittenByDefault(declarator: TSESTree.VariableDeclarator, sent: TSESTree.Identifier, key: string): boolean {
      const block = declarator.parent.parent;
      if (block.type !== AST_NODE_TYPES.BlockStatement || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
      const objectName = declarator.id.name;
      return block.body.some((statement) => {
        if (statement.type !== AST_NODE_TYPES.SwitchStatement || statement.range[0] < declarator.range[1] || statement.range[1] > sent.range[0]) return false;
        if (!mentionsReceivedError(statement.discriminant, 0)) return false;
        const fallback = statement.cases.find((switchCase) => switchCase.test === null);
        return fallback?.consequent.some((inner) => {
          if (inner.type !== AST_NODE_TYPES.ExpressionStatement || inner.expression.type !== AST_NODE_TYPES.AssignmentExpression || inner.expression.operator !== '=') return false;
          const target = inner.expression.left;
          if (target.type !== AST_NODE_TYPES.MemberExpression || dottedName(target.object) !== objectName || propertyName(target) !== key) return false;
          return findLeaks(inner.expression.right, 0, new Set()).length === 0;
        }) === true;
      });
    }

    /** `err.type`, `err.type || err.name`, or a `const` initialised so: the expression reads a received error. */
    function mentionsReceivedError(raw: TSESTree.Node, depth: number): boolean {
      const node = skipWrappers(raw);
      if (depth > 2) return false;
      switch (node.type) {
        case AST_NODE_TYPES.MemberExpression: {
          const root = skipWrappers(node.object);
          return root.type === AST_NODE_TYPES.Identifier ? isReceivedError(root, sourceCode) : mentionsReceivedError(root, depth);
        }
        case AST_NODE_TYPES.LogicalExpression:
          return mentionsReceivedError(node.left, depth) || mentionsReceivedError(node.right, depth);
        case AST_NODE_TYPES.Identifier: {
          const definition = ASTUtils.findVariable(sourceCode.getScope(node), node.name)?.defs[0];
          return definition?.type === TSESLint.Scope.DefinitionType.Variable && definition.parent.kind === 'const' && definition.node.init != null && mentionsReceivedError(definition.node.init, depth + 1);
        }
        default:
          return false;
      }
    }

    /**
     * `throw new ConflictException(error)` that never reaches a response: thrown inside a `try` (or
     * inside a callback awaited inside one, `await prisma.$transaction(async (tx) => { … })`) whose
     * `catch` neither rethrows nor passes the error on (it returns a fixed value, logs, or throws a
     * fixed error). A `catch` that only rethrows its error (`throw e`) lets it through to the next one.
     */
    function isCaughtBeforeResponse(node: TSESTree.NewExpression): boolean {
      const thrown = parentOf(node);
      if (thrown?.type !== AST_NODE_TYPES.ThrowStatement) return false;
      let child: TSESTree.Node = thrown;
      for (let current: TSESTree.Node | undefined = thrown.parent; current != null; child = current, current = current.parent) {
        if (current.type === AST_NODE_TYPES.TryStatement && child === current.block && current.handler !== null) {
          const outcome = catchOutcome(current.handler);
          if (outcome === 'swallows') return true;
          if (outcome === 'passes-on') return false;
          continue;
        }
        if (isFunction(current)) {
          const call = parentOf(current);
          if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(current as TSESTree.CallExpressionArgument) || parentOf(call)?.type !== AST_NODE_TYPES.AwaitExpression) return false;
          current = call;
        }
      }
      return false;
    }

    /** What a `catch` does with its error: drops it (`swallows`), only rethrows it as is (`rethrows`), or uses it otherwise (`passes-on`). */
    function catchOutcome(handler: TSESTree.CatchClause): 'swallows' | 'rethrows' | 'passes-on' {
      const param = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param : undefined;
      const variable = param === undefined ? undefined : sourceCode.getDeclaredVariables(handler).find((candidate) => candidate.name === param.name);
      let rethrows = false;
      for (const reference of variable?.references ?? []) {
        const parent = parentOf(reference.identifier);
        if (parent?.type === AST_NODE_TYPES.ThrowStatement) {
          rethrows = true;
          continue;
        }
        if (!insideLogCall(reference.identifier, { sourceCode, settings, typed }) && !onlyTested(reference.identifier)) return 'passes-on';
      }
      return rethrows ? 'rethrows' : 'swallows';
    }

    /** `error.code !== 'P2034'`, `err instanceof X`: the error is only tested, its content goes nowhere. */
    function onlyTested(identifier: TSESTree.Node): boolean {
      let value: TSESTree.Node = identifier;
      let parent = parentOf(value);
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value) {
        value = parent;
        parent = parentOf(value);
      }
      return parent?.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!=', 'instanceof'].includes(parent.operator);
    }

    /** In a route handler that admits administrators only: error details there are an operator's diagnostics. */
    function adminOnlyRoute(node: TSESTree.Node): boolean {
      for (let current = node.parent; current != null; current = current.parent) {
        if (current.type !== AST_NODE_TYPES.MethodDefinition) continue;
        const decorators = [...current.decorators, ...(current.parent.parent.type === AST_NODE_TYPES.ClassDeclaration ? current.parent.parent.decorators : [])];
        return decorators.some((decorator) => isAdminOnlyDecorator(sourceCode.getText(decorator)));
      }
      return false;
    }

    /**
     * `next ? next(err) : res.status(401).json(err)`, `if (next) return next(err); res.json(err)`:
     * the response is sent only when the route handler's own `next` parameter is missing, and
     * Express passes `next` to every route handler, so that branch never runs.
     */
    function onlyWithoutNext(node: TSESTree.Node): boolean {
      let child: TSESTree.Node = node;
      for (let current = node.parent; current != null; child = current, current = current.parent) {
        switch (current.type) {
          case AST_NODE_TYPES.IfStatement:
          case AST_NODE_TYPES.ConditionalExpression:
            if (child === current.alternate && testsHandlersNext(current.test, true)) return true;
            if (child === current.consequent && testsHandlersNext(current.test, false)) return true;
            break;
          case AST_NODE_TYPES.BlockStatement:
            for (const statement of current.body) {
              if (statement === child) break;
              if (statement.type === AST_NODE_TYPES.IfStatement && statement.alternate === null && alwaysExits(statement.consequent) && testsHandlersNext(statement.test, true)) return true;
            }
            break;
          default:
            break;
        }
      }
      return false;
    }

    /** `next` (or `!next` when `present` is false) where `next` is the third parameter of a route handler this file registers. */
    function testsHandlersNext(raw: TSESTree.Node, present: boolean): boolean {
      const test = skipWrappers(raw);
      if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') return testsHandlersNext(test.argument, !present);
      if (!present || test.type !== AST_NODE_TYPES.Identifier) return false;
      const definition = ASTUtils.findVariable(sourceCode.getScope(test), test.name)?.defs[0];
      if (definition?.type !== TSESLint.Scope.DefinitionType.Parameter || !isFunction(definition.node)) return false;
      const fn = definition.node;
      const third = fn.params[2];
      if (fn.params.length !== 3 || third?.type !== AST_NODE_TYPES.Identifier || third.name !== test.name) return false;
      return fileLayers(context, settings).isRouteHandler(fn);
    }

    /**
     * What the `try` guarded by the `catch` of `identifier` does, nested functions aside: its calls,
     * its other steps that may throw (`await`, `new`, `throw`, a tagged template), and whether it
     * yields. For the error parameter of a promise's `.catch((e) => …)`, the chain it is attached to
     * (`this.verify(token).catch(…)`). Undefined when `identifier` is neither.
     */
    function caughtTryContents(identifier: TSESTree.Identifier): { calls: TSESTree.CallExpression[]; others: TSESTree.Node[]; yields: boolean } | undefined {
      const definition = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name)?.defs[0];
      let guarded: TSESTree.Node | undefined;
      if (definition?.type === TSESLint.Scope.DefinitionType.CatchClause) guarded = definition.node.parent.block;
      else if (definition?.type === TSESLint.Scope.DefinitionType.Parameter && isFunction(definition.node) && definition.node.params[0] === definition.name) {
        const call = definition.node.parent;
        if (call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === definition.node && call.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(call.callee) === 'catch') guarded = call.callee.object;
      }
      if (guarded === undefined) return undefined;
      const contents = { calls: [] as TSESTree.CallExpression[], others: [] as TSESTree.Node[], yields: false };
      walk(guarded, (node) => {
        if (isFunction(node)) return false;
        if (node.type === AST_NODE_TYPES.CallExpression) contents.calls.push(node);
        else if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.ThrowStatement || node.type === AST_NODE_TYPES.TaggedTemplateExpression) contents.others.push(node);
        else if (node.type === AST_NODE_TYPES.YieldExpression) contents.yields = true;
        return true;
      });
      return contents;
    }

    /**
     * The `catch` of `name` guards a `try` that only calls functions of this file whose every
     * error is one they build themselves (`throw new Error(\`Invalid body: …\`)`, their own work
     * wrapped in a `try` whose `catch` throws such an error): no driver's or library's error can
     * reach it, only a message the code wrote. Or a `try` that only calls a library verifying the
     * client's own submission (WebAuthn, a token's verify), directly or through a method of this class
     * that only does that: its errors describe what the client sent.
     */
    function catchesOnlyOwnErrors(identifier: TSESTree.Identifier): boolean {
      const contents = caughtTryContents(identifier);
      if (contents === undefined) return false;
      const { calls, others } = contents;
      const verifies = calls.filter((call) => !callsNext(call));
      if (verifies.length > 0 && verifies.every(callsSubmissionVerifier) && others.every((other) => other.type === AST_NODE_TYPES.AwaitExpression)) return true;
      return others.length === 0 && calls.length > 0 && calls.every((call) => {
        if (call.callee.type !== AST_NODE_TYPES.Identifier) return false;
        const fn = localFunctionNamed(call.callee, sourceCode, true);
        return fn !== undefined && throwsOnlyOwnErrors(fn);
      });
    }

    /**
     * Express's `next()` beside a check, not awaited (a statement or returned): it runs the next
     * handler, whose own throw Express catches itself. `next` must be a parameter of the handler; Koa's
     * `await next()` brings every later middleware's error back into the `catch`, so it still counts.
     */
    function callsNext(call: TSESTree.CallExpression): boolean {
      if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'next') return false;
      if (call.parent.type !== AST_NODE_TYPES.ExpressionStatement && call.parent.type !== AST_NODE_TYPES.ReturnStatement) return false;
      return ASTUtils.findVariable(sourceCode.getScope(call), 'next')?.defs[0]?.type === TSESLint.Scope.DefinitionType.Parameter;
    }

    /** The `catch` of `name` guards a `try` that only validates (core `triesOnlyValidation`). */
    function catchesOnlyValidation(identifier: TSESTree.Identifier): boolean {
      const contents = caughtTryContents(identifier);
      if (contents === undefined) return false;
      const awaitedCall = (other: TSESTree.Node): TSESTree.CallExpression | undefined => {
        const argument = other.type === AST_NODE_TYPES.AwaitExpression ? skipWrappers(other.argument) : undefined;
        return argument?.type === AST_NODE_TYPES.CallExpression ? argument : undefined;
      };
      const awaits = contents.yields || contents.others.some((other) => (other.type === AST_NODE_TYPES.AwaitExpression && awaitedCall(other) === undefined) || other.type === AST_NODE_TYPES.TaggedTemplateExpression);
      const awaited = contents.others.flatMap((other) => { const call = awaitedCall(other); return call === undefined ? [] : [buildChain(call, { sourceCode }).fact]; });
      return triesOnlyValidation({ awaits, awaited, calls: contents.calls.filter((call) => !callsNext(call)).map((call) => buildChain(call, { sourceCode }).fact) });
    }

    /**
     * `await verifyRegistrationResponse(opts)`, `isoBase64URL.fromBuffer(id)`: a function of a
     * module that only verifies the client's own submission ({@link isClientSubmissionVerifierModule}),
     * called by its imported name or through a namespace or object imported from there.
     */
    function callsSubmissionVerifier(call: TSESTree.CallExpression, depth = 0): boolean {
      const names = chainNames(skipWrappers(call.callee));
      if (isWebhookSignatureCheck(names)) return true;
      // `this.jwtService.verifyAsync(token)`: a member the class declares with a token service's type.
      if (names.length === 3 && names[0] === 'this') {
        const binding = memberBinding(call, names[1] ?? '', sourceCode);
        return binding !== undefined && isClientSubmissionVerifierMethod(binding.typeSource, binding.typeName, names[2] ?? '');
      }
      // `this.verify(token)`: a method of this class whose every call verifies (`return this.jwtService.verifyAsync(token, options)`).
      if (names.length === 2 && names[0] === 'this' && depth === 0) {
        const body = localCallee(call, sourceCode)?.body;
        if (body === undefined) return false;
        const calls: TSESTree.CallExpression[] = [];
        walk(body, (node) => {
          if (isFunction(node)) return false;
          if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
          return true;
        });
        return calls.length > 0 && calls.every((inner) => callsSubmissionVerifier(inner, depth + 1));
      }
      const root = names[0];
      if (root === undefined || root === '' || names.length > 2) return false;
      const definition = ASTUtils.findVariable(sourceCode.getScope(call), root)?.defs[0];
      if (definition?.type !== TSESLint.Scope.DefinitionType.ImportBinding || definition.parent.type !== AST_NODE_TYPES.ImportDeclaration) return false;
      // The imported name, not the local alias: `import { verify as verifyJwt } from 'jsonwebtoken'`.
      const imported = names.length === 1 && definition.node.type === AST_NODE_TYPES.ImportSpecifier ? propertyKeyName(definition.node.imported) : names[names.length - 1];
      return isClientSubmissionVerifierCall(definition.parent.source.value, imported ?? '');
    }

    /** Every `throw` builds a new error, and every call sits in a `try` whose `catch` always ends in such a `throw`. */
    function throwsOnlyOwnErrors(fn: FunctionNode): boolean {
      let own = true;
      walk(fn.body, (node) => {
        if (!own || (node !== fn.body && isFunction(node))) return false;
        if (node.type === AST_NODE_TYPES.ThrowStatement && skipWrappers(node.argument).type !== AST_NODE_TYPES.NewExpression) own = false;
        if (node.type === AST_NODE_TYPES.CallExpression && !insideWrappingTry(node, fn)) own = false;
        return own;
      });
      return own;
    }

    function insideWrappingTry(node: TSESTree.Node, fn: FunctionNode): boolean {
      let child: TSESTree.Node = node;
      for (let current = node.parent; current != null && current !== fn; child = current, current = current.parent) {
        if (current.type !== AST_NODE_TYPES.TryStatement || child !== current.block || current.handler === null) continue;
        const last = current.handler.body.body.at(-1);
        if (last?.type === AST_NODE_TYPES.ThrowStatement && skipWrappers(last.argument).type === AST_NODE_TYPES.NewExpression) return true;
      }
      return false;
    }

    /**
     * The `exception` of a NestJS exception filter bound to the project's own error classes
     * (`@Catch(NotEnoughScopes) class … { catch(exception, host) }`): Nest hands it only those
     * errors, whose messages the project wrote ({@link isChosenErrorSelection}).
     */
    function filteredToChosenErrors(identifier: TSESTree.Identifier): boolean {
      const definition = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name)?.defs[0];
      if (definition?.type !== TSESLint.Scope.DefinitionType.Parameter || definition.node.type !== AST_NODE_TYPES.FunctionExpression) return false;
      const first = definition.node.params[0];
      const method = definition.node.parent;
      if (first?.type !== AST_NODE_TYPES.Identifier || first.name !== identifier.name || method.type !== AST_NODE_TYPES.MethodDefinition || propertyKeyName(method.key) !== 'catch') return false;
      const bound = method.parent.parent.decorators.flatMap((decorator) => {
        const expression = skipWrappers(decorator.expression);
        return expression.type === AST_NODE_TYPES.CallExpression && dottedName(expression.callee) === 'Catch' ? [expression] : [];
      });
      const [only] = bound;
      return bound.length === 1 && only !== undefined && isChosenErrorSelection(only.arguments.map((argument) => {
        const name = dottedName(argument);
        return argument.type === AST_NODE_TYPES.SpreadElement || name === '' ? undefined : index().facts(name);
      }));
    }

    /**
     * The name and, for a `const` alias of a received error (`const httpError = err`, `… = error as
     * HttpError`), the names it copies: a narrowing of `err` (`if (isHttpError(err))`) narrows the alias too.
     */
    function aliasedNames(identifier: TSESTree.Identifier): string[] {
      const names = [identifier.name];
      let current: TSESTree.Identifier = identifier;
      for (let depth = 0; depth < 3; depth += 1) {
        const variable = ASTUtils.findVariable(sourceCode.getScope(current), current.name);
        const definition = variable?.defs[0];
        if (definition?.type !== TSESLint.Scope.DefinitionType.Variable || definition.parent.kind !== 'const' || definition.node.init == null) break;
        const source = skipWrappers(definition.node.init);
        if (source.type !== AST_NODE_TYPES.Identifier) break;
        // A name given another value after the copy (`err = createError(400)`) narrows that value, not the copy.
        const copied = ASTUtils.findVariable(sourceCode.getScope(source), source.name);
        if (copied === null || copied.references.some((reference) => reference.isWrite() && reference.writeExpr != null && reference.identifier !== copied.defs[0]?.name)) break;
        names.push(source.name);
        current = source;
      }
      return names;
    }

    /** A received error (caught, error callback) not narrowed to a domain error at `at`. */
    function isUnexpectedError(identifier: TSESTree.Identifier, at: TSESTree.Node): boolean {
      if (!isReceivedError(identifier, sourceCode) || catchesOnlyOwnErrors(identifier) || filteredToChosenErrors(identifier)) return false;
      // The message of a validator's refusal; its stack or the whole error still tell internals.
      // The whole error of a schema's refusal serialises its issues (an Error's message and stack are not enumerable).
      if (((at.type === AST_NODE_TYPES.MemberExpression && propertyName(at) === 'message') || at === identifier) && catchesOnlyValidation(identifier)) return false;
      if (aliasedNames(identifier).some((name) => isNarrowedToDomainError(at, name, index()))) return false;
      return typed === undefined || !typeIsDomainError(typed, identifier, settings);
    }

    /**
     * An exception built where no request waits becomes no response: a CQRS event handler, a queue
     * worker, start-up code, a CLI (`outsideRequestPath`). Module top level is not counted: a
     * module's own statements that throw one are no evidence of where it is caught.
     */
    function thrownOutsideRequest(node: TSESTree.NewExpression): boolean {
      const reason = outsideRequestPath(context, node);
      return reason !== undefined && reason !== 'module top level' && !inControllerClass(node);
    }

    /** Inside a NestJS `@Controller` / `@Resolver` class: request code, whatever folder it sits in (`src/jobs/jobs.controller.ts`). */
    function inControllerClass(node: TSESTree.Node): boolean {
      for (let current = node.parent; current != null; current = current.parent) {
        if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return isControllerClass(current, ['Controller', 'Resolver']);
      }
      return false;
    }

    function isControllerClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, kinds: readonly string[]): boolean {
      return decoratorNames(node.decorators).some((name) => kinds.includes(name));
    }

    function isNestHandlerReturn(node: TSESTree.ReturnStatement): boolean {
      let fn: TSESTree.Node | undefined = node.parent;
      while (fn != null && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration) fn = fn.parent;
      const method = fn?.parent;
      if (method?.type !== AST_NODE_TYPES.MethodDefinition) return false;
      const decorated = method.decorators.some((decorator) => isNestRouteDecorator(dottedName(decorator.expression)));
      return decorated && isControllerClass(method.parent.parent, ['Controller']);
    }

    /**
     * A `return` of a server action: the function it returns from (not a nested callback) is async and
     * carries the `'use server'` directive itself, or is exported from a module that carries it
     * (`export async function signIn(…)`, `export const save = async (…) => …`).
     */
    function isServerActionReturn(node: TSESTree.ReturnStatement): boolean {
      let fn: TSESTree.Node | undefined = node.parent;
      while (fn != null && !isFunction(fn)) fn = fn.parent;
      if (fn == null || !isFunction(fn) || !fn.async) return false;
      if (fn.body.type === AST_NODE_TYPES.BlockStatement && hasServerDirective(fn.body.body)) return true;
      if (!hasServerDirective(sourceCode.ast.body)) return false;
      if (fn.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
      const declaration = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent.type === AST_NODE_TYPES.VariableDeclarator ? fn.parent.parent : undefined;
      return declaration?.parent.type === AST_NODE_TYPES.ExportNamedDeclaration || declaration?.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration;
    }

    return {
      CallExpression(node) {
        if (!isOutermostChain(node)) return;
        const names = chainNames(node.callee);
        if (!RECEIVERS.has(names[0] ?? '')) return;
        const info = buildChain(node, { sourceCode });
        const send = classifyResponseSend(info.fact, resolverFor(typed, info.nodes));
        const payload = send === undefined ? undefined : node.arguments[send.payloadIndex];
        if (payload !== undefined) checkPayload([payload]);
      },
      AssignmentExpression(node) {
        if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression) return;
        if (isResponseBodyTarget(chainNames(node.left))) checkPayload([node.right]);
      },
      NewExpression(node) {
        if (options.checkNestHandlers === false || !isNestHttpExceptionName(dottedName(node.callee))) return;
        if (isCaughtBeforeResponse(node)) return;
        const payloads = exceptionBodyArguments(node);
        if (payloads.length === 0 || thrownOutsideRequest(node)) return;
        checkPayload(payloads);
      },
      ReturnStatement(node) {
        if (node.argument === null) return;
        if ((options.checkNestHandlers !== false && isNestHandlerReturn(node)) || isServerActionReturn(node)) checkPayload([node.argument]);
      },
    };
  },
});

function propertyKeyName(key: TSESTree.Node): string | undefined {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : undefined;
}

/** The directive prologue of a module or function body holds `'use server'`. */
function hasServerDirective(statements: readonly TSESTree.Node[]): boolean {
  for (const statement of statements) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) return false;
    if (isServerFunctionDirective(statement.directive)) return true;
  }
  return false;
}
