#!/usr/bin/env node
// Runs the BUILT audit (`npm run build` first) on the checked-out backends whose tsconfig lets it load
// the project, and writes <out>/<name>.json in run.mjs's shape, so precision.mjs, report.mjs and
// sample.mjs read it as they read a lint run:
//   findings: {repo, commit, path, line, column, rule, message}, path relative to the repository's top;
//   the project checks' findings under their ids (audit/no-query-in-loop, …), and each route-table row
//   as a finding of rule `route-table` (line = the handler's line, message = the row as a reviewer reads it).
// The per-file rules are left out (--no-eslint: run.mjs measures them) and the projects' own ESLint
// configs are never executed (--no-config-lookup).
//
//   node bench/realworld/audit-run.mjs [--repo name[,name]] [--out <dir>] [--rules audit/no-query-in-loop,…]
//   node bench/realworld/precision.mjs --config <dir>
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadRepos, OUT_DIR, parseArgs, PROJECT, REPOS_DIR } from './lib.mjs';

/** The folder audited in each checkout (the one holding the backend's tsconfig.json; a tsconfig that extends an uninstalled package, as logto's, does not load), and an explicit tsconfig where it is not that folder's. */
const TARGETS = {
  outline: { dir: '.' },
  novu: { dir: 'apps/api' },
  vendure: { dir: 'packages/core' },
  'opencollective-api': { dir: '.' },
  ghostfolio: { dir: 'apps/api' },
  hoppscotch: { dir: 'packages/hoppscotch-backend' },
  'postgres-meta': { dir: '.' },
  'nestjs-realworld': { dir: '.' },
  'express-realworld': { dir: '.' },
  // holdout-16
  postmangovsg: { dir: 'backend' },
  nostream: { dir: '.' },
  vrite: { dir: 'packages/backend' },
  'affine-server': { dir: 'packages/backend/server' },
  // nocobase-ai: its tsconfig extends a generated tsconfig.paths.json that the repository does not hold.
  // holdout-17
  plumber: { dir: 'packages/backend' },
  formsg: { dir: '.' },
  'evolution-api': { dir: '.' },
  'omnivore-api': { dir: 'packages/api' },
  'dyrector-crux': { dir: 'web/crux' },
  // holdout-18
  'opensauced-api': { dir: '.' },
  gogovsg: { dir: '.' },
  'pims-api': { dir: 'express-api' },
  openbeta: { dir: '.' },
  'briefer-api': { dir: 'apps/api' },
  // holdout-19
  swetrix: { dir: 'backend' },
  // classroomio: its packages' tsconfigs extend a workspace package (@cio/tsconfig) that only an install links.
  chibisafe: { dir: 'packages/backend' },
  maestro: { dir: 'server' },
  'sponsorblock-server': { dir: '.' },
  // holdout-20
  maxun: { dir: 'server' },
  'dokploy-server': { dir: 'packages/server' },
  umami: { dir: '.' },
  'plunk-api': { dir: 'packages/api' },
  jackson: { dir: 'npm' },
  'ddd-hexagon': { dir: '.' },
};

const options = parseArgs(process.argv.slice(2), { repo: 'string', out: 'string', rules: 'string' });
const only = options.repo ? new Set(options.repo.split(',')) : undefined;
const outDir = options.out ? path.resolve(options.out) : path.join(OUT_DIR, 'audit');
const cli = path.join(PROJECT, 'dist', 'src', 'audit', 'cli.js');
if (!existsSync(cli)) {
  console.error(`No built audit at ${cli}: run \`npm run build\` first.`);
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const toPosix = (p) => p.split(path.sep).join('/');
for (const repo of loadRepos().filter((r) => TARGETS[r.name] !== undefined && (only === undefined || only.has(r.name)))) {
  const target = TARGETS[repo.name];
  const checkout = path.join(REPOS_DIR, repo.name);
  const audited = path.join(checkout, target.dir);
  if (!existsSync(audited)) {
    console.error(`${repo.name}: not checked out (node bench/realworld/checkout.mjs)`);
    continue;
  }
  const report = path.join(outDir, `${repo.name}.report.tmp.json`);
  const args = [cli, 'audit', audited, '--no-eslint', '--no-config-lookup', '--format', 'json', '--output', report, '--fail-on', 'never'];
  if (target.tsconfig !== undefined) args.push('--tsconfig', path.join(checkout, target.tsconfig));
  if (options.rules !== undefined) args.push('--rules', options.rules);
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--max-old-space-size=6144', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  if (run.status !== 0 || !existsSync(report)) {
    console.error(`${repo.name}: the audit failed (exit ${run.status}): ${(run.stderr ?? '').trim().split('\n').slice(0, 3).join(' | ')}`);
    continue;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report);
  const repoPath = (file) => toPosix(path.normalize(path.join(target.dir, file)));
  const findings = result.findings
    .filter((f) => f.ruleId.startsWith('audit/'))
    .map((f) => ({ repo: repo.repo, commit: repo.commit, path: repoPath(f.file), line: f.line, column: f.column, rule: f.ruleId, message: f.message }));
  for (const route of result.routes ?? []) {
    const auth = route.public ? 'public' : JSON.stringify(route.auth ?? []);
    findings.push({ repo: repo.repo, commit: repo.commit, path: repoPath(route.file), line: route.line, column: 1, rule: 'route-table', message: `${route.method} ${route.path} (${route.handler}) ${auth}` });
  }
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.rule.localeCompare(b.rule));
  const byRule = {};
  for (const finding of findings) byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
  writeFileSync(path.join(outDir, `${repo.name}.json`), JSON.stringify({ repo: repo.repo, commit: repo.commit, audited: target.dir, seconds, byRule, findings }, null, 1) + '\n');
  console.log(`${repo.name.padEnd(20)} ${String(seconds).padStart(6)}s  ${Object.entries(byRule).map(([rule, n]) => `${rule} ${n}`).join(', ')}`);
}
