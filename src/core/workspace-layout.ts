import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

/**
 * How a workspace lays out its packages, read from disk: the folders its package.json
 * `workspaces` or pnpm-workspace.yaml name. Shared by the audit's workspace discovery and by the
 * judgement of which imports are the project's own modules (`project-modules.ts`).
 */

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.next', '.nx', '.turbo', '.cache']);
/** How deep package folders are searched for (`apps/group/name` is three levels). */
const MAX_DEPTH = 6;

export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** `workspaces: [...]` or `workspaces: { packages: [...] }` (yarn). */
export function npmWorkspacePatterns(manifest: unknown): string[] {
  if (typeof manifest !== 'object' || manifest === null) return [];
  const workspaces = (manifest as Record<string, unknown>).workspaces;
  if (Array.isArray(workspaces)) return stringList(workspaces);
  if (typeof workspaces === 'object' && workspaces !== null) return stringList((workspaces as Record<string, unknown>).packages);
  return [];
}

function unquote(value: string): string {
  const trimmed = value.trim();
  const quote = trimmed[0];
  if ((quote === '"' || quote === "'") && trimmed.endsWith(quote) && trimmed.length >= 2) return trimmed.slice(1, -1);
  return trimmed;
}

/**
 * The `packages:` list of a pnpm-workspace.yaml: block form (`- 'apps/*'` lines) or flow form
 * (`packages: [apps/*, 'libs/*']`); comments ignored. Other keys (`catalog:`, …) are skipped.
 */
export function pnpmWorkspacePatterns(text: string): string[] {
  const lines = text.split(/\r?\n/).map((line) => line.replace(/(^|\s)#.*$/, ''));
  const patterns: string[] = [];
  let inPackages = false;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const topLevel = /^\S/.test(line);
    if (topLevel) {
      const key = /^packages\s*:\s*(.*)$/.exec(line);
      inPackages = key !== null;
      const inline = key?.[1]?.trim() ?? '';
      if (inline.startsWith('[') && inline.endsWith(']')) {
        patterns.push(...inline.slice(1, -1).split(',').map(unquote).filter((item) => item !== ''));
        inPackages = false;
      }
      continue;
    }
    if (!inPackages) continue;
    const item = /^\s*-\s*(.+)$/.exec(line);
    if (item?.[1] !== undefined) patterns.push(unquote(item[1]));
  }
  return patterns;
}

/** Folders under `root` (relative, `/`-separated) holding `marker`, skipping dependencies and build output. */
export function foldersWith(root: string, marker: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (depth > 0 && entries.some((entry) => entry.isFile() && entry.name === marker)) found.push(path.relative(root, dir).split(path.sep).join('/'));
    if (depth >= MAX_DEPTH) return;
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) walk(path.join(dir, entry.name), depth + 1);
    }
  };
  walk(root, 0);
  return found.sort();
}

/** Package folders matching workspace globs (`packages/*`, `apps/**`, `!apps/legacy`). */
export function matchFolders(root: string, patterns: readonly string[]): string[] {
  const normalise = (pattern: string): string => pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  const include = patterns.filter((pattern) => !pattern.startsWith('!')).map(normalise);
  const exclude = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => normalise(pattern.slice(1)));
  if (include.length === 0) return [];
  const included = picomatch(include, { dot: false });
  const excluded = exclude.length === 0 ? () => false : picomatch(exclude, { dot: false });
  return foldersWith(root, 'package.json').filter((folder) => included(folder) && !excluded(folder));
}

