/** eslint-doc-generator owns the README rules table and each rule doc's header (`npm run docs`). */
export default {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ignoreConfig: ['all'],
  ruleDocTitleFormat: 'desc',
  ruleDocSectionInclude: ['Examples', 'When not to use it'],
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions', 'requiresTypeChecking'],
  urlConfigs: 'https://github.com/eslint-plugin-backend-patterns/eslint-plugin-backend-patterns#configs',
};
