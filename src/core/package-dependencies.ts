import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The `dependencies` and `peerDependencies` of the package a directory belongs to (its nearest
 * package.json), for `isServerPackage`. Read once per directory and process: a package.json is not
 * edited during a lint run or an audit. Undefined when no package.json is found or it cannot be read.
 */
const known = new Map<string, readonly string[] | undefined>();

export function packageDependenciesOf(directory: string): readonly string[] | undefined {
  if (known.has(directory)) return known.get(directory);
  const file = path.join(directory, 'package.json');
  let result: readonly string[] | undefined;
  if (existsSync(file)) {
    try {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
      result = [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.peerDependencies ?? {})];
    } catch {
      result = undefined;
    }
  } else {
    const parent = path.dirname(directory);
    result = parent === directory ? undefined : packageDependenciesOf(parent);
  }
  known.set(directory, result);
  return result;
}
