import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { InputError } from '../core/errors.js';
import { foldersWith, matchFolders, npmWorkspacePatterns, pnpmWorkspacePatterns, readJson } from '../core/workspace-layout.js';
import { runAudit, type AuditOptions } from './audit.js';
import { fingerprints, readBaseline } from './baseline.js';
import type { AuditResult } from './findings.js';
import { readTextSafely, relativePath } from './load-project.js';
import { mergeResults, summarize } from './merge.js';

/**
 * Workspace roots: the packages of a monorepo, found the way its tools find them — npm / yarn
 * `workspaces` in package.json (a list, or `{ packages: [...] }`), pnpm-workspace.yaml, Nx
 * `project.json` files, and a solution-style root tsconfig (`files: []` with `references`).
 * Turborepo has no package list of its own: it uses the package manager's workspaces.
 */

export type WorkspaceSource = 'npm' | 'pnpm' | 'nx' | 'tsconfig';

export interface WorkspacePackage {
  /** The package.json (or project.json) name, else the folder relative to the root. */
  readonly name: string;
  /** Absolute folder. */
  readonly dir: string;
  /** Folder relative to the workspace root, with `/` separators. */
  readonly path: string;
  /** The tsconfig the package is audited with (absolute), when it has one. */
  readonly tsconfig: string | undefined;
}

export interface Workspace {
  readonly root: string;
  readonly sources: readonly WorkspaceSource[];
  /** Sorted by path. */
  readonly packages: readonly WorkspacePackage[];
}

/** Folders never searched for packages. */
/** The packages of a solution-style tsconfig (`files: []` and `references`), as folders. */
function tsconfigReferenceFolders(root: string): string[] {
  const file = path.join(root, 'tsconfig.json');
  if (!existsSync(file)) return [];
  const read = ts.readConfigFile(file, (name) => ts.sys.readFile(name));
  const config = read.config as { files?: unknown; include?: unknown; references?: unknown } | undefined;
  if (read.error !== undefined || config === undefined) return [];
  const solutionStyle = Array.isArray(config.files) && config.files.length === 0 && config.include === undefined;
  if (!solutionStyle || !Array.isArray(config.references)) return [];
  const folders: string[] = [];
  for (const reference of config.references as unknown[]) {
    const target = typeof reference === 'object' && reference !== null ? (reference as { path?: unknown }).path : undefined;
    if (typeof target !== 'string') continue;
    const absolute = path.resolve(root, target);
    const folder = existsSync(absolute) && statSync(absolute).isFile() ? path.dirname(absolute) : absolute;
    if (folder !== root && existsSync(folder)) folders.push(relativePath(root, folder));
  }
  return folders;
}

