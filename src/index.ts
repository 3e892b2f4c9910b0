import type { TSESLint } from '@typescript-eslint/utils';
import { DEFAULT_SCOPE_IGNORES } from './core/catalogs/scope.js';
import { rulesFor } from './eslint/configs.js';
import { PACKAGE } from './package-info.js';
import { rules } from './rules.js';

export interface BackendPatternsPlugin {
  readonly meta: { readonly name: string; readonly version: string; readonly namespace: string };
  readonly rules: typeof rules;
  readonly configs: {
    readonly recommended: TSESLint.FlatConfig.Config;
    readonly strict: TSESLint.FlatConfig.Config;
    readonly all: TSESLint.FlatConfig.Config;
  };
}

const configRegistry: Record<string, TSESLint.FlatConfig.Config> = {};

/**
 * The ESLint plugin. Each config registers the plugin itself, so
 * `export default [plugin.configs.recommended]` is a complete setup (add typescript-eslint's
 * parser for .ts files).
 */
const plugin: BackendPatternsPlugin = {
  meta: { name: PACKAGE.name, version: PACKAGE.version, namespace: 'backend-patterns' },
  rules,
  configs: configRegistry as unknown as BackendPatternsPlugin['configs'],
};

for (const name of ['recommended', 'strict', 'all'] as const) {
  configRegistry[name] = {
    name: `backend-patterns/${name}`,
    plugins: { 'backend-patterns': plugin as unknown as TSESLint.FlatConfig.Plugin },
    // The default scope: tests, mocks, fixtures, migrations, seeds and scripts are not linted by
    // the presets (override with `{ ...configs.recommended, ignores: [] }`).
    ignores: [...DEFAULT_SCOPE_IGNORES],
    rules: rulesFor(name),
  };
}

export default plugin;
// Named exports mirror the default export, so `require()`/`import *` of the package is a plugin too.
export const { configs, meta } = plugin;
export { rules };
/** The globs the presets leave out (tests, mocks, fixtures, migrations, seeds, scripts). */
export const defaultIgnores: readonly string[] = DEFAULT_SCOPE_IGNORES;
export type { BackendPatternsSettings, TypeOrValueSpecifier } from './core/settings.js';
