import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { classifyRetryHelperCall, classifyRetryPolicyCall, isDependencyWaitName, retryLoopBackoffProblem, retryOptionsProblem, type RetryLibrary } from '../src/core/classify/retry.js';
import { isFunction, walk } from '../src/eslint/ast.js';
import { outsideRequestPath } from '../src/eslint/code-context.js';
import { createRule } from '../src/eslint/create-rule.js';
import { enclosingFunction, functionName } from '../src/eslint/functions.js';
import { buildChain, dottedName, propertyName, skipWrappers, valueFact } from '../src/eslint/facts.js';
import type { LoopStatement } from '../src/eslint/loops.js';
import { isHandWrittenRetryLoop, mayHaveRetryHelpers, retryBackoffFacts } from '../src/eslint/retry.js';
import { settingsOf } from '../src/eslint/settings.js';
import { resolverFor, typedContext } from '../src/eslint/typed.js';

export type Options = [
  {
    /** Check hand-written retry loops (`for`/`while` around a `try` whose `catch` goes round again). */
    checkLoops?: boolean;
    /** Check the options of retry helpers and policies (p-retry, async-retry, promise-retry, exponential-backoff, cockatiel, retry). */
    checkHelperOptions?: boolean;
  },
];
export type MessageId = 'noDelay' | 'constantDelay' | 'unbounded' | 'retriesForever' | 'constantBackoffOption' | 'suggestFiniteAttempts' | 'suggestGrowthFactor';

const FINITE_ATTEMPTS = 5;
const GROWTH_FACTOR = 2;

