import { existsSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { DEFAULT_SCOPE_IGNORES } from '../core/catalogs/scope.js';
import { ConfigError } from '../core/errors.js';
import { RULES, type RuleId } from '../core/rule-registry.js';
import plugin from '../index.js';
import { findEslintConfig } from './eslint-task.js';
import type { Finding } from './findings.js';
import { relativePath } from './load-project.js';

export interface EslintRunOptions {
  readonly root: string;
  /** Absolute paths of the files to lint. */
  readonly files: readonly string[];
  /** The files' text as the audit read it (same order): linted as is, without ESLint reading each file again. */
  readonly texts?: readonly string[] | undefined;
  /** Load the project's own `eslint.config.*` (executes it). Off for untrusted code. */
  readonly configLookup: boolean;
  /** `settings['backend-patterns']` from `--config`, applied over the project's. */
  readonly settings: unknown;
  /** Only these rule ids (without the `backend-patterns/` prefix); undefined for the config's choice. */
  readonly rules: readonly string[] | undefined;
  /** ESLint's cache file, keyed by file content (`cacheStrategy: 'content'`); undefined for no cache. */
  readonly cacheLocation?: string | undefined;
}

const PREFIX = 'backend-patterns/';

/**
 * Runs the plugin's per-file rules through ESLint's Node API: with the project's own ESLint
 * config when there is one and lookup is allowed, else `configs.recommended` with the typescript-eslint
 * parser. Inline `eslint-disable` comments and ESLint's bulk suppressions file
 * (`eslint-suppressions.json`) are honoured by ESLint itself. Only this plugin's reports are kept;
 * a file ESLint cannot parse is listed as a `parse-error` finding.
 */
export async function runEslint(options: EslintRunOptions): Promise<Finding[]> {
  const userConfig = options.configLookup ? findEslintConfig(options.root) : undefined;
  const overrides: Linter.Config[] = [];
  if (userConfig === undefined) {
    overrides.push({ files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], languageOptions: { parser: tsParser } });
    overrides.push(plugin.configs.recommended as Linter.Config);
  }
  if (options.settings !== undefined) overrides.push({ settings: { 'backend-patterns': options.settings } });
  if (options.rules !== undefined) {
    const rules: Linter.RulesRecord = {};
    // A rule chosen by name runs as itself, with its own defaults, not the options a preset gives it
    // (no-untyped-throw judges a bare Error everywhere; the audit then drops what every caller catches).
    const ownDefaults = (id: string): Linter.RuleEntry => (Object.hasOwn(RULES, id) && 'presetOptions' in RULES[id as RuleId] ? ['error', {}] : 'error');
    for (const id of Object.keys(plugin.rules)) rules[`${PREFIX}${id}`] = options.rules.includes(id) ? ownDefaults(id) : 'off';
    // The rules chosen on the command line keep the presets' default scope (tests, mocks, migrations, seeds, scripts).
    overrides.push({ plugins: { 'backend-patterns': plugin as unknown as ESLint.Plugin }, rules });
    const off: Linter.RulesRecord = {};
    for (const id of Object.keys(plugin.rules)) off[`${PREFIX}${id}`] = 'off';
    overrides.push({ files: [...DEFAULT_SCOPE_IGNORES], plugins: { 'backend-patterns': plugin as unknown as ESLint.Plugin }, rules: off });
  }
  const suppressions = path.join(options.root, 'eslint-suppressions.json');
  const eslint = new ESLint({
    cwd: options.root,
    overrideConfigFile: userConfig ?? true,
    overrideConfig: overrides,
    ignore: userConfig !== undefined,
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
    ...(options.cacheLocation === undefined ? {} : { cache: true, cacheLocation: options.cacheLocation, cacheStrategy: 'content' as const }),
    ...(existsSync(suppressions) ? { applySuppressions: true, suppressionsLocation: suppressions } : {}),
  });
  let results: ESLint.LintResult[];
  try {
    const texts = options.texts;
    if (texts !== undefined && texts.length === options.files.length && options.cacheLocation === undefined) {
      // The text the audit already read: ESLint applies the same config, ignores and suppressions to it
      // as to the file (its content cache, keyed by what it reads from disk, needs lintFiles).
      results = [];
      for (const [index, file] of options.files.entries()) results.push(...(await eslint.lintText(texts[index] ?? '', { filePath: file, warnIgnored: false })));
    } else {
      results = await eslint.lintFiles([...options.files]);
    }
  } catch (error) {
    throw explainConfigFailure(error, userConfig);
  }
  const findings: Finding[] = [];
  for (const result of results) {
    const file = relativePath(options.root, result.filePath);
    for (const message of result.messages) {
      const line = message.line || 1;
      const column = message.column || 1;
      const position = { file, line, column, endLine: message.endLine ?? line, endColumn: message.endColumn ?? column };
      if (message.fatal === true) {
        findings.push({ ruleId: 'parse-error', severity: 'error', ...position, message: message.message });
      } else if (message.ruleId?.startsWith(PREFIX) === true) {
        findings.push({ ruleId: message.ruleId.slice(PREFIX.length), severity: message.severity === 2 ? 'error' : 'warning', ...position, message: message.message });
      }
    }
  }
  return findings;
}

