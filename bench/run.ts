import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { filesForRoutes, generateProject, type GeneratedProject } from './generate.js';
import type { LintJob, LintOutcome } from './lint-worker.js';

/**
 * `npm run bench`: generates backend projects of 500, 2,000 and 5,000 files and measures, each
 * run in a fresh process, ESLint parse-only vs `configs.recommended` vs `configs.all` (untyped and
 * typed), typescript-eslint's `recommended` (untyped) / `recommended-type-checked` (typed) alone vs
 * with our `configs.recommended` added, per-rule time (ESLint `stats`), `backend-patterns audit` vs
 * `tsc --noEmit` (time and peak RSS), the audit on a generated project of 1,000 routes, and time per
 * file by size. Prints a table and writes bench/results.json. Every lint run also reports its CPU
 * time, and the ratios are printed in CPU time too: on cores shared with other work, wall time
 * swings with the load while CPU time hardly does.
 *
 * Environment: BENCH_SIZES (default 500,2000,5000), BENCH_ALL_SIZES (sizes that also run
 * configs.all; 500,2000), BENCH_TYPED_SIZES (500), BENCH_REPS (3), BENCH_TOOL_SIZE (2000),
 * BENCH_TOOL_REPS (2), BENCH_TSESLINT_SIZES (untyped sizes of the typescript-eslint rows; 2000),
 * BENCH_ROUTES (routes of the audited route project; 1000), BENCH_DIST (the build to measure; dist),
 * BENCH_KEEP=1 keeps the generated projects. The defaults fit in 10 minutes
 * on 2 idle cores; typed runs at 2,000 files (BENCH_TYPED_SIZES=500,2000) add about 3 minutes.
 */

const OUT = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(OUT, '..', '..');
/** The built plugin; BENCH_DIST points at another build output (for a copy that a rebuild cannot change mid-run). */
const DIST = process.env.BENCH_DIST ?? path.join(REPO, 'dist');
const PLUGIN = path.join(DIST, 'src', 'index.js');
const AUDIT_CLI = path.join(DIST, 'src', 'audit', 'cli.js');
const TSC = path.join(REPO, 'node_modules', 'typescript', 'lib', 'tsc.js');

/**
 * untypedRatio / typedRatio: our `configs.recommended` vs parse-only; addedUntyped / addedTyped: what
 * adding it costs on top of typescript-eslint's `recommended` / `recommended-type-checked`.
 */
const GOALS = { untypedRatio: 1.1, typedRatio: 1.2, addedUntyped: 1.1, addedTyped: 1.1, auditVsTsc: 1.0, perFileGrowth: 1.2 } as const;

function numbers(name: string, fallback: readonly number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return [...fallback];
  return raw.split(',').map((item) => Number(item.trim())).filter((item) => Number.isInteger(item) && item > 0);
}

