import { REPOSITORY_URL, RULES, ruleDocsUrl, type RuleInfo } from '../../core/rule-registry.js';

/** What reports say about each rule id: one-line description and docs page. */
export interface ReportRuleInfo {
  readonly description: string;
  readonly helpUri: string;
}

const CHECKS: Readonly<Record<string, string>> = {
  'audit/layer-dependencies': 'Enforce that imports and calls go controller → service → repository → data only, without reverse or skipping dependencies or cycles',
  'audit/no-query-in-loop': 'Disallow loops that call a function which, through any chain of calls, runs a database query (N+1 across files)',
  'audit/no-db-access-in-controller': 'Disallow controllers that reach the database through helpers without passing through a service',
  'audit/cache-invalidation': 'Require writes to a cached model to delete or update the cache-aside key that holds it (directly, through a called function, or through an event handler)',
};

export function ruleInfo(ruleId: string): ReportRuleInfo {
  const check = CHECKS[ruleId];
  if (check !== undefined) return { description: check, helpUri: `${REPOSITORY_URL}/blob/main/docs/audit/${ruleId.slice('audit/'.length)}.md` };
  if (ruleId === 'parse-error') return { description: 'Files that cannot be read or parsed (listed so nothing is skipped silently)', helpUri: `${REPOSITORY_URL}/blob/main/docs/cli.md#bad-input` };
  const rule = (RULES as Readonly<Record<string, RuleInfo>>)[ruleId];
  return { description: rule?.description ?? ruleId, helpUri: ruleDocsUrl(ruleId) };
}
