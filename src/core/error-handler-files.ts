import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { handlerDefaultStatus } from './classify/code-context.js';
import { nearestPackageManifest } from './package-dependencies.js';

/** Where a package's central error handler is conventionally written: its entry modules, and error modules of its middleware folders. */
const ENTRY_FOLDERS = ['', 'src', 'server', 'app', 'src/server', 'src/app'];
const ENTRY_FILES = /^(?:app|server|main|index|express|fastify|koa|hono)\.[cm]?[jt]s$/;
const HANDLER_FOLDERS = ['middleware', 'middlewares', 'errors', 'error', 'lib', 'utils', 'util'];
const HANDLER_FILE = /error/i;
const MAX_BYTES = 512 * 1024;

/** The default status of a package's central error handler, by package folder; read once per process (a handler is not edited during a run). */
const byPackage = new Map<string, number | undefined>();

/**
 * The status the central error handler of the package holding `directory` answers an error that
 * carries none with (core `handlerDefaultStatus`), read from the files where such a handler is
 * conventionally written: the entry modules (`src/app.ts`, `src/server.ts`, `main.ts`, `index.ts`)
 * and the error modules of the middleware, error and utility folders beside them
 * (`src/middleware/error-handler.ts`). Undefined when none of them shows a default.
 */
export function packageErrorHandlerDefaultStatus(directory: string): number | undefined {
  const manifest = nearestPackageManifest(directory);
  if (manifest === undefined) return undefined;
  if (byPackage.has(manifest.directory)) return byPackage.get(manifest.directory);
  let status: number | undefined;
  for (const file of candidateFiles(manifest.directory)) {
    status = handlerDefaultStatus(readSmallFile(file));
    if (status !== undefined) break;
  }
  byPackage.set(manifest.directory, status);
  return status;
}

function candidateFiles(root: string): string[] {
  const files: string[] = [];
  for (const folder of ENTRY_FOLDERS) {
    const base = path.join(root, folder);
    for (const name of listDirectory(base)) if (ENTRY_FILES.test(name)) files.push(path.join(base, name));
    for (const handlers of HANDLER_FOLDERS) {
      const dir = path.join(base, handlers);
      for (const name of listDirectory(dir)) if (HANDLER_FILE.test(name) && /\.[cm]?[jt]s$/.test(name) && !/\.(?:test|spec|d)\.[cm]?[jt]s$/.test(name)) files.push(path.join(dir, name));
    }
  }
  return files;
}

function listDirectory(dir: string): string[] {
  if (!existsSync(dir)) return [];
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function readSmallFile(file: string): string {
  try {
    const stats = statSync(file);
    return stats.isFile() && stats.size <= MAX_BYTES ? readFileSync(file, 'utf8') : '';
  } catch {
    return '';
  }
}
