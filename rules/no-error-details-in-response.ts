import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isNestRouteDecorator } from '../src/core/classify/layer.js';
import { classifyResponseSend, isErrorDetailField, isNestHttpExceptionName, isResponseBodyTarget, serializesArgument, serializesReceiver } from '../src/core/classify/response.js';
import { RESPONSE_RECEIVER_NAMES } from '../src/core/catalogs/responses.js';
import { createRule } from '../src/eslint/create-rule.js';
import { errorClassIndex, isNarrowedToDomainError, isReceivedError, typeIsDomainError, type ErrorClassIndex } from '../src/eslint/errors.js';
import { buildChain, chainNames, dottedName, isOutermostChain, propertyName, skipWrappers } from '../src/eslint/facts.js';
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

    function checkPayload(payloads: readonly TSESTree.Node[]): void {
      const leaks = payloads.flatMap((payload) => findLeaks(payload, 0, new Set()));
      const first = leaks[0];
      if (first === undefined) return;
      const details = [...new Set(leaks.map((leak) => `'${leak.text}'`))].join(', ');
      context.report({ node: first.node, messageId: 'errorDetailsInResponse', data: { details } });
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
        case AST_NODE_TYPES.ConditionalExpression:
          return [...findLeaks(node.consequent, depth + 1, followed), ...findLeaks(node.alternate, depth + 1, followed)];
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
      return findLeaks(declarator.init, depth + 1, followed).length > 0 ? [{ node: identifier, text: identifier.name }] : [];
    }

    /** A received error (caught, error callback) not narrowed to a domain error at `at`. */
    function isUnexpectedError(identifier: TSESTree.Identifier, at: TSESTree.Node): boolean {
      if (!isReceivedError(identifier, sourceCode)) return false;
      if (isNarrowedToDomainError(at, identifier.name, index())) return false;
      return typed === undefined || !typeIsDomainError(typed, identifier, settings);
    }

    function isNestHandlerReturn(node: TSESTree.ReturnStatement): boolean {
      let fn: TSESTree.Node | undefined = node.parent;
      while (fn != null && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration) fn = fn.parent;
      const method = fn?.parent;
      if (method?.type !== AST_NODE_TYPES.MethodDefinition) return false;
      const decorated = method.decorators.some((decorator) => isNestRouteDecorator(dottedName(decorator.expression)));
      const cls = method.parent.parent;
      return decorated && cls.decorators.some((decorator) => dottedName(decorator.expression) === 'Controller');
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
        checkPayload(node.arguments);
      },
      ReturnStatement(node) {
        if (options.checkNestHandlers === false || node.argument === null || !isNestHandlerReturn(node)) return;
        checkPayload([node.argument]);
      },
    };
  },
});
