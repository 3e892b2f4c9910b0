// The project's own lint: typescript-eslint strict + type-checked everywhere, eslint-plugin-eslint-plugin on rules.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'fixtures/**', 'test/typed-project/**', 'bench/out/**', 'bench/realworld/**', 'coverage/**', 'docs/**'],
  },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', '.eslint-doc-generatorrc.js', 'scripts/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
    },
  },
  {
    files: ['rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce)' }],
      'eslint-plugin/require-meta-docs-url': 'off',
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/prefer-message-ids': 'error',
      'eslint-plugin/no-property-in-node': 'off',
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='context'][property.name='options']", message: 'Read options from create(context, [options]) after defaultOptions.' }],
    },
  },
  {
    files: ['eslint.config.js', '.eslint-doc-generatorrc.js', 'scripts/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