/** What the project's ESLint config says about the audit: its settings, and the files where it runs the plugin's rules. */
export interface EslintView {
  /** `settings['backend-patterns']` as the config gives it for the first file. */
  readonly settings: unknown;
  /** Absolute paths of the files the config lints with at least one of the plugin's rules; undefined when it enables none anywhere. */
  readonly inScope: ReadonlySet<string> | undefined;
}

/**
 * Reads the project's ESLint config for every file (executes the config): the settings, and the
 * scope of the plugin's rules there — files ESLint ignores, and files the presets leave out
 * (their `ignores`: tests, mocks, migrations, seeds, scripts) or the user's own `ignores` do, have
 * no rule of the plugin enabled, so the project checks leave them out too.
 */
export async function eslintViewOfProject(root: string, files: readonly string[]): Promise<EslintView | undefined> {
  const config = findEslintConfig(root);
  if (config === undefined || files.length === 0) return undefined;
  const eslint = new ESLint({ cwd: root, overrideConfigFile: config });
  try {
    let settings: unknown;
    const inScope = new Set<string>();
    for (const [index, file] of files.entries()) {
      const calculated = (await eslint.calculateConfigForFile(file)) as { settings?: Record<string, unknown>; rules?: Record<string, unknown> } | undefined;
      if (index === 0) settings = calculated?.settings?.['backend-patterns'];
      if (calculated === undefined) continue;
      const enabled = Object.entries(calculated.rules ?? {}).some(([id, entry]) => id.startsWith(PREFIX) && severityOf(entry) > 0);
      if (enabled) inScope.add(file);
    }
    return { settings, inScope: inScope.size === 0 ? undefined : inScope };
  } catch (error) {
    throw explainConfigFailure(error, config);
  }
}

function severityOf(entry: unknown): number {
  const level = Array.isArray(entry) ? (entry as unknown[])[0] : entry;
  return level === 'error' || level === 2 ? 2 : level === 'warn' || level === 1 ? 1 : 0;
}

/**
 * A failure that comes from the project's own ESLint config — loading it, or a rule of another
 * plugin it enables — is the user's to fix, not a bug of this package: it becomes a `ConfigError`
 * (one line, exit 2). A crash of one of our rules stays what it is.
 */
function explainConfigFailure(error: unknown, config: string | undefined): unknown {
  if (config === undefined || !(error instanceof Error)) return error;
  // ESLint names the rule of a crash in a listener (`Rule: "x/y"`) or in `create()` (`Error while loading rule 'x/y'`).
  const ruleId = /Rule: "([^"]+)"/.exec(error.message)?.[1] ?? /Error while loading rule '([^']+)'/.exec(error.message)?.[1];
  if (ruleId?.startsWith(PREFIX) === true) return error;
  const first = error.message.split('\n')[0] ?? '';
  const what = ruleId === undefined ? `Cannot use the project's ESLint config ${path.basename(config)}` : `Rule '${ruleId}' of the project's ESLint config failed`;
  return new ConfigError(`${what}: ${first} (fix it, or pass --no-config-lookup to audit with configs.recommended)`);
}