const SIZES = numbers('BENCH_SIZES', [500, 2000, 5000]);
const ALL_SIZES = numbers('BENCH_ALL_SIZES', [500, 2000]);
const TYPED_SIZES = numbers('BENCH_TYPED_SIZES', [500]).filter((size) => SIZES.includes(size));
const REPS = numbers('BENCH_REPS', [3])[0] ?? 3;
const TOOL_SIZE = numbers('BENCH_TOOL_SIZE', [2000])[0] ?? 2000;
const TOOL_REPS = numbers('BENCH_TOOL_REPS', [2])[0] ?? 2;
const TSESLINT_SIZES = numbers('BENCH_TSESLINT_SIZES', [2000]).filter((size) => SIZES.includes(size));
const ROUTES = numbers('BENCH_ROUTES', [1000])[0] ?? 1000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function lint(job: Omit<LintJob, 'pluginUrl'>): LintOutcome {
  const full: LintJob = { ...job, pluginUrl: pathToFileURL(PLUGIN).href };
  const child = spawnSync(process.execPath, [path.join(OUT, 'lint-worker.js'), JSON.stringify(full)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`lint run failed (${job.config}, typed: ${String(job.typed)}):\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as LintOutcome;
}

interface ToolRun {
  readonly ms: number;
  readonly maxRssKb: number;
  readonly status: number | null;
}

/** Runs a Node program in a child process with the peak-RSS preload; wall time measured here. */
function runTool(script: string, args: readonly string[], cwd: string): ToolRun {
  const peakFile = path.join(tmpdir(), `backend-patterns-bench-peak-${String(process.pid)}.json`);
  rmSync(peakFile, { force: true });
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(OUT, 'peak.js')).href, script, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, BENCH_PEAK_FILE: peakFile },
  });
  const ms = performance.now() - start;
  const peak = existsSync(peakFile) ? (JSON.parse(readFileSync(peakFile, 'utf8')) as { maxRssKb: number }).maxRssKb : 0;
  rmSync(peakFile, { force: true });
  return { ms, maxRssKb: peak, status: child.status };
}

type Config = LintJob['config'];
const CONFIGS: readonly Config[] = ['parse', 'engine', 'recommended', 'all'];
/** typescript-eslint's preset alone and with ours added (untyped at `BENCH_TSESLINT_SIZES`, typed at every typed size). */
const TSESLINT_CONFIGS: readonly Config[] = ['tseslint', 'tseslint+ours'];
/** Configs run only at `BENCH_ALL_SIZES`. */
const SMALL_SIZE_CONFIGS: ReadonlySet<Config> = new Set(['engine', 'all']);

interface LintSeries {
  readonly size: number;
  readonly typed: boolean;
  readonly config: Config;
  readonly runsMs: number[];
  /** CPU time of the same runs (see `LintOutcome.cpuMs`). */
  readonly cpuRunsMs: number[];
  medianMs: number;
  medianCpuMs: number;
  msPerFile: number;
  maxRssKb: number;
  findings: Record<string, number>;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function ratioText(value: number | undefined, goal: number): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return `${value.toFixed(3)}× (goal ≤ ${goal.toFixed(2)}×) ${value <= goal ? 'met' : 'MISSED'}`;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')).join('\n');
}

function main(): void {
  if (!existsSync(PLUGIN)) {
    process.stderr.write('dist/src/index.js is missing: run `npm run build` first (npm run bench does).\n');
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const loadBefore = loadavg();
  const workDir = path.join(tmpdir(), 'backend-patterns-bench');
  mkdirSync(workDir, { recursive: true });
  const projects = new Map<number, GeneratedProject>();
  const allSizes = [...new Set([...SIZES, TOOL_SIZE])].sort((a, b) => a - b);
  for (const size of allSizes) {
    projects.set(size, generateProject(path.join(workDir, `project-${String(size)}`), size, { nodeModules: path.join(REPO, 'node_modules') }));
  }
  const routeProject = generateProject(path.join(workDir, `project-${String(ROUTES)}-routes`), filesForRoutes(ROUTES), { nodeModules: path.join(REPO, 'node_modules') });
  process.stdout.write(
    `Generated ${allSizes.map((size) => `${String(size)} files (${String(projects.get(size)?.lines)} lines)`).join(', ')}, and ${String(routeProject.routes)} routes in ${String(routeProject.files)} files, under ${workDir}\n`,
  );

  // Warm the disk cache and the compiled-code cache once; not measured.
  const first = projects.get(allSizes[0] ?? 500);
  if (first !== undefined) lint({ root: first.root, config: 'parse', typed: false, stats: false });

  const series: LintSeries[] = [];
  const plan: { size: number; typed: boolean; configs: readonly Config[] }[] = [
    ...SIZES.map((size) => ({
      size,
      typed: false,
      configs: [...(ALL_SIZES.includes(size) ? CONFIGS : CONFIGS.filter((config) => !SMALL_SIZE_CONFIGS.has(config))), ...(TSESLINT_SIZES.includes(size) ? TSESLINT_CONFIGS : [])],
    })),
    ...TYPED_SIZES.map((size) => ({ size, typed: true, configs: ['parse', 'recommended', ...TSESLINT_CONFIGS] as Config[] })),
  ];
  for (const { size, typed, configs } of plan) {
    const root = projects.get(size)?.root ?? '';
    const entries = configs.map((config): LintSeries => ({ size, typed, config, runsMs: [], cpuRunsMs: [], medianMs: 0, medianCpuMs: 0, msPerFile: 0, maxRssKb: 0, findings: {} }));
    // Interleave the configs inside each repetition, so drift in machine load hits them alike.
    for (let rep = 0; rep < REPS; rep += 1) {
      for (const entry of entries) {
        const outcome = lint({ root, config: entry.config, typed, stats: false });
        if (outcome.fatal > 0) throw new Error(`${String(outcome.fatal)} files of the generated project did not parse`);
        entry.runsMs.push(outcome.ms);
        entry.cpuRunsMs.push(outcome.cpuMs);
        entry.maxRssKb = Math.max(entry.maxRssKb, outcome.maxRssKb);
        entry.findings = outcome.byRule;
      }
      process.stdout.write(`  ${typed ? 'typed  ' : 'untyped'} ${String(size)} files, repetition ${String(rep + 1)}/${String(REPS)}: ${entries.map((entry) => `${entry.config} ${seconds(entry.runsMs[rep] ?? 0)}`).join(', ')}\n`);
    }
    for (const entry of entries) {
      entry.medianMs = median(entry.runsMs);
      entry.medianCpuMs = median(entry.cpuRunsMs);
      entry.msPerFile = entry.medianMs / size;
      series.push(entry);
    }
  }

  // Per-rule time, from ESLint's stats, with configs.all (untyped at the middle size, typed at the smallest).
  const statsSize = SIZES.includes(2000) ? 2000 : (SIZES[0] ?? 500);
  const perRule: { typed: boolean; size: number; parseMs: number; totalMs: number; rules: Record<string, number> }[] = [];
  const statsRuns: { typed: boolean; size: number }[] = [{ typed: false, size: statsSize }];
  if (TYPED_SIZES[0] !== undefined) statsRuns.push({ typed: true, size: TYPED_SIZES[0] });
  for (const { typed, size } of statsRuns) {
    const outcome = lint({ root: projects.get(size)?.root ?? '', config: 'all', typed, stats: true });
    perRule.push({ typed, size, parseMs: outcome.parseMs, totalMs: outcome.ms, rules: outcome.ruleMs });
  }

  // The audit vs tsc --noEmit on the same project.
  const toolProject = projects.get(TOOL_SIZE);
  const tools: { name: string; project: string; runs: ToolRun[]; medianMs: number; maxRssKb: number; note?: string }[] = [];
  const toolSeries = (name: string, project: string, runs: ToolRun[]): (typeof tools)[number] => {
    const failed = runs.find((run) => run.status !== 0 && run.status !== 1);
    return {
      name,
      project,
      runs,
      medianMs: median(runs.map((run) => run.ms)),
      maxRssKb: Math.max(...runs.map((run) => run.maxRssKb)),
      ...(failed === undefined ? {} : { note: `exit status ${String(failed.status)}` }),
    };
  };
  if (toolProject !== undefined) {
    const tscRuns: ToolRun[] = [];
    const auditRuns: ToolRun[] = [];
    const auditAvailable = existsSync(AUDIT_CLI);
    for (let rep = 0; rep < TOOL_REPS; rep += 1) {
      tscRuns.push(runTool(TSC, ['--noEmit', '-p', 'tsconfig.json'], toolProject.root));
      if (auditAvailable) auditRuns.push(runTool(AUDIT_CLI, ['audit', '.', '--format', 'json', '--fail-on', 'never', '--output', path.join(workDir, 'audit-report.json')], toolProject.root));
    }
    tools.push(toolSeries('tsc --noEmit', `${String(TOOL_SIZE)} files`, tscRuns));
    if (auditAvailable) {
      tools.push(toolSeries('backend-patterns audit', `${String(TOOL_SIZE)} files`, auditRuns));
      // The bundled example backend, as `npm start` audits it (exit 1: it has findings by design).
      const exampleApp = path.join(REPO, 'fixtures', 'example-app');
      const exampleTsc: ToolRun[] = [];
      const exampleAudit: ToolRun[] = [];
      for (let rep = 0; rep < TOOL_REPS; rep += 1) {
        exampleTsc.push(runTool(TSC, ['--noEmit', '-p', 'tsconfig.json'], exampleApp));
        exampleAudit.push(runTool(AUDIT_CLI, ['audit', '.', '--config', 'backend-patterns.config.json', '--format', 'json', '--output', path.join(workDir, 'example-report.json')], exampleApp));
      }
      tools.push(toolSeries('tsc --noEmit', 'example-app', exampleTsc), toolSeries('backend-patterns audit', 'example-app', exampleAudit));
    } else {
      process.stdout.write('  audit not available in this build (dist/src/audit/cli.js is missing); only tsc --noEmit is measured\n');
    }
  }

  // The audit on the generated route project (routes found, findings, time, peak RSS).
  const routeRuns: ToolRun[] = [];
  const routeTscRuns: ToolRun[] = [];
  let routeReport: { routes: number; findings: number } | undefined;
  if (existsSync(AUDIT_CLI)) {
    const reportFile = path.join(workDir, 'route-report.json');
    for (let rep = 0; rep < TOOL_REPS; rep += 1) {
      routeTscRuns.push(runTool(TSC, ['--noEmit', '-p', 'tsconfig.json'], routeProject.root));
      routeRuns.push(runTool(AUDIT_CLI, ['audit', '.', '--format', 'json', '--fail-on', 'never', '--output', reportFile], routeProject.root));
    }
    if (existsSync(reportFile)) {
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { routes?: unknown[]; findings?: unknown[] };
      routeReport = { routes: report.routes?.length ?? 0, findings: report.findings?.length ?? 0 };
    }
    const label = `${String(routeProject.routes)} routes, ${String(routeProject.files)} files`;
    tools.push(toolSeries('tsc --noEmit', label, routeTscRuns), {
      ...toolSeries('backend-patterns audit', label, routeRuns),
      ...(routeReport === undefined ? {} : { note: `${String(routeReport.routes)} routes, ${String(routeReport.findings)} findings reported` }),
    });
  }

  // Ratios against the goals.
  const find = (size: number, typed: boolean, config: Config): LintSeries | undefined =>
    series.find((entry) => entry.size === size && entry.typed === typed && entry.config === config);
  const ratios = {
    untypedRecommended: Object.fromEntries(SIZES.map((size) => [size, (find(size, false, 'recommended')?.medianMs ?? NaN) / (find(size, false, 'parse')?.medianMs ?? NaN)])),
    untypedAll: Object.fromEntries(SIZES.map((size) => [size, (find(size, false, 'all')?.medianMs ?? NaN) / (find(size, false, 'parse')?.medianMs ?? NaN)])),
    untypedRecommendedVsEngine: Object.fromEntries(
      SIZES.filter((size) => find(size, false, 'engine') !== undefined).map((size) => [size, (find(size, false, 'recommended')?.medianMs ?? NaN) / (find(size, false, 'engine')?.medianMs ?? NaN)]),
    ),
    typedRecommended: Object.fromEntries(TYPED_SIZES.map((size) => [size, (find(size, true, 'recommended')?.medianMs ?? NaN) / (find(size, true, 'parse')?.medianMs ?? NaN)])),
    addedUntyped: Object.fromEntries(TSESLINT_SIZES.map((size) => [size, (find(size, false, 'tseslint+ours')?.medianMs ?? NaN) / (find(size, false, 'tseslint')?.medianMs ?? NaN)])),
    addedTyped: Object.fromEntries(TYPED_SIZES.map((size) => [size, (find(size, true, 'tseslint+ours')?.medianMs ?? NaN) / (find(size, true, 'tseslint')?.medianMs ?? NaN)])),
  };
  /** The same ratios in CPU time: what a busy machine skews least. */
  const cpuRatio = (size: number, typed: boolean, config: Config, base: Config): number => (find(size, typed, config)?.medianCpuMs ?? NaN) / (find(size, typed, base)?.medianCpuMs ?? NaN);
  const cpuText = (value: number): string => ` (CPU time: ${Number.isFinite(value) ? `${value.toFixed(3)}×` : 'n/a'})`;
  const cpuRatios = {
    untypedRecommended: Object.fromEntries(SIZES.map((size) => [size, cpuRatio(size, false, 'recommended', 'parse')])),
    typedRecommended: Object.fromEntries(TYPED_SIZES.map((size) => [size, cpuRatio(size, true, 'recommended', 'parse')])),
    addedUntyped: Object.fromEntries(TSESLINT_SIZES.map((size) => [size, cpuRatio(size, false, 'tseslint+ours', 'tseslint')])),
    addedTyped: Object.fromEntries(TYPED_SIZES.map((size) => [size, cpuRatio(size, true, 'tseslint+ours', 'tseslint')])),
  };
  const smallest = SIZES[0];
  const largest = SIZES[SIZES.length - 1];
  const perFileGrowth =
    smallest === undefined || largest === undefined ? NaN : (find(largest, false, 'recommended')?.msPerFile ?? NaN) / (find(smallest, false, 'recommended')?.msPerFile ?? NaN);
  const toolAt = `${String(TOOL_SIZE)} files`;
  const tsc = tools.find((tool) => tool.name === 'tsc --noEmit' && tool.project === toolAt);
  const audit = tools.find((tool) => tool.name === 'backend-patterns audit' && tool.project === toolAt);
  const auditVsTsc = audit === undefined || tsc === undefined ? undefined : audit.medianMs / tsc.medianMs;

  // Report.
  const lintRows = [
    ['mode', 'files', 'config', `median (${String(REPS)} runs)`, 'ms/file', 'vs parse', 'vs tseslint', 'CPU median', 'CPU vs parse', 'CPU vs tseslint', 'peak RSS', 'findings'],
    ...series.map((entry) => {
      const parse = find(entry.size, entry.typed, 'parse');
      return [
        entry.typed ? 'typed' : 'untyped',
        String(entry.size),
        entry.config,
        seconds(entry.medianMs),
        entry.msPerFile.toFixed(2),
        parse === undefined ? '' : `${(entry.medianMs / parse.medianMs).toFixed(3)}×`,
        entry.config === 'tseslint+ours' ? `${(entry.medianMs / (find(entry.size, entry.typed, 'tseslint')?.medianMs ?? NaN)).toFixed(3)}×` : '',
        seconds(entry.medianCpuMs),
        parse === undefined ? '' : `${(entry.medianCpuMs / parse.medianCpuMs).toFixed(3)}×`,
        entry.config === 'tseslint+ours' ? `${(entry.medianCpuMs / (find(entry.size, entry.typed, 'tseslint')?.medianCpuMs ?? NaN)).toFixed(3)}×` : '',
        `${String(Math.round(entry.maxRssKb / 1024))} MB`,
        String(Object.entries(entry.findings).filter(([id]) => id.startsWith('backend-patterns/')).reduce((sum, [, count]) => sum + count, 0)),
      ];
    }),
  ];
  process.stdout.write(
    `\nESLint (each run a fresh process; time of lintFiles; tseslint = typescript-eslint recommended untyped, recommended-type-checked typed)\n${table(lintRows)}\n`,
  );
  for (const entry of perRule) {
    const rows = [
      ['rule', 'ms', '% of run'],
      ['(parse)', entry.parseMs.toFixed(0), `${((100 * entry.parseMs) / entry.totalMs).toFixed(1)}%`],
      ...Object.entries(entry.rules)
        .sort(([, a], [, b]) => b - a)
        .map(([id, ms]) => [id, ms.toFixed(0), `${((100 * ms) / entry.totalMs).toFixed(1)}%`]),
    ];
    process.stdout.write(`\nPer-rule time, configs.all, ${entry.typed ? 'typed' : 'untyped'}, ${String(entry.size)} files (ESLint stats, one run of ${seconds(entry.totalMs)})\n${table(rows)}\n`);
  }
  if (tools.length > 0) {
    const rows = [['tool', 'project', `median (${String(TOOL_REPS)} runs)`, 'peak RSS', 'note'], ...tools.map((tool) => [tool.name, tool.project, seconds(tool.medianMs), `${String(Math.round(tool.maxRssKb / 1024))} MB`, tool.note ?? ''])];
    process.stdout.write(`\nWhole-project tools (child process, wall time)\n${table(rows)}\n`);
  }
  const totalMs = performance.now() - started;
  const goalLines = [
    ...SIZES.map((size) => `untyped recommended / parse-only at ${String(size)} files: ${ratioText(ratios.untypedRecommended[size], GOALS.untypedRatio)}${cpuText(cpuRatios.untypedRecommended[size] ?? NaN)}`),
    ...Object.entries(ratios.untypedRecommendedVsEngine).map(([size, ratio]) => `  (not a goal) untyped recommended / one no-op rule at ${size} files: ${ratio.toFixed(3)}× — the part of the ratio our rules add beyond ESLint running any rule`),
    ...TYPED_SIZES.map((size) => `typed recommended / typed parse-only at ${String(size)} files: ${ratioText(ratios.typedRecommended[size], GOALS.typedRatio)}${cpuText(cpuRatios.typedRecommended[size] ?? NaN)}`),
    ...TSESLINT_SIZES.map((size) => `untyped: typescript-eslint recommended + ours / alone at ${String(size)} files: ${ratioText(ratios.addedUntyped[size], GOALS.addedUntyped)}${cpuText(cpuRatios.addedUntyped[size] ?? NaN)}`),
    ...TYPED_SIZES.map((size) => `typed: typescript-eslint recommended-type-checked + ours / alone at ${String(size)} files: ${ratioText(ratios.addedTyped[size], GOALS.addedTyped)}${cpuText(cpuRatios.addedTyped[size] ?? NaN)}`),
    `audit / tsc --noEmit at ${String(TOOL_SIZE)} files: ${auditVsTsc === undefined ? 'audit not available in this build' : ratioText(auditVsTsc, GOALS.auditVsTsc)}`,
    `time per file, ${String(largest)} vs ${String(smallest)} files (untyped recommended): ${ratioText(perFileGrowth, GOALS.perFileGrowth)}`,
    ...(routeRuns.length === 0
      ? []
      : [
          `  (not a goal) audit of ${String(routeProject.routes)} routes (${String(routeProject.files)} files): ${seconds(median(routeRuns.map((run) => run.ms)))}, ${(median(routeRuns.map((run) => run.ms)) / median(routeTscRuns.map((run) => run.ms))).toFixed(3)}× tsc --noEmit; ${routeReport === undefined ? 'no report' : `${String(routeReport.routes)} routes and ${String(routeReport.findings)} findings reported`}`,
        ]),
  ];
  process.stdout.write(`\nGoals (SPEC §7)\n${goalLines.map((line) => `  ${line}`).join('\n')}\n`);
  process.stdout.write(`\nLoad average ${loadBefore.map((value) => value.toFixed(1)).join('/')} before, ${loadavg().map((value) => value.toFixed(1)).join('/')} after, on ${String(cpus().length)} cores; whole bench ${seconds(totalMs)}.\n`);

  const results = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    loadAverage: { before: loadBefore, after: loadavg() },
    settings: { sizes: SIZES, allSizes: ALL_SIZES, typedSizes: TYPED_SIZES, tseslintSizes: TSESLINT_SIZES, routes: ROUTES, repetitions: REPS, toolSize: TOOL_SIZE, toolRepetitions: TOOL_REPS },
    projects: Object.fromEntries([...projects].map(([size, project]) => [size, { files: project.files, lines: project.lines }])),
    routeProject: { files: routeProject.files, lines: routeProject.lines, routes: routeProject.routes, report: routeReport ?? null },
    lint: series,
    perRule,
    tools: tools.map(({ name, project, runs, medianMs, maxRssKb, note }) => ({ name, project, runsMs: runs.map((run) => run.ms), medianMs, maxRssKb, note })),
    auditAvailable: audit !== undefined,
    ratios: { ...ratios, auditVsTsc: auditVsTsc ?? null, perFileGrowth },
    cpuRatios,
    goals: GOALS,
    totalMs,
  };
  writeFileSync(path.join(REPO, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write('Wrote bench/results.json\n');
  if (process.env.BENCH_KEEP !== '1') rmSync(workDir, { recursive: true, force: true });
}

main();