function packageName(dir: string, fallback: string): string {
  for (const manifest of ['package.json', 'project.json']) {
    const name = (readJson(path.join(dir, manifest)) as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string' && name !== '') return name;
  }
  return fallback;
}

function packageTsconfig(dir: string, referenced: string | undefined): string | undefined {
  if (referenced !== undefined) return referenced;
  for (const name of ['tsconfig.json', 'tsconfig.app.json', 'tsconfig.lib.json']) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * The workspace at `root`, or `undefined` when it is not a workspace root (a plain project).
 * A root listing workspaces that match no folder is an error (the user expects packages), unless the
 * root is a project itself (a tsconfig.json of its own: pnpm's `packages: ['**']`).
 * @throws InputError
 */
export function discoverWorkspace(rootArgument: string): Workspace | undefined {
  const root = path.resolve(rootArgument);
  const sources: WorkspaceSource[] = [];
  const folders = new Set<string>();
  const add = (source: WorkspaceSource, found: readonly string[]): void => {
    if (found.length > 0 && !sources.includes(source)) sources.push(source);
    for (const folder of found) folders.add(folder);
  };
  const npmPatterns = npmWorkspacePatterns(readJson(path.join(root, 'package.json')));
  const pnpmFile = path.join(root, 'pnpm-workspace.yaml');
  const pnpmPatterns = existsSync(pnpmFile) ? pnpmWorkspacePatterns(readFileSync(pnpmFile, 'utf8')) : [];
  add('npm', matchFolders(root, npmPatterns));
  add('pnpm', matchFolders(root, pnpmPatterns));
  if (existsSync(path.join(root, 'nx.json'))) add('nx', foldersWith(root, 'project.json'));
  const declared = npmPatterns.length + pnpmPatterns.length > 0;
  // pnpm's `packages: ['**']` names the root itself too: a root that is a project of its own
  // (its tsconfig.json) with no other package is audited as the plain project it is. A pattern that
  // names other folders only (`packages/*`) and matches none stays an error.
  const namesRoot = [...npmPatterns, ...pnpmPatterns].some((pattern) => ['**', '.', './', './**', '**/*'].includes(pattern.trim()));
  if (folders.size === 0 && declared && !(namesRoot && existsSync(path.join(root, 'tsconfig.json')))) throw new InputError(`The workspaces of ${rootArgument} (${[...npmPatterns, ...pnpmPatterns].join(', ')}) match no package folder`);
  const referenced = new Map<string, string>();
  if (folders.size === 0) {
    for (const folder of tsconfigReferenceFolders(root)) {
      const dir = path.join(root, folder);
      const config = existsSync(path.join(dir, 'tsconfig.json')) ? path.join(dir, 'tsconfig.json') : undefined;
      if (config !== undefined) referenced.set(folder, config);
    }
    add('tsconfig', [...referenced.keys()]);
  }
  if (folders.size === 0) return undefined;
  const packages = [...folders].sort().map((folder) => {
    const dir = path.join(root, folder);
    return { name: packageName(dir, folder), dir, path: folder, tsconfig: packageTsconfig(dir, referenced.get(folder)) };
  });
  return { root, sources, packages };
}

/**
 * The packages `--package` selects: by name (`@acme/api`) or folder (`packages/api`); several
 * separated by commas.
 * @throws InputError naming an unknown package and listing the known ones.
 */
export function selectPackages(workspace: Workspace, selector: string | undefined): readonly WorkspacePackage[] {
  if (selector === undefined) return workspace.packages;
  const wanted = selector.split(',').map((item) => item.trim().replace(/\/+$/, '')).filter((item) => item !== '');
  return wanted.map((item) => {
    const match = workspace.packages.find((candidate) => candidate.name === item || candidate.path === item);
    if (match === undefined) throw new InputError(`Unknown package '${item}' (known: ${workspace.packages.map((candidate) => candidate.name).join(', ')})`);
    return match;
  });
}

function inPackage(pkg: WorkspacePackage, file: string): string {
  return `${pkg.path}/${file}`;
}

/** A package's result with its paths made relative to the workspace root and its findings labelled with the package. */
function relativeToRoot(pkg: WorkspacePackage, result: AuditResult): AuditResult {
  return {
    ...result,
    findings: result.findings.map((finding) => ({
      ...finding,
      file: inPackage(pkg, finding.file),
      ...(finding.chain === undefined ? {} : { chain: finding.chain.map((step) => ({ ...step, file: inPackage(pkg, step.file) })) }),
      package: pkg.name,
    })),
    routes: result.routes.map((route) => ({ ...route, file: inPackage(pkg, route.file) })),
    explain: (result.explain ?? []).map((entry) => ({ ...entry, file: inPackage(pkg, entry.file) })),
    notes: (result.notes ?? []).map((note) => `${pkg.name}: ${note}`),
    packages: [{ name: pkg.name, path: pkg.path, files: result.summary.files }],
  };
}

/** The ESLint cache of one package: its own file, so that packages audited one by one do not evict each other's entries. */
function packageCacheLocation(workspace: Workspace, pkg: WorkspacePackage, location: string | undefined): string {
  const slug = pkg.path.replace(/[^\w.-]+/g, '_');
  return location === undefined ? path.join(workspace.root, 'node_modules', '.cache', 'backend-patterns', 'packages', slug, 'eslint-cache') : `${path.resolve(location)}-${slug}`;
}

/**
 * Audits each package of a workspace with its own tsconfig (and its own eslint.config.* when
 * config lookup is on) and returns one result whose paths are relative to the workspace root. The
 * baseline applies to the combined findings (fingerprints use root-relative paths).
 */
export async function auditWorkspace(workspace: Workspace, packages: readonly WorkspacePackage[], options: AuditOptions): Promise<AuditResult> {
  const progress = options.onProgress ?? (() => undefined);
  const parts: AuditResult[] = [];
  const notes: string[] = [];
  for (const pkg of packages) {
    if (pkg.tsconfig === undefined) {
      notes.push(`${pkg.name} (${pkg.path}) has no tsconfig.json: not audited`);
      continue;
    }
    const result = await runAudit({
      ...options,
      path: pkg.dir,
      tsconfig: pkg.tsconfig,
      cacheLocation: options.cache === true ? packageCacheLocation(workspace, pkg, options.cacheLocation) : undefined,
      baseline: undefined,
      updateBaseline: false,
      onProgress: (message, counts) => { progress(`${pkg.name}: ${message}`, counts); },
    });
    parts.push(relativeToRoot(pkg, result));
  }
  const merged = mergeResults(parts, options.path);
  // Fingerprints again, now that paths are relative to the workspace root; then the baseline.
  const baseline = options.baseline !== undefined && options.updateBaseline !== true ? readBaseline(options.baseline) : new Set<string>();
  const prints = fingerprints(merged.findings, (file, line) => readTextSafely(path.join(workspace.root, file)).split(/\r?\n/)[line - 1] ?? '');
  const findings = merged.findings.map((finding, index) => {
    const fingerprint = prints[index] ?? '';
    return { ...finding, fingerprint, baselined: baseline.has(fingerprint) };
  });
  const allNotes = [...notes, ...(merged.notes ?? [])];
  return {
    ...merged,
    summary: summarize(findings, merged.summary.files),
    findings,
    ...(allNotes.length === 0 ? {} : { notes: allNotes }),
    packages: merged.packages ?? [],
  };
}

/**
 * Audits `options.path`: each package when it is a workspace root (and no `--tsconfig` names one
 * project), else the single project.
 * @throws InputError when `packageSelector` is given for a root that is not a workspace.
 */
export async function auditTarget(options: AuditOptions, packageSelector: string | undefined): Promise<AuditResult> {
  const workspace = options.tsconfig === undefined ? discoverWorkspace(options.path) : undefined;
  if (workspace === undefined) {
    if (packageSelector !== undefined) throw new InputError(`--package: ${options.path} is not a workspace root (no workspaces in package.json, no pnpm-workspace.yaml, no Nx projects, no solution-style tsconfig.json)`);
    return runAudit(options);
  }
  return auditWorkspace(workspace, selectPackages(workspace, packageSelector), options);
}
