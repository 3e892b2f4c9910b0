#!/usr/bin/env node
// Installs a checked-out repository's dependencies for typed linting (run.mjs --typed), with its
// package manager, never running its install scripts. Needs the npm registry (the lint run does not).
// node bench/realworld/install.mjs <name> [...]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRepos, REPOS_DIR } from './lib.mjs';

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error('usage: node bench/realworld/install.mjs <name> [...]   (names from repos.json)');
  process.exit(2);
}
let failed = 0;
for (const name of names) {
  const repo = loadRepos().find((r) => r.name === name);
  const cwd = path.join(REPOS_DIR, name);
  if (repo === undefined || !existsSync(path.join(cwd, 'package.json'))) {
    console.error(`${name}: ${repo === undefined ? 'not in repos.json' : 'not checked out (node bench/realworld/checkout.mjs)'}`);
    failed += 1;
    continue;
  }
  const manifest = JSON.parse(readFileSync(path.join(cwd, 'package.json'), 'utf8'));
  const [manager, version] = String(manifest.packageManager ?? '').split('@');
  const has = (file) => existsSync(path.join(cwd, file));
  let command;
  if (has('package-lock.json') || (!has('pnpm-lock.yaml') && !has('yarn.lock'))) command = ['npm', 'install', '--ignore-scripts', '--no-audit', '--no-fund'];
  else if (has('pnpm-lock.yaml')) command = ['npx', '-y', `pnpm@${manager === 'pnpm' ? version : '9'}`, 'install', '--ignore-scripts', '--no-frozen-lockfile'];
  else if (has('.yarnrc.yml') || (manager === 'yarn' && !version.startsWith('1.'))) command = ['npx', '-y', `@yarnpkg/cli-dist@${version ?? '4'}`, 'install', '--mode=skip-build'];
  else command = ['npx', '-y', 'yarn@1', 'install', '--ignore-scripts', '--non-interactive'];
  console.log(`${name}: ${command.join(' ')}`);
  const started = Date.now();
  let result = spawnSync(command[0], command.slice(1), { cwd, stdio: 'inherit' });
  if (result.status !== 0 && command[0] === 'npm' && has('package-lock.json')) {
    // Some lock files name registry mirrors that no longer answer: resolve from the default registry.
    console.log(`${name}: retrying without the lock file: npm install --no-package-lock ...`);
    result = spawnSync('npm', ['install', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd, stdio: 'inherit' });
  }
  console.log(`${name}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed > 0 ? 1 : 0;
