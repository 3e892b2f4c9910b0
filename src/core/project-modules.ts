import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DB_PACKAGES } from './catalogs/db-clients.js';
import { packageNameOf } from './classify/names.js';
import { packageManifestAt } from './package-dependencies.js';
import { matchFolders, npmWorkspacePatterns, pnpmWorkspacePatterns, readJson } from './workspace-layout.js';

/**
 * Which bare import specifiers are the project's own modules (SPEC §3 "Evidence before names"): a
 * tsconfig `paths` alias (`@docmost/db/*` → `./src/database/*`) or a package of the project's
 * workspace (`@novu/dal` in `libs/dal`). Such an import is local code — a repository imported from
 * it is the project's data layer — where a package from the registry (`unleash-client`'s in-memory
 * repository) is not. Read from the tsconfig and manifests on disk, once per folder, the way
 * TypeScript and the package manager resolve them; both engines ask it when they build a binding.
 */

/**
 * Parses the text of a tsconfig as TypeScript does (comments, trailing commas): each engine passes
 * its own TypeScript's `parseConfigFileTextToJson`, since core imports no engine.
 */
export type ConfigTextParser = (file: string, text: string) => unknown;

interface PathAlias {
  readonly prefix: string;
  readonly suffix: string;
  readonly wildcard: boolean;
  /** Absolute targets, `*` where the wildcard goes. */
  readonly targets: readonly string[];
}

/** How many `extends` are followed from one tsconfig. */
const MAX_EXTENDS = 5;

const aliasesByConfig = new Map<string, ConfigAliases>();
const configByFolder = new Map<string, string | undefined>();
const workspaceByFolder = new Map<string, ReadonlyMap<string, string>>();

/** The nearest tsconfig.json above `folder`, or undefined. */
function nearestTsconfig(folder: string): string | undefined {
  if (configByFolder.has(folder)) return configByFolder.get(folder);
  const file = path.join(folder, 'tsconfig.json');
  const parent = path.dirname(folder);
  const found = existsSync(file) ? file : parent === folder ? undefined : nearestTsconfig(parent);
  configByFolder.set(folder, found);
  return found;
}

interface CompilerPaths {
  readonly paths?: Readonly<Record<string, unknown>>;
  /** The folder of the tsconfig declaring `paths`: where they resolve from without a `baseUrl`. */
  readonly pathsBase?: string;
  readonly baseUrl?: string;
}

/** `compilerOptions.paths` and its base as TypeScript reads them: from the config, else from what it extends (relative files only). */
function compilerPaths(file: string, depth: number, parse: ConfigTextParser): CompilerPaths {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const parsed = parse(file, text);
  if (typeof parsed !== 'object' || parsed === null) return {};
  const config = parsed as { extends?: unknown; compilerOptions?: { paths?: unknown; baseUrl?: unknown } };
  const folder = path.dirname(file);
  const parents = (Array.isArray(config.extends) ? config.extends : [config.extends]).filter((item): item is string => typeof item === 'string' && item.startsWith('.'));
  // Later entries of an `extends` list override earlier ones, and the config itself overrides them all.
  let inherited: CompilerPaths = {};
  if (depth < MAX_EXTENDS) {
    for (const parent of parents) {
      const target = path.resolve(folder, parent.endsWith('.json') ? parent : `${parent}.json`);
      const found = compilerPaths(target, depth + 1, parse);
      inherited = { ...inherited, ...found };
    }
  }
  const options = config.compilerOptions ?? {};
  const baseUrl = typeof options.baseUrl === 'string' ? path.resolve(folder, options.baseUrl) : undefined;
  const paths = typeof options.paths === 'object' && options.paths !== null ? (options.paths as Record<string, unknown>) : undefined;
  return {
    ...inherited,
    ...(paths === undefined ? {} : { paths, pathsBase: folder }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
  };
}

const SOURCE_EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];

/** Does a module path (no extension, or a folder) name a file of the project, as TypeScript would look it up? Never one under `node_modules`. */
function existsInProject(target: string): boolean {
  if (target.split(path.sep).includes('node_modules')) return false;
  return SOURCE_EXTENSIONS.some((extension) => existsSync(`${target}${extension}`));
}

interface ConfigAliases {
  readonly aliases: readonly PathAlias[];
  /** `baseUrl`: bare specifiers resolve under it too (`modules/users/user.repository`). */
  readonly baseUrl?: string;
}

function aliasesOf(config: string, parse: ConfigTextParser): ConfigAliases {
  const known = aliasesByConfig.get(config);
  if (known !== undefined) return known;
  const { paths, pathsBase, baseUrl } = compilerPaths(config, 0, parse);
  const base = baseUrl ?? pathsBase;
  const aliases: PathAlias[] = [];
  for (const [pattern, value] of Object.entries(paths ?? {})) {
    const targets = (Array.isArray(value) ? value : []).filter((item): item is string => typeof item === 'string').map((target) => path.resolve(base ?? path.dirname(config), target));
    const star = pattern.indexOf('*');
    if (targets.length === 0) continue;
    aliases.push(star === -1 ? { prefix: pattern, suffix: '', wildcard: false, targets } : { prefix: pattern.slice(0, star), suffix: pattern.slice(star + 1), wildcard: true, targets });
  }
  // TypeScript prefers the longest matching prefix.
  aliases.sort((a, b) => b.prefix.length - a.prefix.length);
  const value = { aliases, ...(baseUrl === undefined ? {} : { baseUrl }) };
  aliasesByConfig.set(config, value);
  return value;
}

