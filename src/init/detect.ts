import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { DB_PACKAGES } from '../core/catalogs/db-clients.js';
import { INBOUND_ADAPTERS, LAYER_PRESET_NAMES, OUTBOUND_ADAPTERS, type LayerPresetName } from '../core/catalogs/layer-presets.js';
import { LOGGER_PACKAGES } from '../core/catalogs/loggers.js';
import { DEFAULT_SCOPE_IGNORES } from '../core/catalogs/scope.js';
import { compileGlob } from '../core/classify/glob.js';
import { InputError } from '../core/errors.js';
import { readTextSafely } from '../audit/load-project.js';

/**
 * What `backend-patterns init` learns about a project before writing its config: the dependencies
 * of its package.json files (the root and, in a monorepo, its packages), the source files' paths,
 * and from them the frameworks, data libraries, loggers and the layer presets whose conventions the
 * folders follow. Every preset is chosen on evidence found in the project, with the reason kept for
 * the user.
 */

export interface Detection {
  readonly root: string;
  readonly frameworks: readonly string[];
  readonly dataLibraries: readonly string[];
  readonly loggers: readonly string[];
  readonly presets: readonly LayerPresetName[];
  /** Why each preset was chosen, in the order of `presets`. */
  readonly reasons: Readonly<Partial<Record<LayerPresetName, string>>>;
  readonly typescript: boolean;
  /** NestJS guard registered globally (`APP_GUARD`, `useGlobalGuards`) in a module or bootstrap file. */
  readonly globalGuard: boolean;
  /** Source files seen (after the default scope), for the summary. */
  readonly sourceFiles: number;
}

/** Framework packages and the name `init` shows for them. */
export const FRAMEWORK_PACKAGES: Readonly<Record<string, string>> = {
  express: 'express',
  fastify: 'fastify',
  '@nestjs/core': 'nestjs',
  '@nestjs/common': 'nestjs',
  koa: 'koa',
  hono: 'hono',
  '@hapi/hapi': 'hapi',
  next: 'next',
  '@sveltejs/kit': 'sveltekit',
  nuxt: 'nuxt',
  nitropack: 'nitro',
  h3: 'h3',
  '@remix-run/node': 'remix',
  'routing-controllers': 'routing-controllers',
  '@trpc/server': 'trpc',
};

/** Frameworks whose routes are files (`app/api/x/route.ts`, `routes/x/+server.ts`, `server/api/x.ts`). */
const FILE_ROUTER_FRAMEWORKS: ReadonlySet<string> = new Set(['next', 'sveltekit', 'nuxt', 'nitro', 'h3', 'remix']);

const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', '.git', '.next', '.nuxt', '.output', '.svelte-kit', '.turbo', '.cache', 'vendor', 'tmp']);
const SOURCE_FILE = /\.(?:ts|tsx|js|mjs|cjs|mts|cts)$/;
/** Enough files to see the layout of a large monorepo without reading it all. */
const MAX_FILES = 20_000;
const MAX_DEPTH = 12;
const inScope = DEFAULT_SCOPE_IGNORES.map((glob) => compileGlob(glob));

/** @throws InputError when `root` is not a readable folder with a package.json. */
export function detectProject(rootArgument: string): Detection {
  const root = path.resolve(rootArgument);
  let isFolder = false;
  try {
    isFolder = statSync(root).isDirectory();
  } catch (error) {
    throw new InputError(`Cannot read ${rootArgument}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : ((error as NodeJS.ErrnoException).code ?? String(error))}`);
  }
  if (!isFolder) throw new InputError(`${rootArgument} is not a folder; run init on the project's folder`);
  if (!existsSync(path.join(root, 'package.json'))) throw new InputError(`No package.json in ${rootArgument}: run init at the root of a Node.js project`);
  const { files, packageFiles } = walk(root);
  const dependencies = new Set<string>();
  for (const file of packageFiles) for (const name of readDependencies(path.join(root, file), file === 'package.json')) dependencies.add(name);
  const frameworks = namesOf(dependencies, FRAMEWORK_PACKAGES);
  const dataLibraries = namesOf(dependencies, DB_PACKAGES);
  const loggers = namesOf(dependencies, Object.fromEntries(Object.entries(LOGGER_PACKAGES).filter(([name]) => name !== '@nestjs/common').map(([name]) => [name, name])));
  const sources = files.filter((file) => SOURCE_FILE.test(file) && !inScope.some((test) => test(file)));
  const reasons = detectPresets(sources, dependencies, frameworks, (file) => readTextSafely(path.join(root, file)));
  const presets = LAYER_PRESET_NAMES.filter((name) => reasons[name] !== undefined);
  const typescript = dependencies.has('typescript') || files.some((file) => /(?:^|\/)tsconfig(?:\.[\w-]+)?\.json$/.test(file));
  const globalGuard = frameworks.includes('nestjs') && sources.some((file) => /(?:^|\/)(?:main|app|[\w.-]+\.module)\.(?:ts|js)$/.test(file) && registersGlobalAuthGuard(readTextSafely(path.join(root, file))));
  return { root, frameworks, dataLibraries, loggers, presets, reasons, typescript, globalGuard, sourceFiles: sources.length };
}

