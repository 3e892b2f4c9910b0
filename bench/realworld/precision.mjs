#!/usr/bin/env node
// Precision per rule over a uniform random sample of the latest run: for each rule, the --n findings
// (default 40, or all when fewer) with the lowest seeded hash of their key. Verdicts come from verdicts/;
// sampled findings without one are listed (and written as JSONL skeletons with --todo <dir>) so the
// sample can be completed by triage. Unlike report.mjs, which counts whatever was triaged, this is
// the number to quote: every finding of a rule had the same chance to be in it.
//
//   node bench/realworld/precision.mjs [--config strict] [--n 40] [--seed 11] [--todo /tmp/todo] [--json]
//   --config also takes an absolute folder written by `run.mjs --out <dir>`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findingKey, loadFindings, loadVerdicts, parseArgs } from './lib.mjs';

const options = parseArgs(process.argv.slice(2), { config: 'string', n: 'string', seed: 'string', todo: 'string', json: 'boolean' });
const config = options.config ?? 'strict';
const size = Number(options.n ?? 40);
const seed = Number(options.seed ?? 11);

/**
 * A finding's place in the sample: an FNV-1a hash of the seed and the finding's key. Each finding's
 * rank depends on itself only, so a rule change that removes findings leaves the rest of the sample
 * as it was (the next-ranked findings take the removed ones' places).
 */
function rank(key) {
  let hash = 0x811c9dc5 ^ seed;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const verdicts = new Map(loadVerdicts().map((verdict) => [findingKey(verdict), verdict]));
const byRule = new Map();
for (const finding of loadFindings(config).findings) {
  if (!byRule.has(finding.rule)) byRule.set(finding.rule, []);
  byRule.get(finding.rule).push(finding);
}

const rows = [];
for (const [rule, findings] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
  const sample = findings.map((finding) => [rank(findingKey(finding)), finding]).sort((a, b) => a[0] - b[0]).slice(0, size).map(([, finding]) => finding);
  const counts = { right: 0, wrong: 0, dismissable: 0 };
  const todo = [];
  for (const finding of sample) {
    const verdict = verdicts.get(findingKey(finding));
    if (verdict === undefined) todo.push(finding);
    else counts[verdict.verdict] += 1;
  }
  const judged = counts.right + counts.wrong + counts.dismissable;
  rows.push({ rule, findings: findings.length, sample: sample.length, ...counts, untriaged: todo.length, precision: judged === 0 ? null : counts.right / judged, dismissRate: judged === 0 ? null : counts.dismissable / judged });
  if (options.todo !== undefined && todo.length > 0) {
    mkdirSync(options.todo, { recursive: true });
    writeFileSync(path.join(options.todo, `${rule.replaceAll('/', '+')}.jsonl`), todo.map((f) => JSON.stringify({ repo: f.repo, commit: f.commit, path: f.path, line: f.line, rule: f.rule, message: f.message })).join('\n') + '\n');
  }
}

if (options.json === true) {
  console.log(JSON.stringify({ config, size, seed, rows }, null, 1));
} else {
  const pct = (value) => (value === null ? '-' : `${Math.round(value * 100)}%`);
  console.log(`config ${config}: uniform sample of ${size} per rule (seed ${seed})\n`);
  console.log(`${'rule'.padEnd(30)}${'findings'.padStart(9)}${'sample'.padStart(8)}${'right'.padStart(7)}${'wrong'.padStart(7)}${'dismiss'.padStart(9)}${'untriaged'.padStart(11)}${'precision'.padStart(11)}${'dismiss%'.padStart(10)}`);
  for (const row of rows) {
    console.log(`${row.rule.padEnd(30)}${String(row.findings).padStart(9)}${String(row.sample).padStart(8)}${String(row.right).padStart(7)}${String(row.wrong).padStart(7)}${String(row.dismissable).padStart(9)}${String(row.untriaged).padStart(11)}${pct(row.precision).padStart(11)}${pct(row.dismissRate).padStart(10)}`);
  }
}
