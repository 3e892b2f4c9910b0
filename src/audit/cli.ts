#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import path from 'node:path';
import { ConfigError, InputError } from '../core/errors.js';
import { REPOSITORY_URL } from '../core/rule-registry.js';
import { DEFAULT_BASELINE_FILE, runInit, type InitFlags } from '../init/command.js';
import { PACKAGE } from '../package-info.js';
import { baselineText } from './baseline.js';
import { changedFiles, onlyChanged } from './changed.js';
import type { AuditResult } from './findings.js';
import { formatExplain } from './explain.js';
import { writeFileAtomic } from './fs-atomic.js';
import { readTextSafely } from './load-project.js';
import { mergeResults, readReport } from './merge.js';
import { progressReporter, showsProgress } from './progress.js';
import { FORMATS, formatReport, type Format } from './report/index.js';
import { auditTarget } from './workspaces.js';

interface AuditFlags {
  tsconfig?: string;
  config?: string;
  format: Format;
  output?: string;
  baseline?: string;
  updateBaseline?: boolean;
  failOn: 'error' | 'warning' | 'never';
  rules?: string;
  eslint: boolean;
  configLookup: boolean;
  cache?: boolean;
  cacheLocation?: string;
  quiet?: boolean;
  debug?: boolean;
  explain?: boolean | string;
  package?: string;
  changedSince?: string;
}

function exitStatus(result: AuditResult, failOn: AuditFlags['failOn']): number {
  if (failOn === 'never') return 0;
  if (result.summary.errors > 0) return 1;
  return failOn === 'warning' && result.summary.warnings > 0 ? 1 : 0;
}

async function audit(target: string, flags: AuditFlags): Promise<number> {
  if (flags.updateBaseline === true && flags.baseline === undefined) throw new InputError('--update-baseline needs --baseline <file>');
  if (flags.updateBaseline === true && flags.changedSince !== undefined) throw new InputError('--update-baseline records every finding; it cannot be combined with --changed-since');
  // A bad ref fails before the analysis, not after it.
  const changed = flags.changedSince === undefined ? undefined : changedFiles(target, flags.changedSince);
  const progress = progressReporter(process.stderr, showsProgress({ stderrIsTTY: process.stderr.isTTY, reportPiped: flags.output === undefined && !process.stdout.isTTY, env: process.env }));
  let result: AuditResult;
  try {
    result = await auditTarget({
      path: target,
      tsconfig: flags.tsconfig,
      config: flags.config,
      eslint: flags.eslint,
      configLookup: flags.configLookup,
      cache: flags.cache === true || flags.cacheLocation !== undefined,
      cacheLocation: flags.cacheLocation,
      rules: flags.rules?.split(','),
      baseline: flags.baseline,
      updateBaseline: flags.updateBaseline === true,
      onProgress: progress.update,
      ...(flags.debug === true ? { onDebug: (line: string) => { process.stderr.write(`backend-patterns: ${line}\n`); } } : {}),
    }, flags.package);
  } finally {
    progress.stop();
  }
  if (flags.updateBaseline === true && flags.baseline !== undefined) {
    writeFileAtomic(flags.baseline, baselineText(result.findings.map((finding) => finding.fingerprint)));
    process.stderr.write(`backend-patterns: baseline ${flags.baseline} records ${String(result.findings.length)} findings\n`);
  }
  for (const note of result.notes ?? []) process.stderr.write(`backend-patterns: ${note}\n`);
  const root = path.resolve(target);
  if (changed !== undefined && flags.changedSince !== undefined) result = onlyChanged(result, root, changed, flags.changedSince);
  if (flags.explain !== undefined && flags.explain !== false && flags.format === 'text') {
    const text = formatExplain(result, typeof flags.explain === 'string' ? flags.explain : undefined);
    if (flags.output === undefined) process.stdout.write(text);
    else writeFileAtomic(flags.output, text);
    return 0;
  }
  const report = formatReport(flags.format, result, {
    color: flags.output === undefined && process.stdout.isTTY && process.env.NO_COLOR === undefined,
    quiet: flags.quiet === true,
    sourceLine: (file, line) => readTextSafely(path.join(root, file)).split(/\r?\n/)[line - 1] ?? '',
  });
  if (flags.output === undefined) process.stdout.write(report);
  else writeFileAtomic(flags.output, report);
  return flags.updateBaseline === true ? 0 : exitStatus(result, flags.failOn);
}

interface MergeFlags {
  format: Format;
  output?: string;
  failOn: AuditFlags['failOn'];
}

