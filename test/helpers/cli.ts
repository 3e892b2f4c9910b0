import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './build.js';
import { expectedLines } from './expect-labels.js';

export const CLI = path.join(REPO, 'dist', 'src', 'audit', 'cli.js');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `backend-patterns` CLI as a child process. */
export function runCli(args: readonly string[], cwd = REPO): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `file:line` of every `// expect: <ruleId>` label under `root`, sorted. */
export function labelledLocations(root: string, ruleId: string): string[] {
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.parentPath.includes('node_modules'));
  return files
    .flatMap((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return expectedLines(readFileSync(file, 'utf8'), ruleId).map((line) => `${path.relative(root, file).split(path.sep).join('/')}:${String(line)}`);
    })
    .sort();
}
