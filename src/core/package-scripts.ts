import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { WORKER_PATH_WORDS } from './classify/code-context.js';
import { nearestPackageManifest, type PackageManifest } from './package-dependencies.js';

/**
 * Scripts a package runs from its package.json (`"admin:remove-user": "ts-node ./admin/remove-user.ts"`,
 * `"seed": "tsx src/seed.ts"`): programs an operator or a developer starts at a terminal, not code
 * that serves a request (SPEC §3 "Default scope": scripts). The evidence is the manifest itself:
 * the files its scripts run, and the folders that hold only such scripts and the helpers they
 * import. Both engines ask `isPackageScriptModule` for a file's `terminalProgram` fact.
 */

/** Programs that run a JavaScript or TypeScript file given as an argument. */
const RUNNERS = new Set(['node', 'ts-node', 'ts-node-dev', 'ts-node-esm', 'tsx', 'bun', 'babel-node', 'vite-node', 'esno', 'esr', 'jiti', 'sucrase-node', 'swc-node', 'nodemon', 'deno']);

/** Runner options whose next word is their value, not the program (`-r ts-node/register`, `--extensions .js,.ts`). */
const VALUE_OPTIONS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-P', '--project', '-e', '--eval', '-x', '--extensions', '--config-file', '--ignore']);

const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

/**
 * The files a script command runs with a JavaScript or TypeScript runner, as written and relative
 * to the package (`cross-env X=1 ts-node --transpileOnly ./admin/remove-user.ts` → `admin/remove-user.ts`).
 */
export function scriptTargets(command: string): string[] {
  const targets: string[] = [];
  for (const segment of command.split(/&&|\|\||[;|&]/)) {
    const words = segment.trim().split(/\s+/);
    const runner = words.findIndex((word) => RUNNERS.has(word.replace(/^.*\//, '')));
    if (runner === -1) continue;
    for (let index = runner + 1; index < words.length; index += 1) {
      const word = words[index] ?? '';
      if (VALUE_OPTIONS.has(word)) index += 1;
      else if (!word.startsWith('-') && SOURCE_FILE.test(word)) {
        targets.push(path.posix.normalize(word.replaceAll('\\', '/')).replace(/^\.\//, ''));
        break;
      }
    }
  }
  return targets;
}

/**
 * A script that runs the package's long-lived program, not a one-off: named for starting it (`start`,
 * `dev`, `start:prod`, `serve`, `debug`) or for a background process (`worker`, `cron`,
 * `queue:consume`), or run in watch mode (`--watch`, `nodemon`, `ts-node-dev`). Its file is an entry
 * of the server or of a worker.
 */
export function isLongLivedScript(name: string, command: string): boolean {
  const words = name.toLowerCase().split(/[:\-_.]/);
  // Any word of the name: `api:start`, `start:prod`, `dev-server` all run the program.
  if (words.some((word) => /^(?:start|dev|develop|serve|server|debug|watch|prod|production|preview)$/.test(word))) return true;
  if (words.some((word) => (WORKER_PATH_WORDS as readonly string[]).includes(word))) return true;
  return /(?:^|\s)(?:--watch|watch|nodemon|ts-node-dev)(?:\s|$)/.test(command);
}

/** What the adapter reads of a folder for `isScriptFolder`. */
export interface ScriptFolderFacts {
  /** The folder's modules (file names, tests left out). */
  readonly modules: readonly string[];
  /** Modules of the folder that a package script runs. */
  readonly scripts: readonly string[];
  /** Modules of the folder that a script of the long-lived program (`isLongLivedScript`) runs. */
  readonly startScripts: readonly string[];
  /** Each module → the folder's modules it imports (`./make-backup`), by file name. */
  readonly imports: ReadonlyMap<string, readonly string[]>;
}

/**
 * A folder of scripts: package scripts run some of its modules, none of them runs the package's
 * long-lived program, and every other module of the folder is imported by those scripts (directly or through
 * one another) — a helper that writes a backup for two admin scripts is part of them. A folder
 * with one module no script reaches (a service, a route) holds more than scripts.
 */
export function isScriptFolder(facts: ScriptFolderFacts): boolean {
  if (facts.scripts.length === 0 || facts.startScripts.length > 0) return false;
  const reached = new Set<string>(facts.scripts);
  const pending = [...facts.scripts];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const imported of facts.imports.get(next) ?? []) {
      if (reached.has(imported)) continue;
      reached.add(imported);
      pending.push(imported);
    }
  }
  return facts.modules.every((module) => reached.has(module));
}

const TEST_FILE = /\.(?:test|spec|e2e)\.[cm]?[jt]sx?$|\.d\.[cm]?ts$/;

/** `./name` imports and requires of a module text, as the folder's file names they name. */
function folderImports(text: string, modules: readonly string[]): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]\.\/([^'"/]+)['"]/g)) {
    const name = match[1] ?? '';
    const module = modules.find((file) => file === name || file.replace(SOURCE_FILE, '') === name.replace(SOURCE_FILE, ''));
    if (module !== undefined) found.add(module);
  }
  return [...found];
}

const folders = new Map<string, boolean>();
const packageTargets = new Map<string, { scripts: string[]; startScripts: string[] }>();

/** The absolute files a package's scripts run: by its start scripts, and by the others. */
function targetsOf(manifest: PackageManifest): { scripts: string[]; startScripts: string[] } {
  const known = packageTargets.get(manifest.directory);
  if (known !== undefined) return known;
  const targets = { scripts: [] as string[], startScripts: [] as string[] };
  for (const [name, command] of Object.entries(manifest.scripts)) {
    for (const target of scriptTargets(command)) (isLongLivedScript(name, command) ? targets.startScripts : targets.scripts).push(path.resolve(manifest.directory, target));
  }
  packageTargets.set(manifest.directory, targets);
  return targets;
}

/**
 * Is this file (an absolute path) a script of its package: run by one of its package.json scripts
 * other than those that run its long-lived program (`isLongLivedScript`), or a module of a folder of such scripts
 * (`isScriptFolder`)? Read once per folder.
 */
export function isPackageScriptModule(file: string): boolean {
  if (!path.isAbsolute(file)) return false;
  const directory = path.dirname(file);
  const manifest = nearestPackageManifest(directory);
  if (manifest === undefined) return false;
  const { scripts, startScripts } = targetsOf(manifest);
  if (scripts.includes(file) && !startScripts.includes(file)) return true;
  const inFolder = (targets: readonly string[]): string[] => targets.filter((target) => path.dirname(target) === directory).map((target) => path.basename(target));
  if (inFolder(scripts).length === 0) return false;
  const known = folders.get(directory);
  if (known !== undefined) return known;
  let modules: string[];
  try {
    modules = readdirSync(directory).filter((name) => SOURCE_FILE.test(name) && !TEST_FILE.test(name));
  } catch {
    modules = [];
  }
  const imports = new Map<string, string[]>();
  for (const module of modules) {
    try {
      imports.set(module, folderImports(readFileSync(path.join(directory, module), 'utf8'), modules));
    } catch {
      imports.set(module, []);
    }
  }
  const verdict = isScriptFolder({ modules, scripts: inFolder(scripts).filter((name) => modules.includes(name)), startScripts: inFolder(startScripts), imports });
  folders.set(directory, verdict);
  return verdict;
}
