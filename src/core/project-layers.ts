import path from 'node:path';
import { layerOfFile } from './classify/layer.js';
import { nameParts } from './classify/names.js';
import type { BackendPatternsSettings } from './settings.js';

/**
 * Does a project have a layer that a controller's data access could go through (SPEC §3 "layer")?
 * The audit's layer checks presume one: in a project whose route modules run SQL through a pool, or
 * whose Fastify routes call the Prisma client, with no service, use-case or repository module
 * anywhere, a controller's dependency on the client is the design, not a skipped layer (the queries
 * themselves stay the per-file rule's findings). Asked of the project's source files.
 */

/** Folders and file names of use-case modules (clean architecture): application logic between handlers and data. */
const USE_CASE_PATH = /(?:^|\/)(?:use-?cases|usecases)\/|\.use-?case\.[cm]?[jt]sx?$/i;

/** Words that make a file name a function's (`getService.ts`, `createRepository.ts`), not a module of the layer. */
const VERBS: ReadonlySet<string> = new Set(['get', 'set', 'is', 'has', 'create', 'make', 'build', 'fetch', 'find', 'load', 'init', 'start', 'use', 'with', 'to', 'parse', 'format', 'register', 'resolve', 'check', 'validate', 'mock', 'fake', 'stub', 'test']);

/** The last words of a module of the layer: `userService.ts`, `OrderRepository.ts`, `user-dao.ts`, `services.ts`. */
const LAYER_WORDS: ReadonlySet<string> = new Set(['service', 'services', 'repository', 'repositories', 'repo', 'repos', 'dao', 'daos']);

const SOURCE_FILE = /\.(?:[cm]?[jt]s|tsx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
const TEST_FILE = /\.(?:spec|test|e2e-spec)\.[cm]?[jt]sx?$/;
/** Folders of dependencies, build output and tests: their files are no layer of the project. */
const SKIPPED_FOLDER = /(?:^|\/)(?:node_modules|dist|build|out|coverage|__tests__|__mocks__|tests?|e2e|fixtures)\//;

/**
 * A module of a service, use-case or repository layer, by its path: `settings.layers` globs of those
 * layers (`services/`, `*.service.ts`, `repositories/`, `*.repository.ts`, `*.dao.ts`), use-case
 * folders and files, or a file named for the layer (`userService.ts`, `OrderRepository.ts`; not
 * `getService.ts`, named for what a function does).
 */
export function isLayerModulePath(relativePath: string, settings: BackendPatternsSettings): boolean {
  const normalised = relativePath.replaceAll('\\', '/');
  const layer = layerOfFile(normalised, settings);
  if (layer === 'service' || layer === 'repository' || USE_CASE_PATH.test(normalised)) return true;
  const stem = path.posix.basename(normalised).replace(/\..*$/, '');
  const words = nameParts(stem);
  const last = words[words.length - 1];
  return last !== undefined && LAYER_WORDS.has(last) && !VERBS.has(words[0] ?? '');
}

/** Is any of a project's source files (paths relative to its root) a module of a service, use-case or repository layer? */
export function projectHasLayerModules(relativePaths: Iterable<string>, settings: BackendPatternsSettings): boolean {
  for (const file of relativePaths) {
    if (SOURCE_FILE.test(file) && !DECLARATION.test(file) && !TEST_FILE.test(file) && !SKIPPED_FOLDER.test(file) && isLayerModulePath(file, settings)) return true;
  }
  return false;
}
