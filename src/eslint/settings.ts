import type { TSESLint } from '@typescript-eslint/utils';
import { resolveSettings, type BackendPatternsSettings } from '../core/settings.js';

/** `settings['backend-patterns']` of the linted file, parsed once per settings object. */
export function settingsOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): BackendPatternsSettings {
  return resolveSettings(context.settings);
}
