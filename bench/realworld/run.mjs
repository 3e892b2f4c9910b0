#!/usr/bin/env node
// Lints the checked-out real backends (bench/realworld/.repos, see checkout.mjs) with the BUILT
// plugin (run `npm run build` first: this script builds nothing) and writes
// bench/realworld/out/<config>[-typed]/<name>.json.
//
// npm run realworld -- [--config recommended|strict|all] [--repo name[,name]] [--typed] [--batch 150]
//                       [--rules rule-a,rule-b] [--out <dir>]
// --rules lints with only those rules of the plugin (with the config's options for them where it
// enables them, else at "error"), whatever else the config enables;
// --out writes there instead of bench/realworld/out/<config>[-typed]/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { listTsFiles, loadRepos, OUT_DIR, parseArgs, PROJECT, REPOS_DIR } from './lib.mjs';

const options = parseArgs(process.argv.slice(2), { config: 'string', repo: 'string', typed: 'boolean', batch: 'string', rules: 'string', out: 'string' });
const configName = options.config ?? 'recommended';
const typed = options.typed === true;
const batchSize = Number(options.batch ?? 150);
const only = options.repo ? new Set(options.repo.split(',')) : undefined;

const pluginPath = path.join(PROJECT, 'dist', 'src', 'index.js');
if (!existsSync(pluginPath)) {
  console.error(`No built plugin at ${pluginPath}: run \`npm run build\` first.`);
  process.exit(2);
}
const pluginModule = await import(pathToFileURL(pluginPath).href);
const plugin = pluginModule.default ?? pluginModule;
const exported = plugin.configs?.[configName];
if (exported === undefined) {
  console.error(`The plugin has no config "${configName}" (it has: ${Object.keys(plugin.configs ?? {}).join(', ')}).`);
  process.exit(2);
}
// As a user would: spread the exported config(s) after the parser setup.
const exportedConfigs = Array.isArray(exported) ? exported : [exported];
const onlyRules = options.rules ? options.rules.split(',').map((rule) => rule.trim()).filter(Boolean) : undefined;
for (const rule of onlyRules ?? []) {
  if (plugin.rules?.[rule] === undefined) {
    console.error(`The plugin has no rule "${rule}".`);
    process.exit(2);
  }
}
// With --rules: the config's other entries (ignores, settings, plugin) as they are, only those rules on,
// each with the options the config gives it (the presets' `bareErrors` of no-untyped-throw).
const pluginConfigs =
  onlyRules === undefined
    ? exportedConfigs
    : exportedConfigs.map((config) =>
        config.rules === undefined
          ? config
          : { ...config, rules: Object.fromEntries(onlyRules.map((rule) => [`backend-patterns/${rule}`, config.rules[`backend-patterns/${rule}`] ?? 'error'])) },
      );