/**
 * Where an alias sends a specifier: the first target that is a file of the project, as TypeScript
 * tries them in order; a target under `node_modules` or missing on disk (a catch-all
 * `"*": ["node_modules/*"]`, a scope alias that does not hold this package) is no project module.
 */
function aliasTarget(specifier: string, { aliases, baseUrl }: ConfigAliases): string | undefined {
  for (const alias of aliases) {
    let targets: readonly string[];
    if (!alias.wildcard) {
      if (specifier !== alias.prefix) continue;
      targets = alias.targets;
    } else {
      if (!specifier.startsWith(alias.prefix) || !specifier.endsWith(alias.suffix) || specifier.length < alias.prefix.length + alias.suffix.length) continue;
      const captured = specifier.slice(alias.prefix.length, specifier.length - alias.suffix.length);
      targets = alias.targets.map((target) => target.replace('*', captured));
    }
    const found = targets.find((target) => existsInProject(target.replace(/\.(?:[cm]?[jt]sx?)$/, '')));
    if (found !== undefined) return found;
  }
  if (baseUrl !== undefined) {
    const target = path.join(baseUrl, specifier);
    if (existsInProject(target)) return target;
  }
  return undefined;
}

const targetsByConfig = new Map<string, Map<string, string | null>>();

/** `aliasTarget` once per tsconfig and specifier: every file under the config imports through the same aliases, and each look-up probes the disk. */
function cachedAliasTarget(specifier: string, config: string, parse: ConfigTextParser): string | undefined {
  let targets = targetsByConfig.get(config);
  if (targets === undefined) {
    targets = new Map();
    targetsByConfig.set(config, targets);
  }
  let target = targets.get(specifier);
  if (target === undefined) {
    target = aliasTarget(specifier, aliasesOf(config, parse)) ?? null;
    targets.set(specifier, target);
  }
  return target ?? undefined;
}

/** The packages of the workspace `folder` belongs to, by name → absolute folder; empty outside a workspace. */
function workspacePackages(folder: string): ReadonlyMap<string, string> {
  const known = workspaceByFolder.get(folder);
  if (known !== undefined) return known;
  let packages: ReadonlyMap<string, string> = new Map();
  const manifest = packageManifestAt(folder);
  const parent = path.dirname(folder);
  if (manifest !== undefined && manifest !== 'unreadable' && manifest.workspaceRoot) {
    const pnpmFile = path.join(folder, 'pnpm-workspace.yaml');
    const lerna = readJson(path.join(folder, 'lerna.json')) as { packages?: unknown } | undefined;
    const patterns = [
      ...npmWorkspacePatterns(readJson(path.join(folder, 'package.json'))),
      ...(existsSync(pnpmFile) ? pnpmWorkspacePatterns(readFileSync(pnpmFile, 'utf8')) : []),
      // Lerna lists its packages itself (default `packages/*`).
      ...(lerna === undefined ? [] : Array.isArray(lerna.packages) ? lerna.packages.filter((item): item is string => typeof item === 'string') : ['packages/*']),
    ];
    const found = new Map<string, string>();
    for (const relative of matchFolders(folder, patterns)) {
      const dir = path.join(folder, relative);
      const name = (readJson(path.join(dir, 'package.json')) as { name?: unknown } | undefined)?.name;
      if (typeof name === 'string' && name !== '' && !found.has(name)) found.set(name, dir);
    }
    packages = found;
  } else if (parent !== folder) {
    packages = workspacePackages(parent);
  }
  workspaceByFolder.set(folder, packages);
  return packages;
}

/**
 * A bare specifier that names the project's own module, as a path relative to the importing file
 * (`@docmost/db/repos/page/page.repo` → `../../database/repos/page/page.repo`) or, for a workspace
 * package, as the path inside it (`@novu/dal` → `#`, `@acme/db/src/users` → `#/src/users`), so that
 * it is judged as the local import it stands for; undefined for a relative import already, a package from the
 * registry, or a file whose folder has no tsconfig alias or workspace that names it.
 */
export function projectModuleSpecifier(specifier: string, fromFile: string, parse: ConfigTextParser): string | undefined {
  const name = packageNameOf(specifier);
  // A database package is the library it names, whatever a path alias says.
  if (name === undefined || !path.isAbsolute(fromFile) || Object.hasOwn(DB_PACKAGES, name)) return undefined;
  const folder = path.dirname(fromFile);
  const config = nearestTsconfig(folder);
  const target = config === undefined ? undefined : cachedAliasTarget(specifier, config, parse);
  if (target !== undefined) {
    const relative = path.relative(folder, target).split(path.sep).join('/');
    return relative.startsWith('.') ? relative : `./${relative}`;
  }
  // A workspace package is the project's own, but its folder is named after the package, not after
  // what it holds (\`packages/repo\` of a protocol's data repositories): only the path inside it speaks,
  // in Node's form for a package's own modules (\`#/src/repositories/user\`).
  if (workspacePackages(folder).has(name)) return `#${specifier.slice(name.length)}`;
  return undefined;
}

/** `{ projectSource }` for an import whose specifier is the project's own module, else `{}` (to spread into an `ImportedName`). */
export function projectSourceOf(specifier: string, fromFile: string | undefined, parse: ConfigTextParser): { readonly projectSource?: string } {
  const projectSource = fromFile === undefined ? undefined : projectModuleSpecifier(specifier, fromFile, parse);
  return projectSource === undefined ? {} : { projectSource };
}
