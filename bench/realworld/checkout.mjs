#!/usr/bin/env node
// Extracts each repository of repos.json at its pinned commit into bench/realworld/.repos/<name>,
// from a local snapshot (see README.md: the agent `fetch` tool, or a `git clone`). No network.
// Usage: node bench/realworld/checkout.mjs [name ...]   (--force re-extracts)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listTsFiles, loadRepos, MIRROR, mirrorGitDir, parseArgs, REPOS_DIR, TEST_FILE } from './lib.mjs';

const options = parseArgs(process.argv.slice(2), { force: 'boolean' });
const wanted = new Set(options._);
mkdirSync(REPOS_DIR, { recursive: true });

let failed = 0;
for (const repo of loadRepos()) {
  if (wanted.size > 0 && !wanted.has(repo.name)) continue;
  const target = path.join(REPOS_DIR, repo.name);
  if (existsSync(target) && !options.force) {
    mkdirSync(path.join(target, '.git'), { recursive: true });
    console.log(`${repo.name}: present (${path.relative(process.cwd(), target)})`);
    continue;
  }
  const gitDir = mirrorGitDir(repo.repo);
  if (gitDir === undefined) {
    console.log(`${repo.name}: no snapshot at ${path.join(MIRROR, repo.repo.replace('/', '+'))}; fetch ${repo.repo} first (agent fetch tool, or git clone into that folder), skipped`);
    continue;
  }
  const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  try {
    git('cat-file', '-e', `${repo.commit}^{commit}`);
  } catch {
    console.log(`${repo.name}: commit ${repo.commit} is not in ${gitDir}; fetch a snapshot that has it, skipped`);
    continue;
  }
  // The root folder, plus the repository's top-level files (package.json, lock files, tsconfig*.json),
  // which typed linting and install.mjs need.
  const topFiles = git('ls-tree', '--name-only', repo.commit)
    .split('\n')
    .filter((name) => /^(package\.json|package-lock\.json|pnpm-lock\.yaml|pnpm-workspace\.yaml|yarn\.lock|\.yarnrc\.yml|\.npmrc|tsconfig[\w.-]*\.json|nx\.json|turbo\.json|lerna\.json)$/.test(name));
  // Every package manifest and tsconfig of the repository too (no code): what a user's checkout has
  // to tell a workspace package (\`@acme/db\`) or a tsconfig path alias from a third-party package.
  const manifests = git('ls-tree', '-r', '--name-only', repo.commit)
    .split('\n')
    .filter((name) => /(^|\/)(package\.json|tsconfig[\w.-]*\.json)$/.test(name) && !/(^|\/)node_modules\//.test(name));
  const paths = repo.root === '.' ? [] : [...new Set([repo.root, ...topFiles, ...manifests])];
  const partial = `${target}.part`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const started = Date.now();
  // git archive | tar, streamed (snapshots can hold hundreds of MB): arguments go as $1.. , never into the script text.
  const extract = spawnSync(
    'bash',
    ['-c', 'set -o pipefail; git --git-dir "$1" archive --format=tar "$2" -- "${@:4}" | tar -x -C "$3"', 'extract', gitDir, repo.commit, partial, ...paths],
    { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] },
  );
  if (extract.status !== 0) {
    // Snapshots of the fetch tool lack blobs of 4 MiB and more (fonts, data): git archive stops at
    // the first missing one. Then write the blobs that are there one by one instead.
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    const missing = extractPresentBlobs(gitDir, repo.commit, paths, partial);
    console.log(`${repo.name}: git archive stopped at a missing blob; extracted file by file, ${missing} blob(s) absent from the snapshot`);
  }
  // The checkout's top is a repository's top, as in a user's clone: an empty `.git` folder marks it, so
  // that the rules' walk up to package manifests stops here and never reads this repository's own.
  mkdirSync(path.join(partial, '.git'), { recursive: true });
  rmSync(target, { recursive: true, force: true });
  renameSync(partial, target);
  const files = listTsFiles(target, repo.root);
  const nonTest = files.filter((f) => !TEST_FILE.test(f)).length;
  const note = nonTest === repo.tsFiles ? '' : ` (repos.json says ${repo.tsFiles})`;
  console.log(`${repo.name}: extracted ${repo.commit.slice(0, 10)} ${repo.root} in ${Date.now() - started} ms, ${files.length} .ts files, ${nonTest} non-test${note}`);
}
process.exitCode = failed > 0 ? 1 : 0;

/** Writes every regular file blob of `paths` at `commit` that the snapshot holds; returns how many were absent. */
function extractPresentBlobs(gitDir, commit, paths, into) {
  const listing = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit, '--', ...paths], { maxBuffer: 1 << 29 });
  const blobs = listing
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, file] = line.split('\t');
      const [mode, type, sha] = meta.split(' ');
      return { mode, type, sha, file };
    })
    .filter((entry) => entry.type === 'blob' && (entry.mode === '100644' || entry.mode === '100755'));
  let missing = 0;
  const chunk = 2000;
  for (let start = 0; start < blobs.length; start += chunk) {
    const group = blobs.slice(start, start + chunk);
    const result = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
      input: group.map((entry) => entry.sha).join('\n') + '\n',
      maxBuffer: 1 << 30,
    });
    const out = result.stdout;
    let offset = 0;
    for (const entry of group) {
      const headerEnd = out.indexOf(10, offset);
      const header = out.subarray(offset, headerEnd).toString('utf8');
      offset = headerEnd + 1;
      if (header.endsWith(' missing')) {
        missing += 1;
        continue;
      }
      const size = Number(header.split(' ')[2]);
      const file = path.join(into, entry.file);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, out.subarray(offset, offset + size));
      offset += size + 1;
    }
  }
  return missing;
}
