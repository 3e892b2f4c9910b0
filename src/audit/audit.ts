import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ts } from 'ts-morph';
import { DEFAULT_SCOPE_IGNORES } from '../core/catalogs/scope.js';
import { compileGlob } from '../core/classify/glob.js';
import { ConfigError, InputError } from '../core/errors.js';
import { parseSettings, type BackendPatternsSettings } from '../core/settings.js';
import { PACKAGE } from '../package-info.js';
import { RULES } from '../core/rule-registry.js';
import { fingerprints, readBaseline } from './baseline.js';
import { cacheInvalidation } from './checks/cache-invalidation.js';
import type { CheckContext } from './checks/check.js';
import { checkLayerDependencies } from './checks/layer-dependencies.js';
import { dropThrowsCaughtByCallers } from './caught-by-callers.js';
import { noDbAccessInController } from './checks/no-db-access-in-controller.js';
import { noQueryInLoop } from './checks/no-query-in-loop.js';
import { findEslintConfig, startEslintTask, type EslintTask } from './eslint-task.js';
import { compareFindings, type AuditResult, type ExplainedFile, type Finding, type LayerEdge, type ReportedFinding, type RouteEntry } from './findings.js';
import { explainFiles } from './explain.js';
import { describeFactsCache, FactsCache, factsCacheFile } from './facts-cache.js';
import { CallGraph } from './graph.js';
import { loadProject, readTextSafely } from './load-project.js';
import { routeTable } from './routes.js';

/** The project checks, by id (`audit/<id>` in findings). */
export const CHECK_IDS = ['layer-dependencies', 'no-query-in-loop', 'no-db-access-in-controller', 'cache-invalidation'] as const;

export interface AuditOptions {
  readonly path: string;
  readonly tsconfig?: string | undefined;
  /** A JSON file with the shape of `settings['backend-patterns']`. */
  readonly config?: string | undefined;
  /** Run the plugin's per-file rules through ESLint. */
  readonly eslint: boolean;
  /** Load the project's own `eslint.config.*` (executes it). */
  readonly configLookup: boolean;
  /** Keep the per-file rules' results (ESLint's cache, keyed by file content) and the project checks' facts between runs. */
  readonly cache?: boolean;
  /** Where, when `cache` (default: `<path>/node_modules/.cache/backend-patterns/eslint-cache`). */
  readonly cacheLocation?: string | undefined;
  /** Rule and check ids to run (`no-query-in-loop` selects the rule and the check; `audit/no-query-in-loop` the check only). */
  readonly rules?: readonly string[] | undefined;
  readonly baseline?: string | undefined;
  /** Ignore the baseline's contents (it is about to be rewritten). */
  readonly updateBaseline?: boolean;
  /** `counts`: files done of the phase, and how many of them the facts cache answered. */
  readonly onProgress?: (message: string, counts?: { readonly done: number; readonly total: number; readonly cached?: number }) => void;
  /** Lines for `--debug`: what the facts cache did (files extracted again, from the cache, typed questions asked). */
  readonly onDebug?: (line: string) => void;
}

interface Selection {
  readonly checks: ReadonlySet<string>;
  readonly rules: readonly string[] | undefined;
}

