import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's own package.json (found upwards from this module, in `src/` or `dist/src/`). */
function readOwnPackage(): { name: string; version: string } {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    try {
      const parsed = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (parsed.name === 'eslint-plugin-backend-patterns' && typeof parsed.version === 'string') return { name: parsed.name, version: parsed.version };
    } catch {
      // not here: keep looking upwards
    }
    directory = dirname(directory);
  }
  return { name: 'eslint-plugin-backend-patterns', version: '0.0.0' };
}

export const PACKAGE = readOwnPackage();
