import type { TSESTree } from '@typescript-eslint/utils';
import { swallowVerdict } from '../src/core/classify/catch.js';
import { catchClauseSite, catchFacts, promiseCatchSite, type CatchContext, type CatchSite } from '../src/eslint/catch.js';
import { isBrowserFile, outsideRequestPath } from '../src/eslint/code-context.js';
import { createRule } from '../src/eslint/create-rule.js';
import { enclosingFunction } from '../src/eslint/functions.js';
import { settingsOf } from '../src/eslint/settings.js';
import { runsAtApplicationStart } from '../src/eslint/startup.js';
import { typedContext } from '../src/eslint/typed.js';

export type Options = [
  {
    /** Report catches that log the failure without the error object (`logger.error(err.message)`). */
    checkLoggedWithoutError?: boolean;
    /** Report `.catch(cb)` callbacks on promises, not only `catch` clauses. */
    checkPromiseCatch?: boolean;
  },
];
export type MessageId = 'swallowed' | 'loggedWithoutError';

export default createRule<Options, MessageId>({
  name: 'no-swallowed-errors',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow catches that drop an error: neither rethrown, passed on, recorded nor logged with the error object',
    },
    messages: {
      swallowed:
        'This {{site}} drops the error of the awaited work: it is neither rethrown, passed on (next/reject) nor logged, so the failure disappears without a trace. Rethrow it (wrapped with `cause` if needed), pass it on, or log it with the error object before falling back; if dropping it is the intended fallback, say why in a comment inside the catch.',
      loggedWithoutError:
        'This {{site}} logs the failure without the error object ({{how}}), so its stack and cause are lost. Pass the error itself to the logger (`logger.error({ err }, …)`) or rethrow it; if its text is all this failure needs, say why in a comment inside the catch.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkLoggedWithoutError: {
            type: 'boolean',
            description: 'Report catches whose only trace of the failure is a log line without the error object (only `err.message`, or no error at all).',
          },
          checkPromiseCatch: {
            type: 'boolean',
            description: 'Report `promise.catch(cb)` callbacks as well as `catch` clauses.',
          },
        },
      },
    ],
    defaultOptions: [{ checkLoggedWithoutError: true, checkPromiseCatch: true }],
  },
  create(context, [options]) {
    const ctx: CatchContext = { sourceCode: context.sourceCode, settings: settingsOf(context), typed: typedContext(context) };

    /**
     * Failures in jobs are as lost as failures in requests: only CLIs, start-up code (and the
     * helpers only start-up code calls), dev-only branches and module top level are out. Start-up
     * code is `runsAtApplicationStart`, as no-untyped-throw judges it: a lazy one-time
     * initialisation runs on the first request, a field initialiser or a value object's
     * constructor wherever the object is built, so a failure they drop is lost there; a DI
     * component's constructor, or one that reads its configuration, runs while the app is wired.
     * Browser code (a client component, the client half of a client/server pair) serves no request:
     * its fallbacks are the page's.
     */
    function outOfScope(node: TSESTree.Node): boolean {
      if (isBrowserFile(context)) return true;
      const reason = outsideRequestPath(context, node);
      if (reason === undefined) {
        return runsAtApplicationStart(node, context.sourceCode) !== undefined;
      }
      return reason !== 'background worker' || enclosingFunction(node) === undefined;
    }

    function check(site: CatchSite): void {
      if (outOfScope(site.node)) return;
      const facts = catchFacts(site, ctx);
      const verdict = swallowVerdict(facts);
      if (verdict === undefined) return;
      const where = site.tryBlock === undefined ? '.catch() callback' : 'catch';
      if (verdict === 'swallowed') {
        context.report({ node: site.node, messageId: 'swallowed', data: { site: facts.empty ? `empty ${where}` : where } });
        return;
      }
      if (options.checkLoggedWithoutError === false) return;
      const how = facts.uses.some((use) => use.kind === 'text' && use.inLog) ? 'only its text' : 'no error at all';
      context.report({ node: site.node, messageId: 'loggedWithoutError', data: { site: where, how } });
    }

    return {
      CatchClause(node) {
        check(catchClauseSite(node));
      },
      'CallExpression[callee.property.name="catch"]'(node: TSESTree.CallExpression) {
        if (options.checkPromiseCatch === false) return;
        const site = promiseCatchSite(node);
        if (site !== undefined) check(site);
      },
    };
  },
});
