import type { TSESTree } from '@typescript-eslint/utils';
import { guardsRealWork, recordsTheError } from '../src/core/classify/catch.js';
import {
  catchClauseSite,
  catchFacts,
  catchWork,
  errorResponsesIn,
  isCentralHandlerCatch,
  hasNoThrowContract,
  isExplained,
  isGuardedByErrorTest,
  promiseCatchSite,
  tryAnswersMedia,
  tryCallsVerdict,
  type CatchContext,
  type CatchSite,
} from '../src/eslint/catch.js';
import { createRule } from '../src/eslint/create-rule.js';
import { fileLayers, isInLayer } from '../src/eslint/layers.js';
import { settingsOf } from '../src/eslint/settings.js';
import { typedContext } from '../src/eslint/typed.js';

export type Options = [];
export type MessageId = 'ownErrorResponse';

export default createRule<Options, MessageId>({
  name: 'prefer-central-error-handler',
  meta: {
    type: 'suggestion',
    docs: {
      description: "Enforce that controllers let unexpected errors reach the framework's central error handler instead of building their own error responses",
    },
    messages: {
      ownErrorResponse:
        "This catch in a route handler answers every error itself ({{response}}), so each handler decides status, body and logging on its own and unexpected errors are mapped inconsistently. Let the error propagate (or call next(err)) to the central error handler (Express error middleware, Nest exception filter, Fastify setErrorHandler, Koa/Hono onError); map only known error types here and rethrow the rest.",
    },
    schema: [],
  },
  create(context) {
    const settings = settingsOf(context);
    if (!fileLayers(context, settings).has('controller')) return {};
    const ctx: CatchContext = { sourceCode: context.sourceCode, settings, typed: typedContext(context) };

    function check(site: CatchSite): void {
      if (!isInLayer(context, settings, site.node, 'controller') || isCentralHandlerCatch(site)) return;
      // A health probe answers a failure with a status by design; a commented catch is a decision.
      if (hasNoThrowContract(site) || isExplained(site, ctx.sourceCode)) return;
      const catchAll = errorResponsesIn(site, ctx).find((response) => !isGuardedByErrorTest(response.node, site, ctx.sourceCode));
      if (catchAll === undefined) return;
      // `res.status(400)` for a `try` that decodes or validates input: the expected failure mapped to the client's fault.
      if (catchAll.clientError && tryCallsVerdict(site)) return;
      // An image or file endpoint answers a failure with a bare 4xx: what an `<img>` or a download reads.
      if (catchAll.clientError && tryAnswersMedia(site)) return;
      // A `try` around parsing or validation maps that one expected failure to a 400: not a catch-all.
      if (!guardsRealWork(catchWork(site, ctx.sourceCode))) return;
      // The catch logs the error object or files it with a tracker before answering: nothing a central
      // handler would record is lost, and the answer (a generic 500, an endpoint-specific message) is the endpoint's contract.
      if (recordsTheError(catchFacts(site, ctx))) return;
      context.report({ node: catchAll.node, messageId: 'ownErrorResponse', data: { response: catchAll.label } });
    }

    return {
      CatchClause(node) {
        check(catchClauseSite(node));
      },
      'CallExpression[callee.property.name="catch"]'(node: TSESTree.CallExpression) {
        const site = promiseCatchSite(node);
        if (site !== undefined) check(site);
      },
    };
  },
});
