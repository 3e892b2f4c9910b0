import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What the rules read from a package.json. */
export interface PackageManifest {
  readonly directory: string;
  readonly name: string | undefined;
  /** `dependencies` and `peerDependencies`. */
  readonly dependencies: readonly string[];
  /** The version ranges of `dependencies`, `devDependencies` and `peerDependencies`, by package name. */
  readonly versions: Readonly<Record<string, string>>;
  /** It declares workspaces (`workspaces`), or its folder holds `pnpm-workspace.yaml` / `lerna.json`. */
  readonly workspaceRoot: boolean;
  /** `scripts`: name → command. */
  readonly scripts: Readonly<Record<string, string>>;
}

/**
 * package.json files by folder, read once per process: a manifest is not edited during a lint run
 * or an audit. `unreadable`: the file is there but is no JSON; undefined: the folder has none.
 */
const manifests = new Map<string, PackageManifest | 'unreadable' | undefined>();

export function packageManifestAt(directory: string): PackageManifest | 'unreadable' | undefined {
  if (manifests.has(directory)) return manifests.get(directory);
  const file = path.join(directory, 'package.json');
  let manifest: PackageManifest | 'unreadable' | undefined;
  if (existsSync(file)) {
    try {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; workspaces?: unknown; dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; devDependencies?: Record<string, string>; scripts?: unknown };
      const scripts = typeof json.scripts === 'object' && json.scripts !== null ? Object.fromEntries(Object.entries(json.scripts).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : {};
      manifest = {
        directory,
        name: typeof json.name === 'string' ? json.name : undefined,
        dependencies: [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.peerDependencies ?? {})],
        versions: Object.fromEntries(
          [json.devDependencies, json.peerDependencies, json.dependencies].flatMap((group) => Object.entries(group ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
        ),
        workspaceRoot: json.workspaces !== undefined || existsSync(path.join(directory, 'pnpm-workspace.yaml')) || existsSync(path.join(directory, 'lerna.json')),
        scripts,
      };
    } catch {
      manifest = 'unreadable';
    }
  }
  manifests.set(directory, manifest);
  return manifest;
}

/** The package a directory belongs to: its nearest package.json, undefined when none is found or the nearest one cannot be read. */
export function nearestPackageManifest(directory: string): PackageManifest | undefined {
  for (let current = directory; ; current = path.dirname(current)) {
    const manifest = packageManifestAt(current);
    if (manifest === 'unreadable') return undefined;
    if (manifest !== undefined) return manifest;
    if (path.dirname(current) === current) return undefined;
  }
}

/**
 * The `dependencies` and `peerDependencies` of the package a directory belongs to (its nearest
 * package.json), for `isServerPackage`. Undefined when no package.json is found or the nearest one
 * cannot be read.
 */
export function packageDependenciesOf(directory: string): readonly string[] | undefined {
  return nearestPackageManifest(directory)?.dependencies;
}

/**
 * The version range a directory's package declares for `name` (`^11.1.26`): the nearest package.json
 * that lists it among its dependencies, dev or peer dependencies, walking up as Node resolves
 * packages — through manifests that do not list it (a source folder's `{ "type": "module" }` stub, a
 * workspace member) — and stopping after a workspace root or the repository's top (a folder holding
 * `.git`): a package.json outside the project is not the project's. Undefined when none lists it.
 */
export function declaredVersionOf(directory: string, name: string): string | undefined {
  for (let current = directory; ; current = path.dirname(current)) {
    const manifest = packageManifestAt(current);
    if (manifest !== undefined && manifest !== 'unreadable') {
      if (Object.hasOwn(manifest.versions, name)) return manifest.versions[name];
      if (manifest.workspaceRoot) return undefined;
    }
    if (existsSync(path.join(current, '.git')) || path.dirname(current) === current) return undefined;
  }
}
