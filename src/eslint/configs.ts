import type { TSESLint } from '@typescript-eslint/utils';
import { RULES, isInConfig, type RuleConfig, type RuleInfo } from '../core/rule-registry.js';

export type ConfigName = RuleConfig;

/** The rules entry of a flat config: every rule of the registry in `config`, at `error`, with the options the registry gives the presets. */
export function rulesFor(config: RuleConfig): TSESLint.FlatConfig.Rules {
  const entries = Object.entries(RULES as Readonly<Record<string, RuleInfo>>)
    .filter(([, info]) => isInConfig(info, config))
    .map(([id, info]): [string, TSESLint.FlatConfig.RuleEntry] => [`backend-patterns/${id}`, config !== 'all' && info.presetOptions !== undefined ? ['error', info.presetOptions] : 'error']);
  return Object.fromEntries(entries);
}
