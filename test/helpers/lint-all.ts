import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from '../../src/index.js';

/** What one file did to the rules: a rule exception is a crash; a fatal message is a parse error. */
export interface LintOutcome {
  readonly crash?: { readonly message: string; readonly stack: string };
  readonly parseError?: string;
  readonly messages: number;
}

/** Every rule of the plugin on, untyped or with the given TypeScript programs, through `Linter`. */
export function allRulesConfig(parserOptions: Linter.ParserOptions = {}): Linter.Config[] {
  return [
    {
      files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
      languageOptions: {
        parser: tseslint.parser,
        sourceType: 'module',
        parserOptions: { ecmaFeatures: { jsx: true }, ...parserOptions },
      },
    },
    // The crash sweep covers every file, including those the presets' default scope leaves out.
    { ...(plugin.configs.all as Linter.Config), ignores: [] },
  ];
}

/**
 * Lints `code` as `filename` with `configs.all`. ESLint rethrows an exception raised inside a rule
 * (with `Rule: "<id>"` appended); a file that does not parse comes back as one fatal message.
 */
export function lintForCrashes(linter: Linter, code: string, filename: string, config: Linter.Config[]): LintOutcome {
  try {
    const messages = linter.verify(code, config, { filename });
    const fatal = messages.find((message) => message.fatal === true);
    if (fatal !== undefined && fatal.ruleId === null) return { parseError: `${String(fatal.line)}:${String(fatal.column)} ${fatal.message}`, messages: messages.length };
    return { messages: messages.length };
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    return { crash: { message: err.message, stack: err.stack ?? '' }, messages: 0 };
  }
}