const pluginVersion = JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')).version;
// Which build was measured: the project's commit, whether src/ or rules/ had uncommitted changes, and
// when dist/ was built (others may rebuild it during a run; the import above is the one used).
const gitOf = (...args) => {
  try {
    return execFileSync('git', ['-C', PROJECT, ...args], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
};
const pluginBuild = {
  commit: gitOf('rev-parse', 'HEAD'),
  dirty: (gitOf('status', '--porcelain', '--', 'src', 'rules') ?? '') !== '',
  builtAt: statSync(pluginPath).mtime.toISOString(),
};
const outDir = options.out ? path.resolve(options.out) : path.join(OUT_DIR, typed ? `${configName}-typed` : configName);
mkdirSync(outDir, { recursive: true });

const repos = loadRepos().filter((repo) => only === undefined || only.has(repo.name));
if (only !== undefined) for (const name of only) if (!repos.some((r) => r.name === name)) console.error(`unknown repo ${name}`);

const totals = new Map();
const summary = [];
for (const repo of repos) {
  const cwd = path.join(REPOS_DIR, repo.name);
  if (!existsSync(cwd)) {
    console.log(`${repo.name}: not checked out; run \`node bench/realworld/checkout.mjs ${repo.name}\` (skipped)`);
    continue;
  }
  if (typed && !existsSync(path.join(cwd, 'node_modules'))) {
    console.log(`${repo.name}: --typed wants its dependencies: run \`node bench/realworld/install.mjs ${repo.name}\` (linting typed anyway; types of packages will be unresolved)`);
  }
  const files = listTsFiles(cwd, repo.root);
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
    overrideConfig: [
      { ignores: ['**/node_modules/**', '**/dist/**', '**/build/**'] },
      {
        files: ['**/*.ts', '**/*.mts', '**/*.cts'],
        languageOptions: {
          parser: tsParser,
          parserOptions: typed ? { projectService: true, tsconfigRootDir: cwd } : {},
        },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
      },
      ...pluginConfigs,
    ],
  });

  const started = performance.now();
  const findings = [];
  const parseErrors = [];
  const crashes = [];
  let otherMessages = 0;
  let linted = 0;
  let peakRss = 0;
  const collect = (results) => {
    for (const result of results) {
      linted += 1;
      const file = path.relative(cwd, result.filePath).split(path.sep).join('/');
      for (const message of result.messages) {
        if (message.fatal) parseErrors.push({ path: file, line: message.line, message: message.message });
        else if (message.ruleId?.startsWith('backend-patterns/')) {
          findings.push({
            repo: repo.repo,
            commit: repo.commit,
            path: file,
            line: message.line,
            column: message.column,
            rule: message.ruleId.slice('backend-patterns/'.length),
            message: message.message,
          });
        } else otherMessages += 1;
      }
    }
  };
  for (let start = 0; start < files.length; start += batchSize) {
    const batch = files.slice(start, start + batchSize);
    try {
      collect(await eslint.lintFiles(batch));
    } catch {
      // A rule threw somewhere in the batch: lint file by file to name the file(s) and keep the rest.
      for (const file of batch) {
        try {
          collect(await eslint.lintFiles([file]));
        } catch (error) {
          const text = String(error?.message ?? error);
          crashes.push({ path: file, rule: /Rule: "?([\w@/-]+)"?/.exec(text)?.[1] ?? null, message: text.split('\n').slice(0, 3).join(' | ') });
        }
      }
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  const byRule = {};
  for (const finding of findings) {
    byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
    totals.set(finding.rule, (totals.get(finding.rule) ?? 0) + 1);
  }
  const output = {
    name: repo.name,
    repo: repo.repo,
    commit: repo.commit,
    stack: repo.stack,
    root: repo.root,
    config: configName,
    typed,
    pluginVersion,
    pluginBuild,
    eslintVersion: ESLint.version,
    date: new Date().toISOString(),
    files: files.length,
    linted,
    seconds: Number(seconds.toFixed(1)),
    peakRssMb: Math.round(peakRss / 2 ** 20),
    byRule,
    parseErrors,
    crashes,
    otherMessages,
    findings,
  };
  writeFileSync(path.join(outDir, `${repo.name}.json`), JSON.stringify(output, null, 1) + '\n');
  const row = { repo: repo.name, files: files.length, findings: findings.length, parseErrors: parseErrors.length, crashes: crashes.length, seconds: Number(seconds.toFixed(1)), rssMb: output.peakRssMb };
  summary.push(row);
  console.log(`${repo.name}: ${files.length} files, ${findings.length} findings, ${parseErrors.length} parse errors, ${crashes.length} crashes, ${row.seconds} s, rss ${row.rssMb} MB`);
  for (const crash of crashes.slice(0, 5)) console.log(`  crash ${crash.path}: ${crash.message}`);
}

console.log(`\n${configName}${typed ? ' (typed)' : ''}: findings per rule`);
for (const [rule, count] of [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${String(count).padStart(6)}  ${rule}`);
const sum = (key) => summary.reduce((total, row) => total + row[key], 0);
console.log(`  ${String(sum('findings')).padStart(6)}  total over ${summary.length} repos, ${sum('files')} files, ${sum('parseErrors')} parse errors, ${sum('crashes')} crashes, ${sum('seconds').toFixed(1)} s`);
console.log(`Wrote ${path.relative(process.cwd(), outDir)}/<name>.json`);