/**
 * The layer presets a project's paths and dependencies call for, each with its reason. `read`
 * gives a file's text (for `*-store.ts` files, which count only when they import a data library).
 */
export function detectPresets(files: readonly string[], dependencies: ReadonlySet<string>, frameworks: readonly string[], read: (file: string) => string): Partial<Record<LayerPresetName, string>> {
  const reasons: Partial<Record<LayerPresetName, string>> = {};
  const folderNames = new Map<string, number>();
  /** Parent folder → the names of its sub-folders. */
  const children = new Map<string, Set<string>>();
  for (const file of files) {
    const parts = file.split('/').slice(0, -1);
    for (let index = 0; index < parts.length; index += 1) {
      const name = parts[index] ?? '';
      folderNames.set(name, (folderNames.get(name) ?? 0) + 1);
      const parent = parts.slice(0, index).join('/');
      let set = children.get(parent);
      if (set === undefined) children.set(parent, (set = new Set()));
      set.add(name);
    }
  }
  const has = (...names: string[]): string | undefined => names.find((name) => folderNames.has(name));
  const fileLike = (pattern: RegExp): string | undefined => files.find((file) => pattern.test(file));

  const mvcControllers = has('controllers');
  const mvcModels = has('models');
  if (mvcControllers !== undefined && mvcModels !== undefined) reasons.mvc = 'controllers/ and models/ folders';
  const layered = has('dal', 'data-access', 'dataaccess', 'bll', 'business', 'presentation', 'dao', 'daos');
  if (layered !== undefined) reasons.layered = `${layered}/ folder`;
  if (frameworks.includes('nestjs')) reasons.nestjs = 'NestJS dependency (@nestjs/core or @nestjs/common)';

  const cores = [...children.entries()].filter(([, names]) => ['domain', 'application', 'infrastructure'].filter((name) => names.has(name)).length >= 2).map(([parent]) => parent);
  const adapterKinds = new Set([...INBOUND_ADAPTERS, ...OUTBOUND_ADAPTERS]);
  const adapters = [...children.entries()].find(([parent, names]) => parent.split('/').at(-1) === 'adapters' && [...names].some((name) => adapterKinds.has(name)));
  if (has('ports') !== undefined) reasons.hexagonal = 'ports/ folder';
  else if (adapters !== undefined) reasons.hexagonal = `inbound or outbound adapters (${adapters[0]}/)`;
  else if (cores.length === 1) reasons.hexagonal = `domain/, application/ or infrastructure/ side by side in ${cores[0] === '' ? 'the root' : `${cores[0] ?? ''}/`}`;
  if (cores.length >= 2) reasons.ddd = `${String(cores.length)} bounded contexts with domain/, application/ or infrastructure/ (${cores.slice(0, 3).join(', ')}${cores.length > 3 ? ', …' : ''})`;

  const useCases = has('usecases', 'use-cases', 'use_cases', 'interactors');
  const useCaseFile = fileLike(/\.(?:usecase|use-case|use_case|interactor)\.[cm]?[jt]sx?$/);
  if (useCases !== undefined) reasons.clean = `${useCases}/ folder`;
  else if (useCaseFile !== undefined) reasons.clean = `use-case files (${useCaseFile})`;

  const handlerFile = fileLike(/\.(?:command-handler|query-handler|event-handler)\.[cm]?[jt]sx?$/);
  if (dependencies.has('@nestjs/cqrs')) reasons.cqrs = '@nestjs/cqrs dependency';
  else if (handlerFile !== undefined) reasons.cqrs = `command/query handler files (${handlerFile})`;
  else if (has('commands') !== undefined && has('queries') !== undefined && has('handlers') !== undefined) reasons.cqrs = 'commands/, queries/ and handlers/ folders';

  const routerFramework = frameworks.find((name) => FILE_ROUTER_FRAMEWORKS.has(name));
  const routeFile = fileLike(/(?:^|\/)(?:app|api)\/(?:.+\/)?route\.[cm]?[jt]sx?$|(?:^|\/)routes\/(?:.+\/)?\+(?:page\.)?server\.[cm]?[jt]s$|(?:^|\/)pages\/api\/|(?:^|\/)server\/(?:api|routes)\//);
  if (routerFramework !== undefined && routeFile !== undefined) reasons['file-routers'] = `${routerFramework} with file routes (${routeFile})`;

  const dataModules = Object.keys(DB_PACKAGES);
  const storeFile = files.find((file) => /(?:[-.]store|\/stores\/[^/]+)\.[cm]?[jt]sx?$/.test(file) && importsAny(read(file), dataModules));
  if (storeFile !== undefined) reasons.stores = `store files that use a data library (${storeFile})`;
  return reasons;
}

/**
 * A NestJS module or bootstrap that registers an authentication guard for every route:
 * `{ provide: APP_GUARD, useClass: JwtAuthGuard }` or `app.useGlobalGuards(new SessionGuard())`.
 * A global guard of another kind (throttling, roles on top of per-route auth) does not count.
 */
export function registersGlobalAuthGuard(text: string): boolean {
  const guards = [...text.matchAll(/provide\s*:\s*APP_GUARD\s*,\s*use(?:Class|Existing)\s*:\s*([\w$]+)/g), ...text.matchAll(/\.useGlobalGuards\(\s*(?:new\s+)?([\w$]+)/g)].map((match) => match[1] ?? '');
  return guards.some((name) => /auth|jwt|session|passport|clerk|token/i.test(name));
}

function importsAny(text: string, modules: readonly string[]): boolean {
  for (const match of text.matchAll(/(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)['"]([^'"]+)['"]/g)) {
    const source = match[1] ?? '';
    if (modules.some((name) => source === name || source.startsWith(`${name}/`))) return true;
  }
  return false;
}

function namesOf(dependencies: ReadonlySet<string>, catalog: Readonly<Record<string, string>>): string[] {
  const names = new Set<string>();
  for (const [pkg, name] of Object.entries(catalog)) if (dependencies.has(pkg)) names.add(name);
  return [...names].sort();
}

function readDependencies(file: string, required: boolean): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (!required) return [];
    throw new InputError(`Cannot read ${file}: ${error instanceof SyntaxError ? 'not valid JSON' : ((error as NodeJS.ErrnoException).code ?? String(error))}`);
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const manifest = parsed as Record<string, unknown>;
  return ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((key) => {
    const section = manifest[key];
    return typeof section === 'object' && section !== null ? Object.keys(section) : [];
  });
}

/** Source files and package.json files under `root` (relative, `/`-separated), skipping build output and dependencies. */
function walk(root: string): { files: string[]; packageFiles: string[] } {
  const files: string[] = [];
  const packageFiles: string[] = [];
  const pending: { folder: string; depth: number }[] = [{ folder: '', depth: 0 }];
  while (pending.length > 0 && files.length < MAX_FILES) {
    const { folder, depth } = pending.shift() ?? { folder: '', depth: 0 };
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, folder), { withFileTypes: true });
    } catch (error) {
      if (folder === '') throw new InputError(`Cannot read ${root}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      continue;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.') && depth < MAX_DEPTH) pending.push({ folder: relative, depth: depth + 1 });
      } else if (entry.isFile()) {
        if (entry.name === 'package.json') packageFiles.push(relative);
        else if (SOURCE_FILE.test(entry.name) || /^tsconfig(?:\.[\w-]+)?\.json$/.test(entry.name)) files.push(relative);
      }
    }
  }
  return { files, packageFiles };
}
