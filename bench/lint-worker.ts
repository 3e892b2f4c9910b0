import { ESLint, type Linter } from 'eslint';
import { performance } from 'node:perf_hooks';
import tseslint from 'typescript-eslint';

/**
 * One measured ESLint run in a fresh process, so every repetition starts cold as a CLI run does
 * (typed linting caches programs per process). Input: a JSON job in argv[2]; output: one JSON line.
 */
export interface LintJob {
  readonly root: string;
  /**
   * `engine`: the parser plus one rule that does nothing (ESLint's own cost of running any rule).
   * `tseslint`: typescript-eslint's `recommended` (untyped) or `recommended-type-checked` (typed)
   * alone; `tseslint+ours`: the same plus our `configs.recommended` — what users who already lint
   * with typescript-eslint pay for adding the plugin.
   */
  readonly config: 'parse' | 'engine' | 'recommended' | 'all' | 'tseslint' | 'tseslint+ours';
  readonly typed: boolean;
  readonly stats: boolean;
  readonly pluginUrl: string;
}

export interface LintOutcome {
  readonly ms: number;
  /**
   * CPU time (user + system, all threads) of lintFiles: unlike wall time it hardly moves when
   * other processes share the cores, so ratios of it stay readable on a busy machine.
   */
  readonly cpuMs: number;
  readonly files: number;
  readonly messages: number;
  readonly fatal: number;
  readonly byRule: Record<string, number>;
  /** Per-rule milliseconds summed over files (ESLint `stats`), when asked. */
  readonly ruleMs: Record<string, number>;
  readonly parseMs: number;
  readonly maxRssKb: number;
}

/** The built plugin's shape, as the bench uses it (imported from dist/ at run time). */
export interface BuiltPlugin {
  readonly rules: Readonly<Record<string, unknown>>;
  readonly configs: Readonly<Record<'recommended' | 'strict' | 'all', Linter.Config>>;
}

const job = JSON.parse(process.argv[2] ?? '{}') as LintJob;
const plugin = ((await import(job.pluginUrl)) as { default: BuiltPlugin }).default;
const configs: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: job.typed ? { projectService: true, tsconfigRootDir: job.root } : {},
    },
  },
];
if (job.config === 'engine') {
  const noop = { meta: { type: 'problem' as const, schema: [] }, create: () => ({}) };
  configs.push({ plugins: { bench: { rules: { noop } } }, rules: { 'bench/noop': 'error' } });
} else if (job.config === 'tseslint' || job.config === 'tseslint+ours') {
  const preset = job.typed ? tseslint.configs.recommendedTypeChecked : tseslint.configs.recommended;
  configs.push(...preset.map((config): Linter.Config => ({ ...config, files: ['**/*.ts'] })));
  if (job.config === 'tseslint+ours') configs.push(plugin.configs.recommended);
} else if (job.config !== 'parse') {
  configs.push(plugin.configs[job.config]);
}
const eslint = new ESLint({ cwd: job.root, overrideConfigFile: true, overrideConfig: configs, stats: job.stats, cache: false });

const start = performance.now();
const cpuStart = process.cpuUsage();
const results = await eslint.lintFiles(['src/**/*.ts']);
const cpu = process.cpuUsage(cpuStart);
const ms = performance.now() - start;

const byRule: Record<string, number> = {};
const ruleMs: Record<string, number> = {};
let parseMs = 0;
let fatal = 0;
for (const result of results) {
  for (const message of result.messages) {
    if (message.fatal === true) fatal += 1;
    const id = message.ruleId ?? '(parse)';
    byRule[id] = (byRule[id] ?? 0) + 1;
  }
  for (const pass of result.stats?.times.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    for (const [id, time] of Object.entries(pass.rules ?? {})) ruleMs[id] = (ruleMs[id] ?? 0) + time.total;
  }
}
const outcome: LintOutcome = {
  ms,
  cpuMs: (cpu.user + cpu.system) / 1000,
  files: results.length,
  messages: results.reduce((sum, result) => sum + result.messages.length, 0),
  fatal,
  byRule,
  ruleMs,
  parseMs,
  maxRssKb: process.resourceUsage().maxRSS,
};
process.stdout.write(`${JSON.stringify(outcome)}\n`);