function merge(files: readonly string[], flags: MergeFlags): number {
  const results = files.map(readReport);
  const roots = new Set(results.map((result) => result.root));
  const root = roots.size === 1 ? (results[0]?.root ?? '.') : '.';
  const result = mergeResults(results, root);
  const report = formatReport(flags.format, result, {
    color: flags.output === undefined && process.stdout.isTTY && process.env.NO_COLOR === undefined,
    quiet: false,
    sourceLine: (file, line) => readTextSafely(path.resolve(root, file)).split(/\r?\n/)[line - 1] ?? '',
  });
  if (flags.output === undefined) process.stdout.write(report);
  else writeFileAtomic(flags.output, report);
  return exitStatus(result, flags.failOn);
}

function fail(error: unknown, debug: boolean): number {
  if (error instanceof InputError || error instanceof ConfigError) {
    process.stderr.write(`backend-patterns: ${error.message}\n`);
    if (debug && error.stack !== undefined) process.stderr.write(`${error.stack}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`backend-patterns: internal error: ${message.split('\n')[0] ?? ''}. This is a bug; please report it at ${REPOSITORY_URL}/issues${debug ? '' : ' (add --debug for the stack trace)'}\n`);
  if (debug && error instanceof Error && error.stack !== undefined) process.stderr.write(`${error.stack}\n`);
  return 2;
}

async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const program = new Command('backend-patterns')
    .description('Architecture audit for Node.js backends: layers, N+1 queries across files, DB access from controllers, routes.')
    .version(PACKAGE.version, '--version')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  let status = 0;
  program
    .command('audit')
    .description('Audit the project at [path] (default: the current directory) and print a report.')
    .argument('[path]', 'project folder', '.')
    .option('--tsconfig <file>', 'tsconfig to load (default: <path>/tsconfig.json; references are followed)')
    .option('--config <file>', "JSON settings with the shape of settings['backend-patterns']")
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('text'))
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--baseline <file>', 'findings recorded in this baseline do not fail the run')
    .option('--update-baseline', 'record every current finding in the --baseline file')
    .addOption(new Option('--fail-on <level>', 'lowest severity that makes the exit status 1').choices(['error', 'warning', 'never']).default('error'))
    .option('--rules <ids>', 'comma-separated rule and check ids to run (e.g. no-query-in-loop,audit/layer-dependencies)')
    .option('--no-eslint', 'skip the per-file ESLint rules')
    .option('--no-config-lookup', "do not load the project's eslint.config.* (it executes code); use configs.recommended and --config")
    .option('--cache', 'keep the per-file rules\' results and the project checks\' facts between runs, keyed by file content (default location: node_modules/.cache/backend-patterns/)')
    .option('--cache-location <file>', 'cache file for --cache (implies --cache); the facts go beside it, in <file>.facts.json')
    .option('--quiet', 'report errors only')
    .option('--explain [file]', "print each file's layer and the evidence for it, its layer dependencies and its routes' auth (one file, or all); JSON and HTML reports always carry it")
    .option('--package <names>', 'on a workspace root: audit only these packages (comma-separated names or folders), e.g. one per CI job')
    .option('--changed-since <ref>', 'analyse the whole project, report only findings in files changed since the git ref (committed, staged, unstaged, untracked)')
    .option('--debug', 'print stack traces of errors, and what the facts cache did')
    .action(async (target: string, flags: AuditFlags) => {
      status = await audit(target, flags);
    });
  program
    .command('merge')
    .description('Combine JSON reports (audit --format json, e.g. one per package) into one report.')
    .argument('<reports...>', 'JSON report files')
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('text'))
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .addOption(new Option('--fail-on <level>', 'lowest severity that makes the exit status 1').choices(['error', 'warning', 'never']).default('error'))
    .option('--debug', 'print stack traces of errors')
    .action((reports: string[], flags: MergeFlags) => {
      status = merge(reports, flags);
    });
  program
    .command('init')
    .description('Detect the framework, data libraries, logger and folder layout of the project at [path] and write the ESLint config with its layer presets.')
    .argument('[path]', 'project folder', '.')
    .option('--dry-run', 'print the config instead of writing it')
    .option('--json', 'print what was detected and the settings as JSON (writes nothing)')
    .option('--baseline [file]', `also record every current finding in a baseline (default: ${DEFAULT_BASELINE_FILE})`)
    .option('--debug', 'print stack traces of errors')
    .action(async (target: string, flags: InitFlags) => {
      status = await runInit(target, flags, (text) => process.stdout.write(text), (text) => process.stderr.write(text));
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
    return fail(error, debug);
  }
}

process.exitCode = await main(process.argv.slice(2));
