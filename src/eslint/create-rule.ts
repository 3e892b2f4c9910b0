import { ESLintUtils } from '@typescript-eslint/utils';
import { ruleDocsUrl } from '../core/rule-registry.js';

export interface BackendPatternsDocs {
  description: string;
  /** Whether the rule needs type information to work at all (none of ours do). */
  requiresTypeChecking?: boolean;
}

/** One creator for every rule: stamps the docs URL from the rule id. */
export const createRule = ESLintUtils.RuleCreator<BackendPatternsDocs>((name) => ruleDocsUrl(name));
