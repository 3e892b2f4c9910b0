import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import type { AuditResult } from './findings.js';
import { summarize } from './merge.js';

/**
 * `--changed-since <ref>`: the whole project is analysed (a change in one file makes findings in
 * another), and the report keeps the findings in files changed since `ref` — committed since the
 * merge base (`git diff <ref>...HEAD`), staged, unstaged, or new and untracked.
 */

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/**
 * Absolute paths of the files changed since `ref` in the git repository holding `folder`.
 * @throws InputError when `folder` is not in a git repository or `ref` names no commit.
 */
export function changedFiles(folder: string, ref: string): ReadonlySet<string> {
  const cwd = path.resolve(folder);
  let top: string;
  try {
    top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    throw new InputError(`--changed-since needs a git repository; ${folder} is not in one`);
  }
  if (ref.startsWith('-')) throw new InputError(`--changed-since: '${ref}' is not a git ref`);
  try {
    git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new InputError(`--changed-since: unknown git ref '${ref}'`);
  }
  const changed = [
    ...lines(git(top, ['diff', '--name-only', '--no-renames', `${ref}...HEAD`, '--'])),
    ...lines(git(top, ['diff', '--name-only', '--no-renames', 'HEAD', '--'])),
    ...lines(git(top, ['ls-files', '--others', '--exclude-standard'])),
  ];
  return new Set(changed.map((file) => path.resolve(top, file)));
}

/** The result narrowed to findings in `changed` files (paths in the result are relative to `root`); the summary is recounted. */
export function onlyChanged(result: AuditResult, root: string, changed: ReadonlySet<string>, ref: string): AuditResult {
  const absoluteRoot = realpathSync(path.resolve(root));
  const findings = result.findings.filter((finding) => changed.has(path.resolve(absoluteRoot, finding.file)));
  return { ...result, summary: summarize(findings, result.summary.files), findings, changedSince: ref };
}
