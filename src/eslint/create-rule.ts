import { ESLintUtils } from '@typescript-eslint/utils';
import { ruleDocsUrl } from '../core/rule-registry.js';
import { registerProgramFile } from './ast.js';

export interface BackendPatternsDocs {
  description: string;
  /** Whether the rule needs type information to work at all (none of ours do). */
  requiresTypeChecking?: boolean;
}

const creator = ESLintUtils.RuleCreator<BackendPatternsDocs>((name) => ruleDocsUrl(name));

/**
 * One creator for every rule: stamps the docs URL from the rule id, and merges the configured
 * options over `meta.defaultOptions` once per distinct configuration rather than once per file
 * (ESLint hands every file a fresh options array, and the merge clones the defaults).
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Parameters<typeof creator<Options, MessageIds>>[0],
): ReturnType<typeof creator<Options, MessageIds>> {
  const created = creator(rule);
  const merged = new Map<string, Options>();
  const defaults = (rule.meta.defaultOptions ?? []) as Options;
  return {
    ...created,
    create(context) {
      registerProgramFile(context.sourceCode.ast, context.filename);
      const key = context.options.length === 0 ? '' : JSON.stringify(context.options);
      let options = merged.get(key);
      if (options === undefined) {
        options = ESLintUtils.applyDefault<Options, Options>(defaults, context.options);
        merged.set(key, options);
      }
      return rule.create(context, options);
    },
  };
}
