import type { TSESLint } from '@typescript-eslint/utils';
import noBusinessLogicInRepository from '../rules/no-business-logic-in-repository.js';
import noDbAccessInController from '../rules/no-db-access-in-controller.js';
import noDbAccessInService from '../rules/no-db-access-in-service.js';
import noErrorDetailsInResponse from '../rules/no-error-details-in-response.js';
import noEventLoopBlocking from '../rules/no-event-loop-blocking.js';
import noPiiInLogs from '../rules/no-pii-in-logs.js';
import noPlaintextPassword from '../rules/no-plaintext-password.js';
import noQueryInLoop from '../rules/no-query-in-loop.js';
import noRetryAroundDbWrite from '../rules/no-retry-around-db-write.js';
import noSwallowedErrors from '../rules/no-swallowed-errors.js';
import noUnboundedQuery from '../rules/no-unbounded-query.js';
import noUntypedThrow from '../rules/no-untyped-throw.js';
import preferCentralErrorHandler from '../rules/prefer-central-error-handler.js';
import preferInjectedDependencies from '../rules/prefer-injected-dependencies.js';
import preferStructuredLogging from '../rules/prefer-structured-logging.js';
import requireCacheTtl from '../rules/require-cache-ttl.js';
import requireHttpTimeout from '../rules/require-http-timeout.js';
import requireInputValidation from '../rules/require-input-validation.js';
import requireJwtVerification from '../rules/require-jwt-verification.js';
import requireRetryBackoff from '../rules/require-retry-backoff.js';
import requireRouteAuth from '../rules/require-route-auth.js';

/** Every rule of the plugin, by id. Ids, docs and configs come from `core/rule-registry.ts`. */
export const rules: Readonly<Record<string, TSESLint.RuleModule<string, readonly unknown[]>>> = {
  'no-business-logic-in-repository': noBusinessLogicInRepository,
  'no-db-access-in-controller': noDbAccessInController,
  'no-db-access-in-service': noDbAccessInService,
  'no-error-details-in-response': noErrorDetailsInResponse,
  'no-event-loop-blocking': noEventLoopBlocking,
  'no-pii-in-logs': noPiiInLogs,
  'no-plaintext-password': noPlaintextPassword,
  'no-query-in-loop': noQueryInLoop,
  'no-retry-around-db-write': noRetryAroundDbWrite,
  'no-swallowed-errors': noSwallowedErrors,
  'no-unbounded-query': noUnboundedQuery,
  'no-untyped-throw': noUntypedThrow,
  'prefer-central-error-handler': preferCentralErrorHandler,
  'prefer-injected-dependencies': preferInjectedDependencies,
  'prefer-structured-logging': preferStructuredLogging,
  'require-cache-ttl': requireCacheTtl,
  'require-http-timeout': requireHttpTimeout,
  'require-input-validation': requireInputValidation,
  'require-jwt-verification': requireJwtVerification,
  'require-retry-backoff': requireRetryBackoff,
  'require-route-auth': requireRouteAuth,
};