export default createRule<Options, MessageId>({
  name: 'require-retry-backoff',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require bounded attempts and a growing delay in retry loops and retry helper options',
    },
    hasSuggestions: true,
    messages: {
      noDelay:
        'This retry loop tries again at once after a failure; immediate retries hammer a dependency that is already struggling. Wait between attempts with an exponential delay plus jitter (e.g. await sleep(base * 2 ** attempt + Math.random() * base)).',
      constantDelay:
        'This retry loop waits the same time before every attempt; fixed delays keep an overloaded dependency overloaded and make clients retry in step. Let the delay grow with the attempt (base * 2 ** attempt, capped) and add jitter.',
      unbounded:
        'This retry loop has no bound on its attempts; a permanent failure is retried forever. Count the attempts and rethrow after a maximum, retrying only transient errors.',
      retriesForever:
        "'{{option}}' makes {{helper}} retry forever; a permanent failure never surfaces. Give it a finite number of attempts and retry only transient errors.",
      constantBackoffOption:
        "'{{option}}' makes {{helper}} wait the same time before every attempt; fixed delays keep an overloaded dependency overloaded. Use a growth factor above 1 (exponential backoff) with jitter.",
      suggestFiniteAttempts: `Limit '{{option}}' to ${String(FINITE_ATTEMPTS)}.`,
      suggestGrowthFactor: `Set '{{option}}' to ${String(GROWTH_FACTOR)} (exponential backoff).`,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkLoops: {
            type: 'boolean',
            description: 'Check hand-written retry loops: no delay, a constant delay, or no bound on attempts.',
          },
          checkHelperOptions: {
            type: 'boolean',
            description: 'Check the options of retry helpers and policies: retries: Infinity, forever: true, factor: 1, minTimeout equal to maxTimeout, cockatiel ConstantBackoff.',
          },
        },
      },
    ],
    defaultOptions: [{ checkLoops: true, checkHelperOptions: true }],
  },
  create(context, [options]) {
    const settings = settingsOf(context);
    const typed = typedContext(context);
    const { sourceCode } = context;

    function checkLoop(loop: LoopStatement): void {
      if (options.checkLoops === false || !isHandWrittenRetryLoop(loop)) return;
      const problem = retryLoopBackoffProblem(retryBackoffFacts(loop, { sourceCode, settings, typed }));
      if (problem === undefined || (problem !== 'unbounded' && servesNoTraffic(loop))) return;
      context.report({ node: loop, loc: loopHead(loop), messageId: problem, suggest: [] });
    }

    // Untyped, helpers are known by name: a file that names none skips the helper checks.
    /**
     * A bounded retry whose pace harms no shared dependency: in a CLI, start-up code (or a method
     * of the class that only start-up code calls: `onModuleInit` waiting for the schema), a
     * dev-only branch. Workers and server libraries still serve traffic, and an unbounded loop
     * hangs whatever runs it.
     */
    function servesNoTraffic(loop: LoopStatement): boolean {
      // A readiness poll of a dependency (`waitForDatabase`): it paces itself to the dependency's start.
      const waiting = enclosingFunction(loop);
      const waitingName = waiting === undefined ? undefined : functionName(waiting);
      if (waitingName !== undefined && isDependencyWaitName(waitingName)) return true;
      const reason = outsideRequestPath(context, loop);
      if (reason !== undefined) return reason !== 'background worker' && reason !== 'not a server package' && reason !== 'module top level';
      const method = enclosingMethod(loop);
      if (method === undefined || method.key.type !== AST_NODE_TYPES.Identifier) return false;
      const name = method.key.name;
      const calls: TSESTree.CallExpression[] = [];
      walk(method.parent, (node) => {
        if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && node.callee.object.type === AST_NODE_TYPES.ThisExpression && propertyName(node.callee) === name) calls.push(node);
        return true;
      });
      return calls.length > 0 && calls.every((call) => outsideRequestPath(context, call)?.startsWith('start-up function') === true);
    }

    const mayHaveHelpers = mayHaveRetryHelpers({ sourceCode, settings, typed });

    function checkCall(node: TSESTree.CallExpression): void {
      if (options.checkHelperOptions === false || !mayHaveHelpers || !node.arguments.some((arg) => skipWrappers(arg).type === AST_NODE_TYPES.ObjectExpression)) return;
      const info = buildChain(node, { sourceCode, typed });
      const resolve = resolverFor(typed, info.nodes);
      const helper = classifyRetryHelperCall(info.fact, settings, resolve);
      const target: { library: RetryLibrary; optionsArgIndex: number } | undefined =
        helper?.optionsArgIndex === undefined ? classifyRetryPolicyCall(info.fact, resolve) : { library: helper.library, optionsArgIndex: helper.optionsArgIndex };
      const argument = target === undefined ? undefined : node.arguments[target.optionsArgIndex];
      if (target === undefined || argument === undefined) return;
      const objectNode = skipWrappers(argument);
      const problem = retryOptionsProblem(target.library, valueFact(objectNode, { sourceCode }));
      if (problem === undefined || objectNode.type !== AST_NODE_TYPES.ObjectExpression) return;
      const property = objectNode.properties.findLast(
        (candidate): candidate is TSESTree.Property =>
          candidate.type === AST_NODE_TYPES.Property && !candidate.computed && candidate.key.type === AST_NODE_TYPES.Identifier && candidate.key.name === problem.option,
      );
      if (property === undefined) return;
      const helperName = `${dottedName(node.callee) || 'the retry helper'}()`;
      const data = { option: problem.option, helper: helperName };
      const value = skipWrappers(property.value);
      if (problem.kind === 'forever') {
        const numeric = value.type !== AST_NODE_TYPES.Literal || typeof value.value !== 'boolean';
        context.report({
          node: property,
          messageId: 'retriesForever',
          data,
          suggest: numeric ? [{ messageId: 'suggestFiniteAttempts', data, fix: (fixer) => fixer.replaceText(property.value, String(FINITE_ATTEMPTS)) }] : [],
        });
        return;
      }
      const isFactor = value.type === AST_NODE_TYPES.Literal && value.value === 1;
      context.report({
        node: property,
        messageId: 'constantBackoffOption',
        data,
        suggest: isFactor ? [{ messageId: 'suggestGrowthFactor', data, fix: (fixer) => fixer.replaceText(property.value, String(GROWTH_FACTOR)) }] : [],
      });
    }

    return {
      ForStatement: checkLoop,
      ForInStatement: checkLoop,
      ForOfStatement: checkLoop,
      WhileStatement: checkLoop,
      DoWhileStatement: checkLoop,
      CallExpression: checkCall,
    };
  },
});

/** The method whose body holds `node` directly (not through a nested function). */
function enclosingMethod(node: TSESTree.Node): TSESTree.MethodDefinition | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (isFunction(current)) return current.parent.type === AST_NODE_TYPES.MethodDefinition ? current.parent : undefined;
  }
  return undefined;
}

/** The loop's keyword and head (`for (let attempt = 1; attempt <= 3; attempt++)`), not its whole body. */
function loopHead(loop: LoopStatement): TSESTree.SourceLocation {
  const { start } = loop.loc;
  const keywordEnd = { line: start.line, column: start.column + (loop.type === AST_NODE_TYPES.DoWhileStatement ? 2 : loop.type === AST_NODE_TYPES.WhileStatement ? 5 : 3) };
  const bodyStart = loop.body.loc.start;
  return { start, end: loop.type !== AST_NODE_TYPES.DoWhileStatement && bodyStart.line === start.line ? bodyStart : keywordEnd };
}
