#!/usr/bin/env node
// Prints a seeded random sample of UNTRIAGED findings of the latest run, as JSONL, for triage.
// node bench/realworld/sample.mjs --rule <id> [--n 40] [--seed 1] [--config recommended] [--typed] [--repo name]
// Each line is a verdict skeleton: fill in "verdict" and "cause", then append it to verdicts/<name>.jsonl.
import { findingKey, loadFindings, loadVerdicts, parseArgs } from './lib.mjs';

const options = parseArgs(process.argv.slice(2), { rule: 'string', n: 'string', seed: 'string', config: 'string', typed: 'boolean', repo: 'string' });
const config = `${options.config ?? 'recommended'}${options.typed ? '-typed' : ''}`;
const n = Number(options.n ?? 40);
const { findings, runs } = loadFindings(config);
if (runs.length === 0) {
  console.error(`No run in bench/realworld/out/${config}.`);
  process.exit(2);
}
const triaged = new Set(loadVerdicts().map(findingKey));
const seen = new Set();
const pool = findings.filter((f) => {
  const key = findingKey(f);
  if (triaged.has(key) || seen.has(key)) return false;
  seen.add(key);
  return (options.rule === undefined || f.rule === options.rule) && (options.repo === undefined || runs.some((r) => r.name === options.repo && r.repo === f.repo));
});
// mulberry32: the same seed and the same findings give the same sample.
let state = Number(options.seed ?? 1) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
for (let index = pool.length - 1; index > 0; index -= 1) {
  const other = Math.floor(random() * (index + 1));
  [pool[index], pool[other]] = [pool[other], pool[index]];
}
const name = (repo) => runs.find((run) => run.repo === repo)?.name ?? repo;
for (const f of pool.slice(0, n)) {
  console.log(JSON.stringify({ name: name(f.repo), repo: f.repo, commit: f.commit, path: f.path, line: f.line, rule: f.rule, message: f.message, verdict: '', cause: '' }));
}
console.error(`${Math.min(n, pool.length)} of ${pool.length} untriaged findings${options.rule ? ` of ${options.rule}` : ''} (${config}); open bench/realworld/.repos/<name>/<path>`);