/** @throws InputError naming an unknown id. */
export function selectRules(ids: readonly string[] | undefined): Selection {
  if (ids === undefined) return { checks: new Set(CHECK_IDS), rules: undefined };
  const ruleIds = Object.keys(RULES);
  const checks = new Set<string>();
  const rules: string[] = [];
  for (const raw of ids) {
    const id = raw.trim().replace(/^backend-patterns\//, '');
    if (id === '') continue;
    const check = id.replace(/^audit\//, '');
    const isCheck = (CHECK_IDS as readonly string[]).includes(check);
    const isRule = !id.startsWith('audit/') && ruleIds.includes(id);
    if (!isCheck && !isRule) throw new InputError(`Unknown rule id '${raw}' (known: ${[...ruleIds, ...CHECK_IDS.map((known) => `audit/${known}`)].sort().join(', ')})`);
    if (isCheck) checks.add(check);
    if (isRule) rules.push(id);
  }
  return { checks, rules };
}

/** @throws InputError / ConfigError for an unreadable or invalid settings file. */
export function readSettingsFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read --config ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`--config ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const nested = typeof parsed === 'object' && parsed !== null && 'backend-patterns' in parsed ? (parsed as Record<string, unknown>)['backend-patterns'] : parsed;
  parseSettings(nested);
  return nested;
}

/**
 * Creates the cache file's folder, so that a location that cannot be used is one clear error here
 * (ESLint would silently not save the cache).
 * @throws InputError
 */
function prepareCacheLocation(file: string): string {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    if (existsSync(file) && statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    accessSync(path.dirname(file), constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'it is a folder; give a file path' : code === 'EEXIST' || code === 'ENOTDIR' ? 'a parent of it is a file' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'its folder is not writable' : (code ?? String(error));
    throw new InputError(`Cannot use the cache location ${file}: ${why}`);
  }
  return file;
}

/** Runs the whole audit and returns plain data; prints nothing. */
export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const progress = options.onProgress ?? (() => undefined);
  const selection = selectRules(options.rules);
  const rawSettings = options.config === undefined ? undefined : readSettingsFile(options.config);
  const baseline = options.baseline !== undefined && options.updateBaseline !== true ? readBaseline(options.baseline) : new Set<string>();
  progress('Loading project');
  // The per-file rules run on a second thread, started as soon as the files are read, while this
  // one parses the project and follows calls across files.
  let eslintTask: EslintTask | undefined;
  // One cache folder: ESLint's per-file results in the cache file, the project checks' facts beside it.
  let factsCache: FactsCache | undefined;
  const startEslint = (root: string, files: readonly string[], texts: readonly string[]): void => {
    const cacheLocation = options.cache === true ? prepareCacheLocation(path.resolve(options.cacheLocation ?? path.join(root, 'node_modules', '.cache', 'backend-patterns', 'eslint-cache'))) : undefined;
    if (cacheLocation !== undefined) factsCache = new FactsCache(factsCacheFile(cacheLocation), root);
    if (!options.eslint || selection.rules?.length === 0) return;
    progress('Running ESLint rules');
    eslintTask = startEslintTask({ root, files, texts, configLookup: options.configLookup, settings: rawSettings, rules: selection.rules, cacheLocation });
  };
  const findings: Finding[] = [];
  let layers: ReturnType<typeof checkLayerDependencies>;
  let routes: RouteEntry[];
  let explained: ExplainedFile[];
  let runNotes: string[] = [];
  let loaded: ReturnType<typeof loadProject>;
  let sourceFiles: ts.SourceFile[];
  let checkedNames: ReadonlySet<string> = new Set();
  let graph: CallGraph;
  try {
    loaded = loadProject(options.path, options.tsconfig, startEslint, { get: (file, text) => factsCache?.get(file, text), set: (file, text, problem) => factsCache?.set(file, text, problem) }, (done, total) => { progress('Loading project', { done, total }); });
    findings.push(...loaded.problems);
    sourceFiles = loaded.files.map((file) => file.compilerNode);
    let settingsSource = rawSettings;
    const notes: string[] = [];
    // ESLint loads on this thread only to read the project's config: its settings and where it runs the plugin's rules.
    let inScope: ReadonlySet<string> | undefined;
    if (options.configLookup && sourceFiles[0] !== undefined && findEslintConfig(loaded.root) !== undefined) {
      const { eslintViewOfProject } = await import('./eslint-run.js');
      const view = await eslintViewOfProject(loaded.root, sourceFiles.map((file) => file.fileName));
      settingsSource ??= view?.settings;
      inScope = view?.inScope;
      if (inScope === undefined && selection.rules === undefined) {
        notes.push("The project's ESLint config enables none of the backend-patterns rules: no per-file rule ran (add configs.recommended to it, or pass --rules); the project checks used the presets' default scope.");
      }
    }
    runNotes = notes;
    const settings: BackendPatternsSettings = parseSettings(settingsSource);
    const total = sourceFiles.length;
    const facts = factsCache?.open(sourceFiles, loaded.compilerOptions, settingsSource, (done, cached) => { progress('Project facts', { done, total, cached }); });
    graph = new CallGraph(loaded.project, loaded.files, loaded.root, settings, facts);
    // The presets' default scope: tests, mocks, fixtures, migrations, seeds and scripts are followed
    // when application code calls them, but hold no findings and no routes of the application. Where
    // the project's ESLint config runs the plugin's rules, the project checks see the same files.
    const outOfScope = DEFAULT_SCOPE_IGNORES.map(compileGlob);
    const checkedFiles = sourceFiles.filter((file) => {
      if (inScope !== undefined) return inScope.has(file.fileName);
      const relative = path.relative(loaded.root, file.fileName).replaceAll('\\', '/');
      return !outOfScope.some((matches) => matches(relative));
    });
    graph.layers.setScope(checkedFiles);
    checkedNames = new Set(checkedFiles.map((file) => file.fileName));
    const context: CheckContext = { graph, files: checkedFiles };
    progress('Checking layers');
    layers = checkLayerDependencies(context);
    explained = explainFiles(graph, checkedFiles, layers.dependencies);
    if (selection.checks.has('layer-dependencies')) findings.push(...layers.findings);
    progress('Following calls');
    if (selection.checks.has('no-query-in-loop')) findings.push(...noQueryInLoop(context));
    if (selection.checks.has('no-db-access-in-controller')) {
      // The premise is a service layer in the project: where some controller calls a service, every
      // controller reaching the database around one (through a helper, a repository) is a finding.
      const projectUsesServices = layers.dependencies.some((dependency) => dependency.from === 'controller' && dependency.to === 'service');
      findings.push(...noDbAccessInController(context, projectUsesServices));
    }
    if (selection.checks.has('cache-invalidation')) findings.push(...cacheInvalidation(context));
    routes = routeTable(graph, checkedFiles);
    if (facts !== undefined && factsCache !== undefined) {
      factsCache.save();
      options.onDebug?.(describeFactsCache(facts.stats(), factsCache.file));
    }
  } catch (error) {
    eslintTask?.cancel();
    throw error;
  }
  if (eslintTask !== undefined) {
    // A file the project load could not parse is listed as such and not analysed (ESLint saw it before the parse).
    const listed = new Set(loaded.problems.map((problem) => problem.file));
    const perFile = (await eslintTask.findings).filter((finding) => !listed.has(finding.file));
    // What a per-file rule cannot see: every caller of a function catches what it throws.
    findings.push(...dropThrowsCaughtByCallers(perFile, graph, (fileName) => checkedNames.has(fileName)));
  }

  findings.sort(compareFindings);
  const texts = new Map(sourceFiles.map((file) => [file.fileName, file.text.split(/\r?\n/)]));
  const lineText = (file: string, line: number): string => {
    const absolute = path.join(loaded.root, file);
    let lines = texts.get(absolute);
    if (lines === undefined) {
      lines = readTextSafely(absolute).split(/\r?\n/);
      texts.set(absolute, lines);
    }
    return lines[line - 1] ?? '';
  };
  const prints = fingerprints(findings, lineText);
  const reported: ReportedFinding[] = findings.map((finding, index) => {
    const fingerprint = prints[index] ?? '';
    return { ...finding, fingerprint, baselined: baseline.has(fingerprint) };
  });
  const live = reported.filter((finding) => !finding.baselined);
  const edges: LayerEdge[] = layers.edges;
  return {
    schemaVersion: 1,
    tool: { name: 'backend-patterns', version: PACKAGE.version },
    root: options.path,
    summary: {
      files: sourceFiles.length + loaded.problems.length,
      errors: live.filter((finding) => finding.severity === 'error').length,
      warnings: live.filter((finding) => finding.severity === 'warning').length,
      baselined: reported.length - live.length,
    },
    findings: reported,
    routes,
    layerGraph: { edges },
    explain: explained,
    ...(runNotes.length === 0 ? {} : { notes: runNotes }),
  };
}

